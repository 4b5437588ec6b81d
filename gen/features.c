// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Feature sets.
 *
 * Features.json gives each feature (and each architecture version v8Ap0 ...
 * v9Ap6) a list of constraints. Most are implications between features:
 *   FEAT_D128 --> FEAT_SYSREG128
 *   (FEAT_D128 && FEAT_EL2) --> FEAT_S2PIE
 *   v9Ap3 --> (v9Ap2 && v8Ap8)            (the version chain)
 *   v8Ap9 --> FEAT_TCR2                   (what a version requires)
 *   v9Ap0 --> !FEAT_AA32EL1               (what it excludes)
 * These become rules; the closure applies them until nothing changes. The
 * rest (FEAT_D128 <-> UInt(ID_AA64MMFR3_EL1.D128) >= 1, choices such as
 * A --> (B || C)) say nothing about which features a set has, and are
 * counted as skipped.
 */
#include "features.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const feature_base[] = {"FEAT_AA64", "FEAT_AA64EL0", "FEAT_AA64EL1", "FEAT_AA64EL2", "FEAT_AA64EL3"};
const size_t feature_base_count = ARRAY_LEN(feature_base);

bool feature_request_empty(const struct feature_request *r)
{
	return r->n_add == 0 && r->n_remove == 0 && !r->profile;
}

void feature_request_free(struct feature_request *r)
{
	free(r->add);
	free(r->remove);
	memset(r, 0, sizeof(*r));
}

/* ---- names ---- */

static int cmp_param_name(const void *db, size_t a, size_t b)
{
	const struct feature_db *d = db;
	return strcmp(d->params[a].name, d->params[b].name);
}

long feature_set_find(const struct feature_set *fs, const char *name)
{
	size_t lo = 0, hi = fs->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(fs->db->params[fs->by_name[mid]].name, name);
		if (c == 0)
			return (long)fs->by_name[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

enum feature_state feature_set_lookup(const void *ctx, const char *name)
{
	const struct feature_set *fs = ctx;
	long i = feature_set_find(fs, name);
	if (i < 0)
		return FEATURE_NOT_A_FEATURE;
	return fs->on[i] ? FEATURE_ON : FEATURE_OFF;
}

/* "; did you mean FEAT_D128, ...": up to three nearest names */
static void suggest(const struct feature_set *fs, const char *name, struct strbuf *out)
{
	const char **names = xmalloc((fs->n ? fs->n : 1) * sizeof(*names));
	for (size_t i = 0; i < fs->n; i++)
		names[i] = fs->db->params[fs->by_name[i]].name;
	suggest_nearest(out, name, names, fs->n);
	free(names);
}

static long find_or_report(const struct feature_set *fs, const char *name, const char *option, struct diag *d)
{
	long i = feature_set_find(fs, name);
	if (i >= 0)
		return i;
	struct strbuf msg = {0};
	sb_printf(&msg, "%s: unknown feature '%s' (not in %s)", option, name, fs->db->source ? fs->db->source : "Features.json");
	suggest(fs, name, &msg);
	diag_error_kind(d, NULL, "unknown feature", "%s", msg.s);
	sb_free(&msg);
	return -1;
}

/* ---- rules from constraints ---- */

/* Disjunctive normal form of a rule's left side: a list of conjunctions of
 * feature indexes. Only features, &&, || qualify. */
struct conj {
	size_t ids[16];
	size_t n;
};
struct dnf {
	struct conj c[32];
	size_t n;
};

static bool to_dnf(const struct feature_set *fs, const struct cond *c, struct dnf *out)
{
	out->n = 0;
	if (c->kind == COND_IDENT || c->kind == COND_FEATURE) {
		long i = feature_set_find(fs, c->name);
		if (i < 0)
			return false;
		out->c[0].ids[0] = (size_t)i;
		out->c[0].n = 1;
		out->n = 1;
		return true;
	}
	if (c->kind == COND_OR) {
		for (size_t k = 0; k < c->n_args; k++) {
			struct dnf part;
			if (!to_dnf(fs, c->args[k], &part) || out->n + part.n > ARRAY_LEN(out->c))
				return false;
			memcpy(&out->c[out->n], part.c, part.n * sizeof(part.c[0]));
			out->n += part.n;
		}
		return true;
	}
	if (c->kind == COND_AND) {
		out->n = 1;
		out->c[0].n = 0;
		for (size_t k = 0; k < c->n_args; k++) {
			struct dnf part, acc = *out;
			if (!to_dnf(fs, c->args[k], &part) || acc.n * part.n > ARRAY_LEN(out->c))
				return false;
			out->n = 0;
			for (size_t x = 0; x < acc.n; x++) {
				for (size_t y = 0; y < part.n; y++) {
					struct conj *r = &out->c[out->n++];
					if (acc.c[x].n + part.c[y].n > ARRAY_LEN(r->ids))
						return false;
					*r = acc.c[x];
					memcpy(&r->ids[r->n], part.c[y].ids, part.c[y].n * sizeof(size_t));
					r->n += part.c[y].n;
				}
			}
		}
		return true;
	}
	return false;
}

static void add_rule(struct feature_set *fs, const struct conj *when, long then, bool negated, const char *owner,
		     const struct cond *from)
{
	struct feature_rule *r = VEC_PUSH(fs->rules, fs->n_rules, fs->cap_rules);
	r->when = xmalloc((when->n ? when->n : 1) * sizeof(size_t));
	memcpy(r->when, when->ids, when->n * sizeof(size_t));
	r->n_when = when->n;
	r->then = (size_t)then;
	r->negated = negated;
	r->owner = owner;
	r->from = from;
}

/* `when` (a DNF) implies `c`. Returns false if nothing could be used. */
static bool extract(struct feature_set *fs, const struct dnf *when, const struct cond *c, const char *owner,
		    const struct cond *from)
{
	bool used = false;
	if (c->kind == COND_IDENT || c->kind == COND_FEATURE ||
	    (c->kind == COND_NOT && (c->args[0]->kind == COND_IDENT || c->args[0]->kind == COND_FEATURE))) {
		bool negated = c->kind == COND_NOT;
		long then = feature_set_find(fs, negated ? c->args[0]->name : c->name);
		if (then < 0)
			return false;
		for (size_t k = 0; k < when->n; k++)
			add_rule(fs, &when->c[k], then, negated, owner, from);
		return true;
	}
	if (c->kind == COND_AND) {
		for (size_t k = 0; k < c->n_args; k++)
			used |= extract(fs, when, c->args[k], owner, from);
		return used;
	}
	if (c->kind == COND_IMPLIES) { /* A --> (B --> C) is (A && B) --> C */
		struct dnf inner, both = {.n = 0};
		if (!to_dnf(fs, c->args[0], &inner))
			return false;
		for (size_t x = 0; x < when->n; x++) {
			for (size_t y = 0; y < inner.n && both.n < ARRAY_LEN(both.c); y++) {
				struct conj *r = &both.c[both.n++];
				*r = when->c[x];
				for (size_t k = 0; k < inner.c[y].n && r->n < ARRAY_LEN(r->ids); k++)
					r->ids[r->n++] = inner.c[y].ids[k];
			}
		}
		return extract(fs, &both, c->args[1], owner, from);
	}
	return false;
}

static void read_constraint(struct feature_set *fs, const struct cond *c, const char *owner)
{
	struct dnf when;
	if (c->kind == COND_IMPLIES && to_dnf(fs, c->args[0], &when) && extract(fs, &when, c->args[1], owner, c))
		return;
	if (!(c->kind == COND_BOOL && c->value))
		fs->skipped_constraints++;
}

static void read_rules(struct feature_set *fs)
{
	const struct feature_db *db = fs->db;
	for (size_t i = 0; i < db->n_params; i++)
		for (size_t k = 0; k < db->params[i].n_constraints; k++)
			read_constraint(fs, db->params[i].constraints[k], db->params[i].name);
	for (size_t k = 0; k < db->n_constraints; k++)
		read_constraint(fs, db->constraints[k], NULL);
}

/* ---- closure ---- */

static bool rule_fires(const struct feature_set *fs, const struct feature_rule *r)
{
	for (size_t k = 0; k < r->n_when; k++)
		if (!fs->on[r->when[k]])
			return false;
	return true;
}

static bool close_set(struct feature_set *fs, bool *forbidden, struct diag *d)
{
	bool ok = true;
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < fs->n_rules; i++) {
			const struct feature_rule *r = &fs->rules[i];
			if (r->negated || fs->on[r->then] || !rule_fires(fs, r))
				continue;
			if (forbidden[r->then]) {
				struct strbuf msg = {0};
				sb_printf(&msg, "--no-feature %s: it is implied by ", fs->db->params[r->then].name);
				cond_print(&msg, r->from);
				diag_error_kind(d, NULL, "implied feature left out", "%s", msg.s);
				sb_free(&msg);
				ok = false;
				forbidden[r->then] = false; /* reported once; the set is not used */
				fs->on[r->then] = true;
				continue;
			}
			fs->on[r->then] = true;
			fs->why[r->then] = (long)i;
			changed = true;
		}
	}
	for (size_t i = 0; i < fs->n_rules; i++) {
		const struct feature_rule *r = &fs->rules[i];
		if (r->negated && fs->on[r->then] && rule_fires(fs, r)) {
			struct strbuf msg = {0};
			sb_printf(&msg, "the feature set has %s, which ", fs->db->params[r->then].name);
			cond_print(&msg, r->from);
			sb_add(&msg, " excludes");
			diag_error_kind(d, NULL, "excluded feature", "%s", msg.s);
			sb_free(&msg);
			ok = false;
		}
	}
	return ok;
}

static bool turn_on(struct feature_set *fs, const char *name, long why, const char *option, struct diag *d)
{
	long i = find_or_report(fs, name, option, d);
	if (i < 0)
		return false;
	if (!fs->on[i])
		fs->why[i] = why;
	fs->on[i] = true;
	return true;
}

bool feature_set_build(struct feature_set *fs, const struct feature_db *db, const struct feature_request *req,
		       struct diag *d)
{
	memset(fs, 0, sizeof(*fs));
	fs->db = db;
	fs->n = db->n_params;
	fs->by_name = xcalloc(fs->n, sizeof(*fs->by_name));
	fs->on = xcalloc(fs->n, sizeof(*fs->on));
	fs->why = xcalloc(fs->n, sizeof(*fs->why));
	for (size_t i = 0; i < fs->n; i++) {
		fs->by_name[i] = i;
		fs->why[i] = WHY_OFF;
	}
	sort_indexes(fs->by_name, fs->n, cmp_param_name, db);
	read_rules(fs);
	fs->active = req && !feature_request_empty(req);
	if (!fs->active)
		return true;
	bool ok = true;
	for (size_t i = 0; i < feature_base_count; i++)
		ok &= turn_on(fs, feature_base[i], WHY_BASE, "base", d);
	if (req->profile) {
		if (!(req->profile[0] == 'v' && isdigit((unsigned char)req->profile[1]))) {
			diag_error(d, NULL, "--profile %s: expected an architecture version such as v9Ap4", req->profile);
			ok = false;
		} else {
			ok &= turn_on(fs, req->profile, WHY_NAMED, "--profile", d);
		}
	}
	for (size_t i = 0; i < req->n_add; i++)
		ok &= turn_on(fs, req->add[i], WHY_NAMED, "--features", d);
	bool *forbidden = xcalloc(fs->n ? fs->n : 1, sizeof(*forbidden));
	for (size_t i = 0; i < req->n_remove; i++) {
		long k = find_or_report(fs, req->remove[i], "--no-feature", d);
		if (k < 0) {
			ok = false;
		} else if (fs->on[k]) {
			diag_error(d, NULL, "--no-feature %s: it is also named by --features, --profile or the base",
				   req->remove[i]);
			ok = false;
		} else {
			forbidden[k] = true;
		}
	}
	if (ok)
		ok = close_set(fs, forbidden, d);
	free(forbidden);
	return ok;
}

void feature_set_free(struct feature_set *fs)
{
	for (size_t i = 0; i < fs->n_rules; i++)
		free(fs->rules[i].when);
	free(fs->rules);
	free(fs->by_name);
	free(fs->on);
	free(fs->why);
	memset(fs, 0, sizeof(*fs));
}

/* ---- the filter pass ---- */

static bool is_false(const struct cond *c, const struct feature_set *fs)
{
	return c && cond_eval(c, feature_set_lookup, fs) == TRI_FALSE;
}

void features_filter_model(struct model *m, const struct feature_set *fs)
{
	if (!fs->active)
		return;
	size_t kept = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		struct reg *r = &m->regs[i];
		if (is_false(r->cond, fs)) {
			model_count_skip(m, "registers left out by the feature set");
			reg_free_contents(r);
			continue;
		}
		size_t ka = 0;
		for (size_t j = 0; j < r->n_accessors; j++) {
			if (is_false(r->accessors[j].cond, fs)) {
				model_count_skip(m, "accessors left out by the feature set");
				free(r->accessors[j].enc);
			} else {
				r->accessors[ka++] = r->accessors[j];
			}
		}
		r->n_accessors = ka;
		size_t kf = 0;
		for (size_t j = 0; j < r->n_fieldsets; j++) {
			if (is_false(r->fieldsets[j].cond, fs)) {
				model_count_skip(m, "fieldsets left out by the feature set");
				fieldset_free_contents(&r->fieldsets[j]);
			} else {
				r->fieldsets[kf++] = r->fieldsets[j];
			}
		}
		r->n_fieldsets = kf;
		m->regs[kept++] = *r;
	}
	m->n_regs = kept;
}
