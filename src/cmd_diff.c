/* SPDX-License-Identifier: MIT */
/* cmd_diff: `zhun diff` — compare two files, two git revisions, or what git hands an external
 * diff driver, and print the 立改废释 view with the revision rules' findings. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "diff.h"
#include "i18n.h"
#include "project.h"
#include "strbuf.h"

const struct opt_doc diff_opts[] = {
	{ "format", 'f', "FMT", "text markdown json",
	  "output: text (default), markdown (summary table and a section per class) or json" },
	{ "check", 0, NULL, NULL, "exit status from the revision rules alone: 0 none broken, 1 some" },
	{ "strict", 0, NULL, NULL, "with --check, warnings count as broken rules too" },
	{ "foreword", 0, NULL, NULL,
	  "print the 前言 list of main technical changes (主要技术变化) in GB/T 1.1—2020 form" },
	{ "git-driver", 0, NULL, NULL,
	  "act as git's external diff driver: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE" },
	OPT_LIMITS,
	OPT_HELP,
	{ NULL, 0, NULL, NULL, NULL },
};

static bool is_violation(const struct diag *d)
{
	return !strncmp(diag_info(d->code)->name, "diff-", 5);
}

static void print_foreword(const struct diff_result *r, FILE *out)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (r->kind == DOC_STANDARD) {
		if (r->ndocs)
			diff_doc_foreword(r->docs[0], &sb);
	} else {
		bool first = true;
		for (size_t i = 0; i < r->nchanges; i++) {
			const struct diff_change *c = &r->changes[i];
			if (c->cls != DIFF_REVISE || !c->doc)
				continue;
			if (!first)
				strbuf_addc(&sb, '\n');
			first = false;
			strbuf_addf(&sb, "%s %s:\n", *c->code ? c->code : "—",
				    c->new_.number ? c->new_.number : "");
			diff_doc_foreword(c->doc, &sb);
		}
	}
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}

int diff_sides(struct diff_side *old, struct diff_side *new_, struct diag_store *ds,
	       const struct diff_git_opts *o)
{
	FILE *fout = o->findings_out ? o->findings_out : stderr;
	struct diag_print_opts dpo = { o->findings_color, true, "diff", SEV_OFF };
	bool quiet = o->print->quiet;
	if (diag_has_fatal(ds) || (!old->main && !new_->main)) {
		diag_store_finish(ds);
		diag_print(ds, DIAG_PRINTER_TEXT, fout, &dpo);
		return 2;
	}
	struct diag_store rules;
	diag_store_init(&rules);
	diag_store_copy_config(&rules, o->settings);
	struct diff_result r;
	diff_result_init(&r);
	if (!diff_run(&r, old, new_, &rules)) {
		diag_store_finish(ds);
		diag_print(ds, DIAG_PRINTER_TEXT, fout, &dpo);
		fprintf(stderr, _("zhun diff: cannot compare a %s with a %s\n"),
			doc_kind_name(old->main->kind), doc_kind_name(new_->main->kind));
		diff_result_release(&r);
		diag_store_release(&rules);
		return 2;
	}
	diag_store_finish(ds);
	diag_store_finish(&rules);
	struct diff_print_opts po = *o->print;
	po.ds = &rules;
	if (o->foreword)
		print_foreword(&r, stdout);
	else
		diff_print(&r, stdout, &po);
	fflush(stdout);
	/* Loading findings first, without a summary line; then the rules with theirs. In json
	 * the rules' findings are part of the document on stdout. */
	diag_print(ds, DIAG_PRINTER_TEXT, fout, &dpo);
	if (po.format != DIFF_FMT_JSON || o->foreword) {
		dpo.quiet = quiet;
		diag_print(&rules, DIAG_PRINTER_TEXT, fout, &dpo);
	}
	size_t broken = 0;
	for (size_t i = 0; i < diag_store_size(&rules); i++) {
		const struct diag *d = diag_store_get(&rules, i);
		broken += is_violation(d) && (d->sev >= SEV_ERROR || (o->strict && d->sev == SEV_WARNING));
	}
	int status = o->check ? broken > 0 : diff_has_differences(&r);
	diff_result_release(&r);
	diag_store_release(&rules);
	return status;
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Two files (or directories holding a system): the plain case. */
static int diff_files(const char *a, const char *b, struct diag_store *ds,
		      const struct diff_git_opts *o)
{
	struct diff_side s[2];
	const char *ops[2] = { a, b };
	char *paths[2] = { NULL, NULL };
	for (int i = 0; i < 2; i++) {
		paths[i] = project_resolve(ops[i], ds);
		diff_side_init(&s[i], paths[i] ? paths[i] : ops[i]);
		if (paths[i])
			project_add(&s[i].p, &project_files, paths[i], ds, o->lim);
		diff_side_settle(&s[i]);
	}
	int status = 2;
	if (s[0].main && s[1].main)
		status = diff_sides(&s[0], &s[1], ds, o);
	else {
		diag_store_finish(ds);
		struct diag_print_opts dpo = { false, true, "diff", SEV_OFF };
		diag_print(ds, DIAG_PRINTER_TEXT, stderr, &dpo);
	}
	for (int i = 0; i < 2; i++) {
		diff_side_release(&s[i]);
		free(paths[i]);
	}
	return status;
}

int cmd_diff(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = cmd_find("diff");
	struct globals g = *g0;
	struct findings_opts fo;
	findings_opts_init(&fo);
	struct diff_print_opts po = { DIFF_FMT_TEXT, false, true, false, NULL };
	struct diff_git_opts o = { &po, &fo.lim, false, false, false, NULL, false, NULL };
	bool driver = false;
	/* Operands after "--" are paths; options are only parsed before it. */
	int dashdash = argc;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			dashdash = i;
			break;
		}
	const char *arg;
	int first, i;
	while ((i = cli_next(dashdash, argv, c, &g, &arg, &first)) != -1) {
		if (i == -2)
			return 2;
		const char *name = c->opts[i].name;
		if (!strcmp(name, "help")) {
			cli_print_help(c, stdout);
			return 0;
		} else if (!strcmp(name, "format")) {
			int f = diff_format_by_name(arg);
			if (f < 0)
				return cli_usage_error(c, _("--format must be text, markdown or json, not '%s'"), arg);
			po.format = (enum diff_format)f;
		} else if (!strcmp(name, "check")) {
			o.check = true;
		} else if (!strcmp(name, "strict")) {
			o.strict = true;
		} else if (!strcmp(name, "foreword")) {
			o.foreword = true;
		} else if (!strcmp(name, "git-driver")) {
			driver = true;
		} else if (cli_limits_opt(c, i, arg, &fo.lim) < 0) {
			return 2;
		}
	}
	int nops = dashdash - first;
	char **ops = argv + first;
	char **paths = dashdash < argc ? argv + dashdash + 1 : NULL;
	int npaths = dashdash < argc ? argc - dashdash - 1 : 0;

	struct diag_store ds, settings;
	diag_store_init(&ds);
	diag_store_init(&settings);
	struct settings st = { 0 };
	settings_load(".", &st, &ds, &fo.lim);
	if (st.lang && !g.lang)
		i18n_set_lang(st.lang);
	settings_release(&st);
	diag_store_copy_config(&settings, &ds);
	o.settings = &settings;
	po.color = cli_use_color(&g, stdout);
	po.quiet = g.quiet;
	o.findings_color = cli_use_color(&g, stderr);

	int status;
	if (driver) {
		o.findings_out = stdout;
		o.findings_color = po.color;
		status = diff_git_driver(argc - first, argv + first, &ds, &o);
	} else if (nops == 2 && !paths && !exists(ops[0]) && exists(ops[1]) &&
		   diff_git_is_revision(ops[0])) {
		/* "zhun diff HEAD~1 system.yaml", as git takes it without "--" */
		status = diff_git_revisions(ops[0], NULL, ops + 1, 1, &ds, &o);
	} else if (nops == 2 && !paths && (exists(ops[0]) || exists(ops[1]))) {
		/* One of two files missing is unreadable input, not a revision. */
		status = diff_files(ops[0], ops[1], &ds, &o);
	} else if (nops == 1 || nops == 2) {
		status = diff_git_revisions(ops[0], nops == 2 ? ops[1] : NULL, paths, npaths, &ds, &o);
	} else {
		status = cli_usage_error(c, nops ? _("too many operands: give OLD NEW, or REV1 [REV2] [-- PATH...]")
						 : _("nothing to compare: give OLD NEW, or REV1 [REV2] [-- PATH...]"));
	}
	diag_store_release(&ds);
	diag_store_release(&settings);
	return status;
}
