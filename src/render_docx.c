/* SPDX-License-Identifier: MIT */
/* render_docx: the 标准体系表 as a Word document a consultant hands over — A4 landscape, a title
 * block (the table's title, 编制单位 and 版本, 状态截至), the 结构图 drawn as an indented table
 * with each box's counts, the 明细表 with its category sub-headings as merged rows and its
 * header row repeated on every page, and the 统计表 grids — the title in the header and the
 * page number in the footer. Columns are as wide as their contents ask, within the page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ooxml.h"
#include "strbuf.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

/* A4 landscape, margins 15 mm (twentieths of a point). */
enum {
	PAGE_W = 16838,
	PAGE_H = 11906,
	MARGIN = 851,
	TEXT_W = PAGE_W - 2 * MARGIN, /* 15136: 267 mm */
	/* one display column of 小五号 (9 pt) text: half an em, and more for the wider Latin
	 * faces that stand in for Times New Roman where it is not installed (DejaVu Serif) */
	TWIPS_PER_COL = 115,
	CELL_PAD = 216,
};

static const char styles_tail[] =
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunTableTitle\"><w:name "
    "w:val=\"zhun 体系表标题\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"center\"/><w:spacing "
    "w:after=\"120\"/></w:pPr>"
    "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"36\"/><w:szCs "
    "w:val=\"36\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunTableMeta\"><w:name "
    "w:val=\"zhun 体系表说明\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"15136\"/></w:tabs>"
    "<w:spacing w:after=\"240\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunPartHeading\"><w:name "
    "w:val=\"zhun 体系表部分标题\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" "
    "w:after=\"120\"/>"
    "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:rFonts "
    "w:eastAsia=\"黑体\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunGridTitle\"><w:name "
    "w:val=\"zhun 统计表标题\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"180\" w:after=\"60\"/>"
    "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:rFonts "
    "w:eastAsia=\"黑体\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunCell\"><w:name w:val=\"zhun "
    "体系表单元格\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz "
    "w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunCellHead\"><w:name "
    "w:val=\"zhun 体系表表头\"/>"
    "<w:basedOn w:val=\"zhunCell\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:rFonts "
    "w:eastAsia=\"黑体\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunCellGroup\"><w:name "
    "w:val=\"zhun 体系表类别行\"/>"
    "<w:basedOn w:val=\"zhunCell\"/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:rFonts "
    "w:eastAsia=\"黑体\"/></w:rPr></w:style>\n";

static size_t width_of(const char *s)
{
	size_t best = 0;
	const char *p = s, *line;
	size_t len;
	while (table_next_line(&p, &line, &len)) {
		size_t w = utf8_width(line, len);
		if (w > best)
			best = w;
	}
	return best;
}

static void title_block(struct strbuf *o, const struct table *t)
{
	struct strbuf sb = STRBUF_INIT;
	table_doc_title(t, &sb);
	ooxml_para(o, "zhunTableTitle", NULL, sb.buf);
	strbuf_reset(&sb);
	const struct system *s = t->sys;
	if (s->owner.s)
		strbuf_addf(&sb, t->zh ? "编制单位：%s" : "Owner: %s", s->owner.s);
	if (s->edition.s)
		strbuf_addf(&sb, t->zh ? "%s版本：%s" : "%sEdition: %s", sb.len ? "　　" : "",
			    s->edition.s);
	char date[11];
	table_date_str(&t->as_of, date);
	strbuf_addf(&sb, t->zh ? "\t状态截至：%s" : "\tStatus as of %s", date);
	ooxml_para(o, "zhunTableMeta", NULL, sb.buf);
	strbuf_release(&sb);
}

/* 结构图 as an outline table: each box indented by its depth, with 应有数 and 现有数. */
static void chart(struct strbuf *o, const struct table *t)
{
	ooxml_para(o, "zhunPartHeading", NULL, table_part_title(t, TABLE_CHART));
	size_t w[3] = { TEXT_W - 2 * 1600, 1600, 1600 };
	ooxml_tbl_open(o, w, 3);
	ooxml_tr_open(o, true);
	ooxml_tc(o, w[0], 1, "zhunCellHead", NULL, 0, true, t->zh ? "类别" : "Category");
	ooxml_tc(o, w[1], 1, "zhunCellHead", NULL, 0, true, t->zh ? "应有数" : "Required");
	ooxml_tc(o, w[2], 1, "zhunCellHead", NULL, 0, true, t->zh ? "现有数" : "Existing");
	strbuf_adds(o, "</w:tr>\n");
	ooxml_tr_open(o, false);
	ooxml_tc(o, w[0], 1, "zhunCellGroup", NULL, 0, false, t->chart.title);
	char n[32];
	snprintf(n, sizeof n, "%zu", t->nrows);
	ooxml_tc(o, w[1], 1, "zhunCell", "right", 0, false, n);
	snprintf(n, sizeof n, "%zu", t->nexisting);
	ooxml_tc(o, w[2], 1, "zhunCell", "right", 0, false, n);
	strbuf_adds(o, "</w:tr>\n");
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < t->chart.n; i++) {
		const struct table_chart_node *nd = &t->chart.nodes[i];
		strbuf_reset(&sb);
		strbuf_adds(&sb, nd->label);
		if (nd->cat->vacant.v && nd->total == 0)
			strbuf_addf(&sb, t->zh ? "（%s）" : " (%s)", table_vacant_word(t));
		ooxml_tr_open(o, false);
		ooxml_tc(o, w[0], 1, nd->cat->depth == 0 ? "zhunCellGroup" : "zhunCell", NULL,
			 (size_t)(nd->cat->depth + 1) * 420, false, sb.buf);
		snprintf(n, sizeof n, "%zu", nd->total);
		ooxml_tc(o, w[1], 1, "zhunCell", "right", 0, false, n);
		snprintf(n, sizeof n, "%zu", nd->existing);
		ooxml_tc(o, w[2], 1, "zhunCell", "right", 0, false, n);
		strbuf_adds(o, "</w:tr>\n");
	}
	strbuf_release(&sb);
	strbuf_adds(o, "</w:tbl>\n");
}

/* Columns whose text must stay on one line: numbers, codes, dates, short words. */
static bool nowrap_col(enum table_col c)
{
	switch (c) {
	case TCOL_SEQ:
	case TCOL_CODE:
	case TCOL_NUMBER:
	case TCOL_LEVEL:
	case TCOL_PUBLISHED:
	case TCOL_EFFECTIVE:
	case TCOL_WITHDRAWN:
	case TCOL_STATUS:
	case TCOL_TYPE:
	case TCOL_ACTION:
		return true;
	default:
		return false;
	}
}

/* Column widths: a one-line column as wide as its widest cell (a dash or a CJK character may
 * be wider than its display width: one column of slack), the text columns sharing what is left
 * in proportion to their widest cell (at most 40 display columns: a title wraps). */
static void detail_widths(const struct table *t, size_t *w)
{
	const struct table_detail *d = &t->detail;
	size_t fixed = 0, flex = 0;
	for (size_t c = 0; c < d->ncols; c++) {
		bool nw = nowrap_col(d->cols[c].id);
		size_t m = width_of(d->cols[c].heading);
		if (m > (nw ? 4 : 8))
			m = nw ? 4 : 8; /* a long heading wraps rather than widen its column */
		for (size_t i = 0; i < d->nlines; i++)
			if (d->lines[i].kind == TABLE_LINE_ROW) {
				size_t x = width_of(d->lines[i].cells[c]);
				if (x > m)
					m = x;
			}
		if (!nw && m > 40)
			m = 40;
		if (m < 2)
			m = 2;
		w[c] = (m + (nw ? 1 : 0)) * TWIPS_PER_COL + CELL_PAD;
		if (nw)
			fixed += w[c];
		else
			flex += w[c];
	}
	size_t room = TEXT_W > fixed ? TEXT_W - fixed : 0;
	for (size_t c = 0; c < d->ncols; c++)
		if (!nowrap_col(d->cols[c].id))
			w[c] = flex ? w[c] * room / flex : 0;
		else if (!flex || fixed > TEXT_W)
			w[c] = w[c] * TEXT_W / (fixed ? fixed : 1);
}

static void detail(struct strbuf *o, const struct table *t)
{
	const struct table_detail *d = &t->detail;
	ooxml_para(o, "zhunPartHeading", NULL, table_part_title(t, TABLE_DETAIL));
	size_t *w = xcalloc(d->ncols ? d->ncols : 1, sizeof *w);
	struct strbuf sb = STRBUF_INIT;
	detail_widths(t, w);
	ooxml_tbl_open(o, w, d->ncols);
	ooxml_tr_open(o, true);
	for (size_t c = 0; c < d->ncols; c++)
		ooxml_tc(o, w[c], 1, "zhunCellHead", NULL, 0, true, d->cols[c].heading);
	strbuf_adds(o, "</w:tr>\n");
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *ln = &d->lines[i];
		ooxml_tr_open(o, false);
		if (ln->kind == TABLE_LINE_GROUP) {
			/* a category sub-heading: one cell across the table */
			ooxml_tc(o, TEXT_W, d->ncols, "zhunCellGroup", NULL,
				 (size_t)ln->depth * 420, ln->depth == 0, ln->label);
		} else {
			for (size_t c = 0; c < d->ncols; c++) {
				const char *cell = ln->cells[c];
				/* a standard number's space must not become a line break */
				strbuf_reset(&sb);
				for (const char *q = cell; *q; q++) {
					if (*q == ' ' && nowrap_col(d->cols[c].id))
						strbuf_adds(&sb, "\xc2\xa0");
					else
						strbuf_addc(&sb, *q);
				}
				ooxml_tc(o, w[c], 1, "zhunCell",
					 d->cols[c].numeric ? "right" : NULL, 0, false, sb.buf);
			}
		}
		strbuf_adds(o, "</w:tr>\n");
	}
	strbuf_adds(o, "</w:tbl>\n");
	strbuf_release(&sb);
	free(w);
}

static void stats(struct strbuf *o, const struct table *t)
{
	ooxml_para(o, "zhunPartHeading", NULL, table_part_title(t, TABLE_STATS));
	struct strbuf sb = STRBUF_INIT;
	for (size_t g = 0; g < t->ngrids; g++) {
		const struct table_stat_grid *gr = &t->grids[g];
		ooxml_para(o, "zhunGridTitle", NULL, gr->title);
		size_t n = gr->ncols + 1;
		size_t *w = xcalloc(n, sizeof *w);
		size_t first = 3200, rest = gr->ncols ? (TEXT_W * 2 / 3 - first) / gr->ncols : 0;
		if (rest > 1800)
			rest = 1800;
		w[0] = first;
		for (size_t c = 1; c < n; c++)
			w[c] = rest;
		ooxml_tbl_open(o, w, n);
		ooxml_tr_open(o, true);
		ooxml_tc(o, w[0], 1, "zhunCellHead", NULL, 0, true, "");
		for (size_t c = 0; c < gr->ncols; c++)
			ooxml_tc(o, w[c + 1], 1, "zhunCellHead", NULL, 0, true,
				 gr->cols[c].heading);
		strbuf_adds(o, "</w:tr>\n");
		for (size_t r = 0; r < gr->nrows; r++) {
			const struct table_stat_row *row = &gr->rows[r];
			ooxml_tr_open(o, false);
			ooxml_tc(o, w[0], 1, row->total ? "zhunCellGroup" : "zhunCell", NULL, 0,
				 row->total, row->label);
			for (size_t c = 0; c < gr->ncols; c++) {
				strbuf_reset(&sb);
				if (gr->cols[c].kind == TABLE_STAT_PERCENT)
					table_percent(row->v[c], &sb);
				else
					strbuf_addf(&sb, "%ld", row->v[c]);
				ooxml_tc(o, w[c + 1], 1, "zhunCell", "right", 0, row->total,
					 sb.buf);
			}
			strbuf_adds(o, "</w:tr>\n");
		}
		strbuf_adds(o, "</w:tbl>\n");
		free(w);
	}
	strbuf_release(&sb);
}

static void page_break(struct strbuf *o)
{
	strbuf_adds(o, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n");
}

int render_docx(const struct table *t, const struct table_render_opts *opt, struct strbuf *out)
{
	struct strbuf doc = STRBUF_INIT, title = STRBUF_INIT;
	table_doc_title(t, &title);
	title_block(&doc, t);
	unsigned order[3];
	size_t nparts = table_parts_in_order(opt->parts, order);
	for (size_t i = 0; i < nparts; i++) {
		if (i)
			page_break(&doc); /* each part from a new page */
		if (order[i] == TABLE_CHART)
			chart(&doc, t);
		else if (order[i] == TABLE_DETAIL)
			detail(&doc, t);
		else
			stats(&doc, t);
	}
	const struct ooxml_page pg = { PAGE_W, PAGE_H, MARGIN, MARGIN, MARGIN, MARGIN, 425, 425 };
	int rc = ooxml_write_docx(out, title.buf, &doc, styles_tail, &pg);
	strbuf_release(&doc);
	strbuf_release(&title);
	return rc;
}
