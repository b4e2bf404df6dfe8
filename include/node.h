/* SPDX-License-Identifier: MIT */
/* node: the one generic tree both loaders build (mappings, sequences, scalars, each with its
 * source position) and both writers print; the typed model (model.h) is built from it. */
#ifndef ZHUN_NODE_H
#define ZHUN_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* A source position: 1-based line and column, the column counted in code points. 0:0 = unknown.
 * A scalar's position is that of its first character (after an opening quote; for an XML
 * attribute, the first character of the value), so offsets into single-line text map exactly. */
struct loc {
	uint32_t line;
	uint32_t col;
};

enum node_kind {
	NODE_SCALAR = 1,
	NODE_MAP,
	NODE_SEQ,
};

/* Scalar flags. */
enum {
	NODE_QUOTED = 1u << 0, /* written quoted or as a block scalar in YAML, or as XML text */
	NODE_NULL = 1u << 1,   /* YAML null (~, null, empty value) */
	NODE_ATTR = 1u << 2,   /* came from an XML attribute */
	NODE_CELL = 1u << 3,   /* came from a spreadsheet cell: its position is the cell's, and
				* no offset into the text moves it (a column is no character) */
};

struct node_pair;

/* 24 bytes: a system of 100,000 rows has two million of them. */
struct node {
	uint8_t kind;  /* enum node_kind */
	uint8_t flags; /* NODE_QUOTED … */
	struct loc loc;
	uint32_t n; /* SCALAR: byte length of str; MAP: pairs; SEQ: items (below 2^32: the
		     * constructors exit with status 4 beyond) */
	union {
		const char *str;	 /* SCALAR: NUL-terminated UTF-8 */
		struct node_pair *pairs; /* MAP, in document order */
		struct node **items;	 /* SEQ, in document order */
	} u;
};

struct node_pair {
	struct node *key; /* always a SCALAR */
	struct node *value;
};

/* The file formats zhun reads (one record each in load_formats[], load.h) and writes (YAML and
 * XML, write.h). */
enum doc_syntax {
	SYNTAX_YAML = 1,
	SYNTAX_XML,
	SYNTAX_XLSX,   /* read only (load_xlsx.c) */
	SYNTAX_CSV,    /* read only (load_csv.c): CSV and TSV */
	SYNTAX_DOCX,   /* read only: a Word document mapped onto a standard (src/load_docx.c) */
	SYNTAX_OFFICE, /* read only: a legacy workbook, converted to .xlsx (src/load_office.c) */
};

/* The four document kinds of model.md. */
enum doc_kind {
	DOC_UNKNOWN = 0,
	DOC_SYSTEM,
	DOC_STANDARD,
	DOC_REGISTRY,
	DOC_RECORDS,
};

/* One loaded file. Everything it points to lives in `arena` (the nodes and their arrays in its
 * tree part, arena_alloc_tree); doc_free() frees all. */
struct doc {
	struct arena *arena;
	const char *path; /* as given on the command line or resolved from a system */
	enum doc_syntax syntax;
	enum doc_kind kind;
	struct node *root; /* the top mapping with its single root key, e.g. {system: {...}} */
	struct node *body; /* the value of the root key (a MAP), or NULL when unusable */
	void *model; /* typed model once built: struct system / standard / registry / records */
	void (*model_free)(struct doc *d); /* releases what the model holds outside the arena */
	void *taken; /* what a load sink (load.h) took while the file was read, until and after
		      * model_build files it into the model (model.c); NULL when none */
	size_t size; /* input size in bytes */
};

/* New empty document owning a fresh arena; path is copied. */
struct doc *doc_new(const char *path, enum doc_syntax syntax);
void doc_free(struct doc *d);
/* Free the generic tree of a document whose typed model is built and is all its readers need
 * (check, validate): the nodes and their arrays go, root and body become NULL; the model and
 * every string it points to stay. Nodes made after the drop are ordinary nodes again. */
void doc_drop_tree(struct doc *d);

/* Constructors for loaders; all memory from the doc's arena. `str` is copied. */
struct node *node_scalar(struct doc *d, const char *str, size_t len, struct loc loc,
			 unsigned flags);
/* node_scalar without the copy: `str` (NUL at `len`) already lives as long as the document, in
 * its arena or in static storage (a key the loader has seen before, a schema name). */
struct node *node_scalar_ref(struct doc *d, const char *str, size_t len, struct loc loc,
			     unsigned flags);
struct node *node_map(struct doc *d, struct node_pair *pairs, size_t n, struct loc loc);
struct node *node_seq(struct doc *d, struct node **items, size_t n, struct loc loc);

/* Value of key `key` in MAP `m`, or NULL (also when m is NULL or not a MAP). First match. */
struct node *node_get(const struct node *m, const char *key);
/* Pair of key `key` in MAP `m`, or NULL. */
const struct node_pair *node_get_pair(const struct node *m, const char *key);
/* True when n is a scalar equal to s. */
bool node_is(const struct node *n, const char *s);
/* Kind name for messages: "mapping", "sequence", "scalar". */
const char *node_kind_name(enum node_kind k);

/* Root key name of a kind ("system", …) and back (DOC_UNKNOWN when none). */
const char *doc_kind_name(enum doc_kind k);
enum doc_kind doc_kind_from_name(const char *s);

/* Deep structural equality of two trees: kinds, keys and scalar text, sequence order; mapping
 * key order, positions and flags are ignored, except that a NULL scalar equals only a NULL
 * scalar. Quadratic in the keys of one mapping (records have few keys). */
bool node_equal(const struct node *a, const struct node *b);

/* Number of nodes in a tree (for limits and tests). */
size_t node_count(const struct node *n);

#endif
