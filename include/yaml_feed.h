/* SPDX-License-Identifier: MIT */
/* yaml_feed: libyaml's parse of one large file on a second thread, so that the loader builds
 * the tree and the model of the events already parsed while the next ones are being parsed.
 * The events arrive in the order and with the contents yaml_parser_parse gives them, so the
 * loader's results and findings do not depend on whether a feed was used. */
#ifndef ZHUN_YAML_FEED_H
#define ZHUN_YAML_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

/* Inputs smaller than this are parsed on the loading thread: starting a thread and handing
 * events over costs more than it saves below about a megabyte. */
#define YAML_FEED_MIN ((size_t)1 << 20)
/* Positions are handed over in 32 bits: larger inputs are parsed on the loading thread. */
#define YAML_FEED_MAX ((size_t)UINT32_MAX)

struct yaml_feed;

/* Start parsing with `parser` (initialised, its input set — below 4 GiB —, nothing parsed yet)
 * on a new thread. From now until yaml_feed_end the parser belongs to that thread. Returns NULL
 * when the thread cannot be started: the caller then parses on its own thread as usual. */
struct yaml_feed *yaml_feed_start(yaml_parser_t *parser);

/* The next event, as yaml_parser_parse would have given it, or NULL when the parse failed
 * (after yaml_feed_end the parser holds the error, as after a failed yaml_parser_parse). Of the
 * event it carries what the loader reads: the type, the start mark and the data (values,
 * anchors, tags, styles, implicit flags); the end mark and a document's version and tag
 * directives are zero. The event and its strings stay the feed's and are valid until the next
 * call or yaml_feed_end. Not to be called again after the stream-end event or after NULL. */
const yaml_event_t *yaml_feed_next(struct yaml_feed *f);

/* Stop the parse (the caller may stop before the end of the stream), wait for the thread,
 * and free the feed with the events parsed but not taken. The parser is the caller's again
 * and is left as the parse left it (its error, if it failed). NULL is allowed. */
void yaml_feed_end(struct yaml_feed *f);

#endif
