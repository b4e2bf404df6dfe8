/* SPDX-License-Identifier: MIT */
/* sheet: the grid of cells both spreadsheet readers produce, its look-ups and positions
 * (include/sheet.h), and the builder they share (src/sheet_int.h). */
#include "sheet.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "sheet_int.h"
#include "strbuf.h"
#include "xalloc.h"
#include "ziparc.h"

struct sheet_book *sheet_book_new(const char *path, struct diag_store *ds)
{
	struct arena *a = arena_new();
	struct sheet_book *b = arena_alloc(a, sizeof *b);
	b->arena = a;
	b->path = diag_store_file(ds, path);
	return b;
}

void sheet_book_free(struct sheet_book *b)
{
	if (b)
		arena_free(b->arena);
}

struct sheet_book *sheet_read(const char *path, const char *buf, size_t len,
			      const struct sheet_read_opts *opts, struct diag_store *ds,
			      const struct limits *lim)
{
	if (ziparc_sniff(buf, len) ||
	    (len >= 8 && memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0))
		return sheet_xlsx_read(path, buf, len, opts, ds, lim);
	return sheet_csv_read(path, buf, len, opts, ds, lim);
}

void sheet_builder_init(struct sheet_builder *sb, struct sheet_book *book)
{
	memset(sb, 0, sizeof *sb);
	sb->book = book;
	sb->sorted = true;
}

void sheet_builder_release(struct sheet_builder *sb)
{
	free(sb->cells);
	free(sb->merges);
	memset(sb, 0, sizeof *sb);
}

struct sheet_cell *sheet_builder_add_ref(struct sheet_builder *sb, uint32_t row, uint32_t col,
					 const char *text, size_t len)
{
	if (sb->n) {
		const struct sheet_bcell *p = &sb->cells[sb->n - 1];
		if (row < p->row || (row == p->row && col <= p->c.col))
			sb->sorted = false;
	}
	if (sb->n == sb->cap)
		XGROW(sb->cells, sb->cap, sb->n + 1);
	struct sheet_bcell *bc = &sb->cells[sb->n++];
	memset(bc, 0, sizeof *bc);
	bc->row = row;
	bc->seq = sb->n - 1;
	bc->c.col = col;
	bc->c.text = text;
	bc->c.len = len;
	return &bc->c;
}

struct sheet_cell *sheet_builder_add(struct sheet_builder *sb, uint32_t row, uint32_t col,
				     const char *text, size_t len)
{
	return sheet_builder_add_ref(sb, row, col,
				     len ? arena_strndup(sb->book->arena, text, len) : "", len);
}

void sheet_builder_merge(struct sheet_builder *sb, struct sheet_range r)
{
	if (sb->nmerges == sb->capmerges)
		XGROW(sb->merges, sb->capmerges, sb->nmerges + 1);
	sb->merges[sb->nmerges++] = r;
}

/* Row, then column, then arrival: qsort is not stable, so the arrival breaks ties and the
 * first of two cells at one place comes first. */
static int bcell_cmp(const void *pa, const void *pb)
{
	const struct sheet_bcell *a = pa, *b = pb;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	if (a->c.col != b->c.col)
		return a->c.col < b->c.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void sheet_builder_finish(struct sheet_builder *sb, struct sheet *s)
{
	struct arena *a = sb->book->arena;
	if (!sb->sorted)
		qsort(sb->cells, sb->n, sizeof *sb->cells, bcell_cmp);
	size_t nrows = 0, ncells = 0;
	for (size_t i = 0; i < sb->n; i++) {
		if (i > 0 && sb->cells[i].row == sb->cells[i - 1].row &&
		    sb->cells[i].c.col == sb->cells[i - 1].c.col)
			continue;
		ncells++;
		if (i == 0 || sb->cells[i].row != sb->cells[i - 1].row)
			nrows++;
	}
	s->rows = nrows ? arena_alloc(a, nrows * sizeof *s->rows) : NULL;
	struct sheet_cell *cells = ncells ? arena_alloc(a, ncells * sizeof *cells) : NULL;
	s->nrows = 0;
	s->height = s->width = 0;
	size_t k = 0;
	for (size_t i = 0; i < sb->n; i++) {
		const struct sheet_bcell *bc = &sb->cells[i];
		if (i > 0 && bc->row == sb->cells[i - 1].row && bc->c.col == sb->cells[i - 1].c.col)
			continue;
		if (i == 0 || bc->row != sb->cells[i - 1].row) {
			struct sheet_row *r = &s->rows[s->nrows++];
			r->row = bc->row;
			r->loc = bc->c.loc;
			r->cells = &cells[k];
			r->n = 0;
		}
		cells[k++] = bc->c;
		s->rows[s->nrows - 1].n++;
		if (bc->row + 1 > s->height)
			s->height = bc->row + 1;
		if (bc->c.col + 1 > s->width)
			s->width = bc->c.col + 1;
	}
	s->merges =
	    sb->nmerges ? arena_memdup(a, sb->merges, sb->nmerges, sizeof *sb->merges) : NULL;
	s->nmerges = sb->nmerges;
	sb->n = 0;
	sb->nmerges = 0;
	sb->sorted = true;
}

const struct sheet *sheet_by_name(const struct sheet_book *b, const char *name)
{
	for (size_t i = 0; i < b->nsheets; i++)
		if (strcmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	return NULL;
}

/* bsearch comparators: a row number against a row, a column number against a cell (rows and
 * cells are kept sorted by them, no two alike). */
static int cmp_row(const void *key, const void *elem)
{
	uint32_t k = *(const uint32_t *)key, v = ((const struct sheet_row *)elem)->row;
	return (k > v) - (k < v);
}

static int cmp_cell(const void *key, const void *elem)
{
	uint32_t k = *(const uint32_t *)key, v = ((const struct sheet_cell *)elem)->col;
	return (k > v) - (k < v);
}

const struct sheet_row *sheet_row_at(const struct sheet *s, uint32_t row)
{
	return s->nrows ? bsearch(&row, s->rows, s->nrows, sizeof *s->rows, cmp_row) : NULL;
}

const struct sheet_cell *sheet_cell_at(const struct sheet *s, uint32_t row, uint32_t col)
{
	const struct sheet_row *r = sheet_row_at(s, row);
	if (!r)
		return NULL;
	return r->n ? bsearch(&col, r->cells, r->n, sizeof *r->cells, cmp_cell) : NULL;
}

const struct sheet_range *sheet_merge_at(const struct sheet *s, uint32_t row, uint32_t col)
{
	for (size_t i = 0; i < s->nmerges; i++) {
		const struct sheet_range *m = &s->merges[i];
		if (row >= m->row0 && row <= m->row1 && col >= m->col0 && col <= m->col1)
			return m;
	}
	return NULL;
}

void sheet_col_name(uint32_t col, struct strbuf *out)
{
	char tmp[8];
	size_t n = 0;
	uint64_t c = (uint64_t)col + 1;
	while (c > 0 && n < sizeof tmp) {
		tmp[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	while (n > 0)
		strbuf_addc(out, tmp[--n]);
}

size_t sheet_parse_a1(const char *s, size_t n, uint32_t *row, uint32_t *col)
{
	size_t i = 0;
	if (i < n && s[i] == '$')
		i++;
	uint64_t c = 0;
	size_t letters = 0;
	while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
		c = c * 26 + (uint64_t)((s[i] | 0x20) - 'a' + 1);
		if (c > SHEET_MAX_COLS)
			return 0;
		i++;
		letters++;
	}
	if (letters == 0)
		return 0;
	if (i < n && s[i] == '$')
		i++;
	uint64_t r = 0;
	size_t digits = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		r = r * 10 + (uint64_t)(s[i] - '0');
		if (r > SHEET_MAX_ROWS)
			return 0;
		i++;
		digits++;
	}
	if (digits == 0 || r == 0)
		return 0;
	*row = (uint32_t)(r - 1);
	*col = (uint32_t)(c - 1);
	return i;
}

void sheet_where(const struct sheet_book *b, const struct sheet *s, uint32_t row, uint32_t col,
		 struct strbuf *file, struct loc *loc)
{
	strbuf_adds(file, b->path);
	*loc = (struct loc){ 0, 0 };
	if (b->csv) {
		const struct sheet_row *r = sheet_row_at(s, row);
		const struct sheet_cell *c = r ? sheet_cell_at(s, row, col) : NULL;
		if (c)
			*loc = c->loc;
		else if (r)
			*loc = (struct loc){ r->loc.line, 0 };
		return;
	}
	strbuf_addc(file, ':');
	strbuf_adds(file, s->name);
	strbuf_addc(file, '!');
	sheet_col_name(col, file);
	strbuf_addu(file, (unsigned long long)row + 1);
}

void sheet_pos(const struct sheet_book *b, const struct sheet *s, uint32_t row, uint32_t col,
	       struct strbuf *out)
{
	struct loc loc;
	sheet_where(b, s, row, col, out, &loc);
	if (loc.line) {
		strbuf_addc(out, ':');
		strbuf_addu(out, loc.line);
		if (loc.col) {
			strbuf_addc(out, ':');
			strbuf_addu(out, loc.col);
		}
	}
}
