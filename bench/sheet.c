/* SPDX-License-Identifier: MIT */
/* bench/sheet: the xlsx reader and the whole import against their floor. The floor is what any
 * reader of the workbook must do with the same libraries: inflate the sheet and shared-strings
 * parts with libzip and run libxml2's SAX2 push parser over them with callbacks that do
 * nothing. The reader is sheet_xlsx_read() producing the grid (every part, shared strings,
 * styles, cells, dates); the import is what `zhun import` does with the file in memory: the
 * loader table's xlsx format (reader, then import_sheet_build: header, rows, numbers, dates),
 * model_build, and the YAML written into memory. All run in this process on the file read once
 * into memory; each is timed as the best of RUNS runs (wall clock, CLOCK_MONOTONIC).
 *
 * Usage: bench/sheet [-r RUNS] [-m] BOOK.xlsx
 * Prints one line: `floor MS reader MS import MS ratio R rows N cells N findings N` (the import's
 * findings: a finding per row would be timed too); with -m, the markdown rows of
 * docs/performance.md instead. Exit status 1 when the reader reports a finding or the
 * import an error. */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "paths.h"
#include "sheet.h"
#include "strbuf.h"
#include "write.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nop_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		      const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
		      int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri, (void)nb_namespaces;
	(void)namespaces, (void)nb_attributes, (void)nb_defaulted, (void)attributes;
}

static void nop_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri;
}

static void nop_text(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx, (void)ch, (void)len;
}

/* Inflate one member and SAX-parse it, doing nothing. Returns the bytes parsed, or 0. */
static size_t floor_part(zip_t *za, const char *name)
{
	zip_int64_t i = zip_name_locate(za, name, 0);
	if (i < 0)
		return 0;
	zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
	if (!zf)
		return 0;
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = nop_start;
	sax.endElementNs = nop_end;
	sax.characters = nop_text;
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, name);
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	static char buf[65536];
	size_t total = 0;
	zip_int64_t r;
	while ((r = zip_fread(zf, buf, sizeof buf)) > 0) {
		xmlParseChunk(ctxt, buf, (int)r, 0);
		total += (size_t)r;
	}
	xmlParseChunk(ctxt, NULL, 0, 1);
	int ok = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	zip_fclose(zf);
	return ok && r == 0 ? total : 0;
}

__attribute__((noinline)) static size_t run_floor(const char *buf, size_t len)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(buf, len, 0, &err);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	zip_error_fini(&err);
	if (!za) {
		fputs("bench/sheet: libzip cannot open the workbook\n", stderr);
		exit(2);
	}
	size_t n =
	    floor_part(za, "xl/sharedStrings.xml") + floor_part(za, "xl/worksheets/sheet1.xml");
	zip_discard(za);
	return n;
}

static size_t cells_of(const struct sheet_book *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->nsheets; i++)
		for (size_t r = 0; r < b->sheets[i].nrows; r++)
			n += b->sheets[i].rows[r].n;
	return n;
}

int main(int argc, char **argv)
{
	int runs = 7, opt;
	bool markdown = false;
	while ((opt = getopt(argc, argv, "r:m")) != -1) {
		if (opt == 'r')
			runs = atoi(optarg);
		else if (opt == 'm')
			markdown = true;
		else
			return 2;
	}
	if (optind + 1 != argc || runs < 1) {
		fputs("usage: bench/sheet [-r RUNS] [-m] BOOK.xlsx\n", stderr);
		return 2;
	}
	const char *path = argv[optind];
	struct strbuf file = STRBUF_INIT;
	if (strbuf_read_file(&file, path) < 0) {
		perror(path);
		return 2;
	}
	struct limits lim;
	limits_default(&lim);
	paths_load_tables(); /* the sector and province codes the import's numbers need */
	xmlInitParser();
	double best_floor = 1e9, best_reader = 1e9, best_import = 1e9;
	size_t parsed = 0, rows = 0, cells = 0, findings = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = now();
		parsed = run_floor(file.buf, file.len);
		double t1 = now();
		struct diag_store ds;
		diag_store_init(&ds);
		struct sheet_book *b = sheet_xlsx_read(path, file.buf, file.len, NULL, &ds, &lim);
		double t2 = now();
		if (!b || diag_store_size(&ds)) {
			diag_store_finish(&ds);
			diag_print(&ds, DIAG_PRINTER_TEXT, stderr,
				   &(struct diag_print_opts){ .quiet = true });
			return 1;
		}
		rows = b->sheets[0].nrows;
		cells = cells_of(b);
		sheet_book_free(b);
		diag_store_release(&ds);
		/* the import: load_buffer through the table, the model, the YAML */
		diag_store_init(&ds);
		double t3 = now();
		struct doc *d = load_buffer(path, file.buf, file.len, SYNTAX_XLSX, &ds, &lim);
		struct strbuf yaml = STRBUF_INIT;
		if (d && model_build(d, &ds))
			write_yaml(d, &yaml);
		double t4 = now();
		diag_store_finish(&ds);
		if (!d || diag_failed(&ds, false)) {
			diag_print(&ds, DIAG_PRINTER_TEXT, stderr,
				   &(struct diag_print_opts){ .quiet = true });
			return 1;
		}
		findings = diag_store_size(&ds);
		strbuf_release(&yaml);
		doc_free(d);
		diag_store_release(&ds);
		if (t4 - t3 < best_import)
			best_import = t4 - t3;
		if (t1 - t0 < best_floor)
			best_floor = t1 - t0;
		if (t2 - t1 < best_reader)
			best_reader = t2 - t1;
	}
	if (!parsed) {
		fputs("bench/sheet: the floor could not parse the sheet\n", stderr);
		return 2;
	}
	double ratio = best_reader / best_floor, iratio = best_import / best_floor;
	if (markdown) {
		printf(
		    "| xlsx reader, %zu rows, %zu cells (%.1f MiB of sheet and shared-string XML, "
		    "%.0f KiB xlsx) | %.1f ms | %.1f ms | %.2f× | ≤ 3× the floor for the whole "
		    "import: %s |\n",
		    rows, cells, (double)parsed / (1 << 20), (double)file.len / 1024,
		    best_floor * 1000, best_reader * 1000, ratio,
		    ratio <= 3 ? "holds" : "**missed**");
		printf("| import (reader, mapping, model, YAML), the same workbook | %.1f ms | "
		       "%.1f ms "
		       "| %.2f× | ≤ 3×: %s |\n",
		       best_floor * 1000, best_import * 1000, iratio,
		       iratio <= 3 ? "holds" : "**missed**");
	} else {
		printf("floor %.1f ms reader %.1f ms import %.1f ms ratio %.2f import-ratio %.2f "
		       "rows %zu cells %zu findings %zu\n",
		       best_floor * 1000, best_reader * 1000, best_import * 1000, ratio, iratio,
		       rows, cells, findings);
	}
	strbuf_release(&file);
	return 0;
}
