/* SPDX-License-Identifier: MIT */
/* helpers: shared fixtures for the unit tests (load a string and self-check it, find a
 * finding). Include after criterion.h. */
#ifndef ZHUN_TEST_HELPERS_H
#define ZHUN_TEST_HELPERS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

#endif
