/* SPDX-License-Identifier: MIT */
/* diff_records: what changed in a system's records files between two revisions — inspections
 * and surveys recorded or dropped, the work plan's items added, dropped, re-dated or done. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diff.h"
#include "strmap.h"
#include "xalloc.h"

static const struct {
	const char *name, *zh;
} rec_kinds[DIFF_REC_NKIND] = {
	[DIFF_REC_INSPECTION_ADDED] = { "inspection-added", "新增监督检查" },
	[DIFF_REC_INSPECTION_REMOVED] = { "inspection-removed", "删除监督检查" },
	[DIFF_REC_SURVEY_ADDED] = { "survey-added", "新增满意度调查" },
	[DIFF_REC_SURVEY_REMOVED] = { "survey-removed", "删除满意度调查" },
	[DIFF_REC_PLAN_ADDED] = { "plan-added", "新增计划事项" },
	[DIFF_REC_PLAN_REMOVED] = { "plan-removed", "删除计划事项" },
	[DIFF_REC_PLAN_DUE] = { "plan-due", "计划期限变更" },
	[DIFF_REC_PLAN_DONE] = { "plan-done", "计划完成情况变更" },
};

const char *diff_rec_kind_name(enum diff_rec_kind k)
{
	return (unsigned)k < DIFF_REC_NKIND ? rec_kinds[k].name : "";
}

const char *diff_rec_kind_zh(enum diff_rec_kind k)
{
	return (unsigned)k < DIFF_REC_NKIND ? rec_kinds[k].zh : "";
}

/* One thing a side recorded, by the identity that survives an edit of its other fields. */
struct entry {
	int what; /* 0 inspection, 1 survey, 2 plan item */
	const char *key;
	const char *label;
	const struct date *due, *done; /* plan items */
	bool seen;
};

struct side_entries {
	struct entry *v;
	size_t n, cap;
	struct strmap by_key;
};

static void add(struct diff_result *r, struct side_entries *s, int what, const char *label,
		const struct date *due, const struct date *done)
{
	XGROW(s->v, s->cap, s->n + 1);
	const char *key = arena_printf(r->arena, "%d|%s", what, label);
	s->v[s->n++] = (struct entry){ what, key, label, due, done, false };
}

static void collect(struct diff_result *r, const struct diff_side *side, struct side_entries *s)
{
	char d[DATE_TEXT_SIZE];
	for (size_t k = 0; k < side->p.nrecords; k++) {
		const struct records *rec = side->p.records[k]->model;
		for (size_t i = 0; i < rec->ninspections; i++) {
			const struct inspection *in = &rec->inspections[i];
			add(r, s, 0,
			    arena_printf(r->arena, "%s%s%s", date_format(&in->date, d),
					 in->title.s && *in->title.s ? " " : "",
					 in->title.s ? in->title.s : ""),
			    NULL, NULL);
		}
		for (size_t i = 0; i < rec->nsurveys; i++) {
			const struct survey *sv = &rec->surveys[i];
			add(r, s, 1,
			    arena_printf(r->arena, "%s %s %s", date_format(&sv->date, d),
					 method_word(sv->method.v, true),
					 sv->score.s ? sv->score.s : ""),
			    NULL, NULL);
		}
		for (size_t i = 0; i < rec->nphases; i++) {
			const struct plan_phase *ph = &rec->phases[i];
			const char *pt = ph->title.s ? ph->title.s : "";
			add(r, s, 2, pt, &ph->due, &ph->done);
			for (size_t m = 0; m < ph->nmilestones; m++) {
				const struct milestone *ms = &ph->milestones[m];
				add(r, s, 2,
				    arena_printf(r->arena, "%s / %s", pt,
						 ms->title.s ? ms->title.s : ""),
				    &ms->due, &ms->done);
			}
		}
	}
	strmap_init(&s->by_key);
	for (size_t i = 0; i < s->n; i++)
		strmap_put_new(&s->by_key, s->v[i].key, &s->v[i]);
}

static void push(struct diff_result *r, size_t *cap, enum diff_rec_kind kind, const char *label,
		 const struct date *o, const struct date *n)
{
	XGROW(r->recs, *cap, r->nrecs + 1);
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	r->recs[r->nrecs++] = (struct diff_rec_change){
		kind, label, o ? arena_strdup(r->arena, o->y ? date_format(o, a) : "") : NULL,
		n ? arena_strdup(r->arena, n->y ? date_format(n, b) : "") : NULL
	};
}

void diff_records_run(struct diff_result *r)
{
	if (!r->old->p.nrecords && !r->new_->p.nrecords)
		return;
	if (!r->arena)
		r->arena = arena_new();
	struct side_entries o = { 0 }, n = { 0 };
	collect(r, r->old, &o);
	collect(r, r->new_, &n);
	static const enum diff_rec_kind added[] = { DIFF_REC_INSPECTION_ADDED,
						    DIFF_REC_SURVEY_ADDED, DIFF_REC_PLAN_ADDED };
	static const enum diff_rec_kind removed[] = { DIFF_REC_INSPECTION_REMOVED,
						      DIFF_REC_SURVEY_REMOVED,
						      DIFF_REC_PLAN_REMOVED };
	size_t cap = 0;
	for (size_t i = 0; i < n.n; i++) {
		struct entry *e = &n.v[i];
		struct entry *was = strmap_get(&o.by_key, e->key);
		if (!was) {
			push(r, &cap, added[e->what], e->label, NULL, NULL);
			continue;
		}
		if (was->seen)
			continue; /* the same item twice on the new side: one change at most */
		was->seen = true;
		if (e->what != 2)
			continue;
		if (date_cmp(was->due, e->due))
			push(r, &cap, DIFF_REC_PLAN_DUE, e->label, was->due, e->due);
		if (date_cmp(was->done, e->done))
			push(r, &cap, DIFF_REC_PLAN_DONE, e->label, was->done, e->done);
	}
	for (size_t i = 0; i < o.n; i++) {
		struct entry *e = &o.v[i];
		if (!e->seen && strmap_get(&o.by_key, e->key) == e &&
		    !strmap_get(&n.by_key, e->key))
			push(r, &cap, removed[e->what], e->label, NULL, NULL);
	}
	strmap_release(&o.by_key);
	strmap_release(&n.by_key);
	free(o.v);
	free(n.v);
}
