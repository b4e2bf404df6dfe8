/* SPDX-License-Identifier: MIT */
/* arena: a chain of blocks; large requests get a block of their own. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct block *head;
	struct block *strs; /* strings, packed byte by byte: half the size of 16-aligned copies */
	size_t total;
};

enum { BLOCK_SIZE = 64 * 1024 };

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	for (struct block *b = a->strs, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		struct block *nb = xmalloc(sizeof *nb + size);
		nb->size = size;
		nb->used = 0;
		if (size == n && b) {
			/* a big one-off: keep the current block as the head for small requests */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

/* Strings need neither alignment nor zeroing: a loaded document is mostly short scalars, and
 * rounding each to 16 bytes and clearing it first cost a fifth of the tree's memory. */
char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;
	struct block *b = a->strs;
	if (n + 1 > BLOCK_SIZE / 4) {
		p = arena_alloc(a, n + 1);
	} else {
		if (!b || b->size - b->used < n + 1) {
			b = xmalloc(sizeof *b + BLOCK_SIZE);
			b->size = BLOCK_SIZE;
			b->used = 0;
			b->next = a->strs;
			a->strs = b;
		}
		p = (char *)b->data + b->used;
		b->used += n + 1;
		a->total += n + 1;
	}
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(struct arena *a, const void *p, size_t n, size_t size)
{
	if (!n)
		return NULL;
	void *q = arena_alloc(a, n * size);
	memcpy(q, p, n * size);
	return q;
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}

static size_t count_used(const struct block *b)
{
	size_t n = 0;
	for (; b; b = b->next)
		n += b->used != 0;
	return n;
}

static void add_ranges(struct arena_ranges *r, const struct block *b)
{
	for (; b; b = b->next)
		if (b->used)
			r->v[r->n++] = (struct arena_range){ (uintptr_t)b->data,
							     (uintptr_t)b->data + b->used };
}

static int by_lo(const void *a, const void *b)
{
	uintptr_t x = ((const struct arena_range *)a)->lo, y = ((const struct arena_range *)b)->lo;
	return x < y ? -1 : x > y;
}

void arena_ranges_init(struct arena_ranges *r, const struct arena *a)
{
	r->v = xmalloc((count_used(a->head) + count_used(a->strs) + 1) * sizeof *r->v);
	r->n = 0;
	add_ranges(r, a->head);
	add_ranges(r, a->strs);
	if (r->n > 1)
		qsort(r->v, r->n, sizeof *r->v, by_lo);
}

void arena_ranges_release(struct arena_ranges *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

const struct arena_range *arena_ranges_find(const struct arena_ranges *r, const void *p, size_t n)
{
	uintptr_t at = (uintptr_t)p;
	size_t lo = 0, hi = r->n;
	/* the last range starting at or before p is the only one that can hold it: blocks are
	 * separate allocations and never overlap */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->v[mid].lo <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	const struct arena_range *g = &r->v[lo - 1];
	return at < g->hi && n <= g->hi - at ? g : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	char *out = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}
