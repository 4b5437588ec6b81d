// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Writing files, all of it: one output atomically (a temporary file, then
 * a rename), a set of files all or none, the check of a set against what
 * is on disk, and the temporary files a killed run left. */
#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every temporary file is PATH.tmpXXXXXX, mkstemp's template: what a
 * killed run leaves is recognised by the same suffix. */
#define TEMP_SUFFIX ".tmp"

static char *temp_template(const char *path)
{
	size_t n = strlen(path) + sizeof(TEMP_SUFFIX "XXXXXX");
	char *t = xmalloc(n);
	snprintf(t, n, "%s" TEMP_SUFFIX "XXXXXX", path);
	return t;
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

int write_file_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = temp_template(path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	if (write_all_fd(fd, data, len) != 0 || fchmod(fd, 0644) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}

static bool same_as_file(const char *path, const struct strbuf *text)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool same = true;
	size_t off = 0;
	char buf[65536];
	size_t got;
	while (same && (got = fread(buf, 1, sizeof(buf), f)) > 0) {
		same = off + got <= text->len && memcmp(buf, text->s + off, got) == 0;
		off += got;
	}
	same = same && !ferror(f) && off == text->len;
	fclose(f);
	return same;
}

static char *join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Write every file to a temporary name first; rename them only when all
 * were written, so an error leaves every earlier output as it was. */
int output_write_files(const char *dir, const struct out_file *files, size_t n_files, struct diag *d)
{
	char **tmp = xcalloc(n_files + 1, sizeof(*tmp));
	bool ok = true;
	for (size_t i = 0; i < n_files && ok; i++) {
		char *path = join_path(dir, files[i].name);
		tmp[i] = temp_template(path);
		int fd = mkstemp(tmp[i]);
		const struct strbuf *t = &files[i].text;
		bool written = fd >= 0 && write_all_fd(fd, t->s ? t->s : "", t->len) == 0 && fchmod(fd, 0644) == 0 &&
			       fsync(fd) == 0;
		int saved = errno;
		if (fd >= 0 && close(fd) != 0 && written) {
			written = false;
			saved = errno;
		}
		if (!written) {
			struct srcloc loc = {path, 0, 0};
			diag_error(d, &loc, "cannot write: %s (nothing was replaced)", strerror(saved));
			if (fd >= 0)
				unlink(tmp[i]);
			free(tmp[i]);
			tmp[i] = NULL;
			ok = false;
		}
		free(path);
	}
	/* a destination rename() cannot replace (a directory) fails the run
	 * before anything is renamed */
	for (size_t i = 0; i < n_files && ok; i++) {
		char *path = join_path(dir, files[i].name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			struct srcloc loc = {path, 0, 0};
			diag_error(d, &loc, "is a directory: cannot replace it with a generated file (nothing was replaced)");
			ok = false;
		}
		free(path);
	}
	for (size_t i = 0; i < n_files; i++) {
		if (!tmp[i])
			continue;
		char *path = join_path(dir, files[i].name);
		if (ok && rename(tmp[i], path) != 0) {
			struct srcloc loc = {path, 0, 0};
			diag_error(d, &loc, "cannot rename into place: %s", strerror(errno));
			ok = false;
		}
		unlink(tmp[i]); /* no-op after a rename */
		free(tmp[i]);
		free(path);
	}
	free(tmp);
	return ok ? 0 : 1;
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
		} else if (unlink(path) == 0) {
			struct srcloc loc = {path, 0, 0};
			diag_warning(d, &loc, "removed a temporary file left by an interrupted run");
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
