/* SPDX-License-Identifier: MIT */
/* utf8: small, table-free UTF-8 helpers. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include "strbuf.h"

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	*cp = 0xFFFD;
	if (!len)
		return 0;
	unsigned c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (u[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Two common cases inline: eight ASCII bytes at a time, and the three-byte sequences of CJK
 * text whose lead byte admits every continuation (E1..EC, EE, EF: no overlong form, no
 * surrogate). Everything else goes through utf8_decode. Validation was a tenth of loading a
 * standard's full text. */
size_t utf8_validate(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		if (len - i >= 8) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if (!(w & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		unsigned c = u[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && len - i >= 3 &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = (unsigned char)s[i] < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		n++;
	}
	return n;
}

int utf8_cp_width(uint32_t cp)
{
	if (cp == 0 || (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B ||
	    (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || cp == 0x2329 || cp == 0x232A ||
	    (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/* Width of the code point at s, and its byte length in *k: an invalid byte is one U+FFFD, as a
 * terminal shows it. */
static size_t width_at(const char *s, size_t len, size_t *k)
{
	uint32_t cp;
	*k = utf8_decode(s, len, &cp);
	if (!*k)
		*k = 1; /* cp is U+FFFD */
	return (size_t)utf8_cp_width(cp);
}

size_t utf8_width(const char *s, size_t len)
{
	size_t i = 0, w = 0;
	while (i < len) {
		size_t k;
		w += width_at(s + i, len - i, &k);
		i += k;
	}
	return w;
}

size_t utf8_prefix_for_width(const char *s, size_t len, size_t cols)
{
	size_t i = 0, w = 0;
	while (i < len) {
		size_t k;
		size_t cw = width_at(s + i, len - i, &k);
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	return i;
}

bool utf8_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0x3000 || cp == 0xA0;
}

/* Called for every non-empty value a document holds (model_build): most begin with a byte that
 * settles it, ASCII or the lead byte of a character that is no space. */
bool utf8_is_blank(const char *s)
{
	if (!s)
		return true;
	for (;;) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80) {
			if (!c)
				return true;
			if (c != ' ' && (c < '\t' || c > '\r'))
				return false;
			s++;
			continue;
		}
		/* U+00A0 and U+3000 are the only spaces beyond ASCII */
		if (c != 0xC2 && c != 0xE3)
			return false;
		uint32_t cp;
		/* a code point is at most 4 bytes: no need to measure the whole paragraph */
		size_t k = utf8_decode(s, strnlen(s, 4), &cp);
		if (!k || !utf8_is_space(cp))
			return false;
		s += k;
	}
}

void utf8_fold_space(struct strbuf *sb, const char *s)
{
	if (!s)
		return;
	size_t len = strlen(s);
	bool pending = sb->len > 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k)
			k = 1; /* cp is U+FFFD: copied, never white space */
		if (utf8_is_space(cp)) {
			pending = sb->len > 0;
		} else {
			if (pending)
				strbuf_addc(sb, ' ');
			pending = false;
			strbuf_add(sb, s + i, k);
		}
		i += k;
	}
}

bool utf8_fold_space_equal(const char *a, const char *b)
{
	struct strbuf fa = STRBUF_INIT, fb = STRBUF_INIT;
	utf8_fold_space(&fa, a);
	utf8_fold_space(&fb, b);
	bool eq = fa.len == fb.len && !memcmp(fa.buf, fb.buf, fa.len);
	strbuf_release(&fa);
	strbuf_release(&fb);
	return eq;
}
