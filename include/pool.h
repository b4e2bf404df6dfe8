/* SPDX-License-Identifier: MIT */
/* pool: run numbered jobs on a few threads (`-j N`), so that documents are loaded and checked on
 * every core. The pool decides only who runs which job; callers keep each job's results apart
 * (a findings store per job) and merge them in job order, so that the output does not depend on
 * the number of threads or on their timing. */
#ifndef ZHUN_POOL_H
#define ZHUN_POOL_H

#include <stddef.h>

/* Threads to use when the user asks for none in particular: one per online core, at least 1. */
unsigned pool_default_jobs(void);

/* Call fn(arg, i, worker) once for every i in [0, n): on the calling thread alone, in order,
 * when `jobs` ≤ 1 or n ≤ 1, else on min(jobs, n) threads (the calling thread is one of them)
 * that take the next i as they become free. `worker` (< the number of threads) lets fn use
 * per-thread state without locks. Returns when every job has returned. A thread that cannot
 * be started is not an error: its share runs on the others. */
void pool_run(unsigned jobs, size_t n, void (*fn)(void *arg, size_t i, unsigned worker), void *arg);

#endif
