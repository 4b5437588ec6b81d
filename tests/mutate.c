// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Mutation test: every page of the embedded 2025-03 release truncated at
 * three offsets and with three random byte flips (fixed seed) must either
 * load or fail with an error; never a signal, never longer than 5 seconds.
 * A crash kills this program and fails the test; a hang trips the alarm. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../gen/frontend.h"
#include "../gen/input.h"
#include "../gen/passes.h"
#include "../gen/spec.h"

extern const char embedded_spec_data[];
extern const uint64_t embedded_spec_size;

struct counts {
	unsigned pages, mutants, loaded, failed;
	unsigned long long rng;
	FILE *sink;
	struct load_options o;
};

static unsigned long long next_random(struct counts *c)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return c->rng;
}

static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "FAIL: a mutant took longer than 5 s\n";
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(2);
}

static void load_one(struct counts *c, const char *name, const char *data, size_t len)
{
	struct model m;
	struct diag d = {.out = c->sink};
	struct document doc = {name, data, len, ENTRY_FILE, DOC_BORROWED};
	model_init(&m);
	alarm(5);
	bool ok = xml_load_page(&m, &doc, &c->o, &d);
	resolve_accessors(&m);
	classify_registers(&m);
	alarm(0);
	/* an error must be reported, a load must report none */
	if (ok != (d.errors == 0)) {
		fprintf(stderr, "FAIL: %s: load said %d with %u errors\n", name, ok, d.errors);
		exit(1);
	}
	c->mutants++;
	if (ok)
		c->loaded++;
	else
		c->failed++;
	model_free(&m);
}

static bool mutate_page(void *ctx, struct document *doc)
{
	struct counts *c = ctx;
	if (doc->len < 64 || !strstr(doc->name, ".xml"))
		return true;
	c->pages++;
	char *buf = malloc(doc->len);
	for (int k = 1; k <= 3; k++) /* truncated at a quarter, half, three quarters */
		load_one(c, doc->name, doc->data, doc->len * (size_t)k / 4);
	for (int k = 0; k < 3; k++) { /* one random byte set to a random value */
		memcpy(buf, doc->data, doc->len);
		buf[next_random(c) % doc->len] = (char)(next_random(c) & 0xff);
		load_one(c, doc->name, buf, doc->len);
	}
	free(buf);
	return true;
}

int main(void)
{
	struct counts c = {0};
	c.rng = 0x9e3779b97f4a7c15ull;
	c.sink = fopen("/dev/null", "w");
	load_options_default(&c.o);
	signal(SIGALRM, on_alarm);
	struct diag d = {.out = stderr, .max_reported = 20};
	input_read_memory("embedded", embedded_spec_data, (size_t)embedded_spec_size, &c.o, &d, mutate_page, &c);
	fclose(c.sink);
	printf("mutation: %u pages, %u mutants: %u loaded, %u failed with an error, no signal, none over 5 s\n", c.pages,
	       c.mutants, c.loaded, c.failed);
	return c.pages < 1600 || d.errors;
}
