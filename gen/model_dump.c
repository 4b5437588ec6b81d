// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* The model in one canonical form, the same whichever format it was read
 * from: what `dump` prints and what generate's sysregs.json holds (shared
 * formatting, not an emitter). Sorted (registers by state and name, accessors
 * and fields by their text), conditions as trees printed canonically,
 * encodings as written, no file names, lines or pointers. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static const char *const role_names[] = {"?", "own", "redirect", "alias", "space"};

static int cmp_reg_ptr(const void *a, const void *b)
{
	const struct reg *x = *(const struct reg *const *)a, *y = *(const struct reg *const *)b;
	if (x->state != y->state)
		return (int)x->state - (int)y->state;
	int c = natural_cmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

static const char *reg_kind(const struct reg *r)
{
	return !r->is_register ? "instruction" : r->is_encoding_space ? "encoding-space" : "register";
}

/* encoding fields in the order of the instruction, others by name */
static int enc_rank(const char *name)
{
	static const char *const order[] = {"op0", "coproc", "op1", "opc1", "CRn", "CRm", "op2", "opc2"};
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		if (strcmp(order[i], name) == 0)
			return (int)i;
	return (int)ARRAY_LEN(order);
}

static int cmp_enc(const void *a, const void *b)
{
	const struct enc_field *x = *(const struct enc_field *const *)a, *y = *(const struct enc_field *const *)b;
	int c = enc_rank(x->name) - enc_rank(y->name);
	return c ? c : strcmp(x->name, y->name);
}

/* The encoding's fields in instruction order; free() the array. */
static const struct enc_field **sorted_encoding(const struct accessor *a)
{
	const struct enc_field **out = xcalloc(a->n_enc + 1, sizeof(*out));
	for (size_t i = 0; i < a->n_enc; i++)
		out[i] = &a->enc[i];
	if (a->n_enc)
		qsort(out, a->n_enc, sizeof(*out), cmp_enc);
	return out;
}

/* ---- text ---- */

/* Accessors sort by their text. Fields sort by msb, then lsb, both
 * descending; alternatives at the same bits keep the spec's order (a
 * conditional field, then its "Otherwise"). */
struct text_line {
	int msb, lsb; /* -1 for accessors */
	size_t index;
	char *s;
};

static int cmp_text_line(const void *a, const void *b)
{
	const struct text_line *x = a, *y = b;
	if (x->msb != y->msb)
		return y->msb - x->msb;
	if (x->lsb != y->lsb)
		return y->lsb - x->lsb;
	if (x->msb >= 0 && x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return strcmp(x->s, y->s);
}

static void flush_sorted(struct strbuf *out, struct text_line *lines, size_t n)
{
	if (n)
		qsort(lines, n, sizeof(*lines), cmp_text_line);
	for (size_t i = 0; i < n; i++) {
		sb_add(out, lines[i].s);
		free(lines[i].s);
	}
}

static void text_if(struct strbuf *b, const struct cond *c)
{
	if (c) {
		sb_add(b, " if ");
		cond_print(b, c);
	}
}

static char *accessor_text(const struct accessor *a)
{
	struct strbuf b = {0};
	const struct enc_field **enc = sorted_encoding(a);
	sb_printf(&b, "  accessor %s %s %s", a->kind_name, a->name, role_names[a->role]);
	for (size_t i = 0; i < a->n_enc; i++)
		sb_printf(&b, " %s=%s", enc[i]->name, enc[i]->value);
	free(enc);
	if (a->is_array)
		sb_printf(&b, " array %s %d..%d", a->array_var, a->array_lo, a->array_hi);
	text_if(&b, a->cond);
	sb_add(&b, "\n");
	return b.s;
}

static char *field_text(const struct field *f)
{
	struct strbuf b = {0};
	sb_add(&b, "    field ");
	format_ranges(&b, f, ",");
	sb_printf(&b, " %s", f->name ? f->name : "-");
	if (f->is_constant)
		sb_add(&b, " constant");
	if (f->rwtype)
		sb_printf(&b, " %s", f->rwtype);
	if (f->reserved_type)
		sb_printf(&b, " reserved-otherwise %s", f->reserved_type);
	if (f->n_values) {
		sb_add(&b, " values");
		for (size_t i = 0; i < f->n_values; i++)
			sb_printf(&b, " %s", f->values[i]);
	}
	if (f->array_var) {
		sb_printf(&b, " array %s", f->array_var);
		for (size_t i = 0; i < f->n_elements; i++)
			sb_printf(&b, "%s%ld@%d:%d", i ? "," : " ", f->elements[i].index, f->elements[i].msb,
				  f->elements[i].lsb);
	}
	text_if(&b, f->cond);
	sb_add(&b, "\n");
	return b.s;
}

static struct text_line field_line(const struct field *f, size_t index)
{
	struct text_line l = {-1, -1, index, field_text(f)};
	if (f->n_ranges) {
		l.msb = f->ranges[0].msb;
		l.lsb = f->ranges[0].lsb;
	}
	return l;
}

static void dump_text_reg(struct strbuf *out, const struct reg *r)
{
	sb_printf(out, "register %s %s\n", reg_state_name(r->state), r->name);
	if (r->long_name)
		sb_printf(out, "  title %s\n", r->long_name);
	sb_printf(out, "  kind %s\n", reg_kind(r));
	if (r->cond) {
		sb_add(out, "  condition ");
		cond_print(out, r->cond);
		sb_add(out, "\n");
	}
	if (r->is_array)
		sb_printf(out, "  array %s %d..%d\n", r->array_var, r->array_lo, r->array_hi);
	sb_printf(out, "  width %d\n  access %s\n", r->width, access_name(r->access));
	struct text_line *lines = xcalloc(r->n_accessors + 1, sizeof(*lines));
	for (size_t i = 0; i < r->n_accessors; i++)
		lines[i] = (struct text_line){-1, -1, i, accessor_text(&r->accessors[i])};
	flush_sorted(out, lines, r->n_accessors);
	free(lines);
	/* fieldsets in the spec's order: widest first, as both formats list them */
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		const struct fieldset *fs = &r->fieldsets[i];
		sb_printf(out, "  fieldset %d", fs->width);
		text_if(out, fs->cond);
		sb_add(out, "\n");
		lines = xcalloc(fs->n_fields + 1, sizeof(*lines));
		for (size_t j = 0; j < fs->n_fields; j++)
			lines[j] = field_line(&fs->fields[j], j);
		flush_sorted(out, lines, fs->n_fields);
		free(lines);
	}
}

/* ---- JSON ---- */

static void json_cond_member(struct strbuf *out, const char *key, const struct cond *c)
{
	sb_printf(out, ", \"%s\": ", key);
	if (!c) {
		sb_add(out, "null");
		return;
	}
	struct strbuf b = {0};
	cond_print(&b, c);
	json_string(out, b.s);
	sb_free(&b);
}

static void json_accessor(struct strbuf *out, const struct accessor *a)
{
	const struct enc_field **enc = sorted_encoding(a);
	size_t n = a->n_enc;
	sb_add(out, "{\"kind\": ");
	json_string(out, a->kind_name);
	sb_add(out, ", \"name\": ");
	json_string(out, a->name);
	sb_printf(out, ", \"role\": \"%s\", \"encoding\": {", role_names[a->role]);
	for (size_t i = 0; i < n; i++) {
		sb_add(out, i ? ", " : "");
		json_string(out, enc[i]->name);
		sb_add(out, ": ");
		json_string(out, enc[i]->value);
	}
	free(enc);
	sb_add(out, "}");
	if (a->is_array)
		sb_printf(out, ", \"array\": {\"var\": \"%s\", \"first\": %d, \"last\": %d}", a->array_var, a->array_lo,
			  a->array_hi);
	json_cond_member(out, "condition", a->cond);
	sb_add(out, "}");
}

static void json_field(struct strbuf *out, const struct field *f)
{
	struct strbuf ranges = {0};
	format_ranges(&ranges, f, ",");
	sb_add(out, "{\"name\": ");
	json_string(out, f->name);
	sb_printf(out, ", \"bits\": \"%s\", \"reserved\": ", ranges.s ? ranges.s : "");
	json_string(out, f->rwtype);
	sb_printf(out, ", \"constant\": %s, \"reserved_otherwise\": ", f->is_constant ? "true" : "false");
	json_string(out, f->reserved_type);
	sb_add(out, ", \"values\": [");
	for (size_t i = 0; i < f->n_values; i++) {
		sb_add(out, i ? ", " : "");
		json_string(out, f->values[i]);
	}
	sb_add(out, "]");
	if (f->array_var) {
		sb_add(out, ", \"array\": {\"var\": ");
		json_string(out, f->array_var);
		sb_add(out, ", \"elements\": [");
		for (size_t i = 0; i < f->n_elements; i++)
			sb_printf(out, "%s{\"index\": %ld, \"bits\": \"%d:%d\"}", i ? ", " : "", f->elements[i].index,
				  f->elements[i].msb, f->elements[i].lsb);
		sb_add(out, "]}");
	}
	json_cond_member(out, "condition", f->cond);
	sb_add(out, "}");
	sb_free(&ranges);
}

static void json_accessor_item(struct strbuf *out, const void *items, size_t i)
{
	json_accessor(out, &((const struct accessor *)items)[i]);
}

static void json_field_item(struct strbuf *out, const void *items, size_t i)
{
	json_field(out, &((const struct field *)items)[i]);
}

/* A JSON array's members in the order of the text form's lines (which it
 * frees, with the array of them). */
static void json_sorted(struct strbuf *out, struct text_line *ord, size_t n, const char *indent,
			void (*item)(struct strbuf *, const void *, size_t), const void *items)
{
	if (n)
		qsort(ord, n, sizeof(*ord), cmp_text_line);
	for (size_t i = 0; i < n; i++) {
		sb_printf(out, "%s%s", i ? "," : "", indent);
		item(out, items, ord[i].index);
		free(ord[i].s);
	}
	free(ord);
}

static void dump_json_reg(struct strbuf *out, const struct reg *r)
{
	sb_add(out, "{\"name\": ");
	json_string(out, r->name);
	sb_printf(out, ", \"state\": \"%s\", \"kind\": \"%s\", \"title\": ", reg_state_name(r->state), reg_kind(r));
	json_string(out, r->long_name);
	json_cond_member(out, "condition", r->cond);
	if (r->is_array)
		sb_printf(out, ", \"array\": {\"var\": \"%s\", \"first\": %d, \"last\": %d}", r->array_var, r->array_lo,
			  r->array_hi);
	sb_printf(out, ", \"width\": %d, \"access\": \"%s\", \"accessors\": [", r->width, access_name(r->access));
	struct text_line *ord = xcalloc(r->n_accessors + 1, sizeof(*ord));
	for (size_t i = 0; i < r->n_accessors; i++)
		ord[i] = (struct text_line){-1, -1, i, accessor_text(&r->accessors[i])};
	json_sorted(out, ord, r->n_accessors, "\n    ", json_accessor_item, r->accessors);
	sb_add(out, "], \"fieldsets\": [");
	for (size_t i = 0; i < r->n_fieldsets; i++) {
		const struct fieldset *fs = &r->fieldsets[i];
		sb_printf(out, "%s{\"width\": %d", i ? ",\n    " : "\n    ", fs->width);
		json_cond_member(out, "condition", fs->cond);
		sb_add(out, ", \"fields\": [");
		ord = xcalloc(fs->n_fields + 1, sizeof(*ord));
		for (size_t j = 0; j < fs->n_fields; j++)
			ord[j] = field_line(&fs->fields[j], j);
		json_sorted(out, ord, fs->n_fields, "\n      ", json_field_item, fs->fields);
		sb_add(out, "]}");
	}
	sb_add(out, "]}");
}

void model_dump(struct strbuf *out, const struct model *m, int state, bool as_json)
{
	const struct reg **regs = xcalloc(m->n_regs + 1, sizeof(*regs));
	size_t n = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (state < 0 || (int)r->state == state || (state == STATE_EXT && r->state == STATE_MMAP))
			regs[n++] = r;
	}
	qsort(regs, n, sizeof(*regs), cmp_reg_ptr);
	if (as_json)
		sb_add(out, "[");
	for (size_t i = 0; i < n; i++) {
		if (as_json) {
			sb_add(out, i ? ",\n  " : "\n  ");
			dump_json_reg(out, regs[i]);
		} else {
			dump_text_reg(out, regs[i]);
		}
	}
	if (as_json)
		sb_add(out, "\n]\n");
	free(regs);
}

/* `sysreggen dump` */
bool emit_dump(struct emit_context *c)
{
	model_dump(emit_output(c), c->m, c->opt->state, c->opt->json);
	return true;
}
