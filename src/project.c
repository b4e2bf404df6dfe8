/* SPDX-License-Identifier: MIT */
/* project: a system and everything it names, loaded once and validated, from the file system or
 * any other source (a git revision). */
#include "project.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "i18n.h"
#include "paths.h"
#include "pool.h"
#include "settings.h"
#include "strmap.h"
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
	records_config_init(&p->rcfg);
}

void project_release(struct project *p)
{
	doc_free(p->system_doc);
	for (size_t i = 0; i < p->nregistries; i++)
		doc_free(p->registries[i]);
	for (size_t i = 0; i < p->nrecords; i++)
		doc_free(p->records[i]);
	for (size_t i = 0; i < p->ndocuments; i++)
		doc_free(p->documents[i]);
	for (size_t i = 0; i < p->nothers; i++)
		doc_free(p->others[i]);
	free(p->registries);
	free(p->records);
	free(p->documents);
	free(p->row_document);
	free(p->others);
	for (size_t i = 0; i < p->nlinks; i++) {
		free(p->links[i].path);
		free(p->links[i].rows);
	}
	free(p->links);
	free(p->root);
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

bool project_inside(const char *path, const char *root)
{
	char *real = realpath(path, NULL);
	if (!real)
		return true;
	char *top = realpath(root, NULL);
	bool in = false;
	if (top) {
		size_t n = strlen(top);
		in = !strcmp(top, "/") ||
		     (!strncmp(real, top, n) && (real[n] == '/' || real[n] == '\0'));
	}
	free(real);
	free(top);
	return in;
}

/* The finding for a file outside the project root, which is then not read: only its name as
 * the referring file spells it reaches the output. */
static void refuse_outside(struct diag_store *ds, const char *file, struct loc at, const char *path)
{
	struct diag *d =
	    diag_add(ds, DIAG_LINKED_OUTSIDE, file, at,
		     _("'%s' resolves to a file outside the project root; it is not read"), path);
	diag_set_help(d,
		      _("the project root is the directory of zhun.yaml, else of .git, else of the "
			"system file; 'allow-outside-paths: true' in zhun.yaml lets files outside "
			"it be read"));
}

char *project_resolve(const char *operand, const struct settings *s, struct diag_store *ds,
		      const struct limits *lim)
{
	if (!path_is_dir(operand))
		return xstrdup(operand);
	char *conf = path_join(operand, "zhun.yaml");
	char *res = NULL;
	bool outside_ok = false;
	if (s && s->path && !strcmp(s->path, conf)) {
		if (s->system)
			res = xstrdup(s->system);
		outside_ok = s->allow_outside_paths;
	} else if (path_is_file(conf)) {
		/* a second project in one run: its system file, not its settings */
		struct settings other;
		if (settings_read(&other, conf, ds, lim) && other.system)
			res = xstrdup(other.system);
		outside_ok = other.allow_outside_paths;
		settings_release(&other);
	}
	free(conf);
	struct stat st;
	/* zhun.yaml is the project's, and so the pull request's: `system: /dev/stdin` must not
	 * hang a run, nor /dev/urandom feed it, nor `/etc/passwd` or `../../x` be read. Without
	 * its system the run has checked nothing: a fatal finding, as for an unreadable file. */
	bool special = res && stat(res, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
	bool outside = res && !special && !outside_ok && !project_inside(res, operand);
	if (special)
		diag_add(
		    ds, DIAG_IO_ERROR, diag_store_file(ds, res), (struct loc){ 0, 0 },
		    _("the system file zhun.yaml names is not a regular file; it is not read"));
	if (outside) {
		struct diag *d =
		    diag_add(ds, DIAG_IO_ERROR, diag_store_file(ds, res), (struct loc){ 0, 0 },
			     _("the system file zhun.yaml names resolves to a file outside "
			       "the project root; it is not read"));
		diag_set_help(
		    d, _("the project root is the directory of zhun.yaml; "
			 "'allow-outside-paths: true' there lets the system lie outside it"));
	}
	if (special || outside) {
		free(res);
		return NULL;
	}
	if (res)
		return res;
	static const char *const names[] = { "system.yaml", "system.yml", "system.xml", NULL };
	for (const char *const *n = names; *n; n++) {
		char *cand = path_join(operand, *n);
		if (path_is_file(cand))
			return cand;
		free(cand);
	}
	diag_add(ds, DIAG_IO_ERROR, diag_store_file(ds, operand), (struct loc){ 0, 0 },
		 _("directory has no system file (zhun.yaml 'system', system.yaml or system.xml)"));
	return NULL;
}

/* ---- sources ---- */

static struct doc *files_load(const struct project_source *src, const char *path,
			      struct diag_store *ds, const struct limits *lim, bool *missing)
{
	/* a linked file (missing given) is read only when it is a regular file */
	return load_file_as(path, missing ? LOAD_REGULAR : 0, ds, lim, missing);
}

static char *files_resolve(const struct project_source *src, const char *from, const char *rel)
{
	char *dir = path_dir(from);
	char *path = path_join(dir, rel);
	free(dir);
	return path;
}

const struct project_source project_files = { files_load, files_resolve, NULL, true };

/* ---- loading ---- */

static struct doc *load_built(const struct project_source *src, const char *path,
			      struct diag_store *ds, const struct limits *lim, bool *missing)
{
	struct doc *d = src->load(src, path, ds, lim, missing);
	if (d)
		model_build(d, ds);
	return d;
}

char *project_root_of(const char *path, const struct limits *lim)
{
	if (!strcmp(path, "-"))
		return NULL;
	char *conf = NULL;
	char *root = settings_root(path, &conf);
	if (conf) {
		/* the zhun.yaml read again for its one key: its findings were the settings step's
		 * (or belong to another project), so they go to a store of its own */
		struct diag_store quiet;
		diag_store_init(&quiet);
		struct settings s;
		settings_read(&s, conf, &quiet, lim);
		if (s.allow_outside_paths) {
			free(root);
			root = NULL;
		}
		settings_release(&s);
		diag_store_release(&quiet);
		free(conf);
	}
	return root;
}

/* The project root that the files of a system read from the file system must stay in, or NULL
 * when they may go anywhere (its zhun.yaml says allow-outside-paths) or the source is not the
 * file system (a git revision keeps them in the repository itself). */
static char *confining_root(const struct project_source *src, const char *path,
			    const struct limits *lim)
{
	return src->confined ? project_root_of(path, lim) : NULL;
}

char *project_read_linked(const char *root, const char *path, const char *from, struct loc at,
			  size_t *len, struct diag_store *ds, const struct limits *lim,
			  bool *missing)
{
	*missing = false;
	if (root && !project_inside(path, root)) {
		refuse_outside(ds, from, at, path);
		return NULL;
	}
	struct limits def;
	limits_default(&def);
	return load_read(path, path, LOAD_REGULAR, len, ds, lim ? lim : &def, missing);
}

/* Is the linked file at `path` one the project may read? Reports it when not. */
static bool may_read(const char *root, const char *path, struct diag_store *ds, const char *sp,
		     struct loc at)
{
	if (!root || project_inside(path, root))
		return true;
	refuse_outside(ds, sp, at, path);
	return false;
}

/* The files a system lists under `key` (registry, records), each of kind `kind`. */
static void load_linked(struct project *p, const struct project_source *src, const char *from,
			const char *root, const struct textlist *list, enum doc_kind kind,
			struct doc ***out, size_t *nout, struct diag_store *ds,
			const struct limits *lim)
{
	const char *sp = p->system_doc->path;
	for (size_t i = 0; i < list->n; i++) {
		char *path = src->resolve(src, from, list->v[i].s);
		if (!may_read(root, path, ds, sp, list->v[i].loc)) {
			free(path);
			continue;
		}
		bool missing;
		struct doc *d = load_built(src, path, ds, lim, &missing);
		if (missing)
			diag_add(ds, DIAG_LINKED_FILE, sp, list->v[i].loc,
				 kind == DOC_REGISTRY ? _("registry file '%s' does not exist")
						      : _("records file '%s' does not exist"),
				 path);
		free(path);
		if (!d)
			continue;
		if (d->kind != kind || !d->model) {
			if (d->model)
				diag_add(ds, DIAG_LINKED_KIND, sp, list->v[i].loc,
					 kind == DOC_REGISTRY
					     ? _("'%s' is a %s, not a registry")
					     : _("'%s' is a %s, not a records file"),
					 d->path, doc_kind_name(d->kind));
			doc_free(d);
			continue;
		}
		add_doc(out, nout, d);
	}
}

/* Each document path once, with the rows naming it. */
static void list_links(struct project *p, const struct project_source *src, const char *from)
{
	const struct system *s = p->system;
	struct strmap seen; /* path → link index + 1 */
	strmap_init(&seen);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct text *doc = &s->rows[i].document;
		if (!doc->s)
			continue;
		char *path = src->resolve(src, from, doc->s);
		size_t k = (size_t)(uintptr_t)strmap_get(&seen, path);
		if (k) {
			free(path);
			k--;
		} else {
			p->links = xrealloc(p->links, (p->nlinks + 1) * sizeof *p->links);
			k = p->nlinks++;
			p->links[k] = (struct project_link){ path, NULL, 0 };
			strmap_put(&seen, path, (void *)(uintptr_t)(k + 1));
		}
		struct project_link *l = &p->links[k];
		l->rows = xrealloc(l->rows, (l->nrows + 1) * sizeof *l->rows);
		l->rows[l->nrows++] = i;
	}
	strmap_release(&seen);
}

struct doc *project_load_link(const struct project *p, size_t k, struct diag_store *ds)
{
	const struct project_link *l = &p->links[k];
	const struct system *s = p->system;
	const char *sp = p->system_doc->path;
	/* checked here, where the file would be opened, so that the streamed path and the loaded
	 * one refuse alike; each row naming the file gets the finding at its own position */
	if (p->root && !project_inside(l->path, p->root)) {
		for (size_t i = 0; i < l->nrows; i++)
			refuse_outside(ds, sp, s->rows[l->rows[i]].document.loc, l->path);
		return NULL;
	}
	bool missing;
	struct doc *d = load_built(p->src, l->path, ds, &p->lim, &missing);
	if (d && d->kind == DOC_STANDARD) {
		if (p->stream && d->model)
			doc_drop_tree(d);
		return d;
	}
	/* every row naming the file gets the finding at its own position */
	for (size_t i = 0; i < l->nrows; i++) {
		const struct text *doc = &s->rows[l->rows[i]].document;
		if (missing)
			diag_add(ds, DIAG_LINKED_FILE, sp, doc->loc,
				 _("document file '%s' does not exist"), l->path);
		else if (d && d->model)
			diag_add(ds, DIAG_LINKED_KIND, sp, doc->loc,
				 _("'%s' is a %s, not a standard"), d->path,
				 doc_kind_name(d->kind));
	}
	doc_free(d);
	return NULL;
}

struct link_jobs {
	const struct project *p;
	const struct diag_store *config;
	struct diag_store *stores; /* per link */
	void (*fn)(void *arg, size_t k, struct doc *d, struct diag_store *ds, unsigned worker);
	void *arg;
};

static void link_job(void *arg, size_t k, unsigned worker)
{
	struct link_jobs *j = arg;
	const struct project *p = j->p;
	struct diag_store *ds = &j->stores[k];
	diag_store_init(ds);
	diag_store_copy_config(ds, j->config);
	struct doc *d = p->stream	  ? project_load_link(p, k, ds)
			: p->row_document ? p->row_document[p->links[k].rows[0]]
					  : NULL;
	j->fn(j->arg, k, d, ds, worker);
	if (p->stream)
		doc_free(d);
}

void project_each_link(const struct project *p, struct diag_store *to, unsigned jobs,
		       void (*fn)(void *arg, size_t k, struct doc *d, struct diag_store *ds,
				  unsigned worker),
		       void *arg)
{
	if (!p->nlinks)
		return;
	/* what the loaders set up lazily is set up before other threads exist */
	if (jobs > 1 && p->nlinks > 1)
		load_threads_init();
	struct link_jobs j = { p, to, xcalloc(p->nlinks, sizeof *j.stores), fn, arg };
	pool_run(jobs, p->nlinks, link_job, &j);
	for (size_t k = 0; k < p->nlinks; k++)
		diag_store_take(to, &j.stores[k]);
	free(j.stores);
}

/* Loading the links of a project that does not stream, on several threads: each link into a
 * store and a slot of its own, filed in link order afterwards. */
struct load_jobs {
	const struct project *p;
	const struct diag_store *config;
	struct diag_store *stores;
	struct doc **docs;
};

static void load_job(void *arg, size_t k, unsigned worker)
{
	(void)worker;
	struct load_jobs *j = arg;
	diag_store_init(&j->stores[k]);
	diag_store_copy_config(&j->stores[k], j->config);
	j->docs[k] = project_load_link(j->p, k, &j->stores[k]);
}

static void file_document(struct project *p, size_t k, struct doc *d)
{
	if (!d)
		return;
	add_doc(&p->documents, &p->ndocuments, d);
	for (size_t i = 0; d->model && i < p->links[k].nrows; i++)
		p->row_document[p->links[k].rows[i]] = d;
}

static void load_documents(struct project *p, struct diag_store *ds)
{
	if (p->jobs <= 1 || p->nlinks <= 1) {
		for (size_t k = 0; k < p->nlinks; k++)
			file_document(p, k, project_load_link(p, k, ds));
		return;
	}
	/* what the loaders set up lazily is set up before other threads exist */
	load_threads_init();
	struct load_jobs j = { p, ds, xcalloc(p->nlinks, sizeof *j.stores),
			       xcalloc(p->nlinks, sizeof *j.docs) };
	pool_run(p->jobs, p->nlinks, load_job, &j);
	for (size_t k = 0; k < p->nlinks; k++) {
		diag_store_take(ds, &j.stores[k]);
		file_document(p, k, j.docs[k]);
	}
	free(j.stores);
	free(j.docs);
}

bool project_add_doc(struct project *p, const struct project_source *src, const char *path,
		     struct doc *d, struct diag_store *ds, const struct limits *lim)
{
	p->max_refs = lim->max_refs;
	model_build(d, ds);
	/* the passes of a streaming run read the model only: the tree is most of the memory */
	if (p->stream && d->model)
		doc_drop_tree(d);
	if (!d->model) {
		add_doc(&p->others, &p->nothers, d);
		return false;
	}
	if (d->kind != DOC_SYSTEM || p->system_doc) {
		add_doc(&p->others, &p->nothers, d);
		return true;
	}
	p->system_doc = d;
	p->system = d->model;
	/* a system without a date keeps the caller's (or none): check and diff then take today */
	if (p->system->date.y)
		p->as_of = p->system->date;
	p->row_document = xcalloc(p->system->nrows ? p->system->nrows : 1, sizeof *p->row_document);
	if (src) {
		char *root = confining_root(src, path, lim);
		load_linked(p, src, path, root, &p->system->registry, DOC_REGISTRY, &p->registries,
			    &p->nregistries, ds, lim);
		load_linked(p, src, path, root, &p->system->records, DOC_RECORDS, &p->records,
			    &p->nrecords, ds, lim);
		p->src = src;
		p->lim = *lim;
		p->root = root;
		list_links(p, src, path);
		if (!p->stream)
			load_documents(p, ds);
	}
	return true;
}

bool project_add(struct project *p, const struct project_source *src, const char *path,
		 struct diag_store *ds, const struct limits *lim)
{
	p->max_refs = lim->max_refs;
	/* a streaming run reads the model only: the system's rows are built as they are read */
	struct limits l = *lim;
	if (p->stream)
		l.sink = &model_row_sink;
	struct doc *d = src->load(src, path, ds, &l, NULL);
	return d && project_add_doc(p, src, path, d, ds, lim);
}
