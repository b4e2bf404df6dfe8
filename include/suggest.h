/* SPDX-License-Identifier: MIT */
/* suggest: "did you mean …?" for every name a user can mistype — keys, commands, options,
 * rule codes, table columns. */
#ifndef ZHUN_SUGGEST_H
#define ZHUN_SUGGEST_H

#include <stddef.h>

/* Edit distance (Damerau-Levenshtein, optimal string alignment) over bytes; (size_t)-1 when
 * either string is longer than 64 bytes (no name is). */
size_t edit_distance(const char *a, const char *b);
/* The candidate of a NULL-terminated list nearest to `word` within distance max(2, len/3),
 * else the first that `word` (3 bytes or more) is a prefix of ("review" for "review-cycle"),
 * else NULL. Returns a pointer into `candidates`. */
const char *did_you_mean(const char *word, const char *const *candidates);

#endif
