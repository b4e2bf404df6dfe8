/* SPDX-License-Identifier: MIT */
/* test_yaml_feed: libyaml's parse on a second thread gives the events (what the loader reads of
 * them), and on failure the parser's error, that the parse on the loading thread gives — on every
 * YAML file of the tests and examples, on long generated streams that go round the feed's ring many
 * times, and when the loader stops early; and a large system loads with the same rows and findings
 * on one thread and on two. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "config.h"
#include "diag.h"
#include "helpers.h"
#include "load.h"
#include "model.h"
#include "strbuf.h"
#include "xalloc.h"
#include "yaml_feed.h"

static bool same_str(const unsigned char *a, const unsigned char *b)
{
	return (!a && !b) || (a && b && strcmp((const char *)a, (const char *)b) == 0);
}

static bool same_mark(yaml_mark_t a, yaml_mark_t b)
{
	return a.index == b.index && a.line == b.line && a.column == b.column;
}

/* A sequence's or mapping's start: the same anchor, tag, implicit flag and style. */
static void same_start(const unsigned char *anchor_a, const unsigned char *anchor_b,
		       const unsigned char *tag_a, const unsigned char *tag_b, int implicit_a,
		       int implicit_b, int style_a, int style_b)
{
	cr_assert(same_str(anchor_a, anchor_b));
	cr_assert(same_str(tag_a, tag_b));
	cr_assert_eq(implicit_a, implicit_b);
	cr_assert_eq(style_a, style_b);
}

static void same_event(const yaml_event_t *a, const yaml_event_t *b, const char *what, size_t i)
{
	cr_assert_eq(a->type, b->type, "%s: event %zu", what, i);
	/* the feed carries what the loader reads: not the end mark, nor a document's directives */
	cr_assert(same_mark(a->start_mark, b->start_mark), "%s: event %zu start", what, i);
	switch (a->type) {
	case YAML_SCALAR_EVENT:
		cr_assert_eq(a->data.scalar.length, b->data.scalar.length, "%s: event %zu", what,
			     i);
		cr_assert(
		    memcmp(a->data.scalar.value, b->data.scalar.value, a->data.scalar.length) == 0,
		    "%s: event %zu value", what, i);
		cr_assert(same_str(a->data.scalar.anchor, b->data.scalar.anchor), "%s: %zu", what,
			  i);
		cr_assert(same_str(a->data.scalar.tag, b->data.scalar.tag), "%s: %zu", what, i);
		cr_assert_eq(a->data.scalar.style, b->data.scalar.style, "%s: %zu", what, i);
		cr_assert_eq(a->data.scalar.plain_implicit, b->data.scalar.plain_implicit);
		cr_assert_eq(a->data.scalar.quoted_implicit, b->data.scalar.quoted_implicit);
		break;
	case YAML_ALIAS_EVENT:
		cr_assert(same_str(a->data.alias.anchor, b->data.alias.anchor), "%s: %zu", what, i);
		break;
	case YAML_SEQUENCE_START_EVENT:
		same_start(a->data.sequence_start.anchor, b->data.sequence_start.anchor,
			   a->data.sequence_start.tag, b->data.sequence_start.tag,
			   a->data.sequence_start.implicit, b->data.sequence_start.implicit,
			   (int)a->data.sequence_start.style, (int)b->data.sequence_start.style);
		break;
	case YAML_MAPPING_START_EVENT:
		same_start(a->data.mapping_start.anchor, b->data.mapping_start.anchor,
			   a->data.mapping_start.tag, b->data.mapping_start.tag,
			   a->data.mapping_start.implicit, b->data.mapping_start.implicit,
			   (int)a->data.mapping_start.style, (int)b->data.mapping_start.style);
		break;
	case YAML_DOCUMENT_START_EVENT:
		cr_assert_eq(a->data.document_start.implicit, b->data.document_start.implicit);
		break;
	case YAML_DOCUMENT_END_EVENT:
		cr_assert_eq(a->data.document_end.implicit, b->data.document_end.implicit);
		break;
	default:
		break;
	}
}

static void init_parser(yaml_parser_t *p, const char *buf, size_t len)
{
	cr_assert(yaml_parser_initialize(p));
	yaml_parser_set_input_string(p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(p, YAML_UTF8_ENCODING);
}

/* Parse `buf` both ways, taking at most `stop` events from the feed; returns the events seen
 * and whether the parse failed. */
static size_t compare(const char *what, const char *buf, size_t len, size_t stop, bool *failed)
{
	yaml_parser_t ref, fed;
	init_parser(&ref, buf, len);
	init_parser(&fed, buf, len);
	struct yaml_feed *f = yaml_feed_start(&fed);
	cr_assert_not_null(f, "%s: no thread", what);
	size_t n = 0;
	*failed = false;
	for (; n < stop; n++) {
		yaml_event_t want;
		bool ok = yaml_parser_parse(&ref, &want);
		const yaml_event_t *got = yaml_feed_next(f);
		cr_assert_eq(ok, got != NULL, "%s: event %zu: %s", what, n,
			     ok ? "the feed failed" : "the feed went on");
		if (!ok) {
			*failed = true;
			break;
		}
		same_event(&want, got, what, n);
		bool end = want.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&want);
		if (end)
			break;
	}
	yaml_feed_end(f);
	if (*failed) {
		/* the parser is the caller's again, with the error the loader reports */
		cr_assert_eq(ref.error, fed.error, "%s", what);
		cr_assert(same_str((const unsigned char *)ref.problem,
				   (const unsigned char *)fed.problem),
			  "%s", what);
		cr_assert(same_str((const unsigned char *)ref.context,
				   (const unsigned char *)fed.context),
			  "%s", what);
		cr_assert(same_mark(ref.problem_mark, fed.problem_mark), "%s", what);
		cr_assert(same_mark(ref.context_mark, fed.context_mark), "%s", what);
		cr_assert_eq(ref.problem_offset, fed.problem_offset, "%s", what);
		cr_assert_eq(ref.problem_value, fed.problem_value, "%s", what);
	}
	yaml_parser_delete(&ref);
	yaml_parser_delete(&fed);
	return n;
}

static void compare_file(const char *path, void *arg)
{
	FILE *fp = fopen(path, "rb");
	cr_assert_not_null(fp, "%s", path);
	struct strbuf text = STRBUF_INIT;
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		strbuf_add(&text, chunk, got);
	fclose(fp);
	bool failed;
	compare(path, text.buf, text.len, SIZE_MAX, &failed);
	strbuf_release(&text);
}

Test(yaml_feed, same_events_and_errors_on_every_test_and_example_file)
{
	static const char *const exts[] = { ".yaml", ".yml", NULL };
	size_t n = test_each_file(ZHUN_SRCDIR "/tests", exts, compare_file, NULL) +
		   test_each_file(ZHUN_SRCDIR "/examples", exts, compare_file, NULL);
	/* the golden and fuzz cases hold hundreds, many of them broken on purpose */
	cr_assert_gt(n, 200, "only %zu files compared", n);
}

/* A system of `nrows` rows (with anchors, flow and block styles, multi-line scalars and rows
 * that are wrong) and, when `tail` is not NULL, that text after the last row. */
static void long_system(struct strbuf *sb, size_t nrows, const char *tail)
{
	strbuf_adds(sb, "system:\n  id: t\n  title: 长体系\n  date: 2024-12-31\n"
			"  categories:\n    - {code: \"101\", title: 导则}\n  standards:\n");
	for (size_t i = 0; i < nrows; i++) {
		switch (i % 5) {
		case 0:
			strbuf_addf(
			    sb,
			    "    - code: 101-%03zu\n      number: GB/T %zu—2020\n"
			    "      title: 第%zu项服务规范\n      replaces: [GB/T %zu—2010]\n",
			    i % 1000, 10000 + i, i, 10000 + i);
			break;
		case 1:
			strbuf_addf(
			    sb, "    - {code: 101-%03zu, number: \"WH/T %zu-2021\", title: x}\n",
			    i % 1000, 100 + i);
			break;
		case 2:
			strbuf_addf(sb,
				    "    - code: 101-%03zu\n      title: >-\n        折叠的\n"
				    "        标题 %zu\n      status: gone\n",
				    i % 1000, i);
			break;
		case 3:
			strbuf_addf(sb, "    - &r%zu\n      code: 101-%03zu\n      note: '它''s'\n",
				    i, i % 1000);
			break;
		default:
			strbuf_addf(sb, "    - *r%zu\n", i - 1);
			break;
		}
	}
	if (tail)
		strbuf_adds(sb, tail);
}

/* Hundreds of thousands of events: the ring is reused thousands of times. */
Test(yaml_feed, long_streams_and_late_failures)
{
	struct strbuf sb = STRBUF_INIT;
	bool failed;
	long_system(&sb, 20000, NULL);
	size_t n = compare("long", sb.buf, sb.len, SIZE_MAX, &failed);
	cr_assert(!failed);
	cr_assert_gt(n, 100000, "%zu events", n);
	/* a syntax error after many batches, and one in the first batch */
	strbuf_reset(&sb);
	long_system(&sb, 20000, "    - code: [unclosed\n  title: x\n");
	compare("late error", sb.buf, sb.len, SIZE_MAX, &failed);
	cr_assert(failed);
	compare("early error", "a: [b\nc: d\n", 11, SIZE_MAX, &failed);
	cr_assert(failed);
	/* invalid UTF-8: libyaml's reader fails (problem_offset and problem_value) */
	strbuf_reset(&sb);
	long_system(&sb, 3000, "    - title: \xff\xfe\n");
	compare("reader error", sb.buf, sb.len, SIZE_MAX, &failed);
	cr_assert(failed);
	strbuf_release(&sb);
}

/* The loader may stop anywhere (a limit, a document with two roots): what was parsed ahead is
 * freed (ASan's leak checker watches this one). */
Test(yaml_feed, stopping_early_frees_what_was_parsed_ahead)
{
	struct strbuf sb = STRBUF_INIT;
	long_system(&sb, 5000, NULL);
	static const size_t stops[] = { 0, 1, 255, 256, 257, 4095, 4096, 4097, 30000 };
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
		bool failed;
		size_t n = compare("stop", sb.buf, sb.len, stops[i], &failed);
		cr_assert_eq(n, stops[i]);
		cr_assert(!failed);
	}
	/* started and ended at once */
	yaml_parser_t p;
	init_parser(&p, sb.buf, sb.len);
	yaml_feed_end(yaml_feed_start(&p));
	yaml_parser_delete(&p);
	yaml_feed_end(NULL);
	strbuf_release(&sb);
}

/* Load `text` as check does (the rows taken as read) on one thread or two. */
static struct doc *load_threads(const struct strbuf *text, unsigned threads, bool sink,
				struct diag_store *ds)
{
	struct limits lim;
	limits_default(&lim);
	lim.threads = threads;
	lim.max_file_size = text->len + 1;
	if (sink)
		lim.sink = &model_row_sink;
	test_tables();
	struct doc *d = load_buffer("big.yaml", text->buf, text->len, SYNTAX_YAML, ds, &lim);
	if (d)
		model_build(d, ds);
	diag_store_finish(ds);
	return d;
}

static void same_loads(const struct strbuf *text, bool sink, size_t nrows)
{
	cr_assert_geq(text->len, YAML_FEED_MIN, "%zu bytes start no feed", text->len);
	struct diag_store a, b;
	diag_store_init(&a);
	diag_store_init(&b);
	struct doc *da = load_threads(text, 1, sink, &a);
	struct doc *db = load_threads(text, 2, sink, &b);
	cr_assert_gt(diag_store_size(&a), 0, "the text is meant to have findings");
	test_same_loads(da, &a, db, &b, nrows, true);
}

/* What the feed is for: a large system, with and without the row sink, a syntax error at its
 * end (reported with the same position and explanation), and a limit that stops the loader
 * while the feed is ahead of it. */
Test(yaml_feed, a_large_system_loads_the_same_on_two_threads)
{
	struct strbuf sb = STRBUF_INIT;
	long_system(&sb, 16000, NULL);
	same_loads(&sb, true, 16000);
	same_loads(&sb, false, 16000);
	strbuf_reset(&sb);
	long_system(&sb, 16000, "    - code: 101-001\n      title: \"unclosed\n");
	same_loads(&sb, true, 0);
	/* too many aliases: the loader stops at the 1,001st while the feed has parsed ahead */
	strbuf_reset(&sb);
	long_system(&sb, 7000, NULL);
	for (size_t i = 0; i < 1100; i++)
		strbuf_adds(&sb, "    - *r3\n");
	while (sb.len < YAML_FEED_MIN)
		strbuf_adds(&sb, "    - {code: 101-001, title: 填充}\n");
	same_loads(&sb, true, 0);
	strbuf_release(&sb);
}
