// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Writing files, all of it: one output atomically (a temporary file, then
 * a rename), a set of files all or none, the check of a set against what
 * is on disk, and the temporary files a killed run left. */
#define _DEFAULT_SOURCE
#include "output.h"
#include "fswalk.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every temporary file is PATH.tmpXXXXXX, mkstemp's template: what a
 * killed run leaves is recognised by the same suffix. */
#define TEMP_SUFFIX ".tmp"

/* A temporary file beside `path`, PATH.tmpXXXXXX with six random letters
 * and digits, created with O_EXCL and mode 0666 so that the umask applies
 * as it does for any new file (mkstemp's 0600 did not: umask 002 gave
 * 0644). Never follows a link. Returns the descriptor, the name in *tmp. */
static int open_temp(const char *path, char **tmp)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t n = strlen(path) + sizeof(TEMP_SUFFIX "XXXXXX");
	char *t = xmalloc(n);
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned char r[6];
		if (getentropy(r, sizeof(r)) != 0)
			break;
		snprintf(t, n, "%s" TEMP_SUFFIX "%c%c%c%c%c%c", path, letters[r[0] % 62], letters[r[1] % 62],
			 letters[r[2] % 62], letters[r[3] % 62], letters[r[4] % 62], letters[r[5] % 62]);
		int fd = open(t, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0) {
			*tmp = t;
			return fd;
		}
		if (errno != EEXIST)
			break;
	}
	int saved = errno;
	free(t);
	*tmp = NULL;
	errno = saved;
	return -1;
}

/* What an output's path holds now decides what writing it may do: nothing
 * there, or a symbolic link (replaced by the file; what it points to is
 * untouched), gives a new file; a regular file is replaced and keeps its
 * mode (*keep_mode, else 0). Anything else (a FIFO, a device node such as
 * /dev/null, a socket, a directory) is refused before anything is written:
 * renaming over it would replace the node, as root too. Returns NULL, or
 * what the path is. */
static const char *refused_target(const char *path, mode_t *keep_mode)
{
	struct stat st;
	*keep_mode = 0;
	if (lstat(path, &st) != 0 || S_ISLNK(st.st_mode))
		return NULL;
	if (S_ISREG(st.st_mode)) {
		*keep_mode = st.st_mode & 07777;
		return NULL;
	}
	return S_ISDIR(st.st_mode)    ? "a directory"
	       : S_ISFIFO(st.st_mode) ? "a FIFO"
	       : S_ISCHR(st.st_mode)  ? "a character device"
	       : S_ISBLK(st.st_mode)  ? "a block device"
	       : S_ISSOCK(st.st_mode) ? "a socket"
				      : "not a regular file";
}

static void report_refused(struct diag *d, const char *path, const char *what)
{
	struct srcloc loc = {path, 0, 0};
	diag_error(d, &loc, "is %s, not a regular file: refused as an output (nothing was written)", what);
}

/* Write one temporary file in full: 0, or -1 with errno set (the file
 * removed, *tmp freed). */
static int write_temp(const char *path, const char *data, size_t len, mode_t keep_mode, char **tmp)
{
	int fd = open_temp(path, tmp);
	if (fd < 0)
		return -1;
	bool written = write_all_fd(fd, data, len) == 0 && (!keep_mode || fchmod(fd, keep_mode) == 0) && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0 && written) {
		written = false;
		saved = errno;
	}
	if (written)
		return 0;
	unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	errno = saved;
	return -1;
}

int write_all_fd(int fd, const char *data, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) { /* no progress and no errno: call it a full disk */
			errno = ENOSPC;
			return -1;
		}
		off += (size_t)w;
	}
	return 0;
}

int make_dirs(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	char *p = xstrdup(path);
	int rc = 0;
	/* each parent in turn, then the whole path */
	for (char *slash = strchr(p + 1, '/'); rc == 0; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
			rc = (errno = ENOTDIR, -1);
		if (!slash)
			break;
		*slash = '/';
		while (slash[1] == '/')
			slash++;
	}
	free(p);
	return rc;
}

int write_file_atomic(const char *path, const char *data, size_t len, struct diag *d)
{
	mode_t keep_mode;
	const char *what = refused_target(path, &keep_mode);
	struct srcloc loc = {path, 0, 0};
	if (what) {
		report_refused(d, path, what);
		return 2;
	}
	char *tmp;
	if (write_temp(path, data, len, keep_mode, &tmp) != 0) {
		diag_error(d, &loc, "cannot write: %s", strerror(errno));
		return 1;
	}
	if (rename(tmp, path) != 0) {
		diag_error(d, &loc, "cannot write: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return 1;
	}
	free(tmp);
	return 0;
}

/* Whether `path` holds exactly `text`; a path that is not a regular file
 * (a FIFO would block the read) differs. */
static bool same_as_file(const char *path, const struct strbuf *text)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return false;
	bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == text->len;
	size_t off = 0;
	char buf[65536];
	ssize_t got;
	while (same && (got = read_up_to(fd, buf, sizeof(buf))) > 0) {
		same = off + (size_t)got <= text->len && memcmp(buf, text->s + off, (size_t)got) == 0;
		off += (size_t)got;
	}
	same = same && off == text->len;
	close(fd);
	return same;
}

static char *join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Every destination is looked at before anything is written (one that
 * is not a regular file refuses the whole set); then every file goes to a
 * temporary name; they are renamed only when all were written, so an
 * error leaves every earlier output as it was. */
/* Each file's destination looked at: 2 if one is refused (reported),
 * else 0 with the modes to keep (keep_mode may be NULL). */
static int check_targets(const char *dir, const struct out_file *files, size_t n_files, mode_t *keep_mode,
			 struct diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < n_files; i++) {
		char *path = join_path(dir, files[i].name);
		mode_t mode;
		const char *what = refused_target(path, &mode);
		if (what) {
			report_refused(d, path, what);
			rc = 2;
		}
		if (keep_mode)
			keep_mode[i] = mode;
		free(path);
	}
	return rc;
}

int output_refused_targets(const char *dir, const struct out_file *files, size_t n_files, struct diag *d)
{
	return check_targets(dir, files, n_files, NULL, d);
}

int output_write_files(const char *dir, const struct out_file *files, size_t n_files, struct diag *d)
{
	char **tmp = xcalloc(n_files + 1, sizeof(*tmp));
	mode_t *keep_mode = xcalloc(n_files + 1, sizeof(*keep_mode));
	int rc = check_targets(dir, files, n_files, keep_mode, d);
	for (size_t i = 0; i < n_files && rc == 0; i++) {
		char *path = join_path(dir, files[i].name);
		const struct strbuf *t = &files[i].text;
		if (write_temp(path, t->s ? t->s : "", t->len, keep_mode[i], &tmp[i]) != 0) {
			struct srcloc loc = {path, 0, 0};
			diag_error(d, &loc, "cannot write: %s (nothing was replaced)", strerror(errno));
			rc = 1;
		}
		free(path);
	}
	for (size_t i = 0; i < n_files; i++) {
		if (!tmp[i])
			continue;
		char *path = join_path(dir, files[i].name);
		if (rc == 0 && rename(tmp[i], path) != 0) {
			struct srcloc loc = {path, 0, 0};
			diag_error(d, &loc, "cannot rename into place: %s", strerror(errno));
			rc = 1;
		}
		unlink(tmp[i]); /* no-op after a rename */
		free(tmp[i]);
		free(path);
	}
	free(keep_mode);
	free(tmp);
	return rc;
}

int output_list_stale(const char *dir, const struct out_file *files, size_t n_files)
{
	int stale = 0;
	for (size_t i = 0; i < n_files; i++) {
		char *path = join_path(dir, files[i].name);
		if (!same_as_file(path, &files[i].text)) {
			printf("%s\n", path);
			stale = 1;
		}
		free(path);
	}
	return stale;
}

/* NAME.tmpXXXXXX, as output_write_files() names them: NAME one of `names`,
 * XXXXXX mkstemp's six letters and digits. Nothing else matches. */
static bool is_left_temp(const char *entry, const char *const *names, size_t n_names)
{
	size_t k = strlen(TEMP_SUFFIX);
	for (size_t i = 0; i < n_names; i++) {
		size_t n = strlen(names[i]);
		if (strncmp(entry, names[i], n) != 0 || strncmp(entry + n, TEMP_SUFFIX, k) != 0 ||
		    strlen(entry + n + k) != 6)
			continue;
		bool six = true;
		for (const char *p = entry + n + k; *p; p++)
			six &= isalnum((unsigned char)*p) != 0;
		if (six)
			return true;
	}
	return false;
}

/* The caller holds the directory's lock, so no live run owns one. */
int output_left_temps(const char *dir, const char *const *names, size_t n_names, bool check_only, struct diag *d)
{
	DIR *dh = opendir(dir);
	int found = 0;
	if (!dh)
		return 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (!is_left_temp(de->d_name, names, n_names))
			continue;
		char *path = join_path(dir, de->d_name);
		if (check_only) {
			printf("%s (a temporary file left by an interrupted run)\n", path);
			found = 1;
		} else {
			struct srcloc loc = {path, 0, 0};
			if (unlink(path) == 0)
				diag_warning(d, &loc, "removed a temporary file left by an interrupted run");
			else
				diag_warning(d, &loc, "cannot remove what an interrupted run would have left here: %s",
					     strerror(errno));
		}
		free(path);
	}
	closedir(dh);
	return found;
}

/* Runs into one directory take turns (flock): a temporary file seen while
 * holding the lock belongs to no live run. */
int output_lock_dir(const char *dir, bool exclusive)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0)
		while (flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 && errno == EINTR)
			;
	return fd;
}

void output_unlock_dir(int lock)
{
	if (lock >= 0)
		close(lock);
}
