/* SPDX-License-Identifier: MIT */
/* check_records: the rules over a system's records files (REC-001 … REC-006) and the follow-up
 * of a review's 修订/废止 conclusion (LIFE-007), with the thresholds of zhun.yaml `records:`. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "records.h"
#include "xalloc.h"

struct rctx {
	struct check_ctx *c;
	const struct records_config *rc;
	struct records_index ix;
};

static const char *fmt(const struct date *d, char buf[DATE_TEXT_SIZE])
{
	return date_format(d, buf);
}

/* REC-005: every name must resolve; a result must name a standard, not a category. */
static void check_name(struct rctx *x, const char *file, const struct text *t, bool standard_only)
{
	const struct row *r;
	const struct category *cat;
	if (!t->s)
		return;
	if (records_resolve(&x->ix, t->s, &r, &cat) && (r || !standard_only))
		return;
	struct diag *d =
	    diag_add(x->c->ds, DIAG_REC_UNKNOWN_NAME, file, t->loc,
		     cat	     ? _("'%s' is a category; name the standard inspected")
		     : standard_only ? _("'%s' names no standard of the system")
				     : _("'%s' names no standard or category of the system"),
		     t->s);
	diag_set_help(
	    d, _("use a standard number, 体系表编号 or key from the system's detail table%s"),
	    standard_only ? "" : _(", or a category code"));
}

/* REC-006 (d): what a record says was done cannot lie after the as-of date. */
static void check_not_future(struct rctx *x, const char *file, const struct date *d,
			     const char *what)
{
	if (!d->y || date_cmp(d, &x->c->as_of) <= 0)
		return;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	struct diag *dg = diag_add(x->c->ds, DIAG_REC_DATE_ORDER, file, d->loc,
				   _("%s dated %s, after the as-of date %s"), what, fmt(d, a),
				   fmt(&x->c->as_of, b));
	diag_set_help(dg, _("record what was done by the as-of date; plans go under 'plan'"));
}

static void date_before(struct rctx *x, const char *file, const struct date *later,
			const struct date *earlier, const char *msg)
{
	if (!later->y || !earlier->y || date_cmp(later, earlier) >= 0)
		return;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	diag_add(x->c->ds, DIAG_REC_DATE_ORDER, file, later->loc, msg, fmt(later, a),
		 fmt(earlier, b));
}

static void check_implementations(struct rctx *x, const char *file, const struct records *r)
{
	for (size_t i = 0; i < r->nimplementations; i++) {
		const struct implementation *im = &r->implementations[i];
		for (size_t j = 0; j < im->standards.n; j++)
			check_name(x, file, &im->standards.v[j], false);
		check_not_future(x, file, &im->start, _("implementation start"));
		for (size_t k = 0; k < im->ntrainings; k++)
			check_not_future(x, file, &im->trainings[k].date, _("training"));
	}
}

static void check_action(struct rctx *x, const char *file, const struct inspection *in,
			 const struct corrective_action *a)
{
	const struct date *opened = a->opened.y ? &a->opened : &in->date;
	date_before(x, file, &a->opened, &in->date,
		    _("corrective action opened on %s, before the inspection of %s"));
	date_before(x, file, &a->closed, opened,
		    _("corrective action closed on %s, before it was opened on %s"));
	date_before(x, file, &a->deadline, opened,
		    _("corrective action due on %s, before it was opened on %s"));
	check_not_future(x, file, &a->closed, _("corrective action closed"));
	/* REC-003: open on the as-of date (a closing date after it is not yet a closing) */
	const struct date *as_of = &x->c->as_of;
	if (!a->deadline.y || date_cmp(&a->deadline, as_of) >= 0)
		return;
	if (a->closed.y && date_cmp(&a->closed, as_of) <= 0)
		return;
	char b[DATE_TEXT_SIZE], e[DATE_TEXT_SIZE];
	struct diag *d = diag_add(x->c->ds, DIAG_REC_ACTION_OVERDUE, file, a->deadline.loc,
				  _("corrective action '%s' was due on %s and is not closed on %s"),
				  check_clip(x->c, a->text.s ? a->text.s : ""),
				  fmt(&a->deadline, b), fmt(as_of, e));
	diag_set_help(d, _("close it and record the date under 'closed', or agree a new deadline"));
}

static void check_inspections(struct rctx *x, const char *file, const struct records *r)
{
	for (size_t i = 0; i < r->ninspections; i++) {
		const struct inspection *in = &r->inspections[i];
		check_not_future(x, file, &in->date, _("inspection"));
		for (size_t j = 0; j < in->scope.n; j++)
			check_name(x, file, &in->scope.v[j], false);
		for (size_t j = 0; j < in->nresults; j++) {
			const struct inspection_item *it = &in->results[j];
			check_name(x, file, &it->standard, true);
			for (size_t k = 0; k < it->nactions; k++)
				check_action(x, file, in, &it->actions[k]);
		}
	}
	for (size_t i = 0; i < r->nsurveys; i++)
		check_not_future(x, file, &r->surveys[i].date, _("survey"));
}

static void check_due(struct rctx *x, const char *file, const struct text *title,
		      const struct date *due, const struct date *done)
{
	const struct date *as_of = &x->c->as_of;
	if (!due->y || date_cmp(due, as_of) >= 0 || (done->y && date_cmp(done, as_of) <= 0))
		return;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	struct diag *d =
	    diag_add(x->c->ds, DIAG_REC_MILESTONE_OVERDUE, file, due->loc,
		     _("'%s' was due on %s and is not done on %s"),
		     check_clip(x->c, title->s ? title->s : ""), fmt(due, a), fmt(as_of, b));
	diag_set_help(
	    d, _("record the date it was done under 'done', or plan it anew with a new 'due'"));
}

static void check_plan(struct rctx *x, const char *file, const struct records *r)
{
	for (size_t i = 0; i < r->nphases; i++) {
		const struct plan_phase *ph = &r->phases[i];
		date_before(x, file, &ph->due, &ph->start,
			    _("phase due on %s, before it starts on %s"));
		date_before(x, file, &ph->done, &ph->start,
			    _("phase done on %s, before it started on %s"));
		check_not_future(x, file, &ph->done, _("phase done"));
		check_due(x, file, &ph->title, &ph->due, &ph->done);
		for (size_t k = 0; k < ph->nmilestones; k++) {
			const struct milestone *m = &ph->milestones[k];
			date_before(x, file, &m->done, &ph->start,
				    _("milestone done on %s, before its phase started on %s"));
			check_not_future(x, file, &m->done, _("milestone done"));
			check_due(x, file, &m->title, &m->due, &m->done);
		}
	}
}

/* REC-001: each complete calendar year from the first in which anything was recorded. */
static void check_inspection_count(struct rctx *x)
{
	struct project *p = x->c->p;
	int need = x->rc->inspections_per_year;
	const struct date *as_of = &x->c->as_of;
	int last = as_of->m == 12 && as_of->d == 31 ? as_of->y : as_of->y - 1;
	int first = 0;
	for (size_t k = 0; k < p->nrecords; k++) {
		const struct records *r = p->records[k]->model;
		for (size_t i = 0; i < r->ninspections; i++)
			if (r->inspections[i].date.y &&
			    (!first || r->inspections[i].date.y < first))
				first = r->inspections[i].date.y;
		for (size_t i = 0; i < r->nimplementations; i++) {
			struct date d = records_implementation_date(&r->implementations[i]);
			if (d.y && (!first || d.y < first))
				first = d.y;
		}
		for (size_t i = 0; i < r->nsurveys; i++)
			if (r->surveys[i].date.y && (!first || r->surveys[i].date.y < first))
				first = r->surveys[i].date.y;
	}
	if (!need || !first || first > last)
		return;
	/* years are few: a plain count per year over every inspection */
	for (int y = first; y <= last && y - first < 200; y++) {
		int n = 0;
		const char *file = NULL;
		struct loc loc = { 0, 0 };
		for (size_t k = 0; k < p->nrecords; k++) {
			const struct records *r = p->records[k]->model;
			for (size_t i = 0; i < r->ninspections; i++) {
				if (r->inspections[i].date.y != y)
					continue;
				if (!n++) {
					file = p->records[k]->path;
					loc = r->inspections[i].date.loc;
				}
			}
		}
		if (n >= need)
			continue;
		if (!file) {
			file = p->system_doc->path;
			loc = p->system->records.loc;
		}
		struct diag *d = diag_add(
		    x->c->ds, DIAG_REC_INSPECTIONS_FEW, file, loc,
		    _("inspections recorded in %d: %d; the system requires %d a year"), y, n, need);
		diag_set_help(d, _("record every supervision inspection under 'inspections', or "
				   "set records.inspections-per-year in zhun.yaml"));
	}
}

/* REC-002 over the rows, with one coverage computation shared with `zhun eval`. */
static void check_implemented(struct rctx *x)
{
	struct project *p = x->c->p;
	const struct system *s = p->system;
	const struct records **recs = xcalloc(p->nrecords + 1, sizeof *recs);
	for (size_t k = 0; k < p->nrecords; k++)
		recs[k] = p->records[k]->model;
	const struct implementation **im =
	    records_implemented(&x->ix, recs, p->nrecords, &x->c->as_of);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (im[i] || !r->number.ok || !r->effective.y || !system_is_own(s, &r->number.no) ||
		    row_status_on(r, &x->c->as_of) != STATUS_CURRENT)
			continue;
		struct date due = date_add_months(&r->effective, x->rc->implementation_months);
		if (date_cmp(&due, &x->c->as_of) >= 0)
			continue;
		char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
		struct diag *d = diag_add(
		    x->c->ds, DIAG_REC_NOT_IMPLEMENTED, x->c->system_path, r->number.text.loc,
		    _("'%s' took effect on %s and has no implementation record; one was due by %s"),
		    r->number.text.s, fmt(&r->effective, a), fmt(&due, b));
		diag_set_help(d, _("record its 宣贯培训 and start of implementation under "
				   "'implementations' in a records file"));
	}
	free(im);
	free(recs);
}

/* A revision or abolition of row r is on record: it is replaced or abolished on the as-of date,
 * has a withdrawal date or a replacing edition, or a later edition of its work is known. */
static bool acted_on(struct rctx *x, const struct row *r, int outcome)
{
	int st = row_status_on(r, &x->c->as_of);
	if (st == STATUS_ABOLISHED || r->withdrawn.y)
		return true;
	if (outcome == OUTCOME_ABOLISH)
		return false;
	if (st == STATUS_REPLACED || r->replaced_by.n)
		return true;
	char wk[CHECK_KEY_MAX];
	const struct edition_set *es =
	    strmap_get(&x->c->works, check_work_key_buf(&r->number.no, wk));
	for (size_t i = 0; es && i < es->nrows; i++)
		if (es->rows[i] != r && es->rows[i]->number.ok &&
		    es->rows[i]->number.no.year > r->number.no.year)
			return true;
	for (size_t i = 0; es && i < es->neditions; i++)
		if (es->editions[i]->number.ok &&
		    es->editions[i]->number.no.year > r->number.no.year)
			return true;
	return false;
}

/* LIFE-007 follow-up: the latest review decides; 继续有效 after a 修订 closes the matter. */
static void check_review_acted(struct rctx *x)
{
	const struct system *s = x->c->p->system;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		const struct review *last = row_last_review(r);
		if (!last || !r->number.ok ||
		    (last->outcome.v != OUTCOME_REVISE && last->outcome.v != OUTCOME_ABOLISH))
			continue;
		struct date due = date_add_months(&last->date, x->rc->review_action_months);
		if (date_cmp(&due, &x->c->as_of) >= 0 || acted_on(x, r, last->outcome.v))
			continue;
		char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
		struct diag *d = diag_add(x->c->ds, DIAG_REC_REVIEW_UNACTED, x->c->system_path,
					  last->outcome.loc,
					  last->outcome.v == OUTCOME_REVISE
					      ? _("'%s' was reviewed on %s with the conclusion "
						  "修订, and no new edition followed by %s")
					      : _("'%s' was reviewed on %s with the conclusion "
						  "废止, and it was not abolished by %s"),
					  r->number.text.s, fmt(&last->date, a), fmt(&due, b));
		diag_set_help(
		    d, last->outcome.v == OUTCOME_REVISE
			   ? _("add the new edition with 'replaces', or record why the revision is "
			       "late")
			   : _("mark the row 'status: abolished' with its 'withdrawn' date"));
	}
}

void check_records_run(struct check_ctx *c)
{
	struct project *p = c->p;
	if (!p->system)
		return;
	struct rctx x = { c, &p->rcfg, { 0 } };
	check_review_acted(&x);
	if (p->nrecords) {
		/* only the records files name rows: a system without them needs no index (it
		 * was 5 % of the 10,000-row check) */
		records_index_init(&x.ix, p->system);
		for (size_t k = 0; k < p->nrecords; k++) {
			const struct records *r = p->records[k]->model;
			const char *file = p->records[k]->path;
			check_implementations(&x, file, r);
			check_inspections(&x, file, r);
			check_plan(&x, file, r);
		}
		check_inspection_count(&x);
		check_implemented(&x);
		records_index_release(&x.ix);
	}
}
