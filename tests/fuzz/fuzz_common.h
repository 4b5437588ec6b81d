/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Shared by the fuzz targets: options with small limits (so that the
 * fuzzer explores rather than allocates), a diagnostics sink, and the
 * whole pipeline after loading (passes and an emitter), so that every
 * stage sees what the front ends made of the input. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../gen/emit.h"
#include "../../gen/features.h"
#include "../../gen/frontend.h"
#include "../../gen/output.h"
#include "../../gen/passes.h"
#include "../../gen/spec.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static inline struct diag fuzz_diag(void)
{
	static FILE *sink;
	if (!sink)
		sink = fopen("/dev/null", "w");
	struct diag d = {.out = sink, .max_reported = 20};
	return d;
}

static inline void fuzz_options(struct load_options *o)
{
	load_options_default(o);
	o->read.max_file_bytes = 1 << 20;
	o->max_total_bytes = 4 << 20;
	o->max_depth = 64;
}

/* what every target starts with */
#define FUZZ_BEGIN                   \
	struct load_options o;       \
	struct diag d = fuzz_diag(); \
	struct model m;              \
	fuzz_options(&o);            \
	model_init(&m)

/* the checks, passes and two emitters over whatever was loaded */
static inline void fuzz_pipeline(struct model *m, struct diag *d)
{
	check_model(m, d, NULL);
	resolve_accessors(m);
	check_resolved_model(m, d, NULL);
	classify_registers(m);
	struct emit_options eo = {.state = -1, .aliases = true, .expand = true, .json = true};
	struct emit_context c = {.m = m, .opt = &eo, .d = d};
	emit_list(&c);
	emit_dump(&c);
	for (size_t i = 0; i < c.n_files; i++)
		sb_free(&c.files[i].text);
	free(c.files);
}

#endif
