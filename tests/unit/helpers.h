/* SPDX-License-Identifier: MIT */
/* helpers: shared fixtures for the unit tests (load a string, find a finding). */
#ifndef ZHUN_TEST_HELPERS_H
#define ZHUN_TEST_HELPERS_H

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "stdno.h"

static inline void test_tables(void)
{
	static int done;
	if (!done) {
		char err[256];
		const char *dir = getenv("ZHUN_DATADIR");
		stdno_tables_load(dir ? dir : "data", err, sizeof err);
		done = 1;
	}
}

/* Load YAML text (syntax by name) into a doc and build its model; findings go to ds. */
static inline struct doc *test_load(struct diag_store *ds, const char *name, const char *text)
{
	struct limits lim;
	limits_default(&lim);
	test_tables();
	struct doc *d = load_buffer(name, text, strlen(text), load_sniff(name, text, strlen(text)),
				    ds, &lim);
	if (d)
		model_build(d, ds);
	diag_store_finish(ds);
	return d;
}

/* The first finding with this code, or NULL. */
static inline const struct diag *test_find(const struct diag_store *ds, enum diag_code code)
{
	for (size_t i = 0; i < ds->n; i++)
		if (ds->v[i].code == code)
			return &ds->v[i];
	return NULL;
}

#endif
