/* SPDX-License-Identifier: MIT */
/* ziparc: zip archives from memory through libzip, under limits, every refusal a finding
 * (include/ziparc.h). */
#include "ziparc.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "strbuf.h"
#include "xalloc.h"
#include "ziparc_int.h"

struct ziparc_libzip ziparc_libzip;
static const char *const libzip_names[] = { ZIPARC_LIBZIP_FUNCS(LAZYLIB_NAME) };

static struct lazylib libzip_lib = LAZYLIB_INIT(ZIP_SONAME, libzip_names, ziparc_libzip);
static pthread_once_t libzip_once = PTHREAD_ONCE_INIT;

static void libzip_open_once(void)
{
	lazylib_use(&libzip_lib);
}

/* Once per process, as sax_libxml_open does: parallel jobs may read and write archives. */
const char *ziparc_libzip_open(void)
{
	pthread_once(&libzip_once, libzip_open_once);
	return lazylib_use(&libzip_lib);
}

struct ziparc {
	const char *path; /* interned */
	struct diag_store *ds;
	const struct limits *lim;
	zip_t *za;
	char **names;
	uint64_t *size, *comp; /* declared, from the central directory */
	size_t n;
	size_t inflated; /* bytes inflated from every member so far */
	bool failed;	 /* a fatal finding was recorded: nothing more is read */
};

struct ziparc_member {
	struct ziparc *z;
	zip_file_t *zf;
	const char *name;
	uint64_t declared, allowed; /* declared size; the most its ratio lets it inflate to */
	uint64_t got;
	bool done;
};

/* Below this many inflated bytes the ratio is not held against a member: small XML parts of
 * repeated markup legitimately compress far better than 100:1 and cannot hurt. */
#define RATIO_GRACE ((uint64_t)1 << 20)

static const char *const help_limits = N_("raise the limit if the workbook is genuine; a "
					  "workbook saved by Excel or LibreOffice stays far "
					  "below it");

static void size_text(uint64_t n, struct strbuf *sb)
{
	if (n >= ((uint64_t)1 << 20))
		strbuf_addf(sb, "%.1f MiB", (double)n / (1u << 20));
	else if (n >= 1024)
		strbuf_addf(sb, "%.1f KiB", (double)n / 1024);
	else
		strbuf_addf(sb, "%llu bytes", (unsigned long long)n);
}

/* A fatal finding about the archive (member NULL) or one of its members. Every reader stops
 * at the first: the archive is refused as a whole. */
static struct diag *fail(struct ziparc *z, enum diag_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static struct diag *fail(struct ziparc *z, enum diag_code code, const char *fmt, ...)
{
	z->failed = true;
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = diag_vadd(z->ds, code, z->path, (struct loc){ 0, 0 }, fmt, ap);
	va_end(ap);
	return d;
}

/* A libzip error in our words: the codes a damaged or hostile archive produces. A NULL `what`
 * is an encrypted member; codes not listed keep libzip's own words. */
static const struct {
	int code;
	const char *what;
} libzip_errors[] = {
	{ ZIP_ER_NOZIP, N_("not a zip archive, or the archive is truncated") },
	{ ZIP_ER_INCONS, N_("the archive's directory is inconsistent") },
	{ ZIP_ER_CRC, N_("CRC mismatch: the data is damaged") },
	{ ZIP_ER_ZLIB, N_("the compressed data is damaged") },
	{ ZIP_ER_COMPRESSED_DATA, N_("the compressed data is damaged") },
	{ ZIP_ER_EOF, N_("the archive is truncated") },
	{ ZIP_ER_READ, N_("the archive is truncated") },
	{ ZIP_ER_SEEK, N_("the archive is truncated") },
	{ ZIP_ER_COMPNOTSUPP, N_("the compression method is not supported") },
	{ ZIP_ER_ENCRNOTSUPP, NULL },
	{ ZIP_ER_NOPASSWD, NULL },
	{ ZIP_ER_WRONGPASSWD, NULL },
};

static void fail_libzip(struct ziparc *z, const char *member, zip_error_t *err)
{
	int code = ziparc_libzip.zip_error_code_zip(err);
	const char *what = ziparc_libzip.zip_error_strerror(err);
	for (size_t i = 0; i < sizeof libzip_errors / sizeof *libzip_errors; i++)
		if (libzip_errors[i].code == code)
			what = libzip_errors[i].what ? _(libzip_errors[i].what) : NULL;
	if (!what) {
		fail(z, DIAG_ARCHIVE_ENCRYPTED, _("member “%s” is encrypted"),
		     member ? member : "");
		return;
	}
	if (member)
		fail(z, DIAG_ARCHIVE_CORRUPT, _("member “%s” cannot be read: %s"), member, what);
	else
		fail(z, DIAG_ARCHIVE_CORRUPT, _("cannot read the archive: %s"), what);
}

/* Why a member name is refused, or NULL. We never extract, but the OOXML readers look parts
 * up by name and resolve relative targets: a name that could mean another place than it says
 * has no business in a workbook. */
static const char *name_problem(const char *name, size_t len)
{
	if (len == 0)
		return _("an empty name");
	if (len > ZIPARC_NAME_MAX)
		return _("a name longer than 1,024 bytes");
	if (name[0] == '/' || (len >= 2 && name[1] == ':'))
		return _("an absolute path");
	if (memchr(name, '\\', len))
		return _("a backslash");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7F)
			return _("a control character");
	for (size_t i = 0; i < len;) {
		const char *slash = memchr(name + i, '/', len - i);
		size_t end = slash ? (size_t)(slash - name) : len;
		if (end - i == 2 && name[i] == '.' && name[i + 1] == '.')
			return _("a “..” segment");
		i = end + 1;
	}
	return NULL;
}

/* The name as it stands in the buffer: libzip hands names over as C strings, so a NUL inside
 * one would cut it silently. The central directory says how long it really is. */
static bool raw_name_has_nul(const char *buf, size_t len, size_t nnames)
{
	/* end of central directory record: signature, then offset 16 = directory offset */
	if (len < 22)
		return false;
	size_t eocd = len - 22;
	size_t stop = len > 22 + 65535 ? len - 22 - 65535 : 0;
	for (;; eocd--) {
		if (memcmp(buf + eocd, "PK\5\6", 4) == 0)
			break;
		if (eocd == stop)
			return false;
	}
	const unsigned char *e = (const unsigned char *)buf + eocd;
	uint32_t off =
	    (uint32_t)e[16] | (uint32_t)e[17] << 8 | (uint32_t)e[18] << 16 | (uint32_t)e[19] << 24;
	if (off == 0xFFFFFFFFu) /* zip64: libzip has read it; names are checked by length */
		return false;
	size_t p = off;
	for (size_t i = 0; i < nnames && p + 46 <= len; i++) {
		const unsigned char *h = (const unsigned char *)buf + p;
		if (memcmp(h, "PK\1\2", 4) != 0)
			return false;
		size_t nl = (size_t)h[28] | (size_t)h[29] << 8;
		size_t xl = (size_t)h[30] | (size_t)h[31] << 8;
		size_t cl = (size_t)h[32] | (size_t)h[33] << 8;
		if (p + 46 + nl > len)
			return false;
		if (memchr(h + 46, '\0', nl))
			return true;
		p += 46 + nl + xl + cl;
	}
	return false;
}

bool ziparc_sniff(const char *buf, size_t len)
{
	return len >= 4 && (memcmp(buf, "PK\3\4", 4) == 0 || memcmp(buf, "PK\5\6", 4) == 0);
}

static bool check_directory(struct ziparc *z, const char *buf, size_t len)
{
	const struct limits *lim = z->lim;
	zip_int64_t n = ziparc_libzip.zip_get_num_entries(z->za, 0);
	if (n < 0) {
		fail(z, DIAG_ARCHIVE_CORRUPT, "%s", _("cannot read the archive's directory"));
		return false;
	}
	if ((uint64_t)n > lim->max_members) {
		struct diag *d = fail(z, DIAG_ARCHIVE_TOO_LARGE,
				      _("archive has %lld members, over the limit of %zu"),
				      (long long)n, lim->max_members);
		diag_set_help(d, "%s", _(help_limits));
		return false;
	}
	z->n = (size_t)n;
	z->names = xcalloc(z->n ? z->n : 1, sizeof *z->names);
	z->size = xcalloc(z->n ? z->n : 1, sizeof *z->size);
	z->comp = xcalloc(z->n ? z->n : 1, sizeof *z->comp);
	if (raw_name_has_nul(buf, len, z->n)) {
		fail(z, DIAG_ARCHIVE_NAME_UNSAFE, "%s",
		     _("a member name contains a NUL byte, which would hide the rest of the name"));
		return false;
	}
	uint64_t total = 0;
	for (size_t i = 0; i < z->n; i++) {
		zip_stat_t st;
		if (ziparc_libzip.zip_stat_index(z->za, i, 0, &st) != 0 ||
		    !(st.valid & ZIP_STAT_NAME)) {
			fail_libzip(z, NULL, ziparc_libzip.zip_get_error(z->za));
			return false;
		}
		const char *why = name_problem(st.name, strlen(st.name));
		if (why) {
			/* quote at most the start of an over-long name */
			struct diag *d =
			    fail(z, DIAG_ARCHIVE_NAME_UNSAFE,
				 _("member name “%.200s” is unsafe: %s"), st.name, why);
			diag_set_help(d, "%s",
				      _("an OOXML workbook names its parts by relative paths "
					"such as xl/workbook.xml; this archive was not written "
					"by a spreadsheet program"));
			return false;
		}
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method != ZIP_EM_NONE) {
			struct diag *d =
			    fail(z, DIAG_ARCHIVE_ENCRYPTED, _("member “%s” is encrypted"), st.name);
			diag_set_help(d, "%s", _("save the workbook again without a password"));
			return false;
		}
		z->names[i] = xstrdup(st.name);
		z->size[i] = st.valid & ZIP_STAT_SIZE ? st.size : 0;
		z->comp[i] = st.valid & ZIP_STAT_COMP_SIZE ? st.comp_size : 0;
		uint64_t size = z->size[i], comp = z->comp[i];
		if (size > RATIO_GRACE && (double)size > (double)comp * (double)lim->max_ratio) {
			struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			size_text(comp, &a);
			size_text(size, &b);
			struct diag *d = fail(z, DIAG_ARCHIVE_BOMB,
					      _("member “%s” would inflate from %s to %s, over the "
						"ratio limit of %zu to 1"),
					      st.name, a.buf, b.buf, lim->max_ratio);
			diag_set_help(d, "%s", _(help_limits));
			strbuf_release(&a);
			strbuf_release(&b);
			return false;
		}
		if (size > lim->max_member_size) {
			struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			size_text(size, &a);
			size_text(lim->max_member_size, &b);
			struct diag *d = fail(z, DIAG_ARCHIVE_TOO_LARGE,
					      _("member “%s” is %s, over the limit of %s"), st.name,
					      a.buf, b.buf);
			diag_set_help(d, "%s", _(help_limits));
			strbuf_release(&a);
			strbuf_release(&b);
			return false;
		}
		total += size;
	}
	if (total > lim->max_archive_size) {
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		size_text(total, &a);
		size_text(lim->max_archive_size, &b);
		struct diag *d =
		    fail(z, DIAG_ARCHIVE_TOO_LARGE,
			 _("archive would inflate to %s, over the limit of %s"), a.buf, b.buf);
		diag_set_help(d, "%s", _(help_limits));
		strbuf_release(&a);
		strbuf_release(&b);
		return false;
	}
	return true;
}

struct ziparc *ziparc_new(const char *path, const char *buf, size_t len, struct diag_store *ds,
			  const struct limits *lim)
{
	struct ziparc *z = xcalloc(1, sizeof *z);
	z->path = diag_store_file(ds, path);
	z->ds = ds;
	z->lim = lim;
	/* An Office file with a password, and the old binary .xls, are OLE compound files: say
	 * so rather than "not a zip archive". */
	if (len >= 8 && memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		struct diag *d = fail(z, DIAG_ARCHIVE_CORRUPT, "%s",
				      _("this is an Office compound file (a password-protected "
					"workbook or an old .xls), not an xlsx archive"));
		diag_set_help(d, "%s", _("save it from Excel as .xlsx without a password"));
		ziparc_free(z);
		return NULL;
	}
	/* the smallest archive is its 22-byte end record; libzip would take nothing at all for a
	 * new, empty archive */
	if (len < 22) {
		fail(z, DIAG_ARCHIVE_CORRUPT, _("cannot read the archive: %s"),
		     _("not a zip archive, or the archive is truncated"));
		ziparc_free(z);
		return NULL;
	}
	const char *why = ziparc_libzip_open();
	if (why) {
		struct diag *d = diag_add(ds, DIAG_INTERNAL, z->path, (struct loc){ 0, 0 }, "%s",
					  _("cannot load the zip library"));
		diag_set_help(d, "%s", why);
		ziparc_free(z);
		return NULL;
	}
	zip_error_t err;
	ziparc_libzip.zip_error_init(&err);
	/* an empty buffer is a valid empty source to libzip; it is no workbook */
	zip_source_t *src = ziparc_libzip.zip_source_buffer_create(len ? buf : "", len, 0, &err);
	if (src)
		z->za = ziparc_libzip.zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!z->za) {
		if (src)
			ziparc_libzip.zip_source_free(src);
		fail_libzip(z, NULL, &err);
		ziparc_libzip.zip_error_fini(&err);
		ziparc_free(z);
		return NULL;
	}
	ziparc_libzip.zip_error_fini(&err);
	if (!check_directory(z, buf, len)) {
		ziparc_free(z);
		return NULL;
	}
	return z;
}

void ziparc_free(struct ziparc *z)
{
	if (!z)
		return;
	if (z->za)
		ziparc_libzip.zip_discard(z->za); /* frees the source too */
	for (size_t i = 0; i < z->n; i++)
		free(z->names[i]);
	free(z->names);
	free(z->size);
	free(z->comp);
	free(z);
}

const char *ziparc_path(const struct ziparc *z)
{
	return z->path;
}

size_t ziparc_count(const struct ziparc *z)
{
	return z->n;
}

const char *ziparc_name(const struct ziparc *z, size_t i)
{
	return i < z->n ? z->names[i] : NULL;
}

static zip_int64_t find(const struct ziparc *z, const char *name)
{
	/* our own names, not zip_name_locate: the first of two equal names is the one, and no
	 * case folding or encoding guess gets in */
	for (size_t i = 0; i < z->n; i++)
		if (strcmp(z->names[i], name) == 0)
			return (zip_int64_t)i;
	return -1;
}

bool ziparc_has(const struct ziparc *z, const char *name)
{
	return find(z, name) >= 0;
}

struct ziparc_member *ziparc_member_new(struct ziparc *z, const char *name)
{
	if (z->failed)
		return NULL;
	zip_int64_t i = find(z, name);
	if (i < 0) {
		fail(z, DIAG_ARCHIVE_MEMBER_MISSING, _("the archive has no member “%s”"), name);
		return NULL;
	}
	zip_file_t *zf = ziparc_libzip.zip_fopen_index(z->za, (zip_uint64_t)i, 0);
	if (!zf) {
		fail_libzip(z, name, ziparc_libzip.zip_get_error(z->za));
		return NULL;
	}
	struct ziparc_member *m = xcalloc(1, sizeof *m);
	m->z = z;
	m->zf = zf;
	m->name = z->names[i];
	m->declared = z->size[i];
	uint64_t comp = z->comp[i] ? z->comp[i] : 1;
	m->allowed = comp > UINT64_MAX / z->lim->max_ratio ? UINT64_MAX : comp * z->lim->max_ratio;
	if (m->allowed < RATIO_GRACE)
		m->allowed = RATIO_GRACE;
	return m;
}

ssize_t ziparc_member_read(struct ziparc_member *m, char *buf, size_t cap)
{
	struct ziparc *z = m->z;
	if (z->failed)
		return -1;
	if (m->done || cap == 0)
		return 0;
	if (cap > SSIZE_MAX)
		cap = SSIZE_MAX;
	zip_int64_t r = ziparc_libzip.zip_fread(m->zf, buf, cap);
	if (r < 0) {
		fail_libzip(z, m->name, ziparc_libzip.zip_file_get_error(m->zf));
		return -1;
	}
	if (r == 0) {
		m->done = true;
		if (m->got != m->declared) {
			fail(z, DIAG_ARCHIVE_CORRUPT,
			     _("member “%s” cannot be read: it holds %llu bytes, not the %llu its "
			       "directory entry declares"),
			     m->name, (unsigned long long)m->got, (unsigned long long)m->declared);
			return -1;
		}
		return 0;
	}
	m->got += (uint64_t)r;
	z->inflated += (size_t)r;
	/* the directory's sizes were checked when the archive was opened; the data itself can
	 * still claim more, so the count of what it actually gives is held to the same limits */
	if (m->got > m->declared || m->got > m->allowed) {
		struct diag *d = fail(
		    z, DIAG_ARCHIVE_BOMB,
		    m->got > m->declared ? _("member “%s” inflates to more than the %llu bytes it "
					     "declares")
					 : _("member “%s” inflates past the ratio limit (more than "
					     "%llu bytes)"),
		    m->name, (unsigned long long)(m->got > m->declared ? m->declared : m->allowed));
		diag_set_help(d, "%s", _(help_limits));
		return -1;
	}
	if (m->got > z->lim->max_member_size || z->inflated > z->lim->max_archive_size) {
		struct strbuf b = STRBUF_INIT;
		size_text(m->got > z->lim->max_member_size ? z->lim->max_member_size
							   : z->lim->max_archive_size,
			  &b);
		struct diag *d =
		    m->got > z->lim->max_member_size
			? fail(z, DIAG_ARCHIVE_TOO_LARGE,
			       _("member “%s” inflates past the limit of %s"), m->name, b.buf)
			: fail(z, DIAG_ARCHIVE_TOO_LARGE,
			       _("the archive inflates past the limit of %s"), b.buf);
		diag_set_help(d, "%s", _(help_limits));
		strbuf_release(&b);
		return -1;
	}
	return (ssize_t)r;
}

void ziparc_member_free(struct ziparc_member *m)
{
	if (!m)
		return;
	ziparc_libzip.zip_fclose(m->zf);
	free(m);
}

bool ziparc_read(struct ziparc *z, const char *name, struct strbuf *out)
{
	struct ziparc_member *m = ziparc_member_new(z, name);
	if (!m)
		return false;
	ssize_t r;
	do {
		strbuf_grow(out, 65536);
		r = ziparc_member_read(m, out->buf + out->len, out->cap - out->len - 1);
		if (r > 0)
			strbuf_setlen(out, out->len + (size_t)r);
	} while (r > 0);
	ziparc_member_free(m);
	return r == 0;
}

char *ziparc_resolve(const char *dir, const char *target)
{
	struct strbuf raw = STRBUF_INIT, out = STRBUF_INIT;
	if (target[0] != '/')
		strbuf_adds(&raw, dir);
	for (const char *p = target[0] == '/' ? target + 1 : target; *p; p++) {
		int hi, lo;
		if (p[0] == '%' && p[1] && p[2] &&
		    (hi = (p[1] >= '0' && p[1] <= '9') ? p[1] - '0'
			  : ((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'f')
			      ? (p[1] | 0x20) - 'a' + 10
			      : -1) >= 0 &&
		    (lo = (p[2] >= '0' && p[2] <= '9') ? p[2] - '0'
			  : ((p[2] | 0x20) >= 'a' && (p[2] | 0x20) <= 'f')
			      ? (p[2] | 0x20) - 'a' + 10
			      : -1) >= 0) {
			strbuf_addc(&raw, (char)(hi * 16 + lo));
			p += 2;
		} else {
			strbuf_addc(&raw, *p);
		}
	}
	const char *s = raw.buf;
	bool ok = true;
	while (*s) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (!out.len) {
				ok = false;
				break;
			}
			size_t k = out.len;
			while (k > 0 && out.buf[k - 1] != '/')
				k--;
			strbuf_setlen(&out, k ? k - 1 : 0);
		} else {
			if (out.len)
				strbuf_addc(&out, '/');
			strbuf_add(&out, s, n);
		}
		s += n;
		if (*s == '/')
			s++;
	}
	strbuf_release(&raw);
	if (!ok || !out.len) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out, NULL);
}
