/* SPDX-License-Identifier: MIT */
/* model: build the typed model from the generic tree, driven by the schema tables; this is the
 * structural validation of `zhun validate`. Every problem is recorded and building goes on. */
#include "model.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "model_check.h"
#include "schema.h"
#include "strbuf.h"
#include "strmap.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

struct ctx {
	struct doc *d;
	struct diag_store *ds;
	struct strbuf sb;
};

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* A year for struct date: an absurd review cycle or deadline (reported elsewhere) lands on the
 * last representable year rather than wrapping round to the past. */
static int16_t year_sat(long y)
{
	return (int16_t)(y > INT16_MAX ? INT16_MAX : y < INT16_MIN ? INT16_MIN : y);
}

bool date_parse(const char *s, struct date *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	out->y = (int16_t)y;
	out->m = m;
	out->d = d;
	return true;
}

const char *date_format(const struct date *d, char buf[DATE_TEXT_SIZE])
{
	/* "%04d-%02d-%02d" by hand: a call per date cell of a table and per date an import reads,
	 * and snprintf was 1,600 instructions of it. Dates are validated; the remainders keep each
	 * field its width. */
	unsigned y = (unsigned)d->y % 10000u, m = (unsigned)d->m % 100u, dd = (unsigned)d->d % 100u;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
	return buf;
}

int date_cmp(const struct date *a, const struct date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

void date_today(struct date *out)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	out->y = year_sat(tm.tm_year + 1900L);
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	out->loc = (struct loc){ 0, 0 };
}

struct date date_add_years(const struct date *d, int years)
{
	struct date r = *d;
	r.y = year_sat((long)r.y + years);
	if (r.m == 2 && r.d == 29 && days_in_month(r.y, 2) == 28)
		r.d = 28;
	return r;
}

struct date date_add_months(const struct date *d, int months)
{
	struct date r = *d;
	long m = (long)r.y * 12 + (r.m - 1) + months;
	r.y = year_sat(m / 12);
	r.m = (int)(m % 12) + 1;
	if (r.d > days_in_month(r.y, r.m))
		r.d = days_in_month(r.y, r.m);
	return r;
}

/* ---- enum words ---- */

const char *level_word(int v, bool zh)
{
	return schema_enum_word(&schema_enum_level, v, zh);
}
const char *type_word(int v, bool zh)
{
	return schema_enum_word(&schema_enum_type, v, zh);
}
const char *status_word(int v, bool zh)
{
	return schema_enum_word(&schema_enum_status, v, zh);
}
const char *action_word(int v, bool zh)
{
	return schema_enum_word(&schema_enum_action, v, zh);
}
const char *degree_word(int v)
{
	return schema_enum_word(&schema_enum_degree, v, false);
}
const char *outcome_word(int v, bool zh)
{
	return schema_enum_word(&schema_enum_outcome, v, zh);
}
const char *result_word(int v, bool zh)
{
	return schema_enum_word(&schema_enum_result, v, zh);
}
const char *method_word(int v, bool zh)
{
	return schema_enum_word(&schema_enum_method, v, zh);
}

/* ---- generic filling ---- */

static void fill_record(struct ctx *c, const struct rec_def *rec, const struct node *map,
			void *out);

/* What a record is called in a Chinese message: the key names stay as written (they are the
 * file's words), the record is named as a standards author names it. */
static const struct {
	const char *name, *zh;
} rec_zh[] = {
	{ "category", "类目" },	   { "adopts", "采用关系" },
	{ "amendment", "修改单" }, { "interpretation", "解释" },
	{ "review", "复审记录" },  { "row", "体系表中的标准条目" },
	{ "system", "标准体系" },  { "item", "列项的一项" },
	{ "list", "列项" },	   { "table", "表" },
	{ "figure", "图" },	   { "formula", "公式" },
	{ "ref", "引用文件条目" }, { "term", "术语条目" },
	{ "clause", "章条" },	   { "change", "技术变化条目" },
	{ "foreword", "前言" },	   { "introduction", "引言" },
	{ "annex", "附录" },	   { "standard", "标准文本" },
	{ "edition", "版本条目" }, { "registry", "标准状态清单" },
};

static const char *where(const struct rec_def *rec)
{
	if (i18n_messages_zh())
		for (size_t i = 0; i < sizeof rec_zh / sizeof rec_zh[0]; i++)
			if (!strcmp(rec_zh[i].name, rec->name))
				return rec_zh[i].zh;
	return rec->name;
}

static bool want_scalar(struct ctx *c, const struct field *f, const struct node *v)
{
	if (v->kind == NODE_SCALAR) {
		if (v->flags & NODE_NULL) {
			struct diag *d = diag_add(c->ds, DIAG_EMPTY_VALUE, c->d->path, v->loc,
						  _("'%s' has no value"), f->key);
			diag_set_help(d, _("give a value or remove the key"));
			return false;
		}
		return true;
	}
	diag_add(c->ds, DIAG_TYPE_MISMATCH, c->d->path, v->loc,
		 _("'%s' must be a scalar, not a %s"), f->key, _(node_kind_name(v->kind)));
	return false;
}

static void fill_text(struct ctx *c, const struct field *f, const struct node *v, struct text *t)
{
	if (!want_scalar(c, f, v))
		return;
	if ((f->flags & F_NONEMPTY) && utf8_is_blank(v->u.str)) {
		diag_add(c->ds, DIAG_EMPTY_VALUE, c->d->path, v->loc, _("'%s' is empty"), f->key);
		return;
	}
	t->s = v->u.str;
	t->loc = v->loc;
}

static const struct {
	unsigned flag;
	enum diag_code code;
	const char *msg;
} stdno_warnings[] = {
	{ STDNO_W_SEPARATOR, DIAG_STDNO_SEPARATOR,
	  N_("standard number '%s': write the year separator as '—' (U+2014)") },
	{ STDNO_W_SPACING, DIAG_STDNO_SPACING,
	  N_("standard number '%s': write exactly one space between code and sequence number") },
	{ STDNO_W_TWO_DIGIT_YEAR, DIAG_STDNO_TWO_DIGIT_YEAR,
	  N_("standard number '%s': editions after 1994 have four-digit years") },
	{ STDNO_W_LEGACY_SECTOR, DIAG_STDNO_LEGACY_SECTOR,
	  N_("standard number '%s': sector standards are recommended (/T) since 2018") },
	{ STDNO_W_LEGACY_LOCAL, DIAG_STDNO_LEGACY_LOCAL,
	  N_("standard number '%s': local standards are recommended (/T)") },
	{ STDNO_W_FULLWIDTH, DIAG_STDNO_FULLWIDTH,
	  N_("standard number '%s': write letters, digits and '/' half-width") },
	{ STDNO_W_SEQ_DASH, DIAG_STDNO_SEQ_DASH,
	  N_("standard number '%s': write the dash inside the sequence number as '-'") },
};

/* Parse and report a standard number; used for every FT_NUM and FT_NUMLIST item. */
static void fill_number(struct ctx *c, const struct node *v, struct numtext *nt)
{
	nt->text.s = v->u.str;
	nt->text.loc = v->loc;
	struct stdno_error err;
	if (utf8_is_blank(v->u.str)) {
		diag_add(c->ds, DIAG_EMPTY_VALUE, c->d->path, v->loc,
			 _("standard number is empty"));
		return;
	}
	if (!stdno_parse(v->u.str, v->n, &nt->no, &err)) {
		enum diag_code code = err.code == STDNO_E_SECTOR     ? DIAG_STDNO_SECTOR
				      : err.code == STDNO_E_PROVINCE ? DIAG_STDNO_PROVINCE
				      : err.code == STDNO_E_GLYPH    ? DIAG_STDNO_GLYPH
								     : DIAG_STDNO_INVALID;
		struct loc l = v->loc;
		/* point at the problem inside the scalar when it sits on one line */
		if (!(v->flags & (NODE_ATTR | NODE_CELL)) && err.offset <= v->n &&
		    !memchr(v->u.str, '\n', v->n))
			l.col += (uint32_t)utf8_count(v->u.str, err.offset);
		diag_add(c->ds, code, c->d->path, l, _("standard number '%s': %s"), v->u.str,
			 _(stdno_strerror(err.code)));
		return;
	}
	nt->ok = true;
	for (size_t i = 0; i < sizeof stdno_warnings / sizeof stdno_warnings[0]; i++) {
		if (!(nt->no.warn & stdno_warnings[i].flag))
			continue;
		struct diag *d = diag_add(c->ds, stdno_warnings[i].code, c->d->path, v->loc,
					  _(stdno_warnings[i].msg), v->u.str);
		/* a two-digit year has no mechanical fix: the full year is not known */
		if (d && stdno_warnings[i].flag != STDNO_W_TWO_DIGIT_YEAR &&
		    !(v->flags & (NODE_ATTR | NODE_CELL)) && !memchr(v->u.str, '\n', v->n)) {
			struct strbuf canon = STRBUF_INIT;
			struct stdno fixed = nt->no;
			/* a legacy number is mended by making it recommended (/T) */
			if (stdno_warnings[i].flag &
			    (STDNO_W_LEGACY_LOCAL | STDNO_W_LEGACY_SECTOR)) {
				fixed.mand = 'T';
			}
			stdno_format(&fixed, &canon);
			diag_set_help(d, _("write '%s'"), canon.buf);
			diag_set_fix_text(d, &(struct text){ v->u.str, v->loc }, canon.buf);
			strbuf_release(&canon);
		}
	}
}

static void fill_enum(struct ctx *c, const struct field *f, const struct node *v, struct enumval *e)
{
	if (!want_scalar(c, f, v))
		return;
	int val = schema_enum_value(f->en, v->u.str);
	if (!val) {
		strbuf_reset(&c->sb);
		const char *cands[64];
		size_t n = 0;
		for (size_t i = 0; i < f->en->n && n < 63; i++)
			if (!f->en->words[i].zh)
				cands[n++] = f->en->words[i].word;
		cands[n] = NULL;
		/* a Chinese message lists the Chinese words alone, where the enum has them */
		if (i18n_messages_zh())
			for (size_t i = 0; i < f->en->n; i++)
				if (f->en->words[i].zh) {
					if (c->sb.len)
						strbuf_adds(&c->sb, "、");
					strbuf_adds(&c->sb, f->en->words[i].word);
				}
		if (!c->sb.len)
			schema_enum_words(f->en, &c->sb);
		struct diag *d = diag_add(c->ds, DIAG_ENUM_INVALID, c->d->path, v->loc,
					  _("'%s' is not a valid %s; use one of: %s"), v->u.str,
					  f->en->name, c->sb.buf);
		const char *s = did_you_mean(v->u.str, cands);
		if (!s)
			s = schema_enum_suggest_zh(f->en, v->u.str);
		if (s)
			diag_set_help(d, _("did you mean '%s'?"), s);
		return;
	}
	e->v = val;
	e->loc = v->loc;
}

static void fill_scalar_field(struct ctx *c, const struct field *f, const struct node *v, char *p)
{
	switch (f->type) {
	case FT_STR:
		fill_text(c, f, v, (struct text *)p);
		return;
	case FT_NUM:
		if (want_scalar(c, f, v))
			fill_number(c, v, (struct numtext *)p);
		return;
	case FT_DATE: {
		if (!want_scalar(c, f, v))
			return;
		struct date *dt = (struct date *)p;
		if (!date_parse(v->u.str, dt)) {
			diag_add(c->ds, DIAG_DATE_INVALID, c->d->path, v->loc,
				 _("'%s' is not a valid date; write YYYY-MM-DD"), v->u.str);
			memset(dt, 0, sizeof *dt);
			return;
		}
		dt->loc = v->loc;
		return;
	}
	case FT_INT: {
		if (!want_scalar(c, f, v))
			return;
		struct intval *iv = (struct intval *)p;
		char *end;
		errno = 0;
		long val = strtol(v->u.str, &end, 10);
		if (!v->n || *end || errno || !isdigit((unsigned char)v->u.str[0])) {
			diag_add(c->ds, DIAG_INT_INVALID, c->d->path, v->loc,
				 _("'%s' must be a whole number, not '%s'"), f->key, v->u.str);
			return;
		}
		iv->v = val;
		iv->set = true;
		iv->loc = v->loc;
		return;
	}
	case FT_BOOL: {
		if (!want_scalar(c, f, v))
			return;
		struct boolval *bv = (struct boolval *)p;
		const char *s = v->u.str;
		if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "是"))
			bv->v = true;
		else if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "否"))
			bv->v = false;
		else {
			diag_add(c->ds, DIAG_ENUM_INVALID, c->d->path, v->loc,
				 _("'%s' must be true or false, not '%s'"), f->key, s);
			return;
		}
		bv->set = true;
		bv->loc = v->loc;
		return;
	}
	case FT_ENUM:
		fill_enum(c, f, v, (struct enumval *)p);
		return;
	default:
		return;
	}
}

static bool want_kind(struct ctx *c, const char *key, const struct node *v, enum node_kind k)
{
	if (v->kind == k)
		return true;
	if (v->kind == NODE_SCALAR && (v->flags & NODE_NULL)) {
		struct diag *d = diag_add(c->ds, DIAG_EMPTY_VALUE, c->d->path, v->loc,
					  _("'%s' has no value"), key);
		diag_set_help(d, _("give a value or remove the key"));
		return false;
	}
	struct diag *d = diag_add(c->ds, DIAG_TYPE_MISMATCH, c->d->path, v->loc,
				  _("'%s' must be a %s, not a %s"), key, _(node_kind_name(k)),
				  _(node_kind_name(v->kind)));
	if (k == NODE_SEQ && v->kind == NODE_SCALAR)
		diag_set_help(d, _("write a list: [%s]"), v->u.str);
	return false;
}

static void fill_list(struct ctx *c, const struct field *f, const struct node *v, char *p)
{
	if (!want_kind(c, f->key, v, NODE_SEQ))
		return;
	if (f->type == FT_STRLIST) {
		struct textlist *tl = (struct textlist *)p;
		tl->loc = v->loc;
		tl->v = arena_alloc(c->d->arena, (v->n ? v->n : 1) * sizeof *tl->v);
		for (size_t i = 0; i < v->n; i++)
			if (want_scalar(c, f, v->u.items[i])) {
				tl->v[tl->n].s = v->u.items[i]->u.str;
				tl->v[tl->n++].loc = v->u.items[i]->loc;
			}
	} else {
		struct numlist *nl = (struct numlist *)p;
		nl->loc = v->loc;
		nl->v = arena_alloc(c->d->arena, (v->n ? v->n : 1) * sizeof *nl->v);
		for (size_t i = 0; i < v->n; i++)
			if (want_scalar(c, f, v->u.items[i]))
				fill_number(c, v->u.items[i], &nl->v[nl->n++]);
	}
}

/* A span is a count of grid columns or rows: 1 or more. Absent is 1. */
static void fill_span(struct ctx *c, struct intval *iv, const char *key)
{
	if (!iv->set)
		return;
	if (iv->v < 1 || iv->v > 1000) {
		diag_add(c->ds, DIAG_INT_INVALID, c->d->path, iv->loc,
			 _("'%s' must be a whole number from 1 to 1000, not '%ld'"), key, iv->v);
		iv->set = false;
		iv->v = 0;
		iv->loc = (struct loc){ 0, 0 };
	}
}

static void fill_cellrows(struct ctx *c, const struct field *f, const struct node *v,
			  struct cellrows *cr)
{
	if (!want_kind(c, f->key, v, NODE_SEQ))
		return;
	cr->v = arena_alloc(c->d->arena, (v->n ? v->n : 1) * sizeof *cr->v);
	for (size_t i = 0; i < v->n; i++) {
		const struct node *r = v->u.items[i];
		if (!want_kind(c, f->key, r, NODE_SEQ))
			continue;
		struct cellrow *tl = &cr->v[cr->n++];
		tl->loc = r->loc;
		tl->v = arena_alloc(c->d->arena, (r->n ? r->n : 1) * sizeof *tl->v);
		for (size_t j = 0; j < r->n; j++) {
			const struct node *cell = r->u.items[j];
			if (cell->kind == NODE_MAP) {
				/* a cell that spans or cites footnotes: the row keeps every cell
				 * as written, the plain ones spanning one column and one row */
				if (!tl->cells)
					tl->cells =
					    arena_alloc(c->d->arena, r->n * sizeof *tl->cells);
				struct cell *ce = &tl->cells[tl->n];
				fill_record(c, &schema_cell_rec, cell, ce);
				fill_span(c, &ce->colspan, "colspan");
				fill_span(c, &ce->rowspan, "rowspan");
				tl->v[tl->n].s = ce->text.s ? ce->text.s : "";
				tl->v[tl->n++].loc = ce->text.s ? ce->text.loc : cell->loc;
				continue;
			}
			if (cell->kind != NODE_SCALAR) {
				diag_add(
				    c->ds, DIAG_TYPE_MISMATCH, c->d->path, cell->loc,
				    _("a table cell must be a scalar or a mapping (text, colspan, "
				      "rowspan, marks), not a %s"),
				    _(node_kind_name(cell->kind)));
				continue;
			}
			/* an empty cell is legitimate in a table */
			tl->v[tl->n].s = (cell->flags & NODE_NULL) ? "" : cell->u.str;
			tl->v[tl->n++].loc = cell->loc;
		}
		/* the plain cells before the first mapping, and after it, as written */
		for (size_t j = 0; tl->cells && j < tl->n; j++) {
			struct cell *ce = &tl->cells[j];
			if (!ce->loc.line) {
				ce->loc = tl->v[j].loc;
				ce->text = tl->v[j];
			}
		}
	}
}

static struct list *make_list(struct ctx *c, const struct node *v, const char *key)
{
	if (!want_kind(c, key, v, NODE_MAP))
		return NULL;
	struct list *l = arena_alloc(c->d->arena, sizeof *l);
	fill_record(c, &schema_list_rec, v, l);
	return l;
}

static void fill_body(struct ctx *c, const struct field *f, const struct node *v, struct body *b)
{
	b->present = true;
	b->loc = v->loc;
	if (v->kind == NODE_SCALAR) {
		if (!want_scalar(c, f, v))
			return;
		b->v = arena_alloc(c->d->arena, sizeof *b->v);
		b->v[0].kind = BLOCK_P;
		b->v[0].loc = v->loc;
		b->v[0].text = (struct text){ v->u.str, v->loc };
		b->n = 1;
		return;
	}
	if (!want_kind(c, f->key, v, NODE_SEQ))
		return;
	b->v = arena_alloc(c->d->arena, (v->n ? v->n : 1) * sizeof *b->v);
	for (size_t i = 0; i < v->n; i++) {
		const struct node *it = v->u.items[i];
		struct block *blk = &b->v[b->n];
		blk->loc = it->loc;
		if (it->kind == NODE_SCALAR) {
			if (!want_scalar(c, f, it))
				continue;
			blk->kind = BLOCK_P;
			blk->text = (struct text){ it->u.str, it->loc };
			b->n++;
			continue;
		}
		if (it->kind != NODE_MAP || it->n != 1) {
			diag_add(c->ds, DIAG_BLOCK_INVALID, c->d->path, it->loc,
				 _("a body block is a paragraph string or a mapping with one key: "
				   "list, table, figure, formula, note or example"));
			continue;
		}
		const char *k = it->u.pairs[0].key->u.str;
		const struct node *bv = it->u.pairs[0].value;
		const struct block_def *bd = schema_block(k);
		if (!bd || bd->kind == BLOCK_P) {
			struct diag *d =
			    diag_add(c->ds, DIAG_BLOCK_INVALID, c->d->path, it->u.pairs[0].key->loc,
				     _("'%s' is not a body block; use list, table, figure, "
				       "formula, note or example"),
				     k);
			const char *s = schema_suggest_block(k, false);
			if (s)
				diag_set_help(d, _("did you mean '%s'?"), s);
			continue;
		}
		if (!bd->rec) {
			struct field tf = { k, FT_STR, 0, 0, 0, NULL, NULL, NULL, NULL, NULL };
			if (!want_scalar(c, &tf, bv))
				continue;
			blk->text = (struct text){ bv->u.str, bv->loc };
		} else if (bd->kind == BLOCK_LIST) {
			blk->list = make_list(c, bv, k);
			if (!blk->list)
				continue;
		} else {
			/* table, figure and formula fields live in the block itself */
			if (!want_kind(c, k, bv, NODE_MAP))
				continue;
			fill_record(c, bd->rec, bv, blk);
			blk->loc = it->loc;
		}
		blk->kind = bd->kind;
		b->n++;
	}
}

/* Entry `it` of list `f` into `elem`; false when it is no entry (reported). */
static bool fill_entry(struct ctx *c, const struct field *f, const struct node *it, char *elem)
{
	if (f->rec == &schema_list_item_rec && it->kind == NODE_SCALAR) {
		struct field tf = { "items", FT_STR, 0, 0, 0, NULL, NULL, NULL, NULL, NULL };
		if (!want_scalar(c, &tf, it))
			return false;
		struct list_item *li = (struct list_item *)elem;
		li->loc = it->loc;
		li->text = (struct text){ it->u.str, it->loc };
		return true;
	}
	if (it->kind != NODE_MAP) {
		diag_add(c->ds, DIAG_TYPE_MISMATCH, c->d->path, it->loc,
			 _("each entry of '%s' must be a mapping (a %s), not a %s"), f->key,
			 f->rec->name, _(node_kind_name(it->kind)));
		return false;
	}
	fill_record(c, f->rec, it, elem);
	return true;
}

/* The rows the YAML loader handed to model_row_sink as it read them: built then, filed into
 * the system here. The loader's list holds none of them. */
struct taken {
	struct row *v; /* arena_grow */
	size_t n;      /* rows built */
	size_t cap;    /* rows v has room for */
	size_t
	    nitems; /* entries handed over (an entry that is no mapping is reported, not built) */
	const struct field *field; /* the system's standards */
	struct diag_store ds; /* their findings, filed with the system's in model_build's order */
	bool filed;	      /* model_build took v and ds */
	struct loc *locs;     /* under the self-check: the positions of their value nodes */
	size_t nlocs, caplocs;
};

static void fill_reclist(struct ctx *c, const struct field *f, const struct node *v, char *p)
{
	if (!want_kind(c, f->key, v, NODE_SEQ))
		return;
	struct taken *t = f->rec == &schema_row_rec ? c->d->taken : NULL;
	if (t && t->filed)
		t = NULL;
	/* a required list is never empty: the XML spelling could not hold an empty one */
	if ((f->flags & F_REQUIRED) && (t ? t->nitems : v->n) == 0) {
		struct diag *d = diag_add(c->ds, DIAG_EMPTY_VALUE, c->d->path, v->loc,
					  _("'%s' must hold at least one entry"), f->key);
		diag_set_help(d, _("add at least one %s"), f->rec->name);
	}
	size_t sz = f->rec->size;
	if (t) {
		t->filed = true;
		*(void **)p = t->n ? (void *)t->v : arena_alloc(c->d->arena, sz);
		*(size_t *)((char *)p - f->off + f->count_off) = t->n;
		diag_store_take(c->ds, &t->ds);
		return;
	}
	char *arr = arena_alloc(c->d->arena, (v->n ? v->n : 1) * sz);
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += fill_entry(c, f, v->u.items[i], arr + n * sz);
	*(void **)p = arr;
	*(size_t *)((char *)p - f->off + f->count_off) = n;
}

static void fill_record(struct ctx *c, const struct rec_def *rec, const struct node *map, void *out)
{
	char *base = out;
	*(struct loc *)base = map->loc;
	bool seen[64] = { false };
	size_t hint = 0; /* keys mostly follow the schema's order: try the next field first */
	for (size_t i = 0; i < map->n; i++) {
		const struct node *k = map->u.pairs[i].key;
		const struct node *v = map->u.pairs[i].value;
		const struct field *f = NULL;
		for (size_t h = hint; h < rec->nfields && h < hint + 4 && !f; h++)
			if (!strcmp(rec->fields[h].key, k->u.str))
				f = &rec->fields[h];
		if (!f)
			f = schema_field(rec, k->u.str);
		if (f)
			hint = (size_t)(f - rec->fields) + 1;
		if (!f) {
			struct diag *d =
			    diag_add(c->ds, DIAG_KEY_UNKNOWN, c->d->path, k->loc,
				     _("unknown key '%s' in %s"), k->u.str, where(rec));
			const struct load_format *lf = load_format_of(c->d->syntax);
			const char *s = lf && lf->suggest ? lf->suggest(rec, k->u.str) : NULL;
			if (s)
				diag_set_help(d, _("did you mean '%s'?"), s);
			continue;
		}
		size_t fi = (size_t)(f - rec->fields);
		/* A key given twice (the loader reported duplicate-key): the first one counts, as
		 * for node_get. Filling a field twice would append a second list to the first
		 * one's storage (fill_list, fill_body, fill_cellrows count on from n). */
		bool again = fi < 64 ? seen[fi] : false;
		for (size_t j = 0; fi >= 64 && j < i && !again; j++)
			again = schema_field(rec, map->u.pairs[j].key->u.str) == f;
		if (again)
			continue;
		if (fi < 64)
			seen[fi] = true;
		char *p = base + f->off;
		switch (f->type) {
		case FT_STRLIST:
		case FT_NUMLIST:
			fill_list(c, f, v, p);
			break;
		case FT_REC: {
			if (!want_kind(c, f->key, v, NODE_MAP))
				break;
			void *sub = arena_alloc(c->d->arena, f->rec->size);
			fill_record(c, f->rec, v, sub);
			*(void **)p = sub;
			break;
		}
		case FT_RECLIST:
			fill_reclist(c, f, v, p);
			break;
		case FT_BODY:
			fill_body(c, f, v, (struct body *)p);
			break;
		case FT_CELLROWS:
			fill_cellrows(c, f, v, (struct cellrows *)p);
			break;
		case FT_LIST:
			*(struct list **)p = make_list(c, v, f->key);
			break;
		default:
			fill_scalar_field(c, f, v, p);
			break;
		}
	}
	if (rec == &schema_clause_rec) {
		/* an empty list still says "this chapter holds references/terms" */
		struct clause *cl = out;
		cl->has_references = node_get(map, "references") != NULL;
		cl->has_terms = node_get(map, "terms") != NULL;
	}
	if (rec == &schema_refentry_rec && !node_get(map, "number") && !node_get(map, "title")) {
		/* a document that is not a standard is named by its title (GB/T 1.1—2020 8.4) */
		struct diag *d = diag_add(c->ds, DIAG_KEY_MISSING, c->d->path, map->loc,
					  _("%s has neither 'number' nor 'title'"), where(rec));
		diag_set_help(d, _("give the standard's number, or the title of a document that is "
				   "not a standard"));
	}
	for (size_t i = 0; i < rec->nfields && i < 64; i++)
		if ((rec->fields[i].flags & F_REQUIRED) && !seen[i])
			diag_add(c->ds, DIAG_KEY_MISSING, c->d->path, map->loc,
				 _("%s is missing the required key '%s'"), where(rec),
				 rec->fields[i].key);
}

/* ---- derivations ---- */

static void number_text(struct doc *d, const struct stdno *n, const char **out,
			void (*fn)(const struct stdno *, struct strbuf *))
{
	struct strbuf sb = STRBUF_INIT;
	fn(n, &sb);
	*out = arena_strndup(d->arena, sb.buf, sb.len);
	strbuf_release(&sb);
}

struct category *system_category(const struct system *s, const char *code)
{
	return s->cat_index ? strmap_get(s->cat_index, code) : NULL;
}

bool category_is_leaf(const struct category *c)
{
	return c->nchildren == 0;
}

const struct category *category_block(const struct category *c)
{
	while (c->parent)
		c = c->parent;
	return c;
}

static void index_categories(struct doc *d, struct system *s, struct category *cats, size_t n,
			     struct category *parent, int depth, struct category ***vec,
			     size_t *cap)
{
	for (size_t i = 0; i < n; i++) {
		struct category *cat = &cats[i];
		cat->parent = parent;
		cat->depth = depth;
		cat->index = s->ncat;
		XGROW(*vec, *cap, s->ncat + 1);
		(*vec)[s->ncat++] = cat;
		if (cat->code.s) {
			strmap_put_new(s->cat_index, cat->code.s, cat);
			size_t l = strlen(cat->code.s);
			if (l > s->cat_code_max)
				s->cat_code_max = l;
		}
		index_categories(d, s, cat->children, cat->nchildren, cat, depth + 1, vec, cap);
	}
}

/* Parse "{category}-{serial:3}" into parts. Unknown placeholders make it invalid. */
static bool parse_code_format(struct doc *d, struct system *s, const char *fmt)
{
	size_t cap = 8, n = 0;
	struct code_format_part *parts = arena_alloc(d->arena, cap * sizeof *parts);
	const char *p = fmt;
	int ncat = 0, nserial = 0;
	while (*p) {
		if (n + 1 >= cap)
			return false;
		if (*p == '{') {
			const char *e = strchr(p, '}');
			if (!e)
				return false;
			size_t l = (size_t)(e - p - 1);
			if (l == 8 && !strncmp(p + 1, "category", 8)) {
				parts[n++] = (struct code_format_part){ 1, NULL, 0, 0 };
				ncat++;
			} else if (l >= 6 && !strncmp(p + 1, "serial", 6)) {
				int w = 1;
				if (l > 6) {
					if (p[7] != ':' || l == 7)
						return false;
					w = 0;
					for (const char *q = p + 8; q < e; q++) {
						if (!isdigit((unsigned char)*q))
							return false;
						w = w * 10 + (*q - '0');
						if (w > 9)
							return false;
					}
					if (w < 1) /* {serial:0}: a serial of no digits */
						return false;
				}
				parts[n++] = (struct code_format_part){ 2, NULL, 0, w };
				nserial++;
			} else {
				return false;
			}
			p = e + 1;
		} else {
			const char *e = p;
			while (*e && *e != '{')
				e++;
			parts[n++] = (struct code_format_part){ 0, p, (size_t)(e - p), 0 };
			p = e;
		}
	}
	if (ncat != 1 || nserial > 1)
		return false;
	s->cf = parts;
	s->ncf = n;
	return true;
}

/* Match a row code against the parsed code-format: literals exact, {serial:N} ≥ N digits,
 * {category} any non-empty run that names a known category (longest first). */
static bool match_code(const struct system *s, size_t pi, const char *code, struct category **cat,
		       long *serial)
{
	if (pi == s->ncf)
		return *code == '\0';
	const struct code_format_part *pt = &s->cf[pi];
	if (pt->kind == 0)
		return strncmp(code, pt->lit, pt->len) == 0 &&
		       match_code(s, pi + 1, code + pt->len, cat, serial);
	if (pt->kind == 2) {
		size_t nd = 0;
		while (isdigit((unsigned char)code[nd]))
			nd++;
		for (size_t take = nd; take >= (size_t)pt->width && take > 0; take--) {
			if (match_code(s, pi + 1, code + take, cat, serial)) {
				long v = 0;
				for (size_t i = 0; i < take && v < 100000000; i++)
					v = v * 10 + (code[i] - '0');
				*serial = v;
				return true;
			}
		}
		return false;
	}
	/* no category code is longer than cat_code_max: trying longer prefixes would make a long
	 * code cost the square of its length (found by fuzzing: a 26 KB code took seconds) */
	size_t len = strnlen(code, s->cat_code_max);
	for (size_t take = len; take > 0; take--) {
		struct category *cc = strmap_getn(s->cat_index, code, take);
		if (cc && match_code(s, pi + 1, code + take, cat, serial)) {
			*cat = cc;
			return true;
		}
	}
	return false;
}

char *system_format_code(const struct system *s, const char *category, long serial)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < s->ncf; i++) {
		const struct code_format_part *pt = &s->cf[i];
		if (pt->kind == 0)
			strbuf_add(&sb, pt->lit, pt->len);
		else if (pt->kind == 1)
			strbuf_adds(&sb, category);
		else
			strbuf_addf(&sb, "%0*ld", pt->width, serial);
	}
	return strbuf_detach(&sb, NULL);
}

/* The category index's slots are heap memory outside the arena, and so is what a load sink
 * took (its rows are the arena's). */
static void system_model_free(struct doc *d)
{
	struct system *s = d->model;
	if (s && s->cat_index)
		strmap_release(s->cat_index);
	struct taken *t = d->taken;
	if (t) {
		diag_store_release(&t->ds);
		free(t->locs);
		free(t);
		d->taken = NULL;
	}
}

/* Under the self-check, the positions model_check would have found in the tree. */
static void keep_locs(struct taken *t, const struct node *n)
{
	XGROW(t->locs, t->caplocs, t->nlocs + 1);
	t->locs[t->nlocs++] = n->loc;
	if (n->kind == NODE_SEQ)
		for (size_t i = 0; i < n->n; i++)
			keep_locs(t, n->u.items[i]);
	else if (n->kind == NODE_MAP)
		for (size_t i = 0; i < n->n; i++)
			keep_locs(t, n->u.pairs[i].value);
}

static void take_row(struct doc *d, const struct node *item, struct diag_store *ds)
{
	struct taken *t = d->taken;
	if (!t) {
		t = xcalloc(1, sizeof *t);
		diag_store_init(&t->ds);
		diag_store_copy_config(&t->ds, ds);
		t->field = schema_field(&schema_system_rec, "standards");
		d->taken = t;
		d->model_free = system_model_free;
	}
	t->nitems++;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->v = arena_grow(d->arena, t->v, t->cap * sizeof *t->v);
	}
	struct ctx c = { d, &t->ds, STRBUF_INIT };
	t->n += fill_entry(&c, t->field, item, (char *)&t->v[t->n]);
	strbuf_release(&c.sb);
	if (model_check_wanted())
		keep_locs(t, item);
}

const struct load_sink model_row_sink = { take_row };

const struct loc *model_taken_locs(const struct doc *d, size_t *n)
{
	const struct taken *t = d->taken;
	*n = t ? t->nlocs : 0;
	return t ? t->locs : NULL;
}

static void derive_system(struct ctx *c, struct system *s)
{
	struct doc *d = c->d;
	if (s->format.set && s->format.v != 1)
		diag_add(c->ds, DIAG_FORMAT_VERSION, d->path, s->format.loc,
			 _("format %ld is not supported; this zhun reads format 1"), s->format.v);
	if (!s->review_cycle.set)
		s->review_cycle.v = 5;
	else if (s->review_cycle.v < 1 || s->review_cycle.v > 50)
		diag_add(c->ds, DIAG_INT_INVALID, d->path, s->review_cycle.loc,
			 _("review-cycle must be between 1 and 50 years"));
	s->cat_index = arena_alloc(d->arena, sizeof(struct strmap));
	strmap_init(s->cat_index);
	d->model_free = system_model_free;
	struct category **vec = NULL;
	size_t cap = 0;
	index_categories(d, s, s->categories, s->ncategories, NULL, 0, &vec, &cap);
	s->cat_preorder = arena_memdup(d->arena, vec, s->ncat, sizeof *vec);
	free(vec);
	const char *fmt = s->code_format.s ? s->code_format.s : "{category}-{serial:3}";
	s->cf_ok = parse_code_format(d, s, fmt);
	if (!s->cf_ok) {
		diag_add(c->ds, DIAG_ENUM_INVALID, d->path, s->code_format.loc,
			 _("code-format '%s' must hold {category} once and {serial} or {serial:N} "
			   "at most once"),
			 fmt);
	}
	for (size_t i = 0; i < s->nrows; i++) {
		struct row *r = &s->rows[i];
		r->index = i;
		r->serial = -1;
		r->status_given = r->status.v;
		r->level_eff =
		    r->number.ok && r->number.no.level ? (int)r->number.no.level : r->level.v;
		if (r->key.s)
			r->key_eff = r->key.s;
		else if (r->number.ok)
			number_text(d, &r->number.no, &r->key_eff, stdno_work_key);
		else
			r->key_eff = r->code.s ? r->code.s : "";
		if (s->cf_ok && r->code.s)
			r->code_ok = match_code(s, 0, r->code.s, &r->category, &r->serial);
	}
}

static void derive_clauses(struct clause *cl, size_t n, struct clause *parent, int depth)
{
	for (size_t i = 0; i < n; i++) {
		cl[i].parent = parent;
		cl[i].depth = depth;
		derive_clauses(cl[i].clauses, cl[i].nclauses, &cl[i], depth + 1);
	}
}

static void derive_standard(struct ctx *c, struct standard *s)
{
	if (s->format.set && s->format.v != 1)
		diag_add(c->ds, DIAG_FORMAT_VERSION, c->d->path, s->format.loc,
			 _("format %ld is not supported; this zhun reads format 1"), s->format.v);
	derive_clauses(s->clauses, s->nclauses, NULL, 1);
	if (s->introduction)
		derive_clauses(s->introduction->clauses, s->introduction->nclauses, NULL, 1);
	for (size_t i = 0; i < s->nannexes; i++)
		derive_clauses(s->annexes[i].clauses, s->annexes[i].nclauses, NULL, 1);
}

/* The titles that make a chapter one of the special chapters (GB/T 1.1—2020 chapters 1 to 3
 * and 符号和缩略语 with its usual variants). */
static const struct {
	const char *title;
	int kind;
} special_titles[] = {
	{ "范围", CLAUSE_SCOPE },
	{ "规范性引用文件", CLAUSE_REFERENCES },
	{ "术语和定义", CLAUSE_TERMS },
	{ "符号和缩略语", CLAUSE_SYMBOLS },
	{ "符号", CLAUSE_SYMBOLS },
	{ "缩略语", CLAUSE_SYMBOLS },
	{ "符号、代号和缩略语", CLAUSE_SYMBOLS },
	/* GB/T 1.1—2020 8.7, 8.8: the terms chapter may also hold the symbols and abbreviations,
	 * the terms then in a sub-clause 3.1 术语和定义 */
	{ "术语、定义和缩略语", CLAUSE_TERMS },
	{ "术语、定义和符号", CLAUSE_TERMS },
	{ "术语、定义、符号和缩略语", CLAUSE_TERMS },
	{ "术语、定义、符号、代号和缩略语", CLAUSE_TERMS },
	{ "术语、定义和缩略词", CLAUSE_TERMS },
};

int clause_kind(const struct clause *c)
{
	if (c->kind.v)
		return c->kind.v;
	if (!c->title.s || c->parent)
		return 0;
	/* titles are compared with white space folded away */
	char buf[64];
	size_t n = 0;
	for (const char *p = c->title.s; *p && n < sizeof buf - 1;) {
		uint32_t cp;
		size_t k = utf8_decode(p, strnlen(p, 4), &cp);
		if (!k)
			break;
		if (!utf8_is_space(cp)) {
			if (k > sizeof buf - 1 - n)
				break;
			memcpy(buf + n, p, k);
			n += k;
		}
		p += k;
	}
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof special_titles / sizeof special_titles[0]; i++)
		if (!strcmp(buf, special_titles[i].title))
			return special_titles[i].kind;
	return 0;
}

int row_status_on(const struct row *r, const struct date *as_of)
{
	int st = r->status.v ? r->status.v : STATUS_CURRENT;
	if ((st == STATUS_CURRENT || st == STATUS_UPCOMING) && r->effective.y && as_of && as_of->y)
		return date_cmp(&r->effective, as_of) > 0 ? STATUS_UPCOMING : STATUS_CURRENT;
	return st;
}

const struct review *row_last_review(const struct row *r)
{
	const struct review *last = NULL;
	for (size_t i = 0; i < r->nreviews; i++)
		if (r->reviews[i].date.y &&
		    (!last || date_cmp(&r->reviews[i].date, &last->date) >= 0))
			last = &r->reviews[i];
	return last;
}

struct date row_review_due(const struct row *r, int cycle, const struct date **since,
			   bool *reviewed)
{
	const struct review *rv = row_last_review(r);
	const struct date *last = rv ? &rv->date : NULL;
	*reviewed = last != NULL;
	if (!last && r->effective.y)
		last = &r->effective;
	*since = last;
	if (!last)
		return (struct date){ 0 };
	return date_add_years(last, cycle);
}

/* A satisfaction rate as written: a number from 0 to 100, a trailing % allowed. */
static void derive_records(struct ctx *c, struct records *r)
{
	if (r->format.set && r->format.v != 1)
		diag_add(c->ds, DIAG_FORMAT_VERSION, c->d->path, r->format.loc,
			 _("format %ld is not supported; this zhun reads format 1"), r->format.v);
	for (size_t i = 0; i < r->nsurveys; i++) {
		struct survey *sv = &r->surveys[i];
		if (!sv->score.s || !*sv->score.s)
			continue;
		char *end;
		double v = strtod(sv->score.s, &end);
		if (*end == '%' || (!strncmp(end, "％", strlen("％")) && (end += strlen("％") - 1)))
			end++;
		if (end == sv->score.s || *end || !(v >= 0 && v <= 100)) {
			diag_add(
			    c->ds, DIAG_TYPE_MISMATCH, c->d->path, sv->score.loc,
			    _("score '%s' must be a rate from 0 to 100, such as 92.5 or 92.5%%"),
			    sv->score.s);
			continue;
		}
		sv->score_v = v;
		sv->score_ok = true;
	}
}

bool model_build(struct doc *d, struct diag_store *ds)
{
	struct ctx c = { d, ds, STRBUF_INIT };
	struct node *root = d->root;
	static const char *const kinds[] = { "system", "standard", "registry", "records", NULL };
	if (!root) {
		diag_add(ds, DIAG_ROOT_UNKNOWN, d->path, (struct loc){ 1, 1 },
			 _("file holds no document; it should start with system:, standard:, "
			   "registry: or records:"));
		return false;
	}
	if (root->kind != NODE_MAP || root->n != 1) {
		diag_add(ds, DIAG_ROOT_UNKNOWN, d->path, root->loc,
			 root->kind == NODE_MAP && root->n > 1
			     ? _("the file must hold exactly one root key (system, standard, "
				 "registry or records); put everything else under it")
			     : _("the file must be a mapping with one root key: system, standard, "
				 "registry or records"));
		return false;
	}
	const struct node *key = root->u.pairs[0].key;
	if (d->kind == DOC_UNKNOWN) {
		struct diag *dg =
		    diag_add(ds, DIAG_ROOT_UNKNOWN, d->path, key->loc,
			     _("unknown root '%s'; expected system, standard, registry or records"),
			     key->u.str);
		const char *s = did_you_mean(key->u.str, kinds);
		if (s)
			diag_set_help(dg, _("did you mean '%s'?"), s);
		return false;
	}
	const struct node *body = root->u.pairs[0].value;
	if (!want_kind(&c, key->u.str, body, NODE_MAP)) {
		strbuf_release(&c.sb);
		return false;
	}
	const struct rec_def *rec = schema_root(d->kind);
	void *m = arena_alloc(d->arena, rec->size);
	fill_record(&c, rec, body, m);
	d->model = m;
	if (d->kind == DOC_SYSTEM)
		derive_system(&c, m);
	else if (d->kind == DOC_STANDARD)
		derive_standard(&c, m);
	else if (d->kind == DOC_RECORDS)
		derive_records(&c, m);
	else {
		struct registry *r = m;
		if (r->format.set && r->format.v != 1)
			diag_add(ds, DIAG_FORMAT_VERSION, d->path, r->format.loc,
				 _("format %ld is not supported; this zhun reads format 1"),
				 r->format.v);
	}
	strbuf_release(&c.sb);
	if (model_check_wanted())
		model_check_report(d, NULL, 0, ds);
	return true;
}
