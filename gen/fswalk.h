/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Reading below a directory the user named (a spec directory, an audited
 * tree) without ever leaving it: no symbolic link inside it is followed,
 * no FIFO or device is opened, depth and the number of entries are
 * bounded, and every file read has a size limit. The path the user names
 * is taken as it is (a link there is the user's choice). */
#ifndef SYSREGGEN_FSWALK_H
#define SYSREGGEN_FSWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/stat.h>

#include "util.h"

/* Limits on what is read from disk; --max-file-bytes, --max-files, --strict. */
struct read_limits {
	size_t max_file_bytes; /* one file (or archive member) */
	size_t max_files;      /* entries (files, directories, links) one walk visits */
	bool strict;           /* a symbolic link skipped is an error */
};
/* Directories below the one named, at most (Arm's releases: 2). */
enum { WALK_MAX_DEPTH = 16 };

enum walk_kind {
	WALK_FILE,    /* a regular file, open for reading in fd */
	WALK_LINK,    /* a symbolic link: never followed, fd -1 */
	WALK_SPECIAL, /* a FIFO, device or socket: never opened, fd -1 */
	WALK_ERROR,   /* `error` says what; a limit's error ends the walk */
};

struct walk_entry {
	enum walk_kind kind;
	const char *path; /* "ROOT/sub/name" */
	const char *name; /* "name" */
	int fd;           /* WALK_FILE: O_RDONLY; closed by the walk after the call */
	long long size;   /* WALK_FILE: as fstat says */
	const char *error;
};

/* Called for each entry below the root, in name order, depth first (names
 * starting with '.' are left out); return false to end the walk. */
typedef bool walk_fn(void *ctx, const struct walk_entry *e);

/* Walk the directory `root`. Returns false when the walk was ended (by a
 * limit, an error or the callback) before it saw everything. */
bool walk_tree(const char *root, const struct read_limits *lim, walk_fn *fn, void *ctx);

/* The same for the directory `rel` below `root` ("target/arm"), reached
 * with no link on the way: the walk of a tree's part cannot be led out of
 * the tree by a link swapped in meanwhile. */
bool walk_tree_below(const char *root, const char *rel, const struct read_limits *lim, walk_fn *fn, void *ctx);

/* `rel` ("arch/arm64/tools/sysreg") below the directory `root`, with no
 * symbolic link on the way or at the end: 0 and *st, or -1 with errno
 * (ELOOP for a link, ENOENT, ENOTDIR). */
int stat_below(const char *root, const char *rel, struct stat *st);

/* A whole regular file as text (a NUL added), at most `max` bytes: the
 * size is checked before anything is read (a 3 GB sparse file allocates
 * nothing). `below`: `path` is root/rel and nothing below root may be a
 * link (NULL: path as the user named it). Errors name the file and
 * `option`, the option that raises the limit. NULL on error. */
char *read_text_below(const char *root, const char *rel, size_t max, const char *option, size_t *len,
		      struct diag *d);
char *read_text_file(const char *path, size_t max, const char *option, size_t *len, struct diag *d);
/* Up to `want` bytes from fd into buf, through short reads and EINTR:
 * the count (less at the end of the file), or -1 with errno. */
ssize_t read_up_to(int fd, char *buf, size_t want);
/* The same from an open descriptor (the walk's), named `path`. */
char *read_text_fd(int fd, const char *path, size_t max, const char *option, size_t *len, struct diag *d);

#endif
