/* SPDX-License-Identifier: MIT */
/* sheet-dump: read a spreadsheet (xlsx, CSV, TSV) with the readers of include/sheet.h and print
 * its grids, one cell a line, for tests/sheet-readers.sh; a test tool, never installed. The
 * importer's --dry-run will take its place.
 *
 * Usage: sheet-dump [--sheet NAME] [--rows N] [--limit NAME=VALUE]... FILE
 * Limits: those of tests/dump.h.
 * stdout: `book …`, then per sheet `sheet …`, its merges and its cells as `POS<TAB>TYPE<TAB>TEXT`
 * (POS as sheet_pos prints it; line breaks in TEXT as \n). stderr: the findings as zhun prints
 * them. Exit status: 0 clean, 1 errors, 3 a fatal finding, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dump.h"
#include "load.h"
#include "sheet.h"
#include "strbuf.h"

static const char *const type_names[] = { "empty", "string", "number", "bool", "date", "error" };

static int usage(void)
{
	fputs("usage: sheet-dump [--sheet NAME] [--rows N] [--limit NAME=VALUE]... FILE\n", stderr);
	return 2;
}

static void dump(const struct sheet_book *b)
{
	printf("book %s encoding=%s delimiter=%s date1904=%d sheets=%zu\n", b->path,
	       b->encoding ? b->encoding : "-",
	       b->delimiter == '\t' ? "tab"
	       : b->delimiter	    ? (char[]){ b->delimiter, 0 }
				    : "-",
	       b->date1904, b->nsheets);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < b->nsheets; i++) {
		const struct sheet *s = &b->sheets[i];
		printf("sheet %s hidden=%d read=%d complete=%d size=%ux%u rows=%zu merges=%zu\n",
		       s->name, s->hidden, s->read, s->complete, s->height, s->width, s->nrows,
		       s->nmerges);
		for (size_t m = 0; m < s->nmerges; m++) {
			strbuf_reset(&sb);
			sheet_col_name(s->merges[m].col0, &sb);
			strbuf_addu(&sb, s->merges[m].row0 + 1ull);
			strbuf_addc(&sb, ':');
			sheet_col_name(s->merges[m].col1, &sb);
			strbuf_addu(&sb, s->merges[m].row1 + 1ull);
			printf("merge %s\n", sb.buf);
		}
		for (size_t r = 0; r < s->nrows; r++) {
			const struct sheet_row *row = &s->rows[r];
			for (size_t c = 0; c < row->n; c++) {
				const struct sheet_cell *cell = &row->cells[c];
				strbuf_reset(&sb);
				sheet_pos(b, s, row->row, cell->col, &sb);
				printf("%s\t%s\t", sb.buf, type_names[cell->type]);
				dump_text(cell->text, cell->len, true);
				putchar('\n');
			}
		}
	}
	strbuf_release(&sb);
}

int main(int argc, char **argv)
{
	struct limits lim;
	limits_default(&lim);
	struct sheet_read_opts opts = { NULL, 0 };
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--sheet") == 0 && i + 1 < argc)
			opts.sheet = argv[++i];
		else if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
			opts.max_rows = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			if (!dump_set_limit(&lim, argv[++i]))
				return usage();
		} else
			return usage();
	}
	if (i + 1 != argc)
		return usage();
	const char *path = argv[i];
	struct strbuf buf = STRBUF_INIT;
	struct diag_store ds;
	diag_store_init(&ds);
	struct sheet_book *b = NULL;
	if (strbuf_read_file(&buf, path) < 0)
		diag_add(&ds, DIAG_IO_ERROR, path, (struct loc){ 0, 0 }, "cannot read the file");
	else
		b = sheet_read(path, buf.buf ? buf.buf : "", buf.len, &opts, &ds, &lim);
	if (b)
		dump(b);
	else if (!diag_has_fatal(&ds))
		diag_add(&ds, DIAG_INTERNAL, path, (struct loc){ 0, 0 },
			 "reader failed without a fatal finding");
	dump_findings(&ds);
	int status = diag_exit_status(&ds, false);
	sheet_book_free(b);
	diag_store_release(&ds);
	strbuf_release(&buf);
	return status;
}
