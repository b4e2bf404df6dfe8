/* SPDX-License-Identifier: MIT */
/* diff_rules: the rules a revision must keep (domain-rules.md LIFE-002..LIFE-009, PREF-003),
 * checked on the classified changes and reported with both sides' positions: the finding sits
 * on the new side, its related location on the old side. */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "stdno.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* A place where a work appears: a row or a registry edition. */
struct place {
	const char *file;
	struct loc loc;
	const struct row *row;	  /* or NULL */
	const struct edition *ed; /* or NULL */
	int status;		  /* effective status on the side's date */
};

/* A normative reference on the new side: a row's `refs` entry or a document's 规范性引用文件
 * entry, made by a current or upcoming row. */
struct ref {
	const char *file;
	struct loc loc;
	struct stdno no;
	const struct row *by; /* the referencing row */
	bool in_document;
};

/* Entries grouped by work key, each group in the order added. Entry i is element i of the
 * caller's array (places, references), added in step with it. */
struct groups {
	struct strmap first; /* work key → index + 1 of the group's first entry */
	char **keys;	     /* the keys `first` holds, owned */
	size_t nkeys, capkeys;
	size_t *next; /* per entry: the next of its group, SIZE_MAX at the end */
	size_t n, cap;
};

struct side_ix {
	struct place *v;
	size_t n, cap;
	struct groups works;
};

struct rctx {
	struct diff_result *r;
	struct diag_store *ds;
	struct date old_date, new_date;
	struct side_ix o, n;
	bool have_ix;
	struct ref *refs;
	size_t nrefs, caprefs;
	struct groups refs_by_work;
	bool have_refs;
	struct strbuf sb;
};

static struct date side_date(const struct diff_side *s)
{
	if (s->p.as_of.y)
		return s->p.as_of;
	if (s->p.system)
		return s->p.system->date;
	return (struct date){ 0 };
}

static const char *wk(struct rctx *x, const struct stdno *no)
{
	strbuf_reset(&x->sb);
	stdno_work_key(no, &x->sb);
	return x->sb.buf;
}

static void groups_init(struct groups *g)
{
	memset(g, 0, sizeof *g);
	strmap_init(&g->first);
}

static void groups_release(struct groups *g)
{
	strmap_release(&g->first);
	for (size_t i = 0; i < g->nkeys; i++)
		free(g->keys[i]);
	free(g->keys);
	free(g->next);
}

/* Entry g->n joins the group of `key`, at its end. */
static void groups_add(struct groups *g, const char *key)
{
	XGROW(g->next, g->cap, g->n + 1);
	size_t at = g->n++;
	g->next[at] = SIZE_MAX;
	uintptr_t head = (uintptr_t)strmap_get(&g->first, key);
	if (!head) {
		XGROW(g->keys, g->capkeys, g->nkeys + 1);
		char *k = xstrdup(key);
		g->keys[g->nkeys++] = k;
		strmap_put(&g->first, k, (void *)(uintptr_t)(at + 1));
		return;
	}
	size_t i = head - 1;
	while (g->next[i] != SIZE_MAX)
		i = g->next[i];
	g->next[i] = at;
}

/* The first entry of the group of `key`, or SIZE_MAX. */
static size_t groups_first(const struct groups *g, const char *key)
{
	uintptr_t head = (uintptr_t)strmap_get(&g->first, key);
	return head ? head - 1 : SIZE_MAX;
}

static void ix_add(struct side_ix *ix, const char *key, struct place p)
{
	XGROW(ix->v, ix->cap, ix->n + 1);
	ix->v[ix->n++] = p;
	groups_add(&ix->works, key);
}

static void ix_build(struct rctx *x, struct side_ix *ix, const struct diff_side *s,
		     const struct date *as_of)
{
	groups_init(&ix->works);
	const struct system *sys = s->p.system;
	if (sys)
		for (size_t i = 0; i < sys->nrows; i++) {
			const struct row *w = &sys->rows[i];
			if (w->number.ok)
				ix_add(ix, wk(x, &w->number.no),
				       (struct place){ s->main->path, w->number.text.loc, w, NULL,
						       row_status_on(w, as_of) });
		}
	for (size_t i = 0; i <= s->p.nregistries; i++) {
		const struct doc *d =
		    i < s->p.nregistries
			? s->p.registries[i]
			: (!sys && s->main && s->main->kind == DOC_REGISTRY ? s->main : NULL);
		if (!d || !d->model)
			continue;
		const struct registry *g = d->model;
		for (size_t k = 0; k < g->neditions; k++) {
			const struct edition *e = &g->editions[k];
			if (e->number.ok)
				ix_add(
				    ix, wk(x, &e->number.no),
				    (struct place){ d->path, e->number.text.loc, NULL, e,
						    e->status.v ? e->status.v : STATUS_CURRENT });
		}
	}
}

static void ix_release(struct side_ix *ix)
{
	groups_release(&ix->works);
	free(ix->v);
}

static void need_ix(struct rctx *x)
{
	if (x->have_ix)
		return;
	ix_build(x, &x->o, x->r->old, &x->old_date);
	ix_build(x, &x->n, x->r->new_, &x->new_date);
	x->have_ix = true;
}

static const struct place *first_place(struct rctx *x, const struct side_ix *ix,
				       const struct stdno *no)
{
	size_t i = groups_first(&ix->works, wk(x, no));
	return i == SIZE_MAX ? NULL : &ix->v[i];
}

static const struct place *next_place(const struct side_ix *ix, const struct place *p)
{
	size_t i = ix->works.next[p - ix->v];
	return i == SIZE_MAX ? NULL : &ix->v[i];
}

static bool in_force(int st)
{
	return st == STATUS_CURRENT || st == STATUS_UPCOMING;
}

/* ---- the new side's normative references ---- */

static void ref_add(struct rctx *x, const char *file, struct loc loc, const struct stdno *no,
		    const struct row *by, bool in_doc)
{
	XGROW(x->refs, x->caprefs, x->nrefs + 1);
	size_t at = x->nrefs++;
	x->refs[at] = (struct ref){ file, loc, *no, by, in_doc };
	groups_add(&x->refs_by_work, wk(x, no));
}

static void refs_in_clauses(struct rctx *x, const char *file, const struct clause *cl, size_t n,
			    const struct row *by)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < cl[i].nreferences; k++) {
			const struct refentry *e = &cl[i].references[k];
			if (e->number.ok)
				ref_add(x, file, e->number.text.loc, &e->number.no, by, true);
		}
		refs_in_clauses(x, file, cl[i].clauses, cl[i].nclauses, by);
	}
}

static void need_refs(struct rctx *x)
{
	if (x->have_refs)
		return;
	x->have_refs = true;
	groups_init(&x->refs_by_work);
	const struct diff_side *s = x->r->new_;
	const struct system *sys = s->p.system;
	if (!sys)
		return;
	for (size_t i = 0; i < sys->nrows; i++) {
		const struct row *w = &sys->rows[i];
		if (!in_force(row_status_on(w, &x->new_date)))
			continue;
		for (size_t k = 0; k < w->refs.n; k++)
			if (w->refs.v[k].ok)
				ref_add(x, s->main->path, w->refs.v[k].text.loc, &w->refs.v[k].no,
					w, false);
		const struct doc *d = s->p.row_document ? s->p.row_document[i] : NULL;
		if (d && d->model) {
			const struct standard *st = d->model;
			refs_in_clauses(x, d->path, st->clauses, st->nclauses, w);
		}
	}
}

/* ---- helpers ---- */

/* The number of each side of a change: the rows', else the lone standards'. */
static const struct numtext *old_number(const struct diff_change *c)
{
	if (c->old_row)
		return &c->old_row->number;
	return c->doc ? &c->doc->old_std->number : NULL;
}

static const struct numtext *new_number(const struct diff_change *c)
{
	if (c->new_row)
		return &c->new_row->number;
	return c->doc ? &c->doc->new_std->number : NULL;
}

static struct loc face_num_loc(const struct diff_change *c, bool old)
{
	const struct numtext *nt = old ? old_number(c) : new_number(c);
	if (nt && nt->text.s)
		return nt->text.loc;
	return old ? c->old.loc : c->new_.loc;
}

static const char *face_number(const struct diff_face *f)
{
	return f->number ? f->number : f->code ? f->code : "?";
}

/* ---- LIFE-003 revise ---- */

static void check_revise(struct rctx *x, const struct diff_change *c)
{
	const struct numtext *on = old_number(c), *nn = new_number(c);
	if (!on || !nn || !on->ok || !nn->ok)
		return;
	/* A row marked replaced with its successor elsewhere: nothing to compare. */
	if (stdno_same_edition(&on->no, &nn->no))
		return;
	const char *nf = c->new_.file, *of = c->old.file;
	int oy = on->no.year, ny = nn->no.year;
	if (oy && ny && (ny < oy || (ny == oy && nn->no.month <= on->no.month))) {
		struct diag *d = diag_add(
		    x->ds, DIAG_DIFF_YEAR_NOT_RAISED, nf, face_num_loc(c, false),
		    ny < oy ? _("revision '%s' has an earlier year than the edition it revises")
			    : _("revision '%s' has the same year as the edition it revises; give a "
				"month to tell them apart"),
		    c->new_.number);
		diag_set_related(x->ds, d, of, face_num_loc(c, true), _("revised edition '%s'"),
				 c->old.number);
	}
	const struct numlist *rep = c->new_row ? &c->new_row->replaces
				    : c->doc   ? &c->doc->new_std->replaces
					       : NULL;
	bool listed = false;
	for (size_t i = 0; rep && i < rep->n && !listed; i++)
		listed = rep->v[i].ok && stdno_same_edition(&rep->v[i].no, &on->no);
	if (rep && !listed) {
		struct loc at = rep->n ? rep->loc : face_num_loc(c, false);
		struct diag *d = diag_add(x->ds, DIAG_DIFF_REPLACES_MISSING, nf, at,
					  _("new edition '%s' does not list '%s' in replaces"),
					  c->new_.number, c->old.number);
		diag_set_related(x->ds, d, of, face_num_loc(c, true), _("the edition it revises"));
		diag_set_help(d, _("add 'replaces: [%s]'"), c->old.number);
	}
	/* The old edition is replaced from the new one's 实施日期 on: while the new edition is
	 * only upcoming the old one rightly stays current. */
	bool new_current = c->new_.status == STATUS_CURRENT;
	if (new_current && c->old_kept && in_force(row_status_on(c->old_kept, &x->new_date))) {
		struct diag *d = diag_add(
		    x->ds, DIAG_DIFF_OLD_EDITION_CURRENT, nf, c->old_kept->loc,
		    _("'%s' stays %s although '%s' now replaces it"), c->old.number,
		    status_word(row_status_on(c->old_kept, &x->new_date), false), c->new_.number);
		diag_set_related(x->ds, d, of, c->old.loc,
				 _("the old edition before the revision"));
		diag_set_help(
		    d, _("set 'status: replaced' with 'replaced-by: [%s]', or remove the row"),
		    c->new_.number);
	}
	if (new_current && c->old_kept_ed &&
	    in_force(c->old_kept_ed->status.v ? c->old_kept_ed->status.v : STATUS_CURRENT)) {
		need_ix(x);
		const struct place *p = first_place(x, &x->n, &on->no);
		for (; p && p->ed != c->old_kept_ed; p = next_place(&x->n, p))
			;
		struct diag *d = diag_add(
		    x->ds, DIAG_DIFF_OLD_EDITION_CURRENT, p ? p->file : nf, c->old_kept_ed->loc,
		    _("registry keeps '%s' current although '%s' now replaces it"), c->old.number,
		    c->new_.number);
		diag_set_related(x->ds, d, of, c->old.loc,
				 _("the old edition before the revision"));
	}
	/* An interpretation of the old edition does not make the new one (LIFE-006). */
	if (c->old_row && c->new_row && c->new_row->published.y) {
		for (size_t i = 0; i < c->new_row->ninterpretations; i++) {
			const struct interpretation *in = &c->new_row->interpretations[i];
			if (!in->issued.y || date_cmp(&in->issued, &c->new_row->published) >= 0)
				continue;
			struct diag *d =
			    diag_add(x->ds, DIAG_DIFF_INTERPRETATION_CHANGES, nf, in->loc,
				     _("interpretation '%s' predates edition '%s': an "
				       "interpretation changes no number or year"),
				     in->id.s ? in->id.s : "", c->new_.number);
			diag_set_related(x->ds, d, of, face_num_loc(c, true),
					 _("the interpreted edition"));
		}
	}
	if (c->doc)
		diff_doc_check_foreword(c->doc, x->ds);
}

/* ---- LIFE-002 / LIFE-004 establish ---- */

static void check_establish(struct rctx *x, const struct diff_change *c)
{
	const struct row *n = c->new_row;
	const struct numtext *nn = new_number(c);
	if (!nn || !nn->ok)
		return;
	const char *nf = c->new_.file;
	if (c->flags & DIFF_F_REUSE) {
		struct diag *d =
		    diag_add(x->ds, DIAG_DIFF_ESTABLISH_REUSES_WORK, nf, face_num_loc(c, false),
			     _("'%s' reuses the number of abolished standard '%s'"), c->new_.number,
			     c->old.number ? c->old.number : "");
		if (c->old.present)
			diag_set_related(x->ds, d, c->old.file, face_num_loc(c, true),
					 _("abolished here"));
		diag_set_help(
		    d, _("give the new standard a new number; an abolished number is not reused"));
		return;
	}
	if (c->cls != DIFF_ESTABLISH)
		return;
	need_ix(x);
	/* The work key must be new to both revisions: any old row or registry edition, or
	 * another new row, means this is a revision of that work, not a new standard. */
	const struct place *hit = first_place(x, &x->o, &nn->no);
	bool old_side = hit != NULL;
	if (!hit)
		for (hit = first_place(x, &x->n, &nn->no); hit && hit->row == n;
		     hit = next_place(&x->n, hit))
			;
	if (!hit)
		return;
	struct diag *d =
	    diag_add(x->ds, DIAG_DIFF_ESTABLISH_REUSES_WORK, nf, face_num_loc(c, false),
		     _("new standard '%s' reuses the work key '%s' of an existing standard"),
		     c->new_.number, wk(x, &nn->no));
	diag_set_related(x->ds, d, hit->file, hit->loc,
			 old_side ? _("the work as it stood before (%s)")
				  : _("the work listed again here (%s)"),
			 status_word(hit->status, false));
	diag_set_help(d, _("a new edition of an existing work is a revision: give it the same key "
			   "and 'replaces'"));
}

/* ---- LIFE-009 abolish: the impact list ---- */

static void check_abolish(struct rctx *x, const struct diff_change *c)
{
	const struct row *w = c->new_row ? c->new_row : c->old_row;
	if (!w || !w->number.ok)
		return;
	const struct stdno *ab = &w->number.no;
	need_ix(x);
	need_refs(x);
	/* Does another edition of the work stay in force? Then undated references follow it. */
	bool work_lives = false;
	for (const struct place *p = first_place(x, &x->n, ab); p; p = next_place(&x->n, p))
		if (in_force(p->status) &&
		    (p->row ? p->row->number.ok && !stdno_same_edition(&p->row->number.no, ab)
			    : !stdno_same_edition(&p->ed->number.no, ab)))
			work_lives = true;
	for (size_t i = groups_first(&x->refs_by_work, wk(x, ab)); i != SIZE_MAX;
	     i = x->refs_by_work.next[i]) {
		const struct ref *rf = &x->refs[i];
		if (rf->by == c->new_row)
			continue;
		bool hit =
		    rf->no.year ? stdno_same_edition(&rf->no, ab) || (!ab->year) : !work_lives;
		if (!hit)
			continue;
		struct strbuf who;
		strbuf_init(&who);
		if (rf->by->code.s)
			strbuf_addf(&who, "%s", rf->by->code.s);
		struct diag *d = diag_add(
		    x->ds, DIAG_DIFF_ABOLISHED_REFERENCED, rf->file, rf->loc,
		    rf->in_document
			? _("abolished '%s' is still a normative reference of the document of row "
			    "%s")
			: _("abolished '%s' is still a normative reference of current row %s"),
		    c->old.number ? c->old.number : c->new_.number, who.buf);
		strbuf_release(&who);
		if (c->old.present)
			diag_set_related(x->ds, d, c->old.file, c->old.loc, _("'%s' was %s before"),
					 c->old.number, status_word(c->old.status, false));
		else
			diag_set_related(x->ds, d, c->new_.file, c->new_.loc, _("abolished here"));
		diag_set_help(d,
			      _("cite the successor, or revise or amend the referencing standard"));
	}
}

/* ---- LIFE-006 interpret ---- */

static void check_interpret(struct rctx *x, const struct diff_change *c)
{
	const struct row *o = c->old_row, *n = c->new_row;
	if (!o || !n || !c->interpretation)
		return;
	struct strbuf what;
	strbuf_init(&what);
	if (!o->number.text.s != !n->number.text.s ||
	    (o->number.text.s && strcmp(o->number.text.s, n->number.text.s)))
		strbuf_adds(&what, _("number"));
	if ((o->status_given ? o->status_given : STATUS_CURRENT) !=
	    (n->status_given ? n->status_given : STATUS_CURRENT)) {
		if (what.len)
			strbuf_adds(&what, ", ");
		strbuf_adds(&what, _("status"));
	}
	if (c->flags & DIFF_F_TITLE) {
		if (what.len)
			strbuf_adds(&what, ", ");
		strbuf_adds(&what, _("title"));
	}
	if (c->doc && c->doc->nitems) {
		if (what.len)
			strbuf_adds(&what, ", ");
		strbuf_adds(&what, _("text"));
	}
	if (what.len) {
		struct diag *d = diag_add(
		    x->ds, DIAG_DIFF_INTERPRETATION_CHANGES, c->new_.file, c->interpretation->loc,
		    _("interpretation '%s' comes with a change of %s; an interpretation changes no "
		      "text, number, year or status"),
		    c->interpretation->id.s ? c->interpretation->id.s : "", what.buf);
		if (c->doc && c->doc->nitems && c->doc->items[0].old_u)
			diag_set_related(x->ds, d, c->doc->old_doc->path,
					 c->doc->items[0].old_u->loc,
					 _("text before the interpretation"));
		else
			diag_set_related(x->ds, d, c->old.file, c->old.loc,
					 _("the standard before the interpretation"));
		diag_set_help(d,
			      _("a change of text needs an amendment (修改单) or a new edition"));
	}
	strbuf_release(&what);
}

/* ---- text and title changes of one edition ---- */

static void check_same_edition(struct rctx *x, const struct diff_change *c)
{
	const struct diff_doc *dd = c->doc;
	if (dd && dd->nitems) {
		const struct diff_item *it = &dd->items[0];
		struct loc nl = it->new_u ? it->new_u->loc : dd->new_std->loc;
		struct diag *d =
		    diag_add(x->ds, DIAG_DIFF_CHANGE_WITHOUT_REVISION, dd->new_doc->path, nl,
			     _("normative change without revision: the text of '%s' changed (%zu "
			       "item%s, first: %s) with no new edition and no amendment"),
			     c->new_.number ? c->new_.number : "", dd->nitems,
			     dd->nitems == 1 ? "" : "s", it->text);
		diag_set_related(x->ds, d, dd->old_doc->path,
				 it->old_u ? it->old_u->loc : dd->old_std->loc,
				 _("text of the same edition before"));
		diag_set_help(d, _("publish a new edition (replaces, a later year) or record an "
				   "amendment (修改单)"));
	}
	if ((c->flags & DIFF_F_TITLE) && c->old.title && c->new_.title) {
		struct loc nl = c->new_row ? c->new_row->title.loc
				: c->doc   ? c->doc->new_std->title.loc
					   : c->new_.loc;
		struct loc ol = c->old_row ? c->old_row->title.loc
				: c->doc   ? c->doc->old_std->title.loc
					   : c->old.loc;
		struct diag *d =
		    diag_add(x->ds, DIAG_DIFF_TITLE_WITHOUT_REVISION, c->new_.file, nl,
			     _("title of '%s' changed within one edition: '%s' → '%s'"),
			     face_number(&c->new_), c->old.title, c->new_.title);
		diag_set_related(x->ds, d, c->old.file, ol, _("title before"));
		diag_set_help(d, _("the title of an edition is fixed; a new title comes with a new "
				   "edition (or fix the data)"));
	}
	/* a row's document retitled in its own file, as the diff of the two documents says it */
	const struct standard *os = dd ? dd->old_std : NULL, *ns = dd ? dd->new_std : NULL;
	if (c->new_row && os && ns && os->title.s && ns->title.s &&
	    !utf8_fold_space_equal(os->title.s, ns->title.s)) {
		struct diag *d = diag_add(
		    x->ds, DIAG_DIFF_TITLE_WITHOUT_REVISION, dd->new_doc->path, ns->title.loc,
		    _("title of '%s' changed within one edition: '%s' → '%s'"),
		    face_number(&c->new_), os->title.s, ns->title.s);
		diag_set_related(x->ds, d, dd->old_doc->path, os->title.loc, _("title before"));
		diag_set_help(d, _("the title of an edition is fixed; a new title comes with a new "
				   "edition (or fix the data)"));
	}
}

void diff_rules_run(struct diff_result *r, struct diag_store *ds)
{
	struct rctx x = { 0 };
	x.r = r;
	x.ds = ds;
	x.old_date = side_date(r->old);
	x.new_date = side_date(r->new_);
	strbuf_init(&x.sb);
	/* One pair may give several changes; the document and title belong to the first. */
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct diff_change *c = &r->changes[i];
		switch (c->cls) {
		case DIFF_REVISE:
			check_revise(&x, c);
			break;
		case DIFF_ESTABLISH:
		case DIFF_ADOPT:
			check_establish(&x, c);
			break;
		case DIFF_ABOLISH:
			check_abolish(&x, c);
			break;
		case DIFF_INTERPRET:
			check_interpret(&x, c);
			break;
		case DIFF_REVIEW:
		case DIFF_REFILE:
		case DIFF_EDIT:
			if (c->old.present && c->new_.present)
				check_same_edition(&x, c);
			break;
		case DIFF_AMEND:
		case DIFF_DELIST:
		case DIFF_NCLASS:
			break;
		}
	}
	if (x.have_ix) {
		ix_release(&x.o);
		ix_release(&x.n);
	}
	if (x.have_refs) {
		groups_release(&x.refs_by_work);
		free(x.refs);
	}
	strbuf_release(&x.sb);
}
