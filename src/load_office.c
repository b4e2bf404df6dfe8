/* SPDX-License-Identifier: MIT */
/* load_office: a legacy Excel or WPS workbook (.xls, .et, .xlt: an OLE2 compound file)
 * converted to .xlsx through LibreOffice (include/office.h) and read by the input format that
 * reads .xlsx, whichever record of load_formats[] that is. Word and WPS documents take the
 * same converter from load_docx.c. */
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "office.h"
#include "strbuf.h"

bool load_office_sniff(const char *buf, size_t len)
{
	return office_sniff(buf, len) && office_kind(NULL, buf, len) == OFFICE_SHEET;
}

bool load_office_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		       const struct limits *lim)
{
	enum office_kind k = office_kind(d->path, buf, len);
	if (office_sniff(buf, len) && k == OFFICE_WORD)
		return load_docx_parse(d, buf, len, ds, lim);
	if (office_sniff(buf, len) && k != OFFICE_SHEET) {
		diag_add(ds, DIAG_IMPORT_CONVERTER, d->path, (struct loc){ 0, 0 },
			 _("\"%s\" is an Office compound file holding neither a document nor a "
			   "workbook"),
			 d->path);
		return false;
	}
	/* an .xlsx renamed .xls goes straight to its reader */
	struct strbuf conv = STRBUF_INIT;
	if (office_sniff(buf, len)) {
		if (!office_convert(d->path, buf, len, k, &conv, ds, lim)) {
			strbuf_release(&conv);
			return false;
		}
		buf = conv.buf;
		len = conv.len;
	}
	/* the record that reads .xlsx, found by its ending so that this file need not know the
	 * spreadsheet loader; the tree is that format's from here on */
	const struct load_format *f = load_format_for_ext(".xlsx");
	bool ok = f && f->parse(d, buf, len, ds, lim);
	if (ok)
		d->syntax = f->syntax;
	if (!f)
		diag_add(ds, DIAG_INTERNAL, d->path, (struct loc){ 0, 0 },
			 _("no loader for syntax %d"), 0);
	strbuf_release(&conv);
	return ok;
}
