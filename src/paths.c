/* SPDX-License-Identifier: MIT */
/* paths: locate data relative to the running binary so an installed zhun works under any
 * prefix and an uninstalled one works from the build tree. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "i18n.h"
#include "stdno.h"
#include "xalloc.h"

static bool dir_has(const char *dir, const char *file)
{
	char p[PATH_MAX];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s", dir, file);
	return stat(p, &st) == 0;
}

/* Directory holding the executable, or "" when unknown. */
static const char *exe_dir(void)
{
	static char dir[PATH_MAX];
	static bool done;
	if (done)
		return dir;
	done = true;
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n <= 0) {
		dir[0] = '\0';
		return dir;
	}
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return dir;
}

/* Where one kind of installed file lives: the environment variable that overrides it, the
 * directory relative to the binary, a file that proves a candidate right, the directory used
 * when the binary runs from the build tree, and the configured install directory. */
struct place {
	const char *env;
	const char *bindir_rel;
	const char *probe;
	const char *uninstalled;
	const char *installed;
};

/* The first of: $env; <exe dir>/bindir_rel, where it holds the probe; the uninstalled
 * directory, where the binary sits in the build tree and it holds the probe; the installed
 * one. Found once and kept in `buf` (`size` bytes). */
static const char *locate(char *buf, size_t size, const struct place *p)
{
	if (buf[0])
		return buf;
	const char *env = getenv(p->env);
	if (env && *env) {
		snprintf(buf, size, "%s", env);
		return buf;
	}
	const char *ed = exe_dir();
	if (*ed) {
		snprintf(buf, size, "%s/%s", ed, p->bindir_rel);
		if (dir_has(buf, p->probe))
			return buf;
		if (!strncmp(ed, ZHUN_BUILDDIR, strlen(ZHUN_BUILDDIR))) {
			snprintf(buf, size, "%s", p->uninstalled);
			if (dir_has(buf, p->probe))
				return buf;
		}
	}
	snprintf(buf, size, "%s", p->installed);
	return buf;
}

const char *paths_datadir(void)
{
	static const struct place data = {
		"ZHUN_DATADIR", ZHUN_BINDIR_REL_DATADIR, "sectors.tsv", ZHUN_SRCDIR "/data",
		ZHUN_DATADIR,
	};
	static char buf[PATH_MAX + 64];
	return locate(buf, sizeof buf, &data);
}

const char *paths_localedir(void)
{
	/* uninstalled: meson's i18n module compiles <build>/po/LANG/LC_MESSAGES/zhun.mo */
	static const struct place locale = {
		"ZHUN_LOCALEDIR",
		ZHUN_BINDIR_REL_LOCALEDIR,
		"zh_CN/LC_MESSAGES/zhun.mo",
		ZHUN_BUILDDIR "/po",
		ZHUN_LOCALEDIR,
	};
	static char buf[PATH_MAX + 64];
	return locate(buf, sizeof buf, &locale);
}

bool paths_load_tables(void)
{
	char err[512];
	const char *dir = paths_datadir();
	if (!dir_has(dir, "sectors.tsv")) {
		fprintf(
		    stderr,
		    _("zhun: fatal: data directory '%s' has no sectors.tsv; set ZHUN_DATADIR\n"),
		    dir);
		return false;
	}
	if (stdno_tables_load(dir, err, sizeof err) != 0) {
		fprintf(stderr, "zhun: fatal: %s\n", err);
		return false;
	}
	return true;
}

const char *paths_rules_doc(void)
{
	static char buf[PATH_MAX + 64];
	const char *dd = paths_datadir();
	if (dir_has(dd, "rules.md")) {
		snprintf(buf, sizeof buf, "%s/rules.md", dd);
		return buf;
	}
	/* uninstalled: the source tree's copy, never an installed binary's fallback */
	const char *ed = exe_dir();
	if (*ed && !strncmp(ed, ZHUN_BUILDDIR, strlen(ZHUN_BUILDDIR)) &&
	    dir_has(ZHUN_SRCDIR "/docs", "rules.md")) {
		snprintf(buf, sizeof buf, "%s/docs/rules.md", ZHUN_SRCDIR);
		return buf;
	}
	return NULL;
}

char *path_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir[0] || !strcmp(dir, "."))
		return xstrdup(name);
	size_t l = strlen(dir);
	return xasprintf("%s%s%s", dir, dir[l - 1] == '/' ? "" : "/", name);
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

bool path_has_ext(const char *path, const char *ext)
{
	size_t lp = strlen(path), le = strlen(ext);
	return lp >= le && strcasecmp(path + lp - le, ext) == 0;
}

bool path_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool path_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
