/* SPDX-License-Identifier: MIT */
/* markup: the one escaper of text for XML and HTML — element text and attribute values — used
 * by the XML writer (convert --to xml), the JUnit findings and the HTML and SVG tables. */
#ifndef ZHUN_MARKUP_H
#define ZHUN_MARKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* How markup_escape writes; 0 is element text in which '"' stays as it is. */
enum markup_flags {
	/* An attribute value in double quotes: '"' as &quot;, and tab, line feed and carriage
	 * return as &#9; &#10; &#13;, which attribute-value normalisation would otherwise turn
	 * into spaces. */
	MARKUP_ATTR = 1 << 0,
	/* '"' as &quot; in text too, so that one escaped string fits text and attributes (HTML). */
	MARKUP_QUOT = 1 << 1,
	/* Text: white space (space, tab, line feed, carriage return) at either end as a character
	 * reference, so that a reader that drops white space there as layout keeps it. */
	MARKUP_EDGE_WS = 1 << 2,
	/* What XML 1.0 cannot carry — C0 controls but tab, line feed and carriage return; U+FFFE,
	 * U+FFFF — becomes a space, and so does a carriage return: for display, where neither
	 * means anything. Without this flag or MARKUP_BAD_FAIL such characters are left out. */
	MARKUP_BAD_SPACE = 1 << 3,
	/* Such a character, or invalid UTF-8, makes markup_escape stop and return false. */
	MARKUP_BAD_FAIL = 1 << 4,
};

/* Append `len` bytes of `s` (NULs included) to `sb`, escaped as `flags` (enum markup_flags)
 * say. '&', '<' and '>' are always escaped; a carriage return in text is written as &#13;
 * (end-of-line handling would read a raw one as a line feed) unless MARKUP_BAD_SPACE. Invalid
 * UTF-8 becomes U+FFFD, one for each byte that begins no valid sequence, unless
 * MARKUP_BAD_FAIL. Returns true, or false under MARKUP_BAD_FAIL, when the part appended so far
 * is to be discarded by the caller. */
bool markup_escape(struct strbuf *sb, const char *s, size_t len, unsigned flags);

/* The byte offset in `s` of the first character XML 1.0 cannot carry (a C0 control but tab,
 * line feed and carriage return; U+FFFE, U+FFFF) or of invalid UTF-8, with the code point in
 * *cp (the byte for invalid UTF-8); `len` when there is none. */
size_t markup_xml_bad(const char *s, size_t len, uint32_t *cp);

#endif
