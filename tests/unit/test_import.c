/* SPDX-License-Identifier: MIT */
/* Unit tests of import_sheet (include/import.h): the dates consultants type and Excel's serial
 * days in both systems, and grids mapped to trees — header synonyms and --map, category rows
 * and their nesting, enum words, numbers normalised, kinds told apart — each with the findings
 * it must (and must not) give. */
#include <criterion/criterion.h>

#include <string.h>

#include "diag.h"
#include "import.h"
#include "load.h"
#include "node.h"
#include "sheet.h"
#include "write.h"
#include "strbuf.h"

static bool date_is(const char *in, const char *want)
{
	char out[11] = "";
	bool ok = import_date_text(in, strlen(in), out);
	return want ? ok && !strcmp(out, want) : !ok;
}

Test(import_date, typed_forms)
{
	cr_assert(date_is("2021-05-01", "2021-05-01"));
	cr_assert(date_is("2021/5/1", "2021-05-01"));
	cr_assert(date_is("2021.05.01", "2021-05-01"));
	cr_assert(date_is("2021年5月1日", "2021-05-01"));
	cr_assert(date_is("20210501", "2021-05-01"));
	cr_assert(date_is("  2024/6/1\u3000", "2024-06-01"));
	cr_assert(date_is("2024/12/31", "2024-12-31"));
	cr_assert(date_is("2020-02-29", "2020-02-29"));
}

Test(import_date, refused_forms)
{
	cr_assert(date_is("2021-02-29", NULL));
	cr_assert(date_is("2020年13月1日", NULL));
	cr_assert(date_is("2021-5/1", NULL));
	cr_assert(date_is("2021年5月1", NULL));
	cr_assert(date_is("21-05-01", NULL));
	cr_assert(date_is("2021-05-01 00:00:00", NULL));
	cr_assert(date_is("1899-12-31", NULL));
	cr_assert(date_is("", NULL));
}

static bool serial_is(double v, bool d1904, const char *want)
{
	char out[11] = "";
	bool ok = import_date_serial(v, d1904, out);
	return want ? ok && !strcmp(out, want) : !ok;
}

Test(import_date, excel_serials)
{
	cr_assert(serial_is(1, false, "1900-01-01"));
	cr_assert(serial_is(59, false, "1900-02-28"));
	cr_assert(serial_is(60, false, NULL)); /* Excel's 1900-02-29, a day that never was */
	cr_assert(serial_is(61, false, "1900-03-01"));
	cr_assert(serial_is(44317, false, "2021-05-01"));
	cr_assert(serial_is(44317.75, false, "2021-05-01"));
	cr_assert(serial_is(0, true, NULL));
	cr_assert(serial_is(1, true, "1904-01-02"));
	cr_assert(serial_is(42855, true, "2021-05-01"));
	cr_assert(serial_is(2958466, false, NULL));
	cr_assert(serial_is(-1, false, NULL));
}

/* Import CSV text; the YAML of the result (or "" when it failed) and the findings as text. */
struct got {
	struct strbuf yaml, findings;
	bool ok;
};

static void import_csv(const char *text, const struct import_opts *o, struct got *g)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	strbuf_init(&g->yaml);
	strbuf_init(&g->findings);
	struct sheet_book *b = sheet_csv_read("t.csv", text, strlen(text), NULL, &ds, &lim);
	cr_assert(b);
	struct doc *d = doc_new("t.csv", SYNTAX_CSV);
	g->ok = import_sheet_build(d, b, o, &ds, &lim);
	if (g->ok)
		write_yaml(d, &g->yaml);
	diag_store_finish(&ds);
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	struct diag_print_opts po = { false, true, NULL, SEV_OFF };
	diag_print(&ds, DIAG_PRINTER_TEXT, mem, &po);
	fclose(mem);
	strbuf_adds(&g->findings, buf);
	free(buf);
	doc_free(d);
	sheet_book_free(b);
	diag_store_release(&ds);
}

static void got_release(struct got *g)
{
	strbuf_release(&g->yaml);
	strbuf_release(&g->findings);
}

Test(import_sheet, category_rows_nest_by_code_and_mark_vacancies)
{
	struct got g;
	import_csv(
	    "某馆标准体系明细表\n"
	    "序号,体系编号,标准号,标准名称,状态\n"
	    "100 通用基础标准（2项）,,,,\n"
	    "101 标准化导则,,,,\n"
	    "1,101-001,GB/T 1.1-2020,标准化工作导则 第1部分：标准化文件的结构和起草规则,现行有效\n"
	    "102 术语标准（空缺）,,,,\n"
	    "200 服务保障标准,,,,\n"
	    "201 环境标准,,,,\n"
	    "2,201-001,,展厅环境规范,拟制定\n",
	    NULL, &g);
	cr_assert(g.ok, "%s", g.findings.buf);
	cr_assert(strstr(g.yaml.buf, "  title: 某馆标准体系\n"), "%s", g.yaml.buf);
	cr_assert(strstr(g.yaml.buf,
			 "  - code: \"100\"\n    title: 通用基础标准\n    categories:\n"
			 "    - code: \"101\"\n      title: 标准化导则\n"
			 "    - code: \"102\"\n      title: 术语标准\n      vacant: true\n"),
		  "%s", g.yaml.buf);
	cr_assert(strstr(g.yaml.buf, "number: GB/T 1.1—2020\n"));
	cr_assert(strstr(g.yaml.buf, "status: current\n"));
	cr_assert(strstr(g.yaml.buf, "status: planned\n"));
	cr_assert(
	    strstr(g.findings.buf, "t.csv:5:11: note: “GB/T 1.1-2020” imported as “GB/T 1.1—2020”"),
	    "%s", g.findings.buf);
	cr_assert(!strstr(g.findings.buf, "warning"), "%s", g.findings.buf);
	got_release(&g);
}

Test(import_sheet, map_names_a_column_and_leaves_one_out)
{
	struct import_opts o = { 0 };
	const char *map[] = { "文件号=number", "负责人=-" };
	o.map = map;
	o.nmap = 2;
	struct got g;
	import_csv("文件号,标准名称,状态,负责人\nGB/T 1.1—2020,标准化工作导则,现行,张三\n", &o, &g);
	cr_assert(g.ok, "%s", g.findings.buf);
	cr_assert(strstr(g.yaml.buf, "registry:\n"));
	cr_assert(strstr(g.yaml.buf, "number: GB/T 1.1—2020\n"));
	cr_assert(!strstr(g.findings.buf, "负责人"), "%s", g.findings.buf);
	got_release(&g);
}

Test(import_sheet, kind_contradicted_is_fatal)
{
	struct import_opts o = { 0 };
	o.kind = DOC_REGISTRY;
	struct got g;
	import_csv("体系表编号,标准编号,标准名称,状态\n101-001,GB/T 1.1—2020,标准化工作导则,现行\n",
		   &o, &g);
	cr_assert(!g.ok);
	cr_assert(strstr(g.findings.buf, "[import-kind]"), "%s", g.findings.buf);
	got_release(&g);
}

Test(import_sheet, unreadable_values_are_warnings_at_their_cells)
{
	struct got g;
	import_csv("体系表编号,标准编号,标准名称,状态,级别,实施日期,采用国际标准\n"
		   "101-001,GB/T 1.1—2020,标准化工作导则,有时,省级,2020年13月1日,ISO 9001\n"
		   "合计：1项,,,,,,\n",
		   NULL, &g);
	cr_assert(g.ok, "%s", g.findings.buf);
	cr_assert(strstr(g.findings.buf, "t.csv:2:31: warning: “有时” is not a status word"), "%s",
		  g.findings.buf);
	cr_assert(strstr(g.findings.buf, "“省级” is not a level word"), "%s", g.findings.buf);
	cr_assert(strstr(g.findings.buf, "“2020年13月1日” is not a date"), "%s", g.findings.buf);
	cr_assert(strstr(g.findings.buf, "“ISO 9001” is not a document and degree of adoption"),
		  "%s", g.findings.buf);
	/* a lone text that names no category is no category row: it is reported */
	cr_assert(strstr(g.findings.buf, "t.csv:3:1: warning: row 3 is neither"), "%s",
		  g.findings.buf);
	got_release(&g);
}

Test(import_sheet, adoption_forms_and_lists)
{
	struct got g;
	import_csv("体系表编号,标准编号,标准名称,采标情况,代替标准\n"
		   "101-001,GB/T 19001—2016,质量管理体系 要求,\"ISO 9001:2015，等同采用\",GB/T "
		   "19001—2008；GB/T 19001—2000\n"
		   "101-002,GB/T 19000—2016,质量管理体系 基础和术语,IDT ISO 9000:2015,作废\n",
		   NULL, &g);
	cr_assert(g.ok, "%s", g.findings.buf);
	cr_assert(strstr(g.yaml.buf, "standard: ISO 9001:2015\n      degree: IDT\n"), "%s",
		  g.yaml.buf);
	cr_assert(strstr(g.yaml.buf, "standard: ISO 9000:2015\n      degree: IDT\n"), "%s",
		  g.yaml.buf);
	cr_assert(strstr(g.yaml.buf, "replaces: [GB/T 19001—2008, GB/T 19001—2000]"), "%s",
		  g.yaml.buf);
	cr_assert(strstr(g.yaml.buf, "status: abolished"), "%s", g.yaml.buf);
	cr_assert(strstr(g.findings.buf, "split into 2 standard numbers"), "%s", g.findings.buf);
	got_release(&g);
}

Test(import_sheet, records_cells_read_back_with_every_field)
{
	struct got g;
	import_csv(
	    "体系表编号,标准名称,修改单,解释,复审\n"
	    /* a 、 and a "）：" inside a summary, a comma inside `by`, English forms, a line
	     * break between entries, dates typed otherwise */
	    "101-001,讲解服务规范,\"XG1（2022/3/1发布，2022-04-01实施）：修改了时长、人数"
	    "、XG2 (published 2023-05-01): 增加了（见5.3）：手语\",\"JS-1（2023年4月10日发布，"
	    "某局，文物局，条款5.2，A.1）：明确下限\nJS-2 (issued 2024-02-01, by 某馆, clauses "
	    "6.1; 6.2): 明确程序\nJS-4 (issued 2024-03-01, by Bureau A, Office B): 同\",2022-03-15 "
	    "继续有效；"
	    "2024-09-20 (revise)\n"
	    /* near misses of an entry: no date, no summary, no outcome, a field an amendment
	     * has not */
	    "101-002,导览服务规范,\"第1号修改单、XG3（2022-03-01发布，某局）：多余字段\","
	    "JS-3（2023-04-10发布）：,2024-03-15\n",
	    NULL, &g);
	cr_assert(g.ok, "%s", g.findings.buf);
	cr_assert(strstr(g.yaml.buf,
			 "    amendments:\n"
			 "    - id: XG1\n      published: 2022-03-01\n"
			 "      effective: 2022-04-01\n      summary: 修改了时长、人数\n"
			 "    - id: XG2\n      published: 2023-05-01\n"
			 "      summary: 增加了（见5.3）：手语\n"),
		  "%s", g.yaml.buf);
	cr_assert(strstr(g.yaml.buf, "    - id: JS-1\n      issued: 2023-04-10\n"
				     "      by: 某局，文物局\n      clauses: [\"5.2\", A.1]\n"
				     "      summary: 明确下限\n"
				     "    - id: JS-2\n      issued: 2024-02-01\n      by: 某馆\n"
				     "      clauses: [\"6.1\", \"6.2\"]\n      summary: 明确程序\n"
				     "    - id: JS-4\n      issued: 2024-03-01\n"
				     "      by: Bureau A, Office B\n      summary: 同\n"),
		  "%s", g.yaml.buf);
	cr_assert(strstr(g.yaml.buf,
			 "    reviews:\n    - date: 2022-03-15\n      outcome: continue\n"
			 "    - date: 2024-09-20\n      outcome: revise\n"),
		  "%s", g.yaml.buf);
	cr_assert(strstr(g.findings.buf, "note: “2022/3/1” imported as “2022-03-01”"), "%s",
		  g.findings.buf);
	cr_assert(strstr(g.findings.buf, "warning: “第1号修改单” is not a 修改单 entry"), "%s",
		  g.findings.buf);
	cr_assert(strstr(g.findings.buf,
			 "warning: “XG3（2022-03-01发布，某局）：多余字段” is not a 修改单 entry"),
		  "%s", g.findings.buf);
	cr_assert(strstr(g.findings.buf, "warning: “JS-3（2023-04-10发布）：” is not a 解释 entry"),
		  "%s", g.findings.buf);
	cr_assert(strstr(g.findings.buf, "warning: “2024-03-15” is not a 复审 entry"), "%s",
		  g.findings.buf);
	/* the second row's records were all refused: it has none */
	cr_assert(!strstr(strstr(g.yaml.buf, "导览服务规范"), "amendments:"), "%s", g.yaml.buf);
	got_release(&g);
}

Test(import_sheet, footnote_marks_typed_as_text)
{
	struct got g;
	import_csv("体系表编号,标准编号,标准名称,备注\n"
		   "101-001,GB/T 1234—2020¹,某服务规范,\n"
		   "101-002,GB/T 2345—2021,某规范②,展厅面积5000m²\n"
		   "101-003,GB/T 3456—2021³,某规范*,见注1\n"
		   "101-004,GB/T 4567—2022,某指南,备注2\n"
		   "注1：该标准正在修订。,,,\n"
		   "② 计划复审。,,,\n"
		   "注 9 无人引用。,,,\n",
		   NULL, &g);
	cr_assert(g.ok, "%s", g.findings.buf);
	cr_assert(strstr(g.yaml.buf, "number: GB/T 1234—2020\n    title: 某服务规范\n"
				     "    note: 该标准正在修订。\n"),
		  "%s", g.yaml.buf);
	/* a unit's power is no mark; the 备注 comes first, the footnote after it */
	cr_assert(strstr(g.yaml.buf, "title: 某规范\n    note: 展厅面积5000m²；计划复审。\n"), "%s",
		  g.yaml.buf);
	/* ³ has no footnote: taken off all the same; * has none: kept */
	cr_assert(strstr(g.yaml.buf, "number: GB/T 3456—2021\n    title: 某规范*\n"
				     "    note: 该标准正在修订。\n"),
		  "%s", g.yaml.buf);
	cr_assert(strstr(g.findings.buf, "t.csv:4:9: warning: “GB/T 3456—2021³” ends in the "
					 "footnote mark “³”"),
		  "%s", g.findings.buf);
	cr_assert(strstr(g.findings.buf, "t.csv:4:25: warning: “某规范*” ends in “*”"), "%s",
		  g.findings.buf);
	cr_assert(strstr(g.findings.buf, "t.csv:8:1: warning: footnote “注 9” (“无人引用。”) is "
					 "cited by no cell"),
		  "%s", g.findings.buf);
	cr_assert(!strstr(g.findings.buf, "m²"), "%s", g.findings.buf);
	/* 备注2 is a remark and its number, not 备 with a mark */
	cr_assert(strstr(g.yaml.buf, "title: 某指南\n    note: 备注2\n"), "%s", g.yaml.buf);
	cr_assert(!strstr(g.findings.buf, "备注2"), "%s", g.findings.buf);
	cr_assert(!strstr(g.findings.buf, "neither"), "%s", g.findings.buf);
	got_release(&g);
}

Test(diag_where, cells_of_a_sheet_and_lines_of_a_file)
{
	struct diag_store ds;
	diag_store_init(&ds);
	diag_store_set_sheet(&ds, "b.xlsx", "明细表");
	struct strbuf sb = STRBUF_INIT;
	diag_where(&ds, "b.xlsx", (struct loc){ 17, 3 }, &sb);
	cr_assert_str_eq(sb.buf, "b.xlsx:明细表!C17");
	strbuf_reset(&sb);
	diag_where(&ds, "b.xlsx", (struct loc){ 1048576, 16384 }, &sb);
	cr_assert_str_eq(sb.buf, "b.xlsx:明细表!XFD1048576");
	strbuf_reset(&sb);
	diag_where(&ds, "b.xlsx", (struct loc){ 4, 27 }, &sb);
	cr_assert_str_eq(sb.buf, "b.xlsx:明细表!AA4");
	strbuf_reset(&sb);
	diag_where(&ds, "b.xlsx", (struct loc){ 4, 0 }, &sb);
	cr_assert_str_eq(sb.buf, "b.xlsx:明细表!4");
	strbuf_reset(&sb);
	diag_where(&ds, "b.xlsx", (struct loc){ 0, 0 }, &sb);
	cr_assert_str_eq(sb.buf, "b.xlsx");
	strbuf_reset(&sb);
	diag_where(&ds, "c.csv", (struct loc){ 17, 3 }, &sb);
	cr_assert_str_eq(sb.buf, "c.csv:17:3");
	strbuf_release(&sb);
	diag_store_release(&ds);
}
