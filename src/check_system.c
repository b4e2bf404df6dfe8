/* SPDX-License-Identifier: MIT */
/* check_system: the system-level rules — the structure chart and 体系表编号 (SYS-002, SYS-004),
 * the detail-table columns (SYS-003, SYS-007), rows against their linked documents, post
 * standards (SVC-003) and number identity across rows and registries (SNO-008). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

/* How many missing codes a serial-gap help line names before it says "and N more". */
#define GAP_LIST_MAX 8

/* A row filed under a category, for the per-category views below. */
struct filed {
	long serial;
	const struct row *row;
};

/* Rows grouped by category (index = category pre-order index), built once by counting sort. */
struct filing {
	size_t *start; /* ncat + 1 offsets into v */
	struct filed *v;
};

static const char *row_name(const struct row *r)
{
	return r->code.s ? r->code.s : r->title.s ? r->title.s : "?";
}

/* ---- 体系表编号 (SYS-004) and the structure chart (SYS-002) ---- */

/* Match `code` against the code-format with {category} standing for any non-empty text and
 * {serial:N} for any run of digits. The strict match of model_build accepts only known
 * categories and padded serials; this looser one tells a row filed under an unknown category,
 * or with too few serial digits, from a code of the wrong shape. At most one {category} and
 * one {serial} exist, so the backtracking stays quadratic in the code's length at worst. */
static bool match_loose(const struct system *s, size_t pi, const char *code, const char **cat,
			size_t *catlen, long *serial)
{
	if (pi == s->ncf)
		return *code == '\0';
	const struct code_format_part *pt = &s->cf[pi];
	if (pt->kind == 0)
		return !strncmp(code, pt->lit, pt->len) &&
		       match_loose(s, pi + 1, code + pt->len, cat, catlen, serial);
	if (pt->kind == 2) {
		size_t nd = 0;
		while (isdigit((unsigned char)code[nd]))
			nd++;
		for (size_t take = nd; take > 0; take--) {
			if (match_loose(s, pi + 1, code + take, cat, catlen, serial)) {
				long v = 0;
				for (size_t i = 0; i < take && v < 100000000; i++)
					v = v * 10 + (code[i] - '0');
				*serial = v;
				return true;
			}
		}
		return false;
	}
	size_t len = strlen(code);
	for (size_t take = len; take > 0; take--) {
		if (match_loose(s, pi + 1, code + take, cat, catlen, serial)) {
			*cat = code;
			*catlen = take;
			return true;
		}
	}
	return false;
}

/* The first leaf in pre-order under `c` (c itself when it is a leaf). */
static const struct category *first_leaf(const struct category *c)
{
	while (c->nchildren)
		c = &c->children[0];
	return c;
}

static void check_category_codes(struct check_ctx *c)
{
	const struct system *s = c->p->system;
	struct strmap seen;
	strmap_init(&seen);
	for (size_t i = 0; i < s->ncat; i++) {
		const struct category *cat = s->cat_preorder[i];
		if (!cat->code.s)
			continue;
		const struct category *first = strmap_put_new(&seen, cat->code.s, (void *)cat);
		if (first == cat)
			continue;
		struct diag *d = diag_add(
		    c->ds, DIAG_SYS_CATEGORY_DUPLICATE, c->system_path, cat->code.loc,
		    _("category code '%s' is used twice in the structure chart"), cat->code.s);
		diag_set_related(c->ds, d, c->system_path, first->code.loc,
				 _("first used here for '%s'"),
				 first->title.s ? first->title.s : "");
		diag_set_help(
		    d, _("rows are filed by category code, so each code must name one category"));
	}
	strmap_release(&seen);
}

static int cmp_filed(const void *a, const void *b)
{
	const struct filed *x = a, *y = b;
	if (x->serial != y->serial)
		return x->serial < y->serial ? -1 : 1;
	return x->row->index < y->row->index ? -1 : x->row->index > y->row->index;
}

/* Group the rows whose code resolved to a category, by counting sort over the pre-order index,
 * then order each group by serial: one pass for leaf occupancy, gaps and the first free serial. */
static void filing_build(const struct system *s, struct filing *f)
{
	f->start = xcalloc(s->ncat + 1, sizeof *f->start);
	size_t n = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (r->code_ok && r->category) {
			f->start[r->category->index + 1]++;
			n++;
		}
	}
	for (size_t i = 0; i < s->ncat; i++)
		f->start[i + 1] += f->start[i];
	f->v = xmalloc((n ? n : 1) * sizeof *f->v);
	size_t *fill = xmalloc((s->ncat ? s->ncat : 1) * sizeof *fill);
	memcpy(fill, f->start, s->ncat * sizeof *fill);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (!r->code_ok || !r->category)
			continue;
		size_t k = r->category->index;
		f->v[fill[k]++] = (struct filed){ r->serial, r };
	}
	free(fill);
	for (size_t i = 0; i < s->ncat; i++)
		if (f->start[i + 1] - f->start[i] > 1)
			qsort(f->v + f->start[i], f->start[i + 1] - f->start[i], sizeof *f->v,
			      cmp_filed);
}

static void filing_release(struct filing *f)
{
	free(f->start);
	free(f->v);
}

/* The lowest serial no row of leaf k holds: the one to suggest for a duplicate, so that its
 * help and sys-serial-gap's list of missing codes name the same free code. */
static long filing_first_free(const struct filing *f, size_t k)
{
	long expect = 1;
	for (size_t i = f->start[k]; i < f->start[k + 1]; i++) {
		if (f->v[i].serial > expect)
			break;
		if (f->v[i].serial == expect)
			expect++;
	}
	return expect;
}

static void check_row_code(struct check_ctx *c, const struct row *r, const struct filing *f)
{
	const struct system *s = c->p->system;
	if (!r->code.s)
		return;
	const struct row *first = strmap_get(&c->row_by_code, r->code.s);
	if (first && first != r) {
		struct diag *d =
		    diag_add(c->ds, DIAG_SYS_CODE_DUPLICATE, c->system_path, r->code.loc,
			     _("row code '%s' is used by more than one row"), r->code.s);
		diag_set_related(c->ds, d, c->system_path, first->code.loc, _("first used here"));
		if (r->code_ok && r->category && s->cf_ok) {
			char *next = system_format_code(s, r->category->code.s,
							filing_first_free(f, r->category->index));
			diag_set_help(d, _("give this row a free serial, e.g. '%s'"), next);
			free(next);
		}
		return;
	}
	/* A broken code-format was reported by validation; nothing can be matched against it. */
	if (!s->cf_ok)
		return;
	if (!r->code_ok) {
		const char *cat = NULL;
		size_t catlen = 0;
		long serial = -1;
		if (match_loose(s, 0, r->code.s, &cat, &catlen, &serial)) {
			const struct category *known = strmap_getn(s->cat_index, cat, catlen);
			if (known) {
				/* Shape and category are right: the serial has too few digits. */
				char *good = system_format_code(s, known->code.s, serial);
				struct diag *d = diag_add(
				    c->ds, DIAG_SYS_CODE_FORMAT, c->system_path, r->code.loc,
				    _("row code '%s' does not match the code-format '%s'"),
				    r->code.s,
				    s->code_format.s ? s->code_format.s : "{category}-{serial:3}");
				diag_set_help(d, _("pad the serial: write '%s'"), good);
				diag_set_fix_text(d, &r->code, good);
				free(good);
				return;
			}
			struct diag *d =
			    diag_add(c->ds, DIAG_SYS_CATEGORY_UNKNOWN, c->system_path, r->code.loc,
				     _("row code '%s' names category '%.*s', which is not in the "
				       "structure chart"),
				     r->code.s, (int)catlen, cat);
			diag_set_help(d,
				      _("add category '%.*s' under 'categories' or file the row "
					"under an existing leaf"),
				      (int)catlen, cat);
			return;
		}
		struct diag *d =
		    diag_add(c->ds, DIAG_SYS_CODE_FORMAT, c->system_path, r->code.loc,
			     _("row code '%s' does not match the code-format '%s'"), r->code.s,
			     s->code_format.s ? s->code_format.s : "{category}-{serial:3}");
		if (s->ncat && s->cat_preorder[0]->code.s) {
			const struct category *leaf = first_leaf(s->cat_preorder[0]);
			if (leaf->code.s) {
				char *ex = system_format_code(s, leaf->code.s, 1);
				diag_set_help(d, _("codes in this system look like '%s'"), ex);
				free(ex);
			}
		}
		return;
	}
	if (r->category && !category_is_leaf(r->category)) {
		const struct category *leaf = first_leaf(r->category);
		struct diag *d = diag_add(
		    c->ds, DIAG_SYS_CATEGORY_NOT_LEAF, c->system_path, r->code.loc,
		    _("row code '%s' files the row under category '%s', which has sub-categories"),
		    r->code.s, r->category->code.s);
		diag_set_related(c->ds, d, c->system_path, r->category->code.loc,
				 _("category '%s' is defined here"), r->category->code.s);
		if (leaf->code.s)
			diag_set_help(d, _("file it under one of the leaves of '%s', e.g. '%s'"),
				      r->category->code.s, leaf->code.s);
	}
}

/* Serial gaps per leaf (SYS-004: contiguous recommended). One finding per gap, at the first
 * code after it; the help names the missing codes so the author can see what was dropped. */
static void check_serial_gaps(struct check_ctx *c, const struct filing *f)
{
	const struct system *s = c->p->system;
	if (!s->cf_ok)
		return;
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < s->ncat; k++) {
		const struct category *cat = s->cat_preorder[k];
		if (!category_is_leaf(cat) || !cat->code.s)
			continue;
		long expect = 1;
		for (size_t i = f->start[k]; i < f->start[k + 1]; i++) {
			const struct filed *fd = &f->v[i];
			/* repeated serials are sys-code-duplicate's business; 0 sorts before 1 */
			if (fd->serial < expect)
				continue;
			if (fd->serial > expect) {
				strbuf_reset(&sb);
				long missing = fd->serial - expect;
				long shown = missing < GAP_LIST_MAX ? missing : GAP_LIST_MAX;
				for (long m = 0; m < shown; m++) {
					char *code = system_format_code(s, cat->code.s, expect + m);
					/* quoted as the rest of the message is: “…” in Chinese */
					strbuf_adds(&sb, m ? _(", ") : "");
					strbuf_addf(&sb, _("'%s'"), code);
					free(code);
				}
				struct diag *d = diag_add(
				    c->ds, DIAG_SYS_SERIAL_GAP, c->system_path, fd->row->code.loc,
				    _("serials of category '%s' jump to '%s'"), cat->code.s,
				    fd->row->code.s);
				if (missing > shown)
					diag_set_help(d, _("missing: %s and %ld more"), sb.buf,
						      missing - shown);
				else
					diag_set_help(d, _("missing: %s"), sb.buf);
			}
			expect = fd->serial + 1;
		}
	}
	strbuf_release(&sb);
}

/* Every leaf box has rows or is marked 空缺 (SYS-002); a vacant box with rows is a stale mark. */
static void check_leaves(struct check_ctx *c, const struct filing *f)
{
	const struct system *s = c->p->system;
	for (size_t k = 0; k < s->ncat; k++) {
		const struct category *cat = s->cat_preorder[k];
		size_t n = f->start[k + 1] - f->start[k];
		/* Without a code (reported by validation) nothing can be filed here; a second
		 * category with a taken code never gets rows and is reported once, above. */
		if (!cat->code.s || system_category(s, cat->code.s) != cat)
			continue;
		if (category_is_leaf(cat) && !n && !cat->vacant.v) {
			struct diag *d =
			    diag_add(c->ds, DIAG_SYS_EMPTY_LEAF, c->system_path, cat->code.loc,
				     _("leaf category '%s' (%s) has no rows"), cat->code.s,
				     cat->title.s ? cat->title.s : "");
			diag_set_help(d, _("list its standards, or mark it 'vacant: true' (空缺) "
					   "if the gap is known"));
		}
		if (cat->vacant.v && n) {
			struct diag *d = diag_add(
			    c->ds, DIAG_SYS_VACANT_HAS_ROWS, c->system_path, cat->vacant.loc,
			    _("category '%s' is marked vacant but has rows"), cat->code.s);
			const struct row *r = f->v[f->start[k]].row;
			diag_set_related(c->ds, d, c->system_path, r->code.loc,
					 _("row '%s' is filed here"), r->code.s);
			diag_set_help(d, _("remove 'vacant: true'"));
		}
	}
}

/* ---- detail-table columns (SYS-003, SYS-007) ---- */

static bool status_unnumbered(int st)
{
	return st == STATUS_PLANNED || st == STATUS_DRAFTING;
}

static void check_row_columns(struct check_ctx *c, const struct row *r)
{
	bool zh = i18n_is_zh();
	int st = r->status.v ? r->status.v : STATUS_CURRENT;
	if (r->number.ok && r->number.no.level != LEVEL_NONE && r->level.v &&
	    r->level.v != (int)r->number.no.level) {
		struct diag *d =
		    diag_add(c->ds, DIAG_SYS_LEVEL_MISMATCH, c->system_path, r->level.loc,
			     _("level '%s' disagrees with '%s', which is a %s standard"),
			     level_word(r->level.v, zh), r->number.text.s,
			     level_word((int)r->number.no.level, zh));
		diag_set_help(d,
			      _("write 'level: %s', or drop the key: the number decides the level"),
			      level_word((int)r->number.no.level, false));
	}
	if (!r->number.text.s) {
		if (status_unnumbered(st) && !r->level.v) {
			struct diag *d =
			    diag_add(c->ds, DIAG_SYS_LEVEL_MISSING, c->system_path,
				     r->status.v ? r->status.loc : r->loc,
				     _("row '%s' has neither a number nor a level"), row_name(r));
			diag_set_help(d, _("give the level it is planned at (宜定级别): national, "
					   "sector, local, group or enterprise"));
		} else if (!status_unnumbered(st)) {
			struct diag *d = diag_add(c->ds, DIAG_SYS_NUMBER_MISSING, c->system_path,
						  r->status.v ? r->status.loc : r->loc,
						  _("row '%s' is %s but has no standard number"),
						  row_name(r), status_word(st, zh));
			diag_set_help(
			    d,
			    _("add its 'number', or set 'status: planned' while it is not issued"));
		}
		return;
	}
	if (!r->number.ok)
		return;
	if (!r->number.no.year && r->number.no.cls != STDNO_INTL) {
		struct diag *d = diag_add(
		    c->ds, DIAG_SNO_UNDATED_ROW, c->system_path, r->number.text.loc,
		    _("'%s' has no year: the row stands for the latest edition"), r->number.text.s);
		diag_set_help(d, _("give the year to pin one edition"));
	}
	char key[CHECK_KEY_MAX];
	const struct row *first =
	    strmap_get(&c->row_by_edition, check_edition_key_buf(&r->number.no, key));
	if (first && first != r) {
		struct diag *d = diag_add(
		    c->ds, DIAG_SYS_EDITION_DUPLICATE, c->system_path, r->number.text.loc,
		    _("'%s' is already listed as row '%s'"), r->number.text.s, row_name(first));
		diag_set_related(c->ds, d, c->system_path, first->number.text.loc,
				 _("first listed here"));
		diag_set_help(d, _("keep one row, in the highest common category, and mention the "
				   "others in 'note'"));
	}
}

/* SNO-008: leading zeros are kept for display but ignored for identity, so one edition may be
 * written WW/T 0016.2—2023 in a row and WW/T 16.2—2023 in the registry; both are accepted, the
 * inconsistency is not. Only the same edition is compared: the padding may legitimately have
 * changed between editions. */
static void check_seq_zeros(struct check_ctx *c, const struct row *r)
{
	char key[CHECK_KEY_MAX];
	if (!r->number.ok ||
	    strmap_get(&c->row_by_edition, check_edition_key_buf(&r->number.no, key)) != r)
		return;
	const struct edition *e = strmap_get(&c->reg_by_edition, key);
	if (!e || !strcmp(e->number.no.seq, r->number.no.seq))
		return;
	struct diag *d =
	    diag_add(c->ds, DIAG_SNO_SEQ_ZEROS, check_edition_file(c, e), e->number.text.loc,
		     _("'%s' is written '%s' in the system: the leading zeros differ"),
		     e->number.text.s, r->number.text.s);
	diag_set_related(c->ds, d, c->system_path, r->number.text.loc, _("written this way here"));
	diag_set_help(
	    d, _("write the sequence number as on the standard's cover, the same everywhere"));
}

/* ---- rows against their linked documents ---- */

static void numlist_keys(struct check_ctx *c, const struct numlist *l, struct strmap *out)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].ok)
			strmap_put_new(out, check_edition_key(c, &l->v[i].no), (void *)&l->v[i]);
}

static void check_doc_dates(struct check_ctx *c, const char *dpath, const struct date *rd,
			    const struct date *dd, const char *what)
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
	if (!check_dates_differ(rd, dd, a, b))
		return;
	struct diag *d = diag_add(c->ds, DIAG_SYS_DOCUMENT_MISMATCH, c->system_path, rd->loc,
				  _("row %s date %s differs from its document's %s"), what, a, b);
	diag_set_related(c->ds, d, dpath, dd->loc, _("the document's %s date"), what);
}

static void check_row_refs(struct check_ctx *c, const struct row *r, const struct doc *doc);

static void check_row_document(struct check_ctx *c, const struct row *r, const struct doc *doc)
{
	const struct standard *std = doc->model;
	const char *dp = doc->path;
	if (r->number.ok && std->number.ok && !stdno_same_edition(&r->number.no, &std->number.no)) {
		struct diag *d =
		    diag_add(c->ds, DIAG_SYS_DOCUMENT_MISMATCH, c->system_path, r->number.text.loc,
			     _("row number '%s' differs from its document's number '%s'"),
			     r->number.text.s, std->number.text.s);
		diag_set_related(c->ds, d, dp, std->number.text.loc, _("the document's number"));
	}
	if (r->title.s && std->title.s && !utf8_fold_space_equal(r->title.s, std->title.s)) {
		struct diag *d =
		    diag_add(c->ds, DIAG_SYS_DOCUMENT_MISMATCH, c->system_path, r->title.loc,
			     _("row title '%s' differs from its document's title '%s'"), r->title.s,
			     std->title.s);
		diag_set_related(c->ds, d, dp, std->title.loc, _("the document's title"));
	}
	check_doc_dates(c, dp, &r->published, &std->published, _("published"));
	check_doc_dates(c, dp, &r->effective, &std->effective, _("effective"));

	/* 代替 on the cover and in the table are one fact; compare them as sets of editions. */
	if (r->replaces.n || std->replaces.n) {
		struct strmap rk, dk;
		strmap_init(&rk);
		strmap_init(&dk);
		numlist_keys(c, &r->replaces, &rk);
		numlist_keys(c, &std->replaces, &dk);
		char k[CHECK_KEY_MAX];
		for (size_t i = 0; i < r->replaces.n; i++) {
			const struct numtext *n = &r->replaces.v[i];
			if (!n->ok || strmap_get(&dk, check_edition_key_buf(&n->no, k)))
				continue;
			struct diag *d =
			    diag_add(c->ds, DIAG_SYS_DOCUMENT_MISMATCH, c->system_path, n->text.loc,
				     _("row replaces '%s', but its document does not"), n->text.s);
			diag_set_related(c->ds, d, dp,
					 std->replaces.n ? std->replaces.loc : std->loc,
					 _("the document's replaces"));
		}
		for (size_t i = 0; i < std->replaces.n; i++) {
			const struct numtext *n = &std->replaces.v[i];
			if (!n->ok || strmap_get(&rk, check_edition_key_buf(&n->no, k)))
				continue;
			struct diag *d = diag_add(
			    c->ds, DIAG_SYS_DOCUMENT_MISMATCH, c->system_path,
			    r->replaces.n ? r->replaces.loc : r->loc,
			    _("its document replaces '%s', but the row does not"), n->text.s);
			diag_set_related(c->ds, d, dp, n->text.loc, _("the document's replaces"));
		}
		strmap_release(&rk);
		strmap_release(&dk);
	}

	/* refs is optional; when given it must be the document's normative-reference list. */
	if (r->refs.n)
		check_row_refs(c, r, doc);
}

/* The row's refs against its document's 规范性引用文件 as sets of editions. One standard cited
 * dated on one side and undated on the other is one finding, not two. */
static void check_row_refs(struct check_ctx *c, const struct row *r, const struct doc *doc)
{
	const struct standard *std = doc->model;
	const char *dp = doc->path;
	struct strmap rk, dk, dw, used;
	strmap_init(&rk);
	strmap_init(&dk);
	strmap_init(&dw);
	strmap_init(&used);
	numlist_keys(c, &r->refs, &rk);
	struct loc list_loc = std->loc;
	for (size_t i = 0; i < std->nclauses; i++)
		if (clause_kind(&std->clauses[i]) == CLAUSE_REFERENCES ||
		    std->clauses[i].nreferences)
			list_loc = std->clauses[i].loc;
	struct check_refs it = { .s = std };
	for (const struct numtext *n; (n = check_refs_next(&it));) {
		strmap_put_new(&dk, check_edition_key(c, &n->no), (void *)n);
		strmap_put_new(&dw, check_work_key(c, &n->no), (void *)n);
	}
	for (size_t i = 0; i < r->refs.n; i++) {
		const struct numtext *n = &r->refs.v[i];
		if (!n->ok)
			continue;
		const char *ek = check_edition_key(c, &n->no);
		if (strmap_get(&dk, ek)) {
			strmap_put_new(&used, ek, (void *)n);
			continue;
		}
		const struct numtext *m = strmap_get(&dw, check_work_key(c, &n->no));
		if (m) {
			const char *mk = check_edition_key(c, &m->no);
			if (!strmap_get(&rk, mk) && !strmap_get(&used, mk)) {
				struct diag *d = diag_add(
				    c->ds, DIAG_SYS_REFS_MISMATCH, c->system_path, n->text.loc,
				    _("'%s' in the row's refs is cited as '%s' in its document"),
				    n->text.s, m->text.s);
				diag_set_related(c->ds, d, dp, m->text.loc, _("cited here"));
				diag_set_help(
				    d,
				    _("cite the standard the same way, dated or undated, in both"));
				strmap_put_new(&used, mk, (void *)m);
				continue;
			}
		}
		struct diag *d =
		    diag_add(c->ds, DIAG_SYS_REFS_MISMATCH, c->system_path, n->text.loc,
			     _("'%s' is in the row's refs but not among its document's normative "
			       "references"),
			     n->text.s);
		diag_set_related(c->ds, d, dp, list_loc, _("the document's normative references"));
	}
	it = (struct check_refs){ .s = std };
	for (const struct numtext *n; (n = check_refs_next(&it));) {
		const char *ek = check_edition_key(c, &n->no);
		if (strmap_get(&rk, ek) || strmap_get(&used, ek))
			continue;
		/* reported once even when the list repeats it */
		strmap_put_new(&used, ek, (void *)n);
		struct diag *d = diag_add(
		    c->ds, DIAG_SYS_REFS_MISMATCH, c->system_path, r->refs.loc,
		    _("its document cites '%s' normatively, but the row's refs do not"), n->text.s);
		diag_set_related(c->ds, d, dp, n->text.loc, _("cited here"));
	}
	strmap_release(&rk);
	strmap_release(&dk);
	strmap_release(&dw);
	strmap_release(&used);
}

/* ---- SVC-003: post standards derive from provision/support standards ---- */

enum block_role { ROLE_OTHER = 0, ROLE_POST, ROLE_BASIS };

static enum block_role row_role(const struct system *s, const enum block_role *roles,
				const struct row *r)
{
	if (!r->category)
		return ROLE_OTHER;
	const struct category *b = category_block(r->category);
	return roles[b - s->categories];
}

static bool work_key_in_basis(struct check_ctx *c, const enum block_role *roles, const char *wk)
{
	const struct system *s = c->p->system;
	const struct edition_set *es = strmap_get(&c->works, wk);
	for (size_t i = 0; es && i < es->nrows; i++)
		if (row_role(s, roles, es->rows[i]) == ROLE_BASIS)
			return true;
	return false;
}

static bool work_in_basis(struct check_ctx *c, const enum block_role *roles, const struct stdno *n)
{
	char wk[CHECK_KEY_MAX];
	return work_key_in_basis(c, roles, check_work_key_buf(n, wk));
}

static bool is_code_char(unsigned char ch)
{
	return isalnum(ch) || ch == '-' || ch == '.' || ch == '_';
}

/* Does free text name a provision/support row, by its 体系表编号 ("依据 301-003") or by a
 * standard number of it? Linear in the text: tokens are looked up in the code index, and
 * numbers are scanned only where an upper-case letter starts a word. */
static bool note_names_basis(struct check_ctx *c, const enum block_role *roles, const char *t)
{
	const struct system *s = c->p->system;
	size_t len = strlen(t);
	for (size_t i = 0; i < len;) {
		unsigned char ch = (unsigned char)t[i];
		if (!is_code_char(ch)) {
			i++;
			continue;
		}
		bool word_start = !i || !isalpha((unsigned char)t[i - 1]);
		if (word_start && isupper(ch)) {
			struct stdno no;
			size_t k = stdno_scan(t + i, len - i, &no);
			if (k && work_in_basis(c, roles, &no))
				return true;
		}
		size_t j = i;
		while (j < len && is_code_char((unsigned char)t[j]))
			j++;
		const struct row *r = strmap_getn(&c->row_by_code, t + i, j - i);
		if (r && row_role(s, roles, r) == ROLE_BASIS)
			return true;
		i = j;
	}
	return false;
}

static void check_posts(struct check_ctx *c)
{
	const struct system *s = c->p->system;
	if (!s->ncategories)
		return;
	enum block_role *roles = xcalloc(s->ncategories, sizeof *roles);
	bool any_post = false, any_basis = false;
	const struct row *example = NULL;
	for (size_t i = 0; i < s->ncategories; i++) {
		const char *t = s->categories[i].title.s;
		if (!t)
			continue;
		if (strstr(t, "岗位")) {
			roles[i] = ROLE_POST;
			any_post = true;
		} else if (strstr(t, "提供") || strstr(t, "保障")) {
			roles[i] = ROLE_BASIS;
			any_basis = true;
		}
	}
	/* The house check presupposes the GB/T 24421 shape: without both kinds of block there is
	 * nothing a post standard could name. */
	if (!any_post || !any_basis) {
		free(roles);
		return;
	}
	for (size_t i = 0; i < s->nrows && !example; i++)
		if (row_role(s, roles, &s->rows[i]) == ROLE_BASIS && s->rows[i].code.s)
			example = &s->rows[i];
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (row_role(s, roles, r) != ROLE_POST)
			continue;
		bool ok = r->note.s && note_names_basis(c, roles, r->note.s);
		for (size_t k = 0; !ok && k < r->refs.n; k++)
			ok = r->refs.v[k].ok && work_in_basis(c, roles, &r->refs.v[k].no);
		const struct doc_summary *sum = c->row_summary ? c->row_summary[i] : NULL;
		for (size_t k = 0; !ok && sum && k < sum->ncites; k++)
			ok = work_key_in_basis(c, roles, sum->cites[k]);
		if (ok)
			continue;
		struct diag *d = diag_add(
		    c->ds, DIAG_SVC_POST_BASIS, c->system_path, r->code.s ? r->code.loc : r->loc,
		    _("post standard '%s' names no service-provision or support standard"),
		    row_name(r));
		if (example)
			diag_set_help(d,
				      _("name the 提供/保障 standard it derives from in 'note' "
					"(e.g. '依据 %s') or in 'refs'"),
				      example->code.s);
	}
	free(roles);
}

void check_system_run(struct check_ctx *c)
{
	struct system *s = c->p->system;
	if (!s)
		return;
	struct filing f;
	filing_build(s, &f);
	check_category_codes(c);
	for (size_t i = 0; i < s->nrows; i++)
		check_row_code(c, &s->rows[i], &f);
	check_serial_gaps(c, &f);
	check_leaves(c, &f);
	for (size_t i = 0; i < s->nrows; i++) {
		check_row_columns(c, &s->rows[i]);
		check_seq_zeros(c, &s->rows[i]);
	}
	check_posts(c);
	filing_release(&f);
}

void check_system_doc_run(struct check_ctx *c)
{
	const struct system *s = c->p->system;
	if (!s || c->ndocs != 1)
		return;
	for (size_t i = 0; i < c->nlink_rows; i++)
		check_row_document(c, &s->rows[c->link_rows[i]], c->docs[0].doc);
}
