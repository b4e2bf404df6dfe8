/* SPDX-License-Identifier: MIT */
/* cmd_check: `zhun check [PATH...]` — validate, then run every rule pass over a system with its
 * registries and documents, or over lone standard files. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "i18n.h"
#include "pool.h"
#include "project.h"
#include "settings.h"

enum { CHECK_AS_OF = CLI__COMMAND };

static const struct opt_doc check_opts[] = {
	{ "as-of", 0, "DATE", NULL, "evaluate statuses on DATE (default: the system's date, else today)",
	  CHECK_AS_OF },
	OPT_FINDINGS,
	OPT_MAX_REFS,
	OPT_JOBS,
	OPT_HELP,
	OPT_END,
};

static int cmd_check_run(int argc, char **argv, const struct globals *g0);

const struct cmd cmd_check_entry = {
	"check", cmd_check_run, "zhun check [OPTIONS] [PATH...]",
	N_("Check numbering, cross-references, standard numbers and lifecycle across a system."),
	check_opts, NULL,
};

static int cmd_check_run(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = &cmd_check_entry;
	struct date as_of = { 0 };
	struct cli_run run;
	cli_run_init(&run, c, argc, argv, g0, CLI_BIND_FINDINGS);
	int id;
	while ((id = cli_next(&run.cp)) > 0)
		if (id == CHECK_AS_OF && !date_parse(run.cp.arg, &as_of))
			return cli_usage_error(c, _("--as-of needs a date YYYY-MM-DD, not '%s'"), run.cp.arg);
	if (id < 0)
		return run.cp.status;
	int first = run.cp.first;
	struct diag_store ds;
	diag_store_init(&ds);
	char *dot[] = { (char *)".", NULL };
	char **ops = first < argc ? argv + first : dot;
	int nops = first < argc ? argc - first : 1;
	/* the settings of the first operand's project hold for the whole run */
	struct settings st;
	settings_apply(&st, ops[0], run.g.lang != NULL, &ds, &run.fo.lim);
	struct project lone;
	project_init(&lone);
	lone.max_refs = run.fo.lim.max_refs;
	for (int k = 0; k < nops; k++) {
		char *path = project_resolve(ops[k], &st, &ds, &run.fo.lim);
		if (!path)
			continue;
		struct project p;
		project_init(&p);
		p.rcfg = st.records;
		/* each linked document is loaded, checked and freed before the next */
		p.stream = true;
		if (project_add(&p, &project_files, path, &ds, &run.fo.lim) && p.system) {
			check_run_jobs(&p, &ds, &as_of, run.fo.jobs ? run.fo.jobs : pool_default_jobs());
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
	int status = cli_report(&ds, &run.fo, &run.g, "check");
	settings_release(&st);
	diag_store_release(&ds);
	return status;
}
