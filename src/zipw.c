/* SPDX-License-Identifier: MIT */
/* zipw: zip archives written to memory through libzip, opened lazily, deterministic. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "lazylib.h"
#include "strbuf.h"
#include "xalloc.h"
#include "zipw.h"

#ifndef ZIP_SONAME
#define ZIP_SONAME "libzip.so.4"
#endif

#define ZIPW_FUNCS(X)                                                                              \
	X(zip_source_buffer_create)                                                                \
	X(zip_source_buffer)                                                                       \
	X(zip_source_free)                                                                         \
	X(zip_source_keep)                                                                         \
	X(zip_source_open)                                                                         \
	X(zip_source_read)                                                                         \
	X(zip_source_close)                                                                        \
	X(zip_source_stat)                                                                         \
	X(zip_open_from_source)                                                                    \
	X(zip_file_add)                                                                            \
	X(zip_file_set_mtime)                                                                      \
	X(zip_close)                                                                               \
	X(zip_discard)                                                                             \
	X(zip_strerror)                                                                            \
	X(zip_error_init)                                                                          \
	X(zip_error_fini)                                                                          \
	X(zip_error_strerror)

static struct {
	ZIPW_FUNCS(LAZYLIB_PTR)
} api;
static const char *const api_names[] = { ZIPW_FUNCS(LAZYLIB_NAME) };
static struct lazylib api_lib = LAZYLIB_INIT(ZIP_SONAME, api_names, api);

struct zipw {
	zip_source_t *src; /* the memory buffer the archive is written into; kept past zip_close */
	zip_t *za;
};

/* A time stamp inside the DOS range in every time zone, the same on every run. */
static const time_t fixed_mtime = 946684800; /* 2000-01-01 */

struct zipw *zipw_new(char **why)
{
	const char *no = lazylib_use(&api_lib);
	if (no) {
		*why = xstrdup(no);
		return NULL;
	}
	zip_error_t err;
	api.zip_error_init(&err);
	struct zipw *z = xcalloc(1, sizeof *z);
	z->src = api.zip_source_buffer_create(NULL, 0, 0, &err);
	if (z->src) {
		/* the source outlives zip_close, which writes into it */
		api.zip_source_keep(z->src);
		z->za = api.zip_open_from_source(z->src, ZIP_TRUNCATE, &err);
	}
	if (!z->za) {
		*why = xstrdup(api.zip_error_strerror(&err));
		if (z->src)
			api.zip_source_free(z->src);
		free(z);
		z = NULL;
	}
	api.zip_error_fini(&err);
	return z;
}

bool zipw_add(struct zipw *z, const char *name, const void *data, size_t len)
{
	void *copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	/* freep = 1: libzip frees the copy when it is done with it */
	zip_source_t *s = api.zip_source_buffer(z->za, copy, len, 1);
	if (!s) {
		free(copy);
		return false;
	}
	zip_int64_t idx = api.zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		api.zip_source_free(s);
		return false;
	}
	return api.zip_file_set_mtime(z->za, (zip_uint64_t)idx, fixed_mtime, 0) == 0;
}

bool zipw_add_buf(struct zipw *z, const char *name, const struct strbuf *sb)
{
	return zipw_add(z, name, sb->buf, sb->len);
}

bool zipw_finish(struct zipw *z, struct strbuf *out, char **why)
{
	*why = NULL;
	if (api.zip_close(z->za) != 0) {
		*why = xstrdup(api.zip_strerror(z->za));
		api.zip_discard(z->za);
		api.zip_source_free(z->src);
		free(z);
		return false;
	}
	bool ok = false;
	if (api.zip_source_open(z->src) == 0) {
		char buf[65536];
		zip_int64_t n;
		while ((n = api.zip_source_read(z->src, buf, sizeof buf)) > 0)
			strbuf_add(out, buf, (size_t)n);
		ok = n == 0;
		api.zip_source_close(z->src);
	}
	if (!ok)
		*why = xstrdup("cannot read the written archive back from memory");
	api.zip_source_free(z->src);
	free(z);
	return ok;
}

void zipw_free(struct zipw *z)
{
	if (!z)
		return;
	api.zip_discard(z->za);
	api.zip_source_free(z->src);
	free(z);
}
