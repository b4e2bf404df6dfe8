/* SPDX-License-Identifier: MIT */
/* render_eval_markdown: the 自我评价报告 as Markdown: headings per section, a pipe table per
 * index with the things it counted. */
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
	strbuf_addf(out, "| %s | %s | %s |\n|---|---|---|\n", eval_word(e, "item"),
		    eval_word(e, "detail"), eval_word(e, "counted"));
	for (size_t i = 0; i < v->nitems; i++) {
		strbuf_adds(out, "| ");
		cell(out, v->items[i].label);
		strbuf_adds(out, " | ");
		cell(out, v->items[i].detail);
		strbuf_addf(out, " | %s |\n", eval_word(e, v->items[i].counted ? "yes" : "no"));
	}
	strbuf_addc(out, '\n');
}

int render_eval_markdown(const struct eval *e, struct strbuf *out)
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE], c[DATE_TEXT_SIZE];
	strbuf_adds(out, "# ");
	cell(out, e->title);
	strbuf_addf(out, "\n\n%s%s%s%s%s%s%s – %s\n\n", eval_word(e, "as-of"), e->zh ? "：" : ": ",
		    date_format(&e->as_of, a), e->zh ? "；" : "; ", eval_word(e, "period"),
		    e->zh ? "：" : ": ", date_format(&e->from, b), date_format(&e->to, c));
	strbuf_addf(out, "%s\n\n## %s\n\n", eval_word(e, "outline-note"), eval_word(e, "summary"));
	strbuf_addf(out, "| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
		    eval_word(e, "index"), eval_word(e, "value"), eval_word(e, "numerator"),
		    eval_word(e, "denominator"), eval_word(e, "formula"));
	for (int i = 0; i < EVAL__COUNT; i++) {
		const struct eval_index_value *v = &e->idx[i];
		strbuf_adds(out, "| ");
		cell(out, v->name);
		strbuf_adds(out, " | ");
		cell(out, v->value);
		if (v->computed && v->unit != EVAL_SCORE)
			strbuf_addf(out, " | %ld | %ld | ", v->num, v->den);
		else
			strbuf_adds(out, " | — | — | ");
		cell(out, v->formula);
		strbuf_adds(out, " |\n");
	}
	strbuf_addc(out, '\n');
	for (size_t s = 0; s < e->nsections; s++) {
		const struct eval_section *sec = &e->sections[s];
		strbuf_addf(out, "%s %s%s%s\n\n", sec->level == 1 ? "##" : "###", sec->num,
			    e->zh ? (sec->level == 1 ? "、" : "") : " ", sec->title);
		if (sec->open_actions) {
			strbuf_addf(out, "%s%s", eval_word(e, "open-actions"), e->zh ? "：" : ": ");
			strbuf_adds(out, e->nopen ? "\n\n" : eval_word(e, "none"));
			for (size_t i = 0; i < e->nopen; i++) {
				strbuf_adds(out, "- ");
				cell(out, e->open_actions[i]);
				strbuf_addc(out, '\n');
			}
			strbuf_adds(out, e->nopen ? "\n" : "\n\n");
		}
		if (sec->placeholder)
			strbuf_addf(out, "%s%s\n\n", eval_word(e, "placeholder"), sec->placeholder);
		for (const enum eval_index *x = sec->indexes; *x != EVAL__COUNT; x++) {
			index_block(e, &e->idx[*x], out);
			if (*x == EVAL_IMPLEMENTATION)
				strbuf_addf(
				    out, e->zh ? "%s：%ld 次；%s：%ld\n\n" : "%s: %ld; %s: %ld\n\n",
				    eval_word(e, "trainings"), e->trainings,
				    eval_word(e, "participants"), e->participants);
			if (*x == EVAL_INSPECTIONS && e->nyears) {
				strbuf_addf(out, "| %s | %s |\n|---|---|\n", eval_word(e, "year"),
					    eval_word(e, "inspections"));
				for (size_t y = 0; y < e->nyears; y++)
					strbuf_addf(out, "| %d | %ld |\n", e->years[y].year,
						    e->years[y].inspections);
				strbuf_addc(out, '\n');
			}
		}
	}
	return 0;
}
