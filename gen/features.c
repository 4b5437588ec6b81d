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

/* to += from; false when it would not fit (a conjunction cut short would
 * make a rule fire where it should not). */
static bool conj_append(struct conj *to, const struct conj *from)
{
	if (to->n + from->n > ARRAY_LEN(to->ids))
		return false;
	memcpy(&to->ids[to->n], from->ids, from->n * sizeof(size_t));
	to->n += from->n;
	return true;
}

/* acc = acc && part, distributed: every conjunction of acc with every one
 * of part. False when the result would not fit. */
static bool dnf_and(struct dnf *acc, const struct dnf *part)
{
	struct dnf a = *acc;
	if (a.n * part->n > ARRAY_LEN(acc->c))
		return false;
	acc->n = 0;
	for (size_t x = 0; x < a.n; x++)
		for (size_t y = 0; y < part->n; y++) {
			struct conj *r = &acc->c[acc->n++];
			*r = a.c[x];
			if (!conj_append(r, &part->c[y]))
				return false;
		}
	return true;
}

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
			struct dnf part;
			if (!to_dnf(fs, c->args[k], &part) || !dnf_and(out, &part))
				return false;
		}
		return true;
	}
	return false;
}

static size_t *copy_ids(const struct conj *c)
{
	size_t *ids = xmalloc((c->n ? c->n : 1) * sizeof(size_t));
	memcpy(ids, c->ids, c->n * sizeof(size_t));
	return ids;
}

static void add_rule(struct feature_set *fs, const struct conj *when, long then, bool negated, const char *owner,
		     const struct cond *from)
{
	struct feature_rule *r = VEC_PUSH(fs->rules, fs->n_rules, fs->cap_rules);
	r->when = copy_ids(when);
	r->n_when = when->n;
	r->then = (size_t)then;
	r->negated = negated;
	r->owner = owner;
	r->from = from;
}

/* `when` --> one of `alts`: FEAT_SVE_AES --> (FEAT_SVE2 || FEAT_SSVE_AES) */
static void add_choice(struct feature_set *fs, const struct conj *when, const struct dnf *alts, const char *owner,
		       const struct cond *from)
{
	struct feature_rule *r = VEC_PUSH(fs->rules, fs->n_rules, fs->cap_rules);
	r->when = copy_ids(when);
	r->n_when = when->n;
	r->alts = xmalloc(alts->n * sizeof(*r->alts));
	r->n_alt = xmalloc(alts->n * sizeof(*r->n_alt));
	for (size_t k = 0; k < alts->n; k++) {
		r->alts[k] = copy_ids(&alts->c[k]);
		r->n_alt[k] = alts->c[k].n;
	}
	r->n_alts = alts->n;
	r->owner = owner;
	r->from = from;
	fs->n_choices++;
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
	if (c->kind == COND_OR) {
		struct dnf alts;
		if (!to_dnf(fs, c, &alts))
			return false;
		for (size_t k = 0; k < when->n; k++)
			add_choice(fs, &when->c[k], &alts, owner, from);
		return true;
	}
	if (c->kind == COND_IMPLIES) { /* A --> (B --> C) is (A && B) --> C */
		struct dnf inner, both = *when;
		if (!to_dnf(fs, c->args[0], &inner) || !dnf_and(&both, &inner))
			return false;
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

/* ---- implications the ID fields entail ---- */

/* A constraint "guards --> (FEAT <-> expr)" where expr reads ID fields
 * with UInt() and SInt(). */
struct field_atom {
	const struct cond *from;
	struct dnf guards;
	size_t feature;
	const struct cond *expr;
};

/* Sets of field values, -128 ... 255: every value of an ID field, read
 * with UInt() or SInt(), up to eight bits wide. */
enum { VALUE_MIN = -128, VALUE_MAX = 255, N_VALUES = VALUE_MAX - VALUE_MIN + 1 };
struct value_set {
	bool in[N_VALUES];
};

static bool is_field_call(const struct cond *c)
{
	return c->kind == COND_CALL && c->n_args == 1 && c->args[0]->kind == COND_FIELD &&
	       (strcmp(c->name, "UInt") == 0 || strcmp(c->name, "SInt") == 0);
}

static bool same_call(const struct cond *x, const struct cond *y)
{
	return strcmp(x->name, y->name) == 0 && strcmp(x->args[0]->name, y->args[0]->name) == 0 &&
	       strcmp(x->args[0]->field, y->args[0]->field) == 0;
}

static bool compare_holds(const char *op, long v, long n)
{
	return strcmp(op, ">=") == 0 ? v >= n : strcmp(op, ">") == 0 ? v > n : strcmp(op, "<=") == 0 ? v <= n
	     : strcmp(op, "<") == 0 ? v < n : strcmp(op, "==") == 0 ? v == n : v != n;
}

/* The values of `call`'s field for which c holds. What c reads besides
 * that field (features, other fields) is not known: `over` counts it as
 * holding, else as failing, so the set is a superset or a subset of the
 * true one. */
static void values_where(const struct cond *c, const struct cond *call, bool over, struct value_set *out)
{
	static const char *const ops[] = {">=", ">", "<=", "<", "==", "!="};
	bool known_op = false;
	if (c->kind == COND_CMP && c->n_args == 2)
		for (size_t k = 0; k < ARRAY_LEN(ops); k++)
			known_op |= strcmp(c->name, ops[k]) == 0;
	if (known_op && is_field_call(c->args[0]) && same_call(c->args[0], call) && c->args[1]->kind == COND_INT) {
		for (long v = VALUE_MIN; v <= VALUE_MAX; v++)
			out->in[v - VALUE_MIN] = compare_holds(c->name, v, c->args[1]->value);
		return;
	}
	if ((c->kind == COND_AND || c->kind == COND_OR) && c->n_args > 0) {
		struct value_set part;
		values_where(c->args[0], call, over, out);
		for (size_t k = 1; k < c->n_args; k++) {
			values_where(c->args[k], call, over, &part);
			for (size_t v = 0; v < N_VALUES; v++)
				out->in[v] = c->kind == COND_AND ? out->in[v] && part.in[v] : out->in[v] || part.in[v];
		}
		return;
	}
	if (c->kind == COND_NOT && c->n_args == 1) {
		values_where(c->args[0], call, !over, out);
		for (size_t v = 0; v < N_VALUES; v++)
			out->in[v] = !out->in[v];
		return;
	}
	memset(out->in, over, sizeof(out->in));
}

static const struct cond *find_call(const struct cond *c, const struct cond *like)
{
	if (is_field_call(c))
		return !like || same_call(c, like) ? c : NULL;
	for (size_t k = 0; k < c->n_args; k++) {
		const struct cond *f = find_call(c->args[k], like);
		if (f)
			return f;
	}
	return NULL;
}

/* Does every value of one field that makes a's expr hold make b's hold? */
static bool field_entails(const struct cond *a, const struct cond *b, const struct cond *call)
{
	struct value_set sa, sb;
	values_where(a, call, true, &sa);
	values_where(b, call, false, &sb);
	bool any = false, all = true;
	for (size_t v = 0; v < N_VALUES; v++) {
		any |= sa.in[v];
		all &= sa.in[v];
		if (sa.in[v] && !sb.in[v])
			return false;
	}
	return any && !all;
}

/* ... for some field a reads (node: where in a to look for one) */
static bool entails_via(const struct cond *a, const struct cond *b, const struct cond *node)
{
	if (is_field_call(node))
		return find_call(b, node) && field_entails(a, b, node);
	for (size_t k = 0; k < node->n_args; k++)
		if (entails_via(a, b, node->args[k]))
			return true;
	return false;
}

static bool read_field_atom(const struct feature_set *fs, const struct cond *c, struct field_atom *a)
{
	a->from = c;
	a->guards.n = 1;
	a->guards.c[0].n = 0;
	while (c->kind == COND_IMPLIES) { /* G1 --> (G2 --> body): both guards */
		struct dnf g;
		if (!to_dnf(fs, c->args[0], &g) || !dnf_and(&a->guards, &g))
			return false;
		c = c->args[1];
	}
	if (c->kind != COND_IFF)
		return false;
	bool named_first = c->args[0]->kind == COND_IDENT || c->args[0]->kind == COND_FEATURE;
	const struct cond *name = c->args[named_first ? 0 : 1];
	long feature = feature_set_find(fs, name->kind == COND_IDENT || name->kind == COND_FEATURE ? name->name : "");
	a->feature = (size_t)feature;
	a->expr = c->args[named_first ? 1 : 0];
	return feature >= 0 && find_call(a->expr, NULL);
}

/* FEAT_FP16 <-> SInt(ID_AA64PFR0_EL1.FP) >= 1 and FEAT_FP <-> SInt(...FP)
 * >= 0: no value of FP gives FEAT_FP16 without FEAT_FP, though no
 * constraint says FEAT_FP16 --> FEAT_FP. Likewise FEAT_DoubleFault (RAS >=
 * 2) and FEAT_RASv1p1 (RAS >= 2 || RAS == 1 && RAS_frac >= 1). Each such
 * pair becomes the rule (guards of both && FEAT_FP16) --> FEAT_FP. */
static void add_entailed(struct feature_set *fs, const struct field_atom *a, const struct field_atom *b)
{
	for (size_t x = 0; x < a->guards.n; x++)
		for (size_t y = 0; y < b->guards.n; y++) {
			struct conj when = a->guards.c[x], feature = {.ids = {a->feature}, .n = 1};
			if (!conj_append(&when, &b->guards.c[y]) || !conj_append(&when, &feature))
				continue;
			add_rule(fs, &when, (long)b->feature, false, fs->db->params[a->feature].name, a->from);
			fs->rules[fs->n_rules - 1].entails = b->from;
			fs->n_entailed++;
		}
}

static void read_entailed(struct feature_set *fs, const struct cond *const *constraints, size_t n)
{
	struct field_atom *atoms = xmalloc((n ? n : 1) * sizeof(*atoms));
	size_t n_atoms = 0;
	for (size_t i = 0; i < n; i++)
		if (read_field_atom(fs, constraints[i], &atoms[n_atoms]))
			n_atoms++;
	for (size_t i = 0; i < n_atoms; i++)
		for (size_t j = 0; j < n_atoms; j++)
			if (atoms[i].feature != atoms[j].feature && entails_via(atoms[i].expr, atoms[j].expr, atoms[i].expr))
				add_entailed(fs, &atoms[i], &atoms[j]);
	free(atoms);
}

static void read_rules(struct feature_set *fs)
{
	const struct feature_db *db = fs->db;
	const struct cond **all = NULL;
	size_t n_all = 0, cap_all = 0;
	for (size_t i = 0; i < db->n_params; i++)
		for (size_t k = 0; k < db->params[i].n_constraints; k++) {
			read_constraint(fs, db->params[i].constraints[k], db->params[i].name);
			*VEC_PUSH(all, n_all, cap_all) = db->params[i].constraints[k];
		}
	for (size_t k = 0; k < db->n_constraints; k++) {
		read_constraint(fs, db->constraints[k], NULL);
		*VEC_PUSH(all, n_all, cap_all) = db->constraints[k];
	}
	read_entailed(fs, all, n_all);
	free(all);
}

/* ---- closure ---- */

static bool rule_fires(const bool *on, const struct feature_rule *r)
{
	for (size_t k = 0; k < r->n_when; k++)
		if (!on[r->when[k]])
			return false;
	return true;
}

static bool all_on(const bool *on, const size_t *ids, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!on[ids[k]])
			return false;
	return true;
}

static bool choice_met(const bool *on, const struct feature_rule *r)
{
	for (size_t k = 0; k < r->n_alts; k++)
		if (all_on(on, r->alts[k], r->n_alt[k]))
			return true;
	return false;
}

/* One pass over the implications Features.json states (entailed false)
 * or those the ID fields entail. Returns the first that would turn on a
 * forbidden feature, else -1. */
static long sweep(const struct feature_set *fs, bool *on, long *why, const bool *forbidden, bool entailed,
		  bool *changed)
{
	for (size_t i = 0; i < fs->n_rules; i++) {
		const struct feature_rule *r = &fs->rules[i];
		if (!feature_rule_implies(r) || (r->entails != NULL) != entailed || on[r->then] || !rule_fires(on, r))
			continue;
		if (forbidden[r->then])
			return (long)i;
		on[r->then] = true;
		if (why)
			why[r->then] = (long)i;
		*changed = true;
	}
	return -1;
}

/* Apply the implications until nothing changes (why may be NULL), the
 * stated ones first, so that a feature's reason is the constraint that
 * says so where there is one. Stops at the first that would turn on a
 * forbidden feature: its index, else -1. */
static long apply_implications(const struct feature_set *fs, bool *on, long *why, const bool *forbidden)
{
	for (bool changed = true; changed;) {
		changed = false;
		long hit;
		for (bool stated = true; stated;) {
			stated = false;
			if ((hit = sweep(fs, on, why, forbidden, false, &stated)) >= 0)
				return hit;
		}
		if ((hit = sweep(fs, on, why, forbidden, true, &changed)) >= 0)
			return hit;
	}
	return -1;
}

/* The first exclusion (v9Ap0 --> !FEAT_AA32EL1) the set breaks, or -1. */
static long broken_exclusion(const struct feature_set *fs, const bool *on)
{
	for (size_t i = 0; i < fs->n_rules; i++) {
		const struct feature_rule *r = &fs->rules[i];
		if (r->negated && on[r->then] && rule_fires(on, r))
			return (long)i;
	}
	return -1;
}

/* A choice the set does not meet is met by the alternative that adds the
 * fewest features with what it implies (the first named on a tie), among
 * those that turn on nothing --no-feature forbids and break no exclusion:
 * FEAT_SVE_PMULL128 --> (FEAT_SVE2 || FEAT_SSVE_AES) takes FEAT_SVE2.
 * Returns the alternative, or -1 when none can be taken. */
static long choose(const struct feature_set *fs, const struct feature_rule *r, const bool *forbidden)
{
	bool *trial = xmalloc(fs->n ? fs->n : 1);
	long best = -1;
	size_t best_cost = 0;
	for (size_t k = 0; k < r->n_alts; k++) {
		memcpy(trial, fs->on, fs->n);
		bool usable = true;
		for (size_t j = 0; j < r->n_alt[k]; j++) {
			usable &= !forbidden[r->alts[k][j]];
			trial[r->alts[k][j]] = true;
		}
		if (!usable || apply_implications(fs, trial, NULL, forbidden) >= 0 || broken_exclusion(fs, trial) >= 0)
			continue;
		size_t cost = 0;
		for (size_t i = 0; i < fs->n; i++)
			cost += trial[i] && !fs->on[i];
		if (best < 0 || cost < best_cost) {
			best = (long)k;
			best_cost = cost;
		}
	}
	free(trial);
	return best;
}

static void report_rule(struct diag *d, const char *kind, const char *before, const struct feature_rule *r,
			const char *after)
{
	struct strbuf msg = {0};
	sb_add(&msg, before);
	cond_print(&msg, r->from);
	if (r->entails) {
		sb_add(&msg, ", which entails ");
		cond_print(&msg, r->entails);
	}
	sb_add(&msg, after);
	diag_error_kind(d, NULL, kind, "%s", msg.s);
	sb_free(&msg);
}

static bool close_set(struct feature_set *fs, bool *forbidden, struct diag *d)
{
	bool ok = true;
	for (;;) {
		long hit;
		while ((hit = apply_implications(fs, fs->on, fs->why, forbidden)) >= 0) {
			const struct feature_rule *r = &fs->rules[hit];
			struct strbuf before = {0};
			sb_printf(&before, "--no-feature %s: it is implied by ", fs->db->params[r->then].name);
			report_rule(d, "implied feature left out", before.s, r, "");
			sb_free(&before);
			ok = false;
			forbidden[r->then] = false; /* reported once; the set is not used */
			fs->on[r->then] = true;
		}
		size_t i = 0;
		while (i < fs->n_rules && !(fs->rules[i].n_alts && rule_fires(fs->on, &fs->rules[i]) &&
					    !choice_met(fs->on, &fs->rules[i])))
			i++;
		if (i == fs->n_rules)
			break;
		const struct feature_rule *r = &fs->rules[i];
		long k = choose(fs, r, forbidden);
		if (k < 0) {
			report_rule(d, "no alternative left", "the feature set needs one of the alternatives of ", r,
				    ", and each is left out by --no-feature or breaks an exclusion");
			return false;
		}
		for (size_t j = 0; j < r->n_alt[k]; j++)
			if (!fs->on[r->alts[k][j]]) {
				fs->on[r->alts[k][j]] = true;
				fs->why[r->alts[k][j]] = (long)i;
			}
	}
	for (size_t i = 0; i < fs->n_rules; i++) {
		const struct feature_rule *r = &fs->rules[i];
		if (!r->negated || !fs->on[r->then] || !rule_fires(fs->on, r))
			continue;
		struct strbuf before = {0};
		sb_printf(&before, "the feature set has %s, which ", fs->db->params[r->then].name);
		report_rule(d, "excluded feature", before.s, r, " excludes");
		sb_free(&before);
		ok = false;
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
	for (size_t i = 0; i < fs->n_rules; i++) {
		free(fs->rules[i].when);
		for (size_t k = 0; k < fs->rules[i].n_alts; k++)
			free(fs->rules[i].alts[k]);
		free(fs->rules[i].alts);
		free(fs->rules[i].n_alt);
	}
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
