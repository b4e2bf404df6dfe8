/* SPDX-License-Identifier: MIT */
/* test_write: both writers give back the tree they were given (YAML → XML → tree, YAML → YAML →
 * tree, XML → XML byte for byte), YAML quoting, XML escaping, and atomic file replacement. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "strbuf.h"
#include "write.h"

/* ---- the examples of model.md ---- */

/* clang-format off */
static const char system_yaml[] =
	"system:\n"
	"  id: qzbwg\n"
	"  title: 青州市博物馆公共服务标准体系\n"
	"  owner: 青州市博物馆\n"
	"  edition: \"2023\"\n"
	"  date: 2023-06-30\n"
	"  code-format: \"{category}-{serial:3}\"\n"
	"  review-cycle: 5\n"
	"  own-prefixes: [\"Q/QZBWG\"]\n"
	"  registry: [registry/national.yaml]\n"
	"  categories:\n"
	"    - code: \"100\"\n"
	"      title: 通用基础标准\n"
	"      categories:\n"
	"        - {code: \"101\", title: 标准化导则}\n"
	"        - {code: \"102\", title: 术语与缩略语}\n"
	"    - code: \"300\"\n"
	"      title: 服务提供标准\n"
	"      categories:\n"
	"        - {code: \"301\", title: 服务规范}\n"
	"  standards:\n"
	"    - code: 101-001\n"
	"      number: GB/T 1.1—2020\n"
	"      title: 标准化工作导则 第1部分：标准化文件的结构和起草规则\n"
	"      status: current\n"
	"      effective: 2020-10-01\n"
	"      replaces: [GB/T 1.1—2009]\n"
	"      adopts: {standard: \"ISO/IEC Directives, Part 2, 2018\", degree: NEQ}\n"
	"    - code: 301-003\n"
	"      key: jiangjie\n"
	"      number: Q/QZBWG 301-003—2021\n"
	"      title: 讲解服务规范\n"
	"      status: current\n"
	"      published: 2021-04-01\n"
	"      effective: 2021-05-01\n"
	"      replaces: [Q/QZBWG 301-003—2018]\n"
	"      refs: [GB/T 36721, GB/T 10001.1—2012]\n"
	"      document: standards/301-003.yaml\n"
	"      interpretations:\n"
	"        - {id: JS-2023-01, issued: 2023-04-10, by: 青州市博物馆, clauses: [\"5.2\"], summary: 明确“团体讲解”人数下限}\n"
	"      reviews:\n"
	"        - {date: 2023-05-20, outcome: continue}\n"
	"      note: 依据 GB/T 36721 制定\n";
/* clang-format on */

/* clang-format off */
static const char standard_yaml[] =
	"standard:\n"
	"  number: Q/QZBWG 301-003—2021\n"
	"  title: 讲解服务规范\n"
	"  title-en: Specification for guided tour service\n"
	"  ics: \"03.080\"\n"
	"  ccs: A12\n"
	"  issuer: 青州市博物馆\n"
	"  published: 2021-04-01\n"
	"  effective: 2021-05-01\n"
	"  replaces: [Q/QZBWG 301-003—2018]\n"
	"  drafting-rules: GB/T 1.1—2020\n"
	"  foreword:\n"
	"    body:\n"
	"      - 本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n"
	"      - 本文件代替Q/QZBWG 301-003—2018《讲解服务规范》，与Q/QZBWG 301-003—2018相比，除结构调整和编辑性改动外，主要技术变化如下：\n"
	"    changes:\n"
	"      - {kind: added, text: 增加了“预约讲解”的要求, new: [\"5.3\"]}\n"
	"      - {kind: changed, text: 更改了讲解时长, new: [\"表1\"], old: [\"4.2\"]}\n"
	"      - {kind: deleted, text: 删除了“讲解器租赁”, old: [\"6.4\"]}\n"
	"  clauses:\n"
	"    - num: \"1\"\n"
	"      title: 范围\n"
	"      body: 本文件规定了博物馆讲解服务的基本要求、服务内容和评价与改进。\n"
	"    - num: \"2\"\n"
	"      title: 规范性引用文件\n"
	"      references:\n"
	"        - {number: GB/T 10001.1—2012, title: 公共信息图形符号　第1部分：通用符号}\n"
	"        - {number: GB/T 36721, title: 博物馆开放服务规范}\n"
	"    - num: \"3\"\n"
	"      title: 术语和定义\n"
	"      body: 下列术语和定义适用于本文件。\n"
	"      terms:\n"
	"        - {num: \"3.1\", term: 讲解服务, en: guided tour service, definition: 由讲解员……的服务。, source: \"GB/T 36721—2018，3.1\"}\n"
	"    - num: \"4\"\n"
	"      title: 基本要求\n"
	"      clauses:\n"
	"        - num: \"4.1\"\n"
	"          title: 人员\n"
	"          body:\n"
	"            - 讲解员应符合第7章和GB/T 36721的要求，讲解时长见表1。\n"
	"            - list:\n"
	"                style: letter\n"
	"                items: [熟悉馆藏；, 普通话标准；, text: 具备应急处置能力。]\n"
	"            - table:\n"
	"                num: \"1\"\n"
	"                title: 讲解时长\n"
	"                head: [[项目, 时长]]\n"
	"                rows: [[常规讲解, 60 min], [专题讲解, 90 min]]\n"
	"            - note: 讲解时长不含答疑时间。\n"
	"        - num: \"4.2\"\n"
	"          title: 设施\n"
	"          body: 讲解设备见附录A。\n"
	"  annexes:\n"
	"    - num: A\n"
	"      kind: informative\n"
	"      title: 讲解设备配置\n"
	"      clauses:\n"
	"        - {num: A.1, title: 无线讲解器, body: …}\n"
	"        - {num: A.2, title: 扩音设备, body: …}\n"
	"  bibliography:\n"
	"    - {number: GB/T 24421.2—2023, title: 服务业组织标准化工作指南　第2部分：标准体系构建}\n";
/* clang-format on */

/* clang-format off */
static const char registry_yaml[] =
	"registry:\n"
	"  source: 全国标准信息公共服务平台 snapshot\n"
	"  date: 2026-11-01\n"
	"  editions:\n"
	"    - {number: GB/T 24421.2—2009, title: 服务业组织标准化工作指南　第2部分：标准体系, status: replaced, replaced-by: [GB/T 24421.2—2023], withdrawn: 2023-03-17}\n"
	"    - {number: GB 9669—1996, title: 图书馆、博物馆、美术馆、展览馆卫生标准, status: abolished, withdrawn: 2019-04-09}\n";
/* clang-format on */

/* Every construct the examples leave out: figure, formula, example, nested list items, table
 * notes, annex body, introduction, term notes, empty wrappers, text needing escapes. */
/* clang-format off */
static const char extra_yaml[] =
	"standard:\n"
	"  format: 1\n"
	"  title: \"a \\\"quoted\\\" <title> & more\\ttab\\nline\"\n"
	"  adopts: {standard: ISO 9001:2015, degree: IDT}\n"
	"  introduction:\n"
	"    body: [引言段落, 第二段]\n"
	"    clauses:\n"
	"      - {num: \"0.1\", body: \" leading and trailing space \"}\n"
	"  clauses:\n"
	"    - num: \"1\"\n"
	"      kind: scope\n"
	"      id: scope\n"
	"      body:\n"
	"        - \"第一行\\n第二行\\r\\n第三行 ]]> &amp;\"\n"
	"        - figure: {num: \"1\", title: 图, src: img/a.png}\n"
	"        - formula: {num: \"1\", text: \"E = m·c² < 2\"}\n"
	"        - example: 示例内容\n"
	"        - list:\n"
	"            style: number\n"
	"            items:\n"
	"              - text: 一\n"
	"                list: {style: dash, items: [甲, 乙]}\n"
	"              - \"\"\n"
	"        - table:\n"
	"            num: A.1\n"
	"            head: []\n"
	"            rows: [[\"\", x], []]\n"
	"            notes: [注一, 注二]\n"
	"      references: []\n"
	"      terms:\n"
	"        - {num: \"3.1\", term: 术语, definition: 定义, notes: [\"注1\", \"注2\"]}\n"
	"  annexes:\n"
	"    - {num: B, kind: normative, title: 附录, body: 附录正文}\n";
/* clang-format on */

static struct doc *load_text(struct diag_store *ds, const char *name, const char *text,
			     enum doc_syntax syntax)
{
	struct limits lim;
	limits_default(&lim);
	test_tables();
	struct doc *d = load_buffer(name, text, strlen(text), syntax, ds, &lim);
	test_self_check(d, text, strlen(text));
	return d;
}

static struct doc *load_yaml_text(struct diag_store *ds, const char *text)
{
	struct doc *d = load_text(ds, "t.yaml", text, SYNTAX_YAML);
	cr_assert_not_null(d, "YAML does not load");
	return d;
}

static void assert_no_findings(struct diag_store *ds, const char *what, const char *text)
{
	diag_store_finish(ds);
	for (size_t i = 0; i < ds->n; i++)
		cr_assert_lt(ds->v[i].sev, SEV_ERROR, "%s: %u:%u %s\n%s", what, ds->v[i].loc.line,
			     ds->v[i].loc.col, ds->v[i].msg, text);
}

/* YAML text → tree → XML → tree: equal; XML → XML again: the same bytes; XML tree → YAML →
 * tree: equal. */
static void round_trip(const char *yaml, bool check_model)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *y = load_yaml_text(&ds, yaml);
	if (check_model) {
		model_build(y, &ds);
		assert_no_findings(&ds, "model of the YAML", yaml);
	}

	struct strbuf xml = STRBUF_INIT, xml2 = STRBUF_INIT, out = STRBUF_INIT;
	strbuf_init(&xml);
	strbuf_init(&xml2);
	strbuf_init(&out);
	cr_assert(write_xml(y, &xml), "write_xml refused:\n%s", yaml);
	struct doc *x = load_text(&ds, "t.xml", xml.buf, SYNTAX_XML);
	assert_no_findings(&ds, "loading the XML", xml.buf);
	cr_assert_not_null(x, "XML does not load:\n%s", xml.buf);
	cr_assert_eq(x->kind, y->kind);
	cr_assert(node_equal(y->root, x->root), "YAML → XML changed the tree:\n%s", xml.buf);

	cr_assert(write_xml(x, &xml2));
	cr_assert_str_eq(xml2.buf, xml.buf);

	write_yaml(x, &out);
	struct doc *y2 = load_yaml_text(&ds, out.buf);
	assert_no_findings(&ds, "loading the YAML", out.buf);
	cr_assert(node_equal(y->root, y2->root), "XML → YAML changed the tree:\n%s", out.buf);

	strbuf_reset(&out);
	write_yaml(y, &out);
	struct doc *y3 = load_yaml_text(&ds, out.buf);
	cr_assert(node_equal(y->root, y3->root), "YAML → YAML changed the tree:\n%s", out.buf);

	doc_free(y);
	doc_free(x);
	doc_free(y2);
	doc_free(y3);
	strbuf_release(&xml);
	strbuf_release(&xml2);
	strbuf_release(&out);
	diag_store_release(&ds);
}

Test(write, round_trip_system)
{
	round_trip(system_yaml, true);
}

Test(write, round_trip_standard)
{
	round_trip(standard_yaml, true);
}

Test(write, round_trip_registry)
{
	round_trip(registry_yaml, true);
}

Test(write, round_trip_every_construct)
{
	round_trip(extra_yaml, false);
}

Test(write, xml_spelling_of_the_standard)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *y = load_yaml_text(&ds, standard_yaml);
	struct strbuf xml = STRBUF_INIT;
	strbuf_init(&xml);
	cr_assert(write_xml(y, &xml));
	const char *want_start =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<standard number=\"Q/QZBWG 301-003—2021\" title=\"讲解服务规范\" "
	    "title-en=\"Specification for guided tour service\" ics=\"03.080\" ccs=\"A12\" "
	    "issuer=\"青州市博物馆\" published=\"2021-04-01\" effective=\"2021-05-01\" "
	    "drafting-rules=\"GB/T 1.1—2020\">\n"
	    "  <replaces>Q/QZBWG 301-003—2018</replaces>\n"
	    "  <foreword>\n";
	cr_assert_eq(strncmp(xml.buf, want_start, strlen(want_start)), 0, "%s", xml.buf);
	const char *want_41 = "    <clause num=\"4.1\" title=\"人员\">\n"
			      "      <p>讲解员应符合第7章和GB/T 36721的要求，讲解时长见表1。</p>\n"
			      "      <list style=\"letter\">\n"
			      "        <item>熟悉馆藏；</item>\n"
			      "        <item>普通话标准；</item>\n"
			      "        <item text=\"具备应急处置能力。\"/>\n"
			      "      </list>\n"
			      "      <table num=\"1\" title=\"讲解时长\">\n"
			      "        <head>\n"
			      "          <row><cell>项目</cell><cell>时长</cell></row>\n"
			      "        </head>\n"
			      "        <row><cell>常规讲解</cell><cell>60 min</cell></row>\n"
			      "        <row><cell>专题讲解</cell><cell>90 min</cell></row>\n"
			      "      </table>\n"
			      "      <note>讲解时长不含答疑时间。</note>\n"
			      "    </clause>\n";
	cr_assert_not_null(strstr(xml.buf, want_41), "%s", xml.buf);
	cr_assert_not_null(strstr(xml.buf, "  <clause num=\"2\" title=\"规范性引用文件\">\n"
					   "    <references>\n"
					   "      <ref number=\"GB/T 10001.1—2012\" "
					   "title=\"公共信息图形符号　第1部分：通用符号\"/>\n"));
	cr_assert_not_null(strstr(xml.buf, "  <bibliography>\n    <ref "));
	cr_assert(strlen(xml.buf) > 0 && xml.buf[strlen(xml.buf) - 1] == '\n');
	doc_free(y);
	strbuf_release(&xml);
	diag_store_release(&ds);
}

Test(write, xml_children_follow_the_schema_order)
{
	/* keys in an unusual order: sub-clauses first, body last */
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *y =
	    load_yaml_text(&ds, "standard:\n  clauses:\n    - clauses: [{num: \"1.1\"}]\n"
				"      body: 段\n      title: 标题\n      num: \"1\"\n"
				"  title: 标\n");
	struct strbuf xml = STRBUF_INIT;
	strbuf_init(&xml);
	cr_assert(write_xml(y, &xml));
	cr_assert_str_eq(xml.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				  "<standard title=\"标\">\n"
				  "  <clause title=\"标题\" num=\"1\">\n"
				  "    <p>段</p>\n"
				  "    <clause num=\"1.1\"/>\n"
				  "  </clause>\n"
				  "</standard>\n");
	doc_free(y);
	strbuf_release(&xml);
	diag_store_release(&ds);
}

Test(write, xml_escapes)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *y = load_yaml_text(&ds, extra_yaml);
	struct strbuf xml = STRBUF_INIT;
	strbuf_init(&xml);
	cr_assert(write_xml(y, &xml));
	cr_assert_not_null(
	    strstr(xml.buf,
		   " title=\"a &quot;quoted&quot; &lt;title&gt; &amp; more&#9;tab&#10;line\""),
	    "%s", xml.buf);
	cr_assert_not_null(strstr(xml.buf, "<p>第一行\n第二行&#13;\n第三行 ]]&gt; &amp;amp;</p>"),
			   "%s", xml.buf);
	cr_assert_not_null(strstr(xml.buf, "<p>&#32;leading and trailing space&#32;</p>"), "%s",
			   xml.buf);
	cr_assert_not_null(strstr(xml.buf, "<references/>"), "%s", xml.buf);
	cr_assert_not_null(strstr(xml.buf, "<head/>"), "%s", xml.buf);
	cr_assert_not_null(strstr(xml.buf, "<row><cell></cell><cell>x</cell></row>"), "%s",
			   xml.buf);
	cr_assert_not_null(strstr(xml.buf, "<row/>"), "%s", xml.buf);
	cr_assert_not_null(strstr(xml.buf, "<notes>注一</notes>"), "%s", xml.buf);
	doc_free(y);
	strbuf_release(&xml);
	diag_store_release(&ds);
}

Test(write, xml_refuses_what_has_no_spelling)
{
	static const char *const bad[] = {
		"standard: {title: t, colour: red}\n", /* unknown key */
		"standard: {title: [a, b]}\n",	       /* list for a scalar */
		"standard: {title: \"bell \\a\"}\n",   /* no XML 1.0 character */
		"standard: {title: t, clauses: [{body: [{tabel: x}]}]}\n", /* unknown block */
		"standard: {title: t, clauses: {num: \"1\"}}\n",	   /* map for a list */
		"sytem: {id: x}\n",					   /* unknown root */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct doc *y = load_yaml_text(&ds, bad[i]);
		struct strbuf xml = STRBUF_INIT;
		strbuf_init(&xml);
		strbuf_adds(&xml, "kept");
		cr_assert_not(write_xml(y, &xml), "%s", bad[i]);
		cr_assert_str_eq(xml.buf, "kept");
		doc_free(y);
		strbuf_release(&xml);
		diag_store_release(&ds);
	}
}

Test(write, xml_check_names_each_character_xml_cannot_carry)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *y =
	    load_yaml_text(&ds, "standard:\n  title: \"导则\\x01\"\n  scope: [\"a\\uFFFF\", ok]\n"
				"  number: \"\\t\\r\\n\\uFFFD\"\n");
	cr_assert_not_null(y);
	cr_assert_not(write_xml_check(y, &ds));
	diag_store_finish(&ds);
	const struct diag *at[4] = { NULL };
	size_t n = 0;
	for (size_t i = 0; i < diag_store_size(&ds); i++) {
		const struct diag *d = diag_store_get(&ds, i);
		if (d->code != DIAG_XML_CHAR_UNWRITABLE)
			continue;
		cr_assert_eq(d->sev, SEV_FATAL);
		cr_assert_lt(d->loc.line, 4);
		at[d->loc.line] = d;
		n++;
	}
	cr_assert_eq(n, 2);
	cr_assert_str_eq(at[2]->msg,
			 "character 3 of this value is U+0001, which XML 1.0 cannot carry");
	cr_assert(strstr(at[3]->msg, "character 2 ") && strstr(at[3]->msg, "U+FFFF"), "%s",
		  at[3]->msg);
	doc_free(y);
	diag_store_release(&ds);
	/* what XML can carry (tab, CR, LF, U+FFFD) passes */
	diag_store_init(&ds);
	y = load_yaml_text(&ds, "standard:\n  title: \"\\t\\r\\n\\uFFFD 导则\"\n");
	cr_assert(write_xml_check(y, &ds));
	doc_free(y);
	diag_store_release(&ds);
}

Test(write, xml_null_is_an_absent_attribute)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *y =
	    load_yaml_text(&ds, "registry:\n  source: ~\n  date: 2026-11-01\n  editions: []\n");
	struct strbuf xml = STRBUF_INIT;
	strbuf_init(&xml);
	cr_assert(write_xml(y, &xml));
	cr_assert_str_eq(xml.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				  "<registry date=\"2026-11-01\"/>\n");
	doc_free(y);
	strbuf_release(&xml);
	diag_store_release(&ds);
}

/* ---- YAML quoting ---- */

static char *yaml_of(const char *yaml)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *y = load_yaml_text(&ds, yaml);
	struct strbuf out = STRBUF_INIT;
	strbuf_init(&out);
	write_yaml(y, &out);
	struct doc *y2 = load_yaml_text(&ds, out.buf);
	cr_assert(node_equal(y->root, y2->root), "changed:\n%s\n→\n%s", yaml, out.buf);
	doc_free(y);
	doc_free(y2);
	diag_store_release(&ds);
	return strbuf_detach(&out, NULL);
}

Test(write, yaml_quotes_what_would_read_differently)
{
	char *out = yaml_of("registry:\n"
			    "  source: \"101\"\n"
			    "  editions:\n"
			    "    - number: \"03.080\"\n"
			    "      title: \"true\"\n"
			    "    - number: \"null\"\n"
			    "      title: \"2023\"\n"
			    "    - number: \"- x\"\n"
			    "      title: \"trailing \"\n"
			    "    - number: \"a: b\"\n"
			    "      title: \"#x\"\n"
			    "    - number: \"\"\n"
			    "      title: \"2023-06-30\"\n"
			    "    - number: \"x #y\"\n"
			    "      title: \"1e3\"\n"
			    "    - number: \"~\"\n"
			    "      title: \"yes\"\n"
			    "    - number: \"0x1F\"\n"
			    "      title: \"Off\"\n"
			    "    - number: \"多行\\n文字\"\n"
			    "      title: \"*star\"\n"
			    "    - number: \" lead\"\n"
			    "      title: \".inf\"\n"
			    "    - number: \"a:\"\n"
			    "      title: \"---\"\n");
	const char *want = "registry:\n"
			   "  source: \"101\"\n"
			   "  editions:\n"
			   "  - number: \"03.080\"\n"
			   "    title: \"true\"\n"
			   "  - number: \"null\"\n"
			   "    title: \"2023\"\n"
			   "  - number: \"- x\"\n"
			   "    title: \"trailing \"\n"
			   "  - number: \"a: b\"\n"
			   "    title: \"#x\"\n"
			   "  - number: \"\"\n"
			   "    title: \"2023-06-30\"\n"
			   "  - number: \"x #y\"\n"
			   "    title: \"1e3\"\n"
			   "  - number: \"~\"\n"
			   "    title: \"yes\"\n"
			   "  - number: \"0x1F\"\n"
			   "    title: \"Off\"\n"
			   "  - number: \"多行\\n文字\"\n"
			   "    title: \"*star\"\n"
			   "  - number: \" lead\"\n"
			   "    title: \".inf\"\n"
			   "  - number: \"a:\"\n"
			   "    title: \"---\"\n";
	cr_assert_str_eq(out, want);
	free(out);
}

Test(write, yaml_plain_where_safe_and_typed_fields_plain)
{
	char *out = yaml_of("system:\n"
			    "  format: 1\n"
			    "  id: qzbwg\n"
			    "  title: 标准体系 a-b:c d#e\n"
			    "  date: 2023-06-30\n"
			    "  review-cycle: 5\n"
			    "  edition: 2023版\n"
			    "  categories:\n"
			    "    - {code: \"100\", title: 通用, vacant: true}\n"
			    "  standards:\n"
			    "    - {code: 101-001, title: \"x, y [z]\", replaces: [\"GB/T "
			    "1—2000\", \"a, b\", \"2001\"]}\n");
	const char *want = "system:\n"
			   "  format: 1\n"
			   "  id: qzbwg\n"
			   "  title: 标准体系 a-b:c d#e\n"
			   "  date: 2023-06-30\n"
			   "  review-cycle: 5\n"
			   "  edition: 2023版\n"
			   "  categories:\n"
			   "  - code: \"100\"\n"
			   "    title: 通用\n"
			   "    vacant: true\n"
			   "  standards:\n"
			   "  - code: 101-001\n"
			   "    title: x, y [z]\n"
			   "    replaces: [GB/T 1—2000, \"a, b\", \"2001\"]\n";
	cr_assert_str_eq(out, want);
	free(out);
}

Test(write, yaml_nulls_keep_their_spelling)
{
	/* `N` is a YAML 1.1 boolean: quoted */
	char *out =
	    yaml_of("registry:\n  source: ~\n  date:\n  editions: [{number: N, title: null}]\n");
	cr_assert_str_eq(
	    out,
	    "registry:\n  source: ~\n  date:\n  editions:\n  - number: \"N\"\n    title: null\n");
	free(out);
}

Test(write, yaml_long_lines_are_not_folded)
{
	struct strbuf in = STRBUF_INIT;
	strbuf_init(&in);
	strbuf_adds(&in, "registry:\n  source: ");
	for (int i = 0; i < 60; i++)
		strbuf_adds(&in, "很长的 来源 ");
	strbuf_adds(&in, "完\n  editions: []\n");
	char *out = yaml_of(in.buf);
	cr_assert_str_eq(out, in.buf);
	free(out);
	strbuf_release(&in);
}

/* ---- write_file_atomic ---- */

static char tmpdir[64];

static void make_tmpdir(void)
{
	strcpy(tmpdir, "/tmp/zhun-test-write-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

/* rm -r without a shell (a shell would run under valgrind's child tracing, and under the
 * file size limit of one test). */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		cr_assert_not_null(d);
		for (struct dirent *e; (e = readdir(d));) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char sub[512];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			remove_tree(sub);
		}
		closedir(d);
	}
	cr_assert_eq(remove(path), 0, "%s: %s", path, strerror(errno));
}

static void remove_tmpdir(void)
{
	remove_tree(tmpdir);
}

/* Entries of `dir` whose names do not start with `keep` (temporary files left behind). */
static int strays_in(const char *dir)
{
	DIR *d = opendir(dir);
	cr_assert_not_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strncmp(e->d_name, "keep", 4))
			n++;
	closedir(d);
	return n;
}

static int stray_files(void)
{
	return strays_in(tmpdir);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void write_plain(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
}

Test(write_file, replaces_content_and_keeps_mode, .init = make_tmpdir, .fini = remove_tmpdir)
{
	char path[128];
	snprintf(path, sizeof path, "%s/keep.yaml", tmpdir);
	write_plain(path, "old content that is longer\n", 0640);
	cr_assert_eq(write_file_atomic(path, "new\n", 4, 0), 0);
	cr_assert_str_eq(read_all(path), "new\n");
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0640);
	cr_assert(S_ISREG(st.st_mode));
	cr_assert_eq(stray_files(), 0);
}

Test(write_file, new_file_gets_umask_mode, .init = make_tmpdir, .fini = remove_tmpdir)
{
	char path[128];
	snprintf(path, sizeof path, "%s/keep.xml", tmpdir);
	mode_t old = umask(027);
	cr_assert_eq(write_file_atomic(path, "<a/>", 4, 0), 0);
	umask(old);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0640);
	cr_assert_str_eq(read_all(path), "<a/>");
	cr_assert_eq(stray_files(), 0);
}

Test(write_file, writes_through_a_symlink_when_asked, .init = make_tmpdir, .fini = remove_tmpdir)
{
	char sub[128], target[160], link[128];
	snprintf(sub, sizeof sub, "%s/keep-sub", tmpdir);
	cr_assert_eq(mkdir(sub, 0755), 0);
	snprintf(target, sizeof target, "%s/real.yaml", sub);
	snprintf(link, sizeof link, "%s/keep-link.yaml", tmpdir);
	write_plain(target, "old\n", 0600);
	/* a relative link, resolved against the link's own directory */
	cr_assert_eq(symlink("keep-sub/real.yaml", link), 0);
	cr_assert_eq(write_file_atomic(link, "new\n", 4, WRITE_FOLLOW_SYMLINKS), 0);
	struct stat st;
	cr_assert_eq(lstat(link, &st), 0);
	cr_assert(S_ISLNK(st.st_mode), "the link was replaced by a file");
	cr_assert_str_eq(read_all(target), "new\n");
	cr_assert_eq(stat(target, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600);
	cr_assert_eq(stray_files(), 0);
	/* real.yaml does not start with "keep": one entry, and nothing else */
	cr_assert_eq(strays_in(sub), 1, "temporary file left next to the target");
}

Test(write_file, a_symlinked_target_is_refused_by_default, .init = make_tmpdir,
     .fini = remove_tmpdir)
{
	char target[128], link[128], dev[128];
	snprintf(target, sizeof target, "%s/keep-victim", tmpdir);
	snprintf(link, sizeof link, "%s/keep-link.yaml", tmpdir);
	write_plain(target, "old\n", 0600);
	cr_assert_eq(symlink("keep-victim", link), 0);
	errno = 0;
	cr_assert_eq(write_file_atomic(link, "new\n", 4, 0), -1);
	cr_assert_eq(errno, ELOOP);
	cr_assert_str_eq(read_all(target), "old\n");
	struct stat st;
	cr_assert_eq(lstat(link, &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
	cr_assert_eq(stray_files(), 0);
	/* a dangling link is refused too: it would create a file wherever it points */
	cr_assert_eq(unlink(target), 0);
	cr_assert_eq(write_file_atomic(link, "new\n", 4, 0), -1);
	cr_assert_eq(access(target, F_OK), -1);
	/* a link to a character device is written in place, as the device itself is */
	snprintf(dev, sizeof dev, "%s/keep-null", tmpdir);
	cr_assert_eq(symlink("/dev/null", dev), 0);
	cr_assert_eq(write_file_atomic(dev, "x", 1, 0), 0);
	cr_assert_eq(lstat(dev, &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
}

Test(write_file, dangling_symlink_creates_its_target, .init = make_tmpdir, .fini = remove_tmpdir)
{
	char link[128], target[128];
	snprintf(link, sizeof link, "%s/keep-link", tmpdir);
	snprintf(target, sizeof target, "%s/keep-target", tmpdir);
	cr_assert_eq(symlink(target, link), 0);
	cr_assert_eq(write_file_atomic(link, "x", 1, WRITE_FOLLOW_SYMLINKS), 0);
	struct stat st;
	cr_assert_eq(lstat(link, &st), 0);
	cr_assert(S_ISLNK(st.st_mode));
	cr_assert_str_eq(read_all(target), "x");
}

Test(write_file, fails_cleanly_where_it_cannot_write)
{
	errno = 0;
	cr_assert_eq(write_file_atomic("/nonexistent-zhun-dir/sub/out.yaml", "x", 1, 0), -1);
	cr_assert_eq(errno, ENOENT);
	errno = 0;
	cr_assert_eq(write_file_atomic("/proc/self/zhun-out.yaml", "x", 1, 0), -1);
	cr_assert_neq(errno, 0);
}

Test(write_file, directory_target_is_refused, .init = make_tmpdir, .fini = remove_tmpdir)
{
	char sub[128];
	snprintf(sub, sizeof sub, "%s/keep-dir", tmpdir);
	cr_assert_eq(mkdir(sub, 0755), 0);
	errno = 0;
	cr_assert_eq(write_file_atomic(sub, "x", 1, 0), -1);
	cr_assert_eq(errno, EISDIR);
	cr_assert_eq(stray_files(), 0);
}

Test(write_file, failed_write_leaves_old_file_and_no_temporary, .init = make_tmpdir,
     .fini = remove_tmpdir)
{
	char path[128];
	snprintf(path, sizeof path, "%s/keep.yaml", tmpdir);
	write_plain(path, "old\n", 0644);
	/* a file size limit makes write() fail after the temporary file exists; SIGXFSZ keeps
	 * its default action, which would kill the test unless write_file_atomic held it off */
	signal(SIGXFSZ, SIG_DFL);
	struct rlimit rl = { 16, 16 };
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	errno = 0;
	cr_assert_eq(write_file_atomic(path, "this is longer than sixteen bytes\n", 34, 0), -1);
	cr_assert_eq(errno, EFBIG);
	struct sigaction now;
	cr_assert_eq(sigaction(SIGXFSZ, NULL, &now), 0);
	cr_assert(now.sa_handler == SIG_DFL, "the disposition of SIGXFSZ was not restored");
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	setrlimit(RLIMIT_FSIZE, &rl);
	cr_assert_str_eq(read_all(path), "old\n");
	cr_assert_eq(stray_files(), 0);
}

Test(write_file, fifo_is_written_in_place, .init = make_tmpdir, .fini = remove_tmpdir)
{
	/* a FIFO stands for devices (-o /dev/null must not turn /dev/null into a file) */
	char path[128];
	snprintf(path, sizeof path, "%s/keep-fifo", tmpdir);
	cr_assert_eq(mkfifo(path, 0600), 0);
	int rd = open(path, O_RDWR | O_NONBLOCK); /* a reader, so that opening to write succeeds */
	cr_assert_geq(rd, 0);
	cr_assert_eq(write_file_atomic(path, "xy", 2, 0), 0);
	char buf[4] = { 0 };
	cr_assert_eq(read(rd, buf, sizeof buf), 2);
	cr_assert_str_eq(buf, "xy");
	close(rd);
	struct stat st;
	cr_assert_eq(lstat(path, &st), 0);
	cr_assert(S_ISFIFO(st.st_mode), "the FIFO was replaced");
	cr_assert_eq(stray_files(), 0);
}
