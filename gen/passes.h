/* Passes over a loaded model, run in this order by spec_load(). */
#ifndef SYSREGGEN_PASSES_H
#define SYSREGGEN_PASSES_H

#include "model.h"

/* resolve.c: decide what each accessor names (own register, another
 * register, an alias, an encoding space) and collect per register every
 * accessor that names it. */
void resolve_accessors(struct model *m);

/* classify.c: width (64/128, 32/64 for AArch32), access (R/W/RW), the
 * 128-bit accessor condition and the identifying accessor of each register
 * and alias. */
void classify_registers(struct model *m);

#endif
