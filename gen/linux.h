/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* The registers as the kernel's arch/arm64/tools/sysreg describes them:
 * one block per register (Sysreg NAME op0 op1 CRn CRm op2), its layout as
 * slots (Field, Res0, Res1, Unkn, Enum, UnsignedEnum, SignedEnum), enum
 * values named by rules over the spec and Features.json. Built from the
 * model and its views for linux-sysreg (emit_linux.c) and linux-update
 * (emit_linux_update.c); the kernel's own file is read by linux_file.c. */
#ifndef SYSREGGEN_LINUX_H
#define SYSREGGEN_LINUX_H

#include "emit.h"
#include "view.h"

struct linux_value {
	unsigned long long value;
	const char *name;
	int line; /* linux_file.c: where the kernel's file has it */
};

struct linux_slot {
	int msb, lsb;
	const char *keyword; /* Field, Res0, Res1, Unkn, Raz, Enum, UnsignedEnum, SignedEnum */
	const char *name;    /* Field and enums; NULL for reserved bits */
	struct linux_value *values;
	size_t n_values;
	int line, end_line;  /* linux_file.c: where the kernel's file has it (end: EndEnum) */
};

struct linux_block {
	const char *name;
	bool is_fields;      /* a SysregFields block (a shared layout), not a Sysreg */
	unsigned op0, op1, crn, crm, op2;
	struct linux_slot *slots; /* most significant first */
	size_t n_slots;
	const char *fields;  /* Sysreg whose layout is the SysregFields of this name ("Fields CPACR_ELx") */
	const char *why;     /* left out: why the format cannot hold it; NULL: written */
	const char *note;    /* the layout chosen among several, said in the file */
	const char *too_long; /* a macro name the kernel's awk could not print (LINUX_AWK_MAX_NAME), or NULL */
	const struct gen_reg *g;
	int line, end_line;  /* linux_file.c: Sysreg and EndSysreg lines */
};

struct linux_blocks {
	struct arena arena;
	struct linux_block *blocks; /* in encoding order, then name */
	size_t n, cap;
};

/* Every AArch64 register and alias of the view, with the layout for the
 * run's feature set (or, with none, every feature on: AArch64 with AArch32
 * support); layouts shared by NAME_EL1, NAME_EL2, NAME_EL12 ... become one
 * SysregFields NAME_ELx block placed before its first user. */
void linux_blocks_build(struct linux_blocks *lb, const struct emit_context *g);
/* The kernel's gen-sysreg.awk prints every macro as printf("%-56s%s",
 * "#define " NAME, VALUE) (Linux 6.12 and 7.1): a NAME of 48 characters or
 * more is glued to its value ("..._SHIFT60"). Blocks that would need one
 * are refused (linux_block_refused). */
enum { LINUX_AWK_MAX_NAME = 47 };
/* A block whose names the awk cannot print: an error at the register's
 * page and line, and true. */
bool linux_block_refused(const struct linux_block *b, struct diag *d);
void linux_blocks_free(struct linux_blocks *lb);
const struct linux_block *linux_blocks_find(const struct linux_blocks *lb, const char *name);

/* "\t0b0010\tNAME<suffix>\n": a value of the enum s, as wide as its bits */
void linux_value_write(struct strbuf *out, const struct linux_slot *s, unsigned long long value, const char *name,
		       const char *suffix);
/* A slot's line(s) in the kernel's format: "Field\t7:4\tNAME", an enum with
 * its values and EndEnum. */
void linux_slot_write(struct strbuf *out, const struct linux_slot *s);
/* "Sysreg\tNAME\t3\t0\t..." or "SysregFields\tNAME", the slots (or
 * "Fields\tNAME"), and the end line. */
void linux_block_write(struct strbuf *out, const struct linux_block *b);
bool linux_slot_is_enum(const struct linux_slot *s);
/* "BADDR[47:1]" -> "BADDR", "IMPLEMENTATION DEFINED" -> "IMPDEF", "Perm<m>"
 * -> "Perm" with *placeholder set: a C identifier in the arena, or NULL */
const char *linux_field_name(struct arena *a, const char *name, bool *placeholder);

#endif
