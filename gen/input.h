/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Where spec documents come from: a directory (walked recursively, in name
 * order), a single file, or a .tar.gz/.tar.xz archive read in memory with
 * libarchive (never extracted to disk). */
#ifndef SYSREGGEN_INPUT_H
#define SYSREGGEN_INPUT_H

#include "frontend.h"

/* Called once per document; returning false does not stop the walk (every
 * error is reported), it only records that one failed. */
typedef bool (*document_fn)(void *ctx, struct document *doc);

/* Returns false when something could not be read (reported through d). */
bool input_read_path(const char *path, const struct load_options *o, struct diag *d, document_fn fn, void *ctx);
/* The same for bytes already in memory, named `name` in messages. */
bool input_read_memory(const char *name, const void *data, size_t len, const struct load_options *o,
		       struct diag *d, document_fn fn, void *ctx);

#endif
