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
	const char *name;  /* "header1" */
	const char *rid;   /* "rIdHdrOdd" */
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

#endif
