/* SPDX-License-Identifier: MIT */
/* write_yaml: the YAML spelling of a tree through libyaml's emitter, quoting exactly the strings
 * a YAML reader would take for something else, typed by the schema tables. */
#include "write.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "schema.h"
#include "strbuf.h"
#include "utf8.h"

struct yw {
	yaml_emitter_t em;
	bool ok;  /* false after an emitter error: the rest is skipped */
	bool pua; /* characters above U+FFFF travel as private-use pairs (see astral_*) */
	struct strbuf scratch;
};

/* ---- characters above U+FFFF ----
 * libyaml's emitter counts 4-byte UTF-8 as unprintable and writes "\U00020000" escapes, so a
 * rare character of a place name (CJK Extension B) or an emoji would not stay readable. When
 * the document uses no character in U+E000..U+E7FF, each such character is handed to libyaml as
 * a pair of private-use characters (high 10 bits + U+E000, low 10 bits + U+E400), which it
 * prints as they are, and the pairs are turned back into the character afterwards. */

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

static bool has_astral(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0xF0)
			return true;
	return false;
}

/* Text with every character above U+FFFF replaced by its private-use pair, in w->scratch. */
static void astral_encode(struct yw *w, const char *s, size_t len)
{
	strbuf_reset(&w->scratch);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 4) {
			char buf[8];
			size_t a = utf8_encode(0xE000 + ((cp - 0x10000) >> 10), buf);
			size_t b = utf8_encode(0xE400 + ((cp - 0x10000) & 0x3FF), buf + a);
			strbuf_add(&w->scratch, buf, a + b);
		} else {
			strbuf_add(&w->scratch, s + i, k ? k : 1);
		}
		i += k ? k : 1;
	}
}

/* Turn the private-use pairs from byte `from` on back into their characters, in place. */
static void astral_decode(struct strbuf *out, size_t from)
{
	size_t r = from, wpos = from;
	while (r < out->len) {
		uint32_t hi, lo;
		size_t a = utf8_decode(out->buf + r, out->len - r, &hi);
		if (a == 3 && hi >= 0xE000 && hi <= 0xE3FF) {
			size_t b = utf8_decode(out->buf + r + a, out->len - r - a, &lo);
			if (b == 3 && lo >= 0xE400 && lo <= 0xE7FF) {
				char buf[4];
				size_t k = utf8_encode(
				    0x10000 + ((hi - 0xE000) << 10) + (lo - 0xE400), buf);
				memcpy(out->buf + wpos, buf, k);
				wpos += k;
				r += a + b;
				continue;
			}
		}
		out->buf[wpos++] = out->buf[r++];
	}
	strbuf_setlen(out, wpos);
}

/* ---- when a string must be quoted ---- */

static bool in(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && memcmp(*words, s, len) == 0)
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
	for (size_t i = 0; i < len;) {
		uint32_t cp = (unsigned char)s[i];
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
		if (flow && strchr(",[]{}", (int)cp) && cp != 0)
			return false;
		i += n;
	}
	return true;
}

/* ---- events ---- */

static void emit(struct yw *w, yaml_event_t *ev, int init_ok)
{
	if (!w->ok)
		return;
	if (!init_ok || !yaml_emitter_emit(&w->em, ev))
		w->ok = false;
}

static void put_scalar_style(struct yw *w, const char *s, size_t len, yaml_scalar_style_t style)
{
	if (w->pua && has_astral(s, len)) {
		astral_encode(w, s, len);
		s = w->scratch.buf;
		len = w->scratch.len;
	}
	yaml_event_t ev;
	int r =
	    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, 1, 1, style);
	emit(w, &ev, r);
}

static void put_string(struct yw *w, const char *s, size_t len, bool typed, bool flow)
{
	put_scalar_style(w, s, len,
			 plain_ok(s, len, typed, flow) ? YAML_PLAIN_SCALAR_STYLE
						       : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void put_scalar(struct yw *w, const struct node *n, bool typed, bool flow)
{
	if (n->flags & NODE_NULL) {
		/* keep the null as it was spelt (node_equal compares the text); empty only where
		 * YAML can say it */
		if ((n->n > 0 && in(n->u.str, n->n, null_words)) || (n->n == 0 && !flow))
			put_scalar_style(w, n->u.str, n->n, YAML_PLAIN_SCALAR_STYLE);
		else
			put_scalar_style(w, "null", 4, YAML_PLAIN_SCALAR_STYLE);
		return;
	}
	put_string(w, n->u.str, n->n, typed, flow);
}

static void start_map(struct yw *w)
{
	yaml_event_t ev;
	emit(w, &ev,
	     yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

static void end_map(struct yw *w)
{
	yaml_event_t ev;
	emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void start_seq(struct yw *w, bool flow)
{
	yaml_event_t ev;
	emit(w, &ev,
	     yaml_sequence_start_event_initialize(
		 &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

static void end_seq(struct yw *w)
{
	yaml_event_t ev;
	emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
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
	start_map(w);
	for (size_t i = 0; i < m->n && w->ok; i++) {
		const struct node_pair *p = &m->u.pairs[i];
		put_string(w, p->key->u.str, p->key->n, false, false);
		put_node(w, p->value, rec ? schema_field(rec, p->key->u.str) : NULL);
	}
	end_map(w);
}

/* A sequence of items typed by `item` (NULL: untyped). In flow style every item is a string
 * (flow_ok), quoted by the stricter flow rules. */
static void put_seq(struct yw *w, const struct node *s, const struct field *item, bool flow)
{
	start_seq(w, flow);
	for (size_t i = 0; i < s->n && w->ok; i++) {
		if (flow)
			put_scalar(w, s->u.items[i], false, true);
		else
			put_node(w, s->u.items[i], item);
	}
	end_seq(w);
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
	if (!w->ok)
		return;
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

static int out_handler(void *data, unsigned char *buffer, size_t size)
{
	strbuf_add(data, buffer, size);
	return 1;
}

void write_yaml(const struct doc *d, struct strbuf *out)
{
	struct yw w;
	memset(&w, 0, sizeof w);
	if (!yaml_emitter_initialize(&w.em))
		return;
	w.ok = true;
	w.pua = !tree_has_pua(d->root);
	strbuf_init(&w.scratch);
	size_t start = out->len;
	yaml_emitter_set_output(&w.em, out_handler, out);
	yaml_emitter_set_unicode(&w.em, 1);
	yaml_emitter_set_indent(&w.em, 2);
	yaml_emitter_set_width(&w.em, -1); /* never fold long lines: paragraphs are long */
	yaml_emitter_set_break(&w.em, YAML_LN_BREAK);

	yaml_event_t ev;
	emit(&w, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	emit(&w, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	if (d->root && d->root->kind == NODE_MAP) {
		/* the root key names the record of its value: {standard: {...}} */
		start_map(&w);
		for (size_t i = 0; i < d->root->n && w.ok; i++) {
			const struct node_pair *p = &d->root->u.pairs[i];
			const struct rec_def *rec = schema_root(doc_kind_from_name(p->key->u.str));
			struct field root = { "", FT_REC, 0, 0, 0, rec, NULL, NULL, NULL, NULL };
			put_string(&w, p->key->u.str, p->key->n, false, false);
			put_node(&w, p->value, rec ? &root : NULL);
		}
		end_map(&w);
	} else if (d->root) {
		put_node(&w, d->root, NULL);
	} else {
		put_scalar_style(&w, "null", 4, YAML_PLAIN_SCALAR_STYLE);
	}
	emit(&w, &ev, yaml_document_end_event_initialize(&ev, 1));
	emit(&w, &ev, yaml_stream_end_event_initialize(&ev));
	yaml_emitter_flush(&w.em);
	yaml_emitter_delete(&w.em);
	if (w.pua)
		astral_decode(out, start);
	strbuf_release(&w.scratch);
}
