/* SPDX-License-Identifier: MIT */
/* eval: compute the pilot's indexes and lay out the 自我评价报告 once; the renderers only draw. */
#include "eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "records.h"
#include "strbuf.h"
#include "xalloc.h"

const struct eval_renderer eval_renderers[] = {
	{ "text", false, render_eval_text }, { "markdown", false, render_eval_markdown },
	{ "html", false, render_eval_html }, { "json", false, render_eval_json },
	{ "docx", true, render_eval_docx },  { NULL, false, NULL },
};

const struct eval_renderer *eval_renderer_find(const char *name)
{
	for (const struct eval_renderer *r = eval_renderers; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

/* ---- vocabulary: headings and index names are data (zh/en pairs), not messages ---- */

static const struct {
	const char *key, *zh, *en;
} words[] = {
	{ "index", "指标", "Index" },
	{ "value", "数值", "Value" },
	{ "numerator", "分子", "Numerator" },
	{ "denominator", "分母", "Denominator" },
	{ "formula", "计算方法", "Formula" },
	{ "item", "计数对象", "Counted" },
	{ "detail", "说明", "Detail" },
	{ "counted", "计入分子", "In numerator" },
	{ "yes", "是", "yes" },
	{ "no", "否", "no" },
	{ "not-computed", "无法计算", "not computed" },
	{ "as-of", "评估日期", "As of" },
	{ "period", "评价期间", "Period" },
	{ "summary", "指标汇总", "Summary of the indexes" },
	{ "year", "年度", "Year" },
	{ "inspections", "监督检查次数", "Inspections" },
	{ "trend", "较上次", "Change" },
	{ "trainings", "宣贯培训", "Trainings" },
	{ "participants", "参训人次", "Participants" },
	{ "open-actions", "尚未完成的整改措施", "Corrective actions still open" },
	{ "none", "无", "none" },
	{ "placeholder", "【待填写】", "[to be written] " },
	{ "outline-note",
	  "（本报告按 GB/T 24421.4—2023 附录A "
	  "的自我评价报告格式编排，计算所得的章节已填写，其余章节由编写人填写。）",
	  "(Laid out after the self-evaluation report of GB/T 24421.4—2023 annex A; the computed "
	  "sections are filled, the others are for the author to write.)" },
};

const char *eval_word(const struct eval *e, const char *key)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(words[i].key, key))
			return e->zh ? words[i].zh : words[i].en;
	return key;
}

void eval_fraction(const struct eval_index_value *v, char num[32], char den[32])
{
	if (v->computed && v->unit != EVAL_SCORE) {
		snprintf(num, 32, "%ld", v->num);
		snprintf(den, 32, "%ld", v->den);
	} else {
		strcpy(num, "—");
		strcpy(den, "—");
	}
}

/* What each text format puts around the parts of a section (eval_draw_sections). */
static const struct markup {
	const char *heading_open[2], *heading_close[2]; /* by level: chapter, sub-section */
	const char *para_open, *para_close;		/* a paragraph */
	const char *placeholder_open;			/* the paragraph of a section to write */
	const char *figures_open;   /* the paragraph of the trainings' two figures */
	const char *figures_sep[2]; /* between them: in English, in Chinese */
	const char *list_open, *item_open, *item_close, *list_close; /* the open actions */
} markups[] = {
	[EVAL_MARKUP_TEXT] = {
		.heading_open = { "\n", "\n" },
		.heading_close = { "\n", "\n" },
		.para_open = "",
		.para_close = "\n",
		.placeholder_open = "",
		/* the figures belong to the implementation rate above: indented like its lines */
		.figures_open = "  ",
		.figures_sep = { ", ", "，" },
		.list_open = "",
		.item_open = "  - ",
		.item_close = "\n",
		.list_close = "",
	},
	[EVAL_MARKUP_MARKDOWN] = {
		.heading_open = { "## ", "### " },
		.heading_close = { "\n\n", "\n\n" },
		.para_open = "",
		.para_close = "\n\n",
		.placeholder_open = "",
		.figures_open = "",
		.figures_sep = { "; ", "；" },
		.list_open = "",
		.item_open = "- ",
		.item_close = "\n",
		.list_close = "\n",
	},
	[EVAL_MARKUP_HTML] = {
		.heading_open = { "<h2>", "<h3>" },
		.heading_close = { "</h2>\n", "</h3>\n" },
		.para_open = "<p>",
		.para_close = "</p>\n",
		.placeholder_open = "<p class=\"placeholder\">",
		.figures_open = "<p>",
		.figures_sep = { "; ", "；" },
		.list_open = "<ul>\n",
		.item_open = "<li>",
		.item_close = "</li>\n",
		.list_close = "</ul>\n",
	},
};

static void open_actions(const struct eval *e, enum eval_markup mu, const struct eval_parts *p,
			 struct strbuf *out)
{
	const struct markup *m = &markups[mu];
	strbuf_addf(out, "%s%s%s%s%s", m->para_open, eval_word(e, "open-actions"),
		    e->zh ? "：" : ": ", e->nopen ? "" : eval_word(e, "none"), m->para_close);
	if (!e->nopen)
		return;
	strbuf_adds(out, m->list_open);
	for (size_t i = 0; i < e->nopen; i++) {
		strbuf_adds(out, m->item_open);
		p->put(out, e->open_actions[i]);
		strbuf_adds(out, m->item_close);
	}
	strbuf_adds(out, m->list_close);
}

void eval_draw_sections(const struct eval *e, enum eval_markup mu, const struct eval_parts *p,
			struct strbuf *out)
{
	const struct markup *m = &markups[mu];
	const char *colon = e->zh ? "：" : ": ";
	for (size_t s = 0; s < e->nsections; s++) {
		const struct eval_section *sec = &e->sections[s];
		int h = sec->level == 1 ? 0 : 1;
		strbuf_addf(out, "%s%s%s%s%s", m->heading_open[h], sec->num,
			    e->zh ? (sec->level == 1 ? "、" : "") : " ", sec->title,
			    m->heading_close[h]);
		if (sec->open_actions)
			open_actions(e, mu, p, out);
		if (sec->placeholder)
			strbuf_addf(out, "%s%s%s%s", m->placeholder_open,
				    eval_word(e, "placeholder"), sec->placeholder, m->para_close);
		for (const enum eval_index *x = sec->indexes; *x != EVAL__COUNT; x++) {
			p->index_block(e, &e->idx[*x], out);
			/* "宣贯培训：3 次；参训人次：120" */
			if (*x == EVAL_IMPLEMENTATION)
				strbuf_addf(out, "%s%s%s%ld%s%s%s%s%ld%s", m->figures_open,
					    eval_word(e, "trainings"), colon, e->trainings,
					    e->zh ? " 次" : "", m->figures_sep[e->zh],
					    eval_word(e, "participants"), colon, e->participants,
					    m->para_close);
			if (*x == EVAL_INSPECTIONS && e->nyears)
				p->years(e, out);
		}
	}
}

static const struct {
	const char *key, *zh, *en, *formula_zh, *formula_en;
	enum eval_unit unit;
} index_defs[EVAL__COUNT] = {
	[EVAL_COVERAGE] = { "coverage", "标准体系覆盖率", "Coverage of the system",
			    "有计入标准的末级类别数 ÷ 末级类别总数 × 100%",
			    "leaf categories holding a counted standard ÷ leaf categories × 100%",
			    EVAL_PERCENT },
	[EVAL_IMPLEMENTATION] = { "implementation", "标准实施率", "Implementation rate",
				  "有实施记录的自有计入标准数 ÷ 自有计入标准数 × 100%",
				  "own counted standards with an implementation record ÷ own "
				  "counted standards × 100%",
				  EVAL_PERCENT },
	[EVAL_INSPECTIONS] = { "inspections", "监督检查次数（年均）", "Inspections a year",
			       "评价期间的监督检查次数 ÷ 评价期间的年数",
			       "inspections in the period ÷ years in the period", EVAL_PER_YEAR },
	[EVAL_RECTIFICATION] = { "rectification", "不符合项整改率", "Corrective actions closed",
				 "整改措施全部完成的不符合项数 ÷ 不符合项总数 × 100%",
				 "findings whose corrective actions are all closed ÷ findings × "
				 "100%",
				 EVAL_PERCENT },
	[EVAL_REVIEW] = { "review", "复审及时率", "Reviews on time",
			  "未超过复审周期的自有计入标准数 ÷ 有实施日期或复审记录的自有计入标准数 × "
			  "100%",
			  "own counted standards not overdue for review ÷ own counted standards "
			  "with an effective date or a review × 100%",
			  EVAL_PERCENT },
	[EVAL_SATISFACTION] = { "satisfaction", "满意度", "Satisfaction",
				"评价期间最近一次满意度调查的得分（较上一次调查的变化）",
				"score of the latest survey in the period (change from the survey "
				"before)",
				EVAL_SCORE },
	[EVAL_PLAN] = { "plan", "工作计划完成率", "Work plan completed",
			"已完成的计划事项数 ÷ 已到期或已完成的计划事项数 × "
			"100%（事项：节点；无节点的阶段本身）",
			"plan items done ÷ plan items due or done × 100% (items: milestones; a "
			"phase without milestones itself)",
			EVAL_PERCENT },
};

/* The outline of the 自我评价报告 (docs/eval.md: after GB/T 24421.4—2023 annex A). */
static const enum eval_index sec_none[] = { EVAL__COUNT };
static const enum eval_index sec_plan[] = { EVAL_PLAN, EVAL__COUNT };
static const enum eval_index sec_system[] = { EVAL_COVERAGE, EVAL__COUNT };
static const enum eval_index sec_impl[] = { EVAL_IMPLEMENTATION, EVAL__COUNT };
static const enum eval_index sec_insp[] = { EVAL_INSPECTIONS, EVAL_RECTIFICATION, EVAL__COUNT };
static const enum eval_index sec_review[] = { EVAL_REVIEW, EVAL__COUNT };
static const enum eval_index sec_effect[] = { EVAL_SATISFACTION, EVAL__COUNT };

/* One section in both languages: number, title, what the author writes (NULL: computed). */
static const struct {
	const char *num_zh, *num_en, *title_zh, *title_en;
	int level;
	const enum eval_index *indexes;
	const char *write_zh, *write_en;
	bool open_actions;
} section_defs[] = {
	{ "一", "1", "基本情况", "General situation", 1, sec_none,
	  "单位概况、试点任务来源与目标、试点期限",
	  "the organisation, where the pilot task came from, its aims and term", false },
	{ "二", "2", "试点工作开展情况", "How the pilot was carried out", 1, sec_none, NULL, NULL,
	  false },
	{ "（一）", "2.1", "组织领导与工作计划", "Leadership and work plan", 2, sec_plan, NULL,
	  NULL, false },
	{ "（二）", "2.2", "标准体系建设", "The standard system", 2, sec_system, NULL, NULL,
	  false },
	{ "（三）", "2.3", "标准实施", "Implementation of the standards", 2, sec_impl, NULL, NULL,
	  false },
	{ "（四）", "2.4", "标准实施的监督检查", "Supervision inspections", 2, sec_insp, NULL, NULL,
	  false },
	{ "（五）", "2.5", "标准的复审与持续改进", "Review and continual improvement", 2,
	  sec_review, NULL, NULL, false },
	{ "三", "3", "试点成效", "Results of the pilot", 1, sec_none, NULL, NULL, false },
	{ "（一）", "3.1", "服务对象满意度", "Satisfaction of those served", 2, sec_effect, NULL,
	  NULL, false },
	{ "（二）", "3.2", "经济效益和社会效益", "Economic and social benefits", 2, sec_none,
	  "服务质量、管理效率、经济与社会效益的变化，附数据来源",
	  "changes in service quality, efficiency and benefits, with the sources of the data",
	  false },
	{ "（三）", "3.3", "创新与特色", "Innovations", 2, sec_none,
	  "试点工作的创新做法、特色与可推广的经验",
	  "what the pilot did in a new way, and what others can take from it", false },
	{ "四", "4", "存在的问题和改进措施", "Problems and improvements", 1, sec_none,
	  "尚存的问题、原因分析、改进措施与下一步工作计划",
	  "the problems that remain, their causes, the improvements and the next steps", true },
	{ "五", "5", "自我评价结论", "Conclusion of the self-evaluation", 1, sec_none,
	  "对照试点任务和验收要求逐项作出自我评价，给出总体结论",
	  "a self-assessment against each pilot task and acceptance requirement, and an overall "
	  "conclusion",
	  false },
};

/* ---- computing ---- */

struct items {
	struct eval_item *v;
	size_t n, cap;
};

static void item_add(struct eval *e, struct items *it, const char *label, const char *detail,
		     bool counted)
{
	XGROW(it->v, it->cap, it->n + 1);
	it->v[it->n++] =
	    (struct eval_item){ arena_strdup(e->arena, label),
				arena_strdup(e->arena, detail ? detail : ""), counted };
}

/* The items move into the arena, so that the model is freed in one piece. */
static void index_set(struct eval *e, enum eval_index id, long num, long den, struct items *it)
{
	struct eval_index_value *v = &e->idx[id];
	v->num = num;
	v->den = den;
	v->computed = den > 0;
	if (it->n)
		v->items = arena_memdup(e->arena, it->v, it->n, sizeof *it->v);
	v->nitems = it->n;
	free(it->v);
	memset(it, 0, sizeof *it);
	if (!v->computed)
		return;
	if (v->unit == EVAL_PERCENT)
		v->value = arena_printf(e->arena, "%.1f%%", 100.0 * (double)num / (double)den);
	else if (v->unit == EVAL_PER_YEAR)
		v->value = arena_printf(e->arena, "%.1f", (double)num / (double)den);
}

static const char *row_label(struct eval *e, const struct row *r)
{
	return arena_printf(e->arena, "%s %s", r->number.text.s ? r->number.text.s : r->code.s,
			    r->title.s ? r->title.s : "");
}

static bool in_period(const struct eval *e, const struct date *d)
{
	return d->y && date_cmp(d, &e->from) >= 0 && date_cmp(d, &e->to) <= 0;
}

static bool counts(const struct project *p, const struct eval *e, const struct row *r)
{
	return (p->rcfg.count_statuses >> row_status_on(r, &e->as_of)) & 1u;
}

static void compute_coverage(struct eval *e, const struct project *p)
{
	const struct system *s = p->system;
	size_t *held = xcalloc(s->ncat + 1, sizeof *held);
	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].category && counts(p, e, &s->rows[i]))
			held[s->rows[i].category->index]++;
	struct items it = { 0 };
	long num = 0, den = 0;
	for (size_t i = 0; i < s->ncat; i++) {
		const struct category *c = s->cat_preorder[i];
		if (!category_is_leaf(c))
			continue;
		den++;
		num += held[c->index] > 0;
		char *label = xasprintf("%s %s", c->code.s, c->title.s ? c->title.s : "");
		char *detail = xasprintf(e->zh ? "%zu 项%s" : "%zu standard(s)%s", held[c->index],
					 c->vacant.v ? (e->zh ? "（空缺）" : " (vacant)") : "");
		item_add(e, &it, label, detail, held[c->index] > 0);
		free(label);
		free(detail);
	}
	free(held);
	index_set(e, EVAL_COVERAGE, num, den, &it);
}

static void compute_implementation(struct eval *e, const struct project *p,
				   const struct records_index *ix, const struct records **recs)
{
	const struct system *s = p->system;
	const struct implementation **im = records_implemented(ix, recs, p->nrecords, &e->as_of);
	struct items it = { 0 };
	long num = 0, den = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (!r->number.ok || !system_is_own(s, &r->number.no) || !counts(p, e, r))
			continue;
		den++;
		num += im[i] != NULL;
		char buf[DATE_TEXT_SIZE];
		struct date d = im[i] ? records_implementation_date(im[i]) : (struct date){ 0 };
		char *detail = im[i] ? xasprintf(e->zh ? "实施记录 %s" : "implementation record %s",
						 d.y ? date_format(&d, buf) : "")
				     : xstrdup(e->zh ? "无实施记录" : "no implementation record");
		item_add(e, &it, row_label(e, r), detail, im[i] != NULL);
		free(detail);
	}
	free(im);
	index_set(e, EVAL_IMPLEMENTATION, num, den, &it);
	/* without records nothing says whether a standard was implemented: no figure at all */
	if (!p->nrecords) {
		e->idx[EVAL_IMPLEMENTATION].computed = false;
		e->idx[EVAL_IMPLEMENTATION].missing =
		    e->zh ? "体系未链接记录文件（records）" : "the system links no records files";
	}
}

/* Years of the period: its months (first and last counted whole) over 12, rounded, at least 1;
 * a calendar year is 1. */
static long period_years(const struct eval *e)
{
	long months = ((long)e->to.y * 12 + e->to.m) - ((long)e->from.y * 12 + e->from.m) + 1;
	long years = (months + 6) / 12;
	return years > 0 ? years : 1;
}

static void compute_inspections(struct eval *e, const struct project *p,
				const struct records **recs)
{
	struct items it = { 0 };
	struct items fi = { 0 };
	long num = 0, nfind = 0, nclosed = 0;
	for (size_t k = 0; k < p->nrecords; k++) {
		const struct records *r = recs[k];
		for (size_t i = 0; i < r->ninspections; i++) {
			const struct inspection *in = &r->inspections[i];
			if (!in->date.y || date_cmp(&in->date, &e->as_of) > 0)
				continue;
			/* every year recorded, for the table of inspections by year */
			size_t y = 0;
			while (y < e->nyears && e->years[y].year != in->date.y)
				y++;
			if (y == e->nyears) {
				e->years = xrealloc(e->years, (e->nyears + 1) * sizeof *e->years);
				e->years[e->nyears++] = (struct eval_year){ in->date.y, 0 };
			}
			e->years[y].inspections++;
			if (!in_period(e, &in->date))
				continue;
			num++;
			char buf[DATE_TEXT_SIZE];
			char *label = xasprintf("%s%s%s", date_format(&in->date, buf),
						in->title.s && *in->title.s ? " " : "",
						in->title.s ? in->title.s : "");
			char *detail = xasprintf(
			    e->zh ? "检查 %zu 项标准" : "%zu standard(s) inspected", in->nresults);
			item_add(e, &it, label, detail, true);
			free(label);
			free(detail);
			for (size_t j = 0; j < in->nresults; j++) {
				const struct inspection_item *res = &in->results[j];
				if (res->result.v != RESULT_NONCONFORM &&
				    !(res->result.v == RESULT_PARTIAL &&
				      p->rcfg.nonconform_partial))
					continue;
				nfind++;
				bool closed = res->nactions > 0;
				for (size_t a = 0; a < res->nactions; a++) {
					const struct date *c = &res->actions[a].closed;
					if (!c->y || date_cmp(c, &e->as_of) > 0) {
						closed = false;
						const char *t = res->actions[a].text.s;
						e->open_actions = xrealloc(
						    e->open_actions,
						    (e->nopen + 1) * sizeof *e->open_actions);
						e->open_actions[e->nopen++] = arena_printf(
						    e->arena, "%s：%s",
						    res->standard.s ? res->standard.s : "",
						    t ? t : "");
					}
				}
				nclosed += closed;
				char *fl = xasprintf(
				    "%s %s：%s", buf, res->standard.s ? res->standard.s : "",
				    res->finding.s ? res->finding.s
						   : result_word(res->result.v, e->zh));
				const char *fd =
				    closed ? (e->zh ? "整改已完成" : "corrected")
				    : res->nactions
					? (e->zh ? "整改未完成" : "correction open")
					: (e->zh ? "无整改措施" : "no corrective action");
				item_add(e, &fi, fl, fd, closed);
				free(fl);
			}
		}
		for (size_t i = 0; i < r->nimplementations; i++)
			for (size_t t = 0; t < r->implementations[i].ntrainings; t++) {
				const struct training *tr = &r->implementations[i].trainings[t];
				if (!in_period(e, &tr->date) || date_cmp(&tr->date, &e->as_of) > 0)
					continue;
				e->trainings++;
				e->participants += tr->participants.set ? tr->participants.v : 0;
			}
	}
	/* years ascending, for every format alike */
	for (size_t i = 1; i < e->nyears; i++)
		for (size_t j = i; j > 0 && e->years[j - 1].year > e->years[j].year; j--) {
			struct eval_year t = e->years[j];
			e->years[j] = e->years[j - 1];
			e->years[j - 1] = t;
		}
	index_set(e, EVAL_INSPECTIONS, num, p->nrecords ? period_years(e) : 0, &it);
	index_set(e, EVAL_RECTIFICATION, nclosed, nfind, &fi);
	if (!p->nrecords) {
		e->idx[EVAL_INSPECTIONS].missing = e->idx[EVAL_IMPLEMENTATION].missing;
		e->idx[EVAL_RECTIFICATION].missing = e->idx[EVAL_IMPLEMENTATION].missing;
	} else if (!nfind) {
		e->idx[EVAL_RECTIFICATION].missing =
		    e->zh ? "评价期间没有不符合项" : "no findings in the period";
	}
}

static void compute_review(struct eval *e, const struct project *p)
{
	const struct system *s = p->system;
	int cycle = s->review_cycle.v > 0 ? (int)s->review_cycle.v : 5;
	struct items it = { 0 };
	long num = 0, den = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (!r->number.ok || !system_is_own(s, &r->number.no) || !counts(p, e, r))
			continue;
		const struct date *since;
		bool reviewed;
		struct date due = row_review_due(r, cycle, &since, &reviewed);
		if (!since)
			continue;
		den++;
		bool ok = date_cmp(&due, &e->as_of) >= 0;
		num += ok;
		char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
		char *detail = xasprintf(
		    e->zh ? (reviewed ? "复审 %s，下次应于 %s" : "实施 %s，应于 %s 前复审")
			  : (reviewed ? "reviewed %s, next due %s"
				      : "in force since %s, review due %s"),
		    date_format(since, a), date_format(&due, b));
		item_add(e, &it, row_label(e, r), detail, ok);
		free(detail);
	}
	index_set(e, EVAL_REVIEW, num, den, &it);
}

static void compute_satisfaction(struct eval *e, const struct project *p,
				 const struct records **recs)
{
	struct items it = { 0 };
	const struct survey *latest = NULL, *prev = NULL;
	long n = 0;
	for (size_t k = 0; k < p->nrecords; k++)
		for (size_t i = 0; i < recs[k]->nsurveys; i++) {
			const struct survey *sv = &recs[k]->surveys[i];
			if (!sv->score_ok || !sv->date.y || date_cmp(&sv->date, &e->as_of) > 0)
				continue;
			/* the trend compares with the survey before, in or before the period */
			if (!latest || date_cmp(&sv->date, &latest->date) >= 0) {
				prev = latest;
				latest = sv;
			} else if (!prev || date_cmp(&sv->date, &prev->date) >= 0) {
				prev = sv;
			}
		}
	for (size_t k = 0; k < p->nrecords; k++)
		for (size_t i = 0; i < recs[k]->nsurveys; i++) {
			const struct survey *sv = &recs[k]->surveys[i];
			if (!sv->score_ok || !in_period(e, &sv->date) ||
			    date_cmp(&sv->date, &e->as_of) > 0)
				continue;
			n++;
			char buf[DATE_TEXT_SIZE];
			char *label = xasprintf("%s %s", date_format(&sv->date, buf),
						method_word(sv->method.v, e->zh));
			char *detail =
			    sv->sample.set
				? xasprintf(e->zh ? "样本 %ld，得分 %.1f"
						  : "sample %ld, score %.1f",
					    sv->sample.v, sv->score_v)
				: xasprintf(e->zh ? "得分 %.1f" : "score %.1f", sv->score_v);
			item_add(e, &it, label, detail, sv == latest);
			free(label);
			free(detail);
		}
	struct eval_index_value *v = &e->idx[EVAL_SATISFACTION];
	bool have = latest && in_period(e, &latest->date);
	index_set(e, EVAL_SATISFACTION, have ? 1 : 0, have ? 1 : 0, &it);
	(void)n;
	if (!have) {
		v->missing = e->zh ? "评价期间没有满意度调查" : "no survey in the period";
		return;
	}
	v->value = arena_printf(e->arena, "%.1f", latest->score_v);
	if (prev)
		v->trend = arena_printf(e->arena, "%+.1f", latest->score_v - prev->score_v);
}

static void plan_item(struct eval *e, struct items *it, long *num, long *den, const char *phase,
		      const struct text *title, const struct date *due, const struct date *done)
{
	bool is_done = done->y && date_cmp(done, &e->as_of) <= 0;
	bool is_due = due->y && date_cmp(due, &e->as_of) <= 0;
	if (!is_done && !is_due)
		return;
	(*den)++;
	*num += is_done;
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	char *label = phase ? xasprintf("%s / %s", phase, title->s ? title->s : "")
			    : xstrdup(title->s ? title->s : "");
	char *detail = is_done ? xasprintf(e->zh ? "计划 %s，完成 %s" : "due %s, done %s",
					   due->y ? date_format(due, a) : "—", date_format(done, b))
			       : xasprintf(e->zh ? "计划 %s，未完成" : "due %s, not done",
					   date_format(due, a));
	item_add(e, it, label, detail, is_done);
	free(label);
	free(detail);
}

static void compute_plan(struct eval *e, const struct project *p, const struct records **recs)
{
	struct items it = { 0 };
	long num = 0, den = 0;
	bool any = false;
	for (size_t k = 0; k < p->nrecords; k++)
		for (size_t i = 0; i < recs[k]->nphases; i++) {
			const struct plan_phase *ph = &recs[k]->phases[i];
			any = true;
			if (!ph->nmilestones)
				plan_item(e, &it, &num, &den, NULL, &ph->title, &ph->due,
					  &ph->done);
			for (size_t m = 0; m < ph->nmilestones; m++)
				plan_item(e, &it, &num, &den, ph->title.s, &ph->milestones[m].title,
					  &ph->milestones[m].due, &ph->milestones[m].done);
		}
	index_set(e, EVAL_PLAN, num, den, &it);
	if (!any)
		e->idx[EVAL_PLAN].missing =
		    e->zh ? "记录中没有工作计划（plan）" : "the records hold no work plan";
}

struct eval *eval_new(const struct project *p, const struct date *as_of, bool zh)
{
	if (!p->system)
		return NULL;
	struct eval *e = xcalloc(1, sizeof *e);
	e->arena = arena_new();
	e->system = p->system;
	e->zh = zh;
	if (as_of && as_of->y)
		e->as_of = *as_of;
	else if (p->system->date.y)
		e->as_of = p->system->date;
	else
		date_today(&e->as_of);
	if (p->rcfg.period_from.y) {
		e->from = p->rcfg.period_from;
		e->to = p->rcfg.period_to;
	} else {
		e->from = (struct date){ e->as_of.y, 1, 1, { 0, 0 } };
		e->to = (struct date){ e->as_of.y, 12, 31, { 0, 0 } };
	}
	/* nothing after the as-of date has happened yet */
	if (date_cmp(&e->to, &e->as_of) > 0)
		e->to = e->as_of;
	const char *t = p->system->title.s ? p->system->title.s : "";
	e->title = zh ? arena_printf(e->arena, "%s标准化试点自我评价报告", t)
		      : arena_printf(e->arena,
				     "Self-evaluation report of the standardisation pilot: %s", t);
	e->nsections = sizeof section_defs / sizeof section_defs[0];
	struct eval_section *secs = arena_alloc(e->arena, e->nsections * sizeof *secs);
	for (size_t i = 0; i < e->nsections; i++)
		secs[i] = (struct eval_section){
			zh ? section_defs[i].num_zh : section_defs[i].num_en,
			zh ? section_defs[i].title_zh : section_defs[i].title_en,
			section_defs[i].level,
			section_defs[i].indexes,
			zh ? section_defs[i].write_zh : section_defs[i].write_en,
			section_defs[i].open_actions,
		};
	e->sections = secs;
	e->nrecords = p->nrecords;
	for (int i = 0; i < EVAL__COUNT; i++) {
		struct eval_index_value *v = &e->idx[i];
		v->id = (enum eval_index)i;
		v->key = index_defs[i].key;
		v->name = zh ? index_defs[i].zh : index_defs[i].en;
		v->formula = zh ? index_defs[i].formula_zh : index_defs[i].formula_en;
		v->unit = index_defs[i].unit;
	}
	const struct records **recs = xcalloc(p->nrecords + 1, sizeof *recs);
	for (size_t k = 0; k < p->nrecords; k++)
		recs[k] = p->records[k]->model;
	struct records_index ix;
	records_index_init(&ix, p->system);
	compute_coverage(e, p);
	compute_implementation(e, p, &ix, recs);
	compute_inspections(e, p, recs);
	compute_review(e, p);
	compute_satisfaction(e, p, recs);
	compute_plan(e, p, recs);
	records_index_release(&ix);
	free(recs);
	for (int i = 0; i < EVAL__COUNT; i++) {
		struct eval_index_value *v = &e->idx[i];
		if (!v->computed && !v->missing)
			v->missing = zh ? "没有可计数的对象" : "nothing to count";
		if (!v->computed)
			v->value = eval_word(e, "not-computed");
	}
	return e;
}

void eval_free(struct eval *e)
{
	if (!e)
		return;
	arena_free(e->arena);
	free(e->years);
	free(e->open_actions);
	free(e);
}
