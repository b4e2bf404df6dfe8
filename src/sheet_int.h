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

#endif
