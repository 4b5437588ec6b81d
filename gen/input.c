#define _DEFAULT_SOURCE
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

struct reader {
	const struct load_options *o;
	struct diag *d;
	document_fn fn;
	void *ctx;
	size_t total; /* bytes handed out so far */
	bool ok;
};

static void input_error(struct reader *r, const char *name, const char *fmt, const char *detail)
{
	struct srcloc loc = {name, 0, 0};
	diag_error(r->d, &loc, fmt, detail);
	r->ok = false;
}

static bool count_total(struct reader *r, const char *name, size_t len)
{
	if (len > r->o->max_total_bytes - r->total) {
		struct srcloc loc = {name, 0, 0};
		diag_error(r->d, &loc, "input exceeds the limit of %zu bytes in all (--max-total-bytes)", r->o->max_total_bytes);
		r->ok = false;
		return false;
	}
	r->total += len;
	return true;
}

static void hand_out(struct reader *r, const char *name, const char *data, size_t len)
{
	struct document doc = {name, data, len};
	if (!r->fn(r->ctx, &doc))
		r->ok = false;
}

/* ---- archives ---- */

static bool is_archive(const unsigned char *p, size_t n)
{
	static const unsigned char xz[] = {0xfd, '7', 'z', 'X', 'Z', 0};
	static const unsigned char gz[] = {0x1f, 0x8b};
	static const unsigned char bz2[] = {'B', 'Z', 'h'};
	static const unsigned char zstd[] = {0x28, 0xb5, 0x2f, 0xfd};
	if (n >= sizeof(xz) && memcmp(p, xz, sizeof(xz)) == 0)
		return true;
	if (n >= sizeof(gz) && memcmp(p, gz, sizeof(gz)) == 0)
		return true;
	if (n >= sizeof(bz2) && memcmp(p, bz2, sizeof(bz2)) == 0)
		return true;
	if (n >= sizeof(zstd) && memcmp(p, zstd, sizeof(zstd)) == 0)
		return true;
	return n >= 262 && memcmp(p + 257, "ustar", 5) == 0; /* plain tar */
}

/* Read one member into memory, refusing sizes over the limit whether the
 * header claims them or the data turns out longer. */
static char *read_member(struct reader *r, struct archive *a, struct archive_entry *e, const char *name, size_t *len)
{
	size_t limit = r->o->max_file_bytes;
	if (archive_entry_size_is_set(e) && (la_int64_t)archive_entry_size(e) < 0) {
		input_error(r, name, "%s", "archive member with a negative size");
		return NULL;
	}
	if (archive_entry_size_is_set(e) && (uint64_t)archive_entry_size(e) > limit) {
		struct srcloc loc = {name, 0, 0};
		diag_error(r->d, &loc, "archive member claims %lld bytes, over the limit of %zu bytes per file (--max-file-bytes)",
			   (long long)archive_entry_size(e), limit);
		r->ok = false;
		return NULL;
	}
	size_t cap = archive_entry_size_is_set(e) ? (size_t)archive_entry_size(e) + 1 : 65536, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap - 1) {
			if (n >= limit) {
				char probe;
				la_ssize_t more = archive_read_data(a, &probe, 1);
				if (more == 0)
					break;
				free(buf);
				input_error(r, name, "archive member is larger than the limit per file (%s)", "--max-file-bytes");
				return NULL;
			}
			cap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
			buf = xrealloc(buf, cap);
		}
		la_ssize_t got = archive_read_data(a, buf + n, cap - 1 - n);
		if (got < 0) {
			free(buf);
			input_error(r, name, "archive is damaged or truncated: cannot read this member: %s", archive_error_string(a));
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static bool read_archive(struct reader *r, const char *archive_name, const void *data, size_t len)
{
	struct archive *a = archive_read_new();
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		input_error(r, archive_name, "not a readable archive: %s", archive_error_string(a));
		archive_read_free(a);
		return false;
	}
	struct archive_entry *e;
	int rc;
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		const char *member = archive_entry_pathname(e);
		size_t nlen = strlen(archive_name) + strlen(member ? member : "?") + 3;
		char *name = xmalloc(nlen);
		snprintf(name, nlen, "%s(%s)", archive_name, member ? member : "?");
		size_t mlen;
		char *buf = read_member(r, a, e, name, &mlen);
		if (buf && count_total(r, name, mlen))
			hand_out(r, name, buf, mlen);
		free(buf);
		free(name);
		if (!buf)
			break;
	}
	if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK)
		input_error(r, archive_name, "archive is damaged or truncated: %s", archive_error_string(a));
	archive_read_free(a);
	return r->ok;
}

/* ---- files and directories ---- */

static char *read_whole_file(struct reader *r, const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0) {
		input_error(r, path, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		input_error(r, path, "%s", "not a regular file");
		close(fd);
		return NULL;
	}
	if ((uint64_t)st.st_size > r->o->max_file_bytes) {
		struct srcloc loc = {path, 0, 0};
		diag_error(r->d, &loc, "file of %lld bytes is over the limit of %zu bytes per file (--max-file-bytes)",
			   (long long)st.st_size, r->o->max_file_bytes);
		r->ok = false;
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		ssize_t got = read(fd, buf + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			input_error(r, path, "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n == cap - 1)
			break; /* the size fstat gave; a file that grows meanwhile is cut there */
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void read_file(struct reader *r, const char *path)
{
	size_t len;
	char *buf = read_whole_file(r, path, &len);
	if (!buf)
		return;
	if (is_archive((const unsigned char *)buf, len))
		read_archive(r, path, buf, len);
	else if (count_total(r, path, len))
		hand_out(r, path, buf, len);
	free(buf);
}

static void read_dir(struct reader *r, const char *path, unsigned depth)
{
	if (depth > 16) {
		input_error(r, path, "%s", "directories nested more than 16 deep");
		return;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		input_error(r, path, "cannot open directory: %s", strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		*VEC_PUSH(names, n, cap) = xstrdup(de->d_name);
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str_ptr);
	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(path) + strlen(names[i]) + 2;
		char *full = xmalloc(plen);
		snprintf(full, plen, "%s/%s", path, names[i]);
		struct stat st;
		if (stat(full, &st) != 0)
			input_error(r, full, "cannot read: %s", strerror(errno));
		else if (S_ISDIR(st.st_mode))
			read_dir(r, full, depth + 1);
		else
			read_file(r, full);
		free(full);
		free(names[i]);
	}
	free(names);
}

bool input_read_path(const char *path, const struct load_options *o, struct diag *d, document_fn fn, void *ctx)
{
	struct reader r = {o, d, fn, ctx, 0, true};
	struct stat st;
	if (stat(path, &st) != 0)
		input_error(&r, path, "cannot read: %s", strerror(errno));
	else if (S_ISDIR(st.st_mode))
		read_dir(&r, path, 0);
	else
		read_file(&r, path);
	return r.ok;
}

bool input_read_memory(const char *name, const void *data, size_t len, const struct load_options *o,
		       struct diag *d, document_fn fn, void *ctx)
{
	struct reader r = {o, d, fn, ctx, 0, true};
	if (is_archive(data, len))
		read_archive(&r, name, data, len);
	else if (count_total(&r, name, len))
		hand_out(&r, name, data, len);
	return r.ok;
}
