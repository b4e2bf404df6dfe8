/* SPDX-License-Identifier: MIT */
/* docx: a Word document (Office Open XML, WordprocessingML) read as the stream of paragraphs
 * and tables a reader sees — each paragraph's displayed text, its style, outline level and
 * automatic number resolved from numbering.xml, each table a grid of cells with their merges —
 * for the importer (src/load_docx.c), which maps the stream onto a standard. Every part is
 * streamed from the archive (src/ziparc.c) through the SAX reader (src/sax.c). */
#ifndef ZHUN_DOCX_H
#define ZHUN_DOCX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct diag_store;
struct limits;
struct strbuf;

/*
 * One paragraph. Its position in findings is `file.docx:N:1` with N = `num`: paragraphs are
 * counted from 1 in the order of the body as Word stores it, every w:p counted once — body
 * paragraphs, and the paragraphs of table cells where the table stands, row by row and cell by
 * cell (a cell has at least one). Paragraphs inside text boxes, footnotes, headers and footers
 * are not counted (they are not read).
 */
struct docx_para {
	uint32_t num;
	/* The text as Word shows it, without the automatic number: the runs joined, w:tab as a
	 * tab, w:br and w:cr as "\n", w:sym as its character, a field's result (never its code),
	 * inserted revisions kept and deleted ones left out, an OMML formula as linear text
	 * ("(a+b)/(2)", "x^(2)", "√(x)"). NUL-terminated, in the document's arena. */
	const char *text;
	size_t len;
	const char *style_id;	/* "" when the paragraph has no style */
	const char *style_name; /* the style's name (w:name), "" when none or unknown */
	/* Outline level 0..8 from the paragraph, its style or a style it is based on, or from a
	 * built-in heading name ("heading 3", "标题 3" → 2); -1 when none. */
	int outline;
	/* The automatic number as displayed ("5.2", "a）", "附录A"), "" when none. */
	const char *label;
	int num_level;	  /* the numbering level (ilvl) of `label`, -1 when none */
	bool drawing;	  /* holds a picture, a drawing or an embedded object */
	bool math;	  /* holds an OMML formula */
	size_t footnotes; /* footnote and endnote references (their text is not read) */
	bool page_break;  /* a page break before or inside it */
	/* Bytes at the end of `text` set in superscript runs (w:vertAlign="superscript" on the
	 * run): a table cell's footnote marks. 0 when the text does not end so. */
	size_t sup_tail;
};

/* A cell of a table grid: where it starts and how far it spans (gridSpan, vMerge). */
struct docx_cell {
	uint32_t row, col;	   /* 0-based */
	uint32_t rowspan, colspan; /* ≥ 1 */
	struct docx_para *paras;   /* ≥ 1 paragraph; a nested table's paragraphs are joined in */
	size_t nparas;
};

struct docx_table {
	uint32_t nrows, ncols;
	struct docx_cell *cells; /* row by row, left to right; merged-over positions hold none */
	size_t ncells;
	size_t nested; /* tables found inside its cells (flattened into them) */
	uint32_t num;  /* the paragraph number of its first cell's first paragraph */
};

enum docx_block_kind { DOCX_PARA = 1, DOCX_TABLE };

struct docx_block {
	enum docx_block_kind kind;
	struct docx_para para;	 /* DOCX_PARA */
	struct docx_table table; /* DOCX_TABLE */
};

struct docx {
	const char *path;	   /* as given (interned in the diagnostics store) */
	struct docx_block *blocks; /* in body order */
	size_t nblocks;
	uint32_t nparas;     /* paragraphs counted (the last `num`) */
	struct arena *arena; /* everything above lives here */
};

/*
 * Read a .docx from buf[0..len) (borrowed for the call). `path` names it in findings.
 * Returns the document (free with docx_free), or NULL after a fatal finding: the archive's
 * (archive-*, include/ziparc.h), a part's XML (xml-syntax, xml-dtd, depth-limit, node-limit at
 * `path:part:line:col` — a bomb of nested elements or tables stops at lim->max_depth), a
 * missing main part, or a paragraph longer than lim->max_line_length (line-too-long at the
 * paragraph). What cannot be read but leaves the document usable — a numbering that
 * references a level or list that does not exist, a style chain that loops, a counter past
 * 2^31 − 1 — is an `import-docx-invalid` error at the paragraph or part, and the document is
 * still returned.
 */
struct docx *docx_read(const char *path, const char *buf, size_t len, struct diag_store *ds,
		       const struct limits *lim);
void docx_free(struct docx *d);

/* By content: a zip archive that names a word/ part, or an OLE2 compound file holding a Word
 * or WPS Writer document (include/office.h). For the loader table (src/load.c). */
bool docx_sniff(const char *buf, size_t len);

/* Format counter `v` in a numFmt of WordprocessingML ("decimal", "lowerLetter",
 * "upperLetter", "lowerRoman", "upperRoman", "chineseCounting", "chineseCountingThousand",
 * "ideographTraditional", "decimalEnclosedCircle", "decimalFullWidth", "decimalZero", "none";
 * anything else as decimal), appending to `out`. */
void docx_format_number(const char *fmt, int64_t v, struct strbuf *out);

#endif
