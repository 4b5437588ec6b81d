// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* What every emitter shares: its output, and the formatting of encodings,
 * ranges, names and C and JSON text. */
#include <ctype.h>
#include <stdarg.h>
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


/* At s[0] == '?': whether "??" and the next character form a trigraph
 * (under -std=c11, which turns trigraphs on, ??/ is a backslash: it ended a string early,
 * and at a line's end it joins a comment to the next line). */
static bool starts_trigraph(const char *s)
{
	return s[0] == '?' && s[1] == '?' && s[2] && strchr("=/'()!<>-", s[2]) != NULL;
}

/* A UTF-8 sequence at s: its code point and length; 0 when it is not one
 * (a stray byte, an overlong or cut sequence, an encoded surrogate). */
static size_t utf8_decode(const unsigned char *s, unsigned long *cp)
{
	size_t n = s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
	if (!n)
		return 0;
	unsigned long v = s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates (a lone "\\ud800" is not JSON), past U+10FFFF */
	if ((n == 3 && (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) || (n == 4 && (v < 0x10000 || v > 0x10ffff)))
		return 0;
	*cp = v;
	return n;
}

/* A JSON string in ASCII only: non-ASCII characters as \\uXXXX (a
 * surrogate pair above U+FFFF), so no bidirectional control reaches a
 * reader raw; a byte that is not UTF-8 (a path may hold one) as the
 * character of that value, U+0080 to U+00FF. */
void json_string(struct strbuf *out, const char *s)
{
	if (!s) {
		sb_add(out, "null");
		return;
	}
	sb_add(out, "\"");
	while (*s) {
		unsigned char ch = (unsigned char)*s;
		unsigned long cp;
		size_t n = ch >= 0x80 ? utf8_decode((const unsigned char *)s, &cp) : 0;
		if (ch == '"' || ch == '\\')
			sb_printf(out, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			sb_printf(out, "\\u%04x", ch);
		else if (n && cp > 0xffff)
			sb_printf(out, "\\u%04lx\\u%04lx", 0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
		else if (n)
			sb_printf(out, "\\u%04lx", cp);
		else if (ch >= 0x80)
			sb_printf(out, "\\u%04x", ch);
		else
			sb_addn(out, s, 1);
		s += n ? n : 1;
	}
	sb_add(out, "\"");
}

/* Text from the spec inside a comment (C's, or a '#' line of the kernel's
 * sysreg format, which its awk reads line by line): one line, ASCII only.
 * Control characters become spaces; "*" "/" cannot close the comment nor
 * "/" "*" open one; a trigraph is broken ("? ?/"); anything not ASCII is
 * written as <U+XXXX> (a bidirectional override such as U+202E would
 * otherwise fail gcc's -Wbidi-chars), a byte that is not UTF-8 as <0xNN>. */
void c_comment_text(struct strbuf *out, const char *s)
{
	while (*s) {
		unsigned char ch = (unsigned char)*s;
		unsigned long cp;
		size_t n;
		if (ch < 0x20 || ch == 0x7f) {
			sb_add(out, " "); /* a newline would end a '#' or '//' comment */
		} else if ((ch == '*' && s[1] == '/') || (ch == '/' && s[1] == '*')) {
			sb_printf(out, "%c\\", ch); /* neither closes nor (-Wcomment) opens one */
		} else if (starts_trigraph(s)) {
			sb_add(out, "? ");
		} else if (ch >= 0x80 && (n = utf8_decode((const unsigned char *)s, &cp)) != 0) {
			sb_printf(out, "<U+%04lX>", cp);
			s += n;
			continue;
		} else if (ch >= 0x80) {
			sb_printf(out, "<0x%02X>", ch);
		} else {
			sb_addn(out, s, 1);
		}
		s++;
	}
}

void comment_line(struct strbuf *out, const char *prefix, const char *fmt, ...)
{
	struct strbuf text = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&text, fmt, ap);
	va_end(ap);
	sb_add(out, prefix);
	c_comment_text(out, text.s ? text.s : "");
	sb_add(out, "\n");
	sb_free(&text);
}

/* Text from the spec as a C string literal: quotes and backslashes
 * escaped, a '?' after a '?' as \? (so no "??" and no trigraph is ever
 * written: "??/" would be a backslash under -std=c11), anything outside
 * printable ASCII (control, non-ASCII and bidirectional characters) as
 * octal escapes. */
void c_string_literal(struct strbuf *out, const char *s)
{
	sb_add(out, "\"");
	for (const char *start = s; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\' || (ch == '?' && s > start && s[-1] == '?'))
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
