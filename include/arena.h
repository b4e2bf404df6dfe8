/* SPDX-License-Identifier: MIT */
/* arena: bump allocation for everything that lives as long as one loaded document. Nothing is
 * freed one by one; arena_free() releases all of it. */
#ifndef ZHUN_ARENA_H
#define ZHUN_ARENA_H

#include <stddef.h>

struct arena;

/* New empty arena; free with arena_free(). Never returns NULL. */
struct arena *arena_new(void);
void arena_free(struct arena *a);
/* `n` zeroed bytes aligned for any type; owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
/* Copy `n` bytes plus a terminating NUL into the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Copy an array of `n` elements of `size` bytes (NULL when n is 0). */
void *arena_memdup(struct arena *a, const void *p, size_t n, size_t size);
/* Bytes handed out so far (for limits and benchmarks). */
size_t arena_used(const struct arena *a);

#endif
