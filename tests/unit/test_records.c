/* SPDX-License-Identifier: MIT */
/* test_records: what a record names resolves to the right row, implementation coverage through
 * categories, month arithmetic, and the figures of `zhun eval` on a small project, counted by
 * hand. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "eval.h"
#include "helpers.h"
#include "records.h"
#include "xalloc.h"

static const char *sys_yaml =
    "system:\n"
    "  id: t\n"
    "  title: T\n"
    "  date: 2024-12-31\n"
    "  own-prefixes: [Q/XX]\n"
    "  categories:\n"
    "    - code: \"100\"\n"
    "      title: A\n"
    "      categories:\n"
    "        - {code: \"101\", title: A1}\n"
    "        - {code: \"102\", title: A2}\n"
    "        - {code: \"103\", title: A3, vacant: true}\n"
    "  standards:\n"
    "    - {code: 101-001, key: guide, number: Q/XX 1—2020, title: old, status: replaced, "
    "effective: 2020-01-01}\n"
    "    - {code: 101-002, number: Q/XX 1—2023, title: new, effective: 2023-01-01}\n"
    "    - {code: 102-001, number: Q/XX 2—2022, title: two, effective: 2022-01-01,\n"
    "       reviews: [{date: 2022-06-01, outcome: continue}]}\n"
    "    - {code: 102-002, number: GB/T 1.1—2020, title: ext, effective: 2020-10-01}\n";

static const char *rec_yaml =
    "records:\n"
    "  implementations:\n"
    "    - {standards: [\"101\"], start: 2023-02-01}\n"
    "    - {standards: [Q/XX 2], start: 2025-01-01}\n"
    "  inspections:\n"
    "    - date: 2024-03-01\n"
    "      results:\n"
    "        - {standard: 102-001, result: nonconform, actions: [{text: a, closed: 2024-04-01}]}\n"
    "        - {standard: 101-002, result: partial}\n"
    "        - {standard: guide, result: conform}\n"
    "    - {date: 2023-09-01}\n"
    "  surveys:\n"
    "    - {date: 2023-12-01, method: 问卷, score: 80}\n"
    "    - {date: 2024-06-01, method: phone, score: \"85.5%\"}\n"
    "  plan:\n"
    "    - title: P\n"
    "      milestones:\n"
    "        - {title: m1, due: 2024-01-01, done: 2024-01-02}\n"
    "        - {title: m2, due: 2024-02-01}\n"
    "        - {title: m3, due: 2025-02-01}\n"
    "        - {title: m4, due: 2025-03-01, done: 2024-12-01}\n";

struct fixture {
	struct diag_store ds;
	struct project p;
};

static void load(struct fixture *f)
{
	diag_store_init(&f->ds);
	project_init(&f->p);
	struct limits lim;
	limits_default(&lim);
	test_tables();
	/* the system is built by project_add_doc, as a command builds it */
	struct doc *s =
	    load_buffer("system.yaml", sys_yaml, strlen(sys_yaml), SYNTAX_YAML, &f->ds, &lim);
	struct doc *r = test_load(&f->ds, "records.yaml", rec_yaml);
	cr_assert(s && r && r->model);
	cr_assert(project_add_doc(&f->p, NULL, "system.yaml", s, &f->ds, &lim));
	test_self_check(s, sys_yaml, strlen(sys_yaml));
	f->p.records = xcalloc(1, sizeof *f->p.records);
	f->p.records[0] = r;
	f->p.nrecords = 1;
}

static void unload(struct fixture *f)
{
	project_release(&f->p);
	diag_store_release(&f->ds);
}

Test(records, names_resolve)
{
	struct fixture f;
	load(&f);
	struct records_index ix;
	records_index_init(&ix, f.p.system);
	const struct row *rows = f.p.system->rows;
	cr_assert_eq(records_index_find(&ix, "101-002"), &rows[1]);
	cr_assert_eq(records_index_find(&ix, "guide"), &rows[0]);
	cr_assert_eq(records_index_find(&ix, "Q/XX 1—2020"), &rows[0]);
	/* undated: the edition in force, not the replaced one listed first */
	cr_assert_eq(records_index_find(&ix, "Q/XX 1"), &rows[1]);
	cr_assert_eq(records_index_find(&ix, "Q/XX 1—2019"), NULL);
	cr_assert_eq(records_index_find(&ix, "nothing"), NULL);
	const struct row *r;
	const struct category *c;
	cr_assert(records_resolve(&ix, "103", &r, &c));
	cr_assert(!r && c && !strcmp(c->code.s, "103"));
	records_index_release(&ix);
	unload(&f);
}

Test(records, coverage_by_category_and_date)
{
	struct fixture f;
	load(&f);
	struct records_index ix;
	records_index_init(&ix, f.p.system);
	const struct records *recs[] = { f.p.records[0]->model };
	struct date as_of = { 2024, 12, 31, { 0, 0 } };
	const struct implementation **im = records_implemented(&ix, recs, 1, &as_of);
	cr_assert(im[0] && im[1], "category 101 covers both of its rows");
	cr_assert_null(im[2], "a record dated after the as-of date does not count yet");
	cr_assert_null(im[3]);
	free(im);
	as_of.y = 2025;
	im = records_implemented(&ix, recs, 1, &as_of);
	cr_assert(im[2]);
	free(im);
	records_index_release(&ix);
	unload(&f);
}

Test(records, months)
{
	struct date d = { 2024, 1, 31, { 0, 0 } };
	struct date e = date_add_months(&d, 1);
	cr_assert(e.y == 2024 && e.m == 2 && e.d == 29);
	e = date_add_months(&d, 13);
	cr_assert(e.y == 2025 && e.m == 2 && e.d == 28);
	e = date_add_months(&d, -2);
	cr_assert(e.y == 2023 && e.m == 11 && e.d == 30);
}

/* Every figure counted by hand from the fixture. */
Test(records, eval_figures)
{
	struct fixture f;
	load(&f);
	struct eval *e = eval_new(&f.p, NULL, false);
	cr_assert_not_null(e);
	const struct eval_index_value *v = e->idx;
	/* leaves 101, 102, 103 (vacant): 101 and 102 hold current rows */
	cr_assert(v[EVAL_COVERAGE].num == 2 && v[EVAL_COVERAGE].den == 3);
	cr_assert_str_eq(v[EVAL_COVERAGE].value, "66.7%");
	/* own current: Q/XX 1—2023 (covered by 101), Q/XX 2—2022 (its record starts in 2025) */
	cr_assert(v[EVAL_IMPLEMENTATION].num == 1 && v[EVAL_IMPLEMENTATION].den == 2);
	/* 2024 holds one inspection (the 2023 one is outside the period) */
	cr_assert(v[EVAL_INSPECTIONS].num == 1 && v[EVAL_INSPECTIONS].den == 1);
	cr_assert(e->nyears == 2 && e->years[0].year == 2023 && e->years[1].year == 2024);
	/* findings: nonconform (closed) and partial (no action: not corrected) */
	cr_assert(v[EVAL_RECTIFICATION].num == 1 && v[EVAL_RECTIFICATION].den == 2);
	cr_assert_eq(e->nopen, 0);
	/* reviews: Q/XX 1—2023 in force since 2023, Q/XX 2 reviewed 2022: both on time */
	cr_assert(v[EVAL_REVIEW].num == 2 && v[EVAL_REVIEW].den == 2);
	cr_assert_str_eq(v[EVAL_SATISFACTION].value, "85.5");
	cr_assert_str_eq(v[EVAL_SATISFACTION].trend, "+5.5");
	/* m1 done, m2 due and open, m3 not due, m4 done early */
	cr_assert(v[EVAL_PLAN].num == 2 && v[EVAL_PLAN].den == 3);
	eval_free(e);
	/* 基本符合 not counted as a finding when configured so */
	f.p.rcfg.nonconform_partial = false;
	e = eval_new(&f.p, NULL, false);
	cr_assert(e->idx[EVAL_RECTIFICATION].num == 1 && e->idx[EVAL_RECTIFICATION].den == 1);
	eval_free(e);
	unload(&f);
}

Test(records, check_rules)
{
	struct fixture f;
	load(&f);
	struct date none = { 0 };
	check_run(&f.p, &f.ds, &none);
	diag_store_finish(&f.ds);
	/* Q/XX 2—2022: effective 2022, no record by 2024-12-31 */
	const struct diag *d = test_find(&f.ds, DIAG_REC_NOT_IMPLEMENTED);
	cr_assert(d && strstr(d->msg, "Q/XX 2—2022"));
	/* the 2025 start lies after the as-of date */
	cr_assert_not_null(test_find(&f.ds, DIAG_REC_DATE_ORDER));
	/* one inspection in 2023 and in 2024 (both complete years) */
	cr_assert_not_null(test_find(&f.ds, DIAG_REC_INSPECTIONS_FEW));
	cr_assert_not_null(test_find(&f.ds, DIAG_REC_MILESTONE_OVERDUE));
	cr_assert_null(test_find(&f.ds, DIAG_REC_UNKNOWN_NAME));
	unload(&f);
}
