// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Resolve accessors to the registers they name.
 *
 * The accessor's name decides the register, not the page it sits on:
 *  - the TTBR0_EL2 page carries "MRRS TTBR0_EL1": with HCR_EL2.E2H set, EL2
 *    reaches TTBR0_EL2 through TTBR0_EL1's encoding. TTBR0_EL1 has a page of
 *    its own, so this accessor is a redirect and belongs to TTBR0_EL1;
 *  - the TTBR0_EL1 page carries "MRRS TTBR0_EL12" (op1=5): no page is named
 *    TTBR0_EL12, so it is an alias of TTBR0_EL1 (the VHE alias);
 *  - the S3_<op1>_C<Cn>_C<Cm>_<op2> page has encodings with "x" bits
 *    (CRn 0b1x11) and free variables (op1[2:0]): an encoding space, not a
 *    register;
 *  - array pages name the index <n> and their accessors <m>
 *    (DBGBVR<n>_EL1 / DBGBVR<m>_EL1): the same register.
 */
#include <stdlib.h>
#include <string.h>

#include "passes.h"

struct name_index {
	struct reg **regs;
	size_t n;
};

static int cmp_reg(const struct reg *a, const struct reg *b)
{
	if (a->state != b->state)
		return (int)a->state - (int)b->state;
	return reg_name_cmp(a->name, b->name);
}

static int cmp_reg_ptr(const void *a, const void *b)
{
	return cmp_reg(*(struct reg *const *)a, *(struct reg *const *)b);
}

static void index_build(struct name_index *ix, struct model *m)
{
	ix->regs = xcalloc(m->n_regs, sizeof(*ix->regs));
	ix->n = 0;
	for (size_t i = 0; i < m->n_regs; i++)
		if (m->regs[i].is_register)
			ix->regs[ix->n++] = &m->regs[i];
	qsort(ix->regs, ix->n, sizeof(*ix->regs), cmp_reg_ptr);
}

static struct reg *index_find(const struct name_index *ix, const char *name, enum reg_state state)
{
	struct reg key = {.name = name, .state = state};
	struct reg *kp = &key;
	struct reg **hit = bsearch(&kp, ix->regs, ix->n, sizeof(*ix->regs), cmp_reg_ptr);
	return hit ? *hit : NULL;
}

static bool same_encoding(const struct accessor *a, const struct accessor *b)
{
	if (a->n_enc != b->n_enc)
		return false;
	for (size_t i = 0; i < a->n_enc; i++) {
		const char *v = accessor_enc(b, a->enc[i].name);
		if (!v || strcmp(v, a->enc[i].value) != 0)
			return false;
	}
	return true;
}

/* The same access written on two pages (TTBR0_EL1's own MRRS and the one on
 * the TTBR0_EL2 page) is one accessor of the register. */
static bool same_access(const struct accessor *a, const struct accessor *b)
{
	return a->kind == b->kind && strcmp(a->kind_name, b->kind_name) == 0 && reg_name_cmp(a->name, b->name) == 0 &&
	       same_encoding(a, b);
}

static void add_ref(struct reg *r, struct accessor *a, size_t *cap)
{
	for (size_t i = 0; i < r->n_refs; i++)
		if (same_access(r->refs[i], a))
			return;
	*VEC_PUSH(r->refs, r->n_refs, *cap) = a;
}

static void add_alias(struct reg *r, struct accessor *a, size_t *cap)
{
	struct alias *al = NULL;
	for (size_t i = 0; i < r->n_aliases; i++)
		if (strcmp(r->aliases[i].name, a->name) == 0)
			al = &r->aliases[i];
	if (!al) {
		al = VEC_PUSH(r->aliases, r->n_aliases, *cap);
		al->name = a->name;
	}
	al->accs = xrealloc(al->accs, (al->n_accs + 1) * sizeof(*al->accs));
	al->accs[al->n_accs++] = a;
}

/* MSRimmediate's "x" bits are its immediate operand (ALLINT: CRm 0b000x),
 * not a range of registers. */
static bool is_encoding_space(const struct accessor *a)
{
	return a->kind != ACC_MSRIMMEDIATE && accessor_has_x_bits(a);
}

static enum acc_role role_of(const struct name_index *ix, struct reg *page, struct accessor *a)
{
	if (is_encoding_space(a)) {
		a->target = page;
		return ROLE_SPACE;
	}
	if (!page->is_register || reg_name_cmp(a->name, page->name) == 0) {
		a->target = page;
		return ROLE_OWN;
	}
	struct reg *other = index_find(ix, a->name, page->state);
	if (other) {
		a->target = other;
		return ROLE_REDIRECT;
	}
	a->target = page;
	return ROLE_ALIAS;
}

void resolve_accessors(struct model *m)
{
	struct name_index ix;
	index_build(&ix, m);
	size_t *ref_caps = xcalloc(m->n_regs, sizeof(*ref_caps));
	size_t *alias_caps = xcalloc(m->n_regs, sizeof(*alias_caps));
	for (size_t i = 0; i < m->n_regs; i++) {
		struct reg *r = &m->regs[i];
		size_t spaces = 0;
		for (size_t j = 0; j < r->n_accessors; j++) {
			r->accessors[j].role = role_of(&ix, r, &r->accessors[j]);
			spaces += r->accessors[j].role == ROLE_SPACE;
		}
		r->is_encoding_space = spaces > 0 && spaces == r->n_accessors;
	}
	/* own accessors first, so a register lists its own page's before redirects */
	for (int pass = 0; pass < 2; pass++) {
		enum acc_role want = pass == 0 ? ROLE_OWN : ROLE_REDIRECT;
		for (size_t i = 0; i < m->n_regs; i++) {
			struct reg *r = &m->regs[i];
			for (size_t j = 0; j < r->n_accessors; j++) {
				struct accessor *a = &r->accessors[j];
				if (a->role == want)
					add_ref(a->target, a, &ref_caps[a->target - m->regs]);
				if (pass == 0 && a->role == ROLE_ALIAS)
					add_alias(r, a, &alias_caps[i]);
			}
		}
	}
	free(ref_caps);
	free(alias_caps);
	free(ix.regs);
}
