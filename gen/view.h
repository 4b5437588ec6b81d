/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* A pass after classify: the AArch64 registers as the outputs see them
 * (array elements expanded, one concrete encoding each), computed once for
 * every emitter that needs them (generate's outputs, audit). */
#ifndef SYSREGGEN_VIEW_H
#define SYSREGGEN_VIEW_H

#include <stdint.h>

#include "model.h"

/* A register as the outputs see it: AArch64, one concrete encoding, array
 * elements expanded (DBGBVR0_EL1 ... DBGBVR15_EL1). */
struct gen_reg {
	const char *name;
	const struct reg *reg;
	const struct accessor *primary;
	unsigned op0, op1, crn, crm, op2;
	unsigned access;
	bool allows_128;
	const struct accessor *acc128;
	const char *alias_of; /* an alias (TTBR0_EL12): its register's name; else NULL */
};
/* Every such register, sorted by encoding then name; and the same with
 * every alias (TTBR0_EL12). Built once, after classify, and handed to the
 * emitters read-only. */
struct reg_view {
	struct arena names; /* expanded array names */
	struct gen_reg *regs;
	size_t n;
	struct gen_reg *with_aliases;
	size_t n_with_aliases;
	/* The system instructions consumers define as registers (QEMU's
	 * "TLBI_VMALLE1", "DC_ZVA", "AT_S1E1R", "CFP_RCTX", "GCSPUSHM"): one
	 * per accessor of an AArch64 instruction page that has one encoding,
	 * named KIND_NAME (KIND when the two are the same), sorted by encoding
	 * then name. */
	struct gen_reg *insns;
	size_t n_insns;
};
void reg_view_build(struct reg_view *v, const struct model *m);
void reg_view_free(struct reg_view *v);
uint32_t gen_encoding(const struct gen_reg *r); /* op0:op1:CRn:CRm:op2, 16 bits */
uint64_t gen_kvm_id64(const struct gen_reg *r);  /* ARM64_SYS_REG(...) */
/* KVM's fixed ABI swaps the ids of these two timer registers against their
 * encodings (KVM_REG_ARM_TIMER_CVAL is CNTVCT_EL0's encoding, ..._CNT is
 * CNTV_CVAL_EL0's): an id derived from their encoding is not KVM's id for
 * them. A fact of KVM, not of the spec. */
bool gen_kvm_abi_swapped(const char *name);
/* A feature ID register: op0 3, op1 0, CRn 0, CRm 1 to 7 (ID_AA64*, the
 * AArch32 ID_* views, MVFR*). */
bool gen_is_feature_id_register(const struct gen_reg *r);
/* The exception level a register's name ends with (_EL2 -> 2), -1 if none. */
int gen_name_el(const char *name);

#endif
