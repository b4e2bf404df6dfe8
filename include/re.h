/* SPDX-License-Identifier: MIT */
/* re: the one wrapper around PCRE2 (the only module that includes pcre2.h): patterns compiled
 * once per process on first use, matched over UTF-8 with capture offsets under a match limit,
 * and an explicit error result that callers must report rather than read as "no match". */
#ifndef ZHUN_RE_H
#define ZHUN_RE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Defaults of the limits set on the shared match context (see re_set_limits). The match limit
 * bounds the work of one re_search_at call (backtracking points with the interpreter; an
 * equivalent step count with JIT); the depth limit bounds nested backtracking with the
 * interpreter. JIT code ignores the depth limit and is bounded by its stack instead
 * (RE_JIT_STACK_MAX bytes); running out of it is reported as an error like the limits.
 * The environment variables ZHUN_RE_MATCH_LIMIT and ZHUN_RE_DEPTH_LIMIT (positive whole
 * numbers) replace the defaults for a run, unless re_set_limits is called first. */
#define RE_DEFAULT_MATCH_LIMIT 1000000u
#define RE_DEFAULT_DEPTH_LIMIT 10000u
#define RE_JIT_STACK_MAX       (1024u * 1024u)

/* Capture groups a match reports, group 0 (the whole match) included; a pattern with more
 * groups fails to compile (RE_ERROR with a message). */
#define RE_MAX_GROUPS 32
/* Offset of a group that did not take part in the match. */
#define RE_UNSET ((size_t)-1)

/* A pattern. Declare one per pattern with static storage, initialised with RE_INIT; it is
 * compiled (PCRE2_UTF | PCRE2_UCP, JIT when available) the first time it is used and freed by
 * re_cleanup_all() (registered with atexit on the first compile). The fields are private to
 * re.c. Any thread may match (each has its own match context and match data); re_set_limits and
 * re_cleanup_all are for the main thread while no other matches. */
struct re {
	const char *pattern;
	void *code;	   /* pcre2_code_8 *, NULL until compiled */
	uint32_t ngroups;  /* capture groups + 1 */
	int compile_error; /* pcre2 error code of a failed compile, 0 otherwise */
	size_t error_offset;
	struct re *next; /* every compiled pattern, for re_cleanup_all */
	bool anchored;	 /* compiled with PCRE2_ANCHORED (RE_INIT_ANCHORED) */
};

#define RE_INIT(pat)                                                                               \
	{                                                                                          \
		(pat), NULL, 0, 0, 0, NULL, false                                                  \
	}
/* A pattern that only ever matches at the start offset: every re_search_at is anchored, as with
 * RE_ANCHORED, but runs JIT-compiled (PCRE2's JIT cannot honour an anchoring requested at match
 * time, so RE_ANCHORED on an RE_INIT pattern falls back to the much slower interpreter). */
#define RE_INIT_ANCHORED(pat)                                                                      \
	{                                                                                          \
		(pat), NULL, 0, 0, 0, NULL, true                                                   \
	}

/* Results of re_search_at and re_iter_next. */
enum re_status {
	RE_ERROR = -1, /* the pattern failed to compile, or pcre2 reported an error (match limit,
			  depth limit, JIT stack, …): never treat as "no match" */
	RE_NOMATCH = 0,
	RE_MATCH = 1,
};

/* re_search_at flags. */
enum {
	RE_ANCHORED = 1u << 0, /* the match must start exactly at `start` */
};

/* One match. Offsets are bytes into the subject; group[i][0] == RE_UNSET when group i did not
 * take part. On RE_ERROR, `error` holds the pcre2 error code and `message` its text. */
struct re_match {
	size_t start, end;
	size_t group[RE_MAX_GROUPS][2];
	uint32_t ngroups;
	int error;
	bool limit; /* the error is one of the resource limits (match, depth, heap, JIT stack) */
	char message[160];
};

/* Search `s` (`len` bytes of valid UTF-8: the caller guarantees validity, zhun's loaders check
 * every input, so that pcre2 need not re-check the subject on every call and a scan stays
 * linear) for the first match at or after byte `start` (a code-point boundary). Lookbehind may
 * look before `start`. Returns RE_MATCH, RE_NOMATCH or RE_ERROR and fills `m`. */
int re_search_at(struct re *re, const char *s, size_t len, size_t start, unsigned flags,
		 struct re_match *m);

/* The number of the named group `name`, or -1 when the pattern has none (or does not compile). */
int re_group(struct re *re, const char *name);

/* Start and length of group `g` of a match; false when the group did not take part. */
bool re_group_span(const struct re_match *m, int g, size_t *start, size_t *len);

/* Iterate over the non-overlapping matches of a pattern in a string. re_iter_init checks
 * that `s` is valid UTF-8 (an invalid subject makes the first re_iter_next return RE_ERROR);
 * an empty match advances by one code point. */
struct re_iter {
	struct re *re;
	const char *s;
	size_t len;
	size_t pos;
	bool done;
	bool invalid;
};

void re_iter_init(struct re_iter *it, struct re *re, const char *s, size_t len);
/* RE_MATCH (m filled), RE_NOMATCH at the end, or RE_ERROR (m->message says why; the iteration
 * stops). */
int re_iter_next(struct re_iter *it, struct re_match *m);

/* Set the limits used by later matches; 0 restores the built-in default. */
void re_set_limits(uint32_t match_limit, uint32_t depth_limit);
void re_get_limits(uint32_t *match_limit, uint32_t *depth_limit);

/* Free every compiled pattern and the shared match context. Patterns recompile on their next
 * use, so calling it early is harmless. Registered with atexit by the first compile; tests and
 * leak checkers may call it directly. */
void re_cleanup_all(void);

#endif
