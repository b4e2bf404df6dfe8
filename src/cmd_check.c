/* SPDX-License-Identifier: MIT */
/* cmd_check: `zhun check [PATH...]` — validate, then run every rule pass over a system with its
 * registries and documents, or over lone standard files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "node.h"
#include "pool.h"
#include "project.h"
#include "settings.h"

enum { CHECK_AS_OF = CLI__COMMAND };

static const struct opt_doc check_opts[] = {
	{ "as-of", 0, "DATE", NULL,
	  "evaluate statuses on DATE (default: the system's date, else today)", CHECK_AS_OF },
	OPT_FINDINGS,
	OPT_MAX_REFS,
	OPT_JOBS,
	OPT_HELP,
	OPT_END,
};

/* What one project brings to the summary of a clean run: its standards (the system's rows, or
 * the lone standard files) and the files read (system, registries, linked documents, lone
 * files). */
static void tally(const struct project *p, size_t *nstd, size_t *nfiles)
{
	if (p->system) {
		*nstd += p->system->nrows;
		/* a streaming project lists its documents as links (documents stays empty) */
		*nfiles +=
		    1 + p->nregistries + p->nrecords + (p->stream ? p->nlinks : p->ndocuments);
	}
	for (size_t i = 0; i < p->nothers; i++)
		*nstd += p->others[i]->kind == DOC_STANDARD;
	*nfiles += p->nothers;
}

/* A clean run says so, once, on stderr: silence reads as "did it run at all?" to someone who
 * has not used zhun before. Text format only (the others are for tools), never with --quiet. */
static void say_clean(const struct diag_store *ds, const struct findings_opts *fo,
		      const struct globals *g, size_t nstd, size_t nfiles)
{
	if (g->quiet || diag_store_size(ds) || strcmp(fo->format->name, "text"))
		return;
	char a[64], b[64];
	snprintf(a, sizeof a, ngettext("%zu standard", "%zu standards", nstd), nstd);
	snprintf(b, sizeof b, ngettext("%zu file", "%zu files", nfiles), nfiles);
	fprintf(stderr, _("no findings: %s, %s\n"), a, b);
}

static int cmd_check_run(struct cli_run *run)
{
	struct date as_of = { 0 };
	int id;
	while ((id = cli_next(&run->cp)) > 0)
		if (id == CHECK_AS_OF && !date_parse(run->cp.arg, &as_of))
			return cli_usage_error(run->cp.cmd,
					       _("--as-of needs a date YYYY-MM-DD, not '%s'"),
					       run->cp.arg);
	if (id < 0)
		return run->cp.status;
	struct diag_store ds;
	diag_store_init(&ds);
	char *dot[] = { (char *)".", NULL };
	char **ops = run->cp.nops ? run->cp.ops : dot;
	int nops = run->cp.nops ? run->cp.nops : 1;
	/* the settings of the first operand's project hold for the whole run */
	struct settings st;
	settings_apply(&st, ops[0], run->g.lang != NULL, &ds, &run->fo.lim);
	size_t nstd = 0, nfiles = 0;
	struct project lone;
	project_init(&lone);
	lone.max_refs = run->fo.lim.max_refs;
	for (int k = 0; k < nops; k++) {
		char *path = project_resolve(ops[k], &st, &ds, &run->fo.lim);
		if (!path)
			continue;
		struct project p;
		project_init(&p);
		p.rcfg = st.records;
		/* each linked document is loaded, checked and freed before the next */
		p.stream = true;
		if (project_add(&p, &project_files, path, &ds, &run->fo.lim) && p.system) {
			check_run_jobs(&p, &ds, &as_of,
				       run->fo.jobs ? run->fo.jobs : pool_default_jobs());
			tally(&p, &nstd, &nfiles);
			project_release(&p);
		} else {
			/* lone standards and registries are checked together, once */
			project_take_others(&lone, &p);
			project_release(&p);
		}
		free(path);
	}
	if (lone.nothers) {
		check_run(&lone, &ds, &as_of);
		tally(&lone, &nstd, &nfiles);
	}
	project_release(&lone);
	int status = cli_report(run, &ds);
	say_clean(&ds, &run->fo, &run->g, nstd, nfiles);
	settings_release(&st);
	diag_store_release(&ds);
	return status;
}

const struct cmd cmd_check_entry = {
	CMD_RECORD(check),
	.operands = { .max = CLI_MANY },
	.usage = "zhun check [OPTIONS] [PATH...]",
	.summary = N_("Check numbering, cross-references, standard numbers and lifecycle across a "
		      "system."),
};
