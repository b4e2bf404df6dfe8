/* SPDX-License-Identifier: MIT */
/* render_xlsx: the 标准体系表 as an Excel workbook (libxlsxwriter) — one sheet per part, styled
 * and frozen header rows, column widths from the content's display width, a CJK-friendly font,
 * and A4-landscape page set-up with repeated header rows for printing. libxlsxwriter only
 * writes to a file, so the workbook goes to a private temporary file that is read back into
 * `out`; the caller then writes it atomically like every other output.
 * libxlsxwriter is opened with dlopen on the first rendering rather than linked: with libcrypto,
 * minizip and zlib it cost every start of zhun 3.7 M instructions of dynamic loading
 * (docs/performance.md, "Start-up"), for the one format that needs it. */
#include <errno.h>
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
	X(format_set_align)                                                                        \
	X(format_set_border)                                                                       \
	X(format_set_bold)                                                                         \
	X(format_set_bg_color)                                                                     \
	X(format_set_text_wrap)                                                                    \
	X(format_set_indent)                                                                       \
	X(worksheet_write_string)                                                                  \
	X(worksheet_write_number)                                                                  \
	X(worksheet_merge_range)                                                                   \
	X(worksheet_set_column)                                                                    \
	X(worksheet_freeze_panes)                                                                  \
	X(worksheet_set_landscape)                                                                 \
	X(worksheet_set_paper)                                                                     \
	X(worksheet_fit_to_pages)                                                                  \
	X(worksheet_repeat_rows)

static struct {
	XLSX_FUNCS(LAZYLIB_PTR)
} xl;
static const char *const xl_names[] = { XLSX_FUNCS(LAZYLIB_NAME) };

/* Open libxlsxwriter (XLSX_SONAME, from meson.build) and fill `xl`, once per process. Returns
 * 0, or -1 with errno set after printing why (the library and dlerror()) on stderr; a failure
 * is remembered and reported again by later calls. */
static int xlsx_open(void)
{
	static const char *error;
	static bool tried;
	if (!tried) {
		tried = true;
		error = lazylib_open(XLSX_SONAME, xl_names, LAZYLIB_COUNT(xl_names), &xl, sizeof xl);
	}
	if (!error)
		return 0;
	fprintf(stderr, _("zhun table: cannot load '%s', which xlsx output needs: %s\n"), XLSX_SONAME,
		error);
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

enum { MAX_COL_W = 60, MIN_COL_W = 4 };

struct styles {
	lxw_format *head, *text, *wrap, *num, *group0, *group, *title, *total, *total_num;
	lxw_format *indent[8];
};

static lxw_format *fmt(lxw_workbook *wb, bool border)
{
	lxw_format *f = xl.workbook_add_format(wb);
	xl.format_set_font_name(f, xlsx_font);
	xl.format_set_font_size(f, 10.5);
	xl.format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		xl.format_set_border(f, LXW_BORDER_THIN);
	return f;
}

static void make_styles(lxw_workbook *wb, struct styles *s)
{
	s->head = fmt(wb, true);
	xl.format_set_bold(s->head);
	xl.format_set_bg_color(s->head, 0xDBE8F5);
	xl.format_set_align(s->head, LXW_ALIGN_CENTER);
	xl.format_set_align(s->head, LXW_ALIGN_VERTICAL_CENTER);
	xl.format_set_text_wrap(s->head);
	s->text = fmt(wb, true);
	s->wrap = fmt(wb, true);
	xl.format_set_text_wrap(s->wrap);
	s->num = fmt(wb, true);
	xl.format_set_align(s->num, LXW_ALIGN_RIGHT);
	s->group0 = fmt(wb, true);
	xl.format_set_bold(s->group0);
	xl.format_set_bg_color(s->group0, 0xC8DBEF);
	s->group = fmt(wb, true);
	xl.format_set_bold(s->group);
	xl.format_set_bg_color(s->group, 0xF1F5FA);
	s->title = fmt(wb, false);
	xl.format_set_bold(s->title);
	xl.format_set_font_size(s->title, 12);
	s->total = fmt(wb, true);
	xl.format_set_bold(s->total);
	xl.format_set_bg_color(s->total, 0xF1F5FA);
	s->total_num = fmt(wb, true);
	xl.format_set_bold(s->total_num);
	xl.format_set_bg_color(s->total_num, 0xF1F5FA);
	xl.format_set_align(s->total_num, LXW_ALIGN_RIGHT);
	for (int i = 0; i < 8; i++) {
		s->indent[i] = fmt(wb, true);
		xl.format_set_indent(s->indent[i], (uint8_t)(i * 2));
		if (i <= 1) /* the system and its blocks */
			xl.format_set_bold(s->indent[i]);
	}
}

static void page_setup(lxw_worksheet *ws, bool repeat_head)
{
	xl.worksheet_set_landscape(ws);
	xl.worksheet_set_paper(ws, 9); /* A4 */
	xl.worksheet_fit_to_pages(ws, 1, 0);
	if (repeat_head)
		xl.worksheet_repeat_rows(ws, 0, 0);
}

/* Track the widest display text per column; Excel's width unit is about one Latin character,
 * which is what utf8_width counts (a CJK character is two). */
static void widen(double *w, size_t c, const char *s)
{
	size_t best = 0;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		size_t x = utf8_width(s, len);
		if (x > best)
			best = x;
		if (!nl)
			break;
		s = nl + 1;
	}
	double v = (double)best + 2;
	if (v > MAX_COL_W)
		v = MAX_COL_W;
	if (v > w[c])
		w[c] = v;
}

static void set_widths(lxw_worksheet *ws, const double *w, size_t n)
{
	for (size_t c = 0; c < n; c++)
		xl.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
					w[c] < MIN_COL_W ? MIN_COL_W : w[c], NULL);
}

static void chart_sheet(const struct table *t, lxw_workbook *wb, const struct styles *st)
{
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, t->zh ? "结构图" : "Chart");
	const char *head[] = { t->zh ? "层级" : "Depth", t->zh ? "编号" : "Code",
			       t->zh ? "名称" : "Title", t->zh ? "应有数" : "Required",
			       t->zh ? "现有数" : "Existing", t->zh ? "备注" : "Note" };
	double w[6] = { 0 };
	for (size_t c = 0; c < 6; c++) {
		xl.worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], st->head);
		widen(w, c, head[c]);
	}
	xl.worksheet_write_number(ws, 1, 0, 0, st->num);
	xl.worksheet_write_string(ws, 1, 1, "", st->text);
	xl.worksheet_write_string(ws, 1, 2, t->chart.title, st->indent[0]);
	xl.worksheet_write_number(ws, 1, 3, (double)t->nrows, st->num);
	xl.worksheet_write_number(ws, 1, 4, (double)t->nexisting, st->num);
	xl.worksheet_write_string(ws, 1, 5, "", st->text);
	widen(w, 2, t->chart.title);
	for (size_t i = 0; i < t->chart.n; i++) {
		const struct table_chart_node *nd = &t->chart.nodes[i];
		const struct category *c = nd->cat;
		lxw_row_t r = (lxw_row_t)(i + 2);
		int d = c->depth + 1 < 7 ? c->depth + 1 : 7;
		xl.worksheet_write_number(ws, r, 0, c->depth + 1, st->num);
		xl.worksheet_write_string(ws, r, 1, c->code.s ? c->code.s : "", st->text);
		xl.worksheet_write_string(ws, r, 2, c->title.s ? c->title.s : "", st->indent[d]);
		xl.worksheet_write_number(ws, r, 3, (double)nd->total, st->num);
		xl.worksheet_write_number(ws, r, 4, (double)nd->existing, st->num);
		xl.worksheet_write_string(ws, r, 5, c->vacant.v ? table_vacant_word(t) : "",
					  st->text);
		widen(w, 1, c->code.s ? c->code.s : "");
		/* the name column also holds the indent (two units per level) */
		const char *title = c->title.s ? c->title.s : "";
		double tw = (double)(utf8_width(title, strlen(title)) + 2 + 2 * (size_t)d);
		if (tw > w[2])
			w[2] = tw < MAX_COL_W ? tw : MAX_COL_W;
	}
	set_widths(ws, w, 6);
	xl.worksheet_freeze_panes(ws, 1, 0);
	page_setup(ws, true);
}

static void detail_sheet(const struct table *t, lxw_workbook *wb, const struct styles *st)
{
	const struct table_detail *d = &t->detail;
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, t->zh ? "明细表" : "Detail");
	double *w = xcalloc(d->ncols, sizeof *w);
	for (size_t c = 0; c < d->ncols; c++) {
		xl.worksheet_write_string(ws, 0, (lxw_col_t)c, d->cols[c].heading, st->head);
		/* a long heading wraps rather than widening its column beyond the data */
		w[c] = MIN_COL_W + 2;
	}
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		if (l->kind == TABLE_LINE_GROUP) {
			lxw_format *f = l->depth == 0 ? st->group0 : st->group;
			if (d->ncols > 1)
				xl.worksheet_merge_range(ws, r, 0, r, (lxw_col_t)(d->ncols - 1),
							 l->label, f);
			else
				xl.worksheet_write_string(ws, r, 0, l->label, f);
			continue;
		}
		for (size_t c = 0; c < d->ncols; c++) {
			if (d->cols[c].id == TCOL_SEQ) {
				xl.worksheet_write_number(ws, r, (lxw_col_t)c, (double)l->seq,
							  st->num);
			} else {
				bool long_text = d->cols[c].id == TCOL_TITLE || d->cols[c].id == TCOL_NOTE ||
						 d->cols[c].id == TCOL_ADOPTS || d->cols[c].id == TCOL_TITLE_EN;
				xl.worksheet_write_string(ws, r, (lxw_col_t)c, l->cells[c],
							  long_text ? st->wrap : st->text);
			}
			widen(w, c, l->cells[c]);
		}
	}
	/* headings shorter than the widest cell get that width; the rest wrap (header style) */
	for (size_t c = 0; c < d->ncols; c++) {
		size_t hw = utf8_width(d->cols[c].heading, strlen(d->cols[c].heading)) + 2;
		if ((double)hw > w[c] && hw <= 14)
			w[c] = (double)hw;
	}
	set_widths(ws, w, d->ncols);
	xl.worksheet_freeze_panes(ws, 1, 0);
	page_setup(ws, true);
	free(w);
}

static void stats_sheet(const struct table *t, lxw_workbook *wb, const struct styles *st)
{
	lxw_worksheet *ws = xl.workbook_add_worksheet(wb, t->zh ? "统计表" : "Statistics");
	double w[16] = { 0 };
	lxw_row_t r = 0;
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		size_t n = g->ncols + 1 < 16 ? g->ncols + 1 : 16;
		if (k)
			r++;
		xl.worksheet_write_string(ws, r++, 0, g->title, st->title);
		const char *first = t->zh ? "统计项" : "Item";
		xl.worksheet_write_string(ws, r, 0, first, st->head);
		widen(w, 0, first);
		for (size_t c = 1; c < n; c++) {
			xl.worksheet_write_string(ws, r, (lxw_col_t)c, g->cols[c - 1].heading,
						  st->head);
			widen(w, c, g->cols[c - 1].heading);
		}
		r++;
		for (size_t i = 0; i < g->nrows; i++, r++) {
			const struct table_stat_row *row = &g->rows[i];
			xl.worksheet_write_string(ws, r, 0, row->label,
						  row->total ? st->total : st->text);
			widen(w, 0, row->label);
			for (size_t c = 1; c < n; c++) {
				long v = row->v[c - 1];
				lxw_format *f = row->total ? st->total_num : st->num;
				if (g->cols[c - 1].kind == TABLE_STAT_PERCENT) {
					/* the ratio as text keeps exactly the digits of every other format */
					strbuf_reset(&sb);
					table_percent(v, &sb);
					xl.worksheet_write_string(ws, r, (lxw_col_t)c, sb.buf, f);
				} else {
					xl.worksheet_write_number(ws, r, (lxw_col_t)c, (double)v,
								  f);
				}
			}
		}
	}
	strbuf_release(&sb);
	set_widths(ws, w, 16);
	xl.worksheet_freeze_panes(ws, 1, 0);
	page_setup(ws, false);
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
	make_styles(wb, &st);
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
