// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Fuzz target: decode's reader of ID register values (NAME VALUE lines,
 * Firecracker templates) and the decoding itself, over the embedded
 * release, loaded once. */
#include "fuzz_common.h"

#include "../../gen/idregs.h"
#include "../../gen/idvalues.h"
#include "../../gen/view.h"

struct loaded {
	struct model m;
	struct feature_set fs;
	struct reg_view view;
};

static struct loaded *load_once(void)
{
	static struct loaded l;
	static bool done;
	if (!done) {
		struct load_options o;
		struct diag d = fuzz_diag();
		load_options_default(&o);
		model_init(&l.m);
		if (!spec_load(&l.m, NULL, &o, true, &d))
			abort();
		resolve_accessors(&l.m);
		classify_registers(&l.m);
		struct feature_request none = {0};
		feature_set_build(&l.fs, &l.m.features, &none, &d);
		reg_view_build(&l.view, &l.m);
		done = true;
	}
	return &l;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct loaded *l = load_once();
	struct diag d = fuzz_diag();
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (int aarch32 = 0; aarch32 < 2; aarch32++) {
		struct idregs ir;
		struct id_decoded dec;
		idregs_build(&ir, &l->m, &l->view, &l->fs, aarch32);
		char *copy = malloc(size + 1);
		memcpy(copy, text, size + 1);
		idvalues_read_text(&ir, "fuzz", copy, size, &d);
		idregs_decode(&ir, &dec);
		id_decoded_free(&dec);
		idregs_free(&ir);
		free(copy);
	}
	free(text);
	diag_finish(&d);
	return 0;
}
