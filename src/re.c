/* SPDX-License-Identifier: MIT */
/* re: PCRE2 behind a small interface — lazy one-time compilation, bounded matching from any
 * thread, errors that cannot be mistaken for "no match", and everything freed at exit. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "re.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Every compiled pattern, newest first, so re_cleanup_all can free them without the callers
 * keeping a list. Compiling is serialised by `lock`; a pattern's code is published with a
 * release store, so that a thread that sees it also sees what was set up before it. */
static struct re *compiled;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t match_limit = RE_DEFAULT_MATCH_LIMIT;
static uint32_t depth_limit = RE_DEFAULT_DEPTH_LIMIT;
static bool at_exit_registered;
static bool limits_set;	 /* re_set_limits was called: the environment no longer applies */
static bool limits_read; /* the environment was read (once, under the lock) */

/* What matching needs per thread (documents are checked on several): the match context with
 * its limits and JIT stack, and match data for each pattern used. Freed when the thread ends,
 * or by re_cleanup_all for the thread that calls it. */
struct re_thread {
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	struct re_md {
		const struct re *re;
		pcre2_match_data *md;
	} * md;
	size_t nmd, capmd;
};
static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;

static void thread_free(void *p)
{
	struct re_thread *t = p;
	if (!t)
		return;
	for (size_t i = 0; i < t->nmd; i++)
		pcre2_match_data_free(t->md[i].md);
	free(t->md);
	if (t->mctx)
		pcre2_match_context_free(t->mctx);
	if (t->jit_stack)
		pcre2_jit_stack_free(t->jit_stack);
	free(t);
}

static void thread_key_create(void)
{
	(void)pthread_key_create(&thread_key, thread_free);
}

static void *code_of(const struct re *re)
{
	return __atomic_load_n(&re->code, __ATOMIC_ACQUIRE);
}

/* A pseudo error code of ours (pcre2's are all positive for compile errors and negative for
 * match errors, so 1000+ is free). */
#define RE_E_GROUPS 1000

static void set_message(struct re_match *m, int code)
{
	if (code == RE_E_GROUPS) {
		snprintf(m->message, sizeof m->message, "pattern has more than %d capture groups",
			 RE_MAX_GROUPS - 1);
		return;
	}
	PCRE2_UCHAR buf[sizeof m->message];
	if (pcre2_get_error_message(code, buf, sizeof buf) < 0)
		snprintf(m->message, sizeof m->message, "PCRE2 error %d", code);
	else
		snprintf(m->message, sizeof m->message, "%s", (const char *)buf);
}

/* A limit from the environment, or `def` when unset or not a positive number. */
static uint32_t env_limit(const char *name, uint32_t def)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return def;
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	return *end || n == 0 || n > UINT32_MAX ? def : (uint32_t)n;
}

/* This thread's state, with a match context under the current limits; NULL without memory. */
static struct re_thread *thread_state(void)
{
	pthread_once(&thread_key_once, thread_key_create);
	struct re_thread *t = pthread_getspecific(thread_key);
	if (t)
		return t;
	t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	pthread_mutex_lock(&lock);
	if (!limits_set && !limits_read) {
		match_limit = env_limit("ZHUN_RE_MATCH_LIMIT", RE_DEFAULT_MATCH_LIMIT);
		depth_limit = env_limit("ZHUN_RE_DEPTH_LIMIT", RE_DEFAULT_DEPTH_LIMIT);
		limits_read = true;
	}
	uint32_t ml = match_limit, dl = depth_limit;
	pthread_mutex_unlock(&lock);
	t->mctx = pcre2_match_context_create(NULL);
	if (!t->mctx || pthread_setspecific(thread_key, t)) {
		thread_free(t);
		return NULL;
	}
	pcre2_set_match_limit(t->mctx, ml);
	pcre2_set_depth_limit(t->mctx, dl);
	/* JIT code recurses on its own stack; the default 32 KiB is small for long alternations,
	 * so give it room to grow, bounded so that runaway matching still stops with an error. */
	t->jit_stack = pcre2_jit_stack_create(32 * 1024, RE_JIT_STACK_MAX, NULL);
	if (t->jit_stack)
		pcre2_jit_stack_assign(t->mctx, NULL, t->jit_stack);
	return t;
}

/* This thread's match data for compiled pattern `re`, or NULL without memory. Few patterns
 * exist, so a short list searched from the newest is enough. */
static pcre2_match_data *thread_md(struct re_thread *t, const struct re *re, pcre2_code *code)
{
	for (size_t i = t->nmd; i-- > 0;)
		if (t->md[i].re == re)
			return t->md[i].md;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
	if (!md)
		return NULL;
	if (t->nmd == t->capmd) {
		size_t cap = t->capmd ? 2 * t->capmd : 8;
		struct re_md *v = realloc(t->md, cap * sizeof *v);
		if (!v) {
			pcre2_match_data_free(md);
			return NULL;
		}
		t->md = v;
		t->capmd = cap;
	}
	t->md[t->nmd++] = (struct re_md){ re, md };
	return md;
}

/* Compile on first use. A failed compile is remembered (compile_error) and reported by every
 * later call instead of being retried: our patterns are constants, so it cannot get better. */
static bool compile_locked(struct re *re)
{
	if (re->code)
		return true;
	if (re->compile_error)
		return false;
	if (!at_exit_registered) {
		atexit(re_cleanup_all);
		at_exit_registered = true;
	}
	int err = 0;
	PCRE2_SIZE off = 0;
	pcre2_code *code = pcre2_compile(
	    (PCRE2_SPTR)re->pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | (re->anchored ? PCRE2_ANCHORED : 0), &err, &off, NULL);
	if (!code) {
		re->compile_error = err;
		re->error_offset = off;
		return false;
	}
	uint32_t captures = 0;
	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
	if (captures + 1 > RE_MAX_GROUPS) {
		pcre2_code_free(code);
		re->compile_error = RE_E_GROUPS;
		return false;
	}
	/* JIT is an optimisation only: without JIT support the interpreter runs the same pattern.
	 */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	re->ngroups = captures + 1;
	re->next = compiled;
	compiled = re;
	__atomic_store_n(&re->code, (void *)code, __ATOMIC_RELEASE);
	return true;
}

/* Compile on first use. A failed compile is remembered (compile_error) and reported by every
 * later call instead of being retried: our patterns are constants, so it cannot get better. */
static bool ensure_compiled(struct re *re)
{
	if (code_of(re))
		return true;
	pthread_mutex_lock(&lock);
	bool ok = compile_locked(re);
	pthread_mutex_unlock(&lock);
	return ok;
}

static void compile_failure(struct re *re, struct re_match *m)
{
	m->error = re->compile_error;
	m->limit = false;
	char what[sizeof m->message];
	set_message(m, re->compile_error);
	snprintf(what, sizeof what, "%s", m->message);
	if (re->compile_error == RE_E_GROUPS)
		return;
	snprintf(m->message, sizeof m->message, "pattern error at offset %zu: %.100s",
		 re->error_offset, what);
}

static bool is_limit(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

int re_search_at(struct re *re, const char *s, size_t len, size_t start, unsigned flags,
		 struct re_match *m)
{
	m->start = m->end = RE_UNSET;
	m->ngroups = 0;
	m->error = 0;
	m->limit = false;
	m->message[0] = '\0';
	if (!ensure_compiled(re)) {
		compile_failure(re, m);
		return RE_ERROR;
	}
	struct re_thread *t = thread_state();
	pcre2_match_data *md = t ? thread_md(t, re, code_of(re)) : NULL;
	if (!md) {
		m->error = PCRE2_ERROR_NOMEMORY;
		set_message(m, m->error);
		return RE_ERROR;
	}
	if (start > len) {
		m->error = PCRE2_ERROR_BADOFFSET;
		set_message(m, m->error);
		return RE_ERROR;
	}
	/* The subject is valid UTF-8 by contract (see re.h): skipping pcre2's own check keeps a
	 * left-to-right scan linear, since the check would otherwise cover the rest of the subject
	 * on every call. */
	uint32_t opts =
	    PCRE2_NO_UTF_CHECK | ((flags & RE_ANCHORED) && !re->anchored ? PCRE2_ANCHORED : 0);
	int rc = pcre2_match(code_of(re), (PCRE2_SPTR)s, len, start, opts, md, t->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return RE_NOMATCH;
	if (rc < 0) {
		m->error = rc;
		m->limit = is_limit(rc);
		set_message(m, rc);
		return RE_ERROR;
	}
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	uint32_t n = pcre2_get_ovector_count(md);
	if (n > RE_MAX_GROUPS)
		n = RE_MAX_GROUPS;
	m->ngroups = re->ngroups < n ? re->ngroups : n;
	for (uint32_t i = 0; i < RE_MAX_GROUPS; i++) {
		bool set = i < m->ngroups && (int)i < rc && ov[2 * i] != PCRE2_UNSET;
		m->group[i][0] = set ? ov[2 * i] : RE_UNSET;
		m->group[i][1] = set ? ov[2 * i + 1] : RE_UNSET;
	}
	m->start = m->group[0][0];
	m->end = m->group[0][1];
	return RE_MATCH;
}

int re_group(struct re *re, const char *name)
{
	if (!ensure_compiled(re))
		return -1;
	int n = pcre2_substring_number_from_name(code_of(re), (PCRE2_SPTR)name);
	return n < 0 ? -1 : n;
}

bool re_group_span(const struct re_match *m, int g, size_t *start, size_t *len)
{
	if (g < 0 || g >= RE_MAX_GROUPS || (uint32_t)g >= m->ngroups || m->group[g][0] == RE_UNSET)
		return false;
	*start = m->group[g][0];
	*len = m->group[g][1] - m->group[g][0];
	return true;
}

void re_iter_init(struct re_iter *it, struct re *re, const char *s, size_t len)
{
	it->re = re;
	it->s = s;
	it->len = len;
	it->pos = 0;
	it->done = false;
	it->invalid = utf8_validate(s, len) != len;
}

int re_iter_next(struct re_iter *it, struct re_match *m)
{
	if (it->invalid) {
		it->done = true;
		it->invalid = false;
		m->error = PCRE2_ERROR_UTF8_ERR1;
		m->limit = false;
		snprintf(m->message, sizeof m->message, "subject is not valid UTF-8");
		return RE_ERROR;
	}
	if (it->done)
		return RE_NOMATCH;
	int rc = re_search_at(it->re, it->s, it->len, it->pos, 0, m);
	if (rc != RE_MATCH) {
		it->done = true;
		return rc;
	}
	if (m->end > m->start) {
		it->pos = m->end;
	} else if (m->end < it->len) {
		/* empty match: step over one whole code point so the next search cannot repeat it
		 */
		uint32_t cp;
		size_t k = utf8_decode(it->s + m->end, it->len - m->end, &cp);
		it->pos = m->end + (k ? k : 1);
	} else {
		it->done = true;
	}
	return RE_MATCH;
}

void re_set_limits(uint32_t ml, uint32_t dl)
{
	pthread_mutex_lock(&lock);
	limits_set = true;
	match_limit = ml ? ml : RE_DEFAULT_MATCH_LIMIT;
	depth_limit = dl ? dl : RE_DEFAULT_DEPTH_LIMIT;
	ml = match_limit;
	dl = depth_limit;
	pthread_mutex_unlock(&lock);
	pthread_once(&thread_key_once, thread_key_create);
	struct re_thread *t = pthread_getspecific(thread_key);
	if (t) {
		pcre2_set_match_limit(t->mctx, ml);
		pcre2_set_depth_limit(t->mctx, dl);
	}
}

void re_get_limits(uint32_t *ml, uint32_t *dl)
{
	pthread_mutex_lock(&lock);
	if (ml)
		*ml = match_limit;
	if (dl)
		*dl = depth_limit;
	pthread_mutex_unlock(&lock);
}

void re_cleanup_all(void)
{
	pthread_mutex_lock(&lock);
	while (compiled) {
		struct re *re = compiled;
		compiled = re->next;
		pcre2_code_free(re->code);
		re->code = NULL;
		re->ngroups = 0;
		re->next = NULL;
	}
	pthread_mutex_unlock(&lock);
	/* the calling thread's state; other threads free theirs when they end */
	pthread_once(&thread_key_once, thread_key_create);
	thread_free(pthread_getspecific(thread_key));
	(void)pthread_setspecific(thread_key, NULL);
}
