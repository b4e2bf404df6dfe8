/* SPDX-License-Identifier: MIT */
/* Unit tests for the pure text helpers of the document passes (src/check_doc.c,
 * src/check_foreword.c): modal-verb detection (DOC-004, NUM-017) and recognition of the
 * GB/T 1.1 boilerplate (PREF-001, DOC-006, DOC-009); and the edition and work keys the passes
 * share (src/check.c). */
#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "check_int.h"
#include "stdno.h"
#include "strbuf.h"

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

TestSuite(check_doc, .init = load_tables, .fini = unload_tables);

/* The modal found in s, as a string ("" when none). */
static char found[32];
static const char *modal(const char *s, bool rec)
{
	size_t len = 0;
	size_t off = check_doc_find_modal(s, rec, &len);
	if (off == SIZE_MAX)
		return "";
	cr_assert_lt(len, sizeof found);
	memcpy(found, s + off, len);
	found[len] = '\0';
	return found;
}

Test(check_doc, modal_verbs_found)
{
	cr_expect_str_eq(modal("产品应符合要求。", false), "应");
	cr_expect_str_eq(modal("产品不应含有铅。", false), "不应");
	cr_expect_str_eq(modal("应对设备进行检查。", false), "应");
	cr_expect_str_eq(modal("应当定期检查。", false), "应");
	cr_expect_str_eq(modal("供应商应提供证明。", false), "应");
	cr_expect_str_eq(modal("展厅宜设置座椅。", true), "宜");
	cr_expect_str_eq(modal("展厅不宜过亮。", true), "不宜");
}

Test(check_doc, modal_offset_is_in_bytes)
{
	size_t len = 0;
	const char *s = "相应地，产品应符合要求。";
	size_t off = check_doc_find_modal(s, false, &len);
	cr_assert_eq(off, strlen("相应地，产品"));
	cr_assert_eq(len, strlen("应"));
}

Test(check_doc, compounds_are_no_modal_verbs)
{
	cr_expect_str_eq(modal("本文件与相应的国家标准对应。", false), "");
	cr_expect_str_eq(modal("以适应藏品供应和保管的需要。", false), "");
	cr_expect_str_eq(modal("化学反应与系统响应。", false), "");
	cr_expect_str_eq(modal("应用软件和应急预案。", false), "");
	cr_expect_str_eq(modal("温度适宜，价格便宜，有关事宜另行通知。", true), "");
	cr_expect_str_eq(modal("环境宜人。", true), "");
	/* 宜 is only looked for when asked */
	cr_expect_str_eq(modal("展厅宜设置座椅。", false), "");
	cr_expect_str_eq(modal("", true), "");
}

Test(check_doc, drafting_sentence)
{
	cr_expect_eq(
	    check_foreword_drafting_kind(
		"本文件按照GB/T "
		"1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。"),
	    2020);
	/* white space is folded: ASCII space or several spaces for U+3000 */
	cr_expect_eq(
	    check_foreword_drafting_kind("本文件按照GB/T 1.1—2020《标准化工作导则  "
					 "第1部分：标准化文件的结构和起草规则》的规定起草。"),
	    2020);
	cr_expect_eq(check_foreword_drafting_kind(" 本标准按照GB/T 1.1—2009给出的规则起草。"),
		     2009);
	/* the sentence may run on */
	cr_expect_eq(
	    check_foreword_drafting_kind("本标准按照GB/T 1.1—2009给出的规则起草。本标准代替…"),
	    2009);
	cr_expect_eq(check_foreword_drafting_kind("本文件按照GB/T 1.1—2020的规定起草。"), 0);
	cr_expect_eq(check_foreword_drafting_kind("本文件由某单位提出。"), 0);
	/* a space after 按照 or before 《, none in GB/T 1.1, a full-width colon typed half-width,
	 * a full-width hyphen for the dash: the same sentence (issue 18 item 6) */
	cr_expect_eq(
	    check_foreword_drafting_kind("本文件按照 GB/T1.1－2020 《标准化工作导则 "
					 "第1部分:标准化文件的结构和起草规则》 的规定起草。"),
	    2020);
	cr_expect_eq(check_foreword_drafting_kind("本标准按照 ＧＢ／Ｔ 1.1-2009 给出的规则起草。"),
		     2009);
	/* other words are still another sentence */
	cr_expect_eq(
	    check_foreword_drafting_kind("本文件按照 GB/T 1.1—2020 《标准化工作导则 "
					 "第1部分：标准化文件的结构和起草规则》给出的规则起草。"),
	    0);
}

Test(check_doc, reference_lead_sentences)
{
	cr_expect_eq(
	    check_doc_ref_lead_kind("下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款"
				    "。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注"
				    "日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"),
	    1);
	cr_expect_eq(check_doc_ref_lead_kind("  本文件没有规范性引用文件。 "), 2);
	cr_expect_eq(
	    check_doc_ref_lead_kind(
		"下列文件对于本文件的应用是必不可少的。凡是注日期的引用文件，仅注日期的版本适用于本"
		"文件。凡是不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"),
	    3);
	cr_expect_eq(check_doc_ref_lead_kind("下列文件适用于本文件。"), 0);
}

Test(check_doc, terms_lead_sentences)
{
	cr_expect_eq(check_doc_terms_lead_kind("下列术语和定义适用于本文件。"), 1);
	cr_expect_eq(check_doc_terms_lead_kind("GB/T 20000.1—2014界定的术语和定义适用于本文件。"),
		     2);
	cr_expect_eq(
	    check_doc_terms_lead_kind("GB/T 20000.1—2014界定的以及下列术语和定义适用于本文件。"),
	    3);
	cr_expect_eq(check_doc_terms_lead_kind("本文件没有需要界定的术语和定义。"), 4);
	/* something must be named, and it must be a document number */
	cr_expect_eq(check_doc_terms_lead_kind("界定的术语和定义适用于本文件。"), 0);
	cr_expect_eq(check_doc_terms_lead_kind("有关标准界定的术语和定义适用于本文件。"), 0);
	cr_expect_eq(check_doc_terms_lead_kind("下列术语适用于本文件。"), 0);
}

/* Keys written into a caller's buffer (lookups) are the arena keys (inserts) and stdno's own. */
Test(check_doc, keys_in_buffers_are_the_arena_keys)
{
	struct check_ctx c = { .arena = arena_new() };
	const char *nums[] = { "GB/T 1.1—2020",	     "LB/T 098—2025", "GB 2312-80",
			       "ISO 8601-1:2019",    "GB/T 18883",    "GB/T 4457.4—2002",
			       "DB11/T 1234—2021.05" };
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		struct stdno n;
		cr_assert(stdno_parse(nums[i], strlen(nums[i]), &n, NULL), "%s", nums[i]);
		char buf[CHECK_KEY_MAX];
		struct strbuf sb = STRBUF_INIT;
		stdno_edition_key(&n, &sb);
		cr_assert_str_eq(check_edition_key_buf(&n, buf), sb.buf);
		cr_assert_str_eq(check_edition_key(&c, &n), sb.buf);
		strbuf_reset(&sb);
		stdno_work_key(&n, &sb);
		cr_assert_str_eq(check_work_key_buf(&n, buf), sb.buf);
		cr_assert_str_eq(check_work_key(&c, &n), sb.buf);
		strbuf_release(&sb);
	}
	arena_free(c.arena);
}
