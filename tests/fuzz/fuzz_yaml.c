/* SPDX-License-Identifier: MIT */
/* fuzz_yaml: the YAML loader (load_buffer → load_yaml_parse) and model_build on any bytes, and
 * the YAML writer's round trip: a tree loaded without findings, written and read back, is the
 * same tree (what `zhun convert` promises). */
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "load.h"
#include "strbuf.h"
#include "write.h"

/* Scalar bytes of a tree with aliases expanded, counting stops once past `cap`: an alias bomb
 * within the node limit still writes out large, and the round trip is not worth gigabytes. */
static size_t tree_bytes(const struct node *n, size_t cap, size_t acc)
{
	if (!n || acc > cap)
		return acc;
	switch (n->kind) {
	case NODE_SCALAR:
		return acc + n->n + 8;
	case NODE_MAP:
		for (size_t i = 0; i < n->n && acc <= cap; i++)
			acc = tree_bytes(n->u.pairs[i].value, cap, acc + n->u.pairs[i].key->n + 8);
		return acc;
	case NODE_SEQ:
		for (size_t i = 0; i < n->n && acc <= cap; i++)
			acc = tree_bytes(n->u.items[i], cap, acc + 4);
		return acc;
	}
	return acc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits lim;
	limits_default(&lim);
	/* the node limit itself is tested by tests/golden/limits; here it only bounds the time
	 * one input may take */
	lim.max_nodes = 200000;
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = load_buffer("fuzz.yaml", (const char *)data, size, SYNTAX_YAML, &ds, &lim);
	if (!d) {
		if (!diag_has_fatal(&ds))
			fuzz_fail("load_buffer failed without a fatal finding");
		diag_store_release(&ds);
		return 0;
	}
	fuzz_self_check(d, (const char *)data, size);
	bool clean = ds.n == 0;
	/* write_yaml writes a root mapping (a bare scalar or sequence is no zhun document) */
	if (d->root && d->root->kind == NODE_MAP && clean &&
	    tree_bytes(d->root, 1u << 20, 0) <= (1u << 20)) {
		struct strbuf sb = STRBUF_INIT;
		write_yaml(d, &sb);
		struct diag_store ds2;
		diag_store_init(&ds2);
		struct limits big = lim;
		big.max_aliases = big.max_nodes = (size_t)-1;
		big.max_file_size = big.max_line_length = (size_t)-1;
		struct doc *back =
		    load_buffer("back.yaml", sb.buf, sb.len, SYNTAX_YAML, &ds2, &big);
		if (!back || ds2.n)
			fuzz_fail("write_yaml output does not load back cleanly: %s\n%.*s",
				  ds2.n ? ds2.v[0].msg : "", (int)(sb.len > 2000 ? 2000 : sb.len),
				  sb.buf);
		if (!node_equal(d->root, back->root))
			fuzz_fail("write_yaml output reads back as a different tree:\n%.*s",
				  (int)(sb.len > 2000 ? 2000 : sb.len), sb.buf);
		doc_free(back);
		diag_store_release(&ds2);
		strbuf_release(&sb);
	}
	model_build(d, &ds);
	fuzz_self_check(d, (const char *)data, size);
	diag_store_finish(&ds);
	doc_free(d);
	diag_store_release(&ds);
	return 0;
}
