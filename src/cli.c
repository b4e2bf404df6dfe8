/* SPDX-License-Identifier: MIT */
/* cli: option parsing for every command from its declarative option table (getopt_long
 * underneath), usage errors with did-you-mean, help text, and the shared findings options. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "suggest.h"
#include "xalloc.h"

enum { GLOBAL_BASE = 1000, MAX_OPTS = 64 };

static const struct opt_doc global_opts[] = {
	{ "color", 0, "WHEN", "auto always never", "colour output: auto (default), always, never" },
	{ "quiet", 'q', NULL, NULL, "print less: no summary lines" },
	{ "lang", 0, "LANG", "zh en", "message language: zh or en (default: locale, zhun.yaml)" },
	{ NULL, 0, NULL, NULL, NULL },
};

static size_t count_opts(const struct opt_doc *o)
{
	size_t n = 0;
	while (o && o[n].name)
		n++;
	return n;
}

int cli_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "zhun%s%s: ", c ? " " : "", c ? c->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, _("Try 'zhun %s%s--help' for more information.\n"), c ? c->name : "",
		c ? " " : "");
	return 2;
}

static bool set_global(struct globals *g, int gi, const char *arg, const struct cmd *c)
{
	switch (gi) {
	case 0:
		if (!strcmp(arg, "auto"))
			g->color = COLOR_AUTO;
		else if (!strcmp(arg, "always"))
			g->color = COLOR_ALWAYS;
		else if (!strcmp(arg, "never"))
			g->color = COLOR_NEVER;
		else {
			cli_usage_error(c, _("--color must be auto, always or never, not '%s'"), arg);
			return false;
		}
		return true;
	case 1:
		g->quiet = true;
		return true;
	case 2:
		if (!i18n_set_lang(arg)) {
			cli_usage_error(c, _("--lang must be zh or en, not '%s'"), arg);
			return false;
		}
		g->lang = arg;
		return true;
	}
	return false;
}

int cli_next(int argc, char **argv, const struct cmd *c, struct globals *g, const char **arg,
	     int *optind_out)
{
	static bool started;
	static struct option longopts[MAX_OPTS + 4];
	static char shortopts[MAX_OPTS * 2 + 4];
	size_t n = count_opts(c->opts);
	if (!started) {
		size_t k = 0, s = 0;
		shortopts[s++] = ':';
		for (size_t i = 0; i < n && k < MAX_OPTS; i++, k++) {
			longopts[k] = (struct option){ c->opts[i].name,
						       c->opts[i].arg ? required_argument : no_argument,
						       NULL, (int)i + 1 };
			if (c->opts[i].short_name) {
				shortopts[s++] = (char)c->opts[i].short_name;
				if (c->opts[i].arg)
					shortopts[s++] = ':';
			}
		}
		for (size_t i = 0; global_opts[i].name; i++, k++)
			longopts[k] = (struct option){ global_opts[i].name,
						       global_opts[i].arg ? required_argument : no_argument,
						       NULL, GLOBAL_BASE + (int)i };
		shortopts[s++] = 'q';
		shortopts[s] = '\0';
		longopts[k] = (struct option){ NULL, 0, NULL, 0 };
		optind = 0; /* glibc: full re-initialisation */
		opterr = 0;
		started = true;
	}
	for (;;) {
		int r = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (r == -1) {
			*optind_out = optind;
			started = false;
			return -1;
		}
		if (r == 'q') {
			g->quiet = true;
			continue;
		}
		if (r >= GLOBAL_BASE) {
			if (!set_global(g, r - GLOBAL_BASE, optarg, c)) {
				started = false;
				return -2;
			}
			continue;
		}
		if (r == '?' || r == ':') {
			const char *bad = argv[optind - 1];
			started = false;
			if (r == ':') {
				cli_usage_error(c, _("option '%s' needs a value"), bad);
				return -2;
			}
			if (bad && bad[0] == '-' && bad[1] == '-') {
				const char *names[MAX_OPTS + 8];
				size_t k = 0;
				for (size_t i = 0; i < n && k < MAX_OPTS; i++)
					names[k++] = c->opts[i].name;
				for (size_t i = 0; global_opts[i].name; i++)
					names[k++] = global_opts[i].name;
				names[k] = NULL;
				char word[64];
				snprintf(word, sizeof word, "%s", bad + 2);
				char *eq = strchr(word, '=');
				if (eq)
					*eq = '\0';
				const char *s = did_you_mean(word, names);
				if (s)
					cli_usage_error(c, _("unknown option '--%s'; did you mean '--%s'?"), word, s);
				else
					cli_usage_error(c, _("unknown option '--%s'"), word);
			} else {
				cli_usage_error(c, _("unknown option '-%c'"), optopt ? optopt : '?');
			}
			return -2;
		}
		if (r >= 1 && (size_t)r <= n) {
			*arg = optarg;
			return r - 1;
		}
		/* a short option maps to its table index */
		for (size_t i = 0; i < n; i++)
			if (c->opts[i].short_name == r) {
				*arg = optarg;
				return (int)i;
			}
		started = false;
		cli_usage_error(c, _("unexpected option"));
		return -2;
	}
}

void findings_opts_init(struct findings_opts *fo)
{
	fo->format = DIAG_PRINTER_TEXT;
	fo->strict = false;
	limits_default(&fo->lim);
}

static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s)
		return false;
	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	if (*end || v == 0)
		return false;
	*out = (size_t)v;
	return true;
}

int cli_findings_opt(const struct cmd *c, int i, const char *arg, struct findings_opts *fo)
{
	const char *name = c->opts[i].name;
	if (!strcmp(name, "format")) {
		const struct diag_printer *p = diag_printer_by_name(arg);
		if (!p) {
			struct strbuf sb;
			strbuf_init(&sb);
			diag_printer_list(&sb, DIAG_LIST_CHOICE, true);
			cli_usage_error(c, _("--format must be %s, not '%s'"), sb.buf, arg);
			strbuf_release(&sb);
			return -1;
		}
		fo->format = p;
		return 1;
	}
	if (!strcmp(name, "strict")) {
		fo->strict = true;
		return 1;
	}
	return cli_limits_opt(c, i, arg, &fo->lim);
}

int cli_limits_opt(const struct cmd *c, int i, const char *arg, struct limits *lim)
{
	const char *name = c->opts[i].name;
	size_t *target = !strcmp(name, "max-file-size")     ? &lim->max_file_size
			 : !strcmp(name, "max-depth")       ? &lim->max_depth
			 : !strcmp(name, "max-aliases")     ? &lim->max_aliases
			 : !strcmp(name, "max-nodes")       ? &lim->max_nodes
			 : !strcmp(name, "max-line-length") ? &lim->max_line_length
			 : !strcmp(name, "max-refs")        ? &lim->max_refs
							    : NULL;
	if (!target)
		return 0;
	if (!parse_size(arg, target)) {
		cli_usage_error(c, _("--%s needs a positive number, not '%s'"), name, arg);
		return -1;
	}
	return 1;
}

void cli_opt_help(const struct opt_doc *o, bool translate, struct strbuf *sb)
{
	const char *help = translate ? _(o->help) : o->help;
	if (!o->values || strcmp(o->values, "@findings")) {
		strbuf_adds(sb, help);
		return;
	}
	struct strbuf list;
	strbuf_init(&list);
	diag_printer_list(&list, DIAG_LIST_NOTES, translate);
	strbuf_addf(sb, help, list.buf);
	strbuf_release(&list);
}

static void print_opts(const struct opt_doc *o, FILE *out)
{
	for (size_t i = 0; o[i].name; i++) {
		char left[64];
		if (o[i].short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o[i].short_name, o[i].name,
				 o[i].arg ? " " : "", o[i].arg ? o[i].arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o[i].name, o[i].arg ? " " : "",
				 o[i].arg ? o[i].arg : "");
		struct strbuf help;
		strbuf_init(&help);
		cli_opt_help(&o[i], true, &help);
		fprintf(out, "  %-28s %s\n", left, help.buf);
		strbuf_release(&help);
	}
}

void cli_print_help(const struct cmd *c, FILE *out)
{
	fprintf(out, _("Usage: %s\n"), c->usage);
	fprintf(out, "\n%s\n", _(c->summary));
	if (c->opts && c->opts[0].name) {
		fprintf(out, _("\nOptions:\n"));
		print_opts(c->opts, out);
	}
	fprintf(out, _("\nGlobal options:\n"));
	print_opts(global_opts, out);
	if (c->exit_status)
		fprintf(out, "\n%s\n", _(c->exit_status));
	else
		fprintf(out, _("\nExit status: 0 clean, 1 findings, 2 usage error, 3 unreadable or unparsable input, 4 internal error.\n"));
}

bool cli_use_color(const struct globals *g, FILE *f)
{
	if (g->color == COLOR_ALWAYS)
		return true;
	if (g->color == COLOR_NEVER)
		return false;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	const char *term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(f));
}

int cli_report(struct diag_store *ds, const struct findings_opts *fo, const struct globals *g,
	       const char *command)
{
	diag_store_finish(ds);
	FILE *out = fo->format->to_stderr ? stderr : stdout;
	struct diag_print_opts po = { cli_use_color(g, out), g->quiet, command, SEV_OFF };
	diag_print(ds, fo->format, out, &po);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "zhun: %s\n", _("cannot write to standard output"));
		return 4;
	}
	return diag_exit_status(ds, fo->strict);
}
