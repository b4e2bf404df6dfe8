/* SPDX-License-Identifier: MIT */
/* cmd_explain: `zhun explain [CODE]` — list every diagnostic code, or print one code's page
 * from the rules document (docs/rules.md, installed beside the data files), rendered as plain
 * text for the terminal: in Chinese under zh, the English text with the Chinese under en. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cmd.h"
#include "diag.h"
#include "i18n.h"
#include "paths.h"
#include "strbuf.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

#define BOLD  "\033[1m"
#define DIM   "\033[2m"
#define RESET "\033[0m"

static const struct opt_doc explain_opts[] = {
	OPT_HELP,
	OPT_END,
};

/* The severities as a Chinese reader names them, in the order of enum severity. */
static const char *const severity_zh[] = { "关闭", "提示", "警告", "错误", "致命错误" };

static const char *severity_word(enum severity s, bool zh)
{
	if (zh && (unsigned)s < sizeof severity_zh / sizeof severity_zh[0])
		return severity_zh[s];
	return severity_name(s);
}

static void list_codes(void)
{
	bool zh = i18n_is_zh(), words_zh = i18n_messages_zh();
	for (int i = 0; i < DIAG__COUNT; i++) {
		const struct diag_info *in = diag_info((enum diag_code)i);
		const char *sev = severity_word(in->sev, words_zh);
		/* padded by display width: a Chinese word takes two columns a character */
		size_t w = utf8_width(sev, strlen(sev));
		printf("%-26s %s%*s %-9s %s\n", in->name, sev, (int)(w < 8 ? 8 - w : 0), "",
		       in->rule, zh ? in->summary_zh : in->summary_en);
	}
}

static bool fence_line(const char *line)
{
	return !strncmp(line, "```", 3);
}

/* Append the section "## NAME" of the rules document up to the next "## " heading to page.
 * Headings inside fenced examples (a YAML comment "## …") do not count. Returns false when the
 * file cannot be read or holds no such section. */
static bool read_page(const char *path, const char *name, struct strbuf *page)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool in_fence = false, in_page = false, found = false;
	size_t blank = 0; /* blank lines held back: a page ends at its last text line */
	size_t nlen = strlen(name);
	while ((n = getline(&line, &cap, f)) != -1) {
		bool heading = !in_fence && !strncmp(line, "## ", 3);
		if (heading) {
			if (in_page)
				break;
			const char *h = line + 3;
			size_t hl = strcspn(h, "\r\n");
			while (hl && h[hl - 1] == ' ')
				hl--;
			if (hl == nlen && !memcmp(h, name, nlen))
				in_page = found = true;
		}
		if (fence_line(line))
			in_fence = !in_fence;
		if (!in_page)
			continue;
		if (line[strspn(line, "\r\n")] == '\0') {
			blank++;
			continue;
		}
		for (; blank; blank--)
			strbuf_addc(page, '\n');
		strbuf_adds(page, line);
	}
	free(line);
	fclose(f);
	return found;
}

/* ---- rendering ---- */

struct render {
	bool zh;    /* the page in Chinese: Chinese paragraphs, headings and fix only */
	bool color; /* emphasis and code spans bold, examples dim */
	struct strbuf out;
};

/* More Chinese characters than ASCII letters: the Chinese half of a bilingual paragraph (the
 * English half names Chinese terms, but fewer of them). Code spans and identifiers (words with
 * '-', '_' or '.': key names, codes, file names) belong to neither and are not counted. */
static bool is_chinese(const char *s)
{
	size_t han = 0, latin = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		if (s[i] == '`') {
			const char *close = memchr(s + i + 1, '`', len - i - 1);
			i = close ? (size_t)(close - s) + 1 : len;
			continue;
		}
		if (((unsigned char)s[i] | 0x20) >= 'a' && ((unsigned char)s[i] | 0x20) <= 'z') {
			size_t n = strspn(
			    s + i,
			    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
			size_t end = n;
			while (end && s[i + end - 1] == '.') /* a full stop ends the word */
				end--;
			if (!memchr(s + i, '-', end) && !memchr(s + i, '_', end) &&
			    !memchr(s + i, '.', end))
				latin += end;
			i += n;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp >= 0x3400 && cp <= 0x9FFF)
			han++;
		i += n ? n : 1;
	}
	return han > latin;
}

/* Markdown inline marks turned into plain text: **strong** and `code` bold on a terminal
 * (code in “…” under zh, where there is no colour to set it apart), [text](url) as text. */
static void inline_text(struct render *r, const char *s, size_t len)
{
	bool strong = false, code = false;
	for (size_t i = 0; i < len; i++) {
		if (!code && s[i] == '*' && i + 1 < len && s[i + 1] == '*') {
			strong = !strong;
			if (r->color)
				strbuf_adds(&r->out, strong ? BOLD : RESET);
			i++;
		} else if (s[i] == '`') {
			code = !code;
			if (r->color)
				strbuf_adds(&r->out, code ? BOLD : RESET);
			else if (r->zh) {
				/* the quotes take the place of the spaces that set the span apart
				 */
				if (code && r->out.len && r->out.buf[r->out.len - 1] == ' ')
					strbuf_setlen(&r->out, r->out.len - 1);
				strbuf_adds(&r->out, code ? "“" : "”");
				if (!code && i + 1 < len && s[i + 1] == ' ')
					i++;
			}
		} else if (!code && s[i] == '[' && memchr(s + i, ']', len - i)) {
			const char *close = memchr(s + i, ']', len - i);
			size_t at = (size_t)(close - s);
			if (at + 1 < len && s[at + 1] == '(' && memchr(s + at, ')', len - at)) {
				strbuf_add(&r->out, s + i + 1, at - i - 1);
				i = (size_t)((const char *)memchr(s + at, ')', len - at) - s);
			} else {
				strbuf_addc(&r->out, s[i]);
			}
		} else {
			strbuf_addc(&r->out, s[i]);
		}
	}
	if ((strong || code) && r->color)
		strbuf_adds(&r->out, RESET);
}

static void heading(struct render *r, const char *text)
{
	strbuf_adds(&r->out, r->color ? BOLD : "");
	strbuf_adds(&r->out, text);
	strbuf_adds(&r->out, r->color ? RESET "\n" : "\n");
}

/* A source the reader can look up: the standards cited, not zhun's own design documents. */
static bool source_shown(const char *item, size_t len, bool zh)
{
	static const char *const own[] = { "domain-rules.md", "model.md" };
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (len >= strlen(own[i]) && !memcmp(item, own[i], strlen(own[i])))
			return false;
	/* under zh an English-only source (zhun's own, a house rule) is named by the fallback */
	return !zh || is_chinese(item) ||
	       (len >= 2 && (!memcmp(item, "GB", 2) || !memcmp(item, "DB", 2)));
}

/* "**Rule** R · **Severity** S · **Source** X; Y · **Confidence** C" as labelled lines. */
static void meta_line(struct render *r, const struct diag_info *in, const char *line)
{
	struct strbuf src = STRBUF_INIT, conf = STRBUF_INIT;
	const char *p = strstr(line, "**Source**");
	if (p) {
		p += strlen("**Source**");
		const char *end = strstr(p, " · ");
		if (!end)
			end = p + strcspn(p, "\n");
		while (p < end) {
			p += strspn(p, " ;,");
			size_t n = 0;
			/* items are separated by "; " (a "," may sit inside one: 9.5.4, 8.6) */
			while (p + n < end && !(p[n] == ';' && p[n + 1] == ' '))
				n++;
			size_t shown = n;
			if (r->zh) { /* an English gloss ("(detail table)", "and its footnote a")
					stays out */
				const char *paren = memchr(p, '(', n);
				if (paren && !is_chinese(paren))
					shown = (size_t)(paren - p);
				for (size_t k = 0; k + 5 <= shown; k++)
					if (!memcmp(p + k, " and ", 5)) {
						shown = k;
						break;
					}
				while (shown && p[shown - 1] == ' ')
					shown--;
			}
			if (shown && source_shown(p, shown, r->zh)) {
				if (src.len)
					strbuf_adds(&src, r->zh ? "；" : "; ");
				strbuf_add(&src, p, shown);
			}
			p += n;
		}
	}
	if (!src.len)
		strbuf_adds(&src, r->zh ? "zhun 自身的规则" : "zhun");
	p = strstr(line, "**Confidence**");
	if (p) {
		p += strlen("**Confidence**");
		p += strspn(p, " ");
		size_t n = strcspn(p, r->zh ? " (,\n" : ",\n");
		if (r->zh && n >= 5 && !memcmp(p, "house", 5))
			strbuf_adds(&conf, "zhun 自定");
		else
			strbuf_add(&conf, p, n);
	}
	if (r->zh) {
		strbuf_addf(&r->out, "  规则：%s\n  严重程度：%s\n  依据：", in->rule,
			    severity_word(in->sev, true));
		strbuf_add(&r->out, src.buf, src.len);
		if (conf.len && strcmp(conf.buf, "—"))
			strbuf_addf(&r->out, "\n  可信度：%s", conf.buf);
	} else {
		strbuf_addf(&r->out, "  Rule: %s\n  Severity: %s\n  Source: ", in->rule,
			    severity_name(in->sev));
		strbuf_add(&r->out, src.buf, src.len);
		if (conf.len && strcmp(conf.buf, "—"))
			strbuf_addf(&r->out, "\n  Confidence: %s", conf.buf);
	}
	strbuf_addc(&r->out, '\n');
	strbuf_release(&src);
	strbuf_release(&conf);
}

/* A "**Label** text" line of the page: the label's words in the reader's language. */
static const struct {
	const char *md, *en, *zh;
} labels[] = {
	{ "**Fails**", "Fails:", "不合格示例：" },
	{ "**Passes**", "Passes:", "合格示例：" },
	{ "**Fix**", "Fix:", NULL },
	{ "**修改**", NULL, "修改方法：" },
};

/* The page as plain text: a heading with the code's summary, the labelled facts, the
 * paragraphs of the reader's language (both, English first, under en), the examples indented
 * without their fences, lists indented with a bullet. */
static void render_page(struct render *r, const struct diag_info *in, const char *page)
{
	bool in_fence = false, blank = false;
	const char *p = page;
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		p += n + (p[n] == '\n');
		if (fence_line(line)) {
			in_fence = !in_fence;
			free(line);
			continue;
		}
		if (in_fence) {
			/* under zh an English comment of an example stays out (the line too, when
			 * it held nothing else) */
			char *hash = line[0] == '#' ? line : strstr(line, " #");
			if (r->zh && hash && !is_chinese(hash)) {
				while (hash > line && hash[-1] == ' ')
					hash--;
				*hash = '\0';
				if (hash == line + strspn(line, " ")) {
					free(line);
					continue;
				}
			}
			strbuf_adds(&r->out, r->color ? "    " DIM : "    ");
			strbuf_adds(&r->out, line);
			strbuf_adds(&r->out, r->color ? RESET "\n" : "\n");
			free(line);
			continue;
		}
		if (!*line) {
			blank = true;
			free(line);
			continue;
		}
		bool para = true;
		if (!strncmp(line, "## ", 3)) {
			struct strbuf h = STRBUF_INIT;
			strbuf_addf(&h, "%s%s%s", in->name, r->zh ? "：" : ": ",
				    r->zh ? in->summary_zh : in->summary_en);
			heading(r, h.buf);
			strbuf_release(&h);
			blank = false;
			free(line);
			continue;
		}
		if (!strncmp(line, "**Rule**", 8)) {
			meta_line(r, in, line);
			free(line);
			continue;
		}
		for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
			size_t ml = strlen(labels[i].md);
			if (strncmp(line, labels[i].md, ml))
				continue;
			para = false;
			const char *word = r->zh ? labels[i].zh : labels[i].en;
			/* a label of the other language (Fix under zh, 修改 under en) is skipped */
			if (!word)
				break;
			if (blank)
				strbuf_addc(&r->out, '\n');
			const char *rest = line + ml;
			rest += strspn(rest, " ");
			if (*rest) {
				strbuf_adds(&r->out, r->color ? BOLD : "");
				strbuf_adds(&r->out, word);
				strbuf_adds(&r->out, r->color ? RESET "\n  " : "\n  ");
				inline_text(r, rest, strlen(rest));
				strbuf_addc(&r->out, '\n');
			} else {
				heading(r, word);
			}
			blank = false;
			break;
		}
		if (para) {
			if (r->zh && !is_chinese(line)) {
				free(line);
				continue;
			}
			if (blank)
				strbuf_addc(&r->out, '\n');
			blank = false;
			const char *t = line;
			if ((t[0] == '-' || t[0] == '*') && t[1] == ' ') {
				strbuf_adds(&r->out, "  • ");
				t += 2;
			} else {
				strbuf_adds(&r->out, "  ");
			}
			inline_text(r, t, strlen(t));
			strbuf_addc(&r->out, '\n');
		}
		free(line);
	}
}

static int cmd_explain_run(struct cli_run *run)
{
	const struct cmd *c = run->cp.cmd;
	if (!run->cp.nops) {
		list_codes();
		return 0;
	}
	const char *name = run->cp.ops[0];
	int code = diag_code_by_name(name);
	if (code < 0) {
		const char *names[DIAG__COUNT + 1];
		for (int k = 0; k < DIAG__COUNT; k++)
			names[k] = diag_info((enum diag_code)k)->name;
		names[DIAG__COUNT] = NULL;
		const char *s = did_you_mean(name, names);
		if (s)
			return cli_usage_error(c, _("unknown code '%s'; did you mean '%s'?"), name,
					       s);
		return cli_usage_error(c, _("unknown code '%s'; 'zhun explain' lists them all"),
				       name);
	}
	const char *doc = paths_rules_doc();
	struct strbuf page = STRBUF_INIT;
	if (doc && read_page(doc, name, &page)) {
		struct render r = { i18n_messages_zh(), cli_use_color(&run->g, stdout),
				    STRBUF_INIT };
		render_page(&r, diag_info((enum diag_code)code), page.buf);
		fwrite(r.out.buf, 1, r.out.len, stdout);
		strbuf_release(&r.out);
		strbuf_release(&page);
		return 0;
	}
	strbuf_release(&page);
	/* Without its page a code still has its table entry: show that rather than nothing. */
	const struct diag_info *in = diag_info((enum diag_code)code);
	printf("## %s\n\n%s · %s · %s\n", in->name, in->rule, severity_name(in->sev),
	       i18n_is_zh() ? in->summary_zh : in->summary_en);
	if (!doc)
		fprintf(stderr, _("zhun explain: the rules document (rules.md) was not found; set "
				  "ZHUN_DATADIR\n"));
	else
		fprintf(stderr, _("zhun explain: '%s' has no page in %s\n"), name, doc);
	return 0;
}

const struct cmd cmd_explain_entry = {
	CMD_RECORD(explain),
	.operands = { .max = 1, .what = N_("code") },
	.usage = "zhun explain [CODE]",
	.summary = N_("List the diagnostic codes, or explain one with its rule and examples."),
	.exit_status = N_("Exit status: 0 success, 2 unknown code or usage error."),
};
