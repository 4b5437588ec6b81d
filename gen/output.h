/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Writing files (output.c): every file sysreggen writes goes through here. */
#ifndef SYSREGGEN_OUTPUT_H
#define SYSREGGEN_OUTPUT_H

#include "util.h"

/* One file of a set, by its name in the output directory. */
struct out_file {
	const char *name;
	struct strbuf text;
};

/* Write all of data to fd, through short writes; 0, or -1 with errno set. */
int write_all_fd(int fd, const char *data, size_t len);
/* mkdir -p: `path` and its missing parents. 0, or -1 with errno set. */
int make_dirs(const char *path);
/* Write `len` bytes to `path` atomically: a temporary file in the same
 * directory, then rename. A new file gets 0666 less the umask, a file
 * replaced keeps its mode, a symbolic link is replaced (its target is
 * untouched); a path that holds anything else (a FIFO, a device, a socket,
 * a directory) is refused before anything is written. Returns 0, 1 when it
 * could not be written, 2 when refused, the errors reported through d. */
int write_file_atomic(const char *path, const char *data, size_t len, struct diag *d);
/* Every file into `dir` the same way, renamed only when all were written
 * (a failure leaves the directory as it was): 0, 1 or 2 as above. */
int output_write_files(const char *dir, const struct out_file *files, size_t n_files, struct diag *d);
/* 2 if the path of one of the files holds what writing it would refuse
 * (a FIFO, a device, a socket, a directory), each reported; else 0. */
int output_refused_targets(const char *dir, const struct out_file *files, size_t n_files, struct diag *d);
/* Print the files that differ from what is in `dir`; 1 if any. */
int output_list_stale(const char *dir, const struct out_file *files, size_t n_files);
/* The temporary files (NAME.tmpXXXXXX for one of `names`) a killed run
 * left in `dir`: removed (a warning each), or with check_only printed;
 * returns 1 if any was found while checking. Hold the directory's lock. */
int output_left_temps(const char *dir, const char *const *names, size_t n_names, bool check_only, struct diag *d);
/* flock on the directory, shared or exclusive: -1 when there is none. */
int output_lock_dir(const char *dir, bool exclusive);
void output_unlock_dir(int lock);

#endif
