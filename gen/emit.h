/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Emitters: read the model (never change it) and append text to a buffer.
 * main.c writes the buffer out only when everything succeeded. */
#ifndef SYSREGGEN_EMIT_H
#define SYSREGGEN_EMIT_H

#include "features.h"
#include "model.h"

struct list_options {
	bool only128;   /* --128 */
	bool aliases;   /* --aliases */
	bool expand;    /* --expand: one line per array element */
	int state;      /* -1: all; else a reg_state (STATE_EXT also takes STATE_MMAP) */
};

void emit_list(struct strbuf *out, const struct model *m, const struct list_options *o);
/* Returns the number of registers shown (0: nothing by that name). */
size_t emit_show(struct strbuf *out, const struct model *m, const char *name, int state, const struct feature_set *fs);

/* `features`: a feature set's members and why each is in it. */
void emit_features(struct strbuf *out, const struct feature_set *fs);
/* `condition`: a condition's canonical form and value. */
void emit_condition(struct strbuf *out, const struct cond *c, const struct feature_set *fs);
void emit_stats(struct strbuf *out, const struct model *m, const struct diag *d);

/* `diff OLD NEW`: semantic changes; returns how many. */
struct diff_options {
	int state;     /* -1: all */
	bool only128;  /* --128: only what affects 128-bit access */
	bool json;
};
size_t emit_diff(struct strbuf *out, const struct model *old, const struct model *new, const struct diff_options *o);

/* `audit --against PATH`: returns the findings --fail-on can name. */
struct consumer;
enum { AUDIT_MISSING128 = 1, AUDIT_MISMATCH = 2 };
struct reg_view;
unsigned emit_audit(struct strbuf *out, const struct model *m, const struct reg_view *view, const struct consumer *con,
		    bool as_json);

/* ---- shared formatting (emit_common.c) ---- */

/* The model in canonical order, as text or JSON (model_dump.c): `dump`
 * and generate's sysregs.json. */
void model_dump(struct strbuf *out, const struct model *m, int state, bool as_json);

/* A JSON string literal (NULL: null). */
void json_string(struct strbuf *out, const char *s);

/* "3,0,2,0,0" (AArch64 op0..op2), "15,0,2,0,0" (AArch32 coproc..opc2, "-"
 * for fields an instruction lacks), other encodings as "n=v" pairs. Fields
 * that do not evaluate to one number (x bits, an unexpanded index) are
 * written as in the spec. `index` < 0: no array element chosen. */
void format_encoding(struct strbuf *out, const struct accessor *a, long index);
/* A field's bit ranges, "87:80" then "47:5" joined by sep. */
void format_ranges(struct strbuf *out, const struct field *f, const char *sep);
/* "R", "W", "RW" or "-" */
const char *access_name(unsigned access);
/* A C string literal, escaped. */
void c_string_literal(struct strbuf *out, const char *s);
/* Text inside a C or '#' comment: no newline, and no star-slash that would
 * close it. */
void c_comment_text(struct strbuf *out, const char *s);
/* A condition in canonical form, as a C string literal or NULL. */
void c_condition_literal(struct strbuf *out, const struct cond *c);

/* Natural order: DBGBVR2_EL1 before DBGBVR10_EL1. */
int natural_cmp(const char *a, const char *b);

#endif
