/* SPDX-License-Identifier: MIT */
/* Unit tests for the diff module: bigram similarity, row matching (key → work key → code) and
 * the LIFE-011 classes of the example-data.md §G fixtures, clause matching (id, title,
 * similarity, renumbering) and the GB/T 1.1—2020 前言 list form. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diff.h"
#include "helpers.h"
#include "load.h"
#include "model.h"
#include "stdno.h"
#include "strbuf.h"
#include "xalloc.h"

static void load_tables(void)
{
	const char *dir = getenv("ZHUN_DATADIR");
	cr_assert_not_null(dir, "ZHUN_DATADIR is not set");
	char err[256] = "";
	cr_assert_eq(stdno_tables_load(dir, err, sizeof err), 0, "%s", err);
}

static void unload_tables(void)
{
	stdno_tables_release();
}

TestSuite(diff, .init = load_tables, .fini = unload_tables);

/* ---- helpers ---- */

static struct doc *parse(const char *name, const char *text, struct diag_store *ds)
{
	struct limits lim;
	limits_default(&lim);
	struct doc *d = load_buffer(name, text, strlen(text), SYNTAX_YAML, ds, &lim);
	cr_assert_not_null(d, "%s does not load", name);
	cr_assert(model_build(d, ds), "%s has no model", name);
	test_self_check(d, text, strlen(text));
	return d;
}

/* A side holding one system (rows may link documents given in `docs`, by row index). */
static void side_system(struct diff_side *s, const char *name, const char *text,
			struct diag_store *ds, struct doc **docs, size_t ndocs)
{
	diff_side_init(s, name);
	struct doc *d = parse(name, text, ds);
	s->p.system_doc = d;
	s->p.system = d->model;
	s->p.as_of = s->p.system->date;
	size_t n = s->p.system->nrows;
	s->p.row_document = xcalloc(n ? n : 1, sizeof *s->p.row_document);
	for (size_t i = 0; i < ndocs && i < n; i++) {
		if (!docs[i])
			continue;
		s->p.row_document[i] = docs[i];
		s->p.documents =
		    xrealloc(s->p.documents, (s->p.ndocuments + 1) * sizeof *s->p.documents);
		s->p.documents[s->p.ndocuments++] = docs[i];
	}
	cr_assert(diff_side_settle(s));
}

static void side_lone(struct diff_side *s, const char *name, const char *text,
		      struct diag_store *ds)
{
	diff_side_init(s, name);
	struct doc *d = parse(name, text, ds);
	s->p.others = xmalloc(sizeof *s->p.others);
	s->p.others[0] = d;
	s->p.nothers = 1;
	cr_assert(diff_side_settle(s));
}

#define SYS_HEAD                                                                                   \
	"system:\n"                                                                                \
	"  id: t\n"                                                                                \
	"  title: 测试体系\n"                                                                  \
	"  date: 2024-12-31\n"                                                                     \
	"  own-prefixes: [Q/XXBWG]\n"                                                              \
	"  categories:\n"                                                                          \
	"    - code: \"100\"\n"                                                                    \
	"      title: 通用基础标准\n"                                                        \
	"      categories:\n"                                                                      \
	"        - {code: \"101\", title: 标准化导则}\n"                                      \
	"        - {code: \"102\", title: 术语}\n"                                               \
	"    - code: \"300\"\n"                                                                    \
	"      title: 服务提供标准\n"                                                        \
	"      categories:\n"                                                                      \
	"        - {code: \"301\", title: 服务规范}\n"                                         \
	"  standards:\n"

struct run {
	struct diag_store ds, rules;
	struct diff_side a, b;
	struct diff_result r;
};

static void run_systems(struct run *x, const char *rows_old, const char *rows_new)
{
	diag_store_init(&x->ds);
	diag_store_init(&x->rules);
	struct strbuf o = STRBUF_INIT, n = STRBUF_INIT;
	strbuf_addf(&o, "%s%s", SYS_HEAD, rows_old);
	strbuf_addf(&n, "%s%s", SYS_HEAD, rows_new);
	side_system(&x->a, "old.yaml", o.buf, &x->ds, NULL, 0);
	side_system(&x->b, "new.yaml", n.buf, &x->ds, NULL, 0);
	strbuf_release(&o);
	strbuf_release(&n);
	cr_assert_eq(diag_store_size(&x->ds), 0, "fixture has findings: %s",
		     diag_store_size(&x->ds) ? diag_store_get(&x->ds, 0)->msg : "");
	diff_result_init(&x->r);
	cr_assert(diff_run(&x->r, &x->a, &x->b, &x->rules));
	diag_store_finish(&x->rules);
}

static void run_release(struct run *x)
{
	diff_result_release(&x->r);
	diff_side_release(&x->a);
	diff_side_release(&x->b);
	diag_store_release(&x->ds);
	diag_store_release(&x->rules);
}

static bool has_code(const struct diag_store *ds, const char *name)
{
	for (size_t i = 0; i < diag_store_size(ds); i++)
		if (!strcmp(diag_info(diag_store_get(ds, i)->code)->name, name))
			return true;
	return false;
}

/* ---- similarity ---- */

Test(diff, similarity_bounds)
{
	cr_assert_float_eq(diff_similarity("讲解服务规范", "讲解服务规范"), 1.0, 1e-9);
	cr_assert_float_eq(diff_similarity("", ""), 1.0, 1e-9);
	cr_assert_float_eq(diff_similarity("abc", ""), 0.0, 1e-9);
	cr_assert_float_eq(diff_similarity("甲乙丙", "丁戊己"), 0.0, 1e-9);
	/* white space does not count */
	cr_assert_float_eq(diff_similarity("讲解 服务　规范", "讲解服务规范"), 1.0, 1e-9);
}

Test(diff, similarity_orders_edits)
{
	const char *a = "团体讲解每批次观众宜不少于10人、不多于30人；超过30人的，应分组讲解。";
	const char *small = "团体讲解每批次观众宜不少于10人、不多于25人；超过25人的，应分组讲解。";
	const char *other = "讲解词应至少每年复核一次，展览内容调整时应同步更新。";
	double s1 = diff_similarity(a, small), s2 = diff_similarity(a, other);
	cr_assert_gt(s1, 0.7, "a small edit keeps a high score (%f)", s1);
	cr_assert_lt(s2, 0.3, "another clause scores low (%f)", s2);
	cr_assert_float_eq(diff_similarity(a, small), diff_similarity(small, a), 1e-12);
}

/* ---- classification of the §G fixtures ---- */

static const struct diff_change *only_change(struct run *x)
{
	cr_assert_eq(x->r.nchanges, 1, "expected one change, got %zu", x->r.nchanges);
	return &x->r.changes[0];
}

Test(diff, g1_revise_external)
{
	struct run x;
	run_systems(&x,
		    "    - {code: 101-001, number: GB/T 20000.2—2001, title: 采用国际标准的规则}\n",
		    "    - {code: 101-001, number: GB/T 20000.2—2009, title: 采用国际标准的规则, "
		    "replaces: [GB/T 20000.2—2001]}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_REVISE);
	cr_assert(c->flags & DIFF_F_EXTERNAL);
	cr_assert_str_eq(c->category, "100");
	cr_assert_eq(diag_store_size(&x.rules), 0);
	run_release(&x);
}

Test(diff, g2_title_change_flagged)
{
	struct run x;
	run_systems(
	    &x,
	    "    - {code: 101-003, number: GB/T 24421.2—2009, title: 服务业组织标准化工作指南 "
	    "第2部分：标准体系}\n",
	    "    - {code: 101-003, number: GB/T 24421.2—2023, title: "
	    "服务业组织标准化工作指南　第2部分：标准体系构建, replaces: [GB/T 24421.2—2009]}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_REVISE);
	cr_assert(c->flags & DIFF_F_TITLE);
	run_release(&x);
}

Test(diff, title_folding_is_not_a_change)
{
	struct run x;
	run_systems(&x,
		    "    - {code: 101-001, number: GB/T 1.1—2020, title: 标准化工作导则 "
		    "第1部分：标准化文件的结构和起草规则}\n",
		    "    - {code: 101-001, number: GB/T 1.1—2020, title: \"标准化工作导则　 "
		    "第1部分：标准化文件的结构和起草规则\"}\n");
	cr_assert_eq(x.r.nchanges, 0);
	run_release(&x);
}

Test(diff, g5_review_pending)
{
	struct run x;
	run_systems(&x,
		    "    - {code: 301-002, number: Q/XXBWG 301-002—2022, title: 应急处置规程}\n",
		    "    - {code: 301-002, number: Q/XXBWG 301-002—2022, title: 应急处置规程, "
		    "action: revise, reviews: [{date: 2024-03-15, outcome: revise}]}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_REVIEW);
	cr_assert(c->flags & DIFF_F_PENDING);
	cr_assert_not_null(c->review);
	run_release(&x);
}

Test(diff, g6_abolish_absorbs_review)
{
	struct run x;
	run_systems(
	    &x, "    - {code: 102-004, number: Q/XXBWG 102-004—2019, title: 用语规范}\n",
	    "    - {code: 102-004, number: Q/XXBWG 102-004—2019, title: 用语规范, status: "
	    "abolished, withdrawn: 2024-07-01, reviews: [{date: 2024-05-20, outcome: abolish}]}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_ABOLISH);
	cr_assert_not_null(c->review);
	cr_assert_eq(diff_class_family(c->cls), FAMILY_FEI);
	run_release(&x);
}

Test(diff, g7_interpret)
{
	struct run x;
	run_systems(&x, "    - {code: 301-001, number: Q/XXBWG 301-001—2020, title: 出入库规程}\n",
		    "    - {code: 301-001, number: Q/XXBWG 301-001—2020, title: 出入库规程, "
		    "interpretations: [{id: JS-1, issued: 2023-04-10, summary: 明确}]}\n");
	cr_assert_eq(only_change(&x)->cls, DIFF_INTERPRET);
	cr_assert_eq(diag_store_size(&x.rules), 0);
	run_release(&x);
}

Test(diff, g8_amend)
{
	struct run x;
	run_systems(&x, "    - {code: 101-001, number: GB/T 1.1—2020, title: 导则}\n",
		    "    - {code: 101-001, number: GB/T 1.1—2020, title: 导则, amendments: [{id: "
		    "XG1, published: 2024-06-01, summary: 修改}]}\n");
	cr_assert_eq(only_change(&x)->cls, DIFF_AMEND);
	run_release(&x);
}

Test(diff, g9_g10_establish_and_adopt)
{
	struct run x;
	run_systems(&x, "    - {code: 101-001, number: GB/T 1.1—2020, title: 导则}\n",
		    "    - {code: 101-001, number: GB/T 1.1—2020, title: 导则}\n"
		    "    - {code: 301-001, number: Q/XXBWG 301-001—2024, title: 馆长岗位工作标准}\n"
		    "    - {code: 102-001, number: WW/T 0016.2—2023, title: 检测方法}\n");
	cr_assert_eq(x.r.nchanges, 2);
	cr_assert_eq(x.r.count[DIFF_ESTABLISH], 1);
	cr_assert_eq(x.r.count[DIFF_ADOPT], 1);
	cr_assert_eq(x.r.family[FAMILY_LI], 2);
	run_release(&x);
}

/* ---- matching ---- */

Test(diff, explicit_key_beats_number)
{
	/* The row key stays while the number (and its work key) changes: one revision. */
	struct run x;
	run_systems(&x,
		    "    - {code: 301-003, key: jiangjie, number: Q/XXBWG 301-003—2018, title: "
		    "讲解服务规范}\n",
		    "    - {code: 301-003, key: jiangjie, number: Q/XXBWG 301-103—2021, title: "
		    "讲解服务规范}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_REVISE);
	cr_assert_str_eq(c->key, "jiangjie");
	run_release(&x);
}

Test(diff, work_key_when_key_added)
{
	/* A key given only on the new side: matched through the work key of the number. */
	struct run x;
	run_systems(&x,
		    "    - {code: 301-003, number: Q/XXBWG 301-003—2018, title: 讲解服务规范}\n",
		    "    - {code: 301-003, key: jiangjie, number: Q/XXBWG 301-003—2018, title: "
		    "讲解服务规范, note: 备注}\n");
	cr_assert_eq(only_change(&x)->cls, DIFF_EDIT);
	run_release(&x);
}

Test(diff, code_matches_planned_row)
{
	struct run x;
	run_systems(
	    &x,
	    "    - {code: 301-005, title: 满意度测评规范, level: enterprise, status: planned}\n",
	    "    - {code: 301-005, number: Q/XXBWG 301-005—2024, title: 满意度测评规范}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_ESTABLISH);
	cr_assert(c->flags & DIFF_F_PUBLISHED);
	run_release(&x);
}

Test(diff, refile_only)
{
	struct run x;
	run_systems(&x, "    - {code: 101-002, number: GB/T 10001.1, title: 通用符号}\n",
		    "    - {code: 102-007, number: GB/T 10001.1, title: 通用符号}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_REFILE);
	cr_assert_str_eq(c->old.code, "101-002");
	cr_assert_str_eq(c->new_.code, "102-007");
	run_release(&x);
}

Test(diff, delist_versus_abolish_on_removal)
{
	struct run x;
	run_systems(
	    &x,
	    "    - {code: 101-001, number: GB/T 23863, title: 照明设计规范}\n"
	    "    - {code: 101-002, number: Q/XXBWG 101-002—2019, title: 旧规定, action: abolish}\n"
	    "    - {code: 301-001, number: GB/T 36721, title: 开放服务规范}\n",
	    "    - {code: 301-001, number: GB/T 36721, title: 开放服务规范}\n");
	cr_assert_eq(x.r.count[DIFF_DELIST], 1);
	cr_assert_eq(x.r.count[DIFF_ABOLISH], 1);
	run_release(&x);
}

Test(diff, kept_old_edition_must_not_stay_current)
{
	struct run x;
	run_systems(&x,
		    "    - {code: 301-003, number: Q/XXBWG 301-003—2018, title: 讲解服务规范}\n",
		    "    - {code: 301-003, number: Q/XXBWG 301-003—2021, title: 讲解服务规范, "
		    "replaces: [Q/XXBWG 301-003—2018]}\n"
		    "    - {code: 301-009, number: Q/XXBWG 301-003—2018, title: 讲解服务规范}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_REVISE);
	cr_assert_not_null(c->old_kept);
	cr_assert(has_code(&x.rules, "diff-old-edition-current"));
	/* Both positions: the finding on the new side, the related one on the old side. */
	cr_assert_str_eq(diag_store_get(&x.rules, 0)->file, "new.yaml");
	cr_assert_str_eq(diag_store_get(&x.rules, 0)->file2, "old.yaml");
	run_release(&x);
}

Test(diff, revise_rules)
{
	struct run x;
	run_systems(&x,
		    "    - {code: 301-003, number: Q/XXBWG 301-003—2018, title: 讲解服务规范}\n",
		    "    - {code: 301-003, number: Q/XXBWG 301-003—2012, title: 讲解服务规范}\n");
	cr_assert(has_code(&x.rules, "diff-year-not-raised"));
	cr_assert(has_code(&x.rules, "diff-replaces-missing"));
	run_release(&x);
}

Test(diff, reuse_of_abolished_number)
{
	struct run x;
	run_systems(&x,
		    "    - {code: 301-005, number: Q/XXBWG 301-005—2019, title: 旧规定, status: "
		    "abolished}\n",
		    "    - {code: 301-005, number: Q/XXBWG 301-005—2024, title: 新规程}\n");
	const struct diff_change *c = only_change(&x);
	cr_assert_eq(c->cls, DIFF_ESTABLISH);
	cr_assert(c->flags & DIFF_F_REUSE);
	cr_assert(has_code(&x.rules, "diff-establish-reuses-work"));
	run_release(&x);
}

Test(diff, many_rows_linear_matching)
{
	/* 3000 rows, every tenth revised: exactly 300 revisions, nothing else. */
	struct strbuf o = STRBUF_INIT, n = STRBUF_INIT;
	for (int i = 1; i <= 3000; i++) {
		strbuf_addf(&o,
			    "    - {code: 301-%03d%s, number: Q/XXBWG %d—2018, title: 规范%d}\n",
			    i % 1000, i >= 1000 ? (i >= 2000 ? "b" : "a") : "", i, i);
		if (i % 10)
			strbuf_addf(
			    &n,
			    "    - {code: 301-%03d%s, number: Q/XXBWG %d—2018, title: 规范%d}\n",
			    i % 1000, i >= 1000 ? (i >= 2000 ? "b" : "a") : "", i, i);
		else
			strbuf_addf(&n,
				    "    - {code: 301-%03d%s, number: Q/XXBWG %d—2024, title: "
				    "规范%d, replaces: [Q/XXBWG %d—2018]}\n",
				    i % 1000, i >= 1000 ? (i >= 2000 ? "b" : "a") : "", i, i, i);
	}
	struct diag_store ds, rules;
	diag_store_init(&ds);
	diag_store_init(&rules);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	strbuf_addf(&a, "%s%s", SYS_HEAD, o.buf);
	strbuf_addf(&b, "%s%s", SYS_HEAD, n.buf);
	struct diff_side sa, sb;
	side_system(&sa, "old.yaml", a.buf, &ds, NULL, 0);
	side_system(&sb, "new.yaml", b.buf, &ds, NULL, 0);
	struct diff_result r;
	diff_result_init(&r);
	cr_assert(diff_run(&r, &sa, &sb, &rules));
	cr_assert_eq(r.nchanges, 300);
	cr_assert_eq(r.count[DIFF_REVISE], 300);
	diff_result_release(&r);
	diff_side_release(&sa);
	diff_side_release(&sb);
	diag_store_release(&ds);
	diag_store_release(&rules);
	strbuf_release(&o);
	strbuf_release(&n);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* ---- documents ---- */

static void run_docs(struct run *x, const char *old_text, const char *new_text)
{
	diag_store_init(&x->ds);
	diag_store_init(&x->rules);
	side_lone(&x->a, "old.yaml", old_text, &x->ds);
	side_lone(&x->b, "new.yaml", new_text, &x->ds);
	cr_assert_eq(diag_store_size(&x->ds), 0, "fixture has findings: %s",
		     diag_store_size(&x->ds) ? diag_store_get(&x->ds, 0)->msg : "");
	diff_result_init(&x->r);
	cr_assert(diff_run(&x->r, &x->a, &x->b, &x->rules));
	cr_assert_eq(x->r.ndocs, 1);
}

#define STD(number, clauses)                                                                       \
	"standard:\n  number: " number "\n  title: 讲解服务规范\n  clauses:\n" clauses

Test(diff, renumbering_is_not_technical)
{
	struct run x;
	run_docs(
	    &x,
	    STD("Q/XXBWG 1—2020",
		"    - {num: \"1\", title: 范围, body: 本文件规定了讲解服务。}\n"
		"    - {num: \"2\", title: 人员, body: 讲解员应符合第3章的要求。}\n"
		"    - num: \"3\"\n      title: 设施\n      clauses:\n"
		"        - {num: \"3.1\", title: 讲解器, body: 应配备讲解器，人员见第2章。}\n"
		"        - {num: \"3.2\", title: 扩音设备, body: 应配备扩音设备，数量同3.1。}\n"),
	    STD("Q/XXBWG 1—2020",
		"    - {num: \"1\", title: 范围, body: 本文件规定了讲解服务。}\n"
		"    - num: \"2\"\n      title: 设施\n      clauses:\n"
		"        - {num: \"2.1\", title: 扩音设备, body: 应配备扩音设备，数量同2.2。}\n"
		"        - {num: \"2.2\", title: 讲解器, body: 应配备讲解器，人员见第3章。}\n"
		"    - {num: \"3\", title: 人员, body: 讲解员应符合第2章的要求。}\n"));
	const struct diff_doc *dd = x.r.docs[0];
	cr_assert_eq(dd->nitems, 0, "renumbering gave %zu items: %s", dd->nitems,
		     dd->nitems ? dd->items[0].text : "");
	cr_assert_eq(dd->moved, 4);
	cr_assert_eq(diag_store_size(&x.rules), 0, "a renumbering breaks no rule");
	run_release(&x);
}

Test(diff, id_matching_across_titles)
{
	struct run x;
	run_docs(&x,
		 STD("Q/XXBWG 1—2020", "    - {num: \"4\", id: req, title: 总则, body: 甲。}\n"),
		 STD("Q/XXBWG 1—2024",
		     "    - {num: \"5\", id: req, title: 目标、原则和要求, body: 甲。}\n"));
	const struct diff_doc *dd = x.r.docs[0];
	cr_assert_eq(dd->nitems, 1);
	cr_assert_eq(dd->items[0].kind, CHANGE_CHANGED);
	cr_assert_str_eq(dd->items[0].text,
			 "将“总则”更改为“目标、原则和要求”（见第5章，2020年版的第4章）");
	run_release(&x);
}

Test(diff, similarity_matches_renamed_chapter)
{
	struct run x;
	run_docs(&x,
		 STD("Q/XXBWG 1—2020", "    - num: \"4\"\n      title: 总则\n      clauses:\n"
				       "        - {num: \"4.1\", title: 目标, body: "
				       "制定标准的目标是规定明确且无歧义的条款。}\n"
				       "        - {num: \"4.2\", title: 统一性, body: "
				       "标准的结构、文体和术语应保持一致。}\n"),
		 STD("Q/XXBWG 1—2024",
		     "    - {num: \"4\", title: 文件的类别, body: 文件分为若干类别。}\n"
		     "    - num: \"5\"\n      title: 目标、原则和要求\n      clauses:\n"
		     "        - {num: \"5.1\", title: 目标, body: "
		     "制定标准的目标是规定明确且无歧义的条款。}\n"
		     "        - {num: \"5.2\", title: 统一性, body: "
		     "标准的结构、文体和术语应保持一致。}\n"));
	const struct diff_doc *dd = x.r.docs[0];
	cr_assert_eq(dd->nitems, 2);
	cr_assert_str_eq(dd->items[0].text, "增加了“文件的类别”一章（见第4章）");
	cr_assert_str_eq(dd->items[1].text,
			 "将“总则”更改为“目标、原则和要求”（见第5章，2020年版的第4章）");
	run_release(&x);
}

Test(diff, foreword_form)
{
	struct run x;
	run_docs(&x,
		 "standard:\n  number: GB/T 1.1—2009\n  title: 标准化工作导则 "
		 "第1部分：标准的结构和编写\n  clauses:\n"
		 "    - {num: \"1\", title: 范围, body: 甲。}\n"
		 "    - {num: \"2\", title: 性能原则, body: 要求应由性能特性来表达。}\n",
		 "standard:\n  number: GB/T 1.1—2020\n  title: 标准化工作导则 "
		 "第1部分：标准化文件的结构和起草规则\n  clauses:\n"
		 "    - {num: \"1\", title: 范围, body: 甲。}\n"
		 "    - {num: \"2\", title: 文件的类别, body: 文件分为若干类别。}\n");
	struct strbuf sb = STRBUF_INIT;
	diff_doc_foreword(x.r.docs[0], &sb);
	cr_assert_str_eq(
	    sb.buf, "本文件代替GB/T 1.1—2009《标准化工作导则 第1部分：标准的结构和编写》，与GB/T "
		    "1.1—2009相比，除结构调整和编辑性改动外，主要技术变化如下：\n"
		    "a）增加了“文件的类别”一章（见第2章）；\n"
		    "b）删除了“性能原则”一章（见2009年版的第2章）。\n");
	strbuf_release(&sb);
	run_release(&x);
}

Test(diff, same_edition_text_change_is_an_error)
{
	struct run x;
	run_docs(&x,
		 STD("Q/XXBWG 1—2020", "    - {num: \"1\", title: 范围, body: 归还期限为30 d。}\n"),
		 STD("Q/XXBWG 1—2020",
		     "    - {num: \"1\", title: 范围, body: 归还期限为15 d，逾期应重新审批。}\n"));
	diag_store_finish(&x.rules);
	cr_assert(has_code(&x.rules, "diff-change-without-revision"));
	run_release(&x);
}
