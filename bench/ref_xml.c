/* SPDX-License-Identifier: MIT */
/* ref_xml: the floor for zhun's XML loading — read each file and run libxml2's SAX2 parser with
 * the options src/load_xml.c uses (no network, no entities, no DTD), building no tree. */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ref_read.h"

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri, (void)nb_namespaces;
	(void)namespaces, (void)nb_defaulted, (void)attributes;
	ref_events += 1 + (unsigned long)nb_attributes;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx, (void)ch, (void)len;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (e && e->level >= XML_ERR_ERROR)
		fprintf(stderr, "%s:%d: %s", e->file ? e->file : "?", e->line,
			e->message ? e->message : "error\n");
}

static int parse(const char *path)
{
	size_t len;
	char *buf = ref_read(path, &len);
	if (!buf)
		return 1;
	xmlSAXHandler h;
	memset(&h, 0, sizeof h);
	h.initialized = XML_SAX2_MAGIC;
	h.startElementNs = on_start;
	h.endElementNs = on_end;
	h.characters = on_text;
	h.serror = on_error;
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
	if (!ctxt) {
		free(buf);
		return 1;
	}
	/* the context's own handler is replaced by ours; it is freed with the context */
	memcpy(ctxt->sax, &h, sizeof h);
	ctxt->userData = ctxt;
	/* the options of src/load_xml.c */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
				    XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	xmlParseDocument(ctxt);
	int rc = ctxt->wellFormed ? 0 : 1;
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	xmlInitParser();
	int rc = ref_main(argc, argv, "ref_xml", parse);
	xmlCleanupParser();
	return rc;
}
