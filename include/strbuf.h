/* SPDX-License-Identifier: MIT */
/* strbuf: growable byte strings. Invariant: after strbuf_init or STRBUF_INIT, buf is never NULL
 * and buf[len] == '\0', so buf can always be used as a C string. A strbuf that owns no memory
 * yet (cap == 0) points at strbuf_slopbuf, a shared empty string that is never freed and never
 * written but for its terminating NUL. */
#ifndef ZHUN_STRBUF_H
#define ZHUN_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

extern char strbuf_slopbuf[1];
#define STRBUF_INIT                                                                                \
	{                                                                                          \
		strbuf_slopbuf, 0, 0                                                               \
	}

void strbuf_init(struct strbuf *sb);
/* Free the buffer; the strbuf may be re-initialised afterwards. */
void strbuf_release(struct strbuf *sb);
/* Keep the buffer, set the length to 0. */
void strbuf_reset(struct strbuf *sb);
/* Return the buffer (caller frees) and re-initialise the strbuf. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
/* Append `n` copies of `s`. */
void strbuf_addrep(struct strbuf *sb, const char *s, size_t n);
/* Append `v` in decimal, as "%llu" would, for loops where a format string costs too much. */
void strbuf_addu(struct strbuf *sb, unsigned long long v);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Append the whole file at `path`. Returns 0, or -1 with errno set when it cannot be opened or
 * read (what was read before a read error stays appended). */
int strbuf_read_file(struct strbuf *sb, const char *path);

/* True when C string `s` begins / ends with `affix` (byte comparison). */
bool str_has_prefix(const char *s, const char *affix);
bool str_has_suffix(const char *s, const char *affix);

#endif
