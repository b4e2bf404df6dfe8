/* SPDX-License-Identifier: MIT */
/* test_limits: every resource limit of docs/limits.md at its exact boundary and one past it,
 * through the library: the byte limits of load_buffer (what counts towards a line and a file),
 * depth, aliases and nodes in both syntaxes, and the PCRE2 match limit, JIT stack and depth
 * limit as the cross-reference pass meets them (the command-line side is tests/golden/limits). */
#include <criterion/criterion.h>

#include <stdio.h>

#include "check.h"
#include "helpers.h"
#include "project.h"
#include "re.h"
#include "strbuf.h"
#include "xalloc.h"

static void cleanup(void)
{
	re_set_limits(0, 0);
	re_cleanup_all();
	stdno_tables_release();
}

TestSuite(limits, .fini = cleanup);

/* Load `text` with `lim`; true when it loaded. The findings stay in `ds`. */
static bool loads(struct diag_store *ds, const char *name, const char *text, size_t len,
		  const struct limits *lim)
{
	test_tables();
	struct doc *d = load_buffer(name, text, len, load_sniff(name, text, len), ds, lim);
	test_self_check(d, text, len);
	diag_store_finish(ds);
	doc_free(d);
	return d != NULL;
}

/* Does `text` load with limit field `field` set to `v` (everything else default)? When it
 * does not, the one finding must have `code`. */
static bool loads_with(const char *name, const char *text, size_t *(*field)(struct limits *),
		       size_t v, enum diag_code code)
{
	struct limits lim;
	limits_default(&lim);
	*field(&lim) = v;
	struct diag_store ds;
	diag_store_init(&ds);
	bool ok = loads(&ds, name, text, strlen(text), &lim);
	if (!ok) {
		cr_assert_eq(diag_store_size(&ds), 1, "%s with limit %zu: %zu findings", name, v,
			     diag_store_size(&ds));
		cr_assert_eq(diag_store_get(&ds, 0)->code, code, "%s with limit %zu: %s", name, v,
			     diag_store_get(&ds, 0)->msg);
		cr_assert_eq(diag_store_get(&ds, 0)->sev, SEV_FATAL);
	}
	diag_store_release(&ds);
	return ok;
}

static size_t *f_size(struct limits *l)
{
	return &l->max_file_size;
}
static size_t *f_line(struct limits *l)
{
	return &l->max_line_length;
}
static size_t *f_depth(struct limits *l)
{
	return &l->max_depth;
}
static size_t *f_aliases(struct limits *l)
{
	return &l->max_aliases;
}
static size_t *f_nodes(struct limits *l)
{
	return &l->max_nodes;
}

/* The smallest value of the limit that lets `text` load: checked to load there and to be
 * refused one below, with the limit's own finding. */
static size_t boundary(const char *name, const char *text, size_t *(*field)(struct limits *),
		       enum diag_code code)
{
	size_t lo = 1, hi = 1;
	while (!loads_with(name, text, field, hi, code))
		hi *= 2;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (loads_with(name, text, field, mid, code))
			hi = mid;
		else
			lo = mid + 1;
	}
	cr_assert(loads_with(name, text, field, lo, code));
	if (lo > 1)
		cr_assert_not(loads_with(name, text, field, lo - 1, code));
	return lo;
}

Test(limits, defaults_are_the_documented_ones)
{
	struct limits l;
	limits_default(&l);
	cr_assert_eq(l.max_file_size, 32u << 20);
	cr_assert_eq(l.max_depth, 64);
	cr_assert_eq(l.max_aliases, 1000);
	cr_assert_eq(l.max_nodes, 3000000);
	cr_assert_eq(l.max_line_length, 1u << 20);
	cr_assert_eq(l.max_refs, 100000);
	uint32_t ml, dl;
	re_get_limits(&ml, &dl);
	cr_assert_eq(ml, RE_DEFAULT_MATCH_LIMIT);
	cr_assert_eq(dl, RE_DEFAULT_DEPTH_LIMIT);
	cr_assert_eq(RE_DEFAULT_MATCH_LIMIT, 1000000u);
	cr_assert_eq(RE_DEFAULT_DEPTH_LIMIT, 10000u);
	cr_assert_eq(RE_JIT_STACK_MAX, 1u << 20);
}

Test(limits, file_size_counts_every_byte_bom_included)
{
	const char *text = "\xEF\xBB\xBFregistry:\n  source: 平台\n";
	cr_assert_eq(boundary("t.yaml", text, f_size, DIAG_FILE_TOO_LARGE), strlen(text));
	const char *xml = "<registry source=\"平台\"/>";
	cr_assert_eq(boundary("t.xml", xml, f_size, DIAG_FILE_TOO_LARGE), strlen(xml));
}

Test(limits, line_length_counts_bytes_without_the_line_feed)
{
	/* the longest line, in bytes: a Chinese character counts three */
	cr_assert_eq(boundary("t.yaml", "registry:\n  source: 平台\n", f_line, DIAG_LINE_TOO_LONG),
		     strlen("  source: 平台"));
	/* the last line counts without a final line feed too */
	cr_assert_eq(
	    boundary("t.yaml", "registry:\n  source: 平台平台", f_line, DIAG_LINE_TOO_LONG),
	    strlen("  source: 平台平台"));
	/* a carriage return before the line feed is part of the line */
	cr_assert_eq(boundary("t.yaml", "registry:\r\n  source: x\r\n", f_line, DIAG_LINE_TOO_LONG),
		     strlen("  source: x\r"));
}

Test(limits, a_lone_carriage_return_ends_a_line)
{
	/* old Mac line ends: every CR is a line break, so the longest line is the second */
	cr_assert_eq(boundary("t.yaml", "registry:\r  source: 平台\r", f_line, DIAG_LINE_TOO_LONG),
		     strlen("  source: 平台"));
	cr_assert_eq(
	    boundary("t.xml", "<registry\rsource=\"平台平台\"/>\r", f_line, DIAG_LINE_TOO_LONG),
	    strlen("source=\"平台平台\"/>"));
	/* mixed: a lone CR inside a CR LF file splits its line, the CR before LF still counts */
	cr_assert_eq(boundary("t.yaml", "registry:\r\n  source: x\r  date: 2024-01-01\r\n", f_line,
			      DIAG_LINE_TOO_LONG),
		     strlen("  date: 2024-01-01\r"));
}

Test(limits, a_cr_only_file_over_a_mebibyte_loads_with_the_defaults)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "registry:\r  editions:\r");
	for (int i = 1; sb.len <= (1u << 20) + 4096; i++)
		strbuf_addf(&sb, "    - {number: GB/T %d—2020, title: 标准%d}\r", i, i);
	struct limits lim;
	limits_default(&lim);
	struct diag_store ds;
	diag_store_init(&ds);
	cr_assert(loads(&ds, "t.yaml", sb.buf, sb.len, &lim));
	cr_assert_eq(diag_store_size(&ds), 0);
	diag_store_release(&ds);
	/* and a line of it over the limit is reported at its own line, not line 1 */
	limits_default(&lim);
	lim.max_line_length = 30;
	diag_store_init(&ds);
	cr_assert_not(loads(&ds, "t.yaml", sb.buf, sb.len, &lim));
	cr_assert_eq(diag_store_get(&ds, 0)->loc.line, 3);
	cr_assert_eq(diag_store_get(&ds, 0)->loc.col, 1);
	diag_store_release(&ds);
	strbuf_release(&sb);
}

Test(limits, line_too_long_is_reported_at_the_line)
{
	struct limits lim;
	limits_default(&lim);
	lim.max_line_length = 12;
	struct diag_store ds;
	diag_store_init(&ds);
	const char *text = "registry:\n  source: x\n  date: 2024-01-01\n";
	cr_assert_not(loads(&ds, "t.yaml", text, strlen(text), &lim));
	cr_assert_eq(diag_store_get(&ds, 0)->loc.line, 3);
	cr_assert_eq(diag_store_get(&ds, 0)->loc.col, 1);
	cr_assert_not_null(diag_store_get(&ds, 0)->help);
	diag_store_release(&ds);
}

/* The scan jumps a limit's worth of short lines at a time: a long line far into the file, one at
 * the very end, a stretch over the limit that lone CRs cut into short lines, and lines of
 * exactly the limit are all still told apart, at their own line. */
Test(limits, a_long_line_after_many_short_ones)
{
	struct limits lim;
	limits_default(&lim);
	lim.max_line_length = 100;
	for (int where = 0; where < 4; where++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_adds(&sb, "registry:\n  editions:\n");
		size_t line = 3, want = 0;
		for (int i = 0; i < 3000; i++, line++) {
			/* lines of 99, 100 and 1 bytes (the LF not counted) */
			const char *pad = i % 3 == 0 ? "" : i % 3 == 1 ? "x" : NULL;
			if (pad)
				strbuf_addf(&sb, "    - {number: GB/T %04d—2020, title: %s%0*d}\n",
					    i, pad, i % 3 == 0 ? 59 : 57, i);
			else
				strbuf_adds(&sb, "#\n");
			if (where == 1 && i == 2000) {
				/* 150 bytes cut by lone CRs into lines of 50: not over */
				for (int k = 0; k < 3; k++)
					strbuf_addf(&sb, "#%049d\r", k);
				strbuf_adds(&sb, "\n");
				line += 3;
			}
			if (where == 2 && i == 2500) {
				strbuf_addf(&sb, "#%0100d\n", 0);
				want = ++line;
			}
		}
		if (where == 3) {
			strbuf_addf(&sb, "#%0100d", 0);
			want = line;
		}
		struct diag_store ds;
		diag_store_init(&ds);
		bool ok = loads(&ds, "t.yaml", sb.buf, sb.len, &lim);
		if (!want) {
			cr_assert(ok, "case %d", where);
		} else {
			cr_assert_not(ok, "case %d", where);
			cr_assert_eq(diag_store_get(&ds, 0)->code, DIAG_LINE_TOO_LONG);
			cr_assert_eq(diag_store_get(&ds, 0)->loc.line, want, "case %d: line %u",
				     where, diag_store_get(&ds, 0)->loc.line);
		}
		diag_store_release(&ds);
		strbuf_release(&sb);
	}
}

Test(limits, depth_is_the_same_count_in_yaml_and_xml)
{
	/* root mapping, registry, editions, edition: four levels either way */
	const char *yaml = "registry:\n  editions:\n    - {number: GB/T 1.1—2020, title: 导则}\n";
	const char *xml = "<registry><edition number=\"GB/T 1.1—2020\" title=\"导则\"/></registry>";
	cr_assert_eq(boundary("t.yaml", yaml, f_depth, DIAG_DEPTH_LIMIT), 4);
	cr_assert_eq(boundary("t.xml", xml, f_depth, DIAG_DEPTH_LIMIT), 4);
}

Test(limits, aliases_count_every_use)
{
	const char *yaml = "registry:\n  source: &s 平台\n  editions:\n"
			   "    - {number: GB/T 1.1—2020, title: *s}\n"
			   "    - {number: GB/T 1.2—2020, title: *s}\n";
	cr_assert_eq(boundary("t.yaml", yaml, f_aliases, DIAG_ALIAS_LIMIT), 2);
}

Test(limits, nodes_count_aliases_expanded_and_xml_alike)
{
	const char *plain = "registry:\n  editions:\n    - {number: GB/T 1.1—2020, title: 导则}\n";
	const char *xml = "<registry><edition number=\"GB/T 1.1—2020\" title=\"导则\"/></registry>";
	size_t n = boundary("t.yaml", plain, f_nodes, DIAG_NODE_LIMIT);
	/* root mapping, key, mapping, key, sequence, mapping, two keys, two values */
	cr_assert_eq(n, 10);
	cr_assert_eq(boundary("t.xml", xml, f_nodes, DIAG_NODE_LIMIT), n);
	/* an alias of a three-node sequence counts three */
	const char *aliased = "registry:\n"
			      "  editions:\n"
			      "    - number: GB/T 1.1—2020\n"
			      "      replaces: &r [GB/T 1.1—2009, GB/T 1.1—2000]\n"
			      "    - {number: GB/T 1.2—2020, replaces: *r}\n";
	const char *written =
	    "registry:\n"
	    "  editions:\n"
	    "    - number: GB/T 1.1—2020\n"
	    "      replaces: &r [GB/T 1.1—2009, GB/T 1.1—2000]\n"
	    "    - {number: GB/T 1.2—2020, replaces: [GB/T 1.1—2009, GB/T 1.1—2000]}\n";
	cr_assert_eq(boundary("t.yaml", aliased, f_nodes, DIAG_NODE_LIMIT),
		     boundary("t.yaml", written, f_nodes, DIAG_NODE_LIMIT));
}

/* ---- PCRE2 limits ------------------------------------------------------------------------- */

/* Catastrophic backtracking: nested quantifiers over a subject that almost matches. */
static struct re re_nested = RE_INIT("^(a+)+$");

static int run_nested(size_t n, struct re_match *m)
{
	char *s = xmalloc(n + 2);
	memset(s, 'a', n);
	s[n] = 'b';
	s[n + 1] = '\0';
	int rc = re_search_at(&re_nested, s, n + 1, 0, 0, m);
	free(s);
	return rc;
}

Test(limits, match_limit_stops_catastrophic_backtracking)
{
	struct re_match m;
	/* well within the default limit */
	cr_assert_eq(run_nested(8, &m), RE_NOMATCH);
	/* 2^40 paths: far past it, and reported as a limit, never as "no match" */
	cr_assert_eq(run_nested(40, &m), RE_ERROR);
	cr_assert(m.limit);
	cr_assert(strstr(m.message, "limit"), "message: %s", m.message);
}

Test(limits, match_limit_boundary)
{
	struct re_match m;
	/* the smallest match limit under which the subject is searched to the end */
	uint32_t lo = 1, hi = RE_DEFAULT_MATCH_LIMIT;
	cr_assert_eq(run_nested(12, &m), RE_NOMATCH);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		re_set_limits(mid, 0);
		if (run_nested(12, &m) == RE_NOMATCH)
			hi = mid;
		else
			lo = mid + 1;
	}
	re_set_limits(lo, 0);
	cr_assert_eq(run_nested(12, &m), RE_NOMATCH, "at the limit %u", lo);
	cr_assert_gt(lo, 1);
	re_set_limits(lo - 1, 0);
	cr_assert_eq(run_nested(12, &m), RE_ERROR, "one below the limit %u", lo);
	cr_assert(m.limit);
	uint32_t ml, dl;
	re_get_limits(&ml, &dl);
	cr_assert_eq(ml, lo - 1);
	cr_assert_eq(dl, RE_DEFAULT_DEPTH_LIMIT);
	re_set_limits(0, 0);
	re_get_limits(&ml, &dl);
	cr_assert_eq(ml, RE_DEFAULT_MATCH_LIMIT);
}

/* Every repetition of a capturing group keeps a backtracking frame: the JIT stack (or, without
 * JIT, the depth limit and heap) bounds how long a subject it can take. */
static struct re re_frames = RE_INIT("^(?:(a)|b)*$");

static int run_frames(size_t n, struct re_match *m)
{
	char *s = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 2 ? 'b' : 'a';
	s[n] = '\0';
	int rc = re_search_at(&re_frames, s, n, 0, 0, m);
	free(s);
	return rc;
}

Test(limits, jit_stack_and_depth_limits)
{
	struct re_match m;
	cr_assert_eq(run_frames(1000, &m), RE_MATCH);
	int rc = run_frames(4u << 20, &m);
	cr_assert_eq(rc, RE_ERROR, "a 4 MiB subject fitted the JIT stack / depth limit");
	cr_assert(m.limit, "%s", m.message);
	/* a depth limit of 1 either stops the interpreter or is ignored by JIT code: never a
	 * wrong answer */
	re_set_limits(0, 1);
	rc = run_frames(1000, &m);
	cr_assert(rc == RE_MATCH || (rc == RE_ERROR && m.limit), "rc %d: %s", rc, m.message);
}

/* ---- the limits as the cross-reference pass meets them ------------------------------------- */

static const char *standard = "standard:\n"
			      "  number: Q/XXBWG 101-001—2024\n"
			      "  title: 测试规范\n"
			      "  clauses:\n"
			      "    - num: \"1\"\n"
			      "      title: 范围\n"
			      "      body: 本文件规定了测试要求。\n"
			      "    - num: \"2\"\n"
			      "      title: 规范性引用文件\n"
			      "      references:\n"
			      "        - {number: GB/T 18883—2022, title: 室内空气质量标准}\n"
			      "    - num: \"3\"\n"
			      "      title: 要求\n"
			      "      clauses:\n"
			      "        - {num: \"3.1\", title: 甲, body: 无。}\n"
			      "        - num: \"3.2\"\n"
			      "          title: 乙\n"
			      "          body: \"%s\"\n";

static const char *plain_paragraph =
    "讲解员应符合3.1的要求，室内空气应符合GB/T 18883—2022的规定，并见表1。";

/* check_run on the document with `para` as the body of 3.2; returns the number of
 * xref-match-limit findings (a copy of the first in *first). */
static size_t check_para(const char *para, struct diag *first)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, standard, para);
	struct doc *d = test_load(&ds, "doc.yaml", sb.buf);
	strbuf_release(&sb);
	cr_assert_not_null(d);
	struct project p;
	project_init(&p);
	p.others = xmalloc(sizeof *p.others);
	p.others[0] = d;
	p.nothers = 1;
	struct date as_of = { 2024, 6, 1, { 0, 0 } };
	check_run(&p, &ds, &as_of);
	diag_store_finish(&ds);
	size_t n = 0;
	for (size_t i = 0; i < diag_store_size(&ds); i++)
		if (diag_store_get(&ds, i)->code == DIAG_XREF_MATCH_LIMIT) {
			if (!n && first) {
				*first = *diag_store_get(&ds, i);
				first->msg = xstrdup(diag_store_get(&ds, i)->msg);
				first->help = NULL;
				first->fix = NULL;
				first->msg2 = NULL;
			}
			n++;
		}
	project_release(&p);
	diag_store_release(&ds);
	return n;
}

static size_t check_limit_findings(struct diag *first)
{
	return check_para(plain_paragraph, first);
}

/* The smallest match limit under which the pass checks `para` completely; one less must be
 * reported. */
static uint32_t xref_boundary(const char *para)
{
	uint32_t lo = 1, hi = RE_DEFAULT_MATCH_LIMIT;
	cr_assert_eq(check_para(para, NULL), 0, "the default limit does not suffice");
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		re_set_limits(mid, 0);
		if (check_para(para, NULL) == 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	re_set_limits(lo, 0);
	cr_assert_eq(check_para(para, NULL), 0, "at the limit %u", lo);
	cr_assert_gt(lo, 1);
	re_set_limits(lo - 1, 0);
	cr_assert_geq(check_para(para, NULL), 1, "one below the limit %u", lo);
	re_set_limits(0, 0);
	return lo;
}

Test(limits, xref_pass_reports_the_match_limit_once_per_text)
{
	cr_assert_eq(check_limit_findings(NULL), 0, "the default limits stop a plain paragraph");
	re_set_limits(1, 0);
	struct diag f;
	size_t n = check_limit_findings(&f);
	/* every text hits it, each reported once: more than one text, fewer than 2 per text */
	cr_assert_geq(n, 1);
	cr_assert_eq(f.sev, SEV_ERROR);
	cr_assert_gt(f.loc.line, 0);
	cr_assert(strstr(f.msg, "not checked"), "%s", f.msg);
	free(f.msg);
}

Test(limits, xref_pass_match_limit_boundary)
{
	/* the smallest limit that checks the document completely; one less is reported */
	xref_boundary(plain_paragraph);
}

Test(limits, long_paragraph_stays_far_under_the_default)
{
	/* some 6,000 characters with about 650 references: the patterns stay linear, so one
	 * match needs a small fraction of the default limit (docs/limits.md says under 1 %) */
	struct strbuf sb = STRBUF_INIT;
	while (sb.len < 12000)
		strbuf_adds(&sb, "讲解员应符合3.1和表1的要求，见GB/T 18883—2022的第5章，");
	strbuf_adds(&sb, "并见3.1。");
	uint32_t need = xref_boundary(sb.buf);
	cr_assert_lt(need, RE_DEFAULT_MATCH_LIMIT / 100, "needs %u", need);
	strbuf_release(&sb);
}

Test(limits, match_limit_from_the_environment)
{
	re_cleanup_all();
	setenv("ZHUN_RE_MATCH_LIMIT", "1", 1);
	cr_assert_geq(check_limit_findings(NULL), 1);
	uint32_t ml, dl;
	re_get_limits(&ml, &dl);
	cr_assert_eq(ml, 1);
	/* re_set_limits overrides the environment */
	re_set_limits(0, 0);
	cr_assert_eq(check_limit_findings(NULL), 0);
	unsetenv("ZHUN_RE_MATCH_LIMIT");
}
