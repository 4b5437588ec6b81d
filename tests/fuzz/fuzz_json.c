// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Fuzz target: one JSON document (Registers.json or Features.json) through
 * the JSON front end, a feature set from it, and the pipeline. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	FUZZ_BEGIN;
	struct document doc = {"Registers.json", (const char *)data, size, ENTRY_FILE, DOC_BORROWED};
	json_load_document(&m, &doc, &o, &d);
	if (m.features.loaded) {
		const char *add[] = {"FEAT_D128"};
		struct feature_request req = {add, 1, 1, NULL, 0, 0, NULL};
		struct feature_set fs;
		feature_set_build(&fs, &m.features, &req, &d);
		features_filter_model(&m, &fs);
		feature_set_free(&fs);
	}
	fuzz_pipeline(&m, &d);
	model_free(&m);
	return 0;
}
