/* SPDX-License-Identifier: MIT */
/* render_eval_html: the 自我评价报告 as one self-contained HTML page; each index's figure
 * carries data-index, data-num and data-den so that a reader (and the tests) find it. */
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "markup.h"
#include "strbuf.h"

static void esc(struct strbuf *out, const char *s)
{
	s = s ? s : "";
	markup_escape(out, s, strlen(s), MARKUP_QUOT | MARKUP_BAD_SPACE);
}

/* A table row of n cells, `tag` th or td; `index`: the key of the index the row is about
 * (data-index), or NULL. */
static void row(struct strbuf *out, const char *tag, const char *index, const char *const *cells,
		size_t n)
{
	if (index)
		strbuf_addf(out, "<tr data-index=\"%s\">", index);
	else
		strbuf_adds(out, "<tr>");
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(out, "<%s>", tag);
		esc(out, cells[i]);
		strbuf_addf(out, "</%s>", tag);
	}
	strbuf_adds(out, "</tr>\n");
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
	const char *head[] = { eval_word(e, "item"), eval_word(e, "detail"),
			       eval_word(e, "counted") };
	strbuf_adds(out, "<table>\n");
	row(out, "th", NULL, head, 3);
	for (size_t i = 0; i < v->nitems; i++) {
		const struct eval_item *it = &v->items[i];
		const char *cells[] = { it->label, it->detail,
					eval_word(e, it->counted ? "yes" : "no") };
		row(out, "td", NULL, cells, 3);
	}
	strbuf_adds(out, "</table>\n");
}

static void years(const struct eval *e, struct strbuf *out)
{
	const char *head[] = { eval_word(e, "year"), eval_word(e, "inspections") };
	strbuf_adds(out, "<table>\n");
	row(out, "th", NULL, head, 2);
	for (size_t y = 0; y < e->nyears; y++) {
		char year[32], n[32];
		snprintf(year, sizeof year, "%d", e->years[y].year);
		snprintf(n, sizeof n, "%ld", e->years[y].inspections);
		row(out, "td", NULL, (const char *[]){ year, n }, 2);
	}
	strbuf_adds(out, "</table>\n");
}

static const struct eval_parts parts = { esc, index_block, years };

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
	const char *head[] = { eval_word(e, "index"), eval_word(e, "value"),
			       eval_word(e, "numerator"), eval_word(e, "denominator"),
			       eval_word(e, "formula") };
	strbuf_addf(out, "<h2>%s</h2>\n<table class=\"summary\">\n", eval_word(e, "summary"));
	row(out, "th", NULL, head, 5);
	for (int i = 0; i < EVAL__COUNT; i++) {
		const struct eval_index_value *v = &e->idx[i];
		char num[32], den[32];
		eval_fraction(v, num, den);
		row(out, "td", v->key, (const char *[]){ v->name, v->value, num, den, v->formula },
		    5);
	}
	strbuf_adds(out, "</table>\n");
	eval_draw_sections(e, EVAL_MARKUP_HTML, &parts, out);
	strbuf_adds(out, "</body>\n</html>\n");
	return 0;
}
