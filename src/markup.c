/* SPDX-License-Identifier: MIT */
/* markup: the XML/HTML escaper behind every XML, JUnit, HTML and SVG output. */
#include "markup.h"

#include <stdint.h>

#include "utf8.h"

/* The ASCII bytes no flag ever changes: printable, but & < > " (and space, which only
 * MARKUP_EDGE_WS changes, is handled with the edges). */
static bool ascii_plain(unsigned char c)
{
	return utf8_is_print_ascii(c) && c != '&' && c != '<' && c != '>' && c != '"';
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *ws_ref(unsigned char c)
{
	switch (c) {
	case '\t':
		return "&#9;";
	case '\n':
		return "&#10;";
	case '\r':
		return "&#13;";
	default:
		return "&#32;";
	}
}

/* Characters XML 1.0 cannot carry at all, not even as a character reference. */
static bool xml_char_ok(uint32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

size_t markup_xml_bad(const char *s, size_t len, uint32_t *cp)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t v = c;
		size_t k = c < 0x80 ? 1 : utf8_decode(s + i, len - i, &v);
		if (!k || !xml_char_ok(v)) {
			*cp = v;
			return i;
		}
		i += k;
	}
	return len;
}

/* Runs that need no escape are copied with one strbuf_add: per-character appends were most of
 * `convert --to xml` and 7 % of `table --format html`. */
bool markup_escape(struct strbuf *sb, const char *s, size_t len, unsigned flags)
{
	bool attr = flags & MARKUP_ATTR, quot = attr || (flags & MARKUP_QUOT);
	bool space = flags & MARKUP_BAD_SPACE, fail = flags & MARKUP_BAD_FAIL;
	size_t lead = 0, trail = len;
	if (flags & MARKUP_EDGE_WS) {
		while (lead < len && is_ws((unsigned char)s[lead]))
			lead++;
		while (trail > lead && is_ws((unsigned char)s[trail - 1]))
			trail--;
	}
	size_t run = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		bool edge = i < lead || i >= trail;
		if (ascii_plain(c) && !(edge && c == ' ')) {
			i++;
			continue;
		}
		/* most CJK text; U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not characters */
		if (utf8_is_plain3(s + i, len - i) &&
		    !(c == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
		      (unsigned char)s[i + 2] >= 0xBE)) {
			i += 3;
			continue;
		}
		uint32_t cp = c;
		size_t k = c < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
		const char *rep = NULL; /* the replacement; "" drops the character */
		if (!k) {
			if (fail)
				return false;
			k = 1;
			rep = "\xEF\xBF\xBD";
		} else if (!xml_char_ok(cp) || (cp == '\r' && space)) {
			if (fail)
				return false;
			rep = space ? " " : "";
		} else if (cp == '&') {
			rep = "&amp;";
		} else if (cp == '<') {
			rep = "&lt;";
		} else if (cp == '>') {
			rep = "&gt;";
		} else if (cp == '"') {
			rep = quot ? "&quot;" : NULL;
		} else if (cp == '\r' ||
			   (is_ws((unsigned char)cp) && (edge || (attr && cp != ' ')))) {
			rep = ws_ref((unsigned char)cp);
		}
		if (rep) {
			strbuf_add(sb, s + run, i - run);
			strbuf_adds(sb, rep);
			run = i + k;
		}
		i += k;
	}
	strbuf_add(sb, s + run, len - run);
	return true;
}
