/* SPDX-License-Identifier: MIT */
/* check_xref: find the cross-references in the running text of every standard document
 * (domain-rules.md XREF-001, XREF-002), keep them for the later passes, and check them: internal
 * targets resolve, no page references, dated forms, the normative-reference list in both
 * directions (DOC-007), informative citations resolve, annexes are cited with the wording their
 * status calls for (NUM-013).
 *
 * How references are found (the heuristic, kept conservative on purpose because a false
 * "unresolved reference" in a clean standard is worse than a missed one):
 *
 *  - Standard numbers are found by stdno_scan() at every candidate position: an upper-case
 *    Latin letter (ASCII or full-width) not preceded by a Latin letter, digit or '/', or the
 *    two characters 建标. A number found there is one citation; its text (digits, dots, the
 *    year) is never looked at again, so "GB/T 1.1—2020" yields no clause 1.1. A locator right
 *    after the number — optional 《title》, optional 中/中的/的, then 第5章, 5.2, 5.2 a), 表1,
 *    图A.1, 附录A, 式(1), 第4.2条, chained with 、和及与或至～ — belongs to the citation
 *    (has_locator) and points into the other document; in a term's source line a comma may
 *    introduce it ("GB/T 36721—2018，3.1").
 *  - Unambiguous internal forms are taken anywhere: 第N章, 第N页, 第n.n条, 附录X, 表N/表X.N,
 *    图N/图X.N, 式(N)/公式（X.N）, 文号 X〔YYYY〕N号 — except where a neighbouring character
 *    makes them ordinary words (代表, 发表, 地图, 方式(1), …; see the look-behinds below).
 *  - A dotted number n.n(.n)* (or X.n, or 0.n for the introduction) is a 条 reference only when
 *    it is not glued to other digits, letters, dots, slashes or long dashes, not followed by a unit
 *    or measure word (0.5 m, 1.5倍, 2.0版), 0.n only where the 引言 has numbered 条, and one of:
 *      · it follows (after optional blanks) a citing verb: 见 按 符合 应符合 依据 执行 按照
 *        参照 参见 遵守 遵照;
 *      · it continues a chain: the text since the previous reference is only a connector
 *        (、 和 及 与 或 至 ～ ~ 以及 或者) — connectors alone do not start a reference, so
 *        "20.5、21.5" stays a pair of numbers;
 *      · it sits in parentheses right after the opening one and is followed by the closing one
 *        or a connector: （4.2）, （4.2、4.3）;
 *      · it is followed by 的规定 / 的要求 / 的有关规定 / 中 / 规定 / 要求 / 所列 / 给出;
 *      · it carries a note or list-item suffix: 5.2 注2, 5.2的注2, 9.3.3 b), 9.3.3 b）.
 *    Dates (2021年, 2021-05-01) and quantities (60 min, ≥5000册, 0.5 m) fail these tests.
 *  - 见N with a single number and nothing after it that makes it a quantity is a bare chapter
 *    number (XREF_BARE_CHAPTER).
 *  - A chain introduced by "YYYY年版的" points into a replaced edition (前言 change lists) and is
 *    skipped entirely.
 *  - Normative or not (XREF-003): not in 注, 示例, table notes, term notes and sources, the 前言,
 *    the 引言 (an informative element) or informative annexes, and not when the chain is
 *    introduced by 参见.
 *  - References in the 前言 are kept (in_foreword; the document pass counts annex mentions) but
 *    not resolved: its change list mixes both editions' numbering, which the PREF rules own.
 *
 * Linear time: every pattern is compiled once (re.c); each text is scanned left to right with
 * the next internal match and the next standard number cached, so no byte is searched twice;
 * source positions are counted on from the previous one (loc_at); targets are resolved through
 * the doc_info hash maps and the reference list through a hash map keyed by work key. */
#include "check.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_int.h"
#include "diag.h"
#include "i18n.h"
#include "re.h"
#include "stdno.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- patterns ------------------------------------------------------------------------------ */

/* The patterns are laid out one alternative a line; clang-format would reflow them. */
/* clang-format off */
#define SP "\\h*" /* \h covers ASCII blanks, NBSP and U+3000 */
#define D "[0-9０-９]"
#define D1 "[1-9１-９]"
#define DOT "[.．]"
#define UP "[A-ZＡ-Ｚ]"
#define LP "[(（]"
#define RP "[)）]"
#define NUM D1 D "*"
/* A 条 number: chapter (at most two digits), annex letter or 0 (引言), then one to five dotted
 * segments of at most three digits (NUM-003: six segments at most). */
#define CLAUSENUM "(?:" D1 D "?|" UP "|0)(?:" DOT D1 D "{0,2}){1,5}"
#define NOTNUMAFTER "(?!" D "|" DOT D ")"
/* A table or figure number as typed: 1, A.1, or the chapter-based 2.1 an author may have used. */
#define ITEMNUM "(?:" UP DOT "|" NUM DOT ")?" NUM
#define CONN "(?:[、和及与或至～~]|以及|或者)"
/* What may follow a number that is a quantity rather than a reference. */
#define UNIT \
	"(?:[A-Za-zＡ-Ｚａ-ｚ%％‰℃°′″]|倍|米|厘米|毫米|千米|公里|平方|立方|克|千克|公斤|吨|升|毫升|" \
	"元|万|亿|千|百|个|次|人|名|位|天|日|周|月|年|岁|小时|时|分钟|分|秒|册|件|台|套|度|成|折|" \
	"级|层|座|间|张|本|种|项|份|户|家|所|处|辆|部|盏|只|支|块|片|批|场|届|期|学时|课时|版|寸|" \
	"尺|斤|亩|公顷|系数|比例|倍率|比率)"
#define NOTUNIT "(?!" SP "(?:" UNIT "|的" SP "(?:系数|比例|倍率|比率)))"

/* Internal references, tried at the positions next_start() finds (hence anchored); at one
 * position the first alternative wins. */
static struct re re_internal = RE_INIT_ANCHORED(
	"第" SP "(?<pgn>" D "+)" SP "页"
	"|第" SP "(?<chn>" NUM ")" SP "章"
	"|第" SP "(?<ctn>" CLAUSENUM ")" SP "条"
	"|附录" SP "(?<axl>" UP ")(?![A-Za-zＡ-Ｚａ-ｚ0-9０-９])"
	"|(?<![代发列报仪外手课时图])表" SP "(?<tbn>" ITEMNUM ")" NOTNUMAFTER
	"|(?<![地意试企蓝构版制绘草])图" SP "(?<fgn>" ITEMNUM ")" NOTNUMAFTER
	"|(?:公式|(?<![方形模格正仪样程各新旧款制版句算等])式)" SP LP SP "(?<fmn>(?:" UP DOT ")?" NUM ")" SP RP
	"|(?<=\\p{Han})" SP "[〔\\[［【(（]" SP "(?<why>[0-9０-９]{4})" SP "[〕\\]］】)）]" SP "(?<whn>" D "+)" SP "号"
	"|(?<=见)" SP "(?<bn>" NUM ")(?!" D "|" DOT D "|" SP "(?:[章条页]|" UNIT "))"
	"|(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.．/—–－_])(?<cn>" CLAUSENUM ")" NOTNUMAFTER
	"(?:" SP "的?" SP "注" SP "(?<nn>" NUM ")(?!" D ")"
	"|(?<ns>的注)(?=[，。；、,;:：）)的中和及与或]|$)"
	"|" SP "(?<li>[a-z])" SP RP
	"|" NOTUNIT ")");

/* What follows a bare dotted number (anchored at its end): the follow-context of the heuristic,
 * a closing parenthesis, or a connector. */
static struct re re_after = RE_INIT_ANCHORED(
	SP "(?:(?<fol>的" SP "(?:有关|相关)?" SP "(?:规定|要求)|中|规定|要求|所(?:规定|列|述)|给出)"
	"|(?<rp>" RP ")"
	"|(?<conn>" CONN "))");

/* A locator after a standard number (anchored at its end): the item belongs to the cited
 * document (XREF-002). */
#define LOCITEM \
	"(?:第" SP NUM SP "章" \
	"|第" SP CLAUSENUM SP "条" \
	"|附录" SP UP "(?![A-Za-z])" \
	"|表" SP ITEMNUM \
	"|图" SP ITEMNUM \
	"|公?式" SP LP SP "(?:" UP DOT ")?" NUM SP RP \
	"|" CLAUSENUM NOTNUMAFTER "(?:" SP "[a-z]" SP RP "|" NOTUNIT "))"
static struct re re_locator = RE_INIT_ANCHORED(
	"(?:" SP "《[^》\\n]{0,200}》)?"
	"(?:(?<comma>" SP "[，,]" SP "(?:术语|条款|条)?)|" SP "(?:中的?|的)?)" SP
	"(?<item>" LOCITEM ")(?:" SP CONN SP LOCITEM ")*");
/* clang-format on */

struct groups {
	int pgn, chn, ctn, axl, tbn, fgn, fmn, why, whn, bn, cn, nn, ns, li;
	int fol, rp, conn, comma, item;
	int internal_n; /* re_internal's groups that a match may set: 0 to the highest named */
	bool ready;
};
static struct groups G;

static void groups_init(void)
{
	if (G.ready)
		return;
	G.pgn = re_group(&re_internal, "pgn");
	G.chn = re_group(&re_internal, "chn");
	G.ctn = re_group(&re_internal, "ctn");
	G.axl = re_group(&re_internal, "axl");
	G.tbn = re_group(&re_internal, "tbn");
	G.fgn = re_group(&re_internal, "fgn");
	G.fmn = re_group(&re_internal, "fmn");
	G.why = re_group(&re_internal, "why");
	G.whn = re_group(&re_internal, "whn");
	G.bn = re_group(&re_internal, "bn");
	G.cn = re_group(&re_internal, "cn");
	G.nn = re_group(&re_internal, "nn");
	G.ns = re_group(&re_internal, "ns");
	G.li = re_group(&re_internal, "li");
	const int *in[] = { &G.pgn, &G.chn, &G.ctn, &G.axl, &G.tbn, &G.fgn, &G.fmn,
			    &G.why, &G.whn, &G.bn,  &G.cn,  &G.nn,  &G.ns,  &G.li };
	for (size_t i = 0; i < sizeof in / sizeof *in; i++)
		if (*in[i] >= G.internal_n)
			G.internal_n = *in[i] + 1;
	G.fol = re_group(&re_after, "fol");
	G.rp = re_group(&re_after, "rp");
	G.conn = re_group(&re_after, "conn");
	G.comma = re_group(&re_locator, "comma");
	G.item = re_group(&re_locator, "item");
	G.ready = true;
}

/* ---- per-document state -------------------------------------------------------------------- */

/* The word that introduces a reference (or the chain it belongs to). */
enum verb {
	VERB_NONE = 0,
	VERB_NORMATIVE,	  /* 见 按 符合 应符合 依据 执行 按照 参照 遵守 遵照 */
	VERB_INFORMATIVE, /* 参见 */
	VERB_PAREN,	  /* directly after an opening parenthesis */
	VERB_OLD,	  /* YYYY年版的: a position in a replaced edition */
};

/* What the rules need about a reference beyond struct xref; parallel to the xrefs array. */
struct xextra {
	enum verb verb;
	const char *verb_word; /* the verb as written (static or arena), or NULL when inherited or
				  none */
	/* where the verb and the end of the number as written are, as offsets into `text`: turned
	 * into positions (fix_loc) only for the few findings that carry a fix */
	const struct text *text;
	size_t verb_start, verb_len, end;
	const char *locator;	    /* XREF_STD: the locator as written, or NULL */
	const char *allparts_dated; /* XREF_STD: the citation as written when it has both
				       （所有部分） and a year (XREF-002), else NULL */
	bool checks_verb;	    /* the text is normative by position, so wording matters */
};

/* Where a text sits. */
struct where {
	const struct clause *clause;
	const struct annex *annex;
	bool foreword;
	bool normative; /* the position itself is normative (not a note, example, 引言, …) */
	bool source;	/* a term's source line */
};

/* A position in a text: byte offset, code points before it, and where the first line break is. */
struct cursor {
	const struct text *t;
	size_t off, cols;
	size_t nl_at; /* the text's first line break, SIZE_MAX if none */
};

struct xctx {
	struct check_ctx *c;
	struct doc_info *di;
	const char *path;
	struct xref *v;
	struct xextra *ex;
	size_t n, cap;
	struct strmap terms; /* term entry number → struct term * (3.1 is not a clause) */
	/* loc_at's cursor for references, and one for the number scan, which runs ahead */
	struct cursor main, ahead;
	const struct text *re_failed; /* the text a pattern last failed on (report once) */
	bool partial;		      /* some text was not searched to its end (limits) */
	bool full;		      /* the references limit was reached: extraction stopped */
	bool intro_clauses;	      /* the 引言 has numbered 条 (0.1, 0.2, …) */
	/* titles of the normative references that are not standards (GB/T 1.1—2020 8.4),
	 * cited by 《title》: title → struct title_cite (empty when the list has none) */
	struct strmap titles;
};

struct title_cite {
	bool cited;	/* cited where the text is normative */
	bool cited_inf; /* cited, but only informatively */
};

/* ---- small text helpers -------------------------------------------------------------------- */

static bool blank_at(const char *s, size_t i, size_t len, size_t *n)
{
	if (i < len && (s[i] == ' ' || s[i] == '\t')) {
		*n = 1;
		return true;
	}
	if (i + 3 <= len && !memcmp(s + i, "\xE3\x80\x80", 3)) {
		*n = 3;
		return true;
	}
	if (i + 2 <= len && !memcmp(s + i, "\xC2\xA0", 2)) {
		*n = 2;
		return true;
	}
	return false;
}

static size_t skip_blanks(const char *s, size_t i, size_t len)
{
	size_t n;
	while (blank_at(s, i, len, &n))
		i += n;
	return i;
}

/* Step back over blanks, not below `floor`. */
static size_t skip_blanks_back(const char *s, size_t floor, size_t at)
{
	for (;;) {
		if (at > floor && (s[at - 1] == ' ' || s[at - 1] == '\t'))
			at--;
		else if (at >= floor + 3 && !memcmp(s + at - 3, "\xE3\x80\x80", 3))
			at -= 3;
		else if (at >= floor + 2 && !memcmp(s + at - 2, "\xC2\xA0", 2))
			at -= 2;
		else
			return at;
	}
}

/* A word and its length in bytes. */
struct word {
	const char *s;
	size_t n;
};
#define WORD(w)                                                                                    \
	{                                                                                          \
		w, sizeof w - 1                                                                    \
	}

/* Whether `w` ends at `at`, not below `floor`: the last byte first, since most candidates
 * differ there. */
static bool ends_with(const char *s, size_t floor, size_t at, const struct word *w)
{
	return at >= floor + w->n && s[at - 1] == w->s[w->n - 1] &&
	       !memcmp(s + at - w->n, w->s, w->n);
}

static const struct word informative_verb = WORD("参见");
/* 见 and 按 first, the commonest; a word only needs to come before the words it ends with
 * (应符合 before 符合, 参见 before 见: informative_verb is tried first). */
static const struct word normative_verbs[] = {
	WORD("见"),   WORD("按"),   WORD("应符合"), WORD("符合"), WORD("按照"),
	WORD("依据"), WORD("参照"), WORD("执行"),   WORD("遵守"), WORD("遵照"),
};
static const struct word old_markers[] = { WORD("年版的"), WORD("年版中的"), WORD("年版中"),
					   WORD("年版") };
static const struct word connectors[] = { WORD("、"),	WORD("和"),  WORD("及"), WORD("与"),
					  WORD("或"),	WORD("至"),  WORD("～"), WORD("~"),
					  WORD("以及"), WORD("或者") };
static const struct word open_parens[] = { WORD("（"), WORD("(") };
#define NWORDS(v) (sizeof(v) / sizeof *(v))

/* The word before `at` (after blanks, not below `floor`) that introduces a reference. */
static enum verb lookback(const char *s, size_t floor, size_t at, size_t *vstart, size_t *vlen)
{
	size_t p = skip_blanks_back(s, floor, at);
	*vstart = p;
	*vlen = 0;
	if (ends_with(s, floor, p, &informative_verb)) {
		*vstart = p - informative_verb.n;
		*vlen = informative_verb.n;
		return VERB_INFORMATIVE;
	}
	/* the verbs end in other characters than the markers (合照据行守见按 / 的中版): at most
	 * one of the two lists can match, so the verbs, the commoner, go first */
	for (size_t i = 0; i < NWORDS(normative_verbs); i++) {
		if (ends_with(s, floor, p, &normative_verbs[i])) {
			*vstart = p - normative_verbs[i].n;
			*vlen = normative_verbs[i].n;
			return VERB_NORMATIVE;
		}
	}
	for (size_t i = 0; i < NWORDS(old_markers); i++)
		if (ends_with(s, floor, p, &old_markers[i]))
			return VERB_OLD;
	for (size_t i = 0; i < NWORDS(open_parens); i++)
		if (ends_with(s, floor, p, &open_parens[i]))
			return VERB_PAREN;
	return VERB_NONE;
}

/* The verb as written, from the list (no copy), when `w` is one. */
static const char *verb_word(const char *w, size_t n)
{
	if (n == informative_verb.n && !memcmp(w, informative_verb.s, n))
		return informative_verb.s;
	for (size_t i = 0; i < NWORDS(normative_verbs); i++)
		if (n == normative_verbs[i].n && !memcmp(w, normative_verbs[i].s, n))
			return normative_verbs[i].s;
	return NULL;
}

/* True when the text from `prev_end` to `at` is only a connector with blanks around it. */
static bool chained(const char *s, size_t len, size_t prev_end, size_t at)
{
	if (prev_end == SIZE_MAX || prev_end > at)
		return false;
	size_t p = skip_blanks(s, prev_end, len);
	for (size_t i = 0; i < NWORDS(connectors); i++) {
		size_t n = connectors[i].n;
		if (p + n <= at && s[p] == connectors[i].s[0] && !memcmp(s + p, connectors[i].s, n))
			return skip_blanks(s, p + n, len) == at;
	}
	return false;
}

/* Copy with full-width digits, letters and dots folded to ASCII and blanks dropped, so that
 * targets compare with numbers as typed ("Ａ．１" → "A.1"). */
static const char *fold(struct arena *a, const char *s, size_t n)
{
	/* most numbers are typed in ASCII without blanks: nothing to fold */
	size_t plain = 0;
	while (plain < n && (unsigned char)s[plain] < 0x80 && s[plain] != ' ' && s[plain] != '\t')
		plain++;
	if (plain == n)
		return arena_strndup(a, s, n);
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] != ' ' && s[i] != '\t')
				out[o++] = s[i];
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k)
			k = 1;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0) {
			i += k;
			continue;
		}
		if (cp < 0x80)
			out[o++] = (char)cp;
		else {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	return out;
}

static bool is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

/* Words that introduce a 文号 and are not part of the issuer's abbreviation. */
static const char *const wenhao_lead[] = { "根据", "依据", "按照", "参照", "遵照", "执行", "落实",
					   "贯彻", "印发", "见",   "按",   "依",   "据",   "和",
					   "与",   "及",   "或",   "的",   "为",   NULL };

/* Start of the issuer of a 文号 whose bracket starts at `at`: the Han characters before it (at
 * most 12, not below `floor`), without a leading citing word. Returns `at` when there is none. */
static size_t wenhao_issuer(const char *s, size_t floor, size_t at)
{
	size_t p = skip_blanks_back(s, floor, at), start = p;
	for (int k = 0; k < 12 && start > floor; k++) {
		size_t q = start - 1;
		while (q > floor && ((unsigned char)s[q] & 0xC0) == 0x80)
			q--;
		uint32_t cp;
		if (!utf8_decode(s + q, start - q, &cp) || !is_han(cp))
			break;
		start = q;
	}
	/* cut after the last citing word inside the run */
	size_t cut = start;
	for (size_t i = start; i < p;) {
		for (size_t w = 0; wenhao_lead[w]; w++) {
			size_t n = strlen(wenhao_lead[w]);
			if (i + n <= p && !memcmp(s + i, wenhao_lead[w], n))
				cut = i + n;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, p - i, &cp);
		i += k ? k : 1;
	}
	return cut < p ? cut : at;
}

/* text_loc_at(t, off), in amortised constant time. text_loc_at counts code points from the
 * start of the text, which over a long paragraph with many references is quadratic; positions
 * are asked for in increasing order within one text, so count on from the previous one. Same
 * result: the text's own position once a line break precedes `off`. `*exact` says whether the
 * position is exact (no line break before it), as a fix needs. */
static struct loc cursor_loc(struct cursor *k, const struct text *t, size_t off, bool *exact)
{
	if (k->t != t || off < k->off) {
		const char *nl = strchr(t->s, '\n');
		k->t = t;
		k->off = 0;
		k->cols = 0;
		k->nl_at = nl ? (size_t)(nl - t->s) : SIZE_MAX;
	}
	/* once a line break is behind, the column no longer matters; before it, the code points
	 * are the bytes that are not continuation bytes (10xxxxxx), counted eight at a time */
	if (off <= k->nl_at) {
		size_t i = k->off;
		const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
		for (; i + 8 <= off; i += 8) {
			uint64_t w;
			memcpy(&w, t->s + i, 8);
			uint64_t cont =
			    (w & ~(w << 1) & high) >> 7; /* 1 in each continuation byte */
			k->cols += 8 - (size_t)((cont * ones) >> 56);
		}
		for (; i < off; i++)
			k->cols += ((unsigned char)t->s[i] & 0xC0) != 0x80;
	}
	k->off = off;
	bool nl = off > k->nl_at;
	struct loc l = t->loc;
	if (!nl)
		l.col += (uint32_t)k->cols;
	if (exact)
		*exact = !nl;
	return l;
}

static struct loc loc_at(struct xctx *x, const struct text *t, size_t off, bool *exact)
{
	return cursor_loc(&x->main, t, off, exact);
}

/* Position of byte `off` of `t`, and whether it is exact (no line break before it, as a fix
 * needs), counted from the start of the text: for the few findings that carry a fix. */
static struct loc fix_loc(const struct text *t, size_t off, bool *exact)
{
	struct cursor k = { 0 };
	return cursor_loc(&k, t, off, exact);
}

/* ---- recording ----------------------------------------------------------------------------- */

static struct xref *push(struct xctx *x, enum xref_kind kind, const struct text *t, size_t start,
			 size_t end, const char *target, const struct where *w, enum verb verb,
			 size_t vstart, size_t vlen)
{
	if (x->n >= x->c->p->max_refs) {
		/* the reference past the limit is where checking stopped */
		struct diag *d =
		    diag_add(x->c->ds, DIAG_XREF_LIMIT, x->path, loc_at(x, t, start, NULL),
			     _("the cross-references in this document exceed the limit of %zu; the "
			       "rest were not checked"),
			     x->c->p->max_refs);
		diag_set_help(d, _("raise the limit with --max-refs if the document is genuine"));
		x->full = x->partial = true;
		return NULL;
	}
	if (x->n == x->cap) {
		size_t cap = x->cap;
		XGROW(x->v, x->cap, x->n + 1);
		XGROW(x->ex, cap, x->n + 1);
	}
	struct xref *r = &x->v[x->n];
	struct xextra *e = &x->ex[x->n];
	x->n++;
	memset(r, 0, sizeof *r);
	memset(e, 0, sizeof *e);
	if (vlen) {
		e->verb_word = verb_word(t->s + vstart, vlen);
		if (!e->verb_word)
			e->verb_word = arena_strndup(x->c->arena, t->s + vstart, vlen);
	}
	e->text = t;
	e->verb_start = vstart;
	e->verb_len = vlen;
	e->end = end;
	r->kind = kind;
	r->loc = loc_at(x, t, start, NULL);
	/* a clause number as typed in ASCII is its own target: one copy for both */
	size_t n = end - start;
	r->text = strlen(target) == n && !memcmp(target, t->s + start, n)
		      ? target
		      : arena_strndup(x->c->arena, t->s + start, n);
	r->target = target;
	r->normative = w->normative && !w->foreword && verb != VERB_INFORMATIVE;
	r->in_clause = w->clause;
	r->in_annex = w->annex;
	r->in_foreword = w->foreword;
	e->verb = verb;
	e->checks_verb = w->normative && !w->foreword;
	return r;
}

static void report_re_error(struct xctx *x, const struct text *t, size_t off,
			    const struct re_match *m)
{
	/* once per text: after the first failure the rest of the text is unreliable anyway */
	if (x->re_failed == t)
		return;
	x->re_failed = t;
	x->partial = true;
	if (m->limit)
		diag_add(x->c->ds, DIAG_XREF_MATCH_LIMIT, x->path, text_loc_at(t, off),
			 _("cross-references after this point were not checked: %s"), m->message);
	else
		diag_add(x->c->ds, DIAG_INTERNAL, x->path, text_loc_at(t, off),
			 _("cross-reference pattern failed: %s"), m->message);
}

/* ---- standard numbers ---------------------------------------------------------------------- */

struct stdhit {
	size_t start, end; /* the number */
	size_t span_end;   /* the citation as written (beyond `end` for a dated all-parts one) */
	struct stdno no;
	bool allparts_dated;
};

/* End of what remains of a dated all-parts citation after the part stdno accepted: the marker
 * and the year, in either order ("—2012（所有部分）", "（所有部分）—2012"). */
static size_t allparts_tail(const char *s, size_t len, size_t p)
{
	static const char *const bits[] = { "（", "）", "(", ")", "所有部分",	  "—", "–",
					    "－", "―",	"-", " ", "\xE3\x80\x80", NULL };
	for (size_t guard = 0; p < len && guard < 32; guard++) {
		if (s[p] >= '0' && s[p] <= '9') {
			p++;
			continue;
		}
		size_t k = 0;
		for (size_t b = 0; bits[b] && !k; b++)
			if (!strncmp(s + p, bits[b], strlen(bits[b])))
				k = strlen(bits[b]);
		if (!k)
			break;
		p += k;
	}
	while (p > 0 && s[p - 1] == ' ')
		p--;
	return p;
}

static bool ascii_alnum(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

/* Full-width Ａ-Ｚ (U+FF21..U+FF3A). */
static bool fw_upper_at(const char *s, size_t i, size_t len)
{
	return i + 3 <= len && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
	       (unsigned char)s[i + 2] >= 0xA1 && (unsigned char)s[i + 2] <= 0xBA;
}

/* Full-width letters and digits (U+FF10..U+FF19, U+FF21..U+FF3A, U+FF41..U+FF5A) end at `at`. */
static bool fw_alnum_before(const char *s, size_t at)
{
	if (at < 3 || (unsigned char)s[at - 3] != 0xEF)
		return false;
	unsigned char b = (unsigned char)s[at - 2], c = (unsigned char)s[at - 1];
	uint32_t cp = 0xFF00 + (uint32_t)((b - 0xBC) * 64 + (c - 0x80));
	if (b != 0xBC && b != 0xBD)
		return false;
	return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	       (cp >= 0xFF41 && cp <= 0xFF5A);
}

static bool std_candidate(const char *s, size_t len, size_t i)
{
	bool up = (s[i] >= 'A' && s[i] <= 'Z') || fw_upper_at(s, i, len);
	bool jb = i + 6 <= len && !memcmp(s + i, "建标", 6);
	if (!up && !jb)
		return false;
	if (i == 0)
		return true;
	unsigned char p = (unsigned char)s[i - 1];
	return !(ascii_alnum(p) || p == '/' || fw_alnum_before(s, i));
}

/* Report a malformed number that clearly is one (its code was recognised). */
static void report_bad_number(struct xctx *x, const struct text *t, size_t at,
			      const struct stdno_error *e, size_t scanned)
{
	enum diag_code code;
	switch (e->code) {
	case STDNO_E_GLYPH:
		code = DIAG_STDNO_GLYPH;
		break;
	case STDNO_E_PART:
	case STDNO_E_YEAR:
	case STDNO_E_MONTH:
		code = DIAG_STDNO_INVALID;
		break;
	default:
		/* not recognisably a standard number: running text (PM2.5, LED 3, DB2 数据库, …) */
		return;
	}
	/* "GB/T Information" is English, not a number with a misread digit */
	if (!memchr(t->s + at, '0', scanned) && strcspn(t->s + at, "123456789") >= scanned)
		return;
	while (scanned > 1 && strchr(" .-/", t->s[at + scanned - 1]))
		scanned--;
	diag_add(x->c->ds, code, x->path, cursor_loc(&x->ahead, t, at, NULL),
		 _("'%.*s' in the text is not a valid standard number: %s"), (int)scanned,
		 t->s + at, _(stdno_strerror(e->code)));
}

/* The next standard number at or after `from`; false when there is none. `*resume` is where
 * the next search may start. */
static bool find_std(struct xctx *x, const struct text *t, size_t len, size_t from,
		     struct stdhit *h, size_t *resume)
{
	const char *s = t->s;
	for (size_t i = from; i < len; i++) {
		/* a number begins only at a Latin capital, a full-width one (EF) or 建 (E5); the
		 * continuation bytes of any other character are stepped over with it */
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80 ? b < 'A' || b > 'Z'
			     : b >= 0xE0 && !(b == 0xEF && (unsigned char)s[i + 1] == 0xBC) &&
				   !(b == 0xE5 && (unsigned char)s[i + 1] == 0xBB)) {
			if (b >= 0xE0)
				i += 2;
			continue;
		}
		if (!std_candidate(s, len, i))
			continue;
		struct stdno_error e;
		size_t n = stdno_scan_err(s + i, len - i, &h->no, &e);
		if (n) {
			h->start = i;
			h->end = h->span_end = i + n;
			h->allparts_dated = false;
			*resume = i + n;
			return true;
		}
		if (e.code == STDNO_E_ALLPARTS_DATED && e.offset > 0) {
			/* cite what precedes the conflict, report the conflict (XREF-002) */
			size_t m = stdno_scan(s + i, e.offset, &h->no);
			if (m) {
				h->start = i;
				h->end = i + m;
				h->span_end = allparts_tail(s, len, i + m);
				h->allparts_dated = true;
				*resume = h->span_end;
				return true;
			}
		}
		/* the rest of a malformed number must not be read as a clause number */
		size_t j = i + 1;
		while (j < len && (ascii_alnum((unsigned char)s[j]) || strchr("/. -", s[j])))
			j++;
		report_bad_number(x, t, i, &e, j - i);
		i = j - 1;
	}
	*resume = len;
	return false;
}

/* ---- scanning one text --------------------------------------------------------------------- */

struct scan {
	struct xctx *x;
	const struct text *t;
	const struct where *w;
	const char *s;
	size_t len;
	size_t pos;	 /* everything before has been consumed */
	size_t prev_end; /* end of the last accepted reference, SIZE_MAX if none */
	enum verb prev_verb;
};

/* The verb of a reference starting at `start`: inherited along a chain, else looked up. */
static enum verb verb_for(struct scan *sc, size_t start, size_t *vstart, size_t *vlen,
			  bool *is_chained)
{
	*is_chained = chained(sc->s, sc->len, sc->prev_end, start);
	*vstart = start;
	*vlen = 0;
	if (*is_chained)
		return sc->prev_verb == VERB_PAREN ? VERB_NONE : sc->prev_verb;
	return lookback(sc->s, sc->pos, start, vstart, vlen);
}

static void accept(struct scan *sc, size_t end, enum verb v)
{
	sc->prev_end = end;
	sc->prev_verb = v;
	sc->pos = end;
}

static void take_std(struct scan *sc, const struct stdhit *h)
{
	struct xctx *x = sc->x;
	size_t vstart, vlen;
	bool ch;
	enum verb v = verb_for(sc, h->start, &vstart, &vlen, &ch);
	if (v == VERB_OLD || v == VERB_PAREN)
		v = VERB_NONE;
	size_t end = h->span_end;
	const char *locator = NULL;
	struct re_match m;
	int rc = re_search_at(&re_locator, sc->s, sc->len, end, RE_ANCHORED, &m);
	if (rc == RE_ERROR) {
		report_re_error(x, sc->t, end, &m);
	} else if (rc == RE_MATCH) {
		size_t cs, cl;
		bool comma = re_group_span(&m, G.comma, &cs, &cl);
		if (!comma || sc->w->source) {
			size_t ls = skip_blanks(sc->s, end, sc->len);
			locator = arena_strndup(x->c->arena, sc->s + ls, m.end - ls);
			end = m.end;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	stdno_format(&h->no, &sb);
	const char *target = arena_strndup(x->c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	struct xref *r = push(x, XREF_STD, sc->t, h->start, h->end, target, sc->w, v, vstart, vlen);
	if (!r)
		return;
	struct stdno *no = arena_alloc(x->c->arena, sizeof *no);
	*no = h->no;
	r->no = no;
	r->has_locator = locator != NULL;
	x->ex[x->n - 1].locator = locator;
	if (h->allparts_dated)
		x->ex[x->n - 1].allparts_dated =
		    arena_strndup(x->c->arena, sc->s + h->start, h->span_end - h->start);
	accept(sc, end, v);
}

/* re_group_span, here where the compiler can inline it: a dozen a reference. */
static bool group(const struct re_match *m, int g, size_t *start, size_t *len)
{
	if (g < 0 || (uint32_t)g >= m->ngroups || m->group[g][0] == RE_UNSET)
		return false;
	*start = m->group[g][0];
	*len = m->group[g][1] - m->group[g][0];
	return true;
}

/* Whether a bare dotted number `num` (ending at byte `end`) is a reference: only in context,
 * after a verb or before a follow-context (see the top comment). */
static bool bare_number_refers(struct scan *sc, const char *num, size_t end, enum verb v, bool ch)
{
	/* 0.n is a 条 of the 引言 only where the 引言 has them; elsewhere a quantity */
	if (num[0] == '0' && !sc->x->intro_clauses)
		return false;
	if (ch || v == VERB_NORMATIVE || v == VERB_INFORMATIVE || v == VERB_OLD)
		return true;
	struct re_match am;
	int rc = re_search_at(&re_after, sc->s, sc->len, end, RE_ANCHORED, &am);
	if (rc == RE_ERROR) {
		report_re_error(sc->x, sc->t, end, &am);
		return false;
	}
	if (rc != RE_MATCH)
		return false;
	size_t as, al;
	return group(&am, G.fol, &as, &al) ||
	       (v == VERB_PAREN && (group(&am, G.rp, &as, &al) || group(&am, G.conn, &as, &al)));
}

/* The alternatives of re_internal that name one numbered item: the group holding the number
 * (or letter) and what it points at. At most one of them takes part in a match. */
static const struct {
	const int *group;
	enum xref_kind kind;
} item_groups[] = {
	{ &G.pgn, XREF_PAGE },	  { &G.chn, XREF_CHAPTER }, { &G.ctn, XREF_CLAUSE },
	{ &G.axl, XREF_ANNEX },	  { &G.tbn, XREF_TABLE },   { &G.fgn, XREF_FIGURE },
	{ &G.fmn, XREF_FORMULA },
};
enum { NITEM_GROUPS = sizeof item_groups / sizeof item_groups[0] };

/* One match of re_internal. Returns false when it was not a reference after all. */
static bool take_internal(struct scan *sc, const struct re_match *m)
{
	struct xctx *x = sc->x;
	struct arena *a = x->c->arena;
	const char *s = sc->s;
	size_t gs, gl, vstart, vlen;
	bool ch;
	enum xref_kind kind;
	const char *target;
	size_t start = m->start, end = m->end;

	if (group(m, G.why, &gs, &gl)) {
		size_t is = wenhao_issuer(s, sc->pos, m->start);
		if (is == m->start)
			return false;
		size_t ns = 0, nl = 0; /* whn takes part whenever why does */
		group(m, G.whn, &ns, &nl);
		struct strbuf sb = STRBUF_INIT;
		strbuf_add(&sb, s + is, skip_blanks_back(s, is, m->start) - is);
		strbuf_adds(&sb, "〔");
		strbuf_adds(&sb, fold(a, s + gs, gl));
		strbuf_adds(&sb, "〕");
		strbuf_adds(&sb, fold(a, s + ns, nl));
		strbuf_adds(&sb, "号");
		target = arena_strndup(a, sb.buf, sb.len);
		strbuf_release(&sb);
		push(x, XREF_WENHAO, sc->t, is, end, target, sc->w, VERB_NONE, 0, 0);
		accept(sc, end, VERB_NONE);
		return true;
	}

	if (group(m, G.bn, &gs, &gl)) {
		start = gs;
		enum verb v = lookback(s, sc->pos, m->start, &vstart, &vlen);
		target = fold(a, s + gs, gl);
		push(x, XREF_BARE_CHAPTER, sc->t, gs, gs + gl, target, sc->w, v, vstart, vlen);
		accept(sc, end, v);
		return true;
	}

	enum verb v = verb_for(sc, start, &vstart, &vlen, &ch);
	size_t num_end = end;
	size_t i = 0;
	while (i < NITEM_GROUPS && !group(m, *item_groups[i].group, &gs, &gl))
		i++;
	if (i < NITEM_GROUPS) {
		kind = item_groups[i].kind;
		target = fold(a, s + gs, gl);
	} else if (group(m, G.cn, &gs, &gl)) {
		const char *num = fold(a, s + gs, gl);
		size_t ss, sl;
		if (group(m, G.nn, &ss, &sl)) {
			kind = XREF_NOTE;
			target = arena_printf(a, "%s/%s", num, fold(a, s + ss, sl));
		} else if (group(m, G.ns, &ss, &sl)) {
			kind = XREF_NOTE;
			target = arena_printf(a, "%s/", num);
		} else if (group(m, G.li, &ss, &sl)) {
			kind = XREF_LIST_ITEM;
			target = arena_printf(a, "%s/%.*s", num, (int)sl, s + ss);
		} else {
			if (!bare_number_refers(sc, num, end, v, ch))
				return false;
			kind = XREF_CLAUSE;
			target = num;
			num_end = gs + gl;
		}
	} else {
		return false;
	}
	if (v == VERB_OLD) {
		/* a position in the replaced edition: not ours to resolve, keep the chain going */
		accept(sc, end, VERB_OLD);
		return true;
	}
	push(x, kind, sc->t, start, num_end, target, sc->w, v, vstart, vlen);
	accept(sc, end, v);
	return true;
}

/*
 * Where re_internal can begin. Left to itself PCRE2 tries the pattern at every position whose
 * first byte is in its start bitmap, and that bitmap holds the lead bytes of 第, 附, 表, 图, 公 and
 * 式 — shared with most of the CJK block, so nearly every character of Chinese prose was a try.
 * The first characters of the alternatives are exactly: 第 附 表 图 公 式 (the keyword
 * alternatives; lookbehinds consume nothing), a horizontal blank (the SP that may open the
 * 文号 and the 见N alternatives), an opening bracket of a 文号 year, and a digit or capital
 * letter, ASCII or full-width (bare numbers). next_start() steps over everything else with a
 * byte table and the pattern is run anchored at each candidate, which finds the same leftmost
 * match. When an alternative is added to re_internal, its first characters go here too (the
 * xref unit tests fail otherwise: test_xref.c, candidates_cover_every_start).
 */
/* The characters that can begin a match (see above). */
static const struct {
	uint32_t lo, hi;
} start_chars[] = {
	{ '\t', '\t' },	    { ' ', ' ' },	{ '(', '(' },	    { '0', '9' },
	{ 'A', 'Z' },	    { '[', '[' },	{ 0x00A0, 0x00A0 }, { 0x1680, 0x1680 },
	{ 0x180E, 0x180E }, { 0x2000, 0x200A }, { 0x202F, 0x202F }, { 0x205F, 0x205F }, /* \h */
	{ 0x3000, 0x3000 },								/* \h */
	{ 0x3010, 0x3010 },								/* 【 */
	{ 0x3014, 0x3014 },								/* 〔 */
	{ 0x516C, 0x516C },								/* 公 */
	{ 0x56FE, 0x56FE },								/* 图 */
	{ 0x5F0F, 0x5F0F },								/* 式 */
	{ 0x7B2C, 0x7B2C },								/* 第 */
	{ 0x8868, 0x8868 },								/* 表 */
	{ 0x9644, 0x9644 },								/* 附 */
	{ 0xFF08, 0xFF08 },								/* （ */
	{ 0xFF10, 0xFF19 }, /* ０-９ */
	{ 0xFF21, 0xFF3A }, /* Ａ-Ｚ */
	{ 0xFF3B, 0xFF3B }, /* ［ */
};

bool check_xref_starts(uint32_t cp)
{
	for (size_t i = 0; i < sizeof start_chars / sizeof *start_chars; i++)
		if (cp >= start_chars[i].lo && cp <= start_chars[i].hi)
			return true;
	return false;
}

/* By lead byte: an ASCII candidate, the lead of a two- or three-byte character (looked up in
 * cand_bits by code point: one load a character of Chinese text), or neither. */
enum { CAND_NO, CAND_YES, CAND_MB2, CAND_MB3 };
static unsigned char cand_byte[256];
static uint8_t cand_bits[0x10000 / 8];
/* By the low bits of a three-byte lead and of the second byte: whether any candidate has
 * them. Most characters of Chinese text are turned away here with two loads. */
static uint64_t cand_mid[16];

static void cand_init(void)
{
	for (size_t b = 0xC2; b < 0xE0; b++)
		cand_byte[b] = CAND_MB2;
	for (size_t b = 0xE0; b < 0xF0; b++)
		cand_byte[b] = CAND_MB3;
	for (size_t i = 0; i < sizeof start_chars / sizeof *start_chars; i++)
		for (uint32_t cp = start_chars[i].lo; cp <= start_chars[i].hi; cp++) {
			if (cp < 0x80)
				cand_byte[cp] = CAND_YES;
			if (cp >= 0x800)
				cand_mid[cp >> 12] |= (uint64_t)1 << (cp >> 6 & 0x3F);
			cand_bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		}
}

/* The first position at or after `i` where re_internal may begin, or len. Texts are valid
 * UTF-8 (the loaders check); four-byte characters never begin a match. */
static size_t next_start(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	while (i < len) {
		uint32_t cp;
		switch (cand_byte[u[i]]) {
		case CAND_YES:
			return i;
		case CAND_MB2:
			if (i + 2 > len)
				return len;
			cp = (uint32_t)(u[i] & 0x1F) << 6 | (u[i + 1] & 0x3F);
			if (cand_bits[cp >> 3] >> (cp & 7) & 1)
				return i;
			i += 2;
			break;
		case CAND_MB3:
			/* a run of Chinese text: stay in this loop while it lasts */
			if (i + 3 > len)
				return len;
			do {
				if (cand_mid[u[i] & 0x0F] >> (u[i + 1] & 0x3F) & 1) {
					cp = (uint32_t)(u[i] & 0x0F) << 12 |
					     (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
					if (cand_bits[cp >> 3] >> (cp & 7) & 1)
						return i;
				}
				i += 3;
			} while (i + 3 <= len && (u[i] & 0xF0) == 0xE0);
			break;
		default:
			i++;
		}
	}
	return len;
}

int check_xref_pattern_at(const char *s, size_t len, size_t at, struct re_match *m)
{
	return re_search_at(&re_internal, s, len, at, RE_ANCHORED, m);
}

int check_xref_group(const char *name)
{
	return re_group(&re_internal, name);
}

/* Bytes of a \h blank (PCRE2's set) at s[i], or 0. */
static size_t hblank_len(const char *s, size_t i, size_t len)
{
	unsigned char b = (unsigned char)s[i];
	if (b == ' ' || b == '\t')
		return 1;
	/* the others are U+00A0 (C2 A0) and characters with the lead bytes E1–E3 */
	if (b == 0xC2)
		return i + 1 < len && (unsigned char)s[i + 1] == 0xA0 ? 2 : 0;
	if (b < 0xE1 || b > 0xE3)
		return 0;
	uint32_t cp;
	size_t n = utf8_decode(s + i, len - i, &cp);
	return n && (cp == 0xA0 || cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200A) ||
		     cp == 0x202F || cp == 0x205F || cp == 0x3000)
		   ? n
		   : 0;
}

static size_t skip_hblanks(const char *s, size_t i, size_t len)
{
	for (size_t n; i < len && (n = hblank_len(s, i, len));)
		i += n;
	return i;
}

/* Bytes of an ASCII or full-width character at s[i] in the ranges lo..hi (ASCII), or 0: the
 * full-width forms are U+FF00 + (ch − 0x20), EF BC xx for the digits, '.' and the capitals. */
static size_t wide_len(const char *s, size_t i, size_t len, char lo, char hi)
{
	unsigned char b = (unsigned char)s[i];
	if (b >= (unsigned char)lo && b <= (unsigned char)hi)
		return 1;
	if (b == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC) {
		unsigned char c = (unsigned char)s[i + 2] - 0x80 + 0x40 - 0x20;
		return c >= (unsigned char)lo && c <= (unsigned char)hi ? 3 : 0;
	}
	return 0;
}

static inline bool may_begin(const char *s, size_t len, size_t i)
{
	static const char di[] = "\xE7\xAC\xAC", jian[] = "\xE8\xA7\x81"; /* 第 见 */
	if (i + 3 <= len && !memcmp(s + i, di, 3)) {
		/* 第 SP D+ SP 页, 第 SP NUM SP 章, 第 SP CLAUSENUM SP 条: a run of digits, dots and
		 * capitals, then blanks and one of 页 章 条 */
		size_t j = skip_hblanks(s, i + 3, len), k = j, n;
		while (k < len &&
		       ((n = wide_len(s, k, len, '0', '9')) ||
			(n = wide_len(s, k, len, '.', '.')) || (n = wide_len(s, k, len, 'A', 'Z'))))
			k += n;
		if (k == j)
			return false;
		k = skip_hblanks(s, k, len);
		return k + 3 <= len && (!memcmp(s + k, "页", 3) || !memcmp(s + k, "章", 3) ||
					!memcmp(s + k, "条", 3));
	}
	size_t n = wide_len(s, i, len, '0', '9');
	if (n) {
		/* a digit begins only a clause number (CLAUSENUM: one or two digits, then a dot) or
		 * the number after 见 */
		if (i >= 3 && !memcmp(s + i - 3, jian, 3))
			return true;
		size_t k = i;
		while (k < len && (n = wide_len(s, k, len, '0', '9')))
			k += n;
		return k < len && wide_len(s, k, len, '.', '.');
	}
	n = wide_len(s, i, len, 'A', 'Z');
	if (n) /* an annex clause number: the letter, then a dot */
		return i + n < len && wide_len(s, i + n, len, '.', '.');
	return true;
}

bool check_xref_may_begin(const char *s, size_t len, size_t i)
{
	return may_begin(s, len, i);
}

/* The group numbers and the candidate table, set once for every thread that checks. */
static pthread_once_t prepared = PTHREAD_ONCE_INIT;

static void prepare(void)
{
	groups_init();
	cand_init();
}

/*
 * The shapes that make up most references in running text — 见4.2, 见3, a bare clause number
 * before punctuation, 表3, 第5章 — decided here without PCRE2, which costs a few thousand
 * instructions a call. Each is what re_internal finds anchored at the position, traced through the
 * pattern: at an ASCII digit only the 见N (bn) and the clause-number (cn) alternatives can begin,
 * at 表 only the table alternative, at 第 with digits and 章 after it only the chapter one; a digit
 * run followed by a dot and a digit is not a 见N; the clause number's segments can only match as a
 * whole (a shorter reading leaves a digit or a dot and a digit behind it, which NOTNUMAFTER
 * refuses); and before one of the characters in quick_after none of the number's suffixes (注,
 * 的注, a list item, a unit) can begin. Whatever is not one of these shapes — full-width digits and
 * dots, letters, 的, a unit, anything else after the number — is left to the pattern
 * (CHECK_XREF_ASK). test_check_xref.c runs both over random strings of reference pieces.
 */

/* Where the number ends: a character before which no suffix of it can begin (not a unit, not
 * 的 or 注, not a letter or a digit), or the end of the text. */
static bool quick_after(const char *s, size_t len, size_t q)
{
	if (q >= len)
		return true;
	unsigned char b = (unsigned char)s[q];
	if (b < 0x80)
		return b == ',' || b == ';' || b == ':' || b == ')' || b == '!' || b == '?' ||
		       b == '~' || b == '\n';
	if (q + 3 > len || (b & 0xF0) != 0xE0)
		return false;
	uint32_t cp = (uint32_t)(b & 0x0F) << 12 | (uint32_t)((unsigned char)s[q + 1] & 0x3F) << 6 |
		      ((unsigned char)s[q + 2] & 0x3F);
	switch (cp) {
	case 0xFF0C: /* ， */
	case 0x3002: /* 。 */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case 0x3001: /* 、 */
	case 0xFF09: /* ） */
	case 0x548C: /* 和 */
	case 0x53CA: /* 及 */
	case 0x4E0E: /* 与 */
	case 0x6216: /* 或 */
	case 0x81F3: /* 至 */
	case 0xFF5E: /* ～ */
	case 0x4E2D: /* 中 */
		return true;
	}
	return false;
}

static bool ascii_digit(unsigned char b)
{
	return b >= '0' && b <= '9';
}

/* A full-width digit or dot at s[p] (U+FF10..U+FF19, U+FF0E): a number may go on there. */
static bool fw_digit_or_dot(const char *s, size_t len, size_t p)
{
	if (p + 3 > len || (unsigned char)s[p] != 0xEF || (unsigned char)s[p + 1] != 0xBC)
		return false;
	unsigned char c = (unsigned char)s[p + 2];
	return (c >= 0x90 && c <= 0x99) || c == 0x8E;
}

/* The clause number's look-behind: the character before `i` is none of
 * [0-9０-９A-Za-zＡ-Ｚａ-ｚ.．/—–－_]. */
static bool cn_may_follow(const char *s, size_t i)
{
	if (i == 0)
		return true;
	unsigned char b = (unsigned char)s[i - 1];
	if (b < 0x80)
		return !(ascii_alnum(b) || b == '.' || b == '/' || b == '_');
	/* the others are three-byte characters: ０-９ Ａ-Ｚ ａ-ｚ ． － (EF BC/BD …) and — – (E2 80
	 * 94, E2 80 93); in valid UTF-8 an EF or E2 three bytes back is the previous character's
	 * lead */
	if (i < 3)
		return true;
	unsigned char l = (unsigned char)s[i - 3], m1 = (unsigned char)s[i - 2],
		      m2 = (unsigned char)s[i - 1];
	if (l == 0xE2)
		return !(m1 == 0x80 && (m2 == 0x93 || m2 == 0x94));
	if (l != 0xEF)
		return true;
	return !(fw_alnum_before(s, i) || (m1 == 0xBC && (m2 == 0x8E || m2 == 0x8D)));
}

static void quick_fill(struct re_match *m, size_t start, size_t end, int g, size_t gs, size_t ge)
{
	m->start = start;
	m->end = end;
	m->ngroups = (uint32_t)G.internal_n;
	memset(m->group, 0xFF, (size_t)G.internal_n * sizeof m->group[0]); /* RE_UNSET */
	m->group[0][0] = start;
	m->group[0][1] = end;
	m->group[g][0] = gs;
	m->group[g][1] = ge;
	m->error = 0;
	m->limit = false;
}

/* At an ASCII digit. */
static int quick_digit(const char *s, size_t len, size_t i, struct re_match *m)
{
	static const char jian[] = "见";
	size_t j = i;
	while (j < len && ascii_digit((unsigned char)s[j]))
		j++;
	if (fw_digit_or_dot(s, len, j) ||
	    (j < len && s[j] == '.' && fw_digit_or_dot(s, len, j + 1)))
		return CHECK_XREF_ASK;
	bool dot_digit = j + 1 < len && s[j] == '.' && ascii_digit((unsigned char)s[j + 1]);
	if (i >= 3 && !memcmp(s + i - 3, jian, 3) && s[i] != '0' && !dot_digit) {
		/* 见N: not before 章 条 页 or a unit, past blanks */
		if (!(j < len && s[j] == '.') && !quick_after(s, len, skip_hblanks(s, j, len)))
			return CHECK_XREF_ASK;
		quick_fill(m, i, j, G.bn, i, j);
		return RE_MATCH;
	}
	if (!cn_may_follow(s, i))
		return RE_NOMATCH;
	/* CLAUSENUM: one or two digits (a lone 0 for the 引言), then one to five segments of a dot
	 * and one to three digits, the first not 0 */
	size_t head = j - i;
	if (head > 2 || (s[i] == '0' && head > 1))
		return RE_NOMATCH;
	size_t p = j, nseg = 0;
	while (nseg < 5 && p + 1 < len && s[p] == '.' && s[p + 1] >= '1' && s[p + 1] <= '9') {
		size_t q = p + 1;
		while (q < len && q - (p + 1) < 3 && ascii_digit((unsigned char)s[q]))
			q++;
		p = q;
		nseg++;
	}
	if (!nseg)
		return RE_NOMATCH;
	/* NOTNUMAFTER */
	if (fw_digit_or_dot(s, len, p) ||
	    (p < len && s[p] == '.' && fw_digit_or_dot(s, len, p + 1)))
		return CHECK_XREF_ASK;
	if (p < len && (ascii_digit((unsigned char)s[p]) ||
			(s[p] == '.' && p + 1 < len && ascii_digit((unsigned char)s[p + 1]))))
		return RE_NOMATCH;
	if (!quick_after(s, len, skip_hblanks(s, p, len)))
		return CHECK_XREF_ASK;
	quick_fill(m, i, p, G.cn, i, p);
	return RE_MATCH;
}

/* An ASCII number at `q` (1-9, then digits) that ends there, at `*end`: not followed by a dot
 * or a full-width digit or dot, after which only the pattern can tell. */
static bool plain_number(const char *s, size_t len, size_t q, size_t *end)
{
	if (q >= len || s[q] < '1' || s[q] > '9')
		return false;
	size_t k = q;
	while (k < len && ascii_digit((unsigned char)s[k]))
		k++;
	*end = k;
	return !(k < len && (s[k] == '.' || fw_digit_or_dot(s, len, k)));
}

/* At 表. */
static int quick_table(const char *s, size_t len, size_t i, struct re_match *m)
{
	/* the look-behind: 代表, 发表, 列表, 报表, 仪表, 外表, 手表, 课表, 时表, 图表 */
	static const char not_after[] = "代发列报仪外手课时图";
	for (size_t k = 0; i >= 3 && k + 3 < sizeof not_after; k += 3)
		if (!memcmp(s + i - 3, not_after + k, 3))
			return RE_NOMATCH;
	size_t q = skip_hblanks(s, i + 3, len);
	if (q >= len)
		return RE_NOMATCH;
	unsigned char b = (unsigned char)s[q];
	if (b == 0xEF || (b >= 'A' && b <= 'Z') || b == '0')
		return CHECK_XREF_ASK;
	if (b < '1' || b > '9')
		return RE_NOMATCH;
	size_t k;
	if (!plain_number(s, len, q, &k))
		return CHECK_XREF_ASK;
	quick_fill(m, i, k, G.tbn, q, k);
	return RE_MATCH;
}

/* At 第: 第N章 (the page and 条 alternatives, and anything unusual, are left to the pattern). */
static int quick_chapter(const char *s, size_t len, size_t i, struct re_match *m)
{
	size_t q = skip_hblanks(s, i + 3, len), k;
	if (!plain_number(s, len, q, &k))
		return CHECK_XREF_ASK;
	size_t r = skip_hblanks(s, k, len);
	if (r + 3 > len || memcmp(s + r, "章", 3))
		return CHECK_XREF_ASK;
	quick_fill(m, i, r + 3, G.chn, q, k);
	return RE_MATCH;
}

static int quick_at(const char *s, size_t len, size_t at, struct re_match *m)
{
	unsigned char b = (unsigned char)s[at];
	if (ascii_digit(b))
		return quick_digit(s, len, at, m);
	if (at + 3 <= len && !memcmp(s + at, "表", 3))
		return quick_table(s, len, at, m);
	if (at + 3 <= len && !memcmp(s + at, "第", 3))
		return quick_chapter(s, len, at, m);
	return CHECK_XREF_ASK;
}

int check_xref_quick_at(const char *s, size_t len, size_t at, struct re_match *m)
{
	pthread_once(&prepared, prepare);
	return quick_at(s, len, at, m);
}

/* re_internal's leftmost match at or after `from`: anchored tries at the candidate positions
 * that check_xref_may_begin lets through (on prose of short numbered sentences, 第k项 and
 * bare digits are most of the candidates, and each try costs a call into PCRE2). */
static int find_internal(const char *s, size_t len, size_t from, struct re_match *m)
{
	for (size_t i = next_start(s, len, from); i < len; i = next_start(s, len, i + 1)) {
		if (!may_begin(s, len, i))
			continue;
		int rc = quick_at(s, len, i, m);
		if (rc == CHECK_XREF_ASK)
			rc = re_search_at(&re_internal, s, len, i, RE_ANCHORED, m);
		if (rc != RE_NOMATCH)
			return rc;
	}
	return RE_NOMATCH;
}

/* Mark the listed documents that are not standards which the text cites by 《title》. */
static void scan_titles(struct xctx *x, const struct text *t, const struct where *w)
{
	static const char open[] = "《", close[] = "》";
	if (!x->titles.n || w->foreword)
		return;
	for (const char *p = strstr(t->s, open); p; p = strstr(p, open)) {
		p += sizeof open - 1;
		const char *e = strstr(p, close);
		if (!e)
			return;
		struct title_cite *tc = strmap_getn(&x->titles, p, (size_t)(e - p));
		if (tc) {
			if (w->normative)
				tc->cited = true;
			else
				tc->cited_inf = true;
		}
		p = e;
	}
}

static void scan_text(struct xctx *x, const struct text *t, const struct where *w)
{
	if (!t->s || !t->s[0] || x->full)
		return;
	scan_titles(x, t, w);
	struct scan sc = { x, t, w, t->s, strlen(t->s), 0, SIZE_MAX, VERB_NONE };
	struct re_match im;
	bool im_ok = false, int_done = false;
	struct stdhit sh;
	bool sh_ok = false, std_done = false;
	size_t std_resume = 0;
	while (!x->full) {
		if (!std_done && (!sh_ok || sh.start < sc.pos)) {
			size_t from = sc.pos > std_resume ? sc.pos : std_resume;
			sh_ok = find_std(x, t, sc.len, from, &sh, &std_resume);
			std_done = !sh_ok;
		}
		if (!int_done && (!im_ok || im.start < sc.pos)) {
			int rc = find_internal(sc.s, sc.len, sc.pos, &im);
			if (rc == RE_ERROR)
				report_re_error(x, t, sc.pos, &im);
			im_ok = rc == RE_MATCH;
			int_done = !im_ok;
		}
		if (sh_ok && (!im_ok || sh.start <= im.start)) {
			take_std(&sc, &sh);
			sh_ok = false;
			continue;
		}
		if (!im_ok)
			break;
		size_t before = sc.pos;
		if (!take_internal(&sc, &im))
			sc.pos = im.end > im.start ? im.end : im.end + 1;
		if (sc.pos <= before)
			sc.pos = before + 1;
		/* never leave pos inside a UTF-8 sequence */
		while (sc.pos < sc.len && ((unsigned char)sc.s[sc.pos] & 0xC0) == 0x80)
			sc.pos++;
		if (sc.pos > sc.len)
			break;
		im_ok = false;
	}
}

/* ---- walking a document -------------------------------------------------------------------- */

static void walk_list(struct xctx *x, const struct list *l, const struct where *w)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nitems; i++) {
		scan_text(x, &l->items[i].text, w);
		walk_list(x, l->items[i].sub, w);
	}
}

static void walk_body(struct xctx *x, const struct body *b, const struct where *w)
{
	struct where inf = *w;
	inf.normative = false;
	for (size_t i = 0; i < b->n; i++) {
		const struct block *blk = &b->v[i];
		switch (blk->kind) {
		case BLOCK_P:
			scan_text(x, &blk->text, w);
			break;
		case BLOCK_LIST:
			walk_list(x, blk->list, w);
			break;
		case BLOCK_TABLE:
			for (size_t r = 0; r < blk->head.n; r++)
				for (size_t k = 0; k < blk->head.v[r].n; k++)
					scan_text(x, &blk->head.v[r].v[k], w);
			for (size_t r = 0; r < blk->rows.n; r++)
				for (size_t k = 0; k < blk->rows.v[r].n; k++)
					scan_text(x, &blk->rows.v[r].v[k], w);
			for (size_t k = 0; k < blk->notes.n; k++)
				scan_text(x, &blk->notes.v[k], &inf);
			break;
		case BLOCK_NOTE:
		case BLOCK_EXAMPLE:
			scan_text(x, &blk->text, &inf);
			break;
		case BLOCK_FIGURE:
		case BLOCK_FORMULA:
			break; /* titles and formula text hold no running-text references */
		}
	}
}

static void walk_clauses(struct xctx *x, const struct clause *cl, size_t n, const struct where *w0)
{
	for (size_t i = 0; i < n; i++) {
		const struct clause *c = &cl[i];
		struct where w = *w0;
		w.clause = c;
		/* chapter 2 holds the list itself (and its lead sentence), not citations */
		if (!(c->depth == 1 && !w.annex && clause_kind(c) == CLAUSE_REFERENCES))
			walk_body(x, &c->body, &w);
		for (size_t k = 0; k < c->nterms; k++) {
			const struct term *t = &c->terms[k];
			struct where inf = w;
			inf.normative = false;
			scan_text(x, &t->definition, &w);
			for (size_t j = 0; j < t->notes.n; j++)
				scan_text(x, &t->notes.v[j], &inf);
			inf.source = true;
			scan_text(x, &t->source, &inf);
		}
		walk_clauses(x, c->clauses, c->nclauses, &w);
	}
}

static void index_terms(struct xctx *x, const struct clause *cl, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < cl[i].nterms; k++)
			if (cl[i].terms[k].num.s)
				strmap_put_new(&x->terms, cl[i].terms[k].num.s,
					       (void *)&cl[i].terms[k]);
		index_terms(x, cl[i].clauses, cl[i].nclauses);
	}
}

static void extract(struct xctx *x)
{
	const struct standard *s = x->di->std;
	struct where w = { NULL, NULL, false, true, false };
	if (s->foreword) {
		struct where fw = { NULL, NULL, true, false, false };
		walk_body(x, &s->foreword->body, &fw);
		for (size_t i = 0; i < s->foreword->nchanges; i++) {
			/* a deleted item describes the replaced edition only */
			if (s->foreword->changes[i].kind.v != CHANGE_DELETED)
				scan_text(x, &s->foreword->changes[i].text, &fw);
		}
	}
	if (s->introduction) {
		/* 引言 is an informative element (DOC-002) */
		struct where iw = { NULL, NULL, false, false, false };
		walk_body(x, &s->introduction->body, &iw);
		walk_clauses(x, s->introduction->clauses, s->introduction->nclauses, &iw);
	}
	walk_clauses(x, s->clauses, s->nclauses, &w);
	for (size_t i = 0; i < s->nannexes; i++) {
		const struct annex *an = &s->annexes[i];
		struct where aw = { NULL, an, false, an->kind.v != ANNEX_INFORMATIVE, false };
		walk_body(x, &an->body, &aw);
		walk_clauses(x, an->clauses, an->nclauses, &aw);
	}
}

/* ---- internal targets (XREF-001) ----------------------------------------------------------- */

static size_t count_notes(const struct clause *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->body.n; i++)
		n += c->body.v[i].kind == BLOCK_NOTE;
	return n;
}

static bool list_has_item(const struct list *l, size_t idx)
{
	if (!l)
		return false;
	if ((l->style.v == LIST_LETTER || l->style.v == 0) && l->nitems > idx)
		return true;
	for (size_t i = 0; i < l->nitems; i++)
		if (list_has_item(l->items[i].sub, idx))
			return true;
	return false;
}

static bool clause_has_item(const struct clause *c, size_t idx)
{
	for (size_t i = 0; i < c->body.n; i++)
		if (c->body.v[i].kind == BLOCK_LIST && list_has_item(c->body.v[i].list, idx))
			return true;
	return false;
}

static const struct clause *find_clause(struct xctx *x, const char *num, size_t len)
{
	return strmap_getn(&x->di->clauses, num, len);
}

static void resolve(struct xctx *x, size_t i)
{
	const struct xref *r = &x->v[i];
	struct diag_store *ds = x->c->ds;
	const char *t = r->target;
	switch (r->kind) {
	case XREF_CLAUSE:
		if (!find_clause(x, t, strlen(t)) && !strmap_get(&x->terms, t))
			diag_add(ds, DIAG_XREF_UNRESOLVED, x->path, r->loc,
				 _("'%s' refers to clause %s, which does not exist"), r->text, t);
		break;
	case XREF_CHAPTER: {
		const struct clause *c = find_clause(x, t, strlen(t));
		if (!c || c->parent)
			diag_add(ds, DIAG_XREF_UNRESOLVED, x->path, r->loc,
				 _("'%s' refers to chapter %s, which does not exist"), r->text, t);
		break;
	}
	case XREF_ANNEX:
	case XREF_TABLE:
	case XREF_FIGURE:
	case XREF_FORMULA: {
		/* the things a document numbers: where each is indexed, what a reference to a
		 * missing one says */
		const struct {
			enum xref_kind kind;
			const struct strmap *index;
			const char *msg;
		} numbered[] = {
			{ XREF_ANNEX, &x->di->annexes,
			  N_("'%s' refers to annex %s, which does not exist") },
			{ XREF_TABLE, &x->di->tables,
			  N_("'%s' refers to table %s, which does not exist") },
			{ XREF_FIGURE, &x->di->figures,
			  N_("'%s' refers to figure %s, which does not exist") },
			{ XREF_FORMULA, &x->di->formulas,
			  N_("'%s' refers to formula (%s), which does not exist") },
		};
		for (size_t k = 0; k < sizeof numbered / sizeof numbered[0]; k++)
			if (numbered[k].kind == r->kind && !strmap_get(numbered[k].index, t))
				diag_add(ds, DIAG_XREF_UNRESOLVED, x->path, r->loc,
					 _(numbered[k].msg), r->text, t);
		break;
	}
	case XREF_NOTE:
	case XREF_LIST_ITEM: {
		const char *slash = strchr(t, '/');
		size_t cl = (size_t)(slash - t);
		const struct clause *c = find_clause(x, t, cl);
		const char *sub = slash + 1;
		if (!c) {
			diag_add(ds, DIAG_XREF_UNRESOLVED, x->path, r->loc,
				 _("'%s' refers to clause %.*s, which does not exist"), r->text,
				 (int)cl, t);
		} else if (r->kind == XREF_NOTE) {
			size_t want = *sub ? strtoul(sub, NULL, 10) : 1;
			size_t have = count_notes(c);
			if (want == 0 || want > have) {
				if (*sub)
					diag_add(ds, DIAG_XREF_UNRESOLVED, x->path, r->loc,
						 _("'%s' refers to note %s of clause %.*s, which "
						   "has %zu notes"),
						 r->text, sub, (int)cl, t, have);
				else
					diag_add(ds, DIAG_XREF_UNRESOLVED, x->path, r->loc,
						 _("'%s' refers to a note of clause %.*s, which "
						   "has none"),
						 r->text, (int)cl, t);
			}
		} else if (!clause_has_item(c, (size_t)(*sub - 'a'))) {
			diag_add(ds, DIAG_XREF_UNRESOLVED, x->path, r->loc,
				 _("'%s' refers to list item %s) of clause %.*s, which has no such "
				   "item"),
				 r->text, sub, (int)cl, t);
		}
		break;
	}
	default:
		break;
	}
}

/* ---- the normative-reference list (DOC-007) and other citations ---------------------------- */

/* A list of refentries (normative references or bibliography) indexed by work key. */
struct reflist {
	const struct refentry *v;
	size_t n;
	struct strmap by_work; /* work key → index + 1 of the first entry */
	size_t *next;	       /* next entry with the same work key, index + 1, 0 = none */
	bool *cited;	       /* cited normatively */
	bool *cited_inf;       /* cited, but only informatively */
};

static const char *part_base_key(struct check_ctx *c, const struct stdno *n)
{
	struct stdno b = *n;
	b.part = 0;
	return check_work_key(c, &b);
}

static void reflist_init(struct check_ctx *c, struct reflist *l, const struct refentry *v, size_t n)
{
	l->v = v;
	l->n = n;
	strmap_init(&l->by_work);
	l->next = xcalloc(n ? n : 1, sizeof *l->next);
	l->cited = xcalloc(n ? n : 1, sizeof *l->cited);
	l->cited_inf = xcalloc(n ? n : 1, sizeof *l->cited_inf);
	/* insert from the back so the chain runs in input order */
	for (size_t i = n; i-- > 0;) {
		if (!v[i].number.ok)
			continue;
		const char *wk = check_work_key(c, &v[i].number.no);
		void *prev = strmap_put(&l->by_work, wk, (void *)(uintptr_t)(i + 1));
		l->next[i] = (size_t)(uintptr_t)prev;
	}
}

static void reflist_release(struct reflist *l)
{
	strmap_release(&l->by_work);
	free(l->next);
	free(l->cited);
	free(l->cited_inf);
}

static bool years_agree(const struct stdno *a, const struct stdno *b)
{
	if (!a->year || !b->year)
		return true;
	if (a->year != b->year)
		return false;
	return !a->month || !b->month || a->month == b->month;
}

enum match_result { MATCH_NONE = 0, MATCH_YEAR, MATCH_OK };

/* Match a citation against a list: by work key (years agreeing when both dated), else an
 * all-parts entry of its base number. Marks matching entries; `*other` gets an entry of the
 * same work whose year disagrees. */
static enum match_result reflist_match(struct check_ctx *c, struct reflist *l,
				       const struct stdno *n, bool normative,
				       const struct refentry **other)
{
	enum match_result res = MATCH_NONE;
	*other = NULL;
	const char *wk = check_work_key(c, n);
	for (size_t k = (size_t)(uintptr_t)strmap_get(&l->by_work, wk); k; k = l->next[k - 1]) {
		const struct refentry *e = &l->v[k - 1];
		if (e->number.no.all_parts != n->all_parts && n->all_parts)
			continue;
		if (years_agree(&e->number.no, n)) {
			res = MATCH_OK;
			if (normative)
				l->cited[k - 1] = true;
			else
				l->cited_inf[k - 1] = true;
		} else if (!*other) {
			*other = e;
		}
	}
	if (res == MATCH_OK || !n->part)
		return res ? res : (*other ? MATCH_YEAR : MATCH_NONE);
	const char *bk = part_base_key(c, n);
	for (size_t k = (size_t)(uintptr_t)strmap_get(&l->by_work, bk); k; k = l->next[k - 1]) {
		const struct refentry *e = &l->v[k - 1];
		if (!e->number.no.all_parts)
			continue;
		res = MATCH_OK;
		if (normative)
			l->cited[k - 1] = true;
		else
			l->cited_inf[k - 1] = true;
	}
	return res ? res : (*other ? MATCH_YEAR : MATCH_NONE);
}

static const struct clause *refs_chapter(const struct standard *s)
{
	for (size_t i = 0; i < s->nclauses; i++)
		if (clause_kind(&s->clauses[i]) == CLAUSE_REFERENCES)
			return &s->clauses[i];
	return NULL;
}

static void render(const struct stdno *n, char *buf, size_t cap)
{
	struct strbuf sb = STRBUF_INIT;
	stdno_format(n, &sb);
	snprintf(buf, cap, "%s", sb.buf);
	strbuf_release(&sb);
}

/* XREF-002: an undated citation that points into the cited document. When the normative
 * references give a dated edition of the same work, suggest exactly that number (a pure
 * replacement); else only the form. */
static void report_undated_locator(struct xctx *x, const struct reflist *refs, const struct xref *r,
				   const struct xextra *e)
{
	struct check_ctx *c = x->c;
	const struct refentry *dated = NULL;
	const char *wk = check_work_key(c, r->no);
	for (size_t k = (size_t)(uintptr_t)strmap_get(&refs->by_work, wk); k && !dated;
	     k = refs->next[k - 1])
		if (refs->v[k - 1].number.no.year)
			dated = &refs->v[k - 1];
	struct diag *dg = diag_add(c->ds, DIAG_XREF_UNDATED_LOCATOR, x->path, r->loc,
				   _("undated reference '%s' cites a specific part of it ('%s'); "
				     "such a reference must be dated"),
				   r->text, e->locator);
	char buf[160];
	if (dated) {
		render(&dated->number.no, buf, sizeof buf);
		diag_set_help(dg, _("cite the dated edition listed in chapter 2: %s"), buf);
		bool exact;
		struct loc end = fix_loc(e->text, e->end, &exact);
		if (exact)
			diag_set_fix(dg, r->loc, end, buf);
	} else {
		struct stdno d = *r->no;
		d.all_parts = false;
		render(&d, buf, sizeof buf);
		diag_set_help(dg, _("cite the dated edition, e.g. %s—YYYY"), buf);
	}
}

static void index_titles(struct xctx *x)
{
	const struct clause *rc = refs_chapter(x->di->std);
	for (size_t i = 0; rc && i < rc->nreferences; i++) {
		const struct refentry *e = &rc->references[i];
		if (e->number.text.s || !e->title.s || !e->title.s[0])
			continue;
		struct title_cite *tc = arena_alloc(x->c->arena, sizeof *tc);
		strmap_put_new(&x->titles, e->title.s, tc);
	}
}

/* XREF-002: a normative citation that matched its entry, dated where the entry is undated or
 * the reverse. One finding per work. */
static void check_datedness(struct xctx *x, const struct reflist *refs, const struct xref *r,
			    struct strmap *reported)
{
	struct check_ctx *c = x->c;
	const char *wk = check_work_key(c, r->no);
	const struct refentry *other = NULL;
	for (size_t k = (size_t)(uintptr_t)strmap_get(&refs->by_work, wk); k;
	     k = refs->next[k - 1]) {
		const struct refentry *e = &refs->v[k - 1];
		if (e->number.no.all_parts != r->no->all_parts)
			continue;
		if (!e->number.no.year == !r->no->year)
			return;
		if (!other)
			other = e;
	}
	if (!other || strmap_get(reported, wk))
		return;
	strmap_put(reported, wk, (void *)r);
	struct diag *dg;
	if (other->number.no.year) {
		dg = diag_add(c->ds, DIAG_XREF_DATED_MISMATCH, x->path, r->loc,
			      _("'%s' is cited undated, but the normative references list it dated "
				"('%s')"),
			      r->text, other->number.text.s);
		diag_set_help(dg,
			      _("cite '%s', or list it undated if every future edition is to "
				"apply"),
			      other->number.text.s);
	} else {
		dg = diag_add(c->ds, DIAG_XREF_DATED_MISMATCH, x->path, r->loc,
			      _("'%s' is cited dated, but the normative references list it undated "
				"('%s')"),
			      r->text, other->number.text.s);
		diag_set_help(dg, _("list the dated edition '%s' in chapter 2, or cite it undated"),
			      r->text);
	}
	diag_set_related(c->ds, dg, x->path, other->loc, _("the listed entry"));
}

static void check_citations(struct xctx *x)
{
	struct check_ctx *c = x->c;
	const struct standard *s = x->di->std;
	const struct clause *rc = refs_chapter(s);
	struct reflist refs, bib;
	reflist_init(c, &refs, rc ? rc->references : NULL, rc ? rc->nreferences : 0);
	reflist_init(c, &bib, s->bibliography, s->nbibliography);
	struct strmap reported; /* work keys already reported as not listed: once per work */
	strmap_init(&reported);
	struct strmap dated_reported; /* work keys reported by check_datedness */
	strmap_init(&dated_reported);
	for (size_t i = 0; i < x->n; i++) {
		const struct xref *r = &x->v[i];
		const struct xextra *e = &x->ex[i];
		if (r->kind != XREF_STD)
			continue;
		if (r->has_locator && !r->no->year)
			report_undated_locator(x, &refs, r, e);
		if (e->allparts_dated) {
			char undated[160];
			struct stdno d = *r->no;
			d.year = 0;
			d.month = 0;
			d.all_parts = true;
			render(&d, undated, sizeof undated);
			struct diag *dg = diag_add(c->ds, DIAG_XREF_ALLPARTS_DATED, x->path, r->loc,
						   _("'%s' cites all parts together with a year"),
						   e->allparts_dated);
			diag_set_help(dg, _("cite all parts undated (%s) or one dated part"),
				      undated);
		}
		/* the 前言 cites the drafting rules and replaced editions: not citations in the
		 * sense of DOC-007 */
		if (r->in_foreword)
			continue;
		if (s->number.ok && stdno_same_work(&s->number.no, r->no))
			continue;
		const struct refentry *other;
		enum match_result mr = reflist_match(c, &refs, r->no, r->normative, &other);
		if (r->normative) {
			/* an undated citation into a part of the document is reported as
			 * xref-undated-locator already */
			if (mr == MATCH_OK && !(r->has_locator && !r->no->year))
				check_datedness(x, &refs, r, &dated_reported);
			if (mr == MATCH_OK)
				continue;
			const char *wk = check_work_key(c, r->no);
			if (strmap_get(&reported, wk))
				continue;
			strmap_put(&reported, wk, (void *)r);
			if (mr == MATCH_YEAR) {
				struct diag *dg =
				    diag_add(c->ds, DIAG_DOC_REF_NOT_LISTED, x->path, r->loc,
					     _("'%s' is cited normatively but the normative "
					       "references list '%s'"),
					     r->text, other->number.text.s);
				diag_set_related(c->ds, dg, x->path, other->loc,
						 _("the listed edition"));
				diag_set_help(dg, _("cite the listed edition or correct the list"));
			} else {
				struct diag *dg =
				    diag_add(c->ds, DIAG_DOC_REF_NOT_LISTED, x->path, r->loc,
					     _("'%s' is cited normatively but is not in the "
					       "normative references"),
					     r->text);
				diag_set_help(dg,
					      _("add '%s' to chapter 2 (规范性引用文件), or cite "
						"it with 参见 if it is informative"),
					      r->target);
			}
			continue;
		}
		if (mr != MATCH_NONE)
			continue;
		const struct refentry *o2;
		if (reflist_match(c, &bib, r->no, false, &o2) != MATCH_NONE)
			continue;
		if (strmap_get(&c->works, check_work_key(c, r->no)))
			continue;
		struct diag *dg =
		    diag_add(c->ds, DIAG_XREF_INFORMATIVE_UNLISTED, x->path, r->loc,
			     _("'%s' is cited informatively but is not in the bibliography, the "
			       "normative references or the system"),
			     r->text);
		diag_set_help(dg, _("list '%s' in 参考文献 (bibliography)"), r->target);
	}
	/* "never cited" needs every citation: not said when the search stopped early */
	for (size_t i = 0; i < refs.n && !x->partial; i++) {
		const struct refentry *e = &refs.v[i];
		if (!e->number.ok || refs.cited[i])
			continue;
		struct diag *dg;
		if (refs.cited_inf[i])
			dg = diag_add(c->ds, DIAG_DOC_REF_NOT_CITED, x->path, e->number.text.loc,
				      _("'%s' is in the normative references but the text cites it "
					"only informatively"),
				      e->number.text.s);
		else
			dg = diag_add(
			    c->ds, DIAG_DOC_REF_NOT_CITED, x->path, e->number.text.loc,
			    _("'%s' is in the normative references but the text never cites it"),
			    e->number.text.s);
		diag_set_help(dg, _("cite it normatively in the text, or move it to 参考文献 if it "
				    "was only consulted"));
	}
	/* a document that is not a standard is cited by its title, 《…》 */
	for (size_t i = 0; rc && i < rc->nreferences && !x->partial; i++) {
		const struct refentry *e = &rc->references[i];
		const struct title_cite *tc;
		if (e->number.text.s || !e->title.s || !(tc = strmap_get(&x->titles, e->title.s)) ||
		    tc->cited)
			continue;
		struct strbuf q = STRBUF_INIT;
		strbuf_addf(&q, "《%s》", e->title.s);
		struct diag *dg;
		if (tc->cited_inf)
			dg = diag_add(c->ds, DIAG_DOC_REF_NOT_CITED, x->path, e->title.loc,
				      _("'%s' is in the normative references but the text cites it "
					"only informatively"),
				      q.buf);
		else
			dg = diag_add(
			    c->ds, DIAG_DOC_REF_NOT_CITED, x->path, e->title.loc,
			    _("'%s' is in the normative references but the text never cites it"),
			    q.buf);
		diag_set_help(dg, _("cite it normatively in the text, or move it to 参考文献 if it "
				    "was only consulted"));
		strbuf_release(&q);
	}
	strmap_release(&dated_reported);
	strmap_release(&reported);
	reflist_release(&refs);
	reflist_release(&bib);
}

/* ---- annex wording (NUM-013)
 * --------------------------------------------------------------------- */

/* The wording that introduces an annex (NUM-013, confidence C: a warning). Whether every annex
 * is mentioned, and in order, is the document pass's NUM-013 check over our xrefs. */
/* Where the verb written before a reference is, when it is there and both ends are exact. */
static bool verb_span(const struct xextra *e, struct loc *start, struct loc *end)
{
	bool a, b;
	if (!e->verb_len)
		return false;
	*start = fix_loc(e->text, e->verb_start, &a);
	*end = fix_loc(e->text, e->verb_start + e->verb_len, &b);
	return a && b;
}

static void check_annex_verbs(struct xctx *x)
{
	struct check_ctx *c = x->c;
	for (size_t i = 0; i < x->n; i++) {
		const struct xref *r = &x->v[i];
		const struct xextra *e = &x->ex[i];
		struct loc vs, ve;
		if (r->kind != XREF_ANNEX || !e->checks_verb)
			continue;
		const struct annex *an = strmap_get(&x->di->annexes, r->target);
		if (!an || an == r->in_annex)
			continue;
		if (an->kind.v == ANNEX_INFORMATIVE && e->verb == VERB_NORMATIVE) {
			struct diag *dg =
			    e->verb_word
				? diag_add(c->ds, DIAG_NUM_ANNEX_VERB, x->path, r->loc,
					   _("informative annex '%s' is cited with the normative "
					     "wording '%s'"),
					   r->text, e->verb_word)
				: diag_add(
				      c->ds, DIAG_NUM_ANNEX_VERB, x->path, r->loc,
				      _("informative annex '%s' is cited with normative wording"),
				      r->text);
			diag_set_help(dg, _("cite an informative annex with 参见, e.g. 参见%s"),
				      r->text);
			/* 见 → 参见 is a pure replacement; 按/符合 need the sentence rewritten */
			if (verb_span(e, &vs, &ve) && !strcmp(e->verb_word, "见"))
				diag_set_fix(dg, vs, ve, "参见");
		} else if (an->kind.v == ANNEX_NORMATIVE && e->verb == VERB_INFORMATIVE) {
			struct diag *dg = diag_add(
			    c->ds, DIAG_NUM_ANNEX_VERB, x->path, r->loc,
			    _("normative annex '%s' is cited with the informative wording '参见'"),
			    r->text);
			diag_set_help(dg, _("cite a normative annex with 见 or 按, e.g. 见%s"),
				      r->text);
			if (verb_span(e, &vs, &ve))
				diag_set_fix(dg, vs, ve, "见");
		}
	}
}

/* ---- the pass ------------------------------------------------------------------------------ */

static void check_forms(struct xctx *x)
{
	struct diag_store *ds = x->c->ds;
	for (size_t i = 0; i < x->n; i++) {
		const struct xref *r = &x->v[i];
		const struct xextra *e = &x->ex[i];
		switch (r->kind) {
		case XREF_PAGE: {
			struct diag *dg = diag_add(
			    ds, DIAG_XREF_PAGE, x->path, r->loc,
			    _("'%s' refers to a page; pages are not part of the text"), r->text);
			diag_set_help(dg,
				      _("refer to the chapter, clause, table or figure instead"));
			break;
		}
		case XREF_BARE_CHAPTER: {
			struct diag *dg =
			    diag_add(ds, DIAG_XREF_BARE_CHAPTER, x->path, r->loc,
				     _("bare chapter number '%s' is ambiguous"), r->text);
			diag_set_help(dg, _("write 第%s章"), r->target);
			bool exact;
			struct loc end = fix_loc(e->text, e->end, &exact);
			if (exact) {
				char fix[64];
				snprintf(fix, sizeof fix, "第%s章", r->target);
				diag_set_fix(dg, r->loc, end, fix);
			}
			break;
		}
		default:
			/* the 前言 narrates changes, partly in the replaced edition's numbering:
			 * its positions are the PREF rules' business, not resolved here */
			if (!r->in_foreword)
				resolve(x, i);
			break;
		}
	}
}

void check_xref_run(struct check_ctx *c)
{
	pthread_once(&prepared, prepare);
	for (size_t d = 0; d < c->ndocs; d++) {
		struct doc_info *di = &c->docs[d];
		if (!di->std)
			continue;
		struct xctx x = { 0 };
		x.c = c;
		x.di = di;
		/* room for a reference every 64 bytes of input, about what reference-dense prose
		 * holds, so that such a document's arrays are not copied as they grow (the pages
		 * of a reservation not used are never touched) */
		x.cap = di->doc->size / 64 > 16 ? di->doc->size / 64 : 16;
		x.v = xmalloc(x.cap * sizeof *x.v);
		x.ex = xmalloc(x.cap * sizeof *x.ex);
		x.path = di->doc->path;
		strmap_init(&x.terms);
		x.intro_clauses = di->std->introduction && di->std->introduction->nclauses;
		index_terms(&x, di->std->clauses, di->std->nclauses);
		strmap_init(&x.titles);
		index_titles(&x);
		extract(&x);
		check_forms(&x);
		check_citations(&x);
		check_annex_verbs(&x);
		free(di->xrefs);
		/* the later passes keep the references while the document is checked: not the
		 * room reserved for them */
		di->xrefs = x.n < x.cap ? xrealloc(x.v, (x.n ? x.n : 1) * sizeof *x.v) : x.v;
		di->nxrefs = x.n;
		di->xrefs_partial = x.partial;
		free(x.ex);
		strmap_release(&x.terms);
		strmap_release(&x.titles);
	}
}
