/* SPDX-License-Identifier: MIT */
/* yaml_feed: libyaml's parse of one large file on a second thread, handed to the loader in
 * batches of events. */
#include "yaml_feed.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

/* Events are handed over a batch at a time, so that the two threads meet under the lock once
 * per batch, not once per event; the ring bounds what is parsed ahead of the loader (about
 * 400 KB of events plus their strings). A thread that has to wait sleeps until half the ring
 * is ready for it, not one batch: the loader is usually the faster of the two, and waking it
 * for every batch cost thousands of sleeps and wake-ups a second (a futex each way, dear on a
 * virtual machine). */
enum { FEED_BATCH = 256, FEED_BATCHES = 16, FEED_WAKE = FEED_BATCHES / 2 };

struct yaml_feed {
	yaml_parser_t *parser;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t filled; /* a batch was published, or the parse is over */
	pthread_cond_t freed;  /* a batch was given back, or the loader stopped */
	/* Batches [head, tail) (modulo FEED_BATCHES) are published and not yet given back; the
	 * producer fills batch tail % FEED_BATCHES while tail - head < FEED_BATCHES. */
	size_t head, tail;
	size_t count[FEED_BATCHES];
	bool done;			   /* the producer has published its last batch */
	bool failed;			   /* ... and it ended with a failed yaml_parser_parse */
	bool stop;			   /* the loader wants no more events */
	bool loader_waits, producer_waits; /* asleep on filled / freed */
	/* the loader's side, touched by it alone */
	bool holding; /* it is taking events from batch head */
	size_t pos;   /* the next event of that batch */
	yaml_event_t ev[FEED_BATCHES][FEED_BATCH];
};

static void *produce(void *arg)
{
	struct yaml_feed *f = arg;
	for (;;) {
		pthread_mutex_lock(&f->mu);
		if (f->tail - f->head == FEED_BATCHES && !f->stop) {
			f->producer_waits = true;
			while (f->tail - f->head > FEED_WAKE && !f->stop)
				pthread_cond_wait(&f->freed, &f->mu);
			f->producer_waits = false;
		}
		bool stop = f->stop;
		size_t b = f->tail % FEED_BATCHES;
		pthread_mutex_unlock(&f->mu);
		if (stop)
			return NULL;
		/* The batch is the producer's alone until it is published below. Its events of the
		 * last round were taken; they are freed here, by the thread that allocated them, so
		 * that malloc takes their memory back from its thread cache, not from the other
		 * thread's frees under the arena lock. */
		for (size_t i = 0; i < f->count[b]; i++)
			yaml_event_delete(&f->ev[b][i]);
		size_t n = 0;
		bool failed = false, end = false;
		while (n < FEED_BATCH && !end) {
			yaml_event_t *e = &f->ev[b][n];
			if (!yaml_parser_parse(f->parser, e)) {
				failed = true;
				break;
			}
			end = e->type == YAML_STREAM_END_EVENT;
			n++;
		}
		pthread_mutex_lock(&f->mu);
		f->count[b] = n;
		f->tail++;
		f->done = failed || end;
		f->failed = failed;
		if (f->loader_waits && (f->tail - f->head >= FEED_WAKE || f->done))
			pthread_cond_signal(&f->filled);
		pthread_mutex_unlock(&f->mu);
		if (failed || end)
			return NULL;
	}
}

struct yaml_feed *yaml_feed_start(yaml_parser_t *parser)
{
	struct yaml_feed *f = xcalloc(1, sizeof *f);
	f->parser = parser;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->filled, NULL);
	pthread_cond_init(&f->freed, NULL);
	if (pthread_create(&f->thread, NULL, produce, f) != 0) {
		pthread_cond_destroy(&f->freed);
		pthread_cond_destroy(&f->filled);
		pthread_mutex_destroy(&f->mu);
		free(f);
		return NULL;
	}
	return f;
}

const yaml_event_t *yaml_feed_next(struct yaml_feed *f)
{
	size_t b = f->head % FEED_BATCHES;
	if (!f->holding || f->pos == f->count[b]) {
		pthread_mutex_lock(&f->mu);
		if (f->holding) {
			f->head++;
			f->holding = false;
			if (f->producer_waits && f->tail - f->head <= FEED_WAKE)
				pthread_cond_signal(&f->freed);
		}
		if (f->head == f->tail && !f->done) {
			f->loader_waits = true;
			while (f->tail - f->head < FEED_WAKE && !f->done)
				pthread_cond_wait(&f->filled, &f->mu);
			f->loader_waits = false;
		}
		bool empty = f->head == f->tail;
		b = f->head % FEED_BATCHES;
		pthread_mutex_unlock(&f->mu);
		/* nothing more published and the producer is done: its parse failed (the stream-end
		 * event, the only other way to end, is never asked past) */
		if (empty)
			return NULL;
		f->holding = true;
		f->pos = 0;
		/* the last batch of a failed parse may hold no event */
		if (!f->count[b])
			return NULL;
	}
	return &f->ev[b][f->pos++];
}

void yaml_feed_end(struct yaml_feed *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->stop = true;
	pthread_cond_signal(&f->freed);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->thread, NULL);
	/* the producer has returned: every batch holds count[b] events not yet freed */
	for (size_t b = 0; b < FEED_BATCHES; b++)
		for (size_t i = 0; i < f->count[b]; i++)
			yaml_event_delete(&f->ev[b][i]);
	pthread_cond_destroy(&f->freed);
	pthread_cond_destroy(&f->filled);
	pthread_mutex_destroy(&f->mu);
	free(f);
}
