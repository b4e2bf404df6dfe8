/* SPDX-License-Identifier: MIT */
/* fuzz: what every libFuzzer harness shares — one-time set-up, a fixed check date, the
 * abort-with-a-message used for broken invariants, and the entry points regress.c calls. */
#ifndef ZHUN_FUZZ_H
#define ZHUN_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "model.h"
#include "model_check.h"
#include "stdno.h"
#include "strbuf.h"

/* Every harness defines both; libFuzzer calls them, and so does regress.c's main(). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Load the standard-number tables once: $ZHUN_DATADIR, else the source tree's data/. Without
 * them sector and local numbers would never parse and whole paths would go unexercised. */
static inline void fuzz_setup(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	/* An input that starts like a legacy Office file (OLE2, `D0 CF 11 E0`) is handed to
	 * LibreOffice for conversion (office.c): each such input would start soffice, seconds a
	 * run, and fuzz LibreOffice rather than zhun. A converter that cannot run keeps the path
	 * that reports it missing; what LibreOffice writes (a .docx or .xlsx) is the docx and
	 * xlsx harnesses' input. */
	setenv("ZHUN_SOFFICE", "/dev/null/no-soffice-in-fuzzing", 1);
	const char *dir = getenv("ZHUN_DATADIR");
	char err[256];
	if (stdno_tables_load(dir && *dir ? dir : ZHUN_SRCDIR "/data", err, sizeof err) < 0) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
}

/* Checks run on a fixed date, so that a finding replays the same way on any day. */
static inline struct date fuzz_as_of(void)
{
	return (struct date){ 2024, 6, 1, { 0, 0 } };
}

/* A broken invariant: say which, then abort so that libFuzzer keeps the input as a crash. */
__attribute__((noreturn, format(printf, 1, 2))) static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz: invariant broken: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* The self-check (model_check.h) of what a harness loaded, and again once built: a broken
 * invariant of the tree or the typed model is a crash to libFuzzer. */
static inline void fuzz_self_check(const struct doc *d, const char *src, size_t len)
{
	struct strbuf why;
	strbuf_init(&why);
	if (!model_check(d, src, len, &why))
		fuzz_fail("self-check: %s", why.buf);
	strbuf_release(&why);
}

/* A stream that swallows what printers write (opened once, kept for the process). */
static inline FILE *fuzz_null(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}

#endif
