// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Fuzz target: a spec in memory (an archive of pages, or one document)
 * through the input layer, both front ends and the pipeline. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	FUZZ_BEGIN;
	spec_load_memory(&m, "fuzz.tar.xz", data, size, &o, false, &d);
	fuzz_pipeline(&m, &d);
	model_free(&m);
	return 0;
}
