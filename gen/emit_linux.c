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

/* ---- linux-sysreg ---- */

struct slot {
	int msb, lsb;
	const char *keyword; /* Field, Res0, Res1, Unkn, Raz */
	const char *name;    /* in the emitter's arena */
};

static const char *reserved_keyword(const char *rwtype)
{
	static const struct {
		const char *spec, *linux;
	} kinds[] = {{"RES0", "Res0"}, {"RES1", "Res1"}, {"UNKNOWN", "Unkn"}, {"RAZ", "Raz"}, {"RAZ/WI", "Raz"}};
	for (size_t i = 0; rwtype && i < ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i].spec, rwtype) == 0)
			return kinds[i].linux;
	return NULL;
}

/* "BADDR[47:1]" -> "BADDR", "IMPLEMENTATION DEFINED" -> "IMPDEF": a C
 * identifier in the arena, or NULL */
static const char *field_identifier(struct arena *a, const char *name)
{
	if (strcmp(name, "IMPLEMENTATION DEFINED") == 0)
		name = "IMPDEF";
	size_t n = strcspn(name, "[");
	if (n == 0 || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return NULL;
	return arena_strndup(a, name, n);
}

/* The one layout Linux's format can hold, or NULL with *why set. */
static const struct fieldset *unconditional_layout(const struct reg *r, const char **why)
{
	const struct fieldset *found = NULL;
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		const struct fieldset *fs = &r->fieldsets[i];
		if (fs->width != 64 || fs->cond)
			continue;
		if (found) {
			*why = "more than one unconditional 64-bit layout";
			return NULL;
		}
		found = fs;
	}
	if (!found)
		*why = r->n_fieldsets ? "no unconditional 64-bit layout" : "no layout in the spec";
	return found;
}

static int cmp_slot(const void *a, const void *b)
{
	return ((const struct slot *)b)->msb - ((const struct slot *)a)->msb;
}

/* One slot per bit range: the named field among alternatives, else the
 * reserved kind. Fails (with *why, in the arena) when the format cannot say
 * it. `slots` holds 64. */
static bool layout_slots(struct arena *a, const struct fieldset *fs, struct slot *slots, size_t *n, const char **why)
{
	*n = 0;
	for (size_t j = 0; j < fs->n_fields; j++) {
		const struct field *f = &fs->fields[j];
		if (f->n_ranges != 1) {
			*why = "a field split over several bit ranges";
			return false;
		}
		size_t k = 0;
		while (k < *n && !(slots[k].msb == f->ranges[0].msb && slots[k].lsb == f->ranges[0].lsb))
			k++;
		if (k < *n && (!f->name || strcmp(slots[k].keyword, "Field") == 0))
			continue; /* an alternative for bits already described */
		if (k == *n) {
			if (*n == 64) {
				*why = "more than 64 fields";
				return false;
			}
			(*n)++;
		}
		struct slot *s = &slots[k];
		s->msb = f->ranges[0].msb;
		s->lsb = f->ranges[0].lsb;
		if (f->name) {
			s->keyword = "Field";
			if (!(s->name = field_identifier(a, f->name))) {
				*why = arena_printf(a, "field '%s' has no C name (arrays of fields, P<m>, are not expanded)",
						    f->name);
				return false;
			}
		} else if (!(s->keyword = reserved_keyword(f->rwtype))) {
			*why = arena_printf(a, "bits %d:%d are %s, which the format has no keyword for", f->ranges[0].msb,
					    f->ranges[0].lsb, f->rwtype ? f->rwtype : "unnamed");
			return false;
		}
	}
	if (*n)
		qsort(slots, *n, sizeof(*slots), cmp_slot);
	int next = 63;
	for (size_t k = 0; k < *n; k++) {
		if (slots[k].msb != next) {
			*why = slots[k].msb > next ? "overlapping fields" : "bits no field describes";
			return false;
		}
		next = slots[k].lsb - 1;
		/* RESS[14:4] and RESS[3:0] of DBGWVR<n>_EL1: told apart by their lsb */
		for (size_t i = 0; i < k; i++)
			if (strcmp(slots[i].keyword, "Field") == 0 && strcmp(slots[k].keyword, "Field") == 0 &&
			    strcmp(slots[i].name, slots[k].name) == 0)
				slots[k].name = arena_printf(a, "%s_%d", slots[k].name, slots[k].lsb);
	}
	if (next != -1) {
		*why = "bits no field describes";
		return false;
	}
	return true;
}

static void write_block(struct strbuf *out, const struct gen_reg *r, const struct slot *slots, size_t n)
{
	sb_printf(out, "\nSysreg\t%s\t%u\t%u\t%u\t%u\t%u\n", r->name, r->op0, r->op1, r->crn, r->crm, r->op2);
	for (size_t k = 0; k < n; k++) {
		sb_printf(out, "%s\t%d", slots[k].keyword, slots[k].msb);
		if (slots[k].lsb != slots[k].msb)
			sb_printf(out, ":%d", slots[k].lsb);
		if (strcmp(slots[k].keyword, "Field") == 0)
			sb_printf(out, "\t%s", slots[k].name);
		sb_add(out, "\n");
	}
	sb_add(out, "EndSysreg\n");
}

static bool named(const struct emit_context *g, const char *name)
{
	for (size_t i = 0; i < g->opt->n_linux_regs; i++)
		if (strcmp(g->opt->linux_regs[i], name) == 0)
			return true;
	return false;
}

static bool emit_sysreg_file(struct emit_context *g, const struct gen_reg *regs, size_t n)
{
	struct strbuf *out = gen_file_begin(g, "linux-sysreg", COMMENT_HASH);
	struct strbuf skipped = {0};
	struct arena text = {0}; /* field names and reasons */
	size_t written = 0, left_out = 0;
	bool ok = true;
	for (size_t i = 0; i < g->opt->n_linux_regs; i++) {
		bool found = false;
		for (size_t k = 0; k < n && !found; k++)
			found = strcmp(regs[k].name, g->opt->linux_regs[i]) == 0;
		if (!found) {
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
	}
	for (size_t i = 0; i < n && ok; i++) {
		const struct gen_reg *r = &regs[i];
		if (g->opt->linux_regs && !named(g, r->name))
			continue;
		const char *why = NULL;
		struct slot slots[64]; /* bits, not text: a 64-bit layout has at most 64 */
		size_t n_slots;
		const struct fieldset *fs = unconditional_layout(r->reg, &why);
		if (!fs || !layout_slots(&text, fs, slots, &n_slots, &why)) {
			if (g->opt->linux_regs) {
				diag_error(g->d, NULL, "--linux-regs: %s cannot be written in the sysreg format: %s", r->name, why);
				ok = false;
			}
			sb_printf(&skipped, "#   %s: %s\n", r->name, why);
			left_out++;
			continue;
		}
		write_block(out, r, slots, n_slots);
		written++;
	}
	sb_printf(out, "\n# %zu registers written; %zu left out, as the format cannot hold them:\n%s", written, left_out,
		  skipped.s ? skipped.s : "");
	sb_free(&skipped);
	arena_free(&text);
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
		const char *id = f->name ? field_identifier(&ids, f->name) : NULL;
		if (!id)
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
	struct strbuf *out = gen_file_begin(g, "linux-sysreg128.h", COMMENT_C);
	sb_add(out, "#ifndef SYSREGGEN_LINUX_SYSREG128_H\n#define SYSREGGEN_LINUX_SYSREG128_H\n\n"
		    "/* Fields of the 128-bit layouts (FEAT_D128): <REG>_128_<FIELD>_MASK with\n"
		    " * GENMASK_U128() (<linux/bits.h>, C only), and for assembler use the 64-bit\n"
		    " * halves _MASK_HI (bits 127:64) and _MASK_LO (bits 63:0), with _SHIFT_HI and\n"
		    " * _SHIFT_LO the lowest bit of the field within each half it occupies.\n"
		    " * A register with several 128-bit layouts numbers them: <REG>_128_<n>_<FIELD>. */\n");
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
	const struct gen_reg *regs = g->view->regs;
	size_t n = g->view->n;
	bool ok = emit_sysreg_file(g, regs, n);
	emit_sysreg128(g, regs, n);
	return ok;
}
