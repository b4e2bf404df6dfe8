/* SPDX-License-Identifier: MIT */
/* cmd: the command table and the shared command-line machinery.
 *
 * How to add a subcommand:
 *   1. write src/cmd_foo.c with `int cmd_foo(int argc, char **argv, const struct globals *g)`,
 *      its option table (struct opt_doc[]) and usage line, parsing with cli_parse();
 *   2. add one entry to the command table in main.c (help output is generated from it);
 *   3. add the file to the meson source list;
 *   4. man page, bash/zsh/fish completion entries;
 *   5. golden tests for every output format; new diagnostic codes appended and documented. */
#ifndef ZHUN_CMD_H
#define ZHUN_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "load.h"

enum color_mode { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER };

/* Options that precede the command (and may also follow it). */
struct globals {
	enum color_mode color;
	bool quiet;
	const char *lang; /* NULL: from the locale / zhun.yaml */
};

/* One option of a command: drives getopt_long, --help output, man pages and completions. */
struct opt_doc {
	const char *name;   /* long name without dashes */
	int short_name;     /* 0 for none */
	const char *arg;    /* argument placeholder ("FMT"), NULL for a flag */
	const char *values; /* allowed values for completion, space-separated, or NULL;
			     * "@presets": the names of data/presets/NAME.yaml;
			     * "@findings": the findings formats (diag_printers), and
			     * `help` holds one %s for their list (cli_opt_help) */
	const char *help;   /* English; translated at print time */
};

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv, const struct globals *g);
	const char *usage;    /* "zhun validate [OPTIONS] FILE..." */
	const char *summary;  /* one line, English */
	const struct opt_doc *opts; /* terminated by a {NULL} entry */
	const char *exit_status; /* the command's exit-status line, or NULL for the findings one */
};

extern const struct cmd commands[];
const struct cmd *cmd_find(const char *name);

/* Limits on what loading one file may cost (docs/limits.md), for every command that loads. */
#define OPT_LIMITS                                                                           \
	{ "max-file-size", 0, "BYTES", NULL, "largest input file accepted (default 32 MiB)" }, \
	{ "max-depth", 0, "N", NULL, "deepest nesting accepted (default 64)" },              \
	{ "max-aliases", 0, "N", NULL, "most YAML aliases per file (default 1000)" },        \
	{ "max-nodes", 0, "N", NULL, "most tree nodes per file, aliases expanded (default 3000000)" }, \
	{ "max-line-length", 0, "BYTES", NULL, "longest line accepted (default 1 MiB)" }

/* The limit of the cross-reference pass, for the commands that run `check`. */
#define OPT_MAX_REFS                                                                         \
	{ "max-refs", 0, "N", NULL, "most cross-references checked per document (default 100000)" }

/* Options shared by commands that report findings. */
#define OPT_FINDINGS                                                                         \
	{ "format", 'f', "FMT", "@findings", "how to print findings: %s" },                  \
	{ "strict", 0, NULL, NULL, "make warnings fail (exit status 1)" },                   \
	OPT_LIMITS

#define OPT_HELP { "help", 'h', NULL, NULL, "show this help and exit" }

/* Parsed common options of a findings command. */
struct findings_opts {
	const struct diag_printer *format;
	bool strict;
	struct limits lim;
};

/* Iterate options of `argc/argv` (argv[0] is the command name) against `opts`. Returns the
 * option's index in `opts` and sets *arg, -1 at the end (then *optind_out is the first operand),
 * or -2 after printing a usage error with a did-you-mean (the caller exits 2). Also handles the
 * global options (--color, --quiet, --lang) anywhere, storing them in *g. */
int cli_next(int argc, char **argv, const struct cmd *c, struct globals *g, const char **arg,
	     int *optind_out);
/* Handle a limit option (OPT_LIMITS, OPT_MAX_REFS; index `i` of c->opts, by name): returns 1 if
 * handled, 0 if not a limit option, -1 on a bad value (message printed; exit 2). */
int cli_limits_opt(const struct cmd *c, int i, const char *arg, struct limits *lim);
/* Handle a shared findings option (index `i` of c->opts, by name); returns 1 if handled, 0 if
 * not a shared option, -1 on a bad value (message printed; exit 2). */
int cli_findings_opt(const struct cmd *c, int i, const char *arg, struct findings_opts *fo);
void findings_opts_init(struct findings_opts *fo);
/* Print a usage error "zhun CMD: message" and a hint to --help; returns 2. */
int cli_usage_error(const struct cmd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print the command's help (usage, summary, options) to `out`. */
void cli_print_help(const struct cmd *c, FILE *out);
/* Append the help text of option `o` to `sb`, in English or (translate) in the user's language;
 * an option with values "@findings" gets the list of findings formats in its help. */
void cli_opt_help(const struct opt_doc *o, bool translate, struct strbuf *sb);
/* Whether to colour output on `f` under the global setting (auto: a terminal and no NO_COLOR). */
bool cli_use_color(const struct globals *g, FILE *f);
/* Print the findings in the chosen format and return the exit status for them. */
int cli_report(struct diag_store *ds, const struct findings_opts *fo, const struct globals *g,
	       const char *command);

int cmd_init(int argc, char **argv, const struct globals *g);
int cmd_validate(int argc, char **argv, const struct globals *g);
int cmd_convert(int argc, char **argv, const struct globals *g);
int cmd_check(int argc, char **argv, const struct globals *g);
int cmd_explain(int argc, char **argv, const struct globals *g);
int cmd_table(int argc, char **argv, const struct globals *g);
int cmd_diff(int argc, char **argv, const struct globals *g);
int cmd_help(int argc, char **argv, const struct globals *g);

#endif
