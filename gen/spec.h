/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Load a whole spec into one model: read the documents (input.c), hand each
 * to its front end (xml.c, json.c), check that registers were found. With
 * need_features, a spec without Features.json gets the one compiled in. */
#ifndef SYSREGGEN_SPEC_H
#define SYSREGGEN_SPEC_H

#include "frontend.h"

/* The release compiled into the binary (spec/ at build time). */
extern const char embedded_spec_name[];

/* path NULL loads the embedded release. Returns false when any error was
 * reported; the model then holds what could be read. */
bool spec_load(struct model *m, const char *path, const struct load_options *o, bool need_features, struct diag *d);
/* The same for a spec (a document or an archive) already in memory. */
bool spec_load_memory(struct model *m, const char *name, const void *data, size_t len, const struct load_options *o,
		      bool need_features, struct diag *d);

#endif
