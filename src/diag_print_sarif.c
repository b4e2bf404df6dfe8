/* SPDX-License-Identifier: MIT */
/* diag_print_sarif: findings as a SARIF 2.1.0 log that GitHub code scanning accepts. */
#include "diag.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "json.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

/* Where the rules are documented online: meson defines ZHUN_HOMEPAGE (option `homepage`) when
 * the project has a public home; without one, informationUri and helpUri are left out (both are
 * optional in SARIF) rather than pointing at an address that may not exist. */

/* {"text": s} */
static void jw_message(struct json_writer *w, const char *key, const char *text)
{
	json_begin_object(w, key, JSON_PRETTY);
	json_string(w, "text", text);
	json_end(w);
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

static void print_rule(struct json_writer *w, enum diag_code code)
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
	json_begin_object(w, NULL, JSON_PRETTY);
	json_string(w, "id", info->name);
	json_string(w, "name", name);
	jw_message(w, "shortDescription", info->summary_en);
	jw_message(w, "fullDescription", full);
	json_begin_object(w, "defaultConfiguration", JSON_PRETTY);
	json_string(w, "level", severity_level(info->sev, "note"));
	json_end(w);
	if (uri)
		json_string(w, "helpUri", uri);
	jw_message(w, "help", help);
	json_begin_object(w, "properties", JSON_PRETTY);
	json_begin_array(w, "tags", JSON_PRETTY);
	json_string(w, NULL, info->rule);
	json_end(w);
	json_end(w);
	json_end(w);
	free(name);
	free(full);
	free(uri);
	free(help);
}

/* A region only for a known line: SARIF regions are 1-based, and 0 would make the log invalid.
 * A known line with an unknown column is the whole line. */
static void print_region(struct json_writer *w, const char *key, struct loc start,
			 const struct loc *end)
{
	if (!start.line)
		return;
	json_begin_object(w, key, JSON_PRETTY);
	json_uint(w, "startLine", start.line);
	if (start.col)
		json_uint(w, "startColumn", start.col);
	if (end && end->line) {
		json_uint(w, "endLine", end->line);
		if (end->col)
			json_uint(w, "endColumn", end->col);
	}
	json_end(w);
}

static void print_physical(struct json_writer *w, const char *uri, struct loc loc)
{
	json_begin_object(w, "physicalLocation", JSON_PRETTY);
	json_begin_object(w, "artifactLocation", JSON_PRETTY);
	json_string(w, "uri", uri);
	json_end(w);
	print_region(w, "region", loc, NULL);
	json_end(w);
}

struct fp_entry {
	char *key; /* owned; also the key in sarif_run.seen */
	size_t count;
};

/* Per-run state: which codes are rules and at what index, and how often each fingerprint has
 * been seen (to number findings that share code, file and message). */
struct sarif_run {
	int rule_index[DIAG__COUNT]; /* -1 when the code is not a rule of this run */
	struct strmap seen;	     /* fingerprint → index + 1 into fps, as a pointer */
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

static void print_fix(struct json_writer *w, const struct diag *d, const char *uri)
{
	json_begin_array(w, "fixes", JSON_PRETTY);
	json_begin_object(w, NULL, JSON_PRETTY);
	if (d->help)
		jw_message(w, "description", d->help);
	json_begin_array(w, "artifactChanges", JSON_PRETTY);
	json_begin_object(w, NULL, JSON_PRETTY);
	json_begin_object(w, "artifactLocation", JSON_PRETTY);
	json_string(w, "uri", uri);
	json_end(w);
	json_begin_array(w, "replacements", JSON_PRETTY);
	json_begin_object(w, NULL, JSON_PRETTY);
	print_region(w, "deletedRegion", d->fix->start, &d->fix->end);
	jw_message(w, "insertedContent", d->fix->text);
	json_end(w);
	json_end(w);
	json_end(w);
	json_end(w);
	json_end(w);
	json_end(w);
}

static void print_result(struct json_writer *w, struct sarif_run *run, const struct diag *d)
{
	char *uri = path_uri(d->file);
	char *fp = fingerprint(run, d, uri);
	json_begin_object(w, NULL, JSON_PRETTY);
	json_string(w, "ruleId", diag_info(d->code)->name);
	json_uint(w, "ruleIndex", (uintmax_t)run->rule_index[d->code]);
	json_string(w, "level", severity_level(d->sev, "note"));
	jw_message(w, "message", d->msg);
	json_begin_array(w, "locations", JSON_PRETTY);
	json_begin_object(w, NULL, JSON_PRETTY);
	print_physical(w, uri, d->loc);
	/* a workbook's region is a row and a column; the cell by its name is a logical location */
	if (d->sheet && d->loc.line) {
		struct strbuf cell = STRBUF_INIT, full = STRBUF_INIT;
		diag_cell_ref(d->loc, &cell);
		strbuf_addf(&full, "%s!%s", d->sheet, cell.buf);
		json_begin_array(w, "logicalLocations", JSON_PRETTY);
		json_begin_object(w, NULL, JSON_PRETTY);
		json_string(w, "name", cell.buf);
		json_string(w, "fullyQualifiedName", full.buf);
		json_string(w, "kind", "element");
		json_end(w);
		json_end(w);
		strbuf_release(&cell);
		strbuf_release(&full);
	}
	json_end(w);
	json_end(w);
	json_begin_object(w, "partialFingerprints", JSON_PRETTY);
	json_string(w, "primaryLocationLineHash", fp);
	json_end(w);
	const char *f2 = d->file2 && *d->file2 ? d->file2 : d->file;
	if (d->msg2) {
		char *uri2 = path_uri(f2);
		json_begin_array(w, "relatedLocations", JSON_PRETTY);
		json_begin_object(w, NULL, JSON_PRETTY);
		json_uint(w, "id", 1);
		print_physical(w, uri2, d->loc2);
		jw_message(w, "message", d->msg2);
		json_end(w);
		json_end(w);
		free(uri2);
	}
	/* A fix needs a place to apply to. */
	if (d->fix && d->fix->start.line)
		print_fix(w, d, uri);
	json_end(w);
	free(uri);
	free(fp);
}

/* A finding about no file cannot be a result: GitHub rejects a whole log when any result lacks
 * a location. It is reported as a tool notification of the invocation instead. */
static void print_notification(struct json_writer *w, const struct sarif_run *run,
			       const struct diag *d)
{
	json_begin_object(w, NULL, JSON_PRETTY);
	json_string(w, "level", severity_level(d->sev, "note"));
	jw_message(w, "message", d->msg);
	json_begin_object(w, "associatedRule", JSON_PRETTY);
	json_string(w, "id", diag_info(d->code)->name);
	json_uint(w, "index", (uintmax_t)run->rule_index[d->code]);
	json_end(w);
	json_end(w);
}

/* Declared here, registered in diag.c. */
diag_printer_fn diag_print_sarif;

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

	struct json_writer w;
	json_writer_init_file(&w, out, JSON_PRETTY);
	json_begin_object(&w, NULL, JSON_PRETTY);
	json_string(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	json_string(&w, "version", "2.1.0");
	json_begin_array(&w, "runs", JSON_PRETTY);
	json_begin_object(&w, NULL, JSON_PRETTY);
	json_begin_object(&w, "tool", JSON_PRETTY);
	json_begin_object(&w, "driver", JSON_PRETTY);
	json_string(&w, "name", "zhun");
	json_string(&w, "version", ZHUN_VERSION);
	json_string(&w, "semanticVersion", ZHUN_VERSION);
#ifdef ZHUN_HOMEPAGE
	json_string(&w, "informationUri", ZHUN_HOMEPAGE);
#endif
	json_begin_array(&w, "rules", JSON_PRETTY);
	for (int c = 0; c < DIAG__COUNT; c++)
		if (used[c])
			print_rule(&w, (enum diag_code)c);
	json_end(&w);
	json_end(&w);
	json_end(&w);
	json_begin_array(&w, "invocations", JSON_PRETTY);
	json_begin_object(&w, NULL, JSON_PRETTY);
	json_bool(&w, "executionSuccessful", !internal);
	if (nolocation) {
		json_begin_array(&w, "toolExecutionNotifications", JSON_PRETTY);
		for (size_t i = 0; i < ds->n; i++)
			if (!*ds->v[i].file)
				print_notification(&w, &run, &ds->v[i]);
		json_end(&w);
	}
	json_end(&w);
	json_end(&w);
	/* Our columns count code points, not SARIF's default UTF-16 code units. */
	json_string(&w, "columnKind", "unicodeCodePoints");
	json_begin_array(&w, "results", JSON_PRETTY);
	for (size_t i = 0; i < ds->n; i++)
		if (*ds->v[i].file)
			print_result(&w, &run, &ds->v[i]);
	json_end(&w);
	json_end(&w);
	json_end(&w);
	json_end(&w);
	strbuf_addc(w.out, '\n');
	json_writer_release(&w);

	for (size_t i = 0; i < run.nfps; i++)
		free(run.fps[i].key);
	free(run.fps);
	strmap_release(&run.seen);
}
