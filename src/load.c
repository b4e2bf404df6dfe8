/* SPDX-License-Identifier: MIT */
/* load: read files with limits, check what each input format asks for (NUL bytes, line length,
 * UTF-8, a BOM) and hand the bytes to its parser; the table of input formats. */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "docx.h"
#include "i18n.h"
#include "model_check.h"
#include "paths.h"
#include "schema.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

void load_threads_init(void)
{
	/* libxml2 opens itself once from whichever thread needs it first (sax.c): a run that reads
	 * no XML does not pay for it */
	(void)model_check_wanted();
}

void limits_default(struct limits *l)
{
	l->max_file_size = 32u << 20;
	l->max_depth = 64;
	l->max_aliases = 1000;
	l->max_nodes = 3000000;
	l->max_line_length = 1u << 20;
	l->max_refs = 100000;
	l->max_archive_size = (size_t)256 << 20;
	l->max_member_size = (size_t)128 << 20;
	l->max_ratio = 100;
	l->max_members = 10000;
	l->max_strings = 1000000;
	l->sink = NULL;
	l->threads = 1;
}

/* The first non-blank character (after a BOM) is '<'. */
static bool sniff_xml(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i < len && buf[i] == '<';
}

static const char *const exts_xml[] = { ".xml", NULL };
/* Word documents, and the legacy and WPS ones LibreOffice converts (src/office.c) */
static const char *const exts_docx[] = { ".docx", ".docm", ".doc", ".dot", ".wps", NULL };
/* legacy workbooks, converted to .xlsx for the format that reads it (src/load_office.c) */
static const char *const exts_office[] = { ".xls", ".et", ".xlt", NULL };
static const char *const exts_yaml[] = { ".yaml", ".yml", NULL };

/* How to add a format: see the note at the top of include/load.h. The order is the order of
 * sniffing by content; YAML, last, takes whatever no other format claims. */
static const char *const exts_xlsx[] = { ".xlsx", NULL };
static const char *const exts_csv[] = { ".csv", ".tsv", ".tab", NULL };

/* A CSV file is known by its name alone: any text would pass for one. */
static bool sniff_never(const char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return false;
}

const struct load_format load_formats[] = {
	{ SYNTAX_XLSX, "xlsx", exts_xlsx, load_xlsx_sniff, LOAD_BINARY, LOAD_UNORDERED | LOAD_CELLS,
	  load_xlsx_parse, schema_suggest },
	/* binary: a UTF-16 file has NUL bytes, and sheet_csv_read checks the text itself */
	{ SYNTAX_CSV, "csv", exts_csv, sniff_never, LOAD_BINARY, LOAD_UNORDERED, load_csv_parse,
	  schema_suggest },
	{ SYNTAX_DOCX, "docx", exts_docx, docx_sniff, LOAD_BINARY, 0, load_docx_parse, NULL },
	{ SYNTAX_OFFICE, "xls", exts_office, load_office_sniff, LOAD_BINARY, 0, load_office_parse,
	  NULL },
	{ SYNTAX_XML, "xml", exts_xml, sniff_xml, LOAD_UTF8, 0, load_xml_parse,
	  schema_suggest_xml },
	{ SYNTAX_YAML, "yaml", exts_yaml, NULL, LOAD_UTF8, LOAD_SHARED, load_yaml_parse,
	  schema_suggest },
	{ 0, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const struct load_format *load_format_for_ext(const char *ext)
{
	for (const struct load_format *f = load_formats; f->syntax; f++)
		for (const char *const *e = f->exts; *e; e++)
			if (strcasecmp(*e, ext) == 0)
				return f;
	return NULL;
}

const struct load_format *load_format_of(enum doc_syntax syntax)
{
	for (const struct load_format *f = load_formats; f->syntax; f++)
		if (f->syntax == syntax)
			return f;
	return NULL;
}

enum doc_syntax load_sniff(const char *path, const char *buf, size_t len)
{
	const struct load_format *f;
	for (f = load_formats; path && f->syntax; f++)
		for (const char *const *e = f->exts; *e; e++)
			if (path_has_ext(path, *e))
				return f->syntax;
	for (f = load_formats; f[1].syntax; f++)
		if (f->sniff(buf, len))
			return f->syntax;
	return f->syntax;
}

struct loc load_offset_loc(const char *buf, size_t len, size_t off)
{
	struct loc l = { 1, 1 };
	if (off > len)
		off = len;
	size_t line_start = 0;
	for (size_t i = 0; i < off; i++) {
		/* a lone CR ends a line too (YAML and XML both say so); CR LF ends one line */
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n'))) {
			l.line++;
			line_start = i + 1;
		}
	}
	l.col = (uint32_t)utf8_count(buf + line_start, off - line_start) + 1;
	return l;
}

static void size_text(size_t n, struct strbuf *sb)
{
	if (n >= (1u << 20))
		strbuf_addf(sb, "%.1f MiB", (double)n / (1u << 20));
	else if (n >= 1024)
		strbuf_addf(sb, "%.1f KiB", (double)n / 1024);
	else
		strbuf_addf(sb, "%zu bytes", n);
}

static void too_large(struct diag_store *ds, const char *path, size_t have, bool exact,
		      const struct limits *lim)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	size_text(have, &a);
	size_text(lim->max_file_size, &b);
	struct diag *d = exact ? diag_add(ds, DIAG_FILE_TOO_LARGE, path, (struct loc){ 0, 0 },
					  _("file is %s, over the limit of %s"), a.buf, b.buf)
			       : diag_add(ds, DIAG_FILE_TOO_LARGE, path, (struct loc){ 0, 0 },
					  _("input exceeds the limit of %s"), b.buf);
	diag_set_help(d, _("raise the limit with --max-file-size if the file is genuine"));
	strbuf_release(&a);
	strbuf_release(&b);
}

/* The first line over `max` bytes between `from` and `to` (a stretch without LF that is over
 * the limit as a whole) when lone CRs also end lines, as they do in YAML and XML (old Mac
 * files); a CR before the LF stays part of its line. Returns its length and sets *at to its
 * start, or returns 0. Only stretches already over the limit pay this scan. */
static size_t first_long_cr_line(const char *buf, size_t from, size_t to, size_t len, size_t max,
				 size_t *at)
{
	size_t start = from;
	for (size_t i = from; i <= to; i++) {
		bool end = i == to || (buf[i] == '\r' && !(i + 1 == to && to < len));
		if (!end)
			continue;
		if (i - start > max) {
			*at = start;
			return i - start;
		}
		start = i + 1;
	}
	return 0;
}

/* The last LF of the `n` bytes at `p`, or NULL (memrchr is a GNU extension). Lines are short:
 * it is found within a few dozen bytes of the end. */
static const char *last_lf(const char *p, size_t n)
{
	while (n)
		if (p[--n] == '\n')
			return p + n;
	return NULL;
}

/* The checks of a text format: NUL bytes, and lines over the limit, in one pass of byte scans. */
static bool text_ok(const char *path, const char *buf, size_t len, struct diag_store *ds,
		    const struct limits *lim)
{
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		size_t off = (size_t)(nul - buf);
		diag_add(ds, DIAG_NUL_BYTE, path, load_offset_loc(buf, len, off),
			 _("NUL byte at byte offset %zu; this is not a text file"), off);
		return false;
	}
	size_t line_start = 0;
	for (const char *p = buf, *end = buf + len; p < end;) {
		/* What is left is no longer than the limit: no line in it can be over. Else the
		 * last LF within limit + 1 bytes ends lines that are all within it, and the scan
		 * jumps past them (a megabyte at a time, not a line at a time); only a stretch
		 * without one is looked at line by line below. */
		if ((size_t)(end - p) <= lim->max_line_length)
			break;
		const char *last = last_lf(p, lim->max_line_length + 1);
		if (last) {
			p = last + 1;
			line_start = (size_t)(p - buf);
			continue;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t stop = nl ? (size_t)(nl - buf) : len;
		size_t at = line_start, n = stop - line_start;
		if (n > lim->max_line_length)
			n = first_long_cr_line(buf, line_start, stop, len, lim->max_line_length,
					       &at);
		if (n > lim->max_line_length) {
			struct loc l = load_offset_loc(buf, len, at);
			struct diag *d =
			    diag_add(ds, DIAG_LINE_TOO_LONG, path, l,
				     _("line is %zu bytes long, over the limit of %zu"), n,
				     lim->max_line_length);
			diag_set_help(
			    d, _("raise the limit with --max-line-length if the file is genuine"));
			return false;
		}
		if (!nl)
			break;
		p = nl + 1;
		line_start = (size_t)(p - buf);
	}
	return true;
}

struct doc *load_buffer_as(const char *path, const char *buf, size_t len,
			   const struct load_format *f, struct diag_store *ds,
			   const struct limits *lim)
{
	path = diag_store_file(ds, path);
	if (len > lim->max_file_size) {
		too_large(ds, path, len, true, lim);
		return NULL;
	}
	/* a binary format (a zip) has NUL bytes and anything else: its parser checks it */
	if (f->bytes != LOAD_BINARY && !text_ok(path, buf, len, ds, lim))
		return NULL;
	if (f->bytes == LOAD_UTF8) {
		size_t bad = utf8_validate(buf, len);
		if (bad < len) {
			diag_add(ds, DIAG_INVALID_UTF8, path, load_offset_loc(buf, len, bad),
				 _("invalid UTF-8 byte 0x%02X; save the file as UTF-8"),
				 (unsigned char)buf[bad]);
			return NULL;
		}
		if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			buf += 3;
			len -= 3;
		}
	}
	struct doc *d = doc_new(path, f->syntax);
	d->size = len;
	if (!f->parse(d, buf, len, ds, lim) ||
	    /* a binary format's positions are not in its bytes (a Word paragraph's number) */
	    (model_check_wanted() &&
	     !model_check_report(d, f->bytes == LOAD_BINARY ? NULL : buf, len, ds))) {
		doc_free(d);
		return NULL;
	}
	return d;
}

struct doc *load_buffer(const char *path, const char *buf, size_t len, enum doc_syntax syntax,
			struct diag_store *ds, const struct limits *lim)
{
	const struct load_format *f = load_format_of(syntax);
	if (!f) {
		diag_add(ds, DIAG_INTERNAL, diag_store_file(ds, path), (struct loc){ 0, 0 },
			 _("no loader for syntax %d"), (int)syntax);
		return NULL;
	}
	return load_buffer_as(path, buf, len, f, ds, lim);
}

/* Read all of fd, refusing more than `max` bytes. Returns the buffer (caller frees) or NULL
 * with errno set; *too_big is set when the limit stopped it. */
static char *read_all(int fd, size_t max, size_t *len, bool *too_big)
{
	struct stat st;
	size_t cap = 65536;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((size_t)st.st_size > max) {
			*too_big = true;
			*len = (size_t)st.st_size;
			return NULL;
		}
		cap = (size_t)st.st_size + 1;
	}
	char *buf = xmalloc(cap);
	size_t n = 0;
	for (;;) {
		if (n == cap) {
			if (cap > max + 1) {
				free(buf);
				*too_big = true;
				*len = n;
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		free(buf);
		*too_big = true;
		*len = n;
		return NULL;
	}
	/* readers that take text (the language server's) may then treat the bytes as a string */
	if (n == cap)
		buf = xrealloc(buf, n + 1);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* O_NONBLOCK so that opening a FIFO without a writer cannot hang; cleared at once, since a
 * regular file ignores it and an operand FIFO is then read as a pipe. */
static int open_input(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd >= 0) {
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	return fd;
}

char *load_read(const char *path, const char *name, unsigned flags, size_t *len,
		struct diag_store *ds, const struct limits *lim, bool *missing)
{
	bool std_in = strcmp(path, "-") == 0;
	name = diag_store_file(ds, name);
	if (missing)
		*missing = false;
	int fd = std_in ? 0 : open_input(path);
	if (fd < 0) {
		if (missing && errno == ENOENT) {
			*missing = true;
			return NULL;
		}
		diag_add(ds, DIAG_IO_ERROR, name, (struct loc){ 0, 0 }, _("cannot open: %s"),
			 strerror(errno));
		return NULL;
	}
	struct stat st = { 0 };
	const char *refuse = NULL;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		refuse = _("is a directory, not a file");
	else if ((flags & LOAD_REGULAR) && !std_in && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)))
		refuse = _("is not a regular file (a device, FIFO or socket); it is not read");
	if (refuse) {
		diag_add(ds, DIAG_IO_ERROR, name, (struct loc){ 0, 0 }, "%s", refuse);
		if (fd)
			close(fd);
		return NULL;
	}
	bool too_big = false;
	char *buf = read_all(fd, lim->max_file_size, len, &too_big);
	int e = errno;
	if (fd)
		close(fd);
	if (!buf) {
		if (too_big)
			too_large(ds, name, *len, !std_in, lim);
		else
			diag_add(ds, DIAG_IO_ERROR, name, (struct loc){ 0, 0 },
				 _("cannot read: %s"), strerror(e));
	}
	return buf;
}

struct doc *load_file_as(const char *path, unsigned flags, struct diag_store *ds,
			 const struct limits *lim, bool *missing)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t len = 0;
	char *buf = load_read(path, name, flags, &len, ds, lim, missing);
	if (!buf)
		return NULL;
	struct doc *d =
	    load_buffer(diag_store_file(ds, name), buf, len, load_sniff(path, buf, len), ds, lim);
	free(buf);
	return d;
}

struct doc *load_file(const char *path, struct diag_store *ds, const struct limits *lim)
{
	return load_file_as(path, 0, ds, lim, NULL);
}
