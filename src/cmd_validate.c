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

static int cmd_validate_run(int argc, char **argv, const struct globals *g0);

const struct cmd cmd_validate_entry = {
	"validate", cmd_validate_run, "zhun validate [OPTIONS] FILE...",
	N_("Validate system, standard and registry files (YAML or XML) against the format."),
	validate_opts, NULL,
};

/* Loading and building a document is all of its validation. */
static void validated(void *arg, size_t k, struct doc *d, struct diag_store *ds, unsigned worker)
{
	(void)arg, (void)k, (void)d, (void)ds, (void)worker;
}

static int cmd_validate_run(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = &cmd_validate_entry;
	struct globals g = *g0;
	struct findings_opts fo;
	findings_opts_init(&fo);
	struct cli_parser cp;
	cli_parser_init(&cp, c, argc, argv, &g);
	cp.findings = &fo;
	int id;
	while ((id = cli_next(&cp)) > 0)
		;
	if (id < 0)
		return cp.status;
	int first = cp.first;
	if (first >= argc)
		return cli_usage_error(c, _("no file given"));
	struct diag_store ds;
	diag_store_init(&ds);
	/* the settings of the first file's project hold for the whole run */
	struct settings st;
	settings_apply(&st, argv[first], g.lang != NULL, &ds, &fo.lim);
	for (int k = first; k < argc; k++) {
		char *path = project_resolve(argv[k], &st, &ds, &fo.lim);
		if (!path)
			continue;
		struct project p;
		project_init(&p);
		/* linked documents: loaded and validated on the pool, each freed after */
		p.stream = true;
		project_add(&p, &project_files, path, &ds, &fo.lim);
		project_each_link(&p, &ds, fo.jobs ? fo.jobs : pool_default_jobs(), validated, NULL);
		project_release(&p);
		free(path);
	}
	int status = cli_report(&ds, &fo, &g, "validate");
	settings_release(&st);
	diag_store_release(&ds);
	return status;
}
