/* SPDX-License-Identifier: MIT */
/* doc_layout: a standard's typed model turned into the parts and blocks of its published form
 * (GB/T 1.1—2020), every generated number and label made here once for all renderers, and the
 * registry of those renderers (docs/render.md has the rules and their sources). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc_layout.h"
#include "stdno.h"
#include "strbuf.h"
#include "xalloc.h"

const struct doc_renderer doc_renderers[] = {
	{ "html", "html", false, render_doc_html },
	{ "pdf", "pdf", true, render_doc_pdf },
	{ "docx", "docx", true, render_doc_docx },
	{ NULL, NULL, false, NULL },
};

const struct doc_renderer *doc_renderer_find(const char *name)
{
	for (const struct doc_renderer *r = doc_renderers; r->name; r++)
		if (strcmp(r->name, name) == 0)
			return r;
	return NULL;
}

/* ---- text runs ---- */

static bool ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

void doc_layout_text(struct arena *a, const char *s, struct doc_text *out)
{
	size_t len = s ? strlen(s) : 0;
	out->s = arena_strndup(a, s ? s : "", len);
	out->runs = NULL;
	out->nruns = 0;
	/* two passes: count, then fill, so the runs are one arena array */
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0, plain = 0;
		for (size_t i = 0; i < len;) {
			unsigned char c = (unsigned char)s[i];
			size_t m = 0;
			struct stdno no;
			/* a number starts with a Latin capital (GB, Q/, T/, ISO …) not glued to a
			 * word */
			if (c >= 'A' && c <= 'Z' &&
			    (i == 0 || !ascii_alnum((unsigned char)s[i - 1])))
				m = stdno_scan(s + i, len - i, &no);
			if (!m) {
				i++;
				continue;
			}
			if (i > plain) {
				if (pass)
					out->runs[n] = (struct doc_run){ out->s + plain, i - plain,
									 DOC_RUN_PLAIN };
				n++;
			}
			if (pass)
				out->runs[n] = (struct doc_run){ out->s + i, m, DOC_RUN_NOBREAK };
			n++;
			i += m;
			plain = i;
		}
		if (len > plain || n == 0) {
			if (pass)
				out->runs[n] =
				    (struct doc_run){ out->s + plain, len - plain, DOC_RUN_PLAIN };
			n++;
		}
		if (!pass)
			out->runs = arena_alloc(a, n * sizeof *out->runs);
		out->nruns = n;
	}
}

/* ---- building ---- */

struct builder {
	struct doc_layout *l;
	struct arena *a;
	struct doc_block *v; /* the part being built (malloc'd, moved to the arena at its end) */
	size_t n, cap;
	size_t anchors;
	const char *old_year; /* "2018年版" for the change list, or NULL */
};

static struct doc_block *push(struct builder *b, enum doc_block_kind kind)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
	struct doc_block *blk = &b->v[b->n++];
	memset(blk, 0, sizeof *blk);
	blk->kind = kind;
	return blk;
}

static const char *dup(struct builder *b, const char *s)
{
	return s ? arena_strdup(b->a, s) : NULL;
}

static const char *new_anchor(struct builder *b)
{
	return arena_printf(b->a, "z%zu", ++b->anchors);
}

static struct doc_part *begin_part(struct builder *b, enum doc_part_kind kind,
				   enum doc_page_style pages, bool new_page)
{
	struct doc_part *p = &b->l->parts[b->l->nparts++];
	p->kind = kind;
	p->pages = pages;
	p->new_page = new_page;
	b->n = 0;
	return p;
}

static void end_part(struct builder *b, struct doc_part *p)
{
	p->nblocks = b->n;
	p->blocks = b->n ? arena_memdup(b->a, b->v, b->n, sizeof *b->v) : NULL;
	b->n = 0;
}

/* GB/T 1.1—2020 (注, 示例): one note in a clause is 注, several are 注1, 注2 …; so are 示例. */
static const char *seq_label(struct builder *b, const char *word, size_t i, size_t total)
{
	return total > 1 ? arena_printf(b->a, "%s%zu：", word, i + 1)
			 : arena_printf(b->a, "%s：", word);
}

/* The notes of a table or (entry) a term with their labels; returns how many. */
static size_t make_notes(struct builder *b, const struct textlist *src, bool entry,
			 struct doc_text **notes, const char ***labels)
{
	size_t n = src->n;
	if (!n)
		return 0;
	*notes = arena_alloc(b->a, n * sizeof **notes);
	*labels = arena_alloc(b->a, n * sizeof **labels);
	for (size_t i = 0; i < n; i++) {
		doc_layout_text(b->a, src->v[i].s, &(*notes)[i]);
		/* GB/T 1.1—2020 (术语条目): notes to an entry are 注1到条目, numbered even
		 * alone */
		(*labels)[i] =
		    entry ? arena_printf(b->a, "注%zu到条目：", i + 1) : seq_label(b, "注", i, n);
	}
	return n;
}

static const char *list_marker(struct builder *b, int style, size_t i)
{
	switch (style) {
	case LIST_LETTER:
		if (i < 26)
			return arena_printf(b->a, "%c）", (char)('a' + i));
		return arena_printf(b->a, "%c%c）", (char)('a' + i / 26 - 1), (char)('a' + i % 26));
	case LIST_NUMBER:
		return arena_printf(b->a, "%zu）", i + 1);
	case LIST_DOT:
		return "·";
	default:
		return "——";
	}
}

static void add_list(struct builder *b, const struct list *li, int depth)
{
	for (size_t i = 0; i < li->nitems; i++) {
		struct doc_block *blk = push(b, DOC_LIST_ITEM);
		blk->level = depth;
		blk->label = list_marker(b, li->style.v, i);
		doc_layout_text(b->a, li->items[i].text.s, &blk->text);
		for (size_t k = 0; k < li->items[i].paras.n; k++) {
			struct doc_block *pb = push(b, DOC_LIST_PARA);
			pb->level = depth;
			doc_layout_text(b->a, li->items[i].paras.v[k].s, &pb->text);
		}
		if (li->items[i].sub)
			add_list(b, li->items[i].sub, depth + 1);
	}
}

/* The widest a grid grows from spans beyond what a page holds: a span past it (check reports
 * num-table-span) is cut at the grid's edge, never its text. */
enum { GRID_MAX = 200 };

static size_t span(const struct cellrow *row, size_t k, bool col)
{
	if (!row->cells)
		return 1;
	const struct intval *iv = col ? &row->cells[k].colspan : &row->cells[k].rowspan;
	return iv->set && iv->v > 1 ? (size_t)iv->v : 1;
}

/* "a" or "a,b": the footnote letters a cell cites. */
static const char *cell_marks(struct builder *b, const struct cellrow *row, size_t k)
{
	if (!row->cells || !row->cells[k].marks.n)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	const struct textlist *m = &row->cells[k].marks;
	for (size_t i = 0; i < m->n; i++) {
		if (sb.len)
			strbuf_addc(&sb, ',');
		strbuf_adds(&sb, m->v[i].s ? m->v[i].s : "");
	}
	const char *s = arena_strndup(b->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

/* Where one cell as written goes on the grid, and what it covers there. */
struct spot {
	size_t col, cs, rs;
};

/* Place the cells of one section (head or body) as check_table does: each cell at the first
 * column no cell above covers. A span is cut where it would run into a covered slot, past the
 * section's last row or past `limit` (check reports num-table-span), so that no cell hides
 * another's text. spots[r][k] is where cell k of row r goes; returns the section's width. */
static size_t place(const struct cellrows *cr, size_t limit, struct spot **spots)
{
	size_t cap = limit + 1;
	size_t *busy = xcalloc(cap, sizeof *busy); /* row up to which a column is covered */
	size_t width = 0;
	for (size_t r = 0; r < cr->n; r++) {
		const struct cellrow *row = &cr->v[r];
		spots[r] = xcalloc(row->n ? row->n : 1, sizeof **spots);
		size_t col = 0;
		for (size_t k = 0; k < row->n; k++) {
			while (col < cap && busy[col] > r)
				col++;
			if (col >=
			    cap) { /* a row past the limit: its cells still each get a slot */
				busy = xrealloc(busy, 2 * cap * sizeof *busy);
				memset(busy + cap, 0, cap * sizeof *busy);
				cap *= 2;
			}
			size_t want = span(row, k, true), rs = span(row, k, false), cs = 1;
			while (cs < want && col + cs < limit && busy[col + cs] <= r)
				cs++;
			if (r + rs > cr->n)
				rs = cr->n - r;
			spots[r][k] = (struct spot){ col, cs, rs };
			for (size_t j = col; j < col + cs; j++)
				busy[j] = r + rs;
			col += cs;
			if (col > width)
				width = col;
		}
	}
	free(busy);
	return width;
}

static struct doc_cell **make_grid(struct builder *b, const struct cellrows *cr, size_t w,
				   struct spot **spots)
{
	struct doc_cell **g = arena_alloc(b->a, (cr->n ? cr->n : 1) * sizeof *g);
	for (size_t r = 0; r < cr->n; r++) {
		g[r] = arena_alloc(b->a, w * sizeof **g);
		memset(g[r], 0, w * sizeof **g); /* colspan 0: a slot no cell took yet */
	}
	for (size_t r = 0; r < cr->n; r++) {
		const struct cellrow *row = &cr->v[r];
		for (size_t k = 0; k < row->n; k++) {
			const struct spot *sp = &spots[r][k];
			struct doc_cell *ce = &g[r][sp->col];
			ce->kind = DOC_CELL_TEXT;
			ce->colspan = sp->cs;
			ce->rowspan = sp->rs;
			doc_layout_text(b->a, row->v[k].s ? row->v[k].s : "", &ce->text);
			ce->marks = cell_marks(b, row, k);
			for (size_t i = 0; i < sp->rs; i++)
				for (size_t j = 0; j < sp->cs; j++)
					if (i || j)
						g[r + i][sp->col + j] = (struct doc_cell){
							.kind = j ? DOC_CELL_LEFT : DOC_CELL_ABOVE,
							.colspan = sp->cs,
							.last_row = i + 1 == sp->rs,
						};
		}
	}
	/* slots no cell took: the empty cells of a short row */
	for (size_t r = 0; r < cr->n; r++)
		for (size_t c = 0; c < w; c++)
			if (g[r][c].kind == DOC_CELL_TEXT && !g[r][c].colspan) {
				g[r][c].colspan = g[r][c].rowspan = 1;
				doc_layout_text(b->a, "", &g[r][c].text);
			}
	return g;
}

static struct doc_table *make_table(struct builder *b, const struct block *bl)
{
	struct doc_table *t = arena_alloc(b->a, sizeof *t);
	memset(t, 0, sizeof *t);
	const char *num = bl->num.s ? bl->num.s : "";
	t->continued = bl->continued.set && bl->continued.v;
	/* 表N（续） (domain-rules NUM-015): the number, the title when the source repeats it (GB/T
	 * 1.1: 表题可省略), and （续） */
	bool titled = bl->title.s && *bl->title.s;
	if (titled)
		t->caption = arena_printf(b->a, "表%s　%s%s", num, bl->title.s,
					  t->continued ? "（续）" : "");
	else
		t->caption = arena_printf(b->a, "表%s%s", num, t->continued ? "（续）" : "");
	const struct cellrows *src[2] = { &bl->head, &bl->rows };
	size_t maxcells = 1;
	for (int k = 0; k < 2; k++)
		for (size_t r = 0; r < src[k]->n; r++)
			if (src[k]->v[r].n > maxcells)
				maxcells = src[k]->v[r].n;
	size_t limit = maxcells > GRID_MAX ? maxcells : GRID_MAX;
	struct spot **spots[2];
	size_t w = 1;
	for (int k = 0; k < 2; k++) {
		spots[k] = xcalloc(src[k]->n ? src[k]->n : 1, sizeof *spots[k]);
		size_t sw = place(src[k], limit, spots[k]);
		if (sw > w)
			w = sw;
	}
	t->ncols = w;
	t->head = make_grid(b, &bl->head, w, spots[0]);
	t->nhead = bl->head.n;
	t->rows = make_grid(b, &bl->rows, w, spots[1]);
	t->nrows = bl->rows.n;
	for (int k = 0; k < 2; k++) {
		for (size_t r = 0; r < src[k]->n; r++)
			free(spots[k][r]);
		free(spots[k]);
	}
	t->nnotes = make_notes(b, &bl->notes, false, &t->notes, &t->note_labels);
	t->nfootnotes = bl->nfootnotes;
	if (t->nfootnotes) {
		t->footnotes = arena_alloc(b->a, t->nfootnotes * sizeof *t->footnotes);
		t->footnote_marks = arena_alloc(b->a, t->nfootnotes * sizeof *t->footnote_marks);
		for (size_t i = 0; i < t->nfootnotes; i++) {
			doc_layout_text(b->a, bl->footnotes[i].text.s, &t->footnotes[i]);
			t->footnote_marks[i] =
			    dup(b, bl->footnotes[i].mark.s ? bl->footnotes[i].mark.s : "");
		}
	}
	return t;
}

/* The blocks of one body; `lead` is the number of an untitled 条 whose first paragraph it
 * opens. */
static void add_body(struct builder *b, const struct body *body, const char *lead)
{
	size_t nnotes = 0, nexamples = 0, inote = 0, iexample = 0;
	for (size_t i = 0; i < body->n; i++) {
		nnotes += body->v[i].kind == BLOCK_NOTE;
		nexamples += body->v[i].kind == BLOCK_EXAMPLE;
	}
	for (size_t i = 0; i < body->n; i++) {
		const struct block *bl = &body->v[i];
		struct doc_block *blk;
		switch (bl->kind) {
		case BLOCK_P:
			blk = push(b, DOC_PARA);
			if (i == 0 && lead)
				blk->label = lead;
			doc_layout_text(b->a, bl->text.s, &blk->text);
			break;
		case BLOCK_LIST:
			if (bl->list)
				add_list(b, bl->list, 0);
			break;
		case BLOCK_TABLE:
			blk = push(b, DOC_TABLE);
			blk->table = make_table(b, bl);
			break;
		case BLOCK_FIGURE:
			blk = push(b, DOC_FIGURE);
			blk->title = bl->title.s && *bl->title.s
					 ? arena_printf(b->a, "图%s　%s", bl->num.s, bl->title.s)
					 : arena_printf(b->a, "图%s", bl->num.s);
			blk->src = dup(b, bl->src.s);
			blk->loc = bl->src.s ? bl->src.loc : bl->loc;
			b->l->nfigures++;
			break;
		case BLOCK_FORMULA:
			blk = push(b, DOC_FORMULA);
			blk->num = arena_printf(b->a, "（%s）", bl->num.s);
			doc_layout_text(b->a, bl->text.s, &blk->text);
			break;
		case BLOCK_NOTE:
			blk = push(b, DOC_NOTE);
			blk->label = seq_label(b, "注", inote++, nnotes);
			doc_layout_text(b->a, bl->text.s, &blk->text);
			break;
		case BLOCK_EXAMPLE:
			blk = push(b, DOC_EXAMPLE);
			blk->label = seq_label(b, "示例", iexample++, nexamples);
			doc_layout_text(b->a, bl->text.s, &blk->text);
			break;
		}
	}
}

static void add_refs(struct builder *b, const struct refentry *r, size_t n, bool numbered)
{
	for (size_t i = 0; i < n; i++) {
		struct doc_block *blk = push(b, DOC_REF);
		blk->num = numbered ? arena_printf(b->a, "[%zu]", i + 1) : NULL;
		doc_layout_text(b->a, r[i].number.text.s, &blk->text);
		if (r[i].number.text.s)
			blk->title = dup(b, r[i].title.s);
		else if (r[i].doc_number.s && *r[i].doc_number.s)
			/* a document that is not a standard, by its title (docs/format.md) */
			blk->title =
			    arena_printf(b->a, "《%s》（%s）", r[i].title.s ? r[i].title.s : "",
					 r[i].doc_number.s);
		else
			blk->title = arena_printf(b->a, "《%s》", r[i].title.s ? r[i].title.s : "");
	}
}

static void add_term(struct builder *b, const struct term *tm)
{
	struct doc_block *blk = push(b, DOC_TERM);
	struct doc_term *t = arena_alloc(b->a, sizeof *t);
	memset(t, 0, sizeof *t);
	t->num = dup(b, tm->num.s);
	t->term = dup(b, tm->term.s);
	t->en = tm->en.s && *tm->en.s ? dup(b, tm->en.s) : NULL;
	doc_layout_text(b->a, tm->definition.s, &t->definition);
	t->source =
	    tm->source.s && *tm->source.s ? arena_printf(b->a, "［来源：%s］", tm->source.s) : NULL;
	t->nnotes = make_notes(b, &tm->notes, true, &t->notes, &t->note_labels);
	blk->term = t;
}

static void add_clause(struct builder *b, const struct clause *c, int level)
{
	bool titled = c->title.s && *c->title.s;
	const char *num = dup(b, c->num.s ? c->num.s : "");
	const char *lead = NULL;
	if (!titled && c->body.n && c->body.v[0].kind == BLOCK_P) {
		lead = num; /* an untitled 条: its number opens its first paragraph */
	} else {
		struct doc_block *h = push(b, DOC_HEADING);
		h->level = level;
		h->num = num;
		h->title = titled ? dup(b, c->title.s) : NULL;
		h->anchor = new_anchor(b);
	}
	add_body(b, &c->body, lead);
	add_refs(b, c->references, c->nreferences, false);
	for (size_t i = 0; i < c->nterms; i++)
		add_term(b, &c->terms[i]);
	for (size_t i = 0; i < c->nclauses; i++)
		add_clause(b, &c->clauses[i], level + 1);
}

/* ---- the cover ---- */

static const char *province_kind(struct builder *b, const char *code)
{
	static const char *const special[][2] = {
		{ "北京", "北京市" },		{ "天津", "天津市" },
		{ "上海", "上海市" },		{ "重庆", "重庆市" },
		{ "内蒙古", "内蒙古自治区" },	{ "广西", "广西壮族自治区" },
		{ "西藏", "西藏自治区" },	{ "宁夏", "宁夏回族自治区" },
		{ "新疆", "新疆维吾尔自治区" }, { "香港", "香港特别行政区" },
		{ "澳门", "澳门特别行政区" },
	};
	/* DB21 is a province; DB3206 a city, whose name the tables do not hold */
	if (strlen(code) != 4)
		return "地方标准";
	const char *name = stdno_province_name(code + 2);
	if (!name)
		return "地方标准";
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		if (strcmp(special[i][0], name) == 0)
			return arena_printf(b->a, "%s地方标准", special[i][1]);
	if (str_has_suffix(name, "省") || str_has_suffix(name, "市") || str_has_suffix(name, "区"))
		return arena_printf(b->a, "%s地方标准", name);
	return arena_printf(b->a, "%s省地方标准", name);
}

static void fmt_number(struct strbuf *sb, const struct numtext *n)
{
	if (n->ok)
		stdno_format(&n->no, sb);
	else
		strbuf_adds(sb, n->text.s ? n->text.s : "");
}

static const char *date_line(struct builder *b, const struct date *d, const char *word)
{
	if (!d->y)
		return arena_printf(b->a, "XXXX-XX-XX%s", word);
	char buf[DATE_TEXT_SIZE];
	return arena_printf(b->a, "%s%s", date_format(d, buf), word);
}

/* The cover's 标准类别 line: "中华人民共和国国家标准", "团体标准" …; NULL for a number of no
 * known class. */
static const char *cover_kind(struct builder *b, const struct stdno *no, const char *issuer)
{
	switch (no->cls) {
	case STDNO_NATIONAL:
		return "中华人民共和国国家标准";
	case STDNO_SECTOR: {
		const char *name = stdno_sector_name(no->code);
		return name ? arena_printf(b->a, "中华人民共和国%s行业标准", name)
			    : "中华人民共和国行业标准";
	}
	case STDNO_ENGINEERING:
		return "中华人民共和国行业标准";
	case STDNO_LOCAL:
		return province_kind(b, no->code);
	case STDNO_GROUP:
		return "团体标准";
	case STDNO_ENTERPRISE:
		return issuer ? arena_printf(b->a, "%s企业标准", issuer) : "企业标准";
	default:
		return NULL;
	}
}

static void make_cover(struct builder *b, const struct standard *s)
{
	struct doc_cover *cv = &b->l->cover;
	cv->ics = s->ics.s && *s->ics.s ? arena_printf(b->a, "ICS %s", s->ics.s) : NULL;
	cv->ccs = s->ccs.s && *s->ccs.s ? arena_printf(b->a, "CCS %s", s->ccs.s) : NULL;
	const char *issuer = s->issuer.s && *s->issuer.s ? s->issuer.s : NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	if (s->number.text.s) {
		fmt_number(&sb, &s->number);
		cv->number = dup(b, sb.buf);
		b->l->number = cv->number;
	}
	if (s->number.ok) {
		const struct stdno *no = &s->number.no;
		/* the 标准代号: sector, engineering and local codes alone, group and enterprise
		 * standards their whole prefix (T/…, Q/…) */
		switch (no->cls) {
		case STDNO_NATIONAL:
			cv->mark = "GB";
			break;
		case STDNO_SECTOR:
		case STDNO_ENGINEERING:
		case STDNO_LOCAL:
			cv->mark = dup(b, no->code);
			break;
		default:
			cv->mark = dup(b, stdno_prefix(no, (char[STDNO_PREFIX_MAX]){ 0 }));
			break;
		}
		cv->kind = cover_kind(b, no, issuer);
	}
	if (s->replaces.n) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, "代替");
		for (size_t i = 0; i < s->replaces.n; i++) {
			strbuf_adds(&sb, i ? "，" : " ");
			fmt_number(&sb, &s->replaces.v[i]);
		}
		cv->replaces = dup(b, sb.buf);
	}
	cv->title = dup(b, s->title.s ? s->title.s : "");
	cv->title_en = s->title_en.s && *s->title_en.s ? dup(b, s->title_en.s) : NULL;
	if (s->adopts && s->adopts->standard.s)
		cv->adoption = s->adopts->degree.v
				   ? arena_printf(b->a, "（%s，%s）", s->adopts->standard.s,
						  degree_word(s->adopts->degree.v))
				   : arena_printf(b->a, "（%s）", s->adopts->standard.s);
	cv->published = date_line(b, &s->published, "发布");
	cv->effective = date_line(b, &s->effective, "实施");
	cv->issuer = dup(b, issuer);
	strbuf_release(&sb);
}

/* ---- front matter ---- */

static void join(struct strbuf *sb, const struct textlist *tl)
{
	for (size_t i = 0; i < tl->n; i++) {
		if (i)
			strbuf_adds(sb, "、");
		strbuf_adds(sb, tl->v[i].s ? tl->v[i].s : "");
	}
}

/* GB/T 1.1—2020 (前言): each change is a）… with where it lies: （见4.2）, （见表1，2018年版的
 * 4.3）, （见2018年版的6.4）; the last item ends in 。, the others in ；. */
static void add_changes(struct builder *b, const struct foreword *f)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < f->nchanges; i++) {
		const struct change *c = &f->changes[i];
		struct doc_block *blk = push(b, DOC_LIST_ITEM);
		blk->label = list_marker(b, LIST_LETTER, i);
		strbuf_reset(&sb);
		const char *text = c->text.s ? c->text.s : "";
		size_t tl = strlen(text);
		/* the author's own end punctuation gives way to the list's */
		while (tl >= 3 &&
		       (memcmp(text + tl - 3, "；", 3) == 0 || memcmp(text + tl - 3, "。", 3) == 0))
			tl -= 3;
		strbuf_add(&sb, text, tl);
		if (!strstr(text, "（见") && (c->new_.n || c->old.n)) {
			strbuf_adds(&sb, "（见");
			join(&sb, &c->new_);
			if (c->old.n) {
				if (c->new_.n)
					strbuf_adds(&sb, "，");
				strbuf_adds(&sb, b->old_year ? b->old_year : "被代替文件");
				strbuf_adds(&sb, "的");
				join(&sb, &c->old);
			}
			strbuf_adds(&sb, "）");
		}
		strbuf_adds(&sb, i + 1 == f->nchanges ? "。" : "；");
		doc_layout_text(b->a, sb.buf, &blk->text);
	}
	strbuf_release(&sb);
}

/* `title` as the heading shows it (前　　言), `name` as the 目次 lists it (前言). */
static struct doc_block *part_title(struct builder *b, const char *title, const char *name)
{
	struct doc_block *blk = push(b, DOC_PART_TITLE);
	blk->title = title;
	blk->label = name;
	blk->anchor = new_anchor(b);
	return blk;
}

static void toc_entry(struct builder *b, int level, const char *num, const char *title,
		      const char *anchor, int part)
{
	struct doc_block *e = push(b, DOC_TOC_ENTRY);
	e->level = level;
	e->num = num;
	e->title = title;
	e->anchor = anchor;
	e->toc_part = part;
}

/* 目次 (GB/T 1.1—2020, 目次): 前言, 引言, the chapters and the titled 条 of the first level,
 * each 附录 with its kind and its titled chapters (A.1), 参考文献 — the entries pointing at the
 * headings built above. */
static void make_toc(struct builder *b)
{
	struct doc_layout *l = b->l;
	for (size_t p = 2; p < l->nparts; p++) {
		const struct doc_part *part = &l->parts[p];
		for (size_t i = 0; i < part->nblocks; i++) {
			const struct doc_block *blk = &part->blocks[i];
			if (blk->kind == DOC_PART_TITLE)
				toc_entry(b, 1, NULL, blk->label, blk->anchor, (int)p);
			else if (blk->kind == DOC_ANNEX_HEAD)
				toc_entry(b, 1, NULL,
					  arena_printf(b->a, "%s%s　%s", blk->label,
						       blk->kind_word ? blk->kind_word : "",
						       blk->title ? blk->title : ""),
					  blk->anchor, (int)p);
			else if (blk->kind == DOC_HEADING && blk->level <= 2 && blk->title &&
				 part->kind == DOC_BODY)
				toc_entry(b, blk->level, blk->num, blk->title, blk->anchor, (int)p);
			else if (blk->kind == DOC_HEADING && blk->level == 1 && blk->title &&
				 part->kind == DOC_ANNEX)
				toc_entry(b, 2, blk->num, blk->title, blk->anchor, (int)p);
		}
	}
}

struct doc_layout *doc_layout_new(const struct standard *s)
{
	/* the layout lives in its own arena: one free releases all */
	struct arena *a = arena_new();
	struct doc_layout *l = arena_alloc(a, sizeof *l);
	l->std = s;
	l->arena = a;
	struct builder b = { .l = l, .a = l->arena };
	size_t cap = 5 + s->nannexes + 1;
	l->parts = arena_alloc(l->arena, cap * sizeof *l->parts);
	memset(l->parts, 0, cap * sizeof *l->parts);
	for (size_t i = 0; i < s->replaces.n; i++)
		if (s->replaces.v[i].ok && s->replaces.v[i].no.year) {
			b.old_year = arena_printf(b.a, "%d年版", s->replaces.v[i].no.year);
			break;
		}

	make_cover(&b, s);
	end_part(&b, begin_part(&b, DOC_COVER, DOC_PAGES_NONE, true));
	struct doc_part *toc = begin_part(&b, DOC_TOC, DOC_PAGES_ROMAN, true);
	b.n = 0;
	end_part(&b, toc); /* filled once the headings exist */

	if (s->foreword) {
		struct doc_part *p = begin_part(&b, DOC_FOREWORD, DOC_PAGES_ROMAN, true);
		part_title(&b, "前　　言", "前言");
		add_body(&b, &s->foreword->body, NULL);
		add_changes(&b, s->foreword);
		end_part(&b, p);
	}
	if (s->introduction) {
		struct doc_part *p = begin_part(&b, DOC_INTRO, DOC_PAGES_ROMAN, true);
		part_title(&b, "引　　言", "引言");
		add_body(&b, &s->introduction->body, NULL);
		for (size_t i = 0; i < s->introduction->nclauses; i++)
			add_clause(&b, &s->introduction->clauses[i], 2);
		end_part(&b, p);
	}
	struct doc_part *body = begin_part(&b, DOC_BODY, DOC_PAGES_ARABIC, true);
	struct doc_block *t = push(&b, DOC_DOC_TITLE);
	t->title = dup(&b, s->title.s ? s->title.s : "");
	for (size_t i = 0; i < s->nclauses; i++)
		add_clause(&b, &s->clauses[i], 1);
	end_part(&b, body);
	for (size_t i = 0; i < s->nannexes; i++) {
		const struct annex *an = &s->annexes[i];
		struct doc_part *p = begin_part(&b, DOC_ANNEX, DOC_PAGES_ARABIC, true);
		struct doc_block *h = push(&b, DOC_ANNEX_HEAD);
		h->label = arena_printf(b.a, "附录%s", an->num.s ? an->num.s : "");
		h->kind_word = an->kind.v == ANNEX_NORMATIVE	 ? "（规范性）"
			       : an->kind.v == ANNEX_INFORMATIVE ? "（资料性）"
								 : NULL;
		h->title = dup(&b, an->title.s);
		h->anchor = new_anchor(&b);
		add_body(&b, &an->body, NULL);
		for (size_t j = 0; j < an->nclauses; j++)
			add_clause(&b, &an->clauses[j], 1);
		end_part(&b, p);
	}
	if (s->nbibliography) {
		struct doc_part *p = begin_part(&b, DOC_BIBLIO, DOC_PAGES_ARABIC, true);
		part_title(&b, "参　考　文　献", "参考文献");
		add_refs(&b, s->bibliography, s->nbibliography, true);
		end_part(&b, p);
	}
	/* the closing line ends the last part (GB/T 1.1—2020, 终结线) */
	struct doc_part *last = &l->parts[l->nparts - 1];
	b.n = 0;
	for (size_t i = 0; i < last->nblocks; i++)
		*push(&b, 0) = last->blocks[i];
	push(&b, DOC_END_LINE);
	end_part(&b, last);

	b.n = 0;
	part_title(&b, "目　　次", "目次");
	make_toc(&b);
	end_part(&b, &l->parts[1]);
	free(b.v);
	return l;
}

void doc_layout_free(struct doc_layout *l)
{
	if (l)
		arena_free(l->arena);
}

const struct doc_part *doc_layout_part_of(const struct doc_layout *l, const char *anchor)
{
	for (size_t p = 0; p < l->nparts; p++)
		for (size_t i = 0; i < l->parts[p].nblocks; i++)
			if (l->parts[p].blocks[i].anchor &&
			    l->parts[p].blocks[i].kind != DOC_TOC_ENTRY &&
			    strcmp(l->parts[p].blocks[i].anchor, anchor) == 0)
				return &l->parts[p];
	return NULL;
}
