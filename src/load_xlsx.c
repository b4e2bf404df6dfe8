/* SPDX-License-Identifier: MIT */
/* load_xlsx: the input format of Excel workbooks — the book read under the archive limits
 * (sheet_xlsx_read) and mapped to a system or registry tree by import_sheet_build. */
#include <string.h>

#include "import.h"
#include "load.h"
#include "sheet.h"

bool load_xlsx_sniff(const char *buf, size_t len)
{
	/* a zip whose members include the workbook part: a .docx is a zip too */
	static const char part[] = "xl/workbook.xml";
	if (len < 4 || memcmp(buf, "PK\x03\x04", 4))
		return false;
	for (const char *p = buf, *end = buf + len; (size_t)(end - p) >= sizeof part - 1; p++) {
		p = memchr(p, 'x', (size_t)(end - p) - (sizeof part - 2));
		if (!p)
			return false;
		if (!memcmp(p, part, sizeof part - 1))
			return true;
	}
	return false;
}

bool load_xlsx_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		     const struct limits *lim)
{
	const struct import_opts *o = import_options;
	struct sheet_read_opts ro = { o ? o->sheet : NULL, 0 };
	struct sheet_book *b = sheet_xlsx_read(d->path, buf, len, &ro, ds, lim);
	if (!b)
		return false;
	bool ok = import_sheet_build(d, b, o, ds, lim);
	sheet_book_free(b);
	return ok;
}
