/* SPDX-License-Identifier: MIT */
/* ooxml: runs, fields, paragraphs and bordered tables, default styles and the package of the Word
 * documents zhun writes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ooxml.h"
#include "strbuf.h"
#include "table.h"
#include "zipw.h"

void ooxml_run(struct strbuf *o, const char *rstyle, const char *s, size_t len)
{
	strbuf_adds(o, "<w:r>");
	if (rstyle)
		strbuf_addf(o, "<w:rPr><w:rStyle w:val=\"%s\"/></w:rPr>", rstyle);
	strbuf_adds(o, "<w:t xml:space=\"preserve\">");
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && s[j] != '\n' && s[j] != '\t')
			j++;
		table_xml_escape_n(o, s + i, j - i);
		if (j < len)
			strbuf_adds(o, s[j] == '\n' ? "</w:t><w:br/><w:t xml:space=\"preserve\">"
						    : "</w:t><w:tab/><w:t xml:space=\"preserve\">");
		i = j + (j < len);
	}
	strbuf_adds(o, "</w:t></w:r>");
}

void ooxml_runs(struct strbuf *o, const char *s)
{
	if (s && *s)
		ooxml_run(o, NULL, s, strlen(s));
}

/* A paragraph's start with its properties: style, left indent (0: none), alignment (NULL: the
 * style's). */
static void p_open(struct strbuf *o, const char *style, size_t indent, const char *jc)
{
	strbuf_addf(o, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style);
	if (indent)
		strbuf_addf(o, "<w:ind w:left=\"%zu\"/>", indent);
	if (jc)
		strbuf_addf(o, "<w:jc w:val=\"%s\"/>", jc);
	strbuf_adds(o, "</w:pPr>");
}

void ooxml_para(struct strbuf *o, const char *style, const char *jc, const char *s)
{
	p_open(o, style, 0, jc);
	ooxml_runs(o, s);
	strbuf_adds(o, "</w:p>");
}

void ooxml_tbl_open(struct strbuf *o, const size_t *w, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i];
	strbuf_addf(
	    o,
	    "<w:tbl><w:tblPr><w:tblStyle w:val=\"zhunTable\"/><w:tblW w:w=\"%zu\" w:type=\"dxa\"/>"
	    "<w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
	    total);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(o, "<w:gridCol w:w=\"%zu\"/>", w[i]);
	strbuf_adds(o, "</w:tblGrid>\n");
}

void ooxml_tr_open(struct strbuf *o, bool head)
{
	strbuf_addf(o, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>", head ? "<w:tblHeader/>" : "");
}

void ooxml_tc(struct strbuf *o, size_t w, size_t span, const char *style, const char *jc,
	      size_t indent, bool shade, const char *s)
{
	strbuf_addf(o, "<w:tc><w:tcPr><w:tcW w:w=\"%zu\" w:type=\"dxa\"/>", w);
	if (span > 1)
		strbuf_addf(o, "<w:gridSpan w:val=\"%zu\"/>", span);
	if (shade)
		strbuf_adds(o, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7EDF5\"/>");
	strbuf_adds(o, "<w:vAlign w:val=\"center\"/></w:tcPr>");
	p_open(o, style, indent, jc);
	ooxml_runs(o, s);
	strbuf_adds(o, "</w:p></w:tc>");
}

void ooxml_fld_char(struct strbuf *o, const char *type)
{
	strbuf_addf(o, "<w:r><w:fldChar w:fldCharType=\"%s\"/></w:r>", type);
}

void ooxml_instr(struct strbuf *o, const char *instr)
{
	strbuf_adds(o, "<w:r><w:instrText xml:space=\"preserve\">");
	table_xml_escape(o, instr);
	strbuf_adds(o, "</w:instrText></w:r>");
}

void ooxml_field(struct strbuf *o, const char *instr, const char *result)
{
	ooxml_fld_char(o, "begin");
	ooxml_instr(o, instr);
	ooxml_fld_char(o, "separate");
	ooxml_runs(o, result);
	ooxml_fld_char(o, "end");
}

void ooxml_styles_begin(struct strbuf *o)
{
	strbuf_adds(
	    o, OOXML_DECL
	    "<w:styles xmlns:w=\"" OOXML_NS_W "\">\n"
	    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
	    "w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>"
	    "<w:kern w:val=\"2\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang "
	    "w:val=\"en-US\" "
	    "w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
	    "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
	    "</w:docDefaults>\n"
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
	    "w:val=\"Normal\"/>"
	    "<w:qFormat/><w:pPr><w:widowControl/><w:jc w:val=\"both\"/></w:pPr></w:style>\n"
	    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
	    "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/></w:style>\n"
	    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
	    "w:val=\"Normal Table\"/>"
	    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" "
	    "w:type=\"dxa\"/>"
	    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
	    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\n"
	    "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"zhunTable\"><w:name "
	    "w:val=\"zhun 表\"/>"
	    "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:jc w:val=\"center\"/><w:tblBorders>"
	    "<w:top w:val=\"single\" w:sz=\"8\" w:color=\"000000\"/><w:left w:val=\"single\" "
	    "w:sz=\"8\" w:color=\"000000\"/>"
	    "<w:bottom w:val=\"single\" w:sz=\"8\" w:color=\"000000\"/><w:right w:val=\"single\" "
	    "w:sz=\"8\" w:color=\"000000\"/>"
	    "<w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/><w:insideV "
	    "w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/>"
	    "</w:tblBorders></w:tblPr></w:style>\n");
}

void ooxml_hdr_ftr(struct strbuf *o, bool footer, const char *style, const char *jc,
		   const char *text, bool page)
{
	const char *root = footer ? "ftr" : "hdr";
	strbuf_addf(o, OOXML_DECL "<w:%s xmlns:w=\"" OOXML_NS_W "\" xmlns:r=\"" OOXML_NS_R "\">",
		    root);
	strbuf_addf(o, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/><w:jc w:val=\"%s\"/></w:pPr>", style,
		    jc);
	ooxml_runs(o, text);
	if (page)
		ooxml_field(o, " PAGE ", "1");
	strbuf_addf(o, "</w:p></w:%s>\n", root);
}

bool ooxml_package(struct zipw *z, const char *title, const struct strbuf *document,
		   const struct strbuf *styles, const struct strbuf *settings,
		   const struct ooxml_part *parts, size_t nparts, const char *extra_rels)
{
	bool ok = true;
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_adds(&sb, OOXML_DECL
		    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		    "<Default Extension=\"rels\" "
		    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
		    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
		    "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
		    "<Default Extension=\"gif\" ContentType=\"image/gif\"/>"
		    "<Override PartName=\"/word/document.xml\" "
		    "ContentType=\"application/"
		    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
		    "<Override PartName=\"/word/styles.xml\" "
		    "ContentType=\"application/"
		    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
		    "<Override PartName=\"/word/settings.xml\" "
		    "ContentType=\"application/"
		    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>");
	for (size_t i = 0; i < nparts; i++)
		strbuf_addf(&sb,
			    "<Override PartName=\"/word/%s.xml\" ContentType=\"application/"
			    "vnd.openxmlformats-officedocument.wordprocessingml.%s+xml\"/>",
			    parts[i].name, parts[i].footer ? "footer" : "header");
	strbuf_adds(&sb,
		    "<Override PartName=\"/docProps/core.xml\" "
		    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
		    "</Types>\n");
	ok = zipw_add_buf(z, "[Content_Types].xml", &sb) && ok;

	strbuf_reset(&sb);
	strbuf_adds(
	    &sb, OOXML_DECL
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" OOXML_NS_R
	    "/officeDocument\" Target=\"word/document.xml\"/>"
	    "<Relationship Id=\"rId2\" "
	    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
	    "core-properties\" Target=\"docProps/core.xml\"/>"
	    "</Relationships>\n");
	ok = zipw_add_buf(z, "_rels/.rels", &sb) && ok;

	strbuf_reset(&sb);
	strbuf_adds(
	    &sb, OOXML_DECL
	    "<cp:coreProperties "
	    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	table_xml_escape(&sb, title ? title : "");
	strbuf_adds(&sb, "</dc:title><dc:language>zh-CN</dc:language><dc:creator>zhun</"
			 "dc:creator></cp:coreProperties>\n");
	ok = zipw_add_buf(z, "docProps/core.xml", &sb) && ok;

	ok = zipw_add_buf(z, "word/settings.xml", settings) && ok;
	ok = zipw_add_buf(z, "word/styles.xml", styles) && ok;
	for (size_t i = 0; i < nparts; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "word/%s.xml", parts[i].name);
		ok = zipw_add_buf(z, sb.buf, parts[i].xml) && ok;
	}
	ok = zipw_add_buf(z, "word/document.xml", document) && ok;

	strbuf_reset(&sb);
	strbuf_adds(
	    &sb, OOXML_DECL
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rIdStyles\" Type=\"" OOXML_NS_R "/styles\" Target=\"styles.xml\"/>"
	    "<Relationship Id=\"rIdSettings\" Type=\"" OOXML_NS_R
	    "/settings\" Target=\"settings.xml\"/>");
	for (size_t i = 0; i < nparts; i++)
		strbuf_addf(
		    &sb, "<Relationship Id=\"%s\" Type=\"" OOXML_NS_R "/%s\" Target=\"%s.xml\"/>",
		    parts[i].rid, parts[i].footer ? "footer" : "header", parts[i].name);
	if (extra_rels)
		strbuf_adds(&sb, extra_rels);
	strbuf_adds(&sb, "</Relationships>\n");
	ok = zipw_add_buf(z, "word/_rels/document.xml.rels", &sb) && ok;
	strbuf_release(&sb);
	return ok;
}

int ooxml_write_docx(struct strbuf *out, const char *title, const struct strbuf *body,
		     const char *styles_tail, const struct ooxml_page *pg)
{
	char *why = NULL;
	struct zipw *z = zipw_new(&why);
	if (!z) {
		fprintf(stderr, "zhun: libzip: %s\n", why);
		free(why);
		errno = ELIBACC;
		return -1;
	}
	struct strbuf doc = STRBUF_INIT, styles = STRBUF_INIT, settings = STRBUF_INIT;
	struct strbuf hdr = STRBUF_INIT, ftr = STRBUF_INIT;
	strbuf_adds(&doc, OOXML_DECL "<w:document xmlns:w=\"" OOXML_NS_W "\" xmlns:r=\"" OOXML_NS_R
				     "\"><w:body>\n");
	strbuf_add(&doc, body->buf, body->len);
	strbuf_addf(
	    &doc,
	    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHdr\"/>"
	    "<w:footerReference w:type=\"default\" r:id=\"rIdFtr\"/>"
	    "<w:pgSz w:w=\"%d\" w:h=\"%d\"%s/>"
	    "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"%d\" "
	    "w:footer=\"%d\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n",
	    pg->w, pg->h, pg->w > pg->h ? " w:orient=\"landscape\"" : "", pg->top, pg->right,
	    pg->bottom, pg->left, pg->header, pg->footer);
	ooxml_styles_begin(&styles);
	strbuf_adds(&styles, styles_tail);
	/* the header and footer parts below are the only users of these two */
	strbuf_adds(&styles,
		    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunHeader\">"
		    "<w:name w:val=\"zhun 页眉\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:sz "
		    "w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\n"
		    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"zhunFooter\">"
		    "<w:name w:val=\"zhun 页脚\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:sz "
		    "w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\n"
		    "</w:styles>\n");
	strbuf_adds(&settings, OOXML_DECL
		    "<w:settings xmlns:w=\"" OOXML_NS_W "\"><w:defaultTabStop w:val=\"420\"/>"
		    "<w:characterSpacingControl w:val=\"compressPunctuation\"/></w:settings>\n");
	ooxml_hdr_ftr(&hdr, false, "zhunHeader", "right", title, false);
	ooxml_hdr_ftr(&ftr, true, "zhunFooter", "center", NULL, true);
	const struct ooxml_part parts[] = { { "header1", "rIdHdr", false, &hdr },
					    { "footer1", "rIdFtr", true, &ftr } };
	int rc = 0;
	if (!ooxml_package(z, title, &doc, &styles, &settings, parts, 2, NULL)) {
		zipw_free(z);
		fprintf(stderr, "zhun: libzip refused a member of the Word file\n");
		errno = EIO;
		rc = -1;
	} else if (!zipw_finish(z, out, &why)) {
		fprintf(stderr, "zhun: libzip: %s\n", why);
		free(why);
		errno = EIO;
		rc = -1;
	}
	strbuf_release(&doc);
	strbuf_release(&styles);
	strbuf_release(&settings);
	strbuf_release(&hdr);
	strbuf_release(&ftr);
	return rc;
}
