/* SPDX-License-Identifier: MIT */
/* diag: the finding store (configuration, file interning, recording, sort/de-duplication,
 * counts, exit status), the code and severity name tables and the registry of printers. */
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

static const struct diag_info infos[DIAG__COUNT] = {
#define DIAG(id, name, sev, rule, en, zh) { name, sev, rule, en, zh },
#include "diag_codes.def"
#undef DIAG
};

static const char *const severity_names[] = { "off", "note", "warning", "error", "fatal" };

/* The findings formats. To add one: write src/diag_print_<name>.c defining
 * `diag_printer_fn diag_print_<name>;`, declare it below and give it a line in the table, and
 * add the file to meson.build. --format, its help, its usage error and the completions follow
 * from the table; nothing else changes. */
diag_printer_fn diag_print_text, diag_print_json, diag_print_sarif, diag_print_github,
    diag_print_junit;

const struct diag_printer diag_printers[] = {
	{ "text", diag_print_text, true, N_("default, on stderr") },
	{ "json", diag_print_json, false, NULL },
	{ "sarif", diag_print_sarif, false, NULL },
	{ "github", diag_print_github, false, NULL },
	{ "junit", diag_print_junit, false, NULL },
	{ NULL, NULL, false, NULL },
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

const struct diag_info *diag_info(enum diag_code code)
{
	/* Compare as unsigned so that a negative value read from a config file is rejected too. */
	if ((unsigned)code >= DIAG__COUNT)
		return NULL;
	return &infos[code];
}

int diag_code_by_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < DIAG__COUNT; i++)
		if (strcmp(infos[i].name, name) == 0)
			return i;
	return -1;
}

const char *severity_name(enum severity s)
{
	if ((unsigned)s >= COUNT_OF(severity_names))
		return "?";
	return severity_names[s];
}

const char *severity_level(enum severity s, const char *lowest)
{
	switch (s) {
	case SEV_FATAL:
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_NOTE:
	case SEV_OFF:
		break;
	}
	return lowest;
}

int severity_by_name(const char *s)
{
	if (!s)
		return -1;
	/* "fatal" is deliberately not accepted: it means "input could not be loaded" (exit 3) and
	 * must not be something a configuration file can claim for an ordinary finding. */
	for (int i = SEV_OFF; i <= SEV_ERROR; i++)
		if (strcmp(severity_names[i], s) == 0)
			return i;
	return -1;
}

const struct diag_printer *diag_printer_by_name(const char *name)
{
	for (const struct diag_printer *p = diag_printers; name && p->name; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/* The joins are whole messages ("%s, %s", "%s or %s") so that a language can choose its own
 * list punctuation (Chinese: 、 and 或). */
void diag_printer_list(struct strbuf *sb, enum diag_printer_list_style style, bool translate)
{
#define TR(s) (translate ? _(s) : (s))
	struct strbuf list, item, next;
	strbuf_init(&list);
	strbuf_init(&item);
	strbuf_init(&next);
	for (const struct diag_printer *p = diag_printers; p->name; p++) {
		strbuf_reset(&item);
		if (style == DIAG_LIST_NOTES && p->note)
			strbuf_addf(&item, TR("%s (%s)"), p->name, TR(p->note));
		else
			strbuf_adds(&item, p->name);
		if (p == diag_printers) {
			strbuf_add(&list, item.buf, item.len);
			continue;
		}
		strbuf_reset(&next);
		if (style == DIAG_LIST_WORDS)
			strbuf_addf(&next, "%s %s", list.buf, item.buf);
		else if (style == DIAG_LIST_CHOICE && !p[1].name)
			strbuf_addf(&next, TR("%s or %s"), list.buf, item.buf);
		else
			strbuf_addf(&next, TR("%s, %s"), list.buf, item.buf);
		strbuf_reset(&list);
		strbuf_add(&list, next.buf, next.len);
	}
	strbuf_add(sb, list.buf, list.len);
	strbuf_release(&list);
	strbuf_release(&item);
	strbuf_release(&next);
#undef TR
}

/* One interned file name. `listed` records whether it is already in ds->files, because a name
 * may first be interned as the related side of a finding and only later be examined. */
struct file_entry {
	bool listed;
	char *sheet; /* diag_store_set_sheet, owned */
	char name[];
};

static struct strmap *file_map(const struct diag_store *ds)
{
	return ds->file_index;
}

void diag_store_init(struct diag_store *ds)
{
	memset(ds, 0, sizeof *ds);
	struct strmap *m = xmalloc(sizeof *m);
	strmap_init(m);
	ds->file_index = m;
}

static void diag_free_fields(struct diag *d)
{
	free(d->msg);
	free(d->help);
	free(d->msg2);
	if (d->fix) {
		free(d->fix->text);
		free(d->fix);
	}
}

void diag_store_release(struct diag_store *ds)
{
	for (size_t i = 0; i < ds->n; i++)
		diag_free_fields(&ds->v[i]);
	free(ds->v);
	struct strmap *m = file_map(ds);
	if (m) {
		/* Slot order is irrelevant here: we only free. */
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key) {
				struct file_entry *e = m->slots[i].value;
				free(e->sheet);
				free(e);
			}
		strmap_release(m);
		free(m);
	}
	free(ds->files);
	memset(ds, 0, sizeof *ds);
}

void diag_store_set_severity(struct diag_store *ds, enum diag_code code, enum severity sev)
{
	if ((unsigned)code >= DIAG__COUNT || (unsigned)sev > SEV_FATAL)
		return;
	ds->override[code] = sev;
	ds->has_override[code] = true;
}

void diag_store_copy_config(struct diag_store *to, const struct diag_store *from)
{
	if (!from)
		return;
	memcpy(to->override, from->override, sizeof to->override);
	memcpy(to->has_override, from->has_override, sizeof to->has_override);
}

/* The one copy of `file` owned by the store. Findings and the files list point at it, so that
 * callers may free their own strings right after diag_add. "" (not about a file) is never
 * listed. */
static const char *intern(struct diag_store *ds, const char *file, bool list)
{
	if (!file || !*file)
		return "";
	struct strmap *m = file_map(ds);
	struct file_entry *e = strmap_get(m, file);
	if (!e) {
		size_t len = strlen(file);
		e = xmalloc(sizeof *e + len + 1);
		e->listed = false;
		e->sheet = NULL;
		memcpy(e->name, file, len + 1);
		strmap_put(m, e->name, e);
	}
	if (list && !e->listed) {
		e->listed = true;
		XGROW(ds->files, ds->capfiles, ds->nfiles + 1);
		ds->files[ds->nfiles++] = e->name;
	}
	return e->name;
}

const char *diag_store_file(struct diag_store *ds, const char *file)
{
	return intern(ds, file, true);
}

void diag_store_set_sheet(struct diag_store *ds, const char *file, const char *sheet)
{
	const char *name = intern(ds, file, false);
	if (!*name)
		return;
	struct file_entry *e = strmap_get(file_map(ds), name);
	free(e->sheet);
	e->sheet = sheet ? xstrdup(sheet) : NULL;
}

const char *diag_store_sheet(const struct diag_store *ds, const char *file)
{
	if (!file || !*file || !ds->file_index)
		return NULL;
	const struct file_entry *e = strmap_get(file_map(ds), file);
	return e ? e->sheet : NULL;
}

bool diag_cell(const struct diag_store *ds, const char *file, struct loc loc, struct strbuf *out)
{
	const char *sheet = diag_store_sheet(ds, file);
	if (!sheet || !loc.line)
		return false;
	strbuf_adds(out, sheet);
	strbuf_addc(out, '!');
	diag_cell_ref(loc, out);
	return true;
}

void diag_cell_ref(struct loc loc, struct strbuf *out)
{
	if (loc.col) {
		/* the column's letters, as sheet_col_name spells them (A … Z, AA …) */
		char letters[8];
		size_t n = 0;
		for (uint32_t c = loc.col; c && n < sizeof letters; c = (c - 1) / 26)
			letters[n++] = (char)('A' + (c - 1) % 26);
		while (n)
			strbuf_addc(out, letters[--n]);
	}
	strbuf_addu(out, loc.line);
}

void diag_where(const struct diag_store *ds, const char *file, struct loc loc, struct strbuf *out)
{
	strbuf_adds(out, file ? file : "");
	if (!file || !*file || !loc.line)
		return;
	strbuf_addc(out, ':');
	if (diag_cell(ds, file, loc, out))
		return;
	strbuf_addu(out, loc.line);
	if (loc.col)
		strbuf_addf(out, ":%u", (unsigned)loc.col);
}

static enum severity effective_severity(const struct diag_store *ds, enum diag_code code)
{
	return ds->has_override[code] ? ds->override[code] : infos[code].sev;
}

static char *vformat(const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	strbuf_vaddf(&sb, fmt ? fmt : "", ap);
	return strbuf_detach(&sb, NULL);
}

struct diag *diag_vadd(struct diag_store *ds, enum diag_code code, const char *file, struct loc loc,
		       const char *fmt, va_list ap)
{
	if ((unsigned)code >= DIAG__COUNT)
		code = DIAG_INTERNAL;
	enum severity sev = effective_severity(ds, code);
	if (sev == SEV_OFF)
		return NULL;
	XGROW(ds->v, ds->cap, ds->n + 1);
	struct diag *d = &ds->v[ds->n];
	memset(d, 0, sizeof *d);
	d->code = code;
	d->sev = sev;
	/* A file with a finding was examined, even if the caller never said so: JUnit must not lose
	 * its findings. */
	d->file = intern(ds, file, true);
	d->loc = loc;
	d->msg = vformat(fmt, ap);
	d->file2 = NULL;
	/* Before finish this is the insertion order; finish renumbers in sorted order, which keeps
	 * every later finding after every earlier one (see diag_store_finish). */
	d->seq = ds->n;
	d->sheet = NULL;
	ds->n++;
	ds->counts[sev]++;
	ds->finished = false;
	return d;
}

struct diag *diag_add(struct diag_store *ds, enum diag_code code, const char *file, struct loc loc,
		      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diag *d = diag_vadd(ds, code, file, loc, fmt, ap);
	va_end(ap);
	return d;
}

void diag_set_help(struct diag *d, const char *fmt, ...)
{
	if (!d)
		return;
	free(d->help);
	va_list ap;
	va_start(ap, fmt);
	d->help = vformat(fmt, ap);
	va_end(ap);
}

void diag_set_fix(struct diag *d, struct loc start, struct loc end, const char *text)
{
	if (!d)
		return;
	if (!d->fix)
		d->fix = xmalloc(sizeof *d->fix);
	else
		free(d->fix->text);
	d->fix->start = start;
	d->fix->end = end;
	d->fix->text = xstrdup(text ? text : "");
}

void diag_set_fix_text(struct diag *d, const struct text *t, const char *replacement)
{
	if (!d || !t->s || !t->loc.line || strchr(t->s, '\n'))
		return;
	struct loc end = t->loc;
	end.col += (uint32_t)utf8_count(t->s, strlen(t->s));
	diag_set_fix(d, t->loc, end, replacement);
}

void diag_set_related(struct diag_store *ds, struct diag *d, const char *file, struct loc loc,
		      const char *fmt, ...)
{
	if (!d)
		return;
	/* Interned but not listed: pointing at a file does not mean it was examined. */
	d->file2 = intern(ds, file, false);
	d->loc2 = loc;
	free(d->msg2);
	va_list ap;
	va_start(ap, fmt);
	d->msg2 = vformat(fmt, ap);
	va_end(ap);
}

void diag_store_take(struct diag_store *to, struct diag_store *from)
{
	for (size_t i = 0; i < from->nfiles; i++)
		intern(to, from->files[i], true);
	/* positions that are cells of a sheet stay so (an imported workbook) */
	struct strmap *m = file_map(from);
	for (size_t i = 0; i < m->cap; i++) {
		struct file_entry *e = m->slots[i].key ? m->slots[i].value : NULL;
		if (e && e->sheet)
			diag_store_set_sheet(to, e->name, e->sheet);
	}
	for (size_t i = 0; i < from->n; i++) {
		XGROW(to->v, to->cap, to->n + 1);
		struct diag *d = &to->v[to->n];
		*d = from->v[i];
		d->file = intern(to, d->file, true);
		if (d->file2)
			d->file2 = intern(to, d->file2, false);
		d->seq = to->n++;
		to->counts[d->sev]++;
		to->finished = false;
	}
	/* the findings' strings now belong to `to` */
	from->n = 0;
	diag_store_release(from);
}

static int cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

/* Everything but seq: two findings equal here are duplicates. */
static int cmp_key(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if ((c = cmp_u32(a->loc.line, b->loc.line)))
		return c;
	if ((c = cmp_u32(a->loc.col, b->loc.col)))
		return c;
	/* By name, not by enumerator, so that appending codes never reorders output. */
	if ((c = strcmp(infos[a->code].name, infos[b->code].name)))
		return c;
	return strcmp(a->msg, b->msg);
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = cmp_key(a, b);
	if (c)
		return c;
	/* seq is unique, so qsort (not stable) still yields one deterministic order. */
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Keep the first of two duplicates but do not lose what only the second one carries. */
static void merge_into(struct diag *keep, struct diag *dup)
{
	if (dup->sev > keep->sev)
		keep->sev = dup->sev;
	if (!keep->help) {
		keep->help = dup->help;
		dup->help = NULL;
	}
	if (!keep->fix) {
		keep->fix = dup->fix;
		dup->fix = NULL;
	}
	if (!keep->msg2 && dup->msg2) {
		keep->file2 = dup->file2;
		keep->loc2 = dup->loc2;
		keep->msg2 = dup->msg2;
		dup->msg2 = NULL;
	}
	diag_free_fields(dup);
}

void diag_store_finish(struct diag_store *ds)
{
	if (ds->n > 1)
		qsort(ds->v, ds->n, sizeof *ds->v, cmp_diag);
	size_t w = 0;
	for (size_t r = 0; r < ds->n; r++) {
		if (w > 0 && cmp_key(&ds->v[w - 1], &ds->v[r]) == 0) {
			merge_into(&ds->v[w - 1], &ds->v[r]);
			continue;
		}
		if (w != r)
			ds->v[w] = ds->v[r];
		w++;
	}
	ds->n = w;
	memset(ds->counts, 0, sizeof ds->counts);
	for (size_t i = 0; i < ds->n; i++) {
		/* Renumber so that findings added after this call (seq = n) sort after all of these
		 * among duplicates; the old insertion numbers could collide with new ones. */
		ds->v[i].seq = i;
		ds->v[i].sheet = diag_store_sheet(ds, ds->v[i].file);
		ds->counts[ds->v[i].sev]++;
	}
	ds->finished = true;
}

size_t diag_count(const struct diag_store *ds, enum severity s)
{
	if ((unsigned)s > SEV_FATAL)
		return 0;
	return ds->counts[s];
}

size_t diag_store_size(const struct diag_store *ds)
{
	return ds->n;
}

const struct diag *diag_store_get(const struct diag_store *ds, size_t i)
{
	return i < ds->n ? &ds->v[i] : NULL;
}

const char *diag_store_file_at(const struct diag_store *ds, size_t i)
{
	return i < ds->nfiles ? ds->files[i] : NULL;
}

bool diag_failed(const struct diag_store *ds, bool strict)
{
	if (ds->counts[SEV_ERROR] || ds->counts[SEV_FATAL])
		return true;
	return strict && ds->counts[SEV_WARNING];
}

bool diag_has_fatal(const struct diag_store *ds)
{
	return ds->counts[SEV_FATAL] > 0;
}

int diag_exit_status(const struct diag_store *ds, bool strict)
{
	for (size_t i = 0; i < ds->n; i++)
		if (ds->v[i].code == DIAG_INTERNAL)
			return 4;
	if (diag_has_fatal(ds))
		return 3;
	return diag_failed(ds, strict) ? 1 : 0;
}

void diag_print(const struct diag_store *ds, const struct diag_printer *p, FILE *out,
		const struct diag_print_opts *o)
{
	static const struct diag_print_opts defaults = { false, false, NULL, SEV_OFF };
	if (!o)
		o = &defaults;
	if (!p)
		p = DIAG_PRINTER_TEXT;
	if (o->min_sev <= SEV_NOTE) {
		p->print(ds, out, o);
		return;
	}
	/* A view that shares the findings: the printers then need to know nothing of the filter,
	 * and their summaries count what they show. */
	struct diag_store view = *ds;
	view.v = xmalloc((ds->n ? ds->n : 1) * sizeof *view.v);
	view.n = 0;
	memset(view.counts, 0, sizeof view.counts);
	for (size_t i = 0; i < ds->n; i++)
		if (ds->v[i].sev >= o->min_sev) {
			view.v[view.n++] = ds->v[i];
			view.counts[ds->v[i].sev]++;
		}
	p->print(&view, out, o);
	free(view.v);
}
