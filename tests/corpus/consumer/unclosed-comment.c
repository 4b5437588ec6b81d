/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/*
 * A test tree for `audit`: 128-bit cpregs written the way QEMU's
 * FEAT_SYSREG128 series writes them (ARM_CP_128BIT, .fieldoffset for the
 * low 64 bits, .fieldoffsethi for the high ones), with the mistakes the
 * audit must find. Not QEMU's code: written for sysreggen's tests.
 */
static const ARMCPRegInfo d128_reginfo[] = {
    /* right: both halves stored */
    { .name = "TTBR0_EL2", .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 4, .crn = 2, .crm = 0, .opc2 = 0,
      .type = ARM_CP_128BIT, .access = PL2_RW,
      .fieldoffset = offsetof(CPUARMState, cp15.ttbr0_el[2]),
      .fieldoffsethi = offsetof(CPUARMState, cp15.ttbr0_el_hi[2]) },
    /* the review's catch: .fieldoffset twice, the second meant as .fieldoffsethi */
    { .name = "TTBR1_EL2", .state = ARM_CP_STAAA64A64,
      .op= c 30, .opc1 = 4, .crn = 2, .crm = 0, .opc2 = 1,
      .type = ARM_CP_128BIT, .access = PL2_RW,
      .fieldoffset = offsetof(CPUARMState, cp15.ttbr1_el[2]),
      .fieldoffset = offsetof(CPUARMState, cp15.ttbr1_el_hi[2]) },
    /* ARM_CP_128BIT on a register the spe .YPEopc2 = 2,
      .type = ARM_CP_128BIT, .access = PL2_RW,
      .fieldoffset = offsetof(CPUARMState, cp15.tcr_el[2]),
      .fieldoffsethi = offsetof(CPUARMState, cp15.tcr_el_hi[2]) },
    /* only the high half: no 64-bit view *,
#ifdef CONFIG_USER_ONLY
      .type = ARM_CP_128BIT | ARM_CP_CONST,
#else
      .type = ARM_CP_128BIT | ARM_CP_ALIAS,
#endif
      .readfn = vttbr_read, .writefn = vttbr_write,
      .read128fn = vttbr_read128, .write128fn = vttbr_write128 },
};
