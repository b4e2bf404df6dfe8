/* SPDX-License-Identifier: MIT */
/* check_doc: the rules of one standard document — elements and special chapters (DOC),
 * numbering of chapters, 条, annexes, figures, tables, formulas, lists and term entries (NUM),
 * and the 前言 boilerplate with its revision narrative (PREF). */
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Pure helpers, not static so that tests/unit/test_check_doc.c can reach them (it repeats these
 * declarations; they are no part of check.h's contract). */
/* Byte offset of the first requirement modal verb (应, 不应; with `recommendations` also 宜,
 * 不宜) in s, its byte length in *len; SIZE_MAX when there is none. */
size_t check_doc_find_modal(const char *s, bool recommendations, size_t *len);
/* 2020 or 2009 when the paragraph opens with that edition's drafting-basis sentence, else 0. */
int check_doc_drafting_kind(const char *paragraph);
/* 1 the 2020 lead of chapter 2, 2 本文件没有规范性引用文件。, 3 the 2009 lead, 0 none. */
int check_doc_ref_lead_kind(const char *paragraph);
/* 1 下列…, 2 <编号>界定的…, 3 <编号>界定的以及下列…, 4 本文件没有需要界定的…, 0 none. */
int check_doc_terms_lead_kind(const char *paragraph);

/* NUM-003: a number has at most 6 segments (chapter + five levels of 条, GB/T 1.1—2020 附录A);
 * from 5 segments on we warn because subdividing that deep is discouraged. Constants until
 * zhun.yaml grows a setting for them (domain-rules.md asks for the limit to be configurable). */
enum { NUM_MAX_SEGMENTS = 6, NUM_DEEP_SEGMENTS = 5 };

/* Boilerplate of GB/T 1.1—2020 (and the 2009 forms that identify older texts). */
/* clang-format off */
static const char drafting_2020[] =
	"本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。";
static const char drafting_2009[] = "本标准按照GB/T 1.1—2009给出的规则起草。";
static const char ref_lead_2020[] =
	"下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，"
	"仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。";
static const char ref_lead_none[] = "本文件没有规范性引用文件。";
static const char ref_lead_2009[] =
	"下列文件对于本文件的应用是必不可少的。凡是注日期的引用文件，仅注日期的版本适用于本文件。"
	"凡是不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。";
static const char terms_own[] = "下列术语和定义适用于本文件。";
static const char terms_none[] = "本文件没有需要界定的术语和定义。";
static const char terms_imported_tail[] = "界定的术语和定义适用于本文件。";
static const char terms_both_tail[] = "界定的以及下列术语和定义适用于本文件。";
/* clang-format on */

enum { REF_LEAD_2020 = 1, REF_LEAD_NONE, REF_LEAD_2009 };
enum { TERMS_OWN = 1, TERMS_IMPORTED, TERMS_BOTH, TERMS_NONE };

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

struct doc_run {
	struct check_ctx *c;
	struct doc_info *di;
	const struct standard *s;
	const char *file;
	int drafting_rules;  /* 2020 or 2009 when drafting-rules names GB/T 1.1 of that year */
	bool claims_2020;    /* drafting-rules or the 前言 says GB/T 1.1—2020 */
	struct strmap terms; /* term entry number → struct term, for 前言 change positions */
	struct strbuf sb, sb2;
};

/* ---- text helpers ---- */

/* Is the character `ch` (k bytes) one of the characters of `set`? */
static bool char_in(const char *set, const char *ch, size_t k)
{
	size_t len = strlen(set);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(set + i, len - i, &cp);
		if (!n)
			return false;
		if (n == k && !memcmp(set + i, ch, k))
			return true;
		i += n;
	}
	return false;
}

/* 应 and 宜 also occur inside ordinary words where they are no modal verb: 相应, 对应, 适应,
 * 供应, 反应, 响应 … and 应用, 应急, 应力 …; 适宜, 便宜, 事宜 … and 宜人. The character
 * before or after decides. 应对 and 理应 stay modal: "应对设备进行检查" is a requirement. */
static const char ying_before[] = "相对适供反响效感呼答回顺照报策内接因";
static const char ying_after[] = "用急力变答邀聘届征酬付运激";
static const char yi_before[] = "适便事合权时得机相";
static const char yi_after[] = "人居";

size_t check_doc_find_modal(const char *s, bool recommendations, size_t *len)
{
	static const char ying[] = "应", yi[] = "宜", bu[] = "不";
	size_t n = strlen(s);
	size_t prev = SIZE_MAX, prevk = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k)
			k = 1;
		bool is_ying = k == 3 && !memcmp(s + i, ying, 3);
		bool is_yi = recommendations && k == 3 && !memcmp(s + i, yi, 3);
		if (is_ying || is_yi) {
			const char *before = is_ying ? ying_before : yi_before;
			const char *after = is_ying ? ying_after : yi_after;
			bool compound = prev != SIZE_MAX && char_in(before, s + prev, prevk);
			if (!compound && i + k < n) {
				uint32_t ncp;
				size_t nk = utf8_decode(s + i + k, n - i - k, &ncp);
				compound = nk && char_in(after, s + i + k, nk);
			}
			if (!compound) {
				bool neg =
				    prev != SIZE_MAX && prevk == 3 && !memcmp(s + prev, bu, 3);
				size_t start = neg ? prev : i;
				if (len)
					*len = i + k - start;
				return start;
			}
		}
		prev = i;
		prevk = k;
		i += k;
	}
	return SIZE_MAX;
}

int check_doc_drafting_kind(const char *paragraph)
{
	struct strbuf p = STRBUF_INIT, b = STRBUF_INIT;
	utf8_fold_space(&p, paragraph);
	int kind = 0;
	/* The sentence may run on into the next one; what matters is that the paragraph opens
	 * with it. */
	utf8_fold_space(&b, drafting_2020);
	if (str_has_prefix(p.buf, b.buf))
		kind = 2020;
	else {
		strbuf_reset(&b);
		utf8_fold_space(&b, drafting_2009);
		if (str_has_prefix(p.buf, b.buf))
			kind = 2009;
	}
	strbuf_release(&p);
	strbuf_release(&b);
	return kind;
}

int check_doc_ref_lead_kind(const char *paragraph)
{
	if (utf8_fold_space_equal(paragraph, ref_lead_2020))
		return REF_LEAD_2020;
	if (utf8_fold_space_equal(paragraph, ref_lead_none))
		return REF_LEAD_NONE;
	if (utf8_fold_space_equal(paragraph, ref_lead_2009))
		return REF_LEAD_2009;
	return 0;
}

int check_doc_terms_lead_kind(const char *paragraph)
{
	struct strbuf p = STRBUF_INIT;
	utf8_fold_space(&p, paragraph);
	int kind = 0;
	if (!strcmp(p.buf, terms_own))
		kind = TERMS_OWN;
	else if (!strcmp(p.buf, terms_none))
		kind = TERMS_NONE;
	else {
		const char *tail = str_has_suffix(p.buf, terms_both_tail)	   ? terms_both_tail
				   : str_has_suffix(p.buf, terms_imported_tail) ? terms_imported_tail
									   : NULL;
		/* "<文件编号>界定的…": something must be named, and it must start as a number */
		size_t head = tail ? p.len - strlen(tail) : 0;
		struct stdno no;
		if (tail && head && stdno_scan(p.buf, head, &no))
			kind = tail == terms_both_tail ? TERMS_BOTH : TERMS_IMPORTED;
	}
	strbuf_release(&p);
	return kind;
}

/* A short quotation of running text for messages (arena): the first 20 characters. */
static const char *clip(struct doc_run *r, const char *s)
{
	size_t len = strlen(s), i = 0, n = 0;
	while (i < len && n < 20) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		n++;
	}
	if (i >= len)
		return s;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, s, i);
	strbuf_adds(&sb, "…");
	const char *out = arena_strndup(r->c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* The canonical rendering of a number, in the arena. */
static const char *std_text(struct doc_run *r, const struct stdno *n)
{
	struct strbuf sb = STRBUF_INIT;
	stdno_format(n, &sb);
	const char *out = arena_strndup(r->c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* [1-9][0-9]* of at most 9 digits → its value, else -1. */
static long parse_seg(const char *s, size_t n)
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
		     parse_seg(num, n0) > 0;
	if (!first)
		return false;
	while (dot) {
		const char *s = dot + 1;
		dot = strchr(s, '.');
		size_t n = dot ? (size_t)(dot - s) : strlen(s);
		if (parse_seg(s, n) < 0)
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
		long v = parse_seg(num, strlen(num));
		return v > 0 ? v : 0;
	}
	size_t pl = strlen(parent);
	if (strncmp(num, parent, pl) || num[pl] != '.' || strchr(num + pl + 1, '.'))
		return 0;
	return parse_seg(num + pl + 1, strlen(num + pl + 1));
}

static const char *fmt_number(struct doc_run *r, const char *parent, long k)
{
	struct strbuf sb = STRBUF_INIT;
	if (parent)
		strbuf_addf(&sb, "%s.%ld", parent, k);
	else
		strbuf_addf(&sb, "%ld", k);
	const char *out = arena_strndup(r->c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* Attach "renumber to X" and, when the number is given and sits on one line, the replacement
 * itself (num may be NULL: help only). */
static void renumber(struct diag *d, const struct text *num, const char *expected)
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

static void check_list(struct doc_run *r, const struct list *l)
{
	struct leaves lv = {0};
	collect_leaves(l, 1, &lv);
	if (lv.too_deep)
		diag_add(r->c->ds, DIAG_NUM_LIST_DEPTH, r->file, lv.too_deep->loc,
			 _("list is nested more than two levels deep"));
	/* House rule (published practice): every item but the last ends with ；, the last with 。 —
	 * counted over the leaves in reading order, so a sub-list's last item ends with ；
	 * when the outer list goes on. One finding per list is enough to show the pattern. */
	for (size_t i = 0; i < lv.n; i++) {
		const struct list_item *it = lv.v[i];
		if (!it->text.s)
			continue;
		struct strbuf *t = &r->sb;
		strbuf_reset(t);
		utf8_fold_space(t, it->text.s);
		bool last = i + 1 == lv.n;
		const char *want = last ? "。" : "；";
		if (str_has_suffix(t->buf, want))
			continue;
		struct diag *d = diag_add(r->c->ds, DIAG_NUM_LIST_PUNCT, r->file, it->text.loc,
					  last ? _("last list item '%s' does not end with '。'")
					       : _("list item '%s' does not end with '；'"),
					  clip(r, t->buf));
		diag_set_help(
		    d, _("end every item but the last with '；' and the last item with '。'"));
		break;
	}
	free(lv.v);
}

static void check_note_text(struct doc_run *r, const struct text *t)
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

static void check_object(struct doc_run *r, struct objscope *sc, const struct block *b)
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
		const char *expected = fmt_number(r, sc->letter, want);
		struct diag *d =
		    sc->letter
			? diag_add(ds, m->code, r->file, b->num.loc, _(m->form_annex), b->num.s,
				   sc->letter, sc->letter)
			: diag_add(ds, m->code, r->file, b->num.loc, _(m->form_body), b->num.s);
		renumber(d, fixnum, expected);
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
	const char *expected = fmt_number(r, sc->letter, want);
	struct diag *d;
	if (st->pos == 1)
		d = diag_add(ds, m->code, r->file, b->num.loc, _(m->first), b->num.s, expected);
	else if (v > prev)
		d = diag_add(ds, m->code, r->file, b->num.loc, _(m->gap), b->num.s, prev_text,
			     fmt_number(r, sc->letter, prev + 1));
	else
		d = diag_add(ds, m->code, r->file, b->num.loc, _(m->order), b->num.s, prev_text);
	renumber(d, fixnum, expected);
}

static void walk_body(struct doc_run *r, const struct body *b, struct objscope *sc)
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
		long v = parse_seg(s, len);
		if (v < 0 || n == max)
			return 0;
		seg[n++] = v;
		if (!dot)
			return n;
		s = dot + 1;
	}
}

static const char *term_number(struct doc_run *r, const char *ch, const long *seg, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, ch);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, ".%ld", seg[i]);
	const char *out = arena_strndup(r->c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

static void check_terms(struct doc_run *r, const struct clause *cl)
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
		const struct term *first = strmap_put_new(&r->terms, t->num.s, (void *)t);
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
		renumber(d, &t->num, expected);
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

static void check_group(struct doc_run *r, const struct group *g, struct objscope *sc);

static void check_group_numbers(struct doc_run *r, const struct group *g)
{
	struct diag_store *ds = r->c->ds;
	struct seqst st = {0};
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
		const struct clause *first = strmap_get(&r->di->clauses, num);
		uintptr_t fa = (uintptr_t)first, lo = (uintptr_t)g->v,
			  hi = (uintptr_t)(g->v + g->n);
		if (first && first != cl && fa >= lo && fa < hi) {
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
		const char *expected = fmt_number(r, g->pnum, want);
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
				     fmt_number(r, g->pnum, prev + 1));
		else
			d = diag_add(ds, DIAG_NUM_GAP, r->file, cl->num.loc,
				     _("'%s' comes after '%s'"), num, prev_text);
		renumber(d, &cl->num, expected);
	}
}

static void check_group_titles(struct doc_run *r, const struct group *g)
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

static void check_group(struct doc_run *r, const struct group *g, struct objscope *sc)
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
	else if (segs >= NUM_DEEP_SEGMENTS)
		diag_add(ds, DIAG_NUM_DEEP, r->file, g->v[0].num.loc,
			 _("'%s' has %d levels; consider a flatter structure"),
			 g->v[0].num.s ? g->v[0].num.s : "", segs);
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
		struct group sub = {cl->clauses,
				    cl->nclauses,
				    cl,
				    ok ? cl->num.s : NULL,
				    ok,
				    g->scope,
				    cl->num.s ? cl->num.s : ""};
		check_group(r, &sub, sc);
	}
}

/* ---- DOC-001/002/003/006/008/009: the special chapters ---- */

static const char *const kind_title[] = {"", "范围", "规范性引用文件", "术语和定义",
					 "符号和缩略语"};

struct refsort {
	const struct stdno *no;
	size_t idx;
};

static int refsort_cmp(const void *a, const void *b)
{
	const struct refsort *x = a, *y = b;
	int c = stdno_ref_cmp(x->no, y->no);
	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static void check_ref_order(struct doc_run *r, const struct clause *cl)
{
	struct refsort *v = xcalloc(cl->nreferences + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < cl->nreferences; i++)
		if (cl->references[i].number.ok)
			v[n++] = (struct refsort){&cl->references[i].number.no, i};
	size_t bad = 0;
	for (size_t i = 1; i < n && !bad; i++)
		if (stdno_ref_cmp(v[i - 1].no, v[i].no) > 0)
			bad = i;
	if (bad) {
		const struct refentry *e = &cl->references[v[bad].idx];
		const struct refentry *p = &cl->references[v[bad - 1].idx];
		struct diag *d = diag_add(r->c->ds, DIAG_DOC_REF_ORDER, r->file, e->number.text.loc,
					  _("normative reference '%s' should come before '%s'"),
					  e->number.text.s, p->number.text.s);
		qsort(v, n, sizeof *v, refsort_cmp);
		struct strbuf *sb = &r->sb2;
		strbuf_reset(sb);
		for (size_t i = 0; i < n; i++) {
			if (i)
				strbuf_adds(sb, "; ");
			stdno_format(v[i].no, sb);
		}
		diag_set_help(d, _("order the list as: %s"), sb->buf);
	}
	free(v);
}

static void check_ref_chapter(struct doc_run *r, const struct clause *cl)
{
	struct diag_store *ds = r->c->ds;
	if (cl->nclauses) {
		struct diag *d =
		    diag_add(ds, DIAG_DOC_REF_DIVIDED, r->file, cl->clauses[0].num.loc,
			     _("chapter '%s %s' is divided into sub-clauses"),
			     cl->num.s ? cl->num.s : "", cl->title.s ? cl->title.s : "");
		diag_set_help(
		    d,
		    _("list the documents directly under `references:`; this chapter has no 条"));
	}
	const struct block *lead =
	    cl->body.n && cl->body.v[0].kind == BLOCK_P ? &cl->body.v[0] : NULL;
	size_t nrefs = cl->nreferences;
	if (lead && lead->text.s) {
		int k = check_doc_ref_lead_kind(lead->text.s);
		const struct text *t = &lead->text;
		struct diag *d = NULL;
		if (k == REF_LEAD_2020 && !nrefs) {
			d = diag_add(ds, DIAG_DOC_REF_LEAD, r->file, t->loc,
				     _("lead sentence announces normative references but the "
				       "chapter lists none"));
			diag_set_help(d, _("write '%s'"), ref_lead_none);
		} else if (k == REF_LEAD_NONE && nrefs) {
			d = diag_add(ds, DIAG_DOC_REF_LEAD, r->file, t->loc,
				     _("lead sentence says there are no normative references but "
				       "the chapter lists %zu"),
				     nrefs);
			diag_set_help(d, _("write '%s'"), ref_lead_2020);
		} else if (k == REF_LEAD_2009 && r->claims_2020) {
			d = diag_add(ds, DIAG_DOC_REF_LEAD, r->file, t->loc,
				     _("lead sentence is the GB/T 1.1—2009 form in a document "
				       "drafted under GB/T 1.1—2020"));
			diag_set_help(d, _("write '%s'"), ref_lead_2020);
		} else if (k == REF_LEAD_2009) {
			d = diag_add(ds, DIAG_DOC_LEGACY_2009, r->file, t->loc,
				     _("lead sentence is the GB/T 1.1—2009 form; the document "
				       "follows the 2009 drafting rules"));
			diag_set_help(d, _("when revising under GB/T 1.1—2020, write '%s'"),
				      ref_lead_2020);
		} else if (!k) {
			d = diag_add(ds, DIAG_DOC_REF_LEAD, r->file, t->loc,
				     _("'%s' is not a lead sentence of GB/T 1.1—2020 8.6"),
				     clip(r, t->s));
			diag_set_help(d, _("write '%s'"), nrefs ? ref_lead_2020 : ref_lead_none);
		}
	}
	for (size_t i = 0; i < nrefs; i++) {
		const struct refentry *e = &cl->references[i];
		if (utf8_is_blank(e->title.s)) {
			struct diag *d =
			    diag_add(ds, DIAG_DOC_REF_TITLE, r->file, e->number.text.loc,
				     _("normative reference '%s' has no title"),
				     e->number.text.s ? e->number.text.s : "");
			diag_set_help(d, _("add `title:` with the document's name as published"));
		}
	}
	check_ref_order(r, cl);
}

static void check_terms_lead(struct doc_run *r, const struct clause *cl)
{
	struct diag_store *ds = r->c->ds;
	const struct block *lead =
	    cl->body.n && cl->body.v[0].kind == BLOCK_P ? &cl->body.v[0] : NULL;
	if (!lead || !lead->text.s)
		return;
	const struct text *t = &lead->text;
	int k = check_doc_terms_lead_kind(t->s);
	struct diag *d = NULL;
	if ((k == TERMS_OWN || k == TERMS_BOTH) && !cl->nterms) {
		d = diag_add(ds, DIAG_DOC_TERMS_LEAD, r->file, t->loc,
			     _("lead sentence announces term entries ('下列术语和定义') but the "
			       "chapter has none"));
		diag_set_help(d, _("write '%s', or '<文件编号>%s' when terms are only imported"),
			      terms_none, terms_imported_tail);
	} else if ((k == TERMS_NONE || k == TERMS_IMPORTED) && cl->nterms) {
		d = diag_add(ds, DIAG_DOC_TERMS_LEAD, r->file, t->loc,
			     _("lead sentence announces no term entries of this document but the "
			       "chapter has %zu"),
			     cl->nterms);
		diag_set_help(d, _("write '%s', or '<文件编号>%s' when terms are also imported"),
			      terms_own, terms_both_tail);
	} else if (!k) {
		d = diag_add(ds, DIAG_DOC_TERMS_LEAD, r->file, t->loc,
			     _("'%s' is not a lead sentence of GB/T 1.1—2020 8.7"), clip(r, t->s));
		diag_set_help(d, _("write '%s'"), cl->nterms ? terms_own : terms_none);
	}
}

static void check_chapters(struct doc_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct standard *s = r->s;
	const struct clause *found[5] = {0};
	const struct clause *first_tech = NULL, *last_special = NULL;
	int maxkind = 0;
	bool order_reported = false;
	for (size_t i = 0; i < s->nclauses; i++) {
		const struct clause *cl = &s->clauses[i];
		int k = clause_kind(cl);
		if (k < 1 || k > 4) {
			if (!first_tech)
				first_tech = cl;
			continue;
		}
		const char *num = cl->num.s ? cl->num.s : "";
		const char *title = cl->title.s ? cl->title.s : kind_title[k];
		/* DOC-001: 范围 → 规范性引用文件 → 术语和定义 → 符号和缩略语, all before the
		 * technical chapters; one finding per document, the first misplaced chapter */
		if (found[k]) {
			diag_add(ds, DIAG_DOC_ELEMENT_ORDER, r->file, cl->num.loc,
				 _("chapter '%s %s' repeats chapter '%s %s'"), num, title,
				 found[k]->num.s ? found[k]->num.s : "", kind_title[k]);
		} else if (!order_reported && (first_tech || k < maxkind)) {
			const struct clause *o = first_tech ? first_tech : last_special;
			diag_add(
			    ds, DIAG_DOC_ELEMENT_ORDER, r->file, cl->num.loc,
			    first_tech
				? _("chapter '%s %s' comes after the technical chapter '%s %s'")
				: _("chapter '%s %s' comes after chapter '%s %s'"),
			    num, title, o->num.s ? o->num.s : "", o->title.s ? o->title.s : "");
			order_reported = true;
		}
		if (!found[k])
			found[k] = cl;
		if (k > maxkind) {
			maxkind = k;
			last_special = cl;
		}
		/* DOC-003 */
		if (k <= CLAUSE_TERMS && cl->num.s && (cl->num.s[0] != '0' + k || cl->num.s[1])) {
			struct diag *d =
			    diag_add(ds, DIAG_DOC_CHAPTER_NUMBER, r->file, cl->num.loc,
				     _("'%s' is chapter %s; it must be chapter %d"), title, num, k);
			renumber(d, &cl->num, fmt_number(r, NULL, k));
		}
	}
	/* DOC-002: the chapter number and title of 1–3 are required even without content */
	static const char *const empty_form[] = {"", NULL, ref_lead_none, terms_none};
	for (int k = CLAUSE_SCOPE; k <= CLAUSE_TERMS; k++) {
		if (found[k])
			continue;
		struct diag *d =
		    diag_add(ds, DIAG_DOC_REQUIRED_CHAPTER, r->file, s->loc,
			     _("required chapter '%d %s' is missing"), k, kind_title[k]);
		if (empty_form[k])
			diag_set_help(
			    d, _("add chapter '%d %s'; with nothing to list its text is '%s'"), k,
			    kind_title[k], empty_form[k]);
		else
			diag_set_help(
			    d,
			    _("add chapter '%d %s' stating the subject and field of application"),
			    k, kind_title[k]);
	}
	if (!first_tech && s->nclauses)
		diag_add(ds, DIAG_DOC_REQUIRED_CHAPTER, r->file, s->loc,
			 _("document has no technical chapter after the special chapters"));
	if (found[CLAUSE_REFERENCES])
		check_ref_chapter(r, found[CLAUSE_REFERENCES]);
	if (found[CLAUSE_TERMS])
		check_terms_lead(r, found[CLAUSE_TERMS]);
}

/* ---- NUM-012/013 annexes ---- */

static void check_annexes(struct doc_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct standard *s = r->s;
	if (!s->nannexes)
		return;
	for (size_t i = 0; i < s->nannexes; i++) {
		const struct annex *a = &s->annexes[i];
		if (!a->num.s)
			continue;
		char want[2] = {(char)('A' + (i < 26 ? i : 25)), '\0'};
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
			renumber(d, &a->num, want);
		} else if (strcmp(a->num.s, want)) {
			struct diag *d = diag_add(ds, DIAG_NUM_ANNEX_LETTER, r->file, a->num.loc,
						  _("annex '%s' should be annex '%s'; annexes are "
						    "lettered A, B, C … in order"),
						  a->num.s, want);
			renumber(d, &a->num, want);
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

/* ---- 前言: DOC-004, PREF-001..004 ---- */

/* Which GB/T 1.1 edition a `drafting-rules` value names: 2020, 2009 or 0. */
static int drafting_rules_year(const struct text *t)
{
	struct stdno no;
	if (!t->s || !stdno_parse(t->s, strlen(t->s), &no, NULL))
		return 0;
	if (no.cls != STDNO_NATIONAL || strcmp(no.code, "GB") || strcmp(no.seq, "1") ||
	    no.part != 1)
		return 0;
	return no.year == 2020 || no.year == 2009 ? no.year : 0;
}

static const struct block *foreword_paragraph(const struct foreword *f, const char *prefix,
					      const char *prefix2, size_t *index, struct strbuf *sb)
{
	for (size_t i = 0; i < f->body.n; i++) {
		const struct block *b = &f->body.v[i];
		if (b->kind != BLOCK_P || !b->text.s)
			continue;
		strbuf_reset(sb);
		utf8_fold_space(sb, b->text.s);
		if (str_has_prefix(sb->buf, prefix) || (prefix2 && str_has_prefix(sb->buf, prefix2))) {
			if (index)
				*index = i;
			return b;
		}
	}
	return NULL;
}

static void check_drafting_sentence(struct doc_run *r, const struct foreword *f)
{
	struct diag_store *ds = r->c->ds;
	const struct block *b = f->body.n ? &f->body.v[0] : NULL;
	int want = r->drafting_rules;
	const char *sentence = want == 2009 ? drafting_2009 : drafting_2020;
	int k = b && b->kind == BLOCK_P && b->text.s ? check_doc_drafting_kind(b->text.s) : 0;
	struct diag *d = NULL;
	if (!b || b->kind != BLOCK_P || !b->text.s)
		d = diag_add(ds, DIAG_PREF_DRAFTING_SENTENCE, r->file, b ? b->loc : f->loc,
			     _("foreword does not start with the drafting-basis sentence"));
	else if (!k)
		d = diag_add(ds, DIAG_PREF_DRAFTING_SENTENCE, r->file, b->text.loc,
			     _("first foreword paragraph '%s' is not the drafting-basis sentence"),
			     clip(r, b->text.s));
	else if (want && k != want)
		d = diag_add(ds, DIAG_PREF_DRAFTING_SENTENCE, r->file, b->text.loc,
			     _("drafting-basis sentence cites GB/T 1.1—%d but drafting-rules is "
			       "GB/T 1.1—%d"),
			     k, want);
	if (d)
		diag_set_help(d, _("make the first paragraph: %s"), sentence);
}

static void check_part_relation(struct doc_run *r, const struct foreword *f)
{
	const struct numtext *own = &r->s->number;
	if (!own->ok || !own->no.part)
		return;
	struct diag_store *ds = r->c->ds;
	struct stdno base = own->no;
	base.part = 0;
	base.year = 0;
	base.month = 0;
	base.amend = 0;
	base.amend_year = 0;
	const char *base_text = std_text(r, &base);
	const struct block *b = foreword_paragraph(f, "本文件是", "本标准是", NULL, &r->sb);
	if (!b) {
		struct diag *d =
		    diag_add(ds, DIAG_PREF_PART_RELATION, r->file, f->loc,
			     _("foreword does not say that this document is part %u of %s"),
			     (unsigned)own->no.part, base_text);
		diag_set_help(
		    d, _("add after the drafting-basis sentence: 本文件是%s《…》的第%u部分。"),
		    base_text, (unsigned)own->no.part);
		return;
	}
	const char *p = r->sb.buf + strlen("本文件是");
	struct stdno named;
	size_t n = stdno_scan(p, strlen(p), &named);
	if (!n || !stdno_same_work(&named, &base)) {
		struct diag *d =
		    diag_add(ds, DIAG_PREF_PART_RELATION, r->file, b->text.loc,
			     _("part relation does not name the series %s"), base_text);
		diag_set_help(d, _("write: 本文件是%s《…》的第%u部分。"), base_text,
			      (unsigned)own->no.part);
		return;
	}
	const char *q = strstr(p + n, "的第");
	long k = -1;
	if (q) {
		q += strlen("的第");
		size_t dn = 0;
		while (q[dn] >= '0' && q[dn] <= '9')
			dn++;
		if (str_has_prefix(q + dn, "部分"))
			k = parse_seg(q, dn);
	}
	if (k != (long)own->no.part) {
		struct diag *d = diag_add(
		    ds, DIAG_PREF_PART_RELATION, r->file, b->text.loc,
		    _("part relation does not say '第%u部分' although the number is part %u"),
		    (unsigned)own->no.part, (unsigned)own->no.part);
		diag_set_help(d, _("write: 本文件是%s《…》的第%u部分。"), base_text,
			      (unsigned)own->no.part);
	}
}

/* A number named in a replacement sentence, with its byte offset in the folded text. */
struct named {
	struct stdno no;
	size_t off, len;
};

/* Numbers after 代替: "GB/T 1—2000《…》和GB/T 2—2001《…》，与…". */
static size_t replaced_named(const char *s, struct named *out, size_t max)
{
	const char *p = strstr(s, "代替");
	if (!p)
		return 0;
	p += strlen("代替");
	size_t n = 0;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		size_t k = stdno_scan(p, strlen(p), &out[n].no);
		if (!k)
			break;
		out[n].off = (size_t)(p - s);
		out[n].len = k;
		n++;
		p += k;
		if (str_has_prefix(p, "《")) {
			const char *e = strstr(p, "》");
			if (!e)
				break;
			p = e + strlen("》");
		}
		while (*p == ' ')
			p++;
		if (str_has_prefix(p, "和") || str_has_prefix(p, "、") || str_has_prefix(p, "及"))
			p += 3;
		else if (*p == ',')
			p++;
		else
			break;
	}
	return n;
}

/* Does a 前言 change position ("5.3", "第4章", "表1", "图A.1", "附录B", "式(2)") name something
 * of this document? */
static bool position_resolves(struct doc_run *r, const char *pos, size_t len)
{
	const struct doc_info *di = r->di;
	const struct standard *s = r->s;
	char buf[128];
	while (len && pos[len - 1] == ' ')
		len--;
	while (len && *pos == ' ') {
		pos++;
		len--;
	}
	if (!len || len >= sizeof buf)
		return false;
	memcpy(buf, pos, len);
	buf[len] = '\0';
	if (str_has_prefix(buf, "第") && str_has_suffix(buf, "章")) {
		size_t a = strlen("第"), b = strlen("章");
		if (len <= a + b)
			return false;
		buf[len - b] = '\0';
		const struct clause *cl = strmap_get(&di->clauses, buf + a);
		return cl && !cl->parent && parse_seg(buf + a, strlen(buf + a)) > 0;
	}
	if (str_has_prefix(buf, "表"))
		return strmap_get(&di->tables, buf + strlen("表")) != NULL;
	if (str_has_prefix(buf, "图"))
		return strmap_get(&di->figures, buf + strlen("图")) != NULL;
	if (str_has_prefix(buf, "附录"))
		return strmap_get(&di->annexes, buf + strlen("附录")) != NULL;
	if (str_has_prefix(buf, "式") || str_has_prefix(buf, "公式")) {
		char *f = buf + (str_has_prefix(buf, "式") ? strlen("式") : strlen("公式"));
		if (strmap_get(&di->formulas, f))
			return true;
		size_t fl = strlen(f);
		size_t open = str_has_prefix(f, "(") ? 1 : str_has_prefix(f, "（") ? 3 : 0;
		size_t close = str_has_suffix(f, ")") ? 1 : str_has_suffix(f, "）") ? 3 : 0;
		if (!open || !close || fl <= open + close)
			return false;
		f[fl - close] = '\0';
		return strmap_get(&di->formulas, f + open) != NULL;
	}
	if (!strcmp(buf, "前言"))
		return s->foreword != NULL;
	if (!strcmp(buf, "引言"))
		return s->introduction != NULL;
	if (!strcmp(buf, "参考文献"))
		return s->nbibliography > 0;
	/* "9.3.3 b)", "5.2 注2": the clause decides */
	char *sp = strchr(buf, ' ');
	if (sp)
		*sp = '\0';
	return strmap_get(&di->clauses, buf) || strmap_get(&r->terms, buf);
}

static void check_change_positions(struct doc_run *r, const struct change *ch)
{
	for (size_t i = 0; i < ch->new_.n; i++) {
		const struct text *t = &ch->new_.v[i];
		if (!t->s)
			continue;
		/* one entry may list several places: "第4章、5.1" */
		const char *p = t->s;
		for (;;) {
			const char *e = p;
			size_t sep = 0;
			while (*e) {
				if (str_has_prefix(e, "、") || str_has_prefix(e, "，")) {
					sep = 3;
					break;
				}
				if (*e == ',') {
					sep = 1;
					break;
				}
				e++;
			}
			if (e > p && !position_resolves(r, p, (size_t)(e - p))) {
				struct diag *d =
				    diag_add(r->c->ds, DIAG_PREF_CHANGE_POSITION, r->file,
					     text_loc_at(t, (size_t)(p - t->s)),
					     _("change position '%.*s' is not in this document"),
					     (int)(e - p), p);
				diag_set_help(d, _("`new` names places in this edition; places in "
						   "the replaced edition go under `old`"));
			}
			if (!*e)
				break;
			p = e + sep;
		}
	}
}

static void check_change_items(struct doc_run *r, const struct foreword *f)
{
	struct diag_store *ds = r->c->ds;
	for (size_t i = 0; i < f->nchanges; i++) {
		const struct change *ch = &f->changes[i];
		const char *t = ch->text.s ? ch->text.s : "";
		struct diag *d = NULL;
		switch (ch->kind.v) {
		case CHANGE_ADDED:
			if (!strstr(t, "增加"))
				d = diag_add(ds, DIAG_PREF_CHANGE_FORM, r->file, ch->text.loc,
					     _("added change '%s' does not read '增加了…'"),
					     clip(r, t));
			else if (!ch->new_.n)
				d = diag_add(ds, DIAG_PREF_CHANGE_FORM, r->file, ch->text.loc,
					     _("added change '%s' names no position in this "
					       "edition (`new`)"),
					     clip(r, t));
			break;
		case CHANGE_DELETED:
			if (!strstr(t, "删除"))
				d = diag_add(ds, DIAG_PREF_CHANGE_FORM, r->file, ch->text.loc,
					     _("deleted change '%s' does not read '删除了…'"),
					     clip(r, t));
			else if (!ch->old.n)
				d = diag_add(ds, DIAG_PREF_CHANGE_FORM, r->file, ch->text.loc,
					     _("deleted change '%s' names no position in the "
					       "replaced edition (`old`)"),
					     clip(r, t));
			break;
		case CHANGE_CHANGED:
			if (!strstr(t, "更改") && !strstr(t, "修改"))
				d = diag_add(ds, DIAG_PREF_CHANGE_FORM, r->file, ch->text.loc,
					     _("changed change '%s' does not read '更改了…' or "
					       "'将“…”更改为“…”'"),
					     clip(r, t));
			else if (!ch->new_.n || !ch->old.n)
				d = diag_add(ds, DIAG_PREF_CHANGE_FORM, r->file, ch->text.loc,
					     _("changed change '%s' needs positions in both "
					       "editions (`new` and `old`)"),
					     clip(r, t));
			break;
		default:
			break;
		}
		if (d)
			diag_set_help(d, _("items read 增加了…（见<新位置>）, "
					   "删除了…（见<YYYY>年版的<旧位置>） or "
					   "更改了…（见<新位置>，<YYYY>年版的<旧位置>）"));
		check_change_positions(r, ch);
	}
}

static void replacement_help(struct doc_run *r, struct diag *d)
{
	struct strbuf *sb = &r->sb2;
	strbuf_reset(sb);
	const struct numlist *rep = &r->s->replaces;
	for (size_t i = 0, k = 0; i < rep->n; i++) {
		if (!rep->v[i].ok)
			continue;
		if (k++)
			strbuf_adds(sb, "和");
		stdno_format(&rep->v[i].no, sb);
	}
	diag_set_help(
	    d,
	    _("end the foreword body with: "
	      "本文件代替%s《…》，与%s相比，除结构调整和编辑性改动外，主要技术变化如下："),
	    sb->buf, sb->buf);
}

static void check_replacement(struct doc_run *r, const struct foreword *f)
{
	struct diag_store *ds = r->c->ds;
	const struct numlist *rep = &r->s->replaces;
	size_t idx = 0;
	const struct block *b = foreword_paragraph(f, "本文件代替", "本标准代替", &idx, &r->sb);
	if (!b) {
		if (rep->n) {
			struct diag *d = diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, f->loc,
						  _("foreword has no replacement sentence although "
						    "the document replaces '%s'"),
						  rep->v[0].text.s ? rep->v[0].text.s : "");
			replacement_help(r, d);
		} else if (f->nchanges) {
			diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, f->changes[0].loc,
				 _("foreword lists changes but has no replacement sentence and "
				   "`replaces` is empty"));
		}
		check_change_items(r, f);
		return;
	}
	const struct text *t = &b->text;
	if (!rep->n) {
		struct diag *d = diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
					  _("foreword has a replacement sentence but the document "
					    "declares no `replaces`"));
		diag_set_help(
		    d, _("add `replaces:` with the replaced editions, or remove the sentence"));
		check_change_items(r, f);
		return;
	}
	/* the sentence names exactly the replaced editions, compared as parsed numbers */
	enum { MAXNAMED = 16 };
	struct named named[MAXNAMED];
	char *folded = xstrdup(r->sb.buf);
	size_t nn = replaced_named(folded, named, MAXNAMED);
	for (size_t i = 0; i < rep->n; i++) {
		if (!rep->v[i].ok)
			continue;
		bool hit = false;
		for (size_t k = 0; k < nn && !hit; k++)
			hit = stdno_same_edition(&named[k].no, &rep->v[i].no);
		if (!hit) {
			struct diag *d = diag_add(
			    ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			    _("replacement sentence does not name the replaced edition '%s'"),
			    rep->v[i].text.s);
			replacement_help(r, d);
		}
	}
	for (size_t k = 0; k < nn; k++) {
		bool hit = false;
		for (size_t i = 0; i < rep->n && !hit; i++)
			hit = rep->v[i].ok && stdno_same_edition(&named[k].no, &rep->v[i].no);
		if (!hit)
			diag_add(
			    ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			    _("replacement sentence names '%.*s', which `replaces` does not list"),
			    (int)named[k].len, folded + named[k].off);
	}
	/* model.md §6: the change list follows the body, so the sentence is its last paragraph */
	if (idx + 1 != f->body.n)
		diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			 _("replacement sentence is not the last foreword paragraph; the change "
			   "list follows it"));
	if (str_has_suffix(folded, "如下：") && !f->nchanges)
		diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			 _("replacement sentence announces the main technical changes but "
			   "`changes` is empty"));
	free(folded);
	check_change_items(r, f);
}

static void check_adoption(struct doc_run *r, const struct foreword *f)
{
	static const char *const phrase[] = {"", "等同采用", "修改采用", "非等效"};
	struct diag_store *ds = r->c->ds;
	const struct adoption *ad = r->s->adopts;
	int stated = 0;
	const struct block *where = NULL;
	for (size_t i = 0; i < f->body.n && !stated; i++) {
		const struct block *b = &f->body.v[i];
		if (b->kind != BLOCK_P || !b->text.s)
			continue;
		for (int k = DEGREE_IDT; k <= DEGREE_NEQ && !stated; k++)
			if (strstr(b->text.s, phrase[k])) {
				stated = k;
				where = b;
			}
	}
	int declared = ad ? ad->degree.v : 0;
	if (ad && declared && !stated) {
		struct diag *d = diag_add(
		    ds, DIAG_PREF_ADOPTION, r->file, ad->loc,
		    _("foreword does not state the consistency degree %s declared in `adopts`"),
		    degree_word(declared));
		const char *std = ad->standard.s ? ad->standard.s : "…";
		if (declared == DEGREE_IDT)
			diag_set_help(d, _("add: 本文件等同采用%s。"), std);
		else if (declared == DEGREE_MOD)
			diag_set_help(d, _("add: 本文件修改采用%s。"), std);
		else
			diag_set_help(d, _("add: 本文件参考%s起草，一致性程度为非等效。"), std);
	} else if (stated && declared && stated != declared) {
		diag_add(ds, DIAG_PREF_ADOPTION, r->file, where->text.loc,
			 _("foreword says '%s' but `adopts` declares %s"), phrase[stated],
			 degree_word(declared));
	} else if (stated && !ad) {
		struct diag *d = diag_add(
		    ds, DIAG_PREF_ADOPTION, r->file, where->text.loc,
		    _("foreword says '%s' but the document declares no `adopts`"), phrase[stated]);
		diag_set_help(d, _("add `adopts: {standard: …, degree: %s}`"), degree_word(stated));
	}
}

static void check_foreword(struct doc_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct foreword *f = r->s->foreword;
	if (!f) {
		struct diag *d = diag_add(ds, DIAG_DOC_REQUIRED_ELEMENT, r->file, r->s->loc,
					  _("document has no foreword (前言)"));
		diag_set_help(d, _("add `foreword:` whose first paragraph is: %s"),
			      r->drafting_rules == 2009 ? drafting_2009 : drafting_2020);
		return;
	}
	/* DOC-004: no numbered objects, no requirements (应/不应) in the 前言 */
	for (size_t i = 0; i < f->body.n; i++) {
		const struct block *b = &f->body.v[i];
		const char *num = b->num.s ? b->num.s : "";
		if (b->kind == BLOCK_TABLE)
			diag_add(ds, DIAG_DOC_FOREWORD_CONTENT, r->file, b->loc,
				 _("foreword holds table '%s'"), num);
		else if (b->kind == BLOCK_FIGURE)
			diag_add(ds, DIAG_DOC_FOREWORD_CONTENT, r->file, b->loc,
				 _("foreword holds figure '%s'"), num);
		else if (b->kind == BLOCK_FORMULA)
			diag_add(ds, DIAG_DOC_FOREWORD_CONTENT, r->file, b->loc,
				 _("foreword holds formula '%s'"), num);
		else if (b->kind == BLOCK_P && b->text.s) {
			size_t len;
			size_t off = check_doc_find_modal(b->text.s, false, &len);
			if (off != SIZE_MAX) {
				struct diag *d = diag_add(
				    ds, DIAG_DOC_FOREWORD_REQUIREMENT, r->file,
				    text_loc_at(&b->text, off),
				    _("foreword paragraph contains the requirement verb '%.*s'"),
				    (int)len, b->text.s + off);
				diag_set_help(d, _("the foreword states no requirements; move them "
						   "into the body"));
			}
		}
	}
	walk_body(r, &f->body, NULL);
	check_drafting_sentence(r, f);
	check_part_relation(r, f);
	check_replacement(r, f);
	check_adoption(r, f);
}

/* ---- the document as a whole ---- */

static void check_metadata(struct doc_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct standard *s = r->s;
	/* DOC-013 */
	if (s->published.y && s->effective.y && date_cmp(&s->effective, &s->published) < 0)
		diag_add(ds, DIAG_DOC_DATES, r->file, s->effective.loc,
			 _("effective date %04d-%02d-%02d is before the publication date "
			   "%04d-%02d-%02d"),
			 s->effective.y, s->effective.m, s->effective.d, s->published.y,
			 s->published.m, s->published.d);
	/* NUM-009: a part's title names its part */
	if (s->number.ok && s->number.no.part && s->title.s) {
		char want[32];
		snprintf(want, sizeof want, "第%u部分", (unsigned)s->number.no.part);
		if (!strstr(s->title.s, want)) {
			struct diag *d = diag_add(ds, DIAG_NUM_PART_TITLE, r->file, s->title.loc,
						  _("title of part %u does not contain '%s'"),
						  (unsigned)s->number.no.part, want);
			diag_set_help(d, _("title a part '<引导要素> <主体要素> %s：<补充要素>'"),
				      want);
		}
	}
	/* the replaced editions are earlier editions of the same work — or, in a consolidating
	 * revision (整合修订), of other works: worth a note, never more */
	if (s->number.ok) {
		for (size_t i = 0; i < s->replaces.n; i++) {
			const struct numtext *p = &s->replaces.v[i];
			if (!p->ok)
				continue;
			if (stdno_same_edition(&p->no, &s->number.no)) {
				diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, p->text.loc,
					 _("document replaces its own edition '%s'"), p->text.s);
			} else if (!stdno_same_work(&p->no, &s->number.no)) {
				struct diag *d =
				    diag_add(ds, DIAG_PREF_REPLACES_WORK, r->file, p->text.loc,
					     _("replaced edition '%s' is not an edition of '%s'"),
					     p->text.s, std_text(r, &s->number.no));
				diag_set_help(d, _("right for a consolidating revision (整合修订); "
						   "otherwise correct the number"));
			}
		}
	}
}

static void check_one(struct check_ctx *c, struct doc_info *di)
{
	struct doc_run r = {0};
	r.c = c;
	r.di = di;
	r.s = di->std;
	r.file = di->doc->path;
	strmap_init(&r.terms);
	strbuf_init(&r.sb);
	strbuf_init(&r.sb2);
	const struct standard *s = r.s;
	r.drafting_rules = drafting_rules_year(&s->drafting_rules);
	const struct foreword *f = s->foreword;
	r.claims_2020 = r.drafting_rules == 2020 ||
			(f && f->body.n && f->body.v[0].kind == BLOCK_P && f->body.v[0].text.s &&
			 check_doc_drafting_kind(f->body.v[0].text.s) == 2020);

	check_chapters(&r);
	/* the body in reading order, so that figures, tables and formulas count from the 引言 on */
	struct objscope body = {0};
	if (s->introduction) {
		walk_body(&r, &s->introduction->body, &body);
		struct group g = {s->introduction->clauses,
				  s->introduction->nclauses,
				  NULL,
				  "0",
				  true,
				  SCOPE_INTRO,
				  "0"};
		check_group(&r, &g, &body);
	}
	struct group chapters = {s->clauses, s->nclauses, NULL, NULL, true, SCOPE_BODY, ""};
	check_group(&r, &chapters, &body);
	for (size_t i = 0; i < s->nannexes; i++) {
		struct annex *a = &s->annexes[i];
		bool ok = is_annex_letter(a->num.s);
		struct objscope sc = {0};
		sc.letter = ok ? a->num.s : NULL;
		/* without a usable letter nothing inside can be numbered against it */
		walk_body(&r, &a->body, ok ? &sc : NULL);
		struct group g = {a->clauses,
				  a->nclauses,
				  NULL,
				  ok ? a->num.s : NULL,
				  ok,
				  SCOPE_ANNEX,
				  a->num.s ? a->num.s : ""};
		check_group(&r, &g, ok ? &sc : NULL);
	}
	check_annexes(&r);
	check_foreword(&r);
	check_metadata(&r);
	strmap_release(&r.terms);
	strbuf_release(&r.sb);
	strbuf_release(&r.sb2);
}

void check_doc_run(struct check_ctx *c)
{
	for (size_t i = 0; i < c->ndocs; i++)
		check_one(c, &c->docs[i]);
}
