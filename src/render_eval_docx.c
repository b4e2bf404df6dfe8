/* SPDX-License-Identifier: MIT */
/* render_eval_docx: the 自我评价报告 as a Word document the pilot edits and hands in — A4
 * portrait, in the order of the HTML report (title, dates, the summary table, each section with
 * its indexes, formulas and the items counted), 黑体 headings over 宋体 text, bordered tables
 * whose header row repeats on every page, and the free-text sections marked 【待填写】 in red
 * in a box so that none is handed in unwritten by mistake. */
#include <stdio.h>

#include "eval.h"
#include "ooxml.h"
#include "strbuf.h"

/* A4 portrait: margins 25 mm left and right, 30 mm top and bottom (twentieths of a point). */
enum {
	PAGE_W = 11906,
	PAGE_H = 16838,
	MARGIN_X = 1418,
	MARGIN_Y = 1701,
	TEXT_W = PAGE_W - 2 * MARGIN_X, /* 9070: 160 mm */
};

static const char styles_tail[] =
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalTitle\"><w:name "
    "w:val=\"zhun 评价报告标题\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"center\"/><w:spacing "
    "w:before=\"240\" w:after=\"240\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"36\"/><w:szCs "
    "w:val=\"36\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalText\"><w:name "
    "w:val=\"zhun 评价报告正文\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\" w:line=\"312\" "
    "w:lineRule=\"auto\"/></w:pPr>"
    "<w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalNote\"><w:name "
    "w:val=\"zhun 评价报告说明\"/>"
    "<w:basedOn w:val=\"zhunEvalText\"/><w:rPr><w:sz w:val=\"21\"/><w:szCs "
    "w:val=\"21\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalHeading1\"><w:name "
    "w:val=\"zhun 评价报告章标题\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"zhunEvalText\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"30\"/><w:szCs "
    "w:val=\"30\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalHeading2\"><w:name "
    "w:val=\"zhun 评价报告节标题\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"zhunEvalText\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"24\"/><w:szCs "
    "w:val=\"24\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalIndex\"><w:name "
    "w:val=\"zhun 评价报告指标\"/>"
    "<w:basedOn w:val=\"zhunEvalText\"/><w:pPr><w:keepNext/><w:spacing w:before=\"120\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalFormula\"><w:name "
    "w:val=\"zhun 评价报告计算方法\"/>"
    "<w:basedOn w:val=\"zhunEvalNote\"/><w:pPr><w:keepNext/></w:pPr></w:style>\n"
    /* the mark of a section still to write: red text in a red box, seen on screen and paper */
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunEvalPlaceholder\"><w:name "
    "w:val=\"zhun 评价报告待填写\"/>"
    "<w:basedOn w:val=\"zhunEvalText\"/><w:pPr><w:pBdr>"
    "<w:top w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"C00000\"/><w:left w:val=\"single\" "
    "w:sz=\"6\" w:space=\"4\" w:color=\"C00000\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"C00000\"/><w:right "
    "w:val=\"single\" w:sz=\"6\" w:space=\"4\" w:color=\"C00000\"/>"
    "</w:pBdr><w:spacing w:before=\"120\" w:after=\"120\"/><w:ind w:left=\"113\" "
    "w:right=\"113\"/></w:pPr>"
    "<w:rPr><w:color w:val=\"C00000\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunCell\"><w:name w:val=\"zhun "
    "表格文字\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz "
    "w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunCellHead\"><w:name "
    "w:val=\"zhun 表头\"/>"
    "<w:basedOn w:val=\"zhunCell\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:rFonts "
    "w:eastAsia=\"黑体\"/></w:rPr></w:style>\n";

static const char *colon(const struct eval *e)
{
	return e->zh ? "：" : ": ";
}

/* A table's header row of n cells. */
static void head_row(struct strbuf *o, const size_t *w, const char *const *h, size_t n)
{
	ooxml_tr_open(o, true);
	for (size_t i = 0; i < n; i++)
		ooxml_tc(o, w[i], 1, "zhunCellHead", NULL, 0, true, h[i]);
	strbuf_adds(o, "</w:tr>\n");
}

static void summary(struct strbuf *o, const struct eval *e)
{
	static const size_t w[5] = { 2300, 1000, 800, 800, TEXT_W - 4900 };
	const char *h[5] = { eval_word(e, "index"), eval_word(e, "value"),
			     eval_word(e, "numerator"), eval_word(e, "denominator"),
			     eval_word(e, "formula") };
	ooxml_para(o, "zhunEvalHeading1", NULL, eval_word(e, "summary"));
	ooxml_tbl_open(o, w, 5);
	head_row(o, w, h, 5);
	char num[32], den[32];
	for (int i = 0; i < EVAL__COUNT; i++) {
		const struct eval_index_value *v = &e->idx[i];
		eval_fraction(v, num, den);
		ooxml_tr_open(o, false);
		ooxml_tc(o, w[0], 1, "zhunCell", NULL, 0, false, v->name);
		ooxml_tc(o, w[1], 1, "zhunCell", "right", 0, false, v->value);
		ooxml_tc(o, w[2], 1, "zhunCell", "right", 0, false, num);
		ooxml_tc(o, w[3], 1, "zhunCell", "right", 0, false, den);
		ooxml_tc(o, w[4], 1, "zhunCell", NULL, 0, false, v->formula);
		strbuf_adds(o, "</w:tr>\n");
	}
	strbuf_adds(o, "</w:tbl>\n");
}

/* An index: its name and figure, its formula, and the table of what it counted. */
static void index_block(struct strbuf *o, const struct eval *e, const struct eval_index_value *v)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s%s%s", v->name, colon(e), v->value ? v->value : "");
	if (v->computed && v->unit != EVAL_SCORE)
		strbuf_addf(&sb, " (%ld/%ld)", v->num, v->den);
	if (v->trend)
		strbuf_addf(&sb, " (%s)", v->trend);
	if (!v->computed)
		strbuf_addf(&sb, " — %s", v->missing ? v->missing : "");
	ooxml_para(o, "zhunEvalIndex", NULL, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s%s%s", eval_word(e, "formula"), colon(e), v->formula);
	ooxml_para(o, "zhunEvalFormula", NULL, sb.buf);
	strbuf_release(&sb);
	if (!v->nitems)
		return;
	static const size_t w[3] = { 5000, 2900, 1170 };
	const char *h[3] = { eval_word(e, "item"), eval_word(e, "detail"),
			     eval_word(e, "counted") };
	ooxml_tbl_open(o, w, 3);
	head_row(o, w, h, 3);
	for (size_t i = 0; i < v->nitems; i++) {
		ooxml_tr_open(o, false);
		ooxml_tc(o, w[0], 1, "zhunCell", NULL, 0, false, v->items[i].label);
		ooxml_tc(o, w[1], 1, "zhunCell", NULL, 0, false, v->items[i].detail);
		ooxml_tc(o, w[2], 1, "zhunCell", "center", 0, false,
			 eval_word(e, v->items[i].counted ? "yes" : "no"));
		strbuf_adds(o, "</w:tr>\n");
	}
	strbuf_adds(o, "</w:tbl>\n");
}

static void years(struct strbuf *o, const struct eval *e)
{
	static const size_t w[2] = { 2000, 2400 };
	const char *h[2] = { eval_word(e, "year"), eval_word(e, "inspections") };
	char y[32], n[32];
	/* Word and LibreOffice join two tables with nothing between them into one */
	ooxml_para(o, "zhunEvalNote", NULL, "");
	ooxml_tbl_open(o, w, 2);
	head_row(o, w, h, 2);
	for (size_t i = 0; i < e->nyears; i++) {
		snprintf(y, sizeof y, "%d", e->years[i].year);
		snprintf(n, sizeof n, "%ld", e->years[i].inspections);
		ooxml_tr_open(o, false);
		ooxml_tc(o, w[0], 1, "zhunCell", "center", 0, false, y);
		ooxml_tc(o, w[1], 1, "zhunCell", "right", 0, false, n);
		strbuf_adds(o, "</w:tr>\n");
	}
	strbuf_adds(o, "</w:tbl>\n");
}

static void section(struct strbuf *o, const struct eval *e, const struct eval_section *sec)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s%s%s", sec->num, e->zh ? (sec->level == 1 ? "、" : "") : " ",
		    sec->title);
	ooxml_para(o, sec->level == 1 ? "zhunEvalHeading1" : "zhunEvalHeading2", NULL, sb.buf);
	if (sec->open_actions) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s%s", eval_word(e, "open-actions"), colon(e),
			    e->nopen ? "" : eval_word(e, "none"));
		ooxml_para(o, "zhunEvalText", NULL, sb.buf);
		for (size_t i = 0; i < e->nopen; i++) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%zu. %s", i + 1, e->open_actions[i]);
			ooxml_para(o, "zhunEvalText", NULL, sb.buf);
		}
	}
	if (sec->placeholder) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s", eval_word(e, "placeholder"), sec->placeholder);
		ooxml_para(o, "zhunEvalPlaceholder", NULL, sb.buf);
	}
	for (const enum eval_index *x = sec->indexes; *x != EVAL__COUNT; x++) {
		index_block(o, e, &e->idx[*x]);
		if (*x == EVAL_IMPLEMENTATION) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, e->zh ? "%s：%ld 次；%s：%ld" : "%s: %ld; %s: %ld",
				    eval_word(e, "trainings"), e->trainings,
				    eval_word(e, "participants"), e->participants);
			ooxml_para(o, "zhunEvalText", NULL, sb.buf);
		}
		if (*x == EVAL_INSPECTIONS && e->nyears)
			years(o, e);
	}
	strbuf_release(&sb);
}

int render_eval_docx(const struct eval *e, struct strbuf *out)
{
	struct strbuf doc = STRBUF_INIT, sb = STRBUF_INIT;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE], c[DATE_TEXT_SIZE];
	ooxml_para(&doc, "zhunEvalTitle", NULL, e->title);
	strbuf_addf(&sb, "%s%s%s%s%s%s%s – %s", eval_word(e, "as-of"), colon(e),
		    date_format(&e->as_of, a), e->zh ? "；" : "; ", eval_word(e, "period"),
		    colon(e), date_format(&e->from, b), date_format(&e->to, c));
	ooxml_para(&doc, "zhunEvalText", "center", sb.buf);
	ooxml_para(&doc, "zhunEvalNote", NULL, eval_word(e, "outline-note"));
	summary(&doc, e);
	for (size_t s = 0; s < e->nsections; s++)
		section(&doc, e, &e->sections[s]);
	const struct ooxml_page pg = { PAGE_W,	 PAGE_H,   MARGIN_Y, MARGIN_X,
				       MARGIN_Y, MARGIN_X, 851,	     851 };
	int rc = ooxml_write_docx(out, e->title, &doc, styles_tail, &pg);
	strbuf_release(&doc);
	strbuf_release(&sb);
	return rc;
}
