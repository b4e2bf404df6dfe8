/* SPDX-License-Identifier: MIT */
/* cmd_validate: `zhun validate FILE...` — load each file (a system with its registries and
 * linked documents) and report every structural finding. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "pool.h"
#include "project.h"
#include "settings.h"

static const struct opt_doc validate_opts[] = {
	OPT_FINDINGS,
	OPT_JOBS,
	OPT_HELP,
	OPT_END,
};

/* Loading and building a document is all of its validation. */
static void validated(void *arg, size_t k, struct doc *d, struct diag_store *ds, unsigned worker)
{
	(void)arg, (void)k, (void)d, (void)ds, (void)worker;
}

static int cmd_validate_run(struct cli_run *run)
{
	struct diag_store ds;
	diag_store_init(&ds);
	/* the settings of the first file's project hold for the whole run */
	struct settings st;
	settings_apply(&st, run->cp.ops[0], run->g.lang != NULL, &ds, &run->fo.lim);
	for (int k = 0; k < run->cp.nops; k++) {
		char *path = project_resolve(run->cp.ops[k], &st, &ds, &run->fo.lim);
		if (!path)
			continue;
		struct project p;
		project_init(&p);
		/* linked documents: loaded and validated on the pool, each freed after */
		p.stream = true;
		project_add(&p, &project_files, path, &ds, &run->fo.lim);
		project_each_link(&p, &ds, run->fo.jobs ? run->fo.jobs : pool_default_jobs(),
				  validated, NULL);
		project_release(&p);
		free(path);
	}
	int status = cli_report(run, &ds);
	settings_release(&st);
	diag_store_release(&ds);
	return status;
}

const struct cmd cmd_validate_entry = {
	CMD_RECORD(validate),
	.operands = { .min = 1, .max = CLI_MANY, .what = N_("file") },
	.usage = "zhun validate [OPTIONS] FILE...",
	.summary =
	    N_("Validate system, standard and registry files (YAML or XML) against the format."),
};
