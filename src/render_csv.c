/* SPDX-License-Identifier: MIT */
/* render_csv: one part of the 标准体系表 as one rectangular RFC 4180 table — UTF-8 with a BOM so
 * Excel reads the Chinese text, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break. The detail table carries its grouping as a 所属类别 column instead of sub-heading
 * rows, and the statistics come in long form (grid, item, measure, value) so every record has
 * the same fields. A field a spreadsheet would take for a formula gets a leading apostrophe,
 * and control and bidirectional formatting characters are escaped as in the text format, since
 * stdout, the default, is often a terminal (docs/table.md, "csv"). */
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "table.h"

/* CSV injection (OWASP): Excel, LibreOffice and Google Sheets run a field that begins with
 * = + - @, a tab or a carriage return as a formula (=HYPERLINK, DDE, …), and titles come from
 * pull requests. Such a field gets one leading apostrophe, which the spreadsheets show as text.
 * So that a reader can undo it exactly, a field made of apostrophes and then one of those
 * characters gets one more: a reader strips one apostrophe from a field of the form '+[=+-@\t\r].
 * A note that begins "- " gets the apostrophe too: it cannot be told from a formula. */
static bool formula_like(const char *s)
{
	while (*s == '\'')
		s++;
	return *s && strchr("=+-@\t\r", *s);
}

static void field(struct strbuf *out, const char *s, bool first)
{
	if (!first)
		strbuf_addc(out, ',');
	struct strbuf tmp = STRBUF_INIT;
	if (!table_term_clean(s)) {
		table_term_escape(&tmp, s);
		s = tmp.buf;
	}
	const char *mark = formula_like(s) ? "'" : "";
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_adds(out, mark);
		strbuf_adds(out, s);
		strbuf_release(&tmp);
		return;
	}
	strbuf_addc(out, '"');
	strbuf_adds(out, mark);
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *s);
	}
	strbuf_addc(out, '"');
	strbuf_release(&tmp);
}

static void end(struct strbuf *out)
{
	strbuf_adds(out, "\r\n");
}

static void chart(const struct table *t, struct strbuf *out)
{
	field(out, t->zh ? "层级" : "Depth", true);
	field(out, t->zh ? "编号" : "Code", false);
	field(out, t->zh ? "名称" : "Title", false);
	field(out, t->zh ? "上级编号" : "Parent", false);
	field(out, t->zh ? "应有数" : "Required", false);
	field(out, t->zh ? "现有数" : "Existing", false);
	field(out, t->zh ? "空缺" : "Vacant", false);
	end(out);
	char buf[32];
	for (size_t i = 0; i < t->chart.n; i++) {
		const struct table_chart_node *nd = &t->chart.nodes[i];
		const struct category *c = nd->cat;
		snprintf(buf, sizeof buf, "%d", c->depth + 1);
		field(out, buf, true);
		field(out, c->code.s ? c->code.s : "", false);
		field(out, c->title.s ? c->title.s : "", false);
		field(out, c->parent && c->parent->code.s ? c->parent->code.s : "", false);
		snprintf(buf, sizeof buf, "%zu", nd->total);
		field(out, buf, false);
		snprintf(buf, sizeof buf, "%zu", nd->existing);
		field(out, buf, false);
		field(out, c->vacant.v ? (t->zh ? "是" : "yes") : "", false);
		end(out);
	}
}

static void detail(const struct table *t, struct strbuf *out)
{
	const struct table_detail *d = &t->detail;
	/* without --columns the grouping travels as a leading column; with it, the user decides */
	bool cat = !t->cols_chosen;
	if (cat)
		field(out, t->zh ? "所属类别" : "Category", true);
	for (size_t c = 0; c < d->ncols; c++)
		field(out, d->cols[c].heading, c == 0 && !cat);
	end(out);
	const char *label = "";
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		if (l->kind == TABLE_LINE_GROUP) {
			label = l->label;
			continue;
		}
		if (cat)
			field(out, label, true);
		for (size_t c = 0; c < d->ncols; c++)
			field(out, l->cells[c], c == 0 && !cat);
		end(out);
	}
}

static void stats(const struct table *t, struct strbuf *out)
{
	field(out, t->zh ? "统计表" : "Table", true);
	field(out, t->zh ? "统计项" : "Item", false);
	field(out, t->zh ? "指标" : "Measure", false);
	field(out, t->zh ? "数值" : "Value", false);
	end(out);
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		for (size_t r = 0; r < g->nrows; r++)
			for (size_t c = 0; c < g->ncols; c++) {
				field(out, g->title, true);
				field(out, g->rows[r].label, false);
				field(out, g->cols[c].heading, false);
				strbuf_reset(&sb);
				if (g->cols[c].kind == TABLE_STAT_PERCENT) {
					/* an undefined ratio is an empty field, not a dash */
					if (g->rows[r].v[c] >= 0)
						table_percent(g->rows[r].v[c], &sb);
				} else {
					strbuf_addf(&sb, "%ld", g->rows[r].v[c]);
				}
				field(out, sb.buf, false);
				end(out);
			}
	}
	strbuf_release(&sb);
}

int render_csv(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	strbuf_adds(out, "\xEF\xBB\xBF");
	if (o->parts & TABLE_CHART)
		chart(t, out);
	else if (o->parts & TABLE_DETAIL)
		detail(t, out);
	else
		stats(t, out);
	return 0;
}
