/* SPDX-License-Identifier: MIT */
/* cmd_validate: `zhun validate FILE...` — load each file (a system with its registries and
 * linked documents) and report every structural finding. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "project.h"

const struct opt_doc validate_opts[] = {
	OPT_FINDINGS,
	OPT_HELP,
	{ NULL, 0, NULL, NULL, NULL },
};

/* Apply zhun.yaml of the operand's directory (or of the current one) once per run. */
static void apply_settings(const char *operand, struct diag_store *ds, const struct limits *lim,
			   const struct globals *g)
{
	struct settings s = { 0 };
	settings_load(operand, &s, ds, lim);
	if (s.lang && !g->lang)
		i18n_set_lang(s.lang);
	settings_release(&s);
}

int cmd_validate(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = cmd_find("validate");
	struct globals g = *g0;
	struct findings_opts fo;
	findings_opts_init(&fo);
	const char *arg;
	int first, i;
	while ((i = cli_next(argc, argv, c, &g, &arg, &first)) != -1) {
		if (i == -2)
			return 2;
		if (!strcmp(c->opts[i].name, "help")) {
			cli_print_help(c, stdout);
			return 0;
		}
		if (cli_findings_opt(c, i, arg, &fo) < 0)
			return 2;
	}
	if (first >= argc)
		return cli_usage_error(c, _("no file given"));
	struct diag_store ds;
	diag_store_init(&ds);
	apply_settings(".", &ds, &fo.lim, &g);
	for (int k = first; k < argc; k++) {
		char *path = project_resolve(argv[k], &ds);
		if (!path)
			continue;
		struct project p;
		project_init(&p);
		project_add(&p, &project_files, path, &ds, &fo.lim);
		project_release(&p);
		free(path);
	}
	int status = cli_report(&ds, &fo, &g, "validate");
	diag_store_release(&ds);
	return status;
}
