/* SPDX-License-Identifier: MIT */
/* fuzz_xref: the cross-reference extractor and the XREF rules (check_xref.c, through re.c and
 * stdno_scan) on any valid UTF-8 text placed in a small standard. The input, cut at 0x1E bytes,
 * fills the text slots below in order — normative paragraph, note, term source, table note,
 * normative-annex clause, informative annex, foreword, term definition, list item, a deep
 * clause — so every "where" of the extractor is reached; the lone-document project then goes
 * through check_run as `zhun check doc.yaml` would, and the findings are printed. */
#include <string.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "fuzz.h"
#include "load.h"
#include "project.h"
#include "utf8.h"
#include "xalloc.h"

/* Every target of the usual forms exists: chapters 1–5, 4.1–4.3, 5.3.1, 表1, 图1, 式(1),
 * annexes A (normative, with 表A.1, 图A.2, 式(A.1), A.1, A.2) and B (informative), term 3.1. */
/* clang-format off */
static const char skeleton[] =
	"standard:\n"
	"  number: Q/XXBWG 101-001—2024\n"
	"  title: 测试规范\n"
	"  foreword:\n"
	"    body:\n"
	"      - 本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n"
	"      - \"@7\"\n"
	"  clauses:\n"
	"    - num: \"1\"\n"
	"      title: 范围\n"
	"      body: 本文件规定了测试要求。\n"
	"    - num: \"2\"\n"
	"      title: 规范性引用文件\n"
	"      body: 下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\n"
	"      references:\n"
	"        - {number: GB/T 18883—2022, title: 室内空气质量标准}\n"
	"        - {number: GB/T 36721, title: 博物馆开放服务规范}\n"
	"        - {number: DB41/T 1234—2020, title: 地方标准}\n"
	"        - {number: T/CAS 608—2022, title: 团体标准}\n"
	"    - num: \"3\"\n"
	"      title: 术语和定义\n"
	"      body: 下列术语和定义适用于本文件。\n"
	"      terms:\n"
	"        - {num: \"3.1\", term: 讲解服务, en: guided tour service, definition: \"@8\", source: \"@3\"}\n"
	"    - num: \"4\"\n"
	"      title: 要求\n"
	"      clauses:\n"
	"        - num: \"4.1\"\n"
	"          title: 人员\n"
	"          body:\n"
	"            - \"@1\"\n"
	"            - list:\n"
	"                style: letter\n"
	"                items: [甲；, \"@9\", 丙。]\n"
	"            - note: \"@2\"\n"
	"            - table: {num: \"1\", title: 表, head: [[项目]], rows: [[内容]], notes: [\"@4\"]}\n"
	"            - figure: {num: \"1\", title: 图}\n"
	"            - formula: {num: \"1\", text: x}\n"
	"        - {num: \"4.2\", title: 设施, body: 无。}\n"
	"        - {num: \"4.3\", title: 环境, body: 无。}\n"
	"    - num: \"5\"\n"
	"      title: 服务\n"
	"      clauses:\n"
	"        - {num: \"5.1\", title: 接待, body: 无。}\n"
	"        - {num: \"5.2\", title: 讲解, body: [无。, note: 甲。, note: 乙。]}\n"
	"        - num: \"5.3\"\n"
	"          title: 评价\n"
	"          clauses:\n"
	"            - {num: \"5.3.1\", body: \"@10\"}\n"
	"            - {num: \"5.3.2\", body: 无。}\n"
	"  annexes:\n"
	"    - num: A\n"
	"      kind: normative\n"
	"      title: 规范性附录\n"
	"      body:\n"
	"        - table: {num: A.1, title: 表, head: [[项目]], rows: [[内容]]}\n"
	"        - figure: {num: A.2, title: 图}\n"
	"        - formula: {num: A.1, text: y}\n"
	"      clauses:\n"
	"        - {num: A.1, title: 甲, body: \"@5\"}\n"
	"        - {num: A.2, title: 乙, body: 无。}\n"
	"    - num: B\n"
	"      kind: informative\n"
	"      title: 资料性附录\n"
	"      body: \"@6\"\n";
/* clang-format on */

enum { NSLOTS = 10 };

struct piece {
	const char *s;
	size_t len;
};

/* Replace every placeholder scalar "@k" by piece k (or a neutral text when there is none). */
static void fill(struct doc *d, struct node *n, const struct piece *pieces, size_t npieces)
{
	if (!n)
		return;
	if (n->kind == NODE_SCALAR) {
		if (n->u.str[0] != '@')
			return;
		int k = atoi(n->u.str + 1);
		if (k < 1 || k > NSLOTS)
			return;
		const struct piece *p = (size_t)k <= npieces ? &pieces[k - 1] : NULL;
		const char *s = p ? p->s : "无。";
		size_t len = p ? p->len : strlen(s);
		n->u.str = arena_strndup(d->arena, s, len);
		n->n = len;
	} else if (n->kind == NODE_MAP) {
		for (size_t i = 0; i < n->n; i++)
			fill(d, n->u.pairs[i].value, pieces, npieces);
	} else {
		for (size_t i = 0; i < n->n; i++)
			fill(d, n->u.items[i], pieces, npieces);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	/* text reaches the extractor from a loader: valid UTF-8 (NUL only through a YAML "\0"
	 * escape, which the C strings of the model end at, as here) */
	if (utf8_validate(s, size) < size)
		return 0;
	struct piece pieces[NSLOTS];
	size_t npieces = 0;
	for (size_t i = 0, start = 0; i <= size && npieces < NSLOTS; i++) {
		if (i == size || s[i] == '\x1e') {
			pieces[npieces++] = (struct piece){ s + start, i - start };
			start = i + 1;
		}
	}
	struct limits lim;
	limits_default(&lim);
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d =
	    load_buffer("doc.yaml", skeleton, sizeof skeleton - 1, SYNTAX_YAML, &ds, &lim);
	if (!d || ds.n)
		fuzz_fail("the skeleton does not load cleanly: %s", ds.n ? ds.v[0].msg : "");
	fill(d, d->root, pieces, npieces);
	model_build(d, &ds);
	struct project p;
	project_init(&p);
	p.others = xmalloc(sizeof *p.others);
	p.others[0] = d;
	p.nothers = 1;
	struct date as_of = fuzz_as_of();
	check_run(&p, &ds, &as_of);
	diag_store_finish(&ds);
	struct diag_print_opts po = { false, false, "check", SEV_OFF };
	diag_print(&ds, DIAG_PRINTER_TEXT, fuzz_null(), &po);
	diag_print(&ds, diag_printer_by_name("sarif"), fuzz_null(), &po);
	project_release(&p);
	diag_store_release(&ds);
	return 0;
}
