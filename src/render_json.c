/* SPDX-License-Identifier: MIT */
/* render_json: the 标准体系表 as data — a versioned envelope ({"zhun": "table", "version": 1, …})
 * holding the chart as a nested tree with counts, the detail rows with typed values (English
 * enum words, ISO dates, arrays) grouped by category, and the statistics grids. Headings and
 * titles follow the language; values never do. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "schema.h"
#include "strbuf.h"
#include "table.h"

/* Empty text is null: a blank cell has no value. */
static void kstr(struct json_writer *w, const char *key, const char *v)
{
	json_string(w, key, v && *v ? v : NULL);
}

static void kdate(struct json_writer *w, const char *key, const struct date *d)
{
	char buf[11];
	table_date_str(d, buf);
	kstr(w, key, buf);
}

static void knumber(struct json_writer *w, const char *key, const struct numtext *n)
{
	struct strbuf sb = STRBUF_INIT;
	if (n->ok)
		stdno_format(&n->no, &sb);
	else if (n->text.s)
		strbuf_adds(&sb, n->text.s);
	kstr(w, key, sb.buf);
	strbuf_release(&sb);
}

/* The records of a row (amendments, interpretations, reviews) as an array of objects: each
 * record's fields in the schema's order under their YAML keys, so that the data says what the
 * source says, field for field. */
static void krecords(struct json_writer *w, const char *key, const struct rec_def *rec,
		     const void *first, size_t n)
{
	json_begin_array(w, key, JSON_PRETTY);
	for (size_t i = 0; i < n; i++) {
		const char *p = (const char *)first + i * rec->size;
		json_begin_object(w, NULL, JSON_PRETTY);
		for (size_t k = 0; k < rec->nfields; k++) {
			const struct field *f = &rec->fields[k];
			const void *v = p + f->off;
			if (f->type == FT_STR) {
				kstr(w, f->key, ((const struct text *)v)->s);
			} else if (f->type == FT_DATE) {
				kdate(w, f->key, v);
			} else if (f->type == FT_ENUM) {
				int e = ((const struct enumval *)v)->v;
				kstr(w, f->key, schema_enum_word(f->en, e, false));
			} else if (f->type == FT_STRLIST) {
				const struct textlist *l = v;
				json_begin_array(w, f->key, JSON_PRETTY);
				for (size_t j = 0; j < l->n; j++)
					kstr(w, NULL, l->v[j].s);
				json_end(w);
			}
			/* a row's records hold no other type of field (schema.c) */
		}
		json_end(w);
	}
	json_end(w);
}

/* An object that starts {"key": key, name: value} (a column, a grid, a grid's row), left open
 * for what else the caller says of it. */
static void keyed_open(struct json_writer *w, const char *key, const char *name, const char *value)
{
	json_begin_object(w, NULL, JSON_PRETTY);
	kstr(w, "key", key);
	kstr(w, name, value);
}

static void chart_node(struct json_writer *w, const struct table *t, const struct category *c)
{
	const struct table_chart_node *nd = &t->chart.nodes[c->index];
	json_begin_object(w, NULL, JSON_PRETTY);
	kstr(w, "code", c->code.s);
	kstr(w, "title", c->title.s);
	json_bool(w, "vacant", c->vacant.v);
	json_uint(w, "total", nd->total);
	json_uint(w, "existing", nd->existing);
	json_uint(w, "direct", nd->direct);
	if (c->nchildren) {
		json_begin_array(w, "categories", JSON_PRETTY);
		for (size_t i = 0; i < c->nchildren; i++)
			chart_node(w, t, &c->children[i]);
		json_end(w);
	}
	json_end(w);
}

static void chart(struct json_writer *w, const struct table *t)
{
	json_begin_object(w, "chart", JSON_PRETTY);
	kstr(w, "title", t->chart.title);
	json_uint(w, "total", t->nrows);
	json_uint(w, "existing", t->nexisting);
	json_uint(w, "unfiled", t->chart.unfiled);
	json_begin_array(w, "categories", JSON_PRETTY);
	for (size_t i = 0; i < t->sys->ncategories; i++)
		chart_node(w, t, &t->sys->categories[i]);
	json_end(w);
	json_end(w);
}

/* The columns that are one text or one date of the row as it stands. */
static const struct {
	enum table_col id;
	size_t off; /* in struct row: a struct text, or with `date` a struct date */
	bool date;
} row_fields[] = {
	{ TCOL_CODE, offsetof(struct row, code), false },
	{ TCOL_TITLE, offsetof(struct row, title), false },
	{ TCOL_TITLE_EN, offsetof(struct row, title_en), false },
	{ TCOL_KEY, offsetof(struct row, key), false },
	{ TCOL_DOCUMENT, offsetof(struct row, document), false },
	{ TCOL_PUBLISHED, offsetof(struct row, published), true },
	{ TCOL_EFFECTIVE, offsetof(struct row, effective), true },
	{ TCOL_WITHDRAWN, offsetof(struct row, withdrawn), true },
};

static void row_value(struct json_writer *w, const struct table *t, const struct table_line *l,
		      const struct table_column *col, bool action_too)
{
	const struct row *r = l->row;
	for (size_t i = 0; i < sizeof row_fields / sizeof *row_fields; i++)
		if (row_fields[i].id == col->id) {
			const char *f = (const char *)r + row_fields[i].off;
			if (row_fields[i].date)
				kdate(w, col->key, (const struct date *)f);
			else
				kstr(w, col->key, ((const struct text *)f)->s);
			return;
		}
	switch (col->id) {
	case TCOL_SEQ:
		json_uint(w, col->key, l->seq);
		break;
	case TCOL_NUMBER:
		knumber(w, col->key, &r->number);
		break;
	case TCOL_LEVEL:
		kstr(w, col->key, level_word(r->level_eff, false));
		break;
	case TCOL_REVIEWED: {
		const struct review *rv = row_last_review(r);
		kdate(w, col->key, rv ? &rv->date : &(struct date){ 0 });
		break;
	}
	case TCOL_ADOPTS:
		if (!r->adopts) {
			kstr(w, col->key, NULL);
			break;
		}
		json_begin_object(w, col->key, JSON_PRETTY);
		kstr(w, "standard", r->adopts->standard.s);
		kstr(w, "degree", r->adopts->degree.v ? degree_word(r->adopts->degree.v) : NULL);
		json_end(w);
		break;
	case TCOL_REPLACES:
		json_begin_array(w, col->key, JSON_PRETTY);
		for (size_t i = 0; i < r->replaces.n; i++)
			knumber(w, NULL, &r->replaces.v[i]);
		json_end(w);
		/* the 作废 half of the column is the status: say it as a flag */
		json_bool(w, "abolished", l->status == STATUS_ABOLISHED);
		break;
	case TCOL_STATUS:
		kstr(w, col->key, status_word(l->status, false));
		break;
	case TCOL_TYPE:
		kstr(w, col->key, type_word(r->type.v, false));
		break;
	case TCOL_ACTION:
		kstr(w, col->key, action_word(r->action.v, false));
		break;
	case TCOL_NOTE:
		kstr(w, col->key, r->note.s);
		/* data keeps the 立改废释 marker apart from the free text */
		if (action_too)
			kstr(w, "action", action_word(r->action.v, false));
		break;
	case TCOL_CATEGORY:
		kstr(w, col->key, l->cat ? l->cat->code.s : NULL);
		break;
	case TCOL_REPLACED_BY:
	case TCOL_REFS:
		json_begin_array(w, col->key, JSON_PRETTY);
		for (size_t i = 0; i < (col->id == TCOL_REFS ? r->refs.n : r->replaced_by.n); i++)
			knumber(w, NULL,
				col->id == TCOL_REFS ? &r->refs.v[i] : &r->replaced_by.v[i]);
		json_end(w);
		break;
	case TCOL_AMENDMENTS:
		krecords(w, col->key, &schema_amendment_rec, r->amendments, r->namendments);
		break;
	case TCOL_INTERPRETATIONS:
		krecords(w, col->key, &schema_interpretation_rec, r->interpretations,
			 r->ninterpretations);
		break;
	case TCOL_REVIEWS:
		krecords(w, col->key, &schema_review_rec, r->reviews, r->nreviews);
		break;
	case TCOL_PATH:
		/* the line's own text of the column: the path as the other formats show it */
		kstr(w, col->key, l->cells[col - t->detail.cols]);
		break;
	default: /* row_fields */
		break;
	}
}

static void detail(struct json_writer *w, const struct table *t)
{
	const struct table_detail *d = &t->detail;
	bool has_action = false;
	for (size_t c = 0; c < d->ncols; c++)
		has_action |= d->cols[c].id == TCOL_ACTION;
	json_begin_object(w, "detail", JSON_PRETTY);
	json_uint(w, "rows", d->nrows);
	json_begin_array(w, "columns", JSON_PRETTY);
	for (size_t c = 0; c < d->ncols; c++) {
		keyed_open(w, d->cols[c].key, "heading", d->cols[c].heading);
		json_end(w);
	}
	json_end(w);
	json_begin_array(w, "groups", JSON_PRETTY);
	bool open_group = false;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		if (l->kind == TABLE_LINE_GROUP) {
			if (open_group) {
				json_end(w);
				json_end(w);
			}
			json_begin_object(w, NULL, JSON_PRETTY);
			kstr(w, "code", l->cat ? l->cat->code.s : NULL);
			kstr(w, "title", l->cat ? l->cat->title.s : l->label);
			json_int(w, "depth", l->depth);
			json_bool(w, "vacant", l->cat && l->cat->vacant.v);
			json_begin_array(w, "rows", JSON_PRETTY);
			open_group = true;
			continue;
		}
		json_begin_object(w, NULL, JSON_PRETTY);
		for (size_t c = 0; c < d->ncols; c++)
			row_value(w, t, l, &d->cols[c], !has_action);
		json_end(w);
	}
	if (open_group) {
		json_end(w);
		json_end(w);
	}
	json_end(w);
	json_end(w);
}

static void stats(struct json_writer *w, const struct table *t)
{
	struct strbuf sb = STRBUF_INIT;
	json_begin_array(w, "stats", JSON_PRETTY);
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		keyed_open(w, g->key, "title", g->title);
		json_begin_array(w, "columns", JSON_PRETTY);
		for (size_t c = 0; c < g->ncols; c++) {
			keyed_open(w, g->cols[c].key, "heading", g->cols[c].heading);
			kstr(w, "kind",
			     g->cols[c].kind == TABLE_STAT_PERCENT ? "percent" : "count");
			json_end(w);
		}
		json_end(w);
		json_begin_array(w, "rows", JSON_PRETTY);
		for (size_t r = 0; r < g->nrows; r++) {
			const struct table_stat_row *row = &g->rows[r];
			keyed_open(w, row->key, "label", row->label);
			json_bool(w, "total", row->total);
			/* values on one line: a grid row reads as a row */
			json_begin_array(w, "values", JSON_LINE);
			for (size_t c = 0; c < g->ncols; c++) {
				if (g->cols[c].kind != TABLE_STAT_PERCENT) {
					json_int(w, NULL, row->v[c]);
				} else if (row->v[c] < 0) {
					json_null(w, NULL);
				} else {
					strbuf_reset(&sb);
					table_percent(row->v[c], &sb);
					json_number(w, NULL, sb.buf);
				}
			}
			json_end(w);
			json_end(w);
		}
		json_end(w);
		json_end(w);
	}
	json_end(w);
	strbuf_release(&sb);
}

int render_json(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	struct json_writer w;
	json_writer_init(&w, out, JSON_PRETTY);
	const struct system *s = t->sys;
	char date[11];
	json_begin_object(&w, NULL, JSON_PRETTY);
	kstr(&w, "zhun", "table");
	json_int(&w, "version", 1);
	kstr(&w, "lang", t->zh ? "zh" : "en");
	kstr(&w, "preset", table_preset_name(t->preset));
	table_date_str(&t->as_of, date);
	kstr(&w, "as_of", date);
	json_begin_object(&w, "system", JSON_PRETTY);
	kstr(&w, "id", s->id.s);
	kstr(&w, "title", s->title.s);
	kstr(&w, "owner", s->owner.s);
	kstr(&w, "edition", s->edition.s);
	kdate(&w, "date", &s->date);
	json_uint(&w, "rows", t->nrows);
	json_uint(&w, "existing", t->nexisting);
	json_end(&w);
	if (o->parts & TABLE_CHART)
		chart(&w, t);
	if (o->parts & TABLE_DETAIL)
		detail(&w, t);
	if (o->parts & TABLE_STATS)
		stats(&w, t);
	json_end(&w);
	strbuf_addc(out, '\n');
	json_writer_release(&w);
	return 0;
}
