/* SPDX-License-Identifier: MIT */
/* dump: what the test tools that print a reader's result (docx-dump, sheet-dump) share — the
 * `--limit NAME=VALUE` option, text printed on one line, and the findings on stderr. */
#ifndef ZHUN_TEST_DUMP_H
#define ZHUN_TEST_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"

/* Set the limit NAME=VALUE in *lim: archive-size, member-size, ratio, members, strings, nodes,
 * depth or line-length. False for another name or a value that is not a whole number. */
static inline bool dump_set_limit(struct limits *lim, const char *arg)
{
	static const struct {
		const char *name;
		size_t offset;
	} keys[] = {
		{ "archive-size", offsetof(struct limits, max_archive_size) },
		{ "member-size", offsetof(struct limits, max_member_size) },
		{ "ratio", offsetof(struct limits, max_ratio) },
		{ "members", offsetof(struct limits, max_members) },
		{ "strings", offsetof(struct limits, max_strings) },
		{ "nodes", offsetof(struct limits, max_nodes) },
		{ "depth", offsetof(struct limits, max_depth) },
		{ "line-length", offsetof(struct limits, max_line_length) },
	};
	const char *eq = strchr(arg, '=');
	if (!eq)
		return false;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strlen(keys[i].name) != (size_t)(eq - arg) ||
		    memcmp(keys[i].name, arg, (size_t)(eq - arg)) != 0)
			continue;
		char *end;
		unsigned long long v = strtoull(eq + 1, &end, 10);
		if (*end || end == eq + 1)
			return false;
		*(size_t *)((char *)lim + keys[i].offset) = (size_t)v;
		return true;
	}
	return false;
}

/* Print s[0..n) on one line: a line break as \n, a tab as \t and, with `backslash` (where a
 * text may hold the two characters \n itself), a backslash as \\. */
static inline void dump_text(const char *s, size_t n, bool backslash)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			fputs("\\n", stdout);
		else if (s[i] == '\t')
			fputs("\\t", stdout);
		else if (s[i] == '\\' && backslash)
			fputs("\\\\", stdout);
		else
			putchar(s[i]);
	}
}

/* Finish the store and print its findings on stderr as zhun prints them, without a summary. */
static inline void dump_findings(struct diag_store *ds)
{
	diag_store_finish(ds);
	struct diag_print_opts po = { .quiet = true };
	diag_print(ds, DIAG_PRINTER_TEXT, stderr, &po);
}

#endif
