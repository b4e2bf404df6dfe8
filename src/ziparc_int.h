/* SPDX-License-Identifier: MIT */
/* ziparc_int: libzip as the zip reader (src/ziparc.c) and the zip writer (src/zipw.c) reach it:
 * one table of its functions, opened once on first use. Only those two files include this
 * header. */
#ifndef ZHUN_ZIPARC_INT_H
#define ZHUN_ZIPARC_INT_H

#include <zip.h>

#include "lazylib.h"

/*
 * libzip is opened with dlopen on the first archive, like libxml2 (src/lazylib.c): it brings
 * zlib, bzip2, liblzma, libzstd and GnuTLS or OpenSSL, which a run that reads no workbook and
 * writes no Word file must not pay for at start-up (docs/performance.md, "Start-up").
 */
#ifndef ZIP_SONAME
#define ZIP_SONAME "libzip.so.4" /* libzip 1.x; meson.build may name another */
#endif

#define ZIPARC_LIBZIP_FUNCS(X)                                                                     \
	X(zip_source_buffer_create)                                                                \
	X(zip_source_buffer)                                                                       \
	X(zip_source_free)                                                                         \
	X(zip_source_keep)                                                                         \
	X(zip_source_open)                                                                         \
	X(zip_source_read)                                                                         \
	X(zip_source_close)                                                                        \
	X(zip_open_from_source)                                                                    \
	X(zip_discard)                                                                             \
	X(zip_close)                                                                               \
	X(zip_get_num_entries)                                                                     \
	X(zip_stat_index)                                                                          \
	X(zip_name_locate)                                                                         \
	X(zip_fopen_index)                                                                         \
	X(zip_fread)                                                                               \
	X(zip_fclose)                                                                              \
	X(zip_file_add)                                                                            \
	X(zip_file_set_mtime)                                                                      \
	X(zip_file_get_error)                                                                      \
	X(zip_get_error)                                                                           \
	X(zip_strerror)                                                                            \
	X(zip_error_init)                                                                          \
	X(zip_error_fini)                                                                          \
	X(zip_error_code_zip)                                                                      \
	X(zip_error_strerror)

extern struct ziparc_libzip {
	ZIPARC_LIBZIP_FUNCS(LAZYLIB_PTR)
} ziparc_libzip;

/* Open libzip and fill ziparc_libzip on the first call. Returns NULL, or why libzip cannot be
 * used (the same answer on every call). */
const char *ziparc_libzip_open(void);

#endif
