/* SPDX-License-Identifier: MIT */
/* Unit tests for the standard-number grammar (domain-rules.md §5) against every number quoted in
 * the domain rules and example-data.md §C–§E, plus keys, scanning, DOC-008 order and tables. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

TestSuite(stdno, .init = load_tables, .fini = unload_tables);

/* ---- helpers ------------------------------------------------------------------------------ */

static struct stdno must_parse(const char *s)
{
	struct stdno n;
	struct stdno_error e = { STDNO_E_OK, 0 };
	bool ok = stdno_parse(s, strlen(s), &n, &e);
	cr_assert(ok, "parse \"%s\" failed: %s at byte %zu", s, stdno_strerror(e.code), e.offset);
	cr_assert_eq(e.code, STDNO_E_OK);
	return n;
}

static void expect_error(const char *s, enum stdno_err code, size_t offset)
{
	struct stdno n;
	struct stdno_error e = { STDNO_E_OK, 12345 };
	bool ok = stdno_parse(s, strlen(s), &n, &e);
	cr_assert(!ok, "\"%s\" parsed but should fail with %s", s, stdno_strerror(code));
	cr_expect_eq(e.code, code, "\"%s\": error %d (%s), want %d (%s)", s, e.code,
		     stdno_strerror(e.code), code, stdno_strerror(code));
	cr_expect_eq(e.offset, offset, "\"%s\": offset %zu, want %zu", s, e.offset, offset);
}

/* Canonical rendering and warnings of one input. */
static void expect_canon(const char *in, const char *canon, unsigned warn)
{
	struct stdno n = must_parse(in);
	struct strbuf sb;
	strbuf_init(&sb);
	stdno_format(&n, &sb);
	cr_expect_str_eq(sb.buf, canon, "format(\"%s\") = \"%s\", want \"%s\"", in, sb.buf, canon);
	cr_expect_eq(n.warn, warn, "warn(\"%s\") = %#x, want %#x", in, n.warn, warn);
	strbuf_release(&sb);
}

static void expect_keys(const char *in, const char *work, const char *edition)
{
	struct stdno n = must_parse(in);
	struct strbuf sb;
	strbuf_init(&sb);
	stdno_work_key(&n, &sb);
	cr_expect_str_eq(sb.buf, work, "work_key(\"%s\") = \"%s\", want \"%s\"", in, sb.buf, work);
	strbuf_reset(&sb);
	stdno_edition_key(&n, &sb);
	cr_expect_str_eq(sb.buf, edition, "edition_key(\"%s\") = \"%s\", want \"%s\"", in, sb.buf,
			 edition);
	strbuf_release(&sb);
}

/* Every field that identifies a number. */
struct want {
	const char *in;
	enum stdno_class cls;
	enum stdno_level level;
	const char *code;
	char mand;
	const char *prefix;
	const char *seq;
	uint32_t part;
	int year;
	unsigned warn;
	const char *canon;
};

static void check_want(const struct want *w)
{
	struct stdno n = must_parse(w->in);
	cr_expect_eq(n.cls, w->cls, "cls(\"%s\") = %d, want %d", w->in, n.cls, w->cls);
	cr_expect_eq(n.level, w->level, "level(\"%s\") = %d, want %d", w->in, n.level, w->level);
	cr_expect_str_eq(n.code, w->code, "code(\"%s\") = \"%s\"", w->in, n.code);
	cr_expect_eq(n.mand, w->mand, "mand(\"%s\") = %d, want %d", w->in, n.mand, w->mand);
	char pre[STDNO_PREFIX_MAX];
	cr_expect_str_eq(stdno_prefix(&n, pre), w->prefix, "prefix(\"%s\") = \"%s\"", w->in, pre);
	cr_expect_str_eq(n.seq, w->seq, "seq(\"%s\") = \"%s\"", w->in, n.seq);
	cr_expect_eq(n.part, w->part, "part(\"%s\") = %u, want %u", w->in, (unsigned)n.part,
		     (unsigned)w->part);
	cr_expect_eq(n.year, w->year, "year(\"%s\") = %d, want %d", w->in, n.year, w->year);
	cr_expect_eq(n.warn, w->warn, "warn(\"%s\") = %#x, want %#x", w->in, n.warn, w->warn);
	struct strbuf sb;
	strbuf_init(&sb);
	stdno_format(&n, &sb);
	cr_expect_str_eq(sb.buf, w->canon, "format(\"%s\") = \"%s\", want \"%s\"", w->in, sb.buf,
			 w->canon);
	strbuf_release(&sb);
}

#define CHECK_ALL(arr)                                                                             \
	do {                                                                                       \
		for (size_t i_ = 0; i_ < sizeof(arr) / sizeof *(arr); i_++)                        \
			check_want(&(arr)[i_]);                                                    \
	} while (0)

#define NAT  STDNO_NATIONAL, LEVEL_NATIONAL
#define SEC  STDNO_SECTOR, LEVEL_SECTOR
#define ENG  STDNO_ENGINEERING, LEVEL_SECTOR
#define LOC  STDNO_LOCAL, LEVEL_LOCAL
#define GRP  STDNO_GROUP, LEVEL_GROUP
#define ENT  STDNO_ENTERPRISE, LEVEL_ENTERPRISE
#define INTL STDNO_INTL, LEVEL_NONE
#define OTH  STDNO_OTHER, LEVEL_NONE

/* ---- parsing: the numbers of the spec ----------------------------------------------------- */

Test(stdno, national_numbers_of_the_spec)
{
	static const struct want w[] = {
		{ "GB/T 1.1—2020", NAT, "GB", 'T', "GB/T", "1", 1, 2020, 0, "GB/T 1.1—2020" },
		{ "GB/T 1.1—2009", NAT, "GB", 'T', "GB/T", "1", 1, 2009, 0, "GB/T 1.1—2009" },
		{ "GB 50763—2012", NAT, "GB", 0, "GB", "50763", 0, 2012, 0, "GB 50763—2012" },
		{ "GB 50526—2010", NAT, "GB", 0, "GB", "50526", 0, 2010, 0, "GB 50526—2010" },
		{ "GB/T 13016—2018", NAT, "GB", 'T', "GB/T", "13016", 0, 2018, 0,
		  "GB/T 13016—2018" },
		{ "GB/T 13016—2009", NAT, "GB", 'T', "GB/T", "13016", 0, 2009, 0,
		  "GB/T 13016—2009" },
		{ "GB/T 24421.2—2009", NAT, "GB", 'T', "GB/T", "24421", 2, 2009, 0,
		  "GB/T 24421.2—2009" },
		{ "GB/T 24421.2—2023", NAT, "GB", 'T', "GB/T", "24421", 2, 2023, 0,
		  "GB/T 24421.2—2023" },
		{ "GB/T 24421.4—2023", NAT, "GB", 'T', "GB/T", "24421", 4, 2023, 0,
		  "GB/T 24421.4—2023" },
		{ "GB/T 24421.4—2009", NAT, "GB", 'T', "GB/T", "24421", 4, 2009, 0,
		  "GB/T 24421.4—2009" },
		{ "GB/T 30226—2013", NAT, "GB", 'T', "GB/T", "30226", 0, 2013, 0,
		  "GB/T 30226—2013" },
		{ "GB/T 20000.2—2001", NAT, "GB", 'T', "GB/T", "20000", 2, 2001, 0,
		  "GB/T 20000.2—2001" },
		{ "GB/T 20000.2—2009", NAT, "GB", 'T', "GB/T", "20000", 2, 2009, 0,
		  "GB/T 20000.2—2009" },
		{ "GB/T 28220—2023", NAT, "GB", 'T', "GB/T", "28220", 0, 2023, 0,
		  "GB/T 28220—2023" },
		{ "GB/T 36720—2018", NAT, "GB", 'T', "GB/T", "36720", 0, 2018, 0,
		  "GB/T 36720—2018" },
		{ "GB/T 40987.2—2021", NAT, "GB", 'T', "GB/T", "40987", 2, 2021, 0,
		  "GB/T 40987.2—2021" },
		{ "GB/T 40987.3—2021", NAT, "GB", 'T', "GB/T", "40987", 3, 2021, 0,
		  "GB/T 40987.3—2021" },
		{ "GB/T 32939—2016", NAT, "GB", 'T', "GB/T", "32939", 0, 2016, 0,
		  "GB/T 32939—2016" },
		{ "GB/T 32940—2016", NAT, "GB", 'T', "GB/T", "32940", 0, 2016, 0,
		  "GB/T 32940—2016" },
		{ "GB/T 41375—2022", NAT, "GB", 'T', "GB/T", "41375", 0, 2022, 0,
		  "GB/T 41375—2022" },
		{ "GB/T 30687—2014", NAT, "GB", 'T', "GB/T", "30687", 0, 2014, 0,
		  "GB/T 30687—2014" },
		{ "GB/T 36721", NAT, "GB", 'T', "GB/T", "36721", 0, 0, 0, "GB/T 36721" },
		{ "GB/T 16571", NAT, "GB", 'T', "GB/T", "16571", 0, 0, 0, "GB/T 16571" },
		{ "GB/T 23863", NAT, "GB", 'T', "GB/T", "23863", 0, 0, 0, "GB/T 23863" },
		{ "GB 9669", NAT, "GB", 0, "GB", "9669", 0, 0, 0, "GB 9669" },
		{ "GB 37487", NAT, "GB", 0, "GB", "37487", 0, 0, 0, "GB 37487" },
		{ "GB/T 4457.4—2002", NAT, "GB", 'T', "GB/T", "4457", 4, 2002, 0,
		  "GB/T 4457.4—2002" },
		{ "GB/T 16900", NAT, "GB", 'T', "GB/T", "16900", 0, 0, 0, "GB/T 16900" },
		{ "GB/T 18883", NAT, "GB", 'T', "GB/T", "18883", 0, 0, 0, "GB/T 18883" },
		{ "GB/T 7408—2005", NAT, "GB", 'T', "GB/T", "7408", 0, 2005, 0, "GB/T 7408—2005" },
		{ "GB/T 2260", NAT, "GB", 'T', "GB/T", "2260", 0, 0, 0, "GB/T 2260" },
		{ "GB/T 17775—2003", NAT, "GB", 'T', "GB/T", "17775", 0, 2003, 0,
		  "GB/T 17775—2003" },
		{ "GB/T 31200", NAT, "GB", 'T', "GB/T", "31200", 0, 0, 0, "GB/T 31200" },
		{ "GB/Z 20000.9—2008", NAT, "GB", 'Z', "GB/Z", "20000", 9, 2008, 0,
		  "GB/Z 20000.9—2008" },
	};
	CHECK_ALL(w);
}

Test(stdno, reference_lists_E1_E2_E3_parse)
{
	static const char *const e1[] = {
		"GB/T 10001.1—2012", "GB/T 15566.1—2020", "GB/T 20647.3—2006", "GB/T 29265.1—2017",
		"GB/T 32939—2016",   "GB/T 32940—2016",	  "GB/T 36622.1—2018", "GB 50526—2010",
		"GB 50763—2012",     "JGJ/T 41—2014",	  "建标 160—2012",
	};
	static const char *const e2[] = {
		"GB 2894",	"GB 3095",    "GB 9669",    "GB/T 10001.1", "GB/T 10001.9",
		"GB/T 15566.1", "GB/T 16571", "GB/T 17242", "GB/T 18883",   "GB/T 23863",
		"GB/T 31200",	"GB/T 36721", "GB 37487",   "JGJ 66",
	};
	static const char *const e3[] = {
		"GB/T 1958",	     "GB/T 3177",	"GB/T 18779.1",
		"GB/T 18779.2—2004", "GB/T 19022—2003", "GB/T 24734（所有部分）",
	};
	/* All are already canonical and carry no warning. */
	for (size_t i = 0; i < sizeof e1 / sizeof *e1; i++)
		expect_canon(e1[i], e1[i], 0);
	for (size_t i = 0; i < sizeof e2 / sizeof *e2; i++)
		expect_canon(e2[i], e2[i], 0);
	for (size_t i = 0; i < sizeof e3 / sizeof *e3; i++)
		expect_canon(e3[i], e3[i], 0);
	struct stdno n = must_parse("GB/T 24734（所有部分）");
	cr_expect(n.all_parts);
	cr_expect_eq(n.year, 0);
	cr_expect_eq(n.part, 0);
	n = must_parse("GB/T 18779.2—2004");
	cr_expect_eq(n.part, 2);
	cr_expect_str_eq(n.seq, "18779");
}

Test(stdno, sector_numbers)
{
	static const struct want w[] = {
		{ "WH/T 98—2022", SEC, "WH", 'T', "WH/T", "98", 0, 2022, 0, "WH/T 98—2022" },
		{ "WW/T 0016.2—2023", SEC, "WW", 'T', "WW/T", "0016", 2, 2023, 0,
		  "WW/T 0016.2—2023" },
		{ "LB/T 098—2025", SEC, "LB", 'T', "LB/T", "098", 0, 2025, 0, "LB/T 098—2025" },
		{ "LY/T 2251—2014", SEC, "LY", 'T', "LY/T", "2251", 0, 2014, 0, "LY/T 2251—2014" },
		{ "QX/T 94—2008", SEC, "QX", 'T', "QX/T", "94", 0, 2008, 0, "QX/T 94—2008" },
		{ "QX/T 1—2000", SEC, "QX", 'T', "QX/T", "1", 0, 2000, 0, "QX/T 1—2000" },
		/* Legacy mandatory sector number (SNO-002). */
		{ "WH 98—2022", SEC, "WH", 0, "WH", "98", 0, 2022, STDNO_W_LEGACY_SECTOR,
		  "WH 98—2022" },
		/* Ambiguity rule: DB/T without digits is the seismology sector (SNO-003). */
		{ "DB/T 12—2020", SEC, "DB", 'T', "DB/T", "12", 0, 2020, 0, "DB/T 12—2020" },
		{ "DB 12—2020", SEC, "DB", 0, "DB", "12", 0, 2020, STDNO_W_LEGACY_SECTOR,
		  "DB 12—2020" },
	};
	CHECK_ALL(w);
	struct stdno n = must_parse("WW/T 0016.2—2023");
	cr_expect_str_eq(n.seq, "0016");
}

Test(stdno, engineering_and_other_numbers)
{
	static const struct want w[] = {
		{ "JGJ 66", ENG, "JGJ", 0, "JGJ", "66", 0, 0, 0, "JGJ 66" },
		{ "JGJ/T 41—2014", ENG, "JGJ", 'T', "JGJ/T", "41", 0, 2014, 0, "JGJ/T 41—2014" },
		{ "CJJ 37—2012", ENG, "CJJ", 0, "CJJ", "37", 0, 2012, 0, "CJJ 37—2012" },
		{ "CJJ/T 85—2017", ENG, "CJJ", 'T', "CJJ/T", "85", 0, 2017, 0, "CJJ/T 85—2017" },
		/* Highway engineering numbers start with a letter (JTG D50). */
		{ "JTG D50—2017", ENG, "JTG", 0, "JTG", "D50", 0, 2017, 0, "JTG D50—2017" },
		{ "建标 160—2012", OTH, "建标", 0, "建标", "160", 0, 2012, 0, "建标 160—2012" },
		{ "建标160—2012", OTH, "建标", 0, "建标", "160", 0, 2012, STDNO_W_SPACING,
		  "建标 160—2012" },
	};
	CHECK_ALL(w);
}

Test(stdno, local_numbers)
{
	static const struct want w[] = {
		{ "DB21/T 3495—2021", LOC, "DB21", 'T', "DB21/T", "3495", 0, 2021, 0,
		  "DB21/T 3495—2021" },
		{ "DB43/T 2436—2022", LOC, "DB43", 'T', "DB43/T", "2436", 0, 2022, 0,
		  "DB43/T 2436—2022" },
		{ "DB3206/T 1088—2024", LOC, "DB3206", 'T', "DB3206/T", "1088", 0, 2024, 0,
		  "DB3206/T 1088—2024" },
		/* Legacy local number without /T (SNO-003). */
		{ "DB21 3495—2021", LOC, "DB21", 0, "DB21", "3495", 0, 2021, STDNO_W_LEGACY_LOCAL,
		  "DB21 3495—2021" },
		{ "DB31/T 1—2020", LOC, "DB31", 'T', "DB31/T", "1", 0, 2020, 0, "DB31/T 1—2020" },
		{ "DB82/T 1", LOC, "DB82", 'T', "DB82/T", "1", 0, 0, 0, "DB82/T 1" },
	};
	CHECK_ALL(w);
}

Test(stdno, group_numbers)
{
	static const struct want w[] = {
		{ "T/CAS 608—2023", GRP, "CAS", 0, "T/CAS", "608", 0, 2023, 0, "T/CAS 608—2023" },
		{ "T/ITS 0097—2018", GRP, "ITS", 0, "T/ITS", "0097", 0, 2018, 0,
		  "T/ITS 0097—2018" },
		{ "T/CSAE 53—2020", GRP, "CSAE", 0, "T/CSAE", "53", 0, 2020, 0, "T/CSAE 53—2020" },
		/* [S] an organisation code with digits (SNO-004 allows letters + digits). */
		{ "T/ZSA2 12—2021", GRP, "ZSA2", 0, "T/ZSA2", "12", 0, 2021, 0, "T/ZSA2 12—2021" },
	};
	CHECK_ALL(w);
}

Test(stdno, enterprise_numbers)
{
	static const struct want w[] = {
		{ "Q/CSG 1101001—2016", ENT, "CSG", 0, "Q/CSG", "1101001", 0, 2016, 0,
		  "Q/CSG 1101001—2016" },
		{ "Q/QZBWG 301-003—2021", ENT, "QZBWG", 0, "Q/QZBWG", "301-003", 0, 2021, 0,
		  "Q/QZBWG 301-003—2021" },
		{ "Q/XXBWG 101-005—2024", ENT, "XXBWG", 0, "Q/XXBWG", "101-005", 0, 2024, 0,
		  "Q/XXBWG 101-005—2024" },
		{ "Q/XXBWG 103-001—2024", ENT, "XXBWG", 0, "Q/XXBWG", "103-001", 0, 2024, 0,
		  "Q/XXBWG 103-001—2024" },
		{ "Q/XXBWG 203-002—2022", ENT, "XXBWG", 0, "Q/XXBWG", "203-002", 0, 2022, 0,
		  "Q/XXBWG 203-002—2022" },
		{ "Q/XXBWG 301-003—2021", ENT, "XXBWG", 0, "Q/XXBWG", "301-003", 0, 2021, 0,
		  "Q/XXBWG 301-003—2021" },
		{ "Q/XXBWG 301-003—2018", ENT, "XXBWG", 0, "Q/XXBWG", "301-003", 0, 2018, 0,
		  "Q/XXBWG 301-003—2018" },
		{ "Q/XXBWG 304-001—2020", ENT, "XXBWG", 0, "Q/XXBWG", "304-001", 0, 2020, 0,
		  "Q/XXBWG 304-001—2020" },
		{ "Q/XXBWG 401-001—2024", ENT, "XXBWG", 0, "Q/XXBWG", "401-001", 0, 2024, 0,
		  "Q/XXBWG 401-001—2024" },
		{ "Q/XXBWG 403-001—2024", ENT, "XXBWG", 0, "Q/XXBWG", "403-001", 0, 2024, 0,
		  "Q/XXBWG 403-001—2024" },
		{ "Q/XXBWG 102-004—2019", ENT, "XXBWG", 0, "Q/XXBWG", "102-004", 0, 2019, 0,
		  "Q/XXBWG 102-004—2019" },
		/* No year: the group after the last dash is not a year. */
		{ "Q/XXBWG 301-003", ENT, "XXBWG", 0, "Q/XXBWG", "301-003", 0, 0, 0,
		  "Q/XXBWG 301-003" },
		/* A 4-digit serial that cannot be a year stays in the sequence. */
		{ "Q/XXBWG 101-0001", ENT, "XXBWG", 0, "Q/XXBWG", "101-0001", 0, 0, 0,
		  "Q/XXBWG 101-0001" },
		{ "Q/XXBWG 301-003-2021", ENT, "XXBWG", 0, "Q/XXBWG", "301-003", 0, 2021,
		  STDNO_W_SEPARATOR, "Q/XXBWG 301-003—2021" },
		{ "Q/XXBWG 301－003－2021", ENT, "XXBWG", 0, "Q/XXBWG", "301-003", 0, 2021,
		  STDNO_W_SEPARATOR | STDNO_W_SEQ_DASH, "Q/XXBWG 301-003—2021" },
		/* inside the sequence only '-' joins groups (SNO-005): an em dash there is flagged
		 */
		{ "Q/JCBWG 301—008—2024", ENT, "JCBWG", 0, "Q/JCBWG", "301-008", 0, 2024,
		  STDNO_W_SEQ_DASH, "Q/JCBWG 301-008—2024" },
		{ "Q/JCBWG 301–008", ENT, "JCBWG", 0, "Q/JCBWG", "301-008", 0, 0, STDNO_W_SEQ_DASH,
		  "Q/JCBWG 301-008" },
		{ "Q/XXBWG TY101.2-003—2024", ENT, "XXBWG", 0, "Q/XXBWG", "TY101.2-003", 0, 2024, 0,
		  "Q/XXBWG TY101.2-003—2024" },
		{ "Q/XXBWG 12-88", ENT, "XXBWG", 0, "Q/XXBWG", "12", 0, 1988, STDNO_W_SEPARATOR,
		  "Q/XXBWG 12—88" },
		{ "Q/123 5—2020", ENT, "123", 0, "Q/123", "5", 0, 2020, 0, "Q/123 5—2020" },
	};
	CHECK_ALL(w);
	struct stdno n = must_parse("Q/XXBWG 301-003—2021.05");
	cr_expect_eq(n.year, 2021);
	cr_expect_eq(n.month, 5);
	cr_expect_str_eq(n.seq, "301-003");
}

Test(stdno, special_national_series)
{
	static const struct want w[] = {
		{ "GBZ 2.1—2019", NAT, "GBZ", 0, "GBZ", "2", 1, 2019, 0, "GBZ 2.1—2019" },
		{ "GJB 5000—2003", NAT, "GJB", 0, "GJB", "5000", 0, 2003, 0, "GJB 5000—2003" },
		{ "GSB 05-1426-2001", NAT, "GSB", 0, "GSB", "05-1426", 0, 2001, STDNO_W_SEPARATOR,
		  "GSB 05-1426—2001" },
		{ "JJF 1059.1—2012", NAT, "JJF", 0, "JJF", "1059", 1, 2012, 0, "JJF 1059.1—2012" },
		{ "JJG 1036—2008", NAT, "JJG", 0, "JJG", "1036", 0, 2008, 0, "JJG 1036—2008" },
		/* [S] a legacy internal national number. */
		{ "GBn 193-82", NAT, "GBn", 0, "GBn", "193", 0, 1982, STDNO_W_SEPARATOR,
		  "GBn 193—82" },
	};
	CHECK_ALL(w);
}

Test(stdno, international_numbers)
{
	static const struct want w[] = {
		{ "ISO 9001:2015", INTL, "ISO", 0, "ISO", "9001", 0, 2015, 0, "ISO 9001:2015" },
		{ "ISO/IEC 27001:2013", INTL, "ISO/IEC", 0, "ISO/IEC", "27001", 0, 2013, 0,
		  "ISO/IEC 27001:2013" },
		{ "IEC 60364", INTL, "IEC", 0, "IEC", "60364", 0, 0, 0, "IEC 60364" },
		{ "ISO 8601-1:2019", INTL, "ISO", 0, "ISO", "8601", 1, 2019, 0, "ISO 8601-1:2019" },
		{ "IEC 60364-5-52:2009", INTL, "IEC", 0, "IEC", "60364-5-52", 0, 2009, 0,
		  "IEC 60364-5-52:2009" },
		/* As printed in a Chinese catalogue (example-data §C, GB/T 20000.2—2001). */
		{ "ISO/IEC Guide 21-1999", INTL, "ISO/IEC Guide", 0, "ISO/IEC Guide", "21", 0, 1999,
		  STDNO_W_SEPARATOR, "ISO/IEC Guide 21:1999" },
	};
	CHECK_ALL(w);
	cr_expect_eq(stdno_ref_group(&(struct stdno){ .cls = STDNO_INTL }), 5);
}

/* ---- variants: separators, spacing, full width -------------------------------------------- */

Test(stdno, every_dash_variant_is_a_separator)
{
	expect_canon("GB/T 1.1—2020", "GB/T 1.1—2020", 0);
	expect_canon("GB/T 1.1-2020", "GB/T 1.1—2020", STDNO_W_SEPARATOR);
	expect_canon("GB/T 1.1–2020", "GB/T 1.1—2020", STDNO_W_SEPARATOR);
	expect_canon("GB/T 1.1－2020", "GB/T 1.1—2020", STDNO_W_SEPARATOR);
	expect_canon("GB/T 1.1―2020", "GB/T 1.1—2020", STDNO_W_SEPARATOR);
	expect_canon("GB/T 1.1——2020", "GB/T 1.1—2020", STDNO_W_SEPARATOR);
	expect_canon("GB/T 24421.2-2023", "GB/T 24421.2—2023", STDNO_W_SEPARATOR);
}

Test(stdno, spacing_variants)
{
	expect_canon("GB/T1.1—2020", "GB/T 1.1—2020", STDNO_W_SPACING);
	expect_canon("GB/T   1.1—2020", "GB/T 1.1—2020", STDNO_W_SPACING);
	expect_canon("GB/T　1.1—2020", "GB/T 1.1—2020", STDNO_W_SPACING);
	expect_canon("GB/T\t18883", "GB/T 18883", STDNO_W_SPACING);
	expect_canon("GB3095", "GB 3095", STDNO_W_SPACING);
	/* Leading and trailing white space (ASCII and U+3000) is not part of the number. */
	expect_canon("  GB/T 1.1—2020　\n", "GB/T 1.1—2020", 0);
}

Test(stdno, full_width_is_folded)
{
	expect_canon("ＧＢ／Ｔ　１．１－２０２０", "GB/T 1.1—2020",
		     STDNO_W_FULLWIDTH | STDNO_W_SPACING | STDNO_W_SEPARATOR);
	expect_canon("ＷＨ／Ｔ 98—2022", "WH/T 98—2022", STDNO_W_FULLWIDTH);
	expect_canon("GB/T ３２９３９—２０１６", "GB/T 32939—2016", STDNO_W_FULLWIDTH);
	expect_canon("DB２１/T 3495—2021", "DB21/T 3495—2021", STDNO_W_FULLWIDTH);
	expect_canon("T/ＣＡＳ 608—2023", "T/CAS 608—2023", STDNO_W_FULLWIDTH);
	/* Full-width parentheses of （所有部分） are the normal form, not a warning. */
	expect_canon("GB/T 24734（所有部分）", "GB/T 24734（所有部分）", 0);
	expect_canon("GB/T 24734(所有部分)", "GB/T 24734（所有部分）", 0);
	expect_canon("GB/T 20000 （所有部分）", "GB/T 20000（所有部分）", 0);
}

Test(stdno, two_digit_years)
{
	struct stdno n = must_parse("GB 2312-80");
	cr_expect_eq(n.year, 1980);
	cr_expect(n.two_digit_year);
	cr_expect_eq(n.warn, STDNO_W_SEPARATOR);
	expect_canon("GB 2312-80", "GB 2312—80", STDNO_W_SEPARATOR);
	expect_canon("GB 2312—80", "GB 2312—80", 0);
	n = must_parse("GB 1—97");
	cr_expect_eq(n.year, 1997);
	cr_expect_eq(n.warn, STDNO_W_TWO_DIGIT_YEAR);
	expect_canon("GB 1-95", "GB 1—95", STDNO_W_TWO_DIGIT_YEAR | STDNO_W_SEPARATOR);
	expect_canon("GB 1-94", "GB 1—94", STDNO_W_SEPARATOR);
	n = must_parse("GB/T 1.1—2020");
	cr_expect(!n.two_digit_year);
}

Test(stdno, year_and_month)
{
	struct stdno n = must_parse("GB/T 1.1—2020.05");
	cr_expect_eq(n.year, 2020);
	cr_expect_eq(n.month, 5);
	expect_canon("GB/T 1.1-2020.05", "GB/T 1.1—2020.05", STDNO_W_SEPARATOR);
	expect_canon("GB/T 1.1—2020.12", "GB/T 1.1—2020.12", 0);
}

Test(stdno, amendments)
{
	struct stdno n = must_parse("GB/T 1.1—2020/XG1");
	cr_expect_eq(n.amend, 1);
	cr_expect_eq(n.amend_year, 0);
	cr_expect_eq(n.year, 2020);
	n = must_parse("GB/T 1.1—2020/XG1—2024");
	cr_expect_eq(n.amend, 1);
	cr_expect_eq(n.amend_year, 2024);
	expect_canon("GB/T 1.1—2020/XG1—2024", "GB/T 1.1—2020/XG1—2024", 0);
	expect_canon("GB/T 1.1-2020/XG12-2024", "GB/T 1.1—2020/XG12—2024", STDNO_W_SEPARATOR);
	expect_canon("GB/T 19001—2016/ISO 9001:2015/XG1—2020",
		     "GB/T 19001—2016/ISO 9001:2015/XG1—2020", 0);
}

Test(stdno, identical_adoption_double_numbers)
{
	struct stdno n = must_parse("GB/T 19001—2016/ISO 9001:2015");
	cr_expect_str_eq(stdno_adoption(&n), "ISO 9001:2015");
	cr_expect_str_eq(n.seq, "19001");
	cr_expect_eq(n.year, 2016);
	cr_expect_eq(n.cls, STDNO_NATIONAL);
	cr_expect_eq(n.warn, 0);
	n = must_parse("GB/T 22080-2016/ISO/IEC 27001:2013");
	cr_expect_str_eq(stdno_adoption(&n), "ISO/IEC 27001:2013");
	cr_expect_eq(n.warn, STDNO_W_SEPARATOR);
	expect_canon("GB/T 22080-2016/ISO/IEC 27001:2013", "GB/T 22080—2016/ISO/IEC 27001:2013",
		     STDNO_W_SEPARATOR);
	expect_canon("GB/T 19001—2016/ISO 9001：2015", "GB/T 19001—2016/ISO 9001:2015",
		     STDNO_W_FULLWIDTH);
}

/* ---- failures ------------------------------------------------------------------------------ */

Test(stdno, errors_prefix_and_codes)
{
	expect_error("", STDNO_E_EMPTY, 0);
	expect_error("   ", STDNO_E_EMPTY, 3);
	expect_error("　", STDNO_E_EMPTY, 3);
	expect_error("GBT1.1-2020", STDNO_E_PREFIX, 0);
	expect_error("GBT7242", STDNO_E_PREFIX, 0);
	expect_error("gb/t 1.1—2020", STDNO_E_PREFIX, 0);
	expect_error("见GB/T 1.1", STDNO_E_PREFIX, 0);
	expect_error("GB/X 1.1—2020", STDNO_E_PREFIX, 2);
	expect_error("XX/T 1—2020", STDNO_E_SECTOR, 0);
	expect_error("WQ 98—2022", STDNO_E_SECTOR, 0);
	expect_error("ABCD 98—2022", STDNO_E_PREFIX, 0);
	expect_error("DB99/T 1—2020", STDNO_E_PROVINCE, 2);
	expect_error("DB9906/T 1—2020", STDNO_E_PROVINCE, 2);
	expect_error("DB213/T 1—2020", STDNO_E_PROVINCE, 2);
	expect_error("DB21/Z 1—2020", STDNO_E_PREFIX, 4);
	expect_error("DBS44/ 001—2017", STDNO_E_DBS, 0);
	expect_error("DBS 44/001-2017", STDNO_E_DBS, 0);
	expect_error("T/cas 608—2023", STDNO_E_GROUP, 2);
	expect_error("T/ 608—2023", STDNO_E_GROUP, 2);
	expect_error("T/1CAS 608—2023", STDNO_E_GROUP, 2);
	expect_error("Q/ 301-003—2021", STDNO_E_ENTERPRISE, 2);
	expect_error("Q/xxbwg 301", STDNO_E_ENTERPRISE, 2);
	/* The space ends a T/ or Q/ code, because such codes may contain digits. */
	expect_error("T/CAS608—2023", STDNO_E_SEQ, 8);
}

Test(stdno, errors_sequence_glyph_part)
{
	expect_error("GB/T", STDNO_E_SEQ, 4);
	expect_error("GB/T —2020", STDNO_E_SEQ, 5);
	expect_error("WH/T abc", STDNO_E_SEQ, 5);
	expect_error("Q/XXBWG —2021", STDNO_E_SEQ, 8);
	/* OCR confusion (SNO-009). */
	expect_error("GB/T 5O89", STDNO_E_GLYPH, 6);
	expect_error("GB/T 1l.1", STDNO_E_GLYPH, 6);
	expect_error("GB/T 1.l", STDNO_E_GLYPH, 7);
	expect_error("GB/T 1.1—2O20", STDNO_E_GLYPH, 12);
	expect_error("GB/T I8883", STDNO_E_GLYPH, 5);
	expect_error("DB2l/T 3495—2021", STDNO_E_GLYPH, 3);
	expect_error("Q/XXBWG 301-003—2O21", STDNO_E_GLYPH, 19);
	/* Parts are not subdivided and start at 1 (NUM-009). */
	expect_error("GB/T 20001.1.1", STDNO_E_PART, 12);
	expect_error("GB/T 24421.2.1", STDNO_E_PART, 12);
	expect_error("GB/T 1.0", STDNO_E_PART, 7);
	expect_error("GB/T 1.01—2020", STDNO_E_PART, 7);
}

Test(stdno, errors_year_month_trailing_allparts)
{
	expect_error("GB/T 1.1—202", STDNO_E_YEAR, 11);
	expect_error("GB/T 1.1—20201", STDNO_E_YEAR, 11);
	expect_error("GB/T 1.1-1", STDNO_E_YEAR, 9);
	expect_error("GB/T 1.1—", STDNO_E_YEAR, 8);
	expect_error("GB/T 1.1—0020", STDNO_E_YEAR, 11);
	expect_error("ISO 9001:15", STDNO_E_YEAR, 9);
	expect_error("GB/T 1.1—2020/XG1—24", STDNO_E_YEAR, 22);
	expect_error("GB/T 1.1—2020.13", STDNO_E_MONTH, 16);
	expect_error("GB/T 1.1—2020.00", STDNO_E_MONTH, 16);
	expect_error("GB/T 1.1—2020.5", STDNO_E_MONTH, 16);
	expect_error("Q/XXBWG 301-003—2021.13", STDNO_E_MONTH, 23);
	expect_error("GB/T 1.1—2020 标准化", STDNO_E_TRAILING, 15);
	expect_error("GB/T 1.1—2020年", STDNO_E_TRAILING, 15);
	expect_error("GB/T 5B89", STDNO_E_TRAILING, 6);
	expect_error("GB/T 1.1—2020/", STDNO_E_TRAILING, 15);
	expect_error("GB/T 1.1—2020/XG0", STDNO_E_TRAILING, 15);
	/* XREF-002: all parts never carry a year. */
	expect_error("GB/T 18883—2022（所有部分）", STDNO_E_ALLPARTS_DATED, 17);
	expect_error("GB/T 20000（所有部分）—2020", STDNO_E_ALLPARTS_DATED, 28);
	expect_error("GB/T 19001—2016/ISO 9OO1:2015", STDNO_E_GLYPH, 23);
}

Test(stdno, strerror_texts)
{
	cr_expect_str_eq(stdno_strerror(STDNO_E_OK), "no error");
	cr_expect_str_eq(stdno_strerror(STDNO_E_GLYPH),
			 "letter in a numeric part: suspected OCR confusion");
	cr_expect_str_eq(stdno_strerror(STDNO_E_ALLPARTS_DATED),
			 "a reference to all parts must not carry a year");
	cr_expect_str_eq(stdno_strerror((enum stdno_err)999), "unknown error");
	for (int c = STDNO_E_OK; c <= STDNO_E_DBS; c++) {
		cr_expect_neq(strcmp(stdno_strerror((enum stdno_err)c), "unknown error"), 0,
			      "code %d has no message", c);
		for (int d = c + 1; d <= STDNO_E_DBS; d++)
			cr_expect_neq(strcmp(stdno_strerror((enum stdno_err)c),
					     stdno_strerror((enum stdno_err)d)),
				      0, "codes %d and %d share a message", c, d);
	}
}

Test(stdno, hostile_inputs)
{
	char buf[1200];
	struct stdno n;
	struct stdno_error e;
	/* Over-long sequences, codes and enterprise tokens fail cleanly. */
	memcpy(buf, "GB/T ", 5);
	memset(buf + 5, '1', 1000);
	cr_expect(!stdno_parse(buf, 1005, &n, &e));
	cr_expect_eq(e.code, STDNO_E_SEQ);
	memcpy(buf, "Q/XXBWG ", 8);
	memset(buf + 8, 'A', 1000);
	cr_expect(!stdno_parse(buf, 1008, &n, &e));
	cr_expect_eq(e.code, STDNO_E_SEQ);
	memset(buf, 'A', 1000);
	cr_expect(!stdno_parse(buf, 1000, &n, &e));
	cr_expect_eq(e.code, STDNO_E_PREFIX);
	expect_error("ISO/IEC/IEC/IEC/IEC/TS Guide 21", STDNO_E_SEQ, 23);
	/* Invalid UTF-8 and NUL bytes are just characters that do not fit. */
	expect_error("GB/T \xff\xfe", STDNO_E_SEQ, 5);
	expect_error("GB/T 1.1—\xe2\x80", STDNO_E_YEAR, 8);
	cr_expect(!stdno_parse("GB/T 1\0", 7, &n, &e));
	cr_expect_eq(e.code, STDNO_E_TRAILING);
	cr_expect_eq(e.offset, 6);
	cr_expect_eq(stdno_scan("GB/T 1\0xyz", 10, &n), 6);
}

Test(stdno, parse_is_length_bounded)
{
	/* The input need not be NUL-terminated: only `len` bytes are read. */
	const char buf[] = "GB/T 1.1—2020XYZ";
	struct stdno n;
	cr_assert(stdno_parse(buf, strlen("GB/T 1.1—2020"), &n, NULL));
	cr_expect_eq(n.year, 2020);
	cr_assert(stdno_parse(buf, strlen("GB/T 1.1"), &n, NULL));
	cr_expect_eq(n.year, 0);
	cr_expect_eq(n.part, 1);
	cr_expect(!stdno_parse(buf, strlen(buf), &n, NULL));
}

/* ---- scanning running text ---------------------------------------------------------------- */

/* Scan `text` at the first occurrence of `at`; expect the number `want` (its bytes). */
static void expect_scan(const char *text, const char *at, const char *want)
{
	const char *p = strstr(text, at);
	cr_assert_not_null(p, "\"%s\" not in \"%s\"", at, text);
	struct stdno n;
	size_t got = stdno_scan(p, strlen(p), &n);
	cr_expect_eq(got, strlen(want), "scan(\"%s\") = %zu bytes (\"%.*s\"), want \"%s\"", p, got,
		     (int)got, p, want);
	cr_expect_eq(strncmp(p, want, strlen(want)), 0);
}

static void expect_no_scan(const char *text, enum stdno_err code)
{
	struct stdno n;
	struct stdno_error e = { STDNO_E_OK, 0 };
	cr_expect_eq(stdno_scan_err(text, strlen(text), &n, &e), 0, "scan(\"%s\") found a number",
		     text);
	cr_expect_eq(e.code, code, "scan(\"%s\"): error %d, want %d", text, e.code, code);
	cr_expect_eq(stdno_scan(text, strlen(text), &n), 0);
}

Test(stdno, scan_running_text)
{
	expect_scan("应符合GB/T 18883—2022的要求", "GB", "GB/T 18883—2022");
	expect_scan("应符合GB/T 18883的要求", "GB", "GB/T 18883");
	expect_scan("应符合GB 3095和GB/T 18883的有关要求", "GB 3095", "GB 3095");
	expect_scan("应符合GB 3095和GB/T 18883的有关要求", "GB/T", "GB/T 18883");
	expect_scan("按GB/T 4457.4—2002中第5章的规定", "GB", "GB/T 4457.4—2002");
	expect_scan("本文件代替GB/T 1.1—2009《标准化工作导则 第1部分：标准的结构和编写》", "GB",
		    "GB/T 1.1—2009");
	expect_scan("[来源：GB/T 32939—2016，3.1，有修改]", "GB", "GB/T 32939—2016");
	expect_scan("(来源：GB/T 36721，术语3.1)", "GB", "GB/T 36721");
	expect_scan("GB/T 24734（所有部分） 技术产品文件", "GB", "GB/T 24734（所有部分）");
	expect_scan("GB/T 24421.2—2023 服务业组织标准化工作指南", "GB", "GB/T 24421.2—2023");
	expect_scan("应符合GB/T 18883——室内空气质量标准", "GB", "GB/T 18883");
	expect_scan("见GB/T 18883-附录", "GB", "GB/T 18883");
	expect_scan("符合GB/T 18883。", "GB", "GB/T 18883");
	expect_scan("See GB/T 18883. Next", "GB", "GB/T 18883");
	expect_scan("按GB 2312-80的规定", "GB", "GB 2312-80");
	expect_scan("按Q/XXBWG 301-003—2021执行", "Q/", "Q/XXBWG 301-003—2021");
	expect_scan("依据Q/XXBWG 301-003。", "Q/", "Q/XXBWG 301-003");
	expect_scan("按GB/T 19001—2016/ISO 9001:2015的要求", "GB", "GB/T 19001—2016/ISO 9001:2015");
	expect_scan("GB/T 1.1—2020/XG1—2024中", "GB", "GB/T 1.1—2020/XG1—2024");
	expect_scan("GB/T 1.1—2020/其他", "GB", "GB/T 1.1—2020");
	expect_scan("符合JGJ 66的要求", "JGJ", "JGJ 66");
	expect_scan("符合DB21/T 3495—2021、DB43/T 2436—2022", "DB43", "DB43/T 2436—2022");
	expect_scan("符合建标 160—2012的规定", "建标", "建标 160—2012");
	expect_scan("参见ISO 9001：其中", "ISO", "ISO 9001");
	expect_scan("GB/T18883的要求", "GB", "GB/T18883");
	expect_scan("应符合GB3095和GB/T18883的有关要求", "GB3095", "GB3095");
	expect_scan("GB 50016—2014（2018年版）", "GB", "GB 50016—2014");
	expect_scan("GB/T 24421.1～24421.4", "GB", "GB/T 24421.1");

	struct stdno n;
	const char *t = "应符合ＧＢ／Ｔ　１８８８３—２０２２的要求";
	const char *p = strstr(t, "Ｇ");
	size_t got = stdno_scan(p, strlen(p), &n);
	cr_expect_eq(got, strlen("ＧＢ／Ｔ　１８８８３—２０２２"));
	cr_expect_eq(n.year, 2022);
	cr_expect_eq(n.warn, STDNO_W_FULLWIDTH | STDNO_W_SPACING);
	got = stdno_scan("GB 3095和", strlen("GB 3095和"), NULL);
	cr_expect_eq(got, strlen("GB 3095"));
}

Test(stdno, scan_reports_malformed_candidates)
{
	expect_no_scan("见第5章", STDNO_E_PREFIX);
	expect_no_scan("GB和GB/T", STDNO_E_SEQ);
	expect_no_scan("GBT1.1-2020", STDNO_E_PREFIX);
	expect_no_scan("GB/T 5O89的", STDNO_E_GLYPH);
	expect_no_scan("GB/T 18883—2022（所有部分）的", STDNO_E_ALLPARTS_DATED);
	expect_no_scan("GB/T 20001.1.1的", STDNO_E_PART);
	expect_no_scan("WQ 98—2022", STDNO_E_SECTOR);
	expect_no_scan("DB99/T 1—2020", STDNO_E_PROVINCE);
	expect_no_scan("GB/T 5B89", STDNO_E_TRAILING);
	struct stdno_error e;
	const char *t = "GB/T 1l.1的";
	cr_expect_eq(stdno_scan_err(t, strlen(t), NULL, &e), 0);
	cr_expect_eq(e.code, STDNO_E_GLYPH);
	cr_expect_eq(e.offset, 6);
}

/* ---- keys ---------------------------------------------------------------------------------- */

Test(stdno, work_and_edition_keys)
{
	expect_keys("GB/T 1.1—2020", "GB/T 1.1", "GB/T 1.1—2020");
	expect_keys("GB/T 1.1-2020", "GB/T 1.1", "GB/T 1.1—2020");
	expect_keys("LB/T 098—2025", "LB/T 98", "LB/T 98—2025");
	expect_keys("WW/T 0016.2—2023", "WW/T 16.2", "WW/T 16.2—2023");
	expect_keys("T/ITS 0097—2018", "T/ITS 97", "T/ITS 97—2018");
	expect_keys("GB 50763—2012", "GB 50763", "GB 50763—2012");
	expect_keys("GB/T 16900", "GB/T 16900", "GB/T 16900");
	expect_keys("GB/T 24734（所有部分）", "GB/T 24734", "GB/T 24734");
	expect_keys("GB 2312-80", "GB 2312", "GB 2312—1980");
	expect_keys("GB/T 1.1—2020.05", "GB/T 1.1", "GB/T 1.1—2020.05");
	expect_keys("GB/T 1.1—2020/XG1—2024", "GB/T 1.1", "GB/T 1.1—2020");
	expect_keys("GB/T 19001—2016/ISO 9001:2015", "GB/T 19001", "GB/T 19001—2016");
	expect_keys("DB3206/T 1088—2024", "DB3206/T 1088", "DB3206/T 1088—2024");
	expect_keys("DB21 3495—2021", "DB21 3495", "DB21 3495—2021");
	expect_keys("Q/XXBWG 301-003—2021", "Q/XXBWG 301-003", "Q/XXBWG 301-003—2021");
	expect_keys("Q/XXBWG 301-003", "Q/XXBWG 301-003", "Q/XXBWG 301-003");
	expect_keys("JGJ 66", "JGJ 66", "JGJ 66");
	expect_keys("建标 160—2012", "建标 160", "建标 160—2012");
	expect_keys("ISO 8601-1:2019", "ISO 8601-1", "ISO 8601-1—2019");
	expect_keys("WH/T 0—2020", "WH/T 0", "WH/T 0—2020");
}

static bool same_work(const char *a, const char *b)
{
	struct stdno x = must_parse(a), y = must_parse(b);
	return stdno_same_work(&x, &y);
}

static bool same_edition(const char *a, const char *b)
{
	struct stdno x = must_parse(a), y = must_parse(b);
	return stdno_same_edition(&x, &y);
}

Test(stdno, same_work_and_same_edition)
{
	cr_expect(same_work("GB/T 1.1—2020", "GB/T 1.1—2009"));
	cr_expect(!same_edition("GB/T 1.1—2020", "GB/T 1.1—2009"));
	cr_expect(same_work("GB/T 24421.2—2009", "GB/T 24421.2—2023"));
	cr_expect(!same_work("GB/T 24421.2—2023", "GB/T 24421.4—2023"));
	cr_expect(!same_work("GB/T 24421—2023", "GB/T 24421.1—2023"));
	cr_expect(same_work("LB/T 098—2025", "LB/T 98"));
	cr_expect(same_edition("LB/T 098—2025", "LB/T 98-2025"));
	/* The prefix keeps /T: a GB → GB/T change needs an explicit same_work_as (SNO-008). */
	cr_expect(!same_work("GB/T 16571", "GB 16571"));
	cr_expect(!same_work("WH/T 98—2022", "WH 98—2022"));
	cr_expect(same_edition("GB/T 1.1—2020", "GB/T 1.1—2020/XG1—2024"));
	cr_expect(same_edition("GB/T 1.1—2020", "ＧＢ／Ｔ　1.1-2020"));
	cr_expect(!same_edition("GB/T 1.1—2020", "GB/T 1.1—2020.05"));
	cr_expect(same_edition("GB 2312-80", "GB 2312—1980"));
	cr_expect(same_work("Q/XXBWG 301-003—2018", "Q/XXBWG 301-003—2021"));
	cr_expect(!same_edition("Q/XXBWG 301-003—2018", "Q/XXBWG 301-003—2021"));
	cr_expect(!same_work("Q/XXBWG 301-003", "Q/QZBWG 301-003"));
	cr_expect(!same_work("DB21/T 3495—2021", "DB43/T 3495—2021"));
	cr_expect(same_edition("GB/T 16900", "GB/T 16900"));
	cr_expect(!same_edition("GB/T 16900", "GB/T 16900—2008"));
}

/* ---- DOC-008 ordering ---------------------------------------------------------------------- */

static int cmp_ref(const void *a, const void *b)
{
	return stdno_ref_cmp(a, b);
}

/* Parse `in` (in the given order), sort, and compare the canonical forms with `want`. */
static void expect_sorted(const char *const *in, const char *const *want, size_t n)
{
	struct stdno v[32];
	cr_assert(n <= 32);
	for (size_t i = 0; i < n; i++)
		v[i] = must_parse(in[i]);
	qsort(v, n, sizeof *v, cmp_ref);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&sb);
		stdno_format(&v[i], &sb);
		cr_expect_str_eq(sb.buf, want[i], "position %zu: \"%s\", want \"%s\"", i, sb.buf,
				 want[i]);
	}
	strbuf_release(&sb);
}

Test(stdno, doc008_example_E1)
{
	/* The published order of example-data §E1 (JGJ/T number lost in the source; any JGJ/T
	 * number stands for it). */
	static const char *const published[] = {
		"GB/T 10001.1—2012", "GB/T 15566.1—2020", "GB/T 20647.3—2006", "GB/T 29265.1—2017",
		"GB/T 32939—2016",   "GB/T 32940—2016",	  "GB/T 36622.1—2018", "GB 50526—2010",
		"GB 50763—2012",     "JGJ/T 41—2014",	  "建标 160—2012",
	};
	static const char *const shuffled[] = {
		"建标 160—2012",     "GB 50763—2012",	  "JGJ/T 41—2014",     "GB/T 32940—2016",
		"GB 50526—2010",     "GB/T 36622.1—2018", "GB/T 10001.1—2012", "GB/T 32939—2016",
		"GB/T 29265.1—2017", "GB/T 20647.3—2006", "GB/T 15566.1—2020",
	};
	size_t n = sizeof published / sizeof *published;
	expect_sorted(shuffled, published, n);
	expect_sorted(published, published, n);
	/* Adjacent pairs of the published list are strictly ascending. */
	for (size_t i = 0; i + 1 < n; i++) {
		struct stdno a = must_parse(published[i]), b = must_parse(published[i + 1]);
		cr_expect_lt(stdno_ref_cmp(&a, &b), 0, "%s !< %s", published[i], published[i + 1]);
		cr_expect_gt(stdno_ref_cmp(&b, &a), 0);
	}
	/* DOC-008 fail case: GB before GB/T by code would be wrong. */
	struct stdno gb = must_parse("GB 50763—2012"), gbt = must_parse("GB/T 32939—2016");
	cr_expect_gt(stdno_ref_cmp(&gb, &gbt), 0);
}

Test(stdno, doc008_example_E2)
{
	static const char *const published[] = {
		"GB 2894",	"GB 3095",    "GB 9669",    "GB/T 10001.1", "GB/T 10001.9",
		"GB/T 15566.1", "GB/T 16571", "GB/T 17242", "GB/T 18883",   "GB/T 23863",
		"GB/T 31200",	"GB/T 36721", "GB 37487",   "JGJ 66",
	};
	static const char *const shuffled[] = {
		"JGJ 66",	"GB 37487",   "GB/T 10001.9", "GB/T 36721", "GB 2894",
		"GB/T 31200",	"GB/T 18883", "GB/T 10001.1", "GB 9669",    "GB/T 23863",
		"GB/T 15566.1", "GB 3095",    "GB/T 17242",   "GB/T 16571",
	};
	expect_sorted(shuffled, published, sizeof published / sizeof *published);
}

Test(stdno, doc008_parts_numeric)
{
	static const char *const in[] = {
		"GB/T 10001.10", "GB/T 15566.1", "GB/T 10001.9", "GB/T 10001", "GB/T 10001.1",
	};
	static const char *const want[] = {
		"GB/T 10001", "GB/T 10001.1", "GB/T 10001.9", "GB/T 10001.10", "GB/T 15566.1",
	};
	expect_sorted(in, want, 5);
}

Test(stdno, doc008_groups_and_codes)
{
	static const char *const in[] = {
		"建标 160—2012",      "Q/XXBWG 301-003—2021", "ISO 9001:2015",
		"T/CSAE 53—2020",     "DB3206/T 1088—2024",   "WH/T 100—2020",
		"T/CAS 608—2023",     "DB21/T 3495—2021",     "WH/T 98—2022",
		"GB/T 1.1—2020",      "JGJ/T 41—2014",	      "IEC 60364",
		"ISO/IEC 27001:2013", "LB/T 098—2025",	      "DB21/T 100—2019",
		"GB/Z 20000.9—2008",  "WW/T 0016.2—2023",     "LB/T 99—2020",
	};
	static const char *const want[] = {
		"GB/T 1.1—2020",		       /* 1 national */
		"GB/Z 20000.9—2008",  "JGJ/T 41—2014", /* 2 sector and engineering: by code, then
							* number
							*/
		"LB/T 098—2025",      "LB/T 99—2020",	    "WH/T 98—2022",	    "WH/T 100—2020",
		"WW/T 0016.2—2023",   "DB21/T 100—2019",		      /* 3 local */
		"DB21/T 3495—2021",   "DB3206/T 1088—2024", "T/CAS 608—2023", /* 4 group */
		"T/CSAE 53—2020",     "ISO 9001:2015", /* 5 ISO/IEC by number only */
		"ISO/IEC 27001:2013", "IEC 60364",	    "Q/XXBWG 301-003—2021", /* 6 other
										       bodies */
		"建标 160—2012",
	};
	expect_sorted(in, want, sizeof want / sizeof *want);

	static const struct {
		const char *no;
		int group;
	} g[] = {
		{ "GB 50763—2012", 1 }, { "GBZ 2.1—2019", 1 },	   { "WH/T 98—2022", 2 },
		{ "JGJ 66", 2 },	{ "DB21/T 3495—2021", 3 }, { "T/CAS 608—2023", 4 },
		{ "ISO 9001:2015", 5 }, { "建标 160—2012", 6 },	   { "Q/XXBWG 301-003", 6 },
	};
	for (size_t i = 0; i < sizeof g / sizeof *g; i++) {
		struct stdno n = must_parse(g[i].no);
		cr_expect_eq(stdno_ref_group(&n), g[i].group, "group(%s) = %d", g[i].no,
			     stdno_ref_group(&n));
	}
}

Test(stdno, doc008_ties_are_total)
{
	struct stdno a = must_parse("GB/T 1.1—2009"), b = must_parse("GB/T 1.1—2020"),
		     c = must_parse("GB 1.1—2020"), d = must_parse("GB/T 1.1—2020");
	cr_expect_lt(stdno_ref_cmp(&a, &b), 0);
	cr_expect_neq(stdno_ref_cmp(&b, &c), 0);
	cr_expect_eq(stdno_ref_cmp(&b, &c), -stdno_ref_cmp(&c, &b));
	cr_expect_eq(stdno_ref_cmp(&b, &d), 0);
	struct stdno e = must_parse("Q/XXBWG 101-005—2024"), f = must_parse("Q/XXBWG 101-0010");
	cr_expect_lt(stdno_ref_cmp(&e, &f), 0);
}

/* ---- tables -------------------------------------------------------------------------------- */

Test(stdno, sector_table_is_complete)
{
	static const char *const codes[] = {
		"AQ", "BB", "CB", "CH", "CJ", "CY", "DA", "DB", "DL", "DY", "DZ", "EJ", "FZ",
		"GA", "GH", "GM", "GY", "HB", "HG", "HJ", "HS", "HY", "JB", "JC", "JG", "JR",
		"JT", "JY", "LB", "LD", "LS", "LY", "MH", "MT", "MZ", "NY", "QB", "QC", "QJ",
		"QX", "SB", "SC", "SH", "SJ", "SL", "SN", "SY", "TB", "TD", "TJ", "TY", "WB",
		"WH", "WJ", "WM", "WS", "WW", "XB", "YB", "YC", "YD", "YS", "YY", "YZ", "ZY",
	};
	cr_expect_eq(sizeof codes / sizeof *codes, 65);
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		cr_expect(stdno_is_sector(codes[i]), "sector %s missing", codes[i]);
		char no[32];
		snprintf(no, sizeof no, "%s/T 1—2020", codes[i]);
		struct stdno n = must_parse(no);
		cr_expect_eq(n.cls, STDNO_SECTOR, "%s", no);
	}
	cr_expect_str_eq(stdno_sector_name("WH"), "文化");
	cr_expect_str_eq(stdno_sector_name("WW"), "文物保护");
	cr_expect_str_eq(stdno_sector_name("DB"), "地震");
	cr_expect_str_eq(stdno_sector_name("LB"), "旅游");
	cr_expect_str_eq(stdno_sector_name("ZY"), "中医药");
	cr_expect_null(stdno_sector_name("XX"));
	cr_expect(!stdno_is_sector("GB"));
	cr_expect(!stdno_is_sector("JGJ"));
}

Test(stdno, province_and_engineering_tables)
{
	static const char *const prov[] = {
		"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
		"35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
		"53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
	};
	cr_expect_eq(sizeof prov / sizeof *prov, 34);
	for (size_t i = 0; i < sizeof prov / sizeof *prov; i++)
		cr_expect(stdno_is_province(prov[i]), "province %s missing", prov[i]);
	cr_expect_str_eq(stdno_province_name("21"), "辽宁");
	cr_expect_str_eq(stdno_province_name("32"), "江苏");
	cr_expect_str_eq(stdno_province_name("15"), "内蒙古");
	cr_expect(!stdno_is_province("99"));
	cr_expect(!stdno_is_province("10"));
	cr_expect_null(stdno_province_name("99"));
	cr_expect(stdno_is_engineering("JGJ"));
	cr_expect(stdno_is_engineering("CJJ"));
	cr_expect(!stdno_is_engineering("WH"));
	cr_expect_str_eq(stdno_sector_name("JGJ"), "建筑工程");
	cr_expect_str_eq(stdno_sector_name("CJJ"), "城镇建设工程");
}

Test(stdno, without_tables_codes_are_unknown)
{
	stdno_tables_release();
	expect_error("WH/T 98—2022", STDNO_E_SECTOR, 0);
	expect_error("DB21/T 3495—2021", STDNO_E_PROVINCE, 2);
	expect_error("JGJ 66", STDNO_E_PREFIX, 0);
	/* National, group, enterprise and international numbers need no table. */
	expect_canon("GB/T 1.1—2020", "GB/T 1.1—2020", 0);
	expect_canon("T/CAS 608—2023", "T/CAS 608—2023", 0);
	load_tables();
	expect_canon("WH/T 98—2022", "WH/T 98—2022", 0);
}

/* A scratch data directory under /tmp, removed by rm_tmpdir. */
static void make_tmpdir(char *dir, size_t cap)
{
	snprintf(dir, cap, "/tmp/zhun-stdno-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

static void rm_tmpdir(const char *dir)
{
	static const char *const names[] = { "sectors.tsv", "engineering.tsv", "provinces.tsv" };
	char path[256];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (unlink(path) != 0)
			rmdir(path);
	}
	rmdir(dir);
}

Test(stdno, tables_extend_from_another_directory)
{
	char dir[64], err[256] = "";
	make_tmpdir(dir, sizeof dir);
	write_file(dir, "sectors.tsv",
		   "# local additions\n"
		   "\n"
		   "YJ\t应急管理\textra column ignored\r\n"
		   "WH\t别的名字\n"
		   "   # indented comment\n");
	write_file(dir, "engineering.tsv", "DBJ\t地方工程建设\n");
	cr_expect(!stdno_is_sector("YJ"));
	expect_error("YJ/T 1—2020", STDNO_E_SECTOR, 0);
	cr_assert_eq(stdno_tables_load(dir, err, sizeof err), 0, "%s", err);
	cr_expect(stdno_is_sector("YJ"));
	cr_expect_str_eq(stdno_sector_name("YJ"), "应急管理");
	/* Later files extend, never replace: WH keeps its first name, nothing is lost. */
	cr_expect_str_eq(stdno_sector_name("WH"), "文化");
	cr_expect(stdno_is_sector("WW"));
	cr_expect(stdno_is_province("21"));
	cr_expect(stdno_is_engineering("DBJ"));
	expect_canon("YJ/T 1—2020", "YJ/T 1—2020", 0);
	/* A missing directory or missing files are not an error. */
	cr_expect_eq(stdno_tables_load("/nonexistent/zhun", err, sizeof err), 0);
	rm_tmpdir(dir);
}

static void expect_load_error(const char *file, const char *text, const char *msg_part)
{
	char dir[64], err[256] = "";
	make_tmpdir(dir, sizeof dir);
	write_file(dir, file, text);
	cr_expect_eq(stdno_tables_load(dir, err, sizeof err), -1, "%s accepted: %s", file, text);
	cr_expect_not_null(strstr(err, msg_part), "message \"%s\" lacks \"%s\"", err, msg_part);
	rm_tmpdir(dir);
}

Test(stdno, malformed_tables_are_errors)
{
	expect_load_error("sectors.tsv", "# header\nAB 名称\n", "sectors.tsv:2: malformed line");
	expect_load_error("sectors.tsv", "AB\t\n", "sectors.tsv:1: malformed line");
	expect_load_error("sectors.tsv", "ab\t小写\n", "sectors.tsv:1: malformed line");
	expect_load_error("sectors.tsv", "A\t单字母\n", "sectors.tsv:1: malformed line");
	expect_load_error("sectors.tsv", " AB\t前导空格\n", "sectors.tsv:1: malformed line");
	expect_load_error("sectors.tsv", "AB\t\xff\xfe\n", "sectors.tsv:1: malformed line");
	expect_load_error("provinces.tsv", "21\t辽宁\n123\t某\n",
			  "provinces.tsv:2: malformed line");
	expect_load_error("provinces.tsv", "2A\t某\n", "provinces.tsv:1: malformed line");
	expect_load_error("engineering.tsv", "JGJ\n", "engineering.tsv:1: malformed line");
}

Test(stdno, failed_load_changes_nothing)
{
	char dir[64], err[256] = "";
	make_tmpdir(dir, sizeof dir);
	write_file(dir, "sectors.tsv", "YJ\t应急管理\n");
	write_file(dir, "provinces.tsv", "9X\t坏\n");
	cr_expect_eq(stdno_tables_load(dir, err, sizeof err), -1);
	cr_expect_not_null(strstr(err, "provinces.tsv:1:"), "%s", err);
	cr_expect(!stdno_is_sector("YJ"), "a failed load must not add codes");
	cr_expect(stdno_is_sector("WH"));
	rm_tmpdir(dir);
}

Test(stdno, unreadable_table_is_an_error)
{
	char dir[64], err[256] = "", path[128];
	make_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/sectors.tsv", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	cr_expect_eq(stdno_tables_load(dir, err, sizeof err), -1);
	cr_expect_not_null(strstr(err, "sectors.tsv"), "%s", err);
	rm_tmpdir(dir);
}

/* The adoption shares the sequence's buffer: a 16-digit sequence leaves room for a 22-byte
 * adoption; one byte more and the number ends before its "/". */
Test(stdno, adoption_beside_a_long_sequence)
{
	expect_canon("GB/T 1234567890123456—2016/ISO 1234567890123:2015",
		     "GB/T 1234567890123456—2016/ISO 1234567890123:2015", 0);
	struct stdno n = must_parse("GB/T 1234567890123456—2016/ISO 1234567890123:2015");
	cr_expect_str_eq(n.seq, "1234567890123456");
	cr_expect_str_eq(stdno_adoption(&n), "ISO 1234567890123:2015");
	expect_error("GB/T 1234567890123456—2016/ISO 12345678901234:2015", STDNO_E_TRAILING, 28);
	expect_scan("见GB/T 1234567890123456—2016/ISO 12345678901234:2015。", "GB",
		    "GB/T 1234567890123456—2016");
	n = must_parse("GB/T 1.1—2020");
	cr_expect(!n.adopted);
	cr_expect_str_eq(stdno_adoption(&n), "");
}

/* What every row and reference holds: the sizes issue 19 set (item 4). */
Test(stdno, size)
{
	cr_expect_leq(sizeof(struct stdno), 84);
}
