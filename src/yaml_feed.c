/* SPDX-License-Identifier: MIT */
/* yaml_feed: libyaml's parse of one large file on a second thread, handed to the loader in
 * batches of events. */
#include "yaml_feed.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Events are handed over a batch at a time, so that the two threads meet under the lock once
 * per batch, not once per event; the ring bounds what is parsed ahead of the loader (128 KB of
 * records plus the batches' strings). A thread that has to wait sleeps until half the ring
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
	bool holding;	  /* it is taking events from batch head */
	size_t pos;	  /* the next event of that batch */
	yaml_event_t out; /* the event yaml_feed_next gave last, rebuilt from its record */
	/* What the loader reads of each event, in 32 bytes, with the event's strings copied into
	 * the batch's text: this is what crosses from one core to the other. libyaml's event is
	 * freed at once, by the thread whose malloc made it, so that the parse allocates as it
	 * would alone; handing over the events themselves (104 bytes, freed a ring later) made the
	 * feed's own cost a third of the parse. */
	struct record {
		uint32_t value, anchor, tag;	      /* offsets into text[b], NONE if absent */
		uint32_t length, index, line, column; /* the input is below 4 GiB */
		uint8_t type, style, implicit;	      /* implicit: 1 plain, 2 quoted */
	} rec[FEED_BATCHES][FEED_BATCH];
	char *text[FEED_BATCHES];
	size_t textlen[FEED_BATCHES], textcap[FEED_BATCHES];
};

/* the offset of a string an event does not have */
#define NONE UINT32_MAX

/* `str` (NUL-terminated, `len` bytes before the NUL) copied into batch b's text; its offset. */
static uint32_t keep(struct yaml_feed *f, size_t b, const unsigned char *str, size_t len)
{
	if (!str)
		return NONE;
	if (f->textlen[b] + len + 1 > f->textcap[b]) {
		size_t cap = f->textcap[b] ? f->textcap[b] : 16384;
		while (cap < f->textlen[b] + len + 1)
			cap *= 2;
		f->text[b] = xrealloc(f->text[b], cap);
		f->textcap[b] = cap;
	}
	uint32_t off = (uint32_t)f->textlen[b];
	memcpy(f->text[b] + off, str, len + 1);
	f->textlen[b] += len + 1;
	return off;
}

static uint32_t keep_str(struct yaml_feed *f, size_t b, const unsigned char *str)
{
	return str ? keep(f, b, str, strlen((const char *)str)) : NONE;
}

/* A sequence's or mapping's start. */
static void keep_start(struct yaml_feed *f, size_t b, struct record *r, const yaml_char_t *anchor,
		       const yaml_char_t *tag, int implicit, int style)
{
	r->anchor = keep_str(f, b, anchor);
	r->tag = keep_str(f, b, tag);
	r->style = (uint8_t)style;
	r->implicit = implicit ? 1 : 0;
}

/* The record of `e` in batch b: its type, start mark and data; not its end mark, nor a
 * document's version and tag directives, which the loader does not read. */
static void record(struct yaml_feed *f, size_t b, struct record *r, const yaml_event_t *e)
{
	*r = (struct record){ .type = (uint8_t)e->type,
			      .value = NONE,
			      .anchor = NONE,
			      .tag = NONE,
			      .index = (uint32_t)e->start_mark.index,
			      .line = (uint32_t)e->start_mark.line,
			      .column = (uint32_t)e->start_mark.column };
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		r->value = keep(f, b, e->data.scalar.value, e->data.scalar.length);
		r->length = (uint32_t)e->data.scalar.length;
		r->anchor = keep_str(f, b, e->data.scalar.anchor);
		r->tag = keep_str(f, b, e->data.scalar.tag);
		r->style = (uint8_t)e->data.scalar.style;
		r->implicit = (uint8_t)((e->data.scalar.plain_implicit ? 1 : 0) |
					(e->data.scalar.quoted_implicit ? 2 : 0));
		break;
	case YAML_ALIAS_EVENT:
		r->anchor = keep_str(f, b, e->data.alias.anchor);
		break;
	case YAML_SEQUENCE_START_EVENT:
		keep_start(f, b, r, e->data.sequence_start.anchor, e->data.sequence_start.tag,
			   e->data.sequence_start.implicit, (int)e->data.sequence_start.style);
		break;
	case YAML_MAPPING_START_EVENT:
		keep_start(f, b, r, e->data.mapping_start.anchor, e->data.mapping_start.tag,
			   e->data.mapping_start.implicit, (int)e->data.mapping_start.style);
		break;
	case YAML_DOCUMENT_START_EVENT:
		r->implicit = e->data.document_start.implicit ? 1 : 0;
		break;
	case YAML_DOCUMENT_END_EVENT:
		r->implicit = e->data.document_end.implicit ? 1 : 0;
		break;
	default:
		break;
	}
}

/* The event again from its record, into `e`. */
static yaml_char_t *at(const struct yaml_feed *f, size_t b, uint32_t off)
{
	return off == NONE ? NULL : (yaml_char_t *)f->text[b] + off;
}

static void give_start(const struct yaml_feed *f, size_t b, const struct record *r,
		       yaml_char_t **anchor, yaml_char_t **tag, int *implicit)
{
	*anchor = at(f, b, r->anchor);
	*tag = at(f, b, r->tag);
	*implicit = r->implicit;
}

static void unrecord(const struct yaml_feed *f, size_t b, yaml_event_t *e, const struct record *r)
{
	memset(e, 0, sizeof *e);
	e->type = (yaml_event_type_t)r->type;
	e->start_mark.index = r->index;
	e->start_mark.line = r->line;
	e->start_mark.column = r->column;
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		e->data.scalar.value = at(f, b, r->value);
		e->data.scalar.length = r->length;
		e->data.scalar.anchor = at(f, b, r->anchor);
		e->data.scalar.tag = at(f, b, r->tag);
		e->data.scalar.style = (yaml_scalar_style_t)r->style;
		e->data.scalar.plain_implicit = r->implicit & 1;
		e->data.scalar.quoted_implicit = (r->implicit & 2) != 0;
		break;
	case YAML_ALIAS_EVENT:
		e->data.alias.anchor = at(f, b, r->anchor);
		break;
	case YAML_SEQUENCE_START_EVENT:
		give_start(f, b, r, &e->data.sequence_start.anchor, &e->data.sequence_start.tag,
			   &e->data.sequence_start.implicit);
		e->data.sequence_start.style = (yaml_sequence_style_t)r->style;
		break;
	case YAML_MAPPING_START_EVENT:
		give_start(f, b, r, &e->data.mapping_start.anchor, &e->data.mapping_start.tag,
			   &e->data.mapping_start.implicit);
		e->data.mapping_start.style = (yaml_mapping_style_t)r->style;
		break;
	case YAML_DOCUMENT_START_EVENT:
		e->data.document_start.implicit = r->implicit;
		break;
	case YAML_DOCUMENT_END_EVENT:
		e->data.document_end.implicit = r->implicit;
		break;
	default:
		break;
	}
}

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
		/* the batch is the producer's alone until it is published below */
		f->textlen[b] = 0;
		size_t n = 0;
		bool failed = false, end = false;
		while (n < FEED_BATCH && !end) {
			yaml_event_t e;
			if (!yaml_parser_parse(f->parser, &e)) {
				failed = true;
				break;
			}
			record(f, b, &f->rec[b][n], &e);
			end = e.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&e);
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
	unrecord(f, b, &f->out, &f->rec[b][f->pos++]);
	return &f->out;
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
	for (size_t b = 0; b < FEED_BATCHES; b++)
		free(f->text[b]);
	pthread_cond_destroy(&f->freed);
	pthread_cond_destroy(&f->filled);
	pthread_mutex_destroy(&f->mu);
	free(f);
}
