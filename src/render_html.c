/* SPDX-License-Identifier: MIT */
/* render_html: the 标准体系表 as one self-contained, printable HTML page — title block, the
 * structure chart as inline SVG, the detail table with category sub-heading rows, and the
 * statistics tables — with a print stylesheet for A4 landscape: headers repeat on every page,
 * the pages are numbered in the margin (with the document title and the as-of date), a
 * statistics grid never splits over two pages, and a standard number never breaks across lines.
 * No external resources and no JavaScript: the file can be mailed, archived and printed as is. */
#include <string.h>

#include "stdno.h"
#include "strbuf.h"
#include "table.h"

/* Above this many lanes (columns of boxes) the chart no longer fits a landscape page legibly:
 * the page shows an overview of the blocks and then one chart per block. */
enum { HTML_MAX_LANES = 8 };

static const char style[] =
    "@page { size: A4 landscape; margin: 12mm 10mm 12mm 10mm; }\n"
    "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", "
    "\"PingFang SC\", \"SimSun\", sans-serif; font-size: 10.5pt; line-height: 1.45; color: "
    "#1a1a1a; "
    "margin: 24px 32px; background: #ffffff; }\n"
    "header { text-align: center; margin-bottom: 18px; }\n"
    "h1 { font-size: 20pt; margin: 0 0 6px; letter-spacing: 0.05em; }\n"
    ".meta { color: #444444; margin: 0; }\n"
    ".meta span + span { margin-left: 2em; }\n"
    "h2 { font-size: 14pt; color: #1f4e79; border-bottom: 2px solid #1f4e79; padding-bottom: 3px; "
    "margin: 28px 0 10px; }\n"
    "h3 { font-size: 11.5pt; margin: 16px 0 6px; }\n"
    "figure { margin: 0 0 12px; }\n"
    "figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }\n"
    "figcaption { text-align: center; color: #444444; font-size: 9.5pt; margin-top: 4px; }\n"
    "table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }\n"
    "th, td { border: 1px solid #8094ab; padding: 3px 6px; vertical-align: top; text-align: left; "
    "}\n"
    "thead { display: table-header-group; }\n"
    "thead th { background: #dbe8f5; color: #0b2a4a; text-align: center; vertical-align: middle; "
    "word-break: keep-all; }\n"
    "th[data-key=seq], th[data-key=level], th[data-key=status] { white-space: nowrap; }\n"
    "th[data-key=code] { width: 6.5em; }\n"
    "th[data-key=title] { width: 22%; }\n"
    "th[data-key=number] { width: 10.5em; }\n"
    "th[data-key=published], th[data-key=effective], th[data-key=withdrawn] { width: 6.2em; }\n"
    "th[data-key=adopts] { width: 12em; }\n"
    "th[data-key=replaces] { width: 9em; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "tr.group th { background: #f1f5fa; font-weight: bold; }\n"
    "tr.group.d0 th { background: #c8dbef; }\n"
    "tr.group.d2 th, tr.group.d3 th { font-weight: normal; padding-left: 2em; }\n"
    "tr.total th, tr.total td { font-weight: bold; background: #f1f5fa; }\n"
    "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; "
    "}\n"
    "td.nowrap, .no { white-space: nowrap; }\n"
    "table.stats { width: auto; min-width: 50%; }\n"
    ".vacant { color: #777777; }\n"
    "@media print {\n"
    "  body { margin: 0; font-size: 9pt; }\n"
    "  section + section { break-before: page; page-break-before: always; }\n"
    "  figure { break-inside: avoid; page-break-inside: avoid; }\n"
    "  figure svg { max-height: 170mm; }\n"
    "  h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
    "  .grid { break-inside: avoid; page-break-inside: avoid; }\n"
    "}\n";

static void esc(struct strbuf *out, const char *s)
{
	table_xml_escape(out, s);
}

/* `len` bytes of text: escaped, line breaks kept. */
static void text_run(struct strbuf *out, const char *s, size_t len)
{
	for (const char *nl; (nl = memchr(s, '\n', len)); s = nl + 1) {
		table_xml_escape_n(out, s, (size_t)(nl - s));
		strbuf_adds(out, "<br>");
		len -= (size_t)(nl - s) + 1;
	}
	table_xml_escape_n(out, s, len);
}

/* Where a standard number may begin: an upper-case Latin letter that does not continue a
 * word or a prefix ("GB/T", not the "T"), or 建标. */
static bool number_start(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i], p = i ? (unsigned char)s[i - 1] : ' ';
	bool after_word =
	    (p >= 'A' && p <= 'Z') || (p >= 'a' && p <= 'z') || (p >= '0' && p <= '9') || p == '/';
	if (after_word)
		return false;
	return (c >= 'A' && c <= 'Z') || !strncmp(s + i, "建标", strlen("建标"));
}

/* Cell text: escaped, line breaks kept, and each standard number in a nowrap span: a browser
 * breaks "GB/T 24421.2—2009" at the em dash or after the prefix, and a number split over two
 * lines reads as two. */
static void cell_text(struct strbuf *out, const char *s)
{
	size_t len = strlen(s), run = 0;
	for (size_t i = 0; i < len; i++) {
		if (!number_start(s, i))
			continue;
		struct stdno no;
		size_t n = stdno_scan(s + i, len - i, &no);
		if (!n)
			continue;
		text_run(out, s + run, i - run);
		strbuf_adds(out, "<span class=\"no\">");
		text_run(out, s + i, n);
		strbuf_adds(out, "</span>");
		i += n - 1;
		run = i + 1;
	}
	text_run(out, s + run, len - run);
}

/* A CSS string literal for the page margin boxes. Quotes and backslashes would end or bend the
 * string, and '<' could close the <style> element ("</style>" in a title): they, '>' and '&'
 * are written as hex escapes; controls, which a string cannot hold, are dropped. */
static void css_string(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7F)
			continue;
		if (strchr("\"'\\<>&", c))
			strbuf_addf(out, "\\%x ", c);
		else
			strbuf_addc(out, (char)c);
	}
	strbuf_addc(out, '"');
}

/* Margin boxes of every printed page: the document title, the page number and the as-of date
 * (Chromium draws @page margin boxes since version 131). */
static void page_margins(const struct table *t, const char *title, const char *date,
			 struct strbuf *out)
{
	static const char box[] =
	    "font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", "
	    "\"PingFang SC\", \"SimSun\", sans-serif; font-size: 8pt; color: #444444;";
	strbuf_adds(out, "@page {\n  @bottom-left { content: ");
	css_string(out, title);
	strbuf_addf(
	    out, "; %s }\n  @bottom-center { content: %s; %s }\n  @bottom-right { content: ", box,
	    t->zh ? "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\""
		  : "\"Page \" counter(page) \" of \" counter(pages)",
	    box);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, t->zh ? "状态截至 %s" : "Statuses as of %s", date);
	css_string(out, sb.buf);
	strbuf_release(&sb);
	strbuf_addf(out, "; %s }\n}\n", box);
}

static void chart(const struct table *t, struct strbuf *out)
{
	if (render_svg_lanes(t) <= HTML_MAX_LANES) {
		strbuf_adds(out, "<figure class=\"chart\">\n");
		render_svg_chart(t, out, (size_t)-1, -1, false);
		strbuf_adds(out, "</figure>\n");
		return;
	}
	/* too wide for a page: the blocks first, then each block's subtree on its own */
	strbuf_adds(out, "<figure class=\"chart\">\n");
	render_svg_chart(t, out, (size_t)-1, 0, false);
	strbuf_addf(out, "<figcaption>%s</figcaption>\n</figure>\n",
		    t->zh ? "总图（各子体系见下图）" : "Overview (each sub-system follows)");
	for (size_t i = 0; i < t->chart.n; i++) {
		if (t->chart.nodes[i].cat->depth != 0)
			continue;
		strbuf_adds(out, "<figure class=\"chart\">\n");
		render_svg_chart(t, out, i, -1, false);
		strbuf_adds(out, "<figcaption>");
		esc(out, t->chart.nodes[i].label);
		strbuf_adds(out, "</figcaption>\n</figure>\n");
	}
}

/* The opening tag of a detail cell: written per cell, so a constant rather than a format. */
static const char *col_td(enum table_col c)
{
	switch (c) {
	case TCOL_SEQ:
		return "<td class=\"num\">";
	case TCOL_CODE:
	case TCOL_NUMBER:
	case TCOL_PUBLISHED:
	case TCOL_EFFECTIVE:
	case TCOL_WITHDRAWN:
	case TCOL_REVIEWED:
	case TCOL_LEVEL:
	case TCOL_STATUS:
		return "<td class=\"nowrap\">";
	default:
		return "<td>";
	}
}

static void detail(const struct table *t, struct strbuf *out)
{
	const struct table_detail *d = &t->detail;
	strbuf_adds(out, "<table class=\"detail\">\n<thead>\n<tr>");
	for (size_t c = 0; c < d->ncols; c++) {
		strbuf_addf(out, "<th scope=\"col\" data-key=\"%s\">", d->cols[c].key);
		esc(out, d->cols[c].heading);
		strbuf_adds(out, "</th>");
	}
	strbuf_adds(out, "</tr>\n</thead>\n<tbody>\n");
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		if (l->kind == TABLE_LINE_GROUP) {
			strbuf_addf(
			    out,
			    "<tr class=\"group d%d\"><th colspan=\"%zu\" scope=\"colgroup\"%s>",
			    l->depth < 9 ? l->depth : 9, d->ncols,
			    l->cat && l->cat->vacant.v && !l->nrows ? " class=\"vacant\"" : "");
			esc(out, l->label);
			strbuf_adds(out, "</th></tr>\n");
			continue;
		}
		strbuf_adds(out, "<tr>");
		for (size_t c = 0; c < d->ncols; c++) {
			strbuf_adds(out, col_td(d->cols[c].id));
			cell_text(out, l->cells[c]);
			strbuf_adds(out, "</td>");
		}
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
}

static void stats(const struct table *t, struct strbuf *out)
{
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		/* the heading and its grid in one block that does not break over pages */
		strbuf_addf(out, "<div class=\"grid\">\n<h3 id=\"stats-%s\">", g->key);
		esc(out, g->title);
		strbuf_addf(
		    out, "</h3>\n<table class=\"stats\">\n<thead>\n<tr><th scope=\"col\">%s</th>",
		    t->zh ? "统计项" : "Item");
		for (size_t c = 0; c < g->ncols; c++) {
			strbuf_adds(out, "<th scope=\"col\">");
			esc(out, g->cols[c].heading);
			strbuf_adds(out, "</th>");
		}
		strbuf_adds(out, "</tr>\n</thead>\n<tbody>\n");
		for (size_t r = 0; r < g->nrows; r++) {
			const struct table_stat_row *row = &g->rows[r];
			strbuf_addf(out, "<tr%s><th scope=\"row\">",
				    row->total ? " class=\"total\"" : "");
			esc(out, row->label);
			strbuf_adds(out, "</th>");
			for (size_t c = 0; c < g->ncols; c++) {
				strbuf_adds(out, "<td class=\"num\">");
				if (g->cols[c].kind == TABLE_STAT_PERCENT)
					table_percent(row->v[c], out);
				else
					strbuf_addf(out, "%ld", row->v[c]);
				strbuf_adds(out, "</td>");
			}
			strbuf_adds(out, "</tr>\n");
		}
		strbuf_adds(out, "</tbody>\n</table>\n</div>\n");
	}
}

int render_html(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	static const unsigned parts[] = { TABLE_CHART, TABLE_DETAIL, TABLE_STATS };
	static const char *const ids[] = { "chart", "detail", "stats" };
	static const char *const zh_num[] = { "一、", "二、", "三、" };
	const struct system *s = t->sys;
	struct strbuf title = STRBUF_INIT;
	char date[11];
	table_doc_title(t, &title);
	table_date_str(&t->as_of, date);
	strbuf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		    t->zh ? "zh-CN" : "en");
	strbuf_adds(out,
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta name=\"generator\" content=\"zhun table\">\n<title>");
	esc(out, title.buf);
	strbuf_addf(out, "</title>\n<style>\n%s", style);
	page_margins(t, title.buf, date, out);
	strbuf_adds(out, "</style>\n</head>\n<body>\n<header>\n<h1>");
	esc(out, title.buf);
	strbuf_adds(out, "</h1>\n<p class=\"meta\">");
	if (s->owner.s) {
		strbuf_adds(out, t->zh ? "<span>编制单位：" : "<span>Owner: ");
		esc(out, s->owner.s);
		strbuf_adds(out, "</span>");
	}
	if (s->edition.s) {
		strbuf_adds(out, t->zh ? "<span>版本：" : "<span>Edition: ");
		esc(out, s->edition.s);
		strbuf_adds(out, "</span>");
	}
	strbuf_addf(
	    out,
	    t->zh ? "<span>状态截至：%s</span><span>标准总数：%zu（现有 %zu）</span>"
		  : "<span>Statuses as of %s</span><span>Standards: %zu (existing %zu)</span>",
	    date, t->nrows, t->nexisting);
	strbuf_adds(out, "</p>\n</header>\n");
	size_t k = 0;
	for (size_t i = 0; i < 3; i++) {
		if (!(o->parts & parts[i]))
			continue;
		strbuf_addf(out, "<section id=\"%s\">\n<h2>", ids[i]);
		if (o->parts == TABLE_ALL && t->zh)
			strbuf_adds(out, zh_num[k]);
		else if (o->parts == TABLE_ALL)
			strbuf_addf(out, "%zu. ", k + 1);
		esc(out, table_part_title(t, parts[i]));
		strbuf_adds(out, "</h2>\n");
		if (parts[i] == TABLE_CHART)
			chart(t, out);
		else if (parts[i] == TABLE_DETAIL)
			detail(t, out);
		else
			stats(t, out);
		strbuf_adds(out, "</section>\n");
		k++;
	}
	strbuf_adds(out, "</body>\n</html>\n");
	strbuf_release(&title);
	return 0;
}
