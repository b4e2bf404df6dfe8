/* SPDX-License-Identifier: MIT */
/* check_table: tables as printed (NUM-015, NUM-019): spans that stay within the table's grid,
 * lettered footnotes a, b, c … cited in their table, and continued tables (表N（续）) that follow
 * the table they continue. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "xalloc.h"

/* The tables of one numbering scope (the body from the 引言 on, or one annex) in reading order. */
struct tscope {
	const struct block **v;
	size_t n, cap;
};

static void collect_body(struct tscope *ts, const struct body *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].kind == BLOCK_TABLE) {
			XGROW(ts->v, ts->cap, ts->n + 1);
			ts->v[ts->n++] = &b->v[i];
		}
}

static void collect_clauses(struct tscope *ts, const struct clause *cl, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		collect_body(ts, &cl[i].body);
		collect_clauses(ts, cl[i].clauses, cl[i].nclauses);
	}
}

static long span_of(const struct intval *iv)
{
	return iv->set ? iv->v : 1;
}

static const char *cell_text(const struct cellrow *row, size_t k)
{
	return row->v[k].s ? row->v[k].s : "";
}

/* Place the cells of one section (head or body) on a grid `width` columns wide, as a renderer
 * does: each cell takes the first column not covered by a cell above that spans down. One
 * finding per table: the first cell that leaves the grid. Returns false after a finding. */
static bool check_section(struct check_ctx *c, const char *file, const struct block *t,
			  const struct cellrows *cr, long width)
{
	long *busy =
	    xcalloc((size_t)width, sizeof *busy); /* row index up to which a column is covered */
	bool ok = true;
	for (size_t r = 0; r < cr->n && ok; r++) {
		const struct cellrow *row = &cr->v[r];
		long col = 0;
		for (size_t k = 0; k < row->n && ok; k++) {
			long cs = row->cells ? span_of(&row->cells[k].colspan) : 1;
			long rs = row->cells ? span_of(&row->cells[k].rowspan) : 1;
			while (col < width && busy[col] > (long)r)
				col++;
			struct loc at = row->cells ? row->cells[k].loc : row->v[k].loc;
			if (col + cs > width) {
				struct diag *d =
				    diag_add(c->ds, DIAG_NUM_TABLE_SPAN, file, at,
					     _("cell '%s' of table '%s' reaches past the table's "
					       "%ld columns"),
					     cell_text(row, k), t->num.s ? t->num.s : "", width);
				diag_set_help(d,
					      _("the first row sets the width; make the spans of "
						"this row add up to it"));
				ok = false;
				break;
			}
			if (r + (size_t)rs > cr->n) {
				struct diag *d = diag_add(c->ds, DIAG_NUM_TABLE_SPAN, file, at,
							  _("cell '%s' of table '%s' spans %ld "
							    "rows, but only %zu rows are left"),
							  cell_text(row, k),
							  t->num.s ? t->num.s : "", rs, cr->n - r);
				diag_set_help(d, _("a span ends within its head or body; lower "
						   "'rowspan' or add the rows it covers"));
				ok = false;
				break;
			}
			for (long j = col; j < col + cs; j++)
				busy[j] = (long)r + rs;
			col += cs;
		}
	}
	free(busy);
	return ok;
}

static bool has_records(const struct cellrows *cr)
{
	for (size_t r = 0; r < cr->n; r++)
		if (cr->v[r].cells)
			return true;
	return false;
}

static void check_spans(struct check_ctx *c, const char *file, const struct block *t)
{
	/* only a table that spans is held to its grid: a ragged plain table is the author's */
	if (!has_records(&t->head) && !has_records(&t->rows))
		return;
	const struct cellrows *first = t->head.n ? &t->head : &t->rows;
	if (!first->n)
		return;
	long width = 0;
	const struct cellrow *r0 = &first->v[0];
	for (size_t k = 0; k < r0->n; k++)
		width += r0->cells ? span_of(&r0->cells[k].colspan) : 1;
	if (width <= 0)
		return;
	if (check_section(c, file, t, &t->head, width))
		check_section(c, file, t, &t->rows, width);
}

/* The footnote marks cited by the cells of a table and of its continued parts, in reading
 * order. */
struct marks {
	const struct text **v;
	size_t n, cap;
};

static void collect_marks(struct marks *ms, const struct block *const *parts, size_t n)
{
	for (size_t p = 0; p < n; p++)
		for (int sec = 0; sec < 2; sec++) {
			const struct cellrows *cr = sec ? &parts[p]->rows : &parts[p]->head;
			for (size_t r = 0; r < cr->n; r++)
				for (size_t k = 0; cr->v[r].cells && k < cr->v[r].n; k++) {
					const struct textlist *m = &cr->v[r].cells[k].marks;
					for (size_t i = 0; i < m->n; i++)
						if (m->v[i].s) {
							XGROW(ms->v, ms->cap, ms->n + 1);
							ms->v[ms->n++] = &m->v[i];
						}
				}
		}
}

static bool cited(const struct marks *ms, const char *mark)
{
	for (size_t i = 0; i < ms->n; i++)
		if (!strcmp(ms->v[i]->s, mark))
			return true;
	return false;
}

static bool has_footnote(const struct block *const *parts, size_t n, const char *mark)
{
	for (size_t p = 0; p < n; p++)
		for (size_t i = 0; i < parts[p]->nfootnotes; i++)
			if (parts[p]->footnotes[i].mark.s &&
			    !strcmp(parts[p]->footnotes[i].mark.s, mark))
				return true;
	return false;
}

/* NUM-019: a table's footnotes are lettered a, b, c … in order, separately for each table,
 * and each is cited in its table; a cited letter has its footnote. A table and its continued
 * parts are one table. */
static void check_footnotes(struct check_ctx *c, const char *file, const struct block *const *parts,
			    size_t n)
{
	const char *num = parts[0]->num.s ? parts[0]->num.s : "";
	struct marks ms = { 0 };
	collect_marks(&ms, parts, n);
	size_t seen = 0;
	for (size_t p = 0; p < n; p++)
		for (size_t i = 0; i < parts[p]->nfootnotes; i++) {
			const struct footnote *fn = &parts[p]->footnotes[i];
			if (!fn->mark.s)
				continue;
			char want[2] = { (char)('a' + (seen < 26 ? seen : 25)), '\0' };
			seen++;
			if (strcmp(fn->mark.s, want)) {
				struct diag *d =
				    diag_add(c->ds, DIAG_NUM_TABLE_FOOTNOTE, file, fn->mark.loc,
					     _("footnote '%s' of table '%s' should be '%s'; "
					       "table footnotes are lettered a, b, c … in order"),
					     fn->mark.s, num, want);
				diag_set_help(d, _("letter the footnotes of each table from 'a'"));
			} else if (!cited(&ms, fn->mark.s)) {
				struct diag *d = diag_add(
				    c->ds, DIAG_NUM_TABLE_FOOTNOTE, file, fn->mark.loc,
				    _("footnote '%s' of table '%s' is not cited in the table"),
				    fn->mark.s, num);
				diag_set_help(
				    d,
				    _("cite it from the cell it explains with 'marks: [%s]', "
				      "or make it a note of the table"),
				    fn->mark.s);
			}
		}
	for (size_t i = 0; i < ms.n; i++)
		if (!has_footnote(parts, n, ms.v[i]->s))
			diag_add(c->ds, DIAG_NUM_TABLE_FOOTNOTE, file, ms.v[i]->loc,
				 _("a cell cites footnote '%s', which table '%s' does not have"),
				 ms.v[i]->s, num);
	free(ms.v);
}

static void check_scope(struct check_ctx *c, const char *file, struct tscope *ts)
{
	size_t i = 0;
	while (i < ts->n) {
		const struct block *t = ts->v[i];
		if (t->continued.v) {
			/* a continuation that does not follow its table: reported, then read as a
			 * table of its own */
			const struct block *prev = i ? ts->v[i - 1] : NULL;
			struct diag *d =
			    prev
				? diag_add(c->ds, DIAG_NUM_TABLE_CONTINUED, file, t->continued.loc,
					   _("table '%s' is marked continued, but the table before "
					     "it is "
					     "table '%s'"),
					   t->num.s ? t->num.s : "", prev->num.s ? prev->num.s : "")
				: diag_add(c->ds, DIAG_NUM_TABLE_CONTINUED, file, t->continued.loc,
					   _("table '%s' is marked continued, but no table comes "
					     "before it"),
					   t->num.s ? t->num.s : "");
			diag_set_help(
			    d, _("a continued table (表N（续）) directly follows table N and "
				 "repeats its number"));
		}
		/* the table and the continued parts that follow it */
		size_t j = i + 1;
		while (j < ts->n && ts->v[j]->continued.v && t->num.s && ts->v[j]->num.s &&
		       !strcmp(ts->v[j]->num.s, t->num.s))
			j++;
		for (size_t k = i; k < j; k++)
			check_spans(c, file, ts->v[k]);
		check_footnotes(c, file, &ts->v[i], j - i);
		i = j;
	}
	ts->n = 0;
}

void check_table_run(struct check_ctx *c)
{
	struct tscope ts = { 0 };
	for (size_t d = 0; d < c->ndocs; d++) {
		const struct standard *s = c->docs[d].std;
		if (!s)
			continue;
		const char *file = c->docs[d].doc->path;
		if (s->introduction) {
			collect_body(&ts, &s->introduction->body);
			collect_clauses(&ts, s->introduction->clauses, s->introduction->nclauses);
		}
		collect_clauses(&ts, s->clauses, s->nclauses);
		check_scope(c, file, &ts);
		for (size_t a = 0; a < s->nannexes; a++) {
			collect_body(&ts, &s->annexes[a].body);
			collect_clauses(&ts, s->annexes[a].clauses, s->annexes[a].nclauses);
			check_scope(c, file, &ts);
		}
		/* a table in the 前言 is reported by doc-foreword-content; its footnotes still
		 * count */
		if (s->foreword) {
			collect_body(&ts, &s->foreword->body);
			check_scope(c, file, &ts);
		}
	}
	free(ts.v);
}
