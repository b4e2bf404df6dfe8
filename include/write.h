/* SPDX-License-Identifier: MIT */
/* write: print the generic tree in either spelling (YAML or XML), and write files safely
 * (temporary file in the same directory, fsync, rename; mode kept; a symlinked target refused
 * unless asked). */
#ifndef ZHUN_WRITE_H
#define ZHUN_WRITE_H

#include <stdbool.h>

#include "node.h"

struct strbuf;

/* Append the YAML spelling of doc `d` (root mapping with its single key) to `out`. Keys keep
 * their tree order; strings that YAML would read as something else (numbers, dates, booleans,
 * null) are quoted; UTF-8 is written unescaped; `format: 1` is kept when present. */
void write_yaml(const struct doc *d, struct strbuf *out);

/* Append the XML spelling (model.md §5) of doc `d` to `out`, driven by schema.h: scalars as
 * attributes, lists as repeated child elements in schema order, bodies as block elements. Needs
 * d->kind known. Returns false (and appends nothing) when the tree does not fit the schema,
 * which cannot happen for a doc that passed model_build without errors.
 * The model is kept exactly; four tree shapes with the same meaning come back in their other
 * form: `body: [one]` reads back as `body: one`; an empty list without a wrapper and a null
 * value are written as nothing (docs/format-xml.md). */
bool write_xml(const struct doc *d, struct strbuf *out);

struct diag_store;

/* Record an `xml-char-unwritable` finding (fatal) for every key or scalar of `d` holding a
 * character XML 1.0 cannot carry even as a reference (YAML can, as "\x01"); the finding is at
 * the value and names the character and its place in the value. Returns true when there is
 * none, so that write_xml cannot fail on the characters of a tree that model_build accepted. */
bool write_xml_check(const struct doc *d, struct diag_store *ds);

enum write_flags {
	/* Write through a symlinked target to the file it names (`--follow-symlinks`). */
	WRITE_FOLLOW_SYMLINKS = 1 << 0,
};

/* Write `len` bytes to `path` atomically: a temporary file created (O_EXCL) in the target's
 * directory, fsync, keep an existing file's permissions, rename over the target, fsync the
 * directory. "-" writes to stdout; a device or FIFO is written in place; a directory target
 * fails with EISDIR. A target that is a symlink fails with ELOOP unless `flags` has
 * WRITE_FOLLOW_SYMLINKS (then the link's final target is replaced), the link names a
 * character device, FIFO or socket, which is written in place, or `path` names one of zhun's
 * own descriptors (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N) (docs/limits.md).
 * Past the file size limit (`ulimit -f`) it fails with EFBIG instead of dying of SIGXFSZ. On
 * failure before the rename the old file is untouched and the temporary file removed; returns
 * -1 with errno set (the caller reports it with exit status 3). A failed directory fsync after
 * the rename also returns -1, with the new content already in place. */
int write_file_atomic(const char *path, const char *data, size_t len, unsigned flags);

#endif
