/* SPDX-License-Identifier: MIT */
/* render_xlsx: the 标准体系表 as an Excel workbook (libxlsxwriter) that a client can print and
 * sign — one sheet per part, each under a title block (system, 编制单位, 状态截至), with column
 * widths chosen so that A4 landscape holds the 明细表 at the body size, row heights set from the
 * wrapped line count, numbers and dates as typed values with number formats, page numbers in
 * the footer, and the 结构图 as an indented, bordered outline with Excel row groups.
 * libxlsxwriter only writes to a file, so the workbook goes to a private temporary file that is
 * read back into `out`; the caller then writes it atomically like every other output.
 * libxlsxwriter is opened with dlopen on the first rendering rather than linked: with libcrypto,
 * minizip and zlib it cost every start of zhun 3.7 M instructions of dynamic loading
 * (docs/performance.md, "Start-up"), for the one format that needs it.
 *
 * Text is always written with worksheet_write_string, a shared string: a title such as
 * "=HYPERLINK(…)" is text in the workbook, never a formula (docs/table.md, "xlsx"). */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "i18n.h"
#include "lazylib.h"
#include "strbuf.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

/* Every libxlsxwriter function used here, called as xl.NAME through pointers that xlsx_open()
 * fills; a direct call would not link (meson.build passes only the library's compile flags),
 * and __typeof__ keeps each pointer's type the header's. */
#define XLSX_FUNCS(X)                                                                              \
	X(workbook_new_opt)                                                                        \
	X(workbook_set_properties)                                                                 \
	X(workbook_add_format)                                                                     \
	X(workbook_add_worksheet)                                                                  \
	X(workbook_close)                                                                          \
	X(format_set_font_name)                                                                    \
	X(format_set_font_size)                                                                    \
	X(format_set_font_color)                                                                   \
	X(format_set_align)                                                                        \
	X(format_set_border)                                                                       \
	X(format_set_border_color)                                                                 \
	X(format_set_left)                                                                         \
	X(format_set_left_color)                                                                   \
	X(format_set_bold)                                                                         \
	X(format_set_bg_color)                                                                     \
	X(format_set_text_wrap)                                                                    \
	X(format_set_num_format)                                                                   \
	X(worksheet_write_string)                                                                  \
	X(worksheet_write_number)                                                                  \
	X(worksheet_write_datetime)                                                                \
	X(worksheet_write_blank)                                                                   \
	X(worksheet_merge_range)                                                                   \
	X(worksheet_set_column)                                                                    \
	X(worksheet_set_row)                                                                       \
	X(worksheet_set_row_opt)                                                                   \
	X(worksheet_freeze_panes)                                                                  \
	X(worksheet_set_landscape)                                                                 \
	X(worksheet_set_paper)                                                                     \
	X(worksheet_set_margins)                                                                   \
	X(worksheet_set_footer_opt)                                                                \
	X(worksheet_center_horizontally)                                                           \
	X(worksheet_fit_to_pages)                                                                  \
	X(worksheet_repeat_rows)                                                                   \
	X(worksheet_set_h_pagebreaks)                                                              \
	X(worksheet_outline_settings)

static struct {
	XLSX_FUNCS(LAZYLIB_PTR)
} xl;
static const char *const xl_names[] = { XLSX_FUNCS(LAZYLIB_NAME) };

/* Open libxlsxwriter (XLSX_SONAME, from meson.build) and fill `xl`, once per process. Returns
 * 0, or -1 with errno set after printing why (the library and dlerror()) on stderr; a failure
 * is remembered and reported again by later calls. */
static int xlsx_open(void)
{
	static struct lazylib once = LAZYLIB_INIT(XLSX_SONAME, xl_names, xl);
	const char *error = lazylib_use(&once);
	if (!error)
		return 0;
	fprintf(stderr, _("zhun table: cannot load '%s', which xlsx output needs: %s\n"),
		XLSX_SONAME, error);
#ifdef ELIBACC
	errno = ELIBACC; /* "Can not access a needed shared library", for the caller's message */
#else
	errno = ENOENT;
#endif
	return -1;
}

/* Excel has no CJK font on every platform; 等线 is the zh-CN default of current Office and
 * LibreOffice substitutes a CJK sans font for it, so Chinese never falls back to boxes. */
static const char xlsx_font[] = "等线";

/* ---- the page and the measure of text ----
 *
 * Column widths are in Excel's unit, the width of a digit of the workbook's default font,
 * Calibri 11: Excel rounds it to 7 px (5.25 pt at 96 dpi) and lays a column w units wide out as
 * 7w + 5 px; LibreOffice takes Carlito's digit unrounded, 7.44 px. Pages are planned with the
 * wider one, text is measured in the narrower one, so both err on the safe side. Body text is
 * 10.5 pt (五号), so a CJK character is 2.0 units. Latin letters are measured on the wider of
 * the fonts a workbook meets — DejaVu Sans, which LibreOffice puts in for 等线 on Linux, is about
 * a quarter wider than 等线 — so that no application wraps a cell onto more lines than the row
 * height was set for. */
enum {
	PAGE_PX = 1025,	    /* A4 landscape less 0.4" margins, 1046 px at 96 dpi, less 2 % */
	PAGE_95_PX = 1133,  /* what fitting to the page shrinks to 9.5 pt (× 10.5 / 9.5) */
	PAGE_9PT_PX = 1195, /* … to 9 pt (× 10.5 / 9), the least a client should have to read */
	PAGE_H_PT = 500,    /* its printable height, 516 pt, less 3 % */
	MAX_COL_W = 60,
	MAX_ROW_PT = 409, /* Excel's largest row height */
	MAX_INDENT = 8,	  /* outline columns on the 结构图 sheet */
};
static const double body_pt = 10.5; /* 五号 */
static const double margin_lr = 0.4, margin_top = 0.5, margin_bottom = 0.6, footer_margin = 0.25;
static const double px_per_unit = 7.44;
/* A margin for kerning and rounding, in units, on the widths of cells that must not wrap. A
 * wrapping cell w units wide holds w units of text: Excel's 5 px beyond 7w cover its margins. */
static const double pad = 0.5;
static const double line_pt = 15.5; /* a wrapped line at 10.5 pt: Noto Sans CJK's 1.45 em */
static const double row_pad_pt = 2.5;

/* Width in units of one character at the body size. */
static double char_units(uint32_t cp)
{
	if (utf8_cp_width(cp) == 2 || (cp >= 0x2010 && cp <= 0x206F))
		return 2.0; /* CJK, and the em dash and quotes, which CJK fonts set full width */
	if (cp >= 0x80 || cp == 0)
		return 1.3;
	if (strchr(" .,:;'!|il", (int)cp))
		return 0.6;
	if (strchr("-/()[]fjrtI", (int)cp))
		return 0.8;
	if (cp >= '0' && cp <= '9')
		return 1.3;
	if (cp == 'M' || cp == 'W' || cp == 'm' || cp == 'w')
		return 1.9;
	if (cp >= 'A' && cp <= 'Z')
		return 1.45;
	return 1.2;
}

/* Width in units of `len` bytes of text on one line. */
static double text_units(const char *s, size_t len)
{
	double u = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		u += char_units(cp);
		i += k ? k : 1;
	}
	return u;
}

/* Width in units of the widest line of `s`. */
static double max_line_units(const char *s)
{
	double best = 0;
	size_t len;
	for (const char *p = s, *line; table_next_line(&p, &line, &len);)
		if (text_units(line, len) > best)
			best = text_units(line, len);
	return best;
}

/* Width in units of the widest run of `s` that a wrap cannot break: letters, digits and
 * punctuation between spaces (a CJK character stands alone, the text breaks around it), or with
 * `numbers`, what lies between 、 and ； — a list of standard numbers, each kept whole. The
 * narrowest a wrapping column can get. */
static double widest_run(const char *s, bool numbers)
{
	double best = 0, run = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i <= len;) {
		uint32_t cp = 0;
		size_t k = i < len ? utf8_decode(s + i, len - i, &cp) : 1;
		bool end = i == len || cp == '\n' || cp == 0x3001 /* 、 */ || cp == 0xFF1B /* ； */;
		if (!numbers)
			end = end || cp == ' ' || cp == 0x3000 || utf8_cp_width(cp) == 2;
		if (end) {
			if (run > best)
				best = run;
			run = 0;
			if (!numbers && utf8_cp_width(cp) == 2 && char_units(cp) > best)
				best = char_units(cp);
		} else {
			run += char_units(cp);
		}
		i += k ? k : 1;
	}
	return best;
}

/* Lines `s` takes in a wrapping cell `w` units wide: table_wrap's breaks (between words, by the
 * Chinese rules, never inside a standard number) at the width in display columns that `w`
 * holds for this text's mix of wide and narrow characters. */
static size_t cell_lines(const char *s, double w, struct strbuf *scratch)
{
	size_t lines = 0, len;
	for (const char *p = s, *line; table_next_line(&p, &line, &len);) {
		size_t cols = utf8_width(line, len);
		double units = text_units(line, len);
		double per_col = cols && units > cols ? units / (double)cols : 1.0;
		double avail = w / per_col;
		size_t width = avail < 2 ? 2 : (size_t)avail;
		if (cols <= width) {
			lines++;
			continue;
		}
		char *one = xstrndup(line, len);
		strbuf_reset(scratch);
		lines += table_wrap(one, width, scratch);
		free(one);
	}
	return lines;
}

/* Whole units up and down, for the non-negative widths here (zhun does not link libm). */
static double up(double x)
{
	double i = (double)(long long)x;
	return i < x ? i + 1 : i;
}

static double down(double x)
{
	return (double)(long long)x;
}

/* Headings are bold, and a bold Latin letter is about a tenth wider (DejaVu Sans Bold). */
static double head_units(const char *s, size_t len)
{
	return text_units(s, len) * 1.1;
}

/* Where a heading breaks onto a second line: after 、 ， / or a space, or before （ ( 及 和 与 或,
 * at the place whose longer line is shortest, leaving each line at least a quarter of the
 * heading ("国际、国外标准号" / "及采用关系", "现有数/" / "应有数（%）", "应有数" / "（个）").
 * Returns the byte offset of the second line, 0 when no such place exists; *cost is the width
 * of the longer line. */
static size_t heading_break(const char *s, double *cost)
{
	static const char *const after[] = { "、", "，", "/", " " };
	static const char *const before[] = { "（", "(", "及", "和", "与", "或" };
	size_t len = strlen(s), best = 0;
	double total = head_units(s, len);
	for (size_t i = 1; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		bool ok = false;
		for (size_t k = 0; k < sizeof after / sizeof *after; k++) {
			size_t m = strlen(after[k]);
			ok |= i >= m && !memcmp(s + i - m, after[k], m);
		}
		for (size_t k = 0; k < sizeof before / sizeof *before; k++)
			ok |= !strncmp(s + i, before[k], strlen(before[k]));
		if (!ok)
			continue;
		size_t end1 = i, start2 = i;
		while (end1 > 0 && s[end1 - 1] == ' ')
			end1--;
		while (s[start2] == ' ')
			start2++;
		double a = head_units(s, end1), b = head_units(s + start2, len - start2);
		double c = a > b ? a : b;
		if (a < total / 4 || b < total / 4 || (best && c >= *cost))
			continue;
		best = i;
		*cost = c;
	}
	return best;
}

/* A column heading laid out for a column `w` units wide into `sb`, with '\n' between its lines;
 * returns their number. One line when it fits; else two at heading_break's place when that
 * fits; else wrapped by table_wrap. Headings are zhun's own words, so the breaks are written
 * into the cell: every application then shows "应有数" / "（个）" rather than breaking where
 * its own rules fall ("应有数（" / "个）"). */
static size_t heading_lines(const char *s, double w, struct strbuf *sb)
{
	size_t len = strlen(s), cols = utf8_width(s, len);
	double units = head_units(s, len), cost = 0;
	strbuf_reset(sb);
	if (units + pad <= w) {
		strbuf_adds(sb, s);
		return 1;
	}
	size_t at = heading_break(s, &cost);
	if (at && cost + pad <= w) {
		size_t end1 = at, start2 = at;
		while (end1 > 0 && s[end1 - 1] == ' ')
			end1--;
		while (s[start2] == ' ')
			start2++;
		strbuf_add(sb, s, end1);
		strbuf_addc(sb, '\n');
		strbuf_adds(sb, s + start2);
		return 2;
	}
	double per_col = cols && units > cols ? units / (double)cols : 1.0;
	double avail = (w - pad) / per_col;
	size_t n = table_wrap(s, avail < 2 ? 2 : (size_t)avail, sb);
	strbuf_setlen(sb, sb->len ? sb->len - 1 : 0);
	return n;
}

/* The width a heading needs: one line when it is short (four CJK characters), else two. */
static double heading_width(const char *s)
{
	double hu = head_units(s, strlen(s)), cost = 0;
	if (hu <= 9)
		return hu + pad;
	if (heading_break(s, &cost))
		return cost + pad;
	struct strbuf sb = STRBUF_INIT;
	double w = up(hu / 2) + pad;
	while (heading_lines(s, w, &sb) > 2 && w < MAX_COL_W)
		w += 0.5;
	strbuf_release(&sb);
	return w;
}

static double row_height(size_t lines)
{
	double h = (double)lines * line_pt + row_pad_pt;
	return h > MAX_ROW_PT ? MAX_ROW_PT : h;
}

/* Pixels of columns `w[0..n)` wide, as Excel lays them out. */
static double sheet_px(const double *w, size_t n)
{
	double px = 0;
	for (size_t c = 0; c < n; c++)
		px += down(px_per_unit * w[c] + 5);
	return px;
}

/* ---- formats ---- */

struct styles {
	lxw_format *title, *subtitle, *meta, *meta_date, *head, *text, *centre, *wrap, *num, *seq,
	    *date, *pct, *dash, *group0, *group, *grid_title, *total, *total_num, *total_pct,
	    *total_dash;
	lxw_format *root, *block, *node, *vacant_node, *spine, *count, *vacant_mark;
};

/* One cell format of struct styles as data: on top of the body font and size, centred
 * vertically (Chinese tables centre their cells; with one line it also hides that Latin and CJK
 * fonts stand at different heights), what its row sets; 0 leaves a property as it is. */
struct style_def {
	size_t off;	  /* of its lxw_format * in struct styles */
	bool box, dashed; /* a thin line round the cell in the grid's colour; dashed */
	bool bold, wrap;
	double size;	       /* points */
	uint8_t align, valign; /* LXW_ALIGN_…: horizontal, vertical */
	uint32_t fill, color;  /* background, font */
	const char *num;       /* number format */
};

#define STYLE(m) .off = offsetof(struct styles, m)

static const struct style_def style_defs[] = {
	{ STYLE(title), .bold = true, .size = 16, .align = LXW_ALIGN_CENTER, .wrap = true },
	{ STYLE(subtitle), .bold = true, .size = 12, .align = LXW_ALIGN_CENTER },
	{ STYLE(meta), .wrap = true },
	/* and a number format in the table's language (make_styles) */
	{ STYLE(meta_date), .align = LXW_ALIGN_RIGHT },
	{ STYLE(head), .box = true, .bold = true, .fill = 0xDBE8F5, .align = LXW_ALIGN_CENTER,
	  .wrap = true },
	{ STYLE(text), .box = true },
	{ STYLE(centre), .box = true, .align = LXW_ALIGN_CENTER },
	{ STYLE(wrap), .box = true, .wrap = true },
	{ STYLE(num), .box = true, .num = "0", .align = LXW_ALIGN_RIGHT },
	{ STYLE(seq), .box = true, .num = "0", .align = LXW_ALIGN_CENTER },
	{ STYLE(date), .box = true, .num = "yyyy-mm-dd", .align = LXW_ALIGN_CENTER },
	{ STYLE(pct), .box = true, .num = "0.0%", .align = LXW_ALIGN_RIGHT },
	{ STYLE(dash), .box = true, .align = LXW_ALIGN_CENTER },
	{ STYLE(group0), .box = true, .bold = true, .fill = 0xC8DBEF, .wrap = true },
	{ STYLE(group), .box = true, .bold = true, .fill = 0xF1F5FA, .wrap = true },
	{ STYLE(grid_title), .bold = true, .size = 12, .valign = LXW_ALIGN_VERTICAL_BOTTOM },
	{ STYLE(total), .box = true, .bold = true, .fill = 0xF1F5FA },
	{ STYLE(total_num), .box = true, .bold = true, .fill = 0xF1F5FA, .num = "0",
	  .align = LXW_ALIGN_RIGHT },
	{ STYLE(total_pct), .box = true, .bold = true, .fill = 0xF1F5FA, .num = "0.0%",
	  .align = LXW_ALIGN_RIGHT },
	{ STYLE(total_dash), .box = true, .bold = true, .fill = 0xF1F5FA,
	  .align = LXW_ALIGN_CENTER },
	/* the outline: the system dark, blocks light blue, categories white, vacant ones grey */
	{ STYLE(root), .box = true, .bold = true, .color = 0xFFFFFF, .fill = 0x1F4E79,
	  .wrap = true },
	{ STYLE(block), .box = true, .bold = true, .fill = 0xDBE8F5, .wrap = true },
	{ STYLE(node), .box = true, .wrap = true },
	{ STYLE(vacant_node), .box = true, .dashed = true, .wrap = true, .color = 0x777777 },
	{ STYLE(spine) }, /* a line on its left only */
	{ STYLE(count), .box = true, .num = "0", .align = LXW_ALIGN_RIGHT },
	{ STYLE(vacant_mark), .box = true, .color = 0x777777, .align = LXW_ALIGN_CENTER },
};
#undef STYLE

static void make_styles(const struct table *t, lxw_workbook *wb, struct styles *s)
{
	for (size_t i = 0; i < sizeof style_defs / sizeof style_defs[0]; i++) {
		const struct style_def *d = &style_defs[i];
		lxw_format *f = xl.workbook_add_format(wb);
		*(lxw_format **)((char *)s + d->off) = f;
		xl.format_set_font_name(f, xlsx_font);
		xl.format_set_font_size(f, d->size ? d->size : body_pt);
		xl.format_set_align(f, d->valign ? d->valign : LXW_ALIGN_VERTICAL_CENTER);
		if (d->box) {
			xl.format_set_border(f, d->dashed ? LXW_BORDER_DASHED : LXW_BORDER_THIN);
			xl.format_set_border_color(f, 0x8094AB);
		}
		if (d->bold)
			xl.format_set_bold(f);
		if (d->wrap)
			xl.format_set_text_wrap(f);
		if (d->align)
			xl.format_set_align(f, d->align);
		if (d->fill)
			xl.format_set_bg_color(f, d->fill);
		if (d->color)
			xl.format_set_font_color(f, d->color);
		if (d->num)
			xl.format_set_num_format(f, d->num);
	}
	/* the as-of date is a date; the words around it are the number format's literal text */
	xl.format_set_num_format(s->meta_date, t->zh ? "\"状态截至：\"yyyy-mm-dd"
						     : "\"Statuses as of \"yyyy-mm-dd");
	xl.format_set_left(s->spine, LXW_BORDER_THIN);
	xl.format_set_left_color(s->spine, 0x5B7FA6);
}

/* ---- the parts every sheet shares ---- */

/* Text across columns c0..c1 of one row (libxlsxwriter refuses a one-cell merge). */
static void span(lxw_worksheet *ws, lxw_row_t r, size_t c0, size_t c1, const char *s, lxw_format *f)
{
	if (c1 > c0)
		xl.worksheet_merge_range(ws, r, (lxw_col_t)c0, r, (lxw_col_t)c1, s, f);
	else
		xl.worksheet_write_string(ws, r, (lxw_col_t)c0, s, f);
}

static double sum(const double *w, size_t from, size_t to)
{
	double u = 0;
	for (size_t c = from; c < to; c++)
		u += w[c] + 5 / px_per_unit; /* a merged cell also spans the columns' padding */
	return u;
}

/* The left half of the title block's third line: 编制单位 and 版本. */
static void meta_text(const struct table *t, struct strbuf *sb)
{
	const struct system *s = t->sys;
	if (s->owner.s)
		strbuf_addf(sb, t->zh ? "编制单位：%s" : "Owner: %s", s->owner.s);
	if (s->edition.s)
		strbuf_addf(sb, t->zh ? "%s版本：%s" : "%sEdition: %s", sb->len ? "    " : "",
			    s->edition.s);
}

/* Units the as-of date takes with its words ("状态截至：2024-12-31"). */
static double date_units(const struct table *t)
{
	char date[11];
	table_date_str(&t->as_of, date);
	return text_units(date, strlen(date)) + (t->zh ? 10 : 8.5) + pad;
}

/* Units the title block reads well in: the 16-pt title (about 1.55 times the body's width) on
 * one line, or the third line with a gap, whichever is wider — up to a page. */
static double title_block_units(const struct table *t)
{
	struct strbuf sb = STRBUF_INIT;
	table_doc_title(t, &sb);
	double u = text_units(sb.buf, sb.len) * 1.55 + pad;
	strbuf_reset(&sb);
	meta_text(t, &sb);
	double m = text_units(sb.buf, sb.len) + 4 + date_units(t);
	strbuf_release(&sb);
	u = u > m ? u : m;
	double page = (PAGE_PX - 5.0) / px_per_unit;
	return u < page ? u : page;
}

/* Widen column c of a narrow sheet so that its title block reads well. */
static void widen_for_title(const struct table *t, double *w, size_t n, size_t c)
{
	double need = title_block_units(t) - sum(w, 0, n);
	if (need > 0)
		w[c] += need;
}

/* The title block over columns [0, n) of widths w: the document title, the part, and a line
 * with 编制单位 and 版本 on the left and the as-of date (a date cell) on the right. Returns the
 * first free row. */
static lxw_row_t title_block(const struct table *t, lxw_worksheet *ws, const struct styles *st,
			     unsigned part, const double *w, size_t n)
{
	struct strbuf sb = STRBUF_INIT, scratch = STRBUF_INIT;
	table_doc_title(t, &sb);
	/* the title is 16 pt: about 1.5 times the body's width per character */
	size_t lines = cell_lines(sb.buf, sum(w, 0, n) / 1.55, &scratch);
	span(ws, 0, 0, n - 1, sb.buf, st->title);
	xl.worksheet_set_row(ws, 0, lines * 24.0 + 6, NULL);
	span(ws, 1, 0, n - 1, table_part_title(t, part), st->subtitle);
	xl.worksheet_set_row(ws, 1, 20, NULL);
	strbuf_reset(&sb);
	meta_text(t, &sb);
	lxw_datetime asof = { t->as_of.y, t->as_of.m, t->as_of.d, 0, 0, 0 };
	/* the date takes the columns from the right that hold "状态截至：2024-12-31" */
	size_t split = n;
	double need = date_units(t);
	while (split > 1 && sum(w, split, n) < need)
		split--;
	lxw_row_t r = 2;
	if (split > 0 && split < n) {
		span(ws, r, 0, split - 1, sb.buf, st->meta);
		span(ws, r, split, n - 1, "", st->meta_date);
		xl.worksheet_write_datetime(ws, r, (lxw_col_t)split, &asof, st->meta_date);
		lines = cell_lines(sb.buf, sum(w, 0, split), &scratch);
		xl.worksheet_set_row(ws, r++, row_height(lines), NULL);
	} else {
		/* one narrow column: the date on a line of its own */
		if (sb.len) {
			span(ws, r, 0, n - 1, sb.buf, st->meta);
			lines = cell_lines(sb.buf, sum(w, 0, n), &scratch);
			xl.worksheet_set_row(ws, r++, row_height(lines), NULL);
		}
		span(ws, r, 0, n - 1, "", st->meta_date);
		xl.worksheet_write_datetime(ws, r++, 0, &asof, st->meta_date);
	}
	strbuf_release(&sb);
	strbuf_release(&scratch);
	return r;
}

/* A4 landscape, narrow margins, centred, and a footer with the document title, "第 3 页，共 9
 * 页" and the as-of date. `fit` scales the sheet to one page wide — needed where the columns
 * were fitted to the page and might not quite fit elsewhere; Excel ignores manual page breaks
 * then, so sheets that break their own pages are not fitted. */
static void page_setup(const struct table *t, lxw_worksheet *ws, bool fit)
{
	xl.worksheet_set_landscape(ws);
	xl.worksheet_set_paper(ws, 9); /* A4 */
	xl.worksheet_set_margins(ws, margin_lr, margin_lr, margin_top, margin_bottom);
	xl.worksheet_center_horizontally(ws);
	if (fit)
		xl.worksheet_fit_to_pages(ws, 1, 0);
	struct strbuf title = STRBUF_INIT, f = STRBUF_INIT;
	table_doc_title(t, &title);
	char date[11];
	table_date_str(&t->as_of, date);
	/* & starts a header/footer code: the title's own ampersands are doubled */
	strbuf_adds(&f, "&L&9");
	for (const char *p = title.buf; *p; p++) {
		if (*p == '&')
			strbuf_addc(&f, '&');
		if ((unsigned char)*p >= 0x20)
			strbuf_addc(&f, *p);
	}
	strbuf_addf(&f,
		    t->zh ? "&C&9第 &P 页，共 &N 页&R&9状态截至 %s"
			  : "&C&9Page &P of &N&R&9"
			    "Statuses as of %s",
		    date);
	/* Excel allows 255 characters; a title that long is left out of the footer */
	if (utf8_count(f.buf, f.len) > 255) {
		strbuf_reset(&f);
		strbuf_addf(&f,
			    t->zh ? "&C&9第 &P 页，共 &N 页&R&9状态截至 %s"
				  : "&C&9Page &P of &N&R&9Statuses as of %s",
			    date);
	}
	lxw_header_footer_options o = { .margin = footer_margin };
	xl.worksheet_set_footer_opt(ws, f.buf, &o);
	strbuf_release(&title);
	strbuf_release(&f);
}

static void set_widths(lxw_worksheet *ws, const double *w, size_t n)
{
	for (size_t c = 0; c < n; c++)
		xl.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
}

/* A date cell as a date (yyyy-mm-dd), or the text when the date is not a whole one. */
static void write_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct date *d,
		       const char *text, const struct styles *st)
{
	if (d->y >= 1900 && d->y <= 9999 && d->m >= 1 && d->m <= 12 && d->d >= 1 && d->d <= 31) {
		lxw_datetime dt = { d->y, d->m, d->d, 0, 0, 0 };
		xl.worksheet_write_datetime(ws, r, c, &dt, st->date);
	} else {
		xl.worksheet_write_string(ws, r, c, text, st->text);
	}
}

/* ---- 明细表: column widths ---- */

enum col_kind { COL_NUM, COL_KEEP, COL_WRAP };

static enum col_kind col_kind(enum table_col c)
{
	switch (c) {
	case TCOL_SEQ:
		return COL_NUM;
	case TCOL_TITLE:
	case TCOL_TITLE_EN:
	case TCOL_ADOPTS:
	case TCOL_REPLACES:
	case TCOL_NOTE:
	case TCOL_CATEGORY:
	case TCOL_AMENDMENTS:
	case TCOL_INTERPRETATIONS:
	case TCOL_REVIEWS:
		return COL_WRAP;
	default:
		return COL_KEEP; /* codes, standard numbers, dates, short words: never wrapped */
	}
}

/* Estimated lines of a cell `w` units wide, from the widths of its explicit lines (lu[0..nl)). */
static size_t est_lines(const double *lu, size_t nl, double w)
{
	size_t n = 0;
	for (size_t k = 0; k < nl; k++)
		n += lu[k] <= w ? 1 : (size_t)up(lu[k] / w);
	return n ? n : 1;
}

/* Per wrapping column, the widths of the explicit lines of each row's cell. */
struct wrap_cells {
	double *lu;  /* all line widths, row after row */
	size_t *off; /* row r's lines are lu[off[r] .. off[r + 1]) */
	size_t cap;  /* room in lu */
};

/* The widths of the 明细表's columns, in units, into w. Every column gets its natural width
 * (widest cell, and a heading on at most two lines) when they all fit the page. Otherwise the
 * columns that never wrap keep theirs, the wrapping ones (title, note, adoption, replaced
 * numbers) start from a floor — 10 CJK characters for a title, never narrower than their widest
 * word or standard number — and the rest of the page goes, a step at a time, to the column
 * whose widening saves the most printed lines per unit of width: the shortest print of the
 * table at the body size. What is left when no widening saves a line widens the wrapping
 * columns evenly towards their natural width. */
static void detail_widths(const struct table *t, double *w)
{
	const struct table_detail *d = &t->detail;
	size_t n = d->ncols;
	double *nat = xcalloc(n, sizeof *nat), *floor_w = xcalloc(n, sizeof *floor_w);
	enum col_kind *kind = xcalloc(n, sizeof *kind);
	for (size_t c = 0; c < n; c++) {
		kind[c] = col_kind(d->cols[c].id);
		/* the heading on two lines at most: a floor for every column */
		nat[c] = floor_w[c] = heading_width(d->cols[c].heading);
	}
	size_t rows = d->nrows;
	struct wrap_cells *wc = xcalloc(n, sizeof *wc);
	for (size_t c = 0; c < n; c++)
		if (kind[c] == COL_WRAP) {
			wc[c].off = xcalloc(rows + 1, sizeof *wc[c].off);
			wc[c].cap = rows ? rows : 1;
			wc[c].lu = xmalloc(wc[c].cap * sizeof *wc[c].lu);
		}
	size_t r = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		if (l->kind != TABLE_LINE_ROW)
			continue;
		for (size_t c = 0; c < n; c++) {
			const char *cell = l->cells[c];
			double u = max_line_units(cell) + pad;
			if (u > nat[c])
				nat[c] = u;
			if (kind[c] != COL_WRAP)
				continue;
			double pu = widest_run(cell, d->cols[c].id == TCOL_REPLACES);
			if (pu + pad > floor_w[c])
				floor_w[c] = pu + pad;
			size_t at = wc[c].off[r], len;
			for (const char *p = cell, *line; table_next_line(&p, &line, &len);) {
				if (at == wc[c].cap) {
					wc[c].cap *= 2;
					wc[c].lu = xrealloc(wc[c].lu, wc[c].cap * sizeof *wc[c].lu);
				}
				wc[c].lu[at++] = text_units(line, len);
			}
			wc[c].off[r + 1] = at;
		}
		r++;
	}
	double used = 0;
	for (size_t c = 0; c < n; c++) {
		if (nat[c] > MAX_COL_W)
			nat[c] = MAX_COL_W;
		if (kind[c] != COL_WRAP) {
			floor_w[c] = nat[c];
		} else {
			double soft = d->cols[c].id == TCOL_TITLE || d->cols[c].id == TCOL_TITLE_EN
					  ? 20 + pad
					  : 12 + pad;
			if (floor_w[c] > 30 + pad)
				floor_w[c] = 30 + pad;
			if (floor_w[c] < soft)
				floor_w[c] = soft;
			if (floor_w[c] > nat[c])
				floor_w[c] = nat[c];
		}
		w[c] = kind[c] == COL_WRAP ? up(floor_w[c]) : nat[c];
		used += w[c];
	}
	double total_nat = 0;
	for (size_t c = 0; c < n; c++)
		total_nat += nat[c];
	/* the page at 10.5 pt when every column fits at its natural width; else the page at 9.5 pt,
	 * or as wide as the floors need, up to the page at 9 pt */
	double budget = (PAGE_PX - 5.0 * (double)n) / px_per_unit;
	double limit = (PAGE_9PT_PX - 5.0 * (double)n) / px_per_unit;
	if (total_nat <= budget) {
		memcpy(w, nat, n * sizeof *w);
		goto done;
	}
	if (used > limit) {
		/* too many columns: wrapping ones give, in proportion, down to 4 CJK characters */
		double slack = 0, hard = 8 + pad;
		for (size_t c = 0; c < n; c++)
			if (kind[c] == COL_WRAP && w[c] > hard)
				slack += w[c] - hard;
		double take = used - limit < slack ? used - limit : slack;
		for (size_t c = 0; c < n; c++)
			if (kind[c] == COL_WRAP && w[c] > hard && slack > 0) {
				double give = up((w[c] - hard) * take / slack);
				if (give > w[c] - hard)
					give = w[c] - hard;
				w[c] -= give;
				used -= give;
			}
	}
	budget = (PAGE_95_PX - 5.0 * (double)n) / px_per_unit;
	if (used > budget)
		budget = used < limit ? used : limit;
	/* other[r]: row r's lines in every wrapping column but the one being widened */
	size_t *other = xcalloc(rows ? rows : 1, sizeof *other);
	for (;;) {
		double left = budget - used;
		if (left < 1)
			break;
		size_t best_c = n;
		double best_gain = 0, best_w = 0;
		for (size_t c = 0; c < n; c++) {
			if (kind[c] != COL_WRAP || w[c] >= nat[c])
				continue;
			/* each row's lines in every other wrapping column, at the current widths */
			size_t now = 0;
			for (r = 0; r < rows; r++) {
				size_t m = 1;
				for (size_t k = 0; k < n; k++) {
					if (k == c || kind[k] != COL_WRAP)
						continue;
					size_t e = est_lines(wc[k].lu + wc[k].off[r],
							     wc[k].off[r + 1] - wc[k].off[r], w[k]);
					if (e > m)
						m = e;
				}
				other[r] = m;
				size_t e = est_lines(wc[c].lu + wc[c].off[r],
						     wc[c].off[r + 1] - wc[c].off[r], w[c]);
				now += e > m ? e : m;
			}
			/* whole units up to the natural width (its fraction included) or the budget
			 */
			double most = nat[c] - w[c] + 0.999 < left ? nat[c] - w[c] + 0.999 : left;
			for (double nw = w[c] + 1; nw - w[c] <= most; nw++) {
				size_t then = 0;
				for (r = 0; r < rows; r++) {
					size_t e = est_lines(wc[c].lu + wc[c].off[r],
							     wc[c].off[r + 1] - wc[c].off[r], nw);
					then += e > other[r] ? e : other[r];
				}
				double gain = (double)(now - then) / (nw - w[c]);
				if (gain > best_gain) {
					best_gain = gain;
					best_c = c;
					best_w = nw;
				}
			}
		}
		if (best_c == n)
			break;
		used += best_w - w[best_c];
		w[best_c] = best_w;
	}
	free(other);
	/* no widening saves a line: share what is left out evenly, up to the natural widths */
	for (;;) {
		double left = budget - used;
		size_t open = 0;
		for (size_t c = 0; c < n; c++)
			open += kind[c] == COL_WRAP && w[c] < nat[c];
		if (!open || left < 0.5)
			break;
		double each = left / (double)open;
		for (size_t c = 0; c < n; c++) {
			if (kind[c] != COL_WRAP || w[c] >= nat[c])
				continue;
			double add = nat[c] - w[c] < each ? nat[c] - w[c] : each;
			w[c] += add;
			used += add;
		}
	}
done:
	for (size_t c = 0; c < n; c++) {
		free(wc[c].lu);
		free(wc[c].off);
	}
	free(wc);
	free(nat);
	free(floor_w);
	free(kind);
}

/* ---- the sheets ---- */

static void detail_sheet(const struct table *t, lxw_workbook *wb, const struct styles *st)
{
	const struct table_detail *d = &t->detail;
	size_t n = d->ncols;
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, t->zh ? "明细表" : "Detail");
	double *w = xcalloc(n, sizeof *w);
	struct strbuf scratch = STRBUF_INIT;
	detail_widths(t, w);
	set_widths(ws, w, n);
	lxw_row_t r = title_block(t, ws, st, TABLE_DETAIL, w, n);
	size_t lines = 1;
	for (size_t c = 0; c < n; c++) {
		size_t k = heading_lines(d->cols[c].heading, w[c], &scratch);
		xl.worksheet_write_string(ws, r, (lxw_col_t)c, scratch.buf, st->head);
		if (k > lines)
			lines = k;
	}
	xl.worksheet_set_row(ws, r, row_height(lines), NULL);
	xl.worksheet_repeat_rows(ws, r, r);
	xl.worksheet_freeze_panes(ws, r + 1, 0);
	r++;
	double all = sum(w, 0, n);
	for (size_t i = 0; i < d->nlines; i++, r++) {
		const struct table_line *l = &d->lines[i];
		if (l->kind == TABLE_LINE_GROUP) {
			span(ws, r, 0, n - 1, l->label, l->depth == 0 ? st->group0 : st->group);
			xl.worksheet_set_row(ws, r, row_height(cell_lines(l->label, all, &scratch)),
					     NULL);
			continue;
		}
		lines = 1;
		for (size_t c = 0; c < n; c++) {
			enum table_col id = d->cols[c].id;
			lxw_col_t col = (lxw_col_t)c;
			const char *cell = l->cells[c];
			if (id == TCOL_SEQ) {
				xl.worksheet_write_number(ws, r, col, (double)l->seq, st->seq);
			} else if (id == TCOL_PUBLISHED || id == TCOL_EFFECTIVE ||
				   id == TCOL_WITHDRAWN || id == TCOL_REVIEWED) {
				const struct review *rv = row_last_review(l->row);
				const struct date *dt = id == TCOL_PUBLISHED   ? &l->row->published
							: id == TCOL_EFFECTIVE ? &l->row->effective
							: id == TCOL_WITHDRAWN ? &l->row->withdrawn
							: rv		       ? &rv->date
							     : &(struct date){ 0 };
				if (dt->y)
					write_date(ws, r, col, dt, cell, st);
				else
					xl.worksheet_write_blank(ws, r, col, st->date);
			} else if (col_kind(id) == COL_WRAP) {
				xl.worksheet_write_string(ws, r, col, cell, st->wrap);
				size_t k = cell_lines(cell, w[c], &scratch);
				if (k > lines)
					lines = k;
			} else {
				/* short words (级别, 状态 …) centred, codes and numbers left */
				bool word = id == TCOL_LEVEL || id == TCOL_STATUS ||
					    id == TCOL_TYPE || id == TCOL_ACTION;
				xl.worksheet_write_string(ws, r, col, cell,
							  word ? st->centre : st->text);
			}
		}
		xl.worksheet_set_row(ws, r, row_height(lines), NULL);
	}
	page_setup(t, ws, true);
	strbuf_release(&scratch);
	free(w);
}

/* 结构图: one row per box, in chart order. The box of level L (0 the system, 1 a block, 2 a
 * category under it, …) is a bordered cell merged from outline column L to the name column, so
 * deeper boxes start further right; the empty outline cells to its left carry a left border,
 * which draws the tree's spines. Rows are grouped by level (Excel's outline), so a block folds
 * away with its categories. */
static void chart_sheet(const struct table *t, lxw_workbook *wb, const struct styles *st)
{
	const struct table_chart *ch = &t->chart;
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, t->zh ? "结构图" : "Chart");
	struct strbuf scratch = STRBUF_INIT;
	int maxd = 0;
	for (size_t i = 0; i < ch->n; i++)
		if (ch->nodes[i].cat->depth > maxd)
			maxd = ch->nodes[i].cat->depth;
	size_t name = (size_t)(maxd + 1 < MAX_INDENT ? maxd + 1 : MAX_INDENT);
	size_t n = name + 4; /* outline columns, name, 应有数, 现有数, 备注 */
	const char *head[] = { t->zh ? "编号及名称" : "Code and title",
			       t->zh ? "应有数" : "Required", t->zh ? "现有数" : "Existing",
			       t->zh ? "备注" : "Note" };
	double *w = xcalloc(n, sizeof *w);
	for (size_t c = 0; c < name; c++)
		w[c] = 2.5;
	/* the name column: the widest box less the outline columns it spans */
	double nw = 20;
	for (size_t i = 0; i <= ch->n; i++) {
		size_t lv = i < ch->n ? (size_t)ch->nodes[i].cat->depth + 1 : 0;
		if (lv > name)
			lv = name;
		const char *label = i < ch->n ? ch->nodes[i].label : ch->title;
		double u = max_line_units(label) + pad - sum(w, lv, name);
		if (u > nw)
			nw = u;
	}
	w[name] = nw < MAX_COL_W ? nw : MAX_COL_W;
	for (size_t k = 1; k < 4; k++)
		w[name + k] = max_line_units(head[k]) + pad + 1;
	widen_for_title(t, w, n, name);
	set_widths(ws, w, n);
	lxw_row_t r = title_block(t, ws, st, TABLE_CHART, w, n);
	span(ws, r, 0, name, head[0], st->head);
	for (size_t k = 1; k < 4; k++)
		xl.worksheet_write_string(ws, r, (lxw_col_t)(name + k), head[k], st->head);
	xl.worksheet_set_row(ws, r, row_height(1), NULL);
	xl.worksheet_repeat_rows(ws, r, r);
	xl.worksheet_freeze_panes(ws, r + 1, 0);
	xl.worksheet_outline_settings(ws, LXW_TRUE, LXW_FALSE, LXW_TRUE, LXW_FALSE);
	r++;
	for (size_t i = 0; i <= ch->n; i++, r++) {
		/* i == 0 is the system; node i - 1 follows */
		const struct table_chart_node *nd = i ? &ch->nodes[i - 1] : NULL;
		size_t lv = nd ? (size_t)nd->cat->depth + 1 : 0;
		size_t col = lv < name ? lv : name;
		bool vacant = nd && nd->cat->vacant.v;
		const char *label = nd ? nd->label : ch->title;
		lxw_format *f = !nd	  ? st->root
				: lv == 1 ? st->block
				: vacant  ? st->vacant_node
					  : st->node;
		for (size_t c = 0; c < col; c++)
			xl.worksheet_write_blank(ws, r, (lxw_col_t)c, st->spine);
		span(ws, r, col, name, label, f);
		xl.worksheet_write_number(ws, r, (lxw_col_t)(name + 1),
					  (double)(nd ? nd->total : t->nrows), st->count);
		xl.worksheet_write_number(ws, r, (lxw_col_t)(name + 2),
					  (double)(nd ? nd->existing : t->nexisting), st->count);
		if (vacant)
			xl.worksheet_write_string(ws, r, (lxw_col_t)(name + 3),
						  table_vacant_word(t), st->vacant_mark);
		else
			xl.worksheet_write_blank(ws, r, (lxw_col_t)(name + 3), st->count);
		size_t lines = cell_lines(label, sum(w, col, name + 1), &scratch);
		lxw_row_col_options o = { 0, (uint8_t)(lv < 7 ? lv : 7), 0 };
		xl.worksheet_set_row_opt(ws, r, row_height(lines), NULL, &o);
	}
	page_setup(t, ws, sheet_px(w, n) > PAGE_PX);
	strbuf_release(&scratch);
	free(w);
}

/* 统计表: the grids one below another, each under its title; counts are numbers ("0"), ratios
 * fractions shown as percentages ("0.0%"), an undefined ratio a dash. A grid never splits over
 * two pages: the sheet breaks its own pages before a grid that would not fit. */
static void stats_sheet(const struct table *t, lxw_workbook *wb, const struct styles *st)
{
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, t->zh ? "统计表" : "Statistics");
	struct strbuf scratch = STRBUF_INIT;
	const char *first = t->zh ? "统计项" : "Item";
	size_t n = 1;
	for (size_t k = 0; k < t->ngrids; k++)
		if (t->grids[k].ncols + 1 > n)
			n = t->grids[k].ncols + 1;
	double *w = xcalloc(n, sizeof *w);
	w[0] = max_line_units(first) + pad;
	for (size_t c = 1; c < n; c++)
		w[c] = 7 + pad; /* "100.0%" */
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		for (size_t i = 0; i < g->nrows; i++) {
			double u = max_line_units(g->rows[i].label) + pad;
			if (u > w[0])
				w[0] = u < MAX_COL_W ? u : MAX_COL_W;
		}
		for (size_t c = 0; c < g->ncols; c++) {
			double u = heading_width(g->cols[c].heading);
			if (u > w[c + 1])
				w[c + 1] = u;
		}
	}
	widen_for_title(t, w, n, 0);
	set_widths(ws, w, n);
	lxw_row_t r = title_block(t, ws, st, TABLE_STATS, w, n);
	/* rows already on the first page, for the page breaks */
	double page = 24 + 6 + 20 + row_height(1);
	lxw_row_t *breaks = xcalloc(t->ngrids + 1, sizeof *breaks);
	size_t nbreaks = 0;
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		size_t hl = 1;
		for (size_t c = 0; c < g->ncols; c++) {
			size_t l = heading_lines(g->cols[c].heading, w[c + 1], &scratch);
			if (l > hl)
				hl = l;
		}
		double title_h = 26, grid_h = title_h + row_height(hl);
		for (size_t i = 0; i < g->nrows; i++)
			grid_h += row_height(cell_lines(g->rows[i].label, w[0], &scratch));
		if (page + grid_h > PAGE_H_PT && page > 0) {
			breaks[nbreaks++] = r;
			page = 0;
		}
		page += grid_h;
		span(ws, r, 0, n - 1, g->title, st->grid_title);
		xl.worksheet_set_row(ws, r++, title_h, NULL);
		xl.worksheet_write_string(ws, r, 0, first, st->head);
		for (size_t c = 0; c < g->ncols; c++) {
			heading_lines(g->cols[c].heading, w[c + 1], &scratch);
			xl.worksheet_write_string(ws, r, (lxw_col_t)(c + 1), scratch.buf, st->head);
		}
		xl.worksheet_set_row(ws, r++, row_height(hl), NULL);
		for (size_t i = 0; i < g->nrows; i++, r++) {
			const struct table_stat_row *row = &g->rows[i];
			xl.worksheet_write_string(ws, r, 0, row->label,
						  row->total ? st->total : st->text);
			bool tot = row->total;
			for (size_t c = 0; c < g->ncols; c++) {
				long v = row->v[c];
				lxw_col_t col = (lxw_col_t)(c + 1);
				if (g->cols[c].kind != TABLE_STAT_PERCENT)
					xl.worksheet_write_number(ws, r, col, (double)v,
								  tot ? st->total_num : st->num);
				else if (v >= 0)
					xl.worksheet_write_number(ws, r, col, (double)v / 1000,
								  tot ? st->total_pct : st->pct);
				else
					xl.worksheet_write_string(ws, r, col, "—",
								  tot ? st->total_dash : st->dash);
			}
			size_t lines = cell_lines(row->label, w[0], &scratch);
			xl.worksheet_set_row(ws, r, row_height(lines), NULL);
		}
	}
	if (nbreaks)
		xl.worksheet_set_h_pagebreaks(ws, breaks);
	page_setup(t, ws, sheet_px(w, n) > PAGE_PX);
	free(breaks);
	strbuf_release(&scratch);
	free(w);
}

int render_xlsx(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	if (xlsx_open() != 0)
		return -1;
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/zhun-table-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return -1;
	}
	close(fd);
	lxw_workbook_options wo = { 0, tmp && *tmp ? (char *)tmp : NULL, 0 };
	lxw_workbook *wb = xl.workbook_new_opt(path, &wo);
	if (!wb) {
		unlink(path);
		free(path);
		errno = EIO;
		return -1;
	}
	/* the document date is the as-of date, so the same input gives the same properties */
	struct tm tm = { 0 };
	tm.tm_year = t->as_of.y - 1900;
	tm.tm_mon = t->as_of.m - 1;
	tm.tm_mday = t->as_of.d;
	struct strbuf title = STRBUF_INIT;
	table_doc_title(t, &title);
	lxw_doc_properties props = { 0 };
	props.title = title.buf;
	props.author = (char *)(t->sys->owner.s ? t->sys->owner.s : "");
	props.comments = (char *)"zhun table";
	props.created = timegm(&tm);
	xl.workbook_set_properties(wb, &props);
	struct styles st;
	make_styles(t, wb, &st);
	if (o->parts & TABLE_CHART)
		chart_sheet(t, wb, &st);
	if (o->parts & TABLE_DETAIL)
		detail_sheet(t, wb, &st);
	if (o->parts & TABLE_STATS)
		stats_sheet(t, wb, &st);
	lxw_error err = xl.workbook_close(wb);
	strbuf_release(&title);
	int rc = 0;
	if (err != LXW_NO_ERROR) {
		errno = EIO;
		rc = -1;
	} else if (strbuf_read_file(out, path) < 0) {
		rc = -1;
	}
	int saved = errno;
	unlink(path);
	free(path);
	errno = saved;
	return rc;
}
