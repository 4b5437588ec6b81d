/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* ID register values read from a CPU, for decode (idvalues.c). */
#ifndef SYSREGGEN_IDVALUES_H
#define SYSREGGEN_IDVALUES_H

#include "idregs.h"

/* NAME=VALUE arguments: false, with the errors reported, if one is bad. */
bool idvalues_read_args(struct idregs *ir, char *const *args, int n, struct diag *d);
/* A file of "NAME VALUE" lines, or a Firecracker CPU template or
 * cpu-template-helper dump. */
bool idvalues_read_file(struct idregs *ir, const char *path, size_t max_bytes, struct diag *d);
/* The same from `n` bytes of `text` (text[n] is '\0'; changed in place);
 * `path` names it in messages. */
bool idvalues_read_text(struct idregs *ir, const char *path, char *text, size_t n, struct diag *d);

#endif
