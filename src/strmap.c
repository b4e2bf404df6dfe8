/* SPDX-License-Identifier: MIT */
/* strmap: entries in insertion order, found through a linear-probing index of entry numbers
 * (load factor ≤ 1/2), FNV-1a hashes. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
	m->index = NULL;
	m->icap = 0;
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	free(m->index);
	strmap_init(m);
}

uint64_t strmap_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The index position that holds the key, or the empty one where it would go. The entries keep
 * their hash, so most probes that miss never read the key. */
static uint32_t *find(const struct strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t mask = m->icap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		uint32_t *at = &m->index[i];
		if (!*at)
			return at;
		const struct strmap_slot *s = &m->slots[*at - 1];
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return at;
	}
}

/* An index of `icap` positions for the entries there are; the keys are not read again. */
static void reindex(struct strmap *m, size_t icap)
{
	free(m->index);
	m->index = xcalloc(icap, sizeof *m->index);
	m->icap = icap;
	size_t mask = icap - 1;
	for (size_t k = 0; k < m->n; k++) {
		size_t i = (size_t)m->slots[k].hash & mask;
		while (m->index[i])
			i = (i + 1) & mask;
		m->index[i] = (uint32_t)(k + 1);
	}
}

/* Entries for `cap` in all, the new ones zero (the iteration contract in strmap.h). */
static void grow_entries(struct strmap *m, size_t cap)
{
	if (cap >= UINT32_MAX)
		xalloc_fail(cap);
	m->slots = xrealloc(m->slots, cap * sizeof *m->slots);
	memset(m->slots + m->cap, 0, (cap - m->cap) * sizeof *m->slots);
	m->cap = cap;
}

void strmap_reserve(struct strmap *m, size_t n)
{
	if (n > m->cap)
		grow_entries(m, n);
	size_t icap = m->icap ? m->icap : 16;
	while (n * 2 > icap)
		icap *= 2;
	if (icap != m->icap)
		reindex(m, icap);
}

void *strmap_getn(const struct strmap *m, const char *key, size_t len)
{
	if (!m->n)
		return NULL;
	uint32_t *at = find(m, key, len, (uint32_t)strmap_hash(key, len));
	return *at ? m->slots[*at - 1].value : NULL;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	return strmap_getn(m, key, strlen(key));
}

static void *put(struct strmap *m, const char *key, size_t len, void *value, bool replace)
{
	if ((m->n + 1) * 2 > m->icap)
		reindex(m, m->icap ? m->icap * 2 : 16);
	if (len > UINT32_MAX)
		xalloc_fail(len);
	uint32_t h = (uint32_t)strmap_hash(key, len);
	uint32_t *at = find(m, key, len, h);
	if (*at) {
		struct strmap_slot *s = &m->slots[*at - 1];
		void *prev = s->value;
		if (replace)
			s->value = value;
		return prev;
	}
	if (m->n == m->cap)
		grow_entries(m, m->cap ? m->cap * 2 : 8);
	m->slots[m->n] = (struct strmap_slot){ key, value, (uint32_t)len, h };
	*at = (uint32_t)++m->n;
	return replace ? NULL : value;
}

void *strmap_putn(struct strmap *m, const char *key, size_t len, void *value)
{
	return put(m, key, len, value, true);
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	return put(m, key, strlen(key), value, true);
}

void *strmap_put_new(struct strmap *m, const char *key, void *value)
{
	return put(m, key, strlen(key), value, false);
}
