/* SPDX-License-Identifier: MIT */
/* load: read a file (YAML or XML) into the generic tree with positions, safely: size, depth,
 * alias and node limits; UTF-8 and NUL checks; no network, no entities, no DTDs. */
#ifndef ZHUN_LOAD_H
#define ZHUN_LOAD_H

#include <stddef.h>

#include "node.h"

struct diag_store;

/* Resource limits; every one is reported with a clear diagnostic when exceeded. */
struct limits {
	size_t max_file_size;   /* bytes (default 32 MiB) */
	size_t max_depth;       /* nesting of mappings/sequences/elements (default 64) */
	size_t max_aliases;     /* YAML alias uses per file (default 1,000) */
	size_t max_nodes;       /* tree nodes per file, aliases expanded (default 3,000,000: about 150 MB) */
	size_t max_line_length; /* bytes per line (default 1 MiB) */
	size_t max_refs;        /* cross-references extracted per document by `check` (default 100,000) */
	/* archives and spreadsheets (src/ziparc.c, src/sheet_*.c; docs/limits.md) */
	size_t max_archive_size; /* bytes inflated from one archive, all members (default 256 MiB) */
	size_t max_member_size;  /* bytes inflated from one member (default 128 MiB) */
	size_t max_ratio;        /* inflated bytes per compressed byte of a member (default 100) */
	size_t max_members;      /* members of one archive (default 10,000) */
	size_t max_strings;      /* entries of a workbook's shared-string table (default 1,000,000) */
};

/* Fill `l` with the defaults above. */
void limits_default(struct limits *l);

/* Syntax by extension (.xml → XML; .yaml/.yml → YAML), else by content (first non-blank
 * character '<' → XML), else YAML. */
enum doc_syntax load_sniff(const char *path, const char *buf, size_t len);

/* Load a file. On success returns a doc with root/body/kind set (kind may be DOC_UNKNOWN; the
 * caller reports root-unknown through model_build). On failure records a fatal finding with
 * file:line:col and returns NULL. `path` "-" reads standard input. */
struct doc *load_file(const char *path, struct diag_store *ds, const struct limits *lim);

/* Load from memory (not necessarily NUL-terminated); `path` names it in diagnostics. Checks the
 * size limit, NUL bytes and UTF-8 validity (reported at their line:col), strips a UTF-8 BOM,
 * then parses. */
struct doc *load_buffer(const char *path, const char *buf, size_t len, enum doc_syntax syntax,
			struct diag_store *ds, const struct limits *lim);

/* The two parsers behind load_buffer, called with a valid UTF-8 buffer without BOM. They set
 * d->root, d->body and d->kind, or record a fatal finding and return false. */
bool load_yaml_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		     const struct limits *lim);
bool load_xml_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		    const struct limits *lim);

/* Line and column (code points, 1-based) of byte offset `off` in buf. Linear in off; loaders use
 * it only for the rare positions their parser does not give. */
struct loc load_offset_loc(const char *buf, size_t len, size_t off);

#endif
