/* SPDX-License-Identifier: MIT */
/* write_yaml_int: the events write_yaml's walk of a tree produces and the emitter that writes
 * them, shared with the unit test that holds the emitter to libyaml's byte for byte. */
#ifndef ZHUN_WRITE_YAML_INT_H
#define ZHUN_WRITE_YAML_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "node.h"

struct strbuf;

/* What a walk of the tree says, in document order. A scalar asks for plain style (`plain`) or
 * double quotes; the consumer may still quote a plain request as libyaml would (single quotes,
 * or double where single quotes cannot say it). `empty`: the collection has no items, so that
 * its end follows at once. Keys are scalars. */
struct write_yaml_sink {
	/* before the first event: `astral` is true when characters above U+FFFF may be written
	 * as they are (the document has no private-use character U+E000..U+E7FF; see
	 * write_yaml.c) */
	void (*begin)(struct write_yaml_sink *s, bool astral);
	void (*scalar)(struct write_yaml_sink *s, const char *str, size_t len, bool plain);
	void (*seq_start)(struct write_yaml_sink *s, bool flow, bool empty);
	void (*seq_end)(struct write_yaml_sink *s);
	void (*map_start)(struct write_yaml_sink *s, bool empty);
	void (*map_end)(struct write_yaml_sink *s);
	/* after the root node */
	void (*end)(struct write_yaml_sink *s);
};

/* Walk document `d` and tell `s` what to write, as write_yaml does. */
void write_yaml_walk(const struct doc *d, struct write_yaml_sink *s);

/* zhun's emitter: the sink write_yaml uses, appending to `out` what libyaml 0.2's emitter
 * writes for the same events (unicode on, indent 2, no line folding, LF breaks, implicit
 * document start and end). Free with write_yaml_emitter_free. Strings must be valid UTF-8. */
struct write_yaml_sink *write_yaml_emitter_new(struct strbuf *out);
void write_yaml_emitter_free(struct write_yaml_sink *s);

#endif
