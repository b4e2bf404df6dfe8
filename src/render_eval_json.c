/* SPDX-License-Identifier: MIT */
/* render_eval_json: the evaluation model as JSON (docs/eval.md §JSON): every index with its
 * figure, numerator, denominator, formula and the things it counted; the report's outline. */
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "json.h"
#include "strbuf.h"

static const char *unit_name(enum eval_unit u)
{
	return u == EVAL_PERCENT ? "percent" : u == EVAL_PER_YEAR ? "per-year" : "score";
}

/* The figure as a JSON number: the text every format prints, without its % sign. */
static void number(struct json_writer *w, const char *key, const struct eval_index_value *v)
{
	if (!v->computed) {
		json_null(w, key);
		return;
	}
	char buf[32];
	snprintf(buf, sizeof buf, "%s", v->value);
	char *pct = strchr(buf, '%');
	if (pct)
		*pct = '\0';
	json_number(w, key, buf);
}

int render_eval_json(const struct eval *e, struct strbuf *out)
{
	struct json_writer w;
	json_writer_init(&w, out, JSON_PRETTY);
	char a[DATE_TEXT_SIZE];
	json_begin_object(&w, NULL, JSON_PRETTY);
	json_string(&w, "title", e->title);
	json_string(&w, "system", e->system->id.s);
	json_string(&w, "as-of", date_format(&e->as_of, a));
	json_begin_object(&w, "period", JSON_LINE);
	json_string(&w, "from", date_format(&e->from, a));
	json_string(&w, "to", date_format(&e->to, a));
	json_end(&w);
	json_uint(&w, "records-files", e->nrecords);
	json_begin_array(&w, "indexes", JSON_PRETTY);
	for (int i = 0; i < EVAL__COUNT; i++) {
		const struct eval_index_value *v = &e->idx[i];
		json_begin_object(&w, NULL, JSON_PRETTY);
		json_string(&w, "key", v->key);
		json_string(&w, "name", v->name);
		json_string(&w, "unit", unit_name(v->unit));
		json_bool(&w, "computed", v->computed);
		number(&w, "value", v);
		json_string(&w, "text", v->value);
		if (v->computed && v->unit != EVAL_SCORE) {
			json_int(&w, "numerator", v->num);
			json_int(&w, "denominator", v->den);
		}
		if (v->trend)
			json_number(&w, "trend", v->trend[0] == '+' ? v->trend + 1 : v->trend);
		if (!v->computed)
			json_string(&w, "missing", v->missing);
		json_string(&w, "formula", v->formula);
		json_begin_array(&w, "items", JSON_PRETTY);
		for (size_t k = 0; k < v->nitems; k++) {
			json_begin_object(&w, NULL, JSON_LINE);
			json_string(&w, "label", v->items[k].label);
			json_string(&w, "detail", v->items[k].detail);
			json_bool(&w, "counted", v->items[k].counted);
			json_end(&w);
		}
		json_end(&w);
		json_end(&w);
	}
	json_end(&w);
	json_begin_array(&w, "inspections-by-year", JSON_PRETTY);
	for (size_t y = 0; y < e->nyears; y++) {
		json_begin_object(&w, NULL, JSON_LINE);
		json_int(&w, "year", e->years[y].year);
		json_int(&w, "inspections", e->years[y].inspections);
		json_end(&w);
	}
	json_end(&w);
	json_begin_object(&w, "trainings", JSON_LINE);
	json_int(&w, "sessions", e->trainings);
	json_int(&w, "participants", e->participants);
	json_end(&w);
	json_begin_array(&w, "open-actions", JSON_PRETTY);
	for (size_t i = 0; i < e->nopen; i++)
		json_string(&w, NULL, e->open_actions[i]);
	json_end(&w);
	json_begin_array(&w, "outline", JSON_PRETTY);
	for (size_t s = 0; s < e->nsections; s++) {
		const struct eval_section *sec = &e->sections[s];
		json_begin_object(&w, NULL, JSON_LINE);
		json_string(&w, "num", sec->num);
		json_string(&w, "title", sec->title);
		json_int(&w, "level", sec->level);
		json_begin_array(&w, "indexes", JSON_LINE);
		for (const enum eval_index *x = sec->indexes; *x != EVAL__COUNT; x++)
			json_string(&w, NULL, e->idx[*x].key);
		json_end(&w);
		if (sec->placeholder)
			json_string(&w, "to-write", sec->placeholder);
		json_end(&w);
	}
	json_end(&w);
	json_end(&w);
	strbuf_addc(out, '\n');
	json_writer_release(&w);
	return 0;
}
