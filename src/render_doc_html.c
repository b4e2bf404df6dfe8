/* SPDX-License-Identifier: MIT */
/* render_doc_html: a standard's layout as one self-contained HTML page set for print — A4
 * portrait, the standard number in the running header (odd pages right, even pages left), page
 * numbers in the footer, 黑体 headings and 宋体 text with Noto CJK as the offline fallback,
 * figures embedded as data: URIs — the page Chromium prints for render_doc_pdf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc_layout.h"
#include "i18n.h"
#include "paths.h"
#include "project.h"
#include "strbuf.h"
#include "table.h"

/* Sizes are the Chinese type sizes of the SAC templates: 五号 10.5pt (text), 小五号 9pt (notes,
 * tables), 四号 14pt, 三号 16pt, 一号 26pt (docs/render.md). Latin text takes Times New Roman
 * (with 宋体) or Arial (with 黑体) where installed, as the templates do. */
static const char *const style[] = {
	":root { --song: \"Times New Roman\", \"SimSun\", \"宋体\", \"Songti SC\", \"Noto Serif "
	"CJK SC\", "
	"\"Source Han Serif SC\", serif; --hei: \"Arial\", \"SimHei\", \"黑体\", \"Heiti SC\", "
	"\"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif; }\n",
	"html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n",
	"body { font-family: var(--song); font-size: 10.5pt; line-height: 1.6; color: #000; "
	"margin: 0 auto; max-width: 165mm; padding: 12mm 0; background: #fff; }\n",
	"section { margin-bottom: 14mm; }\n",
	"p { margin: 0; text-align: justify; }\n",
	".hei, h1, h2, h3, h4, h5, h6, .doc-title, caption, figcaption, .annex-head, .tnum, .tterm "
	"{ font-family: var(--hei); font-weight: normal; }\n",
	".no { white-space: nowrap; }\n",
	"a { color: inherit; text-decoration: none; }\n",
	/* the cover */
	".cover { position: relative; height: 252mm; display: flex; flex-direction: column; }\n",
	".cover .codes { font-family: var(--hei); font-size: 10.5pt; line-height: 1.5; }\n",
	".cover .mark { position: absolute; top: 0; right: 0; font-family: var(--hei); "
	"font-size: 36pt; font-weight: bold; line-height: 1; letter-spacing: 0.02em; }\n",
	".cover .kind { margin-top: 14mm; text-align: center; font-family: var(--hei); "
	"font-size: 26pt; letter-spacing: 0.08em; }\n",
	".cover .number { margin-top: 8mm; text-align: right; font-family: var(--hei); font-size: "
	"14pt; }\n",
	".cover .replaces { text-align: right; font-size: 10.5pt; }\n",
	".cover hr { border: 0; border-top: 1px solid #000; margin: 2mm 0 0; }\n",
	".cover .titles { margin-top: 42mm; text-align: center; }\n",
	".cover .title { font-family: var(--hei); font-size: 26pt; line-height: 1.4; }\n",
	".cover .title-en { margin-top: 8mm; font-size: 14pt; font-family: \"Times New Roman\", "
	"var(--song); }\n",
	".cover .adoption { margin-top: 4mm; font-size: 14pt; }\n",
	".cover .dates { margin-top: auto; display: flex; justify-content: space-between; "
	"font-family: var(--hei); font-size: 14pt; border-bottom: 1px solid #000; padding-bottom: "
	"2mm; }\n",
	".cover .issuer { margin-top: 8mm; text-align: center; font-size: 18pt; }\n",
	".cover .issuer .fa { font-family: var(--hei); font-size: 14pt; margin-left: 2em; }\n",
	/* part titles, headings */
	".part-title { text-align: center; font-family: var(--hei); font-size: 16pt; margin: 0 0 "
	"8mm; }\n",
	".doc-title { text-align: center; font-size: 16pt; margin: 0 0 8mm; line-height: 1.4; }\n",
	"h2, h3, h4, h5, h6 { font-size: 10.5pt; margin: 0.6em 0 0.2em; line-height: 1.6; }\n",
	"h2 { margin-top: 0.9em; }\n",
	".hn { margin-right: 1em; }\n",
	".annex-head { text-align: center; margin: 0 0 6mm; font-size: 10.5pt; }\n",
	".annex-head p { text-align: center; }\n",
	/* text */
	"p.para { text-indent: 2em; }\n",
	"p.lead { text-indent: 0; }\n",
	"p.lead .cn { font-family: var(--hei); margin-right: 1em; }\n",
	".li { display: flex; }\n",
	".li .mk { flex: none; min-width: 2em; margin-right: 0.25em; }\n",
	".lp { padding-left: 2.25em; }\n",
	".note, .example { display: flex; font-size: 9pt; margin-left: 2em; }\n",
	".note .lb, .example .lb { flex: none; font-family: var(--hei); }\n",
	".example .lb { font-family: var(--song); }\n",
	".ref { text-indent: 2em; }\n",
	".rn { margin-right: 1em; }\n",
	".bib { display: flex; }\n",
	".bib .rl { flex: none; width: 3em; }\n",
	/* 术语 entries: the number on its own line, then term and English term, in 黑体 */
	".term { margin: 0.3em 0; }\n",
	".tterm, .tdef, .tsrc { text-indent: 2em; }\n",
	".tterm .en { margin-left: 1em; font-family: \"Arial\", var(--hei); }\n",
	/* tables and figures */
	"table { border-collapse: collapse; margin: 0.6em auto; font-size: 9pt; line-height: 1.4; "
	"}\n",
	"caption { font-size: 10.5pt; padding-bottom: 0.4em; break-after: avoid; page-break-after: "
	"avoid; }\n",
	"th, td { border: 1px solid #000; padding: 2px 6px; vertical-align: middle; }\n",
	"thead { display: table-header-group; }\n",
	"thead th { font-weight: normal; text-align: center; }\n",
	"td { text-align: center; }\n",
	"td.tnote { text-align: left; }\n",
	"sup.fm { font-size: 70%; line-height: 0; }\n",
	".tfn { display: flex; font-size: 9pt; }\n",
	".tfn .fm { flex: none; margin-right: 0.5em; line-height: 1; }\n",
	"tr { break-inside: avoid; page-break-inside: avoid; }\n",
	"figure { margin: 0.6em 0; text-align: center; break-inside: avoid; page-break-inside: "
	"avoid; }\n",
	"figure img { max-width: 100%; max-height: 200mm; }\n",
	"figure .missing { display: inline-block; width: 60%; height: 30mm; border: 1px dashed "
	"#000; }\n",
	"figcaption { font-size: 10.5pt; margin-top: 0.4em; }\n",
	".formula { display: flex; align-items: baseline; margin: 0.4em 0; }\n",
	".formula .f { flex: 1; text-align: center; }\n",
	".formula .fn { flex: none; }\n",
	/* 目次 */
	".toc a { display: flex; align-items: baseline; }\n",
	".toc .t { flex: none; max-width: 85%; }\n",
	".toc .dots { flex: 1; border-bottom: 1px dotted #000; margin: 0 0.3em; min-width: 1em; "
	"}\n",
	".toc .pg { flex: none; min-width: 2.5em; text-align: right; }\n",
	".toc.l2 { padding-left: 2em; }\n",
	".endline { width: 40mm; border-top: 1px solid #000; margin: 10mm auto 0; }\n",
	"@media print {\n",
	"  body { max-width: none; padding: 0; margin: 0; }\n",
	"  section { margin: 0; }\n",
	"  section.newpage { break-before: page; page-break-before: always; }\n",
	"  section.cover { page: cover; }\n",
	"  section.front { page: front; }\n",
	"  section.main { page: main; }\n",
	"  h2, h3, h4, h5, h6, .annex-head, .tnum, .tterm { break-after: avoid; page-break-after: "
	"avoid; }\n",
	"  p, .li, .note, .example { orphans: 2; widows: 2; }\n",
	"}\n",
};

static void esc(struct strbuf *out, const char *s)
{
	table_xml_escape(out, s ? s : "");
}

/* <span class="cls">s</span> */
static void span(struct strbuf *out, const char *cls, const char *s)
{
	strbuf_addf(out, "<span class=\"%s\">", cls);
	esc(out, s);
	strbuf_adds(out, "</span>");
}

/* A paragraph that may start with a label (a clause number, a bibliography number): <p
 * class="with"> and the label in a span of class cls, or <p class="without"> when it has none. */
static void p_open_label(struct strbuf *out, const char *with, const char *without, const char *cls,
			 const char *label)
{
	strbuf_addf(out, "<p class=\"%s\">", label ? with : without);
	if (label)
		span(out, cls, label);
}

static void text(struct strbuf *out, const struct doc_text *t)
{
	for (size_t i = 0; i < t->nruns; i++) {
		const struct doc_run *r = &t->runs[i];
		if (r->mark == DOC_RUN_NOBREAK)
			strbuf_adds(out, "<span class=\"no\">");
		table_xml_escape_n(out, r->s, r->len);
		if (r->mark == DOC_RUN_NOBREAK)
			strbuf_adds(out, "</span>");
	}
}

/* A CSS string: quotes, backslashes and controls as hex escapes. */
static void css_string(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f || c == '<')
			strbuf_addf(out, "\\%x ", c);
		else
			strbuf_addc(out, (char)c);
	}
	strbuf_addc(out, '"');
}

static void page_rules(struct strbuf *out, const struct doc_layout *l, bool whole)
{
	/* Inner margin wider than the outer one, mirrored on left and right pages, as printed
	 * standards are bound. */
	strbuf_adds(out, "@page { size: A4 portrait; margin: 25mm 20mm 20mm 25mm; }\n"
			 "@page :left { margin-left: 20mm; margin-right: 25mm; }\n");
	const char *sides[2][2] = { { ":right", "right" }, { ":left", "left" } };
	/* Front matter in Roman numerals, the body in Arabic from 1. Chromium cannot restart the
	 * page counter at a named page (a counter-reset in @page resets it on every page of that
	 * name), so the PDF renderer prints the parts separately; a whole page printed from a
	 * browser numbers its pages on from the cover. */
	const char *front_style = whole ? "decimal" : "upper-roman";
	/* the named pages and their counter style (none: decimal, the CSS default) */
	const char *pages[2][2] = { { "main", NULL }, { "front", front_style } };
	for (int i = 0; i < 2; i++)
		for (int p = 0; p < 2; p++) {
			strbuf_addf(out, "@page %s%s { @top-%s { content: ", pages[p][0],
				    sides[i][0], sides[i][1]);
			css_string(out, l->number ? l->number : "");
			strbuf_addf(out,
				    "; font-family: var(--hei); font-size: 10.5pt; vertical-align: "
				    "bottom; padding-bottom: 4mm; }\n  @bottom-%s { content: "
				    "counter(page%s%s); font-size: 9pt; vertical-align: top; "
				    "padding-top: 3mm; } }\n",
				    sides[i][1], pages[p][1] ? ", " : "",
				    pages[p][1] ? pages[p][1] : "");
		}
}

static void roman(struct strbuf *out, int n)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {
		{ 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" },
		{ 90, "XC" },  { 50, "L" },   { 40, "XL" }, { 10, "X" },   { 9, "IX" },
		{ 5, "V" },    { 4, "IV" },   { 1, "I" },
	};
	for (size_t i = 0; i < sizeof r / sizeof *r; i++)
		for (; n >= r[i].v; n -= r[i].v)
			strbuf_adds(out, r[i].s);
}

static const char *mime_of(const char *path)
{
	static const char *const m[][2] = {
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" },    { ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" }, { ".svg", "image/svg+xml" }, { ".webp", "image/webp" },
	};
	for (size_t i = 0; i < sizeof m / sizeof *m; i++)
		if (path_has_ext(path, m[i][0]))
			return m[i][1];
	return NULL;
}

static void base64(struct strbuf *out, const unsigned char *p, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	strbuf_grow(out, (n + 2) / 3 * 4);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		char q[4] = { tab[v >> 18 & 63], tab[v >> 12 & 63],
			      i + 1 < n ? tab[v >> 6 & 63] : '=', i + 2 < n ? tab[v & 63] : '=' };
		strbuf_add(out, q, 4);
	}
}

static void figure(struct strbuf *out, const struct doc_block *b, const struct doc_render_opts *o,
		   struct diag_store *ds)
{
	strbuf_adds(out, "<figure>");
	bool drawn = false;
	if (b->src && *b->src) {
		const char *mime = mime_of(b->src);
		char *path =
		    b->src[0] == '/' || !o->base_dir ? NULL : path_join(o->base_dir, b->src);
		char *bytes = NULL;
		size_t n = 0;
		bool missing = false;
		if (!mime) {
			diag_add(ds, DIAG_RENDER_FIGURE, o->path ? o->path : "", b->loc,
				 _("figure image \"%s\" is not PNG, JPEG, GIF, SVG or WebP: drawn "
				   "as an empty frame"),
				 b->src);
		} else if (!(bytes = project_read_linked(o->root, path ? path : b->src,
							 o->path ? o->path : "", b->loc, &n, ds,
							 o->lim, &missing))) {
			/* refused (outside the project, not a regular file, too large): that
			 * finding is the one to read */
			if (missing)
				diag_add(ds, DIAG_RENDER_FIGURE, o->path ? o->path : "", b->loc,
					 _("figure image \"%s\" cannot be read: drawn as an empty "
					   "frame"),
					 b->src);
		} else {
			strbuf_addf(out, "<img alt=\"\" src=\"data:%s;base64,", mime);
			base64(out, (const unsigned char *)bytes, n);
			strbuf_adds(out, "\">");
			drawn = true;
		}
		free(bytes);
		free(path);
	}
	if (!drawn)
		strbuf_adds(out, "<span class=\"missing\"></span>");
	strbuf_adds(out, "<figcaption>");
	esc(out, b->title);
	strbuf_adds(out, "</figcaption></figure>\n");
}

/* One row of a table's grid: each cell as written with its spans; the slots a span covers are
 * left out, as HTML wants. */
static void table_row(struct strbuf *out, const struct doc_cell *row, size_t ncols, const char *tag)
{
	strbuf_adds(out, "<tr>");
	for (size_t c = 0; c < ncols; c++) {
		const struct doc_cell *ce = &row[c];
		if (ce->kind != DOC_CELL_TEXT)
			continue;
		strbuf_addf(out, "<%s", tag);
		if (ce->colspan > 1)
			strbuf_addf(out, " colspan=\"%zu\"", ce->colspan);
		if (ce->rowspan > 1)
			strbuf_addf(out, " rowspan=\"%zu\"", ce->rowspan);
		strbuf_adds(out, ">");
		text(out, &ce->text);
		if (ce->marks) {
			strbuf_adds(out, "<sup class=\"fm\">");
			esc(out, ce->marks);
			strbuf_adds(out, "</sup>");
		}
		strbuf_addf(out, "</%s>", tag);
	}
	strbuf_adds(out, "</tr>\n");
}

/* A row of the table's frame across its ncols columns holding a note or a footnote: `open`
 * (the note's div and the label's element), the label, `close` (the label's end tag), the
 * text. */
static void table_note(struct strbuf *out, size_t ncols, const char *open, const char *label,
		       const char *close, const struct doc_text *t)
{
	strbuf_addf(out, "<tr><td class=\"tnote\" colspan=\"%zu\">%s", ncols, open);
	esc(out, label);
	strbuf_adds(out, close);
	strbuf_adds(out, "<span>");
	text(out, t);
	strbuf_adds(out, "</span></div></td></tr>\n");
}

static void table(struct strbuf *out, const struct doc_table *t)
{
	strbuf_addf(out, "<table%s><caption>", t->continued ? " class=\"continued\"" : "");
	esc(out, t->caption);
	strbuf_adds(out, "</caption>\n");
	if (t->nhead) {
		strbuf_adds(out, "<thead>\n");
		for (size_t r = 0; r < t->nhead; r++)
			table_row(out, t->head[r], t->ncols, "th");
		strbuf_adds(out, "</thead>\n");
	}
	strbuf_adds(out, "<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++)
		table_row(out, t->rows[r], t->ncols, "td");
	/* table notes, then the lettered footnotes, stand inside the table's frame (GB/T
	 * 1.1—2020 9.8, 9.12) */
	for (size_t i = 0; i < t->nnotes; i++)
		table_note(out, t->ncols,
			   "<div class=\"note\" style=\"margin-left:0\"><span class=\"lb\">",
			   t->note_labels[i], "</span>", &t->notes[i]);
	for (size_t i = 0; i < t->nfootnotes; i++)
		table_note(out, t->ncols, "<div class=\"tfn\"><sup class=\"fm\">",
			   t->footnote_marks[i], "</sup>", &t->footnotes[i]);
	strbuf_adds(out, "</tbody></table>\n");
}

static void labelled(struct strbuf *out, const char *cls, const char *label,
		     const struct doc_text *t)
{
	strbuf_addf(out, "<div class=\"%s\"><span class=\"lb\">", cls);
	esc(out, label);
	strbuf_adds(out, "</span><span>");
	text(out, t);
	strbuf_adds(out, "</span></div>\n");
}

static void toc_entry(struct strbuf *out, const struct doc_layout *l, const struct doc_block *b,
		      int page, bool print)
{
	strbuf_addf(out, "<p class=\"toc l%d\"><a href=\"#%s\"><span class=\"t\">", b->level,
		    b->anchor);
	if (b->num) {
		esc(out, b->num);
		strbuf_adds(out, "　");
	}
	esc(out, b->title);
	/* a page on screen has no page numbers: the entries are links; a print keeps the leader
	 * and the number column in both of its passes, so no line moves between them */
	if (!print) {
		strbuf_adds(out, "</span></a></p>\n");
		return;
	}
	strbuf_adds(out, "</span><span class=\"dots\"></span><span class=\"pg\">");
	if (page > 0) {
		if (l->parts[b->toc_part].pages == DOC_PAGES_ROMAN)
			roman(out, page);
		else
			strbuf_addf(out, "%d", page);
	}
	strbuf_adds(out, "</span></a></p>\n");
}

static void block(struct strbuf *out, const struct doc_layout *l, const struct doc_block *b,
		  const struct doc_render_opts *o, int toc_page, struct diag_store *ds)
{
	switch (b->kind) {
	case DOC_PART_TITLE:
		strbuf_addf(out, "<h1 class=\"part-title\" id=\"%s\">", b->anchor);
		esc(out, b->title);
		strbuf_adds(out, "</h1>\n");
		break;
	case DOC_DOC_TITLE:
		strbuf_adds(out, "<h1 class=\"doc-title\">");
		esc(out, b->title);
		strbuf_adds(out, "</h1>\n");
		break;
	case DOC_HEADING: {
		int h = b->level < 5 ? b->level + 1 : 6;
		strbuf_addf(out, "<h%d id=\"%s\"><span class=\"hn\">", h, b->anchor);
		esc(out, b->num);
		strbuf_adds(out, "</span>");
		esc(out, b->title);
		strbuf_addf(out, "</h%d>\n", h);
		break;
	}
	case DOC_ANNEX_HEAD:
		strbuf_addf(out, "<div class=\"annex-head\" id=\"%s\"><p>", b->anchor);
		esc(out, b->label);
		strbuf_adds(out, "</p>");
		if (b->kind_word) {
			strbuf_adds(out, "<p>");
			esc(out, b->kind_word);
			strbuf_adds(out, "</p>");
		}
		strbuf_adds(out, "<p>");
		esc(out, b->title);
		strbuf_adds(out, "</p></div>\n");
		break;
	case DOC_PARA:
		p_open_label(out, "para lead", "para", "cn", b->label);
		text(out, &b->text);
		strbuf_adds(out, "</p>\n");
		break;
	case DOC_LIST_ITEM:
		strbuf_addf(out, "<div class=\"li\" style=\"margin-left:%dem\"><span class=\"mk\">",
			    2 + 2 * b->level);
		esc(out, b->label);
		strbuf_adds(out, "</span><span>");
		text(out, &b->text);
		strbuf_adds(out, "</span></div>\n");
		break;
	case DOC_LIST_PARA:
		/* a further paragraph of an item starts where the item's text does */
		strbuf_addf(out, "<p class=\"lp\" style=\"margin-left:%dem\">", 2 + 2 * b->level);
		text(out, &b->text);
		strbuf_adds(out, "</p>\n");
		break;
	case DOC_NOTE:
		labelled(out, "note", b->label, &b->text);
		break;
	case DOC_EXAMPLE:
		labelled(out, "example", b->label, &b->text);
		break;
	case DOC_TABLE:
		table(out, b->table);
		break;
	case DOC_FIGURE:
		figure(out, b, o, ds);
		break;
	case DOC_FORMULA:
		strbuf_adds(out, "<div class=\"formula\"><span class=\"f\">");
		text(out, &b->text);
		strbuf_adds(out, "</span><span class=\"fn\">");
		esc(out, b->num);
		strbuf_adds(out, "</span></div>\n");
		break;
	case DOC_TERM: {
		const struct doc_term *t = b->term;
		strbuf_adds(out, "<div class=\"term\"><p class=\"tnum\">");
		esc(out, t->num);
		strbuf_adds(out, "</p>\n<p class=\"tterm\">");
		esc(out, t->term);
		if (t->en)
			span(out, "en", t->en);
		strbuf_adds(out, "</p>\n<p class=\"tdef\">");
		text(out, &t->definition);
		strbuf_adds(out, "</p>\n");
		if (t->source) {
			strbuf_adds(out, "<p class=\"tsrc\">");
			esc(out, t->source);
			strbuf_adds(out, "</p>\n");
		}
		for (size_t i = 0; i < t->nnotes; i++)
			labelled(out, "note", t->note_labels[i], &t->notes[i]);
		strbuf_adds(out, "</div>\n");
		break;
	}
	case DOC_REF:
		p_open_label(out, "bib", "ref", "rl", b->num);
		strbuf_adds(out, "<span>");
		if (*b->text.s)
			span(out, "no rn", b->text.s);
		esc(out, b->title);
		strbuf_adds(out, "</span></p>\n");
		break;
	case DOC_TOC_ENTRY:
		toc_entry(out, l, b, o->measure ? 0 : toc_page, o->measure || o->toc_pages);
		break;
	case DOC_END_LINE:
		strbuf_adds(out, "<div class=\"endline\"></div>\n");
		break;
	}
}

/* Markup, s escaped, markup: the cover is a run of these. */
static void esc_between(struct strbuf *out, const char *before, const char *s, const char *after)
{
	strbuf_adds(out, before);
	esc(out, s);
	strbuf_adds(out, after);
}

/* A line of the cover the standard may lack: <div class="cls">s</div>, nothing for no s. */
static void div_opt(struct strbuf *out, const char *cls, const char *s)
{
	if (!s)
		return;
	strbuf_addf(out, "<div class=\"%s\">", cls);
	esc(out, s);
	strbuf_adds(out, "</div>\n");
}

static void cover(struct strbuf *out, const struct doc_cover *c)
{
	strbuf_adds(out, "<div class=\"codes\">");
	if (c->ics) {
		esc(out, c->ics);
		strbuf_adds(out, "<br>");
	}
	if (c->ccs)
		esc(out, c->ccs);
	strbuf_adds(out, "</div>\n");
	div_opt(out, "mark", c->mark);
	div_opt(out, "kind", c->kind);
	esc_between(out, "<div class=\"number\"><span class=\"no\">", c->number, "</span></div>\n");
	div_opt(out, "replaces", c->replaces);
	esc_between(out, "<hr>\n<div class=\"titles\"><div class=\"title\">", c->title, "</div>\n");
	div_opt(out, "title-en", c->title_en);
	div_opt(out, "adoption", c->adoption);
	esc_between(out, "</div>\n<div class=\"dates\"><span>", c->published, "</span><span>");
	esc_between(out, "", c->effective, "</span></div>\n<div class=\"issuer\">");
	esc_between(out, "", c->issuer, "<span class=\"fa\">发布</span></div>\n");
}

int render_doc_html(const struct doc_layout *l, const struct doc_render_opts *o, struct strbuf *out,
		    struct diag_store *ds)
{
	bool whole = !o->only_parts;
	strbuf_adds(out,
		    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"generator\" content=\"zhun\">\n<title>");
	if (l->number) {
		esc(out, l->number);
		strbuf_adds(out, "　");
	}
	esc(out, l->cover.title);
	strbuf_adds(out, "</title>\n<style>\n");
	for (size_t i = 0; i < sizeof style / sizeof *style; i++)
		strbuf_adds(out, style[i]);
	page_rules(out, l, whole);
	strbuf_adds(out, "</style>\n</head>\n<body>\n");
	bool first = true;
	for (size_t p = 0; p < l->nparts; p++) {
		const struct doc_part *part = &l->parts[p];
		if (!whole && !(o->only_parts >> p & 1))
			continue;
		const char *cls = part->kind == DOC_COVER	   ? "cover"
				  : part->pages == DOC_PAGES_ROMAN ? "front"
								   : "main";
		strbuf_addf(out, "<section class=\"%s%s\">\n", cls,
			    first || !part->new_page ? "" : " newpage");
		first = false;
		if (part->kind == DOC_COVER)
			cover(out, &l->cover);
		for (size_t i = 0; i < part->nblocks; i++) {
			const struct doc_block *b = &part->blocks[i];
			int page = part->kind == DOC_TOC && o->toc_pages ? o->toc_pages[i] : 0;
			block(out, l, b, o, page, ds);
		}
		strbuf_adds(out, "</section>\n");
	}
	strbuf_adds(out, "</body>\n</html>\n");
	return 0;
}
