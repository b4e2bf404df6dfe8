/* SPDX-License-Identifier: MIT */
/* test_docx: the Word reader from memory — numbers in every numFmt, automatic numbering as Word
 * counts it (levels, lvlRestart, isLgl, startOverride, a level found by its pStyle, counters
 * shared by two lists of one definition), outline levels through basedOn and heading names,
 * the text of runs (tabs, breaks, symbols, fields, revisions, alternate content), OMML as
 * linear text, table grids with spans and merges, paragraph numbers. Documents are packed into
 * stored archives here; documents from python3-docx and LibreOffice are in
 * tests/docx-import.sh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "docx.h"
#include "helpers.h"
#include "load.h"
#include "strbuf.h"
#include "zpack.h"

static struct limits lim;

static void setup(void)
{
	limits_default(&lim);
}

TestSuite(docx, .init = setup);

#define W                                                                                          \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                \
	"xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\""

static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char doc_rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";

/* Read a document of body `body` (and optional styles and numbering parts' inner XML). */
static struct docx *read_doc(struct diag_store *ds, const char *body, const char *styles,
			     const char *numbering)
{
	struct strbuf doc = STRBUF_INIT, st = STRBUF_INIT, nu = STRBUF_INIT, zip = STRBUF_INIT;
	strbuf_addf(&doc, "<w:document " W "><w:body>%s</w:body></w:document>", body);
	strbuf_addf(&st, "<w:styles " W ">%s</w:styles>", styles ? styles : "");
	strbuf_addf(&nu, "<w:numbering " W ">%s</w:numbering>", numbering ? numbering : "");
	struct zpack_part parts[] = {
		{ "_rels/.rels", rels, sizeof rels - 1 },
		{ "word/_rels/document.xml.rels", doc_rels, sizeof doc_rels - 1 },
		{ "word/document.xml", doc.buf, doc.len },
		{ "word/styles.xml", st.buf, st.len },
		{ "word/numbering.xml", nu.buf, nu.len },
	};
	zpack(parts, 5, &zip);
	struct docx *d = docx_read("t.docx", zip.buf, zip.len, ds, &lim);
	strbuf_release(&doc);
	strbuf_release(&st);
	strbuf_release(&nu);
	strbuf_release(&zip);
	return d;
}

static const struct docx_para *para(const struct docx *d, size_t i)
{
	cr_assert_lt(i, d->nblocks);
	cr_assert_eq(d->blocks[i].kind, DOCX_PARA);
	return &d->blocks[i].para;
}

#define P(props, text) "<w:p><w:pPr>" props "</w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define NUM(id, lvl)   "<w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #id "\"/></w:numPr>"
#define LVL(i, start, fmt, text)                                                                   \
	"<w:lvl w:ilvl=\"" #i "\"><w:start w:val=\"" #start "\"/><w:numFmt w:val=\"" fmt           \
	"\"/><w:lvlText w:val=\"" text "\"/></w:lvl>"

Test(docx, numbers_in_every_format)
{
	static const struct {
		const char *fmt;
		int64_t v;
		const char *want;
	} cases[] = {
		{ "decimal", 12, "12" },
		{ "lowerLetter", 1, "a" },
		{ "lowerLetter", 26, "z" },
		{ "lowerLetter", 27, "aa" },
		{ "upperLetter", 3, "C" },
		{ "lowerRoman", 14, "xiv" },
		{ "upperRoman", 1999, "MCMXCIX" },
		{ "chineseCounting", 1, "一" },
		{ "chineseCounting", 10, "十" },
		{ "chineseCounting", 11, "十一" },
		{ "chineseCounting", 20, "二十" },
		{ "chineseCounting", 105, "一百〇五" },
		{ "chineseCountingThousand", 23, "二十三" },
		{ "ideographTraditional", 2, "乙" },
		{ "decimalEnclosedCircle", 3, "③" },
		{ "decimalFullWidth", 12, "１２" },
		{ "decimalZero", 7, "07" },
		{ "none", 5, "" },
		{ "someFutureFormat", 5, "5" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf sb;
		strbuf_init(&sb);
		docx_format_number(cases[i].fmt, cases[i].v, &sb);
		cr_expect_str_eq(sb.buf, cases[i].want, "%s %lld", cases[i].fmt,
				 (long long)cases[i].v);
		strbuf_release(&sb);
	}
}

Test(docx, multilevel_numbers_restart_below_and_continue_above)
{
	const char *num = "<w:abstractNum w:abstractNumId=\"0\">" LVL(0, 1, "decimal", "%1")
	    LVL(1, 1, "decimal", "%1.%2")
		LVL(2, 1, "decimal",
		    "%1.%2.%3") "</w:abstractNum>"
				"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d =
	    read_doc(&ds,
		     P(NUM(1, 0), "a") P(NUM(1, 1), "b") P(NUM(1, 2), "c") P(NUM(1, 1), "d")
			 P(NUM(1, 0), "e") P(NUM(1, 1), "f") P(NUM(1, 2), "g"),
		     NULL, num);
	cr_assert_not_null(d);
	const char *want[] = { "1", "1.1", "1.1.1", "1.2", "2", "2.1", "2.1.1" };
	for (size_t i = 0; i < 7; i++)
		cr_expect_str_eq(para(d, i)->label, want[i], "paragraph %zu", i + 1);
	cr_expect_eq(diag_store_size(&ds), 0);
	docx_free(d);
	diag_store_release(&ds);
}

Test(docx, lists_of_one_definition_share_counters_unless_restarted)
{
	const char *num = "<w:abstractNum w:abstractNumId=\"0\">" LVL(
	    0, 1, "lowerLetter",
	    "%1）") "</w:abstractNum>"
		    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
		    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>"
		    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride "
		    "w:ilvl=\"0\">"
		    "<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>";
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d = read_doc(&ds,
				  P(NUM(1, 0), "x") P(NUM(1, 0), "x") P(NUM(2, 0), "x")
				      P(NUM(3, 0), "x") P(NUM(3, 0), "x"),
				  NULL, num);
	cr_assert_not_null(d);
	const char *want[] = { "a）", "b）", "c）", "a）", "b）" };
	for (size_t i = 0; i < 5; i++)
		cr_expect_str_eq(para(d, i)->label, want[i], "paragraph %zu", i + 1);
	docx_free(d);
	diag_store_release(&ds);
}

Test(docx, lvl_restart_islgl_and_a_level_found_by_its_style)
{
	/* annex numbers: level 0 "附录%1" in upperLetter; level 1 "%1.%2" shows the letter;
	 * the level of a paragraph in style AnnexH is found by the level's pStyle */
	const char *styles =
	    "<w:style w:type=\"paragraph\" w:styleId=\"AnnexMark\"><w:name w:val=\"附录标识\"/>"
	    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"AnnexH\"><w:name w:val=\"附录一级条标题\"/>"
	    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>";
	const char *num =
	    "<w:abstractNum w:abstractNumId=\"0\">"
	    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperLetter\"/>"
	    "<w:pStyle w:val=\"AnnexMark\"/><w:lvlText w:val=\"附录%1\"/></w:lvl>"
	    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
	    "<w:pStyle w:val=\"AnnexH\"/><w:lvlText w:val=\"%1.%2\"/></w:lvl>"
	    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
	    "<w:lvlRestart w:val=\"0\"/><w:isLgl/><w:lvlText w:val=\"%1-%3\"/></w:lvl>"
	    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d =
	    read_doc(&ds,
		     P("<w:pStyle w:val=\"AnnexMark\"/>", "") P("<w:pStyle w:val=\"AnnexH\"/>", "t")
			 P("<w:pStyle w:val=\"AnnexH\"/>", "t") P(NUM(1, 2), "x")
			     P("<w:pStyle w:val=\"AnnexMark\"/>", "")
				 P("<w:pStyle w:val=\"AnnexH\"/>", "t") P(NUM(1, 2), "x"),
		     styles, num);
	cr_assert_not_null(d);
	/* level 2 never restarts (lvlRestart 0) and shows level 0 in decimal (isLgl) */
	const char *want[] = { "附录A", "A.1", "A.2", "1-1", "附录B", "B.1", "2-2" };
	for (size_t i = 0; i < 7; i++)
		cr_expect_str_eq(para(d, i)->label, want[i], "paragraph %zu", i + 1);
	cr_expect_str_eq(para(d, 1)->style_name, "附录一级条标题");
	docx_free(d);
	diag_store_release(&ds);
}

Test(docx, outline_levels_through_based_on_and_heading_names)
{
	const char *styles =
	    "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"Mine\"><w:name w:val=\"My heading\"/>"
	    "<w:basedOn w:val=\"1\"/></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"ZH3\"><w:name w:val=\"标题 3\"/></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"Lvl\"><w:name w:val=\"Body\"/>"
	    "<w:pPr><w:outlineLvl w:val=\"4\"/></w:pPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"LoopA\"><w:name w:val=\"a\"/>"
	    "<w:basedOn w:val=\"LoopB\"/></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"LoopB\"><w:name w:val=\"b\"/>"
	    "<w:basedOn w:val=\"LoopA\"/></w:style>";
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d = read_doc(
	    &ds,
	    P("<w:pStyle w:val=\"1\"/>", "x") P("<w:pStyle w:val=\"Mine\"/>", "x")
		P("<w:pStyle w:val=\"ZH3\"/>", "x") P("<w:pStyle w:val=\"Lvl\"/>", "x")
		    P("<w:pStyle w:val=\"LoopA\"/>", "x") P("<w:outlineLvl w:val=\"1\"/>", "x"),
	    styles, NULL);
	cr_assert_not_null(d);
	int want[] = { 0, 0, 2, 4, -1, 1 };
	for (size_t i = 0; i < 6; i++)
		cr_expect_eq(para(d, i)->outline, want[i], "paragraph %zu: %d", i + 1,
			     para(d, i)->outline);
	cr_expect_str_eq(para(d, 1)->style_name, "My heading");
	docx_free(d);
	diag_store_release(&ds);
}

Test(docx, text_as_shown_fields_revisions_symbols_and_alternate_content)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d = read_doc(
	    &ds,
	    "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE "
	    "</w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
	    "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>"
	    "<w:ins><w:r><w:t>new</w:t></w:r></w:ins>"
	    "<w:r><w:sym w:font=\"Symbol\" w:char=\"F0B1\"/><w:noBreakHyphen/></w:r>"
	    "<w:hyperlink><w:r><w:t xml:space=\"preserve\"> link</w:t></w:r></w:hyperlink>"
	    "<mc:AlternateContent "
	    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
	    "<mc:Choice Requires=\"wps\"><w:r><w:t>!</w:t></w:r></mc:Choice>"
	    "<mc:Fallback><w:r><w:t>twice</w:t></w:r></mc:Fallback></mc:AlternateContent>"
	    "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
	    "<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle "
	    "w:val=\"Old\"/></w:pPr></w:pPrChange></w:pPr>"
	    "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>in a "
	    "box</w:t></w:r></w:p></w:txbxContent>"
	    "</w:drawing></w:r></w:p>"
	    "<w:p><m:oMathPara><m:oMath><m:r><m:t>s=</m:t></m:r><m:rad><m:radPr/><m:deg/><m:e><m:r>"
	    "<m:t>x</m:t></m:r></m:e></m:rad><m:r><m:t>+</m:t></m:r><m:sSub><m:e><m:r><m:t>y</m:t>"
	    "</m:r></m:e><m:sub><m:r><m:t>i</m:t></m:r></m:sub></m:sSub><m:nary><m:naryPr>"
	    "<m:chr m:val=\"∑\"/></m:naryPr><m:sub><m:r><m:t>k</m:t></m:r></m:sub><m:sup/><m:e>"
	    "<m:r><m:t>k</m:t></m:r></m:e></m:nary></m:oMath></m:oMathPara></w:p>",
	    NULL, NULL);
	cr_assert_not_null(d);
	cr_expect_str_eq(para(d, 0)->text, "a\tb\nc7new±- link!");
	cr_expect_eq(para(d, 0)->footnotes, 1);
	cr_expect_str_eq(para(d, 1)->text, "");
	cr_expect_str_eq(para(d, 1)->style_id, "");
	cr_expect(para(d, 1)->drawing);
	cr_expect_eq(para(d, 2)->num, 3, "the text box's paragraph is not counted");
	cr_expect_str_eq(para(d, 2)->text, "s=√(x)+y_(i)∑_(k)^()(k)");
	cr_expect(para(d, 2)->math);
	docx_free(d);
	diag_store_release(&ds);
}

Test(docx, superscript_tail_is_the_last_stretch_of_superscript_runs)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d = read_doc(
	    &ds,
	    /* a mark after the text; a superscript in the middle is no tail */
	    "<w:p><w:r><w:t>9:00</w:t></w:r><w:r><w:rPr><w:vertAlign "
	    "w:val=\"superscript\"/></w:rPr>"
	    "<w:t>a,</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
	    "<w:t>b</w:t></w:r></w:p>"
	    "<w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>2</w:t></w:r>"
	    "<w:r><w:t>m</w:t></w:r></w:p>"
	    /* the paragraph mark's superscript (pPr/rPr) and a subscript are not the text's */
	    "<w:p><w:pPr><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:pPr><w:r><w:rPr>"
	    "<w:vertAlign w:val=\"subscript\"/></w:rPr><w:t>x</w:t></w:r></w:p>",
	    NULL, NULL);
	cr_assert_not_null(d);
	cr_expect_str_eq(para(d, 0)->text, "9:00a,b");
	cr_expect_eq(para(d, 0)->sup_tail, 3);
	cr_expect_eq(para(d, 1)->sup_tail, 0);
	cr_expect_eq(para(d, 2)->sup_tail, 0);
	docx_free(d);
	diag_store_release(&ds);
}

Test(docx, tables_with_spans_merges_and_paragraph_numbers)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct docx *d = read_doc(
	    &ds,
	    P("", "before") "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P(
		"",
		"AB") "</w:tc>"
		      "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P("", "C")
			  P("",
			    "C2") "</w:tc></w:tr>"
				  "<w:tr><w:tc>" P("", "a") "</w:tc><w:tc>" P(
				      "",
				      "b") "</w:tc>"
					   "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
					   "<w:tr><w:trPr><w:gridBefore "
					   "w:val=\"1\"/></w:trPr><w:tc>" P(
					       "", "y") "</w:tc></w:tr></w:tbl>" P("", "after"),
	    NULL, NULL);
	cr_assert_not_null(d);
	cr_assert_eq(d->nblocks, 3);
	const struct docx_table *t = &d->blocks[1].table;
	cr_assert_eq(d->blocks[1].kind, DOCX_TABLE);
	cr_expect_eq(t->nrows, 3);
	cr_expect_eq(t->ncols, 3);
	cr_expect_eq(t->num, 2);
	cr_assert_eq(t->ncells, 5);
	cr_expect_eq(t->cells[0].colspan, 2);
	cr_expect_eq(t->cells[1].col, 2);
	cr_expect_eq(t->cells[1].rowspan, 2);
	cr_expect_eq(t->cells[1].nparas, 2);
	cr_expect_str_eq(t->cells[1].paras[1].text, "C2");
	cr_expect_eq(t->cells[1].paras[1].num, 4);
	cr_expect_eq(t->cells[4].row, 2);
	cr_expect_eq(t->cells[4].col, 1, "gridBefore skips a column");
	/* 1 before, 2 AB, 3 C, 4 C2, 5 a, 6 b, 7 (merged-away cell), 8 y, 9 after */
	cr_expect_eq(para(d, 2)->num, 9);
	cr_expect_eq(d->nparas, 9);
	docx_free(d);
	diag_store_release(&ds);
}
