/* SPDX-License-Identifier: MIT */
/* fuzz_stdno: the standard-number grammar (stdno.c) on any valid UTF-8 text: parse, print and
 * the keys, the scanner the extractor uses at every position, and three invariants — the
 * canonical form parses back to itself, a scan never runs past its input, and the reference
 * order is antisymmetric (it feeds qsort). */
#include <string.h>

#include "fuzz.h"
#include "strbuf.h"
#include "utf8.h"

static void canonical(const struct stdno *n, struct strbuf *sb)
{
	strbuf_reset(sb);
	stdno_format(n, sb);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Parse `s` and check what holds for every number that parses. */
static bool parse_and_check(const char *s, size_t len, struct stdno *n)
{
	struct stdno_error e;
	if (!stdno_parse(s, len, n, &e)) {
		if (e.code == STDNO_E_OK)
			fuzz_fail("stdno_parse failed with STDNO_E_OK");
		if (e.offset > len)
			fuzz_fail("error offset %zu past the input (%zu bytes)", e.offset, len);
		(void)stdno_strerror(e.code);
		return false;
	}
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, k = STRBUF_INIT;
	canonical(n, &a);
	if (utf8_validate(a.buf, a.len) < a.len)
		fuzz_fail("canonical form of '%.*s' is not valid UTF-8", (int)len, s);
	stdno_work_key(n, &k);
	stdno_edition_key(n, &k);
	(void)stdno_ref_group(n);
	struct stdno m;
	struct stdno_error e2;
	if (!stdno_parse(a.buf, a.len, &m, &e2))
		fuzz_fail("'%.*s' parses, but its canonical form '%s' does not: %s", (int)len, s,
			  a.buf, stdno_strerror(e2.code));
	canonical(&m, &b);
	if (a.len != b.len || memcmp(a.buf, b.buf, a.len))
		fuzz_fail("canonical form of '%.*s' is '%s', which prints as '%s'", (int)len, s,
			  a.buf, b.buf);
	if (!stdno_same_edition(n, &m) || !stdno_same_work(n, &m))
		fuzz_fail("'%.*s' and its canonical form '%s' are not the same edition", (int)len,
			  s, a.buf);
	if (stdno_ref_cmp(n, &m) != 0 || stdno_ref_cmp(&m, n) != 0)
		fuzz_fail("'%.*s' and its canonical form '%s' do not sort together", (int)len, s,
			  a.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&k);
	return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	/* zhun hands stdno only text its loaders accepted: valid UTF-8 without NUL bytes */
	if (memchr(s, '\0', size) || utf8_validate(s, size) < size)
		return 0;
	/* two numbers on two lines: the ordering invariants */
	const char *nl = memchr(s, '\n', size);
	size_t l1 = nl ? (size_t)(nl - s) : size;
	struct stdno a, b;
	bool ok_a = parse_and_check(s, l1, &a);
	if (nl) {
		bool ok_b = parse_and_check(nl + 1, size - l1 - 1, &b);
		if (ok_a && ok_b) {
			if (sign(stdno_ref_cmp(&a, &b)) != -sign(stdno_ref_cmp(&b, &a)))
				fuzz_fail("stdno_ref_cmp is not antisymmetric");
			if (stdno_same_edition(&a, &b) && !stdno_same_work(&a, &b))
				fuzz_fail("same edition but not the same work");
			if (stdno_same_work(&a, &b) != stdno_same_work(&b, &a))
				fuzz_fail("stdno_same_work is not symmetric");
		}
	} else if (ok_a && stdno_ref_cmp(&a, &a) != 0) {
		fuzz_fail("stdno_ref_cmp(a, a) != 0");
	}
	/* the scanner at every code-point start, as the extractor calls it */
	for (size_t i = 0, step; i < size; i += step) {
		uint32_t cp;
		step = utf8_decode(s + i, size - i, &cp);
		if (!step)
			fuzz_fail("valid UTF-8 does not decode at %zu", i);
		struct stdno n;
		struct stdno_error e;
		size_t got = stdno_scan_err(s + i, size - i, &n, &e);
		if (got > size - i)
			fuzz_fail("stdno_scan_err at %zu took %zu bytes of %zu", i, got, size - i);
		if (!got && e.code != STDNO_E_PREFIX && e.offset > size - i)
			fuzz_fail("stdno_scan_err error offset %zu past the input", e.offset);
		if (got) {
			struct strbuf sb = STRBUF_INIT;
			stdno_format(&n, &sb);
			strbuf_release(&sb);
		}
	}
	return 0;
}
