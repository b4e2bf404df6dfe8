/* SPDX-License-Identifier: MIT */
/* gen-doc: makes the man pages, the bash/zsh/fish completions and the gettext source list from
 * the command records (commands[] in src/cmd.c, one record per cmd_<name>.c; the global
 * options of src/cli.c), the code table (include/diag_codes.def), data/presets and the
 * documents under docs/, so that none of them is written, or goes stale, by hand. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "node.h"
#include "stdno.h"
#include "strbuf.h"
#include "write.h"
#include "xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char usage_text[] =
    "usage: gen-doc man PAGE SRCDIR [OUT]        a man page: zhun.1, zhun-CMD.1, zhun-format.5,\n"
    "                                            zhun-rules.7\n"
    "       gen-doc man-zh PAGE SRCDIR LOCALEDIR [OUT]  the Chinese page (zhun.1, zhun-CMD.1) "
    "from\n"
    "                                            the compiled catalogue under LOCALEDIR\n"
    "       gen-doc pages                        the names of every man page, one a line\n"
    "       gen-doc pages-zh                     the names of the Chinese man pages\n"
    "       gen-doc completion bash|zsh|fish SRCDIR [OUT]\n"
    "       gen-doc pot                          the command table's strings as a POT file\n"
    "       gen-doc potfiles SRCDIR              po/POTFILES: the sources with _() or N_()\n"
    "       gen-doc --write SRCDIR               rewrite the committed copies: completions/*,\n"
    "                                            po/POTFILES, po/tables.pot\n"
    "       gen-doc --check SRCDIR [completions|po]  TAP: fail when a committed copy is stale\n";

static const char *srcdir = ZHUN_SRCDIR;
/* the centre of a page's header line: the Chinese pages have their own */
static const char *manual_title = "zhun manual";

/* ---- small helpers ---- */

static char *read_file(const char *path)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (strbuf_read_file(&sb, path) != 0) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

static char *src_path(const char *rel)
{
	return xasprintf("%s/%s", srcdir, rel);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of directory entries ending in `suffix` (suffix removed), sorted, NULL-terminated. */
static char **list_dir(const char *dir, const char *suffix)
{
	size_t n = 0, cap = 0, sl = strlen(suffix);
	char **v = NULL;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l <= sl || strcmp(e->d_name + l - sl, suffix))
			continue;
		xgrow((void **)&v, &cap, n + 1, sizeof *v);
		v[n++] = xstrndup(e->d_name, l - sl);
	}
	if (d)
		closedir(d);
	xgrow((void **)&v, &cap, n + 1, sizeof *v);
	v[n] = NULL;
	qsort(v, n, sizeof *v, cmp_str);
	return v;
}

static void free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* The English help of an option, the list of findings formats filled in; valid until the next
 * call. */
static const char *opt_help(const struct opt_doc *o)
{
	static struct strbuf sb = STRBUF_INIT;
	strbuf_reset(&sb);
	cli_opt_help(o, false, &sb);
	return sb.buf;
}

/* The completion words of an option: its values, "@presets" expanded from data/presets,
 * "@findings" from the registry of findings printers. */
static void option_values(const struct opt_doc *o, struct strbuf *sb)
{
	if (!o->values)
		return;
	if (!strcmp(o->values, "@findings")) {
		diag_printer_list(sb, DIAG_LIST_WORDS, false);
		return;
	}
	if (strcmp(o->values, "@presets")) {
		strbuf_adds(sb, o->values);
		return;
	}
	char *dir = src_path("data/presets");
	char **names = list_dir(dir, ".yaml");
	for (size_t i = 0; names[i]; i++)
		strbuf_addf(sb, "%s%s", i ? " " : "", names[i]);
	free_list(names);
	free(dir);
}

/* What a command's operands are, read from its usage line. */
enum operand { OPERAND_FILES, OPERAND_DIR, OPERAND_CODE, OPERAND_COMMAND, OPERAND_NONE };

/* The kind of the first operand placeholder of a usage line: an upper-case word that is not
 * OPTIONS and not the argument of an option ("--preset NAME", "-o OUT", "-- PATH"). */
static enum operand command_operand(const struct cmd *c)
{
	char *u = xstrdup(c->usage);
	enum operand kind = OPERAND_NONE;
	bool after_option = false;
	for (char *w = strtok(u, " "); w; w = strtok(NULL, " ")) {
		char word[64];
		size_t n = 0;
		for (const char *p = w; *p && n + 1 < sizeof word; p++)
			if (!strchr("[]|.", *p))
				word[n++] = *p;
		word[n] = '\0';
		bool placeholder = n &&
				   strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n &&
				   word[0] != '-';
		if (placeholder && !after_option && strcmp(word, "OPTIONS")) {
			kind = !strcmp(word, "CODE")	  ? OPERAND_CODE
			       : !strcmp(word, "COMMAND") ? OPERAND_COMMAND
			       : !strcmp(word, "DIR")	  ? OPERAND_DIR
							  : OPERAND_FILES;
			break;
		}
		after_option = word[0] == '-';
	}
	free(u);
	return kind;
}

/* An option argument names a file to write or read whatever its kind (-o OUT). */
static bool arg_is_file(const char *arg)
{
	return arg && (!strcmp(arg, "FILE") || !strcmp(arg, "OUT") || !strcmp(arg, "PATH"));
}

/* ---- roff ---- */

/* Decode the UTF-8 sequence at s (len bytes left); returns its length, 1 for a bad byte. */
static size_t utf8_at(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	if (n > len || (u[0] >= 0x80 && u[0] < 0xC0)) {
		*cp = u[0];
		return 1;
	}
	*cp = n == 1 ? u[0] : n == 2 ? u[0] & 0x1Fu : n == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
	for (size_t i = 1; i < n; i++)
		*cp = (*cp << 6) | (u[i] & 0x3Fu);
	return n;
}

static bool is_cjk(unsigned cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Punctuation that must not begin a line (禁则): no break point goes before it. */
static bool no_break_before(unsigned cp)
{
	static const unsigned marks[] = { 0x3001, 0x3002, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF1F,
					  0xFF01, 0xFF09, 0x300B, 0x300D, 0x300F, 0x201D,
					  0x2019, 0x3011, 0x2026, 0x2014 };
	for (size_t i = 0; i < COUNT(marks); i++)
		if (cp == marks[i])
			return true;
	return cp < 0x80 && strchr(",.;:!?)]", (int)cp);
}

/* Append `s` (len bytes) escaped for roff text: backslashes, hyphens as minus signs (so that
 * options can be searched and copied), and a leading control character. Chinese has no spaces
 * where troff could break a line, so a zero-width break point (\:) follows each CJK
 * character, except before punctuation that may not start a line; the same after a comma
 * that no space follows. */
static void roff_text(struct strbuf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		char c = s[i];
		bool line_start = out->len == 0 || out->buf[out->len - 1] == '\n';
		if (line_start && (c == '.' || c == '\''))
			strbuf_adds(out, "\\&");
		unsigned cp;
		size_t n = utf8_at(s + i, len - i, &cp);
		if (c == '\\')
			strbuf_adds(out, "\\e");
		else if (c == '-')
			strbuf_adds(out, "\\-");
		else
			strbuf_add(out, s + i, n);
		i += n;
		/* a comma-separated list without spaces ("seq,code,title") may break after a comma
		 */
		if (c == ',' && i < len && s[i] != ' ')
			strbuf_adds(out, "\\:");
		if (is_cjk(cp) && i < len) {
			unsigned next;
			utf8_at(s + i, len - i, &next);
			if (!no_break_before(next) && next != ' ')
				strbuf_adds(out, "\\:");
		}
	}
}

static void roff_str(struct strbuf *out, const char *s)
{
	roff_text(out, s, strlen(s));
}

/* Append roff source `s` as it is, with a break point (\:) after each CJK character as
 * roff_text places them: the Chinese text written here is roff already (\fB, \-). */
static void roff_zh(struct strbuf *out, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_at(s + i, len - i, &cp);
		strbuf_add(out, s + i, n);
		i += n;
		if (is_cjk(cp) && i < len) {
			unsigned next;
			utf8_at(s + i, len - i, &next);
			if (!no_break_before(next) && next != ' ' && next != '\n')
				strbuf_adds(out, "\\:");
		}
	}
}

static const char *const html_tags[] = { "a",	    "br",  "table", "tr",   "td",  "th", "details",
					 "summary", "sup", "sub",   "span", "div", "img" };

/* Length of an inline HTML tag of the list above at `p`, else 0. */
static size_t html_tag_len(const char *p)
{
	if (*p != '<')
		return 0;
	const char *q = p + 1 + (p[1] == '/');
	for (size_t k = 0; k < COUNT(html_tags); k++) {
		size_t l = strlen(html_tags[k]);
		if (!strncmp(q, html_tags[k], l) && (q[l] == '>' || q[l] == ' ' || q[l] == '/')) {
			const char *e = strchr(q, '>');
			return e ? (size_t)(e + 1 - p) : 0;
		}
	}
	return 0;
}

/* Markdown inline markup to roff: `code` and **strong** bold, *emphasis* italic, links as
 * their text, known HTML tags dropped, backslash escapes resolved. */
static void roff_inline(struct strbuf *out, const char *s, size_t len)
{
	bool bold = false, ital = false;
	for (size_t i = 0; i < len;) {
		char c = s[i];
		if (c == '\\' && i + 1 < len && strchr("\\`*_{}[]()#+-.!|<>", s[i + 1])) {
			roff_text(out, s + i + 1, 1);
			i += 2;
		} else if (c == '`') {
			size_t ticks = 0;
			while (i + ticks < len && s[i + ticks] == '`')
				ticks++;
			const char *end = NULL;
			for (size_t j = i + ticks; j + ticks <= len; j++)
				if (!strncmp(s + j, s + i, ticks) &&
				    (j + ticks == len || s[j + ticks] != '`')) {
					end = s + j;
					break;
				}
			if (!end) {
				roff_text(out, s + i, ticks);
				i += ticks;
				continue;
			}
			const char *a = s + i + ticks;
			size_t l = (size_t)(end - a);
			if (l >= 2 && a[0] == ' ' && a[l - 1] == ' ')
				a++, l -= 2;
			strbuf_adds(out, "\\fB");
			roff_text(out, a, l);
			strbuf_adds(out, bold ? "\\fB" : ital ? "\\fI" : "\\fR");
			i = (size_t)(end - s) + ticks;
		} else if (c == '*' && i + 1 < len && s[i + 1] == '*') {
			bold = !bold;
			strbuf_adds(out, bold ? "\\fB" : ital ? "\\fI" : "\\fR");
			i += 2;
		} else if (c == '*' && ((!ital && i + 1 < len && s[i + 1] != ' ' &&
					 (i == 0 || strchr(" (\"", s[i - 1]))) ||
					(ital && i > 0 && s[i - 1] != ' '))) {
			ital = !ital;
			strbuf_adds(out, ital ? "\\fI" : bold ? "\\fB" : "\\fR");
			i++;
		} else if (c == '[') {
			/* [text](target): the text only; the targets are other documents' anchors
			 */
			const char *close = memchr(s + i, ']', len - i);
			if (close && (size_t)(close - s) + 1 < len && close[1] == '(') {
				const char *paren = memchr(close, ')', len - (size_t)(close - s));
				if (paren) {
					roff_inline(out, s + i + 1,
						    (size_t)(close - s - (ptrdiff_t)i - 1));
					const char *url = close + 2;
					if (!strncmp(url, "http", 4)) {
						strbuf_adds(out, " <");
						roff_text(out, url, (size_t)(paren - url));
						strbuf_adds(out, ">");
					}
					i = (size_t)(paren - s) + 1;
					continue;
				}
			}
			roff_text(out, s + i, 1);
			i++;
		} else if (c == '<' && i + 1 < len && !strncmp(s + i + 1, "http", 4) &&
			   memchr(s + i, '>', len - i)) {
			const char *e = memchr(s + i, '>', len - i);
			roff_text(out, s + i + 1, (size_t)(e - s - (ptrdiff_t)i - 1));
			i = (size_t)(e - s) + 1;
		} else if (c == '<' && html_tag_len(s + i)) {
			i += html_tag_len(s + i);
		} else {
			/* a run of plain text at once, so that CJK break points see whole
			 * characters */
			size_t j = i + 1;
			while (j < len && !strchr("\\`*[<", s[j]))
				j++;
			roff_text(out, s + i, j - i);
			i = j;
		}
	}
	if (bold || ital)
		strbuf_adds(out, "\\fR");
}

static void roff_inline_str(struct strbuf *out, const char *s)
{
	roff_inline(out, s, strlen(s));
}

static void roff_nl(struct strbuf *out)
{
	if (out->len && out->buf[out->len - 1] != '\n')
		strbuf_addc(out, '\n');
}

static void roff_header(struct strbuf *out, const char *name, const char *section)
{
	/* the first line asks man(1) for tbl */
	strbuf_adds(out, "'\\\" t\n");
	strbuf_addf(out, ".\\\" Generated by tools/gen-doc from zhun's sources; do not edit.\n");
	/* no hyphenation: option names and standard numbers must stay whole (groff's man macros
	 * turn it back on at every paragraph unless HY is 0; .nh is for other formatters) */
	strbuf_adds(out, ".nr HY 0\n.TH \"");
	for (const char *p = name; *p; p++) {
		char u = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		roff_text(out, &u, 1);
	}
	strbuf_addf(out, "\" \"%s\" \"\" \"zhun %s\" \"%s\"\n", section, ZHUN_VERSION,
		    manual_title);
	strbuf_adds(out, ".nh\n.ad l\n");
}

static void roff_section(struct strbuf *out, const char *title)
{
	roff_nl(out);
	strbuf_adds(out, ".SH \"");
	roff_str(out, title);
	strbuf_adds(out, "\"\n");
}

/* ---- markdown to roff ---- */

/* A markdown table, collected row by row, then drawn with tbl. */
struct md_table {
	char **cells; /* rows * ncols */
	size_t rows, ncols;
	char align[32];
};

static void split_row(const char *line, char ***cells, size_t *n)
{
	const char *p = line;
	while (*p == ' ')
		p++;
	if (*p == '|')
		p++;
	*cells = NULL;
	*n = 0;
	size_t cap = 0;
	struct strbuf cell;
	strbuf_init(&cell);
	for (; *p; p++) {
		/* "\|" is a bar inside the cell, even in a code span (GFM tables) */
		if (*p == '\\' && p[1] == '|') {
			strbuf_addc(&cell, '|');
			p++;
			continue;
		}
		if (*p == '|' || *p == '\n') {
			size_t a = 0, b = cell.len;
			while (a < b && cell.buf[a] == ' ')
				a++;
			while (b > a && cell.buf[b - 1] == ' ')
				b--;
			xgrow((void **)cells, &cap, *n + 1, sizeof **cells);
			(*cells)[(*n)++] = xstrndup(cell.buf + a, b - a);
			strbuf_reset(&cell);
			if (*p == '\n')
				break;
			continue;
		}
		strbuf_addc(&cell, *p);
	}
	/* text after the last '|' is not a cell unless the row had no closing bar */
	size_t a = 0;
	while (a < cell.len && cell.buf[a] == ' ')
		a++;
	if (a < cell.len) {
		xgrow((void **)cells, &cap, *n + 1, sizeof **cells);
		(*cells)[(*n)++] = xstrdup(cell.buf + a);
	}
	strbuf_release(&cell);
}

static bool is_delim_row(const char *line)
{
	bool dash = false;
	for (const char *p = line; *p && *p != '\n'; p++) {
		if (*p == '-')
			dash = true;
		else if (!strchr("|: ", *p))
			return false;
	}
	return dash;
}

static void table_add_row(struct md_table *t, const char *line)
{
	char **cells;
	size_t n;
	split_row(line, &cells, &n);
	if (!t->ncols)
		t->ncols = n < 32 ? n : 32;
	t->cells = xrealloc(t->cells, (t->rows + 1) * t->ncols * sizeof *t->cells);
	for (size_t k = 0; k < t->ncols; k++)
		t->cells[t->rows * t->ncols + k] = k < n ? cells[k] : xstrdup("");
	for (size_t k = t->ncols; k < n; k++)
		free(cells[k]);
	free(cells);
	t->rows++;
}

static void table_set_align(struct md_table *t, const char *line)
{
	char **cells;
	size_t n;
	split_row(line, &cells, &n);
	for (size_t k = 0; k < t->ncols; k++) {
		const char *c = k < n ? cells[k] : "";
		size_t l = strlen(c);
		t->align[k] = l && c[l - 1] == ':' ? (c[0] == ':' ? 'c' : 'r') : 'l';
	}
	for (size_t k = 0; k < n; k++)
		free(cells[k]);
	free(cells);
}

/* Columns a string takes on a terminal: two for CJK, one for anything else. */
static size_t display_width(const char *s)
{
	size_t w = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += utf8_at(s + i, len - i, &cp);
		w += is_cjk(cp) ? 2 : 1;
	}
	return w;
}

static bool has_cjk(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += utf8_at(s + i, len - i, &cp);
		if (is_cjk(cp))
			return true;
	}
	return false;
}

/* Draw the table on `out` (NULL: drop it) and empty it. */
static void table_flush(struct strbuf *out, struct md_table *t, bool has_head)
{
	if (!out) {
		for (size_t i = 0; i < t->rows * t->ncols; i++)
			free(t->cells[i]);
		free(t->cells);
		memset(t, 0, sizeof *t);
		return;
	}
	if (!t->rows)
		return;
	roff_nl(out);
	strbuf_adds(out, ".PP\n.TS\nallbox;\n");
	for (size_t k = 0; k < t->ncols; k++)
		strbuf_addf(out, "%s%c%s", k ? " " : "", t->align[k] ? t->align[k] : 'l',
			    has_head ? "b" : "");
	if (has_head) {
		strbuf_adds(out, "\n");
		for (size_t k = 0; k < t->ncols; k++)
			strbuf_addf(out, "%s%c%s", k ? " " : "", t->align[k] ? t->align[k] : 'l',
				    k + 1 == t->ncols ? "x" : "");
	}
	strbuf_adds(out, ".\n");
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t k = 0; k < t->ncols; k++) {
			const char *c = t->cells[r * t->ncols + k];
			if (k)
				strbuf_addc(out, '\t');
			/* text blocks let long cells wrap instead of widening the table; a cell
			 * with nowhere to break (one long code word) keeps its width instead */
			if (display_width(c) > 16 && (strchr(c, ' ') || has_cjk(c))) {
				strbuf_adds(out, "T{\n");
				roff_inline_str(out, c);
				strbuf_adds(out, "\nT}");
			} else {
				roff_inline_str(out, c);
			}
		}
		strbuf_addc(out, '\n');
	}
	strbuf_adds(out, ".TE\n.sp\n");
	for (size_t i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

struct md_opts {
	int shift;	      /* added to the heading level: 1 makes "##" a subsection */
	bool skip_to_heading; /* drop what precedes the first "##" heading */
	bool *exit_section;   /* set when an "Exit status" section was written */
};

static bool skip_heading(const char *title)
{
	return !strcmp(title, "Tests") || !strncmp(title, "Adding ", 7);
}

static bool ci_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return !*a && !*b;
}

static size_t list_marker(const char *t)
{
	if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ')
		return 2;
	size_t d = 0;
	while (t[d] >= '0' && t[d] <= '9')
		d++;
	if (d && d < 4 && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ')
		return d + 2;
	return 0;
}

/* Convert a markdown document (CommonMark's common subset as docs/ uses it: headings,
 * paragraphs, lists two levels deep, fenced code, pipe tables, HTML comments and layout tags)
 * to man(7) markup. The level-1 heading is dropped: the page has its own NAME. */
static void md_to_roff(struct strbuf *out, const char *md, const struct md_opts *o)
{
	struct strbuf para;
	strbuf_init(&para);
	struct md_table table = { 0 };
	bool table_head = false, in_fence = false, in_comment = false, skipping = false;
	bool started = !o->skip_to_heading;
	int skip_level = 0;
	int list_depth = 0; /* 0 none, 1 or 2 */
	size_t list_indent[3] = { 0 };
	bool item_open = false, item_cont = false;
	const char *p = md;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		p = nl ? nl + 1 : p + len;
		size_t indent = strspn(line, " ");
		const char *t = line + indent;

		if (in_comment) {
			if (strstr(line, "-->"))
				in_comment = false;
			free(line);
			continue;
		}
		if (in_fence) {
			if (!strncmp(t, "```", 3)) {
				in_fence = false;
				if (!skipping && started)
					strbuf_adds(out, ".EE\n");
			} else if (!skipping && started) {
				const char *code = line + (indent < list_indent[list_depth]
							       ? indent
							       : list_indent[list_depth]);
				roff_str(out, code);
				strbuf_addc(out, '\n');
			}
			free(line);
			continue;
		}
		/* the end of a paragraph, list item or table */
		bool is_table = *t == '|';
		bool blank = !*t;
		size_t mk = list_marker(t);
		bool heading = *t == '#' && indent < 4;
		bool fence = !strncmp(t, "```", 3);
		bool comment = !strncmp(t, "<!--", 4);
		bool html = *t == '<' && !comment && (html_tag_len(t) || t[1] == '/');
		if (para.len && (blank || is_table || mk || heading || fence || comment || html)) {
			if (!skipping && started) {
				roff_nl(out);
				if (item_open && !item_cont)
					;
				else if (list_depth)
					strbuf_addf(out, ".IP \"\" %d\n",
						    2 + (int)(list_depth - 1) * 2);
				else
					strbuf_adds(out, ".PP\n");
				roff_inline(out, para.buf, para.len);
				strbuf_addc(out, '\n');
			}
			strbuf_reset(&para);
			item_cont = true;
		}
		if (table.rows && !is_table)
			table_flush(!skipping && started ? out : NULL, &table, table_head);
		if (comment) {
			if (!strstr(t, "-->"))
				in_comment = true;
		} else if (heading) {
			size_t level = strspn(t, "#");
			const char *title = t + level;
			title += strspn(title, " ");
			while (list_depth) {
				if (list_depth == 2 && !skipping && started)
					strbuf_adds(out, ".RE\n");
				list_depth--;
			}
			item_open = false;
			if (skipping && (int)level <= skip_level)
				skipping = false;
			if (level == 2)
				started = true;
			if (level >= 2 && started && skip_heading(title)) {
				skipping = true;
				skip_level = (int)level;
			} else if (level >= 2 && started && !skipping) {
				int l = (int)level + o->shift;
				roff_nl(out);
				if (l <= 2 && ci_equal(title, "Exit status")) {
					strbuf_adds(out, ".SH \"EXIT STATUS\"\n");
					if (o->exit_section)
						*o->exit_section = true;
				} else {
					strbuf_adds(out, l <= 2 ? ".SH \"" : ".SS \"");
					/* section headings in capitals, as man pages have them */
					struct strbuf h;
					strbuf_init(&h);
					roff_inline_str(&h, title);
					for (size_t k = 0; l <= 2 && k < h.len; k++)
						if (h.buf[k] >= 'a' && h.buf[k] <= 'z' &&
						    !(k && h.buf[k - 1] == '\\') &&
						    !(k > 1 && h.buf[k - 2] == '\\' &&
						      h.buf[k - 1] == 'f'))
							h.buf[k] = (char)(h.buf[k] - 32);
					for (size_t k = 0; k < h.len; k++)
						if (h.buf[k] == '"')
							h.buf[k] = '\'';
					strbuf_add(out, h.buf, h.len);
					strbuf_release(&h);
					strbuf_adds(out, "\"\n");
				}
			}
		} else if (fence) {
			in_fence = true;
			if (!skipping && started) {
				roff_nl(out);
				if (list_depth)
					strbuf_addf(out, ".IP \"\" %d\n",
						    2 + (int)(list_depth - 1) * 2);
				else
					strbuf_adds(out, ".PP\n");
				strbuf_adds(out, ".EX\n");
			}
			item_cont = true;
		} else if (is_table) {
			if (!table.rows && !table.ncols) {
				table_add_row(&table, t);
				table_head = false;
			} else if (table.rows == 1 && is_delim_row(t) && !table_head) {
				table_head = true;
				table_set_align(&table, t);
			} else {
				table_add_row(&table, t);
			}
		} else if (html || blank) {
			/* layout only */
		} else if (mk) {
			size_t depth = 1;
			if (list_depth && indent >= list_indent[1])
				depth = 2;
			if (depth == 2 && list_depth < 2) {
				if (!skipping && started)
					strbuf_adds(out, ".RS 2\n");
			} else if (depth == 1 && list_depth == 2) {
				if (!skipping && started)
					strbuf_adds(out, ".RE\n");
			}
			list_depth = (int)depth;
			list_indent[depth] = indent + mk;
			if (!skipping && started) {
				roff_nl(out);
				if (t[0] == '-' || t[0] == '*' || t[0] == '+')
					strbuf_adds(out, ".IP \\(bu 2\n");
				else
					strbuf_addf(out, ".IP %.*s 4\n", (int)(mk - 1), t);
			}
			item_open = true;
			item_cont = false;
			strbuf_adds(&para, t + mk);
		} else {
			if (list_depth && indent < 2 && !para.len) {
				/* unindented text after a list ends it */
				if (list_depth == 2 && !skipping && started)
					strbuf_adds(out, ".RE\n");
				list_depth = 0;
				item_open = false;
			}
			if (para.len)
				strbuf_addc(&para, ' ');
			strbuf_adds(&para, t);
		}
		free(line);
	}
	if (para.len && !skipping && started) {
		roff_nl(out);
		strbuf_adds(out, list_depth && item_cont ? ".IP \"\" 2\n"
				 : list_depth		 ? ""
							 : ".PP\n");
		roff_inline(out, para.buf, para.len);
		strbuf_addc(out, '\n');
	}
	if (table.rows)
		table_flush(!skipping && started ? out : NULL, &table, table_head);
	if (list_depth == 2 && !skipping && started)
		strbuf_adds(out, ".RE\n");
	strbuf_release(&para);
}

/* ---- pieces shared by the pages ---- */

/* An option's entry; zh: its help from the catalogue (the Chinese pages). */
static void roff_option(struct strbuf *out, const struct opt_doc *o, bool zh)
{
	strbuf_adds(out, ".TP\n");
	if (o->short_name)
		strbuf_addf(out, "\\fB\\-%c\\fR, ", o->short_name);
	strbuf_adds(out, "\\fB\\-\\-");
	roff_str(out, o->name);
	strbuf_adds(out, "\\fR");
	if (o->arg) {
		strbuf_adds(out, " \\fI");
		roff_str(out, o->arg);
		strbuf_adds(out, "\\fR");
	}
	strbuf_addc(out, '\n');
	struct strbuf help = STRBUF_INIT;
	cli_opt_help(o, zh, &help);
	roff_str(out, help.buf);
	strbuf_release(&help);
	struct strbuf v;
	strbuf_init(&v);
	option_values(o, &v);
	if (v.len && o->values && !strcmp(o->values, "@presets")) {
		strbuf_adds(out, zh ? "；可用的预设：" : "; the presets are ");
		for (char *w = strtok(v.buf, " "); w; w = strtok(NULL, " ")) {
			strbuf_adds(out, "\\fB");
			roff_str(out, w);
			strbuf_adds(out, "\\fR ");
		}
		strbuf_setlen(out, out->len - 1);
	}
	strbuf_release(&v);
	strbuf_addc(out, '\n');
}

/* The exit statuses shared by the findings commands; a command with other ones documents
 * them in an "Exit status" section of docs/CMD.md, which then takes this one's place. */
static void exit_table(struct strbuf *out, bool zh)
{
	static const char *const rows[][3] = {
		{ "0", "clean: no findings (warnings alone leave 0 unless \\fB\\-\\-strict\\fR)",
		  "无问题（只有警告时也为 0，除非使用 \\fB\\-\\-strict\\fR）" },
		{ "1", "findings: errors (or warnings with \\fB\\-\\-strict\\fR)",
		  "发现问题：有错误（使用 \\fB\\-\\-strict\\fR 时有警告也算）" },
		{ "2", "usage error: an unknown command or option, a bad option value",
		  "用法错误：未知的命令或选项、选项的值不正确" },
		{ "3", "unreadable or unparsable input", "输入无法读取或解析" },
		{ "4", "internal or system error (cannot write, out of memory, data files missing)",
		  "内部错误或系统错误（无法写入、内存不足、缺少数据文件）" },
	};
	roff_section(out, zh ? "退出状态" : "EXIT STATUS");
	strbuf_addf(out, ".TS\nallbox;\nlb lb\nl lx.\n%s\n", zh ? "状态\t含义" : "status\tmeaning");
	for (size_t i = 0; i < COUNT(rows); i++) {
		strbuf_addf(out, "%s\tT{\n", rows[i][0]);
		roff_zh(out, rows[i][zh ? 2 : 1]);
		strbuf_adds(out, "\nT}\n");
	}
	strbuf_adds(out, ".TE\n.sp\n");
}

static void see_also(struct strbuf *out, const char *self, bool zh)
{
	const char *sep = zh ? "，\n" : ",\n";
	roff_section(out, zh ? "参见" : "SEE ALSO");
	bool first = true;
	if (strcmp(self, "zhun")) {
		strbuf_adds(out, "\\fBzhun\\fR(1)");
		first = false;
	}
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		char page[64];
		snprintf(page, sizeof page, "zhun-%s", c->name);
		if (!strcmp(self, page))
			continue;
		strbuf_addf(out, "%s\\fBzhun\\-", first ? "" : sep);
		roff_str(out, c->name);
		strbuf_adds(out, "\\fR(1)");
		first = false;
	}
	if (strcmp(self, "zhun-format"))
		strbuf_addf(out, "%s\\fBzhun\\-format\\fR(5)", sep);
	if (strcmp(self, "zhun-rules"))
		strbuf_addf(out, "%s\\fBzhun\\-rules\\fR(7)", sep);
	if (zh)
		roff_zh(out, "\n.PP\n各诊断代码的中文说明：\\fBzhun explain\\fR \\fI代码\\fR。"
			     "输入格式和各项规则的详细说明见 \\fBzhun\\-format\\fR(5) 和 "
			     "\\fBzhun\\-rules\\fR(7)（英文，规则页附有中文说明）。\n");
	else
		strbuf_adds(out,
			    "\n.PP\nThe documents under \\fIdocs/\\fR of the source tree: "
			    "format.md, format\\-xml.md, rules.md, diff.md, table.md, init.md, "
			    "ci.md.\n");
}

/* The summary of a command as a NAME line: first letter lower-case, no full stop. */
static void name_line(struct strbuf *out, const char *page, const char *summary)
{
	strbuf_adds(out, ".SH NAME\n");
	roff_str(out, page);
	strbuf_adds(out, " \\- ");
	size_t l = strlen(summary);
	if (l && summary[l - 1] == '.')
		l--;
	char first =
	    summary[0] >= 'A' && summary[0] <= 'Z' && !(summary[1] >= 'A' && summary[1] <= 'Z')
		? (char)(summary[0] + 32)
		: summary[0];
	if (l) {
		roff_text(out, &first, 1);
		roff_text(out, summary + 1, l - 1);
	}
	strbuf_addc(out, '\n');
}

static void md_file(struct strbuf *out, const char *rel, const struct md_opts *o)
{
	char *path = src_path(rel);
	char *md = read_file(path);
	if (md)
		md_to_roff(out, md, o);
	free(md);
	free(path);
}

/* ---- the pages ---- */

static void page_main(struct strbuf *out)
{
	roff_header(out, "zhun", "1");
	name_line(out, "zhun",
		  "check Chinese standards and standard systems (标准体系) kept as YAML or XML");
	strbuf_adds(out, ".SH SYNOPSIS\n\\fBzhun\\fR [\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR "
			 "[\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n");
	roff_section(out, "DESCRIPTION");
	strbuf_adds(
	    out,
	    "zhun reads three kinds of file, each in YAML or in XML: a \\fIsystem\\fR (标准体系: "
	    "the structure chart and the detail table of a standard system), a \\fIstandard\\fR "
	    "(标准文本: one standard document structured per GB/T 1.1\\(em2020) and a "
	    "\\fIregistry\\fR (标准状态清单: a snapshot of external editions and their status); "
	    "\\fBzhun\\-format\\fR(5) describes them.\n"
	    ".PP\n"
	    "It validates them against the format, checks the rules of standardisation "
	    "(numbering, cross\\-references, standard numbers, the lifecycle 立改废释 and the "
	    "consistency of a system; \\fBzhun\\-rules\\fR(7)), compares revisions, converts "
	    "between the two spellings and renders the standard\\-system table.\n"
	    ".PP\n"
	    "Findings are printed as \\fIfile\\fR:\\fIline\\fR:\\fIcolumn\\fR: "
	    "\\fIseverity\\fR: \\fImessage\\fR [\\fIcode\\fR] on standard error, or in the "
	    "machine formats json, sarif, github and junit on standard output. "
	    "\\fBzhun explain\\fR \\fICODE\\fR explains a code.\n"
	    ".PP\n"
	    "\\fBzhun init\\fR starts a new standards repository.\n");
	roff_section(out, "COMMANDS");
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		strbuf_adds(out, ".TP\n\\fBzhun\\-");
		roff_str(out, c->name);
		strbuf_adds(out, "\\fR(1)\n");
		roff_str(out, c->summary);
		strbuf_addc(out, '\n');
	}
	roff_section(out, "GLOBAL OPTIONS");
	strbuf_adds(out,
		    "They come before the command; \\fB\\-\\-color\\fR, \\fB\\-\\-quiet\\fR and "
		    "\\fB\\-\\-lang\\fR may also follow it.\n");
	for (const struct opt_doc *o = cli_global_opts; o->name; o++)
		roff_option(out, o, false);
	roff_section(out, "LANGUAGE");
	strbuf_adds(
	    out,
	    "Messages are in Chinese or English. The language is, in this order: "
	    "\\fB\\-\\-lang zh\\fR|\\fBen\\fR; \\fBlang:\\fR in the \\fIzhun.yaml\\fR of the "
	    "project; the locale (\\fBLANGUAGE\\fR, \\fBLC_ALL\\fR, \\fBLC_MESSAGES\\fR, "
	    "\\fBLANG\\fR). \\fB\\-\\-lang zh\\fR works whatever locales the machine has. "
	    "Table headings and the words of rendered tables are Chinese unless the language is "
	    "English.\n");
	roff_section(out, "ENVIRONMENT");
	static const char *const env[][2] = {
		{ "ZHUN_DATADIR", "directory of the data files (number tables, presets, templates, "
				  "rules.md); default: share/zhun beside the installed binary" },
		{ "ZHUN_LOCALEDIR",
		  "directory of the message catalogues; default: share/locale beside "
		  "the installed binary" },
		{ "LANGUAGE, LC_ALL, LC_MESSAGES, LANG", "the message language when neither "
							 "\\-\\-lang nor zhun.yaml names one" },
		{ "NO_COLOR", "when set and not empty, no colour (as \\-\\-color never)" },
		{ "COLUMNS", "width of text tables (zhun table)" },
		{ "SOURCE_DATE_EPOCH", "the day zhun init writes into the example files" },
	};
	for (size_t i = 0; i < COUNT(env); i++) {
		strbuf_adds(out, ".TP\n\\fB");
		roff_str(out, env[i][0]);
		strbuf_addf(out, "\\fR\n%s\n", env[i][1]);
	}
	roff_section(out, "FILES");
	strbuf_adds(out,
		    ".TP\n\\fIzhun.yaml\\fR\nproject settings: the system file, the language, rule "
		    "severities (\\fBzhun\\-format\\fR(5)). A directory operand takes its own; a "
		    "file the nearest one in its directory or above, up to the top of the git "
		    "repository.\n"
		    ".TP\n\\fIsystem.yaml\\fR, \\fIsystem.yml\\fR, \\fIsystem.xml\\fR\nthe system "
		    "of a directory operand when zhun.yaml names none.\n");
	exit_table(out, false);
	strbuf_adds(out, ".PP\n\\fBzhun diff\\fR and \\fBzhun init\\fR have their own; see their "
			 "pages.\n");
	see_also(out, "zhun", false);
}

/* A command page's SYNOPSIS and the first line of its DESCRIPTION (the summary). */
static void synopsis(struct strbuf *out, const struct cmd *c, bool zh)
{
	strbuf_adds(out, zh ? ".SH 概要\n" : ".SH SYNOPSIS\n");
	/* "zhun diff [OPTIONS] OLD NEW | REV1 [REV2]": the command bold, the rest as written */
	size_t cl = strlen("zhun ") + strlen(c->name);
	strbuf_adds(out, "\\fB");
	roff_text(out, c->usage, cl < strlen(c->usage) ? cl : strlen(c->usage));
	strbuf_adds(out, "\\fR");
	if (cl < strlen(c->usage))
		roff_str(out, c->usage + cl);
	strbuf_addc(out, '\n');
	roff_section(out, zh ? "描述" : "DESCRIPTION");
	roff_str(out, zh ? _(c->summary) : c->summary);
	strbuf_addc(out, '\n');
}

static void page_command(struct strbuf *out, const struct cmd *c)
{
	char page[64];
	snprintf(page, sizeof page, "zhun-%s", c->name);
	roff_header(out, page, "1");
	name_line(out, page, c->summary);
	synopsis(out, c, false);
	bool own_exit = false;
	char *doc = xasprintf("docs/%s.md", c->name);
	struct md_opts mo = { 0, false, &own_exit };
	md_file(out, doc, &mo);
	free(doc);
	if (c->opts && c->opts[0].name) {
		roff_section(out, "OPTIONS");
		for (const struct opt_doc *o = c->opts; o->name; o++)
			roff_option(out, o, false);
	}
	roff_section(out, "GLOBAL OPTIONS");
	strbuf_adds(out, "Accepted after the command as well as before it:\n");
	for (const struct opt_doc *o = cli_global_opts + CLI_GLOBALS_BEFORE_ONLY; o->name; o++)
		roff_option(out, o, false);
	if (!own_exit)
		exit_table(out, false);
	see_also(out, page, false);
}

static void page_format(struct strbuf *out)
{
	roff_header(out, "zhun-format", "5");
	name_line(
	    out, "zhun-format",
	    "the input format of zhun: standard systems, standards and registries in YAML or XML");
	roff_section(out, "DESCRIPTION");
	struct md_opts mo = { 0, false, NULL };
	md_file(out, "docs/format.md", &mo);
	roff_nl(out);
	strbuf_adds(out, ".PP\n\\fBzhun validate\\fR checks what this page describes:\n");
	exit_table(out, false);
	see_also(out, "zhun-format", false);
}

static void page_rules(struct strbuf *out)
{
	roff_header(out, "zhun-rules", "7");
	name_line(out, "zhun-rules", "the diagnostic codes of zhun and the rules behind them");
	roff_section(out, "DESCRIPTION");
	strbuf_adds(
	    out,
	    "Every finding of zhun carries a stable code, printed in brackets after the "
	    "message, used as the SARIF ruleId and as the key of the \\fBrules:\\fR map of "
	    "\\fIzhun.yaml\\fR, where its severity can be changed (off, note, warning, error; "
	    "codes that report unreadable input stay fatal). Each code follows a rule of the "
	    "domain rules (DOC, NUM, XREF, PREF, SNO, LIFE, SYS, SVC) or a rule of zhun itself "
	    "(ZHUN). \\fBzhun explain\\fR lists them; \\fBzhun explain\\fR \\fICODE\\fR prints "
	    "one section of this page.\n");
	roff_section(out, "CODES");
	strbuf_adds(out, ".TS\nallbox;\nlb lb\nl lx.\ncode\tsummary (severity, rule)\n");
	for (int i = 0; i < DIAG__COUNT; i++) {
		const struct diag_info *in = diag_info((enum diag_code)i);
		roff_str(out, in->name);
		strbuf_adds(out, "\tT{\n");
		roff_str(out, in->summary_en);
		strbuf_addf(out, " (%s, ", severity_name(in->sev));
		roff_str(out, in->rule);
		strbuf_adds(out, ")\n.br\n");
		roff_str(out, in->summary_zh);
		strbuf_adds(out, "\nT}\n");
	}
	strbuf_adds(out, ".TE\n.sp\n");
	roff_section(out, "RULES");
	struct md_opts mo = { 1, true, NULL };
	md_file(out, "docs/rules.md", &mo);
	exit_table(out, false);
	see_also(out, "zhun-rules", false);
}

/* Write `text` to `out` ("-" or NULL: standard output). */
static int emit(const char *out, const struct strbuf *text)
{
	if (!out || !strcmp(out, "-")) {
		fwrite(text->buf, 1, text->len, stdout);
		return fflush(stdout) ? 1 : 0;
	}
	if (write_file_atomic(out, text->buf, text->len, 0) != 0) {
		fprintf(stderr, "gen-doc: cannot write %s: %s\n", out, strerror(errno));
		return 1;
	}
	return 0;
}

static bool make_page(const char *name, struct strbuf *out)
{
	if (!strcmp(name, "zhun.1")) {
		page_main(out);
		return true;
	}
	if (!strcmp(name, "zhun-format.5")) {
		page_format(out);
		return true;
	}
	if (!strcmp(name, "zhun-rules.7")) {
		page_rules(out);
		return true;
	}
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		char n[64];
		snprintf(n, sizeof n, "zhun-%s.1", c->name);
		if (!strcmp(n, name)) {
			page_command(out, c);
			return true;
		}
	}
	return false;
}

/* ---- the Chinese pages (share/man/zh_CN) ----
 * What `zhun --help` and `zhun CMD --help` say under --lang zh, as man pages: the summaries,
 * options and exit statuses through the catalogue, the rest written here in Chinese. The long
 * descriptions of docs/CMD.md are English; the Chinese pages point at the rule and format pages
 * instead. */

/* "NAME \- summary" with the summary as the catalogue has it, without its full stop. */
static void name_line_zh(struct strbuf *out, const char *page, const char *summary)
{
	roff_zh(out, ".SH 名称\n");
	roff_str(out, page);
	roff_zh(out, " \\- ");
	const char *t = _(summary);
	size_t l = strlen(t);
	if (l >= 3 && !strcmp(t + l - 3, "。"))
		l -= 3;
	roff_text(out, t, l);
	strbuf_addc(out, '\n');
}

static void page_main_zh(struct strbuf *out)
{
	roff_header(out, "zhun", "1");
	roff_zh(out, ".SH 名称\nzhun \\- 检查以 YAML 或 XML 编写的中国标准和标准体系\n");
	roff_zh(out, ".SH 概要\n\\fBzhun\\fR [\\fI全局选项\\fR] \\fI命令\\fR [\\fI选项\\fR] "
		     "[\\fI参数\\fR]\n");
	roff_section(out, "描述");
	roff_zh(
	    out,
	    "zhun 读取三类文件，每类都可以用 YAML 或 XML 编写：\\fI标准体系\\fR（结构图和明细表）、"
	    "\\fI标准文本\\fR（按 GB/T 1.1\\(em2020 结构化的一项标准）和\\fI标准状态清单\\fR"
	    "（外部标准各版本及其状态的快照）；\\fBzhun\\-format\\fR(5) 说明其格式。\n"
	    ".PP\n"
	    "它按格式校验这些文件，检查标准化的各项规则（章条编号、交叉引用、标准编号、"
	    "立改废释的生命周期和体系的一致性；\\fBzhun\\-rules\\fR(7)），比较两个版本，"
	    "在两种写法之间转换，并生成标准体系表。\n"
	    ".PP\n"
	    "发现的问题以 \\fI文件\\fR:\\fI行\\fR:\\fI列\\fR: \\fI严重程度\\fR: \\fI说明\\fR "
	    "[\\fI代码\\fR] 的形式输出到标准错误，或以 json、sarif、github、junit 等机器格式"
	    "输出到标准输出。\\fBzhun explain\\fR \\fI代码\\fR 用中文说明一个代码。\n"
	    ".PP\n"
	    "\\fBzhun init\\fR 新建一个标准仓库。\n");
	roff_section(out, "命令");
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		roff_zh(out, ".TP\n\\fBzhun\\-");
		roff_str(out, c->name);
		roff_zh(out, "\\fR(1)\n");
		roff_str(out, _(c->summary));
		strbuf_addc(out, '\n');
	}
	roff_section(out, "全局选项");
	roff_zh(out, "写在命令之前；\\fB\\-\\-color\\fR、\\fB\\-\\-quiet\\fR 和 "
		     "\\fB\\-\\-lang\\fR 也可以写在命令之后。\n");
	for (const struct opt_doc *o = cli_global_opts; o->name; o++)
		roff_option(out, o, true);
	roff_section(out, "语言");
	roff_zh(out,
		"提示信息使用中文或英文，按以下顺序决定：\\fB\\-\\-lang zh\\fR|\\fBen\\fR；"
		"项目 \\fIzhun.yaml\\fR 中的 \\fBlang:\\fR；区域设置（\\fBLANGUAGE\\fR、"
		"\\fBLC_ALL\\fR、\\fBLC_MESSAGES\\fR、\\fBLANG\\fR）。无论系统装有哪些区域设置，"
		"\\fB\\-\\-lang zh\\fR 都有效。\n");
	roff_section(out, "环境变量");
	static const char *const env[][2] = {
		{ "ZHUN_DATADIR",
		  "数据文件（编号表、预设、模板、rules.md）所在目录；默认为安装目录下的 "
		  "share/zhun" },
		{ "ZHUN_LOCALEDIR", "翻译文件所在目录；默认为安装目录下的 share/locale" },
		{ "LANGUAGE, LC_ALL, LC_MESSAGES, LANG", "未用 \\-\\-lang 或 zhun.yaml 指定语言时，"
							 "提示信息的语言" },
		{ "NO_COLOR", "设置为非空值时不使用彩色（同 \\-\\-color never）" },
		{ "COLUMNS", "文本表格的宽度（zhun table）" },
		{ "SOURCE_DATE_EPOCH", "zhun init 写入示例文件的日期" },
	};
	for (size_t i = 0; i < COUNT(env); i++) {
		roff_zh(out, ".TP\n\\fB");
		roff_str(out, env[i][0]);
		strbuf_adds(out, "\\fR\n");
		roff_zh(out, env[i][1]);
		strbuf_addc(out, '\n');
	}
	roff_section(out, "文件");
	roff_zh(out,
		".TP\n\\fIzhun.yaml\\fR\n项目设置：体系文件、语言、规则的严重程度"
		"（\\fBzhun\\-format\\fR(5)）。以目录为参数时使用该目录中的设置；以文件为参数时，"
		"使用其所在目录或上级目录中最近的一个，直到 git 仓库的顶层。\n"
		".TP\n\\fIsystem.yaml\\fR、\\fIsystem.yml\\fR、\\fIsystem.xml\\fR\n"
		"zhun.yaml 未指定体系文件时，目录参数中的体系文件。\n");
	exit_table(out, true);
	roff_zh(out, ".PP\n\\fBzhun diff\\fR 和 \\fBzhun init\\fR 的退出状态另见其手册页。\n");
	see_also(out, "zhun", true);
}

static void page_command_zh(struct strbuf *out, const struct cmd *c)
{
	char page[64];
	snprintf(page, sizeof page, "zhun-%s", c->name);
	roff_header(out, page, "1");
	name_line_zh(out, page, c->summary);
	synopsis(out, c, true);
	if (c->opts && c->opts[0].name) {
		roff_section(out, "选项");
		for (const struct opt_doc *o = c->opts; o->name; o++)
			roff_option(out, o, true);
	}
	roff_section(out, "全局选项");
	roff_zh(out, "也可以写在命令之后：\n");
	for (const struct opt_doc *o = cli_global_opts + CLI_GLOBALS_BEFORE_ONLY; o->name; o++)
		roff_option(out, o, true);
	if (c->exit_status) { /* the command's own line, as its --help prints it */
		roff_section(out, "退出状态");
		roff_str(out, _(c->exit_status));
		strbuf_addc(out, '\n');
	} else {
		exit_table(out, true);
	}
	see_also(out, page, true);
}

static bool make_page_zh(const char *name, struct strbuf *out)
{
	if (!strcmp(name, "zhun.1")) {
		page_main_zh(out);
		return true;
	}
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		char n[64];
		snprintf(n, sizeof n, "zhun-%s.1", c->name);
		if (!strcmp(n, name)) {
			page_command_zh(out, c);
			return true;
		}
	}
	return false;
}

/* ---- completions ---- */

static void words_of_commands(struct strbuf *sb)
{
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++)
		strbuf_addf(sb, "%s%s", cp == commands ? "" : " ", c->name);
}

static void words_of_codes(struct strbuf *sb)
{
	for (int i = 0; i < DIAG__COUNT; i++)
		strbuf_addf(sb, "%s%s", i ? " " : "", diag_info((enum diag_code)i)->name);
}

static void opt_words(struct strbuf *sb, const struct opt_doc *opts)
{
	for (const struct opt_doc *o = opts; o && o->name; o++) {
		strbuf_addf(sb, "%s--%s", sb->len ? " " : "", o->name);
		if (o->short_name)
			strbuf_addf(sb, " -%c", o->short_name);
	}
}

static void completion_bash(struct strbuf *out)
{
	struct strbuf w;
	strbuf_init(&w);
	strbuf_adds(
	    out, "# bash completion for zhun. Generated by tools/gen-doc from the command table;\n"
		 "# do not edit (`ninja -C build completions` rewrites it).\n"
		 "\n"
		 "# Standards files (.yaml, .yml, .xml) and directories matching $1.\n"
		 "_zhun_files()\n{\n"
		 "\tlocal IFS=$'\\n' ext\n"
		 "\tCOMPREPLY+=($(compgen -d -- \"$1\"))\n"
		 "\tfor ext in yaml yml xml YAML YML XML; do\n"
		 "\t\tCOMPREPLY+=($(compgen -f -X \"!*.$ext\" -- \"$1\"))\n"
		 "\tdone\n"
		 "\tcompopt -o filenames 2>/dev/null\n"
		 "}\n\n"
		 "_zhun()\n{\n"
		 "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i\n"
		 "\t((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
		 "\t# --opt=value: bash splits the words at '='\n"
		 "\tif [[ $cur == = ]]; then\n"
		 "\t\tcur=\n"
		 "\telif [[ $prev == = ]] && ((COMP_CWORD > 1)); then\n"
		 "\t\tprev=${COMP_WORDS[COMP_CWORD - 2]}\n"
		 "\tfi\n"
		 "\tCOMPREPLY=()\n"
		 "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
		 "\t\tcase ${COMP_WORDS[i]} in\n"
		 "\t\t--color | --lang) ((i++)) ;;\n"
		 "\t\t-*) ;;\n"
		 "\t\t*)\n"
		 "\t\t\tcmd=${COMP_WORDS[i]}\n"
		 "\t\t\tbreak\n"
		 "\t\t\t;;\n"
		 "\t\tesac\n"
		 "\tdone\n"
		 "\tcase $prev in\n");
	for (const struct opt_doc *o = cli_global_opts; o->name; o++)
		if (o->values)
			strbuf_addf(out,
				    "\t--%s)\n\t\tCOMPREPLY=($(compgen -W '%s' -- "
				    "\"$cur\"))\n\t\treturn\n\t\t;;\n",
				    o->name, o->values);
	strbuf_adds(out, "\tesac\n\tcase $cmd in\n\t'')\n\t\tif [[ $cur == -* ]]; then\n");
	strbuf_reset(&w);
	opt_words(&w, cli_global_opts);
	strbuf_addf(out, "\t\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n\t\telse\n", w.buf);
	strbuf_reset(&w);
	words_of_commands(&w);
	strbuf_addf(out, "\t\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n\t\tfi\n\t\t;;\n",
		    w.buf);
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		strbuf_addf(out, "\t%s)\n\t\tcase $prev in\n", c->name);
		/* options with a value: their words, a file, or nothing to offer */
		for (const struct opt_doc *o = c->opts; o && o->name; o++) {
			if (!o->arg)
				continue;
			strbuf_addf(out, "\t\t--%s", o->name);
			if (o->short_name)
				strbuf_addf(out, " | -%c", o->short_name);
			strbuf_adds(out, ")\n");
			strbuf_reset(&w);
			option_values(o, &w);
			if (w.len)
				strbuf_addf(out,
					    "\t\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n",
					    w.buf);
			else if (arg_is_file(o->arg))
				strbuf_adds(out, "\t\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
						 "\t\t\tcompopt -o filenames 2>/dev/null\n");
			strbuf_adds(out, "\t\t\treturn\n\t\t\t;;\n");
		}
		strbuf_adds(out, "\t\tesac\n\t\tif [[ $cur == -* ]]; then\n");
		strbuf_reset(&w);
		opt_words(&w, c->opts);
		opt_words(&w, cli_global_opts + CLI_GLOBALS_BEFORE_ONLY);
		strbuf_addf(
		    out, "\t\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n\t\t\treturn\n\t\tfi\n",
		    w.buf);
		switch (command_operand(c)) {
		case OPERAND_FILES:
			strbuf_adds(out, "\t\t_zhun_files \"$cur\"\n");
			break;
		case OPERAND_DIR:
			strbuf_adds(out, "\t\tCOMPREPLY=($(compgen -d -- \"$cur\"))\n"
					 "\t\tcompopt -o filenames 2>/dev/null\n");
			break;
		case OPERAND_CODE:
			strbuf_reset(&w);
			words_of_codes(&w);
			strbuf_addf(out, "\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n", w.buf);
			break;
		case OPERAND_COMMAND:
			strbuf_reset(&w);
			words_of_commands(&w);
			strbuf_addf(out, "\t\tCOMPREPLY=($(compgen -W '%s' -- \"$cur\"))\n", w.buf);
			break;
		case OPERAND_NONE:
			break;
		}
		strbuf_adds(out, "\t\t;;\n");
	}
	strbuf_adds(out, "\tesac\n}\ncomplete -F _zhun zhun\n");
	strbuf_release(&w);
}

/* Text for a zsh _arguments description or a fish -d: no brackets, quotes or colons that
 * would end the field early, at most one clause long. */
static void short_help(struct strbuf *out, const char *help, bool zsh)
{
	for (const char *p = help; *p; p++) {
		if (*p == ':' && zsh)
			strbuf_adds(out, " -");
		else if (*p == '[')
			strbuf_addc(out, '(');
		else if (*p == ']')
			strbuf_addc(out, ')');
		else if (*p == '\'')
			strbuf_adds(out, zsh ? "'\\''" : "\\'");
		else if (*p == '\\')
			strbuf_adds(out, "\\\\");
		else
			strbuf_addc(out, *p);
	}
}

static void zsh_option(struct strbuf *out, const struct opt_doc *o)
{
	strbuf_adds(out, "\t\t");
	if (o->short_name)
		strbuf_addf(out, "'(-%c --%s)'{-%c%s,--%s%s}'[", o->short_name, o->name,
			    o->short_name, o->arg ? "+" : "", o->name, o->arg ? "=" : "");
	else
		strbuf_addf(out, "'--%s%s[", o->name, o->arg ? "=" : "");
	short_help(out, opt_help(o), true);
	strbuf_adds(out, "]");
	if (o->arg) {
		struct strbuf w;
		strbuf_init(&w);
		option_values(o, &w);
		strbuf_addf(out, ":%s:", o->arg);
		if (w.len)
			strbuf_addf(out, "(%s)", w.buf);
		else if (arg_is_file(o->arg))
			strbuf_adds(out, "_files");
		else
			strbuf_adds(out, " ");
		strbuf_release(&w);
	}
	strbuf_adds(out, "' \\\n");
}

static void completion_zsh(struct strbuf *out)
{
	struct strbuf w;
	strbuf_init(&w);
	strbuf_adds(
	    out, "#compdef zhun\n"
		 "# zsh completion for zhun. Generated by tools/gen-doc from the command table;\n"
		 "# do not edit (`ninja -C build completions` rewrites it).\n"
		 "\n"
		 "_zhun() {\n"
		 "\tlocal curcontext=$curcontext state line ret=1\n"
		 "\ttypeset -A opt_args\n"
		 "\t_arguments -C -S \\\n");
	for (const struct opt_doc *o = cli_global_opts; o->name; o++) {
		if (!strcmp(o->name, "help") || !strcmp(o->name, "version")) {
			strbuf_addf(out, "\t\t'(- *)'%s'[",
				    !strcmp(o->name, "help") ? "{-h,--help}" : "--version");
			short_help(out, o->help, true);
			strbuf_adds(out, "]' \\\n");
		} else {
			zsh_option(out, o);
		}
	}
	strbuf_adds(out, "\t\t'1:command:->command' \\\n\t\t'*::arg:->args' && ret=0\n"
			 "\tcase $state in\n\tcommand)\n\t\tlocal -a cmds=(\n");
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		strbuf_addf(out, "\t\t\t'%s:", c->name);
		short_help(out, c->summary, true);
		strbuf_adds(out, "'\n");
	}
	strbuf_adds(out, "\t\t)\n\t\t_describe -t commands 'zhun command' cmds && ret=0\n\t\t;;\n"
			 "\targs)\n\t\tcurcontext=${curcontext%:*:*}:zhun-$words[1]:\n"
			 "\t\tcase $words[1] in\n");
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		strbuf_addf(out, "\t\t%s)\n\t\t\t_arguments -S \\\n", c->name);
		for (const struct opt_doc *o = c->opts; o && o->name; o++) {
			strbuf_adds(out, "\t");
			zsh_option(out, o);
		}
		for (const struct opt_doc *o = cli_global_opts + CLI_GLOBALS_BEFORE_ONLY; o->name;
		     o++) {
			strbuf_adds(out, "\t");
			zsh_option(out, o);
		}
		switch (command_operand(c)) {
		case OPERAND_FILES:
			strbuf_adds(out, "\t\t\t\t'*:file:_files -g "
					 "\"*.(yaml|yml|xml|YAML|YML|XML)(-.)\"' \\\n");
			break;
		case OPERAND_DIR:
			strbuf_adds(out, "\t\t\t\t'1:directory:_directories' \\\n");
			break;
		case OPERAND_CODE:
			strbuf_reset(&w);
			words_of_codes(&w);
			strbuf_addf(out, "\t\t\t\t'1:code:(%s)' \\\n", w.buf);
			break;
		case OPERAND_COMMAND:
			strbuf_reset(&w);
			words_of_commands(&w);
			strbuf_addf(out, "\t\t\t\t'1:command:(%s)' \\\n", w.buf);
			break;
		case OPERAND_NONE:
			break;
		}
		strbuf_adds(out, "\t\t\t\t&& ret=0\n\t\t\t;;\n");
	}
	strbuf_adds(out, "\t\tesac\n\t\t;;\n\tesac\n\treturn ret\n}\n\n_zhun \"$@\"\n");
	strbuf_release(&w);
}

static void fish_option(struct strbuf *out, const char *cond, const struct opt_doc *o)
{
	strbuf_addf(out, "complete -c zhun%s%s%s", cond ? " -n '" : "", cond ? cond : "",
		    cond ? "'" : "");
	if (o->short_name)
		strbuf_addf(out, " -s %c", o->short_name);
	strbuf_addf(out, " -l %s", o->name);
	if (o->arg) {
		struct strbuf w;
		strbuf_init(&w);
		option_values(o, &w);
		if (w.len)
			strbuf_addf(out, " -x -a '%s'", w.buf);
		else if (arg_is_file(o->arg))
			strbuf_adds(out, " -r -F");
		else
			strbuf_adds(out, " -x");
		strbuf_release(&w);
	} else {
		/* an entry without -f would let fish offer every file */
		strbuf_adds(out, " -f");
	}
	strbuf_adds(out, " -d '");
	short_help(out, opt_help(o), false);
	strbuf_adds(out, "'\n");
}

static void completion_fish(struct strbuf *out)
{
	struct strbuf w;
	strbuf_init(&w);
	words_of_commands(&w);
	strbuf_addf(
	    out,
	    "# fish completion for zhun. Generated by tools/gen-doc from the command table;\n"
	    "# do not edit (`ninja -C build completions` rewrites it).\n"
	    "\n"
	    "complete -c zhun -f\n"
	    "set -l commands %s\n"
	    "\n"
	    "# Standards files (.yaml, .yml, .xml) and directories: fish's own file completion,\n"
	    "# filtered (__fish_complete_suffix only sorts the matching files first).\n"
	    "function __zhun_files\n"
	    "\tfor f in (complete -C \"__fish_command_without_completions \"(commandline -ct))\n"
	    "\t\tset f (string split -f1 \\t -- $f)\n"
	    "\t\tstring match -qr -- '(/|\\\\.(ya?ml|xml|YA?ML|XML))$' $f; and echo $f\n"
	    "\tend\n"
	    "end\n\n",
	    w.buf);
	for (const struct opt_doc *o = cli_global_opts; o->name; o++)
		fish_option(out,
			    o - cli_global_opts < CLI_GLOBALS_BEFORE_ONLY
				? "not __fish_seen_subcommand_from $commands"
				: NULL,
			    o);
	strbuf_adds(out, "\n");
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		strbuf_addf(out,
			    "complete -c zhun -n \"not __fish_seen_subcommand_from $commands\" -f "
			    "-a %s -d '",
			    c->name);
		short_help(out, c->summary, false);
		strbuf_adds(out, "'\n");
	}
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		char cond[96];
		snprintf(cond, sizeof cond, "__fish_seen_subcommand_from %s", c->name);
		strbuf_addf(out, "\n# zhun %s\n", c->name);
		for (const struct opt_doc *o = c->opts; o && o->name; o++)
			fish_option(out, cond, o);
		switch (command_operand(c)) {
		case OPERAND_FILES:
			strbuf_addf(out, "complete -c zhun -n '%s' -f -a '(__zhun_files)'\n", cond);
			break;
		case OPERAND_DIR:
			strbuf_addf(
			    out, "complete -c zhun -n '%s' -f -a '(__fish_complete_directories)'\n",
			    cond);
			break;
		case OPERAND_CODE:
			for (int i = 0; i < DIAG__COUNT; i++) {
				const struct diag_info *in = diag_info((enum diag_code)i);
				strbuf_addf(out, "complete -c zhun -n '%s' -f -a %s -d '", cond,
					    in->name);
				short_help(out, in->summary_en, false);
				strbuf_adds(out, "'\n");
			}
			break;
		case OPERAND_COMMAND:
			strbuf_reset(&w);
			words_of_commands(&w);
			strbuf_addf(out, "complete -c zhun -n '%s' -f -a '%s'\n", cond, w.buf);
			break;
		case OPERAND_NONE:
			break;
		}
	}
	strbuf_release(&w);
}

static bool make_completion(const char *shell, struct strbuf *out)
{
	if (!strcmp(shell, "bash"))
		completion_bash(out);
	else if (!strcmp(shell, "zsh"))
		completion_zsh(out);
	else if (!strcmp(shell, "fish"))
		completion_fish(out);
	else
		return false;
	return true;
}

/* ---- gettext sources ---- */

static void pot_string(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addc(out, '\\');
		if (*p == '\n') {
			strbuf_adds(out, "\\n");
			continue;
		}
		strbuf_addc(out, *p);
	}
	strbuf_addc(out, '"');
}

static void pot_entry(struct strbuf *out, const char ***seen, size_t *n, size_t *cap,
		      const char *comment, const char *s)
{
	if (!s || !*s)
		return;
	for (size_t j = 0; j < *n; j++)
		if (!strcmp((*seen)[j], s))
			return;
	xgrow((void **)seen, cap, *n + 1, sizeof **seen);
	(*seen)[(*n)++] = s;
	strbuf_addf(out, "\n#. %s\nmsgid ", comment);
	pot_string(out, s);
	strbuf_adds(out, "\nmsgstr \"\"\n");
}

/* Strings that tables hold and the code translates at run time with _(variable), where
 * xgettext cannot see them: the option help of the command table (cli.c), the node kinds
 * (model.c) and the standard-number errors (model.c, check_xref.c). This POT file, listed in
 * po/POTFILES, carries them to the catalogue. */
static void make_pot(struct strbuf *out)
{
	strbuf_adds(
	    out,
	    "# SPDX-License-Identifier: MIT\n"
	    "# Strings translated at run time from tables, for xgettext (listed in po/POTFILES).\n"
	    "# Generated by tools/gen-doc; `ninja -C build zhun-po-sources` rewrites it.\n"
	    "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
	const char **seen = NULL;
	size_t n = 0, cap = 0;
	char comment[128];
	for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++) {
		snprintf(comment, sizeof comment, "zhun %s", c->name);
		pot_entry(out, &seen, &n, &cap, comment, c->summary);
		for (const struct opt_doc *o = c->opts; o && o->name; o++) {
			snprintf(comment, sizeof comment, "zhun %s --%s", c->name, o->name);
			pot_entry(out, &seen, &n, &cap, comment, o->help);
		}
	}
	for (int k = NODE_SCALAR; k <= NODE_SEQ; k++)
		pot_entry(out, &seen, &n, &cap, "a kind of YAML node (node_kind_name)",
			  node_kind_name((enum node_kind)k));
	const char *unknown = stdno_strerror((enum stdno_err)999);
	for (int e = 1; e < 64; e++) {
		const char *m = stdno_strerror((enum stdno_err)e);
		if (!strcmp(m, unknown))
			break;
		pot_entry(out, &seen, &n, &cap, "why a standard number is invalid (stdno_strerror)",
			  m);
	}
	free(seen);
}

/* Does a C source mark any string for translation: `_("` or `N_("` as a whole word? */
static bool marks_strings(const char *text)
{
	for (const char *p = strstr(text, "_(\""); p; p = strstr(p + 1, "_(\"")) {
		const char *s = p > text && p[-1] == 'N' ? p - 1 : p;
		if (s == text ||
		    !(s[-1] == '_' || (s[-1] >= 'a' && s[-1] <= 'z') ||
		      (s[-1] >= 'A' && s[-1] <= 'Z') || (s[-1] >= '0' && s[-1] <= '9')))
			return true;
	}
	return false;
}

static void make_potfiles(struct strbuf *out)
{
	strbuf_adds(out, "# SPDX-License-Identifier: MIT\n"
			 "# Sources with translatable strings. Generated by tools/gen-doc; "
			 "`ninja -C build zhun-po-sources` rewrites it.\n");
	char *dir = src_path("src");
	char **names = list_dir(dir, ".c");
	for (size_t i = 0; names[i]; i++) {
		char *path = xasprintf("%s/%s.c", dir, names[i]);
		char *text = read_file(path);
		if (text && marks_strings(text))
			strbuf_addf(out, "src/%s.c\n", names[i]);
		free(text);
		free(path);
	}
	free_list(names);
	free(dir);
	strbuf_adds(out, "po/tables.pot\n");
}

/* ---- the committed copies ---- */

struct committed {
	const char *rel;
	void (*make)(struct strbuf *out);
};

static const struct committed committed[] = {
	{ "completions/zhun.bash", completion_bash },
	{ "completions/_zhun", completion_zsh },
	{ "completions/zhun.fish", completion_fish },
	{ "po/POTFILES", make_potfiles },
	{ "po/tables.pot", make_pot },
};

/* Rewrite (or check, printing TAP) the committed copies whose path starts with `only`. */
static int sync_all(bool write, const char *only)
{
	int status = 0;
	size_t total = 0, k = 0;
	for (size_t i = 0; i < COUNT(committed); i++)
		total += !strncmp(committed[i].rel, only, strlen(only));
	if (!write)
		printf("1..%zu\n", total);
	for (size_t i = 0; i < COUNT(committed); i++) {
		if (strncmp(committed[i].rel, only, strlen(only)))
			continue;
		k++;
		struct strbuf sb;
		strbuf_init(&sb);
		committed[i].make(&sb);
		char *path = src_path(committed[i].rel);
		char *old = read_file(path);
		bool same = old && strlen(old) == sb.len && !memcmp(old, sb.buf, sb.len);
		if (write) {
			if (!same && write_file_atomic(path, sb.buf, sb.len, 0) != 0) {
				fprintf(stderr, "gen-doc: cannot write %s: %s\n", path,
					strerror(errno));
				status = 1;
			} else if (!same) {
				fprintf(stderr, "gen-doc: wrote %s\n", committed[i].rel);
			}
		} else if (same) {
			printf("ok %zu - %s is current\n", k, committed[i].rel);
		} else {
			printf("not ok %zu - %s is stale: run `ninja -C BUILD %s`\n", k,
			       committed[i].rel,
			       !strncmp(committed[i].rel, "po/", 3) ? "zhun-po-sources"
								    : "completions");
			status = 1;
		}
		free(old);
		free(path);
		strbuf_release(&sb);
	}
	return status;
}

int main(int argc, char **argv)
{
	struct strbuf sb;
	strbuf_init(&sb);
	int status;
	if (argc >= 4 && argc <= 5 && !strcmp(argv[1], "man")) {
		srcdir = argv[3];
		if (make_page(argv[2], &sb)) {
			status = emit(argc == 5 ? argv[4] : NULL, &sb);
		} else {
			fprintf(stderr, "gen-doc: no page %s\n", argv[2]);
			status = 2;
		}
	} else if (argc >= 5 && argc <= 6 && !strcmp(argv[1], "man-zh")) {
		srcdir = argv[3];
		/* the catalogue as zhun finds it, in Chinese whatever the machine's locales */
		setenv("ZHUN_LOCALEDIR", argv[4], 1);
		i18n_init();
		i18n_set_lang("zh");
		manual_title = "zhun 手册";
		if (!i18n_messages_zh()) {
			fprintf(stderr, "gen-doc: no Chinese catalogue under %s\n", argv[4]);
			status = 1;
		} else if (make_page_zh(argv[2], &sb)) {
			status = emit(argc == 6 ? argv[5] : NULL, &sb);
		} else {
			fprintf(stderr, "gen-doc: no Chinese page %s\n", argv[2]);
			status = 2;
		}
	} else if (argc == 2 && !strcmp(argv[1], "pages-zh")) {
		printf("zhun.1\n");
		for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++)
			printf("zhun-%s.1\n", c->name);
		status = 0;
	} else if (argc == 2 && !strcmp(argv[1], "pages")) {
		printf("zhun.1\n");
		for (const struct cmd *const *cp = commands, *c; (c = *cp); cp++)
			printf("zhun-%s.1\n", c->name);
		printf("zhun-format.5\nzhun-rules.7\n");
		status = 0;
	} else if (argc >= 4 && argc <= 5 && !strcmp(argv[1], "completion")) {
		srcdir = argv[3];
		if (make_completion(argv[2], &sb)) {
			status = emit(argc == 5 ? argv[4] : NULL, &sb);
		} else {
			fprintf(stderr, "gen-doc: no completion for %s\n", argv[2]);
			status = 2;
		}
	} else if (argc == 2 && !strcmp(argv[1], "pot")) {
		make_pot(&sb);
		status = emit(NULL, &sb);
	} else if (argc == 3 && !strcmp(argv[1], "potfiles")) {
		srcdir = argv[2];
		make_potfiles(&sb);
		status = emit(NULL, &sb);
	} else if ((argc == 3 || argc == 4) &&
		   (!strcmp(argv[1], "--write") || !strcmp(argv[1], "--check"))) {
		srcdir = argv[2];
		status = sync_all(!strcmp(argv[1], "--write"), argc == 4 ? argv[3] : "");
	} else {
		bool help = argc == 2 && !strcmp(argv[1], "--help");
		fputs(usage_text, help ? stdout : stderr);
		status = help ? 0 : 2;
	}
	strbuf_release(&sb);
	return status;
}
