/* SPDX-License-Identifier: MIT */
/* fuzz_xlsx: the spreadsheet readers on any bytes — the zip archive reader (ziparc, libzip),
 * the OOXML parts through the SAX reader and sheet_xlsx, and sheet_csv. An input that starts
 * like a zip archive (or an Office compound file) is read as an xlsx file as it stands;
 * otherwise it is cut at "\n--8<--\n" into up to four parts — workbook.xml, sheet1.xml,
 * sharedStrings.xml, styles.xml — which the harness packs into a stored (uncompressed) zip
 * with the package and workbook relationships, so that mutations reach the XML readers rather
 * than dying in the archive's checksums. Every input is also read as CSV.
 *
 * Invariants: a reader returns NULL only with a fatal finding; a book's rows are in order with
 * their cells in column order, inside height × width and Excel's grid; every text is valid
 * UTF-8 of its stated length; merged ranges are ordered.
 *
 * Then the import (import_sheet_build, docs/import.md), grid → tree, on every book read: it
 * fails only with a fatal finding; a tree it builds passes the self-check (model_check), goes
 * through model_build, and its YAML (write_yaml) loads back as the same tree. */
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "fuzz_ooxml.h"
#include "import.h"
#include "load.h"
#include "model.h"
#include "model_check.h"
#include "write.h"
#include "sheet.h"
#include "strbuf.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static const char rels[] = FUZZ_RELS(FUZZ_REL("rId1", "officeDocument", "xl/workbook.xml"));
static const char wb_rels[] = FUZZ_RELS(FUZZ_REL("rId1", "worksheet", "worksheets/sheet1.xml")
					    FUZZ_REL("rId2", "sharedStrings", "sharedStrings.xml")
						FUZZ_REL("rId3", "styles", "styles.xml"));

static void check_book(const struct sheet_book *b)
{
	for (size_t i = 0; i < b->nsheets; i++) {
		const struct sheet *s = &b->sheets[i];
		if (!s->name || utf8_validate(s->name, strlen(s->name)) != strlen(s->name))
			fuzz_fail("sheet %zu has no name or one that is not UTF-8", i);
		for (size_t r = 0; r < s->nrows; r++) {
			const struct sheet_row *row = &s->rows[r];
			if (r && row->row <= s->rows[r - 1].row)
				fuzz_fail("rows out of order: %u after %u", row->row,
					  s->rows[r - 1].row);
			if (row->row >= s->height || row->row >= SHEET_MAX_ROWS || row->n == 0)
				fuzz_fail("row %u outside the sheet's %u rows, or empty", row->row,
					  s->height);
			for (size_t c = 0; c < row->n; c++) {
				const struct sheet_cell *cell = &row->cells[c];
				if (c && cell->col <= row->cells[c - 1].col)
					fuzz_fail("cells of row %u out of order", row->row);
				if (cell->col >= s->width || cell->col >= SHEET_MAX_COLS)
					fuzz_fail("column %u outside the sheet's %u", cell->col,
						  s->width);
				if (!cell->text || strlen(cell->text) != cell->len ||
				    utf8_validate(cell->text, cell->len) != cell->len)
					fuzz_fail("cell %u,%u: text not UTF-8 of its length",
						  row->row, cell->col);
				if (sheet_cell_at(s, row->row, cell->col) != cell)
					fuzz_fail("sheet_cell_at does not find cell %u,%u",
						  row->row, cell->col);
				struct strbuf pos = STRBUF_INIT;
				sheet_pos(b, s, row->row, cell->col, &pos);
				strbuf_release(&pos);
			}
		}
		for (size_t m = 0; m < s->nmerges; m++)
			if (s->merges[m].row1 < s->merges[m].row0 ||
			    s->merges[m].col1 < s->merges[m].col0)
				fuzz_fail("merged range %zu is reversed", m);
	}
}

/* The import of book `b`: grid → tree → self-check → model → YAML → the same tree. */
static void import_one(const struct sheet_book *b, size_t len, struct diag_store *ds,
		       const struct limits *lim)
{
	bool fatal_before = diag_has_fatal(ds);
	struct doc *d = doc_new(b->path, b->csv ? SYNTAX_CSV : SYNTAX_XLSX);
	d->size = len; /* as load_buffer sets it: the bound of a CSV file's positions */
	if (!import_sheet_build(d, b, NULL, ds, lim)) {
		if (!diag_has_fatal(ds) || fatal_before)
			fuzz_fail("the import failed without a fatal finding of its own");
		doc_free(d);
		return;
	}
	if (!d->root || !d->body || (d->kind != DOC_SYSTEM && d->kind != DOC_REGISTRY))
		fuzz_fail("the import succeeded without a system or registry tree");
	struct strbuf why = STRBUF_INIT, yaml = STRBUF_INIT;
	if (!model_check(d, NULL, 0, &why))
		fuzz_fail("the imported tree fails the self-check: %s", why.buf);
	model_build(d, ds);
	write_yaml(d, &yaml);
	struct diag_store back;
	diag_store_init(&back);
	struct doc *y = load_buffer("fuzz.yaml", yaml.buf, yaml.len, SYNTAX_YAML, &back, lim);
	if (!y)
		fuzz_fail("the YAML of an imported tree does not load:\n%s", yaml.buf);
	if (!node_equal(d->root, y->root))
		fuzz_fail("the YAML of an imported tree loads as another tree:\n%s", yaml.buf);
	doc_free(y);
	diag_store_release(&back);
	strbuf_release(&why);
	strbuf_release(&yaml);
	doc_free(d);
}

static void read_one(bool csv, const char *buf, size_t len, const struct limits *lim)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct sheet_book *b = csv ? sheet_csv_read("fuzz.csv", buf, len, NULL, &ds, lim)
				   : sheet_read("fuzz.xlsx", buf, len, NULL, &ds, lim);
	if (!b && !diag_has_fatal(&ds))
		fuzz_fail("a reader failed without a fatal finding");
	if (b && diag_has_fatal(&ds))
		fuzz_fail("a reader returned a book after a fatal finding");
	if (b) {
		check_book(b);
		import_one(b, len, &ds, lim);
	}
	diag_store_finish(&ds);
	diag_print(&ds, DIAG_PRINTER_TEXT, fuzz_null(), &(struct diag_print_opts){ .quiet = true });
	sheet_book_free(b);
	diag_store_release(&ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 200000; /* bounds the time of one input; the limits have their own tests */
	const char *in = (const char *)data;
	if (size >= 4 && (memcmp(in, "PK", 2) == 0 || memcmp(in, "\xD0\xCF", 2) == 0)) {
		read_one(false, in, size, &lim);
	} else {
		static const char *const names[] = { "xl/workbook.xml", "xl/worksheets/sheet1.xml",
						     "xl/sharedStrings.xml", "xl/styles.xml" };
		const struct zpack_part fixed[] = { { "_rels/.rels", rels, sizeof rels - 1 },
						    { "xl/_rels/workbook.xml.rels", wb_rels,
						      sizeof wb_rels - 1 } };
		struct strbuf zip = STRBUF_INIT;
		fuzz_ooxml_pack(in, size, fixed, 2, names, 4, &zip);
		read_one(false, zip.buf, zip.len, &lim);
		strbuf_release(&zip);
	}
	read_one(true, in, size, &lim);
	return 0;
}
