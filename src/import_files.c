/* SPDX-License-Identifier: MIT */
/* import_files: `zhun import FILE...` file by file, each on whichever thread of the pool is free.
 */
#include "import_files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "model.h"
#include "pool.h"
#include "strbuf.h"
#include "write.h"
#include "xalloc.h"

/* "system, 248 rows in 29 categories", "registry, 41 editions" or "standard, 7 chapters and 1
 * annex". */
static void describe(const struct doc *d, struct strbuf *sb)
{
	if (d->kind == DOC_SYSTEM && d->model) {
		const struct system *s = d->model;
		strbuf_addf(sb, ngettext("system, %zu row", "system, %zu rows", s->nrows),
			    s->nrows);
		strbuf_addf(sb, ngettext(" in %zu category", " in %zu categories", s->ncat),
			    s->ncat);
	} else if (d->kind == DOC_REGISTRY && d->model) {
		const struct registry *r = d->model;
		strbuf_addf(
		    sb, ngettext("registry, %zu edition", "registry, %zu editions", r->neditions),
		    r->neditions);
	} else if (d->kind == DOC_STANDARD && d->model) {
		const struct standard *st = d->model;
		strbuf_addf(
		    sb, ngettext("standard, %zu chapter", "standard, %zu chapters", st->nclauses),
		    st->nclauses);
		if (st->nannexes)
			strbuf_addf(sb,
				    ngettext(" and %zu annex", " and %zu annexes", st->nannexes),
				    st->nannexes);
	} else {
		strbuf_adds(sb, doc_kind_name(d->kind));
	}
}

struct import_jobs {
	struct import_file *v;
	const struct import_files_opts *o;
	const struct diag_store *config;
	struct diag_store *stores; /* per file */
	struct strbuf *said;	   /* per file: its progress line */
};

static void import_one(void *arg, size_t i, unsigned worker)
{
	(void)worker;
	struct import_jobs *j = arg;
	struct import_file *f = &j->v[i];
	const struct import_files_opts *o = j->o;
	struct diag_store *ds = &j->stores[i];
	struct strbuf *said = &j->said[i];
	diag_store_init(ds);
	diag_store_copy_config(ds, j->config);
	strbuf_init(said);
	struct doc *d = load_file(f->in, ds, o->lim);
	if (d)
		model_build(d, ds);
	if (!d || diag_failed(ds, false)) {
		/* the findings say why; a file that does not validate is never written */
		if (d)
			strbuf_addf(said, _("zhun import: '%s' not written: '%s' has errors\n"),
				    f->out, f->in);
		doc_free(d);
		return;
	}
	struct strbuf what = STRBUF_INIT, sb = STRBUF_INIT;
	describe(d, &what);
	if (!cli_spell(d, o->to, &sb, ds)) {
		f->internal = true;
	} else if (o->dry) {
		strbuf_addf(said, _("zhun import: would write '%s' (%s)\n"), f->out, what.buf);
	} else if (write_file_atomic(f->out, sb.buf, sb.len, o->wflags) != 0) {
		f->write_errno = errno;
	} else if (strcmp(f->out, "-")) {
		strbuf_addf(said, _("zhun import: wrote '%s' (%s)\n"), f->out, what.buf);
	}
	strbuf_release(&sb);
	strbuf_release(&what);
	doc_free(d);
}

void import_files_run(struct import_file *v, size_t n, const struct import_files_opts *o,
		      struct diag_store *ds)
{
	struct import_jobs j = { v, o, ds, xcalloc(n + 1, sizeof *j.stores),
				 xcalloc(n + 1, sizeof *j.said) };
	for (size_t i = 0; i < n; i++) {
		v[i].write_errno = 0;
		v[i].internal = false;
	}
	/* what the loaders set up lazily is set up before other threads exist */
	if (o->jobs > 1 && n > 1)
		load_threads_init();
	pool_run(o->jobs, n, import_one, &j);
	for (size_t i = 0; i < n; i++) {
		if (!o->quiet)
			fputs(j.said[i].buf, stderr);
		strbuf_release(&j.said[i]);
		diag_store_take(ds, &j.stores[i]);
	}
	free(j.said);
	free(j.stores);
}
