/* SPDX-License-Identifier: MIT */
/* check_foreword: the 前言 of one standard document (domain-rules.md PREF, DOC-004): that it
 * exists and holds no numbered objects or requirements, its drafting-basis sentence, the part
 * relation, the replacement sentence with its list of technical changes, the consistency
 * degree of an adoption; and the replaced editions the document declares. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "stdno.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* The drafting-basis sentences of GB/T 1.1—2020 and 1.1—2009. */
/* clang-format off */
static const char drafting_2020[] =
	"本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。";
static const char drafting_2009[] = "本标准按照GB/T 1.1—2009给出的规则起草。";
/* clang-format on */

struct foreword_run {
	struct check_ctx *c;
	struct doc_info *di;
	const struct standard *s;
	const char *file;
	int drafting_rules; /* 2020 or 2009 when drafting-rules names GB/T 1.1 of that year */
	struct strbuf sb, sb2;
};

/* The drafting sentence as compared: without any white space (authors put a space after 按照,
 * between Han and Latin text, or none in "GB/T 1.1"), full-width Latin letters, digits and
 * punctuation as half-width, every dash as '-'. Both spellings are printed in published
 * standards. */
static void fold_loose(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			strbuf_addc(sb, s[i++]);
			continue;
		}
		i += k;
		if (utf8_is_space(cp))
			continue;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2500)
			cp = '-';
		if (cp < 0x80)
			strbuf_addc(sb, (char)cp);
		else
			strbuf_add(sb, s + i - k, k);
	}
}

int check_foreword_drafting_kind(const char *paragraph)
{
	struct strbuf p = STRBUF_INIT, b = STRBUF_INIT;
	fold_loose(&p, paragraph);
	int kind = 0;
	/* The sentence may run on into the next one; what matters is that the paragraph opens
	 * with it. */
	fold_loose(&b, drafting_2020);
	if (str_has_prefix(p.buf, b.buf))
		kind = 2020;
	else {
		fold_loose(&b, drafting_2009);
		if (str_has_prefix(p.buf, b.buf))
			kind = 2009;
	}
	strbuf_release(&p);
	strbuf_release(&b);
	return kind;
}

/* The canonical rendering of a number, in the arena. */
static const char *std_text(struct foreword_run *r, const struct stdno *n)
{
	struct strbuf sb = STRBUF_INIT;
	stdno_format(n, &sb);
	const char *out = arena_strndup(r->c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* Which GB/T 1.1 edition a `drafting-rules` value names: 2020, 2009 or 0. */
static int drafting_rules_year(const struct text *t)
{
	struct stdno no;
	if (!t->s || !stdno_parse(t->s, strlen(t->s), &no, NULL))
		return 0;
	if (no.cls != STDNO_NATIONAL || strcmp(no.code, "GB") || strcmp(no.seq, "1") ||
	    no.part != 1)
		return 0;
	return no.year == 2020 || no.year == 2009 ? no.year : 0;
}

static const struct block *foreword_paragraph(const struct foreword *f, const char *prefix,
					      const char *prefix2, size_t *index, struct strbuf *sb)
{
	for (size_t i = 0; i < f->body.n; i++) {
		const struct block *b = &f->body.v[i];
		if (b->kind != BLOCK_P || !b->text.s)
			continue;
		strbuf_reset(sb);
		utf8_fold_space(sb, b->text.s);
		if (str_has_prefix(sb->buf, prefix) ||
		    (prefix2 && str_has_prefix(sb->buf, prefix2))) {
			if (index)
				*index = i;
			return b;
		}
	}
	return NULL;
}

static void check_drafting_sentence(struct foreword_run *r, const struct foreword *f)
{
	struct diag_store *ds = r->c->ds;
	const struct block *b = f->body.n ? &f->body.v[0] : NULL;
	int want = r->drafting_rules;
	const char *sentence = want == 2009 ? drafting_2009 : drafting_2020;
	int k = b && b->kind == BLOCK_P && b->text.s ? check_foreword_drafting_kind(b->text.s) : 0;
	struct diag *d = NULL;
	if (!b || b->kind != BLOCK_P || !b->text.s)
		d = diag_add(ds, DIAG_PREF_DRAFTING_SENTENCE, r->file, b ? b->loc : f->loc,
			     _("foreword does not start with the drafting-basis sentence"));
	else if (!k)
		d = diag_add(ds, DIAG_PREF_DRAFTING_SENTENCE, r->file, b->text.loc,
			     _("first foreword paragraph '%s' is not the drafting-basis sentence"),
			     check_clip(r->c, b->text.s));
	else if (want && k != want)
		d = diag_add(ds, DIAG_PREF_DRAFTING_SENTENCE, r->file, b->text.loc,
			     _("drafting-basis sentence cites GB/T 1.1—%d but drafting-rules is "
			       "GB/T 1.1—%d"),
			     k, want);
	if (d)
		diag_set_help(d, _("make the first paragraph: %s"), sentence);
}

static void check_part_relation(struct foreword_run *r, const struct foreword *f)
{
	const struct numtext *own = &r->s->number;
	if (!own->ok || !own->no.part)
		return;
	struct diag_store *ds = r->c->ds;
	struct stdno base = own->no;
	base.part = 0;
	base.year = 0;
	base.month = 0;
	base.amend = 0;
	base.amend_year = 0;
	const char *base_text = std_text(r, &base);
	const struct block *b = foreword_paragraph(f, "本文件是", "本标准是", NULL, &r->sb);
	if (!b) {
		struct diag *d =
		    diag_add(ds, DIAG_PREF_PART_RELATION, r->file, f->loc,
			     _("foreword does not say that this document is part %u of %s"),
			     (unsigned)own->no.part, base_text);
		diag_set_help(
		    d, _("add after the drafting-basis sentence: 本文件是%s《…》的第%u部分。"),
		    base_text, (unsigned)own->no.part);
		return;
	}
	const char *p = r->sb.buf + strlen("本文件是");
	struct stdno named;
	size_t n = stdno_scan(p, strlen(p), &named);
	if (!n || !stdno_same_work(&named, &base)) {
		struct diag *d =
		    diag_add(ds, DIAG_PREF_PART_RELATION, r->file, b->text.loc,
			     _("part relation does not name the series %s"), base_text);
		diag_set_help(d, _("write: 本文件是%s《…》的第%u部分。"), base_text,
			      (unsigned)own->no.part);
		return;
	}
	const char *q = strstr(p + n, "的第");
	long k = -1;
	if (q) {
		q += strlen("的第");
		size_t dn = 0;
		while (q[dn] >= '0' && q[dn] <= '9')
			dn++;
		if (str_has_prefix(q + dn, "部分"))
			k = check_num_segment(q, dn);
	}
	if (k != (long)own->no.part) {
		struct diag *d = diag_add(
		    ds, DIAG_PREF_PART_RELATION, r->file, b->text.loc,
		    _("part relation does not say '第%u部分' although the number is part %u"),
		    (unsigned)own->no.part, (unsigned)own->no.part);
		diag_set_help(d, _("write: 本文件是%s《…》的第%u部分。"), base_text,
			      (unsigned)own->no.part);
	}
}

/* A number named in a replacement sentence, with its byte offset in the folded text. */
struct named {
	struct stdno no;
	size_t off, len;
};

/* Numbers after 代替: "GB/T 1—2000《…》和GB/T 2—2001《…》，与…". */
static size_t replaced_named(const char *s, struct named *out, size_t max)
{
	const char *p = strstr(s, "代替");
	if (!p)
		return 0;
	p += strlen("代替");
	size_t n = 0;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		size_t k = stdno_scan(p, strlen(p), &out[n].no);
		if (!k)
			break;
		out[n].off = (size_t)(p - s);
		out[n].len = k;
		n++;
		p += k;
		if (str_has_prefix(p, "《")) {
			const char *e = strstr(p, "》");
			if (!e)
				break;
			p = e + strlen("》");
		}
		while (*p == ' ')
			p++;
		if (str_has_prefix(p, "和") || str_has_prefix(p, "、") || str_has_prefix(p, "及"))
			p += 3;
		else if (*p == ',')
			p++;
		else
			break;
	}
	return n;
}

/* Does a 前言 change position ("5.3", "第4章", "表1", "图A.1", "附录B", "式(2)") name something
 * of this document? */
static bool position_resolves(struct foreword_run *r, const char *pos, size_t len)
{
	const struct doc_info *di = r->di;
	const struct standard *s = r->s;
	char buf[128];
	while (len && pos[len - 1] == ' ')
		len--;
	while (len && *pos == ' ') {
		pos++;
		len--;
	}
	if (!len || len >= sizeof buf)
		return false;
	memcpy(buf, pos, len);
	buf[len] = '\0';
	if (str_has_prefix(buf, "第") && str_has_suffix(buf, "章")) {
		size_t a = strlen("第"), b = strlen("章");
		if (len <= a + b)
			return false;
		buf[len - b] = '\0';
		const struct clause *cl = strmap_get(&di->clauses, buf + a);
		return cl && !cl->parent && check_num_segment(buf + a, strlen(buf + a)) > 0;
	}
	if (str_has_prefix(buf, "表"))
		return strmap_get(&di->tables, buf + strlen("表")) != NULL;
	if (str_has_prefix(buf, "图"))
		return strmap_get(&di->figures, buf + strlen("图")) != NULL;
	if (str_has_prefix(buf, "附录"))
		return strmap_get(&di->annexes, buf + strlen("附录")) != NULL;
	if (str_has_prefix(buf, "式") || str_has_prefix(buf, "公式")) {
		char *f = buf + (str_has_prefix(buf, "式") ? strlen("式") : strlen("公式"));
		if (strmap_get(&di->formulas, f))
			return true;
		size_t fl = strlen(f);
		size_t open = str_has_prefix(f, "(") ? 1 : str_has_prefix(f, "（") ? 3 : 0;
		size_t close = str_has_suffix(f, ")") ? 1 : str_has_suffix(f, "）") ? 3 : 0;
		if (!open || !close || fl <= open + close)
			return false;
		f[fl - close] = '\0';
		return strmap_get(&di->formulas, f + open) != NULL;
	}
	if (!strcmp(buf, "前言"))
		return s->foreword != NULL;
	if (!strcmp(buf, "引言"))
		return s->introduction != NULL;
	if (!strcmp(buf, "参考文献"))
		return s->nbibliography > 0;
	/* "9.3.3 b)", "5.2 注2": the clause decides */
	char *sp = strchr(buf, ' ');
	if (sp)
		*sp = '\0';
	return strmap_get(&di->clauses, buf) || strmap_get(&di->terms, buf);
}

static void check_change_positions(struct foreword_run *r, const struct change *ch)
{
	for (size_t i = 0; i < ch->new_.n; i++) {
		const struct text *t = &ch->new_.v[i];
		if (!t->s)
			continue;
		/* one entry may list several places: "第4章、5.1" */
		const char *p = t->s;
		for (;;) {
			const char *e = p;
			size_t sep = 0;
			while (*e) {
				if (str_has_prefix(e, "、") || str_has_prefix(e, "，")) {
					sep = 3;
					break;
				}
				if (*e == ',') {
					sep = 1;
					break;
				}
				e++;
			}
			if (e > p && !position_resolves(r, p, (size_t)(e - p))) {
				struct diag *d =
				    diag_add(r->c->ds, DIAG_PREF_CHANGE_POSITION, r->file,
					     text_loc_at(t, (size_t)(p - t->s)),
					     _("change position '%.*s' is not in this document"),
					     (int)(e - p), p);
				diag_set_help(d, _("`new` names places in this edition; places in "
						   "the replaced edition go under `old`"));
			}
			if (!*e)
				break;
			p = e + sep;
		}
	}
}

/* How each kind of change item reads (GB/T 1.1—2020 8.3: 增加了…, 删除了…, 更改了… or
 * 将“…”更改为“…”) and which positions it must name, by enum change_kind. */
static const struct {
	const char *word, *alt;	 /* one of them must occur in the item */
	bool need_new, need_old; /* `new`, `old` positions it must name */
	const char *no_word, *no_pos;
} change_forms[] = {
	[CHANGE_ADDED] = { "增加", NULL, true, false,
			   N_("added change '%s' does not read '增加了…'"),
			   N_("added change '%s' names no position in this edition (`new`)") },
	[CHANGE_DELETED] = { "删除", NULL, false, true,
			     N_("deleted change '%s' does not read '删除了…'"),
			     N_("deleted change '%s' names no position in the replaced edition "
				"(`old`)") },
	[CHANGE_CHANGED] = { "更改", "修改", true, true,
			     N_("changed change '%s' does not read '更改了…' or '将“…”更改为“…”'"),
			     N_("changed change '%s' needs positions in both editions (`new` and "
				"`old`)") },
};

static void check_change_items(struct foreword_run *r, const struct foreword *f)
{
	struct diag_store *ds = r->c->ds;
	for (size_t i = 0; i < f->nchanges; i++) {
		const struct change *ch = &f->changes[i];
		const char *t = ch->text.s ? ch->text.s : "";
		int k = ch->kind.v;
		const char *msg = NULL;
		if (k > 0 && (size_t)k < sizeof change_forms / sizeof change_forms[0]) {
			if (!strstr(t, change_forms[k].word) &&
			    !(change_forms[k].alt && strstr(t, change_forms[k].alt)))
				msg = change_forms[k].no_word;
			else if ((change_forms[k].need_new && !ch->new_.n) ||
				 (change_forms[k].need_old && !ch->old.n))
				msg = change_forms[k].no_pos;
		}
		if (msg) {
			struct diag *d = diag_add(ds, DIAG_PREF_CHANGE_FORM, r->file, ch->text.loc,
						  _(msg), check_clip(r->c, t));
			diag_set_help(d, _("items read 增加了…（见<新位置>）, "
					   "删除了…（见<YYYY>年版的<旧位置>） or "
					   "更改了…（见<新位置>，<YYYY>年版的<旧位置>）"));
		}
		check_change_positions(r, ch);
	}
}

static void replacement_help(struct foreword_run *r, struct diag *d)
{
	struct strbuf *sb = &r->sb2;
	strbuf_reset(sb);
	const struct numlist *rep = &r->s->replaces;
	for (size_t i = 0, k = 0; i < rep->n; i++) {
		if (!rep->v[i].ok)
			continue;
		if (k++)
			strbuf_adds(sb, "和");
		stdno_format(&rep->v[i].no, sb);
	}
	diag_set_help(
	    d,
	    _("end the foreword body with: "
	      "本文件代替%s《…》，与%s相比，除结构调整和编辑性改动外，主要技术变化如下："),
	    sb->buf, sb->buf);
}

static void check_replacement(struct foreword_run *r, const struct foreword *f)
{
	struct diag_store *ds = r->c->ds;
	const struct numlist *rep = &r->s->replaces;
	size_t idx = 0;
	const struct block *b = foreword_paragraph(f, "本文件代替", "本标准代替", &idx, &r->sb);
	if (!b) {
		if (rep->n) {
			struct diag *d = diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, f->loc,
						  _("foreword has no replacement sentence although "
						    "the document replaces '%s'"),
						  rep->v[0].text.s ? rep->v[0].text.s : "");
			replacement_help(r, d);
		} else if (f->nchanges) {
			diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, f->changes[0].loc,
				 _("foreword lists changes but has no replacement sentence and "
				   "`replaces` is empty"));
		}
		check_change_items(r, f);
		return;
	}
	const struct text *t = &b->text;
	if (!rep->n) {
		struct diag *d = diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
					  _("foreword has a replacement sentence but the document "
					    "declares no `replaces`"));
		diag_set_help(
		    d, _("add `replaces:` with the replaced editions, or remove the sentence"));
		check_change_items(r, f);
		return;
	}
	/* the sentence names exactly the replaced editions, compared as parsed numbers */
	enum { MAXNAMED = 16 };
	struct named named[MAXNAMED];
	char *folded = xstrdup(r->sb.buf);
	size_t nn = replaced_named(folded, named, MAXNAMED);
	for (size_t i = 0; i < rep->n; i++) {
		if (!rep->v[i].ok)
			continue;
		bool hit = false;
		for (size_t k = 0; k < nn && !hit; k++)
			hit = stdno_same_edition(&named[k].no, &rep->v[i].no);
		if (!hit) {
			struct diag *d = diag_add(
			    ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			    _("replacement sentence does not name the replaced edition '%s'"),
			    rep->v[i].text.s);
			replacement_help(r, d);
		}
	}
	for (size_t k = 0; k < nn; k++) {
		bool hit = false;
		for (size_t i = 0; i < rep->n && !hit; i++)
			hit = rep->v[i].ok && stdno_same_edition(&named[k].no, &rep->v[i].no);
		if (!hit)
			diag_add(
			    ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			    _("replacement sentence names '%.*s', which `replaces` does not list"),
			    (int)named[k].len, folded + named[k].off);
	}
	/* model.md §6: the change list follows the body, so the sentence is its last paragraph */
	if (idx + 1 != f->body.n)
		diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			 _("replacement sentence is not the last foreword paragraph; the change "
			   "list follows it"));
	if (str_has_suffix(folded, "如下：") && !f->nchanges)
		diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, t->loc,
			 _("replacement sentence announces the main technical changes but "
			   "`changes` is empty"));
	free(folded);
	check_change_items(r, f);
}

static void check_adoption(struct foreword_run *r, const struct foreword *f)
{
	static const char *const phrase[] = { "", "等同采用", "修改采用", "非等效" };
	struct diag_store *ds = r->c->ds;
	const struct adoption *ad = r->s->adopts;
	int stated = 0;
	const struct block *where = NULL;
	for (size_t i = 0; i < f->body.n && !stated; i++) {
		const struct block *b = &f->body.v[i];
		if (b->kind != BLOCK_P || !b->text.s)
			continue;
		for (int k = DEGREE_IDT; k <= DEGREE_NEQ && !stated; k++)
			if (strstr(b->text.s, phrase[k])) {
				stated = k;
				where = b;
			}
	}
	int declared = ad ? ad->degree.v : 0;
	if (ad && declared && !stated) {
		struct diag *d = diag_add(
		    ds, DIAG_PREF_ADOPTION, r->file, ad->loc,
		    _("foreword does not state the consistency degree %s declared in `adopts`"),
		    degree_word(declared));
		const char *std = ad->standard.s ? ad->standard.s : "…";
		if (declared == DEGREE_IDT)
			diag_set_help(d, _("add: 本文件等同采用%s。"), std);
		else if (declared == DEGREE_MOD)
			diag_set_help(d, _("add: 本文件修改采用%s。"), std);
		else
			diag_set_help(d, _("add: 本文件参考%s起草，一致性程度为非等效。"), std);
	} else if (stated && declared && stated != declared) {
		diag_add(ds, DIAG_PREF_ADOPTION, r->file, where->text.loc,
			 _("foreword says '%s' but `adopts` declares %s"), phrase[stated],
			 degree_word(declared));
	} else if (stated && !ad) {
		struct diag *d = diag_add(
		    ds, DIAG_PREF_ADOPTION, r->file, where->text.loc,
		    _("foreword says '%s' but the document declares no `adopts`"), phrase[stated]);
		diag_set_help(d, _("add `adopts: {standard: …, degree: %s}`"), degree_word(stated));
	}
}

static bool foreword_mentions(const struct foreword *f, const char *word)
{
	for (size_t i = 0; i < f->body.n; i++)
		if (f->body.v[i].kind == BLOCK_P && f->body.v[i].text.s &&
		    strstr(f->body.v[i].text.s, word))
			return true;
	return false;
}

/* PREF-005: GB/T 1.1—2020 8.3 lists the patent sentence and the 提出/归口 statement among
 * the 前言's content, before the drafting organisations and drafters. A 前言 that names its
 * drafters is given in full, so a missing statement is missing, not left out of an excerpt
 * (confidence A; each code may be turned off in zhun.yaml). */
static void check_statements(struct foreword_run *r, const struct foreword *f)
{
	struct diag_store *ds = r->c->ds;
	if (!foreword_mentions(f, "起草单位") && !foreword_mentions(f, "起草人"))
		return;
	const char *doc = r->drafting_rules == 2009 ? "本标准" : "本文件";
	if (!foreword_mentions(f, "专利")) {
		struct diag *d =
		    diag_add(ds, DIAG_PREF_PATENT, r->file, f->loc,
			     _("foreword names its drafters but has no patent sentence"));
		diag_set_help(
		    d,
		    _("add, before the 提出/归口 statement: "
		      "请注意%s的某些内容可能涉及专利。%s的发布机构不承担识别专利的责任。"),
		    doc, doc);
	}
	if (!foreword_mentions(f, "归口")) {
		struct diag *d =
		    diag_add(ds, DIAG_PREF_PROPOSER, r->file, f->loc,
			     _("foreword names its drafters but does not say who "
			       "proposed the document and is responsible for it (提出/归口)"));
		diag_set_help(d,
			      _("add '%s由……提出并归口。', or '%s由……提出。' and '%s由……归口。'"),
			      doc, doc, doc);
	}
}

static void check_foreword(struct foreword_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct foreword *f = r->s->foreword;
	if (!f) {
		struct diag *d = diag_add(ds, DIAG_DOC_REQUIRED_ELEMENT, r->file, r->s->loc,
					  _("document has no foreword (前言)"));
		diag_set_help(d, _("add `foreword:` whose first paragraph is: %s"),
			      r->drafting_rules == 2009 ? drafting_2009 : drafting_2020);
		return;
	}
	/* DOC-004: no numbered objects, no requirements (应/不应) in the 前言 */
	for (size_t i = 0; i < f->body.n; i++) {
		const struct block *b = &f->body.v[i];
		const char *num = b->num.s ? b->num.s : "";
		if (b->kind == BLOCK_TABLE)
			diag_add(ds, DIAG_DOC_FOREWORD_CONTENT, r->file, b->loc,
				 _("foreword holds table '%s'"), num);
		else if (b->kind == BLOCK_FIGURE)
			diag_add(ds, DIAG_DOC_FOREWORD_CONTENT, r->file, b->loc,
				 _("foreword holds figure '%s'"), num);
		else if (b->kind == BLOCK_FORMULA)
			diag_add(ds, DIAG_DOC_FOREWORD_CONTENT, r->file, b->loc,
				 _("foreword holds formula '%s'"), num);
		else if (b->kind == BLOCK_P && b->text.s) {
			size_t len;
			size_t off = check_doc_find_modal(b->text.s, false, &len);
			if (off != SIZE_MAX) {
				struct diag *d = diag_add(
				    ds, DIAG_DOC_FOREWORD_REQUIREMENT, r->file,
				    text_loc_at(&b->text, off),
				    _("foreword paragraph contains the requirement verb '%.*s'"),
				    (int)len, b->text.s + off);
				diag_set_help(d, _("the foreword states no requirements; move them "
						   "into the body"));
			}
		}
	}
	check_statements(r, f);
	check_drafting_sentence(r, f);
	check_part_relation(r, f);
	check_replacement(r, f);
	check_adoption(r, f);
}

/* ---- the replaced editions ---- */

static void check_replaces(struct foreword_run *r)
{
	struct diag_store *ds = r->c->ds;
	const struct standard *s = r->s;
	if (!s->number.ok)
		return;
	/* the replaced editions are earlier editions of the same work — or, in a consolidating
	 * revision (整合修订), of other works: worth a note, never more */
	for (size_t i = 0; i < s->replaces.n; i++) {
		const struct numtext *p = &s->replaces.v[i];
		if (!p->ok)
			continue;
		if (stdno_same_edition(&p->no, &s->number.no)) {
			diag_add(ds, DIAG_PREF_REPLACEMENT, r->file, p->text.loc,
				 _("document replaces its own edition '%s'"), p->text.s);
		} else if (!stdno_same_work(&p->no, &s->number.no)) {
			struct diag *d =
			    diag_add(ds, DIAG_PREF_REPLACES_WORK, r->file, p->text.loc,
				     _("replaced edition '%s' is not an edition of '%s'"),
				     p->text.s, std_text(r, &s->number.no));
			diag_set_help(d, _("right for a consolidating revision (整合修订); "
					   "otherwise correct the number"));
		}
	}
}

/* ---- the document ---- */

bool check_foreword_claims_2020(const struct standard *s)
{
	const struct foreword *f = s->foreword;
	return drafting_rules_year(&s->drafting_rules) == 2020 ||
	       (f && f->body.n && f->body.v[0].kind == BLOCK_P && f->body.v[0].text.s &&
		check_foreword_drafting_kind(f->body.v[0].text.s) == 2020);
}

void check_foreword_run(struct check_ctx *c)
{
	for (size_t i = 0; i < c->ndocs; i++) {
		struct doc_info *di = &c->docs[i];
		struct foreword_run r = { c,
					  di,
					  di->std,
					  di->doc->path,
					  drafting_rules_year(&di->std->drafting_rules),
					  STRBUF_INIT,
					  STRBUF_INIT };
		check_foreword(&r);
		check_replaces(&r);
		strbuf_release(&r.sb);
		strbuf_release(&r.sb2);
	}
}
