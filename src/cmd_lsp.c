/* SPDX-License-Identifier: MIT */
/* cmd_lsp: `zhun lsp` — run the language server on standard input and output for an editor
 * (docs/editors.md). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "lsp.h"

enum { LSP_STDIO = CLI__COMMAND, LSP_DEBOUNCE };

static const struct opt_doc lsp_opts[] = {
	{ "stdio", 0, NULL, NULL,
	  "talk over standard input and output (the default; accepted for clients that pass it)",
	  LSP_STDIO },
	{ "debounce", 0, "MS", NULL,
	  "milliseconds to wait after the last change before checking (default 150)",
	  LSP_DEBOUNCE },
	OPT_LIMITS,
	OPT_MAX_REFS,
	OPT_HELP,
	OPT_END,
};

static int cmd_lsp_run(struct cli_run *run)
{
	struct lsp_opts o;
	lsp_opts_init(&o);
	int id;
	while ((id = cli_next(&run->cp)) > 0) {
		if (id == LSP_DEBOUNCE) {
			char *end;
			long v = strtol(run->cp.arg, &end, 10);
			if (*end || end == run->cp.arg || v < 0 || v > 10000)
				return cli_usage_error(
				    run->cp.cmd,
				    _("--debounce needs milliseconds from 0 to 10000, not '%s'"),
				    run->cp.arg);
			o.debounce_ms = (int)v;
		}
	}
	if (id < 0)
		return run->cp.status;
	o.lang = run->g.lang;
	o.lim = run->fo.lim;
	/* a file's text in a message may be escaped to twice its size, with room for the rest */
	o.max_message = 2 * o.lim.max_file_size + (1u << 20);
	/* a client that closes its end must not kill the server before it can clean up */
	signal(SIGPIPE, SIG_IGN);
	return lsp_serve(0, 1, &o);
}

const struct cmd cmd_lsp_entry = {
	CMD_RECORD(lsp),
	.usage = "zhun lsp [OPTIONS]",
	.summary = N_("Serve the checks to an editor as a language server (LSP over standard input "
		      "and output)."),
	.exit_status = N_("Exit status: 0 after shutdown and exit, 1 when the client left without "
			  "shutdown, 2 usage error, 4 when the client cannot be written to."),
};
