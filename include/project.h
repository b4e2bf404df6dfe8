/* SPDX-License-Identifier: MIT */
/* project: load what a command is pointed at — a system with every registry and linked
 * document it names, or lone standard and registry files — and build their models. */
#ifndef ZHUN_PROJECT_H
#define ZHUN_PROJECT_H

#include <stdbool.h>

#include "load.h"
#include "model.h"
#include "records.h"

struct diag_store;
struct settings;
struct project_source;

/* A document file that system rows name, each path once (project_add, project_load_link). */
struct project_link {
	char *path;   /* as the source resolves it */
	size_t *rows; /* the rows naming it, in row order */
	size_t nrows;
};

/* A system with every registry and document it names, and the lone files given beside it. The
 * project owns every doc it holds. */
struct project {
	struct doc *system_doc; /* NULL when the project is a single standard/registry */
	struct system *system;
	struct doc **registries;
	size_t nregistries;
	struct doc **records; /* linked `records` files (each a struct records) */
	size_t nrecords;
	struct records_config rcfg; /* zhun.yaml `records:` (defaults from project_init) */
	struct doc **documents;	    /* linked `document` files, parallel to system rows: */
	struct doc **row_document;  /* row_document[i] = loaded document of row i, or NULL */
	size_t ndocuments;
	struct doc **others; /* lone files given on the command line */
	size_t nothers;
	struct date as_of; /* the system's date when it has one, else zero */
	size_t max_refs;   /* cross-references `check` extracts per document (limits) */
	/* Set by the caller before project_add: linked documents are not loaded with the system
	 * but listed in links, for check_run to load, check and free one at a time (documents and
	 * row_document then stay empty). The generic tree of every document it builds is
	 * dropped once its model is built (doc_drop_tree): the passes read the model only. */
	bool stream;
	/* Set by the caller before project_add: the threads that load the linked documents of a
	 * project that does not stream (pool_run; 0 or 1: this one). Their findings are merged in
	 * link order, so they do not depend on the number. */
	unsigned jobs;
	struct project_link *links; /* every document path the rows name, in row order */
	size_t nlinks;
	const struct project_source *src; /* where the links are read from, with these limits */
	struct limits lim;
	/* The project root every link must resolve inside (see project_add), or NULL when links
	 * may go anywhere; project_load_link refuses the others. Owned. */
	char *root;
};

/* Where project_add reads files from: the file system (project_files) or a git revision
 * (diff_git_source in diff.h). */
struct project_source {
	/* Load the file at `path` (not yet built), named as the source names it. When nothing
	 * exists at `path` and `missing` is not NULL, sets *missing and returns NULL without a
	 * finding; any other failure is recorded in ds and gives NULL. */
	struct doc *(*load)(const struct project_source *src, const char *path,
			    struct diag_store *ds, const struct limits *lim, bool *missing);
	/* The path of the file that the file at `from` names as `rel` (relative to from's
	 * directory). Returns a new string (caller frees). */
	char *(*resolve)(const struct project_source *src, const char *from, const char *rel);
	const void *ctx; /* the source's own state */
	/* The files are the file system's (project_files, the language server's buffers over
	 * it): the files a system names must resolve inside its project root (project_add). A
	 * git revision keeps them in the repository itself. */
	bool confined;
};

/* The file system: paths as given ("-" is standard input), joined with path_join. */
extern const struct project_source project_files;

/* Load `path` from `src` and everything it names into `p` (zeroed by project_init). A system
 * loads its registries, records files and linked documents from the same source (paths
 * relative to the system file); from a confined source (project_files, the language
 * server's) only those that resolve (symlinks included) inside the project root (settings_root of
 * the system file), unless the zhun.yaml there says `allow-outside-paths: true`: any other is a
 * `linked-outside` finding and is not read; a git source keeps them in the repository itself. A
 * standard, registry or records file is kept in p->others. Structural validation (model_build) runs
 * on each. Returns false when the file itself could not be loaded or built (findings recorded). */
bool project_add(struct project *p, const struct project_source *src, const char *path,
		 struct diag_store *ds, const struct limits *lim);
/* The second half of project_add, for a doc the caller loaded from `path` itself (a git
 * driver's temporary file, a fuzzer's buffer): builds `d` and files it into `p`, which takes
 * it. The first system becomes p->system, and p->as_of its date when it has one (else as_of
 * stays as it was); its registries, records and documents come from `src`, or are not loaded when
 * `src` is NULL. Anything else goes to p->others. Returns false when `d` has no model. */
bool project_add_doc(struct project *p, const struct project_source *src, const char *path,
		     struct doc *d, struct diag_store *ds, const struct limits *lim);

/* Load and build link `k` of a streaming project from its source, with the findings that
 * project_add records for a linked document (missing file, not a standard) at each row naming
 * it, into `ds`. Returns the document (the caller frees it with doc_free; its model may be NULL
 * after structural errors) or NULL. Touches nothing in `p`: callers may load different links
 * from several threads at once. */
struct doc *project_load_link(const struct project *p, size_t k, struct diag_store *ds);

/* Call fn(arg, k, d, ds, worker) for every link k of `p`, on `jobs` threads (pool_run; 0 or 1:
 * this one) each numbered `worker`: `d` is the link's document (its model may be NULL), loaded
 * there with project_load_link and freed after fn returns when p->stream is set, else the one
 * project_add loaded (NULL when it failed). Each call records into a store of its own, `ds`
 * (configured like `to`); the stores are merged into `to` in link order (diag_store_take), so
 * that the findings and their order do not depend on `jobs`. */
void project_each_link(const struct project *p, struct diag_store *to, unsigned jobs,
		       void (*fn)(void *arg, size_t k, struct doc *d, struct diag_store *ds,
				  unsigned worker),
		       void *arg);
/* Does `path` resolve (symlinks included) to a file under the directory `root` resolves to?
 * A path that does not resolve (nothing there, a dangling link) counts as inside: its loader
 * reports it as missing, and there is nothing outside to read. */
bool project_inside(const char *path, const char *root);
/* The project root that the files `path` names must resolve inside (settings_root: the
 * directory of its zhun.yaml, else the top of its git repository, else its own directory), or
 * NULL when they may lie anywhere: that zhun.yaml says `allow-outside-paths: true`, or `path`
 * is "-". Returns a new string (caller frees). */
char *project_root_of(const char *path, const struct limits *lim);
/* Read the file at `path` that the file `from` names at `at` and that is no system, registry
 * or document (a figure's image): when `root` is not NULL and `path` resolves outside it, a
 * `linked-outside` finding at from:at as for a linked document, and nothing is read; else
 * load_read with LOAD_REGULAR under `lim` (NULL: the defaults; its findings name `path`).
 * Returns the bytes (caller frees; *len set) or NULL; when nothing exists at `path`, sets
 * *missing and records nothing. */
char *project_read_linked(const char *root, const char *path, const char *from, struct loc at,
			  size_t *len, struct diag_store *ds, const struct limits *lim,
			  bool *missing);

void project_init(struct project *p);
/* Frees every doc the project loaded. */
void project_release(struct project *p);
/* Move the lone files of `from` (its others) to the end of `to`'s; `from` keeps none. */
void project_take_others(struct project *to, struct project *from);

/* Resolve an operand: a directory means the system file its zhun.yaml names (taken from `s`
 * when that is the zhun.yaml read, else read here with `lim`, findings to ds), else
 * system.yaml, system.yml or system.xml inside it; a file is itself. The system zhun.yaml
 * names must be a regular file and resolve inside the directory, unless it says
 * `allow-outside-paths: true` (then only the former); else an `io-error` finding. Returns a new
 * string (caller frees) or NULL with a finding recorded. */
char *project_resolve(const char *operand, const struct settings *s, struct diag_store *ds,
		      const struct limits *lim);

#endif
