// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* ID registers and the features they publish (idregs.h).
 *
 * Features.json says most features as "guard --> (FEAT_X <-> expr)", expr
 * comparing ID fields read with UInt() or SInt():
 *   FEAT_AA64EL1 --> (FEAT_PMULL <-> UInt(ID_AA64ISAR0_EL1.AES) >= 2)
 *   FEAT_AA64EL1 --> (FEAT_TGran4K <-> SInt(ID_AA64MMFR0_EL1.TGran4) >= 0)
 * so TGran4 = 0b1111 is -1: 4 KB granules not supported. Some exprs read
 * two fields (FEAT_RASv1p1: RAS >= 2, or RAS == 1 and RAS_frac >= 1), some
 * a feature as well (FEAT_S2TGran4K: TGran4_2 == 0 and FEAT_TGran4K). */
#include "idregs.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the ID registers and their fields ---- */

static bool is_id_register(const struct gen_reg *g)
{
	return g->op0 == 3 && g->op1 == 0 && g->crn == 0 && !g->alias_of;
}

/* The layout for the feature set: the first whose condition holds, else
 * the first that is not false (ID_PFR0_EL1 has one "When AArch32 is
 * supported" and an UNKNOWN one otherwise). */
static const struct fieldset *choose_fieldset(const struct reg *r, const struct feature_set *fs)
{
	const struct fieldset *maybe = NULL;
	if (!fs->active) { /* decode without a feature set: the layout that names most fields */
		for (size_t i = 0; i < r->n_fieldsets; i++)
			if (!maybe || fieldset_named_fields(&r->fieldsets[i]) > fieldset_named_fields(maybe))
				maybe = &r->fieldsets[i];
		return maybe;
	}
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		enum tri t = cond_eval(r->fieldsets[i].cond, feature_set_lookup, fs);
		if (t == TRI_TRUE)
			return &r->fieldsets[i];
		if (t != TRI_FALSE && !maybe)
			maybe = &r->fieldsets[i];
	}
	return maybe;
}

static void add_id_reg(struct idregs *ir, const struct reg *reg, const char *name, const struct accessor *acc,
		       const struct gen_reg *g, const struct feature_set *fs)
{
	const struct fieldset *fset = choose_fieldset(reg, fs);
	struct id_reg *r = VEC_PUSH(ir->regs, ir->n_regs, ir->cap_regs);
	r->name = name;
	r->acc = acc;
	r->g = g;
	size_t cap = 0;
	for (size_t i = 0; fset && i < fset->n_fields; i++) {
		const struct field *f = &fset->fields[i];
		if (!f->name || f->n_ranges != 1 || !is_c_identifier(f->name))
			continue; /* reserved bits; ID registers have no split fields */
		struct id_field *x = VEC_PUSH(r->fields, r->n_fields, cap);
		x->name = f->name;
		x->msb = f->ranges[0].msb;
		x->lsb = f->ranges[0].lsb;
		x->spec = f;
	}
}

static struct id_reg *find_reg(const struct idregs *ir, const char *name)
{
	for (size_t i = 0; i < ir->n_regs; i++)
		if (strcmp(ir->regs[i].name, name) == 0)
			return &ir->regs[i];
	return NULL;
}

static struct id_field *find_field(const struct id_reg *r, const char *name)
{
	for (size_t i = 0; r && i < r->n_fields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

static int field_width(const struct id_field *f)
{
	return f->msb - f->lsb + 1;
}

static uint64_t field_mask(const struct id_field *f)
{
	int w = field_width(f);
	return w >= 64 ? ~0ull : (1ull << w) - 1;
}

/* The raw bits read as UInt() or SInt() reads them. */
static long field_read(const struct id_field *f, uint64_t raw, bool is_signed)
{
	int w = field_width(f);
	if (is_signed && w < 64 && (raw >> (w - 1)) & 1)
		return (long)raw - (long)(1ull << w);
	return (long)raw;
}

/* The raw bits as the field's signedness reads them. */
static long field_interpret(const struct id_field *f, uint64_t raw)
{
	return field_read(f, raw, f->is_signed);
}

/* "0b0101", by the model's grammar of encoding values (model.c) */
static bool bits_value(const char *s, size_t len, uint64_t *out)
{
	char buf[40];
	unsigned v;
	if (len < 3 || len >= sizeof(buf) || s[0] != '0' || s[1] != 'b')
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (enc_value_eval(buf, NULL, -1, &v) != ENC_OK)
		return false;
	*out = v;
	return true;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/* The values the spec defines for the field ("0b0000", "0b0001..0b1111"),
 * in its order; every value of its width when it defines none. */
static void read_candidates(struct idregs *ir, struct id_field *x)
{
	const struct field *f = x->spec;
	size_t n = 0, cap = 1u << (field_width(x) > 8 ? 8 : field_width(x));
	long *c = arena_alloc(&ir->arena, cap * sizeof(*c));
	for (size_t i = 0; i < f->n_values; i++) {
		const char *v = f->values[i], *dots = strstr(v, "..");
		uint64_t lo, hi;
		if (dots ? !(bits_value(v, (size_t)(dots - v), &lo) && bits_value(dots + 2, strlen(dots + 2), &hi))
			 : !bits_value(v, strlen(v), &lo))
			continue;
		if (!dots)
			hi = lo;
		for (uint64_t k = lo; k <= hi && k <= field_mask(x) && n < cap; k++)
			c[n++] = field_interpret(x, k);
	}
	if (n == 0)
		for (uint64_t k = 0; k < cap; k++)
			c[n++] = field_interpret(x, k);
	qsort(c, n, sizeof(*c), cmp_long);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (kept == 0 || c[kept - 1] != c[i])
			c[kept++] = c[i];
	x->candidates = c;
	x->n_candidates = kept;
	x->value = x->constrained ? c[0] : 0; /* nothing asks for more */
}

/* ---- the constraints that read ID fields ---- */

/* UInt(REG.FIELD) or SInt(REG.FIELD): the field, and whether signed */
static bool field_call(const struct cond *c, const struct cond **field, bool *is_signed)
{
	if (!c || c->kind != COND_CALL || c->n_args != 1 || c->args[0]->kind != COND_FIELD)
		return false;
	if (strcmp(c->name, "UInt") != 0 && strcmp(c->name, "SInt") != 0)
		return false;
	*field = c->args[0];
	*is_signed = c->name[0] == 'S';
	return true;
}

/* The fields the condition reads, in order (up to `max` kept in `out`,
 * which may be NULL): how many, or -1 when one is not an ID field here. */
static long read_fields(const struct idregs *ir, const struct cond *c, struct id_field **out, size_t max)
{
	if (!c)
		return 0;
	const struct cond *fc;
	bool is_signed;
	if (field_call(c, &fc, &is_signed)) {
		struct id_field *f = find_field(find_reg(ir, fc->name), fc->field);
		if (!f)
			return -1;
		if (out && max)
			out[0] = f;
		return 1;
	}
	long n = 0;
	for (size_t i = 0; i < c->n_args; i++) {
		long k = read_fields(ir, c->args[i], out ? out + n : NULL, max > (size_t)n ? max - (size_t)n : 0);
		if (k < 0)
			return -1;
		n += k;
	}
	return n;
}

/* Mark the fields an expr reads as constrained, and signed where SInt()
 * reads them. */
static void mark_fields(const struct idregs *ir, const struct cond *c)
{
	const struct cond *fc;
	bool is_signed;
	if (!c)
		return;
	if (field_call(c, &fc, &is_signed)) {
		struct id_field *f = find_field(find_reg(ir, fc->name), fc->field);
		f->constrained = true;
		f->is_signed |= is_signed;
		return;
	}
	for (size_t i = 0; i < c->n_args; i++)
		mark_fields(ir, c->args[i]);
}

static bool names_feature(const struct feature_set *fs, const struct cond *c)
{
	return c && (c->kind == COND_IDENT || c->kind == COND_FEATURE) && feature_set_find(fs, c->name) >= 0;
}

static void read_rule(struct idregs *ir, const struct cond *c, const char *owner)
{
	const struct cond *guards[16];
	size_t n_guards = 0;
	const struct cond *body = c;
	while (body && body->kind == COND_IMPLIES) {
		if (n_guards == ARRAY_LEN(guards)) { /* a rule cut short would fire where it should not */
			ir->skipped_rules++;
			return;
		}
		guards[n_guards++] = body->args[0];
		body = body->args[1];
	}
	const char *feature = NULL;
	const struct cond *expr = body;
	if (body && body->kind == COND_IFF && names_feature(ir->fs, body->args[0])) {
		feature = body->args[0]->name;
		expr = body->args[1];
	} else if (body && body->kind == COND_IFF && names_feature(ir->fs, body->args[1])) {
		feature = body->args[1]->name;
		expr = body->args[0];
	}
	long n = read_fields(ir, expr, NULL, 0);
	if (n == 0)
		return; /* an implication between features: features.c's */
	for (size_t i = 0; i < n_guards; i++)
		if (read_fields(ir, guards[i], NULL, 0) != 0)
			n = -1;
	if (n < 0) {
		ir->skipped_rules++; /* reads a field of no ID register here: PMU.PMDEVID, ID_PFR0 (AArch32) */
		return;
	}
	mark_fields(ir, expr);
	struct id_rule *r = VEC_PUSH(ir->rules, ir->n_rules, ir->cap_rules);
	r->fields = arena_alloc(&ir->arena, (size_t)n * sizeof(*r->fields)); /* once: the solver reads them often */
	r->n_fields = (size_t)read_fields(ir, expr, r->fields, (size_t)n);
	r->guards = arena_alloc(&ir->arena, (n_guards ? n_guards : 1) * sizeof(*r->guards));
	memcpy(r->guards, guards, n_guards * sizeof(*guards));
	r->n_guards = n_guards;
	r->expr = expr;
	r->feature = feature;
	r->feature_index = feature ? feature_set_find(ir->fs, feature) : -1;
	r->from = c;
	r->owner = owner;
}

static bool enc_is(const struct accessor *a, const char *field, unsigned want)
{
	const char *v = accessor_enc(a, field);
	unsigned n;
	return v && enc_value_eval(v, NULL, -1, &n) == ENC_OK && n == want;
}

/* AArch32's ID registers: MRC p15, 0, <Rt>, c0, ... (ID_PFR0 at
 * 15,0,0,1,0), and the Media and VFP Feature Registers, which VMRS reads
 * (MVFR0 is reg=7). */
static const struct accessor *aarch32_id_accessor(const struct reg *r)
{
	for (size_t i = 0; r->state == STATE_AARCH32 && r->is_register && i < r->n_accessors; i++) {
		const struct accessor *a = &r->accessors[i];
		if (a->kind == ACC_MRC && enc_is(a, "coproc", 15) && enc_is(a, "opc1", 0) && enc_is(a, "CRn", 0))
			return a;
		if (a->kind == ACC_VMRS && strncmp(r->name, "MVFR", 4) == 0)
			return a;
	}
	return NULL;
}

static int cmp_id_reg(const void *a, const void *b)
{
	const struct id_reg *x = a, *y = b;
	return natural_cmp(x->name, y->name);
}

void idregs_build(struct idregs *ir, const struct model *m, const struct reg_view *view, const struct feature_set *fs,
		  bool aarch32)
{
	memset(ir, 0, sizeof(*ir));
	ir->fs = fs;
	ir->aarch32 = aarch32;
	for (size_t i = 0; !aarch32 && i < view->n; i++)
		if (is_id_register(&view->regs[i]))
			add_id_reg(ir, view->regs[i].reg, view->regs[i].name, view->regs[i].primary, &view->regs[i], fs);
	for (size_t i = 0; aarch32 && i < m->n_regs; i++) {
		const struct accessor *a = aarch32_id_accessor(&m->regs[i]);
		if (a)
			add_id_reg(ir, &m->regs[i], m->regs[i].name, a, NULL, fs);
	}
	if (aarch32 && ir->n_regs) /* in name order; the view sorts AArch64 by encoding */
		qsort(ir->regs, ir->n_regs, sizeof(*ir->regs), cmp_id_reg);
	const struct feature_db *db = &m->features;
	for (size_t i = 0; i < db->n_params; i++)
		for (size_t k = 0; k < db->params[i].n_constraints; k++)
			read_rule(ir, db->params[i].constraints[k], db->params[i].name);
	for (size_t k = 0; k < db->n_constraints; k++)
		read_rule(ir, db->constraints[k], NULL);
	for (size_t i = 0; i < ir->n_regs; i++)
		for (size_t k = 0; k < ir->regs[i].n_fields; k++)
			read_candidates(ir, &ir->regs[i].fields[k]);
}

void idregs_free(struct idregs *ir)
{
	for (size_t i = 0; i < ir->n_regs; i++)
		free(ir->regs[i].fields);
	free(ir->regs);
	free(ir->rules);
	arena_free(&ir->arena);
	memset(ir, 0, sizeof(*ir));
}

/* ---- evaluation over field values ---- */

/* Features are read from the feature set (solve) or from the verdicts so
 * far (decode); fields from their values, unknown where none was given.
 * cond.c evaluates; this answers its questions (env). */
struct eval_ctx {
	const struct idregs *ir;
	const enum id_verdict *verdict; /* decode; NULL: the feature set */
	bool need_known;                /* decode: a field of a register not given is unknown */
	const struct id_field *probe;   /* a field read as probe_value, not its own (value names) */
	long probe_value;
	struct cond_env env;            /* ctx is this struct: set up by eval_init(), never copied */
};

static enum feature_state ctx_feature(const void *ctx, const char *name)
{
	const struct eval_ctx *e = ctx;
	long i = feature_set_find(e->ir->fs, name);
	if (i < 0)
		return FEATURE_NOT_A_FEATURE;
	if (!e->verdict)
		return e->ir->fs->on[i] ? FEATURE_ON : FEATURE_OFF;
	return e->verdict[i] == ID_IMPLEMENTED ? FEATURE_ON
	       : e->verdict[i] == ID_NOT_IMPLEMENTED ? FEATURE_OFF : FEATURE_UNDECIDED;
}

static bool feature_on(const struct eval_ctx *e, const char *name)
{
	return ctx_feature(e, name) == FEATURE_ON;
}

static enum tri ctx_compare(const void *ctx, const struct cond *c);

static void eval_init(struct eval_ctx *e, const struct idregs *ir, const enum id_verdict *verdict, bool need_known)
{
	e->ir = ir;
	e->verdict = verdict;
	e->need_known = need_known;
	e->probe = NULL;
	e->probe_value = 0;
	e->env = (struct cond_env){ctx_feature, e, ctx_compare};
}

static enum tri eval(const struct eval_ctx *e, const struct cond *c)
{
	return cond_eval_env(c, &e->env);
}

static bool constant_value(const struct cond *c, long *v)
{
	uint64_t bits;
	if (c->kind == COND_INT) {
		*v = c->value;
		return true;
	}
	if (c->kind == COND_BITS && bits_value(c->name, strlen(c->name), &bits)) {
		*v = (long)bits;
		return true;
	}
	return false;
}

static bool compare(const char *op, long l, long r)
{
	if (strcmp(op, "==") == 0)
		return l == r;
	if (strcmp(op, "!=") == 0)
		return l != r;
	if (strcmp(op, ">=") == 0)
		return l >= r;
	if (strcmp(op, "<=") == 0)
		return l <= r;
	if (strcmp(op, ">") == 0)
		return l > r;
	return l < r; /* "<"; the caller checked the operator */
}

/* UInt(F) op K, SInt(F) op K, UInt(F) IN {...}: TRUE or FALSE from F's
 * value; UNKNOWN when F is not known or the form is another. */
static enum tri ctx_compare(const void *ctx, const struct cond *c)
{
	const struct eval_ctx *e = ctx;
	const struct cond *fc;
	bool is_signed;
	if (c->n_args != 2 || !field_call(c->args[0], &fc, &is_signed))
		return TRI_UNKNOWN;
	const struct id_reg *r = find_reg(e->ir, fc->name);
	const struct id_field *f = find_field(r, fc->field);
	if (!f || (e->need_known && !f->known && f != e->probe))
		return TRI_UNKNOWN;
	long v = field_read(f, (uint64_t)(f == e->probe ? e->probe_value : f->value) & field_mask(f), is_signed);
	long k;
	if (strcmp(c->name, "IN") == 0 && c->args[1]->kind == COND_SET) {
		for (size_t i = 0; i < c->args[1]->n_args; i++)
			if (constant_value(c->args[1]->args[i], &k) && k == v)
				return TRI_TRUE;
		return TRI_FALSE;
	}
	static const char *const ops[] = {"==", "!=", ">=", "<=", ">", "<"};
	bool known_op = false;
	for (size_t i = 0; i < ARRAY_LEN(ops); i++)
		known_op |= strcmp(c->name, ops[i]) == 0;
	if (!known_op || !constant_value(c->args[1], &k))
		return TRI_UNKNOWN;
	return compare(c->name, v, k) ? TRI_TRUE : TRI_FALSE;
}

static enum tri guards_hold(const struct eval_ctx *e, const struct id_rule *r)
{
	enum tri acc = TRI_TRUE;
	for (size_t i = 0; i < r->n_guards; i++) {
		enum tri t = eval(e, r->guards[i]);
		if (t == TRI_FALSE)
			return TRI_FALSE;
		if (t != TRI_TRUE)
			acc = TRI_UNKNOWN;
	}
	return acc;
}

/* ---- feature set -> values ---- */

/* The feature a rule speaks of: FEAT_X of "FEAT_X <-> expr", or, for
 * "FEAT_AA64EL1 --> (FEAT_UAO --> UInt(ID_AA64MMFR2_EL1.UAO) >= 1)", the
 * innermost guard when it is a feature. */
static const char *rule_feature(const struct idregs *ir, const struct id_rule *r)
{
	if (r->feature)
		return r->feature;
	if (r->n_guards && names_feature(ir->fs, r->guards[r->n_guards - 1]))
		return r->guards[r->n_guards - 1]->name;
	return NULL;
}


/* What the rule wants its expr to be: its feature's state (TRUE for a rule
 * without one). */
static enum tri wanted(const struct idregs *ir, const struct id_rule *r)
{
	return r->feature_index < 0 || ir->fs->on[r->feature_index] ? TRI_TRUE : TRI_FALSE;
}


static bool rule_holds(const struct idregs *ir, const struct eval_ctx *e, const struct id_rule *r)
{
	if (guards_hold(e, r) != TRI_TRUE)
		return true;
	enum tri got = eval(e, r->expr);
	return !(got == TRI_TRUE || got == TRI_FALSE) || got == wanted(ir, r);
}

/* Which rules hold now. */
static void rules_holding(const struct idregs *ir, const struct eval_ctx *e, bool *held)
{
	for (size_t i = 0; i < ir->n_rules; i++)
		held[i] = rule_holds(ir, e, &ir->rules[i]);
}

/* The first rule that held and no longer does, or NULL. */
static const struct id_rule *broken_rule(const struct idregs *ir, const struct eval_ctx *e, const bool *held)
{
	for (size_t i = 0; i < ir->n_rules; i++)
		if (held[i] && !rule_holds(ir, e, &ir->rules[i]))
			return &ir->rules[i];
	return NULL;
}

/* Does the change hold the rule without breaking another? The first one it
 * would break is kept for the message. */
static bool change_holds(const struct idregs *ir, const struct eval_ctx *e, const struct id_rule *r, enum tri want,
			 const bool *held, const struct id_rule **blocker)
{
	if (eval(e, r->expr) != want)
		return false;
	const struct id_rule *broken = broken_rule(ir, e, held);
	if (broken && !*blocker)
		*blocker = broken;
	return !broken;
}

/* The rule's expr as alternatives of conjunctions of atoms (field
 * comparisons, features): FEAT_NV2's "NV_frac >= 1 && NV == 0 || NV >= 2"
 * is two. false when it has more than fit. */
enum { MAX_ALTS = 16, MAX_ATOMS = 8 };
struct alt {
	const struct cond *atom[MAX_ATOMS];
	size_t n;
};

static bool alternatives(const struct cond *c, struct alt *out, size_t *n)
{
	if (c->kind == COND_OR) {
		for (size_t i = 0; i < c->n_args; i++)
			if (!alternatives(c->args[i], out, n))
				return false;
		return true;
	}
	if (c->kind == COND_AND) {
		struct alt acc[MAX_ALTS] = {{{0}, 0}};
		size_t n_acc = 1;
		for (size_t i = 0; i < c->n_args; i++) {
			struct alt part[MAX_ALTS], next[MAX_ALTS];
			size_t n_part = 0, n_next = 0;
			if (!alternatives(c->args[i], part, &n_part))
				return false;
			for (size_t x = 0; x < n_acc; x++) {
				for (size_t y = 0; y < n_part; y++) {
					if (n_next == MAX_ALTS || acc[x].n + part[y].n > MAX_ATOMS)
						return false;
					next[n_next] = acc[x];
					memcpy(next[n_next].atom + acc[x].n, part[y].atom, part[y].n * sizeof(*part[y].atom));
					next[n_next++].n = acc[x].n + part[y].n;
				}
			}
			memcpy(acc, next, n_next * sizeof(*next));
			n_acc = n_next;
		}
		if (*n + n_acc > MAX_ALTS)
			return false;
		memcpy(out + *n, acc, n_acc * sizeof(*acc));
		*n += n_acc;
		return true;
	}
	if (*n == MAX_ALTS)
		return false;
	out[*n].atom[0] = c;
	out[(*n)++].n = 1;
	return true;
}

/* Make one atom true by raising its field to the smallest value that does. */
static bool satisfy_atom(struct idregs *ir, const struct eval_ctx *e, const struct cond *atom)
{
	if (eval(e, atom) == TRI_TRUE)
		return true;
	struct id_field *f[1];
	if (atom->kind != COND_CMP || read_fields(ir, atom, f, 1) != 1)
		return false; /* a feature, which the set decides */
	for (size_t k = 0; k < f[0]->n_candidates; k++) {
		if (f[0]->candidates[k] <= f[0]->value)
			continue;
		f[0]->value = f[0]->candidates[k];
		if (eval(e, atom) == TRI_TRUE)
			return true;
	}
	return false;
}

/* The values of the fields a rule reads, to undo a change. */
struct saved_values {
	struct id_field **f;
	long *v;
	size_t n;
};

static void save_values(const struct id_rule *r, struct saved_values *s)
{
	s->f = r->fields;
	s->n = r->n_fields;
	s->v = xcalloc(s->n + 1, sizeof(*s->v));
	for (size_t i = 0; i < s->n; i++)
		s->v[i] = s->f[i]->value;
}

static void restore_values(struct saved_values *s)
{
	for (size_t i = s->n; i-- > 0;)
		s->f[i]->value = s->v[i];
}

/* Where the rule's expr is not what it wants, raise the fields it reads:
 * for a feature in the set, the smallest of its alternatives that holds
 * (fewest atoms first: FEAT_NV2 takes NV = 2 rather than NV_frac = 1 and
 * NV = 0); for one outside it, the smallest raise of one field that makes
 * the expr false (TGran4_2 = 1: stage 2 does not take 4 KB granules).
 * Values only go up, and a change that breaks another rule is undone. */
static bool raise_for(struct idregs *ir, const struct eval_ctx *e, const struct id_rule *r, enum tri want,
		      const struct id_rule **blocker)
{
	struct saved_values saved;
	save_values(r, &saved);
	bool *held = xcalloc(ir->n_rules + 1, sizeof(*held));
	rules_holding(ir, e, held);
	bool done = false;
	if (want == TRI_TRUE) {
		struct alt alts[MAX_ALTS];
		size_t n = 0;
		bool fits = alternatives(r->expr, alts, &n);
		for (size_t size = 1; fits && size <= MAX_ATOMS && !done; size++) {
			for (size_t i = 0; i < n && !done; i++) {
				if (alts[i].n != size)
					continue;
				bool ok = true;
				for (size_t k = 0; k < alts[i].n && ok; k++)
					ok = satisfy_atom(ir, e, alts[i].atom[k]);
				done = ok && change_holds(ir, e, r, want, held, blocker);
				if (!done)
					restore_values(&saved);
			}
		}
	}
	for (size_t i = 0; want == TRI_FALSE && i < saved.n && !done; i++) {
		struct id_field *f = saved.f[i];
		for (size_t k = 0; k < f->n_candidates && !done; k++) {
			if (f->candidates[k] <= saved.v[i])
				continue;
			f->value = f->candidates[k];
			done = change_holds(ir, e, r, want, held, blocker);
		}
		if (!done)
			restore_values(&saved);
	}
	free(held);
	for (size_t i = 0; done && i < saved.n; i++)
		if (saved.f[i]->value != saved.v[i])
			saved.f[i]->set_by = r;
	free(saved.v);
	return done;
}

static void report_conflict(const struct idregs *ir, const struct id_rule *r, const struct id_rule *blocker,
			    struct diag *d)
{
	struct strbuf text = {0}, other = {0};
	cond_print(&text, r->from);
	if (blocker) {
		const char *f = rule_feature(ir, blocker);
		struct eval_ctx e;
		eval_init(&e, ir, NULL, false);
		sb_printf(&other, "; the values that would hold it make this one fail (%s %s the set): ",
			  f ? f : "a rule of the architecture", !f ? "of" : feature_on(&e, f) ? "is in" : "is not in");
		cond_print(&other, blocker->from);
	}
	for (size_t i = 0; i < r->n_fields; i++) {
		const struct id_field *f = r->fields[i];
		if (!f->set_by || f->set_by == r)
			continue;
		sb_printf(&other, "; %s = %ld was set for the constraint of %s: ", f->name, f->value,
			  f->set_by->owner ? f->set_by->owner : "the architecture");
		cond_print(&other, f->set_by->from);
	}
	diag_error(d, NULL, "no ID register values present this feature set: %s is %s, but its constraint cannot hold: %s%s",
		   r->feature ? r->feature : "the architecture", wanted(ir, r) == TRI_TRUE ? "in it" : "not in it", text.s,
		   other.s ? other.s : "");
	sb_free(&text);
	sb_free(&other);
}

/* A feature named in the request whose every constraint on ID fields is
 * guarded by features outside the set is in the set but no ID register
 * shows it: FEAT_SVE_PMULL128 without FEAT_SVE or FEAT_SME. Say so. */
static void warn_unpresented(const struct idregs *ir, const struct eval_ctx *e, struct diag *d)
{
	const struct feature_set *fs = ir->fs;
	for (size_t i = 0; i < fs->n; i++) {
		if (!fs->on[i] || fs->why[i] != WHY_NAMED)
			continue;
		const struct id_rule *blocked = NULL;
		bool shown = false;
		for (size_t k = 0; k < ir->n_rules && !shown; k++) {
			if (ir->rules[k].feature_index != (long)i)
				continue;
			if (guards_hold(e, &ir->rules[k]) == TRI_TRUE)
				shown = true;
			else if (!blocked)
				blocked = &ir->rules[k];
		}
		if (shown || !blocked)
			continue;
		struct strbuf text = {0};
		cond_print(&text, blocked->from);
		diag_warning(d, NULL, "%s is in the set, but no ID register shows it: its constraint needs what the set lacks: %s",
			     fs->db->params[i].name, text.s);
		sb_free(&text);
	}
}

bool idregs_solve(struct idregs *ir, struct diag *d)
{
	struct eval_ctx e;
	eval_init(&e, ir, NULL, false);
	const struct id_rule **blocker = xcalloc(ir->n_rules + 1, sizeof(*blocker));
	for (int pass = 0; pass < 64; pass++) {
		bool changed = false;
		for (size_t i = 0; i < ir->n_rules; i++) {
			const struct id_rule *r = &ir->rules[i];
			if (guards_hold(&e, r) != TRI_TRUE)
				continue;
			enum tri want = wanted(ir, r), got = eval(&e, r->expr);
			if (got != want && (got == TRI_TRUE || got == TRI_FALSE))
				changed |= raise_for(ir, &e, r, want, &blocker[i]);
		}
		if (!changed)
			break;
	}
	bool ok = true;
	for (size_t i = 0; i < ir->n_rules; i++) {
		const struct id_rule *r = &ir->rules[i];
		enum tri got = eval(&e, r->expr);
		if (guards_hold(&e, r) == TRI_TRUE && (got == TRI_TRUE || got == TRI_FALSE) && got != wanted(ir, r)) {
			report_conflict(ir, r, blocker[i], d);
			ok = false;
		}
	}
	free(blocker);
	warn_unpresented(ir, &e, d);
	return ok;
}

size_t id_field_features(const struct idregs *ir, const struct id_field *f, const char **out, size_t max)
{
	struct eval_ctx e;
	eval_init(&e, ir, NULL, false);
	size_t n = 0;
	for (size_t i = 0; i < ir->n_rules && n < max; i++) {
		const struct id_rule *r = &ir->rules[i];
		const char *feature = rule_feature(ir, r);
		if (!feature || !feature_on(&e, feature) || guards_hold(&e, r) != TRI_TRUE)
			continue;
		bool reads = false;
		for (size_t k = 0; k < r->n_fields; k++)
			reads |= r->fields[k] == f;
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= strcmp(out[k], feature) == 0;
		if (reads && !seen && eval(&e, r->expr) == TRI_TRUE)
			out[n++] = feature;
	}
	return n;
}

/* Does the expression read a feature ((FEAT_LPA2 && FEAT_TGran4K) <->
 * SInt(TGran4) >= 1), not only fields? */
static bool reads_feature(const struct feature_set *fs, const struct cond *c, int depth)
{
	if (!c || depth > 64)
		return c != NULL;
	if (c->kind == COND_FEATURE || names_feature(fs, c))
		return true;
	for (size_t i = 0; i < c->n_args; i++)
		if (reads_feature(fs, c->args[i], depth + 1))
			return true;
	return false;
}

size_t id_field_value_features(const struct idregs *ir, const struct id_field *f, long value, const char **out,
				size_t max)
{
	struct eval_ctx e;
	eval_init(&e, ir, NULL, false);
	e.probe = f;
	e.probe_value = value;
	size_t n = 0;
	for (size_t i = 0; i < ir->n_rules && n < max; i++) {
		const struct id_rule *r = &ir->rules[i];
		const char *feature = rule_feature(ir, r);
		bool reads = false; /* the field, the others at their lowest values (FEAT_PAuth: API, APA or APA3) */
		for (size_t k = 0; k < r->n_fields; k++)
			reads |= r->fields[k] == f;
		bool seen = !feature;
		for (size_t k = 0; feature && k < n; k++)
			seen |= strcmp(out[k], feature) == 0;
		if (reads && !seen && !reads_feature(ir->fs, r->expr, 0) && eval(&e, r->expr) == TRI_TRUE)
			out[n++] = feature;
	}
	return n;
}

uint64_t id_reg_value(const struct id_reg *r)
{
	uint64_t v = 0;
	for (size_t i = 0; i < r->n_fields; i++)
		v |= ((uint64_t)r->fields[i].value & field_mask(&r->fields[i])) << r->fields[i].lsb;
	return v;
}

uint64_t id_reg_decided_mask(const struct id_reg *r)
{
	uint64_t m = 0;
	for (size_t i = 0; i < r->n_fields; i++)
		if (r->fields[i].constrained)
			m |= field_mask(&r->fields[i]) << r->fields[i].lsb;
	return m;
}

/* ---- values -> features ---- */

struct id_reg *idregs_find(struct idregs *ir, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < ir->n_regs; i++) {
		const char *n = ir->regs[i].name;
		if (strcasecmp(n, name) == 0 || (strncasecmp(n, name, len) == 0 && strcasecmp(n + len, "_EL1") == 0))
			return &ir->regs[i];
	}
	return NULL;
}

struct id_reg *idregs_find_kvm(struct idregs *ir, uint64_t kvm_id)
{
	for (size_t i = 0; i < ir->n_regs; i++)
		if (ir->regs[i].g && gen_kvm_id64(ir->regs[i].g) == kvm_id)
			return &ir->regs[i];
	return NULL;
}

static bool is_defined(const struct id_field *f)
{
	for (size_t i = 0; i < f->n_candidates; i++)
		if (f->candidates[i] == f->value)
			return true;
	return false;
}

/* A field read with a value the spec does not define is not guessed at:
 * it is reported, and decides nothing. */
void id_reg_give(struct id_reg *r, uint64_t value, uint64_t known)
{
	r->given = true;
	r->given_value = value;
	r->given_known = known;
	for (size_t i = 0; i < r->n_fields; i++) {
		struct id_field *f = &r->fields[i];
		f->value = field_interpret(f, (value >> f->lsb) & field_mask(f));
		bool all_bits = ((known >> f->lsb) & field_mask(f)) == field_mask(f);
		f->undefined = all_bits && !is_defined(f);
		f->known = all_bits && !f->undefined;
	}
}


/* "FEAT_AA64EL1 --> (FEAT_UAO --> UAO >= 1)" says nothing when UAO >= 1
 * (no guess), but UAO = 0 rules FEAT_UAO out. */
static bool decode_one_way(const struct idregs *ir, const struct eval_ctx *e, const struct id_rule *r,
			   struct id_decoded *out)
{
	const char *feature = r->feature ? NULL : rule_feature(ir, r);
	long k = feature ? feature_set_find(ir->fs, feature) : -1;
	if (k < 0 || out->verdict[k] != ID_UNDECIDED)
		return false;
	for (size_t i = 0; i + 1 < r->n_guards; i++)
		if (eval(e, r->guards[i]) != TRI_TRUE)
			return false;
	if (eval(e, r->expr) != TRI_FALSE)
		return false;
	out->verdict[k] = ID_NOT_IMPLEMENTED;
	return true;
}

/* The features the values imply. The values are read at AArch64 EL1, so
 * FEAT_AA64, FEAT_AA64EL0 and FEAT_AA64EL1 hold (AArch32's at AArch32
 * EL1: FEAT_AA32, FEAT_AA32EL0, FEAT_AA32EL1); everything else comes
 * from the constraints, then from Features.json's implications between
 * features (FEAT_PMULL --> FEAT_AES). */
void idregs_decode(const struct idregs *ir, struct id_decoded *out)
{
	const struct feature_set *fs = ir->fs;
	memset(out, 0, sizeof(*out));
	out->n = fs->n;
	out->verdict = xcalloc(fs->n ? fs->n : 1, sizeof(*out->verdict));
	static const char *const seen_at_el1[2][3] = {{"FEAT_AA64", "FEAT_AA64EL0", "FEAT_AA64EL1"},
						       {"FEAT_AA32", "FEAT_AA32EL0", "FEAT_AA32EL1"}};
	for (size_t i = 0; i < ARRAY_LEN(seen_at_el1[0]); i++) {
		long k = feature_set_find(fs, seen_at_el1[ir->aarch32][i]);
		if (k >= 0)
			out->verdict[k] = ID_IMPLEMENTED;
	}
	struct eval_ctx e;
	eval_init(&e, ir, out->verdict, true);
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < ir->n_rules; i++) {
			const struct id_rule *r = &ir->rules[i];
			changed |= decode_one_way(ir, &e, r, out);
			if (r->feature_index < 0 || out->verdict[r->feature_index] != ID_UNDECIDED ||
			    guards_hold(&e, r) != TRI_TRUE)
				continue;
			enum tri t = eval(&e, r->expr);
			if (t == TRI_TRUE || t == TRI_FALSE) {
				out->verdict[r->feature_index] = t == TRI_TRUE ? ID_IMPLEMENTED : ID_NOT_IMPLEMENTED;
				changed = true;
			}
		}
		for (size_t i = 0; i < fs->n_rules; i++) {
			const struct feature_rule *r = &fs->rules[i];
			bool fires = feature_rule_implies(r) && out->verdict[r->then] == ID_UNDECIDED; /* the values' word stands */
			for (size_t k = 0; fires && k < r->n_when; k++)
				fires = out->verdict[r->when[k]] == ID_IMPLEMENTED;
			if (fires) {
				out->verdict[r->then] = ID_IMPLEMENTED;
				changed = true;
			}
		}
	}
	for (size_t i = 0; i < ir->n_regs; i++) {
		const struct id_reg *r = &ir->regs[i];
		uint64_t fields = 0;
		for (size_t k = 0; k < r->n_fields; k++)
			fields |= field_mask(&r->fields[k]) << r->fields[k].lsb;
		if (r->given && (r->given_value & r->given_known & ~fields))
			*VEC_PUSH(out->reserved, out->n_reserved, out->cap_reserved) =
				arena_printf(&out->arena, "%s = 0x%016llx: bits 0x%016llx are set, but no field holds them (RES0)",
					     r->name, (unsigned long long)r->given_value,
					     (unsigned long long)(r->given_value & r->given_known & ~fields));
		for (size_t k = 0; r->given && k < r->n_fields; k++)
			if (r->fields[k].undefined)
				*VEC_PUSH(out->reserved, out->n_reserved, out->cap_reserved) =
					arena_printf(&out->arena, "%s.%s = %ld: a value the spec does not define", r->name,
						     r->fields[k].name, r->fields[k].value);
	}
}

void id_decoded_free(struct id_decoded *dec)
{
	free(dec->verdict);
	free(dec->reserved);
	arena_free(&dec->arena);
}
