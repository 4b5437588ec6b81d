/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* `sysreggen generate`: code for kernels, hypervisors, emulators and
 * firmware. Each output format is one emitter (emit.h's interface, in
 * emit_c_table.c, emit_kvm.c, emit_qemu.c, emit_linux.c, emit_json.c) and
 * one entry of the table in generate.c. Emitters read the model and append
 * files to the context; generate.c writes them all or none. */
#ifndef SYSREGGEN_GENERATE_H
#define SYSREGGEN_GENERATE_H

#include "emit.h"
#include "features.h"
#include "model.h"
#include "output.h"
#include "view.h"

/* generate's emitters, one or two files each. */
emit_fn emit_c_table; /* emit_c_table.c */
emit_fn emit_kvm;     /* emit_kvm.c */
emit_fn emit_qemu;    /* emit_qemu.c */
emit_fn emit_linux;   /* emit_linux.c */
emit_fn emit_json;    /* emit_json.c */

/* The table of emitters, in output order. */
extern const struct emitter emitters[];
extern const size_t emitter_count;
const struct emitter *emitter_find(const char *name);

/* Start a file; the banner comes first, in the file's comment syntax (a C
 * block comment, '#' lines, or none for JSON, which carries it as members). */
enum comment_style { COMMENT_C, COMMENT_HASH, COMMENT_NONE };
struct strbuf *gen_file_begin(struct emit_context *g, const char *name, enum comment_style style);
/* The same, first line "SPDX-License-Identifier: <spdx>" (NULL: none) */
struct strbuf *gen_file_begin_spdx(struct emit_context *g, const char *name, enum comment_style style,
				   const char *spdx);
/* "sysreggen 0.1.0; spec ...; feature set ...; generated, do not edit" lines */
void gen_banner_lines(const struct emit_context *g, struct strbuf *out, const char *prefix);
/* "FEAT_D128, FEAT_THE" or "none (everything the spec has)" */
void gen_feature_text(const struct feature_set *fs, struct strbuf *out);

/* Run the emitters named in `only` (NULL: all), then write every file to
 * `dir` through temporary files, renamed only when all were written (a
 * failure leaves the directory as it was). With `check_only`, write
 * nothing: list the files that would change; returns 1 if any would. */
int generate_run(struct emit_context *g, const char *dir, const char *const *only, size_t n_only, bool check_only);

#endif
