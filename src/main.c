/* SPDX-License-Identifier: MIT */
/* main: global options, the command lookup with did-you-mean, and dispatch. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "i18n.h"
#include "paths.h"
#include "suggest.h"

void zhun_print_help(FILE *out);

static int unknown_command(const char *name)
{
	const char *names[32];
	size_t n = 0;
	for (const struct cmd *c = commands; c->name && n < 31; c++)
		names[n++] = c->name;
	names[n] = NULL;
	const char *s = did_you_mean(name, names);
	if (s)
		fprintf(stderr, _("zhun: unknown command '%s'; did you mean '%s'?\n"), name, s);
	else
		fprintf(stderr, _("zhun: unknown command '%s'\n"), name);
	fprintf(stderr, _("Try 'zhun --help' for the list of commands.\n"));
	return 2;
}

int main(int argc, char **argv)
{
	i18n_init();
	struct globals g = { COLOR_AUTO, false, NULL };
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			zhun_print_help(stdout);
			return 0;
		}
		if (!strcmp(a, "--version")) {
			printf("zhun %s\n", ZHUN_VERSION);
			return 0;
		}
		if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			g.quiet = true;
			continue;
		}
		const char *val = NULL;
		const char *name = a;
		char buf[32];
		const char *eq = strchr(a, '=');
		if (eq && (size_t)(eq - a) < sizeof buf) {
			memcpy(buf, a, (size_t)(eq - a));
			buf[eq - a] = '\0';
			name = buf;
			val = eq + 1;
		}
		if (!strcmp(name, "--color") || !strcmp(name, "--lang")) {
			if (!val) {
				if (i + 1 >= argc) {
					fprintf(stderr, _("zhun: option '%s' needs a value\n"), name);
					return 2;
				}
				val = argv[++i];
			}
			if (!strcmp(name, "--lang")) {
				if (!i18n_set_lang(val)) {
					fprintf(stderr, _("zhun: --lang must be zh or en, not '%s'\n"), val);
					return 2;
				}
				g.lang = val;
			} else if (!strcmp(val, "auto") || !strcmp(val, "always") || !strcmp(val, "never")) {
				g.color = !strcmp(val, "always") ? COLOR_ALWAYS : !strcmp(val, "never") ? COLOR_NEVER : COLOR_AUTO;
			} else {
				fprintf(stderr, _("zhun: --color must be auto, always or never, not '%s'\n"), val);
				return 2;
			}
			continue;
		}
		static const char *const globals[] = { "--help", "--version", "--quiet", "--color", "--lang", NULL };
		const char *s = did_you_mean(name, globals);
		if (s)
			fprintf(stderr, _("zhun: unknown option '%s'; did you mean '%s'?\n"), name, s);
		else
			fprintf(stderr, _("zhun: unknown option '%s'\n"), name);
		fprintf(stderr, _("Try 'zhun --help' for more information.\n"));
		return 2;
	}
	if (i >= argc) {
		zhun_print_help(stderr);
		return 2;
	}
	const struct cmd *c = cmd_find(argv[i]);
	if (!c)
		return unknown_command(argv[i]);
	if (!paths_load_tables())
		return 4;
	int r = c->fn(argc - i, argv + i, &g);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "zhun: %s\n", _("cannot write to standard output"));
		return 4;
	}
	return r;
}
