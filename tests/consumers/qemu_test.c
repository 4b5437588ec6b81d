// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Consumer test of qemu-cpregs128.c.inc and qemu-cpu-sysregs.h.inc: both
 * are included as QEMU includes them, into arrays of a mirror of QEMU's
 * types; the program prints what was compiled, for the test to compare. */
#include <stdio.h>

#include "qemu_mirror.h"

/* A register's state: two 64-bit halves. The macros must take the name and
 * give constant offsets, as QEMU's offsetof() expressions do. */
struct CPUARMState {
	uint64_t halves[2];
};
#define SYSREG128_LO(NAME) ((ptrdiff_t)offsetof(CPUARMState, halves) + 0 * (ptrdiff_t)sizeof(#NAME))
#define SYSREG128_HI(NAME) ((ptrdiff_t)offsetof(CPUARMState, halves) + 8 + 0 * (ptrdiff_t)sizeof(#NAME))

static const ARMCPRegInfo cpregs128[] = {
#include "qemu-cpregs128.c.inc"
};

struct id_reg {
	const char *name;
	int op0, op1, crn, crm, op2;
};
#define DEF(NAME, op0, op1, crn, crm, op2) {#NAME, op0, op1, crn, crm, op2},
static const struct id_reg id_regs[] = {
#include "qemu-cpu-sysregs.h.inc"
	{NULL, 0, 0, 0, 0, 0},
};
#undef DEF

static const char *pl(int access)
{
	return access == PL1_RW ? "PL1_RW" : access == PL2_RW ? "PL2_RW" : access == PL3_RW ? "PL3_RW" : "other";
}

int main(void)
{
	for (size_t i = 0; i < sizeof(cpregs128) / sizeof(cpregs128[0]); i++) {
		const ARMCPRegInfo *r = &cpregs128[i];
		if (r->state != ARM_CP_STATE_AA64 || !(r->type & ARM_CP_128BIT) || r->fieldoffsethi != r->fieldoffset + 8 ||
		    r->resetvalue != 0) {
			printf("BAD %s\n", r->name);
			continue;
		}
		printf("cpreg128\t%s\t%d,%d,%d,%d,%d\t%s\n", r->name, r->opc0, r->opc1, r->crn, r->crm, r->opc2,
		       pl(r->access));
	}
	for (size_t i = 0; id_regs[i].name; i++)
		printf("def\t%s\t%d,%d,%d,%d,%d\n", id_regs[i].name, id_regs[i].op0, id_regs[i].op1, id_regs[i].crn,
		       id_regs[i].crm, id_regs[i].op2);
	return 0;
}
