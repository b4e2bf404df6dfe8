/* SPDX-License-Identifier: MIT */
/* Unit tests of the diagnostic store (sorting, de-duplication, counts, overrides, exit status)
 * and of its five printers (exact output, escaping, injection resistance). */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "model.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

static struct loc at(uint32_t line, uint32_t col)
{
	struct loc l = { line, col };
	return l;
}

/* Output of the printer called `name` (through diag_print, so that min_sev applies) as a string
 * the caller frees. */
static char *capture(const char *name, const struct diag_store *ds, const struct diag_print_opts *o)
{
	const struct diag_printer *p = diag_printer_by_name(name);
	cr_assert_not_null(p, "no printer %s", name);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	diag_print(ds, p, f, o);
	fclose(f);
	return buf;
}

/* The small store most printer tests use: added out of order, one clean file, one fatal. */
static void small_store(struct diag_store *ds)
{
	diag_store_init(ds);
	diag_store_file(ds, "a.yaml");
	diag_store_file(ds, "c.yaml");
	diag_add(ds, DIAG_IO_ERROR, "b.yaml", at(0, 0), "cannot read \"%s\"", "b.yaml");
	diag_add(ds, DIAG_STDNO_SEPARATOR, "a.yaml", at(7, 1),
		 "year separator is not the em dash in \"%s\"", "GB 1-99");
	struct diag *d =
	    diag_add(ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 5), "unknown key \"%s\"", "foo");
	diag_set_help(d, "did you mean \"%s\"?", "for");
	diag_store_finish(ds);
}

static const struct diag_print_opts validate_opts = { false, false, "validate", SEV_OFF };

/* ---- a minimal strict JSON parser, so that validity and structure can be asserted ---- */

enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jt t;
	double num;
	char *str;	  /* J_STR: decoded UTF-8 */
	size_t n;	  /* J_ARR, J_OBJ: members */
	struct jv *items; /* values */
	char **keys;	  /* J_OBJ: keys */
};

struct jp {
	const char *s;
	bool ok;
};

static void jp_ws(struct jp *p)
{
	while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')
		p->s++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool jp_hex4(struct jp *p, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(p->s[i]);
		if (h < 0)
			return false;
		*v = *v * 16 + (uint32_t)h;
	}
	p->s += 4;
	return true;
}

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(sb, b, n);
}

static char *jp_string(struct jp *p)
{
	if (*p->s != '"') {
		p->ok = false;
		return NULL;
	}
	p->s++;
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	for (;;) {
		unsigned char c = (unsigned char)*p->s;
		if (c == '"') {
			p->s++;
			break;
		}
		if (c < 0x20) { /* also catches the end of input */
			p->ok = false;
			break;
		}
		if (c != '\\') {
			strbuf_addc(&sb, (char)c);
			p->s++;
			continue;
		}
		p->s++;
		char e = *p->s++;
		uint32_t cp;
		switch (e) {
		case '"':
		case '\\':
		case '/':
			strbuf_addc(&sb, e);
			break;
		case 'b':
			strbuf_addc(&sb, '\b');
			break;
		case 'f':
			strbuf_addc(&sb, '\f');
			break;
		case 'n':
			strbuf_addc(&sb, '\n');
			break;
		case 'r':
			strbuf_addc(&sb, '\r');
			break;
		case 't':
			strbuf_addc(&sb, '\t');
			break;
		case 'u':
			if (!jp_hex4(p, &cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) {
				p->ok = false;
				break;
			}
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				uint32_t lo;
				if (p->s[0] != '\\' || p->s[1] != 'u') {
					p->ok = false;
					break;
				}
				p->s += 2;
				if (!jp_hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
					p->ok = false;
					break;
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			put_utf8(&sb, cp);
			break;
		default:
			p->ok = false;
		}
		if (!p->ok)
			break;
	}
	return strbuf_detach(&sb, NULL);
}

static void jp_value(struct jp *p, struct jv *v);

static void jp_push(struct jv *v, size_t *cap, char *key, struct jp *p)
{
	if (v->n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		v->items = xrealloc(v->items, *cap * sizeof *v->items);
		if (v->t == J_OBJ)
			v->keys = xrealloc(v->keys, *cap * sizeof *v->keys);
	}
	if (v->t == J_OBJ)
		v->keys[v->n] = key;
	memset(&v->items[v->n], 0, sizeof v->items[v->n]);
	jp_value(p, &v->items[v->n]);
	v->n++;
}

static void jp_value(struct jp *p, struct jv *v)
{
	memset(v, 0, sizeof *v);
	jp_ws(p);
	if (!p->ok)
		return;
	char c = *p->s;
	size_t cap = 0;
	if (c == '{' || c == '[') {
		v->t = c == '{' ? J_OBJ : J_ARR;
		char close = c == '{' ? '}' : ']';
		p->s++;
		jp_ws(p);
		if (*p->s == close) {
			p->s++;
			return;
		}
		for (;;) {
			char *key = NULL;
			jp_ws(p);
			if (v->t == J_OBJ) {
				key = jp_string(p);
				jp_ws(p);
				if (*p->s != ':')
					p->ok = false;
				else
					p->s++;
			}
			if (!p->ok) {
				free(key);
				return;
			}
			jp_push(v, &cap, key, p);
			jp_ws(p);
			if (!p->ok)
				return;
			if (*p->s == ',') {
				p->s++;
				continue;
			}
			if (*p->s == close) {
				p->s++;
				return;
			}
			p->ok = false;
			return;
		}
	}
	if (c == '"') {
		v->t = J_STR;
		v->str = jp_string(p);
		return;
	}
	if (strncmp(p->s, "true", 4) == 0 || strncmp(p->s, "null", 4) == 0) {
		v->t = c == 't' ? J_BOOL : J_NULL;
		v->num = c == 't';
		p->s += 4;
		return;
	}
	if (strncmp(p->s, "false", 5) == 0) {
		v->t = J_BOOL;
		p->s += 5;
		return;
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		char *end;
		v->t = J_NUM;
		v->num = strtod(p->s, &end);
		p->s = end;
		return;
	}
	p->ok = false;
}

static void jv_free(struct jv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		jv_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

/* Parse a whole document; fails the test unless it is valid JSON with nothing after it. */
static struct jv json_parse(const char *s)
{
	struct jp p = { s, true };
	struct jv v;
	jp_value(&p, &v);
	jp_ws(&p);
	if (!p.ok || *p.s) {
		jv_free(&v);
		cr_assert_fail("invalid JSON near: %.40s", p.s);
	}
	return v;
}

static const struct jv *jget(const struct jv *o, const char *key)
{
	cr_assert_eq(o->t, J_OBJ, "not an object when looking for \"%s\"", key);
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return &o->items[i];
	return NULL;
}

static const struct jv *jmust(const struct jv *o, const char *key)
{
	const struct jv *v = jget(o, key);
	cr_assert_not_null(v, "missing \"%s\"", key);
	return v;
}

static const struct jv *jat(const struct jv *a, size_t i)
{
	cr_assert_eq(a->t, J_ARR);
	cr_assert_lt(i, a->n);
	return &a->items[i];
}

static const char *jstr(const struct jv *v)
{
	cr_assert_eq(v->t, J_STR);
	return v->str;
}

/* ---- the store ---- */

Test(diag_store, sorts_by_file_line_col_code_message)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "b.yaml", at(1, 1), "m");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(10, 1), "m");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(2, 9), "m");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(2, 3), "z");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(2, 3), "b");
	diag_add(&ds, DIAG_EMPTY_VALUE, "a.yaml", at(2, 3), "z");
	diag_add(&ds, DIAG_IO_ERROR, "a.yaml", at(0, 0), "m");
	diag_add(&ds, DIAG_INTERNAL, NULL, at(5, 5), "m");
	diag_store_finish(&ds);
	cr_assert_eq(diag_store_size(&ds), 8);
	/* "" first; line 0 first in its file; line 2 < 10 numerically; code name "empty-value" <
	 * "key-unknown"; then message. */
	const char *want[][2] = {
		{ "", "m" },	   { "a.yaml", "m" }, { "a.yaml", "z" }, { "a.yaml", "b" },
		{ "a.yaml", "z" }, { "a.yaml", "m" }, { "a.yaml", "m" }, { "b.yaml", "m" },
	};
	enum diag_code codes[] = { DIAG_INTERNAL,    DIAG_IO_ERROR,    DIAG_EMPTY_VALUE,
				   DIAG_KEY_UNKNOWN, DIAG_KEY_UNKNOWN, DIAG_KEY_UNKNOWN,
				   DIAG_KEY_UNKNOWN, DIAG_KEY_UNKNOWN };
	uint32_t lines[] = { 5, 0, 2, 2, 2, 2, 10, 1 };
	uint32_t cols[] = { 5, 0, 3, 3, 3, 9, 1, 1 };
	for (size_t i = 0; i < diag_store_size(&ds); i++) {
		cr_expect_str_eq(diag_store_get(&ds, i)->file, want[i][0], "file of #%zu", i);
		cr_expect_str_eq(diag_store_get(&ds, i)->msg, want[i][1], "message of #%zu", i);
		cr_expect_eq(diag_store_get(&ds, i)->code, codes[i], "code of #%zu", i);
		cr_expect_eq(diag_store_get(&ds, i)->loc.line, lines[i], "line of #%zu", i);
		cr_expect_eq(diag_store_get(&ds, i)->loc.col, cols[i], "col of #%zu", i);
	}
	diag_store_release(&ds);
}

Test(diag_store, order_does_not_depend_on_insertion_order)
{
	struct diag_store x, y;
	diag_store_init(&x);
	diag_store_init(&y);
	diag_add(&x, DIAG_KEY_MISSING, "p.yaml", at(4, 2), "one");
	diag_add(&x, DIAG_KEY_UNKNOWN, "p.yaml", at(4, 2), "two");
	diag_add(&x, DIAG_KEY_UNKNOWN, "o.yaml", at(9, 9), "three");
	diag_add(&y, DIAG_KEY_UNKNOWN, "o.yaml", at(9, 9), "three");
	diag_add(&y, DIAG_KEY_UNKNOWN, "p.yaml", at(4, 2), "two");
	diag_add(&y, DIAG_KEY_MISSING, "p.yaml", at(4, 2), "one");
	diag_store_finish(&x);
	diag_store_finish(&y);
	char *a = capture("json", &x, NULL);
	char *b = capture("json", &y, NULL);
	cr_expect_str_eq(a, b);
	free(a);
	free(b);
	diag_store_release(&x);
	diag_store_release(&y);
}

Test(diag_store, removes_exact_duplicates_only)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 5), "unknown key \"x\"");
	struct diag *d = diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 5), "unknown key \"x\"");
	diag_set_help(d, "remove it");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 5), "unknown key \"x\"");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 6), "unknown key \"x\""); /* column */
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(4, 5), "unknown key \"x\""); /* line */
	diag_add(&ds, DIAG_KEY_UNKNOWN, "b.yaml", at(3, 5), "unknown key \"x\""); /* file */
	diag_add(&ds, DIAG_KEY_MISSING, "a.yaml", at(3, 5), "unknown key \"x\""); /* code */
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 5), "unknown key \"y\""); /* message */
	cr_expect_eq(diag_count(&ds, SEV_ERROR), 8, "counts before finish include duplicates");
	diag_store_finish(&ds);
	cr_assert_eq(diag_store_size(&ds), 6);
	cr_expect_eq(diag_count(&ds, SEV_ERROR), 6);
	/* The kept finding gets the help that only a duplicate carried. */
	cr_assert_eq(diag_store_get(&ds, 1)->code, DIAG_KEY_UNKNOWN);
	cr_assert_eq(diag_store_get(&ds, 1)->loc.col, 5);
	cr_assert_str_eq(diag_store_get(&ds, 1)->msg, "unknown key \"x\"");
	cr_assert_not_null(diag_store_get(&ds, 1)->help);
	cr_expect_str_eq(diag_store_get(&ds, 1)->help, "remove it");
	diag_store_release(&ds);
}

Test(diag_store, finish_is_idempotent_and_adding_afterwards_works)
{
	struct diag_store ds;
	small_store(&ds);
	char *first = capture("json", &ds, &validate_opts);
	diag_store_finish(&ds);
	char *second = capture("json", &ds, &validate_opts);
	cr_expect_str_eq(first, second);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 5),
		 "unknown key \"foo\""); /* a duplicate */
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(1, 1), "unknown key \"bar\"");
	cr_expect_eq(diag_store_size(&ds), 5, "adding after finish appends unsorted");
	diag_store_finish(&ds);
	cr_assert_eq(diag_store_size(&ds), 4);
	cr_expect_str_eq(diag_store_get(&ds, 0)->msg, "unknown key \"bar\"");
	cr_expect_str_eq(diag_store_get(&ds, 1)->help, "did you mean \"for\"?",
			 "the first of duplicates is kept");
	cr_expect_eq(diag_count(&ds, SEV_ERROR), 2);
	free(first);
	free(second);
	diag_store_release(&ds);
}

Test(diag_store, counts_by_severity)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_set_severity(&ds, DIAG_STDNO_SPACING, SEV_NOTE);
	diag_add(&ds, DIAG_STDNO_SPACING, "a", at(1, 1), "n1");
	diag_add(&ds, DIAG_STDNO_SPACING, "a", at(1, 2), "n2");
	diag_add(&ds, DIAG_STDNO_SPACING, "a", at(1, 3), "n3");
	diag_add(&ds, DIAG_STDNO_SEPARATOR, "a", at(2, 1), "w1");
	diag_add(&ds, DIAG_STDNO_SEPARATOR, "a", at(2, 2), "w2");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a", at(3, 1), "e1");
	diag_add(&ds, DIAG_IO_ERROR, "b", at(0, 0), "f1");
	diag_store_finish(&ds);
	cr_expect_eq(diag_count(&ds, SEV_NOTE), 3);
	cr_expect_eq(diag_count(&ds, SEV_WARNING), 2);
	cr_expect_eq(diag_count(&ds, SEV_ERROR), 1);
	cr_expect_eq(diag_count(&ds, SEV_FATAL), 1);
	cr_expect_eq(diag_count(&ds, SEV_OFF), 0);
	cr_expect_eq(diag_count(&ds, (enum severity)42), 0);
	diag_store_release(&ds);
}

Test(diag_store, severity_off_drops_and_setters_accept_null)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_set_severity(&ds, DIAG_KEY_UNKNOWN, SEV_OFF);
	struct diag *d = diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(1, 1), "unknown key \"x\"");
	cr_assert_null(d);
	diag_set_help(d, "help %d", 1);
	diag_set_fix(d, at(1, 1), at(1, 2), "y");
	diag_set_related(&ds, d, "b.yaml", at(2, 2), "here");
	diag_store_finish(&ds);
	cr_expect_eq(diag_store_size(&ds), 0);
	cr_expect_eq(diag_count(&ds, SEV_ERROR), 0);
	cr_expect_eq(diag_exit_status(&ds, true), 0);
	/* Other codes are unaffected. */
	cr_expect_not_null(diag_add(&ds, DIAG_KEY_MISSING, "a.yaml", at(1, 1), "x"));
	diag_store_release(&ds);
}

Test(diag_store, severity_overrides_warning_and_error)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct diag *d = diag_add(&ds, DIAG_KEY_UNKNOWN, "a", at(1, 1), "before");
	cr_expect_eq(d->sev, SEV_ERROR);
	diag_store_set_severity(&ds, DIAG_KEY_UNKNOWN, SEV_WARNING);
	diag_store_set_severity(&ds, DIAG_STDNO_SEPARATOR, SEV_ERROR);
	d = diag_add(&ds, DIAG_KEY_UNKNOWN, "a", at(2, 1), "after");
	cr_expect_eq(d->sev, SEV_WARNING);
	d = diag_add(&ds, DIAG_STDNO_SEPARATOR, "a", at(3, 1), "sep");
	cr_expect_eq(d->sev, SEV_ERROR);
	diag_store_finish(&ds);
	cr_expect_eq(diag_store_get(&ds, 0)->sev, SEV_ERROR,
		     "overrides apply to findings added later only");
	cr_expect_eq(diag_count(&ds, SEV_ERROR), 2);
	cr_expect_eq(diag_count(&ds, SEV_WARNING), 1);
	/* Out-of-range arguments are ignored. */
	diag_store_set_severity(&ds, (enum diag_code)DIAG__COUNT, SEV_OFF);
	diag_store_set_severity(&ds, DIAG_KEY_MISSING, (enum severity)9);
	cr_expect_not_null(diag_add(&ds, DIAG_KEY_MISSING, "a", at(1, 1), "x"));
	cr_expect_eq(diag_store_get(&ds, diag_store_size(&ds) - 1)->sev, SEV_ERROR);
	diag_store_release(&ds);
}

Test(diag_store, exit_status)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_finish(&ds);
	cr_expect_eq(diag_exit_status(&ds, false), 0);
	cr_expect_eq(diag_exit_status(&ds, true), 0);
	cr_expect_not(diag_failed(&ds, true));

	diag_store_set_severity(&ds, DIAG_STDNO_SPACING, SEV_NOTE);
	diag_add(&ds, DIAG_STDNO_SPACING, "a", at(1, 1), "note");
	diag_store_finish(&ds);
	cr_expect_eq(diag_exit_status(&ds, true), 0, "notes never fail");

	diag_add(&ds, DIAG_STDNO_SEPARATOR, "a", at(1, 1), "warning");
	diag_store_finish(&ds);
	cr_expect_eq(diag_exit_status(&ds, false), 0);
	cr_expect_eq(diag_exit_status(&ds, true), 1);
	cr_expect_not(diag_failed(&ds, false));
	cr_expect(diag_failed(&ds, true));

	diag_add(&ds, DIAG_KEY_UNKNOWN, "a", at(1, 1), "error");
	diag_store_finish(&ds);
	cr_expect_eq(diag_exit_status(&ds, false), 1);
	cr_expect_eq(diag_exit_status(&ds, true), 1);
	cr_expect_not(diag_has_fatal(&ds));

	diag_add(&ds, DIAG_YAML_SYNTAX, "b", at(2, 1), "fatal");
	diag_store_finish(&ds);
	cr_expect(diag_has_fatal(&ds));
	cr_expect_eq(diag_exit_status(&ds, false), 3);
	cr_expect_eq(diag_exit_status(&ds, true), 3);
	diag_store_release(&ds);

	diag_store_init(&ds);
	diag_add(&ds, DIAG_IO_ERROR, "b", at(0, 0), "fatal alone");
	diag_store_finish(&ds);
	cr_expect_eq(diag_exit_status(&ds, false), 3);
	cr_expect(diag_failed(&ds, false));
	diag_store_release(&ds);
}

Test(diag_store, interns_and_lists_files_in_first_seen_order)
{
	struct diag_store ds;
	diag_store_init(&ds);
	char *name = xstrdup("z.yaml");
	const char *z = diag_store_file(&ds, name);
	cr_expect_neq((void *)z, (void *)name, "the store keeps its own copy");
	free(name);
	cr_expect_eq((void *)diag_store_file(&ds, "z.yaml"), (void *)z);
	struct diag *d = diag_add(&ds, DIAG_KEY_UNKNOWN, "m.yaml", at(1, 1), "x");
	diag_set_related(&ds, d, "related-only.yaml", at(2, 2), "declared here");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "z.yaml", at(1, 1), "x");
	diag_add(&ds, DIAG_INTERNAL, "", at(0, 0), "no file");
	cr_expect_str_eq(diag_store_file(&ds, NULL), "");
	diag_store_file(&ds, "a.yaml");
	cr_assert_null(diag_store_file_at(&ds, 3));
	cr_expect_str_eq(diag_store_file_at(&ds, 0), "z.yaml");
	cr_expect_str_eq(diag_store_file_at(&ds, 1), "m.yaml");
	cr_expect_str_eq(diag_store_file_at(&ds, 2), "a.yaml");
	cr_expect_eq((void *)diag_store_file_at(&ds, 0), (void *)z);
	/* Examining the related file later lists it, once. */
	diag_store_file(&ds, "related-only.yaml");
	diag_store_file(&ds, "related-only.yaml");
	cr_assert_null(diag_store_file_at(&ds, 4));
	cr_expect_str_eq(diag_store_file_at(&ds, 3), "related-only.yaml");
	diag_store_finish(&ds);
	diag_store_release(&ds);
}

Test(diag_store, name_tables)
{
	cr_expect_eq(diag_code_by_name("key-unknown"), DIAG_KEY_UNKNOWN);
	cr_expect_eq(diag_code_by_name("io-error"), DIAG_IO_ERROR);
	cr_expect_eq(diag_code_by_name("internal"), DIAG_INTERNAL);
	cr_expect_eq(diag_code_by_name("no-such-code"), -1);
	cr_expect_eq(diag_code_by_name(NULL), -1);
	cr_expect_str_eq(diag_info(DIAG_STDNO_INVALID)->rule, "SNO-001");
	cr_expect_eq(diag_info(DIAG_STDNO_SEPARATOR)->sev, SEV_WARNING);
	cr_expect_null(diag_info((enum diag_code)DIAG__COUNT));
	/* Every name round-trips and is unique. */
	for (int i = 0; i < DIAG__COUNT; i++)
		cr_expect_eq(diag_code_by_name(diag_info((enum diag_code)i)->name), i);
	cr_expect_eq(severity_by_name("off"), SEV_OFF);
	cr_expect_eq(severity_by_name("note"), SEV_NOTE);
	cr_expect_eq(severity_by_name("warning"), SEV_WARNING);
	cr_expect_eq(severity_by_name("error"), SEV_ERROR);
	cr_expect_eq(severity_by_name("fatal"), -1);
	cr_expect_eq(severity_by_name("Error"), -1);
	cr_expect_str_eq(severity_name(SEV_FATAL), "fatal");
	cr_expect_str_eq(severity_name(SEV_NOTE), "note");
	cr_expect_eq(diag_printer_by_name("text"), DIAG_PRINTER_TEXT);
	for (const struct diag_printer *p = diag_printers; p->name; p++)
		cr_expect_eq(diag_printer_by_name(p->name), p);
	cr_expect_null(diag_printer_by_name("xml"));
	cr_expect_null(diag_printer_by_name(NULL));
	cr_expect(DIAG_PRINTER_TEXT->to_stderr);
	cr_expect_not(diag_printer_by_name("sarif")->to_stderr);
}

/* The lists that --format's help, usage error and completions are made of. */
Test(diag, printer_lists)
{
	struct strbuf sb;
	strbuf_init(&sb);
	diag_printer_list(&sb, DIAG_LIST_WORDS, false);
	cr_expect_str_eq(sb.buf, "text json sarif github junit");
	strbuf_reset(&sb);
	diag_printer_list(&sb, DIAG_LIST_NOTES, false);
	cr_expect_str_eq(sb.buf, "text (default, on stderr), json, sarif, github, junit");
	strbuf_reset(&sb);
	diag_printer_list(&sb, DIAG_LIST_CHOICE, false);
	cr_expect_str_eq(sb.buf, "text, json, sarif, github or junit");
	strbuf_release(&sb);
}

/* ---- text ---- */

static const char small_text[] =
    "a.yaml:3:5: error: unknown key \"foo\" [key-unknown]\n"
    "  help: did you mean \"for\"?\n"
    "a.yaml:7:1: warning: year separator is not the em dash in \"GB 1-99\" [stdno-separator]\n"
    "b.yaml: fatal: cannot read \"b.yaml\" [io-error]\n";

Test(diag_text, exact_output_with_summary)
{
	struct diag_store ds;
	small_store(&ds);
	char *s = capture("text", &ds, &validate_opts);
	cr_expect_str_eq(s, "a.yaml:3:5: error: unknown key \"foo\" [key-unknown]\n"
			    "  help: did you mean \"for\"?\n"
			    "a.yaml:7:1: warning: year separator is not the em dash in \"GB 1-99\" "
			    "[stdno-separator]\n"
			    "b.yaml: fatal: cannot read \"b.yaml\" [io-error]\n"
			    "1 fatal error, 1 error, 1 warning\n");
	free(s);
	struct diag_print_opts quiet = { false, true, NULL, SEV_OFF };
	s = capture("text", &ds, &quiet);
	cr_expect_str_eq(s, small_text);
	free(s);
	diag_store_release(&ds);
}

Test(diag_text, summary_pluralises_and_is_absent_when_clean)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_finish(&ds);
	char *s = capture("text", &ds, NULL);
	cr_expect_str_eq(s, "");
	free(s);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a", at(1, 1), "e1");
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a", at(2, 1), "e2");
	diag_add(&ds, DIAG_STDNO_SEPARATOR, "a", at(3, 1), "w");
	diag_store_finish(&ds);
	s = capture("text", &ds, NULL);
	cr_expect_str_eq(s, "a:1:1: error: e1 [key-unknown]\n"
			    "a:2:1: error: e2 [key-unknown]\n"
			    "a:3:1: warning: w [stdno-separator]\n"
			    "2 errors, 1 warning\n");
	free(s);
	diag_store_set_severity(&ds, DIAG_STDNO_SPACING, SEV_NOTE);
	diag_add(&ds, DIAG_STDNO_SPACING, "a", at(4, 1), "n1");
	diag_add(&ds, DIAG_STDNO_SPACING, "a", at(5, 1), "n2");
	diag_add(&ds, DIAG_STDNO_SEPARATOR, "a", at(6, 1), "w2");
	diag_store_finish(&ds);
	s = capture("text", &ds, NULL);
	cr_expect(strstr(s, "\n2 errors, 2 warnings, 2 notes\n") != NULL, "got: %s", s);
	free(s);
	diag_store_release(&ds);
}

Test(diag_text, colours_related_and_locations)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct diag *d =
	    diag_add(&ds, DIAG_DUPLICATE_KEY, "a.yaml", at(9, 3), "key \"id\" given twice");
	diag_set_related(&ds, d, NULL, at(2, 3), "first given here");
	d = diag_add(&ds, DIAG_LINKED_KIND, "sys.yaml", at(4, 0), "\"x.yaml\" is not a standard");
	diag_set_related(&ds, d, "x.yaml", at(1, 1), "root is here");
	diag_store_set_severity(&ds, DIAG_STDNO_SPACING, SEV_NOTE);
	diag_add(&ds, DIAG_STDNO_SPACING, "sys.yaml", at(5, 2), "spacing");
	diag_add(&ds, DIAG_STDNO_SEPARATOR, "sys.yaml", at(6, 2), "separator");
	diag_add(&ds, DIAG_INTERNAL, NULL, at(0, 0), "out of luck");
	diag_store_finish(&ds);
	struct diag_print_opts plain = { false, true, NULL, SEV_OFF };
	char *s = capture("text", &ds, &plain);
	cr_expect_str_eq(s, "zhun: fatal: out of luck [internal]\n"
			    "a.yaml:9:3: error: key \"id\" given twice [duplicate-key]\n"
			    "a.yaml:2:3: note: first given here\n"
			    "sys.yaml:4: error: \"x.yaml\" is not a standard [linked-kind]\n"
			    "x.yaml:1:1: note: root is here\n"
			    "sys.yaml:5:2: note: spacing [stdno-spacing]\n"
			    "sys.yaml:6:2: warning: separator [stdno-separator]\n");
	free(s);
	struct diag_print_opts color = { true, false, NULL, SEV_OFF };
	s = capture("text", &ds, &color);
	cr_expect_str_eq(
	    s, "\033[1mzhun:\033[0m \033[1;31mfatal:\033[0m out of luck [internal]\n"
	       "\033[1ma.yaml:9:3:\033[0m \033[31merror:\033[0m key \"id\" given twice "
	       "[duplicate-key]\n"
	       "\033[1ma.yaml:2:3:\033[0m \033[36mnote:\033[0m first given here\n"
	       "\033[1msys.yaml:4:\033[0m \033[31merror:\033[0m \"x.yaml\" is not a "
	       "standard [linked-kind]\n"
	       "\033[1mx.yaml:1:1:\033[0m \033[36mnote:\033[0m root is here\n"
	       "\033[1msys.yaml:5:2:\033[0m \033[36mnote:\033[0m spacing [stdno-spacing]\n"
	       "\033[1msys.yaml:6:2:\033[0m \033[35mwarning:\033[0m separator "
	       "[stdno-separator]\n"
	       "1 fatal error, 2 errors, 1 warning, 1 note\n");
	free(s);
	diag_store_release(&ds);
}

Test(diag_text, control_characters_cannot_forge_lines)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(1, 1),
		 "unknown key \"x\ny.yaml:1:1: error: forged\r\033[2J\xc2\x9b\ttab 标准\"");
	diag_store_finish(&ds);
	struct diag_print_opts quiet = { false, true, NULL, SEV_OFF };
	char *s = capture("text", &ds, &quiet);
	cr_expect_str_eq(s, "a.yaml:1:1: error: unknown key \"x\\ny.yaml:1:1: error: "
			    "forged\\r\\x1b[2J\\u009b\ttab 标准\" [key-unknown]\n");
	free(s);
	diag_store_release(&ds);
}

/* ---- JSON ---- */

Test(diag_json, exact_output)
{
	struct diag_store ds;
	small_store(&ds);
	char *s = capture("json", &ds, &validate_opts);
	cr_expect_str_eq(
	    s,
	    "{\n"
	    "  \"zhun\": \"" ZHUN_VERSION "\",\n"
	    "  \"schema\": 1,\n"
	    "  \"command\": \"validate\",\n"
	    "  \"diagnostics\": [\n"
	    "    {\"file\": \"a.yaml\", \"line\": 3, \"column\": 5, \"severity\": \"error\", "
	    "\"code\": \"key-unknown\", \"rule\": \"ZHUN\", \"message\": \"unknown key "
	    "\\\"foo\\\"\", \"help\": \"did you mean \\\"for\\\"?\"},\n"
	    "    {\"file\": \"a.yaml\", \"line\": 7, \"column\": 1, \"severity\": \"warning\", "
	    "\"code\": \"stdno-separator\", \"rule\": \"SNO-006\", \"message\": \"year separator "
	    "is not the em dash in \\\"GB 1-99\\\"\"},\n"
	    "    {\"file\": \"b.yaml\", \"line\": 0, \"column\": 0, \"severity\": \"fatal\", "
	    "\"code\": \"io-error\", \"rule\": \"ZHUN\", \"message\": \"cannot read "
	    "\\\"b.yaml\\\"\"}\n"
	    "  ],\n"
	    "  \"summary\": {\"errors\": 1, \"warnings\": 1, \"notes\": 0, \"fatal\": 1}\n"
	    "}\n");
	struct jv v = json_parse(s);
	jv_free(&v);
	free(s);
	diag_store_release(&ds);
}

Test(diag_json, empty_store_fix_and_related)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_finish(&ds);
	char *s = capture("json", &ds, NULL);
	cr_expect_str_eq(
	    s, "{\n  \"zhun\": \"" ZHUN_VERSION "\",\n  \"schema\": 1,\n"
	       "  \"command\": null,\n  \"diagnostics\": [],\n"
	       "  \"summary\": {\"errors\": 0, \"warnings\": 0, \"notes\": 0, \"fatal\": 0}\n"
	       "}\n");
	free(s);
	struct diag *d = diag_add(&ds, DIAG_STDNO_SEPARATOR, "s.yaml", at(2, 8), "use \"—\"");
	diag_set_fix(d, at(2, 8), at(2, 9), "—");
	diag_set_related(&ds, d, "t.yaml", at(1, 2), "also here");
	diag_store_finish(&ds);
	s = capture("json", &ds, NULL);
	cr_expect(strstr(s,
			 "\"message\": \"use \\\"—\\\"\", \"fix\": {\"start\": {\"line\": 2, "
			 "\"column\": 8}, \"end\": {\"line\": 2, \"column\": 9}, \"text\": \"—\"}, "
			 "\"related\": {\"file\": \"t.yaml\", \"line\": 1, \"column\": 2, "
			 "\"message\": \"also here\"}}\n") != NULL,
		  "got: %s", s);
	struct jv v = json_parse(s);
	jv_free(&v);
	free(s);
	diag_store_release(&ds);
}

/* diag_set_fix_text replaces a whole scalar: the end column counts code points, and a scalar
 * that spans lines, has no text or no position gets no fix at all. */
Test(diag_json, fix_replacing_a_whole_scalar)
{
	static const struct {
		struct text t;
		const char *want; /* the fix in the JSON output, or NULL for none */
	} cases[] = {
		{ { "GB/T　1—2000", { 3, 10 } },
		  "\"fix\": {\"start\": {\"line\": 3, \"column\": 10}, \"end\": {\"line\": 3, "
		  "\"column\": 21}, \"text\": \"GB/T 1—2000\"}" },
		{ { "", { 3, 10 } },
		  "\"fix\": {\"start\": {\"line\": 3, \"column\": 10}, \"end\": {\"line\": 3, "
		  "\"column\": 10}, \"text\": \"GB/T 1—2000\"}" },
		{ { "GB/T 1—\n2000", { 3, 10 } }, NULL },
		{ { NULL, { 3, 10 } }, NULL },
		{ { "GB/T 1—2000", { 0, 0 } }, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct diag *d = diag_add(&ds, DIAG_STDNO_SEPARATOR, "s.yaml", at(3, 10), "x");
		diag_set_fix_text(d, &cases[i].t, "GB/T 1—2000");
		diag_set_fix_text(NULL, &cases[i].t, "ignored");
		diag_store_finish(&ds);
		char *s = capture("json", &ds, &validate_opts);
		if (cases[i].want)
			cr_expect(strstr(s, cases[i].want) != NULL, "case %zu got: %s", i, s);
		else
			cr_expect(strstr(s, "\"fix\"") == NULL, "case %zu got: %s", i, s);
		free(s);
		diag_store_release(&ds);
	}
}

Test(diag_json, tricky_messages_are_valid_json)
{
	static const char tricky[] =
	    "q\" b\\ nl\n cr\r tab\t bs\b ff\f nul-ish\x01 us\x1f del\x7f"
	    " ls\xe2\x80\xa8 ps\xe2\x80\xa9 c1\xc2\x85 标准《GB/T 1.1》 bad\xff end";
	struct diag_store ds;
	diag_store_init(&ds);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "文件 \"1\".yaml", at(1, 1), "%s", tricky);
	diag_store_finish(&ds);
	char *s = capture("json", &ds, &validate_opts);
	cr_expect(strstr(s, "\"message\": \"q\\\" b\\\\ nl\\n cr\\r tab\\t bs\\b ff\\f "
			    "nul-ish\\u0001 us\\u001f del\\u007f ls\\u2028 ps\\u2029 c1\\u0085 "
			    "标准《GB/T 1.1》 bad\\ufffd end\"") != NULL,
		  "got: %s", s);
	cr_expect(strstr(s, "\"file\": \"文件 \\\"1\\\".yaml\"") != NULL);
	/* No raw control byte anywhere but the newlines of the layout. */
	for (const char *p = s; *p; p++)
		cr_expect((unsigned char)*p >= 0x20 || *p == '\n', "raw control 0x%02x",
			  (unsigned char)*p);
	struct jv v = json_parse(s);
	const struct jv *d0 = jat(jmust(&v, "diagnostics"), 0);
	/* Decoding gives back the message, with the invalid byte as U+FFFD. */
	cr_expect_str_eq(
	    jstr(jmust(d0, "message")),
	    "q\" b\\ nl\n cr\r tab\t bs\b ff\f nul-ish\x01 us\x1f del\x7f ls\xe2\x80\xa8 "
	    "ps\xe2\x80\xa9 c1\xc2\x85 标准《GB/T 1.1》 bad\xef\xbf\xbd end");
	cr_expect_str_eq(jstr(jmust(d0, "file")), "文件 \"1\".yaml");
	jv_free(&v);
	free(s);
	diag_store_release(&ds);
}

/* ---- SARIF ---- */

static char *fingerprint_of(const char *code, const char *uri, const char *msg, int n)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_add(&sb, code, strlen(code) + 1);
	strbuf_add(&sb, uri, strlen(uri) + 1);
	strbuf_adds(&sb, msg);
	char *r = xasprintf("%016llx:%d", (unsigned long long)strmap_hash(sb.buf, sb.len), n);
	strbuf_release(&sb);
	return r;
}

Test(diag_sarif, exact_output)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct diag *d = diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(3, 5), "unknown key \"foo\"");
	diag_set_help(d, "rename it to \"for\"");
	diag_set_fix(d, at(3, 5), at(3, 8), "for");
	diag_store_finish(&ds);
	char *s = capture("sarif", &ds, &validate_opts);
	char *fp = fingerprint_of("key-unknown", "a.yaml", "unknown key \"foo\"", 1);
	char *want = xasprintf(
	    "{\n"
	    "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	    "  \"version\": \"2.1.0\",\n"
	    "  \"runs\": [\n"
	    "    {\n"
	    "      \"tool\": {\n"
	    "        \"driver\": {\n"
	    "          \"name\": \"zhun\",\n"
	    "          \"version\": \"" ZHUN_VERSION "\",\n"
	    "          \"semanticVersion\": \"" ZHUN_VERSION "\",\n"
#ifdef ZHUN_HOMEPAGE
	    "          \"informationUri\": \"" ZHUN_HOMEPAGE "\",\n"
#endif
	    "          \"rules\": [\n"
	    "            {\n"
	    "              \"id\": \"key-unknown\",\n"
	    "              \"name\": \"KeyUnknown\",\n"
	    "              \"shortDescription\": {\n"
	    "                \"text\": \"unknown key\"\n"
	    "              },\n"
	    "              \"fullDescription\": {\n"
	    "                \"text\": \"unknown key (未知的键). Rule ZHUN.\"\n"
	    "              },\n"
	    "              \"defaultConfiguration\": {\n"
	    "                \"level\": \"error\"\n"
	    "              },\n"
#ifdef ZHUN_HOMEPAGE
	    "              \"helpUri\": \"" ZHUN_HOMEPAGE
	    "/blob/main/docs/rules.md#key-unknown\",\n"
#endif
	    "              \"help\": {\n"
	    "                \"text\": \"unknown key\\n未知的键\\n\\nRule ZHUN. Run `zhun explain "
	    "key-unknown` for the rule's page.\"\n"
	    "              },\n"
	    "              \"properties\": {\n"
	    "                \"tags\": [\n"
	    "                  \"ZHUN\"\n"
	    "                ]\n"
	    "              }\n"
	    "            }\n"
	    "          ]\n"
	    "        }\n"
	    "      },\n"
	    "      \"invocations\": [\n"
	    "        {\n"
	    "          \"executionSuccessful\": true\n"
	    "        }\n"
	    "      ],\n"
	    "      \"columnKind\": \"unicodeCodePoints\",\n"
	    "      \"results\": [\n"
	    "        {\n"
	    "          \"ruleId\": \"key-unknown\",\n"
	    "          \"ruleIndex\": 0,\n"
	    "          \"level\": \"error\",\n"
	    "          \"message\": {\n"
	    "            \"text\": \"unknown key \\\"foo\\\"\"\n"
	    "          },\n"
	    "          \"locations\": [\n"
	    "            {\n"
	    "              \"physicalLocation\": {\n"
	    "                \"artifactLocation\": {\n"
	    "                  \"uri\": \"a.yaml\"\n"
	    "                },\n"
	    "                \"region\": {\n"
	    "                  \"startLine\": 3,\n"
	    "                  \"startColumn\": 5\n"
	    "                }\n"
	    "              }\n"
	    "            }\n"
	    "          ],\n"
	    "          \"partialFingerprints\": {\n"
	    "            \"primaryLocationLineHash\": \"%s\"\n"
	    "          },\n"
	    "          \"fixes\": [\n"
	    "            {\n"
	    "              \"description\": {\n"
	    "                \"text\": \"rename it to \\\"for\\\"\"\n"
	    "              },\n"
	    "              \"artifactChanges\": [\n"
	    "                {\n"
	    "                  \"artifactLocation\": {\n"
	    "                    \"uri\": \"a.yaml\"\n"
	    "                  },\n"
	    "                  \"replacements\": [\n"
	    "                    {\n"
	    "                      \"deletedRegion\": {\n"
	    "                        \"startLine\": 3,\n"
	    "                        \"startColumn\": 5,\n"
	    "                        \"endLine\": 3,\n"
	    "                        \"endColumn\": 8\n"
	    "                      },\n"
	    "                      \"insertedContent\": {\n"
	    "                        \"text\": \"for\"\n"
	    "                      }\n"
	    "                    }\n"
	    "                  ]\n"
	    "                }\n"
	    "              ]\n"
	    "            }\n"
	    "          ]\n"
	    "        }\n"
	    "      ]\n"
	    "    }\n"
	    "  ]\n"
	    "}\n",
	    fp);
	cr_expect_str_eq(s, want);
	struct jv v = json_parse(s);
	jv_free(&v);
	free(want);
	free(fp);
	free(s);
	diag_store_release(&ds);
}

/* The small store plus a related location, a file-less finding and a repeated message. */
static void sarif_store(struct diag_store *ds)
{
	diag_store_init(ds);
	diag_add(ds, DIAG_STDNO_SEPARATOR, "dir name/标准 #1.yaml", at(4, 2), "sep");
	diag_add(ds, DIAG_IO_ERROR, "b.yaml", at(0, 0), "cannot read \"b.yaml\"");
	struct diag *d = diag_add(ds, DIAG_DUPLICATE_KEY, ".\\sub\\a.yaml", at(9, 1), "dup \"k\"");
	diag_set_related(ds, d, NULL, at(2, 1), "first here");
	diag_add(ds, DIAG_DUPLICATE_KEY, ".\\sub\\a.yaml", at(12, 1), "dup \"k\"");
	diag_add(ds, DIAG_INTERNAL, NULL, at(0, 0), "something broke");
	diag_store_finish(ds);
}

Test(diag_sarif, rule_index_matches_rules_and_line_zero_has_no_region)
{
	struct diag_store ds;
	sarif_store(&ds);
	char *s = capture("sarif", &ds, &validate_opts);
	struct jv v = json_parse(s);
	cr_expect_str_eq(jstr(jmust(&v, "version")), "2.1.0");
	const struct jv *runs = jmust(&v, "runs");
	cr_assert_eq(runs->n, 1);
	const struct jv *run = jat(runs, 0);
	const struct jv *rules = jmust(jmust(jmust(run, "tool"), "driver"), "rules");
	/* Code-table order, only codes that occur. */
	cr_assert_eq(rules->n, 4);
	cr_expect_str_eq(jstr(jmust(jat(rules, 0), "id")), "io-error");
	cr_expect_str_eq(jstr(jmust(jat(rules, 1), "id")), "duplicate-key");
	cr_expect_str_eq(jstr(jmust(jat(rules, 2), "id")), "stdno-separator");
	cr_expect_str_eq(jstr(jmust(jat(rules, 3), "id")), "internal");
	/* SARIF wants name ≠ id even ignoring case. */
	cr_expect_str_eq(jstr(jmust(jat(rules, 1), "name")), "DuplicateKey");
	cr_expect_str_eq(jstr(jmust(jat(rules, 3), "name")), "InternalRule");
	cr_expect_str_eq(jstr(jmust(jmust(jat(rules, 2), "defaultConfiguration"), "level")),
			 "warning");
	cr_expect_str_eq(jstr(jmust(jmust(jat(rules, 0), "defaultConfiguration"), "level")),
			 "error", "fatal is reported as error");
	const struct jv *results = jmust(run, "results");
	cr_assert_eq(results->n, 4, "the file-less finding is not a result");
	const char *ids[] = { "duplicate-key", "duplicate-key", "io-error", "stdno-separator" };
	const char *levels[] = { "error", "error", "error", "warning" };
	for (size_t i = 0; i < results->n; i++) {
		const struct jv *r = jat(results, i);
		const struct jv *ix = jmust(r, "ruleIndex");
		cr_assert_eq(ix->t, J_NUM);
		const struct jv *rule = jat(rules, (size_t)ix->num);
		cr_expect_str_eq(jstr(jmust(r, "ruleId")), jstr(jmust(rule, "id")), "result %zu",
				 i);
		cr_expect_str_eq(jstr(jmust(r, "ruleId")), ids[i]);
		cr_expect_str_eq(jstr(jmust(r, "level")), levels[i]);
		const struct jv *pl = jmust(jat(jmust(r, "locations"), 0), "physicalLocation");
		const struct jv *region = jget(pl, "region");
		if (strcmp(ids[i], "io-error") == 0) {
			cr_expect_null(region, "line 0 must not have a region");
		} else {
			cr_assert_not_null(region);
			cr_expect_geq(jmust(region, "startLine")->num, 1);
			cr_expect_geq(jmust(region, "startColumn")->num, 1);
		}
	}
	/* URIs: "./" dropped, backslashes to '/', space, '#' and non-ASCII percent-encoded. */
	const struct jv *r0 = jat(results, 0), *r3 = jat(results, 3);
	cr_expect_str_eq(jstr(jmust(jmust(jmust(jat(jmust(r0, "locations"), 0), "physicalLocation"),
					  "artifactLocation"),
				    "uri")),
			 "sub/a.yaml");
	cr_expect_str_eq(jstr(jmust(jmust(jmust(jat(jmust(r3, "locations"), 0), "physicalLocation"),
					  "artifactLocation"),
				    "uri")),
			 "dir%20name/%E6%A0%87%E5%87%86%20%231.yaml");
	/* The related location of the first duplicate-key finding, in the same file. */
	const struct jv *rel = jat(jmust(r0, "relatedLocations"), 0);
	cr_expect_str_eq(jstr(jmust(jmust(rel, "message"), "text")), "first here");
	cr_expect_eq(jmust(jmust(jmust(rel, "physicalLocation"), "region"), "startLine")->num, 2);
	cr_expect_null(jget(jat(results, 1), "relatedLocations"));
	/* The file-less finding became a notification, and made the run unsuccessful. */
	const struct jv *inv = jat(jmust(run, "invocations"), 0);
	cr_expect_eq(jmust(inv, "executionSuccessful")->t, J_BOOL);
	cr_expect_eq(jmust(inv, "executionSuccessful")->num, 0);
	const struct jv *notes = jmust(inv, "toolExecutionNotifications");
	cr_assert_eq(notes->n, 1);
	cr_expect_str_eq(jstr(jmust(jmust(jat(notes, 0), "message"), "text")), "something broke");
	cr_expect_str_eq(jstr(jmust(jmust(jat(notes, 0), "associatedRule"), "id")), "internal");
	cr_expect_eq(jmust(jmust(jat(notes, 0), "associatedRule"), "index")->num, 3);
	jv_free(&v);
	free(s);
	diag_store_release(&ds);
}

Test(diag_sarif, fingerprints_ignore_lines_and_number_repeats)
{
	struct diag_store ds;
	sarif_store(&ds);
	char *s = capture("sarif", &ds, NULL);
	struct jv v = json_parse(s);
	const struct jv *results = jmust(jat(jmust(&v, "runs"), 0), "results");
	char *fp1 = fingerprint_of("duplicate-key", "sub/a.yaml", "dup \"k\"", 1);
	char *fp2 = fingerprint_of("duplicate-key", "sub/a.yaml", "dup \"k\"", 2);
	cr_expect_str_eq(
	    jstr(jmust(jmust(jat(results, 0), "partialFingerprints"), "primaryLocationLineHash")),
	    fp1);
	cr_expect_str_eq(
	    jstr(jmust(jmust(jat(results, 1), "partialFingerprints"), "primaryLocationLineHash")),
	    fp2);
	jv_free(&v);
	free(s);
	diag_store_release(&ds);

	/* The same finding moved to another line keeps its fingerprint. */
	diag_store_init(&ds);
	diag_add(&ds, DIAG_DUPLICATE_KEY, "sub/a.yaml", at(40, 7), "dup \"k\"");
	diag_store_finish(&ds);
	s = capture("sarif", &ds, NULL);
	cr_expect(strstr(s, fp1) != NULL);
	free(s);
	diag_store_release(&ds);
	free(fp1);
	free(fp2);
}

Test(diag_sarif, tricky_text_is_valid_json)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a\"b\\.yaml", at(1, 1),
		 "x\"\\\n\x01\xe2\x80\xa8 标准 \xc0");
	diag_store_finish(&ds);
	char *s = capture("sarif", &ds, NULL);
	struct jv v = json_parse(s);
	const struct jv *r = jat(jmust(jat(jmust(&v, "runs"), 0), "results"), 0);
	cr_expect_str_eq(jstr(jmust(jmust(r, "message"), "text")),
			 "x\"\\\n\x01\xe2\x80\xa8 标准 \xef\xbf\xbd");
	cr_expect_str_eq(jstr(jmust(jmust(jmust(jat(jmust(r, "locations"), 0), "physicalLocation"),
					  "artifactLocation"),
				    "uri")),
			 "a%22b/.yaml");
	jv_free(&v);
	free(s);
	diag_store_release(&ds);
}

/* ---- GitHub workflow commands ---- */

Test(diag_github, exact_output)
{
	struct diag_store ds;
	small_store(&ds);
	char *s = capture("github", &ds, &validate_opts);
	cr_expect_str_eq(s,
			 "::error file=a.yaml,line=3,col=5,title=key-unknown::unknown key "
			 "\"foo\"%0Ahelp: did you mean \"for\"?\n"
			 "::warning file=a.yaml,line=7,col=1,title=stdno-separator::year separator "
			 "is not the em dash in \"GB 1-99\"\n"
			 "::error file=b.yaml,title=io-error::cannot read \"b.yaml\"\n");
	free(s);
	diag_store_release(&ds);
}

Test(diag_github, notice_escaping_and_related)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_set_severity(&ds, DIAG_STDNO_SPACING, SEV_NOTE);
	struct diag *d = diag_add(&ds, DIAG_STDNO_SPACING, "d:1,2%.yaml", at(2, 0), "100%% a:b,c");
	diag_set_related(&ds, d, "o.yaml", at(5, 6), "see");
	diag_add(&ds, DIAG_INTERNAL, NULL, at(0, 0), "boom");
	diag_store_finish(&ds);
	char *s = capture("github", &ds, NULL);
	cr_expect_str_eq(s, "::error title=internal::boom\n"
			    "::notice file=d%3A1%2C2%25.yaml,line=2,title=stdno-spacing::100%25 "
			    "a:b,c%0Ao.yaml:5:6: note: see\n");
	free(s);
	diag_store_release(&ds);
}

Test(diag_github, injection_is_neutralised)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct diag *d =
	    diag_add(&ds, DIAG_KEY_UNKNOWN, "evil\n::set-output name=x::y.yaml", at(1, 2),
		     "unknown key \"a\n::set-output name=pwned::1\r\n::add-mask::%%0A\"");
	diag_set_help(d, "x\n::stop-commands::tok");
	diag_store_finish(&ds);
	char *s = capture("github", &ds, NULL);
	cr_expect_str_eq(s, "::error file=evil%0A%3A%3Aset-output name=x%3A%3Ay.yaml,line=1,col=2,"
			    "title=key-unknown::unknown key \"a%0A::set-output name=pwned::1%0D%0A"
			    "::add-mask::%250A\"%0Ahelp: x%0A::stop-commands::tok\n");
	/* Exactly one line, and it is the error command. */
	char *nl = strchr(s, '\n');
	cr_assert_not_null(nl);
	cr_expect_eq(nl[1], '\0', "more than one line: %s", s);
	cr_expect_null(strchr(s, '\r'));
	cr_expect_eq(strncmp(s, "::error ", 8), 0);
	free(s);
	diag_store_release(&ds);
}

/* ---- JUnit ---- */

Test(diag_junit, exact_output)
{
	struct diag_store ds;
	small_store(&ds);
	char *s = capture("junit", &ds, &validate_opts);
	cr_expect_str_eq(
	    s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<testsuites tests=\"3\" failures=\"1\" errors=\"1\">\n"
	       "  <testsuite name=\"zhun validate\" tests=\"3\" failures=\"1\" errors=\"1\">\n"
	       "    <testcase classname=\"validate\" name=\"a.yaml\">\n"
	       "      <failure message=\"1 error, 1 warning\" type=\"error\">a.yaml:3:5: error: "
	       "unknown key \"foo\" [key-unknown]\n"
	       "  help: did you mean \"for\"?\n"
	       "a.yaml:7:1: warning: year separator is not the em dash in \"GB 1-99\" "
	       "[stdno-separator]\n"
	       "</failure>\n"
	       "    </testcase>\n"
	       "    <testcase classname=\"validate\" name=\"c.yaml\"/>\n"
	       "    <testcase classname=\"validate\" name=\"b.yaml\">\n"
	       "      <error message=\"1 fatal error\" type=\"fatal\">b.yaml: fatal: cannot read "
	       "\"b.yaml\" [io-error]\n"
	       "</error>\n"
	       "    </testcase>\n"
	       "  </testsuite>\n"
	       "</testsuites>\n");
	free(s);
	diag_store_release(&ds);
}

Test(diag_junit, warnings_pass_and_escaping)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_add(&ds, DIAG_STDNO_SEPARATOR, "a&b <\"c\">\t.yaml", at(1, 1),
		 "bad ]]> & <x> \"q\" '\x01\x1b' 标准 \xef\xbf\xbe\xff");
	diag_add(&ds, DIAG_INTERNAL, "", at(0, 0), "no file & no luck");
	diag_store_finish(&ds);
	struct diag_print_opts o = { false, false, "check", SEV_OFF };
	char *s = capture("junit", &ds, &o);
	cr_expect_str_eq(
	    s,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites tests=\"2\" failures=\"0\" errors=\"1\">\n"
	    "  <testsuite name=\"zhun check\" tests=\"2\" failures=\"0\" errors=\"1\">\n"
	    "    <testcase classname=\"check\" name=\"zhun\">\n"
	    "      <error message=\"1 fatal error\" type=\"fatal\">zhun: fatal: no file &amp; "
	    "no luck [internal]\n"
	    "</error>\n"
	    "    </testcase>\n"
	    "    <testcase classname=\"check\" name=\"a&amp;b &lt;&quot;c&quot;&gt;&#9;.yaml\">\n"
	    "      <system-out>a&amp;b &lt;\"c\"&gt;\t.yaml:1:1: warning: bad ]]&gt; &amp; "
	    "&lt;x&gt; \"q\" '\\x01\\x1b' 标准 \xef\xbf\xbd [stdno-separator]\n"
	    "</system-out>\n"
	    "    </testcase>\n"
	    "  </testsuite>\n"
	    "</testsuites>\n");
	/* Nothing XML 1.0 forbids: no C0 control other than tab and newline. */
	for (const char *p = s; *p; p++)
		cr_expect((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t');
	free(s);
	diag_store_release(&ds);
}

Test(diag_junit, empty_store_and_no_command)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_file(&ds, "ok.yaml");
	diag_store_finish(&ds);
	char *s = capture("junit", &ds, NULL);
	cr_expect_str_eq(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<testsuites tests=\"1\" failures=\"0\" errors=\"0\">\n"
			    "  <testsuite name=\"zhun\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
			    "    <testcase classname=\"zhun\" name=\"ok.yaml\"/>\n"
			    "  </testsuite>\n"
			    "</testsuites>\n");
	free(s);
	diag_store_release(&ds);
}

/* min_sev filters the findings and the summary of every printer. */
Test(diag, min_sev_filters_and_counts)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_set_severity(&ds, DIAG_KEY_UNKNOWN, SEV_NOTE);
	diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(1, 1), "unknown key \"%s\"", "n");
	diag_add(&ds, DIAG_IO_ERROR, "b.yaml", at(0, 0), "cannot read \"%s\"", "b.yaml");
	diag_store_finish(&ds);
	struct diag_print_opts o = { false, false, "table", SEV_WARNING };
	char *s = capture("text", &ds, &o);
	cr_expect_null(strstr(s, "a.yaml"));
	cr_expect_not_null(strstr(s, "b.yaml"));
	cr_expect_null(strstr(s, "note"), "%s", s);
	free(s);
	s = capture("json", &ds, &o);
	cr_expect_not_null(strstr(s, "\"notes\": 0, \"fatal\": 1"), "%s", s);
	free(s);
	o.min_sev = SEV_OFF;
	s = capture("text", &ds, &o);
	cr_expect_not_null(strstr(s, "a.yaml"));
	free(s);
	cr_expect_eq(diag_store_size(&ds), 2, "the store itself is untouched");
	diag_store_release(&ds);
}

/* The configured severities move to a second store; its findings do not. */
Test(diag, copy_config)
{
	struct diag_store a, b;
	diag_store_init(&a);
	diag_store_init(&b);
	diag_store_set_severity(&a, DIAG_KEY_UNKNOWN, SEV_OFF);
	diag_store_set_severity(&a, DIAG_IO_ERROR, SEV_WARNING);
	diag_add(&a, DIAG_STDNO_SEPARATOR, "a.yaml", at(1, 1), "x");
	diag_store_copy_config(&b, &a);
	diag_store_copy_config(&b, NULL);
	cr_expect_eq(diag_store_size(&b), 0);
	cr_expect_null(diag_add(&b, DIAG_KEY_UNKNOWN, "b.yaml", at(1, 1), "off"));
	diag_add(&b, DIAG_IO_ERROR, "b.yaml", at(1, 1), "cannot read");
	cr_expect_eq(diag_store_get(&b, 0)->sev, SEV_WARNING);
	cr_expect_null(diag_store_get(&b, 1));
	diag_store_release(&a);
	diag_store_release(&b);
}

/* DEL, C1 controls and the line separators never reach a JSON output raw, and a fix is kept. */
Test(diag, json_escapes_controls)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct diag *d = diag_add(&ds, DIAG_KEY_UNKNOWN, "a.yaml", at(2, 3),
				  "unknown key \"a\x7f"
				  "b\xc2\x85"
				  "c\xe2\x80\xa8"
				  "d\xe2\x80\xa9\"");
	diag_set_fix(d, at(2, 3), at(2, 5), "x\xc2\x9fy");
	diag_store_finish(&ds);
	for (const char *const *f = (const char *const[]){ "json", "sarif", NULL }; *f; f++) {
		char *s = capture(*f, &ds, &validate_opts);
		cr_expect_not_null(strstr(s, "a\\u007fb\\u0085c\\u2028d\\u2029"), "%s: %s", *f, s);
		cr_expect_not_null(strstr(s, "x\\u009fy"), "%s: %s", *f, s);
		cr_expect_null(strstr(s, "\x7f"));
		cr_expect_null(strstr(s, "\xe2\x80\xa8"));
		free(s);
	}
	char *s = capture("json", &ds, &validate_opts);
	cr_expect_not_null(strstr(s, "\"fix\": {\"start\": {\"line\": 2, \"column\": 3}, \"end\": "
				     "{\"line\": 2, \"column\": 5}, \"text\": \"x\\u009fy\"}"),
			   "%s", s);
	free(s);
	diag_store_release(&ds);
}
