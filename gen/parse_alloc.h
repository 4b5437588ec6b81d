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

#include <stddef.h>

#include "util.h"

void parse_arena_select(struct arena *a); /* this thread; NULL: the heap */
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
