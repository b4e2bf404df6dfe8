/* SPDX-License-Identifier: MIT */
/* json: the JSON string escaper and the streaming writer that every JSON output goes through. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

static const char hex[] = "0123456789abcdef";

static void add_u4(struct strbuf *sb, uint32_t cp)
{
	char e[6] = {
		'\\',	     'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
		hex[cp & 15]
	};
	strbuf_add(sb, e, sizeof e);
}

/* The characters with a two-character escape (\n …) and the letter of each, in step. */
static const char short_from[] = "\"\\\n\r\t\b\f", short_to[] = "\"\\nrtbf";

/* The ASCII bytes copied as they are: printable, but '"' and '\'. */
static bool ascii_plain(unsigned char c)
{
	return utf8_is_print_ascii(c) && c != '"' && c != '\\';
}

/* Runs that need no escape are copied with one strbuf_add: per-byte appends were most of
 * `table --format json`. A code point is decoded only where a byte is neither plain ASCII nor
 * the start of a common three-byte character. */
void json_str(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_addc(sb, '"');
	size_t i = 0, run = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (ascii_plain(c)) {
			i++;
			continue;
		}
		/* of those only U+2028 and U+2029 (E2 80 A8, E2 80 A9) need an escape */
		if (utf8_is_plain3(s + i, len - i) &&
		    !(c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		      ((unsigned char)s[i + 2] & 0xFE) == 0xA8)) {
			i += 3;
			continue;
		}
		uint32_t cp = c;
		size_t k = 1;
		if (c >= 0x80) {
			k = utf8_decode(s + i, len - i, &cp);
			/* C1 controls are invisible yet act on some terminals; U+2028/9 end a
			 * line in JavaScript before ES2019 */
			if (k && cp >= 0xA0 && cp != 0x2028 && cp != 0x2029) {
				i += k;
				continue;
			}
			if (!k) {
				k = 1;
				cp = 0xFFFD;
			}
		}
		strbuf_add(sb, s + run, i - run);
		const char *two = cp && cp < 0x80 ? strchr(short_from, (int)cp) : NULL;
		if (two)
			strbuf_add(sb, (char[2]){ '\\', short_to[two - short_from] }, 2);
		else
			add_u4(sb, cp);
		i += k;
		run = i;
	}
	strbuf_add(sb, s + run, len - run);
	strbuf_addc(sb, '"');
}

struct json_level {
	unsigned char layout; /* enum json_layout */
	bool array;
	bool empty; /* nothing written in it yet: no comma due */
};

/* A writer to a file writes out once this much is buffered: a long report is then never held
 * in memory whole, and the file gets few large writes. */
enum { FILE_CHUNK = 1 << 16 };

void json_writer_init(struct json_writer *w, struct strbuf *out, enum json_layout layout)
{
	w->out = out;
	w->file = NULL;
	strbuf_init(&w->own);
	w->cap = 0;
	w->levels = NULL;
	XGROW(w->levels, w->cap, 8);
	w->depth = 0;
	w->levels[0] = (struct json_level){ (unsigned char)layout, false, true };
}

void json_writer_init_file(struct json_writer *w, FILE *file, enum json_layout layout)
{
	json_writer_init(w, NULL, layout);
	w->out = &w->own;
	w->file = file;
}

static void write_out(struct json_writer *w)
{
	if (w->own.len)
		fwrite(w->own.buf, 1, w->own.len, w->file);
	strbuf_reset(&w->own);
}

void json_writer_release(struct json_writer *w)
{
	if (w->file)
		write_out(w);
	strbuf_release(&w->own);
	free(w->levels);
	w->levels = NULL;
	w->depth = w->cap = 0;
}

/* Two spaces a level, in one append. */
static void indent(struct strbuf *out, size_t depth)
{
	static const char spaces[] = "                                                ";
	size_t n = 2 * depth;
	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		strbuf_add(out, spaces, k);
		n -= k;
	}
}

/* What comes before a value: the comma, the line break or space, the key. */
static void item(struct json_writer *w, const char *key)
{
	if (w->file && w->own.len >= FILE_CHUNK)
		write_out(w);
	struct json_level *l = &w->levels[w->depth];
	if (w->depth > 0) {
		if (!l->empty)
			strbuf_addc(w->out, ',');
		if (l->layout == JSON_PRETTY) {
			strbuf_addc(w->out, '\n');
			indent(w->out, w->depth);
		} else if (l->layout == JSON_LINE && !l->empty) {
			strbuf_addc(w->out, ' ');
		}
	}
	l->empty = false;
	if (w->depth == 0 || l->array)
		return;
	if (key)
		json_str(w->out, key, strlen(key));
	else
		strbuf_add(w->out, "\"\"", 2);
	if (l->layout == JSON_COMPACT)
		strbuf_addc(w->out, ':');
	else
		strbuf_add(w->out, ": ", 2);
}

static void begin(struct json_writer *w, const char *key, enum json_layout layout, bool array)
{
	item(w, key);
	strbuf_addc(w->out, array ? '[' : '{');
	unsigned char outer = w->levels[w->depth].layout;
	XGROW(w->levels, w->cap, w->depth + 2);
	w->depth++;
	w->levels[w->depth] =
	    (struct json_level){ (unsigned char)layout > outer ? (unsigned char)layout : outer,
				 array, true };
}

void json_begin_object(struct json_writer *w, const char *key, enum json_layout layout)
{
	begin(w, key, layout, false);
}

void json_begin_array(struct json_writer *w, const char *key, enum json_layout layout)
{
	begin(w, key, layout, true);
}

void json_end(struct json_writer *w)
{
	if (w->depth == 0)
		return;
	const struct json_level *l = &w->levels[w->depth];
	w->depth--;
	if (l->layout == JSON_PRETTY && !l->empty) {
		strbuf_addc(w->out, '\n');
		indent(w->out, w->depth);
	}
	strbuf_addc(w->out, l->array ? ']' : '}');
}

void json_string(struct json_writer *w, const char *key, const char *s)
{
	item(w, key);
	if (s)
		json_str(w->out, s, strlen(s));
	else
		strbuf_add(w->out, "null", 4);
}

void json_uint(struct json_writer *w, const char *key, uintmax_t v)
{
	item(w, key);
	strbuf_addu(w->out, v);
}

void json_int(struct json_writer *w, const char *key, intmax_t v)
{
	item(w, key);
	if (v < 0)
		strbuf_addc(w->out, '-');
	/* negate in unsigned arithmetic: -INTMAX_MIN does not fit */
	strbuf_addu(w->out, v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v);
}

void json_bool(struct json_writer *w, const char *key, bool v)
{
	item(w, key);
	strbuf_adds(w->out, v ? "true" : "false");
}

void json_null(struct json_writer *w, const char *key)
{
	item(w, key);
	strbuf_add(w->out, "null", 4);
}

void json_number(struct json_writer *w, const char *key, const char *literal)
{
	item(w, key);
	strbuf_adds(w->out, literal);
}
