/* SPDX-License-Identifier: MIT */
/* settings: find the zhun.yaml that governs a path, read it, and apply it once per command. */
#include "settings.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "i18n.h"
#include "model.h"
#include "paths.h"
#include "schema.h"
#include "suggest.h"
#include "xalloc.h"

void settings_init(struct settings *s)
{
	memset(s, 0, sizeof *s);
	records_config_init(&s->records);
}

void settings_release(struct settings *s)
{
	free(s->path);
	free(s->system);
	free(s->lang);
	settings_init(s);
}

/* ---- finding zhun.yaml ---- */

/* The directory above `dir`, spelt relative to the same start: "a/b" → "a", "a" → ".",
 * "." → "..", ".." → "../..", "/a" → "/". Lexical, so that findings name "../zhun.yaml" as the
 * user would. */
static char *parent_dir(const char *dir)
{
	const char *base = strrchr(dir, '/');
	base = base ? base + 1 : dir;
	if (!strcmp(base, ".."))
		return xasprintf("%s/..", dir);
	if (!strcmp(dir, "."))
		return xstrdup("..");
	return path_dir(dir);
}

/* The top of a repository (.git is a directory, or a file in a worktree or submodule), or the
 * root of the file system: the search goes no higher. */
static bool search_ends_at(const char *dir)
{
	struct stat st, root;
	char *git = path_join(dir, ".git");
	bool top = stat(git, &st) == 0;
	free(git);
	if (top || !strcmp(dir, "/"))
		return true;
	return stat(dir, &st) == 0 && stat("/", &root) == 0 && st.st_dev == root.st_dev &&
	       st.st_ino == root.st_ino;
}

/* The search of settings_find from the directory `dir` (taken): the zhun.yaml found, or NULL
 * with *end set to the directory where the search stopped (caller frees) when `end` is given. */
static char *search_up(char *dir, char **end)
{
	/* each step shortens a relative path to "." or climbs towards the root, which ends the
	 * search; the bound only guards against a file system that loops */
	for (int step = 0; step < 4096; step++) {
		char *conf = path_join(dir, "zhun.yaml");
		if (path_is_file(conf)) {
			free(dir);
			return conf;
		}
		free(conf);
		if (search_ends_at(dir))
			break;
		char *up = parent_dir(dir);
		free(dir);
		dir = up;
	}
	if (end)
		*end = dir;
	else
		free(dir);
	return NULL;
}

char *settings_find(const char *path)
{
	if (path && path_is_dir(path)) {
		char *conf = path_join(path, "zhun.yaml");
		if (path_is_file(conf))
			return conf;
		free(conf);
		return NULL;
	}
	return search_up(path ? path_dir(path) : xstrdup("."), NULL);
}

char *settings_root(const char *path, char **conf)
{
	char *end = NULL;
	char *found = search_up(path_dir(path), &end);
	if (found) {
		char *root = path_dir(found);
		if (conf)
			*conf = found;
		else
			free(found);
		return root;
	}
	if (conf)
		*conf = NULL;
	char *git = path_join(end, ".git");
	struct stat st;
	bool top = stat(git, &st) == 0;
	free(git);
	if (top)
		return end;
	free(end);
	return path_dir(path);
}

/* ---- reading it ---- */

static bool read_rules(struct settings *s, const struct doc *d, const struct node *v,
		       struct diag_store *ds)
{
	bool ok = true;
	for (size_t j = 0; j < v->n; j++) {
		const struct node *rk = v->u.pairs[j].key, *rv = v->u.pairs[j].value;
		int code = diag_code_by_name(rk->u.str);
		int sev = rv->kind == NODE_SCALAR ? severity_by_name(rv->u.str) : -1;
		if (code < 0) {
			struct diag *dg = diag_add(ds, DIAG_KEY_UNKNOWN, d->path, rk->loc,
						   _("unknown rule code '%s'"), rk->u.str);
			const char *names[DIAG__COUNT + 1];
			for (int c = 0; c < DIAG__COUNT; c++)
				names[c] = diag_info((enum diag_code)c)->name;
			names[DIAG__COUNT] = NULL;
			const char *sug = did_you_mean(rk->u.str, names);
			if (sug)
				diag_set_help(dg, _("did you mean '%s'?"), sug);
			ok = false;
		} else if (sev < 0 || sev == SEV_FATAL) {
			diag_add(ds, DIAG_ENUM_INVALID, d->path, rv->loc,
				 _("severity must be off, note, warning or error"));
			ok = false;
		} else if (diag_info((enum diag_code)code)->sev == SEV_FATAL) {
			diag_add(ds, DIAG_ENUM_INVALID, d->path, rk->loc,
				 _("'%s' reports unreadable input and cannot be reconfigured"),
				 rk->u.str);
			ok = false;
		} else {
			s->rule[code] = (enum severity)sev;
			s->has_rule[code] = true;
		}
	}
	return ok;
}

/* A whole number from lo to hi, or a finding. */
static bool read_int(const struct doc *d, const struct node *v, long lo, long hi, int *out,
		     struct diag_store *ds)
{
	char *end = NULL;
	long n = v->kind == NODE_SCALAR ? strtol(v->u.str, &end, 10) : 0;
	if (v->kind != NODE_SCALAR || end == v->u.str || *end || n < lo || n > hi) {
		diag_add(ds, DIAG_INT_INVALID, d->path, v->loc,
			 _("must be a whole number from %ld to %ld"), lo, hi);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool read_date(const struct doc *d, const struct node *v, struct date *out,
		      struct diag_store *ds)
{
	if (v->kind != NODE_SCALAR || !date_parse(v->u.str, out)) {
		diag_add(ds, DIAG_DATE_INVALID, d->path, v->loc, _("must be a date YYYY-MM-DD"));
		return false;
	}
	out->loc = v->loc;
	return true;
}

/* records: the thresholds of the records rules and what `zhun eval` counts (format.md §8). */
static bool read_records(struct settings *s, const struct doc *d, const struct node *v,
			 struct diag_store *ds)
{
	static const char *const keys[] = { "inspections-per-year",
					    "implementation-months",
					    "review-action-months",
					    "count-statuses",
					    "partial-is-nonconformity",
					    "period",
					    NULL };
	struct records_config *rc = &s->records;
	bool ok = true;
	for (size_t j = 0; j < v->n; j++) {
		const struct node *k = v->u.pairs[j].key, *x = v->u.pairs[j].value;
		const char *key = k->u.str;
		if (!strcmp(key, "inspections-per-year")) {
			ok = read_int(d, x, 0, 365, &rc->inspections_per_year, ds) && ok;
		} else if (!strcmp(key, "implementation-months")) {
			ok = read_int(d, x, 0, 1200, &rc->implementation_months, ds) && ok;
		} else if (!strcmp(key, "review-action-months")) {
			ok = read_int(d, x, 0, 1200, &rc->review_action_months, ds) && ok;
		} else if (!strcmp(key, "partial-is-nonconformity")) {
			if (node_is(x, "true") || node_is(x, "false")) {
				rc->nonconform_partial = node_is(x, "true");
			} else {
				diag_add(ds, DIAG_TYPE_MISMATCH, d->path, x->loc,
					 _("must be true or false"));
				ok = false;
			}
		} else if (!strcmp(key, "count-statuses")) {
			unsigned set = 0;
			size_t n = x->kind == NODE_SEQ ? x->n : 1;
			for (size_t i = 0; i < n; i++) {
				const struct node *w = x->kind == NODE_SEQ ? x->u.items[i] : x;
				int st = w->kind == NODE_SCALAR
					     ? schema_enum_value(&schema_enum_status, w->u.str)
					     : 0;
				if (!st) {
					diag_add(ds, DIAG_ENUM_INVALID, d->path, w->loc,
						 _("a status must be one of planned, drafting, "
						   "upcoming, current, replaced, abolished"));
					ok = false;
				}
				set |= st ? 1u << st : 0;
			}
			if (set)
				rc->count_statuses = set;
		} else if (!strcmp(key, "period") && x->kind == NODE_MAP) {
			const struct node *from = node_get(x, "from"), *to = node_get(x, "to");
			if (!from || !to || x->n != 2) {
				diag_add(ds, DIAG_KEY_MISSING, d->path, x->loc,
					 _("period takes exactly 'from' and 'to'"));
				ok = false;
			} else if (read_date(d, from, &rc->period_from, ds) &&
				   read_date(d, to, &rc->period_to, ds)) {
				if (date_cmp(&rc->period_from, &rc->period_to) > 0) {
					diag_add(ds, DIAG_DATE_INVALID, d->path, to->loc,
						 _("period ends before it begins"));
					ok = false;
				}
			} else {
				ok = false;
			}
		} else {
			struct diag *dg = diag_add(ds, DIAG_KEY_UNKNOWN, d->path, k->loc,
						   _("unknown key '%s' in zhun.yaml"), key);
			const char *sug = did_you_mean(key, keys);
			if (sug)
				diag_set_help(dg, _("did you mean '%s'?"), sug);
			ok = false;
		}
	}
	if (!ok)
		records_config_init(rc);
	return ok;
}

bool settings_read(struct settings *s, const char *path, struct diag_store *ds,
		   const struct limits *lim)
{
	settings_init(s);
	s->path = xstrdup(path);
	struct doc *d = load_file_as(path, LOAD_REGULAR, ds, lim, NULL);
	if (!d)
		return false;
	bool ok = true;
	const struct node *root = d->root;
	if (root && root->kind == NODE_MAP && root->n == 1 && node_get(root, "zhun"))
		root = node_get(root, "zhun");
	if (!root || root->kind != NODE_MAP) {
		diag_add(ds, DIAG_TYPE_MISMATCH, d->path, (struct loc){ 1, 1 },
			 _("zhun.yaml must be a mapping with keys system, lang and rules"));
		doc_free(d);
		return false;
	}
	static const char *const keys[] = { "format",
					    "system",
					    "lang",
					    "rules",
					    "registry-max-age",
					    "records",
					    "allow-outside-paths",
					    NULL };
	char *system = NULL;
	for (size_t i = 0; i < root->n; i++) {
		const struct node *k = root->u.pairs[i].key, *v = root->u.pairs[i].value;
		if (!strcmp(k->u.str, "format")) {
			if (!node_is(v, "1")) {
				diag_add(ds, DIAG_FORMAT_VERSION, d->path, v->loc,
					 _("format must be 1"));
				ok = false;
			}
		} else if (!strcmp(k->u.str, "system") && v->kind == NODE_SCALAR) {
			free(system);
			system = xstrdup(v->u.str);
		} else if (!strcmp(k->u.str, "lang") && v->kind == NODE_SCALAR) {
			if (strcmp(v->u.str, "zh") && strcmp(v->u.str, "en")) {
				diag_add(ds, DIAG_ENUM_INVALID, d->path, v->loc,
					 _("lang must be zh or en, not '%s'"), v->u.str);
				ok = false;
			} else {
				free(s->lang);
				s->lang = xstrdup(v->u.str);
			}
		} else if (!strcmp(k->u.str, "registry-max-age") && v->kind == NODE_SCALAR) {
			/* days ("365"), or years ("1y", a year being 365 days), for check_registry
			 */
			char *end;
			long n = strtol(v->u.str, &end, 10);
			bool digits = v->u.str[0] >= '0' && v->u.str[0] <= '9';
			if (digits && end != v->u.str && *end == 'y' && !end[1] && n <= 100) {
				s->registry_max_age = n * 365;
				s->has_registry_max_age = true;
			} else if (digits && !*end && n <= 36500) {
				s->registry_max_age = n;
				s->has_registry_max_age = true;
			} else {
				diag_add(
				    ds, DIAG_ENUM_INVALID, d->path, v->loc,
				    _("registry-max-age must be a number of days (365) or years "
				      "(1y), not '%s'"),
				    v->u.str);
				ok = false;
			}
		} else if (!strcmp(k->u.str, "allow-outside-paths") && v->kind == NODE_SCALAR) {
			if (node_is(v, "true") || node_is(v, "false")) {
				s->allow_outside_paths = node_is(v, "true");
			} else {
				diag_add(ds, DIAG_ENUM_INVALID, d->path, v->loc,
					 _("allow-outside-paths must be true or false, not '%s'"),
					 v->u.str);
				ok = false;
			}
		} else if (!strcmp(k->u.str, "rules") && v->kind == NODE_MAP) {
			ok = read_rules(s, d, v, ds) && ok;
		} else if (!strcmp(k->u.str, "records") && v->kind == NODE_MAP) {
			ok = read_records(s, d, v, ds) && ok;
		} else {
			struct diag *dg = diag_add(ds, DIAG_KEY_UNKNOWN, d->path, k->loc,
						   _("unknown key '%s' in zhun.yaml"), k->u.str);
			const char *sug = did_you_mean(k->u.str, keys);
			if (sug)
				diag_set_help(dg, _("did you mean '%s'?"), sug);
			ok = false;
		}
	}
	if (ok && system) {
		char *dir = path_dir(path);
		s->system = path_join(dir, system);
		free(dir);
	}
	free(system);
	doc_free(d);
	return ok;
}

void settings_rules(const struct settings *s, struct diag_store *ds)
{
	for (int k = 0; k < DIAG__COUNT; k++)
		if (s->has_rule[k])
			diag_store_set_severity(ds, (enum diag_code)k, s->rule[k]);
}

bool settings_apply(struct settings *s, const char *operand, bool lang_given, struct diag_store *ds,
		    const struct limits *lim)
{
	settings_init(s);
	char *conf = settings_find(operand);
	if (!conf)
		return true;
	bool ok = settings_read(s, conf, ds, lim);
	free(conf);
	settings_rules(s, ds);
	if (s->lang && !lang_given)
		i18n_set_lang(s->lang);
	if (s->has_registry_max_age)
		check_registry_max_age = s->registry_max_age;
	return ok;
}
