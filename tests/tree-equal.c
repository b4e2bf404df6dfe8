/* SPDX-License-Identifier: MIT */
/* tree-equal: do two files (either spelling) load into the same generic tree? Used by
 * tests/roundtrip.sh to check that YAML → XML → YAML loses nothing.
 *
 * Usage: tree-equal A B. Exit status 0 equal, 1 different (the first difference is printed with
 * its path and both positions), 2 usage, 3 a file does not load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "node.h"
#include "stdno.h"
#include "strbuf.h"

/*
 * node_equal() is the verdict. Only when it says "different" do we look again, with one
 * normalisation that model.md makes part of the format: a `body` given as one string is one
 * paragraph, the same as a body list holding that one string ("A single-string `body` is one
 * `<p>`", model.md §6). The XML spelling cannot tell the two apart (both are one <p>), so a
 * round trip may turn either into the other; the model (model.c, fill_body) builds the same
 * one-paragraph body from both. Likewise an empty optional list (`refs: []`) and an absent key
 * mean the same (no entries) and XML has no spelling for the empty list without a wrapper
 * (docs/format-xml.md). No other difference is forgiven, and the path of the first real one is
 * printed so that a failure says where to look.
 */

static const char *file_a, *file_b;

static bool is_one_paragraph_list(const struct node *seq, const struct node *str)
{
	return seq->kind == NODE_SEQ && seq->n == 1 && str->kind == NODE_SCALAR &&
	       node_equal(seq->u.items[0], str);
}

static bool is_empty_list(const struct node *n)
{
	return n->kind == NODE_SEQ && n->n == 0;
}

static bool differ(const char *what, const struct node *a, const struct node *b,
		   const struct strbuf *path)
{
	printf("%s: %s\n  %s:%u:%u\n  %s:%u:%u\n", path->len ? path->buf : "(root)", what, file_a,
	       a ? a->loc.line : 0, a ? a->loc.col : 0, file_b, b ? b->loc.line : 0,
	       b ? b->loc.col : 0);
	return false;
}

static bool equal(const struct node *a, const struct node *b, const char *key, struct strbuf *path)
{
	if (!a || !b)
		return a == b || differ("present on one side only", a, b, path);
	if (key && !strcmp(key, "body")) {
		if (is_one_paragraph_list(a, b) || is_one_paragraph_list(b, a))
			return true;
	}
	if (a->kind != b->kind)
		return differ("kinds differ", a, b, path);
	size_t mark = path->len;
	bool ok = true;
	switch (a->kind) {
	case NODE_SCALAR:
		if ((a->flags & NODE_NULL) != (b->flags & NODE_NULL))
			return differ("null on one side only", a, b, path);
		if (a->n != b->n || memcmp(a->u.str, b->u.str, a->n) != 0) {
			printf("%s: '%s' differs from '%s'\n", path->len ? path->buf : "(root)",
			       a->u.str, b->u.str);
			return differ("scalars differ", a, b, path);
		}
		return true;
	case NODE_MAP:
		for (size_t i = 0; i < a->n && ok; i++) {
			const char *k = a->u.pairs[i].key->u.str;
			const struct node_pair *p = node_get_pair(b, k);
			strbuf_addf(path, "/%s", k);
			if (!p && !is_empty_list(a->u.pairs[i].value))
				ok = differ("key missing on the second side", a->u.pairs[i].value,
					    b, path);
			else if (p)
				ok = equal(a->u.pairs[i].value, p->value, k, path);
			strbuf_setlen(path, mark);
		}
		/* keys only the second side has, unless they hold an empty list */
		for (size_t i = 0; i < b->n && ok; i++) {
			const char *k = b->u.pairs[i].key->u.str;
			if (!node_get_pair(a, k) && !is_empty_list(b->u.pairs[i].value)) {
				strbuf_addf(path, "/%s", k);
				ok = differ("key missing on the first side", a, b->u.pairs[i].value,
					    path);
				strbuf_setlen(path, mark);
			}
		}
		return ok;
	case NODE_SEQ:
		if (a->n != b->n)
			return differ("sequences have different lengths", a, b, path);
		for (size_t i = 0; i < a->n && ok; i++) {
			strbuf_addf(path, "[%zu]", i);
			ok = equal(a->u.items[i], b->u.items[i], NULL, path);
			strbuf_setlen(path, mark);
		}
		return ok;
	}
	return differ("unknown node kind", a, b, path);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: tree-equal A B\n");
		return 2;
	}
	file_a = argv[1];
	file_b = argv[2];
	/* the sector codes zhun loads: a Word document's references are told by their numbers */
	const char *datadir = getenv("ZHUN_DATADIR");
	char err[256];
	if (datadir && stdno_tables_load(datadir, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 3;
	}
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	struct doc *a = load_file(file_a, &ds, &lim);
	struct doc *b = load_file(file_b, &ds, &lim);
	int status;
	if (!a || !b) {
		diag_store_finish(&ds);
		struct diag_print_opts po = { false, false, "tree-equal", SEV_OFF };
		diag_print(&ds, DIAG_PRINTER_TEXT, stderr, &po);
		status = 3;
	} else if (node_equal(a->root, b->root)) {
		status = 0;
	} else {
		struct strbuf path = STRBUF_INIT;
		status = equal(a->root, b->root, NULL, &path) ? 0 : 1;
		if (status == 0)
			puts("equal once a one-string body and a one-paragraph body list, and an "
			     "empty list and an absent key, are taken as the same");
		strbuf_release(&path);
	}
	doc_free(a);
	doc_free(b);
	diag_store_release(&ds);
	stdno_tables_release();
	return status;
}
