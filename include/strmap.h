/* SPDX-License-Identifier: MIT */
/* strmap: a hash map from byte strings to pointers that keeps the order of insertion, for
 * indexing rows, clauses and references by key in linear time. Keys are not copied: they must
 * outlive the map. */
#ifndef ZHUN_STRMAP_H
#define ZHUN_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One entry, 24 bytes: the check passes of a 100,000-row system hold several hundred thousand. */
struct strmap_slot {
	const char *key;
	void *value;
	uint32_t len;  /* keys are shorter than 4 GiB (strmap_put exits with status 4 beyond) */
	uint32_t hash; /* the low half of strmap_hash(key) */
};

/* The entries sit in `slots` in the order they were first put: slots[0..n) hold them and
 * slots[n..cap) are zero, so `for (i = 0; i < cap; i++) if (slots[i].key)` visits each once,
 * oldest first. The hash table is `index`, 4 bytes a position at most half full: the number of
 * an entry plus one, 0 where empty. A map holds fewer than 2^32 - 1 entries (strmap_put exits
 * with status 4 beyond). */
struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* entries allocated */
	size_t n;
	uint32_t *index;
	size_t icap; /* positions in index: a power of two, or 0 */
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* FNV-1a 64 of the bytes; stable across runs and platforms. */
uint64_t strmap_hash(const char *s, size_t len);
/* Value for the key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
void *strmap_getn(const struct strmap *m, const char *key, size_t len);
/* Insert or replace; returns the previous value or NULL. */
void *strmap_put(struct strmap *m, const char *key, void *value);
void *strmap_putn(struct strmap *m, const char *key, size_t len, void *value);
/* Insert only when absent; returns the value now stored (the old one if present). */
void *strmap_put_new(struct strmap *m, const char *key, void *value);
/* Make room for `n` entries in all, so that a map whose final size is known grows once. */
void strmap_reserve(struct strmap *m, size_t n);

#endif
