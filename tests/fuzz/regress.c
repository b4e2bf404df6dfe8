/* SPDX-License-Identifier: MIT */
/* regress: replay inputs through a harness without libFuzzer — main() calls
 * LLVMFuzzerTestOneInput on each file named (a directory stands for the files in it, sorted)
 * and prints TAP; a crash, a sanitizer report or a broken invariant fails the test. Linked with
 * one fuzz_<name>.c into fuzz-replay-<name> for the fuzz-regressions suite. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "strbuf.h"
#include "xalloc.h"

struct files {
	char **v;
	size_t n, cap;
};

static void add(struct files *f, char *path)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = path;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of `dir` (not README.md and no dot files), sorted. */
static void add_dir(struct files *f, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "regress: cannot open %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	size_t first = f->n;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md"))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			add(f, path);
		else
			free(path);
	}
	closedir(d);
	qsort(f->v + first, f->n - first, sizeof *f->v, by_name);
}

/* The whole file in a buffer of exactly its size, so that a read past the end of the input is
 * caught by ASan or valgrind; NULL on error. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		strbuf_add(&sb, chunk, n);
	bool bad = ferror(fp);
	fclose(fp);
	if (bad) {
		strbuf_release(&sb);
		return NULL;
	}
	*len = sb.len;
	unsigned char *buf = xmalloc(sb.len ? sb.len : 1);
	if (sb.len)
		memcpy(buf, sb.buf, sb.len);
	strbuf_release(&sb);
	return buf;
}

int main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	struct files f = { 0 };
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			add_dir(&f, argv[i]);
		else
			add(&f, xstrdup(argv[i]));
	}
	if (!f.n) {
		printf("1..0 # SKIP no inputs\n");
		return 0;
	}
	printf("1..%zu\n", f.n);
	fflush(stdout);
	int status = 0;
	for (size_t i = 0; i < f.n; i++) {
		size_t len = 0;
		unsigned char *buf = slurp(f.v[i], &len);
		if (!buf) {
			printf("not ok %zu - %s: cannot read: %s\n", i + 1, f.v[i],
			       strerror(errno));
			status = 1;
		} else {
			/* the name first: if the input crashes, the log says which one */
			fprintf(stderr, "# %s\n", f.v[i]);
			LLVMFuzzerTestOneInput(buf, len);
			printf("ok %zu - %s\n", i + 1, f.v[i]);
			free(buf);
		}
		fflush(stdout);
		free(f.v[i]);
	}
	free(f.v);
	stdno_tables_release();
	return status;
}
