/* SPDX-License-Identifier: MIT */
/* load_xml: the XML spelling (model.md §5) read with libxml2's SAX2 interface under safe options
 * and turned into the generic tree through the schema tables as the parser reports it, with a
 * line:col for every node. libxml2 itself is opened with dlopen on the first XML file. */
#include "load.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "sax.h"
#include "sax_int.h"
#include "schema.h"
#include "strbuf.h"
#include "strmap.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * How it works. libxml2 parses and calls us back (SAX2): a start tag, text, an end tag, a
 * comment, a processing instruction. We never let it build its own document tree: that alone
 * cost more than twice the parse (docs/performance.md, "XML loading"). Each open element has a
 * frame on an explicit stack saying what it becomes in our tree (a record, a text, a list
 * wrapper, a table row, an unknown element, or nothing); a start tag decides the child's frame
 * from its parent's schema table, an end tag finishes the frame's node and hands it to the
 * parent. This is the old tree walk (build_record, build_text, …) cut at the points where it
 * looked at children: every finding, every node count and depth check, every position comes out
 * as before, in the same order.
 *
 * Two things need a look ahead that a SAX parser cannot give, and wait instead:
 * - A list item or record element without attributes is a string when it holds only text
 *   (`<item>text</item>`), else a record. Its frame is PENDING and collects the text until a
 *   child element makes it a record or the end tag makes it a string. An unknown element
 *   without attributes waits the same way (its text, or an empty map).
 * - libxml2 reports a syntax error wherever it finds one, maybe after we built half the tree.
 *   The old loader parsed first and built only a well-formed document, so our findings are
 *   held (struct held) until the parser has accepted the whole document, and dropped when it
 *   did not. A limit exceeded while building stops the building, but the parse goes on: a
 *   syntax error further down is still the one finding, as before.
 *
 * libxml2's tree builder (SAX2.c) also raised a few errors of its own, which its replacement
 * here raises the same way (same message, same position): an xml:id that is no NCName or
 * is given twice, and a text node beyond 10,000,000 bytes (XML_MAX_TEXT_LENGTH).
 */

/*
 * Positions. libxml2 keeps only line numbers (and columns of uneven meaning in errors), so we
 * find every node in the source ourselves: a scanner walks the buffer markup by markup in step
 * with the parser's callbacks ('<' always starts markup, except inside CDATA, which is text to
 * us) and records where each element's start tag begins and ends and where its content ends,
 * and where each run of text begins; where the parser's own read offset says the same (the
 * end of a tag it has just read) the scanner takes it instead of lexing again. Offsets become
 * line:col through a cursor that only moves forward as the tree is built in document order,
 * so the whole load stays linear.
 */

/* Why an element's frame exists: what its node becomes. */
enum frame_kind {
	FK_SKIP,    /* nothing: inside a text or unknown element, or an element reported */
	FK_RECORD,  /* a record: attributes are its scalars, children go through its schema */
	FK_PENDING, /* a record without attributes that may still turn out to be a string */
	FK_TEXT,    /* an element of text only: p, note, example, cell, scalar list entries */
	FK_UNKNOWN, /* an element zhun does not know: its text, or the map of its attributes */
	FK_WRAPPER, /* references, terms, bibliography, a table's head: its items, a list */
	FK_CELLROW, /* a table row: its cells, a list of strings and cell records */
};

/* What the parent does with the finished node. */
enum use_how {
	USE_NONE,    /* nothing (FK_SKIP) */
	USE_ROOT,    /* the body of the root map */
	USE_SET,     /* a single-valued key of the parent record */
	USE_COLLECT, /* an item of a list key of the parent record */
	USE_BLOCK,   /* {wrap_key: node} as an item of the parent record's body */
	USE_ITEM,    /* an item of the parent wrapper or table row */
};

struct use {
	enum use_how how;
	const char *key;      /* USE_SET, USE_COLLECT, USE_BLOCK: key in the parent record */
	bool key_stable;      /* key outlives the document (see mk_key) */
	bool body;	      /* USE_COLLECT: an item of the body (one string stays a string) */
	const char *wrap_key; /* USE_BLOCK: the block's own key ("table", or a misspelt one) */
	size_t wrap_depth;    /* USE_BLOCK: depth of the {wrap_key: node} map */
};

/* A key of the record map being built: a single value, or items collected from repeated
 * elements (lists, bodies) that become one sequence at the place of the first. */
struct slot {
	struct node *key;
	struct node *value;
	struct node **items;
	size_t n, cap;
	bool collect;
	bool body;
	struct loc loc;
};

/* A record's keys. The storage (`v`, and each slot's `items`) outlives the record: the next
 * record at the same depth reuses it, so a long file allocates it a few times, not per row.
 * Slots below `ninit` are initialised. */
struct slots {
	struct slot *v;
	size_t n, ninit, cap;
};

/* One open element. */
struct frame {
	enum frame_kind kind;
	struct use use;
	bool empty;		   /* written <x/>: no end tag to find */
	bool raw;		   /* its source positions are known (text_start) */
	bool reported;		   /* stray text (records, wrappers, rows) already reported */
	bool has_elem;		   /* a child element was met */
	bool has_text;		   /* PENDING: non-blank text was met */
	bool list_item;		   /* PENDING: a list item, a string even when blank */
	bool resolved;		   /* UNKNOWN: a map (attributes, or a child element), not text */
	bool stray_set;		   /* PENDING: stray_off is the first non-blank text */
	size_t depth;		   /* tree depth its builder was given */
	struct loc loc;		   /* the start tag's '<' */
	struct loc text_loc;	   /* TEXT, PENDING, UNKNOWN: first character after the layout */
	size_t tag_end;		   /* just after the start tag's '>' */
	size_t lead_off;	   /* first byte after tag_end that is not white space */
	size_t stray_off;	   /* PENDING: where the first non-blank run of text starts */
	size_t text_base;	   /* its text in xml_state.text starts here */
	const char *name;	   /* local name (the parser's dictionary) */
	const char *child_name;	   /* TEXT: the first child element, reported at the end, */
	struct loc child_loc;	   /* and where it is */
	const struct rec_def *rec; /* RECORD, PENDING */
	const struct field *field; /* WRAPPER */
	struct node *value;	   /* UNKNOWN, resolved: its map */
	struct slots slots;	   /* RECORD; storage kept for reuse */
	struct node **items;	   /* WRAPPER, CELLROW; storage kept for reuse */
	size_t nitems, capitems;
};

/* The element a start tag opens. */
struct elem {
	const char *name;      /* local name */
	const char *prefix;    /* namespace prefix, or NULL */
	const xmlChar **attrs; /* libxml2's (localname, prefix, URI, value, end) quintuples */
	size_t nattrs;
	size_t start;	/* '<' of the start tag (when the source walk is in step) */
	size_t tag_end; /* just after its '>' */
	bool empty;
	struct loc loc;
};

/* A finding of the tree, held until the parse has succeeded (see the top of the file). */
struct held {
	enum diag_code code;
	struct loc loc, loc2;
	char *msg, *help, *msg2;
};

/* What the schema says about a name in a record, remembered by the name's address: libxml2
 * hands over every element and attribute name from its dictionary, one address per name, so
 * a row's attributes and children are looked up once per file rather than by string
 * comparisons for every row. */
struct lookup {
	const struct rec_def *rec;
	const char *name;
	bool elem;		     /* an element name (else an attribute's) */
	bool is_wrap;		     /* elem: the name is the field's wrapper element */
	const struct field *field;   /* elem: schema_field_by_elem, else schema_field (rec NULL:
					none) */
	const struct field *body;    /* elem: the record's body field */
	const struct block_def *blk; /* elem: the body block of that name */
	size_t len;		     /* strlen(name) */
	bool ascii;		     /* name is ASCII: one column a byte */
};
#define LOOKUPS 256

struct xml_state {
	struct doc *d;
	const char *buf;
	size_t len;
	struct diag_store *ds;
	const struct limits *lim;

	/* offset → line:col cursor */
	size_t cur_off;
	uint32_t cur_line, cur_col;

	/* the source walk: offset just after the last markup met; false once out of step */
	size_t scan;
	bool raw_ok;

	/* the current run of text, libxml2's text node: text between two pieces of markup */
	bool run_open;
	size_t run_start; /* where it starts in the source (scan when it began) */
	size_t run_len;	  /* bytes the parser has given so far */

	/* open elements; frames below `ninit` are initialised (their storage is reused) */
	struct frame *frames;
	size_t nframes, ninit, capframes;
	struct strbuf text;	 /* the text of text-collecting frames, stacked */
	struct node_pair *pairs; /* scratch for a record's map */
	size_t cappairs;

	char *root_name;
	struct loc root_loc;
	enum doc_kind root_kind;
	bool saw_root;

	struct held *held;
	size_t nheld, capheld;

	/* xml:id values met, as libxml2's tree builder kept them (xmlAddID) */
	struct strmap ids;
	char **idv;
	size_t nidv, capidv;

	struct lookup lookups[LOOKUPS];

	size_t nodes;
	bool failed;	 /* a limit was exceeded: building stopped (its finding is held) */
	bool fatal;	 /* a fatal finding went to the store: the load has failed */
	bool have_error; /* the first libxml2 error is recorded; ignore the rest */
	bool saw_dtd;	 /* the parser met a DOCTYPE (the pre-scan should have caught it) */
	struct strbuf tmp, aname, aval;
};

/* ---- positions ---- */

/* Count the code points of p[0..n) into *col, a line feed starting a new line. */
static void count_bytes(struct xml_state *st, const unsigned char *p, size_t n)
{
	for (const unsigned char *e = p + n; p < e; p++) {
		if (*p == '\n') {
			st->cur_line++;
			st->cur_col = 1;
		} else {
			/* continuation bytes start no code point */
			st->cur_col += (*p & 0xC0) != 0x80;
		}
	}
}

#ifdef __SSE2__
/* Bits set in a 16-bit mask (no POPCNT instruction in the x86-64 baseline). */
static uint32_t popcount16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555u);
	x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
	x = (x + (x >> 4)) & 0x0F0Fu;
	return (x + (x >> 8)) & 0x1Fu;
}
#endif

static struct loc loc_at(struct xml_state *st, size_t off)
{
	if (off > st->len)
		off = st->len;
	if (off < st->cur_off || st->cur_line == 0) {
		/* never happens when built in document order; correct, just slower */
		st->cur_off = 0;
		st->cur_line = 1;
		st->cur_col = 1;
	}
	const unsigned char *p = (const unsigned char *)st->buf + st->cur_off;
	const unsigned char *e = (const unsigned char *)st->buf + off;
	st->cur_off = off;
	/* Every element, attribute and text asks, so this walks the whole file once, mostly in
	 * short steps (a name to its value, a value to the next name): a word at a time, where
	 * without a line feed the column grows by the bytes that are no UTF-8 continuation byte
	 * (10xxxxxx). Long steps (text) go line by line with memchr and a counting loop the
	 * compiler vectorises. */
	if (e - p > 256) {
		while (p < e) {
			const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));
			if (!nl)
				break;
			st->cur_line++;
			st->cur_col = 1;
			p = nl + 1;
		}
		uint32_t cps = 0;
		for (; p < e; p++)
			cps += (*p & 0xC0) != 0x80;
		st->cur_col += cps;
		return (struct loc){ st->cur_line, st->cur_col };
	}
	const unsigned char *buf_end = (const unsigned char *)st->buf + st->len;
#ifdef __SSE2__
	/* Sixteen bytes at a time; a short step reads the buffer's next sixteen bytes and keeps
	 * the first n (the others become 0, neither a line feed nor a continuation byte). */
	static const unsigned char keep[32] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
						0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
	const __m128i lf = _mm_set1_epi8('\n'), top2 = _mm_set1_epi8((char)0xC0);
	const __m128i cont_bits = _mm_set1_epi8((char)0x80), zero = _mm_setzero_si128();
	while (p < e) {
		size_t n = (size_t)(e - p);
		__m128i v;
		if (n >= 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)p);
			n = 16;
		} else if (buf_end - p >= 16) {
			v = _mm_and_si128(
			    _mm_loadu_si128((const __m128i *)(const void *)p),
			    _mm_loadu_si128((const __m128i *)(const void *)(keep + 16 - n)));
		} else {
			break;
		}
		/* continuation bytes are 0xFF in c */
		__m128i c = _mm_cmpeq_epi8(_mm_and_si128(v, top2), cont_bits);
		unsigned lfs = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf));
		if (!lfs) {
			/* 0 - 0xFF = 1, summed by psadbw */
			__m128i sum = _mm_sad_epu8(_mm_sub_epi8(zero, c), zero);
			uint32_t ncont =
			    (uint32_t)_mm_cvtsi128_si32(sum) + (uint32_t)_mm_extract_epi16(sum, 4);
			st->cur_col += (uint32_t)n - ncont;
		} else {
			/* a line per line feed; the column counts from the last one */
			unsigned last = 31 - (unsigned)__builtin_clz(lfs);
			unsigned after = ((1u << n) - 1) & ~((2u << last) - 1);
			unsigned conts = (unsigned)_mm_movemask_epi8(c);
			st->cur_line += popcount16(lfs);
			st->cur_col = 1 + popcount16(after & ~conts);
		}
		p += n;
	}
#else
	/* Eight bytes at a time: without a line feed among them, the column grows by the bytes
	 * that are no UTF-8 continuation byte (10xxxxxx: bit 7 set and bit 6 clear). */
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	while (p < e) {
		size_t n = (size_t)(e - p);
		uint64_t w;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* a short step reads a whole word of the buffer and keeps its first n bytes */
		if (n < 8 && buf_end - p >= 8) {
			memcpy(&w, p, 8);
			w &= ((uint64_t)1 << (8 * n)) - 1;
		} else
#endif
		    if (n >= 8) {
			memcpy(&w, p, 8);
			n = 8;
		} else {
			break;
		}
		uint64_t lfw = w ^ (ones * '\n');
		if (((lfw - ones) & ~lfw & highs) == 0) {
			uint64_t cont = w & ~(w << 1) & highs;
			st->cur_col += (uint32_t)n - (uint32_t)(((cont >> 7) * ones) >> 56);
		} else {
			count_bytes(st, p, n);
		}
		p += n;
	}
	(void)buf_end;
#endif
	count_bytes(st, p, (size_t)(e - p));
	return (struct loc){ st->cur_line, st->cur_col };
}

static size_t find(const char *b, size_t len, size_t from, const char *needle)
{
	/* memmem is a GNU extension; the needles here are short and start with a rare byte */
	size_t nl = strlen(needle);
	while (from < len && len - from >= nl) {
		const char *p = memchr(b + from, needle[0], len - from - nl + 1);
		if (!p)
			break;
		if (memcmp(p, needle, nl) == 0)
			return (size_t)(p - b);
		from = (size_t)(p - b) + 1;
	}
	return len;
}

static bool at(const char *b, size_t len, size_t off, const char *s)
{
	size_t n = strlen(s);
	return off + n <= len && memcmp(b + off, s, n) == 0;
}

static bool is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool blank_n(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_xml_space(s[i]))
			return false;
	return true;
}

/* Next '<' at or after `from` that starts markup; CDATA sections are skipped as text. */
static size_t next_markup(const char *b, size_t len, size_t from)
{
	while (from < len) {
		const char *p = memchr(b + from, '<', len - from);
		if (!p)
			return len;
		size_t off = (size_t)(p - b);
		if (!at(b, len, off, "<![CDATA["))
			return off;
		from = find(b, len, off + 9, "]]>") + 3;
	}
	return len;
}

/* End of a start tag beginning at `off` (just after '>'); quoted '>' do not end it. */
static size_t tag_end(const char *b, size_t len, size_t off, bool *empty)
{
	char q = 0;
	for (size_t i = off + 1; i < len; i++) {
		char c = b[i];
		if (q) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '>') {
			*empty = b[i - 1] == '/';
			return i + 1;
		}
	}
	*empty = true;
	return len;
}

static bool name_at(const char *b, size_t len, size_t off, const char *name)
{
	size_t n = strlen(name);
	if (off + n > len || memcmp(b + off, name, n) != 0)
		return false;
	return off + n == len || is_xml_space(b[off + n]) || b[off + n] == '>' || b[off + n] == '/';
}

/* The format has no namespace. A default namespace declaration (xmlns="…") changes nothing we
 * read; a prefixed name (z:clause, xml:lang) is foreign and stays unknown under that name,
 * written as it is: prefix:local. The result lives in st->tmp until its next use. */
static const char *elem_qname(struct xml_state *st, const struct elem *el)
{
	if (!el->prefix)
		return el->name;
	strbuf_reset(&st->tmp);
	strbuf_addf(&st->tmp, "%s:%s", el->prefix, el->name);
	return st->tmp.buf;
}

/* A markup that is no element (comment, processing instruction): step over it in the source. */
static void skip_markup(struct xml_state *st, const char *open, const char *close)
{
	if (!st->raw_ok)
		return;
	size_t off = next_markup(st->buf, st->len, st->scan);
	if (!at(st->buf, st->len, off, open)) {
		st->raw_ok = false;
		return;
	}
	st->scan = find(st->buf, st->len, off + strlen(open), close) + strlen(close);
}

/* The parser's read offset in our buffer, or `len` when it has none. */
static size_t parser_offset(const struct xml_state *st, xmlParserCtxtPtr ctxt)
{
	const xmlParserInput *in = ctxt->input;
	if (!in || !in->base || in->cur < in->base)
		return st->len;
	return (size_t)in->consumed + (size_t)(in->cur - in->base);
}

/* A start tag: find it in the source and give the element its position; without the source
 * walk, the parser's line (that of the tag's end, as libxml2 gave its nodes) at column 1.
 * When libxml2 calls back it stands on the tag's '>' or "/>", the same end that tag_end()
 * finds by lexing the tag (a quoted '>' does not end it); lexing is the fallback. */
static void start_tag(struct xml_state *st, xmlParserCtxtPtr ctxt, struct elem *el)
{
	el->start = el->tag_end = 0;
	el->empty = false;
	if (st->raw_ok) {
		size_t off = next_markup(st->buf, st->len, st->scan);
		if (at(st->buf, st->len, off, "<") &&
		    name_at(st->buf, st->len, off + 1, elem_qname(st, el))) {
			size_t pos = parser_offset(st, ctxt);
			el->start = off;
			if (pos > off && at(st->buf, st->len, pos, ">"))
				el->tag_end = pos + 1;
			else if (pos > off && at(st->buf, st->len, pos, "/>"))
				el->tag_end = pos + 2, el->empty = true;
			else
				el->tag_end = tag_end(st->buf, st->len, off, &el->empty);
			st->scan = el->tag_end;
		} else {
			st->raw_ok = false;
		}
	}
	if (st->raw_ok) {
		el->loc = loc_at(st, el->start);
	} else {
		int line = ctxt->input ? ctxt->input->line : 0;
		el->loc = (struct loc){ line > 0 ? (uint32_t)line : 1, 1 };
	}
}

/* ---- findings ---- */

static char *vformat(const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_vaddf(&sb, fmt, ap);
	return strbuf_detach(&sb, NULL);
}

/* A finding of the tree, held (see the top of the file). Like diag_add's, the pointer is valid
 * until the next hold(). */
static struct held *hold(struct xml_state *st, enum diag_code code, struct loc loc, const char *fmt,
			 ...) __attribute__((format(printf, 4, 5)));

static struct held *hold(struct xml_state *st, enum diag_code code, struct loc loc, const char *fmt,
			 ...)
{
	XGROW(st->held, st->capheld, st->nheld + 1);
	struct held *h = &st->held[st->nheld++];
	memset(h, 0, sizeof *h);
	h->code = code;
	h->loc = loc;
	va_list ap;
	va_start(ap, fmt);
	h->msg = vformat(fmt, ap);
	va_end(ap);
	return h;
}

static void hold_help(struct held *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void hold_help(struct held *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	h->help = vformat(fmt, ap);
	va_end(ap);
}

/* Into the store, in the order they were found, as the tree walk recorded them. */
static void flush_held(struct xml_state *st)
{
	for (size_t i = 0; i < st->nheld; i++) {
		const struct held *h = &st->held[i];
		struct diag *dg = diag_add(st->ds, h->code, st->d->path, h->loc, "%s", h->msg);
		if (h->help)
			diag_set_help(dg, "%s", h->help);
		if (h->msg2)
			diag_set_related(st->ds, dg, st->d->path, h->loc2, "%s", h->msg2);
	}
}

static void free_held(struct xml_state *st)
{
	for (size_t i = 0; i < st->nheld; i++) {
		free(st->held[i].msg);
		free(st->held[i].help);
		free(st->held[i].msg2);
	}
	free(st->held);
	st->held = NULL;
	st->nheld = st->capheld = 0;
}

/* Where a fatal finding goes; only the first of each kind is recorded. */
enum fatal_kind {
	FATAL_NOW,  /* before or after the parse, or the parser's: into the store at once
		     * (st->fatal) */
	FATAL_HELD, /* a limit exceeded while building: building stops, the parse goes on, and
		     * the finding waits with the tree's (st->failed) */
};

static void fatal(struct xml_state *st, enum fatal_kind how, enum diag_code code, struct loc loc,
		  const char *help, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void fatal(struct xml_state *st, enum fatal_kind how, enum diag_code code, struct loc loc,
		  const char *help, const char *fmt, ...)
{
	bool *once = how == FATAL_HELD ? &st->failed : &st->fatal;
	if (*once)
		return;
	*once = true;
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	if (how == FATAL_HELD) {
		struct held *h = hold(st, code, loc, "%s", msg);
		if (help)
			h->help = xstrdup(help);
	} else {
		struct diag *dg = diag_add(st->ds, code, st->d->path, loc, "%s", msg);
		if (help)
			diag_set_help(dg, "%s", help);
	}
	free(msg);
}

/* The first error libxml2 reports becomes the one finding. The parser's read offset gives a
 * column in code points; its own column is bytes or characters depending on the path taken.
 * Trust the offset only when its line agrees. */
static void parse_error(struct xml_state *st, xmlParserCtxtPtr ctxt, int line, int col, int int1,
			const char *message)
{
	if (st->have_error)
		return;
	st->have_error = true;

	struct loc loc = { line > 0 ? (uint32_t)line : 1, col > 0 ? (uint32_t)col : 1 };
	if (ctxt->input && ctxt->input->base && ctxt->input->cur >= ctxt->input->base) {
		struct loc l = loc_at(st, parser_offset(st, ctxt));
		if (line <= 0 || l.line == (uint32_t)line)
			loc = l;
	}

	const char *m = message ? message : "malformed document";
	if (strncmp(m, "Excessive depth in document", 27) == 0) {
		/* libxml2's own nesting ceiling (256), below any sane --max-depth */
		fatal(st, FATAL_NOW, DIAG_DEPTH_LIMIT, loc, NULL,
		      _("elements are nested deeper than the XML parser allows (%d levels)"),
		      int1 > 0 ? int1 : 256);
		return;
	}
	strbuf_reset(&st->tmp);
	strbuf_adds(&st->tmp, m);
	/* advice about a parser option the user cannot set */
	char *huge = strstr(st->tmp.buf, "use XML_PARSE_HUGE");
	if (huge)
		strbuf_setlen(&st->tmp, (size_t)(huge - st->tmp.buf));
	while (st->tmp.len &&
	       (is_xml_space(st->tmp.buf[st->tmp.len - 1]) || st->tmp.buf[st->tmp.len - 1] == ':' ||
		st->tmp.buf[st->tmp.len - 1] == ','))
		strbuf_setlen(&st->tmp, st->tmp.len - 1);
	/* house style: messages start lower-case ("Opening and ending tag …") */
	if (st->tmp.len > 1 && st->tmp.buf[0] >= 'A' && st->tmp.buf[0] <= 'Z' &&
	    st->tmp.buf[1] >= 'a' && st->tmp.buf[1] <= 'z')
		st->tmp.buf[0] = (char)(st->tmp.buf[0] - 'A' + 'a');
	char *msg = xstrdup(st->tmp.buf);
	fatal(st, FATAL_NOW, DIAG_XML_SYNTAX, loc, NULL, "%s", msg);
	free(msg);
}

/* Structured error handler for the parser context: keep the first error, print nothing. */
static void on_xml_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	struct xml_state *st = ctxt ? ctxt->_private : NULL;
	if (!st || !e || e->level < XML_ERR_ERROR)
		return;
	parse_error(st, ctxt, e->line, e->int2, e->int1, e->message);
}

/* An error libxml2's tree builder raised (see the top of the file), as it raised it: at the
 * parser's line and column, the message formatted as error.c's XML_GET_VAR_STR does, which
 * cuts a message of 63,849 bytes or more to its first 149. */
static void builder_error(struct xml_state *st, xmlParserCtxtPtr ctxt, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void builder_error(struct xml_state *st, xmlParserCtxtPtr ctxt, const char *fmt, ...)
{
	if (st->have_error)
		return;
	int size = 150, prev = -1;
	char *str = xmalloc((size_t)size);
	while (size < 64000) {
		va_list ap;
		va_start(ap, fmt);
		int chars = vsnprintf(str, (size_t)size, fmt, ap);
		va_end(ap);
		if (chars > -1 && chars < size) {
			if (prev == chars)
				break;
			prev = chars;
		}
		size += chars > -1 ? chars + 1 : 100;
		str = xrealloc(str, (size_t)size);
	}
	int line = ctxt->input ? ctxt->input->line : 0, col = ctxt->input ? ctxt->input->col : 0;
	parse_error(st, ctxt, line, col, 0, str);
	free(str);
}

/* Never let libxml2 print: errors outside a parser context go to the generic handler. */
static const char *const dtd_msg =
    N_("document type declarations are not allowed: zhun reads no DTD and expands no entities");
static const char *const dtd_help =
    N_("remove the <!DOCTYPE …> declaration and any entity references");

/* A DOCTYPE can only stand in the prolog; find it before libxml2 sees the document, so that
 * no entity is ever declared, expanded or fetched (billion laughs, external entities). */
static bool prescan_doctype(struct xml_state *st)
{
	const char *b = st->buf;
	size_t len = st->len, i = 0;
	for (;;) {
		while (i < len && is_xml_space(b[i]))
			i++;
		if (at(b, len, i, "<?"))
			i = find(b, len, i + 2, "?>") + 2;
		else if (at(b, len, i, "<!--"))
			i = find(b, len, i + 4, "-->") + 3;
		else
			break;
	}
	if (!at(b, len, i, "<!DOCTYPE"))
		return true;
	fatal(st, FATAL_NOW, DIAG_XML_DTD, loc_at(st, i), _(dtd_help), "%s", _(dtd_msg));
	return false;
}

/* ---- tree building ---- */

static bool count_node(struct xml_state *st, struct loc loc)
{
	if (st->failed)
		return false;
	if (++st->nodes > st->lim->max_nodes) {
		fatal(st, FATAL_HELD, DIAG_NODE_LIMIT, loc,
		      _("raise the limit with --max-nodes if the file is genuine"),
		      _("document has more than %zu nodes"), st->lim->max_nodes);
		return false;
	}
	return true;
}

static struct node *mk_scalar(struct xml_state *st, const char *s, size_t len, struct loc loc,
			      unsigned flags)
{
	if (!count_node(st, loc))
		return NULL;
	return node_scalar(st->d, s, len, loc, flags);
}

/* A key scalar. Keys are mostly the schema's own names (static) or copies already in the
 * document's arena: such a `stable` key is pointed to, not copied again. The node is the one
 * node_scalar() would make. */
static struct node *mk_key(struct xml_state *st, const char *key, size_t len, bool stable,
			   struct loc loc)
{
	if (!stable)
		return mk_scalar(st, key, len, loc, 0);
	if (!count_node(st, loc))
		return NULL;
	return node_scalar_ref(st->d, key, len, loc, 0);
}

static bool depth_ok(struct xml_state *st, size_t depth, struct loc loc)
{
	if (st->failed)
		return false;
	if (depth <= st->lim->max_depth)
		return true;
	fatal(st, FATAL_HELD, DIAG_DEPTH_LIMIT, loc,
	      _("raise the limit with --max-depth if the file is genuine"),
	      _("nesting is deeper than %zu levels"), st->lim->max_depth);
	return false;
}

/* Number of characters libxml2 makes of the literal white space at raw[0..n): a CR LF pair is
 * one line feed (XML end-of-line handling). */
static size_t normalised_ws(const char *raw, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (!(raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n'))
			c++;
	return c;
}

static bool scalar_type(enum field_type t)
{
	return t == FT_STR || t == FT_NUM || t == FT_DATE || t == FT_INT || t == FT_BOOL ||
	       t == FT_ENUM;
}

/* ---- frames ---- */

static struct frame *top(struct xml_state *st)
{
	return st->nframes ? &st->frames[st->nframes - 1] : NULL;
}

/* Open a frame for `el`. The frame array may move: frame pointers taken before are stale. */
static struct frame *push(struct xml_state *st, enum frame_kind kind, const struct elem *el,
			  const struct use *u)
{
	if (st->nframes == st->ninit) {
		XGROW(st->frames, st->capframes, st->ninit + 1);
		memset(&st->frames[st->ninit], 0, sizeof *st->frames);
		st->ninit++;
	}
	struct frame *f = &st->frames[st->nframes++];
	/* keep the storage of the element that last had this depth */
	struct slots slots = f->slots;
	struct node **items = f->items;
	size_t capitems = f->capitems;
	memset(f, 0, sizeof *f);
	f->slots = slots;
	f->slots.n = 0;
	f->items = items;
	f->capitems = capitems;

	f->kind = kind;
	f->use = *u;
	f->empty = el->empty;
	f->loc = el->loc;
	f->tag_end = el->tag_end;
	f->name = el->name;
	f->text_base = st->text.len;
	return f;
}

/* Where a frame's text would start: after the layout white space that follows the start tag.
 * Asked at the start tag, before any position inside the element, to keep the cursor going
 * forward. */
static void text_start(struct xml_state *st, struct frame *f)
{
	f->raw = st->raw_ok;
	if (!f->raw) {
		f->text_loc = f->loc;
		return;
	}
	size_t i = f->tag_end;
	if (!f->empty)
		while (i < st->len && is_xml_space(st->buf[i]))
			i++;
	f->lead_off = i;
	f->text_loc = loc_at(st, i);
}

/* ---- slots ---- */

static struct slot *slot_find(struct slots *s, const char *key, size_t n)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].key->n == n && s->v[i].key->u.str[0] == key[0] &&
		    memcmp(s->v[i].key->u.str, key, n) == 0)
			return &s->v[i];
	return NULL;
}

static struct slot *slot_add(struct xml_state *st, struct slots *s, const char *key, size_t len,
			     bool stable, struct loc loc)
{
	struct node *k = mk_key(st, key, len, stable, loc);
	if (!k)
		return NULL;
	if (s->n == s->ninit) {
		XGROW(s->v, s->cap, s->ninit + 1);
		memset(&s->v[s->ninit], 0, sizeof *s->v);
		s->ninit++;
	}
	struct slot *sl = &s->v[s->n++];
	struct node **items = sl->items;
	size_t cap = sl->cap;
	memset(sl, 0, sizeof *sl);
	sl->items = items;
	sl->cap = cap;
	sl->key = k;
	sl->loc = loc;
	return sl;
}

/* Append an item to the collecting slot `key`, creating it at the first item. */
static void slot_collect(struct xml_state *st, struct slots *s, const char *key, bool stable,
			 struct loc loc, struct node *item, bool body)
{
	if (!item)
		return;
	size_t len = strlen(key);
	struct slot *sl = slot_find(s, key, len);
	if (sl && !sl->collect)
		return; /* an attribute of that name came first; reported there */
	if (!sl) {
		sl = slot_add(st, s, key, len, stable, loc);
		if (!sl)
			return;
		sl->collect = true;
		sl->body = body;
	}
	XGROW(sl->items, sl->cap, sl->n + 1);
	sl->items[sl->n++] = item;
}

/* A single-valued key; a second one is a duplicate (as in YAML). */
static void slot_set(struct xml_state *st, struct slots *s, const char *key, size_t len,
		     bool stable, struct loc loc, struct node *value)
{
	if (!value)
		return;
	struct slot *first = slot_find(s, key, len);
	if (first) {
		/* as the YAML loader says it; the first stays in the tree */
		struct held *h =
		    hold(st, DIAG_DUPLICATE_KEY, loc, _("key '%s' is given twice"), key);
		h->loc2 = first->loc;
		h->msg2 = xstrdup(_("first given here"));
		return;
	}
	struct slot *sl = slot_add(st, s, key, len, stable, loc);
	if (sl)
		sl->value = value;
}

/* ---- the schema, by name ---- */

static const struct field *body_field(const struct rec_def *rec)
{
	for (size_t i = 0; i < rec->nfields; i++)
		if (rec->fields[i].type == FT_BODY)
			return &rec->fields[i];
	return NULL;
}

/* The schema's answers for `name` (a name from libxml2's dictionary) in `rec`. */
static const struct lookup *lookup(struct xml_state *st, const struct rec_def *rec,
				   const char *name, bool elem)
{
	uint64_t h = ((uint64_t)(uintptr_t)name * 31 + (uint64_t)(uintptr_t)rec) * 2 + elem;
	struct lookup *l = &st->lookups[(h * 0x9E3779B97F4A7C15u) >> 56]; /* LOOKUPS = 256 */
	if (l->name == name && l->rec == rec && l->elem == elem)
		return l;
	l->rec = rec;
	l->name = name;
	l->elem = elem;
	l->is_wrap = false;
	l->body = l->field = NULL;
	l->blk = NULL;
	l->len = strlen(name);
	l->ascii = true;
	for (size_t i = 0; i < l->len; i++)
		l->ascii = l->ascii && !(name[i] & 0x80);
	if (!elem) {
		l->field = rec ? schema_field(rec, name) : NULL;
		return l;
	}
	l->field = schema_field_by_elem(rec, name, &l->is_wrap);
	l->body = body_field(rec);
	l->blk = l->body ? schema_block(name) : NULL;
	return l;
}

/* ---- attributes ---- */

static const char xsi_ns[] = "http://www.w3.org/2001/XMLSchema-instance";

/* Attribute positions come from lexing the start tag once, in step with libxml2's attribute
 * list (both in document order; namespace declarations are not attributes to libxml2). */
struct attr_lexer {
	size_t off, end;
};

static void attr_lexer_init(struct xml_state *st, struct attr_lexer *lx, const struct elem *el)
{
	lx->off = lx->end = 0;
	if (!st->raw_ok)
		return;
	lx->off = el->start + 1;
	lx->end = el->tag_end;
	while (lx->off < lx->end && !is_xml_space(st->buf[lx->off]) && st->buf[lx->off] != '>' &&
	       st->buf[lx->off] != '/')
		lx->off++;
}

/* From the end of an attribute's name past its quoted value, whose offset goes to *value_off;
 * false when no quote follows. */
static bool lex_value(const char *b, struct attr_lexer *lx, size_t *value_off)
{
	while (lx->off < lx->end && b[lx->off] != '"' && b[lx->off] != '\'')
		lx->off++;
	if (lx->off >= lx->end)
		return false;
	char q = b[lx->off++];
	*value_off = lx->off;
	const char *qe = memchr(b + lx->off, q, lx->end - lx->off);
	lx->off = (qe ? (size_t)(qe - b) : lx->end) + 1;
	return true;
}

/* Find attribute `name` (`nlen` bytes); sets the offsets of its name and its value (after the
 * quote). */
static bool attr_lexer_next(struct xml_state *st, struct attr_lexer *lx, const char *name,
			    size_t nlen, size_t *name_off, size_t *value_off)
{
	const char *b = st->buf;
	while (lx->off < lx->end) {
		while (lx->off < lx->end && is_xml_space(b[lx->off]))
			lx->off++;
		size_t ns = lx->off;
		/* the usual case: the name is there, and the lexing below would end it there */
		if (nlen && ns + nlen < lx->end && memcmp(b + ns, name, nlen) == 0 &&
		    (b[ns + nlen] == '=' || is_xml_space(b[ns + nlen]))) {
			lx->off = ns + nlen;
			*name_off = ns;
			return lex_value(b, lx, value_off);
		}
		while (lx->off < lx->end && b[lx->off] != '=' && !is_xml_space(b[lx->off]) &&
		       b[lx->off] != '>' && b[lx->off] != '/')
			lx->off++;
		size_t nl = lx->off - ns, vs;
		if (nl == 0 || !lex_value(b, lx, &vs))
			return false;
		bool xmlns = (nl == 5 && memcmp(b + ns, "xmlns", 5) == 0) ||
			     (nl > 6 && memcmp(b + ns, "xmlns:", 6) == 0);
		if (xmlns)
			continue;
		if (nl == nlen && memcmp(b + ns, name, nl) == 0) {
			*name_off = ns;
			*value_off = vs;
			return true;
		}
		return false;
	}
	return false;
}

/* One attribute as read: its qualified name, positions of name and value, and its value. */
struct attr_val {
	const char *name; /* libxml2's local name, or prefix:local in st->aname */
	size_t nlen;
	const struct field *field; /* the record's field of that name (unprefixed, rec given) */
	bool prefixed;
	bool xsi; /* in the XMLSchema-instance namespace */
	struct loc kloc, vloc;
	const char *value; /* in the parser's buffer or st->aval; not NUL-terminated */
	size_t vlen;
};

/* Attribute i of `el`; `rec` (or NULL) is the record whose field of that name is wanted. */
static void attr_read(struct xml_state *st, struct attr_lexer *lx, const struct elem *el,
		      const struct rec_def *rec, size_t i, struct attr_val *out, bool want_value)
{
	const xmlChar **a = el->attrs + 5 * i;
	const char *local = (const char *)a[0], *prefix = (const char *)a[1];
	const char *uri = (const char *)a[2];
	out->prefixed = prefix != NULL;
	out->xsi = uri && strcmp(uri, xsi_ns) == 0;
	size_t nlen;
	bool ascii = true;
	out->field = NULL;
	if (prefix) {
		strbuf_reset(&st->aname);
		strbuf_addf(&st->aname, "%s:%s", prefix, local);
		out->name = st->aname.buf;
		nlen = st->aname.len;
		for (size_t k = 0; k < nlen; k++)
			ascii = ascii && !(out->name[k] & 0x80);
	} else {
		const struct lookup *l = lookup(st, rec, local, false);
		out->name = local;
		out->field = l->field;
		nlen = l->len;
		ascii = l->ascii;
	}
	out->nlen = nlen;
	size_t noff, voff;
	if (attr_lexer_next(st, lx, out->name, nlen, &noff, &voff)) {
		out->kloc = loc_at(st, noff);
		/* name="value" with the name in ASCII: the value is nlen + 2 columns on */
		if (ascii && voff == noff + nlen + 2 && st->buf[noff + nlen] == '=') {
			st->cur_off = voff;
			st->cur_col += (uint32_t)nlen + 2;
			out->vloc = (struct loc){ st->cur_line, st->cur_col };
		} else {
			out->vloc = loc_at(st, voff);
		}
	} else {
		out->kloc = out->vloc = el->loc;
	}
	out->value = NULL;
	out->vlen = 0;
	if (!want_value)
		return;
	const char *v = (const char *)a[3];
	size_t n = (size_t)((const char *)a[4] - v);
	if (memchr(v, '&', n)) {
		/* libxml2 without entity substitution hands a value over with every '&' as
		 * "&#38;"; its tree builder decoded that, and so do we */
		sax_decode_refs(&st->aval, v, n);
		out->value = st->aval.buf;
		out->vlen = st->aval.len;
	} else {
		out->value = v;
		out->vlen = n;
	}
}

/* Attributes where a text-only element allows none. */
static void reject_attrs(struct xml_state *st, const struct elem *el, const char *what)
{
	if (!el->nattrs)
		return;
	struct attr_lexer lx;
	attr_lexer_init(st, &lx, el);
	for (size_t i = 0; i < el->nattrs; i++) {
		struct attr_val av;
		attr_read(st, &lx, el, NULL, i, &av, false);
		hold(st, DIAG_KEY_UNKNOWN, av.kloc, _("unknown attribute '%s' on '%s'"), av.name,
		     what);
	}
}

/* What libxml2's tree builder did with xml:id (xmlSAX2AttributeNs, xmlAddID): the value as the
 * parser handed it over must be an NCName, and no two may be equal. */
static void check_ids(struct xml_state *st, xmlParserCtxtPtr ctxt, const xmlChar **attrs, size_t n)
{
	for (size_t i = 0; i < n && !st->have_error; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (!a[1] || !a[2] || strcmp((const char *)a[1], "xml") != 0 ||
		    strcmp((const char *)a[0], "id") != 0)
			continue;
		char *dup = xstrndup((const char *)a[3], (size_t)(a[4] - a[3]));
		if (sax_libxml.xmlValidateNCName((const xmlChar *)dup, 1) != 0)
			builder_error(st, ctxt, "xml:id : attribute value %s is not an NCName\n",
				      dup);
		if (strmap_get(&st->ids, dup)) {
			builder_error(st, ctxt, "ID %s already defined\n", dup);
			free(dup);
			continue;
		}
		XGROW(st->idv, st->capidv, st->nidv + 1);
		st->idv[st->nidv++] = dup;
		strmap_put(&st->ids, dup, dup);
	}
}

/* ---- opening an element ---- */

static const struct use use_skip = { USE_NONE, NULL, false, false, NULL, 0 };
static const struct use use_item = { USE_ITEM, NULL, false, false, NULL, 0 };

/* A record element (build_record): attributes are its scalar fields, child elements its lists,
 * records and body blocks (model.md §5). With `scalar_ok`, an element holding only text (no
 * attributes, no child elements) is read as that string: a list item `<item>text</item>`; an
 * element without attributes waits as PENDING to see which it is. */
static void open_record(struct xml_state *st, const struct elem *el, const struct rec_def *rec,
			size_t depth, bool scalar_ok, const struct use *u)
{
	if (scalar_ok && el->nattrs == 0) {
		struct frame *f = push(st, FK_PENDING, el, u);
		f->rec = rec;
		f->depth = depth;
		f->list_item = rec == &schema_list_item_rec || rec == &schema_cell_rec;
		text_start(st, f);
		return;
	}
	if (!depth_ok(st, depth, el->loc) || !count_node(st, el->loc))
		return;
	struct frame *f = push(st, FK_RECORD, el, u);
	f->rec = rec;
	f->depth = depth;
	struct attr_lexer lx;
	attr_lexer_init(st, &lx, el);
	for (size_t i = 0; i < el->nattrs && !st->failed; i++) {
		struct attr_val av;
		attr_read(st, &lx, el, rec, i, &av, true);
		/* xsi:noNamespaceSchemaLocation and friends point editors at schemas/zhun.xsd;
		 * they are not part of the model */
		if (av.xsi)
			continue;
		const struct field *fd = av.field;
		if (fd && !scalar_type(fd->type)) {
			struct held *h = hold(st, DIAG_TYPE_MISMATCH, av.kloc,
					      _("'%s' is not a single value: write it as child "
						"elements of '%s', not as an attribute"),
					      av.name, rec->name);
			if (fd->type == FT_STRLIST || fd->type == FT_NUMLIST)
				hold_help(h, _("one <%s>…</%s> element per entry"), schema_elem(fd),
					  schema_elem(fd));
		} else {
			struct node *v = mk_scalar(st, av.value, av.vlen, av.vloc, NODE_ATTR);
			/* a known attribute's key is the schema's own string */
			slot_set(st, &f->slots, fd ? fd->key : av.name, av.nlen, fd != NULL,
				 av.kloc, v);
		}
	}
}

/* An element that holds text only: p, note, example, and the items of scalar lists. */
static void open_text(struct xml_state *st, const struct elem *el, const struct use *u)
{
	reject_attrs(st, el, el->name);
	struct frame *f = push(st, FK_TEXT, el, u);
	text_start(st, f);
}

/* An element zhun does not know: its text when it holds only text (so that `<titel>x</titel>`
 * reads like the YAML `titel: x`), else the map of its attributes. Kept in the tree so that
 * model_build reports it with a did-you-mean at the right place. */
static void open_unknown(struct xml_state *st, const struct elem *el, size_t depth,
			 const struct use *u)
{
	if (el->nattrs == 0) {
		struct frame *f = push(st, FK_UNKNOWN, el, u);
		f->depth = depth;
		text_start(st, f);
		return;
	}
	if (!depth_ok(st, depth, el->loc) || !count_node(st, el->loc))
		return;
	XGROW(st->pairs, st->cappairs, el->nattrs);
	struct attr_lexer lx;
	attr_lexer_init(st, &lx, el);
	size_t i = 0;
	for (; i < el->nattrs && !st->failed; i++) {
		struct attr_val av;
		attr_read(st, &lx, el, NULL, i, &av, true);
		st->pairs[i].key = mk_scalar(st, av.name, av.nlen, av.kloc, 0);
		st->pairs[i].value = mk_scalar(st, av.value, av.vlen, av.vloc, NODE_ATTR);
	}
	if (st->failed)
		return;
	struct node *m = node_map(st->d, st->pairs, i, el->loc);
	struct frame *f = push(st, FK_UNKNOWN, el, u);
	f->depth = depth;
	f->resolved = true;
	f->value = m;
}

/* A wrapper element (`references`, `terms`, `bibliography`, a table's `head`): its item
 * elements become the list. An empty wrapper is an empty list, which YAML can say too. */
static void open_wrapper(struct xml_state *st, const struct elem *el, const struct field *fd,
			 size_t depth, const struct use *u)
{
	if (!depth_ok(st, depth, el->loc) || !count_node(st, el->loc))
		return;
	reject_attrs(st, el, fd->xml_wrap);
	struct frame *f = push(st, FK_WRAPPER, el, u);
	f->field = fd;
	f->depth = depth;
}

/* A table row: its `cell` children become a sequence of strings. */
static void open_cellrow(struct xml_state *st, const struct elem *el, size_t depth,
			 const struct use *u)
{
	if (!depth_ok(st, depth, el->loc) || !count_node(st, el->loc))
		return;
	reject_attrs(st, el, el->name);
	struct frame *f = push(st, FK_CELLROW, el, u);
	f->depth = depth;
}

/* One item of a record list or cell-row list. */
static void open_item(struct xml_state *st, const struct elem *el, const struct field *fd,
		      size_t depth, const struct use *u)
{
	if (fd->type == FT_CELLROWS) {
		open_cellrow(st, el, depth, u);
		return;
	}
	/* a list item may be a plain string (model.md §6 "Blocks"); any other record spelled
	 * as bare text becomes a string too, for model_build to report as the wrong type */
	open_record(st, el, fd->rec, depth, true, u);
}

/* Non-blank text where a record, wrapper or row allows only elements: reported once per
 * element, at the first non-blank text, where its run of text begins. */
static void stray_text(struct xml_state *st, const struct frame *f, size_t run_start)
{
	const char *what = f->kind == FK_WRAPPER ? f->field->xml_wrap : f->name;
	struct loc loc;
	if (st->raw_ok) {
		size_t off = run_start;
		while (off < st->len && is_xml_space(st->buf[off]))
			off++;
		loc = loc_at(st, off);
	} else {
		loc = f->loc;
	}
	struct held *h =
	    hold(st, DIAG_TYPE_MISMATCH, loc,
		 _("text is not allowed in '%s': it holds attributes and elements only"), what);
	/* a cell or list item with attributes carries its text as one of them */
	if (f->kind == FK_RECORD && (f->rec == &schema_cell_rec || f->rec == &schema_list_item_rec))
		hold_help(h, _("write the text as an attribute: <%s text=\"…\" …>"), what);
}

/* A PENDING record meets its first child element: it is a record after all. Its text is
 * dropped, except for the report of stray text before that element. */
static void resolve_record(struct xml_state *st, struct frame *p)
{
	strbuf_setlen(&st->text, p->text_base);
	p->has_elem = true;
	if (!depth_ok(st, p->depth, p->loc) || !count_node(st, p->loc)) {
		p->kind = FK_SKIP;
		return;
	}
	p->kind = FK_RECORD;
	if (p->stray_set) {
		p->reported = true;
		stray_text(st, p, p->stray_off);
	}
}

/* One child element of a record: dispatch through the record's schema table. */
static void record_child(struct xml_state *st, struct frame *p, const struct elem *el)
{
	const struct rec_def *rec = p->rec;
	size_t depth = p->depth;
	const char *name = el->name;
	bool pre = el->prefix != NULL;
	/* a prefixed name is foreign: no field, no block (the body is the record's all the same) */
	const struct lookup *l = lookup(st, rec, name, true);
	bool is_wrap = !pre && l->is_wrap;
	const struct field *f = pre ? NULL : l->field;
	const struct field *body = l->body;
	const struct block_def *blk = pre ? NULL : l->blk;
	/* keys from the schema (f->key, body->key) are static */
	struct use u = { USE_SET, NULL, true, false, NULL, 0 };

	if (f) {
		switch (f->type) {
		case FT_STRLIST:
		case FT_NUMLIST:
			u.how = USE_COLLECT;
			u.key = f->key;
			open_text(st, el, &u);
			return;
		case FT_RECLIST:
		case FT_CELLROWS:
			u.key = f->key;
			if (is_wrap) {
				open_wrapper(st, el, f, depth + 1, &u);
			} else {
				u.how = USE_COLLECT;
				open_item(st, el, f, depth + 2, &u);
			}
			return;
		case FT_REC:
		case FT_LIST:
			u.key = f->key;
			open_record(st, el, f->rec, depth + 1, true, &u);
			return;
		default:
			break;
		}
	}
	if (blk) {
		/* a body block: `p` → the paragraph string, others → {name: value} */
		u.how = USE_COLLECT;
		u.key = body->key;
		u.body = true;
		if (blk->kind == BLOCK_P) {
			open_text(st, el, &u);
			return;
		}
		u.how = USE_BLOCK;
		u.wrap_key = blk->key;
		u.wrap_depth = depth + 2;
		if (blk->rec)
			open_record(st, el, blk->rec, depth + 3, false, &u);
		else
			open_text(st, el, &u);
		return;
	}
	const struct field *sf = pre ? NULL : lookup(st, rec, name, false)->field;
	if (sf && scalar_type(sf->type)) {
		struct held *h =
		    hold(st, DIAG_TYPE_MISMATCH, el->loc,
			 _("'%s' is written as an attribute of '%s', not as an element"), name,
			 rec->name);
		hold_help(h, _("write %s=\"…\" on the '%s' element"), name, rec->name);
		u.key = name;
		u.key_stable = false; /* libxml2's dictionary */
		open_text(st, el, &u);
		return;
	}
	const char *qn = elem_qname(st, el);
	if (body && !pre) {
		/* a misspelt block (`<tabel>`) belongs in the body, where model_build names the
		 * block kinds; anything else is an unknown key of the record */
		if (schema_suggest_block(qn, true) && !schema_suggest(rec, qn)) {
			u.how = USE_BLOCK;
			u.key = body->key;
			u.body = true;
			u.wrap_key = arena_strdup(st->d->arena, qn);
			u.wrap_depth = depth + 2;
			open_unknown(st, el, depth + 3, &u);
			return;
		}
	}
	/* repeated unknown elements: the first is enough for model_build to report */
	if (slot_find(&p->slots, qn, strlen(qn))) {
		push(st, FK_SKIP, el, &use_skip);
		return;
	}
	u.key = arena_strdup(st->d->arena, qn);
	open_unknown(st, el, depth + 1, &u);
}

/* The root element: its name is the document kind. */
static void open_root(struct xml_state *st, const struct elem *el)
{
	st->saw_root = true;
	st->root_name = xstrdup(elem_qname(st, el));
	st->root_loc = el->loc;
	st->root_kind = el->prefix ? DOC_UNKNOWN : doc_kind_from_name(st->root_name);
	const struct rec_def *rec = schema_root(st->root_kind);
	if (!depth_ok(st, 1, el->loc))
		return;
	static const struct use root = { USE_ROOT, NULL, false, false, NULL, 0 };
	if (rec)
		open_record(st, el, rec, 2, false, &root);
	else
		open_unknown(st, el, 2, &root);
}

/* ---- finishing an element ---- */

static struct node *single_map(struct xml_state *st, const char *key, bool stable, struct loc loc,
			       struct node *value, size_t depth)
{
	if (!value || !depth_ok(st, depth, loc) || !count_node(st, loc))
		return NULL;
	struct node_pair p = { mk_key(st, key, strlen(key), stable, loc), value };
	if (!p.key)
		return NULL;
	return node_map(st->d, &p, 1, loc);
}

/* The text content of a text-only element as a scalar. Leading and trailing white space that
 * is written literally in the source is layout and dropped; white space written as a character
 * reference (&#32; &#10; …) or inside CDATA is content and kept, which is how write_xml spells
 * text that begins or ends with white space. `end` is the '<' of the end tag. */
static struct node *text_scalar(struct xml_state *st, struct frame *f, size_t end)
{
	const char *t = st->text.buf + f->text_base;
	size_t n = st->text.len - f->text_base;
	size_t lead = n, trail = n;
	if (f->raw && st->raw_ok && !f->has_elem) {
		size_t i = f->lead_off, j = end;
		lead = normalised_ws(st->buf + f->tag_end, i - f->tag_end);
		size_t k = j;
		while (k > i && is_xml_space(st->buf[k - 1]))
			k--;
		trail = i < j ? normalised_ws(st->buf + k, j - k) : 0;
	}
	/* else (no source to consult, or text mixed with elements, an error reported
	 * elsewhere): trim all white space at both ends */

	size_t s = 0, e = n;
	while (s < e && s < lead && is_xml_space(t[s]))
		s++;
	while (e > s && n - e < trail && is_xml_space(t[e - 1]))
		e--;
	struct node *v = mk_scalar(st, t + s, e - s, f->text_loc, NODE_QUOTED);
	strbuf_setlen(&st->text, f->text_base);
	return v;
}

static struct node *finish_record(struct xml_state *st, struct frame *f)
{
	struct slots *s = &f->slots;
	XGROW(st->pairs, st->cappairs, s->n ? s->n : 1);
	for (size_t i = 0; i < s->n && !st->failed; i++) {
		struct slot *sl = &s->v[i];
		st->pairs[i].key = sl->key;
		st->pairs[i].value = NULL;
		if (!sl->collect) {
			st->pairs[i].value = sl->value;
		} else if (sl->body && sl->n == 1 && sl->items[0]->kind == NODE_SCALAR) {
			/* model.md §6: "a single-string body is one <p>" */
			st->pairs[i].value = sl->items[0];
		} else if (depth_ok(st, f->depth + 1, sl->loc) && count_node(st, sl->loc)) {
			st->pairs[i].value = node_seq(st->d, sl->items, sl->n, sl->loc);
		}
	}
	if (st->failed)
		return NULL;
	return node_map(st->d, st->pairs, s->n, f->loc);
}

/* The node of a frame whose end tag has come. */
static struct node *close_frame(struct xml_state *st, struct frame *f, size_t end)
{
	switch (f->kind) {
	case FK_SKIP:
		return NULL;
	case FK_TEXT: {
		struct node *v = text_scalar(st, f, end);
		if (f->has_elem)
			hold(st, DIAG_TYPE_MISMATCH, f->child_loc,
			     _("'%s' holds text only; element '%s' is not allowed in it"), f->name,
			     f->child_name);
		return v;
	}
	case FK_PENDING:
		if (f->has_text || f->list_item)
			return text_scalar(st, f, end);
		/* blank: an empty record */
		strbuf_setlen(&st->text, f->text_base);
		if (!depth_ok(st, f->depth, f->loc) || !count_node(st, f->loc))
			return NULL;
		return node_map(st->d, NULL, 0, f->loc);
	case FK_UNKNOWN:
		return f->resolved ? f->value : text_scalar(st, f, end);
	case FK_RECORD:
		return finish_record(st, f);
	case FK_WRAPPER:
	case FK_CELLROW:
		return node_seq(st->d, f->items, f->nitems, f->loc);
	}
	return NULL;
}

/* The root's body is done: the document is {root-name: body}. */
static void finish_root(struct xml_state *st, struct node *body)
{
	struct node *root_map =
	    body ? single_map(st, st->root_name, false, st->root_loc, body, 1) : NULL;
	if (root_map && !st->failed) {
		st->d->root = root_map;
		st->d->kind = st->root_kind;
		st->d->body = body->kind == NODE_MAP ? body : NULL;
	}
}

/* Hand a finished node to the parent frame (just below `f`, which has been popped). */
static void deliver(struct xml_state *st, const struct frame *f, struct node *v)
{
	struct frame *p = top(st);
	switch (f->use.how) {
	case USE_NONE:
		return;
	case USE_ROOT:
		finish_root(st, v);
		return;
	case USE_SET:
		slot_set(st, &p->slots, f->use.key, strlen(f->use.key), f->use.key_stable, f->loc,
			 v);
		return;
	case USE_COLLECT:
		slot_collect(st, &p->slots, f->use.key, f->use.key_stable, f->loc, v, f->use.body);
		return;
	case USE_BLOCK:
		/* the block's key is static or in the arena (record_child) */
		slot_collect(st, &p->slots, f->use.key, f->use.key_stable, f->loc,
			     single_map(st, f->use.wrap_key, true, f->loc, v, f->use.wrap_depth),
			     true);
		return;
	case USE_ITEM:
		if (v) {
			XGROW(p->items, p->capitems, p->nitems + 1);
			p->items[p->nitems++] = v;
		}
		return;
	}
}

/* ---- the parser's callbacks ---- */

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	if (st->have_error)
		return;
	/* defaulted attributes come from a DTD (refused); the tree builder left them out too */
	if (nb_defaulted && !(ctxt->loadsubset & XML_COMPLETE_ATTRS))
		nb_attributes -= nb_defaulted;
	size_t nattrs = nb_attributes > 0 ? (size_t)nb_attributes : 0;
	check_ids(st, ctxt, attributes, nattrs);
	if (st->have_error)
		return;
	st->run_open = false;
	if (st->failed)
		return;

	struct elem el = { (const char *)localname,
			   (const char *)prefix,
			   attributes,
			   nattrs,
			   0,
			   0,
			   false,
			   { 0, 0 } };
	start_tag(st, ctxt, &el);
	struct frame *p = top(st);
	if (!p) {
		open_root(st, &el);
		return;
	}
	switch (p->kind) {
	case FK_SKIP:
		push(st, FK_SKIP, &el, &use_skip);
		return;
	case FK_TEXT:
		/* reported after the text, as build_text did (close_frame) */
		if (!p->has_elem) {
			p->child_loc = el.loc;
			p->child_name = el.name;
		}
		p->has_elem = true;
		push(st, FK_SKIP, &el, &use_skip);
		return;
	case FK_UNKNOWN:
		if (!p->resolved) {
			/* elements inside: the map of its attributes, none */
			strbuf_setlen(&st->text, p->text_base);
			p->resolved = true;
			p->has_elem = true;
			if (!depth_ok(st, p->depth, p->loc) || !count_node(st, p->loc))
				return;
			p->value = node_map(st->d, NULL, 0, p->loc);
		}
		push(st, FK_SKIP, &el, &use_skip);
		return;
	case FK_PENDING:
		resolve_record(st, p);
		if (st->failed)
			return;
		record_child(st, p, &el);
		return;
	case FK_RECORD:
		record_child(st, p, &el);
		return;
	case FK_WRAPPER: {
		const char *item = schema_elem(p->field);
		if (el.prefix || strcmp(el.name, item) != 0) {
			struct held *h =
			    hold(st, DIAG_KEY_UNKNOWN, el.loc, _("unknown element '%s' in '%s'"),
				 elem_qname(st, &el), p->field->xml_wrap);
			hold_help(h, _("'%s' holds '%s' elements"), p->field->xml_wrap, item);
			push(st, FK_SKIP, &el, &use_skip);
			return;
		}
		open_item(st, &el, p->field, p->depth + 1, &use_item);
		return;
	}
	case FK_CELLROW:
		if (el.prefix || strcmp(el.name, "cell") != 0) {
			struct held *h =
			    hold(st, DIAG_KEY_UNKNOWN, el.loc, _("unknown element '%s' in '%s'"),
				 elem_qname(st, &el), p->name);
			hold_help(h, "%s", _("a row holds 'cell' elements"));
			push(st, FK_SKIP, &el, &use_skip);
			return;
		}
		/* `<cell>text</cell>` is the text; with attributes (colspan, rowspan, text) or
		 * `mark` elements it is the record of a cell (model.md §6 "Tables") */
		open_record(st, &el, &schema_cell_rec, p->depth + 1, true, &use_item);
		return;
	}
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	(void)localname;
	(void)prefix;
	(void)uri;
	if (st->have_error)
		return;
	st->run_open = false;
	if (st->failed || !st->nframes)
		return;
	struct frame *f = top(st);
	size_t end = f->tag_end;
	if (!f->empty && st->raw_ok) {
		size_t off = next_markup(st->buf, st->len, st->scan);
		if (at(st->buf, st->len, off, "</")) {
			/* libxml2 has just read the end tag's '>', the first one after `off` */
			size_t pos = parser_offset(st, ctxt);
			end = off;
			if (pos > off + 2 && st->buf[pos - 1] == '>' &&
			    !memchr(st->buf + off, '>', pos - 1 - off))
				st->scan = pos;
			else
				st->scan = find(st->buf, st->len, off, ">") + 1;
		} else {
			st->raw_ok = false;
		}
	}
	struct node *v = close_frame(st, f, end);
	/* popped, but its memory stays as it is until the next push */
	st->nframes--;
	deliver(st, f, v);
}

/* Text, CDATA (XML_PARSE_NOCDATA makes it text) and ignorable white space alike. */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	if (st->have_error || len < 0)
		return;
	size_t n = (size_t)len;
	/* libxml2's tree builder refused a text node that grew past XML_MAX_TEXT_LENGTH
	 * (without XML_PARSE_HUGE); it never checked the first piece the parser handed over */
	if (!st->run_open) {
		st->run_open = true;
		st->run_start = st->scan;
		st->run_len = n;
	} else if (st->run_len + n > XML_MAX_TEXT_LENGTH) {
		builder_error(st, ctxt, "xmlSAX2Characters: huge text node");
		/* and it stopped the parser there (xmlSAX2ErrMemory) */
		ctxt->errNo = XML_ERR_NO_MEMORY;
		ctxt->instate = XML_PARSER_EOF;
		ctxt->disableSAX = 1;
		return;
	} else {
		st->run_len += n;
	}
	struct frame *f = top(st);
	if (st->failed || !f)
		return;
	const char *s = (const char *)ch;
	switch (f->kind) {
	case FK_TEXT:
		strbuf_add(&st->text, s, n);
		return;
	case FK_PENDING:
		strbuf_add(&st->text, s, n);
		if (!f->has_text && !blank_n(s, n)) {
			f->has_text = true;
			f->stray_set = true;
			f->stray_off = st->run_start;
		}
		return;
	case FK_UNKNOWN:
		if (!f->resolved)
			strbuf_add(&st->text, s, n);
		return;
	case FK_RECORD:
	case FK_WRAPPER:
	case FK_CELLROW:
		if (!f->reported && !blank_n(s, n)) {
			f->reported = true;
			stray_text(st, f, st->run_start);
		}
		return;
	case FK_SKIP:
		return;
	}
}

static void on_comment(void *ctx, const xmlChar *value)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	(void)value;
	if (st->have_error)
		return;
	st->run_open = false;
	if (!st->failed)
		skip_markup(st, "<!--", "-->");
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	(void)target;
	(void)data;
	if (st->have_error)
		return;
	st->run_open = false;
	if (!st->failed)
		skip_markup(st, "<?", "?>");
}

/* Second line of defence behind prescan_doctype(): a DOCTYPE stops the parser before its
 * internal subset (and so any entity declaration) is read. */
static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext_id,
			       const xmlChar *sys_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_state *st = ctxt->_private;
	(void)name;
	(void)ext_id;
	(void)sys_id;
	st->saw_dtd = true;
	sax_libxml.xmlStopParser(ctxt);
}

/* ---- entry point ---- */

/* Run the parser over the buffer with our callbacks. Returns whether libxml2 found the
 * document well-formed (when it would have returned a document). */
static bool parse(struct xml_state *st)
{
	/* Safe options only: no network, no entity substitution, no DTD loading or default
	 * attributes, no XInclude; CDATA is plain text; line numbers past 65535 kept; the
	 * buffer is UTF-8 (load_buffer checked it), whatever the declaration claims. (The tree
	 * options, COMPACT among them, mean nothing without libxml2's tree.) */
	const int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
			    XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	const char *why = sax_libxml_open();
	if (why) {
		fatal(st, FATAL_NOW, DIAG_INTERNAL, (struct loc){ 0, 0 }, why, "%s",
		      _("cannot create the XML parser"));
		return false;
	}
	xmlParserCtxtPtr ctxt = sax_libxml.xmlNewParserCtxt();
	if (!ctxt) {
		fatal(st, FATAL_NOW, DIAG_INTERNAL, (struct loc){ 0, 0 }, NULL, "%s",
		      _("cannot create the XML parser"));
		return false;
	}
	/* Our handlers replace the tree builder's in the context's own handler (freed with the
	 * context). What stays NULL is not called; getEntity falls back to the predefined
	 * entities, as the tree builder's did without a DTD. */
	xmlSAXHandler *sax = ctxt->sax;
	memset(sax, 0, sizeof *sax);
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_text;
	/* the same function for both, so that libxml2 never asks which white space is ignorable
	 * (areBlanks), as with the tree builder */
	sax->ignorableWhitespace = on_text;
	sax->cdataBlock = on_text;
	sax->comment = on_comment;
	sax->processingInstruction = on_pi;
	sax->internalSubset = on_internal_subset;
	sax->serror = on_xml_error;
	ctxt->_private = st;

	struct sax_libxml_saved saved;
	sax_libxml_silence(&saved);
	st->raw_ok = true;
	/* the XML declaration looks like a processing instruction but is no node */
	if (at(st->buf, st->len, 0, "<?xml") && st->len > 5 && is_xml_space(st->buf[5]))
		st->scan = find(st->buf, st->len, 5, "?>") + 2;
	/* No encoding argument: with XML_PARSE_IGNORE_ENC the bytes are read as UTF-8 without
	 * conversion, so the parser's offsets are offsets into our buffer. No document comes
	 * back: nothing of ours calls startDocument, which would create one. */
	(void)sax_libxml.xmlCtxtReadMemory(ctxt, st->buf, (int)st->len, st->d->path, NULL, options);
	sax_libxml_restore(&saved);

	bool well_formed = ctxt->wellFormed;
	sax_libxml.xmlFreeParserCtxt(ctxt);
	if (st->saw_dtd) {
		fatal(st, FATAL_NOW, DIAG_XML_DTD, (struct loc){ 1, 1 }, _(dtd_help), "%s",
		      _(dtd_msg));
	} else if (!well_formed) {
		fatal(st, FATAL_NOW, DIAG_XML_SYNTAX, (struct loc){ 1, 1 }, NULL, "%s",
		      _("malformed XML document"));
	}
	return !st->fatal;
}

static void state_release(struct xml_state *st)
{
	for (size_t i = 0; i < st->ninit; i++) {
		struct frame *f = &st->frames[i];
		for (size_t j = 0; j < f->slots.ninit; j++)
			free(f->slots.v[j].items);
		free(f->slots.v);
		free(f->items);
	}
	free(st->frames);
	free(st->pairs);
	free(st->root_name);
	free_held(st);
	for (size_t i = 0; i < st->nidv; i++)
		free(st->idv[i]);
	free(st->idv);
	strmap_release(&st->ids);
	strbuf_release(&st->text);
	strbuf_release(&st->tmp);
	strbuf_release(&st->aname);
	strbuf_release(&st->aval);
}

bool load_xml_parse(struct doc *d, const char *buf, size_t len, struct diag_store *ds,
		    const struct limits *lim)
{
	struct xml_state st = {
		.d = d,
		.buf = buf,
		.len = len,
		.ds = ds,
		.lim = lim,
		.text = STRBUF_INIT,
		.tmp = STRBUF_INIT,
		.aname = STRBUF_INIT,
		.aval = STRBUF_INIT,
	};
	strmap_init(&st.ids);

	d->root = d->body = NULL;
	d->kind = DOC_UNKNOWN;
	bool parsed = false;
	if (len > (size_t)INT32_MAX) {
		fatal(&st, FATAL_NOW, DIAG_FILE_TOO_LARGE, (struct loc){ 1, 1 }, NULL, "%s",
		      _("an XML document must be smaller than 2 GiB"));
	} else if (prescan_doctype(&st)) {
		parsed = parse(&st);
	}

	if (parsed) {
		/* the parser accepted the document: what building found is the report */
		flush_held(&st);
		if (!st.saw_root && !st.failed)
			fatal(&st, FATAL_NOW, DIAG_XML_SYNTAX, (struct loc){ 1, 1 }, NULL, "%s",
			      _("document has no root element"));
	}
	bool ok = parsed && !st.failed && !st.fatal && d->root;
	if (!ok) {
		d->root = d->body = NULL;
		d->kind = DOC_UNKNOWN;
	}
	state_release(&st);
	return ok;
}
