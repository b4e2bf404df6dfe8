/* SPDX-License-Identifier: MIT */
/* cmd_table: `zhun table [SYSTEM]` — check a system, then render its 标准体系表 (structure chart,
 * detail table, statistics) in one of the registered formats. A system with errors is not
 * rendered (a wrong table is worse than none); warnings are printed and the table is drawn. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "strbuf.h"
#include "suggest.h"
#include "table.h"
#include "xalloc.h"

enum {
	TABLE_OPT_PART = CLI__COMMAND,
	TABLE_OPT_FORMAT,
	TABLE_OPT_COLUMNS,
	TABLE_OPT_PRESET,
	TABLE_OPT_AS_OF,
	TABLE_OPT_COUNTS
};

static const struct opt_doc table_opts[] = {
	{ "part", 'p', "PART", "chart detail stats all",
	  "what to draw: chart, detail, stats or all (default: all; csv: detail; svg, dot: chart)",
	  TABLE_OPT_PART },
	{ "format", 'f', "FMT", "text markdown html csv json xlsx docx svg dot",
	  "output format: text (default), markdown, html, csv, json, xlsx, docx, svg, dot",
	  TABLE_OPT_FORMAT },
	{ "columns", 'c', "LIST", NULL,
	  "detail columns in order, comma-separated, or all (every field, the set zhun import "
	  "reads back): seq,code,title,number,level,published,effective,adopts,replaces,status,"
	  "type,action,note,category,title-en,withdrawn,replaced-by,refs,key,document,path,"
	  "reviewed,amendments,interpretations,reviews",
	  TABLE_OPT_COLUMNS },
	{ "preset", 0, "NAME", "gbt13016 pilot",
	  "column preset and headings: gbt13016 (default) or pilot", TABLE_OPT_PRESET },
	{ "as-of", 0, "DATE", NULL,
	  "evaluate statuses on DATE (default: the system's date, else today)", TABLE_OPT_AS_OF },
	{ "counts", 0, NULL, NULL, "show the number of standards in each chart box",
	  TABLE_OPT_COUNTS },
	OPT_OUTPUT("FILE",
		   "write to FILE (atomically) instead of standard output; xlsx and docx need it"),
	OPT_FOLLOW_SYMLINKS("FILE"),
	OPT_LIMITS,
	OPT_MAX_REFS,
	OPT_HELP,
	OPT_END,
};

/* Text width: $COLUMNS, else the terminal's when writing to one, else no limit (files and
 * pipes get unwrapped tables unless COLUMNS says otherwise). */
static size_t text_width(bool to_stdout)
{
	const char *cols = getenv("COLUMNS");
	if (cols && *cols) {
		char *end;
		long v = strtol(cols, &end, 10);
		if (!*end && v > 20 && v < 100000)
			return (size_t)v;
	}
	struct winsize ws;
	if (to_stdout && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 20)
		return ws.ws_col;
	return 0;
}

static void format_names(struct strbuf *sb)
{
	/* listed as the sentence around them lists */
	const char *sep = i18n_messages_zh() ? "、" : ", ";
	for (const struct table_renderer *r = table_renderers; r->name; r++)
		strbuf_addf(sb, "%s%s", r == table_renderers ? "" : sep, r->name);
}

/* `--columns all` is the table `zhun import` reads back; what no column carries (docs/table.md)
 * is said once, so that a round trip through a spreadsheet does not lose it unnoticed. */
static void note_not_carried(const struct system *s)
{
	const char *sep = i18n_is_zh() ? "、" : ", ";
	struct strbuf keys = STRBUF_INIT;
	if (s->own_prefixes.n)
		strbuf_adds(&keys, "own-prefixes");
	if (s->registry.n)
		strbuf_addf(&keys, "%sregistry", keys.len ? sep : "");
	if (s->review_cycle.set)
		strbuf_addf(&keys, "%sreview-cycle", keys.len ? sep : "");
	if (keys.len)
		fprintf(stderr,
			_("zhun table: no column carries the system's %s (not in an import of "
			  "this table)\n"),
			keys.buf);
	strbuf_release(&keys);
}

static int cmd_table_run(struct cli_run *run)
{
	const struct cmd *c = run->cp.cmd;
	const char *columns = NULL;
	const struct table_renderer *r = table_renderer_find("text");
	unsigned parts = 0;
	struct table_opts to = { TABLE_PRESET_GBT13016, NULL, 0, { 0 }, true, false };
	int id;
	while ((id = cli_next(&run->cp)) > 0) {
		const char *arg = run->cp.arg;
		switch (id) {
		case TABLE_OPT_PART:
			parts = table_part_by_name(arg);
			if (!parts)
				return cli_usage_error(
				    c, _("--part must be chart, detail, stats or all, not '%s'"),
				    arg);
			break;
		case TABLE_OPT_FORMAT:
			r = table_renderer_find(arg);
			if (!r) {
				struct strbuf sb = STRBUF_INIT;
				format_names(&sb);
				int st = cli_usage_error(
				    c, _("--format must be one of %s, not '%s'"), sb.buf, arg);
				strbuf_release(&sb);
				return st;
			}
			break;
		case TABLE_OPT_COLUMNS:
			columns = arg;
			break;
		case TABLE_OPT_PRESET: {
			int p = table_preset_by_name(arg);
			if (p < 0)
				return cli_usage_error(
				    c, _("--preset must be gbt13016 or pilot, not '%s'"), arg);
			to.preset = (enum table_preset)p;
			break;
		}
		case TABLE_OPT_AS_OF:
			if (!date_parse(arg, &to.as_of))
				return cli_usage_error(
				    c, _("--as-of needs a date YYYY-MM-DD, not '%s'"), arg);
			break;
		case TABLE_OPT_COUNTS:
			to.counts = true;
			break;
		}
	}
	if (id < 0)
		return run->cp.status;
	const char *output = run->out.path;
	if (!parts)
		parts = r->default_parts;
	if (parts & ~r->parts)
		return cli_usage_error(c, _("--format %s draws only the %s, not --part %s"),
				       r->name, table_part_name(r->parts), table_part_name(parts));
	if (r->one_part && parts != TABLE_CHART && parts != TABLE_DETAIL && parts != TABLE_STATS)
		return cli_usage_error(
		    c, _("--format %s holds one table: choose --part chart, detail or stats"),
		    r->name);
	if (r->binary && !run->out.path)
		return cli_needs_output(run, r->name);
	enum table_col cols[TCOL__COUNT];
	if (columns) {
		char *bad;
		int n = table_columns_parse(columns, cols, TCOL__COUNT, &bad);
		if (n < 0) {
			const char *keys[TCOL__COUNT + 1];
			for (int k = 0; k < TCOL__COUNT; k++)
				keys[k] = table_col_key((enum table_col)k);
			keys[TCOL__COUNT] = NULL;
			const char *hint = *bad ? did_you_mean(bad, keys) : NULL;
			int st =
			    !*bad ? cli_usage_error(c, _("--columns: empty column name in '%s'"),
						    columns)
			    : table_col_by_key(bad) >= 0
				? cli_usage_error(c, _("--columns: column '%s' given twice"), bad)
			    : hint ? cli_usage_error(
					 c, _("--columns: unknown column '%s'; did you mean '%s'?"),
					 bad, hint)
				   : cli_usage_error(c, _("--columns: unknown column '%s'"), bad);
			free(bad);
			return st;
		}
		if (!(parts & TABLE_DETAIL))
			return cli_usage_error(
			    c,
			    _("--columns applies to the detail table; add --part detail or all"));
		to.cols = cols;
		to.ncols = (size_t)n;
	}

	struct cli_system s;
	int status = cli_system_load(
	    &s, run, _("zhun table: '%s' holds no system (a standard or registry file?)\n"));
	if (status) {
		/* the file a consultant is waiting for: say that it was not made, and why */
		if (status != 2 && output && strcmp(output, "-"))
			fprintf(stderr,
				s.p.system
				    ? _("zhun table: '%s' was not written: the system has errors "
					"(above); fix them and run again\n")
				    : _("zhun table: '%s' was not written: the system could not be "
					"read (above)\n"),
				output);
		cli_system_release(&s);
		return status;
	}
	to.zh = i18n_is_zh();
	struct table *t = table_new(s.p.system, &to);
	struct table_render_opts ro = { parts, 0 };
	if (r->wants_width)
		ro.width = text_width(!output || !strcmp(output, "-"));
	struct strbuf sb = STRBUF_INIT;
	int rendered = r->render(t, &ro, &sb);
	status = cli_write_output(run, r->name, rendered, &sb);
	if (!status && !run->g.quiet && columns && !strcmp(columns, "all"))
		note_not_carried(s.p.system);
	table_free(t);
	cli_system_release(&s);
	return status;
}

const struct cmd cmd_table_entry = {
	CMD_RECORD(table),
	.operands = { .max = 1, .what = N_("system") },
	.usage = "zhun table [SYSTEM] [--part PART] [--format FMT] [--columns LIST] [--preset "
		 "NAME] [-o OUT]",
	.summary = N_("Render the standard-system table: structure chart, detail table, "
		      "statistics."),
};
