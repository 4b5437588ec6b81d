// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen stats`: what was read, what was skipped and why, what was found. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* "TITLE: N" and a line for each kind in [first, end) that was seen. */
static void stats_kinds(struct strbuf *out, const struct model *m, const char *title, int first, int end)
{
	unsigned total = 0;
	for (int k = first; k < end; k++)
		total += m->pages[k];
	sb_printf(out, "%s: %u\n", title, total);
	for (int k = first; k < end; k++)
		if (m->pages[k] || end == PAGE_FIRST_OTHER_XML)
			sb_printf(out, "  %5u %s\n", m->pages[k], page_kind_name((enum page_kind)k));
}

static void stats_pages(struct strbuf *out, const struct model *m)
{
	sb_printf(out, "files read: %u\n", m->files_read);
	stats_kinds(out, m, "register pages", PAGE_AARCH64, PAGE_FIRST_OTHER_XML);
	stats_kinds(out, m, "other XML files", PAGE_FIRST_OTHER_XML, PAGE_FIRST_NON_PAGE);
	stats_kinds(out, m, "files that are not pages", PAGE_FIRST_NON_PAGE, PAGE_KIND_COUNT);
}

static void stats_registers(struct strbuf *out, const struct model *m)
{
	unsigned regs[STATE_COUNT] = {0}, instr = 0, arrays = 0, spaces = 0, aliases = 0, fieldsets = 0, fields = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (!r->is_register)
			instr++;
		else if (r->is_encoding_space)
			spaces++;
		else
			regs[r->state]++;
		arrays += r->is_array;
		aliases += (unsigned)r->n_aliases;
		fieldsets += (unsigned)r->n_fieldsets;
		for (size_t j = 0; j < r->n_fieldsets; j++)
			fields += (unsigned)r->fieldsets[j].n_fields;
	}
	sb_add(out, "registers:");
	for (int s = 0; s < STATE_COUNT; s++)
		sb_printf(out, " %u %s%s", regs[s], reg_state_name((enum reg_state)s), s + 1 < STATE_COUNT ? "," : "\n");
	sb_printf(out, "system instruction pages: %u\n", instr);
	sb_printf(out, "encoding spaces: %u\n", spaces);
	sb_printf(out, "register arrays: %u\n", arrays);
	sb_printf(out, "aliases: %u\n", aliases);
	sb_printf(out, "fieldsets: %u, fields: %u\n", fieldsets, fields);
}

struct kind_count {
	const char *name;
	unsigned n;
};

static void stats_accessors(struct strbuf *out, const struct model *m)
{
	struct kind_count *other = NULL;
	size_t n_other = 0, cap_other = 0;
	sb_add(out, "accessors by kind:\n");
	for (int k = 0; k < ACC_KIND_COUNT; k++) {
		if (k == ACC_OTHER || !m->acc_by_kind[k])
			continue;
		sb_printf(out, "  %5u %s\n", m->acc_by_kind[k], acc_kind_info((enum acc_kind)k)->name);
	}
	/* other instructions (CFP, GCSPUSHM, ...) by their own names */
	for (size_t i = 0; i < m->n_regs; i++) {
		for (size_t j = 0; j < m->regs[i].n_accessors; j++) {
			const struct accessor *a = &m->regs[i].accessors[j];
			if (a->kind != ACC_OTHER)
				continue;
			size_t k = 0;
			while (k < n_other && strcmp(other[k].name, a->kind_name) != 0)
				k++;
			if (k == n_other)
				*VEC_PUSH(other, n_other, cap_other) = (struct kind_count){a->kind_name, 0};
			other[k].n++;
		}
	}
	for (size_t k = 0; k < n_other; k++)
		sb_printf(out, "  %5u %s (other instruction)\n", other[k].n, other[k].name);
	free(other);
}

static void stats_128(struct strbuf *out, const struct model *m)
{
	struct strbuf regs = {0}, aliases = {0};
	unsigned n_regs = 0, n_aliases = 0, tlbip_pages = 0, tlbip = 0, sysp = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (r->is_register && r->width == 128 && r->primary) {
			sb_printf(&regs, " %s", r->name);
			n_regs++;
		}
		for (size_t j = 0; j < r->n_aliases; j++) {
			if (r->aliases[j].width == 128) {
				sb_printf(&aliases, " %s", r->aliases[j].name);
				n_aliases++;
			}
		}
		unsigned t = 0;
		for (size_t j = 0; j < r->n_accessors; j++) {
			t += r->accessors[j].kind == ACC_TLBIP;
			sysp += r->accessors[j].kind == ACC_SYSP;
		}
		tlbip += t;
		tlbip_pages += t > 0;
	}
	sb_printf(out, "128-bit registers: %u:%s\n", n_regs, regs.s ? regs.s : "");
	sb_printf(out, "128-bit aliases: %u:%s\n", n_aliases, aliases.s ? aliases.s : "");
	sb_printf(out, "128-bit system instructions: %u TLBIP accessors on %u pages, %u SYSP\n", tlbip, tlbip_pages, sysp);
	sb_free(&regs);
	sb_free(&aliases);
}

static int cmp_skip(const void *a, const void *b)
{
	return strcmp(((const struct skip_count *)a)->reason, ((const struct skip_count *)b)->reason);
}

/* Reads what the load reported (c->d), even for a load with errors. */
bool emit_stats(struct emit_context *c)
{
	const struct model *m = c->m;
	const struct diag *d = c->d;
	struct strbuf *out = emit_output(c);
	sb_printf(out, "spec: %s (%s)\n", m->release ? m->release : "unknown release", m->source);
	stats_pages(out, m);
	stats_registers(out, m);
	stats_accessors(out, m);
	stats_128(out, m);
	struct skip_count *skips = xcalloc(m->n_skips, sizeof(*skips));
	if (m->n_skips)
		memcpy(skips, m->skips, m->n_skips * sizeof(*skips));
	qsort(skips, m->n_skips, sizeof(*skips), cmp_skip);
	sb_add(out, "skipped:\n");
	for (size_t i = 0; i < m->n_skips; i++)
		sb_printf(out, "  %5u %s\n", skips[i].count, skips[i].reason);
	free(skips);
	sb_printf(out, "errors: %u\n", d->errors);
	sb_printf(out, "warnings: %u\n", d->warnings);
	return true;
}
