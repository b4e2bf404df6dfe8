/* SPDX-License-Identifier: MIT */
/* render_dot: the 标准体系结构图 as a Graphviz digraph for people who lay it out themselves.
 * Nodes are named by pre-order position (c0, c1, …) so no user text ever becomes an identifier;
 * labels are quoted and escaped; `ordering=out` keeps siblings in input order (never by code). */
#include "strbuf.h"
#include "table.h"

/* A DOT double-quoted string: '"' and '\' escaped (a lone backslash would start an escape
 * sequence such as \n or \l in a label), line breaks as \n. The file is read on terminals
 * too (stdout is the default), so control and bidirectional formatting characters are escaped
 * first (table_term_escape): an escape sequence in a title must not reach the screen. */
static void quoted(struct strbuf *out, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	if (!table_term_clean(s)) {
		table_term_escape(&tmp, s);
		s = tmp.buf;
	}
	strbuf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addc(out, '\\');
		if (*s == '\n')
			strbuf_adds(out, "\\n");
		else if (*s != '\r')
			strbuf_addc(out, *s);
	}
	strbuf_addc(out, '"');
	strbuf_release(&tmp);
}

int render_dot(const struct table *t, const struct table_render_opts *o, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *font = "Noto Sans CJK SC";
	strbuf_adds(out, "digraph zhun_chart {\n");
	strbuf_adds(out, "  graph [rankdir=TB, ordering=out, nodesep=0.25, ranksep=0.5, label=");
	quoted(out, table_part_title(t, TABLE_CHART));
	strbuf_adds(out, ", labelloc=t, fontname=");
	quoted(out, font);
	strbuf_adds(out, "];\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", "
			 "color=\"#5b7fa6\", fontname=");
	quoted(out, font);
	strbuf_adds(out, ", fontsize=12];\n  edge [arrowhead=none, color=\"#5b7fa6\"];\n");
	strbuf_adds(out, "  root [label=");
	strbuf_adds(&sb, t->chart.title);
	if (t->counts)
		strbuf_addf(&sb, t->zh ? "（%zu）" : " (%zu)", t->nrows);
	quoted(out, sb.buf);
	strbuf_adds(out, ", fillcolor=\"#1f4e79\", fontcolor=\"#ffffff\", fontsize=16];\n");
	for (size_t i = 0; i < t->chart.n; i++) {
		const struct table_chart_node *nd = &t->chart.nodes[i];
		strbuf_reset(&sb);
		table_chart_box_text(t, nd, &sb);
		if (nd->cat->vacant.v)
			strbuf_addf(&sb, t->zh ? "（%s）" : " (%s)", table_vacant_word(t));
		strbuf_addf(out, "  c%zu [label=", i);
		quoted(out, sb.buf);
		if (nd->cat->depth == 0)
			strbuf_adds(out, ", fillcolor=\"#dbe8f5\", color=\"#1f4e79\"");
		if (nd->cat->vacant.v)
			strbuf_adds(out, ", style=\"rounded,dashed\"");
		strbuf_adds(out, "];\n");
	}
	for (size_t i = 0; i < t->chart.n; i++) {
		const struct category *p = t->chart.nodes[i].cat->parent;
		if (p)
			strbuf_addf(out, "  c%zu -> c%zu;\n", p->index, i);
		else
			strbuf_addf(out, "  root -> c%zu;\n", i);
	}
	strbuf_adds(out, "}\n");
	strbuf_release(&sb);
	return 0;
}
