/* SPDX-License-Identifier: MIT */
/* settings: zhun.yaml, the settings of a project — its system file, the message language, the
 * thresholds of the records rules and `zhun eval` (`records:`) and the severity of each rule
 * (docs/format.md §8) — found from the path a command or an editor works on, read, and applied once
 * per command.
 *
 * Which zhun.yaml governs a path: for a directory, the zhun.yaml in it; for a file (or a path
 * that does not exist, or "-"), the nearest zhun.yaml in its directory or above it, up to the
 * top of the repository (the first directory holding .git) or the root of the file system;
 * for no path (NULL: a command whose operands are not paths, such as git revisions), the
 * nearest one from the current directory up, as for a file in it. A path outside any project
 * gets none: the defaults. */
#ifndef ZHUN_SETTINGS_H
#define ZHUN_SETTINGS_H

#include <stdbool.h>

#include "diag.h"
#include "load.h"
#include "records.h"

struct settings {
	char *path;   /* the zhun.yaml read, or NULL when none governs */
	char *system; /* its `system:` joined to its directory, or NULL; only from a valid file,
		       * so that a broken zhun.yaml falls back to system.yaml */
	char *lang;   /* "zh", "en" or NULL */
	long registry_max_age; /* `registry-max-age` in days; 0 when not given (check_registry's
				* default stands); settings_apply sets check_registry_max_age */
	bool has_registry_max_age;
	/* `allow-outside-paths: true`: the files the system names may lie outside the project
	 * root (settings_root); by default such a file is refused unread */
	bool allow_outside_paths;
	enum severity rule[DIAG__COUNT]; /* configured severity, where has_rule */
	bool has_rule[DIAG__COUNT];
	struct records_config
	    records; /* `records:` thresholds and eval choices (defaults when absent) */
};

void settings_init(struct settings *s);
void settings_release(struct settings *s);

/* The zhun.yaml that governs `path` (see above). Returns a new string (caller frees) or NULL
 * when none does. Only looks at the file system; reads nothing. */
char *settings_find(const char *path);

/* The project root of the file at `path` (a system file): the directory of the zhun.yaml that
 * governs it (settings_find), else the top of the git repository it lies in (the nearest
 * directory above it holding .git), else its own directory. Lexical like settings_find (the
 * caller resolves symlinks). Returns a new string (caller frees); sets *conf to that zhun.yaml
 * (a new string) or NULL when `conf` is not NULL. Only looks at the file system. */
char *settings_root(const char *path, char **conf);

/* Read the zhun.yaml at `path` into `s` (initialised here; release it), with `lim` as for any
 * input file. Every problem (unknown key or code, bad value, unreadable YAML) is a finding in
 * ds; what is valid is kept. Returns false when the file is broken. The rules are not applied
 * to ds: settings_rules() does that. */
bool settings_read(struct settings *s, const char *path, struct diag_store *ds,
		   const struct limits *lim);

/* Configure ds with the rule severities of `s` (for findings added afterwards). */
void settings_rules(const struct settings *s, struct diag_store *ds);

/* The settings step of a command, once per run: find the zhun.yaml governing `operand` (the
 * first path the command works on, or NULL; see above), read it into `s` (initialised
 * here, even when none is found), configure ds with its rules, and switch the message
 * language to its `lang` unless the command line chose one (`lang_given`). Findings about
 * zhun.yaml go to ds. Returns false when the zhun.yaml is broken. For an editor that wants the
 * settings of one file without changing the process's language: settings_find(),
 * settings_read() and settings_rules() on the store of that file. */
bool settings_apply(struct settings *s, const char *operand, bool lang_given, struct diag_store *ds,
		    const struct limits *lim);

#endif
