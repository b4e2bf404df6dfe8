/* SPDX-License-Identifier: MIT */
/* eval: the pilot's self-evaluation (GB/T 24421.4—2023) — its indexes computed once from a
 * system and its records as of a date, each with its formula and the rows it counted, and the
 * 自我评价报告 laid out around them — and the registry of renderers that draw it, one file per
 * output format (render_eval_<fmt>.c).
 *
 * Every renderer draws the same model and never recomputes a figure, so the numbers agree
 * across formats by construction (tests/eval-formats.sh reads each format back to prove it).
 *
 * How to add an output format:
 *   1. write src/render_eval_<fmt>.c with
 *      `int render_eval_<fmt>(const struct eval *e, struct strbuf *out)`;
 *   2. declare it at the end of this header and add one record to eval_renderers[] in eval.c;
 *      a text format that draws the sections with eval_draw_sections also adds its value to
 *      enum eval_markup and its row to markups[] in eval.c;
 *   3. add the file to libzhun_sources in meson.build, a golden case under tests/golden/eval/,
 *      the format to tests/eval-formats.sh, and a paragraph in docs/eval.md. */
#ifndef ZHUN_EVAL_H
#define ZHUN_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "project.h"

struct strbuf;
struct arena;

/* The indexes, in the order of the report. */
enum eval_index {
	EVAL_COVERAGE = 0,   /* 标准体系覆盖率 */
	EVAL_IMPLEMENTATION, /* 标准实施率 */
	EVAL_INSPECTIONS,    /* 监督检查次数（年均） */
	EVAL_RECTIFICATION,  /* 不符合项整改率 */
	EVAL_REVIEW,	     /* 复审及时率 */
	EVAL_SATISFACTION,   /* 满意度 */
	EVAL_PLAN,	     /* 工作计划完成率 */
	EVAL__COUNT
};

/* How an index is read: a percentage num/den, a count per year num/den years, or a score
 * (the latest survey's, num and den unused). */
enum eval_unit { EVAL_PERCENT = 1, EVAL_PER_YEAR, EVAL_SCORE };

/* One thing an index counted: a leaf category, a row, an inspection, a finding, a survey, a
 * plan item. `counted` says whether it is in the numerator (it is always in the
 * denominator). */
struct eval_item {
	const char *label; /* "101 标准化导则", "Q/XXBWG 101-005—2024 博物馆标准化工作管理规定" */
	const char
	    *detail; /* why it is counted or not: "3 行", "实施 2024-06-01", "逾期 2024-05-01" */
	bool counted;
};

struct eval_index_value {
	enum eval_index id;
	const char *key;     /* "coverage", "implementation", … (JSON, tests) */
	const char *name;    /* 标准体系覆盖率 / Coverage of the system */
	const char *formula; /* the formula in words: numerator ÷ denominator */
	enum eval_unit unit;
	long num, den; /* den == 0: nothing to compute (computed == false) */
	bool computed;
	const char *value;   /* the figure as every format prints it: "94.0%", "2.0", "95.8" */
	const char *trend;   /* EVAL_SCORE: change from the previous survey ("+1.2"), or NULL */
	const char *missing; /* !computed: why (no records, no surveys …) */
	struct eval_item *items;
	size_t nitems;
};

/* A section of the 自我评价报告 (its outline: docs/eval.md). Computed sections show the
 * indexes listed in `indexes` (their tables); free-text sections carry a placeholder. */
struct eval_section {
	const char *num; /* "一", "（一）" */
	const char *title;
	int level; /* 1 chapter, 2 sub-section */
	const enum eval_index
	    *indexes;		 /* the indexes this section presents, ending at EVAL__COUNT */
	const char *placeholder; /* what the author writes here (shown with a placeholder mark),
				  * or NULL when the section is computed */
	bool open_actions;	 /* the section lists the corrective actions still open */
};

struct eval_year {
	int year;
	long inspections;
};

struct eval {
	struct arena *arena; /* every string of the model */
	const struct system *system;
	const char *title; /* 《…》标准化试点自我评价报告 */
	struct date as_of;
	struct date from, to; /* the period of inspections, findings and surveys */
	bool zh;
	struct eval_index_value idx[EVAL__COUNT];
	const struct eval_section *sections;
	size_t nsections;
	struct eval_year *years; /* inspections per calendar year recorded, ascending */
	size_t nyears;
	long trainings, participants; /* 宣贯培训 sessions and participants in the period */
	const char **open_actions;    /* corrective actions not closed on the as-of date */
	size_t nopen;
	size_t nrecords; /* records files linked */
};

/* Compute the evaluation of project p (its system and records, p->rcfg) on as_of (y == 0: the
 * system's date, else today). Returns NULL when p has no system. The caller frees with
 * eval_free. */
struct eval *eval_new(const struct project *p, const struct date *as_of, bool zh);
void eval_free(struct eval *e);

struct eval_renderer {
	const char *name;
	bool binary;						 /* needs -o FILE */
	int (*render)(const struct eval *e, struct strbuf *out); /* 0 ok, -1 failure */
};

/* Every format, NULL-terminated by name. */
extern const struct eval_renderer eval_renderers[];
const struct eval_renderer *eval_renderer_find(const char *name);

/* Headings shared by the renderers (zh/en): "指标", "公式", … */
const char *eval_word(const struct eval *e, const char *key);

/* The numerator and denominator of index v as its row of the summary shows them: the counts,
 * or "—" for an index that has no fraction (not computed, or a score). */
void eval_fraction(const struct eval_index_value *v, char num[32], char den[32]);

/* The text formats whose sections eval_draw_sections draws; the strings each puts around the
 * parts of a section (headings, paragraphs, the list of open actions) are its row of a table
 * in eval.c, so that the formats are read side by side. */
enum eval_markup { EVAL_MARKUP_TEXT, EVAL_MARKUP_MARKDOWN, EVAL_MARKUP_HTML };

/* The parts of a section that a text format draws itself. */
struct eval_parts {
	void (*put)(struct strbuf *out, const char *s); /* text, escaped for the format */
	void (*index_block)(const struct eval *e, const struct eval_index_value *v,
			    struct strbuf *out);
	void (*years)(const struct eval *e, struct strbuf *out); /* e->nyears > 0 */
};

/* Append e's sections to `out` in the report's order, in markup `mu`: each heading, the
 * corrective actions still open, the placeholder of a section the author writes, and the
 * indexes a section presents (p->index_block), with the trainings after the implementation
 * rate and the inspections a year (p->years) after theirs. */
void eval_draw_sections(const struct eval *e, enum eval_markup mu, const struct eval_parts *p,
			struct strbuf *out);

int render_eval_text(const struct eval *e, struct strbuf *out);
int render_eval_markdown(const struct eval *e, struct strbuf *out);
int render_eval_html(const struct eval *e, struct strbuf *out);
int render_eval_json(const struct eval *e, struct strbuf *out);
int render_eval_docx(const struct eval *e, struct strbuf *out);

#endif
