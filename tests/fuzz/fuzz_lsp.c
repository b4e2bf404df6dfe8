/* SPDX-License-Identifier: MIT */
/* fuzz_lsp: the language server's framing and dispatch (src/lsp*.c) on arbitrary bytes. An
 * input that begins with "Content-Length" is fed as it stands, headers and all. Any other is cut
 * at 0x1E bytes: a piece that begins with 0x01 is the text of a document (a didOpen of
 * /zhun-fuzz/doc.yaml the first time, a full didChange after), followed by hover, definition,
 * references, completion, document symbols and a code action at a position taken from the
 * piece's length; every other piece is framed as one message body. All of it comes after an
 * initialize, and the checks run at once instead of after the debounce. */
#include <string.h>

#include "fuzz.h"
#include "json.h"
#include "lsp.h"
#include "strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

static void frame(struct strbuf *out, const char *body, size_t len)
{
	strbuf_addf(out, "Content-Length: %zu\r\n\r\n", len);
	strbuf_add(out, body, len);
}

static void request(struct strbuf *out, int id, const char *method, const char *params)
{
	struct strbuf b = STRBUF_INIT;
	strbuf_init(&b);
	strbuf_addf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"%s\",\"params\":%s}", id,
		    method, params);
	frame(out, b.buf, b.len);
	strbuf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct lsp_opts o;
	lsp_opts_init(&o);
	o.lim.max_nodes = 200000;
	o.debounce_ms = 0;
	if (size >= 14 && !memcmp(s, "Content-Length", 14)) {
		lsp_feed(s, size, -1, &o);
		return 0;
	}
	struct strbuf in = STRBUF_INIT;
	strbuf_init(&in);
	request(&in, 1, "initialize", "{\"capabilities\":{},\"locale\":\"zh-CN\"}");
	static const char uri[] = "file:///zhun-fuzz/doc.yaml";
	int id = 2, version = 1;
	for (size_t a = 0; a <= size;) {
		const char *e = memchr(s + a, 0x1E, size - a);
		size_t b = e ? (size_t)(e - s) : size;
		if (b > a && s[a] == 0x01) {
			struct strbuf m = STRBUF_INIT;
			strbuf_init(&m);
			if (version == 1)
				strbuf_addf(&m,
					    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/"
					    "didOpen\",\"params\":"
					    "{\"textDocument\":{\"uri\":\"%s\",\"languageId\":"
					    "\"yaml\",\"version\":1,\"text\":",
					    uri);
			else
				strbuf_addf(&m,
					    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/"
					    "didChange\",\"params\":"
					    "{\"textDocument\":{\"uri\":\"%s\",\"version\":%d},"
					    "\"contentChanges\":[{\"text\":",
					    uri, version);
			json_str(&m, s + a + 1, b - a - 1);
			strbuf_adds(&m, version == 1 ? "}}}" : "}]}}");
			frame(&in, m.buf, m.len);
			version++;
			char pos[256];
			size_t n = b - a;
			snprintf(pos, sizeof pos,
				 "{\"textDocument\":{\"uri\":\"%s\"},\"position\":{\"line\":%zu,"
				 "\"character\":%zu},"
				 "\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{"
				 "\"line\":%zu,\"character\":0}},"
				 "\"context\":{\"includeDeclaration\":true,\"diagnostics\":[]}}",
				 uri, n % 61, n % 37, n % 997);
			static const char *const methods[] = {
				"textDocument/hover",	       "textDocument/definition",
				"textDocument/references",     "textDocument/completion",
				"textDocument/documentSymbol", "textDocument/codeAction",
			};
			for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++)
				request(&in, id++, methods[k], pos);
			strbuf_release(&m);
		} else if (b > a) {
			frame(&in, s + a, b - a);
		}
		a = b + 1;
	}
	lsp_feed(in.buf, in.len, -1, &o);
	strbuf_release(&in);
	return 0;
}
