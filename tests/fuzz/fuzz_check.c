/* SPDX-License-Identifier: MIT */
/* fuzz_check: `zhun check` on one file of any bytes — load (YAML or XML, told apart by content
 * as for a file without extension), model_build, every check pass through check_run (a system
 * alone: its registries and documents are not loaded), and every findings printer. */
#include <string.h>

#include "check.h"
#include "diag.h"
#include "fuzz.h"
#include "load.h"
#include "project.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct limits lim;
	limits_default(&lim);
	lim.max_nodes = 200000; /* bounds the time of one input; the limit has golden tests */
	struct diag_store ds;
	diag_store_init(&ds);
	struct doc *d = load_buffer("fuzz", s, size, load_sniff("fuzz", s, size), &ds, &lim);
	struct project p;
	project_init(&p);
	if (d) {
		fuzz_self_check(d, s, size);
		/* as project_add files it, without the linked files */
		project_add_doc(&p, NULL, "fuzz", d, &ds, &lim);
		fuzz_self_check(d, s, size);
		/* the system's date as zhun check takes it, else a fixed one (never today's) */
		struct date as_of = p.system && p.system->date.y ? p.system->date : fuzz_as_of();
		check_run(&p, &ds, &as_of);
	}
	diag_store_finish(&ds);
	struct diag_print_opts po = { false, false, "check", SEV_OFF };
	for (const struct diag_printer *f = diag_printers; f->name; f++)
		diag_print(&ds, f, fuzz_null(), &po);
	project_release(&p);
	diag_store_release(&ds);
	return 0;
}
