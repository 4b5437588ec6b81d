/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Emitters: read the model (never change it) and append their output to
 * the context; main.c and generate.c write it out only when everything
 * succeeded. One interface for the commands' output and generate's files;
 * shared formatting below (emit_common.c). */
#ifndef SYSREGGEN_EMIT_H
#define SYSREGGEN_EMIT_H

#include "features.h"
#include "model.h"

struct consumer;
struct idregs;
struct reg_view;
struct out_file;
struct linux_file;

/* The choices of a run that emitters read (main.c fills it in). */
struct emit_options {
	int state;            /* --state: -1 all; else a reg_state (STATE_EXT also takes STATE_MMAP) */
	bool only128;         /* --128 */
	bool aliases;         /* list --aliases */
	bool expand;          /* list --expand: one line per array element */
	bool all;             /* features --all: every feature and version */
	bool json;            /* --format json, diff --json */
	const char *format;   /* --format as given (idregs: text, json, c, qemu, kvm); NULL: the default */
	char **args;          /* the command's arguments: show's NAMEs, condition's TEXTs */
	int n_args;
	unsigned max_depth;   /* --max-depth, for condition's TEXTs */
	unsigned fail_on;     /* audit --fail-on: AUDIT_* */
	const char **linux_regs; /* generate --linux-regs, or NULL */
	size_t n_linux_regs;
	const char *spdx;        /* generate --spdx: the licence of the Linux outputs */
	bool report;             /* linux-update --report */
};

/* What every emitter gets: the model after the passes and the views
 * derived from it, all read-only, and where its output goes. */
struct emit_context {
	const struct model *m;
	const struct model *old;          /* diff: the older spec (m is the newer) */
	const struct feature_set *fs;     /* the feature set of the run (maybe inactive) */
	const struct feature_set *kvm_fs; /* generate --kvm-features: what a D128-enabled VM has */
	const struct reg_view *view;      /* the AArch64 registers, computed once (view.c) */
	const struct consumer *consumer;  /* audit --against */
	const struct idregs *idregs;      /* idregs: solved for fs; decode: with the values given */
	const struct emit_options *opt;
	const char *version;
	struct diag *d;                   /* errors and, for stats, what loading reported */
	struct out_file *files;           /* the output: named files (generate), or one unnamed */
	size_t n_files, cap_files;
	int status; /* the exit status when all went well: diff 1 for changes, audit 1 for a --fail-on finding */
	const struct linux_file *linux_base; /* linux-update: the kernel's sysreg file */
	const struct idregs *idregs32;       /* generate, linux-update: the AArch32 ID registers (ID_ISAR5) */
};

/* An emitter appends its output to the context and returns false when it
 * reported an error. A command's emitter writes one unnamed output
 * (emit_output(): stdout or -o FILE); generate's write named files
 * (generate.h). */
typedef bool emit_fn(struct emit_context *c);
struct emitter {
	const char *name;
	const char *summary;
	emit_fn *emit;
	const char *files[3]; /* the files it writes, NULL-terminated; none for a command */
};

/* The one unnamed output of a command, started on first use. */
struct strbuf *emit_output(struct emit_context *c);

/* The commands' emitters, one file each. */
emit_fn emit_list;      /* emit_list.c: one register per line */
emit_fn emit_show;      /* emit_show.c: everything about the registers named (false: one was not found) */
emit_fn emit_stats;     /* emit_stats.c: counts of the load, even of one with errors */
emit_fn emit_dump;      /* model_dump.c: the model in canonical order */
emit_fn emit_features;  /* emit_features.c: a feature set's members and why */
emit_fn emit_condition; /* emit_features.c: conditions in canonical form and their value */
emit_fn emit_diff;      /* emit_diff.c: the semantic changes from old to m */
emit_fn emit_audit;     /* emit_audit.c: what a consumer covers */
emit_fn emit_idregs;    /* emit_idregs.c: the ID register values of a feature set */
emit_fn emit_decode;    /* emit_idregs.c: the features ID register values imply */
emit_fn emit_linux_update; /* emit_linux_update.c: the kernel's sysreg file updated to the spec */
enum { AUDIT_MISSING128 = 1, AUDIT_MISMATCH = 2, AUDIT_CPREG128 = 4, LINUX_CONFLICT = 8 };

/* ---- shared formatting (emit_common.c) ---- */

/* The model in canonical order, as text or JSON (model_dump.c): for
 * emit_dump and generate's sysregs.json. */
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
/* One comment line: prefix ("# ", " * "), then the formatted text as
 * c_comment_text() writes it (names and paths from the input may hold
 * anything), then a newline. */
void comment_line(struct strbuf *out, const char *prefix, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* A condition in canonical form, as a C string literal or NULL. */
void c_condition_literal(struct strbuf *out, const struct cond *c);


#endif
