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
 * check has a name that ends its messages ("[duplicate-register]").
 * Returns false when a check reported an error. */
bool check_model(struct model *m, struct diag *d);
/* The checks that need resolved accessors, after resolve_accessors(). */
bool check_resolved_model(struct model *m, struct diag *d);

/* classify.c: width (64/128, 32/64 for AArch32), access (R/W/RW), the
 * 128-bit accessor condition and the identifying accessor of each register
 * and alias. */
void classify_registers(struct model *m);

#endif
