/* SPDX-License-Identifier: MIT */
/* lazylib: open a shared library on first use and fill a table of its functions. zhun links
 * libxml2 and libxlsxwriter this way (src/load_xml.c, src/render_xlsx.c) so that a run that
 * reads no XML and writes no xlsx does not pay for loading them and what they pull in
 * (docs/performance.md, "Start-up").
 *
 * Usage: declare the functions once as an X-macro list, a struct of pointers typed from the
 * library's own header with __typeof__, and an array of their names in the same order:
 *
 *     #define FUNCS(X) X(xmlInitParser) X(xmlNewParserCtxt)
 *     static struct { FUNCS(LAZYLIB_PTR) } api;
 *     static const char *const api_names[] = { FUNCS(LAZYLIB_NAME) };
 *     static struct lazylib api_lib = LAZYLIB_INIT(SONAME, api_names, api);
 *     ... why = lazylib_use(&api_lib);
 */
#ifndef ZHUN_LAZYLIB_H
#define ZHUN_LAZYLIB_H

#include <stdbool.h>
#include <stddef.h>

#define LAZYLIB_PTR(name)    __typeof__(name) *name;
#define LAZYLIB_NAME(name)   #name,
#define LAZYLIB_COUNT(names) (sizeof(names) / sizeof *(names))

/* dlopen `soname` (RTLD_NOW | RTLD_LOCAL) and store dlsym of each of the `n` names, in order,
 * into the function pointers of `table` (`size` bytes: n pointers, checked). Returns NULL, or
 * why the library cannot be used (dlerror()'s text or the missing symbol, in a malloc'd string
 * the caller keeps or frees). The library is never closed: the table stays valid and what the
 * library allocates stays reachable until exit (no leak reports under valgrind or LeakSanitizer).
 * Callers remember the answer: each call opens the library again. */
char *lazylib_open(const char *soname, const char *const *names, size_t n, void *table,
		   size_t size);

/* A library and its table, opened at most once per process by lazylib_use(). */
struct lazylib {
	const char *soname;
	const char *const *names;
	size_t n;
	void *table;
	size_t size;
	bool tried;
	char *error; /* lazylib_open's answer, kept until exit */
};
#define LAZYLIB_INIT(soname, names, table)                                                         \
	{                                                                                          \
		(soname), (names), LAZYLIB_COUNT(names), &(table), sizeof(table), false, NULL      \
	}

/* lazylib_open() on the first call; every later call returns the first one's answer without
 * trying again, so a missing library is reported for every file that needs it at the cost of
 * one dlopen. Returns NULL, or why the library cannot be used (owned by `l`). */
/* Thread-safe: several threads may ask at once. */
const char *lazylib_use(struct lazylib *l);

#endif
