/* SPDX-License-Identifier: MIT */
/* test_sheet: the spreadsheet readers from memory — A1 references, the grid look-ups and
 * positions, CSV quoting, encodings and limits, the zip reader's directory checks and limits,
 * the SAX reader's refusals, and xlsx parts packed into stored archives here (values, types,
 * dates in both systems, shared strings, merged ranges, missing parts). Workbooks from real
 * writers and compressed hostile archives are in tests/sheet-readers.sh. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "helpers.h"
#include "load.h"
#include "sax.h"
#include "sheet.h"
#include "sheet_int.h"
#include "strbuf.h"
#include "ziparc.h"
#include "zpack.h"

static struct limits lim;

static void setup(void)
{
	limits_default(&lim);
}

TestSuite(sheet, .init = setup);

/* ---- A1 references and positions ---- */

Test(sheet, column_names_and_a1_references_round_trip)
{
	static const struct {
		uint32_t col;
		const char *name;
	} cases[] = { { 0, "A" },    { 25, "Z" },    { 26, "AA" },
		      { 701, "ZZ" }, { 702, "AAA" }, { 16383, "XFD" } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		sheet_col_name(cases[i].col, &sb);
		cr_assert_str_eq(sb.buf, cases[i].name);
		strbuf_addu(&sb, 17);
		uint32_t r, c;
		cr_assert_eq(sheet_parse_a1(sb.buf, sb.len, &r, &c), sb.len);
		cr_assert_eq(c, cases[i].col);
		cr_assert_eq(r, 16);
		strbuf_release(&sb);
	}
	uint32_t r, c;
	cr_assert_eq(sheet_parse_a1("$c$17", 5, &r, &c), 5);
	cr_assert_eq(r, 16);
	cr_assert_eq(c, 2);
	cr_assert_eq(sheet_parse_a1("XFD1048576", 10, &r, &c), 10);
	cr_assert_eq(sheet_parse_a1("XFE1", 4, &r, &c), 0, "past column XFD");
	cr_assert_eq(sheet_parse_a1("A1048577", 8, &r, &c), 0, "past row 1,048,576");
	cr_assert_eq(sheet_parse_a1("A0", 2, &r, &c), 0);
	cr_assert_eq(sheet_parse_a1("17", 2, &r, &c), 0);
	cr_assert_eq(sheet_parse_a1("C", 1, &r, &c), 0);
	cr_assert_eq(sheet_parse_a1("B2:C3", 5, &r, &c), 2, "stops at the colon");
}

/* ---- CSV ---- */

static struct sheet_book *csv(const char *path, const char *text, size_t len, struct diag_store *ds)
{
	return sheet_csv_read(path, text, len, NULL, ds, &lim);
}

#define CSV(path, lit, ds) csv(path, lit, sizeof lit - 1, ds)

static void assert_cell(const struct sheet *s, uint32_t row, uint32_t col, enum cell_type t,
			const char *text)
{
	const struct sheet_cell *c = sheet_cell_at(s, row, col);
	cr_assert_not_null(c, "no cell at %u,%u", row, col);
	cr_assert_eq(c->type, t, "cell %u,%u has type %d", row, col, c->type);
	cr_assert_str_eq(c->text, text);
	cr_assert_eq(c->len, strlen(text));
}

Test(sheet, csv_quotes_line_breaks_and_positions)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct sheet_book *b =
	    CSV("a.csv", "序号,名称\r\n1,\"多行\r\n文本，含\"\"引号\"\"\"\r\n2,\r\n", &ds);
	cr_assert_not_null(b);
	cr_assert_eq(ds.n, 0);
	const struct sheet *s = &b->sheets[0];
	cr_assert_str_eq(s->name, "a.csv");
	cr_assert_eq(s->nrows, 3);
	cr_assert_eq(s->height, 3);
	cr_assert_eq(s->width, 2);
	assert_cell(s, 1, 1, CELL_STRING, "多行\n文本，含\"引号\"");
	assert_cell(s, 2, 1, CELL_EMPTY, "");
	/* the record after a quoted line break starts on line 4 */
	const struct sheet_cell *c = sheet_cell_at(s, 2, 0);
	cr_assert_eq(c->loc.line, 4);
	cr_assert_eq(c->loc.col, 1);
	c = sheet_cell_at(s, 0, 1);
	cr_assert_eq(c->loc.col, 4, "columns count code points: 序号, is 3");
	struct strbuf pos = STRBUF_INIT;
	sheet_pos(b, s, 1, 1, &pos);
	cr_assert_str_eq(pos.buf, "a.csv:2:3");
	strbuf_reset(&pos);
	sheet_pos(b, s, 1, 7, &pos);
	cr_assert_str_eq(pos.buf, "a.csv:2", "a missing cell: its row's line");
	strbuf_release(&pos);
	sheet_book_free(b);
	diag_store_release(&ds);
}

Test(sheet, csv_encodings_are_detected)
{
	struct diag_store ds;
	diag_store_init(&ds);
	/* 序号,名称 in GB18030 */
	struct sheet_book *b = CSV("g.csv",
				   "\xD0\xF2\xBA\xC5"
				   ","
				   "\xC3\xFB\xB3\xC6"
				   "\n",
				   &ds);
	cr_assert_not_null(b);
	cr_assert_str_eq(b->encoding, "GB18030");
	assert_cell(&b->sheets[0], 0, 0, CELL_STRING, "序号");
	assert_cell(&b->sheets[0], 0, 1, CELL_STRING, "名称");
	sheet_book_free(b);
	/* a UTF-8 BOM is not text */
	b = CSV("u.csv",
		"\xEF\xBB\xBF"
		"a,b\n",
		&ds);
	cr_assert_str_eq(b->encoding, "UTF-8");
	assert_cell(&b->sheets[0], 0, 0, CELL_STRING, "a");
	sheet_book_free(b);
	/* UTF-16LE with its BOM, tab-separated: Excel's "Unicode text" */
	b = CSV("u.txt", "\xFF\xFE\x8F\x5E\x09\x00\x31\x00\x0D\x00\x0A\x00", &ds);
	cr_assert_not_null(b);
	cr_assert_str_eq(b->encoding, "UTF-16LE");
	cr_assert_eq(b->delimiter, '\t');
	assert_cell(&b->sheets[0], 0, 0, CELL_STRING, "序");
	assert_cell(&b->sheets[0], 0, 1, CELL_STRING, "1");
	sheet_book_free(b);
	cr_assert_eq(ds.n, 0);
	/* 0xFF is neither UTF-8 nor GB18030 */
	b = CSV("bad.csv", "ab\ncd\xFF\n", &ds);
	cr_assert_null(b);
	const struct diag *d = test_find(&ds, DIAG_ENCODING_INVALID);
	cr_assert_not_null(d);
	cr_assert_eq(d->loc.line, 2);
	cr_assert_eq(d->loc.col, 3);
	diag_store_release(&ds);
}

Test(sheet, csv_delimiter_by_extension_or_sniffed)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct sheet_book *b = CSV("x.tsv", "a,b\tc\n", &ds);
	cr_assert_eq(b->delimiter, '\t');
	assert_cell(&b->sheets[0], 0, 0, CELL_STRING, "a,b");
	sheet_book_free(b);
	b = CSV("x.csv", "a;b;c\n", &ds);
	cr_assert_eq(b->delimiter, ';');
	sheet_book_free(b);
	b = CSV("x.csv", "\"a;b;c\",d;e\n", &ds);
	cr_assert_eq(b->delimiter, ',', "a tie (one each outside quotes) is a comma");
	sheet_book_free(b);
	b = CSV("x.csv", "one field\n", &ds);
	cr_assert_eq(b->delimiter, ',');
	sheet_book_free(b);
	cr_assert_eq(ds.n, 0);
	diag_store_release(&ds);
}

Test(sheet, csv_broken_quotes_are_errors_and_the_rest_is_kept)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct sheet_book *b = CSV("q.csv", "a,\"b\"c,d\n", &ds);
	cr_assert_not_null(b);
	const struct diag *d = test_find(&ds, DIAG_CSV_SYNTAX);
	cr_assert_not_null(d);
	cr_assert_eq(d->loc.col, 6);
	assert_cell(&b->sheets[0], 0, 1, CELL_STRING, "bc");
	assert_cell(&b->sheets[0], 0, 2, CELL_STRING, "d");
	sheet_book_free(b);
	diag_store_release(&ds);
	diag_store_init(&ds);
	b = CSV("q.csv", "a,\"b\n", &ds);
	cr_assert_not_null(b);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.v[0].code, DIAG_CSV_SYNTAX);
	cr_assert_eq(ds.v[0].loc.col, 3, "at the opening quote");
	sheet_book_free(b);
	diag_store_release(&ds);
}

Test(sheet, csv_limits_and_max_rows)
{
	struct diag_store ds;
	diag_store_init(&ds);
	lim.max_nodes = 3;
	cr_assert_null(CSV("n.csv", "a,b\nc,d\n", &ds));
	cr_assert_not_null(test_find(&ds, DIAG_NODE_LIMIT));
	diag_store_release(&ds);
	diag_store_init(&ds);
	lim.max_nodes = 4;
	struct sheet_book *b = CSV("n.csv", "a,b\nc,d\n", &ds);
	cr_assert_not_null(b, "4 cells at a limit of 4");
	sheet_book_free(b);
	lim.max_line_length = 5;
	cr_assert_null(CSV("l.csv", "abcde\nabcdef\n", &ds));
	const struct diag *d = test_find(&ds, DIAG_LINE_TOO_LONG);
	cr_assert_not_null(d);
	cr_assert_eq(d->loc.line, 2);
	diag_store_release(&ds);
	diag_store_init(&ds);
	limits_default(&lim);
	struct sheet_read_opts o = { NULL, 2 };
	b = sheet_csv_read("r.csv", "1\n2\n3\n", 6, &o, &ds, &lim);
	cr_assert_eq(b->sheets[0].nrows, 2);
	cr_assert_not(b->sheets[0].complete);
	sheet_book_free(b);
	cr_assert_null(CSV("z.csv", "a,\0b\n", &ds));
	cr_assert_not_null(test_find(&ds, DIAG_NUL_BYTE));
	diag_store_release(&ds);
}

/* ---- the zip reader ---- */

static void pack(struct strbuf *out, const struct zpack_part *parts, size_t n)
{
	strbuf_reset(out);
	zpack(parts, n, out);
}

Test(sheet, ziparc_lists_finds_and_reads_members)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct zpack_part parts[] = { { "a.txt", "hello", 5 }, { "dir/b.xml", "<b/>", 4 } };
	struct strbuf zip = STRBUF_INIT, got = STRBUF_INIT;
	pack(&zip, parts, 2);
	cr_assert(ziparc_sniff(zip.buf, zip.len));
	struct ziparc *z = ziparc_new("t.zip", zip.buf, zip.len, &ds, &lim);
	cr_assert_not_null(z);
	cr_assert_eq(ziparc_count(z), 2);
	cr_assert_str_eq(ziparc_name(z, 1), "dir/b.xml");
	cr_assert(ziparc_has(z, "a.txt"));
	cr_assert_not(ziparc_has(z, "A.TXT"), "names are case-sensitive");
	cr_assert(ziparc_read(z, "dir/b.xml", &got));
	cr_assert_str_eq(got.buf, "<b/>");
	cr_assert_not(ziparc_read(z, "missing.xml", &got));
	cr_assert_not_null(test_find(&ds, DIAG_ARCHIVE_MEMBER_MISSING));
	ziparc_free(z);
	strbuf_release(&zip);
	strbuf_release(&got);
	diag_store_release(&ds);
}

Test(sheet, ziparc_refuses_unsafe_names)
{
	static const char *const bad[] = { "../x", "a/../../x", "/etc/passwd", "C:/x", "a\\b",
					   "a\tb", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct zpack_part parts[] = { { "ok.xml", "x", 1 }, { bad[i], "x", 1 } };
		struct strbuf zip = STRBUF_INIT;
		pack(&zip, parts, 2);
		struct ziparc *z = ziparc_new("t.zip", zip.buf, zip.len, &ds, &lim);
		cr_assert_null(z, "name “%s” accepted", bad[i]);
		cr_assert_not_null(test_find(&ds, DIAG_ARCHIVE_NAME_UNSAFE), "name “%s”", bad[i]);
		strbuf_release(&zip);
		diag_store_release(&ds);
	}
	/* the near misses */
	struct diag_store ds;
	diag_store_init(&ds);
	struct zpack_part ok[] = { { "a..b/..c", "x", 1 }, { "x/./y", "x", 1 } };
	struct strbuf zip = STRBUF_INIT;
	pack(&zip, ok, 2);
	struct ziparc *z = ziparc_new("t.zip", zip.buf, zip.len, &ds, &lim);
	cr_assert_not_null(z);
	cr_assert_eq(ds.n, 0);
	ziparc_free(z);
	strbuf_release(&zip);
	diag_store_release(&ds);
}

Test(sheet, ziparc_limits_at_and_past)
{
	struct zpack_part parts[] = { { "a", "12345678", 8 }, { "b", "1234", 4 } };
	struct strbuf zip = STRBUF_INIT, got = STRBUF_INIT;
	pack(&zip, parts, 2);
	struct {
		size_t *field;
		size_t at;
		enum diag_code code;
	} cases[] = {
		{ &lim.max_members, 2, DIAG_ARCHIVE_TOO_LARGE },
		{ &lim.max_member_size, 8, DIAG_ARCHIVE_TOO_LARGE },
		{ &lim.max_archive_size, 12, DIAG_ARCHIVE_TOO_LARGE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (int past = 0; past < 2; past++) {
			limits_default(&lim);
			*cases[i].field = cases[i].at - (size_t)past;
			struct diag_store ds;
			diag_store_init(&ds);
			struct ziparc *z = ziparc_new("t.zip", zip.buf, zip.len, &ds, &lim);
			if (past) {
				cr_assert_null(z, "limit %zu: accepted one past it", i);
				cr_assert_not_null(test_find(&ds, cases[i].code));
			} else {
				cr_assert_not_null(z, "limit %zu: refused at it", i);
				cr_assert(ziparc_read(z, "a", &got));
				cr_assert(ziparc_read(z, "b", &got));
				ziparc_free(z);
			}
			diag_store_release(&ds);
		}
	}
	strbuf_release(&zip);
	strbuf_release(&got);
}

Test(sheet, ziparc_refuses_damage)
{
	struct zpack_part parts[] = { { "a.xml", "<a>text</a>", 11 } };
	struct strbuf zip = STRBUF_INIT, got = STRBUF_INIT;
	pack(&zip, parts, 1);
	/* the data byte after the local header (30 bytes + name): a CRC mismatch */
	struct strbuf bad = STRBUF_INIT;
	strbuf_add(&bad, zip.buf, zip.len);
	bad.buf[30 + 5 + 3] ^= 0x20;
	struct diag_store ds;
	diag_store_init(&ds);
	struct ziparc *z = ziparc_new("t.zip", bad.buf, bad.len, &ds, &lim);
	cr_assert_not_null(z, "the directory is intact");
	cr_assert_not(ziparc_read(z, "a.xml", &got));
	const struct diag *d = test_find(&ds, DIAG_ARCHIVE_CORRUPT);
	cr_assert_not_null(d);
	cr_assert(strstr(d->msg, "CRC"), "%s", d->msg);
	ziparc_free(z);
	diag_store_release(&ds);
	/* cut short, empty, or not a zip */
	static const size_t cuts[] = { 0, 10, 40 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		diag_store_init(&ds);
		cr_assert_null(
		    ziparc_new("t.zip", zip.buf, zip.len - cuts[i] - (i ? 0 : zip.len), &ds, &lim));
		cr_assert_not_null(test_find(&ds, DIAG_ARCHIVE_CORRUPT));
		diag_store_release(&ds);
	}
	strbuf_release(&zip);
	strbuf_release(&got);
	strbuf_release(&bad);
}

/* ---- the SAX reader ---- */

struct memsrc {
	const char *s;
	size_t len, off, chunk;
};

static ssize_t mem_read(void *p, char *buf, size_t cap)
{
	struct memsrc *m = p;
	size_t n = m->len - m->off;
	if (n > cap)
		n = cap;
	if (n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->s + m->off, n);
	m->off += n;
	return (ssize_t)n;
}

struct collect {
	struct strbuf out;
	size_t stop_after;
	size_t starts;
};

static void c_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a, size_t n)
{
	struct collect *c = ud;
	strbuf_addf(&c->out, "<%s", name);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&c->out, " %s=%.*s", a[i].name, (int)a[i].len, a[i].value);
	strbuf_addc(&c->out, '>');
	if (++c->starts == c->stop_after)
		sax_stop(sx, true);
}

static void c_text(struct sax *sx, void *ud, const char *s, size_t n)
{
	(void)sx;
	strbuf_add(&((struct collect *)ud)->out, s, n);
}

static bool sax_run(const char *xml, size_t chunk, struct collect *c, struct diag_store *ds)
{
	struct memsrc m = { xml, strlen(xml), 0, chunk };
	struct sax_handler h = { c, c_start, NULL, c_text };
	return sax_parse("t.xml", mem_read, &m, &h, ds, &lim);
}

Test(sheet, sax_reads_in_chunks_and_decodes_values)
{
	static const char xml[] = "<?xml version=\"1.0\"?>\n<r:a xmlns:r=\"urn:x\" r:k=\"R&amp;D "
				  "&#x4E2D;&lt;\"><b><![CDATA[x<y]]>&amp;t</b></r:a>";
	for (size_t chunk = 1; chunk <= sizeof xml; chunk *= 3) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct collect c = { STRBUF_INIT, 0, 0 };
		cr_assert(sax_run(xml, chunk, &c, &ds), "chunks of %zu", chunk);
		cr_assert_eq(ds.n, 0);
		cr_assert_str_eq(c.out.buf, "<a k=R&D 中<><b>x<y&t");
		strbuf_release(&c.out);
		diag_store_release(&ds);
	}
}

Test(sheet, sax_refuses_dtds_depth_nodes_and_bad_xml)
{
	static const struct {
		const char *xml;
		enum diag_code code;
	} cases[] = {
		{ "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", DIAG_XML_DTD },
		{ "<a><b><c><d></d></c></b></a>", DIAG_DEPTH_LIMIT },
		{ "<a><b/><b/><b/><b/></a>", DIAG_NODE_LIMIT },
		{ "<a><b></a>", DIAG_XML_SYNTAX },
		{ "", DIAG_XML_SYNTAX },
	};
	lim.max_depth = 3;
	lim.max_nodes = 4;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct collect c = { STRBUF_INIT, 0, 0 };
		cr_assert_not(sax_run(cases[i].xml, 7, &c, &ds), "case %zu accepted", i);
		cr_assert_eq(ds.n, 1, "case %zu: %zu findings", i, ds.n);
		cr_assert_eq(ds.v[0].code, cases[i].code, "case %zu: %s", i, ds.v[0].msg);
		strbuf_release(&c.out);
		diag_store_release(&ds);
	}
	/* at the limits */
	struct diag_store ds;
	diag_store_init(&ds);
	struct collect c = { STRBUF_INIT, 0, 0 };
	cr_assert(sax_run("<a><b><c></c></b><b/></a>", 64, &c, &ds));
	cr_assert_eq(ds.n, 0);
	/* a callback's stop is no failure, and nothing after it is reported */
	strbuf_reset(&c.out);
	c.starts = 0;
	c.stop_after = 2;
	cr_assert(sax_run("<a><b/><c/><d></a>", 64, &c, &ds));
	cr_assert_eq(ds.n, 0);
	cr_assert_str_eq(c.out.buf, "<a><b>");
	strbuf_release(&c.out);
	diag_store_release(&ds);
}

/* ---- xlsx ---- */

#define NS  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char wb_rels[] =
    "<Relationships><Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL "worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/><Relationship Id=\"rId3\" Type=\"" REL
    "sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId4\" Type=\"" REL
    "styles\" Target=\"styles.xml\"/></Relationships>";

static struct sheet_book *book(const char *workbook, const char *sheet1, const char *sst,
			       const char *styles, struct diag_store *ds,
			       const struct sheet_read_opts *o)
{
	struct zpack_part parts[6];
	size_t n = 0;
#define PART(name, s)                                                                              \
	if ((s) != NULL)                                                                           \
	parts[n++] = (struct zpack_part){ name, s, strlen(s) }
	PART("xl/workbook.xml", workbook);
	parts[n++] =
	    (struct zpack_part){ "xl/_rels/workbook.xml.rels", wb_rels, sizeof wb_rels - 1 };
	PART("xl/worksheets/sheet1.xml", sheet1);
	PART("xl/worksheets/sheet2.xml", "<worksheet " NS "><sheetData><row r=\"3\"><c r=\"B3\" "
					 "t=\"inlineStr\"><is><t>二</t></is></c></row></sheetData>"
					 "</worksheet>");
	PART("xl/sharedStrings.xml", sst);
	PART("xl/styles.xml", styles);
#undef PART
	struct strbuf zip = STRBUF_INIT;
	zpack(parts, n, &zip);
	struct sheet_book *b = sheet_xlsx_read("b.xlsx", zip.buf, zip.len, o, ds, &lim);
	strbuf_release(&zip);
	return b;
}

static const char wb[] = "<workbook " NS " xmlns:r=\"" REL "\"><sheets>"
			 "<sheet name=\"明细表\" sheetId=\"1\" r:id=\"rId1\"/>"
			 "<sheet name=\"二\" sheetId=\"2\" r:id=\"rId2\" state=\"veryHidden\"/>"
			 "</sheets></workbook>";
static const char wb1904[] = "<workbook " NS " xmlns:r=\"" REL "\"><workbookPr date1904=\"true\"/>"
			     "<sheets><sheet name=\"明细表\" sheetId=\"1\" r:id=\"rId1\"/>"
			     "</sheets></workbook>";
static const char sst[] = "<sst " NS "><si><t>标准</t></si><si><r><t>名</t></r><r><t>称</t></r>"
			  "<rPh sb=\"0\" eb=\"1\"><t>メイ</t></rPh></si></sst>";
static const char styles[] =
    "<styleSheet " NS "><numFmts><numFmt numFmtId=\"170\" "
    "formatCode=\"yyyy/m/d\"/><numFmt numFmtId=\"171\" "
    "formatCode=\"0.0&quot;d&quot;\"/></numFmts><cellXfs><xf numFmtId=\"0\"/>"
    "<xf numFmtId=\"170\"/><xf numFmtId=\"171\"/><xf numFmtId=\"21\"/>"
    "</cellXfs></styleSheet>";

Test(sheet, xlsx_cells_types_and_dates)
{
	struct diag_store ds;
	diag_store_init(&ds);
	static const char sheet[] =
	    "<worksheet " NS "><sheetData><row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
	    "<c t=\"s\"><v>1</v></c><c s=\"1\"><v>59</v></c><c s=\"1\"><v>60</v></c>"
	    "<c s=\"1\"><v>61</v></c><c s=\"2\"><v>45000</v></c><c s=\"3\"><v>0.75</v></c>"
	    "<c s=\"1\"><v>2958465</v></c><c s=\"1\"><v>2958466</v></c><c><v>1.5E-3</v></c></row>"
	    "</sheetData><mergeCells><mergeCell ref=\"A2:B3\"/></mergeCells></worksheet>";
	struct sheet_book *b = book(wb, sheet, sst, styles, &ds, NULL);
	cr_assert_not_null(b);
	cr_assert_eq(ds.n, 0, "%s", ds.n ? ds.v[0].msg : "");
	cr_assert_eq(b->nsheets, 2);
	const struct sheet *s = sheet_by_name(b, "明细表");
	assert_cell(s, 1, 0, CELL_STRING, "标准");
	assert_cell(s, 1, 1, CELL_STRING, "名称");
	assert_cell(s, 1, 2, CELL_DATE, "1900-02-28");
	assert_cell(s, 1, 3, CELL_DATE, "1900-02-29");
	assert_cell(s, 1, 4, CELL_DATE, "1900-03-01");
	assert_cell(s, 1, 5, CELL_NUMBER, "45000");
	assert_cell(s, 1, 6, CELL_DATE, "18:00:00");
	assert_cell(s, 1, 7, CELL_DATE, "9999-12-31");
	assert_cell(s, 1, 8, CELL_NUMBER, "2958466");
	assert_cell(s, 1, 9, CELL_NUMBER, "0.0015");
	cr_assert_eq(sheet_cell_at(s, 1, 2)->num, 59);
	const struct sheet_range *m = sheet_merge_at(s, 2, 1);
	cr_assert_not_null(m);
	cr_assert_eq(m->row0, 1);
	cr_assert_eq(m->col1, 1);
	cr_assert_null(sheet_merge_at(s, 3, 0));
	struct strbuf file = STRBUF_INIT;
	struct loc loc;
	sheet_where(b, s, 16, 2, &file, &loc);
	cr_assert_str_eq(file.buf, "b.xlsx:明细表!C17");
	cr_assert_eq(loc.line, 0);
	strbuf_release(&file);
	const struct sheet *two = sheet_by_name(b, "二");
	cr_assert(two->hidden);
	assert_cell(two, 2, 1, CELL_STRING, "二");
	sheet_book_free(b);
	diag_store_release(&ds);
}

Test(sheet, xlsx_1904_dates)
{
	struct diag_store ds;
	diag_store_init(&ds);
	static const char sheet[] = "<worksheet " NS "><sheetData><row><c s=\"1\"><v>0</v></c>"
				    "<c s=\"1\"><v>42855</v></c></row></sheetData></worksheet>";
	struct sheet_book *b = book(wb1904, sheet, sst, styles, &ds, NULL);
	cr_assert_not_null(b);
	cr_assert(b->date1904);
	assert_cell(&b->sheets[0], 0, 0, CELL_DATE, "1904-01-01");
	assert_cell(&b->sheets[0], 0, 1, CELL_DATE, "2021-05-01");
	sheet_book_free(b);
	diag_store_release(&ds);
}

Test(sheet, xlsx_sheet_choice_and_max_rows)
{
	struct diag_store ds;
	diag_store_init(&ds);
	static const char sheet[] = "<worksheet " NS "><sheetData><row><c><v>1</v></c></row>"
				    "<row><c><v>2</v></c></row><row><c><v>3</v></c></row>"
				    "</sheetData></worksheet>";
	struct sheet_read_opts o = { "二", 0 };
	struct sheet_book *b = book(wb, sheet, sst, styles, &ds, &o);
	cr_assert_not(b->sheets[0].read);
	cr_assert_eq(b->sheets[0].nrows, 0);
	cr_assert(b->sheets[1].read);
	sheet_book_free(b);
	o = (struct sheet_read_opts){ NULL, 2 };
	b = book(wb, sheet, sst, styles, &ds, &o);
	cr_assert_eq(b->sheets[0].nrows, 2);
	cr_assert_not(b->sheets[0].complete);
	cr_assert_not(b->sheets[1].complete, "sheet 二 starts at row 3, past the first 2");
	cr_assert_eq(b->sheets[1].nrows, 0);
	sheet_book_free(b);
	cr_assert_eq(ds.n, 0);
	diag_store_release(&ds);
}

Test(sheet, xlsx_missing_parts_and_limits)
{
	struct diag_store ds;
	diag_store_init(&ds);
	static const char sheet[] = "<worksheet " NS "><sheetData><row><c t=\"s\"><v>1</v></c>"
				    "</row></sheetData></worksheet>";
	/* named by the relationships, absent from the archive */
	cr_assert_null(book(wb, sheet, NULL, styles, &ds, NULL));
	const struct diag *d = test_find(&ds, DIAG_ARCHIVE_MEMBER_MISSING);
	cr_assert_not_null(d);
	cr_assert(strstr(d->msg, "xl/sharedStrings.xml"), "%s", d->msg);
	diag_store_release(&ds);
	/* the string table's limit, at and past */
	diag_store_init(&ds);
	lim.max_strings = 2;
	struct sheet_book *b = book(wb, sheet, sst, styles, &ds, NULL);
	cr_assert_not_null(b);
	sheet_book_free(b);
	lim.max_strings = 1;
	cr_assert_null(book(wb, sheet, sst, styles, &ds, NULL));
	d = test_find(&ds, DIAG_ARCHIVE_TOO_LARGE);
	cr_assert_not_null(d);
	cr_assert_str_eq(d->file, "b.xlsx:xl/sharedStrings.xml");
	diag_store_release(&ds);
	/* no workbook part at all */
	diag_store_init(&ds);
	struct zpack_part parts[] = { { "word/document.xml", "<w/>", 4 } };
	struct strbuf zip = STRBUF_INIT;
	zpack(parts, 1, &zip);
	cr_assert_null(sheet_read("d.xlsx", zip.buf, zip.len, NULL, &ds, &lim));
	cr_assert_not_null(test_find(&ds, DIAG_ARCHIVE_MEMBER_MISSING));
	strbuf_release(&zip);
	diag_store_release(&ds);
}

Test(sheet, xlsx_bad_values_are_errors_at_their_cells)
{
	struct diag_store ds;
	diag_store_init(&ds);
	static const char sheet[] = "<worksheet " NS "><sheetData><row><c r=\"A1\" t=\"s\"><v>5</v>"
				    "</c><c r=\"B1\"><v>x1</v></c><c r=\"C1\"><v>3</v></c></row>"
				    "</sheetData></worksheet>";
	struct sheet_book *b = book(wb, sheet, sst, styles, &ds, NULL);
	cr_assert_not_null(b);
	diag_store_finish(&ds);
	cr_assert_eq(ds.n, 2);
	cr_assert_str_eq(ds.v[0].file, "b.xlsx:明细表!A1");
	cr_assert_eq(ds.v[0].code, DIAG_XLSX_INVALID);
	cr_assert_str_eq(ds.v[1].file, "b.xlsx:明细表!B1");
	assert_cell(&b->sheets[0], 0, 2, CELL_NUMBER, "3");
	cr_assert_null(sheet_cell_at(&b->sheets[0], 0, 0));
	sheet_book_free(b);
	diag_store_release(&ds);
}

/* ---- the texts of number and date cells, against printf ---- */

/* The reference: the %.15g every number cell's text must equal. */
static void ref_number(double v, char *out, size_t cap)
{
	snprintf(out, cap, "%.15g", v == 0 ? 0.0 : v);
}

static void check_number(double v)
{
	char want[64], got[SHEET_NUM_TEXT];
	ref_number(v, want, sizeof want);
	size_t n = sheet_number_text(v, got);
	cr_assert_str_eq(got, want, "%.17g", v);
	cr_assert_eq(n, strlen(want), "%.17g", v);
}

Test(sheet, number_text_is_printf_g15)
{
	static const double edges[] = {
		0,
		1,
		-1,
		9,
		10,
		99,
		100,
		2021,
		-2021,
		0.5,
		-0.5,
		1e-5,
		123456.789,
		1.5e300,
		-1.5e-300,
		999999999999999.0,
		-999999999999999.0,
		1e15,
		-1e15,
		1e15 + 1,
		1e15 + 2,
		9007199254740992.0,
		9007199254740993.0,
		1e16,
		1e20,
		-1e20,
		4503599627370496.5,
		0.1 + 0.2,
		1.0 / 3,
		44197.5,
		44197.000001,
	};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		check_number(edges[i]);
	/* every power of ten and its neighbours, both signs */
	for (double p = 1; p < 1e18; p *= 10)
		for (int d = -2; d <= 2; d++) {
			check_number(p + d);
			check_number(-(p + d));
		}
	/* integers and fractions spread over the range */
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		double v = (double)(x % 2000000000000000ull) - 1e15;
		check_number(i % 3 == 0 ? v / 1000 : i % 3 == 1 ? v : (double)(int64_t)(v / 1e9));
	}
}

/* The reference serial text: what sheet_xlsx wrote with printf before. */
static bool ref_serial(double v, bool d1904, bool date, bool time, char *out, size_t cap)
{
	if (!(v >= 0) || v >= 2958466.0)
		return false;
	int64_t days = (int64_t)v;
	int64_t secs = (int64_t)((v - (double)days) * 86400.0 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	unsigned hh = (unsigned)(secs / 3600), mi = (unsigned)(secs / 60 % 60),
		 ss = (unsigned)(secs % 60);
	if (!date && days == 0) {
		snprintf(out, cap, "%02u:%02u:%02u", hh, mi, ss);
		return true;
	}
	/* days since 1970-01-01 → civil date, counted by hand from 1899-12-31 or 1904-01-01 */
	int64_t z = d1904	 ? days - 24107
		    : days == 60 ? 0
		    : days == 0	 ? 0
				 : days - 25568 - (days > 60);
	int y = 1970;
	unsigned m = 1, d = 1;
	{
		static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		int64_t left = z;
		y = 1970;
		while (left < 0) {
			y--;
			left += (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
		}
		for (;;) {
			int len = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
			if (left < len)
				break;
			left -= len;
			y++;
		}
		m = 0;
		for (;;) {
			unsigned ml =
			    mdays[m] + (m == 1 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
			if (left < ml)
				break;
			left -= ml;
			m++;
		}
		m++;
		d = (unsigned)left + 1;
	}
	if (!d1904 && days == 60)
		y = 1900, m = 2, d = 29;
	else if (!d1904 && days == 0)
		y = 1900, m = 1, d = 0;
	if (time && secs != 0)
		snprintf(out, cap, "%04d-%02u-%02uT%02u:%02u:%02u", y, m, d, hh, mi, ss);
	else
		snprintf(out, cap, "%04d-%02u-%02u", y, m, d);
	return true;
}

static void check_serial(double v, bool d1904, bool date, bool time)
{
	char want[64] = "", got[SHEET_NUM_TEXT] = "";
	bool w = ref_serial(v, d1904, date, time, want, sizeof want);
	bool g = sheet_serial_text(v, d1904, date, time, got);
	cr_assert_eq(g, w, "%.17g %d%d%d", v, d1904, date, time);
	if (w)
		cr_assert_str_eq(got, want, "%.17g 1904:%d date:%d time:%d", v, d1904, date, time);
}

Test(sheet, serial_text_is_printf_dates)
{
	static const double edges[] = {
		-1,
		-0.0001,
		0,
		0.25,
		0.5,
		0.999994,
		0.999995,
		0.9999999,
		1,
		1.5,
		59,
		59.99999,
		60,
		60.5,
		61,
		365,
		366,
		1462,
		25569,
		36526,
		44197,
		44197.75,
		2958465,
		2958465.99999,
		2958465.999999,
		2958466,
		1e300,
	};
	for (int mode = 0; mode < 8; mode++) {
		bool d1904 = mode & 1, date = mode & 2, time = mode & 4;
		for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
			check_serial(edges[i], d1904, date, time);
		/* every day from 1900 to 2100, and times of day across the whole range */
		for (int day = 0; day < 73415; day++)
			check_serial(day, d1904, date, time);
		for (int k = 0; k < 20000; k++)
			check_serial((double)k * 147.91 + (double)k / 20000.0, d1904, date, time);
	}
	char out[SHEET_NUM_TEXT];
	cr_assert(sheet_serial_text(60, false, true, false, out));
	cr_assert_str_eq(out, "1900-02-29"); /* Lotus 1-2-3's day */
	cr_assert(sheet_serial_text(61, false, true, false, out));
	cr_assert_str_eq(out, "1900-03-01");
	cr_assert(sheet_serial_text(0, true, true, false, out));
	cr_assert_str_eq(out, "1904-01-01");
	cr_assert(sheet_serial_text(44197.75, false, true, true, out));
	cr_assert_str_eq(out, "2021-01-01T18:00:00");
	cr_assert(!sheet_serial_text(NAN, false, true, false, out));
}
