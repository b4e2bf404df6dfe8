/* SPDX-License-Identifier: MIT */
/* model: the typed model of model.md (system, standard, registry, records), built from the generic
 * tree by model_build() (which is structural validation), and the project that ties a system to the
 * registries and documents it names. Everything lives in the owning doc's arena. */
#ifndef ZHUN_MODEL_H
#define ZHUN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "node.h"
#include "stdno.h"

struct diag_store;
struct load_sink;

/* A scalar with its position. s == NULL when the key was absent. */
struct text {
	const char *s;
	struct loc loc;
};

struct textlist {
	struct text *v;
	size_t n;
	struct loc loc; /* of the list (or of the key when given as a scalar) */
};

/* y == 0 when absent. 12 bytes: a row holds three. Years are 1900..2999 as read (date_parse);
 * arithmetic on them saturates at the ends of int16_t (date_add_years, date_add_months). */
struct date {
	int16_t y;
	uint8_t m, d;
	struct loc loc;
};

/* An enumerated value (the enums below); v == 0 when absent. */
struct enumval {
	int v;
	struct loc loc;
};

struct intval {
	long v;
	bool set;
	struct loc loc;
};

struct boolval {
	bool v;
	bool set;
	struct loc loc;
};

/* A standard number as written plus its parse. ok == false when absent or unparsable. */
struct numtext {
	struct text text;
	struct stdno no;
	bool ok;
};

struct numlist {
	struct numtext *v;
	size_t n;
	struct loc loc;
};

/* Enumerations: 0 is "absent"; each has English words and Chinese synonyms (schema.c). The
 * level values are those of stdno.h's enum stdno_level. */
enum row_type {
	TYPE_BASIC = 1,
	TYPE_METHOD,
	TYPE_PRODUCT,
	TYPE_PROCESS,
	TYPE_SERVICE,
	TYPE_MANAGEMENT,
	TYPE_POST,
	TYPE_OTHER
};
enum row_status {
	STATUS_PLANNED = 1,
	STATUS_DRAFTING,
	STATUS_UPCOMING,
	STATUS_CURRENT,
	STATUS_REPLACED,
	STATUS_ABOLISHED
};
enum row_action { ACTION_ESTABLISH = 1, ACTION_REVISE, ACTION_ABOLISH };
enum adopt_degree { DEGREE_IDT = 1, DEGREE_MOD, DEGREE_NEQ };
enum review_outcome { OUTCOME_CONTINUE = 1, OUTCOME_REVISE, OUTCOME_ABOLISH };
enum annex_kind { ANNEX_NORMATIVE = 1, ANNEX_INFORMATIVE };
enum clause_kind { CLAUSE_SCOPE = 1, CLAUSE_REFERENCES, CLAUSE_TERMS, CLAUSE_SYMBOLS };
enum list_style { LIST_LETTER = 1, LIST_NUMBER, LIST_DASH, LIST_DOT };
enum change_kind { CHANGE_ADDED = 1, CHANGE_CHANGED, CHANGE_DELETED };
enum inspection_result { RESULT_CONFORM = 1, RESULT_PARTIAL, RESULT_NONCONFORM };
enum survey_method { METHOD_QUESTIONNAIRE = 1, METHOD_PHONE, METHOD_FORUM, METHOD_OTHER };

/* ---- system ---- */

struct category {
	struct loc loc;
	struct text code, title;
	struct boolval vacant;
	struct category *children;
	size_t nchildren;
	/* derived by model_build: */
	struct category *parent;
	int depth;    /* 0 for top-level blocks */
	size_t index; /* position in pre-order over the whole tree */
};

struct adoption {
	struct loc loc;
	struct text standard;
	struct enumval degree;
};

struct amendment {
	struct loc loc;
	struct text id, summary;
	struct date published, effective;
};

struct interpretation {
	struct loc loc;
	struct text id, by, summary;
	struct date issued;
	struct textlist clauses;
};

struct review {
	struct loc loc;
	struct date date;
	struct enumval outcome;
};

struct row {
	struct loc loc;
	struct text code, key, title, title_en, document, note;
	struct numtext number;
	struct enumval level, type, status, action;
	struct date published, effective, withdrawn;
	uint32_t index; /* derived: position in rows (a system holds fewer than 2^32) */
	struct numlist replaces, replaced_by, refs;
	struct adoption *adopts; /* NULL when absent */
	struct amendment *amendments;
	size_t namendments;
	struct interpretation *interpretations;
	size_t ninterpretations;
	struct review *reviews;
	size_t nreviews;
	/* derived by model_build (and `index` above, where it fills a hole): */
	const char *key_eff;	   /* `key`, else the work key of number, else code */
	struct category *category; /* the category named by code (maybe not a leaf), or NULL */
	long serial;		   /* serial part of code per code-format, -1 if none */
	uint8_t level_eff;    /* level from the number, else the `level` key (enum stdno_level) */
	uint8_t status_given; /* status as written (0 = absent → current; enum row_status) */
	bool code_ok;	      /* code matches code-format */
};

struct code_format_part {
	int kind; /* 0 literal, 1 {category}, 2 {serial:N} */
	const char *lit;
	size_t len;
	int width;
};

struct system {
	struct loc loc;
	struct intval format;
	struct text id, title, owner, edition, code_format;
	struct date date;
	struct intval review_cycle; /* default 5 when !set */
	struct textlist own_prefixes, registry, records;
	struct category *categories;
	size_t ncategories;
	struct row *rows;
	size_t nrows;
	/* derived: */
	struct code_format_part *cf; /* parsed code-format (default "{category}-{serial:3}") */
	size_t ncf;
	bool cf_ok;
	struct category **cat_preorder; /* every category in pre-order */
	size_t ncat;
	void *cat_index;     /* struct strmap: code → first category with that code */
	size_t cat_code_max; /* bytes of the longest category code */
};

/* Category by code, or NULL. */
struct category *system_category(const struct system *s, const char *code);
/* True when the category has no children. */
bool category_is_leaf(const struct category *c);
/* Top-level block of a category (itself at depth 0). */
const struct category *category_block(const struct category *c);
/* Format a 体系表编号 for category code and serial per the system's code-format (caller frees). */
char *system_format_code(const struct system *s, const char *category, long serial);

/* ---- standard ---- */

struct list;

struct list_item {
	struct loc loc;
	struct text text;      /* the item's (first) paragraph */
	struct textlist paras; /* further paragraphs of the item (n == 0 when none) */
	struct list *sub;      /* nested list, or NULL */
};

struct list {
	struct loc loc;
	struct enumval style;
	struct list_item *items;
	size_t nitems;
};

/* A table cell written as a mapping: its text, how many grid columns and rows it covers
 * (absent = 1) and the letters of the table footnotes it cites. */
struct cell {
	struct loc loc;
	struct text text;
	struct intval colspan, rowspan;
	struct textlist marks;
};

/* One row of table cells: v[k] is the text of cell k (the same shape as struct textlist);
 * cells[k] is cell k as written when the row has a cell written as a mapping, else cells is
 * NULL and every cell spans one column and one row with no footnote marks. */
struct cellrow {
	struct text *v;
	size_t n;
	struct loc loc;
	struct cell *cells;
};

/* Rows of table cells. */
struct cellrows {
	struct cellrow *v;
	size_t n;
};

/* A lettered table footnote (a, b, c …), cited from cells by its mark. */
struct footnote {
	struct loc loc;
	struct text mark, text;
};

enum block_kind {
	BLOCK_P = 1,
	BLOCK_LIST,
	BLOCK_TABLE,
	BLOCK_FIGURE,
	BLOCK_FORMULA,
	BLOCK_NOTE,
	BLOCK_EXAMPLE
};

struct block {
	struct loc loc; /* every record struct starts with its loc (model_build relies on it) */
	enum block_kind kind;
	struct text text;	    /* P, NOTE, EXAMPLE, FORMULA */
	struct text num, title;	    /* TABLE, FIGURE, FORMULA (num) */
	struct text src;	    /* FIGURE */
	struct list *list;	    /* LIST */
	struct cellrows head, rows; /* TABLE */
	struct textlist notes;	    /* TABLE */
	struct footnote *footnotes; /* TABLE: lettered footnotes, apart from the notes */
	size_t nfootnotes;
	struct boolval continued; /* TABLE: 表N（续）, the rest of the table of the same number */
};

struct body {
	struct block *v;
	size_t n;
	bool present; /* the key was given (even empty) */
	struct loc loc;
};

/* A referenced document: a standard by its number, or a document that is not a standard by its
 * title (and its 文号, doc_number, when it has one); number.text.s == NULL for the latter. */
struct refentry {
	struct loc loc;
	struct numtext number;
	struct text title, doc_number;
};

struct term {
	struct loc loc;
	struct text num, term, en, definition, source;
	struct textlist notes;
};

struct clause {
	struct loc loc;
	struct text num, title, id;
	struct enumval kind; /* explicit kind; see clause_kind() for the effective one */
	struct body body;
	struct clause *clauses;
	size_t nclauses;
	struct refentry *references;
	size_t nreferences;
	bool has_references;
	struct term *terms;
	size_t nterms;
	bool has_terms;
	/* derived: */
	struct clause *parent;
	int depth; /* 1 for chapters (and annex first-level clauses A.1) */
};

struct change {
	struct loc loc;
	struct enumval kind;
	struct text text;
	struct textlist new_, old;
};

struct foreword {
	struct loc loc;
	struct body body;
	struct change *changes;
	size_t nchanges;
};

struct introduction {
	struct loc loc;
	struct body body;
	struct clause *clauses;
	size_t nclauses;
};

struct annex {
	struct loc loc;
	struct text num, title;
	struct enumval kind; /* 0 when the annex's （规范性）/（资料性） was not given */
	struct body body;
	struct clause *clauses;
	size_t nclauses;
};

struct standard {
	struct loc loc;
	struct intval format;
	struct numtext number;
	struct text title, title_en, ics, ccs, issuer, drafting_rules;
	struct date published, effective;
	struct numlist replaces;
	struct adoption *adopts;
	struct foreword *foreword;
	struct introduction *introduction;
	struct clause *clauses;
	size_t nclauses;
	struct annex *annexes;
	size_t nannexes;
	struct refentry *bibliography;
	size_t nbibliography;
};

/* ---- registry ---- */

struct edition {
	struct loc loc;
	struct numtext number;
	struct text title;
	struct enumval status;
	struct date published, effective, withdrawn;
	struct numlist replaces, replaced_by;
};

struct registry {
	struct loc loc;
	struct intval format;
	struct text source;
	struct date date;
	struct edition *editions;
	size_t neditions;
};

/* ---- records (implementation, inspections, surveys, the work plan) ---- */

/* 宣贯培训: a session held to introduce a standard. */
struct training {
	struct loc loc;
	struct date date;
	struct intval participants;
	struct text topic;
};

/* An implementation record: the standards it covers by number, 体系表编号 or key, or a category
 * code for every row under it (records_index_find). */
struct implementation {
	struct loc loc;
	struct textlist standards;
	struct text unit;
	struct date start;
	struct textlist evidence;
	struct training *trainings;
	size_t ntrainings;
};

/* A corrective action (整改措施); opened defaults to the inspection's date. */
struct corrective_action {
	struct loc loc;
	struct text text;
	struct date opened, deadline, closed;
};

/* An inspection's result for one standard. */
struct inspection_item {
	struct loc loc;
	struct text standard, finding;
	struct enumval result;
	struct corrective_action *actions;
	size_t nactions;
};

struct inspection {
	struct loc loc;
	struct date date;
	struct text title;
	struct textlist scope, inspectors;
	struct inspection_item *results;
	size_t nresults;
};

/* A satisfaction survey: score is the rate as written (96.5 or 96.5%). */
struct survey {
	struct loc loc;
	struct date date;
	struct enumval method;
	struct intval sample;
	struct text score, note;
	/* derived by model_build: */
	double score_v; /* 0–100 */
	bool score_ok;	/* score parsed and within 0–100 */
};

struct milestone {
	struct loc loc;
	struct text title;
	struct date due, done;
};

/* A phase of the work plan (工作计划). */
struct plan_phase {
	struct loc loc;
	struct text title;
	struct date start, due, done;
	struct milestone *milestones;
	size_t nmilestones;
};

struct records {
	struct loc loc;
	struct intval format;
	struct text title;
	struct implementation *implementations;
	size_t nimplementations;
	struct inspection *inspections;
	size_t ninspections;
	struct survey *surveys;
	size_t nsurveys;
	struct plan_phase *phases;
	size_t nphases;
};

/* The date a row's next review is due: `cycle` years after its last review, else after its
 * effective date; y == 0 when the row has neither. *since is that review or effective date,
 * *reviewed whether it was a review. Feeds both the review-overdue rule (LIFE-007) and the
 * 复审及时率 of `zhun eval`. */
/* The row's latest review (by date), or NULL when it has none. */
const struct review *row_last_review(const struct row *r);
struct date row_review_due(const struct row *r, int cycle, const struct date **since,
			   bool *reviewed);
/* Add whole months (day clipped to the month's end). */
struct date date_add_months(const struct date *d, int months);

/* Build the typed model of a loaded doc (sets d->model), reporting every structural problem:
 * unknown keys (with did-you-mean), missing required keys, wrong types, enumerations, dates,
 * standard-number syntax. Never aborts on a finding. Returns false when the model could not be
 * built at all (root unusable). With ZHUN_SELF_CHECK set, a built model is then held to
 * model_check() (model_check.h): a violation is an `internal` finding. */
bool model_build(struct doc *d, struct diag_store *ds);

/* The sink (load.h) that builds a system's rows as the YAML loader reads them, for a caller
 * that reads the model only (project.stream: check, validate): the rows' nodes are freed one by
 * one, and model_build files the rows and their findings into the system where the tree's list
 * would have given them, so the model and the findings are those of a tree built whole. */
extern const struct load_sink model_row_sink;

/* The positions of the value nodes of the rows model_row_sink took, which model_check looks
 * for as it would in the tree: kept only while model_check_wanted(), else n is 0. */
const struct loc *model_taken_locs(const struct doc *d, size_t *n);

/* The effective kind of a clause: explicit `kind`, else recognised from the title (范围,
 * 规范性引用文件, 术语和定义 and the combined 术语、定义和缩略语 …, 符号和缩略语/符号/缩略语),
 * else 0. */
int clause_kind(const struct clause *c);

/* Effective status of a row on `as_of` (y==0: no date): the written status, or current when
 * absent; current/upcoming follow the effective date when one is known. */
int row_status_on(const struct row *r, const struct date *as_of);

/* Date helpers. */
int date_cmp(const struct date *a, const struct date *b); /* absent sorts first */
bool date_parse(const char *s, struct date *out);	  /* strict YYYY-MM-DD */
/* Room for any date_format text with its NUL. */
enum { DATE_TEXT_SIZE = 16 };
/* Write d as YYYY-MM-DD into buf (the form date_parse reads) and return buf. */
const char *date_format(const struct date *d, char buf[DATE_TEXT_SIZE]);
void date_today(struct date *out);
/* Add whole years (Feb 29 → Feb 28). */
struct date date_add_years(const struct date *d, int years);

/* Enum words: English (data formats) and Chinese (rendered tables). Index by enum value. */
const char *level_word(int v, bool zh);
const char *type_word(int v, bool zh);
const char *status_word(int v, bool zh);
const char *action_word(int v, bool zh);
const char *degree_word(int v);
const char *outcome_word(int v, bool zh);
const char *result_word(int v, bool zh);
const char *method_word(int v, bool zh);

#endif
