/* SPDX-License-Identifier: MIT */
/* cmd_import: `zhun import FILE... [-o OUT]` — a consultant's spreadsheet (or any format of the
 * loader table) brought into the repository as a system or registry file: loaded through the
 * table with the import options, validated, written atomically in YAML or XML, never over an
 * existing file without --force. The formats themselves are load_<fmt>.c; nothing here knows
 * a workbook from a Word document. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "i18n.h"
#include "import.h"
#include "import_files.h"
#include "model.h"
#include "paths.h"
#include "pool.h"
#include "settings.h"
#include "strbuf.h"
#include "write.h"
#include "xalloc.h"

enum {
	IMPORT_KIND = CLI__COMMAND,
	IMPORT_SHEET,
	IMPORT_MAP,
	IMPORT_TO,
	IMPORT_ID,
	IMPORT_TITLE,
	IMPORT_OWNER,
	IMPORT_DATE,
	IMPORT_DRY_RUN,
	IMPORT_FORCE
};

static const struct opt_doc import_opts[] = {
	OPT_OUTPUT("OUT", "write to OUT (a file, - for standard output, or an existing directory "
			  "for several inputs) instead of INPUT-STEM.yaml here"),
	{ "kind", 'k', "KIND", "system registry standard",
	  "what the input holds: system, registry or standard (default: from the content)",
	  IMPORT_KIND },
	{ "sheet", 0, "NAME", NULL,
	  "the workbook sheet to import (default: the first with a header row)", IMPORT_SHEET },
	{ "map", 'm', "HEADING=KEY", NULL,
	  "read the column HEADING as KEY (a row key of docs/format.md), or leave it out with "
	  "HEADING=-; repeatable",
	  IMPORT_MAP },
	{ "to", 't', "SYNTAX", "yaml xml", "output spelling: yaml (default) or xml", IMPORT_TO },
	{ "id", 0, "ID", NULL, "the system's id (default: the input's file name stem)", IMPORT_ID },
	{ "title", 0, "TEXT", NULL, "the system's title, when the sheet has no title row",
	  IMPORT_TITLE },
	{ "owner", 0, "TEXT", NULL, "the system's owner, when the sheet names none", IMPORT_OWNER },
	{ "date", 0, "DATE", NULL,
	  "the as-of date (YYYY-MM-DD) of the statuses, when the sheet has none (a CSV file)",
	  IMPORT_DATE },
	{ "dry-run", 'n', NULL, NULL, "report what would be written, and write nothing",
	  IMPORT_DRY_RUN },
	{ "force", 0, NULL, NULL, "write over existing files", IMPORT_FORCE },
	OPT_FOLLOW_SYMLINKS("OUT"),
	OPT_FINDINGS,
	OPT_JOBS,
	OPT_HELP,
	OPT_END,
};

/* OUT/<stem>.<ext> (OUT NULL: the current directory). Caller frees. */
static char *output_for(const char *in, const char *dir, const char *ext)
{
	const char *base = strrchr(in, '/');
	base = base ? base + 1 : in;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	struct strbuf sb = STRBUF_INIT;
	if (dir) {
		strbuf_adds(&sb, dir);
		if (sb.len && sb.buf[sb.len - 1] != '/')
			strbuf_addc(&sb, '/');
	}
	strbuf_add(&sb, base, n);
	strbuf_addf(&sb, ".%s", ext);
	return strbuf_detach(&sb, NULL);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static int cmd_import_run(struct cli_run *run)
{
	const struct cmd *c = run->cp.cmd;
	struct import_opts io = { 0 };
	const char **map = NULL;
	size_t nmap = 0, capmap = 0;
	const char *to = "yaml";
	bool dry = false, force = false;
	int id, status = 0;
	while ((id = cli_next(&run->cp)) > 0) {
		switch (id) {
		case IMPORT_KIND:
			io.kind = doc_kind_from_name(run->cp.arg);
			if (!io.kind) {
				status = cli_usage_error(c,
							 _("--kind must be system, registry or "
							   "standard, not '%s'"),
							 run->cp.arg);
				goto out;
			}
			break;
		case IMPORT_SHEET:
			io.sheet = run->cp.arg;
			break;
		case IMPORT_MAP: {
			const char *eq = strrchr(run->cp.arg, '=');
			if (!eq || eq == run->cp.arg || !import_key_known(eq + 1)) {
				status = cli_usage_error(
				    c,
				    _("--map takes HEADING=KEY with a row key of docs/format.md "
				      "(or - to leave the column out), not '%s'"),
				    run->cp.arg);
				goto out;
			}
			XGROW(map, capmap, nmap + 1);
			map[nmap++] = run->cp.arg;
			break;
		}
		case IMPORT_TO:
			if (strcmp(run->cp.arg, "yaml") && strcmp(run->cp.arg, "xml")) {
				status = cli_usage_error(c, _("--to must be yaml or xml, not '%s'"),
							 run->cp.arg);
				goto out;
			}
			to = run->cp.arg;
			break;
		case IMPORT_ID:
			io.id = run->cp.arg;
			break;
		case IMPORT_TITLE:
			io.title = run->cp.arg;
			break;
		case IMPORT_OWNER:
			io.owner = run->cp.arg;
			break;
		case IMPORT_DATE: {
			struct date dd;
			if (!date_parse(run->cp.arg, &dd)) {
				status = cli_usage_error(
				    c, _("--date takes a day as YYYY-MM-DD, not '%s'"),
				    run->cp.arg);
				goto out;
			}
			io.date = run->cp.arg;
			break;
		}
		case IMPORT_DRY_RUN:
			dry = true;
			break;
		case IMPORT_FORCE:
			force = true;
			break;
		}
	}
	if (id < 0) {
		status = run->cp.status;
		goto out;
	}
	io.map = map;
	io.nmap = nmap;
	const char *out = run->out.path;
	char **ins = run->cp.ops;
	int nin = run->cp.nops;
	bool to_dir = out && strcmp(out, "-") && is_dir(out);
	if (nin > 1 && out && !to_dir) {
		status = cli_usage_error(
		    c, _("%d inputs need -o DIR, an existing directory, not '%s'"), nin, out);
		goto out;
	}
	char **outs = xcalloc((size_t)nin, sizeof *outs);
	for (int i = 0; i < nin; i++) {
		const char *in = ins[i];
		outs[i] = !out || to_dir ? output_for(in, to_dir ? out : NULL, to) : xstrdup(out);
		/* checked before anything is read, so that a refusal leaves every file as it was */
		if (!force && !dry && strcmp(outs[i], "-") && exists(outs[i]))
			status =
			    cli_usage_error(c, _("'%s' exists; --force writes over it"), outs[i]);
		for (int k = 0; k < i && !status; k++)
			if (!strcmp(outs[k], outs[i]) && strcmp(outs[i], "-"))
				status = cli_usage_error(c,
							 _("'%s' and '%s' would both be written to "
							   "'%s'"),
							 ins[k], in, outs[i]);
		if (status)
			break;
	}
	if (status)
		goto free_outs;

	struct diag_store ds;
	diag_store_init(&ds);
	struct settings set;
	settings_apply(&set, ins[0], run->g.lang != NULL, &ds, &run->fo.lim);
	settings_release(&set);
	import_options = &io;
	struct import_file *files = xcalloc((size_t)nin, sizeof *files);
	for (int i = 0; i < nin; i++)
		files[i] = (struct import_file){ ins[i], outs[i], 0, false };
	struct import_files_opts fo = { .to = to,
					.dry = dry,
					.quiet = run->g.quiet,
					.wflags = run->out.wflags,
					.jobs = run->fo.jobs ? run->fo.jobs : pool_default_jobs(),
					.lim = &run->fo.lim };
	import_files_run(files, (size_t)nin, &fo, &ds);
	int write_status = 0;
	for (int i = 0; i < nin; i++) {
		/* with the other findings, in the chosen format: an io-error, exit 3 */
		if (files[i].write_errno)
			cli_write_finding(&ds, outs[i], files[i].write_errno);
		if (files[i].internal)
			write_status = 4;
	}
	free(files);
	import_options = NULL;
	diag_store_finish(&ds);
	status = cli_report(run, &ds);
	if (write_status > status)
		status = write_status;
	diag_store_release(&ds);
free_outs:
	for (int i = 0; i < nin; i++)
		free(outs[i]);
	free(outs);
out:
	free(map);
	return status;
}

const struct cmd cmd_import_entry = {
	CMD_RECORD(import),
	.operands = { .min = 1, .max = CLI_MANY, .what = N_("file") },
	.usage = "zhun import [OPTIONS] FILE... [-o OUT]",
	.summary = N_("Bring a spreadsheet (xlsx, csv, tsv) or a Word document (docx; doc, wps, "
		      "xls, et through LibreOffice) into the repository as a system, registry or "
		      "standard file."),
};
