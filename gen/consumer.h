/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* What a consumer of the spec defines, for `audit`: a Linux tree (its
 * arch/arm64/tools/sysreg) or that file alone, a QEMU tree (ARMCPRegInfo
 * initializers in target/arm/ ** / *.c) or one such file, or a text file of
 * register names. */
#ifndef SYSREGGEN_CONSUMER_H
#define SYSREGGEN_CONSUMER_H

#include "util.h"

enum consumer_kind { CONSUMER_LINUX, CONSUMER_QEMU, CONSUMER_NAMES };

struct consumer_reg {
	const char *name;
	bool has_encoding;  /* the consumer gives one (names lists do not) */
	bool enc_known;     /* every field a number; false: a macro or expression */
	unsigned enc[5];    /* op0, op1, CRn, CRm, op2 */
	bool has128;        /* QEMU ARM_CP_128BIT; Linux has no 128-bit form */
	struct srcloc loc;
};

struct consumer {
	enum consumer_kind kind;
	const char *kind_name; /* "Linux sysreg file", "QEMU tree", ... */
	const char *path;
	struct consumer_reg *regs;
	size_t n_regs, cap_regs;
	unsigned files;
	unsigned aarch32_only; /* QEMU definitions for AArch32 only, not compared */
	unsigned computed_names; /* QEMU initializers whose .name is not a literal */
	struct arena arena;
};

/* Read PATH, telling its kind from what it is. Errors (file:line) through d. */
bool consumer_read(struct consumer *c, const char *path, struct diag *d);
void consumer_free(struct consumer *c);

#endif
