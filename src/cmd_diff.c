/* SPDX-License-Identifier: MIT */
/* cmd_diff: `zhun diff` — compare two files, two git revisions, or what git hands an external
 * diff driver, and print the 立改废释 view with the revision rules' findings. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "config.h"
#include "diff.h"
#include "i18n.h"
#include "json.h"
#include "pool.h"
#include "project.h"
#include "settings.h"
#include "strbuf.h"
#include "strmap.h"
#include "xalloc.h"

enum {
	DIFF_OPT_FORMAT = CLI__COMMAND,
	DIFF_OPT_CHECK,
	DIFF_OPT_STRICT,
	DIFF_OPT_FOREWORD,
	DIFF_OPT_GIT_DRIVER
};

static const struct opt_doc diff_opts[] = {
	{ "format", 'f', "FMT", "text markdown json yaml",
	  "output: text (default), markdown (summary table and a section per class) or json; with "
	  "--foreword: text, yaml or json",
	  DIFF_OPT_FORMAT },
	{ "check", 0, NULL, NULL,
	  "exit status from the revision rules alone: 0 none broken, 1 some", DIFF_OPT_CHECK },
	{ "strict", 0, NULL, NULL, "with --check, warnings count as broken rules too",
	  DIFF_OPT_STRICT },
	{ "foreword", 0, NULL, NULL,
	  "print the 前言 list of main technical changes (主要技术变化) in GB/T 1.1—2020 form",
	  DIFF_OPT_FOREWORD },
	{ "git-driver", 0, NULL, NULL,
	  "act as git's external diff driver: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX "
	  "NEW-MODE",
	  DIFF_OPT_GIT_DRIVER },
	OPT_JOBS,
	OPT_LIMITS,
	OPT_HELP,
	OPT_END,
};

/* How a run prints and decides its exit status, the same in every mode. */
struct run_opts {
	const struct diff_print_opts *print;
	const struct limits *lim;
	bool check;  /* exit status from violations only */
	bool strict; /* warnings count as violations */
	bool foreword;
	FILE *findings_out;		 /* where findings go as text (NULL: stderr) */
	bool findings_color;		 /* colour them */
	const struct settings *settings; /* zhun.yaml: the rules' severities */
	bool say_same;			 /* git driver: say so when nothing zhun compares changed */
	unsigned jobs;			 /* threads loading and diffing linked documents */
};

static bool is_violation(const struct diag *d)
{
	return !strncmp(diag_info(d->code)->name, "diff-", 5);
}

/* Print the loading findings of a comparison that could not be made. */
static void print_trouble(struct diag_store *ds, const struct run_opts *o)
{
	diag_store_finish(ds);
	struct diag_print_opts dpo = { o->findings_color, true, "diff", SEV_OFF };
	diag_print(ds, DIAG_PRINTER_TEXT, o->findings_out ? o->findings_out : stderr, &dpo);
}

/* The revised standards' change lists: one for a standard, one per revised row for a system. */
static void print_foreword(const struct diff_result *r, FILE *out, enum diff_format fmt)
{
	struct strbuf sb;
	strbuf_init(&sb);
	struct json_writer w;
	if (fmt == DIFF_FMT_JSON) {
		json_writer_init(&w, &sb, JSON_PRETTY);
		json_begin_object(&w, NULL, JSON_PRETTY);
		json_string(&w, "zhun", ZHUN_VERSION);
		json_int(&w, "schema", 1);
		json_string(&w, "kind", doc_kind_name(r->kind));
	}
	if (r->kind == DOC_STANDARD) {
		if (r->ndocs && fmt == DIFF_FMT_JSON)
			diff_doc_changes_json(r->docs[0], &w, "changes");
		else if (r->ndocs && fmt == DIFF_FMT_YAML)
			diff_doc_changes_yaml(r->docs[0], &sb);
		else if (r->ndocs)
			diff_doc_foreword(r->docs[0], &sb);
	} else {
		bool first = true;
		if (fmt == DIFF_FMT_JSON)
			json_begin_array(&w, "documents", JSON_PRETTY);
		for (size_t i = 0; i < r->nchanges; i++) {
			const struct diff_change *c = &r->changes[i];
			if (c->cls != DIFF_REVISE || !c->doc)
				continue;
			if (fmt == DIFF_FMT_JSON) {
				json_begin_object(&w, NULL, JSON_PRETTY);
				json_string(&w, "code", c->code);
				json_string(&w, "number", c->new_.number);
				diff_doc_changes_json(c->doc, &w, "changes");
				json_end(&w);
				continue;
			}
			/* YAML: one document per revised standard */
			if (!first)
				strbuf_adds(&sb, fmt == DIFF_FMT_YAML ? "---\n" : "\n");
			first = false;
			if (fmt == DIFF_FMT_YAML) {
				diff_doc_changes_yaml(c->doc, &sb);
				continue;
			}
			strbuf_addf(&sb, "%s %s:\n", *c->code ? c->code : "—",
				    c->new_.number ? c->new_.number : "");
			diff_doc_foreword(c->doc, &sb);
		}
		if (fmt == DIFF_FMT_JSON)
			json_end(&w);
	}
	if (fmt == DIFF_FMT_JSON) {
		json_end(&w);
		strbuf_addc(&sb, '\n');
		json_writer_release(&w);
	}
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}

/* Diff two loaded sides and print, the shared tail of every mode: returns 0/1/2 as diff(1),
 * or from violations when o->check. */
static int diff_sides(struct diff_side *old, struct diff_side *new_, struct diag_store *ds,
		      const struct run_opts *o)
{
	FILE *fout = o->findings_out ? o->findings_out : stderr;
	struct diag_print_opts dpo = { o->findings_color, true, "diff", SEV_OFF };
	bool quiet = o->print->quiet;
	if (diag_has_fatal(ds) || (!old->main && !new_->main)) {
		print_trouble(ds, o);
		return 2;
	}
	struct diag_store rules;
	diag_store_init(&rules);
	settings_rules(o->settings, &rules);
	struct diff_result r;
	diff_result_init(&r);
	r.jobs = o->jobs;
	if (!diff_run(&r, old, new_, &rules)) {
		print_trouble(ds, o);
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
		print_foreword(&r, stdout, po.format);
	else
		diff_print(&r, stdout, &po);
	/* under git's driver a bare "diff --zhun" header reads as a fault: a change to comments,
	 * layout or key order alone is one zhun does not count */
	if (o->say_same && !o->foreword && po.format == DIFF_FMT_TEXT && !diff_has_differences(&r))
		printf("%s\n", _("no substantive change (comments, layout or order only)"));
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
		broken += is_violation(d) &&
			  (d->sev >= SEV_ERROR || (o->strict && d->sev == SEV_WARNING));
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
static int diff_files(const char *a, const char *b, struct diag_store *ds, const struct run_opts *o)
{
	struct diff_side s[2];
	const char *ops[2] = { a, b };
	char *paths[2] = { NULL, NULL };
	for (int i = 0; i < 2; i++) {
		paths[i] = project_resolve(ops[i], o->settings, ds, o->lim);
		diff_side_init(&s[i], paths[i] ? paths[i] : ops[i]);
		s[i].p.jobs = o->jobs;
		if (paths[i])
			project_add(&s[i].p, &project_files, paths[i], ds, o->lim);
		diff_side_settle(&s[i]);
	}
	int status = 2;
	if (s[0].main && s[1].main)
		status = diff_sides(&s[0], &s[1], ds, o);
	else
		print_trouble(ds, o);
	for (int i = 0; i < 2; i++) {
		diff_side_release(&s[i]);
		free(paths[i]);
	}
	return status;
}

/* ---- two git revisions ---- */

static bool standards_file(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strcmp(base, "zhun.yaml"))
		return false;
	return str_has_suffix(path, ".yaml") || str_has_suffix(path, ".yml") ||
	       str_has_suffix(path, ".xml");
}

static bool system_name(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return !strcmp(base, "system.yaml") || !strcmp(base, "system.yml") ||
	       !strcmp(base, "system.xml");
}

/* One side from `src`; a path missing there leaves the side empty (added or deleted). Returns
 * false on trouble (finding recorded). */
static bool load_side(struct diff_side *s, const struct project_source *src, const char *path,
		      struct diag_store *ds, const struct limits *lim)
{
	bool missing;
	struct doc *d = src->load(src, path, ds, lim, &missing);
	if (missing)
		return true;
	if (!d)
		return false;
	project_add_doc(&s->p, src, path, d, ds, lim);
	return diff_side_settle(s);
}

static int diff_target(const char *top, const char *rev1, const char *rev2, const char *path,
		       const struct run_opts *o)
{
	struct diag_store ds;
	diag_store_init(&ds);
	settings_rules(o->settings, &ds);
	const char *revs[2] = { rev1, rev2 };
	struct diff_side s[2];
	char *labels[2];
	bool ok = true;
	for (int i = 0; i < 2; i++) {
		struct diff_git_rev at = { top, revs[i] };
		struct project_source src = diff_git_source(&at);
		labels[i] = diff_git_label(revs[i], path);
		diff_side_init(&s[i], labels[i]);
		s[i].p.jobs = o->jobs;
		ok = load_side(&s[i], &src, path, &ds, o->lim) && ok;
	}
	if (!s[0].main && s[1].main)
		s[0].kind = s[1].kind;
	if (!s[1].main && s[0].main)
		s[1].kind = s[0].kind;
	int status = 2;
	if (ok)
		status = diff_sides(&s[0], &s[1], &ds, o);
	else
		print_trouble(&ds, o);
	for (int i = 0; i < 2; i++) {
		diff_side_release(&s[i]);
		free(labels[i]);
	}
	diag_store_release(&ds);
	return status;
}

/* The files each system links (registries, documents), mapped to that system, for every file
 * named like a system in the tree of the newer revision and then the older one (for deleted
 * systems). Keys and values are kept in `keep` (the caller frees them). */
static void index_systems(const char *top, const char *rev1, const char *rev2,
			  struct strmap *linked, struct diff_git_list *keep,
			  const struct limits *lim)
{
	size_t cap = 0;
	const char *revs[2] = { rev2, rev1 };
	for (int r = 0; r < 2; r++) {
		struct diff_git_list files;
		if (!diff_git_tree(&files, top, revs[r]))
			continue;
		struct diff_git_rev at = { top, revs[r] };
		struct project_source src = diff_git_source(&at);
		for (size_t i = 0; i < files.n; i++) {
			if (!system_name(files.v[i]))
				continue;
			struct diag_store scratch;
			diag_store_init(&scratch);
			struct project p;
			project_init(&p);
			struct doc *d = src.load(&src, files.v[i], &scratch, lim, NULL);
			if (d)
				project_add_doc(&p, NULL, files.v[i], d, &scratch, lim);
			const struct system *sys = p.system;
			char *sysname = sys ? xstrdup(files.v[i]) : NULL;
			if (sysname) {
				XGROW(keep->v, cap, keep->n + 1);
				keep->v[keep->n++] = sysname;
			}
			for (size_t k = 0; sys && k < sys->registry.n + sys->nrows; k++) {
				const char *rel = k < sys->registry.n
						      ? sys->registry.v[k].s
						      : sys->rows[k - sys->registry.n].document.s;
				if (!rel)
					continue;
				char *path = src.resolve(&src, files.v[i], rel);
				if (strmap_get(linked, path)) {
					free(path);
					continue;
				}
				XGROW(keep->v, cap, keep->n + 1);
				keep->v[keep->n++] = path;
				strmap_put(linked, path, sysname);
			}
			project_release(&p);
			diag_store_release(&scratch);
		}
		diff_git_list_release(&files);
	}
}

struct target {
	char *path;
	bool system; /* a system found by name or by linking the changed path */
};

static int worse(int a, int b)
{
	return a > b ? a : b;
}

/* `zhun diff REV1 [REV2] [-- PATH...]`: diff each changed system (with its registries and
 * documents) and each other changed standards file between two revisions (REV2 NULL: the work
 * tree). */
static int diff_revisions(const char *rev1, const char *rev2, char **paths, int npaths,
			  const struct run_opts *o)
{
	char *top = diff_git_top();
	if (!top) {
		fprintf(stderr,
			_("zhun diff: '%s' is not a file, and this is not a git repository\n"),
			rev1);
		fprintf(stderr, _("Try 'zhun diff --help' for more information.\n"));
		return 2;
	}
	const char *revs[2] = { rev1, rev2 };
	for (int i = 0; i < 2; i++) {
		if (revs[i] && !diff_git_is_revision(revs[i])) {
			fprintf(stderr, _("zhun diff: '%s' is neither a file nor a git revision\n"),
				revs[i]);
			free(top);
			return 2;
		}
	}
	struct diff_git_list changed;
	if (!diff_git_changed(&changed, rev1, rev2, paths, npaths)) {
		free(top);
		fprintf(stderr, _("zhun diff: git diff failed\n"));
		return 2;
	}
	/* Named paths count even when they did not change (a system whose document did). */
	char **named = diff_git_paths(paths, npaths);

	struct strmap linked;
	strmap_init(&linked);
	struct diff_git_list keep = { NULL, NULL, 0 };
	bool need_systems = false;
	for (size_t i = 0; i < changed.n; i++)
		need_systems |= standards_file(changed.v[i]) && !system_name(changed.v[i]);
	if (need_systems)
		index_systems(top, rev1, rev2, &linked, &keep, o->lim);

	/* Targets in order, each once: a changed system, the system a changed file belongs to, or
	 * the changed file alone. */
	struct strmap seen;
	strmap_init(&seen);
	struct target *t = NULL;
	size_t nt = 0, capt = 0;
	for (size_t i = 0; i < changed.n + (size_t)npaths; i++) {
		const char *f = i < changed.n ? changed.v[i] : named[i - changed.n];
		if (!standards_file(f))
			continue;
		const char *sys = strmap_get(&linked, f);
		const char *target = sys ? sys : f;
		if (strmap_get(&seen, target))
			continue;
		XGROW(t, capt, nt + 1);
		t[nt].path = xstrdup(target);
		t[nt].system = sys || system_name(f);
		strmap_put(&seen, t[nt].path, &t[nt]);
		nt++;
	}
	strmap_release(&seen);
	int status = 0;
	for (size_t i = 0; i < nt; i++) {
		if (i)
			fflush(stdout);
		status = worse(status, diff_target(top, rev1, rev2, t[i].path, o));
	}
	for (size_t i = 0; i < nt; i++)
		free(t[i].path);
	free(t);
	strmap_release(&linked);
	for (size_t i = 0; i < keep.n; i++)
		free(keep.v[i]);
	free(keep.v);
	for (int i = 0; i < npaths; i++)
		free(named[i]);
	free(named);
	diff_git_list_release(&changed);
	free(top);
	return status;
}

/* ---- git's external diff driver ---- */

/* Not a zhun file (or not loadable): show a plain unified diff instead, labelled with the
 * repository path rather than git's temporary file; git's own no-index diff when diff(1) is
 * missing. */
static int plain_diff(const char *a, const char *b, const char *la, const char *lb)
{
	const char *argv[] = { "diff", "-u", "--label", la, "--label", lb, "--", a, b, NULL };
	struct diff_proc p;
	if (!diff_spawn(argv, true, &p) || p.status < 0 || p.status > 1) {
		free(p.out);
		const char *gargv[] = { "git", "diff", "--no-index", "--no-ext-diff", "--",
					a,     b,      NULL };
		if (!diff_spawn(gargv, false, &p))
			return 2;
	}
	fwrite(p.out, 1, p.len, stdout);
	free(p.out);
	return p.status == 0 || p.status == 1 ? 0 : 2;
}

/* Read git's temporary file and name the text by its repository path. Not built yet. Git
 * hands the work tree's own file for the new side, which the pull request made: read as a
 * linked file is, a regular file within the size limit. */
static struct doc *driver_load(const char *file, const char *label, struct diag_store *ds,
			       const struct limits *lim, bool *empty)
{
	*empty = !strcmp(file, "/dev/null");
	if (*empty)
		return NULL;
	size_t len = 0;
	char *buf = load_read(file, label, LOAD_REGULAR, &len, ds, lim, NULL);
	if (!buf)
		return NULL;
	struct doc *d = load_buffer(label, buf, len, load_sniff(label, buf, len), ds, lim);
	free(buf);
	return d;
}

/* argv holds what git passes (path old-file old-hex old-mode new-file new-hex new-mode
 * [new-path xfrm-msg], or just path for an unmerged file). Prints zhun's view, or a plain diff
 * for files that are not zhun's, and returns 0, as git expects of a driver, or 2 on trouble. */
static int diff_driver(int argc, char **argv, const struct run_opts *o)
{
	if (argc == 1) {
		printf("* Unmerged path %s\n", argv[0]);
		return 0;
	}
	if (argc != 7 && argc != 9) {
		fprintf(stderr,
			_("zhun diff --git-driver: git passes 7 arguments (path old-file old-hex "
			  "old-mode new-file new-hex new-mode), got %d\n"),
			argc);
		return 2;
	}
	const char *path = argv[0], *of = argv[1], *nf = argv[4];
	const char *npath = argc == 9 ? argv[7] : path;
	char *la = xasprintf("a/%s", path), *lb = xasprintf("b/%s", npath);
	struct diag_store ds;
	diag_store_init(&ds);
	settings_rules(o->settings, &ds);
	bool ea, eb;
	struct doc *da = driver_load(of, la, &ds, o->lim, &ea);
	struct doc *db = driver_load(nf, lb, &ds, o->lim, &eb);
	struct diff_side a, b;
	diff_side_init(&a, la);
	diff_side_init(&b, lb);
	struct doc *docs[2] = { da, db };
	struct diff_side *sides[2] = { &a, &b };
	for (int i = 0; i < 2; i++) {
		if (!docs[i])
			continue;
		/* Linked documents are not at hand here: git calls the driver for each changed file
		 * on its own, documents included. */
		sides[i]->no_documents = true;
		project_add_doc(&sides[i]->p, NULL, sides[i]->label, docs[i], &ds, o->lim);
		diff_side_settle(sides[i]);
	}
	bool usable = (ea || a.main) && (eb || b.main) && !(ea && eb) &&
		      (ea || eb || da->kind == db->kind) && !diag_has_fatal(&ds);
	int status;
	if (!usable) {
		status = plain_diff(of, nf, la, lb);
	} else {
		printf("diff --zhun %s %s\n", la, lb);
		a.kind = a.main ? a.kind : b.kind;
		b.kind = b.main ? b.kind : a.kind;
		struct diff_print_opts po = *o->print;
		po.header = false;
		struct run_opts oo = *o;
		oo.print = &po;
		oo.say_same = true;
		status = diff_sides(&a, &b, &ds, &oo);
		/* git stops at a driver's non-zero status: differences are not trouble. */
		status = status == 2 ? 2 : 0;
	}
	diff_side_release(&a);
	diff_side_release(&b);
	diag_store_release(&ds);
	free(la);
	free(lb);
	return status;
}

static int cmd_diff_run(struct cli_run *run)
{
	const struct cmd *c = run->cp.cmd;
	struct diff_print_opts po = { DIFF_FMT_TEXT, false, true, false, NULL };
	struct run_opts o = { &po, &run->fo.lim, false, false, false, NULL, false, NULL, false, 0 };
	bool driver = false;
	int id;
	while ((id = cli_next(&run->cp)) > 0) {
		switch (id) {
		case DIFF_OPT_FORMAT: {
			int f = diff_format_by_name(run->cp.arg);
			if (f < 0)
				return cli_usage_error(
				    c, _("--format must be text, markdown, json or yaml, not '%s'"),
				    run->cp.arg);
			po.format = (enum diff_format)f;
			break;
		}
		case DIFF_OPT_CHECK:
			o.check = true;
			break;
		case DIFF_OPT_STRICT:
			o.strict = true;
			break;
		case DIFF_OPT_FOREWORD:
			o.foreword = true;
			break;
		case DIFF_OPT_GIT_DRIVER:
			driver = true;
			break;
		}
	}
	if (id < 0)
		return run->cp.status;
	if (po.format == DIFF_FMT_YAML && !o.foreword)
		return cli_usage_error(
		    c,
		    _("--format yaml goes with --foreword (the change list as foreword.changes)"));
	if (po.format == DIFF_FMT_MARKDOWN && o.foreword)
		return cli_usage_error(c, _("--foreword prints text, yaml or json, not markdown"));
	int nops = run->cp.nops;
	char **ops = run->cp.ops;
	char **paths = run->paths;
	int npaths = run->npaths;

	/* the mode, and the project whose zhun.yaml holds: the new file's, else the one the
	 * current directory is in */
	enum { MODE_DRIVER, MODE_REV_FILE, MODE_FILES, MODE_REVISIONS, MODE_NONE } mode;
	const char *where = NULL;
	if (driver) {
		mode = MODE_DRIVER;
		where = run->cp.first < run->argc ? run->argv[run->cp.first] : NULL;
	} else if (nops == 2 && !paths && !exists(ops[0]) && exists(ops[1]) &&
		   diff_git_is_revision(ops[0])) {
		/* "zhun diff HEAD~1 system.yaml", as git takes it without "--" */
		mode = MODE_REV_FILE;
		where = ops[1];
	} else if (nops == 2 && !paths && (exists(ops[0]) || exists(ops[1]))) {
		/* One of two files missing is unreadable input, not a revision. */
		mode = MODE_FILES;
		where = ops[1];
	} else {
		mode = nops == 1 || nops == 2 ? MODE_REVISIONS : MODE_NONE;
	}
	struct diag_store ds;
	diag_store_init(&ds);
	struct settings st;
	settings_apply(&st, where, run->g.lang != NULL, &ds, &run->fo.lim);
	o.settings = &st;
	po.color = cli_use_color(&run->g, stdout);
	po.quiet = run->g.quiet;
	o.findings_color = cli_use_color(&run->g, stderr);
	o.jobs = run->fo.jobs ? run->fo.jobs : pool_default_jobs();

	int status;
	switch (mode) {
	case MODE_DRIVER:
		o.findings_out = stdout;
		o.findings_color = po.color;
		status = diff_driver(run->argc - run->cp.first, run->argv + run->cp.first, &o);
		break;
	case MODE_REV_FILE:
		status = diff_revisions(ops[0], NULL, ops + 1, 1, &o);
		break;
	case MODE_FILES:
		status = diff_files(ops[0], ops[1], &ds, &o);
		break;
	case MODE_REVISIONS:
		status = diff_revisions(ops[0], nops == 2 ? ops[1] : NULL, paths, npaths, &o);
		break;
	default:
		status = cli_usage_error(
		    c, nops ? _("too many operands: give OLD NEW, or REV1 [REV2] [-- PATH...]")
			    : _("nothing to compare: give OLD NEW, or REV1 [REV2] [-- PATH...]"));
	}
	settings_release(&st);
	diag_store_release(&ds);
	return status;
}

const struct cmd cmd_diff_entry = {
	CMD_RECORD(diff),
	/* the modes tell their operands apart (cmd_diff_run) */
	.operands = { .max = CLI_MANY },
	.usage = "zhun diff [OPTIONS] OLD NEW | REV1 [REV2] [-- PATH...]",
	.summary = N_("Compare two revisions and classify every change under 立改废释 (establish, "
		      "revise, abolish, interpret …)."),
	.exit_status =
	    N_("Exit status as diff(1): 0 no differences, 1 differences, 2 trouble; with "
	       "--check, 0 no rule broken, 1 some."),
	.paths_after_dashdash = true,
};
