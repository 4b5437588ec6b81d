// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Fuzz target: one XML page through the XML front end and the pipeline. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	FUZZ_BEGIN;
	struct document doc = {"fuzz.xml", (const char *)data, size, ENTRY_FILE, DOC_BORROWED};
	xml_load_page(&m, &doc, &o, &d);
	fuzz_pipeline(&m, &d);
	model_free(&m);
	return 0;
}
