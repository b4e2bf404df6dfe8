/* SPDX-License-Identifier: MIT */
/* test_table: the 标准体系表 model — statistics that always add up (property tests over many
 * generated systems), the museum's 29/60/107/52 = 248, contiguous 序号, markers, wrapping, and
 * the renderers' escaping. */
#include <criterion/criterion.h>
#include <stdio.h>

#include "config.h"
#include "helpers.h"
#include "schema.h"
#include "strbuf.h"
#include "table.h"
#include "utf8.h"

/* Deterministic pseudo-random numbers (xorshift32): the same systems on every run. */
static uint32_t rng_state;

static uint32_t rnd(uint32_t n)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return n ? x % n : 0;
}

static const char *const numbers[] = {
	"GB/T %u—2020",	 "GB %u—2019",	  "WH/T %u—2018", "DB11/T %u—2021",
	"T/CAS %u—2022", "Q/ABC %u—2023", "JGJ %u",	  "建标 %u—2012",
};
static const char *const statuses[] = { "planned",  "drafting",	 "upcoming", "current",
					"replaced", "abolished", NULL };
static const char *const types[] = { "basic",	   "method", "product", "process", "service",
				     "management", "post",   "other",	NULL };
static const char *const levels[] = { "national", "sector", "local", "group", "enterprise" };

/* A random system: 1..5 blocks, each with 0..4 children and some grandchildren, 0..120 rows
 * spread over the categories (a few naming no category), with random numbers, levels,
 * statuses, types and effective dates around the as-of date. */
static char *gen_system(unsigned seed, size_t *nrows_out)
{
	rng_state = seed * 2654435761u + 1;
	struct strbuf sb = STRBUF_INIT;
	char codes[64][16];
	size_t ncodes = 0;
	strbuf_adds(&sb,
		    "system:\n  id: gen\n  title: 生成体系\n  date: 2024-06-30\n  categories:\n");
	uint32_t nblocks = 1 + rnd(5);
	for (uint32_t b = 0; b < nblocks; b++) {
		snprintf(codes[ncodes], 16, "B%u", b);
		strbuf_addf(&sb, "    - code: %s\n      title: 块%u\n", codes[ncodes++], b);
		uint32_t nch = rnd(5);
		if (nch)
			strbuf_adds(&sb, "      categories:\n");
		for (uint32_t c = 0; c < nch && ncodes < 60; c++) {
			snprintf(codes[ncodes], 16, "B%uC%u", b, c);
			strbuf_addf(&sb, "        - code: %s\n          title: 类%u%u\n",
				    codes[ncodes++], b, c);
			if (rnd(3) == 0) {
				strbuf_adds(&sb, "          categories:\n");
				uint32_t ng = 1 + rnd(3);
				for (uint32_t g = 0; g < ng && ncodes < 60; g++) {
					snprintf(codes[ncodes], 16, "B%uC%uG%u", b, c, g);
					strbuf_addf(&sb, "            - {code: %s, title: 组%u}\n",
						    codes[ncodes++], g);
				}
			}
		}
	}
	size_t nrows = rnd(121);
	strbuf_adds(&sb, "  standards:\n");
	for (size_t i = 0; i < nrows; i++) {
		const char *cat = rnd(30) == 0 ? "ZZ" : codes[rnd((uint32_t)ncodes)];
		strbuf_addf(&sb, "    - code: %s-%03zu\n      title: 标准%zu\n", cat, i + 1, i);
		uint32_t k = rnd(10);
		if (k < 8) {
			strbuf_adds(&sb, "      number: ");
			strbuf_addf(&sb, numbers[k], (unsigned)(i + 100));
			strbuf_addc(&sb, '\n');
		} else if (k == 8) {
			strbuf_addf(&sb, "      level: %s\n", levels[rnd(5)]);
		}
		uint32_t st = rnd(7);
		if (statuses[st])
			strbuf_addf(&sb, "      status: %s\n", statuses[st]);
		uint32_t ty = rnd(9);
		if (types[ty])
			strbuf_addf(&sb, "      type: %s\n", types[ty]);
		if (rnd(2))
			strbuf_addf(&sb, "      effective: 2024-%02u-15\n", 1 + rnd(12));
		if (rnd(8) == 0)
			strbuf_addf(&sb, "      action: %s\n", rnd(2) ? "revise" : "establish");
	}
	*nrows_out = nrows;
	return strbuf_detach(&sb, NULL);
}

static long col_sum(const struct table_stat_grid *g, size_t c)
{
	long s = 0;
	for (size_t r = 0; r < g->nrows; r++)
		if (!g->rows[r].total)
			s += g->rows[r].v[c];
	return s;
}

static const struct table_stat_row *total_row(const struct table_stat_grid *g)
{
	cr_assert(g->nrows > 0 && g->rows[g->nrows - 1].total, "grid %s has no total row", g->key);
	return &g->rows[g->nrows - 1];
}

static const struct table_stat_grid *grid(const struct table *t, const char *key)
{
	for (size_t i = 0; i < t->ngrids; i++)
		if (!strcmp(t->grids[i].key, key))
			return &t->grids[i];
	cr_assert_fail("no grid %s", key);
	return NULL;
}

static long tenths(long part, long whole)
{
	return whole ? (part * 2000 + whole) / (2 * whole) : -1;
}

static void check_invariants(const struct table *t, size_t nrows, unsigned seed)
{
	long n = (long)nrows;
	cr_assert_eq(t->nrows, nrows, "seed %u", seed);
	/* every grid: count columns of the body rows sum to the total row */
	for (size_t k = 0; k < t->ngrids; k++) {
		const struct table_stat_grid *g = &t->grids[k];
		const struct table_stat_row *tot = total_row(g);
		for (size_t c = 0; c < g->ncols; c++)
			if (g->cols[c].kind == TABLE_STAT_COUNT)
				cr_assert_eq(col_sum(g, c), tot->v[c], "seed %u grid %s col %s",
					     seed, g->key, g->cols[c].key);
	}
	/* level and type: required sums to the rows, existing ≤ required, ratios right */
	const char *re[] = { "level", "type" };
	for (size_t k = 0; k < 2; k++) {
		const struct table_stat_grid *g = grid(t, re[k]);
		cr_assert_eq(total_row(g)->v[0], n, "seed %u %s required", seed, re[k]);
		cr_assert_eq(total_row(g)->v[1], (long)t->nexisting, "seed %u %s existing", seed,
			     re[k]);
		for (size_t r = 0; r < g->nrows; r++) {
			const long *v = g->rows[r].v;
			cr_assert_leq(v[1], v[0], "seed %u %s row %s", seed, re[k], g->rows[r].key);
			cr_assert_eq(v[2], tenths(v[1], v[0]), "seed %u ratio", seed);
		}
	}
	/* block × level: each row's levels sum to its total; the total is the row count */
	const struct table_stat_grid *b = grid(t, "block");
	size_t tc = b->ncols - 2; /* total, then share */
	cr_assert_str_eq(b->cols[tc].key, "total");
	for (size_t r = 0; r < b->nrows; r++) {
		long s = 0;
		for (size_t c = 0; c < tc; c++)
			s += b->rows[r].v[c];
		cr_assert_eq(s, b->rows[r].v[tc], "seed %u block row %zu", seed, r);
		cr_assert_eq(b->rows[r].v[tc + 1], tenths(b->rows[r].v[tc], n), "seed %u share",
			     seed);
	}
	cr_assert_eq(total_row(b)->v[tc], n, "seed %u block total", seed);
	/* status: every row has exactly one status */
	cr_assert_eq(total_row(grid(t, "status"))->v[0], n, "seed %u status total", seed);
	/* chart: subtree sums, blocks + unfiled = rows */
	size_t blocks = 0;
	for (size_t i = 0; i < t->chart.n; i++) {
		const struct table_chart_node *nd = &t->chart.nodes[i];
		size_t sum = nd->direct;
		for (size_t c = 0; c < nd->cat->nchildren; c++)
			sum += t->chart.nodes[nd->cat->children[c].index].total;
		cr_assert_eq(nd->total, sum, "seed %u chart %s", seed, nd->label);
		cr_assert_leq(nd->existing, nd->total);
		if (nd->cat->depth == 0)
			blocks += nd->total;
	}
	cr_assert_eq(blocks + t->chart.unfiled, nrows, "seed %u chart rows", seed);
	/* detail: 序号 1..n contiguous, every row once */
	size_t seq = 0;
	bool *seen = calloc(nrows + 1, 1);
	for (size_t i = 0; i < t->detail.nlines; i++) {
		const struct table_line *l = &t->detail.lines[i];
		if (l->kind != TABLE_LINE_ROW)
			continue;
		cr_assert_eq(l->seq, ++seq, "seed %u seq", seed);
		size_t idx = (size_t)(l->row - t->sys->rows);
		cr_assert(!seen[idx], "seed %u row twice", seed);
		seen[idx] = true;
	}
	cr_assert_eq(seq, nrows, "seed %u detail rows", seed);
	free(seen);
}

Test(table, statistics_always_add_up_over_generated_systems)
{
	for (unsigned seed = 1; seed <= 300; seed++) {
		size_t nrows;
		char *text = gen_system(seed, &nrows);
		struct diag_store ds;
		diag_store_init(&ds);
		struct doc *d = test_load(&ds, "gen.yaml", text);
		cr_assert_not_null(d, "seed %u", seed);
		struct system *s = d->model;
		cr_assert_not_null(s, "seed %u: %s", seed, ds.n ? ds.v[0].msg : "");
		cr_assert_eq(s->nrows, nrows, "seed %u", seed);
		for (int preset = 0; preset < 2; preset++) {
			struct table_opts o = {
				(enum table_preset)preset, NULL, 0, { 0 }, preset == 0, preset == 1
			};
			struct table *t = table_new(s, &o);
			check_invariants(t, nrows, seed);
			table_free(t);
		}
		doc_free(d);
		diag_store_release(&ds);
		free(text);
	}
}

static struct doc *load_museum(struct diag_store *ds)
{
	struct limits lim;
	limits_default(&lim);
	test_tables();
	struct doc *d = load_file(ZHUN_SRCDIR "/examples/museum/system.yaml", ds, &lim);
	cr_assert_not_null(d);
	model_build(d, ds);
	test_self_check(d, NULL, 0);
	return d;
}

Test(table, museum_reads_29_60_107_52)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = load_museum(&ds);
	struct table_opts o = { TABLE_PRESET_GBT13016, NULL, 0, { 0 }, true, false };
	struct table *t = table_new(d->model, &o);
	const struct table_stat_grid *b = grid(t, "block");
	static const char *const codes[] = { "100", "300", "200", "400" };
	static const long counts[] = { 29, 60, 107, 52 }, shares[] = { 117, 242, 431, 210 };
	cr_assert_eq(b->nrows, 5);
	size_t tc = b->ncols - 2;
	for (size_t i = 0; i < 4; i++) {
		/* input order, never code order */
		cr_assert_str_eq(b->rows[i].key, codes[i]);
		cr_assert_eq(b->rows[i].v[tc], counts[i], "block %s", codes[i]);
		cr_assert_eq(b->rows[i].v[tc + 1], shares[i], "share %s", codes[i]);
	}
	cr_assert_eq(b->rows[4].v[tc], 248);
	cr_assert_eq(t->chart.nodes[0].total, 29);
	cr_assert_eq(t->detail.nrows, 248);
	/* planned rows count in 应有数, not in 现有数 */
	const struct table_stat_grid *lv = grid(t, "level");
	cr_assert_eq(total_row(lv)->v[0], 248);
	cr_assert_eq(total_row(lv)->v[1], 245);
	/* GB/T 1.1—2020: adopts and replaces columns */
	size_t first = 0;
	while (first < t->detail.nlines && t->detail.lines[first].kind != TABLE_LINE_ROW)
		first++;
	cr_assert_lt(first, t->detail.nlines);
	cr_assert_str_eq(t->detail.lines[first].cells[6], "ISO/IEC Directives, Part 2, 2018, NEQ");
	cr_assert_str_eq(t->detail.lines[first].cells[7], "GB/T 1.1—2009");
	table_free(t);
	doc_free(d);
	diag_store_release(&ds);
}

static const char *small = "system:\n"
			   "  id: s\n"
			   "  title: 小体系\n"
			   "  date: 2024-12-31\n"
			   "  categories:\n"
			   "    - code: \"100\"\n"
			   "      title: 基础\n"
			   "      categories:\n"
			   "        - {code: \"101\", title: 导则}\n"
			   "        - {code: \"102\", title: 术语, vacant: true}\n"
			   "  standards:\n"
			   "    - code: 101-001\n"
			   "      number: Q/ABC 101-001—2020\n"
			   "      title: 规范, \"引号\" 与 | 竖线\n"
			   "      status: current\n"
			   "      action: revise\n"
			   "      note: 依据新版修订\n"
			   "    - code: 101-002\n"
			   "      number: Q/ABC 101-002—2010\n"
			   "      title: 旧规范\n"
			   "      status: abolished\n"
			   "      replaces: [Q/ABC 101-002—2005]\n"
			   "      action: abolish\n"
			   "    - code: 101-003\n"
			   "      title: 新规范\n"
			   "      level: enterprise\n"
			   "      status: planned\n"
			   "      action: establish\n"
			   "      note: 拟制定；明年立项\n";

static struct table *small_table(struct doc **d, struct diag_store *ds, bool zh)
{
	diag_store_init(ds);
	*d = test_load(ds, "small.yaml", small);
	cr_assert_not_null(*d);
	struct table_opts o = { TABLE_PRESET_GBT13016, NULL, 0, { 0 }, zh, true };
	return table_new((*d)->model, &o);
}

Test(table, markers_replaces_and_abolished)
{
	struct doc *d;
	struct diag_store ds;
	struct table *t = small_table(&d, &ds, true);
	const struct table_detail *dt = &t->detail;
	/* lines: group 100, group 101, 3 rows, group 102 (vacant) */
	cr_assert_eq(dt->nlines, 6);
	cr_assert_str_eq(dt->lines[5].label, "102 术语（空缺）");
	cr_assert_str_eq(dt->lines[2].cells[8], "拟修订；依据新版修订");
	cr_assert_str_eq(dt->lines[3].cells[7], "Q/ABC 101-002—2005；作废");
	cr_assert_str_eq(dt->lines[3].cells[8], "拟废止");
	/* the author's own marker is not doubled */
	cr_assert_str_eq(dt->lines[4].cells[8], "拟制定；明年立项");
	/* abolished and planned rows are not existing */
	cr_assert_eq(t->nexisting, 1);
	table_free(t);
	doc_free(d);
	diag_store_release(&ds);
}

Test(table, csv_quotes_and_bom)
{
	struct doc *d;
	struct diag_store ds;
	struct table *t = small_table(&d, &ds, true);
	struct strbuf sb = STRBUF_INIT;
	struct table_render_opts ro = { TABLE_DETAIL, 0 };
	cr_assert_eq(render_csv(t, &ro, &sb), 0);
	cr_assert(!strncmp(sb.buf, "\xEF\xBB\xBF", 3));
	cr_assert_not_null(strstr(sb.buf, "\"规范, \"\"引号\"\" 与 | 竖线\""));
	cr_assert_not_null(strstr(sb.buf, "\r\n"));
	/* every line ends in CRLF */
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == '\n')
			cr_assert(i > 0 && sb.buf[i - 1] == '\r');
	strbuf_release(&sb);
	table_free(t);
	doc_free(d);
	diag_store_release(&ds);
}

Test(table, dot_and_markdown_escape)
{
	struct doc *d;
	struct diag_store ds;
	struct table *t = small_table(&d, &ds, false);
	struct strbuf sb = STRBUF_INIT;
	struct table_render_opts ro = { TABLE_DETAIL, 0 };
	render_markdown(t, &ro, &sb);
	cr_assert_not_null(strstr(sb.buf, "\\| 竖线"));
	cr_assert_not_null(strstr(sb.buf, "| revise; 依据新版修订 |"));
	strbuf_reset(&sb);
	ro.parts = TABLE_CHART;
	render_dot(t, &ro, &sb);
	cr_assert_not_null(strstr(sb.buf, "c0 -> c1;"));
	cr_assert_not_null(strstr(sb.buf, "\"102 术语 (0) (vacant)\""));
	strbuf_release(&sb);
	table_free(t);
	doc_free(d);
	diag_store_release(&ds);
}

Test(table, json_envelope)
{
	struct doc *d;
	struct diag_store ds;
	struct table *t = small_table(&d, &ds, true);
	struct strbuf sb = STRBUF_INIT;
	struct table_render_opts ro = { TABLE_ALL, 0 };
	render_json(t, &ro, &sb);
	cr_assert_not_null(strstr(sb.buf, "\"zhun\": \"table\""));
	cr_assert_not_null(strstr(sb.buf, "\"version\": 1"));
	cr_assert_not_null(strstr(sb.buf, "\"abolished\": true"));
	cr_assert_not_null(strstr(sb.buf, "\"title\": \"规范, \\\"引号\\\" 与 | 竖线\""));
	strbuf_release(&sb);
	table_free(t);
	doc_free(d);
	diag_store_release(&ds);
}

/* render_xlsx opens libxlsxwriter with dlopen on first use and keeps it: two renderings in one
 * process both give a workbook (a zip archive), and valgrind and LeakSanitizer see no leak. */
Test(table, xlsx_through_the_loaded_library)
{
	struct doc *d;
	struct diag_store ds;
	struct table *t = small_table(&d, &ds, true);
	struct strbuf sb = STRBUF_INIT;
	struct table_render_opts ro = { TABLE_ALL, 0 };
	for (int i = 0; i < 2; i++) {
		strbuf_reset(&sb);
		cr_assert_eq(render_xlsx(t, &ro, &sb), 0);
		cr_assert_gt(sb.len, 4);
		cr_assert(!memcmp(sb.buf, "PK\x03\x04", 4));
	}
	strbuf_release(&sb);
	table_free(t);
	doc_free(d);
	diag_store_release(&ds);
}

Test(table, wrap_respects_width_and_punctuation)
{
	const char *texts[] = { "305 服务评价与改进标准（9）",
				"207 设施设备及用品标准（15）",
				"ISO/IEC Directives, Part 2, 2018, NEQ",
				"标准化工作导则 第1部分：标准化文件的结构和起草规则",
				"a\nb",
				"" };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (size_t w = 4; w < 30; w++) {
			struct strbuf sb = STRBUF_INIT;
			size_t n = table_wrap(texts[i], w, &sb);
			cr_assert(n >= 1);
			char *p = sb.buf;
			for (size_t k = 0; k < n; k++) {
				char *nl = strchr(p, '\n');
				cr_assert_not_null(nl);
				cr_assert_leq(utf8_width(p, (size_t)(nl - p)), w, "'%s' at %zu",
					      texts[i], w);
				/* 禁则 hold wherever the width leaves a choice */
				if (k > 0 && w >= 8)
					cr_assert(strncmp(p, "）", 3) != 0, "'%s' at %zu", texts[i],
						  w);
				p = nl + 1;
			}
			strbuf_release(&sb);
		}
	struct strbuf sb = STRBUF_INIT;
	table_wrap("207 设施设备及用品标准（15）", 26, &sb);
	cr_assert_str_eq(sb.buf, "207 设施设备及用品标准\n（15）\n");
	strbuf_release(&sb);
}

Test(table, names_and_columns)
{
	enum table_col cols[TCOL__COUNT];
	char *bad = NULL;
	cr_assert_eq(table_columns_parse("seq,title,note", cols, TCOL__COUNT, &bad), 3);
	cr_assert_eq(cols[1], TCOL_TITLE);
	cr_assert_eq(table_columns_parse("seq,titel", cols, TCOL__COUNT, &bad), -1);
	cr_assert_str_eq(bad, "titel");
	free(bad);
	cr_assert_eq(table_columns_parse("seq,seq", cols, TCOL__COUNT, &bad), -1);
	free(bad);
	cr_assert_eq(table_part_by_name("stats"), TABLE_STATS);
	cr_assert_eq(table_part_by_name("nope"), 0);
	cr_assert_not_null(table_renderer_find("xlsx"));
	cr_assert(table_renderer_find("xlsx")->binary);
	struct strbuf sb = STRBUF_INIT;
	table_percent(117, &sb);
	table_percent(-1, &sb);
	cr_assert_str_eq(sb.buf, "11.7—");
	strbuf_release(&sb);
}

/* The XML escaper copies the runs between the bytes it replaces: replaced bytes at the start,
 * in the middle and at the end, C0 controls as spaces, tab and line feed kept. */
Test(table, xml_escape_runs)
{
	struct strbuf sb = STRBUF_INIT;
	table_xml_escape(&sb, "&a<b>\"标准\x01\t\n\r&");
	cr_assert_str_eq(sb.buf, "&amp;a&lt;b&gt;&quot;标准 \t\n &amp;");
	strbuf_reset(&sb);
	table_xml_escape(&sb, "");
	cr_assert_str_eq(sb.buf, "");
	table_xml_escape_n(&sb, "x<y", 2);
	cr_assert_str_eq(sb.buf, "x&lt;");
	table_xml_escape_n(&sb, "a\0b", 3);
	cr_assert_eq(sb.len, 8);
	cr_assert(!memcmp(sb.buf, "x&lt;a b", 8));
	strbuf_release(&sb);
}

/* table_date_str writes what "%04u-%02u-%02u" would. */
Test(table, date_str_as_printf)
{
	const struct date dates[] = {
		{ .y = 2024, .m = 1, .d = 5 },
		{ .y = 1900, .m = 12, .d = 31 },
		{ .y = 999, .m = 10, .d = 1 },
		{ .y = 12345, .m = 6, .d = 7 },
	};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		char got[11], want[16];
		table_date_str(&dates[i], got);
		snprintf(want, sizeof want, "%04u-%02u-%02u", (unsigned)dates[i].y % 10000u,
			 (unsigned)dates[i].m, (unsigned)dates[i].d);
		cr_assert_str_eq(got, want);
	}
	char got[11] = "x";
	table_date_str(&(struct date){ .y = 0 }, got);
	cr_assert_str_eq(got, "");
}

/* Text for terminals: every control a terminal acts on is shown as an escape, the rest passes
 * byte for byte, and table_term_clean agrees with table_term_escape on what needs it. */
Test(table, term_escape_controls_and_bidi)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "标准化导则 GB/T 1.1—2020\n第2行", "标准化导则 GB/T 1.1—2020\n第2行" },
		{ "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07" },
		{ "a\x1b[2Jb", "a\\x1b[2Jb" },
		{ "\x1b]8;;http://x/\x1b\\链接", "\\x1b]8;;http://x/\\x1b\\链接" },
		{ "通用\u202e基础", "通用\\u202e基础" },
		{ "\u2066隔离\u2069\u200e\u200f\u061c", "\\u2066隔离\\u2069\\u200e\\u200f\\u061c" },
		{ "\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d" },
		{ "c1\xc2\x9b"
		  "2J",
		  "c1\\u009b2J" },
		{ "del\x7f", "del\\x7f" },
		{ "cr\rlf", "cr\\rlf" },
		{ "tab\there", "tab here" },
		{ "bad\xff\xc3", "bad\\xff\\xc3" },
		/* near misses: other format characters and the rest of Unicode pass */
		{ "\u200b\u2060\u00a0\u2028…", "\u200b\u2060\u00a0\u2028…" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		table_term_escape(&sb, cases[i].in);
		cr_assert_str_eq(sb.buf ? sb.buf : "", cases[i].out, "case %zu", i);
		cr_assert_eq(table_term_clean(cases[i].in), !strcmp(cases[i].in, cases[i].out),
			     "case %zu", i);
		strbuf_release(&sb);
	}
}

/* The reader's half of the CSV rule in docs/table.md: strip one apostrophe from a field that is
 * apostrophes followed by = + - @ TAB or CR. */
static const char *csv_unquote(const char *f)
{
	const char *p = f;
	while (*p == '\'')
		p++;
	return p > f && *p && strchr("=+-@\t\r", *p) ? f + 1 : f;
}

/* CSV injection: fields a spreadsheet would run get one apostrophe, and the reader's rule gives
 * back exactly what was written, for formulas, near misses and fields that begin with
 * apostrophes already. */
Test(table, csv_formula_fields_round_trip)
{
	static const char *const notes[] = {
		"=1+2", "+cmd",	  "-2+3", "@SUM(A1)", "'=quoted",      "''@x",	 "-",
		"'",	"'plain", "a=b",  "备注-1",   "GB/T 1.1—2020", "－全角", "",
	};
	static const bool marked[] = {
		true,  true,  true,  true,  true,  true,  true,
		false, false, false, false, false, false, false,
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		struct strbuf y = STRBUF_INIT;
		strbuf_addf(&y,
			    "system:\n  id: s\n  title: 体系\n  date: 2024-12-31\n"
			    "  categories:\n    - {code: \"100\", title: 基础}\n"
			    "  standards:\n    - code: 100-001\n      title: 标题\n"
			    "      status: current\n      note: \"%s\"\n",
			    notes[i]);
		struct diag_store ds;
		diag_store_init(&ds);
		struct doc *d = test_load(&ds, "s.yaml", y.buf);
		cr_assert_not_null(d);
		enum table_col cols[] = { TCOL_NOTE };
		struct table_opts o = { TABLE_PRESET_GBT13016, cols, 1, { 0 }, true, false };
		struct table *t = table_new(d->model, &o);
		struct strbuf sb = STRBUF_INIT;
		struct table_render_opts ro = { TABLE_DETAIL, 0 };
		cr_assert_eq(render_csv(t, &ro, &sb), 0);
		/* BOM, heading line, then the one field on the second line */
		char *field = strstr(sb.buf, "\r\n") + 2;
		*strstr(field, "\r\n") = '\0';
		cr_assert_eq(field[0] == '\'' && strcmp(field + 1, notes[i]) == 0, marked[i],
			     "note '%s' written as '%s'", notes[i], field);
		cr_assert_str_eq(csv_unquote(field), notes[i]);
		strbuf_release(&sb);
		strbuf_release(&y);
		table_free(t);
		doc_free(d);
		diag_store_release(&ds);
	}
}

/* table_next_line: every line, the empty ones too, and one line for a string without '\n'. */
Test(table, next_line_splits_at_line_feeds)
{
	static const struct {
		const char *s;
		size_t n;
		const char *joined;
	} cases[] = { { "a\nbc\n\nd", 4, "a|bc||d|" },
		      { "", 1, "|" },
		      { "一行", 1, "一行|" },
		      { "end\n", 2, "end||" } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		size_t n = 0, len;
		for (const char *p = cases[i].s, *line; table_next_line(&p, &line, &len); n++) {
			strbuf_add(&sb, line, len);
			strbuf_addc(&sb, '|');
		}
		cr_assert_eq(n, cases[i].n, "'%s'", cases[i].s);
		cr_assert_str_eq(sb.buf, cases[i].joined);
		strbuf_release(&sb);
	}
}

/* The JSON table writes a row's amendments, interpretations and reviews from their schema
 * (render_json.c, krecords), knowing four types of field: a field of another type added to one
 * of them would be left out of the JSON without a word. */
Test(table, json_knows_every_field_type_of_a_rows_records)
{
	const struct rec_def *recs[] = { &schema_amendment_rec, &schema_interpretation_rec,
					 &schema_review_rec };
	for (size_t r = 0; r < sizeof recs / sizeof recs[0]; r++)
		for (size_t i = 0; i < recs[r]->nfields; i++) {
			enum field_type t = recs[r]->fields[i].type;
			cr_expect(t == FT_STR || t == FT_DATE || t == FT_ENUM || t == FT_STRLIST,
				  "%s: field '%s' is of a type render_json.c does not write",
				  recs[r]->name, recs[r]->fields[i].key);
		}
}
