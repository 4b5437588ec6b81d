// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#include "cond.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building ---- */

struct cond *cond_new(struct arena *a, enum cond_kind kind, const char *name)
{
	struct cond *c = arena_alloc(a, sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->name = name;
	return c;
}

void cond_add_arg(struct arena *a, struct cond *c, struct cond *arg)
{
	/* arena arrays cannot grow in place: copy; argument lists are short */
	struct cond **args = arena_alloc(a, (c->n_args + 1) * sizeof(*args));
	if (c->n_args)
		memcpy(args, c->args, c->n_args * sizeof(*args));
	args[c->n_args++] = arg;
	c->args = args;
}

/* AND and OR are n-ary and flat: (A && B) && C is A && B && C. */
static void add_flat(struct arena *a, struct cond *c, struct cond *arg)
{
	if (arg->kind == c->kind && (c->kind == COND_AND || c->kind == COND_OR)) {
		for (size_t i = 0; i < arg->n_args; i++)
			cond_add_arg(a, c, arg->args[i]);
	} else {
		cond_add_arg(a, c, arg);
	}
}

struct cond *cond_binary(struct arena *a, enum cond_kind kind, const char *op, struct cond *l, struct cond *r)
{
	struct cond *c = cond_new(a, kind, op);
	add_flat(a, c, l);
	add_flat(a, c, r);
	return c;
}

/* ---- the prose parser ---- */

enum tok_kind { T_END, T_WORD, T_INT, T_BITS, T_OP, T_PUNCT };

struct token {
	enum tok_kind kind;
	const char *s;
	size_t len;
};

struct parser {
	struct arena *a;
	const char *p;       /* next character */
	struct token tok;    /* current token */
	unsigned depth, max_depth;
	bool failed;
};

static bool is_word_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* "<n>" inside a name (DBGBCR<n>_EL1.BT) */
static size_t placeholder_len(const char *s)
{
	if (*s != '<')
		return 0;
	size_t i = 1;
	while (isalnum((unsigned char)s[i]))
		i++;
	return i > 1 && s[i] == '>' ? i + 1 : 0;
}

static void next_token(struct parser *ps)
{
	const char *s = ps->p;
	while (isspace((unsigned char)*s))
		s++;
	struct token t = {T_END, s, 0};
	if (!*s) {
		ps->tok = t;
		ps->p = s;
		return;
	}
	if (s[0] == '0' && s[1] == 'b' && (s[2] == '0' || s[2] == '1' || s[2] == 'x')) {
		size_t n = 2;
		while (s[n] == '0' || s[n] == '1' || s[n] == 'x')
			n++;
		t.kind = T_BITS, t.len = n;
	} else if (isdigit((unsigned char)*s)) {
		size_t n = 0;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2]))
			for (n = 2; isxdigit((unsigned char)s[n]);)
				n++;
		else
			while (isdigit((unsigned char)s[n]))
				n++;
		t.kind = T_INT, t.len = n;
	} else if (is_word_start(*s) || placeholder_len(s)) {
		size_t n = 0;
		for (;;) {
			size_t ph = placeholder_len(s + n);
			if (ph)
				n += ph;
			else if (is_word_char(s[n]))
				n++;
			else
				break;
		}
		while (n > 1 && s[n - 1] == '.') /* a sentence's full stop is not part of the name */
			n--;
		t.kind = T_WORD, t.len = n;
	} else {
		static const char *const ops[] = {"==", "!=", ">=", "<=", "&&", "||", "-->", "<->", ">", "<", "!"};
		t.kind = T_PUNCT, t.len = 1;
		for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
			size_t n = strlen(ops[i]);
			if (strncmp(s, ops[i], n) == 0) {
				t.kind = T_OP, t.len = n;
				break;
			}
		}
	}
	ps->tok = t;
	ps->p = s + t.len;
}

static bool tok_is(const struct parser *ps, const char *s)
{
	return ps->tok.kind != T_END && ps->tok.len == strlen(s) && strncmp(ps->tok.s, s, ps->tok.len) == 0;
}

static bool accept(struct parser *ps, const char *s)
{
	if (!tok_is(ps, s))
		return false;
	next_token(ps);
	return true;
}

static struct cond *fail(struct parser *ps)
{
	ps->failed = true;
	return NULL;
}

static const char *tok_str(struct parser *ps)
{
	return arena_strndup(ps->a, ps->tok.s, ps->tok.len);
}

static struct cond *parse_seq(struct parser *ps);

static bool is_exception_level(const char *s)
{
	return s[0] == 'E' && s[1] == 'L' && s[2] >= '0' && s[2] <= '3' && !s[3];
}

static struct cond *parse_operand(struct parser *ps);

/* "a, b, c" then `closer`, each an operand added to `node`; an empty list
 * only where `allow_empty`. */
static struct cond *parse_operand_list(struct parser *ps, struct cond *node, const char *closer, bool allow_empty)
{
	if (allow_empty && accept(ps, closer))
		return node;
	do {
		struct cond *arg = parse_operand(ps);
		if (!arg)
			return NULL;
		cond_add_arg(ps->a, node, arg);
	} while (accept(ps, ","));
	return accept(ps, closer) ? node : fail(ps);
}

/* An operand: a number, a bit string, a name, a field (REG.FIELD), a call. */
static struct cond *parse_operand(struct parser *ps)
{
	struct cond *c;
	if (ps->tok.kind == T_INT) {
		c = cond_new(ps->a, COND_INT, NULL);
		c->value = strtol(tok_str(ps), NULL, 0);
		next_token(ps);
		return c;
	}
	if (ps->tok.kind == T_BITS) {
		c = cond_new(ps->a, COND_BITS, tok_str(ps));
		next_token(ps);
		return c;
	}
	/* "When" and "Otherwise" are keywords, never names: "when Otherwise" and
	 * "When(a, b)" are no conditions */
	if (ps->tok.kind != T_WORD || tok_is(ps, "Otherwise") || tok_is(ps, "otherwise") || tok_is(ps, "When") ||
	    tok_is(ps, "when"))
		return fail(ps);
	const char *word = tok_str(ps);
	next_token(ps);
	if (accept(ps, "("))
		return parse_operand_list(ps, cond_new(ps->a, COND_CALL, word), ")", true);
	const char *dot = strrchr(word, '.');
	if (dot && dot != word && dot[1]) {
		c = cond_new(ps->a, COND_FIELD, arena_strndup(ps->a, word, (size_t)(dot - word)));
		c->field = dot + 1;
		return c;
	}
	return cond_new(ps->a, COND_IDENT, word);
}

static struct cond *parse_set(struct parser *ps)
{
	if (!accept(ps, "{"))
		return fail(ps);
	return parse_operand_list(ps, cond_new(ps->a, COND_SET, NULL), "}", false);
}

/* A predicate: "(...)", "!P", "X is [not] implemented", "A op B", "A IN {..}", a call. */
static struct cond *parse_item(struct parser *ps)
{
	if (accept(ps, "!")) {
		struct cond *inner = parse_item(ps);
		if (!inner)
			return NULL;
		struct cond *c = cond_new(ps->a, COND_NOT, NULL);
		cond_add_arg(ps->a, c, inner);
		return c;
	}
	if (accept(ps, "(")) {
		if (++ps->depth > ps->max_depth)
			return fail(ps);
		struct cond *c = parse_seq(ps);
		ps->depth--;
		return c && accept(ps, ")") ? c : fail(ps);
	}
	struct cond *l = parse_operand(ps);
	if (!l)
		return NULL;
	if (accept(ps, "is")) {
		bool negated = accept(ps, "not");
		if (!accept(ps, "implemented") || l->kind != COND_IDENT)
			return fail(ps);
		struct cond *f = cond_new(ps->a, COND_FEATURE, l->name);
		if (is_exception_level(l->name)) { /* "EL2 is implemented" is Arm's HaveEL(EL2) */
			f = cond_new(ps->a, COND_CALL, "HaveEL");
			cond_add_arg(ps->a, f, l);
		}
		if (!negated)
			return f;
		struct cond *c = cond_new(ps->a, COND_NOT, NULL);
		cond_add_arg(ps->a, c, f);
		return c;
	}
	if (ps->tok.kind == T_OP && !tok_is(ps, "!") && !tok_is(ps, "&&") && !tok_is(ps, "||")) {
		const char *op = tok_str(ps);
		next_token(ps);
		struct cond *r = parse_operand(ps);
		return r ? cond_binary(ps->a, COND_CMP, op, l, r) : NULL;
	}
	if (accept(ps, "IN")) {
		struct cond *r = parse_set(ps);
		return r ? cond_binary(ps->a, COND_CMP, "IN", l, r) : NULL;
	}
	if (l->kind == COND_CALL || l->kind == COND_IDENT)
		return l;
	return fail(ps);
}

enum sep { SEP_COMMA, SEP_AND, SEP_OR, SEP_COMMA_AND, SEP_COMMA_OR };

static bool parse_sep(struct parser *ps, enum sep *sep)
{
	if (accept(ps, ",")) {
		*sep = accept(ps, "and") ? SEP_COMMA_AND : accept(ps, "or") ? SEP_COMMA_OR : SEP_COMMA;
		return true;
	}
	if (accept(ps, "and") || accept(ps, "&&")) {
		*sep = SEP_AND;
		return true;
	}
	if (accept(ps, "or") || accept(ps, "||")) {
		*sep = SEP_OR;
		return true;
	}
	return false;
}

/* Items joined by "and", "or" and commas. Arm writes lists as "A, B, and C"
 * (or "A, B, or C"): the word that ends the list says what the commas mean.
 * Without commas, "and" binds tighter than "or". A list that mixes both
 * words with commas is ambiguous and stays unparsed. */
static struct cond *parse_seq(struct parser *ps)
{
	struct cond *items[64];
	enum sep seps[64];
	size_t n = 0;
	bool commas = false, ands = false, ors = false;
	for (;;) {
		if (n == ARRAY_LEN(items))
			return fail(ps);
		items[n] = parse_item(ps);
		if (!items[n])
			return NULL;
		n++;
		if (!parse_sep(ps, &seps[n - 1]))
			break;
		enum sep s = seps[n - 1];
		commas |= s == SEP_COMMA || s == SEP_COMMA_AND || s == SEP_COMMA_OR;
		ands |= s == SEP_AND || s == SEP_COMMA_AND;
		ors |= s == SEP_OR || s == SEP_COMMA_OR;
	}
	if (n == 1)
		return items[0];
	if (commas && ands && ors)
		return fail(ps);
	if (commas || !ands || !ors) {
		struct cond *c = cond_new(ps->a, ors ? COND_OR : COND_AND, NULL);
		for (size_t i = 0; i < n; i++)
			add_flat(ps->a, c, items[i]);
		return c;
	}
	/* A and B or C and D: OR of AND groups */
	struct cond *any = cond_new(ps->a, COND_OR, NULL), *group = items[0];
	for (size_t i = 1; i < n; i++) {
		if (seps[i - 1] == SEP_AND) {
			group = cond_binary(ps->a, COND_AND, NULL, group, items[i]);
		} else {
			add_flat(ps->a, any, group);
			group = items[i];
		}
	}
	add_flat(ps->a, any, group);
	return any;
}

struct cond *cond_parse_text(struct arena *a, const char *text, unsigned max_depth)
{
	struct parser ps = {a, text, {T_END, text, 0}, 0, max_depth, false};
	next_token(&ps);
	if (accept(&ps, "When") || accept(&ps, "when")) {
		/* "When X" */
	} else if (tok_is(&ps, "Otherwise") || tok_is(&ps, "otherwise")) {
		next_token(&ps);
		if (ps.tok.kind == T_END)
			return cond_new(a, COND_OTHERWISE, NULL);
		ps.failed = true;
	}
	struct cond *c = ps.failed ? NULL : parse_seq(&ps);
	if (c && !ps.failed && ps.tok.kind == T_END)
		return c;
	return cond_new(a, COND_OPAQUE, arena_strdup(a, text));
}

/* ---- printing ---- */

static int precedence(const struct cond *c)
{
	switch (c->kind) {
	case COND_IMPLIES:
	case COND_IFF: return 0;
	case COND_OR: return 1;
	case COND_AND: return 2;
	case COND_CMP: return 3;
	case COND_NOT: return 4;
	default: return 5;
	}
}

static void print_at(struct strbuf *out, const struct cond *c, int min_prec);

static void print_join(struct strbuf *out, const struct cond *c, const char *sep, int prec)
{
	for (size_t i = 0; i < c->n_args; i++) {
		if (i)
			sb_add(out, sep);
		print_at(out, c->args[i], prec);
	}
}

static void print_at(struct strbuf *out, const struct cond *c, int min_prec)
{
	bool paren = precedence(c) < min_prec;
	if (paren)
		sb_add(out, "(");
	switch (c->kind) {
	case COND_BOOL: sb_add(out, c->value ? "TRUE" : "FALSE"); break;
	case COND_FEATURE:
	case COND_IDENT:
	case COND_BITS: sb_add(out, c->name); break;
	case COND_NOT:
		sb_add(out, "!");
		print_at(out, c->args[0], 5);
		break;
	case COND_AND: print_join(out, c, " && ", 3); break;
	case COND_OR: print_join(out, c, " || ", 2); break;
	case COND_IMPLIES: print_join(out, c, " --> ", 1); break;
	case COND_IFF: print_join(out, c, " <-> ", 1); break;
	case COND_CMP:
		print_at(out, c->args[0], 4);
		sb_printf(out, " %s ", c->name);
		print_at(out, c->args[1], 4);
		break;
	case COND_CALL:
		sb_printf(out, "%s(", c->name);
		print_join(out, c, ", ", 0);
		sb_add(out, ")");
		break;
	case COND_FIELD: sb_printf(out, "%s.%s", c->name, c->field); break;
	case COND_INT: sb_printf(out, "%ld", c->value); break;
	case COND_SET:
		sb_add(out, "{");
		print_join(out, c, ", ", 0);
		sb_add(out, "}");
		break;
	case COND_OTHERWISE: sb_add(out, "Otherwise"); break;
	case COND_OPAQUE: sb_printf(out, "?(%s)", c->name); break;
	}
	if (paren)
		sb_add(out, ")");
}

void cond_print(struct strbuf *out, const struct cond *c)
{
	if (!c)
		sb_add(out, "TRUE");
	else
		print_at(out, c, 0);
}

bool cond_is_true(const struct cond *c)
{
	return !c || (c->kind == COND_BOOL && c->value);
}

bool cond_has_opaque(const struct cond *c)
{
	if (!c)
		return false;
	if (c->kind == COND_OPAQUE)
		return true;
	for (size_t i = 0; i < c->n_args; i++)
		if (cond_has_opaque(c->args[i]))
			return true;
	return false;
}

/* ---- evaluation ---- */

const char *tri_name(enum tri t)
{
	static const char *const names[] = {"false", "true", "unknown", "runtime"};
	return names[t];
}

static enum tri tri_not(enum tri t)
{
	return t == TRI_TRUE ? TRI_FALSE : t == TRI_FALSE ? TRI_TRUE : t;
}

/* Kleene logic; an undecided result is "runtime" only when every undecided
 * part is, "unknown" otherwise. */
static enum tri tri_join(const struct cond *c, enum tri absorbing, const struct cond_env *env)
{
	enum tri result = tri_not(absorbing);
	for (size_t i = 0; i < c->n_args; i++) {
		enum tri t = cond_eval_env(c->args[i], env);
		if (t == absorbing)
			return absorbing;
		if (t == TRI_UNKNOWN || (t == TRI_RUNTIME && result != TRI_UNKNOWN))
			result = t;
	}
	return result;
}

static bool mentions_field(const struct cond *c)
{
	if (c->kind == COND_FIELD)
		return true;
	for (size_t i = 0; i < c->n_args; i++)
		if (mentions_field(c->args[i]))
			return true;
	return false;
}

static enum tri feature_value(const char *name, const struct cond_env *env)
{
	switch (env->lookup(env->ctx, name)) {
	case FEATURE_ON: return TRI_TRUE;
	case FEATURE_OFF: return TRI_FALSE;
	default: return TRI_UNKNOWN;
	}
}

/* HaveEL(ELn) is the feature FEAT_ELn; other functions ask about the PE's
 * state at run time (ELIsInHost(EL2), OSLockStatus()). */
static enum tri call_value(const struct cond *c, const struct cond_env *env)
{
	if (strcmp(c->name, "HaveEL") == 0 && c->n_args == 1 && c->args[0]->kind == COND_IDENT) {
		char feature[16];
		snprintf(feature, sizeof(feature), "FEAT_%.8s", c->args[0]->name);
		return feature_value(feature, env);
	}
	return TRI_RUNTIME;
}

enum tri cond_eval_env(const struct cond *c, const struct cond_env *env)
{
	if (!c)
		return TRI_TRUE;
	switch (c->kind) {
	case COND_BOOL: return c->value ? TRI_TRUE : TRI_FALSE;
	case COND_FEATURE:
	case COND_IDENT: return feature_value(c->name, env);
	case COND_NOT: return tri_not(cond_eval_env(c->args[0], env));
	case COND_AND: return tri_join(c, TRI_FALSE, env);
	case COND_OR: return tri_join(c, TRI_TRUE, env);
	case COND_IMPLIES: {
		enum tri l = cond_eval_env(c->args[0], env), r = cond_eval_env(c->args[1], env);
		if (l == TRI_FALSE || r == TRI_TRUE)
			return TRI_TRUE;
		if (l == TRI_TRUE && r == TRI_FALSE)
			return TRI_FALSE;
		return l == TRI_UNKNOWN || r == TRI_UNKNOWN ? TRI_UNKNOWN : TRI_RUNTIME;
	}
	case COND_IFF: {
		enum tri l = cond_eval_env(c->args[0], env), r = cond_eval_env(c->args[1], env);
		if ((l == TRI_TRUE || l == TRI_FALSE) && (r == TRI_TRUE || r == TRI_FALSE))
			return l == r ? TRI_TRUE : TRI_FALSE;
		return l == TRI_UNKNOWN || r == TRI_UNKNOWN ? TRI_UNKNOWN : TRI_RUNTIME;
	}
	/* register fields and functions of the PE's state (ELIsInHost), unless
	 * the caller knows the fields' values */
	case COND_CMP:
		if (env->compare)
			return env->compare(env->ctx, c);
		return mentions_field(c) ? TRI_RUNTIME : TRI_UNKNOWN;
	case COND_CALL: return call_value(c, env);
	case COND_FIELD: return TRI_RUNTIME;
	default: return TRI_UNKNOWN;
	}
}

enum tri cond_eval(const struct cond *c, feature_lookup_fn lookup, const void *ctx)
{
	struct cond_env env = {lookup, ctx, NULL};
	return cond_eval_env(c, &env);
}
