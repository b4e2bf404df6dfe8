/* SPDX-License-Identifier: MIT */
/* test_model: structural validation and the derived fields of the typed model. */
#include <criterion/criterion.h>

#include "arena.h"
#include "helpers.h"
#include "schema.h"
#include "suggest.h"

static const char *sys_ok = "system:\n"
			    "  id: t\n"
			    "  title: 测试体系\n"
			    "  date: 2024-12-31\n"
			    "  categories:\n"
			    "    - code: \"100\"\n"
			    "      title: 通用基础\n"
			    "      categories:\n"
			    "        - {code: \"101\", title: 导则}\n"
			    "        - {code: \"102\", title: 术语, vacant: true}\n"
			    "  standards:\n"
			    "    - code: 101-001\n"
			    "      number: GB/T 1.1—2020\n"
			    "      title: 标准化工作导则\n"
			    "      status: 现行\n"
			    "      type: 基础\n"
			    "      effective: 2020-10-01\n"
			    "    - code: 101-002\n"
			    "      title: 讲解服务规范\n"
			    "      status: planned\n"
			    "      level: 企业\n"
			    "      effective: 2025-03-01\n";

/* check and validate drop the generic tree once the model is built (project.h, stream): what the
 * passes read stays, in the arena's other parts, and the repeated keys shared one text. */
Test(model, the_model_outlives_its_tree)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "s.yaml", sys_ok);
	cr_assert_not_null(d);
	const struct node *rows = node_get(d->body, "standards");
	cr_assert_not_null(rows);
	cr_assert_eq(rows->n, 2);
	cr_assert_eq(node_get_pair(rows->u.items[0], "title")->key->u.str,
		     node_get_pair(rows->u.items[1], "title")->key->u.str,
		     "an equal key was copied again");
	size_t before = arena_used(d->arena);
	doc_drop_tree(d);
	cr_assert_null(d->root);
	cr_assert_null(d->body);
	cr_assert_lt(arena_used(d->arena), before);
	const struct system *s = d->model;
	cr_assert_eq(s->nrows, 2);
	cr_assert_str_eq(s->rows[0].title.s, "标准化工作导则");
	cr_assert_str_eq(s->rows[0].number.text.s, "GB/T 1.1—2020");
	cr_assert_eq(s->rows[0].number.no.year, 2020);
	cr_assert_str_eq(s->rows[1].key_eff, "101-002");
	cr_assert_str_eq(s->categories[0].children[0].title.s, "导则");
	cr_assert_eq(system_category(s, "102"), &s->categories[0].children[1]);
	doc_free(d);
	diag_store_release(&ds);
}

/* test_load with the rows taken as they are read (model_row_sink, as check and validate do),
 * or not; the model built and self-checked, the store not finished. */
static struct doc *load_rows(struct diag_store *ds, const char *text, bool sink)
{
	struct limits lim;
	limits_default(&lim);
	if (sink)
		lim.sink = &model_row_sink;
	test_tables();
	struct doc *d = load_buffer("s.yaml", text, strlen(text), SYNTAX_YAML, ds, &lim);
	if (d)
		model_build(d, ds);
	test_self_check(d, text, strlen(text));
	return d;
}

/* Both ways give the same findings, in the same order, and the same rows. */
static void same_both_ways(const char *text, size_t nrows)
{
	struct diag_store a, b;
	diag_store_init(&a);
	diag_store_init(&b);
	struct doc *da = load_rows(&a, text, false);
	struct doc *db = load_rows(&b, text, true);
	test_same_loads(da, &a, db, &b, nrows, false);
}

/* check and validate take a system's rows from the YAML loader one by one and free their nodes
 * (model_row_sink): the model and the findings are those of the whole tree, with rows that are
 * wrong in every way, entries that are no mapping, anchors and aliases. */
Test(model, rows_taken_as_read_are_the_tree_s_rows)
{
	static const char *text = "system:\n"
				  "  id: t\n"
				  "  title: 测试体系\n"
				  "  standards:\n"
				  "    - code: 101-001\n"
				  "      number: GB/T 1.1—2020\n"
				  "      title: 标准化工作导则\n"
				  "      colour: red\n"
				  "      replaces: [GB/T 1.1—2009, GB/T 5O89]\n"
				  "    - just text\n"
				  "    - &r {code: 101-002, number: \"WH/T 1-2020\", title: 讲解}\n"
				  "    - code: 101-003\n"
				  "      number: GB/T 2.1—2020\n"
				  "      title:\n"
				  "      status: gone\n"
				  "      effective: 2020-13-01\n"
				  "    - *r\n"
				  "    - [a, b]\n"
				  "    - code: 101-004\n"
				  "      title: 接待\n"
				  "      title: 接待服务\n"
				  "  date: 2024-12-31\n"
				  "  categories:\n"
				  "    - {code: \"101\", title: 导则}\n";
	same_both_ways(text, 5);
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = load_rows(&ds, text, true);
	cr_assert_not_null(d->taken);
	cr_assert_eq(node_get(d->body, "standards")->n, 0, "the rows stayed in the tree");
	doc_free(d);
	diag_store_release(&ds);
	/* no rows at all, an empty list, a list that is no list */
	same_both_ways("system:\n  id: t\n  title: x\n  standards: []\n", 0);
	same_both_ways("system:\n  id: t\n  title: x\n  standards: {a: 1}\n", 0);
	/* a second list stays in the tree and is ignored, as the first key counts */
	same_both_ways("system:\n  id: t\n  title: x\n  standards:\n    - {code: A-001, title: "
		       "a}\n  standards:\n    - {code: B-001, title: b}\n",
		       1);
	/* an anchored list is not taken: an alias would find it empty */
	same_both_ways("system:\n  id: t\n  title: x\n  standards: &l\n    - {code: A-001, "
		       "title: a}\n",
		       1);
}

/* A file that fails to load after some rows were taken: only the load's own finding, and the
 * taken rows go with the document (leak checkers and ASan watch this one). */
Test(model, rows_taken_before_a_syntax_error_leave_nothing)
{
	static const char *text = "system:\n"
				  "  id: t\n"
				  "  standards:\n"
				  "    - {code: A-001, title: a, colour: red}\n"
				  "    - {code: A-002, title: b, number: GB/T 5O89}\n"
				  "    - code: [unclosed\n";
	for (int sink = 0; sink < 2; sink++) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct doc *d = load_rows(&ds, text, sink);
		cr_assert_null(d);
		diag_store_finish(&ds);
		cr_assert_eq(diag_store_size(&ds), 1, "sink %d", sink);
		cr_assert_eq(diag_store_get(&ds, 0)->code, DIAG_YAML_SYNTAX);
		diag_store_release(&ds);
	}
	/* two root keys: no model, and the taken rows' findings are not filed */
	same_both_ways("system:\n  id: t\n  standards:\n    - {code: A-001, colour: red}\nx: 1\n",
		       0);
}

/* What the sink is for: the tree of a long system never holds its rows all at once. */
Test(model, rows_taken_as_read_free_their_nodes)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "system:\n  id: t\n  title: x\n  standards:\n");
	enum { NROWS = 4096 }; /* the taken rows' array is as long as that: 64 doubled */
	for (int i = 0; i < NROWS; i++)
		strbuf_addf(
		    &sb,
		    "    - code: 101-%03d\n      number: GB/T %d—2020\n      title: 标准 %d\n"
		    "      status: current\n      effective: 2020-10-01\n"
		    "      replaces: [GB/T %d—2009]\n",
		    i % 1000, 1000 + i, i, 1000 + i);
	size_t used[2];
	for (int sink = 0; sink < 2; sink++) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct doc *d = load_rows(&ds, sb.buf, sink);
		cr_assert_eq(((const struct system *)d->model)->nrows, NROWS);
		used[sink] = arena_used(d->arena);
		doc_free(d);
		diag_store_release(&ds);
	}
	/* a row's tree is 14 nodes, 6 pairs and an item: 440 bytes */
	cr_assert_lt(used[1] + (size_t)NROWS * 400, used[0], "with the sink %zu, without %zu",
		     used[1], used[0]);
	strbuf_release(&sb);
}

Test(model, clean_system_builds_with_derived_fields)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "s.yaml", sys_ok);
	cr_assert_not_null(d);
	cr_assert_eq(ds.n, 0, "unexpected finding: %s", ds.n ? ds.v[0].msg : "");
	struct system *s = d->model;
	cr_assert_eq(s->nrows, 2);
	cr_assert_eq(s->ncat, 3);
	cr_assert_eq(s->review_cycle.v, 5);
	const struct row *r = &s->rows[0];
	cr_assert_eq(r->status.v, STATUS_CURRENT);
	cr_assert_eq(r->type.v, TYPE_BASIC);
	cr_assert_eq(r->level_eff, LEVEL_NATIONAL);
	cr_assert_str_eq(r->key_eff, "GB/T 1.1");
	cr_assert(r->code_ok);
	cr_assert_str_eq(r->category->code.s, "101");
	cr_assert_eq(r->serial, 1);
	cr_assert_eq(s->rows[1].level_eff, LEVEL_ENTERPRISE);
	cr_assert_str_eq(s->rows[1].key_eff, "101-002");
	cr_assert(s->categories[0].children[1].vacant.v);
	cr_assert_eq(s->categories[0].children[0].parent, &s->categories[0]);
	cr_assert(category_is_leaf(&s->categories[0].children[0]));
	cr_assert_str_eq(category_block(s->rows[0].category)->code.s, "100");
	char *code = system_format_code(s, "205", 7);
	cr_assert_str_eq(code, "205-007");
	free(code);
	doc_free(d);
	diag_store_release(&ds);
}

Test(model, status_follows_the_effective_date)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "s.yaml", sys_ok);
	struct system *s = d->model;
	struct date before = { 2020, 9, 30, { 0, 0 } }, after = { 2020, 10, 1, { 0, 0 } };
	cr_assert_eq(row_status_on(&s->rows[0], &before), STATUS_UPCOMING);
	cr_assert_eq(row_status_on(&s->rows[0], &after), STATUS_CURRENT);
	cr_assert_eq(row_status_on(&s->rows[1], &after), STATUS_PLANNED);
	doc_free(d);
	diag_store_release(&ds);
}

Test(model, missing_and_unknown_keys)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(
	    &ds, "s.yaml",
	    "system:\n  id: t\n  categories: []\n  standards:\n    - code: 1\n      titel: x\n");
	const struct diag *miss = test_find(&ds, DIAG_KEY_MISSING);
	cr_assert_not_null(miss);
	cr_assert_str_eq(miss->msg, "system is missing the required key 'title'");
	cr_assert_eq(miss->loc.line, 2);
	const struct diag *unk = test_find(&ds, DIAG_KEY_UNKNOWN);
	cr_assert_not_null(unk);
	cr_assert_str_eq(unk->msg, "unknown key 'titel' in row");
	cr_assert_str_eq(unk->help, "did you mean 'title'?");
	cr_assert_eq(unk->loc.line, 6);
	cr_assert_eq(unk->loc.col, 7);
	doc_free(d);
	diag_store_release(&ds);
}

Test(model, root_errors)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "s.yaml", "sytem:\n  id: t\n");
	const struct diag *f = test_find(&ds, DIAG_ROOT_UNKNOWN);
	cr_assert_not_null(f);
	cr_assert_str_eq(f->help, "did you mean 'system'?");
	doc_free(d);
	diag_store_release(&ds);
	diag_store_init(&ds);
	d = test_load(&ds, "s.yaml", "");
	cr_assert_not_null(test_find(&ds, DIAG_ROOT_UNKNOWN));
	doc_free(d);
	diag_store_release(&ds);
}

/* Issue 18: cells written as mappings keep their spans and marks beside the plain cells of
 * the row; a table's footnotes and continuation; an item's further paragraphs; a reference by
 * title; an annex without kind. */
Test(model, tables_as_printed_and_other_shapes)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(
	    &ds, "d.yaml",
	    "standard:\n  title: 规范\n  clauses:\n"
	    "    - num: \"2\"\n      title: 规范性引用文件\n"
	    "      references: [{title: 文化馆建设用地指标, doc-number: 建标〔2008〕128号}]\n"
	    "    - num: \"4\"\n      title: 要求\n      body:\n"
	    "        - list: {style: letter, items: [{text: 甲；, paras: [乙。, 丙；]}]}\n"
	    "        - table: {num: \"1\", rows: [[a, {text: b, colspan: 2, marks: [a]}, c]],"
	    " footnotes: [{mark: a, text: 脚注。}]}\n"
	    "        - table: {num: \"1\", continued: true, rows: [[{rowspan: 1}]]}\n"
	    "  annexes: [{num: A, title: 附录}]\n");
	cr_assert_eq(diag_store_size(&ds), 0);
	struct standard *s = d->model;
	const struct refentry *e = &s->clauses[0].references[0];
	cr_assert_null(e->number.text.s);
	cr_assert_str_eq(e->title.s, "文化馆建设用地指标");
	cr_assert_str_eq(e->doc_number.s, "建标〔2008〕128号");
	const struct body *b = &s->clauses[1].body;
	cr_assert_eq(b->v[0].list->items[0].paras.n, 2);
	cr_assert_str_eq(b->v[0].list->items[0].paras.v[1].s, "丙；");
	const struct cellrow *row = &b->v[1].rows.v[0];
	cr_assert_eq(row->n, 3);
	cr_assert_not_null(row->cells);
	cr_assert_str_eq(row->v[0].s, "a");
	cr_assert_str_eq(row->cells[0].text.s, "a"); /* the plain cell, as written */
	cr_assert_not(row->cells[0].colspan.set);
	cr_assert_str_eq(row->v[1].s, "b");
	cr_assert_eq(row->cells[1].colspan.v, 2);
	cr_assert_str_eq(row->cells[1].marks.v[0].s, "a");
	cr_assert_str_eq(row->v[2].s, "c");
	cr_assert_eq(b->v[1].nfootnotes, 1);
	cr_assert(b->v[2].continued.v);
	cr_assert_str_eq(b->v[2].rows.v[0].v[0].s, ""); /* a cell record without text */
	cr_assert_eq(s->annexes[0].kind.v, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(model, values_are_checked)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "s.yaml",
				  "registry:\n  date: 2023-02-30\n  format: 2\n  editions:\n"
				  "    - {number: GB/T 1, status: 现行的}\n"
				  "    - {number: DB99/T 1—2020, status: replaced}\n"
				  "    - {number: GB/T 2, title: }\n"
				  "    - GB/T 3\n");
	cr_assert_not_null(test_find(&ds, DIAG_DATE_INVALID));
	cr_assert_not_null(test_find(&ds, DIAG_FORMAT_VERSION));
	const struct diag *e = test_find(&ds, DIAG_ENUM_INVALID);
	cr_assert_not_null(e);
	cr_assert_eq(e->loc.line, 5);
	cr_assert_not_null(test_find(&ds, DIAG_STDNO_PROVINCE));
	cr_assert_not_null(test_find(&ds, DIAG_EMPTY_VALUE));
	cr_assert_not_null(test_find(&ds, DIAG_TYPE_MISMATCH));
	doc_free(d);
	diag_store_release(&ds);
}

Test(model, standard_bodies_and_blocks)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d =
	    test_load(&ds, "d.yaml",
		      "standard:\n  title: 规范\n  clauses:\n"
		      "    - num: \"1\"\n      title: 范围\n      body: 本文件规定了……。\n"
		      "    - num: \"4\"\n      title: 要求\n      body:\n"
		      "        - 段落。\n"
		      "        - list: {style: letter, items: [甲；, {text: 乙：, list: {style: "
		      "dash, items: [丙。]}}]}\n"
		      "        - table: {num: \"1\", title: 表, head: [[a, b]], rows: [[1, ~]]}\n"
		      "        - note: 注文。\n"
		      "        - formula: {num: \"1\", text: x=y}\n"
		      "        - graph: {}\n");
	struct standard *s = d->model;
	cr_assert_eq(s->nclauses, 2);
	cr_assert_eq(clause_kind(&s->clauses[0]), CLAUSE_SCOPE);
	const struct body *b = &s->clauses[1].body;
	cr_assert_eq(b->n, 5);
	cr_assert_eq(b->v[0].kind, BLOCK_P);
	cr_assert_eq(b->v[1].kind, BLOCK_LIST);
	cr_assert_eq(b->v[1].list->nitems, 2);
	cr_assert_eq(b->v[1].list->items[1].sub->style.v, LIST_DASH);
	cr_assert_eq(b->v[2].kind, BLOCK_TABLE);
	cr_assert_str_eq(b->v[2].num.s, "1");
	cr_assert_eq(b->v[2].rows.v[0].n, 2);
	cr_assert_str_eq(b->v[2].rows.v[0].v[1].s, "");
	cr_assert_eq(b->v[3].kind, BLOCK_NOTE);
	cr_assert_eq(b->v[4].kind, BLOCK_FORMULA);
	const struct diag *f = test_find(&ds, DIAG_BLOCK_INVALID);
	cr_assert_not_null(f);
	cr_assert_eq(f->loc.line, 15);
	doc_free(d);
	diag_store_release(&ds);
}

Test(model, dates)
{
	struct date d;
	cr_assert(date_parse("2024-02-29", &d));
	cr_assert(!date_parse("2023-02-29", &d));
	cr_assert(!date_parse("2023-1-01", &d));
	cr_assert(!date_parse("2023-01-01x", &d));
	struct date a = { 2024, 2, 29, { 0, 0 } };
	struct date b = date_add_years(&a, 5);
	cr_assert_eq(b.y, 2029);
	cr_assert_eq(b.d, 28);
	cr_assert(date_cmp(&a, &b) < 0);
	/* date_format writes what date_parse reads */
	char buf[DATE_TEXT_SIZE];
	cr_assert_str_eq(date_format(&b, buf), "2029-02-28");
	struct date c = { 987, 1, 5, { 0, 0 } };
	cr_assert_str_eq(date_format(&c, buf), "0987-01-05");
	cr_assert(date_parse(date_format(&a, buf), &d));
	cr_assert(date_cmp(&a, &d) == 0);
}

Test(model, enum_words_in_both_languages)
{
	cr_assert_eq(schema_enum_value(&schema_enum_status, "被代替"), STATUS_REPLACED);
	cr_assert_eq(schema_enum_value(&schema_enum_status, "Current"), STATUS_CURRENT);
	cr_assert_eq(schema_enum_value(&schema_enum_level, "团标"), LEVEL_GROUP);
	cr_assert_str_eq(status_word(STATUS_UPCOMING, true), "即将实施");
	cr_assert_str_eq(level_word(LEVEL_SECTOR, false), "sector");
	cr_assert_str_eq(did_you_mean("replacs", (const char *const[]){ "replaces", "refs", NULL }),
			 "replaces");
	cr_assert_null(did_you_mean("zzzzzz", (const char *const[]){ "replaces", "refs", NULL }));
}

/* A 100,000-row system holds 100,000 rows and their numbers: the sizes issue 19 set (item 4). */
Test(model, rows_and_numbers_are_compact)
{
	cr_expect_leq(sizeof(struct numtext), 104);
	cr_expect_leq(sizeof(struct row), 456);
}
