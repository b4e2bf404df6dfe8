/* SPDX-License-Identifier: MIT */
/* cli: option parsing for every command from its declarative option table (getopt_long
 * underneath), the operand counts of its record, usage errors with did-you-mean, help text, the
 * shared findings, limit and output options, the loading of the one document or system a
 * command works on, and the reporting and writing commands end with. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "pool.h"
#include "strbuf.h"
#include "suggest.h"
#include "write.h"
#include "xalloc.h"

const struct opt_doc cli_global_opts[] = {
	{ "help", 'h', NULL, NULL, "show this help and exit", CLI_HELP },
	{ "version", 0, NULL, NULL, "show the version and exit", CLI_VERSION },
	{ "color", 0, "WHEN", "auto always never", "colour output: auto (default), always, never",
	  CLI_COLOR },
	{ "quiet", 'q', NULL, NULL, "print less: no summary lines", CLI_QUIET },
	{ "lang", 0, "LANG", "zh en", "message language: zh or en (default: locale, zhun.yaml)",
	  CLI_LANG },
	OPT_END,
};

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

static bool set_global(struct cli_parser *p, int id)
{
	const char *arg = p->arg;
	switch (id) {
	case CLI_COLOR:
		if (!strcmp(arg, "auto"))
			p->g->color = COLOR_AUTO;
		else if (!strcmp(arg, "always"))
			p->g->color = COLOR_ALWAYS;
		else if (!strcmp(arg, "never"))
			p->g->color = COLOR_NEVER;
		else {
			cli_usage_error(p->cmd,
					_("--color must be auto, always or never, not '%s'"), arg);
			return false;
		}
		return true;
	case CLI_QUIET:
		p->g->quiet = true;
		return true;
	case CLI_LANG:
		if (!i18n_set_lang(arg)) {
			cli_usage_error(p->cmd, _("--lang must be zh or en, not '%s'"), arg);
			return false;
		}
		p->g->lang = arg;
		return true;
	}
	return false;
}

/* The options this parse knows: the command's, then the global ones it accepts. */
static const struct opt_doc *table_at(const struct cli_parser *p, size_t i)
{
	size_t n = 0;
	const struct opt_doc *own = p->cmd ? p->cmd->opts : NULL;
	while (own && own[n].name)
		n++;
	if (i < n)
		return &own[i];
	const struct opt_doc *glob =
	    p->cmd ? cli_global_opts + CLI_GLOBALS_BEFORE_ONLY : cli_global_opts;
	for (size_t k = 0; glob[k].name; k++)
		if (i == n + k)
			return &glob[k];
	return NULL;
}

void cli_parser_init(struct cli_parser *p, const struct cmd *c, int argc, char **argv,
		     struct globals *g)
{
	memset(p, 0, sizeof *p);
	p->cmd = c;
	p->g = g;
	p->argc = argc;
	p->argv = argv;
	size_t s = 0, k = 0;
	/* before the command, stop at the first operand (the command's name) */
	if (!c)
		p->shortopts[s++] = '+';
	p->shortopts[s++] = ':';
	for (const struct opt_doc *o; k < CLI_MAX_OPTS && (o = table_at(p, k)); k++) {
		p->longopts[k] = (struct option){ o->name, o->arg ? required_argument : no_argument,
						  NULL, (int)k + 256 };
		/* a command's own short option wins over a global one with the same letter */
		if (o->short_name && !strchr(p->shortopts, o->short_name)) {
			p->shortopts[s++] = (char)o->short_name;
			if (o->arg)
				p->shortopts[s++] = ':';
		}
	}
	p->longopts[k] = (struct option){ NULL, 0, NULL, 0 };
	p->shortopts[s] = '\0';
	optind = 0; /* glibc: full re-initialisation */
	opterr = 0;
}

static void unknown_option(struct cli_parser *p, int r)
{
	const char *bad = p->argv[optind - 1];
	if (r == ':') {
		cli_usage_error(p->cmd, _("option '%s' needs a value"), bad);
		return;
	}
	if (!bad || bad[0] != '-' || bad[1] != '-') {
		cli_usage_error(p->cmd, _("unknown option '-%c'"), optopt ? optopt : '?');
		return;
	}
	const char *names[CLI_MAX_OPTS + 1];
	size_t k = 0;
	for (const struct opt_doc *o; k < CLI_MAX_OPTS && (o = table_at(p, k)); k++)
		names[k] = o->name;
	names[k] = NULL;
	char word[64];
	snprintf(word, sizeof word, "%s", bad + 2);
	char *eq = strchr(word, '=');
	if (eq)
		*eq = '\0';
	const char *s = did_you_mean(word, names);
	if (s)
		cli_usage_error(p->cmd, _("unknown option '--%s'; did you mean '--%s'?"), word, s);
	else
		cli_usage_error(p->cmd, _("unknown option '--%s'"), word);
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

/* The limit options and where each is stored. */
static const struct {
	int id;
	size_t offset;
} limit_opts[] = {
	{ CLI_MAX_FILE_SIZE, offsetof(struct limits, max_file_size) },
	{ CLI_MAX_DEPTH, offsetof(struct limits, max_depth) },
	{ CLI_MAX_ALIASES, offsetof(struct limits, max_aliases) },
	{ CLI_MAX_NODES, offsetof(struct limits, max_nodes) },
	{ CLI_MAX_LINE_LENGTH, offsetof(struct limits, max_line_length) },
	{ CLI_MAX_REFS, offsetof(struct limits, max_refs) },
};

/* A limit option: 1 when handled, 0 when `id` is not one, -1 after a usage error. */
static int limits_opt(const struct cli_parser *p, int id, struct limits *lim)
{
	for (size_t i = 0; i < sizeof limit_opts / sizeof limit_opts[0]; i++) {
		if (limit_opts[i].id != id)
			continue;
		if (!parse_size(p->arg, (size_t *)((char *)lim + limit_opts[i].offset))) {
			cli_usage_error(p->cmd, _("--%s needs a positive number, not '%s'"),
					p->opt->name, p->arg);
			return -1;
		}
		return 1;
	}
	return 0;
}

/* A findings option (or a limit), the same way. */
static int findings_opt(const struct cli_parser *p, int id, struct findings_opts *fo)
{
	switch (id) {
	case CLI_FORMAT: {
		const struct diag_printer *pr = diag_printer_by_name(p->arg);
		if (!pr) {
			struct strbuf sb;
			strbuf_init(&sb);
			diag_printer_list(&sb, DIAG_LIST_CHOICE, true);
			cli_usage_error(p->cmd, _("--format must be %s, not '%s'"), sb.buf, p->arg);
			strbuf_release(&sb);
			return -1;
		}
		fo->format = pr;
		return 1;
	}
	case CLI_STRICT:
		fo->strict = true;
		return 1;
	case CLI_JOBS: {
		char *end;
		unsigned long n = strtoul(p->arg, &end, 10);
		if (end == p->arg || *end || n == 0 || n > 1024) {
			cli_usage_error(
			    p->cmd, _("--jobs needs a number of threads from 1 to 1024, not '%s'"),
			    p->arg);
			return -1;
		}
		fo->jobs = (unsigned)n;
		fo->lim.threads = fo->jobs;
		return 1;
	}
	}
	return limits_opt(p, id, &fo->lim);
}

/* An output option, the same way (it has no value to refuse). */
static int output_opt(const struct cli_parser *p, int id, struct cli_output *out)
{
	if (id == CLI_OUTPUT)
		out->path = p->arg;
	else if (id == CLI_FOLLOW_SYMLINKS)
		out->wflags |= WRITE_FOLLOW_SYMLINKS;
	else
		return 0;
	return 1;
}

/* End the parse: the command returns `status`. */
static int stop(struct cli_parser *p, int status)
{
	p->status = status;
	return -1;
}

/* The operands against the record: the usage error when they are too few or too many. */
static bool operands_allowed(const struct cli_parser *p)
{
	const struct cmd *c = p->cmd;
	const struct cmd_operands *o = &c->operands;
	if (p->nops < o->min) {
		cli_usage_error(c, _("no %s given"), _(o->what));
		return false;
	}
	if (o->max == CLI_MANY || p->nops <= o->max)
		return true;
	if (o->max == 0)
		cli_usage_error(c, _("unexpected operand '%s'"), p->ops[0]);
	else
		cli_usage_error(c, _("one %s at a time: got '%s' and '%s'"), _(o->what), p->ops[0],
				p->ops[1]);
	return false;
}

int cli_next(struct cli_parser *p)
{
	for (;;) {
		int r = getopt_long(p->argc, p->argv, p->shortopts, p->longopts, NULL);
		if (r == -1) {
			p->first = optind;
			p->ops = p->argv + optind;
			p->nops = p->argc - optind;
			return !p->cmd || operands_allowed(p) ? 0 : stop(p, 2);
		}
		if (r == '?' || r == ':') {
			unknown_option(p, r);
			return stop(p, 2);
		}
		const struct opt_doc *o = NULL;
		if (r >= 256)
			o = table_at(p, (size_t)(r - 256));
		for (size_t k = 0; !o && table_at(p, k); k++)
			if (table_at(p, k)->short_name == r)
				o = table_at(p, k);
		if (!o) {
			cli_usage_error(p->cmd, _("unexpected option"));
			return stop(p, 2);
		}
		p->opt = o;
		p->arg = optarg;
		int id = o->id;
		if (id == CLI_COLOR || id == CLI_QUIET || id == CLI_LANG) {
			if (!set_global(p, id))
				return stop(p, 2);
			continue;
		}
		if (id == CLI_HELP && p->cmd) {
			cli_print_help(p->cmd, stdout);
			return stop(p, 0);
		}
		int bound = p->findings ? findings_opt(p, id, p->findings) : 0;
		if (!bound && p->out)
			bound = output_opt(p, id, p->out);
		if (bound < 0)
			return stop(p, 2);
		if (!bound)
			return id;
	}
}

void findings_opts_init(struct findings_opts *fo)
{
	fo->format = DIAG_PRINTER_TEXT;
	fo->strict = false;
	fo->jobs = 0;
	limits_default(&fo->lim);
	fo->lim.threads = pool_default_jobs();
}

void cli_run_init(struct cli_run *r, const struct cmd *c, int argc, char **argv,
		  const struct globals *g0)
{
	r->g = *g0;
	findings_opts_init(&r->fo);
	r->out = (struct cli_output){ NULL, 0 };
	r->argc = argc;
	r->argv = argv;
	r->paths = NULL;
	r->npaths = 0;
	/* options and operands stop at "--"; what follows it is the paths */
	int end = argc;
	for (int i = 1; c->paths_after_dashdash && i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			end = i;
			r->paths = argv + i + 1;
			r->npaths = argc - i - 1;
			break;
		}
	cli_parser_init(&r->cp, c, end, argv, &r->g);
	r->cp.findings = &r->fo;
	r->cp.out = &r->out;
}

int cli_needs_output(const struct cli_run *r, const char *format)
{
	return cli_usage_error(r->cp.cmd, _("--format %s writes a binary file: give -o FILE"),
			       format);
}

const char *cli_output_path(const struct cli_run *r)
{
	return r->out.path ? r->out.path : "-";
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

void cli_print_opts(const struct opt_doc *o, FILE *out)
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
		cli_print_opts(c->opts, out);
	}
	fprintf(out, _("\nGlobal options:\n"));
	cli_print_opts(cli_global_opts + CLI_GLOBALS_BEFORE_ONLY, out);
	if (c->exit_status)
		fprintf(out, "\n%s\n", _(c->exit_status));
	else
		fprintf(out, _("\nExit status: 0 clean, 1 findings, 2 usage error, 3 unreadable or "
			       "unparsable input, 4 internal error.\n"));
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

int cli_report(const struct cli_run *r, struct diag_store *ds)
{
	diag_store_finish(ds);
	FILE *out = r->fo.format->to_stderr ? stderr : stdout;
	struct diag_print_opts po = { cli_use_color(&r->g, out), r->g.quiet, r->cp.cmd->name,
				      SEV_OFF };
	diag_print(ds, r->fo.format, out, &po);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "zhun: %s\n", _("cannot write to standard output"));
		return 4;
	}
	return diag_exit_status(ds, r->fo.strict);
}

void cli_write_finding(struct diag_store *ds, const char *path, int err)
{
	const char *file = diag_store_file(ds, path);
	if (err == ELOOP) {
		struct diag *d =
		    diag_add(ds, DIAG_IO_ERROR, file, (struct loc){ 0, 0 },
			     _("output is a symbolic link; it is not written through"));
		diag_set_help(
		    d, _("write to another path, remove the link, or give --follow-symlinks"));
	} else {
		diag_add(ds, DIAG_IO_ERROR, file, (struct loc){ 0, 0 }, _("cannot write: %s"),
			 strerror(err));
	}
}

int cli_write_failed(const struct cli_run *r, const char *path, int err)
{
	struct diag_store ds;
	diag_store_init(&ds);
	cli_write_finding(&ds, path, err);
	diag_store_finish(&ds);
	struct diag_print_opts po = { cli_use_color(&r->g, stderr), true, r->cp.cmd->name,
				      SEV_OFF };
	diag_print(&ds, DIAG_PRINTER_TEXT, stderr, &po);
	diag_store_release(&ds);
	return 3;
}

int cli_write_output(const struct cli_run *r, const char *format, int rendered, struct strbuf *sb)
{
	const char *path = cli_output_path(r);
	int status = 0;
	if (rendered != 0) {
		fprintf(stderr, _("zhun %s: cannot render %s: %s\n"), r->cp.cmd->name, format,
			strerror(errno));
		status = 4;
	} else if (write_file_atomic(path, sb->buf, sb->len, r->out.wflags) != 0) {
		status = cli_write_failed(r, path, errno);
	}
	strbuf_release(sb);
	return status;
}

struct doc *cli_doc_load(const struct cli_run *r, struct diag_store *ds)
{
	const char *in = r->cp.ops[0];
	struct settings set;
	settings_apply(&set, in, r->g.lang != NULL, ds, &r->fo.lim);
	settings_release(&set);
	struct doc *d = load_file(in, ds, &r->fo.lim);
	if (d)
		model_build(d, ds);
	return d;
}

bool cli_spell(const struct doc *d, const char *to, struct strbuf *sb, struct diag_store *ds)
{
	if (strcmp(to, "xml") != 0) {
		write_yaml(d, sb);
		return true;
	}
	if (write_xml(d, sb))
		return true;
	diag_add(ds, DIAG_INTERNAL, d->path, (struct loc){ 0, 0 },
		 _("the tree does not fit the XML spelling"));
	return false;
}

int cli_system_load(struct cli_system *s, const struct cli_run *r, const char *no_system)
{
	const char *operand = r->cp.nops ? r->cp.ops[0] : ".";
	diag_store_init(&s->ds);
	settings_apply(&s->st, operand, r->g.lang != NULL, &s->ds, &r->fo.lim);
	project_init(&s->p);
	s->p.rcfg = s->st.records;
	s->path = project_resolve(operand, &s->st, &s->ds, &r->fo.lim);
	if (s->path && project_add(&s->p, &project_files, s->path, &s->ds, &r->fo.lim) &&
	    !s->p.system) {
		fprintf(stderr, no_system, s->path);
		return 2;
	}
	/* the input is validated on its own date (statuses as written must agree with it); a
	 * command's --as-of only moves the date it evaluates on, so that a past or future view of
	 * a clean system is always available */
	struct date own = { 0 };
	if (s->p.system)
		check_run(&s->p, &s->ds, &own);
	diag_store_finish(&s->ds);
	/* notes are advice about the sources, which `zhun check` shows, and would bury the
	 * command's own output */
	struct diag_print_opts po = { cli_use_color(&r->g, stderr), r->g.quiet, r->cp.cmd->name,
				      SEV_WARNING };
	diag_print(&s->ds, DIAG_PRINTER_TEXT, stderr, &po);
	if (s->p.system && !diag_failed(&s->ds, false))
		return 0;
	/* nothing drawn from a system with errors: every figure would be suspect */
	int status = diag_exit_status(&s->ds, false);
	return status ? status : 3;
}

void cli_system_release(struct cli_system *s)
{
	project_release(&s->p);
	settings_release(&s->st);
	free(s->path);
	diag_store_release(&s->ds);
}
