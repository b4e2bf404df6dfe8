/* SPDX-License-Identifier: MIT */
/* test_base: the infrastructure modules — arena, strbuf, strmap, utf8, the generic tree and
 * the language switch. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "lazylib.h"
#include "node.h"
#include "strbuf.h"
#include "strmap.h"
#include "utf8.h"

Test(arena, zeroed_aligned_and_large_blocks)
{
	struct arena *a = arena_new();
	for (int i = 0; i < 1000; i++) {
		unsigned char *p = arena_alloc(a, (size_t)i % 97 + 1);
		cr_assert_eq((uintptr_t)p % 16, 0);
		for (int k = 0; k < i % 97 + 1; k++)
			cr_assert_eq(p[k], 0);
		p[0] = 0xAA;
	}
	char *big = arena_alloc(a, 1 << 20);
	cr_assert_eq(big[(1 << 20) - 1], 0);
	char *s = arena_strndup(a, "标准体系xyz", 12);
	cr_assert_str_eq(s, "标准体系");
	cr_assert_null(arena_memdup(a, s, 0, 1));
	cr_assert_geq(arena_used(a), (size_t)(1 << 20));
	arena_free(a);
}

/* The tree part: 8-byte aligned and zeroed, past a megabyte in mapped blocks, and freed on its
 * own while the rest of the arena stays. */
Test(arena, tree_part_is_freed_apart)
{
	struct arena *a = arena_new();
	char *s = arena_strndup(a, "体系", 6);
	long *obj = arena_alloc(a, sizeof *obj);
	*obj = 42;
	size_t base = arena_used(a);
	unsigned char *first = NULL, *last = NULL;
	for (int i = 0; i < 120000; i++) { /* about 2.4 MB: heap blocks, then mapped ones */
		size_t n = (size_t)i % 37 + 1;
		unsigned char *p = arena_alloc_tree(a, n);
		cr_assert_eq((uintptr_t)p % 8, 0);
		for (size_t k = 0; k < n; k++)
			cr_assert_eq(p[k], 0, "%d", i);
		memset(p, 0xAB, n);
		if (!first)
			first = p;
		last = p;
	}
	unsigned char *big = arena_alloc_tree(a, 3u << 20);
	cr_assert_eq(big[(3u << 20) - 1], 0);
	struct arena_ranges r;
	arena_ranges_init(&r, a);
	cr_assert_not_null(arena_ranges_find(&r, first, 1));
	cr_assert_not_null(arena_ranges_find(&r, last, 1));
	cr_assert_not_null(arena_ranges_find(&r, big, 3u << 20));
	arena_ranges_release(&r);
	cr_assert_gt(arena_used(a), base + (3u << 20));
	arena_clear_tree(a);
	cr_assert_eq(arena_used(a), base);
	cr_assert_str_eq(s, "体系");
	cr_assert_eq(*obj, 42);
	arena_ranges_init(&r, a);
	cr_assert_not_null(arena_ranges_find(&r, s, 7));
	cr_assert_eq(r.n, 2, "only the object and the string block are left");
	arena_ranges_release(&r);
	unsigned char *again = arena_alloc_tree(a, 24);
	for (int k = 0; k < 24; k++)
		cr_assert_eq(again[k], 0);
	arena_free(a);
}

/* A loader frees a finished row's nodes by going back to a mark (load.h, struct load_sink):
 * whatever the tree part handed out since is freed, across heap and mapped blocks and one-off
 * blocks, what came before and the rest of the arena stay, and what is handed out next is
 * zeroed again. */
Test(arena, tree_part_rewinds_to_a_mark)
{
	struct arena *a = arena_new();
	long *obj = arena_alloc(a, sizeof *obj);
	*obj = 7;
	struct arena_mark empty = arena_mark_tree(a);
	size_t base = arena_used(a);
	/* a mark with no tree block yet: everything goes */
	memset(arena_alloc_tree(a, 100), 0xCD, 100);
	arena_rewind_tree(a, &empty);
	cr_assert_eq(arena_used(a), base);
	unsigned char *keep = arena_alloc_tree(a, 40);
	memset(keep, 0x11, 40);
	for (int round = 0; round < 3; round++) {
		struct arena_mark m = arena_mark_tree(a);
		size_t at = arena_used(a);
		/* a one-off behind the head (more than a heap block, within the first megabyte),
		 * then enough for new heads, heap and mapped */
		unsigned char *one = arena_alloc_tree(a, 100000);
		memset(one, 0xEE, 100000);
		for (int i = 0; i < 60000; i++) {
			size_t n = (size_t)i % 41 + 1;
			unsigned char *p = arena_alloc_tree(a, n);
			for (size_t k = 0; k < n; k++)
				cr_assert_eq(p[k], 0, "round %d, allocation %d", round, i);
			memset(p, 0xAB, n);
		}
		cr_assert_gt(arena_used(a), at + (1u << 20));
		arena_rewind_tree(a, &m);
		cr_assert_eq(arena_used(a), at, "round %d", round);
		struct arena_ranges r;
		arena_ranges_init(&r, a);
		cr_assert_not_null(arena_ranges_find(&r, keep, 40));
		cr_assert_leq(r.n, 3, "round %d: %zu blocks left", round, r.n);
		arena_ranges_release(&r);
		for (int k = 0; k < 40; k++)
			cr_assert_eq(keep[k], 0x11);
	}
	unsigned char *next = arena_alloc_tree(a, 64);
	for (int k = 0; k < 64; k++)
		cr_assert_eq(next[k], 0);
	cr_assert_eq(*obj, 7);
	arena_free(a);
}

/* A system's rows fill one array as they are read: it keeps its contents as it grows, its new
 * bytes are zero, and it is the arena's (freed with it, found by arena_ranges). */
Test(arena, grown_array_keeps_its_contents)
{
	struct arena *a = arena_new();
	size_t base = arena_used(a);
	unsigned *v = NULL;
	size_t cap = 0;
	for (unsigned i = 0; i < 3000000; i++) {
		if (i == cap) {
			cap = cap ? 2 * cap : 16;
			v = arena_grow(a, v, cap * sizeof *v);
			for (size_t k = i; k < cap; k++)
				cr_assert_eq(v[k], 0, "%zu of %zu", k, cap);
		}
		v[i] = i * 7u;
	}
	for (unsigned i = 0; i < 3000000; i++)
		cr_assert_eq(v[i], i * 7u);
	cr_assert_eq(arena_used(a), base + cap * sizeof *v);
	unsigned *w = arena_grow(a, NULL, 8);
	cr_assert_neq(w, v);
	struct arena_ranges r;
	arena_ranges_init(&r, a);
	cr_assert_not_null(arena_ranges_find(&r, v, cap * sizeof *v));
	cr_assert_not_null(arena_ranges_find(&r, w, 8));
	cr_assert_null(arena_ranges_find(&r, w, 4096 * 2));
	arena_ranges_release(&r);
	arena_free(a);
}

Test(arena, ranges_hold_what_was_handed_out_and_nothing_else)
{
	struct arena *a = arena_new();
	struct arena_ranges r;
	arena_ranges_init(&r, a);
	int local;
	cr_assert_null(arena_ranges_find(&r, &local, 1));
	arena_ranges_release(&r);
	char *small[3000];
	for (int i = 0; i < 3000; i++)
		small[i] = arena_alloc(a, 40);
	char *s = arena_strndup(a, "标准", 6);
	char *big = arena_alloc(a, 1 << 20);
	char *after = arena_alloc(a, 8);
	char *heap = malloc(64);
	arena_ranges_init(&r, a);
	cr_assert_gt(r.n, 2);
	for (size_t i = 1; i < r.n; i++)
		cr_assert_lt(r.v[i - 1].lo, r.v[i].lo);
	for (int i = 0; i < 3000; i++)
		cr_assert_not_null(arena_ranges_find(&r, small[i], 40), "%d", i);
	cr_assert_not_null(arena_ranges_find(&r, s, 7));
	/* a string is packed: past its NUL, the block has handed out nothing yet */
	cr_assert_null(arena_ranges_find(&r, s, 8));
	cr_assert_not_null(arena_ranges_find(&r, big, 1 << 20));
	cr_assert_null(arena_ranges_find(&r, big, (1 << 20) + 1));
	cr_assert_not_null(arena_ranges_find(&r, after, 8));
	cr_assert_null(arena_ranges_find(&r, heap, 1));
	cr_assert_null(arena_ranges_find(&r, &local, 1));
	arena_ranges_release(&r);
	free(heap);
	arena_free(a);
}

Test(strbuf, invariants_and_formatting)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb);
	cr_assert_str_eq(sb.buf, "");
	strbuf_adds(&sb, "GB/T ");
	strbuf_addf(&sb, "%d.%d", 1, 1);
	strbuf_addc(&sb, '-');
	strbuf_addrep(&sb, "—", 2);
	cr_assert_str_eq(sb.buf, "GB/T 1.1-——");
	cr_assert_eq(sb.len, strlen(sb.buf));
	strbuf_setlen(&sb, 4);
	cr_assert_str_eq(sb.buf, "GB/T");
	size_t len;
	char *d = strbuf_detach(&sb, &len);
	cr_assert_eq(len, 4);
	cr_assert_str_eq(d, "GB/T");
	cr_assert_str_eq(sb.buf, "");
	free(d);
	for (int i = 0; i < 10000; i++)
		strbuf_addc(&sb, 'x');
	cr_assert_eq(sb.len, 10000);
	strbuf_reset(&sb);
	cr_assert_eq(sb.len, 0);
	cr_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
}

/* STRBUF_INIT keeps the invariant without a call: buf is the shared empty string, which no
 * function frees or writes into, and which detach never hands out. */
Test(strbuf, static_init_is_an_empty_string)
{
	struct strbuf sb = STRBUF_INIT;
	cr_assert_not_null(sb.buf);
	cr_assert_str_eq(sb.buf, "");
	cr_assert(str_has_prefix(sb.buf, ""));
	strbuf_reset(&sb);
	strbuf_setlen(&sb, 0);
	strbuf_add(&sb, "", 0);
	strbuf_addf(&sb, "%s", "");
	cr_assert_eq(sb.len, 0);
	cr_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
	cr_assert_str_eq(sb.buf, "");
	struct strbuf other = STRBUF_INIT;
	cr_assert_eq(sb.buf, other.buf, "empty strbufs share one buffer");
	size_t len = 1;
	char *d = strbuf_detach(&sb, &len);
	cr_assert_eq(len, 0);
	cr_assert_str_eq(d, "");
	cr_assert_neq(d, other.buf, "detach returns memory the caller may free");
	free(d);
	strbuf_addc(&sb, 'x');
	cr_assert_str_eq(sb.buf, "x");
	cr_assert_str_eq(other.buf, "", "writing to one strbuf leaves the shared buffer empty");
	strbuf_release(&sb);
	strbuf_release(&other);
}

/* strbuf_addu writes what "%llu" would, from a fresh strbuf and after text. */
Test(strbuf, addu_as_printf)
{
	const unsigned long long vs[] = { 0, 7, 10, 42, 1000000, 18446744073709551615ULL };
	for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
		char want[32];
		snprintf(want, sizeof want, "x%llu", vs[i]);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addc(&sb, 'x');
		strbuf_addu(&sb, vs[i]);
		cr_assert_str_eq(sb.buf, want);
		cr_assert_eq(sb.len, strlen(want));
		strbuf_release(&sb);
	}
}

/* i18n_is_zh keeps its answer from the environment until i18n_init or i18n_set_lang, the only
 * functions that change what it reads. */
Test(i18n, is_zh_asks_again_after_init_and_set_lang)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANGUAGE", "en_US", 1);
	i18n_init();
	cr_assert(!i18n_is_zh());
	cr_assert(!i18n_is_zh());
	setenv("LANGUAGE", "zh_CN", 1);
	i18n_init();
	cr_assert(i18n_is_zh());
	cr_assert(i18n_set_lang("en"));
	cr_assert(!i18n_is_zh());
	cr_assert(i18n_set_lang("zh"));
	cr_assert(i18n_is_zh());
}

/* A reserved map takes its entries without growing (the check indexes of a large system are
 * reserved before two threads fill them), and grows as usual past them. */
Test(strmap, reserve_allocates_once)
{
	static char keys[4096][16];
	struct strmap m;
	strmap_init(&m);
	strmap_reserve(&m, 4096);
	const struct strmap_slot *slots = m.slots;
	const uint32_t *index = m.index;
	size_t cap = m.cap, icap = m.icap;
	cr_assert_geq(cap, 4096);
	for (int i = 0; i < 4096; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		strmap_put(&m, keys[i], (void *)(intptr_t)(i + 1));
	}
	cr_assert_eq(m.slots, slots);
	cr_assert_eq(m.index, index);
	cr_assert_eq(m.cap, cap);
	cr_assert_eq(m.icap, icap);
	for (int i = 0; i < 4096; i++)
		cr_assert_eq((intptr_t)strmap_get(&m, keys[i]), i + 1);
	strmap_put(&m, "one more", (void *)1);
	cr_assert_gt(m.icap, icap);
	cr_assert_eq((intptr_t)strmap_get(&m, "one more"), 1);
	strmap_release(&m);
}

Test(strmap, put_get_replace_and_growth)
{
	struct strmap m;
	strmap_init(&m);
	cr_assert_null(strmap_get(&m, "x"));
	static char keys[5000][16];
	for (int i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		cr_assert_null(strmap_put(&m, keys[i], (void *)(intptr_t)(i + 1)));
	}
	cr_assert_eq(m.n, 5000);
	for (int i = 0; i < 5000; i++)
		cr_assert_eq((intptr_t)strmap_get(&m, keys[i]), i + 1);
	cr_assert_eq((intptr_t)strmap_put(&m, "k7", (void *)99), 8);
	cr_assert_eq((intptr_t)strmap_get(&m, "k7"), 99);
	cr_assert_eq((intptr_t)strmap_put_new(&m, "k7", (void *)5), 99);
	cr_assert_eq((intptr_t)strmap_put_new(&m, "new", (void *)5), 5);
	cr_assert_eq((intptr_t)strmap_getn(&m, "k12345", 3), 13);
	cr_assert_eq(strmap_hash("", 0), 0xcbf29ce484222325ULL);
	strmap_release(&m);
	cr_assert_eq(m.n, 0);
}

Test(utf8, decode_validate_count_width)
{
	uint32_t cp;
	cr_assert_eq(utf8_decode("中", 3, &cp), 3);
	cr_assert_eq(cp, 0x4E2D);
	cr_assert_eq(utf8_decode("\xC0\x80", 2, &cp), 0);     /* overlong */
	cr_assert_eq(utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
	cr_assert_eq(utf8_decode("\xE4\xB8", 2, &cp), 0);     /* truncated */
	char out[4];
	cr_assert_eq(utf8_encode(0x2014, out), 3);
	cr_assert_eq(memcmp(out, "—", 3), 0);
	cr_assert_eq(utf8_validate("ab\xFF", 3), 2);
	cr_assert_eq(utf8_validate("标准", 6), 6);
	cr_assert_eq(utf8_count("GB/T 1.1—2020", strlen("GB/T 1.1—2020")), 13);
	cr_assert_eq(utf8_width("标准ab", 8), 6);
	cr_assert_eq(utf8_width("（）", 6), 4);
	cr_assert_eq(utf8_prefix_for_width("标准体系", 12, 5), 6);
	cr_assert(utf8_is_space(0x3000));
	cr_assert(!utf8_is_space(0x4E00));
}

static const char *folded(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	utf8_fold_space(sb, s);
	return sb->buf;
}

/* Titles and boilerplate compare folded (model.md §6): every run of white space, U+3000 and
 * U+00A0 included, is one space, the ends trimmed; an invalid byte is kept as it is. */
Test(utf8, fold_space)
{
	struct strbuf sb = STRBUF_INIT;
	cr_assert_str_eq(folded(&sb, "  标准化工作导则\u3000\u3000第1部分 \t\n"),
			 "标准化工作导则 第1部分");
	cr_assert_str_eq(folded(&sb, "a\u00A0b"), "a b");
	cr_assert_str_eq(folded(&sb, "\u3000 \t"), "");
	cr_assert_str_eq(folded(&sb, ""), "");
	cr_assert_str_eq(folded(&sb, NULL), "");
	cr_assert_str_eq(folded(&sb, " a\xFF  b"), "a\xFF b");
	/* appending: one space between what the buffer holds and what s adds, none for nothing */
	strbuf_reset(&sb);
	utf8_fold_space(&sb, " 术语 ");
	utf8_fold_space(&sb, "  ");
	utf8_fold_space(&sb, NULL);
	cr_assert_str_eq(sb.buf, "术语");
	utf8_fold_space(&sb, "\u3000定义\u3000");
	cr_assert_str_eq(sb.buf, "术语 定义");
	cr_assert_eq(sb.len, strlen(sb.buf));
	strbuf_release(&sb);
	cr_assert(utf8_fold_space_equal("标准化　工作 ", "标准化 \t工作"));
	cr_assert(!utf8_fold_space_equal("标准化工作", "标准化 工作"));
	cr_assert(utf8_fold_space_equal(" ", ""));
	cr_assert(utf8_is_blank(NULL));
	cr_assert(utf8_is_blank(""));
	cr_assert(utf8_is_blank(" \u3000\t\u00A0"));
	cr_assert(!utf8_is_blank(" x "));
	cr_assert(!utf8_is_blank("\xFF"));
}

/* utf8_is_blank decides most strings by their first byte: it must agree with utf8_is_space on
 * every code point, alone and after a space. */
Test(utf8, is_blank_agrees_with_is_space)
{
	for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char s[8] = " ";
		s[1 + utf8_encode(cp, s + 1)] = '\0';
		cr_assert_eq(utf8_is_blank(s + 1), utf8_is_space(cp), "U+%04X", (unsigned)cp);
		cr_assert_eq(utf8_is_blank(s), utf8_is_space(cp), "space, U+%04X", (unsigned)cp);
	}
	cr_assert(!utf8_is_blank("\xE3\x80"), "a truncated U+3000 is no space");
	cr_assert(!utf8_is_blank(" \xC2"));
}

Test(node, equal_ignores_key_order_but_not_sequence_order)
{
	struct doc *d = doc_new("t", SYNTAX_YAML);
	struct loc l = { 1, 1 };
	struct node *a = node_scalar(d, "a", 1, l, 0), *b = node_scalar(d, "b", 1, l, 0);
	struct node *one = node_scalar(d, "1", 1, l, 0), *two = node_scalar(d, "2", 1, l, 0);
	struct node_pair p1[] = { { a, one }, { b, two } }, p2[] = { { b, two }, { a, one } };
	struct node *m1 = node_map(d, p1, 2, l), *m2 = node_map(d, p2, 2, l);
	cr_assert(node_equal(m1, m2));
	struct node *s1i[] = { one, two }, *s2i[] = { two, one };
	cr_assert(!node_equal(node_seq(d, s1i, 2, l), node_seq(d, s2i, 2, l)));
	struct node_pair p3[] = { { a, one }, { b, one } };
	cr_assert(!node_equal(m1, node_map(d, p3, 2, l)));
	cr_assert_eq(node_count(m1), 5);
	cr_assert_eq(node_get(m2, "a"), one);
	cr_assert_null(node_get(m2, "c"));
	cr_assert(node_is(node_get(m1, "b"), "2"));
	cr_assert_eq(doc_kind_from_name("registry"), DOC_REGISTRY);
	cr_assert_str_eq(doc_kind_name(DOC_SYSTEM), "system");
	doc_free(d);
}

/* lazylib: the table is filled from the library, and every way of failing says why. */
#define LIBC_FUNCS(X) X(strlen) X(strchr)
Test(lazylib, fills_the_table_and_reports_failures)
{
	struct {
		LIBC_FUNCS(LAZYLIB_PTR)
	} t = { NULL, NULL };
	static const char *const names[] = { LIBC_FUNCS(LAZYLIB_NAME) };
	cr_assert_null(lazylib_open("libc.so.6", names, LAZYLIB_COUNT(names), &t, sizeof t));
	cr_assert_eq(t.strlen("zhun"), 4);
	cr_assert_str_eq(t.strchr("a/b", '/'), "/b");

	char *why = lazylib_open("libzhun-no-such-library.so.9", names, 2, &t, sizeof t);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "libzhun-no-such-library.so.9"), "%s", why);
	free(why);

	static const char *const missing[] = { "strlen", "zhun_no_such_function" };
	why = lazylib_open("libc.so.6", missing, 2, &t, sizeof t);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "zhun_no_such_function"), "%s", why);
	free(why);

	why = lazylib_open("libc.so.6", names, 1, &t, sizeof t); /* table and names differ */
	cr_assert_not_null(why);
	free(why);
}

/* utf8_validate's fast paths (eight ASCII bytes at once, CJK three-byte sequences inline) give
 * the answer of decoding character by character, on strings made to hit their edges. */
static size_t validate_slowly(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = (unsigned char)s[i] < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

Test(utf8, validate_agrees_with_decoding_one_by_one)
{
	/* bytes that matter: ASCII, continuations, every kind of lead byte and the invalid ones */
	static const unsigned char pool[] = { 'a',  ' ',  0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0,
					      0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
					      0xF0, 0xF4, 0xF5, 0xFF, 0xE4, 0xB8, 0xAD };
	uint32_t seed = 12345;
	char s[40];
	for (int round = 0; round < 200000; round++) {
		size_t len = 0, want = (size_t)(round % 40);
		while (len < want) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 16;
			if (r % 4 == 0 && len + 3 <= want) { /* a valid CJK character */
				memcpy(s + len, "中", 3);
				len += 3;
			} else if (r % 4 == 1) {
				s[len++] = 'x';
			} else {
				s[len++] = (char)pool[(r / 4) % sizeof pool];
			}
		}
		cr_assert_eq(utf8_validate(s, len), validate_slowly(s, len), "round %d", round);
	}
}
