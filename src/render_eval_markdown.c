/* SPDX-License-Identifier: MIT */
/* render_eval_markdown: the 自我评价报告 as Markdown: headings per section, a pipe table per
 * index with the things it counted. */
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "strbuf.h"
#include "table.h"

/* Cell text: pipes and backslashes escaped, line breaks as <br>, '<' as an entity, controls
 * made visible (table_term_escape). */
static void cell(struct strbuf *out, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	table_term_escape(&tmp, s ? s : "");
	for (const char *p = tmp.buf ? tmp.buf : ""; *p; p++) {
		if (*p == '|' || *p == '\\')
			strbuf_addc(out, '\\');
		if (*p == '\n')
			strbuf_adds(out, "<br>");
		else if (*p == '<')
			strbuf_adds(out, "&lt;");
		else if (*p != '\r')
			strbuf_addc(out, *p);
	}
	strbuf_release(&tmp);
}

/* A table row of n cells. */
static void row(struct strbuf *out, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(out, "| ");
		cell(out, cells[i]);
		strbuf_addc(out, ' ');
	}
	strbuf_adds(out, "|\n");
}

/* A table's header row and the rule under it. */
static void head(struct strbuf *out, const char *const *cells, size_t n)
{
	row(out, cells, n);
	for (size_t i = 0; i < n; i++)
		strbuf_adds(out, "|---");
	strbuf_adds(out, "|\n");
}

static void figure(const struct eval_index_value *v, struct strbuf *out)
{
	cell(out, v->value);
	if (v->computed && v->unit != EVAL_SCORE)
		strbuf_addf(out, " (%ld/%ld)", v->num, v->den);
	if (v->trend)
		strbuf_addf(out, " (%s)", v->trend);
}

static void index_block(const struct eval *e, const struct eval_index_value *v, struct strbuf *out)
{
	strbuf_adds(out, "**");
	cell(out, v->name);
	strbuf_adds(out, e->zh ? "**：" : "**: ");
	figure(v, out);
	if (!v->computed) {
		strbuf_adds(out, " — ");
		cell(out, v->missing);
	}
	strbuf_addf(out, "\n\n%s%s", eval_word(e, "formula"), e->zh ? "：" : ": ");
	cell(out, v->formula);
	strbuf_adds(out, "\n\n");
	if (!v->nitems)
		return;
	head(out,
	     (const char *[]){ eval_word(e, "item"), eval_word(e, "detail"),
			       eval_word(e, "counted") },
	     3);
	for (size_t i = 0; i < v->nitems; i++) {
		const struct eval_item *it = &v->items[i];
		row(out,
		    (const char *[]){ it->label, it->detail,
				      eval_word(e, it->counted ? "yes" : "no") },
		    3);
	}
	strbuf_addc(out, '\n');
}

static void years(const struct eval *e, struct strbuf *out)
{
	head(out, (const char *[]){ eval_word(e, "year"), eval_word(e, "inspections") }, 2);
	for (size_t y = 0; y < e->nyears; y++) {
		char year[32], n[32];
		snprintf(year, sizeof year, "%d", e->years[y].year);
		snprintf(n, sizeof n, "%ld", e->years[y].inspections);
		row(out, (const char *[]){ year, n }, 2);
	}
	strbuf_addc(out, '\n');
}

static const struct eval_parts parts = { cell, index_block, years };

int render_eval_markdown(const struct eval *e, struct strbuf *out)
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE], c[DATE_TEXT_SIZE];
	strbuf_adds(out, "# ");
	cell(out, e->title);
	strbuf_addf(out, "\n\n%s%s%s%s%s%s%s – %s\n\n", eval_word(e, "as-of"), e->zh ? "：" : ": ",
		    date_format(&e->as_of, a), e->zh ? "；" : "; ", eval_word(e, "period"),
		    e->zh ? "：" : ": ", date_format(&e->from, b), date_format(&e->to, c));
	strbuf_addf(out, "%s\n\n## %s\n\n", eval_word(e, "outline-note"), eval_word(e, "summary"));
	head(out,
	     (const char *[]){ eval_word(e, "index"), eval_word(e, "value"),
			       eval_word(e, "numerator"), eval_word(e, "denominator"),
			       eval_word(e, "formula") },
	     5);
	for (int i = 0; i < EVAL__COUNT; i++) {
		const struct eval_index_value *v = &e->idx[i];
		char num[32], den[32];
		eval_fraction(v, num, den);
		row(out, (const char *[]){ v->name, v->value, num, den, v->formula }, 5);
	}
	strbuf_addc(out, '\n');
	eval_draw_sections(e, EVAL_MARKUP_MARKDOWN, &parts, out);
	return 0;
}
