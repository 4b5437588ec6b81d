// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen show NAME`: everything the model has for one register. With a
 * feature set, each condition also says what it evaluates to: true, false,
 * unknown, or runtime (it depends on register state, TCR2_EL1.D128 == 1). */
#include <stdlib.h>
#include <strings.h>

#include "emit.h"

static void show_cond(struct strbuf *out, const char *text, const struct cond *c, const struct feature_set *fs)
{
	if (!text && !c)
		return;
	if (text) {
		sb_printf(out, "  [%s", text);
	} else {
		sb_add(out, "  [");
		cond_print(out, c);
	}
	if (fs && fs->active)
		sb_printf(out, ": %s", tri_name(cond_eval(c, feature_set_lookup, fs)));
	sb_add(out, "]");
}

static void show_accessor(struct strbuf *out, const struct accessor *a, const struct reg *owner,
			  const struct feature_set *fs)
{
	sb_printf(out, "    %-13s %-26s ", a->kind_name, a->name);
	format_encoding(out, a, -1);
	if (a->is_array)
		sb_printf(out, "  %s=%d..%d", a->array_var, a->array_lo, a->array_hi);
	if (a->role == ROLE_REDIRECT || a->target != owner)
		sb_printf(out, "  (on page %s)", a->loc.file);
	show_cond(out, a->condition, a->cond, fs);
	sb_add(out, "\n");
}

static void show_field(struct strbuf *out, const struct field *f, const struct feature_set *fs)
{
	sb_printf(out, "    %-18s ", f->name ? f->name : (f->rwtype ? f->rwtype : "(unnamed)"));
	format_ranges(out, f, ", ");
	if (f->name && f->rwtype)
		sb_printf(out, "  %s", f->rwtype);
	if (f->reserved_type)
		sb_printf(out, "  (%s when not present)", f->reserved_type);
	show_cond(out, f->condition, f->cond, fs);
	if (f->n_values) {
		sb_add(out, "  values");
		for (size_t i = 0; i < f->n_values; i++)
			sb_printf(out, " %s", f->values[i]);
	}
	sb_add(out, "\n");
}

static void show_alias(struct strbuf *out, const struct alias *al)
{
	sb_printf(out, "    %-26s ", al->name);
	if (al->primary)
		format_encoding(out, al->primary, -1);
	else
		sb_add(out, "-");
	sb_printf(out, "  %d %s", al->width, access_name(al->access));
	if (al->acc128) {
		sb_add(out, "  128-bit");
		show_cond(out, al->acc128->condition ? al->acc128->condition : "always", al->acc128->cond, NULL);
	}
	sb_add(out, "  via");
	for (size_t i = 0; i < al->n_accs; i++)
		sb_printf(out, " %s", al->accs[i]->kind_name);
	sb_add(out, "\n");
}

static void show_reg(struct strbuf *out, const struct reg *r, const struct feature_set *fs)
{
	sb_printf(out, "%s: %s\n", r->name, r->long_name ? r->long_name : "");
	sb_printf(out, "  state       %s%s\n", reg_state_name(r->state),
		  r->is_register ? "" : " (system instruction)");
	sb_printf(out, "  source      %s:%d\n", r->loc.file, r->loc.line);
	if (r->condition || r->cond) {
		sb_add(out, "  condition ");
		show_cond(out, r->condition, r->cond, fs);
		sb_add(out, "\n");
	}
	if (r->is_array)
		sb_printf(out, "  array       %s = %d..%d\n", r->array_var, r->array_lo, r->array_hi);
	if (r->frame || r->offset)
		sb_printf(out, "  address     %s %s\n", r->frame ? r->frame : "-", r->offset ? r->offset : "-");
	if (r->is_encoding_space)
		sb_add(out, "  kind        encoding space, not a register\n");
	sb_printf(out, "  width       %d\n", r->width);
	sb_printf(out, "  access      %s\n", access_name(r->access));
	if (r->acc128) {
		sb_add(out, "  128-bit   ");
		show_cond(out, r->acc128->condition ? r->acc128->condition : "always", r->acc128->cond, fs);
		sb_add(out, "\n");
	}
	if (r->n_refs || r->n_accessors) {
		sb_add(out, "  accessors\n");
		for (size_t i = 0; i < r->n_refs; i++)
			show_accessor(out, r->refs[i], r, fs);
		for (size_t i = 0; i < r->n_accessors; i++) {
			const struct accessor *a = &r->accessors[i];
			if (a->role == ROLE_SPACE)
				show_accessor(out, a, r, fs);
			else if (a->role == ROLE_REDIRECT)
				sb_printf(out, "    %-13s %-26s -> register %s\n", a->kind_name, a->name, a->target->name);
		}
	}
	if (r->n_aliases) {
		sb_add(out, "  aliases\n");
		for (size_t i = 0; i < r->n_aliases; i++)
			show_alias(out, &r->aliases[i]);
	}
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		const struct fieldset *set = &r->fieldsets[i];
		sb_printf(out, "  fieldset    %d bits", set->width);
		show_cond(out, set->condition, set->cond, fs);
		sb_add(out, "\n");
		for (size_t j = 0; j < set->n_fields; j++)
			show_field(out, &set->fields[j], fs);
	}
}

/* NAME matches a register by name (case-insensitive), an alias by name, or
 * an array element ("DBGBVR3_EL1" matches DBGBVR<n>_EL1 when 3 is in range). */
static bool name_matches(const struct reg *r, const char *name)
{
	if (strcasecmp(r->name, name) == 0)
		return true;
	for (size_t i = 0; i < r->n_aliases; i++)
		if (strcasecmp(r->aliases[i].name, name) == 0)
			return true;
	if (!r->is_array || !r->primary)
		return false;
	for (long i = r->primary->array_lo; i <= r->primary->array_hi && r->primary->is_array; i++) {
		struct arena a = {0};
		bool hit = strcasecmp(reg_name_expand(&a, r->primary->name, r->primary->array_var, i), name) == 0;
		arena_free(&a);
		if (hit)
			return true;
	}
	return false;
}

/* The registers called `name`; 0 if none is. */
static size_t show_name(struct strbuf *out, const struct model *m, const char *name, int state,
			const struct feature_set *fs)
{
	size_t shown = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (state >= 0 && (int)r->state != state && !(state == STATE_EXT && r->state == STATE_MMAP))
			continue;
		if (!name_matches(r, name))
			continue;
		if (shown++)
			sb_add(out, "\n");
		show_reg(out, r, fs);
	}
	return shown;
}

/* "no register named 'TTBRO_EL1' ...; did you mean TTBR0_EL1, ..." */
static void report_unknown_register(struct diag *d, const struct model *m, const char *name)
{
	size_t n;
	const char **names = model_register_names(m, &n);
	struct strbuf msg = {0};
	suggest_nearest(&msg, name, names, n);
	diag_error(d, NULL, "no register named '%s' in %s%s", name, m->source, msg.s ? msg.s : "");
	sb_free(&msg);
	free(names);
}

/* show A B: what was found is printed even when B was not, as ls does */
bool emit_show(struct emit_context *c)
{
	struct strbuf *out = emit_output(c);
	bool ok = true;
	for (int i = 0; i < c->opt->n_args; i++) {
		if (show_name(out, c->m, c->opt->args[i], c->opt->state, c->fs) == 0) {
			report_unknown_register(c->d, c->m, c->opt->args[i]);
			ok = false;
		}
	}
	return ok;
}
