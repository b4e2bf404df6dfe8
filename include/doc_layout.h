/* SPDX-License-Identifier: MIT */
/* doc_layout: the computed layout of a standard per GB/T 1.1—2020 — its parts in print order
 * (cover, 目次, 前言, 引言, body, one part per annex, 参考文献), each a sequence of typed blocks
 * with every generated number and label already made (注1/注2, 示例1, 表1 and 图1 captions,
 * formula numbers, list markers, the a）b）c） change list, [1] bibliography labels, the 目次
 * entries), and text cut into runs marked for the renderers (a standard number is one unbreakable
 * run). Computed once from the typed model; the renderers in doc_renderers[] (one file each,
 * render_doc_<fmt>.c) draw it and never recompute a number or a label, so every format agrees by
 * construction — the same split as include/table.h for the 体系表.
 *
 * How to add an output format:
 *   1. write src/render_doc_<fmt>.c with `int render_doc_<fmt>(const struct doc_layout *l,
 *      const struct doc_render_opts *o, struct strbuf *out)`;
 *   2. declare it at the end of this header and add one record to doc_renderers[] in
 *      doc_layout.c;
 *   3. add the file to libzhun_sources in meson.build, golden or script tests, and a section in
 *      docs/render.md. cmd_render.c validates --format against the registry. */
#ifndef ZHUN_DOC_LAYOUT_H
#define ZHUN_DOC_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct limits;

struct strbuf;
struct arena;
struct diag_store;

/* A piece of text with what the renderers must do with it. */
enum doc_run_mark {
	DOC_RUN_PLAIN = 0,
	DOC_RUN_NOBREAK, /* a standard number: never broken across lines */
};

struct doc_run {
	const char *s; /* not NUL-terminated: len bytes */
	size_t len;
	enum doc_run_mark mark;
};

/* Text as runs; the concatenation of the runs is the source text exactly. */
struct doc_text {
	const char *s; /* the whole text, NUL-terminated */
	struct doc_run *runs;
	size_t nruns;
};

enum doc_block_kind {
	DOC_PART_TITLE = 1, /* 目次, 前言, 引言, 参考文献: centred heading of a part */
	DOC_DOC_TITLE,	    /* the standard's title heading the body's first page */
	DOC_HEADING,	    /* chapter or 条 with a title: num + title, level 1..5 */
	DOC_ANNEX_HEAD,	    /* 附录A / （规范性） / title */
	DOC_PARA,	    /* a paragraph; `lead` is the number of an untitled 条 it opens */
	DOC_LIST_ITEM,	    /* marker + text, depth 0.. */
	DOC_LIST_PARA, /* a further paragraph of the list item before it, at its text's indent */
	DOC_NOTE,      /* label (注：/注1：) + text */
	DOC_EXAMPLE,   /* label (示例：/示例1：) + text */
	DOC_TABLE,
	DOC_FIGURE,
	DOC_FORMULA,
	DOC_TERM,      /* a 术语 entry */
	DOC_REF,       /* an entry of 规范性引用文件 (label NULL) or 参考文献 ([1]) */
	DOC_TOC_ENTRY, /* a line of 目次 */
	DOC_END_LINE,  /* the closing line after the last part */
};

/* A cell on a table's grid. A cell as written covers colspan × rowspan grid slots; the slot at
 * its top left holds it (DOC_CELL_TEXT), the others say what covers them, so that a renderer
 * drawing merged cells (HTML colspan/rowspan, Word gridSpan/vMerge) needs no arithmetic. */
enum doc_cell_kind {
	DOC_CELL_TEXT = 0, /* a cell as written (or an empty cell padding a short row) */
	DOC_CELL_LEFT,	   /* covered by the colspan of a cell to its left in the same row */
	DOC_CELL_ABOVE,	   /* the first slot of a row covered by the rowspan of a cell above */
};

struct doc_cell {
	enum doc_cell_kind kind;
	size_t colspan;	      /* TEXT, ABOVE: grid columns covered (the cell above's, for ABOVE) */
	size_t rowspan;	      /* TEXT: grid rows covered, within its head or body */
	bool last_row;	      /* ABOVE: the last row the cell above covers */
	struct doc_text text; /* TEXT */
	const char *marks;    /* TEXT: the footnote letters it cites, "a" or "a,b", printed
			       * superscript after the text; NULL for none */
};

struct doc_table {
	const char *caption;	/* "表1　讲解时长", a continued table "表1（续）" */
	bool continued;		/* 表N（续）: the rest of the table before it */
	size_t ncols;		/* the grid's width: every cell as written has its place */
	struct doc_cell **head; /* nhead rows of ncols slots */
	size_t nhead;
	struct doc_cell **rows; /* nrows rows of ncols slots */
	size_t nrows;
	const char **note_labels; /* 注：/注1：… one per note */
	struct doc_text *notes;
	size_t nnotes;
	/* lettered footnotes (GB/T 1.1—2020 9.12): under the notes, inside the table's frame, the
	 * letter set superscript before the text */
	const char **footnote_marks;
	struct doc_text *footnotes;
	size_t nfootnotes;
};

struct doc_term {
	const char *num, *term, *en; /* en NULL when absent */
	struct doc_text definition;
	const char *source;	  /* "［来源：…］" or NULL */
	const char **note_labels; /* 注1到条目：… */
	struct doc_text *notes;
	size_t nnotes;
};

struct doc_block {
	enum doc_block_kind kind;
	int level;	 /* HEADING 1..5; LIST_ITEM, LIST_PARA depth 0..; TOC_ENTRY 1..3 */
	const char *num; /* HEADING/TOC_ENTRY number, FORMULA "（1）", REF label "[1]" or NULL */
	const char *label; /* NOTE/EXAMPLE label, LIST_ITEM marker, PARA lead, ANNEX_HEAD "附录A",
			    * PART_TITLE the name the 目次 lists (前言 for 前　　言) */
	const char *title; /* PART_TITLE, DOC_TITLE, HEADING, ANNEX_HEAD title, FIGURE caption,
			    * TOC_ENTRY title, REF document title as printed (may be NULL): a
			    * document that is not a standard 《title》 with its 文号 （…） */
	const char
	    *kind_word; /* ANNEX_HEAD （规范性）/（资料性）, NULL when the annex has no kind */
	const char
	    *anchor; /* HEADING, ANNEX_HEAD, PART_TITLE: target id; TOC_ENTRY: the id it names */
	struct doc_text text;	 /* PARA, LIST_ITEM, LIST_PARA, NOTE, EXAMPLE, FORMULA, REF (its
				  * number; empty for a document cited by title) */
	const char *src;	 /* FIGURE image path as written */
	struct doc_table *table; /* TABLE */
	struct doc_term *term;	 /* TERM */
	int toc_part;		 /* TOC_ENTRY: index of the part the target lies in */
	struct loc loc;		 /* where the block's source is (FIGURE: for its findings) */
};

enum doc_part_kind {
	DOC_COVER = 1,
	DOC_TOC,
	DOC_FOREWORD,
	DOC_INTRO,
	DOC_BODY,
	DOC_ANNEX,
	DOC_BIBLIO,
};

/* Page numbering of a part: none (the cover), Roman (front matter) or Arabic (from the body on,
 * starting at 1 with the body). */
enum doc_page_style { DOC_PAGES_NONE = 0, DOC_PAGES_ROMAN, DOC_PAGES_ARABIC };

struct doc_part {
	enum doc_part_kind kind;
	enum doc_page_style pages;
	bool new_page; /* starts on a new page (all but the body's continuation parts) */
	struct doc_block *blocks;
	size_t nblocks;
};

/* The cover (GB/T 1.1—2020, 封面, and the published GB/T covers): every line already worded. */
struct doc_cover {
	const char *ics, *ccs; /* "ICS 03.080", "CCS A12", or NULL */
	const char *mark;      /* the big mark top right: "GB", "WH", "DB21", "T/CAS", "Q/XXBWG" */
	const char *kind; /* "中华人民共和国国家标准", "某博物馆企业标准", … */
	const char *number;   /* "Q/XXBWG 301-003—2021", or NULL */
	const char *replaces; /* "代替Q/XXBWG 301-003—2018", or NULL */
	const char *title, *title_en;
	const char *adoption;  /* "（ISO 9999:2020，MOD）", or NULL */
	const char *published; /* "2021-04-01发布", or "XXXX-XX-XX发布" when not given */
	const char *effective; /* "2021-05-01实施" */
	const char *issuer;    /* "某博物馆" or NULL; the 发布 word follows it */
};

struct doc_layout {
	const struct standard *std;
	const char *number; /* the running header: the standard number, or NULL */
	struct doc_cover cover;
	struct doc_part *parts; /* in print order; parts[0] is the cover */
	size_t nparts;
	size_t nfigures;     /* figures whose image the renderers may read */
	struct arena *arena; /* every string and array above */
};

/* Compute the layout of standard `s` (a built model). Never fails on content: what the source
 * lacks is left out (no cover line for an absent ICS) or shown as a placeholder the published
 * form uses (XXXX-XX-XX for a date not yet set). Returns a layout the caller frees with
 * doc_layout_free(); never NULL. */
struct doc_layout *doc_layout_new(const struct standard *s);
void doc_layout_free(struct doc_layout *l);

/* Cut `s` into runs: each standard number (stdno_scan) one DOC_RUN_NOBREAK run. Strings live in
 * `a`. */
void doc_layout_text(struct arena *a, const char *s, struct doc_text *out);

/* The part a block of kind TOC_ENTRY points to, by anchor; NULL when none. */
const struct doc_part *doc_layout_part_of(const struct doc_layout *l, const char *anchor);

/* ---- renderers ---- */

struct doc_render_opts {
	const char *path;     /* the standard's file, named in findings */
	const char *base_dir; /* directory the standard was read from: figure `src` is relative to
			       * it (NULL: the current directory) */
	/* A figure's image is a file the standard names: it must resolve inside `root` (the
	 * standard's project root, project_root_of; NULL: anywhere) and be a regular file of at
	 * most lim->max_file_size bytes (project_read_linked); NULL `lim`: the default limits. */
	const char *root;
	const struct limits *lim;
	/* Page numbers of the 目次 entries, parallel to the TOC part's blocks (0: unknown), as the
	 * PDF renderer finds them in a first print; NULL for none. */
	const int *toc_pages;
	/* Only these parts (bit i: parts[i]); 0 means all. The PDF renderer prints the front
	 * matter and the body separately so that each numbers its own pages. */
	unsigned long long only_parts;
	bool measure; /* print helper: no page numbers in the 目次 (first print) */
};

struct doc_renderer {
	const char *name; /* the --format word */
	const char *ext;  /* default file extension */
	bool binary;	  /* bytes unfit for a terminal: needs -o */
	/* Append the rendering to `out`. Returns 0, or -1 after recording a finding in `ds`
	 * (a missing program, a failed print: the message says what and why). */
	int (*render)(const struct doc_layout *l, const struct doc_render_opts *o,
		      struct strbuf *out, struct diag_store *ds);
};

/* The registry, terminated by a record with name NULL, in --help order. */
extern const struct doc_renderer doc_renderers[];
const struct doc_renderer *doc_renderer_find(const char *name);

int render_doc_html(const struct doc_layout *l, const struct doc_render_opts *o, struct strbuf *out,
		    struct diag_store *ds);
int render_doc_pdf(const struct doc_layout *l, const struct doc_render_opts *o, struct strbuf *out,
		   struct diag_store *ds);
int render_doc_docx(const struct doc_layout *l, const struct doc_render_opts *o, struct strbuf *out,
		    struct diag_store *ds);

#endif
