/* A QEMU-like source file written for sysreggen's audit tests: ARMCPRegInfo
 * initializers in the forms QEMU uses, not copied from QEMU. */
#include "cpregs.h"

#define MY_OPC2 (1 + 1)

static const ARMCPRegInfo v8_cp_reginfo[] = {
    /* one per line */
    { .name = "TTBR0_EL1", .state = ARM_CP_STATE_BOTH,
      .opc0 = 3, .opc1 = 0, .crn = 2, .crm = 0, .opc2 = 0,
      .access = PL1_RW, .type = ARM_CP_128BIT | ARM_CP_ALIAS,
      .fieldoffset = offsetof(CPUARMState, cp15.ttbr0_el[1]),
      .fieldoffsethi = offsetof(CPUARMState, cp15.ttbr0_el_hi[1]) },
    /* split over many lines, members in another order */
    {
        .opc2 = 1,
        .crm = 0,
        .name =
            "TTBR1_EL1",
        .crn = 2, .opc1 = 0,
        .opc0 = 3,
        .state = ARM_CP_STATE_AA64,
        .access = PL1_RW,
    },
    /* an encoding that is a macro: unknown, not guessed */
    { .name = "TCR_EL1", .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 0, .crn = 2, .crm = 0, .opc2 = MY_OPC2,
      .access = PL1_RW },
    /* a wrong encoding (MAIR_EL1 is 3,0,10,2,0) */
    { .name = "MAIR_EL1", .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 0, .crn = 10, .crm = 2, .opc2 = 1,
      .access = PL1_RW },
#ifdef CONFIG_USER_ONLY
    { .name = "VBAR_EL1", .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 0, .crn = 12, .crm = 0, .opc2 = 0,
      .access = PL1_RW },
#else
    { .name = "VBAR_EL1", .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 0, .crn = 12, .crm = 0, .opc2 = 0,
      .access = PL1_RW, .writefn = vbar_write },
#endif
    /* AArch32 only: not compared with AArch64 registers */
    { .name = "DACR", .cp = 15, .opc1 = 0, .crn = 3, .crm = 0, .opc2 = 0,
      .access = PL1_RW },
    /* a name QEMU does not share with the spec */
    { .name = "QEMU_PRIVATE_EL1", .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 0, .crn = 15, .crm = 0, .opc2 = 0, .access = PL1_RW },
    /* a name computed some other way: counted, not compared */
    { .name = make_name(cpu), .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 0, .crn = 15, .crm = 1, .opc2 = 0, .access = PL1_RW },
};

static void define_debug_regs(ARMCPU *cpu)
{
    for (int i = 0; i < 16; i++) {
        ARMCPRegInfo dbgregs[] = {
            { .name = g_strdup_printf("DBGBVR%d_EL1", i), .state = ARM_CP_STATE_AA64,
              .opc0 = 2, .opc1 = 0, .crn = 0, .crm = i, .opc2 = 4,
              .access = PL1_RW },
        };
        define_arm_cp_regs(cpu, dbgregs);
    }
}

/* not a cpreg: a property list has .name too */
static Property arm_cpu_properties[] = {
    { .name = "pmu", .info = &qdev_prop_bool },
};
