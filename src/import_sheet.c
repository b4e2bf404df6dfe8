/* SPDX-License-Identifier: MIT */
/* import_sheet: a grid of cells → the tree of a system or a registry, for every spreadsheet
 * loader (xlsx, CSV) and the tables of Word documents: header recognition, title rows, category
 * rows, the reading of each cell, and a finding at every cell not mapped or changed. */
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "model.h"
#include "schema.h"
#include "sheet.h"
#include "stdno.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

const struct import_opts *import_options;

/* ---- the columns: one registry of what a heading stands for and how its cells are read ---- */

enum vkind {
	V_SKIP = 1, /* 序号: the position says it */
	V_TEXT,
	V_NUMBER,
	V_NUMLIST,
	V_ENUM,
	V_DATE,
	V_ADOPTS,
	V_NOTE,	    /* 备注: a leading 立改废释 marker becomes `action` */
	V_REPLACES, /* numbers, and 作废 for an abolished row */
	V_CATEGORY, /* 所属类别 "101 标准化导则" */
	V_PATH, /* 类别路径 "100 通用基础标准 / 101 标准化导则" (zhun table --columns all) */
	/* a row's records, one cell a kind, as table.c writes them (docs/format.md) */
	V_AMENDMENTS,	   /* 修改单 "XG1（2022-03-01发布）：修改了讲解时长" */
	V_INTERPRETATIONS, /* 解释 "JS-1（2023-04-10发布，某博物馆，条款5.2）：…" */
	V_REVIEWS,	   /* 复审 "2024-03-15 继续有效" */
};

struct column_def {
	const char *key; /* the row key (format.md), or "seq"/"category" */
	enum vkind v;
	const struct enum_def *en;
	bool registry; /* a registry edition has it too */
	/* headings, compared without white space and ASCII case; zhun's own (table.c) included */
	const char *const *headings;
};

#define H(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const struct column_def columns[] = {
	{ "seq", V_SKIP, NULL, true, H("序号", "No.", "No", "seq") },
	{ "code", V_TEXT, NULL, false,
	  H("体系表编号", "体系编号", "标准体系表编号", "编号", "体系表序号", "Systemcode",
	    "code") },
	{ "number", V_NUMBER, NULL, true,
	  H("标准编号", "标准号", "标准代号和编号", "标准代号", "Standardnumber", "number") },
	{ "title", V_TEXT, NULL, true, H("标准名称", "名称", "中文名称", "Title", "title") },
	{ "title-en", V_TEXT, NULL, false,
	  H("英文名称", "标准英文名称", "Englishtitle", "title-en") },
	{ "level", V_ENUM, &schema_enum_level, false,
	  H("宜定级别", "标准级别", "级别", "Level", "level") },
	{ "type", V_ENUM, &schema_enum_type, false,
	  H("标准类别", "类别", "类型", "标准类型", "标准性质", "Type", "type") },
	{ "status", V_ENUM, &schema_enum_status, true,
	  H("状态", "标准状态", "实施状态", "Status", "status") },
	{ "action", V_ENUM, &schema_enum_action, false,
	  H("立改废释", "立改废", "Action", "action") },
	{ "published", V_DATE, NULL, true, H("发布日期", "发布时间", "Published", "published") },
	{ "effective", V_DATE, NULL, true, H("实施日期", "实施时间", "Effective", "effective") },
	{ "withdrawn", V_DATE, NULL, true, H("废止日期", "作废日期", "Withdrawn", "withdrawn") },
	{ "replaces", V_REPLACES, NULL, true,
	  H("代替标准", "代替标准号", "被代替标准号或作废", "被代替标准号", "Replacesorabolished",
	    "replaces") },
	{ "replaced-by", V_NUMLIST, NULL, true,
	  H("被代替标准", "被以下标准代替", "代替者", "Replacedby", "replaced-by") },
	{ "adopts", V_ADOPTS, NULL, false,
	  H("采用国际标准", "国际、国外标准号及采用关系", "采标情况", "采用关系", "采标",
	    "International/foreignstandardandadoption", "adopts") },
	{ "refs", V_NUMLIST, NULL, false,
	  H("规范性引用文件", "引用标准", "Normativereferences", "refs") },
	{ "amendments", V_AMENDMENTS, NULL, false,
	  H("修改单", "标准修改单", "Amendments", "amendments") },
	{ "interpretations", V_INTERPRETATIONS, NULL, false,
	  H("解释", "标准解释", "Interpretations", "interpretations") },
	{ "reviews", V_REVIEWS, NULL, false, H("复审", "复审情况", "Reviews", "reviews") },
	{ "note", V_NOTE, NULL, false, H("备注", "说明", "Note", "note") },
	{ "category", V_CATEGORY, NULL, false, H("所属类别", "类别名称", "Category", "category") },
	{ "key", V_TEXT, NULL, false, H("标识", "Key", "key") },
	{ "document", V_TEXT, NULL, false, H("文本文件", "文本", "Document", "document") },
	{ "path", V_PATH, NULL, false, H("类别路径", "Categorypath", "path") },
};
enum { NCOLUMN_DEFS = sizeof columns / sizeof columns[0] };

#undef H

static const struct column_def *column_by_key(const char *key)
{
	for (size_t i = 0; i < NCOLUMN_DEFS; i++)
		if (!strcmp(columns[i].key, key))
			return &columns[i];
	return NULL;
}

bool import_key_known(const char *key)
{
	return !strcmp(key, "-") || column_by_key(key);
}

/* A heading as compared: white space (ASCII, U+3000, line breaks) and a trailing colon left
 * out, ASCII folded to lower case, full-width parentheses as ASCII. */
static void heading_norm(const char *s, size_t len, struct strbuf *out)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k)
			k = 1, cp = (unsigned char)s[i];
		if (!(cp < 0x80 ? (cp == ' ' || (cp >= '\t' && cp <= '\r')) : utf8_is_space(cp))) {
			if (cp == 0xFF08)
				strbuf_addc(out, '(');
			else if (cp == 0xFF09)
				strbuf_addc(out, ')');
			else if (cp < 0x80)
				strbuf_addc(out, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
			else
				strbuf_add(out, s + i, k);
		}
		i += k;
	}
	while (out->len && (out->buf[out->len - 1] == ':'))
		strbuf_setlen(out, out->len - 1);
	if (out->len >= 3 && !memcmp(out->buf + out->len - 3, "：", 3))
		strbuf_setlen(out, out->len - 3);
}

static bool heading_is(const char *norm, const char *heading)
{
	struct strbuf h = STRBUF_INIT;
	heading_norm(heading, strlen(heading), &h);
	bool eq = !strcmp(norm, h.buf);
	strbuf_release(&h);
	return eq;
}

/* The column a heading stands for: --map first ("-": a column left out on purpose, *skip),
 * then the registry. NULL when unknown. */
static const struct column_def *heading_column(const char *text, size_t len,
					       const struct import_opts *o, bool *skip)
{
	struct strbuf n = STRBUF_INIT;
	heading_norm(text, len, &n);
	const struct column_def *c = NULL;
	*skip = false;
	for (size_t i = 0; o && i < o->nmap && !c && !*skip; i++) {
		const char *eq = strrchr(o->map[i], '=');
		if (!eq)
			continue;
		struct strbuf h = STRBUF_INIT;
		heading_norm(o->map[i], (size_t)(eq - o->map[i]), &h);
		if (!strcmp(h.buf, n.buf)) {
			if (!strcmp(eq + 1, "-"))
				*skip = true;
			else
				c = column_by_key(eq + 1);
		}
		strbuf_release(&h);
	}
	for (size_t i = 0; !c && !*skip && n.len && i < NCOLUMN_DEFS; i++)
		for (const char *const *h = columns[i].headings; *h && !c; h++)
			if (heading_is(n.buf, *h))
				c = &columns[i];
	strbuf_release(&n);
	return c;
}

/* ---- dates ---- */

static bool day_exists(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

static void date_out(int y, int m, int d, char out[11])
{
	char text[DATE_TEXT_SIZE];
	memcpy(out, date_format(&(struct date){ .y = y, .m = m, .d = d }, text), 11);
}

/* Digits at *p (at most `max`), into *v; false when none. */
static bool take_digits(const char **p, const char *end, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (*p < end && n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n > 0 && (*p == end || **p < '0' || **p > '9');
}

static bool take_sep(const char **p, const char *end, const char *sep)
{
	size_t k = strlen(sep);
	if ((size_t)(end - *p) >= k && !memcmp(*p, sep, k)) {
		*p += k;
		return true;
	}
	return false;
}

static void trim(const char **s, size_t *len)
{
	const char *p = *s, *e = *s + *len;
	for (;;) {
		if (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		else if (e - p >= 3 && !memcmp(p, "\u3000", 3))
			p += 3;
		else
			break;
	}
	for (;;) {
		if (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
			e--;
		else if (e - p >= 3 && !memcmp(e - 3, "\u3000", 3))
			e -= 3;
		else
			break;
	}
	*s = p;
	*len = (size_t)(e - p);
}

bool import_date_text(const char *s, size_t len, char out[11])
{
	trim(&s, &len);
	const char *p = s, *end = s + len;
	int y, m, d;
	size_t digits = 0;
	while (digits < len && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	if (len == 8 && digits == 8) {
		/* 20210501 */
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[4] - '0') * 10 + (s[5] - '0');
		d = (s[6] - '0') * 10 + (s[7] - '0');
	} else {
		if (!take_digits(&p, end, 4, &y) || p - s != 4)
			return false;
		static const char *const seps[] = { "-", "/", ".", "年" };
		size_t k;
		for (k = 0; k < 4; k++)
			if (take_sep(&p, end, seps[k]))
				break;
		if (k == 4 || !take_digits(&p, end, 2, &m))
			return false;
		if (k == 3 ? !take_sep(&p, end, "月") : !take_sep(&p, end, seps[k]))
			return false;
		if (!take_digits(&p, end, 2, &d))
			return false;
		if (k == 3 && !take_sep(&p, end, "日"))
			return false;
		/* a time after a date typed as text ("2021-05-01 00:00:00") is not a day's part */
		if (p != end)
			return false;
	}
	if (!day_exists(y, m, d))
		return false;
	date_out(y, m, d, out);
	return true;
}

bool import_date_serial(double serial, bool date1904, char out[11])
{
	if (!(serial >= 1 && serial < 2958466))
		return false;
	long days = (long)serial; /* positive: truncation is the floor */
	/* days since 1899-12-31 (1900 system, where Excel counts a 1900-02-29 that never was) or
	 * since 1904-01-01; turned into a civil date by the days-from-civil inverse */
	if (date1904)
		days += 1461;
	else if (days >= 60)
		days -= 1;
	if (!date1904 && (long)serial == 60)
		return false;
	/* days since 1899-12-31 → since 1970-01-01 */
	long z = days - 25568 + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	if (!day_exists((int)y, (int)m, (int)d))
		return false;
	date_out((int)y, (int)m, (int)d, out);
	return true;
}

/* ---- the builder ---- */

struct pairs {
	struct node_pair *v;
	size_t n, cap;
};

struct items {
	struct node **v;
	size_t n, cap;
};

struct cat {
	struct pairs p;
	struct items kids;
	const char *code; /* in the doc's arena */
	size_t stripped; /* the code's length without its trailing zeros: its prefix for children */
	struct loc loc;
	size_t depth;
	size_t parent; /* index + 1, 0 for a top-level category */
	size_t rows;   /* standard rows under it in the sheet */
	bool vacant;
};

struct builder {
	struct doc *d;
	const struct sheet_book *b;
	const struct sheet *s;
	const struct import_opts *o;
	struct diag_store *ds;
	const struct limits *lim;
	const struct column_def **cols; /* by column, NULL when not mapped */
	uint32_t ncols;
	uint32_t header; /* the header row, 0-based */
	bool has[NCOLUMN_DEFS];
	struct cat *cats;
	size_t ncats, capcats;
	struct items rows;
	const char *code_format; /* NULL: the default */
	bool code_format_seen;	 /* inferred from the first row filed under its category */
	struct loc code_format_loc;
	struct footnote_def *fn; /* the footnotes below the table */
	size_t nfn, capfn;
	struct strbuf msg, scratch;
};

static void pairs_add(struct builder *bd, struct pairs *p, const char *key, struct node *value)
{
	XGROW(p->v, p->cap, p->n + 1);
	p->v[p->n].key = node_scalar(bd->d, key, strlen(key), value->loc, 0);
	p->v[p->n].value = value;
	p->n++;
}

static void items_add(struct items *it, struct node *n)
{
	XGROW(it->v, it->cap, it->n + 1);
	it->v[it->n++] = n;
}

static struct node *scalar(struct builder *bd, const char *s, size_t len, struct loc loc)
{
	/* a workbook's positions are cells; a CSV field's are characters and may be counted on */
	return node_scalar(bd->d, s, len, loc, NODE_QUOTED | (bd->b->csv ? 0 : NODE_CELL));
}

/* A cell's position in the tree: xlsx row:col (the store prints them as a cell), CSV line:col. */
static struct loc cell_loc(const struct builder *bd, uint32_t row, uint32_t col)
{
	if (!bd->b->csv)
		return (struct loc){ row + 1, col + 1 };
	const struct sheet_cell *c = sheet_cell_at(bd->s, row, col);
	if (c)
		return c->loc;
	/* a cell the file does not hold: the start of its record */
	const struct sheet_row *r = sheet_row_at(bd->s, row);
	return (struct loc){ r ? r->loc.line : 1, 1 };
}

static struct diag *finding(struct builder *bd, enum diag_code code, struct loc loc,
			    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static struct diag *finding(struct builder *bd, enum diag_code code, struct loc loc,
			    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_reset(&bd->msg);
	strbuf_vaddf(&bd->msg, fmt, ap);
	va_end(ap);
	return diag_add(bd->ds, code, bd->b->path, loc, "%s", bd->msg.buf);
}

/* A cell's text, trimmed, for reading; "" for none. */
static const char *cell_text(const struct sheet_cell *c, size_t *len)
{
	if (!c || c->type == CELL_EMPTY) {
		*len = 0;
		return "";
	}
	const char *s = c->text;
	*len = c->len;
	trim(&s, len);
	return s;
}

/* zhun table --format csv writes a field that a spreadsheet would run as a formula with one
 * more leading apostrophe (docs/table.md): a field of one or more apostrophes and then = + - @,
 * a tab or a CR loses one apostrophe here, and no other field is touched. */
static const char *unneutralise(const char *s, size_t *len)
{
	size_t k = 0;
	while (k < *len && s[k] == '\'')
		k++;
	if (k && k < *len &&
	    (s[k] == '=' || s[k] == '+' || s[k] == '-' || s[k] == '@' || s[k] == '\t' ||
	     s[k] == '\r')) {
		(*len)--;
		return s + 1;
	}
	return s;
}

/* ---- header row and sheet ---- */

/* How many cells of row `r` are headings (recognised or --map'ped) and whether the title or
 * number column is among them. */
static size_t header_score(const struct sheet_row *r, const struct import_opts *o, bool *core)
{
	size_t n = 0;
	*core = false;
	for (size_t i = 0; i < r->n; i++) {
		const struct sheet_cell *c = &r->cells[i];
		if (c->type != CELL_STRING || c->len > 200)
			continue;
		bool skip;
		const struct column_def *cd = heading_column(c->text, c->len, o, &skip);
		if (cd || skip)
			n++;
		if (cd && (!strcmp(cd->key, "title") || !strcmp(cd->key, "number")))
			*core = true;
	}
	return n;
}

enum { HEADER_SCAN_ROWS = 30 };

/* The 0-based index into s->rows of the header row, or -1. */
static long find_header(const struct sheet *s, const struct import_opts *o)
{
	for (size_t i = 0; i < s->nrows && i < HEADER_SCAN_ROWS; i++) {
		bool core;
		if (header_score(&s->rows[i], o, &core) >= 2 && core)
			return (long)i;
	}
	return -1;
}

static void quote_list(struct strbuf *sb, const struct sheet_book *b, const struct sheet *skip)
{
	bool first = true;
	for (size_t i = 0; i < b->nsheets; i++) {
		if (&b->sheets[i] == skip)
			continue;
		strbuf_addf(sb, first ? _("“%s”") : _("、“%s”"), b->sheets[i].name);
		first = false;
	}
}

/* ---- cells → values ---- */

struct cellref {
	uint32_t row, col;
	const struct sheet_cell *c;
	const char *s; /* trimmed */
	size_t len;
	struct loc loc;
	const char *raw; /* as the cell holds it, for free text whose spaces may matter */
	size_t rawlen;
};

static void note_changed(struct builder *bd, const struct cellref *cr, const char *to)
{
	finding(bd, DIAG_IMPORT_NORMALISED, cr->loc, _("“%.*s” imported as “%s”"), (int)cr->len,
		cr->s, to);
}

static bool is_sep_at(const char *p, const char *end, size_t *k)
{
	static const char *const seps[] = { "、", "，", "；", ",", ";", "\n", " / ", "／" };
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		size_t n = strlen(seps[i]);
		if ((size_t)(end - p) >= n && !memcmp(p, seps[i], n)) {
			*k = n;
			return true;
		}
	}
	return false;
}

/* One standard number as a scalar: normalised by the check rules' own fix (stdno_format), each
 * change a note; a number stdno cannot read is kept as typed, so that validation reports it at
 * its cell. */
static struct node *number_node(struct builder *bd, const struct cellref *cr, const char *s,
				size_t len, bool whole_cell)
{
	struct stdno n;
	struct stdno_error err;
	trim(&s, &len);
	if (stdno_parse(s, len, &n, &err)) {
		strbuf_reset(&bd->scratch);
		stdno_format(&n, &bd->scratch);
		if (bd->scratch.len != len || memcmp(bd->scratch.buf, s, len)) {
			if (whole_cell)
				note_changed(bd, cr, bd->scratch.buf);
			else
				finding(bd, DIAG_IMPORT_NORMALISED, cr->loc,
					_("“%.*s” imported as “%s”"), (int)len, s, bd->scratch.buf);
		}
		return scalar(bd, bd->scratch.buf, bd->scratch.len, cr->loc);
	}
	return scalar(bd, s, len, cr->loc);
}

/* Several numbers in one cell (、 ， ； , ; line breaks, " / "). `abolished` is set when the
 * cell says 作废 or 废止 (zhun's 被代替标准号或作废 column). */
static struct node *numlist_node(struct builder *bd, const struct cellref *cr, bool *abolished)
{
	struct items it = { 0 };
	const char *p = cr->s, *end = cr->s + cr->len;
	bool other_sep = false;
	while (p < end) {
		const char *q = p;
		size_t k = 0;
		while (q < end && !is_sep_at(q, end, &k))
			q++;
		/* 、 is how a list is written (GB/T 13016, zhun's tables); another mark is a change
		 */
		if (q < end && (k != 3 || memcmp(q, "、", 3)))
			other_sep = true;
		const char *w = p;
		size_t wl = (size_t)(q - p);
		trim(&w, &wl);
		if (wl) {
			if (abolished &&
			    ((wl == 6 && (!memcmp(w, "作废", 6) || !memcmp(w, "废止", 6))) ||
			     (wl == 9 && !memcmp(w, "abolished", 9))))
				*abolished = true;
			else if (!(wl == 3 && !memcmp(w, "无", 3)) && !(wl == 1 && *w == '-') &&
				 !(wl == 3 && !memcmp(w, "—", 3)))
				items_add(&it, number_node(bd, cr, w, wl, false));
		}
		p = q < end ? q + k : end;
	}
	if (it.n > 1 && other_sep)
		finding(bd, DIAG_IMPORT_NORMALISED, cr->loc,
			_("“%.*s” split into %zu standard numbers"), (int)cr->len, cr->s, it.n);
	struct node *seq = it.n ? node_seq(bd->d, it.v, it.n, cr->loc) : NULL;
	free(it.v);
	return seq;
}

/* Extra words consultants write for an enumerated value, beside the schema's own. */
struct extra_word {
	const struct enum_def *en;
	const char *word;
	const char *as; /* the schema's English word */
};

static const struct extra_word extra_words[] = {
	{ &schema_enum_status, "现行有效", "current" },
	{ &schema_enum_status, "有效", "current" },
	{ &schema_enum_status, "被替代", "replaced" },
	{ &schema_enum_status, "已被代替", "replaced" },
	{ &schema_enum_status, "已废止", "abolished" },
	{ &schema_enum_status, "待制定", "planned" },
	{ &schema_enum_status, "未实施", "upcoming" },
	{ &schema_enum_level, "国家级", "national" },
	{ &schema_enum_level, "行业级", "sector" },
	{ &schema_enum_level, "地方级", "local" },
	{ &schema_enum_level, "团体级", "group" },
	{ &schema_enum_level, "企业级", "enterprise" },
	{ &schema_enum_type, "基础标准", "basic" },
	{ &schema_enum_type, "方法标准", "method" },
	{ &schema_enum_type, "产品标准", "product" },
	{ &schema_enum_type, "过程标准", "process" },
	{ &schema_enum_type, "服务标准", "service" },
	{ &schema_enum_type, "管理标准", "management" },
	{ &schema_enum_type, "岗位标准", "post" },
	{ &schema_enum_type, "工作标准", "post" },
	{ &schema_enum_outcome, "继续", "continue" },
	{ &schema_enum_outcome, "予以废止", "abolish" },
	{ &schema_enum_degree, "IDT", "IDT" },
	{ &schema_enum_degree, "等同", "IDT" },
	{ &schema_enum_degree, "修改", "MOD" },
	{ &schema_enum_degree, "非等效采用", "NEQ" },
	{ &schema_enum_degree, "参照采用", "NEQ" },
};

/* The schema's English word for `s` in enum `e`, or NULL. */
static const char *enum_read(const struct enum_def *e, const char *s, size_t len)
{
	char *w = xstrndup(s, len);
	int v = schema_enum_value(e, w);
	const char *out = v ? schema_enum_word(e, v, false) : NULL;
	for (size_t i = 0; !out && i < sizeof extra_words / sizeof extra_words[0]; i++)
		if (extra_words[i].en == e && !strcasecmp(extra_words[i].word, w))
			out = extra_words[i].as;
	free(w);
	return out;
}

/* What a word of enum `e` is called in a message ("status word"). */
static const char *enum_what(const struct enum_def *e)
{
	if (e == &schema_enum_status)
		return _("status word");
	if (e == &schema_enum_level)
		return _("level word");
	if (e == &schema_enum_type)
		return _("type word");
	if (e == &schema_enum_action)
		return _("立改废释 word");
	return _("degree of adoption");
}

static void value_unread(struct builder *bd, const struct cellref *cr, const char *what)
{
	finding(bd, DIAG_IMPORT_VALUE, cr->loc, _("“%.*s” is not a %s: the cell is not imported"),
		(int)cr->len, cr->s, what);
}

static struct node *date_node(struct builder *bd, const struct cellref *cr)
{
	char iso[11];
	if (cr->c->type == CELL_DATE) {
		/* the reader wrote the serial as ISO text; a time of day is no part of a date */
		if (cr->len >= 10 && import_date_text(cr->s, 10, iso) &&
		    (cr->len == 10 || cr->s[10] == 'T')) {
			if (cr->len > 10 && strcmp(cr->s + 10, "T00:00:00"))
				note_changed(bd, cr, iso);
			return scalar(bd, iso, 10, cr->loc);
		}
	} else if (cr->c->type == CELL_NUMBER) {
		if (import_date_serial(cr->c->num, bd->b->date1904, iso)) {
			note_changed(bd, cr, iso);
			return scalar(bd, iso, 10, cr->loc);
		}
	} else if (import_date_text(cr->s, cr->len, iso)) {
		if (cr->len != 10 || memcmp(cr->s, iso, 10))
			note_changed(bd, cr, iso);
		return scalar(bd, iso, 10, cr->loc);
	}
	value_unread(bd, cr, _("date"));
	return NULL;
}

/* "ISO 9001:2015, IDT", "ISO 9001:2015，等同采用", "ISO 9001:2015 (IDT)", "IDT ISO 9001:2015". */
static struct node *adopts_node(struct builder *bd, const struct cellref *cr)
{
	const char *s = cr->s, *end = cr->s + cr->len;
	const char *degree = NULL;
	const char *std = s;
	size_t stdlen = cr->len;
	/* the degree is the last word after a comma, a space or inside brackets, or the first */
	for (const char *p = end; p > s && !degree; p--) {
		size_t k = 0;
		if (p[-1] == ',' || p[-1] == ' ' || p[-1] == '(')
			k = 1;
		else if (p - s >= 3 && (!memcmp(p - 3, "，", 3) || !memcmp(p - 3, "（", 3) ||
					!memcmp(p - 3, "\u3000", 3)))
			k = 3;
		if (!k)
			continue;
		const char *w = p;
		size_t wl = (size_t)(end - p);
		if (wl && (w[wl - 1] == ')'))
			wl--;
		else if (wl >= 3 && !memcmp(w + wl - 3, "）", 3))
			wl -= 3;
		trim(&w, &wl);
		if (wl && (degree = enum_read(&schema_enum_degree, w, wl))) {
			std = s;
			stdlen = (size_t)(p - k - s);
		}
	}
	if (!degree) {
		for (const char *p = s; p < end && !degree; p++) {
			if (*p != ' ' && (end - p < 3 || memcmp(p, "\u3000", 3)))
				continue;
			if ((degree = enum_read(&schema_enum_degree, s, (size_t)(p - s)))) {
				std = p;
				stdlen = (size_t)(end - p);
			}
		}
	}
	trim(&std, &stdlen);
	while (stdlen && (std[stdlen - 1] == ',' || std[stdlen - 1] == ' '))
		stdlen--;
	if (!degree || !stdlen) {
		value_unread(bd, cr,
			     _("document and degree of adoption (such as “ISO 9001:2015, IDT”)"));
		return NULL;
	}
	struct pairs p = { 0 };
	pairs_add(bd, &p, "standard", scalar(bd, std, stdlen, cr->loc));
	pairs_add(bd, &p, "degree", scalar(bd, degree, strlen(degree), cr->loc));
	struct node *m = node_map(bd->d, p.v, p.n, cr->loc);
	free(p.v);
	return m;
}

/* ---- a row's records in one cell: 修改单, 解释, 复审 ----
 *
 * As table.c writes them (docs/format.md, "The records in a table cell"): entries separated by
 * 、 ； ; or a line break, each "ID（DATE发布，…）：SUMMARY" (English "ID (published DATE, …):
 * SUMMARY") or, for 复审, "DATE OUTCOME". A separator splits only where an entry begins after
 * it, so that a summary may hold a 、 of its own. */

/* A date at the start of s (2022-03-01, 2022/3/1, 2022年3月1日 …) into iso: its length in s,
 * 0 when s does not start with one. */
static size_t date_prefix(const char *s, size_t len, char iso[11])
{
	size_t n = 0;
	while (n < len && n < 24) {
		unsigned char c = (unsigned char)s[n];
		if ((c >= '0' && c <= '9') || c == '-' || c == '/' || c == '.')
			n++;
		else if (len - n >= 3 && (!memcmp(s + n, "年", 3) || !memcmp(s + n, "月", 3) ||
					  !memcmp(s + n, "日", 3)))
			n += 3;
		else
			break;
	}
	/* the longest run that is a date: "2022-03-01." ends a sentence */
	for (; n >= 8; n--)
		if (import_date_text(s, n, iso))
			return n;
	return 0;
}

static size_t skip_blank(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
			   (len - i >= 3 && !memcmp(s + i, "\u3000", 3))))
		i += s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? 1 : 3;
	return i;
}

static bool starts_with(const char *s, size_t len, const char *p)
{
	size_t k = strlen(p);
	return len >= k && !memcmp(s, p, k);
}

static bool ends_with(const char *s, size_t len, const char *p)
{
	size_t k = strlen(p);
	return len >= k && !memcmp(s + len - k, p, k);
}

/* The labels of a record's fields, Chinese after the value ("2022-03-01发布") or before it
 * ("条款5.2"), English before it ("published 2022-03-01"). */
enum rec_field { RF_DATE = 1, RF_EFFECTIVE, RF_BY, RF_CLAUSES };

static const struct {
	const char *word;
	bool after; /* the label follows the value */
	enum rec_field f;
} rec_labels[] = {
	{ "发布", true, RF_DATE },
	{ "实施", true, RF_EFFECTIVE },
	{ "published ", false, RF_DATE },
	{ "issued ", false, RF_DATE },
	{ "effective ", false, RF_EFFECTIVE },
	{ "by ", false, RF_BY },
	{ "涉及条款", false, RF_CLAUSES },
	{ "条款", false, RF_CLAUSES },
	{ "clauses ", false, RF_CLAUSES },
	{ "clause ", false, RF_CLAUSES },
	{ "解释单位", false, RF_BY },
};

/* The label of field f[0..*len) and the value without it; 0 when unlabelled. */
static enum rec_field rec_label(const char **f, size_t *len)
{
	for (size_t i = 0; i < sizeof rec_labels / sizeof rec_labels[0]; i++) {
		const char *w = rec_labels[i].word;
		size_t k = strlen(w);
		if (rec_labels[i].after ? ends_with(*f, *len, w) : starts_with(*f, *len, w)) {
			if (*len == k)
				continue;
			if (!rec_labels[i].after)
				*f += k;
			*len -= k;
			/* "条款：5.2" */
			if (starts_with(*f, *len, "："))
				*f += 3, *len -= 3;
			else if (starts_with(*f, *len, ":"))
				(*f)++, (*len)--;
			trim(f, len);
			return rec_labels[i].f;
		}
	}
	return 0;
}

/* Does an entry of 修改单 or 解释 begin at s: an id, an opening bracket, then a date (after
 * its English label)? Returns the offset of the bracket, or 0. */
static size_t rec_head(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i <= 64) {
		if (s[i] == '(' || starts_with(s + i, len - i, "（"))
			break;
		static const char *const stops[] = { "：", ":",	 "、", "；", ";", "，",
						     ",",  "）", ")",  "\n", "\r" };
		for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
			if (starts_with(s + i, len - i, stops[k]))
				return 0;
		i++;
	}
	const char *id = s;
	size_t idlen = i;
	trim(&id, &idlen);
	if (!idlen || i >= len || i > 64)
		return 0;
	size_t at = i + (s[i] == '(' ? 1 : 3);
	const char *f = s + at;
	size_t fl = len - at;
	size_t sp = skip_blank(f, fl);
	f += sp, fl -= sp;
	if (starts_with(f, fl, "published "))
		f += 10, fl -= 10;
	else if (starts_with(f, fl, "issued "))
		f += 7, fl -= 7;
	char iso[11];
	return date_prefix(f, fl, iso) ? i : 0;
}

static bool rec_begins(enum vkind v, const char *s, size_t len)
{
	size_t sp = skip_blank(s, len);
	char iso[11];
	return v == V_REVIEWS ? date_prefix(s + sp, len - sp, iso) > 0
			      : rec_head(s + sp, len - sp) > 0;
}

/* What a record kind is called in messages, and an example of its entry. */
static const char *rec_what(enum vkind v)
{
	switch (v) {
	case V_AMENDMENTS:
		return _("修改单 entry (such as “XG1（2022-03-01发布）：修改了讲解时长”)");
	case V_INTERPRETATIONS:
		return _("解释 entry (such as “JS-2023-01（2023-04-10发布，条款5.2）：明确…”)");
	default:
		return _("复审 entry (such as “2024-03-15 继续有效”)");
	}
}

static void rec_unread(struct builder *bd, const struct cellref *cr, enum vkind v, const char *s,
		       size_t len)
{
	finding(bd, DIAG_IMPORT_VALUE, cr->loc, _("“%.*s” is not a %s: it is not imported"),
		(int)len, s, rec_what(v));
}

/* A date of an entry as a scalar, its change a note. */
static struct node *rec_date_node(struct builder *bd, const struct cellref *cr, const char *s,
				  size_t len, const char *iso)
{
	if (len != 10 || memcmp(s, iso, 10))
		finding(bd, DIAG_IMPORT_NORMALISED, cr->loc, _("“%.*s” imported as “%s”"), (int)len,
			s, iso);
	return scalar(bd, iso, 10, cr->loc);
}

/* "5.2", "A.1", "附录B": a clause a 解释 names, when it stands alone after a comma. */
static bool looks_like_clause(const char *s, size_t len)
{
	return len && ((s[0] >= '0' && s[0] <= '9') ||
		       (s[0] >= 'A' && s[0] <= 'Z' && (len == 1 || s[1] == '.')) ||
		       starts_with(s, len, "附录"));
}

static void clause_items(struct builder *bd, const struct cellref *cr, struct items *it,
			 const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *q = p;
		size_t k = 0;
		while (q < end && !(k = starts_with(q, (size_t)(end - q), "、")	  ? 3
					: starts_with(q, (size_t)(end - q), "；") ? 3
					: *q == ';'				  ? 1
										  : 0))
			q++;
		const char *w = p;
		size_t wl = (size_t)(q - p);
		trim(&w, &wl);
		if (wl)
			items_add(it, scalar(bd, w, wl, cr->loc));
		p = q < end ? q + k : end;
	}
}

/* One entry "ID（…）：SUMMARY" of 修改单 or 解释 as a mapping, or NULL (a finding). */
static struct node *rec_entry(struct builder *bd, const struct cellref *cr, enum vkind v,
			      const char *s, size_t len)
{
	size_t open = rec_head(s, len);
	if (!open) {
		rec_unread(bd, cr, v, s, len);
		return NULL;
	}
	const char *id = s;
	size_t idlen = open;
	trim(&id, &idlen);
	size_t in = open + (s[open] == '(' ? 1 : 3);
	/* the bracket ends where the summary's colon follows it */
	size_t close = 0, after = 0;
	for (size_t i = in; i < len && !close; i++) {
		size_t k = s[i] == ')' ? 1 : starts_with(s + i, len - i, "）") ? 3 : 0;
		if (!k)
			continue;
		if (starts_with(s + i + k, len - i - k, "："))
			close = i, after = i + k + 3;
		else if (starts_with(s + i + k, len - i - k, ":"))
			close = i, after = i + k + 1;
	}
	if (!close) {
		rec_unread(bd, cr, v, s, len);
		return NULL;
	}
	const char *summary = s + after;
	size_t sumlen = len - after;
	trim(&summary, &sumlen);
	struct node *date = NULL, *effective = NULL;
	struct items clauses = { 0 };
	struct strbuf by = STRBUF_INIT;
	bool in_clauses = false, by_last = false, ok = sumlen > 0;
	const char *by_end = NULL; /* where the last piece of `by` ends in s */
	const char *p = s + in, *end = s + close;
	while (p < end && ok) {
		const char *q = p;
		size_t k = 0;
		while (q < end && !(k = starts_with(q, (size_t)(end - q), "，") ? 3
					: *q == ','				? 1
										: 0))
			q++;
		const char *f = p;
		size_t fl = (size_t)(q - p);
		p = q < end ? q + k : end;
		trim(&f, &fl);
		if (!fl)
			continue;
		enum rec_field rf = rec_label(&f, &fl);
		char iso[11];
		bool is_date = date_prefix(f, fl, iso) == fl;
		if (!rf) {
			if (is_date)
				rf = !date ? RF_DATE : v == V_AMENDMENTS ? RF_EFFECTIVE : 0;
			else if (in_clauses && looks_like_clause(f, fl))
				rf = RF_CLAUSES;
			else if (v == V_INTERPRETATIONS)
				rf = RF_BY;
		}
		in_clauses = rf == RF_CLAUSES;
		bool was_by = by_last;
		by_last = rf == RF_BY;
		if (!was_by)
			by_end = NULL;
		if ((rf == RF_DATE && !date && is_date) ||
		    (rf == RF_EFFECTIVE && v == V_AMENDMENTS && !effective && is_date)) {
			struct node *n = rec_date_node(bd, cr, f, fl, iso);
			if (rf == RF_DATE)
				date = n;
			else
				effective = n;
		} else if (rf == RF_BY && v == V_INTERPRETATIONS) {
			/* a body's name with a comma of its own comes back whole, the comma as
			 * typed */
			if (by.len && by_end)
				strbuf_add(&by, by_end, (size_t)(f + fl - by_end));
			else
				strbuf_addf(&by, "%s%.*s", by.len ? "，" : "", (int)fl, f);
			by_end = f + fl;
		} else if (rf == RF_CLAUSES && v == V_INTERPRETATIONS) {
			clause_items(bd, cr, &clauses, f, fl);
		} else {
			ok = false;
		}
	}
	struct node *m = NULL;
	if (ok && date && idlen) {
		struct pairs pr = { 0 };
		pairs_add(bd, &pr, "id", scalar(bd, id, idlen, cr->loc));
		pairs_add(bd, &pr, v == V_AMENDMENTS ? "published" : "issued", date);
		if (effective)
			pairs_add(bd, &pr, "effective", effective);
		if (by.len)
			pairs_add(bd, &pr, "by", scalar(bd, by.buf, by.len, cr->loc));
		if (clauses.n)
			pairs_add(bd, &pr, "clauses",
				  node_seq(bd->d, clauses.v, clauses.n, cr->loc));
		pairs_add(bd, &pr, "summary", scalar(bd, summary, sumlen, cr->loc));
		m = node_map(bd->d, pr.v, pr.n, cr->loc);
		free(pr.v);
	} else {
		rec_unread(bd, cr, v, s, len);
	}
	free(clauses.v);
	strbuf_release(&by);
	return m;
}

/* One 复审 entry "2024-03-15 继续有效" ("2024-03-15（继续有效）", English words too). */
static struct node *review_entry(struct builder *bd, const struct cellref *cr, const char *s,
				 size_t len)
{
	char iso[11];
	size_t dl = date_prefix(s, len, iso);
	const char *w = s + dl;
	size_t wl = len - dl;
	trim(&w, &wl);
	if (starts_with(w, wl, "（") && ends_with(w, wl, "）"))
		w += 3, wl -= 6;
	else if (wl >= 2 && w[0] == '(' && w[wl - 1] == ')')
		w++, wl -= 2;
	trim(&w, &wl);
	const char *outcome = dl && wl ? enum_read(&schema_enum_outcome, w, wl) : NULL;
	if (!outcome) {
		rec_unread(bd, cr, V_REVIEWS, s, len);
		return NULL;
	}
	struct pairs pr = { 0 };
	pairs_add(bd, &pr, "date", rec_date_node(bd, cr, s, dl, iso));
	pairs_add(bd, &pr, "outcome", scalar(bd, outcome, strlen(outcome), cr->loc));
	struct node *m = node_map(bd->d, pr.v, pr.n, cr->loc);
	free(pr.v);
	return m;
}

/* The entries of a records cell as a sequence, or NULL when none could be read. */
static struct node *records_node(struct builder *bd, const struct cellref *cr, enum vkind v)
{
	struct items it = { 0 };
	const char *s = cr->s, *end = cr->s + cr->len, *start = s;
	for (const char *p = s; p <= end; p++) {
		size_t k = 0;
		if (p < end)
			k = starts_with(p, (size_t)(end - p), "、")   ? 3
			    : starts_with(p, (size_t)(end - p), "；") ? 3
			    : *p == ';' || *p == '\n'		      ? 1
								      : 0;
		if (p < end && (!k || !rec_begins(v, p + k, (size_t)(end - p) - k)))
			continue;
		const char *e = start;
		size_t el = (size_t)(p - start);
		trim(&e, &el);
		if (el) {
			struct node *n = v == V_REVIEWS ? review_entry(bd, cr, e, el)
							: rec_entry(bd, cr, v, e, el);
			if (n)
				items_add(&it, n);
		}
		if (p == end)
			break;
		start = p + k;
		p += k - 1;
	}
	struct node *seq = it.n ? node_seq(bd->d, it.v, it.n, cr->loc) : NULL;
	free(it.v);
	return seq;
}

/* ---- footnote marks typed as text ----
 *
 * A consultant marks a cell with a footnote as the keyboard allows — "GB/T 1234—2020¹",
 * "…（注1）", "①", "*" — and writes the footnote below the table ("注1：该标准正在修订",
 * "¹ …", "* …"), in a row of its own or, in Word, a paragraph under the table. The mark is
 * taken off the value and the footnote's text becomes the row's 备注; a mark without a
 * footnote, and a footnote no cell cites, are findings (import-footnote). */

enum { MARK_KEY = 8 };

/* Superscript digit (¹ ² ³ ⁰ ⁴ … ⁹) → its value, else -1. */
static int sup_digit(uint32_t cp)
{
	if (cp == 0xB9)
		return 1;
	if (cp == 0xB2 || cp == 0xB3)
		return (int)cp - 0xB0;
	if (cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079))
		return (int)cp - 0x2070;
	return -1;
}

/* The character before s[end] (UTF-8): its code point and where it starts; false at 0. */
static bool cp_before(const char *s, size_t end, uint32_t *cp, size_t *at)
{
	if (!end)
		return false;
	size_t i = end - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && end - i < 4)
		i--;
	if (utf8_decode(s + i, end - i, cp) != end - i) {
		*cp = (unsigned char)s[end - 1];
		i = end - 1;
	}
	*at = i;
	return true;
}

/* A mark at the end of s[0..len): its key ("1", "*", "※") and its length (with a 见 and the
 * brackets around a 注1); 0 when there is none. *strong: a superscript, circled or 注N mark,
 * which is never part of a value (a trailing * may be). */
static size_t mark_at_end(const char *s, size_t len, char key[MARK_KEY], bool *strong)
{
	uint32_t cp;
	size_t at, end = len;
	*strong = true;
	/* most cells end in a letter, a digit of a number or date, or a CJK character: the common
	 * case decides on its last byte (every mark ends in a digit, * ) ] or a non-ASCII one) */
	unsigned char last = len ? (unsigned char)s[len - 1] : 0;
	if (!len || (last < 0x80 && last != '*' && last != ')' && last != ']' &&
		     !(last >= '0' && last <= '9')))
		return 0;
	/* superscript digits */
	char digits[MARK_KEY];
	size_t nd = 0;
	while (cp_before(s, end, &cp, &at) && sup_digit(cp) >= 0 && nd < 3) {
		digits[nd++] = (char)('0' + sup_digit(cp));
		end = at;
	}
	/* after a letter it is a unit's power (m², cm³), not a mark */
	if (nd && end &&
	    ((s[end - 1] >= 'a' && s[end - 1] <= 'z') || (s[end - 1] >= 'A' && s[end - 1] <= 'Z')))
		nd = 0;
	if (nd && end) {
		for (size_t i = 0; i < nd; i++)
			key[i] = digits[nd - 1 - i];
		key[nd] = '\0';
		return len - end;
	}
	end = len;
	/* ① … ⑳ */
	if (cp_before(s, end, &cp, &at) && cp >= 0x2460 && cp <= 0x2473 && at) {
		snprintf(key, MARK_KEY, "%u", (unsigned)(cp - 0x2460 + 1));
		return len - at;
	}
	/* 注1, （注1）, (见注1) */
	size_t close = 0;
	if (ends_with(s, end, "）"))
		close = 3;
	else if (end && (s[end - 1] == ')' || s[end - 1] == ']'))
		close = 1;
	size_t e = end - close, d = e;
	while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9' && e - d < 2)
		d--;
	if (d < e && !(d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9')) {
		size_t n = d;
		if (n && s[n - 1] == ' ')
			n--;
		/* 备注1, 附注2: a remark's word and its number, which the 备注 column of a
		 * generated table holds; a mark after it is bracketed or has its 见 */
		bool word = !close && (ends_with(s, n, "备注") || ends_with(s, n, "附注"));
		if (ends_with(s, n, "注") && !word) {
			n -= 3;
			if (ends_with(s, n, "见"))
				n -= 3;
			bool open = false;
			if (close == 3 && ends_with(s, n, "（"))
				n -= 3, open = true;
			else if (close == 1 && n && (s[n - 1] == '(' || s[n - 1] == '['))
				n--, open = true;
			if (!close || open) {
				snprintf(key, MARK_KEY, "%.*s", (int)(e - d), s + d);
				return len - n;
			}
		}
	}
	/* *, **, ***, ※ */
	*strong = false;
	size_t stars = 0;
	while (stars < len && stars < 3 && s[len - 1 - stars] == '*')
		stars++;
	if (stars && stars < len && s[len - 1 - stars] != '*') {
		memset(key, '*', stars);
		key[stars] = '\0';
		return stars;
	}
	if (len > 3 && ends_with(s, len, "※")) {
		memcpy(key, "※", 4);
		return 3;
	}
	return 0;
}

/* A footnote at the start of s ("注1：…", "¹ …", "① …", "* …", "※ …"): its key and the
 * bytes before its text; 0 when s is none. */
static size_t mark_at_start(const char *s, size_t len, char key[MARK_KEY])
{
	size_t i = 0, nk = 0;
	uint32_t cp;
	size_t k;
	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) && sup_digit(cp) >= 0 && nk < 3) {
		key[nk++] = (char)('0' + sup_digit(cp));
		i += k;
	}
	if (!nk && i < len && (k = utf8_decode(s + i, len - i, &cp)) && cp >= 0x2460 &&
	    cp <= 0x2473) {
		nk = (size_t)snprintf(key, MARK_KEY, "%u", (unsigned)(cp - 0x2460 + 1));
		i += k;
	}
	if (!nk && starts_with(s, len, "注")) {
		i = 3;
		if (i < len && s[i] == ' ')
			i++;
		size_t d = i;
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - d < 2)
			i++;
		if (i == d || (i < len && s[i] >= '0' && s[i] <= '9'))
			return 0;
		nk = i - d;
		memcpy(key, s + d, nk);
	}
	if (!nk) {
		while (i < len && s[i] == '*' && i < 3)
			key[nk++] = s[i++];
		if (!nk && starts_with(s, len, "※")) {
			memcpy(key, "※", 3);
			nk = 3;
			i = 3;
		}
	}
	if (!nk)
		return 0;
	key[nk] = '\0';
	/* what stands between the mark and the text: "：", ":", "）", white space */
	size_t before = i;
	for (;;) {
		size_t sp = skip_blank(s + i, len - i);
		i += sp;
		if (starts_with(s + i, len - i, "：") || starts_with(s + i, len - i, "）"))
			i += 3;
		else if (i < len && (s[i] == ':' || s[i] == ')'))
			i++;
		else
			break;
	}
	/* "注1" must be set off from its text: "注12项…" is no footnote */
	if (i == before && (key[0] >= '0' && key[0] <= '9') && starts_with(s, len, "注"))
		return 0;
	return i < len ? i : 0;
}

struct footnote_def {
	char key[MARK_KEY];
	char mark[24];	  /* as typed, for messages: "注1", "¹", "*" */
	const char *text; /* in the doc's arena */
	struct loc loc;	  /* its cell, or {0, 0} for a paragraph */
	uint32_t para;	  /* Word: the paragraph number, else 0 */
	bool cited;
};

static void footnote_add(struct builder *bd, const char *key, const char *mark, const char *s,
			 size_t len, struct loc loc, uint32_t para)
{
	XGROW(bd->fn, bd->capfn, bd->nfn + 1);
	struct footnote_def *f = &bd->fn[bd->nfn++];
	memcpy(f->key, key, MARK_KEY);
	memcpy(f->mark, mark, sizeof f->mark);
	trim(&s, &len);
	f->text = arena_strndup(bd->d->arena, s, len);
	f->loc = loc;
	f->para = para;
	f->cited = false;
}

/* The footnotes in text s: each line that begins with a mark starts one, a line without one
 * continues it. False when the first line has no mark (the text is no footnote). */
static bool footnotes_in(struct builder *bd, const char *s, size_t len, struct loc loc,
			 uint32_t para, bool dry)
{
	const char *p = s, *end = s + len;
	bool any = false;
	struct strbuf text = STRBUF_INIT;
	char key[MARK_KEY] = "", mark[24] = "";
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *q = nl ? nl : end;
		const char *w = p;
		size_t wl = (size_t)(q - p);
		trim(&w, &wl);
		char k2[MARK_KEY];
		size_t m = wl ? mark_at_start(w, wl, k2) : 0;
		if (m) {
			if (any && !dry)
				footnote_add(bd, key, mark, text.buf, text.len, loc, para);
			strbuf_reset(&text);
			memcpy(key, k2, MARK_KEY);
			/* the mark without what sets it off from the text */
			size_t ml = m;
			while (ml && (w[ml - 1] == ' ' || w[ml - 1] == ':' || w[ml - 1] == ')'))
				ml--;
			while (ml >= 3 &&
			       (!memcmp(w + ml - 3, "：", 3) || !memcmp(w + ml - 3, "）", 3) ||
				!memcmp(w + ml - 3, "\u3000", 3)))
				ml -= 3;
			snprintf(mark, sizeof mark, "%.*s", (int)(ml < sizeof mark ? ml : 0), w);
			strbuf_add(&text, w + m, wl - m);
			any = true;
		} else if (!any) {
			strbuf_release(&text);
			return false;
		} else if (wl) {
			strbuf_addc(&text, '\n');
			strbuf_add(&text, w, wl);
		}
		p = nl ? nl + 1 : end;
	}
	if (any && !dry)
		footnote_add(bd, key, mark, text.buf, text.len, loc, para);
	strbuf_release(&text);
	return any;
}

static struct footnote_def *footnote_find(struct builder *bd, const char *key)
{
	for (size_t i = 0; i < bd->nfn; i++)
		if (!strcmp(bd->fn[i].key, key))
			return &bd->fn[i];
	return NULL;
}

/* ---- categories ---- */

static bool is_code_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       c == '.' || c == '-' || c == '_';
}

/* "101 标准化导则", "101　标准化导则（12项）", "103 符号与标志标准（空缺）": code, title and
 * whether the row says the category is vacant. False when the text does not start with a code. */
static bool split_category(const char *s, size_t len, const char **code, size_t *codelen,
			   const char **title, size_t *titlelen, bool *vacant)
{
	size_t i = 0;
	while (i < len && is_code_char(s[i]))
		i++;
	if (!i || i == len || (!(s[0] >= '0' && s[0] <= '9') && !(s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	/* a standard number ("GB/T 1.1") is no category code */
	if (s[i] == '/')
		return false;
	*code = s;
	*codelen = i;
	const char *t = s + i;
	size_t tl = len - i;
	trim(&t, &tl);
	*vacant = false;
	/* trailing markers: （空缺） （待制定） 空缺 （12项） (12) */
	for (bool again = true; again && tl;) {
		again = false;
		static const char *const marks[] = {
			"（空缺）", "(空缺)", "（待制定）", "(待制定)",
			"空缺",	    "待制定", "（vacant）", "(vacant)"
		};
		for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
			size_t ml = strlen(marks[k]);
			if (tl > ml && !memcmp(t + tl - ml, marks[k], ml)) {
				tl -= ml;
				*vacant = true;
				again = true;
			}
		}
		const char *open = NULL;
		for (const char *p = t; p < t + tl; p++)
			if (*p == '(' || (t + tl - p >= 3 && !memcmp(p, "（", 3)))
				open = p;
		if (open) {
			const char *q = open + (*open == '(' ? 1 : 3);
			while (q < t + tl && *q >= '0' && *q <= '9')
				q++;
			bool digits = q > open + (*open == '(' ? 1 : 3);
			if (digits && t + tl - q >= 3 && !memcmp(q, "项", 3))
				q += 3;
			if (digits && ((q < t + tl && *q == ')' && q + 1 == t + tl) ||
				       (t + tl - q == 3 && !memcmp(q, "）", 3)))) {
				tl = (size_t)(open - t);
				again = true;
			}
		}
		trim(&t, &tl);
	}
	if (!tl)
		return false;
	*title = t;
	*titlelen = tl;
	return true;
}

static size_t strip_zeros(const char *code)
{
	size_t n = strlen(code);
	while (n > 1 && code[n - 1] == '0')
		n--;
	return n;
}

/* A new category under the innermost open one whose code (without its trailing zeros) is a
 * proper prefix of this code: 100 → 101, A → A1 → A1.1. Returns its index, or the existing
 * category of that code. */
static size_t add_category(struct builder *bd, const char *code, size_t codelen, const char *title,
			   size_t titlelen, bool vacant, struct loc loc, size_t open, bool under)
{
	for (size_t i = 0; i < bd->ncats; i++)
		if (strlen(bd->cats[i].code) == codelen && !memcmp(bd->cats[i].code, code, codelen))
			return i;
	size_t parent = open;
	while (parent && !under) {
		const struct cat *p = &bd->cats[parent - 1];
		if (p->stripped < codelen && !memcmp(p->code, code, p->stripped))
			break;
		parent = p->parent;
	}
	XGROW(bd->cats, bd->capcats, bd->ncats + 1);
	struct cat *c = &bd->cats[bd->ncats];
	memset(c, 0, sizeof *c);
	c->code = arena_strndup(bd->d->arena, code, codelen);
	c->stripped = strip_zeros(c->code);
	c->loc = loc;
	c->parent = parent;
	c->vacant = vacant;
	pairs_add(bd, &c->p, "code", scalar(bd, code, codelen, loc));
	pairs_add(bd, &c->p, "title", scalar(bd, title, titlelen, loc));
	return bd->ncats++;
}

/* The category part of a row code under `{category}<sep>{serial…}` formats: the text before
 * the last separator. 0 when the code has none. */
static size_t code_category_len(const char *code, size_t len)
{
	for (size_t i = len; i > 0; i--)
		if (code[i - 1] == '-' || code[i - 1] == '.' || code[i - 1] == '_')
			return i - 1;
	return 0;
}

/* ---- rows ---- */

static bool has_key(const struct builder *bd, const char *key)
{
	const struct column_def *c = column_by_key(key);
	return c && bd->has[c - columns];
}

static bool is_action_mark(const char *s, size_t len, size_t *k, const char **action)
{
	static const struct {
		const char *zh, *en;
	} marks[] = { { "拟制定", "establish" },
		      { "拟修订", "revise" },
		      { "拟废止", "abolish" },
		      /* the English tables' words, followed by "; " or alone */
		      { "establish", "establish" },
		      { "revise", "revise" },
		      { "abolish", "abolish" } };
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t n = strlen(marks[i].zh);
		if (len >= n && !memcmp(s, marks[i].zh, n) &&
		    (i < 3 || len == n || (len > n + 1 && s[n] == ';' && s[n + 1] == ' '))) {
			*k = n;
			*action = marks[i].en;
			return true;
		}
	}
	return false;
}

struct rowvals {
	struct pairs p;
	const struct footnote_def *notes[8]; /* footnotes its cells cite, in order */
	size_t nnotes;
	struct loc notes_loc;
	const char *status; /* from a status column */
	bool abolished;	    /* 作废 in the replaces column */
	const char *action;
	struct loc action_loc;
	const char *catcode; /* 所属类别 */
	size_t catcodelen;
	const char *cattitle;
	size_t cattitlelen;
	struct loc catloc;
	const char *path; /* 类别路径 */
	size_t pathlen;
	struct loc pathloc;
	bool has_code;
	struct loc code_loc;
};

static void read_cell(struct builder *bd, struct rowvals *rv, const struct column_def *cd,
		      struct cellref *cr, bool registry)
{
	struct node *v = NULL;
	if (cr->len > bd->lim->max_line_length) {
		finding(bd, DIAG_IMPORT_VALUE, cr->loc,
			_("the cell holds %zu bytes, over the limit of %zu: it is not imported"),
			cr->len, bd->lim->max_line_length);
		return;
	}
	if (registry && !cd->registry) {
		finding(bd, DIAG_IMPORT_COLUMN_UNKNOWN, cr->loc,
			_("a registry has no “%s”: “%.*s” is not imported"), cd->key, (int)cr->len,
			cr->s);
		return;
	}
	switch (cd->v) {
	case V_SKIP:
		return;
	case V_TEXT:
		v = scalar(bd, cr->s, cr->len, cr->loc);
		if (!strcmp(cd->key, "code")) {
			rv->has_code = true;
			rv->code_loc = cr->loc;
		}
		break;
	case V_NUMBER:
		v = number_node(bd, cr, cr->s, cr->len, true);
		break;
	case V_NUMLIST:
		v = numlist_node(bd, cr, NULL);
		break;
	case V_REPLACES:
		v = numlist_node(bd, cr, &rv->abolished);
		break;
	case V_ENUM: {
		const char *w = enum_read(cd->en, cr->s, cr->len);
		if (!w) {
			value_unread(bd, cr, enum_what(cd->en));
			return;
		}
		if (!strcmp(cd->key, "status"))
			rv->status = w;
		if (!strcmp(cd->key, "action")) {
			rv->action = w;
			rv->action_loc = cr->loc;
			return;
		}
		v = scalar(bd, w, strlen(w), cr->loc);
		break;
	}
	case V_DATE:
		v = date_node(bd, cr);
		break;
	case V_ADOPTS:
		v = adopts_node(bd, cr);
		break;
	case V_NOTE: {
		const char *s = cr->raw;
		size_t len = cr->rawlen, k;
		const char *action;
		/* zhun's tables lead the 备注 with the 立改废释 marker: it is the action, once;
		 * not when the sheet has a 立改废释 column, which says it (and a table that has
		 * one writes the 备注 as it is) */
		if (!has_key(bd, "action") && is_action_mark(s, len, &k, &action) &&
		    (!rv->action || !strcmp(rv->action, action))) {
			if (!rv->action) {
				rv->action = action;
				rv->action_loc = cr->loc;
			}
			s += k;
			len -= k;
			if (len >= 3 && (!memcmp(s, "；", 3) || !memcmp(s, "，", 3)))
				s += 3, len -= 3;
			else if (len >= 2 && (*s == ';' || *s == ',') && s[1] == ' ')
				s += 2, len -= 2; /* the English tables' "; " */
			else if (len && (*s == ';' || *s == ','))
				s++, len--;
		}
		if (!len)
			return;
		v = scalar(bd, s, len, cr->loc);
		break;
	}
	case V_AMENDMENTS:
	case V_INTERPRETATIONS:
	case V_REVIEWS:
		v = records_node(bd, cr, cd->v);
		break;
	case V_PATH:
		rv->path = cr->s;
		rv->pathlen = cr->len;
		rv->pathloc = cr->loc;
		return;
	case V_CATEGORY: {
		bool vacant;
		if (!split_category(cr->s, cr->len, &rv->catcode, &rv->catcodelen, &rv->cattitle,
				    &rv->cattitlelen, &vacant)) {
			value_unread(bd, cr, _("category (such as “101 标准化导则”)"));
			return;
		}
		rv->catloc = cr->loc;
		return;
	}
	}
	if (v)
		pairs_add(bd, &rv->p, cd->key, v);
}

/* A footnote mark at the end of a cell: taken off, its footnote kept for the row's 备注. */
static void footnote_mark(struct builder *bd, struct rowvals *rv, struct cellref *cr)
{
	char key[MARK_KEY];
	bool strong;
	size_t m = mark_at_end(cr->s, cr->len, key, &strong);
	if (!m)
		return;
	const struct footnote_def *f = footnote_find(bd, key);
	if (!f) {
		if (strong)
			finding(
			    bd, DIAG_IMPORT_FOOTNOTE, cr->loc,
			    _("“%.*s” ends in the footnote mark “%.*s”, but no footnote below the "
			      "table has it: the mark is left out"),
			    (int)cr->len, cr->s, (int)m, cr->s + cr->len - m);
		else
			finding(bd, DIAG_IMPORT_FOOTNOTE, cr->loc,
				_("“%.*s” ends in “%.*s”, which looks like a footnote mark, but no "
				  "footnote below the table has it: the cell is imported as it is"),
				(int)cr->len, cr->s, (int)m, cr->s + cr->len - m);
		if (!strong)
			return;
	} else {
		bd->fn[f - bd->fn].cited = true;
		bool have = false;
		for (size_t i = 0; i < rv->nnotes; i++)
			have |= rv->notes[i] == f;
		if (!have && rv->nnotes < sizeof rv->notes / sizeof rv->notes[0]) {
			if (!rv->nnotes)
				rv->notes_loc = cr->loc;
			rv->notes[rv->nnotes++] = f;
		}
		finding(bd, DIAG_IMPORT_NORMALISED, cr->loc,
			_("footnote mark “%.*s” taken off “%.*s”: its footnote is the row's 备注"),
			(int)m, cr->s + cr->len - m, (int)cr->len, cr->s);
	}
	cr->len -= m;
	trim(&cr->s, &cr->len);
	cr->raw = cr->s;
	cr->rawlen = cr->len;
}

/* The row's 备注 with the footnotes its cells cite after it, "；" between. */
static void footnotes_to_note(struct builder *bd, struct rowvals *rv)
{
	if (!rv->nnotes)
		return;
	struct strbuf sb = STRBUF_INIT;
	struct node_pair *note = NULL;
	for (size_t i = 0; i < rv->p.n; i++)
		if (!strcmp(rv->p.v[i].key->u.str, "note"))
			note = &rv->p.v[i];
	if (note)
		strbuf_adds(&sb, note->value->u.str);
	for (size_t i = 0; i < rv->nnotes; i++)
		strbuf_addf(&sb, "%s%s", sb.len ? "；" : "", rv->notes[i]->text);
	struct node *v = scalar(bd, sb.buf, sb.len, note ? note->value->loc : rv->notes_loc);
	if (note)
		note->value = v;
	else
		pairs_add(bd, &rv->p, "note", v);
	strbuf_release(&sb);
}

/* Is row r a category row: one text, alone or in one merged range? */
static const struct sheet_cell *category_cell(const struct builder *bd, const struct sheet_row *r)
{
	const struct sheet_cell *only = NULL;
	const struct sheet_range *m = NULL;
	for (size_t i = 0; i < r->n; i++) {
		const struct sheet_cell *c = &r->cells[i];
		size_t len;
		cell_text(c, &len);
		if (!len)
			continue;
		if (!only) {
			only = c;
			m = sheet_merge_at(bd->s, r->row, c->col);
			continue;
		}
		if (!m || c->col < m->col0 || c->col > m->col1)
			return NULL;
	}
	return only && only->type == CELL_STRING ? only : NULL;
}

/* Does the lone text of a row name a category ("101 标准化导则")? Not when it sits in the number
 * column: "GB/T 1.1 …" alone is a standard row without a title. */
static bool is_category_row(const struct builder *bd, const struct sheet_cell *c)
{
	const struct column_def *cd = c->col < bd->ncols ? bd->cols[c->col] : NULL;
	size_t len, cl, tl;
	const char *s = cell_text(c, &len), *code, *title;
	bool vacant;
	return (!cd || strcmp(cd->key, "number")) &&
	       split_category(s, len, &code, &cl, &title, &tl, &vacant);
}

static void set_pair(struct builder *bd, struct pairs *p, const char *key, const char *s,
		     struct loc loc)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].key->u.str, key))
			return;
	pairs_add(bd, p, key, scalar(bd, s, strlen(s), loc));
}

/* Where a row goes in the 体系表: from its 所属类别, else the current category row, else the
 * category part of its code. Returns the category index + 1, or 0. */
static size_t row_category(struct builder *bd, struct rowvals *rv, size_t current, const char *code)
{
	if (rv->path) {
		/* "100 通用基础标准 / 101 标准化导则": each box under the one before it */
		size_t parent = 0;
		const char *p = rv->path, *end = rv->path + rv->pathlen;
		while (p < end) {
			const char *q = p;
			while (q < end && !(end - q >= 3 && !memcmp(q, " / ", 3)))
				q++;
			const char *cc, *title;
			size_t cl, tl;
			bool vacant;
			if (!split_category(p, (size_t)(q - p), &cc, &cl, &title, &tl, &vacant)) {
				struct cellref cr = { 0,	0,	     NULL,
						      rv->path, rv->pathlen, rv->pathloc,
						      rv->path, rv->pathlen };
				value_unread(bd, &cr,
					     _("category path (such as “100 通用基础标准 / 101 "
					       "标准化导则”)"));
				return current;
			}
			parent =
			    add_category(bd, cc, cl, title, tl, false, rv->pathloc, parent, true) +
			    1;
			p = q < end ? q + 3 : end;
		}
		return parent;
	}
	if (rv->catcode)
		return add_category(bd, rv->catcode, rv->catcodelen, rv->cattitle, rv->cattitlelen,
				    false, rv->catloc, current, false) +
		       1;
	if (current)
		return current;
	size_t cl = code ? code_category_len(code, strlen(code)) : 0;
	if (cl)
		return add_category(bd, code, cl, code, cl, false, rv->code_loc, 0, false) + 1;
	return 0;
}

/* A row's keys in the registry's order (code, number, title, … as format.md lists them), not
 * the sheet's: the same rows give the same file whatever order the columns stood in. */
static size_t key_rank(const char *key)
{
	for (size_t i = 0; i < NCOLUMN_DEFS; i++)
		if (!strcmp(columns[i].key, key))
			return i;
	return NCOLUMN_DEFS;
}

static void sort_pairs(struct pairs *p)
{
	/* each key ranked once: the sort ran key_rank's string compares per comparison, a tenth
	 * of a 10,000-row import */
	size_t rank[NCOLUMN_DEFS + 4];
	if (p->n > sizeof rank / sizeof rank[0])
		return;
	for (size_t i = 0; i < p->n; i++)
		rank[i] = key_rank(p->v[i].key->u.str);
	for (size_t i = 1; i < p->n; i++) {
		struct node_pair x = p->v[i];
		size_t r = rank[i], j = i;
		for (; j > 0 && rank[j - 1] > r; j--) {
			p->v[j] = p->v[j - 1];
			rank[j] = rank[j - 1];
		}
		p->v[j] = x;
		rank[j] = r;
	}
}

/* The system's code-format, from the first row code that begins with its category's code:
 * "BZ-01" under BZ is {category}-{serial:2}. The default ({category}-{serial:3}) is not
 * written; another is, with a note, since the sheet never says it. */
static void infer_code_format(struct builder *bd, const char *cat, const struct node *code)
{
	size_t cl = strlen(cat);
	const char *s = code->u.str;
	if (strncmp(s, cat, cl))
		return;
	bd->code_format_seen = true;
	size_t i = cl;
	while (s[i] && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	size_t digits = 0;
	while (s[i + digits] >= '0' && s[i + digits] <= '9')
		digits++;
	if (!digits || s[i + digits] || i - cl > 8 || digits > 9 || memchr(s + cl, '{', i - cl) ||
	    memchr(s + cl, '}', i - cl))
		return;
	if (i - cl == 1 && s[cl] == '-' && digits == 3)
		return;
	strbuf_reset(&bd->scratch);
	strbuf_adds(&bd->scratch, "{category}");
	strbuf_add(&bd->scratch, s + cl, i - cl);
	if (digits > 1)
		strbuf_addf(&bd->scratch, "{serial:%zu}", digits);
	else
		strbuf_adds(&bd->scratch, "{serial}");
	bd->code_format = arena_strdup(bd->d->arena, bd->scratch.buf);
	bd->code_format_loc = code->loc;
	finding(bd, DIAG_IMPORT_NORMALISED, code->loc,
		_("the 体系表编号 “%s” is read as code-format “%s”"), s, bd->code_format);
}

static void build_row(struct builder *bd, const struct sheet_row *r, size_t *current, bool registry)
{
	struct rowvals rv = { 0 };
	bool any = false;
	struct loc first = { 0, 0 };
	for (size_t i = 0; i < r->n; i++) {
		const struct sheet_cell *c = &r->cells[i];
		struct cellref cr = { r->row, c->col, c, NULL, 0, { 0, 0 }, c->text, c->len };
		if (bd->b->csv)
			cr.raw = unneutralise(cr.raw, &cr.rawlen);
		cr.s = cr.raw;
		cr.len = cr.rawlen;
		trim(&cr.s, &cr.len);
		if (!cr.len)
			continue;
		cr.loc = cell_loc(bd, r->row, c->col);
		if (!any)
			first = cr.loc;
		any = true;
		/* a cell under a heading zhun does not know: the heading was reported, once */
		const struct column_def *cd = c->col < bd->ncols ? bd->cols[c->col] : NULL;
		if (cd && cd->v != V_SKIP)
			footnote_mark(bd, &rv, &cr);
		if (cd && cr.len)
			read_cell(bd, &rv, cd, &cr, registry);
	}
	if (!any)
		goto out;
	const struct node *title = NULL, *number = NULL, *code = NULL;
	for (size_t i = 0; i < rv.p.n; i++) {
		const char *k = rv.p.v[i].key->u.str;
		if (!strcmp(k, "title"))
			title = rv.p.v[i].value;
		else if (!strcmp(k, "number"))
			number = rv.p.v[i].value;
		else if (!strcmp(k, "code"))
			code = rv.p.v[i].value;
	}
	/* a code alone ("合计：3项" in the 体系表编号 column) names no standard */
	if (!title && !number) {
		finding(
		    bd, DIAG_IMPORT_ROW, first,
		    _("row %u is neither a category row nor a standard row: it is not imported"),
		    (unsigned)r->row + 1);
		goto out;
	}
	footnotes_to_note(bd, &rv);
	if (rv.action)
		set_pair(bd, &rv.p, "action", rv.action, rv.action_loc);
	if (!rv.status && rv.abolished)
		set_pair(bd, &rv.p, "status", "abolished", first);
	if (!rv.status && !number && rv.action && !strcmp(rv.action, "establish") &&
	    !has_key(bd, "status")) {
		/* a row to be made has no number yet; without a status column, 拟制定 says planned
		 */
		finding(bd, DIAG_IMPORT_NORMALISED, rv.action_loc,
			_("row %u has no standard number and is to be made (拟制定): its status is "
			  "“planned”"),
			(unsigned)r->row + 1);
		set_pair(bd, &rv.p, "status", "planned", rv.action_loc);
	}
	sort_pairs(&rv.p);
	if (registry) {
		items_add(&bd->rows, node_map(bd->d, rv.p.v, rv.p.n, first));
		goto out;
	}
	size_t cat = row_category(bd, &rv, *current, code ? code->u.str : NULL);
	if (cat)
		bd->cats[cat - 1].rows++;
	if (cat && code && !bd->code_format_seen)
		infer_code_format(bd, bd->cats[cat - 1].code, code);
	if (!code && cat) {
		/* a row without its 体系表编号 gets the next one of its category */
		struct cat *c = &bd->cats[cat - 1];
		strbuf_reset(&bd->scratch);
		strbuf_addf(&bd->scratch, "%s-%03zu", c->code, c->rows);
		finding(bd, DIAG_IMPORT_NORMALISED, first,
			_("row %u has no 体系表编号: it is given “%s”, the next of category “%s”"),
			(unsigned)r->row + 1, bd->scratch.buf, c->code);
		pairs_add(bd, &rv.p, "code", scalar(bd, bd->scratch.buf, bd->scratch.len, first));
		sort_pairs(&rv.p);
	}
	items_add(&bd->rows, node_map(bd->d, rv.p.v, rv.p.n, first));
out:
	free(rv.p.v);
}

/* ---- title rows ---- */

static bool take_prefix(const char **s, size_t *len, const char *const *prefixes)
{
	for (const char *const *p = prefixes; *p; p++) {
		size_t k = strlen(*p);
		if (*len > k && !memcmp(*s, *p, k)) {
			*s += k;
			*len -= k;
			trim(s, len);
			return true;
		}
	}
	return false;
}

struct titles {
	const char *title, *owner, *edition, *date;
	struct loc title_loc, owner_loc, edition_loc, date_loc;
};

static bool is_date_word(const char *s, size_t len)
{
	/* 2023年6月, 2023年, 2024版 */
	size_t i = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i != 4)
		return false;
	const char *p = s + i, *end = s + len;
	if (take_sep(&p, end, "版") || take_sep(&p, end, "年版"))
		return p == end;
	if (!take_sep(&p, end, "年"))
		return false;
	if (p == end)
		return true;
	int m;
	return take_digits(&p, end, 2, &m) && m >= 1 && m <= 12 && take_sep(&p, end, "月") &&
	       p == end;
}

/* One piece of text above the header row. */
static void title_piece(struct builder *bd, struct titles *t, const struct sheet_cell *c,
			const char *s, size_t len, struct loc loc, uint32_t para)
{
	static const char *const owner_words[] = {
		"编制单位：", "编制单位:", "主编单位：", "发布单位：", "单位：",
		"单位:",      "编制：",	   "编制:",	 "Owner:",     NULL
	};
	static const char *const edition_words[] = { "版本：", "版本:", "版次：",
						     "Edition:", NULL };
	static const char *const date_words[] = { "状态截至：", "状态截至:", "日期：", "日期:",
						  "截至：",	"As of:",    NULL };
	static const char *const part_words[] = { "标准明细表", "明细表", "Detailtable", NULL };
	char iso[11];
	if (c && c->type == CELL_DATE && import_date_text(s, len < 10 ? len : 10, iso)) {
		if (bd->o->date)
			return;
		t->date = arena_strdup(bd->d->arena, iso);
		t->date_loc = loc;
		return;
	}
	if (take_prefix(&s, &len, owner_words)) {
		t->owner = arena_strndup(bd->d->arena, s, len);
		t->owner_loc = loc;
		return;
	}
	if (take_prefix(&s, &len, edition_words) || (is_date_word(s, len) && !t->edition)) {
		t->edition = arena_strndup(bd->d->arena, s, len);
		t->edition_loc = loc;
		return;
	}
	if (take_prefix(&s, &len, date_words) || import_date_text(s, len, iso)) {
		if (import_date_text(s, len, iso)) {
			if (bd->o->date)
				return;
			t->date = arena_strdup(bd->d->arena, iso);
			t->date_loc = loc;
			return;
		}
	}
	struct strbuf n = STRBUF_INIT;
	heading_norm(s, len, &n);
	bool part = false;
	for (const char *const *p = part_words; *p; p++)
		if (heading_is(n.buf, *p))
			part = true;
	strbuf_release(&n);
	if (part)
		return;
	if (!t->title) {
		/* "青州市博物馆公共服务标准体系明细表" and zhun's "…标准体系表" name the system */
		static const char *const suffixes[] = { "标准明细表", "明细表", "表",
							" — standard system table" };
		for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
			size_t sl = strlen(suffixes[k]);
			if (len > sl + 6 && !memcmp(s + len - sl, suffixes[k], sl)) {
				len -= sl;
				break;
			}
		}
		t->title = arena_strndup(bd->d->arena, s, len);
		t->title_loc = loc;
		return;
	}
	if (para)
		finding(bd, DIAG_IMPORT_ROW, (struct loc){ 0, 0 },
			_("paragraph %u above the table, “%.*s”, is not imported"), (unsigned)para,
			(int)len, s);
	else
		finding(bd, DIAG_IMPORT_ROW, loc, _("“%.*s” above the header row is not imported"),
			(int)len, s);
}

/* The pieces of a text above the header: separated by two or more spaces, an ideographic space
 * or a line break. `para`: the Word paragraph it is, 0 for a cell. */
static void title_pieces(struct builder *bd, struct titles *t, const char *s, size_t len,
			 struct loc loc, uint32_t para)
{
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *q = p;
		while (q < end && !(end - q >= 3 && !memcmp(q, "\u3000", 3)) &&
		       !(end - q >= 2 && q[0] == ' ' && q[1] == ' ') && *q != '\n')
			q++;
		const char *w = p;
		size_t wl = (size_t)(q - p);
		trim(&w, &wl);
		if (wl)
			title_piece(bd, t, NULL, w, wl, loc, para);
		p = q;
		while (p < end &&
		       (*p == ' ' || *p == '\n' || (end - p >= 3 && !memcmp(p, "\u3000", 3))))
			p += *p == ' ' || *p == '\n' ? 1 : 3;
	}
}

static void title_cell(struct builder *bd, struct titles *t, const struct sheet_cell *c,
		       struct loc loc)
{
	size_t len;
	const char *s = cell_text(c, &len);
	if (c->type == CELL_DATE)
		title_piece(bd, t, c, s, len, loc, 0);
	else
		title_pieces(bd, t, s, len, loc, 0);
}

/* A paragraph above a Word 体系表's table: its title (“XX博物馆标准体系表”), unit or date line.
 * A caption's number ("表1 标准明细表") is no part of it. Its position is the paragraph, which
 * a sheet's cells cannot name: the title node stands where the document begins, and a finding
 * names the paragraph in its message. */
static void title_para(struct builder *bd, struct titles *t, const struct sheet_para *p)
{
	const char *s = p->text;
	size_t len = p->len;
	if (starts_with(s, len, "表")) {
		size_t i = 3;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		size_t sp = i > 3 ? skip_blank(s + i, len - i) : 0;
		if (sp) {
			s += i + sp;
			len -= i + sp;
		}
	}
	title_pieces(bd, t, s, len, (struct loc){ 1, 1 }, p->num);
}

/* ---- the document ---- */

static struct node *category_node(struct builder *bd, size_t i)
{
	struct cat *c = &bd->cats[i];
	if (c->kids.n)
		pairs_add(bd, &c->p, "categories", node_seq(bd->d, c->kids.v, c->kids.n, c->loc));
	else if (c->vacant)
		pairs_add(bd, &c->p, "vacant", scalar(bd, "true", 4, c->loc));
	return node_map(bd->d, c->p.v, c->p.n, c->loc);
}

static const char *path_stem(struct doc *d, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return arena_strndup(d->arena, base, n);
}

static void builder_release(struct builder *bd)
{
	for (size_t i = 0; i < bd->ncats; i++) {
		free(bd->cats[i].p.v);
		free(bd->cats[i].kids.v);
	}
	free(bd->cats);
	free(bd->fn);
	free(bd->rows.v);
	free(bd->cols);
	strbuf_release(&bd->msg);
	strbuf_release(&bd->scratch);
}

static bool fatal(struct builder *bd, struct loc loc, const char *msg)
{
	diag_add(bd->ds, DIAG_IMPORT_KIND, bd->b->path, loc, "%s", msg);
	return false;
}

/* Choose the sheet and its header row. */
static bool choose_sheet(struct builder *bd)
{
	const struct sheet_book *b = bd->b;
	struct strbuf sb = STRBUF_INIT;
	long hdr = -1;
	if (bd->o->sheet) {
		bd->s = sheet_by_name(b, bd->o->sheet);
		if (!bd->s) {
			strbuf_addf(&sb, _("the workbook has no sheet “%s”; its sheets are "),
				    bd->o->sheet);
			quote_list(&sb, b, NULL);
			diag_add(bd->ds, DIAG_IMPORT_NO_HEADER, b->path, (struct loc){ 0, 0 }, "%s",
				 sb.buf);
			strbuf_release(&sb);
			return false;
		}
		hdr = find_header(bd->s, bd->o);
	} else {
		for (size_t i = 0; i < b->nsheets && hdr < 0; i++) {
			if (b->sheets[i].hidden)
				continue;
			hdr = find_header(&b->sheets[i], bd->o);
			if (hdr >= 0)
				bd->s = &b->sheets[i];
		}
	}
	if (hdr < 0) {
		if (bd->o->sheet)
			strbuf_addf(&sb, _("sheet “%s” has no header row"), bd->o->sheet);
		else if (b->csv)
			strbuf_adds(&sb, _("no header row"));
		else
			strbuf_adds(&sb, _("no sheet has a header row"));
		strbuf_addf(&sb,
			    _(" (a row of column names such as “标准编号” and “标准名称” among "
			      "the first %d rows): nothing to import"),
			    HEADER_SCAN_ROWS);
		struct diag *d = diag_add(bd->ds, DIAG_IMPORT_NO_HEADER, b->path,
					  (struct loc){ 0, 0 }, "%s", sb.buf);
		diag_set_help(d, "%s",
			      _("name the columns with --map HEADING=key (docs/import.md)"));
		strbuf_release(&sb);
		return false;
	}
	bd->header = bd->s->rows[hdr].row;
	if (!b->csv) {
		diag_store_set_sheet(bd->ds, b->path, bd->s->name);
		if (b->nsheets > 1) {
			strbuf_addf(&sb, _("sheet “%s” imported, header row %u"), bd->s->name,
				    (unsigned)bd->header + 1);
			/* others with a header row too: the choice was a guess, say so */
			for (size_t i = 0; i < b->nsheets; i++) {
				const struct sheet *o = &b->sheets[i];
				if (o == bd->s || !o->read || find_header(o, bd->o) < 0)
					continue;
				strbuf_addf(
				    &sb, _("; sheet “%s” has a header row too (--sheet takes it)"),
				    o->name);
			}
			diag_add(bd->ds, DIAG_IMPORT_SHEET, b->path,
				 (struct loc){ bd->header + 1, 0 }, "%s", sb.buf);
		}
	}
	strbuf_release(&sb);
	return true;
}

static bool map_header(struct builder *bd)
{
	const struct sheet_row *h = sheet_row_at(bd->s, bd->header);
	bd->ncols = h->n ? h->cells[h->n - 1].col + 1 : 0;
	bd->cols = xcalloc(bd->ncols ? bd->ncols : 1, sizeof *bd->cols);
	for (size_t i = 0; i < h->n; i++) {
		const struct sheet_cell *c = &h->cells[i];
		size_t len;
		const char *s = cell_text(c, &len);
		if (!len)
			continue;
		struct loc loc = cell_loc(bd, h->row, c->col);
		bool skip;
		const struct column_def *cd = heading_column(s, len, bd->o, &skip);
		if (skip)
			continue;
		if (!cd) {
			struct diag *d = finding(bd, DIAG_IMPORT_COLUMN_UNKNOWN, loc,
						 _("column “%.*s” is not one zhun knows: its cells "
						   "are not imported"),
						 (int)(len > 200 ? 200 : len), s);
			diag_set_help(d, "%s",
				      _("map it to a key with --map HEADING=key, or leave it out "
					"with --map HEADING=-"));
			continue;
		}
		size_t k = (size_t)(cd - columns);
		if (bd->has[k]) {
			finding(bd, DIAG_IMPORT_COLUMN_REPEATED, loc,
				_("column “%.*s” repeats “%s”: only the first is imported"),
				(int)len, s, cd->key);
			continue;
		}
		bd->has[k] = true;
		bd->cols[c->col] = cd;
	}
	return true;
}

bool import_sheet_build(struct doc *d, const struct sheet_book *b, const struct import_opts *o,
			struct diag_store *ds, const struct limits *lim)
{
	static const struct import_opts none;
	struct builder bd = { 0 };
	bd.d = d;
	bd.b = b;
	bd.o = o ? o : &none;
	bd.ds = ds;
	bd.lim = lim;
	strbuf_init(&bd.msg);
	strbuf_init(&bd.scratch);
	bool ok = false;
	if (!choose_sheet(&bd) || !map_header(&bd))
		goto out;
	/* category rows decide as much as a 体系表编号 column */
	size_t ncatrows = 0;
	for (size_t i = 0; i < bd.s->nrows; i++) {
		const struct sheet_cell *cc;
		if (bd.s->rows[i].row > bd.header && (cc = category_cell(&bd, &bd.s->rows[i])) &&
		    is_category_row(&bd, cc))
			ncatrows++;
	}
	bool system_like = has_key(&bd, "code") || has_key(&bd, "category") || ncatrows;
	bool registry_like = !system_like && has_key(&bd, "status") && has_key(&bd, "number");
	enum doc_kind kind = bd.o->kind;
	struct loc hloc = cell_loc(&bd, bd.header, 0);
	if (kind == DOC_REGISTRY && system_like) {
		fatal(&bd, hloc,
		      _("--kind registry, but the sheet is a 体系表 (it has a 体系表编号 or "
			"所属类别 column, or category rows)"));
		goto out;
	}
	if (kind == DOC_SYSTEM && !system_like) {
		fatal(&bd, hloc,
		      _("--kind system, but the sheet has no 体系表编号 or 所属类别 column and no "
			"category rows: there is nothing to build the structure from"));
		goto out;
	}
	if (kind == DOC_STANDARD) {
		fatal(&bd, hloc,
		      _("--kind standard, but a spreadsheet holds a system or a registry"));
		goto out;
	}
	if (!kind)
		kind = system_like ? DOC_SYSTEM : registry_like ? DOC_REGISTRY : DOC_UNKNOWN;
	if (!kind) {
		fatal(&bd, hloc,
		      _("cannot tell a system from a registry: the sheet has no 体系表编号, "
			"所属类别 or 状态 column and no category rows; give --kind"));
		goto out;
	}
	bool registry = kind == DOC_REGISTRY;
	/* what the sheet cannot say, once: a table of fewer columns than the format has keys */
	strbuf_reset(&bd.scratch);
	for (size_t i = 0; i < NCOLUMN_DEFS; i++) {
		const struct column_def *cd = &columns[i];
		/* 所属类别 and 类别路径 are ways to the structure, not fields; 备注 carries the
		 * 立改废释 marker; key and document are a repository's, not a table's */
		if (bd.has[i] || cd->v == V_SKIP || cd->v == V_CATEGORY || cd->v == V_PATH ||
		    (registry && !cd->registry) ||
		    (!registry && (!strcmp(cd->key, "key") || !strcmp(cd->key, "document"))) ||
		    (!strcmp(cd->key, "action") && has_key(&bd, "note")))
			continue;
		strbuf_addf(&bd.scratch, "%s%s", bd.scratch.len ? ", " : "", cd->key);
	}
	if (bd.scratch.len)
		diag_add(ds, DIAG_IMPORT_SHEET, b->path, cell_loc(&bd, bd.header, 0),
			 _("the sheet has no column for %s: those fields are not imported"),
			 bd.scratch.buf);

	struct titles t = { 0 };
	if (bd.o->date) {
		t.date = bd.o->date;
		t.date_loc = (struct loc){ 1, 1 };
	}
	for (size_t i = 0; i < bd.s->nabove; i++)
		title_para(&bd, &t, &bd.s->above[i]);
	/* the footnotes first, since the rows that cite them stand above them */
	for (size_t i = 0; i < bd.s->nrows; i++) {
		const struct sheet_row *r = &bd.s->rows[i];
		const struct sheet_cell *fc;
		size_t len;
		if (r->row > bd.header && (fc = category_cell(&bd, r))) {
			const char *s = cell_text(fc, &len);
			footnotes_in(&bd, s, len, cell_loc(&bd, r->row, fc->col), 0, false);
		}
	}
	for (size_t i = 0; i < bd.s->nbelow; i++) {
		const struct sheet_para *p = &bd.s->below[i];
		if (!footnotes_in(&bd, p->text, p->len, (struct loc){ 0, 0 }, p->num, false))
			finding(&bd, DIAG_IMPORT_ROW, (struct loc){ 0, 0 },
				_("paragraph %u below the table, “%.*s”, is not imported"),
				(unsigned)p->num, (int)p->len, p->text);
	}
	size_t current = 0;
	for (size_t i = 0; i < bd.s->nrows; i++) {
		const struct sheet_row *r = &bd.s->rows[i];
		const struct sheet_cell *fc = r->row > bd.header ? category_cell(&bd, r) : NULL;
		if (fc) {
			size_t fl;
			const char *fs = cell_text(fc, &fl);
			if (footnotes_in(&bd, fs, fl, (struct loc){ 0, 0 }, 0, true))
				continue;
		}
		if (r->row < bd.header) {
			for (size_t k = 0; k < r->n; k++)
				if (r->cells[k].len)
					title_cell(&bd, &t, &r->cells[k],
						   cell_loc(&bd, r->row, r->cells[k].col));
			continue;
		}
		if (r->row == bd.header)
			continue;
		const struct sheet_cell *cc = registry ? NULL : fc;
		if (cc) {
			size_t len;
			const char *s = cell_text(cc, &len);
			const char *code, *title;
			size_t cl, tl;
			bool vacant;
			struct loc loc = cell_loc(&bd, r->row, cc->col);
			if (is_category_row(&bd, cc) &&
			    split_category(s, len, &code, &cl, &title, &tl, &vacant)) {
				current = add_category(&bd, code, cl, title, tl, vacant, loc,
						       current, false) +
					  1;
				continue;
			}
		}
		build_row(&bd, r, &current, registry);
	}

	for (size_t i = 0; i < bd.nfn; i++) {
		const struct footnote_def *f = &bd.fn[i];
		if (f->cited)
			continue;
		if (f->para)
			finding(
			    &bd, DIAG_IMPORT_FOOTNOTE, f->loc,
			    _("footnote “%s” (paragraph %u below the table, “%s”) is cited by no "
			      "cell: it is not imported"),
			    f->mark, (unsigned)f->para, f->text);
		else
			finding(&bd, DIAG_IMPORT_FOOTNOTE, f->loc,
				_("footnote “%s” (“%s”) is cited by no cell: it is not imported"),
				f->mark, f->text);
	}

	struct pairs body = { 0 };
	/* the document begins where the sheet does: its title rows name the whole */
	struct loc top = { 1, 1 };
	pairs_add(&bd, &body, "format", scalar(&bd, "1", 1, top));
	if (registry) {
		const char *base = strrchr(b->path, '/');
		base = base ? base + 1 : b->path;
		pairs_add(&bd, &body, "source", scalar(&bd, base, strlen(base), top));
		if (t.date)
			pairs_add(&bd, &body, "date", scalar(&bd, t.date, 10, t.date_loc));
		if (t.title)
			finding(&bd, DIAG_IMPORT_ROW, t.title_loc,
				_("“%s” above the header row is not imported (a registry has no "
				  "title)"),
				t.title);
		pairs_add(&bd, &body, "editions", node_seq(d, bd.rows.v, bd.rows.n, top));
	} else {
		const char *id = bd.o->id ? bd.o->id : path_stem(d, b->path);
		const char *title = bd.o->title ? bd.o->title : t.title;
		const char *owner = bd.o->owner ? bd.o->owner : t.owner;
		pairs_add(&bd, &body, "id", scalar(&bd, id, strlen(id), top));
		if (!title) {
			title = path_stem(d, b->path);
			finding(
			    &bd, DIAG_IMPORT_NORMALISED, top,
			    _("no title row above the header: the system is titled “%s” (--title "
			      "gives another)"),
			    title);
		}
		pairs_add(
		    &bd, &body, "title",
		    scalar(&bd, title, strlen(title), t.title && !bd.o->title ? t.title_loc : top));
		if (owner)
			pairs_add(
			    &bd, &body, "owner",
			    scalar(&bd, owner, strlen(owner), bd.o->owner ? top : t.owner_loc));
		if (t.edition)
			pairs_add(&bd, &body, "edition",
				  scalar(&bd, t.edition, strlen(t.edition), t.edition_loc));
		if (t.date)
			pairs_add(&bd, &body, "date", scalar(&bd, t.date, 10, t.date_loc));
		if (bd.code_format)
			pairs_add(&bd, &body, "code-format",
				  scalar(&bd, bd.code_format, strlen(bd.code_format),
					 bd.code_format_loc));
		/* children before parents are finished: categories were added in sheet order, so a
		 * parent's index is below its children's */
		struct node **done = xcalloc(bd.ncats ? bd.ncats : 1, sizeof *done);
		for (size_t i = bd.ncats; i-- > 0;) {
			done[i] = NULL;
			struct cat *c = &bd.cats[i];
			/* kids were pushed in reverse; restore sheet order */
			for (size_t a = 0, z = c->kids.n; a + 1 < z; a++, z--) {
				struct node *x = c->kids.v[a];
				c->kids.v[a] = c->kids.v[z - 1];
				c->kids.v[z - 1] = x;
			}
			done[i] = category_node(&bd, i);
			if (c->parent)
				items_add(&bd.cats[c->parent - 1].kids, done[i]);
		}
		struct items topcats = { 0 };
		for (size_t i = 0; i < bd.ncats; i++)
			if (!bd.cats[i].parent)
				items_add(&topcats, done[i]);
		free(done);
		pairs_add(&bd, &body, "categories", node_seq(d, topcats.v, topcats.n, top));
		free(topcats.v);
		pairs_add(&bd, &body, "standards", node_seq(d, bd.rows.v, bd.rows.n, top));
	}
	d->body = node_map(d, body.v, body.n, top);
	free(body.v);
	struct node_pair root = {
		node_scalar(d, doc_kind_name(kind), strlen(doc_kind_name(kind)), top, 0), d->body
	};
	d->root = node_map(d, &root, 1, top);
	d->kind = kind;
	ok = true;
out:
	builder_release(&bd);
	return ok;
}
