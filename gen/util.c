// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void out_of_memory(size_t n)
{
	fprintf(stderr, "sysreggen: error: out of memory (allocating %zu bytes)\n", n);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

void *vec_push(void *items_ptr, size_t *count, size_t *cap, size_t elem_size)
{
	void **items = items_ptr;
	if (*count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		if (ncap > SIZE_MAX / elem_size)
			out_of_memory(SIZE_MAX);
		*items = xrealloc(*items, ncap * elem_size);
		*cap = ncap;
	}
	char *elem = (char *)*items + (*count)++ * elem_size;
	memset(elem, 0, elem_size);
	return elem;
}

/* ---- arena ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	_Alignas(max_align_t) char data[];
};

enum { ARENA_CHUNK = 64 * 1024 };

void *arena_alloc(struct arena *a, size_t n)
{
	/* every block aligned for any object: strings and model nodes share chunks */
	const size_t align = _Alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->next = a->head;
		c->used = 0;
		c->size = size;
		a->head = c;
	}
	char *p = c->data + c->used;
	c->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	struct strbuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	char tmp[256];
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof(tmp))
		return arena_strndup(a, tmp, (size_t)n);
	b.cap = (size_t)n + 1;
	b.s = xmalloc(b.cap);
	va_start(ap, fmt);
	vsnprintf(b.s, b.cap, fmt, ap);
	va_end(ap);
	char *p = arena_strndup(a, b.s, (size_t)n);
	free(b.s);
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}

/* ---- strbuf ---- */

static void sb_reserve(struct strbuf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t ncap = b->cap ? b->cap : 256;
	while (ncap < b->len + more + 1)
		ncap *= 2;
	b->s = xrealloc(b->s, ncap);
	b->cap = ncap;
}

void sb_addn(struct strbuf *b, const char *s, size_t n)
{
	sb_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_add(struct strbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

/* Formats straight into the free space; only a text longer than that is
 * formatted a second time, after the buffer grew. */
void sb_vprintf(struct strbuf *b, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	sb_reserve(b, 64);
	int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	if (n <= 0) {
		b->s[b->len] = '\0';
	} else {
		if ((size_t)n >= b->cap - b->len) {
			sb_reserve(b, (size_t)n);
			vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
		}
		b->len += (size_t)n;
	}
	va_end(again);
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* ---- diagnostics ---- */

static struct diag_kind *diag_kind_of(struct diag *d, const void *key)
{
	for (size_t i = 0; i < d->n_kinds; i++)
		if (d->kinds[i].key == key)
			return &d->kinds[i];
	struct diag_kind *k = VEC_PUSH(d->kinds, d->n_kinds, d->cap_kinds);
	k->key = key;
	return k;
}

void sb_srcloc(struct strbuf *b, const struct srcloc *loc)
{
	sb_add(b, loc && loc->file ? loc->file : "sysreggen");
	if (loc && loc->file && loc->line > 0)
		sb_printf(b, ":%d", loc->line);
	if (loc && loc->file && loc->line > 0 && loc->column > 0)
		sb_printf(b, ":%d", loc->column);
}

static void format_loc(struct strbuf *b, const struct srcloc *loc, const char *level)
{
	sb_srcloc(b, loc);
	sb_printf(b, ": %s: ", level);
}

static void diag_vreport(struct diag *d, const struct srcloc *loc, const char *level, const void *key, const char *fmt,
			 va_list ap)
{
	struct diag_kind *k = d->per_kind ? diag_kind_of(d, key) : NULL;
	bool over_total = d->max_reported && (k ? d->printed >= d->max_reported
						: d->errors + d->warnings > d->max_reported);
	bool show = !over_total && (!k || k->shown < d->per_kind);
	if (!show && (!k || k->hidden++ > 0))
		return;
	struct strbuf raw = {0}, b = {0};
	format_loc(&raw, loc, level);
	sb_vprintf(&raw, fmt, ap);
	/* one line whatever a file or member name holds: a newline could
	 * forge a "file:line: error:" line, an ESC drive the terminal */
	for (const char *p = raw.s; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch < 0x20 || ch == 0x7f)
			sb_printf(&b, "\\x%02x", ch);
		else
			sb_addn(&b, p, 1);
	}
	sb_free(&raw);
	if (show) {
		FILE *out = d->out ? d->out : stderr;
		fprintf(out, "%s\n", b.s);
		d->printed++;
		if (k)
			k->shown++;
		sb_free(&b);
	} else {
		k->example = b.s; /* the first one not shown */
	}
}

void diag_verror(struct diag *d, const struct srcloc *loc, const char *level, const char *fmt, va_list ap)
{
	diag_vreport(d, loc, level, fmt, fmt, ap);
}

void diag_error_kind(struct diag *d, const struct srcloc *loc, const void *kind, const char *fmt, ...)
{
	va_list ap;
	d->errors++;
	va_start(ap, fmt);
	diag_vreport(d, loc, "error", kind, fmt, ap);
	va_end(ap);
}

void diag_finish(struct diag *d)
{
	FILE *out = d->out ? d->out : stderr;
	unsigned hidden = 0;
	for (size_t i = 0; i < d->n_kinds; i++) {
		if (d->kinds[i].hidden)
			fprintf(out, "sysreggen:   %u more like: %s\n", d->kinds[i].hidden, d->kinds[i].example);
		hidden += d->kinds[i].hidden;
		free(d->kinds[i].example);
	}
	if (hidden)
		fprintf(out, "sysreggen: %u message%s not shown (at most %u of each kind, %u in all)\n", hidden,
			hidden == 1 ? "" : "s", d->per_kind, d->max_reported);
	free(d->kinds);
	d->kinds = NULL;
	d->n_kinds = d->cap_kinds = 0;
}

void diag_error(struct diag *d, const struct srcloc *loc, const char *fmt, ...)
{
	va_list ap;
	d->errors++;
	va_start(ap, fmt);
	diag_verror(d, loc, "error", fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, const struct srcloc *loc, const char *fmt, ...)
{
	va_list ap;
	d->warnings++;
	va_start(ap, fmt);
	diag_verror(d, loc, "warning", fmt, ap);
	va_end(ap);
}

/* ---- strings ---- */

void normalize_space(char *s)
{
	char *w = s;
	const char *r = s;
	bool pending_space = false;
	while (*r && isspace((unsigned char)*r))
		r++;
	for (; *r; r++) {
		if (isspace((unsigned char)*r)) {
			pending_space = true;
			continue;
		}
		if (pending_space && w != s)
			*w++ = ' ';
		pending_space = false;
		*w++ = *r;
	}
	*w = '\0';
}

bool str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void sb_add_shown(struct strbuf *b, const char *s, size_t max)
{
	size_t shown = 0;
	for (const char *p = s; *p; p++, shown++) {
		unsigned char ch = (unsigned char)*p;
		if (shown == max) {
			sb_add(b, "...");
			return;
		}
		if (ch < 0x20 || ch >= 0x7f || ch == '\\')
			sb_printf(b, "\\x%02x", ch);
		else
			sb_addn(b, p, 1);
	}
}

bool str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(b), prev[64], cur[64];
	if (n >= ARRAY_LEN(prev) || strlen(a) >= ARRAY_LEN(prev))
		return 99;
	for (size_t j = 0; j <= n; j++)
		prev[j] = j;
	for (size_t i = 1; a[i - 1]; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= n; j++) {
			size_t sub = prev[j - 1] + (toupper((unsigned char)a[i - 1]) != toupper((unsigned char)b[j - 1]));
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (n + 1) * sizeof(*prev));
	}
	return prev[n];
}

void suggest_nearest(struct strbuf *out, const char *name, const char *const *names, size_t n)
{
	size_t best[3] = {0}, dist[3] = {99, 99, 99};
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(name, names[i]);
		for (size_t k = 0; k < 3; k++) {
			if (d < dist[k]) {
				for (size_t m = 2; m > k; m--)
					dist[m] = dist[m - 1], best[m] = best[m - 1];
				dist[k] = d, best[k] = i;
				break;
			}
		}
	}
	size_t limit = strlen(name) / 3 + 2;
	for (size_t k = 0; k < 3 && dist[k] <= limit; k++)
		sb_printf(out, "%s%s", k ? ", " : "; did you mean ", names[best[k]]);
}

bool is_c_identifier(const char *s)
{
	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

unsigned long long hash_bytes(const void *data, size_t n)
{
	/* eight bytes a step (a byte loop was 7% of loading a release) */
	const unsigned char *p = data;
	unsigned long long h = 0xcbf29ce484222325ull ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		unsigned long long w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void sort_indexes(size_t *idx, size_t n, int (*cmp)(const void *ctx, size_t a, size_t b), const void *ctx)
{
	/* merge sort through a scratch array: n log n, stable */
	if (n < 2)
		return;
	size_t *tmp = xmalloc(n * sizeof(*tmp));
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = cmp(ctx, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
			while (i < mid)
				tmp[k++] = idx[i++];
			while (j < hi)
				tmp[k++] = idx[j++];
		}
		memcpy(idx, tmp, n * sizeof(*tmp));
	}
	free(tmp);
}

int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
			if (na != nb)
				return na < nb ? -1 : 1;
			int c = strncmp(a, b, na);
			if (c)
				return c;
			a += na, b += nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++, b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

