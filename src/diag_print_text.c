/* SPDX-License-Identifier: MIT */
/* diag_print_text: findings as `file:line:col: severity: message [code]` lines for people. */
#include "diag.h"
#include "i18n.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *severity_color(enum severity s)
{
	switch (s) {
	case SEV_NOTE:
		return "\033[36m";
	case SEV_WARNING:
		return "\033[35m";
	case SEV_ERROR:
		return "\033[31m";
	case SEV_FATAL:
		return "\033[1;31m";
	case SEV_OFF:
		break;
	}
	return "";
}

/* Document text ends up in messages, and this goes to a terminal: a newline could forge a
 * finding on a line of its own and an escape sequence could rewrite the screen. Control
 * characters (C0, DEL and C1) are therefore shown as escapes; tabs and all other text pass. */
static void put_safe(FILE *out, const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			fputs("\\n", out);
			i++;
		} else if (c == '\r') {
			fputs("\\r", out);
			i++;
		} else if ((c < 0x20 && c != '\t') || c == 0x7F) {
			fprintf(out, "\\x%02x", c);
			i++;
		} else if (c < 0x80) {
			fputc(c, out);
			i++;
		} else {
			uint32_t cp;
			size_t k = utf8_decode(s + i, len - i, &cp);
			if (!k) {
				/* Invalid bytes are passed on: the text form promises nothing more. */
				fputc(c, out);
				i++;
			} else if (cp >= 0x80 && cp < 0xA0) {
				fprintf(out, "\\u%04x", (unsigned)cp);
				i += k;
			} else {
				fwrite(s + i, 1, k, out);
				i += k;
			}
		}
	}
}

/* `file:line:col: `, `file:line: ` or `file: `; "zhun: " when not about a file. */
static void put_location(FILE *out, const char *file, struct loc loc, bool color)
{
	if (color)
		fputs(BOLD, out);
	if (!file || !*file)
		fputs("zhun", out);
	else
		put_safe(out, file);
	if (file && *file && loc.line) {
		fprintf(out, ":%u", (unsigned)loc.line);
		if (loc.col)
			fprintf(out, ":%u", (unsigned)loc.col);
	}
	fputc(':', out);
	if (color)
		fputs(RESET, out);
	fputc(' ', out);
}

static void put_severity(FILE *out, enum severity s, bool color)
{
	if (color)
		fprintf(out, "%s%s:%s ", severity_color(s), severity_name(s), RESET);
	else
		fprintf(out, "%s: ", severity_name(s));
}

static bool add_count(FILE *out, bool sep, size_t n, const char *one, const char *many)
{
	if (!n)
		return sep;
	if (sep)
		fputs(_(", "), out);
	fprintf(out, ngettext(one, many, n), n);
	return true;
}

void diag_print_text(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o)
{
	bool color = o && o->color;
	for (size_t i = 0; i < ds->n; i++) {
		const struct diag *d = &ds->v[i];
		put_location(out, d->file, d->loc, color);
		put_severity(out, d->sev, color);
		put_safe(out, d->msg);
		fprintf(out, " [%s]\n", diag_info(d->code)->name);
		if (d->help) {
			fprintf(out, "  %s", _("help: "));
			put_safe(out, d->help);
			fputc('\n', out);
		}
		if (d->msg2) {
			/* A related location without a file of its own is in the same file. */
			const char *f2 = d->file2 && *d->file2 ? d->file2 : d->file;
			put_location(out, f2, d->loc2, color);
			put_severity(out, SEV_NOTE, color);
			put_safe(out, d->msg2);
			fputc('\n', out);
		}
	}
	if (o && o->quiet)
		return;
	if (!ds->counts[SEV_NOTE] && !ds->counts[SEV_WARNING] && !ds->counts[SEV_ERROR] &&
	    !ds->counts[SEV_FATAL])
		return;
	bool sep = false;
	sep = add_count(out, sep, ds->counts[SEV_FATAL], N_("%zu fatal error"), N_("%zu fatal errors"));
	sep = add_count(out, sep, ds->counts[SEV_ERROR], N_("%zu error"), N_("%zu errors"));
	sep = add_count(out, sep, ds->counts[SEV_WARNING], N_("%zu warning"), N_("%zu warnings"));
	add_count(out, sep, ds->counts[SEV_NOTE], N_("%zu note"), N_("%zu notes"));
	fputc('\n', out);
}
