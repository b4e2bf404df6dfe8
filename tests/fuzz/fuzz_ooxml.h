/* SPDX-License-Identifier: MIT */
/* fuzz_ooxml: what the harnesses of the Office formats (fuzz_docx, fuzz_xlsx) share — their
 * input, unless it is an archive already, cut into the XML parts of a package and packed into a
 * stored zip with the relationships, so that mutations reach the XML readers rather than dying
 * in the archive's checksums. */
#ifndef ZHUN_FUZZ_OOXML_H
#define ZHUN_FUZZ_OOXML_H

#include <stddef.h>
#include <string.h>

#include "strbuf.h"
#include "../unit/zpack.h"

/* A relationships part: FUZZ_RELS(FUZZ_REL("rId1", "officeDocument", "word/document.xml") …). */
#define FUZZ_RELS(rels)                                                                            \
	"<Relationships "                                                                          \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" rels             \
	"</Relationships>"
#define FUZZ_REL(id, type, target)                                                                 \
	"<Relationship Id=\"" id                                                                   \
	"\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"                         \
	"relationships/" type "\" Target=\"" target "\"/>"

enum { FUZZ_OOXML_MAX_PARTS = 8 };

/* Pack into `zip` the `nfixed` parts `fixed` (the relationships), then `in` cut at
 * "\n--8<--\n" into up to `nnames` parts named names[] in order (what follows a cut after
 * the last name is left out); nfixed + nnames is at most FUZZ_OOXML_MAX_PARTS. */
static inline void fuzz_ooxml_pack(const char *in, size_t size, const struct zpack_part *fixed,
				   size_t nfixed, const char *const *names, size_t nnames,
				   struct strbuf *zip)
{
	static const char sep[] = "\n--8<--\n";
	struct zpack_part parts[FUZZ_OOXML_MAX_PARTS];
	size_t n = 0;
	for (; n < nfixed; n++)
		parts[n] = fixed[n];
	const char *p = in, *end = in + size;
	for (size_t i = 0; i < nnames && p <= end; i++) {
		const char *cut = NULL;
		for (const char *q = p; !cut && (size_t)(end - q) >= sizeof sep - 1; q++)
			if (memcmp(q, sep, sizeof sep - 1) == 0)
				cut = q;
		parts[n++] = (struct zpack_part){ names[i], p, (size_t)((cut ? cut : end) - p) };
		if (!cut)
			break;
		p = cut + sizeof sep - 1;
	}
	zpack(parts, n, zip);
}

#endif
