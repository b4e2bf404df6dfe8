/* SPDX-License-Identifier: MIT */
/* check: build the shared indexes once, then run the passes in order. */
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "pool.h"
#include "project.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

struct pass {
	const char *name;
	void (*run)(struct check_ctx *);
	/* system passes: their share of the passes' time on a large system (percent, from a
	 * profile of 100,000 rows), so that the pool starts the largest first */
	unsigned weight;
};

/* Run on each standard document alone (the context holds that one document) while it is
 * loaded: nothing here may read another document. */
static const struct pass doc_passes[] = {
	{ "xref", check_xref_run, 0 },	       { "doc", check_doc_run, 0 },
	{ "num", check_num_run, 0 },	       { "foreword", check_foreword_run, 0 },
	{ "table", check_table_run, 0 },       { "system-doc", check_system_doc_run, 0 },
	{ "life-doc", check_life_doc_run, 0 },
};

/* Run once over the system and its registries, after every document was checked; of the
 * documents they see only the summaries. Each reads the project and the indexes and writes only
 * its findings and its arena, so that on a large system they run side by side
 * (run_system_passes); their findings are filed in this order whatever the threads. */
static const struct pass system_passes[] = {
	{ "system", check_system_run, 33 },	  { "life", check_life_run, 27 },
	{ "life-rows", check_life_rows_run, 18 }, { "life-refs", check_life_refs_run, 21 },
	{ "registry", check_registry_run, 0 },	  { "records", check_records_run, 1 },
};
enum { NSYSTEM_PASSES = sizeof system_passes / sizeof system_passes[0] };

/* Rows and registry editions from which a system is checked on several threads (the indexes
 * built on two, the system passes side by side): below it, starting a thread costs more than
 * it saves, and the museum's 248 rows must not pay for it. */
enum { CHECK_PARALLEL_MIN = 10000 };

/* Keys are built for every row, link and lookup (≈ 10 per row): they are rendered into one
 * buffer kept per thread (documents are checked on several), so that building one allocates
 * nothing; only a key that a map keeps is copied, into the arena. */
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *p)
{
	strbuf_release(p);
	free(p);
}

static void scratch_key_create(void)
{
	if (pthread_key_create(&scratch_key, scratch_free)) {
		fputs("zhun: cannot create a thread-specific key\n", stderr);
		exit(4);
	}
}

static struct strbuf *key_scratch(void)
{
	pthread_once(&scratch_once, scratch_key_create);
	struct strbuf *sb = pthread_getspecific(scratch_key);
	if (!sb) {
		sb = xmalloc(sizeof *sb);
		strbuf_init(sb);
		if (pthread_setspecific(scratch_key, sb)) {
			fputs("zhun: cannot set a thread-specific value\n", stderr);
			exit(4);
		}
	}
	return sb;
}

static const struct strbuf *render_key(const struct stdno *n, bool edition)
{
	struct strbuf *sb = key_scratch();
	strbuf_reset(sb);
	if (edition)
		stdno_edition_key(n, sb);
	else
		stdno_work_key(n, sb);
	return sb;
}

static const char *key_to_buf(const struct strbuf *k, char buf[CHECK_KEY_MAX])
{
	size_t len = k->len < CHECK_KEY_MAX ? k->len : CHECK_KEY_MAX - 1;
	memcpy(buf, k->buf, len);
	buf[len] = '\0';
	return buf;
}

static const char *key_dup(struct arena *a, const struct stdno *n, bool edition)
{
	const struct strbuf *k = render_key(n, edition);
	return arena_strndup(a, k->buf, k->len);
}

const char *check_work_key(struct check_ctx *c, const struct stdno *n)
{
	return key_dup(c->arena, n, false);
}

const char *check_edition_key(struct check_ctx *c, const struct stdno *n)
{
	return key_dup(c->arena, n, true);
}

const char *check_work_key_buf(const struct stdno *n, char buf[CHECK_KEY_MAX])
{
	return key_to_buf(render_key(n, false), buf);
}

const char *check_edition_key_buf(const struct stdno *n, char buf[CHECK_KEY_MAX])
{
	return key_to_buf(render_key(n, true), buf);
}

bool check_dates_differ(const struct date *a, const struct date *b, char ta[DATE_TEXT_SIZE],
			char tb[DATE_TEXT_SIZE])
{
	if (!a->y || !b->y || !date_cmp(a, b))
		return false;
	date_format(a, ta);
	date_format(b, tb);
	return true;
}

const char *check_clip(struct check_ctx *c, const char *s)
{
	size_t len = strlen(s), i = 0, n = 0;
	while (i < len && n < 20) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		n++;
	}
	if (i >= len)
		return s;
	return arena_printf(c->arena, "%.*s…", (int)i, s);
}

const char *check_edition_file(const struct check_ctx *c, const struct edition *e)
{
	for (size_t k = 0; k < c->p->nregistries; k++) {
		const struct registry *reg = c->p->registries[k]->model;
		if (e >= reg->editions && e < reg->editions + reg->neditions)
			return c->p->registries[k]->path;
	}
	return "";
}

const struct numtext *check_refs_next(struct check_refs *it)
{
	for (; it->clause < it->s->nclauses; it->clause++, it->entry = 0) {
		const struct clause *cl = &it->s->clauses[it->clause];
		while (it->entry < cl->nreferences) {
			const struct numtext *n = &cl->references[it->entry++].number;
			if (n->ok)
				return n;
		}
	}
	return NULL;
}

struct loc text_loc_at(const struct text *t, size_t off)
{
	struct loc l = t->loc;
	if (!t->s || memchr(t->s, '\n', off))
		return l;
	l.col += (uint32_t)utf8_count(t->s, off);
	return l;
}

static void index_blocks(struct doc_info *di, const struct body *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct block *blk = &b->v[i];
		struct strmap *m = blk->kind == BLOCK_TABLE	? &di->tables
				   : blk->kind == BLOCK_FIGURE	? &di->figures
				   : blk->kind == BLOCK_FORMULA ? &di->formulas
								: NULL;
		if (m && blk->num.s)
			strmap_put_new(m, blk->num.s, (void *)blk);
	}
}

static void index_clauses(struct doc_info *di, const struct clause *cl, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (cl[i].num.s)
			strmap_put_new(&di->clauses, cl[i].num.s, (void *)&cl[i]);
		index_blocks(di, &cl[i].body);
		for (size_t k = 0; k < cl[i].nterms; k++)
			if (cl[i].terms[k].num.s)
				strmap_put_new(&di->terms, cl[i].terms[k].num.s,
					       (void *)&cl[i].terms[k]);
		index_clauses(di, cl[i].clauses, cl[i].nclauses);
	}
}

/* Apply fn (strmap_init, strmap_release) to each of a document's indexes. */
static void doc_info_each_map(struct doc_info *di, void (*fn)(struct strmap *))
{
	struct strmap *maps[] = { &di->clauses, &di->annexes,  &di->tables,
				  &di->figures, &di->formulas, &di->terms };
	for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
		fn(maps[i]);
}

static void index_doc(struct doc_info *di)
{
	doc_info_each_map(di, strmap_init);
	const struct standard *s = di->std;
	if (s->introduction) {
		index_blocks(di, &s->introduction->body);
		index_clauses(di, s->introduction->clauses, s->introduction->nclauses);
	}
	index_clauses(di, s->clauses, s->nclauses);
	for (size_t i = 0; i < s->nannexes; i++) {
		if (s->annexes[i].num.s)
			strmap_put_new(&di->annexes, s->annexes[i].num.s, (void *)&s->annexes[i]);
		index_blocks(di, &s->annexes[i].body);
		index_clauses(di, s->annexes[i].clauses, s->annexes[i].nclauses);
	}
}

static struct edition_set *work_set(struct strmap *works, struct arena *a, const struct stdno *n)
{
	char wk[CHECK_KEY_MAX];
	struct edition_set *es = strmap_get(works, check_work_key_buf(n, wk));
	if (!es) {
		es = arena_alloc(a, sizeof *es);
		strmap_put(works, arena_strndup(a, wk, strlen(wk)), es);
	}
	return es;
}

/* Most works have one row or edition: it stays in the set, where an array of one for each of
 * 100,000 rows was as many allocations. */
static void push_row(struct edition_set *es, const struct row *r)
{
	if (!es->nrows) {
		es->rows = &es->one;
	} else {
		bool one = es->rows == &es->one;
		const struct row **v = xrealloc(one ? NULL : es->rows, (es->nrows + 1) * sizeof *v);
		if (one)
			v[0] = es->one;
		es->rows = v;
	}
	es->rows[es->nrows++] = r;
}

static void push_edition(struct edition_set *es, const struct edition *e)
{
	if (!es->neditions) {
		es->editions = &es->one_edition;
	} else {
		bool one = es->editions == &es->one_edition;
		const struct edition **v =
		    xrealloc(one ? NULL : es->editions, (es->neditions + 1) * sizeof *v);
		if (one)
			v[0] = es->one_edition;
		es->editions = v;
	}
	es->editions[es->neditions++] = e;
}

/* The system indexes in two halves that share nothing, each filling its maps in input order
 * (so that their slots are those of one thread): the code and edition maps, with their keys in
 * c->arena, and the works. */
static void index_editions(struct check_ctx *c)
{
	const struct system *s = c->p->system;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct row *r = &s->rows[i];
		if (r->code.s)
			strmap_put_new(&c->row_by_code, r->code.s, (void *)r);
		if (r->number.ok)
			strmap_put_new(&c->row_by_edition, check_edition_key(c, &r->number.no),
				       (void *)r);
	}
	for (size_t k = 0; k < c->p->nregistries; k++) {
		const struct registry *reg = c->p->registries[k]->model;
		for (size_t i = 0; i < reg->neditions; i++)
			if (reg->editions[i].number.ok)
				strmap_put_new(&c->reg_by_edition,
					       check_edition_key(c, &reg->editions[i].number.no),
					       (void *)&reg->editions[i]);
	}
}

static void index_works(struct check_ctx *c, struct arena *a)
{
	const struct system *s = c->p->system;
	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].number.ok)
			push_row(work_set(&c->works, a, &s->rows[i].number.no), &s->rows[i]);
	for (size_t k = 0; k < c->p->nregistries; k++) {
		const struct registry *reg = c->p->registries[k]->model;
		for (size_t i = 0; i < reg->neditions; i++)
			if (reg->editions[i].number.ok)
				push_edition(work_set(&c->works, a, &reg->editions[i].number.no),
					     &reg->editions[i]);
	}
}

static void *index_editions_thread(void *c)
{
	index_editions(c);
	return NULL;
}

size_t check_system_size(const struct project *p)
{
	size_t n = p->system ? p->system->nrows : 0;
	for (size_t k = 0; k < p->nregistries; k++)
		n += ((const struct registry *)p->registries[k]->model)->neditions;
	return n;
}

static void index_system(struct check_ctx *c, unsigned jobs)
{
	if (!c->p->system)
		return;
	c->system_path = c->p->system_doc->path;
	/* the maps at their final size at once, on this thread: growing, they left every smaller
	 * table behind as a hole in the heap, and a second thread's tables would not reuse the
	 * holes the loader left in this one's */
	size_t nrows = c->p->system->nrows, size = check_system_size(c->p);
	strmap_reserve(&c->row_by_code, nrows);
	strmap_reserve(&c->row_by_edition, nrows);
	if (size > nrows)
		strmap_reserve(&c->reg_by_edition, size - nrows);
	strmap_reserve(&c->works, size);
	bool large = jobs > 1 && size >= CHECK_PARALLEL_MIN;
	if (large)
		c->works_arena = arena_new();
	pthread_t t;
	bool beside = large && !pthread_create(&t, NULL, index_editions_thread, c);
	/* the works on this thread, not on the new one: they allocate the most, and the memory the
	 * loader freed is in this thread's malloc arena, where a new thread would not reuse it */
	index_works(c, large ? c->works_arena : c->arena);
	if (beside)
		pthread_join(t, NULL);
	else
		index_editions(c);
}

static int edition_status(const struct check_ctx *c, const struct edition *e)
{
	int st = e->status.v ? e->status.v : STATUS_CURRENT;
	if ((st == STATUS_CURRENT || st == STATUS_UPCOMING) && e->effective.y && c->as_of.y)
		return date_cmp(&e->effective, &c->as_of) > 0 ? STATUS_UPCOMING : STATUS_CURRENT;
	return st;
}

int check_number_status(struct check_ctx *c, const struct stdno *n, const struct row **row_out,
			const struct edition **ed_out)
{
	if (row_out)
		*row_out = NULL;
	if (ed_out)
		*ed_out = NULL;
	if (n->year) {
		char ek[CHECK_KEY_MAX];
		check_edition_key_buf(n, ek);
		const struct row *r = strmap_get(&c->row_by_edition, ek);
		if (r) {
			if (row_out)
				*row_out = r;
			return row_status_on(r, &c->as_of);
		}
		const struct edition *e = strmap_get(&c->reg_by_edition, ek);
		if (e) {
			if (ed_out)
				*ed_out = e;
			return edition_status(c, e);
		}
		return 0;
	}
	/* undated: any live edition makes it live; else the latest edition (highest year) */
	char wk[CHECK_KEY_MAX];
	struct edition_set *es = strmap_get(&c->works, check_work_key_buf(n, wk));
	if (!es)
		return 0;
	int best = 0, best_year = -1;
	/* the register's rows first, then the editions documents give */
	for (size_t i = 0; i < es->nrows + es->neditions; i++) {
		const struct row *r = i < es->nrows ? es->rows[i] : NULL;
		const struct edition *e = r ? NULL : es->editions[i - es->nrows];
		int st = r ? row_status_on(r, &c->as_of) : edition_status(c, e);
		int year = r ? r->number.no.year : e->number.no.year;
		bool live = st == STATUS_CURRENT || st == STATUS_UPCOMING;
		if (!live && year <= best_year)
			continue;
		if (row_out)
			*row_out = r;
		if (ed_out)
			*ed_out = e;
		if (live)
			return st;
		best_year = year;
		best = st;
	}
	return best;
}

bool check_is_own(const struct check_ctx *c, const struct stdno *n)
{
	return system_is_own(c->p->system, n);
}

/* The context without documents: the date, the system indexes. */
static void ctx_init_system(struct check_ctx *c, struct project *p, struct diag_store *ds,
			    const struct date *as_of, unsigned jobs)
{
	memset(c, 0, sizeof *c);
	c->p = p;
	c->ds = ds;
	c->arena = arena_new();
	if (as_of && as_of->y)
		c->as_of = *as_of;
	else if (p->system && p->system->date.y)
		c->as_of = p->system->date;
	else
		date_today(&c->as_of);
	strmap_init(&c->row_by_code);
	strmap_init(&c->row_by_edition);
	strmap_init(&c->reg_by_edition);
	strmap_init(&c->works);
	index_system(c, jobs);
}

void check_ctx_init(struct check_ctx *c, struct project *p, struct diag_store *ds,
		    const struct date *as_of)
{
	ctx_init_system(c, p, ds, as_of, 1);
	size_t cap = p->ndocuments + p->nothers + 1;
	c->docs = xcalloc(cap, sizeof *c->docs);
	if (p->system) {
		/* linked documents in row order, each once */
		for (size_t i = 0; i < p->system->nrows; i++) {
			struct doc *d = p->row_document ? p->row_document[i] : NULL;
			if (!d || !d->model)
				continue;
			bool seen = false;
			for (size_t k = 0; k < c->ndocs; k++)
				seen |= c->docs[k].doc == d;
			if (seen)
				continue;
			c->docs[c->ndocs].doc = d;
			c->docs[c->ndocs].std = d->model;
			c->docs[c->ndocs++].row = &p->system->rows[i];
		}
	}
	for (size_t i = 0; i < p->nothers; i++) {
		struct doc *d = p->others[i];
		if (d->kind == DOC_STANDARD && d->model) {
			c->docs[c->ndocs].doc = d;
			c->docs[c->ndocs++].std = d->model;
		}
	}
	for (size_t i = 0; i < c->ndocs; i++)
		index_doc(&c->docs[i]);
}

static void doc_info_release(struct doc_info *di)
{
	doc_info_each_map(di, strmap_release);
	free(di->xrefs);
}

void check_ctx_release(struct check_ctx *c)
{
	for (size_t i = 0; i < c->ndocs; i++)
		doc_info_release(&c->docs[i]);
	free(c->docs);
	for (size_t i = 0; i < c->nsummaries; i++) {
		for (size_t k = 0; k < c->summaries[i].ncites; k++)
			free(c->summaries[i].cites[k]);
		free(c->summaries[i].cites);
	}
	free(c->summaries);
	free(c->row_summary);
	for (size_t i = 0; i < c->works.cap; i++) {
		struct edition_set *es = c->works.slots[i].key ? c->works.slots[i].value : NULL;
		if (es) {
			if (es->rows != &es->one)
				free(es->rows);
			if (es->editions != &es->one_edition)
				free(es->editions);
		}
	}
	strmap_release(&c->row_by_code);
	strmap_release(&c->row_by_edition);
	strmap_release(&c->reg_by_edition);
	strmap_release(&c->works);
	arena_free(c->arena);
	arena_free(c->works_arena);
	memset(c, 0, sizeof *c);
}

/* What the system passes need of a document once it is freed: the work keys of the standards
 * its chapters list (SVC-003 looks for a provision or support standard among them). */
static void summarize(struct doc_summary *sum, const struct doc_info *di)
{
	struct check_refs it = { .s = di->std };
	char wk[CHECK_KEY_MAX];
	for (const struct numtext *n; (n = check_refs_next(&it));) {
		XGROW(sum->cites, sum->capcites, sum->ncites + 1);
		sum->cites[sum->ncites++] = xstrdup(check_work_key_buf(&n->no, wk));
	}
}

/* Check document `d` (with a model) on its own in `dc`, a copy of the system context with its
 * own store and arena; `row` is the first row linking it (NULL for a lone file), `l` its link
 * (NULL for a lone file), `sum` where its summary goes (or NULL). */
static void check_doc_alone(struct check_ctx *dc, struct doc *d, const struct row *row,
			    const struct project_link *l, struct doc_summary *sum)
{
	struct doc_info di = { .doc = d, .std = d->model, .row = row };
	index_doc(&di);
	dc->docs = &di;
	dc->ndocs = 1;
	dc->link_rows = l ? l->rows : NULL;
	dc->nlink_rows = l ? l->nrows : 0;
	for (size_t i = 0; i < sizeof doc_passes / sizeof doc_passes[0]; i++)
		doc_passes[i].run(dc);
	if (sum)
		summarize(sum, &di);
	doc_info_release(&di);
	dc->docs = NULL;
	dc->ndocs = 0;
	dc->link_rows = NULL;
	dc->nlink_rows = 0;
}

/* The linked documents, on `jobs` threads (project_each_link), each on the context of its
 * worker: the system context with an arena of its own. */
struct link_check {
	struct check_ctx *c;
	struct check_ctx *workers;
};

static void check_link(void *arg, size_t k, struct doc *d, struct diag_store *ds, unsigned w)
{
	struct link_check *lc = arg;
	struct check_ctx *c = lc->c, *dc = &lc->workers[w];
	const struct project_link *l = &c->p->links[k];
	if (d && d->model) {
		for (size_t i = 0; i < l->nrows; i++)
			c->row_summary[l->rows[i]] = &c->summaries[k];
		dc->ds = ds;
		check_doc_alone(dc, d, &c->p->system->rows[l->rows[0]], l, &c->summaries[k]);
	}
	/* the arena holds keys and quotations of one document's passes only */
	arena_free(dc->arena);
	dc->arena = arena_new();
}

static void check_links(struct check_ctx *c, unsigned jobs)
{
	size_t n = c->p->nlinks;
	unsigned nw = jobs > 1 ? (jobs < n ? jobs : (unsigned)n) : 1;
	if (!n)
		return;
	if (nw > 1)
		(void)i18n_is_zh(); /* its answer is cached on first use */
	struct link_check lc = { c, xcalloc(nw, sizeof *lc.workers) };
	for (unsigned w = 0; w < nw; w++) {
		lc.workers[w] = *c;
		lc.workers[w].arena = arena_new();
	}
	project_each_link(c->p, c->ds, nw, check_link, &lc);
	for (unsigned w = 0; w < nw; w++)
		arena_free(lc.workers[w].arena);
	free(lc.workers);
}

/* A system pass run beside the others: a copy of the context with an arena and a store of its
 * own. */
struct pass_slot {
	struct check_ctx c;
	struct diag_store ds;
};

struct pass_jobs {
	struct pass_slot slot[NSYSTEM_PASSES]; /* in table order */
	size_t start[NSYSTEM_PASSES];	       /* the table index of the k-th pass to start */
};

static void pass_job(void *arg, size_t k, unsigned worker)
{
	(void)worker;
	struct pass_jobs *j = arg;
	struct pass_slot *sl = &j->slot[j->start[k]];
	system_passes[j->start[k]].run(&sl->c);
	/* what a pass keeps in its arena is no finding's: it goes before the others end */
	arena_free(sl->c.arena);
	sl->c.arena = NULL;
}

/* The system passes, on up to `jobs` threads when the system is large. Their stores are filed
 * into c->ds in table order, each finding keeping its place in its pass's sequence, so that the
 * findings, their order and which of two duplicates survives with what help are those of one
 * thread. */
static void run_system_passes(struct check_ctx *c, unsigned jobs)
{
	if (jobs <= 1 || check_system_size(c->p) < CHECK_PARALLEL_MIN) {
		for (size_t i = 0; i < NSYSTEM_PASSES; i++)
			system_passes[i].run(c);
		return;
	}
	(void)i18n_is_zh(); /* its answer is cached on first use */
	struct pass_jobs *j = xcalloc(1, sizeof *j);
	for (size_t i = 0; i < NSYSTEM_PASSES; i++) {
		diag_store_init(&j->slot[i].ds);
		diag_store_copy_config(&j->slot[i].ds, c->ds);
		j->slot[i].c = *c;
		j->slot[i].c.ds = &j->slot[i].ds;
		j->slot[i].c.arena = arena_new();
		/* the largest first: on two threads life runs on one, the rest on the other */
		size_t k = i;
		for (; k && system_passes[j->start[k - 1]].weight < system_passes[i].weight; k--)
			j->start[k] = j->start[k - 1];
		j->start[k] = i;
	}
	pool_run(jobs, NSYSTEM_PASSES, pass_job, j);
	for (size_t i = 0; i < NSYSTEM_PASSES; i++)
		diag_store_take(c->ds, &j->slot[i].ds);
	free(j);
}

void check_run_jobs(struct project *p, struct diag_store *ds, const struct date *as_of,
		    unsigned jobs)
{
	struct check_ctx c;
	ctx_init_system(&c, p, ds, as_of, jobs);
	if (p->system) {
		c.row_summary = xcalloc(p->system->nrows + 1, sizeof *c.row_summary);
		c.summaries = xcalloc(p->nlinks + 1, sizeof *c.summaries);
		c.nsummaries = p->nlinks;
		check_links(&c, jobs);
	}
	struct check_ctx dc = c;
	dc.arena = arena_new();
	for (size_t i = 0; i < p->nothers; i++) {
		struct doc *d = p->others[i];
		if (d->kind == DOC_STANDARD && d->model)
			check_doc_alone(&dc, d, NULL, NULL, NULL);
	}
	arena_free(dc.arena);
	run_system_passes(&c, jobs);
	check_ctx_release(&c);
}

void check_run(struct project *p, struct diag_store *ds, const struct date *as_of)
{
	check_run_jobs(p, ds, as_of, 1);
}
