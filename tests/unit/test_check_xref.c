/* SPDX-License-Identifier: MIT */
/* test_check_xref: the shapes the xref pass decides in C (check_xref_quick_at) against the
 * internal-reference pattern itself, over random strings of the pieces references are made of:
 * wherever the C path decides, it decides what PCRE2 does, to the byte and the group. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "check_int.h"
#include "helpers.h"
#include "re.h"

static void cleanup(void)
{
	re_cleanup_all();
}

TestSuite(check_xref, .fini = cleanup);

/* The named groups of the pattern (check_xref.c's re_internal). */
static const char *const group_names[] = { "pgn", "chn", "ctn", "axl", "tbn", "fgn", "fmn",
					   "why", "whn", "bn",	"cn",  "nn",  "ns",  "li" };
enum { NGROUP_NAMES = sizeof group_names / sizeof *group_names };

struct tally {
	size_t tried, decided, matched, asked;
};

/* Both paths at every character position of `s`; the C path may only ask. */
static void compare(const char *s, size_t len, const int *groups, struct tally *t)
{
	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		struct re_match q, m;
		int qr = check_xref_quick_at(s, len, i, &q);
		t->tried++;
		if (qr == CHECK_XREF_ASK) {
			t->asked++;
			continue;
		}
		t->decided++;
		int rc = check_xref_pattern_at(s, len, i, &m);
		cr_assert_eq(qr, rc, "'%s' at byte %zu: C says %d, the pattern %d", s, i, qr, rc);
		if (rc != RE_MATCH)
			continue;
		t->matched++;
		cr_assert_eq(q.start, m.start, "'%s' at byte %zu: start", s, i);
		cr_assert_eq(q.end, m.end, "'%s' at byte %zu: end %zu, not %zu", s, i, q.end,
			     m.end);
		for (size_t g = 0; g < NGROUP_NAMES; g++) {
			size_t as = 0, al = 0, bs = 0, bl = 0;
			bool a = re_group_span(&q, groups[g], &as, &al);
			bool b = re_group_span(&m, groups[g], &bs, &bl);
			cr_assert(a == b && as == bs && al == bl,
				  "'%s' at byte %zu: group %s is %d %zu+%zu, not %d %zu+%zu", s, i,
				  group_names[g], a, as, al, b, bs, bl);
		}
	}
}

Test(check_xref, the_c_path_decides_what_the_pattern_does)
{
	static const char *const pieces[] = {
		"见",	  "见",	 "第",	  "项",	      "章",    "条",	   "页",	  "表",
		"表",	  "代",	 "图",	  "式",	      "注",    "的",	   "的注",	  "、",
		"，",	  "。",	 "；",	  "：",	      "和",    "中",	   "至",	  "～",
		"个",	  "m",	 "%",	  "a",	      "b",     ")",	   "）",	  "1",
		"2",	  "0",	 "12",	  "123",      "9",     "４",	   "０",	  ".",
		".",	  "．",	 "A",	  "Ａ",	      " ",     "　",	   "\t",	  "/",
		"_",	  "—",	 "\n",	  "\xC2\xA0", "系数",  "小时",	   "所",	  "版",
		"规定",	  "4.2", "见4.2", "表3",      "第5章", "第 12 章", "1.2.3.4.5.6", "5.10",
		"3.1000",
	};
	int groups[NGROUP_NAMES];
	for (size_t g = 0; g < NGROUP_NAMES; g++) {
		groups[g] = check_xref_group(group_names[g]);
		cr_assert_geq(groups[g], 0, "%s", group_names[g]);
	}
	uint64_t state = 0x2545F4914F6CDD1Du;
	struct tally t = { 0 };
	for (int round = 0; round < 30000; round++) {
		char s[512];
		size_t len =
		    test_random_pieces(s, pieces, sizeof pieces / sizeof *pieces, 10, &state);
		compare(s, len, groups, &t);
	}
	/* the test means something only if the C path decides often, both ways */
	cr_assert_gt(t.decided, t.tried / 5, "%zu of %zu decided", t.decided, t.tried);
	cr_assert_gt(t.matched, 5000, "%zu matches", t.matched);
	cr_assert_gt(t.decided - t.matched, 5000, "%zu refusals", t.decided - t.matched);
}

/* The shapes of the reference-dense prose are decided in C, not asked. */
Test(check_xref, dense_prose_needs_no_pattern)
{
	static const struct {
		const char *s, *before;
		int rc;
		size_t len; /* of the match */
	} cases[] = {
		{ "第1项清点藏品，见29.1；", "第1项清点藏品，见", RE_MATCH, 4 },
		{ "见3。", "见", RE_MATCH, 1 },
		{ "见表12；", "见", RE_MATCH, sizeof "表12" - 1 },
		{ "按4.2.1、4.2.3", "按4.2.1、", RE_MATCH, 5 },
		{ "第1项", "第", RE_NOMATCH, 0 },
		{ "代表1", "代", RE_NOMATCH, 0 },
		{ "20.5、21.5", "20.5、", RE_MATCH, 4 },
		{ "1.2.3.4.5.6.7", "", RE_NOMATCH, 0 },
		{ "按第5章的规定", "按", RE_MATCH, sizeof "第5章" - 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct re_match m;
		size_t at = strlen(cases[i].before);
		int rc = check_xref_quick_at(cases[i].s, strlen(cases[i].s), at, &m);
		cr_assert_eq(rc, cases[i].rc, "%s: %d", cases[i].s, rc);
		if (rc == RE_MATCH) {
			cr_assert_eq(m.start, at, "%s", cases[i].s);
			cr_assert_eq(m.end - m.start, cases[i].len, "%s", cases[i].s);
		}
	}
	struct re_match m;
	/* what only the pattern can tell */
	cr_assert_eq(check_xref_quick_at("见4.2的规定", strlen("见4.2的规定"), strlen("见"), &m),
		     CHECK_XREF_ASK);
	cr_assert_eq(check_xref_quick_at("见４.２", strlen("见４.２"), strlen("见"), &m),
		     CHECK_XREF_ASK);
	cr_assert_eq(check_xref_quick_at("表A.1", strlen("表A.1"), 0, &m), CHECK_XREF_ASK);
}
