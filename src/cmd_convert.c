/* SPDX-License-Identifier: MIT */
/* cmd_convert: `zhun convert FILE --to yaml|xml [-o OUT]` — the two spellings of one tree,
 * written atomically; the input is never overwritten unless -o names it. */
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "model.h"
#include "paths.h"
#include "strbuf.h"
#include "write.h"

enum { CONVERT_TO = CLI__COMMAND };

static const struct opt_doc convert_opts[] = {
	{ "to", 't', "SYNTAX", "yaml xml", "output spelling: yaml or xml (default: the other one)",
	  CONVERT_TO },
	OPT_OUTPUT("OUT", "write to OUT (atomically) instead of standard output"),
	OPT_FOLLOW_SYMLINKS("OUT"),
	OPT_FINDINGS,
	OPT_HELP,
	OPT_END,
};

/* The spelling -o's name asks for, else the other one; an imported format (a Word document)
 * becomes YAML. */
static const char *spelling_for(const char *out, const struct doc *d)
{
	if (out && path_has_ext(out, ".xml"))
		return "xml";
	if (out && (path_has_ext(out, ".yaml") || path_has_ext(out, ".yml")))
		return "yaml";
	return d->syntax == SYNTAX_YAML ? "xml" : "yaml";
}

static int cmd_convert_run(struct cli_run *run)
{
	const char *to = NULL;
	int id;
	while ((id = cli_next(&run->cp)) > 0) {
		if (id != CONVERT_TO)
			continue;
		if (strcmp(run->cp.arg, "yaml") && strcmp(run->cp.arg, "xml"))
			return cli_usage_error(run->cp.cmd, _("--to must be yaml or xml, not '%s'"),
					       run->cp.arg);
		to = run->cp.arg;
	}
	if (id < 0)
		return run->cp.status;
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = cli_doc_load(run, &ds);
	diag_store_finish(&ds);
	struct strbuf sb = STRBUF_INIT;
	int status;
	/* a file with errors is not converted: the other spelling could not hold it */
	if (!d || diag_failed(&ds, false)) {
		status = cli_report(run, &ds);
		goto out;
	}
	if (!to)
		to = spelling_for(run->out.path, d);
	if (!strcmp(to, "xml") && !write_xml_check(d, &ds)) {
		status = cli_report(run, &ds);
		goto out;
	}
	if (!cli_spell(d, to, &sb, &ds)) {
		cli_report(run, &ds);
		status = 4;
	} else if ((status = cli_write_output(run, to, 0, &sb)) == 0) {
		/* warnings still reach the user */
		status = cli_report(run, &ds);
	}
out:
	strbuf_release(&sb);
	doc_free(d);
	diag_store_release(&ds);
	return status;
}

const struct cmd cmd_convert_entry = {
	CMD_RECORD(convert),
	.operands = { .min = 1, .max = 1, .what = N_("file") },
	.usage = "zhun convert [OPTIONS] FILE --to yaml|xml [-o OUT]",
	.summary = N_("Convert a file between the YAML and XML spellings without loss."),
};
