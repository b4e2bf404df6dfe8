/* SPDX-License-Identifier: MIT */
/* cmd: the command table (one record per subcommand) and `zhun help`. */
#include "cmd.h"

#include <string.h>

#include "i18n.h"
#include "suggest.h"

static const struct opt_doc help_opts[] = {
	OPT_HELP,
	{ NULL, 0, NULL, NULL, NULL },
};

extern const struct opt_doc init_opts[];
extern const struct opt_doc validate_opts[], convert_opts[], check_opts[];
extern const struct opt_doc explain_opts[];
extern const struct opt_doc table_opts[];
extern const struct opt_doc diff_opts[];

const struct cmd commands[] = {
	{ "init", cmd_init, "zhun init [--preset NAME] [DIR]",
	  N_("Start a standards repository: system, example standard, registry, git and CI files."),
	  init_opts,
	  N_("Exit status: 0 every file created, 1 some files existed and were skipped, 2 usage error, 4 internal error.") },
	{ "validate", cmd_validate, "zhun validate [OPTIONS] FILE...",
	  N_("Validate system, standard and registry files (YAML or XML) against the format."),
	  validate_opts, NULL },
	{ "check", cmd_check, "zhun check [OPTIONS] [PATH...]",
	  N_("Check numbering, cross-references, standard numbers and lifecycle across a system."),
	  check_opts, NULL },
	{ "convert", cmd_convert, "zhun convert [OPTIONS] FILE --to yaml|xml [-o OUT]",
	  N_("Convert a file between the YAML and XML spellings without loss."), convert_opts, NULL },
	{ "explain", cmd_explain, "zhun explain [CODE]",
	  N_("List the diagnostic codes, or explain one with its rule and examples."), explain_opts,
	  N_("Exit status: 0 success, 2 unknown code or usage error.") },
	{ "table", cmd_table,
	  "zhun table [SYSTEM] [--part PART] [--format FMT] [--columns LIST] [--preset NAME] [-o OUT]",
	  N_("Render the standard-system table: structure chart, detail table, statistics."),
	  table_opts, NULL },
	{ "diff", cmd_diff, "zhun diff [OPTIONS] OLD NEW | REV1 [REV2] [-- PATH...]",
	  N_("Compare two revisions and classify every change under 立改废释 (establish, revise, abolish, interpret …)."),
	  diff_opts,
	  N_("Exit status as diff(1): 0 no differences, 1 differences, 2 trouble; with --check, 0 no rule broken, 1 some.") },
	{ "help", cmd_help, "zhun help [COMMAND]", N_("Show help for zhun or for a command."),
	  help_opts, N_("Exit status: 0 success, 2 unknown command.") },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

const struct cmd *cmd_find(const char *name)
{
	for (const struct cmd *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void zhun_print_help(FILE *out);

void zhun_print_help(FILE *out)
{
	fprintf(out, _("Usage: zhun [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n\n"));
	fprintf(out, _("zhun checks Chinese standards and standard systems (标准体系) kept as YAML or XML.\n\n"));
	fprintf(out, _("Commands:\n"));
	for (const struct cmd *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, _(c->summary));
	fprintf(out, _("\nGlobal options:\n"));
	fprintf(out, "  %-28s %s\n", "-h, --help", _("show this help and exit"));
	fprintf(out, "  %-28s %s\n", "    --version", _("show the version and exit"));
	fprintf(out, "  %-28s %s\n", "    --color WHEN", _("colour output: auto (default), always, never"));
	fprintf(out, "  %-28s %s\n", "-q, --quiet", _("print less: no summary lines"));
	fprintf(out, "  %-28s %s\n", "    --lang LANG", _("message language: zh or en (default: locale, zhun.yaml)"));
	fprintf(out, _("\nRun 'zhun help COMMAND' or 'zhun COMMAND --help' for a command's options.\n"));
	fprintf(out, _("Exit status: 0 clean, 1 findings, 2 usage error, 3 unreadable or unparsable input, 4 internal error.\n"));
}

int cmd_help(int argc, char **argv, const struct globals *g)
{
	struct globals gl = *g;
	const struct cmd *self = cmd_find("help");
	const char *arg;
	int first, r;
	while ((r = cli_next(argc, argv, self, &gl, &arg, &first)) != -1) {
		if (r == -2)
			return 2;
		cli_print_help(self, stdout);
		return 0;
	}
	if (first >= argc) {
		zhun_print_help(stdout);
		return 0;
	}
	const struct cmd *c = cmd_find(argv[first]);
	if (!c) {
		const char *names[32];
		size_t n = 0;
		for (const struct cmd *k = commands; k->name && n < 31; k++)
			names[n++] = k->name;
		names[n] = NULL;
		const char *s = did_you_mean(argv[first], names);
		if (s)
			return cli_usage_error(self, _("unknown command '%s'; did you mean '%s'?"), argv[first], s);
		return cli_usage_error(self, _("unknown command '%s'"), argv[first]);
	}
	cli_print_help(c, stdout);
	return 0;
}
