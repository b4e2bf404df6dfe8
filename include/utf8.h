/* SPDX-License-Identifier: MIT */
/* utf8: decoding, validation, code-point counting and terminal display width (CJK double
 * width) for the UTF-8 text zhun reads and prints. */
#ifndef ZHUN_UTF8_H
#define ZHUN_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* Decode one code point at s (at most `len` bytes). Returns its byte length (1..4) and stores it
 * in *cp, or returns 0 for an invalid or truncated sequence (then *cp = U+FFFD). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* True when the `len` bytes at s begin with a three-byte sequence whose lead byte (E1 to EC,
 * EE, EF) rules out overlong and surrogate forms: most CJK text, recognised without decoding,
 * for scanners that look at every character of a large output (the JSON and XML escapers). */
static inline bool utf8_is_plain3(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	return len >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && (u[1] & 0xC0) == 0x80 &&
	       (u[2] & 0xC0) == 0x80;
}
/* True for printable ASCII, space to '~': the bytes the escapers copy as they are unless they
 * are one of the few each format escapes. */
static inline bool utf8_is_print_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7F;
}
/* Encode `cp` into out (4 bytes at least); returns the byte length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Offset of the first invalid byte, or `len` when all of s is valid UTF-8. */
size_t utf8_validate(const char *s, size_t len);
/* Number of code points in s (invalid bytes count as one each). */
size_t utf8_count(const char *s, size_t len);
/* Columns a code point occupies on a terminal: 0, 1 or 2 (East Asian Wide/Fullwidth = 2). */
int utf8_cp_width(uint32_t cp);
/* Display width of a string (sum of utf8_cp_width). */
size_t utf8_width(const char *s, size_t len);
/* Byte length of the longest prefix of s whose display width is at most `cols`. */
size_t utf8_prefix_for_width(const char *s, size_t len, size_t cols);
/* True for ASCII white space, U+00A0 NO-BREAK SPACE and U+3000 IDEOGRAPHIC SPACE. */
bool utf8_is_space(uint32_t cp);
/* True when C string s is NULL, empty or nothing but utf8_is_space white space. */
bool utf8_is_blank(const char *s);
/* Append C string `s` (NULL: nothing) to sb with every run of utf8_is_space white space folded
 * to one U+0020 and both ends trimmed; when sb already holds text and s adds any, one space
 * separates the two. An invalid byte is copied as it is. This is how titles and boilerplate
 * compare (model.md §6): authors type U+3000 between the parts of a title as often as U+0020. */
void utf8_fold_space(struct strbuf *sb, const char *s);
/* True when a and b (not NULL) are equal once folded by utf8_fold_space. */
bool utf8_fold_space_equal(const char *a, const char *b);

#endif
