// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Fuzz target: the condition prose parser, printer and evaluator. */
#include "fuzz_common.h"

static enum feature_state lookup(const void *ctx, const char *name)
{
	(void)ctx;
	if (strncmp(name, "FEAT_", 5) != 0)
		return FEATURE_NOT_A_FEATURE;
	return strlen(name) % 2 ? FEATURE_ON : FEATURE_OFF;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct arena a = {0};
	struct cond *c = cond_parse_text(&a, text, 64);
	struct strbuf out = {0};
	cond_print(&out, c);
	cond_eval(c, lookup, NULL);
	/* what it prints must read back to the same text */
	if (!cond_has_opaque(c) && out.s) {
		struct cond *again = cond_parse_text(&a, out.s, 64);
		struct strbuf out2 = {0};
		cond_print(&out2, again);
		if (strcmp(out.s, out2.s ? out2.s : "") != 0 && !cond_has_opaque(again)) {
			fprintf(stderr, "not stable: '%s' -> '%s' -> '%s'\n", text, out.s, out2.s);
			abort();
		}
		sb_free(&out2);
	}
	sb_free(&out);
	arena_free(&a);
	free(text);
	return 0;
}
