/* SPDX-License-Identifier: MIT */
/* cmd_eval: `zhun eval [PATH]` — check a system and its records, then compute the pilot's
 * indexes and write the 自我评价报告 (GB/T 24421.4—2023) in one of the registered formats. A
 * system with errors is not evaluated (its figures would be suspect); warnings are printed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "eval.h"
#include "i18n.h"
#include "project.h"
#include "settings.h"
#include "strbuf.h"
#include "write.h"

enum {
	EVAL_OPT_FORMAT = CLI__COMMAND,
	EVAL_OPT_AS_OF,
	EVAL_OPT_OUTPUT,
	EVAL_OPT_FOLLOW_SYMLINKS,
};

static const struct opt_doc eval_opts[] = {
	{ "format", 'f', "FMT", "text markdown html json docx",
	  "output format: text (default), markdown, html, json, docx (Word, needs -o)",
	  EVAL_OPT_FORMAT },
	{ "as-of", 0, "DATE", NULL, "evaluate on DATE (default: the system's date, else today)",
	  EVAL_OPT_AS_OF },
	{ "output", 'o', "FILE", NULL, "write to FILE (atomically) instead of standard output",
	  EVAL_OPT_OUTPUT },
	{ "follow-symlinks", 0, NULL, NULL,
	  "when FILE is a symbolic link, replace the file it points to (refused by default)",
	  EVAL_OPT_FOLLOW_SYMLINKS },
	OPT_LIMITS,
	OPT_MAX_REFS,
	OPT_HELP,
	OPT_END,
};

static int cmd_eval_run(int argc, char **argv, const struct globals *g0);

const struct cmd cmd_eval_entry = {
	"eval",
	cmd_eval_run,
	"zhun eval [PATH] [--as-of DATE] [--format FMT] [-o OUT]",
	N_("Compute the pilot's indexes and write its self-evaluation report (GB/T 24421.4)."),
	eval_opts,
	NULL,
};

static int cmd_eval_run(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = &cmd_eval_entry;
	const char *output = NULL;
	unsigned wflags = 0;
	const struct eval_renderer *r = eval_renderer_find("text");
	struct date as_of = { 0 };
	struct cli_run run;
	cli_run_init(&run, c, argc, argv, g0, CLI_BIND_LIMITS);
	int id;
	while ((id = cli_next(&run.cp)) > 0) {
		const char *arg = run.cp.arg;
		switch (id) {
		case EVAL_OPT_FORMAT:
			r = eval_renderer_find(arg);
			if (!r)
				return cli_usage_error(c,
						       _("--format must be text, markdown, html, "
							 "json or docx, not '%s'"),
						       arg);
			break;
		case EVAL_OPT_AS_OF:
			if (!date_parse(arg, &as_of))
				return cli_usage_error(
				    c, _("--as-of needs a date YYYY-MM-DD, not '%s'"), arg);
			break;
		case EVAL_OPT_OUTPUT:
			output = arg;
			break;
		case EVAL_OPT_FOLLOW_SYMLINKS:
			wflags |= WRITE_FOLLOW_SYMLINKS;
			break;
		}
	}
	if (id < 0)
		return run.cp.status;
	if (r->binary && !output)
		return cli_usage_error(c, _("--format %s writes a binary file: give -o FILE"),
				       r->name);
	int first = run.cp.first;
	if (argc - first > 1)
		return cli_usage_error(c, _("one system at a time: got '%s' and '%s'"), argv[first],
				       argv[first + 1]);
	const char *operand = first < argc ? argv[first] : ".";
	struct diag_store ds;
	diag_store_init(&ds);
	struct settings st;
	settings_apply(&st, operand, run.g.lang != NULL, &ds, &run.fo.lim);
	struct diag_print_opts po = { cli_use_color(&run.g, stderr), run.g.quiet, "eval",
				      SEV_WARNING };
	int status = 0;
	struct project p;
	project_init(&p);
	p.rcfg = st.records;
	char *path = project_resolve(operand, &st, &ds, &run.fo.lim);
	if (path && project_add(&p, &project_files, path, &ds, &run.fo.lim) && !p.system) {
		fprintf(
		    stderr,
		    _("zhun eval: '%s' holds no system (a standard, registry or records file?)\n"),
		    path);
		status = 2;
		goto out;
	}
	/* as for `zhun table`: the input is checked on its own date, --as-of only moves the date
	 * the indexes are computed on (what was recorded after it does not count yet) */
	struct date own = { 0 };
	if (p.system)
		check_run(&p, &ds, &own);
	diag_store_finish(&ds);
	diag_print(&ds, DIAG_PRINTER_TEXT, stderr, &po);
	if (!p.system || diag_failed(&ds, false)) {
		status = diag_exit_status(&ds, false);
		if (!status)
			status = 3;
		goto out;
	}
	struct eval *e = eval_new(&p, &as_of, i18n_is_zh());
	struct strbuf sb = STRBUF_INIT;
	if (r->render(e, &sb) != 0) {
		fprintf(stderr, _("zhun eval: cannot render %s: %s\n"), r->name, strerror(errno));
		status = 4;
	} else if (write_file_atomic(output ? output : "-", sb.buf, sb.len, wflags) != 0) {
		status = cli_write_failed("eval", output ? output : "-", errno, &run.g);
	}
	strbuf_release(&sb);
	eval_free(e);
out:
	project_release(&p);
	settings_release(&st);
	free(path);
	diag_store_release(&ds);
	return status;
}
