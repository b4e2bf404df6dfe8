/* SPDX-License-Identifier: MIT */
/* sheet_int: what the xlsx and CSV readers share inside the sheet module — a book in its
 * arena, and a builder that collects one sheet's cells in any order and lays them out as the
 * rows of include/sheet.h. */
#ifndef ZHUN_SHEET_INT_H
#define ZHUN_SHEET_INT_H

#include "sheet.h"

/* A cell on its way into a sheet. */
struct sheet_bcell {
	uint32_t row;
	size_t seq; /* arrival, the last sort key */
	struct sheet_cell c;
};

struct sheet_builder {
	struct sheet_book *book;
	struct sheet_bcell *cells;
	size_t n, cap;
	bool sorted; /* cells arrived in (row, col) order, as every spreadsheet program writes */
	struct sheet_range *merges;
	size_t nmerges, capmerges;
};

/* A new book for `path` (interned in ds) with its arena; no sheets yet. */
struct sheet_book *sheet_book_new(const char *path, struct diag_store *ds);

void sheet_builder_init(struct sheet_builder *sb, struct sheet_book *book);
void sheet_builder_release(struct sheet_builder *sb);
/* Add a cell; its text is copied into the book's arena. Returns it for the caller to finish
 * (type, num, loc). */
struct sheet_cell *sheet_builder_add(struct sheet_builder *sb, uint32_t row, uint32_t col,
				     const char *text, size_t len);
/* The same for a text that is in the book's arena already and stays unchanged: not copied. */
struct sheet_cell *sheet_builder_add_ref(struct sheet_builder *sb, uint32_t row, uint32_t col,
					 const char *text, size_t len);
void sheet_builder_merge(struct sheet_builder *sb, struct sheet_range r);
/* Lay the cells out into `s` (rows in order, cells in column order; of two cells at one place
 * the first stays) and empty the builder for the next sheet. */
void sheet_builder_finish(struct sheet_builder *sb, struct sheet *s);

/* sheet_xlsx.c: the text of a number cell, what printf's "%.15g" writes for v (for -0: "0"),
 * into `out`; returns its length. */
enum { SHEET_NUM_TEXT = 32 };
size_t sheet_number_text(double v, char out[SHEET_NUM_TEXT]);

/* sheet_xlsx.c: an Excel serial in the 1900 or (d1904) the 1904 system as ISO 8601 text in
 * `out`: the date ("2021-05-01"), with the time after a T when `time` and it is not midnight,
 * or only the time ("10:30:00") of a serial below 1 when not `date`. False, and `out` untouched,
 * when v is no date: negative, past 9999-12-31 or not finite. */
bool sheet_serial_text(double v, bool d1904, bool date, bool time, char out[SHEET_NUM_TEXT]);

#endif
