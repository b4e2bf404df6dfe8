/* SPDX-License-Identifier: MIT */
/* diff_git: `zhun diff` over git revisions (through the git program: rev-parse, diff
 * --name-only, ls-files/ls-tree, show) and as git's external diff driver. No shell is ever
 * involved: git runs through posix_spawnp with an argument vector. */
#include "diff.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

extern char **environ;

bool diff_spawn(const char *const *argv, bool quiet, struct diff_proc *p)
{
	p->out = NULL;
	p->len = 0;
	p->status = -1;
	int fd[2];
	if (pipe(fd) != 0)
		return false;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		return false;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		strbuf_add(&sb, buf, (size_t)n);
	}
	close(fd[0]);
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	p->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	p->out = strbuf_detach(&sb, &p->len);
	return true;
}

/* ---- small helpers ---- */

static void chomp(struct diff_proc *p)
{
	while (p->len && (p->out[p->len - 1] == '\n' || p->out[p->len - 1] == '\r'))
		p->out[--p->len] = '\0';
}

/* One git query; NULL when git failed (the output is freed then). */
static char *git_line(const char *const *argv)
{
	struct diff_proc p;
	if (!diff_spawn(argv, true, &p))
		return NULL;
	if (p.status != 0) {
		free(p.out);
		return NULL;
	}
	chomp(&p);
	return p.out;
}

/* "a/./b/../c" → "a/c": repository paths have no leading "/" and never climb above the top. */
static char *normalise(const char *path)
{
	size_t n = strlen(path);
	const char **comp = xmalloc((n + 1) * sizeof *comp);
	size_t *clen = xmalloc((n + 1) * sizeof *clen);
	size_t depth = 0;
	for (const char *s = path; *s;) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (depth)
				depth--;
		} else if (len && !(len == 1 && s[0] == '.')) {
			comp[depth] = s;
			clen[depth++] = len;
		}
		s += len;
		if (*s == '/')
			s++;
	}
	struct strbuf out;
	strbuf_init(&out);
	for (size_t i = 0; i < depth; i++) {
		if (i)
			strbuf_addc(&out, '/');
		strbuf_add(&out, comp[i], clen[i]);
	}
	free(comp);
	free(clen);
	return strbuf_detach(&out, NULL);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

static char *join(const char *dir, const char *rel)
{
	char *j = *dir && rel[0] != '/' ? xasprintf("%s/%s", dir, rel) : xstrdup(rel);
	char *n = normalise(j);
	free(j);
	return n;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t ls = strlen(s), lf = strlen(suf);
	return ls >= lf && !strcmp(s + ls - lf, suf);
}

static bool standards_file(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strcmp(base, "zhun.yaml"))
		return false;
	return has_suffix(path, ".yaml") || has_suffix(path, ".yml") || has_suffix(path, ".xml");
}

static bool system_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return !strcmp(base, "system.yaml") || !strcmp(base, "system.yml") || !strcmp(base, "system.xml");
}

/* The text of `path` (repository-relative) at `rev`, or in the work tree under `top` when rev
 * is NULL. Returns false when it does not exist there. */
static bool read_at(const char *top, const char *rev, const char *path, char **buf, size_t *len)
{
	if (!rev) {
		char *full = xasprintf("%s/%s", top, path);
		struct strbuf sb;
		strbuf_init(&sb);
		int r = strbuf_read_file(&sb, full);
		free(full);
		if (r != 0) {
			strbuf_release(&sb);
			return false;
		}
		*buf = strbuf_detach(&sb, len);
		return true;
	}
	char *spec = xasprintf("%s:%s", rev, path);
	/* --no-textconv: a textconv filter (even zhun's own) must not rewrite what we parse. */
	const char *argv[] = { "git", "-C", top, "show", "--no-textconv", spec, NULL };
	struct diff_proc p;
	bool ok = diff_spawn(argv, true, &p) && p.status == 0;
	free(spec);
	if (!ok) {
		free(p.out);
		return false;
	}
	*buf = p.out;
	*len = p.len;
	return true;
}

static char *label_of(const char *rev, const char *path)
{
	return rev ? xasprintf("%s:%s", rev, path) : xstrdup(path);
}

static struct doc *git_load(const struct project_source *src, const char *path,
			    struct diag_store *ds, const struct limits *lim, bool *missing)
{
	const struct diff_git_rev *at = src->ctx;
	char *label = label_of(at->rev, path);
	char *buf;
	size_t len;
	struct doc *d = NULL;
	if (missing)
		*missing = false;
	if (read_at(at->top, at->rev, path, &buf, &len)) {
		d = load_buffer(label, buf, len, load_sniff(path, buf, len), ds, lim);
		free(buf);
	} else if (missing) {
		*missing = true;
	} else {
		diag_add(ds, DIAG_IO_ERROR, label, (struct loc){ 0, 0 }, _("cannot read '%s'"), label);
	}
	free(label);
	return d;
}

static char *git_resolve(const struct project_source *src, const char *from, const char *rel)
{
	char *dir = dir_of(from);
	char *path = join(dir, rel);
	free(dir);
	return path;
}

struct project_source diff_git_source(const struct diff_git_rev *at)
{
	return (struct project_source){ git_load, git_resolve, at };
}

bool diff_git_load_side(struct diff_side *s, const char *top, const char *rev, const char *path,
			struct diag_store *ds, const struct limits *lim)
{
	struct diff_git_rev at = { top, rev };
	struct project_source src = diff_git_source(&at);
	bool missing;
	struct doc *d = src.load(&src, path, ds, lim, &missing);
	if (missing)
		return true; /* added or deleted at this revision: an empty side */
	if (!d)
		return false;
	project_add_doc(&s->p, &src, path, d, ds, lim);
	return diff_side_settle(s);
}

/* ---- revisions ---- */

bool diff_git_is_revision(const char *rev)
{
	char *spec = xasprintf("%s^{commit}", rev);
	const char *argv[] = { "git", "rev-parse", "--verify", "--quiet", spec, NULL };
	char *h = git_line(argv);
	bool ok = h != NULL;
	free(spec);
	free(h);
	return ok;
}

/* Lines of a git listing, as an array of strings into `buf` (modified in place). */
static char **split_lines(char *buf, size_t *n)
{
	size_t cap = 0;
	char **v = NULL;
	*n = 0;
	for (char *s = buf; s && *s;) {
		char *e = strchr(s, '\n');
		if (e)
			*e = '\0';
		if (*s) {
			XGROW(v, cap, *n + 1);
			v[(*n)++] = s;
		}
		s = e ? e + 1 : NULL;
	}
	return v;
}

struct target {
	char *path;
	bool system; /* a system found by name or by linking the changed path */
};

static int worse(int a, int b)
{
	return a > b ? a : b;
}

static int diff_target(const char *top, const char *rev1, const char *rev2, const char *path,
		       struct diag_store *ds0, const struct diff_git_opts *o)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_copy_config(&ds, ds0);
	char *l1 = label_of(rev1, path), *l2 = label_of(rev2, path);
	struct diff_side a, b;
	diff_side_init(&a, l1);
	diff_side_init(&b, l2);
	bool ok = diff_git_load_side(&a, top, rev1, path, &ds, o->lim);
	ok = diff_git_load_side(&b, top, rev2, path, &ds, o->lim) && ok;
	if (!a.main && b.main)
		a.kind = b.kind;
	if (!b.main && a.main)
		b.kind = a.kind;
	int status = ok ? diff_sides(&a, &b, &ds, o) : 2;
	if (!ok) {
		diag_store_finish(&ds);
		struct diag_print_opts dpo = { o->findings_color, true, "diff", SEV_OFF };
		diag_print(&ds, DIAG_PRINTER_TEXT, o->findings_out ? o->findings_out : stderr, &dpo);
	}
	diff_side_release(&a);
	diff_side_release(&b);
	free(l1);
	free(l2);
	diag_store_release(&ds);
	return status;
}

/* Files of the tree at `rev` (the index and work tree when NULL), repository-relative. */
static char *list_tree(const char *top, const char *rev)
{
	if (rev) {
		const char *argv[] = { "git", "-C", top, "ls-tree", "-r", "--name-only", "--full-tree", rev, NULL };
		return git_line(argv);
	}
	const char *argv[] = { "git", "-C", top, "ls-files", "--full-name", NULL };
	return git_line(argv);
}

/* Map each file a system links (registries, documents) to that system, for every file named
 * like a system in the tree of the newer revision (and the older one, for deleted systems). */
static void index_systems(const char *top, const char *rev1, const char *rev2,
			  struct strmap *linked, char ***keys, size_t *nkeys, size_t *capkeys,
			  const struct limits *lim)
{
	const char *revs[2] = { rev2, rev1 };
	for (int r = 0; r < 2; r++) {
		if (r == 1 && !rev1)
			break;
		char *listing = list_tree(top, revs[r]);
		if (!listing)
			continue;
		size_t n;
		char **files = split_lines(listing, &n);
		for (size_t i = 0; i < n; i++) {
			if (!system_name(files[i]))
				continue;
			struct diag_store scratch;
			diag_store_init(&scratch);
			bool missing;
			struct diff_git_rev at = { top, revs[r] };
			struct project_source src = diff_git_source(&at);
			struct doc *d = src.load(&src, files[i], &scratch, lim, &missing);
			if (d)
				model_build(d, &scratch);
			if (d && d->kind == DOC_SYSTEM && d->model) {
				const struct system *sys = d->model;
				char *dir = dir_of(files[i]);
				char *sysname = xstrdup(files[i]);
				XGROW(*keys, *capkeys, *nkeys + 1);
				(*keys)[(*nkeys)++] = sysname;
				for (size_t k = 0; k < sys->registry.n + sys->nrows; k++) {
					const char *rel = k < sys->registry.n ? sys->registry.v[k].s
									      : sys->rows[k - sys->registry.n].document.s;
					if (!rel)
						continue;
					char *p = join(dir, rel);
					if (strmap_get(linked, p)) {
						free(p);
						continue;
					}
					XGROW(*keys, *capkeys, *nkeys + 1);
					(*keys)[(*nkeys)++] = p;
					strmap_put(linked, p, sysname);
				}
				free(dir);
			}
			if (d)
				doc_free(d);
			diag_store_release(&scratch);
		}
		free(files);
		free(listing);
	}
}

int diff_git_revisions(const char *rev1, const char *rev2, char **paths, int npaths,
		       struct diag_store *ds, const struct diff_git_opts *o)
{
	const char *top_argv[] = { "git", "rev-parse", "--show-toplevel", NULL };
	char *top = git_line(top_argv);
	if (!top) {
		fprintf(stderr, _("zhun diff: '%s' is not a file, and this is not a git repository\n"), rev1);
		fprintf(stderr, _("Try 'zhun diff --help' for more information.\n"));
		return 2;
	}
	const char *revs[2] = { rev1, rev2 };
	for (int i = 0; i < 2; i++) {
		if (revs[i] && !diff_git_is_revision(revs[i])) {
			fprintf(stderr, _("zhun diff: '%s' is neither a file nor a git revision\n"), revs[i]);
			free(top);
			return 2;
		}
	}
	/* Changed files, repository-relative; pathspecs are the user's, relative to here. */
	const char **argv = xcalloc((size_t)npaths + 12, sizeof *argv);
	size_t k = 0;
	argv[k++] = "git";
	argv[k++] = "diff";
	argv[k++] = "--name-only";
	argv[k++] = "--no-ext-diff";
	argv[k++] = "--no-renames";
	argv[k++] = "--no-relative";
	argv[k++] = rev1;
	if (rev2)
		argv[k++] = rev2;
	argv[k++] = "--";
	for (int i = 0; i < npaths; i++)
		argv[k++] = paths[i];
	argv[k] = NULL;
	struct diff_proc p;
	bool ok = diff_spawn(argv, false, &p) && p.status == 0;
	free(argv);
	if (!ok) {
		free(p.out);
		free(top);
		fprintf(stderr, _("zhun diff: git diff failed\n"));
		return 2;
	}
	size_t nchanged;
	char **changed = split_lines(p.out, &nchanged);
	/* Named paths count even when they did not change (a system whose document did). */
	const char *prefix_argv[] = { "git", "rev-parse", "--show-prefix", NULL };
	char *prefix = git_line(prefix_argv);
	char **named = xcalloc((size_t)npaths + 1, sizeof *named);
	for (int i = 0; i < npaths; i++) {
		char *j = xasprintf("%s%s", prefix ? prefix : "", paths[i]);
		named[i] = normalise(j);
		free(j);
	}
	free(prefix);

	struct strmap linked;
	strmap_init(&linked);
	char **keys = NULL;
	size_t nkeys = 0, capkeys = 0;
	bool need_systems = false;
	for (size_t i = 0; i < nchanged; i++)
		need_systems |= standards_file(changed[i]) && !system_name(changed[i]);
	if (need_systems)
		index_systems(top, rev1, rev2, &linked, &keys, &nkeys, &capkeys, o->lim);

	/* Targets in order, each once: a changed system, the system a changed file belongs to, or
	 * the changed file alone. */
	struct strmap seen;
	strmap_init(&seen);
	struct target *t = NULL;
	size_t nt = 0, capt = 0;
	for (size_t i = 0; i < nchanged + (size_t)npaths; i++) {
		const char *f = i < nchanged ? changed[i] : named[i - nchanged];
		if (!standards_file(f))
			continue;
		const char *sys = strmap_get(&linked, f);
		const char *target = sys ? sys : f;
		if (strmap_get(&seen, target))
			continue;
		XGROW(t, capt, nt + 1);
		t[nt].path = xstrdup(target);
		t[nt].system = sys || system_name(f);
		strmap_put(&seen, t[nt].path, &t[nt]);
		nt++;
	}
	strmap_release(&seen);
	int status = 0;
	for (size_t i = 0; i < nt; i++) {
		if (i)
			fflush(stdout);
		status = worse(status, diff_target(top, rev1, rev2, t[i].path, ds, o));
	}
	for (size_t i = 0; i < nt; i++)
		free(t[i].path);
	free(t);
	strmap_release(&linked);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	for (int i = 0; i < npaths; i++)
		free(named[i]);
	free(named);
	free(changed);
	free(p.out);
	free(top);
	return status;
}

/* ---- external diff driver ---- */

/* Not a zhun file (or not loadable): show a plain unified diff instead, labelled with the
 * repository path rather than git's temporary file; git's own no-index diff when diff(1) is
 * missing. */
static int plain_diff(const char *a, const char *b, const char *la, const char *lb)
{
	const char *argv[] = { "diff", "-u", "--label", la, "--label", lb, "--", a, b, NULL };
	struct diff_proc p;
	if (!diff_spawn(argv, true, &p) || p.status < 0 || p.status > 1) {
		free(p.out);
		const char *gargv[] = { "git", "diff", "--no-index", "--no-ext-diff", "--", a, b, NULL };
		if (!diff_spawn(gargv, false, &p))
			return 2;
	}
	fwrite(p.out, 1, p.len, stdout);
	free(p.out);
	return p.status == 0 || p.status == 1 ? 0 : 2;
}

/* Read here and name the text by its repository path, not git's temporary file. The doc is
 * not built yet. */
static struct doc *driver_load(const char *file, const char *label, struct diag_store *ds,
			       const struct limits *lim, bool *empty)
{
	*empty = !strcmp(file, "/dev/null");
	if (*empty)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	if (strbuf_read_file(&sb, file) != 0) {
		strbuf_release(&sb);
		diag_add(ds, DIAG_IO_ERROR, label, (struct loc){ 0, 0 }, _("cannot read '%s'"), file);
		return NULL;
	}
	struct doc *d = load_buffer(label, sb.buf, sb.len, load_sniff(label, sb.buf, sb.len), ds, lim);
	strbuf_release(&sb);
	return d;
}

int diff_git_driver(int argc, char **argv, struct diag_store *ds, const struct diff_git_opts *o)
{
	if (argc == 1) {
		printf("* Unmerged path %s\n", argv[0]);
		return 0;
	}
	if (argc != 7 && argc != 9) {
		fprintf(stderr, _("zhun diff --git-driver: git passes 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode), got %d\n"),
			argc);
		return 2;
	}
	const char *path = argv[0], *of = argv[1], *nf = argv[4];
	const char *npath = argc == 9 ? argv[7] : path;
	char *la = xasprintf("a/%s", path), *lb = xasprintf("b/%s", npath);
	struct diag_store scratch;
	diag_store_init(&scratch);
	diag_store_copy_config(&scratch, ds);
	bool ea, eb;
	struct doc *da = driver_load(of, la, &scratch, o->lim, &ea);
	struct doc *db = driver_load(nf, lb, &scratch, o->lim, &eb);
	struct diff_side a, b;
	diff_side_init(&a, la);
	diff_side_init(&b, lb);
	struct doc *docs[2] = { da, db };
	struct diff_side *sides[2] = { &a, &b };
	for (int i = 0; i < 2; i++) {
		if (!docs[i])
			continue;
		/* Linked documents are not at hand here: git calls the driver for each changed file
		 * on its own, documents included. */
		sides[i]->no_documents = true;
		project_add_doc(&sides[i]->p, NULL, sides[i]->label, docs[i], &scratch, o->lim);
		diff_side_settle(sides[i]);
	}
	bool usable = (ea || a.main) && (eb || b.main) && !(ea && eb) &&
		      (ea || eb || da->kind == db->kind) && !diag_has_fatal(&scratch);
	int status;
	if (!usable) {
		status = plain_diff(of, nf, la, lb);
	} else {
		printf("diff --zhun %s %s\n", la, lb);
		a.kind = a.main ? a.kind : b.kind;
		b.kind = b.main ? b.kind : a.kind;
		struct diff_print_opts po = *o->print;
		po.header = false;
		struct diff_git_opts oo = *o;
		oo.print = &po;
		status = diff_sides(&a, &b, &scratch, &oo);
		/* git stops at a driver's non-zero status: differences are not trouble. */
		status = status == 2 ? 2 : 0;
	}
	diff_side_release(&a);
	diff_side_release(&b);
	diag_store_release(&scratch);
	free(la);
	free(lb);
	return status;
}
