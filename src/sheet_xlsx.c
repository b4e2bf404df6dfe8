/* SPDX-License-Identifier: MIT */
/* sheet_xlsx: an xlsx workbook (Office Open XML, SpreadsheetML) read into the grids of
 * include/sheet.h: the package relationships, workbook.xml, its relationships, the shared
 * strings, the number formats of styles.xml and each worksheet, every part streamed from the
 * archive (src/ziparc.c) through the SAX reader (src/sax.c). */
#include "sheet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "sax.h"
#include "sheet_int.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "ziparc.h"

/* What a number format shows of a serial number. */
enum fmt_kind {
	FMT_NUMBER = 0,
	FMT_DATE = 1,	  /* has a year, month or day */
	FMT_TIME = 2,	  /* has hours or seconds */
	FMT_DATETIME = 3, /* both */
};

/* A relationship of the workbook: what kind of part, and where it is. */
enum rel_kind { REL_OTHER, REL_WORKSHEET, REL_SHARED_STRINGS, REL_STYLES };

struct rel {
	char *id;
	enum rel_kind kind;
	char *target; /* part name resolved against the workbook's folder; NULL when it leaves
		       * the package */
};

struct wsheet {
	char *name;
	char *rid;
	bool hidden;
};

struct sstr {
	const char *s;
	size_t len;
};

struct numfmt {
	unsigned id;
	enum fmt_kind kind;
};

struct xlsx {
	struct sax_package pk; /* where: "book.xlsx:xl/…" or "book.xlsx:Sheet!A1" */
	struct sheet_book *b;
	const struct sheet_read_opts *opts;

	/* the package and the workbook */
	char *office; /* the workbook part (xl/workbook.xml) */
	struct wsheet *ws;
	size_t nws, capws;
	struct rel *rels;
	size_t nrels, caprels;

	struct sstr *sst;
	size_t nsst, capsst;
	bool have_sst;

	struct numfmt *fmts;
	size_t nfmts, capfmts;
	unsigned *xf_fmt; /* numFmtId of each cellXfs entry */
	size_t nxf, capxf;
	enum fmt_kind *xf_kind;

	/* the SAX handlers' state */
	struct strbuf text;
	bool collect; /* text goes into `text` */
	size_t rph;   /* inside phonetic runs (rPh), whose text is not the cell's */
	bool in_si, in_is, in_cellxfs, in_sheetdata, in_c;
	struct sheet_builder sb;
	const char *sheet_name;
	struct sheet *sheet;
	int64_t row;	  /* current row, 0-based; -1 before the first */
	int64_t next_col; /* column the next cell without r= takes */
	uint32_t c_row, c_col;
	char c_type[12];
	size_t c_style;
	bool c_has_v;
	bool c_skip; /* its reference could not be read */
	bool sst_missing_reported;
};

static bool attr_is(const struct sax_attr *a, size_t n, const char *name, const char *want)
{
	size_t len;
	const char *v = sax_attr_get(a, n, name, &len);
	return v && len == strlen(want) && memcmp(v, want, len) == 0;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t k = strlen(suffix);
	return len >= k && memcmp(s + len - k, suffix, k) == 0;
}

/* A whole unsigned decimal number, or false. */
static bool parse_uint(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	if (len == 0)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

/* ---- findings ---- */

static void set_where_cell(struct xlsx *x, uint32_t row, uint32_t col)
{
	strbuf_reset(&x->pk.where);
	strbuf_adds(&x->pk.where, x->b->path);
	strbuf_addc(&x->pk.where, ':');
	strbuf_adds(&x->pk.where, x->sheet_name);
	strbuf_addc(&x->pk.where, '!');
	sheet_col_name(col, &x->pk.where);
	strbuf_addu(&x->pk.where, (unsigned long long)row + 1);
}

/* An error about the part being read, at the parser's position. */
static void part_error(struct xlsx *x, struct sax *sx, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void part_error(struct xlsx *x, struct sax *sx, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	sax_package_where(&x->pk);
	diag_add(x->pk.ds, DIAG_XLSX_INVALID, x->pk.where.buf, sax_loc(sx), "%s", msg.buf);
	strbuf_release(&msg);
}

static void cell_error(struct xlsx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cell_error(struct xlsx *x, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	set_where_cell(x, x->c_row, x->c_col);
	diag_add(x->pk.ds, DIAG_XLSX_INVALID, x->pk.where.buf, (struct loc){ 0, 0 }, "%s", msg.buf);
	strbuf_release(&msg);
}

/* ---- reading a part ---- */

/* "xl/workbook.xml" → "xl/" (kept by the caller); "workbook.xml" → "". */
static char *dir_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	return xstrndup(part, slash ? (size_t)(slash - part) + 1 : 0);
}

/* Excel escapes characters XML cannot hold as _xHHHH_ (ST_Xstring); _x005F_ is a literal
 * underscore that protects a following "_x". Decoded in place: the result is never longer. */
static size_t decode_xstring(char *s, size_t len)
{
	if (!memchr(s, '_', len))
		return len;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] == '_' && i + 7 <= len && s[i + 1] == 'x' && s[i + 6] == '_') {
			uint32_t cp = 0;
			size_t k;
			for (k = 2; k < 6; k++) {
				char c = s[i + k];
				int d = c >= '0' && c <= '9' ? c - '0'
					: (c | 0x20) >= 'a' && (c | 0x20) <= 'f'
					    ? (c | 0x20) - 'a' + 10
					    : -1;
				if (d < 0)
					break;
				cp = cp * 16 + (uint32_t)d;
			}
			/* NUL, lone surrogates: not text; leave the escape as written */
			if (k == 6 && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
				char u[4];
				size_t n = utf8_encode(cp, u);
				memcpy(s + o, u, n); /* n ≤ 3 < 7: never overtakes i */
				o += n;
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	return o;
}

/* ---- _rels/.rels: where the workbook is ---- */

static void pkg_rels_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
			   size_t n)
{
	struct xlsx *x = ud;
	(void)sx;
	if (!sax_is(name, "Relationship") || x->office)
		return;
	size_t tlen;
	const char *type = sax_attr_get(a, n, "Type", &tlen);
	if (!type || !ends_with(type, tlen, "/officeDocument") ||
	    attr_is(a, n, "TargetMode", "External"))
		return;
	char *target = sax_attr_dup(a, n, "Target");
	if (target)
		x->office = ziparc_resolve("", target);
	free(target);
}

/* ---- xl/workbook.xml: the sheets and the date system ---- */

static void workbook_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
			   size_t n)
{
	struct xlsx *x = ud;
	(void)sx;
	if (sax_is(name, "workbookPr")) {
		x->b->date1904 =
		    attr_is(a, n, "date1904", "1") || attr_is(a, n, "date1904", "true");
	} else if (sax_is(name, "sheet")) {
		char *sname = sax_attr_dup(a, n, "name");
		char *rid = sax_attr_dup(a, n, "id");
		if (!sname || !rid) {
			part_error(x, sx, "%s", _("a sheet has no name or no relationship id"));
			free(sname);
			free(rid);
			return;
		}
		if (x->nws == x->capws)
			XGROW(x->ws, x->capws, x->nws + 1);
		x->ws[x->nws++] = (struct wsheet){ sname, rid,
						   attr_is(a, n, "state", "hidden") ||
						       attr_is(a, n, "state", "veryHidden") };
	}
}

/* ---- xl/_rels/workbook.xml.rels ---- */

static void wb_rels_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
			  size_t n)
{
	struct xlsx *x = ud;
	(void)sx;
	if (!sax_is(name, "Relationship") || attr_is(a, n, "TargetMode", "External"))
		return;
	size_t tlen;
	const char *type = sax_attr_get(a, n, "Type", &tlen);
	char *id = sax_attr_dup(a, n, "Id");
	char *target = sax_attr_dup(a, n, "Target");
	if (!type || !id || !target) {
		free(id);
		free(target);
		return;
	}
	enum rel_kind kind = ends_with(type, tlen, "/worksheet")       ? REL_WORKSHEET
			     : ends_with(type, tlen, "/sharedStrings") ? REL_SHARED_STRINGS
			     : ends_with(type, tlen, "/styles")	       ? REL_STYLES
								       : REL_OTHER;
	char *dir = dir_of(x->office);
	if (x->nrels == x->caprels)
		XGROW(x->rels, x->caprels, x->nrels + 1);
	x->rels[x->nrels++] = (struct rel){ id, kind, ziparc_resolve(dir, target) };
	free(dir);
	free(target);
}

/* ---- rich text: a shared string's <si>, a cell's <is> ---- */

/* The text is that of its <t> elements, runs (<r>) joined; phonetic runs (<rPh>, the furigana
 * of Japanese workbooks) are not the cell's text. Returns whether `name` was one of these. */
static bool rich_start(struct xlsx *x, const char *name, bool inside)
{
	if (sax_is(name, "rPh")) {
		x->rph++;
		return true;
	}
	if (sax_is(name, "t")) {
		if (inside && !x->rph)
			x->collect = true;
		return true;
	}
	return false;
}

static bool rich_end(struct xlsx *x, const char *name)
{
	if (sax_is(name, "t")) {
		x->collect = false;
		return true;
	}
	if (sax_is(name, "rPh")) {
		if (x->rph)
			x->rph--;
		return true;
	}
	return false;
}

/* ---- xl/sharedStrings.xml ---- */

static void sst_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
		      size_t n)
{
	struct xlsx *x = ud;
	(void)sx, (void)a, (void)n;
	if (sax_is(name, "si")) {
		x->in_si = true;
		strbuf_reset(&x->text);
	} else {
		rich_start(x, name, x->in_si);
	}
}

static void sst_end(struct sax *sx, void *ud, const char *name)
{
	struct xlsx *x = ud;
	if (rich_end(x, name)) {
		return;
	} else if (sax_is(name, "si")) {
		x->in_si = false;
		if (x->nsst >= x->pk.lim->max_strings) {
			sax_package_where(&x->pk);
			struct diag *d =
			    diag_add(x->pk.ds, DIAG_ARCHIVE_TOO_LARGE, x->pk.where.buf, sax_loc(sx),
				     _("the shared-string table has more than %zu entries"),
				     x->pk.lim->max_strings);
			diag_set_help(d, "%s",
				      _("raise the limit if the workbook is genuine; a workbook "
					"saved by Excel or LibreOffice stays far below it"));
			x->pk.failed = true;
			sax_stop(sx, false);
			return;
		}
		if (x->nsst == x->capsst)
			XGROW(x->sst, x->capsst, x->nsst + 1);
		size_t len = decode_xstring(x->text.buf, x->text.len);
		x->sst[x->nsst++] =
		    (struct sstr){ arena_strndup(x->b->arena, x->text.buf, len), len };
	}
}

static void collect_text(struct sax *sx, void *ud, const char *s, size_t n)
{
	struct xlsx *x = ud;
	(void)sx;
	if (x->collect)
		strbuf_add(&x->text, s, n);
}

/* ---- xl/styles.xml: which cell formats show dates ---- */

/* The built-in formats (ECMA-376 18.8.30, with the ids East Asian Excel gives its 年月日 and
 * 时分秒 formats) that show a date or a time. */
static enum fmt_kind builtin_kind(unsigned id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 54) || id == 57 || id == 58)
		return FMT_DATE;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) ||
	    id == 55 || id == 56)
		return FMT_TIME;
	if (id == 22)
		return FMT_DATETIME;
	return FMT_NUMBER;
}

/* A custom format code shows a date when a y, m or d stands outside quotes, brackets and
 * escapes; a time for h or s ("m" next to them is minutes). [h] and [mm] are elapsed time. */
static enum fmt_kind code_kind(const char *s, size_t n)
{
	bool y = false, m = false, d = false, h = false, sec = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			const char *q = memchr(s + i + 1, '"', n - i - 1);
			i = q ? (size_t)(q - s) : n;
		} else if (c == '[') {
			const char *q = memchr(s + i + 1, ']', n - i - 1);
			size_t j = q ? (size_t)(q - s) : n;
			/* elapsed time: [h], [hh], [m], [mm], [s], [ss] */
			if (j > i + 1 && (s[i + 1] | 0x20) != '$') {
				bool all = true;
				for (size_t k = i + 1; k < j; k++)
					all = all && strchr("hHmMsS", s[k]) && s[k] != '\0';
				if (all)
					h = true;
			}
			i = j;
		} else if (c == '\\' || c == '_' || c == '*') {
			i++;
		} else {
			switch (c | 0x20) {
			case 'y':
				y = true;
				break;
			case 'd':
				d = true;
				break;
			case 'm':
				m = true;
				break;
			case 'h':
				h = true;
				break;
			case 's':
				sec = true;
				break;
			default:
				break;
			}
		}
	}
	bool date = y || d || (m && !h && !sec);
	bool time = h || sec;
	return (enum fmt_kind)((date ? FMT_DATE : 0) | (time ? FMT_TIME : 0));
}

static void styles_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
			 size_t n)
{
	struct xlsx *x = ud;
	(void)sx;
	size_t len;
	const char *v;
	uint64_t id;
	if (sax_is(name, "numFmt")) {
		v = sax_attr_get(a, n, "numFmtId", &len);
		if (!v || !parse_uint(v, len, 0xFFFFFFFFu, &id))
			return;
		const char *code = sax_attr_get(a, n, "formatCode", &len);
		if (x->nfmts == x->capfmts)
			XGROW(x->fmts, x->capfmts, x->nfmts + 1);
		x->fmts[x->nfmts++] =
		    (struct numfmt){ (unsigned)id, code ? code_kind(code, len) : FMT_NUMBER };
	} else if (sax_is(name, "cellXfs")) {
		x->in_cellxfs = true;
	} else if (sax_is(name, "xf") && x->in_cellxfs) {
		v = sax_attr_get(a, n, "numFmtId", &len);
		if (!v || !parse_uint(v, len, 0xFFFFFFFFu, &id))
			id = 0;
		if (x->nxf == x->capxf)
			XGROW(x->xf_fmt, x->capxf, x->nxf + 1);
		x->xf_fmt[x->nxf++] = (unsigned)id;
	}
}

static void styles_end(struct sax *sx, void *ud, const char *name)
{
	struct xlsx *x = ud;
	(void)sx;
	if (sax_is(name, "cellXfs"))
		x->in_cellxfs = false;
}

/* Each cell format's kind, once both lists are read: a custom format may redefine a
 * built-in id, and the last definition counts. */
static void styles_resolve(struct xlsx *x)
{
	x->xf_kind = xcalloc(x->nxf ? x->nxf : 1, sizeof *x->xf_kind);
	for (size_t i = 0; i < x->nxf; i++) {
		enum fmt_kind k = builtin_kind(x->xf_fmt[i]);
		for (size_t j = 0; j < x->nfmts; j++)
			if (x->fmts[j].id == x->xf_fmt[i])
				k = x->fmts[j].kind;
		x->xf_kind[i] = k;
	}
}

/* ---- the worksheets ---- */

/* Days since 1970-01-01 → civil date (proleptic Gregorian; H. Hinnant's algorithm). */
static void civil(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

/* Two and four decimal digits, zero-padded: the %02u and %04d of the date formats, without
 * printf's cost on tens of thousands of date cells. */
static char *digits2(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

static char *digits4(char *p, unsigned v)
{
	return digits2(digits2(p, v / 100), v % 100);
}

/*
 * An Excel serial number as ISO 8601 text, or false when it is no date (negative, past
 * 9999-12-31, not finite). The 1900 system counts 1900-01-01 as 1 and, as Lotus 1-2-3 did,
 * has a 1900-02-29 (serial 60): dates from 1900-03-01 on are one day off the calendar, and
 * serial 60 is shown as the day Excel shows. The 1904 system counts 1904-01-01 as 0.
 */
bool sheet_serial_text(double v, bool d1904, bool date, bool time, char out[SHEET_NUM_TEXT])
{
	if (!(v >= 0) || v >= 2958466.0)
		return false;
	/* v is non-negative and small: truncation is floor, +0.5 rounds */
	int64_t days = (int64_t)v;
	int64_t secs = (int64_t)((v - (double)days) * 86400.0 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	unsigned hh = (unsigned)(secs / 3600), mi = (unsigned)(secs / 60 % 60),
		 ss = (unsigned)(secs % 60);
	char *p = out;
	if (date || days != 0) {
		int y;
		unsigned m, d;
		/* 1970-01-01 is day 0; 1899-12-31 is -25568, 1904-01-01 is -24107 */
		if (d1904) {
			civil(days - 24107, &y, &m, &d);
		} else if (days == 60) {
			y = 1900, m = 2, d = 29;
		} else if (days == 0) {
			y = 1900, m = 1, d = 0;
		} else {
			civil(days - 25568 - (days > 60), &y, &m, &d);
		}
		if (y > 9999) {
			/* 9999-12-31 23:59:59.5 and later round into the year 10000 */
			if (time && secs != 0)
				snprintf(out, SHEET_NUM_TEXT, "%04d-%02u-%02uT%02u:%02u:%02u", y, m,
					 d, hh, mi, ss);
			else
				snprintf(out, SHEET_NUM_TEXT, "%04d-%02u-%02u", y, m, d);
			return true;
		}
		p = digits4(p, (unsigned)y); /* from 1900 (1904) on */
		*p++ = '-';
		p = digits2(p, m);
		*p++ = '-';
		p = digits2(p, d);
		if (!time || secs == 0) {
			*p = '\0';
			return true;
		}
		*p++ = 'T';
	}
	p = digits2(p, hh);
	*p++ = ':';
	p = digits2(p, mi);
	*p++ = ':';
	p = digits2(p, ss);
	*p = '\0';
	return true;
}

size_t sheet_number_text(double v, char out[SHEET_NUM_TEXT])
{
	if (v == 0)
		v = 0.0; /* -0 too */
	/* most numbers of a workbook are integers (serial numbers, years, counts): below 1e15 an
	 * integer has at most 15 digits, and %.15g writes exactly those */
	if (v > -1e15 && v < 1e15 && v == (double)(int64_t)v) {
		int64_t i = (int64_t)v;
		uint64_t u = i < 0 ? (uint64_t)-i : (uint64_t)i;
		char tmp[24], *q = tmp + sizeof tmp;
		do {
			*--q = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (i < 0)
			*--q = '-';
		size_t n = (size_t)(tmp + sizeof tmp - q);
		memcpy(out, q, n);
		out[n] = '\0';
		return n;
	}
	return (size_t)snprintf(out, SHEET_NUM_TEXT, "%.15g", v);
}

static void sheet_start(struct sax *sx, void *ud, const char *name, const struct sax_attr *a,
			size_t n)
{
	struct xlsx *x = ud;
	size_t len;
	const char *v;
	if (sax_is(name, "sheetData")) {
		x->in_sheetdata = true;
	} else if (!x->in_sheetdata) {
		if (!sax_is(name, "mergeCell"))
			return;
		v = sax_attr_get(a, n, "ref", &len);
		struct sheet_range r;
		size_t k = v ? sheet_parse_a1(v, len, &r.row0, &r.col0) : 0;
		if (k && k == len) {
			r.row1 = r.row0, r.col1 = r.col0;
		} else if (!k || k + 1 >= len || v[k] != ':' ||
			   sheet_parse_a1(v + k + 1, len - k - 1, &r.row1, &r.col1) !=
			       len - k - 1 ||
			   r.row1 < r.row0 || r.col1 < r.col0) {
			part_error(x, sx, _("merged range “%.*s” is not a range like A1:C3"),
				   (int)(len > 100 ? 100 : len), v ? v : "");
			return;
		}
		sheet_builder_merge(&x->sb, r);
	} else if (sax_is(name, "row")) {
		uint64_t r;
		v = sax_attr_get(a, n, "r", &len);
		if (v && parse_uint(v, len, SHEET_MAX_ROWS, &r) && r > 0) {
			x->row = (int64_t)r - 1;
		} else {
			if (v)
				part_error(x, sx, _("row number “%.*s” is not one of 1 to %u"),
					   (int)(len > 100 ? 100 : len), v, SHEET_MAX_ROWS);
			x->row++;
		}
		x->next_col = 0;
		if (x->row >= SHEET_MAX_ROWS) {
			part_error(x, sx, _("the sheet has more than %u rows"), SHEET_MAX_ROWS);
			sax_stop(sx, true);
			x->sheet->complete = false;
			return;
		}
		if (x->opts && x->opts->max_rows && x->row >= x->opts->max_rows) {
			x->sheet->complete = false;
			sax_stop(sx, true);
		}
	} else if (sax_is(name, "c")) {
		if (x->row < 0)
			x->row = 0; /* a cell outside any row: take it as the first */
		uint32_t r = (uint32_t)x->row, c = (uint32_t)x->next_col;
		bool skip = false;
		v = sax_attr_get(a, n, "r", &len);
		if (v) {
			uint32_t rr, cc;
			if (sheet_parse_a1(v, len, &rr, &cc) == len) {
				r = rr;
				c = cc;
			} else {
				/* no guessing where it belongs: the cell is left out */
				part_error(x, sx,
					   _("cell reference “%.*s” is not one like C17 inside "
					     "A1:XFD1048576"),
					   (int)(len > 100 ? 100 : len), v);
				skip = true;
			}
		}
		if (c >= SHEET_MAX_COLS) {
			part_error(x, sx, _("a cell lies right of column XFD"));
			c = SHEET_MAX_COLS - 1;
		}
		x->in_c = true;
		x->c_skip = skip;
		x->c_row = r;
		x->c_col = c;
		x->next_col = (int64_t)c + 1;
		v = sax_attr_get(a, n, "t", &len);
		if (v && len < sizeof x->c_type) {
			memcpy(x->c_type, v, len);
			x->c_type[len] = '\0';
		} else {
			strcpy(x->c_type, v ? "?" : "n");
		}
		uint64_t s = 0;
		v = sax_attr_get(a, n, "s", &len);
		x->c_style = v && parse_uint(v, len, SIZE_MAX / 2, &s) ? (size_t)s : 0;
		x->c_has_v = false;
		strbuf_reset(&x->text);
	} else if (!x->in_c) {
		return;
	} else if (sax_is(name, "v")) {
		x->collect = true;
		x->c_has_v = true;
		strbuf_reset(&x->text);
	} else if (sax_is(name, "is")) {
		x->in_is = true;
		x->c_has_v = true;
		strbuf_reset(&x->text);
	} else {
		rich_start(x, name, x->in_is);
	}
}

/* The finished cell <c> into the grid. */
static void end_cell(struct sax *sx, struct xlsx *x)
{
	x->in_c = x->in_is = false;
	x->collect = false;
	x->rph = 0;
	if (!x->c_has_v || x->c_skip)
		return; /* a formatted blank, or a cell whose place is unknown */
	const char *t = x->c_type;
	char *s = x->text.buf;
	size_t len = x->text.len;
	struct sheet_cell *c;
	if (strcmp(t, "s") == 0) {
		uint64_t i;
		if (!x->have_sst) {
			if (!x->sst_missing_reported) {
				x->sst_missing_reported = true;
				set_where_cell(x, x->c_row, x->c_col);
				diag_add(
				    x->pk.ds, DIAG_ARCHIVE_MEMBER_MISSING, x->pk.where.buf,
				    (struct loc){ 0, 0 },
				    _("the cell takes shared string %.*s, but the workbook has "
				      "no shared-string table (xl/sharedStrings.xml)"),
				    (int)(len > 20 ? 20 : len), s);
				x->pk.failed = true;
				sax_stop(sx, false);
			}
			return;
		}
		if (!parse_uint(s, len, UINT64_MAX / 10, &i) || i >= x->nsst) {
			cell_error(x, _("shared string “%.*s” does not exist: the table has %zu"),
				   (int)(len > 20 ? 20 : len), s, x->nsst);
			return;
		}
		/* the table's text is in the book's arena already: every cell of one shared
		 * string points at it */
		c = sheet_builder_add_ref(&x->sb, x->c_row, x->c_col, x->sst[i].s, x->sst[i].len);
		c->type = CELL_STRING;
		return;
	}
	if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		len = decode_xstring(s, len);
		c = sheet_builder_add(&x->sb, x->c_row, x->c_col, s, len);
		c->type = CELL_STRING;
		return;
	}
	if (strcmp(t, "b") == 0) {
		bool on = len == 1 && s[0] == '1';
		if (!on && !(len == 1 && s[0] == '0')) {
			cell_error(x, _("boolean value “%.*s” is neither 0 nor 1"),
				   (int)(len > 40 ? 40 : len), s);
			return;
		}
		c = sheet_builder_add(&x->sb, x->c_row, x->c_col, on ? "TRUE" : "FALSE",
				      on ? 4 : 5);
		c->type = CELL_BOOL;
		c->num = on;
		return;
	}
	if (strcmp(t, "e") == 0) {
		c = sheet_builder_add(&x->sb, x->c_row, x->c_col, s, len);
		c->type = CELL_ERROR;
		return;
	}
	if (strcmp(t, "d") == 0) {
		/* an ISO 8601 date written as such (strict OOXML, some writers): its date, and
		 * the time when it has one other than midnight */
		if (len > 10 && len >= 19 && memcmp(s + 10, "T00:00:00", 9) == 0 &&
		    (len == 19 || s[19] == '.' || s[19] == 'Z'))
			len = 10;
		c = sheet_builder_add(&x->sb, x->c_row, x->c_col, s, len);
		c->type = CELL_DATE;
		return;
	}
	if (strcmp(t, "n") != 0) {
		cell_error(x, _("cell type “%s” is not one of s, inlineStr, str, b, e, d, n"), t);
		return;
	}
	if (len == 0)
		return;
	/* an integer as Excel writes it ("2021", "-3": no sign +, no leading zero, at most 15
	 * digits) is its own %.15g text: no strtod, no printf */
	size_t digits = len - (s[0] == '-');
	bool canonical_int = digits >= 1 && digits <= 15 &&
			     !(s[len - digits] == '0' && digits > 1) &&
			     !(s[0] == '-' && s[1] == '0');
	double num = 0;
	for (size_t i = len - digits; canonical_int && i < len; i++) {
		canonical_int = s[i] >= '0' && s[i] <= '9';
		num = num * 10 + (s[i] - '0');
	}
	if (canonical_int) {
		num = s[0] == '-' ? -num : num;
	} else {
		char *end;
		num = strtod(s, &end);
		if (end != s + len || !isfinite(num) ||
		    !((s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.' || s[0] == '+')) {
			cell_error(x, _("number “%.*s” is not a number"),
				   (int)(len > 40 ? 40 : len), s);
			return;
		}
	}
	enum fmt_kind kind = x->c_style < x->nxf ? x->xf_kind[x->c_style] : FMT_NUMBER;
	char buf[SHEET_NUM_TEXT];
	if (kind != FMT_NUMBER &&
	    sheet_serial_text(num, x->b->date1904, kind & FMT_DATE, kind & FMT_TIME, buf)) {
		c = sheet_builder_add(&x->sb, x->c_row, x->c_col, buf, strlen(buf));
		c->type = CELL_DATE;
	} else if (canonical_int) {
		c = sheet_builder_add(&x->sb, x->c_row, x->c_col, s, len);
		c->type = CELL_NUMBER;
	} else {
		size_t n = sheet_number_text(num, buf);
		c = sheet_builder_add(&x->sb, x->c_row, x->c_col, buf, n);
		c->type = CELL_NUMBER;
	}
	c->num = num;
}

static void sheet_end(struct sax *sx, void *ud, const char *name)
{
	struct xlsx *x = ud;
	if (sax_is(name, "sheetData")) {
		x->in_sheetdata = false;
	} else if (!x->in_c) {
		return;
	} else if (sax_is(name, "c")) {
		end_cell(sx, x);
	} else if (rich_end(x, name)) {
		return;
	} else if (sax_is(name, "v")) {
		x->collect = false;
	} else if (sax_is(name, "is")) {
		x->in_is = false;
	}
}

static const struct rel *rel_by_id(const struct xlsx *x, const char *id)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, id) == 0)
			return &x->rels[i];
	return NULL;
}

static const struct rel *rel_by_kind(const struct xlsx *x, enum rel_kind kind)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (x->rels[i].kind == kind && x->rels[i].target)
			return &x->rels[i];
	return NULL;
}

/* The part a relationship names, or the conventional one when the workbook has no such
 * relationship but the part is there anyway (some writers forget it). NULL when neither. */
static const char *optional_part(struct xlsx *x, enum rel_kind kind, const char *fallback)
{
	const struct rel *r = rel_by_kind(x, kind);
	if (r)
		return r->target;
	return ziparc_has(x->pk.z, fallback) ? fallback : NULL;
}

static void read_sheet(struct xlsx *x, struct sheet *s, const char *part)
{
	static const struct sax_handler proto = { NULL, sheet_start, sheet_end, collect_text };
	struct sax_handler h = proto;
	h.ud = x;
	x->sheet = s;
	x->sheet_name = s->name;
	x->row = -1;
	x->next_col = 0;
	x->in_sheetdata = x->in_c = x->in_is = x->collect = false;
	x->rph = 0;
	s->complete = true;
	s->read = true;
	sax_package_read(&x->pk, part, &h);
	sheet_builder_finish(&x->sb, s);
}

static void xlsx_release(struct xlsx *x)
{
	free(x->office);
	for (size_t i = 0; i < x->nws; i++) {
		free(x->ws[i].name);
		free(x->ws[i].rid);
	}
	free(x->ws);
	for (size_t i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].target);
	}
	free(x->rels);
	free(x->sst);
	free(x->fmts);
	free(x->xf_fmt);
	free(x->xf_kind);
	strbuf_release(&x->text);
	strbuf_release(&x->pk.where);
	sheet_builder_release(&x->sb);
	ziparc_free(x->pk.z);
}

static bool read_book(struct xlsx *x)
{
	struct sax_handler h = { x, pkg_rels_start, NULL, NULL };
	if (ziparc_has(x->pk.z, "_rels/.rels") && !sax_package_read(&x->pk, "_rels/.rels", &h))
		return false;
	if (!x->office)
		x->office = xstrdup("xl/workbook.xml");
	if (!ziparc_has(x->pk.z, x->office)) {
		struct diag *d = diag_add(x->pk.ds, DIAG_ARCHIVE_MEMBER_MISSING, x->b->path,
					  (struct loc){ 0, 0 },
					  _("the archive has no workbook part “%s”"), x->office);
		diag_set_help(d, "%s",
			      _("this is a zip archive but not an xlsx workbook; save the table "
				"from Excel or LibreOffice as .xlsx"));
		return false;
	}
	h = (struct sax_handler){ x, workbook_start, NULL, NULL };
	if (!sax_package_read(&x->pk, x->office, &h))
		return false;

	/* xl/workbook.xml → xl/_rels/workbook.xml.rels */
	char *dir = dir_of(x->office);
	const char *base = x->office + strlen(dir);
	char *rels = xasprintf("%s_rels/%s.rels", dir, base);
	free(dir);
	h = (struct sax_handler){ x, wb_rels_start, NULL, NULL };
	bool ok = sax_package_read(&x->pk, rels, &h);
	free(rels);
	if (!ok)
		return false;

	const char *sst = optional_part(x, REL_SHARED_STRINGS, "xl/sharedStrings.xml");
	if (sst) {
		h = (struct sax_handler){ x, sst_start, sst_end, collect_text };
		if (!sax_package_read(&x->pk, sst, &h))
			return false;
		x->have_sst = true;
	}
	const char *styles = optional_part(x, REL_STYLES, "xl/styles.xml");
	if (styles) {
		h = (struct sax_handler){ x, styles_start, styles_end, NULL };
		if (!sax_package_read(&x->pk, styles, &h))
			return false;
	}
	styles_resolve(x);

	struct sheet_book *b = x->b;
	b->sheets = x->nws ? arena_alloc(b->arena, x->nws * sizeof *b->sheets) : NULL;
	for (size_t i = 0; i < x->nws; i++) {
		const struct rel *r = rel_by_id(x, x->ws[i].rid);
		if (r && r->kind != REL_WORKSHEET)
			continue; /* a chart sheet or dialog sheet: no cells */
		struct sheet *s = &b->sheets[b->nsheets++];
		s->name = arena_strdup(b->arena, x->ws[i].name);
		s->hidden = x->ws[i].hidden;
		if (!r || !r->target) {
			x->pk.part = x->office;
			sax_package_where(&x->pk);
			diag_add(x->pk.ds, DIAG_XLSX_INVALID, x->pk.where.buf, (struct loc){ 0, 0 },
				 _("sheet “%s” names relationship “%s”, which the workbook does "
				   "not have"),
				 x->ws[i].name, x->ws[i].rid);
			continue;
		}
		if (x->opts && x->opts->sheet && strcmp(x->opts->sheet, s->name) != 0)
			continue;
		read_sheet(x, s, r->target);
		if (x->pk.failed)
			return false;
	}
	return true;
}

struct sheet_book *sheet_xlsx_read(const char *path, const char *buf, size_t len,
				   const struct sheet_read_opts *opts, struct diag_store *ds,
				   const struct limits *lim)
{
	struct xlsx x = {
		.pk = { .ds = ds, .lim = lim, .where = STRBUF_INIT },
		.opts = opts,
		.text = STRBUF_INIT,
	};
	x.pk.z = ziparc_new(path, buf, len, ds, lim);
	if (!x.pk.z) {
		xlsx_release(&x);
		return NULL;
	}
	x.b = sheet_book_new(path, ds);
	x.pk.path = x.b->path;
	sheet_builder_init(&x.sb, x.b);
	bool ok = read_book(&x);
	struct sheet_book *b = x.b;
	xlsx_release(&x);
	if (!ok) {
		sheet_book_free(b);
		return NULL;
	}
	return b;
}
