/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Allocation hooks for the parsers sysreggen drives (libxml2, jansson).
 *
 * Their trees are read once and dropped whole, so while a thread has an
 * arena selected every block they allocate comes from it and freeing one
 * does nothing: no malloc/free per node, and no walk to free the tree.
 * Without an arena the hooks use the heap. Each block carries a small
 * header saying which, so a block is always freed the way it was
 * allocated whatever is selected when it is freed. The selection is per
 * thread; it is the only state the hooks keep. */
#ifndef SYSREGGEN_PARSE_ALLOC_H
#define SYSREGGEN_PARSE_ALLOC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

void parse_arena_select(struct arena *a); /* this thread; NULL: the heap */

/* A bound on what the parsers may allocate in arenas, shared by every
 * thread parsing for one load: a block that would pass it is refused (the
 * parser then fails as out of memory, and the caller says why). What one
 * arena was charged is given back when it is dropped. */
struct parse_budget {
	_Atomic size_t used;
	size_t limit;
};
struct parse_charge {
	struct parse_budget *budget; /* NULL: no bound */
	size_t charged;  /* bytes its blocks took */
	size_t reserved; /* bytes taken from the budget for them, in steps */
	bool refused; /* a block was refused: the parse failed for want of memory */
};
/* Select an arena with the charge its blocks are counted in (this thread). */
void parse_arena_select_charged(struct arena *a, struct parse_charge *charge);
/* Give back what the charge holds (when its arena is freed). */
void parse_charge_release(struct parse_charge *charge);
void *parse_malloc(size_t n);
void *parse_realloc(void *p, size_t n);
void parse_free(void *p);
char *parse_strdup(const char *s);

/* The same without the header, for jansson, which never reallocates: a
 * block must be freed under the selection it was allocated under (json.c
 * parses every tree with an arena selected and drops it whole). */
void *parse_malloc_plain(size_t n);
void parse_free_plain(void *p);

#endif
