/* SPDX-License-Identifier: MIT */
/* cmd_validate: `zhun validate FILE...` — load each file (a system with its registries and
 * linked documents) and report every structural finding. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "project.h"

static const struct opt_doc validate_opts[] = {
	OPT_FINDINGS,
	OPT_HELP,
	OPT_END,
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

static int cmd_validate_run(int argc, char **argv, const struct globals *g0);

const struct cmd cmd_validate_entry = {
	"validate", cmd_validate_run, "zhun validate [OPTIONS] FILE...",
	N_("Validate system, standard and registry files (YAML or XML) against the format."),
	validate_opts, NULL,
};

static int cmd_validate_run(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = &cmd_validate_entry;
	struct globals g = *g0;
	struct findings_opts fo;
	findings_opts_init(&fo);
	struct cli_parser cp;
	cli_parser_init(&cp, c, argc, argv, &g);
	int id;
	while ((id = cli_next(&cp)) > 0)
		if (cli_findings_opt(&cp, id, &fo) < 0)
			return 2;
	if (id < 0)
		return cp.status;
	int first = cp.first;
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
