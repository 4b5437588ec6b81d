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
#include <strings.h>

#include "consumer.h"
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

static void def_line(struct strbuf *f, const struct gen_reg *r)
{
	sb_printf(f, "DEF(%s, %u, %u, %u, %u, %u)\n", r->name, r->op0, r->op1, r->crn, r->crm, r->op2);
}

static const struct gen_reg *find_named(const struct gen_reg *regs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(regs[i].name, name) == 0)
			return &regs[i];
	return NULL;
}

/* With --qemu-idlist: QEMU's own list, in its order and selection, with
 * the spec's names and encodings, then the feature ID registers it lacks
 * in encoding order, so that the file can replace QEMU's. */
static void emit_cpu_sysregs_like(struct emit_context *g, struct strbuf *f, const struct gen_reg *regs, size_t n)
{
	const struct consumer *base = g->consumer;
	struct strbuf added = {0}, kept = {0};
	bool *add = xcalloc(n + 1, sizeof(*add)); /* feature ID registers the base lacks */
	for (size_t i = 0; i < n; i++) {
		add[i] = gen_is_feature_id_register(&regs[i]);
		for (size_t k = 0; k < base->n_idlist && add[i]; k++)
			add[i] = strcasecmp(base->idlist[k].name, regs[i].name) != 0;
		if (add[i])
			sb_printf(&added, " %s", regs[i].name);
	}
	for (size_t k = 0; k < base->n_idlist; k++)
		if (!find_named(regs, n, base->idlist[k].name))
			sb_printf(&kept, " %s", base->idlist[k].name);
	sb_add(f, "/* ID registers, DEF(NAME, op0, op1, crn, crm, op2), in the order and selection of\n * ");
	c_comment_text(f, base->idlist_path);
	sb_add(f, ", with the spec's encodings; then the feature ID registers (op0 3,\n"
		  " * op1 0, CRn 0, CRm 1-7) it lacks, in encoding order:");
	c_comment_text(f, added.len ? added.s : " none");
	sb_add(f, ".");
	if (kept.len) {
		sb_add(f, "\n * Kept as the base has them (not in the spec):");
		c_comment_text(f, kept.s);
		sb_add(f, ".");
	}
	sb_add(f, " */\n");
	for (size_t k = 0; k < base->n_idlist; k++) {
		const struct consumer_reg *e = &base->idlist[k];
		const struct gen_reg *r = find_named(regs, n, e->name);
		if (r)
			def_line(f, r);
		else if (is_c_identifier(e->name))
			sb_printf(f, "DEF(%s, %u, %u, %u, %u, %u)\n", e->name, e->enc[0], e->enc[1], e->enc[2], e->enc[3],
				  e->enc[4]);
	}
	for (size_t i = 0; i < n; i++)
		if (add[i])
			def_line(f, &regs[i]);
	free(add);
	sb_free(&added);
	sb_free(&kept);
}

static void emit_cpu_sysregs(struct emit_context *g, const struct gen_reg *regs, size_t n)
{
	struct strbuf *f = gen_file_begin(g, "qemu-cpu-sysregs.h.inc", COMMENT_C);
	if (g->consumer && g->consumer->n_idlist) {
		emit_cpu_sysregs_like(g, f, regs, n);
		return;
	}
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
		def_line(f, sel[i]);
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
