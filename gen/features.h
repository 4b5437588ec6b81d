/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Feature sets: what a CPU implements, closed under Features.json's
 * implications, and the pass that leaves out what such a CPU lacks. */
#ifndef SYSREGGEN_FEATURES_H
#define SYSREGGEN_FEATURES_H

#include "model.h"

/* What the user asked for: --features, --profile, --no-feature. */
struct feature_request {
	const char **add;
	size_t n_add, cap_add;
	const char **remove;
	size_t n_remove, cap_remove;
	const char *profile; /* an architecture version, v9Ap4 */
};
bool feature_request_empty(const struct feature_request *r);
void feature_request_free(struct feature_request *r);

/* One rule read from a constraint: every `when` on -> `then` on (or,
 * negated, `then` must be off); or, a choice (n_alts > 0), every `when` on
 * -> one of the alternatives (each a conjunction) all on. */
struct feature_rule {
	size_t *when;
	size_t n_when;
	size_t then;
	bool negated;
	size_t **alts;
	size_t *n_alt;
	size_t n_alts;
	const char *owner;       /* the parameter whose constraint it is; NULL: global */
	const struct cond *from; /* the constraint */
	/* A rule no constraint states: `from` ties `then`'s antecedent to an ID
	 * field value that makes this constraint's comparison hold too
	 * (FEAT_FP16 <-> SInt(FP) >= 1 entails FEAT_FP <-> SInt(FP) >= 0). */
	const struct cond *entails;
};

/* every `when` on -> `then` on (not an exclusion, not a choice) */
static inline bool feature_rule_implies(const struct feature_rule *r)
{
	return !r->negated && r->n_alts == 0;
}

enum { WHY_OFF = -3, WHY_NAMED = -2, WHY_BASE = -1 }; /* else a rule index */

struct feature_set {
	const struct feature_db *db;
	size_t n;               /* db->n_params */
	size_t *by_name;        /* parameter indexes sorted by name */
	struct feature_rule *rules;
	size_t n_rules, cap_rules;
	size_t skipped_constraints; /* neither implications nor choices between features (ID fields) */
	size_t n_choices;           /* rules that are choices */
	size_t n_entailed;          /* rules derived from two ID-field constraints */
	bool *on;
	long *why;              /* WHY_* or the rule that turned it on */
	bool active;            /* false: no feature options, nothing is filtered */
};

/* Build the closure of base + request. Unknown names and contradictions are
 * errors (with the nearest known names, or the implication that breaks). */
bool feature_set_build(struct feature_set *fs, const struct feature_db *db, const struct feature_request *req,
		       struct diag *d);
void feature_set_free(struct feature_set *fs);
/* feature_lookup_fn for cond_eval */
enum feature_state feature_set_lookup(const void *fs, const char *name);
long feature_set_find(const struct feature_set *fs, const char *name);

/* The AArch64 base every feature set starts from. */
extern const char *const feature_base[];
extern const size_t feature_base_count;

/* The pass: drop registers, accessors and fieldsets whose condition is
 * false for this feature set (true, unknown and runtime ones stay). */
void features_filter_model(struct model *m, const struct feature_set *fs);

#endif
