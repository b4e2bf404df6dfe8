/* SPDX-License-Identifier: MIT */
/* json: the one JSON string escaper and a small streaming writer into a strbuf, for every JSON
 * zhun writes: findings (json, sarif), diff json, table json, and the messages of a language
 * server. The writer places the commas, the colons and the white space, so a caller cannot
 * produce invalid JSON by forgetting one.
 *
 *	struct strbuf sb;
 *	struct json_writer w;
 *	strbuf_init(&sb);
 *	json_writer_init(&w, &sb, JSON_PRETTY);
 *	json_begin_object(&w, NULL, JSON_PRETTY);
 *	json_string(&w, "zhun", "table");
 *	json_begin_array(&w, "codes", JSON_LINE);
 *	json_int(&w, NULL, 1);
 *	json_end(&w);
 *	json_end(&w);
 *	json_writer_release(&w);
 *
 * gives {⏎  "zhun": "table",⏎  "codes": [1]⏎} with no final line feed. */
#ifndef ZHUN_JSON_H
#define ZHUN_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "strbuf.h"

/* Append `len` bytes of `s` (any bytes, NUL included) to `sb` as one JSON string literal, quotes
 * included. The result is valid JSON for any input and safe to show or to embed in a script:
 * '"' and '\' are escaped, backspace, form feed, line feed, carriage return and tab as \b \f
 * \n \r \t, every other C0 control, DEL, the C1 controls (U+0080 to U+009F), U+2028 and U+2029
 * as \uXXXX (lower-case hexadecimal). Invalid UTF-8 is replaced deterministically: each byte that
 * does not begin a valid sequence (a stray continuation byte, a truncated, overlong or surrogate
 * sequence, a code point past U+10FFFF) becomes one \ufffd, and the scan goes on at the next byte.
 * All other text, non-ASCII included, is copied unchanged. */
void json_str(struct strbuf *sb, const char *s, size_t len);

/* How the members of an object or the elements of an array are laid out. A container is never
 * looser than the one it sits in: asking for JSON_PRETTY inside a JSON_LINE container gives a
 * JSON_LINE one, and everything inside a JSON_COMPACT writer is compact. */
enum json_layout {
	JSON_PRETTY,  /* one member a line, indented two spaces a level; empty: {} or [] */
	JSON_LINE,    /* on one line, ", " between members and ": " after keys */
	JSON_COMPACT, /* no white space at all, for messages between programs */
};

/* A writer. `out` is where the text goes; a caller may append to it between values (a line
 * feed after a document, the framing of a message) and, when it is its own buffer, empty it at
 * any time, since the writer keeps its state apart. The other fields are private, and a writer
 * is not copied (one to a file points into itself). */
struct json_writer {
	struct strbuf *out;
	struct json_level *levels; /* defined in json.c; levels[0] is the top level */
	size_t depth, cap;
	FILE *file; /* json_writer_init_file: where `own` goes */
	struct strbuf own;
};

/* Start writing into the caller's `out`. `layout` is the loosest layout any container may have
 * (JSON_COMPACT makes the whole output compact). Values at the top level are written one after
 * another with nothing between them: a caller writing several (a stream of messages) frames
 * them itself. */
void json_writer_init(struct json_writer *w, struct strbuf *out, enum json_layout layout);
/* The same, writing to `file`: the text is buffered and written out in large pieces, the rest
 * by json_writer_release (errors show in ferror(file)). */
void json_writer_init_file(struct json_writer *w, FILE *file, enum json_layout layout);
/* Free the writer's memory (not the caller's `out`); a writer to a file first writes what it
 * still holds, as fclose does. Containers left open stay unterminated. */
void json_writer_release(struct json_writer *w);

/* Every function below writes one value. `key` is the member name inside an object and NULL
 * inside an array or at the top level. A misused key still gives valid JSON: a key inside an
 * array is ignored, a missing one inside an object is written as "". */

/* Open an object or an array laid out as `layout` (see enum json_layout); json_end closes it. */
void json_begin_object(struct json_writer *w, const char *key, enum json_layout layout);
void json_begin_array(struct json_writer *w, const char *key, enum json_layout layout);
/* Close the innermost open container (nothing happens when none is open). A JSON_PRETTY one
 * that holds something ends on a line of its own. */
void json_end(struct json_writer *w);

/* A string (json_str), or null when `s` is NULL. */
void json_string(struct json_writer *w, const char *key, const char *s);
void json_int(struct json_writer *w, const char *key, intmax_t v);
void json_uint(struct json_writer *w, const char *key, uintmax_t v);
void json_bool(struct json_writer *w, const char *key, bool v);
void json_null(struct json_writer *w, const char *key);
/* A number the caller has formatted (for example "12.5"). It is copied as is: it must be a
 * valid JSON number, which is not checked. */
void json_number(struct json_writer *w, const char *key, const char *literal);

#endif
