/* SPDX-License-Identifier: MIT */
/* import: a grid of cells (a spreadsheet, a CSV file, a table of a Word document) mapped to the
 * generic tree of a `system` or a `registry` — the header row recognised by the column names
 * consultants use and by zhun's own table headings, title rows above it, category rows, enum
 * words, dates and standard numbers read — with every node at its cell and every cell that was
 * not mapped, or was changed on the way, a finding at its cell (docs/import.md). One module for
 * every grid, so that xlsx, CSV and Word tables agree. */
#ifndef ZHUN_IMPORT_H
#define ZHUN_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "node.h"

struct diag_store;
struct limits;
struct sheet_book;

/* What `zhun import` was asked for; zeroed means "from the content". */
struct import_opts {
	enum doc_kind kind;	/* DOC_SYSTEM or DOC_REGISTRY; DOC_UNKNOWN: detect */
	const char *sheet;	/* the sheet to take, or NULL: the first with a header row */
	const char *const *map; /* "HEADER=key" pairs (--map): a heading and the row key it
				 * stands for (table_col keys and the row keys of format.md) */
	size_t nmap;
	const char *id, *title, *owner; /* the system's, when the sheet has none (or overriding) */
	const char *date;		/* the as-of date of a system or registry (YYYY-MM-DD), when
					 * the sheet has none: a CSV file carries no title block */
};

/* The options of this run's imports: cmd_import sets them before it loads its inputs, as the
 * settings step sets a command's settings; the spreadsheet loaders (load_xlsx.c, load_csv.c)
 * read them. NULL (the default, and what validate, check and convert see) is all zero. */
extern const struct import_opts *import_options;

/* Is `key` (a --map target) a key a column can stand for? */
bool import_key_known(const char *key);

/*
 * Map book `b` to the tree of doc `d`: sets d->root, d->body and d->kind. Every node's position
 * is its cell (xlsx: line = row, col = column, both 1-based, and the store is told the file's
 * positions are cells of the sheet taken — diag_store_set_sheet; CSV: the cell's line:col).
 * Findings (`import-*`, docs/rules) go to `ds` at their cells: an unknown heading, a value that
 * cannot be read, a row that is neither a category nor a standard (warnings; the value is left
 * out), each normalisation (a note), the sheet taken. Returns false after a fatal finding (no
 * sheet with a recognisable header row, a --kind the content contradicts, a --sheet that is not
 * there), with d unchanged. `o` may be NULL. The book must outlive nothing: every string is
 * copied into d's arena.
 */
bool import_sheet_build(struct doc *d, const struct sheet_book *b, const struct import_opts *o,
			struct diag_store *ds, const struct limits *lim);

/*
 * Read a date as consultants type it: 2021-05-01, 2021/5/1, 2021.05.01, 2021年5月1日, 20210501,
 * with surrounding white space. Writes "YYYY-MM-DD" (11 bytes with the NUL) and returns true
 * for a day that exists (years 1900–2999); false otherwise.
 */
bool import_date_text(const char *s, size_t len, char out[11]);
/* An Excel serial day (1900 system, with its leap-day 1900-02-29 error, or 1904) as
 * "YYYY-MM-DD"; false outside 1900–2999. */
bool import_date_serial(double serial, bool date1904, char out[11]);

#endif
