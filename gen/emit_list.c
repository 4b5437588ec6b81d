// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen list`: one register per line, tab-separated:
 * NAME, ENCODING, WIDTH, ACCESS[, CONDITION128]. Sorted by name. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

struct line {
	const char *name;
	enum reg_state state;
	char *text;
};

struct lines {
	struct line *v;
	size_t n, cap;
	struct arena arena; /* names made by expanding arrays */
};

static void add_line(struct lines *ls, const char *name, enum reg_state state, const char *enc, int width,
		     unsigned access, const struct accessor *acc128)
{
	struct strbuf b = {0};
	sb_printf(&b, "%s\t%s\t%d\t%s", name, enc, width, access_name(access));
	if (acc128) {
		sb_add(&b, "\t");
		cond_print(&b, acc128->cond);
	}
	sb_add(&b, "\n");
	struct line *l = VEC_PUSH(ls->v, ls->n, ls->cap);
	l->name = name;
	l->state = state;
	l->text = b.s;
}

static bool state_selected(const struct emit_options *o, enum reg_state s)
{
	if (o->state < 0)
		return true;
	if (o->state == STATE_EXT)
		return s == STATE_EXT || s == STATE_MMAP;
	return (int)s == o->state;
}

/* One line, or with --expand one per array element, for a register or an
 * alias named `name` and reached through `accs`. */
static void add_accessed(struct lines *ls, const struct emit_options *o, const char *name, enum reg_state state,
			 struct accessor *const *accs, size_t n)
{
	struct access_summary all;
	accessors_summarize(accs, n, -1, &all);
	const struct accessor *p = all.primary;
	if (o->expand && p && p->is_array) {
		for (long i = p->array_lo; i <= p->array_hi; i++) {
			struct access_summary at;
			accessors_summarize(accs, n, i, &at);
			if (o->only128 && at.width != 128)
				continue;
			struct strbuf enc = {0};
			format_encoding(&enc, at.primary, i);
			add_line(ls, reg_name_expand(&ls->arena, at.primary->name, p->array_var, i), state, enc.s,
				 at.width, at.access, at.acc128);
			sb_free(&enc);
		}
		return;
	}
	if (o->only128 && all.width != 128)
		return;
	struct strbuf enc = {0};
	format_encoding(&enc, p, -1);
	add_line(ls, name, state, enc.s, all.width, all.access, all.acc128);
	sb_free(&enc);
}

/* A register with no accessor of its own: external and memory-mapped
 * registers (frame:offset), or one reached only through another register's
 * encoding (ICV_DIR_EL1 is accessed as ICC_DIR_EL1): "-". */
static void add_unaccessed(struct lines *ls, const struct emit_options *o, const struct reg *r)
{
	if (o->only128)
		return;
	struct strbuf enc = {0};
	if (r->frame && r->offset)
		sb_printf(&enc, "%s:%s", r->frame, r->offset);
	else
		sb_add(&enc, "-");
	add_line(ls, r->name, r->state, enc.s, r->width, r->access, NULL);
	sb_free(&enc);
}

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c = natural_cmp(x->name, y->name);
	if (c)
		return c;
	if (x->state != y->state)
		return (int)x->state - (int)y->state;
	return strcmp(x->text, y->text);
}

/* With --128: what has 128-bit accessors but is not a register. */
static void add_128bit_notes(struct strbuf *out, const struct model *m)
{
	unsigned tlbip = 0, sysp = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		const struct accessor *first = NULL;
		struct strbuf kinds = {0};
		for (size_t j = 0; j < r->n_accessors; j++) {
			const struct accessor *a = &r->accessors[j];
			tlbip += a->kind == ACC_TLBIP;
			sysp += a->kind == ACC_SYSP;
			if (a->role == ROLE_SPACE && accessor_is_128bit(a)) {
				sb_printf(&kinds, "%s%s", first ? ", " : "", a->kind_name);
				first = first ? first : a;
			}
		}
		if (first) {
			sb_printf(out, "# encoding space, not a register: %s\t", first->name);
			format_encoding(out, first, -1);
			sb_printf(out, "\t%s (", kinds.s);
			cond_print(out, first->cond);
			sb_add(out, ")\n");
		}
		sb_free(&kinds);
	}
	sb_printf(out, "# 128-bit system instructions: %u TLBIP, %u SYSP accessors\n", tlbip, sysp);
}

bool emit_list(struct emit_context *c)
{
	const struct model *m = c->m;
	const struct emit_options *o = c->opt;
	struct strbuf *out = emit_output(c);
	struct lines ls = {0};
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (!r->is_register || r->is_encoding_space || !state_selected(o, r->state))
			continue;
		if (r->primary)
			add_accessed(&ls, o, r->name, r->state, r->refs, r->n_refs);
		else
			add_unaccessed(&ls, o, r);
		for (size_t j = 0; o->aliases && j < r->n_aliases; j++) {
			const struct alias *al = &r->aliases[j];
			if (al->primary)
				add_accessed(&ls, o, al->name, r->state, al->accs, al->n_accs);
		}
	}
	if (ls.n)
		qsort(ls.v, ls.n, sizeof(*ls.v), cmp_line);
	comment_line(out, "# ", "sysreggen list: %s (%s)", m->release ? m->release : "unknown release", m->source);
	sb_add(out, "# NAME\tENCODING\tWIDTH\tACCESS\tCONDITION128\n");
	for (size_t i = 0; i < ls.n; i++) {
		sb_add(out, ls.v[i].text);
		free(ls.v[i].text);
	}
	if (o->only128)
		add_128bit_notes(out, m);
	free(ls.v);
	arena_free(&ls.arena);
	return true;
}
