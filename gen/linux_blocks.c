// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* The kernel's view of the registers (linux.h): layouts chosen, fields
 * named, enum values named, shared layouts found. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "idregs.h"
#include "linux.h"

enum { MAX_SLOTS = 128 }; /* a 64-bit layout has at most 64 slots; arrays fit too */

/* ---- the layout ---- */

/* With no feature set given: every feature of Features.json implemented,
 * so a layout "When FEAT_D128 ..." applies and one "when FEAT_AA32EL1 is
 * not implemented" does not (AArch64 with AArch32 support). The inactive
 * set still knows every feature's name. */
static enum feature_state every_feature(const void *ctx, const char *name)
{
	const struct feature_set *fs = ctx;
	return fs->by_name && feature_set_find(fs, name) >= 0 ? FEATURE_ON : FEATURE_NOT_A_FEATURE;
}

/* of the possible layouts, the one that names most fields */
static void consider(const struct fieldset *fs, const struct fieldset **best, size_t *possible)
{
	(*possible)++;
	if (!*best || fieldset_named_fields(fs) > fieldset_named_fields(*best))
		*best = fs;
}

/* The 64-bit layout for the feature set: of those whose condition is not
 * false, the one that names most fields (ID_PFR0_EL1: the layout "When
 * AArch32 is supported", not the UNKNOWN one; TTBR0_EL1: the 64-bit one,
 * the 128-bit one goes to linux-sysreg128.h). *several: how many were
 * possible. */
static const struct fieldset *choose_layout(const struct emit_context *g, const struct reg *r, size_t *several)
{
	const struct fieldset *best = NULL;
	*several = 0;
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		const struct fieldset *fs = &r->fieldsets[i];
		feature_lookup_fn lookup = g->fs->active ? feature_set_lookup : every_feature;
		if (fs->width == 64 && cond_eval(fs->cond, lookup, g->fs) != TRI_FALSE)
			consider(fs, &best, several);
	}
	/* PAR_EL1 with FEAT_D128: its 64-bit layouts are those "when FEAT_D128
	 * is not implemented"; linux-sysreg is the 64-bit view, the 128-bit
	 * layouts go to linux-sysreg128.h: of the 64-bit ones, the same choice */
	bool none = !best;
	for (size_t i = 0; none && r->width == 128 && i < r->n_fieldsets; i++)
		if (r->fieldsets[i].width == 64)
			consider(&r->fieldsets[i], &best, several);
	return best;
}

static const char *reserved_keyword(const char *rwtype)
{
	/* RAZ bits are Res0 to the kernel: they belong in the _RES0 mask */
	static const struct {
		const char *spec, *linux;
	} kinds[] = {{"RES0", "Res0"}, {"RES1", "Res1"}, {"UNKNOWN", "Unkn"}, {"RAZ", "Res0"},
		     {"RAZ/WI", "Res0"}, {"RAO", "Res1"}, {"RAO/WI", "Res1"}};
	for (size_t i = 0; rwtype && i < ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i].spec, rwtype) == 0)
			return kinds[i].linux;
	return NULL;
}

/* "BADDR[47:1]" -> "BADDR", "IMPLEMENTATION DEFINED" -> "IMPDEF", "Perm<m>"
 * -> "Perm" with *placeholder set: the name's identifier part, or NULL */
const char *linux_field_name(struct arena *a, const char *name, bool *placeholder)
{
	if (strcmp(name, "IMPLEMENTATION DEFINED") == 0)
		name = "IMPDEF";
	size_t n = strcspn(name, "[<");
	*placeholder = strchr(name + n, '<') != NULL;
	if (n == 0 || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return NULL;
	return arena_strndup(a, name, n);
}

/* "Perm<m>" with m = 3 -> "Perm3"; "Part<x>_Q" -> "Part3_Q" */
static const char *element_name(struct arena *a, const char *name, long index)
{
	const char *open = strchr(name, '<'), *close = open ? strchr(open, '>') : NULL;
	if (!close)
		return NULL;
	char *s = arena_printf(a, "%.*s%ld%s", (int)(open - name), name, index, close + 1);
	/* TRCQCTLR's "RANGE[<m>]": RANGE3 */
	size_t k = 0;
	for (size_t i = 0; s[i]; i++)
		if (s[i] != '[' && s[i] != ']')
			s[k++] = s[i];
	s[k] = '\0';
	return is_c_identifier(s) ? s : NULL;
}

/* "EA[51:48]" -> "51_48"; NULL without brackets */
static const char *bracket_bits(struct arena *a, const char *name)
{
	const char *open = strchr(name, '[');
	int hi, lo, used = 0;
	if (!open)
		return NULL;
	if (sscanf(open, "[%d:%d]%n", &hi, &lo, &used) == 2 && used && open[used] == '\0')
		return arena_printf(a, "%d_%d", hi, lo);
	if (sscanf(open, "[%d]%n", &hi, &used) == 1 && used && open[used] == '\0')
		return arena_printf(a, "%d", hi);
	return NULL;
}

struct layout {
	struct arena *a;
	const struct emit_context *g;
	const struct id_reg *idreg; /* the ID register's fields and constraints, or NULL */
	const struct id_reg *idreg32; /* ID_PFR1_EL1: the AArch32 register it shows, ID_PFR1 */
	const struct idregs *ir32;
	struct linux_slot slots[MAX_SLOTS];
	size_t n;
	const char *why;
};

static struct linux_slot *new_slot(struct layout *L, int msb, int lsb)
{
	for (size_t k = 0; k < L->n; k++)
		if (L->slots[k].msb == msb && L->slots[k].lsb == lsb)
			return &L->slots[k];
	if (L->n == MAX_SLOTS) {
		L->why = "more fields than the format can hold";
		return NULL;
	}
	struct linux_slot *s = &L->slots[L->n++];
	memset(s, 0, sizeof(*s));
	s->msb = msb;
	s->lsb = lsb;
	return s;
}

/* ---- enum values ---- */

static const struct id_field *id_field_of(const struct id_reg *r, const char *name)
{
	for (size_t i = 0; r && i < r->n_fields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

/* "0b0010" of a field `width` bits wide; false for ranges, x bits, others */
static bool plain_value(const char *v, int width, unsigned long long *out)
{
	if (strncmp(v, "0b", 2) != 0 || (int)strlen(v + 2) != width || strspn(v + 2, "01") != (size_t)width)
		return false;
	*out = strtoull(v + 2, NULL, 2);
	return true;
}

/* FEAT_RASv1p1 for the field RAS -> "V1P1", FEAT_Debugv8p2 for DebugVer ->
 * "V8P2" (a version step after the part the two names share); FEAT_PMULL
 * for AES -> "PMULL" (the feature's name without FEAT_). Upper case. */
static const char *feature_value_name(struct arena *a, const char *feature, const char *field)
{
	const char *s = strncmp(feature, "FEAT_", 5) == 0 ? feature + 5 : feature;
	size_t common = 0;
	while (s[common] && s[common] == field[common])
		common++;
	if (common && s[common] == 'v' && isdigit((unsigned char)s[common + 1]))
		s += common;
	char *out = arena_strndup(a, s, strlen(s));
	for (char *p = out; *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
	return out;
}

static long signed_value(unsigned long long raw, int width, bool is_signed)
{
	if (is_signed && width < 64 && (raw >> (width - 1)) & 1)
		return (long)raw - (1L << width);
	return (long)raw;
}

struct named_value {
	unsigned long long raw;
	long value; /* as the constraints read it: SInt for signed fields */
	const char **features; /* in the layout's arena: one per rule at most */
	size_t n_features;
	const char *introduces; /* the first feature it adds to the value below it */
};

static int cmp_named_value(const void *a, const void *b)
{
	const struct named_value *x = a, *y = b;
	return (x->value > y->value) - (x->value < y->value);
}

/* For each value (in the field's order), the features it presents and the
 * first of them the value below it does not. */
static void find_features(struct arena *a, const struct idregs *ir, const struct id_field *f, struct named_value *v,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* a rule names at most one feature: room for all, none cut off */
		v[i].features = arena_alloc(a, (ir->n_rules + 1) * sizeof(*v[i].features));
		v[i].n_features = id_field_value_features(ir, f, v[i].value, v[i].features, ir->n_rules);
		for (size_t k = 0; k < v[i].n_features && !v[i].introduces; k++) {
			bool before = false;
			for (size_t j = 0; i > 0 && j < v[i - 1].n_features; j++)
				before |= strcmp(v[i - 1].features[j], v[i].features[k]) == 0;
			if (!before)
				v[i].introduces = v[i].features[k];
		}
	}
}

/* Names by rule, for the values of an ID field that Features.json reads:
 *  - a value for which no feature's constraint holds, below those that
 *    have one: NI (ID_AA64ISAR0_EL1.AES = 0b0000);
 *  - the lowest value that adds a feature: IMP (AES = 0b0001);
 *  - a higher value that adds features: the first it adds, named as
 *    feature_value_name() says (AES = 0b0010: PMULL; RAS = 0b0010: V1P1);
 *  - a value that adds none: the name of the one below it with _<value>.
 * A field no constraint reads: 0 is NI, the lowest other value IMP, others
 * VALUE_<value>. */
static const char *value_name(struct layout *L, const struct named_value *v, size_t i, bool constrained,
			      const char *field, const char *below)
{
	if (!constrained) {
		if (v[i].raw == 0)
			return "NI";
		bool lowest = i == 0 || (i == 1 && v[0].raw == 0);
		return lowest ? "IMP" : arena_printf(L->a, "VALUE_%llu", v[i].raw);
	}
	if (!v[i].n_features && (i == 0 || !v[i - 1].n_features))
		return "NI";
	if (v[i].introduces) {
		bool first = true;
		for (size_t k = 0; k < i; k++)
			first &= v[k].introduces == NULL;
		return first ? "IMP" : feature_value_name(L->a, v[i].introduces, field);
	}
	return arena_printf(L->a, "%s_%llu", below ? below : "VALUE", v[i].raw);
}

/* Enums: an ID register's fields (the ID scheme's fields are unsigned
 * unless a constraint reads them with SInt) and fields Features.json reads
 * are UnsignedEnum or SignedEnum; other fields of two or more bits with
 * values the spec lists, Enum. */
static void add_enum(struct layout *L, struct linux_slot *s, const struct field *f, const char *field)
{
	int width = s->msb - s->lsb + 1;
	struct named_value *v = xcalloc(f->n_values + 1, sizeof(*v)); /* one per value at most */
	size_t n = 0;
	const struct id_field *idf = id_field_of(L->idreg, f->name);
	const struct idregs *ir = L->g->idregs;
	/* ID_PFR1_EL1.GenTimer: Features.json may read the AArch32 ID_PFR1's */
	const struct id_field *idf32 = id_field_of(L->idreg32, f->name);
	if (idf && !idf->constrained && idf32 && idf32->constrained) {
		idf = idf32;
		ir = L->ir32;
	}
	bool constrained = idf && idf->constrained, is_signed = constrained && idf->is_signed;
	for (size_t i = 0; i < f->n_values; i++) {
		unsigned long long raw;
		bool seen = false;
		if (!plain_value(f->values[i], width, &raw))
			continue;
		for (size_t k = 0; k < n; k++)
			seen |= v[k].raw == raw;
		if (!seen)
			v[n++] = (struct named_value){.raw = raw, .value = signed_value(raw, width, is_signed)};
	}
	if (n == 0 || (width == 1 && !idf)) {
		free(v);
		return; /* a one-bit control (SCTLR_EL1.M) stays a Field */
	}
	s->keyword = idf ? (is_signed ? "SignedEnum" : "UnsignedEnum") : "Enum";
	qsort(v, n, sizeof(*v), cmp_named_value);
	if (constrained)
		find_features(L->a, ir, idf, v, n);
	s->values = arena_alloc(L->a, n * sizeof(*s->values));
	s->n_values = n;
	for (size_t i = 0; i < n; i++) {
		const char *name = idf ? value_name(L, v, i, constrained, field, i ? s->values[i - 1].name : NULL)
				       : arena_printf(L->a, "VALUE_%llu", v[i].raw);
		for (size_t k = 0; k < i; k++)
			if (strcmp(s->values[k].name, name) == 0)
				name = arena_printf(L->a, "%s_%llu", name, v[i].raw);
		s->values[i] = (struct linux_value){v[i].raw, name, 0};
	}
	/* the kernel lists values by their bits */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && s->values[k - 1].value > s->values[k].value; k--) {
			struct linux_value t = s->values[k];
			s->values[k] = s->values[k - 1];
			s->values[k - 1] = t;
		}
	free(v);
}

/* ---- fields to slots ---- */

static void add_named(struct layout *L, const struct field *f, const char *base, bool placeholder)
{
	if (f->array_var) { /* CLIDR_EL1.Ctype<n>: Ctype7 ... Ctype1 */
		for (size_t i = 0; i < f->n_elements && !L->why; i++) {
			const char *name = element_name(L->a, f->name, f->elements[i].index);
			struct linux_slot *s = name ? new_slot(L, f->elements[i].msb, f->elements[i].lsb) : NULL;
			if (!name)
				L->why = arena_printf(L->a, "array of fields '%s' has no C name", f->name);
			else if (s) {
				s->keyword = "Field";
				s->name = name;
			}
		}
		return;
	}
	if (placeholder) {
		L->why = arena_printf(L->a, "field '%s' is an array the spec gives no element bits for", f->name);
		return;
	}
	if (f->n_ranges > 1) { /* parts of a split field: NAME_<hi>_<lo> in the field's own bits */
		int top = -1;
		for (size_t k = 0; k < f->n_ranges; k++)
			top += f->ranges[k].msb - f->ranges[k].lsb + 1;
		for (size_t k = 0; k < f->n_ranges && !L->why; k++) {
			int w = f->ranges[k].msb - f->ranges[k].lsb + 1;
			struct linux_slot *s = new_slot(L, f->ranges[k].msb, f->ranges[k].lsb);
			if (s) {
				s->keyword = "Field";
				s->name = w > 1 ? arena_printf(L->a, "%s_%d_%d", base, top, top - w + 1)
						: arena_printf(L->a, "%s_%d", base, top);
			}
			top -= w;
		}
		return;
	}
	struct linux_slot *s = new_slot(L, f->ranges[0].msb, f->ranges[0].lsb);
	if (!s)
		return;
	s->keyword = "Field";
	s->name = base;
	s->values = NULL;
	s->n_values = 0;
	add_enum(L, s, f, base);
}

static int cmp_slot(const void *a, const void *b)
{
	return ((const struct linux_slot *)b)->msb - ((const struct linux_slot *)a)->msb;
}

/* Names given twice: the bits the spec writes after them (LOREA_EL1's
 * EA[55:52], EA[51:48], EA[47:16]: EA_55_52, EA_51_48, EA_47_16); without
 * such bits, numbered from the least significant as an array would be
 * (ID_AA64AFR0_EL1's eight IMPLEMENTATION DEFINED fields: IMPDEF0 ...
 * IMPDEF7). Slots are most significant first. */
static void distinct_names(struct layout *L, const struct fieldset *fs)
{
	bool twice[MAX_SLOTS] = {false};
	for (size_t k = 0; k < L->n; k++)
		for (size_t i = 0; L->slots[k].name && i < L->n; i++)
			twice[k] |= i != k && L->slots[i].name && strcmp(L->slots[i].name, L->slots[k].name) == 0;
	const char *bits[MAX_SLOTS] = {NULL};
	for (size_t k = 0; k < L->n; k++)
		for (size_t j = 0; twice[k] && j < fs->n_fields && !bits[k]; j++) {
			const struct field *f = &fs->fields[j];
			if (f->name && f->n_ranges == 1 && f->ranges[0].msb == L->slots[k].msb &&
			    f->ranges[0].lsb == L->slots[k].lsb)
				bits[k] = bracket_bits(L->a, f->name);
		}
	const char *base[MAX_SLOTS];
	for (size_t k = 0; k < L->n; k++)
		base[k] = L->slots[k].name;
	for (size_t k = 0; k < L->n; k++) {
		if (!twice[k])
			continue;
		size_t below = 0;
		for (size_t i = k + 1; i < L->n; i++)
			below += twice[i] && strcmp(base[i], base[k]) == 0;
		L->slots[k].name = bits[k] ? arena_printf(L->a, "%s_%s", base[k], bits[k])
					   : arena_printf(L->a, "%s%zu", base[k], below);
	}
}

/* One slot per bit range: the named field among alternatives, else the
 * reserved kind. */
static void layout_slots(struct layout *L, const struct fieldset *fs)
{
	for (size_t j = 0; j < fs->n_fields && !L->why; j++) {
		const struct field *f = &fs->fields[j];
		bool placeholder = false;
		if (f->name) {
			const char *base = linux_field_name(L->a, f->name, &placeholder);
			if (!base) {
				L->why = arena_printf(L->a, "field '%s' has no C name", f->name);
				return;
			}
			/* alternatives for the same bits: the first named one */
			bool taken = false;
			for (size_t k = 0; k < L->n && f->n_ranges == 1; k++)
				taken |= L->slots[k].msb == f->ranges[0].msb && L->slots[k].lsb == f->ranges[0].lsb &&
					  L->slots[k].name;
			if (!taken)
				add_named(L, f, base, placeholder);
			continue;
		}
		const char *kw = reserved_keyword(f->rwtype);
		if (!kw) {
			L->why = arena_printf(L->a, "bits %d:%d are %s, which the format has no keyword for",
					      f->ranges[0].msb, f->ranges[0].lsb, f->rwtype ? f->rwtype : "unnamed");
			return;
		}
		for (size_t k = 0; k < f->n_ranges; k++) { /* HSTR_EL2's RES0 at 63:16, 14 and 4 */
			/* of alternatives for the same bits, the first (TRBSR_EL1's bit
			 * 23: UNKNOWN with FEAT_TRBE_EXT, RES0 otherwise) */
			struct linux_slot *s = new_slot(L, f->ranges[k].msb, f->ranges[k].lsb);
			if (s && !s->name && !s->keyword)
				s->keyword = kw;
		}
	}
	if (L->why)
		return;
	/* reserved bits that are the alternative of named ones (CLIDR_EL1's
	 * bits 46:33: Ttype<n> with FEAT_MTE2, RES0 otherwise): the named */
	size_t kept = 0;
	for (size_t k = 0; k < L->n; k++) {
		bool covered = false;
		for (size_t i = 0; !L->slots[k].name && i < L->n; i++)
			covered |= L->slots[i].name && L->slots[i].lsb <= L->slots[k].msb && L->slots[i].msb >= L->slots[k].lsb;
		if (!covered)
			L->slots[kept++] = L->slots[k];
	}
	L->n = kept;
	qsort(L->slots, L->n, sizeof(*L->slots), cmp_slot);
	int next = 63;
	for (size_t k = 0; k < L->n; k++) {
		if (L->slots[k].msb != next) {
			L->why = L->slots[k].msb > next ? "overlapping fields" : "bits no field describes";
			return;
		}
		next = L->slots[k].lsb - 1;
	}
	if (next != -1)
		L->why = "bits no field describes";
	else
		distinct_names(L, fs);
}

/* The longest macro the awk defines for a block: SYS_NAME_Op0 (and
 * REG_NAME, NAME_RES0), NAME_FIELD_SIGNED (_SHIFT, _WIDTH, _MASK), and
 * NAME_FIELD_VALUE for each enum value; NULL when all fit. */
static const char *longest_awk_name(struct arena *a, const char *name, const struct linux_slot *slots, size_t n)
{
	const char *longest = arena_printf(a, "SYS_%s_Op0", name);
	for (size_t i = 0; i < n; i++) {
		const struct linux_slot *s = &slots[i];
		if (!s->name)
			continue;
		if (strlen(name) + strlen(s->name) + strlen("__SIGNED") > strlen(longest))
			longest = arena_printf(a, "%s_%s_SIGNED", name, s->name);
		for (size_t k = 0; k < s->n_values; k++)
			if (strlen(name) + strlen(s->name) + strlen(s->values[k].name) + 2 > strlen(longest))
				longest = arena_printf(a, "%s_%s_%s", name, s->name, s->values[k].name);
	}
	return strlen(longest) > LINUX_AWK_MAX_NAME ? longest : NULL;
}

bool linux_block_refused(const struct linux_block *b, struct diag *d)
{
	if (!b->too_long)
		return false;
	diag_error(d, b->g ? &b->g->reg->loc : NULL,
		   "%s: the kernel's gen-sysreg.awk would define %s, %zu characters; it prints names of at most %d "
		   "(refused for the Linux output)",
		   b->name, b->too_long, strlen(b->too_long), LINUX_AWK_MAX_NAME);
	return true;
}

static void block_of(struct linux_blocks *lb, const struct emit_context *g, const struct gen_reg *r)
{
	const struct idregs *ir32 = g->idregs32;
	struct linux_block *b = VEC_PUSH(lb->blocks, lb->n, lb->cap);
	memset(b, 0, sizeof(*b));
	b->name = r->name;
	b->g = r;
	b->op0 = r->op0, b->op1 = r->op1, b->crn = r->crn, b->crm = r->crm, b->op2 = r->op2;
	size_t several;
	const struct fieldset *fs = choose_layout(g, r->reg, &several);
	if (!fs) {
		b->why = r->reg->n_fieldsets ? "no 64-bit layout for the feature set" : "no layout in the spec";
		return;
	}
	struct layout *L = xcalloc(1, sizeof(*L));
	L->a = &lb->arena;
	L->g = g;
	L->idreg = g->idregs ? idregs_find((struct idregs *)g->idregs, r->alias_of ? r->alias_of : r->name) : NULL;
	if (L->idreg && strcasecmp(L->idreg->name, r->alias_of ? r->alias_of : r->name) != 0)
		L->idreg = NULL; /* idregs_find also takes names without _EL1 */
	size_t len = strlen(r->name);
	if (L->idreg && len > 4 && strcmp(r->name + len - 4, "_EL1") == 0) {
		char *name32 = arena_strndup(&lb->arena, r->name, len - 4);
		L->idreg32 = idregs_find((struct idregs *)ir32, name32);
		L->ir32 = ir32;
		if (L->idreg32 && strcasecmp(L->idreg32->name, name32) != 0)
			L->idreg32 = NULL;
	}
	layout_slots(L, fs);
	if (L->why) {
		b->why = L->why;
	} else {
		b->slots = arena_alloc(&lb->arena, L->n * sizeof(*b->slots));
		memcpy(b->slots, L->slots, L->n * sizeof(*b->slots));
		b->n_slots = L->n;
		b->too_long = longest_awk_name(&lb->arena, b->name, b->slots, b->n_slots);
		if (b->too_long)
			b->why = "a macro name longer than the kernel's awk can print";
		if (several > 1) {
			struct strbuf c = {0};
			cond_print(&c, fs->cond);
			b->note = arena_printf(&lb->arena, "%zu possible layouts; written the one %s%s", several,
					       fs->cond ? "when " : "with no condition", c.s ? c.s : "");
			sb_free(&c);
		}
	}
	free(L);
}

/* ---- shared layouts ---- */

bool linux_slot_is_enum(const struct linux_slot *s)
{
	return strstr(s->keyword, "Enum") != NULL;
}

void linux_value_write(struct strbuf *out, const struct linux_slot *s, unsigned long long value, const char *name,
		       const char *suffix)
{
	sb_add(out, "\t0b");
	for (int k = s->msb - s->lsb; k >= 0; k--)
		sb_add(out, (value >> k) & 1 ? "1" : "0");
	sb_printf(out, "\t%s%s\n", name, suffix ? suffix : "");
}

void linux_slot_write(struct strbuf *out, const struct linux_slot *s)
{
	sb_printf(out, "%s\t%d", s->keyword, s->msb);
	if (s->lsb != s->msb)
		sb_printf(out, ":%d", s->lsb);
	if (s->name)
		sb_printf(out, "\t%s", s->name);
	sb_add(out, "\n");
	if (!linux_slot_is_enum(s))
		return;
	for (size_t i = 0; i < s->n_values; i++)
		linux_value_write(out, s, s->values[i].value, s->values[i].name, NULL);
	sb_add(out, "EndEnum\n");
}

void linux_block_write(struct strbuf *out, const struct linux_block *b)
{
	if (b->is_fields)
		sb_printf(out, "SysregFields\t%s\n", b->name);
	else
		sb_printf(out, "Sysreg\t%s\t%u\t%u\t%u\t%u\t%u\n", b->name, b->op0, b->op1, b->crn, b->crm, b->op2);
	if (b->fields)
		sb_printf(out, "Fields\t%s\n", b->fields);
	else
		for (size_t k = 0; k < b->n_slots; k++)
			linux_slot_write(out, &b->slots[k]);
	sb_add(out, b->is_fields ? "EndSysregFields\n" : "EndSysreg\n");
}

/* "CPACR_EL12" -> length of "CPACR" (the name before _EL<digits>), 0 if none */
static size_t el_stem(const char *name)
{
	const char *p = strrchr(name, '_');
	if (!p || strncmp(p, "_EL", 3) != 0 || !p[3] || strspn(p + 3, "0123456789") != strlen(p + 3))
		return 0;
	return (size_t)(p - name);
}

static char *slots_text(const struct linux_block *b)
{
	struct strbuf t = {0};
	for (size_t k = 0; k < b->n_slots; k++)
		linux_slot_write(&t, &b->slots[k]);
	return t.s ? t.s : xcalloc(1, 1);
}

struct sharing {
	const struct linux_blocks *lb;
	char **text; /* each block's slots as written; NULL if left out */
	bool *done;  /* already in a shared layout */
};

/* Is block j NAME_ELx like block i (its stem `stem` long), not yet shared,
 * with the same layout? */
static bool same_layout(const struct sharing *sh, size_t i, size_t j, size_t stem)
{
	const char *a = sh->lb->blocks[i].name, *b = sh->lb->blocks[j].name;
	return sh->text[j] && !sh->done[j] && el_stem(b) == stem && strncmp(a, b, stem) == 0 &&
	       strcmp(sh->text[i], sh->text[j]) == 0;
}

static bool names_a_field(const struct linux_block *b)
{
	for (size_t k = 0; k < b->n_slots; k++)
		if (b->slots[k].name)
			return true;
	return false;
}

/* Blocks NAME_EL1, NAME_EL2, NAME_EL12 ... with the same layout (and at
 * least one named field): one SysregFields NAME_ELx before the first. */
static void share_layouts(struct linux_blocks *lb)
{
	size_t n = lb->n;
	struct sharing sh = {lb, xcalloc(n + 1, sizeof(char *)), xcalloc(n + 1, sizeof(bool))};
	for (size_t i = 0; i < n; i++)
		sh.text[i] = lb->blocks[i].why ? NULL : slots_text(&lb->blocks[i]);
	struct linux_block *out = xcalloc(2 * n + 1, sizeof(*out));
	size_t n_out = 0;
	for (size_t i = 0; i < n; i++) {
		struct linux_block *b = &lb->blocks[i];
		size_t stem = el_stem(b->name), users = 0;
		bool candidate = sh.text[i] && stem && !sh.done[i] && names_a_field(b);
		for (size_t j = i + 1; candidate && j < n; j++)
			users += same_layout(&sh, i, j, stem);
		const char *fields = users ? arena_printf(&lb->arena, "%.*s_ELx", (int)stem, b->name) : NULL;
		for (size_t k = 0; fields && k < n_out; k++)
			if (out[k].is_fields && strcmp(out[k].name, fields) == 0)
				fields = NULL; /* TRBSR_EL1 and TRBSR_EL2 differ from TRBSR_EL12: one shared name */
		if (fields) {
			out[n_out] = *b;
			out[n_out].is_fields = true;
			out[n_out].name = fields;
			out[n_out].note = NULL;
			out[n_out++].g = NULL;
			for (size_t j = i; j < n; j++)
				if (j == i || same_layout(&sh, i, j, stem)) {
					lb->blocks[j].fields = fields;
					sh.done[j] = true;
				}
		}
		out[n_out++] = *b;
	}
	for (size_t i = 0; i < n; i++)
		free(sh.text[i]);
	free(sh.text);
	free(sh.done);
	free(lb->blocks);
	lb->blocks = out;
	lb->n = n_out;
	lb->cap = 2 * n + 1;
}

void linux_blocks_build(struct linux_blocks *lb, const struct emit_context *g)
{
	memset(lb, 0, sizeof(*lb));
	for (size_t i = 0; i < g->view->n_with_aliases; i++)
		block_of(lb, g, &g->view->with_aliases[i]);
	share_layouts(lb);
}

void linux_blocks_free(struct linux_blocks *lb)
{
	free(lb->blocks);
	arena_free(&lb->arena);
	memset(lb, 0, sizeof(*lb));
}

const struct linux_block *linux_blocks_find(const struct linux_blocks *lb, const char *name)
{
	for (size_t i = 0; i < lb->n; i++)
		if (!lb->blocks[i].is_fields && strcmp(lb->blocks[i].name, name) == 0)
			return &lb->blocks[i];
	return NULL;
}
