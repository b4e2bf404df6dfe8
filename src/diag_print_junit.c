/* SPDX-License-Identifier: MIT */
/* diag_print_junit: findings as JUnit XML, one test case per examined file, for CI test views. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "strbuf.h"
#include "xalloc.h"

/* What XML 1.0 forbids cannot even be written as a reference, so it is dropped (markup.h); in
 * attributes tab and line ends are references. */
static void put_xml(FILE *out, const char *s, bool attr)
{
	struct strbuf sb;
	strbuf_init(&sb);
	markup_escape(&sb, s, strlen(s), attr ? MARKUP_ATTR : 0);
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
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
	fprintf(out, "<testsuites tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", ncases,
		failures, errors);
	fputs("  <testsuite name=\"zhun", out);
	if (o && o->tool_command) {
		fputc(' ', out);
		put_xml(out, o->tool_command, true);
	}
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", ncases, failures,
		errors);
	for (size_t k = 0; k < ncases; k++)
		print_case(out, ds, &cases[k], command);
	fputs("  </testsuite>\n</testsuites>\n", out);
	free(cases);
}
