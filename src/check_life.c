/* SPDX-License-Identifier: MIT */
/* check_life: the lifecycle rules (domain-rules.md LIFE-001..010) over rows and registry
 * editions — statuses against dates, replacement links in both directions, one live edition
 * per work, agreement with the registry, normative references to withdrawn standards, and
 * overdue reviews. Every lookup goes through the check.h indexes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* One edition as the system knows it: a row or a registry edition, seen through the fields
 * they share, so that every rule is written once for both. */
struct ent {
	const struct row *row; /* exactly one of row and ed is set */
	const struct edition *ed;
	const char *file;
	const struct numtext *number;
	const struct text *title;
	const struct enumval *status;
	const struct date *published, *effective, *withdrawn;
	const struct numlist *replaces, *replaced_by;
};

static struct ent ent_row(const struct check_ctx *c, const struct row *r)
{
	return (struct ent){ r,
			     NULL,
			     c->system_path,
			     &r->number,
			     &r->title,
			     &r->status,
			     &r->published,
			     &r->effective,
			     &r->withdrawn,
			     &r->replaces,
			     &r->replaced_by };
}

static struct ent ent_ed(const struct check_ctx *c, const struct edition *e)
{
	return (struct ent){ NULL,
			     e,
			     check_edition_file(c, e),
			     &e->number,
			     &e->title,
			     &e->status,
			     &e->published,
			     &e->effective,
			     &e->withdrawn,
			     &e->replaces,
			     &e->replaced_by };
}

/* Status on the check date; registry editions follow the same date rule as rows. */
static int ent_status(const struct check_ctx *c, const struct ent *x)
{
	if (x->row)
		return row_status_on(x->row, &c->as_of);
	int st = x->ed->status.v ? x->ed->status.v : STATUS_CURRENT;
	if ((st == STATUS_CURRENT || st == STATUS_UPCOMING) && x->ed->effective.y)
		return date_cmp(&x->ed->effective, &c->as_of) > 0 ? STATUS_UPCOMING
								  : STATUS_CURRENT;
	return st;
}

static bool live(int st)
{
	return st == STATUS_CURRENT || st == STATUS_UPCOMING;
}

/* Where to point at an edition: its status when written, else its number. */
static struct loc ent_status_loc(const struct ent *x)
{
	return x->status->v ? x->status->loc : x->number->text.loc;
}

static const char *ent_key(const struct ent *x, char buf[CHECK_KEY_MAX])
{
	return check_edition_key_buf(&x->number->no, buf);
}

/* The edition with this key as the system knows it: its row (the system speaks first), else
 * its registry edition. */
static bool known(struct check_ctx *c, const char *key, struct ent *out)
{
	const struct row *r = strmap_get(&c->row_by_edition, key);
	if (r) {
		*out = ent_row(c, r);
		return true;
	}
	const struct edition *e = strmap_get(&c->reg_by_edition, key);
	if (e) {
		*out = ent_ed(c, e);
		return true;
	}
	return false;
}

/* An edition's replaced-by (or replaces) list: the row's when it gives one, else the
 * registry's. `which` selects the list. Returns NULL when neither names any edition. */
static const struct numlist *link_list(struct check_ctx *c, const char *key, bool replaced_by,
				       const char **file)
{
	const struct row *r = strmap_get(&c->row_by_edition, key);
	const struct edition *e = strmap_get(&c->reg_by_edition, key);
	const struct numlist *l = NULL;
	if (r && (replaced_by ? r->replaced_by.n : r->replaces.n)) {
		l = replaced_by ? &r->replaced_by : &r->replaces;
		*file = c->system_path;
	} else if (e && (replaced_by ? e->replaced_by.n : e->replaces.n)) {
		l = replaced_by ? &e->replaced_by : &e->replaces;
		*file = check_edition_file(c, e);
	}
	return l;
}

static bool list_has(const struct numlist *l, const char *key)
{
	char k[CHECK_KEY_MAX];
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].ok && !strcmp(check_edition_key_buf(&l->v[i].no, k), key))
			return true;
	return false;
}

/* Is this entity the one the system speaks through for its edition? Rows come first (a
 * registry edition repeating a row is compared by life-registry-mismatch, not checked
 * twice) and a repeated row is sys-edition-duplicate's business. */
static bool ent_primary(struct check_ctx *c, const struct ent *x)
{
	if (!x->number->ok)
		return false;
	char buf[CHECK_KEY_MAX];
	const char *k = ent_key(x, buf);
	if (x->row)
		return strmap_get(&c->row_by_edition, k) == x->row;
	return !strmap_get(&c->row_by_edition, k) && strmap_get(&c->reg_by_edition, k) == x->ed;
}

/* ---- dates (DOC-013, LIFE-001, LIFE-004, LIFE-005..007) ---- */

static void check_dates(struct check_ctx *c, const struct ent *x)
{
	if (!x->published->y)
		return;
	const struct {
		const struct date *date;
		const char *msg;
	} later[] = {
		{ x->effective, N_("'%s' takes effect on %s, before it was published on %s") },
		{ x->withdrawn, N_("'%s' is withdrawn on %s, before it was published on %s") },
	};
	const char *name = x->number->text.s ? x->number->text.s : x->row ? x->row->code.s : "?";
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
		const struct date *dt = later[i].date;
		if (!dt->y || date_cmp(dt, x->published) >= 0)
			continue;
		char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_DATE_ORDER, x->file, dt->loc, _(later[i].msg), name,
			     date_format(dt, a), date_format(x->published, b));
		diag_set_related(c->ds, d, x->file, x->published->loc, _("published date"));
	}
}

static void record_date(struct check_ctx *c, const struct row *r, const struct date *d,
			const char *what, const char *id)
{
	if (!d->y || !r->published.y || date_cmp(d, &r->published) >= 0)
		return;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	date_format(d, a);
	date_format(&r->published, b);
	const char *name = r->number.text.s ? r->number.text.s : r->code.s ? r->code.s : "?";
	struct diag *dg =
	    id ? diag_add(c->ds, DIAG_LIFE_RECORD_DATE, c->system_path, d->loc,
			  _("%s '%s' of '%s' is dated %s, before the edition was published on %s"),
			  what, id, name, a, b)
	       : diag_add(c->ds, DIAG_LIFE_RECORD_DATE, c->system_path, d->loc,
			  _("%s of '%s' is dated %s, before the edition was published on %s"), what,
			  name, a, b);
	diag_set_related(c->ds, dg, c->system_path, r->published.loc, _("published date"));
}

static void check_row_dates(struct check_ctx *c, const struct row *r)
{
	bool zh = i18n_is_zh();
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	const char *name = r->number.text.s ? r->number.text.s : r->code.s ? r->code.s : "?";
	if (r->status_given == STATUS_CURRENT && r->effective.y &&
	    date_cmp(&r->effective, &c->as_of) > 0) {
		date_format(&r->effective, a);
		date_format(&c->as_of, b);
		struct diag *d = diag_add(
		    c->ds, DIAG_LIFE_STATUS_DATE, c->system_path, r->status.loc,
		    _("'%s' is marked current but takes effect on %s, after %s"), name, a, b);
		diag_set_related(c->ds, d, c->system_path, r->effective.loc, _("effective date"));
		diag_set_help(d, _("write 'status: upcoming', or leave the status out: it follows "
				   "from the date"));
	}
	/* Upcoming rows count as 现有 just like current ones and zhun reads the status off the
	 * date, so a stale "upcoming" changes no output: a note, not a warning. */
	if (r->status_given == STATUS_UPCOMING && r->effective.y &&
	    date_cmp(&r->effective, &c->as_of) <= 0) {
		date_format(&r->effective, a);
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_UPCOMING_PASSED, c->system_path, r->status.loc,
			     _("'%s' is marked upcoming but has been in force since %s"), name, a);
		diag_set_help(d, _("write 'status: current'"));
	}
	if ((r->status_given == STATUS_REPLACED || r->status_given == STATUS_ABOLISHED) &&
	    !r->withdrawn.y) {
		struct diag *d = diag_add(c->ds, DIAG_LIFE_WITHDRAWN_MISSING, c->system_path,
					  r->status.loc, _("'%s' is %s but has no withdrawn date"),
					  name, status_word(r->status_given, zh));
		/* A replaced edition lapses on the day its successor takes effect (LIFE-003). */
		struct ent succ;
		char k[CHECK_KEY_MAX];
		const struct numtext *by = r->replaced_by.n ? &r->replaced_by.v[0] : NULL;
		if (r->status_given == STATUS_REPLACED && by && by->ok &&
		    known(c, check_edition_key_buf(&by->no, k), &succ) && succ.effective->y) {
			date_format(succ.effective, a);
			diag_set_help(d, _("add 'withdrawn: %s', the day '%s' took effect"), a,
				      r->replaced_by.v[0].text.s);
		} else {
			diag_set_help(d, _("add 'withdrawn: YYYY-MM-DD' (废止日期)"));
		}
	}
	for (size_t i = 0; i < r->namendments; i++) {
		const struct amendment *am = &r->amendments[i];
		record_date(c, r, &am->published, _("amendment"), am->id.s);
		record_date(c, r, &am->effective, _("amendment"), am->id.s);
		if (am->published.y && am->effective.y &&
		    date_cmp(&am->effective, &am->published) < 0) {
			date_format(&am->effective, a);
			date_format(&am->published, b);
			struct diag *d = diag_add(
			    c->ds, DIAG_LIFE_DATE_ORDER, c->system_path, am->effective.loc,
			    _("amendment '%s' takes effect on %s, before it was published on %s"),
			    am->id.s ? am->id.s : "", a, b);
			diag_set_related(c->ds, d, c->system_path, am->published.loc,
					 _("published date"));
		}
	}
	for (size_t i = 0; i < r->ninterpretations; i++)
		record_date(c, r, &r->interpretations[i].issued, _("interpretation"),
			    r->interpretations[i].id.s);
	for (size_t i = 0; i < r->nreviews; i++)
		record_date(c, r, &r->reviews[i].date, _("review"), NULL);
}

/* LIFE-007: only standards the owner issues are its to review; the clock runs from the last
 * review, else from the effective date. */
static void check_review(struct check_ctx *c, const struct row *r)
{
	const struct system *s = c->p->system;
	if (!r->number.ok || !check_is_own(c, &r->number.no) ||
	    row_status_on(r, &c->as_of) != STATUS_CURRENT)
		return;
	int cycle = s->review_cycle.v > 0 ? (int)s->review_cycle.v : 5;
	const struct date *last;
	bool reviewed;
	struct date due = row_review_due(r, cycle, &last, &reviewed);
	if (!last)
		return;
	if (date_cmp(&due, &c->as_of) >= 0)
		return;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	date_format(last, a);
	date_format(&due, b);
	struct diag *d = diag_add(
	    c->ds, DIAG_LIFE_REVIEW_OVERDUE, c->system_path, r->number.text.loc,
	    reviewed ? _("'%s' was last reviewed on %s; its review was due on %s")
		     : _("'%s' has been in force since %s without a review; it was due on %s"),
	    r->number.text.s, a, b);
	diag_set_help(
	    d, _("review it (继续有效, 修订 or 废止) and record the outcome under 'reviews'"));
}

static void check_action(struct check_ctx *c, const struct row *r)
{
	int st = row_status_on(r, &c->as_of);
	const char *name = r->number.text.s ? r->number.text.s : r->code.s ? r->code.s : "?";
	if (r->action.v == ACTION_ABOLISH && st == STATUS_ABOLISHED) {
		struct diag *d = diag_add(
		    c->ds, DIAG_LIFE_ABOLISH_ABOLISHED, c->system_path, r->action.loc,
		    _("'%s' is already abolished; action 'abolish' has nothing left to do"), name);
		diag_set_help(
		    d, _("drop 'action', or move the row to the list of abolished standards"));
	}
	if (r->action.v == ACTION_ESTABLISH && r->number.text.s && st == STATUS_CURRENT) {
		struct diag *d = diag_add(
		    c->ds, DIAG_LIFE_ESTABLISH_CURRENT, c->system_path, r->action.loc,
		    _("'%s' is already current; action 'establish' plans a standard that exists"),
		    name);
		diag_set_help(d, _("drop 'action', or use 'revise' if a new edition is planned"));
	}
}

/* ---- replacement links (LIFE-003) ---- */

/* Year (and month) order of two dated editions: negative when a is older. */
static int edition_age_cmp(const struct stdno *a, const struct stdno *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month && b->month && a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return 0;
}

static void year_finding(struct check_ctx *c, const struct ent *x, const struct numtext *item,
			 const struct stdno *newer, const struct stdno *older, const char *newer_s,
			 const char *older_s)
{
	if (!newer->year || !older->year || edition_age_cmp(newer, older) >= 0)
		return;
	diag_add(c->ds, DIAG_LIFE_REPLACES_YEAR, x->file, item->text.loc,
		 _("'%s' replaces '%s', which is a later edition"), newer_s, older_s);
}

/* A replaces B while B replaces A (or A itself): no order of editions fits, so the other link
 * findings would only restate it. Reported once per pair, at the edition whose key sorts first.
 * Returns true when `b` closes such a cycle. */
static bool replace_cycle(struct check_ctx *c, const struct ent *x, const struct numtext *b,
			  const char *key, const char *bk)
{
	if (!strcmp(key, bk)) {
		diag_add(c->ds, DIAG_LIFE_REPLACES_CYCLE, x->file, b->text.loc,
			 _("'%s' replaces itself"), x->number->text.s);
		return true;
	}
	const char *lf = NULL;
	const struct numlist *back = link_list(c, bk, false, &lf);
	if (!list_has(back, key))
		return false;
	if (strcmp(key, bk) < 0) {
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_REPLACES_CYCLE, x->file, b->text.loc,
			     _("'%s' and '%s' replace each other"), x->number->text.s, b->text.s);
		diag_set_related(c->ds, d, lf, back->loc, _("replaces of '%s'"), b->text.s);
		diag_set_help(d,
			      _("keep the link in the edition that is newer and remove the other"));
	}
	return true;
}

static void check_links(struct check_ctx *c, const struct ent *x)
{
	char key[CHECK_KEY_MAX], bk[CHECK_KEY_MAX], ak[CHECK_KEY_MAX];
	ent_key(x, key);
	const char *self = x->number->text.s;
	for (size_t i = 0; i < x->replaces->n; i++) {
		const struct numtext *b = &x->replaces->v[i];
		if (!b->ok)
			continue;
		year_finding(c, x, b, &x->number->no, &b->no, self, b->text.s);
		check_edition_key_buf(&b->no, bk);
		if (replace_cycle(c, x, b, key, bk))
			continue;
		struct ent be;
		if (!known(c, bk, &be))
			continue;
		const char *lf = NULL;
		const struct numlist *l = link_list(c, bk, true, &lf);
		if (l && !list_has(l, key)) {
			struct diag *d =
			    diag_add(c->ds, DIAG_LIFE_REPLACES_MISMATCH, x->file, b->text.loc,
				     _("'%s' replaces '%s', but '%s' names another successor"),
				     self, b->text.s, b->text.s);
			diag_set_related(c->ds, d, lf, l->loc, _("replaced-by of '%s'"), b->text.s);
			diag_set_help(
			    d, _("add '%s' to the replaced-by of '%s', or correct this list"), self,
			    b->text.s);
			continue;
		}
		/* Another work that was replaced (整合修订) lapses when its successor takes effect;
		 * one work with two live editions is life-two-current's finding. */
		if (!l && ent_status(c, x) == STATUS_CURRENT && live(ent_status(c, &be)) &&
		    !stdno_same_work(&x->number->no, &b->no)) {
			struct diag *d = diag_add(c->ds, DIAG_LIFE_REPLACES_MISMATCH, be.file,
						  ent_status_loc(&be),
						  _("'%s' is still listed as in force, but '%s', "
						    "which replaces it, is current"),
						  be.number->text.s, self);
			diag_set_related(c->ds, d, x->file, b->text.loc, _("replaced here"));
			diag_set_help(d, _("mark it 'status: replaced' with 'replaced-by: [%s]'"),
				      self);
		}
	}
	for (size_t i = 0; i < x->replaced_by->n; i++) {
		const struct numtext *a = &x->replaced_by->v[i];
		if (!a->ok)
			continue;
		check_edition_key_buf(&a->no, ak);
		struct ent ae;
		const char *lf = NULL;
		const struct numlist *l = known(c, ak, &ae) ? link_list(c, ak, false, &lf) : NULL;
		bool listed = list_has(l, key);
		if (!listed)
			year_finding(c, x, a, &a->no, &x->number->no, a->text.s, self);
		if (!listed && known(c, ak, &ae)) {
			struct diag *d =
			    diag_add(c->ds, DIAG_LIFE_REPLACES_MISMATCH, x->file, a->text.loc,
				     _("'%s' names '%s' as its successor, but '%s' does not list "
				       "it in replaces"),
				     self, a->text.s, a->text.s);
			diag_set_related(c->ds, d, ae.file, l ? l->loc : ae.number->text.loc,
					 _("'%s' is here"), a->text.s);
			diag_set_help(d,
				      _("add '%s' to the replaces of '%s', or correct this list"),
				      self, a->text.s);
		}
	}
}

/* A replaced edition names its successor (LIFE-003). The help offers the edition that lists
 * it in replaces, when one is known. */
static void check_replaced_by(struct check_ctx *c, const struct ent *x,
			      const struct strmap *replacer)
{
	if (x->status->v != STATUS_REPLACED)
		return;
	char key[CHECK_KEY_MAX];
	ent_key(x, key);
	const char *lf;
	if (link_list(c, key, true, &lf))
		return;
	struct diag *d =
	    diag_add(c->ds, DIAG_LIFE_REPLACED_BY_MISSING, x->file, x->status->loc,
		     _("'%s' is replaced but does not say by which edition"), x->number->text.s);
	const struct numtext *by = strmap_get(replacer, key);
	if (by)
		diag_set_help(d, _("add 'replaced-by: [%s]'"), by->text.s);
	else
		diag_set_help(
		    d,
		    _("name the edition that replaced it in 'replaced-by', or mark it abolished"));
}

/* ---- one live edition per work (LIFE-003, model.md §6) ---- */

struct live_ed {
	struct ent x;
	int st;
};

/* At most one edition of a work is current. Between publication and effect the new edition
 * is upcoming while the old one is still current (LIFE-001/003: the old becomes 被代替 on the
 * new one's 实施日期), so one upcoming edition newer than the current one is allowed. */
static void check_work_live(struct check_ctx *c, const struct edition_set *es)
{
	/* most works have one edition: nothing to compare, and no key to build */
	if (es->nrows + es->neditions < 2)
		return;
	bool zh = i18n_is_zh();
	size_t n = 0;
	struct live_ed *v = xmalloc((es->nrows + es->neditions + 1) * sizeof *v);
	for (size_t k = 0; k < es->nrows + es->neditions; k++) {
		struct ent x = k < es->nrows ? ent_row(c, es->rows[k])
					     : ent_ed(c, es->editions[k - es->nrows]);
		if (!x.number->no.year)
			continue;
		int st = ent_status(c, &x);
		if (live(st) && ent_primary(c, &x))
			v[n++] = (struct live_ed){ x, st };
	}
	if (n < 2) {
		free(v);
		return;
	}
	size_t newest = 0;
	for (size_t i = 1; i < n; i++)
		if (edition_age_cmp(&v[i].x.number->no, &v[newest].x.number->no) >= 0)
			newest = i;
	size_t keep_current = n;
	if (v[newest].st == STATUS_UPCOMING) {
		for (size_t i = 0; i < n; i++) {
			if (v[i].st != STATUS_CURRENT)
				continue;
			if (keep_current == n ||
			    edition_age_cmp(&v[i].x.number->no, &v[keep_current].x.number->no) >= 0)
				keep_current = i;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (i == newest || i == keep_current)
			continue;
		const struct live_ed *o =
		    v[i].st == STATUS_CURRENT && keep_current < n ? &v[keep_current] : &v[newest];
		struct diag *d = diag_add(
		    c->ds, DIAG_LIFE_TWO_CURRENT, v[i].x.file, ent_status_loc(&v[i].x),
		    _("'%s' is %s, but '%s' of the same standard is %s too"), v[i].x.number->text.s,
		    status_word(v[i].st, zh), o->x.number->text.s, status_word(o->st, zh));
		diag_set_related(c->ds, d, o->x.file, o->x.number->text.loc, _("'%s' is here"),
				 o->x.number->text.s);
		diag_set_help(
		    d, _("mark the older edition 'status: replaced' with 'replaced-by: [%s]'"),
		    v[newest].x.number->text.s);
	}
	free(v);
}

/* ---- rows against the registry (LIFE-010, SYS-008) ---- */

static bool same_links(const struct numlist *a, const struct numlist *b)
{
	char k[CHECK_KEY_MAX];
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].ok && !list_has(b, check_edition_key_buf(&a->v[i].no, k)))
			return false;
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].ok && !list_has(a, check_edition_key_buf(&b->v[i].no, k)))
			return false;
	return true;
}

static void registry_date(struct check_ctx *c, const struct row *r, const struct date *rd,
			  const struct ent *e, const struct date *ed, const char *what)
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	if (!check_dates_differ(rd, ed, a, b))
		return;
	struct diag *d = diag_add(c->ds, DIAG_LIFE_REGISTRY_MISMATCH, c->system_path, rd->loc,
				  _("'%s' %s date %s differs from the registry's %s"),
				  r->number.text.s, what, a, b);
	diag_set_related(c->ds, d, e->file, ed->loc, _("the registry's %s date"), what);
}

/* An undated row means the latest edition; it is stale only when the work has no live
 * edition anywhere and its latest known edition was abolished (a replaced one has a
 * successor, which the row then means). */
static const struct ent *latest_of_work(struct check_ctx *c, const struct stdno *n,
					const struct row *except, struct ent *out, bool *any_live)
{
	char wk[CHECK_KEY_MAX];
	const struct edition_set *es = strmap_get(&c->works, check_work_key_buf(n, wk));
	*any_live = false;
	bool found = false;
	for (size_t k = 0; es && k < es->nrows + es->neditions; k++) {
		struct ent x = k < es->nrows ? ent_row(c, es->rows[k])
					     : ent_ed(c, es->editions[k - es->nrows]);
		if (x.row == except || !x.number->no.year)
			continue;
		if (live(ent_status(c, &x)))
			*any_live = true;
		if (!found || edition_age_cmp(&x.number->no, &out->number->no) > 0) {
			*out = x;
			found = true;
		}
	}
	return found ? out : NULL;
}

static void check_registry(struct check_ctx *c, const struct row *r)
{
	bool zh = i18n_is_zh();
	if (!r->number.ok)
		return;
	char key[CHECK_KEY_MAX];
	check_edition_key_buf(&r->number.no, key);
	if (strmap_get(&c->row_by_edition, key) != r)
		return;
	int rs = row_status_on(r, &c->as_of);
	if (!r->number.no.year) {
		struct ent lx;
		bool any_live;
		if (!live(rs) || !latest_of_work(c, &r->number.no, r, &lx, &any_live) || any_live ||
		    lx.row || ent_status(c, &lx) != STATUS_ABOLISHED)
			return;
		struct diag *d = diag_add(c->ds, DIAG_LIFE_REGISTRY_WITHDRAWN, c->system_path,
					  r->status.v ? r->status.loc : r->number.text.loc,
					  _("'%s' is listed as %s, but the registry says its "
					    "latest edition '%s' is abolished"),
					  r->number.text.s, status_word(rs, zh), lx.number->text.s);
		diag_set_related(c->ds, d, lx.file, ent_status_loc(&lx), _("abolished here"));
		diag_set_help(d,
			      _("mark the row 'status: abolished', or remove it from the system"));
		return;
	}
	const struct edition *e = strmap_get(&c->reg_by_edition, key);
	if (!e)
		return;
	struct ent ex = ent_ed(c, e);
	int es = ent_status(c, &ex);
	if (live(rs) && (es == STATUS_REPLACED || es == STATUS_ABOLISHED)) {
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_REGISTRY_WITHDRAWN, c->system_path,
			     r->status.v ? r->status.loc : r->number.text.loc,
			     _("'%s' is listed as %s, but the registry says it is %s"),
			     r->number.text.s, status_word(rs, zh), status_word(es, zh));
		diag_set_related(c->ds, d, ex.file, ent_status_loc(&ex),
				 _("the registry's status"));
		if (es == STATUS_REPLACED && e->replaced_by.n)
			diag_set_help(d,
				      _("list its successor '%s' instead, or mark the row 'status: "
					"replaced'"),
				      e->replaced_by.v[0].text.s);
		else
			diag_set_help(d, _("mark the row 'status: %s'"), status_word(es, false));
	} else if (rs != es) {
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_REGISTRY_MISMATCH, c->system_path,
			     r->status.v ? r->status.loc : r->number.text.loc,
			     _("'%s' is %s here, but %s in the registry"), r->number.text.s,
			     status_word(rs, zh), status_word(es, zh));
		diag_set_related(c->ds, d, ex.file, ent_status_loc(&ex),
				 _("the registry's status"));
	}
	if (r->title.s && e->title.s && !utf8_fold_space_equal(r->title.s, e->title.s)) {
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_REGISTRY_MISMATCH, c->system_path, r->title.loc,
			     _("title of '%s' differs from the registry's '%s'"), r->number.text.s,
			     e->title.s);
		diag_set_related(c->ds, d, ex.file, e->title.loc, _("the registry's title"));
	}
	registry_date(c, r, &r->published, &ex, &e->published, _("published"));
	registry_date(c, r, &r->effective, &ex, &e->effective, _("effective"));
	registry_date(c, r, &r->withdrawn, &ex, &e->withdrawn, _("withdrawn"));
	if (r->replaces.n && e->replaces.n && !same_links(&r->replaces, &e->replaces)) {
		struct diag *d = diag_add(
		    c->ds, DIAG_LIFE_REGISTRY_MISMATCH, c->system_path, r->replaces.loc,
		    _("'%s' replaces other editions here than in the registry"), r->number.text.s);
		diag_set_related(c->ds, d, ex.file, e->replaces.loc, _("the registry's replaces"));
	}
	if (r->replaced_by.n && e->replaced_by.n && !same_links(&r->replaced_by, &e->replaced_by)) {
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_REGISTRY_MISMATCH, c->system_path, r->replaced_by.loc,
			     _("'%s' is replaced by other editions here than in the registry"),
			     r->number.text.s);
		diag_set_related(c->ds, d, ex.file, e->replaced_by.loc,
				 _("the registry's replaced-by"));
	}
}

/* ---- normative references to withdrawn standards (LIFE-009) ---- */

/* What a normative reference points at on the check date: a dated one the edition itself, an
 * undated one the latest edition of the work. check_number_status answers the dated case and
 * the live undated case; for an undated reference to a work with no live edition it reports
 * the first edition it meets, so the latest one is looked up here. Returns the status (0 when
 * unknown) and the edition in *who. */
static int ref_target(struct check_ctx *c, const struct stdno *n, struct ent *who)
{
	const struct row *r;
	const struct edition *e;
	int st = check_number_status(c, n, &r, &e);
	if (r)
		*who = ent_row(c, r);
	else if (e)
		*who = ent_ed(c, e);
	if (!st || n->year || live(st))
		return st;
	bool any_live;
	if (!latest_of_work(c, n, NULL, who, &any_live))
		return st;
	return any_live ? STATUS_CURRENT : ent_status(c, who);
}

static void check_ref(struct check_ctx *c, const char *file, struct loc loc, const struct stdno *n,
		      const char *text, const char *citer)
{
	struct ent who = { 0 };
	int st = ref_target(c, n, &who);
	if (st == STATUS_ABOLISHED) {
		struct diag *d = diag_add(
		    c->ds, DIAG_LIFE_REF_ABOLISHED, file, loc,
		    n->year ? _("'%s' cites '%s' normatively, but it is abolished")
			    : _("'%s' cites '%s' normatively, but the standard is abolished"),
		    citer, text);
		if (who.number) {
			diag_set_related(c->ds, d, who.file, ent_status_loc(&who),
					 _("'%s' is abolished here"), who.number->text.s);
		}
		diag_set_help(d, _("drop the reference or cite the standard that took its place"));
	} else if (st == STATUS_REPLACED && n->year) {
		struct diag *d =
		    diag_add(c->ds, DIAG_LIFE_REF_REPLACED, file, loc,
			     _("'%s' cites the replaced edition '%s' normatively"), citer, text);
		if (who.number)
			diag_set_related(c->ds, d, who.file, ent_status_loc(&who),
					 _("'%s' is replaced here"), who.number->text.s);
		const char *lf;
		char k[CHECK_KEY_MAX];
		const struct numlist *l =
		    who.number ? link_list(c, check_edition_key_buf(n, k), true, &lf) : NULL;
		if (l && l->n && l->v[0].ok)
			diag_set_help(d,
				      _("review the reference: cite '%s', or the standard undated"),
				      l->v[0].text.s);
		else
			diag_set_help(d, _("review the reference: cite the current edition, or the "
					   "standard undated"));
	}
}

/* Which row statuses cite: everything still alive or on its way (a drafting text citing an
 * abolished standard will be published with it); replaced and abolished texts are history. */
static bool row_cites(const struct check_ctx *c, const struct row *r)
{
	int st = row_status_on(r, &c->as_of);
	return st != STATUS_REPLACED && st != STATUS_ABOLISHED;
}

static void check_row_refs(struct check_ctx *c, const struct row *r)
{
	if (!row_cites(c, r))
		return;
	const char *citer = r->number.text.s ? r->number.text.s : r->code.s ? r->code.s : "?";
	for (size_t i = 0; i < r->refs.n; i++)
		if (r->refs.v[i].ok)
			check_ref(c, c->system_path, r->refs.v[i].text.loc, &r->refs.v[i].no,
				  r->refs.v[i].text.s, citer);
}

/* A document cites a standard in its reference list and usually again in its text: one
 * finding per cited edition, at the first place (the list, else the first citation). */
static void check_doc_refs(struct check_ctx *c, const struct doc_info *di)
{
	if (!di->row || !row_cites(c, di->row))
		return;
	const struct standard *std = di->std;
	const char *file = di->doc->path;
	const char *citer = std->number.text.s ? std->number.text.s : file;
	struct strmap seen;
	strmap_init(&seen);
	struct check_refs it = { .s = std };
	for (const struct numtext *n; (n = check_refs_next(&it));) {
		const char *ek = check_edition_key(c, &n->no);
		if (strmap_put_new(&seen, ek, (void *)n) != (void *)n)
			continue;
		check_ref(c, file, n->text.loc, &n->no, n->text.s, citer);
	}
	for (size_t i = 0; i < di->nxrefs; i++) {
		const struct xref *x = &di->xrefs[i];
		if (x->kind != XREF_STD || !x->normative || x->in_foreword)
			continue;
		if (strmap_put_new(&seen, check_edition_key(c, x->no), (void *)x) != (void *)x)
			continue;
		check_ref(c, file, x->loc, x->no, x->text, citer);
	}
	strmap_release(&seen);
}

void check_life_doc_run(struct check_ctx *c)
{
	if (!c->p->system)
		return;
	for (size_t i = 0; i < c->ndocs; i++)
		check_doc_refs(c, &c->docs[i]);
}

/* The i-th edition the lifecycle checks walk: the system's rows, then each registry's editions
 * in order. Built when needed rather than kept for all of them: a row or an edition already
 * holds everything an ent points at. */
static struct ent ent_at(const struct check_ctx *c, size_t i)
{
	const struct system *s = c->p->system;
	if (i < s->nrows)
		return ent_row(c, &s->rows[i]);
	i -= s->nrows;
	for (size_t k = 0;; k++) {
		const struct registry *reg = c->p->registries[k]->model;
		if (i < reg->neditions)
			return ent_ed(c, &reg->editions[i]);
		i -= reg->neditions;
	}
}

void check_life_run(struct check_ctx *c)
{
	const struct system *s = c->p->system;
	if (!s)
		return;
	/* edition key → the number of the first edition that lists it in replaces (for the
	 * replaced-by help) */
	struct strmap replacer;
	strmap_init(&replacer);
	size_t n = check_system_size(c->p);
	/* asked of every edition by two loops, and each answer builds its key */
	bool *primary = xmalloc((n ? n : 1) * sizeof *primary);
	for (size_t i = 0; i < n; i++) {
		struct ent x = ent_at(c, i);
		check_dates(c, &x);
		primary[i] = ent_primary(c, &x);
		if (!primary[i])
			continue;
		for (size_t k = 0; k < x.replaces->n; k++)
			if (x.replaces->v[k].ok)
				strmap_put_new(&replacer,
					       check_edition_key(c, &x.replaces->v[k].no),
					       (void *)x.number);
	}
	for (size_t i = 0; i < n; i++) {
		if (!primary[i])
			continue;
		struct ent x = ent_at(c, i);
		check_links(c, &x);
		check_replaced_by(c, &x, &replacer);
	}
	for (size_t i = 0; i < c->works.cap; i++)
		if (c->works.slots[i].key)
			check_work_live(c, c->works.slots[i].value);
	free(primary);
	strmap_release(&replacer);
}

/* Each row through `rules`, in order. */
static void each_row(struct check_ctx *c,
		     void (*const *rules)(struct check_ctx *, const struct row *), size_t nrules)
{
	const struct system *s = c->p->system;
	for (size_t i = 0; s && i < s->nrows; i++)
		for (size_t k = 0; k < nrules; k++)
			rules[k](c, &s->rows[i]);
}

/* The rules of one row at a time, apart from check_life_run's walks over editions and works and
 * in two passes, so that on a large system the three share the cores with the others (check.c's
 * pass table files their findings in this order whatever the threads): a row's dates and its
 * agreement with the registries here, its references, review and action in
 * check_life_refs_run. */
void check_life_rows_run(struct check_ctx *c)
{
	static void (*const rules[])(struct check_ctx *, const struct row *) = { check_row_dates,
										 check_registry };
	each_row(c, rules, sizeof rules / sizeof *rules);
}

void check_life_refs_run(struct check_ctx *c)
{
	static void (*const rules[])(struct check_ctx *, const struct row *) = { check_row_refs,
										 check_review,
										 check_action };
	each_row(c, rules, sizeof rules / sizeof *rules);
}
