/* SPDX-License-Identifier: MIT */
/* model_check: the self-check of a loaded document (cmark's cmark_node_check): every invariant
 * the passes rely on, in the generic tree and in the typed model. The tests run it after every
 * load; ZHUN_SELF_CHECK=1 makes every load and model_build run it. */
#ifndef ZHUN_MODEL_CHECK_H
#define ZHUN_MODEL_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "node.h"

struct diag_store;
struct strbuf;

/* Check document `d`:
 *  - the doc: a known syntax and kind; root, body and kind agree with each other;
 *  - the tree: every node, pair array and item array in d's arena (a key's text may also be a
 *    static name: the XML loader points at the schema's); kinds and flags known; counts match
 *    their arrays; map keys are scalars; scalar text valid UTF-8 and NUL-terminated at its
 *    length; every position known, within the source and never before its parent's or its
 *    previous sibling's; no cycle, and a node reached twice only where the format shares nodes
 *    (LOAD_SHARED: YAML aliases);
 *  - once model_build has run, the typed model, walked through the schema tables: every record
 *    and array in the arena, counts against their arrays, texts valid, dates real, enumeration
 *    values known, every position one of a node's (0:0 when absent); and what model_build
 *    derives: category parents, depths, pre-order indexes and the code index, row indexes,
 *    categories and effective level, clause parents and depths, the parsed code-format.
 * `src` and `len` are the text the tree was parsed from (after a BOM), for the position bounds;
 * with src NULL positions are only bounded by d->size. Returns true when everything holds,
 * else false with the first violation (where and what, one line) appended to `why` (may be
 * NULL). Takes time and temporary memory linear in the document (n log n for positions). */
bool model_check(const struct doc *d, const char *src, size_t len, struct strbuf *why);

/* Whether the environment asks for the self-check: ZHUN_SELF_CHECK set to anything but "" or
 * "0". Read once; costs a branch afterwards. */
bool model_check_wanted(void);

/* model_check, with a violation recorded as an `internal` finding on d's file (exit status 4).
 * Returns whether everything held. */
bool model_check_report(const struct doc *d, const char *src, size_t len, struct diag_store *ds);

#endif
