/* SPDX-License-Identifier: MIT */
/* lsp_int: what the files of the language server (src/lsp*.c) share: the server's state, the
 * JSON reader over cJSON, the framing, the open documents with their position conversion, and
 * the handlers of the method table. Nothing here is part of include/lsp.h's contract. */
#ifndef ZHUN_LSP_INT_H
#define ZHUN_LSP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "diag.h"
#include "json.h"
#include "load.h"
#include "lsp.h"
#include "project.h"
#include "records.h"
#include "strbuf.h"
#include "strmap.h"

/* ---- lsp_json.c: cJSON, opened on first use ---- */

/* A parsed JSON value (cJSON's node); the accessors below accept NULL everywhere. */
struct cJSON;
/* Parse `len` bytes; NULL when they are not JSON, or when libcjson cannot be opened (then
 * *why says so, in static storage). Free with lsp_json_free. */
struct cJSON *lsp_json_parse(const char *s, size_t len, const char **why);
void lsp_json_free(struct cJSON *v);
struct cJSON *lsp_json_get(const struct cJSON *obj, const char *key); /* member or NULL */
const char *lsp_json_str(const struct cJSON *v);		      /* string or NULL */
bool lsp_json_int(const struct cJSON *v, long *out);		      /* integral number */
bool lsp_json_is_object(const struct cJSON *v);
bool lsp_json_is_array(const struct cJSON *v);
bool lsp_json_is_null(const struct cJSON *v);
bool lsp_json_is_true(const struct cJSON *v);
struct cJSON *lsp_json_first(const struct cJSON *arr); /* first element of an array, or NULL */
struct cJSON *lsp_json_next(const struct cJSON *v);    /* the element after v, or NULL */
/* `path` of dotted keys ("textDocument.uri") from `obj`, or NULL. */
struct cJSON *lsp_json_path(const struct cJSON *obj, const char *path);
/* Write `v` (any JSON value) with writer `w` under `key`, as the json.h functions do. */
void lsp_json_copy(struct json_writer *w, const char *key, const struct cJSON *v);

/* ---- lsp_transport.c: Content-Length framing ---- */

/* Bytes read and not yet taken as messages. */
struct lsp_reader {
	struct strbuf buf;
	size_t max_message; /* the largest body accepted */
	bool skipping;	    /* discarding the body of a refused message */
	size_t skip_left;
};

enum lsp_frame {
	LSP_FRAME_NONE = 0, /* no whole message yet */
	LSP_FRAME_MESSAGE,  /* *body, *len: one message */
	LSP_FRAME_BAD,	    /* a header that is not understood, or a body over the limit: the
			     * framing skips it and a ParseError answers it */
};

void lsp_reader_init(struct lsp_reader *r, size_t max_message);
void lsp_reader_release(struct lsp_reader *r);
/* Take the next message from the bytes received. The body stays valid until the next call. */
enum lsp_frame lsp_reader_next(struct lsp_reader *r, struct strbuf *body);

/* ---- lsp_text.c: open documents and positions ---- */

struct lsp_doc {
	char *uri;
	char *path; /* the file the URI names (absolute, normalised) */
	struct strbuf text;
	long version;
	size_t *line_start; /* byte offset of each line; rebuilt when stale */
	size_t nlines;
	bool lines_stale;
};

/* Where a file's text comes from for position conversion: an open buffer, else the disk. */
struct lsp_text {
	const char *s;
	size_t len;
	size_t *line_start;
	size_t nlines;
	char *own; /* the text read from disk, when it was */
};

struct lsp_server;

/* A URI "file:///a/b%20c.yaml" → "/a/b c.yaml" (caller frees), NULL when it is no file URI. */
char *lsp_uri_to_path(const char *uri);
/* A path → "file://…" with the bytes a URI may not hold percent-encoded (caller frees). */
char *lsp_path_to_uri(const char *path);
/* "a/./b/../c" → "a/c" (caller frees). */
char *lsp_path_normalise(const char *path);

struct lsp_doc *lsp_doc_find(struct lsp_server *s, const char *uri);
struct lsp_doc *lsp_doc_by_path(struct lsp_server *s, const char *path);
/* Apply one change of didChange (a range and its text, or the whole text) to `d`. Returns
 * false for a change that cannot apply (a range past the end is clamped, not refused). */
bool lsp_doc_apply(struct lsp_server *s, struct lsp_doc *d, const struct cJSON *change);
/* The text of file `path` for position conversion (an open buffer, else read from disk; empty
 * when unreadable). Release with lsp_text_release. */
void lsp_text_get(struct lsp_server *s, const char *path, struct lsp_text *t);
void lsp_text_of_doc(struct lsp_doc *d, struct lsp_text *t);
void lsp_text_release(struct lsp_text *t);
/* A zhun position (1-based line, column in code points) → an LSP position in the client's
 * encoding (0-based line, character in UTF-16 units or bytes). */
void lsp_pos_from_loc(const struct lsp_server *s, const struct lsp_text *t, struct loc l,
		      long *line, long *character);
/* An LSP position → a byte offset into t (clamped to the line's end and the text's end). */
size_t lsp_pos_to_offset(const struct lsp_server *s, const struct lsp_text *t, long line,
			 long character);
/* A byte offset → zhun's loc (1-based line, column in code points). */
struct loc lsp_offset_to_loc(const struct lsp_text *t, size_t off);
/* Write {"start": …, "end": …} for zhun positions a..b under `key`. */
void lsp_write_range(struct json_writer *w, const char *key, const struct lsp_server *s,
		     const struct lsp_text *t, struct loc a, struct loc b);
/* The end of the word at `l` (up to the next white space or the line's end, at most 40 code
 * points), for a finding that gives only its start. */
struct loc lsp_word_end(const struct lsp_text *t, struct loc l);

/* ---- lsp_check.c: projects, checks, diagnostics ---- */

/* The last good state of one project: the loaded docs, the findings of its check and, made
 * on first use, the indexes of the check context for navigation. */
struct lsp_model {
	char *root; /* the system file, or the lone file */
	struct project p;
	struct diag_store ds; /* the findings of the last check (fixes for code actions) */
	char **published;     /* the files given a non-empty list last time */
	size_t npublished, cap_published;
	struct check_ctx ctx;
	struct diag_store ctx_ds;
	bool has_ctx;
	bool stale;		  /* the last load failed: navigation uses this older model */
	struct records_index rix; /* the names a records file may use, made on first use */
	bool has_rix;
};

/* Check the project `path` belongs to, with the buffers as they are, and publish. */
void lsp_check_file(struct lsp_server *s, const char *path);
/* The model that holds file `path`, or NULL. */
struct lsp_model *lsp_model_of(struct lsp_server *s, const char *path);
/* The check context of `m` (built on first use: documents, indexes, cross-references). */
struct check_ctx *lsp_model_ctx(struct lsp_model *m);
void lsp_model_free(struct lsp_model *m);
/* The names of the rows and categories of m's system as a records file uses them (made on
 * first use, owned by m); NULL when m has no system. */
const struct records_index *lsp_model_records_index(struct lsp_model *m);
/* The doc of `m` loaded from `path`, or NULL. */
struct doc *lsp_model_doc(struct lsp_model *m, const char *path);

/* ---- lsp.c: the server ---- */

struct lsp_pending {
	char *path;
	int64_t due; /* monotonic ms */
};

struct lsp_server {
	const struct lsp_opts *opts;
	int out_fd;
	struct strbuf out; /* the message being written (lsp_begin_result … lsp_end) */
	bool initialized, shutdown, exited;
	int exit_status;
	bool utf8;	   /* positions in bytes (client offered utf-8) */
	char *client_lang; /* "zh" or "en" from initialize's locale, or NULL */
	struct lsp_doc **docs;
	size_t ndocs, cap_docs;
	struct lsp_model **models;
	size_t nmodels, cap_models;
	struct lsp_pending *pending;
	size_t npending, cap_pending;
	struct limits lim;
	/* request ids cancelled before they were handled, as their JSON text */
	char **cancelled;
	size_t ncancelled;
	size_t checks_run;     /* for tests and the benchmark */
	int64_t last_check_ms; /* how long the last check took (the debounce adapts to it) */
};

/* Send a message (the body is framed here). */
void lsp_send(struct lsp_server *s, const struct strbuf *body);
/* Start a response to request `id` (its "result" member follows) with writer `w`, into s->out;
 * end it with lsp_end. One message at a time: s->out holds the one being written. */
void lsp_begin_result(struct lsp_server *s, struct json_writer *w, const struct cJSON *id);
/* Start a notification with `method`; its "params" member follows; end it with lsp_end. */
void lsp_begin_notify(struct lsp_server *s, struct json_writer *w, const char *method);
/* Close the message, release `w` and send the message. */
void lsp_end(struct lsp_server *s, struct json_writer *w);
/* Answer request `id` (NULL: null) with error `code` and `message`. */
void lsp_send_error(struct lsp_server *s, const struct cJSON *id, int code, const char *message);
/* The wait after a change before its check, from the --debounce and how long the last check
 * took: the debounce, less for a project that checks fast (twice its check and 10 ms) or slow
 * (the debounce less the check, at least 10 ms); never more than the debounce. */
int lsp_debounce(int debounce_ms, int64_t last_check_ms);
/* Schedule a check of `path`'s project `delay_ms` from now (a newer schedule replaces it). */
void lsp_schedule(struct lsp_server *s, const char *path, int delay_ms);

enum {
	LSP_PARSE_ERROR = -32700,
	LSP_INVALID_REQUEST = -32600,
	LSP_METHOD_NOT_FOUND = -32601,
	LSP_INVALID_PARAMS = -32602,
	LSP_INTERNAL_ERROR = -32603,
	LSP_SERVER_NOT_INITIALIZED = -32002,
	LSP_REQUEST_CANCELLED = -32800,
	LSP_CONTENT_MODIFIED = -32801,
};

/* A method handler: `id` is NULL for a notification. Returns 0, or an error code to answer
 * with (a request only), its message in *msg. */
typedef int lsp_handler(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
			const char **msg);

/* ---- lsp_nav.c, lsp_complete.c, lsp_action.c ---- */
lsp_handler lsp_hover, lsp_definition, lsp_references, lsp_symbols, lsp_completion, lsp_code_action;

/* lsp_nav.c: what the YAML line at byte `off` of t says — the record it sits in (walking up
 * the lines of less indentation, from the root key: NULL when unknown), its key (`key`, NUL
 * when none; `key_start`/`key_end` byte offsets) and where its value starts (`value`, the
 * offset; the line's end when none). */
struct rec_def;
struct lsp_line {
	const struct rec_def *rec;
	enum doc_kind kind;
	char key[64];
	size_t line_start, line_end, key_start, key_end, value;
	bool in_key; /* the offset is in the key (or before it) */
	bool item;   /* the line begins a sequence item ("- ") */
};
void lsp_yaml_line(const struct lsp_text *t, size_t off, struct lsp_line *out);

/* What a request at a position works on: the open document of params.textDocument.uri, its
 * text, the byte offset and zhun position of params.position, the YAML line there, and the
 * last good model of its project with its check context and the document's indexes (NULL
 * when there is none). */
struct lsp_at {
	struct lsp_doc *d;
	struct lsp_text t;
	size_t off;
	struct loc here;
	struct lsp_line ln;
	struct lsp_model *m;
	struct check_ctx *c;
	struct doc_info *di;
};
/* Fill `at`; false (with *msg) when the document is not open or the position is not valid. */
bool lsp_at_init(struct lsp_server *s, const struct cJSON *params, struct lsp_at *at,
		 const char **msg);

#endif
