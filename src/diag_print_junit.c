/* SPDX-License-Identifier: MIT */
/* diag_print_junit: findings as JUnit XML, one test case per examined file, for CI test views. */
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* XML 1.0 escaping. Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE,
 * U+FFFF) cannot even be written as references, so they are dropped; invalid UTF-8 becomes
 * U+FFFD so that the file always parses. In attributes, tab and line ends are written as
 * references because attribute-value normalisation would otherwise turn them into spaces. */
static void put_xml(FILE *out, const char *s, bool attr)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			switch (c) {
			case '&':
				fputs("&amp;", out);
				break;
			case '<':
				fputs("&lt;", out);
				break;
			case '>':
				fputs("&gt;", out);
				break;
			case '"':
				fputs(attr ? "&quot;" : "\"", out);
				break;
			case '\t':
				fputs(attr ? "&#9;" : "\t", out);
				break;
			case '\n':
				fputs(attr ? "&#10;" : "\n", out);
				break;
			case '\r':
				/* Even in text a raw CR would be read back as LF. */
				fputs("&#13;", out);
				break;
			default:
				if (c >= 0x20)
					fputc(c, out);
			}
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			fputs("\xEF\xBF\xBD", out);
			i++;
			continue;
		}
		if (cp != 0xFFFE && cp != 0xFFFF)
			fwrite(s + i, 1, k, out);
		i += k;
	}
}

static void put_count(FILE *out, bool *sep, size_t n, const char *one, const char *many)
{
	if (!n)
		return;
	fprintf(out, "%s%zu %s", *sep ? ", " : "", n, n == 1 ? one : many);
	*sep = true;
}

/* The run of findings about `file` (ds->v is sorted by file name): [*lo, *hi). */
static void file_range(const struct diag_store *ds, const char *file, size_t *lo, size_t *hi)
{
	size_t a = 0, b = ds->n;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (strcmp(ds->v[m].file, file) < 0)
			a = m + 1;
		else
			b = m;
	}
	size_t e = a;
	while (e < ds->n && strcmp(ds->v[e].file, file) == 0)
		e++;
	*lo = a;
	*hi = e;
}

/* The findings of one test case in text form, exactly as the text printer writes them. The
 * caller frees the result. */
static char *findings_text(const struct diag_store *ds, size_t lo, size_t hi)
{
	struct diag_store view = *ds;
	view.v = ds->v + lo;
	view.n = hi - lo;
	struct diag_print_opts plain = { false, true, NULL, SEV_OFF };
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem) {
		/* Only on exhaustion: a case without details is better than no report. */
		return NULL;
	}
	diag_print(&view, DIAG_PRINTER_TEXT, mem, &plain);
	fclose(mem);
	return buf;
}

struct junit_case {
	const char *name;
	size_t lo, hi;
	size_t counts[SEV_FATAL + 1];
};

static void print_case(FILE *out, const struct diag_store *ds, const struct junit_case *c,
		       const char *command)
{
	fputs("    <testcase classname=\"", out);
	put_xml(out, command, true);
	fputs("\" name=\"", out);
	put_xml(out, c->name, true);
	fputs("\"", out);
	if (c->lo == c->hi) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n", out);
	char *text = findings_text(ds, c->lo, c->hi);
	const char *elem = c->counts[SEV_FATAL] ? "error" : c->counts[SEV_ERROR] ? "failure" : NULL;
	if (elem) {
		fprintf(out, "      <%s message=\"", elem);
		bool sep = false;
		put_count(out, &sep, c->counts[SEV_FATAL], "fatal error", "fatal errors");
		put_count(out, &sep, c->counts[SEV_ERROR], "error", "errors");
		put_count(out, &sep, c->counts[SEV_WARNING], "warning", "warnings");
		put_count(out, &sep, c->counts[SEV_NOTE], "note", "notes");
		fprintf(out, "\" type=\"%s\">", c->counts[SEV_FATAL] ? "fatal" : "error");
		put_xml(out, text ? text : "", false);
		fprintf(out, "</%s>\n", elem);
	} else {
		/* Warnings and notes do not fail the case, but must not vanish either. */
		fputs("      <system-out>", out);
		put_xml(out, text ? text : "", false);
		fputs("</system-out>\n", out);
	}
	free(text);
	fputs("    </testcase>\n", out);
}

/* Declared here, registered in diag.c. */
diag_printer_fn diag_print_junit;

void diag_print_junit(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o)
{
	const char *command = o && o->tool_command ? o->tool_command : "zhun";
	/* Findings not about any file (file "") sort first and get a case of their own. */
	size_t extra = ds->n && !*ds->v[0].file ? 1 : 0;
	size_t ncases = ds->nfiles + extra;
	struct junit_case *cases = xcalloc(ncases, sizeof *cases);
	size_t failures = 0, errors = 0;
	for (size_t k = 0; k < ncases; k++) {
		struct junit_case *c = &cases[k];
		c->name = extra && k == 0 ? "zhun" : ds->files[k - extra];
		file_range(ds, extra && k == 0 ? "" : c->name, &c->lo, &c->hi);
		for (size_t i = c->lo; i < c->hi; i++)
			c->counts[ds->v[i].sev]++;
		if (c->counts[SEV_FATAL])
			errors++;
		else if (c->counts[SEV_ERROR])
			failures++;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", ncases, failures,
		errors);
	fputs("  <testsuite name=\"zhun", out);
	if (o && o->tool_command) {
		fputc(' ', out);
		put_xml(out, o->tool_command, true);
	}
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", ncases, failures, errors);
	for (size_t k = 0; k < ncases; k++)
		print_case(out, ds, &cases[k], command);
	fputs("  </testsuite>\n</testsuites>\n", out);
	free(cases);
}
