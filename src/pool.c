/* SPDX-License-Identifier: MIT */
/* pool: numbered jobs over a few POSIX threads, each taking the next number from one counter. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

unsigned pool_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 1 ? (unsigned)n : 1;
}

struct pool_run {
	void (*fn)(void *arg, size_t i, unsigned worker);
	void *arg;
	size_t n;
	atomic_size_t next;
};

struct pool_worker {
	struct pool_run *run;
	unsigned id;
};

static void *work(void *p)
{
	struct pool_worker *w = p;
	struct pool_run *r = w->run;
	for (size_t i; (i = atomic_fetch_add(&r->next, 1)) < r->n;)
		r->fn(r->arg, i, w->id);
	return NULL;
}

void pool_run(unsigned jobs, size_t n, void (*fn)(void *arg, size_t i, unsigned worker), void *arg)
{
	if (jobs > n)
		jobs = (unsigned)n;
	if (jobs <= 1) {
		for (size_t i = 0; i < n; i++)
			fn(arg, i, 0);
		return;
	}
	struct pool_run r = { fn, arg, n, 0 };
	struct pool_worker *w = xcalloc(jobs, sizeof *w);
	pthread_t *t = xcalloc(jobs, sizeof *t);
	bool *started = xcalloc(jobs, sizeof *started);
	for (unsigned k = 0; k < jobs; k++)
		w[k] = (struct pool_worker){ &r, k };
	/* worker 0 is this thread */
	for (unsigned k = 1; k < jobs; k++)
		started[k] = pthread_create(&t[k], NULL, work, &w[k]) == 0;
	work(&w[0]);
	for (unsigned k = 1; k < jobs; k++)
		if (started[k])
			pthread_join(t[k], NULL);
	free(started);
	free(t);
	free(w);
}
