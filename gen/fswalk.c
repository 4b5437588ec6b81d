// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Directory walks and file reads that stay inside what the user named.
 * Every entry is looked at with fstatat(AT_SYMLINK_NOFOLLOW) and opened
 * with openat(O_NOFOLLOW) relative to its directory's descriptor, so a
 * link (etc -> /etc) is seen as a link and a loop (a -> .) costs nothing;
 * a file is checked to be the one looked at before it is read. */
#define _DEFAULT_SOURCE
#include "fswalk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct walker {
	const struct read_limits *lim;
	walk_fn *fn;
	void *ctx;
	size_t entries;
	bool ended;
};

static bool walk_error(struct walker *w, const char *path, const char *error)
{
	struct walk_entry e = {WALK_ERROR, path, path, -1, 0, error};
	w->fn(w->ctx, &e);
	return false;
}

/* "cannot open: Permission denied" for the errno of a failed call */
static bool walk_errno(struct walker *w, const char *path, const char *what)
{
	char msg[160];
	snprintf(msg, sizeof(msg), "%s: %s", what, strerror(errno));
	return walk_error(w, path, msg);
}

/* A limit: reported once, and the walk ends there. */
static void walk_limit(struct walker *w, const char *path, const char *error)
{
	walk_error(w, path, error);
	w->ended = true;
}

static void walk_call(struct walker *w, const struct walk_entry *e)
{
	if (!w->fn(w->ctx, e))
		w->ended = true;
}

/* The names in a directory, sorted (those read before a limit ended the
 * walk, which the caller then skips). */
static char **read_names(struct walker *w, DIR *dir, const char *path, size_t *n)
{
	char **names = NULL;
	size_t cap = 0;
	struct dirent *de;
	*n = 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (++w->entries > w->lim->max_files) {
			char msg[128];
			snprintf(msg, sizeof(msg), "more than %zu files and directories (--max-files)", w->lim->max_files);
			walk_limit(w, path, msg);
			break;
		}
		*VEC_PUSH(names, *n, cap) = xstrdup(de->d_name);
	}
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_str_ptr);
	return names;
}

static void walk_dir(struct walker *w, int dfd, const char *path, unsigned depth);

static void walk_one(struct walker *w, int dfd, const char *path, const char *name, unsigned depth)
{
	struct stat st;
	struct walk_entry e = {WALK_SPECIAL, path, name, -1, 0, NULL};
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		walk_errno(w, path, "cannot read");
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		e.kind = WALK_LINK;
		walk_call(w, &e);
	} else if (S_ISDIR(st.st_mode)) {
		if (depth >= WALK_MAX_DEPTH) {
			char msg[96];
			snprintf(msg, sizeof(msg), "directories nested more than %d deep", WALK_MAX_DEPTH);
			walk_limit(w, path, msg);
			return;
		}
		int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			walk_errno(w, path, "cannot open directory");
		else
			walk_dir(w, sub, path, depth + 1);
	} else if (S_ISREG(st.st_mode)) {
		/* O_NONBLOCK: were it swapped for a FIFO meanwhile, the open
		 * must not wait; fstat then tells it is not the file seen */
		int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		struct stat now;
		if (fd < 0) {
			walk_errno(w, path, "cannot open");
			return;
		}
		if (fstat(fd, &now) != 0 || !S_ISREG(now.st_mode) || now.st_ino != st.st_ino || now.st_dev != st.st_dev) {
			walk_error(w, path, "changed while it was read");
		} else {
			e.kind = WALK_FILE;
			e.fd = fd;
			e.size = now.st_size;
			walk_call(w, &e);
		}
		close(fd);
	} else {
		walk_call(w, &e);
	}
}

/* Takes dfd over. */
static void walk_dir(struct walker *w, int dfd, const char *path, unsigned depth)
{
	DIR *dir = fdopendir(dfd);
	if (!dir) {
		walk_errno(w, path, "cannot open directory");
		close(dfd);
		return;
	}
	size_t n;
	char **names = read_names(w, dir, path, &n);
	for (size_t i = 0; i < n; i++) {
		if (!w->ended) {
			size_t plen = strlen(path) + strlen(names[i]) + 2;
			char *full = xmalloc(plen);
			snprintf(full, plen, "%s/%s", path, names[i]);
			walk_one(w, dirfd(dir), full, names[i], depth);
			free(full);
		}
		free(names[i]);
	}
	free(names);
	closedir(dir);
}

bool walk_tree(const char *root, const struct read_limits *lim, walk_fn *fn, void *ctx)
{
	struct walker w = {lim, fn, ctx, 0, false};
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		walk_errno(&w, root, "cannot open directory");
		return false;
	}
	walk_dir(&w, fd, root, 0);
	return !w.ended;
}

/* ---- one path below a root ---- */

/* openat without following a link; a link is ELOOP whatever the flags
 * (with O_DIRECTORY, Linux says ENOTDIR for one). */
static int openat_no_link(int dfd, const char *name, int flags)
{
	int fd = openat(dfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 && (errno == ENOTDIR || errno == ELOOP) && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode))
		errno = ELOOP;
	return fd;
}

/* Open `rel` below `root` one component at a time, none a link. The last
 * with `flags`; -1 with errno (ELOOP: a link). */
static int open_below(const char *root, const char *rel, int flags)
{
	int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char *copy = xstrdup(rel), *save = NULL;
	char *part = strtok_r(copy, "/", &save);
	while (dfd >= 0 && part) {
		char *next = strtok_r(NULL, "/", &save);
		int fd = openat_no_link(dfd, part, next ? O_RDONLY | O_DIRECTORY : flags);
		int saved = errno;
		close(dfd);
		errno = saved;
		dfd = fd;
		part = next;
	}
	free(copy);
	return dfd;
}

bool walk_tree_below(const char *root, const char *rel, const struct read_limits *lim, walk_fn *fn, void *ctx)
{
	struct walker w = {lim, fn, ctx, 0, false};
	size_t n = strlen(root) + strlen(rel) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", root, rel);
	int fd = open_below(root, rel, O_RDONLY | O_DIRECTORY);
	if (fd < 0 && errno == ELOOP)
		walk_error(&w, path, "a symbolic link inside the tree: not followed");
	else if (fd < 0)
		walk_errno(&w, path, "cannot open directory");
	else
		walk_dir(&w, fd, path, 0);
	free(path);
	return fd >= 0 && !w.ended;
}

int stat_below(const char *root, const char *rel, struct stat *st)
{
	const char *slash = strrchr(rel, '/');
	char *dir = NULL;
	if (slash) {
		dir = xmalloc((size_t)(slash - rel) + 1);
		memcpy(dir, rel, (size_t)(slash - rel));
		dir[slash - rel] = '\0';
	}
	int dfd = dir ? open_below(root, dir, O_RDONLY | O_DIRECTORY) : open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd < 0)
		return -1;
	int rc = fstatat(dfd, slash ? slash + 1 : rel, st, AT_SYMLINK_NOFOLLOW);
	int saved = errno;
	close(dfd);
	if (rc == 0 && S_ISLNK(st->st_mode)) {
		errno = ELOOP;
		return -1;
	}
	errno = saved;
	return rc;
}

/* ---- whole files ---- */

ssize_t read_up_to(int fd, char *buf, size_t want)
{
	size_t n = 0;
	while (n < want) {
		ssize_t got = read(fd, buf + n, want - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	return (ssize_t)n;
}

char *read_text_fd(int fd, const char *path, size_t max, const char *option, size_t *len, struct diag *d)
{
	struct srcloc loc = {path, 0, 0};
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { /* a FIFO would block, a directory reads nothing */
		diag_error(d, &loc, "not a regular file");
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		diag_error(d, &loc, "file of %lld bytes is over the limit of %zu bytes per file (%s)", (long long)st.st_size,
			   max, option);
		return NULL;
	}
	/* the size fstat gave, and one byte more to see a file that grew */
	size_t size = (size_t)st.st_size;
	char *buf = xmalloc(size + 2);
	ssize_t n = read_up_to(fd, buf, size + 1);
	if (n < 0 || (size_t)n > size) {
		if (n < 0)
			diag_error(d, &loc, "cannot read: %s", strerror(errno));
		else
			diag_error(d, &loc, "file grew while it was read");
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

static char *read_opened(int fd, const char *path, size_t max, const char *option, size_t *len, struct diag *d)
{
	if (fd < 0) {
		struct srcloc loc = {path, 0, 0};
		if (errno == ELOOP)
			diag_error(d, &loc, "a symbolic link inside the tree: not followed");
		else
			diag_error(d, &loc, "cannot read: %s", strerror(errno));
		return NULL;
	}
	char *text = read_text_fd(fd, path, max, option, len, d);
	close(fd);
	return text;
}

char *read_text_file(const char *path, size_t max, const char *option, size_t *len, struct diag *d)
{
	return read_opened(open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), path, max, option, len, d);
}

char *read_text_below(const char *root, const char *rel, size_t max, const char *option, size_t *len,
		      struct diag *d)
{
	size_t n = strlen(root) + strlen(rel) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", root, rel);
	char *text = read_opened(open_below(root, rel, O_RDONLY | O_NONBLOCK), path, max, option, len, d);
	free(path);
	return text;
}
