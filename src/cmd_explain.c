/* SPDX-License-Identifier: MIT */
/* cmd_explain: `zhun explain [CODE]` — list every diagnostic code, or print one code's page
 * from the rules document (docs/rules.md, installed beside the data files). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cmd.h"
#include "diag.h"
#include "i18n.h"
#include "paths.h"
#include "suggest.h"
#include "xalloc.h"

static const struct opt_doc explain_opts[] = {
	OPT_HELP,
	OPT_END,
};

static int cmd_explain_run(int argc, char **argv, const struct globals *g0);

const struct cmd cmd_explain_entry = {
	"explain", cmd_explain_run, "zhun explain [CODE]",
	N_("List the diagnostic codes, or explain one with its rule and examples."), explain_opts,
	N_("Exit status: 0 success, 2 unknown code or usage error."),
};

static void list_codes(void)
{
	bool zh = i18n_is_zh();
	for (int i = 0; i < DIAG__COUNT; i++) {
		const struct diag_info *in = diag_info((enum diag_code)i);
		printf("%-26s %-8s %-9s %s\n", in->name, severity_name(in->sev), in->rule,
		       zh ? in->summary_zh : in->summary_en);
	}
}

static bool fence_line(const char *line)
{
	return !strncmp(line, "```", 3);
}

/* Print the section "## NAME" of the rules document up to the next "## " heading. Headings
 * inside fenced examples (a YAML comment "## …") do not count. Returns false when the file
 * cannot be read or holds no such section. */
static bool print_page(const char *path, const char *name)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool in_fence = false, in_page = false, found = false;
	size_t blank = 0; /* blank lines held back: a page ends at its last text line */
	size_t nlen = strlen(name);
	while ((n = getline(&line, &cap, f)) != -1) {
		bool heading = !in_fence && !strncmp(line, "## ", 3);
		if (heading) {
			if (in_page)
				break;
			const char *h = line + 3;
			size_t hl = strcspn(h, "\r\n");
			while (hl && h[hl - 1] == ' ')
				hl--;
			if (hl == nlen && !memcmp(h, name, nlen))
				in_page = found = true;
		}
		if (fence_line(line))
			in_fence = !in_fence;
		if (!in_page)
			continue;
		if (line[strspn(line, "\r\n")] == '\0') {
			blank++;
			continue;
		}
		for (; blank; blank--)
			putchar('\n');
		fputs(line, stdout);
	}
	free(line);
	fclose(f);
	return found;
}

static int cmd_explain_run(int argc, char **argv, const struct globals *g0)
{
	const struct cmd *c = &cmd_explain_entry;
	struct cli_run run;
	cli_run_init(&run, c, argc, argv, g0, CLI_BIND_NONE);
	int id;
	while ((id = cli_next(&run.cp)) > 0)
		;
	if (id < 0)
		return run.cp.status;
	int first = run.cp.first;
	if (first >= argc) {
		list_codes();
		return 0;
	}
	if (argc - first > 1)
		return cli_usage_error(c, _("give one code, not %d"), argc - first);
	const char *name = argv[first];
	int code = diag_code_by_name(name);
	if (code < 0) {
		const char *names[DIAG__COUNT + 1];
		for (int k = 0; k < DIAG__COUNT; k++)
			names[k] = diag_info((enum diag_code)k)->name;
		names[DIAG__COUNT] = NULL;
		const char *s = did_you_mean(name, names);
		if (s)
			return cli_usage_error(c, _("unknown code '%s'; did you mean '%s'?"), name, s);
		return cli_usage_error(c, _("unknown code '%s'; 'zhun explain' lists them all"), name);
	}
	const char *doc = paths_rules_doc();
	if (doc && print_page(doc, name))
		return 0;
	/* Without its page a code still has its table entry: show that rather than nothing. */
	const struct diag_info *in = diag_info((enum diag_code)code);
	printf("## %s\n\n%s · %s · %s\n", in->name, in->rule, severity_name(in->sev),
	       i18n_is_zh() ? in->summary_zh : in->summary_en);
	if (!doc)
		fprintf(stderr, _("zhun explain: the rules document (rules.md) was not found; set ZHUN_DATADIR\n"));
	else
		fprintf(stderr, _("zhun explain: '%s' has no page in %s\n"), name, doc);
	return 0;
}
