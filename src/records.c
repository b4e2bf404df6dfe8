/* SPDX-License-Identifier: MIT */
/* records: resolve the standards a record names, and the defaults of the records settings. */
#include "records.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

void records_config_init(struct records_config *rc)
{
	memset(rc, 0, sizeof *rc);
	rc->inspections_per_year = 2;
	rc->implementation_months = 6;
	rc->review_action_months = 12;
	rc->count_statuses = 1u << STATUS_CURRENT;
	rc->nonconform_partial = true;
}

static void put(struct records_index *ix, const char *key, size_t len, const struct row *r,
		bool replace)
{
	if (!len)
		return;
	if (!replace && strmap_getn(&ix->names, key, len))
		return;
	char *k = xmalloc(len + 1);
	memcpy(k, key, len);
	k[len] = '\0';
	XGROW(ix->keys, ix->capkeys, ix->nkeys + 1);
	ix->keys[ix->nkeys++] = k;
	strmap_putn(&ix->names, k, len, (void *)r);
}

void records_index_init(struct records_index *ix, const struct system *s)
{
	memset(ix, 0, sizeof *ix);
	ix->s = s;
	strmap_init(&ix->names);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; s && i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (r->code.s)
			put(ix, r->code.s, strlen(r->code.s), r, false);
		if (r->key_eff)
			put(ix, r->key_eff, strlen(r->key_eff), r, false);
		if (!r->number.ok)
			continue;
		strbuf_reset(&sb);
		stdno_edition_key(&r->number.no, &sb);
		put(ix, sb.buf, sb.len, r, false);
		/* an undated number means the work's edition in force: a later row of the work
		 * that is not replaced or abolished wins over an earlier one */
		int st = r->status.v ? r->status.v : STATUS_CURRENT;
		bool live = st != STATUS_REPLACED && st != STATUS_ABOLISHED;
		strbuf_reset(&sb);
		strbuf_adds(&sb, "work:");
		stdno_work_key(&r->number.no, &sb);
		const struct row *old = strmap_getn(&ix->names, sb.buf, sb.len);
		int ost = old && old->status.v ? old->status.v : STATUS_CURRENT;
		put(ix, sb.buf, sb.len, r,
		    !old || live || ost == STATUS_REPLACED || ost == STATUS_ABOLISHED);
	}
	strbuf_release(&sb);
}

void records_index_release(struct records_index *ix)
{
	strmap_release(&ix->names);
	for (size_t i = 0; i < ix->nkeys; i++)
		free(ix->keys[i]);
	free(ix->keys);
	memset(ix, 0, sizeof *ix);
}

const struct row *records_index_find(const struct records_index *ix, const char *name)
{
	const struct row *r = strmap_get(&ix->names, name);
	if (r)
		return r;
	struct stdno no;
	struct stdno_error err;
	if (!stdno_parse(name, strlen(name), &no, &err))
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	if (no.year) {
		stdno_edition_key(&no, &sb);
	} else {
		strbuf_adds(&sb, "work:");
		stdno_work_key(&no, &sb);
	}
	r = strmap_getn(&ix->names, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

bool system_is_own(const struct system *s, const struct stdno *n)
{
	if (!s || !s->own_prefixes.n)
		return n->cls == STDNO_ENTERPRISE;
	char pre[STDNO_PREFIX_MAX];
	stdno_prefix(n, pre);
	for (size_t i = 0; i < s->own_prefixes.n; i++) {
		const char *p = s->own_prefixes.v[i].s;
		if (p && !strcmp(p, pre))
			return true;
	}
	return false;
}

bool records_resolve(const struct records_index *ix, const char *name, const struct row **row,
		     const struct category **cat)
{
	*row = NULL;
	*cat = NULL;
	if (!name || !ix->s)
		return false;
	*row = records_index_find(ix, name);
	if (!*row)
		*cat = system_category(ix->s, name);
	return *row || *cat;
}

struct date records_implementation_date(const struct implementation *im)
{
	if (im->start.y)
		return im->start;
	struct date first = { 0 };
	for (size_t i = 0; i < im->ntrainings; i++) {
		const struct date *d = &im->trainings[i].date;
		if (d->y && (!first.y || date_cmp(d, &first) < 0))
			first = *d;
	}
	return first;
}

const struct implementation **records_implemented(const struct records_index *ix,
						  const struct records *const *recs, size_t nrecs,
						  const struct date *as_of)
{
	const struct system *s = ix->s;
	const struct implementation **row_im = xcalloc(s->nrows + 1, sizeof *row_im);
	const struct implementation **cat_im = xcalloc(s->ncat + 1, sizeof *cat_im);
	for (size_t k = 0; k < nrecs; k++) {
		for (size_t i = 0; i < recs[k]->nimplementations; i++) {
			const struct implementation *im = &recs[k]->implementations[i];
			struct date d = records_implementation_date(im);
			if (d.y && as_of && as_of->y && date_cmp(&d, as_of) > 0)
				continue;
			for (size_t j = 0; j < im->standards.n; j++) {
				const struct row *r;
				const struct category *cat;
				if (!records_resolve(ix, im->standards.v[j].s, &r, &cat))
					continue;
				if (r && !row_im[r->index])
					row_im[r->index] = im;
				if (cat && !cat_im[cat->index])
					cat_im[cat->index] = im;
			}
		}
	}
	for (size_t i = 0; i < s->nrows; i++)
		for (const struct category *c = s->rows[i].category; c && !row_im[i]; c = c->parent)
			row_im[i] = cat_im[c->index];
	free(cat_im);
	return row_im;
}
