/* SPDX-License-Identifier: MIT */
/* strmap: an open-addressing hash map from byte strings to pointers, for indexing rows,
 * clauses and references by key in linear time. Keys are not copied: they must outlive the map. */
#ifndef ZHUN_STRMAP_H
#define ZHUN_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 24 bytes: the check passes of a 100,000-row system hold a million of them. */
struct strmap_slot {
	const char *key;
	void *value;
	uint32_t len;  /* keys are shorter than 4 GiB (strmap_put exits with status 4 beyond) */
	uint32_t hash; /* the low half of strmap_hash(key) */
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* power of two, or 0 */
	size_t n;
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

#endif
