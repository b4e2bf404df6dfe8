/* SPDX-License-Identifier: MIT */
/* cmd_convert: `zhun convert FILE --to yaml|xml [-o OUT]` — the two spellings of one tree,
 * written atomically; the input is never overwritten unless -o names it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "model.h"
#include "paths.h"
#include "settings.h"
#include "strbuf.h"
#include "write.h"

enum { CONVERT_TO = CLI__COMMAND, CONVERT_OUTPUT, CONVERT_FOLLOW_SYMLINKS };

static const struct opt_doc convert_opts[] = {
	{ "to", 't', "SYNTAX", "yaml xml", "output spelling: yaml or xml (default: the other one)",
	  CONVERT_TO },
	{ "output", 'o', "OUT", NULL, "write to OUT (atomically) instead of standard output",
	  CONVERT_OUTPUT },
	{ "follow-symlinks", 0, NULL, NULL,
	  "when OUT is a symbolic link, replace the file it points to (refused by default)",
	  CONVERT_FOLLOW_SYMLINKS },
	OPT_FINDINGS,
	OPT_HELP,
	OPT_END,
};

static int cmd_convert_run(int argc, char **argv, const struct globals *g0);

const struct cmd cmd_convert_entry = {
	"convert",
	cmd_convert_run,
	"zhun convert [OPTIONS] FILE --to yaml|xml [-o OUT]",
	N_("Convert a file between the YAML and XML spellings without loss."),
	convert_opts,
	NULL,
};

static int cmd_convert_run(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = &cmd_convert_entry;
	const char *to = NULL, *out = NULL;
	unsigned wflags = 0;
	struct cli_run run;
	cli_run_init(&run, c, argc, argv, g0, CLI_BIND_FINDINGS);
	int id;
	while ((id = cli_next(&run.cp)) > 0) {
		switch (id) {
		case CONVERT_TO:
			if (strcmp(run.cp.arg, "yaml") && strcmp(run.cp.arg, "xml"))
				return cli_usage_error(c, _("--to must be yaml or xml, not '%s'"),
						       run.cp.arg);
			to = run.cp.arg;
			break;
		case CONVERT_OUTPUT:
			out = run.cp.arg;
			break;
		case CONVERT_FOLLOW_SYMLINKS:
			wflags |= WRITE_FOLLOW_SYMLINKS;
			break;
		}
	}
	if (id < 0)
		return run.cp.status;
	int first = run.cp.first;
	if (first >= argc)
		return cli_usage_error(c, _("no file given"));
	if (argc - first > 1)
		return cli_usage_error(c, _("convert takes one file, not %d"), argc - first);
	const char *in = argv[first];
	struct diag_store ds;
	diag_store_init(&ds);
	struct settings set;
	settings_apply(&set, in, run.g.lang != NULL, &ds, &run.fo.lim);
	settings_release(&set);
	struct doc *d = load_file(in, &ds, &run.fo.lim);
	if (d)
		model_build(d, &ds);
	diag_store_finish(&ds);
	if (!d || diag_failed(&ds, false)) {
		/* a file with errors is not converted: the other spelling could not hold it */
		int st = cli_report(&ds, &run.fo, &run.g, "convert");
		doc_free(d);
		diag_store_release(&ds);
		return st;
	}
	if (!to) {
		if (out && path_has_ext(out, ".xml"))
			to = "xml";
		else if (out && (path_has_ext(out, ".yaml") || path_has_ext(out, ".yml")))
			to = "yaml";
		else /* the other spelling; an imported format (a Word document) becomes YAML */
			to = d->syntax == SYNTAX_YAML ? "xml" : "yaml";
	}
	if (!strcmp(to, "xml") && !write_xml_check(d, &ds)) {
		diag_store_finish(&ds);
		int st = cli_report(&ds, &run.fo, &run.g, "convert");
		doc_free(d);
		diag_store_release(&ds);
		return st;
	}
	struct strbuf sb = STRBUF_INIT;
	bool ok = true;
	if (!strcmp(to, "xml"))
		ok = write_xml(d, &sb);
	else
		write_yaml(d, &sb);
	int status;
	if (!ok) {
		diag_add(&ds, DIAG_INTERNAL, d->path, (struct loc){ 0, 0 },
			 _("the tree does not fit the XML spelling"));
		cli_report(&ds, &run.fo, &run.g, "convert");
		status = 4;
	} else if (write_file_atomic(out ? out : "-", sb.buf, sb.len, wflags) != 0) {
		status = cli_write_failed("convert", out ? out : "-", errno, &run.g);
	} else {
		/* warnings still reach the user */
		status = cli_report(&ds, &run.fo, &run.g, "convert");
	}
	strbuf_release(&sb);
	doc_free(d);
	diag_store_release(&ds);
	return status;
}
