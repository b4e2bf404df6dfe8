/* SPDX-License-Identifier: MIT */
/* check_num: the numbering of one standard document (domain-rules.md NUM): chapters and 条
 * (with the 引言's 0.n, DOC-005), annexes and their letters, figures, tables and formulas,
 * lists, notes and term entries; the titles of sibling 条, subdivided and hanging clauses, and
 * what an annex may not hold (DOC-011). */
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* NUM-003: a number has at most 6 segments (chapter + five levels of 条, GB/T 1.1—2020 附录A);
 * from 5 segments on we warn because subdividing that deep is discouraged. Constants until
 * zhun.yaml grows a setting for them (domain-rules.md asks for the limit to be configurable). */
enum { NUM_MAX_SEGMENTS = 6, NUM_DEEP_SEGMENTS = 5 };

/* Where a group of clauses lives: numbering differs (4.1 / A.1 / 0.1). */
enum scope { SCOPE_BODY, SCOPE_INTRO, SCOPE_ANNEX };

/* Consecutive numbering of one sibling group or one object series. */
struct seqst {
	long prev;	       /* value of the last well-formed member, 0 before the first */
	const char *prev_text; /* its number as typed */
	size_t pos;	       /* members seen so far, well-formed or not */
};

/* Figures, tables and formulas run 1, 2, 3 … through the body and X.1, X.2 … in annex X. */
struct objscope {
	const char *letter; /* annex letter, NULL for the body */
	struct seqst st[3]; /* tables, figures, formulas */
};

struct num_run {
	struct check_ctx *c;
	struct doc_info *di;
	const struct standard *s;
	const char *file;
	struct strbuf sb;
	/* clauses of NUM_DEEP_SEGMENTS levels or more: counted, reported once (report_deep) */
	const struct clause *deep_first, *deepest;
	int deep_segs;
	size_t deep_n;
};

/* ---- numbers ---- */

/* [1-9][0-9]* of at most 9 digits → its value, else -1. */
long check_num_segment(const char *s, size_t n)
{
	if (!n || n > 9 || s[0] < '1' || s[0] > '9')
		return -1;
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool is_annex_letter(const char *s)
{
	return s && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '\0';
}

/* A well-formed number: a first segment ([1-9][0-9]*, 0 for the 引言, or an annex letter)
 * and any number of ".n". */
static bool well_formed(const char *num)
{
	const char *dot = strchr(num, '.');
	size_t n0 = dot ? (size_t)(dot - num) : strlen(num);
	bool first = (n0 == 1 && ((num[0] >= 'A' && num[0] <= 'Z') || num[0] == '0')) ||
		     check_num_segment(num, n0) > 0;
	if (!first)
		return false;
	while (dot) {
		const char *s = dot + 1;
		dot = strchr(s, '.');
		size_t n = dot ? (size_t)(dot - s) : strlen(s);
		if (check_num_segment(s, n) < 0)
			return false;
	}
	return true;
}

/* The value k when num is `parent.k` (or `k` for a chapter, parent NULL); 0 when num is well
 * formed but not a child of parent; -1 when it is malformed. */
static long child_value(const char *num, const char *parent)
{
	if (!well_formed(num))
		return -1;
	if (!parent) {
		if (strchr(num, '.'))
			return 0;
		long v = check_num_segment(num, strlen(num));
		return v > 0 ? v : 0;
	}
	size_t pl = strlen(parent);
	if (strncmp(num, parent, pl) || num[pl] != '.' || strchr(num + pl + 1, '.'))
		return 0;
	return check_num_segment(num + pl + 1, strlen(num + pl + 1));
}

const char *check_num_format(struct check_ctx *c, const char *parent, long k)
{
	return parent ? arena_printf(c->arena, "%s.%ld", parent, k)
		      : arena_printf(c->arena, "%ld", k);
}

void check_num_renumber(struct diag *d, const struct text *num, const char *expected)
{
	if (!d)
		return;
	diag_set_help(d, _("renumber to %s"), expected);
	if (num)
		diag_set_fix_text(d, num, expected);
}

static bool seq_ok(struct seqst *st, long v, const char *text)
{
	st->pos++;
	bool ok = v == st->prev + 1 || v == (long)st->pos;
	st->prev = v;
	st->prev_text = text;
	return ok;
}

static bool has_title(const struct clause *cl)
{
	return !utf8_is_blank(cl->title.s);
}

/* ---- NUM-011 lists, NUM-017 notes ---- */

struct leaves {
	const struct list_item **v;
	size_t n, cap;
	const struct list *too_deep;
};

static void collect_leaves(const struct list *l, int level, struct leaves *lv)
{
	if (level > 2) {
		if (!lv->too_deep)
			lv->too_deep = l;
		return;
	}
	for (size_t i = 0; i < l->nitems; i++) {
		const struct list_item *it = &l->items[i];
		if (it->sub && it->sub->nitems) {
			/* an item that opens a sub-list is its lead-in ("…：") */
			collect_leaves(it->sub, level + 1, lv);
			continue;
		}
		XGROW(lv->v, lv->cap, lv->n + 1);
		lv->v[lv->n++] = it;
	}
}

static void check_list(struct num_run *r, const struct list *l)
{
	/* NUM-011: the first level is lettered a) b) or dashed; 1) 2) belongs to the second */
	if (l->style.v == LIST_NUMBER) {
		struct diag *d =
		    diag_add(r->c->ds, DIAG_NUM_LIST_STYLE, r->file, l->style.loc,
			     _("a first-level list is numbered 1) 2); number it a) b) or "
			       "mark it with dashes"));
		diag_set_help(d, _("write 'style: letter' or 'style: dash'; 1) 2) numbers a list "
				   "nested in an item"));
	}
	struct leaves lv = { 0 };
	collect_leaves(l, 1, &lv);
	if (lv.too_deep)
		diag_add(r->c->ds, DIAG_NUM_LIST_DEPTH, r->file, lv.too_deep->loc,
			 _("list is nested more than two levels deep"));
	/* House rule (published practice): every item but the last ends with ；, the last with 。 —
	 * counted over the leaves in reading order, so a sub-list's last item ends with ；
	 * when the outer list goes on. One finding per list is enough to show the pattern. */
	for (size_t i = 0; i < lv.n; i++) {
		const struct list_item *it = lv.v[i];
		/* an item of several paragraphs ends where its last paragraph ends */
		const struct text *end = it->paras.n ? &it->paras.v[it->paras.n - 1] : &it->text;
		if (!end->s)
			continue;
		struct strbuf *t = &r->sb;
		strbuf_reset(t);
		utf8_fold_space(t, end->s);
		bool last = i + 1 == lv.n;
		const char *want = last ? "。" : "；";
		if (str_has_suffix(t->buf, want))
			continue;
		struct diag *d = diag_add(r->c->ds, DIAG_NUM_LIST_PUNCT, r->file, end->loc,
					  last ? _("last list item '%s' does not end with '。'")
					       : _("list item '%s' does not end with '；'"),
					  check_clip(r->c, t->buf));
		diag_set_help(
		    d, _("end every item but the last with '；' and the last item with '。'"));
		break;
	}
	free(lv.v);
}

static void check_note_text(struct num_run *r, const struct text *t)
{
	if (!t->s)
		return;
	size_t len;
	size_t off = check_doc_find_modal(t->s, true, &len);
	if (off == SIZE_MAX)
		return;
	struct diag *d =
	    diag_add(r->c->ds, DIAG_NUM_NOTE_REQUIREMENT, r->file, text_loc_at(t, off),
		     _("note contains the requirement verb '%.*s'"), (int)len, t->s + off);
	diag_set_help(d,
		      _("notes give information only; state the requirement in the text itself"));
}

/* ---- NUM-014..016 figures, tables, formulas ---- */

struct obj_msgs {
	enum diag_code code;
	const char *form_body, *form_annex, *first, *gap, *order, *dup;
};

/* clang-format off */
static const struct obj_msgs obj_msgs[3] = {
	{ DIAG_NUM_TABLE,
	  N_("table number '%s' is not a plain number; tables in the body are numbered 1, 2, 3 … regardless of chapters"),
	  N_("table number '%s' in annex %s does not have the form %s.n"),
	  N_("the first table is numbered '%s', not '%s'"),
	  N_("table '%s' follows table '%s'; table '%s' is missing"),
	  N_("table '%s' comes after table '%s'"), N_("table number '%s' is used twice") },
	{ DIAG_NUM_FIGURE,
	  N_("figure number '%s' is not a plain number; figures in the body are numbered 1, 2, 3 … regardless of chapters"),
	  N_("figure number '%s' in annex %s does not have the form %s.n"),
	  N_("the first figure is numbered '%s', not '%s'"),
	  N_("figure '%s' follows figure '%s'; figure '%s' is missing"),
	  N_("figure '%s' comes after figure '%s'"), N_("figure number '%s' is used twice") },
	{ DIAG_NUM_FORMULA,
	  N_("formula number '%s' is not a plain number; formulas in the body are numbered (1), (2), (3) … regardless of chapters"),
	  N_("formula number '%s' in annex %s does not have the form %s.n"),
	  N_("the first formula is numbered '%s', not '%s'"),
	  N_("formula '%s' follows formula '%s'; formula '%s' is missing"),
	  N_("formula '%s' comes after formula '%s'"), N_("formula number '%s' is used twice") },
};
/* clang-format on */

static void check_object(struct num_run *r, struct objscope *sc, const struct block *b)
{
	int k = b->kind == BLOCK_TABLE ? 0 : b->kind == BLOCK_FIGURE ? 1 : 2;
	const struct obj_msgs *m = &obj_msgs[k];
	struct seqst *st = &sc->st[k];
	struct strmap *map = k == 0 ? &r->di->tables : k == 1 ? &r->di->figures : &r->di->formulas;
	struct diag_store *ds = r->c->ds;
	if (!b->num.s) {
		st->pos++;
		return;
	}
	/* 表N（续） repeats the number of the table it continues: not a table of its own
	 * (check_table holds it to following its table) */
	if (k == 0 && b->continued.v)
		return;
	const char *num = b->num.s;
	/* formulas are printed "(1)" and authors often type them so */
	char inner[64];
	bool parens = false;
	size_t nl = strlen(num);
	if (k == 2 && nl < sizeof inner) {
		size_t open = str_has_prefix(num, "(") ? 1 : str_has_prefix(num, "（") ? 3 : 0;
		size_t close = str_has_suffix(num, ")") ? 1 : str_has_suffix(num, "）") ? 3 : 0;
		if (open && close && nl > open + close) {
			memcpy(inner, num + open, nl - open - close);
			inner[nl - open - close] = '\0';
			num = inner;
			parens = true;
		}
	}
	long want = (long)st->pos + 1;
	/* a typed "(2)" is renumbered by hand: the fix would drop the parentheses */
	const struct text *fixnum = parens ? NULL : &b->num;
	/* the form first: "1" in annex A is wrongly numbered, not a duplicate of the body's 1 */
	long v = child_value(num, sc->letter);
	if (v <= 0) {
		st->pos++;
		const char *expected = check_num_format(r->c, sc->letter, want);
		struct diag *d =
		    sc->letter
			? diag_add(ds, m->code, r->file, b->num.loc, _(m->form_annex), b->num.s,
				   sc->letter, sc->letter)
			: diag_add(ds, m->code, r->file, b->num.loc, _(m->form_body), b->num.s);
		check_num_renumber(d, fixnum, expected);
		return;
	}
	const struct block *first = strmap_get(map, b->num.s);
	if (first && first != b) {
		st->pos++;
		struct diag *d =
		    diag_add(ds, DIAG_NUM_DUPLICATE, r->file, b->num.loc, _(m->dup), b->num.s);
		diag_set_related(ds, d, r->file, first->num.loc, _("first used here"));
		return;
	}
	long prev = st->prev;
	const char *prev_text = st->prev_text;
	if (seq_ok(st, v, b->num.s))
		return;
	const char *expected = check_num_format(r->c, sc->letter, want);
	struct diag *d;
	if (st->pos == 1)
		d = diag_add(ds, m->code, r->file, b->num.loc, _(m->first), b->num.s, expected);
	else if (v > prev)
		d = diag_add(ds, m->code, r->file, b->num.loc, _(m->gap), b->num.s, prev_text,
			     check_num_format(r->c, sc->letter, prev + 1));
	else
		d = diag_add(ds, m->code, r->file, b->num.loc, _(m->order), b->num.s, prev_text);
	check_num_renumber(d, fixnum, expected);
}

static void walk_body(struct num_run *r, const struct body *b, struct objscope *sc)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct block *blk = &b->v[i];
		switch (blk->kind) {
		case BLOCK_LIST:
			if (blk->list)
				check_list(r, blk->list);
			break;
		case BLOCK_TABLE:
			for (size_t k = 0; k < blk->notes.n; k++)
				check_note_text(r, &blk->notes.v[k]);
			/* fall through */
		case BLOCK_FIGURE:
		case BLOCK_FORMULA:
			/* the 前言 has no numbered objects at all (DOC-004 reports them) */
			if (sc)
				check_object(r, sc, blk);
			break;
		case BLOCK_NOTE:
			check_note_text(r, &blk->text);
			break;
		default:
			break;
		}
	}
}

/* ---- NUM-020 term entries ---- */

/* Segments of a term number under chapter `ch` ("3.1.2" → 1, 2); 0 when it is not one. */
static size_t term_segments(const char *num, const char *ch, long *seg, size_t max)
{
	size_t cl = strlen(ch);
	if (strncmp(num, ch, cl) || num[cl] != '.')
		return 0;
	size_t n = 0;
	const char *s = num + cl + 1;
	for (;;) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);
		long v = check_num_segment(s, len);
		if (v < 0 || n == max)
			return 0;
		seg[n++] = v;
		if (!dot)
			return n;
		s = dot + 1;
	}
}

static const char *term_number(struct num_run *r, const char *ch, const long *seg, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, ch);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, ".%ld", seg[i]);
	const char *out = arena_strndup(r->c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

static void check_terms(struct num_run *r, const struct clause *cl)
{
	struct diag_store *ds = r->c->ds;
	enum { MAXSEG = 8 };
	long prev[MAXSEG], cur[MAXSEG];
	size_t np = 0;
	const char *prev_text = NULL;
	const char *ch = cl->num.s ? cl->num.s : "3";
	/* GB/T 1.1—2020 8.7 wants English equivalents; zhun insists for GB and sector texts only,
	 * where the English title and terms are printed. */
	bool want_en = r->s->number.ok && (r->s->number.no.level == LEVEL_NATIONAL ||
					   r->s->number.no.level == LEVEL_SECTOR);
	for (size_t i = 0; i < cl->nterms; i++) {
		const struct term *t = &cl->terms[i];
		for (size_t k = 0; k < t->notes.n; k++)
			check_note_text(r, &t->notes.v[k]);
		if (want_en && utf8_is_blank(t->en.s)) {
			struct diag *d = diag_add(ds, DIAG_NUM_TERM_EN, r->file, t->term.loc,
						  _("term '%s' has no English equivalent"),
						  t->term.s ? t->term.s : "");
			diag_set_help(d, _("add `en:` with the English equivalent of the term"));
		}
		if (!t->num.s)
			continue;
		const struct term *first = strmap_get(&r->di->terms, t->num.s);
		if (first != t) {
			struct diag *d =
			    diag_add(ds, DIAG_NUM_DUPLICATE, r->file, t->num.loc,
				     _("term entry number '%s' is used twice"), t->num.s);
			diag_set_related(ds, d, r->file, first->num.loc, _("first used here"));
			continue;
		}
		size_t m = term_segments(t->num.s, ch, cur, MAXSEG);
		/* Valid successors of p: p + ".1" (a group 3.1 → 3.1.1) or any prefix of p with its
		 * last segment raised by one (3.1.2 → 3.1.3 or 3.2). */
		bool ok = false;
		if (m && !np)
			ok = m == 1 && cur[0] == 1;
		else if (m == np + 1)
			ok = !memcmp(cur, prev, np * sizeof *cur) && cur[np] == 1;
		else if (m && m <= np)
			ok = !memcmp(cur, prev, (m - 1) * sizeof *cur) &&
			     cur[m - 1] == prev[m - 1] + 1;
		if (ok) {
			memcpy(prev, cur, m * sizeof *cur);
			np = m;
			prev_text = t->num.s;
			continue;
		}
		/* the expected number: the successor at the level the author meant */
		long want[MAXSEG];
		size_t wn;
		if (!np) {
			want[0] = 1;
			wn = 1;
		} else {
			wn = m && m <= np ? m : np;
			memcpy(want, prev, wn * sizeof *want);
			want[wn - 1]++;
		}
		const char *expected = term_number(r, ch, want, wn);
		struct diag *d;
		if (!m)
			d = diag_add(ds, DIAG_NUM_TERM, r->file, t->num.loc,
				     _("term entry number '%s' is not numbered under chapter '%s'"),
				     t->num.s, ch);
		else if (!np)
			d = diag_add(ds, DIAG_NUM_TERM, r->file, t->num.loc,
				     _("the first term entry is numbered '%s', not '%s'"), t->num.s,
				     expected);
		else
			d = diag_add(ds, DIAG_NUM_TERM, r->file, t->num.loc,
				     _("term entry '%s' does not follow '%s'"), t->num.s,
				     prev_text);
		check_num_renumber(d, &t->num, expected);
		if (m) {
			memcpy(prev, cur, m * sizeof *cur);
			np = m;
			prev_text = t->num.s;
		}
	}
}

/* ---- clause groups: NUM-001..008, NUM-012 (annex clauses), DOC-005, DOC-011 ---- */

struct group {
	struct clause *v;
	size_t n;
	const struct clause *parent; /* NULL at the top of a scope */
	const char *pnum;	     /* number the members extend; NULL for chapters, or unknown */
	bool numbered;		     /* false: the parent number is malformed, skip numbering */
	enum scope scope;
	const char *label; /* how messages name the parent ("4", "A", "0") */
};

static void check_group(struct num_run *r, const struct group *g, struct objscope *sc);

static void check_group_numbers(struct num_run *r, const struct group *g)
{
	struct diag_store *ds = r->c->ds;
	struct seqst st = { 0 };
	bool chapters = g->scope == SCOPE_BODY && !g->parent;
	for (size_t i = 0; i < g->n; i++) {
		const struct clause *cl = &g->v[i];
		const char *num = cl->num.s;
		/* what this position calls for, in case of a finding */
		long want = (long)st.pos + 1;
		if (!num) {
			st.pos++;
			continue;
		}
		/* the index keeps the first clause of each number; a sibling holding it means a
		 * duplicate in this group (addresses compared as integers: other groups are other
		 * arrays) */
		/* 范围, 规范性引用文件 or 术语和定义 under a wrong number is doc-chapter-number's
		 * finding: the sequence goes on as if it held its right number, and the number it
		 * wrongly holds is no duplicate of the chapter that rightly does (one cause, one
		 * finding) */
		int special = chapters ? check_doc_misnumbered_kind(cl) : 0;
		if (special) {
			seq_ok(&st, special, check_num_format(r->c, NULL, special));
			continue;
		}
		const struct clause *first = strmap_get(&r->di->clauses, num);
		uintptr_t fa = (uintptr_t)first, lo = (uintptr_t)g->v,
			  hi = (uintptr_t)(g->v + g->n);
		if (first && first != cl && fa >= lo && fa < hi &&
		    !(chapters && check_doc_misnumbered_kind(first))) {
			st.pos++;
			struct diag *d = diag_add(ds, DIAG_NUM_DUPLICATE, r->file, cl->num.loc,
						  chapters ? _("chapter number '%s' is used twice")
							   : _("clause number '%s' is used twice"),
						  num);
			diag_set_related(ds, d, r->file, first->num.loc, _("first used here"));
			continue;
		}
		long v = child_value(num, g->pnum);
		bool intro = g->scope == SCOPE_INTRO && !g->parent;
		long prev = st.prev;
		const char *prev_text = st.prev_text;
		if (v > 0 && seq_ok(&st, v, num))
			continue;
		if (v <= 0)
			st.pos++;
		const char *expected = check_num_format(r->c, g->pnum, want);
		struct diag *d;
		if (intro)
			/* DOC-005 (confidence C) covers the 0.1, 0.2 … numbering of the 引言 */
			d = diag_add(ds, DIAG_DOC_INTRO_NUMBER, r->file, cl->num.loc,
				     _("introduction sub-clause '%s' should be numbered '%s'"), num,
				     expected);
		else if (v < 0)
			d = diag_add(ds, DIAG_NUM_PREFIX, r->file, cl->num.loc,
				     chapters ? _("chapter number '%s' is not a whole number")
					      : _("'%s' is not a valid clause number"),
				     num);
		else if (v == 0)
			d = chapters ? diag_add(ds, DIAG_NUM_PREFIX, r->file, cl->num.loc,
						_("chapter number '%s' is not a whole number"), num)
				     : diag_add(ds, DIAG_NUM_PREFIX, r->file, cl->num.loc,
						_("'%s' is not numbered under its parent '%s'"),
						num, g->label);
		else if (st.pos == 1)
			d = chapters
				? diag_add(ds, DIAG_NUM_GAP, r->file, cl->num.loc,
					   _("the first chapter is numbered '%s', not '1'"), num)
				: diag_add(ds, DIAG_NUM_GAP, r->file, cl->num.loc,
					   _("'%s' is the first sub-clause of '%s'; numbering "
					     "starts at '%s'"),
					   num, g->label, expected);
		else if (v > prev)
			d = diag_add(ds, DIAG_NUM_GAP, r->file, cl->num.loc,
				     _("'%s' follows '%s'; '%s' is missing"), num, prev_text,
				     check_num_format(r->c, g->pnum, prev + 1));
		else
			d = diag_add(ds, DIAG_NUM_GAP, r->file, cl->num.loc,
				     _("'%s' comes after '%s'"), num, prev_text);
		check_num_renumber(d, &cl->num, expected);
	}
}

static void check_group_titles(struct num_run *r, const struct group *g)
{
	struct diag_store *ds = r->c->ds;
	if (g->scope == SCOPE_BODY && !g->parent) {
		/* NUM-001: every chapter has a title */
		for (size_t i = 0; i < g->n; i++)
			if (!has_title(&g->v[i]))
				diag_add(ds, DIAG_NUM_CHAPTER_TITLE, r->file, g->v[i].num.loc,
					 _("chapter '%s' has no title"),
					 g->v[i].num.s ? g->v[i].num.s : "");
		return;
	}
	size_t titled = 0;
	for (size_t i = 0; i < g->n; i++)
		titled += has_title(&g->v[i]);
	if (titled && titled < g->n) {
		/* NUM-006 per sibling group: report the minority (the untitled on a tie) */
		bool report_untitled = titled * 2 >= g->n;
		const struct clause *other = NULL;
		for (size_t i = 0; i < g->n && !other; i++)
			if (has_title(&g->v[i]) == report_untitled)
				other = &g->v[i];
		for (size_t i = 0; i < g->n; i++) {
			const struct clause *cl = &g->v[i];
			if (has_title(cl) == report_untitled)
				continue;
			struct diag *d =
			    report_untitled
				? diag_add(ds, DIAG_NUM_TITLE_CONSISTENCY, r->file, cl->num.loc,
					   _("'%s' has no title but its sibling '%s' has one"),
					   cl->num.s ? cl->num.s : "",
					   other->num.s ? other->num.s : "")
				: diag_add(ds, DIAG_NUM_TITLE_CONSISTENCY, r->file, cl->title.loc,
					   _("'%s' has a title but its sibling '%s' has none"),
					   cl->num.s ? cl->num.s : "",
					   other->num.s ? other->num.s : "");
			diag_set_help(d, _("give all sub-clauses of one parent a title, or none"));
		}
	}
	/* NUM-008 (confidence C): first-level 条 should have titles; once per group */
	bool first_level = g->scope == SCOPE_ANNEX  ? !g->parent
			   : g->scope == SCOPE_BODY ? g->parent && !g->parent->parent
						    : false;
	if (first_level && !titled && g->n) {
		struct diag *d =
		    diag_add(ds, DIAG_NUM_FIRST_LEVEL_TITLE, r->file, g->v[0].num.loc,
			     _("first-level sub-clauses of '%s' have no titles"), g->label);
		diag_set_help(d, _("give each first-level sub-clause a title"));
	}
}

static void check_group(struct num_run *r, const struct group *g, struct objscope *sc)
{
	struct diag_store *ds = r->c->ds;
	if (!g->n)
		return;
	bool refs_chapter = g->parent && !g->parent->parent && g->scope == SCOPE_BODY &&
			    clause_kind(g->parent) == CLAUSE_REFERENCES;
	if (g->numbered)
		check_group_numbers(r, g);
	check_group_titles(r, g);
	/* NUM-004, with the annex letter in the chapter's role (NUM-012); the 引言's 0.1 is not a
	 * chapter, and the references chapter is reported as divided (DOC-006) instead. */
	if (g->n == 1 && !refs_chapter && (g->parent || g->scope == SCOPE_ANNEX)) {
		const struct clause *cl = &g->v[0];
		struct diag *d = diag_add(ds, DIAG_NUM_LONE_SUBCLAUSE, r->file, cl->num.loc,
					  _("'%s' is the only sub-clause of '%s'"),
					  cl->num.s ? cl->num.s : "", g->label);
		diag_set_help(d, _("add a second sub-clause or fold '%s' into '%s'"),
			      cl->num.s ? cl->num.s : "", g->label);
	}
	/* NUM-003: segments = tree depth in the body; A.1 and 0.1 have one more */
	int segs = g->v[0].depth + (g->scope == SCOPE_BODY ? 0 : 1);
	if (segs > NUM_MAX_SEGMENTS)
		diag_add(ds, DIAG_NUM_DEPTH, r->file, g->v[0].num.loc,
			 _("'%s' has %d levels; numbers have at most %d segments"),
			 g->v[0].num.s ? g->v[0].num.s : "", segs, NUM_MAX_SEGMENTS);
	else if (segs >= NUM_DEEP_SEGMENTS) {
		/* one design choice, reported once per document (report_deep) */
		if (!r->deep_first)
			r->deep_first = &g->v[0];
		if (segs > r->deep_segs) {
			r->deep_segs = segs;
			r->deepest = &g->v[0];
		}
		r->deep_n += g->n;
	}
	for (size_t i = 0; i < g->n; i++) {
		struct clause *cl = &g->v[i];
		bool chapter = g->scope == SCOPE_BODY && !g->parent;
		int kind = clause_kind(cl);
		if (g->scope == SCOPE_ANNEX &&
		    (kind == CLAUSE_SCOPE || kind == CLAUSE_REFERENCES || kind == CLAUSE_TERMS ||
		     cl->has_references || cl->has_terms)) {
			struct diag *d =
			    diag_add(ds, DIAG_DOC_ANNEX_CONTENT, r->file, cl->num.loc,
				     _("annex clause '%s %s' holds a scope, references or terms "
				       "subdivision"),
				     cl->num.s ? cl->num.s : "", cl->title.s ? cl->title.s : "");
			diag_set_help(
			    d, _("an annex has no 范围, 规范性引用文件 or 术语和定义; move them "
				 "to chapters 1 to 3"));
		}
		if (!chapter && !has_title(cl) && cl->nclauses)
			diag_add(ds, DIAG_NUM_UNTITLED_PARENT, r->file, cl->num.loc,
				 _("untitled clause '%s' is subdivided into '%s'"),
				 cl->num.s ? cl->num.s : "",
				 cl->clauses[0].num.s ? cl->clauses[0].num.s : "");
		/* the text of an untitled subdivided clause is the 悬置条 itself: reported once,
		 * as NUM-007 above */
		bool refs = chapter && kind == CLAUSE_REFERENCES;
		bool untitled_parent = !chapter && !has_title(cl);
		if (cl->body.n && cl->nclauses && !refs && !untitled_parent) {
			struct diag *d = diag_add(
			    ds, DIAG_NUM_HANGING_PARAGRAPH, r->file, cl->body.v[0].loc,
			    _("'%s' has text between its heading and its first sub-clause '%s'"),
			    cl->num.s ? cl->num.s : "",
			    cl->clauses[0].num.s ? cl->clauses[0].num.s : "");
			diag_set_help(
			    d,
			    _("move the text into a new first sub-clause (such as '%s 总则') "
			      "and renumber"),
			    cl->clauses[0].num.s ? cl->clauses[0].num.s : "");
		}
		walk_body(r, &cl->body, sc);
		if (cl->nterms)
			check_terms(r, cl);
		/* children extend the number as typed (cross-references do too), unless it is
		 * malformed, which would make every child look wrong */
		bool ok = g->numbered && cl->num.s && well_formed(cl->num.s);
		struct group sub = { cl->clauses,
				     cl->nclauses,
				     cl,
				     ok ? cl->num.s : NULL,
				     ok,
				     g->scope,
				     cl->num.s ? cl->num.s : "" };
		check_group(r, &sub, sc);
	}
}

/* ---- NUM-012/013 annexes ---- */

static void check_annexes(struct num_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct standard *s = r->s;
	if (!s->nannexes)
		return;
	for (size_t i = 0; i < s->nannexes; i++) {
		const struct annex *a = &s->annexes[i];
		if (!a->kind.v) {
			struct diag *d = diag_add(
			    ds, DIAG_DOC_ANNEX_KIND, r->file, a->num.s ? a->num.loc : a->loc,
			    _("annex '%s' does not say whether it is normative or informative"),
			    a->num.s ? a->num.s : "");
			diag_set_help(d,
				      _("add 'kind: normative' (（规范性）) or 'kind: informative' "
					"(（资料性）)"));
		}
		if (!a->num.s)
			continue;
		char want[2] = { (char)('A' + (i < 26 ? i : 25)), '\0' };
		const struct annex *first = strmap_get(&r->di->annexes, a->num.s);
		if (first && first != a) {
			struct diag *d = diag_add(ds, DIAG_NUM_DUPLICATE, r->file, a->num.loc,
						  _("annex letter '%s' is used twice"), a->num.s);
			diag_set_related(ds, d, r->file, first->num.loc, _("first used here"));
			continue;
		}
		if (!is_annex_letter(a->num.s)) {
			struct diag *d =
			    diag_add(ds, DIAG_NUM_ANNEX_LETTER, r->file, a->num.loc,
				     _("annex number '%s' is not a capital letter"), a->num.s);
			check_num_renumber(d, &a->num, want);
		} else if (strcmp(a->num.s, want)) {
			struct diag *d = diag_add(ds, DIAG_NUM_ANNEX_LETTER, r->file, a->num.loc,
						  _("annex '%s' should be annex '%s'; annexes are "
						    "lettered A, B, C … in order"),
						  a->num.s, want);
			check_num_renumber(d, &a->num, want);
		}
	}
	/* NUM-013 (confidence C): every annex is mentioned (前言 or body, not inside itself) and
	 * the annexes follow the order of first mention. The xref pass ran before us. */
	size_t *firstref = xcalloc(s->nannexes, sizeof *firstref);
	for (size_t i = 0; i < r->di->nxrefs; i++) {
		const struct xref *x = &r->di->xrefs[i];
		if (x->kind != XREF_ANNEX || !x->target)
			continue;
		const struct annex *a = strmap_get(&r->di->annexes, x->target);
		if (!a || x->in_annex == a)
			continue;
		size_t k = (size_t)(a - s->annexes);
		if (!firstref[k])
			firstref[k] = i + 1;
	}
	bool order_reported = false;
	size_t prev = 0;
	const struct annex *prev_annex = NULL;
	for (size_t k = 0; k < s->nannexes; k++) {
		const struct annex *a = &s->annexes[k];
		const char *letter = a->num.s ? a->num.s : "";
		if (!firstref[k] && r->di->xrefs_partial)
			continue; /* its mention may lie past where the search stopped */
		if (!firstref[k]) {
			struct diag *d =
			    diag_add(ds, DIAG_NUM_ANNEX_UNMENTIONED, r->file, a->num.loc,
				     _("annex '%s' is not mentioned in the text"), letter);
			diag_set_help(
			    d,
			    a->kind.v == ANNEX_INFORMATIVE
				? _("refer to it where it applies, e.g. '参见附录%s'")
				: _("refer to it where it applies, e.g. '按附录%s的规定'"),
			    letter);
			continue;
		}
		if (!order_reported && prev_annex && firstref[k] < prev) {
			diag_add(ds, DIAG_NUM_ANNEX_ORDER, r->file, a->num.loc,
				 _("annex '%s' is mentioned before annex '%s'; annexes follow the "
				   "order of first mention"),
				 letter, prev_annex->num.s ? prev_annex->num.s : "");
			order_reported = true;
		}
		prev = firstref[k];
		prev_annex = a;
	}
	free(firstref);
}

/* ---- NUM-009: a part's title names its part ---- */

static void check_part_title(struct num_run *r)
{
	const struct standard *s = r->s;
	if (!s->number.ok || !s->number.no.part || !s->title.s)
		return;
	char want[32];
	snprintf(want, sizeof want, "第%u部分", (unsigned)s->number.no.part);
	if (strstr(s->title.s, want))
		return;
	struct diag *d = diag_add(r->c->ds, DIAG_NUM_PART_TITLE, r->file, s->title.loc,
				  _("title of part %u does not contain '%s'"),
				  (unsigned)s->number.no.part, want);
	diag_set_help(d, _("title a part '<引导要素> <主体要素> %s：<补充要素>'"), want);
}

/* ---- the document ---- */

/* NUM-003 (5 or 6 levels): once per document, with the count and the deepest clause */
static void report_deep(struct num_run *r)
{
	if (!r->deep_first)
		return;
	struct diag *d = diag_add(
	    r->c->ds, DIAG_NUM_DEEP, r->file, r->deep_first->num.loc,
	    _("%zu clauses have %d or more levels, the deepest '%s' with %d; consider a flatter "
	      "structure"),
	    r->deep_n, NUM_DEEP_SEGMENTS, r->deepest->num.s ? r->deepest->num.s : "", r->deep_segs);
	if (r->deepest != r->deep_first)
		diag_set_related(r->c->ds, d, r->file, r->deepest->num.loc,
				 _("the deepest clause"));
}

static void check_one(struct check_ctx *c, struct doc_info *di)
{
	struct num_run r = { c, di, di->std, di->doc->path, STRBUF_INIT, NULL, NULL, 0, 0 };
	const struct standard *s = r.s;
	/* the body in reading order, so that figures, tables and formulas count from the 引言 on */
	struct objscope body = { 0 };
	if (s->introduction) {
		walk_body(&r, &s->introduction->body, &body);
		struct group g = { s->introduction->clauses,
				   s->introduction->nclauses,
				   NULL,
				   "0",
				   true,
				   SCOPE_INTRO,
				   "0" };
		check_group(&r, &g, &body);
	}
	struct group chapters = { s->clauses, s->nclauses, NULL, NULL, true, SCOPE_BODY, "" };
	check_group(&r, &chapters, &body);
	for (size_t i = 0; i < s->nannexes; i++) {
		struct annex *a = &s->annexes[i];
		bool ok = is_annex_letter(a->num.s);
		struct objscope sc = { 0 };
		sc.letter = ok ? a->num.s : NULL;
		/* without a usable letter nothing inside can be numbered against it */
		walk_body(&r, &a->body, ok ? &sc : NULL);
		struct group g = { a->clauses,
				   a->nclauses,
				   NULL,
				   ok ? a->num.s : NULL,
				   ok,
				   SCOPE_ANNEX,
				   a->num.s ? a->num.s : "" };
		check_group(&r, &g, ok ? &sc : NULL);
	}
	report_deep(&r);
	check_annexes(&r);
	/* lists and notes of the 前言; it has no numbered objects (DOC-004 reports them) */
	if (s->foreword)
		walk_body(&r, &s->foreword->body, NULL);
	check_part_title(&r);
	strbuf_release(&r.sb);
}

void check_num_run(struct check_ctx *c)
{
	for (size_t i = 0; i < c->ndocs; i++)
		check_one(c, &c->docs[i]);
}
