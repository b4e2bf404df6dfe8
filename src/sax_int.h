/* SPDX-License-Identifier: MIT */
/* sax_int: libxml2 as the XML readers reach it, shared by sax_parse (src/sax.c) and the XML
 * loader (src/load_xml.c): one table of its functions, opened on first use, and its generic
 * error handler silenced around a parse. Only those two files include this header. */
#ifndef ZHUN_SAX_INT_H
#define ZHUN_SAX_INT_H

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "lazylib.h"

/*
 * libxml2 brings ICU, libstdc++ and liblzma with it, and the dynamic loader spent most of
 * zhun's start-up on them (docs/performance.md, "Start-up") although most runs read YAML only.
 * So it is not linked: meson.build passes only its compile flags, and every call goes through
 * `sax_libxml`, a table of pointers filled by dlopen and dlsym on the first XML file or
 * workbook. The headers still give the types, constants and prototypes (__typeof__ keeps each
 * pointer's type the header's). A global of libxml2's is reached through its accessor
 * (__xmlGenericError), which is what the header's macro does anyway in a thread-enabled build.
 */
#define SAX_LIBXML_FUNCS(X)                                                                        \
	X(xmlInitParser)                                                                           \
	X(xmlNewParserCtxt)                                                                        \
	X(xmlCreatePushParserCtxt)                                                                 \
	X(xmlCtxtUseOptions)                                                                       \
	X(xmlCtxtReadMemory)                                                                       \
	X(xmlParseChunk)                                                                           \
	X(xmlFreeParserCtxt)                                                                       \
	X(xmlStopParser)                                                                           \
	X(xmlSetGenericErrorFunc)                                                                  \
	X(__xmlGenericError)                                                                       \
	X(__xmlGenericErrorContext)                                                                \
	X(xmlValidateNCName)

extern struct sax_libxml {
	SAX_LIBXML_FUNCS(LAZYLIB_PTR)
} sax_libxml;

/* Open libxml2 (once per process, from any thread) and initialise its parser. Returns NULL, or
 * why it cannot be used (a failure is remembered and reported again for every file). */
const char *sax_libxml_open(void);

/* libxml2's generic error handler as it was before sax_libxml_silence. */
struct sax_libxml_saved {
	void *ctx;
	xmlGenericErrorFunc fn;
};

/* Silence the generic error handler, which would print to stderr what our structured error
 * callback already reports; sax_libxml_restore puts the caller's back. */
void sax_libxml_silence(struct sax_libxml_saved *saved);
void sax_libxml_restore(const struct sax_libxml_saved *saved);

#endif
