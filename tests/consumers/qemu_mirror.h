/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* A stand-in for QEMU's target/arm/cpregs.h as the FEAT_SYSREG128 series
 * (v2, October 2025) has it: the ARMCPRegInfo members and constants named in
 * the formats reference, so that the generated initializers can be compiled
 * as QEMU would compile them. Written for this test, not copied from QEMU. */
#ifndef QEMU_MIRROR_H
#define QEMU_MIRROR_H

#include <stddef.h>
#include <stdint.h>

typedef struct CPUARMState CPUARMState;
typedef struct ARMCPRegInfo ARMCPRegInfo;
typedef int CPAccessFn(CPUARMState *env, const ARMCPRegInfo *ri, int isread);
typedef uint64_t CPReadFn(CPUARMState *env, const ARMCPRegInfo *ri);
typedef void CPWriteFn(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t value);
typedef unsigned __int128 CPRead128Fn(CPUARMState *env, const ARMCPRegInfo *ri);
typedef void CPWrite128Fn(CPUARMState *env, const ARMCPRegInfo *ri, unsigned __int128 value);
typedef void CPResetFn(CPUARMState *env, const ARMCPRegInfo *ri);

enum { ARM_CP_STATE_AA32 = 0, ARM_CP_STATE_AA64 = 1, ARM_CP_STATE_BOTH = 2 };

enum {
	ARM_CP_CONST = 1 << 1, ARM_CP_64BIT = 1 << 2, ARM_CP_ALIAS = 1 << 3, ARM_CP_IO = 1 << 4,
	ARM_CP_NO_RAW = 1 << 5, ARM_CP_NO_GDB = 1 << 14, ARM_CP_128BIT = 1 << 23,
};

/* PL<n>_R, _W, _RW: access rights from EL<n> up */
enum {
	PL3_R = 0x80, PL3_W = 0x40, PL2_R = 0x20 | PL3_R, PL2_W = 0x10 | PL3_W,
	PL1_R = 0x08 | PL2_R, PL1_W = 0x04 | PL2_W, PL0_R = 0x02 | PL1_R, PL0_W = 0x01 | PL1_W,
	PL3_RW = PL3_R | PL3_W, PL2_RW = PL2_R | PL2_W, PL1_RW = PL1_R | PL1_W, PL0_RW = PL0_R | PL0_W,
};

#define CP_REG_SIZE_U128 0x0040000000000000ULL
#define CP_REG_AA64_128BIT_SHIFT 30

struct ARMCPRegInfo {
	const char *name;
	uint8_t cp, crn, crm, opc0, opc1, opc2;
	int state;
	int type;
	int access;
	int secure;
	int fgt;
	ptrdiff_t nv2_redirect_offset;
	uint32_t vhe_redir_to_el2, vhe_redir_to_el01;
	uint64_t resetvalue;
	ptrdiff_t fieldoffset;
	ptrdiff_t fieldoffsethi; /* FEAT_SYSREG128: the high 64 bits */
	ptrdiff_t bank_fieldoffsets[2];
	CPAccessFn *accessfn;
	CPReadFn *readfn;
	CPWriteFn *writefn;
	CPReadFn *raw_readfn;
	CPWriteFn *raw_writefn;
	CPResetFn *resetfn;
	CPAccessFn *access128fn;
	CPRead128Fn *read128fn;
	CPWrite128Fn *write128fn;
	CPRead128Fn *raw_read128fn;
	CPWrite128Fn *raw_write128fn;
};

#endif
