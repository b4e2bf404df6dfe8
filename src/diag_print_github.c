/* SPDX-License-Identifier: MIT */
/* diag_print_github: findings as GitHub Actions workflow commands, so they show as annotations. */
#include "diag.h"
#include "strbuf.h"

#include <string.h>

/* Workflow commands are recognised at the start of any line of the job log, so everything from
 * the document must stay on the command's own line: the runner's escapes turn CR and LF into
 * %0D/%0A (shown as line breaks in the annotation), and % is escaped first so that literal
 * "%0A" in the text is not decoded into one. Property values also escape the ':' and ','
 * that delimit them. With no raw line break left, a message can never begin a new command. */
static void put_escaped(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

/* Declared here, registered in diag.c. */
diag_printer_fn diag_print_github;

void diag_print_github(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o)
{
	(void)o;
	for (size_t i = 0; i < ds->n; i++) {
		const struct diag *d = &ds->v[i];
		fprintf(out, "::%s ", severity_level(d->sev, "notice"));
		if (*d->file) {
			fputs("file=", out);
			put_escaped(out, d->file, true);
			if (d->loc.line) {
				fprintf(out, ",line=%u", (unsigned)d->loc.line);
				if (d->loc.col)
					fprintf(out, ",col=%u", (unsigned)d->loc.col);
			}
			fputc(',', out);
		}
		fputs("title=", out);
		put_escaped(out, diag_info(d->code)->name, true);
		/* the annotation's line and col are a workbook's row and column: name the cell */
		if (d->sheet && d->loc.line) {
			struct strbuf cell = STRBUF_INIT;
			strbuf_addf(&cell, " %s!", d->sheet);
			diag_cell_ref(d->loc, &cell);
			put_escaped(out, cell.buf, true);
			strbuf_release(&cell);
		}
		fputs("::", out);
		put_escaped(out, d->msg, false);
		/* The annotation is all a reader sees on GitHub: carry help and the related
		 * location too. */
		if (d->help) {
			fputs("%0Ahelp: ", out);
			put_escaped(out, d->help, false);
		}
		if (d->msg2) {
			const char *f2 = d->file2 && *d->file2 ? d->file2 : d->file;
			fputs("%0A", out);
			put_escaped(out, *f2 ? f2 : "zhun", false);
			if (*f2 && d->loc2.line) {
				fprintf(out, ":%u", (unsigned)d->loc2.line);
				if (d->loc2.col)
					fprintf(out, ":%u", (unsigned)d->loc2.col);
			}
			fputs(": note: ", out);
			put_escaped(out, d->msg2, false);
		}
		fputc('\n', out);
	}
}
