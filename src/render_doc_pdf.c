/* SPDX-License-Identifier: MIT */
/* render_doc_pdf: a standard printed to PDF by headless Chromium from render_doc_html's page —
 * the cover, the front matter (numbered I, II …) and the body (numbered 1, 2 …) printed
 * separately and joined with qpdf, the 目次 page numbers read back from a first print with
 * pdftotext. Each program runs without a shell, in its own process group, under a time limit;
 * the temporary directory goes in every case, and nothing is written but `out`. */
/* nftw */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "doc_layout.h"
#include "i18n.h"
#include "office.h"
#include "paths.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Seconds each step may take (ZHUN_RENDER_TIMEOUT overrides): Chromium's first start on a cold
 * machine takes a few seconds, a thousand-clause standard a few more. */
enum { DEFAULT_TIMEOUT = 120 };

struct tool {
	const char *names[3]; /* tried in order on PATH */
	const char *package;  /* the Debian package that has it */
	char *path;
};

struct job {
	struct doc_render_opts o;
	const struct doc_layout *l;
	struct diag_store *ds;
	const char *file; /* the standard's path, for findings */
	char *dir;	  /* the temporary directory */
	char **env;	  /* the environment of the children: HOME in dir */
	int timeout;
};

static char *find_on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		return NULL;
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = path;;) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		strbuf_reset(&sb);
		strbuf_add(&sb, n ? p : ".", n ? n : 1);
		strbuf_addc(&sb, '/');
		strbuf_adds(&sb, name);
		struct stat st;
		if (stat(sb.buf, &st) == 0 && S_ISREG(st.st_mode) && access(sb.buf, X_OK) == 0)
			return strbuf_detach(&sb, NULL);
		if (!end)
			break;
		p = end + 1;
	}
	strbuf_release(&sb);
	return NULL;
}

static bool find_tool(struct job *j, struct tool *t)
{
	for (size_t i = 0; i < 3 && t->names[i] && !t->path; i++)
		t->path = find_on_path(t->names[i]);
	if (t->path)
		return true;
	struct diag *d = diag_add(j->ds, DIAG_RENDER_TOOL_MISSING, j->file, (struct loc){ 0, 0 },
				  _("PDF output needs \"%s\", which is not on PATH"), t->names[0]);
	diag_set_help(d,
		      _("install the Debian package \"%s\" (apt-get install %s), or render "
			"--format html or docx"),
		      t->package, t->package);
	return false;
}

static void fail(struct job *j, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(struct job *j, const char *what, const char *fmt, ...)
{
	struct strbuf sb;
	strbuf_init(&sb);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_add(j->ds, DIAG_RENDER_TOOL_FAILED, j->file, (struct loc){ 0, 0 }, "%s: %s", what,
		 sb.buf);
	strbuf_release(&sb);
}

/* Start argv[0] in its own process group with stdin from /dev/null and stdout and stderr into
 * `log` (inside the temporary directory). Returns the pid, or -1 with errno set. */
static pid_t start(struct job *j, char *const argv[], const char *log)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	pid_t pid;
	int err = posix_spawn(&pid, argv[0], &fa, &at, argv, j->env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (err) {
		errno = err;
		return -1;
	}
	return pid;
}

/* Wait for the `n` children until the time limit; on the limit, kill each one's whole process
 * group (Chromium starts helpers) and reap it. Each status is -1 for a timeout. Returns true when
 * all exited 0. */
static bool wait_all(struct job *j, const pid_t *pid, int *status, size_t n)
{
	struct timespec t0, now, nap = { 0, 20 * 1000 * 1000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t left = 0;
	for (size_t i = 0; i < n; i++) {
		status[i] = pid[i] > 0 ? -2 : -3; /* -2: running; -3: never started */
		left += pid[i] > 0;
	}
	while (left) {
		for (size_t i = 0; i < n; i++) {
			if (status[i] != -2)
				continue;
			int st;
			pid_t r = waitpid(pid[i], &st, WNOHANG);
			if (r == pid[i] || (r < 0 && errno != EINTR)) {
				status[i] = r == pid[i] && WIFEXITED(st) ? WEXITSTATUS(st) : 128;
				/* helpers left behind by a finished browser go too */
				kill(-pid[i], SIGKILL);
				left--;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (left && now.tv_sec - t0.tv_sec >= j->timeout) {
			for (size_t i = 0; i < n; i++) {
				if (status[i] != -2)
					continue;
				kill(-pid[i], SIGKILL);
				while (waitpid(pid[i], NULL, 0) < 0 && errno == EINTR)
					;
				status[i] = -1;
			}
			break;
		}
		if (left)
			nanosleep(&nap, NULL);
	}
	for (size_t i = 0; i < n; i++)
		if (status[i] != 0)
			return false;
	return true;
}

static char *tmp_path(const struct job *j, const char *name)
{
	return path_join(j->dir, name);
}

/* The last non-empty line of a log, for the finding's message. */
static void log_tail(const struct job *j, const char *log, struct strbuf *sb)
{
	struct strbuf buf;
	strbuf_init(&buf);
	if (strbuf_read_file(&buf, log) == 0) {
		size_t e = buf.len;
		while (e &&
		       (buf.buf[e - 1] == '\n' || buf.buf[e - 1] == '\r' || buf.buf[e - 1] == ' '))
			e--;
		size_t s = e;
		while (s && buf.buf[s - 1] != '\n')
			s--;
		if (e - s > 200)
			s = e - 200;
		strbuf_add(sb, buf.buf + s, e - s);
	}
	strbuf_release(&buf);
	(void)j;
}

static void report(struct job *j, const char *tool, int status, const char *log)
{
	struct strbuf tail;
	strbuf_init(&tail);
	log_tail(j, log, &tail);
	if (status == -1)
		fail(j, tool, _("no result within %d s (ZHUN_RENDER_TIMEOUT sets the limit)"),
		     j->timeout);
	else if (status == -3)
		fail(j, tool, _("cannot be started: %s"), strerror(errno));
	else
		fail(j, tool, _("exited with status %d%s%s"), status, tail.len ? ": " : "",
		     tail.len ? tail.buf : "");
	strbuf_release(&tail);
}

/* Write the HTML of the parts in `mask`; returns its path (caller frees) or NULL. */
static char *write_html(struct job *j, const char *name, unsigned long long mask,
			const int *toc_pages, bool measure)
{
	struct doc_render_opts o = j->o;
	o.only_parts = mask;
	o.toc_pages = toc_pages;
	o.measure = measure;
	struct strbuf sb;
	strbuf_init(&sb);
	render_doc_html(j->l, &o, &sb, j->ds);
	char *path = tmp_path(j, name);
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(sb.buf, 1, sb.len, f) == sb.len;
	if (f && fclose(f) != 0)
		ok = false;
	strbuf_release(&sb);
	if (!ok) {
		fail(j, path, "%s", strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

/* Start Chromium printing html to pdf; its profile is a fresh directory of its own. */
static pid_t print_start(struct job *j, const char *chromium, const char *html, const char *pdf,
			 const char *tag)
{
	struct strbuf prof, out, url, log;
	strbuf_init(&prof);
	strbuf_init(&out);
	strbuf_init(&url);
	strbuf_init(&log);
	strbuf_addf(&prof, "--user-data-dir=%s/profile-%s", j->dir, tag);
	strbuf_addf(&out, "--print-to-pdf=%s", pdf);
	strbuf_addf(&url, "file://%s", html);
	strbuf_addf(&log, "%s/chromium-%s.log", j->dir, tag);
	char *argv[] = { (char *)chromium,
			 "--headless",
			 "--no-sandbox",
			 "--disable-gpu",
			 "--no-first-run",
			 "--disable-background-networking",
			 "--disable-component-update",
			 "--disable-sync",
			 "--disable-extensions",
			 "--allow-file-access-from-files",
			 prof.buf,
			 "--no-pdf-header-footer",
			 "--generate-pdf-document-outline",
			 out.buf,
			 url.buf,
			 NULL };
	pid_t pid = start(j, argv, log.buf);
	strbuf_release(&prof);
	strbuf_release(&out);
	strbuf_release(&url);
	strbuf_release(&log);
	return pid;
}

static bool print_all(struct job *j, const char *chromium, char **html, char **pdf,
		      const char **tags, size_t n)
{
	pid_t pid[3];
	int status[3];
	for (size_t i = 0; i < n; i++)
		pid[i] = print_start(j, chromium, html[i], pdf[i], tags[i]);
	bool ok = wait_all(j, pid, status, n);
	for (size_t i = 0; i < n && !ok; i++) {
		struct stat st;
		if (status[i] == 0 && stat(pdf[i], &st) == 0 && st.st_size > 0)
			continue;
		char log[4096];
		snprintf(log, sizeof log, "%s/chromium-%s.log", j->dir, tags[i]);
		report(j, "chromium", status[i], log);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(pdf[i], &st) != 0 || st.st_size == 0) {
			fail(j, "chromium", _("printed no PDF from %s.html"), tags[i]);
			return false;
		}
	}
	return true;
}

static bool run_tool(struct job *j, char *const argv[], const char *tag)
{
	char log[4096];
	snprintf(log, sizeof log, "%s/%s.log", j->dir, tag);
	pid_t pid = start(j, argv, log);
	int status;
	if (wait_all(j, &pid, &status, 1))
		return true;
	report(j, argv[0], status, log);
	return false;
}

/* ---- the 目次 page numbers ---- */

/* Text without white space (ASCII, U+3000, U+00A0): headings are found whatever spacing the
 * PDF's text layer has. */
static void squeeze(struct strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1;
		if (!(cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xa0 ||
		      cp == '\f'))
			strbuf_add(sb, s + i, n);
		i += n;
	}
}

static const struct doc_block *target(const struct doc_layout *l, const char *anchor)
{
	for (size_t p = 0; p < l->nparts; p++)
		for (size_t i = 0; i < l->parts[p].nblocks; i++) {
			const struct doc_block *b = &l->parts[p].blocks[i];
			if (b->kind != DOC_TOC_ENTRY && b->anchor && strcmp(b->anchor, anchor) == 0)
				return b;
		}
	return NULL;
}

/* The first page, from `from` on, with a line that is the heading (or its first line when the
 * heading wraps); 0 when none. With `last`, the last such page: the front matter's own 目次
 * lists 前言 and 引言 before their headings come. */
static int find_page(const struct strbuf *txt, const char *key, int from, bool last)
{
	size_t klen = strlen(key);
	int page = 1;
	struct strbuf line;
	strbuf_init(&line);
	int found = 0;
	for (const char *p = txt->buf, *end = txt->buf + txt->len; p < end && (last || !found);) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		for (const char *q = p; q < le; q++)
			if (*q == '\f')
				page++;
		if (page >= from) {
			strbuf_reset(&line);
			squeeze(&line, p, (size_t)(le - p));
			if (line.len && (strcmp(line.buf, key) == 0 ||
					 (line.len * 2 > klen && line.len < klen &&
					  strncmp(key, line.buf, line.len) == 0)))
				found = page;
		}
		p = nl ? nl + 1 : end;
	}
	strbuf_release(&line);
	return found;
}

static bool pdf_text(struct job *j, const char *pdftotext, const char *pdf, const char *name,
		     struct strbuf *txt)
{
	char *out = tmp_path(j, name);
	char *argv[] = { (char *)pdftotext, "-enc", "UTF-8", (char *)pdf, out, NULL };
	bool ok = run_tool(j, argv, name) && strbuf_read_file(txt, out) == 0;
	if (!ok && !diag_has_fatal(j->ds))
		fail(j, "pdftotext", _("no text from %s"), pdf);
	free(out);
	return ok;
}

/* Fill pages[] (parallel to the 目次 part's blocks) from the text of the front and body prints. */
static void toc_pages(const struct doc_layout *l, const struct strbuf *front,
		      const struct strbuf *body, int *pages)
{
	const struct doc_part *toc = &l->parts[1];
	int from_front = 1, from_body = 1;
	struct strbuf key;
	strbuf_init(&key);
	for (size_t i = 0; i < toc->nblocks; i++) {
		const struct doc_block *e = &toc->blocks[i];
		pages[i] = 0;
		if (e->kind != DOC_TOC_ENTRY)
			continue;
		const struct doc_block *t = target(l, e->anchor);
		if (!t)
			continue;
		strbuf_reset(&key);
		if (t->kind == DOC_HEADING && t->num)
			squeeze(&key, t->num, strlen(t->num));
		const char *k = t->kind == DOC_ANNEX_HEAD ? t->label : t->title;
		if (k)
			squeeze(&key, k, strlen(k));
		bool roman = l->parts[e->toc_part].pages == DOC_PAGES_ROMAN;
		int *from = roman ? &from_front : &from_body;
		int pg = find_page(roman ? front : body, key.buf, *from, roman);
		if (pg) {
			pages[i] = pg;
			*from = pg;
		}
	}
	strbuf_release(&key);
}

/* ---- clean-up ---- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static unsigned long long parts_with(const struct doc_layout *l, enum doc_page_style pages)
{
	unsigned long long m = 0;
	for (size_t p = 0; p < l->nparts && p < 64; p++)
		if (l->parts[p].pages == pages)
			m |= 1ull << p;
	return m;
}

int render_doc_pdf(const struct doc_layout *l, const struct doc_render_opts *o, struct strbuf *out,
		   struct diag_store *ds)
{
	struct job j = { .o = *o, .l = l, .ds = ds, .file = o->path ? o->path : "" };
	const char *lim = getenv("ZHUN_RENDER_TIMEOUT");
	j.timeout = lim && atoi(lim) > 0 ? atoi(lim) : DEFAULT_TIMEOUT;
	struct tool chromium = { { "chromium", "chromium-browser", NULL }, "chromium", NULL };
	struct tool qpdf = { { "qpdf", NULL, NULL }, "qpdf", NULL };
	struct tool pdftotext = { { "pdftotext", NULL, NULL }, "poppler-utils", NULL };
	bool have = find_tool(&j, &chromium);
	have = find_tool(&j, &pdftotext) && have;
	have = find_tool(&j, &qpdf) && have;
	if (!have) {
		free(chromium.path);
		free(qpdf.path);
		free(pdftotext.path);
		return -1;
	}
	const char *tmp = getenv("TMPDIR");
	struct strbuf dir;
	strbuf_init(&dir);
	strbuf_addf(&dir, "%s/zhun-render-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.buf)) {
		fail(&j, dir.buf, "%s", strerror(errno));
		strbuf_release(&dir);
		free(chromium.path);
		free(qpdf.path);
		free(pdftotext.path);
		return -1;
	}
	j.dir = dir.buf;
	j.env = office_env_with("HOME", j.dir);

	int rc = -1;
	const char *tags[3] = { "cover", "front", "body" };
	char *html[3] = { NULL, NULL, NULL }, *pdf[3] = { NULL, NULL, NULL };
	char *merged = tmp_path(&j, "out.pdf");
	struct strbuf front_txt, body_txt;
	strbuf_init(&front_txt);
	strbuf_init(&body_txt);
	int *pages = xcalloc(l->parts[1].nblocks + 1, sizeof *pages);
	unsigned long long masks[3] = { 1, parts_with(l, DOC_PAGES_ROMAN),
					parts_with(l, DOC_PAGES_ARABIC) };
	for (int i = 0; i < 3; i++) {
		char name[32];
		snprintf(name, sizeof name, "%s.pdf", tags[i]);
		pdf[i] = tmp_path(&j, name);
		snprintf(name, sizeof name, "%s.html", tags[i]);
		if (!(html[i] = write_html(&j, name, masks[i], NULL, i == 1)))
			goto done;
	}
	/* first print: all three at once; the front matter without 目次 page numbers */
	if (!print_all(&j, chromium.path, html, pdf, tags, 3))
		goto done;
	if (!pdf_text(&j, pdftotext.path, pdf[1], "front.txt", &front_txt) ||
	    !pdf_text(&j, pdftotext.path, pdf[2], "body.txt", &body_txt))
		goto done;
	toc_pages(l, &front_txt, &body_txt, pages);
	/* second print of the front matter with the numbers: they fill a column kept for them, so
	 * no line moves */
	free(html[1]);
	if (!(html[1] = write_html(&j, "front.html", masks[1], pages, false)))
		goto done;
	if (!print_all(&j, chromium.path, &html[1], &pdf[1], &tags[1], 1))
		goto done;
	char *qargv[] = { qpdf.path, "--warning-exit-0",
			  "--empty", "--pages",
			  pdf[0],    pdf[1],
			  pdf[2],    "--",
			  merged,    NULL };
	if (!run_tool(&j, qargv, "qpdf"))
		goto done;
	if (strbuf_read_file(out, merged) != 0) {
		fail(&j, merged, "%s", strerror(errno));
		goto done;
	}
	rc = 0;
done:
	rm_tree(j.dir);
	for (int i = 0; i < 3; i++) {
		free(html[i]);
		free(pdf[i]);
	}
	free(merged);
	free(pages);
	strbuf_release(&front_txt);
	strbuf_release(&body_txt);
	office_env_free(j.env);
	strbuf_release(&dir);
	free(chromium.path);
	free(qpdf.path);
	free(pdftotext.path);
	return rc;
}
