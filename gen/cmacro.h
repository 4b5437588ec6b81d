/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* C macros, as far as `audit` needs them to read a consumer's tables: the
 * #define lines of a file (object-like and function-like, with # and ##),
 * and their expansion in a piece of text. Linux's KVM writes its register
 * table through them (DBG_BCR_BVR_WCR_WVR_EL1(n), ID_SANITISED(name),
 * PTRAUTH_KEY(APIA)), and the encodings it names through more of them in
 * asm/sysreg.h (SYS_PMEVCNTRn_EL0(n) is sys_reg(3, 3, 14, __CNTR_CRm(n),
 * __PMEV_op2(n))). Not a C preprocessor: no conditionals, no includes. */
#ifndef SYSREGGEN_CMACRO_H
#define SYSREGGEN_CMACRO_H

#include "util.h"

struct cmacro {
	const char *name;
	bool function;       /* NAME(params) */
	const char **params; /* function-like: the parameter names */
	size_t n_params;
	const char *body;
};

struct cmacros {
	struct cmacro *v;
	size_t n, cap;
	struct arena *arena; /* the names and bodies */
};

/* Add the #define lines of `text` (comments and line continuations
 * handled); a later definition of a name replaces an earlier one. */
void cmacros_read(struct cmacros *ms, const char *text);
const struct cmacro *cmacros_find(const struct cmacros *ms, const char *name, size_t len);
void cmacros_free(struct cmacros *ms);

/* Expand the macros in [s, s + n) into out, rescanning the result, except
 * those named in `stop` (NULL-terminated), which are left as written.
 * False when the expansion nests deeper than 32 or grows past 1 MiB (a
 * macro that calls itself). */
bool cmacros_expand(const struct cmacros *ms, const char *s, size_t n, const char *const *stop, struct strbuf *out);

#endif
