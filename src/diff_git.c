/* SPDX-License-Identifier: MIT */
/* diff_git: the git plumbing behind `zhun diff` — a revision as a project source (show), the
 * repository (rev-parse), changed files and trees (diff --name-only, ls-tree, ls-files). No
 * shell is ever involved: git runs through posix_spawnp with an argument vector. */
#include "diff.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "strbuf.h"
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

char *diff_git_label(const char *rev, const char *path)
{
	return rev ? xasprintf("%s:%s", rev, path) : xstrdup(path);
}

static struct doc *git_load(const struct project_source *src, const char *path,
			    struct diag_store *ds, const struct limits *lim, bool *missing)
{
	const struct diff_git_rev *at = src->ctx;
	char *label = diff_git_label(at->rev, path);
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

/* A git listing split into lines in place; empty lines are dropped. */
static void split_lines(struct diff_git_list *l)
{
	size_t cap = 0;
	for (char *s = l->buf; s && *s;) {
		char *e = strchr(s, '\n');
		if (e)
			*e = '\0';
		if (*s) {
			XGROW(l->v, cap, l->n + 1);
			l->v[l->n++] = s;
		}
		s = e ? e + 1 : NULL;
	}
}

static bool list_of(struct diff_git_list *l, char *out)
{
	memset(l, 0, sizeof *l);
	l->buf = out;
	split_lines(l);
	return out != NULL;
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
		const char *argv[] = { "git", "-C", top, "ls-tree", "-r", "--name-only", "--full-tree", rev, NULL };
		return list_of(l, git_line(argv));
	}
	const char *argv[] = { "git", "-C", top, "ls-files", "--full-name", NULL };
	return list_of(l, git_line(argv));
}

bool diff_git_changed(struct diff_git_list *l, const char *rev1, const char *rev2,
		      char *const *paths, int npaths)
{
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
		memset(l, 0, sizeof *l);
		return false;
	}
	return list_of(l, p.out);
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
