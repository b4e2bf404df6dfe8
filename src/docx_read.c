/* SPDX-License-Identifier: MIT */
/* docx_read: a Word document read into the paragraph and table stream of include/docx.h —
 * the package relationships, styles.xml (names, basedOn, outline levels, numbering), then
 * numbering.xml (abstract lists, overrides, style links), then document.xml, whose automatic
 * numbers are counted as Word counts them while the body streams past. */
#include "docx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "office.h"
#include "sax.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "ziparc.h"

/* Word has nine list levels (ilvl 0..8). */
#define NLVL 9
/* A numStyleLink or basedOn chain longer than this is a loop (Word's own chains are 1–3). */
#define MAX_HOPS 16
/* Counters stop here: Word's own limit, and what fits an int in every consumer. */
#define COUNTER_MAX 2147483647LL

struct dstyle {
	char *id, *name, *based;
	int outline; /* -1: not set on this style */
	long num_id; /* -1: not set */
	int ilvl;    /* -1: not set */
};

struct dlvl {
	bool set;
	int64_t start;
	char fmt[32];
	char *text;  /* lvlText; NULL when absent */
	int restart; /* lvlRestart, -1 when absent */
	bool lgl;
	char *pstyle;
};

struct dabs {
	long id;
	struct dlvl lv[NLVL];
	char *num_style_link;
	int64_t cnt[NLVL];
	bool started[NLVL];
};

struct dnum {
	long id;
	long abs;
	bool over[NLVL];
	int64_t over_start[NLVL];
	bool over_used[NLVL];
	bool reported; /* its abstract list is missing: said once */
};

/* A paragraph being read. */
struct pstate {
	struct strbuf text;
	char *style;
	long num_id; /* -1 none */
	int ilvl;    /* -1 none */
	int outline;
	bool drawing, math, page_break;
	size_t footnotes;
	uint32_t num;
	bool too_long;
	size_t sup_start, sup_end; /* the last stretch of superscript text: [start, end) */
};

struct cellb {
	uint32_t row, col, rowspan, colspan;
	struct docx_para *paras;
	size_t n, cap;
	int vmerge; /* 0 none, 1 restart, 2 vertical continue, 3 legacy horizontal continue */
};

struct tableb {
	struct cellb *cells;
	size_t n, cap;
	uint32_t row, next_col, ncols;
	bool in_row;
	struct cellb cur;
	bool in_cell;
	size_t nested;
	uint32_t first;
};

struct rd {
	struct sax_package pk;
	struct docx *d;

	char *main_part; /* word/document.xml */
	char *styles_part, *numbering_part;

	struct dstyle *styles;
	size_t nstyles, capstyles;
	struct dabs *abs;
	size_t nabs, capabs;
	struct dnum *nums;
	size_t nnums, capnums;

	/* the SAX handlers' state (all parts) */
	struct dstyle *cur_style; /* styles.xml */
	bool in_style_ppr;
	struct dabs *cur_abs; /* numbering.xml */
	int cur_lvl;
	struct dnum *cur_num;
	int cur_over;

	/* document.xml */
	size_t skip; /* inside an element whose content is not read (>0: its depth) */
	size_t depth;
	bool in_p, in_ppr, in_r, in_t, in_numpr;
	bool in_rpr, r_sup; /* in a run's properties; the run is superscript (w:vertAlign) */
	struct pstate p;
	int fld[16]; /* open fields: 0 code part, 1 result part */
	size_t nfld;
	size_t math; /* depth of m:oMath nesting */
	char mstack[64][12];
	size_t nm;
	size_t nary_mark; /* text length where an n-ary operator's sign goes */
	struct tableb tb;
	size_t tbl_depth;

	struct docx_block *blocks;
	size_t nblocks, capblocks;
};

/* A decimal attribute within [lo, hi]; `ok` false when present but not such a number. */
static bool attr_int(const struct sax_attr *a, size_t n, const char *name, int64_t lo, int64_t hi,
		     int64_t *out, bool *ok)
{
	size_t len;
	const char *v = sax_attr_get(a, n, name, &len);
	*ok = true;
	if (!v)
		return false;
	size_t i = 0;
	bool neg = false;
	if (i < len && (v[i] == '-' || v[i] == '+'))
		neg = v[i++] == '-';
	int64_t x = 0;
	if (i == len)
		*ok = false;
	for (; i < len && *ok; i++) {
		if (v[i] < '0' || v[i] > '9' || x > (INT64_MAX - 9) / 10)
			*ok = false;
		else
			x = x * 10 + (v[i] - '0');
	}
	if (neg)
		x = -x;
	if (*ok && (x < lo || x > hi))
		*ok = false;
	if (*ok)
		*out = x;
	return *ok;
}

/* ST_OnOff: absent val means true. */
static bool attr_on(const struct sax_attr *a, size_t n)
{
	size_t len;
	const char *v = sax_attr_get(a, n, "val", &len);
	if (!v)
		return true;
	return !((len == 1 && v[0] == '0') || (len == 5 && memcmp(v, "false", 5) == 0) ||
		 (len == 3 && memcmp(v, "off", 3) == 0));
}

static void part_error(struct rd *r, struct sax *sx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void part_error(struct rd *r, struct sax *sx, const char *fmt, ...)
{
	sax_package_where(&r->pk);
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(r->pk.ds, DIAG_IMPORT_DOCX_INVALID, r->pk.where.buf, sax_loc(sx), fmt, ap);
	va_end(ap);
}

static void para_error(struct rd *r, uint32_t num, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void para_error(struct rd *r, uint32_t num, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(r->pk.ds, DIAG_IMPORT_DOCX_INVALID, r->d->path, (struct loc){ num, 1 }, fmt, ap);
	va_end(ap);
}

/* ---- parts ---- */

struct relscan {
	struct rd *r;
	const char *dir;
	const char *want[3]; /* type suffixes */
	char **got[3];
};

static bool type_is(const char *v, size_t len, const char *suffix)
{
	size_t k = strlen(suffix);
	return len > k && v[len - k - 1] == '/' && memcmp(v + len - k, suffix, k) == 0;
}

static void rels_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
		       size_t na)
{
	(void)sx;
	struct relscan *rs = ud;
	if (strcmp(name, "Relationship") != 0)
		return;
	size_t tl, gl, ml;
	const char *type = sax_attr_get(a, na, "Type", &tl);
	const char *target = sax_attr_get(a, na, "Target", &gl);
	const char *mode = sax_attr_get(a, na, "TargetMode", &ml);
	if (!type || !target || (mode && ml == 8 && memcmp(mode, "External", 8) == 0))
		return;
	for (size_t i = 0; i < 3 && rs->want[i]; i++)
		if (!*rs->got[i] && type_is(type, tl, rs->want[i])) {
			char *t = xstrndup(target, gl);
			*rs->got[i] = ziparc_resolve(rs->dir, t);
			free(t);
		}
}

/* The main part from the package relationships, then its styles and numbering parts. */
static bool find_parts(struct rd *r)
{
	struct relscan rs = { r, "", { "officeDocument", NULL, NULL }, { &r->main_part } };
	struct sax_handler h = { &rs, rels_start, NULL, NULL };
	if (ziparc_has(r->pk.z, "_rels/.rels") && !sax_package_read(&r->pk, "_rels/.rels", &h))
		return false;
	if (!r->main_part)
		r->main_part = xstrdup("word/document.xml");
	if (!ziparc_has(r->pk.z, r->main_part)) {
		diag_add(r->pk.ds, DIAG_ARCHIVE_MEMBER_MISSING, r->d->path, (struct loc){ 0, 0 },
			 _("the document part %s is missing: not a Word document"), r->main_part);
		return false;
	}
	const char *slash = strrchr(r->main_part, '/');
	char *dir = xstrndup(r->main_part, slash ? (size_t)(slash - r->main_part) + 1 : 0);
	char *rels = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : r->main_part);
	struct relscan ds = {
		r, dir, { "styles", "numbering", NULL }, { &r->styles_part, &r->numbering_part }
	};
	h.ud = &ds;
	bool ok = !ziparc_has(r->pk.z, rels) || sax_package_read(&r->pk, rels, &h);
	free(rels);
	free(dir);
	return ok;
}

/* ---- styles.xml ---- */

static struct dstyle *style_by_id(struct rd *r, const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < r->nstyles; i++)
		if (strcmp(r->styles[i].id, id) == 0)
			return &r->styles[i];
	return NULL;
}

static void styles_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
			 size_t na)
{
	struct rd *r = ud;
	int64_t v;
	bool ok;
	if (strcmp(name, "style") == 0) {
		size_t tl;
		const char *type = sax_attr_get(a, na, "type", &tl);
		char *id = sax_attr_dup(a, na, "styleId");
		/* paragraph styles, and list styles for numStyleLink */
		bool keep = !type || (tl == 9 && memcmp(type, "paragraph", 9) == 0) ||
			    (tl == 9 && memcmp(type, "numbering", 9) == 0);
		if (!id || !keep) {
			free(id);
			r->cur_style = NULL;
			return;
		}
		XGROW(r->styles, r->capstyles, r->nstyles + 1);
		r->cur_style = &r->styles[r->nstyles++];
		*r->cur_style = (struct dstyle){ id, NULL, NULL, -1, -1, -1 };
		return;
	}
	struct dstyle *s = r->cur_style;
	if (!s)
		return;
	if (strcmp(name, "name") == 0 && !s->name)
		s->name = sax_attr_dup(a, na, "val");
	else if (strcmp(name, "basedOn") == 0 && !s->based)
		s->based = sax_attr_dup(a, na, "val");
	else if (strcmp(name, "pPr") == 0)
		r->in_style_ppr = true;
	else if (r->in_style_ppr && strcmp(name, "outlineLvl") == 0) {
		if (attr_int(a, na, "val", 0, 9, &v, &ok))
			s->outline = v < NLVL ? (int)v : -1;
		else if (!ok)
			part_error(r, sx,
				   _("outline level of style \"%s\" is not a number from 0 to 9"),
				   s->id);
	} else if (r->in_style_ppr && strcmp(name, "numId") == 0) {
		if (attr_int(a, na, "val", 0, COUNTER_MAX, &v, &ok))
			s->num_id = (long)v;
	} else if (r->in_style_ppr && strcmp(name, "ilvl") == 0) {
		if (attr_int(a, na, "val", 0, NLVL - 1, &v, &ok))
			s->ilvl = (int)v;
	}
}

static void styles_end(struct sax *sx, void *ud, const char *name)
{
	(void)sx;
	struct rd *r = ud;
	if (strcmp(name, "style") == 0)
		r->cur_style = NULL;
	else if (strcmp(name, "pPr") == 0)
		r->in_style_ppr = false;
}

/* The outline level a built-in heading name implies: "heading 1".."heading 9" (any case, as
 * English Word stores them even in a Chinese Word) and "标题 1".."标题 9". */
static int heading_name_level(const char *name)
{
	if (!name)
		return -1;
	const char *rest = NULL;
	if (strncasecmp(name, "heading ", 8) == 0)
		rest = name + 8;
	else if (strncmp(name, "标题 ", 7) == 0)
		rest = name + 7;
	else if (strncmp(name, "标题", 6) == 0)
		rest = name + 6;
	if (rest && rest[0] >= '1' && rest[0] <= '9' && rest[1] == '\0')
		return rest[0] - '1';
	return -1;
}

/* Walk the basedOn chain of `s` for the first style that sets what `pick` reads. Loops and
 * over-long chains stop at MAX_HOPS. */
static struct dstyle *style_chain(struct rd *r, struct dstyle *s,
				  bool (*pick)(const struct dstyle *))
{
	for (int hops = 0; s && hops < MAX_HOPS; hops++) {
		if (pick(s))
			return s;
		s = style_by_id(r, s->based);
	}
	return NULL;
}

static bool has_outline(const struct dstyle *s)
{
	return s->outline >= 0 || heading_name_level(s->name) >= 0;
}

static bool has_num(const struct dstyle *s)
{
	return s->num_id >= 0;
}

/* ---- numbering.xml ---- */

static struct dabs *abs_by_id(struct rd *r, long id)
{
	for (size_t i = 0; i < r->nabs; i++)
		if (r->abs[i].id == id)
			return &r->abs[i];
	return NULL;
}

static struct dnum *num_by_id(struct rd *r, long id)
{
	for (size_t i = 0; i < r->nnums; i++)
		if (r->nums[i].id == id)
			return &r->nums[i];
	return NULL;
}

static void numbering_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
			    size_t na)
{
	struct rd *r = ud;
	int64_t v;
	bool ok;
	if (strcmp(name, "abstractNum") == 0) {
		r->cur_num = NULL;
		r->cur_abs = NULL;
		if (!attr_int(a, na, "abstractNumId", 0, COUNTER_MAX, &v, &ok)) {
			part_error(r, sx,
				   _("abstract list without a valid abstractNumId is ignored"));
			return;
		}
		XGROW(r->abs, r->capabs, r->nabs + 1);
		r->cur_abs = &r->abs[r->nabs++];
		memset(r->cur_abs, 0, sizeof *r->cur_abs);
		r->cur_abs->id = (long)v;
		r->cur_lvl = -1;
		return;
	}
	if (strcmp(name, "num") == 0) {
		r->cur_abs = NULL;
		r->cur_num = NULL;
		if (!attr_int(a, na, "numId", 0, COUNTER_MAX, &v, &ok)) {
			part_error(r, sx, _("list without a valid numId is ignored"));
			return;
		}
		XGROW(r->nums, r->capnums, r->nnums + 1);
		r->cur_num = &r->nums[r->nnums++];
		memset(r->cur_num, 0, sizeof *r->cur_num);
		r->cur_num->id = (long)v;
		r->cur_num->abs = -1;
		r->cur_over = -1;
		return;
	}
	if (r->cur_num) {
		struct dnum *n = r->cur_num;
		if (strcmp(name, "abstractNumId") == 0 &&
		    attr_int(a, na, "val", 0, COUNTER_MAX, &v, &ok))
			n->abs = (long)v;
		else if (strcmp(name, "lvlOverride") == 0)
			r->cur_over = attr_int(a, na, "ilvl", 0, NLVL - 1, &v, &ok) ? (int)v : -1;
		else if (strcmp(name, "startOverride") == 0 && r->cur_over >= 0) {
			if (attr_int(a, na, "val", 0, INT64_MAX / 2, &v, &ok)) {
				n->over[r->cur_over] = true;
				n->over_start[r->cur_over] = v;
			} else
				part_error(r, sx, _("start override of list %ld is not a number"),
					   n->id);
		}
		return;
	}
	struct dabs *ab = r->cur_abs;
	if (!ab)
		return;
	if (strcmp(name, "numStyleLink") == 0 && !ab->num_style_link)
		ab->num_style_link = sax_attr_dup(a, na, "val");
	else if (strcmp(name, "lvl") == 0) {
		r->cur_lvl = attr_int(a, na, "ilvl", 0, NLVL - 1, &v, &ok) ? (int)v : -1;
		if (r->cur_lvl < 0)
			part_error(r, sx,
				   _("list level outside 0 to 8 in abstract list %ld is ignored"),
				   ab->id);
		else {
			struct dlvl *l = &ab->lv[r->cur_lvl];
			free(l->text);
			free(l->pstyle);
			*l = (struct dlvl){ .set = true, .restart = -1 };
			strcpy(l->fmt, "decimal");
		}
	} else if (r->cur_lvl >= 0) {
		struct dlvl *l = &ab->lv[r->cur_lvl];
		size_t len;
		const char *val = sax_attr_get(a, na, "val", &len);
		if (strcmp(name, "start") == 0) {
			if (!attr_int(a, na, "val", 0, INT64_MAX / 2, &v, &ok))
				part_error(
				    r, sx,
				    _("start of level %d in abstract list %ld is not a number"),
				    r->cur_lvl, ab->id);
			else
				l->start = v;
		} else if (strcmp(name, "numFmt") == 0 && val && len < sizeof l->fmt) {
			memcpy(l->fmt, val, len);
			l->fmt[len] = '\0';
		} else if (strcmp(name, "lvlText") == 0 && val) {
			free(l->text);
			l->text = xstrndup(val, len);
		} else if (strcmp(name, "lvlRestart") == 0 &&
			   attr_int(a, na, "val", 0, NLVL, &v, &ok))
			l->restart = (int)v;
		else if (strcmp(name, "isLgl") == 0)
			l->lgl = attr_on(a, na);
		else if (strcmp(name, "pStyle") == 0 && val && !l->pstyle)
			l->pstyle = xstrndup(val, len);
	}
}

static void numbering_end(struct sax *sx, void *ud, const char *name)
{
	(void)sx;
	struct rd *r = ud;
	if (strcmp(name, "abstractNum") == 0)
		r->cur_abs = NULL;
	else if (strcmp(name, "num") == 0)
		r->cur_num = NULL;
	else if (strcmp(name, "lvl") == 0)
		r->cur_lvl = -1;
	else if (strcmp(name, "lvlOverride") == 0)
		r->cur_over = -1;
}

/* ---- numbers as displayed ---- */

static void add_cp(struct strbuf *out, uint32_t cp)
{
	char u[4];
	strbuf_add(out, u, utf8_encode(cp, u));
}

static void roman(int64_t v, bool upper, struct strbuf *out)
{
	static const struct {
		int v;
		const char *s;
	} t[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		  { 90, "xc" },	 { 50, "l" },	{ 40, "xl" }, { 10, "x" },   { 9, "ix" },
		  { 5, "v" },	 { 4, "iv" },	{ 1, "i" } };
	if (v <= 0 || v >= 4000) {
		strbuf_addu(out, (unsigned long long)(v < 0 ? 0 : v));
		return;
	}
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		while (v >= t[i].v) {
			for (const char *c = t[i].s; *c; c++)
				strbuf_addc(out, upper ? (char)(*c - 'a' + 'A') : *c);
			v -= t[i].v;
		}
}

/* 一 … 九十九 … as Chinese Word counts (chineseCounting: 十一, not 一十一). */
static void chinese(int64_t v, struct strbuf *out)
{
	static const char *const d[] = {
		"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"
	};
	if (v < 0 || v >= 100000) {
		strbuf_addu(out, (unsigned long long)(v < 0 ? 0 : v));
		return;
	}
	if (v < 10) {
		strbuf_adds(out, d[v]);
		return;
	}
	static const char *const unit[] = { "", "十", "百", "千", "万" };
	int digits[5], n = 0;
	for (int64_t x = v; x; x /= 10)
		digits[n++] = (int)(x % 10);
	bool zero = false;
	for (int i = n - 1; i >= 0; i--) {
		if (digits[i] == 0) {
			zero = true;
			continue;
		}
		if (zero)
			strbuf_adds(out, d[0]);
		zero = false;
		if (!(i == 1 && digits[i] == 1 && i == n - 1))
			strbuf_adds(out, d[digits[i]]);
		strbuf_adds(out, unit[i]);
	}
}

void docx_format_number(const char *fmt, int64_t v, struct strbuf *out)
{
	if (strcmp(fmt, "none") == 0)
		return;
	if (strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) {
		/* a … z, aa … zz, aaa …: Word repeats the letter */
		if (v <= 0) {
			strbuf_addu(out, 0);
			return;
		}
		char c = (char)((fmt[0] == 'l' ? 'a' : 'A') + (v - 1) % 26);
		int64_t times = (v - 1) / 26 + 1;
		if (times > 16)
			times = 16;
		for (int64_t i = 0; i < times; i++)
			strbuf_addc(out, c);
		return;
	}
	if (strcmp(fmt, "lowerRoman") == 0 || strcmp(fmt, "upperRoman") == 0) {
		roman(v, fmt[0] == 'u', out);
		return;
	}
	if (strncmp(fmt, "chineseCounting", 15) == 0 || strcmp(fmt, "ideographDigital") == 0 ||
	    strcmp(fmt, "japaneseCounting") == 0) {
		chinese(v, out);
		return;
	}
	if (strcmp(fmt, "ideographTraditional") == 0 && v >= 1 && v <= 10) {
		static const char *const tg[] = { "甲", "乙", "丙", "丁", "戊",
						  "己", "庚", "辛", "壬", "癸" };
		strbuf_adds(out, tg[v - 1]);
		return;
	}
	if (strcmp(fmt, "decimalEnclosedCircle") == 0 && v >= 1 && v <= 20) {
		add_cp(out, 0x2460 + (uint32_t)(v - 1));
		return;
	}
	if (strcmp(fmt, "decimalFullWidth") == 0 && v >= 0) {
		char tmp[24];
		snprintf(tmp, sizeof tmp, "%lld", (long long)v);
		for (char *c = tmp; *c; c++)
			add_cp(out, 0xFF10 + (uint32_t)(*c - '0'));
		return;
	}
	if (strcmp(fmt, "decimalZero") == 0 && v >= 0 && v < 10)
		strbuf_addc(out, '0');
	if (v < 0) {
		strbuf_addc(out, '-');
		v = -v;
	}
	strbuf_addu(out, (unsigned long long)v);
}

/* The abstract list a w:num stands for, following numStyleLink through the linked style's own
 * list (the way a list style is shared). NULL after an error at paragraph `pn`. */
static struct dabs *resolve_abs(struct rd *r, struct dnum *n, uint32_t pn)
{
	struct dabs *ab = abs_by_id(r, n->abs);
	for (int hops = 0; ab && ab->num_style_link; hops++) {
		if (hops >= MAX_HOPS) {
			para_error(r, pn, _("list %ld links to list styles in a loop"), n->id);
			return NULL;
		}
		struct dstyle *s = style_by_id(r, ab->num_style_link);
		struct dnum *n2 = s && s->num_id > 0 ? num_by_id(r, s->num_id) : NULL;
		struct dabs *next = n2 ? abs_by_id(r, n2->abs) : NULL;
		if (!next)
			break;
		if (next == ab) {
			para_error(r, pn, _("list %ld links to list styles in a loop"), n->id);
			return NULL;
		}
		ab = next;
	}
	if (!ab && !n->reported) {
		n->reported = true;
		para_error(r, pn, _("list %ld names abstract list %ld, which does not exist"),
			   n->id, n->abs);
	}
	return ab;
}

/* Count paragraph `pn` in list `num_id` at level `ilvl` (or the level of style `style` when
 * ilvl < 0) and write its label. */
static void number_para(struct rd *r, long num_id, int ilvl, const char *style, uint32_t pn,
			struct strbuf *label, int *level)
{
	*level = -1;
	if (num_id <= 0)
		return;
	struct dnum *n = num_by_id(r, num_id);
	if (!n) {
		para_error(r, pn, _("paragraph is numbered in list %ld, which does not exist"),
			   num_id);
		return;
	}
	struct dabs *ab = resolve_abs(r, n, pn);
	if (!ab)
		return;
	if (ilvl < 0) {
		ilvl = 0;
		for (int k = 0; style && k < NLVL; k++)
			if (ab->lv[k].pstyle && strcmp(ab->lv[k].pstyle, style) == 0) {
				ilvl = k;
				break;
			}
	}
	struct dlvl *lv = &ab->lv[ilvl];
	if (!lv->set) {
		para_error(r, pn,
			   _("paragraph is numbered at level %d of list %ld, which is not defined"),
			   ilvl, num_id);
		return;
	}
	int64_t c;
	if (n->over[ilvl] && !n->over_used[ilvl]) {
		n->over_used[ilvl] = true;
		c = n->over_start[ilvl];
	} else if (ab->started[ilvl])
		c = ab->cnt[ilvl] + 1;
	else
		c = lv->start;
	if (c > COUNTER_MAX) {
		para_error(r, pn,
			   _("list %ld counts past %lld at level %d; the number is left out"),
			   num_id, COUNTER_MAX, ilvl);
		c = COUNTER_MAX;
		ab->cnt[ilvl] = c;
		ab->started[ilvl] = true;
		return;
	}
	ab->cnt[ilvl] = c;
	ab->started[ilvl] = true;
	for (int k = ilvl + 1; k < NLVL; k++) {
		int r0 = ab->lv[k].restart < 0 ? k - 1 : ab->lv[k].restart - 1;
		if (ab->lv[k].restart != 0 && ilvl <= r0)
			ab->started[k] = false;
	}
	*level = ilvl;
	if (!lv->text)
		return;
	if (strcmp(lv->fmt, "bullet") == 0) {
		strbuf_adds(label, lv->text);
		return;
	}
	for (const char *t = lv->text; *t; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			int k = t[1] - '1';
			struct dlvl *kl = &ab->lv[k];
			int64_t v = k == ilvl ? c : ab->started[k] ? ab->cnt[k] : kl->start;
			const char *fmt = !kl->set		? "decimal"
					  : lv->lgl && k < ilvl ? "decimal"
								: kl->fmt;
			docx_format_number(fmt, v, label);
			t++;
		} else
			strbuf_addc(label, *t);
	}
}

/* ---- document.xml ---- */

static bool is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static void text_add(struct rd *r, struct sax *sx, const char *s, size_t n)
{
	if (r->p.too_long)
		return;
	if (r->p.text.len + n > r->pk.lim->max_line_length) {
		r->p.too_long = true;
		struct diag *d =
		    diag_add(r->pk.ds, DIAG_LINE_TOO_LONG, r->d->path, (struct loc){ r->p.num, 1 },
			     _("paragraph is longer than the limit of %zu bytes"),
			     r->pk.lim->max_line_length);
		diag_set_help(d,
			      _("raise the limit with --max-line-length if the file is genuine"));
		r->pk.failed = true;
		sax_stop(sx, false);
		return;
	}
	if (r->in_r && r->r_sup && !r->math) {
		if (r->p.sup_end != r->p.text.len)
			r->p.sup_start = r->p.text.len;
		r->p.sup_end = r->p.text.len + n;
	}
	strbuf_add(&r->p.text, s, n);
}

static bool field_code(const struct rd *r)
{
	for (size_t i = 0; i < r->nfld && i < sizeof r->fld / sizeof r->fld[0]; i++)
		if (r->fld[i] == 0)
			return true;
	return false;
}

static const char *mparent(const struct rd *r, size_t up)
{
	size_t n = r->nm < 64 ? r->nm : 64;
	return n > up ? r->mstack[n - 1 - up] : "";
}

static void math_start(struct rd *r, struct sax *sx, const char *name, const struct sax_attr *a,
		       size_t na)
{
	const char *par = mparent(r, 0);
	if (is(name, "num"))
		text_add(r, sx, "(", 1);
	else if (is(name, "den"))
		text_add(r, sx, "/(", 2);
	else if (is(name, "sup"))
		text_add(r, sx, "^(", 2);
	else if (is(name, "sub"))
		text_add(r, sx, "_(", 2);
	else if (is(name, "rad"))
		text_add(r, sx, "√", 3);
	else if (is(name, "deg"))
		text_add(r, sx, "[", 1);
	else if (is(name, "e") && (is(par, "rad") || is(par, "func") || is(par, "nary")))
		text_add(r, sx, "(", 1);
	else if (is(name, "e") && is(par, "d") && r->p.text.len &&
		 r->p.text.buf[r->p.text.len - 1] != '(')
		text_add(r, sx, ", ", 2);
	else if (is(name, "d"))
		text_add(r, sx, "(", 1);
	else if (is(name, "naryPr"))
		r->nary_mark = r->p.text.len;
	else if (is(name, "chr") && is(par, "naryPr")) {
		size_t len;
		const char *v = sax_attr_get(a, na, "val", &len);
		if (v)
			text_add(r, sx, v, len);
	}
	if (r->nm < 64) {
		snprintf(r->mstack[r->nm], sizeof r->mstack[0], "%s", name);
	}
	r->nm++;
}

static void math_end(struct rd *r, struct sax *sx, const char *name)
{
	if (r->nm)
		r->nm--;
	const char *par = mparent(r, 0);
	if (is(name, "num") || is(name, "den") || is(name, "sup") || is(name, "sub") ||
	    is(name, "d"))
		text_add(r, sx, ")", 1);
	else if (is(name, "e") && (is(par, "rad") || is(par, "func") || is(par, "nary")))
		text_add(r, sx, ")", 1);
	else if (is(name, "deg")) {
		if (r->p.text.len && r->p.text.buf[r->p.text.len - 1] == '[')
			strbuf_setlen(&r->p.text, r->p.text.len - 1);
		else
			text_add(r, sx, "]", 1);
	} else if (is(name, "naryPr") && r->p.text.len == r->nary_mark)
		text_add(r, sx, "∫", 3); /* an n-ary operator without m:chr is an integral */
}

static void para_begin(struct rd *r)
{
	r->in_p = true;
	strbuf_reset(&r->p.text);
	free(r->p.style);
	r->p.style = NULL;
	r->p.num_id = -1;
	r->p.ilvl = -1;
	r->p.outline = -1;
	r->p.drawing = r->p.math = r->p.page_break = r->p.too_long = false;
	r->p.footnotes = 0;
	r->p.sup_start = r->p.sup_end = 0;
	r->in_rpr = r->r_sup = false;
	r->p.num = ++r->d->nparas;
	r->nfld = 0;
}

static void para_finish(struct rd *r, struct docx_para *out)
{
	struct docx *d = r->d;
	struct dstyle *st = style_by_id(r, r->p.style);
	memset(out, 0, sizeof *out);
	out->num = r->p.num;
	out->text = arena_strndup(d->arena, r->p.text.buf, r->p.text.len);
	out->len = r->p.text.len;
	out->style_id = st ? arena_strdup(d->arena, st->id) : "";
	out->style_name = st && st->name ? arena_strdup(d->arena, st->name) : "";
	out->outline = r->p.outline;
	if (out->outline < 0) {
		struct dstyle *o = style_chain(r, st, has_outline);
		if (o)
			out->outline = o->outline >= 0 ? o->outline : heading_name_level(o->name);
	}
	if (out->outline > 8)
		out->outline = -1;
	long num_id = r->p.num_id;
	int ilvl = r->p.ilvl;
	const char *lstyle = NULL;
	if (num_id < 0) {
		struct dstyle *ns = style_chain(r, st, has_num);
		if (ns) {
			num_id = ns->num_id;
			if (ilvl < 0)
				ilvl = ns->ilvl;
			lstyle = ns->id;
		}
	} else if (ilvl < 0)
		ilvl = 0;
	struct strbuf label;
	strbuf_init(&label); /* never NULL: an unnumbered paragraph's label is "" */
	number_para(r, num_id, ilvl, lstyle ? lstyle : r->p.style, out->num, &label,
		    &out->num_level);
	out->label = arena_strndup(d->arena, label.buf, label.len);
	strbuf_release(&label);
	out->drawing = r->p.drawing;
	out->math = r->p.math;
	out->footnotes = r->p.footnotes;
	out->page_break = r->p.page_break;
	if (r->p.sup_end == r->p.text.len)
		out->sup_tail = r->p.sup_end - r->p.sup_start;
}

static void cell_add_para(struct cellb *c, const struct docx_para *p)
{
	XGROW(c->paras, c->cap, c->n + 1);
	c->paras[c->n++] = *p;
}

static void para_end(struct rd *r)
{
	r->in_p = false;
	struct docx_para p;
	para_finish(r, &p);
	if (r->tbl_depth > 0 && r->tb.in_cell) {
		cell_add_para(&r->tb.cur, &p);
		return;
	}
	XGROW(r->blocks, r->capblocks, r->nblocks + 1);
	struct docx_block *b = &r->blocks[r->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = DOCX_PARA;
	b->para = p;
}

static void table_cell_end(struct rd *r)
{
	struct tableb *t = &r->tb;
	struct cellb c = t->cur;
	t->in_cell = false;
	memset(&t->cur, 0, sizeof t->cur);
	if (c.vmerge == 2) {
		/* continue the cell above that covers this column down to here */
		for (size_t i = t->n; i-- > 0;) {
			struct cellb *up = &t->cells[i];
			if (up->col == c.col && up->row + up->rowspan == c.row) {
				up->rowspan++;
				for (size_t k = 0; k < c.n; k++)
					if (c.paras[k].len)
						cell_add_para(up, &c.paras[k]);
				free(c.paras);
				t->next_col = c.col + c.colspan;
				return;
			}
		}
	}
	if (c.vmerge == 3 && t->n && t->cells[t->n - 1].row == c.row) {
		/* legacy horizontal merge (hMerge): widen the cell on the left */
		struct cellb *left = &t->cells[t->n - 1];
		left->colspan += c.colspan;
		for (size_t k = 0; k < c.n; k++)
			if (c.paras[k].len)
				cell_add_para(left, &c.paras[k]);
		free(c.paras);
		t->next_col = c.col + c.colspan;
		if (t->next_col > t->ncols)
			t->ncols = t->next_col;
		return;
	}
	XGROW(t->cells, t->cap, t->n + 1);
	t->cells[t->n++] = c;
	t->next_col = c.col + c.colspan;
	if (t->next_col > t->ncols)
		t->ncols = t->next_col;
}

static void table_end(struct rd *r)
{
	struct tableb *t = &r->tb;
	struct docx *d = r->d;
	if (t->in_cell) /* a table that ends inside a cell (no w:tc end before it) */
		table_cell_end(r);
	XGROW(r->blocks, r->capblocks, r->nblocks + 1);
	struct docx_block *b = &r->blocks[r->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = DOCX_TABLE;
	b->table.nrows = t->row;
	/* a cell outside any w:tr (a damaged table) still gets a row of the grid */
	for (size_t i = 0; i < t->n; i++)
		if (t->cells[i].row + t->cells[i].rowspan > b->table.nrows)
			b->table.nrows = t->cells[i].row + t->cells[i].rowspan;
	b->table.ncols = t->ncols;
	b->table.nested = t->nested;
	b->table.num = t->first;
	b->table.ncells = t->n;
	b->table.cells = arena_alloc(d->arena, (t->n ? t->n : 1) * sizeof *b->table.cells);
	for (size_t i = 0; i < t->n; i++) {
		struct cellb *c = &t->cells[i];
		struct docx_cell *o = &b->table.cells[i];
		o->row = c->row;
		o->col = c->col;
		o->rowspan = c->rowspan;
		o->colspan = c->colspan;
		o->nparas = c->n;
		o->paras = c->n ? arena_memdup(d->arena, c->paras, c->n, sizeof *c->paras) : NULL;
		free(c->paras);
	}
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* Elements whose content is never part of the text: deleted revisions, moved-away text, the
 * old properties of a tracked change, and the fallback copy of alternate content. */
static bool skipped(const char *name)
{
	static const char *const names[] = { "del",	   "moveFrom",	   "delText",
					     "instrText",  "delInstrText", "pPrChange",
					     "rPrChange",  "tblPrChange",  "tcPrChange",
					     "trPrChange", "sectPrChange", "numberingChange",
					     "Fallback",   "txbxContent",  "footnotePr",
					     "endnotePr" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

static void doc_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
		      size_t na)
{
	struct rd *r = ud;
	r->depth++;
	if (r->skip)
		return;
	if (skipped(name) && !(r->in_ppr && is(name, "del"))) {
		r->skip = r->depth;
		return;
	}
	int64_t v;
	bool ok;
	if (is(name, "tbl")) {
		if (++r->tbl_depth == 1) {
			memset(&r->tb, 0, sizeof r->tb);
			r->tb.first = r->d->nparas + 1;
		} else
			r->tb.nested++;
		return;
	}
	if (r->tbl_depth == 1) {
		struct tableb *t = &r->tb;
		if (is(name, "tr")) {
			t->in_row = true;
			t->next_col = 0;
			return;
		}
		if (is(name, "gridBefore") && t->in_row && !t->in_cell &&
		    attr_int(a, na, "val", 0, 63, &v, &ok)) {
			t->next_col += (uint32_t)v;
			return;
		}
		if (is(name, "tc")) {
			if (t->in_cell) /* a cell inside a cell of the same table: the first ends */
				table_cell_end(r);
			t->in_cell = true;
			t->cur = (struct cellb){
				.row = t->row, .col = t->next_col, .rowspan = 1, .colspan = 1
			};
			return;
		}
		if (t->in_cell && !r->in_p && is(name, "gridSpan")) {
			if (attr_int(a, na, "val", 1, 1000, &v, &ok))
				t->cur.colspan = (uint32_t)v;
			else if (!ok)
				part_error(r, sx,
					   _("a cell's gridSpan is not a number from 1 to 1000"));
			return;
		}
		if (t->in_cell && !r->in_p && (is(name, "vMerge") || is(name, "hMerge"))) {
			size_t len;
			const char *val = sax_attr_get(a, na, "val", &len);
			bool restart = val && len == 7 && memcmp(val, "restart", 7) == 0;
			if (is(name, "vMerge"))
				t->cur.vmerge = restart ? 1 : 2;
			else if (!restart)
				t->cur.vmerge = 3;
			return;
		}
	}
	if (is(name, "p")) {
		if (r->in_p) {
			/* a paragraph inside a paragraph can only come from content not read */
			r->skip = r->depth;
			return;
		}
		para_begin(r);
		return;
	}
	if (!r->in_p)
		return;
	if (r->math) {
		r->math++;
		if (is(name, "t"))
			r->in_t = true;
		else
			math_start(r, sx, name, a, na);
		return;
	}
	if (is(name, "oMath")) {
		r->math = 1;
		r->p.math = true;
		r->nm = 0;
		return;
	}
	if (is(name, "pPr")) {
		r->in_ppr = true;
		return;
	}
	if (r->in_ppr) {
		if (is(name, "pStyle") && !r->p.style)
			r->p.style = sax_attr_dup(a, na, "val");
		else if (is(name, "numPr"))
			r->in_numpr = true;
		else if (r->in_numpr && is(name, "numId") &&
			 attr_int(a, na, "val", 0, COUNTER_MAX, &v, &ok))
			r->p.num_id = (long)v;
		else if (r->in_numpr && is(name, "ilvl")) {
			if (attr_int(a, na, "val", 0, NLVL - 1, &v, &ok))
				r->p.ilvl = (int)v;
			else
				para_error(r, r->p.num,
					   _("list level is not a number from 0 to 8"));
		} else if (is(name, "outlineLvl") && attr_int(a, na, "val", 0, 9, &v, &ok))
			r->p.outline = (int)v;
		else if (is(name, "pageBreakBefore") && attr_on(a, na))
			r->p.page_break = true;
		return;
	}
	if (is(name, "r")) {
		r->in_r = true;
		r->r_sup = false;
		return;
	}
	if (r->in_r && is(name, "rPr")) {
		r->in_rpr = true;
		return;
	}
	if (r->in_rpr) {
		if (is(name, "vertAlign")) {
			size_t len;
			const char *va = sax_attr_get(a, na, "val", &len);
			r->r_sup = va && len == 11 && memcmp(va, "superscript", 11) == 0;
		}
		return;
	}
	if (is(name, "fldChar")) {
		size_t len;
		const char *t = sax_attr_get(a, na, "fldCharType", &len);
		if (!t)
			return;
		if (len == 5 && memcmp(t, "begin", 5) == 0) {
			if (r->nfld < sizeof r->fld / sizeof r->fld[0])
				r->fld[r->nfld] = 0;
			r->nfld++;
		} else if (len == 8 && memcmp(t, "separate", 8) == 0 && r->nfld &&
			   r->nfld <= sizeof r->fld / sizeof r->fld[0])
			r->fld[r->nfld - 1] = 1;
		else if (len == 3 && memcmp(t, "end", 3) == 0 && r->nfld)
			r->nfld--;
		return;
	}
	if (is(name, "drawing") || is(name, "pict") || is(name, "object")) {
		r->p.drawing = true;
		r->skip = r->depth;
		return;
	}
	if (is(name, "footnoteReference") || is(name, "endnoteReference")) {
		r->p.footnotes++;
		return;
	}
	if (!r->in_r || field_code(r))
		return;
	if (is(name, "t"))
		r->in_t = true;
	else if (is(name, "tab"))
		text_add(r, sx, "\t", 1);
	else if (is(name, "br") || is(name, "cr")) {
		size_t len;
		const char *t = sax_attr_get(a, na, "type", &len);
		if (t && len == 4 && memcmp(t, "page", 4) == 0)
			r->p.page_break = true;
		else
			text_add(r, sx, "\n", 1);
	} else if (is(name, "noBreakHyphen"))
		text_add(r, sx, "-", 1);
	else if (is(name, "sym")) {
		size_t len;
		const char *c = sax_attr_get(a, na, "char", &len);
		uint32_t cp = 0;
		for (size_t i = 0; c && i < len && i < 6; i++) {
			int dv = c[i] >= '0' && c[i] <= '9'   ? c[i] - '0'
				 : c[i] >= 'a' && c[i] <= 'f' ? c[i] - 'a' + 10
				 : c[i] >= 'A' && c[i] <= 'F' ? c[i] - 'A' + 10
							      : -1;
			if (dv < 0) {
				cp = 0;
				break;
			}
			cp = cp * 16 + (uint32_t)dv;
		}
		/* symbol fonts sit in the private area F000–F0FF over their 8-bit codes */
		if (cp >= 0xF020 && cp <= 0xF0FF)
			cp -= 0xF000;
		if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
			char u[4];
			text_add(r, sx, u, utf8_encode(cp, u));
		}
	}
}

static void doc_end(struct sax *sx, void *ud, const char *name)
{
	struct rd *r = ud;
	if (r->skip) {
		if (r->depth-- == r->skip)
			r->skip = 0;
		return;
	}
	r->depth--;
	if (is(name, "tbl")) {
		if (r->tbl_depth == 1)
			table_end(r);
		if (r->tbl_depth)
			r->tbl_depth--;
		return;
	}
	if (r->tbl_depth == 1 && !r->in_p) {
		if (is(name, "tc") && r->tb.in_cell) {
			table_cell_end(r);
			return;
		}
		if (is(name, "tr") && r->tb.in_row) {
			r->tb.in_row = false;
			r->tb.row++;
			return;
		}
	}
	if (!r->in_p)
		return;
	if (r->math) {
		if (is(name, "t"))
			r->in_t = false;
		else if (r->math > 1)
			math_end(r, sx, name);
		r->math--;
		return;
	}
	if (is(name, "p"))
		para_end(r);
	else if (is(name, "pPr"))
		r->in_ppr = false;
	else if (is(name, "numPr"))
		r->in_numpr = false;
	else if (is(name, "rPr"))
		r->in_rpr = false;
	else if (is(name, "r"))
		r->in_r = r->r_sup = false;
	else if (is(name, "t"))
		r->in_t = false;
}

static void doc_text(struct sax *sx, void *ud, const char *s, size_t n)
{
	struct rd *r = ud;
	if (r->skip || !r->in_p || !r->in_t || (!r->math && field_code(r)))
		return;
	text_add(r, sx, s, n);
}

/* ---- the whole ---- */

static void rd_release(struct rd *r)
{
	for (size_t i = 0; i < r->nstyles; i++) {
		free(r->styles[i].id);
		free(r->styles[i].name);
		free(r->styles[i].based);
	}
	free(r->styles);
	for (size_t i = 0; i < r->nabs; i++) {
		for (int k = 0; k < NLVL; k++) {
			free(r->abs[i].lv[k].text);
			free(r->abs[i].lv[k].pstyle);
		}
		free(r->abs[i].num_style_link);
	}
	free(r->abs);
	free(r->nums);
	free(r->main_part);
	free(r->styles_part);
	free(r->numbering_part);
	strbuf_release(&r->pk.where);
	strbuf_release(&r->p.text);
	free(r->p.style);
	if (r->tbl_depth) {
		for (size_t i = 0; i < r->tb.n; i++)
			free(r->tb.cells[i].paras);
		free(r->tb.cells);
		free(r->tb.cur.paras);
	}
	free(r->blocks);
}

struct docx *docx_read(const char *path, const char *buf, size_t len, struct diag_store *ds,
		       const struct limits *lim)
{
	struct rd r;
	memset(&r, 0, sizeof r);
	strbuf_init(&r.pk.where);
	strbuf_init(&r.p.text);
	r.pk.ds = ds;
	r.pk.lim = lim;
	r.cur_lvl = -1;
	r.cur_over = -1;
	/* the document lives in its own arena: one free releases all */
	struct arena *a = arena_new();
	struct docx *d = arena_alloc(a, sizeof *d);
	d->arena = a;
	d->path = diag_store_file(ds, path);
	r.d = d;
	r.pk.path = d->path;
	r.pk.z = ziparc_new(path, buf, len, ds, lim);
	bool ok = r.pk.z && find_parts(&r);
	if (ok && r.styles_part && ziparc_has(r.pk.z, r.styles_part)) {
		struct sax_handler h = { &r, styles_start, styles_end, NULL };
		ok = sax_package_read(&r.pk, r.styles_part, &h);
	}
	if (ok && r.numbering_part && ziparc_has(r.pk.z, r.numbering_part)) {
		struct sax_handler h = { &r, numbering_start, numbering_end, NULL };
		ok = sax_package_read(&r.pk, r.numbering_part, &h);
	}
	if (ok) {
		struct sax_handler h = { &r, doc_start, doc_end, doc_text };
		ok = sax_package_read(&r.pk, r.main_part, &h);
	}
	if (ok) {
		d->nblocks = r.nblocks;
		d->blocks = r.nblocks
				? arena_memdup(d->arena, r.blocks, r.nblocks, sizeof *r.blocks)
				: NULL;
	}
	if (r.pk.z)
		ziparc_free(r.pk.z);
	rd_release(&r);
	if (!ok) {
		docx_free(d);
		return NULL;
	}
	return d;
}

bool docx_sniff(const char *buf, size_t len)
{
	if (office_sniff(buf, len))
		return office_kind(NULL, buf, len) == OFFICE_WORD;
	if (!ziparc_sniff(buf, len))
		return false;
	/* member names are stored as they are, in the local headers and the central directory */
	static const char name[] = "word/document";
	for (size_t i = 0; i + sizeof name - 1 <= len; i++)
		if (buf[i] == 'w' && memcmp(buf + i, name, sizeof name - 1) == 0)
			return true;
	return false;
}

void docx_free(struct docx *d)
{
	if (d)
		arena_free(d->arena);
}
