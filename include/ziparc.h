/* SPDX-License-Identifier: MIT */
/* ziparc: a zip archive read from memory, safely, for the OOXML readers (src/sheet_xlsx.c):
 * members are looked up by name and inflated in chunks under limits (struct limits: bytes per
 * member and per archive, compression ratio, member count), and every hostile or damaged
 * archive — zip bombs, zip-slip names, encrypted members, bad CRCs, truncated or corrupt
 * directories — is a finding in the diagnostics store, never a crash or a silent truncation.
 * Nothing is ever written to disk. libzip is opened with dlopen on the first archive. */
#ifndef ZHUN_ZIPARC_H
#define ZHUN_ZIPARC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct diag_store;
struct limits;
struct strbuf;

/* An open archive. */
struct ziparc;
/* One member being inflated. */
struct ziparc_member;

/* Longest member name accepted, in bytes (a longer one is `archive-name-unsafe`). */
#define ZIPARC_NAME_MAX 1024

/*
 * Open the archive held in buf[0..len) (borrowed: it must outlive the archive). `path` names
 * it in findings. The central directory is checked as a whole before anything is read: the
 * member count (lim->max_members), every name (no absolute path, no `..` segment, no
 * backslash, no NUL, no control character, at most ZIPARC_NAME_MAX bytes), no encrypted
 * member, and each member's declared size and ratio against lim->max_member_size and
 * lim->max_ratio, and the declared total against lim->max_archive_size. Returns the archive
 * (free with ziparc_free), or NULL after recording one fatal finding (archive-corrupt,
 * archive-name-unsafe, archive-encrypted, archive-bomb, archive-too-large) at `path`, or an
 * internal one when libzip cannot be loaded. `lim` is kept by pointer.
 */
struct ziparc *ziparc_new(const char *path, const char *buf, size_t len, struct diag_store *ds,
			  const struct limits *lim);
void ziparc_free(struct ziparc *z);

/* The path the archive was opened with (interned in the store). */
const char *ziparc_path(const struct ziparc *z);
/* Number of members, and the name of member i (< count), owned by the archive. */
size_t ziparc_count(const struct ziparc *z);
const char *ziparc_name(const struct ziparc *z, size_t i);
/* Whether a member of exactly this name exists (names are case-sensitive, as in OOXML). */
bool ziparc_has(const struct ziparc *z, const char *name);

/*
 * Start inflating member `name`. Returns NULL after a fatal finding when there is no such
 * member (archive-member-missing) or it cannot be read (archive-corrupt: unsupported
 * compression, damaged data). Free with ziparc_member_free before the archive.
 */
struct ziparc_member *ziparc_member_new(struct ziparc *z, const char *name);
/*
 * Inflate up to `cap` bytes into buf. Returns the number of bytes (> 0), 0 at the end of the
 * member once its CRC and size have been verified, or -1 after a fatal finding: CRC or data
 * error (archive-corrupt), more bytes than the member declared or than its ratio allows
 * (archive-bomb), or past lim->max_member_size or the archive's lim->max_archive_size
 * (archive-too-large). Never inflates more than a limit and one chunk beyond what it read.
 */
ssize_t ziparc_member_read(struct ziparc_member *m, char *buf, size_t cap);
void ziparc_member_free(struct ziparc_member *m);

/* Append all of member `name` to `out`. Returns false after a fatal finding (as above);
 * what was read before it may stay appended. */
bool ziparc_read(struct ziparc *z, const char *name, struct strbuf *out);

/*
 * An OOXML relationship target as a member name: relative to `dir` (the source part's folder,
 * ending in '/' or empty) unless it starts with '/', with "." and ".." segments resolved and %XX
 * escapes decoded (targets are URIs). NULL when it climbs out of the package. Caller frees.
 */
char *ziparc_resolve(const char *dir, const char *target);

/* True when buf starts like a zip archive (a local header, or the end record of an empty
 * one); used to tell an xlsx from a CSV by content. */
bool ziparc_sniff(const char *buf, size_t len);

#endif
