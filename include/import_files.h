/* SPDX-License-Identifier: MIT */
/* import_files: the work of `zhun import FILE...` — each input loaded through the loader table,
 * built, validated and written atomically in YAML or XML — on a pool of threads (`-j N`), each
 * file with a store of findings of its own, merged in input order, so that what is printed does
 * not depend on the number of threads. */
#ifndef ZHUN_IMPORT_FILES_H
#define ZHUN_IMPORT_FILES_H

#include <stdbool.h>
#include <stddef.h>

struct diag_store;
struct limits;

/* One input and where it goes; the result fields are set by import_files_run. */
struct import_file {
	const char *in;	 /* the input, as given */
	const char *out; /* the output file, or "-" for standard output */
	int write_errno; /* set: the output could not be written (write_file_atomic's errno) */
	bool internal;	 /* set: the tree did not fit the spelling asked for (an internal error) */
};

struct import_files_opts {
	const char *to;	 /* the spelling written: "yaml" or "xml" (cli_spell) */
	bool dry;	 /* report what would be written, write nothing */
	bool quiet;	 /* no progress lines on standard error */
	unsigned wflags; /* write_file_atomic flags (WRITE_FOLLOW_SYMLINKS) */
	unsigned jobs;	 /* threads (0 or 1: this one) */
	const struct limits *lim;
};

/* Import v[0..n): load each input (load_file: import_options applies), build it, and write it
 * to its output unless it has an error or worse (then "'OUT' not written" on standard error).
 * The findings of every file go to `ds` in input order; the progress lines ("wrote 'OUT' (system,
 * 248 rows in 29 categories)", "would write …" under `dry`) are printed on standard error in
 * input order after every file is done. A failed write is not recorded: the caller reports
 * v[i].write_errno as it reports the failed writes of its other outputs. Outputs are distinct
 * files (the caller checks), except "-" with a single input. */
void import_files_run(struct import_file *v, size_t n, const struct import_files_opts *o,
		      struct diag_store *ds);

#endif
