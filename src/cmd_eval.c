/* SPDX-License-Identifier: MIT */
/* cmd_eval: `zhun eval [PATH]` — check a system and its records, then compute the pilot's
 * indexes and write the 自我评价报告 (GB/T 24421.4—2023) in one of the registered formats. A
 * system with errors is not evaluated (its figures would be suspect); warnings are printed. */

#include "cmd.h"
#include "eval.h"
#include "i18n.h"
#include "strbuf.h"

enum { EVAL_OPT_FORMAT = CLI__COMMAND, EVAL_OPT_AS_OF };

static const struct opt_doc eval_opts[] = {
	{ "format", 'f', "FMT", "text markdown html json docx",
	  "output format: text (default), markdown, html, json, docx (Word, needs -o)",
	  EVAL_OPT_FORMAT },
	{ "as-of", 0, "DATE", NULL, "evaluate on DATE (default: the system's date, else today)",
	  EVAL_OPT_AS_OF },
	OPT_OUTPUT("FILE", "write to FILE (atomically) instead of standard output"),
	OPT_FOLLOW_SYMLINKS("FILE"),
	OPT_LIMITS,
	OPT_MAX_REFS,
	OPT_HELP,
	OPT_END,
};

static int cmd_eval_run(struct cli_run *run)
{
	const struct eval_renderer *r = eval_renderer_find("text");
	struct date as_of = { 0 };
	int id;
	while ((id = cli_next(&run->cp)) > 0) {
		const char *arg = run->cp.arg;
		if (id == EVAL_OPT_FORMAT && !(r = eval_renderer_find(arg)))
			return cli_usage_error(
			    run->cp.cmd,
			    _("--format must be text, markdown, html, json or docx, not '%s'"),
			    arg);
		if (id == EVAL_OPT_AS_OF && !date_parse(arg, &as_of))
			return cli_usage_error(run->cp.cmd,
					       _("--as-of needs a date YYYY-MM-DD, not '%s'"), arg);
	}
	if (id < 0)
		return run->cp.status;
	if (r->binary && !run->out.path)
		return cli_needs_output(run, r->name);
	struct cli_system s;
	int status = cli_system_load(
	    &s, run,
	    _("zhun eval: '%s' holds no system (a standard, registry or records file?)\n"));
	if (!status) {
		/* as for `zhun table`: what was recorded after --as-of does not count yet */
		struct eval *e = eval_new(&s.p, &as_of, i18n_is_zh());
		struct strbuf sb = STRBUF_INIT;
		int rendered = r->render(e, &sb);
		status = cli_write_output(run, r->name, rendered, &sb);
		eval_free(e);
	}
	cli_system_release(&s);
	return status;
}

const struct cmd cmd_eval_entry = {
	CMD_RECORD(eval),
	.operands = { .max = 1, .what = N_("system") },
	.usage = "zhun eval [PATH] [--as-of DATE] [--format FMT] [-o OUT]",
	.summary = N_("Compute the pilot's indexes and write its self-evaluation report (GB/T "
		      "24421.4)."),
};
