/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Conditions: one expression tree for both front ends.
 *
 * The XML writes conditions as prose ("When FEAT_D128 is implemented and
 * TCR2_EL1.D128 == 1"); the JSON as an AST (AST.Function
 * IsFeatureImplemented(FEAT_D128), AST.BinaryOp, Types.Field). Both become
 * a struct cond. What cannot be parsed is kept as opaque text and evaluates
 * to unknown.
 */
#ifndef SYSREGGEN_COND_H
#define SYSREGGEN_COND_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum cond_kind {
	COND_BOOL,      /* value 0 or 1 */
	COND_FEATURE,   /* "FEAT_X is implemented", IsFeatureImplemented(FEAT_X); name */
	COND_NOT,       /* args[0] */
	COND_AND,       /* args[0..n): flattened, two or more */
	COND_OR,        /* args[0..n) */
	COND_IMPLIES,   /* args[0] --> args[1] (Features.json constraints) */
	COND_IFF,       /* args[0] <-> args[1] */
	COND_CMP,       /* args[0] name args[1]; name is "==", "!=", ">=", "<=", ">", "<", "IN" */
	COND_CALL,      /* name(args...): UInt(X), ELIsInHost(EL2) */
	COND_FIELD,     /* name.field: a register field, run-time state (TCR2_EL1.D128) */
	COND_IDENT,     /* name: EL2, n, a feature in Features.json constraints */
	COND_INT,       /* value */
	COND_BITS,      /* name: a bit string written 0b0101 (x bits allowed) */
	COND_SET,       /* {args...} */
	COND_OTHERWISE, /* XML "Otherwise": none of the alternatives before it */
	COND_OPAQUE,    /* name: text that could not be parsed */
};

struct cond {
	enum cond_kind kind;
	const char *name;
	const char *field;
	long value;
	struct cond **args;
	size_t n_args;
};

/* Nodes live in an arena (the model's). */
struct cond *cond_new(struct arena *a, enum cond_kind kind, const char *name);
struct cond *cond_binary(struct arena *a, enum cond_kind kind, const char *op, struct cond *l, struct cond *r);
void cond_add_arg(struct arena *a, struct cond *c, struct cond *arg);

/* Parse Arm's condition prose. Never fails: text it cannot read becomes a
 * COND_OPAQUE holding the text. `max_depth` bounds parenthesis nesting. */
struct cond *cond_parse_text(struct arena *a, const char *text, unsigned max_depth);

/* Canonical infix form, the same for both front ends:
 * FEAT_D128 && TCR2_EL1.D128 == 1; unparsed text as "?(text)". */
void cond_print(struct strbuf *out, const struct cond *c);
bool cond_is_true(const struct cond *c); /* NULL or literal TRUE */
bool cond_has_opaque(const struct cond *c);

/* Three-valued evaluation, with "runtime" telling apart what depends on
 * register state (TCR2_EL1.D128 == 1, ELIsInHost(EL2)) from what the spec
 * data cannot answer (opaque text, names that are not features). */
enum tri { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN, TRI_RUNTIME };
const char *tri_name(enum tri t);

/* Is `name` a feature, and is it in the set? */
enum feature_state {
	FEATURE_NOT_A_FEATURE,
	FEATURE_OFF,
	FEATURE_ON,
	FEATURE_UNDECIDED, /* a feature whose state is not known (decode, before the values decide it) */
};
typedef enum feature_state (*feature_lookup_fn)(const void *ctx, const char *name);
enum tri cond_eval(const struct cond *c, feature_lookup_fn lookup, const void *ctx);
/* The same, where the caller knows register fields' values (idregs.c: ID
 * fields solved for a feature set, or read from a CPU) and answers the
 * comparisons that read them. */
struct cond_env {
	feature_lookup_fn lookup;
	const void *ctx;
	enum tri (*compare)(const void *ctx, const struct cond *cmp); /* NULL: fields are run-time state */
};
enum tri cond_eval_env(const struct cond *c, const struct cond_env *env);

#endif
