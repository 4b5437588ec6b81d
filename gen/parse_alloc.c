// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#include "parse_alloc.h"

#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local struct arena *selected_arena;
static _Thread_local struct parse_charge *selected_charge;

/* Keeps the block after it aligned as malloc's are. */
struct block_header {
	alignas(max_align_t) size_t size;
	bool in_arena;
};

static struct block_header *header_of(void *p)
{
	return (struct block_header *)p - 1;
}

void parse_arena_select(struct arena *a)
{
	selected_arena = a;
	selected_charge = NULL;
}

void parse_arena_select_charged(struct arena *a, struct parse_charge *charge)
{
	selected_arena = a;
	selected_charge = a ? charge : NULL;
}

/* Count n bytes of the selected arena against its budget; false when
 * they would pass it. The budget is taken from in steps of 64 KiB (as an
 * arena grows), so that two threads parsing do not meet on the shared
 * counter at every block libxml2 asks for. */
enum { CHARGE_STEP = 64 << 10 };

static bool charge(size_t n)
{
	struct parse_charge *c = selected_charge;
	if (!c || !c->budget)
		return true;
	if (n <= c->reserved - c->charged) {
		c->charged += n;
		return true;
	}
	size_t step = n > CHARGE_STEP ? n : CHARGE_STEP;
	size_t before = atomic_fetch_add(&c->budget->used, step);
	if (before + step > c->budget->limit || before + step < before) {
		atomic_fetch_sub(&c->budget->used, step);
		c->refused = true;
		return false;
	}
	c->reserved += step;
	c->charged += n;
	return true;
}

void parse_charge_release(struct parse_charge *c)
{
	if (c->budget)
		atomic_fetch_sub(&c->budget->used, c->reserved);
	c->charged = c->reserved = 0;
}

void *parse_malloc(size_t n)
{
	if (n > SIZE_MAX - sizeof(struct block_header))
		return NULL;
	if (selected_arena && !charge(sizeof(struct block_header) + n))
		return NULL;
	struct block_header *h = selected_arena ? arena_alloc(selected_arena, sizeof(*h) + n)
						: malloc(sizeof(*h) + n);
	if (!h)
		return NULL;
	h->size = n;
	h->in_arena = selected_arena != NULL;
	return h + 1;
}

void parse_free(void *p)
{
	if (p && !header_of(p)->in_arena)
		free(header_of(p));
}

void *parse_realloc(void *p, size_t n)
{
	if (!p)
		return parse_malloc(n);
	struct block_header *h = header_of(p);
	if (!h->in_arena) {
		if (n > SIZE_MAX - sizeof(*h))
			return NULL;
		h = realloc(h, sizeof(*h) + n);
		if (!h)
			return NULL;
		h->size = n;
		return h + 1;
	}
	if (n <= h->size)
		return p;
	void *q = parse_malloc(n);
	if (q)
		memcpy(q, p, h->size);
	return q;
}

char *parse_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = parse_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

void *parse_malloc_plain(size_t n)
{
	if (selected_arena && !charge(n))
		return NULL;
	return selected_arena ? arena_alloc(selected_arena, n) : malloc(n);
}

void parse_free_plain(void *p)
{
	if (!selected_arena)
		free(p);
}
