/* SPDX-License-Identifier: MIT */
/* load_xml: the XML spelling (model.md §5) read with libxml2 under safe options and turned into
 * the generic tree through the schema tables, with a line:col for every node. */
#include "load.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "schema.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * Positions. libxml2 keeps only line numbers (and columns of uneven meaning in errors), so we
 * find every node in the source ourselves: one pass over the parsed tree in document order
 * walks the buffer markup by markup ('<' always starts markup, except inside CDATA, which is
 * text to us) and records where each element's start tag begins and ends and where its content
 * ends, and where each text node begins. Offsets become line:col through a cursor that only
 * moves forward as the tree is built in document order, so the whole load stays linear.
 */

struct raw_elem {
	size_t start;	/* '<' of the start tag */
	size_t tag_end; /* just after the start tag's '>' */
	size_t end;	/* '<' of the end tag, or tag_end for an empty-element tag */
};

struct xml_state {
	struct doc *d;
	const char *buf;
	size_t len;
	struct diag_store *ds;
	const struct limits *lim;

	/* offset → line:col cursor */
	size_t cur_off;
	uint32_t cur_line, cur_col;

	/* raw positions, indexed by (uintptr_t)element->_private - 1 */
	struct raw_elem *raw;
	size_t nraw, capraw;
	size_t scan; /* scanner offset for the positions pass */
	bool raw_ok; /* false when the source and the parsed tree disagree */

	size_t nodes;
	bool failed;	 /* a fatal finding was recorded: stop building */
	bool have_error; /* the first libxml2 error is recorded; ignore the rest */
	bool saw_dtd;	 /* the parser met a DOCTYPE (the pre-scan should have caught it) */
	struct strbuf tmp;
};

/* ---- positions ---- */

static struct loc loc_at(struct xml_state *st, size_t off)
{
	if (off > st->len)
		off = st->len;
	if (off < st->cur_off || st->cur_line == 0) {
		/* never happens when built in document order; correct, just slower */
		st->cur_off = 0;
		st->cur_line = 1;
		st->cur_col = 1;
	}
	/* Line by line with memchr, code points counted in a loop the compiler vectorises: every
	 * attribute and text node asks, so this walks the whole file once. */
	while (st->cur_off < off) {
		const char *p = st->buf + st->cur_off;
		const char *nl = memchr(p, '\n', off - st->cur_off);
		if (nl) {
			st->cur_line++;
			st->cur_col = 1;
			st->cur_off = (size_t)(nl - st->buf) + 1;
		} else {
			/* continuation bytes start no code point */
			uint32_t cps = 0;
			for (const char *q = p, *e = st->buf + off; q < e; q++)
				cps += ((unsigned char)*q & 0xC0) != 0x80;
			st->cur_col += cps;
			st->cur_off = off;
		}
	}
	return (struct loc){st->cur_line, st->cur_col};
}

static const struct raw_elem *raw_of(const struct xml_state *st, xmlNodePtr n)
{
	uintptr_t i = (uintptr_t)n->_private;
	if (!st->raw_ok || i == 0 || i > st->nraw)
		return NULL;
	return &st->raw[i - 1];
}

/* Position of an element's '<'; the libxml2 line when the source walk failed. */
static struct loc elem_loc(struct xml_state *st, xmlNodePtr el)
{
	const struct raw_elem *r = raw_of(st, el);
	if (r)
		return loc_at(st, r->start);
	long line = xmlGetLineNo(el);
	return (struct loc){line > 0 ? (uint32_t)line : 1, 1};
}

static size_t find(const char *b, size_t len, size_t from, const char *needle)
{
	/* memmem is a GNU extension; the needles here are short and start with a rare byte */
	size_t nl = strlen(needle);
	while (from < len && len - from >= nl) {
		const char *p = memchr(b + from, needle[0], len - from - nl + 1);
		if (!p)
			break;
		if (memcmp(p, needle, nl) == 0)
			return (size_t)(p - b);
		from = (size_t)(p - b) + 1;
	}
	return len;
}

static bool at(const char *b, size_t len, size_t off, const char *s)
{
	size_t n = strlen(s);
	return off + n <= len && memcmp(b + off, s, n) == 0;
}

static bool is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Next '<' at or after `from` that starts markup; CDATA sections are skipped as text. */
static size_t next_markup(const char *b, size_t len, size_t from)
{
	while (from < len) {
		const char *p = memchr(b + from, '<', len - from);
		if (!p)
			return len;
		size_t off = (size_t)(p - b);
		if (!at(b, len, off, "<![CDATA["))
			return off;
		from = find(b, len, off + 9, "]]>") + 3;
	}
	return len;
}

/* End of a start tag beginning at `off` (just after '>'); quoted '>' do not end it. */
static size_t tag_end(const char *b, size_t len, size_t off, bool *empty)
{
	char q = 0;
	for (size_t i = off + 1; i < len; i++) {
		char c = b[i];
		if (q) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '>') {
			*empty = b[i - 1] == '/';
			return i + 1;
		}
	}
	*empty = true;
	return len;
}

/* The format has no namespace. A default namespace declaration (xmlns="…") changes nothing we
 * read; a prefixed name (z:clause, xml:lang) is foreign and stays unknown under that name. */
static bool prefixed(const xmlNs *ns)
{
	return ns && ns->prefix;
}

/* The name as written: prefix:local for namespaced nodes. */
static const char *qname(struct xml_state *st, xmlNodePtr n, const xmlNs *ns)
{
	if (!ns || !ns->prefix)
		return (const char *)n->name;
	strbuf_reset(&st->tmp);
	strbuf_addf(&st->tmp, "%s:%s", (const char *)ns->prefix, (const char *)n->name);
	return st->tmp.buf;
}

static bool name_at(const char *b, size_t len, size_t off, const char *name)
{
	size_t n = strlen(name);
	if (off + n > len || memcmp(b + off, name, n) != 0)
		return false;
	return off + n == len || is_xml_space(b[off + n]) || b[off + n] == '>' || b[off + n] == '/';
}

static void raw_walk(struct xml_state *st, xmlNodePtr first)
{
	const char *b = st->buf;
	size_t len = st->len;
	for (xmlNodePtr n = first; n && st->raw_ok; n = n->next) {
		size_t off;
		switch (n->type) {
		case XML_ELEMENT_NODE: {
			off = next_markup(b, len, st->scan);
			const char *name = qname(st, n, n->ns);
			if (!at(b, len, off, "<") || !name_at(b, len, off + 1, name)) {
				st->raw_ok = false;
				return;
			}
			bool empty;
			struct raw_elem r = {off, tag_end(b, len, off, &empty), 0};
			st->scan = r.tag_end;
			XGROW(st->raw, st->capraw, st->nraw + 1);
			size_t idx = st->nraw++;
			n->_private = (void *)(uintptr_t)(idx + 1);
			if (empty) {
				st->raw[idx].start = r.start;
				st->raw[idx].tag_end = r.tag_end;
				st->raw[idx].end = r.tag_end;
				break;
			}
			raw_walk(st, n->children);
			off = next_markup(b, len, st->scan);
			if (!at(b, len, off, "</")) {
				st->raw_ok = false;
				return;
			}
			r.end = off;
			st->raw[idx] = r;
			st->scan = find(b, len, off, ">") + 1;
			break;
		}
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			/* adjacent text and CDATA merge into one node that starts where the last
			 * markup ended */
			n->_private = (void *)(uintptr_t)(st->scan + 1);
			break;
		case XML_COMMENT_NODE:
			off = next_markup(b, len, st->scan);
			if (!at(b, len, off, "<!--")) {
				st->raw_ok = false;
				return;
			}
			st->scan = find(b, len, off + 4, "-->") + 3;
			break;
		case XML_PI_NODE:
			off = next_markup(b, len, st->scan);
			if (!at(b, len, off, "<?")) {
				st->raw_ok = false;
				return;
			}
			st->scan = find(b, len, off + 2, "?>") + 2;
			break;
		default:
			st->raw_ok = false;
			return;
		}
	}
}

static void raw_positions(struct xml_state *st, xmlDocPtr doc)
{
	st->raw_ok = true;
	st->scan = 0;
	/* the XML declaration looks like a processing instruction but is no node */
	if (at(st->buf, st->len, 0, "<?xml") && st->len > 5 && is_xml_space(st->buf[5]))
		st->scan = find(st->buf, st->len, 5, "?>") + 2;
	raw_walk(st, doc->children);
}

/* ---- findings ---- */

static void fatal(struct xml_state *st, enum diag_code code, struct loc loc, const char *help,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fatal(struct xml_state *st, enum diag_code code, struct loc loc, const char *help,
		  const char *fmt, ...)
{
	if (st->failed)
		return;
	st->failed = true;
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	struct diag *dg = diag_add(st->ds, code, st->d->path, loc, "%s", sb.buf);
	if (help)
		diag_set_help(dg, "%s", help);
	strbuf_release(&sb);
}

/* Structured error handler for the parser context: keep the first error, print nothing. */
static void on_xml_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	struct xml_state *st = ctxt ? ctxt->_private : NULL;
	if (!st || !e || e->level < XML_ERR_ERROR || st->have_error || st->failed)
		return;
	st->have_error = true;

	/* The parser's read offset gives a column in code points; its own column is bytes or
	 * characters depending on the path taken. Trust it only when its line agrees. */
	struct loc loc = {e->line > 0 ? (uint32_t)e->line : 1, e->int2 > 0 ? (uint32_t)e->int2 : 1};
	if (ctxt->input && ctxt->input->base && ctxt->input->cur >= ctxt->input->base) {
		size_t off =
		    (size_t)ctxt->input->consumed + (size_t)(ctxt->input->cur - ctxt->input->base);
		struct loc l = loc_at(st, off);
		if (e->line <= 0 || l.line == (uint32_t)e->line)
			loc = l;
	}

	const char *m = e->message ? e->message : "malformed document";
	if (strncmp(m, "Excessive depth in document", 27) == 0) {
		/* libxml2's own nesting ceiling (256), below any sane --max-depth */
		fatal(st, DIAG_DEPTH_LIMIT, loc, NULL,
		      _("elements are nested deeper than the XML parser allows (%d levels)"),
		      e->int1 > 0 ? e->int1 : 256);
		return;
	}
	strbuf_reset(&st->tmp);
	strbuf_adds(&st->tmp, m);
	/* advice about a parser option the user cannot set */
	char *huge = strstr(st->tmp.buf, "use XML_PARSE_HUGE");
	if (huge)
		strbuf_setlen(&st->tmp, (size_t)(huge - st->tmp.buf));
	while (st->tmp.len &&
	       (is_xml_space(st->tmp.buf[st->tmp.len - 1]) || st->tmp.buf[st->tmp.len - 1] == ':' ||
		st->tmp.buf[st->tmp.len - 1] == ','))
		strbuf_setlen(&st->tmp, st->tmp.len - 1);
	/* house style: messages start lower-case ("Opening and ending tag …") */
	if (st->tmp.len > 1 && st->tmp.buf[0] >= 'A' && st->tmp.buf[0] <= 'Z' &&
	    st->tmp.buf[1] >= 'a' && st->tmp.buf[1] <= 'z')
		st->tmp.buf[0] = (char)(st->tmp.buf[0] - 'A' + 'a');
	char *msg = xstrdup(st->tmp.buf);
	fatal(st, DIAG_XML_SYNTAX, loc, NULL, "%s", msg);
	free(msg);
}

/* Never let libxml2 print: errors outside a parser context go to the generic handler. */
static void silent_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Second line of defence behind prescan_doctype(): a DOCTYPE stops the parser before its
 * internal subset (and so any entity declaration) is read. */
static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext_id,
			       const xmlChar *sys_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	(void)name;
	(void)ext_id;
	(void)sys_id;
	st->saw_dtd = true;
	xmlStopParser(ctxt);
}

static const char *const dtd_msg =
    N_("document type declarations are not allowed: zhun reads no DTD and expands no entities");
static const char *const dtd_help =
    N_("remove the <!DOCTYPE …> declaration and any entity references");

/* A DOCTYPE can only stand in the prolog; find it before libxml2 sees the document, so that
 * no entity is ever declared, expanded or fetched (billion laughs, external entities). */
static bool prescan_doctype(struct xml_state *st)
{
	const char *b = st->buf;
	size_t len = st->len, i = 0;
	for (;;) {
		while (i < len && is_xml_space(b[i]))
			i++;
		if (at(b, len, i, "<?"))
			i = find(b, len, i + 2, "?>") + 2;
		else if (at(b, len, i, "<!--"))
			i = find(b, len, i + 4, "-->") + 3;
		else
			break;
	}
	if (!at(b, len, i, "<!DOCTYPE"))
		return true;
	fatal(st, DIAG_XML_DTD, loc_at(st, i), _(dtd_help), "%s", _(dtd_msg));
	return false;
}

/* ---- tree building ---- */

static bool count_node(struct xml_state *st, struct loc loc)
{
	if (st->failed)
		return false;
	if (++st->nodes > st->lim->max_nodes) {
		fatal(st, DIAG_NODE_LIMIT, loc,
		      _("raise the limit with --max-nodes if the file is genuine"),
		      _("document has more than %zu nodes"), st->lim->max_nodes);
		return false;
	}
	return true;
}

static struct node *mk_scalar(struct xml_state *st, const char *s, size_t len, struct loc loc,
			      unsigned flags)
{
	if (!count_node(st, loc))
		return NULL;
	return node_scalar(st->d, s, len, loc, flags);
}

static bool depth_ok(struct xml_state *st, size_t depth, struct loc loc)
{
	if (st->failed)
		return false;
	if (depth <= st->lim->max_depth)
		return true;
	fatal(st, DIAG_DEPTH_LIMIT, loc,
	      _("raise the limit with --max-depth if the file is genuine"),
	      _("nesting is deeper than %zu levels"), st->lim->max_depth);
	return false;
}

static bool is_text(const xmlNode *n)
{
	return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!is_xml_space(*s))
			return false;
	return true;
}

static size_t count_elements(const xmlNode *el)
{
	size_t n = 0;
	for (const xmlNode *c = el->children; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	return n;
}

/* Number of characters libxml2 makes of the literal white space at raw[0..n): a CR LF pair is
 * one line feed (XML end-of-line handling). */
static size_t normalised_ws(const char *raw, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (!(raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n'))
			c++;
	return c;
}

/* The text content of a text-only element as a scalar. Leading and trailing white space that
 * is written literally in the source is layout and dropped; white space written as a character
 * reference (&#32; &#10; …) or inside CDATA is content and kept, which is how write_xml spells
 * text that begins or ends with white space. */
static struct node *text_scalar(struct xml_state *st, xmlNodePtr el)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	for (xmlNodePtr c = el->children; c; c = c->next)
		if (is_text(c) && c->content)
			strbuf_adds(&sb, (const char *)c->content);

	const struct raw_elem *r = raw_of(st, el);
	size_t lead = sb.len, trail = sb.len, lead_raw = 0;
	if (r) {
		size_t i = r->tag_end, j = r->end;
		while (i < j && is_xml_space(st->buf[i]))
			i++;
		lead_raw = i - r->tag_end;
		if (count_elements(el) == 0) {
			lead = normalised_ws(st->buf + r->tag_end, lead_raw);
			size_t k = j;
			while (k > i && is_xml_space(st->buf[k - 1]))
				k--;
			trail = i < j ? normalised_ws(st->buf + k, j - k) : 0;
		}
	}
	/* else (no source to consult, or text mixed with elements, an error reported
	 * elsewhere): trim all white space at both ends */

	size_t s = 0, e = sb.len;
	while (s < e && s < lead && is_xml_space(sb.buf[s]))
		s++;
	while (e > s && sb.len - e < trail && is_xml_space(sb.buf[e - 1]))
		e--;

	struct loc loc;
	if (r)
		loc = loc_at(st, r->tag_end + lead_raw);
	else
		loc = elem_loc(st, el);
	struct node *n = mk_scalar(st, sb.buf + s, e - s, loc, NODE_QUOTED);
	strbuf_release(&sb);
	return n;
}

/* Non-blank text where a record, wrapper or row allows only elements; called for each child in
 * document order (positions are asked for in that order) and reported once per element. */
static void stray_text(struct xml_state *st, xmlNodePtr c, xmlNodePtr el, const char *what,
		       bool *reported)
{
	if (*reported || !is_text(c) || !c->content || blank((const char *)c->content))
		return;
	*reported = true;
	uintptr_t p = (uintptr_t)c->_private;
	struct loc loc;
	if (p && st->raw_ok) {
		size_t off = p - 1;
		while (off < st->len && is_xml_space(st->buf[off]))
			off++;
		loc = loc_at(st, off);
	} else {
		loc = elem_loc(st, el);
	}
	diag_add(st->ds, DIAG_TYPE_MISMATCH, st->d->path, loc,
		 _("text is not allowed in '%s': it holds attributes and elements only"), what);
}

/* Attribute positions come from lexing the start tag once, in step with libxml2's attribute
 * list (both in document order; namespace declarations are not attributes to libxml2). */
struct attr_lexer {
	size_t off, end;
};

static void attr_lexer_init(struct xml_state *st, struct attr_lexer *lx, xmlNodePtr el)
{
	const struct raw_elem *r = raw_of(st, el);
	lx->off = lx->end = 0;
	if (!r)
		return;
	lx->off = r->start + 1;
	lx->end = r->tag_end;
	while (lx->off < lx->end && !is_xml_space(st->buf[lx->off]) && st->buf[lx->off] != '>' &&
	       st->buf[lx->off] != '/')
		lx->off++;
}

/* Find attribute `name`; sets the offsets of its name and its value (after the quote). */
static bool attr_lexer_next(struct xml_state *st, struct attr_lexer *lx, const char *name,
			    size_t *name_off, size_t *value_off)
{
	const char *b = st->buf;
	while (lx->off < lx->end) {
		while (lx->off < lx->end && is_xml_space(b[lx->off]))
			lx->off++;
		size_t ns = lx->off;
		while (lx->off < lx->end && b[lx->off] != '=' && !is_xml_space(b[lx->off]) &&
		       b[lx->off] != '>' && b[lx->off] != '/')
			lx->off++;
		size_t nl = lx->off - ns;
		if (nl == 0)
			return false;
		while (lx->off < lx->end && b[lx->off] != '"' && b[lx->off] != '\'')
			lx->off++;
		if (lx->off >= lx->end)
			return false;
		char q = b[lx->off++];
		size_t vs = lx->off;
		while (lx->off < lx->end && b[lx->off] != q)
			lx->off++;
		lx->off++;
		bool xmlns = (nl == 5 && memcmp(b + ns, "xmlns", 5) == 0) ||
			     (nl > 6 && memcmp(b + ns, "xmlns:", 6) == 0);
		if (xmlns)
			continue;
		if (nl == strlen(name) && memcmp(b + ns, name, nl) == 0) {
			*name_off = ns;
			*value_off = vs;
			return true;
		}
		return false;
	}
	return false;
}

/* One attribute as read: its qualified name (a copy, as qname() reuses a buffer), positions of
 * name and value, and its value (libxml2's memory). */
struct attr_val {
	const char *name;
	struct loc kloc, vloc;
	char *value; /* xmlFree when value_owned, else the text node's own content */
	bool value_owned;
	char *own; /* free: the storage of name, or NULL when name is libxml2's */
};

static void attr_read(struct xml_state *st, struct attr_lexer *lx, xmlNodePtr el, xmlAttrPtr a,
		      struct attr_val *out)
{
	/* Unprefixed names (all of ours) stay libxml2's; only qname()'s shared buffer is copied.
	 * Two allocations per attribute were a tenth of loading an XML system. */
	const char *name = qname(st, (xmlNodePtr)a, a->ns);
	out->own = name == (const char *)a->name ? NULL : xstrdup(name);
	out->name = out->own ? out->own : name;
	size_t noff, voff;
	if (attr_lexer_next(st, lx, out->name, &noff, &voff)) {
		out->kloc = loc_at(st, noff);
		out->vloc = loc_at(st, voff);
	} else {
		out->kloc = out->vloc = elem_loc(st, el);
	}
	/* A value is one text node unless it held character references split by the parser;
	 * xmlNodeGetContent would return a copy of exactly that node's content. */
	xmlNodePtr t = a->children;
	if (t && !t->next && t->type == XML_TEXT_NODE && t->content) {
		out->value = (char *)t->content;
		out->value_owned = false;
	} else {
		out->value = (char *)xmlNodeGetContent((xmlNodePtr)a);
		out->value_owned = true;
	}
}

static void attr_free(struct attr_val *a)
{
	if (a->value_owned)
		xmlFree(a->value);
	free(a->own);
}

static bool scalar_type(enum field_type t)
{
	return t == FT_STR || t == FT_NUM || t == FT_DATE || t == FT_INT || t == FT_BOOL ||
	       t == FT_ENUM;
}

/* Attributes where a text-only element allows none. */
static void reject_attrs(struct xml_state *st, xmlNodePtr el, const char *what)
{
	struct attr_lexer lx;
	attr_lexer_init(st, &lx, el);
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		struct attr_val av;
		attr_read(st, &lx, el, a, &av);
		diag_add(st->ds, DIAG_KEY_UNKNOWN, st->d->path, av.kloc,
			 _("unknown attribute '%s' on '%s'"), av.name, what);
		attr_free(&av);
	}
}

/* An element that holds text only: p, note, example, cell, and the items of scalar lists. */
static struct node *build_text(struct xml_state *st, xmlNodePtr el)
{
	const char *name = (const char *)el->name;
	reject_attrs(st, el, name);
	struct node *n = text_scalar(st, el);
	for (xmlNodePtr c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		diag_add(st->ds, DIAG_TYPE_MISMATCH, st->d->path, elem_loc(st, c),
			 _("'%s' holds text only; element '%s' is not allowed in it"), name,
			 (const char *)c->name);
		break;
	}
	return n;
}

/* An element zhun does not know: its text when it holds only text (so that `<titel>x</titel>`
 * reads like the YAML `titel: x`), else the map of its attributes. Kept in the tree so that
 * model_build reports it with a did-you-mean at the right place. */
static struct node *build_unknown(struct xml_state *st, xmlNodePtr el, size_t depth)
{
	if (!el->properties && count_elements(el) == 0)
		return text_scalar(st, el);
	struct loc loc = elem_loc(st, el);
	if (!depth_ok(st, depth, loc) || !count_node(st, loc))
		return NULL;
	size_t n = 0;
	for (xmlAttrPtr a = el->properties; a; a = a->next)
		n++;
	struct node_pair *pairs = xcalloc(n ? n : 1, sizeof *pairs);
	struct attr_lexer lx;
	attr_lexer_init(st, &lx, el);
	size_t i = 0;
	for (xmlAttrPtr a = el->properties; a && !st->failed; a = a->next) {
		struct attr_val av;
		attr_read(st, &lx, el, a, &av);
		pairs[i].key = mk_scalar(st, av.name, strlen(av.name), av.kloc, 0);
		pairs[i].value = mk_scalar(st, av.value ? av.value : "",
					   av.value ? strlen(av.value) : 0, av.vloc, NODE_ATTR);
		attr_free(&av);
		i++;
	}
	struct node *m = st->failed ? NULL : node_map(st->d, pairs, i, loc);
	free(pairs);
	return m;
}

/* A key of the record map being built: a single value, or items collected from repeated
 * elements (lists, bodies) that become one sequence at the place of the first. */
struct slot {
	struct node *key;
	struct node *value;
	struct node **items;
	size_t n, cap;
	bool collect;
	bool body;
	struct loc loc;
};

struct slots {
	struct slot *v;
	size_t n, cap;
};

static struct slot *slot_find(struct slots *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].key->u.str, key) == 0)
			return &s->v[i];
	return NULL;
}

static struct slot *slot_add(struct xml_state *st, struct slots *s, const char *key, struct loc loc)
{
	struct node *k = mk_scalar(st, key, strlen(key), loc, 0);
	if (!k)
		return NULL;
	XGROW(s->v, s->cap, s->n + 1);
	struct slot *sl = &s->v[s->n++];
	memset(sl, 0, sizeof *sl);
	sl->key = k;
	sl->loc = loc;
	return sl;
}

/* Append an item to the collecting slot `key`, creating it at the first item. */
static void slot_collect(struct xml_state *st, struct slots *s, const char *key, struct loc loc,
			 struct node *item, bool body)
{
	if (!item)
		return;
	struct slot *sl = slot_find(s, key);
	if (sl && !sl->collect)
		return; /* an attribute of that name came first; reported there */
	if (!sl) {
		sl = slot_add(st, s, key, loc);
		if (!sl)
			return;
		sl->collect = true;
		sl->body = body;
	}
	XGROW(sl->items, sl->cap, sl->n + 1);
	sl->items[sl->n++] = item;
}

/* A single-valued key; a second one is a duplicate (as in YAML). */
static void slot_set(struct xml_state *st, struct slots *s, const char *key, struct loc loc,
		     struct node *value)
{
	if (!value)
		return;
	struct slot *first = slot_find(s, key);
	if (first) {
		/* as the YAML loader says it; the first stays in the tree */
		struct diag *dg = diag_add(st->ds, DIAG_DUPLICATE_KEY, st->d->path, loc,
					   _("key '%s' is given twice"), key);
		diag_set_related(st->ds, dg, st->d->path, first->loc, _("first given here"));
		return;
	}
	struct slot *sl = slot_add(st, s, key, loc);
	if (sl)
		sl->value = value;
}

static void slots_release(struct slots *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].items);
	free(s->v);
}

struct block_elem {
	const char *name;
	const struct rec_def *rec; /* NULL: a text element */
};

/* The body blocks of model.md §2 and their XML elements (model.md §5). */
static const struct block_elem block_elems[] = {
    {"p", NULL},
    {"list", &schema_list_rec},
    {"table", &schema_table_rec},
    {"figure", &schema_figure_rec},
    {"formula", &schema_formula_rec},
    {"note", NULL},
    {"example", NULL},
};
#define NBLOCKS (sizeof block_elems / sizeof block_elems[0])

static const struct block_elem *block_by_name(const char *name)
{
	for (size_t i = 0; i < NBLOCKS; i++)
		if (strcmp(block_elems[i].name, name) == 0)
			return &block_elems[i];
	return NULL;
}

static const struct field *body_field(const struct rec_def *rec)
{
	for (size_t i = 0; i < rec->nfields; i++)
		if (rec->fields[i].type == FT_BODY)
			return &rec->fields[i];
	return NULL;
}

static struct node *build_record(struct xml_state *st, xmlNodePtr el, const struct rec_def *rec,
				 size_t depth, bool scalar_ok);

static struct node *single_map(struct xml_state *st, const char *key, struct loc loc,
			       struct node *value, size_t depth)
{
	if (!value || !depth_ok(st, depth, loc) || !count_node(st, loc))
		return NULL;
	struct node_pair p = {mk_scalar(st, key, strlen(key), loc, 0), value};
	if (!p.key)
		return NULL;
	return node_map(st->d, &p, 1, loc);
}

/* A body block: `p` → the paragraph string, others → {name: value}. */
static struct node *build_block(struct xml_state *st, xmlNodePtr el, const struct block_elem *b,
				size_t depth)
{
	if (strcmp(b->name, "p") == 0)
		return build_text(st, el);
	struct loc loc = elem_loc(st, el);
	struct node *v =
	    b->rec ? build_record(st, el, b->rec, depth + 1, false) : build_text(st, el);
	return single_map(st, b->name, loc, v, depth);
}

/* A table row: its `cell` children become a sequence of strings. */
static struct node *build_cellrow(struct xml_state *st, xmlNodePtr el, size_t depth)
{
	struct loc loc = elem_loc(st, el);
	if (!depth_ok(st, depth, loc) || !count_node(st, loc))
		return NULL;
	reject_attrs(st, el, (const char *)el->name);
	struct node **items = NULL;
	size_t n = 0, cap = 0;
	bool reported = false;
	for (xmlNodePtr c = el->children; c && !st->failed; c = c->next) {
		stray_text(st, c, el, (const char *)el->name, &reported);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (prefixed(c->ns) || strcmp((const char *)c->name, "cell") != 0) {
			struct diag *dg =
			    diag_add(st->ds, DIAG_KEY_UNKNOWN, st->d->path, elem_loc(st, c),
				     _("unknown element '%s' in '%s'"), qname(st, c, c->ns),
				     (const char *)el->name);
			diag_set_help(dg, _("a row holds 'cell' elements"));
			continue;
		}
		struct node *cell = build_text(st, c);
		if (cell) {
			XGROW(items, cap, n + 1);
			items[n++] = cell;
		}
	}
	struct node *s = st->failed ? NULL : node_seq(st->d, items, n, loc);
	free(items);
	return s;
}

/* One item of a record list or cell-row list. */
static struct node *build_item(struct xml_state *st, xmlNodePtr el, const struct field *f,
			       size_t depth)
{
	if (f->type == FT_CELLROWS)
		return build_cellrow(st, el, depth);
	/* a list item may be a plain string (model.md §6 "Blocks"); any other record spelled
	 * as bare text becomes a string too, for model_build to report as the wrong type */
	return build_record(st, el, f->rec, depth, true);
}

/* A wrapper element (`references`, `terms`, `bibliography`, a table's `head`): its item
 * elements become the list. An empty wrapper is an empty list, which YAML can say too. */
static struct node *build_wrapper(struct xml_state *st, xmlNodePtr el, const struct field *f,
				  size_t depth)
{
	struct loc loc = elem_loc(st, el);
	if (!depth_ok(st, depth, loc) || !count_node(st, loc))
		return NULL;
	const char *item = schema_elem(f);
	reject_attrs(st, el, f->xml_wrap);
	struct node **items = NULL;
	size_t n = 0, cap = 0;
	bool reported = false;
	for (xmlNodePtr c = el->children; c && !st->failed; c = c->next) {
		stray_text(st, c, el, f->xml_wrap, &reported);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (prefixed(c->ns) || strcmp((const char *)c->name, item) != 0) {
			struct diag *dg = diag_add(
			    st->ds, DIAG_KEY_UNKNOWN, st->d->path, elem_loc(st, c),
			    _("unknown element '%s' in '%s'"), qname(st, c, c->ns), f->xml_wrap);
			diag_set_help(dg, _("'%s' holds '%s' elements"), f->xml_wrap, item);
			continue;
		}
		struct node *v = build_item(st, c, f, depth + 1);
		if (v) {
			XGROW(items, cap, n + 1);
			items[n++] = v;
		}
	}
	struct node *s = st->failed ? NULL : node_seq(st->d, items, n, loc);
	free(items);
	return s;
}

/* One child element of a record: dispatch through the record's schema table. */
static void record_child(struct xml_state *st, struct slots *s, xmlNodePtr c,
			 const struct rec_def *rec, size_t depth)
{
	const char *name = (const char *)c->name;
	struct loc loc = elem_loc(st, c);
	bool is_wrap = false;
	const struct field *f = prefixed(c->ns) ? NULL : schema_field_by_elem(rec, name, &is_wrap);
	const struct field *body = body_field(rec);
	const struct block_elem *blk = body && !prefixed(c->ns) ? block_by_name(name) : NULL;

	if (f) {
		switch (f->type) {
		case FT_STRLIST:
		case FT_NUMLIST:
			slot_collect(st, s, f->key, loc, build_text(st, c), false);
			return;
		case FT_RECLIST:
		case FT_CELLROWS:
			if (is_wrap)
				slot_set(st, s, f->key, loc, build_wrapper(st, c, f, depth + 1));
			else
				slot_collect(st, s, f->key, loc, build_item(st, c, f, depth + 2),
					     false);
			return;
		case FT_REC:
		case FT_LIST:
			slot_set(st, s, f->key, loc, build_record(st, c, f->rec, depth + 1, true));
			return;
		default:
			break;
		}
	}
	if (blk) {
		slot_collect(st, s, body->key, loc, build_block(st, c, blk, depth + 2), true);
		return;
	}
	const struct field *sf = prefixed(c->ns) ? NULL : schema_field(rec, name);
	if (sf && scalar_type(sf->type)) {
		struct diag *dg =
		    diag_add(st->ds, DIAG_TYPE_MISMATCH, st->d->path, loc,
			     _("'%s' is written as an attribute of '%s', not as an element"), name,
			     rec->name);
		diag_set_help(dg, _("write %s=\"…\" on the '%s' element"), name, rec->name);
		slot_set(st, s, name, loc, build_text(st, c));
		return;
	}
	char *qn = xstrdup(qname(st, c, c->ns));
	if (body && !prefixed(c->ns)) {
		/* a misspelt block (`<tabel>`) belongs in the body, where model_build names the
		 * block kinds; anything else is an unknown key of the record */
		const char *names[NBLOCKS + 1];
		for (size_t i = 0; i < NBLOCKS; i++)
			names[i] = block_elems[i].name;
		names[NBLOCKS] = NULL;
		if (did_you_mean(qn, names) && !schema_suggest(rec, qn)) {
			struct node *v =
			    single_map(st, qn, loc, build_unknown(st, c, depth + 3), depth + 2);
			slot_collect(st, s, body->key, loc, v, true);
			free(qn);
			return;
		}
	}
	/* repeated unknown elements: the first is enough for model_build to report */
	if (!slot_find(s, qn))
		slot_set(st, s, qn, loc, build_unknown(st, c, depth + 1));
	free(qn);
}

/* A record element: attributes are its scalar fields, child elements its lists, records and
 * body blocks (model.md §5). With `scalar_ok`, an element holding only text (no attributes, no
 * child elements) is read as that string: a list item `<item>text</item>`. */
static struct node *build_record(struct xml_state *st, xmlNodePtr el, const struct rec_def *rec,
				 size_t depth, bool scalar_ok)
{
	if (st->failed)
		return NULL;
	bool list_item = rec == &schema_list_item_rec;
	if (scalar_ok && !el->properties && count_elements(el) == 0) {
		bool has_text = false;
		for (xmlNodePtr c = el->children; c; c = c->next)
			if (is_text(c) && c->content && !blank((const char *)c->content))
				has_text = true;
		if (has_text || list_item)
			return text_scalar(st, el);
	}

	struct loc loc = elem_loc(st, el);
	if (!depth_ok(st, depth, loc) || !count_node(st, loc))
		return NULL;

	struct slots s = {NULL, 0, 0};
	struct attr_lexer lx;
	attr_lexer_init(st, &lx, el);
	for (xmlAttrPtr a = el->properties; a && !st->failed; a = a->next) {
		struct attr_val av;
		attr_read(st, &lx, el, a, &av);
		/* xsi:noNamespaceSchemaLocation and friends point editors at schemas/zhun.xsd;
		 * they are not part of the model */
		if (a->ns && a->ns->href &&
		    !strcmp((const char *)a->ns->href, "http://www.w3.org/2001/XMLSchema-instance")) {
			attr_free(&av);
			continue;
		}
		const struct field *f = prefixed(a->ns) ? NULL : schema_field(rec, av.name);
		if (f && !scalar_type(f->type)) {
			struct diag *dg =
			    diag_add(st->ds, DIAG_TYPE_MISMATCH, st->d->path, av.kloc,
				     _("'%s' is not a single value: write it as child "
				       "elements of '%s', not as an attribute"),
				     av.name, rec->name);
			if (f->type == FT_STRLIST || f->type == FT_NUMLIST)
				diag_set_help(dg, _("one <%s>…</%s> element per entry"),
					      schema_elem(f), schema_elem(f));
		} else {
			struct node *v =
			    mk_scalar(st, av.value ? av.value : "", av.value ? strlen(av.value) : 0,
				      av.vloc, NODE_ATTR);
			slot_set(st, &s, av.name, av.kloc, v);
		}
		attr_free(&av);
	}
	bool reported = false;
	for (xmlNodePtr c = el->children; c && !st->failed; c = c->next) {
		stray_text(st, c, el, (const char *)el->name, &reported);
		if (c->type == XML_ELEMENT_NODE)
			record_child(st, &s, c, rec, depth);
	}

	struct node *m = NULL;
	if (!st->failed) {
		struct node_pair *pairs = xcalloc(s.n ? s.n : 1, sizeof *pairs);
		for (size_t i = 0; i < s.n && !st->failed; i++) {
			struct slot *sl = &s.v[i];
			pairs[i].key = sl->key;
			if (!sl->collect) {
				pairs[i].value = sl->value;
			} else if (sl->body && sl->n == 1 && sl->items[0]->kind == NODE_SCALAR) {
				/* model.md §6: "a single-string body is one <p>" */
				pairs[i].value = sl->items[0];
			} else if (depth_ok(st, depth + 1, sl->loc) && count_node(st, sl->loc)) {
				pairs[i].value = node_seq(st->d, sl->items, sl->n, sl->loc);
			}
		}
		if (!st->failed)
			m = node_map(st->d, pairs, s.n, loc);
		free(pairs);
	}
	slots_release(&s);
	return m;
}

/* ---- entry point ---- */

static xmlDocPtr parse(struct xml_state *st)
{
	/* Safe options only: no network, no entity substitution, no DTD loading or default
	 * attributes, no XInclude; CDATA is plain text; line numbers past 65535 kept; the
	 * buffer is UTF-8 (load_buffer checked it), whatever the declaration claims. COMPACT
	 * keeps short text inside its node (fewer allocations); the tree is only read. */
	const int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
			    XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR |
			    XML_PARSE_NOWARNING;
	xmlInitParser();
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		fatal(st, DIAG_INTERNAL, (struct loc){0, 0}, NULL, "%s",
		      _("cannot create the XML parser"));
		return NULL;
	}
	ctxt->_private = st;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->internalSubset = on_internal_subset;

	void *saved_ctx = xmlGenericErrorContext;
	xmlGenericErrorFunc saved_fn = xmlGenericError;
	xmlSetGenericErrorFunc(NULL, silent_generic);
	/* no encoding argument: with XML_PARSE_IGNORE_ENC the bytes are read as UTF-8 without
	 * conversion, so the parser's offsets are offsets into our buffer */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, st->buf, (int)st->len, st->d->path, NULL, options);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);

	bool dtd = st->saw_dtd || (doc && (doc->intSubset || doc->extSubset));
	if (dtd) {
		fatal(st, DIAG_XML_DTD, (struct loc){1, 1}, _(dtd_help), "%s", _(dtd_msg));
	} else if (!doc && !st->failed) {
		fatal(st, DIAG_XML_SYNTAX, (struct loc){1, 1}, NULL, "%s",
		      _("malformed XML document"));
	}
	xmlFreeParserCtxt(ctxt);
	if (st->failed && doc) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

bool load_xml_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		    const struct limits *lim)
{
	struct xml_state st;
	memset(&st, 0, sizeof st);
	st.d = d;
	st.buf = buf;
	st.len = len;
	st.ds = ds;
	st.lim = lim;
	strbuf_init(&st.tmp);

	d->root = d->body = NULL;
	d->kind = DOC_UNKNOWN;
	xmlDocPtr doc = NULL;
	if (len > (size_t)INT32_MAX) {
		fatal(&st, DIAG_FILE_TOO_LARGE, (struct loc){1, 1}, NULL, "%s",
		      _("an XML document must be smaller than 2 GiB"));
	} else if (prescan_doctype(&st)) {
		doc = parse(&st);
	}

	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root) {
		raw_positions(&st, doc);
		char *name = xstrdup(qname(&st, root, root->ns));
		struct loc loc = elem_loc(&st, root);
		enum doc_kind kind = prefixed(root->ns) ? DOC_UNKNOWN : doc_kind_from_name(name);
		const struct rec_def *rec = schema_root(kind);
		struct node *body = NULL;
		if (depth_ok(&st, 1, loc))
			body = rec ? build_record(&st, root, rec, 2, false)
				   : build_unknown(&st, root, 2);
		struct node *root_map = body ? single_map(&st, name, loc, body, 1) : NULL;
		if (root_map && !st.failed) {
			d->root = root_map;
			d->kind = kind;
			d->body = body->kind == NODE_MAP ? body : NULL;
		}
		free(name);
	} else if (doc && !st.failed) {
		fatal(&st, DIAG_XML_SYNTAX, (struct loc){1, 1}, NULL, "%s",
		      _("document has no root element"));
	}

	if (doc)
		xmlFreeDoc(doc);
	free(st.raw);
	strbuf_release(&st.tmp);
	return !st.failed && d->root;
}
