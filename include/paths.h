/* SPDX-License-Identifier: MIT */
/* paths: where zhun finds its data files (number tables, presets, schemas, translations):
 * $ZHUN_DATADIR, else relative to the executable's install prefix, else the source tree when
 * run uninstalled from the build directory, else the configured install location. */
#ifndef ZHUN_PATHS_H
#define ZHUN_PATHS_H

#include <stdbool.h>

/* The data directory (static storage; computed once). */
const char *paths_datadir(void);
/* The locale directory for translations, found the same way (share/locale or build/po). */
const char *paths_localedir(void);
/* The rules document (`rules.md`, one page per diagnostic code) for `zhun explain`: in the
 * data directory, else, run uninstalled, docs/rules.md of the source tree; NULL when neither
 * exists. Static storage. */
const char *paths_rules_doc(void);
/* Load the standard-number tables from the data directory; on failure print and return false. */
bool paths_load_tables(void);

/* `name` relative to directory `dir`: `name` itself when it is absolute or `dir` is "" or ".",
 * else "dir/name" with one slash between. Returns a new string (caller frees). */
char *path_join(const char *dir, const char *name);
/* The directory part of `path`: "." when it has no slash, "/" for a file at the root, else
 * everything before the last slash. Returns a new string (caller frees). */
char *path_dir(const char *path);
/* True when `path` ends in `ext` (".xml"), compared without regard to ASCII case. */
bool path_has_ext(const char *path, const char *ext);
/* True when `path` is a regular file (symbolic links followed). */
bool path_is_file(const char *path);
/* True when `path` is a directory (symbolic links followed). */
bool path_is_dir(const char *path);

#endif
