/* SPDX-License-Identifier: MIT */
/* test_load: the YAML loader and the byte checks: positions, duplicate keys, aliases, limits. */
#include <criterion/criterion.h>

#include "helpers.h"

static struct doc *load_with(struct diag_store *ds, const char *text, const struct limits *lim)
{
	test_tables();
	struct doc *d = load_buffer("t.yaml", text, strlen(text), SYNTAX_YAML, ds, lim);
	test_self_check(d, text, strlen(text));
	diag_store_finish(ds);
	return d;
}

Test(load, positions_are_one_based_code_points)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "t.yaml",
				  "registry:\n  source: 平台\n  editions:\n    - {number: \"GB/T "
				  "1.1—2020\", title: 导则}\n");
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
	struct doc *d = load_with(&ds, "a:\n  b: 1\n  c: 2\n  b: 3\n",
				  &(struct limits){ .max_file_size = 1 << 20,
						    .max_depth = 64,
						    .max_aliases = 10,
						    .max_nodes = 1000,
						    .max_line_length = 1000,
						    .max_refs = 1000 });
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
	struct doc *d =
	    load_with(&ds, "\xEF\xBB\xBFregistry:\r\n  source: x\r\n  editions: []\r\n", &lim);
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
	/* endings in any case; no name at all; a BOM before the '<' */
	cr_assert_eq(load_sniff("A.XML", "x: 1", 4), SYNTAX_XML);
	cr_assert_eq(load_sniff("a.YAML", "<x/>", 4), SYNTAX_YAML);
	cr_assert_eq(load_sniff("a.xml.txt", "x: 1", 4), SYNTAX_YAML);
	cr_assert_eq(load_sniff(NULL, "\xEF\xBB\xBF <x/>", 8), SYNTAX_XML);
	cr_assert_eq(load_sniff(NULL, "", 0), SYNTAX_YAML);
}

/* ---- the table of input formats ---- */

Test(load, every_format_has_a_complete_record)
{
	size_t n = 0;
	for (const struct load_format *f = load_formats; f->syntax; f++, n++) {
		cr_assert_not_null(f->name);
		cr_assert_not_null(f->exts);
		cr_assert_not_null(f->exts[0], "%s has no file name ending", f->name);
		cr_assert_not_null(f->parse);
		/* only the last takes any content */
		cr_assert_eq(f->sniff == NULL, f[1].syntax == 0, "%s", f->name);
		cr_assert_eq(load_format_of(f->syntax), f);
	}
	cr_assert_eq(
	    n, 6); /* xlsx, csv (docs/import.md), docx, xls (docs/import-word.md), xml, yaml */
	cr_assert_str_eq(load_format_of(SYNTAX_XML)->name, "xml");
	cr_assert_str_eq(load_format_of(SYNTAX_XLSX)->name, "xlsx");
	cr_assert_str_eq(load_format_of(SYNTAX_CSV)->name, "csv");
	cr_assert_str_eq(load_format_of(SYNTAX_DOCX)->name, "docx");
	cr_assert_eq(load_format_for_ext(".XML"), load_format_of(SYNTAX_XML));
	cr_assert_eq(load_format_for_ext(".docx"), load_format_of(SYNTAX_DOCX));
	cr_assert_null(load_format_for_ext(".pdf"));
	cr_assert_null(load_format_of((enum doc_syntax)0));
	cr_assert_null(load_format_of((enum doc_syntax)99));
}

Test(load, an_unknown_syntax_is_an_internal_error)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	cr_assert_null(load_buffer("t", "a: 1", 4, (enum doc_syntax)99, &ds, &lim));
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.v[0].code, DIAG_INTERNAL);
	cr_assert_str_eq(ds.v[0].msg, "no loader for syntax 99");
	diag_store_release(&ds);
}

/* A parser that keeps what it was handed. */
static struct {
	const char *buf;
	size_t len;
	int calls;
} handed;

static bool keep_bytes(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		       const struct limits *lim)
{
	(void)d;
	(void)ds;
	(void)lim;
	handed.buf = buf;
	handed.len = len;
	handed.calls++;
	return true;
}

static const char *const test_exts[] = { ".test", NULL };

/* Load `len` bytes as a format with `bytes`; true when the parser got them. */
static bool hand_over(enum load_bytes bytes, const char *buf, size_t len, size_t max_line,
		      struct diag_store *ds)
{
	const struct load_format f = { SYNTAX_YAML, "test", test_exts,	NULL,
				       bytes,	    0,	    keep_bytes, NULL };
	struct limits lim;
	limits_default(&lim);
	lim.max_file_size = 64;
	lim.max_line_length = max_line;
	handed.calls = 0;
	struct doc *d = load_buffer_as("t.test", buf, len, &f, ds, &lim);
	diag_store_finish(ds);
	cr_assert_eq(d != NULL, handed.calls == 1);
	if (d) {
		cr_assert_eq(d->syntax, SYNTAX_YAML);
		cr_assert_eq(d->size, handed.len);
	}
	doc_free(d);
	return handed.calls == 1;
}

Test(load, a_binary_format_gets_the_raw_bytes)
{
	/* a zip's start, a NUL, bytes that are no UTF-8, a BOM, a long "line" */
	static const char zip[] = "PK\x03\x04\0\xff\xfe\xEF\xBB\xBFxxxxxxxxxxxxxxxx";
	struct diag_store ds;
	diag_store_init(&ds);
	cr_assert(hand_over(LOAD_BINARY, zip, sizeof zip - 1, 4, &ds));
	cr_assert_eq(handed.buf, zip);
	cr_assert_eq(handed.len, sizeof zip - 1);
	cr_assert_eq(ds.n, 0);
	/* the size limit holds for every format */
	char big[65];
	memset(big, 'x', sizeof big);
	cr_assert_not(hand_over(LOAD_BINARY, big, sizeof big, 1 << 20, &ds));
	cr_assert_not_null(test_find(&ds, DIAG_FILE_TOO_LARGE));
	diag_store_release(&ds);
}

Test(load, a_text_format_that_decodes_itself)
{
	/* 标准 in GB18030 after a BOM: neither is the loader's business */
	static const char gb[] = "\xEF\xBB\xBF\xB1\xEA\xD7\xBC,1\n";
	struct diag_store ds;
	diag_store_init(&ds);
	cr_assert(hand_over(LOAD_TEXT, gb, sizeof gb - 1, 1 << 20, &ds));
	cr_assert_eq(handed.buf, gb);
	cr_assert_eq(handed.len, sizeof gb - 1);
	cr_assert_eq(ds.n, 0);
	/* but a NUL byte and an over-long line are refused as for any text */
	cr_assert_not(hand_over(LOAD_TEXT, "a,b\n\0", 5, 1 << 20, &ds));
	cr_assert_not_null(test_find(&ds, DIAG_NUL_BYTE));
	diag_store_release(&ds);
	diag_store_init(&ds);
	cr_assert_not(hand_over(LOAD_TEXT, "a,b\nabcdef\n", 11, 4, &ds));
	cr_assert_not_null(test_find(&ds, DIAG_LINE_TOO_LONG));
	diag_store_release(&ds);
}

Test(load, a_utf8_format_gets_checked_text_without_bom)
{
	static const char bom[] = "\xEF\xBB\xBF"
				  "a: 1\n";
	struct diag_store ds;
	diag_store_init(&ds);
	cr_assert(hand_over(LOAD_UTF8, bom, sizeof bom - 1, 1 << 20, &ds));
	cr_assert_eq(handed.buf, bom + 3);
	cr_assert_eq(handed.len, sizeof bom - 4);
	cr_assert_not(hand_over(LOAD_UTF8, "a: \xB1\xEA\n", 6, 1 << 20, &ds));
	const struct diag *f = test_find(&ds, DIAG_INVALID_UTF8);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.col, 4);
	diag_store_release(&ds);
}

Test(load, offset_loc_counts_code_points)
{
	const char *t = "ab\n中文x";
	struct loc l = load_offset_loc(t, strlen(t), 9);
	cr_assert_eq(l.line, 2);
	cr_assert_eq(l.col, 3);
}
