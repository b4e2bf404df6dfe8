/* SPDX-License-Identifier: MIT */
/* write_yaml: the YAML spelling of a tree, quoting exactly the strings a YAML reader would take
 * for something else, typed by the schema tables, and written as libyaml's emitter writes it. */
#include "write.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "strbuf.h"
#include "utf8.h"
#include "write_yaml_int.h"
#include "xalloc.h"

/* ---- characters above U+FFFF ----
 * libyaml's emitter, whose output this file's emitter reproduces, counts 4-byte UTF-8 as
 * unprintable and writes "\U00020000" escapes. write_yaml has always written such a character
 * (CJK Extension B in a place name, an emoji) as it is, except in a document that itself uses a
 * private-use character U+E000..U+E7FF (the pairs it once handed libyaml in its place lived
 * there); there the escapes stay, so that the output of every tree is what it was. */

static bool has_pua(const char *s, size_t len)
{
	/* memchr: this runs over every byte of the document before writing starts */
	for (const char *p = len ? memchr(s, 0xEE, len - 1) : NULL; p;
	     p = memchr(p + 1, 0xEE, (size_t)(s + len - 1 - (p + 1)))) {
		if ((unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9F)
			return true;
		if (p + 1 >= s + len - 1)
			break;
	}
	return false;
}

static bool tree_has_pua(const struct node *n)
{
	if (!n)
		return false;
	if (n->kind == NODE_SCALAR)
		return has_pua(n->u.str, n->n);
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == NODE_MAP
			? tree_has_pua(n->u.pairs[i].key) || tree_has_pua(n->u.pairs[i].value)
			: tree_has_pua(n->u.items[i]))
			return true;
	}
	return false;
}

/* ---- when a string must be quoted ---- */

static bool in(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if ((*words)[0] == s[0] && strlen(*words) == len && memcmp(*words, s, len) == 0)
			return true;
	return false;
}

/* YAML 1.1 and 1.2 null and boolean words (1.1 readers still take `yes`, `on`, `y`). */
static const char *const null_words[] = { "~", "null", "Null", "NULL", NULL };
static const char *const bool_words[] = {
	"y",	"Y",	 "yes",	  "Yes",   "YES", "n",	"N",  "no",  "No",  "NO",  "true", "True",
	"TRUE", "false", "False", "FALSE", "on",  "On", "ON", "off", "Off", "OFF", NULL,
};
static const char *const special_floats[] = {
	".inf",	 ".Inf",  ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
	"-.Inf", "-.INF", ".nan", ".NaN",  ".NAN",  NULL,
};

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool hexdigit(char c)
{
	return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Integers and floats of YAML 1.1 and 1.2: 101, 03.080, 1_000, 0x1F, 0o17, 0b101, 1e3, .5,
 * 190:20:30 (sexagesimal), with an optional sign. Deliberately generous: a false positive only
 * adds quotes. */
static bool looks_numeric(const char *s, size_t len)
{
	size_t i = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i == len)
		return false;
	if (len - i > 2 && s[i] == '0' && strchr("xXoObB", s[i + 1])) {
		for (size_t j = i + 2; j < len; j++)
			if (!hexdigit(s[j]) && s[j] != '_')
				return false;
		return true;
	}
	bool digits = false, dot = false, exp = false;
	for (; i < len; i++) {
		char c = s[i];
		if (digit(c)) {
			digits = true;
		} else if (c == '_' || c == ':') {
			if (dot || exp)
				return false;
		} else if (c == '.') {
			if (dot || exp)
				return false;
			dot = true;
		} else if ((c == 'e' || c == 'E') && digits && !exp) {
			exp = true;
			if (i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-'))
				i++;
			if (i + 1 >= len)
				return false;
		} else {
			return false;
		}
	}
	return digits;
}

/* A YAML timestamp starts YYYY-M-D (2023-06-30, 2023-6-3T10:00:00Z, "2023-06-30 10:00"). */
static bool looks_timestamp(const char *s, size_t len)
{
	size_t i = 0;
	for (; i < 4; i++)
		if (i >= len || !digit(s[i]))
			return false;
	for (int part = 0; part < 2; part++) {
		if (i >= len || s[i] != '-')
			return false;
		i++;
		size_t n = 0;
		while (i < len && digit(s[i]) && n < 2) {
			i++;
			n++;
		}
		if (n == 0)
			return false;
	}
	return i == len || s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t';
}

/* Would a YAML reader resolve this plain scalar to something other than a string? */
static bool resolves_non_string(const char *s, size_t len)
{
	if (len == 0)
		return true;
	/* the word lists hold nothing longer than six bytes and nothing that starts otherwise;
	 * skipping them for the rest saves most of the cost of writing a scalar */
	bool word = len <= 6 && strchr("~nNyYtTfFoO.+-", s[0]);
	return (word &&
		(in(s, len, null_words) || in(s, len, bool_words) || in(s, len, special_floats))) ||
	       looks_numeric(s, len) || looks_timestamp(s, len) ||
	       (len == 2 && memcmp(s, "<<", 2) == 0) || (len == 1 && s[0] == '=');
}

/* Bytes that need no thought in a scalar after its first character: printable ASCII other than
 * space and the indicators that count anywhere (, ? [ ] { } : #). */
static bool ordinary(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7F)
		return false;
	switch (c) {
	case ',':
	case '?':
	case '[':
	case ']':
	case '{':
	case '}':
	case ':':
	case '#':
		return false;
	default:
		return true;
	}
}

/* Text that any style can say as it is: printable ASCII without indicators, spaces inside it,
 * and the 2- and 3-byte characters that are neither line breaks nor a BOM or non-character
 * (most Chinese text, its full-width punctuation, —). For such text libyaml's analysis of a
 * scalar allows every style (plain in flow and block, single quotes): both the walk's plain_ok
 * and the emitter take it from one scan. */
static bool quiet_text(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0 || u[len - 1] == ' ' ||
	    (u[0] < 0x80 && (!ordinary(u[0]) || strchr("-.&*!|>'\"%@`", u[0]))))
		return false;
	for (size_t i = 0; i < len;) {
		unsigned char c = u[i];
		if (c < 0x80) {
			if (!ordinary(c) && c != ' ')
				return false;
			i++;
		} else if (c >= 0xC3 && c <= 0xDF && len - i >= 2 && (u[i + 1] & 0xC0) == 0x80) {
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF && c != 0xED && len - i >= 3) {
			unsigned char c1 = u[i + 1], c2 = u[i + 2];
			if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80 ||
			    (c == 0xE0 && c1 < 0xA0) ||
			    (c == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9)) ||
			    (c == 0xEE) || (c == 0xEF && c1 == 0xBB && c2 == 0xBF) ||
			    (c == 0xEF && c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)))
				return false;
			i += 3;
		} else {
			return false;
		}
	}
	return true;
}

/* Can this text be written plain and read back as the same text? `typed`: the field is a date,
 * number or boolean, where the resolved type is the point (`date: 2023-06-30`). `flow`: inside
 * `[ … ]`, where commas and brackets end a plain scalar. */
static bool plain_ok(const char *s, size_t len, bool typed, bool flow)
{
	if (len == 0)
		return false;
	if (!typed && resolves_non_string(s, len))
		return false;
	/* where the type is the point a number or date stays plain, but never a null word: the
	 * loaders read `~` plain as null, so the text "~" (an XML attribute) would be lost */
	if (typed && in(s, len, null_words))
		return false;
	if (strchr(",[]{}#&*!|>'\"%@`", s[0]))
		return false;
	if (strchr("-?:", s[0]) && (len == 1 || s[1] == ' ' || s[1] == '\t'))
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == ':')
		return false;
	if (len >= 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0))
		return false;
	if (quiet_text(s, len))
		return true; /* nothing in it for the loop below to refuse */
	for (size_t i = 0; i < len;) {
		uint32_t cp = (unsigned char)s[i];
		if (cp >= 0xE3 && cp <= 0xEC && len - i >= 3 &&
		    ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
			i += 3; /* U+3000..U+CFFF, most Chinese text: nothing to look at */
			continue;
		}
		size_t n = cp < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
		if (!n)
			return false;
		if (cp < 0x20 || cp == 0x7F || cp == 0x85 || cp == 0xFEFF || cp == 0x2028 ||
		    cp == 0x2029 || (cp >= 0x80 && cp < 0xA0))
			return false; /* line breaks and controls: only double quotes can say them
				       */
		if (cp == ':' && i + 1 < len && (s[i + 1] == ' ' || s[i + 1] == '\t'))
			return false;
		if (cp == '#' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			return false;
		/* ASCII only: strchr takes the code point as a char, and 开 (U+5F00) would find
		 * the NUL, ｛ (U+FF5B) the brace */
		if (flow && cp < 0x80 && strchr(",[]{}", (int)cp))
			return false;
		i += n;
	}
	return true;
}

/* ---- the emitter ----
 * libyaml's emitter analyses every scalar whatever style it is asked for, copies each event's
 * text and queues the events; for the documents zhun writes that was a third of an import's
 * time. This one writes the same bytes for the events write_yaml produces (no tags, anchors or
 * block scalars): the port of libyaml 0.2's state machine, indicators, indentation, scalar
 * analysis and style choice, with the output straight into the string buffer. The unit test
 * test_write_yaml holds it to libyaml on random events. */

enum frame_kind { F_BLOCK_SEQ, F_FLOW_SEQ, F_BLOCK_MAP, F_FLOW_MAP };
/* what a mapping expects next */
enum { NEXT_KEY, NEXT_SIMPLE_VALUE, NEXT_VALUE };

struct frame {
	uint8_t kind;
	uint8_t next;
	bool first;
	int indent; /* the enclosing indentation, back at the end */
};

struct emitter {
	struct write_yaml_sink sink; /* first: the sink is the emitter */
	struct strbuf *out;
	bool astral; /* characters above U+FFFF are printable */
	int indent;  /* -1 before the root node */
	int column;  /* exact while it matters: between indicators and indentation */
	int flow_level;
	bool whitespace; /* the last thing written was white space */
	bool indention;	 /* only indentation and indicators on this line so far */
	struct frame *frames;
	size_t nframes, capframes;
};

static unsigned char at(const char *s, size_t len, size_t i)
{
	/* past the end reads as the NUL that ends libyaml's copy of the text */
	return i < len ? (unsigned char)s[i] : 0;
}

static size_t char_width(unsigned char c)
{
	return (c & 0x80) == 0 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
}

static bool is_printable(const struct emitter *e, const char *s, size_t len, size_t i)
{
	unsigned char c = at(s, len, i), c1 = at(s, len, i + 1), c2 = at(s, len, i + 2);
	return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) ||
	       (c > 0xC2 && c < 0xED) || (c == 0xED && c1 < 0xA0) || c == 0xEE ||
	       (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) &&
		!(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF))) ||
	       (c >= 0xF0 && e->astral);
}

static bool is_break(const char *s, size_t len, size_t i)
{
	unsigned char c = at(s, len, i);
	if (c == '\r' || c == '\n')
		return true;
	if (c == 0xC2)
		return at(s, len, i + 1) == 0x85;
	return c == 0xE2 && at(s, len, i + 1) == 0x80 &&
	       (at(s, len, i + 2) == 0xA8 || at(s, len, i + 2) == 0xA9);
}

static bool is_blankz(const char *s, size_t len, size_t i)
{
	unsigned char c = at(s, len, i);
	return c == ' ' || c == '\t' || c == 0 || is_break(s, len, i);
}

static void put(struct emitter *e, char c)
{
	strbuf_addc(e->out, c);
	e->column++;
}

static void put_break(struct emitter *e)
{
	strbuf_addc(e->out, '\n');
	e->column = 0;
}

static void write_indent(struct emitter *e)
{
	int indent = e->indent >= 0 ? e->indent : 0;
	if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
		put_break(e);
	static const char spaces[] = "                                ";
	while (e->column < indent) {
		int n = indent - e->column < 32 ? indent - e->column : 32;
		strbuf_add(e->out, spaces, (size_t)n);
		e->column += n;
	}
	e->whitespace = true;
	e->indention = true;
}

static void indicator(struct emitter *e, const char *ind, bool need_whitespace, bool is_whitespace,
		      bool is_indention)
{
	if (need_whitespace && !e->whitespace)
		put(e, ' ');
	size_t n = strlen(ind);
	strbuf_add(e->out, ind, n);
	e->column += (int)n;
	e->whitespace = is_whitespace;
	e->indention = e->indention && is_indention;
}

static void increase_indent(struct emitter *e, bool flow, bool indentless)
{
	if (e->indent < 0)
		e->indent = flow ? 2 : 0;
	else if (!indentless)
		e->indent += 2;
}

struct scalar_info {
	bool multiline, flow_plain, block_plain, single_quoted;
};

/* libyaml's yaml_emitter_analyze_scalar: where each style can say the text. */
static struct scalar_info analyze(const struct emitter *e, const char *s, size_t len)
{
	if (len == 0)
		return (struct scalar_info){ false, false, true, true };
	bool block_ind = false, flow_ind = false, line_breaks = false, special = false;
	bool leading_space = false, leading_break = false, trailing_space = false,
	     trailing_break = false, break_space = false, space_break = false;
	bool prev_space = false, prev_break = false;
	if ((at(s, len, 0) == '-' && at(s, len, 1) == '-' && at(s, len, 2) == '-') ||
	    (at(s, len, 0) == '.' && at(s, len, 1) == '.' && at(s, len, 2) == '.'))
		block_ind = flow_ind = true;
	bool preceded_ws = true;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t w = char_width(c);
		if (i > 0 && (ordinary(c) || (c >= 0xE3 && c <= 0xEC))) {
			/* most of any text: printable, no break, no indicator, no space (the
			 * lead bytes E3..EC start U+3000..U+CFFF, most Chinese characters) */
			prev_space = prev_break = false;
			preceded_ws = false;
			i += w;
			continue;
		}
		/* is the next character white space (or the end)? */
		bool followed_ws = is_blankz(s, len, i + w);
		if (i == 0) {
			if (c && strchr("#,[]{}&*!|>'\"%@`", c))
				flow_ind = block_ind = true;
			if (c == '?' || c == ':') {
				flow_ind = true;
				if (followed_ws)
					block_ind = true;
			}
			if (c == '-' && followed_ws)
				flow_ind = block_ind = true;
		} else {
			if (c && strchr(",?[]{}", c))
				flow_ind = true;
			if (c == ':') {
				flow_ind = true;
				if (followed_ws)
					block_ind = true;
			}
			if (c == '#' && preceded_ws)
				flow_ind = block_ind = true;
		}
		if (!is_printable(e, s, len, i))
			special = true;
		bool brk = is_break(s, len, i);
		if (brk)
			line_breaks = true;
		if (c == ' ') {
			if (i == 0)
				leading_space = true;
			if (i + w == len)
				trailing_space = true;
			if (prev_break)
				break_space = true;
			prev_space = true;
			prev_break = false;
		} else if (brk) {
			if (i == 0)
				leading_break = true;
			if (i + w == len)
				trailing_break = true;
			if (prev_space)
				space_break = true;
			prev_space = false;
			prev_break = true;
		} else {
			prev_space = prev_break = false;
		}
		preceded_ws = c == ' ' || c == '\t' || c == 0 || brk;
		i += w;
	}
	struct scalar_info r = { line_breaks, true, true, true };
	if (leading_space || leading_break || trailing_space || trailing_break)
		r.flow_plain = r.block_plain = false;
	if (break_space)
		r.flow_plain = r.block_plain = r.single_quoted = false;
	if (space_break || special)
		r.flow_plain = r.block_plain = r.single_quoted = false;
	if (line_breaks)
		r.flow_plain = r.block_plain = false;
	if (flow_ind)
		r.flow_plain = false;
	if (block_ind)
		r.block_plain = false;
	return r;
}

/* Copy one character (a line break among them) as libyaml's WRITE_BREAK does. */
static size_t write_break_char(struct emitter *e, const char *s, size_t len, size_t i)
{
	if (s[i] == '\n') {
		put_break(e);
		return 1;
	}
	size_t w = char_width((unsigned char)s[i]);
	if (w > len - i)
		w = len - i;
	strbuf_add(e->out, s + i, w);
	e->column = 0;
	return w;
}

static void write_plain(struct emitter *e, const char *s, size_t len)
{
	/* plain style is chosen only for text without line breaks: nothing to fold */
	if (!e->whitespace && (len || e->flow_level))
		put(e, ' ');
	strbuf_add(e->out, s, len);
	e->column += (int)len;
	e->whitespace = false;
	e->indention = false;
}

static void write_single(struct emitter *e, const char *s, size_t len)
{
	bool breaks = false;
	indicator(e, "'", true, false, false);
	for (size_t i = 0; i < len;) {
		if (is_break(s, len, i)) {
			if (!breaks && s[i] == '\n')
				put_break(e);
			i += write_break_char(e, s, len, i);
			e->indention = true;
			breaks = true;
			continue;
		}
		if (s[i] != ' ') {
			if (breaks)
				write_indent(e);
			if (s[i] == '\'')
				put(e, '\'');
			e->indention = false;
			breaks = false;
		}
		size_t w = char_width((unsigned char)s[i]);
		if (w > len - i)
			w = len - i;
		strbuf_add(e->out, s + i, w);
		e->column++;
		i += w;
	}
	if (breaks)
		write_indent(e);
	indicator(e, "'", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

static void write_double(struct emitter *e, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	indicator(e, "\"", true, false, false);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t w = char_width(c);
		if (w > len - i)
			w = len - i;
		if ((c >= 0x20 && c < 0x7F && c != '"' && c != '\\') || (c >= 0xE3 && c <= 0xEC)) {
			/* a run of characters written as they are */
			size_t j = i + w;
			while (j < len) {
				unsigned char d = (unsigned char)s[j];
				if (d >= 0x20 && d < 0x7F && d != '"' && d != '\\')
					j++;
				else if (d >= 0xE3 && d <= 0xEC && len - j >= 3)
					j += 3;
				else
					break;
			}
			if (j > len)
				j = len;
			strbuf_add(e->out, s + i, j - i);
			e->column += (int)(j - i);
			i = j;
			continue;
		}
		if (is_printable(e, s, len, i) && !is_break(s, len, i) && c != '"' && c != '\\' &&
		    !(c == 0xEF && at(s, len, i + 1) == 0xBB && at(s, len, i + 2) == 0xBF)) {
			strbuf_add(e->out, s + i, w);
			e->column++;
			i += w;
			continue;
		}
		uint32_t v = w == 1 ? c : w == 2 ? c & 0x1F : w == 3 ? c & 0x0F : c & 0x07;
		for (size_t k = 1; k < w; k++)
			v = (v << 6) + ((unsigned char)s[i + k] & 0x3F);
		i += w;
		put(e, '\\');
		static const struct {
			uint32_t cp;
			char esc;
		} named[] = { { 0x00, '0' }, { 0x07, 'a' },   { 0x08, 'b' },  { 0x09, 't' },
			      { 0x0A, 'n' }, { 0x0B, 'v' },   { 0x0C, 'f' },  { 0x0D, 'r' },
			      { 0x1B, 'e' }, { 0x22, '"' },   { 0x5C, '\\' }, { 0x85, 'N' },
			      { 0xA0, '_' }, { 0x2028, 'L' }, { 0x2029, 'P' } };
		size_t k = 0;
		while (k < sizeof named / sizeof named[0] && named[k].cp != v)
			k++;
		if (k < sizeof named / sizeof named[0]) {
			put(e, named[k].esc);
			continue;
		}
		int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
		put(e, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
		for (int d = (digits - 1) * 4; d >= 0; d -= 4)
			put(e, hex[(v >> d) & 0x0F]);
	}
	indicator(e, "\"", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

struct context {
	bool mapping, simple_key;
};

/* What the innermost collection writes before its next node (the item's dash, the comma, the
 * key's or value's indicator), and the node's context. `simple`: the node, should it be a key,
 * can be written as a simple key. */
static struct context before_node(struct emitter *e, bool simple)
{
	struct context c = { false, false };
	if (!e->nframes)
		return c;
	struct frame *f = &e->frames[e->nframes - 1];
	bool block = f->kind == F_BLOCK_MAP;
	switch (f->kind) {
	case F_BLOCK_SEQ:
		write_indent(e);
		indicator(e, "-", true, false, true);
		break;
	case F_FLOW_SEQ:
		if (!f->first)
			indicator(e, ",", false, false, false);
		break;
	case F_BLOCK_MAP:
	case F_FLOW_MAP:
		c.mapping = true;
		if (f->next == NEXT_KEY) {
			if (block)
				write_indent(e);
			else if (!f->first)
				indicator(e, ",", false, false, false);
			if (simple) {
				c.simple_key = true;
				f->next = NEXT_SIMPLE_VALUE;
			} else {
				indicator(e, "?", true, false, block);
				f->next = NEXT_VALUE;
			}
		} else if (f->next == NEXT_SIMPLE_VALUE) {
			indicator(e, ":", false, false, false);
			f->next = NEXT_KEY;
		} else {
			if (block)
				write_indent(e);
			indicator(e, ":", true, false, block);
			f->next = NEXT_KEY;
		}
		break;
	}
	f->first = false;
	return c;
}

static struct emitter *emitter_of(struct write_yaml_sink *s)
{
	return (struct emitter *)s;
}

static void em_begin(struct write_yaml_sink *s, bool astral)
{
	emitter_of(s)->astral = astral;
}

static void em_scalar(struct write_yaml_sink *s, const char *str, size_t len, bool plain)
{
	struct emitter *e = emitter_of(s);
	struct scalar_info a = quiet_text(str, len)
				   ? (struct scalar_info){ false, true, true, true }
				   : analyze(e, str, len);
	/* libyaml measured a key in the bytes it was given: a character above U+FFFF as its
	 * private-use pair, six bytes */
	size_t klen = len;
	const struct frame *top = e->nframes ? &e->frames[e->nframes - 1] : NULL;
	bool key =
	    top && (top->kind == F_BLOCK_MAP || top->kind == F_FLOW_MAP) && top->next == NEXT_KEY;
	if (key && e->astral && len <= 128)
		for (size_t i = 0; i < len; i++)
			klen += (unsigned char)str[i] >= 0xF0 ? 2 : 0;
	struct context c = before_node(e, !a.multiline && klen <= 128);
	enum { PLAIN, SINGLE, DOUBLE } style = plain ? PLAIN : DOUBLE;
	if (c.simple_key && a.multiline)
		style = DOUBLE;
	if (style == PLAIN) {
		if (e->flow_level ? !a.flow_plain : !a.block_plain)
			style = SINGLE;
		if (!len && (e->flow_level || c.simple_key))
			style = SINGLE;
	}
	if (style == SINGLE && !a.single_quoted)
		style = DOUBLE;
	int indent = e->indent;
	increase_indent(e, true, false);
	if (style == PLAIN)
		write_plain(e, str, len);
	else if (style == SINGLE)
		write_single(e, str, len);
	else
		write_double(e, str, len);
	e->indent = indent;
}

static void start(struct emitter *e, bool seq, bool flow, bool empty)
{
	struct context c = before_node(e, empty);
	if (e->nframes == e->capframes)
		XGROW(e->frames, e->capframes, e->nframes + 1);
	struct frame *f = &e->frames[e->nframes++];
	f->indent = e->indent;
	f->first = true;
	f->next = NEXT_KEY;
	if (e->flow_level || flow || empty) {
		indicator(e, seq ? "[" : "{", true, true, false);
		increase_indent(e, true, false);
		e->flow_level++;
		f->kind = seq ? F_FLOW_SEQ : F_FLOW_MAP;
	} else {
		increase_indent(e, false, seq && c.mapping && !e->indention);
		f->kind = seq ? F_BLOCK_SEQ : F_BLOCK_MAP;
	}
}

static void finish(struct emitter *e)
{
	struct frame *f = &e->frames[--e->nframes];
	e->indent = f->indent;
	if (f->kind == F_FLOW_SEQ || f->kind == F_FLOW_MAP) {
		e->flow_level--;
		indicator(e, f->kind == F_FLOW_SEQ ? "]" : "}", false, false, false);
	}
}

static void em_seq_start(struct write_yaml_sink *s, bool flow, bool empty)
{
	start(emitter_of(s), true, flow, empty);
}

static void em_map_start(struct write_yaml_sink *s, bool empty)
{
	start(emitter_of(s), false, false, empty);
}

static void em_end_collection(struct write_yaml_sink *s)
{
	finish(emitter_of(s));
}

static void em_end(struct write_yaml_sink *s)
{
	write_indent(emitter_of(s)); /* the document's last line break */
}

struct write_yaml_sink *write_yaml_emitter_new(struct strbuf *out)
{
	struct emitter *e = xcalloc(1, sizeof *e);
	e->sink = (struct write_yaml_sink){ em_begin,	  em_scalar,
					    em_seq_start, em_end_collection,
					    em_map_start, em_end_collection,
					    em_end };
	e->out = out;
	e->astral = true;
	e->indent = -1;
	e->whitespace = true;
	e->indention = true;
	return &e->sink;
}

void write_yaml_emitter_free(struct write_yaml_sink *s)
{
	if (!s)
		return;
	struct emitter *e = emitter_of(s);
	free(e->frames);
	free(e);
}

/* ---- the walk ---- */

struct yw {
	struct write_yaml_sink *s;
};

static void put_scalar_style(struct yw *w, const char *s, size_t len, bool plain)
{
	w->s->scalar(w->s, s, len, plain);
}

static void put_string(struct yw *w, const char *s, size_t len, bool typed, bool flow)
{
	put_scalar_style(w, s, len, plain_ok(s, len, typed, flow));
}

static void put_scalar(struct yw *w, const struct node *n, bool typed, bool flow)
{
	if (n->flags & NODE_NULL) {
		/* keep the null as it was spelt (node_equal compares the text); empty only where
		 * YAML can say it */
		if ((n->n > 0 && in(n->u.str, n->n, null_words)) || (n->n == 0 && !flow))
			put_scalar_style(w, n->u.str, n->n, true);
		else
			put_scalar_style(w, "null", 4, true);
		return;
	}
	put_string(w, n->u.str, n->n, typed, flow);
}

/* ---- the tree ---- */

/* Flow style `[a, b]` for a sequence of plain one-line strings that fits on a line; `always`
 * for table rows, which read best one row per line whatever their length. */
static bool flow_ok(const struct node *seq, bool always)
{
	size_t width = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const struct node *it = seq->u.items[i];
		if (it->kind != NODE_SCALAR || (it->flags & NODE_NULL))
			return false;
		for (size_t j = 0; j < it->n; j++)
			if ((unsigned char)it->u.str[j] < 0x20)
				return false;
		width += utf8_width(it->u.str, it->n) + 2;
	}
	return seq->n > 0 && (always || width <= 60);
}

static void put_node(struct yw *w, const struct node *n, const struct field *f);

static void put_map(struct yw *w, const struct node *m, const struct rec_def *rec)
{
	w->s->map_start(w->s, m->n == 0);
	size_t next = 0; /* keys mostly come in the schema's order: look there first */
	for (size_t i = 0; i < m->n; i++) {
		const struct node_pair *p = &m->u.pairs[i];
		put_string(w, p->key->u.str, p->key->n, false, false);
		const struct field *f = NULL;
		if (rec && next < rec->nfields && strcmp(rec->fields[next].key, p->key->u.str) == 0)
			f = &rec->fields[next];
		else if (rec)
			f = schema_field(rec, p->key->u.str);
		if (f)
			next = (size_t)(f - rec->fields) + 1;
		put_node(w, p->value, f);
	}
	w->s->map_end(w->s);
}

/* A sequence of items typed by `item` (NULL: untyped). In flow style every item is a string
 * (flow_ok), quoted by the stricter flow rules. */
static void put_seq(struct yw *w, const struct node *s, const struct field *item, bool flow)
{
	w->s->seq_start(w->s, flow, s->n == 0);
	for (size_t i = 0; i < s->n; i++) {
		if (flow)
			put_scalar(w, s->u.items[i], false, true);
		else
			put_node(w, s->u.items[i], item);
	}
	w->s->seq_end(w->s);
}

/* A pseudo-field for each body block's value, so that blocks are typed like records. */
static const struct field block_fields[] = {
	{ "list", FT_REC, 0, 0, 0, &schema_list_rec, NULL, NULL, NULL, NULL },
	{ "table", FT_REC, 0, 0, 0, &schema_table_rec, NULL, NULL, NULL, NULL },
	{ "figure", FT_REC, 0, 0, 0, &schema_figure_rec, NULL, NULL, NULL, NULL },
	{ "formula", FT_REC, 0, 0, 0, &schema_formula_rec, NULL, NULL, NULL, NULL },
	{ "note", FT_STR, 0, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "example", FT_STR, 0, 0, 0, NULL, NULL, NULL, NULL, NULL },
};
static const struct rec_def block_rec = { "block", 0, block_fields,
					  sizeof block_fields / sizeof block_fields[0], NULL };
static const struct field block_item = {
	"body", FT_REC, 0, 0, 0, &block_rec, NULL, NULL, NULL, NULL
};
static const struct field text_item = { "", FT_STR, 0, 0, 0, NULL, NULL, NULL, NULL, NULL };
static const struct field cellrow_item = { "", FT_STRLIST, 0, 0, 0, NULL, NULL, NULL, NULL, NULL };
/* a cell of a row that cannot be written in flow style: a string, or a cell record */
static const struct field cell_item = { "",   FT_REC, 0,    0,	 0, &schema_cell_rec,
					NULL, NULL,   NULL, NULL };

static void put_node(struct yw *w, const struct node *n, const struct field *f)
{
	if (n->kind == NODE_SCALAR) {
		bool typed = f && (f->type == FT_DATE || f->type == FT_INT || f->type == FT_BOOL);
		put_scalar(w, n, typed, false);
		return;
	}
	if (n->kind == NODE_MAP) {
		put_map(w, n,
			f && (f->type == FT_REC || f->type == FT_RECLIST || f->type == FT_LIST)
			    ? f->rec
			    : NULL);
		return;
	}
	/* a sequence */
	if (!f) {
		put_seq(w, n, NULL, flow_ok(n, false));
		return;
	}
	switch (f->type) {
	case FT_STRLIST:
	case FT_NUMLIST:
		if (f == &cellrow_item && !flow_ok(n, true))
			put_seq(w, n, &cell_item, false);
		else
			put_seq(w, n, &text_item, flow_ok(n, f == &cellrow_item));
		break;
	case FT_RECLIST:
		/* items are maps of f->rec (a list item may also be a plain string) */
		put_seq(w, n, f, false);
		break;
	case FT_BODY:
		put_seq(w, n, &block_item, false);
		break;
	case FT_CELLROWS:
		put_seq(w, n, &cellrow_item, false);
		break;
	default:
		put_seq(w, n, NULL, flow_ok(n, false));
		break;
	}
}

void write_yaml_walk(const struct doc *d, struct write_yaml_sink *s)
{
	struct yw w = { s };
	s->begin(s, !tree_has_pua(d->root));
	if (d->root && d->root->kind == NODE_MAP) {
		/* the root key names the record of its value: {standard: {...}} */
		s->map_start(s, d->root->n == 0);
		for (size_t i = 0; i < d->root->n; i++) {
			const struct node_pair *p = &d->root->u.pairs[i];
			const struct rec_def *rec = schema_root(doc_kind_from_name(p->key->u.str));
			struct field root = { "", FT_REC, 0, 0, 0, rec, NULL, NULL, NULL, NULL };
			put_string(&w, p->key->u.str, p->key->n, false, false);
			put_node(&w, p->value, rec ? &root : NULL);
		}
		s->map_end(s);
	} else if (d->root) {
		put_node(&w, d->root, NULL);
	} else {
		put_scalar_style(&w, "null", 4, true);
	}
	s->end(s);
}

void write_yaml(const struct doc *d, struct strbuf *out)
{
	struct write_yaml_sink *s = write_yaml_emitter_new(out);
	write_yaml_walk(d, s);
	write_yaml_emitter_free(s);
}
