/* SPDX-License-Identifier: MIT */
/* node: construction and lookup helpers for the generic tree. */
#include "node.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

struct doc *doc_new(const char *path, enum doc_syntax syntax)
{
	struct doc *d = xcalloc(1, sizeof *d);
	d->arena = arena_new();
	d->path = arena_strdup(d->arena, path);
	d->syntax = syntax;
	return d;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	if (d->model_free)
		d->model_free(d);
	arena_free(d->arena);
	free(d);
}

void doc_drop_tree(struct doc *d)
{
	arena_clear_tree(d->arena);
	d->root = NULL;
	d->body = NULL;
}

/* Every node of a kind, with `n` entries; arena_alloc_tree zeroes the rest. */
static struct node *node_new(struct doc *d, enum node_kind kind, size_t n, struct loc loc)
{
	/* a 4 GiB scalar or four billion entries: no limit lets an input get here by default */
	if (n > UINT32_MAX)
		xalloc_fail(n);
	struct node *nd = arena_alloc_tree(d->arena, sizeof *nd);
	nd->kind = (uint8_t)kind;
	nd->loc = loc;
	nd->n = n;
	return nd;
}

struct node *node_scalar(struct doc *d, const char *str, size_t len, struct loc loc, unsigned flags)
{
	struct node *n = node_new(d, NODE_SCALAR, len, loc);
	n->flags = (uint8_t)flags;
	n->u.str = arena_strndup(d->arena, str, len);
	return n;
}

struct node *node_scalar_ref(struct doc *d, const char *str, size_t len, struct loc loc,
			     unsigned flags)
{
	struct node *n = node_new(d, NODE_SCALAR, len, loc);
	n->flags = (uint8_t)flags;
	n->u.str = str;
	return n;
}

struct node *node_map(struct doc *d, struct node_pair *pairs, size_t n, struct loc loc)
{
	struct node *m = node_new(d, NODE_MAP, n, loc);
	if (n) {
		m->u.pairs = arena_alloc_tree(d->arena, n * sizeof *pairs);
		memcpy(m->u.pairs, pairs, n * sizeof *pairs);
	}
	return m;
}

struct node *node_seq(struct doc *d, struct node **items, size_t n, struct loc loc)
{
	struct node *s = node_new(d, NODE_SEQ, n, loc);
	if (n) {
		s->u.items = arena_alloc_tree(d->arena, n * sizeof *items);
		memcpy(s->u.items, items, n * sizeof *items);
	}
	return s;
}

const struct node_pair *node_get_pair(const struct node *m, const char *key)
{
	if (!m || m->kind != NODE_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->u.pairs[i].key->u.str, key) == 0)
			return &m->u.pairs[i];
	return NULL;
}

struct node *node_get(const struct node *m, const char *key)
{
	const struct node_pair *p = node_get_pair(m, key);
	return p ? p->value : NULL;
}

bool node_is(const struct node *n, const char *s)
{
	return n && n->kind == NODE_SCALAR && strcmp(n->u.str, s) == 0;
}

const char *node_kind_name(enum node_kind k)
{
	switch (k) {
	case NODE_SCALAR:
		return "scalar";
	case NODE_MAP:
		return "mapping";
	case NODE_SEQ:
		return "sequence";
	}
	return "?";
}

static const char *const kind_names[] = {
	[DOC_SYSTEM] = "system",
	[DOC_STANDARD] = "standard",
	[DOC_REGISTRY] = "registry",
	[DOC_RECORDS] = "records",
};

const char *doc_kind_name(enum doc_kind k)
{
	return k >= DOC_SYSTEM && k <= DOC_RECORDS ? kind_names[k] : "unknown";
}

enum doc_kind doc_kind_from_name(const char *s)
{
	for (int k = DOC_SYSTEM; k <= DOC_RECORDS; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return (enum doc_kind)k;
	return DOC_UNKNOWN;
}

bool node_equal(const struct node *a, const struct node *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->n != b->n)
		return false;
	switch (a->kind) {
	case NODE_SCALAR:
		if ((a->flags & NODE_NULL) != (b->flags & NODE_NULL))
			return false;
		return memcmp(a->u.str, b->u.str, a->n) == 0;
	case NODE_MAP:
		/* key order is not part of the model: XML puts attributes before children */
		for (size_t i = 0; i < a->n; i++) {
			const struct node_pair *p = node_get_pair(b, a->u.pairs[i].key->u.str);
			if (!p || !node_equal(a->u.pairs[i].value, p->value))
				return false;
		}
		return true;
	case NODE_SEQ:
		for (size_t i = 0; i < a->n; i++)
			if (!node_equal(a->u.items[i], b->u.items[i]))
				return false;
		return true;
	}
	return false;
}

size_t node_count(const struct node *n)
{
	if (!n)
		return 0;
	size_t c = 1;
	if (n->kind == NODE_MAP)
		for (size_t i = 0; i < n->n; i++)
			c += node_count(n->u.pairs[i].key) + node_count(n->u.pairs[i].value);
	else if (n->kind == NODE_SEQ)
		for (size_t i = 0; i < n->n; i++)
			c += node_count(n->u.items[i]);
	return c;
}
