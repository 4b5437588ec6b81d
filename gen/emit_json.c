// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* sysregs.json: the model (model_dump(), as `dump --format json` prints
 * it) with the banner as members, for scripts and other languages. */
#include <string.h>

#include "emit.h"
#include "generate.h"

bool emit_json(struct emit_context *g)
{
	struct strbuf *f = gen_file_begin(g, "sysregs.json", COMMENT_NONE);
	struct strbuf banner = {0};
	gen_banner_lines(g, &banner, "");
	sb_add(f, "{\"generated\": [");
	for (char *line = banner.s, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		sb_add(f, line == banner.s ? "\n  " : ",\n  ");
		json_string(f, line);
	}
	sb_add(f, "],\n\"registers\": ");
	model_dump(f, g->m, STATE_AARCH64, true);
	sb_add(f, "}\n");
	sb_free(&banner);
	return true;
}
