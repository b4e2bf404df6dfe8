/* SPDX-License-Identifier: MIT */
/* strmap: linear probing, load factor ≤ 1/2, FNV-1a hashes. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->n = 0;
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
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

static struct strmap_slot *find(const struct strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

static void rehash(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16;
	struct strmap_slot *old = m->slots;
	size_t ocap = m->cap;
	m->slots = xcalloc(ncap, sizeof *m->slots);
	m->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void *strmap_getn(const struct strmap *m, const char *key, size_t len)
{
	if (!m->n)
		return NULL;
	struct strmap_slot *s = find(m, key, len, (uint32_t)strmap_hash(key, len));
	return s->key ? s->value : NULL;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	return strmap_getn(m, key, strlen(key));
}

static void *put(struct strmap *m, const char *key, size_t len, void *value, bool replace)
{
	if ((m->n + 1) * 2 > m->cap)
		rehash(m);
	if (len > UINT32_MAX)
		xalloc_fail(len);
	uint32_t h = (uint32_t)strmap_hash(key, len);
	struct strmap_slot *s = find(m, key, len, h);
	if (s->key) {
		void *prev = s->value;
		if (replace)
			s->value = value;
		return prev;
	}
	s->key = key;
	s->len = (uint32_t)len;
	s->hash = h;
	s->value = value;
	m->n++;
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
