/* SPDX-License-Identifier: MIT */
/* ooxml: the parts every Word document zhun writes shares — text runs, fields, the package
 * around document.xml (content types, relationships, core properties, headers and footers) and
 * the default styles — for the two Word writers: render_doc_docx (a standard) and render_docx
 * (the 标准体系表). Output is appended to strbufs; the package goes into a struct zipw. */
#ifndef ZHUN_OOXML_H
#define ZHUN_OOXML_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;
struct zipw;

#define OOXML_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define OOXML_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define OOXML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* A run of `len` bytes of text, in character style `rstyle` (NULL: none); tabs and line feeds
 * become Word's own tab and break elements, the rest is XML-escaped. */
void ooxml_run(struct strbuf *o, const char *rstyle, const char *s, size_t len);
/* ooxml_run of a NUL-terminated string; nothing for NULL or "". */
void ooxml_runs(struct strbuf *o, const char *s);
/* A complex field: begin, the instruction (" PAGE "), separate, `result` as text (NULL: none),
 * end. */
void ooxml_field(struct strbuf *o, const char *instr, const char *result);
/* The pieces of a field, for a field whose result holds other runs (the 目次). */
void ooxml_fld_char(struct strbuf *o, const char *type);
void ooxml_instr(struct strbuf *o, const char *instr);

/* A paragraph in paragraph style `style`, aligned `jc` (NULL: the style's), holding `s`. */
void ooxml_para(struct strbuf *o, const char *style, const char *jc, const char *s);

/* Tables in table style zhunTable (single borders, from ooxml_styles_begin), centred, with a
 * fixed layout. ooxml_tbl_open starts one with its grid of n column widths `w` (twips); the
 * caller closes it with "</w:tbl>". */
void ooxml_tbl_open(struct strbuf *o, const size_t *w, size_t n);
/* A row's start: a header row (`head`) repeats on each page; no row splits across pages. The
 * caller closes it with "</w:tr>". */
void ooxml_tr_open(struct strbuf *o, bool head);
/* A whole cell of width w (twips) spanning `span` grid columns, its text `s` in paragraph style
 * `style`, aligned `jc` (NULL: the style's), indented `indent` twips; `shade` fills it light. */
void ooxml_tc(struct strbuf *o, size_t w, size_t span, const char *style, const char *jc,
	      size_t indent, bool shade, const char *s);

/* Start word/styles.xml: the document defaults (Times New Roman and 宋体 at 五号, single
 * spacing), Normal, the default fonts of runs and tables. The caller appends its styles and
 * closes with "</w:styles>". */
void ooxml_styles_begin(struct strbuf *o);

/* A header (footer == false) or footer part holding one paragraph in paragraph style `style`,
 * aligned `jc` ("left", "center", "right"): `text` (may be NULL), then, with `page`, the page
 * number as a PAGE field. */
void ooxml_hdr_ftr(struct strbuf *o, bool footer, const char *style, const char *jc,
		   const char *text, bool page);

/* A header or footer part of the package: word/<name>.xml with relationship id `rid`. */
struct ooxml_part {
	const char *name; /* "header1" */
	const char *rid;  /* "rIdHdrOdd" */
	bool footer;
	const struct strbuf *xml;
};

/* Add the whole package to `z`: [Content_Types].xml, _rels/.rels, docProps/core.xml (title,
 * zh-CN), word/document.xml, word/styles.xml, word/settings.xml, the headers and footers, and
 * word/_rels/document.xml.rels with `extra_rels` (Relationship elements, may be NULL) appended.
 * Images under word/media/ are the caller's to add (PNG, JPEG and GIF have content types).
 * Returns false when libzip refuses a member. */
bool ooxml_package(struct zipw *z, const char *title, const struct strbuf *document,
		   const struct strbuf *styles, const struct strbuf *settings,
		   const struct ooxml_part *parts, size_t nparts, const char *extra_rels);

/* The page of a one-section document (twips); landscape when w > h. */
struct ooxml_page {
	int w, h;
	int top, right, bottom, left; /* margins */
	int header, footer;	      /* distance of the header and footer from the edge */
};

/* A whole Word file of one section, for a writer with no images: `body` (the paragraphs and
 * tables of w:body, without w:sectPr) on page `pg`, `title` in the header (paragraph style
 * zhunHeader, right) and the page number in the footer (zhunFooter, centred), the default
 * styles of ooxml_styles_begin followed by `styles_tail` (the caller's own paragraph and
 * character styles) and by zhunHeader and zhunFooter (小五号), written to the end of `out`.
 * Returns 0, or -1
 * with errno set (ELIBACC: no libzip; EIO: libzip refused) after a line on standard error
 * saying why. */
int ooxml_write_docx(struct strbuf *out, const char *title, const struct strbuf *body,
		     const char *styles_tail, const struct ooxml_page *pg);

#endif
