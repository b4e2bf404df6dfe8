/* SPDX-License-Identifier: MIT */
/* stdno: a hand-written scanner for Chinese standard numbers (domain-rules.md §5), the code tables
 * it consults, canonical printing, the work/edition identity keys and DOC-008 ordering. */
#include "stdno.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* ------------------------------------------------------------------------------------------ */
/* Code tables                                                                                */

enum { CODE_MAX = 24 };
/* The longest sequence is 39 bytes, as before the adoption shared its buffer. */
enum { SEQ_MAX = 40 };
_Static_assert((int)SEQ_MAX <= (int)STDNO_SEQ_BUF, "stdno.seq holds a whole sequence");

struct code_entry {
	char code[CODE_MAX];
	char *name;
};

struct code_table {
	struct code_entry *v;
	size_t n, cap;
};

enum table_kind { TABLE_SECTOR, TABLE_ENGINEERING, TABLE_PROVINCE, TABLE_COUNT };

static const char *const table_file[TABLE_COUNT] = {
	"sectors.tsv",
	"engineering.tsv",
	"provinces.tsv",
};

/* Global because the grammar needs them on every parse and they are set once at start-up;
 * a few dozen entries, so a linear search is cheaper than keeping them sorted. */
static struct code_table tables[TABLE_COUNT];

static const struct code_entry *table_find(const struct code_table *t, const char *code, size_t len)
{
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->v[i].code) == len && !memcmp(t->v[i].code, code, len))
			return &t->v[i];
	return NULL;
}

static void table_push(struct code_table *t, const char *code, size_t len, char *name)
{
	XGROW(t->v, t->cap, t->n + 1);
	struct code_entry *e = &t->v[t->n++];
	memcpy(e->code, code, len);
	e->code[len] = '\0';
	e->name = name;
}

static void table_clear(struct code_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

/* Sector and engineering codes are what the scanner reads as a prefix: upper-case Latin
 * letters only, at least two (one letter would collide with T/ and Q/). Provinces: 2 digits. */
static bool code_valid(enum table_kind k, const char *code, size_t len)
{
	if (k == TABLE_PROVINCE)
		return len == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' &&
		       code[1] <= '9';
	if (len < 2 || len >= CODE_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return false;
	return true;
}

static bool blank_char(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Read one table file into `into` (a scratch table). 0 on success or when the file does not
 * exist; -1 with a message otherwise. */
static int load_file(const char *dir, enum table_kind k, struct code_table *into, char *err,
		     size_t errlen)
{
	char *path = xasprintf("%s/%s", dir, table_file[k]);
	FILE *f = fopen(path, "r");
	if (!f) {
		int e = errno;
		if (e == ENOENT) {
			free(path);
			return 0;
		}
		snprintf(err, errlen, "%s: %s", path, strerror(e));
		free(path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	int rc = 0;
	while ((got = getline(&line, &cap, f)) != -1) {
		lineno++;
		size_t n = (size_t)got;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		line[n] = '\0';
		size_t i = 0;
		while (i < n && blank_char(line[i]))
			i++;
		if (i == n || line[i] == '#')
			continue;
		/* The code must start the line: a leading blank usually means a broken TAB. */
		char *tab = memchr(line, '\t', n);
		size_t clen = tab ? (size_t)(tab - line) : n;
		const char *name = tab ? tab + 1 : "";
		size_t nlen = tab ? strcspn(name, "\t") : 0;
		while (nlen && blank_char(name[nlen - 1]))
			nlen--;
		if (!tab || !code_valid(k, line, clen) || nlen == 0 ||
		    utf8_validate(name, nlen) != nlen) {
			snprintf(err, errlen, "%s:%zu: malformed line: expected CODE<TAB>name",
				 path, lineno);
			rc = -1;
			break;
		}
		if (!table_find(into, line, clen))
			table_push(into, line, clen, xstrndup(name, nlen));
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	free(path);
	return rc;
}

int stdno_tables_load(const char *datadir, char *err, size_t errlen)
{
	/* Read everything into scratch tables first so that a bad file leaves the loaded
	 * tables exactly as they were. */
	struct code_table tmp[TABLE_COUNT];
	memset(tmp, 0, sizeof tmp);
	for (int k = 0; k < TABLE_COUNT; k++) {
		if (load_file(datadir, (enum table_kind)k, &tmp[k], err, errlen) < 0) {
			for (int j = 0; j < TABLE_COUNT; j++)
				table_clear(&tmp[j]);
			return -1;
		}
	}
	for (int k = 0; k < TABLE_COUNT; k++) {
		for (size_t i = 0; i < tmp[k].n; i++) {
			struct code_entry *e = &tmp[k].v[i];
			size_t len = strlen(e->code);
			if (table_find(&tables[k], e->code, len)) {
				free(e->name);
			} else {
				table_push(&tables[k], e->code, len, e->name);
			}
		}
		free(tmp[k].v);
	}
	return 0;
}

void stdno_tables_release(void)
{
	for (int k = 0; k < TABLE_COUNT; k++)
		table_clear(&tables[k]);
}

bool stdno_is_sector(const char *code)
{
	return code && table_find(&tables[TABLE_SECTOR], code, strlen(code));
}

bool stdno_is_engineering(const char *code)
{
	return code && table_find(&tables[TABLE_ENGINEERING], code, strlen(code));
}

bool stdno_is_province(const char *two_digits)
{
	return two_digits && table_find(&tables[TABLE_PROVINCE], two_digits, strlen(two_digits));
}

const char *stdno_sector_name(const char *code)
{
	if (!code)
		return NULL;
	const struct code_entry *e = table_find(&tables[TABLE_SECTOR], code, strlen(code));
	if (!e)
		e = table_find(&tables[TABLE_ENGINEERING], code, strlen(code));
	return e ? e->name : NULL;
}

const char *stdno_province_name(const char *two_digits)
{
	if (!two_digits)
		return NULL;
	const struct code_entry *e =
	    table_find(&tables[TABLE_PROVINCE], two_digits, strlen(two_digits));
	return e ? e->name : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Scanner                                                                                    */

/* A cursor over the input. `len` is the end the scanner may look at (stdno_parse trims
 * trailing white space by lowering it). Warnings are part of the cursor so that backing off
 * (restoring a saved copy) also forgets the warnings of what was given back. */
struct cur {
	const char *s;
	size_t len;
	size_t pos;
	unsigned warn;
};

/* One code point, folded: full-width ASCII (U+FF01..U+FF5E) reads as ASCII with `fw` set. */
struct ch {
	uint32_t cp; /* 0 at the end of the input */
	size_t n;    /* bytes */
	bool fw;
};

static struct ch ch_at(const struct cur *c, size_t pos)
{
	struct ch r = { 0, 0, false };
	if (pos >= c->len)
		return r;
	r.n = utf8_decode(c->s + pos, c->len - pos, &r.cp);
	if (!r.n) {
		r.n = 1;
		r.cp = 0xFFFD;
	}
	/* U+FF0D is one of the listed year separators: it earns STDNO_W_SEPARATOR, not a
	 * full-width warning, so it is left unfolded and recognised by is_dash(). */
	if (r.cp >= 0xFF01 && r.cp <= 0xFF5E && r.cp != 0xFF0D) {
		r.cp -= 0xFEE0;
		r.fw = true;
	}
	return r;
}

static void take(struct cur *c, struct ch h)
{
	c->pos += h.n;
	if (h.fw)
		c->warn |= STDNO_W_FULLWIDTH;
}

static bool is_upper(uint32_t cp)
{
	return cp >= 'A' && cp <= 'Z';
}

static bool is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* Letters OCR puts where digits belong (SNO-009). */
static bool is_glyph(uint32_t cp)
{
	return cp == 'O' || cp == 'o' || cp == 'I' || cp == 'l';
}

static bool is_dash(uint32_t cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0xFF0D;
}

/* Length of a year separator at `pos`, 0 if none: one dash-like character, or two of them
 * (the doubled "——" that word processors produce). `*canon` is true only for one U+2014. */
static size_t sep_at(const struct cur *c, size_t pos, bool *canon)
{
	struct ch a = ch_at(c, pos);
	if (!is_dash(a.cp))
		return 0;
	struct ch b = ch_at(c, pos + a.n);
	if (is_dash(b.cp)) {
		*canon = false;
		return a.n + b.n;
	}
	*canon = a.cp == 0x2014;
	return a.n;
}

static bool fail(struct stdno_error *err, enum stdno_err code, size_t off)
{
	if (err) {
		err->code = code;
		err->offset = off;
	}
	return false;
}

/* A run of digits, with the OCR look-alikes O o I l read as part of it so that "5O89" is
 * reported as a glyph error instead of "5" followed by junk. */
struct numrun {
	size_t end;	 /* byte offset after the run */
	size_t glyph_at; /* offset of the first look-alike, SIZE_MAX if none */
	size_t ndig;	 /* characters in the run */
	bool has_digit;
	bool fw;
	char text[40]; /* folded digits, NUL-terminated; valid when ndig < sizeof text */
};

static void read_run(const struct cur *c, size_t pos, struct numrun *r)
{
	r->glyph_at = SIZE_MAX;
	r->ndig = 0;
	r->has_digit = false;
	r->fw = false;
	for (;;) {
		struct ch h = ch_at(c, pos);
		if (is_digit(h.cp)) {
			r->has_digit = true;
		} else if (is_glyph(h.cp)) {
			if (r->glyph_at == SIZE_MAX)
				r->glyph_at = pos;
		} else {
			break;
		}
		if (r->ndig < sizeof r->text - 1)
			r->text[r->ndig] = (char)h.cp;
		r->ndig++;
		r->fw |= h.fw;
		pos += h.n;
	}
	r->text[r->ndig < sizeof r->text ? r->ndig : sizeof r->text - 1] = '\0';
	r->end = pos;
}

/* Saturating: years, months, parts and amendments are checked for length before. */
static uint32_t digits_value(const char *s)
{
	uint32_t v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT32_MAX - 9) / 10)
			return UINT32_MAX;
		v = v * 10 + (uint32_t)(*s - '0');
	}
	return v;
}

static void consume_run(struct cur *c, const struct numrun *r)
{
	c->pos = r->end;
	if (r->fw)
		c->warn |= STDNO_W_FULLWIDTH;
}

static bool starts_with(const struct cur *c, size_t pos, const char *lit)
{
	size_t n = strlen(lit);
	return pos + n <= c->len && !memcmp(c->s + pos, lit, n);
}

/* Byte length of a 所有部分 marker at `pos` (optional blanks, then "（所有部分）" or
 * "(所有部分)", either paren in either width), 0 if there is none. */
static size_t allparts_at(const struct cur *c, size_t pos)
{
	size_t p = pos;
	for (;;) {
		struct ch h = ch_at(c, p);
		if (h.cp != ' ' && h.cp != 0x3000)
			break;
		p += h.n;
	}
	struct ch h = ch_at(c, p);
	if (h.cp != '(')
		return 0;
	p += h.n;
	if (!starts_with(c, p, "所有部分"))
		return 0;
	p += strlen("所有部分");
	h = ch_at(c, p);
	if (h.cp != ')')
		return 0;
	return p + h.n - pos;
}

/* Copy with truncation to cap - 1 bytes, as snprintf(dst, cap, "%s", src) would, without
 * the cost of a format parse on every number. */
static void set_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Special national series of the grammar (SNO-001, EBNF `national`). */
static const char *const national_series[] = { "GB", "GBZ", "GJB", "GSB", "JJF", "JJG" };

/* Optional "/T" or "/Z" after a code. False (an error) when a slash follows the code but is
 * not a valid mandatory-level mark. */
static bool read_mand(struct cur *c, struct stdno *n, bool t_only, struct stdno_error *err)
{
	struct ch sl = ch_at(c, c->pos);
	if (sl.cp != '/')
		return true;
	struct ch m = ch_at(c, c->pos + sl.n);
	struct ch after = ch_at(c, c->pos + sl.n + m.n);
	if ((m.cp == 'T' || (m.cp == 'Z' && !t_only)) && !is_upper(after.cp) && after.cp != '/') {
		take(c, sl);
		take(c, m);
		n->mand = (char)m.cp;
		return true;
	}
	return fail(err, STDNO_E_PREFIX, c->pos);
}

/* ISO, IEC, ISO/IEC (and the /TS, /TR, /PAS document types, " Guide"). */
static bool read_intl_code(struct cur *c, struct stdno *n, const char *first)
{
	char code[CODE_MAX];
	set_str(code, sizeof code, first);
	for (;;) {
		struct ch sl = ch_at(c, c->pos);
		if (sl.cp != '/')
			break;
		size_t p = c->pos + sl.n;
		char run[8];
		size_t rl = 0;
		bool fw = sl.fw;
		struct ch h;
		while (h = ch_at(c, p), is_upper(h.cp) && rl < sizeof run - 1) {
			run[rl++] = (char)h.cp;
			fw |= h.fw;
			p += h.n;
		}
		run[rl] = '\0';
		if (is_upper(h.cp) || (strcmp(run, "IEC") && strcmp(run, "TS") &&
				       strcmp(run, "TR") && strcmp(run, "PAS")))
			break;
		if (strlen(code) + 1 + rl >= sizeof code)
			break;
		strcat(code, "/");
		strcat(code, run);
		c->pos = p;
		if (fw)
			c->warn |= STDNO_W_FULLWIDTH;
	}
	if (starts_with(c, c->pos, " Guide ") && strlen(code) + strlen(" Guide") < sizeof code) {
		strcat(code, " Guide");
		c->pos += strlen(" Guide");
	}
	n->cls = STDNO_INTL;
	set_str(n->code, sizeof n->code, code);
	return true;
}

static bool parse_prefix(struct cur *c, struct stdno *n, bool intl_only, struct stdno_error *err)
{
	size_t start = c->pos;
	if (!intl_only && starts_with(c, start, "建标")) {
		c->pos += strlen("建标");
		n->cls = STDNO_OTHER;
		set_str(n->code, sizeof n->code, "建标");
		return true;
	}
	char run[CODE_MAX];
	size_t rl = 0, p = start;
	bool fw = false;
	struct ch h;
	while (h = ch_at(c, p), is_upper(h.cp)) {
		if (rl == sizeof run - 1)
			return fail(err, STDNO_E_PREFIX, start);
		run[rl++] = (char)h.cp;
		fw |= h.fw;
		p += h.n;
	}
	run[rl] = '\0';
	if (rl == 0)
		return fail(err, STDNO_E_PREFIX, start);
	struct ch next = ch_at(c, p);
	if (intl_only) {
		if (strcmp(run, "ISO") && strcmp(run, "IEC"))
			return fail(err, STDNO_E_PREFIX, start);
	}
	c->pos = p;
	if (fw)
		c->warn |= STDNO_W_FULLWIDTH;

	if (!strcmp(run, "ISO") || !strcmp(run, "IEC"))
		return read_intl_code(c, n, run);

	if (rl == 1 && (run[0] == 'T' || run[0] == 'Q') && next.cp == '/') {
		bool group = run[0] == 'T';
		take(c, next);
		size_t cs = c->pos, cl = 0;
		char code[CODE_MAX];
		/* ORG starts with a letter (SNO-004); ENT may start with a digit (SNO-005). */
		while (h = ch_at(c, c->pos),
		       is_upper(h.cp) || (is_digit(h.cp) && (cl > 0 || !group))) {
			if (cl == sizeof code - 1)
				return fail(err, group ? STDNO_E_GROUP : STDNO_E_ENTERPRISE, cs);
			code[cl++] = (char)h.cp;
			take(c, h);
		}
		code[cl] = '\0';
		if (cl == 0 || ch_at(c, c->pos).cp == '/')
			return fail(err, group ? STDNO_E_GROUP : STDNO_E_ENTERPRISE, cs);
		n->cls = group ? STDNO_GROUP : STDNO_ENTERPRISE;
		set_str(n->code, sizeof n->code, code);
		return true;
	}

	if (!strcmp(run, "GB") && next.cp == 'n') {
		take(c, next);
		n->cls = STDNO_NATIONAL;
		set_str(n->code, sizeof n->code, "GBn");
		return true;
	}
	for (size_t i = 0; i < sizeof national_series / sizeof *national_series; i++) {
		if (!strcmp(run, national_series[i])) {
			n->cls = STDNO_NATIONAL;
			set_str(n->code, sizeof n->code, run);
			return read_mand(c, n, false, err);
		}
	}

	if (!strncmp(run, "DBS", 3))
		return fail(err, STDNO_E_DBS, start);
	if (!strcmp(run, "DB") && is_digit(next.cp)) {
		struct numrun r;
		read_run(c, c->pos, &r);
		if (r.glyph_at != SIZE_MAX)
			return fail(err, STDNO_E_GLYPH, r.glyph_at);
		size_t nd = r.ndig;
		if ((nd != 2 && nd != 4) || !table_find(&tables[TABLE_PROVINCE], r.text, 2))
			return fail(err, STDNO_E_PROVINCE, c->pos);
		char code[8];
		snprintf(code, sizeof code, "DB%.*s", (int)nd, r.text);
		set_str(n->code, sizeof n->code, code);
		n->cls = STDNO_LOCAL;
		consume_run(c, &r);
		if (!read_mand(c, n, true, err))
			return false;
		if (!n->mand)
			c->warn |= STDNO_W_LEGACY_LOCAL;
		return true;
	}

	/* Ambiguity rule (SNO-003): "DB" without digits is the seismology sector code. */
	enum stdno_class cls;
	if (table_find(&tables[TABLE_ENGINEERING], run, rl))
		cls = STDNO_ENGINEERING;
	else if (table_find(&tables[TABLE_SECTOR], run, rl))
		cls = STDNO_SECTOR;
	else
		return fail(err, rl == 2 ? STDNO_E_SECTOR : STDNO_E_PREFIX, start);
	n->cls = cls;
	set_str(n->code, sizeof n->code, run);
	if (!read_mand(c, n, false, err))
		return false;
	if (cls == STDNO_SECTOR && !n->mand)
		c->warn |= STDNO_W_LEGACY_SECTOR;
	return true;
}

/* The white space between code and sequence: exactly one U+0020 is canonical; none, more, or
 * other blanks (U+3000, TAB, NBSP) are accepted with a warning (SNO-006). */
static void parse_space(struct cur *c)
{
	size_t count = 0;
	bool odd = false;
	for (;;) {
		struct ch h = ch_at(c, c->pos);
		if (h.cp == ' ')
			count++;
		else if (h.cp == 0x3000 || h.cp == '\t' || h.cp == 0xA0)
			count++, odd = true;
		else
			break;
		c->pos += h.n;
	}
	if (count != 1 || odd)
		c->warn |= STDNO_W_SPACING;
}

/* Check a year digit run (2 or 4 digits) and store it. */
static bool set_year(struct cur *c, const struct numrun *r, size_t at, uint16_t *year, bool *two,
		     struct stdno_error *err)
{
	if (r->glyph_at != SIZE_MAX)
		return fail(err, STDNO_E_GLYPH, r->glyph_at);
	if (r->ndig != 2 && r->ndig != 4)
		return fail(err, STDNO_E_YEAR, at);
	int v = (int)digits_value(r->text);
	if (r->ndig == 4) {
		if (v < 1900)
			return fail(err, STDNO_E_YEAR, at);
		*year = (uint16_t)v;
		if (two)
			*two = false;
	} else {
		if (!two) /* no two-digit form where only a 4-digit one exists */
			return fail(err, STDNO_E_YEAR, at);
		/* Two-digit years belong to editions of 1994 and earlier (SNO-007). */
		*year = (uint16_t)(1900 + v);
		*two = true;
		if (v >= 95)
			c->warn |= STDNO_W_TWO_DIGIT_YEAR;
	}
	consume_run(c, r);
	return true;
}

/* Enterprise numbers, and the national sample series GSB (GSB 05-1426—2001: class code, dash,
 * serial), carry dashes inside the sequence. */
static bool dashed_seq(const struct stdno *n)
{
	return n->cls == STDNO_ENTERPRISE || (n->cls == STDNO_NATIONAL && !strcmp(n->code, "GSB"));
}

/* An enterprise sequence may hold letters, digits, '.' and dashes (SNO-005, model.md §6);
 * the year is the 4- or 2-digit group after the last dash-like character. */
static bool parse_enterprise_seq(struct cur *c, struct stdno *n, struct stdno_error *err)
{
	struct tok {
		char ch;
		size_t at, end;
		bool fw, canon;
	} t[64];
	size_t nt = 0, p = c->pos;
	for (;;) {
		struct ch h = ch_at(c, p);
		bool canon = false;
		size_t sl;
		char ch;
		if (is_upper(h.cp) || is_digit(h.cp) || h.cp == '.') {
			ch = (char)h.cp;
		} else if ((sl = sep_at(c, p, &canon)) != 0) {
			ch = '-';
			h.n = sl;
			h.fw = false;
		} else {
			break;
		}
		if (nt == sizeof t / sizeof *t)
			return fail(err, STDNO_E_SEQ, c->pos);
		t[nt++] = (struct tok){ ch, p, p + h.n, h.fw, canon };
		p += h.n;
	}
	/* A trailing dot or dash belongs to the sentence, not to the number. */
	while (nt && (t[nt - 1].ch == '.' || t[nt - 1].ch == '-'))
		nt--;
	if (nt == 0 || t[0].ch == '.' || t[0].ch == '-')
		return fail(err, STDNO_E_SEQ, c->pos);
	/* Separators next to each other leave an empty group: "101---001" is not a sequence
	 * (sep_at already takes a doubled dash, "——", as one separator). */
	for (size_t i = 1; i < nt; i++)
		if (t[i].ch == '-' && t[i - 1].ch == '-')
			return fail(err, STDNO_E_SEQ, t[i].at);

	size_t seq_end = nt;
	size_t last = SIZE_MAX;
	for (size_t i = 0; i < nt; i++)
		if (t[i].ch == '-')
			last = i;
	if (last != SIZE_MAX) {
		char grp[16];
		size_t gl = nt - last - 1;
		for (size_t i = 0; i < gl && i < sizeof grp - 1; i++)
			grp[i] = t[last + 1 + i].ch;
		grp[gl < sizeof grp ? gl : sizeof grp - 1] = '\0';
		size_t nd = strspn(grp, "0123456789");
		bool year4 =
		    nd == 4 &&
		    (gl == 4 || (gl == 7 && grp[4] == '.' && strspn(grp + 5, "0123456789") == 2));
		/* A 4-digit group below 1900 is a zero-padded serial (101-0001), not a year. */
		if (year4 && digits_value(grp) < 1900)
			year4 = false;
		bool year2 = nd == 2 && gl == 2;
		if (gl == 4 && strspn(grp, "0123456789OI") == 4 && nd < 4 &&
		    (grp[0] == '1' || grp[0] == '2'))
			return fail(err, STDNO_E_GLYPH, t[last + 1 + strspn(grp, "0123456789")].at);
		if (year4 || year2) {
			if (last == 0)
				return fail(err, STDNO_E_SEQ, c->pos);
			int v = (int)digits_value(grp);
			if (year2) {
				n->year = (uint16_t)(1900 + v);
				n->two_digit_year = true;
				if (v >= 95)
					c->warn |= STDNO_W_TWO_DIGIT_YEAR;
			} else {
				n->year = (uint16_t)v;
			}
			if (gl == 7) {
				int m = (int)digits_value(grp + 5);
				if (m < 1 || m > 12)
					return fail(err, STDNO_E_MONTH, t[last + 6].at);
				n->month = m;
			}
			if (!t[last].canon)
				c->warn |= STDNO_W_SEPARATOR;
			seq_end = last;
		}
	}
	if (seq_end >= SEQ_MAX)
		return fail(err, STDNO_E_SEQ, c->pos);
	/* Inside the sequence only '-' separates groups: an em dash there (301—008—2024) reads as
	 * a year separator in the wrong place, and printing it as 301-008 would hide what the
	 * author wrote. */
	for (size_t i = 0; i < seq_end; i++)
		if (t[i].ch == '-' && (t[i].end - t[i].at != 1 || c->s[t[i].at] != '-'))
			c->warn |= STDNO_W_SEQ_DASH;
	for (size_t i = 0; i < seq_end; i++)
		n->seq[i] = t[i].ch;
	n->seq[seq_end] = '\0';
	for (size_t i = 0; i < nt; i++)
		if (t[i].fw)
			c->warn |= STDNO_W_FULLWIDTH;
	c->pos = t[nt - 1].end;
	return true;
}

/* The sequence number: digits, keeping leading zeros (WW/T 0016). Engineering codes also know
 * one leading letter (JTG D50). */
static bool parse_seq(struct cur *c, struct stdno *n, struct stdno_error *err)
{
	if (dashed_seq(n))
		return parse_enterprise_seq(c, n, err);
	size_t at = c->pos;
	char lead = '\0';
	struct ch h = ch_at(c, at);
	if (n->cls == STDNO_ENGINEERING && is_upper(h.cp) && !is_glyph(h.cp) &&
	    is_digit(ch_at(c, at + h.n).cp)) {
		lead = (char)h.cp;
		take(c, h);
	}
	struct numrun r;
	read_run(c, c->pos, &r);
	if (!r.has_digit)
		return fail(err, STDNO_E_SEQ, at);
	if (r.glyph_at != SIZE_MAX)
		return fail(err, STDNO_E_GLYPH, r.glyph_at);
	if (r.ndig + (lead != '\0') >= SEQ_MAX)
		return fail(err, STDNO_E_SEQ, at);
	size_t sl = 0;
	if (lead)
		n->seq[sl++] = lead;
	memcpy(n->seq + sl, r.text, r.ndig + 1);
	consume_run(c, &r);
	return true;
}

/* A part: "." [1-9] DIGIT*, one level only (NUM-009). International numbers write "-k". */
static bool parse_part(struct cur *c, struct stdno *n, struct stdno_error *err)
{
	bool intl = n->cls == STDNO_INTL;
	int levels = 0;
	char extra[40] = "";
	for (;;) {
		struct ch dot = ch_at(c, c->pos);
		if (!(intl ? (dot.cp == '-' || dot.cp == 0x2013) : dot.cp == '.'))
			break;
		struct numrun r;
		read_run(c, c->pos + dot.n, &r);
		if (!r.has_digit) {
			/* "GB/T 1.l" is a glyph error; "GB/T 18883. It" ends a sentence. */
			struct ch after = ch_at(c, r.end);
			if (r.glyph_at != SIZE_MAX && !is_upper(after.cp) &&
			    !(after.cp >= 'a' && after.cp <= 'z'))
				return fail(err, STDNO_E_GLYPH, r.glyph_at);
			break;
		}
		if (r.glyph_at != SIZE_MAX)
			return fail(err, STDNO_E_GLYPH, r.glyph_at);
		if (!intl && levels == 1)
			return fail(err, STDNO_E_PART, c->pos);
		/* Chinese catalogues write ISO years with a dash ("ISO/IEC Guide 21-1999"): a last
		 * 4-digit group that reads as a year and has no ":year" after it is the year. */
		if (intl && r.ndig == 4 && r.glyph_at == SIZE_MAX) {
			uint32_t v = digits_value(r.text);
			struct ch after = ch_at(c, r.end);
			if (v >= 1900 && v <= 2099 && after.cp != ':' && after.cp != '-' &&
			    after.cp != 0x2013) {
				take(c, dot);
				consume_run(c, &r);
				n->year = (uint16_t)v;
				c->warn |= STDNO_W_SEPARATOR;
				break;
			}
		}
		if (r.text[0] == '0' || r.ndig > 9)
			return fail(err, STDNO_E_PART, c->pos + dot.n);
		if (levels == 0)
			n->part = digits_value(r.text);
		else if (strlen(extra) + r.ndig + 2 < sizeof extra) {
			size_t el = strlen(extra);
			extra[el] = '-';
			memcpy(extra + el + 1, r.text, r.ndig + 1);
		} else
			return fail(err, STDNO_E_PART, c->pos);
		take(c, dot);
		consume_run(c, &r);
		levels++;
	}
	/* IEC 60364-5-52: a deeper international part stays in the sequence as written. */
	if (levels > 1) {
		char lvl[16];
		int ll = snprintf(lvl, sizeof lvl, "-%u", (unsigned)n->part);
		size_t sl = strlen(n->seq), el = strlen(extra);
		if (sl + (size_t)ll + el >= SEQ_MAX)
			return fail(err, STDNO_E_SEQ, c->pos);
		memcpy(n->seq + sl, lvl, (size_t)ll);
		memcpy(n->seq + sl + (size_t)ll, extra, el + 1);
		n->part = 0;
	}
	return true;
}

static bool parse_allparts(struct cur *c, struct stdno *n, struct stdno_error *err)
{
	size_t ap = allparts_at(c, c->pos);
	if (!ap)
		return true;
	if (n->year)
		return fail(err, STDNO_E_ALLPARTS_DATED, c->pos);
	n->all_parts = true;
	c->pos += ap;
	return true;
}

/* SEP year month?  — or ":" year for international numbers. Anything else after a dash
 * (Chinese text, a 破折号 "——") is not part of the number: back off. */
static bool parse_year(struct cur *c, struct stdno *n, struct stdno_error *err)
{
	struct numrun r;
	if (n->cls == STDNO_INTL) {
		struct ch colon = ch_at(c, c->pos);
		if (colon.cp != ':')
			return true;
		read_run(c, c->pos + colon.n, &r);
		if (!r.has_digit)
			return true;
		size_t at = c->pos + colon.n;
		struct cur save = *c;
		take(c, colon);
		if (!set_year(c, &r, at, &n->year, NULL, err)) {
			*c = save;
			return false;
		}
		return true;
	}
	bool canon;
	size_t sl = sep_at(c, c->pos, &canon);
	if (!sl)
		return true;
	size_t at = c->pos + sl;
	read_run(c, at, &r);
	if (!r.has_digit)
		return true;
	if (n->all_parts)
		return fail(err, STDNO_E_ALLPARTS_DATED, c->pos);
	c->pos = at;
	if (!set_year(c, &r, at, &n->year, &n->two_digit_year, err))
		return false;
	if (!canon)
		c->warn |= STDNO_W_SEPARATOR;

	/* Month: only written to tell two editions of one year apart (XREF-002). */
	struct ch dot = ch_at(c, c->pos);
	if (dot.cp == '.') {
		read_run(c, c->pos + dot.n, &r);
		if (r.has_digit) {
			if (r.glyph_at != SIZE_MAX)
				return fail(err, STDNO_E_GLYPH, r.glyph_at);
			int m = (int)digits_value(r.text);
			if (r.ndig != 2 || m < 1 || m > 12)
				return fail(err, STDNO_E_MONTH, c->pos + dot.n);
			take(c, dot);
			consume_run(c, &r);
			n->month = m;
		}
	}
	return true;
}

static bool parse_number(struct cur *c, struct stdno *n, bool intl_only, struct stdno_error *err);
static void render_full(const struct stdno *n, char *buf, size_t cap);

/* "/" intl_id: the identical-adoption double number (GB/T 19001—2016/ISO 9001:2015). */
static bool parse_adopt(struct cur *c, struct stdno *n, struct stdno_error *err)
{
	struct ch sl = ch_at(c, c->pos);
	if (sl.cp != '/')
		return true;
	struct cur sub = *c;
	take(&sub, sl);
	struct stdno a;
	struct stdno_error aerr;
	if (!parse_number(&sub, &a, true, &aerr)) {
		/* Only a real international number after the slash is an error of ours; "/XG1"
		 * or running text are not. */
		if (aerr.code == STDNO_E_PREFIX)
			return true;
		return fail(err, aerr.code, aerr.offset);
	}
	/* Cut at 63 bytes as the adoption always was, then kept after the sequence when it fits
	 * there (real double numbers always do); one that does not is left as trailing text. */
	char buf[64];
	render_full(&a, buf, sizeof buf);
	size_t ql = strlen(n->seq), al = strlen(buf);
	if (ql + 1 + al + 1 > sizeof n->seq)
		return true;
	memcpy(n->seq + ql + 1, buf, al + 1);
	n->adopted = true;
	c->pos = sub.pos;
	c->warn |= sub.warn & STDNO_W_FULLWIDTH;
	return true;
}

/* "/XG" n (SEP year)? — a 修改单 (LIFE-005). */
static bool parse_amend(struct cur *c, struct stdno *n, struct stdno_error *err)
{
	struct ch sl = ch_at(c, c->pos);
	if (sl.cp != '/')
		return true;
	size_t p = c->pos + sl.n;
	struct ch x = ch_at(c, p), g = ch_at(c, p + x.n);
	if (x.cp != 'X' || g.cp != 'G')
		return true;
	struct numrun r;
	read_run(c, p + x.n + g.n, &r);
	if (!r.has_digit || r.text[0] == '0' || r.ndig > 6)
		return true;
	if (r.glyph_at != SIZE_MAX)
		return fail(err, STDNO_E_GLYPH, r.glyph_at);
	take(c, sl);
	take(c, x);
	take(c, g);
	n->amend = (int)digits_value(r.text);
	consume_run(c, &r);
	bool canon;
	size_t sep = sep_at(c, c->pos, &canon);
	if (sep) {
		size_t at = c->pos + sep;
		read_run(c, at, &r);
		if (r.has_digit) {
			c->pos = at;
			if (!set_year(c, &r, at, &n->amend_year, NULL, err))
				return false;
			if (!canon)
				c->warn |= STDNO_W_SEPARATOR;
		}
	}
	return true;
}

static void finish(struct stdno *n, unsigned warn)
{
	/* the level a class of number stands for; none (0) for international and other bodies */
	static const uint8_t level_of[] = {
		[STDNO_NATIONAL] = LEVEL_NATIONAL,  [STDNO_SECTOR] = LEVEL_SECTOR,
		[STDNO_ENGINEERING] = LEVEL_SECTOR, [STDNO_LOCAL] = LEVEL_LOCAL,
		[STDNO_GROUP] = LEVEL_GROUP,	    [STDNO_ENTERPRISE] = LEVEL_ENTERPRISE,
		[STDNO_OTHER] = LEVEL_NONE,
	};
	n->level = n->cls < sizeof level_of ? level_of[n->cls] : LEVEL_NONE;
	n->warn = warn;
}

/* The whole grammar from `c->pos`. On success c->pos is the end of the number; the number
 * must not run straight into a Latin letter or digit ("GB/T 5B89" is not "GB/T 5"). */
static bool parse_number(struct cur *c, struct stdno *n, bool intl_only, struct stdno_error *err)
{
	memset(n, 0, sizeof *n);
	if (!parse_prefix(c, n, intl_only, err))
		return false;
	parse_space(c);
	if (!parse_seq(c, n, err))
		return false;
	if (!dashed_seq(n) && !parse_part(c, n, err))
		return false;
	if (!parse_allparts(c, n, err))
		return false;
	if (!dashed_seq(n) && !parse_year(c, n, err))
		return false;
	if (allparts_at(c, c->pos) && n->year)
		return fail(err, STDNO_E_ALLPARTS_DATED, c->pos);
	if (!intl_only) {
		if (!parse_adopt(c, n, err) || !parse_amend(c, n, err))
			return false;
	}
	struct ch h = ch_at(c, c->pos);
	if (h.cp < 0x80 && (is_digit(h.cp) || is_upper(h.cp) || (h.cp >= 'a' && h.cp <= 'z')))
		return fail(err, is_glyph(h.cp) ? STDNO_E_GLYPH : STDNO_E_TRAILING, c->pos);
	finish(n, c->warn);
	return true;
}

static bool is_space_at_end(const char *s, size_t e, size_t *n)
{
	if (e >= 1 && strchr(" \t\r\n\v\f", s[e - 1]) && s[e - 1]) {
		*n = 1;
		return true;
	}
	if (e >= 3 && !memcmp(s + e - 3, "\xE3\x80\x80", 3)) {
		*n = 3;
		return true;
	}
	return false;
}

bool stdno_parse(const char *s, size_t len, struct stdno *out, struct stdno_error *err)
{
	struct stdno_error dummy;
	if (!err)
		err = &dummy;
	err->code = STDNO_E_OK;
	err->offset = 0;
	size_t b = 0, e = len, k;
	for (;;) {
		uint32_t cp;
		size_t m = utf8_decode(s + b, e - b, &cp);
		if (!m || !utf8_is_space(cp))
			break;
		b += m;
	}
	while (e > b && is_space_at_end(s, e, &k))
		e -= k;
	if (b == e)
		return fail(err, STDNO_E_EMPTY, b);
	struct cur c = { s, e, b, 0 };
	if (!parse_number(&c, out, false, err))
		return false;
	if (c.pos != e) {
		bool canon;
		/* A dash with no year after it ("GB/T 1.1—") is a broken year, not stray text. */
		return fail(err, sep_at(&c, c.pos, &canon) ? STDNO_E_YEAR : STDNO_E_TRAILING,
			    c.pos);
	}
	return true;
}

size_t stdno_scan_err(const char *s, size_t len, struct stdno *out, struct stdno_error *err)
{
	struct stdno tmp;
	struct stdno_error dummy;
	if (!err)
		err = &dummy;
	err->code = STDNO_E_OK;
	err->offset = 0;
	struct cur c = { s, len, 0, 0 };
	if (!parse_number(&c, out ? out : &tmp, false, err))
		return 0;
	return c.pos;
}

size_t stdno_scan(const char *s, size_t len, struct stdno *out)
{
	return stdno_scan_err(s, len, out, NULL);
}

const char *stdno_strerror(enum stdno_err code)
{
	switch (code) {
	case STDNO_E_OK:
		return "no error";
	case STDNO_E_EMPTY:
		return "empty standard number";
	case STDNO_E_PREFIX:
		return "no known standard code at the start";
	case STDNO_E_SECTOR:
		return "unknown sector code";
	case STDNO_E_PROVINCE:
		return "unknown province code in a local standard number";
	case STDNO_E_GROUP:
		return "group standard without an upper-case organisation code after T/";
	case STDNO_E_ENTERPRISE:
		return "enterprise standard without an enterprise code after Q/";
	case STDNO_E_SEQ:
		return "missing or malformed sequence number";
	case STDNO_E_GLYPH:
		return "letter in a numeric part: suspected OCR confusion";
	case STDNO_E_PART:
		return "part number is 0, has a leading zero or is subdivided";
	case STDNO_E_YEAR:
		return "year must have 4 digits (2 for editions before 1995)";
	case STDNO_E_MONTH:
		return "month must be two digits 01..12";
	case STDNO_E_TRAILING:
		return "unexpected text after the standard number";
	case STDNO_E_ALLPARTS_DATED:
		return "a reference to all parts must not carry a year";
	case STDNO_E_DBS:
		return "food-safety local standards (DBS) are out of scope";
	}
	return "unknown error";
}

/* ------------------------------------------------------------------------------------------ */
/* Printing and keys                                                                          */

/* Bounded appending into a caller's array, so that keys and comparisons never allocate. */
struct fbuf {
	char *b;
	size_t cap, len;
};

/* Keys are built for every row, reference and lookup (check, diff), so these append with
 * memcpy and a digit loop rather than snprintf, which cost five times as much. Truncation,
 * which RENDER_MAX rules out, would cut the text as snprintf does. */
static void fb_addn(struct fbuf *f, const char *s, size_t n)
{
	if (f->len + 1 >= f->cap)
		return;
	if (n > f->cap - f->len - 1)
		n = f->cap - f->len - 1;
	memcpy(f->b + f->len, s, n);
	f->len += n;
	f->b[f->len] = '\0';
}

static void fb_adds(struct fbuf *f, const char *s)
{
	fb_addn(f, s, strlen(s));
}

/* `v` in decimal, zero-padded to `width` characters like printf's %0*ld. */
static void fb_addnum(struct fbuf *f, long v, int width)
{
	char tmp[32];
	size_t i = sizeof tmp;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (sizeof tmp - i + (v < 0) < (size_t)width)
		tmp[--i] = '0';
	if (v < 0)
		tmp[--i] = '-';
	fb_addn(f, tmp + i, sizeof tmp - i);
}

/* Big enough for every field of struct stdno at its maximum size. */
enum { RENDER_MAX = 256 };

/* What stdno_prefix() renders, into `out` (the longest, "T/" or "/T" beside a whole `code`,
 * always fits); its length. Every key and rendering starts with it. */
_Static_assert(2 + sizeof((struct stdno *)0)->code + 2 < STDNO_PREFIX_MAX,
	       "a prefix fits STDNO_PREFIX_MAX");
static size_t prefix_into(const struct stdno *n, char out[STDNO_PREFIX_MAX])
{
	bool org = n->cls == STDNO_GROUP || n->cls == STDNO_ENTERPRISE;
	char *p = out;
	if (org) {
		*p++ = n->cls == STDNO_GROUP ? 'T' : 'Q';
		*p++ = '/';
	}
	size_t cl = strnlen(n->code, sizeof n->code);
	memcpy(p, n->code, cl);
	p += cl;
	if (n->mand && !org) {
		*p++ = '/';
		*p++ = n->mand;
	}
	*p = '\0';
	return (size_t)(p - out);
}

static void add_prefix(const struct stdno *n, struct fbuf *f)
{
	char pre[STDNO_PREFIX_MAX];
	fb_addn(f, pre, prefix_into(n, pre));
}

const char *stdno_prefix(const struct stdno *n, char buf[STDNO_PREFIX_MAX])
{
	prefix_into(n, buf);
	return buf;
}

const char *stdno_adoption(const struct stdno *n)
{
	return n->adopted ? n->seq + strlen(n->seq) + 1 : "";
}

static void render_work(const struct stdno *n, struct fbuf *f)
{
	const char *seq = n->seq;
	/* Leading zeros are for display only (SNO-008): LB/T 098 is LB/T 98. */
	if (seq[0] && strspn(seq, "0123456789") == strlen(seq)) {
		while (seq[0] == '0' && seq[1])
			seq++;
	}
	add_prefix(n, f);
	fb_addn(f, " ", 1);
	fb_adds(f, seq);
	if (n->part) {
		fb_addn(f, n->cls == STDNO_INTL ? "-" : ".", 1);
		fb_addnum(f, (long)(unsigned)n->part, 0);
	}
}

static void render_edition(const struct stdno *n, struct fbuf *f)
{
	render_work(n, f);
	if (n->year) {
		fb_adds(f, "—");
		fb_addnum(f, n->year, 0);
		if (n->month) {
			fb_addn(f, ".", 1);
			fb_addnum(f, n->month, 2);
		}
	}
}

static void render_full(const struct stdno *n, char *buf, size_t cap)
{
	struct fbuf f = { buf, cap, 0 };
	buf[0] = '\0';
	add_prefix(n, &f);
	fb_addn(&f, " ", 1);
	fb_adds(&f, n->seq);
	if (n->part) {
		fb_addn(&f, n->cls == STDNO_INTL ? "-" : ".", 1);
		fb_addnum(&f, (long)(unsigned)n->part, 0);
	}
	if (n->all_parts)
		fb_adds(&f, "（所有部分）");
	if (n->year) {
		if (n->cls == STDNO_INTL) {
			fb_addn(&f, ":", 1);
			fb_addnum(&f, n->year, 0);
		} else if (n->two_digit_year) {
			fb_adds(&f, "—");
			fb_addnum(&f, n->year % 100, 2);
		} else {
			fb_adds(&f, "—");
			fb_addnum(&f, n->year, 0);
		}
		if (n->month) {
			fb_addn(&f, ".", 1);
			fb_addnum(&f, n->month, 2);
		}
	}
	if (n->adopted) {
		fb_addn(&f, "/", 1);
		fb_adds(&f, stdno_adoption(n));
	}
	if (n->amend) {
		fb_adds(&f, "/XG");
		fb_addnum(&f, n->amend, 0);
		if (n->amend_year) {
			fb_adds(&f, "—");
			fb_addnum(&f, n->amend_year, 0);
		}
	}
}

void stdno_format(const struct stdno *n, struct strbuf *sb)
{
	char buf[RENDER_MAX];
	render_full(n, buf, sizeof buf);
	strbuf_adds(sb, buf);
}

/* A key (render_work or render_edition) of n in buf, RENDER_MAX bytes; returns buf. */
static const char *key(const struct stdno *n, void (*render)(const struct stdno *, struct fbuf *),
		       char *buf)
{
	struct fbuf f = { buf, RENDER_MAX, 0 };
	buf[0] = '\0';
	render(n, &f);
	return buf;
}

void stdno_work_key(const struct stdno *n, struct strbuf *sb)
{
	char buf[RENDER_MAX];
	strbuf_adds(sb, key(n, render_work, buf));
}

void stdno_edition_key(const struct stdno *n, struct strbuf *sb)
{
	char buf[RENDER_MAX];
	strbuf_adds(sb, key(n, render_edition, buf));
}

bool stdno_same_work(const struct stdno *a, const struct stdno *b)
{
	char ka[RENDER_MAX], kb[RENDER_MAX];
	return !strcmp(key(a, render_work, ka), key(b, render_work, kb));
}

bool stdno_same_edition(const struct stdno *a, const struct stdno *b)
{
	char ka[RENDER_MAX], kb[RENDER_MAX];
	return !strcmp(key(a, render_edition, ka), key(b, render_edition, kb));
}

/* ------------------------------------------------------------------------------------------ */
/* DOC-008 ordering                                                                           */

int stdno_ref_group(const struct stdno *n)
{
	switch (n->cls) {
	case STDNO_NATIONAL:
		return 1;
	case STDNO_SECTOR:
	case STDNO_ENGINEERING:
		return 2;
	case STDNO_LOCAL:
		return 3;
	case STDNO_GROUP:
		return 4;
	case STDNO_INTL:
		return 5;
	default:
		return 6;
	}
}

static int cmp_int(long long a, long long b)
{
	return (a > b) - (a < b);
}

/* Natural order: digit runs compare by value (so "098" = "98" and "9" < "10"), everything else
 * byte by byte. Needed for enterprise sequences such as "301-003". */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (is_digit((unsigned char)*a) && is_digit((unsigned char)*b)) {
			while (*a == '0' && is_digit((unsigned char)a[1]))
				a++;
			while (*b == '0' && is_digit((unsigned char)b[1]))
				b++;
			size_t la = strspn(a, "0123456789"), lb = strspn(b, "0123456789");
			if (la != lb)
				return la < lb ? -1 : 1;
			int r = memcmp(a, b, la);
			if (r)
				return r < 0 ? -1 : 1;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return cmp_int(*a != '\0', *b != '\0');
}

int stdno_ref_cmp(const struct stdno *a, const struct stdno *b)
{
	int r = cmp_int(stdno_ref_group(a), stdno_ref_group(b));
	if (r)
		return r;
	int g = stdno_ref_group(a);
	/* National and ISO/IEC documents sort by sequence number alone (GB, GB/T, GB/Z mixed);
	 * the other groups by code first. */
	if (g != 1 && g != 5) {
		r = strcmp(a->code, b->code);
		if (r)
			return r < 0 ? -1 : 1;
	}
	if ((r = natural_cmp(a->seq, b->seq)) != 0)
		return r;
	/* After the part, ties only between editions/variants of one work: make the order total
	 * and stable ("all parts" before a single edition). */
	const long long keys[][2] = {
		{ a->part, b->part },	{ b->all_parts, a->all_parts }, { a->year, b->year },
		{ a->month, b->month }, { a->amend, b->amend },
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((r = cmp_int(keys[i][0], keys[i][1])) != 0)
			return r;
	char fa[RENDER_MAX], fb[RENDER_MAX];
	render_full(a, fa, sizeof fa);
	render_full(b, fb, sizeof fb);
	r = strcmp(fa, fb);
	return (r > 0) - (r < 0);
}
