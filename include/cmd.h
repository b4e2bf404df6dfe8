/* SPDX-License-Identifier: MIT */
/* cmd: the subcommands as records (name, handler, usage, summary, option table, exit-status
 * line) and the command-line machinery they share: one option parser over those tables, help
 * and usage errors, the shared findings and limit options, and the reporting of findings.
 * Help, man pages and completions (tools/gen-doc) are generated from the same records.
 *
 * How to add a subcommand:
 *   1. write src/cmd_foo.c: an enum of its option ids (from CLI__COMMAND on), its option table
 *      (struct opt_doc[]: its own options, OPT_FINDINGS or OPT_LIMITS if it reports findings
 *      or loads files, then OPT_HELP and OPT_END), a handler and its record
 *      `const struct cmd cmd_foo_entry = { "foo", handler, usage, N_(summary), opts, NULL }`.
 *      The handler starts with `struct cli_run run; cli_run_init(&run, c, argc, argv, g0,
 *      CLI_BIND_FINDINGS)` (CLI_BIND_LIMITS or CLI_BIND_NONE after its option table), then
 *      `while ((id = cli_next(&run.cp)) > 0) switch (id) { … }`, returns run.cp.status when
 *      cli_next gave -1, then, once, settings_apply() with its first operand (zhun.yaml's
 *      rules, lang, system), resolves and loads each operand with project_resolve() and
 *      project_add(&p, &project_files, …), and ends with cli_report() for the exit status;
 *   2. add its record to the extern line and to commands[] in src/cmd.c;
 *   3. add src/cmd_foo.c to libzhun_sources in meson.build (and to po/POTFILES with
 *      `ninja zhun-po-sources`; its Chinese messages at the end of po/zh_CN.po);
 *   4. docs/foo.md (the man page's body), a line in tests/golden/cases.txt for each golden
 *      case, new diagnostic codes appended to diag_codes.def and documented. Help, man page
 *      and shell completions follow from the record. */
#ifndef ZHUN_CMD_H
#define ZHUN_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "load.h"

struct strbuf;

enum color_mode { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };

/* Options that precede the command (and, but for --help and --version, may also follow it). */
struct globals {
	enum color_mode color;
	bool quiet;
	const char *lang; /* NULL: from zhun.yaml or the locale */
};

/* The ids of the shared options; a command numbers its own from CLI__COMMAND on. */
enum cli_id {
	CLI_HELP = 1,
	CLI_VERSION,
	CLI_COLOR,
	CLI_QUIET,
	CLI_LANG,
	CLI_FORMAT, /* the findings format (OPT_FINDINGS) */
	CLI_STRICT,
	CLI_MAX_FILE_SIZE,
	CLI_MAX_DEPTH,
	CLI_MAX_ALIASES,
	CLI_MAX_NODES,
	CLI_MAX_LINE_LENGTH,
	CLI_MAX_REFS,
	CLI_JOBS,
	CLI__COMMAND = 64,
};

/* One option of a command: drives the parser, --help output, man pages and completions. */
struct opt_doc {
	const char *name;   /* long name without dashes */
	int short_name;	    /* 0 for none */
	const char *arg;    /* argument placeholder ("FMT"), NULL for a flag */
	const char *values; /* allowed values for completion, space-separated, or NULL;
			     * "@presets": the names of data/presets/NAME.yaml;
			     * "@findings": the findings formats (diag_printers), and
			     * `help` holds one %s for their list (cli_opt_help) */
	const char *help;   /* English; translated at print time */
	int id;		    /* what cli_next returns for it (enum cli_id or the command's own) */
};

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv, const struct globals *g); /* argv[0] is the name */
	const char *usage;	    /* "zhun validate [OPTIONS] FILE..." */
	const char *summary;	    /* one line, English (N_) */
	const struct opt_doc *opts; /* terminated by OPT_END */
	const char *exit_status; /* the command's exit-status line, or NULL for the findings one */
};

/* Every command, in the order of `zhun --help`; NULL-terminated. */
extern const struct cmd *const commands[];
/* The command called `name`, or NULL. */
const struct cmd *cmd_find(const char *name);
/* The command name nearest to a mistyped `name` (did_you_mean), or NULL. */
const char *cmd_suggest(const char *name);
/* `zhun --help`: usage, the commands and the global options. */
void cmd_print_usage(FILE *out);

/* The global options, in --help order; the first CLI_GLOBALS_BEFORE_ONLY of them (--help,
 * --version) only before the command, the others before or after it. */
extern const struct opt_doc cli_global_opts[];
enum { CLI_GLOBALS_BEFORE_ONLY = 2 };

/* Limits on what loading one file may cost (docs/limits.md), for every command that loads. */
#define OPT_LIMITS                                                                                 \
	{ "max-file-size",  0, "BYTES", NULL, "largest input file accepted (default 32 MiB)",      \
	  CLI_MAX_FILE_SIZE },                                                                     \
	    { "max-depth", 0, "N", NULL, "deepest nesting accepted (default 64)", CLI_MAX_DEPTH }, \
	    { "max-aliases",  0, "N", NULL, "most YAML aliases per file (default 1000)",           \
	      CLI_MAX_ALIASES },                                                                   \
	    { "max-nodes",                                                                         \
	      0,                                                                                   \
	      "N",                                                                                 \
	      NULL,                                                                                \
	      "most tree nodes per file, aliases expanded (default 3000000)",                      \
	      CLI_MAX_NODES },                                                                     \
	{                                                                                          \
		"max-line-length", 0, "BYTES", NULL, "longest line accepted (default 1 MiB)",      \
		    CLI_MAX_LINE_LENGTH                                                            \
	}

/* The limit of the cross-reference pass, for the commands that run `check`. */
#define OPT_MAX_REFS                                                                               \
	{                                                                                          \
		"max-refs", 0, "N", NULL,                                                          \
		    "most cross-references checked per document (default 100000)", CLI_MAX_REFS    \
	}

/* The threads that load and check documents, for the commands that read many (stored in
 * findings_opts.jobs). */
#define OPT_JOBS                                                                                   \
	{                                                                                          \
		"jobs", 'j', "N", NULL,                                                            \
		    "documents loaded and checked on N threads (default: one per core)", CLI_JOBS  \
	}

/* Options shared by commands that report findings. */
#define OPT_FINDINGS                                                                               \
	{ "format", 'f', "FMT", "@findings", "how to print findings: %s", CLI_FORMAT },            \
	    { "strict", 0, NULL, NULL, "make warnings fail (exit status 1)", CLI_STRICT },         \
	    OPT_LIMITS

#define OPT_HELP                                                                                   \
	{                                                                                          \
		"help", 'h', NULL, NULL, "show this help and exit", CLI_HELP                       \
	}
#define OPT_END                                                                                    \
	{                                                                                          \
		NULL, 0, NULL, NULL, NULL, 0                                                       \
	}

/* Parsed common options of a findings command. */
struct findings_opts {
	const struct diag_printer *format;
	bool strict;
	struct limits lim;
	unsigned jobs; /* --jobs; 0: one per core (pool_default_jobs) */
};
void findings_opts_init(struct findings_opts *fo);

enum { CLI_MAX_OPTS = 64 };

/* One parse of a command line, on the caller's stack. getopt_long does the work (its optind
 * is reset by cli_parser_init), so one parse at a time. */
struct cli_parser {
	const struct cmd *cmd; /* NULL: the global options before the command */
	struct globals *g;
	/* Where the shared options go, set by the caller after cli_parser_init: with `findings`,
	 * cli_next stores OPT_FINDINGS (limits in findings->lim), with `limits` the limit options,
	 * and returns neither. */
	struct findings_opts *findings;
	struct limits *limits;
	int argc;
	char **argv;
	const struct opt_doc *opt; /* the option just returned */
	const char *arg;	   /* its argument, or NULL */
	int first;		   /* at the end: the first operand */
	int status;		   /* after a stop: the exit status */
	struct option longopts[CLI_MAX_OPTS + 8];
	char shortopts[2 * CLI_MAX_OPTS + 8];
};

/* Parse argv[1..argc) for command `c` (argv[0] is its name), or, with `c` NULL, the global
 * options in front of the command (parsing stops at the command). Global options met on the
 * way are stored in *g. */
void cli_parser_init(struct cli_parser *p, const struct cmd *c, int argc, char **argv,
		     struct globals *g);
/* The id of the next option (p->opt, p->arg), 0 at the end of the options (p->first is then
 * the first operand), or -1 when the command must stop and return p->status: 0 after printing
 * its help (--help of a command), 2 after a usage error with a did-you-mean or a bad value.
 * --color, --quiet and --lang are handled here and never returned, nor are the shared options
 * bound through p->findings or p->limits; before the command, --help and --version are returned
 * (CLI_HELP, CLI_VERSION). */
int cli_next(struct cli_parser *p);
/* What every command's handler starts with: its own copy of the globals (--color, --quiet,
 * --lang after the command change only this run), the shared options' values and the parser
 * over its command line. The parser points into the struct: initialise it in place and do not
 * copy it. Owns nothing; nothing to release. */
struct cli_run {
	struct globals g;
	struct findings_opts fo; /* OPT_FINDINGS; the limit options are in fo.lim */
	struct cli_parser cp;
};

/* Which shared options the parser of a cli_run stores rather than returns. */
enum cli_bind {
	CLI_BIND_NONE,	   /* neither: a command without OPT_FINDINGS or OPT_LIMITS */
	CLI_BIND_FINDINGS, /* OPT_FINDINGS (with the limits) into r->fo */
	CLI_BIND_LIMITS,   /* OPT_LIMITS alone into r->fo.lim */
};

/* Start command `c`'s parse of argv[1..argc): r->g a copy of *g0, r->fo the defaults, r->cp
 * ready for `while ((id = cli_next(&r->cp)) > 0)`. */
void cli_run_init(struct cli_run *r, const struct cmd *c, int argc, char **argv,
		  const struct globals *g0, enum cli_bind bind);
/* Print a usage error "zhun CMD: message" (c NULL: "zhun: message") and a hint to --help;
 * returns 2. */
int cli_usage_error(const struct cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append the help text of option `o` to `sb`, in English or (translate) in the user's language;
 * an option with values "@findings" gets the list of findings formats in its help. */
void cli_opt_help(const struct opt_doc *o, bool translate, struct strbuf *sb);
/* Print an option table as --help shows it, one "  -x, --name ARG   help" line each. */
void cli_print_opts(const struct opt_doc *o, FILE *out);
/* Print the command's help (usage, summary, options, global options, exit status) to `out`. */
void cli_print_help(const struct cmd *c, FILE *out);
/* Whether to colour output on `f` under the global setting (auto: a terminal and no NO_COLOR). */
bool cli_use_color(const struct globals *g, FILE *f);
/* Report that `-o PATH` could not be written (errno `err`; ELOOP: a symlinked target refused,
 * write.h) as an `io-error` finding on standard error, and return its exit status, 3. */
int cli_write_failed(const char *command, const char *path, int err, const struct globals *g);
/* The same `io-error` finding, recorded into `ds` (a command that writes several outputs
 * reports it with its other findings). */
void cli_write_finding(struct diag_store *ds, const char *path, int err);
/* Print the findings in the chosen format and return the exit status for them. */
int cli_report(struct diag_store *ds, const struct findings_opts *fo, const struct globals *g,
	       const char *command);

#endif
