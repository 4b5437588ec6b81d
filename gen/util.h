/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Small helpers shared by every part of sysreggen: checked allocation, a
 * string arena that the model owns, growable arrays, and the one
 * diagnostics path (file:line: error: message). */
#ifndef SYSREGGEN_UTIL_H
#define SYSREGGEN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Grow *items (holding *count elements of elem_size) so that one more fits;
 * returns a pointer to the new, zeroed last element. */
void *vec_push(void *items_ptr, size_t *count, size_t *cap, size_t elem_size);
#define VEC_PUSH(arr, n, cap) ((__typeof__(arr))vec_push(&(arr), &(n), &(cap), sizeof(*(arr))))

/* Strings that live as long as the model: allocated in chunks, freed at once. */
struct arena {
	struct arena_chunk *head;
};
void *arena_alloc(struct arena *a, size_t n); /* aligned for any object */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);      /* NULL stays NULL */
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
void arena_free(struct arena *a);

/* A growable string buffer for building output and messages. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_add(struct strbuf *b, const char *s);
void sb_addn(struct strbuf *b, const char *s, size_t n);
void sb_printf(struct strbuf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_vprintf(struct strbuf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
void sb_free(struct strbuf *b);

/* Where a model object came from: a file (or archive member) and a line, or
 * for JSON a file and a path. */
struct srcloc {
	const char *file; /* owned by the model's arena */
	int line;         /* 0 when unknown */
	int column;       /* 0 when unknown */
};

/* The one error-reporting path. Messages go to `out` (stderr) as
 * "file:line: error: message"; the counters decide the exit status. With
 * per_kind set, at most that many messages of each kind (one call site's
 * format) are printed, max_reported in all, and diag_finish() says how many
 * of each kind were not shown, so that one kind never hides the others. */
struct diag_kind {
	const void *key;   /* the kind: the format the message was made with */
	char *example;     /* the first message of the kind not shown */
	unsigned shown, hidden;
};
struct diag {
	FILE *out;
	unsigned errors;
	unsigned warnings;
	unsigned max_reported; /* stop printing (but keep counting) after this */
	unsigned per_kind;     /* 0: no limit per kind */
	unsigned printed;
	struct diag_kind *kinds;
	size_t n_kinds, cap_kinds;
};
void diag_error(struct diag *d, const struct srcloc *loc, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* "file:line:column" (what is known of it), or "sysreggen" without a file */
void sb_srcloc(struct strbuf *b, const struct srcloc *loc);
void diag_warning(struct diag *d, const struct srcloc *loc, const char *fmt, ...) PRINTF_LIKE(3, 4);
void diag_verror(struct diag *d, const struct srcloc *loc, const char *level, const char *fmt, va_list ap);
/* An error whose message the caller put together ("%s"): `kind` says which
 * kind it is for the cap per kind, most often the format it was made from
 * (a JSON error behind its path, an input error from the reading thread). */
void diag_error_kind(struct diag *d, const struct srcloc *loc, const void *kind, const char *fmt, ...)
	PRINTF_LIKE(4, 5);
/* Say what was not shown, and free what the diag holds. */
void diag_finish(struct diag *d);

/* Trim ASCII white space at both ends; collapse inner runs to one space. */
void normalize_space(char *s);
bool str_starts_with(const char *s, const char *prefix);
/* [A-Za-z_][A-Za-z0-9_]*: what may stand in generated code as a name */
bool is_c_identifier(const char *s);
/* Text from the input shown in a message: at most `max` bytes, control,
 * non-ASCII bytes and backslashes as \xNN, "..." after a cut. */
void sb_add_shown(struct strbuf *b, const char *s, size_t max);
bool str_ends_with(const char *s, const char *suffix);
#define UTF8_BOM "\xef\xbb\xbf"
int cmp_str_ptr(const void *a, const void *b);
/* "; did you mean A, B, C": the up to three of names[0..n) nearest to
 * `name` (edit distance, ignoring case), if any is near enough. */
void suggest_nearest(struct strbuf *out, const char *name, const char *const *names, size_t n);
/* A 64-bit hash of n bytes (FNV-style, a word at a time): tells identical
 * inputs apart from different ones. */
unsigned long long hash_bytes(const void *data, size_t n);
/* Sort idx[0..n) by cmp(ctx, a, b), stably (qsort has no context in C11). */
void sort_indexes(size_t *idx, size_t n, int (*cmp)(const void *ctx, size_t a, size_t b), const void *ctx);

/* Natural order: DBGBVR2_EL1 before DBGBVR10_EL1. */
int natural_cmp(const char *a, const char *b);

#endif
