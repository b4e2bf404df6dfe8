/* SPDX-License-Identifier: MIT */
/* render_text: the 标准体系表 for a terminal — a box-drawing tree for the chart and box-drawn
 * grids for the detail and statistics tables, aligned by display width (CJK = 2 columns) and
 * fitted to the available width by wrapping cells. Document text is shown with its control
 * and bidirectional formatting characters escaped (table_term_escape). */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "strbuf.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

/* A grid to draw: a heading row and body lines, each either cells or one spanning label. */
struct tline {
	const char *span;   /* non-NULL: a sub-heading across the whole width */
	int indent;	    /* span: depth of the sub-heading */
	const char **cells; /* otherwise one text per column */
};

struct tgrid {
	size_t ncols;
	const char **head;
	const bool *numeric; /* right-aligned */
	const bool *nowrap;  /* codes, numbers, dates: keep their width while the others can give */
	size_t title_col;    /* the column that keeps most room when space is short, or -1 */
	struct tline *lines;
	size_t nlines;
};

enum { MIN_FLEX = 6, TITLE_MIN = 16 };

/* Document text as the grid may show it: `s` itself, or an escaped copy in `a`. The escapes are
 * made before the layout, so that widths are measured on what is printed. */
static const char *safe(struct arena *a, const char *s)
{
	if (table_term_clean(s))
		return s;
	struct strbuf sb = STRBUF_INIT;
	table_term_escape(&sb, s);
	const char *r = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

/* The cells of a detail line, escaped where they need it (the model's array when none does). */
static const char **safe_cells(struct arena *a, const char **cells, size_t n)
{
	size_t c = 0;
	while (c < n && table_term_clean(cells[c]))
		c++;
	if (c == n)
		return cells;
	const char **v = arena_alloc(a, n * sizeof *v);
	for (c = 0; c < n; c++)
		v[c] = safe(a, cells[c]);
	return v;
}

static size_t max_line_width(const char *s)
{
	size_t best = 0, len;
	for (const char *p = s, *line; table_next_line(&p, &line, &len);)
		if (utf8_width(line, len) > best)
			best = utf8_width(line, len);
	return best;
}

/* Widest space-separated word of any line of s: the narrowest a no-wrap column can get. */
static size_t max_word_width(const char *s)
{
	size_t best = 0;
	while (*s) {
		size_t len = strcspn(s, " \n");
		size_t w = utf8_width(s, len);
		if (w > best)
			best = w;
		s += len;
		if (*s)
			s++;
	}
	return best;
}

/* Take `need` columns from the widths in `set`, each giving in proportion to what it has above
 * its floor (a wide note gives more than a narrow title). Returns what could not be taken. */
static size_t shrink(size_t *w, const size_t *floor, const bool *set, size_t n, size_t need)
{
	size_t slack = 0;
	for (size_t c = 0; c < n; c++)
		if (set[c] && w[c] > floor[c])
			slack += w[c] - floor[c];
	if (slack <= need) {
		for (size_t c = 0; c < n; c++)
			if (set[c] && w[c] > floor[c])
				w[c] = floor[c];
		return need - slack;
	}
	size_t taken = 0;
	for (size_t c = 0; c < n; c++)
		if (set[c] && w[c] > floor[c]) {
			size_t give = (w[c] - floor[c]) * need / slack;
			w[c] -= give;
			taken += give;
		}
	/* the rounding remainder, one column at a time from the left */
	for (size_t c = 0; taken < need; c = (c + 1) % n)
		if (set[c] && w[c] > floor[c])
			w[c]--, taken++;
	return 0;
}

/* Column widths, like a browser's automatic table layout but in stages: natural widths when
 * they fit; else the wrapping columns (titles, notes) give first, down to a floor that keeps a
 * title readable; then the no-wrap columns (codes, standard numbers, dates: a broken
 * "GB/T 1.1—20|20" misleads) give down to their widest word; then everything to MIN_FLEX. */
static void layout(const struct tgrid *g, size_t width, size_t *w)
{
	size_t n = g->ncols;
	size_t *nat = xcalloc(n, sizeof *nat), *floor = xcalloc(n, sizeof *floor);
	bool *flex = xcalloc(n, sizeof *flex), *fixed = xcalloc(n, sizeof *fixed);
	for (size_t c = 0; c < n; c++) {
		/* a heading may wrap onto two lines before it widens its column */
		size_t hw = max_line_width(g->head[c]);
		nat[c] = g->numeric[c] ? hw : (hw + 3) / 2;
		if (nat[c] < 2)
			nat[c] = 2;
		floor[c] = g->numeric[c] ? hw : 2;
	}
	for (size_t i = 0; i < g->nlines; i++)
		if (!g->lines[i].span)
			for (size_t c = 0; c < n; c++) {
				const char *cell = g->lines[i].cells[c];
				size_t cw = max_line_width(cell);
				if (cw > nat[c])
					nat[c] = cw;
				if (g->nowrap[c] && !g->numeric[c]) {
					size_t ww = max_word_width(cell);
					if (ww > floor[c])
						floor[c] = ww;
				}
			}
	size_t frame = 3 * n + 1, sum = 0;
	for (size_t c = 0; c < n; c++)
		sum += nat[c];
	memcpy(w, nat, n * sizeof *w);
	if (!width || sum + frame <= width)
		goto done;
	size_t avail = width > frame ? width - frame : 0;
	size_t need = sum - (sum < avail ? sum : avail);
	size_t *soft = xcalloc(n, sizeof *soft);
	for (size_t c = 0; c < n; c++) {
		flex[c] = !g->numeric[c] && !g->nowrap[c];
		fixed[c] = g->nowrap[c] && !g->numeric[c];
		soft[c] = flex[c] ? (nat[c] < MIN_FLEX ? nat[c] : MIN_FLEX) : nat[c];
	}
	/* the title keeps 8 CJK characters a line while the other text columns give */
	if (g->title_col < n && flex[g->title_col])
		soft[g->title_col] = nat[g->title_col] < TITLE_MIN ? nat[g->title_col] : TITLE_MIN;
	need = shrink(w, soft, flex, n, need);
	if (need)
		need = shrink(w, floor, fixed, n, need);
	if (need) {
		for (size_t c = 0; c < n; c++)
			soft[c] = flex[c] ? (floor[c] > MIN_FLEX ? floor[c] : MIN_FLEX) : floor[c];
		shrink(w, soft, flex, n, need);
	}
	free(soft);
done:
	free(nat);
	free(floor);
	free(flex);
	free(fixed);
}

/* Separator between two body lines: above/below are 1 for a spanning sub-heading, 2 for cells;
 * a junction points only towards the side that has column borders. */
static void sep(struct strbuf *out, const size_t *w, size_t n, int above, int below, bool dbl)
{
	const char *left = dbl ? "╞" : "├", *right = dbl ? "╡" : "┤", *fill = dbl ? "═" : "─";
	strbuf_adds(out, left);
	for (size_t c = 0; c < n; c++) {
		strbuf_addrep(out, fill, w[c] + 2);
		if (c + 1 < n)
			strbuf_adds(out, above == 2 && below == 2 ? (dbl ? "╪" : "┼")
					 : above == 2		  ? (dbl ? "╧" : "┴")
					 : below == 2		  ? (dbl ? "╤" : "┬")
								  : fill);
	}
	strbuf_adds(out, right);
	strbuf_addc(out, '\n');
}

static void edge(struct strbuf *out, const size_t *w, size_t n, bool top, bool cells)
{
	strbuf_adds(out, top ? "┌" : "└");
	for (size_t c = 0; c < n; c++) {
		strbuf_addrep(out, "─", w[c] + 2);
		if (c + 1 < n)
			strbuf_adds(out, !cells ? "─" : top ? "┬" : "┴");
	}
	strbuf_adds(out, top ? "┐" : "┘");
	strbuf_addc(out, '\n');
}

/* Split wrapped text (lines ending in '\n') into an array of pointers into `sb`: *v (malloc)
 * holds *cap of them and grows when they do not fit. */
static size_t split_lines(struct strbuf *sb, const char ***v, size_t *cap)
{
	size_t n = 0;
	for (size_t i = 0; i < sb->len; i++)
		n += sb->buf[i] == '\n';
	if (!*v || n > *cap) {
		*cap = n ? n : 1;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	size_t k = 0;
	char *p = sb->buf;
	for (size_t i = 0; i < sb->len; i++)
		if (sb->buf[i] == '\n') {
			sb->buf[i] = '\0';
			(*v)[k++] = p;
			p = sb->buf + i + 1;
		}
	return n;
}

/* `n` spaces, a chunk at a time rather than a byte at a time: padding is most of the output. */
static void add_spaces(struct strbuf *out, size_t n)
{
	static const char spaces[] =
	    "                                                                ";
	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		strbuf_add(out, spaces, k);
		n -= k;
	}
}

static void pad(struct strbuf *out, const char *s, size_t w, bool right)
{
	size_t len = strlen(s);
	size_t sw = utf8_width(s, len);
	size_t fill = w > sw ? w - sw : 0;
	if (right)
		add_spaces(out, fill);
	strbuf_add(out, s, len);
	if (!right)
		add_spaces(out, fill);
}

/* Wrapped text of every column of one line, kept from line to line so that a grid of 10,000
 * rows allocates per column, not per cell. */
struct cells_scratch {
	struct strbuf *sbs;
	const char ***lines;
	size_t *cap, *nl;
};

static void draw_cells(struct strbuf *out, const struct tgrid *g, const size_t *w,
		       const char *const *cells, struct cells_scratch *cs)
{
	size_t n = g->ncols, height = 1;
	for (size_t c = 0; c < n; c++) {
		strbuf_reset(&cs->sbs[c]);
		table_wrap(cells[c], w[c], &cs->sbs[c]);
		cs->nl[c] = split_lines(&cs->sbs[c], &cs->lines[c], &cs->cap[c]);
		if (cs->nl[c] > height)
			height = cs->nl[c];
	}
	for (size_t k = 0; k < height; k++) {
		strbuf_adds(out, "│");
		for (size_t c = 0; c < n; c++) {
			strbuf_addc(out, ' ');
			pad(out, k < cs->nl[c] ? cs->lines[c][k] : "", w[c], g->numeric[c]);
			strbuf_adds(out, " │");
		}
		strbuf_addc(out, '\n');
	}
}

static void draw_span(struct strbuf *out, const size_t *w, size_t n, const char *text, int indent)
{
	size_t inner = 0;
	for (size_t c = 0; c < n; c++)
		inner += w[c];
	inner += 3 * (n - 1);
	size_t ind = (size_t)indent * 2 < inner / 2 ? (size_t)indent * 2 : 0;
	struct strbuf sb = STRBUF_INIT;
	table_wrap(text, inner - ind, &sb);
	const char **lines = NULL;
	size_t cap = 0, nl = split_lines(&sb, &lines, &cap);
	for (size_t k = 0; k < nl; k++) {
		strbuf_adds(out, "│ ");
		add_spaces(out, ind);
		pad(out, lines[k], inner - ind, false);
		strbuf_adds(out, " │\n");
	}
	free(lines);
	strbuf_release(&sb);
}

static void draw_grid(struct strbuf *out, const struct tgrid *g, size_t width)
{
	size_t n = g->ncols;
	size_t *w = xcalloc(n, sizeof *w);
	struct cells_scratch cs = { xcalloc(n, sizeof *cs.sbs), xcalloc(n, sizeof *cs.lines),
				    xcalloc(n, sizeof *cs.cap), xcalloc(n, sizeof *cs.nl) };
	for (size_t c = 0; c < n; c++)
		strbuf_init(&cs.sbs[c]);
	layout(g, width, w);
	/* the single separators between body lines, by the kinds above and below (1 span, 2
	 * cells), drawn once: they are a third of the bytes */
	struct strbuf seps[2][2];
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++) {
			strbuf_init(&seps[a][b]);
			sep(&seps[a][b], w, n, a + 1, b + 1, false);
		}
	edge(out, w, n, true, true);
	draw_cells(out, g, w, g->head, &cs);
	int above = 2;
	for (size_t i = 0; i < g->nlines; i++) {
		int kind = g->lines[i].span ? 1 : 2;
		if (i == 0)
			sep(out, w, n, above, kind, true);
		else
			strbuf_add(out, seps[above - 1][kind - 1].buf,
				   seps[above - 1][kind - 1].len);
		if (g->lines[i].span)
			draw_span(out, w, n, g->lines[i].span, g->lines[i].indent);
		else
			draw_cells(out, g, w, g->lines[i].cells, &cs);
		above = kind;
	}
	edge(out, w, n, false, above == 2);
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++)
			strbuf_release(&seps[a][b]);
	for (size_t c = 0; c < n; c++) {
		free(cs.lines[c]);
		strbuf_release(&cs.sbs[c]);
	}
	free(cs.sbs);
	free(cs.lines);
	free(cs.cap);
	free(cs.nl);
	free(w);
}

static void title(struct strbuf *out, const char *s)
{
	strbuf_adds(out, s);
	strbuf_addc(out, '\n');
	strbuf_addrep(out, "═", utf8_width(s, strlen(s)));
	strbuf_addc(out, '\n');
}

static void chart(const struct table *t, struct strbuf *out)
{
	const struct table_chart *ch = &t->chart;
	struct strbuf sb = STRBUF_INIT;
	table_term_escape(out, ch->title);
	if (t->counts)
		strbuf_addf(out, t->zh ? "（%zu）" : " (%zu)", t->nrows);
	strbuf_addc(out, '\n');
	/* last[d]: the box at depth d is the last of its siblings (decides "└──" and "│   ") */
	bool last[64] = { false };
	for (size_t i = 0; i < ch->n; i++) {
		const struct table_chart_node *nd = &ch->nodes[i];
		const struct category *c = nd->cat;
		const struct category *p = c->parent;
		size_t nsib = p ? p->nchildren : t->sys->ncategories;
		const struct category *sibs = p ? p->children : t->sys->categories;
		int d = c->depth < 63 ? c->depth : 63;
		last[d] = c == &sibs[nsib - 1];
		for (int k = 0; k < d; k++)
			strbuf_adds(out, last[k] ? "    " : "│   ");
		strbuf_adds(out, last[d] ? "└── " : "├── ");
		table_chart_box_text(t, nd, &sb);
		table_term_escape(out, sb.buf);
		strbuf_reset(&sb);
		if (c->vacant.v)
			strbuf_addf(out, t->zh ? "［%s］" : " [%s]", table_vacant_word(t));
		strbuf_addc(out, '\n');
	}
	strbuf_release(&sb);
}

static void detail(const struct table *t, struct strbuf *out, size_t width, struct arena *a)
{
	const struct table_detail *d = &t->detail;
	struct tgrid g = { d->ncols, NULL, NULL, NULL, (size_t)-1, NULL, 0 };
	const char **head = xmalloc(d->ncols * sizeof *head);
	bool *num = xmalloc(d->ncols * sizeof *num);
	bool *nowrap = xmalloc(d->ncols * sizeof *nowrap);
	for (size_t c = 0; c < d->ncols; c++) {
		enum table_col id = d->cols[c].id;
		head[c] = d->cols[c].heading;
		num[c] = d->cols[c].numeric;
		nowrap[c] = id == TCOL_SEQ || id == TCOL_CODE || id == TCOL_NUMBER ||
			    id == TCOL_LEVEL || id == TCOL_PUBLISHED || id == TCOL_EFFECTIVE ||
			    id == TCOL_WITHDRAWN || id == TCOL_REVIEWED || id == TCOL_STATUS ||
			    id == TCOL_TYPE || id == TCOL_ACTION;
	}
	g.head = head;
	g.numeric = num;
	g.nowrap = nowrap;
	g.title_col = (size_t)-1;
	for (size_t c = 0; c < d->ncols; c++)
		if (d->cols[c].id == TCOL_TITLE)
			g.title_col = c;
	g.lines = xcalloc(d->nlines ? d->nlines : 1, sizeof *g.lines);
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		struct tline *tl = &g.lines[g.nlines++];
		if (l->kind == TABLE_LINE_GROUP) {
			tl->span = safe(a, l->label);
			tl->indent = l->depth;
		} else {
			tl->cells = safe_cells(a, l->cells, d->ncols);
		}
	}
	draw_grid(out, &g, width);
	free(head);
	free(num);
	free(nowrap);
	free(g.lines);
}

static void stats(const struct table *t, struct strbuf *out, size_t width, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *sg = &t->grids[k];
		if (k)
			strbuf_addc(out, '\n');
		strbuf_adds(out, sg->title);
		strbuf_addc(out, '\n');
		size_t n = sg->ncols + 1;
		const char **head = xmalloc(n * sizeof *head);
		bool *num = xmalloc(n * sizeof *num);
		head[0] = t->zh ? "统计项" : "Item";
		num[0] = false;
		for (size_t c = 0; c < sg->ncols; c++) {
			head[c + 1] = sg->cols[c].heading;
			num[c + 1] = true;
		}
		/* numbers never wrap; only the label column can give */
		struct tgrid g = {
			n,	  head, num,
			num,	  0,	xcalloc(sg->nrows ? sg->nrows : 1, sizeof(struct tline)),
			sg->nrows
		};
		/* the numbers are formatted into one buffer first; pointers are taken afterwards so
		 * a reallocation cannot leave them dangling */
		size_t *off = xmalloc(sg->nrows * n * sizeof *off);
		for (size_t r = 0; r < sg->nrows; r++)
			for (size_t c = 0; c < sg->ncols; c++) {
				off[r * n + c + 1] = sb.len;
				if (sg->cols[c].kind == TABLE_STAT_PERCENT)
					table_percent(sg->rows[r].v[c], &sb);
				else
					strbuf_addf(&sb, "%ld", sg->rows[r].v[c]);
				strbuf_addc(&sb, '\0');
			}
		const char **cells = xmalloc(sg->nrows * n * sizeof *cells);
		for (size_t r = 0; r < sg->nrows; r++) {
			cells[r * n] = safe(a, sg->rows[r].label);
			for (size_t c = 1; c < n; c++)
				cells[r * n + c] = sb.buf + off[r * n + c];
			g.lines[r].cells = &cells[r * n];
		}
		draw_grid(out, &g, width);
		strbuf_reset(&sb);
		free(off);
		free(cells);
		free(g.lines);
		free(head);
		free(num);
	}
	strbuf_release(&sb);
}

int render_text(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	unsigned parts[3];
	size_t n = table_parts_in_order(o->parts, parts);
	struct arena *a = arena_new();
	if (o->parts == TABLE_ALL) {
		struct strbuf sb = STRBUF_INIT;
		char date[11];
		table_doc_title(t, &sb);
		table_date_str(&t->as_of, date);
		table_term_escape(out, sb.buf);
		strbuf_addc(out, '\n');
		strbuf_addf(out, t->zh ? "（状态截至 %s）\n" : "(statuses as of %s)\n", date);
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0 || o->parts == TABLE_ALL)
			strbuf_addc(out, '\n');
		title(out, table_part_title(t, parts[i]));
		if (parts[i] == TABLE_CHART)
			chart(t, out);
		else if (parts[i] == TABLE_DETAIL)
			detail(t, out, o->width, a);
		else
			stats(t, out, o->width, a);
	}
	arena_free(a);
	return 0;
}
