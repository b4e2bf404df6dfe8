/* SPDX-License-Identifier: MIT */
/* sheet_csv: a CSV or TSV file read into one grid of include/sheet.h — the encoding found from
 * the bytes (UTF-8, GB18030 as a Chinese Excel writes it, UTF-16 with a byte-order mark), the
 * delimiter from the name or the first record, RFC 4180 quoting. */
#include "sheet.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "paths.h"
#include "sheet_int.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* Line:col (code points) of the end of the decoded text so far: where an undecodable byte
 * would have gone. */
static struct loc end_loc(const char *s, size_t len)
{
	return load_offset_loc(s, len, len);
}

/*
 * Decode buf[0..len) from `from` into `out` with iconv. Returns true, or false after an
 * encoding-invalid finding at the line:col the bad bytes would have taken (their offset
 * counted from `skip` bytes before buf: the byte-order mark).
 */
static bool decode(const char *path, const char *from, const char *buf, size_t len, size_t skip,
		   struct strbuf *out, struct diag_store *ds)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		struct diag *d = diag_add(ds, DIAG_INTERNAL, path, (struct loc){ 0, 0 },
					  _("cannot convert from %s: %s"), from, strerror(errno));
		diag_set_help(d, "%s", _("the C library's character conversions are missing"));
		return false;
	}
	char *in = (char *)buf;
	size_t inleft = len;
	bool ok = true;
	while (inleft > 0) {
		strbuf_grow(out, inleft * 2 + 16);
		char *o = out->buf + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		strbuf_setlen(out, (size_t)(o - out->buf));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL: a sequence cut short by the end of the file */
		size_t off = (size_t)(in - buf);
		struct diag *d =
		    diag_add(ds, DIAG_ENCODING_INVALID, path, end_loc(out->buf, out->len),
			     _("byte 0x%02X at byte offset %zu cannot be read as %s"),
			     (unsigned char)buf[off], off + skip, from);
		diag_set_help(d, "%s",
			      _("save the file as UTF-8 (or as CSV from a Chinese Excel, which "
				"writes GB18030)"));
		ok = false;
		break;
	}
	iconv_close(cd);
	return ok;
}

/* The delimiter of the first record: the most frequent of tab, comma and semicolon outside
 * quotes (comma on a tie or when there is none). */
static char sniff(const char *s, size_t len)
{
	size_t tab = 0, comma = 0, semi = 0;
	bool q = false;
	for (size_t i = 0; i < len && i < 65536; i++) {
		char c = s[i];
		if (c == '"')
			q = !q;
		else if (q)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == '\t')
			tab++;
		else if (c == ',')
			comma++;
		else if (c == ';')
			semi++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma && semi > tab)
		return ';';
	return ',';
}

struct csv {
	const char *path;
	struct diag_store *ds;
	const struct limits *lim;
	const char *s;
	size_t len, i;
	uint32_t line, col; /* of s[i] */
	size_t line_start;  /* offset of the current line, for the length limit */
	char delim;
	size_t cells;
	bool fatal;
};

/* Step over one code point (or a line break, CR LF as one) keeping line:col. */
static void advance(struct csv *p)
{
	char c = p->s[p->i];
	if (c == '\r' || c == '\n') {
		p->i += c == '\r' && p->i + 1 < p->len && p->s[p->i + 1] == '\n' ? 2 : 1;
		p->line++;
		p->col = 1;
		p->line_start = p->i;
		return;
	}
	uint32_t cp;
	size_t n = utf8_decode(p->s + p->i, p->len - p->i, &cp);
	p->i += n ? n : 1;
	p->col++;
}

static bool line_too_long(struct csv *p)
{
	if (p->i - p->line_start <= p->lim->max_line_length)
		return false;
	struct diag *d =
	    diag_add(p->ds, DIAG_LINE_TOO_LONG, p->path, (struct loc){ p->line, 1 },
		     _("line is over the limit of %zu bytes"), p->lim->max_line_length);
	diag_set_help(d, _("raise the limit with --max-line-length if the file is genuine"));
	p->fatal = true;
	return true;
}

static bool at_eol(const struct csv *p)
{
	return p->i >= p->len || p->s[p->i] == '\n' || p->s[p->i] == '\r';
}

/* One field starting at p->i into `f`. Stops on the delimiter, a line break or the end. */
static void field(struct csv *p, struct strbuf *f)
{
	strbuf_reset(f);
	if (p->i < p->len && p->s[p->i] == '"') {
		struct loc open = { p->line, p->col };
		advance(p);
		for (;;) {
			if (p->i >= p->len) {
				diag_add(
				    p->ds, DIAG_CSV_SYNTAX, p->path, open, "%s",
				    _("quoted field is not closed before the end of the file"));
				return;
			}
			char c = p->s[p->i];
			if (c == '"') {
				if (p->i + 1 < p->len && p->s[p->i + 1] == '"') {
					strbuf_addc(f, '"');
					advance(p);
					advance(p);
					continue;
				}
				advance(p);
				break;
			}
			size_t at = p->i;
			advance(p);
			/* a line break inside quotes is kept as written, CR LF as LF */
			if (c == '\r' || c == '\n')
				strbuf_addc(f, '\n');
			else
				strbuf_add(f, p->s + at, p->i - at);
			if (line_too_long(p))
				return;
		}
		if (p->i < p->len && p->s[p->i] != p->delim && !at_eol(p)) {
			diag_add(p->ds, DIAG_CSV_SYNTAX, p->path, (struct loc){ p->line, p->col },
				 "%s", _("text after the closing quote of a field"));
			/* as Excel does: the rest up to the delimiter belongs to the field */
		} else {
			return;
		}
	}
	size_t start = p->i;
	while (p->i < p->len && p->s[p->i] != p->delim && !at_eol(p))
		advance(p);
	strbuf_add(f, p->s + start, p->i - start);
	line_too_long(p);
}

static bool parse(struct csv *p, struct sheet_builder *sb, struct sheet *sh,
		  const struct sheet_read_opts *opts)
{
	struct strbuf f = STRBUF_INIT;
	uint32_t row = 0;
	sh->complete = true;
	while (p->i < p->len && !p->fatal) {
		if (opts && opts->max_rows && row >= opts->max_rows) {
			sh->complete = false;
			break;
		}
		if (row >= SHEET_MAX_ROWS) {
			diag_add(p->ds, DIAG_CSV_SYNTAX, p->path, (struct loc){ p->line, 1 },
				 _("the file has more than %u records, more than a sheet holds"),
				 SHEET_MAX_ROWS);
			sh->complete = false;
			break;
		}
		/* a blank line is a record of nothing: no cells, but it keeps its row number */
		if (at_eol(p)) {
			advance(p);
			row++;
			continue;
		}
		uint32_t col = 0;
		for (;;) {
			struct loc at = { p->line, p->col };
			field(p, &f);
			if (p->fatal)
				break;
			if (col < SHEET_MAX_COLS) {
				if (++p->cells > p->lim->max_nodes) {
					struct diag *d =
					    diag_add(p->ds, DIAG_NODE_LIMIT, p->path, at,
						     _("the file has more than %zu cells"),
						     p->lim->max_nodes);
					diag_set_help(d,
						      _("raise the limit with --max-nodes if the "
							"file is genuine"));
					p->fatal = true;
					break;
				}
				struct sheet_cell *c =
				    sheet_builder_add(sb, row, col, f.buf, f.len);
				c->type = f.len ? CELL_STRING : CELL_EMPTY;
				c->loc = at;
			} else if (col == SHEET_MAX_COLS) {
				diag_add(
				    p->ds, DIAG_CSV_SYNTAX, p->path, at,
				    _("record has more than %u fields, more than a sheet holds"),
				    SHEET_MAX_COLS);
			}
			col++;
			if (p->i < p->len && p->s[p->i] == p->delim) {
				advance(p);
				continue;
			}
			break;
		}
		if (p->i < p->len)
			advance(p); /* the line break */
		row++;
	}
	strbuf_release(&f);
	return !p->fatal;
}

struct sheet_book *sheet_csv_read(const char *path, const char *buf, size_t len,
				  const struct sheet_read_opts *opts, struct diag_store *ds,
				  const struct limits *lim)
{
	path = diag_store_file(ds, path);
	struct strbuf dec = STRBUF_INIT;
	const char *s = buf, *enc = "UTF-8";
	size_t n = len;
	bool ok = true;
	if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0)) {
		enc = buf[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
		ok = decode(path, enc, buf + 2, len - 2, 2, &dec, ds);
		s = dec.buf ? dec.buf : "";
		n = dec.len;
	} else if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		s = buf + 3;
		n = len - 3;
		size_t bad = utf8_validate(s, n);
		if (bad < n) {
			/* the mark says UTF-8: a bad byte is a damaged file, not another encoding
			 */
			diag_add(ds, DIAG_INVALID_UTF8, path, load_offset_loc(s, n, bad),
				 _("invalid UTF-8 byte 0x%02X; save the file as UTF-8"),
				 (unsigned char)s[bad]);
			ok = false;
		}
	} else if (utf8_validate(buf, len) < len) {
		enc = "GB18030";
		ok = decode(path, enc, buf, len, 0, &dec, ds);
		s = dec.buf ? dec.buf : "";
		n = dec.len;
	}
	const char *nul = ok ? memchr(s, '\0', n) : NULL;
	if (nul) {
		size_t off = (size_t)(nul - s);
		diag_add(ds, DIAG_NUL_BYTE, path, load_offset_loc(s, n, off),
			 _("NUL byte at byte offset %zu; this is not a text file"), off);
		ok = false;
	}
	if (!ok) {
		strbuf_release(&dec);
		return NULL;
	}

	struct sheet_book *b = sheet_book_new(path, ds);
	b->csv = true;
	b->encoding = enc;
	b->delimiter =
	    path_has_ext(path, ".tsv") || path_has_ext(path, ".tab") ? '\t' : sniff(s, n);
	b->sheets = arena_alloc(b->arena, sizeof *b->sheets);
	b->nsheets = 1;
	struct sheet *sh = &b->sheets[0];
	const char *slash = strrchr(path, '/');
	sh->name = arena_strdup(b->arena, slash ? slash + 1 : path);
	sh->read = true;

	struct sheet_builder sb;
	sheet_builder_init(&sb, b);
	struct csv p = { .path = path,
			 .ds = ds,
			 .lim = lim,
			 .s = s,
			 .len = n,
			 .line = 1,
			 .col = 1,
			 .delim = b->delimiter };
	ok = parse(&p, &sb, sh, opts);
	sheet_builder_finish(&sb, sh);
	sheet_builder_release(&sb);
	strbuf_release(&dec);
	if (!ok) {
		sheet_book_free(b);
		return NULL;
	}
	return b;
}
