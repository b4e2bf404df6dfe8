/* SPDX-License-Identifier: MIT */
/* render_json: the 标准体系表 as data — a versioned envelope ({"zhun": "table", "version": 1, …})
 * holding the chart as a nested tree with counts, the detail rows with typed values (English
 * enum words, ISO dates, arrays) grouped by category, and the statistics grids. Headings and
 * titles follow the language; values never do. */
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "table.h"

/* A small pretty-printer: one value per line, two-space indent, commas handled by `first`. */
struct jw {
	struct strbuf *out;
	int depth;
	bool first[72];
};

/* Runs that need no escape are copied with one strbuf_add: per-byte appends were most of
 * `table --format json`. */
static void jstr(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		strbuf_add(out, run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"':
			strbuf_adds(out, "\\\"");
			break;
		case '\\':
			strbuf_adds(out, "\\\\");
			break;
		case '\n':
			strbuf_adds(out, "\\n");
			break;
		case '\r':
			strbuf_adds(out, "\\r");
			break;
		case '\t':
			strbuf_adds(out, "\\t");
			break;
		default:
			strbuf_addf(out, "\\u%04x", *p);
		}
	}
	strbuf_addc(out, '"');
}

/* Two spaces a level, in one append (depth stays below 71). */
static void indent(const struct jw *w)
{
	static const char spaces[] =
	    "                                                                "
	    "                                                                "
	    "                ";
	size_t n = 2 * (size_t)w->depth;
	strbuf_add(w->out, spaces, n < sizeof spaces - 1 ? n : sizeof spaces - 1);
}

/* Start a member (or array element when key is NULL). */
static void member(struct jw *w, const char *key)
{
	if (!w->first[w->depth])
		strbuf_addc(w->out, ',');
	w->first[w->depth] = false;
	strbuf_addc(w->out, '\n');
	indent(w);
	if (key) {
		jstr(w->out, key);
		strbuf_adds(w->out, ": ");
	}
}

static void open_(struct jw *w, const char *key, char c)
{
	member(w, key);
	strbuf_addc(w->out, c);
	if (w->depth < 70)
		w->depth++;
	w->first[w->depth] = true;
}

static void close_(struct jw *w, char c)
{
	bool empty = w->first[w->depth];
	w->depth--;
	if (!empty) {
		strbuf_addc(w->out, '\n');
		indent(w);
	}
	strbuf_addc(w->out, c);
}

static void kstr(struct jw *w, const char *key, const char *v)
{
	member(w, key);
	if (v && *v)
		jstr(w->out, v);
	else
		strbuf_adds(w->out, "null");
}

static void knum(struct jw *w, const char *key, long v)
{
	member(w, key);
	if (v < 0)
		strbuf_addc(w->out, '-');
	strbuf_addu(w->out, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}

static void kbool(struct jw *w, const char *key, bool v)
{
	member(w, key);
	strbuf_adds(w->out, v ? "true" : "false");
}

static void kdate(struct jw *w, const char *key, const struct date *d)
{
	char buf[11];
	table_date_str(d, buf);
	kstr(w, key, buf);
}

static void knumber(struct jw *w, const char *key, const struct numtext *n)
{
	struct strbuf sb = STRBUF_INIT;
	if (n->ok)
		stdno_format(&n->no, &sb);
	else if (n->text.s)
		strbuf_adds(&sb, n->text.s);
	kstr(w, key, sb.buf);
	strbuf_release(&sb);
}

static void chart_node(struct jw *w, const struct table *t, const struct category *c)
{
	const struct table_chart_node *nd = &t->chart.nodes[c->index];
	open_(w, NULL, '{');
	kstr(w, "code", c->code.s);
	kstr(w, "title", c->title.s);
	kbool(w, "vacant", c->vacant.v);
	knum(w, "total", (long)nd->total);
	knum(w, "existing", (long)nd->existing);
	knum(w, "direct", (long)nd->direct);
	if (c->nchildren) {
		open_(w, "categories", '[');
		for (size_t i = 0; i < c->nchildren; i++)
			chart_node(w, t, &c->children[i]);
		close_(w, ']');
	}
	close_(w, '}');
}

static void chart(struct jw *w, const struct table *t)
{
	open_(w, "chart", '{');
	kstr(w, "title", t->chart.title);
	knum(w, "total", (long)t->nrows);
	knum(w, "existing", (long)t->nexisting);
	knum(w, "unfiled", (long)t->chart.unfiled);
	open_(w, "categories", '[');
	for (size_t i = 0; i < t->sys->ncategories; i++)
		chart_node(w, t, &t->sys->categories[i]);
	close_(w, ']');
	close_(w, '}');
}

static void row_value(struct jw *w, const struct table *t, const struct table_line *l,
		      const struct table_column *col, bool action_too)
{
	const struct row *r = l->row;
	switch (col->id) {
	case TCOL_SEQ:
		knum(w, col->key, (long)l->seq);
		break;
	case TCOL_CODE:
		kstr(w, col->key, r->code.s);
		break;
	case TCOL_TITLE:
		kstr(w, col->key, r->title.s);
		break;
	case TCOL_TITLE_EN:
		kstr(w, col->key, r->title_en.s);
		break;
	case TCOL_NUMBER:
		knumber(w, col->key, &r->number);
		break;
	case TCOL_LEVEL:
		kstr(w, col->key, level_word(r->level_eff, false));
		break;
	case TCOL_PUBLISHED:
		kdate(w, col->key, &r->published);
		break;
	case TCOL_EFFECTIVE:
		kdate(w, col->key, &r->effective);
		break;
	case TCOL_WITHDRAWN:
		kdate(w, col->key, &r->withdrawn);
		break;
	case TCOL_ADOPTS:
		if (!r->adopts) {
			kstr(w, col->key, NULL);
			break;
		}
		open_(w, col->key, '{');
		kstr(w, "standard", r->adopts->standard.s);
		kstr(w, "degree", r->adopts->degree.v ? degree_word(r->adopts->degree.v) : NULL);
		close_(w, '}');
		break;
	case TCOL_REPLACES:
		open_(w, col->key, '[');
		for (size_t i = 0; i < r->replaces.n; i++)
			knumber(w, NULL, &r->replaces.v[i]);
		close_(w, ']');
		/* the 作废 half of the column is the status: say it as a flag */
		kbool(w, "abolished", l->status == STATUS_ABOLISHED);
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
	case TCOL__COUNT:
		break;
	}
}

static void detail(struct jw *w, const struct table *t)
{
	const struct table_detail *d = &t->detail;
	bool has_action = false;
	for (size_t c = 0; c < d->ncols; c++)
		has_action |= d->cols[c].id == TCOL_ACTION;
	open_(w, "detail", '{');
	knum(w, "rows", (long)d->nrows);
	open_(w, "columns", '[');
	for (size_t c = 0; c < d->ncols; c++) {
		open_(w, NULL, '{');
		kstr(w, "key", d->cols[c].key);
		kstr(w, "heading", d->cols[c].heading);
		close_(w, '}');
	}
	close_(w, ']');
	open_(w, "groups", '[');
	bool open_group = false;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct table_line *l = &d->lines[i];
		if (l->kind == TABLE_LINE_GROUP) {
			if (open_group) {
				close_(w, ']');
				close_(w, '}');
			}
			open_(w, NULL, '{');
			kstr(w, "code", l->cat ? l->cat->code.s : NULL);
			kstr(w, "title", l->cat ? l->cat->title.s : l->label);
			knum(w, "depth", l->depth);
			kbool(w, "vacant", l->cat && l->cat->vacant.v);
			open_(w, "rows", '[');
			open_group = true;
			continue;
		}
		open_(w, NULL, '{');
		for (size_t c = 0; c < d->ncols; c++)
			row_value(w, t, l, &d->cols[c], !has_action);
		close_(w, '}');
	}
	if (open_group) {
		close_(w, ']');
		close_(w, '}');
	}
	close_(w, ']');
	close_(w, '}');
}

static void stats(struct jw *w, const struct table *t)
{
	struct strbuf sb = STRBUF_INIT;
	open_(w, "stats", '[');
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		open_(w, NULL, '{');
		kstr(w, "key", g->key);
		kstr(w, "title", g->title);
		open_(w, "columns", '[');
		for (size_t c = 0; c < g->ncols; c++) {
			open_(w, NULL, '{');
			kstr(w, "key", g->cols[c].key);
			kstr(w, "heading", g->cols[c].heading);
			kstr(w, "kind", g->cols[c].kind == TABLE_STAT_PERCENT ? "percent" : "count");
			close_(w, '}');
		}
		close_(w, ']');
		open_(w, "rows", '[');
		for (size_t r = 0; r < g->nrows; r++) {
			const struct table_stat_row *row = &g->rows[r];
			open_(w, NULL, '{');
			kstr(w, "key", row->key);
			kstr(w, "label", row->label);
			kbool(w, "total", row->total);
			/* values on one line: a grid row reads as a row */
			member(w, "values");
			strbuf_addc(w->out, '[');
			for (size_t c = 0; c < g->ncols; c++) {
				if (c)
					strbuf_adds(w->out, ", ");
				strbuf_reset(&sb);
				if (g->cols[c].kind == TABLE_STAT_PERCENT && row->v[c] >= 0)
					table_percent(row->v[c], &sb);
				else if (g->cols[c].kind == TABLE_STAT_PERCENT)
					strbuf_adds(&sb, "null");
				else
					strbuf_addf(&sb, "%ld", row->v[c]);
				strbuf_add(w->out, sb.buf, sb.len);
			}
			strbuf_addc(w->out, ']');
			close_(w, '}');
		}
		close_(w, ']');
		close_(w, '}');
	}
	close_(w, ']');
	strbuf_release(&sb);
}

int render_json(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	struct jw w = { out, 0, { true } };
	const struct system *s = t->sys;
	char date[11];
	strbuf_addc(out, '{');
	w.depth = 1;
	w.first[1] = true;
	kstr(&w, "zhun", "table");
	knum(&w, "version", 1);
	kstr(&w, "lang", t->zh ? "zh" : "en");
	kstr(&w, "preset", table_preset_name(t->preset));
	table_date_str(&t->as_of, date);
	kstr(&w, "as_of", date);
	open_(&w, "system", '{');
	kstr(&w, "id", s->id.s);
	kstr(&w, "title", s->title.s);
	kstr(&w, "owner", s->owner.s);
	kstr(&w, "edition", s->edition.s);
	kdate(&w, "date", &s->date);
	knum(&w, "rows", (long)t->nrows);
	knum(&w, "existing", (long)t->nexisting);
	close_(&w, '}');
	if (o->parts & TABLE_CHART)
		chart(&w, t);
	if (o->parts & TABLE_DETAIL)
		detail(&w, t);
	if (o->parts & TABLE_STATS)
		stats(&w, t);
	strbuf_adds(out, "\n}\n");
	return 0;
}
