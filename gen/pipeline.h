/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* An ordered pipeline on two threads: the calling thread publishes items in
 * order; a worker thread and the calling thread run `work` on them (the
 * parse of a page or of a JSON entry: nothing that touches the model); the
 * calling thread takes them back in the order published and does the rest.
 * At most `window` items are worked on ahead of the last one taken, which
 * bounds memory. The results are those of one thread. */
#ifndef SYSREGGEN_PIPELINE_H
#define SYSREGGEN_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

struct pipeline;
typedef void (*pipeline_work_fn)(void *item);

struct pipeline *pipeline_start(pipeline_work_fn work, size_t window);
/* Returns the item's index; false if the pipeline is full (4M items). */
bool pipeline_publish(struct pipeline *p, void *item, size_t *index);
/* No more items will be published. */
void pipeline_close(struct pipeline *p);
size_t pipeline_published(const struct pipeline *p);
/* Item k once worked on (the caller helps meanwhile). Items are taken in
 * order, each once. */
void *pipeline_take(struct pipeline *p, size_t k);
/* Joins the worker and frees the pipeline (not the items). */
void pipeline_finish(struct pipeline *p);

#endif
