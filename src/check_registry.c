/* SPDX-License-Identifier: MIT */
/* check_registry: the age of each registry (标准状态清单) on the as-of date — a snapshot older
 * than the configured age (zhun.yaml `registry-max-age`, default one year), or one without a
 * date, is a note, so that a standard withdrawn since and still listed as 现行 is not missed
 * silently (LIFE-010 rests on the registry being current). */
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "project.h"

long check_registry_max_age = 365;

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static long days_of(const struct date *d)
{
	long y = d->y - (d->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = d->m > 2 ? d->m - 3 : d->m + 9;
	long doy = (153 * mp + 2) / 5 + d->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void age_of(struct check_ctx *c, const struct doc *d)
{
	const struct registry *reg = d->model;
	if (!reg || check_registry_max_age <= 0)
		return;
	if (!reg->date.y) {
		struct diag *f =
		    diag_add(c->ds, DIAG_REGISTRY_AGE, d->path, reg->loc,
			     _("the registry has no date: how current its statuses are "
			       "cannot be told"));
		diag_set_help(f, "%s", _("give the day the list was taken as 'date'"));
		return;
	}
	long age = days_of(&c->as_of) - days_of(&reg->date);
	if (age <= check_registry_max_age)
		return;
	char asof[DATE_TEXT_SIZE];
	struct diag *f = diag_add(c->ds, DIAG_REGISTRY_AGE, d->path, reg->date.loc,
				  _("the registry is %ld days old on %s, more than %ld: a standard "
				    "withdrawn since may still be listed as current"),
				  age, date_format(&c->as_of, asof), check_registry_max_age);
	diag_set_help(f, "%s",
		      _("take the list again from the standards platform (zhun import --kind "
			"registry), or raise registry-max-age in zhun.yaml"));
}

void check_registry_run(struct check_ctx *c)
{
	for (size_t k = 0; k < c->p->nregistries; k++)
		age_of(c, c->p->registries[k]);
	for (size_t k = 0; k < c->p->nothers; k++)
		if (c->p->others[k]->kind == DOC_REGISTRY)
			age_of(c, c->p->others[k]);
}
