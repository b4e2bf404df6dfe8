/* SPDX-License-Identifier: MIT */
/* diag_print_sarif: findings as a SARIF 2.1.0 log that GitHub code scanning accepts. */
#include "diag.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* Where the rules are documented online: meson defines ZHUN_HOMEPAGE (option `homepage`) when
 * the project has a public home; without one, informationUri and helpUri are left out (both are
 * optional in SARIF) rather than pointing at an address that may not exist. */

/* A pretty-printing JSON writer just big enough for SARIF: it tracks nesting and whether a
 * comma is due, so that the structure below cannot produce invalid JSON. */
struct jw {
	FILE *out;
	int depth;
	bool need_comma;
};

/* A JSON string: every control character, DEL, C1 and U+2028/U+2029 escaped, invalid UTF-8 as
 * U+FFFD (the same rules as the JSON printer). */
static void put_str(FILE *out, const char *s)
{
	size_t len = strlen(s);
	fputc('"', out);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			if (c == '"' || c == '\\')
				fprintf(out, "\\%c", c);
			else if (c == '\n')
				fputs("\\n", out);
			else if (c == '\r')
				fputs("\\r", out);
			else if (c == '\t')
				fputs("\\t", out);
			else if (c < 0x20 || c == 0x7F)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029)
			fprintf(out, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, k, out);
		i += k;
	}
	fputc('"', out);
}

/* Start a member (key non-NULL, inside an object) or an element (key NULL, inside an array). */
static void jw_item(struct jw *w, const char *key)
{
	if (w->need_comma)
		fputc(',', w->out);
	if (w->depth > 0) {
		fputc('\n', w->out);
		for (int i = 0; i < w->depth; i++)
			fputs("  ", w->out);
	}
	if (key) {
		put_str(w->out, key);
		fputs(": ", w->out);
	}
	w->need_comma = true;
}

static void jw_open(struct jw *w, const char *key, char bracket)
{
	jw_item(w, key);
	fputc(bracket, w->out);
	w->depth++;
	w->need_comma = false;
}

static void jw_close(struct jw *w, char bracket)
{
	w->depth--;
	/* An empty container stays on one line: "[]". */
	if (w->need_comma) {
		fputc('\n', w->out);
		for (int i = 0; i < w->depth; i++)
			fputs("  ", w->out);
	}
	fputc(bracket, w->out);
	w->need_comma = true;
}

static void jw_str(struct jw *w, const char *key, const char *val)
{
	jw_item(w, key);
	put_str(w->out, val);
}

static void jw_int(struct jw *w, const char *key, uintmax_t val)
{
	jw_item(w, key);
	fprintf(w->out, "%" PRIuMAX, val);
}

static void jw_bool(struct jw *w, const char *key, bool val)
{
	jw_item(w, key);
	fputs(val ? "true" : "false", w->out);
}

/* {"text": s} */
static void jw_message(struct jw *w, const char *key, const char *text)
{
	jw_open(w, key, '{');
	jw_str(w, "text", text);
	jw_close(w, '}');
}

static const char *level_name(enum severity s)
{
	switch (s) {
	case SEV_FATAL:
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_NOTE:
	case SEV_OFF:
		break;
	}
	return "note";
}

/* A relative URI reference for a path as given: backslashes become '/', a leading "./" is
 * dropped (GitHub matches URIs against repository paths literally), and every byte outside
 * RFC 3986 unreserved characters and '/' is percent-encoded, so spaces, '#', '%' and non-ASCII
 * names survive any URI parser. The caller frees the result. */
static char *path_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	while (path[0] == '.' && (path[1] == '/' || path[1] == '\\'))
		path += 2;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			strbuf_addc(&sb, (char)c);
		} else if (c == '\\') {
			strbuf_addc(&sb, '/');
		} else {
			strbuf_addc(&sb, '%');
			strbuf_addc(&sb, hex[c >> 4]);
			strbuf_addc(&sb, hex[c & 15]);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* "key-unknown" → "KeyUnknown". SARIF wants a name that differs from the id, and validators
 * compare ignoring case, so a one-word id ("internal") gets a suffix ("InternalRule"). The
 * caller frees the result. */
static char *rule_name(const char *id)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	bool up = true, hyphen = false;
	for (const char *p = id; *p; p++) {
		if (*p == '-') {
			up = hyphen = true;
			continue;
		}
		char c = *p;
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		strbuf_addc(&sb, c);
		up = false;
	}
	if (!hyphen)
		strbuf_adds(&sb, "Rule");
	return strbuf_detach(&sb, NULL);
}

static void print_rule(struct jw *w, enum diag_code code)
{
	const struct diag_info *info = diag_info(code);
	char *name = rule_name(info->name);
	char *full = xasprintf("%s (%s). Rule %s.", info->summary_en, info->summary_zh, info->rule);
#ifdef ZHUN_HOMEPAGE
	char *uri = xasprintf("%s/blob/main/docs/rules.md#%s", ZHUN_HOMEPAGE, info->name);
#else
	char *uri = NULL;
#endif
	/* GitHub requires a help object on every rule; it is shown on the alert page. */
	char *help = xasprintf("%s\n%s\n\nRule %s. Run `zhun explain %s` for the rule's page.",
			       info->summary_en, info->summary_zh, info->rule, info->name);
	jw_open(w, NULL, '{');
	jw_str(w, "id", info->name);
	jw_str(w, "name", name);
	jw_message(w, "shortDescription", info->summary_en);
	jw_message(w, "fullDescription", full);
	jw_open(w, "defaultConfiguration", '{');
	jw_str(w, "level", level_name(info->sev));
	jw_close(w, '}');
	if (uri)
		jw_str(w, "helpUri", uri);
	jw_message(w, "help", help);
	jw_open(w, "properties", '{');
	jw_open(w, "tags", '[');
	jw_str(w, NULL, info->rule);
	jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, '}');
	free(name);
	free(full);
	free(uri);
	free(help);
}

/* A region only for a known line: SARIF regions are 1-based, and 0 would make the log invalid.
 * A known line with an unknown column is the whole line. */
static void print_region(struct jw *w, const char *key, struct loc start, const struct loc *end)
{
	if (!start.line)
		return;
	jw_open(w, key, '{');
	jw_int(w, "startLine", start.line);
	if (start.col)
		jw_int(w, "startColumn", start.col);
	if (end && end->line) {
		jw_int(w, "endLine", end->line);
		if (end->col)
			jw_int(w, "endColumn", end->col);
	}
	jw_close(w, '}');
}

static void print_physical(struct jw *w, const char *uri, struct loc loc)
{
	jw_open(w, "physicalLocation", '{');
	jw_open(w, "artifactLocation", '{');
	jw_str(w, "uri", uri);
	jw_close(w, '}');
	print_region(w, "region", loc, NULL);
	jw_close(w, '}');
}

struct fp_entry {
	char *key; /* owned; also the key in sarif_run.seen */
	size_t count;
};

/* Per-run state: which codes are rules and at what index, and how often each fingerprint has
 * been seen (to number findings that share code, file and message). */
struct sarif_run {
	int rule_index[DIAG__COUNT]; /* -1 when the code is not a rule of this run */
	struct strmap seen;          /* fingerprint → index + 1 into fps, as a pointer */
	struct fp_entry *fps;
	size_t nfps, capfps;
};

/* code NUL uri NUL message, FNV-1a 64: the location's line is left out on purpose, so that an
 * alert survives edits that only move it. The ":n" suffix (as GitHub's own upload action
 * computes it) keeps several equal findings in one file apart; n counts in output order, which
 * is sorted and therefore stable. The caller frees the result. */
static char *fingerprint(struct sarif_run *run, const struct diag *d, const char *uri)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	const char *name = diag_info(d->code)->name;
	strbuf_add(&sb, name, strlen(name) + 1);
	strbuf_add(&sb, uri, strlen(uri) + 1);
	strbuf_adds(&sb, d->msg);
	uint64_t h = strmap_hash(sb.buf, sb.len);
	strbuf_release(&sb);
	char *key = xasprintf("%016" PRIx64, h);
	uintptr_t idx = (uintptr_t)strmap_get(&run->seen, key);
	if (idx) {
		free(key);
	} else {
		XGROW(run->fps, run->capfps, run->nfps + 1);
		run->fps[run->nfps].key = key;
		run->fps[run->nfps].count = 0;
		idx = ++run->nfps;
		strmap_put(&run->seen, key, (void *)idx);
	}
	struct fp_entry *e = &run->fps[idx - 1];
	e->count++;
	return xasprintf("%s:%zu", e->key, e->count);
}

static void print_fix(struct jw *w, const struct diag *d, const char *uri)
{
	jw_open(w, "fixes", '[');
	jw_open(w, NULL, '{');
	if (d->help)
		jw_message(w, "description", d->help);
	jw_open(w, "artifactChanges", '[');
	jw_open(w, NULL, '{');
	jw_open(w, "artifactLocation", '{');
	jw_str(w, "uri", uri);
	jw_close(w, '}');
	jw_open(w, "replacements", '[');
	jw_open(w, NULL, '{');
	print_region(w, "deletedRegion", d->fix->start, &d->fix->end);
	jw_message(w, "insertedContent", d->fix->text);
	jw_close(w, '}');
	jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, ']');
	jw_close(w, '}');
	jw_close(w, ']');
}

static void print_result(struct jw *w, struct sarif_run *run, const struct diag *d)
{
	char *uri = path_uri(d->file);
	char *fp = fingerprint(run, d, uri);
	jw_open(w, NULL, '{');
	jw_str(w, "ruleId", diag_info(d->code)->name);
	jw_int(w, "ruleIndex", (uintmax_t)run->rule_index[d->code]);
	jw_str(w, "level", level_name(d->sev));
	jw_message(w, "message", d->msg);
	jw_open(w, "locations", '[');
	jw_open(w, NULL, '{');
	print_physical(w, uri, d->loc);
	jw_close(w, '}');
	jw_close(w, ']');
	jw_open(w, "partialFingerprints", '{');
	jw_str(w, "primaryLocationLineHash", fp);
	jw_close(w, '}');
	const char *f2 = d->file2 && *d->file2 ? d->file2 : d->file;
	if (d->msg2) {
		char *uri2 = path_uri(f2);
		jw_open(w, "relatedLocations", '[');
		jw_open(w, NULL, '{');
		jw_int(w, "id", 1);
		print_physical(w, uri2, d->loc2);
		jw_message(w, "message", d->msg2);
		jw_close(w, '}');
		jw_close(w, ']');
		free(uri2);
	}
	/* A fix needs a place to apply to. */
	if (d->fix && d->fix->start.line)
		print_fix(w, d, uri);
	jw_close(w, '}');
	free(uri);
	free(fp);
}

/* A finding about no file cannot be a result: GitHub rejects a whole log when any result lacks
 * a location. It is reported as a tool notification of the invocation instead. */
static void print_notification(struct jw *w, const struct sarif_run *run, const struct diag *d)
{
	jw_open(w, NULL, '{');
	jw_str(w, "level", level_name(d->sev));
	jw_message(w, "message", d->msg);
	jw_open(w, "associatedRule", '{');
	jw_str(w, "id", diag_info(d->code)->name);
	jw_int(w, "index", (uintmax_t)run->rule_index[d->code]);
	jw_close(w, '}');
	jw_close(w, '}');
}

void diag_print_sarif(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o)
{
	(void)o;
	struct sarif_run run;
	memset(&run, 0, sizeof run);
	strmap_init(&run.seen);
	bool used[DIAG__COUNT] = { false };
	size_t nolocation = 0;
	bool internal = false;
	for (size_t i = 0; i < ds->n; i++) {
		used[ds->v[i].code] = true;
		if (!*ds->v[i].file)
			nolocation++;
		if (ds->v[i].code == DIAG_INTERNAL)
			internal = true;
	}
	/* Rules in code-table order, which is fixed (append only): indices never depend on the
	 * order findings were made in. */
	int nrules = 0;
	for (int c = 0; c < DIAG__COUNT; c++)
		run.rule_index[c] = used[c] ? nrules++ : -1;

	struct jw w = { out, 0, false };
	jw_open(&w, NULL, '{');
	jw_str(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	jw_str(&w, "version", "2.1.0");
	jw_open(&w, "runs", '[');
	jw_open(&w, NULL, '{');
	jw_open(&w, "tool", '{');
	jw_open(&w, "driver", '{');
	jw_str(&w, "name", "zhun");
	jw_str(&w, "version", ZHUN_VERSION);
	jw_str(&w, "semanticVersion", ZHUN_VERSION);
#ifdef ZHUN_HOMEPAGE
	jw_str(&w, "informationUri", ZHUN_HOMEPAGE);
#endif
	jw_open(&w, "rules", '[');
	for (int c = 0; c < DIAG__COUNT; c++)
		if (used[c])
			print_rule(&w, (enum diag_code)c);
	jw_close(&w, ']');
	jw_close(&w, '}');
	jw_close(&w, '}');
	jw_open(&w, "invocations", '[');
	jw_open(&w, NULL, '{');
	jw_bool(&w, "executionSuccessful", !internal);
	if (nolocation) {
		jw_open(&w, "toolExecutionNotifications", '[');
		for (size_t i = 0; i < ds->n; i++)
			if (!*ds->v[i].file)
				print_notification(&w, &run, &ds->v[i]);
		jw_close(&w, ']');
	}
	jw_close(&w, '}');
	jw_close(&w, ']');
	/* Our columns count code points, not SARIF's default UTF-16 code units. */
	jw_str(&w, "columnKind", "unicodeCodePoints");
	jw_open(&w, "results", '[');
	for (size_t i = 0; i < ds->n; i++)
		if (*ds->v[i].file)
			print_result(&w, &run, &ds->v[i]);
	jw_close(&w, ']');
	jw_close(&w, '}');
	jw_close(&w, ']');
	jw_close(&w, '}');
	fputc('\n', out);

	for (size_t i = 0; i < run.nfps; i++)
		free(run.fps[i].key);
	free(run.fps);
	strmap_release(&run.seen);
}
