/* SPDX-License-Identifier: MIT */
/* load_docx: a Word document (include/docx.h) mapped onto the generic tree of a `standard` —
 * cover, 前言 with its change list, 引言, chapters and 条, references, terms, lists, notes,
 * examples, tables, figures, formulas, annexes, 参考文献 — from what the text says (numbers
 * typed or numbered automatically, the wording GB/T 1.1 prescribes), helped by heading and
 * element styles where the document has them, so that a document with styles and the same
 * one without any give the same tree. Every paragraph that fits nowhere is a finding at its
 * paragraph number. A document that is mostly one 体系表 table (or one imported with --kind
 * system or registry) goes to the spreadsheet import instead, its tables as sheets.
 * docs/import-word.md describes the mapping. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "docx.h"
#include "i18n.h"
#include "import.h"
#include "load.h"
#include "office.h"
#include "sheet.h"
#include "stdno.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- a mutable tree, turned into node.h's at the end ---- */

struct mn {
	struct arena *arena; /* the scratch arena, which holds its arrays too */
	enum node_kind kind;
	const char *s;
	struct loc loc;
	const char **keys;
	struct mn **kids;
	size_t n, cap;
};

/* The mapping of one document: findings go to `ds` at `path`; the mutable tree lives in
 * `scratch` until it is copied into the doc's arena. */
struct mp {
	struct diag_store *ds;
	struct arena *scratch;
	const char *path;
};

static struct loc at(uint32_t num)
{
	return (struct loc){ num, 1 };
}

static struct mn *mn_new(struct mp *m, enum node_kind k, struct loc loc)
{
	struct mn *n = arena_alloc(m->scratch, sizeof *n);
	n->arena = m->scratch;
	n->kind = k;
	n->loc = loc;
	return n;
}

static struct mn *mn_str(struct mp *m, const char *s, size_t len, struct loc loc)
{
	struct mn *n = mn_new(m, NODE_SCALAR, loc);
	n->s = arena_strndup(m->scratch, s, len);
	return n;
}

static void mn_grow(struct mn *p)
{
	if (p->n < p->cap)
		return;
	/* doubling in the arena: what is left behind is at most the final size again, and a node
	 * that never joins the tree (a table title read into its table) needs no freeing */
	size_t cap = p->cap ? p->cap * 2 : 4;
	struct mn **kids = arena_alloc(p->arena, cap * sizeof *kids);
	const char **keys = arena_alloc(p->arena, cap * sizeof *keys);
	if (p->n) {
		memcpy(kids, p->kids, p->n * sizeof *kids);
		memcpy(keys, p->keys, p->n * sizeof *keys);
	}
	p->kids = kids;
	p->keys = keys;
	p->cap = cap;
}

static void mn_push(struct mn *seq, struct mn *v)
{
	mn_grow(seq);
	seq->keys[seq->n] = NULL;
	seq->kids[seq->n++] = v;
}

static struct mn *mn_get(struct mn *map, const char *key)
{
	for (size_t i = 0; map && i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->kids[i];
	return NULL;
}

/* The value of a key the mapping has set itself. */
static struct mn *mn_must(struct mn *map, const char *key)
{
	struct mn *v = mn_get(map, key);
	if (!v)
		abort();
	return v;
}

static struct mn *mn_set(struct mn *map, const char *key, struct mn *v)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0) {
			map->kids[i] = v;
			return v;
		}
	mn_grow(map);
	map->keys[map->n] = key;
	map->kids[map->n++] = v;
	return v;
}

static struct mn *mn_set_str(struct mp *m, struct mn *map, const char *key, const char *s,
			     size_t len, struct loc loc)
{
	return mn_set(map, key, mn_str(m, s, len, loc));
}

/* The value of `key`, created as an empty node of kind `k` when absent. */
static struct mn *mn_need(struct mp *m, struct mn *map, const char *key, enum node_kind k,
			  struct loc loc)
{
	struct mn *v = mn_get(map, key);
	return v ? v : mn_set(map, key, mn_new(m, k, loc));
}

/* Keys in the order the format's own files write them (docs/format.md); others after. */
static const char *const key_order[] = {
	"format",
	"number",
	"num",
	"kind",
	"title",
	"title-en",
	"ics",
	"ccs",
	"issuer",
	"published",
	"effective",
	"replaces",
	"drafting-rules",
	"foreword",
	"introduction",
	"term",
	"en",
	"definition",
	"source",
	"style",
	"continued",
	"mark",
	"text",
	"colspan",
	"rowspan",
	"marks",
	"head",
	"rows",
	"body",
	"changes",
	"new",
	"old",
	"references",
	"terms",
	"notes",
	"footnotes",
	"list",
	"items",
	"clauses",
	"annexes",
	"bibliography",
};

static size_t key_rank(const char *k)
{
	for (size_t i = 0; i < sizeof key_order / sizeof key_order[0]; i++)
		if (strcmp(k, key_order[i]) == 0)
			return i;
	return sizeof key_order / sizeof key_order[0];
}

/* Keys in the order of the document (a position never comes before its previous sibling's:
 * model_check), and where two share a paragraph, in the order of the format's files. */
static bool key_after(const struct mn *n, size_t a, size_t b)
{
	struct loc x = n->kids[a]->loc, y = n->kids[b]->loc;
	if (x.line != y.line)
		return x.line > y.line;
	if (x.col != y.col)
		return x.col > y.col;
	return key_rank(n->keys[a]) > key_rank(n->keys[b]);
}

static void mn_sort_keys(struct mn *n)
{
	/* insertion sort: records have a handful of keys, and it is stable */
	for (size_t i = 1; i < n->n; i++)
		for (size_t j = i; j > 0 && key_after(n, j - 1, j); j--) {
			const char *k = n->keys[j];
			struct mn *v = n->kids[j];
			n->keys[j] = n->keys[j - 1];
			n->kids[j] = n->kids[j - 1];
			n->keys[j - 1] = k;
			n->kids[j - 1] = v;
		}
}

/* A body of one paragraph is written `body: text`, as the format's own files write it. */
static struct node *mn_node(struct doc *d, struct mn *n, const char *key)
{
	if (n->kind == NODE_SCALAR)
		return node_scalar(d, n->s, strlen(n->s), n->loc, NODE_QUOTED);
	if (n->kind == NODE_SEQ) {
		if (key && strcmp(key, "body") == 0 && n->n == 1 && n->kids[0]->kind == NODE_SCALAR)
			return mn_node(d, n->kids[0], NULL);
		struct node **items = arena_alloc(d->arena, (n->n ? n->n : 1) * sizeof *items);
		for (size_t i = 0; i < n->n; i++)
			items[i] = mn_node(d, n->kids[i], NULL);
		return node_seq(d, items, n->n, n->loc);
	}
	mn_sort_keys(n);
	struct node_pair *pairs = arena_alloc(d->arena, (n->n ? n->n : 1) * sizeof *pairs);
	for (size_t i = 0; i < n->n; i++) {
		pairs[i].key = node_scalar(d, n->keys[i], strlen(n->keys[i]), n->kids[i]->loc, 0);
		pairs[i].value = mn_node(d, n->kids[i], n->keys[i]);
	}
	return node_map(d, pairs, n->n, n->loc);
}

/* ---- text ---- */

static size_t cp_at(const char *s, size_t len, uint32_t *cp)
{
	size_t k = utf8_decode(s, len, cp);
	return k ? k : 1;
}

static bool is_space_cp(uint32_t cp)
{
	return utf8_is_space(cp) || cp == 0xA0;
}

/* s[0..len) without white space (ASCII, U+3000, no-break) at either end. */
static void trim(const char **s, size_t *len)
{
	uint32_t cp;
	while (*len) {
		size_t k = cp_at(*s, *len, &cp);
		if (!is_space_cp(cp))
			break;
		*s += k;
		*len -= k;
	}
	while (*len) {
		size_t k = 1;
		while (k < *len && k < 4 && ((unsigned char)(*s)[*len - k] & 0xC0) == 0x80)
			k++;
		utf8_decode(*s + *len - k, k, &cp);
		if (!is_space_cp(cp))
			break;
		*len -= k;
	}
}

static bool starts(const char *s, size_t len, const char *p)
{
	size_t k = strlen(p);
	return len >= k && memcmp(s, p, k) == 0;
}

static bool ends(const char *s, size_t len, const char *p)
{
	size_t k = strlen(p);
	return len >= k && memcmp(s + len - k, p, k) == 0;
}

/* Text with every white space removed ("前　　言" → "前言"), into `out`. */
static void squeeze(const char *s, size_t len, struct strbuf *out)
{
	strbuf_reset(out);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = cp_at(s + i, len - i, &cp);
		if (!is_space_cp(cp))
			strbuf_add(out, s + i, k);
		i += k;
	}
}

/* Skip white space at s; returns the bytes skipped. */
static size_t skip_space(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = cp_at(s + i, len - i, &cp);
		if (!is_space_cp(cp))
			break;
		i += k;
	}
	return i;
}

/* A no-break space the Word writer (or an author) put inside a standard number: U+00A0,
 * U+202F or U+2007, 0 when s[0..len) starts with none; its length in `k`. */
static bool nobreak_at(const char *s, size_t len, size_t *k)
{
	uint32_t cp;
	*k = cp_at(s, len, &cp);
	return cp == 0xA0 || cp == 0x202F || cp == 0x2007;
}

/* Where a space is meant — inside a standard number, which the renderers keep on one line with
 * no-break spaces (docs/render.md) — a no-break space is read as the space the format writes
 * ("GB/T\u00a01.1" → "GB/T 1.1"); elsewhere it is the author's and is kept. Numbers are found
 * as doc_layout finds them: a Latin capital not glued to a word, then stdno_scan over the text
 * with its no-break spaces as spaces. Returns the text in `out`, or false when nothing changes. */
static bool number_spaces(const char *s, size_t len, struct strbuf *out, struct strbuf *flat,
			  size_t **at, size_t *atcap)
{
	size_t k;
	bool any = false;
	for (size_t i = 0; i < len && !any; i++)
		any = nobreak_at(s + i, len - i, &k);
	if (!any)
		return false;
	/* the text with spaces for no-break spaces, and where each of its bytes came from */
	strbuf_reset(flat);
	if (*atcap < len + 1) {
		*atcap = len + 1;
		*at = xrealloc(*at, *atcap * sizeof **at);
	}
	for (size_t i = 0; i < len;) {
		(*at)[flat->len] = i;
		if (nobreak_at(s + i, len - i, &k)) {
			strbuf_addc(flat, ' ');
		} else {
			k = 1;
			strbuf_addc(flat, s[i]);
		}
		i += k;
	}
	(*at)[flat->len] = len;
	const char *f = flat->buf;
	size_t fl = flat->len, plain = 0;
	bool changed = false;
	strbuf_reset(out);
	for (size_t i = 0; i < fl;) {
		size_t m = 0;
		struct stdno no;
		bool glued = i > 0 && ((f[i - 1] >= 'A' && f[i - 1] <= 'Z') ||
				       (f[i - 1] >= 'a' && f[i - 1] <= 'z') ||
				       (f[i - 1] >= '0' && f[i - 1] <= '9'));
		if (f[i] >= 'A' && f[i] <= 'Z' && !glued)
			m = stdno_scan(f + i, fl - i, &no);
		if (!m) {
			i++;
			continue;
		}
		/* the number as it stands in the flat text, its spaces plain ones */
		strbuf_add(out, s + (*at)[plain], (*at)[i] - (*at)[plain]);
		strbuf_add(out, f + i, m);
		changed |= (*at)[i + m] - (*at)[i] != m;
		i += m;
		plain = i;
	}
	strbuf_add(out, s + (*at)[plain], len - (*at)[plain]);
	return changed;
}

static void number_spaces_para(struct arena *a, struct docx_para *p, struct strbuf *out,
			       struct strbuf *flat, size_t **at, size_t *atcap)
{
	/* the superscript tail (a cell's footnote marks) stays as it is, counted from the end */
	size_t body = p->sup_tail <= p->len ? p->len - p->sup_tail : p->len;
	if (!number_spaces(p->text, body, out, flat, at, atcap))
		return;
	strbuf_add(out, p->text + body, p->len - body);
	p->text = arena_strndup(a, out->buf, out->len);
	p->len = out->len;
}

/* Every paragraph of the document, in the body and in table cells, through number_spaces. */
static void number_spaces_doc(struct docx *dx)
{
	struct strbuf out = STRBUF_INIT, flat = STRBUF_INIT;
	size_t *at = NULL, atcap = 0;
	for (size_t i = 0; i < dx->nblocks; i++) {
		struct docx_block *b = &dx->blocks[i];
		if (b->kind == DOCX_PARA) {
			number_spaces_para(dx->arena, &b->para, &out, &flat, &at, &atcap);
			continue;
		}
		for (size_t c = 0; c < b->table.ncells; c++)
			for (size_t k = 0; k < b->table.cells[c].nparas; k++)
				number_spaces_para(dx->arena, &b->table.cells[c].paras[k], &out,
						   &flat, &at, &atcap);
	}
	free(at);
	strbuf_release(&out);
	strbuf_release(&flat);
}

/* ---- one paragraph as the mapping sees it ---- */

struct line {
	uint32_t num;
	const char *s; /* label and text, trimmed */
	size_t len;
	const struct docx_para *p;
	int head; /* heading level 1..9 from an outline level or an element style, 0 none */
	int role; /* enum role */
};

enum role {
	R_NONE = 0,
	R_HEADING,  /* a chapter or 条 title style */
	R_UNTITLED, /* a numbered 条 without title (无标题条) */
	R_TOC,	    /* 目次 entries */
	R_SPECIAL,  /* 前言、引言、参考文献、目次 titles */
	R_ANNEX,    /* 附录标识 */
	R_ANNEX_TITLE,
	R_COVER,
	R_BODY_TITLE, /* the title above chapter 1 */
	R_LIST_PARA,  /* a further paragraph of the list item before it, at `head` 1..3 */
};

/* Element styles of the SAC drafting templates (TCS 标准编写模板; the names with or without the
 * "标准文件_" prefix they carry there) and Word's built-in names: what a paragraph is,
 * whatever its text. Names are compared exactly after the prefix is taken off. A heading's
 * level counts within its part: 1 is a chapter in the body, A.1 in an annex. */
static const struct {
	const char *name;
	enum role role;
	int level;
} style_roles[] = {
	{ "章标题", R_HEADING, 1 },
	{ "一级条标题", R_HEADING, 2 },
	{ "二级条标题", R_HEADING, 3 },
	{ "三级条标题", R_HEADING, 4 },
	{ "四级条标题", R_HEADING, 5 },
	{ "五级条标题", R_HEADING, 6 },
	{ "附录章标题", R_ANNEX_TITLE, 0 },
	{ "附录一级条标题", R_HEADING, 1 },
	{ "附录二级条标题", R_HEADING, 2 },
	{ "附录三级条标题", R_HEADING, 3 },
	{ "附录四级条标题", R_HEADING, 4 },
	{ "附录五级条标题", R_HEADING, 5 },
	{ "一级无标题", R_UNTITLED, 2 },
	{ "二级无标题", R_UNTITLED, 3 },
	{ "三级无标题", R_UNTITLED, 4 },
	{ "四级无标题", R_UNTITLED, 5 },
	{ "五级无标题", R_UNTITLED, 6 },
	{ "附录标识", R_ANNEX, 0 },
	{ "前言、引言标题", R_SPECIAL, 0 },
	{ "参考文献标题", R_SPECIAL, 0 },
	{ "目录标题", R_SPECIAL, 0 },
	{ "目次标题", R_SPECIAL, 0 },
	{ "正文标准名称", R_BODY_TITLE, 0 },
	{ "文件名称", R_COVER, 0 },
	{ "封面标准名称", R_COVER, 0 },
	{ "封面标准英文名称", R_COVER, 0 },
	{ "文件编号", R_COVER, 0 },
	{ "封面标准号", R_COVER, 0 },
	{ "替换文件编号", R_COVER, 0 },
	{ "封面标准代替信息", R_COVER, 0 },
	{ "其他发布日期", R_COVER, 0 },
	{ "其他实施日期", R_COVER, 0 },
	{ "其他发布部门", R_COVER, 0 },
	{ "发布", R_COVER, 0 },
	{ "实施", R_COVER, 0 },
	{ "ICS", R_COVER, 0 },
	{ "CCS", R_COVER, 0 },
	{ "Title", R_COVER, 0 },
	{ "Subtitle", R_COVER, 0 },
	/* zhun's own Word writer (src/render_doc_docx.c): an item's further paragraphs, by the
	 * depth of the list (the third style serves every deeper one) */
	{ "zhun 列项段", R_LIST_PARA, 1 },
	{ "zhun 二级列项段", R_LIST_PARA, 2 },
	{ "zhun 三级列项段", R_LIST_PARA, 3 },
};

static void classify_style(struct line *l)
{
	const char *name = l->p->style_name;
	if (starts(name, strlen(name), "标准文件_"))
		name += strlen("标准文件_");
	if (strncasecmp(name, "toc ", 4) == 0 || strncmp(name, "目录 ", 7) == 0) {
		l->role = R_TOC;
		return;
	}
	for (size_t i = 0; i < sizeof style_roles / sizeof style_roles[0]; i++)
		if (strcmp(name, style_roles[i].name) == 0) {
			l->role = (int)style_roles[i].role;
			l->head = style_roles[i].level;
			return;
		}
	if (l->p->outline >= 0 && l->p->outline <= 8) {
		l->role = R_HEADING;
		l->head = l->p->outline + 1;
	}
}

static void line_of(struct mp *m, const struct docx_para *p, struct line *l, struct strbuf *buf)
{
	strbuf_reset(buf);
	if (p->label[0]) {
		strbuf_adds(buf, p->label);
		strbuf_addc(buf, ' ');
	}
	strbuf_add(buf, p->text, p->len);
	const char *s = buf->buf;
	size_t len = buf->len;
	trim(&s, &len);
	memset(l, 0, sizeof *l);
	l->num = p->num;
	l->s = arena_strndup(m->scratch, s, len);
	l->len = len;
	l->p = p;
	classify_style(l);
}

/* A clause number at the start: "5", "5.2.1", "A.1", "A.1.2" (ASCII digits; a full stop or a
 * full-width one between). Returns its length and the number normalised into `num`, or 0.
 * The number must be followed by white space or the end. */
static size_t clause_number(const char *s, size_t len, struct strbuf *num, int *depth)
{
	size_t i = 0;
	strbuf_reset(num);
	*depth = 0;
	if (i < len && s[i] >= 'A' && s[i] <= 'Z' && i + 1 < len && s[i + 1] == '.') {
		strbuf_addc(num, s[i]);
		i++;
		*depth = 1;
		goto dot;
	}
	for (;;) {
		size_t st = i;
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - st < 4)
			i++;
		if (i == st || (i < len && s[i] >= '0' && s[i] <= '9'))
			return 0;
		strbuf_add(num, s + st, i - st);
		++*depth;
	dot:
		if (i < len && s[i] == '.' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9') {
			strbuf_addc(num, '.');
			i++;
			continue;
		}
		break;
	}
	if (num->len && num->buf[0] >= 'A' && num->buf[0] <= 'Z' && *depth < 2)
		return 0;
	if (i == len)
		return i;
	uint32_t cp;
	utf8_decode(s + i, len - i, &cp);
	return is_space_cp(cp) ? i : 0;
}

/* ---- the walk ---- */

enum phase { P_COVER, P_TOC, P_FOREWORD, P_INTRO, P_BODY, P_ANNEX, P_BIB, P_END };

struct open_clause {
	struct mn *map;
	char num[64];
	int depth;
	int last_child; /* the last sub-clause number, for the sequence */
	int kind;	/* chapters: K_REFS, K_TERMS or 0 */
};

enum { K_REFS = 1, K_TERMS };

struct walk {
	struct mp *m;
	struct mn *std;
	enum phase phase;
	struct mn *container; /* where clauses go: standard, annex, introduction */
	struct mn *body;      /* where blocks go now (a map holding `body`) */
	struct open_clause st[16];
	size_t nst;
	int last_chapter;     /* within the container */
	int base_depth;	      /* 1 in the body, 2 in an annex (A.1) and the introduction (0.1) */
	char prefix[4];	      /* "A" in annex A, "0" in the introduction, "" in the body */
	struct mn *annex;     /* the annex whose mark, kind or title is awaited */
	int annex_wait;	      /* 1: kind or title, 2: title */
	struct mn *cur_term;  /* term entry being read */
	int term_wait;	      /* 1: term line, 2: definition */
	struct mn *changes;   /* foreword.changes once the change list started */
	struct mn *last_list; /* the list the previous paragraph added to, or NULL */
	struct mn *list_stack[8];
	int list_style[8];
	size_t nlist;
	struct mn *pending_table_title; /* a 表N title line waiting for its table */
	struct mn *pending_figure;	/* a drawing waiting for its 图N title */
	uint32_t pending_figure_at;
	size_t ntables;
	bool title_seen, en_seen, example_wait, index_reported;
	struct strbuf tmp, num;
};

static void unmapped(struct walk *w, uint32_t num, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void unmapped(struct walk *w, uint32_t num, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(w->m->ds, DIAG_IMPORT_UNMAPPED, w->m->path, at(num), fmt, ap);
	va_end(ap);
}

/* The first characters of a paragraph, for messages. */
static const char *excerpt(struct walk *w, const char *s, size_t len)
{
	size_t n = 0, cps = 0;
	while (n < len && cps < 20) {
		uint32_t cp;
		n += cp_at(s + n, len - n, &cp);
		cps++;
	}
	strbuf_reset(&w->tmp);
	strbuf_add(&w->tmp, s, n);
	for (size_t i = 0; i < w->tmp.len; i++)
		if (w->tmp.buf[i] == '\n' || w->tmp.buf[i] == '\t')
			w->tmp.buf[i] = ' ';
	if (n < len)
		strbuf_adds(&w->tmp, "…");
	return w->tmp.buf;
}

static struct mn *body_seq(struct walk *w, struct loc loc)
{
	return mn_need(w->m, w->body, "body", NODE_SEQ, loc);
}

static void end_lists(struct walk *w)
{
	w->nlist = 0;
	w->last_list = NULL;
}

static void add_block(struct walk *w, struct mn *blk)
{
	end_lists(w);
	mn_push(body_seq(w, blk->loc), blk);
}

static void add_para(struct walk *w, const struct line *l)
{
	if (w->body == NULL) {
		unmapped(w, l->num,
			 _("paragraph \"%s\" stands outside any chapter and is left out"),
			 excerpt(w, l->s, l->len));
		return;
	}
	add_block(w, mn_str(w->m, l->s, l->len, at(l->num)));
}

/* A one-key map such as {note: text}. */
static struct mn *wrap(struct walk *w, const char *key, struct mn *v)
{
	struct mn *b = mn_new(w->m, NODE_MAP, v->loc);
	mn_set(b, key, v);
	return b;
}

/* ---- clauses ---- */

static void close_term(struct walk *w)
{
	if (w->cur_term && w->term_wait) {
		const char *num = mn_must(w->cur_term, "num")->s;
		if (w->term_wait == 1)
			unmapped(w, w->cur_term->loc.line,
				 _("term entry %s has no term and no definition and is left out"),
				 num);
		else
			unmapped(w, w->cur_term->loc.line, _("term entry %s has no definition"),
				 num);
	}
	w->cur_term = NULL;
	w->term_wait = 0;
}

static void reset_container(struct walk *w, struct mn *container, int base_depth,
			    const char *prefix)
{
	snprintf(w->prefix, sizeof w->prefix, "%s", prefix);
	close_term(w);
	end_lists(w);
	w->container = container;
	w->body = container;
	w->nst = 0;
	w->last_chapter = 0;
	w->base_depth = base_depth;
}

static int last_component(const char *num)
{
	const char *dot = strrchr(num, '.');
	return atoi(dot ? dot + 1 : num);
}

/* Is `num` (depth `depth` in dot components) the next clause where the walk stands? A clause
 * that does not follow on (a jump in the sequence) is taken only when `forced` (a heading style
 * says so); one under a parent that is not open never is. */
static bool clause_fits(struct walk *w, const char *num, int depth, bool forced)
{
	int rel = depth - w->base_depth; /* 0: chapter (or A.1, 0.1), 1: its 条 … */
	if (rel < 0 || rel >= 15)
		return false;
	size_t pl = strlen(w->prefix);
	if (pl && (strncmp(num, w->prefix, pl) != 0 || num[pl] != '.'))
		return false;
	if (!pl && num[0] >= 'A' && num[0] <= 'Z')
		return false;
	if (rel == 0)
		return forced || last_component(num) == w->last_chapter + 1;
	if ((size_t)rel > w->nst)
		return false;
	struct open_clause *p = &w->st[rel - 1];
	size_t ppl = strlen(p->num);
	if (strncmp(num, p->num, ppl) != 0 || num[ppl] != '.')
		return false;
	return forced || last_component(num) == p->last_child + 1;
}

static int chapter_kind(const char *title)
{
	if (!title)
		return 0;
	if (strcmp(title, "规范性引用文件") == 0)
		return K_REFS;
	if (strncmp(title, "术语", 6) == 0 && strstr(title, "定义"))
		return K_TERMS;
	return 0;
}

static void open_clause(struct walk *w, const char *num, int depth, const char *title, size_t tlen,
			struct loc loc)
{
	struct mp *m = w->m;
	close_term(w);
	end_lists(w);
	int rel = depth - w->base_depth;
	struct mn *seq;
	if (rel == 0) {
		seq = mn_need(m, w->container, "clauses", NODE_SEQ, loc);
		w->last_chapter = last_component(num);
	} else {
		struct open_clause *p = &w->st[rel - 1];
		seq = mn_need(m, p->map, "clauses", NODE_SEQ, loc);
		p->last_child = last_component(num);
	}
	struct mn *c = mn_new(m, NODE_MAP, loc);
	mn_set_str(m, c, "num", num, strlen(num), loc);
	if (title && tlen)
		mn_set_str(m, c, "title", title, tlen, loc);
	mn_push(seq, c);
	w->nst = (size_t)rel + 1;
	struct open_clause *o = &w->st[rel];
	memset(o, 0, sizeof *o);
	o->map = c;
	snprintf(o->num, sizeof o->num, "%s", num);
	o->depth = depth;
	if (rel == 0 && w->phase == P_BODY && title) {
		char *t = arena_strndup(m->scratch, title, tlen);
		o->kind = chapter_kind(t);
	}
	w->body = c;
}

/* A heading without a number (a heading style, numbers neither typed nor automatic): the next
 * number at its level. */
static bool next_number(struct walk *w, int level, struct strbuf *num)
{
	int rel = level - 1;
	strbuf_reset(num);
	if (rel < 0 || (size_t)rel > w->nst || rel >= 15)
		return false;
	if (rel == 0) {
		if (w->prefix[0])
			strbuf_addf(num, "%s.", w->prefix);
		strbuf_addf(num, "%d", w->last_chapter + 1);
	} else
		strbuf_addf(num, "%s.%d", w->st[rel - 1].num, w->st[rel - 1].last_child + 1);
	return true;
}

/* A title is short and is not a sentence. */
static bool looks_like_title(const char *s, size_t len)
{
	if (len == 0 || utf8_count(s, len) > 40)
		return false;
	static const char *const stops[] = { "。", "；", "：", "，", "？", "！", ";", ":" };
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		size_t k = strlen(stops[i]);
		for (size_t j = 0; j + k <= len; j++)
			if (memcmp(s + j, stops[i], k) == 0)
				return false;
	}
	return true;
}

/* ---- small parsers ---- */

/* "注：", "注1：", "注 2：" (a colon either width). Returns the length of the prefix or 0. */
static size_t prefix_label(const char *s, size_t len, const char *word)
{
	size_t i = strlen(word);
	if (!starts(s, len, word))
		return 0;
	i += skip_space(s + i, len - i);
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	i += skip_space(s + i, len - i);
	if (starts(s + i, len - i, "："))
		i += 3;
	else if (i < len && s[i] == ':')
		i++;
	else
		return 0;
	return i + skip_space(s + i, len - i);
}

/* A 表N / 图N title: "表1　讲解时长", "表 A.1 配置", "表1（续）". Returns true with the number
 * and title (trimmed) and whether it is a continuation. */
static bool caption(const char *s, size_t len, const char *word, struct strbuf *num,
		    const char **title, size_t *tlen, bool *cont)
{
	size_t i = strlen(word);
	if (!starts(s, len, word))
		return false;
	i += skip_space(s + i, len - i);
	size_t st = i;
	if (i < len && s[i] >= 'A' && s[i] <= 'Z' && i + 1 < len && s[i + 1] == '.')
		i += 2;
	while (i < len && ((s[i] >= '0' && s[i] <= '9') ||
			   (s[i] == '.' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')))
		i++;
	if (i == st || s[i - 1] < '0' || s[i - 1] > '9')
		return false;
	strbuf_reset(num);
	strbuf_add(num, s + st, i - st);
	*cont = false;
	size_t k = skip_space(s + i, len - i);
	if (k == 0 && i < len && !starts(s + i, len - i, "（") && s[i] != '(')
		return false;
	i += k;
	if (starts(s + i, len - i, "（续）") || starts(s + i, len - i, "(续)")) {
		*cont = true;
		i += starts(s + i, len - i, "（续）") ? strlen("（续）") : strlen("(续)");
		i += skip_space(s + i, len - i);
	}
	*title = s + i;
	*tlen = len - i;
	trim(title, tlen);
	return true;
}

/* List markers: "a）" "a)" (letter), "1）" "1)" (number), "——" "—" (dash), "·" "•" "●"
 * (dot). Returns the style (enum list_style values of model.h) and the text after it. */
static int list_marker(const char *s, size_t len, size_t *skip)
{
	size_t i = 0;
	int style = 0;
	if (len >= 2 && s[0] >= 'a' && s[0] <= 'z' &&
	    (starts(s + 1, len - 1, "）") || s[1] == ')')) {
		style = 1; /* letter */
		i = 1;
	} else if (len >= 2 && s[0] >= '0' && s[0] <= '9') {
		while (i < len && i < 3 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (!(starts(s + i, len - i, "）") || (i < len && s[i] == ')')))
			return 0;
		style = 2; /* number */
	} else if (starts(s, len, "——")) {
		*skip = strlen("——");
		*skip += skip_space(s + *skip, len - *skip);
		return 3;
	} else if (starts(s, len, "—") || starts(s, len, "·") || starts(s, len, "•") ||
		   starts(s, len, "●")) {
		bool dash = starts(s, len, "—");
		*skip = dash ? strlen("—") : starts(s, len, "·") ? strlen("·") : strlen("•");
		if (*skip >= len)
			return 0;
		*skip += skip_space(s + *skip, len - *skip);
		return dash ? 3 : 4;
	} else
		return 0;
	i += s[i] == ')' ? 1 : strlen("）");
	*skip = i + skip_space(s + i, len - i);
	return style;
}

static const char *const list_words[] = { "", "letter", "number", "dash", "dot" };

/* An end line: a paragraph of nothing but dashes or rules, at least three. */
static bool end_line(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = cp_at(s + i, len - i, &cp);
		if (cp != 0x2014 && cp != 0x2015 && cp != '_' && cp != '-' && cp != 0x2500 &&
		    !is_space_cp(cp))
			return false;
		n += !is_space_cp(cp);
		i += k;
	}
	return n >= 3;
}

/* Split "术语　English term" into the term and its English equivalent (the trailing run of
 * ASCII after a space). */
static void split_term(const char *s, size_t len, const char **t, size_t *tl, const char **en,
		       size_t *el)
{
	size_t i = len;
	while (i > 0 && (unsigned char)s[i - 1] < 0x80)
		i--;
	/* the run must start after a space and hold a letter */
	const char *e = s + i;
	size_t n = len - i;
	trim(&e, &n);
	bool letter = false;
	for (size_t k = 0; k < n; k++)
		letter |= (e[k] >= 'a' && e[k] <= 'z') || (e[k] >= 'A' && e[k] <= 'Z');
	if (!letter || i == 0) {
		*t = s;
		*tl = len;
		*en = NULL;
		*el = 0;
		if (i == 0 && letter) { /* all ASCII: a term in Latin letters */
			*t = s;
			*tl = len;
		}
		trim(t, tl);
		return;
	}
	/* keep an ASCII word glued to the Chinese term ("PDCA循环") with the term */
	*t = s;
	*tl = i;
	trim(t, tl);
	*en = e;
	*el = n;
}

/* ---- the cover ---- */

static bool all_ascii_title(const char *s, size_t len)
{
	size_t letters = 0, other = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letters++;
		else if (c >= 0x80)
			other++;
	}
	return letters >= 3 && other == 0;
}

/* "2021-04-01" at s, or false. */
static bool iso_date(const char *s, size_t len)
{
	if (len < 10)
		return false;
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	}
	return true;
}

/* "XXXX-XX-XX" at s (X, x or ×: a date not set yet, as the renderer and drafts print it):
 * its length, or 0. */
static size_t placeholder_date(const char *s, size_t len)
{
	size_t i = 0;
	for (int d = 0; d < 10; d++) {
		if (d == 4 || d == 7) {
			if (i >= len || s[i] != '-')
				return 0;
			i++;
			continue;
		}
		if (i < len && (s[i] == 'X' || s[i] == 'x'))
			i++;
		else if (starts(s + i, len - i, "×"))
			i += strlen("×");
		else
			return 0;
	}
	return i;
}

static bool cover_furniture(const char *s, size_t len)
{
	static const char *const kinds[] = { "国家标准", "行业标准", "地方标准",
					     "团体标准", "企业标准", "国家标准化指导性技术文件" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (ends(s, len, kinds[i]) && utf8_count(s, len) <= 16)
			return true;
	/* the big code on the cover ("Q/XXBWG", "GB", "DB21") */
	bool code = len > 0 && len <= 16;
	for (size_t i = 0; i < len && code; i++)
		code = (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '/' || (s[i] >= '0' && s[i] <= '9');
	return code;
}

static void cover_line(struct walk *w, const char *s, size_t len, uint32_t num)
{
	struct mp *m = w->m;
	struct loc loc = at(num);
	trim(&s, &len);
	if (len == 0)
		return;
	static const struct {
		const char *word, *key;
	} classes[] = { { "ICS", "ics" }, { "CCS", "ccs" } };
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (starts(s, len, classes[i].word)) {
			const char *v = s + 3;
			size_t vl = len - 3;
			trim(&v, &vl);
			mn_set_str(m, w->std, classes[i].key, v, vl, loc);
			return;
		}
	if (starts(s, len, "代替")) {
		struct mn *seq = mn_need(m, w->std, "replaces", NODE_SEQ, loc);
		size_t i = strlen("代替");
		while (i < len) {
			size_t st = i;
			while (i < len && !starts(s + i, len - i, "、") &&
			       !starts(s + i, len - i, "，") && s[i] != ',' &&
			       !starts(s + i, len - i, "；"))
				i++;
			const char *v = s + st;
			size_t vl = i - st;
			trim(&v, &vl);
			if (vl)
				mn_push(seq, mn_str(m, v, vl, loc));
			if (i < len)
				i += (unsigned char)s[i] < 0x80 ? 1 : 3;
		}
		return;
	}
	bool dated = false;
	for (size_t i = 0; i + 10 <= len; i++) {
		if (!iso_date(s + i, len - i) || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
			continue;
		size_t k = i + 10 + skip_space(s + i + 10, len - i - 10);
		if (starts(s + k, len - k, "发布"))
			mn_set_str(m, w->std, "published", s + i, 10, loc);
		else if (starts(s + k, len - k, "实施"))
			mn_set_str(m, w->std, "effective", s + i, 10, loc);
		else
			continue;
		dated = true;
	}
	/* the dates not set: the line is the cover's date line all the same, and sets nothing */
	for (size_t i = 0; i < len && !dated; i++) {
		size_t n = placeholder_date(s + i, len - i);
		if (!n)
			continue;
		size_t k = i + n + skip_space(s + i + n, len - i - n);
		dated = starts(s + k, len - k, "发布") || starts(s + k, len - k, "实施");
	}
	if (dated)
		return;
	if (ends(s, len, "发布")) {
		const char *v = s;
		size_t vl = len - strlen("发布");
		trim(&v, &vl);
		/* "　　发布" alone is the issuer's line without an issuer, not a title's */
		if (vl)
			mn_set_str(m, w->std, "issuer", v, vl, loc);
		return;
	}
	struct stdno no;
	if (!mn_get(w->std, "number") && stdno_parse(s, len, &no, NULL)) {
		mn_set_str(m, w->std, "number", s, len, loc);
		return;
	}
	if (cover_furniture(s, len))
		return;
	if (all_ascii_title(s, len)) {
		if (!w->en_seen) {
			w->en_seen = true;
			mn_set_str(m, w->std, "title-en", s, len, loc);
			return;
		}
		struct mn *en = mn_must(w->std, "title-en");
		strbuf_reset(&w->tmp);
		strbuf_addf(&w->tmp, "%s %.*s", en->s, (int)len, s);
		mn_set_str(m, w->std, "title-en", w->tmp.buf, w->tmp.len, en->loc);
		return;
	}
	if (!w->title_seen) {
		w->title_seen = true;
		mn_set_str(m, w->std, "title", s, len, loc);
		return;
	}
	if (!w->en_seen) {
		/* a title on several lines (main element, part) is one title */
		struct mn *t = mn_must(w->std, "title");
		strbuf_reset(&w->tmp);
		strbuf_addf(&w->tmp, "%s　%.*s", t->s, (int)len, s);
		mn_set_str(m, w->std, "title", w->tmp.buf, w->tmp.len, t->loc);
		return;
	}
	unmapped(w, num, _("cover line \"%s\" is not a field of the standard and is left out"),
		 excerpt(w, s, len));
}

static void cover_para(struct walk *w, const struct line *l)
{
	const char *s = l->s;
	for (size_t i = 0; i <= l->len;) {
		const char *nl = memchr(s + i, '\n', l->len - i);
		size_t e = nl ? (size_t)(nl - s) : l->len;
		/* a tab separates fields on one line ("2021-04-01发布<tab>2021-05-01实施") only
		 * when both sides are fields: the date scan finds both anyway */
		cover_line(w, s + i, e - i, l->num);
		i = e + 1;
	}
}

/* ---- the foreword's change list ---- */

/* Split s[0..len) at 、 and ，into `seq`. */
static void push_positions(struct walk *w, struct mn *seq, const char *s, size_t len,
			   struct loc loc)
{
	size_t i = 0;
	while (i < len) {
		size_t st = i;
		while (i < len && !starts(s + i, len - i, "、") && !starts(s + i, len - i, "，"))
			i++;
		const char *v = s + st;
		size_t vl = i - st;
		trim(&v, &vl);
		if (vl)
			mn_push(seq, mn_str(w->m, v, vl, loc));
		if (i < len)
			i += 3;
	}
}

/* "更改了讲解员的基本要求（见4.1，2018年版的3.2）；" → {kind, text, new, old}. */
static bool change_entry(struct walk *w, const char *s, size_t len, struct loc loc)
{
	struct mp *m = w->m;
	static const struct {
		const char *word, *kind;
	} kinds[] = { { "增加了", "added" },  { "更改了", "changed" }, { "删除了", "deleted" },
		      { "增加", "added" },    { "更改", "changed" },   { "删除", "deleted" },
		      { "修改了", "changed" } };
	const char *kind = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !kind; i++)
		if (starts(s, len, kinds[i].word))
			kind = kinds[i].kind;
	if (!kind)
		return false;
	while (len && (ends(s, len, "；") || ends(s, len, "。") || ends(s, len, ";")))
		len -= (unsigned char)s[len - 1] < 0x80 ? 1 : 3;
	trim(&s, &len);
	struct mn *c = mn_new(m, NODE_MAP, loc);
	mn_set_str(m, c, "kind", kind, strlen(kind), loc);
	size_t tl = len;
	const char *paren = NULL;
	if (ends(s, len, "）")) {
		/* the last full-width parenthesis holds the positions */
		for (size_t i = len - 3; i-- > 0;)
			if (starts(s + i, len - i, "（")) {
				paren = s + i;
				break;
			}
	}
	const char *inner = NULL;
	size_t il = 0;
	if (paren) {
		inner = paren + 3;
		il = (size_t)(s + len - 3 - inner);
		if (!(starts(inner, il, "见") ||
		      strstr(arena_strndup(m->scratch, inner, il), "年版的")))
			paren = NULL;
	}
	if (paren)
		tl = (size_t)(paren - s);
	const char *t = s;
	trim(&t, &tl);
	mn_set_str(m, c, "text", t, tl, loc);
	if (paren) {
		/* "见4.1，2018年版的3.2" or "见第6章" or "2018年版的6.4" */
		const char *old = NULL;
		size_t ol = 0;
		const char *nw = NULL;
		size_t nl = 0;
		const char *copy = arena_strndup(m->scratch, inner, il);
		const char *ver = strstr(copy, "年版的");
		size_t vat = ver ? (size_t)(ver - copy) : il;
		if (ver) {
			/* back over the year and the comma before it */
			size_t ys = vat;
			while (ys > 0 && inner[ys - 1] >= '0' && inner[ys - 1] <= '9')
				ys--;
			old = inner + vat + strlen("年版的");
			ol = il - vat - strlen("年版的");
			size_t ne = ys;
			while (ne >= 3 &&
			       (starts(inner + ne - 3, 3, "，") || starts(inner + ne - 3, 3, "；")))
				ne -= 3;
			if (starts(inner, il, "见")) {
				nw = inner + 3;
				nl = ne > 3 ? ne - 3 : 0;
			}
		} else if (starts(inner, il, "见")) {
			nw = inner + 3;
			nl = il - 3;
		}
		if (nw && nl)
			push_positions(w, mn_need(m, c, "new", NODE_SEQ, loc), nw, nl, loc);
		if (old && ol)
			push_positions(w, mn_need(m, c, "old", NODE_SEQ, loc), old, ol, loc);
	}
	mn_push(w->changes, c);
	return true;
}

/* ---- references, bibliography ---- */

/* "GB/T 10001.1　公共信息图形符号 第1部分：通用符号" → {number, title}; "[1]" in front is
 * left out. False when no standard number starts the entry. */
/* The last place of `p` in s[0..len), or NULL (memmem is not in POSIX). */
static const char *find_last(const char *s, size_t len, const char *p)
{
	size_t k = strlen(p);
	for (size_t i = len >= k ? len - k + 1 : 0; i-- > 0;)
		if (memcmp(s + i, p, k) == 0)
			return s + i;
	return NULL;
}

/* A document that is not a standard, listed by its title: 《…》 taken off, a 文号 in a last
 * parenthesis ("文化馆建设用地指标（建标〔2008〕128号）") as its doc-number. */
static void title_entry(struct walk *w, struct mn *e, const char *s, size_t len, struct loc loc)
{
	const char *dn = NULL;
	size_t dl = 0;
	if (ends(s, len, "）")) {
		const char *open = find_last(s, len, "（");
		if (open && open > s) {
			dn = open + 3;
			dl = (size_t)(s + len - 3 - dn);
			trim(&dn, &dl);
			/* a 文号 says 号 (〔2008〕128号, 令第15号); any other parenthesis is the
			 * title's */
			if (dl && find_last(dn, dl, "号")) {
				len = (size_t)(open - s);
				trim(&s, &len);
			} else
				dn = NULL;
		}
	}
	if (starts(s, len, "《") && ends(s, len, "》") && len > 6) {
		s += 3;
		len -= 6;
	}
	mn_set_str(w->m, e, "title", s, len, loc);
	if (dn)
		mn_set_str(w->m, e, "doc-number", dn, dl, loc);
}

/* A referenced document: "[3]" taken off (the bibliography's numbers), a standard number and
 * its title, or — when `by_title` — a document that is not a standard by its title alone. */
static bool ref_entry(struct walk *w, struct mn *seq, const struct line *l, bool by_title)
{
	const char *s = l->s;
	size_t len = l->len;
	if (len && s[0] == '[') {
		size_t i = 1;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i < len && s[i] == ']') {
			s += i + 1;
			len -= i + 1;
			trim(&s, &len);
		}
	}
	struct loc loc = at(l->num);
	struct stdno no;
	size_t n = stdno_scan(s, len, &no);
	/* a number is followed by white space or the end, never glued to its title */
	if (n && n < len) {
		uint32_t cp;
		utf8_decode(s + n, len - n, &cp);
		if (starts(s + n, len - n, "（所有部分）"))
			n += strlen("（所有部分）");
		else if (!is_space_cp(cp))
			n = 0;
	}
	if (n == 0) {
		if (!by_title || !len)
			return false;
		struct mn *e = mn_new(w->m, NODE_MAP, loc);
		title_entry(w, e, s, len, loc);
		mn_push(seq, e);
		return true;
	}
	struct mn *e = mn_new(w->m, NODE_MAP, loc);
	mn_set_str(w->m, e, "number", s, n, loc);
	const char *t = s + n;
	size_t tl = len - n;
	trim(&t, &tl);
	if (tl)
		mn_set_str(w->m, e, "title", t, tl, loc);
	mn_push(seq, e);
	return true;
}

/* ---- lists ---- */

static void list_item(struct walk *w, int style, const char *s, size_t len, struct loc loc)
{
	struct mp *m = w->m;
	struct mn *item = mn_str(m, s, len, loc);
	/* back to a list of this style if one is open (a sibling of an outer item) */
	for (size_t k = w->nlist; k-- > 0;)
		if (w->list_style[k] == style) {
			w->nlist = k + 1;
			mn_push(mn_must(w->list_stack[k], "items"), item);
			return;
		}
	struct mn *list = mn_new(m, NODE_MAP, loc);
	mn_set_str(m, list, "style", list_words[style], strlen(list_words[style]), loc);
	mn_push(mn_need(m, list, "items", NODE_SEQ, loc), item);
	if (w->nlist > 0 && w->nlist < 8) {
		/* a different marker under an item: a nested list of that item */
		struct mn *items = mn_must(w->list_stack[w->nlist - 1], "items");
		struct mn *last = items->kids[items->n - 1];
		if (last->kind == NODE_SCALAR) {
			struct mn *rec = mn_new(m, NODE_MAP, last->loc);
			mn_set(rec, "text", last);
			items->kids[items->n - 1] = rec;
			last = rec;
		}
		mn_set(last, "list", list);
		w->list_stack[w->nlist] = list;
		w->list_style[w->nlist++] = style;
		return;
	}
	if (w->body == NULL) {
		unmapped(w, loc.line,
			 _("list item \"%s\" stands outside any chapter and is left out"),
			 excerpt(w, s, len));
		return;
	}
	add_block(w, wrap(w, "list", list));
	w->list_stack[0] = list;
	w->list_style[0] = style;
	w->nlist = 1;
}

/* A paragraph in zhun's style for an item's further paragraph: one of `paras` of the last
 * item of the open list at its depth (the third style: the deepest open list from the third
 * on). False, and the paragraph is the clause's, when no list is open at that depth or the
 * item already has a nested list (its paragraphs come before that list). */
static bool list_para(struct walk *w, const struct line *l)
{
	size_t k = (size_t)l->head - 1;
	if (l->head == 3 && w->nlist > 3)
		k = w->nlist - 1;
	if (l->head < 1 || k >= w->nlist)
		return false;
	struct mn *items = mn_must(w->list_stack[k], "items");
	struct mn *last = items->kids[items->n - 1];
	if (last->kind == NODE_SCALAR) {
		struct mn *rec = mn_new(w->m, NODE_MAP, last->loc);
		mn_set(rec, "text", last);
		items->kids[items->n - 1] = rec;
		last = rec;
	}
	if (mn_get(last, "list"))
		return false;
	struct loc loc = at(l->num);
	mn_push(mn_need(w->m, last, "paras", NODE_SEQ, loc), mn_str(w->m, l->s, l->len, loc));
	/* a deeper list ends with its item */
	w->nlist = k + 1;
	return true;
}

/* ---- tables ---- */

/* Superscript letters at the end of a paragraph ("a", "a,b", "a、b"): the table footnotes a
 * cell cites (GB/T 1.1—2020 9.12). Writes the letters to marks[] (at most 26) and returns how
 * many bytes of the text they take, or 0 when the superscript tail is anything else. */
static size_t tail_marks(const struct docx_para *p, char *marks, size_t *nmarks)
{
	*nmarks = 0;
	if (!p->sup_tail || p->sup_tail > p->len)
		return 0;
	const char *s = p->text + p->len - p->sup_tail;
	size_t len = p->sup_tail;
	bool want_letter = true;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = cp_at(s + i, len - i, &cp);
		if (cp >= 'a' && cp <= 'z' && want_letter) {
			if (*nmarks == 26)
				return 0;
			marks[(*nmarks)++] = (char)cp;
			want_letter = false;
		} else if (!want_letter && (cp == ',' || cp == 0xFF0C || cp == 0x3001))
			want_letter = true;
		else if (!is_space_cp(cp))
			return 0;
		i += k;
	}
	return *nmarks && !want_letter ? len : 0;
}

/* A cell's text (its paragraphs joined by line breaks, automatic numbers kept) and, unless
 * `marks` is NULL, the footnote marks its last paragraph ends in (taken off the text). */
static void cell_text(const struct docx_cell *c, struct strbuf *out, char *marks, size_t *nmarks)
{
	strbuf_reset(out);
	if (nmarks)
		*nmarks = 0;
	size_t last = c->nparas;
	for (size_t i = c->nparas; i-- > 0;)
		if (c->paras[i].len) {
			last = i;
			break;
		}
	for (size_t i = 0; i < c->nparas; i++) {
		const char *s = c->paras[i].text;
		size_t len = c->paras[i].len;
		if (i == last && marks)
			len -= tail_marks(&c->paras[i], marks, nmarks);
		if (c->paras[i].label[0]) {
			if (out->len)
				strbuf_addc(out, '\n');
			strbuf_adds(out, c->paras[i].label);
			strbuf_addc(out, ' ');
		}
		trim(&s, &len);
		if (!len)
			continue;
		if (out->len && !c->paras[i].label[0])
			strbuf_addc(out, '\n');
		strbuf_add(out, s, len);
	}
}

static const struct docx_cell *cell_at(const struct docx_table *t, uint32_t r, uint32_t c)
{
	for (size_t i = 0; i < t->ncells; i++)
		if (t->cells[i].row <= r && r < t->cells[i].row + t->cells[i].rowspan &&
		    t->cells[i].col <= c && c < t->cells[i].col + t->cells[i].colspan)
			return &t->cells[i];
	return NULL;
}

static struct mn *mn_count(struct mp *m, uint32_t v, struct loc loc)
{
	char b[16];
	int n = snprintf(b, sizeof b, "%u", v);
	return mn_str(m, b, (size_t)n, loc);
}

/* Rows r0..r1 of the grid as the format writes them: a cell that spans, or cites footnotes,
 * as {text, colspan, rowspan, marks} (a span is cut at r1: the head and the body are apart);
 * the grid positions it covers are not written; a position no cell covers is an empty cell. */
static struct mn *table_rows(struct walk *w, const struct docx_table *t, uint32_t r0, uint32_t r1)
{
	struct mp *m = w->m;
	struct mn *rows = mn_new(m, NODE_SEQ, at(t->num));
	struct strbuf txt = STRBUF_INIT;
	char marks[26];
	size_t nmarks;
	for (uint32_t r = r0; r < r1; r++) {
		struct mn *row = NULL;
		for (uint32_t c = 0; c < t->ncols; c++) {
			const struct docx_cell *cell = cell_at(t, r, c);
			struct loc loc = at(cell && cell->nparas ? cell->paras[0].num : t->num);
			if (!row)
				row = mn_new(m, NODE_SEQ, loc);
			if (!cell) {
				mn_push(row, mn_str(m, "", 0, loc));
				continue;
			}
			uint32_t top = cell->row < r0 ? r0 : cell->row;
			if (cell->col != c || top != r)
				continue; /* covered by a cell written before */
			cell_text(cell, &txt, marks, &nmarks);
			uint32_t rowspan = cell->row + cell->rowspan - top;
			if (top + rowspan > r1)
				rowspan = r1 - top;
			if (rowspan == 1 && cell->colspan == 1 && !nmarks) {
				mn_push(row, mn_str(m, txt.buf, txt.len, loc));
				continue;
			}
			struct mn *cm = mn_new(m, NODE_MAP, loc);
			mn_set_str(m, cm, "text", txt.buf, txt.len, loc);
			if (cell->colspan > 1)
				mn_set(cm, "colspan", mn_count(m, cell->colspan, loc));
			if (rowspan > 1)
				mn_set(cm, "rowspan", mn_count(m, rowspan, loc));
			if (nmarks) {
				struct mn *ms = mn_set(cm, "marks", mn_new(m, NODE_SEQ, loc));
				for (size_t k = 0; k < nmarks; k++)
					mn_push(ms, mn_str(m, &marks[k], 1, loc));
			}
			mn_push(row, cm);
		}
		if (row)
			mn_push(rows, row);
	}
	strbuf_release(&txt);
	return rows;
}

/* The one cell of row r when it spans the whole table, else NULL. */
static const struct docx_cell *full_row(const struct docx_table *t, uint32_t r)
{
	for (size_t i = 0; i < t->ncells; i++) {
		const struct docx_cell *c = &t->cells[i];
		if (c->row == r)
			return c->col == 0 && c->colspan == t->ncols && c->rowspan == 1 ? c : NULL;
	}
	return NULL;
}

/* A table footnote as GB/T 1.1—2020 9.12 sets it: its letter, white space, its text. Returns
 * the bytes before the text, 0 when the paragraph is no footnote. */
static size_t footnote_para(const char *s, size_t len)
{
	if (len < 2 || s[0] < 'a' || s[0] > 'z')
		return 0;
	size_t k = skip_space(s + 1, len - 1);
	return k && k + 1 < len ? k + 1 : 0;
}

/* Paragraph i of cell c without its surrounding spaces in *s, *len; false when nothing is left. */
static bool cell_para_text(const struct docx_cell *c, size_t i, const char **s, size_t *len)
{
	*s = c->paras[i].text;
	*len = c->paras[i].len;
	trim(s, len);
	return *len != 0;
}

/* Is the full-width cell c a row of footnotes (every paragraph "a　…")? */
static bool footnote_cell(const struct docx_cell *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nparas; i++) {
		const char *s;
		size_t len;
		if (!cell_para_text(c, i, &s, &len))
			continue;
		if (c->paras[i].label[0] || !footnote_para(s, len))
			return false;
		n++;
	}
	return n > 0;
}

/* Do two trees hold the same text? (A continued table's first rows against the head of the
 * table it continues.) */
static bool mn_same(const struct mn *a, const struct mn *b)
{
	if (a->kind != b->kind || a->n != b->n)
		return false;
	if (a->kind == NODE_SCALAR)
		return strcmp(a->s, b->s) == 0;
	for (size_t i = 0; i < a->n; i++)
		if ((a->keys[i] && (!b->keys[i] || strcmp(a->keys[i], b->keys[i]))) ||
		    !mn_same(a->kids[i], b->kids[i]))
			return false;
	return true;
}

/* The table block of the same number earlier in the current body, or NULL. */
static struct mn *table_numbered(struct walk *w, const char *num)
{
	struct mn *body = w->body ? mn_get(w->body, "body") : NULL;
	for (size_t i = body ? body->n : 0; i-- > 0;) {
		struct mn *tb = mn_get(body->kids[i], "table");
		if (tb && !mn_get(tb, "continued") && strcmp(mn_must(tb, "num")->s, num) == 0)
			return tb;
	}
	return NULL;
}

static void table_block(struct walk *w, const struct docx_table *t)
{
	struct mp *m = w->m;
	struct loc loc = at(t->num);
	if (t->nested)
		unmapped(w, t->num,
			 _("table holds %zu nested table(s); their text is kept in the cells of "
			   "the outer table"),
			 t->nested);
	struct mn *title = w->pending_table_title;
	w->pending_table_title = NULL;
	if (!title) {
		if (w->phase == P_COVER) {
			/* a layout table of the cover: its cells are cover lines */
			for (size_t i = 0; i < t->ncells; i++)
				for (size_t k = 0; k < t->cells[i].nparas; k++) {
					struct line l;
					struct strbuf b = STRBUF_INIT;
					line_of(m, &t->cells[i].paras[k], &l, &b);
					cover_para(w, &l);
					strbuf_release(&b);
				}
			return;
		}
		unmapped(w, t->num, _("table has no 表N title before it; it is numbered %zu"),
			 w->ntables + 1);
	}
	/* the last rows across the table: its notes (注), then its footnotes (a　…) */
	uint32_t nrows = t->nrows;
	while (nrows > 1) {
		const struct docx_cell *c = full_row(t, nrows - 1);
		if (!c)
			break;
		struct strbuf txt = STRBUF_INIT;
		cell_text(c, &txt, NULL, NULL);
		bool tail = starts(txt.buf, txt.len, "注") || footnote_cell(c);
		strbuf_release(&txt);
		if (!tail)
			break;
		nrows--;
	}
	struct mn *notes = NULL, *footnotes = NULL;
	for (uint32_t r = nrows; r < t->nrows; r++) {
		const struct docx_cell *c = full_row(t, r);
		if (footnote_cell(c)) {
			for (size_t i = 0; i < c->nparas; i++) {
				const char *s;
				size_t len;
				if (!cell_para_text(c, i, &s, &len))
					continue;
				struct loc fl = at(c->paras[i].num);
				size_t k = footnote_para(s, len);
				struct mn *f = mn_new(m, NODE_MAP, fl);
				mn_set_str(m, f, "mark", s, 1, fl);
				mn_set_str(m, f, "text", s + k, len - k, fl);
				if (!footnotes)
					footnotes = mn_new(m, NODE_SEQ, fl);
				mn_push(footnotes, f);
			}
			continue;
		}
		struct strbuf txt = STRBUF_INIT;
		cell_text(c, &txt, NULL, NULL);
		size_t k = prefix_label(txt.buf, txt.len, "注");
		struct loc nl = at(c->nparas ? c->paras[0].num : t->num);
		if (!notes)
			notes = mn_new(m, NODE_SEQ, nl);
		mn_push(notes, mn_str(m, txt.buf + k, txt.len - k, nl));
		strbuf_release(&txt);
	}
	bool cont = title && mn_get(title, "cont") != NULL;
	const struct mn *first = cont ? table_numbered(w, mn_must(title, "num")->s) : NULL;
	if (cont && !first)
		unmapped(w, t->num, _("continued table %s has no table %s before it"),
			 mn_must(title, "num")->s, mn_must(title, "num")->s);
	/* the table stands where its title does */
	struct mn *tb = mn_new(m, NODE_MAP, title ? title->loc : loc);
	if (!cont)
		w->ntables++;
	if (title) {
		struct mn *n = mn_must(title, "num");
		mn_set(tb, "num", n);
		struct mn *tt = mn_get(title, "title");
		if (tt && !cont)
			mn_set(tb, "title", tt);
		if (cont)
			mn_set_str(m, tb, "continued", "true", 4, n->loc);
	} else {
		strbuf_reset(&w->tmp);
		strbuf_addf(&w->tmp, "%zu", w->ntables);
		mn_set_str(m, tb, "num", w->tmp.buf, w->tmp.len, loc);
	}
	/* the head: the first row and the rows its cells reach down to; a continuation's head is
	 * the head of its table repeated, when it is */
	uint32_t nhead = 0;
	if (cont) {
		const struct mn *h = first ? mn_get((struct mn *)first, "head") : NULL;
		if (h && h->n < nrows) {
			struct mn *again = table_rows(w, t, 0, (uint32_t)h->n);
			if (mn_same(again, h))
				nhead = (uint32_t)h->n;
		}
	} else if (nrows >= 2) {
		nhead = 1;
		for (size_t i = 0; i < t->ncells; i++)
			if (t->cells[i].row == 0 && t->cells[i].rowspan > nhead)
				nhead = t->cells[i].rowspan;
		if (nhead >= nrows)
			nhead = 1;
	}
	if (nhead)
		mn_set(tb, "head", table_rows(w, t, 0, nhead));
	mn_set(tb, "rows", table_rows(w, t, nhead, nrows));
	if (notes)
		mn_set(tb, "notes", notes);
	if (footnotes)
		mn_set(tb, "footnotes", footnotes);
	if (!w->body) {
		unmapped(w, t->num, _("table stands outside any chapter and is left out"));
		return;
	}
	add_block(w, wrap(w, "table", tb));
}

/* ---- the walk over paragraphs ---- */

static void start_annex(struct walk *w, char letter, const char *rest, size_t rlen, struct loc loc)
{
	struct mp *m = w->m;
	struct mn *seq = mn_need(m, w->std, "annexes", NODE_SEQ, loc);
	struct mn *a = mn_new(m, NODE_MAP, loc);
	mn_set_str(m, a, "num", &letter, 1, loc);
	mn_push(seq, a);
	char pre[2] = { letter, 0 };
	w->phase = P_ANNEX;
	reset_container(w, a, 2, pre);
	w->annex = a;
	w->annex_wait = 1;
	trim(&rest, &rlen);
	static const struct {
		const char *word, *kind;
	} kinds[] = { { "（规范性附录）", "normative" }, { "（资料性附录）", "informative" },
		      { "（规范性）", "normative" },	 { "（资料性）", "informative" },
		      { "(规范性)", "normative" },	 { "(资料性)", "informative" } };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (starts(rest, rlen, kinds[i].word)) {
			mn_set_str(m, a, "kind", kinds[i].kind, strlen(kinds[i].kind), loc);
			rest += strlen(kinds[i].word);
			rlen -= strlen(kinds[i].word);
			trim(&rest, &rlen);
			w->annex_wait = 2;
			break;
		}
	if (rlen && (w->annex_wait == 2 || !starts(rest, rlen, "（"))) {
		mn_set_str(m, a, "title", rest, rlen, loc);
		w->annex_wait = 0;
	}
}

/* "附录A", "附录 A（资料性）", "附录A（规范性）标题" (white space ignored). */
static bool annex_mark(struct walk *w, const struct line *l)
{
	if (!starts(l->s, l->len, "附录"))
		return false;
	size_t i = strlen("附录");
	i += skip_space(l->s + i, l->len - i);
	if (i >= l->len || l->s[i] < 'A' || l->s[i] > 'Z')
		return false;
	char letter = l->s[i++];
	const char *rest = l->s + i;
	size_t rlen = l->len - i;
	trim(&rest, &rlen);
	/* "附录A　标题" without a kind: the letter set apart from a title, not a sentence */
	if (rlen && !starts(rest, rlen, "（") && rest[0] != '(' &&
	    (rlen == l->len - i || !looks_like_title(rest, rlen)))
		return false;
	if (utf8_count(l->s, l->len) > 60)
		return false;
	start_annex(w, letter, rest, rlen, at(l->num));
	return true;
}

static bool annex_wait(struct walk *w, const struct line *l)
{
	struct mp *m = w->m;
	struct loc loc = at(l->num);
	if (w->annex_wait == 1) {
		strbuf_reset(&w->tmp);
		squeeze(l->s, l->len, &w->num);
		const char *k = NULL;
		if (strcmp(w->num.buf, "（规范性）") == 0 ||
		    strcmp(w->num.buf, "（规范性附录）") == 0 ||
		    strcmp(w->num.buf, "(规范性)") == 0)
			k = "normative";
		else if (strcmp(w->num.buf, "（资料性）") == 0 ||
			 strcmp(w->num.buf, "（资料性附录）") == 0 ||
			 strcmp(w->num.buf, "(资料性)") == 0)
			k = "informative";
		if (k) {
			mn_set_str(m, w->annex, "kind", k, strlen(k), loc);
			w->annex_wait = 2;
			return true;
		}
		/* an annex without its kind (the format allows it; check says doc-annex-kind) */
		w->annex_wait = 2;
	}
	/* the title, unless the annex goes straight on to its clauses */
	int depth;
	if (clause_number(l->s, l->len, &w->num, &depth) &&
	    w->num.buf[0] == mn_must(w->annex, "num")->s[0]) {
		unmapped(w, l->num, _("annex %s has no title"), mn_must(w->annex, "num")->s);
		w->annex_wait = 0;
		return false;
	}
	mn_set_str(m, w->annex, "title", l->s, l->len, loc);
	w->annex_wait = 0;
	return true;
}

static void term_line(struct walk *w, const struct line *l)
{
	struct mp *m = w->m;
	struct loc loc = at(l->num);
	size_t k;
	if (w->term_wait == 1) {
		const char *t, *en;
		size_t tl, el;
		split_term(l->s, l->len, &t, &tl, &en, &el);
		mn_set_str(m, w->cur_term, "term", t, tl, loc);
		if (en)
			mn_set_str(m, w->cur_term, "en", en, el, loc);
		w->term_wait = 2;
		return;
	}
	if ((k = prefix_label(l->s, l->len, "注")) > 0) {
		mn_push(mn_need(m, w->cur_term, "notes", NODE_SEQ, loc),
			mn_str(m, l->s + k, l->len - k, loc));
		return;
	}
	if ((starts(l->s, l->len, "[来源：") || starts(l->s, l->len, "［来源：")) &&
	    (ends(l->s, l->len, "]") || ends(l->s, l->len, "］"))) {
		size_t open = starts(l->s, l->len, "[") ? 1 : 3;
		size_t close = ends(l->s, l->len, "]") ? 1 : 3;
		const char *s = l->s + open + strlen("来源：");
		size_t len = l->len - open - strlen("来源：") - close;
		trim(&s, &len);
		mn_set_str(m, w->cur_term, "source", s, len, loc);
		return;
	}
	if (w->term_wait == 2) {
		mn_set_str(m, w->cur_term, "definition", l->s, l->len, loc);
		w->term_wait = 0;
		return;
	}
	unmapped(w, l->num,
		 _("paragraph \"%s\" after the definition of term %s is not a note or a source and "
		   "is left out"),
		 excerpt(w, l->s, l->len), mn_must(w->cur_term, "num")->s);
}

/* A clause number or a heading: opens the clause and maps what follows the number. True when
 * the paragraph was taken as one. */
static bool clause_line(struct walk *w, const struct line *l)
{
	struct mp *m = w->m;
	int depth = 0;
	size_t n = clause_number(l->s, l->len, &w->num, &depth);
	bool styled = l->role == R_HEADING || l->role == R_UNTITLED;
	if (n == 0) {
		if (l->role != R_HEADING || l->len == 0 || !next_number(w, l->head, &w->num))
			return false;
		/* a heading without a number: the next one at its level */
		depth = l->head + w->base_depth - 1;
		n = 0;
	}
	if (w->phase == P_BODY && w->nst > 0 && w->st[0].kind == K_TERMS &&
	    depth == w->base_depth + 1 &&
	    strncmp(w->num.buf, w->st[0].num, strlen(w->st[0].num)) == 0) {
		/* a term entry 3.1, not a 条 */
		if (!clause_fits(w, w->num.buf, depth, styled))
			return false;
		close_term(w);
		end_lists(w);
		struct loc loc = at(l->num);
		struct mn *seq = mn_need(m, w->st[0].map, "terms", NODE_SEQ, loc);
		struct mn *t = mn_new(m, NODE_MAP, loc);
		mn_set_str(m, t, "num", w->num.buf, w->num.len, loc);
		mn_push(seq, t);
		w->st[0].last_child = last_component(w->num.buf);
		w->nst = 1;
		w->body = w->st[0].map;
		w->cur_term = t;
		w->term_wait = 1;
		const char *rest = l->s + n;
		size_t rl = l->len - n;
		trim(&rest, &rl);
		if (rl) {
			struct line sub = *l;
			sub.s = rest;
			sub.len = rl;
			term_line(w, &sub);
		}
		return true;
	}
	if (!clause_fits(w, w->num.buf, depth, styled))
		return false;
	const char *rest = l->s + n;
	size_t rl = l->len - n;
	trim(&rest, &rl);
	bool title = l->role == R_HEADING || (l->role != R_UNTITLED && looks_like_title(rest, rl));
	char *num = arena_strndup(m->scratch, w->num.buf, w->num.len);
	open_clause(w, num, depth, title ? rest : NULL, title ? rl : 0, at(l->num));
	if (!title && rl) {
		struct line sub = *l;
		sub.s = rest;
		sub.len = rl;
		sub.role = R_NONE;
		add_para(w, &sub);
	}
	return true;
}

static void figure(struct walk *w, const char *num, size_t nl, const char *title, size_t tl,
		   struct loc loc)
{
	struct mp *m = w->m;
	struct mn *f = mn_new(m, NODE_MAP, loc);
	mn_set_str(m, f, "num", num, nl, loc);
	if (tl)
		mn_set_str(m, f, "title", title, tl, loc);
	w->pending_figure = NULL;
	if (!w->body) {
		unmapped(w, loc.line, _("figure stands outside any chapter and is left out"));
		return;
	}
	add_block(w, wrap(w, "figure", f));
}

/* A formula paragraph: its linear text, and its number "（1）" at the end. */
static void formula(struct walk *w, const struct line *l)
{
	struct mp *m = w->m;
	struct loc loc = at(l->num);
	const char *s = l->s;
	size_t len = l->len;
	if (ends(s, len, "）") || ends(s, len, ")")) {
		size_t close = ends(s, len, "）") ? 3 : 1;
		size_t i = len - close;
		while (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.' ||
				 (s[i - 1] >= 'A' && s[i - 1] <= 'Z')))
			i--;
		size_t open = i >= 3 && starts(s + i - 3, 3, "（") ? 3
			      : i >= 1 && s[i - 1] == '('	   ? 1
								   : 0;
		if (open && i < len - close) {
			struct mn *f = mn_new(m, NODE_MAP, loc);
			mn_set_str(m, f, "num", s + i, len - close - i, loc);
			const char *t = s;
			size_t tl = i - open;
			trim(&t, &tl);
			mn_set_str(m, f, "text", t, tl, loc);
			if (w->body) {
				add_block(w, wrap(w, "formula", f));
				return;
			}
		}
	}
	unmapped(w, l->num, _("formula has no number （N） at its end; it is kept as a paragraph"));
	add_para(w, l);
}

static bool special_title(struct walk *w, const struct line *l)
{
	struct mp *m = w->m;
	if (utf8_count(l->s, l->len) > 12)
		return false;
	squeeze(l->s, l->len, &w->num);
	const char *t = w->num.buf;
	struct loc loc = at(l->num);
	if (strcmp(t, "目次") == 0) {
		w->phase = P_TOC;
		w->body = NULL;
		return true;
	}
	if (strcmp(t, "前言") == 0) {
		w->phase = P_FOREWORD;
		close_term(w);
		end_lists(w);
		w->body = mn_need(m, w->std, "foreword", NODE_MAP, loc);
		w->nst = 0;
		return true;
	}
	if (strcmp(t, "引言") == 0) {
		w->phase = P_INTRO;
		struct mn *in = mn_need(m, w->std, "introduction", NODE_MAP, loc);
		reset_container(w, in, 2, "0");
		return true;
	}
	if (strcmp(t, "参考文献") == 0) {
		w->phase = P_BIB;
		close_term(w);
		end_lists(w);
		w->body = NULL;
		mn_need(m, w->std, "bibliography", NODE_SEQ, loc);
		return true;
	}
	if (strcmp(t, "索引") == 0) {
		w->phase = P_END;
		unmapped(w, l->num, _("the index (索引) is not imported; the format has none"));
		w->index_reported = true;
		return true;
	}
	return false;
}

/* The standard's title again above chapter 1 (white space aside), or a paragraph in the
 * template's style for it. */
static bool is_body_title(struct walk *w, const struct line *l)
{
	if (l->role == R_BODY_TITLE)
		return true;
	struct mn *t = mn_get(w->std, "title");
	if (!t)
		return false;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	squeeze(l->s, l->len, &a);
	squeeze(t->s, strlen(t->s), &b);
	bool same = strcmp(a.buf, b.buf) == 0;
	strbuf_release(&a);
	strbuf_release(&b);
	return same;
}

static void para(struct walk *w, const struct docx_para *p, struct strbuf *buf)
{
	struct mp *m = w->m;
	struct line l;
	line_of(m, p, &l, buf);
	struct loc loc = at(l.num);
	if (p->footnotes)
		unmapped(w, l.num,
			 _("%zu footnote(s) of this paragraph are not imported; the format has no "
			   "footnotes"),
			 p->footnotes);
	if (p->drawing && w->phase != P_COVER) {
		if (w->pending_figure)
			unmapped(w, w->pending_figure_at,
				 _("picture has no 图N title after it and is left out"));
		w->pending_figure = w->body;
		w->pending_figure_at = l.num;
	}
	if (l.len == 0)
		return;
	if (w->phase == P_END) {
		if (!w->index_reported)
			unmapped(w, l.num, _("paragraph \"%s\" after the end line is left out"),
				 excerpt(w, l.s, l.len));
		return;
	}
	if (end_line(l.s, l.len)) {
		close_term(w);
		w->phase = P_END;
		return;
	}
	if (w->pending_figure && !starts(l.s, l.len, "图")) {
		unmapped(w, w->pending_figure_at,
			 _("picture has no 图N title after it and is left out"));
		w->pending_figure = NULL;
	}
	if (l.role == R_TOC)
		return;
	if (special_title(w, &l))
		return;
	if (w->phase == P_TOC) {
		/* entries until the foreword or chapter 1; an entry ends in its page number */
		int depth;
		size_t n = clause_number(l.s, l.len, &w->num, &depth);
		bool page = l.len && ((l.s[l.len - 1] >= '0' && l.s[l.len - 1] <= '9') ||
				      l.s[l.len - 1] == 'I' || l.s[l.len - 1] == 'V');
		if (!(n && strcmp(w->num.buf, "1") == 0 && !page))
			return;
		w->phase = P_BODY;
		reset_container(w, w->std, 1, "");
		w->body = NULL;
	}
	if (w->phase != P_ANNEX && w->phase != P_BIB && l.role != R_HEADING) {
		/* chapter 1 ends the cover, the foreword and the introduction */
		int depth;
		size_t n = clause_number(l.s, l.len, &w->num, &depth);
		if (w->phase != P_BODY && n && strcmp(w->num.buf, "1") == 0) {
			w->phase = P_BODY;
			reset_container(w, w->std, 1, "");
			w->body = NULL;
		}
	} else if (l.role == R_HEADING && l.head == 1 && w->phase != P_BODY &&
		   w->phase != P_ANNEX && w->phase != P_BIB) {
		w->phase = P_BODY;
		reset_container(w, w->std, 1, "");
		w->body = NULL;
	}
	if (w->phase == P_COVER) {
		cover_para(w, &l);
		return;
	}
	if (l.role == R_ANNEX || (w->phase != P_COVER && annex_mark(w, &l))) {
		if (l.role == R_ANNEX && !annex_mark(w, &l))
			unmapped(w, l.num, _("annex mark \"%s\" is not of the form 附录A"),
				 excerpt(w, l.s, l.len));
		return;
	}
	if (w->phase == P_ANNEX && w->annex_wait && annex_wait(w, &l))
		return;
	if (w->phase == P_BIB) {
		ref_entry(w, mn_must(w->std, "bibliography"), &l, true);
		return;
	}
	if (w->phase == P_BODY && w->body == NULL && w->last_chapter == 0) {
		if (clause_line(w, &l) || is_body_title(w, &l))
			return;
		unmapped(w, l.num, _("paragraph \"%s\" before chapter 1 is left out"),
			 excerpt(w, l.s, l.len));
		return;
	}
	if ((w->phase == P_FOREWORD || w->phase == P_INTRO) && is_body_title(w, &l))
		return;
	if (l.role == R_LIST_PARA && w->nlist && !w->cur_term && list_para(w, &l))
		return;
	if (w->phase != P_FOREWORD && clause_line(w, &l))
		return;
	if (w->cur_term) {
		term_line(w, &l);
		return;
	}
	size_t k;
	if (w->phase == P_FOREWORD) {
		if (w->changes && list_marker(l.s, l.len, &k) == 1) {
			if (!change_entry(w, l.s + k, l.len - k, loc))
				unmapped(w, l.num,
					 _("change \"%s\" does not begin with 增加了, 更改了 or "
					   "删除了 and is left out"),
					 excerpt(w, l.s + k, l.len - k));
			return;
		}
		if (strstr(l.s, "按照") && !mn_get(w->std, "drafting-rules")) {
			const char *by = strstr(l.s, "按照") + strlen("按照");
			struct stdno no;
			size_t n = stdno_scan(by, strlen(by), &no);
			if (n)
				mn_set_str(m, w->std, "drafting-rules", by, n, loc);
		}
		if (strstr(l.s, "主要技术变化"))
			w->changes = mn_need(m, w->body, "changes", NODE_SEQ, loc);
	}
	if (w->nst > 0 && w->phase == P_BODY && w->st[0].kind == K_REFS && w->nst == 1) {
		/* after the lead sentence, a line that is no sentence, note or list item names a
		 * document that is not a standard */
		struct mn *ch = w->st[0].map;
		bool by_title = (mn_get(ch, "body") || mn_get(ch, "references")) &&
				!ends(l.s, l.len, "。") && !prefix_label(l.s, l.len, "注") &&
				!list_marker(l.s, l.len, &k);
		if (ref_entry(w, mn_need(m, ch, "references", NODE_SEQ, loc), &l, by_title))
			return;
	}
	int ls = list_marker(l.s, l.len, &k);
	if (ls) {
		list_item(w, ls, l.s + k, l.len - k, loc);
		return;
	}
	if ((k = prefix_label(l.s, l.len, "注")) > 0) {
		if (w->body)
			add_block(w, wrap(w, "note", mn_str(m, l.s + k, l.len - k, loc)));
		else
			add_para(w, &l);
		return;
	}
	if ((k = prefix_label(l.s, l.len, "示例")) > 0) {
		if (k == l.len) {
			w->example_wait = true;
			return;
		}
		if (w->body)
			add_block(w, wrap(w, "example", mn_str(m, l.s + k, l.len - k, loc)));
		else
			add_para(w, &l);
		return;
	}
	if (w->example_wait) {
		w->example_wait = false;
		if (w->body) {
			add_block(w, wrap(w, "example", mn_str(m, l.s, l.len, loc)));
			return;
		}
	}
	const char *title;
	size_t tl;
	bool cont;
	if (caption(l.s, l.len, "表", &w->num, &title, &tl, &cont)) {
		struct mn *t = mn_new(m, NODE_MAP, loc);
		mn_set_str(m, t, "num", w->num.buf, w->num.len, loc);
		if (tl)
			mn_set_str(m, t, "title", title, tl, loc);
		if (cont)
			mn_set(t, "cont", mn_new(m, NODE_MAP, loc));
		if (w->pending_table_title)
			unmapped(w, w->pending_table_title->loc.line,
				 _("table title has no table after it and is left out"));
		w->pending_table_title = t;
		return;
	}
	if (caption(l.s, l.len, "图", &w->num, &title, &tl, &cont)) {
		figure(w, w->num.buf, w->num.len, title, tl, loc);
		return;
	}
	if (p->math) {
		formula(w, &l);
		return;
	}
	add_para(w, &l);
}

/* ---- a 体系表 in Word: the tables as a workbook ---- */

/* Does the document hold mostly a table, as a 体系表 does, rather than a standard's text? Its
 * table paragraphs outnumber the others twice over, one table has 3 rows and 3 columns at
 * least, and no chapter 范围 stands outside the tables. */
static bool mostly_table(const struct docx *x, struct strbuf *tmp)
{
	size_t in = 0, out = 0;
	bool big = false;
	for (size_t i = 0; i < x->nblocks; i++) {
		const struct docx_block *b = &x->blocks[i];
		if (b->kind == DOCX_TABLE) {
			big |= b->table.nrows >= 3 && b->table.ncols >= 3;
			for (size_t k = 0; k < b->table.ncells; k++)
				for (size_t j = 0; j < b->table.cells[k].nparas; j++)
					in += b->table.cells[k].paras[j].len > 0;
			continue;
		}
		if (!b->para.len)
			continue;
		out++;
		squeeze(b->para.text, b->para.len, tmp);
		if (ends(tmp->buf, tmp->len, "范围") && tmp->len <= 8)
			return false;
	}
	return big && in >= 2 * out;
}

/* A footnote mark set in superscript at the end of a cell ("GB/T 1234—2020" and a raised "1")
 * turned into the mark typed as text that the import reads (import_sheet.c): the digits as
 * superscript characters ("¹"), a * as it is. Without this the raised 1 would be read as part
 * of the year. */
static void sup_mark(const struct docx_cell *c, struct strbuf *txt)
{
	const struct docx_para *p = NULL;
	for (size_t i = c->nparas; i-- > 0 && !p;)
		if (c->paras[i].len)
			p = &c->paras[i];
	if (!p || !p->sup_tail || p->sup_tail > p->len)
		return;
	const char *tail = p->text + p->len - p->sup_tail;
	size_t tl = p->sup_tail;
	trim(&tail, &tl);
	if (!tl || tl > 3 || tl >= txt->len || memcmp(txt->buf + txt->len - tl, tail, tl))
		return;
	for (size_t i = 0; i < tl; i++)
		if (!(tail[i] >= '0' && tail[i] <= '9') && tail[i] != '*')
			return;
	static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
	char mark[4];
	memcpy(mark, tail, tl);
	strbuf_setlen(txt, txt->len - tl);
	for (size_t i = 0; i < tl; i++) {
		if (mark[i] == '*')
			strbuf_addc(txt, '*');
		else
			strbuf_adds(txt, sup[mark[i] - '0']);
	}
}

/* The paragraphs with text among blocks [from, to) as sheet paragraphs, trimmed, each with its
 * automatic number ("注1：" from a numbered list) as the reader sees it. */
static struct sheet_para *paras_between(struct arena *a, const struct docx *x, size_t from,
					size_t to, size_t *n)
{
	*n = 0;
	struct sheet_para *v = arena_alloc(a, (to > from ? to - from : 1) * sizeof *v);
	struct strbuf buf = STRBUF_INIT;
	for (size_t i = from; i < to; i++) {
		const struct docx_para *p = &x->blocks[i].para;
		strbuf_reset(&buf);
		if (p->label[0])
			strbuf_addf(&buf, "%s ", p->label);
		strbuf_add(&buf, p->text, p->len);
		const char *s = buf.buf;
		size_t len = buf.len;
		trim(&s, &len);
		if (len)
			v[(*n)++] = (struct sheet_para){ arena_strndup(a, s, len), len, p->num };
	}
	strbuf_release(&buf);
	return v;
}

/* The document's tables as a workbook for import_sheet_build: one sheet a table, named 表1,
 * 表2 … in body order; a cell's text as the standard mapping reads it, a merged cell as a
 * range. Findings of the import are then at `file.docx:表1!B4`. */
static struct sheet_book *tables_book(const struct docx *x)
{
	struct arena *a = arena_new();
	struct sheet_book *bk = arena_alloc(a, sizeof *bk);
	bk->arena = a;
	bk->path = x->path;
	size_t ntables = 0;
	for (size_t i = 0; i < x->nblocks; i++)
		ntables += x->blocks[i].kind == DOCX_TABLE;
	bk->sheets = arena_alloc(a, (ntables ? ntables : 1) * sizeof *bk->sheets);
	struct strbuf txt = STRBUF_INIT;
	size_t prev = 0; /* the block after the previous table */
	for (size_t i = 0; i < x->nblocks; i++) {
		if (x->blocks[i].kind != DOCX_TABLE)
			continue;
		const struct docx_table *t = &x->blocks[i].table;
		struct sheet *sh = &bk->sheets[bk->nsheets++];
		size_t next = i + 1;
		while (next < x->nblocks && x->blocks[next].kind != DOCX_TABLE)
			next++;
		/* the title and unit lines above, the notes below (import_sheet.c) */
		sh->above = paras_between(a, x, prev, i, &sh->nabove);
		sh->below = paras_between(a, x, i + 1, next, &sh->nbelow);
		prev = i + 1;
		strbuf_reset(&txt);
		strbuf_addf(&txt, "表%zu", bk->nsheets);
		sh->name = arena_strndup(a, txt.buf, txt.len);
		sh->read = sh->complete = true;
		sh->rows = arena_alloc(a, (t->nrows ? t->nrows : 1) * sizeof *sh->rows);
		sh->merges = arena_alloc(a, (t->ncells ? t->ncells : 1) * sizeof *sh->merges);
		for (uint32_t r = 0; r < t->nrows; r++) {
			struct sheet_row *row = &sh->rows[sh->nrows];
			row->row = r;
			row->cells = arena_alloc(a, (t->ncols ? t->ncols : 1) * sizeof *row->cells);
			/* cells are stored row by row, left to right */
			for (size_t k = 0; k < t->ncells; k++) {
				const struct docx_cell *c = &t->cells[k];
				if (c->row != r)
					continue;
				if (c->rowspan > 1 || c->colspan > 1)
					sh->merges[sh->nmerges++] =
					    (struct sheet_range){ c->row, c->col,
								  c->row + c->rowspan - 1,
								  c->col + c->colspan - 1 };
				cell_text(c, &txt, NULL, NULL);
				if (!txt.len)
					continue;
				sup_mark(c, &txt);
				struct sheet_cell *sc = &row->cells[row->n++];
				sc->col = c->col;
				sc->type = CELL_STRING;
				sc->text = arena_strndup(a, txt.buf, txt.len);
				sc->len = txt.len;
				if (c->col + 1 > sh->width)
					sh->width = c->col + 1;
			}
			if (row->n) {
				sh->nrows++;
				sh->height = r + 1;
			}
		}
	}
	strbuf_release(&txt);
	return bk;
}

bool load_docx_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		     const struct limits *lim)
{
	/* a .doc or .wps (or one renamed .docx) is an OLE2 compound file, not a zip: convert it */
	struct strbuf conv = STRBUF_INIT;
	if (office_sniff(buf, len)) {
		enum office_kind k = office_kind(d->path, buf, len);
		if (k == OFFICE_SHEET) /* a workbook named .doc */
			return load_office_parse(d, buf, len, ds, lim);
		if (k != OFFICE_WORD) {
			diag_add(ds, DIAG_IMPORT_CONVERTER, d->path, (struct loc){ 0, 0 },
				 _("\"%s\" is an Office compound file holding neither a document "
				   "nor a workbook"),
				 d->path);
			return false;
		}
		if (!office_convert(d->path, buf, len, k, &conv, ds, lim)) {
			strbuf_release(&conv);
			return false;
		}
		buf = conv.buf;
		len = conv.len;
	}
	struct docx *dx = docx_read(d->path, buf, len, ds, lim);
	strbuf_release(&conv);
	if (!dx)
		return false;
	number_spaces_doc(dx);
	const struct import_opts *io = import_options;
	enum doc_kind want = io ? io->kind : DOC_UNKNOWN;
	struct strbuf tmp = STRBUF_INIT;
	bool sheet = want == DOC_SYSTEM || want == DOC_REGISTRY ||
		     (want == DOC_UNKNOWN && mostly_table(dx, &tmp));
	strbuf_release(&tmp);
	if (sheet) {
		struct sheet_book *bk = tables_book(dx);
		bool ok = import_sheet_build(d, bk, io, ds, lim);
		/* the tree is a workbook's now: positions are cells, in no particular order */
		const struct load_format *f = load_format_for_ext(".xlsx");
		if (ok && f)
			d->syntax = f->syntax;
		sheet_book_free(bk);
		docx_free(dx);
		return ok;
	}
	struct mp m = { ds, arena_new(), dx->path };
	struct walk w;
	memset(&w, 0, sizeof w);
	w.m = &m;
	strbuf_init(&w.tmp);
	strbuf_init(&w.num);
	w.std = mn_new(&m, NODE_MAP, (struct loc){ 1, 1 });
	mn_set_str(&m, w.std, "format", "1", 1, (struct loc){ 1, 1 });
	w.phase = P_COVER;
	struct strbuf lbuf = STRBUF_INIT;
	for (size_t i = 0; i < dx->nblocks; i++) {
		const struct docx_block *b = &dx->blocks[i];
		if (b->kind == DOCX_TABLE) {
			if (w.phase == P_TOC || w.phase == P_END)
				continue;
			table_block(&w, &b->table);
		} else
			para(&w, &b->para, &lbuf);
	}
	close_term(&w);
	if (w.pending_table_title)
		unmapped(&w, w.pending_table_title->loc.line,
			 _("table title has no table after it and is left out"));
	if (w.pending_figure)
		unmapped(&w, w.pending_figure_at,
			 _("picture has no 图N title after it and is left out"));
	if (!mn_get(w.std, "clauses"))
		diag_add(ds, DIAG_IMPORT_UNMAPPED, m.path, (struct loc){ 0, 0 },
			 _("no chapter was found: a standard's chapters begin with \"1 范围\" or a "
			   "heading style"));
	strbuf_release(&lbuf);
	strbuf_release(&w.tmp);
	strbuf_release(&w.num);
	/* the tree in the order of the format's own files */
	struct mn *root = mn_new(&m, NODE_MAP, (struct loc){ 1, 1 });
	mn_set(root, "standard", w.std);
	d->root = mn_node(d, root, NULL);
	d->body = d->root->u.pairs[0].value;
	d->kind = DOC_STANDARD;
	arena_free(m.scratch);
	docx_free(dx);
	return true;
}
