/* SPDX-License-Identifier: MIT */
/* cmd_check: `zhun check [PATH...]` — validate, then run every rule pass over a system with its
 * registries and documents, or over lone standard files. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "i18n.h"
#include "project.h"

const struct opt_doc check_opts[] = {
	{ "as-of", 0, "DATE", NULL, "evaluate statuses on DATE (default: the system's date, else today)" },
	OPT_FINDINGS,
	OPT_MAX_REFS,
	OPT_HELP,
	{ NULL, 0, NULL, NULL, NULL },
};

int cmd_check(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = cmd_find("check");
	struct globals g = *g0;
	struct findings_opts fo;
	findings_opts_init(&fo);
	struct date as_of = { 0 };
	const char *arg;
	int first, i;
	while ((i = cli_next(argc, argv, c, &g, &arg, &first)) != -1) {
		if (i == -2)
			return 2;
		const char *name = c->opts[i].name;
		if (!strcmp(name, "help")) {
			cli_print_help(c, stdout);
			return 0;
		}
		if (!strcmp(name, "as-of")) {
			if (!date_parse(arg, &as_of))
				return cli_usage_error(c, _("--as-of needs a date YYYY-MM-DD, not '%s'"), arg);
			continue;
		}
		if (cli_findings_opt(c, i, arg, &fo) < 0)
			return 2;
	}
	struct diag_store ds;
	diag_store_init(&ds);
	char *dot[] = { (char *)".", NULL };
	char **ops = first < argc ? argv + first : dot;
	int nops = first < argc ? argc - first : 1;
	/* zhun.yaml of the first directory operand (or of the current directory) */
	struct settings s = { 0 };
	settings_load(nops == 1 && strcmp(ops[0], ".") ? ops[0] : ".", &s, &ds, &fo.lim);
	if (s.lang && !g.lang)
		i18n_set_lang(s.lang);
	settings_release(&s);
	struct project lone;
	project_init(&lone);
	lone.max_refs = fo.lim.max_refs;
	for (int k = 0; k < nops; k++) {
		char *path = project_resolve(ops[k], &ds);
		if (!path)
			continue;
		struct project p;
		project_init(&p);
		if (project_add(&p, &project_files, path, &ds, &fo.lim) && p.system) {
			check_run(&p, &ds, &as_of);
			project_release(&p);
		} else {
			/* lone standards and registries are checked together, once */
			project_take_others(&lone, &p);
			project_release(&p);
		}
		free(path);
	}
	if (lone.nothers)
		check_run(&lone, &ds, &as_of);
	project_release(&lone);
	int status = cli_report(&ds, &fo, &g, "check");
	diag_store_release(&ds);
	return status;
}
