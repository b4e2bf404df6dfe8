/* SPDX-License-Identifier: MIT */
/* main: the global options, the command lookup with did-you-mean, and dispatch. */
#include <stdio.h>

#include "cmd.h"
#include "config.h"
#include "i18n.h"
#include "paths.h"

static int unknown_command(const char *name)
{
	const char *s = cmd_suggest(name);
	if (s)
		fprintf(stderr, _("zhun: unknown command '%s'; did you mean '%s'?\n"), name, s);
	else
		fprintf(stderr, _("zhun: unknown command '%s'\n"), name);
	fprintf(stderr, _("Try 'zhun --help' for the list of commands.\n"));
	return 2;
}

int main(int argc, char **argv)
{
	i18n_init();
	struct globals g = { COLOR_AUTO, false, NULL };
	struct cli_parser p;
	cli_parser_init(&p, NULL, argc, argv, &g);
	int id;
	while ((id = cli_next(&p)) > 0) {
		if (id == CLI_HELP) {
			cmd_print_usage(stdout);
			return 0;
		}
		if (id == CLI_VERSION) {
			printf("zhun %s\n", ZHUN_VERSION);
			return 0;
		}
	}
	if (id < 0)
		return p.status;
	if (p.first >= argc) {
		cmd_print_usage(stderr);
		return 2;
	}
	const struct cmd *c = cmd_find(argv[p.first]);
	if (!c)
		return unknown_command(argv[p.first]);
	if (!paths_load_tables())
		return 4;
	int r = cmd_run(c, argc - p.first, argv + p.first, &g);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "zhun: %s\n", _("cannot write to standard output"));
		return 4;
	}
	return r;
}
