// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen idregs`: the ID register values that present a feature set,
 * as text, JSON, C, QEMU's FIELD_DP64 lines or a Firecracker CPU template;
 * `sysreggen decode`: the features ID register values imply. The values
 * are idregs.c's, solved before emitting. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "idregs.h"

enum { MAX_FIELD_FEATURES = 16 };

/* "3,0,0,6,0"; AArch32: "15,0,0,1,0", or "reg=7" for VMRS MVFR0 */
static void encoding_text(struct strbuf *out, const struct id_reg *r)
{
	format_encoding(out, r->acc, -1);
}

/* The register's fields the feature set leaves at 0 because no constraint
 * reads them. */
static void unconstrained(struct strbuf *out, const struct id_reg *r, const char *sep, bool json)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_fields; i++) {
		if (r->fields[i].constrained)
			continue;
		sb_add(out, n++ ? sep : "");
		if (json)
			json_string(out, r->fields[i].name);
		else
			sb_add(out, r->fields[i].name);
	}
}

/* "# feature set: FEAT_D128, FEAT_PMULL (and what they imply: 88 features)" */
static void feature_set_line(struct strbuf *out, const struct feature_set *fs)
{
	size_t named = 0, on = 0;
	sb_add(out, "# feature set: the AArch64 base");
	for (size_t k = 0; k < fs->n; k++) {
		size_t i = fs->by_name[k];
		on += fs->on[i];
		if (fs->on[i] && fs->why[i] == WHY_NAMED)
			sb_printf(out, "%s%s", named++ ? ", " : ", ", fs->db->params[i].name);
	}
	sb_printf(out, " (and what they imply: %zu features)\n", on);
}

/* The features a field shows, as before F1 sep F2 after; nothing if none. */
static void field_features(struct strbuf *out, const struct idregs *ir,
			   const struct id_field *f, const char *before, const char *sep, const char *after)
{
	const char *feats[MAX_FIELD_FEATURES];
	size_t n = id_field_features(ir, f, feats, MAX_FIELD_FEATURES);
	for (size_t j = 0; j < n; j++)
		sb_printf(out, "%s%s", j ? sep : before, feats[j]);
	if (n)
		sb_add(out, after);
}

static void idregs_text(struct strbuf *out, const struct idregs *ir)
{
	feature_set_line(out, ir->fs);
	sb_printf(out, "# %zu constraints of Features.json read these registers' fields; %zu others read fields of no"
		       " ID register here (the other state's, PMU.PMDEVID) and are not used\n",
		  ir->n_rules, ir->skipped_rules);
	sb_add(out, "# REGISTER\tENCODING\tVALUE; then each non-zero field: FIELD\tBITS\tVALUE\tFEATURES\n");
	for (size_t i = 0; i < ir->n_regs; i++) {
		const struct id_reg *r = &ir->regs[i];
		sb_printf(out, "%s\t", r->name);
		encoding_text(out, r);
		sb_printf(out, "\t0x%016" PRIx64 "\n", id_reg_value(r));
		for (size_t k = 0; k < r->n_fields; k++) {
			const struct id_field *f = &r->fields[k];
			if (f->value == 0)
				continue;
			sb_printf(out, "\t%s\t%d:%d\t%ld\t", f->name, f->msb, f->lsb, f->value);
			field_features(out, ir, f, "", " ", "");
			sb_add(out, "\n");
		}
		struct strbuf u = {0};
		unconstrained(&u, r, " ", false);
		if (u.s)
			sb_printf(out, "\t# 0, no constraint reads them: %s\n", u.s);
		sb_free(&u);
	}
}

static void idregs_json(struct strbuf *out, const struct idregs *ir)
{
	sb_add(out, "[");
	for (size_t i = 0; i < ir->n_regs; i++) {
		const struct id_reg *r = &ir->regs[i];
		sb_add(out, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
		json_string(out, r->name);
		sb_add(out, ", \"encoding\": \"");
		encoding_text(out, r);
		sb_printf(out, "\", \"value\": \"0x%016" PRIx64 "\", \"fields\": {", id_reg_value(r));
		for (size_t k = 0; k < r->n_fields; k++) {
			sb_add(out, k ? ", " : "");
			json_string(out, r->fields[k].name);
			sb_printf(out, ": %ld", r->fields[k].value);
		}
		sb_add(out, "}, \"features\": {");
		size_t shown = 0;
		for (size_t k = 0; k < r->n_fields; k++) {
			const char *feats[MAX_FIELD_FEATURES];
			size_t n = id_field_features(ir, &r->fields[k], feats, MAX_FIELD_FEATURES);
			if (!n)
				continue;
			sb_add(out, shown++ ? ", " : "");
			json_string(out, r->fields[k].name);
			sb_add(out, ": [");
			for (size_t j = 0; j < n; j++) {
				sb_add(out, j ? ", " : "");
				json_string(out, feats[j]);
			}
			sb_add(out, "]");
		}
		sb_add(out, "}, \"unconstrained\": [");
		unconstrained(out, r, ", ", true);
		sb_add(out, "]}");
	}
	sb_add(out, "\n]\n");
}

static void idregs_c(struct strbuf *out, const struct idregs *ir)
{
	sb_add(out, "#ifndef SYSREGGEN_IDREGS_H\n#define SYSREGGEN_IDREGS_H\n\n");
	for (size_t i = 0; i < ir->n_regs; i++) {
		const struct id_reg *r = &ir->regs[i];
		sb_printf(out, "#define %s_VALUE 0x%016" PRIx64 "ULL /* ", r->name, id_reg_value(r));
		encoding_text(out, r);
		sb_add(out, " */\n");
	}
	sb_add(out, "\n#endif\n");
}

/* QEMU names an ID register without _EL1 (ID_AA64ISAR0) and its fields in
 * capitals (ATOMIC), as target/arm/cpu-features.h's FIELD()s do. */
static void qemu_name(struct strbuf *out, const char *name, bool strip_el1)
{
	size_t n = strlen(name);
	if (strip_el1 && n > 4 && strcmp(name + n - 4, "_EL1") == 0)
		n -= 4;
	for (size_t i = 0; i < n; i++)
		sb_printf(out, "%c", name[i] >= 'a' && name[i] <= 'z' ? name[i] - 'a' + 'A' : name[i]);
}

static void idregs_qemu(struct strbuf *out, const struct idregs *ir)
{
	for (size_t i = 0; i < ir->n_regs; i++) {
		const struct id_reg *r = &ir->regs[i];
		if (id_reg_value(r) == 0)
			continue;
		struct strbuf reg = {0};
		qemu_name(&reg, r->name, true);
		sb_printf(out, "    t = GET_IDREG(isar, %s);\n", reg.s);
		for (size_t k = 0; k < r->n_fields; k++) {
			const struct id_field *f = &r->fields[k];
			if (f->value == 0)
				continue;
			sb_printf(out, "    t = FIELD_DP64(t, %s, ", reg.s);
			qemu_name(out, f->name, false);
			/* the field's bits: TGran4 = -1 is 0xf, as QEMU writes it */
			sb_printf(out, ", %ld);", f->value < 0 ? (long)(f->value & ((1L << (f->msb - f->lsb + 1)) - 1)) : f->value);
			field_features(out, ir, f, " /* ", ", ", " */");
			sb_add(out, "\n");
		}
		sb_printf(out, "    SET_IDREG(isar, %s, t);\n", reg.s);
		sb_free(&reg);
	}
}

/* A Firecracker CPU template: each ID register's KVM id and a bitmap that
 * sets the fields the feature set decides and leaves 'x' elsewhere. */
static void idregs_kvm(struct strbuf *out, const struct idregs *ir)
{
	sb_add(out, "{\n  \"reg_modifiers\": [");
	size_t shown = 0;
	for (size_t i = 0; i < ir->n_regs; i++) {
		const struct id_reg *r = &ir->regs[i];
		uint64_t mask = id_reg_decided_mask(r), value = id_reg_value(r);
		if (!mask || !r->g) /* AArch32 registers have no KVM id of their own */
			continue;
		sb_printf(out, "%s\n    {\"addr\": \"0x%016" PRIx64 "\", \"bitmap\": \"0b", shown++ ? "," : "",
			  gen_kvm_id64(r->g));
		for (int bit = 63; bit >= 0; bit--)
			sb_add(out, !((mask >> bit) & 1) ? "x" : ((value >> bit) & 1) ? "1" : "0");
		sb_add(out, "\"}");
	}
	sb_add(out, "\n  ]\n}\n");
}

bool emit_idregs(struct emit_context *c)
{
	struct strbuf *out = emit_output(c);
	const char *fmt = c->opt->format ? c->opt->format : "text";
	if (strcmp(fmt, "json") == 0)
		idregs_json(out, c->idregs);
	else if (strcmp(fmt, "c") == 0)
		idregs_c(out, c->idregs);
	else if (strcmp(fmt, "qemu") == 0)
		idregs_qemu(out, c->idregs);
	else if (strcmp(fmt, "kvm") == 0)
		idregs_kvm(out, c->idregs);
	else
		idregs_text(out, c->idregs);
	return true;
}

static void json_names(struct strbuf *out, const char *key, const struct feature_set *fs,
		       const struct id_decoded *dec, enum id_verdict v, bool last)
{
	sb_printf(out, "  \"%s\": [", key);
	size_t n = 0;
	for (size_t k = 0; k < fs->n; k++) {
		size_t i = fs->by_name[k];
		if (dec->verdict[i] != v)
			continue;
		sb_add(out, n++ ? ", " : "");
		json_string(out, fs->db->params[i].name);
	}
	sb_printf(out, "]%s\n", last ? "" : ",");
}

/* decode: the implemented features, one per line, sorted; or JSON. A
 * value the spec does not define for a field is reported, not guessed. */
bool emit_decode(struct emit_context *c)
{
	struct strbuf *out = emit_output(c);
	const struct feature_set *fs = c->idregs->fs;
	struct id_decoded dec;
	idregs_decode(c->idregs, &dec);
	for (size_t i = 0; i < dec.n_reserved; i++)
		diag_warning(c->d, NULL, "%s", dec.reserved[i]);
	if (c->opt->json || (c->opt->format && strcmp(c->opt->format, "json") == 0)) {
		sb_add(out, "{\n");
		json_names(out, "implemented", fs, &dec, ID_IMPLEMENTED, false);
		json_names(out, "not_implemented", fs, &dec, ID_NOT_IMPLEMENTED, false);
		json_names(out, "unknown", fs, &dec, ID_UNDECIDED, false);
		sb_add(out, "  \"reserved\": [");
		for (size_t i = 0; i < dec.n_reserved; i++) {
			sb_add(out, i ? ", " : "");
			json_string(out, dec.reserved[i]);
		}
		sb_add(out, "]\n}\n");
	} else {
		for (size_t k = 0; k < fs->n; k++)
			if (dec.verdict[fs->by_name[k]] == ID_IMPLEMENTED)
				sb_printf(out, "%s\n", fs->db->params[fs->by_name[k]].name);
	}
	id_decoded_free(&dec);
	return true;
}
