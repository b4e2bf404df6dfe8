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
#include "project.h"
#include "strbuf.h"
#include "write.h"

enum { RENDER_OPT_FORMAT = CLI__COMMAND };

static const struct opt_doc render_opts[] = {
	{ "format", 'f', "FMT", "html pdf docx",
	  "output format: html (default), pdf (printed by Chromium) or docx (Word)",
	  RENDER_OPT_FORMAT },
	OPT_OUTPUT("OUT",
		   "write to OUT (atomically) instead of standard output; pdf and docx need it"),
	OPT_FOLLOW_SYMLINKS("OUT"),
	OPT_LIMITS,
	OPT_HELP,
	OPT_END,
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

static int cmd_render_run(struct cli_run *run)
{
	const struct doc_renderer *r = doc_renderer_find("html");
	int id;
	while ((id = cli_next(&run->cp)) > 0) {
		if (id != RENDER_OPT_FORMAT)
			continue;
		r = doc_renderer_find(run->cp.arg);
		if (!r)
			return cli_usage_error(run->cp.cmd,
					       _("--format must be html, pdf or docx, not '%s'"),
					       run->cp.arg);
	}
	if (id < 0)
		return run->cp.status;
	if (r->binary && !run->out.path)
		return cli_needs_output(run, r->name);
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = cli_doc_load(run, &ds);
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
		int st = cli_report(run, &ds);
		doc_free(d);
		diag_store_release(&ds);
		return st;
	}
	struct doc_layout *l = doc_layout_new(d->model);
	char *dir = base_dir(run->cp.ops[0]);
	char *root = project_root_of(run->cp.ops[0], &run->fo.lim);
	struct doc_render_opts ro = {
		.path = d->path, .base_dir = dir, .root = root, .lim = &run->fo.lim
	};
	struct strbuf sb = STRBUF_INIT;
	const char *out = cli_output_path(run);
	int status;
	if (r->render(l, &ro, &sb, &ds) != 0) {
		/* a missing or failing program is a system error, whatever else was found */
		cli_report(run, &ds);
		status = 4;
	} else if (write_file_atomic(out, sb.buf, sb.len, run->out.wflags) != 0) {
		/* with the other findings, in the chosen format: an io-error, exit 3 */
		cli_write_finding(&ds, out, errno);
		status = cli_report(run, &ds);
	} else {
		status = cli_report(run, &ds);
	}
	free(dir);
	free(root);
	strbuf_release(&sb);
	doc_layout_free(l);
	doc_free(d);
	diag_store_release(&ds);
	return status;
}

const struct cmd cmd_render_entry = {
	CMD_RECORD(render),
	.operands = { .min = 1, .max = 1, .what = N_("file") },
	.usage = "zhun render [OPTIONS] FILE [--format html|pdf|docx] [-o OUT]",
	.summary = N_("Publish a standard in the layout of GB/T 1.1—2020: HTML, PDF or Word."),
	.exit_status = N_("Exit status: 0 rendered, 1 the standard has errors (not rendered), 2 "
			  "usage error, 3 unreadable input, 4 the output or a program it needs "
			  "failed."),
};
