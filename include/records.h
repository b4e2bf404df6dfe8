/* SPDX-License-Identifier: MIT */
/* records: what the records files of a system (implementation, inspections, surveys, the work
 * plan; docs/format.md §9) name, resolved against the system, and the thresholds their rules
 * and `zhun eval` read from zhun.yaml. */
#ifndef ZHUN_RECORDS_H
#define ZHUN_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "strmap.h"

/* The thresholds of the records rules and the choices of `zhun eval` (zhun.yaml `records:`,
 * docs/format.md §8). records_config_init sets the defaults. */
struct records_config {
	int inspections_per_year;  /* required inspections a calendar year (2); 0: no rule */
	int implementation_months; /* months after effect before an implementation record is due (6)
				    */
	int review_action_months; /* months after a 修订/废止 conclusion for the revision (12) */
	unsigned count_statuses;  /* bit (1 << status) for each status `eval` counts (current) */
	bool nonconform_partial;  /* 基本符合 counts as a nonconformity to correct (true) */
	struct date period_from, period_to; /* eval's period; y == 0: the as-of date's year */
};

void records_config_init(struct records_config *rc);

/* Rows of a system by the names a record may use: 体系表编号, key, and standard number (dated:
 * that edition; undated: the edition of that work current on no particular date, the last one
 * listed that is not replaced or abolished, else the last one). Built once per system. */
struct records_index {
	const struct system *s;
	struct strmap names;
	char **keys; /* copies the map's keys point into */
	size_t nkeys, capkeys;
};

void records_index_init(struct records_index *ix, const struct system *s);
void records_index_release(struct records_index *ix);
/* The row `name` designates, or NULL. */
const struct row *records_index_find(const struct records_index *ix, const char *name);

/* The date of an implementation record: its start, else its earliest training; y == 0 when
 * neither is given (an undated record counts on any date). */
struct date records_implementation_date(const struct implementation *im);

/* The implementation record of each row of ix->s (an array of s->nrows, caller frees): the
 * first record of the `nrecs` records models that covers the row — names it, or a category it
 * is filed under at any depth — dated on or before `as_of`; NULL where none does. */
const struct implementation **records_implemented(const struct records_index *ix,
						  const struct records *const *recs, size_t nrecs,
						  const struct date *as_of);

/* A name a record gives (row or category) resolves: to a row (*row), a category (*cat), or
 * neither (false). */
bool records_resolve(const struct records_index *ix, const char *name, const struct row **row,
		     const struct category **cat);

/* True when the owner of s issues the number: it begins with one of `own-prefixes`, or, when
 * the system lists none, it is an enterprise (Q/) number. */
bool system_is_own(const struct system *s, const struct stdno *n);

#endif
