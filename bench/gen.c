/* SPDX-License-Identifier: MIT */
/* gen: write a valid synthetic standard system (N rows in a GB/T 24421 four-block category tree)
 * and optional linked standard documents (M clauses each), in YAML and XML, or a second edition
 * of the same system with a given share of rows revised, added and abolished, for benchmarks.
 *
 * The output is deterministic for a seed and passes `zhun check` without findings: every number
 * parses, every reference resolves, every rule of docs/rules.md the data touches is kept. The
 * shape and the Chinese text follow examples/museum (某博物馆, Q/XXBWG). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---- memory and randomness ----------------------------------------------------------------- */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("gen: out of memory\n", stderr);
		exit(4);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("gen: out of memory\n", stderr);
		exit(4);
	}
	return p;
}

/* A bump arena, reset between documents. */
struct pool {
	char **blocks;
	size_t nblocks, cur, used;
};

enum { POOL_BLOCK = 1 << 20 };

static void *pool_alloc(struct pool *p, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!p->nblocks || p->used + n > POOL_BLOCK) {
		if (p->nblocks && p->cur + 1 < p->nblocks) {
			p->cur++;
		} else {
			p->blocks = xrealloc(p->blocks, (p->nblocks + 1) * sizeof *p->blocks);
			p->blocks[p->nblocks] = xmalloc(n > POOL_BLOCK ? n : POOL_BLOCK);
			p->cur = p->nblocks++;
		}
		p->used = 0;
	}
	void *r = p->blocks[p->cur] + p->used;
	p->used += n;
	memset(r, 0, n);
	return r;
}

static void pool_reset(struct pool *p)
{
	p->cur = 0;
	p->used = 0;
}

static char *pool_printf(struct pool *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = pool_alloc(p, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64: good enough and the same on every machine */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static unsigned rn(unsigned n)
{
	return n ? (unsigned)(rnd() % n) : 0;
}

static bool chance(unsigned percent)
{
	return rn(1000) < percent * 10;
}

#define PICK(a)	 ((a)[rn(sizeof(a) / sizeof *(a))])
#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- a small tree and its two spellings ----------------------------------------------------- */

enum gkind { G_STR, G_MAP, G_SEQ };

struct g {
	enum gkind kind;
	bool flow;
	bool raw;	 /* a number: plain in YAML */
	const char *key; /* member of a map: its key */
	const char *s;	 /* G_STR */
	struct g *head, *tail, *next;
};

static struct pool tp; /* the tree of the document being written */

static struct g *g_add(struct g *parent, enum gkind kind, const char *key)
{
	struct g *n = pool_alloc(&tp, sizeof *n);
	n->kind = kind;
	n->key = key;
	if (parent) {
		if (parent->tail)
			parent->tail->next = n;
		else
			parent->head = n;
		parent->tail = n;
	}
	return n;
}

static struct g *g_map(struct g *parent, const char *key)
{
	return g_add(parent, G_MAP, key);
}

static struct g *g_seq(struct g *parent, const char *key)
{
	return g_add(parent, G_SEQ, key);
}

static void g_str(struct g *parent, const char *key, const char *s)
{
	g_add(parent, G_STR, key)->s = s;
}

static void g_strf(struct g *parent, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void g_strf(struct g *parent, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = pool_alloc(&tp, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	g_str(parent, key, s);
}

/* YAML: block style, flow style for short records and lists of numbers (as people write). */
static bool plain_ok(const char *s, bool flow)
{
	if (!*s || strchr("-?:,[]{}#&*!|>'\"%@` ", *s))
		return false;
	bool digits = true;
	for (const char *p = s; *p; p++) {
		if (!((*p >= '0' && *p <= '9') || *p == '.'))
			digits = false;
		if ((p[0] == ':' && (p[1] == ' ' || !p[1])) || (p[0] == ' ' && p[1] == '#'))
			return false;
		if (flow && strchr(",[]{}", *p))
			return false;
	}
	return !digits && s[strlen(s) - 1] != ' ' && strcmp(s, "true") && strcmp(s, "false") &&
	       strcmp(s, "null") && strcmp(s, "~");
}

static void y_scalar(FILE *f, const char *s, bool flow, bool raw)
{
	if (raw || plain_ok(s, flow)) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putc('\\', f);
		putc(*s, f);
	}
	putc('"', f);
}

static void y_flow(FILE *f, const struct g *n)
{
	if (n->kind == G_STR) {
		y_scalar(f, n->s, true, n->raw);
		return;
	}
	putc(n->kind == G_MAP ? '{' : '[', f);
	for (const struct g *c = n->head; c; c = c->next) {
		if (n->kind == G_MAP)
			fprintf(f, "%s: ", c->key);
		y_flow(f, c);
		if (c->next)
			fputs(", ", f);
	}
	putc(n->kind == G_MAP ? '}' : ']', f);
}

static void y_node(FILE *f, const struct g *n, int indent, bool first_inline);

static void y_indent(FILE *f, int n)
{
	for (int i = 0; i < n; i++)
		putc(' ', f);
}

/* Members of a map, the first one already positioned when first_inline. */
static void y_map(FILE *f, const struct g *m, int indent, bool first_inline)
{
	for (const struct g *c = m->head; c; c = c->next) {
		if (!(first_inline && c == m->head))
			y_indent(f, indent);
		fprintf(f, "%s:", c->key);
		if (c->kind == G_STR || c->flow) {
			putc(' ', f);
			y_flow(f, c);
			putc('\n', f);
		} else if (!c->head) {
			fputs(c->kind == G_MAP ? " {}\n" : " []\n", f);
		} else {
			putc('\n', f);
			y_node(f, c, indent + 2, false);
		}
	}
}

static void y_node(FILE *f, const struct g *n, int indent, bool first_inline)
{
	if (n->kind == G_MAP) {
		y_map(f, n, indent, first_inline);
		return;
	}
	for (const struct g *c = n->head; c; c = c->next) {
		y_indent(f, indent);
		fputs("- ", f);
		if (c->kind == G_STR || c->flow) {
			y_flow(f, c);
			putc('\n', f);
		} else if (c->kind == G_MAP) {
			y_map(f, c, indent + 2, true);
		} else {
			putc('\n', f);
			y_node(f, c, indent + 2, false);
		}
	}
}

/* XML: model.md §5 — scalars are attributes, lists of records repeat a singular element. */
static void x_text(FILE *f, const char *s, bool attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs(attr ? "&quot;" : "\"", f);
			break;
		case '\n':
			fputs(attr ? "&#10;" : "\n", f);
			break;
		default:
			putc(*s, f);
		}
	}
}

static const char *singular(const char *key)
{
	static const char *const map[][2] = {
		{ "categories", "category" },  { "standards", "row" },
		{ "clauses", "clause" },       { "changes", "change" },
		{ "annexes", "annex" },	       { "editions", "edition" },
		{ "amendments", "amendment" }, { "interpretations", "interpretation" },
		{ "reviews", "review" },       { "items", "item" },
		{ "references", "ref" },       { "bibliography", "ref" },
		{ "terms", "term" },
	};
	for (size_t i = 0; i < COUNT(map); i++)
		if (!strcmp(map[i][0], key))
			return map[i][1];
	return key;
}

static bool wrapped(const char *key)
{
	return !strcmp(key, "references") || !strcmp(key, "bibliography") || !strcmp(key, "terms");
}

static void x_record(FILE *f, const char *name, const struct g *m, int indent);

static void x_textel(FILE *f, const char *name, const char *s, int indent)
{
	y_indent(f, indent);
	fprintf(f, "<%s>", name);
	x_text(f, s, false);
	fprintf(f, "</%s>\n", name);
}

static void x_cells(FILE *f, const struct g *rows, int indent)
{
	for (const struct g *r = rows->head; r; r = r->next) {
		y_indent(f, indent);
		fputs("<row>", f);
		for (const struct g *c = r->head; c; c = c->next) {
			fputs("<cell>", f);
			x_text(f, c->s, false);
			fputs("</cell>", f);
		}
		fputs("</row>\n", f);
	}
}

static void x_list(FILE *f, const struct g *l, int indent)
{
	const struct g *items = NULL;
	y_indent(f, indent);
	fputs("<list", f);
	for (const struct g *c = l->head; c; c = c->next)
		if (c->kind == G_STR)
			fprintf(f, " %s=\"%s\"", c->key, c->s);
		else
			items = c;
	fputs(">\n", f);
	for (const struct g *it = items ? items->head : NULL; it; it = it->next) {
		if (it->kind == G_STR) {
			x_textel(f, "item", it->s, indent + 2);
			continue;
		}
		y_indent(f, indent + 2);
		fputs("<item text=\"", f);
		x_text(f, it->head->s, true);
		fputs("\">\n", f);
		x_list(f, it->head->next, indent + 4);
		y_indent(f, indent + 2);
		fputs("</item>\n", f);
	}
	y_indent(f, indent);
	fputs("</list>\n", f);
}

static void x_body(FILE *f, const struct g *body, int indent)
{
	if (body->kind == G_STR) {
		x_textel(f, "p", body->s, indent);
		return;
	}
	for (const struct g *b = body->head; b; b = b->next) {
		if (b->kind == G_STR) {
			x_textel(f, "p", b->s, indent);
			continue;
		}
		const struct g *v = b->head;
		if (!strcmp(v->key, "list")) {
			x_list(f, v, indent);
		} else if (!strcmp(v->key, "table")) {
			y_indent(f, indent);
			fputs("<table", f);
			for (const struct g *c = v->head; c; c = c->next)
				if (c->kind == G_STR) {
					fprintf(f, " %s=\"", c->key);
					x_text(f, c->s, true);
					putc('"', f);
				}
			fputs(">\n", f);
			for (const struct g *c = v->head; c; c = c->next) {
				if (c->kind == G_STR)
					continue;
				if (!strcmp(c->key, "head")) {
					y_indent(f, indent + 2);
					fputs("<head>\n", f);
					x_cells(f, c, indent + 4);
					y_indent(f, indent + 2);
					fputs("</head>\n", f);
				} else if (!strcmp(c->key, "rows")) {
					x_cells(f, c, indent + 2);
				} else {
					for (const struct g *t = c->head; t; t = t->next)
						x_textel(f, "notes", t->s, indent + 2);
				}
			}
			y_indent(f, indent);
			fputs("</table>\n", f);
		} else {
			x_textel(f, v->key, v->s, indent);
		}
	}
}

static void x_record(FILE *f, const char *name, const struct g *m, int indent)
{
	y_indent(f, indent);
	fprintf(f, "<%s", name);
	bool children = false;
	for (const struct g *c = m->head; c; c = c->next) {
		if (c->kind == G_STR && strcmp(c->key, "body")) {
			fprintf(f, " %s=\"", c->key);
			x_text(f, c->s, true);
			putc('"', f);
		} else {
			children = true;
		}
	}
	if (!children) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n", f);
	for (const struct g *c = m->head; c; c = c->next) {
		if (c->kind == G_STR && strcmp(c->key, "body"))
			continue;
		if (!strcmp(c->key, "body")) {
			x_body(f, c, indent + 2);
		} else if (c->kind == G_MAP) {
			x_record(f, c->key, c, indent + 2);
		} else if (wrapped(c->key)) {
			y_indent(f, indent + 2);
			fprintf(f, "<%s>\n", c->key);
			for (const struct g *it = c->head; it; it = it->next)
				x_record(f, singular(c->key), it, indent + 4);
			y_indent(f, indent + 2);
			fprintf(f, "</%s>\n", c->key);
		} else {
			for (const struct g *it = c->head; it; it = it->next)
				if (it->kind == G_STR)
					x_textel(f, c->key, it->s, indent + 2);
				else
					x_record(f, singular(c->key), it, indent + 2);
		}
	}
	y_indent(f, indent);
	fprintf(f, "</%s>\n", name);
}

static void write_tree(const char *path, const struct g *root, bool xml, const char *comment)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(3);
	}
	static char buf[1 << 20];
	setvbuf(f, buf, _IOFBF, sizeof buf);
	if (xml) {
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
		fprintf(f, "<!-- %s -->\n", comment);
		x_record(f, root->head->key, root->head, 0);
	} else {
		fprintf(f, "# %s\n", comment);
		y_map(f, root, 0, false);
	}
	if (fclose(f)) {
		perror(path);
		exit(3);
	}
}

/* ---- vocabulary ----------------------------------------------------------------------------- */

/* clang-format off */

static const char *const services[] = {
	"讲解", "观众接待", "预约与咨询", "团体接待", "社会教育", "研学活动", "无障碍", "志愿者",
	"寄存", "文创商店购物", "餐饮", "会议", "数字导览", "流动展览", "临时展览", "基本陈列",
	"学术讲座", "夜间开放", "线上展览", "青少年教育", "家庭亲子活动", "失物招领", "医疗救助",
	"投诉处理", "便民", "停车", "信息发布", "馆际交流", "文物鉴定咨询", "文化进社区",
};
static const char *const places[] = {
	"展厅", "库房", "文物修复室", "报告厅", "观众服务中心", "停车场", "公共卫生间", "餐厅",
	"文创商店", "办公区", "数据机房", "配电室", "消防控制室", "临时展厅", "室外广场", "临展库房",
};
static const char *const objects[] = {
	"藏品", "展品", "讲解设备", "安防设备", "消防设施", "照明设备", "空调系统", "电梯",
	"公务车辆", "办公用品", "业务档案", "印章", "库房钥匙", "计量器具", "温湿度监测仪器",
	"展柜", "文物包装材料", "数字资源", "网站与新媒体", "固定资产",
};
static const char *const domains[] = {
	"博物馆", "文物保护", "藏品管理", "陈列展览", "公共文化服务", "文化遗产", "考古发掘",
	"馆藏文物", "社会教育", "文物数字化",
};
static const char *const national_prefixes[] = {
	"博物馆", "公共文化场馆", "文物系统", "文化和旅游场所", "文化遗产单位", "图书馆、博物馆",
};
static const char *const leaders[] = {
	"馆长", "副馆长", "党支部书记", "纪检监察负责人", "总工程师", "总会计师", "工会主席",
};
static const char *const depts[] = {
	"办公室", "开放服务部", "社会教育部", "藏品保管部", "陈列展览部", "学术研究部", "安全保卫部",
	"信息中心", "财务部", "人事部", "后勤保障部", "文物保护中心", "文创开发部", "考古部",
};
static const char *const workers[] = {
	"讲解员", "安检员", "保安员", "保洁员", "库房管理员", "文物修复师", "展览设计员", "电工",
	"空调运行工", "驾驶员", "售票员", "咨询员", "消防控制室值班员", "网络管理员", "档案管理员",
	"出纳", "会计", "志愿者管理员", "文创营业员", "监控值班员",
};
static const char *const techs[] = {
	"文物保护工程师", "研究馆员", "陈列设计师", "信息系统工程师", "文物摄影师", "文物鉴定师",
	"考古领队", "社会教育专员", "数字化采集工程师", "藏品编目员",
};
static const char *const qualifiers[] = {
	"基本陈列", "临时展览", "社会教育", "藏品保管", "文物保护", "数字化", "安全保卫", "后勤保障",
	"信息化", "文创开发", "学术研究", "公共关系", "志愿服务", "分馆", "遗址公园", "考古工作站",
	"图书资料", "对外交流", "财务审计", "工程建设",
};

/* Sentence parts for running text: requirements use 应/宜/可, notes and annexes never do. */
static const char *const subjects[] = {
	"工作人员", "讲解员", "责任部门", "当班负责人", "安全保卫部", "开放服务部", "藏品保管部",
	"信息中心", "服务台", "各业务部门", "项目负责人", "值班人员", "部门负责人", "技术人员",
};
static const char *const acts[] = {
	"建立", "制定", "落实", "定期检查", "如实记录", "逐项核对", "公示", "维护", "及时更新",
	"组织开展", "评估", "书面报告", "妥善保管", "统一管理",
};
static const char *const things[] = {
	"岗位责任制", "工作台账", "服务流程", "检查记录", "应急预案", "操作规程", "设备运行状态",
	"观众意见", "培训计划", "档案资料", "服务质量", "安全隐患", "交接记录", "作业指导书",
	"考核结果", "整改措施",
};
static const char *const tails[] = {
	"并保存记录", "发现问题及时处置", "确保信息准确完整", "做到责任到人", "不得擅自变更",
	"形成书面材料", "报分管负责人审批", "并在醒目位置公示", "每月汇总分析一次",
	"保存期限不少于5年", "每季度至少开展一次", "并纳入年度考核",
};
static const char *const chapter_titles[] = {
	"基本要求", "服务内容", "服务流程", "服务要求", "管理要求", "安全要求", "质量控制",
	"记录与档案", "培训与考核", "设施设备", "人员要求", "环境要求", "信息管理", "应急处置",
	"监督检查", "评价与改进", "工作程序", "职责分工", "作业要求", "技术要求",
};
static const char *const clause_titles[] = {
	"一般规定", "人员", "设施", "流程", "记录", "检查", "处置", "报告", "培训", "考核", "职责",
	"准备", "实施", "验收", "交接", "维护", "保养", "登记", "审批", "归档", "公示", "反馈",
};
static const struct {
	const char *zh, *en;
} termvocab[] = {
	{ "讲解服务", "guided tour service" }, { "人工讲解", "docent-guided tour" },
	{ "预约讲解", "reserved guided tour" }, { "讲解词", "commentary script" },
	{ "提用", "retrieval for use" }, { "点交", "handover check" },
	{ "出库凭证", "delivery voucher" }, { "观众", "visitor" },
	{ "服务台", "service desk" }, { "开放时间", "opening hours" },
	{ "团体观众", "group visitors" }, { "临时展览", "temporary exhibition" },
	{ "基本陈列", "permanent exhibition" }, { "库房", "storage room" },
	{ "安全巡查", "safety patrol" }, { "应急处置", "emergency response" },
	{ "服务质量", "service quality" }, { "满意度", "satisfaction" },
	{ "志愿者", "volunteer" }, { "文创产品", "cultural and creative product" },
};
static const char *const people[] = {
	"王晓燕", "李建国", "陈静", "赵明", "刘洋", "孙丽华", "周文斌", "吴海涛", "郑雪梅",
	"冯志刚", "何敏", "许文静", "韩磊", "曹颖", "邓超", "彭丽",
};

/* ---- the system model ----------------------------------------------------------------------- */

enum ncls { C_NONE = 0, C_NAT, C_SEC, C_LOC, C_GRP, C_ENT };
enum status { S_CURRENT, S_REPLACED, S_ABOLISHED, S_PLANNED, S_DRAFTING, S_UPCOMING };
static const char *const status_words[] = { "current", "replaced", "abolished",
					     "planned", "drafting", "upcoming" };

struct ymd {
	int y, m, d;
};

struct leaf {
	char code[12];
	const char *title;
	int block;     /* 0..3: 100, 300, 200, 400 */
	int kind;      /* index into the second-level list, for titles */
	int nrows;     /* rows of the base edition */
	int serial;    /* last serial used */
};

struct grow {
	int leaf, serial;
	char code[40];
	int cls;
	char number[96];
	char icode[12];  /* issuing code for DOC-008 ordering: "GB", "WH", "DB21", "CAS" */
	unsigned seqnum, part;
	int year;
	const char *title;
	const char *type;
	int status;
	struct ymd pub, eff, wd, rev; /* rev: date of the last review (复审) when review is set */
	char replaces[96], replaced_by[96];
	int adopts;     /* 0 none, else 1 + index into adoptions */
	int refs[6], nrefs;
	bool amend, interp, review, doc, fixed, edited;
	const char *note;
	int refcount;
};

static const struct {
	const char *std, *degree;
} adoptions[] = {
	{ "ISO 9001:2015", "IDT" }, { "ISO 14001:2015", "IDT" }, { "ISO 45001:2018", "IDT" },
	{ "ISO 21127:2014", "MOD" }, { "ISO 11799:2015", "NEQ" }, { "ISO 18934:2011", "MOD" },
};

struct second {
	const char *code, *title;
	int block;
	const char *const *words; /* vocabulary used for row titles */
	size_t nwords;
	const char *suffix;       /* title patterns "%s<suffix>" */
	const char *type;
};

#define W(a) a, COUNT(a)
static const struct second seconds[] = {
	{ "101", "标准化导则", 0, W(domains), "标准化工作指南", "basic" },
	{ "102", "术语与缩略语标准", 0, W(domains), "术语", "basic" },
	{ "103", "符号与标志标准", 0, W(places), "标志设置规范", "basic" },
	{ "104", "数值与数据标准", 0, W(objects), "数据元规范", "basic" },
	{ "105", "量和单位标准", 0, W(objects), "计量单位使用规范", "basic" },
	{ "106", "测量标准", 0, W(objects), "校准规程", "method" },
	{ "301", "服务规范", 1, W(services), "服务规范", "service" },
	{ "302", "服务提供规范", 1, W(services), "服务工作规程", "process" },
	{ "303", "服务质量控制规范", 1, W(services), "服务质量检查规范", "management" },
	{ "304", "运行管理规范", 1, W(objects), "管理规程", "process" },
	{ "305", "服务评价与改进标准", 1, W(services), "服务评价与改进规范", "management" },
	{ "201", "环境标准", 2, W(places), "环境卫生管理规范", "management" },
	{ "202", "能源标准", 2, W(objects), "能耗管理规范", "management" },
	{ "203", "安全与应急标准", 2, W(places), "消防安全管理规范", "management" },
	{ "204", "职业健康标准", 2, W(workers), "职业健康防护规范", "management" },
	{ "205", "信息标准", 2, W(objects), "信息管理规范", "management" },
	{ "206", "财务管理标准", 2, W(objects), "财务管理规定", "management" },
	{ "207", "设施设备及用品标准", 2, W(objects), "配置与维护规范", "product" },
	{ "208", "人力资源标准", 2, W(workers), "培训与考核规范", "management" },
	{ "209", "合同管理标准", 2, W(services), "合同管理规定", "management" },
	{ "210", "藏品保护标准", 2, W(objects), "保护技术规范", "method" },
	{ "401", "决策层岗位标准", 3, W(leaders), "岗位工作标准", "post" },
	{ "402", "管理层岗位标准", 3, W(depts), "主任岗位工作标准", "post" },
	{ "403", "操作层岗位标准", 3, W(workers), "岗位工作标准", "post" },
	{ "404", "专业技术岗位标准", 3, W(techs), "岗位工作标准", "post" },
};
static const struct {
	const char *code, *title;
	int share; /* percent of rows, as in the pilot report's 29/60/107/52 */
} blocks[] = {
	{ "100", "通用基础标准", 12 }, { "300", "服务提供标准", 24 },
	{ "200", "服务保障标准", 43 }, { "400", "岗位工作标准", 21 },
};
static const char *const sector_codes[] = { "WH", "WW", "LB", "GA", "JT", "MZ", "SB", "HJ", "JR", "DA" };
static const char *const province_codes[] = { "11", "21", "31", "32", "33", "37", "41", "44", "51", "61" };
static const char *const group_codes[] = { "CAS", "CMA", "CSCA", "CNHA", "CCPIT" };

/* clang-format on */

struct sys {
	struct leaf *leaves;
	size_t nleaves;
	struct grow *rows;
	size_t nrows, cap;
	int *l2; /* per second-level category: number of third-level children (0: leaf) */
	unsigned nat_seq, loc_seq, grp_seq, sec_seq[COUNT(sector_codes)];
	struct pool strings;
	struct ymd date;
	int edition;
};

static struct grow *new_row(struct sys *s)
{
	if (s->nrows == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->rows = xrealloc(s->rows, s->cap * sizeof *s->rows);
	}
	struct grow *r = &s->rows[s->nrows++];
	memset(r, 0, sizeof *r);
	return r;
}

static struct ymd date_in(int y0, int y1)
{
	return (struct ymd){ y0 + (int)rn((unsigned)(y1 - y0 + 1)), 1 + (int)rn(12),
			     1 + (int)rn(28) };
}

static struct ymd date_after(struct ymd d, int months)
{
	d.m += months;
	while (d.m > 12) {
		d.m -= 12;
		d.y++;
	}
	return d;
}

static int ymd_cmp(struct ymd a, struct ymd b)
{
	return a.y != b.y ? a.y - b.y : a.m != b.m ? a.m - b.m : a.d - b.d;
}

static char *fmt_date(struct pool *p, struct ymd d)
{
	return pool_printf(p, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static void set_number(struct grow *r, int year)
{
	r->year = year;
	char seq[24];
	if (r->part)
		snprintf(seq, sizeof seq, "%u.%u", r->seqnum, r->part);
	else
		snprintf(seq, sizeof seq, "%u", r->seqnum);
	switch (r->cls) {
	case C_NAT:
		snprintf(r->number, sizeof r->number, "%s %s—%d", r->icode[2] ? "GB" : "GB/T", seq,
			 year);
		break;
	case C_SEC:
		snprintf(r->number, sizeof r->number, "%s/T %04u—%d", r->icode, r->seqnum, year);
		break;
	case C_LOC:
		snprintf(r->number, sizeof r->number, "%s/T %u—%d", r->icode, r->seqnum, year);
		break;
	case C_GRP:
		snprintf(r->number, sizeof r->number, "T/%s %03u—%d", r->icode, r->seqnum, year);
		break;
	case C_ENT:
		snprintf(r->number, sizeof r->number, "Q/XXBWG %s—%d", r->code, year);
		break;
	default:
		r->number[0] = '\0';
	}
}

/* A fresh work of class cls (national numbers above the fixed rows' range). */
static void new_work(struct sys *s, struct grow *r, int cls)
{
	r->cls = cls;
	r->part = 0;
	switch (cls) {
	case C_NAT:
		/* icode "GB" for GB/T; "GB!" (third byte set) marks a mandatory GB number */
		strcpy(r->icode, chance(15) ? "GB!" : "GB");
		r->seqnum = 40001 + s->nat_seq++;
		if (r->seqnum > 99999) {
			/* past the five-digit range: parts above the 1–4 given at random below */
			r->part = 4 + (r->seqnum - 40001) / 59999;
			r->seqnum = 40001 + (r->seqnum - 40001) % 59999;
		} else if (chance(10)) {
			r->part = 1 + rn(4);
		}
		break;
	case C_SEC: {
		unsigned k = rn(COUNT(sector_codes));
		strcpy(r->icode, sector_codes[k]);
		r->seqnum = 1 + s->sec_seq[k]++;
		break;
	}
	case C_LOC:
		snprintf(r->icode, sizeof r->icode, "DB%s", PICK(province_codes));
		r->seqnum = 1001 + s->loc_seq++;
		break;
	case C_GRP:
		strcpy(r->icode, PICK(group_codes));
		r->seqnum = 1 + s->grp_seq++;
		break;
	default:
		strcpy(r->icode, "XXBWG");
		break;
	}
}

static const char *row_title(struct sys *s, const struct leaf *lf, int cls)
{
	const struct second *sc = &seconds[lf->kind];
	const char *w = sc->words[rn((unsigned)sc->nwords)];
	if (sc->block == 3)
		return pool_printf(&s->strings, "%s%s", w, sc->suffix);
	if (cls == C_NAT || cls == C_SEC || cls == C_LOC)
		return pool_printf(&s->strings, "%s%s%s", PICK(national_prefixes), w, sc->suffix);
	return pool_printf(&s->strings, "%s%s", w, sc->suffix);
}

static void build_tree(struct sys *s, size_t n)
{
	/* per block, how many third-level children each second-level category gets so that a leaf
	 * holds about 200 rows at most on average (≤ 300 with the spread below) */
	s->l2 = calloc(COUNT(seconds), sizeof *s->l2);
	for (size_t b = 0; b < COUNT(blocks); b++) {
		size_t nsec = 0;
		for (size_t i = 0; i < COUNT(seconds); i++)
			nsec += seconds[i].block == (int)b;
		size_t rows = n * (size_t)blocks[b].share / 100;
		size_t k = (rows + 200 * nsec - 1) / (200 * nsec);
		for (size_t i = 0; i < COUNT(seconds); i++)
			if (seconds[i].block == (int)b)
				s->l2[i] = k > 1 ? (int)k : 0;
	}
	for (size_t i = 0; i < COUNT(seconds); i++)
		s->nleaves += s->l2[i] ? (size_t)s->l2[i] : 1;
	s->leaves = calloc(s->nleaves, sizeof *s->leaves);
	size_t li = 0;
	for (size_t b = 0; b < COUNT(blocks); b++)
		for (size_t i = 0; i < COUNT(seconds); i++) {
			if (seconds[i].block != (int)b)
				continue;
			int k = s->l2[i] ? s->l2[i] : 1;
			for (int j = 0; j < k; j++) {
				struct leaf *lf = &s->leaves[li++];
				lf->block = (int)b;
				lf->kind = (int)i;
				if (s->l2[i]) {
					snprintf(lf->code, sizeof lf->code, "%s%02d",
						 seconds[i].code, j + 1);
					lf->title =
					    j < (int)COUNT(qualifiers)
						? pool_printf(&s->strings, "%s%s", qualifiers[j],
							      seconds[i].title)
						: pool_printf(&s->strings, "%s（%d）",
							      seconds[i].title, j + 1);
				} else {
					snprintf(lf->code, sizeof lf->code, "%s", seconds[i].code);
					lf->title = seconds[i].title;
				}
			}
		}
	/* rows per leaf: the block's share, spread ±40 % */
	for (size_t b = 0; b < COUNT(blocks); b++) {
		size_t rows = n * (size_t)blocks[b].share / 100, nl = 0;
		if (b == COUNT(blocks) - 1) {
			size_t used = 0;
			for (size_t k = 0; k < b; k++)
				used += n * (size_t)blocks[k].share / 100;
			rows = n - used;
		}
		double w[4096], sum = 0;
		for (size_t i = 0; i < s->nleaves; i++)
			if (s->leaves[i].block == (int)b) {
				w[nl] = 0.6 + 0.8 * (double)rn(1000) / 1000.0;
				sum += w[nl++];
			}
		size_t given = 0, k = 0;
		struct leaf *lastleaf = NULL;
		for (size_t i = 0; i < s->nleaves; i++)
			if (s->leaves[i].block == (int)b) {
				int c = (int)((double)rows * w[k++] / sum);
				s->leaves[i].nrows = c;
				given += (size_t)c;
				lastleaf = &s->leaves[i];
			}
		if (lastleaf)
			lastleaf->nrows += (int)(rows - given);
	}
}

/* The first rows of 101: GB/T 1.1 is cited by every foreword, the rest as in the museum. */
static void fixed_rows(struct sys *s, struct leaf *lf)
{
	static const struct {
		const char *no, *title, *replaces;
		unsigned seq, part;
		int year;
		struct ymd pub, eff;
	} fx[] = {
		{ "GB/T 1.1—2020",
		  "标准化工作导则 第1部分：标准化文件的结构和起草规则",
		  "GB/T 1.1—2009",
		  1,
		  1,
		  2020,
		  { 2020, 3, 31 },
		  { 2020, 10, 1 } },
		{ "GB/T 13016—2018",
		  "标准体系构建原则和要求",
		  "GB/T 13016—2009",
		  13016,
		  0,
		  2018,
		  { 2018, 2, 6 },
		  { 2018, 9, 1 } },
		{ "GB/T 24421.2—2023",
		  "服务业组织标准化工作指南 第2部分：标准体系构建",
		  "GB/T 24421.2—2009",
		  24421,
		  2,
		  2023,
		  { 2023, 3, 17 },
		  { 2023, 3, 17 } },
	};
	for (size_t i = 0; i < COUNT(fx) && lf->serial < lf->nrows; i++) {
		struct grow *r = new_row(s);
		r->leaf = (int)(lf - s->leaves);
		r->serial = ++lf->serial;
		snprintf(r->code, sizeof r->code, "%s-%03d", lf->code, r->serial);
		r->cls = C_NAT;
		strcpy(r->icode, "GB");
		r->seqnum = fx[i].seq;
		r->part = fx[i].part;
		r->year = fx[i].year;
		snprintf(r->number, sizeof r->number, "%s", fx[i].no);
		r->title = fx[i].title;
		r->type = "basic";
		r->status = S_CURRENT;
		r->pub = fx[i].pub;
		r->eff = fx[i].eff;
		snprintf(r->replaces, sizeof r->replaces, "%s", fx[i].replaces);
		r->fixed = true;
	}
}

static int pick_class(int block)
{
	unsigned x = rn(100);
	switch (block) {
	case 0:
		return x < 55 ? C_NAT : x < 70 ? C_SEC : x < 75 ? C_GRP : C_ENT;
	case 1:
		return x < 20 ? C_NAT : x < 35 ? C_SEC : x < 45 ? C_LOC : x < 50 ? C_GRP : C_ENT;
	case 2:
		return x < 30 ? C_NAT : x < 45 ? C_SEC : x < 50 ? C_LOC : x < 55 ? C_GRP : C_ENT;
	default:
		return C_ENT;
	}
}

/* Dates and status of a current edition, evaluated on the system's date. */
static void current_dates(struct grow *r, struct ymd as_of)
{
	if (r->cls == C_ENT) {
		r->pub = date_in(as_of.y - 7, as_of.y - 1);
		r->eff = date_after(r->pub, 1);
		/* the owner reviews its standards every five years (LIFE-007) */
		if (r->eff.y < as_of.y - 3) {
			r->review = true;
			r->rev = (struct ymd){ as_of.y - 1 - (int)rn(2), 3, 15 };
		}
	} else {
		r->pub = date_in(2005, as_of.y - 1);
		r->eff = date_after(r->pub, 1 + (int)rn(6));
	}
	if (ymd_cmp(r->eff, as_of) > 0)
		r->eff = as_of;
	set_number(r, r->pub.y);
}

static void fill_row(struct sys *s, struct leaf *lf, struct grow *r)
{
	r->leaf = (int)(lf - s->leaves);
	r->serial = ++lf->serial;
	snprintf(r->code, sizeof r->code, "%s-%03d", lf->code, r->serial);
	const struct second *sc = &seconds[lf->kind];
	r->type = sc->type;
	int cls = pick_class(lf->block);
	new_work(s, r, cls);
	r->title = row_title(s, lf, cls);
	r->status = S_CURRENT;
	unsigned x = rn(1000);
	if (cls == C_ENT && x < 25) {
		r->status = x < 12 ? S_PLANNED : S_DRAFTING;
		r->cls = C_NONE;
		r->number[0] = '\0';
		return;
	}
	if (x >= 25 && x < 40) {
		/* upcoming: published, takes effect after the system's date */
		r->status = S_UPCOMING;
		r->pub = (struct ymd){ s->date.y, 1 + (int)rn(11), 1 + (int)rn(28) };
		r->eff = (struct ymd){ s->date.y + 1, 1 + (int)rn(6), 1 };
		set_number(r, r->pub.y);
		return;
	}
	current_dates(r, s->date);
	if (x >= 40 && x < 60) {
		r->status = S_ABOLISHED;
		r->wd = date_after(r->eff, 12 + (int)rn(24));
		if (ymd_cmp(r->wd, s->date) > 0)
			r->wd = s->date;
		r->review = false;
	}
	if (cls == C_ENT && r->status == S_CURRENT && chance(30))
		snprintf(r->replaces, sizeof r->replaces, "Q/XXBWG %s—%d", r->code,
			 r->year - 3 - (int)rn(5));
	if (cls == C_NAT && r->status == S_CURRENT && chance(5))
		r->adopts = 1 + (int)rn(COUNT(adoptions));
	if (cls == C_ENT && r->status == S_CURRENT && chance(8))
		r->amend = true;
	if (cls == C_ENT && r->status == S_CURRENT && chance(4))
		r->interp = true;
	if (chance(5))
		r->note = cls == C_ENT ? "本馆自行制定" : "作为同类业务要求参照";
}

/* A replaced edition and its successor, one after the other in the leaf. */
static void fill_pair(struct sys *s, struct leaf *lf)
{
	struct grow *old = new_row(s);
	old->leaf = (int)(lf - s->leaves);
	old->serial = ++lf->serial;
	snprintf(old->code, sizeof old->code, "%s-%03d", lf->code, old->serial);
	old->type = seconds[lf->kind].type;
	new_work(s, old, chance(70) ? C_NAT : C_SEC);
	old->title = row_title(s, lf, old->cls);
	old->status = S_REPLACED;
	old->pub = date_in(2003, 2012);
	old->eff = date_after(old->pub, 2);
	set_number(old, old->pub.y);
	/* new_row may move the rows */
	size_t oi = (size_t)(old - s->rows);
	struct grow *nw = new_row(s);
	old = &s->rows[oi];
	*nw = *old;
	nw->serial = ++lf->serial;
	snprintf(nw->code, sizeof nw->code, "%s-%03d", lf->code, nw->serial);
	nw->status = S_CURRENT;
	nw->pub = date_in(s->date.y - 6, s->date.y - 1);
	nw->eff = date_after(nw->pub, 3);
	if (ymd_cmp(nw->eff, s->date) > 0)
		nw->eff = s->date;
	set_number(nw, nw->pub.y);
	snprintf(nw->replaces, sizeof nw->replaces, "%s", old->number);
	snprintf(old->replaced_by, sizeof old->replaced_by, "%s", nw->number);
	old->wd = nw->eff;
}

static bool ref_target(const struct grow *r)
{
	return r->status == S_CURRENT && r->cls >= C_NAT && r->cls <= C_GRP && !r->fixed;
}

static bool is_basis(const struct sys *s, const struct grow *r)
{
	int b = s->leaves[r->leaf].block;
	return (b == 1 || b == 2) && r->cls == C_ENT && r->status == S_CURRENT;
}

/* DOC-008: national by sequence; sector, local, group by code and then sequence. */
static int ref_cmp(const struct grow *a, const struct grow *b)
{
	int ga = a->cls == C_NAT ? 1 : a->cls == C_SEC ? 2 : a->cls == C_LOC ? 3 : 4;
	int gb = b->cls == C_NAT ? 1 : b->cls == C_SEC ? 2 : b->cls == C_LOC ? 3 : 4;
	if (ga != gb)
		return ga - gb;
	if (ga != 1) {
		int c = strcmp(a->icode, b->icode);
		if (c)
			return c;
	}
	if (a->seqnum != b->seqnum)
		return a->seqnum < b->seqnum ? -1 : 1;
	return (int)a->part - (int)b->part;
}

static struct sys *sys_cmp_ctx;

static int ref_qcmp(const void *pa, const void *pb)
{
	return ref_cmp(&sys_cmp_ctx->rows[*(const int *)pa], &sys_cmp_ctx->rows[*(const int *)pb]);
}

static void add_refs(struct sys *s, size_t ndocs)
{
	int *targets = xmalloc(s->nrows * sizeof *targets),
	    *basis = xmalloc(s->nrows * sizeof *basis);
	size_t nt = 0, nb = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		if (ref_target(&s->rows[i]))
			targets[nt++] = (int)i;
		if (is_basis(s, &s->rows[i]))
			basis[nb++] = (int)i;
	}
	sys_cmp_ctx = s;
	for (size_t i = 0; i < s->nrows; i++) {
		struct grow *r = &s->rows[i];
		bool post = s->leaves[r->leaf].block == 3;
		if (!post && (r->cls != C_ENT || r->status != S_CURRENT))
			continue;
		if (post && nb) {
			/* SVC-003: a post standard names the provision/support standards it rests
			 * on */
			int k = 1 + (int)rn(2);
			for (int j = 0; j < k; j++) {
				int t = basis[rn((unsigned)nb)];
				bool dup = false;
				for (int q = 0; q < r->nrefs; q++)
					dup |= r->refs[q] == t;
				if (!dup)
					r->refs[r->nrefs++] = t;
			}
		} else if (nt && (chance(40) || ndocs)) {
			int k = ndocs ? 3 + (int)rn(3) : 1 + (int)rn(3);
			for (int j = 0; j < k; j++) {
				int t = targets[rn((unsigned)nt)];
				bool dup = false;
				for (int q = 0; q < r->nrefs; q++)
					dup |=
					    r->refs[q] == t ||
					    !strcmp(s->rows[r->refs[q]].number, s->rows[t].number);
				if (!dup)
					r->refs[r->nrefs++] = t;
			}
		}
		qsort(r->refs, (size_t)r->nrefs, sizeof *r->refs, ref_qcmp);
		for (int q = 0; q < r->nrefs; q++)
			s->rows[r->refs[q]].refcount++;
	}
	/* linked documents: own current rows outside the post block, without records that would
	 * have to agree with the text */
	size_t given = 0;
	for (size_t i = 0; i < s->nrows && given < ndocs; i++) {
		struct grow *r = &s->rows[i];
		if (r->cls != C_ENT || r->status != S_CURRENT || s->leaves[r->leaf].block == 3 ||
		    r->nrefs < 2)
			continue;
		/* a first edition (no 代替 sentence to keep in step) without records on the row */
		r->replaces[0] = '\0';
		r->amend = r->interp = false;
		r->doc = true;
		given++;
	}
	if (given < ndocs)
		fprintf(stderr, "gen: only %zu rows can carry a document (asked for %zu)\n", given,
			ndocs);
	free(targets);
	free(basis);
}

static void build_rows(struct sys *s, size_t ndocs)
{
	for (size_t li = 0; li < s->nleaves; li++) {
		struct leaf *lf = &s->leaves[li];
		if (li == 0)
			fixed_rows(s, lf);
		while (lf->serial < lf->nrows) {
			if (lf->block != 3 && lf->nrows - lf->serial >= 2 && chance(3))
				fill_pair(s, lf);
			else
				fill_row(s, lf, new_row(s));
		}
	}
	add_refs(s, ndocs);
}

/* ---- the second edition (--edit) ------------------------------------------------------------ */

static void edit_system(struct sys *s, unsigned pct)
{
	struct ymd old_date = s->date;
	s->date = (struct ymd){ old_date.y + 1, 12, 31 };
	s->edition = s->date.y;
	size_t base = s->nrows, nchg = base * pct / 100;
	size_t nrev = nchg * 4 / 10, nnew = nchg * 3 / 10, nabo = nchg - nrev - nnew;
	/* a row upcoming on the old date is current now */
	for (size_t i = 0; i < base; i++)
		if (s->rows[i].status == S_UPCOMING)
			s->rows[i].status = S_CURRENT;
	size_t tries = 0;
	while ((nrev || nabo) && tries++ < 100 * base) {
		struct grow *r = &s->rows[rn((unsigned)base)];
		if (r->status != S_CURRENT || r->refcount || r->doc || r->fixed || r->edited ||
		    r->replaced_by[0] || (r->cls != C_NAT && r->cls != C_SEC && r->cls != C_ENT))
			continue;
		r->edited = true;
		if (nrev) {
			/* 改(修订): a new edition of the same work replaces the old one on the row
			 */
			nrev--;
			snprintf(r->replaces, sizeof r->replaces, "%s", r->number);
			r->pub = (struct ymd){ s->date.y, 1 + (int)rn(9), 1 + (int)rn(28) };
			r->eff = date_after(r->pub, 2);
			set_number(r, s->date.y);
			r->amend = r->interp = r->review = false;
			r->adopts = 0;
		} else {
			/* 废(废止) */
			nabo--;
			r->status = S_ABOLISHED;
			r->wd = (struct ymd){ s->date.y, 1 + (int)rn(11), 1 + (int)rn(28) };
			r->review = false;
		}
	}
	/* 立(制定/纳入): new rows at the end of random leaves */
	for (size_t k = 0; k < nnew; k++) {
		struct leaf *lf = &s->leaves[rn((unsigned)s->nleaves)];
		struct grow *r = new_row(s);
		r->leaf = (int)(lf - s->leaves);
		r->serial = ++lf->serial;
		snprintf(r->code, sizeof r->code, "%s-%03d", lf->code, r->serial);
		r->type = seconds[lf->kind].type;
		int cls = lf->block == 3 || chance(50) ? C_ENT : C_NAT;
		new_work(s, r, cls);
		r->title = row_title(s, lf, cls);
		r->status = S_CURRENT;
		r->pub = (struct ymd){ s->date.y, 1 + (int)rn(9), 1 + (int)rn(28) };
		r->eff = date_after(r->pub, 2);
		set_number(r, s->date.y);
		r->edited = true;
		if (lf->block == 3) {
			/* SVC-003 for a new post standard */
			for (size_t i = 0; i < base; i++)
				if (is_basis(s, &s->rows[i]) && !s->rows[i].edited) {
					r->refs[r->nrefs++] = (int)i;
					break;
				}
		}
	}
}

/* ---- writing the system --------------------------------------------------------------------- */

static void row_tree(struct sys *s, struct g *seq, const struct grow *r, const char *ext)
{
	struct pool *p = &tp;
	struct g *m = g_map(seq, NULL);
	g_str(m, "code", r->code);
	if (r->number[0])
		g_str(m, "number", r->number);
	g_str(m, "title", r->title);
	if (!r->number[0])
		g_str(m, "level", "enterprise");
	g_str(m, "type", r->type);
	g_str(m, "status", status_words[r->status]);
	if (r->status == S_PLANNED || r->status == S_DRAFTING)
		g_str(m, "action", "establish");
	if (r->pub.y)
		g_str(m, "published", fmt_date(p, r->pub));
	if (r->eff.y)
		g_str(m, "effective", fmt_date(p, r->eff));
	if (r->wd.y)
		g_str(m, "withdrawn", fmt_date(p, r->wd));
	if (r->replaces[0]) {
		struct g *l = g_seq(m, "replaces");
		l->flow = true;
		g_str(l, NULL, r->replaces);
	}
	if (r->replaced_by[0]) {
		struct g *l = g_seq(m, "replaced-by");
		l->flow = true;
		g_str(l, NULL, r->replaced_by);
	}
	if (r->adopts) {
		struct g *a = g_map(m, "adopts");
		a->flow = true;
		g_str(a, "standard", adoptions[r->adopts - 1].std);
		g_str(a, "degree", adoptions[r->adopts - 1].degree);
	}
	if (r->nrefs) {
		struct g *l = g_seq(m, "refs");
		l->flow = true;
		for (int i = 0; i < r->nrefs; i++)
			g_str(l, NULL, s->rows[r->refs[i]].number);
	}
	if (r->amend) {
		struct g *a = g_map(g_seq(m, "amendments"), NULL);
		a->flow = true;
		struct ymd d = date_after(r->eff, 6);
		if (ymd_cmp(d, s->date) > 0)
			d = s->date;
		g_str(a, "id", "XG1");
		g_str(a, "published", fmt_date(p, d));
		g_str(a, "effective", fmt_date(p, d));
		g_str(a, "summary", "增加团体观众的实名核验要求");
	}
	if (r->interp) {
		struct g *a = g_map(g_seq(m, "interpretations"), NULL);
		a->flow = true;
		struct ymd d = date_after(r->eff, 3);
		if (ymd_cmp(d, s->date) > 0)
			d = s->date;
		g_strf(a, "id", "JS-%d-01", d.y);
		g_str(a, "issued", fmt_date(p, d));
		g_str(a, "by", "某博物馆");
		struct g *cl = g_seq(a, "clauses");
		g_str(cl, NULL, "5.2");
		g_str(a, "summary", "明确“团体观众”人数下限");
	}
	if (r->review) {
		struct g *a = g_map(g_seq(m, "reviews"), NULL);
		a->flow = true;
		g_str(a, "date", fmt_date(p, r->rev));
		g_str(a, "outcome", "continue");
	}
	if (r->doc)
		g_strf(m, "document", "standards/%s.%s", r->code, ext);
	if (r->note)
		g_str(m, "note", r->note);
}

static struct g *system_tree(struct sys *s, bool xml)
{
	pool_reset(&tp);
	struct g *root = g_map(NULL, NULL);
	struct g *sy = g_map(root, "system");
	g_str(sy, "format", "1");
	sy->tail->raw = true;
	g_str(sy, "id", "xxbwg");
	g_str(sy, "title", "某博物馆公共服务标准体系");
	g_str(sy, "owner", "某博物馆");
	g_strf(sy, "edition", "%d", s->edition);
	g_str(sy, "date", fmt_date(&tp, s->date));
	g_str(sy, "code-format", "{category}-{serial:3}");
	g_str(sy, "review-cycle", "5");
	sy->tail->raw = true;
	struct g *op = g_seq(sy, "own-prefixes");
	op->flow = true;
	g_str(op, NULL, "Q/XXBWG");
	struct g *cats = g_seq(sy, "categories");
	size_t li = 0;
	for (size_t b = 0; b < COUNT(blocks); b++) {
		struct g *bc = g_map(cats, NULL);
		g_str(bc, "code", blocks[b].code);
		g_str(bc, "title", blocks[b].title);
		struct g *sub = g_seq(bc, "categories");
		for (size_t i = 0; i < COUNT(seconds); i++) {
			if (seconds[i].block != (int)b)
				continue;
			struct g *sc = g_map(sub, NULL);
			if (!s->l2[i]) {
				sc->flow = true;
				g_str(sc, "code", seconds[i].code);
				g_str(sc, "title", seconds[i].title);
				if (!s->leaves[li].serial)
					g_str(sc, "vacant", "true");
				li++;
				continue;
			}
			g_str(sc, "code", seconds[i].code);
			g_str(sc, "title", seconds[i].title);
			struct g *third = g_seq(sc, "categories");
			for (int j = 0; j < s->l2[i]; j++, li++) {
				struct g *tc = g_map(third, NULL);
				tc->flow = true;
				g_str(tc, "code", s->leaves[li].code);
				g_str(tc, "title", s->leaves[li].title);
				if (!s->leaves[li].serial)
					g_str(tc, "vacant", "true");
			}
		}
	}
	/* rows in table order: by leaf, then serial (new rows of an edition go to their leaf) */
	size_t *order = xmalloc(s->nrows * sizeof *order),
	       *start = calloc(s->nleaves + 1, sizeof *start);
	for (size_t i = 0; i < s->nrows; i++)
		start[s->rows[i].leaf + 1]++;
	for (size_t i = 0; i < s->nleaves; i++)
		start[i + 1] += start[i];
	for (size_t i = 0; i < s->nrows; i++)
		order[start[s->rows[i].leaf]++] = i;
	struct g *rows = g_seq(sy, "standards");
	for (size_t i = 0; i < s->nrows; i++)
		row_tree(s, rows, &s->rows[order[i]], xml ? "xml" : "yaml");
	free(order);
	free(start);
	return root;
}

/* ---- writing a standard document ------------------------------------------------------------ */

struct docplan {
	struct sys *s;
	const struct grow *r;
	int nchap;	     /* chapters after 3 */
	int *nsub, *nsubsub; /* per chapter: titled sub-clauses, untitled leaves under each */
	int ntables, tables_made;
	bool annex_cited;
	int ref_next; /* next normative reference to cite */
	int leaves_total, leaves_done;
	int extra_leaves; /* added to 4.1 so that the count comes out exact */
	size_t clauses;
};

static const char *sentence(void)
{
	return pool_printf(&tp, "%s应%s%s，%s。", PICK(subjects), PICK(acts), PICK(things),
			   PICK(tails));
}

/* -R: running text written as many short numbered sentences, each with a reference into the
 * document (第k项……，见x.y；), the shape of inspection and service checklists. */
static bool dense;

static const char *dense_paragraph(struct docplan *dp, int chap, int sub)
{
	int n = 4 + (int)rn(5);
	char *out = "";
	for (int k = 1; k <= n; k++) {
		int c = 4 + (int)rn((unsigned)dp->nchap);
		int nsub = dp->nsub[c - 4];
		const char *end = k == n ? "。" : "；";
		if (nsub && (c != chap || nsub > 1)) {
			int sc = 1 + (int)rn((unsigned)nsub);
			if (c == chap && sc == sub)
				sc = sc == 1 ? 2 : sc - 1;
			out = pool_printf(&tp, "%s第%d项%s%s，见%d.%d%s", out, k, PICK(acts),
					  PICK(things), c, sc, end);
		} else if (dp->ntables && chance(50)) {
			out = pool_printf(&tp, "%s第%d项%s%s，见表%d%s", out, k, PICK(acts),
					  PICK(things), 1 + (int)rn((unsigned)dp->ntables), end);
		} else {
			out = pool_printf(&tp, "%s第%d项%s%s%s", out, k, PICK(acts), PICK(things),
					  end);
		}
	}
	return out;
}

/* A normative paragraph with cross-references into this document and to the cited standards. */
static const char *paragraph(struct docplan *dp, int chap, int sub)
{
	const struct grow *r = dp->r;
	unsigned x = rn(100);
	/* every normative reference is cited once in the text (DOC-007), spread over the chapters
	 */
	int remaining_leaves = dp->leaves_total - dp->leaves_done;
	int remaining_refs = r->nrefs - dp->ref_next;
	if (remaining_refs > 0 && (remaining_refs >= remaining_leaves || chance(20))) {
		const struct grow *t = &dp->s->rows[r->refs[dp->ref_next++]];
		return pool_printf(&tp, "%s的%s应符合%s的规定。", PICK(things),
				   PICK(chapter_titles), t->number);
	}
	if (dense && x >= 40)
		return dense_paragraph(dp, chap, sub);
	if (x < 12 && dp->nchap > 1) {
		int c = 4 + (int)rn((unsigned)dp->nchap);
		if (c != chap)
			return pool_printf(&tp, "%s应%s%s，具体要求按第%d章的规定执行。",
					   PICK(subjects), PICK(acts), PICK(things), c);
	}
	if (x < 30) {
		int c = 4 + (int)rn((unsigned)dp->nchap);
		int nsub = dp->nsub[c - 4];
		if (nsub) {
			int sc = 1 + (int)rn((unsigned)nsub);
			if (c != chap || sc != sub)
				return pool_printf(&tp, "%s应%s%s，%s的要求见%d.%d。",
						   PICK(subjects), PICK(acts), PICK(things),
						   PICK(things), c, sc);
		}
	}
	if (x < 36 && dp->ntables)
		return pool_printf(&tp, "%s应按表%d所列项目%s%s。", PICK(subjects),
				   1 + (int)rn((unsigned)dp->ntables), PICK(acts), PICK(things));
	if (!dp->annex_cited && x < 40) {
		dp->annex_cited = true;
		return pool_printf(&tp, "%s的配置参见附录A。", PICK(objects));
	}
	return sentence();
}

static void leaf_body(struct docplan *dp, struct g *cl, int chap, int sub, bool want_table)
{
	struct g *body = g_seq(cl, "body");
	int np = 1 + (int)rn(2);
	for (int i = 0; i < np; i++)
		g_str(body, NULL, paragraph(dp, chap, sub));
	dp->leaves_done++;
	if (want_table) {
		const char *o = PICK(objects);
		g_strf(body, NULL, "%s的检查项目和检查频次见表%d。", o, dp->tables_made + 1);
		struct g *t = g_map(g_map(body, NULL), "table");
		g_strf(t, "num", "%d", ++dp->tables_made);
		g_strf(t, "title", "%s检查项目及频次", o);
		struct g *head = g_seq(t, "head");
		struct g *hr = g_seq(head, NULL);
		hr->flow = true;
		g_str(hr, NULL, "检查项目");
		g_str(hr, NULL, "检查要求");
		g_str(hr, NULL, "检查频次");
		struct g *rows = g_seq(t, "rows");
		int nr = 2 + (int)rn(3);
		static const char *const freq[] = { "每日一次", "每周一次", "每月一次",
						    "每季度一次" };
		for (int i = 0; i < nr; i++) {
			struct g *row = g_seq(rows, NULL);
			row->flow = true;
			g_str(row, NULL, PICK(things));
			g_strf(row, NULL, "%s完整", PICK(things));
			g_str(row, NULL, PICK(freq));
		}
	} else if (chance(12)) {
		g_strf(body, NULL, "%s应满足下列要求：", PICK(things));
		struct g *l = g_map(g_map(body, NULL), "list");
		g_str(l, "style", "letter");
		struct g *items = g_seq(l, "items");
		int ni = 3 + (int)rn(3);
		for (int i = 0; i < ni; i++)
			g_strf(items, NULL, "%s%s%s", PICK(acts), PICK(things),
			       i + 1 == ni ? "。" : "；");
	}
	if (chance(10)) {
		struct g *n = g_map(body, NULL);
		n->flow = true;
		g_strf(n, "note", "本条所称%s包括%s和%s。", PICK(things), PICK(objects),
		       PICK(objects));
	}
}

/* Sizes per chapter so the document holds exactly m clauses (3 special chapters and 2 annex
 * clauses included): chapters of 6 titled sub-clauses with 5 untitled leaves each, then a
 * last chapter with what is left (never a lone sub-clause, NUM-004). */
static void plan_doc(struct docplan *dp, int m)
{
	int rest = m - 3 - 2, per = 1 + 6 + 6 * 5;
	if (rest < 1)
		rest = 1;
	int full = rest / per, left = rest % per;
	if (full == 0) {
		/* a small document: one or two chapters */
		int a = rest / 2, b = rest - a;
		if (rest <= 2) {
			a = rest == 2 ? 1 : 0;
			b = 1;
		} else if (rest == 3) {
			a = 0;
		} else if (a == 2) {
			a = 1;
			b++;
		}
		dp->nchap = a ? 2 : 1;
		dp->nsub = calloc(2, sizeof(int));
		dp->nsubsub = calloc(2, sizeof(int));
		if (a)
			dp->nsub[0] = a > 1 ? a - 1 : 0;
		dp->nsub[a ? 1 : 0] = b > 1 ? b - 1 : 0;
	} else {
		dp->nchap = full + (left && left != 2 ? 1 : 0);
		dp->nsub = calloc((size_t)dp->nchap, sizeof(int));
		dp->nsubsub = calloc((size_t)dp->nchap, sizeof(int));
		for (int c = 0; c < full; c++) {
			dp->nsub[c] = 6;
			dp->nsubsub[c] = 5;
		}
		if (left == 2)
			dp->extra_leaves = 2; /* 4.1 gets seven leaves instead of five */
		else if (left)
			dp->nsub[full] = left > 1 ? left - 1 : 0;
	}
	dp->leaves_total = dp->extra_leaves;
	for (int c = 0; c < dp->nchap; c++)
		dp->leaves_total +=
		    dp->nsub[c] ? dp->nsub[c] * (dp->nsubsub[c] ? dp->nsubsub[c] : 1) : 1;
	dp->ntables = dp->leaves_total / 25 + 1;
}

static struct g *doc_tree(struct sys *s, const struct grow *r, int m)
{
	pool_reset(&tp);
	uint64_t saved = rng_state;
	rng_state = 0x5EEDu ^ ((uint64_t)(r - s->rows) * 0x9E3779B97F4A7C15u);
	struct docplan dp = { .s = s, .r = r };
	plan_doc(&dp, m);
	struct g *root = g_map(NULL, NULL);
	struct g *st = g_map(root, "standard");
	g_str(st, "format", "1");
	st->tail->raw = true;
	g_str(st, "number", r->number);
	g_str(st, "title", r->title);
	g_str(st, "ics", "03.080");
	g_str(st, "ccs", "A12");
	g_str(st, "issuer", "某博物馆");
	g_str(st, "published", fmt_date(&tp, r->pub));
	g_str(st, "effective", fmt_date(&tp, r->eff));
	g_str(st, "drafting-rules", "GB/T 1.1—2020");
	struct g *fw = g_map(st, "foreword");
	struct g *fb = g_seq(fw, "body");
	const char *dept = PICK(depts);
	g_str(fb, NULL,
	      "本文件按照GB/T "
	      "1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。");
	g_str(fb, NULL,
	      "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。");
	g_strf(fb, NULL, "本文件由某博物馆%s提出。", dept);
	g_str(fb, NULL, "本文件由某博物馆标准化工作办公室归口。");
	g_strf(fb, NULL, "本文件起草单位：某博物馆%s、某博物馆%s。", dept, PICK(depts));
	g_strf(fb, NULL, "本文件主要起草人：%s、%s、%s。", PICK(people), PICK(people),
	       PICK(people));
	g_str(fb, NULL, "本文件为首次发布。");
	struct g *cls = g_seq(st, "clauses");
	/* 1 范围 */
	struct g *c1 = g_map(cls, NULL);
	g_str(c1, "num", "1");
	g_str(c1, "title", "范围");
	struct g *b1 = g_seq(c1, "body");
	g_strf(b1, NULL, "本文件规定了%s的基本要求、管理要求以及评价与改进。", r->title);
	g_strf(b1, NULL, "本文件适用于某博物馆%s的相关工作。", PICK(services));
	/* 2 规范性引用文件 */
	struct g *c2 = g_map(cls, NULL);
	g_str(c2, "num", "2");
	g_str(c2, "title", "规范性引用文件");
	g_str(c2, "body",
	      "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文"
	      "件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单"
	      "）适用于本文件。");
	struct g *refs = g_seq(c2, "references");
	for (int i = 0; i < r->nrefs; i++) {
		const struct grow *t = &s->rows[r->refs[i]];
		struct g *e = g_map(refs, NULL);
		e->flow = true;
		g_str(e, "number", t->number);
		g_str(e, "title", t->title);
	}
	/* 3 术语和定义 */
	struct g *c3 = g_map(cls, NULL);
	g_str(c3, "num", "3");
	g_str(c3, "title", "术语和定义");
	g_str(c3, "body", "下列术语和定义适用于本文件。");
	struct g *terms = g_seq(c3, "terms");
	int nt = 3 + (int)rn(4);
	unsigned t0 = rn(COUNT(termvocab));
	for (int i = 0; i < nt; i++) {
		struct g *e = g_map(terms, NULL);
		g_strf(e, "num", "3.%d", i + 1);
		g_str(e, "term", termvocab[(t0 + (unsigned)i) % COUNT(termvocab)].zh);
		g_str(e, "en", termvocab[(t0 + (unsigned)i) % COUNT(termvocab)].en);
		g_strf(e, "definition", "%s在%s过程中形成的、经审定的%s。", PICK(subjects),
		       PICK(services), PICK(things));
	}
	dp.clauses = 3;
	/* chapters 4 … */
	int table_every = dp.leaves_total / dp.ntables;
	int leafno = 0;
	for (int c = 0; c < dp.nchap; c++) {
		int chap = 4 + c;
		struct g *ch = g_map(cls, NULL);
		g_strf(ch, "num", "%d", chap);
		g_str(ch, "title", chapter_titles[(unsigned)c % COUNT(chapter_titles)]);
		dp.clauses++;
		if (!dp.nsub[c]) {
			leaf_body(&dp, ch, chap, 0, false);
			leafno++;
			continue;
		}
		struct g *subs = g_seq(ch, "clauses");
		for (int k = 0; k < dp.nsub[c]; k++) {
			struct g *sc = g_map(subs, NULL);
			g_strf(sc, "num", "%d.%d", chap, k + 1);
			g_str(sc, "title", clause_titles[(unsigned)(k + c) % COUNT(clause_titles)]);
			dp.clauses++;
			int nleaf = dp.nsubsub[c] + (c == 0 && k == 0 ? dp.extra_leaves : 0);
			if (!nleaf) {
				bool tab =
				    dp.tables_made < dp.ntables && ++leafno % table_every == 0;
				leaf_body(&dp, sc, chap, k + 1, tab);
				continue;
			}
			struct g *leaves = g_seq(sc, "clauses");
			for (int j = 0; j < nleaf; j++) {
				struct g *lc = g_map(leaves, NULL);
				g_strf(lc, "num", "%d.%d.%d", chap, k + 1, j + 1);
				dp.clauses++;
				bool tab =
				    dp.tables_made < dp.ntables && ++leafno % table_every == 0;
				leaf_body(&dp, lc, chap, k + 1, tab);
			}
		}
	}
	/* the annex must be cited (NUM-013) and every reference cited (DOC-007) */
	if (!dp.annex_cited || dp.ref_next < r->nrefs) {
		struct g *last = cls->tail;
		while (last->tail && last->tail->kind == G_SEQ &&
		       !strcmp(last->tail->key, "clauses"))
			last = last->tail->tail;
		struct g *body = last->tail;
		if (!dp.annex_cited)
			g_strf(body, NULL, "%s的配置参见附录A。", PICK(objects));
		while (dp.ref_next < r->nrefs)
			g_strf(body, NULL, "%s应符合%s的规定。", PICK(things),
			       s->rows[r->refs[dp.ref_next++]].number);
	}
	struct g *ax = g_map(g_seq(st, "annexes"), NULL);
	g_str(ax, "num", "A");
	g_str(ax, "kind", "informative");
	g_strf(ax, "title", "%s配置", PICK(objects));
	struct g *axc = g_seq(ax, "clauses");
	for (int i = 1; i <= 2; i++) {
		struct g *a = g_map(axc, NULL);
		g_strf(a, "num", "A.%d", i);
		g_str(a, "title", PICK(objects));
		g_strf(a, "body", "%s一般按每个%s一套配置，并留有适当备用。", PICK(objects),
		       PICK(places));
		dp.clauses++;
	}
	struct g *bib = g_seq(st, "bibliography");
	struct g *e = g_map(bib, NULL);
	e->flow = true;
	g_str(e, "number", "GB/T 13016—2018");
	g_str(e, "title", "标准体系构建原则和要求");
	free(dp.nsub);
	free(dp.nsubsub);
	rng_state = saved;
	return root;
}

/* ---- main ----------------------------------------------------------------------------------- */

static void usage(void)
{
	fputs("usage: gen [-n ROWS] [-d DOCS] [-m CLAUSES] [-e PCT] [-s SEED] [-f yaml|xml|both] "
	      "[-D] [-R]\n"
	      "           -o DIR\n"
	      "Writes DIR/system.yaml (and .xml) with ROWS rows (default 1000) and, with -d, DOCS\n"
	      "linked documents of CLAUSES clauses each (default 100) in DIR/standards/.\n"
	      "-e PCT writes the next edition instead: PCT %% of the rows revised, added or\n"
	      "abolished (the same seed gives the same base; documents are never changed).\n"
	      "-D links the documents without writing them (to share the base's standards/).\n"
	      "-R writes the documents' running text as short numbered sentences, each with a\n"
	      "cross-reference (第k项……，见x.y；), the reference-dense prose of checklists.\n",
	      stderr);
	exit(2);
}

static void mkdir_p(const char *dir)
{
	if (mkdir(dir, 0777) && errno != EEXIST) {
		perror(dir);
		exit(3);
	}
}

int main(int argc, char **argv)
{
	size_t n = 1000, ndocs = 0;
	int m = 100;
	unsigned pct = 0;
	uint64_t seed = 1;
	const char *out = NULL, *fmt = "both";
	bool write_docs = true;
	int opt;
	while ((opt = getopt(argc, argv, "n:d:m:e:s:f:o:DR")) != -1) {
		switch (opt) {
		case 'R':
			dense = true;
			break;
		case 'D':
			write_docs = false;
			break;
		case 'n':
			n = strtoul(optarg, NULL, 10);
			break;
		case 'd':
			ndocs = strtoul(optarg, NULL, 10);
			break;
		case 'm':
			m = atoi(optarg);
			break;
		case 'e':
			pct = (unsigned)atoi(optarg);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'f':
			fmt = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	if (!out || n < 30 || m < 10)
		usage();
	bool yaml = strcmp(fmt, "xml") != 0, xml = strcmp(fmt, "yaml") != 0;
	rng_state = seed;
	struct sys s = { .date = { 2024, 12, 31 }, .edition = 2024 };
	build_tree(&s, n);
	build_rows(&s, ndocs);
	if (pct)
		edit_system(&s, pct);
	mkdir_p(out);
	char path[4096];
	char comment[256];
	snprintf(comment, sizeof comment,
		 "SYNTHETIC benchmark system (bench/gen -n %zu -s %llu%s): %zu rows, %zu leaf "
		 "categories",
		 n, (unsigned long long)seed, pct ? " -e" : "", s.nrows, s.nleaves);
	for (int k = 0; k < 2; k++) {
		if (!(k ? xml : yaml))
			continue;
		struct g *t = system_tree(&s, k == 1);
		snprintf(path, sizeof path, "%s/system.%s", out, k ? "xml" : "yaml");
		write_tree(path, t, k == 1, comment);
	}
	if (ndocs && write_docs) {
		snprintf(path, sizeof path, "%s/standards", out);
		mkdir_p(path);
		for (size_t i = 0; i < s.nrows; i++) {
			const struct grow *r = &s.rows[i];
			if (!r->doc)
				continue;
			struct g *t = doc_tree(&s, r, m);
			snprintf(comment, sizeof comment, "%s %s — SYNTHETIC full text of row %s",
				 r->number, r->title, r->code);
			for (int k = 0; k < 2; k++) {
				if (!(k ? xml : yaml))
					continue;
				snprintf(path, sizeof path, "%s/standards/%s.%s", out, r->code,
					 k ? "xml" : "yaml");
				write_tree(path, t, k == 1, comment);
			}
		}
	}
	return 0;
}
