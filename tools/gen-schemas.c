/* SPDX-License-Identifier: MIT */
/* gen-schemas: writes the published schemas (schemas/zhun.xsd, schemas/zhun.schema.json) and the
 * key tables of docs/format.md from the record tables of src/schema.c, and checks that the
 * committed copies are current, so that they can never drift from what zhun reads. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "strbuf.h"
#include "write.h"
#include "xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char usage_text[] =
    "usage: gen-schemas --xsd | --json | --markdown\n"
    "       gen-schemas --write SRCDIR\n"
    "       gen-schemas --check SRCDIR\n"
    "\n"
    "  --xsd, --json, --markdown  print the XML Schema, the JSON Schema or the key tables\n"
    "  --write SRCDIR             regenerate SRCDIR/schemas/zhun.xsd, zhun.schema.json and\n"
    "                             the generated part of SRCDIR/docs/format.md\n"
    "  --check SRCDIR             exit 1 when any of them differs from src/schema.c\n";

/* ---- what the record tables do not say ---- */

/*
 * model_build checks a few things outside the record tables (src/model.c, derive_system and
 * derive_standard): the format version, the review-cycle range and the code-format grammar.
 * They are repeated here so that the schemas reject what zhun rejects. The schemas-current test
 * cannot notice a change in model.c: change this table with it.
 *
 * Patterns are whole-value matches written in the common subset of XSD and ECMAScript regular
 * expressions (the JSON Schema side anchors them with ^…$).
 */
struct extra {
	const char *rec; /* record name, or NULL for any record */
	const char *key;
	const char *pattern; /* of the text */
	long min, max;	     /* range of a whole number (min > max: none) */
	const char *type;    /* XSD simple type name */
	const char *doc;     /* for docs and hover help */
};

#define CF_SERIAL "\\{serial(:0*[0-9])?\\}"
#define CF_LIT	  "[^\\{]*"

static const struct extra extras[] = {
	{ NULL, "format", "0*1", 1, 1, "format-version", "Only format 1 exists" },
	{ "system", "review-cycle", "0*([1-9]|[1-4][0-9]|50)", 1, 50, "review-cycle-years",
	  "From 1 to 50 years" },
	{ "system", "code-format",
	  CF_LIT "(\\{category\\}" CF_LIT "(" CF_SERIAL CF_LIT ")?|" CF_SERIAL CF_LIT
		 "\\{category\\}" CF_LIT ")",
	  1, 0, "code-format",
	  "It holds {category} once and {serial} or {serial:N} (N at most 9) at most once" },
};

static const struct extra *extra_for(const struct rec_def *r, const struct field *f)
{
	for (size_t i = 0; i < COUNT(extras); i++)
		if ((!extras[i].rec || !strcmp(extras[i].rec, r->name)) &&
		    !strcmp(extras[i].key, f->key))
			return &extras[i];
	return NULL;
}

/*
 * Dates: model.c's date_parse takes exactly YYYY-MM-DD with a year from 1900 to 2999 and a day
 * that exists in its month. The pattern says the same, leap years included (within 1900–2999
 * the century years 2000, 2400 and 2800 are leap years).
 */
static const char date_pattern[] =
    "(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
    "|(19|2[0-9])[0-9]{2}-(0[13-9]|1[0-2])-(29|30)"
    "|(19|2[0-9])[0-9]{2}-(0[13578]|1[02])-31"
    "|((19|2[0-9])(0[48]|[2468][048]|[13579][26])|2000|2400|2800)-02-29";

/* Text that is not blank: model.c's blank() counts these as white space (utf8_is_space). The
 * XSD form is a whole-value match, the ECMAScript form a search. */
static const char nonblank_xsd[] =
    "[ \\t\\n\\r\xE3\x80\x80\xC2\xA0]*[^ \\t\\n\\r\xE3\x80\x80\xC2\xA0][\\s\\S]*";
static const char nonblank_json[] = "[^ \\t\\n\\r\\f\\v\\u3000\\u00a0]";

/* The body blocks (model.md §2, §5): `p` is a plain string in YAML. */
struct block_kind {
	const char *name;
	const struct rec_def *rec; /* NULL: text */
	const char *doc;
};

static const struct block_kind blocks[] = {
	{ "p", NULL, "a paragraph (段); in YAML a plain string" },
	{ "list", &schema_list_rec, "a list (列项)" },
	{ "table", &schema_table_rec, "a table (表)" },
	{ "figure", &schema_figure_rec, "a figure (图)" },
	{ "formula", &schema_formula_rec, "a formula (公式)" },
	{ "note", NULL, "a note (注), without the 注： label; zhun numbers notes" },
	{ "example", NULL, "an example (示例), without the 示例： label; zhun numbers examples" },
};

/* ---- the records and enumerations, in a stable order ---- */

#define MAX_RECS  64
#define MAX_ENUMS 32

struct catalog {
	const struct rec_def *recs[MAX_RECS];
	size_t nrecs;
	const struct enum_def *enums[MAX_ENUMS];
	size_t nenums;
};

static void collect(struct catalog *c, const struct rec_def *r)
{
	for (size_t i = 0; i < c->nrecs; i++)
		if (c->recs[i] == r)
			return;
	if (c->nrecs == MAX_RECS) {
		fprintf(stderr, "gen-schemas: more than %d records; raise MAX_RECS\n", MAX_RECS);
		exit(4);
	}
	c->recs[c->nrecs++] = r;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct field *f = &r->fields[i];
		if (f->type == FT_ENUM) {
			size_t k = 0;
			while (k < c->nenums && c->enums[k] != f->en)
				k++;
			if (k == c->nenums) {
				if (c->nenums == MAX_ENUMS) {
					fprintf(stderr,
						"gen-schemas: more than %d enumerations; "
						"raise MAX_ENUMS\n",
						MAX_ENUMS);
					exit(4);
				}
				c->enums[c->nenums++] = f->en;
			}
		}
		if (f->rec)
			collect(c, f->rec);
	}
}

/* The three kinds with what they reach, then the body blocks (which every body reaches). */
static void catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof *c);
	collect(c, schema_root(DOC_SYSTEM));
	collect(c, schema_root(DOC_STANDARD));
	collect(c, schema_root(DOC_REGISTRY));
	collect(c, schema_root(DOC_RECORDS));
	for (size_t i = 0; i < COUNT(blocks); i++)
		if (blocks[i].rec)
			collect(c, blocks[i].rec);
}

static bool is_scalar(enum field_type t)
{
	return t == FT_STR || t == FT_NUM || t == FT_DATE || t == FT_INT || t == FT_BOOL ||
	       t == FT_ENUM;
}

static bool is_root(const struct rec_def *r)
{
	return r == schema_root(DOC_SYSTEM) || r == schema_root(DOC_STANDARD) ||
	       r == schema_root(DOC_REGISTRY) || r == schema_root(DOC_RECORDS);
}

/* A list item is a string or {text, paras, list} (model.md §6); in XML `<item>text</item>` or
 * `<item text="…"><list …/></item>`. A table cell likewise: a string or {text, colspan,
 * rowspan, marks}; `<cell>text</cell>` or `<cell text="…" colspan="2"><mark>a</mark></cell>`. */
static bool text_or_record(const struct rec_def *r)
{
	return r == &schema_list_item_rec || r == &schema_cell_rec;
}

static const char *required_word(const struct rec_def *r, const struct field *f)
{
	if (!(f->flags & F_REQUIRED))
		return "";
	return text_or_record(r) ? "yes, unless plain text" : "yes";
}

/* "annex kind" → "annex-kind" */
static void put_enum_name(struct strbuf *out, const struct enum_def *e)
{
	for (const char *p = e->name; *p; p++)
		strbuf_addc(out, *p == ' ' ? '-' : *p);
}

/* "planned (拟制定), drafting (制定中), …": each value's English word(s) with its synonyms. */
static void put_enum_summary(struct strbuf *out, const struct enum_def *e)
{
	bool first = true;
	for (size_t i = 0; i < e->n; i++) {
		const struct enum_word *w = &e->words[i];
		if (w->zh)
			continue;
		strbuf_addf(out, "%s%s", first ? "" : ", ", w->word);
		first = false;
		bool open = false;
		for (size_t j = 0; j < e->n; j++) {
			if (!e->words[j].zh || e->words[j].value != w->value)
				continue;
			strbuf_adds(out, open ? "/" : " (");
			strbuf_adds(out, e->words[j].word);
			open = true;
		}
		if (open)
			strbuf_addc(out, ')');
	}
}

/* One line of help for a field: its doc, then sentences on what its values are. */
static void put_field_help(struct strbuf *out, const struct rec_def *r, const struct field *f)
{
	strbuf_adds(out, f->doc ? f->doc : f->key);
	size_t bare = out->len;
	const struct extra *x = extra_for(r, f);
	switch (f->type) {
	case FT_NUM:
		strbuf_adds(out, ". A standard number such as GB/T 1.1—2020 (any dash form)");
		break;
	case FT_NUMLIST:
		strbuf_adds(out, ". Standard numbers, dated or undated");
		break;
	case FT_DATE:
		strbuf_adds(out, ". A date YYYY-MM-DD");
		break;
	case FT_ENUM:
		strbuf_adds(out, ". One of: ");
		put_enum_summary(out, f->en);
		strbuf_adds(out, "; English words in any letter case");
		break;
	case FT_BOOL:
		strbuf_adds(out, ". true or false (also yes/no, 是/否)");
		break;
	case FT_BODY:
		strbuf_adds(out, ". One paragraph as a string, or a list of blocks: paragraph "
				 "strings and {list}, {table}, {figure}, {formula}, {note}, "
				 "{example}");
		break;
	default:
		break;
	}
	if (x) {
		strbuf_adds(out, ". ");
		strbuf_adds(out, x->doc);
	}
	if (f->flags & F_REQUIRED)
		strbuf_adds(out, text_or_record(r) ? ". Required unless the item is plain text"
						   : ". Required");
	if (out->len > bare)
		strbuf_addc(out, '.');
}

/* ---- XML Schema ---- */

/* Escape for XML text and attribute values; the two non-ASCII spaces of the blank test are
 * written as character references so that the file shows them. */
static void xml_esc(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '"':
			strbuf_adds(out, "&quot;");
			break;
		default:
			if (!strncmp(s, "\xE3\x80\x80", 3)) {
				strbuf_adds(out, "&#x3000;");
				s += 2;
			} else if (!strncmp(s, "\xC2\xA0", 2)) {
				strbuf_adds(out, "&#xA0;");
				s += 1;
			} else {
				strbuf_addc(out, *s);
			}
			break;
		}
	}
}

static void ind(struct strbuf *out, int level)
{
	strbuf_addrep(out, "  ", (size_t)level);
}

/* One line of the XSD at indentation `level` (two spaces each). */
static void xl(struct strbuf *out, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void xl(struct strbuf *out, int level, const char *fmt, ...)
{
	va_list ap;
	ind(out, level);
	va_start(ap, fmt);
	strbuf_vaddf(out, fmt, ap);
	va_end(ap);
	strbuf_addc(out, '\n');
}

static void xsd_doc(struct strbuf *out, int level, const char *text)
{
	ind(out, level);
	strbuf_adds(out, "<xs:annotation><xs:documentation>");
	xml_esc(out, text);
	strbuf_adds(out, "</xs:documentation></xs:annotation>\n");
}

static void xsd_field_doc(struct strbuf *out, int level, const struct rec_def *r,
			  const struct field *f)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	put_field_help(&sb, r, f);
	xsd_doc(out, level, sb.buf);
	strbuf_release(&sb);
}

/* A pattern for an English enum word in any ASCII letter case (strcasecmp), e.g. [iI][dD][tT];
 * valid in both XSD and ECMAScript syntax. */
static void put_caseless(struct strbuf *out, const char *word)
{
	for (const char *p = word; *p; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			strbuf_addf(out, "[%c%c]", c | 0x20, c & ~0x20);
		else if (strchr("\\|.^?*+{}()[]", c))
			strbuf_addf(out, "\\%c", c);
		else
			strbuf_addc(out, c);
	}
}

/* The XSD type of a scalar field. */
static void xsd_scalar_type(struct strbuf *out, const struct rec_def *r, const struct field *f)
{
	const struct extra *x = extra_for(r, f);
	if (x) {
		strbuf_adds(out, x->type);
		return;
	}
	switch (f->type) {
	case FT_STR:
		strbuf_adds(out, (f->flags & F_NONEMPTY) ? "nonblank-text" : "xs:string");
		return;
	case FT_NUM:
		strbuf_adds(out, "standard-number");
		return;
	case FT_DATE:
		strbuf_adds(out, "date");
		return;
	case FT_INT:
		strbuf_adds(out, "whole-number");
		return;
	case FT_BOOL:
		strbuf_adds(out, "boolean-word");
		return;
	case FT_ENUM:
		put_enum_name(out, f->en);
		strbuf_adds(out, "-word");
		return;
	default:
		strbuf_adds(out, "xs:string");
		return;
	}
}

static void xsd_pattern_type(struct strbuf *out, const char *name, const char *doc,
			     const char *pattern)
{
	xl(out, 1, "<xs:simpleType name=\"%s\">", name);
	xsd_doc(out, 2, doc);
	xl(out, 2, "<xs:restriction base=\"xs:string\">");
	ind(out, 3);
	strbuf_adds(out, "<xs:pattern value=\"");
	xml_esc(out, pattern);
	strbuf_adds(out, "\"/>\n");
	xl(out, 2, "</xs:restriction>");
	xl(out, 1, "</xs:simpleType>");
}

/* Enumerations: the words as listed (so that editors offer them), united with a pattern that
 * takes the English words in any letter case, as zhun does. */
static void xsd_enum_type(struct strbuf *out, const struct enum_def *e)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	ind(out, 1);
	strbuf_adds(out, "<xs:simpleType name=\"");
	put_enum_name(out, e);
	strbuf_adds(out, "-word\">\n");
	strbuf_addf(&sb, "%s: ", e->name);
	put_enum_summary(&sb, e);
	strbuf_adds(&sb, "; English words in any letter case");
	xsd_doc(out, 2, sb.buf);
	xl(out, 2, "<xs:union>");
	xl(out, 3, "<xs:simpleType>");
	xl(out, 4, "<xs:restriction base=\"xs:string\">");
	for (size_t k = 0; k < e->n; k++) {
		const struct enum_word *w = &e->words[k];
		ind(out, 5);
		strbuf_adds(out, "<xs:enumeration value=\"");
		xml_esc(out, w->word);
		if (!w->zh) {
			strbuf_adds(out, "\"/>\n");
			continue;
		}
		strbuf_adds(out, "\"><xs:annotation><xs:documentation>= ");
		xml_esc(out, schema_enum_word(e, w->value, false));
		strbuf_adds(out, "</xs:documentation></xs:annotation></xs:enumeration>\n");
	}
	xl(out, 4, "</xs:restriction>");
	xl(out, 3, "</xs:simpleType>");
	xl(out, 3, "<xs:simpleType>");
	xl(out, 4, "<xs:restriction base=\"xs:string\">");
	strbuf_reset(&sb);
	for (size_t k = 0; k < e->n; k++) {
		if (e->words[k].zh)
			continue;
		if (sb.len)
			strbuf_addc(&sb, '|');
		put_caseless(&sb, e->words[k].word);
	}
	xl(out, 5, "<xs:pattern value=\"%s\"/>", sb.buf);
	xl(out, 4, "</xs:restriction>");
	xl(out, 3, "</xs:simpleType>");
	xl(out, 2, "</xs:union>");
	xl(out, 1, "</xs:simpleType>");
	strbuf_release(&sb);
}

static void xsd_simple_types(struct strbuf *out, const struct catalog *c)
{
	xsd_pattern_type(out, "nonblank-text", "text that is not empty or white space only",
			 nonblank_xsd);
	xsd_pattern_type(out, "standard-number",
			 "a standard number such as GB/T 1.1—2020 in any dash form; its grammar "
			 "(domain-rules.md §5) is checked by zhun, not by this schema",
			 nonblank_xsd);
	xsd_pattern_type(out, "date", "a date YYYY-MM-DD from 1900 to 2999 that exists",
			 date_pattern);
	xsd_pattern_type(out, "whole-number", "a whole number written with digits only", "[0-9]+");
	for (size_t i = 0; i < COUNT(extras); i++) {
		struct strbuf d = STRBUF_INIT;
		strbuf_init(&d);
		strbuf_addf(&d, "%s: %s", extras[i].key, extras[i].doc);
		xsd_pattern_type(out, extras[i].type, d.buf, extras[i].pattern);
		strbuf_release(&d);
	}

	/* booleans: model.c takes these six words, case-sensitively */
	static const char *const bools[] = { "true", "false", "yes", "no", "是", "否" };
	xl(out, 1, "<xs:simpleType name=\"boolean-word\">");
	xsd_doc(out, 2, "true or false; also yes/no and 是/否");
	xl(out, 2, "<xs:restriction base=\"xs:string\">");
	for (size_t i = 0; i < COUNT(bools); i++)
		xl(out, 3, "<xs:enumeration value=\"%s\"/>", bools[i]);
	xl(out, 2, "</xs:restriction>");
	xl(out, 1, "</xs:simpleType>");

	for (size_t i = 0; i < c->nenums; i++)
		xsd_enum_type(out, c->enums[i]);
}

/* An element declaration of a record's xs:sequence, with its documentation. */
static void xsd_element(struct strbuf *out, const struct rec_def *r, const struct field *f,
			const char *name, const char *type, bool many)
{
	ind(out, 3);
	strbuf_addf(out, "<xs:element name=\"%s\" type=\"%s\"", name, type);
	if (!(f->flags & F_REQUIRED))
		strbuf_adds(out, " minOccurs=\"0\"");
	if (many)
		strbuf_adds(out, " maxOccurs=\"unbounded\"");
	strbuf_adds(out, ">\n");
	xsd_field_doc(out, 4, r, f);
	xl(out, 3, "</xs:element>");
}

/* The child element(s) of a non-scalar field. */
static void xsd_child(struct strbuf *out, const struct rec_def *r, const struct field *f)
{
	const char *elem = schema_elem(f);
	struct strbuf type = STRBUF_INIT;
	strbuf_init(&type);
	if (f->type == FT_CELLROWS)
		strbuf_adds(&type, "cell-row-type");
	else if (f->rec)
		strbuf_addf(&type, "%s-type", f->rec->name);
	switch (f->type) {
	case FT_BODY:
		xl(out, 3, "<xs:group ref=\"body\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>");
		break;
	case FT_STRLIST:
	case FT_NUMLIST:
		xsd_element(out, r, f, elem,
			    f->type == FT_NUMLIST ? "standard-number" : "xs:string", true);
		break;
	case FT_REC:
	case FT_LIST:
		xsd_element(out, r, f, elem, type.buf, false);
		break;
	case FT_RECLIST:
	case FT_CELLROWS:
		if (!f->xml_wrap) {
			xsd_element(out, r, f, elem, type.buf, true);
			break;
		}
		/* a wrapper holds the items and nothing else; it may be empty */
		xl(out, 3, "<xs:element name=\"%s\"%s>", f->xml_wrap,
		   (f->flags & F_REQUIRED) ? "" : " minOccurs=\"0\"");
		xsd_field_doc(out, 4, r, f);
		xl(out, 4, "<xs:complexType>");
		xl(out, 5, "<xs:sequence>");
		xl(out, 6,
		   "<xs:element name=\"%s\" type=\"%s\" minOccurs=\"0\" "
		   "maxOccurs=\"unbounded\"/>",
		   elem, type.buf);
		xl(out, 5, "</xs:sequence>");
		xl(out, 4, "</xs:complexType>");
		xl(out, 3, "</xs:element>");
		break;
	default:
		break;
	}
	strbuf_release(&type);
}

static void xsd_record(struct strbuf *out, const struct rec_def *r)
{
	bool mixed = text_or_record(r);
	xl(out, 1, "<xs:complexType name=\"%s-type\"%s>", r->name, mixed ? " mixed=\"true\"" : "");
	struct strbuf d = STRBUF_INIT;
	strbuf_init(&d);
	strbuf_addf(&d, "%s: %s", r->name, r->doc);
	if (mixed)
		strbuf_adds(&d,
			    r == &schema_cell_rec
				? ". Either text only (a plain cell) or attributes with optional "
				  "footnote marks; XML Schema 1.0 cannot say 'either', zhun does"
				: ". Either text only (a plain item) or a text attribute with an "
				  "optional nested list; XML Schema 1.0 cannot say 'either', "
				  "zhun does");
	xsd_doc(out, 2, d.buf);
	strbuf_release(&d);
	bool children = false;
	for (size_t i = 0; i < r->nfields; i++)
		children = children || !is_scalar(r->fields[i].type);
	if (children) {
		xl(out, 2, "<xs:sequence>");
		for (size_t i = 0; i < r->nfields; i++)
			if (!is_scalar(r->fields[i].type))
				xsd_child(out, r, &r->fields[i]);
		xl(out, 2, "</xs:sequence>");
	}
	for (size_t i = 0; i < r->nfields; i++) {
		const struct field *f = &r->fields[i];
		if (!is_scalar(f->type))
			continue;
		ind(out, 2);
		strbuf_addf(out, "<xs:attribute name=\"%s\" type=\"", f->key);
		xsd_scalar_type(out, r, f);
		strbuf_adds(out, "\"");
		if ((f->flags & F_REQUIRED) && !mixed)
			strbuf_adds(out, " use=\"required\"");
		strbuf_adds(out, ">\n");
		xsd_field_doc(out, 3, r, f);
		xl(out, 2, "</xs:attribute>");
	}
	xl(out, 1, "</xs:complexType>");
}

static void gen_xsd(struct strbuf *out, const struct catalog *c)
{
	xl(out, 0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
	xl(out, 0, "<!-- SPDX-License-Identifier: MIT -->");
	xl(out, 0, "<!-- Generated by tools/gen-schemas from src/schema.c; do not edit: run");
	xl(out, 0,
	   "     `ninja -C build schemas` (the schemas-current test fails when this file"
	   " is");
	xl(out, 0, "     stale). -->");
	xl(out, 0,
	   "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
	   "elementFormDefault=\"unqualified\" attributeFormDefault=\"unqualified\">");
	xsd_doc(out, 1,
		"zhun input, format 1, XML spelling (docs/format.md, docs/format-xml.md): one "
		"root element per document kind, no namespace; scalar keys are attributes, lists "
		"repeated child elements in the order of this schema. Beyond this schema zhun "
		"checks the standard-number grammar and the files a system names; it also reads "
		"child elements in any order.");
	for (size_t i = 0; i < c->nrecs; i++)
		if (is_root(c->recs[i]))
			xl(out, 1, "<xs:element name=\"%s\" type=\"%s-type\"/>", c->recs[i]->name,
			   c->recs[i]->name);

	xl(out, 1, "<xs:group name=\"body\">");
	xsd_doc(out, 2, "body blocks, in order: a single-paragraph body is one p");
	xl(out, 2, "<xs:choice>");
	for (size_t i = 0; i < COUNT(blocks); i++) {
		const struct block_kind *b = &blocks[i];
		if (b->rec)
			xl(out, 3, "<xs:element name=\"%s\" type=\"%s-type\">", b->name,
			   b->rec->name);
		else
			xl(out, 3, "<xs:element name=\"%s\" type=\"xs:string\">", b->name);
		xsd_doc(out, 4, b->doc);
		xl(out, 3, "</xs:element>");
	}
	xl(out, 2, "</xs:choice>");
	xl(out, 1, "</xs:group>");

	for (size_t i = 0; i < c->nrecs; i++)
		xsd_record(out, c->recs[i]);

	xl(out, 1, "<xs:complexType name=\"cell-row-type\">");
	xsd_doc(out, 2, "a table row: its cells in order; a cell may be empty");
	xl(out, 2, "<xs:sequence>");
	xl(out, 3,
	   "<xs:element name=\"cell\" type=\"cell-type\" minOccurs=\"0\" "
	   "maxOccurs=\"unbounded\"/>");
	xl(out, 2, "</xs:sequence>");
	xl(out, 1, "</xs:complexType>");
	xsd_simple_types(out, c);
	xl(out, 0, "</xs:schema>");
}

/* ---- JSON Schema ---- */

/* A small pretty-printing JSON writer: objects and arrays nest; `flat` containers print on one
 * line. Invariant: first[depth] says whether the current container is still empty. */
struct jw {
	struct strbuf *out;
	int depth;
	bool first[32];
	bool flat[32];
};

static void jw_string_value(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			strbuf_addf(out, "\\%c", ch);
		else if (ch == '\n')
			strbuf_adds(out, "\\n");
		else if (ch == '\t')
			strbuf_adds(out, "\\t");
		else if (ch < 0x20)
			strbuf_addf(out, "\\u%04x", ch);
		else
			strbuf_addc(out, (char)ch);
	}
	strbuf_addc(out, '"');
}

static void jw_sep(struct jw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->first[w->depth])
			strbuf_adds(w->out, w->flat[w->depth] ? ", " : ",");
		if (!w->flat[w->depth]) {
			strbuf_addc(w->out, '\n');
			ind(w->out, w->depth);
		}
		w->first[w->depth] = false;
	}
	if (key) {
		jw_string_value(w->out, key);
		strbuf_adds(w->out, ": ");
	}
}

static void jw_open(struct jw *w, const char *key, char bracket, bool flat)
{
	jw_sep(w, key);
	strbuf_addc(w->out, bracket);
	w->depth++;
	w->first[w->depth] = true;
	w->flat[w->depth] = flat || (w->depth > 1 && w->flat[w->depth - 1]);
}

static void jw_close(struct jw *w, char bracket)
{
	bool empty = w->first[w->depth], flat = w->flat[w->depth];
	w->depth--;
	if (!empty && !flat) {
		strbuf_addc(w->out, '\n');
		ind(w->out, w->depth);
	}
	strbuf_addc(w->out, bracket);
}

static void jw_str(struct jw *w, const char *key, const char *val)
{
	jw_sep(w, key);
	jw_string_value(w->out, val);
}

static void jw_raw(struct jw *w, const char *key, const char *raw)
{
	jw_sep(w, key);
	strbuf_adds(w->out, raw);
}

static void jw_long(struct jw *w, const char *key, long v)
{
	jw_sep(w, key);
	strbuf_addf(w->out, "%ld", v);
}

static void jw_ref(struct jw *w, const char *key, const char *def)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_addf(&sb, "#/definitions/%s", def);
	jw_open(w, key, '{', true);
	jw_str(w, "$ref", sb.buf);
	jw_close(w, '}');
	strbuf_release(&sb);
}

/* Free text: zhun reads any scalar as the text written, so `code: 101` is the text "101" and
 * `note: true` the text "true"; only null (an empty value) is refused. */
static void jw_text_type(struct jw *w)
{
	jw_open(w, "type", '[', true);
	jw_str(w, NULL, "string");
	jw_str(w, NULL, "number");
	jw_str(w, NULL, "boolean");
	jw_close(w, ']');
}

static void jw_anchored(struct jw *w, const char *key, const char *pattern)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_addf(&sb, "^(%s)$", pattern);
	jw_str(w, key, sb.buf);
	strbuf_release(&sb);
}

static void jw_description(struct jw *w, const struct rec_def *r, const struct field *f)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	put_field_help(&sb, r, f);
	jw_str(w, "description", sb.buf);
	strbuf_release(&sb);
}

/* The schema of one scalar value of field `f` (without its description). */
static void json_scalar(struct jw *w, const struct rec_def *r, const struct field *f)
{
	const struct extra *x = extra_for(r, f);
	switch (f->type) {
	case FT_STR:
		jw_text_type(w);
		if (x)
			jw_anchored(w, "pattern", x->pattern);
		else if (f->flags & F_NONEMPTY)
			jw_str(w, "pattern", nonblank_json);
		return;
	case FT_NUM:
		jw_str(w, "type", "string");
		jw_str(w, "pattern", nonblank_json);
		return;
	case FT_DATE:
		jw_str(w, "type", "string");
		jw_anchored(w, "pattern", date_pattern);
		return;
	case FT_INT:
		/* `format: 1` is an integer to YAML; zhun also reads the quoted "1" */
		jw_open(w, "type", '[', true);
		jw_str(w, NULL, "integer");
		jw_str(w, NULL, "string");
		jw_close(w, ']');
		if (x && x->min <= x->max) {
			jw_long(w, "minimum", x->min);
			jw_long(w, "maximum", x->max);
			jw_anchored(w, "pattern", x->pattern);
		} else {
			jw_long(w, "minimum", 0);
			jw_str(w, "pattern", "^[0-9]+$");
		}
		return;
	case FT_BOOL: {
		static const char *const words[] = { "true", "false", "yes", "no", "是", "否" };
		jw_open(w, "enum", '[', true);
		jw_raw(w, NULL, "true");
		jw_raw(w, NULL, "false");
		for (size_t i = 0; i < COUNT(words); i++)
			jw_str(w, NULL, words[i]);
		jw_close(w, ']');
		return;
	}
	case FT_ENUM: {
		/* the words as listed, for editors to offer, or the English words in any letter
		 * case, as zhun reads them (strcasecmp) */
		struct strbuf sb = STRBUF_INIT;
		strbuf_init(&sb);
		jw_str(w, "type", "string");
		jw_open(w, "anyOf", '[', false);
		jw_open(w, NULL, '{', true);
		jw_open(w, "enum", '[', true);
		for (size_t i = 0; i < f->en->n; i++)
			jw_str(w, NULL, f->en->words[i].word);
		jw_close(w, ']');
		jw_close(w, '}');
		for (size_t i = 0; i < f->en->n; i++) {
			if (f->en->words[i].zh)
				continue;
			if (sb.len)
				strbuf_addc(&sb, '|');
			put_caseless(&sb, f->en->words[i].word);
		}
		jw_open(w, NULL, '{', true);
		jw_anchored(w, "pattern", sb.buf);
		jw_close(w, '}');
		jw_close(w, ']');
		strbuf_release(&sb);
		return;
	}
	default:
		return;
	}
}

static void json_items_of(struct jw *w, const struct field *f)
{
	if (text_or_record(f->rec)) {
		jw_open(w, "items", '{', false);
		jw_open(w, "anyOf", '[', false);
		jw_open(w, NULL, '{', true);
		jw_text_type(w);
		jw_close(w, '}');
		jw_ref(w, NULL, f->rec->name);
		jw_close(w, ']');
		jw_close(w, '}');
	} else {
		jw_ref(w, "items", f->rec->name);
	}
}

static void json_field(struct jw *w, const struct rec_def *r, const struct field *f)
{
	jw_open(w, f->key, '{', false);
	jw_description(w, r, f);
	switch (f->type) {
	case FT_STRLIST:
		jw_str(w, "type", "array");
		jw_open(w, "items", '{', true);
		jw_text_type(w);
		jw_close(w, '}');
		break;
	case FT_NUMLIST:
		jw_str(w, "type", "array");
		jw_open(w, "items", '{', true);
		jw_str(w, "type", "string");
		jw_str(w, "pattern", nonblank_json);
		jw_close(w, '}');
		break;
	case FT_REC:
	case FT_LIST:
		/* draft-07 ignores keywords beside $ref: the description stays outside */
		jw_open(w, "allOf", '[', false);
		jw_ref(w, NULL, f->rec->name);
		jw_close(w, ']');
		break;
	case FT_RECLIST:
		jw_str(w, "type", "array");
		/* a required list holds at least one entry (XML cannot spell an empty one) */
		if (f->flags & F_REQUIRED)
			jw_long(w, "minItems", 1);
		json_items_of(w, f);
		break;
	case FT_CELLROWS:
		/* zhun reads every plain cell as its text, and an empty cell as ""; a cell that
		 * spans or cites footnotes is a record */
		jw_str(w, "type", "array");
		jw_open(w, "items", '{', false);
		jw_str(w, "type", "array");
		jw_open(w, "items", '{', false);
		jw_open(w, "anyOf", '[', false);
		jw_open(w, NULL, '{', true);
		jw_open(w, "type", '[', true);
		jw_str(w, NULL, "string");
		jw_str(w, NULL, "number");
		jw_str(w, NULL, "boolean");
		jw_str(w, NULL, "null");
		jw_close(w, ']');
		jw_close(w, '}');
		jw_ref(w, NULL, f->rec->name);
		jw_close(w, ']');
		jw_close(w, '}');
		jw_close(w, '}');
		break;
	case FT_BODY:
		jw_open(w, "anyOf", '[', false);
		jw_open(w, NULL, '{', true);
		jw_text_type(w);
		jw_close(w, '}');
		jw_open(w, NULL, '{', true);
		jw_str(w, "type", "array");
		jw_ref(w, "items", "block");
		jw_close(w, '}');
		jw_close(w, ']');
		break;
	default:
		json_scalar(w, r, f);
		break;
	}
	jw_close(w, '}');
}

static void json_record(struct jw *w, const struct rec_def *r)
{
	jw_open(w, r->name, '{', false);
	struct strbuf d = STRBUF_INIT;
	strbuf_init(&d);
	strbuf_addf(&d, "%s: %s", r->name, r->doc);
	jw_str(w, "description", d.buf);
	strbuf_release(&d);
	jw_str(w, "type", "object");
	size_t nreq = 0;
	for (size_t i = 0; i < r->nfields; i++)
		nreq += (r->fields[i].flags & F_REQUIRED) != 0;
	if (nreq) {
		jw_open(w, "required", '[', true);
		for (size_t i = 0; i < r->nfields; i++)
			if (r->fields[i].flags & F_REQUIRED)
				jw_str(w, NULL, r->fields[i].key);
		jw_close(w, ']');
	}
	/* a referenced document is a standard by its number or another document by its title
	 * (model.c reports neither as key-missing) */
	if (r == &schema_refentry_rec) {
		static const char *const either[] = { "number", "title" };
		jw_open(w, "anyOf", '[', false);
		for (size_t i = 0; i < COUNT(either); i++) {
			/* strict validators want a required key declared beside it */
			jw_open(w, NULL, '{', true);
			jw_open(w, "properties", '{', true);
			jw_raw(w, either[i], "true");
			jw_close(w, '}');
			jw_open(w, "required", '[', true);
			jw_str(w, NULL, either[i]);
			jw_close(w, ']');
			jw_close(w, '}');
		}
		jw_close(w, ']');
	}
	jw_open(w, "properties", '{', false);
	for (size_t i = 0; i < r->nfields; i++)
		json_field(w, r, &r->fields[i]);
	jw_close(w, '}');
	jw_raw(w, "additionalProperties", "false");
	jw_close(w, '}');
}

static void json_block(struct jw *w)
{
	jw_open(w, "block", '{', false);
	jw_str(w, "description",
	       "a body block: a paragraph string, or a mapping with one key: "
	       "list, table, figure, formula, note or example");
	jw_open(w, "anyOf", '[', false);
	for (size_t i = 0; i < COUNT(blocks); i++) {
		const struct block_kind *b = &blocks[i];
		if (!strcmp(b->name, "p")) {
			jw_open(w, NULL, '{', false);
			jw_str(w, "description", b->doc);
			jw_text_type(w);
			jw_close(w, '}');
			continue;
		}
		jw_open(w, NULL, '{', false);
		jw_str(w, "description", b->doc);
		jw_str(w, "type", "object");
		jw_open(w, "required", '[', true);
		jw_str(w, NULL, b->name);
		jw_close(w, ']');
		jw_open(w, "properties", '{', false);
		if (b->rec) {
			jw_ref(w, b->name, b->rec->name);
		} else {
			jw_open(w, b->name, '{', false);
			jw_str(w, "description", b->doc);
			jw_text_type(w);
			jw_close(w, '}');
		}
		jw_close(w, '}');
		jw_raw(w, "additionalProperties", "false");
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static void gen_json(struct strbuf *out, const struct catalog *c)
{
	struct jw w = { out, 0, { false }, { false } };
	jw_open(&w, NULL, '{', false);
	jw_str(&w, "$schema", "http://json-schema.org/draft-07/schema#");
	jw_str(&w, "$id", "urn:zhun:schema:format-1");
	jw_str(&w, "title", "zhun input (format 1)");
	jw_str(&w, "description",
	       "A zhun file in the YAML spelling: a standard system (system, 标准体系), a standard "
	       "document (standard, 标准文本), a status registry (registry, 标准状态清单) or the "
	       "records "
	       "of implementation, inspections, surveys and the work plan (records). See "
	       "docs/format.md.");
	jw_str(&w, "$comment",
	       "Generated by tools/gen-schemas from src/schema.c; do not edit: run `ninja -C build "
	       "schemas`. zhun reads every scalar as the text written, so free-text keys take "
	       "strings, numbers and booleans alike (code: 101 is the text \"101\"); enumerated "
	       "words are listed as zhun writes them, with their Chinese synonyms, and taken in "
	       "any letter case as zhun takes them. Beyond this schema zhun checks the "
	       "standard-number grammar and the files a system names, and it refuses the YAML 1.2 "
	       "booleans True, TRUE, False and FALSE where true/false words are asked for (a JSON "
	       "Schema sees only the boolean).");
	jw_open(&w, "oneOf", '[', false);
	for (size_t i = 0; i < c->nrecs; i++) {
		const struct rec_def *r = c->recs[i];
		if (!is_root(r))
			continue;
		jw_open(&w, NULL, '{', false);
		jw_str(&w, "description", r->doc);
		jw_str(&w, "type", "object");
		jw_open(&w, "required", '[', true);
		jw_str(&w, NULL, r->name);
		jw_close(&w, ']');
		jw_open(&w, "properties", '{', false);
		jw_ref(&w, r->name, r->name);
		jw_close(&w, '}');
		jw_raw(&w, "additionalProperties", "false");
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_open(&w, "definitions", '{', false);
	for (size_t i = 0; i < c->nrecs; i++)
		json_record(&w, c->recs[i]);
	json_block(&w);
	jw_close(&w, '}');
	jw_close(&w, '}');
	strbuf_addc(out, '\n');
}

/* ---- Markdown key tables for docs/format.md ---- */

static void md_esc(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_')
			strbuf_addc(out, '\\');
		strbuf_addc(out, *s);
	}
}

static void md_type(struct strbuf *out, const struct rec_def *r, const struct field *f)
{
	const struct extra *x = extra_for(r, f);
	switch (f->type) {
	case FT_STR:
		if (x)
			strbuf_adds(out, "code format");
		else
			strbuf_adds(out, (f->flags & F_NONEMPTY) ? "text, not blank" : "text");
		return;
	case FT_NUM:
		strbuf_adds(out, "standard number");
		return;
	case FT_DATE:
		strbuf_adds(out, "date");
		return;
	case FT_INT:
		if (x && x->min == x->max)
			strbuf_addf(out, "whole number: %ld", x->min);
		else if (x)
			strbuf_addf(out, "whole number %ld–%ld", x->min, x->max);
		else
			strbuf_adds(out, "whole number");
		return;
	case FT_BOOL:
		strbuf_adds(out, "true / false");
		return;
	case FT_ENUM:
		strbuf_adds(out, "[");
		strbuf_adds(out, f->en->name);
		strbuf_adds(out, "](#enum-");
		put_enum_name(out, f->en);
		strbuf_adds(out, ")");
		return;
	case FT_STRLIST:
		strbuf_adds(out, "list of text");
		return;
	case FT_NUMLIST:
		strbuf_adds(out, "list of standard numbers");
		return;
	case FT_REC:
	case FT_LIST:
		strbuf_addf(out, "[`%s`](#rec-%s)", f->rec->name, f->rec->name);
		return;
	case FT_RECLIST:
		strbuf_addf(out, "list of [`%s`](#rec-%s)", f->rec->name, f->rec->name);
		if (text_or_record(f->rec))
			strbuf_adds(out, " or text");
		return;
	case FT_BODY:
		strbuf_adds(out, "[body](#body)");
		return;
	case FT_CELLROWS:
		strbuf_addf(out, "list of rows (lists of cells: text or [`%s`](#rec-%s))",
			    f->rec->name, f->rec->name);
		return;
	}
}

static void md_xml(struct strbuf *out, const struct field *f)
{
	const char *elem = schema_elem(f);
	switch (f->type) {
	case FT_STRLIST:
	case FT_NUMLIST:
	case FT_RECLIST:
		if (f->xml_wrap)
			strbuf_addf(out, "`<%s>` › `<%s>`…", f->xml_wrap, elem);
		else
			strbuf_addf(out, "`<%s>`…", elem);
		return;
	case FT_REC:
	case FT_LIST:
		strbuf_addf(out, "`<%s>`", elem);
		return;
	case FT_BODY:
		strbuf_adds(out, "block elements");
		return;
	case FT_CELLROWS:
		if (f->xml_wrap)
			strbuf_addf(out, "`<%s>` › `<%s>`… › `<cell>`…", f->xml_wrap, elem);
		else
			strbuf_addf(out, "`<%s>`… › `<cell>`…", elem);
		return;
	default:
		strbuf_adds(out, "attribute");
		return;
	}
}

static void gen_markdown(struct strbuf *out, const struct catalog *c)
{
	strbuf_adds(out, "<!-- Generated by `gen-schemas --markdown` from src/schema.c; run "
			 "`ninja -C build schemas` after changing it. -->\n\n");
	for (size_t i = 0; i < c->nrecs; i++) {
		const struct rec_def *r = c->recs[i];
		strbuf_addf(out, "<a id=\"rec-%s\"></a>\n\n#### `%s` — %s\n\n", r->name, r->name,
			    r->doc);
		strbuf_adds(out, "| key | type | required | XML | meaning |\n"
				 "|---|---|---|---|---|\n");
		for (size_t k = 0; k < r->nfields; k++) {
			const struct field *f = &r->fields[k];
			strbuf_addf(out, "| `%s` | ", f->key);
			md_type(out, r, f);
			strbuf_addf(out, " | %s | ", required_word(r, f));
			md_xml(out, f);
			strbuf_adds(out, " | ");
			md_esc(out, f->doc ? f->doc : "");
			const struct extra *x = extra_for(r, f);
			if (x && f->type == FT_STR) {
				strbuf_adds(out, ". ");
				md_esc(out, x->doc);
			}
			strbuf_adds(out, " |\n");
		}
		if (text_or_record(r))
			strbuf_adds(out,
				    "\nAn item may also be plain text: `- 熟悉馆藏；` in YAML, "
				    "`<item>熟悉馆藏；</item>` in XML.\n");
		strbuf_addc(out, '\n');
	}
	strbuf_adds(out, "<a id=\"enums\"></a>\n\n#### Enumerated words\n\n"
			 "English words are accepted in any letter case; output uses the first "
			 "English word.\n\n"
			 "| set | English | 中文 |\n|---|---|---|\n");
	for (size_t i = 0; i < c->nenums; i++) {
		const struct enum_def *e = c->enums[i];
		bool first = true;
		for (size_t k = 0; k < e->n; k++) {
			const struct enum_word *w = &e->words[k];
			if (w->zh)
				continue;
			strbuf_adds(out, "| ");
			if (first) {
				strbuf_adds(out, "<a id=\"enum-");
				put_enum_name(out, e);
				strbuf_addf(out, "\"></a>%s", e->name);
			}
			first = false;
			strbuf_addf(out, " | `%s` | ", w->word);
			bool any = false;
			for (size_t j = 0; j < e->n; j++) {
				if (!e->words[j].zh || e->words[j].value != w->value)
					continue;
				strbuf_addf(out, "%s%s", any ? "、" : "", e->words[j].word);
				any = true;
			}
			strbuf_adds(out, " |\n");
		}
	}
	strbuf_adds(out,
		    "\nBooleans (`vacant`): `true`, `yes`, `是` / `false`, `no`, `否`, in lower "
		    "case.\n");
}

/* ---- files ---- */

static const char md_begin[] = "<!-- BEGIN gen-schemas --markdown -->\n";
static const char md_end[] = "<!-- END gen-schemas --markdown -->\n";

/* Read a whole file into sb; false with errno set on failure. */
static bool read_text(const char *path, struct strbuf *sb)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return false;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_add(sb, buf, n);
	bool ok = !ferror(fp);
	fclose(fp);
	return ok;
}

/* The docs file with its generated part replaced by `md`; false when the markers are missing. */
static bool splice_markdown(const char *doc, const char *md, struct strbuf *out)
{
	const char *b = strstr(doc, md_begin);
	const char *e = b ? strstr(b, md_end) : NULL;
	if (!e)
		return false;
	b += strlen(md_begin);
	strbuf_add(out, doc, (size_t)(b - doc));
	strbuf_adds(out, md);
	strbuf_adds(out, e);
	return true;
}

static size_t first_diff_line(const char *a, const char *b)
{
	size_t line = 1;
	for (; *a && *a == *b; a++, b++)
		if (*a == '\n')
			line++;
	return line;
}

/* Compare or write one generated file; returns 0 when current (or written). */
static int sync_file(const char *path, const char *want, bool write)
{
	struct strbuf have = STRBUF_INIT;
	strbuf_init(&have);
	bool exists = read_text(path, &have);
	int rc = 0;
	if (exists && !strcmp(have.buf, want)) {
		if (!write)
			printf("ok: %s is current\n", path);
	} else if (write) {
		if (write_file_atomic(path, want, strlen(want), 0) != 0) {
			fprintf(stderr, "gen-schemas: cannot write %s: %s\n", path,
				strerror(errno));
			rc = 4;
		} else {
			printf("wrote %s\n", path);
		}
	} else if (!exists) {
		fprintf(stderr, "gen-schemas: %s: cannot read: %s\n", path, strerror(errno));
		rc = 1;
	} else {
		fprintf(stderr,
			"gen-schemas: %s differs from src/schema.c from line %zu on; regenerate it "
			"with `ninja -C <build> schemas` and commit the result\n",
			path, first_diff_line(have.buf, want));
		rc = 1;
	}
	strbuf_release(&have);
	return rc;
}

static int sync_all(const char *srcdir, bool write)
{
	struct catalog c;
	catalog_init(&c);
	struct strbuf xsd = STRBUF_INIT, json = STRBUF_INIT, md = STRBUF_INIT;
	strbuf_init(&xsd);
	strbuf_init(&json);
	strbuf_init(&md);
	gen_xsd(&xsd, &c);
	gen_json(&json, &c);
	gen_markdown(&md, &c);

	char *p_xsd = xasprintf("%s/schemas/zhun.xsd", srcdir);
	char *p_json = xasprintf("%s/schemas/zhun.schema.json", srcdir);
	char *p_doc = xasprintf("%s/docs/format.md", srcdir);
	int rc = 0, r;
	if ((r = sync_file(p_xsd, xsd.buf, write)) > rc)
		rc = r;
	if ((r = sync_file(p_json, json.buf, write)) > rc)
		rc = r;

	struct strbuf cur = STRBUF_INIT, next = STRBUF_INIT;
	strbuf_init(&cur);
	strbuf_init(&next);
	if (!read_text(p_doc, &cur)) {
		fprintf(stderr, "gen-schemas: %s: cannot read: %s\n", p_doc, strerror(errno));
		rc = rc > 1 ? rc : 1;
	} else if (!splice_markdown(cur.buf, md.buf, &next)) {
		fprintf(stderr, "gen-schemas: %s has no '%.*s' … '%.*s' markers\n", p_doc,
			(int)strlen(md_begin) - 1, md_begin, (int)strlen(md_end) - 1, md_end);
		rc = rc > 1 ? rc : 1;
	} else if ((r = sync_file(p_doc, next.buf, write)) > rc) {
		rc = r;
	}
	strbuf_release(&cur);
	strbuf_release(&next);
	free(p_xsd);
	free(p_json);
	free(p_doc);
	strbuf_release(&xsd);
	strbuf_release(&json);
	strbuf_release(&md);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 2 && (!strcmp(argv[1], "--xsd") || !strcmp(argv[1], "--json") ||
			  !strcmp(argv[1], "--markdown"))) {
		struct catalog c;
		catalog_init(&c);
		struct strbuf out = STRBUF_INIT;
		strbuf_init(&out);
		if (!strcmp(argv[1], "--xsd"))
			gen_xsd(&out, &c);
		else if (!strcmp(argv[1], "--json"))
			gen_json(&out, &c);
		else
			gen_markdown(&out, &c);
		fwrite(out.buf, 1, out.len, stdout);
		strbuf_release(&out);
		return fflush(stdout) == 0 ? 0 : 4;
	}
	if (argc == 3 && (!strcmp(argv[1], "--write") || !strcmp(argv[1], "--check")))
		return sync_all(argv[2], !strcmp(argv[1], "--write"));
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_text, stdout);
		return 0;
	}
	fputs(usage_text, stderr);
	return 2;
}
