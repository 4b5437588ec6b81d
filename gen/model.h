/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* The one model of a System Register specification.
 *
 * Front ends (xml.c, json.c) fill it; checks.c checks it; passes (resolve.c,
 * classify.c, the feature filter) add derived data; emitters (emit_*.c) only
 * read it.
 *
 * Every string is owned by model->arena. Every object keeps where it came
 * from (struct srcloc). Text from the spec is kept exactly: encodings such as
 * "0b1x11" or "0b0:m[2:0]" and conditions such as "When FEAT_D128 is
 * implemented and TCR2_EL1.D128 == 1" stay as written.
 */
#ifndef SYSREGGEN_MODEL_H
#define SYSREGGEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cond.h"
#include "util.h"

/* Which register file a page describes. Arm's pages say AArch64/AArch32 in
 * an attribute; external-debug pages have none; memory-mapped PMU/AMU pages
 * have none either but link to their register block (reg_parent_link). */
enum reg_state {
	STATE_AARCH64,
	STATE_AARCH32,
	STATE_EXT,  /* external debug / memory-mapped component (ext-*.xml) */
	STATE_MMAP, /* register blocks: PMU, AMU (pmu.*.xml, amu.*.xml) */
	STATE_COUNT
};
const char *reg_state_name(enum reg_state s);

/* Accessor kinds, as the spec names them ("MRS", "MSRregister", ...). */
enum acc_kind {
	ACC_MRS,
	ACC_MSRREGISTER,
	ACC_MRRS,
	ACC_MSRRREGISTER,
	ACC_MSRIMMEDIATE,
	ACC_MRSBANKED,
	ACC_MSRBANKED,
	ACC_MRC,
	ACC_MCR,
	ACC_MRRC,
	ACC_MCRR,
	ACC_VMRS,
	ACC_VMSR,
	ACC_LDC,
	ACC_STC,
	ACC_SYS,
	ACC_SYSL,
	ACC_SYSP,
	ACC_TLBI,
	ACC_TLBIP,
	ACC_AT,
	ACC_DC,
	ACC_IC,
	ACC_BLOCK, /* memory-mapped access to a register block (no encoding) */
	ACC_OTHER, /* any other instruction (CFP, GCSPUSHM, BRB, ...): kind_name says which */
	ACC_KIND_COUNT
};

enum { ACCESS_R = 1, ACCESS_W = 2 };

struct acc_kind_info {
	const char *name;     /* spelling in the spec */
	enum acc_kind kind;
	int width;            /* bits moved by one access: 32, 64, 128; 0 if none */
	unsigned access;      /* ACCESS_R / ACCESS_W for register moves */
	bool is_instruction;  /* system instruction (TLBI, AT, SYS...), not a register move */
};
const struct acc_kind_info *acc_kind_lookup(const char *name); /* NULL if unknown */
const struct acc_kind_info *acc_kind_info(enum acc_kind kind);

/* One named field of an encoding: op0/op1/CRn/CRm/op2 (AArch64),
 * coproc/opc1/CRn/CRm/opc2 (AArch32), or others (R, M, M1 for banked). */
struct enc_field {
	const char *name;
	const char *value; /* "0b0010", "0b1x11", "m[3:0]", "0b0:m[2:0]", "m[4]:0b10";
			    * after checks.c's encoding-values, always in that grammar */
	int line;          /* where the page gives it; 0: the accessor's line */
};

/* What an accessor turned out to name, decided by resolve.c. */
enum acc_role {
	ROLE_UNRESOLVED,
	ROLE_OWN,      /* names the register of its own page */
	ROLE_REDIRECT, /* names another register that has its own page (TTBR0_EL1 on the TTBR0_EL2 page) */
	ROLE_ALIAS,    /* a name with no page of its own: an alias of this page's register (TTBR0_EL12) */
	ROLE_SPACE,    /* an encoding space, not one register (S3_<op1>_C<Cn>_C<Cm>_<op2>) */
};

struct accessor {
	enum acc_kind kind;
	const char *kind_name; /* as in the spec: "MRS", "MSRregister", "TLBIP" */
	const char *name;      /* the name it accesses, e.g. "TTBR0_EL12", "DBGBVR<m>_EL1" */
	struct enc_field *enc;
	size_t n_enc;
	const char *condition; /* access condition as written, or NULL */
	const struct cond *cond; /* the same as a tree; NULL: always */
	bool is_array;         /* <acc_array var="m"> with a range */
	const char *array_var;
	int array_lo, array_hi;
	struct srcloc loc;

	/* filled by resolve.c */
	enum acc_role role;
	struct reg *target; /* the register it names (own page, redirect target, or alias owner) */
};

struct bit_range {
	int msb, lsb;
};

/* One element of an array of fields: CLIDR_EL1.Ctype<n> with n = 3 is
 * Ctype3 at bits 8:6. */
struct field_element {
	long index;
	int msb, lsb;
};

struct field {
	const char *name;          /* NULL for a reserved range */
	const char *rwtype;        /* reserved kind of an unnamed range: RES0, RES1, RAZ, RAZ/WI, UNKNOWN, ... */
	const char *reserved_type; /* named field that is reserved when its condition fails */
	struct bit_range *ranges;  /* most significant first; more than one for split fields */
	size_t n_ranges;
	bool is_constant;    /* a constant field (an IMPLEMENTATION DEFINED choice of values) */
	const char **values; /* enumerated values as written: "0b01", "0b0001..0b1111" */
	size_t n_values;
	const char *condition;
	const struct cond *cond;
	/* An array of fields (CLIDR_EL1's Ctype<n>, MAIR2_EL1's Attr<n>): the
	 * name holds <array_var>, and the field's bits are the elements', most
	 * significant first. NULL / 0 for a plain field. */
	const char *array_var;
	struct field_element *elements;
	size_t n_elements;
	struct srcloc loc;
};

struct fieldset {
	int width;
	const char *condition;
	const struct cond *cond;
	struct field *fields;
	size_t n_fields;
	struct srcloc loc;
};

/* A group of alias accessors that share one name (TTBR0_EL12: MRS, MSR,
 * MRRS, MSRR). Built by resolve.c. */
struct alias {
	const char *name;
	struct accessor **accs;
	size_t n_accs;
	/* filled by classify.c */
	int width;
	unsigned access;
	const struct accessor *acc128; /* the first 128-bit accessor, or NULL */
	const struct accessor *primary;
};

struct reg {
	const char *name;      /* "TTBR0_EL1", "DBGBVR<n>_EL1" */
	const char *long_name;
	enum reg_state state;
	bool is_register;      /* false for system-instruction pages (TLBI, AT, SYSP...) */
	const char *condition; /* presence condition as written */
	const struct cond *cond;
	bool is_array;
	const char *array_var;
	int array_lo, array_hi;
	const char *frame;  /* external/memory-mapped: component or frame */
	const char *offset; /* external/memory-mapped: offset text, "0x020" */
	const char *mm_access; /* external/memory-mapped: unconditional access type, "RW", "RO" */
	struct fieldset *fieldsets;
	size_t n_fieldsets;
	struct accessor *accessors; /* as written on the page */
	size_t n_accessors;
	struct srcloc loc;
	unsigned long long source_digest; /* of the page or JSON entry it came from: tells identical repeats */

	/* filled by resolve.c: every accessor that names this register, from
	 * its own page and from others (redirects), without repeats */
	struct accessor **refs;
	size_t n_refs;
	struct alias *aliases;
	size_t n_aliases;
	bool is_encoding_space; /* every accessor is an encoding space (S3_<op1>_<Cn>_<Cm>_<op2>) */

	/* filled by classify.c */
	int width;             /* widest access: 128 when MRRS/MSRR name it */
	unsigned access;       /* ACCESS_R | ACCESS_W */
	const struct accessor *acc128; /* the 128-bit accessor whose condition applies, or NULL */
	const struct accessor *primary; /* accessor whose encoding identifies it */
};

/* Counters for `stats`. */
enum page_kind {
	PAGE_AARCH64,
	PAGE_AARCH32,
	PAGE_EXT,
	PAGE_MMAP,
	PAGE_BLOCK,       /* register_block_page */
	PAGE_INDEX,       /* register_index, sysregindex */
	PAGE_ARCH_INFO,   /* architecture_info */
	PAGE_INSTR_DEFS,  /* access_instruction_defs */
	PAGE_UNKNOWN,     /* XML with another root element */
	/* files of a release or package that are not pages (sniff.c), never parsed */
	PAGE_NOTICE,      /* Arm's notice.xml, root <textsection> */
	PAGE_DTD,         /* *.dtd */
	PAGE_XSL,         /* XSL style sheets */
	PAGE_CSS,         /* CSS style sheets */
	PAGE_HTML,        /* rendered XHTML pages (xhtml/, diff-from-*), HTML docs */
	PAGE_DOCS,        /* documentation and licence texts */
	PAGE_JSON_SCHEMA, /* AARCHMRS schema/ */
	PAGE_JSON_INSTRUCTIONS, /* AARCHMRS Instructions.json */
	PAGE_JSON_OTHER,  /* JSON that is neither Registers.json nor Features.json */
	PAGE_OTHER,       /* none of these */
	PAGE_LINK,        /* links in an archive: never followed */
	PAGE_SPECIAL,     /* FIFOs, devices, sockets: never opened */
	PAGE_KIND_COUNT
};
#define PAGE_FIRST_OTHER_XML PAGE_BLOCK
#define PAGE_FIRST_NON_PAGE PAGE_NOTICE
const char *page_kind_name(enum page_kind k);
/* The kind of an XML file of the release that is not a register page, by
 * its root element (register_index -> PAGE_INDEX); PAGE_UNKNOWN for others. */
enum page_kind page_kind_of_root(const char *root);

struct skip_count {
	const char *reason;
	unsigned count;
};

/* Features.json: every feature (and architecture version) with the
 * constraints Arm gives for it, plus the file's global constraints. */
struct feature_param {
	const char *name;
	const struct cond **constraints;
	size_t n_constraints;
};

struct feature_db {
	bool loaded;
	const char *source;
	const char *architecture, *build, *timestamp; /* _meta.version */
	struct feature_param *params;
	size_t n_params, cap_params;
	const struct cond **constraints;
	size_t n_constraints, cap_constraints;
};

struct model {
	struct arena arena;
	const char *source;  /* what --spec named */
	const char *release; /* "SysReg_xml_A_profile-2025-03", or NULL */
	const char *release_build;     /* JSON _meta.version.build, or NULL */
	const char *release_timestamp; /* XML <timestamp> or JSON _meta.version.timestamp */
	const char *format;            /* "xml" or "json" */
	struct feature_db features;
	struct reg *regs;
	size_t n_regs, cap_regs;

	unsigned pages[PAGE_KIND_COUNT];
	unsigned files_read;
	unsigned acc_by_kind[ACC_KIND_COUNT];
	struct skip_count *skips;
	size_t n_skips, cap_skips;
};

void model_init(struct model *m);
void model_free(struct model *m);
struct reg *model_add_reg(struct model *m);
/* Free what a register (or fieldset) owns, not the object itself. */
void reg_free_contents(struct reg *r);
void fieldset_free_contents(struct fieldset *fs);
void model_count_skip(struct model *m, const char *reason); /* reason: a static string */
/* The names a user may give for a register: registers and, once resolved,
 * aliases, each once; free() the array, not the names. */
const char **model_register_names(const struct model *m, size_t *n);

/* ---- encodings ----
 * A value is a concatenation, most significant part first, of parts joined by
 * ':'. A part is a binary literal with optional "x" (any) bits, "0b1x11", or
 * a bit slice of a variable, "m[3:0]" or "m[4]". */
enum enc_status {
	ENC_OK,      /* a single number */
	ENC_ANY,     /* has "x" bits or names a variable other than the index: a set of encodings */
	ENC_INVALID, /* not of that form */
};
/* Check `value` against the grammar; on failure *why says what was expected. */
bool enc_value_valid(const char *value, const char **why);
/* A field's value as the model keeps it: bits, "x" for any bit ("0b01",
 * "0b1xxx"), or a range of such ("0b0001..0b1111"). Anything else is an
 * error in the front end that read it (a value written "0b00O1" was once
 * dropped without a word). */
bool field_value_valid(const char *value);
/* Evaluate with `var` bound to `index` (var may be NULL). */
enum enc_status enc_value_eval(const char *value, const char *var, long index, unsigned *out);
const char *accessor_enc(const struct accessor *a, const char *field); /* NULL if absent */
/* Bits of an instruction's encoding field: op0 2, op1 3, CRn 4, CRm 4, op2 3;
 * coproc 4, opc1 3 (4 for MRRC/MCRR), opc2 3. 0 when not architectural. */
int enc_field_width(enum acc_kind kind, const char *field);
bool accessor_has_x_bits(const struct accessor *a);
/* Bits of the array index that the encoding holds (m[3:0] and m[4]: 0x1f). */
unsigned long accessor_index_mask(const struct accessor *a);
bool accessor_is_128bit(const struct accessor *a);
bool accessor_is_register_move(const struct accessor *a);
/* Does the accessor's array range (if any) contain index? index < 0: any. */
bool accessor_covers(const struct accessor *a, long index);

/* What a set of accessors allows, over those covering array element `index`
 * (index < 0: all of them). Used by classify.c for whole registers and by
 * emitters for single array elements. */
struct access_summary {
	int width;           /* widest register move: 32, 64, 128; 0 if none */
	unsigned access;     /* ACCESS_R | ACCESS_W */
	const struct accessor *acc128; /* the first 128-bit accessor (MRRS/MSRR), or NULL */
	const struct accessor *primary;
};
void accessors_summarize(struct accessor *const *accs, size_t n, long index, struct access_summary *s);

/* How many of a layout's fields have a name: of several layouts, the one
 * naming most is the most informative (ID_PFR0_EL1's, not the UNKNOWN one). */
size_t fieldset_named_fields(const struct fieldset *fs);
/* The bits of element `index` of an array of fields from the page's range
 * specifier: "3(n-1)+2:3(n-1)" (CLIDR_EL1.Ctype<n>), "19+2x" (a single
 * bit; HAFGRTR_EL2's interleaved arrays), "17x". Sums, differences and
 * products of decimal numbers, the variable and parentheses; a number
 * before a parenthesis or the variable multiplies. False, with *why, when
 * it is not of that form or gives a bit outside 0..255. */
bool field_range_eval(const char *spec, const char *var, long index, int *msb, int *lsb, const char **why);
/* Check a field's elements (in any order) against its bits: each inside
 * them, none overlapping another; then sort them most significant first.
 * False, with *why, if not. */
bool field_elements_place(struct field *f, const char **why);

/* "DBGBVR<m>_EL1" and "DBGBVR<n>_EL1" name the same array: compare names
 * with every <...> placeholder treated as equal. */
int reg_name_cmp(const char *a, const char *b);
/* Replace the placeholder <var> in name by a decimal index. */
char *reg_name_expand(struct arena *a, const char *name, const char *var, long index);


#endif
