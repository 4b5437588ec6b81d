/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* `sysreggen generate`: code for kernels, hypervisors, emulators and
 * firmware. Each output format is one emitter (emit_c_table.c,
 * emit_kvm.c, emit_qemu.c, emit_linux.c, emit_json.c) and one entry of the
 * table in generate.c. Emitters read the model and append files to the
 * context; generate.c writes them all or none. */
#ifndef SYSREGGEN_GENERATE_H
#define SYSREGGEN_GENERATE_H

#include "emit.h"
#include "features.h"
#include "model.h"
#include "output.h"
#include "view.h"

struct gen_context {
	const struct model *m;
	const struct feature_set *fs;     /* the feature set of the run (maybe inactive) */
	const struct feature_set *kvm_fs; /* --kvm-features: what a D128-enabled VM has */
	const struct reg_view *view;      /* the AArch64 registers, computed once (view.c) */
	const char **linux_regs;          /* --linux-regs, or NULL */
	size_t n_linux_regs;
	const char *version;
	struct diag *d;
	struct out_file *files;
	size_t n_files, cap_files;
};

struct emitter {
	const char *name;    /* for --emit */
	const char *summary; /* for --help */
	bool (*emit)(struct gen_context *g);
	const char *files[3]; /* the files it writes, NULL-terminated */
};

bool emit_c_table(struct gen_context *g); /* emit_c_table.c */
bool emit_kvm(struct gen_context *g);     /* emit_kvm.c */
bool emit_qemu(struct gen_context *g);    /* emit_qemu.c */
bool emit_linux(struct gen_context *g);   /* emit_linux.c */
bool emit_json(struct gen_context *g);    /* emit_json.c */

/* The table of emitters, in output order. */
extern const struct emitter emitters[];
extern const size_t emitter_count;
const struct emitter *emitter_find(const char *name);

/* Start a file; the banner comes first, in the file's comment syntax (a C
 * block comment, '#' lines, or none for JSON, which carries it as members). */
enum comment_style { COMMENT_C, COMMENT_HASH, COMMENT_NONE };
struct strbuf *gen_file_begin(struct gen_context *g, const char *name, enum comment_style style);
/* "sysreggen 0.1.0; spec ...; feature set ...; generated, do not edit" lines */
void gen_banner_lines(const struct gen_context *g, struct strbuf *out, const char *prefix);
/* "FEAT_D128, FEAT_THE" or "none (everything the spec has)" */
void gen_feature_text(const struct feature_set *fs, struct strbuf *out);

/* Run the emitters named in `only` (NULL: all), then write every file to
 * `dir` through temporary files, renamed only when all were written (a
 * failure leaves the directory as it was). With `check_only`, write
 * nothing: list the files that would change; returns 1 if any would. */
int generate_run(struct gen_context *g, const char *dir, const char *const *only, size_t n_only, bool check_only);

#endif
