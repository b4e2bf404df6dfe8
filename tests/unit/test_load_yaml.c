/* SPDX-License-Identifier: MIT */
/* test_load_yaml: YAML syntax errors in zhun's words: every problem libyaml can report, at its
 * cause, with a help line and no English from libyaml. */
#include <criterion/criterion.h>
#include <yaml.h>

#include "helpers.h"

/* One input per kind of problem. `problem` and `context` are what libyaml 0.2.5 reports for the
 * input (checked below, so that each case really reaches the row it is meant for); line, col,
 * msg and help are what zhun says. The reader's UTF-8 problems cannot be reached: load_buffer
 * rejects invalid UTF-8 before the parser runs (invalid-utf8, tested in test_load.c). */
struct syntax_case {
	const char *name, *text;
	const char *problem, *context;
	unsigned line, col;
	const char *msg, *help;
};

static const struct syntax_case cases[] = {
	/* reader */
	{ "control character", "a: x\x07y\n", "control characters are not allowed", NULL, 1, 5,
	  "character U+0007 is not allowed", "invisible characters" },
	{ "DEL", "a: x\x7fy\n", "control characters are not allowed", NULL, 1, 5, "U+007F",
	  "delete it" },
	/* scanner */
	{ "tab indentation", "system:\n\tid: demo\n", "found character that cannot start any token",
	  "while scanning for the next token", 2, 1, "a tab character is used for indentation",
	  "use spaces instead" },
	{ "tab after spaces", "a:\n  b:\n  \t- c\n", "found character that cannot start any token",
	  "while scanning for the next token", 3, 3, "a tab character is used for indentation",
	  "use spaces" },
	{ "tab before a value", "a:\n  - \tx\n", "found character that cannot start any token",
	  "while scanning for the next token", 2, 5, "a tab character stands where a value",
	  "use spaces" },
	{ "at sign", "a:\n  id: @demo\n", "found character that cannot start any token",
	  "while scanning for the next token", 2, 7, "'@' cannot begin a value",
	  "put the value in quotes: \"@demo\"" },
	{ "backtick", "a:\n  id: `x` y\n", "found character that cannot start any token",
	  "while scanning for the next token", 2, 7, "'`' cannot begin a value", "\"`x` y\"" },
	{ "per-cent sign", "a: %x\n", "found character that cannot start any token",
	  "while scanning for the next token", 1, 4, "'%' cannot begin a value", "\"%x\"" },
	{ "bar inside brackets", "a: [|x, y]\n", "found character that cannot start any token",
	  "while scanning for the next token", 1, 5, "'|' cannot begin a value", "\"|x\"" },
	{ "key without colon", "a:\n  id: demo\n  title\n  b: c\n", "could not find expected ':'",
	  "while scanning a simple key", 3, 3,
	  "'title' stands where a key is expected but has no ':' after it", "'key: value'" },
	{ "full-width colon", "a:\n  id: demo\n  title：名称\n  b: c\n",
	  "could not find expected ':'", "while scanning a simple key", 3, 8,
	  "'title' is followed by the full-width colon", "write title: 名称" },
	{ "colon without space", "a:\n  id: demo\n  title:名称\n", "could not find expected ':'",
	  "while scanning a simple key", 3, 8, "':' after 'title' must be followed by a space",
	  "write title: 名称" },
	{ "list entry after key", "a:\n  b: - c\n",
	  "block sequence entries are not allowed in this context", NULL, 2, 6,
	  "a list entry '- ' cannot begin on the same line as its key", "below the key" },
	{ "question mark", "a:\n  b: ? c\n", "mapping keys are not allowed in this context", NULL,
	  2, 6, "'?' cannot begin a value", "\"? c\"" },
	{ "colon in value", "a:\n  title: 体系: 第二版\n",
	  "mapping values are not allowed in this context", NULL, 2, 12,
	  "value '体系: 第二版' contains ': '", "put the value in quotes: \"体系: 第二版\"" },
	{ "colon in a quoted-looking value", "a:\n  title: x \"y\": z\n",
	  "mapping values are not allowed in this context", NULL, 2, 15, "value 'x \"y\": z'",
	  "'x \"y\": z'" },
	{ "key indented deeper", "a:\n  id: demo\n   title: x\n",
	  "mapping values are not allowed in this context", NULL, 3, 4,
	  "'title' is indented more than the line above",
	  "start it in column 3, under 'id' on line 2" },
	{ "key under a list entry's text", "- a\n  b: c\n",
	  "mapping values are not allowed in this context", NULL, 2, 3,
	  "'b' is indented more than the line above", "line it up with the key it belongs to" },
	{ "full-width colon, next line fails", "a:\n  title：名称\n  id: x\n",
	  "mapping values are not allowed in this context", NULL, 2, 8,
	  "'title' is followed by the full-width colon", "write title: 名称" },
	{ "directive name", "%FOO\n---\na: 1\n", "found unknown directive name",
	  "while scanning a directive", 1, 1, "'%FOO' is a YAML directive", "delete the line" },
	{ "directive without name", "%\n---\na: 1\n", "could not find expected directive name",
	  "while scanning a directive", 1, 1, "YAML directive", "delete the line" },
	{ "directive with extra text", "%YAML 1.1 x\n---\na: 1\n",
	  "did not find expected comment or line break", "while scanning a directive", 1, 1,
	  "'%YAML 1.1 x' is a YAML directive", "delete the line" },
	{ "version missing", "%YAML\n---\na: 1\n", "did not find expected version number",
	  "while scanning a %YAML directive", 1, 1, "YAML directive", "no directives" },
	{ "version too long", "%YAML 1.12345678901\n---\na: 1\n",
	  "found extremely long version number", "while scanning a %YAML directive", 1, 1,
	  "YAML directive", "no directives" },
	{ "tag directive", "%TAG !\n---\na: 1\n", "did not find expected whitespace",
	  "while scanning a %TAG directive", 1, 1, "YAML directive", "no directives" },
	{ "tag directive handle", "%TAG x y\n---\na: 1\n", "did not find expected '!'",
	  "while scanning a tag directive", 1, 1, "YAML directive", "no directives" },
	{ "tag directive handle end", "%TAG !a !\n---\na: 1\n", "did not find expected '!'",
	  "while parsing a tag directive", 1, 1, "YAML directive", "no directives" },
	{ "tag directive prefix", "%TAG !a! \n---\na: 1\n", "did not find expected tag URI",
	  "while parsing a %TAG directive", 1, 1, "YAML directive", "no directives" },
	{ "anchor without name", "a: & b\n",
	  "did not find expected alphabetic or numeric character", "while scanning an anchor", 1, 4,
	  "'&' must be followed by the name of an anchor",
	  "begins with '&', put it in quotes: \"& b\"" },
	{ "alias without name", "a:\n  b: * 注\n",
	  "did not find expected alphabetic or numeric character", "while scanning an alias", 2, 6,
	  "'*' must be followed by the name of an anchor", "\"* 注\"" },
	{ "tag", "a: !重要 b\n", "did not find expected whitespace or line break",
	  "while scanning a tag", 1, 4, "'!' begins a YAML tag", "\"!重要 b\"" },
	{ "verbatim tag", "a: !<x b\n", "did not find the expected '>'", "while scanning a tag", 1,
	  4, "'!' begins a YAML tag", "put it in quotes" },
	{ "tag escape", "a: !a%zz b\n", "did not find URI escaped octet", "while parsing a tag", 1,
	  4, "'!' begins a YAML tag", "put it in quotes" },
	{ "indentation indicator 0", "a: |0\n  x\n", "found an indentation indicator equal to 0",
	  "while scanning a block scalar", 1, 5, "after '|' must be 1 to 9, not 0",
	  "begins with '|'" },
	{ "text after >", "a: > 50%\n", "did not find expected comment or line break",
	  "while scanning a block scalar", 1, 4, "'>' begins a block of text",
	  "put it in quotes: \"> 50%\"" },
	{ "tab in a block of text", "a: |\n    x\n\ty\n",
	  "found a tab character where an indentation space is expected",
	  "while scanning a block scalar", 3, 1, "a tab character is used for indentation",
	  "use spaces" },
	{ "tab in a continued value", "a:\n  id: demo\n\ttitle: x\n",
	  "found a tab character that violates indentation", "while scanning a plain scalar", 3, 1,
	  "a tab character is used for indentation", "use spaces" },
	{ "unclosed double quote", "a:\n  id: \"demo\n  title: x\n",
	  "found unexpected end of stream", "while scanning a quoted scalar", 2, 7,
	  "double quote opened here is never closed", "closing double quote" },
	{ "unclosed single quote", "a:\n  id: 'demo\n  title: x\n",
	  "found unexpected end of stream", "while scanning a quoted scalar", 2, 7,
	  "single quote opened here is never closed", "closing single quote" },
	{ "quote across a document marker", "a:\n  id: \"demo\n---\n",
	  "found unexpected document indicator", "while scanning a quoted scalar", 2, 7,
	  "double quote opened here is never closed", "closing double quote" },
	{ "unknown escape", "a: \"C:\\docs\"\n", "found unknown escape character",
	  "while parsing a quoted scalar", 1, 7, "'\\d' is not a valid escape", "single quotes" },
	{ "short hex escape", "a: \"C:\\Users\"\n", "did not find expected hexdecimal number",
	  "while parsing a quoted scalar", 1, 7, "'\\U' must be followed by 8 hexadecimal digits",
	  "for a backslash" },
	{ "surrogate escape", "a: \"x\\uD800\"\n", "found invalid Unicode character escape code",
	  "while parsing a quoted scalar", 1, 6, "'\\uD800' is not a valid Unicode character",
	  "for a backslash" },
	{ "colon before a brace", "a: {b: c:}\n", "found unexpected ':'",
	  "while scanning a plain scalar", 1, 9, "':' directly before '}'",
	  "put the value in quotes: \"c:\"" },
	/* parser */
	{ "second root value", "\"a\"\nsystem: x\n", "did not find expected <document start>", NULL,
	  2, 1, "'system: x' comes after the end of the document", "one root key" },
	{ "undefined tag handle", "a: !x!y b\n", "found undefined tag handle",
	  "while parsing a node", 1, 4, "'!' begins a YAML tag", "put it in quotes" },
	{ "empty entry", "a: [b, , c]\n", "did not find expected node content",
	  "while parsing a flow node", 1, 8, "an entry is missing before this ','",
	  "delete the extra ','" },
	{ "comma as a value", "a:\n  b: ,c\n", "did not find expected node content",
	  "while parsing a block node", 2, 6, "',' cannot begin a value", "\",c\"" },
	{ "end of file inside brackets", "a: [b,", "did not find expected node content",
	  "while parsing a flow node", 1, 4, "'[' opened here is never closed",
	  "add the closing ']'" },
	{ "list entry misindented", "a:\n  b:\n    - c\n   - d\n", "did not find expected key",
	  "while parsing a block mapping", 4, 4, "the indentation of '- d' matches no key",
	  "start it in column 5, under '-' on line 3, or in column 3, under 'b' on line 2" },
	{ "key misindented", "system:\n  id: demo\n title: x\n", "did not find expected key",
	  "while parsing a block mapping", 3, 2, "the indentation of 'title' matches no key",
	  "start it in column 3, under 'id' on line 2, or in column 1, under 'system' on line 1" },
	{ "list entry in a mapping", "a:\n  b: c\n  - d\n", "did not find expected key",
	  "while parsing a block mapping", 3, 3, "list entry '- d' stands where a key is expected",
	  "end the key's line with ':'" },
	{ "stray bracket", "a: b\n]\n", "did not find expected key",
	  "while parsing a block mapping", 2, 1, "']' closes a bracket that was never opened",
	  "delete it" },
	{ "key at the entries' indentation", "a:\n  - code: 1\n    title: x\n  status: y\n",
	  "did not find expected '-' indicator", "while parsing a block collection", 4, 3,
	  "'status' is indented like the list entries but does not begin with '- '",
	  "start it in column 5, under 'title' on line 3, if it belongs to the entry above" },
	{ "key after plain entries", "- a\n- b\nc: d\n", "did not find expected '-' indicator",
	  "while parsing a block collection", 3, 1, "'c' is indented like the list entries",
	  "begin it with '- ' if it is a new entry" },
	{ "key misindented in an entry", "a:\n  - code: 1\n   title: x\n",
	  "did not find expected '-' indicator", "while parsing a block collection", 3, 4,
	  "the indentation of 'title' matches no key",
	  "start it in column 5, under 'code' on line 2, or in column 3, under '-' on line 2" },
	{ "unclosed bracket", "a:\n  b: [1, 2\n  c: 3\n", "did not find expected ',' or ']'",
	  "while parsing a flow sequence", 2, 6, "'[' opened here is never closed",
	  "add the closing ']' after the last entry" },
	{ "missing comma", "a: [\"x\" \"y\"]\n", "did not find expected ',' or ']'",
	  "while parsing a flow sequence", 1, 9, "expected ',' or ']' before '\"y\"'",
	  "separate the entries with ', '" },
	{ "unclosed brace", "a:\n  b: {c: d\n  e: f\n", "did not find expected ',' or '}'",
	  "while parsing a flow mapping", 2, 6, "'{' opened here is never closed",
	  "add the closing '}'" },
	{ "missing comma in braces", "a: {b: c d: e}\n", "did not find expected ',' or '}'",
	  "while parsing a flow mapping", 1, 11, "expected ',' or '}' before", "separate the" },
	{ "YAML 2", "%YAML 2.0\n---\na: 1\n", "found incompatible YAML document", NULL, 1, 1,
	  "'%YAML 2.0' is a YAML directive", "no directives" },
	{ "YAML twice", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "found duplicate %YAML directive",
	  NULL, 2, 1, "YAML directive", "no directives" },
	{ "TAG twice", "%TAG ! x\n%TAG ! y\n---\na: 1\n", "found duplicate %TAG directive", NULL, 2,
	  1, "YAML directive", "no directives" },
	/* causes before the mark */
	{ "quote closed on a later line", "a:\n  id: \"demo\n  title: \"示范\"\n",
	  "did not find expected key", "while parsing a block mapping", 2, 7,
	  "double quote opened here is not closed on its line", "runs on to line 3" },
	{ "single quote closed in a later entry",
	  "a:\n  - {code: '100, title: 通用}\n  - {code: '200', title: 专业}\n",
	  "did not find expected ',' or '}'", "while parsing a flow mapping", 2, 12,
	  "single quote opened here is not closed on its line", "runs on to line 3" },
	{ "text after the closing quote", "a:\n  title: \"示范\"体系\"\n",
	  "did not find expected key", "while parsing a block mapping", 2, 14,
	  "'体系\"' follows the closing quote", "write it as \\\"" },
	{ "byte order mark inside", "a:\n  id: demo\n\xEF\xBB\xBF  title: x\n",
	  "did not find expected key", "while parsing a block mapping", 3, 1,
	  "byte order mark (U+FEFF) in the middle of the file", "joining two files" },
	{ "full-width space in the indentation", "a:\n\xE3\x80\x80\xE3\x80\x80id: x\n  b: y\n",
	  "mapping values are not allowed in this context", NULL, 2, 1,
	  "full-width space (U+3000) in the indentation", "ordinary spaces" },
	{ "no-break space before a list entry", "a:\n  b:\n  \xC2\xA0- c\n",
	  "could not find expected ':'", "while scanning a simple key", 3, 3,
	  "no-break space (U+00A0) in the indentation", "ordinary spaces" },
	{ "a paragraph may open with full-width spaces",
	  "a:\n  t: |\n    \xE3\x80\x80\xE3\x80\x80本标准\n b: x\n", "did not find expected key",
	  "while parsing a block mapping", 4, 2, "the indentation of 'b' matches no key",
	  "start it in column 3, under 't' on line 2, or in column 1, under 'a' on line 1" },
	/* CR-only and CRLF line ends count as libyaml counts them */
	{ "CR-only line ends", "a:\r  id: demo\r title: x\r", "did not find expected key",
	  "while parsing a block mapping", 3, 2, "the indentation of 'title'",
	  "under 'id' on line 2" },
	{ "CRLF line ends", "a:\r\n  id: \"demo\r\n  title: x\r\n",
	  "found unexpected end of stream", "while scanning a quoted scalar", 2, 7,
	  "double quote opened here is never closed", "closing double quote" },
};

/* libyaml's own words, which must not reach the user */
static const char *const libyaml_words[] = {
	"while scanning",  "while parsing",   "did not find",	  "could not find",
	"found character", "in this context", "found unexpected", "are not allowed",
	"found a tab",	   "found an",	      "found duplicate",  "found incompatible",
	"found unknown",   "found undefined", "found extremely",  "hexdecimal",
	"octet",
};

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* What libyaml itself reports for `text`: the case must reach the row it names. */
static void expect_libyaml(const struct syntax_case *c)
{
	yaml_parser_t p;
	cr_assert(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)c->text, strlen(c->text));
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	bool failed = false;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			failed = true;
			break;
		}
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	cr_expect(failed, "%s: libyaml accepts the input", c->name);
	if (failed) {
		cr_expect(same_text(p.problem, c->problem), "%s: libyaml says '%s', not '%s'",
			  c->name, p.problem ? p.problem : "(none)", c->problem);
		cr_expect(same_text(p.context, c->context),
			  "%s: libyaml's context is '%s', not '%s'", c->name,
			  p.context ? p.context : "(none)", c->context ? c->context : "(none)");
	}
	yaml_parser_delete(&p);
}

Test(load_yaml, every_problem_in_zhuns_words_at_its_cause)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct syntax_case *c = &cases[i];
		expect_libyaml(c);
		struct diag_store ds;
		diag_store_init(&ds);
		struct limits lim;
		limits_default(&lim);
		struct doc *d =
		    load_buffer("t.yaml", c->text, strlen(c->text), SYNTAX_YAML, &ds, &lim);
		diag_store_finish(&ds);
		cr_expect_null(d, "%s: loaded", c->name);
		cr_expect_eq(ds.n, 1, "%s: %zu findings", c->name, ds.n);
		const struct diag *f = test_find(&ds, DIAG_YAML_SYNTAX);
		cr_expect_not_null(f, "%s: no yaml-syntax finding", c->name);
		if (f) {
			cr_expect_eq(f->sev, SEV_FATAL, "%s", c->name);
			cr_expect(f->loc.line == c->line && f->loc.col == c->col,
				  "%s: at %u:%u, expected %u:%u", c->name, f->loc.line, f->loc.col,
				  c->line, c->col);
			cr_expect(strstr(f->msg, c->msg), "%s: message '%s' lacks '%s'", c->name,
				  f->msg, c->msg);
			cr_expect(f->help && strstr(f->help, c->help), "%s: help '%s' lacks '%s'",
				  c->name, f->help ? f->help : "(none)", c->help);
			for (size_t w = 0; w < sizeof libyaml_words / sizeof *libyaml_words; w++) {
				cr_expect(!strstr(f->msg, libyaml_words[w]), "%s: '%s' in '%s'",
					  c->name, libyaml_words[w], f->msg);
				cr_expect(!f->help || !strstr(f->help, libyaml_words[w]),
					  "%s: '%s' in '%s'", c->name, libyaml_words[w], f->help);
			}
		}
		if (d)
			doc_free(d);
		diag_store_release(&ds);
	}
}

/* Every (problem, context) libyaml 0.2.5 can report on valid UTF-8 has a case above. */
Test(load_yaml, every_libyaml_problem_has_a_case)
{
	static const char *const reachable[][2] = {
		{ "control characters are not allowed", NULL },
		{ "found character that cannot start any token",
		  "while scanning for the next token" },
		{ "could not find expected ':'", "while scanning a simple key" },
		{ "block sequence entries are not allowed in this context", NULL },
		{ "mapping keys are not allowed in this context", NULL },
		{ "mapping values are not allowed in this context", NULL },
		{ "found unknown directive name", "while scanning a directive" },
		{ "did not find expected comment or line break", "while scanning a directive" },
		{ "could not find expected directive name", "while scanning a directive" },
		{ "did not find expected version number", "while scanning a %YAML directive" },
		{ "found extremely long version number", "while scanning a %YAML directive" },
		{ "did not find expected whitespace", "while scanning a %TAG directive" },
		{ "did not find expected '!'", "while scanning a tag directive" },
		{ "did not find expected '!'", "while parsing a tag directive" },
		{ "did not find expected tag URI", "while parsing a %TAG directive" },
		{ "did not find expected alphabetic or numeric character",
		  "while scanning an anchor" },
		{ "did not find expected alphabetic or numeric character",
		  "while scanning an alias" },
		{ "did not find expected whitespace or line break", "while scanning a tag" },
		{ "did not find the expected '>'", "while scanning a tag" },
		{ "did not find URI escaped octet", "while parsing a tag" },
		{ "found an indentation indicator equal to 0", "while scanning a block scalar" },
		{ "did not find expected comment or line break", "while scanning a block scalar" },
		{ "found a tab character where an indentation space is expected",
		  "while scanning a block scalar" },
		{ "found unexpected end of stream", "while scanning a quoted scalar" },
		{ "found unexpected document indicator", "while scanning a quoted scalar" },
		{ "found unknown escape character", "while parsing a quoted scalar" },
		{ "did not find expected hexdecimal number", "while parsing a quoted scalar" },
		{ "found invalid Unicode character escape code", "while parsing a quoted scalar" },
		{ "found unexpected ':'", "while scanning a plain scalar" },
		{ "found a tab character that violates indentation",
		  "while scanning a plain scalar" },
		{ "did not find expected <document start>", NULL },
		{ "found undefined tag handle", "while parsing a node" },
		{ "did not find expected node content", "while parsing a block node" },
		{ "did not find expected node content", "while parsing a flow node" },
		{ "did not find expected '-' indicator", "while parsing a block collection" },
		{ "did not find expected key", "while parsing a block mapping" },
		{ "did not find expected ',' or ']'", "while parsing a flow sequence" },
		{ "did not find expected ',' or '}'", "while parsing a flow mapping" },
		{ "found duplicate %YAML directive", NULL },
		{ "found incompatible YAML document", NULL },
		{ "found duplicate %TAG directive", NULL },
	};
	for (size_t i = 0; i < sizeof reachable / sizeof *reachable; i++) {
		bool seen = false;
		for (size_t j = 0; j < sizeof cases / sizeof *cases && !seen; j++)
			seen = same_text(cases[j].problem, reachable[i][0]) &&
			       same_text(cases[j].context, reachable[i][1]);
		cr_expect(seen, "no case for '%s' (%s)", reachable[i][0],
			  reachable[i][1] ? reachable[i][1] : "no context");
	}
}

/* Load `text`, which must fail with a syntax error; that finding (the store keeps it). */
static const struct diag *syntax_error(struct diag_store *ds, const char *text)
{
	struct limits lim;
	limits_default(&lim);
	diag_store_init(ds);
	cr_assert_null(load_buffer("t.yaml", text, strlen(text), SYNTAX_YAML, ds, &lim));
	const struct diag *f = test_find(ds, DIAG_YAML_SYNTAX);
	cr_assert_not_null(f);
	return f;
}

Test(load_yaml, quoting_help_comes_with_a_fix)
{
	struct diag_store ds;
	const struct diag *f = syntax_error(&ds, "a:\n  title: 体系: 第二版\n");
	cr_assert_not_null(f->fix);
	cr_assert_eq(f->fix->start.line, 2);
	cr_assert_eq(f->fix->start.col, 10);
	cr_assert_eq(f->fix->end.col, 17);
	cr_assert_str_eq(f->fix->text, "\"体系: 第二版\"");
	diag_store_release(&ds);
}

Test(load_yaml, missing_comma_points_back_at_the_bracket)
{
	struct diag_store ds;
	const struct diag *f = syntax_error(&ds, "a:\n  b: [\"x\" \"y\"]\n");
	cr_assert_eq(f->loc.col, 11);
	cr_assert_not_null(f->msg2);
	cr_assert_eq(f->loc2.line, 2);
	cr_assert_eq(f->loc2.col, 6);
	diag_store_release(&ds);
}

Test(load_yaml, long_values_are_cut_in_messages)
{
	/* 70 code points of value: the subject is cut, and no quoted form is offered */
	struct diag_store ds;
	const struct diag *f = syntax_error(
	    &ds, "a:\n  title: 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十: "
		 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八\n");
	cr_expect(strstr(f->msg, "…"), "%s", f->msg);
	cr_expect_str_eq(f->help, "put the value in quotes");
	cr_expect_null(f->fix);
	diag_store_release(&ds);
}

Test(load_yaml, alias_and_key_kinds)
{
	struct diag_store ds;
	const struct diag *f = syntax_error(&ds, "a:\n  b: *x\n");
	cr_expect_str_eq(f->msg, "alias '*x' names no anchor defined before it");
	cr_expect(f->help && strstr(f->help, "'&x'"));
	diag_store_release(&ds);

	f = syntax_error(&ds, "a: 1\n? [k]\n: v\n");
	cr_expect_str_eq(f->msg, "a key must be plain text, not a list");
	cr_expect_eq(f->loc.line, 2);
	cr_expect_eq(f->loc.col, 3);
	diag_store_release(&ds);
}
