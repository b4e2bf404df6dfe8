/* SPDX-License-Identifier: MIT */
/* fuzz_diff: `zhun diff OLD NEW` on any bytes — the input is cut at the first "\n--8<--\n" into
 * the old and the new file (without it, the file is compared with itself); each side is loaded
 * (YAML or XML by content) and filed by project_add_doc without linked files; diff_run
 * matches, classifies and checks the revision rules, then every printer and the 前言 list run. */
#include <string.h>

#include "diag.h"
#include "diff.h"
#include "fuzz.h"
#include "load.h"
#include "project.h"
#include "strbuf.h"

static const char separator[] = "\n--8<--\n";

/* First occurrence of the separator, or NULL. */
static const char *find_separator(const char *s, size_t len)
{
	size_t k = sizeof separator - 1;
	for (size_t i = 0; i + k <= len; i++)
		if (s[i] == '\n' && !memcmp(s + i, separator, k))
			return s + i;
	return NULL;
}

static void load_side(struct diff_side *side, const char *name, const char *s, size_t len,
		      struct diag_store *ds)
{
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 200000; /* bounds the time of one input; the limit has golden tests */
	struct doc *d = load_buffer(name, s, len, load_sniff(name, s, len), ds, &lim);
	if (!d)
		return;
	fuzz_self_check(d, s, len);
	project_add_doc(&side->p, NULL, name, d, ds, &lim);
	fuzz_self_check(d, s, len);
	side->no_documents = true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *cut = find_separator(s, size);
	size_t olen = cut ? (size_t)(cut - s) : size;
	const char *ns = cut ? cut + sizeof separator - 1 : s;
	size_t nlen = cut ? size - olen - (sizeof separator - 1) : size;

	struct diag_store ds;
	diag_store_init(&ds);
	struct diff_side old, new_;
	diff_side_init(&old, "old");
	diff_side_init(&new_, "new");
	load_side(&old, "old", s, olen, &ds);
	load_side(&new_, "new", ns, nlen, &ds);
	bool have_old = diff_side_settle(&old), have_new = diff_side_settle(&new_);
	if (have_old || have_new) {
		/* one side missing: a file added or deleted, as in git */
		if (!have_old)
			old.kind = new_.kind;
		if (!have_new)
			new_.kind = old.kind;
		struct diag_store rules;
		diag_store_init(&rules);
		struct diff_result r;
		diff_result_init(&r);
		if (diff_run(&r, &old, &new_, &rules)) {
			(void)diff_has_differences(&r);
			diag_store_finish(&rules);
			struct diff_print_opts po = { DIFF_FMT_TEXT, true, true, false, &rules };
			diff_print(&r, fuzz_null(), &po);
			po.color = false;
			po.format = DIFF_FMT_MARKDOWN;
			diff_print(&r, fuzz_null(), &po);
			po.format = DIFF_FMT_JSON;
			diff_print(&r, fuzz_null(), &po);
			struct strbuf sb = STRBUF_INIT;
			for (size_t i = 0; i < r.ndocs; i++)
				diff_doc_foreword(r.docs[i], &sb);
			strbuf_release(&sb);
			struct diag_print_opts dpo = { false, false, "diff", SEV_OFF };
			diag_print(&rules, DIAG_PRINTER_TEXT, fuzz_null(), &dpo);
		}
		diff_result_release(&r);
		diag_store_release(&rules);
	}
	diff_side_release(&old);
	diff_side_release(&new_);
	diag_store_release(&ds);
	return 0;
}
