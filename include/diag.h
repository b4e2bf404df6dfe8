/* SPDX-License-Identifier: MIT */
/* diag: the one store of findings. Passes record and go on; the store is then sorted,
 * de-duplicated and printed (text, json, sarif, github, junit), so output is deterministic. */
#ifndef ZHUN_DIAG_H
#define ZHUN_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "node.h"

enum severity {
	SEV_OFF = 0, /* only as a configured override: drop the finding */
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR,
	SEV_FATAL,
};

enum diag_code {
#define DIAG(id, name, sev, rule, en, zh) DIAG_##id,
#include "diag_codes.def"
#undef DIAG
	DIAG__COUNT
};

/* The static description of a code (from diag_codes.def). */
struct diag_info {
	const char *name;
	enum severity sev;
	const char *rule;
	const char *summary_en;
	const char *summary_zh;
};

/* A mechanical fix: replace the text from `start` to `end` (same file, end exclusive) by
 * `text`. Columns in code points. */
struct diag_fix {
	struct loc start, end;
	char *text;
};

struct diag {
	enum diag_code code;
	enum severity sev;  /* after configuration */
	const char *file;   /* interned by the store; "" when not about a file */
	struct loc loc;
	char *msg;          /* formatted, already translated */
	char *help;         /* optional suggestion (text: a `help:` line; SARIF: fix description) */
	struct diag_fix *fix;
	const char *file2;  /* optional related location (e.g. the other side of a diff) */
	struct loc loc2;
	char *msg2;
	size_t seq;         /* insertion order, the last sort key */
};

struct diag_store {
	struct diag *v;
	size_t n, cap;
	enum severity override[DIAG__COUNT]; /* configured severity, valid where has_override */
	bool has_override[DIAG__COUNT];
	const char **files;     /* every file examined, in the order first seen (JUnit, SARIF) */
	size_t nfiles, capfiles;
	void *file_index;       /* struct strmap of interned file names */
	size_t counts[SEV_FATAL + 1];
	bool finished;
};

const struct diag_info *diag_info(enum diag_code code);
/* Code by its name ("key-unknown"), or -1. */
int diag_code_by_name(const char *name);
const char *severity_name(enum severity s);
/* "off", "note", "warning", "error" → severity; -1 if none. */
int severity_by_name(const char *s);

void diag_store_init(struct diag_store *ds);
void diag_store_release(struct diag_store *ds);
/* Configure a code's severity (SEV_OFF silences it). Applies to findings added later. */
void diag_store_set_severity(struct diag_store *ds, enum diag_code code, enum severity sev);
/* Record that `file` was examined (JUnit lists a test case per file). Returns the interned name.
 * diag_add records its file too; a related location's file is not recorded. */
const char *diag_store_file(struct diag_store *ds, const char *file);

/* Record a finding; the message is printf-formatted (pass translated text). Returns the finding
 * so that help, fix and a related location can be attached, or NULL when the code is off (the
 * setters accept NULL). The pointer is valid only until the next diag_add: attach everything
 * before adding another finding. */
struct diag *diag_add(struct diag_store *ds, enum diag_code code, const char *file, struct loc loc,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_set_help(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_set_fix(struct diag *d, struct loc start, struct loc end, const char *text);
void diag_set_related(struct diag_store *ds, struct diag *d, const char *file, struct loc loc,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sort (file, line, col, code, message), drop exact duplicates, count by severity. Idempotent;
 * adding after it is allowed and requires another call. */
void diag_store_finish(struct diag_store *ds);
size_t diag_count(const struct diag_store *ds, enum severity s);
/* True when any finding has severity ≥ error (or ≥ warning when strict). */
bool diag_failed(const struct diag_store *ds, bool strict);
bool diag_has_fatal(const struct diag_store *ds);

/* Output formats for findings. */
enum diag_format {
	DIAG_FMT_TEXT = 0,
	DIAG_FMT_JSON,
	DIAG_FMT_SARIF,
	DIAG_FMT_GITHUB,
	DIAG_FMT_JUNIT,
};
/* "text" … "junit" → format, or -1. */
int diag_format_by_name(const char *s);

struct diag_print_opts {
	bool color;        /* ANSI colours (text only) */
	bool quiet;        /* text: no summary line */
	const char *tool_command; /* e.g. "validate", for JSON/SARIF/JUnit metadata */
};

/* Print all findings (call diag_store_finish first). Text goes wherever `out` is (the caller
 * passes stderr); the other formats are the primary output and go to stdout. */
void diag_print(const struct diag_store *ds, enum diag_format fmt, FILE *out,
		const struct diag_print_opts *o);
/* One printer per format (diag_print_<fmt>.c). */
void diag_print_text(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o);
void diag_print_json(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o);
void diag_print_sarif(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o);
void diag_print_github(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o);
void diag_print_junit(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o);

/* Exit status for a command that reports findings: 4 when an `internal` finding (a fault of
 * zhun's), else 3 when a fatal finding (unreadable or unparsable input), else 1 when
 * diag_failed(strict), else 0. */
int diag_exit_status(const struct diag_store *ds, bool strict);

#endif
