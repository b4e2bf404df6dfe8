/* SPDX-License-Identifier: MIT */
/* check_int: what the check passes share among themselves and with their unit tests, and what
 * is no part of check.h's contract: the context check_run builds, and the text and numbering
 * helpers of the document passes (check_doc, check_num, check_foreword). */
#ifndef ZHUN_CHECK_INT_H
#define ZHUN_CHECK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"

struct diag;

/* check.c: fill `c` as check_run does before its passes: the date (as_of when y != 0, else the
 * system's date, else today), every standard document of `p` (linked ones in row order, each
 * once, then the lone ones) with its indexes, and the system indexes. Release with
 * check_ctx_release, which also frees what the passes left in the documents (xrefs). */
void check_ctx_init(struct check_ctx *c, struct project *p, struct diag_store *ds,
		    const struct date *as_of);
void check_ctx_release(struct check_ctx *c);

/* check.c: the normative references of a standard, in order: the entries its chapters list
 * that have a well-formed number. Start with { .s = s } and call check_refs_next until it returns
 * NULL. */
struct check_refs {
	const struct standard *s;
	size_t clause, entry;
};
const struct numtext *check_refs_next(struct check_refs *it);

/* check.c: the path of the registry file that holds edition `e` (editions live in their
 * registry's array), "" when none does. */
const char *check_edition_file(const struct check_ctx *c, const struct edition *e);

/* check.c: a short quotation of running text for messages: `s` itself when it has at most 20
 * characters, else its first 20 and "…" (in c's arena). */
const char *check_clip(struct check_ctx *c, const char *s);

/* check.c: true when a and b are both dated and differ (a mismatch worth a finding), with their
 * texts in ta and tb; false, ta and tb untouched, otherwise. */
bool check_dates_differ(const struct date *a, const struct date *b, char ta[DATE_TEXT_SIZE],
			char tb[DATE_TEXT_SIZE]);

/* check_doc.c: byte offset of the first requirement modal verb (应, 不应; with
 * `recommendations` also 宜, 不宜) in s, its byte length in *len; SIZE_MAX when there is none. */
size_t check_doc_find_modal(const char *s, bool recommendations, size_t *len);
/* check_doc.c: 1 the 2020 lead of chapter 2, 2 本文件没有规范性引用文件。, 3 the 2009 lead, 0 none.
 */
int check_doc_ref_lead_kind(const char *paragraph);
/* check_doc.c: 1 下列…, 2 <编号>界定的…, 3 <编号>界定的以及下列…, 4 本文件没有需要界定的…,
 * 0 none. */
int check_doc_terms_lead_kind(const char *paragraph);
/* check_doc.c: the chapter's effective kind (clause_kind) when it is 范围, 规范性引用文件 or
 * 术语和定义 numbered other than 1, 2, 3 — the cause doc-chapter-number reports — else 0. */
int check_doc_misnumbered_kind(const struct clause *chapter);

/* check_num.c: a number segment [1-9][0-9]* of at most 9 digits (s, n bytes) → its value, else
 * -1. */
long check_num_segment(const char *s, size_t n);
/* check_num.c: "parent.k", or "k" when parent is NULL (in c's arena). */
const char *check_num_format(struct check_ctx *c, const char *parent, long k);
/* check_num.c: attach "renumber to <expected>" to d (NULL: nothing) and, when the number `num`
 * (NULL: none) sits on one line, the replacement itself. */
void check_num_renumber(struct diag *d, const struct text *num, const char *expected);

/* check.c: the system's rows and its registries' editions, in all: the editions the lifecycle
 * pass walks, and the size by which a system is checked on one thread or several. */
size_t check_system_size(const struct project *p);

/* check_xref.c, for tests of its candidate scan: whether code point `cp` may begin a match of
 * the internal-reference pattern. */
bool check_xref_starts(uint32_t cp);
/* check_xref.c: false when the internal-reference pattern cannot match at byte `i` of `s` (a
 * candidate position), decided from a few characters without PCRE2; true when it may. */
bool check_xref_may_begin(const char *s, size_t len, size_t i);
/* check_xref.c: the same decided in C for the common shapes (见4.2, 4.2 before punctuation,
 * 表3): RE_MATCH with `m` filled as the pattern fills it, RE_NOMATCH, or CHECK_XREF_ASK when
 * only the pattern can tell. */
enum { CHECK_XREF_ASK = 2 };
struct re_match;
int check_xref_quick_at(const char *s, size_t len, size_t at, struct re_match *m);
/* check_xref.c: the pattern's own result anchored at byte `at` of `s` (RE_MATCH with `m`
 * filled, RE_NOMATCH or RE_ERROR), and the number of its named group `name` (-1: none). */
int check_xref_pattern_at(const char *s, size_t len, size_t at, struct re_match *m);
int check_xref_group(const char *name);

/* check_foreword.c: 2020 or 2009 when the paragraph opens with that edition's drafting-basis
 * sentence, else 0. */
int check_foreword_drafting_kind(const char *paragraph);
/* check_foreword.c: the standard says it is drafted under GB/T 1.1—2020, in drafting-rules or
 * in the first paragraph of its 前言. */
bool check_foreword_claims_2020(const struct standard *s);

#endif
