// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen features`: a feature set and why each member is in it;
 * `sysreggen condition`: how the spec's conditions read. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* Each TEXT argument in canonical form, then its value for the feature
 * set; without feature options every feature counts as unknown: "-". */
bool emit_condition(struct emit_context *ctx)
{
	struct strbuf *out = emit_output(ctx);
	struct arena a = {0};
	for (int i = 0; i < ctx->opt->n_args; i++) {
		const struct cond *c = cond_parse_text(&a, ctx->opt->args[i], ctx->opt->max_depth);
		cond_print(out, c);
		sb_printf(out, "\t%s\n", ctx->fs->active ? tri_name(cond_eval(c, feature_set_lookup, ctx->fs)) : "-");
	}
	arena_free(&a);
	return true;
}

bool emit_features(struct emit_context *ctx)
{
	struct strbuf *out = emit_output(ctx);
	const struct feature_set *fs = ctx->fs;
	if (ctx->opt->all) { /* for scripts: every name, sorted */
		for (size_t k = 0; k < fs->n; k++)
			sb_printf(out, "%s\n", fs->db->params[fs->by_name[k]].name);
		return true;
	}
	const struct feature_db *db = fs->db;
	size_t on = 0;
	for (size_t i = 0; i < fs->n; i++)
		on += fs->on[i];
	comment_line(out, "# ", "Features.json: %s, %s build %s (%s)", db->source ? db->source : "?",
		  db->architecture ? db->architecture : "?", db->build ? db->build : "?",
		  db->timestamp ? db->timestamp : "?");
	sb_printf(out,
		  "# %zu features and versions; rules: %zu implications and exclusions, %zu choices, %zu implications "
		  "the ID fields entail; %zu other constraints skipped\n",
		  fs->n, fs->n_rules - fs->n_choices - fs->n_entailed, fs->n_choices, fs->n_entailed,
		  fs->skipped_constraints);
	sb_add(out, "# base:");
	for (size_t i = 0; i < feature_base_count; i++)
		sb_printf(out, " %s", feature_base[i]);
	sb_printf(out, "\n# %zu in the set; FEATURE<TAB>WHY (named, base, or the constraint that implies it)\n", on);
	for (size_t k = 0; k < fs->n; k++) {
		size_t i = fs->by_name[k];
		if (!fs->on[i])
			continue;
		sb_printf(out, "%s\t", db->params[i].name);
		if (fs->why[i] == WHY_NAMED) {
			sb_add(out, "named");
		} else if (fs->why[i] == WHY_BASE) {
			sb_add(out, "base");
		} else {
			const struct feature_rule *r = &fs->rules[fs->why[i]];
			cond_print(out, r->from);
			if (r->entails) {
				sb_add(out, "  entails  ");
				cond_print(out, r->entails);
			} else if (r->owner) {
				sb_printf(out, "  (constraint of %s%s)", r->owner,
					  r->n_alts ? "; the alternative that adds the fewest features" : "");
			}
		}
		sb_add(out, "\n");
	}
	return true;
}
