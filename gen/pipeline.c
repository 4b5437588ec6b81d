// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>

#include "util.h"

enum { SLOTS_PER_BLOCK = 1024, MAX_BLOCKS = 4096 };

struct slot {
	void *item;
	bool done;
};

/* Slots live in fixed blocks: published slots never move while the worker
 * reads them. Everything below `n` was published under the lock. */
struct pipeline {
	pipeline_work_fn work;
	size_t window;
	struct slot *blocks[MAX_BLOCKS];
	size_t n;        /* published */
	bool closed;
	size_t next;     /* next to work on */
	size_t taken;    /* taken back by the caller */
	bool stopping;   /* finish(): the worker leaves what it has not claimed */
	unsigned waiting; /* threads in pthread_cond_wait: wake-ups only for them */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t worker;
	bool threaded;
};

static struct slot *slot_at(struct pipeline *p, size_t k)
{
	return &p->blocks[k / SLOTS_PER_BLOCK][k % SLOTS_PER_BLOCK];
}

/* under the lock */
static void wake(struct pipeline *p)
{
	if (p->waiting)
		pthread_cond_broadcast(&p->cv);
}

/* under the lock */
static bool claim(struct pipeline *p, size_t *k)
{
	if (p->next >= p->n || p->next >= p->taken + p->window)
		return false;
	*k = p->next++;
	return true;
}

/* without the lock */
static void work_on(struct pipeline *p, size_t k)
{
	pthread_mutex_lock(&p->mu);
	void *item = slot_at(p, k)->item;
	pthread_mutex_unlock(&p->mu);
	p->work(item);
	pthread_mutex_lock(&p->mu);
	slot_at(p, k)->done = true;
	wake(p);
	pthread_mutex_unlock(&p->mu);
}

/* Work on whatever can be claimed until stop(p, k) holds; wait when nothing
 * can. Called and returns with the lock held. */
static void work_until(struct pipeline *p, bool (*stop)(struct pipeline *, size_t), size_t k)
{
	size_t other;
	while (!stop(p, k)) {
		if (claim(p, &other)) {
			pthread_mutex_unlock(&p->mu);
			work_on(p, other);
			pthread_mutex_lock(&p->mu);
		} else {
			p->waiting++;
			pthread_cond_wait(&p->cv, &p->mu);
			p->waiting--;
		}
	}
}

static bool all_claimed(struct pipeline *p, size_t k)
{
	(void)k;
	return p->stopping || (p->closed && p->next >= p->n);
}

static bool slot_done(struct pipeline *p, size_t k)
{
	return slot_at(p, k)->done;
}

static void *worker_main(void *arg)
{
	struct pipeline *p = arg;
	pthread_mutex_lock(&p->mu);
	work_until(p, all_claimed, 0);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct pipeline *pipeline_start(pipeline_work_fn work, size_t window)
{
	struct pipeline *p = xcalloc(1, sizeof(*p));
	p->work = work;
	p->window = window ? window : 1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* without a worker the caller does all the work in take() */
	p->threaded = pthread_create(&p->worker, NULL, worker_main, p) == 0;
	return p;
}

bool pipeline_publish(struct pipeline *p, void *item, size_t *index)
{
	size_t k = p->n; /* only the caller changes n */
	if (k == (size_t)MAX_BLOCKS * SLOTS_PER_BLOCK)
		return false;
	if (k % SLOTS_PER_BLOCK == 0)
		p->blocks[k / SLOTS_PER_BLOCK] = xcalloc(SLOTS_PER_BLOCK, sizeof(struct slot));
	pthread_mutex_lock(&p->mu);
	slot_at(p, k)->item = item;
	p->n = k + 1;
	wake(p);
	pthread_mutex_unlock(&p->mu);
	*index = k;
	return true;
}

void pipeline_close(struct pipeline *p)
{
	pthread_mutex_lock(&p->mu);
	p->closed = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

size_t pipeline_published(const struct pipeline *p)
{
	return p->n;
}

void *pipeline_take(struct pipeline *p, size_t k)
{
	pthread_mutex_lock(&p->mu);
	p->taken = k; /* the window moves on: item k is being taken */
	wake(p);
	work_until(p, slot_done, k);
	void *item = slot_at(p, k)->item;
	pthread_mutex_unlock(&p->mu);
	return item;
}

void pipeline_finish(struct pipeline *p)
{
	pthread_mutex_lock(&p->mu);
	p->closed = p->stopping = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	if (p->threaded)
		pthread_join(p->worker, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	for (size_t b = 0; b < MAX_BLOCKS && p->blocks[b]; b++)
		free(p->blocks[b]);
	free(p);
}
