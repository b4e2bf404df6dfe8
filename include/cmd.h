/* SPDX-License-Identifier: MIT */
/* cmd: the subcommands as records (name, handler, usage, summary, option table, exit-status
 * line, operands) and the command-line machinery they share: one option parser over those
 * tables, help and usage errors, the shared findings, limit and output options, the loading of
 * the one document or checked system a command works on, and the reporting of findings. Help, man
 * pages and completions (tools/gen-doc) are generated from the same records.
 *
 * How to add a subcommand:
 *   1. write src/cmd_foo.c: an enum of its option ids (from CLI__COMMAND on), its option table
 *      foo_opts (struct opt_doc[]: its own options, the shared ones it takes — OPT_FINDINGS or
 *      OPT_LIMITS if it reports findings or loads files, OPT_OUTPUT and OPT_FOLLOW_SYMLINKS if
 *      it writes a file — then OPT_HELP and OPT_END), its handler `static int
 *      cmd_foo_run(struct cli_run *run)` and after it its record, with designated initialisers:
 *      `const struct cmd cmd_foo_entry = { CMD_RECORD(foo), .operands = { .max = CLI_MANY,
 *      .what = N_("file") }, .usage = …, .summary = N_(…) }` (what it takes, then its texts).
 *      The dispatcher (cmd_run) has parsed the shared options into run->fo and run->out by then;
 *      a handler with options of its own takes them with `while ((id = cli_next(&run->cp)) > 0)
 *      switch (id) { … }` and returns run->cp.status when that gave -1 (help printed, a usage
 *      error, or the operands not as the record allows). Its operands are run->cp.ops[0 ..
 *      run->cp.nops). Then, once, settings_apply() with its first operand (zhun.yaml's rules,
 *      lang, system), project_resolve() and project_add(&p, &project_files, …) for each
 *      operand (or cli_system_load() for one system), and cli_report() for the exit status;
 *   2. add "foo" to zhun_commands in meson.build (in the place `zhun --help` lists it): that
 *      compiles src/cmd_foo.c and puts its record into commands[] (src/cmd_list.h, generated);
 *      then `ninja zhun-po-sources` adds it to po/POTFILES, and its Chinese messages go at the
 *      end of po/zh_CN.po;
 *   3. docs/foo.md (the man page's body), a line in tests/golden/cases.txt for each golden
 *      case, new diagnostic codes appended to diag_codes.def and documented. Help, man page
 *      and shell completions follow from the record. */
#ifndef ZHUN_CMD_H
#define ZHUN_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "load.h"
#include "project.h"
#include "settings.h"

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
	CLI_OUTPUT, /* -o OUT (OPT_OUTPUT) */
	CLI_FOLLOW_SYMLINKS,
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

struct cli_run;

/* An operand count of a record: any number. */
enum { CLI_MANY = -1 };

/* The operands a command takes: min 0 or 1 (fewer: "no FILE given"), max 0, 1 or CLI_MANY (more:
 * "unexpected operand" or "one FILE at a time"), checked before the handler sees them; `what`
 * names one in those messages, a noun marked N_("file"). */
struct cmd_operands {
	int min, max;
	const char *what;
};

/* One subcommand (tmux's cmd_entry): what the dispatcher, help, man pages and completions read.
 * Fields left out of the initialiser are 0: no options but --help, the findings exit-status
 * line, no operands. */
struct cmd {
	const char *name;
	int (*run)(struct cli_run *r); /* after cmd_run's set-up (see the note at the top) */
	const char *usage;	       /* "zhun validate [OPTIONS] FILE..." */
	const char *summary;	       /* one line, English (N_) */
	const struct opt_doc *opts;    /* terminated by OPT_END */
	const char *exit_status; /* the command's exit-status line, or NULL for the findings one */
	struct cmd_operands operands;
	/* Operands after "--" are paths, kept apart in r->paths (diff's REV -- PATH...), not more
	 * operands. */
	bool paths_after_dashdash;
};

/* The fields of command NAME's record that follow from its name: .name "NAME", .run
 * cmd_NAME_run, .opts NAME_opts; the rest are given after it as designated initialisers. */
#define CMD_RECORD(NAME) .name = #NAME, .run = cmd_##NAME##_run, .opts = NAME##_opts

/* Every command, in the order of `zhun --help`; NULL-terminated. */
extern const struct cmd *const commands[];
/* The command called `name`, or NULL. */
const struct cmd *cmd_find(const char *name);
/* The command name nearest to a mistyped `name` (did_you_mean), or NULL. */
const char *cmd_suggest(const char *name);
/* `zhun --help`: usage, the commands and the global options. */
void cmd_print_usage(FILE *out);
/* Run command `c` over argv[0..argc) (argv[0] its name) under the global options *g: set up a
 * cli_run from its record (for a command without options of its own, parse them all and check
 * the operands), call its handler and return its exit status. */
int cmd_run(const struct cmd *c, int argc, char **argv, const struct globals *g);

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
		    "files and documents worked on N threads at once (default: one per core)",     \
		    CLI_JOBS                                                                       \
	}

/* Options shared by commands that report findings. */
#define OPT_FINDINGS                                                                               \
	{ "format", 'f', "FMT", "@findings", "how to print findings: %s", CLI_FORMAT },            \
	    { "strict", 0, NULL, NULL, "make warnings fail (exit status 1)", CLI_STRICT },         \
	    OPT_LIMITS

/* Where a command that writes a file writes it: `arg` is the placeholder ("OUT" or "FILE") and
 * `help` the line for --help (each command says what standard output means for it). Stored in
 * cli_run.out. */
#define OPT_OUTPUT(arg, help)                                                                      \
	{                                                                                          \
		"output", 'o', arg, NULL, help, CLI_OUTPUT                                         \
	}
#define OPT_FOLLOW_SYMLINKS(arg)                                                                   \
	{                                                                                          \
		"follow-symlinks", 0, NULL, NULL,                                                  \
		    "when " arg " is a symbolic link, replace the file it points to (refused by "  \
		    "default)",                                                                    \
		    CLI_FOLLOW_SYMLINKS                                                            \
	}

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
	unsigned jobs; /* --jobs; 0: one per core (pool_default_jobs). lim.threads follows it */
};
void findings_opts_init(struct findings_opts *fo);

/* -o and --follow-symlinks (OPT_OUTPUT, OPT_FOLLOW_SYMLINKS). */
struct cli_output {
	const char *path; /* NULL: not given (standard output, or the command's default) */
	unsigned wflags;  /* write_file_atomic's flags: WRITE_FOLLOW_SYMLINKS */
};

enum { CLI_MAX_OPTS = 64 };

/* One parse of a command line, on the caller's stack. getopt_long does the work (its optind
 * is reset by cli_parser_init), so one parse at a time. */
struct cli_parser {
	const struct cmd *cmd; /* NULL: the global options before the command */
	struct globals *g;
	/* Where the shared options go, set by the caller after cli_parser_init (cli_run_init
	 * does): OPT_FINDINGS, OPT_LIMITS, OPT_MAX_REFS and OPT_JOBS into *findings, OPT_OUTPUT
	 * and OPT_FOLLOW_SYMLINKS into *out; cli_next stores them and never returns them. */
	struct findings_opts *findings;
	struct cli_output *out;
	int argc;
	char **argv;
	const struct opt_doc *opt; /* the option just returned */
	const char *arg;	   /* its argument, or NULL */
	int first;		   /* at the end: the first operand */
	char **ops;		   /* at the end: the operands, argv + first */
	int nops;		   /* and their number */
	int status;		   /* after a stop: the exit status */
	struct option longopts[CLI_MAX_OPTS + 8];
	char shortopts[2 * CLI_MAX_OPTS + 8];
};

/* Parse argv[1..argc) for command `c` (argv[0] is its name), or, with `c` NULL, the global
 * options in front of the command (parsing stops at the command). Global options met on the
 * way are stored in *g. */
void cli_parser_init(struct cli_parser *p, const struct cmd *c, int argc, char **argv,
		     struct globals *g);
/* The id of the next option (p->opt, p->arg), 0 at the end of the options (p->first, p->ops
 * and p->nops then give the operands), or -1 when the command must stop and return p->status:
 * 0 after printing its help (--help of a command), 2 after a usage error with a did-you-mean,
 * a bad value, or operands the command's record does not allow. --color, --quiet and --lang
 * are handled here and never returned, nor are the shared options bound through p->findings or
 * p->out; before the command, --help and --version are returned (CLI_HELP, CLI_VERSION). */
int cli_next(struct cli_parser *p);
/* What every command's handler is given (cmd_run): its own copy of the globals (--color,
 * --quiet, --lang after the command change only this run), the shared options' values and the
 * parser over its command line. The parser points into the struct: initialise it in place and
 * do not copy it. Owns nothing; nothing to release. */
struct cli_run {
	struct globals g;
	struct findings_opts fo; /* OPT_FINDINGS; the limit options are in fo.lim */
	struct cli_output out;	 /* OPT_OUTPUT, OPT_FOLLOW_SYMLINKS */
	int argc;		 /* the whole command line, argv[0] the command's name */
	char **argv;
	char **paths; /* paths_after_dashdash: those after "--", NULL when there is no "--" */
	int npaths;
	struct cli_parser cp;
};

/* Start command `c`'s parse of argv[1..argc) (up to "--" for a record with
 * paths_after_dashdash): r->g a copy of *g0, r->fo and r->out the defaults, r->cp ready for
 * `while ((id = cli_next(&r->cp)) > 0)`. */
void cli_run_init(struct cli_run *r, const struct cmd *c, int argc, char **argv,
		  const struct globals *g0);
/* The usage error of a format that writes a binary file (xlsx, docx, pdf) without -o; returns
 * 2. */
int cli_needs_output(const struct cli_run *r, const char *format);
/* Where -o said to write, "-" (standard output) when it was not given. */
const char *cli_output_path(const struct cli_run *r);
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
int cli_write_failed(const struct cli_run *r, const char *path, int err);
/* The same `io-error` finding, recorded into `ds` (a command that writes several outputs
 * reports it with its other findings). */
void cli_write_finding(struct diag_store *ds, const char *path, int err);
/* The end of a command that renders its output into `sb` in format `format`: `rendered` is the
 * renderer's return (non-zero: it failed, errno says why; "cannot render", exit status 4),
 * else `sb` is written atomically where -o says (cli_write_failed when it cannot be). `sb` is
 * released in every case: the output is done with once written. Returns the exit status, 0
 * when written. */
int cli_write_output(const struct cli_run *r, const char *format, int rendered, struct strbuf *sb);
/* Print the findings in the chosen format (r->fo) and return the exit status for them. */
int cli_report(const struct cli_run *r, struct diag_store *ds);

/* Load the run's one operand as a document under its zhun.yaml (rules, language) and build its
 * model (convert, render); findings go to `ds`. Returns the document (doc_free), or NULL when
 * it could not be loaded. */
struct doc *cli_doc_load(const struct cli_run *r, struct diag_store *ds);

/* Append document `d` to `sb` in the spelling `to`, "yaml" or "xml" (convert, import). False,
 * with an `internal` finding in `ds`, when the tree does not fit the XML spelling. */
bool cli_spell(const struct doc *d, const char *to, struct strbuf *sb, struct diag_store *ds);

/* A system loaded for a command that draws it (table, eval): the findings, the settings of its
 * project, the project and the resolved path. */
struct cli_system {
	struct diag_store ds;
	struct settings st;
	struct project p;
	char *path;
};
/* Load the system named by the run's one operand ("." when there is none) under its zhun.yaml,
 * check it on its own date (a command's --as-of only moves the date it draws for) and print the
 * findings that bear on the output, warnings and worse, on standard error. Returns 0 when there
 * is a system without errors; else the exit status: 2 after printing `no_system` (one %s for
 * the path) when the operand holds no system, 1 when it has errors, 3 when it could not be
 * read. Release `s` with cli_system_release in every case. */
int cli_system_load(struct cli_system *s, const struct cli_run *r, const char *no_system);
void cli_system_release(struct cli_system *s);

#endif
