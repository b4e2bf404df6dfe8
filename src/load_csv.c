/* SPDX-License-Identifier: MIT */
/* load_csv: the input format of CSV and TSV files (UTF-8 with or without BOM, GB18030, UTF-16
 * with BOM; sheet_csv_read finds which) mapped to a system or registry tree by
 * import_sheet_build, positions line:col. */
#include "import.h"
#include "load.h"
#include "sheet.h"

bool load_csv_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		    const struct limits *lim)
{
	struct sheet_book *b = sheet_csv_read(d->path, buf, len, NULL, ds, lim);
	if (!b)
		return false;
	bool ok = import_sheet_build(d, b, import_options, ds, lim);
	sheet_book_free(b);
	return ok;
}
