/* SPDX-License-Identifier: MIT */
/* lsp_complete: completion — the keys the schema allows at the cursor, enumerated words in
 * English and Chinese, category codes, the standard numbers the system knows, and clause
 * numbers after 见 and 按. */
#include "lsp_int.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "schema.h"
#include "xalloc.h"

/* CompletionItemKind */
enum { KIND_FIELD = 5, KIND_ENUM_MEMBER = 20, KIND_VALUE = 12, KIND_REFERENCE = 18 };

static void item(struct json_writer *w, const char *label, int kind, const char *detail,
		 const char *insert)
{
	json_begin_object(w, NULL, JSON_COMPACT);
	json_string(w, "label", label);
	json_int(w, "kind", kind);
	if (detail)
		json_string(w, "detail", detail);
	if (insert)
		json_string(w, "insertText", insert);
	json_end(w);
}

static bool ends_with(const char *s, size_t a, size_t off, const char *w)
{
	size_t n = strlen(w);
	return off - a >= n && !memcmp(s + off - n, w, n);
}

static void clause_numbers(struct json_writer *w, const struct clause *v, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].num.s)
			item(w, v[i].num.s, KIND_REFERENCE, v[i].title.s, NULL);
		if (depth < 32)
			clause_numbers(w, v[i].clauses, v[i].nclauses, depth + 1);
	}
}

/* Standard numbers of the system's rows and of its registries, each once. */
static void numbers(struct json_writer *w, const struct project *p)
{
	struct strmap seen;
	strmap_init(&seen);
	const struct system *sys = p->system;
	for (size_t i = 0; sys && i < sys->nrows; i++) {
		const struct row *r = &sys->rows[i];
		if (r->number.text.s && strmap_put_new(&seen, r->number.text.s, (void *)r) == r)
			item(w, r->number.text.s, KIND_VALUE, r->title.s, NULL);
	}
	for (size_t k = 0; k < p->nregistries; k++) {
		const struct registry *reg = p->registries[k]->model;
		for (size_t i = 0; reg && i < reg->neditions; i++) {
			const struct edition *e = &reg->editions[i];
			if (e->number.text.s &&
			    strmap_put_new(&seen, e->number.text.s, (void *)e) == e)
				item(w, e->number.text.s, KIND_VALUE, e->title.s, NULL);
		}
	}
	strmap_release(&seen);
}

int lsp_completion(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		   const char **msg)
{
	struct lsp_at at;
	if (!lsp_at_init(s, params, &at, msg))
		return LSP_INVALID_PARAMS;
	struct doc *doc = at.m ? lsp_model_doc(at.m, at.d->path) : NULL;
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	json_begin_object(&w, "result", JSON_COMPACT);
	json_bool(&w, "isIncomplete", false);
	json_begin_array(&w, "items", JSON_COMPACT);
	/* a clause number after 见, 按 (参见 ends with 见), with digits already typed or not */
	size_t word = at.off;
	while (word > at.ln.line_start &&
	       ((at.t.s[word - 1] >= '0' && at.t.s[word - 1] <= '9') || at.t.s[word - 1] == '.'))
		word--;
	const struct field *f =
	    at.ln.rec && at.ln.key[0] ? schema_field(at.ln.rec, at.ln.key) : NULL;
	if ((ends_with(at.t.s, at.ln.line_start, word, "见") ||
	     ends_with(at.t.s, at.ln.line_start, word, "按")) &&
	    doc && doc->kind == DOC_STANDARD && doc->model) {
		const struct standard *st = doc->model;
		clause_numbers(&w, st->clauses, st->nclauses, 0);
		for (size_t i = 0; i < st->nannexes; i++)
			clause_numbers(&w, st->annexes[i].clauses, st->annexes[i].nclauses, 1);
	} else if (at.ln.in_key || !at.ln.key[0]) {
		const struct rec_def *r = at.ln.rec;
		if (!r && !at.ln.key[0] && at.off == at.ln.line_start) {
			/* the root key of an empty file */
			for (int k = DOC_SYSTEM; k <= DOC_REGISTRY; k++)
				item(&w, doc_kind_name(k), KIND_FIELD, NULL, NULL);
		}
		for (size_t i = 0; r && i < r->nfields; i++) {
			char *ins = xasprintf("%s: ", r->fields[i].key);
			item(&w, r->fields[i].key, KIND_FIELD, r->fields[i].doc, ins);
			free(ins);
		}
	} else if (f && f->type == FT_ENUM) {
		for (size_t i = 0; i < f->en->n; i++) {
			const struct enum_word *ew = &f->en->words[i];
			item(&w, ew->word, KIND_ENUM_MEMBER,
			     schema_enum_word(f->en, ew->value, !ew->zh), NULL);
		}
	} else if (f && (f->type == FT_NUM || f->type == FT_NUMLIST) && at.m) {
		numbers(&w, &at.m->p);
	} else if (f && !strcmp(f->key, "code") && at.ln.rec == &schema_row_rec && at.m &&
		   at.m->p.system) {
		const struct system *sys = at.m->p.system;
		for (size_t i = 0; i < sys->ncat; i++)
			if (sys->cat_preorder[i]->code.s)
				item(&w, sys->cat_preorder[i]->code.s, KIND_VALUE,
				     sys->cat_preorder[i]->title.s, NULL);
	}
	json_end(&w);
	json_end(&w);
	lsp_end(s, &w);
	return 0;
}
