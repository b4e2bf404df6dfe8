/* SPDX-License-Identifier: MIT */
/* load_yaml: the YAML spelling through libyaml's event API into the generic tree, with an
 * explicit stack (no recursion), duplicate-key detection and alias accounting. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "strmap.h"
#include "xalloc.h"

struct frame {
	enum node_kind kind;
	struct loc loc;
	size_t base;        /* first child's index in the value stack */
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
	struct anchor *anchor_store;
	size_t nanchors, capanchors;
	size_t total;       /* nodes so far, aliases expanded */
	size_t aliases;
	struct node *root;
	int ndocs;
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
			 _("document has more than %zu nodes (aliases expanded)"), b->lim->max_nodes);
		return false;
	}
	return true;
}

/* A finished value goes to its parent frame, or becomes the root. */
static void emit(struct builder *b, struct node *n, size_t weight)
{
	if (b->nframes == 0)
		b->root = n;
	else
		push_val(b, n, weight);
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
					struct diag *d = diag_add(b->ds, DIAG_DUPLICATE_KEY, b->d->path,
								  pairs[i].key->loc,
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
			struct diag *d = diag_add(b->ds, DIAG_DUPLICATE_KEY, b->d->path, pairs[i].key->loc,
						  _("key '%s' is given twice"), pairs[i].key->u.str);
			diag_set_related(b->ds, d, b->d->path, prev->loc, _("first given here"));
		}
	}
	strmap_release(&seen);
}

static bool close_frame(struct builder *b)
{
	struct frame f = b->frames[--b->nframes];
	size_t nchild = b->nvals - f.base;
	size_t weight = 1 + f.weight;
	struct node *n;
	if (f.kind == NODE_SEQ) {
		/* vals is still NULL when the first node to close is an empty sequence ("[]") */
		n = node_seq(b->d, nchild ? b->vals + f.base : NULL, nchild, f.loc);
	} else {
		size_t np = nchild / 2;
		struct node_pair *pairs = arena_alloc(b->d->arena, (np ? np : 1) * sizeof *pairs);
		for (size_t i = 0; i < np; i++) {
			struct node *k = b->vals[f.base + 2 * i];
			if (k->kind != NODE_SCALAR) {
				diag_add(b->ds, DIAG_YAML_SYNTAX, b->d->path, k->loc,
					 _("mapping key must be a plain scalar, not a %s"),
					 node_kind_name(k->kind));
				return false;
			}
			pairs[i].key = k;
			pairs[i].value = b->vals[f.base + 2 * i + 1];
		}
		check_duplicates(b, pairs, np);
		n = arena_alloc(b->d->arena, sizeof *n);
		n->kind = NODE_MAP;
		n->loc = f.loc;
		n->n = np;
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
		struct diag *d = diag_add(b->ds, DIAG_DEPTH_LIMIT, b->d->path, loc,
					  _("nesting is deeper than %zu levels"), b->lim->max_depth);
		diag_set_help(d, _("raise the limit with --max-depth if the file is genuine"));
		return false;
	}
	if (!add_weight(b, 1, loc))
		return false;
	XGROW(b->frames, b->capframes, b->nframes + 1);
	b->frames[b->nframes++] = (struct frame){ kind, loc, b->nvals, 0, anchor };
	return true;
}

static bool is_null_plain(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '~') ||
	       (n == 4 && (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
			   memcmp(s, "NULL", 4) == 0));
}

static bool on_event(struct builder *b, yaml_event_t *ev)
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
		struct node *node = node_scalar(b->d, s, n, loc, flags);
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
			diag_add(b->ds, DIAG_YAML_SYNTAX, b->d->path, loc,
				 _("alias '*%s' names no anchor defined before it"), name);
			return false;
		}
		if (++b->aliases > b->lim->max_aliases) {
			struct diag *d = diag_add(b->ds, DIAG_ALIAS_LIMIT, b->d->path, loc,
						  _("more than %zu aliases"), b->lim->max_aliases);
			diag_set_help(d, _("raise the limit with --max-aliases if the file is genuine"));
			return false;
		}
		struct anchor a = b->anchor_store[idx - 1];
		/* an alias shares the anchored node: memory stays linear, the weight counts it all */
		if (!add_weight(b, a.weight, loc))
			return false;
		emit(b, a.node, a.weight);
		return true;
	}
	default:
		return true;
	}
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
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			struct loc loc = mark_loc(parser.problem_mark);
			if (parser.context)
				diag_add(ds, DIAG_YAML_SYNTAX, d->path, loc, _("%s %s"), parser.problem,
					 parser.context);
			else
				diag_add(ds, DIAG_YAML_SYNTAX, d->path, loc, "%s",
					 parser.problem ? parser.problem : _("malformed YAML"));
			ok = false;
			break;
		}
		bool end = ev.type == YAML_STREAM_END_EVENT;
		bool good = on_event(&b, &ev);
		yaml_event_delete(&ev);
		if (!good) {
			ok = false;
			break;
		}
		if (end)
			break;
	}
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
