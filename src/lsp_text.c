/* SPDX-License-Identifier: MIT */
/* lsp_text: the open documents of the language server — their URIs, their buffers under full
 * and incremental sync — and the conversion between zhun's positions (line, column in code
 * points) and the client's (line, character in UTF-16 code units, or bytes when it chose
 * utf-8). */
#include "lsp_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdno.h"
#include "utf8.h"
#include "xalloc.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *lsp_uri_to_path(const char *uri)
{
	if (!uri || strncmp(uri, "file://", 7))
		return NULL;
	const char *p = uri + 7;
	if (!strncmp(p, "localhost/", 10))
		p += 9;
	if (*p != '/')
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	for (; *p && *p != '?' && *p != '#'; p++) {
		int h, l;
		if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
			char c = (char)(h * 16 + l);
			if (!c) { /* a NUL cannot be part of a path */
				strbuf_release(&sb);
				return NULL;
			}
			strbuf_addc(&sb, c);
			p += 2;
		} else {
			strbuf_addc(&sb, *p);
		}
	}
	char *raw = strbuf_detach(&sb, NULL);
	char *norm = lsp_path_normalise(raw);
	free(raw);
	return norm;
}

char *lsp_path_to_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_adds(&sb, "file://");
	if (path[0] != '/') {
		/* a relative name (a finding about "-" or an operand): anchor it at the cwd */
		char cwd[4096];
		if (getcwd(cwd, sizeof cwd)) {
			char *n = lsp_path_normalise(cwd);
			strbuf_adds(&sb, n);
			free(n);
		}
		strbuf_addc(&sb, '/');
	}
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c)) {
			strbuf_addc(&sb, (char)c);
		} else {
			strbuf_addc(&sb, '%');
			strbuf_addc(&sb, hex[c >> 4]);
			strbuf_addc(&sb, hex[c & 15]);
		}
	}
	return strbuf_detach(&sb, NULL);
}

char *lsp_path_normalise(const char *path)
{
	bool abs = path[0] == '/';
	size_t len = strlen(path);
	/* segments as (start, length) pairs kept on a stack; ".." pops one */
	size_t *seg = xmalloc((len / 2 + 2) * 2 * sizeof *seg);
	size_t nseg = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && path[i] == '/')
			i++;
		size_t s = i;
		while (i < len && path[i] != '/')
			i++;
		size_t n = i - s;
		if (!n || (n == 1 && path[s] == '.'))
			continue;
		if (n == 2 && path[s] == '.' && path[s + 1] == '.') {
			if (nseg && !(seg[2 * nseg - 1] == 2 && path[seg[2 * nseg - 2]] == '.' &&
				      path[seg[2 * nseg - 2] + 1] == '.')) {
				nseg--;
				continue;
			}
			if (abs)
				continue;
		}
		seg[2 * nseg] = s;
		seg[2 * nseg + 1] = n;
		nseg++;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	for (size_t k = 0; k < nseg; k++) {
		if (k || abs)
			strbuf_addc(&sb, '/');
		strbuf_add(&sb, path + seg[2 * k], seg[2 * k + 1]);
	}
	if (!sb.len)
		strbuf_adds(&sb, abs ? "/" : ".");
	free(seg);
	return strbuf_detach(&sb, NULL);
}

struct lsp_doc *lsp_doc_find(struct lsp_server *s, const char *uri)
{
	for (size_t i = 0; uri && i < s->ndocs; i++)
		if (!strcmp(s->docs[i]->uri, uri))
			return s->docs[i];
	return NULL;
}

struct lsp_doc *lsp_doc_by_path(struct lsp_server *s, const char *path)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (!strcmp(s->docs[i]->path, path))
			return s->docs[i];
	return NULL;
}

static size_t *lines_of(const char *s, size_t len, size_t *n)
{
	size_t count = 1;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p))); p++)
		count++;
	size_t *v = xmalloc(count * sizeof *v);
	v[0] = 0;
	size_t k = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			v[k++] = i + 1;
	*n = count;
	return v;
}

void lsp_text_of_doc(struct lsp_doc *d, struct lsp_text *t)
{
	if (d->lines_stale || !d->line_start) {
		free(d->line_start);
		d->line_start = lines_of(d->text.buf, d->text.len, &d->nlines);
		d->lines_stale = false;
	}
	t->s = d->text.buf;
	t->len = d->text.len;
	t->line_start = d->line_start;
	t->nlines = d->nlines;
	t->own = NULL;
}

void lsp_text_get(struct lsp_server *s, const char *path, struct lsp_text *t)
{
	struct lsp_doc *d = lsp_doc_by_path(s, path);
	if (d) {
		lsp_text_of_doc(d, t);
		return;
	}
	/* a file the findings name and no editor holds is read as every linked file is, or taken
	 * as empty: a FIFO in the checkout must not hang the server, nor /dev/zero fill it */
	struct diag_store quiet;
	diag_store_init(&quiet);
	size_t len = 0;
	char *buf = load_read(path, path, LOAD_REGULAR, &len, &quiet, &s->lim, NULL);
	diag_store_release(&quiet);
	t->len = buf ? len : 0;
	t->own = buf ? buf : xstrdup("");
	t->s = t->own;
	t->line_start = lines_of(t->s, t->len, &t->nlines);
}

void lsp_text_release(struct lsp_text *t)
{
	if (t->own) {
		free(t->own);
		free(t->line_start);
	}
	memset(t, 0, sizeof *t);
}

/* The bytes of line `line` (0-based, clamped), without its line ending. */
static void line_span(const struct lsp_text *t, long line, size_t *start, size_t *end)
{
	if (line < 0)
		line = 0;
	if ((size_t)line >= t->nlines) {
		*start = *end = t->len;
		return;
	}
	*start = t->line_start[line];
	size_t e = (size_t)line + 1 < t->nlines ? t->line_start[line + 1] - 1 : t->len;
	if (e > *start && t->s[e - 1] == '\r')
		e--;
	*end = e;
}

/* One code point at s[i] (an invalid byte counts as one, as utf8_count does). */
static size_t cp_at(const char *s, size_t i, size_t end, uint32_t *cp)
{
	size_t n = utf8_decode(s + i, end - i, cp);
	return n ? n : 1;
}

size_t lsp_pos_to_offset(const struct lsp_server *s, const struct lsp_text *t, long line,
			 long character)
{
	size_t i, end;
	line_span(t, line, &i, &end);
	if (character <= 0)
		return i;
	long units = 0;
	while (i < end) {
		uint32_t cp;
		size_t n = cp_at(t->s, i, end, &cp);
		long w = s->utf8 ? (long)n : (cp > 0xFFFF ? 2 : 1);
		if (units + w > character)
			break; /* inside a character: its start */
		units += w;
		i += n;
		if (units == character)
			break;
	}
	return i;
}

void lsp_pos_from_loc(const struct lsp_server *s, const struct lsp_text *t, struct loc l,
		      long *line, long *character)
{
	*line = l.line ? (long)l.line - 1 : 0;
	*character = 0;
	if (!l.line || l.col <= 1)
		return;
	if ((size_t)*line >= t->nlines) {
		*character = (long)l.col - 1;
		return;
	}
	size_t i, end;
	line_span(t, *line, &i, &end);
	long units = 0;
	for (uint32_t k = 1; k < l.col && i < end; k++) {
		uint32_t cp;
		size_t n = cp_at(t->s, i, end, &cp);
		units += s->utf8 ? (long)n : (cp > 0xFFFF ? 2 : 1);
		i += n;
	}
	*character = units;
}

struct loc lsp_offset_to_loc(const struct lsp_text *t, size_t off)
{
	if (off > t->len)
		off = t->len;
	/* the last line starting at or before off */
	size_t lo = 0, hi = t->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	struct loc l = { (uint32_t)lo + 1, 1 };
	l.col += (uint32_t)utf8_count(t->s + t->line_start[lo], off - t->line_start[lo]);
	return l;
}

static void write_pos(struct json_writer *w, const char *key, const struct lsp_server *s,
		      const struct lsp_text *t, struct loc l)
{
	long line, ch;
	lsp_pos_from_loc(s, t, l, &line, &ch);
	json_begin_object(w, key, JSON_COMPACT);
	json_int(w, "line", line);
	json_int(w, "character", ch);
	json_end(w);
}

void lsp_write_range(struct json_writer *w, const char *key, const struct lsp_server *s,
		     const struct lsp_text *t, struct loc a, struct loc b)
{
	json_begin_object(w, key, JSON_COMPACT);
	write_pos(w, "start", s, t, a);
	write_pos(w, "end", s, t, b.line ? b : a);
	json_end(w);
}

struct loc lsp_word_end(const struct lsp_text *t, struct loc l)
{
	if (!l.line || l.line > t->nlines)
		return l;
	size_t i, end;
	line_span(t, (long)l.line - 1, &i, &end);
	struct loc e = { l.line, 1 };
	while (e.col < l.col && i < end) {
		uint32_t cp;
		i += cp_at(t->s, i, end, &cp);
		e.col++;
	}
	/* a standard number holds a space ("GB/T 24421.1—2023"): all of it */
	struct stdno no;
	size_t nlen = stdno_scan(t->s + i, end - i, &no);
	if (nlen) {
		e.col += (uint32_t)utf8_count(t->s + i, nlen);
		return e;
	}
	for (int k = 0; k < 40 && i < end; k++) {
		uint32_t cp;
		size_t n = cp_at(t->s, i, end, &cp);
		if (utf8_is_space(cp) || (k && (cp == ':' || cp == ',')))
			break;
		i += n;
		e.col++;
	}
	return e;
}

bool lsp_doc_apply(struct lsp_server *s, struct lsp_doc *d, const struct cJSON *change)
{
	const char *text = lsp_json_str(lsp_json_get(change, "text"));
	if (!text)
		return false;
	const struct cJSON *range = lsp_json_get(change, "range");
	if (!range) {
		strbuf_reset(&d->text);
		strbuf_adds(&d->text, text);
		d->lines_stale = true;
		return true;
	}
	long sl, sc, el, ec;
	if (!lsp_json_int(lsp_json_path(range, "start.line"), &sl) ||
	    !lsp_json_int(lsp_json_path(range, "start.character"), &sc) ||
	    !lsp_json_int(lsp_json_path(range, "end.line"), &el) ||
	    !lsp_json_int(lsp_json_path(range, "end.character"), &ec))
		return false;
	struct lsp_text t;
	lsp_text_of_doc(d, &t);
	size_t a = lsp_pos_to_offset(s, &t, sl, sc);
	size_t b = lsp_pos_to_offset(s, &t, el, ec);
	if (b < a)
		b = a;
	size_t tl = strlen(text);
	if (d->text.len - (b - a) + tl > s->lim.max_file_size)
		return false;
	struct strbuf nb = STRBUF_INIT;
	strbuf_init(&nb);
	strbuf_grow(&nb, d->text.len - (b - a) + tl);
	strbuf_add(&nb, d->text.buf, a);
	strbuf_add(&nb, text, tl);
	strbuf_add(&nb, d->text.buf + b, d->text.len - b);
	strbuf_release(&d->text);
	d->text = nb;
	d->lines_stale = true;
	return true;
}
