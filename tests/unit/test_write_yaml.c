/* SPDX-License-Identifier: MIT */
/* test_write_yaml: write_yaml's own emitter writes, byte for byte, what libyaml's emitter writes
 * for the same events — on every YAML and XML file of the repository's tests and examples, and
 * on random events with the characters where the two could part (indicators, breaks, spaces,
 * quotes, controls, BOM, NEL, LS/PS, characters above U+FFFF, private-use characters). */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "config.h"
#include "helpers.h"
#include "strbuf.h"
#include "utf8.h"
#include "write.h"
#include "write_yaml_int.h"
#include "xalloc.h"

/* ---- the reference: libyaml's emitter, set up as write_yaml set it up before it had its
 * own ---- */

struct ref {
	struct write_yaml_sink sink;
	yaml_emitter_t em;
	struct strbuf *out;
	bool astral; /* characters above U+FFFF go to libyaml as private-use pairs */
	bool ok;
	struct strbuf scratch;
};

static int ref_out(void *data, unsigned char *buffer, size_t size)
{
	strbuf_add(data, buffer, size);
	return 1;
}

static void ref_emit(struct ref *r, yaml_event_t *ev, int init_ok)
{
	if (r->ok && (!init_ok || !yaml_emitter_emit(&r->em, ev)))
		r->ok = false;
}

static void ref_begin(struct write_yaml_sink *s, bool astral)
{
	((struct ref *)s)->astral = astral;
}

static void ref_scalar(struct write_yaml_sink *s, const char *str, size_t len, bool plain)
{
	struct ref *r = (struct ref *)s;
	bool has_astral = false;
	for (size_t i = 0; i < len; i++)
		has_astral |= (unsigned char)str[i] >= 0xF0;
	if (r->astral && has_astral) {
		/* libyaml escapes these: hand it a pair of private-use characters instead */
		strbuf_reset(&r->scratch);
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			size_t k = utf8_decode(str + i, len - i, &cp);
			if (k == 4) {
				char buf[8];
				size_t a = utf8_encode(0xE000 + ((cp - 0x10000) >> 10), buf);
				size_t b = utf8_encode(0xE400 + ((cp - 0x10000) & 0x3FF), buf + a);
				strbuf_add(&r->scratch, buf, a + b);
			} else {
				strbuf_add(&r->scratch, str + i, k ? k : 1);
			}
			i += k ? k : 1;
		}
		str = r->scratch.buf;
		len = r->scratch.len;
	}
	yaml_event_t ev;
	ref_emit(r, &ev,
		 yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)str, (int)len, 1, 1,
					      plain ? YAML_PLAIN_SCALAR_STYLE
						    : YAML_DOUBLE_QUOTED_SCALAR_STYLE));
}

static void ref_seq_start(struct write_yaml_sink *s, bool flow, bool empty)
{
	(void)empty;
	yaml_event_t ev;
	ref_emit((struct ref *)s, &ev,
		 yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						      flow ? YAML_FLOW_SEQUENCE_STYLE
							   : YAML_BLOCK_SEQUENCE_STYLE));
}

static void ref_seq_end(struct write_yaml_sink *s)
{
	yaml_event_t ev;
	ref_emit((struct ref *)s, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void ref_map_start(struct write_yaml_sink *s, bool empty)
{
	(void)empty;
	yaml_event_t ev;
	ref_emit((struct ref *)s, &ev,
		 yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

static void ref_map_end(struct write_yaml_sink *s)
{
	yaml_event_t ev;
	ref_emit((struct ref *)s, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void ref_end(struct write_yaml_sink *s)
{
	struct ref *r = (struct ref *)s;
	yaml_event_t ev;
	ref_emit(r, &ev, yaml_document_end_event_initialize(&ev, 1));
	ref_emit(r, &ev, yaml_stream_end_event_initialize(&ev));
	yaml_emitter_flush(&r->em);
}

static void ref_init(struct ref *r, struct strbuf *out)
{
	memset(r, 0, sizeof *r);
	r->sink = (struct write_yaml_sink){ ref_begin,	   ref_scalar,	ref_seq_start, ref_seq_end,
					    ref_map_start, ref_map_end, ref_end };
	r->out = out;
	r->ok = true;
	strbuf_init(&r->scratch);
	cr_assert(yaml_emitter_initialize(&r->em));
	yaml_emitter_set_output(&r->em, ref_out, out);
	yaml_emitter_set_unicode(&r->em, 1);
	yaml_emitter_set_indent(&r->em, 2);
	yaml_emitter_set_width(&r->em, -1);
	yaml_emitter_set_break(&r->em, YAML_LN_BREAK);
	yaml_event_t ev;
	ref_emit(r, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	ref_emit(r, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
}

/* Turn the private-use pairs back into their characters. */
static void ref_release(struct ref *r)
{
	yaml_emitter_delete(&r->em);
	strbuf_release(&r->scratch);
	if (!r->astral)
		return;
	struct strbuf *out = r->out;
	size_t rd = 0, wr = 0;
	while (rd < out->len) {
		uint32_t hi, lo;
		size_t a = utf8_decode(out->buf + rd, out->len - rd, &hi);
		if (a == 3 && hi >= 0xE000 && hi <= 0xE3FF) {
			size_t b = utf8_decode(out->buf + rd + a, out->len - rd - a, &lo);
			if (b == 3 && lo >= 0xE400 && lo <= 0xE7FF) {
				char buf[4];
				size_t k = utf8_encode(
				    0x10000 + ((hi - 0xE000) << 10) + (lo - 0xE400), buf);
				memcpy(out->buf + wr, buf, k);
				wr += k;
				rd += a + b;
				continue;
			}
		}
		out->buf[wr++] = out->buf[rd++];
	}
	strbuf_setlen(out, wr);
}

/* ---- whole documents ---- */

static size_t files_compared;

static void compare_doc(const char *path, const struct doc *d)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	struct ref r;
	ref_init(&r, &want);
	write_yaml_walk(d, &r.sink);
	cr_assert(r.ok, "%s: libyaml's emitter failed: %s", path,
		  r.em.problem ? r.em.problem : "?");
	ref_release(&r);
	write_yaml(d, &got);
	cr_assert(got.len == want.len && memcmp(got.buf, want.buf, got.len) == 0,
		  "%s: write_yaml differs from libyaml:\n--- libyaml\n%s\n--- write_yaml\n%s", path,
		  want.buf, got.buf);
	files_compared++;
	strbuf_release(&want);
	strbuf_release(&got);
}

static void compare_file(const char *path, void *arg)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct limits lim;
	limits_default(&lim);
	struct doc *d = load_file(path, &ds, &lim);
	/* what loaded, with or without findings: write_yaml takes any tree */
	if (d && d->root)
		compare_doc(path, d);
	doc_free(d);
	diag_store_release(&ds);
}

Test(write_yaml, same_as_libyaml_on_every_test_and_example_file)
{
	test_tables();
	static const char *const exts[] = { ".yaml", ".yml", ".xml", NULL };
	test_each_file(ZHUN_SRCDIR "/tests", exts, compare_file, NULL);
	test_each_file(ZHUN_SRCDIR "/examples", exts, compare_file, NULL);
	/* the tests and examples hold several hundred; a walk that found none compared nothing */
	cr_assert_gt(files_compared, 200, "only %zu files compared", files_compared);
}

/* ---- random events ---- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33) % n;
}

/* pieces of text where the two emitters could disagree */
static const char *const pieces[] = {
	"a",
	"b",
	"0",
	"1",
	" ",
	" ",
	"\t",
	"\n",
	"\r",
	":",
	"#",
	"-",
	"?",
	",",
	"[",
	"]",
	"{",
	"}",
	"'",
	"\"",
	"\\",
	"!",
	"&",
	"*",
	"|",
	">",
	"%",
	"@",
	"`",
	".",
	"~",
	"=",
	"<",
	"中",
	"文",
	"—",
	"：",
	"（",
	"é",
	"\xE0\xA4\x85",	    /* Devanagari अ: a 3-byte character from E0 */
	"\xC2\x85",	    /* NEL */
	"\xC2\xA0",	    /* no-break space */
	"\xC2\x80",	    /* C1 control */
	"\xE2\x80\xA8",	    /* LS */
	"\xE2\x80\xA9",	    /* PS */
	"\xEF\xBB\xBF",	    /* BOM */
	"\xEF\xBF\xBD",	    /* U+FFFD */
	"\xEF\xBF\xBE",	    /* U+FFFE */
	"\xED\x9F\xBF",	    /* U+D7FF */
	"\xF0\xA0\x80\x80", /* U+20000, CJK Extension B */
	"\xF0\x9F\x98\x80", /* an emoji */
	"\x7F",
	"\x01",
	"\x1B",
	"\x07",
	"---",
	"...",
	"- ",
	": ",
	" #",
	"? ",
};
static const char pua[] = "\xEE\x80\x80"; /* U+E000, a private-use character */

static void random_text(struct strbuf *sb, bool astral)
{
	strbuf_reset(sb);
	unsigned n = rnd(10) == 0 ? 0 : rnd(7);
	if (rnd(40) == 0) {
		/* past the 128 bytes of a simple key */
		for (unsigned i = 0; i < 120 + rnd(20); i++)
			strbuf_addc(sb, 'k');
	}
	for (unsigned i = 0; i < n; i++) {
		if (!astral && rnd(30) == 0)
			strbuf_adds(sb, pua);
		else if (rnd(3) == 0)
			strbuf_adds(sb, "ab");
		else
			strbuf_adds(sb, pieces[rnd(sizeof pieces / sizeof pieces[0])]);
	}
	if (rnd(25) == 0)
		strbuf_add(sb, "\0x", 2); /* a NUL inside the text ("\0" in YAML) */
}

static void random_node(struct write_yaml_sink *s, struct strbuf *sb, bool astral, int depth,
			bool flow)
{
	/* inside a flow sequence write_yaml puts scalars only, libyaml takes anything */
	unsigned kind = depth > 5 || (flow && rnd(4)) ? 0 : rnd(5);
	if (kind <= 1) {
		random_text(sb, astral);
		s->scalar(s, sb->buf, sb->len, rnd(2));
		return;
	}
	unsigned n = rnd(4);
	if (kind == 2 || kind == 3) {
		bool f = kind == 3;
		s->seq_start(s, f, n == 0);
		for (unsigned i = 0; i < n; i++)
			random_node(s, sb, astral, depth + 1, f || flow);
		s->seq_end(s);
		return;
	}
	s->map_start(s, n == 0);
	for (unsigned i = 0; i < n; i++) {
		random_text(sb, astral);
		s->scalar(s, sb->buf, sb->len, rnd(2));
		random_node(s, sb, astral, depth + 1, flow);
	}
	s->map_end(s);
}

static void random_doc(struct write_yaml_sink *s, uint64_t seed, bool astral)
{
	struct strbuf sb = STRBUF_INIT;
	rng_state = seed;
	s->begin(s, astral);
	random_node(s, &sb, astral, 0, false);
	s->end(s);
	strbuf_release(&sb);
}

Test(write_yaml, same_as_libyaml_on_random_events)
{
	size_t nonempty = 0;
	for (uint64_t seed = 1; seed <= 20000; seed++) {
		bool astral = seed % 3 != 0;
		struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
		struct ref r;
		ref_init(&r, &want);
		random_doc(&r.sink, seed, astral);
		bool ok = r.ok;
		ref_release(&r);
		struct write_yaml_sink *s = write_yaml_emitter_new(&got);
		random_doc(s, seed, astral);
		write_yaml_emitter_free(s);
		/* libyaml refuses nothing of these: every text is valid UTF-8 */
		cr_assert(ok, "seed %llu: libyaml's emitter failed", (unsigned long long)seed);
		cr_assert(got.len == want.len && memcmp(got.buf, want.buf, got.len) == 0,
			  "seed %llu: the emitters differ:\n--- libyaml\n%s\n--- write_yaml\n%s",
			  (unsigned long long)seed, want.buf, got.buf);
		nonempty += want.len > 3;
		strbuf_release(&want);
		strbuf_release(&got);
	}
	cr_assert_gt(nonempty, 10000);
}

/* A document that uses a private-use character keeps libyaml's escapes for the characters
 * above U+FFFF; any other writes them as they are. */
Test(write_yaml, astral_characters)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d =
	    test_load(&ds, "a.yaml", "system:\n  id: x\n  title: \xF0\xA0\x80\x80 馆\n");
	cr_assert_not_null(d);
	struct strbuf out = STRBUF_INIT;
	write_yaml(d, &out);
	cr_assert(strstr(out.buf, "title: \xF0\xA0\x80\x80 馆\n"), "%s", out.buf);
	doc_free(d);
	diag_store_release(&ds);
	diag_store_init(&ds);
	d = test_load(&ds, "a.yaml",
		      "system:\n  id: x\n  title: \xF0\xA0\x80\x80 馆\n  owner: \xEE\x80\x80\n");
	cr_assert_not_null(d);
	strbuf_reset(&out);
	write_yaml(d, &out);
	cr_assert(strstr(out.buf, "title: \"\\U00020000 馆\"\n"), "%s", out.buf);
	cr_assert(strstr(out.buf, "owner: \xEE\x80\x80\n"), "%s", out.buf);
	strbuf_release(&out);
	doc_free(d);
	diag_store_release(&ds);
}

/* In a flow sequence the ASCII flow indicators are quoted, and nothing else: 开 (U+5F00) and
 * ｛ (U+FF5B) were once quoted for the low byte of their code point. */
Test(write_yaml, flow_items_quoted_for_ascii_indicators_only)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = test_load(&ds, "a.yaml",
				  "system:\n  id: x\n  title: t\n"
				  "  own-prefixes: [开放时间, ｛甲｝, 丙，丁, \"a,b\", \"[c]\"]\n");
	cr_assert_not_null(d);
	struct strbuf out = STRBUF_INIT;
	write_yaml(d, &out);
	cr_assert(strstr(out.buf, "own-prefixes: [开放时间, ｛甲｝, 丙，丁, \"a,b\", \"[c]\"]\n"),
		  "%s", out.buf);
	strbuf_release(&out);
	doc_free(d);
	diag_store_release(&ds);
}
