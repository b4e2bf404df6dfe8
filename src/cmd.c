/* SPDX-License-Identifier: MIT */
/* cmd: the list of commands (one record per cmd_<name>.c), the name lookup with did-you-mean,
 * `zhun --help` and `zhun help`. */
#include "cmd.h"

#include <string.h>

#include "cmd_list.h"
#include "i18n.h"
#include "suggest.h"

/* One record per command file, as tmux declares its commands; which files, and in which order,
 * is meson.build's zhun_commands (cmd_list.h). `help` is this file's own. */
#define ZHUN_COMMAND(name) extern const struct cmd cmd_##name##_entry;
ZHUN_COMMANDS
#undef ZHUN_COMMAND
extern const struct cmd cmd_help_entry;

const struct cmd *const commands[] = {
#define ZHUN_COMMAND(name) &cmd_##name##_entry,
	ZHUN_COMMANDS
#undef ZHUN_COMMAND
	    & cmd_help_entry,
	NULL,
};

const struct cmd *cmd_find(const char *name)
{
	for (const struct cmd *const *c = commands; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

const char *cmd_suggest(const char *name)
{
	const char *names[sizeof commands / sizeof commands[0]];
	size_t n = 0;
	for (const struct cmd *const *c = commands; *c; c++)
		names[n++] = (*c)->name;
	names[n] = NULL;
	return did_you_mean(name, names);
}

void cmd_print_usage(FILE *out)
{
	fprintf(out, _("Usage: zhun [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n\n"));
	fprintf(out, _("zhun checks Chinese standards and standard systems (标准体系) kept as YAML "
		       "or XML.\n\n"));
	fprintf(out, _("Commands:\n"));
	for (const struct cmd *const *c = commands; *c; c++)
		fprintf(out, "  %-10s %s\n", (*c)->name, _((*c)->summary));
	fprintf(out, _("\nGlobal options:\n"));
	cli_print_opts(cli_global_opts, out);
	fprintf(out,
		_("\nRun 'zhun help COMMAND' or 'zhun COMMAND --help' for a command's options.\n"));
	fprintf(out, _("Exit status: 0 clean, 1 findings, 2 usage error, 3 unreadable or "
		       "unparsable input, 4 internal error.\n"));
}

/* Whether the command has options the handler must take itself (ids from CLI__COMMAND on). */
static bool has_own_options(const struct cmd *c)
{
	for (const struct opt_doc *o = c->opts; o && o->name; o++)
		if (o->id >= CLI__COMMAND)
			return true;
	return false;
}

int cmd_run(const struct cmd *c, int argc, char **argv, const struct globals *g)
{
	struct cli_run run;
	cli_run_init(&run, c, argc, argv, g);
	if (!has_own_options(c)) {
		/* every option is a shared one, stored as it is read */
		int id;
		while ((id = cli_next(&run.cp)) > 0)
			;
		if (id < 0)
			return run.cp.status;
	}
	return c->run(&run);
}

/* ---- zhun help ---- */

static const struct opt_doc help_opts[] = {
	OPT_HELP,
	OPT_END,
};

static int cmd_help_run(struct cli_run *run)
{
	if (!run->cp.nops) {
		cmd_print_usage(stdout);
		return 0;
	}
	const char *name = run->cp.ops[0];
	const struct cmd *c = cmd_find(name);
	if (!c) {
		const char *s = cmd_suggest(name);
		if (s)
			return cli_usage_error(
			    run->cp.cmd, _("unknown command '%s'; did you mean '%s'?"), name, s);
		return cli_usage_error(run->cp.cmd, _("unknown command '%s'"), name);
	}
	cli_print_help(c, stdout);
	return 0;
}

const struct cmd cmd_help_entry = {
	CMD_RECORD(help),
	.operands = { .max = CLI_MANY },
	.usage = "zhun help [COMMAND]",
	.summary = N_("Show help for zhun or for a command."),
	.exit_status = N_("Exit status: 0 success, 2 unknown command."),
	/* what follows the command's name is not looked at */
};
