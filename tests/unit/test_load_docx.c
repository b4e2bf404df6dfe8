/* SPDX-License-Identifier: MIT */
/* test_load_docx: the mapping of a Word document onto a standard (src/load_docx.c) on what
 * zhun's own Word writer puts in a file (docs/render.md, "For a reader of the file") — no-break
 * spaces inside standard numbers, an item's further paragraphs in the style zhun 列项段, the
 * cover's date and issuer lines left unset — each beside a near miss. Documents are packed
 * into stored archives here; whole rendered standards go through tests/render-roundtrip.sh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "helpers.h"
#include "load.h"
#include "strbuf.h"
#include "write.h"
#include "zpack.h"

TestSuite(load_docx);

#define W	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define PS(style, text)                                                                            \
	"<w:p><w:pPr><w:pStyle w:val=\"" style                                                     \
	"\"/></w:pPr><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define FIGSP "\xe2\x80\x87"

static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char doc_rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";
/* the styles of src/render_doc_docx.c this test needs, by their ids and names */
static const char styles[] = "<w:styles " W ">"
			     "<w:style w:type=\"paragraph\" w:styleId=\"zhunListPara1\"><w:name "
			     "w:val=\"zhun 列项段\"/></w:style>"
			     "<w:style w:type=\"paragraph\" w:styleId=\"zhunListPara2\"><w:name "
			     "w:val=\"zhun 二级列项段\"/></w:style>"
			     "<w:style w:type=\"paragraph\" w:styleId=\"Indent\"><w:name "
			     "w:val=\"Body Text Indent\"/></w:style>"
			     "</w:styles>";

/* Load a document of body `body` through the loader table, build its model, and write it as
 * YAML into `yaml`; findings in ds. */
static void load_doc(struct diag_store *ds, const char *body, struct strbuf *yaml)
{
	struct strbuf doc = STRBUF_INIT, zip = STRBUF_INIT;
	strbuf_addf(&doc, "<w:document " W "><w:body>%s</w:body></w:document>", body);
	struct zpack_part parts[] = {
		{ "_rels/.rels", rels, sizeof rels - 1 },
		{ "word/_rels/document.xml.rels", doc_rels, sizeof doc_rels - 1 },
		{ "word/document.xml", doc.buf, doc.len },
		{ "word/styles.xml", styles, sizeof styles - 1 },
	};
	zpack(parts, 4, &zip);
	struct limits lim;
	limits_default(&lim);
	test_tables();
	struct doc *d = load_buffer("t.docx", zip.buf, zip.len,
				    load_sniff("t.docx", zip.buf, zip.len), ds, &lim);
	cr_assert_not_null(d);
	model_build(d, ds);
	test_self_check(d, NULL, 0);
	diag_store_finish(ds);
	write_yaml(d, yaml);
	doc_free(d);
	strbuf_release(&doc);
	strbuf_release(&zip);
}

#define COVER P("Q/XXBWG" NBSP "301-003—2021") P("讲解服务规范")
#define SCOPE P("1　范围")

Test(load_docx, no_break_spaces_in_a_standard_number_are_spaces)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf y = STRBUF_INIT;
	load_doc(&ds,
		 COVER SCOPE P("本文件依据GB/T" NBSP "1.1—2020、GB/T" NNBSP "20000.1和GB/T" FIGSP
			       "28222起草。"),
		 &y);
	cr_expect(strstr(y.buf, "number: Q/XXBWG 301-003—2021\n"), "%s", y.buf);
	cr_expect(strstr(y.buf, "本文件依据GB/T 1.1—2020、GB/T 20000.1和GB/T 28222起草。"), "%s",
		  y.buf);
	cr_expect_null(strstr(y.buf, NBSP), "%s", y.buf);
	cr_expect_null(test_find(&ds, DIAG_STDNO_SPACING));
	strbuf_release(&y);
	diag_store_release(&ds);
}

/* Near miss: a no-break space that is no standard number's (5 ℃, a code glued to a word, a
 * space after the number) is the author's and stays. */
Test(load_docx, no_break_spaces_elsewhere_are_kept)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf y = STRBUF_INIT;
	load_doc(&ds,
		 COVER SCOPE P("室温不低于5" NBSP "℃，见XGB/T" NBSP "1.1与GB/T 1.1" NBSP "全文。"),
		 &y);
	cr_expect(strstr(y.buf, "室温不低于5" NBSP "℃，见XGB/T" NBSP "1.1与GB/T 1.1" NBSP "全文。"),
		  "%s", y.buf);
	strbuf_release(&y);
	diag_store_release(&ds);
}

/* The writer's zhun 列项段 paragraph after an item is one of the item's paras (issue 18); the
 * same paragraph in another style, however indented, stays a paragraph of the clause. */
Test(load_docx, list_item_paragraphs_by_their_style)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf y = STRBUF_INIT;
	load_doc(&ds,
		 COVER SCOPE P("服务应符合下列要求：") P("a）开放时间应公示；")
		     PS("zhunListPara1", "节假日开放时间另行公示。") P("b）服务项目包括：")
			 P("——展览；") PS("zhunListPara2", "展览应有说明。") P("——培训。")
			     PS("Indent", "各项目应有专人负责。"),
		 &y);
	cr_expect(strstr(y.buf, "        - text: 开放时间应公示；\n"
				"          paras: [节假日开放时间另行公示。]\n"
				"        - text: 服务项目包括：\n"
				"          list:\n"
				"            style: dash\n"
				"            items:\n"
				"            - text: 展览；\n"
				"              paras: [展览应有说明。]\n"
				"            - 培训。\n"
				"    - 各项目应有专人负责。\n"),
		  "%s", y.buf);
	cr_expect_null(test_find(&ds, DIAG_IMPORT_UNMAPPED));
	strbuf_release(&y);
	diag_store_release(&ds);
}

/* Near miss: zhun 列项段 with no list open (or one level too deep) is the clause's paragraph. */
Test(load_docx, list_paragraph_style_without_a_list)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf y = STRBUF_INIT;
	load_doc(&ds,
		 COVER SCOPE PS("zhunListPara1", "本文件规定了讲解服务。") P("a）开放时间应公示。")
		     PS("zhunListPara2", "另行公示。"),
		 &y);
	cr_expect(strstr(y.buf, "本文件规定了讲解服务。"), "%s", y.buf);
	cr_expect_null(strstr(y.buf, "paras"), "%s", y.buf);
	cr_expect(strstr(y.buf, "    - 另行公示。\n"), "%s", y.buf);
	strbuf_release(&y);
	diag_store_release(&ds);
}

/* The cover of a standard whose dates and issuer are not set yet, as the writer prints it. */
Test(load_docx, cover_placeholders_are_empty_fields)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf y = STRBUF_INIT;
	load_doc(&ds,
		 COVER P("XXXX-XX-XX发布\tXXXX-XX-XX实施") P("××××-××-×× 发布") P("　　发布") SCOPE,
		 &y);
	cr_expect(strstr(y.buf, "  title: 讲解服务规范\n"), "%s", y.buf);
	cr_expect_null(strstr(y.buf, "published"), "%s", y.buf);
	cr_expect_null(strstr(y.buf, "effective"), "%s", y.buf);
	cr_expect_null(strstr(y.buf, "issuer"), "%s", y.buf);
	cr_expect_null(strstr(y.buf, "XXXX"), "%s", y.buf);
	cr_expect_null(strstr(y.buf, "××"), "%s", y.buf);
	strbuf_release(&y);
	diag_store_release(&ds);
}

/* Near miss: dates and an issuer that are set are read; a line that only looks like a
 * placeholder (no 发布/实施 after it, a short X run) is more of the title. */
Test(load_docx, cover_dates_and_issuer_set)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf y = STRBUF_INIT;
	load_doc(&ds,
		 COVER P("XXX-XX-XX版") P("2021-04-01发布\tXXXX-XX-XX实施")
		     P("青州市博物馆　　发布") SCOPE,
		 &y);
	cr_expect(strstr(y.buf, "  title: 讲解服务规范　XXX-XX-XX版\n"), "%s", y.buf);
	cr_expect(strstr(y.buf, "  published: 2021-04-01\n"), "%s", y.buf);
	cr_expect_null(strstr(y.buf, "effective"), "%s", y.buf);
	cr_expect(strstr(y.buf, "  issuer: 青州市博物馆\n"), "%s", y.buf);
	strbuf_release(&y);
	diag_store_release(&ds);
}
