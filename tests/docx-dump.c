/* SPDX-License-Identifier: MIT */
/* docx-dump: read a Word document with the reader of include/docx.h and print its paragraph
 * and table stream (--stream), or map it onto a standard (load_docx_parse) and print the YAML
 * (--yaml), for tests/docx-import.sh and the hostile cases; a test tool, never installed.
 *
 * Usage: docx-dump --stream|--yaml [--limit NAME=VALUE]... FILE
 * Limits: those of tests/dump.h.
 * --stream prints one line a paragraph: `NUM<TAB>STYLE_NAME<TAB>OUTLINE<TAB>LABEL<TAB>TEXT`
 * (flags D drawing, M math, F footnotes after the text), and `table ROWSxCOLS @NUM` followed by
 * `  cell R,C RSxCS<TAB>TEXT` lines. stderr: the findings as zhun prints them. Exit status: 0
 * clean, 1 errors or warnings, 3 a fatal finding, 2 usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "docx.h"
#include "dump.h"
#include "load.h"
#include "model_check.h"
#include "stdno.h"
#include "strbuf.h"
#include "write.h"

static int usage(void)
{
	fputs("usage: docx-dump --stream|--yaml [--limit NAME=VALUE]... FILE\n", stderr);
	return 2;
}

static void put_para(const struct docx_para *p)
{
	printf("%u\t%s\t%d\t%s\t", p->num, p->style_name, p->outline, p->label);
	dump_text(p->text, p->len, false);
	if (p->drawing)
		fputs("\tD", stdout);
	if (p->math)
		fputs("\tM", stdout);
	if (p->footnotes)
		printf("\tF%zu", p->footnotes);
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct limits lim;
	limits_default(&lim);
	int mode = 0;
	const char *file = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--stream") == 0)
			mode = 1;
		else if (strcmp(argv[i], "--yaml") == 0)
			mode = 2;
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			if (!dump_set_limit(&lim, argv[++i]))
				return usage();
		} else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else
			return usage();
	}
	if (!mode || !file)
		return usage();
	/* the sector codes of standard numbers (LB/T …), as zhun loads them */
	const char *datadir = getenv("ZHUN_DATADIR");
	char err[256];
	if (datadir && stdno_tables_load(datadir, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 3;
	}
	struct strbuf buf = STRBUF_INIT;
	if (strbuf_read_file(&buf, file) != 0) {
		perror(file);
		return 3;
	}
	struct diag_store ds;
	diag_store_init(&ds);
	if (mode == 1) {
		struct docx *d = docx_read(file, buf.buf, buf.len, &ds, &lim);
		for (size_t i = 0; d && i < d->nblocks; i++) {
			const struct docx_block *b = &d->blocks[i];
			if (b->kind == DOCX_PARA) {
				put_para(&b->para);
				continue;
			}
			const struct docx_table *t = &b->table;
			printf("table %ux%u @%u nested %zu\n", t->nrows, t->ncols, t->num,
			       t->nested);
			for (size_t c = 0; c < t->ncells; c++) {
				const struct docx_cell *cell = &t->cells[c];
				printf("  cell %u,%u %ux%u\n", cell->row, cell->col, cell->rowspan,
				       cell->colspan);
				for (size_t k = 0; k < cell->nparas; k++) {
					fputs("    ", stdout);
					put_para(&cell->paras[k]);
				}
			}
		}
		docx_free(d);
	} else {
		struct doc *d = doc_new(file, SYNTAX_YAML);
		d->size = buf.len;
		/* the self-check the tests run after every load (positions bounded by the size) */
		if (load_docx_parse(d, buf.buf, buf.len, &ds, &lim) &&
		    model_check_report(d, NULL, buf.len, &ds)) {
			struct strbuf out = STRBUF_INIT;
			write_yaml(d, &out);
			fwrite(out.buf, 1, out.len, stdout);
			strbuf_release(&out);
		}
		doc_free(d);
	}
	dump_findings(&ds);
	int st = diag_has_fatal(&ds) ? 3 : diag_store_size(&ds) ? 1 : 0;
	diag_store_release(&ds);
	strbuf_release(&buf);
	stdno_tables_release();
	return st;
}
