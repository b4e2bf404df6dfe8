/* SPDX-License-Identifier: MIT */
/* cmd_init: `zhun init [--preset NAME] [DIR]` — start a standards repository from a preset
 * (data/presets/NAME.yaml) and the templates of data/init, never overwriting a file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "model.h"
#include "paths.h"
#include "strbuf.h"
#include "suggest.h"
#include "write.h"
#include "xalloc.h"

/* The preset used when none is named: the current edition of the national guide. */
#define DEFAULT_PRESET "gbt24421-2023"

/* Where the source of zhun is, for the CI templates that build it. */
#ifdef ZHUN_HOMEPAGE
#define ZHUN_GIT ZHUN_HOMEPAGE
#else
#define ZHUN_GIT "https://github.com/OWNER/zhun"
#endif

enum { INIT_PRESET = CLI__COMMAND, INIT_LIST_PRESETS };

static const struct opt_doc init_opts[] = {
	{ "preset", 0, "NAME", "@presets",
	  N_("category tree to start from: gbt24421-2009, gbt24421-2023 (default), museum, "
	     "city-pilot "
	     "or empty"),
	  INIT_PRESET },
	{ "list-presets", 0, NULL, NULL, N_("list the presets with what they hold and exit"),
	  INIT_LIST_PRESETS },
	OPT_HELP,
	OPT_END,
};

/* The values substituted into templates: @ID@, @YEAR@, @DATE@, @NUMBER@, @LANG@, @ZHUN_GIT@. */
struct subst {
	char id[64];
	char year[8];
	char date[16];
	const char *number;
	const char *lang_line;
};

/* One file init means to write, relative to the target directory. */
struct planned {
	char *rel;
	char *text;
};

struct plan {
	struct planned *v;
	size_t n, cap;
};

static void plan_add(struct plan *p, const char *rel, char *text)
{
	xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n].rel = xstrdup(rel);
	p->v[p->n].text = text;
	p->n++;
}

static void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].rel);
		free(p->v[i].text);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}

static bool path_exists(const char *path)
{
	struct stat st;
	/* lstat: a dangling symlink is still something we must not replace */
	return lstat(path, &st) == 0;
}

/* Read a whole file; returns NULL (errno set) when it cannot be read. Caller frees. */
static char *read_all(const char *path)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (strbuf_read_file(&sb, path) != 0) {
		int e = errno;
		strbuf_release(&sb);
		errno = e;
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* Expand the @NAME@ placeholders of a template and drop its leading SPDX and zhun-preset
 * lines: those describe the template in zhun's tree, not the user's file. Caller frees. */
static char *expand(const char *tpl, const struct subst *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	const char *p = tpl;
	while (!strncmp(p, "# SPDX-License-Identifier:", 26) || !strncmp(p, "# zhun-preset:", 14)) {
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : p + strlen(p);
	}
	static const char *const names[] = { "@ID@",	 "@YEAR@", "@DATE@",
					     "@NUMBER@", "@LANG@", "@ZHUN_GIT@" };
	const char *values[] = { s->id,	       s->year, s->date, s->number ? s->number : "",
				 s->lang_line, ZHUN_GIT };
	while (*p) {
		size_t k = 0;
		if (*p == '@') {
			for (k = 0; k < sizeof names / sizeof names[0]; k++)
				if (!strncmp(p, names[k], strlen(names[k])))
					break;
		}
		if (*p == '@' && k < sizeof names / sizeof names[0]) {
			strbuf_adds(&sb, values[k]);
			p += strlen(names[k]);
		} else {
			strbuf_addc(&sb, *p++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* The system id: the target directory's name as a slug (a-z, 0-9, '-'), else "system". */
static void make_id(const char *dir, char *out, size_t cap)
{
	char *real = realpath(dir, NULL);
	const char *base = real ? strrchr(real, '/') : NULL;
	base = base ? base + 1 : "";
	size_t n = 0;
	bool dash = false;
	for (const char *c = base; *c && n + 2 < cap; c++) {
		char ch = *c;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (dash && n)
				out[n++] = '-';
			out[n++] = ch;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, cap, "system");
	free(real);
}

static void set_dates(struct subst *s)
{
	struct date today;
	date_today(&today);
	/* SOURCE_DATE_EPOCH (reproducible-builds.org) pins the date for tests and packaging */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (!*end && v >= 0) {
			time_t t = (time_t)v;
			struct tm tm;
			if (gmtime_r(&t, &tm)) {
				today.y = tm.tm_year + 1900;
				today.m = tm.tm_mon + 1;
				today.d = tm.tm_mday;
			}
		}
	}
	/* UTC, as `zhun check` evaluates statuses on the UTC day: the example must be in force */
	snprintf(s->year, sizeof s->year, "%04d", today.y % 10000);
	snprintf(s->date, sizeof s->date, "%04d-%02d-%02d", today.y % 10000, today.m, today.d);
}

/* Names of the presets (the .yaml files of `dir`), sorted; NULL-terminated, caller frees. */
static char **preset_names(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l <= 5 || e->d_name[0] == '.' || strcmp(e->d_name + l - 5, ".yaml"))
			continue;
		xgrow((void **)&v, &cap, n + 2, sizeof *v);
		v[n++] = xstrndup(e->d_name, l - 5);
	}
	closedir(d);
	xgrow((void **)&v, &cap, n + 1, sizeof *v);
	v[n] = NULL;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v;
}

static void free_names(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* The description of a preset: its "# zhun-preset: English | 中文" line, in the language of
 * the messages. Caller frees; NULL when the file has none. */
static char *preset_description(const char *path)
{
	char *text = read_all(path);
	if (!text)
		return NULL;
	char *res = NULL;
	for (char *line = text; *line && *line == '#';) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (!strncmp(line, "# zhun-preset:", 14)) {
			char *d = xstrndup(line + 14, len - 14);
			char *bar = strstr(d, " | ");
			const char *pick = d;
			if (bar) {
				*bar = '\0';
				if (i18n_is_zh())
					pick = bar + 3;
			}
			pick += strspn(pick, " ");
			res = xstrdup(pick);
			free(d);
			break;
		}
		line = nl ? nl + 1 : line + len;
	}
	free(text);
	return res;
}

static int list_presets(const char *dir)
{
	char **names = preset_names(dir);
	if (!names || !names[0]) {
		fprintf(stderr, _("zhun init: no presets in '%s'; set ZHUN_DATADIR\n"), dir);
		free_names(names);
		return 4;
	}
	for (size_t i = 0; names[i]; i++) {
		char *file = xasprintf("%s/%s.yaml", dir, names[i]);
		char *desc = preset_description(file);
		printf("%-15s %s%s\n", names[i], desc ? desc : "",
		       strcmp(names[i], DEFAULT_PRESET) ? "" : _(" (default)"));
		free(desc);
		free(file);
	}
	free_names(names);
	return 0;
}

/* mkdir -p for the directories of `path` up to (not including) its last component, and the
 * whole of `path` when `all`. Returns false with errno set. */
static bool make_dirs(const char *path, bool all)
{
	char *p = xstrdup(path);
	size_t len = strlen(p);
	bool ok = true;
	for (size_t i = 1; i <= len && ok; i++) {
		if (i < len ? p[i] != '/' : !all)
			continue;
		char save = p[i];
		p[i] = '\0';
		struct stat st;
		if (mkdir(p, 0777) != 0) {
			if (errno != EEXIST) {
				ok = false;
			} else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
				errno = ENOTDIR;
				ok = false;
			}
		}
		p[i] = save;
	}
	int e = errno;
	free(p);
	errno = e;
	return ok;
}

/* Create `path` with `text` unless something is there already. Returns 1 when written, 0 when
 * skipped, -1 on a system error (message printed). */
static int create_file(const char *path, const char *text)
{
	if (!make_dirs(path, false)) {
		fprintf(stderr, _("zhun init: cannot create the directories of '%s': %s\n"), path,
			strerror(errno));
		return -1;
	}
	/* O_EXCL reserves the name: a file that appears after we looked is still never replaced,
	 * and write_file_atomic then only ever renames over our own empty placeholder. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		fprintf(stderr, _("zhun init: cannot create '%s': %s\n"), path, strerror(errno));
		return -1;
	}
	close(fd);
	if (write_file_atomic(path, text, strlen(text), 0) != 0) {
		int e = errno;
		unlink(path);
		fprintf(stderr, _("zhun init: cannot write '%s': %s\n"), path, strerror(e));
		return -1;
	}
	return 1;
}

/* Template `name` of data/init, expanded; NULL (message printed) when it cannot be read. */
static char *init_template(const char *datadir, const char *name, const struct subst *s)
{
	char *path = xasprintf("%s/init/%s", datadir, name);
	char *tpl = read_all(path);
	if (!tpl) {
		fprintf(stderr,
			_("zhun init: cannot read the template '%s': %s; set ZHUN_DATADIR\n"), path,
			strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	char *res = expand(tpl, s);
	free(tpl);
	return res;
}

/* Does the target directory already hold a system (any name project_resolve would take)? */
static bool has_system(const char *dir)
{
	static const char *const names[] = { "system.yaml", "system.yml", "system.xml" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *p = path_join(dir, names[i]);
		bool e = path_exists(p);
		free(p);
		if (e)
			return true;
	}
	return false;
}

/* Add the system of the preset and, when it is new, the documents and registries it names. The
 * preset is parsed with zhun's own loader so that a broken preset is an internal error rather
 * than a broken repository. Returns false after printing the findings. */
static bool plan_system(struct plan *p, const char *datadir, const char *preset_path,
			const char *preset, struct subst *s, bool system_exists)
{
	char *tpl = read_all(preset_path);
	if (!tpl) {
		fprintf(stderr, _("zhun init: cannot read the preset '%s': %s\n"), preset_path,
			strerror(errno));
		return false;
	}
	char *text = expand(tpl, s);
	free(tpl);
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	struct doc *d = load_buffer(preset_path, text, strlen(text), SYNTAX_YAML, &ds, &lim);
	bool ok = d && model_build(d, &ds) && d->kind == DOC_SYSTEM;
	diag_store_finish(&ds);
	if (!ok || diag_failed(&ds, false)) {
		diag_print(&ds, DIAG_PRINTER_TEXT, stderr, NULL);
		fprintf(stderr, _("zhun init: the preset '%s' is not a valid system\n"), preset);
		doc_free(d);
		diag_store_release(&ds);
		free(text);
		return false;
	}
	plan_add(p, "system.yaml", text);
	if (!system_exists) {
		const struct system *sys = d->model;
		for (size_t i = 0; i < sys->nrows && ok; i++) {
			const struct row *r = &sys->rows[i];
			if (!r->document.s)
				continue;
			bool dup = false;
			for (size_t k = 0; k < p->n; k++)
				dup |= !strcmp(p->v[k].rel, r->document.s);
			if (dup)
				continue;
			s->number = r->number.text.s;
			char *std = init_template(datadir, "standard.yaml", s);
			s->number = NULL;
			if (!std)
				ok = false;
			else
				plan_add(p, r->document.s, std);
		}
		/* each registry and records file the preset names, from its template */
		const struct {
			const struct textlist *paths;
			const char *tpl;
		} lists[] = { { &sys->registry, "registry.yaml" },
			      { &sys->records, "records.yaml" } };
		for (size_t l = 0; l < 2; l++)
			for (size_t i = 0; i < lists[l].paths->n && ok; i++) {
				char *body = init_template(datadir, lists[l].tpl, s);
				if (!body)
					ok = false;
				else
					plan_add(p, lists[l].paths->v[i].s, body);
			}
	}
	doc_free(d);
	diag_store_release(&ds);
	return ok;
}

static int cmd_init_run(struct cli_run *run)
{
	const struct cmd *c = run->cp.cmd;
	const char *preset = DEFAULT_PRESET;
	bool list = false;
	int id;
	while ((id = cli_next(&run->cp)) > 0) {
		if (id == INIT_PRESET)
			preset = run->cp.arg;
		else if (id == INIT_LIST_PRESETS)
			list = true;
	}
	if (id < 0)
		return run->cp.status;
	const char *datadir = paths_datadir();
	char *presets = xasprintf("%s/presets", datadir);
	if (list) {
		int r = list_presets(presets);
		free(presets);
		return r;
	}
	const char *dir = run->cp.nops ? run->cp.ops[0] : ".";

	char **names = preset_names(presets);
	if (!names || !names[0]) {
		fprintf(stderr, _("zhun init: no presets in '%s'; set ZHUN_DATADIR\n"), presets);
		free_names(names);
		free(presets);
		return 4;
	}
	bool known = false;
	for (size_t k = 0; names[k]; k++)
		known |= !strcmp(names[k], preset);
	if (!known) {
		const char *sug = did_you_mean(preset, (const char *const *)names);
		int r =
		    sug ? cli_usage_error(c, _("unknown preset '%s'; did you mean '%s'?"), preset,
					  sug)
			: cli_usage_error(
			      c, _("unknown preset '%s'; 'zhun init --list-presets' lists them"),
			      preset);
		free_names(names);
		free(presets);
		return r;
	}
	free_names(names);

	struct stat st;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		free(presets);
		return cli_usage_error(c, _("'%s' is not a directory"), dir);
	}
	if (!make_dirs(dir, true)) {
		fprintf(stderr, _("zhun init: cannot create the directory '%s': %s\n"), dir,
			strerror(errno));
		free(presets);
		return 4;
	}

	/* The language of this run (--lang, else the locale; Chinese when the locale names none)
	 * becomes the repository's, so that CI machines in the C locale speak it too. */
	bool zh = i18n_is_zh();
	struct subst s = { .lang_line = zh ? "lang: zh" : "lang: en" };
	/* and this run speaks it: in the C locale the choice is Chinese while gettext would
	 * still answer in English, and what init says must agree with what it writes */
	i18n_set_lang(zh ? "zh" : "en");
	make_id(dir, s.id, sizeof s.id);
	set_dates(&s);

	bool system_exists = has_system(dir);
	struct plan p = { 0 };
	char *preset_path = xasprintf("%s/%s.yaml", presets, preset);
	free(presets);
	static const char *const templates[][2] = {
		{ "zhun.yaml", "zhun.yaml" },
		{ "gitattributes", ".gitattributes" },
		{ "pre-commit-config.yaml", ".pre-commit-config.yaml" },
		{ "github-workflow.yml", ".github/workflows/zhun.yml" },
		{ "gitlab-ci.yml", ".gitlab-ci.yml" },
	};
	bool ok = true;
	char *t = init_template(datadir, templates[0][0], &s);
	if (t)
		plan_add(&p, templates[0][1], t);
	ok = t && plan_system(&p, datadir, preset_path, preset, &s, system_exists);
	for (size_t k = 1; k < sizeof templates / sizeof templates[0] && ok; k++) {
		t = init_template(datadir, templates[k][0], &s);
		if (t)
			plan_add(&p, templates[k][1], t);
		ok = t != NULL;
	}
	free(preset_path);
	if (!ok) {
		plan_release(&p);
		return 4;
	}

	size_t created = 0, skipped = 0;
	int status = 0;
	for (size_t k = 0; k < p.n; k++) {
		char *path = path_join(dir, p.v[k].rel);
		/* an existing system.yml or system.xml would lose to a new system.yaml */
		int r = !strcmp(p.v[k].rel, "system.yaml") && system_exists
			    ? 0
			    : create_file(path, p.v[k].text);
		if (r < 0) {
			free(path);
			status = 4;
			break;
		}
		if (r > 0) {
			created++;
			if (!run->g.quiet)
				printf(_("created %s\n"), path);
		} else {
			skipped++;
			fprintf(stderr, _("zhun init: skipped %s: it already exists\n"), path);
		}
		free(path);
	}
	plan_release(&p);
	if (status)
		return status;
	if (system_exists)
		fprintf(stderr, _("zhun init: the directory has a system already: the example "
				  "standard and registry were not created\n"));
	if (!run->g.quiet && created) {
		const char *d = strcmp(dir, ".") ? dir : "";
		printf(_("\nNext steps:\n"));
		printf(_("  1. edit %s%ssystem.yaml: the system's title, owner and number prefix "
			 "(Q/XXX), then list its standards\n"),
		       d, *d && d[strlen(d) - 1] != '/' ? "/" : "");
		printf(_("     or bring an existing 体系表 in from Excel or CSV: zhun import "
			 "明细表.xlsx -o %s%ssystem.yaml --force\n"),
		       d, *d && d[strlen(d) - 1] != '/' ? "/" : "");
		printf(_("  2. zhun check %s\n"), *d ? d : ".");
		printf(_("  3. once per clone, for zhun's view in git diff: git config "
			 "diff.zhun.command \"zhun diff --git-driver\"\n"));
		printf("%s\n",
		       zh ? _("Messages are in Chinese (lang: zh in zhun.yaml); for English, "
			      "write lang: en there or give --lang en.")
			  : _("Messages are in English (lang: en in zhun.yaml); for Chinese, "
			      "write lang: zh there or give --lang zh."));
	}
	if (skipped) {
		fprintf(stderr,
			_("zhun init: files left as they were: %zu; 'zhun init' in an empty "
			  "directory shows what it would have written\n"),
			skipped);
		return 1;
	}
	return 0;
}

const struct cmd cmd_init_entry = {
	CMD_RECORD(init),
	.operands = { .max = 1, .what = N_("directory") },
	.usage = "zhun init [--preset NAME] [DIR]",
	.summary = N_("Start a standards repository: system, example standard, registry, git and "
		      "CI files."),
	.exit_status = N_("Exit status: 0 every file created, 1 some files existed and were "
			  "skipped, 2 usage error, 4 internal error."),
};
