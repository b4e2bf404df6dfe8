/* SPDX-License-Identifier: MIT */
/* check: the rule passes of `zhun check` over a loaded project (domain-rules.md DOC, NUM,
 * XREF, PREF, SNO, LIFE, SYS, SVC; REC of docs/rules). Passes record findings and go on; none is
 * quadratic: rows, editions, clauses and references are reached through hash indexes built once
 * here.
 *
 * How to add a pass: write src/check_<name>.c (one pass a file) with
 * `void check_<name>_run(struct check_ctx *)`, declare it below, add it to the pass table in
 * check.c (order matters only where a pass uses another's results: xref extraction runs first;
 * a system pass runs beside the others, so it may write only c->ds and c->arena, and its weight
 * is its share of their time) and to the meson source list, append its codes to diag_codes.def and
 * give each a page in docs/rules/<code>.md, with a golden pair (triggers / near-miss). What passes
 * share only with each other and with their unit tests goes in src/check_int.h, not here. */
#ifndef ZHUN_CHECK_H
#define ZHUN_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "project.h"
#include "strmap.h"

struct diag_store;
struct arena;

/* What a cross-reference in running text points at (domain-rules.md XREF-001, XREF-002). */
enum xref_kind {
	XREF_CLAUSE = 1,   /* 4.2, 5.3.1, A.1 */
	XREF_CHAPTER,	   /* 第4章 */
	XREF_ANNEX,	   /* 附录A */
	XREF_TABLE,	   /* 表1, 表A.1 */
	XREF_FIGURE,	   /* 图1, 图A.2 */
	XREF_FORMULA,	   /* 式(1), 公式(A.1) */
	XREF_NOTE,	   /* 5.2 注2 */
	XREF_LIST_ITEM,	   /* 9.3.3 b) */
	XREF_STD,	   /* GB/T 18883, GB/T 4457.4—2002 */
	XREF_WENHAO,	   /* 郑政办〔2021〕19号: recognised, never required in the list */
	XREF_PAGE,	   /* 第12页: never allowed */
	XREF_BARE_CHAPTER, /* 见4: ambiguous */
};

struct xref {
	enum xref_kind kind;
	struct loc loc;	    /* exact position of the match in the source */
	const char *text;   /* the matched text as written (arena) */
	const char *target; /* normalised target: "4.2", "4", "A", "1", "A.1", "5.2/2", "9.3.3/b" */
	const struct stdno *no;		/* XREF_STD: the number (arena); NULL for the others */
	const struct clause *in_clause; /* clause holding the text, NULL in foreword/annex body */
	const struct annex *in_annex;	/* annex holding the text, or NULL */
	bool normative;	  /* false in 注/示例/informative annexes or after 参见 */
	bool has_locator; /* XREF_STD followed by 中第5章 / 的4.2 / 表1 … (XREF-002) */
	bool in_foreword;
};

/* One standard document under check, with its lookup tables. */
struct doc_info {
	struct doc *doc;
	struct standard *std;
	const struct row *row; /* the system row linking it, or NULL for a lone file */
	struct xref *xrefs;    /* filled (malloc) by the xref pass; check_run frees it */
	size_t nxrefs;
	bool xrefs_partial;    /* a search limit or --max-refs cut the extraction short: rules
				* that need every reference ("never cited", "not mentioned") skip
				* the document rather than report what may be there */
	struct strmap clauses; /* number as typed ("4.2", "A.1", "0.1") → struct clause * */
	struct strmap annexes; /* letter → struct annex * */
	struct strmap tables;  /* "1", "A.1" → struct block * */
	struct strmap figures;
	struct strmap formulas;
	struct strmap terms; /* term entry number → struct term * (the first) */
};

/* Rows and registry editions of one work, in input order. */
struct edition_set {
	const struct row **rows; /* &one while there is one row */
	size_t nrows;
	const struct edition **editions; /* &one_edition while there is one */
	size_t neditions;
	const struct row *one;
	const struct edition *one_edition;
};

/* What the system passes keep of a linked document after its own checks (check_run frees the
 * document before the next one is loaded). */
struct doc_summary {
	char **cites; /* work keys of the standards its chapters list (normative references) */
	size_t ncites, capcites;
};

struct check_ctx {
	struct project *p;
	struct diag_store *ds;
	struct arena *arena;   /* for pass results; freed by check_run */
	struct date as_of;     /* statuses are evaluated on this date */
	struct doc_info *docs; /* every standard document: linked and lone */
	size_t ndocs;
	/* system indexes (empty without a system) */
	struct strmap row_by_code;    /* 体系表编号 → row (first) */
	struct strmap row_by_edition; /* edition key → row (first) */
	struct strmap reg_by_edition; /* edition key → registry edition (first) */
	struct strmap works;	      /* work key → struct edition_set */
	struct arena *works_arena;    /* the works' keys and sets when the other indexes are
				       * built beside them on a second thread, else NULL (`arena`) */
	const char *system_path;      /* system file name for findings, or NULL */
	/* documents already checked, for the system passes (check_run) */
	struct doc_summary *summaries; /* one per project link */
	size_t nsummaries;
	const struct doc_summary **row_summary; /* row i → its document's, or NULL */
	/* while a linked document is checked alone: the rows naming it */
	const size_t *link_rows;
	size_t nlink_rows;
};

/* Run every pass. `as_of` with y == 0 means: the system's date, else today. The linked
 * documents are checked one at a time, each alone and then reduced to its summary; those of a
 * streaming project (p->stream) are loaded here and freed after their checks. */
void check_run(struct project *p, struct diag_store *ds, const struct date *as_of);
/* check_run with the linked documents checked on `jobs` threads (0 or 1: this one) and, for a
 * large system, its indexes built and its system passes run on as many. The findings are the
 * same, in the same order, whatever the number. */
void check_run_jobs(struct project *p, struct diag_store *ds, const struct date *as_of,
		    unsigned jobs);

/* Helpers shared by passes. */
/* Work and edition keys of a parsed number, as arena strings: for keys a map keeps. */
const char *check_work_key(struct check_ctx *c, const struct stdno *n);
const char *check_edition_key(struct check_ctx *c, const struct stdno *n);
/* Room for any key with its NUL (stdno.c renders at most 255 bytes). */
enum { CHECK_KEY_MAX = 256 };
/* The same keys written into the caller's `buf`, for lookups: nothing is allocated and the
 * arena does not grow. Returns `buf`. */
const char *check_work_key_buf(const struct stdno *n, char buf[CHECK_KEY_MAX]);
const char *check_edition_key_buf(const struct stdno *n, char buf[CHECK_KEY_MAX]);
/* Position of byte `off` inside single-line scalar text `t` (its own loc when the text spans
 * lines before `off`). */
struct loc text_loc_at(const struct text *t, size_t off);
/* Status of a standard number on the check date, from the system's rows and the registries:
 * the status enum, or 0 when zhun knows nothing of it. Undated numbers resolve to the latest
 * edition of the work (current/upcoming if any). */
int check_number_status(struct check_ctx *c, const struct stdno *n, const struct row **row_out,
			const struct edition **ed_out);
/* True when the system's owner issues this number (own-prefixes, default every Q/). */
bool check_is_own(const struct check_ctx *c, const struct stdno *n);

/* The passes: xref, doc, num, foreword, table, system-doc and life-doc on each document alone
 * while it is loaded (c->docs holds that one), then system, life, registry and records once over
 * the system (the order of check.c's tables). */
void check_xref_run(struct check_ctx *c);	/* check_xref.c: extract + XREF rules */
void check_doc_run(struct check_ctx *c);	/* check_doc.c: DOC rules, special chapters */
void check_num_run(struct check_ctx *c);	/* check_num.c: NUM rules, numbering */
void check_foreword_run(struct check_ctx *c);	/* check_foreword.c: 前言, DOC-004, PREF */
void check_system_doc_run(struct check_ctx *c); /* check_system.c: rows against their document */
void check_life_doc_run(struct check_ctx *c);	/* check_life.c: LIFE rules on a document's refs */
void check_system_run(struct check_ctx *c);	/* check_system.c: SYS, SVC, SNO (system level) */
void check_life_run(struct check_ctx *c); /* check_life.c: LIFE rules over editions and works */
void check_life_rows_run(struct check_ctx *c); /* check_life.c: a row's dates, registry agreement */
void check_life_refs_run(struct check_ctx *c); /* check_life.c: a row's refs, review, action */
void check_table_run(struct check_ctx *c); /* check_table.c: spans, footnotes, continued tables */
void check_registry_run(struct check_ctx *c); /* check_registry.c: a registry's age */

/* The age in days past which a registry's snapshot is a note (registry-age): zhun.yaml's
 * `registry-max-age` (days, or years as `1y`), default 365; 0 turns the note off. Set once per
 * run, before check_run, by the command's settings step. */
extern long check_registry_max_age;
void check_records_run(struct check_ctx *c); /* check_records.c: REC rules, review follow-up */

#endif
