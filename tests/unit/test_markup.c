/* SPDX-License-Identifier: MIT */
/* Unit tests of the XML/HTML escaper: each policy its callers use (table, JUnit, XML writer),
 * characters XML 1.0 cannot carry, invalid UTF-8 and white space at the edges. */
#include <criterion/criterion.h>

#include <stdlib.h>

#include "markup.h"
#include "strbuf.h"

/* markup_escape of `len` bytes; *ok gets its result. The caller frees the text. */
static char *esc(const char *s, size_t len, unsigned flags, bool *ok)
{
	struct strbuf sb;
	strbuf_init(&sb);
	*ok = markup_escape(&sb, s, len, flags);
	return strbuf_detach(&sb, NULL);
}

static void expect(const char *s, size_t len, unsigned flags, const char *want)
{
	bool ok;
	char *got = esc(s, len, flags, &ok);
	cr_expect(ok);
	cr_expect_str_eq(got, want);
	free(got);
}

#define EXPECT(lit, flags, want) expect(lit, sizeof lit - 1, flags, want)

/* Text: & < > always; '"', tab and line feed as they are; a carriage return as a reference. */
Test(markup, text)
{
	EXPECT("a&b<c>d\"e\tf\ng\rh", 0, "a&amp;b&lt;c&gt;d\"e\tf\ng&#13;h");
	EXPECT("标准体系表 GB/T 1.1—2020", 0, "标准体系表 GB/T 1.1—2020");
	EXPECT("", 0, "");
	/* DEL and C1 controls are allowed in XML 1.0 */
	EXPECT("\x7f\xc2\x85", 0, "\x7f\xc2\x85");
}

Test(markup, attribute)
{
	EXPECT("a\"b\tc\nd\re f", MARKUP_ATTR, "a&quot;b&#9;c&#10;d&#13;e f");
}

/* What XML cannot carry: dropped by default (JUnit), invalid UTF-8 as U+FFFD. */
Test(markup, bad_dropped)
{
	EXPECT("a\x01"
	       "b\x1f"
	       "c\xef\xbf\xbe"
	       "d\xef\xbf\xbf"
	       "e\xef\xbf\xbd",
	       0, "abcde\xef\xbf\xbd");
	EXPECT("x\xffy\xc3", 0, "x\xef\xbf\xbdy\xef\xbf\xbd");
	EXPECT("a\0b", 0, "ab");
}

/* The table's policy: quotes escaped in text, bad characters and CR as spaces. */
Test(markup, table_policy)
{
	unsigned f = MARKUP_QUOT | MARKUP_BAD_SPACE;
	EXPECT("&a<b>\"标准\x01\t\n\r&", f, "&amp;a&lt;b&gt;&quot;标准 \t\n &amp;");
	EXPECT("\xef\xbf\xbf|\xed\xa0\x80", f, " |\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

/* The XML writer's policy: fail on what cannot be written, keep edge white space. */
Test(markup, fail_and_edges)
{
	bool ok;
	char *s = esc("a\x01"
		      "b",
		      3, MARKUP_BAD_FAIL, &ok);
	cr_expect_not(ok);
	free(s);
	s = esc("a\xff", 2, MARKUP_ATTR | MARKUP_BAD_FAIL, &ok);
	cr_expect_not(ok);
	free(s);
	s = esc("\xef\xbf\xbe", 3, MARKUP_BAD_FAIL, &ok);
	cr_expect_not(ok);
	free(s);
	EXPECT(" \ta b\n ", MARKUP_EDGE_WS, "&#32;&#9;a b&#10;&#32;");
	EXPECT("   ", MARKUP_EDGE_WS, "&#32;&#32;&#32;");
	EXPECT("a\r\nb", MARKUP_EDGE_WS | MARKUP_BAD_FAIL, "a&#13;\nb");
}
