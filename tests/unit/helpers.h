/* SPDX-License-Identifier: MIT */
/* helpers: shared fixtures for the unit tests (load a string and self-check it, find a
 * finding). Include after criterion.h. */
#ifndef ZHUN_TEST_HELPERS_H
#define ZHUN_TEST_HELPERS_H

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "model_check.h"
#include "stdno.h"
#include "strbuf.h"

/* A random string of 1 to `max_pieces` of `pieces` into `s` (room for max_pieces times the
 * longest piece and a NUL), drawn with a fixed generator from `*state` so that a run repeats;
 * returns its length. */
static inline size_t test_random_pieces(char *s, const char *const *pieces, size_t npieces,
					int max_pieces, uint64_t *state)
{
	size_t len = 0;
	int n = 1 + (int)(*state % (uint64_t)max_pieces);
	for (int k = 0; k < n; k++) {
		*state = *state * 6364136223846793005u + 1442695040888963407u;
		const char *p = pieces[(*state >> 33) % npieces];
		size_t pl = strlen(p);
		memcpy(s + len, p, pl);
		len += pl;
	}
	s[len] = '\0';
	return len;
}

static inline void test_tables(void)
{
	static int done;
	if (!done) {
		char err[256];
		const char *dir = getenv("ZHUN_DATADIR");
		stdno_tables_load(dir ? dir : "data", err, sizeof err);
		done = 1;
	}
}

/* The self-check after a load or a model_build: every document a test loads holds every
 * invariant of model_check.h. `text` is what was loaded (NULL when it came from a file); d may
 * be NULL (nothing loaded). */
static inline void test_self_check(const struct doc *d, const char *text, size_t len)
{
	if (!d)
		return;
	struct strbuf why;
	strbuf_init(&why);
	cr_assert(model_check(d, text, len, &why), "self-check: %s", why.buf);
	strbuf_release(&why);
}

/* Load YAML text (syntax by name) into a doc and build its model, and self-check it; findings go
 * to ds. */
static inline struct doc *test_load(struct diag_store *ds, const char *name, const char *text)
{
	struct limits lim;
	limits_default(&lim);
	test_tables();
	struct doc *d =
	    load_buffer(name, text, strlen(text), load_sniff(name, text, strlen(text)), ds, &lim);
	if (d)
		model_build(d, ds);
	test_self_check(d, text, strlen(text));
	diag_store_finish(ds);
	return d;
}

/* The first finding with this code, or NULL. */
static inline const struct diag *test_find(const struct diag_store *ds, enum diag_code code)
{
	for (size_t i = 0; i < ds->n; i++)
		if (ds->v[i].code == code)
			return &ds->v[i];
	return NULL;
}

/* True when `name` ends with one of the `exts` (".yaml", …; a NULL-terminated list). */
static inline bool test_has_ext(const char *name, const char *const *exts)
{
	size_t n = strlen(name);
	for (; *exts; exts++) {
		size_t k = strlen(*exts);
		if (n > k && strcmp(name + n - k, *exts) == 0)
			return true;
	}
	return false;
}

/* Call fn(path, arg) for every regular file under `dir` (recursively, dot files left out) whose
 * name ends with one of `exts`; returns how many. */
static inline size_t test_each_file(const char *dir, const char *const *exts,
				    void (*fn)(const char *path, void *arg), void *arg)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return 0;
	size_t count = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		struct strbuf path = STRBUF_INIT;
		strbuf_addf(&path, "%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(path.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
			count += test_each_file(path.buf, exts, fn, arg);
		} else if (S_ISREG(st.st_mode) && test_has_ext(de->d_name, exts)) {
			fn(path.buf, arg);
			count++;
		}
		strbuf_release(&path);
	}
	closedir(dp);
	return count;
}

/* Two stores hold the same findings in the same order: code, position and message (and the
 * help when `help`). */
static inline void test_same_findings(const struct diag_store *a, const struct diag_store *b,
				      bool help)
{
	cr_assert_eq(diag_store_size(a), diag_store_size(b));
	for (size_t i = 0; i < diag_store_size(a); i++) {
		const struct diag *x = diag_store_get(a, i), *y = diag_store_get(b, i);
		cr_assert_eq(x->code, y->code, "finding %zu", i);
		cr_assert_eq(x->loc.line, y->loc.line, "finding %zu: %s", i, x->msg);
		cr_assert_eq(x->loc.col, y->loc.col, "finding %zu: %s", i, x->msg);
		cr_assert_str_eq(x->msg, y->msg, "finding %zu", i);
		if (help) {
			cr_assert_eq(x->help == NULL, y->help == NULL, "finding %zu", i);
			if (x->help)
				cr_assert_str_eq(x->help, y->help, "finding %zu", i);
		}
	}
}

/* Two systems' models hold `nrows` rows each, the same in place, key, title, number and
 * category. */
static inline void test_same_rows(const struct doc *da, const struct doc *db, size_t nrows)
{
	const struct system *sa = da->model, *sb = db->model;
	cr_assert_eq(sa->nrows, nrows);
	cr_assert_eq(sb->nrows, nrows);
	for (size_t i = 0; i < nrows; i++) {
		const struct row *x = &sa->rows[i], *y = &sb->rows[i];
		cr_assert_eq(x->loc.line, y->loc.line, "row %zu", i);
		cr_assert_eq(x->index, y->index, "row %zu", i);
		cr_assert_str_eq(x->key_eff, y->key_eff, "row %zu", i);
		cr_assert_eq(x->title.s == NULL, y->title.s == NULL, "row %zu", i);
		if (x->title.s)
			cr_assert_str_eq(x->title.s, y->title.s, "row %zu", i);
		cr_assert_eq(x->number.ok, y->number.ok, "row %zu", i);
		cr_assert_eq(x->number.no.year, y->number.no.year, "row %zu", i);
		cr_assert_eq(x->replaces.n, y->replaces.n, "row %zu", i);
		cr_assert_eq(x->category == NULL, y->category == NULL, "row %zu", i);
		if (x->category)
			cr_assert_str_eq(x->category->code.s, y->category->code.s, "row %zu", i);
	}
}

/* Two loads of the same text agree (both failed or neither; the same findings, with their help
 * when `help`; the same rows when there is a model); both are then freed. */
static inline void test_same_loads(struct doc *da, struct diag_store *a, struct doc *db,
				   struct diag_store *b, size_t nrows, bool help)
{
	cr_assert_eq(da == NULL, db == NULL);
	test_same_findings(a, b, help);
	if (da && da->model)
		test_same_rows(da, db, nrows);
	doc_free(da);
	doc_free(db);
	diag_store_release(a);
	diag_store_release(b);
}

#endif
