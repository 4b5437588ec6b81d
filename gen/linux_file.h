/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* The kernel's arch/arm64/tools/sysreg as linux-update reads it: its lines
 * as written, and its blocks (linux.h's structures, with line numbers). */
#ifndef SYSREGGEN_LINUX_FILE_H
#define SYSREGGEN_LINUX_FILE_H

#include "linux.h"

struct linux_file {
	const char *path;
	char *text;
	char **lines; /* without their newlines, in blocks.arena */
	size_t n_lines;
	struct linux_blocks blocks; /* Sysreg and SysregFields blocks in file order */
};

/* False, with every error reported at its file:line, if the file cannot be
 * read or is not in the format gen-sysreg.awk takes. */
bool linux_file_read(struct linux_file *lf, const char *path, size_t max_bytes, struct diag *d);
/* The same from `len` bytes of `text` (text[len] is '\0'; lf owns it from
 * now on); `path` names it in messages. */
bool linux_file_read_text(struct linux_file *lf, const char *path, char *text, size_t len, struct diag *d);
void linux_file_free(struct linux_file *lf);

#endif
