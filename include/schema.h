/* SPDX-License-Identifier: MIT */
/* schema: the single description of the input format (model.md) as data. model_build fills the
 * typed model from it, the XML loader and both writers spell the tree from it, and the
 * published schemas and docs are checked against it. To add a key: add a field to its record
 * table in schema.c (and the struct member in model.h); nothing else needs to change. */
#ifndef ZHUN_SCHEMA_H
#define ZHUN_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "node.h"

struct strbuf;

enum field_type {
	FT_STR = 1,  /* struct text */
	FT_NUM,	     /* struct numtext: a standard number */
	FT_DATE,     /* struct date */
	FT_INT,	     /* struct intval */
	FT_BOOL,     /* struct boolval */
	FT_ENUM,     /* struct enumval, words from field.en */
	FT_STRLIST,  /* struct textlist: sequence of scalars */
	FT_NUMLIST,  /* struct numlist: sequence of standard numbers */
	FT_REC,	     /* pointer to a record of field.rec (NULL when absent) */
	FT_RECLIST,  /* array of records of field.rec + size_t count at count_off */
	FT_BODY,     /* struct body: a string or a sequence of blocks */
	FT_CELLROWS, /* struct cellrows: sequence of sequences of scalars */
	FT_LIST,     /* struct list *: a list block {style, items} */
};

enum {
	F_REQUIRED = 1u << 0,
	F_NONEMPTY = 1u << 1, /* a scalar that must not be empty */
};

struct enum_word {
	int value;
	const char *word; /* English or Chinese synonym */
	bool zh;
};

struct enum_def {
	const char *name; /* for messages and schemas: "status" */
	const struct enum_word *words;
	size_t n;
};

struct rec_def;

struct field {
	const char *key;
	enum field_type type;
	unsigned flags;
	size_t off;		   /* offset of the member in the record struct */
	size_t count_off;	   /* FT_RECLIST: offset of the size_t count */
	const struct rec_def *rec; /* FT_REC, FT_RECLIST; FT_CELLROWS: a cell written as a record */
	const struct enum_def *en; /* FT_ENUM */
	const char *xml;      /* element name: list items (FT_*LIST, FT_RECLIST) or record (FT_REC);
				 NULL = attribute (scalars) or the key itself */
	const char *xml_wrap; /* wrapper element around a FT_RECLIST ("references"), or NULL */
	const char *doc;      /* one line for docs and generated schemas */
};

struct rec_def {
	const char *name; /* "system", "row", "clause", … */
	size_t size;	  /* sizeof the record struct */
	const struct field *fields;
	size_t nfields;
	const char *doc;
};

/* Root records of the four kinds, by enum doc_kind (NULL for DOC_UNKNOWN). */
const struct rec_def *schema_root(enum doc_kind k);
/* Field `key` of a record, or NULL. */
const struct field *schema_field(const struct rec_def *r, const char *key);
/* Field whose XML element name (item or record element, or wrapper) is `elem`, or NULL. */
const struct field *schema_field_by_elem(const struct rec_def *r, const char *elem, bool *is_wrap);
/* The XML element name of a field's items / record. */
const char *schema_elem(const struct field *f);
/* Closest key of the record to `key` (Damerau-Levenshtein ≤ 2 or a shared prefix), or NULL:
 * the "did you mean" of an unknown key. */
const char *schema_suggest(const struct rec_def *r, const char *key);
/* The same for an XML attribute or element name: candidates are attribute names (scalar keys)
 * and element names (row, category, ref, the body blocks …). */
const char *schema_suggest_xml(const struct rec_def *r, const char *name);
/* Look up an enum word (English, case-insensitive, or Chinese synonym); 0 if none. */
int schema_enum_value(const struct enum_def *e, const char *word);
/* The Chinese word of `e` that `word` nearly is: the same word in traditional characters
 * (現行 → 现行), or one character away (现形 → 现行). NULL when none; a pointer into e. */
const char *schema_enum_suggest_zh(const struct enum_def *e, const char *word);
/* English word of a value (first English word listed). */
const char *schema_enum_word(const struct enum_def *e, int value, bool zh);
/* Words of an enum joined by ", " into a static-lifetime description for messages. */
void schema_enum_words(const struct enum_def *e, struct strbuf *sb);

/* The records of the body blocks that have fields. */
extern const struct rec_def schema_table_rec, schema_figure_rec, schema_formula_rec,
    schema_list_rec, schema_list_item_rec, schema_cell_rec, schema_footnote_rec;

/* A body block (model.md §2) by its YAML key, which is also its XML element (model.md §5):
 * its kind and the record its mapping fills, NULL for a text block. A paragraph is a plain
 * string in YAML, so "p" is a key of XML only. */
struct block_def {
	const char *key;
	int kind; /* enum block_kind (model.h) */
	const struct rec_def *rec;
};
/* Every block, "p" first. */
extern const struct block_def schema_blocks[];
extern const size_t schema_nblocks;
/* The block of that key or element name, or NULL. */
const struct block_def *schema_block(const char *key);
/* Closest block key to `name` for a did-you-mean, or NULL; "p" is a candidate only in XML. */
const char *schema_suggest_block(const char *name, bool xml);
/* Every other record table (schema.c). */
extern const struct rec_def schema_category_rec, schema_row_rec, schema_adoption_rec,
    schema_amendment_rec, schema_interpretation_rec, schema_review_rec, schema_system_rec,
    schema_standard_rec, schema_foreword_rec, schema_change_rec, schema_intro_rec,
    schema_clause_rec, schema_refentry_rec, schema_term_rec, schema_annex_rec, schema_registry_rec,
    schema_edition_rec, schema_records_rec, schema_training_rec, schema_implementation_rec,
    schema_action_rec, schema_result_rec, schema_inspection_rec, schema_survey_rec,
    schema_milestone_rec, schema_phase_rec;

/* Enumerations (schema.c), shared with renderers. */
extern const struct enum_def schema_enum_level, schema_enum_type, schema_enum_status,
    schema_enum_action, schema_enum_degree, schema_enum_outcome, schema_enum_annex_kind,
    schema_enum_clause_kind, schema_enum_list_style, schema_enum_change_kind, schema_enum_result,
    schema_enum_method;

#endif
