/* SPDX-License-Identifier: MIT */
/* diag: the one store of findings. Passes record and go on; the store is then sorted,
 * de-duplicated and printed (text, json, sarif, github, junit), so output is deterministic. */
#ifndef ZHUN_DIAG_H
#define ZHUN_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "node.h"
#include "strbuf.h"

struct strbuf;

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
	enum severity sev; /* after configuration */
	const char *file;  /* interned by the store; "" when not about a file */
	struct loc loc;
	char *msg;  /* formatted, already translated */
	char *help; /* optional suggestion (text: a `help:` line; SARIF: fix description) */
	struct diag_fix *fix;
	const char *file2; /* optional related location (e.g. the other side of a diff) */
	struct loc loc2;
	char *msg2;
	size_t seq;	   /* insertion order, the last sort key */
	const char *sheet; /* set by diag_store_finish: the sheet whose cell `loc` is (line = row,
			    * col = column; diag_store_set_sheet), or NULL for line:col */
};

/* The store. The definition is here only so that a store can live on the stack or inside
 * another struct; every field is private to src/diag*.c, and callers go through the functions
 * below (diag_store_size, diag_store_get, diag_count, diag_store_copy_config, …). */
struct diag_store {
	struct diag *v;
	size_t n, cap;
	enum severity override[DIAG__COUNT]; /* configured severity, valid where has_override */
	bool has_override[DIAG__COUNT];
	const char **files; /* every file examined, in the order first seen (JUnit, SARIF) */
	size_t nfiles, capfiles;
	void *file_index; /* struct strmap of interned file names */
	size_t counts[SEV_FATAL + 1];
	bool finished;
};

const struct diag_info *diag_info(enum diag_code code);
/* Code by its name ("key-unknown"), or -1. */
int diag_code_by_name(const char *name);
const char *severity_name(enum severity s);
/* The three levels that CI annotation formats know (GitHub workflow commands, SARIF results):
 * "error" for fatal and error, "warning", and `lowest` for the rest, the one word in which the
 * formats differ ("notice", "note"). */
const char *severity_level(enum severity s, const char *lowest);
/* "off", "note", "warning", "error" → severity; -1 if none. */
int severity_by_name(const char *s);

void diag_store_init(struct diag_store *ds);
void diag_store_release(struct diag_store *ds);
/* Configure a code's severity (SEV_OFF silences it). Applies to findings added later. */
void diag_store_set_severity(struct diag_store *ds, enum diag_code code, enum severity sev);
/* Give `to` the severities configured in `from` (diag_store_set_severity), for a second store
 * that must report as the first would; findings are not copied. `from` may be NULL. */
void diag_store_copy_config(struct diag_store *to, const struct diag_store *from);
/* Record that `file` was examined (JUnit lists a test case per file). Returns the interned name.
 * diag_add records its file too; a related location's file is not recorded. */
const char *diag_store_file(struct diag_store *ds, const char *file);

/* Say that the positions of `file` are cells of the spreadsheet sheet `sheet` (a workbook that
 * was imported): loc.line is the row and loc.col the column, both 1-based, and every printer
 * shows them as `file:sheet!C17` (diag_where) and carries the sheet and the cell. A later call
 * for the same file replaces the name. */
void diag_store_set_sheet(struct diag_store *ds, const char *file, const char *sheet);
/* The sheet of `file` set by diag_store_set_sheet, or NULL when its positions are line:col. */
const char *diag_store_sheet(const struct diag_store *ds, const char *file);
/* Append where a finding is, the one spelling every printer uses: "file:line:col", "file:line",
 * "file" or, for a sheet's file, "file:sheet!C17" ("file:sheet!17" for a whole row). */
void diag_where(const struct diag_store *ds, const char *file, struct loc loc, struct strbuf *out);
/* Append the cell alone, "sheet!C17" (or "sheet!17"); nothing when `file` is not a sheet's or
 * loc has no row. Returns whether it appended. */
bool diag_cell(const struct diag_store *ds, const char *file, struct loc loc, struct strbuf *out);
/* Append the A1 name of the cell at row loc.line, column loc.col: "C17" ("17" for column 0). */
void diag_cell_ref(struct loc loc, struct strbuf *out);

/* Record a finding; the message is printf-formatted (pass translated text). Returns the finding
 * so that help, fix and a related location can be attached, or NULL when the code is off (the
 * setters accept NULL). The pointer is valid only until the next diag_add: attach everything
 * before adding another finding. */
struct diag *diag_add(struct diag_store *ds, enum diag_code code, const char *file, struct loc loc,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* diag_add with the message's arguments in `ap`, for callers that take a format themselves. */
struct diag *diag_vadd(struct diag_store *ds, enum diag_code code, const char *file, struct loc loc,
		       const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
void diag_set_help(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_set_fix(struct diag *d, struct loc start, struct loc end, const char *text);
struct text;
/* A fix that replaces all of scalar `t` (model.h) by `replacement`. Attached only when t has
 * text at a known position and sits on one line: a fix's range cannot say where a line ends. */
void diag_set_fix_text(struct diag *d, const struct text *t, const char *replacement);
void diag_set_related(struct diag_store *ds, struct diag *d, const char *file, struct loc loc,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Move every finding and examined file of `from` to the end of `to`, as if they had been
 * recorded there in the same order (the findings keep the severity `from` gave them, the files
 * the sheet of diag_store_set_sheet), and release `from`. For work done on several threads,
 * each into a store of its own: merged in a fixed order, the result does not depend on the
 * threads. */
void diag_store_take(struct diag_store *to, struct diag_store *from);

/* Sort (file, line, col, code, message), drop exact duplicates, count by severity. Idempotent;
 * adding after it is allowed and requires another call. */
void diag_store_finish(struct diag_store *ds);
size_t diag_count(const struct diag_store *ds, enum severity s);
/* The number of findings, and finding `i` (0-based; NULL past the end). After
 * diag_store_finish they are in printing order. A finding stays owned by the store and valid
 * until the next diag_add, diag_store_finish or diag_store_release. */
size_t diag_store_size(const struct diag_store *ds);
const struct diag *diag_store_get(const struct diag_store *ds, size_t i);
/* The files examined (diag_store_file and the files of findings) in the order first seen:
 * file `i`, or NULL past the end. The store owns the names. */
const char *diag_store_file_at(const struct diag_store *ds, size_t i);
/* True when any finding has severity ≥ error (or ≥ warning when strict). */
bool diag_failed(const struct diag_store *ds, bool strict);
bool diag_has_fatal(const struct diag_store *ds);

struct diag_print_opts {
	bool color;		  /* ANSI colours (text only) */
	bool quiet;		  /* text: no summary line */
	const char *tool_command; /* e.g. "validate", for JSON/SARIF/JUnit metadata */
	/* Findings below this severity are neither printed nor counted in any summary; the
	 * default SEV_OFF (0) prints all. */
	enum severity min_sev;
};

/* The signature of a findings printer; each is declared with it in its own file. */
typedef void diag_printer_fn(const struct diag_store *ds, FILE *out,
			     const struct diag_print_opts *o);

/* A findings format: one entry of the registry diag_printers. */
struct diag_printer {
	const char *name;	/* the --format value */
	diag_printer_fn *print; /* src/diag_print_<name>.c */
	bool to_stderr;		/* for people, beside the primary output; else the primary output */
	const char *note;	/* English, shown after the name in --help ("default, on stderr") */
};

/* The registry of findings formats, ended by an entry whose name is NULL. The first one is the
 * default (text). --format, its help, its usage error and the shell completions are all made
 * from this table. */
extern const struct diag_printer diag_printers[];
#define DIAG_PRINTER_TEXT (&diag_printers[0])
/* The format called `name`, or NULL. */
const struct diag_printer *diag_printer_by_name(const char *name);

/* How diag_printer_list spells the list of formats. */
enum diag_printer_list_style {
	DIAG_LIST_WORDS,  /* "text json sarif github junit": completions */
	DIAG_LIST_NOTES,  /* "text (default, on stderr), json, …, junit": help */
	DIAG_LIST_CHOICE, /* "text, json, …, github or junit": a usage error */
};
/* Append the names of the formats to `sb`, in English or (translate) in the user's language
 * ("text、json、… 或 junit"). */
void diag_printer_list(struct strbuf *sb, enum diag_printer_list_style style, bool translate);

/* Print the findings (call diag_store_finish first) with printer `p` (NULL: text), filtered by
 * o->min_sev; `o` may be NULL for the defaults. The caller chooses `out`: stderr for a printer
 * with to_stderr, stdout for the others. */
void diag_print(const struct diag_store *ds, const struct diag_printer *p, FILE *out,
		const struct diag_print_opts *o);

/* Append finding `d` as one JSON object on one line (the findings JSON and the violations of
 * the diff JSON): {"file", "line", "column", "severity", "code", "rule", "message"} and, when
 * present, "help", "fix" and "related". `key` as in json.h. */
struct json_writer;
void diag_json_object(struct json_writer *w, const char *key, const struct diag *d);

/* Exit status for a command that reports findings: 4 when an `internal` finding (a fault of
 * zhun's), else 3 when a fatal finding (unreadable or unparsable input), else 1 when
 * diag_failed(strict), else 0. */
int diag_exit_status(const struct diag_store *ds, bool strict);

#endif
