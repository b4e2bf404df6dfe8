/* SPDX-License-Identifier: MIT */
/* Unit tests of the language server's pieces that need no client: the framing (messages split
 * across reads, bad headers, a body over the limit), URIs and paths, the conversion between
 * zhun's positions and the client's (UTF-16 with a surrogate pair, UTF-8), incremental edits,
 * and the YAML context of a line (record and key under the cursor). */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "lsp_int.h"
#include "schema.h"

static enum lsp_frame feed(struct lsp_reader *r, const char *bytes, struct strbuf *body)
{
	strbuf_adds(&r->buf, bytes);
	return lsp_reader_next(r, body);
}

Test(lsp, framing_across_reads)
{
	struct lsp_reader r;
	struct strbuf body = STRBUF_INIT;
	lsp_reader_init(&r, 100);
	cr_expect_eq(feed(&r, "Content-Len", &body), LSP_FRAME_NONE);
	cr_expect_eq(feed(&r, "gth: 4\r\n\r\n{}", &body), LSP_FRAME_NONE);
	cr_expect_eq(feed(&r, "[]Content-Length: 2\n\n{}", &body), LSP_FRAME_MESSAGE);
	cr_expect_eq(body.len, 4);
	cr_expect(!memcmp(body.buf, "{}[]", 4));
	cr_expect_eq(lsp_reader_next(&r, &body), LSP_FRAME_MESSAGE);
	cr_expect_str_eq(body.buf, "{}");
	cr_expect_eq(lsp_reader_next(&r, &body), LSP_FRAME_NONE);
	lsp_reader_release(&r);
	strbuf_release(&body);
}

Test(lsp, framing_bad_headers_and_limit)
{
	struct lsp_reader r;
	struct strbuf body = STRBUF_INIT;
	lsp_reader_init(&r, 10);
	cr_expect_eq(feed(&r, "Content-Length: x\r\n\r\n", &body), LSP_FRAME_BAD);
	cr_expect_eq(feed(&r, "Content-Length: 2\r\nContent-Length: 3\r\n\r\n", &body),
		     LSP_FRAME_BAD);
	/* over the limit: skipped as it arrives, then the next message is read */
	cr_expect_eq(feed(&r, "Content-Length: 20\r\n\r\n0123456789", &body), LSP_FRAME_BAD);
	cr_expect_eq(feed(&r, "0123456789Content-Length: 1\r\n\r\n7", &body), LSP_FRAME_MESSAGE);
	cr_expect_str_eq(body.buf, "7");
	lsp_reader_release(&r);
	strbuf_release(&body);
}

Test(lsp, uris_and_paths)
{
	char *p = lsp_uri_to_path("file:///a/b%20c/./d/../%E6%A0%87.yaml");
	cr_expect_str_eq(p, "/a/b c/标.yaml");
	char *u = lsp_path_to_uri(p);
	cr_expect_str_eq(u, "file:///a/b%20c/%E6%A0%87.yaml");
	free(p);
	free(u);
	cr_expect_null(lsp_uri_to_path("untitled:Untitled-1"));
	cr_expect_null(lsp_uri_to_path("file:///a%00b"));
	p = lsp_path_normalise("/../x//y/..");
	cr_expect_str_eq(p, "/x");
	free(p);
	p = lsp_path_normalise("../a/./b");
	cr_expect_str_eq(p, "../a/b");
	free(p);
}

static void doc_with(struct lsp_doc *d, const char *text)
{
	memset(d, 0, sizeof *d);
	strbuf_init(&d->text);
	strbuf_adds(&d->text, text);
	d->lines_stale = true;
}

Test(lsp, positions_utf16_and_utf8)
{
	struct lsp_server s;
	memset(&s, 0, sizeof s);
	struct lsp_doc d;
	/* 𠀀 is one code point, four bytes, two UTF-16 units */
	doc_with(&d, "ab\n𠀀中x\r\nlast");
	struct lsp_text t;
	lsp_text_of_doc(&d, &t);
	long line, ch;
	lsp_pos_from_loc(&s, &t, (struct loc){ 2, 3 }, &line, &ch); /* before x */
	cr_expect_eq(line, 1);
	cr_expect_eq(ch, 3);
	cr_expect_eq(lsp_pos_to_offset(&s, &t, 1, 3), 3 + 4 + 3);
	cr_expect_eq(lsp_pos_to_offset(&s, &t, 1, 1), 3, "inside the pair: its start");
	cr_expect_eq(lsp_pos_to_offset(&s, &t, 1, 99), 3 + 4 + 3 + 1, "past the end: before CR LF");
	cr_expect_eq(lsp_pos_to_offset(&s, &t, 9, 0), d.text.len);
	struct loc l = lsp_offset_to_loc(&t, 3 + 4 + 3);
	cr_expect(l.line == 2 && l.col == 3);
	s.utf8 = true;
	lsp_pos_from_loc(&s, &t, (struct loc){ 2, 3 }, &line, &ch);
	cr_expect_eq(ch, 7);
	cr_expect_eq(lsp_pos_to_offset(&s, &t, 1, 7), 3 + 7);
	strbuf_release(&d.text);
	free(d.line_start);
}

Test(lsp, incremental_edits)
{
	struct lsp_server s;
	memset(&s, 0, sizeof s);
	limits_default(&s.lim);
	struct lsp_doc d;
	doc_with(&d, "见4.2\n𠀀abc\n");
	const char *why;
	static const char edit[] = "{\"range\":{\"start\":{\"line\":1,\"character\":2},\"end\":{"
				   "\"line\":1,\"character\":3}},"
				   "\"text\":\"中\\n\"}";
	struct cJSON *c = lsp_json_parse(edit, strlen(edit), &why);
	cr_assert_not_null(c, "%s", why ? why : "bad JSON");
	cr_expect(lsp_doc_apply(&s, &d, c));
	cr_expect_str_eq(d.text.buf, "见4.2\n𠀀中\nbc\n");
	lsp_json_free(c);
	c = lsp_json_parse("{\"text\":\"x\"}", 12, &why);
	cr_expect(lsp_doc_apply(&s, &d, c));
	cr_expect_str_eq(d.text.buf, "x");
	lsp_json_free(c);
	strbuf_release(&d.text);
	free(d.line_start);
}

Test(lsp, yaml_line_context)
{
	struct lsp_doc d;
	doc_with(&d, "system:\n  standards:\n    - code: A-001\n      status: current\n");
	struct lsp_text t;
	lsp_text_of_doc(&d, &t);
	struct lsp_line ln;
	size_t off = strstr(d.text.buf, "current") - d.text.buf;
	lsp_yaml_line(&t, off, &ln);
	cr_expect_eq(ln.rec, &schema_row_rec);
	cr_expect_str_eq(ln.key, "status");
	cr_expect(!ln.in_key);
	lsp_yaml_line(&t, strstr(d.text.buf, "code") - d.text.buf, &ln);
	cr_expect_eq(ln.rec, &schema_row_rec);
	cr_expect(ln.in_key && ln.item);
	lsp_yaml_line(&t, strstr(d.text.buf, "standards") - d.text.buf, &ln);
	cr_expect_eq(ln.rec, &schema_system_rec);
	strbuf_release(&d.text);
	free(d.line_start);
}

Test(lsp, debounce_adapts_to_the_check)
{
	cr_expect_eq(lsp_debounce(150, 0), 10);	  /* nothing checked yet: fast */
	cr_expect_eq(lsp_debounce(150, 2), 14);	  /* the museum: twice the check and 10 ms */
	cr_expect_eq(lsp_debounce(150, 70), 80);  /* between: the debounce less the check */
	cr_expect_eq(lsp_debounce(150, 140), 10); /* as slow as the debounce: the floor */
	cr_expect_eq(lsp_debounce(150, 900), 10); /* slower: the floor, never negative */
	cr_expect_eq(lsp_debounce(0, 300), 0);	  /* --debounce 0 stays 0 */
	cr_expect_eq(lsp_debounce(5, 300), 5);	  /* never more than the debounce */
	cr_expect_eq(lsp_debounce(1000, 2), 14);
	cr_expect_eq(lsp_debounce(1000, 400), 600);
}
