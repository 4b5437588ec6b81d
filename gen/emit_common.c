// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* What every emitter shares: its output, and the formatting of encodings,
 * ranges, names and C and JSON text. */
#include <ctype.h>
#include <string.h>

#include "emit.h"
#include "output.h"

struct strbuf *emit_output(struct emit_context *c)
{
	if (c->n_files == 0)
		VEC_PUSH(c->files, c->n_files, c->cap_files)->name = NULL;
	return &c->files[0].text;
}

static const char *const aarch64_fields[] = {"op0", "op1", "CRn", "CRm", "op2"};
static const char *const aarch32_fields[] = {"coproc", "opc1", "CRn", "CRm", "opc2"};

static void format_field(struct strbuf *out, const struct accessor *a, const char *field, long index)
{
	const char *v = accessor_enc(a, field);
	unsigned n;
	if (!v)
		sb_add(out, "-");
	else if (enc_value_eval(v, a->is_array ? a->array_var : NULL, index, &n) == ENC_OK)
		sb_printf(out, "%u", n);
	else
		sb_add(out, v);
}

static bool has_fields(const struct accessor *a, const char *const *fields)
{
	/* op0 (AArch64) or coproc (AArch32) marks the family */
	return accessor_enc(a, fields[0]) != NULL;
}

void format_encoding(struct strbuf *out, const struct accessor *a, long index)
{
	const char *const *fields = has_fields(a, aarch64_fields)   ? aarch64_fields
				    : has_fields(a, aarch32_fields) ? aarch32_fields
								    : NULL;
	if (fields) {
		for (size_t i = 0; i < 5; i++) {
			if (i)
				sb_add(out, ",");
			format_field(out, a, fields[i], index);
		}
		return;
	}
	for (size_t i = 0; i < a->n_enc; i++) {
		sb_printf(out, "%s%s=", i ? "," : "", a->enc[i].name);
		format_field(out, a, a->enc[i].name, index);
	}
}

void format_ranges(struct strbuf *out, const struct field *f, const char *sep)
{
	for (size_t i = 0; i < f->n_ranges; i++) {
		sb_printf(out, "%s%d", i ? sep : "", f->ranges[i].msb);
		if (f->ranges[i].lsb != f->ranges[i].msb)
			sb_printf(out, ":%d", f->ranges[i].lsb);
	}
}

const char *access_name(unsigned access)
{
	switch (access & (ACCESS_R | ACCESS_W)) {
	case ACCESS_R:
		return "R";
	case ACCESS_W:
		return "W";
	case ACCESS_R | ACCESS_W:
		return "RW";
	default:
		return "-";
	}
}


void json_string(struct strbuf *out, const char *s)
{
	if (!s) {
		sb_add(out, "null");
		return;
	}
	sb_add(out, "\"");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			sb_printf(out, "\\%c", ch);
		else if (ch < 0x20)
			sb_printf(out, "\\u%04x", ch);
		else
			sb_addn(out, s, 1);
	}
	sb_add(out, "\"");
}

void c_comment_text(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			sb_add(out, " "); /* a newline would end a '#' or '//' comment */
		else if ((ch == '*' && s[1] == '/') || (ch == '/' && s[1] == '*'))
			sb_printf(out, "%c\\", ch); /* neither closes nor (-Wcomment) opens one */
		else
			sb_addn(out, s, 1);
	}
}

void c_string_literal(struct strbuf *out, const char *s)
{
	sb_add(out, "\"");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			sb_printf(out, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			sb_printf(out, "\\%03o", ch);
		else
			sb_addn(out, s, 1);
	}
	sb_add(out, "\"");
}

void c_condition_literal(struct strbuf *out, const struct cond *c)
{
	if (!c) {
		sb_add(out, "NULL");
		return;
	}
	struct strbuf b = {0};
	cond_print(&b, c);
	c_string_literal(out, b.s);
	sb_free(&b);
}
