/* SPDX-License-Identifier: MIT */
/* sax: a streaming XML reader for the parts of an OOXML package (workbook, relationships,
 * shared strings, styles, sheets) on libxml2's SAX2 push parser, under the same safe options as
 * the XML loader: no network, no DTD, no entity declared or expanded, a depth and an element
 * limit. The document arrives in chunks from a read function (an archive member being
 * inflated), so a part is never held whole in memory. libxml2 is opened with dlopen. */
#ifndef ZHUN_SAX_H
#define ZHUN_SAX_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>

#include "node.h"
#include "strbuf.h"

struct diag_store;
struct limits;

/* A parse in progress, handed to every callback. */
struct sax;

/* One attribute: its local name (no prefix) and its value with character and predefined
 * entity references decoded. `value` is not NUL-terminated; both live until the callback
 * returns. */
struct sax_attr {
	const char *name;
	const char *value;
	size_t len;
};

/* True when element or attribute name `name` is `want`. The callbacks test every element's
 * name against several: the first characters decide most of them without a call. */
static inline bool sax_is(const char *name, const char *want)
{
	return name[0] == want[0] &&
	       (!want[0] || (name[1] == want[1] && (!want[1] || strcmp(name + 2, want + 2) == 0)));
}

/* The value of attribute `name` among a[0..n) (its length in *len), or NULL (*len 0). */
const char *sax_attr_get(const struct sax_attr *a, size_t n, const char *name, size_t *len);
/* The same as a new NUL-terminated string (caller frees), or NULL. */
char *sax_attr_dup(const struct sax_attr *a, size_t n, const char *name);

/* The callbacks (any may be NULL). Element names are local names, without namespace prefix.
 * Text comes in pieces (character data, CDATA, white space alike) to be joined by the handler;
 * it is UTF-8 whatever the part's declared encoding. */
struct sax_handler {
	void *ud;
	void (*start)(struct sax *sx, void *ud, const char *name, const struct sax_attr *attrs,
		      size_t nattrs);
	void (*end)(struct sax *sx, void *ud, const char *name);
	void (*text)(struct sax *sx, void *ud, const char *s, size_t n);
};

/* Where a part's bytes come from: fill buf with up to cap bytes and return how many, 0 at the
 * end, or -1 after recording a fatal finding of its own. */
typedef ssize_t (*sax_read_fn)(void *src, char *buf, size_t cap);

/*
 * Parse one document read from `read(src, …)`, calling `h`. `file` names it in findings
 * (e.g. "book.xlsx:xl/workbook.xml"). Returns true when the document was read to its end and
 * well-formed, or a callback stopped it with sax_stop; false after one fatal finding at its
 * line:col — xml-syntax, xml-dtd (a DOCTYPE: nothing of it is read), depth-limit (elements
 * nested deeper than lim->max_depth), node-limit (more than lim->max_nodes elements) — or
 * when `read` failed (it recorded why), or internal when libxml2 cannot be loaded.
 */
bool sax_parse(const char *file, sax_read_fn read, void *src, const struct sax_handler *h,
	       struct diag_store *ds, const struct limits *lim);

/* Parse member `name` of archive `z` as sax_parse does, inflating it as it goes. Returns false
 * after one fatal finding: the member's (archive-member-missing, archive-corrupt, archive-bomb,
 * archive-too-large; include/ziparc.h) or the XML's at `file`:line:col. */
struct ziparc;
bool sax_parse_member(struct ziparc *z, const char *name, const char *file,
		      const struct sax_handler *h, struct diag_store *ds, const struct limits *lim);

/* An OOXML package (.docx, .xlsx) read part by part, for the readers that embed one: its
 * findings name "path:part", and after a fatal finding in one part no other part is read. */
struct sax_package {
	struct ziparc *z;
	const char *path;    /* the package's file name, as findings show it */
	const char *part;    /* the part being read */
	struct strbuf where; /* "path:part", or where in it the reader says, for findings */
	bool failed;	     /* a fatal finding: the package is refused */
	struct diag_store *ds;
	const struct limits *lim;
};

/* Set p->where to "path:part". */
void sax_package_where(struct sax_package *p);
/* Parse part `name` of p->z as sax_parse_member does, with `h` (whose user data is the
 * reader's). Returns false, and sets p->failed, after a fatal finding in it (the parser's or a
 * callback's that set p->failed); false at once when a part before failed. */
bool sax_package_read(struct sax_package *p, const char *name, const struct sax_handler *h);

/* From a callback: stop the parse here. sax_parse then returns `ok` (true for "enough read",
 * false when the callback has recorded a fatal finding). */
void sax_stop(struct sax *sx, bool ok);
/* From a callback: the position the parser has reached (1-based line and column). */
struct loc sax_loc(const struct sax *sx);
/* From a callback: the `file` given to sax_parse. */
const char *sax_file(const struct sax *sx);

/* Decode the character references (&#38; &#x4E2D;) and predefined entity references (&amp;
 * &lt; &gt; &quot; &apos;) of v[0..n) into `out` (reset first). Anything else is kept as it
 * stands. libxml2 without entity substitution hands attribute values over this way. */
void sax_decode_refs(struct strbuf *out, const char *v, size_t n);

#endif
