/* SPDX-License-Identifier: MIT */
/* lsp_check: the language server's checks — which project an open file belongs to, loading it
 * with open buffers in place of the files on disk, running `check` over it with the settings
 * of its zhun.yaml, and publishing the findings for every file they concern (an empty list for
 * a file whose findings went away). */
#include "lsp_int.h"

#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "config.h"
#include "i18n.h"
#include "paths.h"
#include "pool.h"
#include "settings.h"
#include "xalloc.h"

/* ---- a project source that prefers the open buffers ---- */

static struct doc *buffers_load(const struct project_source *src, const char *path,
				struct diag_store *ds, const struct limits *lim, bool *missing)
{
	struct lsp_server *s = (struct lsp_server *)src->ctx;
	struct lsp_doc *d = lsp_doc_by_path(s, path);
	if (!d)
		return project_files.load(&project_files, path, ds, lim, missing);
	if (missing)
		*missing = false;
	return load_buffer(path, d->text.buf, d->text.len,
			   load_sniff(path, d->text.buf, d->text.len), ds, lim);
}

/* Paths are normalised so that a document named "../registry/r.yaml" from a system matches the
 * URI the editor opened it under. */
static char *buffers_resolve(const struct project_source *src, const char *from, const char *rel)
{
	char *joined = project_files.resolve(&project_files, from, rel);
	char *n = lsp_path_normalise(joined);
	free(joined);
	return n;
}

/* ---- models ---- */

void lsp_model_free(struct lsp_model *m)
{
	if (!m)
		return;
	if (m->has_ctx) {
		check_ctx_release(&m->ctx);
		diag_store_release(&m->ctx_ds);
	}
	if (m->has_rix)
		records_index_release(&m->rix);
	project_release(&m->p);
	diag_store_release(&m->ds);
	for (size_t i = 0; i < m->npublished; i++)
		free(m->published[i]);
	free(m->published);
	free(m->root);
	free(m);
}

static struct doc *doc_named(struct doc *const *docs, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(docs[i]->path, path))
			return docs[i];
	return NULL;
}

struct doc *lsp_model_doc(struct lsp_model *m, const char *path)
{
	struct project *p = &m->p;
	if (p->system_doc && !strcmp(p->system_doc->path, path))
		return p->system_doc;
	struct doc *d = doc_named(p->registries, p->nregistries, path);
	if (!d)
		d = doc_named(p->documents, p->ndocuments, path);
	if (!d)
		d = doc_named(p->records, p->nrecords, path);
	if (!d)
		d = doc_named(p->others, p->nothers, path);
	return d;
}

struct lsp_model *lsp_model_of(struct lsp_server *s, const char *path)
{
	for (size_t i = 0; i < s->nmodels; i++)
		if (lsp_model_doc(s->models[i], path))
			return s->models[i];
	return NULL;
}

struct check_ctx *lsp_model_ctx(struct lsp_model *m)
{
	if (!m->has_ctx) {
		/* the indexes and cross-references of `check`, with findings of their own that
		 * nobody prints: navigation needs the model, not the verdict */
		diag_store_init(&m->ctx_ds);
		check_ctx_init(&m->ctx, &m->p, &m->ctx_ds, &(struct date){ 0 });
		check_xref_run(&m->ctx);
		m->has_ctx = true;
	}
	return &m->ctx;
}

const struct records_index *lsp_model_records_index(struct lsp_model *m)
{
	if (!m->p.system)
		return NULL;
	if (!m->has_rix) {
		records_index_init(&m->rix, m->p.system);
		m->has_rix = true;
	}
	return &m->rix;
}

/* ---- which project ---- */

static bool text_is_file(struct lsp_server *s, const char *path)
{
	return lsp_doc_by_path(s, path) || path_is_file(path);
}

/* The system file that `path` may belong to: zhun.yaml's `system:`, else a system.yaml,
 * system.yml or system.xml in its directory or one above it, up to the top of the repository.
 * Findings about zhun.yaml's `system:` go to `ds`. */
static char *system_for(struct lsp_server *s, const char *path, const struct settings *st,
			struct diag_store *ds)
{
	if (st->system) {
		/* the checkout's zhun.yaml may name /dev/stdin (the client's messages), a FIFO or
		 * /etc/passwd: the command line's policy, a regular file inside the project */
		char *dir = path_dir(st->path);
		char *sys = project_resolve(dir, st, ds, &s->lim);
		char *n = sys ? lsp_path_normalise(sys) : NULL;
		free(sys);
		free(dir);
		return n;
	}
	char *dir = path_dir(path);
	for (int up = 0; up < 8; up++) {
		static const char *const names[] = { "system.yaml", "system.yml", "system.xml" };
		for (size_t k = 0; k < 3; k++) {
			char *cand = path_join(dir, names[k]);
			if (text_is_file(s, cand)) {
				free(dir);
				return cand;
			}
			free(cand);
		}
		char *git = path_join(dir, ".git");
		bool top = path_is_dir(git) || path_is_file(git);
		free(git);
		char *parent = path_dir(dir);
		if (top || !strcmp(parent, dir)) {
			free(parent);
			break;
		}
		free(dir);
		dir = parent;
	}
	free(dir);
	return NULL;
}

static void set_lang(struct lsp_server *s, const struct settings *st)
{
	static char current[8];
	const char *lang = s->opts->lang    ? s->opts->lang
			   : st->lang	    ? st->lang
			   : s->client_lang ? s->client_lang
					    : "en";
	if (strcmp(current, lang) && i18n_set_lang(lang))
		snprintf(current, sizeof current, "%s", lang);
}

/* ---- publishing ---- */

static int lsp_severity(enum severity sev)
{
	switch (sev) {
	case SEV_FATAL:
	case SEV_ERROR:
		return 1;
	case SEV_WARNING:
		return 2;
	default:
		return 3;
	}
}

/* The page of a rule: on the project's public home when meson's `homepage` is set (as SARIF's
 * helpUri), else its own page docs/rules/<code>.md beside the rules document `zhun explain`
 * reads: an editor opens a file:// address as a file and drops the #anchor, so an anchor into
 * rules.md would land on its first rule. rules.md#code only when the page is not installed. */
static char *rule_href(const char *code)
{
#ifdef ZHUN_HOMEPAGE
	return xasprintf("%s/blob/main/docs/rules/%s.md", ZHUN_HOMEPAGE, code);
#else
	const char *doc = paths_rules_doc();
	if (!doc)
		return NULL;
	char *abs = doc[0] == '/' ? lsp_path_normalise(doc) : xstrdup(doc);
	char *dir = path_dir(abs);
	char *page = xasprintf("%s/rules/%s.md", dir, code);
	char *href;
	if (path_is_file(page)) {
		href = lsp_path_to_uri(page);
	} else {
		char *uri = lsp_path_to_uri(abs);
		href = xasprintf("%s#%s", uri, code);
		free(uri);
	}
	free(page);
	free(dir);
	free(abs);
	return href;
#endif
}

static void write_diag(struct lsp_server *s, struct json_writer *w, const struct lsp_text *t,
		       const struct diag *d)
{
	json_begin_object(w, NULL, JSON_COMPACT);
	struct loc end =
	    d->fix && d->fix->start.line == d->loc.line && d->fix->start.col == d->loc.col
		? d->fix->end
		: lsp_word_end(t, d->loc);
	lsp_write_range(w, "range", s, t, d->loc, end);
	json_int(w, "severity", lsp_severity(d->sev));
	const char *name = diag_info(d->code)->name;
	json_string(w, "code", name);
	char *href = rule_href(name);
	if (href) {
		json_begin_object(w, "codeDescription", JSON_COMPACT);
		json_string(w, "href", href);
		json_end(w);
		free(href);
	}
	json_string(w, "source", "zhun");
	if (d->help) {
		char *m = xasprintf("%s\n%s", d->msg, d->help);
		json_string(w, "message", m);
		free(m);
	} else {
		json_string(w, "message", d->msg);
	}
	if (d->file2 && d->file2[0]) {
		struct lsp_text t2;
		lsp_text_get(s, d->file2, &t2);
		char *uri = lsp_path_to_uri(d->file2);
		json_begin_array(w, "relatedInformation", JSON_COMPACT);
		json_begin_object(w, NULL, JSON_COMPACT);
		json_begin_object(w, "location", JSON_COMPACT);
		json_string(w, "uri", uri);
		lsp_write_range(w, "range", s, &t2, d->loc2, lsp_word_end(&t2, d->loc2));
		json_end(w);
		json_string(w, "message", d->msg2 ? d->msg2 : "");
		json_end(w);
		json_end(w);
		free(uri);
		lsp_text_release(&t2);
	}
	json_end(w);
}

/* Publish the findings of ds[from, to) (all about `path`; none: an empty list). */
static void publish(struct lsp_server *s, const char *path, const struct diag_store *ds,
		    size_t from, size_t to)
{
	struct lsp_text t;
	lsp_text_get(s, path, &t);
	char *uri = lsp_path_to_uri(path);
	struct json_writer w;
	lsp_begin_notify(s, &w, "textDocument/publishDiagnostics");
	json_begin_object(&w, "params", JSON_COMPACT);
	json_string(&w, "uri", uri);
	struct lsp_doc *open = lsp_doc_by_path(s, path);
	if (open)
		json_int(&w, "version", open->version);
	json_begin_array(&w, "diagnostics", JSON_COMPACT);
	for (size_t i = from; i < to; i++)
		write_diag(s, &w, &t, diag_store_get(ds, i));
	json_end(&w);
	json_end(&w);
	lsp_end(s, &w);
	free(uri);
	lsp_text_release(&t);
}

static bool in_list(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

/* Every file with findings gets its list; every file that had findings last time, and every
 * open file of the project, gets one too, empty when it has none now. */
static void publish_all(struct lsp_server *s, struct lsp_model *m, const struct lsp_model *old,
			const char *checked)
{
	const struct diag_store *ds = &m->ds;
	size_t n = diag_store_size(ds);
	for (size_t i = 0; i < n;) {
		const char *file = diag_store_get(ds, i)->file;
		size_t j = i;
		while (j < n && diag_store_get(ds, j)->file == file)
			j++;
		/* a finding about no file (a broken zhun.yaml passed as "") goes to the file
		 * checked */
		const char *path = file[0] ? file : checked;
		if (!in_list(m->published, m->npublished, path)) {
			/* findings of the empty name and of `checked` itself are one list: gather
			 * them */
			publish(s, path, ds, i, j);
			XGROW(m->published, m->cap_published, m->npublished + 1);
			m->published[m->npublished++] = xstrdup(path);
		}
		i = j;
	}
	for (size_t i = 0; old && i < old->npublished; i++)
		if (!in_list(m->published, m->npublished, old->published[i]))
			publish(s, old->published[i], ds, 0, 0);
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *p = s->docs[i]->path;
		if ((lsp_model_doc(m, p) || !strcmp(p, checked)) &&
		    !in_list(m->published, m->npublished, p) &&
		    !(old && in_list(old->published, old->npublished, p)))
			publish(s, p, ds, 0, 0);
	}
}

/* ---- the check ---- */

static void drop_model(struct lsp_server *s, struct lsp_model *m)
{
	for (size_t i = 0; i < s->nmodels; i++)
		if (s->models[i] == m) {
			memmove(s->models + i, s->models + i + 1,
				(s->nmodels - i - 1) * sizeof *s->models);
			s->nmodels--;
			break;
		}
}

static struct lsp_model *model_by_root(struct lsp_server *s, const char *root)
{
	for (size_t i = 0; i < s->nmodels; i++)
		if (!strcmp(s->models[i]->root, root))
			return s->models[i];
	return NULL;
}

/* Load and check the project of `root` into a new model (findings sorted). */
static struct lsp_model *check_root(struct lsp_server *s, const char *root,
				    const struct settings *st, struct diag_store *setting_ds)
{
	struct lsp_model *m = xcalloc(1, sizeof *m);
	m->root = xstrdup(root);
	diag_store_init(&m->ds);
	settings_rules(st, &m->ds);
	project_init(&m->p);
	/* requests wait behind the check: its documents are loaded and checked on every core.
	 * The open buffers are only read meanwhile. */
	unsigned jobs = pool_default_jobs();
	m->p.jobs = jobs;
	struct project_source src = { buffers_load, buffers_resolve, s, true };
	if (project_add(&m->p, &src, root, &m->ds, &s->lim))
		check_run_jobs(&m->p, &m->ds, &(struct date){ 0 }, jobs);
	/* the findings about zhun.yaml itself, made before the rules applied */
	for (size_t i = 0; setting_ds && i < diag_store_size(setting_ds); i++) {
		const struct diag *d = diag_store_get(setting_ds, i);
		diag_add(&m->ds, d->code, d->file, d->loc, "%s", d->msg);
	}
	diag_store_finish(&m->ds);
	return m;
}

/* Whether the open file at `path` is one of zhun's: its first key (YAML) or element (XML) is
 * system, standard, registry or records. An editor attaches the server to every YAML file — a CI
 * workflow, zhun.yaml itself — and those are not to be held to zhun's format. Files not open
 * are always taken: a project names them. */
static bool is_ours(struct lsp_server *s, const char *path)
{
	struct lsp_doc *d = lsp_doc_by_path(s, path);
	if (!d)
		return true;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strcmp(base, "zhun.yaml"))
		return false;
	const char *p = d->text.buf, *end = p + d->text.len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		while (p < e &&
		       (*p == ' ' || *p == '\t' || *p == '\r' || (unsigned char)*p == 0xEF ||
			(unsigned char)*p == 0xBB || (unsigned char)*p == 0xBF))
			p++;
		if (p < e && *p != '#' && strncmp(p, "---", 3) && strncmp(p, "<?", 2) &&
		    strncmp(p, "<!--", 4) && strncmp(p, "%YAML", 5)) {
			if (*p == '<')
				p++;
			static const char *const roots[] = { "system", "standard", "registry",
							     "records" };
			for (size_t k = 0; k < sizeof roots / sizeof roots[0]; k++) {
				size_t n = strlen(roots[k]);
				if ((size_t)(e - p) >= n && !strncmp(p, roots[k], n))
					return true;
			}
			return false;
		}
		p = e + 1;
	}
	return false;
}

void lsp_check_file(struct lsp_server *s, const char *path)
{
	if (!is_ours(s, path)) {
		/* nothing of ours to say: an empty list, so that an editor waiting for one stops */
		struct diag_store none;
		diag_store_init(&none);
		publish(s, path, &none, 0, 0);
		diag_store_release(&none);
		for (size_t i = 0; i < s->npending; i++)
			if (!strcmp(s->pending[i].path, path)) {
				free(s->pending[i].path);
				s->pending[i] = s->pending[--s->npending];
				break;
			}
		return;
	}
	struct diag_store sds;
	diag_store_init(&sds);
	struct settings st;
	char *conf = settings_find(path);
	if (conf)
		settings_read(&st, conf, &sds, &s->lim);
	else
		settings_init(&st);
	free(conf);
	set_lang(s, &st);

	char *sys = system_for(s, path, &st, &sds);
	char *root = xstrdup(sys ? sys : path);
	struct lsp_model *m = check_root(s, root, &st, &sds);
	if (strcmp(root, path) && !lsp_model_doc(m, path) && text_is_file(s, path)) {
		/* the system does not name this file: it is checked on its own, unless it did
		 * not load (a syntax error) — then the system's findings hold that one */
		bool named = false;
		for (size_t i = 0; i < diag_store_size(&m->ds); i++)
			if (!strcmp(diag_store_get(&m->ds, i)->file, path))
				named = true;
		if (!named) {
			lsp_model_free(m);
			free(root);
			root = xstrdup(path);
			m = check_root(s, root, &st, &sds);
		}
	}
	s->checks_run++;
	struct lsp_model *old = model_by_root(s, root);
	publish_all(s, m, old, path);
	/* keep the last good model for navigation when the edited file no longer loads */
	if (old && !lsp_model_doc(m, path) && lsp_model_doc(old, path)) {
		old->stale = true;
		for (size_t i = 0; i < old->npublished; i++)
			free(old->published[i]);
		free(old->published);
		old->published = m->published;
		old->npublished = m->npublished;
		old->cap_published = m->cap_published;
		m->published = NULL;
		m->npublished = 0;
		lsp_model_free(m);
	} else {
		if (old) {
			drop_model(s, old);
			lsp_model_free(old);
		}
		XGROW(s->models, s->cap_models, s->nmodels + 1);
		s->models[s->nmodels++] = m;
	}
	/* other pending checks of files this check covered are done */
	struct lsp_model *now = model_by_root(s, root);
	for (size_t i = 0; i < s->npending;) {
		if (lsp_model_doc(now, s->pending[i].path) || !strcmp(s->pending[i].path, path)) {
			free(s->pending[i].path);
			s->pending[i] = s->pending[--s->npending];
		} else {
			i++;
		}
	}
	free(sys);
	free(root);
	settings_release(&st);
	diag_store_release(&sds);
}
