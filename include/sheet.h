/* SPDX-License-Identifier: MIT */
/* sheet: a spreadsheet read as grids of cells with their source positions — an xlsx workbook
 * (src/sheet_xlsx.c) or a CSV/TSV file (src/sheet_csv.c) — for the importer, which looks for
 * a header row among the first rows, skips title rows and walks merged category rows. Every
 * cell keeps its text as the spreadsheet shows it (UTF-8), its type and number, and where it
 * came from (`file.xlsx:明细表!C17`, `file.csv:17:3`). One arena per book holds it all. */
#ifndef ZHUN_SHEET_H
#define ZHUN_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "node.h"

struct arena;
struct diag_store;
struct limits;
struct strbuf;

/* Excel's grid: rows 1..1,048,576, columns A..XFD. A reference beyond is `xlsx-invalid`; a CSV
 * longer or wider is refused the same way (`csv-syntax`). */
#define SHEET_MAX_ROWS 1048576u
#define SHEET_MAX_COLS 16384u

enum cell_type {
	CELL_EMPTY,  /* CSV: an empty field (kept, for its position); xlsx: never stored */
	CELL_STRING, /* text (shared, inline or formula string; every CSV field that is not empty)
		      */
	CELL_NUMBER, /* a number: `num`, and `text` in its shortest exact form ("2021", "0.5") */
	CELL_BOOL,   /* `num` 1 or 0, `text` "TRUE" or "FALSE" */
	CELL_DATE,   /* a number under a date format: `num` is the serial, `text` the ISO date
		      * ("2021-05-01", "2021-05-01T13:30:00", or "13:30:00" for a time alone) */
	CELL_ERROR,  /* a formula error: `text` as Excel shows it ("#N/A", "#REF!") */
};

struct sheet_cell {
	uint32_t col; /* 0-based (A = 0) */
	enum cell_type type;
	const char *text; /* UTF-8, NUL-terminated, in the book's arena; "" when EMPTY */
	size_t len;	  /* bytes of text */
	double num;	  /* NUMBER, DATE, BOOL; 0 otherwise */
	struct loc loc;	  /* CSV: line:col (code points) of the field's first character;
			   * xlsx: {0, 0} (the A1 reference is the position) */
};

/* A row that holds at least one cell; rows without cells are not stored. */
struct sheet_row {
	uint32_t row;		  /* 0-based (spreadsheet row 1 = 0) */
	struct loc loc;		  /* CSV: where the record starts; xlsx: {0, 0} */
	struct sheet_cell *cells; /* in column order, no two in one column */
	size_t n;
};

/* A merged range, 0-based and inclusive; the value is in its top-left cell. */
struct sheet_range {
	uint32_t row0, col0, row1, col1;
};

/* A paragraph next to a table of a Word document read as a sheet: the 体系表's title and unit
 * lines above it, its notes and footnotes below it. Its position is the paragraph number
 * (docx.h), not a cell. */
struct sheet_para {
	const char *text; /* UTF-8, in the book's arena */
	size_t len;
	uint32_t num; /* paragraph number, from 1 */
};

struct sheet {
	const char *name; /* xlsx: the tab's name; CSV: the file's name without directory */
	bool hidden;	  /* xlsx: state="hidden" or "veryHidden" */
	bool complete;	  /* false when reading stopped at sheet_read_opts.max_rows */
	bool read;	  /* false for a sheet not read (sheet_read_opts.sheet names another) */
	uint32_t height, width; /* one past the last row and column that hold a cell */
	struct sheet_row *rows; /* in row order */
	size_t nrows;
	struct sheet_range *merges; /* in the order of the file */
	size_t nmerges;
	/* Word: the paragraphs with text between the previous table (or the start) and this
	 * one, and between this table and the next (or the end); none for a workbook or CSV */
	struct sheet_para *above, *below;
	size_t nabove, nbelow;
};

struct sheet_book {
	const char *path;     /* as given (interned in the diagnostics store) */
	bool csv;	      /* positions are line:col, not sheet!A1 */
	bool date1904;	      /* xlsx: the workbook counts dates from 1904-01-01 */
	const char *encoding; /* CSV: "UTF-8", "GB18030", "UTF-16LE" or "UTF-16BE"; else NULL */
	char delimiter;	      /* CSV: ',' or '\t' (or ';' when sniffed); else 0 */
	struct sheet *sheets; /* in the workbook's tab order; CSV: one */
	size_t nsheets;
	struct arena *arena; /* everything above lives here */
};

/* What to read. Zeroed means everything. */
struct sheet_read_opts {
	const char *sheet; /* xlsx: read only the sheet of this name (others listed, read=false) */
	uint32_t max_rows; /* stop each sheet after its first max_rows rows (0: all), for finding
			    * the header row cheaply */
};

/*
 * Read an xlsx workbook from buf[0..len) (borrowed for the call). `path` names it in findings.
 * Returns the book (free with sheet_book_free), or NULL after a fatal finding: the archive's
 * (archive-*, see include/ziparc.h), a part's XML (xml-syntax, xml-dtd, depth-limit,
 * node-limit at `path:part:line:col`), a missing part, or a shared-string table over
 * lim->max_strings (archive-too-large). Values that cannot be read (a bad cell reference, a
 * shared-string index out of range, a number that is none) are `xlsx-invalid` errors at the
 * cell, and the book is still returned. `opts` may be NULL.
 */
struct sheet_book *sheet_xlsx_read(const char *path, const char *buf, size_t len,
				   const struct sheet_read_opts *opts, struct diag_store *ds,
				   const struct limits *lim);

/*
 * Read a CSV or TSV file from buf[0..len) (RFC 4180: quoted fields, doubled quotes, line breaks
 * inside quotes; CR LF, LF or CR). The encoding is found from the bytes: a UTF-8 BOM or valid
 * UTF-8 → UTF-8; a UTF-16 BOM → UTF-16 (Excel's "Unicode text"); else GB18030 (which includes
 * GBK and GB2312). The delimiter is a tab for a `.tsv` or `.tab` path, else sniffed from the
 * first record (tab, comma or semicolon). Returns the book (one sheet), or NULL after a fatal
 * finding at line:col: encoding-invalid (a byte that decodes in none of them), nul-byte,
 * line-too-long, node-limit (more than lim->max_nodes cells). An unclosed quote or text after
 * a closing quote is a csv-syntax error and the book is still returned. The caller has applied
 * the file-size limit. `opts` may be NULL (only max_rows applies).
 */
struct sheet_book *sheet_csv_read(const char *path, const char *buf, size_t len,
				  const struct sheet_read_opts *opts, struct diag_store *ds,
				  const struct limits *lim);

/* By content: a zip archive (or an Office compound file) → xlsx, else CSV. */
struct sheet_book *sheet_read(const char *path, const char *buf, size_t len,
			      const struct sheet_read_opts *opts, struct diag_store *ds,
			      const struct limits *lim);

void sheet_book_free(struct sheet_book *b);

/* The sheet of that name, or NULL. */
const struct sheet *sheet_by_name(const struct sheet_book *b, const char *name);
/* The row of that 0-based index, or NULL when it holds no cell. Logarithmic. */
const struct sheet_row *sheet_row_at(const struct sheet *s, uint32_t row);
/* The cell at (row, col), 0-based, or NULL when there is none. Logarithmic. */
const struct sheet_cell *sheet_cell_at(const struct sheet *s, uint32_t row, uint32_t col);
/* The merged range that covers (row, col), or NULL. Linear in the sheet's merges. */
const struct sheet_range *sheet_merge_at(const struct sheet *s, uint32_t row, uint32_t col);

/* Append a column's letters (0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD"). */
void sheet_col_name(uint32_t col, struct strbuf *out);
/* Parse an A1 reference ("C17", "$C$17"; letters in either case) into 0-based row and column.
 * Returns the bytes used (the whole reference), or 0 when s does not start with one inside
 * Excel's grid. */
size_t sheet_parse_a1(const char *s, size_t n, uint32_t *row, uint32_t *col);

/*
 * Where cell (row, col) of sheet `s` is, for a finding: `file` gets the name to give diag_add
 * and `loc` its position. xlsx: file "book.xlsx:明细表!C17", loc {0, 0}; CSV: file "data.csv",
 * loc the cell's line:col (a missing cell: the row's line, column 0; a missing row: {0, 0}).
 */
void sheet_where(const struct sheet_book *b, const struct sheet *s, uint32_t row, uint32_t col,
		 struct strbuf *file, struct loc *loc);
/* The same as one string: "book.xlsx:明细表!C17" or "data.csv:17:3", appended to `out`. */
void sheet_pos(const struct sheet_book *b, const struct sheet *s, uint32_t row, uint32_t col,
	       struct strbuf *out);

#endif
