/* SPDX-License-Identifier: MIT */
/* strbuf: growable NUL-terminated byte strings. */
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb)
{
	sb->buf = strbuf_slopbuf;
	sb->len = 0;
	sb->cap = 0;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->cap)
		free(sb->buf);
	strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	if (!sb->cap)
		strbuf_grow(sb, 0);
	char *r = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb);
	return r;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	if (sb->cap) {
		sb->buf = xrealloc(sb->buf, cap);
	} else {
		sb->buf = xmalloc(cap);
		sb->buf[0] = '\0';
	}
	sb->cap = cap;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addrep(struct strbuf *sb, const char *s, size_t n)
{
	size_t l = strlen(s);
	strbuf_grow(sb, l * n);
	while (n--)
		strbuf_add(sb, s, l);
}

void strbuf_addu(struct strbuf *sb, unsigned long long v)
{
	char tmp[24];
	size_t i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	strbuf_add(sb, tmp + i, sizeof tmp - i);
}

/* Format straight into the free space, and a second time only when it did not fit: renderers
 * and writers call this per cell and per attribute, and measuring first doubled their cost. */
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	size_t avail = sb->cap ? sb->cap - sb->len : 0;
	int n = vsnprintf(avail ? sb->buf + sb->len : NULL, avail, fmt, cp);
	va_end(cp);
	if (n <= 0) {
		if (sb->cap)
			sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n < avail) {
		sb->len += (size_t)n;
		return;
	}
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

int strbuf_read_file(struct strbuf *sb, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(sb, buf, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		errno = EIO;
		return -1;
	}
	return 0;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->cap) {
		if (len == 0)
			return;
		strbuf_grow(sb, len);
	}
	sb->len = len;
	sb->buf[len] = '\0';
}

bool str_has_prefix(const char *s, const char *affix)
{
	return strncmp(s, affix, strlen(affix)) == 0;
}

bool str_has_suffix(const char *s, const char *affix)
{
	size_t n = strlen(s), k = strlen(affix);
	return n >= k && memcmp(s + n - k, affix, k) == 0;
}
