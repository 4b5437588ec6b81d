/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* What a consumer of the spec defines, for `audit`: a Linux tree (its
 * arch/arm64/tools/sysreg) or that file alone, a QEMU tree (ARMCPRegInfo
 * initializers in target/arm/ ** / *.c) or one such file, or a text file of
 * register names. */
#ifndef SYSREGGEN_CONSUMER_H
#define SYSREGGEN_CONSUMER_H

#include "fswalk.h"
#include "util.h"

enum consumer_kind { CONSUMER_LINUX, CONSUMER_QEMU, CONSUMER_NAMES };

struct consumer_reg {
	const char *name;
	bool has_encoding;  /* the consumer gives one (names lists do not) */
	bool enc_known;     /* every field a number; false: a macro or expression */
	unsigned enc[5];    /* op0, op1, CRn, CRm, op2 */
	bool has128;        /* QEMU ARM_CP_128BIT; Linux has no 128-bit form */
	/* QEMU: where the value lives, and what the initializer gets wrong */
	bool has_fieldoffset, has_fieldoffsethi;
	bool has_read128fn;             /* .read128fn, .readfn128 or .raw_read128fn */
	bool has_accessors;             /* .readfn, .writefn or ARM_CP_CONST */
	const char *duplicate_member;   /* a member given twice ("fieldoffset"), or NULL */
	const char *made_by;            /* NULL: written out; else how QEMU makes it (an EL12 alias, a loop) */
	bool assumed;                   /* made by a loop whose bound is not a constant */
	struct srcloc loc;
};

struct consumer {
	enum consumer_kind kind;
	const char *kind_name; /* "Linux sysreg file", "QEMU tree", ... */
	const char *path;
	struct consumer_reg *regs;
	size_t n_regs, cap_regs;
	unsigned files;
	unsigned links_skipped; /* symbolic links in the tree: never followed */
	unsigned aarch32_only; /* QEMU definitions for AArch32 only, not compared */
	unsigned computed_names; /* QEMU initializers whose .name is neither a literal nor a loop's */
	unsigned loops;          /* QEMU initializers in a loop, g_strdup_printf names */
	/* QEMU's ID register list, target/arm/cpu-sysregs.h.inc:
	 * DEF(NAME, op0, op1, crn, crm, op2) lines, in the file's order */
	struct consumer_reg *idlist;
	size_t n_idlist, cap_idlist;
	const char *idlist_path;
	/* A Linux tree's KVM: arch/arm64/kvm/sys_regs.c's sys_reg_descs[],
	 * macros expanded, names resolved through asm/sysreg.h and the sysreg
	 * file. made_by is the table entry that makes it. */
	struct consumer_reg *kvm;
	size_t n_kvm, cap_kvm;
	const char *kvm_path;
	struct arena arena;
};

/* Read PATH, telling its kind from what it is. Errors (file:line) through d.
 * A QEMU tree's target/arm/cpu-sysregs.h.inc, or such a file alone, fills
 * idlist. */
bool consumer_read(struct consumer *c, const char *path, const struct read_limits *lim, struct diag *d);
/* The same for one file's text, already read (it is changed in place), and
 * KVM's table (sys_regs.c's text, changed in place; asm/sysreg.h's or
 * NULL) into c: for the fuzz targets. */
bool consumer_read_text(struct consumer *c, const char *path, char *text, size_t len, struct diag *d);
bool consumer_read_kvm_text(struct consumer *c, const char *path, char *table, const char *header, struct diag *d);
void consumer_free(struct consumer *c);

#endif
