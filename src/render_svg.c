/* SPDX-License-Identifier: MIT */
/* render_svg: the 标准体系结构图 as a standalone SVG (and the inline SVG of the HTML page).
 *
 * Layout (docs/table.md, "The structure chart"): the system box on top, the top-level blocks
 * side by side below it in input order (never re-sorted by code), and under each block its
 * sub-categories as a vertical stack of boxes hanging from a spine, indented by depth. A block
 * with more than MAX_PER_COL boxes continues in further columns of its lane ("snaking"), so 300+
 * leaves grow the chart sideways in readable columns instead of shrinking the text; titles wrap
 * inside fixed-width boxes. The HTML page splits a chart wider than HTML_MAX_LANES columns into an
 * overview plus one chart per block (render_html.c). Text widths are estimated from display
 * columns (a CJK character is one em), so no font metrics are needed and output is stable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

enum {
	MARGIN = 24,
	BOX_W = 212, /* sub-category and block boxes */
	ROOT_W = 360,
	COL_W = 256, /* one column of a lane: spine, indent room, box, gap */
	LANE_GAP = 28,
	SPINE_DX = 10, /* spine x inside a column */
	BOX_DX = 24,   /* box x inside a column */
	INDENT = 16,   /* per depth below 1 */
	ENTRY_GAP = 8,
	PAD_X = 8,
	PAD_Y = 6,
	FONT = 14,
	FONT_BLOCK = 15,
	FONT_ROOT = 18,
	MAX_PER_COL = 20,
};

static const char font_stack[] = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', "
				 "'PingFang SC', 'SimSun', sans-serif";

/* Display columns that fit `px` at font size `fs`: a CJK character (two columns) is 1 em, so a
 * column is half an em; Latin letters and digits of a CJK font are at most that wide. */
static size_t cols_for(int px, int fs)
{
	int c = px * 2 / fs;
	return c > 2 ? (size_t)c : 2;
}

static int line_h(int fs)
{
	return fs * 4 / 3 + 1;
}

/* The text of a box wrapped between its words — code, title, count, vacant marker — for a box
 * `w` px wide at font size fs, into `lines` (one '\n' after each); returns the number of lines.
 * Each word stays whole on a line where it fits (a fixed-width wrap once printed "（空" / "缺）");
 * only a word longer than a line, a long title, is broken inside, by table_wrap's rules.
 * `nd` NULL is the system's box. */
static size_t box_lines(const struct table *t, const struct table_chart_node *nd, int w, int fs,
			struct strbuf *lines)
{
	char count[48] = "";
	if (t->counts)
		snprintf(count, sizeof count, t->zh ? "（%zu）" : "(%zu)",
			 nd ? nd->total : t->nrows);
	char vacant[32] = "";
	if (nd && nd->cat->vacant.v)
		snprintf(vacant, sizeof vacant, t->zh ? "（%s）" : "(%s)", table_vacant_word(t));
	const char *words[4] = { "", t->chart.title, count, vacant };
	if (nd) {
		words[0] = nd->cat->code.s ? nd->cat->code.s : "";
		words[1] = nd->cat->title.s ? nd->cat->title.s : "";
	}
	/* full-width brackets need no space before them */
	const char *seps[4] = { "", " ", t->zh ? "" : " ", t->zh ? "" : " " };
	size_t cols = cols_for(w - 2 * PAD_X, fs), n = 0;
	struct strbuf cur = STRBUF_INIT, tmp = STRBUF_INIT;
	strbuf_reset(lines);
	for (size_t i = 0; i < 4; i++) {
		if (!*words[i])
			continue;
		const char *sep = cur.len ? seps[i] : "";
		size_t ww = utf8_width(words[i], strlen(words[i]));
		if (utf8_width(cur.buf, cur.len) + utf8_width(sep, strlen(sep)) + ww > cols &&
		    ww <= cols && cur.len) {
			strbuf_add(lines, cur.buf, cur.len);
			strbuf_addc(lines, '\n');
			n++;
			strbuf_reset(&cur);
			sep = "";
		}
		strbuf_adds(&cur, sep);
		strbuf_adds(&cur, words[i]);
		if (utf8_width(cur.buf, cur.len) <= cols)
			continue;
		/* a word longer than a line: every wrapped line but the last is final */
		strbuf_reset(&tmp);
		n += table_wrap(cur.buf, cols, &tmp) - 1;
		strbuf_setlen(&tmp, tmp.len - 1);
		const char *last = strrchr(tmp.buf, '\n');
		last = last ? last + 1 : tmp.buf;
		strbuf_add(lines, tmp.buf, (size_t)(last - tmp.buf));
		strbuf_reset(&cur);
		strbuf_adds(&cur, last);
	}
	if (cur.len || !n) {
		strbuf_add(lines, cur.buf, cur.len);
		strbuf_addc(lines, '\n');
		n++;
	}
	strbuf_release(&cur);
	strbuf_release(&tmp);
	return n;
}

static int box_h(size_t lines, int fs)
{
	return (int)lines * line_h(fs) + 2 * PAD_Y;
}

/* Text lines (from wrap) as tspans; anchor "start" at x or "middle" at x. */
static void text_block(struct strbuf *out, const struct strbuf *lines, int x, int y, int fs,
		       bool middle, bool bold, const char *fill)
{
	strbuf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s%s fill=\"%s\">", x, y, fs,
		    middle ? " text-anchor=\"middle\"" : "", bold ? " font-weight=\"bold\"" : "",
		    fill);
	const char *p = lines->buf;
	bool first = true;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		strbuf_addf(out, "<tspan x=\"%d\" dy=\"%d\">", x, first ? fs : line_h(fs));
		table_xml_escape(out, line);
		strbuf_adds(out, "</tspan>");
		free(line);
		first = false;
		p += len + (nl ? 1 : 0);
	}
	strbuf_adds(out, "</text>\n");
}

static void line(struct strbuf *out, int x1, int y1, int x2, int y2)
{
	strbuf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x1, y1, x2, y2);
}

/* The boxes of one block's lane, below the block: pre-order descendants up to depth_limit. */
struct lane {
	size_t block;	   /* pre-order index of the block */
	size_t first, end; /* its descendants: pre-order indexes [first, end) */
	size_t nshown;	   /* descendants within the depth limit */
	size_t ncols;
	int x, w;
};

static bool shown(const struct table *t, size_t i, int depth_limit)
{
	return depth_limit < 0 || t->chart.nodes[i].cat->depth <= depth_limit;
}

static size_t lane_cols(size_t nshown)
{
	return nshown ? (nshown + MAX_PER_COL - 1) / MAX_PER_COL : 0;
}

size_t render_svg_lanes(const struct table *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->chart.n; i++)
		if (t->chart.nodes[i].cat->depth == 0) {
			size_t c = lane_cols(t->chart.nodes[i].nextent);
			n += c ? c : 1;
		}
	return n;
}

void render_svg_chart(const struct table *t, struct strbuf *out, size_t block, int depth_limit,
		      bool standalone)
{
	const struct table_chart *ch = &t->chart;
	struct strbuf sb = STRBUF_INIT, body = STRBUF_INIT, lines = STRBUF_INIT;
	struct lane *lanes = xcalloc(ch->n ? ch->n : 1, sizeof *lanes);
	size_t nl = 0;
	for (size_t i = 0; i < ch->n; i++) {
		if (ch->nodes[i].cat->depth != 0 || (block != (size_t)-1 && i != block))
			continue;
		struct lane *l = &lanes[nl++];
		l->block = i;
		l->first = i + 1;
		l->end = i + 1 + ch->nodes[i].nextent;
		for (size_t k = l->first; k < l->end; k++)
			l->nshown += shown(t, k, depth_limit);
		l->ncols = lane_cols(l->nshown);
	}
	/* horizontal placement */
	int x = MARGIN;
	for (size_t k = 0; k < nl; k++) {
		lanes[k].x = x;
		lanes[k].w =
		    lanes[k].ncols ? (int)lanes[k].ncols * COL_W - (COL_W - BOX_W - BOX_DX) : BOX_W;
		if (lanes[k].w < BOX_W)
			lanes[k].w = BOX_W;
		x += lanes[k].w + LANE_GAP;
	}
	int width = nl ? x - LANE_GAP + MARGIN : 2 * MARGIN + ROOT_W;
	bool root = block == (size_t)-1;
	if (root && width < ROOT_W + 2 * MARGIN)
		width = ROOT_W + 2 * MARGIN;
	int y = MARGIN;
	/* the system box */
	if (root) {
		size_t n = box_lines(t, NULL, ROOT_W, FONT_ROOT, &lines);
		int h = box_h(n, FONT_ROOT), rx = (width - ROOT_W) / 2;
		strbuf_addf(&body,
			    "<rect class=\"root\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "rx=\"4\"/>\n",
			    rx, y, ROOT_W, h);
		text_block(&body, &lines, width / 2, y + PAD_Y - 2, FONT_ROOT, true, true,
			   "#ffffff");
		y += h;
		if (nl) {
			int bus = y + 18;
			int c0 = lanes[0].x + lanes[0].w / 2,
			    c1 = lanes[nl - 1].x + lanes[nl - 1].w / 2;
			strbuf_adds(&body, "<g class=\"wire\">\n");
			line(&body, width / 2, y, width / 2, bus);
			/* the bus reaches the system's line too: one narrow block sits left of it
			 */
			int from = c0 < width / 2 ? c0 : width / 2,
			    to = c1 > width / 2 ? c1 : width / 2;
			if (to > from)
				line(&body, from, bus, to, bus);
			for (size_t k = 0; k < nl; k++)
				line(&body, lanes[k].x + lanes[k].w / 2, bus,
				     lanes[k].x + lanes[k].w / 2, bus + 18);
			strbuf_adds(&body, "</g>\n");
			y = bus + 18;
		}
	}
	/* block boxes share one height so the row reads as a row */
	int bh = 0;
	for (size_t k = 0; k < nl; k++) {
		int h = box_h(box_lines(t, &ch->nodes[lanes[k].block], BOX_W, FONT_BLOCK, &lines),
			      FONT_BLOCK);
		if (h > bh)
			bh = h;
	}
	int bottom = y + bh;
	for (size_t k = 0; k < nl; k++) {
		const struct lane *l = &lanes[k];
		const struct table_chart_node *bn = &ch->nodes[l->block];
		int bx = l->x + (l->w - BOX_W) / 2;
		size_t n = box_lines(t, bn, BOX_W, FONT_BLOCK, &lines);
		strbuf_addf(&body,
			    "<rect class=\"block\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "rx=\"3\"/>\n",
			    bx, y, BOX_W, bh);
		text_block(&body, &lines, bx + BOX_W / 2,
			   y + (bh - box_h(n, FONT_BLOCK)) / 2 + PAD_Y - 2, FONT_BLOCK, true, true,
			   "#0b2a4a");
		if (!l->nshown)
			continue;
		/* descendants: snake through ncols columns, balanced */
		size_t per = (l->nshown + l->ncols - 1) / l->ncols;
		int sub = y + bh + 14, top = sub + 14;
		int spine_first = l->x + SPINE_DX, spine_last = spine_first;
		size_t col = 0, incol = 0;
		int ey = top, last_mid = top;
		strbuf_adds(&body, "<g class=\"wire\">\n");
		line(&body, bx + BOX_W / 2, y + bh, bx + BOX_W / 2, sub);
		struct strbuf boxes = STRBUF_INIT;
		for (size_t i = l->first; i < l->end; i++) {
			if (!shown(t, i, depth_limit))
				continue;
			if (incol == per) {
				/* close this column's spine and start the next */
				int sx = l->x + (int)col * COL_W + SPINE_DX;
				line(&body, sx, sub, sx, last_mid);
				col++, incol = 0, ey = top;
			}
			const struct table_chart_node *nd = &ch->nodes[i];
			int cx = l->x + (int)col * COL_W;
			int ind = (nd->cat->depth - 1) * INDENT;
			if (ind > BOX_W / 2)
				ind = BOX_W / 2;
			int w = BOX_W - ind, ex = cx + BOX_DX + ind;
			n = box_lines(t, nd, w, FONT, &lines);
			int h = box_h(n, FONT);
			strbuf_addf(&boxes,
				    "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" "
				    "height=\"%d\" rx=\"2\"/>\n",
				    nd->cat->vacant.v ? "leaf vacant" : "leaf", ex, ey, w, h);
			text_block(&boxes, &lines, ex + PAD_X, ey + PAD_Y - 2, FONT, false, false,
				   nd->cat->vacant.v ? "#777777" : "#1a1a1a");
			last_mid = ey + h / 2;
			line(&body, cx + SPINE_DX, last_mid, ex, last_mid);
			spine_last = cx + SPINE_DX;
			ey += h + ENTRY_GAP;
			if (ey > bottom)
				bottom = ey;
			incol++;
		}
		line(&body, spine_last, sub, spine_last, last_mid);
		int cmid = bx + BOX_W / 2;
		int from = spine_first < cmid ? spine_first : cmid;
		int to = spine_last > cmid ? spine_last : cmid;
		if (to > from)
			line(&body, from, sub, to, sub);
		strbuf_adds(&body, "</g>\n");
		strbuf_add(&body, boxes.buf, boxes.len);
		strbuf_release(&boxes);
	}
	int height = bottom + MARGIN;
	if (standalone)
		strbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_addf(out,
		    "<svg%s width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"%s\" "
		    "role=\"img\">\n",
		    standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "", width, height, width,
		    height, font_stack);
	strbuf_adds(out, "<title>");
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s — %s", ch->title, table_part_title(t, TABLE_CHART));
	if (block != (size_t)-1 && block < ch->n)
		strbuf_addf(&sb, " — %s", ch->nodes[block].label);
	table_xml_escape(out, sb.buf);
	strbuf_adds(out, "</title>\n");
	strbuf_adds(out, "<style>\n"
			 ".root{fill:#1f4e79;stroke:#1f4e79}\n"
			 ".block{fill:#dbe8f5;stroke:#1f4e79;stroke-width:1.5}\n"
			 ".leaf{fill:#ffffff;stroke:#5b7fa6}\n"
			 ".vacant{stroke-dasharray:4 3;fill:#f4f4f4}\n"
			 ".wire line{stroke:#5b7fa6;stroke-width:1.2}\n"
			 "</style>\n");
	strbuf_addf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		    width, height);
	strbuf_add(out, body.buf, body.len);
	strbuf_adds(out, "</svg>\n");
	strbuf_release(&sb);
	strbuf_release(&body);
	strbuf_release(&lines);
	free(lanes);
}

int render_svg(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	render_svg_chart(t, out, (size_t)-1, -1, true);
	return 0;
}
