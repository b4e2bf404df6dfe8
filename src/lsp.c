/* SPDX-License-Identifier: MIT */
/* lsp: the language server's loop and its method table. One thread: the loop polls the input
 * with the debounce as its timeout, takes every whole message that has arrived, answers
 * requests at once from the last model, and checks a project only once its files have been
 * quiet for the debounce, so a burst of keystrokes costs one check of the newest text. */
#include "lsp_int.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "xalloc.h"

void lsp_opts_init(struct lsp_opts *o)
{
	memset(o, 0, sizeof *o);
	limits_default(&o->lim);
	o->debounce_ms = 150;
	o->max_message = 2 * o->lim.max_file_size + (1u << 20);
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- writing ---- */

static void write_all(struct lsp_server *s, const char *p, size_t n)
{
	while (n && s->out_fd >= 0) {
		ssize_t k = write(s->out_fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN) {
			struct pollfd pf = { s->out_fd, POLLOUT, 0 };
			poll(&pf, 1, 1000);
			continue;
		}
		if (k <= 0) {
			/* the client is gone: nothing more can be said */
			s->out_fd = -1;
			s->exited = true;
			s->exit_status = 4;
			return;
		}
		p += k;
		n -= (size_t)k;
	}
}

void lsp_send(struct lsp_server *s, const struct strbuf *body)
{
	char head[64];
	int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", body->len);
	write_all(s, head, (size_t)hn);
	write_all(s, body->buf, body->len);
}

static void begin(struct lsp_server *s, struct json_writer *w)
{
	strbuf_reset(&s->out);
	json_writer_init(w, &s->out, JSON_COMPACT);
	json_begin_object(w, NULL, JSON_COMPACT);
	json_string(w, "jsonrpc", "2.0");
}

void lsp_begin_result(struct lsp_server *s, struct json_writer *w, const struct cJSON *id)
{
	begin(s, w);
	lsp_json_copy(w, "id", id);
}

void lsp_begin_notify(struct lsp_server *s, struct json_writer *w, const char *method)
{
	begin(s, w);
	json_string(w, "method", method);
}

void lsp_end(struct lsp_server *s, struct json_writer *w)
{
	json_end(w);
	json_writer_release(w);
	lsp_send(s, &s->out);
}

void lsp_send_error(struct lsp_server *s, const struct cJSON *id, int code, const char *message)
{
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	json_begin_object(&w, "error", JSON_COMPACT);
	json_int(&w, "code", code);
	json_string(&w, "message", message);
	json_end(&w);
	lsp_end(s, &w);
}

/* ---- scheduling ---- */

/* The debounce is there to coalesce a burst of keystrokes into one check. A project that checks
 * in a few milliseconds needs no more than twice that to stay ahead of the typist. A check that
 * takes about as long as the debounce coalesces by itself — the keystrokes that arrive while it
 * runs are applied together when it ends — so waiting the whole debounce before it only adds to
 * the latency: the wait shrinks by the check's time, down to 10 ms. */
int lsp_debounce(int debounce_ms, int64_t last_check_ms)
{
	int64_t delay = debounce_ms;
	if (last_check_ms * 2 + 10 < delay)
		delay = last_check_ms * 2 + 10;
	if (debounce_ms - last_check_ms < delay)
		delay = debounce_ms - last_check_ms;
	if (delay < 10)
		delay = debounce_ms < 10 ? debounce_ms : 10;
	return (int)delay;
}

void lsp_schedule(struct lsp_server *s, const char *path, int delay_ms)
{
	int64_t due = now_ms() + delay_ms;
	for (size_t i = 0; i < s->npending; i++)
		if (!strcmp(s->pending[i].path, path)) {
			s->pending[i].due = due;
			return;
		}
	XGROW(s->pending, s->cap_pending, s->npending + 1);
	s->pending[s->npending++] = (struct lsp_pending){ xstrdup(path), due };
}

/* Run the checks that are due (all of them with `all`). */
static void run_due(struct lsp_server *s, bool all)
{
	for (;;) {
		int64_t now = now_ms();
		size_t k = s->npending;
		for (size_t i = 0; i < s->npending; i++)
			if (all || s->pending[i].due <= now) {
				k = i;
				break;
			}
		if (k == s->npending || s->exited)
			return;
		char *path = xstrdup(s->pending[k].path);
		int64_t t0 = now_ms();
		lsp_check_file(s, path);
		s->last_check_ms = now_ms() - t0;
		/* lsp_check_file drops what it covered; a file it could not place stays: drop it */
		for (size_t i = 0; i < s->npending; i++)
			if (!strcmp(s->pending[i].path, path)) {
				free(s->pending[i].path);
				s->pending[i] = s->pending[--s->npending];
				break;
			}
		free(path);
	}
}

/* ---- lifecycle and text synchronisation ---- */

static int on_initialize(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
			 const char **msg)
{
	if (!lsp_json_is_object(params)) {
		*msg = "initialize needs params";
		return LSP_INVALID_PARAMS;
	}
	const struct cJSON *enc = lsp_json_path(params, "capabilities.general.positionEncodings");
	for (const struct cJSON *e = lsp_json_first(enc); e; e = lsp_json_next(e))
		if (lsp_json_str(e) && !strcmp(lsp_json_str(e), "utf-8"))
			s->utf8 = true;
	const char *locale = lsp_json_str(lsp_json_get(params, "locale"));
	if (locale) {
		free(s->client_lang);
		s->client_lang = xstrdup(!strncmp(locale, "zh", 2) ? "zh" : "en");
	}
	s->initialized = true;
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	json_begin_object(&w, "result", JSON_COMPACT);
	json_begin_object(&w, "capabilities", JSON_COMPACT);
	json_string(&w, "positionEncoding", s->utf8 ? "utf-8" : "utf-16");
	json_begin_object(&w, "textDocumentSync", JSON_COMPACT);
	json_bool(&w, "openClose", true);
	json_int(&w, "change", 2); /* Incremental */
	json_begin_object(&w, "save", JSON_COMPACT);
	json_bool(&w, "includeText", false);
	json_end(&w);
	json_end(&w);
	json_bool(&w, "hoverProvider", true);
	json_bool(&w, "definitionProvider", true);
	json_bool(&w, "referencesProvider", true);
	json_bool(&w, "documentSymbolProvider", true);
	json_begin_object(&w, "completionProvider", JSON_COMPACT);
	json_begin_array(&w, "triggerCharacters", JSON_COMPACT);
	json_string(&w, NULL, " ");
	json_string(&w, NULL, "见");
	json_string(&w, NULL, "按");
	json_end(&w);
	json_end(&w);
	json_begin_object(&w, "codeActionProvider", JSON_COMPACT);
	json_begin_array(&w, "codeActionKinds", JSON_COMPACT);
	json_string(&w, NULL, "quickfix");
	json_end(&w);
	json_end(&w);
	json_end(&w);
	json_begin_object(&w, "serverInfo", JSON_COMPACT);
	json_string(&w, "name", "zhun");
	json_string(&w, "version", ZHUN_VERSION);
	json_end(&w);
	json_end(&w);
	lsp_end(s, &w);
	return 0;
}

static int on_initialized(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
			  const char **msg)
{
	return 0;
}

static int on_shutdown(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		       const char **msg)
{
	s->shutdown = true;
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	json_null(&w, "result");
	lsp_end(s, &w);
	return 0;
}

static int on_exit_note(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
			const char **msg)
{
	s->exited = true;
	s->exit_status = s->shutdown ? 0 : 1;
	return 0;
}

static void lsp_doc_free(struct lsp_doc *d)
{
	free(d->uri);
	free(d->path);
	strbuf_release(&d->text);
	free(d->line_start);
	free(d);
}

/* The open document that params.textDocument names, or NULL. */
static struct lsp_doc *params_doc(struct lsp_server *s, const struct cJSON *params)
{
	return lsp_doc_find(s, lsp_json_str(lsp_json_path(params, "textDocument.uri")));
}

static void doc_set_text(struct lsp_doc *d, const char *text)
{
	strbuf_reset(&d->text);
	strbuf_adds(&d->text, text);
	d->lines_stale = true;
}

static int on_did_open(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		       const char **msg)
{
	const struct cJSON *td = lsp_json_get(params, "textDocument");
	const char *uri = lsp_json_str(lsp_json_get(td, "uri"));
	const char *text = lsp_json_str(lsp_json_get(td, "text"));
	char *path = lsp_uri_to_path(uri);
	if (!path || !text) {
		free(path);
		return 0; /* a notification: nothing to answer; an untitled buffer is not ours */
	}
	struct lsp_doc *d = lsp_doc_find(s, uri);
	if (!d) {
		d = xcalloc(1, sizeof *d);
		d->uri = xstrdup(uri);
		strbuf_init(&d->text);
		XGROW(s->docs, s->cap_docs, s->ndocs + 1);
		s->docs[s->ndocs++] = d;
	} else {
		free(d->path);
	}
	d->path = path;
	doc_set_text(d, text);
	long v = 0;
	lsp_json_int(lsp_json_get(td, "version"), &v);
	d->version = v;
	lsp_schedule(s, d->path, 0);
	return 0;
}

static int on_did_change(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
			 const char **msg)
{
	struct lsp_doc *d = params_doc(s, params);
	if (!d)
		return 0;
	long v;
	if (lsp_json_int(lsp_json_path(params, "textDocument.version"), &v))
		d->version = v;
	for (const struct cJSON *c = lsp_json_first(lsp_json_get(params, "contentChanges")); c;
	     c = lsp_json_next(c))
		lsp_doc_apply(s, d, c);
	lsp_schedule(s, d->path, lsp_debounce(s->opts->debounce_ms, s->last_check_ms));
	return 0;
}

static int on_did_save(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		       const char **msg)
{
	struct lsp_doc *d = params_doc(s, params);
	if (!d)
		return 0;
	const char *text = lsp_json_str(lsp_json_get(params, "text"));
	if (text)
		doc_set_text(d, text);
	lsp_schedule(s, d->path, 0);
	return 0;
}

static int on_did_close(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
			const char **msg)
{
	struct lsp_doc *d = params_doc(s, params);
	if (!d)
		return 0;
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i] == d) {
			memmove(s->docs + i, s->docs + i + 1, (s->ndocs - i - 1) * sizeof *s->docs);
			s->ndocs--;
			break;
		}
	/* the project is checked again from the disk, where the file is as last saved */
	lsp_schedule(s, d->path, 0);
	lsp_doc_free(d);
	return 0;
}

/* The method table. `before_init`: allowed before initialize. */
static const struct lsp_method {
	const char *name;
	lsp_handler *run;
	bool before_init;
} methods[] = {
	{ "initialize", on_initialize, true },
	{ "initialized", on_initialized, false },
	{ "shutdown", on_shutdown, false },
	{ "exit", on_exit_note, true },
	{ "textDocument/didOpen", on_did_open, false },
	{ "textDocument/didChange", on_did_change, false },
	{ "textDocument/didSave", on_did_save, false },
	{ "textDocument/didClose", on_did_close, false },
	{ "textDocument/hover", lsp_hover, false },
	{ "textDocument/definition", lsp_definition, false },
	{ "textDocument/references", lsp_references, false },
	{ "textDocument/documentSymbol", lsp_symbols, false },
	{ "textDocument/completion", lsp_completion, false },
	{ "textDocument/codeAction", lsp_code_action, false },
};

static const struct lsp_method *method_find(const char *name)
{
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (!strcmp(methods[i].name, name))
			return &methods[i];
	return NULL;
}

/* ---- dispatch ---- */

/* The text of an id ("7" or "\"a\""), to match $/cancelRequest against; NULL for no id. */
static char *id_key(const struct cJSON *id)
{
	if (!id)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	strbuf_init(&sb);
	json_writer_init(&w, &sb, JSON_COMPACT);
	lsp_json_copy(&w, NULL, id);
	json_writer_release(&w);
	return strbuf_detach(&sb, NULL);
}

static bool take_cancelled(struct lsp_server *s, const struct cJSON *id)
{
	char *k = id_key(id);
	bool found = false;
	for (size_t i = 0; k && i < s->ncancelled; i++)
		if (!strcmp(s->cancelled[i], k)) {
			free(s->cancelled[i]);
			s->cancelled[i] = s->cancelled[--s->ncancelled];
			found = true;
			break;
		}
	free(k);
	return found;
}

/* The requests in a batch of messages are answered after the whole batch is read, so a
 * $/cancelRequest that arrived with them is seen first; it is remembered (at most 64 ids). */
static void note_cancel(struct lsp_server *s, const struct cJSON *msg)
{
	const char *method = lsp_json_str(lsp_json_get(msg, "method"));
	if (!method || strcmp(method, "$/cancelRequest"))
		return;
	const struct cJSON *id = lsp_json_path(msg, "params.id");
	if (!id || lsp_json_is_object(id) || lsp_json_is_array(id))
		return;
	if (s->ncancelled == 64) {
		free(s->cancelled[0]);
		memmove(s->cancelled, s->cancelled + 1, 63 * sizeof *s->cancelled);
		s->ncancelled--;
	}
	s->cancelled = xrealloc(s->cancelled, (s->ncancelled + 1) * sizeof *s->cancelled);
	s->cancelled[s->ncancelled++] = id_key(id);
}

/* The requests that answer about a position of a document's text. */
static bool asks_at_position(const char *method)
{
	static const char *const at_position[] = { "textDocument/hover", "textDocument/definition",
						   "textDocument/completion" };
	for (size_t i = 0; method && i < sizeof at_position / sizeof at_position[0]; i++)
		if (!strcmp(method, at_position[i]))
			return true;
	return false;
}

/* Whether the request batch[i] asks about a position of a document that a later message of
 * the batch changes or closes. Its position counts in the text it was sent for, which is gone
 * by the time it would be answered: answered from the newest text it would name the wrong
 * word, so LSP 3.17's ContentModified tells the client to ask again. */
static bool superseded(struct cJSON *const *batch, size_t n, size_t i)
{
	const struct cJSON *msg = batch[i];
	if (!lsp_json_get(msg, "id") ||
	    !asks_at_position(lsp_json_str(lsp_json_get(msg, "method"))))
		return false;
	const char *uri = lsp_json_str(lsp_json_path(msg, "params.textDocument.uri"));
	if (!uri)
		return false;
	for (size_t j = i + 1; j < n; j++) {
		const char *m = lsp_json_str(lsp_json_get(batch[j], "method"));
		const char *u = lsp_json_str(lsp_json_path(batch[j], "params.textDocument.uri"));
		if (m && u && !strcmp(u, uri) &&
		    (!strcmp(m, "textDocument/didChange") || !strcmp(m, "textDocument/didClose")))
			return true;
	}
	return false;
}

static void dispatch(struct lsp_server *s, const struct cJSON *msg, bool modified)
{
	if (!lsp_json_is_object(msg)) {
		lsp_send_error(s, NULL, LSP_INVALID_REQUEST, "a message must be a JSON object");
		return;
	}
	const struct cJSON *id = lsp_json_get(msg, "id");
	if (id && (lsp_json_is_object(id) || lsp_json_is_array(id) || lsp_json_is_null(id)))
		id = NULL;
	const struct cJSON *mv = lsp_json_get(msg, "method");
	const char *method = lsp_json_str(mv);
	if (!method) {
		/* a response to a request of ours (we send none) is ignored; anything else is not a
		 * message */
		if (!lsp_json_get(msg, "result") && !lsp_json_get(msg, "error"))
			lsp_send_error(s, id, LSP_INVALID_REQUEST, "a message needs a method");
		return;
	}
	const struct lsp_method *m = method_find(method);
	if (s->exited)
		return;
	if (!s->initialized && !(m && m->before_init)) {
		if (id)
			lsp_send_error(s, id, LSP_SERVER_NOT_INITIALIZED,
				       "the server is not initialized");
		return;
	}
	if (s->shutdown && id && !(m && m->run == on_exit_note)) {
		lsp_send_error(s, id, LSP_INVALID_REQUEST, "the server is shut down");
		return;
	}
	if (!m) {
		if (id)
			lsp_send_error(s, id, LSP_METHOD_NOT_FOUND, "unknown method");
		return;
	}
	if (id && take_cancelled(s, id)) {
		lsp_send_error(s, id, LSP_REQUEST_CANCELLED, "the request was cancelled");
		return;
	}
	if (id && modified) {
		lsp_send_error(s, id, LSP_CONTENT_MODIFIED,
			       "the document changed before the request was answered");
		return;
	}
	const char *why = "invalid params";
	int err = m->run(s, id, lsp_json_get(msg, "params"), &why);
	if (err && id)
		lsp_send_error(s, id, err, why);
}

/* Take every whole message the reader holds: cancellations first, then the rest in order; a
 * position request superseded by a later change of its document in the batch is refused. */
static void handle_input(struct lsp_server *s, struct lsp_reader *r)
{
	struct cJSON **batch = NULL;
	size_t n = 0, cap = 0;
	struct strbuf body = STRBUF_INIT;
	strbuf_init(&body);
	enum lsp_frame f;
	while ((f = lsp_reader_next(r, &body)) != LSP_FRAME_NONE) {
		if (f == LSP_FRAME_BAD) {
			lsp_send_error(
			    s, NULL, LSP_PARSE_ERROR,
			    "a message without a valid Content-Length, or over the size limit");
			continue;
		}
		const char *why = NULL;
		struct cJSON *msg = lsp_json_parse(body.buf, body.len, &why);
		if (!msg) {
			lsp_send_error(s, NULL, why ? LSP_INTERNAL_ERROR : LSP_PARSE_ERROR,
				       why ? why : "the message is not valid JSON");
			continue;
		}
		note_cancel(s, msg);
		XGROW(batch, cap, n + 1);
		batch[n++] = msg;
	}
	strbuf_release(&body);
	for (size_t i = 0; i < n; i++) {
		dispatch(s, batch[i], superseded(batch, n, i));
		lsp_json_free(batch[i]);
	}
	free(batch);
}

static void server_init(struct lsp_server *s, int out, const struct lsp_opts *o)
{
	memset(s, 0, sizeof *s);
	s->opts = o;
	s->out_fd = out;
	s->lim = o->lim;
	s->exit_status = 1;
}

static void server_release(struct lsp_server *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		lsp_doc_free(s->docs[i]);
	free(s->docs);
	for (size_t i = 0; i < s->nmodels; i++)
		lsp_model_free(s->models[i]);
	free(s->models);
	for (size_t i = 0; i < s->npending; i++)
		free(s->pending[i].path);
	free(s->pending);
	for (size_t i = 0; i < s->ncancelled; i++)
		free(s->cancelled[i]);
	free(s->cancelled);
	free(s->client_lang);
	strbuf_release(&s->out);
}

int lsp_serve(int in, int out, const struct lsp_opts *o)
{
	struct lsp_server s;
	server_init(&s, out, o);
	struct lsp_reader r;
	lsp_reader_init(&r, o->max_message);
	char buf[65536];
	while (!s.exited) {
		int timeout = -1;
		if (s.npending) {
			int64_t due = s.pending[0].due;
			for (size_t i = 1; i < s.npending; i++)
				if (s.pending[i].due < due)
					due = s.pending[i].due;
			int64_t left = due - now_ms();
			timeout = left < 0 ? 0 : (int)left;
		}
		struct pollfd pf = { in, POLLIN, 0 };
		int pr = poll(&pf, 1, timeout);
		if (pr < 0 && errno != EINTR)
			break;
		if (pr > 0) {
			ssize_t k = read(in, buf, sizeof buf);
			if (k < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (k <= 0)
				break; /* the client went away without exit */
			strbuf_add(&r.buf, buf, (size_t)k);
			handle_input(&s, &r);
		}
		run_due(&s, false);
	}
	int status = s.exit_status;
	lsp_reader_release(&r);
	server_release(&s);
	return status;
}

void lsp_feed(const char *buf, size_t len, int out, const struct lsp_opts *o)
{
	struct lsp_server s;
	server_init(&s, out, o);
	struct lsp_reader r;
	lsp_reader_init(&r, o->max_message);
	strbuf_add(&r.buf, buf, len);
	handle_input(&s, &r);
	run_due(&s, true);
	lsp_reader_release(&r);
	server_release(&s);
}
