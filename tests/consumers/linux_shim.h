/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* What the kernel's generated sysreg header expects from its build, written
 * for this test with the kernel's semantics (include/linux/bits.h,
 * arch/arm64/include/asm/sysreg.h): not copied from the kernel. */
#ifndef LINUX_SHIM_H
#define LINUX_SHIM_H
#include <stdbool.h> /* the awk writes _SIGNED as true or false */
#define UL(x) (x##UL)
#define _AC(x, y) (x##y)
#define GENMASK(h, l) ((~0UL - (1UL << (l)) + 1) & (~0UL >> (63 - (h))))
#define GENMASK_ULL(h, l) ((~0ULL - (1ULL << (l)) + 1) & (~0ULL >> (63 - (h))))
/* GENMASK_U128(h, l): bits h..l of an unsigned __int128, as the kernel's
 * __GENMASK_U128: (BIT128(h) << 1) - BIT128(l), wrapping at h = 127 */
#define BIT128(x) ((unsigned __int128)1 << (x))
#define GENMASK_U128(h, l) ((BIT128(h) << 1) - BIT128(l))
#define sys_reg(op0, op1, crn, crm, op2) \
	(((op0) << 19) | ((op1) << 16) | ((crn) << 12) | ((crm) << 8) | ((op2) << 5))
#endif
