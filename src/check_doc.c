/* SPDX-License-Identifier: MIT */
/* check_doc: the elements of one standard document (domain-rules.md DOC): the special
 * chapters 范围, 规范性引用文件, 术语和定义 and 符号和缩略语 — their order, numbers, lead
 * sentences and reference list — and the publication and effective dates. The numbering rules
 * are check_num's, the 前言 is check_foreword's. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "stdno.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Boilerplate of GB/T 1.1—2020 (and the 2009 forms that identify older texts). */
/* clang-format off */
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

struct doc_run {
	struct check_ctx *c;
	const struct standard *s;
	const char *file;
	bool claims_2020; /* drafting-rules or the 前言 says GB/T 1.1—2020 */
	struct strbuf sb;
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
		const char *tail = str_has_suffix(p.buf, terms_both_tail) ? terms_both_tail
				   : str_has_suffix(p.buf, terms_imported_tail)
				       ? terms_imported_tail
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

/* ---- DOC-001/002/003/006/008/009: the special chapters ---- */

static const char *const kind_title[] = { "", "范围", "规范性引用文件", "术语和定义",
					  "符号和缩略语" };

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
	/* GB/T 1.1—2020 8.4: documents that are not standards come after the standards */
	const struct refentry *doc = NULL;
	for (size_t i = 0; i < cl->nreferences; i++) {
		const struct refentry *e = &cl->references[i];
		if (!e->number.text.s && e->title.s) {
			if (!doc)
				doc = e;
		} else if (doc && e->number.text.s) {
			struct strbuf *q = &r->sb;
			strbuf_reset(q);
			strbuf_addf(q, "《%s》", doc->title.s);
			struct diag *d =
			    diag_add(r->c->ds, DIAG_DOC_REF_ORDER, r->file, e->number.text.loc,
				     _("normative reference '%s' should come before '%s'"),
				     e->number.text.s, q->buf);
			diag_set_help(d, _("list the standards first, then the documents that are "
					   "not standards"));
			break;
		}
	}
	struct refsort *v = xcalloc(cl->nreferences + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < cl->nreferences; i++)
		if (cl->references[i].number.ok)
			v[n++] = (struct refsort){ &cl->references[i].number.no, i };
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
		struct strbuf *sb = &r->sb;
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
				     check_clip(r->c, t->s));
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
			     _("'%s' is not a lead sentence of GB/T 1.1—2020 8.7"),
			     check_clip(r->c, t->s));
		diag_set_help(d, _("write '%s'"), cl->nterms ? terms_own : terms_none);
	}
}

/* The clause that holds the term entries and their lead sentence: the terms chapter, or, in
 * a combined chapter (3 术语、定义和缩略语), its sub-clause 3.1 术语和定义. */
static const struct clause *terms_clause(const struct clause *ch)
{
	if (ch->has_terms || !ch->nclauses)
		return ch;
	for (size_t i = 0; i < ch->nclauses; i++) {
		const struct clause *sub = &ch->clauses[i];
		if (sub->has_terms)
			return sub;
	}
	for (size_t i = 0; i < ch->nclauses; i++) {
		const struct clause *sub = &ch->clauses[i];
		if (sub->title.s && strstr(sub->title.s, "术语"))
			return sub;
	}
	return ch;
}

int check_doc_misnumbered_kind(const struct clause *chapter)
{
	int k = clause_kind(chapter);
	const char *num = chapter->num.s;
	if (k < CLAUSE_SCOPE || k > CLAUSE_TERMS || !num)
		return 0;
	return num[0] != '0' + k || num[1] ? k : 0;
}

static void check_chapters(struct doc_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct standard *s = r->s;
	const struct clause *found[5] = { 0 };
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
		if (check_doc_misnumbered_kind(cl)) {
			struct diag *d =
			    diag_add(ds, DIAG_DOC_CHAPTER_NUMBER, r->file, cl->num.loc,
				     _("'%s' is chapter %s; it must be chapter %d"), title, num, k);
			check_num_renumber(d, &cl->num, check_num_format(r->c, NULL, k));
		}
	}
	/* DOC-002: the chapter number and title of 1–3 are required even without content */
	static const char *const empty_form[] = { "", NULL, ref_lead_none, terms_none };
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
		check_terms_lead(r, terms_clause(found[CLAUSE_TERMS]));
}

/* ---- DOC-013 ---- */

static void check_dates(struct doc_run *r)
{
	const struct standard *s = r->s;
	if (s->published.y && s->effective.y && date_cmp(&s->effective, &s->published) < 0)
		diag_add(r->c->ds, DIAG_DOC_DATES, r->file, s->effective.loc,
			 _("effective date %04d-%02d-%02d is before the publication date "
			   "%04d-%02d-%02d"),
			 s->effective.y, s->effective.m, s->effective.d, s->published.y,
			 s->published.m, s->published.d);
}

void check_doc_run(struct check_ctx *c)
{
	for (size_t i = 0; i < c->ndocs; i++) {
		const struct standard *s = c->docs[i].std;
		struct doc_run r = { c, s, c->docs[i].doc->path, check_foreword_claims_2020(s),
				     STRBUF_INIT };
		check_chapters(&r);
		check_dates(&r);
		strbuf_release(&r.sb);
	}
}
