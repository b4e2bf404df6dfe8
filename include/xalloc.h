/* SPDX-License-Identifier: MIT */
/* xalloc: allocation wrappers that never return NULL (they print and exit with status 4). */
#ifndef ZHUN_XALLOC_H
#define ZHUN_XALLOC_H

#include <stddef.h>

/* Each returns memory the caller frees with free(); on exhaustion prints and exits(4). */
void *xmalloc(size_t n);
/* Report that `n` bytes could not be had and exit with status 4: for allocators of their own
 * (arena.c maps memory) to fail as the wrappers do. */
_Noreturn void xalloc_fail(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow `*p` (elements of `size` bytes, capacity `*cap`) so that it holds at least `need`. */
void xgrow(void **p, size_t *cap, size_t need, size_t size);
/* printf into a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
