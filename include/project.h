/* SPDX-License-Identifier: MIT */
/* project: load what a command is pointed at — a system with every registry and linked
 * document it names, or lone standard and registry files — and build their models. */
#ifndef ZHUN_PROJECT_H
#define ZHUN_PROJECT_H

#include <stdbool.h>

#include "load.h"
#include "model.h"

struct diag_store;

/* Resolve an operand: a directory means its zhun.yaml's `system` key, else system.yaml, else
 * zhun.xml/system.xml inside it; a file is itself. Returns a new string (caller frees) or NULL
 * with a finding recorded. */
char *project_resolve(const char *operand, struct diag_store *ds);

/* Load `path` and everything it names into `p` (zeroed by the caller or project_init). A system
 * loads its registries and linked documents (paths relative to the system file); a standard or
 * registry is kept in p->others. Structural validation (model_build) runs on each. Returns
 * false when the file itself could not be loaded or built (findings recorded). */
bool project_add(struct project *p, const char *path, struct diag_store *ds,
		 const struct limits *lim);

void project_init(struct project *p);
/* Frees every doc the project loaded. */
void project_release(struct project *p);

/* Settings from zhun.yaml next to the system (rule severities, language, system path). */
struct settings {
	char *system;   /* system file named by zhun.yaml, or NULL */
	char *lang;     /* "zh" / "en" or NULL */
};
/* Read `dir`/zhun.yaml if present, apply its `rules:` severities to ds, fill `s`. Returns false
 * on a broken zhun.yaml (finding recorded). */
bool settings_load(const char *dir, struct settings *s, struct diag_store *ds,
		   const struct limits *lim);
void settings_release(struct settings *s);

#endif
