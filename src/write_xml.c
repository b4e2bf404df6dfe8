/* SPDX-License-Identifier: MIT */
/* write_xml: the XML spelling (model.md §5) of a tree, driven by the schema tables so that
 * load_xml reads back the same tree. */
#include "write.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "markup.h"
#include "model.h"
#include "schema.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

static bool scalar_type(enum field_type t)
{
	return t == FT_STR || t == FT_NUM || t == FT_DATE || t == FT_INT || t == FT_BOOL ||
	       t == FT_ENUM;
}

/* Attribute values: a character XML cannot carry makes the record unwritable as XML. */
static bool put_attr_text(struct strbuf *out, const char *s, size_t len)
{
	return markup_escape(out, s, len, MARKUP_ATTR | MARKUP_BAD_FAIL);
}

/* Element text. White space at either end is written as character references: the loader
 * drops literal white space there as layout (docs/format-xml.md), so this is how text that
 * really starts or ends with white space survives. */
static bool put_text(struct strbuf *out, const char *s, size_t len)
{
	return markup_escape(out, s, len, MARKUP_EDGE_WS | MARKUP_BAD_FAIL);
}

/* "<name" and the like without a format parse. */
static void put_tag(struct strbuf *out, const char *open, const char *name, const char *close)
{
	strbuf_adds(out, open);
	strbuf_adds(out, name);
	strbuf_adds(out, close);
}

static void indent(struct strbuf *out, int level)
{
	strbuf_addrep(out, "  ", (size_t)level);
}

/* <name>text</name> of a scalar that is not null, within a line; false for any other node. */
static bool put_inline_elem(struct strbuf *out, const char *name, const struct node *v)
{
	if (!v || v->kind != NODE_SCALAR || (v->flags & NODE_NULL))
		return false;
	put_tag(out, "<", name, ">");
	if (!put_text(out, v->u.str, v->n))
		return false;
	put_tag(out, "</", name, ">");
	return true;
}

/* <name>text</name> on a line of its own. */
static bool put_text_elem(struct strbuf *out, const char *name, const struct node *v, int level)
{
	if (!v || v->kind != NODE_SCALAR || (v->flags & NODE_NULL))
		return false;
	indent(out, level);
	if (!put_inline_elem(out, name, v))
		return false;
	strbuf_addc(out, '\n');
	return true;
}

static bool put_record(struct strbuf *out, const char *elem, const struct node *m,
		       const struct rec_def *rec, int level);

/* Would field `f` with value `v` produce any child element? (Decides `<x/>` versus
 * `<x>…</x>` before writing.) Lists without a wrapper have no spelling when empty. */
static bool field_has_elements(const struct field *f, const struct node *v)
{
	if (v->kind == NODE_SCALAR)
		return !(v->flags & NODE_NULL);
	if (f->xml_wrap || f->type == FT_REC || f->type == FT_LIST)
		return true;
	return v->kind != NODE_SEQ || v->n > 0;
}

/* ` key="value"` for a scalar field; nothing for a null, as XML has no null and an absent
 * attribute says the same. False for a value that is not a scalar. */
static bool put_attr(struct strbuf *out, const char *key, const struct node *v)
{
	if (v->kind != NODE_SCALAR)
		return false;
	if (v->flags & NODE_NULL)
		return true;
	put_tag(out, " ", key, "=\"");
	if (!put_attr_text(out, v->u.str, v->n))
		return false;
	strbuf_addc(out, '"');
	return true;
}

/* The scalar fields of mapping m, a record `rec`, as attributes in the tree's key order; in
 * *elements the value of the (last) other field that holds elements, NULL when none does. False
 * for a key the schema does not know or a value that cannot be written. */
static bool put_attrs(struct strbuf *out, const struct node *m, const struct rec_def *rec,
		      const struct node **elements)
{
	*elements = NULL;
	for (size_t i = 0; i < m->n; i++) {
		const struct node_pair *p = &m->u.pairs[i];
		const struct field *f = schema_field(rec, p->key->u.str);
		if (!f)
			return false;
		if (!scalar_type(f->type)) {
			if (field_has_elements(f, p->value))
				*elements = p->value;
		} else if (!put_attr(out, f->key, p->value)) {
			return false;
		}
	}
	return true;
}

/* A cell written as a mapping, inside its row's line: its scalars as attributes (text
 * among them, as for a list item), its footnote marks as `mark` elements. */
static bool put_cell(struct strbuf *out, const struct node *c)
{
	const struct node *marks;
	strbuf_adds(out, "<cell");
	if (!put_attrs(out, c, &schema_cell_rec, &marks))
		return false;
	if (!marks) {
		strbuf_adds(out, "/>");
		return true;
	}
	strbuf_addc(out, '>');
	size_t n = marks->kind == NODE_SEQ ? marks->n : 1;
	for (size_t i = 0; i < n; i++) {
		const struct node *m = marks->kind == NODE_SEQ ? marks->u.items[i] : marks;
		if (!put_inline_elem(out, "mark", m))
			return false;
	}
	strbuf_adds(out, "</cell>");
	return true;
}

static bool put_cellrow(struct strbuf *out, const struct node *row, int level)
{
	if (row->kind != NODE_SEQ)
		return false;
	indent(out, level);
	if (row->n == 0) {
		strbuf_adds(out, "<row/>\n");
		return true;
	}
	/* one table row per line: the cells are short and read best side by side */
	strbuf_adds(out, "<row>");
	for (size_t i = 0; i < row->n; i++) {
		const struct node *c = row->u.items[i];
		if (c->kind == NODE_MAP) {
			if (!put_cell(out, c))
				return false;
			continue;
		}
		if (!put_inline_elem(out, "cell", c))
			return false;
	}
	strbuf_adds(out, "</row>\n");
	return true;
}

static bool put_block(struct strbuf *out, const struct node *b, int level)
{
	if (b->kind == NODE_SCALAR)
		return put_text_elem(out, "p", b, level);
	if (b->kind != NODE_MAP || b->n != 1)
		return false;
	const char *key = b->u.pairs[0].key->u.str;
	const struct node *v = b->u.pairs[0].value;
	const struct block_def *e = schema_block(key);
	/* a paragraph is a plain string in YAML: {p: …} is no block */
	if (!e || e->kind == BLOCK_P)
		return false;
	if (!e->rec)
		return put_text_elem(out, e->key, v, level);
	return put_record(out, e->key, v, e->rec, level);
}

/* The child elements of one field (not a scalar field). */
static bool put_field(struct strbuf *out, const struct field *f, const struct node *v, int level)
{
	const char *elem = schema_elem(f);
	if (v->kind == NODE_SCALAR && (v->flags & NODE_NULL))
		return true; /* XML has no null: leaving the field out says the same */
	switch (f->type) {
	case FT_STRLIST:
	case FT_NUMLIST:
		if (v->kind == NODE_SCALAR) /* a lone string for a list, as YAML allows */
			return put_text_elem(out, elem, v, level);
		if (v->kind != NODE_SEQ)
			return false;
		for (size_t i = 0; i < v->n; i++)
			if (!put_text_elem(out, elem, v->u.items[i], level))
				return false;
		return true;
	case FT_REC:
	case FT_LIST:
		return put_record(out, elem, v, f->rec, level);
	case FT_BODY:
		if (v->kind == NODE_SCALAR) /* model.md §6: a single-string body is one <p> */
			return put_text_elem(out, "p", v, level);
		if (v->kind != NODE_SEQ)
			return false;
		for (size_t i = 0; i < v->n; i++)
			if (!put_block(out, v->u.items[i], level))
				return false;
		return true;
	case FT_RECLIST:
	case FT_CELLROWS:
		if (v->kind != NODE_SEQ)
			return false;
		if (f->xml_wrap) {
			indent(out, level);
			if (v->n == 0) {
				put_tag(out, "<", f->xml_wrap, "/>\n");
				return true;
			}
			put_tag(out, "<", f->xml_wrap, ">\n");
		}
		int il = f->xml_wrap ? level + 1 : level;
		for (size_t i = 0; i < v->n; i++) {
			const struct node *it = v->u.items[i];
			bool ok;
			if (f->type == FT_CELLROWS)
				ok = put_cellrow(out, it, il);
			else if (it->kind == NODE_SCALAR && f->rec == &schema_list_item_rec)
				ok = put_text_elem(out, elem, it, il); /* a plain list item */
			else
				ok = put_record(out, elem, it, f->rec, il);
			if (!ok)
				return false;
		}
		if (f->xml_wrap) {
			indent(out, level);
			put_tag(out, "</", f->xml_wrap, ">\n");
		}
		return true;
	default:
		return false;
	}
}

/* A record: scalar fields as attributes in the tree's key order, then the other fields as
 * child elements in the schema's field order (model.md §6 "XML"), so a body comes before
 * sub-clauses. A key the schema does not know, or a value of the wrong shape, fails. */
static bool put_record(struct strbuf *out, const char *elem, const struct node *m,
		       const struct rec_def *rec, int level)
{
	if (!m || m->kind != NODE_MAP)
		return false;
	const struct node *children;
	indent(out, level);
	put_tag(out, "<", elem, "");
	if (!put_attrs(out, m, rec, &children))
		return false;
	if (!children) {
		strbuf_adds(out, "/>\n");
		return true;
	}
	strbuf_adds(out, ">\n");
	for (size_t i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];
		if (scalar_type(f->type))
			continue;
		const struct node *v = node_get(m, f->key);
		if (v && !put_field(out, f, v, level + 1))
			return false;
	}
	indent(out, level);
	put_tag(out, "</", elem, ">\n");
	return true;
}

bool write_xml(const struct doc *d, struct strbuf *out)
{
	const struct rec_def *rec = schema_root(d->kind);
	if (!rec || !d->root || d->root->kind != NODE_MAP || d->root->n != 1)
		return false;
	const struct node_pair *root = &d->root->u.pairs[0];
	if (strcmp(root->key->u.str, doc_kind_name(d->kind)) != 0)
		return false;

	/* written aside so that a failure appends nothing */
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	bool ok = put_record(&sb, rec->name, root->value, rec, 0);
	if (ok)
		strbuf_add(out, sb.buf, sb.len);
	strbuf_release(&sb);
	return ok;
}

static bool check_scalar(const struct doc *d, const struct node *n, struct diag_store *ds)
{
	uint32_t cp;
	size_t off = markup_xml_bad(n->u.str, n->n, &cp);
	if (off == n->n)
		return true;
	/* the scalar's position is where its text starts in the file; escapes and quoting make
	 * the character's own column unknowable here, so its place in the value is named */
	diag_add(ds, DIAG_XML_CHAR_UNWRITABLE, d->path, n->loc,
		 _("character %zu of this value is U+%04X, which XML 1.0 cannot carry"),
		 utf8_count(n->u.str, off) + 1, (unsigned)cp);
	return false;
}

bool write_xml_check(const struct doc *d, struct diag_store *ds)
{
	bool ok = true;
	/* an explicit stack: a tree is as deep as --max-depth allows */
	size_t cap = 64, sp = 0;
	const struct node **stack = xmalloc(cap * sizeof *stack);
	if (d->root)
		stack[sp++] = d->root;
	while (sp) {
		const struct node *n = stack[--sp];
		if (n->kind == NODE_SCALAR) {
			if (!(n->flags & NODE_NULL))
				ok = check_scalar(d, n, ds) && ok;
			continue;
		}
		size_t k = n->kind == NODE_MAP ? 2 * n->n : n->n;
		XGROW(stack, cap, sp + k);
		/* pushed in reverse, so findings come in document order */
		for (size_t i = n->n; i-- > 0;) {
			if (n->kind == NODE_MAP) {
				stack[sp++] = n->u.pairs[i].value;
				stack[sp++] = n->u.pairs[i].key;
			} else {
				stack[sp++] = n->u.items[i];
			}
		}
	}
	free(stack);
	return ok;
}
