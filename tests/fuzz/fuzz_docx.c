/* SPDX-License-Identifier: MIT */
/* fuzz_docx: the Word import on any bytes — the zip archive reader, the SAX reader, docx_read
 * (styles, numbering, the body) and load_docx_parse (the mapping onto a standard), then
 * model_build and write_yaml on the tree. An input that starts like a zip archive is read as a
 * .docx as it stands; otherwise it is cut at "\n--8<--\n" into up to three parts —
 * word/document.xml, word/styles.xml, word/numbering.xml — which the harness packs into a
 * stored zip with the package and document relationships, so that mutations reach the XML
 * readers rather than dying in the archive's checksums. An Office compound file is skipped:
 * it would start LibreOffice, which is not under test here.
 *
 * Invariants: the reader and the mapping fail only with a fatal finding and never return after
 * one; paragraph numbers run 1, 2, … in body order with table cells' paragraphs in between;
 * every text and label is valid UTF-8 of its length; table cells lie inside their grid; the
 * tree has a position on every node, none past the last paragraph. */
#include <string.h>

#include "diag.h"
#include "docx.h"
#include "fuzz.h"
#include "fuzz_ooxml.h"
#include "load.h"
#include "model.h"
#include "strbuf.h"
#include "utf8.h"
#include "write.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

static const char rels[] = FUZZ_RELS(FUZZ_REL("rId1", "officeDocument", "word/document.xml"));
static const char doc_rels[] = FUZZ_RELS(FUZZ_REL("rId1", "styles", "styles.xml")
					     FUZZ_REL("rId2", "numbering", "numbering.xml"));

static void check_text(const char *what, const char *s, size_t len)
{
	if (!s || strlen(s) != len || utf8_validate(s, len) != len)
		fuzz_fail("%s: not UTF-8 of its length", what);
}

static uint32_t check_para(const struct docx_para *p, uint32_t expect)
{
	if (p->num != expect)
		fuzz_fail("paragraph numbered %u where %u was due", p->num, expect);
	check_text("paragraph text", p->text, p->len);
	check_text("label", p->label, strlen(p->label));
	if (p->outline < -1 || p->outline > 8)
		fuzz_fail("outline level %d", p->outline);
	return expect + 1;
}

static void check_docx(const struct docx *d)
{
	uint32_t next = 1;
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct docx_block *b = &d->blocks[i];
		if (b->kind == DOCX_PARA) {
			next = check_para(&b->para, next);
			continue;
		}
		const struct docx_table *t = &b->table;
		for (size_t c = 0; c < t->ncells; c++) {
			const struct docx_cell *cell = &t->cells[c];
			if (cell->rowspan < 1 || cell->colspan < 1 ||
			    cell->row + cell->rowspan > t->nrows ||
			    cell->col + cell->colspan > t->ncols)
				fuzz_fail("cell %u,%u spans outside its %ux%u grid", cell->row,
					  cell->col, t->nrows, t->ncols);
			/* the paragraphs of a merged-away cell join the cell above, out of order */
			for (size_t k = 0; k < cell->nparas; k++)
				check_text("cell paragraph", cell->paras[k].text,
					   cell->paras[k].len);
		}
		next = t->num > next ? t->num : next;
	}
	if (next > d->nparas + 1)
		fuzz_fail("%u paragraphs counted, numbers reach %u", d->nparas, next - 1);
}

static void check_tree(const struct node *n, uint32_t maxline)
{
	if (n->loc.line > maxline)
		fuzz_fail("a node at line %u, past the last paragraph %u", n->loc.line, maxline);
	if (n->kind == NODE_SCALAR)
		check_text("scalar", n->u.str, n->n);
	else if (n->kind == NODE_MAP)
		for (size_t i = 0; i < n->n; i++)
			check_tree(n->u.pairs[i].value, maxline);
	else
		for (size_t i = 0; i < n->n; i++)
			check_tree(n->u.items[i], maxline);
}

static void read_one(const char *buf, size_t len, const struct limits *lim)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d = docx_read("fuzz.docx", buf, len, &ds, lim);
	if (!d && !diag_has_fatal(&ds))
		fuzz_fail("docx_read failed without a fatal finding");
	if (d && diag_has_fatal(&ds))
		fuzz_fail("docx_read returned a document after a fatal finding");
	uint32_t nparas = d ? d->nparas : 0;
	if (d)
		check_docx(d);
	docx_free(d);
	diag_store_release(&ds);

	diag_store_init(&ds);
	struct doc *doc = doc_new("fuzz.docx", SYNTAX_YAML);
	bool ok = load_docx_parse(doc, buf, len, &ds, lim);
	if (!ok && !diag_has_fatal(&ds))
		fuzz_fail("load_docx_parse failed without a fatal finding");
	if (ok) {
		if (diag_has_fatal(&ds))
			fuzz_fail("load_docx_parse succeeded after a fatal finding");
		check_tree(doc->root, nparas ? nparas : 1);
		model_build(doc, &ds);
		struct strbuf out = STRBUF_INIT;
		write_yaml(doc, &out);
		strbuf_release(&out);
	}
	doc_free(doc);
	diag_store_finish(&ds);
	diag_print(&ds, DIAG_PRINTER_TEXT, fuzz_null(), &(struct diag_print_opts){ .quiet = true });
	diag_store_release(&ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 200000; /* bounds the time of one input; the limits have their own tests */
	const char *in = (const char *)data;
	if (size >= 2 && memcmp(in, "\xD0\xCF", 2) == 0)
		return 0;
	if (size >= 2 && memcmp(in, "PK", 2) == 0) {
		read_one(in, size, &lim);
		return 0;
	}
	static const char *const names[] = { "word/document.xml", "word/styles.xml",
					     "word/numbering.xml" };
	const struct zpack_part fixed[] = { { "_rels/.rels", rels, sizeof rels - 1 },
					    { "word/_rels/document.xml.rels", doc_rels,
					      sizeof doc_rels - 1 } };
	struct strbuf zip = STRBUF_INIT;
	fuzz_ooxml_pack(in, size, fixed, 2, names, 3, &zip);
	read_one(zip.buf, zip.len, &lim);
	strbuf_release(&zip);
	return 0;
}
