/* written for the tests: a brace that never closes */
static const ARMCPRegInfo r[] = {
    { .name = "TTBR0_EL1", .state = ARM_CP_STATE_AA64,
      .opc0 = 3, .opc1 = 0, .crn = 2, .crm = 0, .opc2 = 0,
};
