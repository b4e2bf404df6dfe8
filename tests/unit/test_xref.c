/* SPDX-License-Identifier: MIT */
/* test_xref: the PCRE2 wrapper (re.c) and the cross-reference extractor of the xref pass
 * (check_xref.c) on real phrasings — every form of XREF-001, full-width parentheses and digits,
 * U+3000 spaces, standard numbers, 文号 — and on the dates and quantities it must leave alone. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "check_int.h"
#include "helpers.h"
#include "project.h"
#include "re.h"
#include "strbuf.h"
#include "utf8.h"

/* the internal-reference pattern's result anchored at byte `at` (the match itself unused) */
static int pattern_at(const char *s, size_t len, size_t at)
{
	struct re_match m;
	return check_xref_pattern_at(s, len, at, &m);
}

static void cleanup(void)
{
	re_set_limits(0, 0);
	re_cleanup_all();
	stdno_tables_release();
}

TestSuite(re, .fini = cleanup);
TestSuite(xref, .fini = cleanup);

/* ---- re.c ---------------------------------------------------------------------------------- */

Test(re, match_groups_and_offsets)
{
	static struct re r = RE_INIT("见(?<num>[0-9]+(?:\\.[0-9]+)+)");
	const char *s = "讲解员见4.2，见5.3.1。";
	struct re_match m;
	cr_assert_eq(re_search_at(&r, s, strlen(s), 0, 0, &m), RE_MATCH);
	cr_assert_eq(m.start, strlen("讲解员"));
	cr_assert_eq(m.end, strlen("讲解员见4.2"));
	int g = re_group(&r, "num");
	cr_assert_eq(g, 1);
	size_t gs, gl;
	cr_assert(re_group_span(&m, g, &gs, &gl));
	cr_assert_eq(gs, strlen("讲解员见"));
	cr_assert_eq(gl, 3);
	cr_assert_eq(re_group(&r, "nope"), -1);
	cr_assert_eq(re_search_at(&r, s, strlen(s), m.end, 0, &m), RE_MATCH);
	cr_assert_eq(m.start, strlen("讲解员见4.2，"));
	cr_assert_eq(re_search_at(&r, s, strlen(s), m.end, 0, &m), RE_NOMATCH);
}

Test(re, anchored_and_unset_groups)
{
	static struct re r = RE_INIT("(?<a>表)|(?<b>图)");
	const char *s = "见图1";
	struct re_match m;
	cr_assert_eq(re_search_at(&r, s, strlen(s), 0, RE_ANCHORED, &m), RE_NOMATCH);
	cr_assert_eq(re_search_at(&r, s, strlen(s), strlen("见"), RE_ANCHORED, &m), RE_MATCH);
	size_t gs, gl;
	cr_assert_not(re_group_span(&m, re_group(&r, "a"), &gs, &gl));
	cr_assert(re_group_span(&m, re_group(&r, "b"), &gs, &gl));
	cr_assert_eq(m.group[1][0], RE_UNSET);
	cr_assert_eq(gs, strlen("见"));
}

Test(re, ucp_classes_and_ideographic_space)
{
	/* \h takes U+3000, \p{Han} takes CJK under PCRE2_UTF|PCRE2_UCP */
	static struct re r = RE_INIT("^\\p{Han}+\\h+[0-9]+$");
	const char *s = "见\u3000\u30004";
	struct re_match m;
	cr_assert_eq(re_search_at(&r, s, strlen(s), 0, 0, &m), RE_MATCH);
}

Test(re, iterate_including_empty_matches)
{
	static struct re r = RE_INIT("x*");
	struct re_iter it;
	struct re_match m;
	const char *s = "a表xx";
	re_iter_init(&it, &r, s, strlen(s));
	size_t starts[8], n = 0;
	while (n < 8 && re_iter_next(&it, &m) == RE_MATCH)
		starts[n++] = m.start;
	/* "" at 0, "" at 1 (before 表), "xx" at 4, "" at the end */
	cr_assert_eq(n, 4);
	cr_assert_eq(starts[0], 0);
	cr_assert_eq(starts[1], 1);
	cr_assert_eq(starts[2], 4);
	cr_assert_eq(starts[3], 6);
	cr_assert_eq(re_iter_next(&it, &m), RE_NOMATCH);
}

Test(re, invalid_subject_is_an_error)
{
	static struct re r = RE_INIT("a");
	struct re_iter it;
	struct re_match m;
	const char bad[] = "a\xff";
	re_iter_init(&it, &r, bad, 2);
	cr_assert_eq(re_iter_next(&it, &m), RE_ERROR);
	cr_assert_str_eq(m.message, "subject is not valid UTF-8");
	cr_assert_eq(re_iter_next(&it, &m), RE_NOMATCH);
}

Test(re, compile_error_is_reported_every_time)
{
	static struct re r = RE_INIT("(unclosed");
	struct re_match m;
	cr_assert_eq(re_search_at(&r, "x", 1, 0, 0, &m), RE_ERROR);
	cr_assert_not(m.limit);
	cr_assert(strstr(m.message, "pattern error at offset 9: ") == m.message, "%s", m.message);
	cr_assert_eq(re_search_at(&r, "x", 1, 0, 0, &m), RE_ERROR);
	cr_assert_eq(re_group(&r, "x"), -1);
}

Test(re, match_limit_is_an_error_not_a_miss)
{
	/* nested quantifiers backtrack exponentially on a failing subject */
	static struct re r = RE_INIT("^(a+)+$");
	char s[64];
	memset(s, 'a', 40);
	s[40] = 'b';
	s[41] = '\0';
	uint32_t ml, dl;
	re_get_limits(&ml, &dl);
	cr_assert_eq(ml, RE_DEFAULT_MATCH_LIMIT);
	cr_assert_eq(dl, RE_DEFAULT_DEPTH_LIMIT);
	re_set_limits(1000, 0);
	struct re_match m;
	cr_assert_eq(re_search_at(&r, s, strlen(s), 0, 0, &m), RE_ERROR);
	cr_assert(m.limit);
	cr_assert_str_eq(m.message, "match limit exceeded");
	re_set_limits(0, 0);
	re_get_limits(&ml, &dl);
	cr_assert_eq(ml, RE_DEFAULT_MATCH_LIMIT);
	/* a small subject matches as usual once the limit allows it */
	cr_assert_eq(re_search_at(&r, "aaa", 3, 0, 0, &m), RE_MATCH);
}

Test(re, cleanup_then_reuse_recompiles)
{
	static struct re r = RE_INIT("b");
	struct re_match m;
	cr_assert_eq(re_search_at(&r, "ab", 2, 0, 0, &m), RE_MATCH);
	re_cleanup_all();
	cr_assert_null(r.code);
	cr_assert_eq(re_search_at(&r, "ab", 2, 0, 0, &m), RE_MATCH);
	cr_assert_eq(m.start, 1);
}

/* ---- the extractor ------------------------------------------------------------------------- */

/* A clean document whose targets exist; the paragraph under test is the first block of 4.1 and
 * sits on line PARA_LINE, starting at column PARA_COL (after the opening quote). */
/* One string a source line, so that the line numbers used below can be counted. */
/* clang-format off */
static const char *skeleton =
	"standard:\n"
	"  number: Q/XXBWG 101-001—2024\n"
	"  title: 测试规范\n"
	"  foreword:\n"
	"    body:\n"
	"      - 本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n"
	"  clauses:\n"
	"    - num: \"1\"\n"
	"      title: 范围\n"
	"      body: 本文件规定了测试要求。\n"
	"    - num: \"2\"\n"
	"      title: 规范性引用文件\n"
	"      references:\n"
	"        - {number: GB/T 18883—2022, title: 室内空气质量标准}\n"
	"        - {number: GB/T 36721, title: 博物馆开放服务规范}\n"
	"    - num: \"3\"\n"
	"      title: 术语和定义\n"
	"      body: 下列术语和定义适用于本文件。\n"
	"      terms:\n"
	"        - {num: \"3.1\", term: 讲解服务, en: guided tour service, definition: 由讲解员提供的服务。, source: \"%s\"}\n"
	"    - num: \"4\"\n"
	"      title: 要求\n"
	"      clauses:\n"
	"        - num: \"4.1\"\n"
	"          title: 人员\n"
	"          body:\n"
	"            - \"%s\"\n"
	"            - list:\n"
	"                style: letter\n"
	"                items: [甲；, 乙；, 丙。]\n"
	"            - note: 第一条注。\n"
	"            - note: \"%s\"\n"
	"            - table: {num: \"1\", title: 表, head: [[项目]], rows: [[内容]], notes: [\"%s\"]}\n"
	"            - figure: {num: \"1\", title: 图}\n"
	"            - formula: {num: \"1\", text: x}\n"
	"        - {num: \"4.2\", title: 设施, body: 无。}\n"
	"        - {num: \"4.3\", title: 环境, body: 无。}\n"
	"    - num: \"5\"\n"
	"      title: 服务\n"
	"      clauses:\n"
	"        - {num: \"5.1\", title: 接待, body: 无。}\n"
	"        - {num: \"5.2\", title: 讲解, body: [无。, note: 甲。, note: 乙。]}\n"
	"        - num: \"5.3\"\n"
	"          title: 评价\n"
	"          clauses:\n"
	"            - {num: \"5.3.1\", body: 无。}\n"
	"            - {num: \"5.3.2\", body: 无。}\n"
	"  annexes:\n"
	"    - num: A\n"
	"      kind: normative\n"
	"      title: 规范性附录\n"
	"      body:\n"
	"        - table: {num: A.1, title: 表, head: [[项目]], rows: [[内容]]}\n"
	"        - figure: {num: A.2, title: 图}\n"
	"        - formula: {num: A.1, text: y}\n"
	"      clauses:\n"
	"        - {num: A.1, title: 甲, body: \"%s\"}\n"
	"        - {num: A.2, title: 乙, body: 无。}\n"
	"    - num: B\n"
	"      kind: informative\n"
	"      title: 资料性附录\n"
	"      body: \"%s\"\n";
/* clang-format on */

enum { PARA_LINE = 27, PARA_COL = 16 };

struct run {
	struct diag_store ds;
	struct doc *d;
	struct project p;
	struct check_ctx c;
	struct doc_info *di;
	struct doc *others[1];
};

/* Load the skeleton with these texts and run the xref pass alone on the context check_run
 * builds; the pass's results stay in r->di until run_free. */
static void run_doc(struct run *r, const char *yaml)
{
	memset(r, 0, sizeof *r);
	diag_store_init(&r->ds);
	r->d = test_load(&r->ds, "doc.yaml", yaml);
	cr_assert_not_null(r->d);
	cr_assert_not_null(r->d->model);
	cr_assert_eq(r->ds.n, 0, "the fixture does not load cleanly: %s",
		     r->ds.n ? r->ds.v[0].msg : "");
	project_init(&r->p);
	r->others[0] = r->d;
	r->p.others = r->others;
	r->p.nothers = 1;
	check_ctx_init(&r->c, &r->p, &r->ds, NULL);
	cr_assert_eq(r->c.ndocs, 1);
	r->di = &r->c.docs[0];
	check_xref_run(&r->c);
	diag_store_finish(&r->ds);
}

static void run_texts(struct run *r, const char *source, const char *para, const char *note,
		      const char *tnote, const char *annex_a, const char *annex_b)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, skeleton, source, para, note, tnote, annex_a, annex_b);
	run_doc(r, sb.buf);
	strbuf_release(&sb);
}

static void run(struct run *r, const char *para)
{
	run_texts(r, "GB/T 36721—2018，3.1", para, "无。", "无。", "按附录A的规定。",
		  "参见附录B。");
}

static void run_free(struct run *r)
{
	check_ctx_release(&r->c);
	doc_free(r->d);
	diag_store_release(&r->ds);
}

/* The references found on one source line, in order. */
static size_t on_line(const struct run *r, uint32_t line, const struct xref **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->di->nxrefs && n < max; i++)
		if (r->di->xrefs[i].loc.line == line)
			out[n++] = &r->di->xrefs[i];
	return n;
}

struct exp {
	enum xref_kind kind;
	const char *target;
	const char *text; /* as written; also where it starts: its next occurrence in the text */
	bool normative;
	bool locator;
};

#define N true
#define I false

static const char *kind_name(enum xref_kind k)
{
	static const char *const names[] = { "?",      "clause",  "chapter", "annex", "table",
					     "figure", "formula", "note",    "item",  "std",
					     "wenhao", "page",	  "bare" };
	return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

/* Assert that the paragraph yields exactly these references, at their exact columns. */
static void expect_in(const char *para, uint32_t line, uint32_t col0, const struct exp *e, size_t n,
		      const char *source, const char *note, const char *tnote, const char *annex_a,
		      const char *annex_b, const char *which)
{
	struct run r;
	run_texts(&r, source, para, note, tnote, annex_a, annex_b);
	const struct xref *got[32];
	size_t ng = on_line(&r, line, got, 32);
	struct strbuf all = STRBUF_INIT;
	for (size_t i = 0; i < ng; i++)
		strbuf_addf(&all, " %s:%s:'%s'", kind_name(got[i]->kind), got[i]->target,
			    got[i]->text);
	cr_expect_eq(ng, n, "%s \"%s\": %zu references, want %zu:%s", which,
		     which == para ? para : "", ng, n, all.buf);
	const char *from = which;
	for (size_t i = 0; i < n && i < ng; i++) {
		const struct xref *x = got[i];
		const char *at = strstr(from, e[i].text);
		cr_assert_not_null(at, "test bug: '%s' not in the text", e[i].text);
		uint32_t col = col0 + (uint32_t)utf8_count(which, (size_t)(at - which));
		from = at + strlen(e[i].text);
		cr_expect_eq(x->kind, e[i].kind, "'%s': kind %s, want %s", e[i].text,
			     kind_name(x->kind), kind_name(e[i].kind));
		cr_expect_str_eq(x->target, e[i].target, "'%s': target '%s', want '%s'", e[i].text,
				 x->target, e[i].target);
		cr_expect_str_eq(x->text, e[i].text, "text '%s', want '%s'", x->text, e[i].text);
		cr_expect_eq(x->normative, e[i].normative, "'%s': normative %d, want %d", e[i].text,
			     x->normative, e[i].normative);
		cr_expect_eq(x->has_locator, e[i].locator, "'%s': has_locator %d, want %d",
			     e[i].text, x->has_locator, e[i].locator);
		cr_expect_eq(x->loc.line, line);
		cr_expect_eq(x->loc.col, col, "'%s': column %u, want %u", e[i].text, x->loc.col,
			     col);
	}
	strbuf_release(&all);
	run_free(&r);
}

static void expect(const char *para, const struct exp *e, size_t n)
{
	expect_in(para, PARA_LINE, PARA_COL, e, n, "GB/T 36721—2018，3.1", "无。", "无。",
		  "按附录A的规定。", "参见附录B。", para);
}

#define EXPECT(para, ...)                                                                          \
	do {                                                                                       \
		static const struct exp e_[] = { __VA_ARGS__ };                                    \
		expect(para, e_, sizeof e_ / sizeof *e_);                                          \
	} while (0)
#define EXPECT_NONE(para) expect(para, NULL, 0)

/* ---- XREF-001's table, one form at a time ---- */

Test(xref, clause_after_jian)
{
	EXPECT("讲解时长见4.2。", { XREF_CLAUSE, "4.2", "4.2", N, false });
}

Test(xref, clause_with_an_de_guiding)
{
	EXPECT("讲解员应按5.3.1的规定接受培训。", { XREF_CLAUSE, "5.3.1", "5.3.1", N, false });
}

Test(xref, chapter_forms)
{
	EXPECT("评价见第5章，其余第4章已规定。", { XREF_CHAPTER, "5", "第5章", N, false },
	       { XREF_CHAPTER, "4", "第4章", N, false });
}

Test(xref, annex_forms)
{
	EXPECT("设备见附录A，附录A给出了清单。", { XREF_ANNEX, "A", "附录A", N, false },
	       { XREF_ANNEX, "A", "附录A", N, false });
}

Test(xref, tables_and_figures)
{
	EXPECT("时长见表1和表A.1，布置见图1及图A.2。", { XREF_TABLE, "1", "表1", N, false },
	       { XREF_TABLE, "A.1", "表A.1", N, false }, { XREF_FIGURE, "1", "图1", N, false },
	       { XREF_FIGURE, "A.2", "图A.2", N, false });
}

Test(xref, formulas_ascii_and_fullwidth_parens)
{
	EXPECT("按式(1)计算，或按公式（A.1）换算，亦见式（1）。",
	       { XREF_FORMULA, "1", "式(1)", N, false },
	       { XREF_FORMULA, "A.1", "公式（A.1）", N, false },
	       { XREF_FORMULA, "1", "式（1）", N, false });
}

Test(xref, formulas_every_spelling_of_the_table)
{
	EXPECT("按公式(1)和式(A.1)计算。", { XREF_FORMULA, "1", "公式(1)", N, false },
	       { XREF_FORMULA, "A.1", "式(A.1)", N, false });
}

Test(xref, notes_with_and_without_de)
{
	EXPECT("人数限制见5.2 注2，另见5.2的注1。", { XREF_NOTE, "5.2/2", "5.2 注2", N, false },
	       { XREF_NOTE, "5.2/1", "5.2的注1", N, false });
}

Test(xref, list_items_ascii_and_fullwidth_paren)
{
	EXPECT("按4.1 b)执行，并符合4.1 c）。", { XREF_LIST_ITEM, "4.1/b", "4.1 b)", N, false },
	       { XREF_LIST_ITEM, "4.1/c", "4.1 c）", N, false });
}

Test(xref, list_item_without_verb)
{
	EXPECT("满足9.3.3 b）的情形除外。", { XREF_LIST_ITEM, "9.3.3/b", "9.3.3 b）", N, false });
}

Test(xref, clause_with_tiao)
{
	EXPECT("按第4.2条执行。", { XREF_CLAUSE, "4.2", "第4.2条", N, false });
}

Test(xref, annex_clauses)
{
	EXPECT("检测方法见A.1，结果按A.2的规定记录，另见B.2.3。",
	       { XREF_CLAUSE, "A.1", "A.1", N, false }, { XREF_CLAUSE, "A.2", "A.2", N, false },
	       { XREF_CLAUSE, "B.2.3", "B.2.3", N, false });
}

Test(xref, page_and_bare_chapter)
{
	EXPECT("详见第12页，另见4。", { XREF_PAGE, "12", "第12页", N, false },
	       { XREF_BARE_CHAPTER, "4", "4", N, false });
}

/* ---- context: the conservative heuristic ---- */

Test(xref, chains_after_one_verb)
{
	EXPECT("见4.2、4.3和5.1，以及第5章或表1。", { XREF_CLAUSE, "4.2", "4.2", N, false },
	       { XREF_CLAUSE, "4.3", "4.3", N, false }, { XREF_CLAUSE, "5.1", "5.1", N, false },
	       { XREF_CHAPTER, "5", "第5章", N, false }, { XREF_TABLE, "1", "表1", N, false });
}

Test(xref, ranges)
{
	EXPECT("按5.1～5.3的规定，见4.2至4.3。", { XREF_CLAUSE, "5.1", "5.1", N, false },
	       { XREF_CLAUSE, "5.3", "5.3", N, false }, { XREF_CLAUSE, "4.2", "4.2", N, false },
	       { XREF_CLAUSE, "4.3", "4.3", N, false });
}

Test(xref, in_parentheses)
{
	EXPECT("讲解分为常规讲解（4.2）和专题讲解（见4.3、5.1）。",
	       { XREF_CLAUSE, "4.2", "4.2", N, false }, { XREF_CLAUSE, "4.3", "4.3", N, false },
	       { XREF_CLAUSE, "5.1", "5.1", N, false });
}

Test(xref, followed_by_guiding_words)
{
	EXPECT("本条和4.2的规定同样适用，4.3规定的时限及5.1中的要求不变。",
	       { XREF_CLAUSE, "4.2", "4.2", N, false }, { XREF_CLAUSE, "4.3", "4.3", N, false },
	       { XREF_CLAUSE, "5.1", "5.1", N, false });
}

Test(xref, all_citing_verbs)
{
	EXPECT("依据4.2，执行4.3，按照5.1，参照5.2，应符合5.3，遵守5.3.1。",
	       { XREF_CLAUSE, "4.2", "4.2", N, false }, { XREF_CLAUSE, "4.3", "4.3", N, false },
	       { XREF_CLAUSE, "5.1", "5.1", N, false }, { XREF_CLAUSE, "5.2", "5.2", N, false },
	       { XREF_CLAUSE, "5.3", "5.3", N, false },
	       { XREF_CLAUSE, "5.3.1", "5.3.1", N, false });
}

Test(xref, ideographic_and_ascii_spaces)
{
	EXPECT("见\u30004.2，见 第\u30005\u3000章，见表 1，见附录\u3000A，见5.2\u3000注2。",
	       { XREF_CLAUSE, "4.2", "4.2", N, false },
	       { XREF_CHAPTER, "5", "第\u30005\u3000章", N, false },
	       { XREF_TABLE, "1", "表 1", N, false }, { XREF_ANNEX, "A", "附录\u3000A", N, false },
	       { XREF_NOTE, "5.2/2", "5.2\u3000注2", N, false });
}

Test(xref, fullwidth_digits_and_letters_fold)
{
	EXPECT("见第５章和表Ａ．１，按４．２执行。", { XREF_CHAPTER, "5", "第５章", N, false },
	       { XREF_TABLE, "A.1", "表Ａ．１", N, false },
	       { XREF_CLAUSE, "4.2", "４．２", N, false });
}

/* ---- what must not be taken ---- */

Test(xref, dates_and_quantities_are_not_references)
{
	EXPECT_NONE("讲解时长60 min，2021年5月1日起，间距0.5 m，藏书≥5000册，按1.5倍计算，"
		    "温度20.5、21.5，版本2.0版，日期2021.05.01，费用3.5元，比例12.5%。");
}

Test(xref, bare_dotted_numbers_without_context)
{
	EXPECT_NONE("平均分为3.5分，第二季度增长4.2，IP地址192.168.1.1，软件V2.1。");
}

Test(xref, ordinary_words_around_tables_and_formulas)
{
	EXPECT_NONE("由代表1名出席，发表1篇，使用地图1张，采用方式（1）或形式(2)，见2021年。");
}

Test(xref, clause_numbers_inside_standard_numbers)
{
	EXPECT("按GB/T 1.1—2020和GB/T 20000.2—2009编写。",
	       { XREF_STD, "GB/T 1.1—2020", "GB/T 1.1—2020", N, false },
	       { XREF_STD, "GB/T 20000.2—2009", "GB/T 20000.2—2009", N, false });
}

/* ---- standard numbers ---- */

Test(xref, undated_and_dated_citations)
{
	EXPECT("应符合GB 3095和GB/T 18883的有关要求，展柜应符合WW/T 0016.2—2023。",
	       { XREF_STD, "GB 3095", "GB 3095", N, false },
	       { XREF_STD, "GB/T 18883", "GB/T 18883", N, false },
	       { XREF_STD, "WW/T 0016.2—2023", "WW/T 0016.2—2023", N, false });
}

Test(xref, locators_belong_to_the_citation)
{
	EXPECT("按GB/T 4457.4—2002中第5章的规定，并符合GB/T 4457.4中表1，及GB/T 36721的5.2和5.3。",
	       { XREF_STD, "GB/T 4457.4—2002", "GB/T 4457.4—2002", N, true },
	       { XREF_STD, "GB/T 4457.4", "GB/T 4457.4", N, true },
	       { XREF_STD, "GB/T 36721", "GB/T 36721", N, true });
}

Test(xref, locator_after_title_and_chains)
{
	EXPECT(
	    "按GB/T "
	    "1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》中的6.1、附录A的规定。",
	    { XREF_STD, "GB/T 1.1—2020", "GB/T 1.1—2020", N, true });
}

Test(xref, no_locator_without_item)
{
	EXPECT("应符合GB/T 18883—2022的规定，并按4.2执行。",
	       { XREF_STD, "GB/T 18883—2022", "GB/T 18883—2022", N, false },
	       { XREF_CLAUSE, "4.2", "4.2", N, false });
}

Test(xref, other_bodies_group_and_fullwidth_spacing)
{
	EXPECT("按建标 160—2012、T/CAS 608—2023和GB/T\u300036721执行。",
	       { XREF_STD, "建标 160—2012", "建标 160—2012", N, false },
	       { XREF_STD, "T/CAS 608—2023", "T/CAS 608—2023", N, false },
	       { XREF_STD, "GB/T 36721", "GB/T\u300036721", N, false });
}

Test(xref, informative_citation_with_canjian)
{
	EXPECT("设计参见GB/T 23863和4.2。", { XREF_STD, "GB/T 23863", "GB/T 23863", I, false },
	       { XREF_CLAUSE, "4.2", "4.2", I, false });
}

Test(xref, allparts_with_year_is_cited_and_reported)
{
	struct run r;
	run(&r, "应符合GB/T 18883—2022（所有部分）的规定。");
	const struct xref *got[4];
	cr_assert_eq(on_line(&r, PARA_LINE, got, 4), 1);
	cr_assert_str_eq(got[0]->target, "GB/T 18883—2022");
	const struct diag *d = test_find(&r.ds, DIAG_XREF_ALLPARTS_DATED);
	cr_assert_not_null(d);
	cr_assert_eq(d->loc.line, PARA_LINE);
	cr_assert_eq(d->loc.col, PARA_COL + 3);
	cr_assert_str_eq(d->help,
			 "cite all parts undated (GB/T 18883（所有部分）) or one dated part");
	run_free(&r);
}

Test(xref, undated_locator_is_reported_with_help)
{
	struct run r;
	run(&r, "按GB/T 36721中第5章的规定。");
	const struct diag *d = test_find(&r.ds, DIAG_XREF_UNDATED_LOCATOR);
	cr_assert_not_null(d);
	cr_assert_eq(d->loc.col, PARA_COL + 1);
	cr_assert_str_eq(d->help, "cite the dated edition, e.g. GB/T 36721—YYYY");
	cr_assert_null(test_find(&r.ds, DIAG_XREF_UNRESOLVED),
		       "第5章 of the other document resolved here");
	run_free(&r);
}

/* ---- 文号 ---- */

Test(xref, wenhao)
{
	EXPECT("依据郑政办〔2021〕19号和中办发〔2015〕2号，参照国办发[2016]7号执行。",
	       { XREF_WENHAO, "郑政办〔2021〕19号", "郑政办〔2021〕19号", N, false },
	       { XREF_WENHAO, "中办发〔2015〕2号", "中办发〔2015〕2号", N, false },
	       { XREF_WENHAO, "国办发〔2016〕7号", "国办发[2016]7号", N, false });
}

Test(xref, wenhao_in_fullwidth_parentheses)
{
	EXPECT("《关于加快构建现代公共文化服务体系的意见》（中办发（2015）2号）",
	       { XREF_WENHAO, "中办发〔2015〕2号", "中办发（2015）2号", N, false });
}

/* ---- normativity by position ---- */

Test(xref, notes_table_notes_and_annexes_are_informative)
{
	const char *para = "按4.2执行。";
	static const struct exp body[] = { { XREF_CLAUSE, "4.2", "4.2", N, false } };
	static const struct exp note[] = { { XREF_CLAUSE, "4.3", "4.3", I, false },
					   { XREF_STD, "GB/T 23863", "GB/T 23863", I, false } };
	expect_in(para, PARA_LINE, PARA_COL, body, 1, "GB/T 36721—2018，3.1", "见4.3和GB/T 23863。",
		  "无。", "按附录A的规定。", "参见附录B。", para);
	/* the note sits on line 32, the table notes on 33 */
	expect_in(para, 32, 22, note, 2, "GB/T 36721—2018，3.1", "见4.3和GB/T 23863。", "无。",
		  "按附录A的规定。", "参见附录B。", "见4.3和GB/T 23863。");
	static const struct exp tnote[] = { { XREF_TABLE, "1", "表1", I, false } };
	const char *tn = "本表见表1。";
	const char *line33 = "            - table: {num: \"1\", title: 表, head: [[项目]], rows: "
			     "[[内容]], notes: [\"";
	expect_in(para, 33, (uint32_t)utf8_count(line33, strlen(line33)) + 1, tnote, 1,
		  "GB/T 36721—2018，3.1", "无。", tn, "按附录A的规定。", "参见附录B。", tn);
	/* annex A's clause A.1 is on line 57, informative annex B's body on line 62 */
	static const struct exp inf[] = { { XREF_CLAUSE, "4.2", "4.2", I, false } };
	expect_in(para, 62, 14, inf, 1, "GB/T 36721—2018，3.1", "无。", "无。", "按附录A的规定。",
		  "按4.2执行。", "按4.2执行。");
	static const struct exp nor[] = { { XREF_CLAUSE, "4.3", "4.3", N, false } };
	expect_in(para, 57, 39, nor, 1, "GB/T 36721—2018，3.1", "无。", "无。", "按4.3执行。",
		  "参见附录B。", "按4.3执行。");
}

Test(xref, term_source_locator_with_comma)
{
	static const struct exp src[] = { { XREF_STD, "GB/T 36721—2018", "GB/T 36721—2018", I,
					    true } };
	const char *line20 = "        - {num: \"3.1\", term: 讲解服务, en: guided tour service, "
			     "definition: 由讲解员提供的服务。, source: \"";
	expect_in("无。", 20, (uint32_t)utf8_count(line20, strlen(line20)) + 1, src, 1,
		  "GB/T 36721—2018，3.1", "无。", "无。", "按附录A的规定。", "参见附录B。",
		  "GB/T 36721—2018，3.1");
	/* outside a source line the comma does not introduce a locator */
	EXPECT("应符合GB/T 36721，4.2规定了时限。",
	       { XREF_STD, "GB/T 36721", "GB/T 36721", N, false },
	       { XREF_CLAUSE, "4.2", "4.2", N, false });
}

Test(xref, foreword_refs_are_kept_but_not_normative)
{
	struct run r;
	run(&r, "无。");
	const struct xref *got[4];
	cr_assert_eq(on_line(&r, 6, got, 4), 1);
	cr_assert_eq(got[0]->kind, XREF_STD);
	cr_assert_str_eq(got[0]->target, "GB/T 1.1—2020");
	cr_assert(got[0]->in_foreword);
	cr_assert_not(got[0]->normative);
	cr_assert_eq(got[0]->loc.col, 14);
	run_free(&r);
}

Test(xref, old_edition_positions_are_skipped)
{
	EXPECT("更改了讲解时长（见第5章，2009年版的第4章、5.1.1和表3）。",
	       { XREF_CHAPTER, "5", "第5章", N, false });
}

Test(xref, in_clause_and_in_annex)
{
	struct run r;
	run(&r, "见4.2。");
	const struct xref *got[2];
	cr_assert_eq(on_line(&r, PARA_LINE, got, 2), 1);
	cr_assert_str_eq(got[0]->in_clause->num.s, "4.1");
	cr_assert_null(got[0]->in_annex);
	cr_assert_eq(on_line(&r, 62, got, 2), 1);
	cr_assert_str_eq(got[0]->in_annex->num.s, "B");
	cr_assert_null(got[0]->in_clause);
	run_free(&r);
}

/* ---- resolution and the rules ---- */

static size_t count(const struct diag_store *ds, enum diag_code code)
{
	size_t n = 0;
	for (size_t i = 0; i < ds->n; i++)
		n += ds->v[i].code == code;
	return n;
}

Test(xref, clean_fixture_has_no_findings)
{
	struct run r;
	run(&r,
	    "应符合GB/T 18883—2022和GB/T 36721的要求，见4.2、5.3.1、第5章、表1、图A.2、式(1)、5.2 "
	    "注2和4.1 c)，按附录A的规定。");
	for (size_t i = 0; i < r.ds.n; i++)
		cr_expect_fail("unexpected finding %u:%u %s", r.ds.v[i].loc.line, r.ds.v[i].loc.col,
			       r.ds.v[i].msg);
	run_free(&r);
}

Test(xref, every_unresolved_kind)
{
	struct run r;
	run(&r, "见4.9、第8章、附录C、表7、图3、式(9)、5.2 注3、5.1的注和4.1 d)。");
	cr_expect_eq(count(&r.ds, DIAG_XREF_UNRESOLVED), 9);
	const struct diag *d = test_find(&r.ds, DIAG_XREF_UNRESOLVED);
	cr_assert_not_null(d);
	cr_assert_str_eq(d->msg, "'4.9' refers to clause 4.9, which does not exist");
	cr_expect_null(d->help);
	run_free(&r);
}

Test(xref, term_entries_resolve_as_clauses)
{
	struct run r;
	run(&r, "术语见3.1。");
	cr_expect_eq(count(&r.ds, DIAG_XREF_UNRESOLVED), 0);
	run_free(&r);
}

Test(xref, bare_chapter_has_a_fix)
{
	struct run r;
	run(&r, "另见4。");
	const struct diag *d = test_find(&r.ds, DIAG_XREF_BARE_CHAPTER);
	cr_assert_not_null(d);
	cr_assert_eq(d->sev, SEV_WARNING);
	cr_assert_not_null(d->fix);
	cr_assert_eq(d->fix->start.col, PARA_COL + 2);
	cr_assert_eq(d->fix->end.col, PARA_COL + 3);
	cr_assert_str_eq(d->fix->text, "第4章");
	run_free(&r);
}

Test(xref, normative_list_both_directions)
{
	struct run r;
	run(&r, "应符合GB/T 18883—2002和GB 3095的要求。");
	cr_expect_eq(count(&r.ds, DIAG_DOC_REF_NOT_LISTED), 2);
	/* the list's GB/T 36721 is never cited, GB/T 18883—2022 only in another year */
	cr_expect_eq(count(&r.ds, DIAG_DOC_REF_NOT_CITED), 2);
	const struct diag *d = test_find(&r.ds, DIAG_DOC_REF_NOT_LISTED);
	cr_assert_not_null(d);
	cr_assert_str_eq(d->msg, "'GB/T 18883—2002' is cited normatively but the normative "
				 "references list 'GB/T 18883—2022'");
	run_free(&r);
}

Test(xref, informative_citation_must_resolve_somewhere)
{
	struct run r;
	run(&r, "无。");
	cr_expect_eq(count(&r.ds, DIAG_XREF_INFORMATIVE_UNLISTED), 0);
	run_free(&r);
	run_texts(&r, "GB/T 36721—2018，3.1", "应符合GB/T 18883—2022和GB/T 36721的要求。",
		  "参见GB/T 23863。", "无。", "按附录A的规定。", "参见附录B。");
	cr_expect_eq(count(&r.ds, DIAG_XREF_INFORMATIVE_UNLISTED), 1);
	cr_expect_eq(r.ds.n, 1);
	run_free(&r);
}

Test(xref, annex_wording)
{
	struct run r;
	run_texts(&r, "GB/T 36721—2018，3.1",
		  "应符合GB/T 18883—2022和GB/T 36721的要求，见附录B，参见附录A。", "无。", "无。",
		  "按附录A的规定。", "参见附录B。");
	cr_expect_eq(count(&r.ds, DIAG_NUM_ANNEX_VERB), 2);
	const struct diag *d = test_find(&r.ds, DIAG_NUM_ANNEX_VERB);
	cr_assert_not_null(d);
	cr_assert_not_null(d->fix);
	cr_assert_str_eq(d->fix->text, "参见");
	run_free(&r);
}

Test(xref, annex_wording_fix_only_for_jian)
{
	struct run r;
	run_texts(&r, "GB/T 36721—2018，3.1",
		  "应符合GB/T 18883—2022和GB/T 36721的要求，按附录B的规定。", "无。", "无。",
		  "按附录A的规定。", "参见附录B。");
	const struct diag *d = test_find(&r.ds, DIAG_NUM_ANNEX_VERB);
	cr_assert_not_null(d);
	const char *before = "应符合GB/T 18883—2022和GB/T 36721的要求，按";
	cr_assert_eq(d->loc.col, PARA_COL + (uint32_t)utf8_count(before, strlen(before)));
	cr_assert_null(d->fix, "按 → 参见 would not be a sentence");
	cr_assert_eq(r.ds.n, 1);
	run_free(&r);
}

Test(xref, misread_digits_in_a_number_are_reported)
{
	struct run r;
	const char *para = "应符合GB/T 18883—2022和GB/T 36721，照明符合GB/T 5O89的要求。";
	run(&r, para);
	const struct diag *d = test_find(&r.ds, DIAG_STDNO_GLYPH);
	cr_assert_not_null(d);
	cr_assert_eq(d->loc.col, PARA_COL + (uint32_t)utf8_count(
						para, (size_t)(strstr(para, "GB/T 5O89") - para)));
	cr_assert_eq(r.ds.n, 1, "%s", r.ds.v[0].msg);
	const struct xref *got[4];
	cr_assert_eq(on_line(&r, PARA_LINE, got, 4), 2,
		     "GB/T 5O89 is not cited, nor are its digits");
	run_free(&r);
}

Test(xref, latin_words_are_not_numbers)
{
	EXPECT_NONE("支持APP、LED屏、Wi-Fi、PM2.5监测、DB2数据库和GB/T Information。");
}

Test(xref, undated_locator_suggests_the_listed_edition)
{
	struct run r;
	run(&r, "应符合GB/T 36721的要求，空气质量按GB/T 18883中表1的规定。");
	const struct diag *d = test_find(&r.ds, DIAG_XREF_UNDATED_LOCATOR);
	cr_assert_not_null(d);
	cr_assert_str_eq(d->msg, "undated reference 'GB/T 18883' cites a specific part of it "
				 "('中表1'); such a reference must be dated");
	cr_assert_str_eq(d->help, "cite the dated edition listed in chapter 2: GB/T 18883—2022");
	cr_assert_not_null(d->fix);
	cr_assert_eq(d->fix->start.col, PARA_COL + 22);
	cr_assert_eq(d->fix->end.col, PARA_COL + 32);
	cr_assert_str_eq(d->fix->text, "GB/T 18883—2022");
	run_free(&r);
}

Test(xref, introduction_clauses)
{
	static const char *yaml = "standard:\n"
				  "  number: Q/XXBWG 1—2024\n"
				  "  title: 测试\n"
				  "  introduction:\n"
				  "    clauses:\n"
				  "      - {num: \"0.1\", title: 概述, body: 无。}\n"
				  "      - {num: \"0.2\", title: 原则, body: 无。}\n"
				  "  clauses:\n"
				  "    - num: \"1\"\n"
				  "      title: 范围\n"
				  "      body: 本文件的原则见0.2，误差按0.6的系数计算。\n";
	struct run r;
	run_doc(&r, yaml);
	const struct xref *got[4];
	cr_assert_eq(on_line(&r, 11, got, 4), 1);
	cr_assert_str_eq(got[0]->target, "0.2");
	cr_assert_eq(r.ds.n, 0, "%s", r.ds.n ? r.ds.v[0].msg : "");
	run_free(&r);
	/* without numbered 条 in the 引言, 0.n is a quantity */
	EXPECT_NONE("误差按0.6的系数计算，见0.2。");
}

Test(xref, match_limit_is_reported_at_the_text)
{
	struct run r;
	re_set_limits(1, 0);
	run(&r, "见4.2。");
	re_set_limits(0, 0);
	const struct diag *d = test_find(&r.ds, DIAG_XREF_MATCH_LIMIT);
	cr_assert_not_null(d);
	cr_assert_eq(d->sev, SEV_ERROR);
	cr_assert_str_eq(
	    d->msg, "cross-references after this point were not checked: match limit exceeded");
	run_free(&r);
}

Test(xref, long_text_stays_linear)
{
	/* 30,000 citations and clause references in one paragraph: quadratic work would take
	 * minutes; the pass must finish well within the test timeout */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 10000; i++)
		strbuf_adds(&sb, "应符合GB/T 18883—2022和GB/T 36721，见4.2。");
	struct run r;
	run(&r, sb.buf);
	size_t n = 0;
	for (size_t i = 0; i < r.di->nxrefs; i++)
		n += r.di->xrefs[i].loc.line == PARA_LINE;
	cr_expect_eq(n, 30000);
	cr_expect_eq(r.ds.n, 0, "%s", r.ds.n ? r.ds.v[0].msg : "");
	run_free(&r);
	strbuf_release(&sb);
}

/* The candidate scan of check_xref.c skips every position whose character cannot begin the
 * internal-reference pattern. Check that claim against the pattern itself: no other character
 * of the BMP starts a match, before reference-like text and after 见 or a Han character (the
 * lookbehinds of the 见N and 文号 alternatives). A new alternative with a new first character
 * makes this fail until check_xref_starts() knows it. */
Test(xref, candidates_cover_every_start)
{
	static const char *const before[] = { "见", "中", "" };
	static const char *const after[] = { "4.2条", "〔2021〕19号", "1）",   "1章",
					     "录A",   "(1)",	      "式(1)", "2021〕19号" };
	size_t missed = 0;
	for (uint32_t cp = 1; cp < 0x10000; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) || check_xref_starts(cp))
			continue;
		char ch[8];
		size_t n = utf8_encode(cp, ch);
		for (size_t b = 0; b < sizeof before / sizeof *before; b++)
			for (size_t a = 0; a < sizeof after / sizeof *after; a++) {
				char s[64];
				size_t at = strlen(before[b]);
				memcpy(s, before[b], at);
				memcpy(s + at, ch, n);
				strcpy(s + at + n, after[a]);
				if (pattern_at(s, strlen(s), at) != RE_NOMATCH) {
					if (missed++ < 5)
						cr_log_error("U+%04X can begin a match in '%s'",
							     (unsigned)cp, s);
				}
			}
	}
	cr_assert_eq(missed, 0, "%zu starts are not candidates", missed);
	/* and each candidate does begin one somewhere */
	static const char *const starts[] = { "第4章", "附录A", "表1", "图1",	 "公式(1)",
					      "式(1)", "4.2",	"A.1", "４．２", "Ａ．１" };
	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
		cr_assert_eq(pattern_at(starts[i], strlen(starts[i]), 0), RE_MATCH, "%s",
			     starts[i]);
	cr_assert_eq(pattern_at("见　4", strlen("见　4"), strlen("见")), RE_MATCH);
	cr_assert_eq(pattern_at("办〔2021〕19号", strlen("办〔2021〕19号"), strlen("办")),
		     RE_MATCH);
}

Test(re, anchored_pattern_matches_only_at_the_start_offset)
{
	static struct re r = RE_INIT_ANCHORED("表(?<n>[0-9]+)");
	struct re_match m;
	const char *s = "见表1和表2";
	cr_assert_eq(re_search_at(&r, s, strlen(s), 0, 0, &m), RE_NOMATCH);
	size_t at = strlen("见");
	cr_assert_eq(re_search_at(&r, s, strlen(s), at, 0, &m), RE_MATCH);
	cr_assert_eq(m.start, at);
	cr_assert_eq(re_search_at(&r, s, strlen(s), at, RE_ANCHORED, &m), RE_MATCH);
	size_t n2 = strlen("见表1和");
	cr_assert_eq(re_search_at(&r, s, strlen(s), at + 1, 0, &m), RE_NOMATCH);
	cr_assert_eq(re_search_at(&r, s, strlen(s), n2, 0, &m), RE_MATCH);
	size_t gs, gl;
	cr_assert(re_group_span(&m, re_group(&r, "n"), &gs, &gl));
	cr_assert_eq(gs, n2 + strlen("表"));
	cr_assert_eq(gl, 1);
}

/* The cheap test in front of PCRE2 never turns away a position where the pattern matches:
 * random strings of the pieces references are made of, every character position. */
Test(xref, the_prefilter_never_drops_a_match)
{
	static const char *const pieces[] = {
		"第",		"见", "项", "章", "条", "页", "表", "图", "式",	  "公式",
		"附录",		"注", "的", "、", "，", "1",  "2",  "0",  "12",	  "４",
		"０",		".",  "．", "A",  "Ａ", "b",  " ",  "　", "\t",	  "\xC2\xA0",
		"\xE2\x80\x83", "(",  "（", ")",  "）", "〔", "〕", "号", "2021", "个",
	};
	uint64_t state = 0x9E3779B97F4A7C15u;
	size_t tried = 0, dropped = 0, matched = 0;
	for (int round = 0; round < 20000; round++) {
		char s[256];
		size_t len =
		    test_random_pieces(s, pieces, sizeof pieces / sizeof *pieces, 12, &state);
		for (size_t i = 0; i < len; i++) {
			if (((unsigned char)s[i] & 0xC0) == 0x80)
				continue;
			tried++;
			int rc = pattern_at(s, len, i);
			matched += rc == RE_MATCH;
			if (!check_xref_may_begin(s, len, i)) {
				dropped++;
				cr_assert_eq(rc, RE_NOMATCH,
					     "'%s' at byte %zu: a match was dropped", s, i);
			}
		}
	}
	/* the test means something only if both happen often */
	cr_assert_gt(dropped, tried / 10, "%zu of %zu dropped", dropped, tried);
	cr_assert_gt(matched, 1000, "%zu matches", matched);
	cr_assert_not(check_xref_may_begin("第1项", strlen("第1项"), 0));
	cr_assert_not(check_xref_may_begin("第1项", strlen("第1项"), strlen("第")));
	cr_assert(check_xref_may_begin("见4", strlen("见4"), strlen("见")));
	cr_assert(check_xref_may_begin("第 4.2 条", strlen("第 4.2 条"), 0));
}
