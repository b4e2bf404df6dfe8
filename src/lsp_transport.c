/* SPDX-License-Identifier: MIT */
/* lsp_transport: the base protocol's framing — header lines, then Content-Length bytes of
 * body — read from whatever bytes have arrived, robust to headers it does not understand and
 * bounded in what it keeps. */
#include "lsp_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A header block longer than this is not a header: it is dropped, not buffered further. */
enum { HEADER_MAX = 8192 };

void lsp_reader_init(struct lsp_reader *r, size_t max_message)
{
	strbuf_init(&r->buf);
	r->max_message = max_message;
	r->skipping = false;
	r->skip_left = 0;
}

void lsp_reader_release(struct lsp_reader *r)
{
	strbuf_release(&r->buf);
}

static void drop(struct lsp_reader *r, size_t n)
{
	if (n > r->buf.len)
		n = r->buf.len;
	memmove(r->buf.buf, r->buf.buf + n, r->buf.len - n);
	strbuf_setlen(&r->buf, r->buf.len - n);
}

/* The end of the header block (the offset of its body) in buf, 0 when not all there yet. Lines
 * end in CRLF as the specification says, or in a bare LF as some clients write them. */
static size_t header_end(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != '\n')
			continue;
		if (s[i + 1] == '\n')
			return i + 2;
		if (s[i + 1] == '\r' && i + 2 < len && s[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* The value of Content-Length in the header block, or -1 when it is missing, malformed or
 * given twice with different values. Other headers (Content-Type) are ignored. */
static long long content_length(const char *s, size_t len)
{
	static const char name[] = "content-length";
	long long value = -1;
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		size_t n = sizeof name - 1;
		if (e - i > n && !strncasecmp(s + i, name, n) && s[i + n] == ':') {
			size_t p = i + n + 1;
			while (p < e && (s[p] == ' ' || s[p] == '\t'))
				p++;
			long long v = 0;
			size_t digits = 0;
			while (p < e && isdigit((unsigned char)s[p]) && digits < 18) {
				v = v * 10 + (s[p++] - '0');
				digits++;
			}
			while (p < e && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r'))
				p++;
			if (!digits || p != e || (value >= 0 && v != value))
				return -1;
			value = v;
		}
		i = e + 1;
	}
	return value;
}

enum lsp_frame lsp_reader_next(struct lsp_reader *r, struct strbuf *body)
{
	if (r->skipping) {
		size_t n = r->skip_left < r->buf.len ? r->skip_left : r->buf.len;
		drop(r, n);
		r->skip_left -= n;
		if (r->skip_left)
			return LSP_FRAME_NONE;
		r->skipping = false;
	}
	/* blank lines between messages are tolerated */
	size_t lead = 0;
	while (lead < r->buf.len && (r->buf.buf[lead] == '\r' || r->buf.buf[lead] == '\n'))
		lead++;
	drop(r, lead);
	size_t he = header_end(r->buf.buf, r->buf.len);
	if (!he) {
		if (r->buf.len <= HEADER_MAX)
			return LSP_FRAME_NONE;
		strbuf_reset(&r->buf);
		return LSP_FRAME_BAD;
	}
	if (he > HEADER_MAX) {
		drop(r, he);
		return LSP_FRAME_BAD;
	}
	long long n = content_length(r->buf.buf, he);
	if (n < 0) {
		drop(r, he);
		return LSP_FRAME_BAD;
	}
	if ((unsigned long long)n > r->max_message) {
		/* skip the body as it arrives, without keeping it */
		drop(r, he);
		r->skipping = true;
		r->skip_left = (size_t)n;
		size_t k = r->skip_left < r->buf.len ? r->skip_left : r->buf.len;
		drop(r, k);
		r->skip_left -= k;
		r->skipping = r->skip_left > 0;
		return LSP_FRAME_BAD;
	}
	if (r->buf.len - he < (size_t)n)
		return LSP_FRAME_NONE;
	strbuf_reset(body);
	strbuf_add(body, r->buf.buf + he, (size_t)n);
	drop(r, he + (size_t)n);
	return LSP_FRAME_MESSAGE;
}
