/* Load a whole spec into one model: read the documents (input.c), hand each
 * to its front end, check that a release was found, run the passes. */
#ifndef SYSREGGEN_SPEC_H
#define SYSREGGEN_SPEC_H

#include "frontend.h"

/* The release compiled into the binary (spec/ at build time). */
extern const char embedded_spec_name[];

/* path NULL loads the embedded release. Returns false when any error was
 * reported; the model then holds what could be read. */
bool spec_load(struct model *m, const char *path, const struct load_options *o, struct diag *d);

#endif
