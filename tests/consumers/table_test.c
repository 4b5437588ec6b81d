// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Consumer test of sysreg-table.h / sysreg-table.c, built as C11 and as
 * C++: every register is found by name and by encoding, the table is in
 * encoding order, and the facts the formats reference and Arm's TTBR0_EL1
 * page give are there. */
#include <stdio.h>
#include <string.h>

#include "sysreg-table.h"

static int failures;

static void fail(const char *what, const char *name)
{
	printf("FAIL: %s: %s\n", what, name);
	failures++;
}

static void check_ttbr0_el1(void)
{
	const struct sysreg_info *r = sysreg_by_name("TTBR0_EL1");
	if (!r || r->encoding != SYSREG_ENCODING(3, 0, 2, 0, 0) || r->kvm_key != 0x603000000013c100ull ||
	    !r->allows_128 || r->width != 128 || r->access != (SYSREG_ACCESS_R | SYSREG_ACCESS_W)) {
		fail("TTBR0_EL1 identity", "TTBR0_EL1");
		return;
	}
	/* Arm's page: the 128-bit layout has BADDR at 87:80 and 47:5 */
	int baddr_hi = 0, baddr_lo = 0;
	for (unsigned i = 0; i < r->n_fieldsets; i++) {
		const struct sysreg_fieldset *fs = &r->fieldsets[i];
		for (unsigned k = 0; fs->width == 128 && k < fs->n_fields; k++) {
			if (strcmp(fs->fields[k].name, "BADDR") != 0)
				continue;
			baddr_hi |= fs->fields[k].lsb == 80 && fs->fields[k].width == 8;
			baddr_lo |= fs->fields[k].lsb == 5 && fs->fields[k].width == 43;
		}
	}
	if (!baddr_hi || !baddr_lo)
		fail("TTBR0_EL1 128-bit BADDR at 87:80 and 47:5", "TTBR0_EL1");
}

int main(void)
{
	size_t n128 = 0;
	for (size_t i = 0; i < sysreg_table_count; i++) {
		const struct sysreg_info *r = &sysreg_table[i];
		if (sysreg_by_name(r->name) != r)
			fail("by name", r->name);
		const struct sysreg_info *e = sysreg_by_encoding(r->encoding);
		while (e && e != r && e + 1 < sysreg_table + sysreg_table_count && e[1].encoding == r->encoding)
			e++;
		if (e != r)
			fail("by encoding", r->name);
		if (r->encoding != SYSREG_ENCODING(r->op0, r->op1, r->crn, r->crm, r->op2))
			fail("encoding fields", r->name);
		if (i && sysreg_table[i - 1].encoding > r->encoding)
			fail("encoding order", r->name);
		if (r->kvm_key != (0x6030000000130000ull | r->encoding))
			fail("kvm key", r->name);
		for (unsigned f = 0; f < r->n_fieldsets; f++)
			for (unsigned k = 0; k < r->fieldsets[f].n_fields; k++)
				if (r->fieldsets[f].fields[k].lsb + r->fieldsets[f].fields[k].width > r->fieldsets[f].width)
					fail("field beyond its fieldset", r->name);
		n128 += r->allows_128;
	}
	if (sysreg_by_name("NO_SUCH_REGISTER") || sysreg_by_encoding(SYSREG_ENCODING(0, 0, 0, 0, 0)))
		fail("lookups of what does not exist", "-");
	if (sysreg_table_count < 600)
		fail("fewer than 600 registers", "-");
	check_ttbr0_el1();
	printf("table: %zu registers looked up by name and by encoding, %zu allow 128-bit access, %d failures\n",
	       sysreg_table_count, n128, failures);
	return failures != 0;
}
