/* SPDX-License-Identifier: MIT */
/* render_eval_html: the 自我评价报告 as one self-contained HTML page; each index's figure
 * carries data-index, data-num and data-den so that a reader (and the tests) find it. */
#include <string.h>

#include "eval.h"
#include "markup.h"
#include "strbuf.h"

static void esc(struct strbuf *out, const char *s)
{
	s = s ? s : "";
	markup_escape(out, s, strlen(s), MARKUP_QUOT | MARKUP_BAD_SPACE);
}

static void figure(const struct eval_index_value *v, struct strbuf *out)
{
	strbuf_addf(out, "<span class=\"figure\" data-index=\"%s\"", v->key);
	if (v->computed && v->unit != EVAL_SCORE)
		strbuf_addf(out, " data-num=\"%ld\" data-den=\"%ld\"", v->num, v->den);
	strbuf_adds(out, ">");
	esc(out, v->value);
	strbuf_adds(out, "</span>");
	if (v->computed && v->unit != EVAL_SCORE)
		strbuf_addf(out, " (%ld/%ld)", v->num, v->den);
	if (v->trend) {
		strbuf_adds(out, " (");
		esc(out, v->trend);
		strbuf_adds(out, ")");
	}
}

static void index_block(const struct eval *e, const struct eval_index_value *v, struct strbuf *out)
{
	strbuf_adds(out, "<p><strong>");
	esc(out, v->name);
	strbuf_adds(out, "</strong>");
	strbuf_adds(out, e->zh ? "：" : ": ");
	figure(v, out);
	if (!v->computed) {
		strbuf_adds(out, " — ");
		esc(out, v->missing);
	}
	strbuf_addf(out, "</p>\n<p class=\"formula\">%s%s", eval_word(e, "formula"),
		    e->zh ? "：" : ": ");
	esc(out, v->formula);
	strbuf_adds(out, "</p>\n");
	if (!v->nitems)
		return;
	strbuf_addf(out, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		    eval_word(e, "item"), eval_word(e, "detail"), eval_word(e, "counted"));
	for (size_t i = 0; i < v->nitems; i++) {
		strbuf_adds(out, "<tr><td>");
		esc(out, v->items[i].label);
		strbuf_adds(out, "</td><td>");
		esc(out, v->items[i].detail);
		strbuf_addf(out, "</td><td>%s</td></tr>\n",
			    eval_word(e, v->items[i].counted ? "yes" : "no"));
	}
	strbuf_adds(out, "</table>\n");
}

int render_eval_html(const struct eval *e, struct strbuf *out)
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE], c[DATE_TEXT_SIZE];
	strbuf_addf(
	    out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
	    e->zh ? "zh-CN" : "en");
	esc(out, e->title);
	strbuf_adds(
	    out,
	    "</title>\n<style>\nbody{font-family:\"SimSun\",\"Songti "
	    "SC\",serif;max-width:60em;margin:2em auto;line-height:1.6}\n"
	    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #000;padding:.2em "
	    ".5em}th{white-space:nowrap}\n"
	    ".placeholder{color:#a00}.formula{font-size:90%}\n</style>\n</head>\n<body>\n<h1>");
	esc(out, e->title);
	strbuf_addf(out, "</h1>\n<p>%s%s%s%s%s%s%s – %s</p>\n<p>%s</p>\n", eval_word(e, "as-of"),
		    e->zh ? "：" : ": ", date_format(&e->as_of, a), e->zh ? "；" : "; ",
		    eval_word(e, "period"), e->zh ? "：" : ": ", date_format(&e->from, b),
		    date_format(&e->to, c), eval_word(e, "outline-note"));
	strbuf_addf(out,
		    "<h2>%s</h2>\n<table "
		    "class=\"summary\">\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</"
		    "th></tr>\n",
		    eval_word(e, "summary"), eval_word(e, "index"), eval_word(e, "value"),
		    eval_word(e, "numerator"), eval_word(e, "denominator"),
		    eval_word(e, "formula"));
	for (int i = 0; i < EVAL__COUNT; i++) {
		const struct eval_index_value *v = &e->idx[i];
		strbuf_addf(out, "<tr data-index=\"%s\"><td>", v->key);
		esc(out, v->name);
		strbuf_adds(out, "</td><td>");
		esc(out, v->value);
		if (v->computed && v->unit != EVAL_SCORE)
			strbuf_addf(out, "</td><td>%ld</td><td>%ld</td><td>", v->num, v->den);
		else
			strbuf_adds(out, "</td><td>—</td><td>—</td><td>");
		esc(out, v->formula);
		strbuf_adds(out, "</td></tr>\n");
	}
	strbuf_adds(out, "</table>\n");
	for (size_t s = 0; s < e->nsections; s++) {
		const struct eval_section *sec = &e->sections[s];
		strbuf_addf(out, "<h%d>%s%s%s</h%d>\n", sec->level + 1, sec->num,
			    e->zh ? (sec->level == 1 ? "、" : "") : " ", sec->title,
			    sec->level + 1);
		if (sec->open_actions) {
			strbuf_addf(out, "<p>%s%s%s</p>\n", eval_word(e, "open-actions"),
				    e->zh ? "：" : ": ", e->nopen ? "" : eval_word(e, "none"));
			if (e->nopen) {
				strbuf_adds(out, "<ul>\n");
				for (size_t i = 0; i < e->nopen; i++) {
					strbuf_adds(out, "<li>");
					esc(out, e->open_actions[i]);
					strbuf_adds(out, "</li>\n");
				}
				strbuf_adds(out, "</ul>\n");
			}
		}
		if (sec->placeholder)
			strbuf_addf(out, "<p class=\"placeholder\">%s%s</p>\n",
				    eval_word(e, "placeholder"), sec->placeholder);
		for (const enum eval_index *x = sec->indexes; *x != EVAL__COUNT; x++) {
			index_block(e, &e->idx[*x], out);
			if (*x == EVAL_IMPLEMENTATION)
				strbuf_addf(out,
					    e->zh ? "<p>%s：%ld 次；%s：%ld</p>\n"
						  : "<p>%s: %ld; %s: %ld</p>\n",
					    eval_word(e, "trainings"), e->trainings,
					    eval_word(e, "participants"), e->participants);
			if (*x == EVAL_INSPECTIONS && e->nyears) {
				strbuf_addf(out, "<table>\n<tr><th>%s</th><th>%s</th></tr>\n",
					    eval_word(e, "year"), eval_word(e, "inspections"));
				for (size_t y = 0; y < e->nyears; y++)
					strbuf_addf(out, "<tr><td>%d</td><td>%ld</td></tr>\n",
						    e->years[y].year, e->years[y].inspections);
				strbuf_adds(out, "</table>\n");
			}
		}
	}
	strbuf_adds(out, "</body>\n</html>\n");
	return 0;
}
