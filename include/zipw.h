/* SPDX-License-Identifier: MIT */
/* zipw: a zip archive written in memory, for the OOXML writers (src/render_doc_docx.c,
 * src/render_docx.c): members added by name, deflated, with a fixed time stamp so that the same
 * input gives the same bytes. libzip is opened with dlopen on the first archive (include/
 * lazylib.h), so a run that writes no .docx never loads it. */
#ifndef ZHUN_ZIPW_H
#define ZHUN_ZIPW_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

struct zipw;

/* A new empty archive. Returns NULL when libzip cannot be used, with *why set to the reason (a
 * malloc'd string the caller frees). */
struct zipw *zipw_new(char **why);
/* Add member `name` holding a copy of data[0..len). Returns false when libzip refuses (a
 * repeated name, no memory). */
bool zipw_add(struct zipw *z, const char *name, const void *data, size_t len);
/* Add a member holding the bytes of `sb` (copied). */
bool zipw_add_buf(struct zipw *z, const char *name, const struct strbuf *sb);
/* Write the whole archive to the end of `out` and free the archive. Returns false, with *why
 * set (caller frees), when libzip cannot; the archive is freed either way. */
bool zipw_finish(struct zipw *z, struct strbuf *out, char **why);
/* Free an archive without writing it. NULL is allowed. */
void zipw_free(struct zipw *z);

#endif
