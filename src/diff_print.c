/* SPDX-License-Identifier: MIT */
/* diff_print: the three views of a diff result — text for a terminal (one line per change, the
 * class in Chinese and English), markdown for a pull request or a 编制说明 (summary tables and
 * one section per class), json for programs (a versioned envelope). */
#include "diff.h"

#include <stdint.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "strbuf.h"
#include "utf8.h"

#define BOLD "\033[1m"
#define RESET "\033[0m"
/* Width of the class column in text output: "立(制定) establish" is the widest label. */
#define LABEL_COLS 18

int diff_format_by_name(const char *s)
{
	if (!strcmp(s, "text"))
		return DIFF_FMT_TEXT;
	if (!strcmp(s, "markdown") || !strcmp(s, "md"))
		return DIFF_FMT_MARKDOWN;
	if (!strcmp(s, "json"))
		return DIFF_FMT_JSON;
	return -1;
}

static const char *family_color(enum diff_family f)
{
	switch (f) {
	case FAMILY_LI:
		return "\033[32m";
	case FAMILY_GAI:
		return "\033[33m";
	case FAMILY_FEI:
		return "\033[31m";
	case FAMILY_SHI:
		return "\033[36m";
	case FAMILY_OTHER:
	case DIFF_NFAMILY:
		break;
	}
	return "\033[34m";
}

/* Text from the documents may hold anything; on a terminal control characters are shown as
 * escapes so that a title cannot forge a line or move the cursor. */
static void put_safe(FILE *out, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			fputs("\\n", out);
		else if ((*p < 0x20 && *p != '\t') || *p == 0x7F)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
}

/* Flag words: English tokens for json, translated for people. */
static void flag_words(const struct diff_change *c, struct strbuf *sb, const char *sep, bool translate)
{
	static const struct {
		unsigned flag;
		const char *word;
	} words[] = {
		{ DIFF_F_EXTERNAL, N_("external") },  { DIFF_F_TITLE, N_("title changed") },
		{ DIFF_F_PLANNED, N_("planned") },    { DIFF_F_PUBLISHED, N_("published") },
		{ DIFF_F_PENDING, N_("pending") },    { DIFF_F_REGISTRY, N_("registry") },
		{ DIFF_F_REMOVED, N_("removed") },    { DIFF_F_REUSE, N_("reuses a number") },
		{ DIFF_F_RENUMBERED, N_("renumbered") },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (c->flags & words[i].flag) {
			if (sb->len)
				strbuf_adds(sb, sep);
			strbuf_adds(sb, translate ? _(words[i].word) : words[i].word);
		}
}

static void numbers(const struct diff_change *c, struct strbuf *sb)
{
	const char *a = c->old.present ? c->old.number : NULL;
	const char *b = c->new_.present ? c->new_.number : NULL;
	if (a && b && strcmp(a, b))
		strbuf_addf(sb, "%s → %s", a, b);
	else if (b || a)
		strbuf_adds(sb, b ? b : a);
	else
		strbuf_adds(sb, "—");
}

static const char *title_of(const struct diff_change *c)
{
	return c->new_.present && c->new_.title ? c->new_.title : c->old.title ? c->old.title : "";
}

static void date_str(const struct date *d, char *buf, size_t len)
{
	if (d->y)
		snprintf(buf, len, "%04d-%02d-%02d", d->y, d->m, d->d);
	else
		snprintf(buf, len, "—");
}

/* The detail lines of a change (without indentation), one per strbuf line. */
static void details(const struct diff_change *c, struct strbuf *sb)
{
	char d1[16];
	if ((c->flags & DIFF_F_TITLE) && c->old.title && c->new_.title)
		strbuf_addf(sb, _("title: %s → %s\n"), c->old.title, c->new_.title);
	if (c->old.present && c->new_.present && c->old.status != c->new_.status &&
	    c->old.status && c->new_.status)
		strbuf_addf(sb, _("status: %s → %s\n"), status_word(c->old.status, false),
			    status_word(c->new_.status, false));
	else if (!c->new_.present && c->old.status)
		strbuf_addf(sb, _("status: %s, removed from the table\n"), status_word(c->old.status, false));
	if (c->cls == DIFF_REFILE && c->old.code && c->new_.code && strcmp(c->old.code, c->new_.code))
		strbuf_addf(sb, _("code: %s → %s\n"), c->old.code, c->new_.code);
	if (c->fields && c->cls != DIFF_REFILE)
		strbuf_addf(sb, _("fields: %s\n"), c->fields);
	if (c->amendment) {
		date_str(&c->amendment->published, d1, sizeof d1);
		strbuf_addf(sb, _("amendment %s (%s): %s\n"), c->amendment->id.s ? c->amendment->id.s : "",
			    d1, c->amendment->summary.s ? c->amendment->summary.s : "");
	}
	if (c->interpretation) {
		date_str(&c->interpretation->issued, d1, sizeof d1);
		strbuf_addf(sb, _("interpretation %s (%s): %s\n"),
			    c->interpretation->id.s ? c->interpretation->id.s : "", d1,
			    c->interpretation->summary.s ? c->interpretation->summary.s : "");
	}
	if (c->review) {
		date_str(&c->review->date, d1, sizeof d1);
		strbuf_addf(sb, _("review %s: %s %s%s\n"), d1, outcome_word(c->review->outcome.v, true),
			    outcome_word(c->review->outcome.v, false),
			    c->flags & DIFF_F_PENDING ? _(" (pending)") : "");
	}
	if (c->doc && c->doc->moved == 1)
		strbuf_adds(sb, _("1 clause renumbered or moved (not a technical change)\n"));
	else if (c->doc && c->doc->moved)
		strbuf_addf(sb, _("%zu clauses renumbered or moved (not a technical change)\n"),
			    c->doc->moved);
}

static const char *item_mark(enum change_kind k)
{
	return k == CHANGE_ADDED ? "+" : k == CHANGE_DELETED ? "-" : "~";
}

static void summary_line(const struct diff_result *r, struct strbuf *sb)
{
	strbuf_addf(sb, "立改废释: ");
	for (int f = 0; f < DIFF_NFAMILY; f++)
		strbuf_addf(sb, "%s%s %zu", f ? " · " : "", diff_family_zh((enum diff_family)f),
			    r->family[f]);
	if (r->nchanges == 1)
		strbuf_adds(sb, _(" (1 change)"));
	else
		strbuf_addf(sb, _(" (%zu changes)"), r->nchanges);
}

/* ---- text ---- */

static void print_text(const struct diff_result *r, FILE *out, const struct diff_print_opts *o)
{
	bool color = o->color;
	if (!diff_has_differences(r))
		return;
	if (o->header) {
		fprintf(out, "%s--- ", color ? BOLD : "");
		put_safe(out, r->old->label);
		fprintf(out, "\n+++ ");
		put_safe(out, r->new_->label);
		fprintf(out, "%s\n", color ? RESET : "");
	}
	if (r->system_fields)
		fprintf(out, _("体系 system: %s changed\n"), r->system_fields);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct diff_change *c = &r->changes[i];
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", diff_class_zh(c->cls), diff_class_name(c->cls));
		size_t w = utf8_width(sb.buf, sb.len);
		if (color)
			fputs(family_color(diff_class_family(c->cls)), out);
		fputs(sb.buf, out);
		if (color)
			fputs(RESET, out);
		fprintf(out, "%*s  ", (int)(w < LABEL_COLS ? LABEL_COLS - w : 0), "");
		if (*c->code) {
			put_safe(out, c->code);
			fputs("  ", out);
		}
		strbuf_reset(&sb);
		numbers(c, &sb);
		put_safe(out, sb.buf);
		fputs("  ", out);
		put_safe(out, title_of(c));
		strbuf_reset(&sb);
		flag_words(c, &sb, ", ", true);
		if (sb.len)
			fprintf(out, "  [%s]", sb.buf);
		fputc('\n', out);
		strbuf_reset(&sb);
		details(c, &sb);
		for (char *line = sb.buf, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			*nl = '\0';
			fputs("    ", out);
			put_safe(out, line);
			fputc('\n', out);
		}
		if (c->doc)
			for (size_t k = 0; k < c->doc->nitems; k++) {
				fprintf(out, "    %s ", item_mark(c->doc->items[k].kind));
				put_safe(out, c->doc->items[k].text);
				fputc('\n', out);
			}
	}
	if (!r->nchanges || o->quiet) {
		strbuf_release(&sb);
		return;
	}
	strbuf_reset(&sb);
	summary_line(r, &sb);
	fprintf(out, "\n%s%s%s\n", color ? BOLD : "", sb.buf, color ? RESET : "");
	for (int k = 0; k < DIFF_NCLASS; k++) {
		if (!r->count[k])
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", diff_class_zh((enum diff_class)k), diff_class_name((enum diff_class)k));
		size_t w = utf8_width(sb.buf, sb.len);
		fprintf(out, "  %s%*s %zu\n", sb.buf, (int)(w < LABEL_COLS ? LABEL_COLS - w : 0), "",
			r->count[k]);
	}
	bool any = false;
	for (size_t i = 0; r->kind == DOC_SYSTEM && i < r->ncats; i++) {
		const struct diff_catcount *k = &r->cats[i];
		if (!k->total)
			continue;
		if (!any)
			fprintf(out, _("by top-level category:\n"));
		any = true;
		fputs("  ", out);
		if (*k->code) {
			put_safe(out, k->code);
			if (k->title) {
				fputc(' ', out);
				put_safe(out, k->title);
			}
		} else {
			fputs(_("(not in the table)"), out);
		}
		fputs(":", out);
		for (int f = 0; f < DIFF_NFAMILY; f++) {
			size_t n = 0;
			for (int cl = 0; cl < DIFF_NCLASS; cl++)
				if ((int)diff_class_family((enum diff_class)cl) == f)
					n += k->n[cl];
			if (n)
				fprintf(out, " %s %zu", diff_family_zh((enum diff_family)f), n);
		}
		fputc('\n', out);
	}
	strbuf_release(&sb);
}

/* ---- markdown ---- */

/* A table cell: pipes escaped, line breaks turned into spaces. */
static void md_cell(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '|')
			fputs("\\|", out);
		else if (*p == '\n' || *p == '\r')
			fputc(' ', out);
		else if (*p < 0x20 || *p == 0x7F)
			continue;
		else
			fputc(*p, out);
	}
}

static size_t family_n(const struct diff_catcount *k, int f)
{
	size_t n = 0;
	for (int cl = 0; cl < DIFF_NCLASS; cl++)
		if ((int)diff_class_family((enum diff_class)cl) == f)
			n += k->n[cl];
	return n;
}

/* a b … z aa ab …, as the 前言 list letters them (diff_doc.c). */
static void put_letter(FILE *out, size_t i)
{
	if (i >= 26)
		put_letter(out, i / 26 - 1);
	fputc('a' + (int)(i % 26), out);
}

static bool is_violation(const struct diag *d)
{
	return !strncmp(diag_info(d->code)->name, "diff-", 5);
}

static void print_markdown(const struct diff_result *r, FILE *out, const struct diff_print_opts *o)
{
	struct strbuf sb;
	strbuf_init(&sb);
	fputs("## zhun diff: `", out);
	md_cell(out, r->old->label);
	fputs("` → `", out);
	md_cell(out, r->new_->label);
	fputs("`\n\n", out);
	if (r->system_fields)
		fprintf(out, _("体系 system: %s changed\n\n"), r->system_fields);
	summary_line(r, &sb);
	fprintf(out, "**%s**\n\n", sb.buf);
	if (!r->nchanges) {
		fputs(_("No classified changes.\n"), out);
	} else if (r->kind == DOC_SYSTEM) {
		fputs("| 子体系 category | 立 | 改 | 废 | 释 | 其他 | 合计 total |\n", out);
		fputs("|---|--:|--:|--:|--:|--:|--:|\n", out);
		struct diff_catcount all = { 0 };
		for (size_t i = 0; i < r->ncats; i++) {
			const struct diff_catcount *k = &r->cats[i];
			if (!*k->code && !k->total)
				continue;
			fputs("| ", out);
			if (*k->code) {
				md_cell(out, k->code);
				fputc(' ', out);
				md_cell(out, k->title);
			} else {
				fputs("—", out);
			}
			for (int f = 0; f < DIFF_NFAMILY; f++)
				fprintf(out, " | %zu", family_n(k, f));
			fprintf(out, " | %zu |\n", k->total);
			for (int cl = 0; cl < DIFF_NCLASS; cl++)
				all.n[cl] += k->n[cl];
			all.total += k->total;
		}
		fputs("| **合计 total**", out);
		for (int f = 0; f < DIFF_NFAMILY; f++)
			fprintf(out, " | **%zu**", family_n(&all, f));
		fprintf(out, " | **%zu** |\n\n", all.total);
	}
	if (r->nchanges) {
		fputs("| 类别 class | 数量 count |\n|---|--:|\n", out);
		for (int k = 0; k < DIFF_NCLASS; k++)
			if (r->count[k])
				fprintf(out, "| %s %s | %zu |\n", diff_class_zh((enum diff_class)k),
					diff_class_name((enum diff_class)k), r->count[k]);
		fputc('\n', out);
	}
	for (int k = 0; k < DIFF_NCLASS; k++) {
		if (!r->count[k])
			continue;
		fprintf(out, "### %s %s (%zu)\n\n", diff_class_zh((enum diff_class)k),
			diff_class_name((enum diff_class)k), r->count[k]);
		fputs("| 体系表编号 code | 标准编号 number | 标准名称 title | 说明 notes |\n|---|---|---|---|\n", out);
		for (size_t i = 0; i < r->nchanges; i++) {
			const struct diff_change *c = &r->changes[i];
			if ((int)c->cls != k)
				continue;
			fputs("| ", out);
			md_cell(out, *c->code ? c->code : "—");
			fputs(" | ", out);
			strbuf_reset(&sb);
			numbers(c, &sb);
			md_cell(out, sb.buf);
			fputs(" | ", out);
			md_cell(out, title_of(c));
			fputs(" | ", out);
			strbuf_reset(&sb);
			flag_words(c, &sb, "; ", true);
			struct strbuf det;
			strbuf_init(&det);
			details(c, &det);
			if (c->doc && c->doc->nitems)
				strbuf_addf(&det, c->doc->nitems == 1 ? _("%zu technical change, listed below\n")
								    : _("%zu technical changes, listed below\n"),
					    c->doc->nitems);
			for (char *line = det.buf, *nl; *line; line = nl + 1) {
				nl = strchr(line, '\n');
				*nl = '\0';
				if (sb.len)
					strbuf_adds(&sb, "; ");
				strbuf_adds(&sb, line);
			}
			strbuf_release(&det);
			md_cell(out, sb.buf);
			fputs(" |\n", out);
		}
		fputc('\n', out);
		for (size_t i = 0; i < r->nchanges; i++) {
			const struct diff_change *c = &r->changes[i];
			if ((int)c->cls != k || !c->doc || !c->doc->nitems)
				continue;
			fputs("**主要技术变化** ", out);
			md_cell(out, *c->code ? c->code : c->new_.number);
			fputs("\n\n", out);
			for (size_t q = 0; q < c->doc->nitems; q++) {
				fputs("- ", out);
				put_letter(out, q);
				fputs("）", out);
				md_cell(out, c->doc->items[q].text);
				fputs(q + 1 < c->doc->nitems ? "；\n" : "。\n", out);
			}
			fputc('\n', out);
		}
	}
	const struct diag_store *ds = o->ds;
	size_t nv = 0;
	for (size_t i = 0; ds && i < ds->n; i++)
		nv += is_violation(&ds->v[i]);
	fprintf(out, "### 规则检查 violations (%zu)\n\n", nv);
	if (!nv)
		fputs(_("None.\n"), out);
	for (size_t i = 0; ds && i < ds->n; i++) {
		const struct diag *d = &ds->v[i];
		if (!is_violation(d))
			continue;
		fprintf(out, "- **%s** `%s` ", severity_name(d->sev), diag_info(d->code)->name);
		md_cell(out, d->file);
		fprintf(out, ":%u:%u: ", (unsigned)d->loc.line, (unsigned)d->loc.col);
		md_cell(out, d->msg);
		if (d->msg2) {
			fputs(" — ", out);
			md_cell(out, d->file2 && *d->file2 ? d->file2 : d->file);
			fprintf(out, ":%u:%u: ", (unsigned)d->loc2.line, (unsigned)d->loc2.col);
			md_cell(out, d->msg2);
		}
		fputc('\n', out);
	}
	strbuf_release(&sb);
}

/* ---- json ---- */

/* A JSON string: control characters, DEL, C1 and U+2028/9 escaped; invalid UTF-8 → U+FFFD. */
static void js(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	size_t len = strlen(s);
	fputc('"', out);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '"' || c == '\\')
				fprintf(out, "\\%c", c);
			else if (c == '\n')
				fputs("\\n", out);
			else if (c == '\t')
				fputs("\\t", out);
			else if (c < 0x20 || c == 0x7F)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029)
			fprintf(out, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, k, out);
		i += k;
	}
	fputc('"', out);
}

static void js_face(FILE *out, const struct diff_face *f)
{
	if (!f->present) {
		fputs("null", out);
		return;
	}
	fputs("{\"code\": ", out);
	js(out, f->code);
	fputs(", \"number\": ", out);
	js(out, f->number);
	fputs(", \"title\": ", out);
	js(out, f->title);
	fputs(", \"status\": ", out);
	js(out, f->status ? status_word(f->status, false) : NULL);
	fputs(", \"file\": ", out);
	js(out, f->file);
	fprintf(out, ", \"line\": %u, \"column\": %u}", (unsigned)f->loc.line, (unsigned)f->loc.col);
}

static void js_change(FILE *out, const struct diff_change *c)
{
	struct strbuf sb;
	strbuf_init(&sb);
	char d1[16];
	fputs("{\"class\": ", out);
	js(out, diff_class_name(c->cls));
	fputs(", \"class_zh\": ", out);
	js(out, diff_class_zh(c->cls));
	fputs(", \"key\": ", out);
	js(out, c->key);
	fputs(", \"code\": ", out);
	js(out, *c->code ? c->code : NULL);
	fputs(", \"category\": ", out);
	js(out, *c->category ? c->category : NULL);
	fputs(", \"old\": ", out);
	js_face(out, &c->old);
	fputs(", \"new\": ", out);
	js_face(out, &c->new_);
	fputs(", \"flags\": [", out);
	flag_words(c, &sb, "\x1f", false);
	for (char *w = sb.buf, *e; sb.len && w; w = e ? e + 1 : NULL) {
		e = strchr(w, '\x1f');
		if (e)
			*e = '\0';
		if (w != sb.buf)
			fputs(", ", out);
		/* json flags are tokens: "title changed" → "title-changed" */
		for (char *q = w; *q; q++)
			if (*q == ' ')
				*q = '-';
		js(out, w);
	}
	fputc(']', out);
	if (c->fields) {
		fputs(", \"fields\": ", out);
		js(out, c->fields);
	}
	if (c->amendment) {
		date_str(&c->amendment->published, d1, sizeof d1);
		fputs(", \"amendment\": {\"id\": ", out);
		js(out, c->amendment->id.s);
		fputs(", \"published\": ", out);
		js(out, d1);
		fputs(", \"summary\": ", out);
		js(out, c->amendment->summary.s);
		fputc('}', out);
	}
	if (c->interpretation) {
		date_str(&c->interpretation->issued, d1, sizeof d1);
		fputs(", \"interpretation\": {\"id\": ", out);
		js(out, c->interpretation->id.s);
		fputs(", \"issued\": ", out);
		js(out, d1);
		fputs(", \"summary\": ", out);
		js(out, c->interpretation->summary.s);
		fputc('}', out);
	}
	if (c->review) {
		date_str(&c->review->date, d1, sizeof d1);
		fputs(", \"review\": {\"date\": ", out);
		js(out, d1);
		fputs(", \"outcome\": ", out);
		js(out, outcome_word(c->review->outcome.v, false));
		fputc('}', out);
	}
	if (c->doc) {
		fputs(", \"document\": {\"old\": ", out);
		js(out, c->doc->old_doc->path);
		fputs(", \"new\": ", out);
		js(out, c->doc->new_doc->path);
		fprintf(out, ", \"moved\": %zu, \"items\": [", c->doc->moved);
		char pos[96];
		for (size_t i = 0; i < c->doc->nitems; i++) {
			const struct diff_item *it = &c->doc->items[i];
			fputs(i ? ", " : "", out);
			fputs("{\"kind\": ", out);
			js(out, it->kind == CHANGE_ADDED ? "added" : it->kind == CHANGE_DELETED ? "deleted" : "changed");
			fputs(", \"old\": ", out);
			js(out, it->old_u ? diff_unit_pos(it->old_u, pos, sizeof pos) : NULL);
			fputs(", \"new\": ", out);
			js(out, it->new_u ? diff_unit_pos(it->new_u, pos, sizeof pos) : NULL);
			fputs(", \"text\": ", out);
			js(out, it->text);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputc('}', out);
	strbuf_release(&sb);
}

static void js_diag(FILE *out, const struct diag *d)
{
	const struct diag_info *info = diag_info(d->code);
	fputs("{\"file\": ", out);
	js(out, d->file);
	fprintf(out, ", \"line\": %u, \"column\": %u, \"severity\": ", (unsigned)d->loc.line,
		(unsigned)d->loc.col);
	js(out, severity_name(d->sev));
	fputs(", \"code\": ", out);
	js(out, info->name);
	fputs(", \"rule\": ", out);
	js(out, info->rule);
	fputs(", \"message\": ", out);
	js(out, d->msg);
	if (d->help) {
		fputs(", \"help\": ", out);
		js(out, d->help);
	}
	if (d->msg2) {
		fputs(", \"related\": {\"file\": ", out);
		js(out, d->file2 && *d->file2 ? d->file2 : d->file);
		fprintf(out, ", \"line\": %u, \"column\": %u, \"message\": ", (unsigned)d->loc2.line,
			(unsigned)d->loc2.col);
		js(out, d->msg2);
		fputc('}', out);
	}
	fputc('}', out);
}

static void print_json(const struct diff_result *r, FILE *out, const struct diff_print_opts *o)
{
	fputs("{\n  \"zhun\": ", out);
	js(out, ZHUN_VERSION);
	fputs(",\n  \"schema\": 1,\n  \"kind\": ", out);
	js(out, doc_kind_name(r->kind));
	fputs(",\n  \"old\": ", out);
	js(out, r->old->label);
	fputs(",\n  \"new\": ", out);
	js(out, r->new_->label);
	fputs(",\n  \"system_fields\": ", out);
	js(out, r->system_fields);
	fputs(",\n  \"changes\": [", out);
	/* One change per line: readable, and line-oriented tools can still diff it. */
	for (size_t i = 0; i < r->nchanges; i++) {
		fputs(i ? ",\n    " : "\n    ", out);
		js_change(out, &r->changes[i]);
	}
	fputs(r->nchanges ? "\n  ],\n" : "],\n", out);
	fputs("  \"violations\": [", out);
	size_t nv = 0, ne = 0, nw = 0;
	const struct diag_store *ds = o->ds;
	for (size_t i = 0; ds && i < ds->n; i++) {
		const struct diag *d = &ds->v[i];
		if (!is_violation(d))
			continue;
		fputs(nv++ ? ",\n    " : "\n    ", out);
		js_diag(out, d);
		ne += d->sev >= SEV_ERROR;
		nw += d->sev == SEV_WARNING;
	}
	fputs(nv ? "\n  ],\n" : "],\n", out);
	fprintf(out, "  \"summary\": {\"changes\": %zu, \"classes\": {", r->nchanges);
	for (int k = 0; k < DIFF_NCLASS; k++) {
		fputs(k ? ", " : "", out);
		js(out, diff_class_name((enum diff_class)k));
		fprintf(out, ": %zu", r->count[k]);
	}
	fputs("}, \"families\": {", out);
	for (int f = 0; f < DIFF_NFAMILY; f++) {
		fputs(f ? ", " : "", out);
		js(out, diff_family_zh((enum diff_family)f));
		fprintf(out, ": %zu", r->family[f]);
	}
	fputs("}, \"categories\": [", out);
	bool first = true;
	for (size_t i = 0; i < r->ncats; i++) {
		const struct diff_catcount *k = &r->cats[i];
		if (!*k->code && !k->total)
			continue;
		fputs(first ? "" : ", ", out);
		first = false;
		fputs("{\"code\": ", out);
		js(out, *k->code ? k->code : NULL);
		fputs(", \"title\": ", out);
		js(out, k->title);
		fprintf(out, ", \"total\": %zu, \"classes\": {", k->total);
		bool f1 = true;
		for (int cl = 0; cl < DIFF_NCLASS; cl++) {
			if (!k->n[cl])
				continue;
			fputs(f1 ? "" : ", ", out);
			f1 = false;
			js(out, diff_class_name((enum diff_class)cl));
			fprintf(out, ": %zu", k->n[cl]);
		}
		fputs("}}", out);
	}
	fprintf(out, "], \"violations\": {\"errors\": %zu, \"warnings\": %zu}}\n}\n", ne, nw);
}

void diff_print(const struct diff_result *r, FILE *out, const struct diff_print_opts *o)
{
	switch (o->format) {
	case DIFF_FMT_TEXT:
		print_text(r, out, o);
		break;
	case DIFF_FMT_MARKDOWN:
		print_markdown(r, out, o);
		break;
	case DIFF_FMT_JSON:
		print_json(r, out, o);
		break;
	}
}
