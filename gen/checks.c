// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Checks over the model, after the front ends and before any pass that
 * links registers: the same rules for XML pages and JSON entries. Each
 * check is named; its messages end with the name in brackets. */
#include <stdlib.h>
#include <string.h>

#include "passes.h"

struct check {
	const char *name;
	const char *description;
	bool (*run)(struct model *m, struct diag *d, const struct check *self);
};

/* ---- duplicate-register ---- */

static int cmp_state_name(const void *ctx, size_t a, size_t b)
{
	const struct reg *regs = ctx;
	if (regs[a].state != regs[b].state)
		return (int)regs[a].state - (int)regs[b].state;
	return strcmp(regs[a].name, regs[b].name);
}

static void print_loc(struct strbuf *b, const struct srcloc *loc)
{
	sb_add(b, loc->file ? loc->file : "?");
	if (loc->line > 0)
		sb_printf(b, ":%d", loc->line);
}

/* A register defined twice in one state: by two pages (a release directory
 * that also holds an older copy), two archive members, two JSON entries. An
 * identical repeat (the same bytes) is a warning and is dropped; a
 * different one is an error naming both places. */
static bool check_duplicate_registers(struct model *m, struct diag *d, const struct check *self)
{
	size_t n = m->n_regs;
	size_t *order = xmalloc((n ? n : 1) * sizeof(*order));
	bool *drop = xcalloc(n ? n : 1, sizeof(*drop));
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_indexes(order, n, cmp_state_name, m->regs);
	for (size_t i = 1; i < n; i++) {
		size_t first = order[i - 1], again = order[i]; /* stable: in the order read */
		if (cmp_state_name(m->regs, first, again) != 0)
			continue;
		const struct reg *a = &m->regs[first], *b = &m->regs[again];
		struct strbuf where = {0};
		print_loc(&where, &a->loc);
		if (a->source_digest == b->source_digest) {
			diag_warning(d, &b->loc, "%s (%s) is defined again, identically, at %s: this copy is ignored [%s]",
				     b->name, reg_state_name(b->state), where.s, self->name);
			drop[again] = true;
			order[i] = first; /* a third copy compares with the first */
		} else {
			diag_error(d, &b->loc, "%s (%s) is defined twice, differently: here and at %s [%s]", b->name,
				   reg_state_name(b->state), where.s, self->name);
			ok = false;
		}
		sb_free(&where);
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (drop[i])
			reg_free_contents(&m->regs[i]);
		else
			m->regs[kept++] = m->regs[i];
	}
	m->n_regs = kept;
	free(drop);
	free(order);
	return ok;
}

static const struct check checks[] = {
	{"duplicate-register", "a register is defined once in each execution state", check_duplicate_registers},
};

bool check_model(struct model *m, struct diag *d)
{
	bool ok = true;
	for (size_t i = 0; i < ARRAY_LEN(checks); i++)
		ok = checks[i].run(m, d, &checks[i]) && ok;
	return ok;
}
