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

const char *paths_datadir(void)
{
	static char buf[PATH_MAX + 64];
	if (buf[0])
		return buf;
	const char *env = getenv("ZHUN_DATADIR");
	if (env && *env) {
		snprintf(buf, sizeof buf, "%s", env);
		return buf;
	}
	const char *ed = exe_dir();
	if (*ed) {
		snprintf(buf, sizeof buf, "%s/%s", ed, ZHUN_BINDIR_REL_DATADIR);
		if (dir_has(buf, "sectors.tsv"))
			return buf;
		/* uninstalled: the binary sits in the build tree */
		if (!strncmp(ed, ZHUN_BUILDDIR, strlen(ZHUN_BUILDDIR))) {
			snprintf(buf, sizeof buf, "%s/data", ZHUN_SRCDIR);
			if (dir_has(buf, "sectors.tsv"))
				return buf;
		}
	}
	snprintf(buf, sizeof buf, "%s", ZHUN_DATADIR);
	return buf;
}

const char *paths_localedir(void)
{
	static char buf[PATH_MAX + 64];
	if (buf[0])
		return buf;
	const char *env = getenv("ZHUN_LOCALEDIR");
	if (env && *env) {
		snprintf(buf, sizeof buf, "%s", env);
		return buf;
	}
	const char *ed = exe_dir();
	if (*ed) {
		snprintf(buf, sizeof buf, "%s/%s", ed, ZHUN_BINDIR_REL_LOCALEDIR);
		if (dir_has(buf, "zh_CN/LC_MESSAGES/zhun.mo"))
			return buf;
		/* uninstalled: meson's i18n module compiles <build>/po/LANG/LC_MESSAGES/zhun.mo */
		if (!strncmp(ed, ZHUN_BUILDDIR, strlen(ZHUN_BUILDDIR))) {
			snprintf(buf, sizeof buf, "%s/po", ZHUN_BUILDDIR);
			if (dir_has(buf, "zh_CN/LC_MESSAGES/zhun.mo"))
				return buf;
		}
	}
	snprintf(buf, sizeof buf, "%s", ZHUN_LOCALEDIR);
	return buf;
}

bool paths_load_tables(void)
{
	char err[512];
	const char *dir = paths_datadir();
	if (!dir_has(dir, "sectors.tsv")) {
		fprintf(stderr, _("zhun: fatal: data directory '%s' has no sectors.tsv; set ZHUN_DATADIR\n"), dir);
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
