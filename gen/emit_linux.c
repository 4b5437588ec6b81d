// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Linux:
 *  - linux-sysreg: blocks in the format of arch/arm64/tools/sysreg (input
 *    of the kernel's gen-sysreg.awk) for every AArch64 register with one
 *    unconditional 64-bit layout that the format can express, or for the
 *    registers named by --linux-regs;
 *  - linux-sysreg128.h: for the registers that allow 128-bit access, masks
 *    of the fields of their 128-bit layouts with GENMASK_U128(), and for
 *    assembler use (which evaluates at most 64-bit expressions) the high
 *    and low 64-bit halves of every mask and shift.
 *
 * Where a layout gives alternatives for the same bits (TTBR0_EL1.CnP when
 * FEAT_TTCNP is implemented, RES0 otherwise), the named field is written,
 * as the kernel's file does. Field values are not written as Enum blocks:
 * the kernel names each value (IMP, NI, ...) and the spec does not. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"
#include "linux.h"

/* ---- linux-sysreg ---- */

static bool named(const struct emit_context *g, const char *name)
{
	for (size_t i = 0; i < g->opt->n_linux_regs; i++)
		if (strcmp(g->opt->linux_regs[i], name) == 0)
			return true;
	return false;
}

/* --linux-regs names registers (or aliases) the spec has */
static bool check_named(struct emit_context *g)
{
	const struct gen_reg *regs = g->view->with_aliases;
	size_t n = g->view->n_with_aliases;
	bool ok = true;
	for (size_t i = 0; i < g->opt->n_linux_regs; i++) {
		bool found = false;
		for (size_t k = 0; k < n && !found; k++)
			found = strcmp(regs[k].name, g->opt->linux_regs[i]) == 0;
		if (found)
			continue;
		const char **names = xmalloc((n ? n : 1) * sizeof(*names));
		struct strbuf hint = {0};
		for (size_t k = 0; k < n; k++)
			names[k] = regs[k].name;
		suggest_nearest(&hint, g->opt->linux_regs[i], names, n);
		diag_error(g->d, NULL, "--linux-regs: no AArch64 register named '%s'%s", g->opt->linux_regs[i],
			   hint.s ? hint.s : "");
		sb_free(&hint);
		free(names);
		ok = false;
	}
	return ok;
}

static bool wanted(const struct emit_context *g, const struct linux_blocks *lb, const struct linux_block *b)
{
	if (!g->opt->linux_regs)
		return true;
	if (!b->is_fields)
		return named(g, b->name);
	for (size_t i = 0; i < lb->n; i++) /* a shared layout: when one of its users is written */
		if (!lb->blocks[i].is_fields && !lb->blocks[i].why && lb->blocks[i].fields &&
		    strcmp(lb->blocks[i].fields, b->name) == 0 && named(g, lb->blocks[i].name))
			return true;
	return false;
}

static bool emit_sysreg_file(struct emit_context *g, const struct linux_blocks *lb)
{
	struct strbuf *out = gen_file_begin_spdx(g, "linux-sysreg", COMMENT_HASH, g->opt->spdx);
	struct strbuf skipped = {0}, notes = {0};
	size_t written = 0, left_out = 0, shared = 0;
	const char *last_noted = NULL;
	bool ok = check_named(g);
	sb_add(out, "#\n# Enum value names follow rules over the spec and Features.json (README,\n"
		    "# \"Linux\"): NI, IMP, or the feature that introduces the value.\n");
	for (size_t i = 0; i < lb->n && ok; i++) {
		const struct linux_block *b = &lb->blocks[i];
		if (!wanted(g, lb, b))
			continue;
		if (linux_block_refused(b, g->d)) {
			ok = false;
			continue;
		}
		if (b->why) {
			if (g->opt->linux_regs) {
				diag_error(g->d, NULL, "--linux-regs: %s cannot be written in the sysreg format: %s", b->name,
					   b->why);
				ok = false;
			}
			comment_line(&skipped, "#   ", "%s: %s", b->name, b->why);
			left_out++;
			continue;
		}
		/* once per array: DBGBVR<n>_EL1, not each of its 16 registers */
		const char *noted = b->g && b->g->reg->is_array && !b->g->alias_of ? b->g->reg->name : b->name;
		if (b->note && !(last_noted && strcmp(last_noted, noted) == 0)) {
			comment_line(&notes, "#   ", "%s: %s", noted, b->note);
			last_noted = noted;
		}
		sb_add(out, "\n");
		linux_block_write(out, b);
		if (b->is_fields)
			shared++;
		else
			written++;
	}
	sb_printf(out, "\n# %zu registers written (%zu shared layouts); %zu left out, as the format cannot hold them:\n%s",
		  written, shared, left_out, skipped.s ? skipped.s : "");
	if (notes.s)
		sb_printf(out, "# Registers with several layouts for the feature set:\n%s", notes.s);
	sb_free(&skipped);
	sb_free(&notes);
	return ok;
}

/* ---- linux-sysreg128.h ---- */

typedef unsigned long long u64;

static void halves(const struct field *f, u64 *hi, u64 *lo, int *shift_hi, int *shift_lo)
{
	*hi = *lo = 0;
	*shift_hi = *shift_lo = -1;
	for (size_t k = 0; k < f->n_ranges; k++) {
		for (int b = f->ranges[k].lsb; b <= f->ranges[k].msb; b++) {
			if (b >= 64) {
				*hi |= 1ull << (b - 64);
				if (*shift_hi < 0 || b - 64 < *shift_hi)
					*shift_hi = b - 64;
			} else {
				*lo |= 1ull << b;
				if (*shift_lo < 0 || b < *shift_lo)
					*shift_lo = b;
			}
		}
	}
}

static void define(struct strbuf *out, const char *prefix, const char *field, const char *suffix, const char *fmt, ...)
	PRINTF_LIKE(5, 6);

static void define(struct strbuf *out, const char *prefix, const char *field, const char *suffix, const char *fmt, ...)
{
	struct strbuf name = {0}, value = {0};
	va_list ap;
	sb_printf(&name, "%s_%s%s", prefix, field, suffix);
	va_start(ap, fmt);
	sb_vprintf(&value, fmt, ap);
	va_end(ap);
	sb_printf(out, "#define %-48s %s\n", name.s, value.s);
	sb_free(&name);
	sb_free(&value);
}

static void field_defines(struct strbuf *out, const char *prefix, const char *id, const struct field *f)
{
	u64 hi, lo;
	int shift_hi, shift_lo, width = 0, lsb = 128;
	halves(f, &hi, &lo, &shift_hi, &shift_lo);
	struct strbuf mask = {0};
	for (size_t k = 0; k < f->n_ranges; k++) {
		sb_printf(&mask, "%sGENMASK_U128(%d, %d)", k ? " | " : "", f->ranges[k].msb, f->ranges[k].lsb);
		width += f->ranges[k].msb - f->ranges[k].lsb + 1;
		if (f->ranges[k].lsb < lsb)
			lsb = f->ranges[k].lsb;
	}
	define(out, prefix, id, "_MASK", f->n_ranges > 1 ? "(%s)" : "%s", mask.s ? mask.s : "0");
	define(out, prefix, id, "_SHIFT", "%d", lsb);
	define(out, prefix, id, "_WIDTH", "%d", width);
	define(out, prefix, id, "_MASK_HI", "_AC(0x%016llx, ULL)", hi);
	define(out, prefix, id, "_MASK_LO", "_AC(0x%016llx, ULL)", lo);
	if (shift_hi >= 0)
		define(out, prefix, id, "_SHIFT_HI", "%d", shift_hi);
	if (shift_lo >= 0)
		define(out, prefix, id, "_SHIFT_LO", "%d", shift_lo);
	sb_free(&mask);
}

static void emit_fieldset128(struct strbuf *out, const char *prefix, const struct fieldset *fs)
{
	struct strbuf cond = {0};
	cond_print(&cond, fs->cond);
	sb_add(out, "/* layout when: ");
	c_comment_text(out, cond.s ? cond.s : "");
	sb_add(out, " */\n");
	sb_free(&cond);
	struct arena ids = {0};
	const char **seen = xcalloc(fs->n_fields + 1, sizeof(*seen));
	size_t n_seen = 0;
	for (size_t j = 0; j < fs->n_fields; j++) {
		const struct field *f = &fs->fields[j];
		bool placeholder;
		const char *id = f->name ? linux_field_name(&ids, f->name, &placeholder) : NULL;
		if (!id || placeholder)
			continue;
		bool dup = false;
		for (size_t k = 0; k < n_seen; k++)
			dup |= strcmp(seen[k], id) == 0;
		if (dup) /* "PA" twice (PA[55:52], PA[51:12]): tell them apart by their lsb */
			id = arena_printf(&ids, "%s_%d", id, f->ranges[f->n_ranges - 1].lsb);
		else
			seen[n_seen++] = id;
		field_defines(out, prefix, id, f);
	}
	free(seen);
	arena_free(&ids);
}

static void emit_sysreg128(struct emit_context *g, const struct gen_reg *regs, size_t n)
{
	struct strbuf *out = gen_file_begin_spdx(g, "linux-sysreg128.h", COMMENT_C, g->opt->spdx);
	sb_add(out, "#ifndef SYSREGGEN_LINUX_SYSREG128_H\n#define SYSREGGEN_LINUX_SYSREG128_H\n\n"
		    "/*\n"
		    " * Fields of the 128-bit layouts (FEAT_D128): <REG>_128_<FIELD>_MASK with\n"
		    " * GENMASK_U128() (<linux/bits.h>, C only), and for assembler use the 64-bit\n"
		    " * halves _MASK_HI (bits 127:64) and _MASK_LO (bits 63:0), with _SHIFT_HI and\n"
		    " * _SHIFT_LO the lowest bit of the field within each half it occupies.\n"
		    " * A register with several 128-bit layouts numbers them: <REG>_128_<n>_<FIELD>.\n"
		    " */\n");
	for (size_t i = 0; i < n; i++) {
		const struct gen_reg *r = &regs[i];
		if (!r->allows_128)
			continue;
		size_t wide = 0, k = 0;
		for (size_t j = 0; j < r->reg->n_fieldsets; j++)
			wide += r->reg->fieldsets[j].width == 128;
		for (size_t j = 0; j < r->reg->n_fieldsets; j++) {
			const struct fieldset *fs = &r->reg->fieldsets[j];
			if (fs->width != 128)
				continue;
			struct strbuf prefix = {0};
			if (wide > 1)
				sb_printf(&prefix, "%s_128_%zu", r->name, k++);
			else
				sb_printf(&prefix, "%s_128", r->name);
			sb_printf(out, "\n/* %s (%u, %u, %u, %u, %u) */\n", r->name, r->op0, r->op1, r->crn, r->crm, r->op2);
			emit_fieldset128(out, prefix.s, fs);
			sb_free(&prefix);
		}
	}
	sb_add(out, "\n#endif /* SYSREGGEN_LINUX_SYSREG128_H */\n");
}

bool emit_linux(struct emit_context *g)
{
	struct linux_blocks lb;
	linux_blocks_build(&lb, g);
	bool ok = emit_sysreg_file(g, &lb);
	linux_blocks_free(&lb);
	emit_sysreg128(g, g->view->regs, g->view->n);
	return ok;
}
