// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* The AArch64 register view the outputs share (view.h). */
#include "view.h"

#include <stdlib.h>
#include <string.h>

static int cmp_gen_reg(const void *a, const void *b)
{
	const struct gen_reg *x = a, *y = b;
	uint32_t ex = gen_encoding(x), ey = gen_encoding(y);
	if (ex != ey)
		return ex < ey ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool encoding_fields(const struct accessor *a, long index, unsigned f[5])
{
	static const char *const names[] = {"op0", "op1", "CRn", "CRm", "op2"};
	for (int i = 0; i < 5; i++) {
		const char *v = accessor_enc(a, names[i]);
		if (!v || enc_value_eval(v, a->is_array ? a->array_var : NULL, index, &f[i]) != ENC_OK)
			return false;
	}
	return true;
}

static void add_gen_reg(struct gen_reg **v, size_t *n, size_t *cap, const struct reg *r, const char *name,
			struct accessor *const *accs, size_t n_accs, long index)
{
	struct access_summary s;
	accessors_summarize(accs, n_accs, index, &s);
	unsigned f[5];
	if (!s.primary || !encoding_fields(s.primary, index, f))
		return;
	if (!is_c_identifier(name)) /* the names check refused such a spec already */
		return;
	struct gen_reg *g = VEC_PUSH(*v, *n, *cap);
	g->name = name;
	g->reg = r;
	g->primary = s.primary;
	g->op0 = f[0], g->op1 = f[1], g->crn = f[2], g->crm = f[3], g->op2 = f[4];
	g->access = s.access;
	g->allows_128 = s.width == 128;
	g->acc128 = s.acc128;
}

static struct gen_reg *aarch64_registers(struct arena *names, const struct model *m, bool with_aliases, size_t *n)
{
	struct gen_reg *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (r->state != STATE_AARCH64 || !r->is_register || r->is_encoding_space || !r->primary)
			continue;
		const struct accessor *p = r->primary;
		for (size_t j = 0; with_aliases && j < r->n_aliases; j++) {
			const struct alias *al = &r->aliases[j];
			size_t before = *n;
			if (al->primary && !al->primary->is_array)
				add_gen_reg(&v, n, &cap, r, al->name, al->accs, al->n_accs, -1);
			if (*n > before)
				v[*n - 1].alias_of = r->name;
		}
		if (!p->is_array) {
			add_gen_reg(&v, n, &cap, r, r->name, r->refs, r->n_refs, -1);
			continue;
		}
		for (long k = p->array_lo; k <= p->array_hi; k++)
			add_gen_reg(&v, n, &cap, r, reg_name_expand(names, p->name, p->array_var, k), r->refs, r->n_refs, k);
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_gen_reg);
	return v;
}

static struct gen_reg *aarch64_instructions(struct arena *names, const struct model *m, size_t *n)
{
	struct gen_reg *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (r->state != STATE_AARCH64 || r->is_register)
			continue;
		for (size_t j = 0; j < r->n_accessors; j++) {
			const struct accessor *a = &r->accessors[j];
			const char *kind = a->kind_name;
			unsigned f[5];
			if (!a->name || a->is_array || !kind || !encoding_fields(a, -1, f)) /* SYS S1_<op1>_...: no one encoding */
				continue;
			const char *name = strcmp(kind, a->name) == 0 ? a->name : arena_printf(names, "%s_%s", kind, a->name);
			if (!is_c_identifier(name))
				continue;
			struct gen_reg *g = VEC_PUSH(v, *n, cap);
			g->name = name;
			g->reg = r;
			g->primary = a;
			g->op0 = f[0], g->op1 = f[1], g->crn = f[2], g->crm = f[3], g->op2 = f[4];
		}
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_gen_reg);
	return v;
}

uint32_t gen_encoding(const struct gen_reg *r)
{
	return (uint32_t)(r->op0 << 14 | r->op1 << 11 | r->crn << 7 | r->crm << 3 | r->op2);
}

/* KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG | encoding */
uint64_t gen_kvm_id64(const struct gen_reg *r)
{
	return 0x6000000000000000ull | 0x0030000000000000ull | (0x0013ull << 16) | gen_encoding(r);
}

bool gen_kvm_abi_swapped(const char *name)
{
	return strcmp(name, "CNTVCT_EL0") == 0 || strcmp(name, "CNTV_CVAL_EL0") == 0;
}

bool gen_is_feature_id_register(const struct gen_reg *r)
{
	return r->op0 == 3 && r->op1 == 0 && r->crn == 0 && r->crm >= 1 && r->crm <= 7;
}

int gen_name_el(const char *name)
{
	const char *el = strstr(name, "_EL");
	while (el && strstr(el + 1, "_EL"))
		el = strstr(el + 1, "_EL");
	if (!el || el[3] < '0' || el[3] > '3')
		return -1;
	return el[3] - '0';
}

void reg_view_build(struct reg_view *v, const struct model *m)
{
	memset(v, 0, sizeof(*v));
	v->regs = aarch64_registers(&v->names, m, false, &v->n);
	v->with_aliases = aarch64_registers(&v->names, m, true, &v->n_with_aliases);
	v->insns = aarch64_instructions(&v->names, m, &v->n_insns);
}

void reg_view_free(struct reg_view *v)
{
	free(v->regs);
	free(v->with_aliases);
	free(v->insns);
	arena_free(&v->names);
	memset(v, 0, sizeof(*v));
}
