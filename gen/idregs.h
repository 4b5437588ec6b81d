/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* A pass after the register view: the ID registers (op0 3, op1 0, CRn 0)
 * with their fields, and Features.json's constraints that tie features to
 * ID fields (FEAT_PMULL <-> UInt(ID_AA64ISAR0_EL1.AES) >= 2). From these,
 * both ways: a feature set to the values that present it (idregs_solve),
 * and values to the features they imply (idregs_decode). */
#ifndef SYSREGGEN_IDREGS_H
#define SYSREGGEN_IDREGS_H

#include <stdint.h>

#include "features.h"
#include "view.h"

struct id_rule;

struct id_field {
	const char *name;
	const struct field *spec; /* the spec's field */
	int msb, lsb;
	bool is_signed;          /* a constraint reads it with SInt() (TGran4: 0b1111 is -1) */
	bool constrained;        /* some constraint reads it: the feature set decides it */
	long *candidates;        /* the values the spec defines, in the field's order */
	size_t n_candidates;
	long value;              /* solved or given: signed for is_signed fields */
	bool known;              /* decode: a value was given for all its bits, one the spec defines */
	bool undefined;          /* decode: the value given is none the spec defines */
	const struct id_rule *set_by; /* solve: the constraint that raised it last */
};

struct id_reg {
	const char *name;
	const struct accessor *acc; /* the accessor whose encoding identifies it */
	const struct gen_reg *g;    /* AArch64: its encoding and KVM id; NULL for AArch32 */
	struct id_field *fields;
	size_t n_fields;
	bool given;              /* decode: a value was given */
	uint64_t given_value;
	uint64_t given_known;    /* the bits given (a Firecracker bitmap's 0 and 1) */
};

/* One constraint read as "guards --> (feature <-> expr)", or, with feature
 * NULL, "guards --> expr"; expr reads ID fields with UInt()/SInt(). */
struct id_rule {
	const struct cond **guards; /* each must hold: features (FEAT_AA64EL1) */
	size_t n_guards;
	const struct cond *expr;
	struct id_field **fields;  /* the fields expr reads, in order (a field read twice is there twice) */
	size_t n_fields;
	const char *feature;
	long feature_index;       /* in the feature set, -1 when none */
	const struct cond *from;  /* the whole constraint, for messages */
	const char *owner;        /* the parameter it belongs to, or NULL */
};

struct idregs {
	struct arena arena;
	struct id_reg *regs;
	size_t n_regs, cap_regs;
	struct id_rule *rules;
	size_t n_rules, cap_rules;
	size_t skipped_rules; /* constraints on fields of registers that are not ID registers here (PMU.PMDEVID) */
	const struct feature_set *fs;
	bool aarch32;   /* the AArch32 ID registers */
};

/* The ID registers and the constraints that read them: AArch64 (op0 3,
 * op1 0, CRn 0, from the view) or, with aarch32, AArch32 (MRC p15 with
 * opc1 0 and CRn 0, and VMRS MVFR0-2). */
void idregs_build(struct idregs *ir, const struct model *m, const struct reg_view *view, const struct feature_set *fs,
		  bool aarch32);
void idregs_free(struct idregs *ir);
/* Each field to the smallest value (in the field's order) for which every
 * constraint holds for the feature set: its features true, the others
 * false. A conflict is an error naming the constraints. */
bool idregs_solve(struct idregs *ir, struct diag *d);
/* An ID register by name, in any case, with or without _EL1; by KVM id. */
struct id_reg *idregs_find(struct idregs *ir, const char *name);
struct id_reg *idregs_find_kvm(struct idregs *ir, uint64_t kvm_id);
/* A value read from a CPU: the bits of `known` (a Firecracker bitmap
 * leaves others 'x'); a field is known when all its bits are. */
void id_reg_give(struct id_reg *r, uint64_t value, uint64_t known);

/* What a set of given values says of each feature. */
enum id_verdict { ID_UNDECIDED, ID_IMPLEMENTED, ID_NOT_IMPLEMENTED };
struct id_decoded {
	enum id_verdict *verdict; /* per feature of the set's db */
	size_t n;
	const char **reserved;    /* "ID_AA64ISAR0_EL1.AES = 0b0101": values the spec does not define */
	size_t n_reserved, cap_reserved;
	struct arena arena;
};
void idregs_decode(const struct idregs *ir, struct id_decoded *out);
void id_decoded_free(struct id_decoded *dec);

/* The features an ID field's value serves: implemented features whose
 * constraint reads the field and holds. */
size_t id_field_features(const struct idregs *ir, const struct id_field *f, const char **out, size_t max);
/* The features a value of an ID field presents by itself, whatever the
 * feature set: those whose constraint reads this field (other fields at
 * their lowest values, no feature on its right) and holds for the value
 * (AES = 2: FEAT_AES and FEAT_PMULL), guards such as FEAT_AA64EL1 aside; in
 * Features.json's order. For the kernel's enum names. */
size_t id_field_value_features(const struct idregs *ir, const struct id_field *f, long value, const char **out,
				size_t max);
uint64_t id_reg_value(const struct id_reg *r);
uint64_t id_reg_decided_mask(const struct id_reg *r); /* the bits of constrained fields */

#endif
