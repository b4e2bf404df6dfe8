/* SPDX-License-Identifier: MIT */
/* test_doc_layout: the computed layout of a standard — table grids with spans (merged slots, a
 * span cut where it would hide another cell's text or leave its section), footnotes, continued
 * tables, list items of several paragraphs, references by title, an annex without kind. */
#include <criterion/criterion.h>

#include "doc_layout.h"
#include "helpers.h"

static struct doc *load_std(struct diag_store *ds, const char *body)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_adds(&sb,
		    "standard:\n  title: 测试\n  clauses:\n    - num: \"1\"\n      title: 要求\n");
	strbuf_adds(&sb, body);
	diag_store_init(ds);
	struct doc *d = test_load(ds, "t.yaml", sb.buf);
	strbuf_release(&sb);
	cr_assert_not_null(d);
	cr_assert_not_null(d->model);
	return d;
}

/* The first block of `kind` in the body part. */
static const struct doc_block *first(const struct doc_layout *l, enum doc_part_kind part,
				     enum doc_block_kind kind)
{
	for (size_t p = 0; p < l->nparts; p++)
		for (size_t i = 0; l->parts[p].kind == part && i < l->parts[p].nblocks; i++)
			if (l->parts[p].blocks[i].kind == kind)
				return &l->parts[p].blocks[i];
	cr_assert_fail("no block of kind %d", kind);
	return NULL;
}

static const char *cell(const struct doc_cell *c)
{
	cr_assert_eq(c->kind, DOC_CELL_TEXT);
	return c->text.s;
}

Test(doc_layout, spans_footnotes_and_continuation)
{
	struct diag_store ds;
	struct doc *d = load_std(
	    &ds, "      body:\n"
		 "        - table:\n"
		 "            num: \"1\"\n"
		 "            title: 开放时间\n"
		 "            head:\n"
		 "              - [{text: 区域, rowspan: 2}, {text: 开放时间, colspan: 2}]\n"
		 "              - [工作日, 节假日]\n"
		 "            rows:\n"
		 "              - [展厅, \"9:00\", {text: \"9:30\", marks: [a, b]}]\n"
		 "            footnotes:\n"
		 "              - {mark: a, text: 春节闭馆。}\n"
		 "              - {mark: b, text: 须预约。}\n"
		 "        - table:\n"
		 "            num: \"1\"\n"
		 "            continued: true\n"
		 "            rows: [[阅览室, \"9:00\", \"21:00\"]]\n"
		 "        - table:\n"
		 "            num: \"1\"\n"
		 "            title: 开放时间\n"
		 "            continued: true\n"
		 "            rows: [[报告厅, \"9:00\", \"17:00\"]]\n");
	struct doc_layout *l = doc_layout_new(d->model);
	const struct doc_table *t = first(l, DOC_BODY, DOC_TABLE)->table;
	cr_assert_str_eq(t->caption, "表1　开放时间");
	cr_assert_eq(t->ncols, 3);
	cr_assert_str_eq(cell(&t->head[0][0]), "区域");
	cr_assert_eq(t->head[0][0].rowspan, 2);
	cr_assert_str_eq(cell(&t->head[0][1]), "开放时间");
	cr_assert_eq(t->head[0][1].colspan, 2);
	cr_assert_eq(t->head[0][2].kind, DOC_CELL_LEFT);
	cr_assert_eq(t->head[1][0].kind, DOC_CELL_ABOVE);
	cr_assert(t->head[1][0].last_row);
	cr_assert_str_eq(cell(&t->head[1][1]), "工作日");
	cr_assert_str_eq(cell(&t->head[1][2]), "节假日");
	cr_assert_str_eq(t->rows[0][2].marks, "a,b");
	cr_assert_null(t->rows[0][1].marks);
	cr_assert_eq(t->nfootnotes, 2);
	cr_assert_str_eq(t->footnote_marks[1], "b");
	cr_assert_str_eq(t->footnotes[1].s, "须预约。");
	const struct doc_block *b = first(l, DOC_BODY, DOC_TABLE);
	cr_assert_eq(b[1].kind, DOC_TABLE);
	cr_assert(b[1].table->continued);
	cr_assert_str_eq(b[1].table->caption, "表1（续）");
	cr_assert_eq(b[1].table->nhead, 0);
	cr_assert_str_eq(b[2].table->caption,
			 "表1　开放时间（续）"); /* a title the source repeats */
	doc_layout_free(l);
	doc_free(d);
	diag_store_release(&ds);
}

/* Spans that do not fit (check reports num-table-span) never hide a cell: a colspan stops at a
 * slot a rowspan covers, a rowspan at the end of its section, and a short row is padded. */
Test(doc_layout, broken_spans_keep_every_cell)
{
	struct diag_store ds;
	struct doc *d = load_std(&ds, "      body:\n"
				      "        - table:\n"
				      "            num: \"1\"\n"
				      "            rows:\n"
				      "              - [A, {text: B, rowspan: 5}, C]\n"
				      "              - [{text: D, colspan: 3}, E]\n"
				      "              - [F]\n");
	struct doc_layout *l = doc_layout_new(d->model);
	const struct doc_table *t = first(l, DOC_BODY, DOC_TABLE)->table;
	cr_assert_eq(t->ncols, 3);
	cr_assert_str_eq(cell(&t->rows[0][1]), "B");
	cr_assert_eq(t->rows[0][1].rowspan, 3); /* cut at the last row */
	cr_assert_str_eq(cell(&t->rows[1][0]), "D");
	cr_assert_eq(t->rows[1][0].colspan, 1); /* stops at B's column */
	cr_assert_eq(t->rows[1][1].kind, DOC_CELL_ABOVE);
	cr_assert_str_eq(cell(&t->rows[1][2]), "E");
	cr_assert_str_eq(cell(&t->rows[2][0]), "F");
	cr_assert_eq(t->rows[2][1].kind, DOC_CELL_ABOVE);
	cr_assert(t->rows[2][1].last_row);
	cr_assert_str_eq(cell(&t->rows[2][2]), ""); /* the short row padded */
	doc_layout_free(l);
	doc_free(d);
	diag_store_release(&ds);
}

Test(doc_layout, a_huge_span_is_bounded)
{
	struct diag_store ds;
	struct doc *d = load_std(
	    &ds, "      body:\n"
		 "        - table: {num: \"1\", rows: [[{text: A, colspan: 1000}], [B, C]]}\n");
	struct doc_layout *l = doc_layout_new(d->model);
	const struct doc_table *t = first(l, DOC_BODY, DOC_TABLE)->table;
	cr_assert_leq(t->ncols, 200);
	cr_assert_str_eq(cell(&t->rows[0][0]), "A");
	cr_assert_str_eq(cell(&t->rows[1][1]), "C");
	doc_layout_free(l);
	doc_free(d);
	diag_store_release(&ds);
}

Test(doc_layout, item_paragraphs_references_by_title_annex_without_kind)
{
	struct diag_store ds;
	struct doc *d =
	    load_std(&ds, "      body:\n"
			  "        - list:\n"
			  "            style: letter\n"
			  "            items:\n"
			  "              - text: 开放时间应公示；\n"
			  "                paras: [节假日另行公示。, 临时调整应提前公告。]\n"
			  "                list: {style: dash, items: [展览。]}\n"
			  "    - num: \"2\"\n"
			  "      title: 规范性引用文件\n"
			  "      references:\n"
			  "        - {number: GB/T 32939—2016, title: 公共图书馆服务规范}\n"
			  "        - {title: 文化馆建设用地指标, doc-number: 建标〔2008〕128号}\n"
			  "        - {title: 公共文化服务保障法}\n"
			  "  annexes:\n"
			  "    - {num: A, title: 服务台账, body: 本附录给出台账格式。}\n");
	struct doc_layout *l = doc_layout_new(d->model);
	const struct doc_block *b = first(l, DOC_BODY, DOC_LIST_ITEM);
	cr_assert_str_eq(b[0].label, "a）");
	cr_assert_eq(b[1].kind, DOC_LIST_PARA);
	cr_assert_eq(b[1].level, 0);
	cr_assert_str_eq(b[1].text.s, "节假日另行公示。");
	cr_assert_eq(b[2].kind, DOC_LIST_PARA);
	cr_assert_eq(b[3].kind, DOC_LIST_ITEM);
	cr_assert_eq(b[3].level, 1);
	const struct doc_block *r = first(l, DOC_BODY, DOC_REF);
	cr_assert_str_eq(r[0].text.s, "GB/T 32939—2016");
	cr_assert_str_eq(r[0].title, "公共图书馆服务规范");
	cr_assert_str_eq(r[1].text.s, "");
	cr_assert_str_eq(r[1].title, "《文化馆建设用地指标》（建标〔2008〕128号）");
	cr_assert_str_eq(r[2].title, "《公共文化服务保障法》");
	const struct doc_block *a = first(l, DOC_ANNEX, DOC_ANNEX_HEAD);
	cr_assert_str_eq(a->label, "附录A");
	cr_assert_null(a->kind_word);
	const struct doc_block *e = first(l, DOC_TOC, DOC_TOC_ENTRY);
	while (e->kind == DOC_TOC_ENTRY && strncmp(e->title, "附录", 6) != 0)
		e++;
	cr_assert_str_eq(e->title, "附录A　服务台账");
	doc_layout_free(l);
	doc_free(d);
	diag_store_release(&ds);
}
