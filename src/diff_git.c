/* SPDX-License-Identifier: MIT */
/* diff_git: the git plumbing behind `zhun diff` — a revision as a project source (show), the
 * repository (rev-parse), changed files and trees (diff --name-only, ls-tree, ls-files). No
 * shell is ever involved: git runs through posix_spawnp with an argument vector. */
#include "diff.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "project.h"
#include "strbuf.h"
#include "xalloc.h"

extern char **environ;

/* Write `in` to the child's standard input `fd` and close it. SIGPIPE is blocked in this thread
 * meanwhile, and one it raised is taken back, so that a git that exits before reading (not a
 * repository) cannot kill zhun; documents are read from git on several threads at once, so the
 * process-wide disposition is left alone. */
static void feed(int fd, const char *in, size_t len)
{
	sigset_t pipe_set, old, pending;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigpending(&pending);
	bool was_pending = sigismember(&pending, SIGPIPE) == 1;
	bool broken = false;
	while (len) {
		ssize_t n = write(fd, in, len);
		if (n < 0 && errno == EINTR)
			continue;
		broken = n < 0 && errno == EPIPE;
		if (n <= 0)
			break;
		in += n;
		len -= (size_t)n;
	}
	close(fd);
	if (broken && !was_pending)
		sigtimedwait(&pipe_set, NULL, &(struct timespec){ 0, 0 });
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Pipes are made and children started under this lock, each end close-on-exec until a file
 * action gives it to its child: a child started on another thread in between would inherit
 * the write end of a pipe and keep its reader waiting for an end of file (with `cat-file
 * --batch-check` reading its input to the end, two such children would wait on each other). */
static pthread_mutex_t spawn_lock = PTHREAD_MUTEX_INITIALIZER;

static bool pipe_cloexec(int fd[2])
{
	if (pipe(fd) != 0)
		return false;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return true;
}

/* diff_spawn, with `in` (when not NULL) as the child's standard input: it must be small (a
 * line or two), since it is written before the output is read. */
static bool spawn_fed(const char *const *argv, bool quiet, const char *in, struct diff_proc *p)
{
	p->out = NULL;
	p->len = 0;
	p->status = -1;
	int fd[2], fi[2] = { -1, -1 };
	pthread_mutex_lock(&spawn_lock);
	if (!pipe_cloexec(fd)) {
		pthread_mutex_unlock(&spawn_lock);
		return false;
	}
	if (in && !pipe_cloexec(fi)) {
		close(fd[0]);
		close(fd[1]);
		pthread_mutex_unlock(&spawn_lock);
		return false;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	if (in) {
		posix_spawn_file_actions_adddup2(&fa, fi[0], 0);
		posix_spawn_file_actions_addclose(&fa, fi[0]);
		posix_spawn_file_actions_addclose(&fa, fi[1]);
	}
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (in)
		close(fi[0]);
	pthread_mutex_unlock(&spawn_lock);
	if (rc != 0) {
		close(fd[0]);
		if (in)
			close(fi[1]);
		return false;
	}
	if (in)
		feed(fi[1], in, strlen(in));
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

bool diff_spawn(const char *const *argv, bool quiet, struct diff_proc *p)
{
	return spawn_fed(argv, quiet, NULL, p);
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

/* "a/./b/../c" → "a/c". A path that climbs above the top keeps its leading "..": it names no
 * file of the repository, and git_load refuses it rather than reading another file. */
static char *normalise(const char *path)
{
	size_t n = strlen(path);
	const char **comp = xmalloc((n + 1) * sizeof *comp);
	size_t *clen = xmalloc((n + 1) * sizeof *clen);
	size_t depth = 0, up = 0;
	for (const char *s = path; *s;) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (depth)
				depth--;
			else
				up++;
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
	for (size_t i = 0; i < up; i++)
		strbuf_adds(&out, i ? "/.." : "..");
	for (size_t i = 0; i < depth; i++) {
		if (i || up)
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

/* `rel` as the file at `dir` names it; an absolute `rel` stays absolute (outside the
 * repository, refused by git_load). */
static char *join(const char *dir, const char *rel)
{
	if (rel[0] == '/')
		return xstrdup(rel);
	char *j = *dir ? xasprintf("%s/%s", dir, rel) : xstrdup(rel);
	char *n = normalise(j);
	free(j);
	return n;
}

/* In git mode the repository is the project root, whatever zhun.yaml allows: at a revision
 * there is nothing outside it to read, and the work tree is held to the same. */
static void refuse_outside(struct diag_store *ds, const char *label, const char *path)
{
	diag_add(ds, DIAG_LINKED_OUTSIDE, diag_store_file(ds, label), (struct loc){ 0, 0 },
		 _("'%s' lies outside the repository; git mode reads only files in it"), path);
}

/* A repository path that join left outside the repository. */
static bool leaves_repository(const char *path)
{
	return path[0] == '/' || !strcmp(path, "..") || !strncmp(path, "../", 3);
}

/* What a path of a revision is, asked before anything is read. */
enum blob_kind {
	BLOB_FILE,    /* a blob: *oid and *size set */
	BLOB_NONE,    /* nothing there (or a directory, or a symlink to nothing) */
	BLOB_OUTSIDE, /* a symlink that leads out of the repository */
	BLOB_LOOP,    /* symlinks that never end */
};

/* blob_find for a name that holds a newline, which --batch-check (one query a line) cannot
 * take: `cat-file -t` and `-s`, and a symlink is not followed (read, it is its target's name,
 * which no loader takes for a document). */
static enum blob_kind blob_find_plain(const char *top, const char *spec, char **oid, size_t *size)
{
	const char *targv[] = { "git", "-C", top, "cat-file", "-t", spec, NULL };
	char *type = git_line(targv);
	bool blob = type && !strcmp(type, "blob");
	free(type);
	if (!blob)
		return BLOB_NONE;
	const char *argv[] = { "git", "-C", top, "cat-file", "-s", spec, NULL };
	char *n = git_line(argv);
	char *end = NULL;
	unsigned long long v = n ? strtoull(n, &end, 10) : 0;
	bool ok = n && end != n && !*end;
	free(n);
	if (!ok)
		return BLOB_NONE;
	*size = (size_t)v;
	*oid = xstrdup(spec);
	return BLOB_FILE;
}

/* Look `spec` (REV:PATH) up with `git cat-file --batch-check --follow-symlinks`: the size comes
 * first, so that a 600 MiB blob of one byte (a few kilobytes packed) costs nothing, and a
 * committed symlink is followed inside the tree as a checkout would follow it, while one that
 * leaves the repository is recognised (git answers "symlink" with its target) and never read.
 * *oid is a new string for BLOB_FILE (caller frees). */
static enum blob_kind blob_find(const char *top, const char *spec, char **oid, size_t *size)
{
	*oid = NULL;
	*size = 0;
	if (strchr(spec, '\n'))
		return blob_find_plain(top, spec, oid, size);
	char *line = xasprintf("%s\n", spec);
	const char *argv[] = { "git", "-C", top, "cat-file", "--batch-check", "--follow-symlinks",
			       NULL };
	struct diff_proc p;
	bool ok = spawn_fed(argv, true, line, &p) && p.status == 0;
	free(line);
	enum blob_kind k = BLOB_NONE;
	if (ok) {
		/* "<oid> blob <size>" | "<oid> tree <size>" | "symlink <n>\n<target>" |
		 * "dangling …" | "loop …" | "notdir …" | "<spec> missing" */
		char *sp1 = strchr(p.out, ' ');
		char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!strncmp(p.out, "symlink ", 8)) {
			k = BLOB_OUTSIDE;
		} else if (!strncmp(p.out, "loop ", 5)) {
			k = BLOB_LOOP;
		} else if (sp2 && !strncmp(sp1, " blob ", 6)) {
			char *end = NULL;
			unsigned long long v = strtoull(sp2 + 1, &end, 10);
			if (end != sp2 + 1 && (*end == '\n' || !*end)) {
				k = BLOB_FILE;
				*oid = xstrndup(p.out, (size_t)(sp1 - p.out));
				*size = (size_t)v;
			}
		}
	}
	free(p.out);
	return k;
}

/* The text of `path` (repository-relative) at `rev`, or in the work tree under `top` when rev
 * is NULL, read as every input is (load_read): at most the size limit, and in the work tree a
 * regular file only. Returns NULL: *missing set when nothing is there, else with a finding. */
static char *read_at(const char *top, const char *rev, const char *path, const char *label,
		     size_t *len, struct diag_store *ds, const struct limits *lim, bool *missing)
{
	*missing = false;
	if (leaves_repository(path)) {
		refuse_outside(ds, label, path);
		return NULL;
	}
	if (!rev) {
		char *full = xasprintf("%s/%s", top, path);
		char *buf = NULL;
		/* a committed symlink to /etc/passwd is a regular file once followed */
		if (project_inside(full, top))
			buf = load_read(full, label, LOAD_REGULAR, len, ds, lim, missing);
		else
			refuse_outside(ds, label, path);
		free(full);
		return buf;
	}
	char *spec = xasprintf("%s:%s", rev, path);
	size_t size;
	char *oid;
	enum blob_kind k = blob_find(top, spec, &oid, &size);
	free(spec);
	if (k == BLOB_NONE) {
		*missing = true;
		return NULL;
	}
	if (k != BLOB_FILE) {
		if (k == BLOB_OUTSIDE)
			refuse_outside(ds, label, path);
		else
			diag_add(ds, DIAG_IO_ERROR, diag_store_file(ds, label),
				 (struct loc){ 0, 0 },
				 _("its symbolic links lead round in a loop; it is not read"));
		return NULL;
	}
	if (size > lim->max_file_size) {
		free(oid);
		/* the same finding load_buffer gives, without reading a byte */
		load_buffer(label, "", size, SYNTAX_YAML, ds, lim);
		return NULL;
	}
	/* cat-file blob: the object as stored (no textconv, no filters) */
	const char *argv[] = { "git", "-C", top, "cat-file", "blob", oid, NULL };
	struct diff_proc p;
	bool ok = diff_spawn(argv, true, &p) && p.status == 0;
	free(oid);
	if (!ok) {
		free(p.out);
		diag_add(ds, DIAG_IO_ERROR, diag_store_file(ds, label), (struct loc){ 0, 0 },
			 _("git cannot read this file"));
		return NULL;
	}
	*len = p.len;
	return p.out;
}

char *diff_git_label(const char *rev, const char *path)
{
	return rev ? xasprintf("%s:%s", rev, path) : xstrdup(path);
}

static struct doc *git_load(const struct project_source *src, const char *path,
			    struct diag_store *ds, const struct limits *lim, bool *missing)
{
	const struct diff_git_rev *at = src->ctx;
	char *label = diff_git_label(at->rev, path);
	size_t len;
	bool gone;
	struct doc *d = NULL;
	char *buf = read_at(at->top, at->rev, path, label, &len, ds, lim, &gone);
	if (buf) {
		d = load_buffer(label, buf, len, load_sniff(path, buf, len), ds, lim);
		free(buf);
	} else if (gone && missing) {
		*missing = true;
	} else if (gone) {
		diag_add(ds, DIAG_IO_ERROR, diag_store_file(ds, label), (struct loc){ 0, 0 },
			 _("cannot read '%s'"), label);
	}
	if (missing && !gone)
		*missing = false;
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
	return (struct project_source){ git_load, git_resolve, at, false };
}

/* ---- revisions and listings ---- */

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

/* A git listing made with -z split into its names in place: NUL-separated, so that names
 * with newlines, quotes or non-ASCII characters come as they are (without -z git quotes
 * them, and a quoted name matched no file). */
static bool list_of(struct diff_git_list *l, struct diff_proc *p)
{
	memset(l, 0, sizeof *l);
	l->buf = p->out;
	size_t cap = 0;
	for (size_t i = 0; i < p->len;) {
		size_t n = strnlen(p->out + i, p->len - i);
		if (n) {
			XGROW(l->v, cap, l->n + 1);
			l->v[l->n++] = p->out + i;
		}
		i += n + 1;
	}
	return true;
}

static bool git_list(struct diff_git_list *l, const char *const *argv, bool quiet)
{
	struct diff_proc p;
	if (!diff_spawn(argv, quiet, &p) || p.status != 0) {
		free(p.out);
		memset(l, 0, sizeof *l);
		return false;
	}
	return list_of(l, &p);
}

void diff_git_list_release(struct diff_git_list *l)
{
	free(l->v);
	free(l->buf);
	memset(l, 0, sizeof *l);
}

bool diff_git_tree(struct diff_git_list *l, const char *top, const char *rev)
{
	if (rev) {
		const char *argv[] = { "git", "-C",	     top,	    "ls-tree", "-r",
				       "-z",  "--name-only", "--full-tree", rev,       NULL };
		return git_list(l, argv, true);
	}
	const char *argv[] = { "git", "-C", top, "ls-files", "-z", "--full-name", NULL };
	return git_list(l, argv, true);
}

bool diff_git_changed(struct diff_git_list *l, const char *rev1, const char *rev2,
		      char *const *paths, int npaths)
{
	const char **argv = xcalloc((size_t)npaths + 13, sizeof *argv);
	size_t k = 0;
	argv[k++] = "git";
	argv[k++] = "diff";
	argv[k++] = "-z";
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
	bool ok = git_list(l, argv, false);
	free(argv);
	return ok;
}

char *diff_git_top(void)
{
	const char *argv[] = { "git", "rev-parse", "--show-toplevel", NULL };
	return git_line(argv);
}

char **diff_git_paths(char *const *paths, int npaths)
{
	const char *argv[] = { "git", "rev-parse", "--show-prefix", NULL };
	char *prefix = git_line(argv);
	char **named = xcalloc((size_t)npaths + 1, sizeof *named);
	for (int i = 0; i < npaths; i++) {
		char *j = xasprintf("%s%s", prefix ? prefix : "", paths[i]);
		named[i] = normalise(j);
		free(j);
	}
	free(prefix);
	return named;
}
