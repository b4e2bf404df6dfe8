/* SPDX-License-Identifier: MIT */
/* load_yaml: the YAML spelling through libyaml's event API into the generic tree, with an
 * explicit stack (no recursion), duplicate-key detection and alias accounting; a syntax error
 * is told in zhun's words at its cause. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"
#include "yaml_feed.h"

struct frame {
	enum node_kind kind;
	struct loc loc;
	size_t base;	    /* first child's index in the value stack */
	size_t weight;	    /* nodes below so far, aliases expanded (children add theirs) */
	const char *anchor; /* arena copy, or NULL */
};

struct anchor {
	struct node *node;
	size_t weight;
};

struct builder {
	struct doc *d;
	struct diag_store *ds;
	const struct limits *lim;
	struct frame *frames;
	size_t nframes, capframes;
	struct node **vals; /* children of open frames, flattened */
	size_t nvals, capvals;
	struct strmap anchors;
	const char *keys[256]; /* recent key texts in the arena, shared by later equal keys */
	uint8_t keylen[256];
	struct anchor *anchor_store;
	size_t nanchors, capanchors;
	size_t total; /* nodes so far, aliases expanded */
	size_t aliases;
	struct node *root;
	int ndocs;
	/* a system's rows, handed to lim->sink one by one (load.h) */
	size_t sink_depth;	/* open frames while its list is open (the list's own counted) */
	bool sink_done;		/* that list is closed: a second `standards` stays in the tree */
	struct arena_mark mark; /* the tree as it was before the next row */
	size_t mark_anchors;	/* anchors set by then */
};

static struct loc mark_loc(yaml_mark_t m)
{
	return (struct loc){ (uint32_t)m.line + 1, (uint32_t)m.column + 1 };
}

/* A child's weight goes straight to its open parent: no per-value array of weights, which
 * cost 8 bytes (and its reallocations) for every scalar of a long sequence. */
static void push_val(struct builder *b, struct node *n, size_t weight)
{
	XGROW(b->vals, b->capvals, b->nvals + 1);
	b->frames[b->nframes - 1].weight += weight;
	b->vals[b->nvals++] = n;
}

static const char *keep_anchor(struct builder *b, const yaml_char_t *a)
{
	return a ? arena_strdup(b->d->arena, (const char *)a) : NULL;
}

static void set_anchor(struct builder *b, const char *name, struct node *n, size_t weight)
{
	if (!name)
		return;
	XGROW(b->anchor_store, b->capanchors, b->nanchors + 1);
	/* anchors are stored by index: the store may move when it grows */
	b->anchor_store[b->nanchors] = (struct anchor){ n, weight };
	strmap_put(&b->anchors, name, (void *)(uintptr_t)(b->nanchors + 1));
	b->nanchors++;
}

static bool add_weight(struct builder *b, size_t w, struct loc loc)
{
	b->total += w;
	if (b->total > b->lim->max_nodes) {
		diag_add(b->ds, DIAG_NODE_LIMIT, b->d->path, loc,
			 _("document has more than %zu nodes (aliases expanded)"),
			 b->lim->max_nodes);
		return false;
	}
	return true;
}

/* A finished row goes to the sink, and its nodes are freed: the tree of a long system never
 * holds all its rows. A row with an anchor in it stays, since a later alias may share its
 * nodes. Out of line, so that emit, which every node passes, stays small enough to inline
 * (inlined, this cost 34 M instructions at 100,000 rows). */
__attribute__((noinline)) static void take(struct builder *b, struct node *n, size_t weight)
{
	b->frames[b->nframes - 1].weight += weight;
	b->lim->sink->take(b->d, n, b->ds);
	if (b->nanchors == b->mark_anchors) {
		arena_rewind_tree(b->d->arena, &b->mark);
	} else {
		b->mark = arena_mark_tree(b->d->arena);
		b->mark_anchors = b->nanchors;
	}
}

/* A finished value goes to its parent frame, or to the sink, or becomes the root. */
static void emit(struct builder *b, struct node *n, size_t weight)
{
	if (b->nframes == 0)
		b->root = n;
	else if (b->nframes == b->sink_depth)
		take(b, n, weight);
	else
		push_val(b, n, weight);
}

/* Does the sequence about to open hold the rows the sink takes: the value of the first
 * `standards` key of the mapping under the root's first key, `system`? Not when it has an
 * anchor: an alias would find it empty. */
static bool rows_list(const struct builder *b, const char *anchor)
{
	if (!b->lim->sink || b->sink_done || anchor || b->nframes != 2)
		return false;
	const struct frame *body = &b->frames[1];
	if (b->frames[0].kind != NODE_MAP || body->kind != NODE_MAP || body->base != 1 ||
	    (b->nvals - body->base) % 2 != 1)
		return false;
	if (!node_is(b->vals[0], "system") || !node_is(b->vals[b->nvals - 1], "standards"))
		return false;
	for (size_t i = body->base; i + 1 < b->nvals; i += 2)
		if (node_is(b->vals[i], "standards"))
			return false;
	return true;
}

static bool check_tag(struct builder *b, const yaml_char_t *tag, bool implicit, struct loc loc)
{
	if (!tag || implicit)
		return true;
	diag_add(b->ds, DIAG_YAML_TAG, b->d->path, loc,
		 _("YAML tag '%s' is not part of the format; remove it"), (const char *)tag);
	return true;
}

static void check_duplicates(struct builder *b, struct node_pair *pairs, size_t n)
{
	if (n < 2)
		return;
	if (n <= 12) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = 0; j < i; j++)
				if (pairs[i].key->n == pairs[j].key->n &&
				    strcmp(pairs[i].key->u.str, pairs[j].key->u.str) == 0) {
					struct diag *d = diag_add(b->ds, DIAG_DUPLICATE_KEY,
								  b->d->path, pairs[i].key->loc,
								  _("key '%s' is given twice"),
								  pairs[i].key->u.str);
					diag_set_related(b->ds, d, b->d->path, pairs[j].key->loc,
							 _("first given here"));
					break;
				}
		return;
	}
	struct strmap seen;
	strmap_init(&seen);
	for (size_t i = 0; i < n; i++) {
		struct node *prev = strmap_put_new(&seen, pairs[i].key->u.str, pairs[i].key);
		if (prev != pairs[i].key) {
			struct diag *d =
			    diag_add(b->ds, DIAG_DUPLICATE_KEY, b->d->path, pairs[i].key->loc,
				     _("key '%s' is given twice"), pairs[i].key->u.str);
			diag_set_related(b->ds, d, b->d->path, prev->loc, _("first given here"));
		}
	}
	strmap_release(&seen);
}

/* The next value completes a pair's key: the open frame is a mapping with no pending key. */
static bool at_key(const struct builder *b)
{
	if (!b->nframes)
		return false;
	const struct frame *f = &b->frames[b->nframes - 1];
	return f->kind == NODE_MAP && (b->nvals - f->base) % 2 == 0;
}

/* Keys repeat in every record of a document (a 100,000-row system has 880,000 of them and a
 * few dozen different ones): their text is kept once. A small table indexed by length and end
 * bytes, one text a slot, costs less than the copy it saves, where a hash map cost more. */
static struct node *key_scalar(struct builder *b, const char *s, size_t n, struct loc loc,
			       unsigned flags)
{
	if (!n || n > 64)
		return node_scalar(b->d, s, n, loc, flags);
	unsigned h = ((unsigned)n * 31u + (unsigned char)s[0] * 7u + (unsigned char)s[n - 1] * 3u +
		      (unsigned char)s[n / 2]) &
		     255u;
	const char *have = b->keys[h];
	if (have && b->keylen[h] == n && !memcmp(have, s, n))
		return node_scalar_ref(b->d, have, n, loc, flags);
	struct node *k = node_scalar(b->d, s, n, loc, flags);
	b->keys[h] = k->u.str;
	b->keylen[h] = (uint8_t)n;
	return k;
}

static bool close_frame(struct builder *b)
{
	if (b->nframes == b->sink_depth) {
		b->sink_depth = 0;
		b->sink_done = true;
	}
	struct frame f = b->frames[--b->nframes];
	size_t nchild = b->nvals - f.base;
	size_t weight = 1 + f.weight;
	struct node *n;
	if (f.kind == NODE_SEQ) {
		/* vals is still NULL when the first node to close is an empty sequence ("[]") */
		n = node_seq(b->d, nchild ? b->vals + f.base : NULL, nchild, f.loc);
	} else {
		size_t np = nchild / 2;
		struct node_pair *pairs =
		    arena_alloc_tree(b->d->arena, (np ? np : 1) * sizeof *pairs);
		for (size_t i = 0; i < np; i++) {
			struct node *k = b->vals[f.base + 2 * i];
			if (k->kind != NODE_SCALAR) {
				diag_add(b->ds, DIAG_YAML_SYNTAX, b->d->path, k->loc, "%s",
					 k->kind == NODE_SEQ
					     ? _("a key must be plain text, not a list")
					     : _("a key must be plain text, not a mapping"));
				return false;
			}
			pairs[i].key = k;
			pairs[i].value = b->vals[f.base + 2 * i + 1];
		}
		check_duplicates(b, pairs, np);
		n = arena_alloc_tree(b->d->arena, sizeof *n);
		n->kind = NODE_MAP;
		n->loc = f.loc;
		n->n = (uint32_t)np;
		n->u.pairs = pairs;
	}
	b->nvals = f.base;
	set_anchor(b, f.anchor, n, weight);
	emit(b, n, weight);
	return true;
}

static bool open_frame(struct builder *b, enum node_kind kind, struct loc loc, const char *anchor)
{
	if (b->nframes >= b->lim->max_depth) {
		struct diag *d =
		    diag_add(b->ds, DIAG_DEPTH_LIMIT, b->d->path, loc,
			     _("nesting is deeper than %zu levels"), b->lim->max_depth);
		diag_set_help(d, _("raise the limit with --max-depth if the file is genuine"));
		return false;
	}
	if (!add_weight(b, 1, loc))
		return false;
	bool rows = kind == NODE_SEQ && rows_list(b, anchor);
	XGROW(b->frames, b->capframes, b->nframes + 1);
	b->frames[b->nframes++] = (struct frame){ kind, loc, b->nvals, 0, anchor };
	if (rows) {
		b->sink_depth = b->nframes;
		b->mark = arena_mark_tree(b->d->arena);
		b->mark_anchors = b->nanchors;
	}
	return true;
}

static bool is_null_plain(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '~') ||
	       (n == 4 && (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
			   memcmp(s, "NULL", 4) == 0));
}

static bool on_event(struct builder *b, const yaml_event_t *ev)
{
	struct loc loc = mark_loc(ev->start_mark);
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->ndocs > 1) {
			diag_add(b->ds, DIAG_MULTIPLE_DOCUMENTS, b->d->path, loc,
				 _("a file holds one document; found a second one here"));
			return false;
		}
		return true;
	case YAML_SCALAR_EVENT: {
		const char *s = (const char *)ev->data.scalar.value;
		size_t n = ev->data.scalar.length;
		bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		check_tag(b, ev->data.scalar.tag,
			  ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit, loc);
		unsigned flags = plain ? 0 : NODE_QUOTED;
		/* a quoted scalar's position is that of its first character, not of the quote, so
		 * that offsets into the text (cross-references, numbers) map to exact columns */
		if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			loc.col++;
		if (plain && is_null_plain(s, n))
			flags |= NODE_NULL;
		if (!add_weight(b, 1, loc))
			return false;
		struct node *node = at_key(b) ? key_scalar(b, s, n, loc, flags)
					      : node_scalar(b->d, s, n, loc, flags);
		set_anchor(b, keep_anchor(b, ev->data.scalar.anchor), node, 1);
		emit(b, node, 1);
		return true;
	}
	case YAML_SEQUENCE_START_EVENT:
		check_tag(b, ev->data.sequence_start.tag, ev->data.sequence_start.implicit, loc);
		return open_frame(b, NODE_SEQ, loc, keep_anchor(b, ev->data.sequence_start.anchor));
	case YAML_MAPPING_START_EVENT:
		check_tag(b, ev->data.mapping_start.tag, ev->data.mapping_start.implicit, loc);
		return open_frame(b, NODE_MAP, loc, keep_anchor(b, ev->data.mapping_start.anchor));
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_frame(b);
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		uintptr_t idx = (uintptr_t)strmap_get(&b->anchors, name);
		if (!idx) {
			struct diag *d =
			    diag_add(b->ds, DIAG_YAML_SYNTAX, b->d->path, loc,
				     _("alias '*%s' names no anchor defined before it"), name);
			diag_set_help(d,
				      _("define the anchor with '&%s' on an earlier value, or put "
					"the value in quotes if the '*' belongs to the text"),
				      name);
			return false;
		}
		if (++b->aliases > b->lim->max_aliases) {
			struct diag *d = diag_add(b->ds, DIAG_ALIAS_LIMIT, b->d->path, loc,
						  _("more than %zu aliases"), b->lim->max_aliases);
			diag_set_help(
			    d, _("raise the limit with --max-aliases if the file is genuine"));
			return false;
		}
		struct anchor a = b->anchor_store[idx - 1];
		/* an alias shares the anchored node: memory stays linear, the weight counts it all
		 */
		if (!add_weight(b, a.weight, loc))
			return false;
		emit(b, a.node, a.weight);
		return true;
	}
	default:
		return true;
	}
}

/* ---- syntax errors: libyaml's problem, told in zhun's words at its cause ----
 *
 * libyaml names a problem in English and marks where it noticed it, often a line or a file
 * after the cause (an unclosed quote is noticed at the end of the file). Each problem it can
 * report has a row in problem_rules below, whose explainer finds the cause in the text (the
 * opening quote, the tab, the unclosed bracket, the line whose indentation is off) and says it
 * with a help line. To add one: a row (problem and context exactly as libyaml spells them) and
 * an explainer; the unit tests in tests/unit/test_load_yaml.c give every row an input. */

struct text_line {
	size_t start, end; /* byte offsets; end is where the line break begins */
};

struct syntax_error {
	const yaml_parser_t *p;
	const char *buf;
	size_t len;
	const char *path;
	struct diag_store *ds;
	struct text_line *lines; /* the whole text, split as libyaml splits it */
	size_t nlines;
};

/* The longest subject quoted in a message, in code points; the rest becomes "…". */
#define SUBJECT_MAX 30
/* The longest value offered in quotes by a help line, in code points. */
#define SUGGEST_MAX 60
/* Open block levels looked at above a misindented line (the nesting limit is 64 too). */
#define LEVELS_MAX 64

/* libyaml's line breaks (YAML 1.1): LF, CR, CR LF, NEL, LS and PS. Counting lines as libyaml does
 * keeps the positions found here in step with its marks, in CR-only files too. */
static size_t break_len(const char *b, size_t len, size_t i)
{
	unsigned char c = (unsigned char)b[i];
	if (c == '\n')
		return 1;
	if (c == '\r')
		return i + 1 < len && b[i + 1] == '\n' ? 2 : 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)b[i + 1] == 0x85)
		return 2;
	if (c == 0xE2 && i + 2 < len && (unsigned char)b[i + 1] == 0x80 &&
	    ((unsigned char)b[i + 2] == 0xA8 || (unsigned char)b[i + 2] == 0xA9))
		return 3;
	return 0;
}

static void split_lines(struct syntax_error *e)
{
	size_t cap = 0, start = 0;
	for (size_t i = 0; i < e->len;) {
		size_t k = break_len(e->buf, e->len, i);
		if (!k) {
			i++;
			continue;
		}
		XGROW(e->lines, cap, e->nlines + 1);
		e->lines[e->nlines++] = (struct text_line){ start, i };
		i += k;
		start = i;
	}
	XGROW(e->lines, cap, e->nlines + 1);
	e->lines[e->nlines++] = (struct text_line){ start, e->len };
}

static size_t line_of(const struct syntax_error *e, size_t off)
{
	size_t lo = 0, hi = e->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->lines[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t cp_len(const struct syntax_error *e, size_t off)
{
	uint32_t cp;
	size_t k = off < e->len ? utf8_decode(e->buf + off, e->len - off, &cp) : 0;
	return k ? k : 1;
}

static uint32_t cp_at(const struct syntax_error *e, size_t off)
{
	uint32_t cp = 0;
	if (off < e->len && !utf8_decode(e->buf + off, e->len - off, &cp))
		cp = (unsigned char)e->buf[off];
	return cp;
}

static uint32_t col_of(const struct syntax_error *e, size_t off)
{
	size_t start = e->lines[line_of(e, off)].start;
	return (uint32_t)utf8_count(e->buf + start, off - start);
}

static struct loc loc_at(const struct syntax_error *e, size_t off)
{
	return (struct loc){ (uint32_t)line_of(e, off) + 1, col_of(e, off) + 1 };
}

/* A libyaml mark (line and column in code points) as a byte offset. */
static size_t mark_off(const struct syntax_error *e, yaml_mark_t m)
{
	if (m.line >= e->nlines)
		return e->len;
	size_t off = e->lines[m.line].start, end = e->lines[m.line].end;
	for (size_t c = 0; c < m.column && off < end; c++)
		off += cp_len(e, off);
	return off;
}

static size_t indent_end(const struct syntax_error *e, size_t l)
{
	size_t off = e->lines[l].start;
	while (off < e->lines[l].end && e->buf[off] == ' ')
		off++;
	return off;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool blank_line(const struct syntax_error *e, size_t l)
{
	size_t off = e->lines[l].start;
	while (off < e->lines[l].end && is_blank(e->buf[off]))
		off++;
	return off == e->lines[l].end || e->buf[off] == '#';
}

/* Where the text from `off` ends: at the first of `stops` (any of its bytes; a '#' only after a
 * blank, where a comment begins) or the end of the line, less trailing blanks. */
static size_t text_end_at(const struct syntax_error *e, size_t off, const char *stops)
{
	size_t end = e->lines[line_of(e, off)].end;
	for (size_t i = off; i < end; i++)
		if ((e->buf[i] == '#' && i > off && is_blank(e->buf[i - 1])) ||
		    memchr(stops, e->buf[i], strlen(stops))) {
			end = i;
			break;
		}
	while (end > off && is_blank(e->buf[end - 1]))
		end--;
	return end;
}

/* Where the text from `off` ends on its line: before a comment (" #") and trailing blanks. */
static size_t text_end(const struct syntax_error *e, size_t off)
{
	return text_end_at(e, off, "");
}

/* Where a value starting at `off` ends: at its line's text end, and inside brackets (`flow`)
 * also at the first ',', ']' or '}'. */
static size_t value_end(const struct syntax_error *e, size_t off, bool flow)
{
	return text_end_at(e, off, flow ? ",]}" : "");
}

/* ':' that YAML reads as a key's end: followed by a blank or the end of the line. */
static bool value_colon(const struct syntax_error *e, size_t off, size_t end)
{
	return e->buf[off] == ':' && (off + 1 >= end || is_blank(e->buf[off + 1]));
}

/* Where a key starting at `off` ends: at its value colon, else at the text end. */
static size_t key_end(const struct syntax_error *e, size_t off)
{
	size_t end = text_end(e, off);
	for (size_t i = off; i < end; i++)
		if (value_colon(e, i, end))
			return i;
	return end;
}

/* Append buf[from, to) for a message, cut after SUBJECT_MAX code points. */
static void add_subject(struct strbuf *sb, const struct syntax_error *e, size_t from, size_t to)
{
	size_t n = 0, i = from;
	while (i < to && n < SUBJECT_MAX) {
		i += cp_len(e, i);
		n++;
	}
	if (i > to)
		i = to;
	strbuf_add(sb, e->buf + from, i - from);
	if (i < to)
		strbuf_adds(sb, "…");
}

/* Where the content of line l starts, after its indentation and any "- " entry marks. */
static size_t content_start(const struct syntax_error *e, size_t l)
{
	size_t off = indent_end(e, l), end = e->lines[l].end;
	while (off + 1 < end && e->buf[off] == '-' && is_blank(e->buf[off + 1])) {
		off++;
		while (off < end && is_blank(e->buf[off]))
			off++;
	}
	return off;
}

/* The key or entry at `off` as a message names it: "-" for a list entry, else the key. */
static void add_key_name(struct strbuf *sb, const struct syntax_error *e, size_t off)
{
	size_t end = e->lines[line_of(e, off)].end;
	if (e->buf[off] == '-' && (off + 1 >= end || is_blank(e->buf[off + 1])))
		strbuf_addc(sb, '-');
	else
		add_subject(sb, e, off, key_end(e, off));
}

/* The line starting at `off` as a message names it: its key ("title", "- code"), or all its
 * text when that is not a key ("- {code: …}", "- 通用"). */
static void add_line_subject(struct strbuf *sb, const struct syntax_error *e, size_t off)
{
	size_t l = line_of(e, off), from = content_start(e, l), end = text_end(e, off);
	char c = from < end ? e->buf[from] : 0;
	if (c == '{' || c == '[' || c == '"' || c == '\'')
		add_subject(sb, e, off, end);
	else
		add_subject(sb, e, off, key_end(e, off));
}

static void add_cp(struct strbuf *sb, const struct syntax_error *e, size_t off)
{
	if (off < e->len)
		strbuf_add(sb, e->buf + off, cp_len(e, off));
}

/* buf[from, to) as a quoted YAML value: double quotes unless it holds '"' or '\', then single
 * quotes with '' for each '. False when it is empty or too long to offer. */
static bool quoted_form(struct strbuf *sb, const struct syntax_error *e, size_t from, size_t to)
{
	if (from >= to || utf8_count(e->buf + from, to - from) > SUGGEST_MAX)
		return false;
	const char *s = e->buf + from;
	size_t n = to - from;
	if (!memchr(s, '"', n) && !memchr(s, '\\', n)) {
		strbuf_addc(sb, '"');
		strbuf_add(sb, s, n);
		strbuf_addc(sb, '"');
		return true;
	}
	strbuf_addc(sb, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'')
			strbuf_addc(sb, '\'');
		strbuf_addc(sb, s[i]);
	}
	strbuf_addc(sb, '\'');
	return true;
}

static struct diag *found(struct syntax_error *e, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static struct diag *found(struct syntax_error *e, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = diag_vadd(e->ds, DIAG_YAML_SYNTAX, e->path, loc_at(e, off), fmt, ap);
	va_end(ap);
	return d;
}

/* Help (and fix) for a value that needs quotes: the value from `from` to `to`, quoted. */
static void help_quote(struct syntax_error *e, struct diag *d, size_t from, size_t to)
{
	struct strbuf q = STRBUF_INIT;
	if (quoted_form(&q, e, from, to)) {
		diag_set_help(d, _("put the value in quotes: %s"), q.buf);
		diag_set_fix(d, loc_at(e, from), loc_at(e, to), q.buf);
	} else {
		diag_set_help(d, "%s", _("put the value in quotes"));
	}
	strbuf_release(&q);
}

/* A value that begins with a character YAML reserves ('@', '`', '%', '|' in brackets …). */
static void report_cannot_begin(struct syntax_error *e, size_t off)
{
	struct strbuf c = STRBUF_INIT;
	add_cp(&c, e, off);
	struct diag *d = found(e, off, _("'%s' cannot begin a value"), c.buf);
	help_quote(e, d, off, value_end(e, off, e->p->flow_level > 0));
	strbuf_release(&c);
}

static void report_tab(struct syntax_error *e, size_t off)
{
	size_t start = e->lines[line_of(e, off)].start;
	bool indenting = true;
	for (size_t i = start; i < off; i++)
		if (!is_blank(e->buf[i]))
			indenting = false;
	struct diag *d = found(e, off, "%s",
			       indenting ? _("a tab character is used for indentation")
					 : _("a tab character stands where a value should begin"));
	diag_set_help(d, "%s", _("use spaces instead: YAML does not allow tabs for indentation"));
}

/* Keys look like `title` or `replaced_by`: a ':' right after one is a missing space, while in
 * `12:30` or `http://` it is text. */
static bool key_like(const char *s, size_t n)
{
	if (n == 0 ||
	    !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/* A line meant as `key: value` whose colon is the full-width '：' or has no space after it:
 * YAML then sees one plain text and fails a line later. Reported at the colon; true if so. */
static bool report_colon_typo(struct syntax_error *e, size_t l)
{
	size_t from = content_start(e, l), end = text_end(e, from);
	size_t bad = end, width = 0;
	bool full = false;
	for (size_t i = from; i < end; i += cp_len(e, i)) {
		if (value_colon(e, i, end))
			return false;
		if (bad < end)
			continue;
		if (cp_at(e, i) == 0xFF1A) {
			bad = i;
			width = cp_len(e, i);
			full = true;
		} else if (e->buf[i] == ':' && e->buf[i + 1] != '/' &&
			   key_like(e->buf + from, i - from)) {
			bad = i;
			width = 1;
		}
	}
	if (bad == end)
		return false;
	size_t rest = bad + width;
	while (rest < end && is_blank(e->buf[rest]))
		rest++;
	struct strbuf key = STRBUF_INIT, good = STRBUF_INIT;
	add_subject(&key, e, from, bad);
	add_subject(&good, e, from, bad);
	strbuf_adds(&good, ": ");
	add_subject(&good, e, rest, end);
	struct diag *d =
	    full ? found(e, bad,
			 _("'%s' is followed by the full-width colon '：'; YAML "
			   "needs ':' and a space"),
			 key.buf)
		 : found(e, bad, _("':' after '%s' must be followed by a space"), key.buf);
	diag_set_help(d, _("write %s"), good.buf);
	diag_set_fix(d, loc_at(e, bad), loc_at(e, rest), ": ");
	strbuf_release(&key);
	strbuf_release(&good);
	return true;
}

/* Does a key (`name:` with or without a value) start at `off`? */
static bool is_key(const struct syntax_error *e, size_t off)
{
	return key_end(e, off) < text_end(e, off);
}

/* A column where block content starts: a key, or the '-' of a list entry. */
struct level {
	size_t off, line;
	uint32_t col;
};

/* The block levels open above line l, deepest first: every level of the nearest line with
 * content (its indentation, and where content starts after each "- "), then the levels of each
 * earlier line that lie left of all seen so far. */
static size_t open_levels(const struct syntax_error *e, size_t l, struct level *out, size_t max)
{
	size_t n = 0;
	uint32_t limit = UINT32_MAX;
	while (l-- > 0 && limit > 0) {
		if (blank_line(e, l))
			continue;
		size_t offs[8], k = 0, off = indent_end(e, l), end = e->lines[l].end;
		for (;;) {
			if (k < 8)
				offs[k++] = off;
			if (!(off < end && e->buf[off] == '-' &&
			      (off + 1 == end || is_blank(e->buf[off + 1]))))
				break;
			off++;
			while (off < end && is_blank(e->buf[off]))
				off++;
			if (off == end || e->buf[off] == '#')
				break;
		}
		uint32_t first = col_of(e, offs[0]);
		if (first >= limit)
			continue;
		for (size_t j = k; j-- > 0;) {
			uint32_t c = col_of(e, offs[j]);
			/* an entry's plain text ("- a") opens nothing to line up with */
			if (c < limit && n < max && (j + 1 < k || is_key(e, offs[j])))
				out[n++] = (struct level){ offs[j], l, c };
		}
		limit = first;
	}
	return n;
}

/* Around `col` among the levels open at line l: the deepest level left of it and the
 * shallowest right of it. Returns true when col is an open level itself. */
static bool neighbours(const struct syntax_error *e, size_t l, uint32_t col, struct level *lo,
		       struct level *hi, bool *has_lo, bool *has_hi)
{
	struct level lv[LEVELS_MAX];
	size_t n = open_levels(e, l, lv, LEVELS_MAX);
	bool open = false;
	*has_lo = *has_hi = false;
	for (size_t i = 0; i < n; i++) {
		if (lv[i].col == col) {
			open = true;
		} else if (lv[i].col > col) {
			*hi = lv[i];
			*has_hi = true;
		} else if (!*has_lo) {
			*lo = lv[i];
			*has_lo = true;
		}
	}
	return open;
}

/* "start it in column C, under 'K' on line L", for one place or two. */
static void help_columns(struct syntax_error *e, struct diag *d, const struct level *a,
			 const struct level *b)
{
	struct strbuf na = STRBUF_INIT, nb = STRBUF_INIT;
	add_key_name(&na, e, a->off);
	if (b) {
		add_key_name(&nb, e, b->off);
		diag_set_help(d,
			      _("start it in column %u, under '%s' on line %u, or in column %u, "
				"under '%s' on line %u"),
			      (unsigned)a->col + 1, na.buf, (unsigned)a->line + 1,
			      (unsigned)b->col + 1, nb.buf, (unsigned)b->line + 1);
	} else {
		diag_set_help(d, _("start it in column %u, under '%s' on line %u"),
			      (unsigned)a->col + 1, na.buf, (unsigned)a->line + 1);
	}
	strbuf_release(&na);
	strbuf_release(&nb);
}

/* The line starting at `off` is indented to no level open above it: say so and offer the
 * levels next to it. False when `off` does not start its line or its column is open. */
static bool report_misindent(struct syntax_error *e, size_t off)
{
	size_t l = line_of(e, off);
	if (off >= e->len || off != indent_end(e, l))
		return false;
	uint32_t col = col_of(e, off);
	struct level lo, hi;
	bool has_lo, has_hi;
	if (neighbours(e, l, col, &lo, &hi, &has_lo, &has_hi) || (!has_lo && !has_hi))
		return false;
	struct strbuf name = STRBUF_INIT;
	add_line_subject(&name, e, off);
	struct diag *d = found(
	    e, off, _("the indentation of '%s' matches no key or list entry above it"), name.buf);
	/* the nearer first; on a tie the deeper one, a sibling more often than a parent */
	const struct level *a = has_hi ? &hi : &lo, *b = has_hi && has_lo ? &lo : NULL;
	if (b && col - b->col < a->col - col) {
		const struct level *t = a;
		a = b;
		b = t;
	}
	help_columns(e, d, a, b);
	strbuf_release(&name);
	return true;
}

/* ']', '}' or ',' where no bracket is open, or where a value should begin. True if reported. */
static bool report_stray(struct syntax_error *e, size_t off)
{
	if (off >= e->len)
		return false;
	char c = e->buf[off];
	if (c == ']' || c == '}') {
		struct diag *d = found(e, off, _("'%c' closes a bracket that was never opened"), c);
		diag_set_help(
		    d, "%s",
		    _("delete it, or put the value in quotes if the bracket belongs to the text"));
		return true;
	}
	if (c == ',') {
		report_cannot_begin(e, off);
		return true;
	}
	return false;
}

/* What a second pass of libyaml's scanner sees up to a place: the last quoted scalar that ends
 * there or before (the failed parse may not have reached its event), and the innermost bracket
 * still open. */
struct scan_back {
	bool quoted, dbl, open;
	yaml_mark_t qstart, qend, bracket;
};

static struct scan_back scan_back(const struct syntax_error *e, size_t index)
{
	struct scan_back r = { 0 };
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return r;
	yaml_parser_set_input_string(&p, (const unsigned char *)e->buf, e->len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_mark_t *open = NULL;
	size_t nopen = 0, capopen = 0;
	for (;;) {
		yaml_token_t t;
		if (!yaml_parser_scan(&p, &t))
			break;
		bool stop = t.type == YAML_STREAM_END_TOKEN || t.type == YAML_NO_TOKEN ||
			    t.start_mark.index >= index;
		if (stop) {
			yaml_token_delete(&t);
			break;
		}
		if (t.type == YAML_SCALAR_TOKEN && t.end_mark.index <= index &&
		    (t.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
		     t.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE)) {
			r.quoted = true;
			r.dbl = t.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
			r.qstart = t.start_mark;
			r.qend = t.end_mark;
		} else if (t.type == YAML_FLOW_SEQUENCE_START_TOKEN ||
			   t.type == YAML_FLOW_MAPPING_START_TOKEN) {
			XGROW(open, capopen, nopen + 1);
			open[nopen++] = t.start_mark;
		} else if ((t.type == YAML_FLOW_SEQUENCE_END_TOKEN ||
			    t.type == YAML_FLOW_MAPPING_END_TOKEN) &&
			   nopen) {
			nopen--;
		}
		yaml_token_delete(&t);
	}
	if (nopen) {
		r.open = true;
		r.bracket = open[nopen - 1];
	}
	free(open);
	yaml_parser_delete(&p);
	return r;
}

/* The line with content before line l, or l itself when there is none. */
static size_t previous_content_line(const struct syntax_error *e, size_t l)
{
	for (size_t p = l; p-- > 0;)
		if (!blank_line(e, p))
			return p;
	return l;
}

/* Spaces YAML does not count as indentation: U+3000 IDEOGRAPHIC SPACE, typed in full-width
 * mode, and U+00A0 NO-BREAK SPACE, pasted from a word processor. Where one stands in the
 * indentation of line l before a key or a list entry, its offset, else SIZE_MAX (a paragraph
 * of text may well open with "　　"). */
static size_t odd_indent(const struct syntax_error *e, size_t l)
{
	size_t i = e->lines[l].start, end = e->lines[l].end, odd = SIZE_MAX;
	for (; i < end; i += cp_len(e, i)) {
		uint32_t cp = cp_at(e, i);
		if ((cp == 0x3000 || cp == 0xA0) && odd == SIZE_MAX)
			odd = i;
		else if (cp != ' ' && cp != '\t' && cp != 0x3000 && cp != 0xA0)
			break;
	}
	if (odd == SIZE_MAX || i == end)
		return SIZE_MAX;
	size_t k = key_end(e, i);
	if (!(e->buf[i] == '-' && (i + 1 == end || is_blank(e->buf[i + 1]))) &&
	    !(k < text_end(e, i) && key_like(e->buf + i, k - i)))
		return SIZE_MAX;
	return odd;
}

/* Such a space on line l, or on the lines with content just above it (libyaml stumbles a line
 * or more after the first one): reported at the first. True if so. */
static bool report_odd_indent(struct syntax_error *e, size_t l)
{
	size_t at = odd_indent(e, l);
	for (size_t p = previous_content_line(e, l), q; p < l; l = p, p = q) {
		size_t o = odd_indent(e, p);
		if (o == SIZE_MAX)
			break;
		at = o;
		q = previous_content_line(e, p);
	}
	if (at == SIZE_MAX)
		return false;
	struct diag *d =
	    found(e, at, "%s",
		  cp_at(e, at) == 0x3000 ? _("full-width space (U+3000) in the indentation")
					 : _("no-break space (U+00A0) in the indentation"));
	diag_set_help(d, "%s",
		      _("indent with ordinary spaces only: YAML does not count other spaces as "
			"indentation"));
	return true;
}

/* Which causes before the mark a problem may have: none; a BOM or a quote that closed on a later
 * line; those or text after a closing quote (in brackets that text is more likely an entry
 * missing its ','). */
enum earlier { EARLIER_NONE, EARLIER_SPANNING, EARLIER_ANY };

/* Causes that lie before the place libyaml marks: a byte order mark earlier on its line, or a
 * quoted value just before it that closed too late (on a later line) or too early (text
 * follows its closing quote). True if one was reported. */
static bool report_earlier_cause(struct syntax_error *e, enum earlier how)
{
	yaml_mark_t pm = e->p->problem_mark;
	size_t at = mark_off(e, pm), l = line_of(e, at);
	for (size_t i = e->lines[l].start; i + 3 <= e->len && i <= at; i++)
		if (memcmp(e->buf + i, "\xEF\xBB\xBF", 3) == 0) {
			struct diag *d = found(
			    e, i, "%s",
			    _("invisible byte order mark (U+FEFF) in the middle of the file"));
			diag_set_help(d, "%s",
				      _("delete it: a byte order mark may stand only at the very "
					"start of a file, and often comes from joining two files"));
			return true;
		}
	if (report_odd_indent(e, l))
		return true;
	struct scan_back q = scan_back(e, pm.index);
	if (!q.quoted || q.qend.line != pm.line)
		return false;
	if (q.qstart.line < q.qend.line) {
		struct diag *d =
		    found(e, mark_off(e, q.qstart), "%s",
			  q.dbl ? _("double quote opened here is not closed on its line")
				: _("single quote opened here is not closed on its line"));
		diag_set_help(d,
			      q.dbl ? _("add the closing double quote at the end of the value; as "
					"written, the value runs on to line %u")
				    : _("add the closing single quote at the end of the value; as "
					"written, the value runs on to line %u"),
			      (unsigned)q.qend.line + 1);
		return true;
	}
	if (how != EARLIER_ANY)
		return false;
	size_t end = mark_off(e, q.qend);
	for (size_t i = end; i < at; i++)
		if (!is_blank(e->buf[i]))
			return false;
	if (at >= e->lines[l].end || e->buf[at] == ':')
		return false;
	struct strbuf s = STRBUF_INIT;
	add_subject(&s, e, at, text_end(e, at));
	struct diag *d = found(e, at, _("'%s' follows the closing quote of the value"), s.buf);
	diag_set_help(d, "%s",
		      q.dbl ? _("to use a double quote inside a value, write it as \\\", or put "
				"the whole value in single quotes")
			    : _("to use an apostrophe inside single quotes, write it twice ('')"));
	strbuf_release(&s);
	return true;
}

/* ---- the explainers, one per kind of libyaml problem ---- */

static void explain_start(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	if (at < e->len && e->buf[at] == '\t')
		report_tab(e, at);
	else
		report_cannot_begin(e, at);
}

static void explain_tab(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	size_t l = line_of(e, at);
	/* the mark is on the tab; should it not be, the tab is earlier on the line */
	for (size_t i = e->lines[l].start; at < e->len && e->buf[at] != '\t' && i < e->lines[l].end;
	     i++)
		if (e->buf[i] == '\t')
			at = i;
	report_tab(e, at);
}

static void explain_no_colon(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->context_mark);
	if (report_odd_indent(e, line_of(e, at)) || report_colon_typo(e, line_of(e, at)))
		return;
	struct strbuf s = STRBUF_INIT;
	add_subject(&s, e, at, text_end(e, at));
	struct diag *d =
	    found(e, at, _("'%s' stands where a key is expected but has no ':' after it"), s.buf);
	diag_set_help(d, "%s",
		      _("write the key and its value as 'key: value'; if the line continues the "
			"value above, indent it more than that value's key"));
	strbuf_release(&s);
}

static void explain_reserved(struct syntax_error *e)
{
	report_cannot_begin(e, mark_off(e, e->p->problem_mark));
}

static void explain_dash(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	struct diag *d =
	    found(e, at, "%s", _("a list entry '- ' cannot begin on the same line as its key"));
	diag_set_help(d, "%s",
		      _("put each entry on a line of its own below the key, indented; if the value "
			"itself begins with '-', put it in quotes"));
}

/* A key on a line indented deeper than the line before, whose value is given: YAML reads it as
 * more of that value, and stumbles on its ':'. */
static void report_deeper_key(struct syntax_error *e, size_t l)
{
	size_t off = indent_end(e, l);
	uint32_t col = col_of(e, off);
	struct level lv[LEVELS_MAX];
	size_t n = open_levels(e, l, lv, LEVELS_MAX);
	struct strbuf name = STRBUF_INIT;
	add_key_name(&name, e, off);
	struct diag *d = found(e, off,
			       _("'%s' is indented more than the line above, so YAML reads it as "
				 "part of that line's value"),
			       name.buf);
	size_t i = 0;
	while (i < n && (lv[i].col >= col || !is_key(e, lv[i].off)))
		i++;
	if (i < n) {
		struct strbuf to = STRBUF_INIT;
		add_key_name(&to, e, lv[i].off);
		diag_set_help(d,
			      _("start it in column %u, under '%s' on line %u; if it continues the "
				"value above, put that value in quotes"),
			      (unsigned)lv[i].col + 1, to.buf, (unsigned)lv[i].line + 1);
		strbuf_release(&to);
	} else {
		diag_set_help(d, "%s",
			      _("line it up with the key it belongs to; if it continues the value "
				"above, put that value in quotes"));
	}
	strbuf_release(&name);
}

static void explain_value_colon(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	size_t l = line_of(e, at);
	size_t from = content_start(e, l), end = e->lines[l].end, first = at;
	for (size_t i = from; i < at; i++)
		if (value_colon(e, i, end)) {
			first = i;
			break;
		}
	size_t value = from;
	if (first == at) {
		/* the key began on an earlier line: a colon typo there, or this line indented
		 * deeper */
		size_t pl = previous_content_line(e, l);
		if (pl < l) {
			if (report_colon_typo(e, pl))
				return;
			if (indent_end(e, l) - e->lines[l].start >
			    indent_end(e, pl) - e->lines[pl].start) {
				report_deeper_key(e, l);
				return;
			}
		}
	} else {
		value = first + 1;
		while (value < at && is_blank(e->buf[value]))
			value++;
	}
	size_t vend = text_end(e, value);
	struct strbuf s = STRBUF_INIT;
	add_subject(&s, e, value, vend);
	struct diag *d = found(
	    e, at, _("value '%s' contains ': ', which YAML reads as the start of another key"),
	    s.buf);
	help_quote(e, d, value, vend);
	strbuf_release(&s);
}

static void explain_quote_open(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->context_mark);
	bool dbl = e->buf[at] == '"';
	struct diag *d = found(e, at, "%s",
			       dbl ? _("double quote opened here is never closed")
				   : _("single quote opened here is never closed"));
	diag_set_help(d, "%s",
		      dbl ? _("add the closing double quote where the value ends")
			  : _("add the closing single quote where the value ends"));
}

static void help_escape(struct diag *d)
{
	diag_set_help(d, "%s",
		      _("in double quotes write \\\\ for a backslash, or put the value in single "
			"quotes, where \\ is an ordinary character"));
}

/* The backslash of an escape whose digits start at `off` (libyaml marks the digits). */
static size_t escape_start(const struct syntax_error *e, size_t off)
{
	size_t start = e->lines[line_of(e, off)].start;
	while (off > start && e->buf[--off] != '\\')
		;
	return off;
}

static void explain_escape(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	struct strbuf c = STRBUF_INIT;
	add_cp(&c, e, at + 1);
	struct diag *d = found(e, at, _("'\\%s' is not a valid escape in double quotes"), c.buf);
	help_escape(d);
	strbuf_release(&c);
}

static void explain_escape_hex(struct syntax_error *e)
{
	size_t at = escape_start(e, mark_off(e, e->p->problem_mark));
	char kind = at + 1 < e->len ? e->buf[at + 1] : 'x';
	struct diag *d = found(e, at, _("'\\%c' must be followed by %d hexadecimal digits"), kind,
			       kind == 'u'   ? 4
			       : kind == 'U' ? 8
					     : 2);
	help_escape(d);
}

static void explain_escape_code(struct syntax_error *e)
{
	size_t at = escape_start(e, mark_off(e, e->p->problem_mark));
	char kind = at + 1 < e->len ? e->buf[at + 1] : 'x';
	size_t n = 2 + (kind == 'u' ? 4 : kind == 'U' ? 8 : 2);
	struct strbuf s = STRBUF_INIT;
	add_subject(&s, e, at, at + n <= e->len ? at + n : e->len);
	struct diag *d = found(e, at, _("'%s' is not a valid Unicode character"), s.buf);
	help_escape(d);
	strbuf_release(&s);
}

static void explain_flow_colon(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark), from = mark_off(e, e->p->context_mark);
	struct diag *d = found(e, at, _("':' directly before '%c' is not allowed inside brackets"),
			       at + 1 < e->len ? e->buf[at + 1] : ' ');
	help_quote(e, d, from, value_end(e, from, true));
}

static void help_indicator(struct syntax_error *e, struct diag *d, size_t at)
{
	struct strbuf c = STRBUF_INIT, q = STRBUF_INIT;
	add_cp(&c, e, at);
	if (quoted_form(&q, e, at, value_end(e, at, e->p->flow_level > 0))) {
		diag_set_help(d, _("if the value itself begins with '%s', put it in quotes: %s"),
			      c.buf, q.buf);
		diag_set_fix(d, loc_at(e, at), loc_at(e, value_end(e, at, e->p->flow_level > 0)),
			     q.buf);
	} else {
		diag_set_help(d, _("if the value itself begins with '%s', put it in quotes"),
			      c.buf);
	}
	strbuf_release(&c);
	strbuf_release(&q);
}

static void explain_block_header(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->context_mark);
	struct diag *d = found(e, at,
			       _("'%c' begins a block of text on the lines below, so nothing may "
				 "follow it on its line"),
			       e->buf[at]);
	help_indicator(e, d, at);
}

static void explain_block_zero(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->context_mark);
	struct diag *d =
	    found(e, mark_off(e, e->p->problem_mark),
		  _("the indentation indicator after '%c' must be 1 to 9, not 0"), e->buf[at]);
	help_indicator(e, d, at);
}

static void explain_anchor(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->context_mark);
	struct diag *d = found(e, at, "%s", _("'&' must be followed by the name of an anchor"));
	help_indicator(e, d, at);
}

static void explain_alias(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->context_mark);
	struct diag *d = found(e, at, "%s", _("'*' must be followed by the name of an anchor"));
	help_indicator(e, d, at);
}

static void report_tag(struct syntax_error *e, size_t at)
{
	struct diag *d =
	    found(e, at, "%s", _("'!' begins a YAML tag, which zhun files do not use"));
	help_indicator(e, d, at);
}

static void explain_tag(struct syntax_error *e)
{
	report_tag(e, mark_off(e, e->p->context_mark));
}

static void explain_tag_handle(struct syntax_error *e)
{
	report_tag(e, mark_off(e, e->p->problem_mark));
}

static void explain_directive(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->context ? e->p->context_mark : e->p->problem_mark);
	struct strbuf s = STRBUF_INIT;
	add_subject(&s, e, at, text_end(e, at));
	struct diag *d =
	    found(e, at, _("'%s' is a YAML directive, which zhun files do not use"), s.buf);
	diag_set_help(d, "%s", _("delete the line: zhun files need no directives"));
	strbuf_release(&s);
}

static void explain_key(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	if (report_misindent(e, at) || report_stray(e, at))
		return;
	struct strbuf s = STRBUF_INIT;
	add_subject(&s, e, at, text_end(e, at));
	struct diag *d;
	if (at < e->len && e->buf[at] == '-') {
		d = found(e, at, _("list entry '%s' stands where a key is expected"), s.buf);
		diag_set_help(d, "%s",
			      _("to give a key a list, end the key's line with ':' and indent the "
				"entries below it"));
	} else {
		d = found(e, at, _("'%s' stands where a key is expected"), s.buf);
		diag_set_help(d, "%s",
			      _("write 'key: value' here, and check the indentation of this line "
				"and of the line above"));
	}
	strbuf_release(&s);
}

static void explain_entry(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	if (report_misindent(e, at) || report_stray(e, at))
		return;
	size_t l = line_of(e, at);
	struct strbuf s = STRBUF_INIT;
	add_line_subject(&s, e, at);
	uint32_t col = col_of(e, at);
	struct level lo, hi;
	bool has_lo = false, has_hi = false;
	if (at == indent_end(e, l) && col == e->p->context_mark.column) {
		struct diag *d = found(
		    e, at, _("'%s' is indented like the list entries but does not begin with '- '"),
		    s.buf);
		neighbours(e, l, col, &lo, &hi, &has_lo, &has_hi);
		if (has_hi) {
			struct strbuf to = STRBUF_INIT;
			add_key_name(&to, e, hi.off);
			diag_set_help(
			    d,
			    _("start it in column %u, under '%s' on line %u, if it belongs to the "
			      "entry above; begin it with '- ' if it is a new entry"),
			    (unsigned)hi.col + 1, to.buf, (unsigned)hi.line + 1);
			strbuf_release(&to);
		} else {
			diag_set_help(d, "%s",
				      _("begin it with '- ' if it is a new entry, or indent it "
					"less if it belongs to a key outside the list"));
		}
	} else {
		struct diag *d =
		    found(e, at, _("'%s' stands where a list entry '- ' is expected"), s.buf);
		diag_set_help(d, "%s",
			      _("write 'key: value' here, and check the indentation of this line "
				"and of the line above"));
	}
	strbuf_release(&s);
}

/* Does the bracket at `open` close on its own line? Quoted text is skipped. */
static bool closes_on_line(const struct syntax_error *e, size_t open)
{
	size_t end = e->lines[line_of(e, open)].end;
	int depth = 0;
	for (size_t i = open; i < end; i++) {
		char c = e->buf[i];
		if (c == '"' || c == '\'') {
			for (i++; i < end && e->buf[i] != c; i++)
				if (c == '"' && e->buf[i] == '\\')
					i++;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if ((c == ']' || c == '}') && --depth == 0) {
			return true;
		}
	}
	return false;
}

static void report_unclosed(struct syntax_error *e, size_t open)
{
	struct diag *d = found(e, open, _("'%c' opened here is never closed"), e->buf[open]);
	diag_set_help(d, "%s",
		      e->buf[open] == '['
			  ? _("add the closing ']' after the last entry")
			  : _("add the closing '}' after the last 'key: value' pair"));
}

static void explain_flow(struct syntax_error *e, char close)
{
	size_t open = mark_off(e, e->p->context_mark), at = mark_off(e, e->p->problem_mark);
	struct diag *d;
	if (at >= e->len ||
	    (e->p->problem_mark.line > e->p->context_mark.line && !closes_on_line(e, open))) {
		report_unclosed(e, open);
		return;
	}
	struct strbuf s = STRBUF_INIT;
	size_t end = value_end(e, at, true);
	add_subject(&s, e, at, end > at ? end : at + cp_len(e, at));
	d = found(e, at, _("expected ',' or '%c' before '%s'"), close, s.buf);
	diag_set_help(d, "%s",
		      _("separate the entries with ', ', and put an entry in quotes if it contains "
			"a comma, a bracket or a brace"));
	diag_set_related(e->ds, d, e->path, loc_at(e, open), "%s", _("the bracket opens here"));
	strbuf_release(&s);
}

static void explain_flow_seq(struct syntax_error *e)
{
	explain_flow(e, ']');
}

static void explain_flow_map(struct syntax_error *e)
{
	explain_flow(e, '}');
}

static void explain_node(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	if (at < e->len && e->buf[at] == ',' && e->p->context &&
	    strcmp(e->p->context, "while parsing a flow node") == 0) {
		struct diag *d = found(e, at, "%s", _("an entry is missing before this ','"));
		diag_set_help(d, "%s", _("delete the extra ','"));
		return;
	}
	if (at >= e->len) {
		/* the file ends inside brackets: the innermost one is left open */
		struct scan_back b = scan_back(e, e->p->problem_mark.index);
		if (b.open) {
			report_unclosed(e, mark_off(e, b.bracket));
			return;
		}
		struct diag *d = found(e, at, "%s", _("the file ends where a value is expected"));
		diag_set_help(d, "%s", _("write the value, or delete what stands before it"));
		return;
	}
	report_cannot_begin(e, at);
}

static void explain_after_root(struct syntax_error *e)
{
	size_t at = mark_off(e, e->p->problem_mark);
	struct strbuf s = STRBUF_INIT;
	add_subject(&s, e, at, text_end(e, at));
	struct diag *d = found(e, at, _("'%s' comes after the end of the document"), s.buf);
	diag_set_help(d, "%s",
		      _("a file holds one root key (system, standard or registry) with everything "
			"else indented under it"));
	strbuf_release(&s);
}

static void explain_control(struct syntax_error *e)
{
	struct diag *d =
	    found(e, e->p->problem_offset, _("character U+%04X is not allowed in a YAML file"),
		  (unsigned)e->p->problem_value);
	diag_set_help(d, "%s",
		      _("delete it: such invisible characters usually come in with text copied "
			"from another program"));
}

static void explain_encoding(struct syntax_error *e)
{
	size_t at = e->p->problem_offset < e->len ? e->p->problem_offset : e->len;
	diag_add(e->ds, DIAG_INVALID_UTF8, e->path, loc_at(e, at),
		 _("invalid UTF-8 byte 0x%02X; save the file as UTF-8"),
		 at < e->len ? (unsigned char)e->buf[at] : 0);
}

static const struct problem_rule {
	const char *problem;  /* as libyaml spells it; NULL: any problem in this context */
	const char *context;  /* likewise; NULL: any context (or none) */
	enum earlier earlier; /* whether the cause may lie before the mark (report_earlier_cause) */
	void (*explain)(struct syntax_error *e);
} problem_rules[] = {
	/* reader */
	{ "control characters are not allowed", NULL, EARLIER_NONE, explain_control },
	{ "invalid leading UTF-8 octet", NULL, EARLIER_NONE, explain_encoding },
	{ "incomplete UTF-8 octet sequence", NULL, EARLIER_NONE, explain_encoding },
	{ "invalid trailing UTF-8 octet", NULL, EARLIER_NONE, explain_encoding },
	{ "invalid length of a UTF-8 sequence", NULL, EARLIER_NONE, explain_encoding },
	{ "invalid Unicode character", NULL, EARLIER_NONE, explain_encoding },
	/* scanner */
	{ "found character that cannot start any token", NULL, EARLIER_NONE, explain_start },
	{ "could not find expected ':'", "while scanning a simple key", EARLIER_NONE,
	  explain_no_colon },
	{ "block sequence entries are not allowed in this context", NULL, EARLIER_ANY,
	  explain_dash },
	{ "mapping keys are not allowed in this context", NULL, EARLIER_ANY, explain_reserved },
	{ "mapping values are not allowed in this context", NULL, EARLIER_SPANNING,
	  explain_value_colon },
	{ NULL, "while scanning a directive", EARLIER_NONE, explain_directive },
	{ NULL, "while scanning a %YAML directive", EARLIER_NONE, explain_directive },
	{ NULL, "while scanning a %TAG directive", EARLIER_NONE, explain_directive },
	{ NULL, "while scanning a tag directive", EARLIER_NONE, explain_directive },
	{ NULL, "while parsing a tag directive", EARLIER_NONE, explain_directive },
	{ NULL, "while parsing a %TAG directive", EARLIER_NONE, explain_directive },
	{ NULL, "while scanning an anchor", EARLIER_NONE, explain_anchor },
	{ NULL, "while scanning an alias", EARLIER_NONE, explain_alias },
	{ NULL, "while scanning a tag", EARLIER_NONE, explain_tag },
	{ NULL, "while parsing a tag", EARLIER_NONE, explain_tag },
	{ "found an indentation indicator equal to 0", NULL, EARLIER_NONE, explain_block_zero },
	{ "did not find expected comment or line break", "while scanning a block scalar",
	  EARLIER_NONE, explain_block_header },
	{ "found a tab character where an indentation space is expected", NULL, EARLIER_NONE,
	  explain_tab },
	{ "found a tab character that violates indentation", NULL, EARLIER_NONE, explain_tab },
	{ NULL, "while scanning a quoted scalar", EARLIER_NONE, explain_quote_open },
	{ "found unknown escape character", NULL, EARLIER_NONE, explain_escape },
	{ "did not find expected hexdecimal number", NULL, EARLIER_NONE, explain_escape_hex },
	{ "found invalid Unicode character escape code", NULL, EARLIER_NONE, explain_escape_code },
	{ "found unexpected ':'", NULL, EARLIER_SPANNING, explain_flow_colon },
	/* parser */
	{ "did not find expected <document start>", NULL, EARLIER_ANY, explain_after_root },
	{ "found undefined tag handle", NULL, EARLIER_NONE, explain_tag_handle },
	{ "did not find expected node content", NULL, EARLIER_ANY, explain_node },
	{ "did not find expected '-' indicator", NULL, EARLIER_ANY, explain_entry },
	{ "did not find expected key", NULL, EARLIER_ANY, explain_key },
	{ "did not find expected ',' or ']'", NULL, EARLIER_SPANNING, explain_flow_seq },
	{ "did not find expected ',' or '}'", NULL, EARLIER_SPANNING, explain_flow_map },
	{ "found duplicate %YAML directive", NULL, EARLIER_NONE, explain_directive },
	{ "found incompatible YAML document", NULL, EARLIER_NONE, explain_directive },
	{ "found duplicate %TAG directive", NULL, EARLIER_NONE, explain_directive },
};

static bool same(const char *rule, const char *got)
{
	return !rule || (got && strcmp(rule, got) == 0);
}

static void report_syntax_error(const yaml_parser_t *p, const char *buf, size_t len, struct doc *d,
				struct diag_store *ds)
{
	if (p->error == YAML_MEMORY_ERROR) {
		diag_add(ds, DIAG_INTERNAL, d->path, (struct loc){ 0, 0 }, "%s",
			 _("the YAML parser ran out of memory"));
		return;
	}
	struct syntax_error e = { .p = p, .buf = buf, .len = len, .path = d->path, .ds = ds };
	split_lines(&e);
	const struct problem_rule *r = NULL;
	for (size_t i = 0; i < sizeof problem_rules / sizeof *problem_rules && !r; i++)
		if (same(problem_rules[i].problem, p->problem) &&
		    same(problem_rules[i].context, p->context))
			r = &problem_rules[i];
	if (r) {
		if (r->earlier == EARLIER_NONE || !report_earlier_cause(&e, r->earlier))
			r->explain(&e);
	} else {
		/* a problem of another libyaml release: still ours, with its words as a detail */
		size_t at = p->error == YAML_READER_ERROR ? p->problem_offset
							  : mark_off(&e, p->problem_mark);
		struct diag *f =
		    found(&e, at < len ? at : len, "%s", _("the YAML syntax is not valid here"));
		diag_set_help(f, _("the YAML parser reports: %s%s%s"),
			      p->problem ? p->problem : "?", p->context ? " " : "",
			      p->context ? p->context : "");
	}
	free(e.lines);
}

/* The next event from the feed or, without one, from the parser into `own`; NULL on failure. */
static const yaml_event_t *next_event(yaml_parser_t *p, struct yaml_feed *feed, yaml_event_t *own)
{
	if (feed)
		return yaml_feed_next(feed);
	return yaml_parser_parse(p, own) ? own : NULL;
}

bool load_yaml_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		     const struct limits *lim)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag_add(ds, DIAG_INTERNAL, d->path, (struct loc){ 0, 0 },
			 _("cannot initialise the YAML parser"));
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	struct builder b = { .d = d, .ds = ds, .lim = lim };
	strmap_init(&b.anchors);
	bool ok = true;
	/* a large file is parsed on a second thread while this one builds what it reads */
	struct yaml_feed *feed = lim->threads > 1 && len >= YAML_FEED_MIN && len < YAML_FEED_MAX
				     ? yaml_feed_start(&parser)
				     : NULL;
	for (;;) {
		yaml_event_t own;
		const yaml_event_t *ev = next_event(&parser, feed, &own);
		if (!ev) {
			yaml_feed_end(feed);
			feed = NULL;
			report_syntax_error(&parser, buf, len, d, ds);
			ok = false;
			break;
		}
		bool end = ev->type == YAML_STREAM_END_EVENT;
		bool good = on_event(&b, ev);
		if (!feed)
			yaml_event_delete(&own);
		if (!good) {
			ok = false;
			break;
		}
		if (end)
			break;
	}
	yaml_feed_end(feed);
	yaml_parser_delete(&parser);
	free(b.frames);
	free(b.vals);
	free(b.anchor_store);
	strmap_release(&b.anchors);
	if (!ok)
		return false;
	d->root = b.root;
	if (!d->root) {
		d->kind = DOC_UNKNOWN;
		return true;
	}
	if (d->root->kind == NODE_MAP && d->root->n == 1) {
		d->kind = doc_kind_from_name(d->root->u.pairs[0].key->u.str);
		if (d->root->u.pairs[0].value->kind == NODE_MAP)
			d->body = d->root->u.pairs[0].value;
	}
	return true;
}
