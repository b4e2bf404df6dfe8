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

static void years(const struct eval *e, struct strbuf *out)
{
	for (size_t y = 0; y < e->nyears; y++)
		strbuf_addf(out, e->zh ? "  %s %d：%s %ld\n" : "  %s %d: %s %ld\n",
			    eval_word(e, "year"), e->years[y].year, eval_word(e, "inspections"),
			    e->years[y].inspections);
}

static const struct eval_parts parts = { put, index_block, years };

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
	eval_draw_sections(e, EVAL_MARKUP_TEXT, &parts, out);
	return 0;
}
