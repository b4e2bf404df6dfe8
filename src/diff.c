/* SPDX-License-Identifier: MIT */
/* diff: row matching (key → work key → code) and the 立改废释 classification of every change
 * between two revisions of a system, a registry or a standard (domain-rules.md LIFE-011). */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "pool.h"
#include "records.h"
#include "stdno.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

/* ---- class names ---- */

static const struct {
	const char *en, *zh;
	enum diff_family family;
} class_info[DIFF_NCLASS] = {
	[DIFF_ESTABLISH] = { "establish", "立(制定)", FAMILY_LI },
	[DIFF_ADOPT] = { "adopt", "立(纳入)", FAMILY_LI },
	[DIFF_REVISE] = { "revise", "改(修订)", FAMILY_GAI },
	[DIFF_AMEND] = { "amend", "改(修改单)", FAMILY_GAI },
	[DIFF_ABOLISH] = { "abolish", "废(废止)", FAMILY_FEI },
	[DIFF_DELIST] = { "delist", "移出", FAMILY_OTHER },
	[DIFF_INTERPRET] = { "interpret", "释(解释)", FAMILY_SHI },
	[DIFF_REFILE] = { "refile", "调整归类", FAMILY_OTHER },
	[DIFF_REVIEW] = { "review", "复审", FAMILY_OTHER },
	[DIFF_EDIT] = { "edit", "编辑性", FAMILY_OTHER },
};

const char *diff_class_name(enum diff_class c)
{
	return c < DIFF_NCLASS ? class_info[c].en : "?";
}

const char *diff_class_zh(enum diff_class c)
{
	return c < DIFF_NCLASS ? class_info[c].zh : "?";
}

enum diff_family diff_class_family(enum diff_class c)
{
	return c < DIFF_NCLASS ? class_info[c].family : FAMILY_OTHER;
}

const char *diff_family_zh(enum diff_family f)
{
	static const char *const names[DIFF_NFAMILY] = { "立", "改", "废", "释", "其他" };
	return f < DIFF_NFAMILY ? names[f] : "?";
}

/* ---- sides ---- */

void diff_side_init(struct diff_side *s, const char *label)
{
	memset(s, 0, sizeof *s);
	s->label = label;
	project_init(&s->p);
}

void diff_side_release(struct diff_side *s)
{
	project_release(&s->p);
	s->main = NULL;
}

bool diff_side_settle(struct diff_side *s)
{
	if (s->p.system_doc) {
		s->main = s->p.system_doc;
	} else {
		for (size_t i = 0; i < s->p.nothers && !s->main; i++)
			if (s->p.others[i]->model)
				s->main = s->p.others[i];
	}
	if (!s->main)
		return false;
	s->kind = s->main->kind;
	return true;
}

void diff_result_init(struct diff_result *r)
{
	memset(r, 0, sizeof *r);
	r->arena = arena_new();
}

void diff_result_release(struct diff_result *r)
{
	for (size_t i = 0; i < r->ndocs; i++) {
		diff_doc_release(r->docs[i]);
		free(r->docs[i]);
	}
	free(r->docs);
	free(r->changes);
	free(r->cats);
	free(r->recs);
	arena_free(r->arena);
	memset(r, 0, sizeof *r);
}

bool diff_has_differences(const struct diff_result *r)
{
	return r->nchanges || r->system_fields || r->nrecs;
}

/* ---- the rows of one side ---- */

/* What matching sees of a side: a system's rows, or a registry's editions turned into rows
 * (registry diffs reuse the row machinery; such rows have no code). */
struct rowside {
	const struct diff_side *side;
	const struct system *sys;
	struct row *rows;
	size_t n;
	const char *file;
	const char **files;    /* registry rows: the registry file of each row, else NULL */
	const char **ek, **wk; /* edition and work key of each row ("" / NULL without a number),
				* formatted once: number formatting dominates the cost otherwise */
	struct date as_of;
	struct strmap reg_eds; /* edition key → registry edition of this side */
};

struct doc_prefetch;

struct mctx {
	struct diff_result *r;
	struct rowside o, n;
	bool *odone, *ndone;
	bool registry_only;	 /* keep only abolitions (registries next to a system) */
	struct doc_prefetch *pf; /* document pairs diffed ahead on the pool, or NULL */
};

static const char *akey(struct diff_result *r, const struct stdno *no,
			void (*fn)(const struct stdno *, struct strbuf *))
{
	struct strbuf sb;
	strbuf_init(&sb);
	fn(no, &sb);
	const char *s = arena_strndup(r->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

static const char *edition_key(struct diff_result *r, const struct row *row)
{
	return row->number.ok ? akey(r, &row->number.no, stdno_edition_key) : "";
}

static const char *work_key(struct diff_result *r, const struct row *row)
{
	return row->number.ok ? akey(r, &row->number.no, stdno_work_key) : NULL;
}

static const char *number_text(struct diff_result *r, const struct numtext *nt)
{
	if (nt->ok)
		return akey(r, &nt->no, stdno_format);
	return nt->text.s;
}

/* Registry editions of every registry a side loaded, as rows. */
static void registry_rows(struct diff_result *r, const struct diff_side *s, struct rowside *rs)
{
	size_t n = 0;
	const struct project *p = &s->p;
	const struct registry *lone = NULL;
	if (!p->system && s->main && s->main->kind == DOC_REGISTRY)
		lone = s->main->model;
	for (size_t i = 0; i < p->nregistries; i++)
		n += ((const struct registry *)p->registries[i]->model)->neditions;
	if (lone)
		n += lone->neditions;
	rs->rows = n ? arena_alloc(r->arena, n * sizeof *rs->rows) : NULL;
	rs->files = n ? arena_alloc(r->arena, n * sizeof *rs->files) : NULL;
	rs->n = 0;
	for (size_t i = 0; i <= p->nregistries; i++) {
		const struct registry *g = i < p->nregistries ? p->registries[i]->model : lone;
		const char *file =
		    i < p->nregistries ? p->registries[i]->path : (lone ? s->main->path : NULL);
		if (!g)
			continue;
		for (size_t k = 0; k < g->neditions; k++) {
			const struct edition *e = &g->editions[k];
			struct row *w = &rs->rows[rs->n];
			w->loc = e->loc;
			w->number = e->number;
			w->title = e->title;
			w->status = e->status;
			w->status_given = e->status.v;
			w->published = e->published;
			w->effective = e->effective;
			w->withdrawn = e->withdrawn;
			w->replaces = e->replaces;
			w->replaced_by = e->replaced_by;
			w->level_eff = e->number.ok ? (int)e->number.no.level : 0;
			w->key_eff = e->number.ok ? work_key(r, w) : "";
			rs->files[rs->n] = file;
			w->index = rs->n++;
		}
	}
	if (lone)
		rs->file = s->main->path;
}

static void reg_index(struct diff_result *r, const struct diff_side *s, struct strmap *m)
{
	strmap_init(m);
	for (size_t i = 0; i < s->p.nregistries; i++) {
		const struct registry *g = s->p.registries[i]->model;
		for (size_t k = 0; k < g->neditions; k++)
			if (g->editions[k].number.ok)
				strmap_put_new(
				    m,
				    edition_key(r,
						&(struct row){ .number = g->editions[k].number }),
				    (void *)&g->editions[k]);
	}
}

/* ---- change records ---- */

static const char *row_file(const struct rowside *rs, const struct row *w)
{
	return rs->files ? rs->files[w->index] : rs->file;
}

static void face(struct mctx *m, const struct rowside *rs, const struct row *w, struct diff_face *f)
{
	if (!w)
		return;
	f->present = true;
	f->code = w->code.s;
	f->number = number_text(m->r, &w->number);
	f->title = w->title.s;
	f->status = row_status_on(w, &rs->as_of);
	f->file = row_file(rs, w);
	f->loc = w->loc;
}

static bool is_own(const struct system *s, const struct row *w)
{
	/* a planned row (no number): the owner means to have it drafted */
	return !w->number.ok || system_is_own(s, &w->number.no);
}

static const char *top_code(const struct row *w)
{
	if (!w || !w->category)
		return NULL;
	const struct category *b = category_block(w->category);
	return b ? b->code.s : NULL;
}

/* The next change of r, of class cls, its other fields zero; it may move r->changes. */
static struct diff_change *new_change(struct diff_result *r, enum diff_class cls)
{
	XGROW(r->changes, r->cap, r->nchanges + 1);
	struct diff_change *c = &r->changes[r->nchanges];
	memset(c, 0, sizeof *c);
	c->seq = r->nchanges++;
	c->cls = cls;
	return c;
}

static struct diff_change *add_change(struct mctx *m, enum diff_class cls, const struct row *o,
				      const struct row *n)
{
	struct diff_change *c = new_change(m->r, cls);
	c->old_row = o;
	c->new_row = n;
	const struct row *k = n ? n : o;
	c->key = k->key_eff ? k->key_eff : "";
	c->code = n && n->code.s ? n->code.s : o && o->code.s ? o->code.s : "";
	const char *cat = top_code(n);
	c->category = cat ? cat : (cat = top_code(o)) ? cat : "";
	face(m, &m->o, o, &c->old);
	face(m, &m->n, n, &c->new_);
	if (n && n->number.ok && !is_own(m->n.sys, n))
		c->flags |= DIFF_F_EXTERNAL;
	else if (!n && o && o->number.ok && !is_own(m->o.sys, o))
		c->flags |= DIFF_F_EXTERNAL;
	return c;
}

/* ---- comparing one row with its partner ---- */

static bool text_eq(const struct text *a, const struct text *b)
{
	if (!a->s || !b->s)
		return !a->s == !b->s;
	return !strcmp(a->s, b->s);
}

static bool ws_at(const char *s, size_t *len)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return *len = 1, true;
	if (!strncmp(s, "\u3000", 3))
		return *len = 3, true;
	return false;
}

/* Titles compare after folding white space runs (model.md §6). */
static bool title_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	size_t k;
	while (ws_at(a, &k))
		a += k;
	while (ws_at(b, &k))
		b += k;
	for (;;) {
		bool sa = false, sb = false;
		while (ws_at(a, &k))
			a += k, sa = true;
		while (ws_at(b, &k))
			b += k, sb = true;
		if (!*a || !*b)
			return !*a && !*b;
		if (sa != sb || *a != *b)
			return false;
		a++, b++;
	}
}

static bool date_eq(const struct date *a, const struct date *b)
{
	return a->y == b->y && a->m == b->m && a->d == b->d;
}

static bool numtext_eq(const struct numtext *a, const struct numtext *b)
{
	if (a->ok != b->ok)
		return false;
	/* The same spelling is the same number; only different spellings need formatting. */
	if (a->text.s && b->text.s && !strcmp(a->text.s, b->text.s))
		return true;
	if (a->ok) {
		struct strbuf x, y;
		strbuf_init(&x);
		strbuf_init(&y);
		stdno_format(&a->no, &x);
		stdno_format(&b->no, &y);
		bool eq = !strcmp(x.buf, y.buf);
		strbuf_release(&x);
		strbuf_release(&y);
		return eq;
	}
	return text_eq(&a->text, &b->text);
}

static bool numlist_eq(const struct numlist *a, const struct numlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!numtext_eq(&a->v[i], &b->v[i]))
			return false;
	return true;
}

static bool adopts_eq(const struct adoption *a, const struct adoption *b)
{
	if (!a || !b)
		return a == b;
	return text_eq(&a->standard, &b->standard) && a->degree.v == b->degree.v;
}

static void field(struct strbuf *sb, bool differs, const char *name)
{
	if (!differs)
		return;
	if (sb->len)
		strbuf_adds(sb, ", ");
	strbuf_adds(sb, name);
}

/* The English names of the metadata fields that differ (besides code, category and records). */
static void changed_fields(const struct row *o, const struct row *n, struct strbuf *sb)
{
	field(sb, !numtext_eq(&o->number, &n->number) || !text_eq(&o->number.text, &n->number.text),
	      "number");
	field(sb, !title_eq(o->title.s, n->title.s), "title");
	field(sb, !title_eq(o->title_en.s, n->title_en.s), "title-en");
	field(sb, o->level_eff != n->level_eff, "level");
	field(sb, o->type.v != n->type.v, "type");
	field(sb, o->status_given != n->status_given, "status");
	field(sb, o->action.v != n->action.v, "action");
	field(sb, !date_eq(&o->published, &n->published), "published");
	field(sb, !date_eq(&o->effective, &n->effective), "effective");
	field(sb, !date_eq(&o->withdrawn, &n->withdrawn), "withdrawn");
	field(sb, !numlist_eq(&o->replaces, &n->replaces), "replaces");
	field(sb, !numlist_eq(&o->replaced_by, &n->replaced_by), "replaced-by");
	field(sb, !adopts_eq(o->adopts, n->adopts), "adopts");
	field(sb, !numlist_eq(&o->refs, &n->refs), "refs");
	field(sb, !text_eq(&o->document, &n->document), "document");
	field(sb, !text_eq(&o->note, &n->note), "note");
}

/* Records are new when their id (else their date) is not on the old row: two records are the
 * same when their ids are, or, where one has none, their dates. */
static bool same_record(const struct text *ida, const struct date *da, const struct text *idb,
			const struct date *db)
{
	return ida->s && idb->s ? !strcmp(ida->s, idb->s) : date_eq(da, db);
}

static bool has_amendment(const struct row *o, const struct amendment *a)
{
	for (size_t i = 0; i < o->namendments; i++)
		if (same_record(&a->id, &a->published, &o->amendments[i].id,
				&o->amendments[i].published))
			return true;
	return false;
}

static bool has_interpretation(const struct row *o, const struct interpretation *a)
{
	for (size_t i = 0; i < o->ninterpretations; i++)
		if (same_record(&a->id, &a->issued, &o->interpretations[i].id,
				&o->interpretations[i].issued))
			return true;
	return false;
}

static bool has_review(const struct row *o, const struct review *a)
{
	for (size_t i = 0; i < o->nreviews; i++)
		if (date_eq(&a->date, &o->reviews[i].date) &&
		    a->outcome.v == o->reviews[i].outcome.v)
			return true;
	return false;
}

static const struct review *last_review(const struct row *w)
{
	const struct review *best = NULL;
	for (size_t i = 0; i < w->nreviews; i++)
		if (!best || date_cmp(&w->reviews[i].date, &best->date) >= 0)
			best = &w->reviews[i];
	return best;
}

static void standard_fields(const struct standard *a, const struct standard *b, struct strbuf *sb);

/* The front matter of a pair's linked documents that differs (title, number, dates, …), as
 * "document title", …: a title changed in the document's file is a change of the system too,
 * as the diff of the two documents reports it, whether they come from files or revisions. */
static void doc_fields(const struct diff_doc *dd, struct strbuf *sb)
{
	if (!dd || !dd->old_std || !dd->new_std)
		return;
	struct strbuf f;
	strbuf_init(&f);
	standard_fields(dd->old_std, dd->new_std, &f);
	for (const char *p = f.buf; f.len && *p;) {
		const char *e = strstr(p, ", ");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (sb->len)
			strbuf_adds(sb, ", ");
		strbuf_adds(sb, "document ");
		strbuf_add(sb, p, n);
		p += n + (e ? 2 : 0);
	}
	strbuf_release(&f);
}

/* ---- document pairs diffed ahead ---- */

/* Which documents a row pair compares is known only as the rows are matched, and the matching
 * is serial; but most pairs are plain to see beforehand: rows with the same key, work, code or
 * document file on both sides. Those pairs are compared on the pool before the matching, and
 * doc_pair takes their results as it meets them, in its own order, so that the result is the
 * one of a serial run; a pair not foreseen is compared there as before. */
struct doc_ahead {
	const struct doc *od, *nd;
	bool equal;	     /* the two trees are equal: nothing to diff */
	struct diff_doc *dd; /* else their diff, until doc_pair takes it */
};

struct doc_prefetch {
	struct doc_ahead *v; /* sorted by (od, nd) */
	size_t n;
};

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
	return x < y ? -1 : x > y;
}

static int cmp_ahead(const void *a, const void *b)
{
	const struct doc_ahead *x = a, *y = b;
	int c = cmp_ptr(x->od, y->od);
	return c ? c : cmp_ptr(x->nd, y->nd);
}

static void ahead_job(void *arg, size_t i, unsigned worker)
{
	(void)worker;
	struct doc_ahead *a = &((struct doc_prefetch *)arg)->v[i];
	a->equal = node_equal(a->od->root, a->nd->root);
	if (!a->equal) {
		a->dd = xmalloc(sizeof *a->dd);
		diff_doc_run(a->dd, a->od, a->nd);
	}
}

/* The loaded document of row `w` of a system side, or NULL. */
static struct doc *row_doc(const struct rowside *rs, const struct row *w)
{
	const struct project *p = &rs->side->p;
	struct doc *d = p->row_document ? p->row_document[w->index] : NULL;
	return d && d->model ? d : NULL;
}

/* The key of kind `k` that a row pair sharing it is likely matched by. */
static const char *ahead_key(const struct rowside *rs, const struct row *w, int k)
{
	switch (k) {
	case 0:
		return w->key_eff && *w->key_eff ? w->key_eff : NULL;
	case 1:
		return rs->wk[w->index];
	case 2:
		return w->code.s;
	default:
		return w->document.s;
	}
}

/* Compare the likely document pairs of m's systems on r->jobs threads (after cache_keys). */
static void prefetch_docs(struct mctx *m)
{
	enum { NKEYS = 4 };
	struct doc_prefetch *pf = xcalloc(1, sizeof *pf);
	size_t cap = 0;
	struct strmap old[NKEYS]; /* key → first old row with a document */
	for (int k = 0; k < NKEYS; k++) {
		strmap_init(&old[k]);
		for (size_t i = 0; i < m->o.n; i++) {
			const char *key = ahead_key(&m->o, &m->o.rows[i], k);
			if (key && row_doc(&m->o, &m->o.rows[i]))
				strmap_put_new(&old[k], key, &m->o.rows[i]);
		}
	}
	for (size_t j = 0; j < m->n.n; j++) {
		const struct row *n = &m->n.rows[j];
		struct doc *nd = row_doc(&m->n, n);
		for (int k = 0; nd && k < NKEYS; k++) {
			const char *key = ahead_key(&m->n, n, k);
			const struct row *o = key ? strmap_get(&old[k], key) : NULL;
			if (!o)
				continue;
			XGROW(pf->v, cap, pf->n + 1);
			pf->v[pf->n++] = (struct doc_ahead){ row_doc(&m->o, o), nd, false, NULL };
		}
	}
	for (int k = 0; k < NKEYS; k++)
		strmap_release(&old[k]);
	/* each pair once */
	if (pf->n)
		qsort(pf->v, pf->n, sizeof *pf->v, cmp_ahead);
	size_t u = 0;
	for (size_t i = 0; i < pf->n; i++)
		if (!u || cmp_ahead(&pf->v[u - 1], &pf->v[i]))
			pf->v[u++] = pf->v[i];
	pf->n = u;
	pool_run(m->r->jobs, pf->n, ahead_job, pf);
	m->pf = pf;
}

/* Free the diffs doc_pair did not take. */
static void prefetch_free(struct doc_prefetch *pf)
{
	if (!pf)
		return;
	for (size_t i = 0; i < pf->n; i++)
		if (pf->v[i].dd) {
			diff_doc_release(pf->v[i].dd);
			free(pf->v[i].dd);
		}
	free(pf->v);
	free(pf);
}

/* The linked documents of a matched pair, diffed once and owned by the result. */
static struct diff_doc *doc_pair(struct mctx *m, const struct row *o, const struct row *n)
{
	if (!m->o.sys || !m->n.sys || !o || !n)
		return NULL;
	const struct project *po = &m->o.side->p, *pn = &m->n.side->p;
	if (!po->row_document || !pn->row_document)
		return NULL;
	struct doc *od = po->row_document[o->index], *nd = pn->row_document[n->index];
	if (!od || !nd || !od->model || !nd->model)
		return NULL;
	struct doc_ahead key = { od, nd, false, NULL }, *a = NULL;
	if (m->pf && m->pf->n)
		a = bsearch(&key, m->pf->v, m->pf->n, sizeof key, cmp_ahead);
	struct diff_doc *dd = NULL;
	if (a && a->equal)
		return NULL;
	if (a && a->dd) {
		dd = a->dd;
		a->dd = NULL;
	} else {
		/* Most documents of a system do not change between two revisions of it. */
		if (!a && node_equal(od->root, nd->root))
			return NULL;
		dd = xmalloc(sizeof *dd);
		diff_doc_run(dd, od, nd);
	}
	struct diff_result *r = m->r;
	r->docs = xrealloc(r->docs, (r->ndocs + 1) * sizeof *r->docs);
	r->docs[r->ndocs++] = dd;
	return dd;
}

static int status_given(const struct row *w)
{
	return w->status_given ? w->status_given : STATUS_CURRENT;
}

static const char *afields(struct mctx *m, struct strbuf *sb)
{
	return sb->len ? arena_strndup(m->r->arena, sb->buf, sb->len) : NULL;
}

/* One more change of the pair o, n (add_change); *first keeps the index of its first change,
 * which takes the pair's document and flags. */
static struct diff_change *pair_change(struct mctx *m, enum diff_class cls, const struct row *o,
				       const struct row *n, size_t *first)
{
	struct diff_change *c = add_change(m, cls, o, n);
	if (*first == SIZE_MAX)
		*first = c->seq;
	return c;
}

/* Classify a row present in both revisions with the same edition. */
static void classify_pair(struct mctx *m, const struct row *o, const struct row *n)
{
	int so = status_given(o), sn = status_given(n);
	struct diff_doc *dd = doc_pair(m, o, n);
	bool titled = !title_eq(o->title.s, n->title.s);
	if (sn == STATUS_ABOLISHED && so != STATUS_ABOLISHED) {
		struct diff_change *c = add_change(m, DIFF_ABOLISH, o, n);
		const struct review *rv = last_review(n);
		if (rv && rv->outcome.v == OUTCOME_ABOLISH && !has_review(o, rv))
			c->review = rv;
		c->doc = dd;
		return;
	}
	if (m->registry_only)
		return;
	/* Replaced without the successor in the table: the work was revised elsewhere. */
	if (sn == STATUS_REPLACED && so != STATUS_REPLACED && n->replaced_by.n) {
		struct diff_change *c = add_change(m, DIFF_REVISE, o, n);
		c->old_kept = n;
		c->doc = dd;
		if (titled)
			c->flags |= DIFF_F_TITLE;
		return;
	}
	/* The first change of this pair, by index: add_change may move the array. */
	size_t first = SIZE_MAX;
	for (size_t i = 0; i < n->namendments; i++)
		if (!has_amendment(o, &n->amendments[i]))
			pair_change(m, DIFF_AMEND, o, n, &first)->amendment = &n->amendments[i];
	for (size_t i = 0; i < n->ninterpretations; i++)
		if (!has_interpretation(o, &n->interpretations[i]))
			pair_change(m, DIFF_INTERPRET, o, n, &first)->interpretation =
			    &n->interpretations[i];
	for (size_t i = 0; i < n->nreviews; i++)
		if (!has_review(o, &n->reviews[i])) {
			struct diff_change *c = pair_change(m, DIFF_REVIEW, o, n, &first);
			c->review = &n->reviews[i];
			int oc = n->reviews[i].outcome.v;
			if (oc == OUTCOME_REVISE || oc == OUTCOME_ABOLISH)
				c->flags |= DIFF_F_PENDING;
		}
	bool recoded = !text_eq(&o->code, &n->code);
	const struct category *oc = o->category, *nc = n->category;
	bool recat = (oc && nc)
			 ? strcmp(oc->code.s ? oc->code.s : "", nc->code.s ? nc->code.s : "") != 0
			 : oc != nc;
	if (recoded || recat) {
		struct strbuf sb;
		strbuf_init(&sb);
		field(&sb, recoded, "code");
		field(&sb, recat, "category");
		pair_change(m, DIFF_REFILE, o, n, &first)->fields = afields(m, &sb);
		strbuf_release(&sb);
	}
	struct strbuf sb;
	strbuf_init(&sb);
	changed_fields(o, n, &sb);
	doc_fields(dd, &sb);
	bool doc_changed = dd && (dd->nitems || dd->moved);
	if (first == SIZE_MAX && (sb.len || doc_changed)) {
		field(&sb, dd && dd->nitems, "text");
		field(&sb, dd && dd->moved && !dd->nitems, "numbering");
		pair_change(m, DIFF_EDIT, o, n, &first)->fields = afields(m, &sb);
	}
	strbuf_release(&sb);
	if (first != SIZE_MAX) {
		struct diff_change *c = &m->r->changes[first];
		c->doc = dd;
		if (dd && dd->moved && !dd->nitems)
			c->flags |= DIFF_F_RENUMBERED;
		if (titled)
			c->flags |= DIFF_F_TITLE;
	}
}

/* A row that left the table: abolished, or only de-listed (LIFE-011). */
static void classify_removal(struct mctx *m, const struct row *o, bool work_stays)
{
	if (m->registry_only)
		return;
	int so = status_given(o);
	const struct review *rv = last_review(o);
	const struct edition *ne = NULL;
	if (o->number.ok)
		ne = strmap_get(&m->n.reg_eds, m->o.ek[o->index]);
	bool abolished = o->action.v == ACTION_ABOLISH ||
			 (rv && rv->outcome.v == OUTCOME_ABOLISH) ||
			 (ne && ne->status.v == STATUS_ABOLISHED);
	struct diff_change *c;
	if (abolished && so != STATUS_ABOLISHED) {
		c = add_change(m, DIFF_ABOLISH, o, NULL);
	} else if (so == STATUS_REPLACED || so == STATUS_ABOLISHED || work_stays) {
		/* A superseded or already abolished edition leaving the table is housekeeping:
		 * its abolition was reported when it happened. */
		c = add_change(m, DIFF_EDIT, o, NULL);
		c->fields = "row removed";
	} else {
		c = add_change(m, DIFF_DELIST, o, NULL);
	}
	c->flags |= DIFF_F_REMOVED;
}

static void classify_added(struct mctx *m, const struct row *o, const struct row *n, unsigned flags)
{
	if (m->registry_only)
		return;
	bool own = is_own(m->n.sys, n);
	struct diff_change *c = add_change(m, own ? DIFF_ESTABLISH : DIFF_ADOPT, o, n);
	c->flags |= flags;
	if (!n->number.ok)
		c->flags |= DIFF_F_PLANNED;
	if (o && !o->number.ok && n->number.ok)
		c->flags |= DIFF_F_PUBLISHED;
	if (o)
		c->doc = doc_pair(m, o, n);
}

/* ---- groups ---- */

struct gent {
	const struct row *w;
	const char *ek; /* edition key, "" without a number */
	bool used;
};

static int cmp_gent(const void *a, const void *b)
{
	const struct gent *x = a, *y = b;
	int c = strcmp(x->ek, y->ek);
	if (c)
		return c;
	return x->w->index < y->w->index ? -1 : x->w->index > y->w->index;
}

static int cmp_year(const struct row *a, const struct row *b)
{
	int ya = a->number.ok ? a->number.no.year : 0, yb = b->number.ok ? b->number.no.year : 0;
	if (ya != yb)
		return ya < yb ? -1 : 1;
	int ma = a->number.ok ? a->number.no.month : 0, mb = b->number.ok ? b->number.no.month : 0;
	if (ma != mb)
		return ma < mb ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int cmp_gent_year(const void *a, const void *b)
{
	return cmp_year((*(const struct gent *const *)a)->w, (*(const struct gent *const *)b)->w);
}

/* Resolve rows of one work seen on both sides: pair equal editions, turn new editions into
 * revisions of the old edition they replace (else the latest old one; two new editions in
 * one period both revise it), and account for old editions that left. Groups are small
 * (the editions of one work), sorting them keeps even a hostile input n log n. */
static void resolve_group(struct mctx *m, const struct row **O, size_t no, const struct row **N,
			  size_t nn)
{
	struct gent *go = xmalloc((no + 1) * sizeof *go), *gn = xmalloc((nn + 1) * sizeof *gn);
	for (size_t i = 0; i < no; i++)
		go[i] = (struct gent){ O[i], m->o.ek[O[i]->index], false };
	for (size_t i = 0; i < nn; i++)
		gn[i] = (struct gent){ N[i], m->n.ek[N[i]->index], false };
	qsort(go, no, sizeof *go, cmp_gent);
	qsort(gn, nn, sizeof *gn, cmp_gent);
	/* pair[i] = the new row of old go[i] with the same edition, or NULL */
	const struct row **pair = xcalloc(no + 1, sizeof *pair);
	for (size_t i = 0, j = 0; i < no && j < nn;) {
		int c = strcmp(go[i].ek, gn[j].ek);
		if (!c) {
			pair[i] = gn[j].w;
			go[i].used = gn[j].used = true;
			i++, j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	const struct row *latest = NULL;
	size_t li = 0;
	for (size_t i = 0; i < no; i++)
		if (go[i].w->number.ok && (!latest || cmp_year(latest, go[i].w) < 0))
			latest = go[i].w, li = i;
	/* New editions, oldest first. */
	struct gent **un = xmalloc((nn + 1) * sizeof *un);
	size_t nun = 0;
	for (size_t j = 0; j < nn; j++)
		if (!gn[j].used)
			un[nun++] = &gn[j];
	qsort(un, nun, sizeof *un, cmp_gent_year);
	bool revised = false;
	size_t pc = 0; /* planned rows (edition key "") sort first: a cursor over them */
	struct strbuf ek;
	strbuf_init(&ek);
	for (size_t k = 0; k < nun; k++) {
		const struct row *n = un[k]->w;
		if (!n->number.ok || !latest) {
			/* A planned old row getting its number, or a new row of a work that had
			 * only planned rows: an establishment. */
			while (pc < no && go[pc].used && !go[pc].w->number.ok)
				pc++;
			const struct row *planned = NULL;
			if (pc < no && !go[pc].w->number.ok) {
				planned = go[pc].w;
				go[pc++].used = true;
			}
			classify_added(m, planned, n, 0);
			continue;
		}
		/* The predecessor: the latest old edition the new one says it replaces (found by
		 * binary search over the editions), else the latest old edition. */
		const struct row *pred = NULL;
		size_t pi = no;
		for (size_t q = 0; q < n->replaces.n; q++) {
			if (!n->replaces.v[q].ok)
				continue;
			strbuf_reset(&ek);
			stdno_edition_key(&n->replaces.v[q].no, &ek);
			size_t lo = 0, hi = no;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (strcmp(go[mid].ek, ek.buf) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < no && !strcmp(go[lo].ek, ek.buf) &&
			    (!pred || cmp_year(pred, go[lo].w) < 0))
				pred = go[lo].w, pi = lo;
		}
		if (!pred)
			pred = latest, pi = li;
		if (status_given(pred) == STATUS_ABOLISHED) {
			/* A new standard under the number of an abolished one (LIFE-004); the
			 * abolished row is accounted for by it. */
			classify_added(m, pred, n, DIFF_F_REUSE);
			if (pi < no)
				go[pi].used = true;
			continue;
		}
		if (m->registry_only)
			continue;
		struct diff_change *c = add_change(m, DIFF_REVISE, pred, n);
		c->old_kept = pi < no ? pair[pi] : NULL;
		if (pred->number.ok)
			c->old_kept_ed = strmap_get(&m->n.reg_eds, m->o.ek[pred->index]);
		if (!title_eq(pred->title.s, n->title.s))
			c->flags |= DIFF_F_TITLE;
		c->doc = doc_pair(m, pred, n);
		revised = true;
	}
	strbuf_release(&ek);
	for (size_t i = 0; i < no; i++) {
		if (pair[i]) {
			/* Old editions of a revised work still listed: their status change is part
			 * of the revision (the rules check that they no longer stay current). */
			if (revised)
				continue;
			classify_pair(m, go[i].w, pair[i]);
		} else if (!go[i].used) {
			if (!revised)
				classify_removal(m, go[i].w, nn > 0);
		}
	}
	free(un);
	free(pair);
	free(go);
	free(gn);
}

/* One matching phase: group the unmatched rows of both sides by a key, resolve every group
 * that has rows on both sides, leave the rest for the next phase. Linear: one hash map, and
 * the groups are laid out by counting. */
enum phase { PHASE_KEY, PHASE_WORK, PHASE_CODE };

static const char *phase_key(const struct rowside *rs, const struct row *w, enum phase ph)
{
	switch (ph) {
	case PHASE_KEY:
		return w->key_eff && *w->key_eff ? w->key_eff : NULL;
	case PHASE_WORK:
		return rs->wk[w->index];
	case PHASE_CODE:
		return w->code.s;
	}
	return NULL;
}

static void run_phase(struct mctx *m, enum phase ph)
{
	size_t no = m->o.n, nn = m->n.n;
	size_t *og = xmalloc((no + 1) * sizeof *og), *ng = xmalloc((nn + 1) * sizeof *ng);
	struct strmap map;
	strmap_init(&map);
	size_t ngroups = 0;
	for (size_t i = 0; i < no; i++) {
		og[i] = SIZE_MAX;
		const char *k = m->odone[i] ? NULL : phase_key(&m->o, &m->o.rows[i], ph);
		if (!k)
			continue;
		void *v = strmap_put_new(&map, k, (void *)(uintptr_t)(ngroups + 1));
		if ((uintptr_t)v == ngroups + 1)
			ngroups++;
		og[i] = (size_t)(uintptr_t)v - 1;
	}
	for (size_t j = 0; j < nn; j++) {
		ng[j] = SIZE_MAX;
		const char *k = m->ndone[j] ? NULL : phase_key(&m->n, &m->n.rows[j], ph);
		if (!k)
			continue;
		void *v = strmap_get(&map, k);
		if (v)
			ng[j] = (size_t)(uintptr_t)v - 1;
	}
	size_t *ocnt = xcalloc(ngroups + 1, sizeof *ocnt),
	       *ncnt = xcalloc(ngroups + 1, sizeof *ncnt);
	for (size_t i = 0; i < no; i++)
		if (og[i] != SIZE_MAX)
			ocnt[og[i] + 1]++;
	for (size_t j = 0; j < nn; j++)
		if (ng[j] != SIZE_MAX)
			ncnt[ng[j] + 1]++;
	for (size_t g = 0; g < ngroups; g++)
		ocnt[g + 1] += ocnt[g], ncnt[g + 1] += ncnt[g];
	const struct row **ov = xmalloc((no + 1) * sizeof *ov),
			 **nv = xmalloc((nn + 1) * sizeof *nv);
	size_t *ofill = xmalloc((ngroups + 1) * sizeof *ofill),
	       *nfill = xmalloc((ngroups + 1) * sizeof *nfill);
	memcpy(ofill, ocnt, (ngroups + 1) * sizeof *ofill);
	memcpy(nfill, ncnt, (ngroups + 1) * sizeof *nfill);
	for (size_t i = 0; i < no; i++)
		if (og[i] != SIZE_MAX)
			ov[ofill[og[i]]++] = &m->o.rows[i];
	for (size_t j = 0; j < nn; j++)
		if (ng[j] != SIZE_MAX)
			nv[nfill[ng[j]]++] = &m->n.rows[j];
	for (size_t g = 0; g < ngroups; g++) {
		size_t a = ocnt[g], na = ocnt[g + 1] - a, b = ncnt[g], nb = ncnt[g + 1] - b;
		if (!na || !nb)
			continue;
		/* The same 体系表编号 on two different works is a removal and an establishment. */
		if (ph == PHASE_CODE && na == 1 && nb == 1 && ov[a]->number.ok &&
		    nv[b]->number.ok && !stdno_same_work(&ov[a]->number.no, &nv[b]->number.no))
			continue;
		resolve_group(m, ov + a, na, nv + b, nb);
		for (size_t i = 0; i < na; i++)
			m->odone[ov[a + i]->index] = true;
		for (size_t i = 0; i < nb; i++)
			m->ndone[nv[b + i]->index] = true;
	}
	free(ofill);
	free(nfill);
	free(ov);
	free(nv);
	free(ocnt);
	free(ncnt);
	free(og);
	free(ng);
	strmap_release(&map);
}

static void cache_keys(struct diff_result *r, struct rowside *rs)
{
	rs->ek = arena_alloc(r->arena, (rs->n + 1) * sizeof *rs->ek);
	rs->wk = arena_alloc(r->arena, (rs->n + 1) * sizeof *rs->wk);
	for (size_t i = 0; i < rs->n; i++) {
		rs->ek[i] = edition_key(r, &rs->rows[i]);
		rs->wk[i] = work_key(r, &rs->rows[i]);
	}
}

static void match_rows(struct mctx *m)
{
	cache_keys(m->r, &m->o);
	cache_keys(m->r, &m->n);
	if (m->r->jobs > 1 && m->o.sys && m->n.sys && !m->registry_only)
		prefetch_docs(m);
	m->odone = xcalloc(m->o.n + 1, sizeof *m->odone);
	m->ndone = xcalloc(m->n.n + 1, sizeof *m->ndone);
	run_phase(m, PHASE_KEY);
	run_phase(m, PHASE_WORK);
	run_phase(m, PHASE_CODE);
	for (size_t j = 0; j < m->n.n; j++)
		if (!m->ndone[j])
			classify_added(m, NULL, &m->n.rows[j], 0);
	for (size_t i = 0; i < m->o.n; i++)
		if (!m->odone[i])
			classify_removal(m, &m->o.rows[i], false);
	free(m->odone);
	free(m->ndone);
	prefetch_free(m->pf);
	m->pf = NULL;
}

/* ---- system-level fields ---- */

static bool categories_eq(const struct system *a, const struct system *b)
{
	if (a->ncat != b->ncat)
		return false;
	for (size_t i = 0; i < a->ncat; i++) {
		const struct category *x = a->cat_preorder[i], *y = b->cat_preorder[i];
		if (!text_eq(&x->code, &y->code) || !title_eq(x->title.s, y->title.s) ||
		    x->depth != y->depth || x->vacant.v != y->vacant.v)
			return false;
	}
	return true;
}

static bool textlist_eq(const struct textlist *a, const struct textlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!text_eq(&a->v[i], &b->v[i]))
			return false;
	return true;
}

static void system_fields(struct diff_result *r, const struct system *a, const struct system *b)
{
	struct strbuf sb;
	strbuf_init(&sb);
	field(&sb, !text_eq(&a->id, &b->id), "id");
	field(&sb, !title_eq(a->title.s, b->title.s), "title");
	field(&sb, !text_eq(&a->owner, &b->owner), "owner");
	field(&sb, !text_eq(&a->edition, &b->edition), "edition");
	field(&sb, !date_eq(&a->date, &b->date), "date");
	field(&sb, !text_eq(&a->code_format, &b->code_format), "code-format");
	field(&sb, a->review_cycle.v != b->review_cycle.v, "review-cycle");
	field(&sb, !textlist_eq(&a->own_prefixes, &b->own_prefixes), "own-prefixes");
	field(&sb, !textlist_eq(&a->registry, &b->registry), "registry");
	field(&sb, !categories_eq(a, b), "categories");
	if (sb.len)
		r->system_fields = arena_strndup(r->arena, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* ---- lone standards ---- */

static void standard_fields(const struct standard *a, const struct standard *b, struct strbuf *sb)
{
	field(sb, !numtext_eq(&a->number, &b->number), "number");
	field(sb, !title_eq(a->title.s, b->title.s), "title");
	field(sb, !title_eq(a->title_en.s, b->title_en.s), "title-en");
	field(sb, !text_eq(&a->ics, &b->ics) || !text_eq(&a->ccs, &b->ccs), "ics/ccs");
	field(sb, !text_eq(&a->issuer, &b->issuer), "issuer");
	field(sb, !date_eq(&a->published, &b->published), "published");
	field(sb, !date_eq(&a->effective, &b->effective), "effective");
	field(sb, !numlist_eq(&a->replaces, &b->replaces), "replaces");
	field(sb, !adopts_eq(a->adopts, b->adopts), "adopts");
	field(sb, !text_eq(&a->drafting_rules, &b->drafting_rules), "drafting-rules");
}

static void std_face(struct diff_result *r, const struct diff_side *s, const struct standard *st,
		     struct diff_face *f)
{
	if (!st)
		return;
	f->present = true;
	f->number = number_text(r, &st->number);
	f->title = st->title.s;
	f->file = s->main->path;
	f->loc = st->loc;
}

static void diff_standards(struct diff_result *r, const struct diff_side *old,
			   const struct diff_side *new_)
{
	const struct standard *a = old->main ? old->main->model : NULL;
	const struct standard *b = new_->main ? new_->main->model : NULL;
	struct diff_doc *dd = NULL;
	enum diff_class cls;
	const char *fields = NULL;
	unsigned flags = 0;
	if (a && b) {
		dd = xmalloc(sizeof *dd);
		diff_doc_run(dd, old->main, new_->main);
		r->docs = xrealloc(r->docs, (r->ndocs + 1) * sizeof *r->docs);
		r->docs[r->ndocs++] = dd;
		bool same = a->number.ok && b->number.ok
				? stdno_same_edition(&a->number.no, &b->number.no)
				: numtext_eq(&a->number, &b->number);
		/* Two different works are no revision of each other: report what differs. */
		bool other_work =
		    a->number.ok && b->number.ok && !stdno_same_work(&a->number.no, &b->number.no);
		struct strbuf sb;
		strbuf_init(&sb);
		standard_fields(a, b, &sb);
		field(&sb, dd->nitems, "text");
		field(&sb, dd->moved && !dd->nitems, "numbering");
		if (same && !sb.len) {
			strbuf_release(&sb);
			return;
		}
		cls = same || other_work ? DIFF_EDIT : DIFF_REVISE;
		if (cls == DIFF_EDIT)
			fields = arena_strndup(r->arena, sb.buf, sb.len);
		if (same && dd->moved && !dd->nitems)
			flags |= DIFF_F_RENUMBERED;
		if (!title_eq(a->title.s, b->title.s))
			flags |= DIFF_F_TITLE;
		strbuf_release(&sb);
	} else if (b) {
		cls = b->number.ok && b->number.no.cls != STDNO_ENTERPRISE ? DIFF_ADOPT
									   : DIFF_ESTABLISH;
	} else if (a) {
		cls = DIFF_DELIST;
		flags |= DIFF_F_REMOVED;
	} else {
		return;
	}
	struct diff_change *c = new_change(r, cls);
	c->flags = flags;
	const struct standard *k = b ? b : a;
	c->key = k->number.ok ? akey(r, &k->number.no, stdno_work_key) : "";
	c->code = "";
	c->category = "";
	c->fields = fields;
	c->doc = dd;
	std_face(r, old, a, &c->old);
	std_face(r, new_, b, &c->new_);
	if (k->number.ok && k->number.no.cls != STDNO_ENTERPRISE)
		c->flags |= DIFF_F_EXTERNAL;
}

/* ---- summary ---- */

static void cat_add(struct diff_result *r, size_t *cap, struct strmap *m, const char *code,
		    const char *title)
{
	if (strmap_get(m, code))
		return;
	XGROW(r->cats, *cap, r->ncats + 1);
	struct diff_catcount *k = &r->cats[r->ncats];
	memset(k, 0, sizeof *k);
	k->code = code;
	k->title = title;
	strmap_put(m, code, (void *)(uintptr_t)(r->ncats + 1));
	r->ncats++;
}

static size_t cat_index(struct strmap *m, const char *code)
{
	void *v = strmap_get(m, code);
	return v ? (size_t)(uintptr_t)v - 1 : SIZE_MAX;
}

static void summarise(struct diff_result *r)
{
	struct strmap m;
	strmap_init(&m);
	size_t cap = 0;
	const struct system *ss[2] = { r->new_->p.system, r->old->p.system };
	for (int s = 0; s < 2; s++)
		if (ss[s])
			for (size_t i = 0; i < ss[s]->ncategories; i++) {
				const struct category *c = &ss[s]->categories[i];
				if (c->code.s)
					cat_add(r, &cap, &m, c->code.s, c->title.s);
			}
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct diff_change *c = &r->changes[i];
		r->count[c->cls]++;
		r->family[diff_class_family(c->cls)]++;
		if (c->flags & DIFF_F_EXTERNAL) {
			r->external[c->cls]++;
			r->family_external[diff_class_family(c->cls)]++;
		}
		if (cat_index(&m, c->category) == SIZE_MAX)
			cat_add(r, &cap, &m, c->category, NULL);
		struct diff_catcount *k = &r->cats[cat_index(&m, c->category)];
		k->n[c->cls]++;
		k->total++;
	}
	strmap_release(&m);
}

/* Output order: the new table's order (old rows where there is no new one), registry changes
 * last; a stable sort keeps the records of one row together. */
static size_t order_of(const struct diff_change *c)
{
	if (c->new_row)
		return c->new_row->index * 2;
	if (c->old_row)
		return c->old_row->index * 2 + 1;
	return SIZE_MAX;
}

static int cmp_change(const void *a, const void *b)
{
	const struct diff_change *x = a, *y = b;
	int c;
	if (*x->code && *y->code && (c = strcmp(x->code, y->code)))
		return c;
	if (!*x->code != !*y->code)
		return *x->code ? -1 : 1;
	size_t ox = order_of(x), oy = order_of(y);
	if (ox != oy)
		return ox < oy ? -1 : 1;
	if ((c = strcmp(x->key, y->key)))
		return c;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- entry ---- */

static void rowside_system(struct rowside *rs, const struct diff_side *s)
{
	rs->side = s;
	rs->sys = s->p.system;
	rs->rows = rs->sys ? rs->sys->rows : NULL;
	rs->n = rs->sys ? rs->sys->nrows : 0;
	rs->file = s->main ? s->main->path : NULL;
	rs->as_of = s->p.as_of;
	if (!rs->as_of.y && rs->sys)
		rs->as_of = rs->sys->date;
}

bool diff_run(struct diff_result *r, const struct diff_side *old, const struct diff_side *new_,
	      struct diag_store *ds)
{
	r->old = old;
	r->new_ = new_;
	enum doc_kind ko = old->main ? old->main->kind : old->kind;
	enum doc_kind kn = new_->main ? new_->main->kind : new_->kind;
	if (ko && kn && ko != kn)
		return false;
	r->kind = kn ? kn : ko;
	if (r->kind == DOC_STANDARD) {
		diff_standards(r, old, new_);
	} else {
		struct mctx m = { 0 };
		m.r = r;
		reg_index(r, old, &m.o.reg_eds);
		reg_index(r, new_, &m.n.reg_eds);
		if (r->kind == DOC_SYSTEM) {
			rowside_system(&m.o, old);
			rowside_system(&m.n, new_);
			match_rows(&m);
			if (old->p.system && new_->p.system)
				system_fields(r, old->p.system, new_->p.system);
			diff_records_run(r);
			/* Registries next to the system: only what they abolish is a change of the
			 * system (LIFE-009 makes it one); the rest is a status snapshot. */
			size_t before = r->nchanges;
			struct mctx g = { 0 };
			g.r = r;
			g.registry_only = true;
			g.o.side = old;
			g.n.side = new_;
			g.o.as_of = m.o.as_of;
			g.n.as_of = m.n.as_of;
			registry_rows(r, old, &g.o);
			registry_rows(r, new_, &g.n);
			g.o.reg_eds = m.o.reg_eds;
			g.n.reg_eds = m.n.reg_eds;
			match_rows(&g);
			/* Drop registry abolitions of editions that are rows: the row said it. */
			struct strmap rows;
			strmap_init(&rows);
			for (size_t i = 0; i < m.n.n; i++)
				if (m.n.rows[i].number.ok)
					strmap_put(&rows, m.n.ek[i], &m.n.rows[i]);
			size_t k = before;
			for (size_t i = before; i < r->nchanges; i++) {
				const struct diff_change *c = &r->changes[i];
				const struct row *w = c->new_row ? c->new_row : c->old_row;
				if (w && w->number.ok && strmap_get(&rows, edition_key(r, w)))
					continue;
				r->changes[k] = r->changes[i];
				r->changes[k].flags |= DIFF_F_REGISTRY;
				k++;
			}
			r->nchanges = k;
			strmap_release(&rows);
		} else {
			m.o.side = old;
			m.n.side = new_;
			registry_rows(r, old, &m.o);
			registry_rows(r, new_, &m.n);
			m.o.as_of = old->main ? ((const struct registry *)old->main->model)->date
					      : (struct date){ 0 };
			m.n.as_of = new_->main ? ((const struct registry *)new_->main->model)->date
					       : (struct date){ 0 };
			match_rows(&m);
		}
		strmap_release(&m.o.reg_eds);
		strmap_release(&m.n.reg_eds);
	}
	if (r->nchanges)
		qsort(r->changes, r->nchanges, sizeof *r->changes, cmp_change);
	summarise(r);
	diff_rules_run(r, ds);
	return true;
}
