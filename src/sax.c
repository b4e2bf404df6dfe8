/* SPDX-License-Identifier: MIT */
/* sax: OOXML parts through libxml2's SAX2 push parser under safe options (include/sax.h). */
#include "sax.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "sax_int.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "ziparc.h"

#ifndef XML_SONAME
#define XML_SONAME "libxml2.so.2" /* libxml2 2.x; meson.build may name another */
#endif

struct sax_libxml sax_libxml;
static const char *const sax_libxml_names[] = { SAX_LIBXML_FUNCS(LAZYLIB_NAME) };

/* Documents are loaded on several threads (check -j): the library is opened and its parser
 * initialised by whichever comes first, once, and the others wait for it. */
static pthread_once_t libxml_once = PTHREAD_ONCE_INIT;
static const char *libxml_error;

static void libxml_open_once(void)
{
	static struct lazylib lib = LAZYLIB_INIT(XML_SONAME, sax_libxml_names, sax_libxml);
	libxml_error = lazylib_use(&lib);
	if (!libxml_error)
		sax_libxml.xmlInitParser();
}

const char *sax_libxml_open(void)
{
	pthread_once(&libxml_once, libxml_open_once);
	return libxml_error;
}

static void silent_generic(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

void sax_libxml_silence(struct sax_libxml_saved *saved)
{
	saved->ctx = *sax_libxml.__xmlGenericErrorContext();
	saved->fn = *sax_libxml.__xmlGenericError();
	sax_libxml.xmlSetGenericErrorFunc(NULL, silent_generic);
}

void sax_libxml_restore(const struct sax_libxml_saved *saved)
{
	sax_libxml.xmlSetGenericErrorFunc(saved->ctx, saved->fn);
}

struct sax {
	const char *file;
	const struct sax_handler *h;
	struct diag_store *ds;
	const struct limits *lim;
	xmlParserCtxtPtr ctxt;
	size_t depth, nodes;
	bool reported; /* a fatal finding was recorded: the parse has failed */
	bool stopped;  /* a callback or a limit stopped the parser */
	bool stop_ok;
	bool saw_dtd;
	struct sax_attr *attrs;
	size_t capattrs;
	struct strbuf aval; /* decoded attribute values of the current start tag */
};

void sax_decode_refs(struct strbuf *out, const char *v, size_t n)
{
	static const struct {
		const char *name;
		size_t len;
		char c;
	} predef[] = { { "amp;", 4, '&' },
		       { "lt;", 3, '<' },
		       { "gt;", 3, '>' },
		       { "quot;", 5, '"' },
		       { "apos;", 5, '\'' } };
	strbuf_reset(out);
	size_t i = 0;
	while (i < n) {
		const char *amp = memchr(v + i, '&', n - i);
		size_t j = amp ? (size_t)(amp - v) : n;
		strbuf_add(out, v + i, j - i);
		if (j == n)
			break;
		i = j + 1;
		const char *semi = memchr(v + i, ';', n - i);
		if (semi && i < n && v[i] == '#') {
			bool hex = i + 1 < n && v[i + 1] == 'x';
			uint32_t cp = 0;
			bool ok = true;
			for (const char *p = v + i + 1 + hex; p < semi && ok; p++) {
				int dv = *p >= '0' && *p <= '9'		 ? *p - '0'
					 : hex && *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
					 : hex && *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
									 : -1;
				ok = dv >= 0 && cp <= 0x10FFFF;
				cp = cp * (hex ? 16 : 10) + (uint32_t)(dv >= 0 ? dv : 0);
			}
			if (ok && cp > 0 && cp <= 0x10FFFF) {
				char u[4];
				strbuf_add(out, u, utf8_encode(cp, u));
				i = (size_t)(semi - v) + 1;
				continue;
			}
		}
		size_t k;
		for (k = 0; k < sizeof predef / sizeof predef[0]; k++)
			if (n - i >= predef[k].len &&
			    memcmp(v + i, predef[k].name, predef[k].len) == 0)
				break;
		if (k < sizeof predef / sizeof predef[0]) {
			strbuf_addc(out, predef[k].c);
			i += predef[k].len;
		} else {
			strbuf_addc(out, '&');
		}
	}
}

/* A fatal finding ends the parse: the first one is the report. */
static void fatal(struct sax *sx, enum diag_code code, struct loc loc, const char *help,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fatal(struct sax *sx, enum diag_code code, struct loc loc, const char *help,
		  const char *fmt, ...)
{
	if (sx->reported)
		return;
	sx->reported = true;
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = diag_vadd(sx->ds, code, sx->file, loc, fmt, ap);
	va_end(ap);
	if (help)
		diag_set_help(d, "%s", help);
	if (sx->ctxt && !sx->stopped) {
		sx->stopped = true;
		sax_libxml.xmlStopParser(sx->ctxt);
	}
}

struct loc sax_loc(const struct sax *sx)
{
	const xmlParserInput *in = sx->ctxt ? sx->ctxt->input : NULL;
	if (!in)
		return (struct loc){ 1, 1 };
	return (struct loc){ in->line > 0 ? (uint32_t)in->line : 1,
			     in->col > 0 ? (uint32_t)in->col : 1 };
}

const char *sax_file(const struct sax *sx)
{
	return sx->file;
}

void sax_stop(struct sax *sx, bool ok)
{
	if (sx->stopped)
		return;
	sx->stopped = true;
	sx->stop_ok = ok && !sx->reported;
	sax_libxml.xmlStopParser(sx->ctxt);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	(void)prefix, (void)uri, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
	struct sax *sx = ((xmlParserCtxtPtr)ctx)->_private;
	if (sx->stopped)
		return;
	if (++sx->depth > sx->lim->max_depth) {
		fatal(sx, DIAG_DEPTH_LIMIT, sax_loc(sx),
		      _("raise the limit with --max-depth if the file is genuine"),
		      _("nesting is deeper than %zu levels"), sx->lim->max_depth);
		return;
	}
	if (++sx->nodes > sx->lim->max_nodes) {
		fatal(sx, DIAG_NODE_LIMIT, sax_loc(sx),
		      _("raise the limit with --max-nodes if the file is genuine"),
		      _("document has more than %zu nodes"), sx->lim->max_nodes);
		return;
	}
	if (!sx->h->start)
		return;
	size_t n = nb_attributes > 0 ? (size_t)nb_attributes : 0;
	if (n > sx->capattrs)
		XGROW(sx->attrs, sx->capattrs, n);
	/* decoded values go into one buffer, which may move as it grows: offsets first */
	strbuf_reset(&sx->aval);
	for (size_t i = 0; i < n; i++) {
		const xmlChar **a = attributes + 5 * i;
		const char *v = (const char *)a[3];
		size_t len = (size_t)(a[4] - a[3]);
		sx->attrs[i].name = (const char *)a[0];
		if (memchr(v, '&', len)) {
			struct strbuf tmp = STRBUF_INIT;
			sax_decode_refs(&tmp, v, len);
			sx->attrs[i].value = NULL;
			sx->attrs[i].len = sx->aval.len; /* offset, for now */
			strbuf_add(&sx->aval, tmp.buf, tmp.len);
			strbuf_addc(&sx->aval, '\0');
			strbuf_release(&tmp);
		} else {
			sx->attrs[i].value = v;
			sx->attrs[i].len = len;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!sx->attrs[i].value) {
			const char *v = sx->aval.buf + sx->attrs[i].len;
			sx->attrs[i].value = v;
			sx->attrs[i].len = strlen(v);
		}
	}
	sx->h->start(sx, sx->h->ud, (const char *)localname, sx->attrs, n);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix, (void)uri;
	struct sax *sx = ((xmlParserCtxtPtr)ctx)->_private;
	if (sx->stopped)
		return;
	sx->depth--;
	if (sx->h->end)
		sx->h->end(sx, sx->h->ud, (const char *)localname);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct sax *sx = ((xmlParserCtxtPtr)ctx)->_private;
	if (sx->stopped || len <= 0 || !sx->h->text)
		return;
	sx->h->text(sx, sx->h->ud, (const char *)ch, (size_t)len);
}

static const char *const dtd_msg =
    N_("document type declarations are not allowed: zhun reads no DTD and expands no entities");

/* A DOCTYPE stops the parser before its internal subset, and so any entity declaration, is
 * read: no billion laughs, no external entity. */
static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext_id,
			       const xmlChar *sys_id)
{
	(void)name, (void)ext_id, (void)sys_id;
	struct sax *sx = ((xmlParserCtxtPtr)ctx)->_private;
	sx->saw_dtd = true;
	fatal(sx, DIAG_XML_DTD, sax_loc(sx), NULL, "%s", _(dtd_msg));
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct sax *sx = ((xmlParserCtxtPtr)ctx)->_private;
	/* after a stop, what the parser still says is about text nobody asked for */
	if (!e || e->level < XML_ERR_ERROR || sx->reported || sx->stopped)
		return;
	/* our own stop is no error of the document */
	if (e->code == XML_ERR_USER_STOP)
		return;
	struct loc loc = { e->line > 0 ? (uint32_t)e->line : 1,
			   e->int2 > 0 ? (uint32_t)e->int2 : 1 };
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, e->message ? e->message : "malformed document");
	while (sb.len && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == ' ' ||
			  sb.buf[sb.len - 1] == ':' || sb.buf[sb.len - 1] == ','))
		strbuf_setlen(&sb, sb.len - 1);
	/* house style: messages start lower-case */
	if (sb.len > 1 && sb.buf[0] >= 'A' && sb.buf[0] <= 'Z' && sb.buf[1] >= 'a' &&
	    sb.buf[1] <= 'z')
		sb.buf[0] = (char)(sb.buf[0] - 'A' + 'a');
	if (strncmp(sb.buf, "excessive depth in document", 27) == 0)
		fatal(sx, DIAG_DEPTH_LIMIT, loc, NULL, "%s",
		      _("elements are nested deeper than the XML parser allows"));
	else
		fatal(sx, DIAG_XML_SYNTAX, loc, NULL, "%s", sb.buf);
	strbuf_release(&sb);
}

bool sax_parse(const char *file, sax_read_fn read, void *src, const struct sax_handler *h,
	       struct diag_store *ds, const struct limits *lim)
{
	struct sax sx;
	memset(&sx, 0, sizeof sx);
	sx.file = diag_store_file(ds, file);
	sx.h = h;
	sx.ds = ds;
	sx.lim = lim;
	strbuf_init(&sx.aval);
	const char *why = sax_libxml_open();
	if (why) {
		struct diag *d = diag_add(ds, DIAG_INTERNAL, sx.file, (struct loc){ 0, 0 }, "%s",
					  _("cannot create the XML parser"));
		diag_set_help(d, "%s", why);
		return false;
	}

	xmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text;
	sax.internalSubset = on_internal_subset;
	sax.serror = on_error;

	enum { CHUNK = 65536 };
	char *buf = xmalloc(CHUNK);
	ssize_t r = read(src, buf, CHUNK);
	bool read_failed = r < 0;
	if (read_failed) {
		free(buf);
		strbuf_release(&sx.aval);
		return false;
	}
	struct sax_libxml_saved saved;
	sax_libxml_silence(&saved);

	/* No bytes go in with the context: it would detect the encoding from them and report a
	 * bad one before our state is attached to it. The first chunk does that instead. */
	size_t first = 0;
	sx.ctxt = sax_libxml.xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, sx.file);
	if (!sx.ctxt) {
		sax_libxml_restore(&saved);
		free(buf);
		strbuf_release(&sx.aval);
		diag_add(ds, DIAG_INTERNAL, sx.file, (struct loc){ 0, 0 }, "%s",
			 _("cannot create the XML parser"));
		return false;
	}
	sx.ctxt->_private = &sx;
	/* Safe options only: no network, no entity substitution, no DTD loading or default
	 * attributes, no XInclude; CDATA is text; line numbers past 65535 kept. */
	sax_libxml.xmlCtxtUseOptions(sx.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA |
						  XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
						  XML_PARSE_NOWARNING);
	size_t off = first;
	for (;;) {
		if ((size_t)r > off && !sx.stopped)
			sax_libxml.xmlParseChunk(sx.ctxt, buf + off, (int)((size_t)r - off), 0);
		if (sx.stopped)
			break;
		off = 0;
		r = read(src, buf, CHUNK);
		if (r < 0) {
			read_failed = true;
			break;
		}
		if (r == 0) {
			sax_libxml.xmlParseChunk(sx.ctxt, NULL, 0, 1);
			break;
		}
	}
	bool well_formed = sx.ctxt->wellFormed;
	sax_libxml.xmlFreeParserCtxt(sx.ctxt);
	sx.ctxt = NULL;
	sax_libxml_restore(&saved);
	free(buf);
	free(sx.attrs);
	strbuf_release(&sx.aval);
	if (read_failed || sx.reported)
		return false;
	if (sx.stopped)
		return sx.stop_ok;
	if (!well_formed) {
		diag_add(ds, DIAG_XML_SYNTAX, sx.file, (struct loc){ 1, 1 }, "%s",
			 _("malformed XML document"));
		return false;
	}
	return true;
}

static ssize_t member_read(void *m, char *buf, size_t cap)
{
	return ziparc_member_read(m, buf, cap);
}

bool sax_parse_member(struct ziparc *z, const char *name, const char *file,
		      const struct sax_handler *h, struct diag_store *ds, const struct limits *lim)
{
	struct ziparc_member *m = ziparc_member_new(z, name);
	if (!m)
		return false;
	bool ok = sax_parse(file, member_read, m, h, ds, lim);
	ziparc_member_free(m);
	return ok;
}

void sax_package_where(struct sax_package *p)
{
	strbuf_reset(&p->where);
	strbuf_adds(&p->where, p->path);
	strbuf_addc(&p->where, ':');
	strbuf_adds(&p->where, p->part);
}

bool sax_package_read(struct sax_package *p, const char *name, const struct sax_handler *h)
{
	if (p->failed)
		return false;
	p->part = name;
	sax_package_where(p);
	/* the callbacks reuse `where` for their own findings */
	char *file = xstrdup(p->where.buf);
	bool ok = sax_parse_member(p->z, name, file, h, p->ds, p->lim);
	free(file);
	if (!ok || p->failed) {
		p->failed = true;
		return false;
	}
	return true;
}

const char *sax_attr_get(const struct sax_attr *a, size_t n, const char *name, size_t *len)
{
	for (size_t i = 0; i < n; i++)
		if (sax_is(a[i].name, name)) {
			*len = a[i].len;
			return a[i].value;
		}
	*len = 0;
	return NULL;
}

char *sax_attr_dup(const struct sax_attr *a, size_t n, const char *name)
{
	size_t len;
	const char *v = sax_attr_get(a, n, name, &len);
	return v ? xstrndup(v, len) : NULL;
}
