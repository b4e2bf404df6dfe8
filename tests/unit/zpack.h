/* SPDX-License-Identifier: MIT */
/* zpack: a stored (uncompressed) zip archive written in memory, for the unit tests and the
 * xlsx fuzz harness, which must make archives without a zip library of their own. */
#ifndef ZHUN_TEST_ZPACK_H
#define ZHUN_TEST_ZPACK_H

#include <stdint.h>
#include <string.h>

#include "strbuf.h"

static inline uint32_t zpack_crc32(const char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= (unsigned char)p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static inline void zpack_le16(struct strbuf *sb, unsigned v)
{
	char b[2] = { (char)(v & 0xFF), (char)(v >> 8 & 0xFF) };
	strbuf_add(sb, b, 2);
}

static inline void zpack_le32(struct strbuf *sb, uint32_t v)
{
	zpack_le16(sb, v & 0xFFFF);
	zpack_le16(sb, v >> 16);
}

struct zpack_part {
	const char *name;
	const char *data;
	size_t len;
};

/* A stored zip of the parts (names and offsets as any zip writer lays them out). */
static inline void zpack(const struct zpack_part *parts, size_t n, struct strbuf *out)
{
	struct strbuf cd = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		uint32_t off = (uint32_t)out->len, crc = zpack_crc32(parts[i].data, parts[i].len);
		size_t nl = strlen(parts[i].name);
		for (int central = 0; central < 2; central++) {
			struct strbuf *sb = central ? &cd : out;
			zpack_le32(sb, central ? 0x02014B50u : 0x04034B50u);
			if (central)
				zpack_le16(sb, 20);
			zpack_le16(sb, 20);
			zpack_le16(sb, 0);
			zpack_le16(sb, 0); /* stored */
			zpack_le16(sb, 0);
			zpack_le16(sb, 0x21);
			zpack_le32(sb, crc);
			zpack_le32(sb, (uint32_t)parts[i].len);
			zpack_le32(sb, (uint32_t)parts[i].len);
			zpack_le16(sb, (unsigned)nl);
			zpack_le16(sb, 0);
			if (central) {
				zpack_le16(sb, 0);
				zpack_le16(sb, 0);
				zpack_le16(sb, 0);
				zpack_le32(sb, 0);
				zpack_le32(sb, off);
			}
			strbuf_add(sb, parts[i].name, nl);
			if (!central)
				strbuf_add(sb, parts[i].data, parts[i].len);
		}
	}
	uint32_t cd_off = (uint32_t)out->len;
	strbuf_add(out, cd.buf, cd.len);
	zpack_le32(out, 0x06054B50u);
	zpack_le16(out, 0);
	zpack_le16(out, 0);
	zpack_le16(out, (unsigned)n);
	zpack_le16(out, (unsigned)n);
	zpack_le32(out, (uint32_t)cd.len);
	zpack_le32(out, cd_off);
	zpack_le16(out, 0);
	strbuf_release(&cd);
}

#endif
