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

static void release_bytes(char *data, size_t len, enum doc_memory owned)
{
	if (owned == DOC_ON_HEAP)
		free(data);
	else if (owned == DOC_MAPPED)
		munmap(data, len);
}

void document_take(struct document *doc, struct document *into)
{
	*into = *doc;
	doc->data = NULL;
	doc->name = NULL;
}

void document_release(struct document *doc)
{
	release_bytes((char *)doc->data, doc->len, doc->memory);
	free((char *)doc->name);
	doc->data = NULL;
	doc->name = NULL;
}

struct event {
	struct event *next;
	char *name;
	char *data;    /* a document, or NULL: an error */
	enum doc_memory owned;
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
	bool stopped;          /* a limit was reached: nothing more is read */
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
		struct document doc = {ev->name, ev->data, ev->len, ev->type, ev->owned};
		if (!r->fn(r->ctx, &doc))
			r->ok = false;
		if (!doc.name) { /* taken over (document_take): not ours to free */
			ev->data = NULL;
			ev->name = NULL;
		}
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

/* Every document's bytes count towards --max-total-bytes, before they are
 * read: the first that would pass it ends the reading there. Nothing is
 * ever copied (document_take), so the documents held at any time are at
 * most that many bytes. */
static bool count_total(struct reader *r, const char *name, size_t len)
{
	if (r->stopped || len > r->o->max_total_bytes - r->total) {
		input_error(r, name, "input exceeds the limit of %zu bytes in all (--max-total-bytes): nothing more is read",
			    r->o->max_total_bytes);
		r->stopped = true;
		return false;
	}
	r->total += len;
	return true;
}

/* What may still be read: the smaller of the limit per file and what is
 * left of the limit in all. */
static size_t read_allowance(const struct reader *r)
{
	size_t left = r->o->max_total_bytes - r->total;
	return left < r->o->read.max_file_bytes ? left : r->o->read.max_file_bytes;
}

/* Hand a document out; `data` goes with it unless DOC_BORROWED. */
static void hand_out(struct reader *r, const char *name, char *data, size_t len, enum doc_memory owned)
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
	ev->owned = DOC_BORROWED;
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

/* A document of `size` bytes (as a header or fstat claims it) may be
 * read: within the limit per file and what is left of the limit in all. */
static bool may_read(struct reader *r, const char *name, unsigned long long size, const char *what)
{
	if (size > r->o->read.max_file_bytes) {
		input_error(r, name, "%s of %llu bytes is over the limit of %zu bytes per file (--max-file-bytes)", what, size,
			    r->o->read.max_file_bytes);
		return false;
	}
	return count_total(r, name, (size_t)size);
}

/* Read one member into memory. Its size is checked against the limits
 * before anything is read when the header gives it; the bytes read are
 * bounded by them either way (a member longer than its header says, or
 * one with no size), and what was reserved is given back for the bytes
 * that did not come. */
static char *read_member(struct reader *r, struct archive *a, struct archive_entry *e, const char *name, size_t *len)
{
	bool sized = archive_entry_size_is_set(e);
	if (sized && (la_int64_t)archive_entry_size(e) < 0) {
		input_error(r, name, "archive member with a negative size");
		return NULL;
	}
	size_t claimed = sized ? (size_t)archive_entry_size(e) : 0;
	if (sized && !may_read(r, name, (unsigned long long)archive_entry_size(e), "archive member"))
		return NULL;
	size_t limit = sized ? claimed : read_allowance(r);
	size_t cap = sized ? claimed + 1 : (limit < 65536 ? limit + 1 : 65536), n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap - 1) {
			if (n >= limit) {
				char probe;
				la_ssize_t more = archive_read_data(a, &probe, 1);
				if (more == 0)
					break;
				free(buf);
				if (sized || limit == r->o->read.max_file_bytes)
					input_error(r, name, "archive member is longer than %s (--max-file-bytes)",
						    sized ? "its header says" : "the limit per file");
				else
					count_total(r, name, limit + 1);
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
	if (sized)
		r->total -= claimed; /* counted again below, as read */
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
			hand_out(r, name, buf, mlen, DOC_ON_HEAP);
		else
			free(buf);
		free(name);
		if (!read || r->stopped)
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

/* A regular file open in fd, whole; its size checked against the limits
 * before anything is read. */
static char *read_fd(struct reader *r, const char *path, int fd, size_t *len, enum doc_memory *owned)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		input_error(r, path, "not a regular file");
		return NULL;
	}
	if (!may_read(r, path, (unsigned long long)st.st_size, "file"))
		return NULL;
	r->total -= (size_t)st.st_size; /* counted again by the caller, as read */
	if (st.st_size >= MAP_FROM_BYTES) {
		char *mapped = map_file(fd, (size_t)st.st_size);
		if (mapped) {
			*len = (size_t)st.st_size;
			*owned = DOC_MAPPED;
			return mapped;
		}
	}
	/* the size fstat gave; a file that grows meanwhile is cut there */
	char *buf = xmalloc((size_t)st.st_size + 1);
	ssize_t n = read_up_to(fd, buf, (size_t)st.st_size);
	if (n < 0) {
		input_error(r, path, "cannot read: %s", strerror(errno));
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	*owned = DOC_ON_HEAP;
	return buf;
}

static bool run_reader(struct reader *r);

/* One file's bytes: an archive's members (on the reading thread), or one
 * document. `data` is released here unless DOC_BORROWED. */
static void read_bytes(struct reader *r, const char *name, char *data, size_t len, enum doc_memory owned)
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

/* The one file the user named (a link there is the user's choice). */
static void read_file(struct reader *r, const char *path)
{
	/* O_NONBLOCK: a FIFO named as the spec must not block the open */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		input_error(r, path, "cannot open: %s", strerror(errno));
		return;
	}
	size_t len;
	enum doc_memory owned;
	char *buf = read_fd(r, path, fd, &len, &owned);
	close(fd);
	if (buf)
		read_bytes(r, path, buf, len, owned);
}

/* A directory: every file below it (fswalk.c: no link followed, no FIFO
 * or device opened; the walk ends at its limits and at --max-total-bytes). */
static bool read_dir_entry(void *ctx, const struct walk_entry *e)
{
	struct reader *r = ctx;
	if (e->kind == WALK_ERROR) {
		input_error(r, e->path, "%s", e->error);
	} else if (e->kind == WALK_FILE) {
		size_t len;
		enum doc_memory owned;
		char *buf = read_fd(r, e->path, e->fd, &len, &owned);
		if (buf)
			read_bytes(r, e->path, buf, len, owned);
	} else {
		hand_out_unread(r, e->path, e->kind == WALK_LINK ? ENTRY_LINK : ENTRY_SPECIAL);
	}
	return !r->stopped;
}

/* What the reading thread does (or the caller's, without one): walk a
 * directory or an archive's members. */
static void read_input(struct reader *r)
{
	r->walking = true;
	if (r->path)
		walk_tree(r->path, &r->o->read, read_dir_entry, r);
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
	read_bytes(&r, name, (char *)data, len, DOC_BORROWED);
	return r.ok;
}
