/* SPDX-License-Identifier: MIT */
/* re: PCRE2 behind a small interface — lazy one-time compilation, bounded matching, errors
 * that cannot be mistaken for "no match", and everything freed at exit. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "re.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Every compiled pattern, newest first, so re_cleanup_all can free them without the callers
 * keeping a list. */
static struct re *compiled;
static pcre2_match_context *mctx;
static pcre2_jit_stack *jit_stack;
static uint32_t match_limit = RE_DEFAULT_MATCH_LIMIT;
static uint32_t depth_limit = RE_DEFAULT_DEPTH_LIMIT;
static bool at_exit_registered;
static bool limits_set; /* re_set_limits was called: the environment no longer applies */

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

static bool ensure_context(void)
{
	if (mctx)
		return true;
	if (!limits_set) {
		match_limit = env_limit("ZHUN_RE_MATCH_LIMIT", RE_DEFAULT_MATCH_LIMIT);
		depth_limit = env_limit("ZHUN_RE_DEPTH_LIMIT", RE_DEFAULT_DEPTH_LIMIT);
	}
	mctx = pcre2_match_context_create(NULL);
	if (!mctx)
		return false;
	pcre2_set_match_limit(mctx, match_limit);
	pcre2_set_depth_limit(mctx, depth_limit);
	/* JIT code recurses on its own stack; the default 32 KiB is small for long alternations,
	 * so give it room to grow, bounded so that runaway matching still stops with an error. */
	jit_stack = pcre2_jit_stack_create(32 * 1024, RE_JIT_STACK_MAX, NULL);
	if (jit_stack)
		pcre2_jit_stack_assign(mctx, NULL, jit_stack);
	return true;
}

/* Compile on first use. A failed compile is remembered (compile_error) and reported by every
 * later call instead of being retried: our patterns are constants, so it cannot get better. */
static bool ensure_compiled(struct re *re)
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
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)re->pattern, PCRE2_ZERO_TERMINATED,
					 PCRE2_UTF | PCRE2_UCP | (re->anchored ? PCRE2_ANCHORED : 0),
					 &err, &off, NULL);
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
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
	if (!md) {
		pcre2_code_free(code);
		re->compile_error = PCRE2_ERROR_NOMEMORY;
		return false;
	}
	re->code = code;
	re->match_data = md;
	re->ngroups = captures + 1;
	re->next = compiled;
	compiled = re;
	return true;
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
	if (!ensure_context()) {
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
	uint32_t opts = PCRE2_NO_UTF_CHECK |
			((flags & RE_ANCHORED) && !re->anchored ? PCRE2_ANCHORED : 0);
	pcre2_match_data *md = re->match_data;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, opts, md, mctx);
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
	int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
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
	limits_set = true;
	match_limit = ml ? ml : RE_DEFAULT_MATCH_LIMIT;
	depth_limit = dl ? dl : RE_DEFAULT_DEPTH_LIMIT;
	if (mctx) {
		pcre2_set_match_limit(mctx, match_limit);
		pcre2_set_depth_limit(mctx, depth_limit);
	}
}

void re_get_limits(uint32_t *ml, uint32_t *dl)
{
	if (ml)
		*ml = match_limit;
	if (dl)
		*dl = depth_limit;
}

void re_cleanup_all(void)
{
	while (compiled) {
		struct re *re = compiled;
		compiled = re->next;
		pcre2_match_data_free(re->match_data);
		pcre2_code_free(re->code);
		re->match_data = NULL;
		re->code = NULL;
		re->ngroups = 0;
		re->next = NULL;
	}
	if (mctx) {
		pcre2_match_context_free(mctx);
		mctx = NULL;
	}
	if (jit_stack) {
		pcre2_jit_stack_free(jit_stack);
		jit_stack = NULL;
	}
}
