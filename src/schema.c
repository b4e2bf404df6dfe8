/* SPDX-License-Identifier: MIT */
/* schema: the record tables of model.md, the enumerations with their Chinese synonyms, and the
 * did-you-mean helpers over them. This file is the format's single source of truth. */
#include "schema.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "strbuf.h"
#include "suggest.h"
#include "utf8.h"

#define COUNT(a)	       (sizeof(a) / sizeof((a)[0]))
#define ENUM_DEF(var, nm, arr) const struct enum_def var = { nm, arr, COUNT(arr) }

/* ---- enumerations: English words first (the canonical output word), then synonyms ---- */

static const struct enum_word level_words[] = {
	{ LEVEL_NATIONAL, "national", false },
	{ LEVEL_SECTOR, "sector", false },
	{ LEVEL_LOCAL, "local", false },
	{ LEVEL_GROUP, "group", false },
	{ LEVEL_ENTERPRISE, "enterprise", false },
	{ LEVEL_NATIONAL, "国家", true },
	{ LEVEL_SECTOR, "行业", true },
	{ LEVEL_LOCAL, "地方", true },
	{ LEVEL_GROUP, "团体", true },
	{ LEVEL_ENTERPRISE, "企业", true },
	{ LEVEL_NATIONAL, "国家标准", true },
	{ LEVEL_SECTOR, "行业标准", true },
	{ LEVEL_LOCAL, "地方标准", true },
	{ LEVEL_GROUP, "团体标准", true },
	{ LEVEL_ENTERPRISE, "企业标准", true },
	{ LEVEL_NATIONAL, "国标", true },
	{ LEVEL_SECTOR, "行标", true },
	{ LEVEL_LOCAL, "地标", true },
	{ LEVEL_GROUP, "团标", true },
	{ LEVEL_ENTERPRISE, "企标", true },
};
ENUM_DEF(schema_enum_level, "level", level_words);

static const struct enum_word type_words[] = {
	{ TYPE_BASIC, "basic", false },	    { TYPE_METHOD, "method", false },
	{ TYPE_PRODUCT, "product", false }, { TYPE_PROCESS, "process", false },
	{ TYPE_SERVICE, "service", false }, { TYPE_MANAGEMENT, "management", false },
	{ TYPE_POST, "post", false },	    { TYPE_OTHER, "other", false },
	{ TYPE_BASIC, "基础", true },	    { TYPE_METHOD, "方法", true },
	{ TYPE_PRODUCT, "产品", true },	    { TYPE_PROCESS, "过程", true },
	{ TYPE_SERVICE, "服务", true },	    { TYPE_MANAGEMENT, "管理", true },
	{ TYPE_POST, "岗位", true },	    { TYPE_OTHER, "其他", true },
};
ENUM_DEF(schema_enum_type, "type", type_words);

static const struct enum_word status_words[] = {
	{ STATUS_PLANNED, "planned", false },	{ STATUS_DRAFTING, "drafting", false },
	{ STATUS_UPCOMING, "upcoming", false }, { STATUS_CURRENT, "current", false },
	{ STATUS_REPLACED, "replaced", false }, { STATUS_ABOLISHED, "abolished", false },
	{ STATUS_PLANNED, "拟制定", true },	{ STATUS_DRAFTING, "制定中", true },
	{ STATUS_UPCOMING, "即将实施", true },	{ STATUS_CURRENT, "现行", true },
	{ STATUS_REPLACED, "被代替", true },	{ STATUS_ABOLISHED, "废止", true },
	{ STATUS_ABOLISHED, "作废", true },
};
ENUM_DEF(schema_enum_status, "status", status_words);

static const struct enum_word action_words[] = {
	{ ACTION_ESTABLISH, "establish", false }, { ACTION_REVISE, "revise", false },
	{ ACTION_ABOLISH, "abolish", false },	  { ACTION_ESTABLISH, "拟制定", true },
	{ ACTION_REVISE, "拟修订", true },	  { ACTION_ABOLISH, "拟废止", true },
	{ ACTION_ESTABLISH, "制定", true },	  { ACTION_REVISE, "修订", true },
	{ ACTION_ABOLISH, "废止", true },
};
ENUM_DEF(schema_enum_action, "action", action_words);

static const struct enum_word degree_words[] = {
	{ DEGREE_IDT, "IDT", false },	  { DEGREE_MOD, "MOD", false },
	{ DEGREE_NEQ, "NEQ", false },	  { DEGREE_IDT, "等同采用", true },
	{ DEGREE_MOD, "修改采用", true }, { DEGREE_NEQ, "非等效", true },
};
ENUM_DEF(schema_enum_degree, "degree", degree_words);

static const struct enum_word outcome_words[] = {
	{ OUTCOME_CONTINUE, "continue", false }, { OUTCOME_REVISE, "revise", false },
	{ OUTCOME_ABOLISH, "abolish", false },	 { OUTCOME_CONTINUE, "继续有效", true },
	{ OUTCOME_REVISE, "修订", true },	 { OUTCOME_ABOLISH, "废止", true },
};
ENUM_DEF(schema_enum_outcome, "outcome", outcome_words);

static const struct enum_word annex_kind_words[] = {
	{ ANNEX_NORMATIVE, "normative", false },
	{ ANNEX_INFORMATIVE, "informative", false },
	{ ANNEX_NORMATIVE, "规范性", true },
	{ ANNEX_INFORMATIVE, "资料性", true },
};
ENUM_DEF(schema_enum_annex_kind, "annex kind", annex_kind_words);

static const struct enum_word clause_kind_words[] = {
	{ CLAUSE_SCOPE, "scope", false },     { CLAUSE_REFERENCES, "references", false },
	{ CLAUSE_TERMS, "terms", false },     { CLAUSE_SYMBOLS, "symbols", false },
	{ CLAUSE_SCOPE, "范围", true },	      { CLAUSE_REFERENCES, "规范性引用文件", true },
	{ CLAUSE_TERMS, "术语和定义", true }, { CLAUSE_SYMBOLS, "符号和缩略语", true },
};
ENUM_DEF(schema_enum_clause_kind, "clause kind", clause_kind_words);

static const struct enum_word list_style_words[] = {
	{ LIST_LETTER, "letter", false }, { LIST_NUMBER, "number", false },
	{ LIST_DASH, "dash", false },	  { LIST_DOT, "dot", false },
	{ LIST_LETTER, "字母", true },	  { LIST_NUMBER, "数字", true },
	{ LIST_DASH, "破折号", true },	  { LIST_DOT, "间隔号", true },
};
ENUM_DEF(schema_enum_list_style, "list style", list_style_words);

static const struct enum_word change_kind_words[] = {
	{ CHANGE_ADDED, "added", false },     { CHANGE_CHANGED, "changed", false },
	{ CHANGE_DELETED, "deleted", false }, { CHANGE_ADDED, "增加", true },
	{ CHANGE_CHANGED, "更改", true },     { CHANGE_DELETED, "删除", true },
};
ENUM_DEF(schema_enum_change_kind, "change kind", change_kind_words);

static const struct enum_word result_words[] = {
	{ RESULT_CONFORM, "conform", false },	    { RESULT_PARTIAL, "partial", false },
	{ RESULT_NONCONFORM, "nonconform", false }, { RESULT_CONFORM, "符合", true },
	{ RESULT_PARTIAL, "基本符合", true },	    { RESULT_NONCONFORM, "不符合", true },
};
ENUM_DEF(schema_enum_result, "inspection result", result_words);

static const struct enum_word method_words[] = {
	{ METHOD_QUESTIONNAIRE, "questionnaire", false },
	{ METHOD_PHONE, "phone", false },
	{ METHOD_FORUM, "forum", false },
	{ METHOD_OTHER, "other", false },
	{ METHOD_QUESTIONNAIRE, "问卷", true },
	{ METHOD_QUESTIONNAIRE, "问卷调查", true },
	{ METHOD_PHONE, "电话回访", true },
	{ METHOD_FORUM, "座谈", true },
	{ METHOD_FORUM, "座谈会", true },
	{ METHOD_OTHER, "其他", true },
};
ENUM_DEF(schema_enum_method, "survey method", method_words);

/* ---- records ---- */

#define S(st, k, m, fl, d)                                                                         \
	{                                                                                          \
		k, FT_STR, fl, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d                \
	}
#define N(st, k, m, fl, d)                                                                         \
	{                                                                                          \
		k, FT_NUM, fl, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d                \
	}
#define D(st, k, m, fl, d)                                                                         \
	{                                                                                          \
		k, FT_DATE, fl, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d               \
	}
#define I(st, k, m, fl, d)                                                                         \
	{                                                                                          \
		k, FT_INT, fl, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d                \
	}
#define B(st, k, m, fl, d)                                                                         \
	{                                                                                          \
		k, FT_BOOL, fl, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d               \
	}
#define E(st, k, m, fl, e, d)                                                                      \
	{                                                                                          \
		k, FT_ENUM, fl, offsetof(struct st, m), 0, NULL, &e, NULL, NULL, d                 \
	}
#define SL(st, k, m, fl, d)                                                                        \
	{                                                                                          \
		k, FT_STRLIST, fl, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d            \
	}
#define NL(st, k, m, fl, d)                                                                        \
	{                                                                                          \
		k, FT_NUMLIST, fl, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d            \
	}
#define R(st, k, m, fl, rd, el, d)                                                                 \
	{                                                                                          \
		k, FT_REC, fl, offsetof(struct st, m), 0, &rd, NULL, el, NULL, d                   \
	}
#define RL(st, k, m, cnt, fl, rd, el, wrap, d)                                                     \
	{                                                                                          \
		k, FT_RECLIST, fl, offsetof(struct st, m), offsetof(struct st, cnt), &rd, NULL,    \
		    el, wrap, d                                                                    \
	}
#define BODY(st, k, m, d)                                                                          \
	{                                                                                          \
		k, FT_BODY, 0, offsetof(struct st, m), 0, NULL, NULL, NULL, NULL, d                \
	}
#define REC(var, st, nm, arr, d)                                                                   \
	const struct rec_def var = { nm, sizeof(struct st), arr, COUNT(arr), d }

extern const struct rec_def schema_category_rec, schema_row_rec, schema_adoption_rec,
    schema_amendment_rec, schema_interpretation_rec, schema_review_rec, schema_system_rec,
    schema_standard_rec, schema_foreword_rec, schema_change_rec, schema_intro_rec,
    schema_clause_rec, schema_refentry_rec, schema_term_rec, schema_annex_rec, schema_registry_rec,
    schema_edition_rec, schema_records_rec;

static const struct field category_fields[] = {
	S(category, "code", code, F_REQUIRED | F_NONEMPTY,
	  "category code shown in the structure chart"),
	S(category, "title", title, F_REQUIRED | F_NONEMPTY, "category name"),
	B(category, "vacant", vacant, 0, "a leaf knowingly without rows (空缺/待制定)"),
	RL(category, "categories", children, nchildren, 0, schema_category_rec, "category", NULL,
	   "sub-categories"),
};
REC(schema_category_rec, category, "category", category_fields, "a box of the structure chart");

static const struct field adoption_fields[] = {
	S(adoption, "standard", standard, F_REQUIRED | F_NONEMPTY,
	  "international or foreign document"),
	E(adoption, "degree", degree, F_REQUIRED, schema_enum_degree, "degree of correspondence"),
};
REC(schema_adoption_rec, adoption, "adopts", adoption_fields,
    "adoption of an international document");

static const struct field amendment_fields[] = {
	S(amendment, "id", id, F_REQUIRED | F_NONEMPTY, "amendment id: XG1, XG2, …"),
	D(amendment, "published", published, F_REQUIRED, "publication date"),
	D(amendment, "effective", effective, 0, "effective date"),
	S(amendment, "summary", summary, F_REQUIRED | F_NONEMPTY, "what it changes"),
};
REC(schema_amendment_rec, amendment, "amendment", amendment_fields, "修改单");

static const struct field interpretation_fields[] = {
	S(interpretation, "id", id, F_REQUIRED | F_NONEMPTY, "interpretation id"),
	D(interpretation, "issued", issued, F_REQUIRED, "date issued"),
	S(interpretation, "by", by, 0, "issuing body"),
	SL(interpretation, "clauses", clauses, 0, "clauses interpreted"),
	S(interpretation, "summary", summary, F_REQUIRED | F_NONEMPTY, "what it clarifies"),
};
REC(schema_interpretation_rec, interpretation, "interpretation", interpretation_fields, "解释");

static const struct field review_fields[] = {
	D(review, "date", date, F_REQUIRED, "review date"),
	E(review, "outcome", outcome, F_REQUIRED, schema_enum_outcome, "review conclusion"),
};
REC(schema_review_rec, review, "review", review_fields, "复审");

static const struct field row_fields[] = {
	S(row, "code", code, F_REQUIRED | F_NONEMPTY, "体系表编号"),
	S(row, "key", key, F_NONEMPTY, "stable identity across revisions"),
	N(row, "number", number, 0, "标准编号"),
	S(row, "title", title, F_REQUIRED | F_NONEMPTY, "标准名称"),
	S(row, "title-en", title_en, F_NONEMPTY, "English title"),
	E(row, "level", level, 0, schema_enum_level, "宜定级别"),
	E(row, "type", type, 0, schema_enum_type, "标准类别"),
	E(row, "status", status, 0, schema_enum_status, "状态"),
	E(row, "action", action, 0, schema_enum_action, "planned action this cycle"),
	D(row, "published", published, 0, "发布日期"),
	D(row, "effective", effective, 0, "实施日期"),
	D(row, "withdrawn", withdrawn, 0, "废止/被代替日期"),
	NL(row, "replaces", replaces, 0, "editions this one replaces"),
	NL(row, "replaced-by", replaced_by, 0, "editions replacing this one"),
	R(row, "adopts", adopts, 0, schema_adoption_rec, "adopts",
	  "international document adopted"),
	NL(row, "refs", refs, 0, "normative references"),
	RL(row, "amendments", amendments, namendments, 0, schema_amendment_rec, "amendment", NULL,
	   "修改单"),
	RL(row, "interpretations", interpretations, ninterpretations, 0, schema_interpretation_rec,
	   "interpretation", NULL, "解释"),
	RL(row, "reviews", reviews, nreviews, 0, schema_review_rec, "review", NULL, "复审"),
	S(row, "document", document, F_NONEMPTY, "path of the full text (a standard file)"),
	S(row, "note", note, 0, "备注"),
};
REC(schema_row_rec, row, "row", row_fields, "a row of the detail table");

static const struct field system_fields[] = {
	I(system, "format", format, 0, "format version (1)"),
	S(system, "id", id, F_REQUIRED | F_NONEMPTY, "stable slug"),
	S(system, "title", title, F_REQUIRED | F_NONEMPTY, "title of the system"),
	S(system, "owner", owner, F_NONEMPTY, "organisation maintaining the system"),
	S(system, "edition", edition, 0, "edition of the table"),
	D(system, "date", date, 0, "as-of date for statuses"),
	S(system, "code-format", code_format, F_NONEMPTY, "how a 体系表编号 is formed"),
	I(system, "review-cycle", review_cycle, 0, "years between reviews (default 5)"),
	SL(system, "own-prefixes", own_prefixes, 0, "number prefixes the owner issues"),
	SL(system, "registry", registry, 0, "registry files"),
	SL(system, "records", records, 0,
	   "records files: implementation, inspections, surveys, plan"),
	RL(system, "categories", categories, ncategories, F_REQUIRED, schema_category_rec,
	   "category", NULL, "the structure chart"),
	RL(system, "standards", rows, nrows, F_REQUIRED, schema_row_rec, "row", NULL,
	   "the detail table"),
};
REC(schema_system_rec, system, "system", system_fields, "a standard system (标准体系)");

/* standard */

static const struct field list_item_fields[] = {
	S(list_item, "text", text, F_REQUIRED, "item text (its first paragraph)"),
	{ "paras", FT_STRLIST, 0, offsetof(struct list_item, paras), 0, NULL, NULL, "para", NULL,
	  "further paragraphs of the item" },
	{ "list", FT_LIST, 0, offsetof(struct list_item, sub), 0, &schema_list_rec, NULL, "list",
	  NULL, "nested list" },
};
REC(schema_list_item_rec, list_item, "item", list_item_fields, "list item");

static const struct field list_fields[] = {
	E(list, "style", style, F_REQUIRED, schema_enum_list_style, "marker style"),
	RL(list, "items", items, nitems, F_REQUIRED, schema_list_item_rec, "item", NULL, "items"),
};
REC(schema_list_rec, list, "list", list_fields, "列项");

static const struct field cell_fields[] = {
	S(cell, "text", text, 0, "cell text"),
	I(cell, "colspan", colspan, 0, "grid columns the cell covers (1)"),
	I(cell, "rowspan", rowspan, 0, "grid rows the cell covers (1)"),
	{ "marks", FT_STRLIST, 0, offsetof(struct cell, marks), 0, NULL, NULL, "mark", NULL,
	  "letters of the table footnotes the cell cites" },
};
REC(schema_cell_rec, cell, "cell", cell_fields, "a table cell that spans or cites a footnote");

static const struct field footnote_fields[] = {
	S(footnote, "mark", mark, F_REQUIRED | F_NONEMPTY, "footnote letter: a, b, c …"),
	S(footnote, "text", text, F_REQUIRED | F_NONEMPTY, "footnote text"),
};
REC(schema_footnote_rec, footnote, "footnote", footnote_fields, "a table footnote");

static const struct field table_fields[] = {
	S(block, "num", num, F_REQUIRED | F_NONEMPTY, "table number as typed"),
	S(block, "title", title, 0, "table title"),
	B(block, "continued", continued, 0,
	  "the continuation of the table of the same number (表N（续）)"),
	{ "head", FT_CELLROWS, 0, offsetof(struct block, head), 0, &schema_cell_rec, NULL, "row",
	  "head", "header rows" },
	{ "rows", FT_CELLROWS, 0, offsetof(struct block, rows), 0, &schema_cell_rec, NULL, "row",
	  NULL, "body rows" },
	SL(block, "notes", notes, 0, "table notes"),
	RL(block, "footnotes", footnotes, nfootnotes, 0, schema_footnote_rec, "footnote", NULL,
	   "lettered table footnotes"),
};
REC(schema_table_rec, block, "table", table_fields, "表");

static const struct field figure_fields[] = {
	S(block, "num", num, F_REQUIRED | F_NONEMPTY, "figure number as typed"),
	S(block, "title", title, 0, "figure title"),
	S(block, "src", src, 0, "image file"),
};
REC(schema_figure_rec, block, "figure", figure_fields, "图");

static const struct field formula_fields[] = {
	S(block, "num", num, F_REQUIRED | F_NONEMPTY, "formula number as typed"),
	S(block, "text", text, F_REQUIRED, "the formula"),
};
REC(schema_formula_rec, block, "formula", formula_fields, "公式");

const struct block_def schema_blocks[] = {
	{ "p", BLOCK_P, NULL },
	{ "list", BLOCK_LIST, &schema_list_rec },
	{ "table", BLOCK_TABLE, &schema_table_rec },
	{ "figure", BLOCK_FIGURE, &schema_figure_rec },
	{ "formula", BLOCK_FORMULA, &schema_formula_rec },
	{ "note", BLOCK_NOTE, NULL },
	{ "example", BLOCK_EXAMPLE, NULL },
};
const size_t schema_nblocks = COUNT(schema_blocks);

static const struct field refentry_fields[] = {
	N(refentry, "number", number, 0,
	  "standard number; absent for a document that is not a standard"),
	S(refentry, "title", title, 0, "document title (required without a number)"),
	S(refentry, "doc-number", doc_number, F_NONEMPTY,
	  "文号 of a document that is not a standard"),
};
REC(schema_refentry_rec, refentry, "ref", refentry_fields, "a referenced document");

static const struct field term_fields[] = {
	S(term, "num", num, F_REQUIRED | F_NONEMPTY, "entry number"),
	S(term, "term", term, F_REQUIRED | F_NONEMPTY, "the term"),
	S(term, "en", en, 0, "English equivalent"),
	S(term, "definition", definition, F_REQUIRED | F_NONEMPTY, "definition"),
	S(term, "source", source, 0, "source (来源)"),
	SL(term, "notes", notes, 0, "notes to entry"),
};
REC(schema_term_rec, term, "term", term_fields, "term entry");

static const struct field clause_fields[] = {
	S(clause, "num", num, F_REQUIRED | F_NONEMPTY, "number as typed"),
	S(clause, "title", title, 0, "title"),
	S(clause, "id", id, F_NONEMPTY, "stable id across editions"),
	E(clause, "kind", kind, 0, schema_enum_clause_kind, "special chapter kind"),
	BODY(clause, "body", body, "paragraphs and blocks"),
	RL(clause, "references", references, nreferences, 0, schema_refentry_rec, "ref",
	   "references", "normative references"),
	RL(clause, "terms", terms, nterms, 0, schema_term_rec, "term", "terms", "term entries"),
	RL(clause, "clauses", clauses, nclauses, 0, schema_clause_rec, "clause", NULL,
	   "sub-clauses"),
};
REC(schema_clause_rec, clause, "clause", clause_fields, "a chapter or 条");

static const struct field change_fields[] = {
	E(change, "kind", kind, F_REQUIRED, schema_enum_change_kind, "added, changed or deleted"),
	S(change, "text", text, F_REQUIRED | F_NONEMPTY, "the change as worded"),
	SL(change, "new", new_, 0, "positions in this edition"),
	SL(change, "old", old, 0, "positions in the replaced edition"),
};
REC(schema_change_rec, change, "change", change_fields, "a main technical change");

static const struct field foreword_fields[] = {
	BODY(foreword, "body", body, "foreword paragraphs"),
	RL(foreword, "changes", changes, nchanges, 0, schema_change_rec, "change", NULL,
	   "主要技术变化"),
};
REC(schema_foreword_rec, foreword, "foreword", foreword_fields, "前言");

static const struct field intro_fields[] = {
	BODY(introduction, "body", body, "introduction paragraphs"),
	RL(introduction, "clauses", clauses, nclauses, 0, schema_clause_rec, "clause", NULL,
	   "条 0.1, 0.2, …"),
};
REC(schema_intro_rec, introduction, "introduction", intro_fields, "引言");

static const struct field annex_fields[] = {
	S(annex, "num", num, F_REQUIRED | F_NONEMPTY, "annex letter"),
	E(annex, "kind", kind, 0, schema_enum_annex_kind, "normative or informative"),
	S(annex, "title", title, F_REQUIRED | F_NONEMPTY, "annex title"),
	BODY(annex, "body", body, "text before the annex clauses"),
	RL(annex, "clauses", clauses, nclauses, 0, schema_clause_rec, "clause", NULL,
	   "annex clauses"),
};
REC(schema_annex_rec, annex, "annex", annex_fields, "附录");

static const struct field standard_fields[] = {
	I(standard, "format", format, 0, "format version (1)"),
	N(standard, "number", number, 0, "标准编号"),
	S(standard, "title", title, F_REQUIRED | F_NONEMPTY, "标准名称"),
	S(standard, "title-en", title_en, F_NONEMPTY, "English title"),
	S(standard, "ics", ics, 0, "ICS"),
	S(standard, "ccs", ccs, 0, "CCS"),
	S(standard, "issuer", issuer, 0, "发布机构"),
	D(standard, "published", published, 0, "发布日期"),
	D(standard, "effective", effective, 0, "实施日期"),
	NL(standard, "replaces", replaces, 0, "editions replaced"),
	R(standard, "adopts", adopts, 0, schema_adoption_rec, "adopts",
	  "international document adopted"),
	S(standard, "drafting-rules", drafting_rules, 0, "drafting rules followed"),
	R(standard, "foreword", foreword, 0, schema_foreword_rec, "foreword", "前言"),
	R(standard, "introduction", introduction, 0, schema_intro_rec, "introduction", "引言"),
	RL(standard, "clauses", clauses, nclauses, F_REQUIRED, schema_clause_rec, "clause", NULL,
	   "chapters"),
	RL(standard, "annexes", annexes, nannexes, 0, schema_annex_rec, "annex", NULL, "附录"),
	RL(standard, "bibliography", bibliography, nbibliography, 0, schema_refentry_rec, "ref",
	   "bibliography", "参考文献"),
};
REC(schema_standard_rec, standard, "standard", standard_fields, "a standard document (标准文本)");

/* registry */

static const struct field edition_fields[] = {
	N(edition, "number", number, F_REQUIRED, "标准编号"),
	S(edition, "title", title, 0, "标准名称"),
	E(edition, "status", status, 0, schema_enum_status, "状态"),
	D(edition, "published", published, 0, "发布日期"),
	D(edition, "effective", effective, 0, "实施日期"),
	D(edition, "withdrawn", withdrawn, 0, "废止日期"),
	NL(edition, "replaces", replaces, 0, "editions replaced"),
	NL(edition, "replaced-by", replaced_by, 0, "replacing editions"),
};
REC(schema_edition_rec, edition, "edition", edition_fields, "an edition's status");

static const struct field registry_fields[] = {
	I(registry, "format", format, 0, "format version (1)"),
	S(registry, "source", source, 0, "where the snapshot came from"),
	D(registry, "date", date, 0, "snapshot date"),
	RL(registry, "editions", editions, neditions, F_REQUIRED, schema_edition_rec, "edition",
	   NULL, "editions"),
};
REC(schema_registry_rec, registry, "registry", registry_fields, "a status snapshot (标准状态清单)");

/* records */

static const struct field training_fields[] = {
	D(training, "date", date, F_REQUIRED, "date of the session"),
	I(training, "participants", participants, 0, "number of participants"),
	S(training, "topic", topic, 0, "what was taught"),
};
REC(schema_training_rec, training, "training", training_fields, "宣贯培训");

static const struct field implementation_fields[] = {
	{ "standards", FT_STRLIST, F_REQUIRED, offsetof(struct implementation, standards), 0, NULL,
	  NULL, "standard", NULL,
	  "standards implemented: number, 体系表编号 or key; a category code stands for every "
	  "standard under it" },
	D(implementation, "start", start, 0, "start of implementation"),
	S(implementation, "unit", unit, 0, "responsible unit (责任部门)"),
	SL(implementation, "evidence", evidence, 0, "evidence kept (记录、台账、照片)"),
	RL(implementation, "trainings", trainings, ntrainings, 0, schema_training_rec, "training",
	   NULL, "宣贯培训"),
};
REC(schema_implementation_rec, implementation, "implementation", implementation_fields, "实施记录");

static const struct field action_fields[] = {
	S(corrective_action, "text", text, F_REQUIRED | F_NONEMPTY, "the corrective action"),
	D(corrective_action, "opened", opened, 0, "date opened (default: the inspection's date)"),
	D(corrective_action, "deadline", deadline, 0, "整改期限"),
	D(corrective_action, "closed", closed, 0, "date closed (整改完成)"),
};
REC(schema_action_rec, corrective_action, "action", action_fields, "整改措施");

static const struct field result_fields[] = {
	S(inspection_item, "standard", standard, F_REQUIRED | F_NONEMPTY,
	  "the standard: number, 体系表编号 or key"),
	E(inspection_item, "result", result, F_REQUIRED, schema_enum_result,
	  "符合, 基本符合 or 不符合"),
	S(inspection_item, "finding", finding, 0, "what was found"),
	RL(inspection_item, "actions", actions, nactions, 0, schema_action_rec, "action", NULL,
	   "corrective actions"),
};
REC(schema_result_rec, inspection_item, "result", result_fields, "the result for one standard");

static const struct field inspection_fields[] = {
	D(inspection, "date", date, F_REQUIRED, "date of the inspection"),
	S(inspection, "title", title, 0, "name of the inspection"),
	SL(inspection, "scope", scope, 0,
	   "standards or categories inspected (number, 体系表编号, key or category code)"),
	{ "inspectors", FT_STRLIST, 0, offsetof(struct inspection, inspectors), 0, NULL, NULL,
	  "inspector", NULL, "检查人员" },
	RL(inspection, "results", results, nresults, 0, schema_result_rec, "result", NULL,
	   "per-standard results"),
};
REC(schema_inspection_rec, inspection, "inspection", inspection_fields, "监督检查");

static const struct field survey_fields[] = {
	D(survey, "date", date, F_REQUIRED, "date of the survey"),
	E(survey, "method", method, F_REQUIRED, schema_enum_method,
	  "问卷, 电话回访, 座谈 or other"),
	I(survey, "sample", sample, 0, "sample size (样本量)"),
	S(survey, "score", score, F_REQUIRED | F_NONEMPTY,
	  "satisfaction, 0–100 (a rate: 96.5 or 96.5%)"),
	S(survey, "note", note, 0, "备注"),
};
REC(schema_survey_rec, survey, "survey", survey_fields, "满意度调查");

static const struct field milestone_fields[] = {
	S(milestone, "title", title, F_REQUIRED | F_NONEMPTY, "the milestone"),
	D(milestone, "due", due, 0, "due date"),
	D(milestone, "done", done, 0, "date done"),
};
REC(schema_milestone_rec, milestone, "milestone", milestone_fields, "里程碑");

static const struct field phase_fields[] = {
	S(plan_phase, "title", title, F_REQUIRED | F_NONEMPTY, "the phase: 启动, 调研与起草 …"),
	D(plan_phase, "start", start, 0, "start date"),
	D(plan_phase, "due", due, 0, "due date"),
	D(plan_phase, "done", done, 0, "date done"),
	RL(plan_phase, "milestones", milestones, nmilestones, 0, schema_milestone_rec, "milestone",
	   NULL, "milestones of the phase"),
};
REC(schema_phase_rec, plan_phase, "phase", phase_fields, "工作计划的阶段");

static const struct field records_fields[] = {
	I(records, "format", format, 0, "format version (1)"),
	S(records, "title", title, 0, "what the file records (e.g. 2023年度标准实施记录)"),
	RL(records, "implementations", implementations, nimplementations, 0,
	   schema_implementation_rec, "implementation", NULL, "实施记录"),
	RL(records, "inspections", inspections, ninspections, 0, schema_inspection_rec,
	   "inspection", NULL, "监督检查"),
	RL(records, "surveys", surveys, nsurveys, 0, schema_survey_rec, "survey", NULL,
	   "满意度调查"),
	RL(records, "plan", phases, nphases, 0, schema_phase_rec, "phase", NULL, "工作计划"),
};
REC(schema_records_rec, records, "records", records_fields,
    "implementation, inspection and survey records, the work plan (实施与评价记录)");

const struct rec_def *schema_root(enum doc_kind k)
{
	switch (k) {
	case DOC_SYSTEM:
		return &schema_system_rec;
	case DOC_STANDARD:
		return &schema_standard_rec;
	case DOC_REGISTRY:
		return &schema_registry_rec;
	case DOC_RECORDS:
		return &schema_records_rec;
	default:
		return NULL;
	}
}

const struct field *schema_field(const struct rec_def *r, const char *key)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			return &r->fields[i];
	return NULL;
}

const char *schema_elem(const struct field *f)
{
	return f->xml ? f->xml : f->key;
}

const struct field *schema_field_by_elem(const struct rec_def *r, const char *elem, bool *is_wrap)
{
	for (size_t i = 0; i < r->nfields; i++) {
		const struct field *f = &r->fields[i];
		if (f->xml_wrap && strcmp(f->xml_wrap, elem) == 0) {
			if (is_wrap)
				*is_wrap = true;
			return f;
		}
		bool element = f->type == FT_STRLIST || f->type == FT_NUMLIST ||
			       f->type == FT_REC || f->type == FT_LIST ||
			       ((f->type == FT_RECLIST || f->type == FT_CELLROWS) && !f->xml_wrap);
		if (element && strcmp(schema_elem(f), elem) == 0) {
			if (is_wrap)
				*is_wrap = false;
			return f;
		}
	}
	return NULL;
}

const char *schema_suggest_xml(const struct rec_def *r, const char *name)
{
	/* in XML a list is spelled by its element (row, category, ref), a scalar by its key */
	const char *cands[96];
	size_t n = 0;
	for (size_t i = 0; i < r->nfields && n < 92; i++) {
		const struct field *f = &r->fields[i];
		if (f->type == FT_BODY) {
			for (size_t b = 0; b < COUNT(schema_blocks) && n < 92; b++)
				cands[n++] = schema_blocks[b].key;
			continue;
		}
		cands[n++] = f->xml_wrap	     ? f->xml_wrap
			     : f->type >= FT_STRLIST ? schema_elem(f)
						     : f->key;
	}
	cands[n] = NULL;
	return did_you_mean(name, cands);
}

const struct block_def *schema_block(const char *key)
{
	for (size_t i = 0; i < COUNT(schema_blocks); i++)
		if (!strcmp(schema_blocks[i].key, key))
			return &schema_blocks[i];
	return NULL;
}

const char *schema_suggest_block(const char *name, bool xml)
{
	const char *cands[COUNT(schema_blocks) + 1];
	size_t n = 0;
	for (size_t i = 0; i < COUNT(schema_blocks); i++)
		if (xml || schema_blocks[i].kind != BLOCK_P)
			cands[n++] = schema_blocks[i].key;
	cands[n] = NULL;
	return did_you_mean(name, cands);
}

const char *schema_suggest(const struct rec_def *r, const char *key)
{
	const char *cands[64];
	size_t n = 0;
	for (size_t i = 0; i < r->nfields && n < 63; i++)
		cands[n++] = r->fields[i].key;
	cands[n] = NULL;
	return did_you_mean(key, cands);
}

int schema_enum_value(const struct enum_def *e, const char *word)
{
	for (size_t i = 0; i < e->n; i++) {
		const struct enum_word *w = &e->words[i];
		if (w->zh ? strcmp(w->word, word) == 0 : strcasecmp(w->word, word) == 0)
			return w->value;
	}
	return 0;
}

/* Traditional forms of the characters the Chinese enum words use: a word typed on a
 * traditional-character system still finds its value. */
static const struct {
	uint32_t trad, simp;
} trad_simp[] = {
	{ 0x522A, 0x5220 }, /* 刪 删 */ { 0x52D9, 0x52A1 }, /* 務 务 */
	{ 0x570B, 0x56FD }, /* 國 国 */ { 0x570D, 0x56F4 }, /* 圍 围 */
	{ 0x5718, 0x56E2 }, /* 團 团 */ { 0x5BE6, 0x5B9E }, /* 實 实 */
	{ 0x5C07, 0x5C06 }, /* 將 将 */ { 0x5D17, 0x5C97 }, /* 崗 岗 */
	{ 0x5EE2, 0x5E9F }, /* 廢 废 */ { 0x63A1, 0x91C7 }, /* 採 采 */
	{ 0x64EC, 0x62DF }, /* 擬 拟 */ { 0x6578, 0x6570 }, /* 數 数 */
	{ 0x696D, 0x4E1A }, /* 業 业 */ { 0x6A19, 0x6807 }, /* 標 标 */
	{ 0x6E96, 0x51C6 }, /* 準 准 */ { 0x73FE, 0x73B0 }, /* 現 现 */
	{ 0x7522, 0x4EA7 }, /* 產 产 */ { 0x790E, 0x7840 }, /* 礎 础 */
	{ 0x7BC4, 0x8303 }, /* 範 范 */ { 0x7E2E, 0x7F29 }, /* 縮 缩 */
	{ 0x7E7C, 0x7EE7 }, /* 繼 继 */ { 0x7E8C, 0x7EED }, /* 續 续 */
	{ 0x7FA9, 0x4E49 }, /* 義 义 */ { 0x865F, 0x53F7 }, /* 號 号 */
	{ 0x8853, 0x672F }, /* 術 术 */ { 0x898F, 0x89C4 }, /* 規 规 */
	{ 0x8A02, 0x8BA2 }, /* 訂 订 */ { 0x8A9E, 0x8BED }, /* 語 语 */
	{ 0x8CC7, 0x8D44 }, /* 資 资 */ { 0x904E, 0x8FC7 }, /* 過 过 */
	{ 0x9593, 0x95F4 }, /* 間 间 */ { 0x9AD4, 0x4F53 }, /* 體 体 */
};

static uint32_t simplified(uint32_t cp)
{
	for (size_t i = 0; i < COUNT(trad_simp); i++)
		if (trad_simp[i].trad == cp)
			return trad_simp[i].simp;
	return cp;
}

/* Code points of s (at most max), traditional characters folded; SIZE_MAX when longer. */
static size_t code_points(const char *s, uint32_t *v, size_t max)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k || n == max)
			return SIZE_MAX;
		v[n++] = simplified(cp);
		i += k;
	}
	return n;
}

/* One substitution, insertion or deletion apart (0 when equal, 2 when further). */
static int cp_edits(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	if (na < nb)
		return cp_edits(b, nb, a, na);
	if (na - nb > 1)
		return 2;
	size_t i = 0;
	while (i < nb && a[i] == b[i])
		i++;
	if (i == na)
		return 0;
	/* the rest must agree after skipping one code point of a (and of b on a substitution) */
	size_t j = na == nb ? i + 1 : i;
	return memcmp(a + i + 1, b + j, (nb - j) * sizeof *a) ? 2 : 1;
}

const char *schema_enum_suggest_zh(const struct enum_def *e, const char *word)
{
	uint32_t w[16], c[16];
	size_t nw = code_points(word, w, COUNT(w));
	if (nw == SIZE_MAX || !nw)
		return NULL;
	const char *near = NULL;
	for (size_t i = 0; i < e->n; i++) {
		if (!e->words[i].zh)
			continue;
		size_t nc = code_points(e->words[i].word, c, COUNT(c));
		if (nc == SIZE_MAX)
			continue;
		int d = cp_edits(w, nw, c, nc);
		if (d == 0)
			return e->words[i].word;
		/* one character away only counts for words of two characters or more, so that a
		 * single wrong character is not read as another one-character word */
		if (d == 1 && !near && nc >= 2 && nw >= 2)
			near = e->words[i].word;
	}
	return near;
}

const char *schema_enum_word(const struct enum_def *e, int value, bool zh)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->words[i].value == value && e->words[i].zh == zh)
			return e->words[i].word;
	return "";
}

void schema_enum_words(const struct enum_def *e, struct strbuf *sb)
{
	for (size_t i = 0; i < e->n; i++) {
		if (i)
			strbuf_adds(sb, ", ");
		strbuf_adds(sb, e->words[i].word);
	}
}
