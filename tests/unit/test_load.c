/* SPDX-License-Identifier: MIT */
/* test_load: the YAML loader and the byte checks: positions, duplicate keys, aliases, limits. */
#include <criterion/criterion.h>

#include "helpers.h"

static struct doc *load_with(struct diag_store *ds, const char *text, const struct limits *lim)
{
	test_tables();
	struct doc *d = load_buffer("t.yaml", text, strlen(text), SYNTAX_YAML, ds, lim);
	diag_store_finish(ds);
	return d;
}

Test(load, positions_are_one_based_code_points)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "t.yaml", "registry:\n  source: 平台\n  editions:\n    - {number: \"GB/T 1.1—2020\", title: 导则}\n");
	cr_assert_not_null(d);
	cr_assert_eq(d->kind, DOC_REGISTRY);
	const struct node *src = node_get(d->body, "source");
	cr_assert_eq(src->loc.line, 2);
	cr_assert_eq(src->loc.col, 11);
	const struct node *eds = node_get(d->body, "editions");
	const struct node *num = node_get(eds->u.items[0], "number");
	/* quoted: the position of the first character after the quote */
	cr_assert_eq(num->loc.line, 4);
	cr_assert_eq(num->loc.col, 17);
	const struct node *title = node_get(eds->u.items[0], "title");
	cr_assert_eq(title->loc.col, 40);
	cr_assert_eq(ds.n, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(load, duplicate_key_is_an_error_with_both_positions)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = load_with(&ds, "a:\n  b: 1\n  c: 2\n  b: 3\n", &(struct limits){ .max_file_size = 1 << 20, .max_depth = 64, .max_aliases = 10, .max_nodes = 1000, .max_line_length = 1000, .max_refs = 1000 });
	cr_assert_not_null(d);
	const struct diag *f = test_find(&ds, DIAG_DUPLICATE_KEY);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 4);
	cr_assert_eq(f->loc.col, 3);
	cr_assert_eq(f->loc2.line, 2);
	cr_assert_str_eq(f->msg, "key 'b' is given twice");
	doc_free(d);
	diag_store_release(&ds);
}

Test(load, duplicate_key_in_a_large_mapping)
{
	struct diag_store ds;
	diag_store_init(&ds);
	char buf[4096] = "m:\n";
	for (int i = 0; i < 40; i++)
		sprintf(buf + strlen(buf), "  k%d: v\n", i);
	strcat(buf, "  k17: again\n");
	struct limits lim;
	limits_default(&lim);
	struct doc *d = load_with(&ds, buf, &lim);
	const struct diag *f = test_find(&ds, DIAG_DUPLICATE_KEY);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 42);
	cr_assert_eq(f->loc2.line, 19);
	doc_free(d);
	diag_store_release(&ds);
}

Test(load, alias_bomb_stops_at_the_node_limit_quickly)
{
	struct diag_store ds;
	diag_store_init(&ds);
	const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
			   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			   "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
			   "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 100000;
	struct doc *d = load_with(&ds, bomb, &lim);
	cr_assert_null(d);
	cr_assert_not_null(test_find(&ds, DIAG_NODE_LIMIT));
	cr_assert(diag_has_fatal(&ds));
	diag_store_release(&ds);
}

Test(load, alias_count_limit)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	lim.max_aliases = 3;
	struct doc *d = load_with(&ds, "a: &x 1\nb: [*x, *x, *x, *x]\n", &lim);
	cr_assert_null(d);
	const struct diag *f = test_find(&ds, DIAG_ALIAS_LIMIT);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 2);
	cr_assert_eq(f->loc.col, 17);
	diag_store_release(&ds);
}

Test(load, depth_limit)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	char deep[2100];
	memset(deep, '[', 1000);
	memset(deep + 1000, ']', 1000);
	deep[2000] = '\0';
	struct doc *d = load_with(&ds, deep, &lim);
	cr_assert_null(d);
	const struct diag *f = test_find(&ds, DIAG_DEPTH_LIMIT);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.col, 65);
	diag_store_release(&ds);
}

Test(load, unknown_alias_is_a_syntax_error)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	cr_assert_null(load_with(&ds, "a: *nowhere\n", &lim));
	cr_assert_not_null(test_find(&ds, DIAG_YAML_SYNTAX));
	diag_store_release(&ds);
}

Test(load, bom_and_crlf_are_accepted)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	struct doc *d = load_with(&ds, "\xEF\xBB\xBFregistry:\r\n  source: x\r\n  editions: []\r\n", &lim);
	cr_assert_not_null(d);
	cr_assert_eq(d->kind, DOC_REGISTRY);
	cr_assert_str_eq(node_get(d->body, "source")->u.str, "x");
	cr_assert_eq(node_get(d->body, "source")->loc.line, 2);
	cr_assert_eq(ds.n, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(load, invalid_utf8_is_reported_at_its_position)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	cr_assert_null(load_with(&ds, "a: ok\nb: 中\xff文\n", &lim));
	const struct diag *f = test_find(&ds, DIAG_INVALID_UTF8);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 2);
	cr_assert_eq(f->loc.col, 5);
	cr_assert_eq(f->sev, SEV_FATAL);
	diag_store_release(&ds);
}

Test(load, nul_byte_is_reported_at_its_position)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	const char text[] = "a: b\nc: d\0e\n";
	test_tables();
	cr_assert_null(load_buffer("t.yaml", text, sizeof text - 1, SYNTAX_YAML, &ds, &lim));
	diag_store_finish(&ds);
	const struct diag *f = test_find(&ds, DIAG_NUL_BYTE);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 2);
	cr_assert_eq(f->loc.col, 5);
	diag_store_release(&ds);
}

Test(load, size_and_line_limits)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	lim.max_file_size = 10;
	cr_assert_null(load_with(&ds, "a: 0123456789\n", &lim));
	cr_assert_not_null(test_find(&ds, DIAG_FILE_TOO_LARGE));
	diag_store_release(&ds);
	diag_store_init(&ds);
	limits_default(&lim);
	lim.max_line_length = 8;
	cr_assert_null(load_with(&ds, "a: b\nc: 0123456789\n", &lim));
	const struct diag *f = test_find(&ds, DIAG_LINE_TOO_LONG);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 2);
	diag_store_release(&ds);
}

Test(load, second_document_is_refused)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	cr_assert_null(load_with(&ds, "a: 1\n---\nb: 2\n", &lim));
	const struct diag *f = test_find(&ds, DIAG_MULTIPLE_DOCUMENTS);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 2);
	diag_store_release(&ds);
}

Test(load, syntax_error_position)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	cr_assert_null(load_with(&ds, "a:\n  b: [1, 2\n  c: 3\n", &lim));
	const struct diag *f = test_find(&ds, DIAG_YAML_SYNTAX);
	cr_assert_not_null(f);
	/* at the cause, the unclosed bracket, not where libyaml noticed it (3:4) */
	cr_assert_eq(f->loc.line, 2);
	cr_assert_eq(f->loc.col, 6);
	diag_store_release(&ds);
}

Test(load, sniff_by_extension_and_content)
{
	cr_assert_eq(load_sniff("a.xml", "x: 1", 4), SYNTAX_XML);
	cr_assert_eq(load_sniff("a.yml", "<x/>", 4), SYNTAX_YAML);
	cr_assert_eq(load_sniff("-", "\n  <system/>", 11), SYNTAX_XML);
	cr_assert_eq(load_sniff("-", "system: {}", 10), SYNTAX_YAML);
}

Test(load, offset_loc_counts_code_points)
{
	const char *t = "ab\n中文x";
	struct loc l = load_offset_loc(t, strlen(t), 9);
	cr_assert_eq(l.line, 2);
	cr_assert_eq(l.col, 3);
}
