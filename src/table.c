/* SPDX-License-Identifier: MIT */
/* table: computes the 标准体系表 model (chart counts, detail grid, statistics) once from a system,
 * and holds the renderer registry; see include/table.h for how to add an output format. */
#include "table.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "markup.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* How to add a format: see the note at the top of include/table.h. The order here is the order
 * of --help and of docs/table.md. */
const struct table_renderer table_renderers[] = {
	{ "text", TABLE_ALL, TABLE_ALL, false, false, true, render_text },
	{ "markdown", TABLE_ALL, TABLE_ALL, false, false, false, render_markdown },
	{ "html", TABLE_ALL, TABLE_ALL, false, false, false, render_html },
	{ "csv", TABLE_ALL, TABLE_DETAIL, true, false, false, render_csv },
	{ "json", TABLE_ALL, TABLE_ALL, false, false, false, render_json },
	{ "xlsx", TABLE_ALL, TABLE_ALL, false, true, false, render_xlsx },
	{ "docx", TABLE_ALL, TABLE_ALL, false, true, false, render_docx },
	{ "svg", TABLE_CHART, TABLE_CHART, true, false, false, render_svg },
	{ "dot", TABLE_CHART, TABLE_CHART, true, false, false, render_dot },
	{ NULL, 0, 0, false, false, false, NULL },
};

const struct table_renderer *table_renderer_find(const char *name)
{
	for (const struct table_renderer *r = table_renderers; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

/* ---- vocabulary: headings and words are data (zh/en pairs), not messages ---- */

struct col_def {
	const char *key;
	const char *zh, *zh_pilot, *en;
	bool numeric;
};

static const struct col_def col_defs[TCOL__COUNT] = {
	[TCOL_SEQ] = { "seq", "序号", "序号", "No.", true },
	[TCOL_CODE] = { "code", "标准体系表编号", "体系编号", "System code", false },
	[TCOL_TITLE] = { "title", "标准名称", "标准名称", "Title", false },
	[TCOL_NUMBER] = { "number", "标准编号", "标准编号", "Standard number", false },
	[TCOL_LEVEL] = { "level", "宜定级别", "级别", "Level", false },
	[TCOL_PUBLISHED] = { "published", "发布日期", "发布日期", "Published", false },
	[TCOL_EFFECTIVE] = { "effective", "实施日期", "实施日期", "Effective", false },
	[TCOL_ADOPTS] = { "adopts", "国际、国外标准号及采用关系", "国际、国外标准号及采用关系",
			  "International/foreign standard and adoption", false },
	[TCOL_REPLACES] = { "replaces", "被代替标准号或作废", "被代替标准号或作废",
			    "Replaces or abolished", false },
	[TCOL_STATUS] = { "status", "状态", "状态", "Status", false },
	[TCOL_TYPE] = { "type", "标准类别", "标准类别", "Type", false },
	[TCOL_ACTION] = { "action", "立改废释", "立改废释", "Action", false },
	[TCOL_NOTE] = { "note", "备注", "备注", "Note", false },
	[TCOL_CATEGORY] = { "category", "所属类别", "所属类别", "Category", false },
	[TCOL_TITLE_EN] = { "title-en", "英文名称", "英文名称", "English title", false },
	[TCOL_WITHDRAWN] = { "withdrawn", "废止日期", "废止日期", "Withdrawn", false },
	[TCOL_REPLACED_BY] = { "replaced-by", "被以下标准代替", "被以下标准代替", "Replaced by",
			       false },
	[TCOL_REFS] = { "refs", "规范性引用文件", "规范性引用文件", "Normative references", false },
	[TCOL_KEY] = { "key", "标识", "标识", "Key", false },
	[TCOL_DOCUMENT] = { "document", "文本文件", "文本文件", "Document", false },
	[TCOL_PATH] = { "path", "类别路径", "类别路径", "Category path", false },
	[TCOL_REVIEWED] = { "reviewed", "复审日期", "复审日期", "Last reviewed", false },
	[TCOL_AMENDMENTS] = { "amendments", "修改单", "修改单", "Amendments", false },
	[TCOL_INTERPRETATIONS] = { "interpretations", "解释", "解释", "Interpretations", false },
	[TCOL_REVIEWS] = { "reviews", "复审", "复审", "Reviews", false },
};

static const enum table_col preset_gbt13016[] = {
	TCOL_SEQ,	TCOL_CODE,   TCOL_TITLE,    TCOL_NUMBER, TCOL_LEVEL,
	TCOL_EFFECTIVE, TCOL_ADOPTS, TCOL_REPLACES, TCOL_NOTE,
};
static const enum table_col preset_pilot[] = {
	TCOL_SEQ,	TCOL_CODE,	TCOL_NUMBER, TCOL_TITLE, TCOL_LEVEL,
	TCOL_PUBLISHED, TCOL_EFFECTIVE, TCOL_STATUS, TCOL_NOTE,
};

/* Level words by enum stdno_level: the statistics rows (国家标准), the pilot's short words (国标),
 * and English. Index 0 is "no level known". */
static const char *const level_long_zh[] = { "未定级别", "国家标准", "行业标准",
					     "地方标准", "团体标准", "企业标准" };
static const char *const level_short_zh[] = { "未定", "国标", "行标", "地标", "团标", "企标" };
static const char *const level_en[] = { "unspecified", "national", "sector",
					"local",       "group",	   "enterprise" };
enum { NLEVELS = 5, NTYPES = 8, NSTATUSES = 6 };

const char *table_col_key(enum table_col c)
{
	return (unsigned)c < TCOL__COUNT ? col_defs[c].key : "";
}

int table_col_by_key(const char *key)
{
	for (int i = 0; i < TCOL__COUNT; i++)
		if (!strcmp(col_defs[i].key, key))
			return i;
	return -1;
}

int table_columns_parse(const char *list, enum table_col *out, size_t max, char **bad)
{
	size_t n = 0;
	bool seen[TCOL__COUNT] = { false };
	const char *p = list;
	*bad = NULL;
	/* every column, in the order of enum table_col: what `zhun import` needs to read a row
	 * back whole (docs/table.md, docs/import.md) */
	if (!strcmp(list, "all")) {
		/* but `reviewed`, which only repeats the date of the last entry of `reviews` */
		for (int c = 0; c < TCOL__COUNT && n < max; c++)
			if (c != TCOL_REVIEWED)
				out[n++] = (enum table_col)c;
		return (int)n;
	}
	for (;;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *word = xstrndup(p, len);
		int c = table_col_by_key(word);
		if (c < 0 || seen[c] || n >= max) {
			*bad = word;
			return -1;
		}
		free(word);
		seen[c] = true;
		out[n++] = (enum table_col)c;
		if (!e)
			break;
		p = e + 1;
	}
	return (int)n;
}

const enum table_col *table_preset_cols(enum table_preset p, size_t *n)
{
	if (p == TABLE_PRESET_PILOT) {
		*n = sizeof preset_pilot / sizeof preset_pilot[0];
		return preset_pilot;
	}
	*n = sizeof preset_gbt13016 / sizeof preset_gbt13016[0];
	return preset_gbt13016;
}

int table_preset_by_name(const char *s)
{
	if (!strcmp(s, "gbt13016"))
		return TABLE_PRESET_GBT13016;
	if (!strcmp(s, "pilot"))
		return TABLE_PRESET_PILOT;
	return -1;
}

const char *table_preset_name(enum table_preset p)
{
	return p == TABLE_PRESET_PILOT ? "pilot" : "gbt13016";
}

unsigned table_part_by_name(const char *s)
{
	if (!strcmp(s, "chart"))
		return TABLE_CHART;
	if (!strcmp(s, "detail"))
		return TABLE_DETAIL;
	if (!strcmp(s, "stats"))
		return TABLE_STATS;
	if (!strcmp(s, "all"))
		return TABLE_ALL;
	return 0;
}

const char *table_part_name(unsigned part)
{
	switch (part) {
	case TABLE_CHART:
		return "chart";
	case TABLE_DETAIL:
		return "detail";
	case TABLE_STATS:
		return "stats";
	default:
		return "all";
	}
}

const char *table_part_title(const struct table *t, unsigned part)
{
	switch (part) {
	case TABLE_CHART:
		return t->zh ? "标准体系结构图" : "Structure chart";
	case TABLE_DETAIL:
		return t->zh ? "标准明细表" : "Detail table";
	default:
		return t->zh ? "标准统计表" : "Statistics";
	}
}

size_t table_parts_in_order(unsigned parts, unsigned v[3])
{
	static const unsigned order[] = { TABLE_CHART, TABLE_DETAIL, TABLE_STATS };
	size_t n = 0;
	for (size_t i = 0; i < 3; i++)
		if (parts & order[i])
			v[n++] = order[i];
	return n;
}

void table_doc_title(const struct table *t, struct strbuf *sb)
{
	const char *title = t->sys->title.s ? t->sys->title.s : "";
	if (t->zh)
		strbuf_addf(sb, "%s表", title);
	else
		strbuf_addf(sb, "%s — standard system table", title);
}

const char *table_vacant_word(const struct table *t)
{
	return t->zh ? "空缺" : "vacant";
}

void table_chart_box_text(const struct table *t, const struct table_chart_node *nd,
			  struct strbuf *sb)
{
	strbuf_adds(sb, nd->label);
	if (t->counts)
		strbuf_addf(sb, t->zh ? "（%zu）" : " (%zu)", nd->total);
}

void table_date_str(const struct date *d, char buf[11])
{
	if (!d->y) {
		buf[0] = '\0';
		return;
	}
	char text[DATE_TEXT_SIZE];
	memcpy(buf, date_format(d, text), 11);
}

void table_percent(long tenths, struct strbuf *sb)
{
	if (tenths < 0)
		strbuf_adds(sb, "—");
	else
		strbuf_addf(sb, "%ld.%ld", tenths / 10, tenths % 10);
}

/* Tenths of a percent, rounded half up, in integers so every platform prints the same digits. */
static long percent_tenths(size_t part, size_t whole)
{
	if (!whole)
		return -1;
	return (long)((part * 2000 + whole) / (2 * whole));
}

/* The table's policy for markup_escape: one string fits text and attributes, and what XML
 * cannot carry is shown as a space. */
void table_xml_escape_n(struct strbuf *sb, const char *s, size_t len)
{
	markup_escape(sb, s, len, MARKUP_QUOT | MARKUP_BAD_SPACE);
}

void table_xml_escape(struct strbuf *sb, const char *s)
{
	table_xml_escape_n(sb, s, strlen(s));
}

/* ---- wrapping ---- */

static bool is_word_byte(unsigned char c)
{
	return c > 0x20 && c < 0x80;
}

static bool starts_with_any(const char *p, size_t len, const char *const *marks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(marks[i]);
		if (k <= len && !memcmp(p, marks[i], k))
			return true;
	}
	return false;
}

/* Line-breaking rules (禁则, as in GB/T 15834 practice): closing punctuation never begins a
 * line, opening punctuation never ends one, and an ASCII word or number stays whole. */
static bool bad_break(const char *line, size_t at, size_t len)
{
	static const char *const closing[] = { "）", "】", "」", "』", "》", "〉", "〕", "〗",
					       "”",  "’",  "，", "。", "、", "；", "：", "！",
					       "？", ")",  ",",	 ".",  ";",  ":",  "%" };
	static const char *const opening[] = { "（", "【", "「", "『", "《", "〈",
					       "〔", "〖", "“",	 "‘",  "(" };
	if (starts_with_any(line + at, len - at, closing, sizeof closing / sizeof closing[0]))
		return true;
	size_t prev = at - 1;
	while (prev > 0 && ((unsigned char)line[prev] & 0xC0) == 0x80)
		prev--;
	if (starts_with_any(line + prev, at - prev, opening, sizeof opening / sizeof opening[0]))
		return true;
	/* the em dash of a standard number ("GB/T 1.1—2020") binds like a letter */
	bool next =
	    is_word_byte((unsigned char)line[at]) || (len - at >= 3 && !memcmp(line + at, "—", 3));
	bool before = is_word_byte((unsigned char)line[at - 1]) ||
		      (at >= 3 && !memcmp(line + at - 3, "—", 3));
	return next && before;
}

size_t table_wrap(const char *s, size_t width, struct strbuf *sb)
{
	size_t lines = 0;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		const char *p = s, *end = s + len;
		do {
			size_t rest = (size_t)(end - p);
			size_t take = rest;
			if (width && utf8_width(p, rest) > width) {
				take = utf8_prefix_for_width(p, rest, width);
				if (!take) {
					/* a character wider than the column: emit it alone */
					uint32_t cp;
					take = utf8_decode(p, rest, &cp);
					if (!take)
						take = 1;
				} else {
					/* move the break back to the nearest allowed place; with
					 * none on the line, break where the width ends */
					size_t b = take;
					while (b > 0 && bad_break(p, b, rest)) {
						b--;
						while (b > 0 &&
						       ((unsigned char)p[b] & 0xC0) == 0x80)
							b--;
					}
					if (b > 0)
						take = b;
				}
			}
			size_t keep = take;
			while (keep > 0 && p[keep - 1] == ' ')
				keep--;
			strbuf_add(sb, p, keep);
			strbuf_addc(sb, '\n');
			lines++;
			p += take;
			while (p < end && *p == ' ')
				p++;
		} while (p < end);
		if (!nl)
			break;
		s = nl + 1;
	}
	return lines;
}

bool table_next_line(const char **p, const char **line, size_t *len)
{
	if (!*p)
		return false;
	const char *nl = strchr(*p, '\n');
	*line = *p;
	*len = nl ? (size_t)(nl - *p) : strlen(*p);
	*p = nl ? nl + 1 : NULL;
	return true;
}

/* ---- text for terminals ---- */

/* U+061C ARABIC LETTER MARK, U+200E/U+200F, the embeddings and overrides U+202A..U+202E and the
 * isolates U+2066..U+2069: what makes a terminal or viewer show text in another order than it
 * is stored ("Trojan Source", CVE-2021-42574). */
static bool is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Decode the character at s[i] into *cp (UINT32_MAX for a byte that is not UTF-8) and return
 * its byte length; *unsafe says whether a terminal must not receive it as is. */
static size_t term_char(const char *s, size_t len, size_t i, uint32_t *cp, bool *unsafe)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*cp = c;
		*unsafe = (c < 0x20 && c != '\n') || c == 0x7F;
		return 1;
	}
	size_t k = utf8_decode(s + i, len - i, cp);
	if (!k) {
		*cp = UINT32_MAX;
		*unsafe = true;
		return 1;
	}
	*unsafe = (*cp >= 0x80 && *cp < 0xA0) || is_bidi_control(*cp);
	return k;
}

bool table_term_clean(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		/* printable ASCII and line feeds, the common case, are not decoded */
		if ((c >= 0x20 && c < 0x7F) || c == '\n') {
			i++;
			continue;
		}
		uint32_t cp;
		bool unsafe;
		i += term_char(s, len, i, &cp, &unsafe);
		if (unsafe)
			return false;
	}
	return true;
}

void table_term_escape(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), run = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		bool unsafe;
		size_t k = term_char(s, len, i, &cp, &unsafe);
		if (!unsafe) {
			i += k;
			continue;
		}
		strbuf_add(sb, s + run, i - run);
		/* a tab is harmless, but zero columns wide: it would shift a grid */
		if (cp == '\t')
			strbuf_addc(sb, ' ');
		else if (cp == '\r')
			strbuf_adds(sb, "\\r");
		else if (cp < 0x80 || cp == UINT32_MAX)
			strbuf_addf(sb, "\\x%02x", (unsigned char)s[i]);
		else
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		i += k;
		run = i;
	}
	strbuf_add(sb, s + run, len - run);
}

/* ---- the model ---- */

static const char *adup(struct table *t, const char *s)
{
	return arena_strdup(t->arena, s ? s : "");
}

static const char *sb_dup(struct table *t, struct strbuf *sb)
{
	const char *r = arena_strndup(t->arena, sb->buf, sb->len);
	strbuf_reset(sb);
	return r;
}

static void add_number(struct strbuf *sb, const struct numtext *n)
{
	if (n->ok)
		stdno_format(&n->no, sb);
	else if (n->text.s)
		strbuf_adds(sb, n->text.s);
}

/* ---- a row's records in one cell (docs/format.md, "The records in a table cell") ----
 *
 * Entries are separated as the other lists of a cell are (、, or "; " in English); each carries
 * every field of its record, so that `zhun import` (import_sheet.c) reads them back whole:
 *   修改单  XG1（2022-03-01发布，2022-04-01实施）：修改了讲解时长
 *   解释    JS-2023-01（2023-04-10发布，某博物馆，条款5.2、5.3）：明确团体讲解的人数下限
 *   复审    2024-03-15 继续有效
 * English: "XG1 (published 2022-03-01, effective 2022-04-01): …", "JS-2023-01 (issued
 * 2023-04-10, by 某博物馆, clauses 5.2; 5.3): …", "2024-03-15 continue". The summary comes last,
 * so it may hold any text; an entry begins only where an id and a bracketed date follow the
 * separator, so a 、 inside a summary does not split it. */

static void rec_date(struct strbuf *sb, const char *label_en, const char *label_zh,
		     const struct date *d, bool zh, bool first)
{
	char text[DATE_TEXT_SIZE];
	if (!d->y)
		return;
	if (!first)
		strbuf_adds(sb, zh ? "，" : ", ");
	if (zh)
		strbuf_addf(sb, "%s%s", date_format(d, text), label_zh);
	else
		strbuf_addf(sb, "%s %s", label_en, date_format(d, text));
}

static void rec_summary(struct strbuf *sb, const struct text *summary, bool zh)
{
	strbuf_adds(sb, zh ? "）：" : "): ");
	if (summary->s)
		strbuf_adds(sb, summary->s);
}

static void records_cell(const struct table *t, const struct row *r, enum table_col c,
			 struct strbuf *sb)
{
	const char *sep = t->zh ? "、" : "; ";
	if (c == TCOL_AMENDMENTS) {
		for (size_t i = 0; i < r->namendments; i++) {
			const struct amendment *a = &r->amendments[i];
			strbuf_addf(sb, "%s%s%s", i ? sep : "", a->id.s ? a->id.s : "",
				    t->zh ? "（" : " (");
			rec_date(sb, "published", "发布", &a->published, t->zh, true);
			rec_date(sb, "effective", "实施", &a->effective, t->zh, !a->published.y);
			rec_summary(sb, &a->summary, t->zh);
		}
	} else if (c == TCOL_INTERPRETATIONS) {
		for (size_t i = 0; i < r->ninterpretations; i++) {
			const struct interpretation *e = &r->interpretations[i];
			strbuf_addf(sb, "%s%s%s", i ? sep : "", e->id.s ? e->id.s : "",
				    t->zh ? "（" : " (");
			rec_date(sb, "issued", "发布", &e->issued, t->zh, true);
			bool first = !e->issued.y;
			if (e->by.s) {
				strbuf_addf(sb, "%s%s%s",
					    first   ? ""
					    : t->zh ? "，"
						    : ", ",
					    t->zh ? "" : "by ", e->by.s);
				first = false;
			}
			for (size_t k = 0; k < e->clauses.n; k++) {
				if (!k)
					strbuf_adds(sb, first ? "" : t->zh ? "，" : ", ");
				strbuf_addf(sb, "%s%s",
					    k	    ? sep
					    : t->zh ? "条款"
						    : "clauses ",
					    e->clauses.v[k].s ? e->clauses.v[k].s : "");
			}
			rec_summary(sb, &e->summary, t->zh);
		}
	} else {
		for (size_t i = 0; i < r->nreviews; i++) {
			const struct review *v = &r->reviews[i];
			char text[DATE_TEXT_SIZE];
			strbuf_addf(sb, "%s%s %s", i ? sep : "",
				    v->date.y ? date_format(&v->date, text) : "",
				    v->outcome.v ? outcome_word(v->outcome.v, t->zh) : "");
		}
	}
}

static const char *level_cell(const struct table *t, int level)
{
	if (level < 1 || level > NLEVELS)
		return "";
	if (!t->zh)
		return level_en[level];
	return t->preset == TABLE_PRESET_PILOT ? level_short_zh[level] : level_word(level, true);
}

static const char *row_cell(struct table *t, const struct row *r, int status, enum table_col c,
			    size_t seq, const struct table_chart_node *nd, struct strbuf *sb)
{
	char date[11];
	switch (c) {
	case TCOL_SEQ:
		strbuf_addu(sb, seq);
		return sb_dup(t, sb);
	case TCOL_CODE:
		return adup(t, r->code.s);
	case TCOL_TITLE:
		return adup(t, r->title.s);
	case TCOL_TITLE_EN:
		return adup(t, r->title_en.s);
	case TCOL_NUMBER:
		add_number(sb, &r->number);
		return sb_dup(t, sb);
	case TCOL_LEVEL:
		return level_cell(t, r->level_eff);
	case TCOL_PUBLISHED:
	case TCOL_EFFECTIVE:
	case TCOL_WITHDRAWN:
		table_date_str(c == TCOL_PUBLISHED   ? &r->published
			       : c == TCOL_EFFECTIVE ? &r->effective
						     : &r->withdrawn,
			       date);
		return adup(t, date);
	case TCOL_REVIEWED: {
		const struct review *rv = row_last_review(r);
		table_date_str(rv ? &rv->date : &(struct date){ 0 }, date);
		return adup(t, date);
	}
	case TCOL_ADOPTS:
		if (r->adopts && r->adopts->standard.s) {
			strbuf_adds(sb, r->adopts->standard.s);
			if (r->adopts->degree.v)
				strbuf_addf(sb, ", %s", degree_word(r->adopts->degree.v));
		}
		return sb_dup(t, sb);
	case TCOL_REPLACES:
		for (size_t i = 0; i < r->replaces.n; i++) {
			if (i)
				strbuf_adds(sb, t->zh ? "、" : "; ");
			add_number(sb, &r->replaces.v[i]);
		}
		/* an abolished row says so in the same column (GB/T 13016 被代替标准号或作废) */
		if (status == STATUS_ABOLISHED)
			strbuf_addf(sb, "%s%s", sb->len ? (t->zh ? "；" : "; ") : "",
				    t->zh ? "作废" : "abolished");
		return sb_dup(t, sb);
	case TCOL_STATUS:
		return status_word(status, t->zh);
	case TCOL_TYPE:
		return type_word(r->type.v, t->zh);
	case TCOL_ACTION:
		return action_word(r->action.v, t->zh);
	case TCOL_NOTE: {
		const char *note = r->note.s ? r->note.s : "";
		const char *mark =
		    r->action.v && !t->action_col ? action_word(r->action.v, t->zh) : "";
		/* the 立改废释 marker leads the note, unless the author already wrote it there or
		 * the table has a column for it (the note is then as written, so that an import
		 * reads it back unchanged) */
		if (*mark && strncmp(note, mark, strlen(mark)) != 0)
			strbuf_addf(sb, "%s%s", mark, *note ? (t->zh ? "；" : "; ") : "");
		strbuf_adds(sb, note);
		return sb_dup(t, sb);
	}
	case TCOL_CATEGORY:
		return nd ? nd->label : "";
	case TCOL_REPLACED_BY:
	case TCOL_REFS: {
		const struct numlist *l = c == TCOL_REFS ? &r->refs : &r->replaced_by;
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				strbuf_adds(sb, t->zh ? "、" : "; ");
			add_number(sb, &l->v[i]);
		}
		return sb_dup(t, sb);
	}
	case TCOL_AMENDMENTS:
	case TCOL_INTERPRETATIONS:
	case TCOL_REVIEWS:
		records_cell(t, r, c, sb);
		return sb_dup(t, sb);
	case TCOL_KEY:
		return adup(t, r->key.s);
	case TCOL_DOCUMENT:
		return adup(t, r->document.s);
	case TCOL_PATH: {
		/* the boxes from the block down, so that a CSV file keeps the structure chart */
		const struct category *chain[64];
		size_t n = 0;
		for (const struct category *k = nd ? nd->cat : NULL; k && n < 64; k = k->parent)
			chain[n++] = k;
		while (n--) {
			strbuf_addf(sb, "%s%s %s", sb->len ? " / " : "", chain[n]->code.s,
				    chain[n]->title.s ? chain[n]->title.s : "");
		}
		return sb_dup(t, sb);
	}
	case TCOL__COUNT:
		break;
	}
	return "";
}

static bool is_existing(int status)
{
	return status == STATUS_CURRENT || status == STATUS_UPCOMING;
}

static struct table_stat_grid *grid_new(struct table *t, const char *key, const char *title,
					size_t ncols, size_t nrows)
{
	struct table_stat_grid *g = &t->grids[t->ngrids++];
	g->key = key;
	g->title = title;
	g->cols = arena_alloc(t->arena, ncols * sizeof *g->cols);
	g->rows = arena_alloc(t->arena, nrows * sizeof *g->rows);
	for (size_t i = 0; i < nrows; i++)
		g->rows[i].v = arena_alloc(t->arena, ncols * sizeof(long));
	return g;
}

static void grid_col(struct table_stat_grid *g, const char *key, const char *heading,
		     enum table_stat_kind kind)
{
	g->cols[g->ncols++] = (struct table_stat_col){ key, heading, kind };
}

static struct table_stat_row *grid_row(struct table_stat_grid *g, const char *key,
				       const char *label, bool total)
{
	struct table_stat_row *r = &g->rows[g->nrows++];
	r->key = key;
	r->label = label;
	r->total = total;
	return r;
}

/* 应有数 / 现有数 / ratio grid over `n` classes (index 0 = class unknown, shown only if used). */
static void required_existing_grid(struct table *t, const char *key, const char *title, size_t n,
				   const size_t *req, const size_t *ex, const char *const *keys,
				   const char *const *labels)
{
	struct table_stat_grid *g = grid_new(t, key, title, 3, n + 2);
	grid_col(g, "required", t->zh ? "应有数（个）" : "Required", TABLE_STAT_COUNT);
	grid_col(g, "existing", t->zh ? "现有数（个）" : "Existing", TABLE_STAT_COUNT);
	grid_col(g, "ratio", t->zh ? "现有数/应有数（%）" : "Existing/required (%)",
		 TABLE_STAT_PERCENT);
	size_t treq = 0, tex = 0;
	for (size_t i = 1; i <= n; i++) {
		struct table_stat_row *r = grid_row(g, keys[i], labels[i], false);
		r->v[0] = (long)req[i];
		r->v[1] = (long)ex[i];
		r->v[2] = percent_tenths(ex[i], req[i]);
		treq += req[i], tex += ex[i];
	}
	if (req[0]) {
		struct table_stat_row *r = grid_row(g, keys[0], labels[0], false);
		r->v[0] = (long)req[0];
		r->v[1] = (long)ex[0];
		r->v[2] = percent_tenths(ex[0], req[0]);
		treq += req[0], tex += ex[0];
	}
	struct table_stat_row *r = grid_row(g, "total", t->zh ? "共计" : "Total", true);
	r->v[0] = (long)treq;
	r->v[1] = (long)tex;
	r->v[2] = percent_tenths(tex, treq);
}

static void stats_level(struct table *t, const size_t *req, const size_t *ex)
{
	const char *labels[NLEVELS + 1];
	for (int i = 0; i <= NLEVELS; i++)
		labels[i] = t->zh ? level_long_zh[i] : level_en[i];
	required_existing_grid(t, "level", t->zh ? "按标准级别统计" : "By level", NLEVELS, req, ex,
			       level_en, labels);
}

static void stats_type(struct table *t, const size_t *req, const size_t *ex)
{
	static const char *const zh[] = { "未分类",   "基础标准", "方法标准",
					  "产品标准", "过程标准", "服务标准",
					  "管理标准", "岗位标准", "其他标准" };
	const char *keys[NTYPES + 1], *labels[NTYPES + 1];
	keys[0] = "none";
	labels[0] = t->zh ? zh[0] : "unclassified";
	for (int i = 1; i <= NTYPES; i++) {
		keys[i] = type_word(i, false);
		labels[i] = t->zh ? zh[i] : keys[i];
	}
	required_existing_grid(t, "type", t->zh ? "按标准类别统计" : "By type", NTYPES, req, ex,
			       keys, labels);
}

/* Pilot form: blocks (input order) × level, with totals and each block's share of all rows. */
static void stats_block(struct table *t, size_t nblocks, const size_t *blocks,
			const size_t *bylevel /* (nblocks + 1) × (NLEVELS + 1) */)
{
	size_t stride = NLEVELS + 1;
	bool unknown = false, unfiled = t->chart.unfiled > 0;
	for (size_t b = 0; b <= nblocks; b++)
		unknown |= bylevel[b * stride] > 0;
	size_t ncols = NLEVELS + (unknown ? 1 : 0) + 2;
	struct table_stat_grid *g = grid_new(
	    t, "block", t->zh ? "按子体系统计" : "By sub-system and level", ncols, nblocks + 2);
	for (int l = 1; l <= NLEVELS; l++)
		grid_col(g, level_en[l], t->zh ? level_short_zh[l] : level_en[l], TABLE_STAT_COUNT);
	if (unknown)
		grid_col(g, "none", t->zh ? level_short_zh[0] : level_en[0], TABLE_STAT_COUNT);
	grid_col(g, "total", t->zh ? "合计" : "Total", TABLE_STAT_COUNT);
	grid_col(g, "share", t->zh ? "占比（%）" : "Share (%)", TABLE_STAT_PERCENT);
	size_t sums[NLEVELS + 1] = { 0 };
	for (size_t b = 0; b <= nblocks; b++) {
		if (b == nblocks && !unfiled)
			break;
		const size_t *lv = bylevel + b * stride;
		struct table_stat_row *r;
		if (b < nblocks) {
			const struct category *c = t->chart.nodes[blocks[b]].cat;
			r = grid_row(g, c->code.s ? c->code.s : "", c->title.s ? c->title.s : "",
				     false);
		} else {
			r = grid_row(g, "unfiled", t->zh ? "未归类" : "unfiled", false);
		}
		size_t k = 0, sum = 0;
		for (int l = 1; l <= NLEVELS; l++)
			r->v[k++] = (long)lv[l], sum += lv[l];
		if (unknown)
			r->v[k++] = (long)lv[0], sum += lv[0];
		r->v[k++] = (long)sum;
		r->v[k] = percent_tenths(sum, t->nrows);
		for (int l = 0; l <= NLEVELS; l++)
			sums[l] += lv[l];
	}
	struct table_stat_row *r = grid_row(g, "total", t->zh ? "合计" : "Total", true);
	size_t k = 0, sum = 0;
	for (int l = 1; l <= NLEVELS; l++)
		r->v[k++] = (long)sums[l], sum += sums[l];
	if (unknown)
		r->v[k++] = (long)sums[0], sum += sums[0];
	r->v[k++] = (long)sum;
	r->v[k] = percent_tenths(sum, t->nrows);
}

static void stats_status(struct table *t, const size_t *bystatus)
{
	struct table_stat_grid *g =
	    grid_new(t, "status", t->zh ? "按标准状态统计" : "By status", 2, NSTATUSES + 1);
	grid_col(g, "count", t->zh ? "数量（个）" : "Count", TABLE_STAT_COUNT);
	grid_col(g, "share", t->zh ? "占比（%）" : "Share (%)", TABLE_STAT_PERCENT);
	size_t total = 0;
	for (int s = 1; s <= NSTATUSES; s++) {
		struct table_stat_row *r =
		    grid_row(g, status_word(s, false), status_word(s, t->zh), false);
		r->v[0] = (long)bystatus[s];
		r->v[1] = percent_tenths(bystatus[s], t->nrows);
		total += bystatus[s];
	}
	struct table_stat_row *r = grid_row(g, "total", t->zh ? "共计" : "Total", true);
	r->v[0] = (long)total;
	r->v[1] = percent_tenths(total, t->nrows);
}

static void build_chart(struct table *t, const int *status)
{
	const struct system *s = t->sys;
	struct strbuf sb = STRBUF_INIT;
	t->chart.title = adup(t, s->title.s);
	t->chart.n = s->ncat;
	t->chart.nodes = arena_alloc(t->arena, (s->ncat ? s->ncat : 1) * sizeof *t->chart.nodes);
	for (size_t i = 0; i < s->ncat; i++) {
		struct table_chart_node *nd = &t->chart.nodes[i];
		const struct category *c = s->cat_preorder[i];
		nd->cat = c;
		strbuf_addf(&sb, "%s%s%s", c->code.s ? c->code.s : "", c->code.s ? " " : "",
			    c->title.s ? c->title.s : "");
		nd->label = sb_dup(t, &sb);
	}
	for (size_t i = 0; i < s->nrows; i++) {
		const struct category *c = s->rows[i].category;
		if (!c || c->index >= s->ncat) {
			t->chart.unfiled++;
			continue;
		}
		t->chart.nodes[c->index].direct++;
		if (is_existing(status[i]))
			t->chart.nodes[c->index].existing++;
	}
	for (size_t i = 0; i < s->ncat; i++)
		t->chart.nodes[i].total = t->chart.nodes[i].direct;
	/* pre-order puts every child after its parent: one backward sweep sums the subtrees */
	for (size_t i = s->ncat; i-- > 0;) {
		const struct category *p = s->cat_preorder[i]->parent;
		if (!p)
			continue;
		struct table_chart_node *pn = &t->chart.nodes[p->index], *nd = &t->chart.nodes[i];
		pn->total += nd->total;
		pn->existing += nd->existing;
		pn->nextent += 1 + nd->nextent;
	}
	strbuf_release(&sb);
}

static void build_detail(struct table *t, const struct table_opts *o, const int *status)
{
	const struct system *s = t->sys;
	struct table_detail *d = &t->detail;
	size_t npc;
	const enum table_col *pc = table_preset_cols(t->preset, &npc);
	const enum table_col *cols = o->cols && o->ncols ? o->cols : pc;
	d->ncols = o->cols && o->ncols ? o->ncols : npc;
	d->cols = arena_alloc(t->arena, d->ncols * sizeof *d->cols);
	for (size_t i = 0; i < d->ncols; i++)
		t->action_col |= cols[i] == TCOL_ACTION;
	for (size_t i = 0; i < d->ncols; i++) {
		const struct col_def *cd = &col_defs[cols[i]];
		d->cols[i] = (struct table_column){ cols[i], cd->key,
						    !t->zh			      ? cd->en
						    : t->preset == TABLE_PRESET_PILOT ? cd->zh_pilot
										      : cd->zh,
						    cd->numeric };
	}
	/* bucket the rows by category (counting sort keeps input order within a category) */
	size_t nb = s->ncat + 1; /* the last bucket holds unfiled rows */
	size_t *start = xcalloc(nb + 1, sizeof *start);
	size_t *order = xmalloc((s->nrows ? s->nrows : 1) * sizeof *order);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct category *c = s->rows[i].category;
		start[(c && c->index < s->ncat ? c->index : s->ncat) + 1]++;
	}
	for (size_t b = 0; b < nb; b++)
		start[b + 1] += start[b];
	size_t *fill = xmalloc(nb * sizeof *fill);
	memcpy(fill, start, nb * sizeof *fill);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct category *c = s->rows[i].category;
		order[fill[c && c->index < s->ncat ? c->index : s->ncat]++] = i;
	}
	free(fill);
	bool unfiled = start[nb] > start[s->ncat];
	d->lines = arena_alloc(t->arena, (s->ncat + 1 + s->nrows) * sizeof *d->lines);
	struct strbuf sb = STRBUF_INIT;
	size_t seq = 0;
	for (size_t b = 0; b < nb; b++) {
		if (b == s->ncat && !unfiled)
			break;
		struct table_line *g = &d->lines[d->nlines++];
		g->kind = TABLE_LINE_GROUP;
		g->nrows = start[b + 1] - start[b];
		if (b < s->ncat) {
			const struct table_chart_node *nd = &t->chart.nodes[b];
			g->cat = nd->cat;
			g->depth = nd->cat->depth;
			if (nd->cat->vacant.v && !g->nrows)
				strbuf_addf(&sb, t->zh ? "%s（%s）" : "%s (%s)", nd->label,
					    table_vacant_word(t));
			else
				strbuf_adds(&sb, nd->label);
			g->label = sb_dup(t, &sb);
		} else {
			g->label = t->zh ? "未归类" : "unfiled";
		}
		for (size_t k = start[b]; k < start[b + 1]; k++) {
			size_t i = order[k];
			const struct row *r = &s->rows[i];
			struct table_line *l = &d->lines[d->nlines++];
			l->kind = TABLE_LINE_ROW;
			l->cat = b < s->ncat ? t->chart.nodes[b].cat : NULL;
			l->row = r;
			l->seq = ++seq;
			l->status = status[i];
			l->cells = arena_alloc(t->arena, d->ncols * sizeof *l->cells);
			for (size_t c = 0; c < d->ncols; c++)
				l->cells[c] =
				    row_cell(t, r, status[i], d->cols[c].id, seq,
					     b < s->ncat ? &t->chart.nodes[b] : NULL, &sb);
		}
	}
	d->nrows = seq;
	strbuf_release(&sb);
	free(start);
	free(order);
}

static void build_stats(struct table *t, const int *status)
{
	const struct system *s = t->sys;
	size_t lreq[NLEVELS + 1] = { 0 }, lex[NLEVELS + 1] = { 0 };
	size_t treq[NTYPES + 1] = { 0 }, tex[NTYPES + 1] = { 0 };
	size_t bystatus[NSTATUSES + 1] = { 0 };
	/* block rows: the top-level categories in input order */
	size_t nblocks = 0;
	for (size_t i = 0; i < s->ncat; i++)
		nblocks += s->cat_preorder[i]->depth == 0;
	size_t *blocks = xmalloc((nblocks ? nblocks : 1) * sizeof *blocks);
	size_t *blockpos = xmalloc((s->ncat ? s->ncat : 1) * sizeof *blockpos);
	for (size_t i = 0, b = 0; i < s->ncat; i++)
		if (s->cat_preorder[i]->depth == 0)
			blockpos[i] = b, blocks[b++] = i;
	size_t *bylevel = xcalloc((nblocks + 1) * (NLEVELS + 1), sizeof *bylevel);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		int lv = r->level_eff >= 1 && r->level_eff <= NLEVELS ? r->level_eff : 0;
		int ty = r->type.v >= 1 && r->type.v <= NTYPES ? r->type.v : 0;
		bool ex = is_existing(status[i]);
		lreq[lv]++, treq[ty]++;
		lex[lv] += ex, tex[ty] += ex;
		if (status[i] >= 1 && status[i] <= NSTATUSES)
			bystatus[status[i]]++;
		const struct category *c = r->category;
		size_t b = nblocks;
		if (c && c->index < s->ncat)
			b = blockpos[category_block(c)->index];
		bylevel[b * (NLEVELS + 1) + (size_t)lv]++;
	}
	t->grids = arena_alloc(t->arena, 4 * sizeof *t->grids);
	if (t->preset == TABLE_PRESET_PILOT) {
		stats_block(t, nblocks, blocks, bylevel);
		stats_level(t, lreq, lex);
		stats_status(t, bystatus);
		stats_type(t, treq, tex);
	} else {
		stats_level(t, lreq, lex);
		stats_type(t, treq, tex);
		stats_block(t, nblocks, blocks, bylevel);
		stats_status(t, bystatus);
	}
	free(blocks);
	free(blockpos);
	free(bylevel);
}

struct table *table_new(const struct system *s, const struct table_opts *o)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->arena = arena_new();
	t->sys = s;
	t->preset = o->preset;
	t->zh = o->zh;
	t->counts = o->counts;
	t->cols_chosen = o->cols && o->ncols;
	t->as_of = o->as_of;
	if (!t->as_of.y)
		t->as_of = s->date;
	if (!t->as_of.y)
		date_today(&t->as_of);
	t->nrows = s->nrows;
	/* each row's status is evaluated once, so every part agrees on the date */
	int *status = xmalloc((s->nrows ? s->nrows : 1) * sizeof *status);
	for (size_t i = 0; i < s->nrows; i++) {
		status[i] = row_status_on(&s->rows[i], &t->as_of);
		t->nexisting += is_existing(status[i]);
	}
	build_chart(t, status);
	build_detail(t, o, status);
	build_stats(t, status);
	free(status);
	return t;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	arena_free(t->arena);
	free(t);
}
