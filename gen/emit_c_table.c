// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* sysreg-table.h / sysreg-table.c: every AArch64 System register, array
 * elements expanded, sorted by encoding, with its fields per fieldset and
 * lookups by encoding (binary search) and by name. C11 and C++. */
#include <stdlib.h>
#include <string.h>

#include "generate.h"

static const char table_header[] =
	"#ifndef SYSREG_TABLE_H\n"
	"#define SYSREG_TABLE_H\n"
	"\n"
	"#include <stddef.h>\n"
	"#include <stdint.h>\n"
	"\n"
	"#ifdef __cplusplus\n"
	"extern \"C\" {\n"
	"#endif\n"
	"\n"
	"#define SYSREG_ACCESS_R 1u\n"
	"#define SYSREG_ACCESS_W 2u\n"
	"\n"
	"/* op0:op1:CRn:CRm:op2, the 16 bits MRS/MSR carry in bits [20:5] */\n"
	"#define SYSREG_ENCODING(op0, op1, crn, crm, op2) \\\n"
	"\t((uint16_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))\n"
	"\n"
	"struct sysreg_field {\n"
	"\tconst char *name; /* as the spec names it: \"BADDR\", \"VA[55:12]\" */\n"
	"\tuint8_t lsb;\n"
	"\tuint8_t width;     /* a field split over several ranges has an entry per range */\n"
	"};\n"
	"\n"
	"struct sysreg_fieldset {\n"
	"\tuint8_t width;         /* 64, or 128 for the layout used with 128-bit access */\n"
	"\tconst char *condition; /* when this layout applies, or NULL: always */\n"
	"\tconst struct sysreg_field *fields; /* named fields, most significant first */\n"
	"\tuint16_t n_fields;\n"
	"};\n"
	"\n"
	"struct sysreg_info {\n"
	"\tconst char *name;\n"
	"\tuint8_t op0, op1, crn, crm, op2;\n"
	"\tuint16_t encoding;         /* SYSREG_ENCODING(op0, op1, crn, crm, op2) */\n"
	"\tuint64_t kvm_key;          /* ARM64_SYS_REG(op0, op1, crn, crm, op2), KVM's 64-bit id form */\n"
	"\tuint8_t kvm_key_is_kvm_id; /* 0 where KVM's fixed ABI names that id otherwise (below) */\n"
	"\tuint8_t width;             /* 128 when MRRS/MSRR access it, else 64 */\n"
	"\tuint8_t access;            /* SYSREG_ACCESS_R | SYSREG_ACCESS_W */\n"
	"\tuint8_t allows_128;\n"
	"\tconst char *condition128;  /* condition of the 128-bit accessor, or NULL */\n"
	"\tconst struct sysreg_fieldset *fieldsets;\n"
	"\tuint8_t n_fieldsets;\n"
	"};\n"
	"\n"
	"/* KVM's ABI defines KVM_REG_ARM_TIMER_CVAL as ARM64_SYS_REG(3, 3, 14, 0, 2), the\n"
	" * encoding of CNTVCT_EL0, and KVM_REG_ARM_TIMER_CNT as ARM64_SYS_REG(3, 3, 14, 3, 2),\n"
	" * the encoding of CNTV_CVAL_EL0: for those two registers kvm_key is derived from\n"
	" * the encoding but is not the id KVM uses for them (kvm_key_is_kvm_id == 0). */\n"
	"\n"
	"extern const struct sysreg_info sysreg_table[];  /* sorted by encoding, then name */\n"
	"extern const size_t sysreg_table_count;\n"
	"\n"
	"/* The first register with this encoding (DBGDTRRX_EL0 and DBGDTRTX_EL0 share\n"
	" * one: the entries after it with the same encoding are the others), or NULL. */\n"
	"const struct sysreg_info *sysreg_by_encoding(uint16_t encoding);\n"
	"const struct sysreg_info *sysreg_by_name(const char *name);\n"
	"\n"
	"#ifdef __cplusplus\n"
	"}\n"
	"#endif\n"
	"\n"
	"#endif /* SYSREG_TABLE_H */\n";

static const char table_lookups[] =
	"const struct sysreg_info *sysreg_by_encoding(uint16_t encoding)\n"
	"{\n"
	"\tsize_t lo = 0, hi = sysreg_table_count;\n"
	"\twhile (lo < hi) {\n"
	"\t\tsize_t mid = lo + (hi - lo) / 2;\n"
	"\t\tif (sysreg_table[mid].encoding < encoding)\n"
	"\t\t\tlo = mid + 1;\n"
	"\t\telse\n"
	"\t\t\thi = mid;\n"
	"\t}\n"
	"\treturn lo < sysreg_table_count && sysreg_table[lo].encoding == encoding ? &sysreg_table[lo] : NULL;\n"
	"}\n"
	"\n"
	"const struct sysreg_info *sysreg_by_name(const char *name)\n"
	"{\n"
	"\tsize_t lo = 0, hi = sysreg_table_count;\n"
	"\twhile (lo < hi) {\n"
	"\t\tsize_t mid = lo + (hi - lo) / 2;\n"
	"\t\tint c = strcmp(sysreg_table[sysreg_name_order[mid]].name, name);\n"
	"\t\tif (c == 0)\n"
	"\t\t\treturn &sysreg_table[sysreg_name_order[mid]];\n"
	"\t\tif (c < 0)\n"
	"\t\t\tlo = mid + 1;\n"
	"\t\telse\n"
	"\t\t\thi = mid;\n"
	"\t}\n"
	"\treturn NULL;\n"
	"}\n";


/* Field arrays are shared by the elements of a register array: named by the
 * model register they come from. */
static size_t reg_id(const struct model *m, const struct reg *r)
{
	return (size_t)(r - m->regs);
}

static void emit_fieldsets(struct strbuf *c, const struct model *m, const struct reg *r)
{
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		const struct fieldset *fs = &r->fieldsets[i];
		size_t named = 0;
		for (size_t j = 0; j < fs->n_fields; j++)
			named += fs->fields[j].name != NULL;
		if (!named)
			continue;
		sb_printf(c, "static const struct sysreg_field fields_%zu_%zu[] = {\n", reg_id(m, r), i);
		for (size_t j = 0; j < fs->n_fields; j++) {
			const struct field *f = &fs->fields[j];
			for (size_t k = 0; f->name && k < f->n_ranges; k++) {
				sb_add(c, "\t{");
				c_string_literal(c, f->name);
				sb_printf(c, ", %d, %d},\n", f->ranges[k].lsb, f->ranges[k].msb - f->ranges[k].lsb + 1);
			}
		}
		sb_add(c, "};\n");
	}
	if (!r->n_fieldsets)
		return;
	sb_printf(c, "static const struct sysreg_fieldset fieldsets_%zu[] = {\n", reg_id(m, r));
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		const struct fieldset *fs = &r->fieldsets[i];
		size_t entries = 0;
		for (size_t j = 0; j < fs->n_fields; j++)
			entries += fs->fields[j].name ? fs->fields[j].n_ranges : 0;
		sb_printf(c, "\t{%d, ", fs->width);
		c_condition_literal(c, fs->cond);
		if (entries)
			sb_printf(c, ", fields_%zu_%zu, %zu},\n", reg_id(m, r), i, entries);
		else
			sb_add(c, ", NULL, 0},\n");
	}
	sb_add(c, "};\n\n");
}

static int cmp_by_name(const void *regs, size_t a, size_t b)
{
	return strcmp(((const struct gen_reg *)regs)[a].name, ((const struct gen_reg *)regs)[b].name);
}

bool emit_c_table(struct emit_context *g)
{
	const struct gen_reg *regs = g->view->regs;
	size_t n = g->view->n;
	sb_add(gen_file_begin(g, "sysreg-table.h", COMMENT_C), table_header);
	struct strbuf *c = gen_file_begin(g, "sysreg-table.c", COMMENT_C);
	sb_add(c, "#include <string.h>\n\n#include \"sysreg-table.h\"\n\n");
	bool *done = xcalloc(g->m->n_regs + 1, sizeof(*done));
	for (size_t i = 0; i < n; i++) {
		size_t id = reg_id(g->m, regs[i].reg);
		if (!done[id])
			emit_fieldsets(c, g->m, regs[i].reg);
		done[id] = true;
	}
	free(done);
	sb_add(c, "const struct sysreg_info sysreg_table[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const struct gen_reg *r = &regs[i];
		sb_add(c, "\t{");
		c_string_literal(c, r->name);
		sb_printf(c, ", %u, %u, %u, %u, %u, 0x%04x, 0x%016llxull, %d, %d, %u, %d, ", r->op0, r->op1, r->crn, r->crm,
			  r->op2, gen_encoding(r), (unsigned long long)gen_kvm_id64(r), !gen_kvm_abi_swapped(r->name),
			  r->allows_128 ? 128 : 64, r->access, r->allows_128);
		c_condition_literal(c, r->acc128 ? r->acc128->cond : NULL);
		if (r->reg->n_fieldsets)
			sb_printf(c, ", fieldsets_%zu, %zu},\n", reg_id(g->m, r->reg), r->reg->n_fieldsets);
		else
			sb_add(c, ", NULL, 0},\n");
	}
	sb_printf(c, "};\n\nconst size_t sysreg_table_count = %zu;\n\n", n);
	size_t *order = xcalloc(n + 1, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_indexes(order, n, cmp_by_name, regs);
	sb_add(c, "/* sysreg_table indexes in name order (strcmp) */\nstatic const uint16_t sysreg_name_order[] = {");
	for (size_t i = 0; i < n; i++)
		sb_printf(c, "%s%zu", i == 0 ? "\n\t" : i % 12 ? ", " : ",\n\t", order[i]);
	sb_add(c, "\n};\n\n");
	sb_add(c, table_lookups);
	free(order);
	return true;
}
