/* SPDX-License-Identifier: MIT */
/* test_project: the one project loader over its sources — the file system and an in-memory
 * source standing for a git revision: what a system brings with it, each linked document read
 * once, the findings for missing and mistaken links, and when the as-of date is set. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "paths.h"
#include "project.h"
#include "xalloc.h"

#define SYSTEM_HEAD                                                                                \
	"system:\n"                                                                                \
	"  format: 1\n"                                                                            \
	"  id: t\n"                                                                                \
	"  title: 测试体系\n"                                                                  \
	"  owner: 某博物馆\n"

#define SYSTEM_BODY(second)                                                                        \
	"  own-prefixes: [Q/XXBWG]\n"                                                              \
	"  categories:\n"                                                                          \
	"    - {code: \"101\", title: 标准化导则}\n"                                          \
	"  standards:\n"                                                                           \
	"    - code: 101-001\n"                                                                    \
	"      number: Q/XXBWG 301-003—2021\n"                                                   \
	"      title: 讲解服务规范\n"                                                        \
	"      status: current\n"                                                                  \
	"      published: 2021-04-01\n"                                                            \
	"      effective: 2021-05-01\n"                                                            \
	"      document: std/a.yaml\n"                                                             \
	"    - code: 101-002\n"                                                                    \
	"      number: Q/XXBWG 301-004—2021\n"                                                   \
	"      title: 讲解服务评价\n"                                                        \
	"      status: current\n"                                                                  \
	"      published: 2021-04-01\n"                                                            \
	"      effective: 2021-05-01\n"                                                            \
	"      document: " second "\n"

static const char dated[] = SYSTEM_HEAD "  date: 2024-12-31\n" SYSTEM_BODY("std/a.yaml");
static const char undated[] = SYSTEM_HEAD SYSTEM_BODY("std/a.yaml");
static const char with_registry[] =
    SYSTEM_HEAD "  date: 2024-12-31\n"
		"  registry: [reg.yaml, gone.yaml, std/a.yaml]\n" SYSTEM_BODY("./std/a.yaml");

static const char standard[] = "standard:\n"
			       "  format: 1\n"
			       "  number: Q/XXBWG 301-003—2021\n"
			       "  title: 讲解服务规范\n"
			       "  issuer: 某博物馆\n";

static const char registry[] = "registry:\n"
			       "  format: 1\n"
			       "  source: 测试快照\n"
			       "  date: 2024-12-31\n"
			       "  editions: []\n";

/* ---- an in-memory source: a list of files, reads counted, "./" dropped when joining ---- */

struct file {
	const char *path, *text;
	int reads;
};

struct memory {
	struct file *files;
	size_t n;
};

static struct doc *mem_load(const struct project_source *src, const char *path,
			    struct diag_store *ds, const struct limits *lim, bool *missing)
{
	const struct memory *m = src->ctx;
	if (missing)
		*missing = false;
	for (size_t i = 0; i < m->n; i++) {
		struct file *f = &m->files[i];
		if (strcmp(f->path, path))
			continue;
		f->reads++;
		char *label = xasprintf("mem:%s", path);
		struct doc *d = load_buffer(label, f->text, strlen(f->text), SYNTAX_YAML, ds, lim);
		free(label);
		test_self_check(d, f->text, strlen(f->text));
		return d;
	}
	if (missing)
		*missing = true;
	else
		diag_add(ds, DIAG_IO_ERROR, path, (struct loc){ 0, 0 }, "not in memory");
	return NULL;
}

static char *mem_resolve(const struct project_source *src, const char *from, const char *rel)
{
	char *dir = path_dir(from);
	char *p = path_join(dir, !strncmp(rel, "./", 2) ? rel + 2 : rel);
	free(dir);
	return p;
}

static struct project_source memory_source(struct memory *m)
{
	return (struct project_source){ mem_load, mem_resolve, m, false };
}

static struct limits lim;

static void setup(void)
{
	test_tables();
	limits_default(&lim);
}

TestSuite(project, .init = setup);

/* ---- the as-of date: one behaviour whatever the source ---- */

/* A directory holding system.yaml (`text`) and std/a.yaml. Returns its path (caller frees). */
static char *files_on_disk(const char *text)
{
	char tmpl[] = "/tmp/zhun-test-project-XXXXXX";
	char *dir = xstrdup(mkdtemp(tmpl));
	char *std = path_join(dir, "std");
	cr_assert_eq(mkdir(std, 0700), 0);
	const char *names[2] = { "system.yaml", "std/a.yaml" };
	const char *texts[2] = { text, standard };
	for (int i = 0; i < 2; i++) {
		char *p = path_join(dir, names[i]);
		FILE *f = fopen(p, "w");
		cr_assert_not_null(f);
		fputs(texts[i], f);
		fclose(f);
		free(p);
	}
	free(std);
	return dir;
}

static void remove_files(char *dir)
{
	const char *names[4] = { "system.yaml", "std/a.yaml", "std", "" };
	for (int i = 0; i < 4; i++) {
		char *p = path_join(dir, names[i]);
		remove(p);
		free(p);
	}
	free(dir);
}

/* Load `text` as the system through the file system (disk) or memory; returns p->as_of. */
static struct date as_of_after(const char *text, bool disk, struct date before)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct project p;
	project_init(&p);
	p.as_of = before;
	struct file files[2] = { { "system.yaml", text, 0 }, { "std/a.yaml", standard, 0 } };
	struct memory m = { files, 2 };
	struct project_source mem = memory_source(&m);
	char *dir = disk ? files_on_disk(text) : NULL;
	char *path = disk ? path_join(dir, "system.yaml") : xstrdup("system.yaml");
	cr_assert(project_add(&p, disk ? &project_files : &mem, path, &ds, &lim));
	cr_assert_not_null(p.system);
	cr_assert_eq(p.ndocuments, 1, "%s: std/a.yaml once", disk ? "disk" : "memory");
	cr_assert_not_null(p.row_document[0]);
	cr_assert_eq(p.row_document[0], p.row_document[1]);
	struct date d = p.as_of;
	project_release(&p);
	diag_store_release(&ds);
	free(path);
	if (dir)
		remove_files(dir);
	return d;
}

Test(project, as_of_is_the_system_date)
{
	for (int disk = 0; disk < 2; disk++) {
		struct date d = as_of_after(dated, disk, (struct date){ 0 });
		cr_assert(d.y == 2024 && d.m == 12 && d.d == 31, "%s: %d-%d-%d",
			  disk ? "disk" : "memory", d.y, d.m, d.d);
	}
}

Test(project, as_of_of_an_undated_system_stays_as_it_was)
{
	for (int disk = 0; disk < 2; disk++) {
		struct date d = as_of_after(undated, disk, (struct date){ 0 });
		cr_assert_eq(d.y, 0, "%s: no date, none set", disk ? "disk" : "memory");
		d = as_of_after(undated, disk, (struct date){ 2020, 1, 2, { 0, 0 } });
		cr_assert(d.y == 2020 && d.m == 1 && d.d == 2, "%s: the caller's date is kept",
			  disk ? "disk" : "memory");
		d = as_of_after(dated, disk, (struct date){ 2020, 1, 2, { 0, 0 } });
		cr_assert_eq(d.y, 2024, "%s: a dated system wins", disk ? "disk" : "memory");
	}
}

/* ---- what a system brings with it ---- */

Test(project, linked_files_come_from_the_same_source)
{
	struct file files[] = {
		{ "sys/system.yaml", with_registry, 0 },
		{ "sys/reg.yaml", registry, 0 },
		{ "sys/std/a.yaml", standard, 0 },
		{ "system.yaml", with_registry, 0 }, /* not named: never read */
	};
	struct memory m = { files, 4 };
	struct project_source src = memory_source(&m);
	struct diag_store ds;
	diag_store_init(&ds);
	struct project p;
	project_init(&p);
	cr_assert(project_add(&p, &src, "sys/system.yaml", &ds, &lim));
	diag_store_finish(&ds);
	cr_assert_eq(p.nregistries, 1);
	cr_assert_str_eq(p.registries[0]->path, "mem:sys/reg.yaml");
	cr_assert_eq(p.ndocuments, 1);
	cr_assert_str_eq(p.documents[0]->path, "mem:sys/std/a.yaml");
	/* "std/a.yaml" and "./std/a.yaml" resolve to one path: read once for both rows (and once
	 * more as the registry it is not) */
	cr_assert_eq(files[2].reads, 2);
	cr_assert_eq(files[3].reads, 0);
	cr_assert_eq(p.row_document[0], p.documents[0]);
	cr_assert_eq(p.row_document[1], p.documents[0]);
	const struct diag *gone = test_find(&ds, DIAG_LINKED_FILE);
	cr_assert_not_null(gone);
	cr_assert_str_eq(gone->file, "mem:sys/system.yaml");
	cr_assert_str_eq(gone->msg, "registry file 'sys/gone.yaml' does not exist");
	const struct diag *kind = test_find(&ds, DIAG_LINKED_KIND);
	cr_assert_not_null(kind);
	cr_assert_str_eq(kind->msg, "'mem:sys/std/a.yaml' is a standard, not a registry");
	project_release(&p);
	diag_store_release(&ds);
}

Test(project, add_doc_without_a_source_loads_nothing_linked)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = load_buffer("system.yaml", dated, strlen(dated), SYNTAX_YAML, &ds, &lim);
	cr_assert_not_null(d);
	struct project p;
	project_init(&p);
	cr_assert(project_add_doc(&p, NULL, "system.yaml", d, &ds, &lim));
	test_self_check(d, dated, strlen(dated));
	cr_assert_eq(p.system_doc, d);
	cr_assert_eq(p.as_of.y, 2024);
	cr_assert_eq(p.ndocuments + p.nregistries, 0);
	cr_assert_null(p.row_document[0]);
	cr_assert_null(test_find(&ds, DIAG_LINKED_FILE));
	project_release(&p);
	diag_store_release(&ds);
}

Test(project, a_missing_operand_is_the_sources_finding)
{
	struct memory m = { NULL, 0 };
	struct project_source src = memory_source(&m);
	struct diag_store ds;
	diag_store_init(&ds);
	struct project p;
	project_init(&p);
	cr_assert_not(project_add(&p, &src, "nowhere.yaml", &ds, &lim));
	cr_assert_not_null(test_find(&ds, DIAG_IO_ERROR));
	cr_assert_null(p.system);
	cr_assert_eq(p.nothers, 0);
	project_release(&p);
	diag_store_release(&ds);
}

Test(project, lone_files_and_take_others)
{
	struct diag_store ds;
	diag_store_init(&ds);
	struct project a, b;
	project_init(&a);
	project_init(&b);
	for (int i = 0; i < 2; i++) {
		struct doc *d = load_buffer(i ? "b.yaml" : "a.yaml", standard, strlen(standard),
					    SYNTAX_YAML, &ds, &lim);
		cr_assert(project_add_doc(i ? &b : &a, NULL, d->path, d, &ds, &lim));
	}
	cr_assert_null(a.system);
	cr_assert_eq(a.nothers, 1);
	project_take_others(&a, &b);
	cr_assert_eq(a.nothers, 2);
	cr_assert_eq(b.nothers, 0);
	cr_assert_str_eq(a.others[1]->path, "b.yaml");
	project_release(&b);
	project_release(&a);
	diag_store_release(&ds);
}

/* ---- streaming: links listed, documents loaded one at a time ---- */

static void count_doc(void *arg, size_t k, struct doc *d, struct diag_store *ds, unsigned worker)
{
	(void)ds, (void)worker;
	size_t *seen = arg;
	if (d && d->model)
		seen[k]++;
}

Test(project, a_streaming_project_lists_its_documents_and_loads_none)
{
	static const char two[] = SYSTEM_HEAD "  date: 2024-12-31\n" SYSTEM_BODY("./std/b.yaml");
	struct file files[] = {
		{ "system.yaml", two, 0 },
		{ "std/a.yaml", standard, 0 },
		{ "std/b.yaml", registry, 0 },
	};
	struct memory m = { files, 3 };
	struct project_source src = memory_source(&m);
	struct diag_store ds;
	diag_store_init(&ds);
	struct project p;
	project_init(&p);
	p.stream = true;
	cr_assert(project_add(&p, &src, "system.yaml", &ds, &lim));
	cr_assert_eq(p.ndocuments, 0);
	cr_assert_eq(files[1].reads + files[2].reads, 0,
		     "nothing read before the links are walked");
	cr_assert_eq(p.nlinks, 2);
	cr_assert_str_eq(p.links[0].path, "std/a.yaml");
	cr_assert_eq(p.links[0].nrows, 1);
	cr_assert_eq(p.links[0].rows[0], 0);
	cr_assert_str_eq(p.links[1].path, "std/b.yaml");
	cr_assert_eq(p.links[1].rows[0], 1);
	size_t seen[2] = { 0, 0 };
	project_each_link(&p, &ds, 1, count_doc, seen);
	cr_assert_eq(seen[0], 1, "the standard reaches the callback");
	cr_assert_eq(seen[1], 0, "a registry linked as a document does not");
	cr_assert_eq(files[1].reads, 1);
	cr_assert_eq(files[2].reads, 1);
	const struct diag *kind = test_find(&ds, DIAG_LINKED_KIND);
	cr_assert_not_null(kind, "the row naming a registry gets its finding");
	cr_assert_str_eq(kind->msg, "'mem:std/b.yaml' is a registry, not a standard");
	project_release(&p);
	diag_store_release(&ds);
}

/* The same findings in the same order from one thread and from several. */
Test(project, links_on_several_threads_merge_in_link_order)
{
	char tmpl[] = "/tmp/zhun-test-project-XXXXXX";
	char *dir = xstrdup(mkdtemp(tmpl));
	struct strbuf sys = STRBUF_INIT;
	strbuf_init(&sys);
	strbuf_adds(&sys, SYSTEM_HEAD "  categories:\n    - {code: \"101\", title: 标准化导则}\n"
				      "  standards:\n");
	enum { N = 24 };
	for (int i = 0; i < N; i++) {
		/* every third file is missing, every other one has an unknown key */
		strbuf_addf(&sys,
			    "    - {code: 101-%03d, number: Q/XXBWG 101-%03d—2021, title: 文件, "
			    "status: current, document: d%02d.yaml}\n",
			    i + 1, i + 1, i);
		if (i % 3 == 2)
			continue;
		char name[16];
		snprintf(name, sizeof name, "d%02d.yaml", i);
		char *path = path_join(dir, name);
		FILE *f = fopen(path, "w");
		cr_assert_not_null(f);
		fprintf(f, "%s%s", standard, i % 2 ? "  colour: 红\n" : "");
		fclose(f);
		free(path);
	}
	char *sp = path_join(dir, "system.yaml");
	FILE *f = fopen(sp, "w");
	cr_assert_not_null(f);
	fputs(sys.buf, f);
	fclose(f);
	struct strbuf out[2];
	for (int run = 0; run < 2; run++) {
		struct diag_store ds;
		diag_store_init(&ds);
		struct project p;
		project_init(&p);
		p.stream = true;
		cr_assert(project_add(&p, &project_files, sp, &ds, &lim));
		size_t seen[N] = { 0 };
		project_each_link(&p, &ds, run ? 4 : 1, count_doc, seen);
		size_t loaded = 0;
		for (int i = 0; i < N; i++)
			loaded += seen[i];
		cr_assert_eq(loaded, N - N / 3);
		strbuf_init(&out[run]);
		/* unsorted: the order of recording itself must not depend on the threads */
		for (size_t i = 0; i < diag_store_size(&ds); i++) {
			const struct diag *d = diag_store_get(&ds, i);
			strbuf_addf(&out[run], "%s:%u:%u %s %s\n", d->file, d->loc.line, d->loc.col,
				    diag_info(d->code)->name, d->msg);
		}
		for (size_t i = 0; diag_store_file_at(&ds, i); i++)
			strbuf_addf(&out[run], "file %s\n", diag_store_file_at(&ds, i));
		project_release(&p);
		diag_store_release(&ds);
	}
	cr_assert(strstr(out[0].buf, "does not exist"), "%s", out[0].buf);
	cr_assert(strstr(out[0].buf, "colour"), "%s", out[0].buf);
	cr_assert_str_eq(out[0].buf, out[1].buf);
	strbuf_release(&out[0]);
	strbuf_release(&out[1]);
	strbuf_release(&sys);
	for (int i = 0; i < N; i++) {
		char name[16];
		snprintf(name, sizeof name, "d%02d.yaml", i);
		char *path = path_join(dir, name);
		remove(path);
		free(path);
	}
	remove(sp);
	free(sp);
	remove(dir);
	free(dir);
}
