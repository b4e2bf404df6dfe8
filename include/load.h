/* SPDX-License-Identifier: MIT */
/* load: read a file into the generic tree with positions, safely: size, depth, alias and node
 * limits; UTF-8 and NUL checks for text; no network, no entities, no DTDs. The input formats
 * (YAML, XML) are records of one table, load_formats[], as the output formats are in table.h.
 *
 * How to add an input format (a .docx document, say; xlsx and CSV are load_xlsx.c, load_csv.c):
 *   1. write src/load_<fmt>.c with
 *      `bool load_<fmt>_parse(struct doc *d, const char *buf, size_t len,
 *                             struct diag_store *ds, const struct limits *lim)`
 *      that builds the generic tree of node.h for a system, standard or registry: it sets
 *      d->root, d->body and d->kind as load_yaml_parse does, gives every node a position (a
 *      workbook: the sheet row as line, the column as col), keeps within `lim`, and on failure
 *      records a fatal finding in its own words and returns false. `zhun import`'s options
 *      (--kind, --sheet, --map, --title …) reach it through `import_options` (import.h; NULL
 *      under validate, check and convert); a table that is a 体系表 or a status list goes
 *      through import_sheet_build as a struct sheet_book, so that every grid is read alike;
 *   2. append its name to enum doc_syntax (node.h), declare the parser at the end of this
 *      header and add one record to load_formats[] in load.c: file name endings, a content
 *      test, how the bytes reach the parser (struct load_format.bytes: a zip is LOAD_BINARY
 *      and gets the raw bytes before any text check, as does CSV, which may be UTF-16;
 *      LOAD_TEXT is text in an encoding the parser converts itself), what its trees promise
 *      (LOAD_SHARED; LOAD_UNORDERED when positions need not follow the tree's order;
 *      LOAD_CELLS when they are cells, not places in the bytes) and the did-you-mean for an
 *      unknown key in the format's own names;
 *   3. add the file to libzhun_sources in meson.build, golden cases under tests/golden/ and a
 *      paragraph in docs/format.md. load_file, load_sniff, model_build and model_check need no
 *      change. (project.c still lists the system file names it looks for in a directory.) */
#ifndef ZHUN_LOAD_H
#define ZHUN_LOAD_H

#include <stddef.h>

#include "node.h"

struct diag_store;
struct load_sink;

/* Resource limits; every one is reported with a clear diagnostic when exceeded. */
struct limits {
	size_t max_file_size; /* bytes (default 32 MiB) */
	size_t max_depth;     /* nesting of mappings/sequences/elements (default 64) */
	size_t max_aliases;   /* YAML alias uses per file (default 1,000) */
	size_t
	    max_nodes; /* tree nodes per file, aliases expanded (default 3,000,000: about 150 MB) */
	size_t max_line_length; /* bytes per line (default 1 MiB) */
	size_t max_refs; /* cross-references extracted per document by `check` (default 100,000) */
	/* archives and spreadsheets (src/ziparc.c, src/sheet_*.c; docs/limits.md) */
	size_t
	    max_archive_size;	/* bytes inflated from one archive, all members (default 256 MiB) */
	size_t max_member_size; /* bytes inflated from one member (default 128 MiB) */
	size_t max_ratio;	/* inflated bytes per compressed byte of a member (default 100) */
	size_t max_members;	/* members of one archive (default 10,000) */
	size_t max_strings; /* entries of a workbook's shared-string table (default 1,000,000) */
	/* Not a limit but how the loader may keep within memory: who takes a system's rows as
	 * they are read (NULL by default: they stay in the tree). */
	const struct load_sink *sink;
	/* Threads the loader may use for one file: with 2 or more, a YAML file of a megabyte or
	 * more is parsed on a second thread (yaml_feed.h). 1 by default; the commands pass -j. */
	unsigned threads;
};

/* A consumer of a system's rows, one by one as the loader finishes them (load_yaml.c; the
 * other loaders keep every row in the tree and never call it). The loader hands over every
 * item of the list under the first `standards` key of a `system` root (a row as written: a
 * mapping, or whatever the file holds there, with its findings still to be made) and then frees
 * the item's nodes, unless a YAML anchor was set inside it; the list itself stays in the tree,
 * empty. So the tree of a long system never holds its rows all at once. `take` is called on the
 * loading thread and keeps what it builds with the document (d->taken); it is called for a file
 * that later fails to load too, which the document's doc_free then releases. */
struct load_sink {
	void (*take)(struct doc *d, const struct node *item, struct diag_store *ds);
};

/* Fill `l` with the defaults above. */
void limits_default(struct limits *l);

/* How a format's bytes reach its parser. */
enum load_bytes {
	LOAD_UTF8 = 1, /* UTF-8 text: NUL bytes, over-long lines and invalid UTF-8 are refused at
			* their line:col, and a BOM is stripped, before the parser sees the text */
	LOAD_TEXT,     /* text in an encoding the parser finds and converts itself (a CSV file in
			* UTF-8 or GB18030): NUL bytes and over-long lines are refused, the rest
			* (BOM, encoding) is the parser's */
	LOAD_BINARY,   /* raw bytes (a zip: xlsx, docx): only the size limit is checked before the
			* parser, which checks the rest itself */
};

/* What a format's trees may do that model_check() would otherwise refuse. */
enum {
	LOAD_SHARED = 1u << 0,	  /* a node may be reached twice (a YAML alias shares its anchor's
				   * node, which keeps the anchor's position) */
	LOAD_UNORDERED = 1u << 1, /* positions need not follow the tree's order (a workbook's
				   * columns stand in the consultant's order, its keys in the
				   * format's; a title row above the header names the whole) */
	LOAD_CELLS = 1u << 2,	  /* positions are a sheet's cells, line = row (≤ 1,048,576) and
				   * col = column (≤ 16,384), not places in the bytes: a sparse
				   * workbook of a few KiB may hold a cell in its last row */
};

struct rec_def;

/* One input format. */
struct load_format {
	enum doc_syntax syntax;
	const char *name;	 /* "yaml": for messages */
	const char *const *exts; /* file name endings with the dot (".yml"), compared
				    without regard to case; NULL-terminated */
	/* Does the content look like this format? Tried in table order when no ending matched;
	 * NULL in the last record, which takes the rest. */
	bool (*sniff)(const char *buf, size_t len);
	enum load_bytes bytes;
	unsigned tree; /* LOAD_SHARED or 0 */
	bool (*parse)(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		      const struct limits *lim);
	/* The "did you mean" for an unknown key of record `rec`, spelt as the format spells keys,
	 * or NULL for none (model_build asks it). */
	const char *(*suggest)(const struct rec_def *rec, const char *key);
};

/* Every input format in sniffing order, then a record whose syntax is 0. */
extern const struct load_format load_formats[];

/* The record of a syntax, or NULL when there is none. */
const struct load_format *load_format_of(enum doc_syntax syntax);
/* The record that reads files ending in `ext` (".xlsx"), or NULL. A loader that hands its
 * input on to another (a converted workbook) finds it so, without knowing its syntax, and sets
 * d->syntax to that record's: the tree is then that format's (its positions, model_check). */
const struct load_format *load_format_for_ext(const char *ext);

/* Syntax by file name ending (.xml → XML; .yaml and .yml → YAML; any case), else by content
 * (first non-blank character '<' → XML), else YAML. `path` may be NULL. */
enum doc_syntax load_sniff(const char *path, const char *buf, size_t len);

/* Prepare loading from several threads at once: what the loaders set up on first use and do
 * not guard themselves (the self-check switch) is set up now. Call from the main thread before
 * starting the others. */
void load_threads_init(void);

/* Load a file named by the user (load_read without LOAD_REGULAR: a pipe such as <(…) is read
 * too). On success returns a doc with root/body/kind set (kind may be DOC_UNKNOWN; the caller
 * reports root-unknown through model_build). On failure records a fatal finding with
 * file:line:col and returns NULL. `path` "-" reads standard input. */
struct doc *load_file(const char *path, struct diag_store *ds, const struct limits *lim);

/* How load_read and load_file_as read a file. */
enum load_read_flags {
	/* A file that another file names (a registry, a linked document, zhun.yaml and the
	 * system it names, a work-tree file in git mode), which a pull request may make a
	 * symlink to /dev/zero or a FIFO: only a regular file is read; anything else is an
	 * `io-error` finding naming the file and nothing of it is read (docs/limits.md). */
	LOAD_REGULAR = 1 << 0,
};

/* The one reader of input files. Opens `path` without blocking (a FIFO cannot hang the open),
 * refuses a directory, and with LOAD_REGULAR anything but a regular file, then reads at most
 * lim->max_file_size bytes (a regular file's size is checked before reading). `name` names the
 * file in findings; "-" reads standard input. Returns the bytes (caller frees; *len set; a NUL
 * follows them, not counted in *len) or NULL with a fatal finding recorded; when `missing` is not
 * NULL and nothing exists at `path`, sets *missing and returns NULL without a finding. */
char *load_read(const char *path, const char *name, unsigned flags, size_t *len,
		struct diag_store *ds, const struct limits *lim, bool *missing);
/* load_read, then load_buffer with the syntax load_sniff finds: load_file with `flags` and
 * `missing` as load_read takes them. */
struct doc *load_file_as(const char *path, unsigned flags, struct diag_store *ds,
			 const struct limits *lim, bool *missing);

/* Load from memory (not necessarily NUL-terminated) as `syntax`; `path` names it in
 * diagnostics. Checks the size limit and what the format's `bytes` ask for (YAML and XML: NUL
 * bytes, line length and UTF-8 validity, reported at their line:col; a UTF-8 BOM is stripped),
 * then parses. With ZHUN_SELF_CHECK set (model_check.h) the tree is then held to
 * model_check(): a violation is an `internal` finding, and the result NULL. */
struct doc *load_buffer(const char *path, const char *buf, size_t len, enum doc_syntax syntax,
			struct diag_store *ds, const struct limits *lim);
/* The same with the format's record given (a test may pass one of its own). */
struct doc *load_buffer_as(const char *path, const char *buf, size_t len,
			   const struct load_format *f, struct diag_store *ds,
			   const struct limits *lim);

/* A Word document (.docx) mapped onto a `standard` (src/load_docx.c, docs/import.md): positions
 * are paragraph numbers (include/docx.h) as lines, column 1. Paragraphs that fit nowhere are
 * import-unmapped warnings; the tree is still built. False after a fatal finding of the reader. */
bool load_docx_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		     const struct limits *lim);

/* A legacy Excel or WPS workbook (.xls, .et) through LibreOffice to .xlsx, then the parser of
 * the format whose record reads .xlsx (src/load_office.c); its sniff: an OLE2 compound file
 * holding a workbook. False after a fatal finding (import-converter, or the format's own). */
bool load_office_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		       const struct limits *lim);
bool load_office_sniff(const char *buf, size_t len);

/* Line and column (code points, 1-based) of byte offset `off` in buf. Linear in off; loaders use
 * it only for the rare positions their parser does not give. */
struct loc load_offset_loc(const char *buf, size_t len, size_t off);

/* The parsers of load_formats[], one per format (load_<fmt>.c). load_buffer calls each with the
 * bytes its record asks for (YAML and XML: valid UTF-8 without BOM). They set d->root, d->body
 * and d->kind, or record a fatal finding and return false. */
bool load_yaml_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		     const struct limits *lim);
bool load_xml_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		    const struct limits *lim);
/* Spreadsheets (load_xlsx.c, load_csv.c): the raw bytes of a workbook, of a CSV or TSV file in
 * whatever encoding (sheet_csv_read finds it); mapped by import_sheet_build (import.h) under
 * import_options. */
bool load_xlsx_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		     const struct limits *lim);
bool load_csv_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		    const struct limits *lim);
/* Is this a zip holding an Excel workbook (a .docx is a zip too)? */
bool load_xlsx_sniff(const char *buf, size_t len);

#endif
