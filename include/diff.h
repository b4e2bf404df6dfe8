/* SPDX-License-Identifier: MIT */
/* diff: compare two revisions of a system, registry or standard, classify every change under
 * 立改废释 (domain-rules.md LIFE-011), check the revision rules (LIFE-002..LIFE-009), and diff
 * document text clause by clause for the 前言 change list (PREF-003).
 *
 * Pipeline: load two sides (project_add, from files or from a git revision through
 * diff_git_source; src/cmd_diff.c picks the mode) → diff_run() matches rows and classifies
 * (diff.c), diffs the documents linked on both sides (diff_doc.c) and records rule violations
 * in the findings store (diff_rules.c) → a printer writes text, markdown or json
 * (diff_print.c). The command prints the findings and decides the exit status. Everything is
 * linear in the rows: rows are grouped through hash maps, never compared pairwise; clause
 * similarity is only computed between the few clauses left unmatched by id and title, and
 * capped. */
#ifndef ZHUN_DIFF_H
#define ZHUN_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model.h"
#include "project.h"

struct arena;
struct diag_store;
struct strbuf;

/* The classes of LIFE-011, in the order reports list them. */
enum diff_class {
	DIFF_ESTABLISH = 0, /* 立(制定): a new own standard (or a planned row) */
	DIFF_ADOPT,	    /* 立(纳入): an external standard brought into the system */
	DIFF_REVISE,	    /* 改(修订): a new edition of the same work */
	DIFF_AMEND,	    /* 改(修改单): a new amendment record, same edition */
	DIFF_ABOLISH,	    /* 废(废止): status to abolished, or removed for that reason */
	DIFF_DELIST,	    /* 移出: removed from the table though still in force elsewhere */
	DIFF_INTERPRET,	    /* 释(解释): a new interpretation record */
	DIFF_REFILE,	    /* 调整归类: only the 体系表编号 or category changed */
	DIFF_REVIEW,	    /* 复审: a new review record and its outcome */
	DIFF_EDIT,	    /* 编辑性: other metadata */
	DIFF_NCLASS
};

/* The four heads of "立改废释并举" plus the rest. */
enum diff_family { FAMILY_LI = 0, FAMILY_GAI, FAMILY_FEI, FAMILY_SHI, FAMILY_OTHER, DIFF_NFAMILY };

/* "revise"; the word used in json and on the command line. */
const char *diff_class_name(enum diff_class c);
/* "改(修订)"; the Chinese label shown next to the English word. */
const char *diff_class_zh(enum diff_class c);
enum diff_family diff_class_family(enum diff_class c);
/* "立", "改", "废", "释", "其他". */
const char *diff_family_zh(enum diff_family f);

/* Flags of a change (bit set in diff_change.flags). */
enum {
	DIFF_F_EXTERNAL = 1u << 0,   /* issued by someone else than the system's owner */
	DIFF_F_TITLE = 1u << 1,	     /* the title changed */
	DIFF_F_PLANNED = 1u << 2,    /* the row is planned/drafting: no number yet */
	DIFF_F_PUBLISHED = 1u << 3,  /* a planned row got its number */
	DIFF_F_PENDING = 1u << 4,    /* a review decided revise/abolish, not carried out yet */
	DIFF_F_REGISTRY = 1u << 5,   /* seen in a registry edition, not in a row */
	DIFF_F_REMOVED = 1u << 6,    /* the row left the table */
	DIFF_F_REUSE = 1u << 7,	     /* establishes a work key already used (LIFE-002/LIFE-004) */
	DIFF_F_RENUMBERED = 1u << 8, /* document clauses renumbered or moved (not technical) */
};

/* What a printer shows of one side of a change. present == false on the side where the row
 * does not exist. Strings live in the result's arena or in the loaded documents. */
struct diff_face {
	bool present;
	const char *code;   /* 体系表编号, or NULL */
	const char *number; /* canonical 标准编号, or NULL (planned) */
	const char *title;
	int status;	  /* enum row_status as effective on that side's date, 0 if unknown */
	const char *file; /* where it is written (for findings) */
	struct loc loc;
};

struct diff_doc;

/* One classified change: a row (or registry edition, or lone standard) of the old side matched
 * to one of the new side, or present on one side only. One matched pair may give several
 * changes (an amendment and a review in one period); an "edit" is only given when nothing
 * else was. */
struct diff_change {
	enum diff_class cls;
	unsigned flags;
	const char *key;      /* identity across revisions: row key, else work key, else code */
	const char *code;     /* 体系表编号 (new side, else old); "" when there is none */
	const char *category; /* code of the top-level category (new side, else old); "" if none */
	struct diff_face old, new_;
	const struct row *old_row, *new_row; /* NULL when absent (or not a row) */
	const struct row
	    *old_kept; /* revise: the old edition's row still in the new table, or NULL */
	const struct edition
	    *old_kept_ed; /* revise: the old edition in a new-side registry, or NULL */
	/* The record that made the change: exactly one is set for amend, interpret and review. */
	const struct amendment *amendment;
	const struct interpretation *interpretation;
	const struct review *review;
	const char *fields;   /* edit/refile: English names of the changed fields, ", "-separated */
	struct diff_doc *doc; /* document diff when both sides have the text, else NULL */
	size_t seq;	      /* creation order: the last sort key, for stable output */
};

/* Counts for one top-level category (sub-system), in the order of the new system's tree, then
 * categories only the old side has; code "" collects changes without a category. */
struct diff_catcount {
	const char *code, *title;
	size_t n[DIFF_NCLASS];
	size_t total;
};

/* One side of a diff: what was loaded and how to name it. The caller fills `label` and `p`
 * (through project_add, from files or a git revision); `main` is the diffed file (p.system_doc
 * or p.others[0]), NULL for an empty side (a file added or deleted in git), and then `kind` says
 * what the other side is. */
struct diff_side {
	const char *label;
	struct project p;
	struct doc *main;
	enum doc_kind kind;
	bool no_documents; /* linked documents were not loaded (external-driver mode) */
};

void diff_side_init(struct diff_side *s, const char *label);
/* Frees what the side loaded. */
void diff_side_release(struct diff_side *s);
/* Pick s->main and s->kind from what s->p holds: the system, else the first lone file with a
 * model. Returns false when nothing usable was loaded. */
bool diff_side_settle(struct diff_side *s);

/* What changed in the records files of a system (diff_records.c): an inspection or a survey
 * recorded or dropped, a plan item added, dropped, re-dated or done. Reviews are rows' records
 * and are DIFF_REVIEW changes. */
enum diff_rec_kind {
	DIFF_REC_INSPECTION_ADDED = 0,
	DIFF_REC_INSPECTION_REMOVED,
	DIFF_REC_SURVEY_ADDED,
	DIFF_REC_SURVEY_REMOVED,
	DIFF_REC_PLAN_ADDED,
	DIFF_REC_PLAN_REMOVED,
	DIFF_REC_PLAN_DUE,  /* a plan item's due date moved */
	DIFF_REC_PLAN_DONE, /* a plan item's done date set, changed or cleared */
	DIFF_REC_NKIND
};

struct diff_rec_change {
	enum diff_rec_kind kind;
	const char *label; /* "2024-11-26 2024年下半年…", "评价与改进 / 年度总结" */
	const char *old_val; /* DIFF_REC_PLAN_*: the date before ("" when none), else NULL */
	const char *new_val;
};

/* "inspection-added"; the word of json. */
const char *diff_rec_kind_name(enum diff_rec_kind k);
/* "新增监督检查"; the Chinese label of text and markdown. */
const char *diff_rec_kind_zh(enum diff_rec_kind k);

/* The result of comparing two sides. Owns its changes, strings and document diffs. */
struct diff_result {
	struct arena *arena;
	const struct diff_side *old, *new_;
	enum doc_kind kind;
	struct diff_change *changes;
	size_t nchanges, cap;
	size_t count[DIFF_NCLASS];
	size_t family[DIFF_NFAMILY];
	/* Of count[] and family[], the changes to external standards (DIFF_F_EXTERNAL): a new
	 * edition of a national standard is not the owner's own 修订, and a pilot reports its own
	 * 立改废释 (model.md §6, own-prefixes) apart from what it follows. */
	size_t external[DIFF_NCLASS];
	size_t family_external[DIFF_NFAMILY];
	struct diff_catcount *cats;
	size_t ncats;
	const char
	    *system_fields; /* system-level fields that changed (title, categories …), or NULL */
	struct diff_rec_change
	    *recs; /* records changes in the order of the new side, then removals */
	size_t nrecs;
	struct diff_doc **docs; /* every document diff (owned) */
	size_t ndocs;
	void *priv; /* indexes for the rules (diff.c) */
	/* Set by the caller before diff_run: the threads that diff the linked documents of two
	 * systems (pool_run; 0 or 1: this one). The result is the same whatever the number. */
	unsigned jobs;
};

void diff_result_init(struct diff_result *r);
void diff_result_release(struct diff_result *r);

/* Compare `old` with `new_` (same kind, or one side empty), fill `r` and record revision-rule
 * violations in `ds` (at the new side, with the old side as the related position). Returns
 * false, with nothing compared, when the kinds differ. */
bool diff_run(struct diff_result *r, const struct diff_side *old, const struct diff_side *new_,
	      struct diag_store *ds);

/* True when anything differs: a classified change, a system-level field, a renumbering. */
bool diff_has_differences(const struct diff_result *r);

/* ---- document diff (diff_doc.c) ---- */

/* A unit of a standard's text: a chapter or 条, an annex, or an annex clause. Units are kept in
 * document pre-order, so a subtree is the contiguous range [i, i + size). */
struct diff_unit {
	const char *num;	 /* as typed: "4.2", "A" (the annex), "A.1" */
	const char *title;	 /* white space folded; NULL when untitled */
	const char *id;		 /* stable id, or NULL */
	const char *text;	 /* own text (body, references, terms), white space folded */
	const char *tail;	 /* the part of `text` after the body: references and terms */
	const struct body *body; /* the unit's own blocks */
	struct loc loc;
	int depth;	    /* 1 for chapters, annexes and first-level annex clauses */
	bool annex;	    /* the annex itself */
	int annex_kind;	    /* enum annex_kind, for annexes */
	size_t index, size; /* pre-order index and subtree size */
	struct diff_unit *parent, *partner;
	struct diff_unit *next_same; /* matching chains (internal) */
	bool title_changed, text_changed, moved;
};

/* One technical change between the editions, in the forms of PREF-003. */
struct diff_item {
	enum change_kind kind;	       /* CHANGE_ADDED, CHANGE_CHANGED or CHANGE_DELETED */
	const struct diff_unit *old_u; /* NULL when added */
	const struct diff_unit *new_u; /* NULL when deleted */
	const char *text; /* "增加了“预约讲解”（见5.3）": no letter, no final punctuation */
	/* The same as foreword.changes holds it: the wording without its position, and the
	 * positions in the new and the old edition ("5.3", "第6章", "附录A", "表1"; NULL when
	 * added or deleted). A change of text that lies in one table or figure names it. */
	const char *wording, *new_pos, *old_pos;
	bool covered; /* declared in foreword.changes (set by diff_doc_check_foreword) */
};

/* A document diff. Units, items and their strings live in `arena`. */
struct diff_doc {
	struct arena *arena;
	const struct doc *old_doc, *new_doc;
	const struct standard *old_std, *new_std;
	struct diff_unit *old_units, *new_units;
	size_t nold, nnew;
	struct diff_item *items; /* added and changed in new order, then deleted in old order */
	size_t nitems;
	size_t moved; /* matched units whose number or place changed */
	int old_year; /* year of the old edition (for "2009年版的"), 0 if undated */
	void *priv;   /* table/figure → unit indexes (diff_doc.c) */
};

/* Match the clauses of two editions (by id, then title in the same place, then title anywhere,
 * then text similarity among the leftovers, then the number of an untitled clause under a
 * matched parent) and derive the items. Cross-references in the old text are renumbered to the
 * new numbers before texts are compared, so a pure renumbering gives no item. */
void diff_doc_run(struct diff_doc *dd, const struct doc *old_doc, const struct doc *new_doc);
void diff_doc_release(struct diff_doc *dd);

/* The GB/T 1.1—2020 前言 replacement sentence and lettered list, ready to paste:
 * "本文件代替…，与…相比，除结构调整和编辑性改动外，主要技术变化如下：\na）…；\nb）…。\n". */
void diff_doc_foreword(const struct diff_doc *dd, struct strbuf *out);

/* The same changes as data, ready to paste as the new edition's `foreword.changes`: YAML (a
 * `changes:` block in flow style, under a comment saying where it goes) or, through `w`, a JSON
 * array of {kind, text, new, old}. */
void diff_doc_changes_yaml(const struct diff_doc *dd, struct strbuf *out);
struct json_writer;
void diff_doc_changes_json(const struct diff_doc *dd, struct json_writer *w, const char *key);

/* Compare the new edition's foreword.changes (when declared) with the items: a warning for
 * each real change not declared (diff-foreword-missing) and each declared change without a
 * counterpart (diff-foreword-unfounded). Sets items[].covered. */
void diff_doc_check_foreword(struct diff_doc *dd, struct diag_store *ds);

/* Character-bigram Dice coefficient of two UTF-8 strings (white space ignored), in [0, 1];
 * 1 for two empty strings. Linear-logarithmic in the lengths; each text is cut at 4000 code
 * points. */
double diff_similarity(const char *a, const char *b);

/* The position forms of XREF-001 for a unit: "第4章", "4.2", "附录A", "A.1" (static buffer
 * of the caller, at least 64 bytes). */
const char *diff_unit_pos(const struct diff_unit *u, char *buf, size_t len);

/* Compare the records files of the two systems of `r` and fill r->recs. Called by diff_run. */
void diff_records_run(struct diff_result *r);

/* ---- revision rules (diff_rules.c) ---- */

/* Check the changes of `r` against LIFE-002..LIFE-009 and record violations in `ds`. Called
 * by diff_run. */
void diff_rules_run(struct diff_result *r, struct diag_store *ds);

/* ---- printing (diff_print.c) ---- */

enum diff_format { DIFF_FMT_TEXT = 0, DIFF_FMT_MARKDOWN, DIFF_FMT_JSON, DIFF_FMT_YAML };
/* "text", "markdown" (or "md"), "json", "yaml" → format, or -1 (yaml only goes with
 * --foreword: cmd_diff says so). */
int diff_format_by_name(const char *s);

struct diff_print_opts {
	enum diff_format format;
	bool color;		     /* text: ANSI colours */
	bool header;		     /* text: print the "--- old / +++ new" heading */
	bool quiet;		     /* text: no summary after the changes */
	const struct diag_store *ds; /* violations for markdown and json (may be NULL) */
};

/* Print the result to `out` (the primary output, stdout). */
void diff_print(const struct diff_result *r, FILE *out, const struct diff_print_opts *o);

/* ---- git plumbing (diff_git.c) ---- */

/* Output of a child process. */
struct diff_proc {
	char *out; /* stdout, NUL-terminated (malloc) */
	size_t len;
	int status; /* exit status, or -1 when it could not be started or was killed */
};

/* Run argv[0] (searched in PATH) with argv (NULL-terminated), without a shell, capturing
 * stdout; stderr goes to /dev/null when `quiet`. Returns false when it could not be started.
 * The caller frees p->out. */
bool diff_spawn(const char *const *argv, bool quiet, struct diff_proc *p);

/* Where a git revision's files are: the repository top and the revision (NULL: the work tree
 * under top). */
struct diff_git_rev {
	const char *top;
	const char *rev;
};
/* `at` as a project source (project.h): files are read with `git show --no-textconv REV:PATH`
 * (from the work tree when rev is NULL), paths are repository-relative and joined with
 * normalisation ("a/./b/../c" → "a/c"), docs are named "REV:PATH" ("PATH" in the work tree).
 * `at` must outlive the source. */
struct project_source diff_git_source(const struct diff_git_rev *at);
/* The name of `path` at `rev` in findings and headings: "REV:PATH", or "PATH" when rev is NULL.
 * Returns a new string (caller frees). */
char *diff_git_label(const char *rev, const char *path);

/* The top of the git repository around the current directory (caller frees), or NULL when
 * there is none. */
char *diff_git_top(void);
/* True when `rev` names a commit of the git repository around the current directory. */
bool diff_git_is_revision(const char *rev);
/* The repository-relative, normalised forms of `paths` given relative to the current
 * directory. Returns a new array of npaths new strings (caller frees each and the array). */
char **diff_git_paths(char *const *paths, int npaths);

/* Names of a git listing (made with -z, so any name comes as it is): v[0..n) point into buf. */
struct diff_git_list {
	char *buf;
	char **v;
	size_t n;
};
void diff_git_list_release(struct diff_git_list *l);
/* The files that differ between rev1 and rev2 (NULL: the work tree), limited to the pathspecs
 * `paths` (relative to the current directory), repository-relative (`git diff --name-only`).
 * Returns false, with an empty list, when git fails. */
bool diff_git_changed(struct diff_git_list *l, const char *rev1, const char *rev2,
		      char *const *paths, int npaths);
/* Every file of the tree at `rev` (the index when NULL), repository-relative. Returns false,
 * with an empty list, when git fails. */
bool diff_git_tree(struct diff_git_list *l, const char *top, const char *rev);

#endif
