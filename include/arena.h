/* SPDX-License-Identifier: MIT */
/* arena: bump allocation for everything that lives as long as one loaded document. Nothing is
 * freed one by one; arena_free() releases all of it. */
#ifndef ZHUN_ARENA_H
#define ZHUN_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* New empty arena; free with arena_free(). Never returns NULL. */
struct arena *arena_new(void);
void arena_free(struct arena *a);
/* `n` zeroed bytes aligned for any type; owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
/* `n` zeroed bytes aligned to 8 (enough for pointers, sizes and 32-bit numbers, not for long
 * double) in the arena's tree part, which arena_clear_tree frees before the rest: the generic
 * tree of a document (node.h) lives there, and what is built from it (the typed model, the
 * strings) does not. */
void *arena_alloc_tree(struct arena *a, size_t n);
/* Free everything arena_alloc_tree handed out; the rest of the arena stays. Pointers into the
 * tree part dangle afterwards. */
void arena_clear_tree(struct arena *a);
/* A place in the tree part to come back to: everything arena_alloc_tree hands out after
 * arena_mark_tree is freed again by arena_rewind_tree, the rest of the arena is untouched. A
 * loader that hands a finished record to its consumer (load.h, struct load_sink) so frees the
 * record's nodes before reading the next one. */
struct arena_mark {
	const void *block, *next; /* the tree's head block then and the block after it */
	size_t used, tree_total;
};
struct arena_mark arena_mark_tree(const struct arena *a);
/* Free what the tree part handed out since `m` (taken from the same arena, with no
 * arena_clear_tree or earlier rewind past it in between); pointers into it dangle afterwards. */
void arena_rewind_tree(struct arena *a, const struct arena_mark *m);
/* An array owned by the arena that may still grow: `p` NULL or the last result for this array,
 * `n` its new size in bytes (not smaller than before). Returns the array, moved or not, with
 * its old contents and the new bytes zeroed. The memory is mapped from the system, so that
 * growing moves pages rather than copying them, and untouched capacity costs nothing. Exits
 * (status 4) when memory runs out. */
void *arena_grow(struct arena *a, void *p, size_t n);
/* Copy `n` bytes plus a terminating NUL into the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* A printf-formatted string in the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copy an array of `n` elements of `size` bytes (NULL when n is 0). */
void *arena_memdup(struct arena *a, const void *p, size_t n, size_t size);
/* Bytes handed out so far (for limits and benchmarks). */
size_t arena_used(const struct arena *a);

/* The memory an arena has handed out, as address ranges sorted for lookup: what a self-check
 * (model_check) asks about every pointer of a document. Valid until the arena allocates again
 * or is freed. */
struct arena_range {
	uintptr_t lo, hi; /* [lo, hi): the used part of one block */
};
struct arena_ranges {
	struct arena_range *v;
	size_t n;
};
void arena_ranges_init(struct arena_ranges *r, const struct arena *a);
void arena_ranges_release(struct arena_ranges *r);
/* The range that holds all `n` bytes at `p`, or NULL when the arena did not hand them out.
 * Logarithmic in the number of blocks. */
const struct arena_range *arena_ranges_find(const struct arena_ranges *r, const void *p, size_t n);

#endif
