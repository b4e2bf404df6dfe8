/* SPDX-License-Identifier: MIT */
/* test_settings: which zhun.yaml governs a path (a directory's own; a file's nearest, up to
 * the top of the repository or the root), what reading it keeps and reports, and the one
 * settings step of a command (rules into the store, the language unless --lang chose one). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "i18n.h"
#include "paths.h"
#include "settings.h"
#include "xalloc.h"

static char *root; /* a fresh directory per test */

static char *at(const char *rel)
{
	return path_join(root, rel);
}

static void make_dir(const char *rel)
{
	char *p = at(rel);
	cr_assert_eq(mkdir(p, 0700), 0, "mkdir %s", p);
	free(p);
}

static void make_file(const char *rel, const char *text)
{
	char *p = at(rel);
	FILE *f = fopen(p, "w");
	cr_assert_not_null(f, "create %s", p);
	fputs(text, f);
	fclose(f);
	free(p);
}

/* settings_find(root/rel) relative to root ("" for none), so that the cases read plainly. */
static char *found(const char *rel)
{
	char *p = at(rel);
	char *conf = settings_find(p);
	free(p);
	if (!conf)
		return xstrdup("");
	size_t l = strlen(root);
	cr_assert(!strncmp(conf, root, l) && conf[l] == '/', "%s is outside the tree", conf);
	char *r = xstrdup(conf + l + 1);
	free(conf);
	return r;
}

/* The severity a finding of `code` gets in ds now (SEV_OFF: dropped). Adds a probe finding. */
static enum severity severity_in(struct diag_store *ds, enum diag_code code)
{
	struct diag *d = diag_add(ds, code, "probe.yaml", (struct loc){ 1, 1 }, "probe");
	return d ? d->sev : SEV_OFF;
}

#define FOUND(rel, want)                                                                           \
	do {                                                                                       \
		char *f_ = found(rel);                                                             \
		cr_assert_str_eq(f_, want, "settings_find(%s)", rel);                              \
		free(f_);                                                                          \
	} while (0)

static void setup(void)
{
	test_tables();
	char tmpl[] = "/tmp/zhun-test-settings-XXXXXX";
	cr_assert_not_null(mkdtemp(tmpl));
	root = xstrdup(tmpl);
	/* root/zhun.yaml sits above the repository root/repo and must never be seen from it */
	make_file("zhun.yaml", "lang: en\n");
	make_dir("repo");
	make_dir("repo/.git");
	make_dir("repo/a");
	make_dir("repo/a/b");
	make_dir("repo/c");
	make_dir("plain");
	make_dir("plain/d");
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", root);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	free(root);
}

TestSuite(settings, .init = setup, .fini = teardown);

Test(settings, a_file_takes_the_nearest_up_to_the_repository)
{
	FOUND("repo/a/b/x.yaml", ""); /* stops at repo/.git: root/zhun.yaml is not its project's */
	make_file("repo/zhun.yaml", "lang: zh\n");
	FOUND("repo/a/b/x.yaml", "repo/zhun.yaml");
	FOUND("repo/x.yaml", "repo/zhun.yaml");
	make_file("repo/a/zhun.yaml", "lang: zh\n");
	FOUND("repo/a/b/x.yaml", "repo/a/zhun.yaml");
	FOUND("repo/c/x.yaml", "repo/zhun.yaml");
	FOUND("repo/a/b/missing/x.yaml", "repo/a/zhun.yaml"); /* need not exist */
}

Test(settings, a_git_file_ends_the_search_too)
{
	make_dir("wt");
	make_file("wt/.git", "gitdir: /elsewhere\n");
	FOUND("wt/x.yaml", "");
	char *git = at("wt/.git");
	cr_assert_eq(remove(git), 0);
	free(git);
	FOUND("wt/x.yaml", "zhun.yaml"); /* no repository: up towards the root */
}

Test(settings, a_directory_takes_its_own_only)
{
	make_file("repo/zhun.yaml", "lang: zh\n");
	FOUND("repo", "repo/zhun.yaml");
	FOUND("repo/a", "");
	FOUND("plain/d", "");
	FOUND("plain/d/x.yaml", "zhun.yaml");
}

Test(settings, relative_paths_stay_relative)
{
	make_file("repo/zhun.yaml", "lang: zh\n");
	char *dir = at("repo/a/b");
	cr_assert_eq(chdir(dir), 0);
	free(dir);
	char *f = settings_find("x.yaml");
	cr_assert_str_eq(f, "../../zhun.yaml");
	free(f);
	f = settings_find(NULL);
	cr_assert_str_eq(f, "../../zhun.yaml", "no operand: from the current directory up");
	free(f);
	f = settings_find("../x.yaml");
	cr_assert_str_eq(f, "../../zhun.yaml");
	free(f);
	cr_assert_null(settings_find("."), "a directory: its own zhun.yaml only");
}

Test(settings, outside_any_project_there_is_none)
{
	struct stat st;
	if (stat("/zhun.yaml", &st) == 0 || stat("/tmp/zhun.yaml", &st) == 0)
		cr_skip_test("this machine has a zhun.yaml above /tmp");
	char *f = at("zhun.yaml");
	cr_assert_eq(remove(f), 0);
	free(f);
	FOUND("plain/d/x.yaml", "");
}

Test(settings, read_keeps_what_is_valid)
{
	make_file("repo/zhun.yaml", "zhun:\n"
				    "  system: sys/system.yaml\n"
				    "  lang: zh\n"
				    "  rules:\n"
				    "    stdno-separator: off\n"
				    "    sys-serial-gap: error\n");
	char *path = at("repo/zhun.yaml");
	struct limits lim;
	limits_default(&lim);
	struct diag_store ds;
	diag_store_init(&ds);
	struct settings s;
	cr_assert(settings_read(&s, path, &ds, &lim));
	cr_assert_eq(ds.n, 0);
	char *sys = at("repo/sys/system.yaml");
	cr_assert_str_eq(s.system, sys, "system: relative to zhun.yaml's directory");
	free(sys);
	cr_assert_str_eq(s.lang, "zh");
	cr_assert(s.has_rule[DIAG_STDNO_SEPARATOR] && s.rule[DIAG_STDNO_SEPARATOR] == SEV_OFF);
	cr_assert(s.has_rule[DIAG_SYS_SERIAL_GAP] && s.rule[DIAG_SYS_SERIAL_GAP] == SEV_ERROR);
	cr_assert_not(s.has_rule[DIAG_KEY_UNKNOWN]);
	cr_assert_eq(severity_in(&ds, DIAG_STDNO_SEPARATOR), SEV_WARNING,
		     "reading does not configure the store");
	settings_rules(&s, &ds);
	cr_assert_eq(severity_in(&ds, DIAG_STDNO_SEPARATOR), SEV_OFF);
	settings_release(&s);
	diag_store_release(&ds);
	free(path);
}

Test(settings, a_broken_file_is_reported_and_names_no_system)
{
	make_file("repo/zhun.yaml", "system: other.yaml\n"
				    "lang: fr\n"
				    "rules:\n"
				    "  stdno-separatr: off\n"
				    "  yaml-syntax: off\n"
				    "  sys-serial-gap: loud\n"
				    "  stdno-separator: note\n"
				    "sytem: x\n");
	char *path = at("repo/zhun.yaml");
	struct limits lim;
	limits_default(&lim);
	struct diag_store ds;
	diag_store_init(&ds);
	struct settings s;
	cr_assert_not(settings_read(&s, path, &ds, &lim));
	diag_store_finish(&ds);
	cr_assert_null(s.system, "a broken zhun.yaml falls back to system.yaml");
	cr_assert_null(s.lang);
	cr_assert(s.has_rule[DIAG_STDNO_SEPARATOR] && s.rule[DIAG_STDNO_SEPARATOR] == SEV_NOTE);
	cr_assert_not(s.has_rule[DIAG_SYS_SERIAL_GAP]);
	cr_assert_eq(diag_count(&ds, SEV_ERROR), 5);
	const struct diag *d = test_find(&ds, DIAG_KEY_UNKNOWN);
	cr_assert_not_null(d);
	cr_assert_str_eq(d->msg, "unknown rule code 'stdno-separatr'");
	cr_assert_str_eq(d->help, "did you mean 'stdno-separator'?");
	settings_release(&s);
	diag_store_release(&ds);
	free(path);
}

Test(settings, apply_sets_rules_and_the_language_once)
{
	make_file("repo/zhun.yaml", "lang: zh\nrules: {stdno-separator: off}\n");
	char *file = at("repo/a/x.yaml");
	struct limits lim;
	limits_default(&lim);
	struct diag_store ds;
	diag_store_init(&ds);
	struct settings s;
	i18n_set_lang("en");
	cr_assert(settings_apply(&s, file, true, &ds, &lim));
	cr_assert_not(i18n_is_zh(), "--lang on the command line wins");
	cr_assert_eq(severity_in(&ds, DIAG_STDNO_SEPARATOR), SEV_OFF);
	settings_release(&s);
	cr_assert(settings_apply(&s, file, false, &ds, &lim));
	cr_assert(i18n_is_zh(), "lang: zh applies without --lang");
	settings_release(&s);
	i18n_set_lang("en");
	diag_store_release(&ds);
	free(file);
}
