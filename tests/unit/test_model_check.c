/* SPDX-License-Identifier: MIT */
/* test_model_check: the self-check holds on good documents and catches every invariant broken on
 * purpose, in the tree, the doc and the typed model, saying which. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "helpers.h"
#include "model_check.h"
#include "strbuf.h"
#include "strmap.h"

static const char sys_yaml[] =
    "system:\n"
    "  id: t\n"
    "  title: 测试体系\n"
    "  categories:\n"
    "    - code: \"1\"\n"
    "      title: 基础\n"
    "      categories: [{code: \"101\", title: 导则}, {code: \"102\", title: 术语}]\n"
    "    - {code: \"2\", title: 管理}\n"
    "  standards:\n"
    "    - code: 101-001\n"
    "      number: GB/T 1.1—2020\n"
    "      title: 标准化工作导则\n"
    "      status: current\n"
    "      published: 2020-03-31\n"
    "      replaces: [GB/T 1.1—2009]\n"
    "      adopts: {standard: ISO/IEC Directives Part 2, degree: neq}\n"
    "    - {code: 2-001, key: gl, title: 管理规范}\n"
    "    - {code: 9-001, title: 无类别}\n";

static const char std_yaml[] =
    "standard:\n"
    "  title: 示例标准\n"
    "  number: GB/T 1—2024\n"
    "  foreword: {body: [前言。], changes: [{kind: added, text: 增加了“范围”}]}\n"
    "  clauses:\n"
    "    - {num: \"1\", title: 范围, body: 本文件规定了要求。}\n"
    "    - num: \"2\"\n"
    "      title: 规范性引用文件\n"
    "      references: [{number: GB/T 1.1—2020, title: 标准化工作导则}]\n"
    "    - num: \"3\"\n"
    "      title: 要求\n"
    "      clauses:\n"
    "        - num: \"3.1\"\n"
    "          title: 一般要求\n"
    "          body:\n"
    "            - 段落。\n"
    "            - list: {style: letter, items: [甲, 乙]}\n"
    "            - table: {num: \"1\", title: 表, head: [[a, b]], rows: [[c, ~]]}\n"
    "            - note: 注。\n"
    "  annexes: [{num: A, kind: informative, title: 附录, clauses: [{num: A.1, title: 条}]}]\n";

static const char sys_xml[] = "<system id=\"t\" title=\"体系\">\n"
			      "  <category code=\"1\" title=\"基础\"/>\n"
			      "  <row code=\"1-001\" title=\"一\"/>\n"
			      "  <row code=\"1-002\" title=\"二\"/>\n"
			      "</system>\n";

struct fx {
	struct diag_store ds;
	struct doc *d;
	const char *src;
	struct strbuf why;
};

/* Load and build `text`, which must hold every invariant before a test breaks one. */
static void fx_load(struct fx *fx, const char *name, const char *text)
{
	diag_store_init(&fx->ds);
	strbuf_init(&fx->why);
	fx->src = text;
	fx->d = test_load(&fx->ds, name, text);
	cr_assert_not_null(fx->d, "%s does not load", name);
	cr_assert_not_null(fx->d->model, "%s has no model", name);
	cr_assert(model_check(fx->d, text, strlen(text), &fx->why), "%s: %s", name, fx->why.buf);
}

/* The broken invariant is caught, and the report names it. */
static void fx_expect(struct fx *fx, const char *what)
{
	strbuf_reset(&fx->why);
	cr_assert_not(model_check(fx->d, fx->src, strlen(fx->src), &fx->why), "not caught: %s",
		      what);
	cr_assert(strstr(fx->why.buf, what), "reported as '%s', expected '%s'", fx->why.buf, what);
}

static void fx_done(struct fx *fx)
{
	doc_free(fx->d);
	diag_store_release(&fx->ds);
	strbuf_release(&fx->why);
}

static struct node *get(struct node *m, const char *path)
{
	/* "standards/0/title": keys and sequence indexes */
	char buf[128];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *t = strtok(buf, "/"); t && m; t = strtok(NULL, "/"))
		m = m->kind == NODE_SEQ ? m->u.items[atoi(t)] : node_get(m, t);
	cr_assert_not_null(m, "no node at %s", path);
	return m;
}

static struct system *sys(struct fx *fx)
{
	return fx->d->model;
}

/* ---- good documents ---- */

Test(model_check, holds_on_every_kind_in_both_spellings)
{
	static const struct {
		const char *name, *text;
	} docs[] = {
		{ "s.yaml", sys_yaml },
		{ "d.yaml", std_yaml },
		{ "s.xml", sys_xml },
		{ "r.yaml", "registry:\n  date: 2024-01-01\n  editions:\n"
			    "    - {number: GB/T 1—2000, status: replaced}\n" },
		/* line ends other than LF: libyaml counts CR, NEL and LS as line ends too */
		{ "crlf.yaml", "registry:\r\n  editions:\r\n    - {number: GB/T 1—2000}\r\n" },
		{ "cr.yaml", "registry:\r  editions:\r    - {number: GB/T 1—2000, title: "
			     "长长长长长长长长}\r" },
		{ "ls.yaml",
		  "registry:\n  source: \"a\u2028  b\"\n  editions: [{number: GB/T 1—2000}]\n" },
		{ "crlf.xml",
		  "<registry>\r\n  <edition number=\"GB/T 1—2000\"/>\r\n</registry>\r\n" },
		/* without a line end after the last line, libyaml puts the empty value of `?
		 * source` at the end of the input, 4:1, a line past the last (found by fuzzing) */
		{ "end.yaml", "registry:\n  editions: [{number: GB/T 1—2000}]\n  ? source" },
	};
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		struct fx fx;
		fx_load(&fx, docs[i].name, docs[i].text);
		/* without the source, positions are bounded by the size */
		cr_assert(model_check(fx.d, NULL, 0, &fx.why), "%s", fx.why.buf);
		fx_done(&fx);
	}
}

Test(model_check, a_yaml_alias_shares_its_node)
{
	struct fx fx;
	fx_load(&fx, "s.yaml",
		"system:\n  id: t\n  title: &t 体系\n  categories: [{code: \"1\", title: *t}]\n"
		"  standards: [{code: 1-001, title: *t}]\n");
	cr_assert_eq(get(fx.d->body, "title"), get(fx.d->body, "standards/0/title"));
	fx_done(&fx);
}

Test(model_check, a_document_with_findings_still_holds)
{
	struct fx fx;
	/* unknown key, bad date, bad enum, bad number, a list of the wrong kind, a bad code */
	fx_load(&fx, "s.yaml",
		"system:\n  id: t\n  title: x\n  code-format: \"{serial}\"\n  colour: red\n"
		"  categories: [{code: \"1\", title: a, vacant: maybe}]\n"
		"  standards:\n    - {code: 1-001, title: a, published: 2020-02-30, status: old,"
		" number: GB 1-, replaces: GB/T 2}\n");
	cr_assert_gt(fx.ds.n, 5);
	fx_done(&fx);
}

/* ---- the doc ---- */

Test(model_check, doc_kind_body_syntax_and_model)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	fx.d->kind = DOC_REGISTRY;
	fx_expect(&fx, "document kind is registry, but its root says system");
	fx.d->kind = DOC_SYSTEM;
	struct node *body = fx.d->body;
	fx.d->body = NULL;
	fx_expect(&fx, "document body is not the root key's mapping");
	fx.d->body = body;
	fx.d->syntax = (enum doc_syntax)42;
	fx_expect(&fx, "document syntax 42 is none of load_formats[]");
	fx.d->syntax = SYNTAX_YAML;
	void (*model_free)(struct doc *) = fx.d->model_free;
	void *model = fx.d->model;
	fx.d->model = NULL;
	fx_expect(&fx, "document frees a model it does not have");
	fx.d->model = model;
	fx.d->model_free = model_free;
	char *heap = malloc(4096);
	memcpy(heap, fx.d->model, sizeof(struct system));
	fx.d->model = heap;
	fx_expect(&fx, "the model is not in the arena");
	fx.d->model = model;
	free(heap);
	const char *path = fx.d->path;
	fx.d->path = "s.yaml";
	fx_expect(&fx, "document path is not in its arena");
	fx.d->path = path;
	fx.d->kind = (enum doc_kind)7;
	fx_expect(&fx, "document kind 7 is not known");
	/* a root that names no kind: the model came from nowhere */
	char *root = (char *)fx.d->root->u.pairs[0].key->u.str;
	root[1] = 'x';
	fx.d->kind = DOC_UNKNOWN;
	fx_expect(&fx, "document has a model but no known root to build it from");
	root[1] = 'y';
	fx.d->kind = DOC_SYSTEM;
	struct arena *arena = fx.d->arena;
	fx.d->arena = NULL;
	fx_expect(&fx, "document has no arena");
	fx.d->arena = arena;
	cr_assert(model_check(fx.d, fx.src, strlen(fx.src), NULL));
	fx_done(&fx);
}

/* ---- the tree ---- */

Test(model_check, node_kind_flags_and_keys)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct node *id = get(fx.d->body, "id");
	id->kind = (enum node_kind)9;
	fx_expect(&fx, "node kind 9 is none of scalar, mapping, sequence");
	id->kind = NODE_SCALAR;
	id->flags = 1u << 6;
	fx_expect(&fx, "node flags 0x40 are not known");
	id->flags = 0;
	struct node *cats = get(fx.d->body, "categories");
	cats->flags = NODE_QUOTED;
	fx_expect(&fx, "system.categories at 5:5: a sequence has scalar flags 0x1");
	cats->flags = 0;
	struct node_pair *p = &fx.d->body->u.pairs[0];
	struct node *key = p->key;
	p->key = cats;
	fx_expect(&fx, "system.(key 0) at 5:5: a mapping key is a sequence, not a scalar");
	p->key = key;
	fx_done(&fx);
}

Test(model_check, scalar_text)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct node *title = get(fx.d->body, "title");
	const char *s = title->u.str;
	title->n--;
	fx_expect(&fx, "system.title at 3:10: scalar text is not NUL-terminated at its length 11");
	title->n++;
	((char *)s)[1] = (char)0xFF;
	fx_expect(&fx, "system.title at 3:10: scalar text is not valid UTF-8");
	((char *)s)[1] = (char)0xB5;
	title->u.str = NULL;
	fx_expect(&fx, "scalar has no text");
	/* a value's text in static memory would do, but only keys are allowed there (XML) */
	title->u.str = "测试体系";
	fx_expect(&fx, "scalar text (12 bytes) is not in the document's arena");
	title->u.str = s;
	struct node *key = fx.d->body->u.pairs[1].key;
	const char *k = key->u.str;
	key->u.str = "title";
	cr_assert(model_check(fx.d, fx.src, strlen(fx.src), NULL));
	char *heap = strdup("title");
	key->u.str = heap;
	fx_expect(&fx, "scalar text (5 bytes) is not in the document's arena and not static");
	key->u.str = k;
	free(heap);
	fx_done(&fx);
}

Test(model_check, arrays_and_nodes_in_the_arena)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct node *rows = get(fx.d->body, "standards");
	struct node **items = rows->u.items;
	rows->n += 1000;
	fx_expect(&fx, "the 1003 items of a sequence are not in the arena");
	rows->n -= 1000;
	rows->u.items = NULL;
	fx_expect(&fx, "the 3 items of a sequence are not in the arena");
	struct node **heap = malloc(3 * sizeof *heap);
	memcpy(heap, items, 3 * sizeof *heap);
	rows->u.items = heap;
	fx_expect(&fx, "the 3 items of a sequence are not in the arena");
	rows->u.items = items;
	struct node_pair *pairs = fx.d->body->u.pairs;
	struct node_pair *hp = malloc(fx.d->body->n * sizeof *hp);
	memcpy(hp, pairs, fx.d->body->n * sizeof *hp);
	fx.d->body->u.pairs = hp;
	fx_expect(&fx, "the 4 pairs of a mapping are not in the arena");
	fx.d->body->u.pairs = pairs;
	free(hp);
	struct node *row = items[1];
	struct node copy = *row;
	items[1] = &copy;
	fx_expect(&fx, "system.standards[1]: node is not in the document's arena");
	items[1] = NULL;
	fx_expect(&fx, "system.standards[1]: a node is missing");
	items[1] = row;
	free(heap);
	fx_done(&fx);
}

Test(model_check, positions_known_and_within_the_source)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct node *id = get(fx.d->body, "id");
	struct loc l = id->loc;
	id->loc = (struct loc){ 0, 0 };
	fx_expect(&fx, "system.id: position 0:0 is not known");
	id->loc = (struct loc){ 2, 0 };
	fx_expect(&fx, "system.id at 2:0: position 2:0 is not known");
	/* the source has 19 lines, the last one empty: it ends in a line end, so the end of the
	 * input is on line 19 and 20:1 is past it (where there is no line end at the end, as in
	 * "end.yaml" above, the line after the last one is the end of the input) */
	id->loc = (struct loc){ 20, 1 };
	fx_expect(&fx, "line 20 is past the end of the source (19 lines)");
	id->loc = (struct loc){ 21, 1 };
	fx_expect(&fx, "line 21 is past the end of the source (19 lines)");
	id->loc = (struct loc){ 2, 9 };
	fx_expect(&fx, "column 9 is past the end of line 2 (7 code points)");
	/* the end of a line is still on it; without the source only the size bounds a position
	 * (the model's copy moves along, or it would point where no node is) */
	id->loc = sys(&fx)->id.loc = (struct loc){ 2, 8 };
	cr_assert(model_check(fx.d, fx.src, strlen(fx.src), NULL));
	id->loc = sys(&fx)->id.loc = (struct loc){ 100000, 1 };
	strbuf_reset(&fx.why);
	cr_assert_not(model_check(fx.d, NULL, 0, &fx.why));
	cr_assert(strstr(fx.why.buf, "position is past the end of the source"), "%s", fx.why.buf);
	id->loc = sys(&fx)->id.loc = l;
	fx_done(&fx);
}

Test(model_check, positions_in_document_order)
{
	struct fx fx;
	fx_load(&fx, "d.yaml", std_yaml);
	struct node *cls = get(fx.d->body, "clauses");
	struct node *c0 = cls->u.items[0];
	cls->u.items[0] = cls->u.items[1];
	cls->u.items[1] = c0;
	fx_expect(&fx, "standard.clauses[1] at 6:7: node comes before its previous sibling at 7:7");
	cls->u.items[1] = cls->u.items[0];
	cls->u.items[0] = c0;
	struct node *num = get(fx.d->body, "clauses/2/num");
	struct loc l = num->loc;
	num->loc = (struct loc){ 9, 1 };
	fx_expect(&fx, "standard.clauses[2].num at 9:1: node comes before its parent at 10:7");
	num->loc = l;
	fx_done(&fx);
}

Test(model_check, no_cycle_and_no_sharing_outside_yaml)
{
	struct fx fx;
	fx_load(&fx, "d.yaml", std_yaml);
	struct node *cls = get(fx.d->body, "clauses");
	struct node *c2 = cls->u.items[2];
	struct node *sub = get(c2, "clauses");
	struct node *first = sub->u.items[0];
	sub->u.items[0] = c2;
	fx_expect(&fx, "node contains itself");
	sub->u.items[0] = first;
	fx_done(&fx);

	/* the XML loader builds a tree: a node met twice is a fault */
	fx_load(&fx, "s.xml", sys_xml);
	struct node *rows = get(fx.d->body, "standards");
	struct node *r1 = rows->u.items[1];
	rows->u.items[1] = rows->u.items[0];
	fx_expect(&fx, "node is reached twice; xml trees share no nodes");
	rows->u.items[1] = r1;
	fx_done(&fx);
}

/* ---- the typed model ---- */

Test(model_check, texts_dates_enumerations_and_values)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct row *r = &sys(&fx)->rows[0];
	struct text t = r->title;
	r->title.loc.col++;
	fx_expect(&fx,
		  "system.standards[0].title at 12:15: text is at a position where no node is");
	r->title = t;
	r->note.loc = (struct loc){ 3, 3 };
	fx_expect(&fx, "system.standards[0].note at 3:3: text is absent but has a position");
	r->note.loc = (struct loc){ 0, 0 };
	char *heap = strdup(t.s);
	r->title.s = heap;
	fx_expect(&fx, "text is neither in the document's arena nor static");
	r->title = t;
	free(heap);
	/* the effective key is the one text the model makes itself, the last in the arena */
	char *key = (char *)r->key_eff;
	cr_assert_str_eq(key, "GB/T 1.1");
	key[0] = (char)0xFF;
	fx_expect(&fx, "system.standards[0] at 10:7: effective key is not valid UTF-8");
	key[0] = 'G';
	key[8] = 'x';
	fx_expect(&fx, "effective key runs past the arena's memory without a NUL");
	key[8] = '\0';
	r->published.m = 13;
	fx_expect(&fx,
		  "system.standards[0].published at 14:18: date 2020-13-31 is not a valid date");
	r->published.m = 3;
	r->withdrawn.d = 4;
	fx_expect(&fx, "an absent date has month 0 and day 4");
	r->withdrawn.d = 0;
	r->status.v = 42;
	fx_expect(&fx, "system.standards[0].status at 13:15: 42 is no status");
	r->status.v = STATUS_CURRENT;
	struct system *s = sys(&fx);
	s->review_cycle.set = true;
	fx_expect(&fx, "system.review-cycle: review-cycle is at a position where no node is");
	s->review_cycle.set = false;
	s->categories[1].vacant.v = true;
	fx_expect(&fx, "system.categories[1].vacant: an absent 'vacant' is true");
	s->categories[1].vacant.v = false;
	fx_done(&fx);
}

Test(model_check, lists_records_and_numbers)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct system *s = sys(&fx);
	struct row *r = &s->rows[0];
	r->replaces.n += 1000;
	fx_expect(&fx, "system.standards[0].replaces at 15:17: "
		       "the 1001 entries of a list of numbers are not in the arena");
	r->replaces.n -= 1000;
	const char *num = r->replaces.v[0].text.s;
	r->replaces.v[0].text.s = NULL;
	fx_expect(&fx, "entry 0 of a list of numbers has no text");
	r->replaces.v[0].text.s = num;
	struct numtext nt = r->number;
	r->number.text = (struct text){ NULL, { 0, 0 } };
	fx_expect(&fx, "system.standards[0].number: a standard number parsed from no text");
	r->number = nt;
	memset(r->number.no.seq, '1', sizeof r->number.no.seq);
	fx_expect(&fx, "standard number 'GB/T 1.1—2020' has a part without its NUL");
	r->number.no.seq[0] = '\0';
	struct adoption *a = r->adopts;
	struct adoption copy = *a;
	r->adopts = &copy;
	fx_expect(&fx, "system.standards[0].adopts: adopts record is not in the arena");
	r->adopts = a;
	size_t n = s->nrows;
	s->nrows = 100;
	fx_expect(&fx, "system.standards: the 100 entries of standards are not in the arena");
	s->nrows = n;
	struct row *rows = s->rows;
	s->rows = NULL;
	fx_expect(&fx, "standards has 3 entries but no array");
	s->rows = rows;
	fx_done(&fx);
}

Test(model_check, bodies_and_blocks)
{
	struct fx fx;
	fx_load(&fx, "d.yaml", std_yaml);
	struct standard *st = fx.d->model;
	struct clause *c31 = &st->clauses[2].clauses[0];
	cr_assert_eq(c31->body.n, 4);
	struct block *b = c31->body.v;
	b[0].kind = (enum block_kind)99;
	fx_expect(&fx,
		  "standard.clauses[2].clauses[0].body[0] at 16:15: block kind 99 is not known");
	b[0].kind = BLOCK_P;
	const char *p = b[0].text.s;
	b[0].text.s = NULL;
	fx_expect(&fx, "a paragraph, note or example has no text");
	b[0].text.s = p;
	struct list *l = b[1].list;
	b[1].list = NULL;
	fx_expect(&fx, "body[1] at 17:15: a list block has no list");
	b[1].list = l;
	l->items[1].text.s = NULL;
	fx_expect(&fx, "body[1].items[1].text at 17:48: text is absent but has a position");
	l->items[1].text.s = l->items[0].text.s;
	cr_assert(model_check(fx.d, fx.src, strlen(fx.src), NULL));
	const char *cell = b[2].head.v[0].v[1].s;
	b[2].head.v[0].v[1].s = NULL;
	fx_expect(&fx, "body[2].head at 18:50: entry 1 of a list has no text");
	b[2].head.v[0].v[1].s = cell;
	b[2].rows.v[0].v = NULL;
	fx_expect(&fx, "table row 0 has no cells");
	fx_done(&fx);

	fx_load(&fx, "d.yaml", std_yaml);
	st = fx.d->model;
	struct body *fb = &st->foreword->body;
	fb->present = false;
	fx_expect(&fx, "standard.foreword.body at 4:20: an absent body has blocks");
	fb->present = true;
	st->clauses[1].has_references = false;
	fx_expect(&fx, "standard.clauses[1] at 7:7: "
		       "a clause holds references or terms it says it has not");
	st->clauses[1].has_references = true;
	fx_done(&fx);
}

Test(model_check, clause_parents_and_depths)
{
	struct fx fx;
	fx_load(&fx, "d.yaml", std_yaml);
	struct standard *st = fx.d->model;
	struct clause *c31 = &st->clauses[2].clauses[0];
	c31->depth = 3;
	fx_expect(&fx, "clause '3.1' at 13:11: parent or depth (3) is not where the clause stands");
	c31->depth = 2;
	c31->parent = &st->clauses[1];
	fx_expect(&fx, "clause '3.1' at 13:11: parent or depth (2)");
	c31->parent = &st->clauses[2];
	st->annexes[0].clauses[0].parent = &st->clauses[0];
	fx_expect(&fx, "clause 'A.1'");
	st->annexes[0].clauses[0].parent = NULL;
	fx_done(&fx);
}

Test(model_check, category_tree_and_code_index)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct system *s = sys(&fx);
	struct category *c101 = &s->categories[0].children[0];
	c101->parent = NULL;
	fx_expect(&fx,
		  "category '101' at 7:20: parent or depth (1) is not where the category stands");
	c101->parent = &s->categories[0];
	c101->depth = 0;
	fx_expect(&fx, "category '101'");
	c101->depth = 1;
	c101->index = 2;
	fx_expect(&fx, "category '101' at 7:20: pre-order index 2 is not its place 1");
	c101->index = 1;
	struct category *c102 = s->cat_preorder[2];
	s->cat_preorder[2] = c101;
	fx_expect(&fx, "category '102' at 7:46: the pre-order list holds another category at 2");
	s->cat_preorder[2] = c102;
	s->ncat--;
	fx_expect(&fx, "category '2' at 8:7: more categories than the 3 in pre-order");
	s->ncat++;
	s->cat_code_max = 2;
	fx_expect(&fx, "system at 2:3: longest category code is 3 bytes, not 2");
	s->cat_code_max = 3;
	struct strmap *m = s->cat_index;
	strmap_put(m, "102", c101);
	fx_expect(&fx, "category '102' at 7:46: "
		       "the code index does not lead to the first category with this code");
	strmap_put(m, "102", c102);
	strmap_put(m, "zzz", c102);
	fx_expect(&fx, "system at 2:3: the code index holds 5 codes, the categories 4");
	s->cat_index = NULL;
	fx_expect(&fx, "the category index is not in the arena");
	s->cat_index = m;
	struct category **pre = s->cat_preorder;
	struct category **heap = malloc(s->ncat * sizeof *heap);
	memcpy(heap, pre, s->ncat * sizeof *heap);
	s->cat_preorder = heap;
	fx_expect(&fx, "the 4 categories in pre-order are not in the arena");
	s->cat_preorder = pre;
	free(heap);
	fx_done(&fx);
}

Test(model_check, rows_derived_fields)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct system *s = sys(&fx);
	struct row *r = s->rows;
	r[1].index = 0;
	fx_expect(&fx, "system.standards[1] at 17:7: row index 0 is not its place");
	r[1].index = 1;
	r[0].status_given = STATUS_PLANNED;
	fx_expect(&fx, "status as written is 1, not the status key's 4");
	r[0].status_given = STATUS_CURRENT;
	r[0].level_eff = 0;
	fx_expect(&fx, "effective level 0 is not 1");
	r[0].level_eff = r[0].number.no.level;
	const char *k = r[1].key_eff;
	r[1].key_eff = r[1].code.s;
	fx_expect(&fx, "effective key '2-001' is not the row's key, number or code");
	r[1].key_eff = NULL;
	fx_expect(&fx, "row has no effective key");
	r[1].key_eff = k;
	struct category *c = r[1].category;
	struct category other = *c;
	r[1].category = &other;
	fx_expect(&fx, "row's category is not one of the system's");
	r[1].category = NULL;
	fx_expect(&fx, "code '2-001' is matched by the code-format, yet the row has no category");
	r[1].category = c;
	struct text code = r[0].code;
	r[0].code = (struct text){ NULL, { 0, 0 } };
	fx_expect(&fx, "a code matched without a code-format or a code");
	r[0].code = code;
	cr_assert_not(r[2].code_ok);
	r[2].serial = 1;
	fx_expect(&fx, "system.standards[2] at 18:7: serial 1 without a matching code");
	r[2].serial = -1;
	fx_done(&fx);
}

Test(model_check, code_format_parts)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	struct system *s = sys(&fx);
	cr_assert(s->cf_ok);
	cr_assert_eq(s->ncf, 3);
	s->cf[2].width = 0;
	fx_expect(&fx, "serial width 0 is not 1 to 9");
	s->cf[2].width = 3;
	s->cf[2].kind = 1;
	fx_expect(&fx, "the code-format has 2 category and 0 serial parts");
	s->cf[2].kind = 2;
	s->cf[1].len = 0;
	fx_expect(&fx, "literal part 1 of the code-format is empty or dangles");
	s->cf[1].len = 1;
	s->cf[0].kind = 5;
	fx_expect(&fx, "part 0 of the code-format has kind 5");
	s->cf[0].kind = 1;
	struct code_format_part *cf = s->cf, *heap = malloc(s->ncf * sizeof *heap);
	memcpy(heap, cf, s->ncf * sizeof *heap);
	s->cf = heap;
	fx_expect(&fx, "the code-format's parts are not in the arena");
	s->cf = cf;
	free(heap);
	s->cf_ok = false;
	fx_expect(&fx, "an invalid code-format has parts");
	s->cf_ok = true;
	fx_done(&fx);
}

/* ---- the report ---- */

Test(model_check, a_violation_is_an_internal_finding_with_exit_status_4)
{
	struct fx fx;
	fx_load(&fx, "s.yaml", sys_yaml);
	cr_assert(model_check_report(fx.d, fx.src, strlen(fx.src), &fx.ds));
	size_t n = fx.ds.n;
	get(fx.d->body, "id")->loc = (struct loc){ 0, 0 };
	cr_assert_not(model_check_report(fx.d, fx.src, strlen(fx.src), &fx.ds));
	cr_assert_eq(fx.ds.n, n + 1);
	diag_store_finish(&fx.ds);
	const struct diag *f = test_find(&fx.ds, DIAG_INTERNAL);
	cr_assert_not_null(f);
	cr_assert_str_eq(f->msg,
			 "self-check of the loaded document failed: system.id: position 0:0 "
			 "is not known");
	cr_assert_eq(diag_exit_status(&fx.ds, false), 4);
	get(fx.d->body, "id")->loc = (struct loc){ 2, 7 };
	fx_done(&fx);
}
