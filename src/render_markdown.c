/* SPDX-License-Identifier: MIT */
/* render_markdown: the 标准体系表 as CommonMark/GFM — the chart as a nested list, the detail table
 * as one pipe table per category under its own heading (pipe tables cannot hold sub-heading
 * rows; 序号 keeps running across them), and one pipe table per statistics grid. Markdown is
 * read on terminals as often as rendered, so control and bidirectional formatting characters
 * are escaped first (table_term_escape), then the markup. */
#include <string.h>

#include "strbuf.h"
#include "table.h"

/* `s` with terminal controls escaped: s itself, or tmp's text. */
static const char *term_safe(const char *s, struct strbuf *tmp)
{
	if (table_term_clean(s))
		return s;
	table_term_escape(tmp, s);
	return tmp->buf;
}

/* Cell text: pipes and backslashes escaped, line breaks as <br>, '<' as an entity so text is
 * never read as HTML. */
static void cell(struct strbuf *out, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	for (s = term_safe(s, &tmp); *s; s++) {
		/* the run up to the next special byte in one append */
		size_t run = strcspn(s, "|\\<\r\n");
		strbuf_add(out, s, run);
		s += run;
		switch (*s) {
		case '\0':
			strbuf_release(&tmp);
			return;
		case '|':
			strbuf_adds(out, "\\|");
			break;
		case '\\':
			strbuf_adds(out, "\\\\");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '\r':
			break;
		case '\n':
			strbuf_adds(out, "<br>");
			break;
		}
	}
	strbuf_release(&tmp);
}

/* Text outside tables (headings, list items): escape what would start markup. */
static void text(struct strbuf *out, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	for (s = term_safe(s, &tmp); *s; s++) {
		if (strchr("\\`*_[]<>#|", *s))
			strbuf_addc(out, '\\');
		strbuf_addc(out, *s == '\n' ? ' ' : *s);
	}
	strbuf_release(&tmp);
}

static void head_row(struct strbuf *out, size_t n, const char *const *heads, const bool *num)
{
	strbuf_adds(out, "|");
	for (size_t c = 0; c < n; c++) {
		strbuf_addc(out, ' ');
		cell(out, heads[c]);
		strbuf_adds(out, " |");
	}
	strbuf_adds(out, "\n|");
	for (size_t c = 0; c < n; c++)
		strbuf_adds(out, num[c] ? " ---: |" : " --- |");
	strbuf_addc(out, '\n');
}

static void chart(const struct table *t, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(out, "- **");
	text(out, t->chart.title);
	strbuf_adds(out, "**");
	if (t->counts)
		strbuf_addf(out, t->zh ? "（%zu）" : " (%zu)", t->nrows);
	strbuf_addc(out, '\n');
	for (size_t i = 0; i < t->chart.n; i++) {
		const struct table_chart_node *nd = &t->chart.nodes[i];
		strbuf_addrep(out, "  ", (size_t)nd->cat->depth + 1);
		strbuf_adds(out, "- ");
		table_chart_box_text(t, nd, &sb);
		text(out, sb.buf);
		strbuf_reset(&sb);
		if (nd->cat->vacant.v)
			strbuf_addf(out, t->zh ? "（%s）" : " (%s)", table_vacant_word(t));
		strbuf_addc(out, '\n');
	}
	strbuf_release(&sb);
}

static void detail(const struct table *t, struct strbuf *out)
{
	const struct table_detail *d = &t->detail;
	const char *heads[TCOL__COUNT];
	bool num[TCOL__COUNT];
	for (size_t c = 0; c < d->ncols && c < TCOL__COUNT; c++) {
		heads[c] = d->cols[c].heading;
		num[c] = d->cols[c].numeric;
	}
	bool in_table = false;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		if (l->kind == TABLE_LINE_GROUP) {
			int level = 3 + l->depth;
			strbuf_addc(out, '\n');
			strbuf_addrep(out, "#", (size_t)(level > 6 ? 6 : level));
			strbuf_addc(out, ' ');
			text(out, l->label);
			strbuf_addc(out, '\n');
			in_table = false;
			continue;
		}
		if (!in_table) {
			strbuf_addc(out, '\n');
			head_row(out, d->ncols, heads, num);
			in_table = true;
		}
		strbuf_addc(out, '|');
		for (size_t c = 0; c < d->ncols; c++) {
			strbuf_addc(out, ' ');
			cell(out, l->cells[c]);
			strbuf_adds(out, " |");
		}
		strbuf_addc(out, '\n');
	}
}

static void stats(const struct table *t, struct strbuf *out)
{
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		const char *heads[16];
		bool num[16];
		size_t n = g->ncols + 1 < 16 ? g->ncols + 1 : 16;
		heads[0] = t->zh ? "统计项" : "Item";
		num[0] = false;
		for (size_t c = 1; c < n; c++) {
			heads[c] = g->cols[c - 1].heading;
			num[c] = true;
		}
		strbuf_addf(out, "\n### ");
		text(out, g->title);
		strbuf_adds(out, "\n\n");
		head_row(out, n, heads, num);
		for (size_t r = 0; r < g->nrows; r++) {
			const struct table_stat_row *row = &g->rows[r];
			strbuf_adds(out, "| ");
			if (row->total)
				strbuf_adds(out, "**");
			cell(out, row->label);
			if (row->total)
				strbuf_adds(out, "**");
			strbuf_adds(out, " |");
			for (size_t c = 1; c < n; c++) {
				strbuf_addc(out, ' ');
				if (g->cols[c - 1].kind == TABLE_STAT_PERCENT)
					table_percent(row->v[c - 1], out);
				else
					strbuf_addf(out, "%ld", row->v[c - 1]);
				strbuf_adds(out, " |");
			}
			strbuf_addc(out, '\n');
		}
	}
}

int render_markdown(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	unsigned parts[3];
	size_t n = table_parts_in_order(o->parts, parts);
	if (o->parts == TABLE_ALL) {
		struct strbuf sb = STRBUF_INIT;
		char date[11];
		table_doc_title(t, &sb);
		table_date_str(&t->as_of, date);
		strbuf_adds(out, "# ");
		text(out, sb.buf);
		strbuf_addf(out, t->zh ? "\n\n状态截至 %s。\n" : "\n\nStatuses as of %s.\n", date);
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0 || o->parts == TABLE_ALL)
			strbuf_addc(out, '\n');
		strbuf_addf(out, "## %s\n", table_part_title(t, parts[i]));
		if (parts[i] == TABLE_CHART) {
			strbuf_addc(out, '\n');
			chart(t, out);
		} else if (parts[i] == TABLE_DETAIL) {
			detail(t, out);
		} else {
			stats(t, out);
		}
	}
	return 0;
}
