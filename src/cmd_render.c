/* SPDX-License-Identifier: MIT */
/* cmd_render: `zhun render FILE --format html|pdf|docx [-o OUT]` — publish a standard from its
 * source in the layout of GB/T 1.1—2020: the layout is computed once (doc_layout) and drawn by
 * the chosen renderer. A standard with errors is not rendered; a system is sent to `zhun table`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "doc_layout.h"
#include "i18n.h"
#include "model.h"
#include "paths.h"
#include "project.h"
#include "settings.h"
#include "strbuf.h"
#include "write.h"

enum { RENDER_OPT_FORMAT = CLI__COMMAND, RENDER_OPT_OUTPUT, RENDER_OPT_FOLLOW_SYMLINKS };

static const struct opt_doc render_opts[] = {
	{ "format", 'f', "FMT", "html pdf docx",
	  "output format: html (default), pdf (printed by Chromium) or docx (Word)",
	  RENDER_OPT_FORMAT },
	{ "output", 'o', "OUT", NULL,
	  "write to OUT (atomically) instead of standard output; pdf and docx need it",
	  RENDER_OPT_OUTPUT },
	{ "follow-symlinks", 0, NULL, NULL,
	  "when OUT is a symbolic link, replace the file it points to (refused by default)",
	  RENDER_OPT_FOLLOW_SYMLINKS },
	OPT_LIMITS,
	OPT_HELP,
	OPT_END,
};

static int cmd_render_run(int argc, char **argv, const struct globals *g0);

const struct cmd cmd_render_entry = {
	"render",
	cmd_render_run,
	"zhun render [OPTIONS] FILE [--format html|pdf|docx] [-o OUT]",
	N_("Publish a standard in the layout of GB/T 1.1—2020: HTML, PDF or Word."),
	render_opts,
	N_("Exit status: 0 rendered, 1 the standard has errors (not rendered), 2 usage error, 3 "
	   "unreadable input, 4 the output or a program it needs failed."),
};

/* The directory a figure's `src` is relative to: the standard's own. */
static char *base_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	char *d = malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, path, n);
	d[n] = 0;
	return d;
}

static int cmd_render_run(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = &cmd_render_entry;
	const struct doc_renderer *r = doc_renderer_find("html");
	const char *out = NULL;
	unsigned wflags = 0;
	struct cli_run run;
	cli_run_init(&run, c, argc, argv, g0, CLI_BIND_LIMITS);
	int id;
	while ((id = cli_next(&run.cp)) > 0) {
		switch (id) {
		case RENDER_OPT_FORMAT:
			r = doc_renderer_find(run.cp.arg);
			if (!r)
				return cli_usage_error(
				    c, _("--format must be html, pdf or docx, not '%s'"),
				    run.cp.arg);
			break;
		case RENDER_OPT_OUTPUT:
			out = run.cp.arg;
			break;
		case RENDER_OPT_FOLLOW_SYMLINKS:
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
		return cli_usage_error(c, _("render takes one standard, not %d files"),
				       argc - first);
	if (r->binary && !out)
		return cli_usage_error(c, _("--format %s writes a binary file: give -o FILE"),
				       r->name);
	const char *in = argv[first];
	struct diag_store ds;
	diag_store_init(&ds);
	struct settings set;
	settings_apply(&set, in, run.g.lang != NULL, &ds, &run.fo.lim);
	settings_release(&set);
	struct doc *d = load_file(in, &ds, &run.fo.lim);
	if (d)
		model_build(d, &ds);
	if (d && d->model && d->kind != DOC_STANDARD) {
		struct diag *f = diag_add(
		    &ds, DIAG_RENDER_NOT_STANDARD, d->path, (struct loc){ 1, 1 },
		    d->kind == DOC_SYSTEM ? _("\"%s\" is a standard system, not a standard")
					  : _("\"%s\" is a registry, not a standard"),
		    d->path);
		diag_set_help(f, d->kind == DOC_SYSTEM
				     ? _("`zhun table` renders a system's 标准体系表")
				     : _("`zhun render` publishes a standard file"));
	}
	diag_store_finish(&ds);
	/* a wrong document is worse than none: a standard with errors is not rendered */
	if (!d || !d->model || diag_failed(&ds, false)) {
		int st = cli_report(&ds, &run.fo, &run.g, "render");
		doc_free(d);
		diag_store_release(&ds);
		return st;
	}
	struct doc_layout *l = doc_layout_new(d->model);
	char *dir = base_dir(in);
	char *root = project_root_of(in, &run.fo.lim);
	struct doc_render_opts ro = {
		.path = d->path, .base_dir = dir, .root = root, .lim = &run.fo.lim
	};
	struct strbuf sb = STRBUF_INIT;
	int status;
	if (r->render(l, &ro, &sb, &ds) != 0) {
		/* a missing or failing program is a system error, whatever else was found */
		cli_report(&ds, &run.fo, &run.g, "render");
		status = 4;
	} else if (write_file_atomic(out ? out : "-", sb.buf, sb.len, wflags) != 0) {
		/* with the other findings, in the chosen format: an io-error, exit 3 */
		cli_write_finding(&ds, out ? out : "-", errno);
		status = cli_report(&ds, &run.fo, &run.g, "render");
	} else {
		status = cli_report(&ds, &run.fo, &run.g, "render");
	}
	free(dir);
	free(root);
	strbuf_release(&sb);
	doc_layout_free(l);
	doc_free(d);
	diag_store_release(&ds);
	return status;
}
