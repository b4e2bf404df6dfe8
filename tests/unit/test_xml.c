/* SPDX-License-Identifier: MIT */
/* test_xml: the XML loader: every construct of model.md §1–§3 to the exact tree with positions,
 * unknown names kept for model_build, hostile input (DTDs, entities) refused, syntax errors with
 * positions, limits, and libxml2 kept silent. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "strbuf.h"

/* ---- fixtures ---- */

static struct doc *xml_with(struct diag_store *ds, const char *text, const struct limits *lim)
{
	test_tables();
	struct doc *d = load_buffer("t.xml", text, strlen(text), SYNTAX_XML, ds, lim);
	test_self_check(d, text, strlen(text));
	diag_store_finish(ds);
	return d;
}

/* Parse only: the loader's own findings, no model_build. */
static struct doc *xml_load(struct diag_store *ds, const char *text)
{
	struct limits lim;
	limits_default(&lim);
	return xml_with(ds, text, &lim);
}

/* The tree as one line: kinds, keys, text, flags and every position, for exact comparison.
 * scalar 'text'@L:C (a = attribute, t = element text); map {key@L:C=value …}@L:C;
 * sequence [item …]@L:C. */
static void show(struct strbuf *sb, const struct node *n)
{
	switch (n->kind) {
	case NODE_SCALAR:
		strbuf_addf(sb, "'%s'%s@%u:%u", n->u.str,
			    n->flags & NODE_ATTR     ? "a"
			    : n->flags & NODE_QUOTED ? "t"
						     : "",
			    n->loc.line, n->loc.col);
		return;
	case NODE_MAP:
		strbuf_addc(sb, '{');
		for (size_t i = 0; i < n->n; i++) {
			const struct node *k = n->u.pairs[i].key;
			strbuf_addf(sb, "%s%s@%u:%u=", i ? " " : "", k->u.str, k->loc.line,
				    k->loc.col);
			show(sb, n->u.pairs[i].value);
		}
		strbuf_addf(sb, "}@%u:%u", n->loc.line, n->loc.col);
		return;
	case NODE_SEQ:
		strbuf_addc(sb, '[');
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				strbuf_addc(sb, ' ');
			show(sb, n->u.items[i]);
		}
		strbuf_addf(sb, "]@%u:%u", n->loc.line, n->loc.col);
		return;
	}
}

static void assert_tree(const struct node *n, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	show(&sb, n);
	cr_assert_str_eq(sb.buf, want);
	strbuf_release(&sb);
}

static void assert_loc(struct loc l, uint32_t line, uint32_t col)
{
	cr_assert_eq(l.line, line, "line %u, want %u", l.line, line);
	cr_assert_eq(l.col, col, "col %u, want %u", l.col, col);
}

static const struct node *path(const struct node *n, const char *key, size_t i)
{
	const struct node *v = node_get(n, key);
	cr_assert_not_null(v, "no key %s", key);
	if (v->kind == NODE_SEQ) {
		cr_assert_lt(i, v->n);
		return v->u.items[i];
	}
	return v;
}

static size_t count_code(const struct diag_store *ds, enum diag_code code)
{
	size_t n = 0;
	for (size_t i = 0; i < ds->n; i++)
		n += ds->v[i].code == code;
	return n;
}

/* ---- model.md §1: system ---- */

/* clang-format off */
static const char system_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<system format=\"1\" id=\"qzbwg\" title=\"青州市博物馆公共服务标准体系\" date=\"2023-06-30\">\n"
	"  <own-prefixes>Q/QZBWG</own-prefixes>\n"
	"  <category code=\"100\" title=\"通用基础标准\">\n"
	"    <category code=\"101\" title=\"标准化导则\"/>\n"
	"  </category>\n"
	"  <row code=\"101-001\" number=\"GB/T 1.1—2020\" title=\"导则\">\n"
	"    <replaces>GB/T 1.1—2009</replaces>\n"
	"    <adopts standard=\"ISO/IEC Directives, Part 2, 2018\" degree=\"NEQ\"/>\n"
	"    <interpretation id=\"JS-2023-01\" issued=\"2023-04-10\" summary=\"明确\">\n"
	"      <clauses>5.2</clauses>\n"
	"    </interpretation>\n"
	"    <review date=\"2023-05-20\" outcome=\"continue\"/>\n"
	"  </row>\n"
	"</system>\n";
/* clang-format on */

Test(xml, system_tree_exact)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, system_xml);
	cr_assert_not_null(d);
	cr_assert_eq(d->kind, DOC_SYSTEM);
	cr_assert_eq(d->syntax, SYNTAX_XML);
	cr_assert_eq(d->body, node_get(d->root, "system"));
	assert_tree(
	    d->root,
	    "{system@2:1={format@2:9='1'a@2:17 id@2:20='qzbwg'a@2:24"
	    " title@2:31='青州市博物馆公共服务标准体系'a@2:38 date@2:54='2023-06-30'a@2:60"
	    " own-prefixes@3:3=['Q/QZBWG't@3:17]@3:3"
	    " categories@4:3=[{code@4:13='100'a@4:19 title@4:24='通用基础标准'a@4:31"
	    " categories@5:5=[{code@5:15='101'a@5:21 title@5:26='标准化导则'a@5:33}@5:5]@5:5"
	    "}@4:3]@4:3"
	    " standards@7:3=[{code@7:8='101-001'a@7:14 number@7:23='GB/T 1.1—2020'a@7:31"
	    " title@7:46='导则'a@7:53"
	    " replaces@8:5=['GB/T 1.1—2009't@8:15]@8:5"
	    " adopts@9:5={standard@9:13='ISO/IEC Directives, Part 2, 2018'a@9:23"
	    " degree@9:57='NEQ'a@9:65}@9:5"
	    " interpretations@10:5=[{id@10:21='JS-2023-01'a@10:25 issued@10:37='2023-04-10'a@10:45"
	    " summary@10:57='明确'a@10:66 clauses@11:7=['5.2't@11:16]@11:7}@10:5]@10:5"
	    " reviews@13:5=[{date@13:13='2023-05-20'a@13:19 "
	    "outcome@13:31='continue'a@13:40}@13:5]@13:5"
	    "}@7:3]@7:3"
	    "}@2:1}@2:1");
	cr_assert_eq(ds.n, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, system_builds_a_clean_model)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "t.xml", system_xml);
	cr_assert_not_null(d);
	cr_assert_eq(ds.counts[SEV_ERROR] + ds.counts[SEV_FATAL], 0);
	struct system *s = d->model;
	cr_assert_not_null(s);
	cr_assert_eq(s->nrows, 1);
	cr_assert_eq(s->rows[0].replaces.n, 1);
	cr_assert_not_null(s->rows[0].adopts);
	cr_assert_eq(s->rows[0].interpretations[0].clauses.n, 1);
	doc_free(d);
	diag_store_release(&ds);
}

/* ---- model.md §2: standard ---- */

/* clang-format off */
static const char standard_xml[] =
	"<standard number=\"Q/QZBWG 301-003—2021\" title=\"讲解服务规范\">\n"   /* 1 */
	"  <foreword>\n"                                                          /* 2 */
	"    <p>本文件按照GB/T 1.1—2020起草。</p>\n"                           /* 3 */
	"    <change kind=\"added\" text=\"增加\"><new>5.3</new></change>\n"      /* 4 */
	"  </foreword>\n"                                                         /* 5 */
	"  <clause num=\"1\" title=\"范围\"><p>本文件规定了要求。</p></clause>\n"     /* 6 */
	"  <clause num=\"2\" title=\"规范性引用文件\">\n"                           /* 7 */
	"    <references><ref number=\"GB/T 36721\" title=\"规范\"/></references>\n" /* 8 */
	"  </clause>\n"                                                           /* 9 */
	"  <clause num=\"3\">\n"                                                  /* 10 */
	"    <terms><term num=\"3.1\" term=\"讲解服务\" definition=\"服务。\"/></terms>\n" /* 11 */
	"  </clause>\n"                                                           /* 12 */
	"  <clause num=\"4\">\n"                                                  /* 13 */
	"    <p>甲</p>\n"                                                         /* 14 */
	"    <list style=\"letter\"><item>熟悉；</item><item text=\"具备。\"><list style=\"dash\"><item>子</item></list></item></list>\n" /* 15 */
	"    <table num=\"1\" title=\"时长\">\n"                                  /* 16 */
	"      <head><row><cell>项目</cell><cell>时长</cell></row></head>\n"      /* 17 */
	"      <row><cell>常规</cell><cell>60 min</cell></row>\n"                 /* 18 */
	"      <notes>不含答疑。</notes>\n"                                        /* 19 */
	"    </table>\n"                                                          /* 20 */
	"    <figure num=\"1\" title=\"图\" src=\"a.png\"/>\n"                    /* 21 */
	"    <formula num=\"1\" text=\"t = a + b\"/>\n"                           /* 22 */
	"    <note>注文</note>\n"                                                 /* 23 */
	"    <example>示例文</example>\n"                                         /* 24 */
	"    <clause num=\"4.1\"><p>乙</p></clause>\n"                            /* 25 */
	"  </clause>\n"                                                           /* 26 */
	"  <annex num=\"A\" kind=\"informative\" title=\"配置\">\n"               /* 27 */
	"    <p>丙</p>\n"                                                         /* 28 */
	"    <clause num=\"A.1\"><p>丁</p></clause>\n"                            /* 29 */
	"  </annex>\n"                                                            /* 30 */
	"  <bibliography><ref number=\"GB/T 24421.2—2023\"/></bibliography>\n"    /* 31 */
	"</standard>\n";
/* clang-format on */

Test(xml, standard_tree_exact)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, standard_xml);
	cr_assert_not_null(d);
	cr_assert_eq(d->kind, DOC_STANDARD);
	const struct node *b = d->body;

	assert_tree(node_get(b, "foreword"),
		    "{body@3:5='本文件按照GB/T 1.1—2020起草。't@3:8"
		    " changes@4:5=[{kind@4:13='added'a@4:19 text@4:26='增加'a@4:32"
		    " new@4:36=['5.3't@4:41]@4:36}@4:5]@4:5}@2:3");
	const struct node *c1 = path(b, "clauses", 0);
	/* model.md §6: a body of one <p> is the single-string body */
	assert_tree(c1, "{num@6:11='1'a@6:16 title@6:19='范围'a@6:26 "
			"body@6:30='本文件规定了要求。't@6:33}@6:3");
	assert_tree(node_get(path(b, "clauses", 1), "references"),
		    "[{number@8:22='GB/T 36721'a@8:30 title@8:42='规范'a@8:49}@8:17]@8:5");
	assert_tree(node_get(path(b, "clauses", 2), "terms"),
		    "[{num@11:18='3.1'a@11:23 term@11:28='讲解服务'a@11:34 "
		    "definition@11:40='服务。'a@11:52}@11:12]@11:5");

	const struct node *c4 = path(b, "clauses", 3);
	assert_tree(node_get(c4, "body"),
		    "['甲't@14:8"
		    " {list@15:5={style@15:11='letter'a@15:18 items@15:26=['熟悉；'t@15:32"
		    " {text@15:48='具备。'a@15:54 list@15:59={style@15:65='dash'a@15:72"
		    " items@15:78=['子't@15:84]@15:78}@15:59}@15:42]@15:26}@15:5}@15:5"
		    " {table@16:5={num@16:12='1'a@16:17 title@16:20='时长'a@16:27"
		    " head@17:7=[['项目't@17:24 '时长't@17:39]@17:13]@17:7"
		    " rows@18:7=[['常规't@18:18 '60 min't@18:33]@18:7]@18:7"
		    " notes@19:7=['不含答疑。't@19:14]@19:7}@16:5}@16:5"
		    " {figure@21:5={num@21:13='1'a@21:18 title@21:21='图'a@21:28 "
		    "src@21:31='a.png'a@21:36}@21:5}@21:5"
		    " {formula@22:5={num@22:14='1'a@22:19 text@22:22='t = a + b'a@22:28}@22:5}@22:5"
		    " {note@23:5='注文't@23:11}@23:5"
		    " {example@24:5='示例文't@24:14}@24:5"
		    "]@14:5");
	/* sub-clauses follow the body and stay apart from it */
	assert_tree(node_get(c4, "clauses"),
		    "[{num@25:13='4.1'a@25:18 body@25:23='乙't@25:26}@25:5]@25:5");

	const struct node *a = path(b, "annexes", 0);
	assert_tree(
	    a, "{num@27:10='A'a@27:15 kind@27:18='informative'a@27:24 title@27:37='配置'a@27:44"
	       " body@28:5='丙't@28:8 clauses@29:5=[{num@29:13='A.1'a@29:18 "
	       "body@29:23='丁't@29:26}@29:5]@29:5}@27:3");
	assert_tree(node_get(b, "bibliography"),
		    "[{number@31:22='GB/T 24421.2—2023'a@31:30}@31:17]@31:3");
	cr_assert_eq(ds.n, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, standard_builds_a_clean_model)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "t.xml", standard_xml);
	cr_assert_not_null(d);
	for (size_t i = 0; i < ds.n; i++)
		cr_assert_lt(ds.v[i].sev, SEV_ERROR, "%s", ds.v[i].msg);
	struct standard *s = d->model;
	cr_assert_eq(s->nclauses, 4);
	cr_assert_eq(s->clauses[3].body.n, 7);
	cr_assert_eq(s->clauses[3].body.v[1].kind, BLOCK_LIST);
	cr_assert_not_null(s->clauses[3].body.v[1].list->items[1].sub);
	cr_assert_eq(s->clauses[3].body.v[2].head.n, 1);
	cr_assert_eq(s->clauses[3].body.v[2].rows.v[0].n, 2);
	cr_assert_eq(s->clauses[1].nreferences, 1);
	doc_free(d);
	diag_store_release(&ds);
}

/* ---- model.md §3: registry ---- */

Test(xml, registry_tree_exact)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<registry source=\"平台\" date=\"2026-11-01\">\n"
				      "  <edition number=\"GB/T 24421.2—2009\" status=\"replaced\" "
				      "withdrawn=\"2023-03-17\">\n"
				      "    <replaced-by>GB/T 24421.2—2023</replaced-by>\n"
				      "  </edition>\n"
				      "</registry>\n");
	cr_assert_not_null(d);
	cr_assert_eq(d->kind, DOC_REGISTRY);
	assert_tree(
	    d->root,
	    "{registry@1:1={source@1:11='平台'a@1:19 date@1:23='2026-11-01'a@1:29"
	    " editions@2:3=[{number@2:12='GB/T 24421.2—2009'a@2:20 status@2:39='replaced'a@2:47"
	    " withdrawn@2:57='2023-03-17'a@2:68"
	    " replaced-by@3:5=['GB/T 24421.2—2023't@3:18]@3:5}@2:3]@2:3}@1:1}@1:1");
	doc_free(d);
	diag_store_release(&ds);
}

/* ---- text, white space, positions ---- */

Test(xml, text_layout_whitespace_is_dropped_content_whitespace_kept)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<standard title=\"t\">\n"
				      "  <clause num=\"1\">\n"
				      "    <p>\n"
				      "      第一行\n"
				      "      第二行\n"
				      "    </p>\n"
				      "    <p>&#32;前后有空格&#9;</p>\n"
				      "    <p><![CDATA[  a < b  ]]></p>\n"
				      "    <p>x &amp; y &lt;z&gt;</p>\n"
				      "    <p>  </p>\n"
				      "  </clause>\n"
				      "</standard>\n");
	cr_assert_not_null(d);
	const struct node *body = node_get(path(d->body, "clauses", 0), "body");
	cr_assert_eq(body->n, 5);
	/* literal white space at both ends is layout; inside, text is verbatim */
	cr_assert_str_eq(body->u.items[0]->u.str, "第一行\n      第二行");
	assert_loc(body->u.items[0]->loc, 4, 7);
	/* white space written as character references is content */
	cr_assert_str_eq(body->u.items[1]->u.str, " 前后有空格\t");
	assert_loc(body->u.items[1]->loc, 7, 8);
	/* and so is white space inside CDATA */
	cr_assert_str_eq(body->u.items[2]->u.str, "  a < b  ");
	cr_assert_str_eq(body->u.items[3]->u.str, "x & y <z>");
	cr_assert_str_eq(body->u.items[4]->u.str, "");
	cr_assert_eq(ds.n, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, positions_count_code_points_and_survive_comments)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(
	    &ds,
	    "<!-- 注释 <clause> -->\n"
	    "<registry source=\"一二三\"><!-- <edition number=\"x\"/> --><edition number=\"标准\"\n"
	    "   title='四'/><?pi <edition?><edition number=\"N\"/></registry>");
	cr_assert_not_null(d);
	const struct node *eds = node_get(d->body, "editions");
	cr_assert_eq(eds->n, 2);
	assert_loc(eds->u.items[0]->loc, 2, 54);
	assert_loc(node_get_pair(eds->u.items[0], "number")->key->loc, 2, 63);
	assert_loc(node_get(eds->u.items[0], "number")->loc, 2, 71);
	assert_loc(node_get_pair(eds->u.items[0], "title")->key->loc, 3, 4);
	assert_loc(node_get(eds->u.items[0], "title")->loc, 3, 11);
	assert_loc(eds->u.items[1]->loc, 3, 30);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, windows_line_ends_and_big_line_numbers)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_adds(&sb, "<registry>\r\n");
	for (int i = 0; i < 70000; i++)
		strbuf_adds(&sb, "<!-- -->\r\n");
	strbuf_adds(&sb, "  <edition number=\"N\"><replaces>\r\n A "
			 "\r\n</replaces></edition>\r\n</registry>\r\n");
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, sb.buf);
	cr_assert_not_null(d);
	const struct node *ed = path(d->body, "editions", 0);
	assert_loc(ed->loc, 70002, 3);
	const struct node *r = path(ed, "replaces", 0);
	cr_assert_str_eq(r->u.str, "A");
	assert_loc(r->loc, 70003, 2);
	doc_free(d);
	diag_store_release(&ds);
	strbuf_release(&sb);
}

Test(xml, declared_encoding_is_ignored_input_is_utf8)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
				      "<registry source=\"标准\"/>");
	cr_assert_not_null(d);
	cr_assert_str_eq(node_get(d->body, "source")->u.str, "标准");
	doc_free(d);
	diag_store_release(&ds);
}

/* ---- unknown names: kept for model_build ---- */

Test(xml, unknown_attribute_kept_and_reported_by_model_build)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d =
	    test_load(&ds, "t.xml",
		      "<registry>\n  <edition number=\"GB/T 1—2000\" titel=\"x\"/>\n</registry>\n");
	cr_assert_not_null(d);
	const struct node_pair *p = node_get_pair(path(d->body, "editions", 0), "titel");
	cr_assert_not_null(p);
	cr_assert(p->value->flags & NODE_ATTR);
	const struct diag *f = test_find(&ds, DIAG_KEY_UNKNOWN);
	cr_assert_not_null(f);
	assert_loc(f->loc, 2, 33);
	cr_assert_not_null(f->help);
	cr_assert_not_null(strstr(f->help, "title"));
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, unknown_elements_kept_as_text_or_attribute_map)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<registry>\n"
				      "  <sorce>平台</sorce>\n"
				      "  <extra a=\"1\" b=\"2\"><x/></extra>\n"
				      "  <z:thing xmlns:z=\"urn:z\"/>\n"
				      "</registry>\n");
	cr_assert_not_null(d);
	assert_tree(d->body,
		    "{sorce@2:3='平台't@2:10 extra@3:3={a@3:10='1'a@3:13 b@3:16='2'a@3:19}@3:3"
		    " z:thing@4:3=''t@4:29}@1:1");
	cr_assert_eq(ds.n, 0);
	doc_free(d);
	diag_store_release(&ds);

	diag_store_init(&ds);
	d = test_load(&ds, "t.xml", "<registry>\n  <sorce>平台</sorce>\n</registry>\n");
	const struct diag *f = test_find(&ds, DIAG_KEY_UNKNOWN);
	cr_assert_not_null(f);
	assert_loc(f->loc, 2, 3);
	cr_assert_not_null(strstr(f->help, "source"));
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, default_namespace_is_ignored)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "t.xml",
				  "<registry xmlns=\"urn:zhun\" source=\"s\">"
				  "<edition number=\"GB/T 1—2000\"/></registry>");
	cr_assert_not_null(d);
	cr_assert_eq(d->kind, DOC_REGISTRY);
	cr_assert_eq(node_get(d->body, "editions")->n, 1);
	cr_assert_eq(ds.counts[SEV_ERROR] + ds.counts[SEV_FATAL], 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, misspelt_block_goes_to_the_body)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "t.xml",
				  "<standard title=\"t\">\n  <clause num=\"1\">\n    <p>a</p>\n"
				  "    <tabel num=\"1\"/>\n  </clause>\n</standard>\n");
	cr_assert_not_null(d);
	const struct node *body = node_get(path(d->body, "clauses", 0), "body");
	cr_assert_eq(body->kind, NODE_SEQ);
	cr_assert_eq(body->n, 2);
	cr_assert_not_null(node_get(body->u.items[1], "tabel"));
	const struct diag *f = test_find(&ds, DIAG_BLOCK_INVALID);
	cr_assert_not_null(f);
	assert_loc(f->loc, 4, 5);
	cr_assert_not_null(strstr(f->help, "table"));
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, text_where_none_belongs_is_a_type_mismatch)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d =
	    xml_load(&ds, "<registry>\n  <edition number=\"N\"/>\n  迷路的文字\n</registry>\n");
	cr_assert_not_null(d);
	cr_assert_eq(count_code(&ds, DIAG_TYPE_MISMATCH), 1);
	const struct diag *f = test_find(&ds, DIAG_TYPE_MISMATCH);
	cr_assert_not_null(f);
	assert_loc(f->loc, 3, 3);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, scalar_as_element_and_list_as_attribute_are_type_mismatches)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<registry>\n  <edition number=\"N\" replaces=\"X\">\n"
				      "    <title>标题</title>\n  </edition>\n</registry>\n");
	cr_assert_not_null(d);
	cr_assert_eq(count_code(&ds, DIAG_TYPE_MISMATCH), 2);
	const struct node *ed = path(d->body, "editions", 0);
	/* the element's text is kept so that no "title missing" follows */
	cr_assert_str_eq(node_get(ed, "title")->u.str, "标题");
	cr_assert_null(node_get(ed, "replaces"));
	assert_loc(ds.v[0].loc, 2, 23);
	assert_loc(ds.v[1].loc, 3, 5);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, attributes_and_elements_in_text_elements_are_reported)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<standard title=\"t\"><clause num=\"1\">"
				      "<p id=\"x\">a <b>粗</b> c</p></clause></standard>");
	cr_assert_not_null(d);
	cr_assert_eq(count_code(&ds, DIAG_KEY_UNKNOWN), 1);
	cr_assert_eq(count_code(&ds, DIAG_TYPE_MISMATCH), 1);
	cr_assert_str_eq(node_get(path(d->body, "clauses", 0), "body")->u.str, "a  c");
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, wrong_children_of_wrappers_and_rows)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<standard title=\"t\"><clause num=\"2\">"
				      "<references><reff number=\"N\"/></references>"
				      "<table num=\"1\"><row><cel>x</cel></row></table>"
				      "</clause></standard>");
	cr_assert_not_null(d);
	cr_assert_eq(count_code(&ds, DIAG_KEY_UNKNOWN), 2);
	const struct node *c = path(d->body, "clauses", 0);
	cr_assert_eq(node_get(c, "references")->n, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, duplicate_record_element)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(
	    &ds, "<standard title=\"t\">\n<foreword/>\n<foreword><p>x</p></foreword>\n</standard>");
	cr_assert_not_null(d);
	const struct diag *f = test_find(&ds, DIAG_DUPLICATE_KEY);
	cr_assert_not_null(f);
	assert_loc(f->loc, 3, 1);
	assert_loc(f->loc2, 2, 1);
	cr_assert_eq(node_get(d->body, "foreword")->n, 0);
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, unknown_root_is_left_to_model_build)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "t.xml", "<sytem id=\"x\"/>");
	cr_assert_not_null(d);
	cr_assert_eq(d->kind, DOC_UNKNOWN);
	cr_assert_not_null(node_get(d->root, "sytem"));
	cr_assert_not_null(test_find(&ds, DIAG_ROOT_UNKNOWN));
	doc_free(d);
	diag_store_release(&ds);
}

/* ---- hostile input ---- */

static void assert_refused(const char *text, enum diag_code code, uint32_t line, uint32_t col)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, text);
	cr_assert_null(d);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.v[0].code, code, "code %d: %s", ds.v[0].code, ds.v[0].msg);
	cr_assert_eq(ds.v[0].sev, SEV_FATAL);
	assert_loc(ds.v[0].loc, line, col);
	/* nothing of any local file reaches a message */
	cr_assert_null(strstr(ds.v[0].msg, "root:"));
	cr_assert(!ds.v[0].help || !strstr(ds.v[0].help, "root:"));
	diag_store_release(&ds);
}

Test(xml, billion_laughs_refused)
{
	assert_refused(
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE lolz [\n"
	    " <!ENTITY lol \"lol\">\n"
	    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	    "]>\n"
	    "<registry source=\"&lol4;\"/>\n",
	    DIAG_XML_DTD, 2, 1);
}

Test(xml, external_entity_to_local_file_refused)
{
	assert_refused("<?xml version=\"1.0\"?>\n"
		       "<!-- c -->\n"
		       "  <!DOCTYPE registry [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		       "<registry source=\"&xxe;\"><edition number=\"&xxe;\"/></registry>\n",
		       DIAG_XML_DTD, 3, 3);
	assert_refused("<!DOCTYPE registry SYSTEM \"file:///etc/passwd\"><registry/>", DIAG_XML_DTD,
		       1, 1);
	assert_refused(
	    "<!DOCTYPE registry [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><registry/>",
	    DIAG_XML_DTD, 1, 1);
}

Test(xml, entity_reference_without_dtd_is_a_syntax_error)
{
	assert_refused("<registry>\n  <edition number=\"&xxe;\"/>\n</registry>", DIAG_XML_SYNTAX, 2,
		       25);
}

Test(xml, xinclude_is_not_processed)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d =
	    xml_load(&ds, "<registry xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
			  "<xi:include href=\"/etc/passwd\" parse=\"text\"/></registry>");
	cr_assert_not_null(d);
	const struct node *inc = node_get(d->body, "xi:include");
	cr_assert_not_null(inc);
	cr_assert_str_eq(node_get(inc, "href")->u.str, "/etc/passwd");
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, malformed_xml_reports_first_error_with_position)
{
	assert_refused("<registry>\n  <edition number=\"N\">\n  </editon>\n</registry>\n",
		       DIAG_XML_SYNTAX, 3, 12);
	assert_refused("<registry>\n  <edition number=\"N\" number=\"M\"/>\n</registry>",
		       DIAG_XML_SYNTAX, 2, 33);
	assert_refused("<registry source=\"a\u4e2d<\"/>", DIAG_XML_SYNTAX, 1, 21);
	assert_refused("", DIAG_XML_SYNTAX, 1, 1);
	assert_refused("<registry/>\n<registry/>", DIAG_XML_SYNTAX, 2, 1);
	assert_refused("<registry>\x01</registry>", DIAG_XML_SYNTAX, 1, 11);
}

/* The tree is built while libxml2 parses; what building found before a syntax error further
 * down (a finding, a limit) gives way to that error, as when the whole file was parsed first. */
Test(xml, syntax_error_after_findings_is_the_one_finding)
{
	assert_refused("<registry>\n  <edition number=\"N\"/>\n  迷路的文字\n"
		       "  <edition number=\"M\" number=\"M\"/>\n</registry>\n",
		       DIAG_XML_SYNTAX, 4, 33);
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 3;
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_with(&ds,
				 "<registry>\n<edition number=\"N\"/>\n<edition number=\"N\"/>\n"
				 "<edition number=\"N\"/>\n</registry>\n<x/>",
				 &lim);
	cr_assert_null(d);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.v[0].code, DIAG_XML_SYNTAX, "%s", ds.v[0].msg);
	assert_loc(ds.v[0].loc, 6, 1);
	diag_store_release(&ds);
}

/* What libxml2's tree builder checked, the SAX loader checks the same way. */
Test(xml, xml_id_must_be_an_ncname_and_unique)
{
	assert_refused("<registry xml:id=\"1a\"/>", DIAG_XML_SYNTAX, 1, 22);
	assert_refused("<registry xml:id=\"a\">\n<edition\n xml:id=\"a\" number=\"N\"/></registry>",
		       DIAG_XML_SYNTAX, 3, 23);
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<registry xml:id=\"a&#38;\"/>");
	cr_assert_null(d);
	cr_assert_str_eq(ds.v[0].msg, "xml:id : attribute value a&#38; is not an NCName");
	diag_store_release(&ds);
}

Test(xml, attribute_references_are_decoded)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, "<registry source=\"a&amp;b &#38; &lt;&#x4e2d;&quot;\" "
				      "date=\"x&#38;#38;\tz\"/>");
	cr_assert_not_null(d);
	cr_assert_str_eq(node_get(d->body, "source")->u.str, "a&b & <中\"");
	cr_assert_str_eq(node_get(d->body, "date")->u.str, "x&#38; z");
	doc_free(d);
	diag_store_release(&ds);
}

Test(xml, libxml2_prints_nothing, .init = cr_redirect_stderr)
{
	assert_refused("<registry>\n  <a></b>\n</registry>\n", DIAG_XML_SYNTAX, 2, 10);
	assert_refused("<!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>", DIAG_XML_DTD, 1, 1);
	assert_refused("<r xmlns:a=\"u\" a:x=\"1\" a:x=\"2\"/>", DIAG_XML_SYNTAX, 1, 31);
	fflush(stderr);
	cr_assert_stderr_eq_str("");
}

/* ---- limits ---- */

/* clang-format off */
static const char deep_xml[] = "<system id=\"s\" title=\"t\">\n"
			       " <category code=\"1\" title=\"a\">\n"
			       "  <category code=\"2\" title=\"b\">\n"
			       "   <category code=\"3\" title=\"c\"/>\n"
			       "  </category>\n"
			       " </category>\n"
			       "</system>\n";
/* clang-format on */
/* clang-format off */
static const char deep_yaml[] = "system: {id: s, title: t, categories: [{code: \"1\", title: a, categories: "
				"[{code: \"2\", title: b, categories: [{code: \"3\", title: c}]}]}]}\n";
/* clang-format on */

Test(xml, depth_limit_counts_like_yaml)
{
	/* root map 1, body 2, categories 3, category 4, categories 5, … innermost category 8,
	 * the nesting of the same tree in YAML */
	struct limits lim;
	limits_default(&lim);
	struct diag_store ds;
	for (size_t max = 7; max <= 8; max++) {
		lim.max_depth = max;
		diag_store_init(&ds);
		struct doc *d = xml_with(&ds, deep_xml, &lim);
		struct doc *y =
		    load_buffer("t.yaml", deep_yaml, strlen(deep_yaml), SYNTAX_YAML, &ds, &lim);
		diag_store_finish(&ds);
		if (max == 7) {
			cr_assert_null(d);
			cr_assert_null(y);
			cr_assert_eq(ds.n, 2);
			cr_assert_eq(ds.v[0].code, DIAG_DEPTH_LIMIT);
			cr_assert_str_eq(ds.v[0].file, "t.xml");
			assert_loc(ds.v[0].loc, 4, 4);
			cr_assert_eq(ds.v[1].code, DIAG_DEPTH_LIMIT);
		} else {
			cr_assert_not_null(d);
			cr_assert_not_null(y);
			cr_assert_eq(ds.n, 0);
		}
		doc_free(d);
		doc_free(y);
		diag_store_release(&ds);
	}
}

Test(xml, deep_nesting_beyond_the_parser_is_refused_quietly)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_adds(&sb, "<system>");
	for (int i = 0; i < 100000; i++)
		strbuf_adds(&sb, "<category>");
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = xml_load(&ds, sb.buf);
	cr_assert_null(d);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.v[0].code, DIAG_DEPTH_LIMIT);
	cr_assert_eq(ds.v[0].sev, SEV_FATAL);
	cr_assert_null(strstr(ds.v[0].msg, "XML_PARSE_HUGE"));
	diag_store_release(&ds);
	strbuf_release(&sb);
}

Test(xml, node_limit)
{
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 20;
	struct diag_store ds;
	diag_store_init(&ds);
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_adds(&sb, "<registry>\n");
	for (int i = 0; i < 10; i++)
		strbuf_adds(&sb, "<edition number=\"N\"/>\n");
	strbuf_adds(&sb, "</registry>\n");
	struct doc *d = xml_with(&ds, sb.buf, &lim);
	cr_assert_null(d);
	cr_assert_eq(ds.n, 1);
	cr_assert_eq(ds.v[0].code, DIAG_NODE_LIMIT);
	cr_assert_gt(ds.v[0].loc.line, 1);
	diag_store_release(&ds);
	strbuf_release(&sb);
}
