/* SPDX-License-Identifier: MIT */
/* suggest: the edit distance and the did-you-mean choice behind every "did you mean …?". */
#include "suggest.h"

#include <string.h>

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

const char *did_you_mean(const char *word, const char *const *candidates)
{
	size_t len = strlen(word);
	size_t limit = len / 3 > 2 ? len / 3 : 2;
	const char *best = NULL;
	size_t bestd = limit + 1;
	for (const char *const *c = candidates; *c; c++) {
		size_t dd = edit_distance(word, *c);
		if (dd < bestd) {
			bestd = dd;
			best = *c;
		}
	}
	if (best)
		return best;
	/* a prefix of a longer key ("review" for "review-cycle") */
	for (const char *const *c = candidates; *c; c++)
		if (len >= 3 && strncmp(*c, word, len) == 0)
			return *c;
	return NULL;
}
