// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* C macros for reading consumers' tables (cmacro.h). */
#include "cmacro.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* One logical line: continuations joined, comments dropped. */
static const char *logical_line(const char *p, struct strbuf *line)
{
	line->len = 0;
	if (line->s)
		line->s[0] = '\0';
	while (*p && *p != '\n') {
		if (p[0] == '\\' && p[1] == '\n') {
			sb_add(line, " ");
			p += 2;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
			sb_add(line, " ");
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				p++;
		} else {
			sb_addn(line, p, 1);
			p++;
		}
	}
	return *p ? p + 1 : p;
}

static void define(struct cmacros *ms, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	const char *name = s;
	while (ident_char(*s))
		s++;
	if (s == name || !ident_start(*name))
		return;
	struct cmacro m = {arena_strndup(ms->arena, name, (size_t)(s - name)), false, NULL, 0, NULL};
	if (*s == '(') { /* function-like only when the parenthesis touches the name */
		m.function = true;
		const char *params[32];
		s++;
		for (;;) {
			while (*s == ' ' || *s == '\t')
				s++;
			const char *p = s;
			while (ident_char(*s) || *s == '.')
				s++;
			if (s > p && m.n_params == ARRAY_LEN(params))
				return; /* more parameters than this reader keeps: not a definition it uses */
			if (s > p)
				params[m.n_params++] = arena_strndup(ms->arena, p, (size_t)(s - p));
			while (*s == ' ' || *s == '\t')
				s++;
			if (*s == ',') {
				s++;
				continue;
			}
			if (*s != ')')
				return; /* not a definition this reader understands */
			s++;
			break;
		}
		m.params = arena_alloc(ms->arena, (m.n_params ? m.n_params : 1) * sizeof(*m.params));
		memcpy(m.params, params, m.n_params * sizeof(*params));
	}
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	m.body = arena_strndup(ms->arena, s, len);
	for (size_t i = 0; i < ms->n; i++)
		if (strcmp(ms->v[i].name, m.name) == 0) {
			ms->v[i] = m;
			return;
		}
	*VEC_PUSH(ms->v, ms->n, ms->cap) = m;
}

void cmacros_read(struct cmacros *ms, const char *text)
{
	struct strbuf line = {0};
	for (const char *p = text; *p;) {
		p = logical_line(p, &line);
		const char *s = line.s ? line.s : "";
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '#')
			continue;
		s++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (strncmp(s, "define", 6) == 0 && (s[6] == ' ' || s[6] == '\t'))
			define(ms, s + 6);
	}
	sb_free(&line);
}

const struct cmacro *cmacros_find(const struct cmacros *ms, const char *name, size_t len)
{
	for (size_t i = 0; i < ms->n; i++)
		if (strlen(ms->v[i].name) == len && strncmp(ms->v[i].name, name, len) == 0)
			return &ms->v[i];
	return NULL;
}

void cmacros_free(struct cmacros *ms)
{
	free(ms->v);
	ms->v = NULL;
	ms->n = ms->cap = 0;
}

/* ---- expansion ---- */

struct arg {
	const char *s;
	size_t n;
};

/* At '(' : the arguments, split at top-level commas; the position after
 * ')' or NULL when unbalanced. */
static const char *read_args(const char *p, const char *end, struct arg *args, size_t max, size_t *n)
{
	int depth = 0;
	const char *start = p + 1;
	*n = 0;
	for (p++; p < end; p++) {
		if (*p == '"' || *p == '\'') {
			char q = *p;
			for (p++; p < end && *p != q; p++)
				if (*p == '\\')
					p++;
		} else if (*p == '(' || *p == '{' || *p == '[') {
			depth++;
		} else if ((*p == ')' || *p == '}' || *p == ']') && depth > 0) {
			depth--;
		} else if ((*p == ',' && depth == 0) || *p == ')') {
			if (*n == max)
				return NULL; /* more arguments than kept: the call is left as written */
			{
				const char *a = start, *b = p;
				while (a < b && isspace((unsigned char)*a))
					a++;
				while (b > a && isspace((unsigned char)b[-1]))
					b--;
				args[*n].s = a;
				args[*n].n = (size_t)(b - a);
				(*n)++;
			}
			if (*p == ')')
				return p + 1;
			start = p + 1;
		}
	}
	return NULL;
}

static bool in_stop(const char *const *stop, const char *s, size_t n)
{
	for (size_t i = 0; stop && stop[i]; i++)
		if (strlen(stop[i]) == n && strncmp(stop[i], s, n) == 0)
			return true;
	return false;
}

enum { MAX_EXPANSION = 1 << 20 }; /* bytes: a macro that multiplies itself stops here */

/* The body with the arguments put in: #param stringized, ## pasted. False
 * past MAX_EXPANSION. */
static bool substitute(const struct cmacro *m, const struct arg *args, size_t n_args, struct strbuf *out)
{
	const char *b = m->body;
	while (*b) {
		if (out->len > MAX_EXPANSION)
			return false;
		if (b[0] == '#' && b[1] == '#') {
			while (out->len && isspace((unsigned char)out->s[out->len - 1]))
				out->s[--out->len] = '\0';
			b += 2;
			while (*b == ' ' || *b == '\t')
				b++;
			continue;
		}
		bool stringize = b[0] == '#';
		const char *t = b + stringize;
		while (stringize && (*t == ' ' || *t == '\t'))
			t++;
		if (ident_start(*t)) {
			const char *e = t;
			while (ident_char(*e))
				e++;
			size_t k = 0;
			while (k < m->n_params && !(strlen(m->params[k]) == (size_t)(e - t) && strncmp(m->params[k], t, (size_t)(e - t)) == 0))
				k++;
			if (k < m->n_params && k < n_args) {
				if (stringize)
					sb_add(out, "\"");
				sb_addn(out, args[k].s, args[k].n);
				if (stringize)
					sb_add(out, "\"");
			} else {
				sb_addn(out, b, (size_t)(e - b));
			}
			b = e;
			continue;
		}
		sb_addn(out, b, 1);
		b++;
	}
	return true;
}

/* `active`: the macros being expanded around this text, which C does not
 * expand again inside their own expansion (#define foo foo). */
static bool expand(const struct cmacros *ms, const char *s, size_t n, const char *const *stop, struct strbuf *out,
		   const struct cmacro **active, int depth)
{
	if (depth >= 32 || out->len > MAX_EXPANSION)
		return false;
	const char *end = s + n;
	for (const char *p = s; p < end;) {
		if (*p == '"' || *p == '\'') {
			const char *q = p + 1;
			while (q < end && *q != *p)
				q += *q == '\\' ? 2 : 1;
			q = q < end ? q + 1 : end;
			sb_addn(out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (!ident_start(*p) || (p > s && ident_char(p[-1]))) {
			sb_addn(out, p, 1);
			p++;
			continue;
		}
		const char *e = p;
		while (e < end && ident_char(*e))
			e++;
		const struct cmacro *m = in_stop(stop, p, (size_t)(e - p)) ? NULL : cmacros_find(ms, p, (size_t)(e - p));
		for (int k = 0; m && k < depth; k++)
			if (active[k] == m)
				m = NULL;
		const char *after = e;
		while (after < end && isspace((unsigned char)*after))
			after++;
		if (!m || (m->function && (after >= end || *after != '('))) {
			sb_addn(out, p, (size_t)(e - p));
			p = e;
			continue;
		}
		struct strbuf body = {0};
		if (m->function) {
			struct arg args[32];
			size_t n_args;
			const char *next = read_args(after, end, args, ARRAY_LEN(args), &n_args);
			if (!next) {
				sb_addn(out, p, (size_t)(e - p));
				p = e;
				continue;
			}
			if (!substitute(m, args, n_args, &body)) {
				sb_free(&body);
				return false;
			}
			p = next;
		} else {
			sb_add(&body, m->body);
			p = e;
		}
		active[depth] = m;
		bool ok = expand(ms, body.s ? body.s : "", body.len, stop, out, active, depth + 1);
		sb_free(&body);
		if (!ok)
			return false;
	}
	return true;
}

bool cmacros_expand(const struct cmacros *ms, const char *s, size_t n, const char *const *stop, struct strbuf *out)
{
	const struct cmacro *active[32];
	return expand(ms, s, n, stop, out, active, 0);
}
