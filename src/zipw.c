/* SPDX-License-Identifier: MIT */
/* zipw: zip archives written to memory through libzip, opened lazily, deterministic. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "strbuf.h"
#include "xalloc.h"
#include "ziparc_int.h"
#include "zipw.h"

struct zipw {
	zip_source_t *src; /* the memory buffer the archive is written into; kept past zip_close */
	zip_t *za;
};

/* A time stamp inside the DOS range in every time zone, the same on every run. */
static const time_t fixed_mtime = 946684800; /* 2000-01-01 */

struct zipw *zipw_new(char **why)
{
	const char *no = ziparc_libzip_open();
	if (no) {
		*why = xstrdup(no);
		return NULL;
	}
	zip_error_t err;
	ziparc_libzip.zip_error_init(&err);
	struct zipw *z = xcalloc(1, sizeof *z);
	z->src = ziparc_libzip.zip_source_buffer_create(NULL, 0, 0, &err);
	if (z->src) {
		/* the source outlives zip_close, which writes into it */
		ziparc_libzip.zip_source_keep(z->src);
		z->za = ziparc_libzip.zip_open_from_source(z->src, ZIP_TRUNCATE, &err);
	}
	if (!z->za) {
		*why = xstrdup(ziparc_libzip.zip_error_strerror(&err));
		if (z->src)
			ziparc_libzip.zip_source_free(z->src);
		free(z);
		z = NULL;
	}
	ziparc_libzip.zip_error_fini(&err);
	return z;
}

bool zipw_add(struct zipw *z, const char *name, const void *data, size_t len)
{
	void *copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	/* freep = 1: libzip frees the copy when it is done with it */
	zip_source_t *s = ziparc_libzip.zip_source_buffer(z->za, copy, len, 1);
	if (!s) {
		free(copy);
		return false;
	}
	zip_int64_t idx = ziparc_libzip.zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		ziparc_libzip.zip_source_free(s);
		return false;
	}
	return ziparc_libzip.zip_file_set_mtime(z->za, (zip_uint64_t)idx, fixed_mtime, 0) == 0;
}

bool zipw_add_buf(struct zipw *z, const char *name, const struct strbuf *sb)
{
	return zipw_add(z, name, sb->buf, sb->len);
}

bool zipw_finish(struct zipw *z, struct strbuf *out, char **why)
{
	*why = NULL;
	if (ziparc_libzip.zip_close(z->za) != 0) {
		*why = xstrdup(ziparc_libzip.zip_strerror(z->za));
		ziparc_libzip.zip_discard(z->za);
		ziparc_libzip.zip_source_free(z->src);
		free(z);
		return false;
	}
	bool ok = false;
	if (ziparc_libzip.zip_source_open(z->src) == 0) {
		char buf[65536];
		zip_int64_t n;
		while ((n = ziparc_libzip.zip_source_read(z->src, buf, sizeof buf)) > 0)
			strbuf_add(out, buf, (size_t)n);
		ok = n == 0;
		ziparc_libzip.zip_source_close(z->src);
	}
	if (!ok)
		*why = xstrdup("cannot read the written archive back from memory");
	ziparc_libzip.zip_source_free(z->src);
	free(z);
	return ok;
}

void zipw_free(struct zipw *z)
{
	if (!z)
		return;
	ziparc_libzip.zip_discard(z->za);
	ziparc_libzip.zip_source_free(z->src);
	free(z);
}
