/* SPDX-License-Identifier: MIT */
/* Unit tests of the JSON escaper (every byte class, invalid UTF-8, a decoding round trip over
 * random bytes) and of the streaming writer (the three layouts, nesting, misuse). */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "strbuf.h"
#include "utf8.h"

/* json_str of `len` bytes as a C string the caller frees. */
static char *esc(const char *s, size_t len)
{
	struct strbuf sb;
	strbuf_init(&sb);
	json_str(&sb, s, len);
	return strbuf_detach(&sb, NULL);
}

static void expect_esc(const char *s, size_t len, const char *want)
{
	char *got = esc(s, len);
	cr_expect_str_eq(got, want);
	free(got);
}

#define EXPECT_ESC(lit, want) expect_esc(lit, sizeof lit - 1, want)

Test(json, plain_text_is_copied)
{
	EXPECT_ESC("", "\"\"");
	EXPECT_ESC("abc ~!", "\"abc ~!\"");
	EXPECT_ESC("标准体系表 GB/T 1.1—2020", "\"标准体系表 GB/T 1.1—2020\"");
	/* U+00A0 (first after C1), U+2027 and U+202A (around the line separators), U+FFFD,
	 * U+FFFF and a 4-byte character pass */
	EXPECT_ESC("\xc2\xa0\xe2\x80\xa7\xe2\x80\xaa\xef\xbf\xbd\xef\xbf\xbf\xf0\x9f\x98\x80",
		   "\"\xc2\xa0\xe2\x80\xa7\xe2\x80\xaa\xef\xbf\xbd\xef\xbf\xbf\xf0\x9f\x98\x80\"");
	EXPECT_ESC("/", "\"/\"");
}

Test(json, quotes_backslash_and_short_escapes)
{
	EXPECT_ESC("a\"b\\c", "\"a\\\"b\\\\c\"");
	EXPECT_ESC("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
}

/* Every C0 control, DEL and every C1 control is escaped; NUL too, since the length is given. */
Test(json, every_control_is_escaped)
{
	static const char *const shorts = "\b\f\n\r\t";
	for (unsigned c = 0; c < 0x20; c++) {
		char in = (char)c;
		char want[16];
		if (c && strchr(shorts, (int)c))
			continue;
		snprintf(want, sizeof want, "\"\\u%04x\"", c);
		expect_esc(&in, 1, want);
	}
	EXPECT_ESC("\x7f", "\"\\u007f\"");
	for (unsigned cp = 0x80; cp < 0xA0; cp++) {
		char in[2] = { (char)(0xC0 | cp >> 6), (char)(0x80 | (cp & 0x3F)) };
		char want[16];
		snprintf(want, sizeof want, "\"\\u%04x\"", cp);
		expect_esc(in, 2, want);
	}
	EXPECT_ESC("a\xe2\x80\xa8z\xe2\x80\xa9", "\"a\\u2028z\\u2029\"");
}

/* Each byte that does not begin a valid sequence is one \ufffd; the scan resumes at the next
 * byte, so a truncated sequence gives one replacement per byte. */
Test(json, invalid_utf8_is_replaced_per_byte)
{
	EXPECT_ESC("a\xff"
		   "b",
		   "\"a\\ufffdb\"");
	EXPECT_ESC("\x80", "\"\\ufffd\"");			 /* stray continuation */
	EXPECT_ESC("\xe6\xa0", "\"\\ufffd\\ufffd\"");		 /* truncated at the end */
	EXPECT_ESC("\xe6\xa0z", "\"\\ufffd\\ufffdz\"");		 /* truncated in the middle */
	EXPECT_ESC("\xc0\x80", "\"\\ufffd\\ufffd\"");		 /* overlong NUL */
	EXPECT_ESC("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""); /* surrogate */
	EXPECT_ESC("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* past U+10FFFF */
	EXPECT_ESC("\xc2", "\"\\ufffd\"");
}

/* ---- a string decoder, to read back what json_str wrote ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1; /* json_str writes lower case only */
}

/* Decode the literal at `s` (which must be exactly one string literal) into `out`. Fails the
 * test on anything a strict reader would reject. */
static void decode(const char *s, struct strbuf *out)
{
	size_t len = strlen(s);
	cr_assert(len >= 2 && s[0] == '"' && s[len - 1] == '"', "not a string literal: %s", s);
	cr_assert_eq(utf8_validate(s, len), len, "the literal is not valid UTF-8");
	for (size_t i = 1; i < len - 1;) {
		unsigned char c = (unsigned char)s[i];
		cr_assert(c >= 0x20 && c != 0x7F, "raw control byte 0x%02x", c);
		if (c == '"')
			cr_assert_fail("unescaped quote at %zu", i);
		if (c >= 0x80) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, len - 1 - i, &cp);
			cr_assert(cp >= 0xA0 && cp != 0x2028 && cp != 0x2029, "raw U+%04X", cp);
			strbuf_add(out, s + i, k);
			i += k;
			continue;
		}
		if (c != '\\') {
			strbuf_addc(out, (char)c);
			i++;
			continue;
		}
		char e = s[i + 1];
		const char *simple = strchr("\"\\/bfnrtu", e);
		cr_assert(e && simple, "bad escape \\%c", e);
		if (e != 'u') {
			static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
			strbuf_addc(out, to[strchr(from, e) - from]);
			i += 2;
			continue;
		}
		uint32_t cp = 0;
		for (int k = 0; k < 4; k++) {
			int h = hexval(s[i + 2 + k]);
			cr_assert(h >= 0, "bad \\u escape");
			cp = cp << 4 | (uint32_t)h;
		}
		cr_assert(cp < 0xD800 || cp > 0xDFFF, "a surrogate escape");
		char buf[4];
		strbuf_add(out, buf, utf8_encode(cp, buf));
		i += 6;
	}
}

/* What decoding must give: the input with each invalid byte as U+FFFD. */
static void repaired(const char *s, size_t len, struct strbuf *out)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			strbuf_adds(out, "\xef\xbf\xbd");
			i++;
		} else {
			strbuf_add(out, s + i, k);
			i += k;
		}
	}
}

/* Random bytes, weighted towards the interesting ones, always read back to the repaired input. */
Test(json, random_bytes_round_trip)
{
	static const unsigned char pool[] = { 0x00, 0x01, 0x08, 0x0a, 0x0d, 0x1f, 0x20, '"',
					      '\\', 'a',  0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xbf,
					      0xc2, 0xe2, 0xe6, 0xed, 0xef, 0xf0, 0xf4, 0xff };
	uint32_t seed = 12345;
	for (int round = 0; round < 3000; round++) {
		char in[24];
		size_t len = (size_t)(round % 24);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)pool[(seed >> 16) % sizeof pool];
		}
		char *lit = esc(in, len);
		struct strbuf got, want;
		strbuf_init(&got);
		strbuf_init(&want);
		decode(lit, &got);
		repaired(in, len, &want);
		cr_assert_eq(got.len, want.len, "round %d: %s", round, lit);
		cr_assert(!memcmp(got.buf, want.buf, got.len), "round %d: %s", round, lit);
		strbuf_release(&got);
		strbuf_release(&want);
		free(lit);
	}
}

/* ---- the writer ---- */

struct out {
	struct strbuf sb;
	struct json_writer w;
};

static void out_init(struct out *o, enum json_layout layout)
{
	strbuf_init(&o->sb);
	json_writer_init(&o->w, &o->sb, layout);
}

static void out_expect(struct out *o, const char *want)
{
	cr_expect_str_eq(o->sb.buf, want);
	json_writer_release(&o->w);
	strbuf_release(&o->sb);
}

/* The same document in all three layouts. */
static void sample(struct json_writer *w)
{
	json_begin_object(w, NULL, JSON_PRETTY);
	json_string(w, "s", "x\ny");
	json_int(w, "i", -3);
	json_uint(w, "u", 7);
	json_bool(w, "t", true);
	json_bool(w, "f", false);
	json_null(w, "n");
	json_string(w, "ns", NULL);
	json_number(w, "pct", "12.5");
	json_begin_array(w, "empty", JSON_PRETTY);
	json_end(w);
	json_begin_object(w, "eo", JSON_PRETTY);
	json_end(w);
	json_begin_array(w, "a", JSON_PRETTY);
	json_int(w, NULL, 1);
	json_begin_object(w, NULL, JSON_PRETTY);
	json_string(w, "k", "v");
	json_end(w);
	json_end(w);
	json_end(w);
}

Test(json, pretty_layout)
{
	struct out o;
	out_init(&o, JSON_PRETTY);
	sample(&o.w);
	out_expect(&o, "{\n"
		       "  \"s\": \"x\\ny\",\n"
		       "  \"i\": -3,\n"
		       "  \"u\": 7,\n"
		       "  \"t\": true,\n"
		       "  \"f\": false,\n"
		       "  \"n\": null,\n"
		       "  \"ns\": null,\n"
		       "  \"pct\": 12.5,\n"
		       "  \"empty\": [],\n"
		       "  \"eo\": {},\n"
		       "  \"a\": [\n"
		       "    1,\n"
		       "    {\n"
		       "      \"k\": \"v\"\n"
		       "    }\n"
		       "  ]\n"
		       "}");
}

Test(json, line_layout)
{
	struct out o;
	out_init(&o, JSON_LINE);
	sample(&o.w);
	out_expect(&o, "{\"s\": \"x\\ny\", \"i\": -3, \"u\": 7, \"t\": true, \"f\": false, "
		       "\"n\": null, \"ns\": null, \"pct\": 12.5, \"empty\": [], \"eo\": {}, "
		       "\"a\": [1, {\"k\": \"v\"}]}");
}

Test(json, compact_layout)
{
	struct out o;
	out_init(&o, JSON_COMPACT);
	sample(&o.w);
	out_expect(&o, "{\"s\":\"x\\ny\",\"i\":-3,\"u\":7,\"t\":true,\"f\":false,\"n\":null,"
		       "\"ns\":null,\"pct\":12.5,\"empty\":[],\"eo\":{},\"a\":[1,{\"k\":\"v\"}]}");
}

/* A pretty document with one-line members, as the findings JSON is written; a container never
 * gets looser than the one it is in. */
Test(json, mixed_layouts)
{
	struct out o;
	out_init(&o, JSON_PRETTY);
	json_begin_object(&o.w, NULL, JSON_PRETTY);
	json_begin_array(&o.w, "rows", JSON_PRETTY);
	for (int i = 0; i < 2; i++) {
		json_begin_object(&o.w, NULL, JSON_LINE);
		json_int(&o.w, "n", i);
		json_begin_array(&o.w, "v", JSON_PRETTY); /* stays on the line */
		json_int(&o.w, NULL, 1);
		json_int(&o.w, NULL, 2);
		json_end(&o.w);
		json_end(&o.w);
	}
	json_end(&o.w);
	json_begin_object(&o.w, "sum", JSON_COMPACT);
	json_int(&o.w, "n", 2);
	json_int(&o.w, "m", 3);
	json_end(&o.w);
	json_end(&o.w);
	out_expect(&o, "{\n"
		       "  \"rows\": [\n"
		       "    {\"n\": 0, \"v\": [1, 2]},\n"
		       "    {\"n\": 1, \"v\": [1, 2]}\n"
		       "  ],\n"
		       "  \"sum\": {\"n\":2,\"m\":3}\n"
		       "}");
}

/* Keys are escaped like values. */
Test(json, keys_are_escaped)
{
	struct out o;
	out_init(&o, JSON_LINE);
	json_begin_object(&o.w, NULL, JSON_LINE);
	json_int(&o.w, "a\"b\x7f\xe2\x80\xa8", 1);
	json_end(&o.w);
	out_expect(&o, "{\"a\\\"b\\u007f\\u2028\": 1}");
}

Test(json, integer_extremes)
{
	struct out o;
	out_init(&o, JSON_LINE);
	json_begin_array(&o.w, NULL, JSON_LINE);
	json_int(&o.w, NULL, INTMAX_MIN);
	json_int(&o.w, NULL, INTMAX_MAX);
	json_int(&o.w, NULL, 0);
	json_uint(&o.w, NULL, UINTMAX_MAX);
	json_end(&o.w);
	char want[128];
	snprintf(want, sizeof want, "[%jd, %jd, 0, %ju]", INTMAX_MIN, INTMAX_MAX, UINTMAX_MAX);
	out_expect(&o, want);
}

/* Nesting has no fixed limit: 500 levels come back balanced and indented. */
Test(json, deep_nesting)
{
	struct out o;
	out_init(&o, JSON_PRETTY);
	enum { DEPTH = 500 };
	for (int i = 0; i < DEPTH; i++)
		json_begin_array(&o.w, NULL, JSON_PRETTY);
	json_int(&o.w, NULL, 7);
	for (int i = 0; i < DEPTH; i++)
		json_end(&o.w);
	const char *s = o.sb.buf;
	size_t open = 0, close = 0;
	for (const char *p = s; *p; p++) {
		open += *p == '[';
		close += *p == ']';
	}
	cr_expect_eq(open, DEPTH);
	cr_expect_eq(close, DEPTH);
	/* the value sits on its own line, indented two spaces per level */
	char want[2 * DEPTH + 8];
	memset(want, ' ', 2 * DEPTH);
	snprintf(want + 2 * DEPTH, 8, "7\n");
	cr_expect_not_null(strstr(s, want));
	cr_expect_eq(s[strlen(s) - 1], ']');
	json_writer_release(&o.w);
	strbuf_release(&o.sb);
}

/* Misuse still gives valid JSON: a key in an array is dropped, a missing key becomes "", and
 * an end with nothing open does nothing. */
Test(json, misuse_stays_valid)
{
	struct out o;
	out_init(&o, JSON_LINE);
	json_end(&o.w);
	json_begin_object(&o.w, "ignored at the top", JSON_LINE);
	json_int(&o.w, NULL, 1);
	json_begin_array(&o.w, "a", JSON_LINE);
	json_int(&o.w, "k", 2);
	json_end(&o.w);
	json_end(&o.w);
	json_end(&o.w);
	out_expect(&o, "{\"\": 1, \"a\": [2]}");
}

/* Messages of a stream: values at the top level follow each other with nothing between, and
 * the caller may frame them and take its buffer away between them. */
Test(json, top_level_stream)
{
	struct strbuf sb, sent;
	strbuf_init(&sb);
	strbuf_init(&sent);
	struct json_writer w;
	json_writer_init(&w, &sb, JSON_COMPACT);
	for (int i = 0; i < 3; i++) {
		json_begin_object(&w, NULL, JSON_PRETTY);
		json_string(&w, "jsonrpc", "2.0");
		json_int(&w, "id", i);
		json_end(&w);
		strbuf_addf(&sent, "%zu:%s|", sb.len, sb.buf);
		strbuf_reset(&sb);
	}
	cr_expect_str_eq(sent.buf,
			 "24:{\"jsonrpc\":\"2.0\",\"id\":0}|24:{\"jsonrpc\":\"2.0\",\"id\":1}|"
			 "24:{\"jsonrpc\":\"2.0\",\"id\":2}|");
	json_writer_release(&w);
	cr_expect_eq(sb.len, 0, "release writes nothing into the caller's buffer");
	strbuf_release(&sb);
	strbuf_release(&sent);
}

/* A writer to a file writes out in large pieces while it goes and the rest on release. */
Test(json, file_writer)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	struct json_writer w;
	json_writer_init_file(&w, f, JSON_LINE);
	json_begin_array(&w, NULL, JSON_PRETTY);
	enum { N = 20000 };
	for (int i = 0; i < N; i++)
		json_string(&w, NULL, "0123456789");
	cr_expect_lt(w.out->len, (size_t)1 << 17, "%zu bytes held", w.out->len);
	json_end(&w);
	strbuf_addc(w.out, '\n');
	json_writer_release(&w);
	fclose(f);
	cr_assert_eq(len, 1 + 12 * (size_t)N + 2 * (size_t)(N - 1) + 1 + 1);
	cr_expect_eq(buf[0], '[');
	cr_expect_str_eq(buf + len - 14, "\"0123456789\"]\n");
	free(buf);
}
