/* SPDX-License-Identifier: MIT */
/* render_doc_docx: a standard's layout as a Word document written natively (OOXML in a zip):
 * one named paragraph style per element so that an organisation's template restyles it, numbers
 * as text, real tables with repeated header rows and notes in merged cells, a 目次 as a TOC field
 * whose entries are filled in with PAGEREF fields, and three sections — the cover, the front
 * matter numbered I, II …, the body numbered 1, 2 … — with the standard number in the header
 * (odd pages right, even pages left) and the page number in the footer. docs/render.md lists
 * the styles, which `zhun import` reads back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc_layout.h"
#include "i18n.h"
#include "ooxml.h"
#include "paths.h"
#include "project.h"
#include "strbuf.h"
#include "table.h"
#include "xalloc.h"
#include "zipw.h"

/* A4 portrait in twentieths of a point; margins 25 mm top and inside, 20 mm bottom and outside
 * (mirrored on even pages). */
enum {
	PAGE_W = 11906,
	PAGE_H = 16838,
	MARGIN_TOP = 1418,
	MARGIN_BOTTOM = 1134,
	MARGIN_INSIDE = 1418,
	MARGIN_OUTSIDE = 1134,
	TEXT_W = PAGE_W - MARGIN_INSIDE - MARGIN_OUTSIDE, /* 9354: 165 mm */
	EMU_PER_TWIP = 635,
};

#define NS_W	 OOXML_NS_W
#define NS_R	 OOXML_NS_R
#define XML_DECL OOXML_DECL

/* The paragraph styles: id, name shown in Word, based-on, and the properties. Sizes in half
 * points: 五号 21, 小五号 18, 四号 28, 三号 32, 小二号 36, 一号 52. */
struct pstyle {
	const char *id, *name, *ppr, *rpr;
	bool hei; /* 黑体 */
};

static const struct pstyle pstyles[] = {
	{ "zhunText", "zhun 段",
	  "<w:jc w:val=\"both\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"420\"/>", "",
	  false },
	{ "zhunLead", "zhun 无标题条", "<w:jc w:val=\"both\"/>", "", false },
	{ "zhunPartTitle", "zhun 前言、目次等标题",
	  "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"480\"/><w:jc "
	  "w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
	  "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>", true },
	{ "zhunDocTitle", "zhun 标准名称",
	  "<w:keepNext/><w:spacing w:after=\"480\"/><w:jc w:val=\"center\"/>",
	  "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>", true },
	{ "zhunHeading1", "zhun 章标题",
	  "<w:keepNext/><w:spacing w:before=\"156\" w:after=\"156\"/><w:outlineLvl w:val=\"0\"/>",
	  "", true },
	{ "zhunHeading2", "zhun 一级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"1\"/>", "",
	  true },
	{ "zhunHeading3", "zhun 二级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"2\"/>", "",
	  true },
	{ "zhunHeading4", "zhun 三级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"3\"/>", "",
	  true },
	{ "zhunHeading5", "zhun 四级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"4\"/>", "",
	  true },
	{ "zhunAnnexHeading1", "zhun 附录章标题",
	  "<w:keepNext/><w:spacing w:before=\"156\" w:after=\"156\"/><w:outlineLvl w:val=\"1\"/>",
	  "", true },
	{ "zhunAnnexHeading2", "zhun 附录一级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"2\"/>", "",
	  true },
	{ "zhunAnnexHeading3", "zhun 附录二级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"3\"/>", "",
	  true },
	{ "zhunAnnexHeading4", "zhun 附录三级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"4\"/>", "",
	  true },
	{ "zhunAnnexHeading5", "zhun 附录四级条标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:outlineLvl w:val=\"5\"/>", "",
	  true },
	{ "zhunAnnexLabel", "zhun 附录标识",
	  "<w:pageBreakBefore/><w:keepNext/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
	  "", true },
	{ "zhunAnnexKind", "zhun 附录性质", "<w:keepNext/><w:jc w:val=\"center\"/>", "", true },
	{ "zhunAnnexTitle", "zhun 附录标题",
	  "<w:keepNext/><w:spacing w:after=\"360\"/><w:jc w:val=\"center\"/>", "", true },
	{ "zhunList1", "zhun 列项", "<w:ind w:left=\"840\" w:hanging=\"420\"/>", "", false },
	{ "zhunList2", "zhun 二级列项", "<w:ind w:left=\"1260\" w:hanging=\"420\"/>", "", false },
	{ "zhunList3", "zhun 三级列项", "<w:ind w:left=\"1680\" w:hanging=\"420\"/>", "", false },
	{ "zhunListPara1", "zhun 列项段", "<w:ind w:left=\"840\"/>", "", false },
	{ "zhunListPara2", "zhun 二级列项段", "<w:ind w:left=\"1260\"/>", "", false },
	{ "zhunListPara3", "zhun 三级列项段", "<w:ind w:left=\"1680\"/>", "", false },
	{ "zhunNote", "zhun 注", "<w:ind w:left=\"420\"/>",
	  "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", false },
	{ "zhunExample", "zhun 示例", "<w:ind w:left=\"420\"/>",
	  "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", false },
	{ "zhunTableTitle", "zhun 表标题",
	  "<w:keepNext/><w:spacing w:before=\"78\" w:after=\"78\"/><w:jc w:val=\"center\"/>", "",
	  true },
	{ "zhunTableText", "zhun 表格文字", "<w:jc w:val=\"center\"/>",
	  "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", false },
	{ "zhunTableNote", "zhun 表注", "", "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", false },
	{ "zhunTableFootnote", "zhun 表脚注", "", "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
	  false },
	{ "zhunFigure", "zhun 图", "<w:keepNext/><w:jc w:val=\"center\"/>", "", false },
	{ "zhunFigureTitle", "zhun 图标题",
	  "<w:spacing w:before=\"78\" w:after=\"156\"/><w:jc w:val=\"center\"/>", "", true },
	{ "zhunFormula", "zhun 公式",
	  "<w:tabs><w:tab w:val=\"center\" w:pos=\"4677\"/><w:tab w:val=\"right\" "
	  "w:pos=\"9354\"/></w:tabs>",
	  "", false },
	{ "zhunTermNumber", "zhun 术语条目编号", "<w:keepNext/><w:spacing w:before=\"78\"/>", "",
	  true },
	{ "zhunTerm", "zhun 术语",
	  "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"420\"/>", "", true },
	{ "zhunDefinition", "zhun 定义",
	  "<w:jc w:val=\"both\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"420\"/>", "",
	  false },
	{ "zhunTermSource", "zhun 术语来源",
	  "<w:ind w:firstLineChars=\"200\" w:firstLine=\"420\"/>", "", false },
	{ "zhunReference", "zhun 规范性引用文件",
	  "<w:ind w:firstLineChars=\"200\" w:firstLine=\"420\"/>", "", false },
	{ "zhunBibEntry", "zhun 参考文献条目", "<w:ind w:left=\"630\" w:hanging=\"630\"/>", "",
	  false },
	{ "zhunEndLine", "zhun 终结线",
	  "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
	  "w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"600\"/><w:ind w:left=\"3543\" "
	  "w:right=\"3543\"/>",
	  "<w:sz w:val=\"4\"/>", false },
	{ "zhunHeader", "zhun 页眉", "", "", true },
	{ "zhunFooter", "zhun 页脚", "", "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", false },
	{ "zhunCoverCodes", "zhun 封面 ICS CCS", "", "", true },
	{ "zhunCoverMark", "zhun 封面标志", "<w:jc w:val=\"right\"/>",
	  "<w:b/><w:sz w:val=\"72\"/><w:szCs w:val=\"72\"/>", true },
	{ "zhunCoverKind", "zhun 封面文件类型",
	  "<w:spacing w:before=\"480\"/><w:jc w:val=\"center\"/>",
	  "<w:spacing w:val=\"40\"/><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/>", true },
	{ "zhunCoverNumber", "zhun 封面标准编号",
	  "<w:spacing w:before=\"360\"/><w:jc w:val=\"right\"/>",
	  "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", true },
	{ "zhunCoverReplaces", "zhun 封面代替", "<w:jc w:val=\"right\"/>", "", false },
	{ "zhunCoverRule", "zhun 封面分隔线",
	  "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
	  "w:color=\"000000\"/></w:pBdr>",
	  "<w:sz w:val=\"8\"/>", false },
	{ "zhunCoverTitle", "zhun 封面标准名称",
	  "<w:spacing w:before=\"2400\" w:after=\"240\"/><w:jc w:val=\"center\"/>",
	  "<w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/>", true },
	{ "zhunCoverTitleEn", "zhun 封面英文名称",
	  "<w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/>",
	  "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", false },
	{ "zhunCoverAdoption", "zhun 封面一致性程度", "<w:jc w:val=\"center\"/>",
	  "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", false },
	{ "zhunCoverDates", "zhun 封面发布实施日期",
	  "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
	  "w:color=\"000000\"/></w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"9354\"/></w:tabs>",
	  "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", true },
	{ "zhunCoverIssuer", "zhun 封面发布机构",
	  "<w:spacing w:before=\"360\"/><w:jc w:val=\"center\"/>",
	  "<w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>", false },
};

static void styles_xml(struct strbuf *o)
{
	ooxml_styles_begin(o);
	strbuf_adds(o, "<w:style w:type=\"character\" w:customStyle=\"1\" "
		       "w:styleId=\"zhunNumber\"><w:name w:val=\"zhun 编号\"/>"
		       "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>\n"
		       "<w:style w:type=\"character\" w:customStyle=\"1\" "
		       "w:styleId=\"zhunLabel\"><w:name w:val=\"zhun 注示例标识\"/>"
		       "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>\n"
		       "<w:style w:type=\"character\" w:customStyle=\"1\" "
		       "w:styleId=\"zhunFootnoteMark\"><w:name w:val=\"zhun 表脚注标识\"/>"
		       "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\n");
	for (int i = 1; i <= 3; i++)
		strbuf_addf(
		    o,
		    "<w:style w:type=\"paragraph\" w:styleId=\"TOC%d\"><w:name w:val=\"toc %d\"/>"
		    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority "
		    "w:val=\"39\"/>"
		    "<w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"%d\"/></w:tabs>"
		    "<w:ind w:left=\"%d\"/></w:pPr></w:style>\n",
		    i, i, TEXT_W, (i - 1) * 420);
	for (size_t i = 0; i < sizeof pstyles / sizeof *pstyles; i++) {
		const struct pstyle *s = &pstyles[i];
		strbuf_addf(o,
			    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"%s\">"
			    "<w:name w:val=\"%s\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
			    "<w:pPr>%s</w:pPr><w:rPr>%s%s</w:rPr></w:style>\n",
			    s->id, s->name, s->ppr, s->hei ? "<w:rFonts w:eastAsia=\"黑体\"/>" : "",
			    s->rpr);
	}
	strbuf_adds(o, "</w:styles>\n");
}

/* ---- runs and paragraphs ---- */

struct w {
	struct strbuf *o;
	const struct doc_layout *l;
	const struct doc_render_opts *opts;
	struct diag_store *ds;
	struct zipw *z;
	struct strbuf rels; /* word/_rels/document.xml.rels entries beyond the fixed ones */
	size_t nimages;
	size_t bookmark;
	bool annex; /* inside an annex part */
	bool ok;
};

static void run(struct strbuf *o, const char *rstyle, const char *s, size_t len)
{
	ooxml_run(o, rstyle, s, len);
}

static void runs(struct strbuf *o, const char *s)
{
	ooxml_runs(o, s);
}

/* Runs of a text; a standard number's spaces become no-break spaces and its dash a no-break
 * one in Word's sense is not needed: the em dash does not break. */
static void text(struct strbuf *o, const struct doc_text *t)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < t->nruns; i++) {
		const struct doc_run *r = &t->runs[i];
		if (r->mark != DOC_RUN_NOBREAK) {
			run(o, NULL, r->s, r->len);
			continue;
		}
		strbuf_reset(&sb);
		for (size_t k = 0; k < r->len; k++) {
			if (r->s[k] == ' ')
				strbuf_adds(&sb,
					    "\xc2\xa0"); /* U+00A0 keeps the number on one line */
			else
				strbuf_addc(&sb, r->s[k]);
		}
		run(o, NULL, sb.buf, sb.len);
	}
	strbuf_release(&sb);
}

static void p_open(struct strbuf *o, const char *style, const char *extra)
{
	strbuf_addf(o, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>", style, extra ? extra : "");
}

static void p_close(struct strbuf *o)
{
	strbuf_adds(o, "</w:p>\n");
}

static void para(struct strbuf *o, const char *style, const char *s)
{
	p_open(o, style, NULL);
	runs(o, s);
	p_close(o);
}

/* A paragraph the 目次 points to: its text inside a bookmark named after `anchor`. */
static void target_open(struct w *w, const char *style, const char *anchor)
{
	p_open(w->o, style, NULL);
	strbuf_addf(w->o, "<w:bookmarkStart w:id=\"%zu\" w:name=\"_Toc_%s\"/>", w->bookmark,
		    anchor);
}

static void target_close(struct w *w)
{
	strbuf_addf(w->o, "<w:bookmarkEnd w:id=\"%zu\"/>", w->bookmark++);
	p_close(w->o);
}

/* ---- images ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Pixel size of a PNG, JPEG or GIF; false for anything else. */
static bool image_size(const unsigned char *p, size_t n, const char **ext, uint32_t *wd,
		       uint32_t *ht)
{
	if (n >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(p + 12, "IHDR", 4) == 0) {
		*ext = "png";
		*wd = be32(p + 16);
		*ht = be32(p + 20);
		return *wd && *ht;
	}
	if (n >= 10 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0)) {
		*ext = "gif";
		*wd = (uint32_t)p[6] | (uint32_t)p[7] << 8;
		*ht = (uint32_t)p[8] | (uint32_t)p[9] << 8;
		return *wd && *ht;
	}
	if (n >= 4 && p[0] == 0xff && p[1] == 0xd8) {
		for (size_t i = 2; i + 9 < n;) {
			if (p[i] != 0xff) {
				i++;
				continue;
			}
			unsigned m = p[i + 1];
			size_t seg = (size_t)p[i + 2] << 8 | p[i + 3];
			/* SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC) */
			if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
				*ext = "jpeg";
				*ht = (uint32_t)p[i + 5] << 8 | p[i + 6];
				*wd = (uint32_t)p[i + 7] << 8 | p[i + 8];
				return *wd && *ht;
			}
			if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
				i += 2;
				continue;
			}
			i += 2 + seg;
		}
	}
	return false;
}

static void figure(struct w *w, const struct doc_block *b)
{
	struct strbuf *o = w->o;
	p_open(o, "zhunFigure", NULL);
	struct strbuf img;
	strbuf_init(&img);
	const char *ext = NULL;
	uint32_t wd = 0, ht = 0;
	bool drawn = false;
	if (b->src && *b->src) {
		char *path = b->src[0] == '/' || !w->opts->base_dir
				 ? NULL
				 : path_join(w->opts->base_dir, b->src);
		size_t n;
		bool missing;
		/* refused (outside the project, not a regular file, too large): that finding is
		 * the one to read */
		char *bytes = project_read_linked(w->opts->root, path ? path : b->src,
						  w->opts->path ? w->opts->path : "", b->loc, &n,
						  w->ds, w->opts->lim, &missing);
		bool read = bytes != NULL;
		if (read)
			strbuf_add(&img, bytes, n);
		free(bytes);
		if (!read) {
			if (missing)
				diag_add(w->ds, DIAG_RENDER_FIGURE,
					 w->opts->path ? w->opts->path : "", b->loc,
					 _("figure image \"%s\" cannot be read: drawn as an empty "
					   "frame"),
					 b->src);
		} else if (!image_size((const unsigned char *)img.buf, img.len, &ext, &wd, &ht))
			diag_add(w->ds, DIAG_RENDER_FIGURE, w->opts->path ? w->opts->path : "",
				 b->loc,
				 _("figure image \"%s\" is not PNG, JPEG or GIF, which Word shows: "
				   "drawn as an empty frame"),
				 b->src);
		else
			drawn = true;
		free(path);
	}
	if (drawn) {
		size_t id = ++w->nimages;
		char name[64];
		snprintf(name, sizeof name, "word/media/image%zu.%s", id, ext);
		if (!zipw_add_buf(w->z, name, &img))
			w->ok = false;
		strbuf_addf(&w->rels,
			    "<Relationship Id=\"rIdImg%zu\" Type=\"" NS_R "/image\" "
			    "Target=\"media/image%zu.%s\"/>",
			    id, id, ext);
		/* 96 dpi, scaled down to the text width */
		uint64_t cx = (uint64_t)wd * 9525, cy = (uint64_t)ht * 9525;
		uint64_t maxw = (uint64_t)TEXT_W * EMU_PER_TWIP;
		if (cx > maxw) {
			cy = cy * maxw / cx;
			cx = maxw;
		}
		strbuf_addf(
		    o,
		    "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
		    "<wp:extent cx=\"%llu\" cy=\"%llu\"/><wp:docPr id=\"%zu\" name=\"图片%zu\"/>"
		    "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
		    "<a:graphicData "
		    "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		    "<pic:pic "
		    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		    "<pic:nvPicPr><pic:cNvPr id=\"%zu\" "
		    "name=\"image%zu.%s\"/><pic:cNvPicPr/></pic:nvPicPr>"
		    "<pic:blipFill><a:blip "
		    "r:embed=\"rIdImg%zu\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
		    "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%llu\" "
		    "cy=\"%llu\"/></a:xfrm>"
		    "<a:prstGeom "
		    "prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
		    "</a:graphic></wp:inline></w:drawing></w:r>",
		    (unsigned long long)cx, (unsigned long long)cy, id, id, id, id, ext, id,
		    (unsigned long long)cx, (unsigned long long)cy);
	}
	p_close(o);
	strbuf_release(&img);
	para(o, "zhunFigureTitle", b->title);
}

/* Footnote letters: the character style, and superscript set on the run itself, so that a
 * reader that does not resolve character styles still sees them raised. */
static void mark_run(struct strbuf *o, const char *s)
{
	strbuf_adds(o, "<w:r><w:rPr><w:rStyle w:val=\"zhunFootnoteMark\"/>"
		       "<w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">");
	table_xml_escape(o, s);
	strbuf_adds(o, "</w:t></w:r>");
}

/* A row of the grid as Word wants it: a cell as written with w:gridSpan for its columns and
 * w:vMerge="restart" when it spans rows; the first slot of each row a rowspan covers as an
 * empty w:vMerge cell of the same width; the slots a colspan covers not at all. */
static void table_row(struct strbuf *o, const struct doc_cell *row, size_t ncols, size_t colw,
		      bool head)
{
	/* header rows repeat on every page the table runs onto; no row splits */
	strbuf_addf(o, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>", head ? "<w:tblHeader/>" : "");
	for (size_t c = 0; c < ncols; c++) {
		const struct doc_cell *ce = &row[c];
		if (ce->kind == DOC_CELL_LEFT)
			continue;
		strbuf_addf(o, "<w:tc><w:tcPr><w:tcW w:w=\"%zu\" w:type=\"dxa\"/>",
			    colw * ce->colspan);
		if (ce->colspan > 1)
			strbuf_addf(o, "<w:gridSpan w:val=\"%zu\"/>", ce->colspan);
		if (ce->kind == DOC_CELL_ABOVE)
			strbuf_adds(o, "<w:vMerge/>");
		else if (ce->rowspan > 1)
			strbuf_adds(o, "<w:vMerge w:val=\"restart\"/>");
		strbuf_adds(o, "<w:vAlign w:val=\"center\"/></w:tcPr>");
		p_open(o, "zhunTableText", NULL);
		if (ce->kind == DOC_CELL_TEXT) {
			text(o, &ce->text);
			if (ce->marks)
				mark_run(o, ce->marks);
		}
		p_close(o);
		strbuf_adds(o, "</w:tc>");
	}
	strbuf_adds(o, "</w:tr>\n");
}

/* A row of one cell across the table: a note or a footnote inside the table's frame. */
static void table_wide_row(struct strbuf *o, const struct doc_table *t, const char *style)
{
	strbuf_addf(o,
		    "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"%d\" "
		    "w:type=\"dxa\"/><w:gridSpan w:val=\"%zu\"/></w:tcPr>",
		    TEXT_W, t->ncols);
	p_open(o, style, NULL);
}

static void table(struct w *w, const struct doc_table *t)
{
	struct strbuf *o = w->o;
	para(o, "zhunTableTitle", t->caption);
	size_t colw = TEXT_W / t->ncols;
	strbuf_addf(
	    o,
	    "<w:tbl><w:tblPr><w:tblStyle w:val=\"zhunTable\"/><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
	    TEXT_W);
	for (size_t c = 0; c < t->ncols; c++)
		strbuf_addf(o, "<w:gridCol w:w=\"%zu\"/>", colw);
	strbuf_adds(o, "</w:tblGrid>\n");
	for (size_t r = 0; r < t->nhead; r++)
		table_row(o, t->head[r], t->ncols, colw, true);
	for (size_t r = 0; r < t->nrows; r++)
		table_row(o, t->rows[r], t->ncols, colw, false);
	/* notes, then the lettered footnotes, inside the frame (GB/T 1.1—2020 9.8, 9.12) */
	for (size_t i = 0; i < t->nnotes; i++) {
		table_wide_row(o, t, "zhunTableNote");
		run(o, "zhunLabel", t->note_labels[i], strlen(t->note_labels[i]));
		text(o, &t->notes[i]);
		p_close(o);
		strbuf_adds(o, "</w:tc></w:tr>\n");
	}
	for (size_t i = 0; i < t->nfootnotes; i++) {
		table_wide_row(o, t, "zhunTableFootnote");
		mark_run(o, t->footnote_marks[i]);
		run(o, NULL, "\xe3\x80\x80", 3); /* U+3000 between the letter and the text */
		text(o, &t->footnotes[i]);
		p_close(o);
		strbuf_adds(o, "</w:tc></w:tr>\n");
	}
	strbuf_adds(o, "</w:tbl>\n");
}

static void fld(struct strbuf *o, const char *type)
{
	ooxml_fld_char(o, type);
}

static void instr(struct strbuf *o, const char *s)
{
	ooxml_instr(o, s);
}

/* 目次: a TOC field over the outline levels 1–2, its result already filled in: each entry a
 * hyperlink with a PAGEREF field to the heading's bookmark, so the page numbers show in Word and
 * LibreOffice before anyone updates the field. */
static void toc(struct w *w, const struct doc_part *p)
{
	struct strbuf *o = w->o;
	size_t first = 0;
	for (size_t i = 0; i < p->nblocks; i++) {
		const struct doc_block *b = &p->blocks[i];
		if (b->kind == DOC_PART_TITLE) {
			para(o, "zhunPartTitle", b->title);
			continue;
		}
		if (b->kind != DOC_TOC_ENTRY)
			continue;
		strbuf_addf(o, "<w:p><w:pPr><w:pStyle w:val=\"TOC%d\"/></w:pPr>", b->level);
		if (first++ == 0) {
			fld(o, "begin");
			instr(o, " TOC \\o \"1-2\" \\h \\z \\u ");
			fld(o, "separate");
		}
		strbuf_addf(o, "<w:hyperlink w:anchor=\"_Toc_%s\" w:history=\"1\">", b->anchor);
		struct strbuf t;
		strbuf_init(&t);
		if (b->num)
			strbuf_addf(&t, "%s　", b->num);
		strbuf_adds(&t, b->title ? b->title : "");
		run(o, NULL, t.buf, t.len);
		strbuf_adds(o, "<w:r><w:tab/></w:r>");
		fld(o, "begin");
		strbuf_reset(&t);
		strbuf_addf(&t, " PAGEREF _Toc_%s \\h ", b->anchor);
		instr(o, t.buf);
		fld(o, "separate");
		fld(o, "end");
		strbuf_release(&t);
		strbuf_adds(o, "</w:hyperlink>");
		bool last = true;
		for (size_t k = i + 1; k < p->nblocks; k++)
			last = last && p->blocks[k].kind != DOC_TOC_ENTRY;
		if (last)
			fld(o, "end");
		p_close(o);
	}
}

static void labelled(struct strbuf *o, const char *style, const char *label,
		     const struct doc_text *t)
{
	p_open(o, style, NULL);
	run(o, "zhunLabel", label, strlen(label));
	text(o, t);
	p_close(o);
}

static void block(struct w *w, const struct doc_block *b)
{
	struct strbuf *o = w->o;
	switch (b->kind) {
	case DOC_PART_TITLE:
		target_open(w, "zhunPartTitle", b->anchor);
		runs(o, b->title);
		target_close(w);
		break;
	case DOC_DOC_TITLE:
		para(o, "zhunDocTitle", b->title);
		break;
	case DOC_HEADING: {
		char style[32];
		/* an annex's clauses sit one outline level below its 附录A line */
		snprintf(style, sizeof style, "zhun%sHeading%d", w->annex ? "Annex" : "",
			 b->level < 5 ? b->level : 5);
		target_open(w, style, b->anchor);
		struct strbuf t;
		strbuf_init(&t);
		strbuf_adds(&t, b->num ? b->num : "");
		if (b->title)
			strbuf_addf(&t, "　%s", b->title);
		run(o, NULL, t.buf, t.len);
		strbuf_release(&t);
		target_close(w);
		break;
	}
	case DOC_ANNEX_HEAD:
		target_open(w, "zhunAnnexLabel", b->anchor);
		runs(o, b->label);
		target_close(w);
		if (b->kind_word)
			para(o, "zhunAnnexKind", b->kind_word);
		para(o, "zhunAnnexTitle", b->title);
		break;
	case DOC_PARA:
		if (b->label) {
			p_open(o, "zhunLead", NULL);
			run(o, "zhunNumber", b->label, strlen(b->label));
			run(o, NULL, "　", strlen("　"));
		} else {
			p_open(o, "zhunText", NULL);
		}
		text(o, &b->text);
		p_close(o);
		break;
	case DOC_LIST_ITEM:
	case DOC_LIST_PARA: {
		/* an item's further paragraph: the item's indent without the marker's hang */
		char style[32];
		snprintf(style, sizeof style, "zhunList%s%d",
			 b->kind == DOC_LIST_PARA ? "Para" : "", b->level < 2 ? b->level + 1 : 3);
		p_open(o, style, NULL);
		if (b->kind == DOC_LIST_ITEM)
			runs(o, b->label);
		text(o, &b->text);
		p_close(o);
		break;
	}
	case DOC_NOTE:
		labelled(o, "zhunNote", b->label, &b->text);
		break;
	case DOC_EXAMPLE:
		labelled(o, "zhunExample", b->label, &b->text);
		break;
	case DOC_TABLE:
		table(w, b->table);
		break;
	case DOC_FIGURE:
		figure(w, b);
		break;
	case DOC_FORMULA:
		p_open(o, "zhunFormula", NULL);
		strbuf_adds(o, "<w:r><w:tab/></w:r>");
		text(o, &b->text);
		strbuf_adds(o, "<w:r><w:tab/></w:r>");
		runs(o, b->num);
		p_close(o);
		break;
	case DOC_TERM: {
		const struct doc_term *t = b->term;
		para(o, "zhunTermNumber", t->num);
		p_open(o, "zhunTerm", NULL);
		runs(o, t->term);
		if (t->en) {
			run(o, NULL, "　", strlen("　"));
			runs(o, t->en);
		}
		p_close(o);
		p_open(o, "zhunDefinition", NULL);
		text(o, &t->definition);
		p_close(o);
		if (t->source)
			para(o, "zhunTermSource", t->source);
		for (size_t i = 0; i < t->nnotes; i++)
			labelled(o, "zhunNote", t->note_labels[i], &t->notes[i]);
		break;
	}
	case DOC_REF:
		p_open(o, b->num ? "zhunBibEntry" : "zhunReference", NULL);
		if (b->num) {
			runs(o, b->num);
			strbuf_adds(o, "<w:r><w:tab/></w:r>");
		}
		text(o, &b->text);
		if (b->title && *b->title) {
			if (*b->text.s)
				run(o, NULL, "　", strlen("　"));
			runs(o, b->title);
		}
		p_close(o);
		break;
	case DOC_TOC_ENTRY:
		break; /* drawn by toc() */
	case DOC_END_LINE:
		para(o, "zhunEndLine", NULL);
		break;
	}
}

/* Lines a text takes at `pt` points on the text width (CJK characters one em, others half). */
static int lines_of(const char *s, double pt)
{
	double em = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		if (*p < 0x80)
			em += 0.5;
		else if (*p >= 0xc0)
			em += 1;
	int per = (int)(TEXT_W / 20.0 / pt);
	int n = (int)(em / (per > 0 ? per : 1)) + 1;
	return n;
}

/* Word and LibreOffice have no "push to the foot of the page" for paragraphs (LibreOffice
 * ignores a paragraph frame's position), so the dates and the issuer are pushed down by the
 * space the lines above leave, at 1.3 times the type size per line, less a line for safety. */
static int dates_before(const struct doc_cover *c)
{
	int used = 0;
	used += (c->ics != NULL) * 273 + (c->ccs != NULL) * 273;
	used += c->mark ? 936 : 0;
	used += c->kind ? 1156 : 0;
	used += 724 + (c->replaces ? 273 : 0) + 134;
	used += 2400 + 240 + lines_of(c->title, 26) * 676;
	used += c->title_en ? 120 + lines_of(c->title_en, 14) * 364 : 0;
	used += c->adoption ? 364 : 0;
	used += 364 + 60 + 828;
	int left = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - used - 700;
	return left > 240 ? left : 240;
}

static void cover(struct w *w)
{
	struct strbuf *o = w->o;
	const struct doc_cover *c = &w->l->cover;
	if (c->ics)
		para(o, "zhunCoverCodes", c->ics);
	if (c->ccs)
		para(o, "zhunCoverCodes", c->ccs);
	if (c->mark)
		para(o, "zhunCoverMark", c->mark);
	if (c->kind)
		para(o, "zhunCoverKind", c->kind);
	p_open(o, "zhunCoverNumber", NULL);
	if (c->number) {
		struct doc_text t;
		doc_layout_text(w->l->arena, c->number, &t);
		text(o, &t);
	}
	p_close(o);
	if (c->replaces)
		para(o, "zhunCoverReplaces", c->replaces);
	para(o, "zhunCoverRule", NULL);
	para(o, "zhunCoverTitle", c->title);
	if (c->title_en)
		para(o, "zhunCoverTitleEn", c->title_en);
	if (c->adoption)
		para(o, "zhunCoverAdoption", c->adoption);
	char before[64];
	snprintf(before, sizeof before, "<w:spacing w:before=\"%d\"/>", dates_before(c));
	p_open(o, "zhunCoverDates", before);
	runs(o, c->published);
	strbuf_adds(o, "<w:r><w:tab/></w:r>");
	runs(o, c->effective);
	p_close(o);
	p_open(o, "zhunCoverIssuer", NULL);
	runs(o, c->issuer);
	run(o, NULL, "　　发布", strlen("　　发布"));
	p_close(o);
}

/* A section's properties; `numbered`: header and footer, page numbers in `fmt` from 1. */
static void sect(struct strbuf *o, const char *fmt)
{
	strbuf_adds(o, "<w:sectPr>");
	if (fmt)
		strbuf_adds(o, "<w:headerReference w:type=\"default\" r:id=\"rIdHdrOdd\"/>"
			       "<w:headerReference w:type=\"even\" r:id=\"rIdHdrEven\"/>"
			       "<w:footerReference w:type=\"default\" r:id=\"rIdFtrOdd\"/>"
			       "<w:footerReference w:type=\"even\" r:id=\"rIdFtrEven\"/>");
	else
		strbuf_adds(o, "<w:headerReference w:type=\"default\" r:id=\"rIdHdrNone\"/>"
			       "<w:headerReference w:type=\"even\" r:id=\"rIdHdrNone\"/>"
			       "<w:footerReference w:type=\"default\" r:id=\"rIdFtrNone\"/>"
			       "<w:footerReference w:type=\"even\" r:id=\"rIdFtrNone\"/>");
	strbuf_addf(o,
		    "<w:type w:val=\"nextPage\"/><w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
		    "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
		    "w:header=\"851\" w:footer=\"567\" w:gutter=\"0\"/>",
		    PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_OUTSIDE, MARGIN_BOTTOM, MARGIN_INSIDE);
	if (fmt)
		strbuf_addf(o, "<w:pgNumType w:fmt=\"%s\" w:start=\"1\"/>", fmt);
	strbuf_adds(o, "</w:sectPr>");
}

/* The section ends in the pPr of the last paragraph of the section. */
static void sect_break(struct strbuf *o, const char *fmt)
{
	strbuf_adds(o, "<w:p><w:pPr>");
	sect(o, fmt);
	strbuf_adds(o, "</w:pPr></w:p>\n");
}

int render_doc_docx(const struct doc_layout *l, const struct doc_render_opts *opts,
		    struct strbuf *out, struct diag_store *ds)
{
	char *why = NULL;
	struct zipw *z = zipw_new(&why);
	if (!z) {
		struct diag *d =
		    diag_add(ds, DIAG_RENDER_TOOL_MISSING, opts->path ? opts->path : "",
			     (struct loc){ 0, 0 }, _("Word output needs libzip: %s"), why);
		diag_set_help(d, _("install the Debian package \"%s\" (apt-get install %s)"),
			      "libzip4", "libzip4");
		free(why);
		return -1;
	}
	struct strbuf doc, sb;
	strbuf_init(&doc);
	strbuf_init(&sb);
	struct w w = { .o = &doc, .l = l, .opts = opts, .ds = ds, .z = z, .ok = true };
	strbuf_init(&w.rels);

	strbuf_adds(
	    &doc, XML_DECL
	    "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" "
	    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
	    "<w:body>\n");
	for (size_t p = 0; p < l->nparts; p++) {
		const struct doc_part *part = &l->parts[p];
		if (part->kind == DOC_COVER) {
			cover(&w);
			sect_break(&doc, NULL);
			continue;
		}
		if (part->kind == DOC_TOC) {
			toc(&w, part);
		} else {
			/* a part on a new page inside a section: the break goes before its first
			 * paragraph (annex headings carry their own) */
			bool brk = part->new_page && p > 1 &&
				   part->pages == l->parts[p - 1].pages &&
				   !(part->nblocks && part->blocks[0].kind == DOC_ANNEX_HEAD);
			if (brk)
				strbuf_adds(&doc,
					    "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n");
			w.annex = part->kind == DOC_ANNEX;
			for (size_t i = 0; i < part->nblocks; i++)
				block(&w, &part->blocks[i]);
		}
		bool last_front = part->pages == DOC_PAGES_ROMAN &&
				  (p + 1 == l->nparts || l->parts[p + 1].pages != DOC_PAGES_ROMAN);
		if (last_front)
			sect_break(&doc, "upperRoman");
	}
	sect(&doc, "decimal");
	strbuf_adds(&doc, "</w:body></w:document>\n");

	strbuf_reset(&sb);
	/* odd and even headers differ; margins mirror on even pages; fields (the 目次) are
	 * refreshed when Word opens the file */
	strbuf_adds(&sb, XML_DECL
		    "<w:settings xmlns:w=\"" NS_W "\"><w:updateFields w:val=\"true\"/>"
		    "<w:mirrorMargins/><w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>"
		    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
		    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
		    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
		    "</w:settings>\n");
	struct strbuf styles, hf[6];
	strbuf_init(&styles);
	styles_xml(&styles);
	for (int i = 0; i < 6; i++)
		strbuf_init(&hf[i]);
	ooxml_hdr_ftr(&hf[0], false, "zhunHeader", "right", l->number, false);
	ooxml_hdr_ftr(&hf[1], false, "zhunHeader", "left", l->number, false);
	ooxml_hdr_ftr(&hf[2], false, "zhunHeader", "left", NULL, false);
	ooxml_hdr_ftr(&hf[3], true, "zhunFooter", "right", NULL, true);
	ooxml_hdr_ftr(&hf[4], true, "zhunFooter", "left", NULL, true);
	ooxml_hdr_ftr(&hf[5], true, "zhunFooter", "left", NULL, false);
	const struct ooxml_part parts[] = {
		{ "header1", "rIdHdrOdd", false, &hf[0] },
		{ "header2", "rIdHdrEven", false, &hf[1] },
		{ "header3", "rIdHdrNone", false, &hf[2] },
		{ "footer1", "rIdFtrOdd", true, &hf[3] },
		{ "footer2", "rIdFtrEven", true, &hf[4] },
		{ "footer3", "rIdFtrNone", true, &hf[5] },
	};
	struct strbuf title;
	strbuf_init(&title);
	if (l->number)
		strbuf_addf(&title, "%s　", l->number);
	strbuf_adds(&title, l->cover.title ? l->cover.title : "");
	if (!ooxml_package(z, title.buf, &doc, &styles, &sb, parts, 6,
			   w.rels.len ? w.rels.buf : NULL))
		w.ok = false;
	strbuf_release(&title);
	strbuf_release(&styles);
	for (int i = 0; i < 6; i++)
		strbuf_release(&hf[i]);

	int rc = 0;
	if (!w.ok) {
		zipw_free(z);
		rc = -1;
	} else if (!zipw_finish(z, out, &why)) {
		rc = -1;
	}
	if (rc) {
		diag_add(ds, DIAG_INTERNAL, opts->path ? opts->path : "", (struct loc){ 0, 0 },
			 _("cannot write the Word file: %s"),
			 why ? why : "libzip refused a member");
		free(why);
	}
	strbuf_release(&w.rels);
	strbuf_release(&doc);
	strbuf_release(&sb);
	return rc;
}
