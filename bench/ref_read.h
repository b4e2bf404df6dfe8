/* SPDX-License-Identifier: MIT */
/* ref_read: what the two reference parsers share — reading a file into memory the way
 * zhun's load_file does, and a main() that parses every file named (or listed with -l). */
#ifndef ZHUN_BENCH_REF_READ_H
#define ZHUN_BENCH_REF_READ_H

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Events or elements seen, printed at the end so the work cannot be optimised away. */
static unsigned long ref_events;

/* The whole file in one malloc'd buffer (the caller frees), or NULL after a message. */
static char *ref_read(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(path);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	size_t n = 0;
	while (buf && n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (!buf || n != (size_t)st.st_size) {
		perror(path);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* argv: FILE... or -l LIST (one path a line). Exit 0 when every file parsed. */
static int ref_main(int argc, char **argv, const char *name, int (*parse)(const char *path))
{
	int rc = 0;
	if (argc == 3 && !strcmp(argv[1], "-l")) {
		FILE *f = fopen(argv[2], "r");
		if (!f) {
			perror(argv[2]);
			return 2;
		}
		char line[4096];
		while (fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = '\0';
			if (*line)
				rc |= parse(line);
		}
		fclose(f);
	} else if (argc > 1) {
		for (int i = 1; i < argc; i++)
			rc |= parse(argv[i]);
	} else {
		fprintf(stderr, "usage: %s FILE... | -l LIST\n", name);
		return 2;
	}
	printf("%lu\n", ref_events);
	return rc;
}

#endif
