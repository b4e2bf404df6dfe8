/* SPDX-License-Identifier: MIT */
/* render_eval_text: the 自我评价报告 as plain text for a terminal or a file. */
#include <string.h>

#include "eval.h"
#include "strbuf.h"
#include "table.h"

static void put(struct strbuf *out, const char *s)
{
	table_term_escape(out, s ? s : "");
}

static void index_block(const struct eval *e, const struct eval_index_value *v, struct strbuf *out)
{
	put(out, v->name);
	strbuf_adds(out, e->zh ? "：" : ": ");
	put(out, v->value);
	if (v->computed && v->unit != EVAL_SCORE)
		strbuf_addf(out, " (%ld/%ld)", v->num, v->den);
	if (v->trend)
		strbuf_addf(out, " (%s %s)", eval_word(e, "trend"), v->trend);
	if (!v->computed) {
		strbuf_adds(out, " — ");
		put(out, v->missing);
	}
	strbuf_adds(out, "\n  ");
	strbuf_adds(out, eval_word(e, "formula"));
	strbuf_adds(out, e->zh ? "：" : ": ");
	put(out, v->formula);
	strbuf_addc(out, '\n');
	for (size_t i = 0; i < v->nitems; i++) {
		strbuf_adds(out, v->items[i].counted ? "  [x] " : "  [ ] ");
		put(out, v->items[i].label);
		strbuf_adds(out, " — ");
		put(out, v->items[i].detail);
		strbuf_addc(out, '\n');
	}
}

int render_eval_text(const struct eval *e, struct strbuf *out)
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE], c[DATE_TEXT_SIZE];
	put(out, e->title);
	strbuf_addf(out, "\n%s%s%s    %s%s%s – %s\n", eval_word(e, "as-of"), e->zh ? "：" : ": ",
		    date_format(&e->as_of, a), eval_word(e, "period"), e->zh ? "：" : ": ",
		    date_format(&e->from, b), date_format(&e->to, c));
	strbuf_adds(out, eval_word(e, "outline-note"));
	strbuf_adds(out, "\n\n");
	strbuf_adds(out, eval_word(e, "summary"));
	strbuf_addc(out, '\n');
	for (int i = 0; i < EVAL__COUNT; i++) {
		const struct eval_index_value *v = &e->idx[i];
		strbuf_adds(out, "  ");
		put(out, v->name);
		strbuf_adds(out, e->zh ? "：" : ": ");
		put(out, v->value);
		if (v->computed && v->unit != EVAL_SCORE)
			strbuf_addf(out, " (%ld/%ld)", v->num, v->den);
		strbuf_addc(out, '\n');
	}
	for (size_t s = 0; s < e->nsections; s++) {
		const struct eval_section *sec = &e->sections[s];
		strbuf_addf(out, "\n%s%s%s\n", sec->num,
			    e->zh ? (sec->level == 1 ? "、" : "") : " ", sec->title);
		if (sec->open_actions) {
			strbuf_adds(out, eval_word(e, "open-actions"));
			strbuf_adds(out, e->zh ? "：" : ": ");
			if (!e->nopen)
				strbuf_adds(out, eval_word(e, "none"));
			strbuf_addc(out, '\n');
			for (size_t i = 0; i < e->nopen; i++) {
				strbuf_adds(out, "  - ");
				put(out, e->open_actions[i]);
				strbuf_addc(out, '\n');
			}
		}
		if (sec->placeholder)
			strbuf_addf(out, "%s%s\n", eval_word(e, "placeholder"), sec->placeholder);
		for (const enum eval_index *x = sec->indexes; *x != EVAL__COUNT; x++) {
			index_block(e, &e->idx[*x], out);
			if (*x == EVAL_IMPLEMENTATION)
				strbuf_addf(
				    out, e->zh ? "  %s：%ld 次，%s：%ld\n" : "  %s: %ld, %s: %ld\n",
				    eval_word(e, "trainings"), e->trainings,
				    eval_word(e, "participants"), e->participants);
			if (*x == EVAL_INSPECTIONS)
				for (size_t y = 0; y < e->nyears; y++)
					strbuf_addf(
					    out, e->zh ? "  %s %d：%s %ld\n" : "  %s %d: %s %ld\n",
					    eval_word(e, "year"), e->years[y].year,
					    eval_word(e, "inspections"), e->years[y].inspections);
		}
	}
	return 0;
}
