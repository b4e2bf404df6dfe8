/* SPDX-License-Identifier: MIT */
/* fuzz_xml: the XML loader (load_buffer → load_xml_parse, libxml2 with safe options) and
 * model_build on any bytes; a document that builds without findings is also written in both
 * spellings, and its YAML spelling must read back as the same tree (`zhun convert`). */
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "load.h"
#include "strbuf.h"
#include "write.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 200000; /* bounds the time of one input; the limit has golden tests */
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = load_buffer("fuzz.xml", (const char *)data, size, SYNTAX_XML, &ds, &lim);
	if (!d) {
		if (!diag_has_fatal(&ds))
			fuzz_fail("load_buffer failed without a fatal finding");
		diag_store_release(&ds);
		return 0;
	}
	fuzz_self_check(d, (const char *)data, size);
	bool loaded_clean = ds.n == 0;
	model_build(d, &ds);
	fuzz_self_check(d, (const char *)data, size);
	if (loaded_clean && d->root && d->root->kind == NODE_MAP) {
		struct strbuf sb = STRBUF_INIT;
		write_yaml(d, &sb);
		struct diag_store ds2;
		diag_store_init(&ds2);
		struct doc *back =
		    load_buffer("back.yaml", sb.buf, sb.len, SYNTAX_YAML, &ds2, &lim);
		if (!back || ds2.n)
			fuzz_fail(
			    "write_yaml output of an XML document does not load back cleanly: "
			    "%s\n%.*s",
			    ds2.n ? ds2.v[0].msg : "", (int)(sb.len > 2000 ? 2000 : sb.len),
			    sb.buf);
		if (!node_equal(d->root, back->root))
			fuzz_fail("write_yaml output of an XML document reads back as a different "
				  "tree:\n%.*s",
				  (int)(sb.len > 2000 ? 2000 : sb.len), sb.buf);
		doc_free(back);
		diag_store_release(&ds2);
		if (d->model && ds.n == 0) {
			strbuf_reset(&sb);
			if (!write_xml(d, &sb))
				fuzz_fail(
				    "write_xml refused a document that built without findings");
		}
		strbuf_release(&sb);
	}
	diag_store_finish(&ds);
	doc_free(d);
	diag_store_release(&ds);
	return 0;
}
