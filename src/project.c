/* SPDX-License-Identifier: MIT */
/* project: a system and everything it names, loaded once and validated; plus zhun.yaml. */
#include "project.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "paths.h"
#include "strbuf.h"
#include "strmap.h"
#include "suggest.h"
#include "xalloc.h"

static void add_doc(struct doc ***v, size_t *n, struct doc *d)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = d;
}

void project_init(struct project *p)
{
	memset(p, 0, sizeof *p);
	struct limits lim;
	limits_default(&lim);
	p->max_refs = lim.max_refs;
}

void project_release(struct project *p)
{
	doc_free(p->system_doc);
	for (size_t i = 0; i < p->nregistries; i++)
		doc_free(p->registries[i]);
	for (size_t i = 0; i < p->ndocuments; i++)
		doc_free(p->documents[i]);
	for (size_t i = 0; i < p->nothers; i++)
		doc_free(p->others[i]);
	free(p->registries);
	free(p->documents);
	free(p->row_document);
	free(p->others);
	project_init(p);
}

void project_take_others(struct project *to, struct project *from)
{
	for (size_t i = 0; i < from->nothers; i++)
		add_doc(&to->others, &to->nothers, from->others[i]);
	free(from->others);
	from->others = NULL;
	from->nothers = 0;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *project_resolve(const char *operand, struct diag_store *ds)
{
	if (!is_dir(operand))
		return xstrdup(operand);
	struct settings s = { 0 };
	struct limits lim;
	limits_default(&lim);
	char *res = NULL;
	if (settings_load(operand, &s, ds, &lim) && s.system)
		res = path_join(operand, s.system);
	settings_release(&s);
	if (res)
		return res;
	static const char *const names[] = { "system.yaml", "system.yml", "system.xml", NULL };
	for (const char *const *n = names; *n; n++) {
		char *cand = path_join(operand, *n);
		if (is_file(cand))
			return cand;
		free(cand);
	}
	diag_add(ds, DIAG_IO_ERROR, diag_store_file(ds, operand), (struct loc){ 0, 0 },
		 _("directory has no system file (zhun.yaml 'system', system.yaml or system.xml)"));
	return NULL;
}

static struct doc *load_built(const char *path, struct diag_store *ds, const struct limits *lim)
{
	struct doc *d = load_file(path, ds, lim);
	if (!d)
		return NULL;
	model_build(d, ds);
	return d;
}

static void load_linked(struct project *p, const char *dir, struct diag_store *ds,
			const struct limits *lim)
{
	struct system *s = p->system;
	struct doc *sd = p->system_doc;
	for (size_t i = 0; i < s->registry.n; i++) {
		char *path = path_join(dir, s->registry.v[i].s);
		if (!is_file(path)) {
			diag_add(ds, DIAG_LINKED_FILE, sd->path, s->registry.v[i].loc,
				 _("registry file '%s' does not exist"), path);
			free(path);
			continue;
		}
		struct doc *d = load_built(path, ds, lim);
		free(path);
		if (!d)
			continue;
		if (d->kind != DOC_REGISTRY && d->model) {
			diag_add(ds, DIAG_LINKED_KIND, sd->path, s->registry.v[i].loc,
				 _("'%s' is a %s, not a registry"), d->path, doc_kind_name(d->kind));
			doc_free(d);
			continue;
		}
		if (d->model)
			add_doc(&p->registries, &p->nregistries, d);
		else
			doc_free(d);
	}
	p->row_document = xcalloc(s->nrows ? s->nrows : 1, sizeof *p->row_document);
	struct strmap seen;
	strmap_init(&seen);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct text *doc = &s->rows[i].document;
		if (!doc->s)
			continue;
		char *path = path_join(dir, doc->s);
		struct doc *d = strmap_get(&seen, path);
		if (d) {
			p->row_document[i] = d;
			free(path);
			continue;
		}
		if (!is_file(path)) {
			diag_add(ds, DIAG_LINKED_FILE, sd->path, doc->loc,
				 _("document file '%s' does not exist"), path);
			free(path);
			continue;
		}
		d = load_built(path, ds, lim);
		free(path);
		if (!d)
			continue;
		if (d->kind != DOC_STANDARD) {
			if (d->model)
				diag_add(ds, DIAG_LINKED_KIND, sd->path, doc->loc,
					 _("'%s' is a %s, not a standard"), d->path,
					 doc_kind_name(d->kind));
			doc_free(d);
			continue;
		}
		strmap_put(&seen, d->path, d);
		add_doc(&p->documents, &p->ndocuments, d);
		if (d->model)
			p->row_document[i] = d;
	}
	strmap_release(&seen);
}

bool project_add(struct project *p, const char *path, struct diag_store *ds,
		 const struct limits *lim)
{
	p->max_refs = lim->max_refs;
	struct doc *d = load_built(path, ds, lim);
	if (!d)
		return false;
	if (!d->model) {
		add_doc(&p->others, &p->nothers, d);
		return false;
	}
	if (d->kind == DOC_SYSTEM && !p->system_doc) {
		p->system_doc = d;
		p->system = d->model;
		char *dir = path_dir(path);
		load_linked(p, dir, ds, lim);
		free(dir);
		if (p->system->date.y)
			p->as_of = p->system->date;
	} else {
		add_doc(&p->others, &p->nothers, d);
	}
	return true;
}

/* ---- zhun.yaml ---- */

void settings_release(struct settings *s)
{
	free(s->system);
	free(s->lang);
	memset(s, 0, sizeof *s);
}

bool settings_load(const char *dir, struct settings *s, struct diag_store *ds,
		   const struct limits *lim)
{
	char *path = path_join(dir, "zhun.yaml");
	if (!is_file(path)) {
		free(path);
		return true;
	}
	struct doc *d = load_file(path, ds, lim);
	free(path);
	if (!d)
		return false;
	bool ok = true;
	const struct node *root = d->root;
	if (root && root->kind == NODE_MAP && root->n == 1 && node_get(root, "zhun"))
		root = node_get(root, "zhun");
	if (!root || root->kind != NODE_MAP) {
		diag_add(ds, DIAG_TYPE_MISMATCH, d->path, (struct loc){ 1, 1 },
			 _("zhun.yaml must be a mapping with keys system, lang and rules"));
		doc_free(d);
		return false;
	}
	static const char *const keys[] = { "format", "system", "lang", "rules", NULL };
	for (size_t i = 0; i < root->n; i++) {
		const struct node *k = root->u.pairs[i].key, *v = root->u.pairs[i].value;
		if (!strcmp(k->u.str, "format")) {
			if (!node_is(v, "1")) {
				diag_add(ds, DIAG_FORMAT_VERSION, d->path, v->loc,
					 _("format must be 1"));
				ok = false;
			}
		} else if (!strcmp(k->u.str, "system") && v->kind == NODE_SCALAR) {
			s->system = xstrdup(v->u.str);
		} else if (!strcmp(k->u.str, "lang") && v->kind == NODE_SCALAR) {
			if (strcmp(v->u.str, "zh") && strcmp(v->u.str, "en")) {
				diag_add(ds, DIAG_ENUM_INVALID, d->path, v->loc,
					 _("lang must be zh or en, not '%s'"), v->u.str);
				ok = false;
			} else {
				s->lang = xstrdup(v->u.str);
			}
		} else if (!strcmp(k->u.str, "rules") && v->kind == NODE_MAP) {
			for (size_t j = 0; j < v->n; j++) {
				const struct node *rk = v->u.pairs[j].key, *rv = v->u.pairs[j].value;
				int code = diag_code_by_name(rk->u.str);
				int sev = rv->kind == NODE_SCALAR ? severity_by_name(rv->u.str) : -1;
				if (code < 0) {
					struct diag *dg = diag_add(ds, DIAG_KEY_UNKNOWN, d->path, rk->loc,
								   _("unknown rule code '%s'"), rk->u.str);
					const char *names[DIAG__COUNT + 1];
					for (int c = 0; c < DIAG__COUNT; c++)
						names[c] = diag_info((enum diag_code)c)->name;
					names[DIAG__COUNT] = NULL;
					const char *sug = did_you_mean(rk->u.str, names);
					if (sug)
						diag_set_help(dg, _("did you mean '%s'?"), sug);
					ok = false;
				} else if (sev < 0 || sev == SEV_FATAL) {
					diag_add(ds, DIAG_ENUM_INVALID, d->path, rv->loc,
						 _("severity must be off, note, warning or error"));
					ok = false;
				} else if (diag_info((enum diag_code)code)->sev == SEV_FATAL) {
					diag_add(ds, DIAG_ENUM_INVALID, d->path, rk->loc,
						 _("'%s' reports unreadable input and cannot be reconfigured"),
						 rk->u.str);
					ok = false;
				} else {
					diag_store_set_severity(ds, (enum diag_code)code, (enum severity)sev);
				}
			}
		} else {
			struct diag *dg = diag_add(ds, DIAG_KEY_UNKNOWN, d->path, k->loc,
						   _("unknown key '%s' in zhun.yaml"), k->u.str);
			const char *sug = did_you_mean(k->u.str, keys);
			if (sug)
				diag_set_help(dg, _("did you mean '%s'?"), sug);
			ok = false;
		}
	}
	doc_free(d);
	return ok;
}
