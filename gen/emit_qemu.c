// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* QEMU:
 *  - qemu-cpregs128.c.inc: an ARMCPRegInfo initializer per register that
 *    allows 128-bit access, in the shape of QEMU's FEAT_SYSREG128 series:
 *    defined once at its maximal width with ARM_CP_128BIT, the two halves
 *    of its state named by SYSREG128_LO(NAME) / SYSREG128_HI(NAME), macros
 *    the including file defines;
 *  - qemu-cpu-sysregs.h.inc: QEMU's DEF(NAME, op0, op1, crn, crm, op2)
 *    list of ID registers, with the selection rules of QEMU's script:
 *    op0 == 3, op1 in {0, 1, 3}, CRn == 0, CRm <= 7, names without ALLINT,
 *    PM, S1_, S3_, SVCR, and not CCSIDR_EL1, CCSIDR2_EL1, VMPIDR_EL2,
 *    VPIDR_EL2; sorted by name. */
#include <stdlib.h>
#include <string.h>

#include "generate.h"

static const char *access_for(const char *name, unsigned access)
{
	static const char *const rw[] = {"PL0_RW", "PL1_RW", "PL2_RW", "PL3_RW"};
	static const char *const r[] = {"PL0_R", "PL1_R", "PL2_R", "PL3_R"};
	static const char *const w[] = {"PL0_W", "PL1_W", "PL2_W", "PL3_W"};
	int el = gen_name_el(name);
	if (el < 0)
		el = 1;
	if (access == (ACCESS_R | ACCESS_W))
		return rw[el];
	return access == ACCESS_R ? r[el] : w[el];
}

static void emit_cpregs128(struct emit_context *g, const struct gen_reg *regs, size_t n)
{
	struct strbuf *f = gen_file_begin(g, "qemu-cpregs128.c.inc", COMMENT_C);
	sb_add(f, "/* ARMCPRegInfo for the registers that allow 128-bit access (FEAT_SYSREG128).\n"
		  " * The including file defines SYSREG128_LO(NAME) and SYSREG128_HI(NAME) as the\n"
		  " * offsets of the low and high 64 bits of NAME's state. */\n");
	for (size_t i = 0; i < n; i++) {
		const struct gen_reg *r = &regs[i];
		if (!r->allows_128)
			continue;
		sb_add(f, "{ .name = ");
		c_string_literal(f, r->name);
		sb_add(f, ", .state = ARM_CP_STATE_AA64,\n");
		sb_printf(f, "  .opc0 = %u, .opc1 = %u, .crn = %u, .crm = %u, .opc2 = %u,\n", r->op0, r->op1, r->crn, r->crm,
			  r->op2);
		sb_printf(f, "  .access = %s, .type = ARM_CP_128BIT,\n", access_for(r->name, r->access));
		sb_printf(f, "  .fieldoffset = SYSREG128_LO(%s),\n", r->name);
		sb_printf(f, "  .fieldoffsethi = SYSREG128_HI(%s),\n", r->name);
		sb_add(f, "  .resetvalue = 0 },\n");
	}
}

static bool qemu_selects(const struct gen_reg *r)
{
	static const char *const skip_parts[] = {"ALLINT", "PM", "S1_", "S3_", "SVCR"};
	static const char *const skip_names[] = {"CCSIDR_EL1", "CCSIDR2_EL1", "VMPIDR_EL2", "VPIDR_EL2"};
	if (r->op0 != 3 || !(r->op1 == 0 || r->op1 == 1 || r->op1 == 3) || r->crn != 0 || r->crm > 7)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(skip_parts); i++)
		if (strstr(r->name, skip_parts[i]))
			return false;
	for (size_t i = 0; i < ARRAY_LEN(skip_names); i++)
		if (strcmp(r->name, skip_names[i]) == 0)
			return false;
	return true;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(const struct gen_reg *const *)a)->name, (*(const struct gen_reg *const *)b)->name);
}

static void emit_cpu_sysregs(struct emit_context *g, const struct gen_reg *regs, size_t n)
{
	struct strbuf *f = gen_file_begin(g, "qemu-cpu-sysregs.h.inc", COMMENT_C);
	sb_add(f, "/* ID registers, DEF(NAME, op0, op1, crn, crm, op2), sorted by name: op0 == 3,\n"
		  " * op1 in {0, 1, 3}, CRn == 0, CRm <= 7, without ALLINT, PM, S1_, S3_, SVCR,\n"
		  " * CCSIDR_EL1, CCSIDR2_EL1, VMPIDR_EL2, VPIDR_EL2. */\n");
	const struct gen_reg **sel = xcalloc(n + 1, sizeof(*sel));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (qemu_selects(&regs[i]))
			sel[k++] = &regs[i];
	if (k)
		qsort(sel, k, sizeof(*sel), cmp_name);
	for (size_t i = 0; i < k; i++)
		sb_printf(f, "DEF(%s, %u, %u, %u, %u, %u)\n", sel[i]->name, sel[i]->op0, sel[i]->op1, sel[i]->crn,
			  sel[i]->crm, sel[i]->op2);
	free(sel);
}

bool emit_qemu(struct emit_context *g)
{
	const struct gen_reg *regs = g->view->regs;
	size_t n = g->view->n;
	emit_cpregs128(g, regs, n);
	emit_cpu_sysregs(g, regs, n);
	return true;
}
