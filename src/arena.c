/* SPDX-License-Identifier: MIT */
/* arena: a chain of blocks; large requests get a block of their own. */
#define _GNU_SOURCE /* mremap: a growing array moves its pages instead of copying them */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

struct block {
	struct block *next;
	size_t size, used;
	bool mapped; /* from mmap (a large tree), not malloc */
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct block *head;
	struct block *strs;  /* strings, packed byte by byte: half the size of 16-aligned copies */
	struct block *tree;  /* arena_alloc_tree: freed early by arena_clear_tree */
	struct block *grown; /* arena_grow: one mapped array each */
	size_t total, tree_total;
};

enum { BLOCK_SIZE = 64 * 1024 };

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

static void free_chain(struct block *b)
{
	for (struct block *n; b; b = n) {
		n = b->next;
		free(b);
	}
}

/* Nodes and their arrays hold pointers and 32-bit numbers only: 8-byte alignment keeps a
 * 24-byte node at 24 bytes, where arena_alloc's 16 would make it 32. Past its first megabyte a
 * tree's blocks are mapped from the system rather than taken from malloc: freed, malloc's pages
 * stay in the process for its next requests (and the check passes' large tables are mapped
 * anyway), so a large tree's memory would never leave the peak. A small tree stays with malloc,
 * whose pages the next document reuses where fresh mapped ones would fault in again. */
enum { TREE_BLOCK_SIZE = 1024 * 1024, TREE_HEAP_MAX = 1024 * 1024 };

static struct block *heap_block(size_t size)
{
	struct block *b = xmalloc(sizeof *b + size);
	b->size = size;
	b->used = 0;
	b->mapped = false;
	return b;
}

static struct block *tree_block(const struct arena *a, size_t size)
{
	if (a->tree_total + size <= TREE_HEAP_MAX)
		return heap_block(size > BLOCK_SIZE ? size : BLOCK_SIZE);
	size = size > TREE_BLOCK_SIZE ? size : TREE_BLOCK_SIZE;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = (sizeof(struct block) + size + page - 1) / page * page;
	void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		xalloc_fail(len);
	struct block *b = m;
	b->size = len - sizeof *b;
	b->used = 0;
	b->mapped = true;
	return b;
}

/* Put a new block `nb` for a request of `n` bytes on a chain and return it. */
static struct block *add_block(struct block **chain, struct block *nb, size_t n)
{
	struct block *b = *chain;
	if (nb->size == n && b) {
		/* a big one-off: keep the current block as the head for small requests */
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		*chain = nb;
	}
	return nb;
}

static void free_block(struct block *b)
{
	if (b->mapped)
		munmap(b, sizeof *b + b->size);
	else
		free(b);
}

static void free_tree_chain(struct block *b)
{
	for (struct block *n; b; b = n) {
		n = b->next;
		free_block(b);
	}
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	free_chain(a->head);
	free_chain(a->strs);
	free_tree_chain(a->tree);
	free_tree_chain(a->grown);
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct block *b = a->head;
	if (!b || b->size - b->used < n)
		b = add_block(&a->head, heap_block(n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE), n);
	void *p = b->data + b->used;
	b->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

void *arena_alloc_tree(struct arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	struct block *b = a->tree;
	if (!b || b->size - b->used < n)
		b = add_block(&a->tree, tree_block(a, n), n);
	void *p = b->data + b->used;
	b->used += n;
	a->total += n;
	a->tree_total += n;
	if (!b->mapped) /* mapped pages come zeroed */
		memset(p, 0, n);
	return p;
}

void arena_clear_tree(struct arena *a)
{
	free_tree_chain(a->tree);
	a->tree = NULL;
	a->total -= a->tree_total;
	a->tree_total = 0;
}

struct arena_mark arena_mark_tree(const struct arena *a)
{
	const struct block *b = a->tree;
	return (struct arena_mark){ b, b ? b->next : NULL, b ? b->used : 0, a->tree_total };
}

void arena_rewind_tree(struct arena *a, const struct arena_mark *m)
{
	struct block *head = (struct block *)m->block;
	/* the blocks that became the head since, with the one-offs put behind them */
	while (a->tree != head) {
		struct block *n = a->tree->next;
		free_block(a->tree);
		a->tree = n;
	}
	if (head) {
		/* one-offs put behind the marked head itself (add_block) */
		while (head->next != m->next) {
			struct block *n = head->next->next;
			free_block(head->next);
			head->next = n;
		}
		/* arena_alloc_tree counts on a mapped block's fresh pages being zero */
		if (head->mapped)
			memset(head->data + m->used, 0, head->used - m->used);
		head->used = m->used;
	}
	a->total -= a->tree_total - m->tree_total;
	a->tree_total = m->tree_total;
}

void *arena_grow(struct arena *a, void *p, size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	if (n > SIZE_MAX - sizeof(struct block) - page)
		xalloc_fail(n);
	size_t len = (sizeof(struct block) + (n ? n : 1) + page - 1) / page * page;
	struct block **at = &a->grown;
	while (p && *at && (void *)(*at)->data != p)
		at = &(*at)->next;
	struct block *b = p ? *at : NULL;
	if (p && !b)
		xalloc_fail(n); /* not an array of this arena: a caller's error, status 4 */
	size_t had = b ? b->used : 0;
	if (b && sizeof *b + b->size < len) {
		void *m;
#ifdef MREMAP_MAYMOVE
		m = mremap(b, sizeof *b + b->size, len, MREMAP_MAYMOVE);
#else
		m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m != MAP_FAILED) {
			memcpy(m, b, sizeof *b + b->used);
			munmap(b, sizeof *b + b->size);
		}
#endif
		if (m == MAP_FAILED)
			xalloc_fail(len);
		b = m;
		b->size = len - sizeof *b;
		*at = b;
	} else if (!b) {
		void *m =
		    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			xalloc_fail(len);
		b = m;
		b->size = len - sizeof *b;
		b->mapped = true;
		b->next = a->grown;
		a->grown = b;
	}
	/* pages beyond `used` were never written: mapped memory comes zeroed */
	if (n > had) {
		b->used = n;
		a->total += n - had;
	}
	return b->data;
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
			b = heap_block(BLOCK_SIZE);
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
	r->v = xmalloc((count_used(a->head) + count_used(a->strs) + count_used(a->tree) +
			count_used(a->grown) + 1) *
		       sizeof *r->v);
	r->n = 0;
	add_ranges(r, a->head);
	add_ranges(r, a->strs);
	add_ranges(r, a->tree);
	add_ranges(r, a->grown);
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
