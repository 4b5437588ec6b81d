// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#define _DEFAULT_SOURCE
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

/* A directory or an archive is read on a thread of its own (reading the
 * files, decompressing) while the caller's thread parses what was read
 * before: on Arm's .tar.xz, xz decoding is a fifth of the load. One plain
 * file is read on the caller's thread. What the reading thread
 * finds, documents and errors alike, goes through a bounded queue in order,
 * and only the caller's thread reports errors or calls the document
 * function, so a run reports exactly what it reported on one thread. */
enum { QUEUE_DOCUMENTS = 64, QUEUE_BYTES = 32 << 20 };

/* Where a document's bytes are: the caller's (the embedded spec), a heap
 * buffer, or a file mapped into memory. */
enum ownership { BORROWED, ON_HEAP, MAPPED };

static void release_bytes(char *data, size_t len, enum ownership owned)
{
	if (owned == ON_HEAP)
		free(data);
	else if (owned == MAPPED)
		munmap(data, len);
}

struct event {
	struct event *next;
	char *name;
	char *data;    /* a document, or NULL: an error */
	enum ownership owned;
	size_t len;
	enum entry_type type;
	char *message; /* the error */
	const char *kind; /* its format: which kind of error it is */
};

/* The reading thread waits when the queue is full until it is half empty,
 * and the caller's thread is woken only when it waits: a wake-up per
 * document would cost more than an XML page takes to read. */
struct queue {
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	struct event *head, *tail;
	size_t count, bytes;
	bool reader_waits, taker_waits;
	bool finished; /* the reading thread is done */
};

static bool queue_full(const struct queue *q, size_t more)
{
	return q->count && (q->count >= QUEUE_DOCUMENTS || q->bytes + more > QUEUE_BYTES);
}

static bool queue_half_empty(const struct queue *q)
{
	return q->count <= QUEUE_DOCUMENTS / 2 && q->bytes <= QUEUE_BYTES / 2;
}

struct reader {
	/* the reading side */
	const struct load_options *o;
	size_t total;   /* bytes handed out so far */
	struct queue *q; /* NULL: events are taken at once, on this thread */
	const char *path;      /* what to read: a path, */
	const char *path_name; /* or bytes in memory, named so */
	const void *mem;
	size_t mem_len;
	bool walking;          /* in read_input() */
	/* the caller's side */
	struct diag *d;
	document_fn fn;
	void *ctx;
	bool ok;
};

static void free_event(struct event *ev)
{
	release_bytes(ev->data, ev->len, ev->owned);
	free(ev->name);
	free(ev->message);
	free(ev);
}

/* On the caller's thread: report an error or hand a document out. */
static void take_event(struct reader *r, struct event *ev)
{
	if (ev->message) {
		struct srcloc loc = {ev->name, 0, 0};
		diag_error_kind(r->d, &loc, ev->kind, "%s", ev->message);
		r->ok = false;
	} else {
		struct document doc = {ev->name, ev->data, ev->len, ev->type};
		if (!r->fn(r->ctx, &doc))
			r->ok = false;
	}
	free_event(ev);
}

static void deliver(struct reader *r, struct event *ev)
{
	struct queue *q = r->q;
	if (!q) {
		take_event(r, ev);
		return;
	}
	pthread_mutex_lock(&q->mu);
	while (queue_full(q, ev->len)) {
		q->reader_waits = true;
		pthread_cond_wait(&q->not_full, &q->mu);
	}
	if (q->tail)
		q->tail->next = ev;
	else
		q->head = ev;
	q->tail = ev;
	q->count++;
	q->bytes += ev->len;
	if (q->taker_waits)
		pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->mu);
}

PRINTF_LIKE(3, 4)
static void input_error(struct reader *r, const char *name, const char *fmt, ...)
{
	struct event *ev = xcalloc(1, sizeof(*ev));
	struct strbuf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	ev->name = xstrdup(name);
	ev->message = msg.s;
	ev->kind = fmt;
	deliver(r, ev);
}

static bool count_total(struct reader *r, const char *name, size_t len)
{
	if (len > r->o->max_total_bytes - r->total) {
		input_error(r, name, "input exceeds the limit of %zu bytes in all (--max-total-bytes)", r->o->max_total_bytes);
		return false;
	}
	r->total += len;
	return true;
}

/* Hand a document out; `data` goes with it unless BORROWED. */
static void hand_out(struct reader *r, const char *name, char *data, size_t len, enum ownership owned)
{
	struct event *ev = xcalloc(1, sizeof(*ev));
	ev->name = xstrdup(name);
	ev->data = data;
	ev->owned = owned;
	ev->len = len;
	deliver(r, ev);
}

const char *document_base_name(const char *name, size_t *len)
{
	const char *base = name, *end = name + strlen(name);
	if (end > name && end[-1] == ')')
		end--;
	for (const char *p = name; p < end; p++)
		if (*p == '/' || *p == '(')
			base = p + 1;
	*len = (size_t)(end - base);
	return base;
}

/* A link or special file: named, counted by the loader, never read. */
static void hand_out_unread(struct reader *r, const char *name, enum entry_type type)
{
	struct event *ev = xcalloc(1, sizeof(*ev));
	ev->name = xstrdup(name);
	ev->owned = BORROWED;
	ev->type = type;
	deliver(r, ev);
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
		input_error(r, name, "archive member with a negative size");
		return NULL;
	}
	if (archive_entry_size_is_set(e) && (uint64_t)archive_entry_size(e) > limit) {
		input_error(r, name, "archive member claims %lld bytes, over the limit of %zu bytes per file (--max-file-bytes)",
			    (long long)archive_entry_size(e), limit);
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

static void read_archive(struct reader *r, const char *archive_name, const void *data, size_t len)
{
	struct archive *a = archive_read_new();
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		input_error(r, archive_name, "not a readable archive: %s", archive_error_string(a));
		archive_read_free(a);
		return;
	}
	struct archive_entry *e;
	int rc;
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		unsigned type = archive_entry_filetype(e);
		if (type == AE_IFDIR)
			continue;
		const char *member = archive_entry_pathname(e);
		size_t nlen = strlen(archive_name) + strlen(member ? member : "?") + 3;
		char *name = xmalloc(nlen);
		snprintf(name, nlen, "%s(%s)", archive_name, member ? member : "?");
		/* a hard link has no type of its own in tar: it names another
		 * member. Links are never followed, nor special files opened. */
		if (type != AE_IFREG || archive_entry_hardlink(e)) {
			bool link = type == AE_IFLNK || archive_entry_hardlink(e) || archive_entry_symlink(e);
			hand_out_unread(r, name, link ? ENTRY_LINK : ENTRY_SPECIAL);
			free(name);
			continue;
		}
		size_t mlen;
		char *buf = read_member(r, a, e, name, &mlen);
		bool read = buf != NULL;
		if (buf && count_total(r, name, mlen))
			hand_out(r, name, buf, mlen, ON_HEAP);
		else
			free(buf);
		free(name);
		if (!read)
			break;
	}
	if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK)
		input_error(r, archive_name, "archive is damaged or truncated: %s", archive_error_string(a));
	archive_read_free(a);
}

/* ---- files and directories ---- */

/* Files from this size on are mapped rather than read: Arm's 17 MB
 * Registers.json is then not copied, and its pages need no clearing
 * (read() into fresh memory took 10 ms of an 80 ms `list`). A file cut
 * short by another program while it is mapped would end the run with
 * SIGBUS, as it would for any program that maps files. */
enum { MAP_FROM_BYTES = 1 << 20 };

static char *map_file(int fd, size_t size)
{
	int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
	flags |= MAP_POPULATE; /* fault the pages in at once, not one by one */
#endif
	void *p = mmap(NULL, size, PROT_READ, flags, fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

static char *read_whole_file(struct reader *r, const char *path, size_t *len, enum ownership *owned)
{
	/* O_NONBLOCK: a FIFO named as the spec must not block the open */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0) {
		input_error(r, path, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		input_error(r, path, "not a regular file");
		close(fd);
		return NULL;
	}
	if ((uint64_t)st.st_size > r->o->max_file_bytes) {
		input_error(r, path, "file of %lld bytes is over the limit of %zu bytes per file (--max-file-bytes)",
			    (long long)st.st_size, r->o->max_file_bytes);
		close(fd);
		return NULL;
	}
	if (st.st_size >= MAP_FROM_BYTES) {
		char *mapped = map_file(fd, (size_t)st.st_size);
		if (mapped) {
			close(fd);
			*len = (size_t)st.st_size;
			*owned = MAPPED;
			return mapped;
		}
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
	*owned = ON_HEAP;
	return buf;
}

static bool run_reader(struct reader *r);

/* One file's bytes: an archive's members (on the reading thread), or one
 * document. `data` is released here unless BORROWED. */
static void read_bytes(struct reader *r, const char *name, char *data, size_t len, enum ownership owned)
{
	if (is_archive((const unsigned char *)data, len)) {
		if (r->walking) {
			read_archive(r, name, data, len);
		} else {
			r->path_name = name, r->mem = data, r->mem_len = len;
			run_reader(r);
		}
	} else if (count_total(r, name, len)) {
		hand_out(r, name, data, len, owned);
		return;
	}
	release_bytes(data, len, owned);
}

static void read_file(struct reader *r, const char *path)
{
	size_t len;
	enum ownership owned;
	char *buf = read_whole_file(r, path, &len, &owned);
	if (buf)
		read_bytes(r, path, buf, len, owned);
}

static void read_dir(struct reader *r, const char *path, unsigned depth)
{
	if (depth > 16) {
		input_error(r, path, "directories nested more than 16 deep");
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
		else if (!S_ISREG(st.st_mode)) /* a FIFO would block the open */
			hand_out_unread(r, full, ENTRY_SPECIAL);
		else
			read_file(r, full);
		free(full);
		free(names[i]);
	}
	free(names);
}

/* What the reading thread does (or the caller's, without one): walk a
 * directory or an archive's members. */
static void read_input(struct reader *r)
{
	r->walking = true;
	if (r->path)
		read_dir(r, r->path, 0);
	else
		read_archive(r, r->path_name, r->mem, r->mem_len);
	r->walking = false;
}

static void *reading_thread(void *arg)
{
	struct reader *r = arg;
	read_input(r);
	pthread_mutex_lock(&r->q->mu);
	r->q->finished = true;
	pthread_cond_signal(&r->q->not_empty);
	pthread_mutex_unlock(&r->q->mu);
	return NULL;
}

/* Take the events in order as the reading thread delivers them. */
static void take_events(struct reader *r)
{
	struct queue *q = r->q;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->head && !q->finished) {
			q->taker_waits = true;
			pthread_cond_wait(&q->not_empty, &q->mu);
			q->taker_waits = false;
		}
		struct event *ev = q->head;
		if (!ev)
			break;
		q->head = ev->next;
		if (!q->head)
			q->tail = NULL;
		q->count--;
		q->bytes -= ev->len;
		if (q->reader_waits && queue_half_empty(q)) {
			q->reader_waits = false;
			pthread_cond_signal(&q->not_full);
		}
		pthread_mutex_unlock(&q->mu);
		take_event(r, ev);
		pthread_mutex_lock(&q->mu);
	}
	pthread_mutex_unlock(&q->mu);
}

static bool run_reader(struct reader *r)
{
	struct queue q = {.head = NULL};
	pthread_t thread;
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.not_empty, NULL);
	pthread_cond_init(&q.not_full, NULL);
	r->q = &q;
	if (pthread_create(&thread, NULL, reading_thread, r) == 0) {
		take_events(r);
		pthread_join(thread, NULL);
	} else {
		r->q = NULL; /* no thread: read and take on this one */
		read_input(r);
	}
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.not_empty);
	pthread_cond_destroy(&q.not_full);
	r->q = NULL;
	return r->ok;
}

/* A directory or an archive is read on a thread of its own; one plain
 * file is one document, read on this thread. */
bool input_read_path(const char *path, const struct load_options *o, struct diag *d, document_fn fn, void *ctx)
{
	struct reader r = {.o = o, .d = d, .fn = fn, .ctx = ctx, .ok = true};
	struct stat st;
	if (stat(path, &st) != 0) {
		input_error(&r, path, "cannot read: %s", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		r.path = path;
		run_reader(&r);
	} else {
		read_file(&r, path);
	}
	return r.ok;
}

bool input_read_memory(const char *name, const void *data, size_t len, const struct load_options *o,
		       struct diag *d, document_fn fn, void *ctx)
{
	struct reader r = {.o = o, .d = d, .fn = fn, .ctx = ctx, .ok = true};
	read_bytes(&r, name, (char *)data, len, BORROWED);
	return r.ok;
}
