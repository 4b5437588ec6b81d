/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Passes over a loaded model, run in this order by main.c's load_model():
 * checks, the feature filter (features.h), resolve, classify. */
#ifndef SYSREGGEN_PASSES_H
#define SYSREGGEN_PASSES_H

#include "model.h"

/* resolve.c: decide what each accessor names (own register, another
 * register, an alias, an encoding space) and collect per register every
 * accessor that names it. */
void resolve_accessors(struct model *m);

/* checks.c: what the spec must say, whichever front end read it. Each
 * check has a name that ends its messages ("[duplicate-register]") and a
 * level (-E NAME, -W NAME, -W no-NAME). Return false when a check reported
 * an error. cl NULL: every check at its default level. */
enum check_level { CHECK_OFF, CHECK_WARNING, CHECK_ERROR };
enum { CHECK_MAX = 16 };
struct check_levels {
	enum check_level level[CHECK_MAX];
};
size_t check_count(void);
const char *check_name(size_t i);
const char *check_description(size_t i);
enum check_level check_default_level(size_t i);
void check_levels_default(struct check_levels *cl);
bool check_set_level(struct check_levels *cl, const char *name, enum check_level level); /* false: no such check */
bool check_model(struct model *m, struct diag *d, const struct check_levels *cl);
/* The checks that need resolved accessors, after resolve_accessors(). */
bool check_resolved_model(struct model *m, struct diag *d, const struct check_levels *cl);

/* classify.c: width (64/128, 32/64 for AArch32), access (R/W/RW), the
 * 128-bit accessor condition and the identifying accessor of each register
 * and alias. */
void classify_registers(struct model *m);

#endif
