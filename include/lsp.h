/* SPDX-License-Identifier: MIT */
/* lsp: zhun as a language server (LSP 3.17 over a pair of file descriptors, JSON-RPC 2.0 with
 * Content-Length framing): the findings of `check` for the whole project of each open file as
 * the author types, hover, navigation, completion and the fixes of findings as quick fixes
 * (docs/editors.md). Open documents are checked from their buffers, never from the disk. */
#ifndef ZHUN_LSP_H
#define ZHUN_LSP_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"

struct lsp_opts {
	struct limits lim;  /* the CLI's limits, for every file loaded */
	int debounce_ms;    /* wait after the last change before checking (default 150) */
	size_t max_message; /* the largest message accepted, in bytes (default twice the file
			     * size limit and 1 MiB: 65 MiB) */
	const char *lang;   /* --lang: the message language over zhun.yaml and the client */
};

void lsp_opts_init(struct lsp_opts *o);

/* Serve on `in` (read) and `out` (written) until `exit` or the end of input. Returns the exit
 * status: 0 after shutdown then exit, 1 after exit without shutdown or end of input without
 * exit (LSP 3.17), 4 when `out` cannot be written. Never returns on bad input: a message that
 * cannot be framed or parsed gets a ParseError and the server goes on. */
int lsp_serve(int in, int out, const struct lsp_opts *o);

/* For the fuzzer: frame and dispatch `len` bytes as if read from the client, with answers
 * written to `out` (-1: dropped), all checks run at once instead of after the debounce. */
void lsp_feed(const char *buf, size_t len, int out, const struct lsp_opts *o);

#endif
