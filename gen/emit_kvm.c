// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* kvm-sysregs.h: KVM one-reg ids of the registers that allow 128-bit
 * access, as agreed for FEAT_D128 guests: the 64-bit id ARM64_SYS_REG(...)
 * and the 128-bit id __ARM64_SYS_REG(...) | KVM_REG_SIZE_U128; and the list
 * a D128-enabled VM reports, where the 128-bit ids replace the 64-bit ones.
 *
 * Only ids derived from encodings are emitted. KVM's fixed ABI names two
 * timer ids against their encodings (KVM_REG_ARM_TIMER_CVAL is CNTVCT_EL0's
 * encoding, KVM_REG_ARM_TIMER_CNT is CNTV_CVAL_EL0's); those registers are
 * never emitted here. */
#include <stdlib.h>
#include <string.h>

#include "generate.h"


/* Does the register allow 128-bit access for a VM with this feature set? */
static bool d128_in_vm(const struct gen_reg *r, const struct feature_set *vm)
{
	return cond_eval(r->reg->cond, feature_set_lookup, vm) != TRI_FALSE &&
	       cond_eval(r->acc128->cond, feature_set_lookup, vm) != TRI_FALSE;
}

static void define_id(struct strbuf *h, const char *macro, const struct gen_reg *r, bool wide)
{
	uint64_t id = gen_kvm_id64(r);
	if (wide)
		id = (id & ~0x00f0000000000000ull) | 0x0040000000000000ull;
	sb_printf(h, "#define %-44s %s(%u, %u, %u, %u, %u) /* 0x%016llx */\n", macro, wide ? "ARM64_SYS_REG128" : "ARM64_SYS_REG",
		  r->op0, r->op1, r->crn, r->crm, r->op2, (unsigned long long)id);
}

bool emit_kvm(struct emit_context *g)
{
	const struct gen_reg *regs = g->view->regs;
	size_t n = g->view->n;
	struct strbuf *h = gen_file_begin(g, "kvm-sysregs.h", COMMENT_C);
	sb_add(h, "#ifndef SYSREGGEN_KVM_SYSREGS_H\n#define SYSREGGEN_KVM_SYSREGS_H\n\n");
	sb_add(h, "/* Include after <linux/kvm.h> (arm64): it uses __ARM64_SYS_REG, ARM64_SYS_REG\n"
		  " * and KVM_REG_SIZE_U128. */\n");
	sb_add(h, "#ifndef ARM64_SYS_REG128\n"
		  "#define ARM64_SYS_REG128(op0, op1, crn, crm, op2) \\\n"
		  "\t(__ARM64_SYS_REG(op0, op1, crn, crm, op2) | KVM_REG_SIZE_U128)\n"
		  "#endif\n\n");
	sb_add(h, "/* Registers that allow 128-bit access (MRRS/MSRR), sorted by encoding. */\n");
	struct strbuf list = {0}, replaced = {0}, vm = {0};
	size_t in_vm = 0;
	gen_feature_text(g->kvm_fs, &vm);
	for (size_t i = 0; i < n; i++) {
		const struct gen_reg *r = &regs[i];
		if (!r->allows_128 || gen_kvm_abi_swapped(r->name))
			continue;
		struct strbuf macro = {0};
		sb_printf(&macro, "KVM_REG_ARM64_SYSREG_%s", r->name);
		define_id(h, macro.s, r, false);
		macro.len = 0;
		sb_printf(&macro, "KVM_REG_ARM64_SYSREG128_%s", r->name);
		define_id(h, macro.s, r, true);
		sb_free(&macro);
		if (d128_in_vm(r, g->kvm_fs)) {
			sb_printf(&list, "\tKVM_REG_ARM64_SYSREG128_%s,\n", r->name);
			sb_printf(&replaced, "\tKVM_REG_ARM64_SYSREG_%s,\n", r->name);
			in_vm++;
		}
	}
	sb_printf(h, "\n/* What KVM_GET_REG_LIST reports for these registers in a D128-enabled VM with\n"
		     " * the features %s:\n"
		     " * kvm_sysreg_ids_d128[i] replaces kvm_sysreg_ids_d128_replaces[i]. */\n",
		  vm.s);
	sb_printf(h, "#define KVM_SYSREG_IDS_D128_COUNT %zu\n", in_vm);
	sb_add(h, "#if defined(__GNUC__)\n#define SYSREGGEN_MAYBE_UNUSED __attribute__((unused))\n#else\n"
		  "#define SYSREGGEN_MAYBE_UNUSED\n#endif\n");
	sb_add(h, "/* each ends with a 0 that is not an id */\n");
	sb_printf(h, "static const unsigned long long kvm_sysreg_ids_d128[KVM_SYSREG_IDS_D128_COUNT + 1] SYSREGGEN_MAYBE_UNUSED = {\n%s\t0\n};\n",
		  list.s ? list.s : "");
	sb_printf(h, "static const unsigned long long kvm_sysreg_ids_d128_replaces[KVM_SYSREG_IDS_D128_COUNT + 1] SYSREGGEN_MAYBE_UNUSED = {\n%s\t0\n};\n",
		  replaced.s ? replaced.s : "");
	sb_add(h, "\n#endif /* SYSREGGEN_KVM_SYSREGS_H */\n");
	sb_free(&list);
	sb_free(&replaced);
	sb_free(&vm);
	return true;
}
