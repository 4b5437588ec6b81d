// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* linux-update: the kernel's arch/arm64/tools/sysreg, updated to the spec.
 * Every line of the base is kept as written; what the spec adds is
 * inserted in the kernel's style:
 *  - a named field of the spec inside a base Res0 range: the range split
 *    into the field (with its enum, values named by linux_blocks.c's rules)
 *    and what stays Res0;
 *  - an enum value the spec defines that a base enum lacks: a new line in
 *    value order;
 *  - registers named by --add: new blocks before the first base block with
 *    a higher encoding.
 * Where the spec contradicts the base (a field's bits changed, a field the
 * spec no longer has), the base is kept and the conflict reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "linux_file.h"

struct update {
	struct emit_context *g;
	const struct linux_file *base;
	const struct linux_blocks *spec;
	struct strbuf *before; /* per line (1-based): text inserted before it */
	bool *drop;            /* per line: replaced by the text before it */
	struct strbuf report;
	size_t additions, conflicts, renamed;
};

static void report(struct update *u, const char *kind, const struct linux_block *b, int line, const char *fmt, ...)
	PRINTF_LIKE(5, 6);

static void report(struct update *u, const char *kind, const struct linux_block *b, int line, const char *fmt, ...)
{
	va_list ap;
	sb_printf(&u->report, "| %s | %s | %s:%d | ", kind, b->name, u->base->path, line);
	va_start(ap, fmt);
	sb_vprintf(&u->report, fmt, ap);
	va_end(ap);
	sb_add(&u->report, " |\n");
}

static const struct linux_slot *slot_named(const struct linux_block *b, const char *name)
{
	for (size_t k = 0; k < b->n_slots; k++)
		if (b->slots[k].name && strcasecmp(b->slots[k].name, name) == 0)
			return &b->slots[k];
	return NULL;
}

static const struct linux_slot *slot_at(const struct linux_block *b, int msb, int lsb)
{
	for (size_t k = 0; k < b->n_slots; k++)
		if (b->slots[k].msb == msb && b->slots[k].lsb == lsb && b->slots[k].name)
			return &b->slots[k];
	return NULL;
}

/* A base Res0 range the spec now names fields in: the fields and the
 * Res0 left around them, most significant first. */
static void split_res0(struct update *u, const struct linux_block *b, const struct linux_slot *res0,
		       const struct linux_block *s)
{
	struct strbuf text = {0};
	int next = res0->msb;
	size_t added = 0;
	for (size_t k = 0; k < s->n_slots; k++) {
		const struct linux_slot *x = &s->slots[k];
		if (!x->name || x->msb > res0->msb || x->lsb < res0->lsb || slot_named(b, x->name))
			continue;
		if (x->msb < next) {
			struct linux_slot gap = {.msb = next, .lsb = x->msb + 1, .keyword = res0->keyword};
			linux_slot_write(&text, &gap);
		}
		linux_slot_write(&text, x);
		report(u, "added", b, res0->line, "field %s at %d:%d (was %s)", x->name, x->msb, x->lsb, res0->keyword);
		next = x->lsb - 1;
		added++;
	}
	if (!added) {
		sb_free(&text);
		return;
	}
	if (next >= res0->lsb) {
		struct linux_slot gap = {.msb = next, .lsb = res0->lsb, .keyword = res0->keyword};
		linux_slot_write(&text, &gap);
	}
	sb_add(&u->before[res0->line], text.s);
	u->drop[res0->line] = true;
	u->additions += added;
	sb_free(&text);
}

/* Values the spec defines that the base enum lacks, each before the first
 * base value above it (or EndEnum), named by the rules unless the base
 * uses the name already. */
static void add_values(struct update *u, const struct linux_block *b, const struct linux_slot *e,
		       const struct linux_slot *x)
{
	for (size_t i = 0; i < x->n_values; i++) {
		bool have = false, name_taken = false;
		for (size_t k = 0; k < e->n_values; k++) {
			have |= e->values[k].value == x->values[i].value;
			name_taken |= strcasecmp(e->values[k].name, x->values[i].name) == 0;
		}
		if (have)
			continue;
		int line = e->end_line;
		for (size_t k = e->n_values; k-- > 0;)
			if (e->values[k].value > x->values[i].value)
				line = e->values[k].line;
		char suffix[32] = "";
		if (name_taken)
			snprintf(suffix, sizeof(suffix), "_%llu", x->values[i].value);
		linux_value_write(&u->before[line], e, x->values[i].value, x->values[i].name, suffix);
		report(u, "added", b, line, "%s = 0b%llx: %s", e->name, x->values[i].value, x->values[i].name);
		u->additions++;
	}
}

static void update_block(struct update *u, const struct linux_block *b, const struct linux_block *s)
{
	for (size_t k = 0; k < b->n_slots; k++) {
		const struct linux_slot *e = &b->slots[k];
		if (!e->name) {
			if (strcmp(e->keyword, "Res0") == 0 || strcmp(e->keyword, "Raz") == 0)
				split_res0(u, b, e, s);
			continue;
		}
		const struct linux_slot *x = slot_named(s, e->name), *there = slot_at(s, e->msb, e->lsb);
		if (x && (x->msb != e->msb || x->lsb != e->lsb)) {
			report(u, "conflict", b, e->line, "%s: bits %d:%d here, %d:%d in the spec; kept", e->name, e->msb, e->lsb,
			       x->msb, x->lsb);
			u->conflicts++;
		} else if (!x && there) {
			report(u, "named differently", b, e->line, "%s at %d:%d is %s in the spec; kept", e->name, e->msb, e->lsb,
			       there->name);
			u->renamed++;
			if (linux_slot_is_enum(e) && linux_slot_is_enum(there))
				add_values(u, b, e, there);
		} else if (!x) {
			report(u, "conflict", b, e->line, "%s at %d:%d: the spec has no field there; kept", e->name, e->msb,
			       e->lsb);
			u->conflicts++;
		} else if (linux_slot_is_enum(e) && linux_slot_is_enum(x)) {
			add_values(u, b, e, x);
		}
	}
}

/* The spec's layout for a base block: its register's, or for SysregFields
 * the layout of the first base register that uses it. */
static const struct linux_block *spec_for(const struct update *u, const struct linux_block *b)
{
	if (!b->is_fields) {
		const struct linux_block *s = linux_blocks_find(u->spec, b->name);
		if (s && linux_block_refused(s, u->g->d))
			return NULL;
		return s && !s->why ? s : NULL;
	}
	for (size_t i = 0; i < u->base->blocks.n; i++) {
		const struct linux_block *user = &u->base->blocks.blocks[i];
		if (!user->is_fields && user->fields && strcmp(user->fields, b->name) == 0) {
			const struct linux_block *s = linux_blocks_find(u->spec, user->name);
			if (s && !s->why)
				return s;
		}
	}
	return NULL;
}

static unsigned encoding_of(const struct linux_block *b)
{
	return b->op0 << 14 | b->op1 << 11 | b->crn << 7 | b->crm << 3 | b->op2;
}

/* --add: new blocks, in encoding order among the base's */
static bool add_registers(struct update *u)
{
	bool ok = true;
	const struct linux_blocks *base = &u->base->blocks;
	for (size_t i = 0; i < u->g->opt->n_linux_regs; i++) {
		const char *name = u->g->opt->linux_regs[i];
		const struct linux_block *s = linux_blocks_find(u->spec, name);
		bool present = false;
		for (size_t k = 0; k < base->n; k++)
			present |= !base->blocks[k].is_fields && strcmp(base->blocks[k].name, name) == 0;
		if (present)
			continue; /* already there: idempotent */
		if (s && linux_block_refused(s, u->g->d)) {
			ok = false;
			continue;
		}
		if (!s || s->why) {
			diag_error(u->g->d, NULL, "--add: %s: %s", name,
				   s ? s->why : "no AArch64 register of that name in the spec");
			ok = false;
			continue;
		}
		int line = (int)u->base->n_lines + 1;
		for (size_t k = base->n; k-- > 0;)
			if (!base->blocks[k].is_fields && encoding_of(&base->blocks[k]) > encoding_of(s))
				line = base->blocks[k].line;
		struct linux_block copy = *s;
		copy.fields = NULL; /* written in full: the base has no SysregFields for it */
		struct strbuf *t = &u->before[line];
		if (line > (int)u->base->n_lines)
			sb_add(t, "\n");
		linux_block_write(t, &copy);
		if (line <= (int)u->base->n_lines)
			sb_add(t, "\n");
		report(u, "added", s, line, "register %s (%u, %u, %u, %u, %u)", name, s->op0, s->op1, s->crn, s->crm, s->op2);
		u->additions++;
	}
	return ok;
}

bool emit_linux_update(struct emit_context *g)
{
	const struct linux_file *base = g->linux_base;
	struct linux_blocks spec;
	linux_blocks_build(&spec, g);
	struct update u = {g, base, &spec, NULL, NULL, {0}, 0, 0, 0};
	u.before = xcalloc(base->n_lines + 2, sizeof(*u.before));
	u.drop = xcalloc(base->n_lines + 2, sizeof(*u.drop));
	size_t not_in_spec = 0;
	for (size_t i = 0; i < base->blocks.n; i++) {
		const struct linux_block *b = &base->blocks.blocks[i];
		if (b->fields)
			continue; /* its layout is the SysregFields block's */
		const struct linux_block *s = spec_for(&u, b);
		if (s)
			update_block(&u, b, s);
		else
			not_in_spec++;
	}
	bool ok = add_registers(&u);
	struct strbuf *out = emit_output(g);
	for (size_t i = 1; ok && i <= base->n_lines + 1; i++) { /* a bad --add: nothing written */
		if (u.before[i].s)
			sb_add(out, u.before[i].s);
		if (i <= base->n_lines && !u.drop[i])
			sb_printf(out, "%s\n", base->lines[i - 1]);
	}
	if (g->opt->report) {
		fprintf(stderr, "| kind | block | where | what |\n|---|---|---|---|\n%s", u.report.s ? u.report.s : "");
		fprintf(stderr, "\nadditions: %zu; conflicts: %zu; fields named differently: %zu; blocks the spec has no "
				"layout for: %zu\n",
			u.additions, u.conflicts, u.renamed, not_in_spec);
	}
	if ((g->opt->fail_on & LINUX_CONFLICT) && u.conflicts)
		g->status = 1;
	for (size_t i = 0; i < base->n_lines + 2; i++)
		sb_free(&u.before[i]);
	free(u.before);
	free(u.drop);
	sb_free(&u.report);
	linux_blocks_free(&spec);
	return ok;
}
