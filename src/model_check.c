/* SPDX-License-Identifier: MIT */
/* model_check: hold a loaded document's tree and typed model to the invariants the passes rely
 * on (include/model_check.h), and report the first one broken with where it is. */
#include "model_check.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "model.h"
#include "schema.h"
#include "sheet.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* The program's own image (code, read-only data, data), as the linker lays it out: string
 * literals and the schema's names live there, and the XML loader points keys at those names
 * instead of copying them. Anything else outside the arena would dangle once the parser's
 * buffers are freed. */
extern const char __ehdr_start[], _end[];

static bool in_image(const void *p)
{
	return (uintptr_t)p >= (uintptr_t)__ehdr_start && (uintptr_t)p < (uintptr_t)_end;
}

/* ---- nodes met so far: two bits per 8 bytes of the arena's memory ---- */

/* A node is `met` when the walk reaches it and `done` when its subtree is checked: met and not
 * done means it is on the walk's stack, so meeting it again is a cycle. Bits per address, not a
 * hash set: a node's address is already looked up for ownership, and the bitmap stays a
 * sixty-fourth of the arena in size. */
struct marks {
	size_t *base; /* first bit of each arena range */
	uint64_t *met, *done;
};

static void marks_init(struct marks *m, const struct arena_ranges *r)
{
	size_t bits = 0;
	m->base = xmalloc((r->n + 1) * sizeof *m->base);
	for (size_t i = 0; i < r->n; i++) {
		m->base[i] = bits;
		bits += (r->v[i].hi - r->v[i].lo + 7) / 8;
	}
	m->met = xcalloc(bits / 64 + 1, sizeof *m->met);
	m->done = xcalloc(bits / 64 + 1, sizeof *m->done);
}

static void marks_release(struct marks *m)
{
	free(m->base);
	free(m->met);
	free(m->done);
}

/* ---- the checker's state and its one report ---- */

/* A node on the tree walk's stack. */
struct frame {
	const struct node *n;
	size_t bit;	 /* its mark */
	size_t next;	 /* next child: an item, or pair next/2's key (even) or value (odd) */
	struct loc last; /* position of the last child met, which the next may not precede */
};

/* One step of the typed walk's path, on the C stack: a key, or an index when key is NULL. */
struct seg {
	const struct seg *up;
	const char *key;
	size_t index;
};

struct ck {
	const struct doc *d;
	const struct load_format *fmt;
	struct arena_ranges mem;
	struct strbuf *why;
	bool failed;
	/* where the walk is, put into words only for a report ("system.standards[3].code"):
	 * the tree walk's stack, or the typed walk's chain of segments */
	const struct frame *tree;
	size_t ntree;
	const struct seg *seg;
	uint32_t *line_len; /* code points per line of the source, where LF ends every line */
	size_t nlines;	    /* lines of the source, when given */
	bool open_end;	    /* its last line has no line end */
	uint32_t longest;   /* code points of its longest line, where line_len is NULL */
	struct loc *locs;   /* every value node's position, sorted once the tree is walked */
	size_t nlocs, caplocs;
	bool want_locs;
	bool locs_unsorted; /* a YAML tree gives them in order; an XML list gathered from apart
			       does not */
	struct marks marks;
};

/* Append a key, cut short: it is for a person to find the place. */
static void put_key(struct strbuf *sb, const char *key)
{
	size_t n = strnlen(key, 48);
	if (sb->len)
		strbuf_addc(sb, '.');
	if (!n)
		strbuf_adds(sb, "\"\"");
	strbuf_add(sb, key, n);
	if (key[n])
		strbuf_adds(sb, "…");
}

static void put_segs(const struct seg *g, struct strbuf *sb)
{
	if (!g)
		return;
	put_segs(g->up, sb);
	if (g->key)
		put_key(sb, g->key);
	else
		strbuf_addf(sb, "[%zu]", g->index);
}

static void put_path(const struct ck *ck, struct strbuf *sb)
{
	/* built apart: keys are joined with dots only after the first of the path */
	struct strbuf p;
	strbuf_init(&p);
	for (size_t i = 0; i < ck->ntree; i++) {
		const struct node *n = ck->tree[i].n;
		size_t c = ck->tree[i].next - 1;
		if (n->kind == NODE_SEQ)
			strbuf_addf(&p, "[%zu]", c);
		else if (c % 2 == 0)
			strbuf_addf(&p, "%s(key %zu)", p.len ? "." : "", c / 2);
		else
			put_key(&p, n->u.pairs[c / 2].key->u.str);
	}
	put_segs(ck->seg, &p);
	strbuf_add(sb, p.buf, p.len);
	strbuf_release(&p);
}

__attribute__((format(printf, 3, 4))) static bool fail(struct ck *ck, struct loc at,
						       const char *fmt, ...)
{
	if (ck->failed)
		return false;
	ck->failed = true;
	if (!ck->why)
		return false;
	size_t start = ck->why->len;
	put_path(ck, ck->why);
	if (ck->why->len == start)
		strbuf_adds(ck->why, "document");
	if (at.line)
		strbuf_addf(ck->why, " at %u:%u", at.line, at.col);
	strbuf_adds(ck->why, ": ");
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(ck->why, fmt, ap);
	va_end(ap);
	return false;
}

static const struct loc no_loc = { 0, 0 };

static int loc_cmp(struct loc a, struct loc b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return a.col < b.col ? -1 : a.col > b.col;
}

static bool loc_known(struct loc l)
{
	return l.line || l.col;
}

/* `n` objects of `size` bytes at p, all in the arena. */
static bool owned(struct ck *ck, const void *p, size_t n, size_t size)
{
	return n && size && n <= SIZE_MAX / size &&
	       arena_ranges_find(&ck->mem, p, n * size) != NULL;
}

/* ---- text ---- */

/* A C string the document may point to: in the arena (its NUL inside the used part) or in the
 * program's image; valid UTF-8. */
static bool check_cstr(struct ck *ck, const char *s, struct loc at, const char *what)
{
	size_t len;
	const struct arena_range *r = arena_ranges_find(&ck->mem, s, 1);
	if (r) {
		const char *nul = memchr(s, '\0', (size_t)(r->hi - (uintptr_t)s));
		if (!nul)
			return fail(ck, at, "%s runs past the arena's memory without a NUL", what);
		len = (size_t)(nul - s);
	} else if (in_image(s)) {
		len = strlen(s);
	} else {
		return fail(ck, at, "%s is neither in the document's arena nor static", what);
	}
	if (utf8_validate(s, len) != len)
		return fail(ck, at, "%s is not valid UTF-8", what);
	return true;
}

/* ---- the tree ---- */

static bool check_pos(struct ck *ck, struct loc l)
{
	if (!l.line || !l.col)
		return fail(ck, l, "position %u:%u is not known", l.line, l.col);
	if (ck->nlines) {
		/* the end of the input: libyaml puts it at the start of a line of its own when the
		 * last line has no line end, and a value left empty there (`? a`) stands at it */
		if (ck->open_end && l.line == ck->nlines + 1 && l.col == 1)
			return true;
		if (l.line > ck->nlines)
			return fail(ck, l, "line %u is past the end of the source (%zu lines)",
				    l.line, ck->nlines);
		uint32_t max = ck->line_len ? ck->line_len[l.line - 1] : ck->longest;
		if (l.col > (uint64_t)max + 1)
			return fail(ck, l, "column %u is past the end of line %u (%u code points)",
				    l.col, l.line, max);
	} else if (ck->fmt && (ck->fmt->tree & LOAD_CELLS)) {
		if (l.line > SHEET_MAX_ROWS || l.col > SHEET_MAX_COLS)
			return fail(ck, l, "cell %u:%u is outside a sheet's grid", l.line, l.col);
	} else if (l.line > ck->d->size + 1 || l.col > ck->d->size + 1) {
		return fail(ck, l, "position is past the end of the source (%zu bytes)",
			    ck->d->size);
	}
	return true;
}

/* What a node holds in itself: kind, flags, count against its array, text. */
static bool check_node_fields(struct ck *ck, const struct node *n, bool is_key)
{
	const unsigned known = NODE_QUOTED | NODE_NULL | NODE_ATTR | NODE_CELL;
	if (n->kind != NODE_SCALAR && n->kind != NODE_MAP && n->kind != NODE_SEQ)
		return fail(ck, n->loc, "node kind %d is none of scalar, mapping, sequence",
			    (int)n->kind);
	if (n->flags & ~known)
		return fail(ck, n->loc, "node flags 0x%x are not known", n->flags);
	if (n->flags && n->kind != NODE_SCALAR)
		return fail(ck, n->loc, "a %s has scalar flags 0x%x", node_kind_name(n->kind),
			    n->flags);
	if (is_key && n->kind != NODE_SCALAR)
		return fail(ck, n->loc, "a mapping key is a %s, not a scalar",
			    node_kind_name(n->kind));
	switch (n->kind) {
	case NODE_SCALAR: {
		const char *s = n->u.str;
		if (!s)
			return fail(ck, n->loc, "scalar has no text");
		if (!owned(ck, s, (size_t)n->n + 1, 1) && !(is_key && in_image(s)))
			return fail(ck, n->loc,
				    "scalar text (%zu bytes) is not in the document's arena%s",
				    (size_t)n->n, is_key ? " and not static" : "");
		if (s[n->n] != '\0')
			return fail(ck, n->loc,
				    "scalar text is not NUL-terminated at its length %zu",
				    (size_t)n->n);
		if (utf8_validate(s, n->n) != n->n)
			return fail(ck, n->loc, "scalar text is not valid UTF-8");
		return true;
	}
	case NODE_MAP:
		if (n->u.pairs ? !owned(ck, n->u.pairs, n->n ? n->n : 1, sizeof *n->u.pairs)
			       : n->n > 0)
			return fail(ck, n->loc, "the %zu pairs of a mapping are not in the arena",
				    (size_t)n->n);
		return true;
	case NODE_SEQ:
		if (n->u.items ? !owned(ck, n->u.items, n->n ? n->n : 1, sizeof *n->u.items)
			       : n->n > 0)
			return fail(ck, n->loc, "the %zu items of a sequence are not in the arena",
				    (size_t)n->n);
		return true;
	}
	return true;
}

enum { ENTER_FAIL, ENTER_NEW, ENTER_SHARED };

/* Note that a value stands at `l` (the typed model's positions are checked against these). */
static void add_loc(struct ck *ck, struct loc l)
{
	if (!ck->want_locs)
		return;
	XGROW(ck->locs, ck->caplocs, ck->nlocs + 1);
	if (ck->nlocs && loc_cmp(l, ck->locs[ck->nlocs - 1]) < 0)
		ck->locs_unsorted = true;
	ck->locs[ck->nlocs++] = l;
}

/* Meet node `n` under frame `up` (NULL for the root). */
static int enter(struct ck *ck, const struct node *n, struct frame *up, bool is_key,
		 size_t *bit_out)
{
	/* no position to give: the path says where */
	if (!n)
		return fail(ck, no_loc, "a node is missing"), ENTER_FAIL;
	const struct arena_range *g = arena_ranges_find(&ck->mem, n, sizeof *n);
	if ((uintptr_t)n % _Alignof(struct node) || !g)
		return fail(ck, no_loc, "node is not in the document's arena"), ENTER_FAIL;
	size_t bit = ck->marks.base[g - ck->mem.v] + ((uintptr_t)n - g->lo) / 8;
	uint64_t mask = UINT64_C(1) << (bit % 64);
	if (ck->marks.met[bit / 64] & mask) {
		if (!(ck->marks.done[bit / 64] & mask))
			return fail(ck, n->loc, "node contains itself"), ENTER_FAIL;
		/* checked where it was first met, which is where it stands in the source */
		if (!(ck->fmt->tree & LOAD_SHARED))
			return fail(ck, n->loc, "node is reached twice; %s trees share no nodes",
				    ck->fmt->name),
			       ENTER_FAIL;
		/* an anchored key (`&a 基础: x`) reached again as a value through `*a`: its
		 * position is now a value's too */
		if (!is_key)
			add_loc(ck, n->loc);
		return ENTER_SHARED;
	}
	ck->marks.met[bit / 64] |= mask;
	*bit_out = bit;
	if (!check_node_fields(ck, n, is_key) || !check_pos(ck, n->loc))
		return ENTER_FAIL;
	bool ordered = !(ck->fmt->tree & LOAD_UNORDERED);
	if (ordered && up && loc_cmp(n->loc, up->n->loc) < 0)
		return fail(ck, n->loc, "node comes before its parent at %u:%u", up->n->loc.line,
			    up->n->loc.col),
		       ENTER_FAIL;
	if (ordered && up && loc_cmp(n->loc, up->last) < 0)
		return fail(ck, n->loc, "node comes before its previous sibling at %u:%u",
			    up->last.line, up->last.col),
		       ENTER_FAIL;
	if (up)
		up->last = n->loc;
	/* a key's position is a value's only when an alias makes it one (above) */
	if (!is_key)
		add_loc(ck, n->loc);
	return ENTER_NEW;
}

/* Depth first with a stack of our own: a cycle must be reported, not overflow the C stack. */
static bool check_tree(struct ck *ck, const struct node *root)
{
	struct frame *st = NULL;
	size_t n = 0, cap = 0, bit;
	bool ok = false;
	if (enter(ck, root, NULL, false, &bit) != ENTER_NEW)
		goto out;
	XGROW(st, cap, 1);
	st[n++] = (struct frame){ root, bit, 0, root->loc };
	while (n) {
		struct frame *f = &st[n - 1];
		const struct node *p = f->n;
		size_t nchild = p->kind == NODE_MAP ? 2 * p->n : p->kind == NODE_SEQ ? p->n : 0;
		if (f->next == nchild) {
			ck->marks.done[f->bit / 64] |= UINT64_C(1) << (f->bit % 64);
			n--;
			continue;
		}
		size_t i = f->next++;
		bool is_key = p->kind == NODE_MAP && i % 2 == 0;
		const struct node *c = p->kind == NODE_SEQ ? p->u.items[i]
				       : is_key		   ? p->u.pairs[i / 2].key
							   : p->u.pairs[i / 2].value;
		ck->tree = st;
		ck->ntree = n;
		int e = enter(ck, c, f, is_key, &bit);
		if (e == ENTER_FAIL)
			goto out;
		if (e == ENTER_SHARED)
			continue;
		XGROW(st, cap, n + 1);
		st[n++] = (struct frame){ c, bit, 0, c->loc };
	}
	ok = true;
out:
	free(st);
	ck->tree = NULL;
	ck->ntree = 0;
	return ok;
}

/* root, body and kind as the loaders set them: {kind-name: body} */
static bool check_doc(struct ck *ck)
{
	const struct doc *d = ck->d;
	const struct node *r = d->root;
	if ((unsigned)d->kind > DOC_RECORDS)
		return fail(ck, no_loc, "document kind %d is not known", (int)d->kind);
	bool one = r && r->kind == NODE_MAP && r->n == 1;
	enum doc_kind kind = one ? doc_kind_from_name(r->u.pairs[0].key->u.str) : DOC_UNKNOWN;
	const struct node *body =
	    one && r->u.pairs[0].value->kind == NODE_MAP ? r->u.pairs[0].value : NULL;
	if (d->kind != kind)
		return fail(ck, no_loc, "document kind is %s, but its root says %s",
			    doc_kind_name(d->kind), doc_kind_name(kind));
	if (d->body != body)
		return fail(ck, no_loc, "document body is not the root key's mapping");
	if (d->model && (!body || kind == DOC_UNKNOWN))
		return fail(ck, no_loc, "document has a model but no known root to build it from");
	/* rows a load sink took (model_row_sink) are the model's first part */
	if (d->model_free && !d->model && !d->taken)
		return fail(ck, no_loc, "document frees a model it does not have");
	return true;
}

/* ---- the typed model, walked through the schema tables ---- */

static int by_loc(const void *a, const void *b)
{
	return loc_cmp(*(const struct loc *)a, *(const struct loc *)b);
}

static bool is_node_loc(const struct ck *ck, struct loc l)
{
	return bsearch(&l, ck->locs, ck->nlocs, sizeof l, by_loc) != NULL;
}

/* A value's position: a node's when the value is there, 0:0 when not. */
static bool check_at(struct ck *ck, struct loc l, bool present, const char *what)
{
	if (present && !is_node_loc(ck, l))
		return fail(ck, l, "%s is at a position where no node is", what);
	if (!present && loc_known(l))
		return fail(ck, l, "%s is absent but has a position", what);
	return true;
}

static bool check_text(struct ck *ck, const struct text *t)
{
	return check_at(ck, t->loc, t->s != NULL, "text") &&
	       (!t->s || check_cstr(ck, t->s, t->loc, "text"));
}

static bool check_stdno(struct ck *ck, const struct numtext *nt)
{
	if (!check_text(ck, &nt->text))
		return false;
	if (nt->ok && !nt->text.s)
		return fail(ck, no_loc, "a standard number parsed from no text");
	const struct stdno *no = &nt->no;
	const char *seq_end = nt->ok ? memchr(no->seq, '\0', sizeof no->seq) : NULL;
	if (nt->ok && (!memchr(no->code, '\0', sizeof no->code) || !seq_end ||
		       (no->adopted && !memchr(seq_end + 1, '\0',
					       (size_t)(no->seq + sizeof no->seq - seq_end - 1)))))
		return fail(ck, nt->text.loc, "standard number '%s' has a part without its NUL",
			    nt->text.s);
	return true;
}

static bool check_date(struct ck *ck, const struct date *dt)
{
	if (!dt->y) {
		if (dt->m || dt->d)
			return fail(ck, dt->loc, "an absent date has month %d and day %d", dt->m,
				    dt->d);
		return check_at(ck, dt->loc, false, "date");
	}
	/* the one definition of a valid date is date_parse's */
	char buf[32];
	struct date back;
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", dt->y, dt->m, dt->d);
	if (!date_parse(buf, &back) || back.y != dt->y || back.m != dt->m || back.d != dt->d)
		return fail(ck, dt->loc, "date %d-%d-%d is not a valid date", dt->y, dt->m, dt->d);
	return check_at(ck, dt->loc, true, "date");
}

static bool check_enum(struct ck *ck, const struct enumval *e, const struct enum_def *en)
{
	if (e->v) {
		size_t i = 0;
		while (i < en->n && en->words[i].value != e->v)
			i++;
		if (i == en->n)
			return fail(ck, e->loc, "%d is no %s", e->v, en->name);
	}
	return check_at(ck, e->loc, e->v != 0, en->name);
}

/* An array the model points to: NULL with no entries, or in the arena with room for max(n, 1)
 * (model_build allocates one entry for an empty list). */
static bool check_array(struct ck *ck, const void *v, size_t n, size_t size, struct loc at,
			const char *what)
{
	if (!v && n)
		return fail(ck, at, "%s has %zu entries but no array", what, n);
	if (v && !owned(ck, v, n ? n : 1, size))
		return fail(ck, at, "the %zu entries of %s are not in the arena", n, what);
	return true;
}

static bool check_textlist(struct ck *ck, const struct textlist *tl)
{
	if (!check_array(ck, tl->v, tl->n, sizeof *tl->v, tl->loc, "a list") ||
	    !check_at(ck, tl->loc, tl->v != NULL, "list"))
		return false;
	for (size_t i = 0; i < tl->n; i++)
		if (!tl->v[i].s)
			return fail(ck, tl->loc, "entry %zu of a list has no text", i);
		else if (!check_text(ck, &tl->v[i]))
			return false;
	return true;
}

static bool check_numlist(struct ck *ck, const struct numlist *nl)
{
	if (!check_array(ck, nl->v, nl->n, sizeof *nl->v, nl->loc, "a list of numbers") ||
	    !check_at(ck, nl->loc, nl->v != NULL, "list"))
		return false;
	for (size_t i = 0; i < nl->n; i++)
		if (!nl->v[i].text.s)
			return fail(ck, nl->loc, "entry %zu of a list of numbers has no text", i);
		else if (!check_stdno(ck, &nl->v[i]))
			return false;
	return true;
}

static bool check_record(struct ck *ck, const struct rec_def *rec, const char *base);

static bool check_cellrows(struct ck *ck, const struct cellrows *cr)
{
	if (!check_array(ck, cr->v, cr->n, sizeof *cr->v, no_loc, "table rows"))
		return false;
	for (size_t i = 0; i < cr->n; i++) {
		const struct cellrow *row = &cr->v[i];
		struct textlist tl = { row->v, row->n, row->loc };
		if (!row->v)
			return fail(ck, row->loc, "table row %zu has no cells", i);
		if (!check_textlist(ck, &tl))
			return false;
		if (!row->cells)
			continue;
		if (!check_array(ck, row->cells, row->n, sizeof *row->cells, row->loc,
				 "a row's cells"))
			return false;
		for (size_t k = 0; k < row->n; k++) {
			const struct cell *ce = &row->cells[k];
			if (ce->text.s && ce->text.s != row->v[k].s)
				return fail(ck, ce->loc, "cell %zu of row %zu has two texts", k, i);
			if ((ce->colspan.set && ce->colspan.v < 1) ||
			    (ce->rowspan.set && ce->rowspan.v < 1))
				return fail(ck, ce->loc, "cell %zu of row %zu spans less than one",
					    k, i);
			if (!check_record(ck, &schema_cell_rec, (const char *)ce))
				return false;
		}
	}
	return true;
}

static bool check_record(struct ck *ck, const struct rec_def *rec, const char *base);

/* A record the model points to (FT_REC, FT_LIST, a block's list): NULL or in the arena. */
static bool check_rec_ptr(struct ck *ck, const struct rec_def *rec, const void *p)
{
	if (!p)
		return true;
	if ((uintptr_t)p % _Alignof(max_align_t) || !owned(ck, p, 1, rec->size))
		return fail(ck, no_loc, "%s record is not in the arena", rec->name);
	return check_record(ck, rec, p);
}

static const struct rec_def *const block_recs[] = {
	[BLOCK_TABLE] = &schema_table_rec,
	[BLOCK_FIGURE] = &schema_figure_rec,
	[BLOCK_FORMULA] = &schema_formula_rec,
};

static bool check_body(struct ck *ck, const struct body *b)
{
	if (!b->present && (b->v || b->n))
		return fail(ck, b->loc, "an absent body has blocks");
	if (!check_at(ck, b->loc, b->present, "body") ||
	    !check_array(ck, b->v, b->n, sizeof *b->v, b->loc, "a body"))
		return false;
	struct seg g = { ck->seg, NULL, 0 };
	ck->seg = &g;
	for (size_t i = 0; i < b->n; i++) {
		const struct block *blk = &b->v[i];
		g.index = i;
		if (!check_at(ck, blk->loc, true, "block"))
			return false;
		switch (blk->kind) {
		case BLOCK_P:
		case BLOCK_NOTE:
		case BLOCK_EXAMPLE:
			if (!blk->text.s)
				return fail(ck, blk->loc,
					    "a paragraph, note or example has no text");
			if (!check_text(ck, &blk->text))
				return false;
			break;
		case BLOCK_LIST:
			if (!blk->list)
				return fail(ck, blk->loc, "a list block has no list");
			if (!check_rec_ptr(ck, &schema_list_rec, blk->list))
				return false;
			break;
		case BLOCK_TABLE:
		case BLOCK_FIGURE:
		case BLOCK_FORMULA:
			if (!check_record(ck, block_recs[blk->kind], (const char *)blk))
				return false;
			break;
		default:
			return fail(ck, blk->loc, "block kind %d is not known", (int)blk->kind);
		}
	}
	ck->seg = g.up;
	return true;
}

static bool check_field(struct ck *ck, const struct field *f, const char *base)
{
	const char *p = base + f->off;
	switch (f->type) {
	case FT_STR:
		return check_text(ck, (const struct text *)p);
	case FT_NUM:
		return check_stdno(ck, (const struct numtext *)p);
	case FT_DATE:
		return check_date(ck, (const struct date *)p);
	case FT_INT: {
		const struct intval *iv = (const struct intval *)p;
		return check_at(ck, iv->loc, iv->set, f->key);
	}
	case FT_BOOL: {
		const struct boolval *bv = (const struct boolval *)p;
		if (!bv->set && bv->v)
			return fail(ck, bv->loc, "an absent '%s' is true", f->key);
		return check_at(ck, bv->loc, bv->set, f->key);
	}
	case FT_ENUM:
		return check_enum(ck, (const struct enumval *)p, f->en);
	case FT_STRLIST:
		return check_textlist(ck, (const struct textlist *)p);
	case FT_NUMLIST:
		return check_numlist(ck, (const struct numlist *)p);
	case FT_REC:
	case FT_LIST:
		return check_rec_ptr(ck, f->rec, *(const void *const *)p);
	case FT_RECLIST: {
		const char *arr = *(const char *const *)p;
		size_t n = *(const size_t *)(base + f->count_off);
		if (!check_array(ck, arr, n, f->rec->size, no_loc, f->key))
			return false;
		struct seg g = { ck->seg, NULL, 0 };
		ck->seg = &g;
		for (g.index = 0; g.index < n; g.index++)
			if (!check_record(ck, f->rec, arr + g.index * f->rec->size))
				return false;
		ck->seg = g.up;
		return true;
	}
	case FT_BODY:
		return check_body(ck, (const struct body *)p);
	case FT_CELLROWS:
		return check_cellrows(ck, (const struct cellrows *)p);
	}
	return fail(ck, no_loc, "field '%s' has type %d, which the schema does not know", f->key,
		    (int)f->type);
}

/* Every record struct starts with its position (model.h), which is its node's. */
static bool check_record(struct ck *ck, const struct rec_def *rec, const char *base)
{
	if (!check_at(ck, *(const struct loc *)base, true, rec->name))
		return false;
	struct seg g = { ck->seg, NULL, 0 };
	ck->seg = &g;
	for (size_t i = 0; i < rec->nfields; i++) {
		g.key = rec->fields[i].key;
		if (!check_field(ck, &rec->fields[i], base))
			return false;
	}
	ck->seg = g.up;
	if (rec == &schema_clause_rec) {
		const struct clause *c = (const struct clause *)base;
		/* model_build notes the key even when its list came out empty */
		if ((c->nreferences && !c->has_references) || (c->nterms && !c->has_terms))
			return fail(ck, c->loc,
				    "a clause holds references or terms it says it has not");
	}
	return true;
}

/* ---- what model_build derives ---- */

struct cat_walk {
	const struct system *s;
	size_t next;	 /* pre-order index of the next category */
	size_t codes;	 /* categories that are the first with their code */
	size_t code_max; /* longest code */
};

static bool check_categories(struct ck *ck, struct cat_walk *w, const struct category *cats,
			     size_t n, const struct category *parent, int depth)
{
	const struct system *s = w->s;
	for (size_t i = 0; i < n; i++) {
		const struct category *c = &cats[i];
		/* few enough to name each one ahead */
		char name[80];
		snprintf(name, sizeof name, "category '%s'", c->code.s ? c->code.s : "");
		struct seg g = { NULL, name, 0 };
		ck->seg = &g;
		if (c->parent != parent || c->depth != depth)
			return fail(ck, c->loc,
				    "parent or depth (%d) is not where the category stands",
				    c->depth);
		if (w->next >= s->ncat)
			return fail(ck, c->loc, "more categories than the %zu in pre-order",
				    s->ncat);
		if (c->index != w->next)
			return fail(ck, c->loc, "pre-order index %zu is not its place %zu",
				    c->index, w->next);
		if (s->cat_preorder[w->next] != c)
			return fail(ck, c->loc, "the pre-order list holds another category at %zu",
				    w->next);
		w->next++;
		if (c->code.s) {
			const struct category *first = system_category(s, c->code.s);
			if (!first || strcmp(first->code.s, c->code.s) || first->index > c->index)
				return fail(ck, c->loc,
					    "the code index does not lead to the "
					    "first category with this code");
			w->codes += first == c;
			size_t l = strlen(c->code.s);
			if (l > w->code_max)
				w->code_max = l;
		}
		if (!check_categories(ck, w, c->children, c->nchildren, c, depth + 1))
			return false;
	}
	ck->seg = NULL;
	return true;
}

static bool check_code_format(struct ck *ck, const struct system *s)
{
	if (!s->cf_ok)
		return (!s->cf && !s->ncf) ||
		       fail(ck, s->code_format.loc, "an invalid code-format has parts");
	if (!s->ncf || !owned(ck, s->cf, s->ncf, sizeof *s->cf))
		return fail(ck, s->code_format.loc, "the code-format's parts are not in the arena");
	size_t ncat = 0, nserial = 0;
	for (size_t i = 0; i < s->ncf; i++) {
		const struct code_format_part *pt = &s->cf[i];
		if (pt->kind < 0 || pt->kind > 2)
			return fail(ck, s->code_format.loc,
				    "part %zu of the code-format has kind %d", i, pt->kind);
		if (pt->kind == 0 && (!pt->len || !pt->lit ||
				      (!owned(ck, pt->lit, pt->len, 1) && !in_image(pt->lit))))
			return fail(ck, s->code_format.loc,
				    "literal part %zu of the code-format is empty or dangles", i);
		if (pt->kind == 2 && (pt->width < 1 || pt->width > 9))
			return fail(ck, s->code_format.loc, "serial width %d is not 1 to 9",
				    pt->width);
		ncat += pt->kind == 1;
		nserial += pt->kind == 2;
	}
	if (ncat != 1 || nserial > 1)
		return fail(ck, s->code_format.loc,
			    "the code-format has %zu category and %zu serial parts", ncat, nserial);
	return true;
}

static bool check_row(struct ck *ck, const struct system *s, const struct row *r, size_t i)
{
	if (r->index != i)
		return fail(ck, r->loc, "row index %zu is not its place", (size_t)r->index);
	if (r->status_given != r->status.v)
		return fail(ck, r->loc, "status as written is %d, not the status key's %d",
			    r->status_given, r->status.v);
	int level = r->number.ok && r->number.no.level ? (int)r->number.no.level : r->level.v;
	if (r->level_eff != level)
		return fail(ck, r->loc, "effective level %d is not %d", r->level_eff, level);
	if (!r->key_eff)
		return fail(ck, r->loc, "row has no effective key");
	/* the key, else the number's work key (made in the arena), else the code, else "" */
	bool key_ok = r->key.s	     ? r->key_eff == r->key.s
		      : r->number.ok ? owned(ck, r->key_eff, 1, 1)
		      : r->code.s    ? r->key_eff == r->code.s
				     : !*r->key_eff;
	if (!key_ok)
		return fail(ck, r->loc, "effective key '%s' is not the row's key, number or code",
			    r->key_eff);
	if (!check_cstr(ck, r->key_eff, r->loc, "effective key"))
		return false;
	const struct category *c = r->category;
	if (c && (c->index >= s->ncat || s->cat_preorder[c->index] != c))
		return fail(ck, r->loc, "row's category is not one of the system's");
	if (r->code_ok && (!s->cf_ok || !r->code.s))
		return fail(ck, r->loc, "a code matched without a code-format or a code");
	/* the category is found by matching the code, and only then */
	if (r->code_ok != (c != NULL))
		return fail(
		    ck, r->loc,
		    "code '%s' is %smatched by the code-format, yet the row has %s category",
		    r->code.s ? r->code.s : "", r->code_ok ? "" : "not ", c ? "a" : "no");
	if (r->serial < -1 || (r->serial >= 0 && !r->code_ok))
		return fail(ck, r->loc, "serial %ld without a matching code", r->serial);
	return true;
}

static bool check_system(struct ck *ck, const struct system *s)
{
	if (!s->cat_index || !owned(ck, s->cat_index, 1, sizeof(struct strmap)))
		return fail(ck, s->loc, "the category index is not in the arena");
	if (s->ncat && !owned(ck, s->cat_preorder, s->ncat, sizeof *s->cat_preorder))
		return fail(ck, s->loc, "the %zu categories in pre-order are not in the arena",
			    s->ncat);
	struct cat_walk w = { s, 0, 0, 0 };
	if (!check_categories(ck, &w, s->categories, s->ncategories, NULL, 0))
		return false;
	struct seg sg = { NULL, "system", 0 }, rows = { &sg, "standards", 0 },
		   row = { &rows, NULL, 0 };
	ck->seg = &sg;
	if (w.next != s->ncat)
		return fail(ck, s->loc, "%zu categories in pre-order, but the tree has %zu",
			    s->ncat, w.next);
	if (w.codes != ((const struct strmap *)s->cat_index)->n)
		return fail(ck, s->loc, "the code index holds %zu codes, the categories %zu",
			    ((const struct strmap *)s->cat_index)->n, w.codes);
	if (w.code_max != s->cat_code_max)
		return fail(ck, s->loc, "longest category code is %zu bytes, not %zu", w.code_max,
			    s->cat_code_max);
	if (!check_code_format(ck, s))
		return false;
	ck->seg = &row;
	for (row.index = 0; row.index < s->nrows; row.index++)
		if (!check_row(ck, s, &s->rows[row.index], row.index))
			return false;
	ck->seg = NULL;
	return true;
}

static bool check_clauses(struct ck *ck, const struct clause *cl, size_t n,
			  const struct clause *parent, int depth)
{
	for (size_t i = 0; i < n; i++) {
		const struct clause *c = &cl[i];
		if (c->parent != parent || c->depth != depth) {
			char name[80];
			snprintf(name, sizeof name, "clause '%s'", c->num.s ? c->num.s : "");
			struct seg g = { NULL, name, 0 };
			ck->seg = &g;
			return fail(ck, c->loc,
				    "parent or depth (%d) is not where the clause stands",
				    c->depth);
		}
		if (!check_clauses(ck, c->clauses, c->nclauses, c, depth + 1))
			return false;
	}
	return true;
}

static bool check_standard(struct ck *ck, const struct standard *s)
{
	if (!check_clauses(ck, s->clauses, s->nclauses, NULL, 1))
		return false;
	if (s->introduction &&
	    !check_clauses(ck, s->introduction->clauses, s->introduction->nclauses, NULL, 1))
		return false;
	for (size_t i = 0; i < s->nannexes; i++)
		if (!check_clauses(ck, s->annexes[i].clauses, s->annexes[i].nclauses, NULL, 1))
			return false;
	return true;
}

/* What derive_records fills: a survey's parsed score, only for a score that is a rate. */
static bool check_records(struct ck *ck, const struct records *r)
{
	for (size_t i = 0; i < r->nsurveys; i++) {
		const struct survey *sv = &r->surveys[i];
		if (sv->score_ok && !(sv->score_v >= 0 && sv->score_v <= 100))
			return fail(ck, sv->loc, "survey %zu has score %g outside 0–100", i,
				    sv->score_v);
		if (sv->score_ok && !sv->score.s)
			return fail(ck, sv->loc, "survey %zu has a parsed score but no score", i);
	}
	return true;
}

static bool check_model(struct ck *ck)
{
	const struct doc *d = ck->d;
	/* check_doc saw to a known kind */
	const struct rec_def *rec = schema_root(d->kind);
	if (!owned(ck, d->model, 1, rec->size))
		return fail(ck, no_loc, "the model is not in the arena");
	struct seg g = { NULL, rec->name, 0 };
	ck->seg = &g;
	bool ok = check_record(ck, rec, d->model);
	ck->seg = NULL;
	if (!ok)
		return false;
	if (d->kind == DOC_SYSTEM)
		return check_system(ck, d->model);
	if (d->kind == DOC_STANDARD)
		return check_standard(ck, d->model);
	if (d->kind == DOC_RECORDS)
		return check_records(ck, d->model);
	return true;
}

/* ---- entry points ---- */

/* The bounds of positions in the source. Loaders count lines differently where a line ends in
 * anything but LF (libyaml also ends lines at CR, NEL, LS and PS; the XML loader at LF only), so
 * each line's length in code points bounds its columns only where LF is the one line end;
 * otherwise positions are bounded by the number of line ends of any kind and the longest line. */
static void measure_lines(struct ck *ck, const char *src, size_t len)
{
	size_t cap = 0, ends = 0;
	uint32_t longest = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];
		unsigned char c1 = i + 1 < len ? (unsigned char)src[i + 1] : 0;
		ends += c == '\n' || (c == '\r' && c1 != '\n') || (c == 0xC2 && c1 == 0x85) ||
			(c == 0xE2 && c1 == 0x80 && i + 2 < len &&
			 ((unsigned char)src[i + 2] == 0xA8 || (unsigned char)src[i + 2] == 0xA9));
	}
	for (size_t at = 0;;) {
		const char *nl = memchr(src + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - src) : len;
		size_t cps = utf8_count(src + at, end - at);
		XGROW(ck->line_len, cap, ck->nlines + 1);
		ck->line_len[ck->nlines++] = cps > UINT32_MAX ? UINT32_MAX : (uint32_t)cps;
		if (cps > longest)
			longest = ck->line_len[ck->nlines - 1];
		if (!nl)
			break;
		at = end + 1;
	}
	const unsigned char *e = (const unsigned char *)src + len;
	ck->open_end =
	    len && e[-1] != '\n' && e[-1] != '\r' &&
	    !(len >= 2 && e[-2] == 0xC2 && e[-1] == 0x85) &&
	    !(len >= 3 && e[-3] == 0xE2 && e[-2] == 0x80 && (e[-1] == 0xA8 || e[-1] == 0xA9));
	if (ends + 1 != ck->nlines) {
		free(ck->line_len);
		ck->line_len = NULL;
		ck->nlines = ends + 1;
		ck->longest = longest;
	}
}

bool model_check(const struct doc *d, const char *src, size_t len, struct strbuf *why)
{
	struct ck ck = { .d = d, .why = why };
	if (!d->arena)
		return fail(&ck, no_loc, "document has no arena");
	ck.fmt = load_format_of(d->syntax);
	arena_ranges_init(&ck.mem, d->arena);
	marks_init(&ck.marks, &ck.mem);
	if (!ck.fmt)
		fail(&ck, no_loc, "document syntax %d is none of load_formats[]", (int)d->syntax);
	else if (!d->path || !arena_ranges_find(&ck.mem, d->path, 1))
		fail(&ck, no_loc, "document path is not in its arena");
	else
		check_cstr(&ck, d->path, no_loc, "document path");
	if (src && ck.fmt && ck.fmt->bytes != LOAD_BINARY)
		measure_lines(&ck, src, len);
	ck.want_locs = d->model != NULL;
	/* the tree first: check_doc reads the root key's text */
	if (!ck.failed && (!d->root || check_tree(&ck, d->root)) && check_doc(&ck) && d->model) {
		/* the rows a load sink took are no longer in the tree: their positions were kept */
		size_t ntaken;
		const struct loc *taken = model_taken_locs(d, &ntaken);
		for (size_t i = 0; i < ntaken; i++)
			add_loc(&ck, taken[i]);
		if (ck.locs_unsorted)
			qsort(ck.locs, ck.nlocs, sizeof *ck.locs, by_loc);
		check_model(&ck);
	}
	marks_release(&ck.marks);
	free(ck.locs);
	free(ck.line_len);
	arena_ranges_release(&ck.mem);
	return !ck.failed;
}

bool model_check_wanted(void)
{
	static int wanted = -1;
	if (wanted < 0) {
		const char *e = getenv("ZHUN_SELF_CHECK");
		wanted = e && *e && strcmp(e, "0") != 0;
	}
	return wanted;
}

bool model_check_report(const struct doc *d, const char *src, size_t len, struct diag_store *ds)
{
	struct strbuf why;
	strbuf_init(&why);
	bool ok = model_check(d, src, len, &why);
	if (!ok)
		diag_add(ds, DIAG_INTERNAL, d->path, (struct loc){ 0, 0 },
			 _("self-check of the loaded document failed: %s"), why.buf);
	strbuf_release(&why);
	return ok;
}
