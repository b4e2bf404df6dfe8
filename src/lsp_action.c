/* SPDX-License-Identifier: MIT */
/* lsp_action: code actions — every finding of the last check that carries a fix, on the lines
 * the client asks about, as a quick fix whose edit replaces the fix's range. */
#include "lsp_int.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

int lsp_code_action(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		    const char **msg)
{
	const char *uri = lsp_json_str(lsp_json_path(params, "textDocument.uri"));
	struct lsp_doc *d = lsp_doc_find(s, uri);
	long l0, l1;
	if (!d || !lsp_json_int(lsp_json_path(params, "range.start.line"), &l0) ||
	    !lsp_json_int(lsp_json_path(params, "range.end.line"), &l1)) {
		*msg = "a code action needs an open document and a range";
		return LSP_INVALID_PARAMS;
	}
	struct lsp_text t;
	lsp_text_of_doc(d, &t);
	struct lsp_model *m = lsp_model_of(s, d->path);
	if (!m) {
		for (size_t i = 0; i < s->nmodels && !m; i++)
			if (!strcmp(s->models[i]->root, d->path))
				m = s->models[i];
	}
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	json_begin_array(&w, "result", JSON_COMPACT);
	size_t n = m ? diag_store_size(&m->ds) : 0;
	for (size_t i = 0; i < n; i++) {
		const struct diag *f = diag_store_get(&m->ds, i);
		if (!f->fix || strcmp(f->file, d->path) || (long)f->loc.line < l0 + 1 ||
		    (long)f->loc.line > l1 + 1)
			continue;
		json_begin_object(&w, NULL, JSON_COMPACT);
		json_string(&w, "title", f->help ? f->help : f->msg);
		json_string(&w, "kind", "quickfix");
		json_begin_object(&w, "edit", JSON_COMPACT);
		json_begin_object(&w, "changes", JSON_COMPACT);
		json_begin_array(&w, d->uri, JSON_COMPACT);
		json_begin_object(&w, NULL, JSON_COMPACT);
		lsp_write_range(&w, "range", s, &t, f->fix->start, f->fix->end);
		json_string(&w, "newText", f->fix->text);
		json_end(&w);
		json_end(&w);
		json_end(&w);
		json_end(&w);
		json_end(&w);
	}
	json_end(&w);
	lsp_end(s, &w);
	return 0;
}
