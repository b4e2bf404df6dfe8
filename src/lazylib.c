/* SPDX-License-Identifier: MIT */
/* lazylib: dlopen and dlsym into a table of function pointers (include/lazylib.h). */
#include "lazylib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "xalloc.h"

_Static_assert(sizeof(void (*)(void)) == sizeof(void *), "function pointers differ from void *");

char *lazylib_open(const char *soname, const char *const *names, size_t n, void *table, size_t size)
{
	if (size != n * sizeof(void *))
		return xstrdup("internal error: function table and names differ");
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return xstrdup(dlerror()); /* dlerror()'s text lives only until the next dl call */
	for (size_t i = 0; i < n; i++) {
		(void)dlerror();
		void *sym = dlsym(h, names[i]);
		if (!sym) {
			const char *e = dlerror();
			char buf[256];
			if (!e) {
				snprintf(buf, sizeof buf, "%s: no symbol %s", soname, names[i]);
				e = buf;
			}
			/* a library without every symbol is not used, but stays open like a good
			 * one */
			return xstrdup(e);
		}
		/* ISO C has no conversion between void * and function pointers; POSIX guarantees
		 * that dlsym's result has the representation of one, so copy the bytes */
		memcpy((char *)table + i * sizeof sym, &sym, sizeof sym);
	}
	return NULL;
}

/* Files are loaded on a pool of threads (pool.h): the first two to need a library would both
 * open it and fill its table while the other calls through it. One lock for every library;
 * taken once per archive or document, it costs nothing measurable. */
static pthread_mutex_t use_lock = PTHREAD_MUTEX_INITIALIZER;

const char *lazylib_use(struct lazylib *l)
{
	pthread_mutex_lock(&use_lock);
	if (!l->tried) {
		l->tried = true;
		l->error = lazylib_open(l->soname, l->names, l->n, l->table, l->size);
	}
	const char *error = l->error;
	pthread_mutex_unlock(&use_lock);
	return error;
}
