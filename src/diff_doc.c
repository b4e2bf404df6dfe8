/* SPDX-License-Identifier: MIT */
/* diff_doc: the clause-level diff of two editions of a standard, the GB/T 1.1—2020 前言 change
 * list derived from it, and its comparison with the declared foreword.changes. */
#include "diff.h"
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "stdno.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* Similarity: the threshold above which two leftover clauses are taken for the same clause,
 * the most pairs ever compared (the leftovers are few unless a document was rewritten, and a
 * rewritten document is reported as added and deleted clauses anyway), the text cut-off. */
#define SIM_THRESHOLD 0.5
#define SIM_MAX_PAIRS 20000
#define SIM_MAX_CPS   4000
/* Characters of an untitled clause's text quoted as its subject in an item. */
#define EXCERPT_CPS 20

/* Per-side lookup tables; keys are strings of the loaded documents, which outlive the diff. */
struct side_index {
	struct strmap num;	   /* num as typed → unit */
	struct strmap tables;	   /* table num → unit holding it */
	struct strmap figures;	   /* figure num → unit holding it */
	struct strmap table_title; /* table title → table num (old side: renumbering of tables) */
	struct strmap figure_title;
};

struct doc_priv {
	struct side_index o, n;
	struct strmap tabmap, figmap; /* old table/figure num → new num, where they differ */
};

/* ---- text helpers ---- */

static const char *fold_dup(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	utf8_fold_space(&sb, s);
	const char *r = sb.len ? arena_strndup(a, sb.buf, sb.len) : NULL;
	strbuf_release(&sb);
	return r;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* ---- bigram similarity ---- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorted distinct code-point bigrams of s (white space skipped); a one-character text gives
 * one pseudo-bigram so that it still compares. Returns the count; *out is malloc'd. */
static size_t bigrams(const char *s, uint64_t **out)
{
	size_t len = s ? strlen(s) : 0, i = 0, n = 0, cps = 0;
	uint64_t *v = xmalloc((len + 1) * sizeof *v);
	uint32_t prev = 0;
	bool have = false;
	while (i < len && cps < SIM_MAX_CPS) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k)
			k = 1;
		i += k;
		if (utf8_is_space(cp))
			continue;
		cps++;
		if (have)
			v[n++] = (uint64_t)prev << 32 | cp;
		prev = cp;
		have = true;
	}
	if (cps == 1)
		v[n++] = (uint64_t)prev << 32 | 0xFFFFFFFFu;
	qsort(v, n, sizeof *v, cmp_u64);
	size_t m = 0;
	for (size_t j = 0; j < n; j++)
		if (!m || v[m - 1] != v[j])
			v[m++] = v[j];
	*out = v;
	return m;
}

static double dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	if (!na && !nb)
		return 1.0;
	if (!na || !nb)
		return 0.0;
	size_t i = 0, j = 0, common = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			common++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(na + nb);
}

double diff_similarity(const char *a, const char *b)
{
	uint64_t *va, *vb;
	size_t na = bigrams(a, &va), nb = bigrams(b, &vb);
	double d = dice(va, na, vb, nb);
	free(va);
	free(vb);
	return d;
}

/* ---- units ---- */

struct builder {
	struct arena *arena;
	struct diff_unit *v;
	size_t n, cap;
	size_t *parent; /* parent index per unit, SIZE_MAX for none (pointers are set at the end) */
	size_t pcap;
	struct side_index *ix;
	struct strbuf sb;
};

static void add_list_text(struct strbuf *sb, const struct list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nitems; i++) {
		utf8_fold_space(sb, l->items[i].text.s);
		for (size_t k = 0; k < l->items[i].paras.n; k++)
			utf8_fold_space(sb, l->items[i].paras.v[k].s);
		add_list_text(sb, l->items[i].sub);
	}
}

/* A table's cells; a cell's spans and footnote marks are part of its text, so that merging or
 * splitting cells, or citing another footnote, is a change of the table. */
static void add_cells_text(struct strbuf *sb, const struct cellrows *cr)
{
	char span[64];
	for (size_t r = 0; r < cr->n; r++) {
		const struct cellrow *row = &cr->v[r];
		for (size_t c = 0; c < row->n; c++) {
			utf8_fold_space(sb, row->v[c].s);
			if (!row->cells)
				continue;
			const struct cell *ce = &row->cells[c];
			if (ce->colspan.set || ce->rowspan.set) {
				snprintf(span, sizeof span, "[%ldx%ld]",
					 ce->colspan.set ? ce->colspan.v : 1L,
					 ce->rowspan.set ? ce->rowspan.v : 1L);
				utf8_fold_space(sb, span);
			}
			for (size_t m = 0; m < ce->marks.n; m++)
				utf8_fold_space(sb, ce->marks.v[m].s);
		}
	}
}

static void index_block(struct builder *b, const struct block *bl, size_t unit)
{
	void *u = (void *)(uintptr_t)(unit + 1);
	if (bl->kind == BLOCK_TABLE && bl->num.s) {
		strmap_put_new(&b->ix->tables, bl->num.s, u);
		if (bl->title.s)
			strmap_put_new(&b->ix->table_title, bl->title.s, (void *)bl->num.s);
	} else if (bl->kind == BLOCK_FIGURE && bl->num.s) {
		strmap_put_new(&b->ix->figures, bl->num.s, u);
		if (bl->title.s)
			strmap_put_new(&b->ix->figure_title, bl->title.s, (void *)bl->num.s);
	}
}

/* The folded text of one block, as the unit's text holds it. */
static void block_text(struct strbuf *sb, const struct block *bl)
{
	switch (bl->kind) {
	case BLOCK_P:
	case BLOCK_NOTE:
	case BLOCK_EXAMPLE:
	case BLOCK_FORMULA:
		utf8_fold_space(sb, bl->text.s);
		break;
	case BLOCK_LIST:
		add_list_text(sb, bl->list);
		break;
	case BLOCK_TABLE:
		utf8_fold_space(sb, bl->title.s);
		add_cells_text(sb, &bl->head);
		add_cells_text(sb, &bl->rows);
		for (size_t k = 0; k < bl->notes.n; k++)
			utf8_fold_space(sb, bl->notes.v[k].s);
		for (size_t k = 0; k < bl->nfootnotes; k++) {
			utf8_fold_space(sb, bl->footnotes[k].mark.s);
			utf8_fold_space(sb, bl->footnotes[k].text.s);
		}
		break;
	case BLOCK_FIGURE:
		utf8_fold_space(sb, bl->title.s);
		break;
	}
}

/* The text of a body. Numbers of tables, figures and formulas are left out: they follow from
 * the order, and renumbering them is not a technical change. */
static void add_body_text(struct builder *b, const struct body *body, size_t unit)
{
	for (size_t i = 0; i < body->n; i++) {
		index_block(b, &body->v[i], unit);
		block_text(&b->sb, &body->v[i]);
	}
}

static size_t new_unit(struct builder *b, size_t parent)
{
	XGROW(b->v, b->cap, b->n + 1);
	XGROW(b->parent, b->pcap, b->n + 1);
	memset(&b->v[b->n], 0, sizeof b->v[b->n]);
	b->v[b->n].index = b->n;
	b->parent[b->n] = parent;
	return b->n++;
}

static void add_clauses(struct builder *b, const struct clause *cl, size_t n, size_t parent,
			int depth)
{
	for (size_t i = 0; i < n; i++) {
		const struct clause *c = &cl[i];
		size_t k = new_unit(b, parent);
		strbuf_reset(&b->sb);
		add_body_text(b, &c->body, k);
		size_t body_len = b->sb.len;
		for (size_t r = 0; r < c->nreferences; r++) {
			utf8_fold_space(&b->sb, c->references[r].number.text.s);
			utf8_fold_space(&b->sb, c->references[r].title.s);
			utf8_fold_space(&b->sb, c->references[r].doc_number.s);
		}
		for (size_t t = 0; t < c->nterms; t++) {
			const struct term *te = &c->terms[t];
			utf8_fold_space(&b->sb, te->term.s);
			utf8_fold_space(&b->sb, te->en.s);
			utf8_fold_space(&b->sb, te->definition.s);
			utf8_fold_space(&b->sb, te->source.s);
			for (size_t q = 0; q < te->notes.n; q++)
				utf8_fold_space(&b->sb, te->notes.v[q].s);
		}
		struct diff_unit *u = &b->v[k];
		u->num = c->num.s ? c->num.s : "";
		u->title = fold_dup(b->arena, c->title.s);
		u->id = c->id.s;
		u->text = arena_strndup(b->arena, b->sb.buf, b->sb.len);
		u->tail = u->text + body_len;
		u->body = &c->body;
		u->loc = c->loc;
		u->depth = depth;
		add_clauses(b, c->clauses, c->nclauses, k, depth + 1);
		b->v[k].size = b->n - k;
	}
}

static void build_units(struct builder *b, const struct standard *s)
{
	add_clauses(b, s->clauses, s->nclauses, SIZE_MAX, 1);
	for (size_t i = 0; i < s->nannexes; i++) {
		const struct annex *a = &s->annexes[i];
		size_t k = new_unit(b, SIZE_MAX);
		strbuf_reset(&b->sb);
		add_body_text(b, &a->body, k);
		struct diff_unit *u = &b->v[k];
		u->num = a->num.s ? a->num.s : "";
		u->title = fold_dup(b->arena, a->title.s);
		u->text = arena_strndup(b->arena, b->sb.buf, b->sb.len);
		u->tail = u->text + b->sb.len;
		u->body = &a->body;
		u->loc = a->loc;
		u->depth = 1;
		u->annex = true;
		u->annex_kind = a->kind.v;
		add_clauses(b, a->clauses, a->nclauses, k, 1);
		b->v[k].size = b->n - k;
	}
	for (size_t i = 0; i < b->n; i++) {
		b->v[i].parent = b->parent[i] == SIZE_MAX ? NULL : &b->v[b->parent[i]];
		strmap_put_new(&b->ix->num, b->v[i].num, &b->v[i]);
	}
}

/* Apply fn (strmap_init, strmap_release) to each of a side's indexes. */
static void side_index_each(struct side_index *ix, void (*fn)(struct strmap *))
{
	struct strmap *maps[] = { &ix->num, &ix->tables, &ix->figures, &ix->table_title,
				  &ix->figure_title };
	for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
		fn(maps[i]);
}

static void side_index_init(struct side_index *ix)
{
	side_index_each(ix, strmap_init);
}

static void side_index_release(struct side_index *ix)
{
	side_index_each(ix, strmap_release);
}

/* ---- matching ---- */

static void link(struct diff_unit *o, struct diff_unit *n)
{
	o->partner = n;
	n->partner = o;
}

/* Both annexes or both clauses: an annex is never taken for a chapter. */
static bool same_sort(const struct diff_unit *o, const struct diff_unit *n)
{
	return o->annex == n->annex;
}

static void match_by_id(struct diff_doc *dd)
{
	struct strmap ids;
	strmap_init(&ids);
	for (size_t i = 0; i < dd->nold; i++)
		if (dd->old_units[i].id)
			strmap_put_new(&ids, dd->old_units[i].id, &dd->old_units[i]);
	for (size_t i = 0; i < dd->nnew; i++) {
		struct diff_unit *n = &dd->new_units[i];
		if (!n->id)
			continue;
		struct diff_unit *o = strmap_get(&ids, n->id);
		if (o && !o->partner && same_sort(o, n))
			link(o, n);
	}
	strmap_release(&ids);
}

/* The matching context of a unit's children: its parent's index, or a root marker. */
static void ctx_key(struct strbuf *sb, const struct diff_unit *parent, bool annex,
		    const char *title)
{
	strbuf_reset(sb);
	if (parent)
		strbuf_addf(sb, "%zu", parent->index);
	else
		strbuf_adds(sb, annex ? "ra" : "r");
	strbuf_addc(sb, '\x1f');
	strbuf_adds(sb, title);
}

struct title_ctx {
	struct strmap map; /* context + title → first old unit; next_same chains the others */
	char **keys;
	size_t nkeys;
};

static void title_ctx_build(struct title_ctx *t, struct diff_doc *dd)
{
	strmap_init(&t->map);
	t->keys = xcalloc(dd->nold ? dd->nold : 1, sizeof *t->keys);
	t->nkeys = 0;
	struct strbuf sb;
	strbuf_init(&sb);
	struct diff_unit **last = xcalloc(dd->nold ? dd->nold : 1, sizeof *last);
	for (size_t i = 0; i < dd->nold; i++) {
		struct diff_unit *o = &dd->old_units[i];
		if (!o->title)
			continue;
		ctx_key(&sb, o->parent, o->annex, o->title);
		char *key = xstrndup(sb.buf, sb.len);
		struct diff_unit *first = strmap_put_new(&t->map, key, o);
		if (first == o) {
			t->keys[t->nkeys++] = key;
			last[i] = o;
		} else {
			free(key);
			/* append to the chain: the tail is remembered at the head's index */
			struct diff_unit *tail = last[first->index];
			tail->next_same = o;
			last[first->index] = o;
		}
	}
	free(last);
	strbuf_release(&sb);
}

static void title_ctx_release(struct title_ctx *t)
{
	strmap_release(&t->map);
	for (size_t i = 0; i < t->nkeys; i++)
		free(t->keys[i]);
	free(t->keys);
}

/* Same title in the same place: under the partner of the parent, or both at the top. */
static void match_by_title_in_place(struct diff_doc *dd, struct title_ctx *t)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < dd->nnew; i++) {
		struct diff_unit *n = &dd->new_units[i];
		if (n->partner || !n->title)
			continue;
		if (n->parent && !n->parent->partner)
			continue;
		ctx_key(&sb, n->parent ? n->parent->partner : NULL, n->annex, n->title);
		for (struct diff_unit *o = strmap_get(&t->map, sb.buf); o; o = o->next_same)
			if (!o->partner && same_sort(o, n)) {
				link(o, n);
				break;
			}
	}
	strbuf_release(&sb);
}

static char multi_marker;
#define MULTI ((void *)&multi_marker)

/* A title that occurs once among the unmatched units of each side names the same clause even
 * when it moved to another chapter. */
static void match_by_unique_title(struct diff_doc *dd)
{
	struct strmap om, nm;
	strmap_init(&om);
	strmap_init(&nm);
	for (size_t i = 0; i < dd->nold; i++) {
		struct diff_unit *o = &dd->old_units[i];
		if (!o->partner && o->title && strmap_put_new(&om, o->title, o) != o)
			strmap_put(&om, o->title, MULTI);
	}
	for (size_t i = 0; i < dd->nnew; i++) {
		struct diff_unit *n = &dd->new_units[i];
		if (!n->partner && n->title && strmap_put_new(&nm, n->title, n) != n)
			strmap_put(&nm, n->title, MULTI);
	}
	for (size_t i = 0; i < dd->nnew; i++) {
		struct diff_unit *n = &dd->new_units[i];
		if (n->partner || !n->title || strmap_get(&nm, n->title) != n)
			continue;
		struct diff_unit *o = strmap_get(&om, n->title);
		if (o && o != MULTI && !o->partner && same_sort(o, n))
			link(o, n);
	}
	strmap_release(&om);
	strmap_release(&nm);
}

struct simpair {
	double score;
	struct diff_unit *o, *n;
};

static int cmp_simpair(const void *a, const void *b)
{
	const struct simpair *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->n->index != y->n->index)
		return x->n->index < y->n->index ? -1 : 1;
	return x->o->index < y->o->index ? -1 : x->o->index > y->o->index;
}

/* Bigrams of a unit's subtree text (its own text and its descendants'), so that a chapter whose
 * title changed is still recognised by what it contains. Cached per unit. */
struct simcache {
	uint64_t **v;
	size_t *n;
};

static void sim_of(struct simcache *c, const struct diff_unit *units, const struct diff_unit *u)
{
	if (c->v[u->index])
		return;
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t k = u->index; k < u->index + u->size && sb.len < SIM_MAX_CPS * 3; k++)
		utf8_fold_space(&sb, units[k].text);
	c->n[u->index] = bigrams(sb.buf, &c->v[u->index]);
	strbuf_release(&sb);
}

static bool same_context(const struct diff_unit *o, const struct diff_unit *n)
{
	if (!n->parent)
		return !o->parent;
	return n->parent->partner && n->parent->partner == o->parent;
}

static void match_by_similarity(struct diff_doc *dd)
{
	struct diff_unit **uo = xmalloc((dd->nold + 1) * sizeof *uo);
	struct diff_unit **un = xmalloc((dd->nnew + 1) * sizeof *un);
	size_t no = 0, nn = 0;
	for (size_t i = 0; i < dd->nold; i++)
		if (!dd->old_units[i].partner)
			uo[no++] = &dd->old_units[i];
	for (size_t i = 0; i < dd->nnew; i++)
		if (!dd->new_units[i].partner)
			un[nn++] = &dd->new_units[i];
	/* All pairs when the leftovers are few; otherwise only pairs in the same place. */
	bool all = no && nn && no <= SIM_MAX_PAIRS / nn;
	struct simcache oc = { xcalloc(dd->nold + 1, sizeof(uint64_t *)),
			       xcalloc(dd->nold + 1, sizeof(size_t)) };
	struct simcache nc = { xcalloc(dd->nnew + 1, sizeof(uint64_t *)),
			       xcalloc(dd->nnew + 1, sizeof(size_t)) };
	struct simpair *pairs = NULL;
	size_t np = 0, cap = 0, tried = 0;
	for (size_t j = 0; j < nn && tried < SIM_MAX_PAIRS; j++) {
		for (size_t i = 0; i < no && tried < SIM_MAX_PAIRS; i++) {
			if (!same_sort(uo[i], un[j]) || (!all && !same_context(uo[i], un[j])))
				continue;
			tried++;
			sim_of(&oc, dd->old_units, uo[i]);
			sim_of(&nc, dd->new_units, un[j]);
			size_t a = oc.n[uo[i]->index], b = nc.n[un[j]->index];
			/* Dice cannot reach the threshold when the sizes are too far apart. */
			if (a + b &&
			    2.0 * (double)(a < b ? a : b) / (double)(a + b) < SIM_THRESHOLD)
				continue;
			double s = dice(oc.v[uo[i]->index], a, nc.v[un[j]->index], b);
			if (s < SIM_THRESHOLD)
				continue;
			XGROW(pairs, cap, np + 1);
			pairs[np++] = (struct simpair){ s, uo[i], un[j] };
		}
	}
	if (np)
		qsort(pairs, np, sizeof *pairs, cmp_simpair);
	for (size_t k = 0; k < np; k++)
		if (!pairs[k].o->partner && !pairs[k].n->partner)
			link(pairs[k].o, pairs[k].n);
	for (size_t i = 0; i <= dd->nold; i++)
		free(oc.v[i]);
	for (size_t i = 0; i <= dd->nnew; i++)
		free(nc.v[i]);
	free(oc.v);
	free(oc.n);
	free(nc.v);
	free(nc.n);
	free(pairs);
	free(uo);
	free(un);
}

static const char *last_segment(const char *num)
{
	const char *dot = strrchr(num, '.');
	return dot ? dot + 1 : num;
}

/* An untitled 条 at the same position under matched parents is the same 条, however much its
 * text changed (it has nothing else to be recognised by). */
static void match_untitled_by_number(struct diff_doc *dd)
{
	for (size_t i = 0; i < dd->nnew; i++) {
		struct diff_unit *n = &dd->new_units[i];
		if (n->partner || n->title || !n->parent || !n->parent->partner)
			continue;
		struct diff_unit *p = n->parent->partner;
		const char *seg = last_segment(n->num);
		size_t end = p->index + p->size, scanned = 0;
		for (size_t k = p->index + 1; k < end && scanned < 2000;
		     k += dd->old_units[k].size) {
			struct diff_unit *o = &dd->old_units[k];
			scanned++;
			if (!o->partner && !o->title && !strcmp(last_segment(o->num), seg)) {
				link(o, n);
				break;
			}
		}
	}
}

/* ---- renumbering of cross-references ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Length of a clause-number token at s ("4.2", "A.1", "5", "A"), 0 if none. `dotted` requires
 * at least one dot. */
static size_t num_token(const char *s, bool dotted)
{
	size_t i = 0;
	if (is_upper(s[0]) && !is_upper(s[1]))
		i = 1;
	else
		while (is_digit(s[i]))
			i++;
	if (!i)
		return 0;
	size_t dots = 0;
	while (s[i] == '.' && is_digit(s[i + 1])) {
		i++;
		while (is_digit(s[i]))
			i++;
		dots++;
	}
	if (dotted && !dots)
		return 0;
	if (is_digit(s[i]) || (s[i] >= 'a' && s[i] <= 'z') || is_upper(s[i]))
		return 0;
	return i;
}

static bool starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Copy `text` into sb with every reference to a renumbered clause, chapter, annex, table or
 * figure replaced by its new number (XREF-001 forms). Bare numbers are left alone: "2 h" is
 * not chapter 2. A dotted number right after an ASCII letter, digit, space or slash belongs to
 * a standard number ("GB/T 1.1") and is left alone too. */
static void renumber(struct strbuf *sb, const char *text, const struct strmap *clauses,
		     const struct strmap *tables, const struct strmap *figures)
{
	strbuf_reset(sb);
	size_t len = strlen(text), i = 0;
	bool prev_ascii_word = false; /* previous char was an ASCII letter/digit/space/./slash */
	while (i < len) {
		const char *s = text + i;
		const struct strmap *m = NULL;
		size_t lead = 0, tok = 0, trail = 0;
		if (starts(s, "第") && (tok = num_token(s + 3, false)) && is_digit(s[3]) &&
		    starts(s + 3 + tok, "章")) {
			m = clauses, lead = 3, trail = 3;
		} else if (starts(s, "附录") && is_upper(s[6]) && (tok = num_token(s + 6, false))) {
			m = clauses, lead = 6;
		} else if (starts(s, "表") && (tok = num_token(s + 3, false))) {
			m = tables, lead = 3;
		} else if (starts(s, "图") && (tok = num_token(s + 3, false))) {
			m = figures, lead = 3;
		} else if (!prev_ascii_word && (tok = num_token(s, true))) {
			m = clauses;
		}
		if (m) {
			const char *to = strmap_getn(m, s + lead, tok);
			strbuf_add(sb, s, lead);
			if (to)
				strbuf_adds(sb, to);
			else
				strbuf_add(sb, s + lead, tok);
			strbuf_add(sb, s + lead + tok, trail);
			i += lead + tok + trail;
			prev_ascii_word = !lead;
			continue;
		}
		unsigned char c = (unsigned char)*s;
		prev_ascii_word =
		    c < 0x80 && (is_digit((char)c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
				 c == ' ' || c == '.' || c == '/' || c == '-');
		strbuf_addc(sb, (char)c);
		i++;
	}
}

/* ---- items ---- */

const char *diff_unit_pos(const struct diff_unit *u, char *buf, size_t len)
{
	if (u->annex)
		snprintf(buf, len, "附录%s", u->num);
	else if (u->depth == 1 && !u->parent && is_digit(u->num[0]))
		snprintf(buf, len, "第%s章", u->num);
	else
		snprintf(buf, len, "%s", u->num);
	return buf;
}

/* What an item calls a unit: its title, else the start of its text. */
static void subject(struct strbuf *sb, const struct diff_unit *u)
{
	if (u->title) {
		strbuf_adds(sb, u->title);
		return;
	}
	const char *t = u->text ? u->text : "";
	size_t len = strlen(t);
	if (!len) {
		strbuf_adds(sb, u->num);
		return;
	}
	/* Up to the first clause delimiter when it comes early, else a cut with an ellipsis. */
	size_t i = 0, n = 0;
	while (i < len && n < EXCERPT_CPS) {
		if (starts(t + i, "。") || starts(t + i, "，") || starts(t + i, "；") ||
		    starts(t + i, "：")) {
			strbuf_add(sb, t, i);
			return;
		}
		uint32_t cp;
		size_t k = utf8_decode(t + i, len - i, &cp);
		i += k ? k : 1;
		n++;
	}
	strbuf_add(sb, t, i);
	if (i < len)
		strbuf_adds(sb, "…");
}

static const char *annex_word(int kind)
{
	return kind == ANNEX_NORMATIVE	   ? "规范性附录"
	       : kind == ANNEX_INFORMATIVE ? "资料性附录"
					   : "附录";
}

static bool is_chapter(const struct diff_unit *u)
{
	return !u->annex && !u->parent && is_digit(u->num[0]);
}

/* The one table or figure a change of text lies in: the two bodies hold the same blocks, the
 * references and terms read the same, and every block but one table or figure reads the same.
 * Returns that block of the new edition (and the old one in *old), or NULL. */
static const struct block *only_block(const struct diff_unit *o, const struct diff_unit *n,
				      const struct block **old)
{
	if (!o->body || !n->body || o->body->n != n->body->n || strcmp(o->tail, n->tail) != 0)
		return NULL;
	const struct block *hit = NULL;
	struct strbuf a, b;
	strbuf_init(&a);
	strbuf_init(&b);
	for (size_t i = 0; i < n->body->n; i++) {
		const struct block *ob = &o->body->v[i], *nb = &n->body->v[i];
		if (ob->kind != nb->kind) {
			hit = NULL;
			break;
		}
		strbuf_reset(&a);
		strbuf_reset(&b);
		block_text(&a, ob);
		block_text(&b, nb);
		if (a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0)
			continue;
		if (hit || (nb->kind != BLOCK_TABLE && nb->kind != BLOCK_FIGURE) || !nb->num.s ||
		    !ob->num.s) {
			hit = NULL;
			i = n->body->n; /* a second change, or one outside a table: the clause */
			continue;
		}
		hit = nb;
		*old = ob;
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return hit;
}

/* A clause or annex added or deleted as a whole: 增加了附录A“…”, 删除了“…”一章. */
static void whole_unit(struct strbuf *sb, const char *verb, const struct diff_unit *u)
{
	strbuf_adds(sb, verb);
	if (u->annex)
		strbuf_adds(sb, annex_word(u->annex_kind));
	strbuf_adds(sb, "“");
	subject(sb, u);
	strbuf_adds(sb, "”");
	if (is_chapter(u))
		strbuf_adds(sb, "一章");
}

static void item_text(struct diff_doc *dd, struct diff_item *it)
{
	struct strbuf sb, np, op;
	strbuf_init(&sb);
	strbuf_init(&np);
	strbuf_init(&op);
	char pos[96];
	const struct diff_unit *o = it->old_u, *n = it->new_u;
	const struct block *ob = NULL, *nb = NULL;
	switch (it->kind) {
	case CHANGE_ADDED:
		whole_unit(&sb, "增加了", n);
		strbuf_adds(&np, diff_unit_pos(n, pos, sizeof pos));
		break;
	case CHANGE_DELETED:
		whole_unit(&sb, "删除了", o);
		strbuf_adds(&op, diff_unit_pos(o, pos, sizeof pos));
		break;
	case CHANGE_CHANGED:
		if (n->title_changed && o->title && n->title) {
			strbuf_addf(&sb, "将“%s”更改为“%s”", o->title, n->title);
		} else if (n->title_changed && n->annex) {
			strbuf_addf(&sb, "将附录%s由%s更改为%s", o->num, annex_word(o->annex_kind),
				    annex_word(n->annex_kind));
		} else if (!n->title_changed && (nb = only_block(o, n, &ob))) {
			/* the change lies in one table or figure: name it, not the clause */
			const char *word = nb->kind == BLOCK_TABLE ? "表" : "图";
			strbuf_adds(&sb, "更改了");
			if (nb->title.s && *nb->title.s)
				strbuf_addf(&sb, "“%s”", nb->title.s);
			else
				strbuf_addf(&sb, "%s%s", word, nb->num.s);
			strbuf_addf(&np, "%s%s", word, nb->num.s);
			strbuf_addf(&op, "%s%s", word, ob->num.s);
			break;
		} else {
			strbuf_adds(&sb, "更改了");
			if (n->annex)
				strbuf_adds(&sb, "附录");
			strbuf_adds(&sb, "“");
			subject(&sb, n);
			strbuf_adds(&sb, "”");
		}
		strbuf_adds(&np, diff_unit_pos(n, pos, sizeof pos));
		strbuf_adds(&op, diff_unit_pos(o, pos, sizeof pos));
		break;
	}
	it->wording = arena_strndup(dd->arena, sb.buf, sb.len);
	it->new_pos = np.len ? arena_strndup(dd->arena, np.buf, np.len) : NULL;
	it->old_pos = op.len ? arena_strndup(dd->arena, op.buf, op.len) : NULL;
	/* GB/T 1.1—2020 (前言): （见5.3）, （见2009年版的4.2）, （见5.4，2009年版的4.3） */
	strbuf_adds(&sb, "（见");
	if (np.len)
		strbuf_add(&sb, np.buf, np.len);
	if (op.len) {
		if (np.len)
			strbuf_adds(&sb, "，");
		if (dd->old_year)
			strbuf_addf(&sb, "%d年版的%s", dd->old_year, op.buf);
		else
			strbuf_addf(&sb, "原文件的%s", op.buf);
	}
	strbuf_adds(&sb, "）");
	it->text = arena_strndup(dd->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	strbuf_release(&np);
	strbuf_release(&op);
}

static void add_item(struct diff_doc *dd, size_t *cap, enum change_kind kind,
		     const struct diff_unit *o, const struct diff_unit *n)
{
	XGROW(dd->items, *cap, dd->nitems + 1);
	struct diff_item *it = &dd->items[dd->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->old_u = o;
	it->new_u = n;
	item_text(dd, it);
}

/* Old table/figure numbers → new ones, for tables and figures matched by title. */
static void map_by_title(struct strmap *out, const struct strmap *old_titles,
			 const struct strmap *new_titles)
{
	for (size_t i = 0; i < old_titles->cap; i++) {
		const struct strmap_slot *sl = &old_titles->slots[i];
		if (!sl->key)
			continue;
		const char *to = strmap_getn(new_titles, sl->key, sl->len);
		if (to && strcmp(to, sl->value))
			strmap_put(out, sl->value, (void *)to);
	}
}

static void classify(struct diff_doc *dd)
{
	struct doc_priv *pv = dd->priv;
	struct strmap clauses;
	strmap_init(&clauses);
	for (size_t i = 0; i < dd->nnew; i++) {
		struct diff_unit *n = &dd->new_units[i];
		if (n->partner && strcmp(n->partner->num, n->num))
			strmap_put(&clauses, n->partner->num, (void *)n->num);
	}
	map_by_title(&pv->tabmap, &pv->o.table_title, &pv->n.table_title);
	map_by_title(&pv->figmap, &pv->o.figure_title, &pv->n.figure_title);
	struct strbuf sb;
	strbuf_init(&sb);
	size_t cap = 0;
	for (size_t i = 0; i < dd->nnew; i++) {
		struct diff_unit *n = &dd->new_units[i];
		struct diff_unit *o = n->partner;
		if (!o) {
			if (!n->parent || n->parent->partner)
				add_item(dd, &cap, CHANGE_ADDED, NULL, n);
			continue;
		}
		n->title_changed =
		    !str_eq(o->title, n->title) || (n->annex && o->annex_kind != n->annex_kind);
		renumber(&sb, o->text, &clauses, &pv->tabmap, &pv->figmap);
		n->text_changed = strcmp(sb.buf, n->text) != 0;
		bool place = n->parent ? n->parent->partner != o->parent : o->parent != NULL;
		n->moved = strcmp(o->num, n->num) || place;
		o->title_changed = n->title_changed;
		o->text_changed = n->text_changed;
		o->moved = n->moved;
		if (n->title_changed || n->text_changed)
			add_item(dd, &cap, CHANGE_CHANGED, o, n);
		else if (n->moved)
			dd->moved++;
	}
	for (size_t i = 0; i < dd->nold; i++) {
		struct diff_unit *o = &dd->old_units[i];
		if (!o->partner && (!o->parent || o->parent->partner))
			add_item(dd, &cap, CHANGE_DELETED, o, NULL);
	}
	strbuf_release(&sb);
	strmap_release(&clauses);
}

void diff_doc_run(struct diff_doc *dd, const struct doc *old_doc, const struct doc *new_doc)
{
	memset(dd, 0, sizeof *dd);
	dd->arena = arena_new();
	dd->old_doc = old_doc;
	dd->new_doc = new_doc;
	dd->old_std = old_doc->model;
	dd->new_std = new_doc->model;
	struct doc_priv *pv = xcalloc(1, sizeof *pv);
	dd->priv = pv;
	side_index_init(&pv->o);
	side_index_init(&pv->n);
	strmap_init(&pv->tabmap);
	strmap_init(&pv->figmap);
	struct builder b = { dd->arena, NULL, 0, 0, NULL, 0, &pv->o, STRBUF_INIT };
	build_units(&b, dd->old_std);
	dd->old_units = b.v;
	dd->nold = b.n;
	free(b.parent);
	strbuf_release(&b.sb);
	b = (struct builder){ dd->arena, NULL, 0, 0, NULL, 0, &pv->n, STRBUF_INIT };
	build_units(&b, dd->new_std);
	dd->new_units = b.v;
	dd->nnew = b.n;
	free(b.parent);
	strbuf_release(&b.sb);
	if (dd->old_std->number.ok)
		dd->old_year = dd->old_std->number.no.year;

	struct title_ctx t;
	title_ctx_build(&t, dd);
	match_by_id(dd);
	match_by_title_in_place(dd, &t);
	match_by_unique_title(dd);
	match_by_similarity(dd);
	/* Parents matched by similarity let their children match by title, then by number. */
	match_by_title_in_place(dd, &t);
	match_by_unique_title(dd);
	match_untitled_by_number(dd);
	title_ctx_release(&t);
	classify(dd);
}

void diff_doc_release(struct diff_doc *dd)
{
	struct doc_priv *pv = dd->priv;
	if (pv) {
		side_index_release(&pv->o);
		side_index_release(&pv->n);
		strmap_release(&pv->tabmap);
		strmap_release(&pv->figmap);
		free(pv);
	}
	free(dd->old_units);
	free(dd->new_units);
	free(dd->items);
	arena_free(dd->arena);
	memset(dd, 0, sizeof *dd);
}

/* ---- the 前言 list ---- */

static void number_of(const struct standard *s, struct strbuf *sb)
{
	if (s->number.ok)
		stdno_format(&s->number.no, sb);
	else if (s->number.text.s)
		strbuf_adds(sb, s->number.text.s);
	else
		strbuf_adds(sb, "？");
}

/* a b … z, then aa ab …: GB/T 1.1 lists rarely run past z, but a list must never repeat. */
static void letter(struct strbuf *sb, size_t i)
{
	if (i >= 26)
		letter(sb, i / 26 - 1);
	strbuf_addc(sb, (char)('a' + i % 26));
}

void diff_doc_foreword(const struct diff_doc *dd, struct strbuf *out)
{
	struct strbuf no;
	strbuf_init(&no);
	number_of(dd->old_std, &no);
	strbuf_addf(out, "本文件代替%s《%s》，与%s相比，除结构调整和编辑性改动外，", no.buf,
		    dd->old_std->title.s ? dd->old_std->title.s : "", no.buf);
	if (!dd->nitems)
		strbuf_adds(out, "没有技术变化。\n");
	else
		strbuf_adds(out, "主要技术变化如下：\n");
	for (size_t i = 0; i < dd->nitems; i++) {
		letter(out, i);
		strbuf_addf(out, "）%s%s\n", dd->items[i].text, i + 1 < dd->nitems ? "；" : "。");
	}
	strbuf_release(&no);
}

static const char *const change_words[] = { "", "added", "changed", "deleted" };

/* A YAML double-quoted scalar: every character but '"', '\\' and the controls as it is. */
static void yq(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			strbuf_addf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(out, "\\x%02x", c);
		else
			strbuf_addc(out, (char)c);
	}
	strbuf_addc(out, '"');
}

void diff_doc_changes_yaml(const struct diff_doc *dd, struct strbuf *out)
{
	strbuf_addf(out, "# %s: the main technical changes since %s, to paste under `foreword:`\n",
		    dd->new_doc && dd->new_doc->path ? dd->new_doc->path : "the new edition",
		    dd->old_doc && dd->old_doc->path ? dd->old_doc->path : "the old edition");
	strbuf_adds(
	    out,
	    "# (beside `body:`, indented as `body:` is); `zhun render` words them as a), b) …\n");
	if (!dd->nitems) {
		strbuf_adds(out, "changes: []\n");
		return;
	}
	strbuf_adds(out, "changes:\n");
	for (size_t i = 0; i < dd->nitems; i++) {
		const struct diff_item *it = &dd->items[i];
		strbuf_addf(out, "  - {kind: %s, text: ", change_words[it->kind]);
		yq(out, it->wording);
		/* each position as a list of one: `, new: ["5.3"]` */
		const char *const pos[2][2] = { { "new", it->new_pos }, { "old", it->old_pos } };
		for (int k = 0; k < 2; k++)
			if (pos[k][1]) {
				strbuf_addf(out, ", %s: [", pos[k][0]);
				yq(out, pos[k][1]);
				strbuf_addc(out, ']');
			}
		strbuf_adds(out, "}\n");
	}
}

void diff_doc_changes_json(const struct diff_doc *dd, struct json_writer *w, const char *key)
{
	json_begin_array(w, key, JSON_PRETTY);
	for (size_t i = 0; i < dd->nitems; i++) {
		const struct diff_item *it = &dd->items[i];
		json_begin_object(w, NULL, JSON_LINE);
		json_string(w, "kind", change_words[it->kind]);
		json_string(w, "text", it->wording);
		json_begin_array(w, "new", JSON_LINE);
		if (it->new_pos)
			json_string(w, NULL, it->new_pos);
		json_end(w);
		json_begin_array(w, "old", JSON_LINE);
		if (it->old_pos)
			json_string(w, NULL, it->old_pos);
		json_end(w);
		json_end(w);
	}
	json_end(w);
}

/* ---- foreword.changes against the real diff ---- */

/* Resolve one declared position ("第6章", "5.3", "附录A", "表1", "2018年版的4.2") to a unit of
 * `units`; tables and figures resolve to the unit holding them. */
static const struct diff_unit *resolve_pos(const struct diff_unit *units,
					   const struct side_index *ix, const char *pos)
{
	if (!pos)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	utf8_fold_space(&sb, pos);
	const char *s = sb.buf;
	const char *ban = strstr(s, "年版的");
	if (ban)
		s = ban + strlen("年版的");
	if (starts(s, "见"))
		s += strlen("见");
	const struct diff_unit *u = NULL;
	void *v = NULL;
	size_t tok;
	if (starts(s, "第") && (tok = num_token(s + 3, false)))
		u = strmap_getn(&ix->num, s + 3, tok);
	else if (starts(s, "附录") && (tok = num_token(s + 6, false)))
		u = strmap_getn(&ix->num, s + 6, tok);
	else if (starts(s, "表") && (tok = num_token(s + 3, false)))
		v = strmap_getn(&ix->tables, s + 3, tok);
	else if (starts(s, "图") && (tok = num_token(s + 3, false)))
		v = strmap_getn(&ix->figures, s + 3, tok);
	else if ((tok = num_token(s, false)))
		u = strmap_getn(&ix->num, s, tok);
	if (v)
		u = &units[(size_t)(uintptr_t)v - 1];
	strbuf_release(&sb);
	return u;
}

/* Marks over one side's units: declared (or item) units, and every ancestor of one. */
struct marks {
	bool *self, *below;
};

static void mark(struct marks *m, const struct diff_unit *u)
{
	m->self[u->index] = true;
	for (const struct diff_unit *p = u->parent; p && !m->below[p->index]; p = p->parent)
		m->below[p->index] = true;
}

/* Does a mark sit on u, on one of its ancestors or below it? */
static bool marked(const struct marks *m, const struct diff_unit *u)
{
	if (m->below[u->index])
		return true;
	for (const struct diff_unit *p = u; p; p = p->parent)
		if (m->self[p->index])
			return true;
	return false;
}

void diff_doc_check_foreword(struct diff_doc *dd, struct diag_store *ds)
{
	const struct foreword *fw = dd->new_std->foreword;
	if (!fw || !fw->nchanges)
		return;
	struct doc_priv *pv = dd->priv;
	struct marks dn = { xcalloc(dd->nnew + 1, 1), xcalloc(dd->nnew + 1, 1) };
	struct marks dold = { xcalloc(dd->nold + 1, 1), xcalloc(dd->nold + 1, 1) };
	struct marks in = { xcalloc(dd->nnew + 1, 1), xcalloc(dd->nnew + 1, 1) };
	struct marks io = { xcalloc(dd->nold + 1, 1), xcalloc(dd->nold + 1, 1) };
	for (size_t i = 0; i < fw->nchanges; i++) {
		const struct change *c = &fw->changes[i];
		for (size_t k = 0; k < c->new_.n; k++) {
			const struct diff_unit *u =
			    resolve_pos(dd->new_units, &pv->n, c->new_.v[k].s);
			if (u)
				mark(&dn, u);
		}
		for (size_t k = 0; k < c->old.n; k++) {
			const struct diff_unit *u =
			    resolve_pos(dd->old_units, &pv->o, c->old.v[k].s);
			if (u)
				mark(&dold, u);
		}
	}
	for (size_t i = 0; i < dd->nitems; i++) {
		struct diff_item *it = &dd->items[i];
		if (it->new_u)
			mark(&in, it->new_u);
		if (it->old_u)
			mark(&io, it->old_u);
		it->covered = (it->new_u && marked(&dn, it->new_u)) ||
			      (it->old_u && marked(&dold, it->old_u));
	}
	const char *nf = dd->new_doc->path, *of = dd->old_doc->path;
	for (size_t i = 0; i < dd->nitems; i++) {
		const struct diff_item *it = &dd->items[i];
		if (it->covered)
			continue;
		struct diag *d =
		    diag_add(ds, DIAG_DIFF_FOREWORD_MISSING, nf, fw->loc,
			     _("technical change not declared in foreword.changes: %s"), it->text);
		char pos[96];
		if (it->old_u)
			diag_set_related(ds, d, of, it->old_u->loc, _("old text at %s"),
					 diff_unit_pos(it->old_u, pos, sizeof pos));
		else
			diag_set_related(ds, d, of, dd->old_std->loc,
					 _("not in the old edition; added at %s"),
					 diff_unit_pos(it->new_u, pos, sizeof pos));
		diag_set_help(d, _("add it to foreword.changes, or run 'zhun diff --foreword' for "
				   "the whole list"));
	}
	for (size_t i = 0; i < fw->nchanges; i++) {
		const struct change *c = &fw->changes[i];
		bool resolved = false, founded = false;
		const struct diff_unit *old_at = NULL;
		for (size_t k = 0; k < c->new_.n; k++) {
			const struct diff_unit *u =
			    resolve_pos(dd->new_units, &pv->n, c->new_.v[k].s);
			if (u) {
				resolved = true;
				founded = founded || marked(&in, u);
				/* the same clause in the old edition, unchanged */
				old_at = old_at ? old_at : u->partner;
			}
		}
		for (size_t k = 0; k < c->old.n; k++) {
			const struct diff_unit *u =
			    resolve_pos(dd->old_units, &pv->o, c->old.v[k].s);
			if (u) {
				resolved = true;
				old_at = old_at ? old_at : u;
				founded = founded || marked(&io, u);
			}
		}
		/* A position that names nothing in either edition cannot be judged here; the
		 * cross-reference check reports it. */
		if (!resolved || founded)
			continue;
		struct diag *d = diag_add(ds, DIAG_DIFF_FOREWORD_UNFOUNDED, nf, c->loc,
					  _("declared change '%s' has no counterpart in the text"),
					  c->text.s ? c->text.s : "");
		char pos[96];
		if (old_at)
			diag_set_related(ds, d, of, old_at->loc,
					 _("the same text in the old edition at %s"),
					 diff_unit_pos(old_at, pos, sizeof pos));
		else
			diag_set_related(ds, d, of, dd->old_std->loc, _("old edition compared"));
	}
	free(dn.self);
	free(dn.below);
	free(dold.self);
	free(dold.below);
	free(in.self);
	free(in.below);
	free(io.self);
	free(io.below);
}
