/* SPDX-License-Identifier: MIT */
/* diag_print_text: findings as `file:line:col: severity: message [code]` lines for people. */
#include "diag.h"
#include "i18n.h"

#include <stdint.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

#define BOLD  "\033[1m"
#define RESET "\033[0m"

/* By enum severity (SEV_OFF: none). */
static const char *const severity_color[] = {
	[SEV_OFF] = "",		  [SEV_NOTE] = "\033[36m",    [SEV_WARNING] = "\033[35m",
	[SEV_ERROR] = "\033[31m", [SEV_FATAL] = "\033[1;31m",
};

/* Document text ends up in messages, and this goes to a terminal: a newline could forge a
 * finding on a line of its own and an escape sequence could rewrite the screen. Control
 * characters (C0, DEL and C1) are therefore shown as escapes; tabs and all other text pass,
 * appended a run at a time. */
static void put_safe(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s);
	size_t i = 0, run = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		size_t k = 1;
		uint32_t cp = c;
		if (c >= 0x80) {
			k = utf8_decode(s + i, len - i, &cp);
			if (!k || !(cp >= 0x80 && cp < 0xA0)) {
				/* other text, and invalid bytes, which the text form passes on */
				i += k ? k : 1;
				continue;
			}
		} else if (c == '\t') {
			i++;
			continue;
		}
		strbuf_add(sb, s + run, i - run);
		if (c == '\n')
			strbuf_adds(sb, "\\n");
		else if (c == '\r')
			strbuf_adds(sb, "\\r");
		else if (c < 0x80)
			strbuf_addf(sb, "\\x%02x", c);
		else
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		i += k;
		run = i;
	}
	strbuf_add(sb, s + run, len - run);
}

/* `file:line:col: `, `file:line: `, `file: ` or `file:sheet!C17: ` (diag_where); "zhun: " when
 * not about a file. */
static void put_location(struct strbuf *sb, const struct diag_store *ds, const char *file,
			 struct loc loc, bool color)
{
	if (color)
		strbuf_adds(sb, BOLD);
	if (!file || !*file) {
		strbuf_adds(sb, "zhun");
	} else {
		struct strbuf w = STRBUF_INIT;
		diag_where(ds, file, loc, &w);
		put_safe(sb, w.buf);
		strbuf_release(&w);
	}
	strbuf_addc(sb, ':');
	if (color)
		strbuf_adds(sb, RESET);
	strbuf_addc(sb, ' ');
}

static void put_severity(struct strbuf *sb, enum severity s, bool color)
{
	if (color)
		strbuf_addf(sb, "%s%s:%s ", severity_color[s], severity_name(s), RESET);
	else
		strbuf_addf(sb, "%s: ", severity_name(s));
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

/* Declared here, registered in diag.c. */
diag_printer_fn diag_print_text;

void diag_print_text(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o)
{
	bool color = o && o->color;
	/* each finding is written with one call: standard error is unbuffered, and a byte at a
	 * time made a finding quoting a megabyte of text cost a million system calls */
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < ds->n; i++) {
		const struct diag *d = &ds->v[i];
		strbuf_reset(&sb);
		put_location(&sb, ds, d->file, d->loc, color);
		put_severity(&sb, d->sev, color);
		put_safe(&sb, d->msg);
		strbuf_addf(&sb, " [%s]\n", diag_info(d->code)->name);
		if (d->help) {
			strbuf_addf(&sb, "  %s", _("help: "));
			put_safe(&sb, d->help);
			strbuf_addc(&sb, '\n');
		}
		if (d->msg2) {
			/* A related location without a file of its own is in the same file. */
			const char *f2 = d->file2 && *d->file2 ? d->file2 : d->file;
			put_location(&sb, ds, f2, d->loc2, color);
			put_severity(&sb, SEV_NOTE, color);
			put_safe(&sb, d->msg2);
			strbuf_addc(&sb, '\n');
		}
		fwrite(sb.buf, 1, sb.len, out);
	}
	strbuf_release(&sb);
	if (o && o->quiet)
		return;
	if (!ds->counts[SEV_NOTE] && !ds->counts[SEV_WARNING] && !ds->counts[SEV_ERROR] &&
	    !ds->counts[SEV_FATAL])
		return;
	bool sep = false;
	sep = add_count(out, sep, ds->counts[SEV_FATAL], N_("%zu fatal error"),
			N_("%zu fatal errors"));
	sep = add_count(out, sep, ds->counts[SEV_ERROR], N_("%zu error"), N_("%zu errors"));
	sep = add_count(out, sep, ds->counts[SEV_WARNING], N_("%zu warning"), N_("%zu warnings"));
	add_count(out, sep, ds->counts[SEV_NOTE], N_("%zu note"), N_("%zu notes"));
	fputc('\n', out);
}
