/* SPDX-License-Identifier: MIT */
/* diff_print: the three views of a diff result — text for a terminal (one line per change, the
 * class in Chinese and English), markdown for a pull request or a 编制说明 (summary tables and
 * one section per class), json for programs (a versioned envelope). */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "json.h"
#include "model.h"
#include "strbuf.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

#define BOLD  "\033[1m"
#define RESET "\033[0m"
/* Width of the class column in text output: "立(制定) establish" is the widest label. */
#define LABEL_COLS 18

/* By enum diff_family: 立 green, 改 yellow, 废 red, 释 cyan, the rest blue. */
static const char *const family_color[] = {
	[FAMILY_LI] = "\033[32m",  [FAMILY_GAI] = "\033[33m",	[FAMILY_FEI] = "\033[31m",
	[FAMILY_SHI] = "\033[36m", [FAMILY_OTHER] = "\033[34m",
};

/* Text from the documents may hold anything; on a terminal every character a terminal acts on
 * is shown as an escape (table_term_escape: C0, DEL, C1, the bidirectional formatting
 * characters, bytes that are not UTF-8), and a line feed as \n, so that a title cannot forge a
 * line, move the cursor or reorder what is shown. */
static void put_safe(FILE *out, const char *s)
{
	if (!s)
		return;
	if (!strchr(s, '\n') && table_term_clean(s)) {
		fputs(s, out);
		return;
	}
	/* table_term_escape leaves line feeds as they are: they are shown here */
	struct strbuf sb = STRBUF_INIT;
	table_term_escape(&sb, s);
	for (const char *p = sb.buf; *p; p++) {
		if (*p == '\n')
			fputs("\\n", out);
		else
			fputc(*p, out);
	}
	strbuf_release(&sb);
}

/* Flag words: English tokens for json, translated for people. */
static void flag_words(const struct diff_change *c, struct strbuf *sb, const char *sep,
		       bool translate)
{
	static const struct {
		unsigned flag;
		const char *word;
	} words[] = {
		{ DIFF_F_EXTERNAL, N_("external") },	 { DIFF_F_TITLE, N_("title changed") },
		{ DIFF_F_PLANNED, N_("planned") },	 { DIFF_F_PUBLISHED, N_("published") },
		{ DIFF_F_PENDING, N_("pending") },	 { DIFF_F_REGISTRY, N_("registry") },
		{ DIFF_F_REMOVED, N_("removed") },	 { DIFF_F_REUSE, N_("reuses a number") },
		{ DIFF_F_RENUMBERED, N_("renumbered") },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (c->flags & words[i].flag) {
			if (sb->len)
				strbuf_adds(sb, sep);
			strbuf_adds(sb, translate ? _(words[i].word) : words[i].word);
		}
}

/* The change's standard numbers, "old → new" when they differ, in sb (reset first). */
static const char *numbers(const struct diff_change *c, struct strbuf *sb)
{
	strbuf_reset(sb);
	const char *a = c->old.present ? c->old.number : NULL;
	const char *b = c->new_.present ? c->new_.number : NULL;
	if (a && b && strcmp(a, b))
		strbuf_addf(sb, "%s → %s", a, b);
	else if (b || a)
		strbuf_adds(sb, b ? b : a);
	else
		strbuf_adds(sb, "—");
	return sb->buf;
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

/* The Chinese names of the fields src/diff.c lists by their keys (a Chinese reader meets no
 * key names; the English output keeps them, as json does). */
static const struct {
	const char *key, *zh;
} field_zh[] = {
	{ "number", "标准编号" },
	{ "title", "名称" },
	{ "title-en", "英文名称" },
	{ "level", "层级" },
	{ "type", "标准类型" },
	{ "status", "状态" },
	{ "action", "拟采取的措施" },
	{ "published", "发布日期" },
	{ "effective", "实施日期" },
	{ "withdrawn", "废止日期" },
	{ "replaces", "代替标准" },
	{ "replaced-by", "被代替标准" },
	{ "adopts", "采用关系" },
	{ "refs", "引用标准" },
	{ "document", "标准文本文件" },
	{ "note", "备注" },
	{ "id", "标识" },
	{ "owner", "所有者" },
	{ "edition", "版本" },
	{ "date", "日期" },
	{ "code-format", "体系表编号格式" },
	{ "review-cycle", "复审周期" },
	{ "own-prefixes", "本单位标准代号" },
	{ "registry", "标准状态清单" },
	{ "categories", "类目" },
	{ "ics/ccs", "ICS/CCS 分类号" },
	{ "issuer", "发布机构" },
	{ "drafting-rules", "起草规则" },
	{ "row removed", "体系表条目删除" },
};

/* fields (", "-separated keys) as the reader's language names them: Chinese names joined by
 * "、" in a Chinese message, else the keys as they are. The result lives in sb or is fields itself.
 */
static const char *field_names(const char *fields, struct strbuf *sb)
{
	if (!i18n_messages_zh())
		return fields;
	strbuf_reset(sb);
	for (const char *p = fields; *p;) {
		size_t n = strcspn(p, ",");
		const char *name = NULL;
		for (size_t i = 0; i < sizeof field_zh / sizeof field_zh[0] && !name; i++)
			if (strlen(field_zh[i].key) == n && !strncmp(field_zh[i].key, p, n))
				name = field_zh[i].zh;
		if (sb->len)
			strbuf_adds(sb, "、");
		if (name)
			strbuf_adds(sb, name);
		else
			strbuf_addf(sb, "%.*s", (int)n, p);
		p += n;
		p += strspn(p, ", ");
	}
	return sb->buf;
}

/* The detail lines of a change (without indentation), one per strbuf line. */
static void details(const struct diff_change *c, struct strbuf *sb)
{
	/* the status words in the language of the sentence around them */
	bool zh = i18n_messages_zh();
	char d1[16];
	if ((c->flags & DIFF_F_TITLE) && c->old.title && c->new_.title)
		strbuf_addf(sb, _("title: %s → %s\n"), c->old.title, c->new_.title);
	const struct diff_doc *dd = c->doc;
	if (c->new_row && dd && dd->old_std && dd->new_std && dd->old_std->title.s &&
	    dd->new_std->title.s &&
	    !utf8_fold_space_equal(dd->old_std->title.s, dd->new_std->title.s))
		strbuf_addf(sb, _("document title: %s → %s\n"), dd->old_std->title.s,
			    dd->new_std->title.s);
	if (c->old.present && c->new_.present && c->old.status != c->new_.status && c->old.status &&
	    c->new_.status)
		strbuf_addf(sb, _("status: %s → %s\n"), status_word(c->old.status, zh),
			    status_word(c->new_.status, zh));
	else if (!c->new_.present && c->old.status)
		strbuf_addf(sb, _("status: %s, removed from the table\n"),
			    status_word(c->old.status, zh));
	if (c->cls == DIFF_REFILE && c->old.code && c->new_.code &&
	    strcmp(c->old.code, c->new_.code))
		strbuf_addf(sb, _("code: %s → %s\n"), c->old.code, c->new_.code);
	if (c->fields && c->cls != DIFF_REFILE) {
		struct strbuf names;
		strbuf_init(&names);
		strbuf_addf(sb, _("fields: %s\n"), field_names(c->fields, &names));
		strbuf_release(&names);
	}
	if (c->amendment) {
		date_str(&c->amendment->published, d1, sizeof d1);
		strbuf_addf(sb, _("amendment %s (%s): %s\n"),
			    c->amendment->id.s ? c->amendment->id.s : "", d1,
			    c->amendment->summary.s ? c->amendment->summary.s : "");
	}
	if (c->interpretation) {
		date_str(&c->interpretation->issued, d1, sizeof d1);
		strbuf_addf(sb, _("interpretation %s (%s): %s\n"),
			    c->interpretation->id.s ? c->interpretation->id.s : "", d1,
			    c->interpretation->summary.s ? c->interpretation->summary.s : "");
	}
	if (c->review) {
		date_str(&c->review->date, d1, sizeof d1);
		strbuf_addf(sb, _("review %s: %s %s%s\n"), d1,
			    outcome_word(c->review->outcome.v, true),
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

/* 立 n · 改 n · 废 n · 释 n · 其他 n; own selects the counts without the external changes, or
 * the external ones alone (-1: all). */
static void family_counts(const struct diff_result *r, int own, struct strbuf *sb)
{
	for (int f = 0; f < DIFF_NFAMILY; f++) {
		size_t n = own < 0 ? r->family[f]
			   : own   ? r->family[f] - r->family_external[f]
				   : r->family_external[f];
		strbuf_addf(sb, "%s%s %zu", f ? " · " : "", diff_family_zh((enum diff_family)f), n);
	}
}

static bool any_external(const struct diff_result *r)
{
	for (int f = 0; f < DIFF_NFAMILY; f++)
		if (r->family_external[f])
			return true;
	return false;
}

/* The own / external split of the totals, one line each; nothing when every change is the
 * owner's own (the totals are then the own figures). */
static void split_lines(const struct diff_result *r, const char *indent, const char *own,
			const char *external, struct strbuf *sb)
{
	if (!any_external(r))
		return;
	strbuf_addf(sb, "%s%s: ", indent, own);
	family_counts(r, 1, sb);
	strbuf_addf(sb, "\n%s%s: ", indent, external);
	family_counts(r, 0, sb);
	strbuf_addc(sb, '\n');
}

static void summary_line(const struct diff_result *r, struct strbuf *sb)
{
	strbuf_addf(sb, "立改废释: ");
	family_counts(r, -1, sb);
	if (r->nchanges == 1)
		strbuf_adds(sb, _(" (1 change)"));
	else
		strbuf_addf(sb, _(" (%zu changes)"), r->nchanges);
}

/* ---- text ---- */

static void md_cell(FILE *out, const char *s);

/* A record that changed, on a line of the text or (md) the Markdown report: its kind in both
 * languages, its label, and a changed value as old → new ("—" for none). */
static void rec_line(FILE *out, const struct diff_rec_change *rc, bool md)
{
	fprintf(out, md ? "- %s `%s`: " : "记录 records  %s %s  ", diff_rec_kind_zh(rc->kind),
		diff_rec_kind_name(rc->kind));
	(md ? md_cell : put_safe)(out, rc->label);
	if (rc->old_val) {
		void (*put)(FILE *, const char *) = md ? md_cell : put_safe;
		fputs(md ? " (" : "  ", out);
		put(out, *rc->old_val ? rc->old_val : "—");
		fputs(" → ", out);
		put(out, *rc->new_val ? rc->new_val : "—");
		if (md)
			fputc(')', out);
	}
	fputc('\n', out);
}

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
	struct strbuf sb;
	strbuf_init(&sb);
	if (r->system_fields)
		fprintf(out, _("体系 system: %s changed\n"), field_names(r->system_fields, &sb));
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct diff_change *c = &r->changes[i];
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", diff_class_zh(c->cls), diff_class_name(c->cls));
		size_t w = utf8_width(sb.buf, sb.len);
		if (color)
			fputs(family_color[diff_class_family(c->cls)], out);
		fputs(sb.buf, out);
		if (color)
			fputs(RESET, out);
		fprintf(out, "%*s  ", (int)(w < LABEL_COLS ? LABEL_COLS - w : 0), "");
		if (*c->code) {
			put_safe(out, c->code);
			fputs("  ", out);
		}
		put_safe(out, numbers(c, &sb));
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
	for (size_t i = 0; i < r->nrecs; i++)
		rec_line(out, &r->recs[i], false);
	if (!r->nchanges || o->quiet) {
		strbuf_release(&sb);
		return;
	}
	strbuf_reset(&sb);
	summary_line(r, &sb);
	fprintf(out, "\n%s%s%s\n", color ? BOLD : "", sb.buf, color ? RESET : "");
	strbuf_reset(&sb);
	split_lines(r, "  ", _("own standards"), _("external standards"), &sb);
	fputs(sb.buf, out);
	for (int k = 0; k < DIFF_NCLASS; k++) {
		if (!r->count[k])
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", diff_class_zh((enum diff_class)k),
			    diff_class_name((enum diff_class)k));
		size_t w = utf8_width(sb.buf, sb.len);
		fprintf(out, "  %s%*s %zu", sb.buf, (int)(w < LABEL_COLS ? LABEL_COLS - w : 0), "",
			r->count[k]);
		if (r->external[k])
			fprintf(out, _(" (external %zu)"), r->external[k]);
		fputc('\n', out);
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

/* A table cell: line breaks turned into spaces, what a terminal acts on shown as escapes
 * (table_term_escape: Markdown is read on terminals as often as rendered), pipes escaped. */
static void md_cell(FILE *out, const char *s)
{
	char *flat = xstrdup(s ? s : "");
	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	struct strbuf sb = STRBUF_INIT;
	table_term_escape(&sb, flat);
	for (const char *p = sb.buf; *p; p++) {
		if (*p == '|')
			fputc('\\', out);
		fputc(*p, out);
	}
	strbuf_release(&sb);
	free(flat);
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
		fprintf(out, _("体系 system: %s changed\n\n"), field_names(r->system_fields, &sb));
	strbuf_reset(&sb);
	summary_line(r, &sb);
	fprintf(out, "**%s**\n\n", sb.buf);
	strbuf_reset(&sb);
	split_lines(r, "- ", "本单位标准 own", "外部标准 external", &sb);
	if (sb.len)
		fprintf(out, "%s\n", sb.buf);
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
		bool ext = any_external(r);
		fputs(ext ? "| 类别 class | 数量 count | 其中外部标准 external |\n|---|--:|--:|\n"
			  : "| 类别 class | 数量 count |\n|---|--:|\n",
		      out);
		for (int k = 0; k < DIFF_NCLASS; k++) {
			if (!r->count[k])
				continue;
			fprintf(out, "| %s %s | %zu |", diff_class_zh((enum diff_class)k),
				diff_class_name((enum diff_class)k), r->count[k]);
			if (ext)
				fprintf(out, " %zu |", r->external[k]);
			fputc('\n', out);
		}
		fputc('\n', out);
	}
	for (int k = 0; k < DIFF_NCLASS; k++) {
		if (!r->count[k])
			continue;
		fprintf(out, "### %s %s (%zu)\n\n", diff_class_zh((enum diff_class)k),
			diff_class_name((enum diff_class)k), r->count[k]);
		fputs("| 体系表编号 code | 标准编号 number | 标准名称 title | 说明 notes "
		      "|\n|---|---|---|---|\n",
		      out);
		for (size_t i = 0; i < r->nchanges; i++) {
			const struct diff_change *c = &r->changes[i];
			if ((int)c->cls != k)
				continue;
			fputs("| ", out);
			md_cell(out, *c->code ? c->code : "—");
			fputs(" | ", out);
			md_cell(out, numbers(c, &sb));
			fputs(" | ", out);
			md_cell(out, title_of(c));
			fputs(" | ", out);
			strbuf_reset(&sb);
			flag_words(c, &sb, "; ", true);
			struct strbuf det;
			strbuf_init(&det);
			details(c, &det);
			if (c->doc && c->doc->nitems)
				strbuf_addf(&det,
					    c->doc->nitems == 1
						? _("%zu technical change, listed below\n")
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
	if (r->nrecs) {
		fprintf(out, "%s### 实施与评价记录 records (%zu)\n\n", r->nchanges ? "" : "\n",
			r->nrecs);
		for (size_t i = 0; i < r->nrecs; i++)
			rec_line(out, &r->recs[i], true);
		fputc('\n', out);
	}
	const struct diag_store *ds = o->ds;
	size_t nv = 0, nds = ds ? diag_store_size(ds) : 0;
	for (size_t i = 0; i < nds; i++)
		nv += is_violation(diag_store_get(ds, i));
	fprintf(out, "### 规则检查 violations (%zu)\n\n", nv);
	if (!nv)
		fputs(_("None.\n"), out);
	for (size_t i = 0; i < nds; i++) {
		const struct diag *d = diag_store_get(ds, i);
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

/* An amendment or an interpretation: {"id", <date_key>, "summary"} on one line. */
static void js_dated(struct json_writer *w, const char *key, const char *id, const char *date_key,
		     const struct date *date, const char *summary)
{
	char d[16];
	date_str(date, d, sizeof d);
	json_begin_object(w, key, JSON_LINE);
	json_string(w, "id", id);
	json_string(w, date_key, d);
	json_string(w, "summary", summary);
	json_end(w);
}

static void js_face(struct json_writer *w, const char *key, const struct diff_face *f)
{
	if (!f->present) {
		json_null(w, key);
		return;
	}
	json_begin_object(w, key, JSON_LINE);
	json_string(w, "code", f->code);
	json_string(w, "number", f->number);
	json_string(w, "title", f->title);
	json_string(w, "status", f->status ? status_word(f->status, false) : NULL);
	json_string(w, "file", f->file);
	json_uint(w, "line", f->loc.line);
	json_uint(w, "column", f->loc.col);
	json_end(w);
}

static void js_change(struct json_writer *w, const struct diff_change *c)
{
	struct strbuf sb;
	strbuf_init(&sb);
	char d1[16];
	json_begin_object(w, NULL, JSON_LINE);
	json_string(w, "class", diff_class_name(c->cls));
	json_string(w, "class_zh", diff_class_zh(c->cls));
	json_string(w, "key", c->key);
	json_string(w, "code", *c->code ? c->code : NULL);
	json_string(w, "category", *c->category ? c->category : NULL);
	js_face(w, "old", &c->old);
	js_face(w, "new", &c->new_);
	json_begin_array(w, "flags", JSON_LINE);
	flag_words(c, &sb, "\x1f", false);
	for (char *word = sb.buf, *e; sb.len && word; word = e ? e + 1 : NULL) {
		e = strchr(word, '\x1f');
		if (e)
			*e = '\0';
		/* json flags are tokens: "title changed" → "title-changed" */
		for (char *q = word; *q; q++)
			if (*q == ' ')
				*q = '-';
		json_string(w, NULL, word);
	}
	json_end(w);
	if (c->fields)
		json_string(w, "fields", c->fields);
	if (c->amendment)
		js_dated(w, "amendment", c->amendment->id.s, "published", &c->amendment->published,
			 c->amendment->summary.s);
	if (c->interpretation)
		js_dated(w, "interpretation", c->interpretation->id.s, "issued",
			 &c->interpretation->issued, c->interpretation->summary.s);
	if (c->review) {
		date_str(&c->review->date, d1, sizeof d1);
		json_begin_object(w, "review", JSON_LINE);
		json_string(w, "date", d1);
		json_string(w, "outcome", outcome_word(c->review->outcome.v, false));
		json_end(w);
	}
	if (c->doc) {
		json_begin_object(w, "document", JSON_LINE);
		json_string(w, "old", c->doc->old_doc->path);
		json_string(w, "new", c->doc->new_doc->path);
		json_uint(w, "moved", c->doc->moved);
		json_begin_array(w, "items", JSON_LINE);
		char pos[96];
		for (size_t i = 0; i < c->doc->nitems; i++) {
			const struct diff_item *it = &c->doc->items[i];
			json_begin_object(w, NULL, JSON_LINE);
			json_string(w, "kind",
				    it->kind == CHANGE_ADDED	 ? "added"
				    : it->kind == CHANGE_DELETED ? "deleted"
								 : "changed");
			json_string(w, "old",
				    it->old_u ? diff_unit_pos(it->old_u, pos, sizeof pos) : NULL);
			json_string(w, "new",
				    it->new_u ? diff_unit_pos(it->new_u, pos, sizeof pos) : NULL);
			json_string(w, "text", it->text);
			json_end(w);
		}
		json_end(w);
		json_end(w);
	}
	json_end(w);
	strbuf_release(&sb);
}

static void print_json(const struct diff_result *r, FILE *out, const struct diff_print_opts *o)
{
	struct json_writer w;
	json_writer_init_file(&w, out, JSON_PRETTY);
	json_begin_object(&w, NULL, JSON_PRETTY);
	json_string(&w, "zhun", ZHUN_VERSION);
	json_int(&w, "schema", 1);
	json_string(&w, "kind", doc_kind_name(r->kind));
	json_string(&w, "old", r->old->label);
	json_string(&w, "new", r->new_->label);
	json_string(&w, "system_fields", r->system_fields);
	/* One change per line: readable, and line-oriented tools can still diff it. */
	json_begin_array(&w, "changes", JSON_PRETTY);
	for (size_t i = 0; i < r->nchanges; i++)
		js_change(&w, &r->changes[i]);
	json_end(&w);
	/* only when a records file changed, so that diffs of systems without records keep their
	 * shape */
	if (r->nrecs) {
		json_begin_array(&w, "records", JSON_PRETTY);
		for (size_t i = 0; i < r->nrecs; i++) {
			const struct diff_rec_change *rc = &r->recs[i];
			json_begin_object(&w, NULL, JSON_LINE);
			json_string(&w, "kind", diff_rec_kind_name(rc->kind));
			json_string(&w, "label", rc->label);
			if (rc->old_val) {
				json_string(&w, "old", *rc->old_val ? rc->old_val : NULL);
				json_string(&w, "new", *rc->new_val ? rc->new_val : NULL);
			}
			json_end(&w);
		}
		json_end(&w);
	}
	json_begin_array(&w, "violations", JSON_PRETTY);
	size_t ne = 0, nw = 0;
	for (size_t i = 0; o->ds && i < diag_store_size(o->ds); i++) {
		const struct diag *d = diag_store_get(o->ds, i);
		if (!is_violation(d))
			continue;
		diag_json_object(&w, NULL, d);
		ne += d->sev >= SEV_ERROR;
		nw += d->sev == SEV_WARNING;
	}
	json_end(&w);
	json_begin_object(&w, "summary", JSON_LINE);
	json_uint(&w, "changes", r->nchanges);
	json_begin_object(&w, "classes", JSON_LINE);
	for (int k = 0; k < DIFF_NCLASS; k++)
		json_uint(&w, diff_class_name((enum diff_class)k), r->count[k]);
	json_end(&w);
	json_begin_object(&w, "families", JSON_LINE);
	for (int f = 0; f < DIFF_NFAMILY; f++)
		json_uint(&w, diff_family_zh((enum diff_family)f), r->family[f]);
	json_end(&w);
	/* the same counts split: own standards (own-prefixes) and external ones */
	for (int own = 1; own >= 0; own--) {
		json_begin_object(&w, own ? "own" : "external", JSON_LINE);
		json_begin_object(&w, "classes", JSON_LINE);
		for (int k = 0; k < DIFF_NCLASS; k++)
			json_uint(&w, diff_class_name((enum diff_class)k),
				  own ? r->count[k] - r->external[k] : r->external[k]);
		json_end(&w);
		json_begin_object(&w, "families", JSON_LINE);
		for (int f = 0; f < DIFF_NFAMILY; f++)
			json_uint(&w, diff_family_zh((enum diff_family)f),
				  own ? r->family[f] - r->family_external[f]
				      : r->family_external[f]);
		json_end(&w);
		json_end(&w);
	}
	json_begin_array(&w, "categories", JSON_LINE);
	for (size_t i = 0; i < r->ncats; i++) {
		const struct diff_catcount *k = &r->cats[i];
		if (!*k->code && !k->total)
			continue;
		json_begin_object(&w, NULL, JSON_LINE);
		json_string(&w, "code", *k->code ? k->code : NULL);
		json_string(&w, "title", k->title);
		json_uint(&w, "total", k->total);
		json_begin_object(&w, "classes", JSON_LINE);
		for (int cl = 0; cl < DIFF_NCLASS; cl++)
			if (k->n[cl])
				json_uint(&w, diff_class_name((enum diff_class)cl), k->n[cl]);
		json_end(&w);
		json_end(&w);
	}
	json_end(&w);
	json_begin_object(&w, "violations", JSON_LINE);
	json_uint(&w, "errors", ne);
	json_uint(&w, "warnings", nw);
	json_end(&w);
	json_end(&w);
	json_end(&w);
	strbuf_addc(w.out, '\n');
	json_writer_release(&w);
}

/* The formats by enum diff_format: name, another name taken on the command line, printer.
 * yaml is only asked for with --foreword, which cmd_diff prints itself. */
static const struct {
	const char *name, *alias;
	void (*print)(const struct diff_result *r, FILE *out, const struct diff_print_opts *o);
} formats[] = {
	[DIFF_FMT_TEXT] = { "text", NULL, print_text },
	[DIFF_FMT_MARKDOWN] = { "markdown", "md", print_markdown },
	[DIFF_FMT_JSON] = { "json", NULL, print_json },
	[DIFF_FMT_YAML] = { "yaml", NULL, print_text },
};

int diff_format_by_name(const char *s)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (!strcmp(s, formats[i].name) ||
		    (formats[i].alias && !strcmp(s, formats[i].alias)))
			return (int)i;
	return -1;
}

void diff_print(const struct diff_result *r, FILE *out, const struct diff_print_opts *o)
{
	formats[o->format].print(r, out, o);
}
