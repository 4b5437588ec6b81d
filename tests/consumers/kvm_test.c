// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Consumer test of kvm-sysregs.h against the real arm64 KVM uapi headers
 * (Debian linux-libc-dev-arm64-cross: -I/usr/aarch64-linux-gnu/include).
 * The expected ids are typed from the KVM table of the formats reference
 * (shared/reference/formats.md), not taken from sysreggen. */
#include <stdio.h>
#include <string.h>

#include <linux/kvm.h>

#include "kvm-sysregs.h"

#define CHECK_REG(NAME, op0, op1, crn, crm, op2, id64, id128)                                           \
	_Static_assert(KVM_REG_ARM64_SYSREG_##NAME == ARM64_SYS_REG(op0, op1, crn, crm, op2), #NAME);    \
	_Static_assert(KVM_REG_ARM64_SYSREG128_##NAME ==                                                 \
			       (__ARM64_SYS_REG(op0, op1, crn, crm, op2) | KVM_REG_SIZE_U128), #NAME);          \
	_Static_assert(KVM_REG_ARM64_SYSREG_##NAME == id64##ULL, #NAME " 64-bit id");                     \
	_Static_assert(KVM_REG_ARM64_SYSREG128_##NAME == id128##ULL, #NAME " 128-bit id");                \
	_Static_assert(KVM_REG_SIZE(KVM_REG_ARM64_SYSREG128_##NAME) == 16, #NAME " is 16 bytes");         \
	_Static_assert(KVM_REG_SIZE(KVM_REG_ARM64_SYSREG_##NAME) == 8, #NAME " is 8 bytes");

#ifdef KVM_REG_ARM64_SYSREG128_TTBR0_EL1
CHECK_REG(TTBR0_EL1, 3, 0, 2, 0, 0, 0x603000000013c100, 0x604000000013c100)
CHECK_REG(TTBR1_EL1, 3, 0, 2, 0, 1, 0x603000000013c101, 0x604000000013c101)
CHECK_REG(PAR_EL1, 3, 0, 7, 4, 0, 0x603000000013c3a0, 0x604000000013c3a0)
CHECK_REG(TTBR0_EL2, 3, 4, 2, 0, 0, 0x603000000013e100, 0x604000000013e100)
CHECK_REG(TTBR1_EL2, 3, 4, 2, 0, 1, 0x603000000013e101, 0x604000000013e101)
CHECK_REG(VTTBR_EL2, 3, 4, 2, 1, 0, 0x603000000013e108, 0x604000000013e108)
#endif
#ifdef KVM_REG_ARM64_SYSREG128_RCWMASK_EL1
CHECK_REG(RCWSMASK_EL1, 3, 0, 13, 0, 3, 0x603000000013c683, 0x604000000013c683)
CHECK_REG(RCWMASK_EL1, 3, 0, 13, 0, 6, 0x603000000013c686, 0x604000000013c686)
#endif

/* The agreed D128 VM list: these six, 128-bit ids in place of 64-bit ones. */
static const unsigned long long agreed[] = {
	0x604000000013c100ULL, 0x604000000013c101ULL, 0x604000000013c3a0ULL,
	0x604000000013e100ULL, 0x604000000013e101ULL, 0x604000000013e108ULL,
};

int main(int argc, char **argv)
{
	int expect_d128 = argc > 1 && strcmp(argv[1], "d128") == 0, bad = 0;
	size_t n = KVM_SYSREG_IDS_D128_COUNT;
	if (!expect_d128) {
		if (n != 0) {
			printf("FAIL: %zu ids in a VM list generated without FEAT_D128\n", n);
			return 1;
		}
		printf("kvm: no 128-bit definitions without FEAT_D128; header compiles\n");
		return 0;
	}
	if (n != sizeof(agreed) / sizeof(agreed[0])) {
		printf("FAIL: %zu ids in the D128 VM list, expected 6\n", n);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned long long id = kvm_sysreg_ids_d128[i], old = kvm_sysreg_ids_d128_replaces[i];
		int found = 0;
		for (size_t k = 0; k < n; k++)
			found |= agreed[k] == id;
		if (!found || KVM_REG_SIZE(id) != 16 || KVM_REG_SIZE(old) != 8 ||
		    (id & ~KVM_REG_SIZE_MASK) != (old & ~KVM_REG_SIZE_MASK)) {
			printf("FAIL: entry %zu: 0x%016llx replacing 0x%016llx\n", i, id, old);
			bad = 1;
		}
	}
	if (!bad)
		printf("kvm: %zu ids agree with the uapi headers and the agreed D128 list\n", n);
	return bad;
}
