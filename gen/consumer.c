// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Readers of what consumers define (see consumer.h). */
#define _DEFAULT_SOURCE
#include "consumer.h"

#include "cmacro.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

struct reader {
	struct consumer *c;
	struct diag *d;
	const char *file;
	bool ok;
	const struct read_limits *lim; /* consumer_read's; NULL for text handed in */
	bool marked;                   /* walk_qemu: only files that mention ARMCPRegInfo */
};

PRINTF_LIKE(3, 4)
static void rerror(struct reader *r, int line, const char *fmt, ...)
{
	struct srcloc loc = {r->file, line, 0};
	va_list ap;
	r->d->errors++;
	r->ok = false;
	va_start(ap, fmt);
	diag_verror(r->d, &loc, "error", fmt, ap);
	va_end(ap);
}

static struct consumer_reg *add_reg(struct reader *r, const char *name, size_t len, int line)
{
	struct consumer_reg *cr = VEC_PUSH(r->c->regs, r->c->n_regs, r->c->cap_regs);
	cr->name = arena_strndup(&r->c->arena, name, len);
	cr->loc.file = arena_strdup(&r->c->arena, r->file);
	cr->loc.line = line;
	return cr;
}

/* ---- Linux arch/arm64/tools/sysreg ----
 * The structure gen-sysreg.awk accepts: Sysreg/SysregFields blocks holding
 * Res0/Res1/Unkn/Raz/Field lines, Fields/Mapping, and Enum blocks of value
 * lines. The encodings of Sysreg lines are what the audit compares. */

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static void linux_line(struct reader *r, char **tok, int n, int line, int *depth, char *block)
{
	const char *k = tok[0];
	bool in_reg = *depth == 1, in_enum = *depth == 2;
	if (strcmp(k, "Sysreg") == 0 && *depth == 0) {
		if (n != 7) {
			rerror(r, line, "Sysreg: %d fields where 7 are expected (Sysreg NAME op0 op1 CRn CRm op2)", n);
			return;
		}
		struct consumer_reg *cr = add_reg(r, tok[1], strlen(tok[1]), line);
		cr->has_encoding = cr->enc_known = true;
		for (int i = 0; i < 5; i++) {
			if (!is_number(tok[2 + i])) {
				rerror(r, line, "Sysreg %s: '%s' is not a number", tok[1], tok[2 + i]);
				cr->enc_known = false;
			} else {
				cr->enc[i] = (unsigned)strtoul(tok[2 + i], NULL, 10);
			}
		}
		*depth = 1, *block = 'R';
	} else if (strcmp(k, "SysregFields") == 0 && *depth == 0) {
		if (n != 2)
			rerror(r, line, "SysregFields: expected a name");
		*depth = 1, *block = 'F';
	} else if ((strcmp(k, "EndSysreg") == 0 && in_reg && *block == 'R') ||
		   (strcmp(k, "EndSysregFields") == 0 && in_reg && *block == 'F')) {
		*depth = 0;
	} else if (in_reg && (strcmp(k, "Res0") == 0 || strcmp(k, "Res1") == 0 || strcmp(k, "Unkn") == 0 ||
			      strcmp(k, "Raz") == 0)) {
		if (n != 2)
			rerror(r, line, "%s: expected a bit range such as 63:32", k);
	} else if (in_reg && (strcmp(k, "Field") == 0 || strcmp(k, "Enum") == 0 || strcmp(k, "SignedEnum") == 0 ||
			      strcmp(k, "UnsignedEnum") == 0)) {
		if (n != 3)
			rerror(r, line, "%s: expected a bit range and a name", k);
		if (strcmp(k, "Field") != 0)
			*depth = 2;
	} else if (in_reg && (strcmp(k, "Fields") == 0 || strcmp(k, "Mapping") == 0)) {
		if (n != 2)
			rerror(r, line, "%s: expected a name", k);
	} else if (in_enum && strcmp(k, "EndEnum") == 0) {
		*depth = 1;
	} else if (in_enum && n == 2 && str_starts_with(k, "0b")) {
		/* an enum value */
	} else {
		rerror(r, line, "unexpected '%s' %s", k,
		       *depth == 0 ? "outside a block" : *depth == 1 ? "in a Sysreg block" : "in an Enum block");
	}
}

static void read_linux_sysreg(struct reader *r, char *text)
{
	int line = 0, depth = 0, open_line = 0;
	char block = 0;
	for (char *s = text, *next; s; s = next) {
		next = strchr(s, '\n');
		if (next)
			*next++ = '\0';
		line++;
		char *tok[16];
		int n = 0;
		bool too_many = false;
		for (char *t = strtok(s, " \t\r"); t && !too_many; t = strtok(NULL, " \t\r")) {
			too_many = n == (int)ARRAY_LEN(tok);
			if (!too_many)
				tok[n++] = t;
		}
		if (n == 0 || tok[0][0] == '#')
			continue;
		if (too_many) {
			rerror(r, line, "more than %zu words on a line", ARRAY_LEN(tok));
			continue;
		}
		int before = depth;
		linux_line(r, tok, n, line, &depth, &block);
		if (before == 0 && depth == 1)
			open_line = line;
	}
	if (depth)
		rerror(r, open_line, "block opened here is not closed (expected EndSysreg, EndSysregFields or EndEnum)");
}

/* ---- QEMU: ARMCPRegInfo initializers in C ----
 * Comments and preprocessor lines are blanked (both sides of an #ifdef are
 * read), strings kept. A brace block that holds ".name =" is an
 * initializer; its members are read by name. A member that is not a plain
 * number (a macro, an expression) is unknown, not guessed. */

/* At a quote: the closing quote (or the end of the line or text). */
static const char *skip_literal(const char *p)
{
	char q = *p;
	for (p++; *p && *p != q && *p != '\n'; p++)
		if (*p == '\\' && p[1])
			p++;
	return p;
}

static void blank_comments(char *s)
{
	bool line_start = true;
	for (char *p = s; *p; p++) {
		if (*p == '"' || *p == '\'') {
			p = (char *)skip_literal(p);
			if (!*p)
				break;
			line_start = false;
		} else if (p[0] == '/' && p[1] == '*') {
			for (; *p && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p != '\n')
					*p = ' ';
			if (!*p) /* a comment never closed */
				break;
			p[0] = p[1] = ' ';
			p++;
		} else if (p[0] == '/' && p[1] == '/') {
			for (; *p && *p != '\n'; p++)
				*p = ' ';
			if (!*p)
				break;
			line_start = true;
		} else if (*p == '#' && line_start) {
			*p++ = '\f'; /* white space that marks the line: see duplicate_member() */
			while (*p && *p != '\n') {
				if (p[0] == '\\' && p[1] == '\n') { /* a continuation: keep the newline */
					*p = ' ';
					p += 2;
					continue;
				}
				*p++ = ' ';
			}
			if (!*p)
				break;
			line_start = true;
		} else if (*p == '\n') {
			line_start = true;
		} else if (!isspace((unsigned char)*p)) {
			line_start = false;
		}
	}
}

static int line_at(const char *text, const char *p)
{
	int line = 1;
	for (const char *q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

/* One past the end of the member value at p: up to a ',' or '}' at this level. */
static const char *value_end(const char *p)
{
	int depth = 0;
	for (; *p; p++) {
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				return p;
		} else if (*p == '(' || *p == '{' || *p == '[') {
			depth++;
		} else if (*p == ')' || *p == ']' || (*p == '}' && depth > 0)) {
			depth--;
		} else if ((*p == ',' || *p == '}') && depth == 0) {
			return p;
		}
	}
	return p;
}

/* The next member `.key = value` at the top level of [p, end): its key and
 * value (trimmed); NULL at the end. */
static const char *next_member(const char *p, const char *end, const char **key, size_t *klen, const char **v,
			       size_t *vlen)
{
	int depth = 0;
	for (; p < end; p++) {
		if (*p == '{' || *p == '(' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ')' || *p == ']') {
			depth--;
		} else if (*p == '"' || *p == '\'') {
			p = skip_literal(p);
			if (p >= end)
				return NULL;
		} else if (depth == 0 && *p == '.' && (isalpha((unsigned char)p[1]) || p[1] == '_')) {
			const char *k = p + 1, *q = k;
			while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
				q++;
			const char *eq = q;
			while (eq < end && isspace((unsigned char)*eq))
				eq++;
			if (eq >= end || *eq != '=' || eq[1] == '=')
				continue;
			eq++;
			while (eq < end && isspace((unsigned char)*eq))
				eq++;
			const char *e = value_end(eq);
			if (e > end)
				e = end;
			const char *after = e;
			while (e > eq && isspace((unsigned char)e[-1]))
				e--;
			*key = k;
			*klen = (size_t)(q - k);
			*v = eq;
			*vlen = (size_t)(e - eq);
			return after;
		}
	}
	return NULL;
}

/* The value of member `.key = value` in [start, end), trimmed; false if absent. */
static bool member(const char *start, const char *end, const char *key, const char **v, size_t *vlen)
{
	const char *k;
	size_t klen;
	for (const char *p = start; (p = next_member(p, end, &k, &klen, v, vlen));)
		if (klen == strlen(key) && strncmp(k, key, klen) == 0)
			return true;
	return false;
}

/* The first member an initializer gives twice (QEMU's FEAT_SYSREG128
 * series: TTBR1_EL2 with .fieldoffset twice, where the second was meant to
 * be .fieldoffsethi), or NULL. Not when a preprocessor line (blanked to a
 * form feed) is between the two: both sides of an #ifdef are read, and
 * ID_PFR1's .type under #ifdef CONFIG_USER_ONLY is meant to override. */
static const char *duplicate_member(struct arena *a, const char *start, const char *end)
{
	const char *keys[128], *k, *v;
	size_t lens[128], n = 0, klen, vlen;
	for (const char *p = start; n < ARRAY_LEN(keys) && (p = next_member(p, end, &k, &klen, &v, &vlen));) {
		for (size_t i = 0; i < n; i++)
			if (lens[i] == klen && strncmp(keys[i], k, klen) == 0 && !memchr(keys[i], '\f', (size_t)(k - keys[i])))
				return arena_strndup(a, k, klen);
		keys[n] = k;
		lens[n++] = klen;
	}
	return NULL;
}

/* ---- integer expressions in encodings: .crm = 8 | (3 & (i >> 3)) ----
 * C's integer operators over numbers and one variable (a loop's); anything
 * else (a macro, a call) is not evaluated. */
struct expr {
	const char *p, *end;
	const char *var; /* NULL: no variable */
	size_t var_len;
	long value;
	bool ok;
};

static void expr_space(struct expr *e)
{
	while (e->p < e->end && isspace((unsigned char)*e->p))
		e->p++;
}

static long expr_binary(struct expr *e, int level);

/* Every value stays within 32 bits, so that no operation overflows a long
 * (encodings need far less); outside it, the expression is not evaluated. */
static long expr_checked(struct expr *e, long v)
{
	if (v > 0x7fffffffL || v < -0x7fffffffL) {
		e->ok = false;
		return 0;
	}
	return v;
}

static long expr_unary(struct expr *e)
{
	expr_space(e);
	if (e->p >= e->end) {
		e->ok = false;
		return 0;
	}
	char c = *e->p;
	if (c == '(') {
		e->p++;
		long v = expr_binary(e, 0);
		expr_space(e);
		if (e->p < e->end && *e->p == ')')
			e->p++;
		else
			e->ok = false;
		return v;
	}
	if (c == '~' || c == '-' || c == '+' || c == '!') {
		e->p++;
		long v = expr_unary(e);
		return expr_checked(e, c == '~' ? ~v : c == '-' ? -v : c == '!' ? !v : v);
	}
	if (isdigit((unsigned char)c)) {
		char *stop;
		errno = 0;
		long v = strtol(e->p, &stop, 0);
		while (stop < e->end && (*stop == 'u' || *stop == 'U' || *stop == 'l' || *stop == 'L'))
			stop++;
		if (errno || stop > e->end)
			e->ok = false;
		e->p = stop;
		return expr_checked(e, v);
	}
	const char *q = e->p;
	while (q < e->end && (isalnum((unsigned char)*q) || *q == '_'))
		q++;
	if (e->var && (size_t)(q - e->p) == e->var_len && strncmp(e->p, e->var, e->var_len) == 0) {
		e->p = q;
		return e->value;
	}
	e->ok = false; /* a macro or a call: not guessed */
	e->p = e->end;
	return 0;
}

/* Binary operators by C's precedence, loosest first. */
static const char *const expr_levels[][3] = {{"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};

static long expr_binary(struct expr *e, int level)
{
	if (level == (int)ARRAY_LEN(expr_levels))
		return expr_unary(e);
	long v = expr_binary(e, level + 1);
	for (;;) {
		expr_space(e);
		const char *op = NULL;
		for (size_t k = 0; k < 3 && expr_levels[level][k]; k++) {
			size_t n = strlen(expr_levels[level][k]);
			if ((size_t)(e->end - e->p) >= n && strncmp(e->p, expr_levels[level][k], n) == 0 &&
			    !(n == 1 && e->p + 1 < e->end && (e->p[1] == *e->p || e->p[1] == '='))) /* & is not && */
				op = expr_levels[level][k];
		}
		if (!op || !e->ok)
			return v;
		e->p += strlen(op);
		long w = expr_binary(e, level + 1);
		if ((op[0] == '/' || op[0] == '%') && w == 0) {
			e->ok = false;
			return 0;
		}
		if ((op[0] == '<' || op[0] == '>') && (w < 0 || w > 31)) {
			e->ok = false;
			return 0;
		}
		switch (op[0]) {
		case '|': v |= w; break;
		case '^': v ^= w; break;
		case '&': v &= w; break;
		case '<': v = (long)((unsigned long)v << w); break;
		case '>': v >>= w; break;
		case '+': v += w; break;
		case '-': v -= w; break;
		case '*': v *= w; break;
		case '/': v /= w; break;
		default: v %= w; break;
		}
		v = expr_checked(e, v);
	}
}

/* The value of a C integer expression, the variable `var` (may be NULL)
 * standing for `value`. */
static bool eval_c_expr(const char *s, size_t n, const char *var, size_t var_len, long value, long *out)
{
	if (n == 0 || n > 200)
		return false;
	struct expr e = {s, s + n, var, var_len, value, true};
	long v = expr_binary(&e, 0);
	expr_space(&e);
	if (!e.ok || e.p != e.end || v < 0 || v > 0xffff)
		return false;
	*out = v;
	return true;
}

/* ---- registers QEMU makes in a loop ----
 *     for (i = 0; i < brps; i++) {
 *         char *dbgbvr_el1_name = g_strdup_printf("DBGBVR%d_EL1", i);
 *         ARMCPRegInfo dbgregs[] = { { .name = dbgbvr_el1_name, ..., .crm = i, ...
 */
enum { LOOP_SEARCH = 64 * 1024 };

struct name_loop {
	const char *fmt;      /* "DBGBVR%d_EL1", from after the quote */
	size_t fmt_len;
	const char *conv;     /* the %d in it */
	const char *var;      /* i */
	size_t var_len;
	long first;           /* i = 0 */
	long bound;           /* i < 16; -1: not a number */
	const char *bound_text;
	size_t bound_len;
	int line;             /* of the for */
};

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Is `at` inside the braces of the loop whose header starts at p? */
static bool loop_encloses(const char *p, const char *at)
{
	int depth = 0;
	bool opened = false;
	for (const char *q = p; q < at; q++) {
		if (*q == '"' || *q == '\'') {
			q = skip_literal(q);
			if (!*q || q >= at)
				break;
		} else if (*q == '{') {
			depth++;
			opened = true;
		} else if (*q == '}') {
			depth--;
			if (opened && depth == 0)
				return false;
		}
	}
	return opened && depth > 0;
}

/* The innermost `for (` around `before` whose condition is `var < BOUND`
 * (var NULL: whatever variable the condition reads). `known`, after
 * `before`, is at line known_line: the loop's line is counted from it. */
static bool find_for(const char *text, const char *before, struct name_loop *lp, const char *known, int known_line)
{
	bool any_var = lp->var == NULL;
	/* a loop around an initializer starts within 64 KiB of it: the search
	 * stays linear on a large file of initializers */
	const char *limit = (size_t)(before - text) > LOOP_SEARCH ? before - LOOP_SEARCH : text;
	for (const char *p = before; p > limit;) {
		p--;
		if (strncmp(p, "for", 3) != 0 || (p > text && is_ident_char(p[-1])))
			continue;
		const char *q = p + 3;
		while (isspace((unsigned char)*q))
			q++;
		if (*q != '(')
			continue;
		const char *semi1 = strchr(q, ';');
		const char *semi2 = semi1 ? strchr(semi1 + 1, ';') : NULL;
		if (!semi2 || semi2 > before)
			continue;
		if (!loop_encloses(p, before))
			continue;
		/* the condition: VAR < BOUND */
		const char *c = semi1 + 1;
		while (isspace((unsigned char)*c))
			c++;
		if (any_var) {
			lp->var = c;
			for (lp->var_len = 0; is_ident_char(c[lp->var_len]);)
				lp->var_len++;
			if (!lp->var_len)
				continue;
		}
		if (strncmp(c, lp->var, lp->var_len) != 0 || is_ident_char(c[lp->var_len]))
			continue;
		c += lp->var_len;
		while (isspace((unsigned char)*c))
			c++;
		if (*c != '<' || c[1] == '<' || c[1] == '=')
			continue;
		c++;
		while (isspace((unsigned char)*c))
			c++;
		const char *ce = semi2;
		while (ce > c && isspace((unsigned char)ce[-1]))
			ce--;
		lp->bound_text = c;
		lp->bound_len = (size_t)(ce - c);
		long b;
		lp->bound = eval_c_expr(c, lp->bound_len, NULL, 0, 0, &b) ? b : -1;
		/* the start: VAR = N in the first clause */
		lp->first = 0;
		for (const char *v = q + 1; v + lp->var_len < semi1; v++)
			if (strncmp(v, lp->var, lp->var_len) == 0 && !is_ident_char(v[lp->var_len]) &&
			    (v == q + 1 || !is_ident_char(v[-1]))) {
				const char *eq = v + lp->var_len;
				while (isspace((unsigned char)*eq))
					eq++;
				if (*eq == '=') {
					const char *n = eq + 1, *ne = n;
					while (ne < semi1 && *ne != ',')
						ne++;
					long f;
					if (eval_c_expr(n, (size_t)(ne - n), NULL, 0, 0, &f))
						lp->first = f;
				}
				break;
			}
		lp->line = known_line;
		for (const char *nl = p; nl < known; nl++)
			lp->line -= *nl == '\n';
		return true;
	}
	return false;
}

/* At `g_strdup_printf(`: its format, with one %d, %u or %i, and the
 * variable it formats. */
static bool read_printf(const char *q, struct name_loop *lp)
{
	static const char call[] = "g_strdup_printf(";
	if (strncmp(q, call, sizeof(call) - 1) != 0)
		return false;
	q += sizeof(call) - 1;
	while (isspace((unsigned char)*q))
		q++;
	if (*q != '"')
		return false;
	const char *close = skip_literal(q);
	if (*close != '"')
		return false;
	lp->fmt = q + 1;
	lp->fmt_len = (size_t)(close - lp->fmt);
	lp->conv = NULL;
	for (const char *f = lp->fmt; f < close; f++)
		if (*f == '%') {
			if (lp->conv || !(f[1] == 'd' || f[1] == 'u' || f[1] == 'i'))
				return false; /* one %d, %u or %i, nothing else */
			lp->conv = f;
		}
	if (!lp->conv)
		return false;
	const char *v = close + 1;
	while (isspace((unsigned char)*v) || *v == ',')
		v++;
	lp->var = v;
	while (is_ident_char(*v))
		v++;
	lp->var_len = (size_t)(v - lp->var);
	while (isspace((unsigned char)*v))
		v++;
	return lp->var_len && *v == ')';
}

/* `.name = IDENT`: IDENT = g_strdup_printf("...%d...", VAR) before it, in a
 * for loop over VAR; or `.name = g_strdup_printf(...)` itself. */
static bool find_name_loop(const char *text, const char *start, int line, const char *v, size_t n, struct name_loop *lp)
{
	if (read_printf(v, lp))
		return find_for(text, start, lp, start, line);
	for (size_t i = 0; i < n; i++)
		if (!is_ident_char(v[i]))
			return false;
	const char *limit = (size_t)(start - text) > LOOP_SEARCH ? start - LOOP_SEARCH : text;
	for (const char *p = start; p > limit;) {
		p--;
		if (strncmp(p, v, n) != 0 || is_ident_char(p[n]) || (p > text && is_ident_char(p[-1])))
			continue;
		const char *q = p + n;
		while (isspace((unsigned char)*q))
			q++;
		if (*q != '=' || q[1] == '=')
			continue;
		q++;
		while (isspace((unsigned char)*q))
			q++;
		return read_printf(q, lp) && find_for(text, p, lp, start, line);
	}
	return false;
}

/* ---- one ARMCPRegInfo initializer ---- */

static bool is_aa64_state(const char *start, const char *end)
{
	const char *state;
	size_t n;
	/* QEMU's default state is AArch32 */
	if (!member(start, end, "state", &state, &n))
		return false;
	for (const char *p = state; p + 4 <= state + n; p++)
		if (strncmp(p, "AA64", 4) == 0 || strncmp(p, "BOTH", 4) == 0)
			return true;
	return false;
}

static bool type_has(struct arena *a, const char *start, const char *end, const char *flag)
{
	const char *v;
	size_t n;
	return member(start, end, "type", &v, &n) && strstr(arena_strndup(a, v, n), flag) != NULL;
}

static const unsigned enc_max[5] = {3, 7, 15, 15, 7};

/* The end of one macro argument at p: the ',' or ')' at its own level. */
static const char *arg_end(const char *p, const char *end)
{
	int depth = 0;
	for (; p < end && !(depth == 0 && (*p == ',' || *p == ')')); p++)
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
	return p;
}

/* Five encoding values written as arguments, "3, 5, 2, 0, 0)" (p after the
 * '(' or the name before them): one past the ')', or NULL when one is not
 * a number in its field's range. DEF(NAME, ...), ENCODE_AA64_CP_REG(...)
 * and Linux's sys_reg(...) all write them so. */
static const char *read_enc_args(const char *p, const char *end, unsigned enc[5])
{
	for (int i = 0; i < 5; i++) {
		const char *e = arg_end(p, end);
		long v;
		if (e >= end || *e != (i < 4 ? ',' : ')') || !eval_c_expr(p, (size_t)(e - p), NULL, 0, 0, &v) ||
		    v > (long)enc_max[i])
			return NULL;
		enc[i] = (unsigned)v;
		p = e + 1;
	}
	return p;
}

/* The encoding members, the loop variable (if any) at `index`: false when
 * one is not a number an expression gives, or out of its field's range. */
static bool read_encoding(const char *start, const char *end, const struct name_loop *lp, long index, unsigned enc[5])
{
	static const char *const fields[] = {"opc0", "opc1", "crn", "crm", "opc2"};
	bool ok = true;
	for (int i = 0; i < 5; i++) {
		const char *v;
		size_t n;
		long x = 0;
		if (!member(start, end, fields[i], &v, &n) ||
		    !eval_c_expr(v, n, lp ? lp->var : NULL, lp ? lp->var_len : 0, index, &x) || x > (long)enc_max[i])
			ok = false;
		enc[i] = (unsigned)x;
	}
	return ok;
}

/* What every entry of the initializer shares: storage, 128-bit members. */
static void read_storage(struct reader *r, struct consumer_reg *cr, const char *start, const char *end)
{
	const char *v;
	size_t n;
	cr->has128 = type_has(&r->c->arena, start, end, "ARM_CP_128BIT");
	cr->has_fieldoffset = member(start, end, "fieldoffset", &v, &n);
	cr->has_fieldoffsethi = member(start, end, "fieldoffsethi", &v, &n);
	cr->has_read128fn = member(start, end, "read128fn", &v, &n) || member(start, end, "readfn128", &v, &n) ||
			    member(start, end, "raw_read128fn", &v, &n);
	cr->has_accessors = member(start, end, "readfn", &v, &n) || member(start, end, "writefn", &v, &n) ||
			    type_has(&r->c->arena, start, end, "ARM_CP_CONST");
	cr->duplicate_member = duplicate_member(&r->c->arena, start, end);
}

/* `.vhe_redir_to_el01 = ENCODE_AA64_CP_REG(3, 5, 2, 0, 0)` on TTBR0_EL1:
 * QEMU makes the EL12 alias at run time. */
static void add_vhe_alias(struct reader *r, const struct consumer_reg *base, const char *start, const char *end)
{
	const char *v;
	size_t n;
	static const char macro[] = "ENCODE_AA64_CP_REG(";
	if (!member(start, end, "vhe_redir_to_el01", &v, &n) || n < sizeof(macro) || strncmp(v, macro, sizeof(macro) - 1) != 0)
		return;
	unsigned enc[5];
	if (!read_enc_args(v + sizeof(macro) - 1, v + n, enc))
		return;
	size_t len = strlen(base->name);
	bool el1 = len > 4 && strcasecmp(base->name + len - 4, "_EL1") == 0;
	bool el0 = len > 4 && strcasecmp(base->name + len - 4, "_EL0") == 0;
	const char *name = arena_printf(&r->c->arena, "%.*s%s", (int)(el1 || el0 ? len - 4 : len), base->name,
					el0 ? "_EL02" : "_EL12");
	struct consumer_reg copy = *base; /* add_reg may move the vector base points into */
	struct consumer_reg *cr = add_reg(r, name, strlen(name), copy.loc.line);
	const char *alias_name = cr->name;
	*cr = copy;
	cr->name = alias_name;
	memcpy(cr->enc, enc, sizeof(enc));
	cr->enc_known = true;
	cr->made_by = arena_printf(&r->c->arena, ".vhe_redir_to_el01 of %s", copy.name);
}

/* The entries of one initializer a loop repeats: names from its
 * g_strdup_printf format (or the one literal name, "ICH_LRn_EL2"), the
 * encoding from expressions in the loop's variable (.crm = 12 + (j >> 3)). */
static void add_loop_entries(struct reader *r, const char *start, const char *end, const char *literal,
			     size_t literal_len, const struct name_loop *lp, int line)
{
	/* Without a constant bound (i < brps), every index whose encoding is
	 * valid, up to 63, is assumed: the report says so. */
	long last = lp->bound >= 0 ? lp->bound - 1 : 63;
	struct strbuf what = {0};
	if (lp->fmt)
		sb_printf(&what, "g_strdup_printf(\"%.*s\", %.*s)", (int)lp->fmt_len, lp->fmt, (int)lp->var_len, lp->var);
	else
		sb_printf(&what, "\"%.*s\" with an encoding in %.*s", (int)literal_len, literal, (int)lp->var_len, lp->var);
	const char *note = arena_printf(&r->c->arena, "a loop (line %d): %s for %.*s < %.*s%s", lp->line, what.s,
					(int)lp->var_len, lp->var, (int)lp->bound_len, lp->bound_text,
					lp->bound >= 0 ? "" : " (not a constant: every index with a valid encoding assumed, up to 63)");
	sb_free(&what);
	r->c->loops++;
	struct consumer_reg shared = {.has_encoding = true, .made_by = note, .assumed = lp->bound < 0};
	read_storage(r, &shared, start, end); /* the same initializer for every index */
	for (long i = lp->first; i <= last && i >= 0; i++) {
		unsigned enc[5];
		bool known = read_encoding(start, end, lp, i, enc);
		if (!known && lp->bound < 0)
			break;
		char *name = lp->fmt ? arena_printf(&r->c->arena, "%.*s%ld%.*s", (int)(lp->conv - lp->fmt), lp->fmt, i,
						    (int)(lp->fmt_len - (size_t)(lp->conv - lp->fmt) - 2), lp->conv + 2)
				     : arena_strndup(&r->c->arena, literal, literal_len);
		struct consumer_reg *cr = add_reg(r, name, strlen(name), line);
		struct srcloc loc = cr->loc;
		*cr = shared;
		cr->name = name;
		cr->loc = loc;
		cr->enc_known = known;
		memcpy(cr->enc, enc, sizeof(enc));
		add_vhe_alias(r, cr, start, end);
	}
}

static void read_initializer(struct reader *r, const char *text, const char *start, const char *end, int line)
{
	const char *v;
	size_t n;
	if (!member(start, end, "name", &v, &n))
		return;
	/* other structs have a .name too (device properties): a cpreg has an encoding */
	static const char *const encoding_members[] = {"opc0", "opc1", "crn", "crm", "opc2", "cp"};
	const char *ev;
	size_t en;
	bool cpreg = false;
	for (size_t i = 0; i < ARRAY_LEN(encoding_members) && !cpreg; i++)
		cpreg = member(start, end, encoding_members[i], &ev, &en);
	if (!cpreg)
		return;
	if (!is_aa64_state(start, end)) {
		r->c->aarch32_only++;
		return;
	}
	struct name_loop lp = {0};
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		unsigned enc[5], in_loop[5];
		bool known = read_encoding(start, end, NULL, 0, enc);
		if (!known && find_for(text, start, &lp, start, line) && read_encoding(start, end, &lp, lp.first, in_loop)) {
			add_loop_entries(r, start, end, v + 1, n - 2, &lp, line);
			return;
		}
		struct consumer_reg *cr = add_reg(r, v + 1, n - 2, line);
		cr->has_encoding = true;
		cr->enc_known = known;
		memcpy(cr->enc, enc, sizeof(enc));
		read_storage(r, cr, start, end);
		add_vhe_alias(r, cr, start, end);
		return;
	}
	if (!n || !find_name_loop(text, start, line, v, n, &lp)) {
		r->c->computed_names++; /* a name QEMU computes some other way */
		return;
	}
	add_loop_entries(r, start, end, NULL, 0, &lp, line);
}

/* At a quote or a newline: past the literal (counting the newline an
 * unclosed one stops at), or the newline counted. False at the end. */
static bool skip_counted(const char **p, int *line)
{
	if (**p == '"' || **p == '\'') {
		*p = skip_literal(*p);
		if (!**p)
			return false;
	}
	*line += **p == '\n';
	return true;
}

static void read_qemu_file(struct reader *r, char *text)
{
	blank_comments(text);
	const char *stack[256];
	int lines[256], line = 1; /* counted as we go: a file's initializers cost one pass */
	size_t depth = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '"' || *p == '\'' || *p == '\n') {
			if (!skip_counted(&p, &line))
				break;
		} else if (*p == '{') {
			if (depth == ARRAY_LEN(stack)) {
				rerror(r, line, "braces nested deeper than %zu", ARRAY_LEN(stack));
				return;
			}
			lines[depth] = line;
			stack[depth++] = p;
		} else if (*p == '}') {
			if (depth == 0) {
				rerror(r, line, "unbalanced braces: '}' without an open '{'");
				return;
			}
			const char *open = stack[--depth];
			read_initializer(r, text, open + 1, p, lines[depth]);
		}
	}
	if (depth)
		rerror(r, lines[depth - 1], "unbalanced braces: this '{' is never closed");
}

/* A symbolic link inside an audited tree is never followed: counted (the
 * report says how many), an error with --strict; one where the tree's
 * files are looked for by name (arch/arm64/include/asm/sysreg.h) is also
 * a warning, as the report then lacks what it holds. */
static void skip_link(struct reader *r, const char *path, bool named)
{
	struct srcloc loc = {path, 0, 0};
	r->c->links_skipped++;
	if (r->lim->strict) {
		diag_error(r->d, &loc, "a symbolic link inside the tree: not followed (--strict)");
		r->ok = false;
	} else if (named) {
		diag_warning(r->d, &loc, "a symbolic link inside the tree: not followed, the file is not read");
	}
}

static bool read_qemu_entry(void *ctx, const struct walk_entry *e)
{
	struct reader *r = ctx;
	struct srcloc loc = {e->path, 0, 0};
	if (e->kind == WALK_ERROR) {
		diag_error(r->d, &loc, "%s", e->error);
		r->ok = false;
	} else if (e->kind == WALK_LINK) {
		skip_link(r, e->path, false);
	} else if (e->kind == WALK_FILE && (str_ends_with(e->name, ".c") || str_ends_with(e->name, ".c.inc"))) {
		size_t len;
		char *text = read_text_fd(e->fd, e->path, r->lim->max_file_bytes, "--max-file-bytes", &len, r->d);
		if (!text) {
			r->ok = false;
		} else {
			if (!r->marked || strstr(text, "ARMCPRegInfo")) {
				r->file = arena_strdup(&r->c->arena, e->path);
				r->c->files++;
				read_qemu_file(r, text);
			}
			free(text);
		}
	}
	return true;
}

/* Every .c and .c.inc file under tree/rel (fswalk.c: no link followed on
 * the way there or below, depth and entries bounded); with `marked`, only
 * those that mention ARMCPRegInfo (hw/intc has other controllers' files). */
static void walk_qemu(struct reader *r, const char *tree, const char *rel, bool marked)
{
	r->marked = marked;
	if (!walk_tree_below(tree, rel, r->lim, read_qemu_entry, r))
		r->ok = false;
}

/* ---- QEMU's ID register list: DEF(ID_AA64PFR0_EL1, 3, 0, 0, 4, 0) ---- */

static bool is_def_line(const char *s)
{
	return strncmp(s + strspn(s, " \t"), "DEF(", 4) == 0;
}

static bool has_def_line(const char *text)
{
	for (const char *p = text; p; p = strchr(p, '\n')) {
		p += *p == '\n';
		if (is_def_line(p))
			return true;
	}
	return false;
}

static void read_def_list(struct reader *r, char *text)
{
	struct consumer *c = r->c;
	blank_comments(text);
	c->idlist_path = arena_strdup(&c->arena, r->file);
	int line = 0;
	for (char *s = text, *next; s; s = next) {
		next = strchr(s, '\n');
		if (next)
			*next++ = '\0';
		line++;
		if (!is_def_line(s))
			continue;
		const char *p = strchr(s, '(') + 1, *end = s + strlen(s);
		const char *name = p + strspn(p, " \t");
		size_t n = 0;
		while (is_ident_char(name[n]))
			n++;
		unsigned enc[5];
		const char *comma = name + n + strspn(name + n, " \t");
		const char *after = n && *comma == ',' ? read_enc_args(comma + 1, end, enc) : NULL;
		if (!after || after[strspn(after, " \t\r")] != '\0') {
			rerror(r, line, "expected DEF(NAME, op0, op1, crn, crm, op2) with numbers in range");
			return;
		}
		struct consumer_reg *cr = VEC_PUSH(c->idlist, c->n_idlist, c->cap_idlist);
		cr->name = arena_strndup(&c->arena, name, n);
		cr->has_encoding = cr->enc_known = true;
		memcpy(cr->enc, enc, sizeof(enc));
		cr->loc.file = c->idlist_path;
		cr->loc.line = line;
	}
}

/* ---- Linux's KVM: arch/arm64/kvm/sys_regs.c ----
 * sys_reg_descs[] lists what KVM handles, mostly through macros:
 *     DBG_BCR_BVR_WCR_WVR_EL1(0),          four SYS_DESC()s
 *     ID_SANITISED(ID_AA64PFR0_EL1),       SYS_DESC(SYS_##name)
 *     ID_UNALLOCATED(3,3),                 Op0(3), Op1(0), CRn(0), CRm(3), Op2(3)
 *     { SYS_DESC(SYS_MDCCINT_EL1), ... },
 * Each element is expanded with the file's own macros; each SYS_DESC(SYS_X)
 * names a register, whose encoding comes from asm/sysreg.h's macros
 * (SYS_PMEVCNTRn_EL0(n) is sys_reg(3, 3, 14, __CNTR_CRm(n), __PMEV_op2(n)))
 * or, for names gen-sysreg.awk makes, from the sysreg file. */

struct kvm_reader {
	struct reader *r;
	struct cmacros table; /* sys_regs.c's */
	struct cmacros names; /* asm/sysreg.h's */
};

static bool sysreg_file_encoding(const struct consumer *c, const char *name, size_t n, unsigned enc[5])
{
	for (size_t i = 0; i < c->n_regs; i++)
		if (strlen(c->regs[i].name) == n && strncmp(c->regs[i].name, name, n) == 0 && c->regs[i].enc_known) {
			memcpy(enc, c->regs[i].enc, 5 * sizeof(unsigned));
			return true;
		}
	return false;
}

/* SYS_X or SYS_X(n): its encoding, through sysreg.h, then the sysreg file. */
static bool kvm_encoding(struct kvm_reader *k, const char *arg, size_t n, unsigned enc[5])
{
	static const char *const stop[] = {"sys_reg", NULL};
	struct strbuf x = {0};
	bool ok = cmacros_expand(&k->names, arg, n, stop, &x);
	const char *s = x.s ? x.s : "";
	s += strspn(s, " \t()");
	if (ok && strncmp(s, "sys_reg", 7) == 0) {
		const char *open = s + 7 + strspn(s + 7, " \t");
		ok = *open == '(' && read_enc_args(open + 1, x.s + x.len, enc);
	} else if (ok && strncmp(s, "SYS_", 4) == 0) {
		size_t len = 0;
		while (is_ident_char(s[4 + len]))
			len++;
		ok = sysreg_file_encoding(k->r->c, s + 4, len, enc);
	} else {
		ok = false;
	}
	sb_free(&x);
	return ok;
}

static void add_kvm_entry(struct kvm_reader *k, const char *name, size_t n, const unsigned *enc, bool known,
			  const char *made_by, int line)
{
	struct consumer *c = k->r->c;
	struct consumer_reg *cr = VEC_PUSH(c->kvm, c->n_kvm, c->cap_kvm);
	struct strbuf clean = {0};
	for (size_t i = 0; i < n; i++) /* DBGBVRn_EL1( 3 ) -> DBGBVRn_EL1(3) */
		if (!isspace((unsigned char)name[i]))
			sb_addn(&clean, &name[i], 1);
	cr->name = arena_strdup(&c->arena, clean.s ? clean.s : "");
	sb_free(&clean);
	cr->has_encoding = true;
	cr->enc_known = known;
	if (known)
		memcpy(cr->enc, enc, sizeof(cr->enc));
	cr->made_by = made_by;
	cr->loc.file = c->kvm_path;
	cr->loc.line = line;
}

/* One element of sys_reg_descs[], expanded: every SYS_DESC(SYS_X) in it,
 * and the bare Op0() ... Op2() of an unallocated ID encoding. */
static void kvm_element(struct kvm_reader *k, const char *s, size_t n, int line)
{
	static const char *const stop[] = {"SYS_DESC", "Op0", "Op1", "CRn", "CRm", "Op2", NULL};
	struct strbuf x = {0};
	if (!cmacros_expand(&k->table, s, n, stop, &x) || !x.s) {
		sb_free(&x);
		return;
	}
	struct consumer *c = k->r->c;
	const char *made_by = arena_strndup(&c->arena, s, n < 80 ? n : 80);
	const char *end = x.s + x.len;
	for (const char *p = x.s; (p = strstr(p, "SYS_DESC")) != NULL; p += 8) {
		const char *open = p + 8 + strspn(p + 8, " \t\n");
		if (*open != '(')
			continue;
		const char *arg = open + 1 + strspn(open + 1, " \t\n");
		size_t n_arg = (size_t)(arg_end(arg, end) - arg);
		unsigned enc[5];
		bool known = kvm_encoding(k, arg, n_arg, enc);
		bool sys = n_arg > 4 && strncmp(arg, "SYS_", 4) == 0;
		add_kvm_entry(k, sys ? arg + 4 : arg, sys ? n_arg - 4 : n_arg, enc, known, made_by, line);
	}
	const char *op = strstr(x.s, "Op0(");
	if (op && !strstr(x.s, "SYS_DESC")) {
		static const char *const parts[] = {"Op0(", "Op1(", "CRn(", "CRm(", "Op2("};
		unsigned enc[5];
		bool ok = true;
		for (int i = 0; ok && i < 5; i++) {
			const char *q = strstr(x.s, parts[i]);
			const char *e = q ? strchr(q, ')') : NULL;
			long v;
			ok = e && eval_c_expr(q + 4, (size_t)(e - q - 4), NULL, 0, 0, &v) && v <= (long)enc_max[i];
			enc[i] = ok ? (unsigned)v : 0;
		}
		if (ok)
			add_kvm_entry(k, "(unallocated)", 13, enc, true, made_by, line);
	}
	sb_free(&x);
}

/* sys_regs.c's text (`raw`, blanked in place) and asm/sysreg.h's (may be
 * NULL): the KVM entries. */
static void read_kvm_text(struct reader *r, const char *path, char *raw, const char *hdr)
{
	struct consumer *c = r->c;
	struct kvm_reader k = {r, {.arena = &c->arena}, {.arena = &c->arena}};
	cmacros_read(&k.table, raw);
	if (hdr)
		cmacros_read(&k.names, hdr);
	c->kvm_path = arena_strdup(&c->arena, path);
	r->file = c->kvm_path;
	blank_comments(raw);
	const char *table = strstr(raw, "sys_reg_descs[]");
	const char *open = table ? strchr(table, '{') : NULL;
	if (!open) {
		rerror(r, 0, "no sys_reg_descs[] table");
	} else {
		int depth = 0, line = line_at(raw, open), elem_line = 0; /* counted as we go */
		const char *start = open + 1;
		for (const char *p = open + 1; *p; p++) {
			if (!elem_line && !isspace((unsigned char)*p))
				elem_line = line; /* where the element starts */
			if (*p == '"' || *p == '\'' || *p == '\n') {
				if (!skip_counted(&p, &line))
					break;
			} else if (*p == '(' || *p == '{' || *p == '[') {
				depth++;
			} else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0) {
				depth--;
			} else if ((*p == ',' || *p == '}') && depth == 0) {
				const char *a = start;
				while (a < p && isspace((unsigned char)*a))
					a++;
				if (a < p)
					kvm_element(&k, a, (size_t)(p - a), elem_line);
				if (*p == '}')
					break;
				start = p + 1;
				elem_line = 0;
			}
		}
	}
	cmacros_free(&k.table);
	cmacros_free(&k.names);
}

/* Whether a tree has `rel` (a directory if `dir`), with no symbolic link
 * on the way: one there is skipped and counted, as in a walk. */
static bool tree_has(struct reader *r, const char *tree, const char *rel, bool dir)
{
	struct stat st;
	if (stat_below(tree, rel, &st) == 0)
		return !dir || S_ISDIR(st.st_mode);
	if (errno == ELOOP)
		skip_link(r, arena_printf(&r->c->arena, "%s/%s", tree, rel), true);
	return false;
}

static char *tree_read(struct reader *r, const char *tree, const char *rel, size_t *len)
{
	return read_text_below(tree, rel, r->lim->max_file_bytes, "--max-file-bytes", len, r->d);
}

static void read_kvm(struct reader *r, const char *tree)
{
	struct consumer *c = r->c;
	const char *table = "arch/arm64/kvm/sys_regs.c", *header = "arch/arm64/include/asm/sysreg.h";
	if (!tree_has(r, tree, table, false))
		return;
	size_t len;
	char *raw = tree_read(r, tree, table, &len);
	if (!raw) {
		r->ok = false;
		return;
	}
	char *hdr = NULL;
	if (tree_has(r, tree, header, false) && !(hdr = tree_read(r, tree, header, &len)))
		r->ok = false; /* there, but not readable: the report would be wrong */
	read_kvm_text(r, arena_printf(&c->arena, "%s/%s", tree, table), raw, hdr);
	free(hdr);
	free(raw);
}

bool consumer_read_kvm_text(struct consumer *c, const char *path, char *table, const char *header, struct diag *d)
{
	struct reader r = {c, d, path, true, NULL, false};
	read_kvm_text(&r, path, table, header);
	return r.ok;
}

/* ---- a list of names ---- */

static void read_names(struct reader *r, char *text)
{
	int line = 0;
	for (char *s = text, *next; s; s = next) {
		next = strchr(s, '\n');
		if (next)
			*next++ = '\0';
		line++;
		char *t = s + strspn(s, " \t\r");
		size_t n = strcspn(t, " \t\r");
		if (!*t || *t == '#')
			continue;
		bool name = n > 0 && t[n + strspn(t + n, " \t\r")] == '\0';
		for (size_t i = 0; name && i < n; i++)
			name = isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '<' || t[i] == '>';
		if (!name) {
			rerror(r, line, "expected one register name per line, got '%.60s'", t);
			return;
		}
		add_reg(r, t, n, line);
	}
}

/* ---- which kind ---- */

static bool has_line_starting(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; p; p = strchr(p, '\n')) {
		p += *p == '\n';
		if (strncmp(p, word, n) == 0 && (p[n] == ' ' || p[n] == '\t'))
			return true;
	}
	return false;
}

/* One file: told by what it holds (a Linux tree's sysreg file: linux_tree). */
static void read_file_text(struct reader *r, char *text, size_t len, bool linux_tree)
{
	struct consumer *c = r->c;
	struct srcloc loc = {r->file, 0, 0};
	c->files = 1;
	if (len >= strlen(UTF8_BOM) && str_starts_with(text, UTF8_BOM)) { /* an editor's byte-order mark */
		text += strlen(UTF8_BOM);
		len -= strlen(UTF8_BOM);
	}
	if (memchr(text, '\0', len)) {
		diag_error(r->d, &loc, "a binary file: expected a Linux or QEMU tree, a sysreg file, a C file or a list of names");
		r->ok = false;
	} else if (linux_tree || has_line_starting(text, "Sysreg")) {
		if (!c->kind_name)
			c->kind_name = "Linux sysreg file";
		c->kind = CONSUMER_LINUX;
		read_linux_sysreg(r, text);
	} else if (has_def_line(text) && !strstr(text, "ARMCPRegInfo")) {
		c->kind = CONSUMER_QEMU;
		c->kind_name = "QEMU ID register list";
		read_def_list(r, text);
		for (size_t i = 0; i < c->n_idlist; i++)
			*VEC_PUSH(c->regs, c->n_regs, c->cap_regs) = c->idlist[i];
	} else if (strstr(text, "ARMCPRegInfo")) {
		c->kind = CONSUMER_QEMU;
		c->kind_name = "QEMU source file";
		read_qemu_file(r, text);
	} else {
		c->kind = CONSUMER_NAMES;
		c->kind_name = "list of names";
		read_names(r, text);
	}
}

bool consumer_read(struct consumer *c, const char *path, const struct read_limits *lim, struct diag *d)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	struct reader r = {c, d, path, true, lim, false};
	struct stat st;
	struct srcloc loc = {path, 0, 0};
	bool linux_tree = false;
	size_t len;
	char *text;
	if (stat(path, &st) != 0) {
		diag_error(d, &loc, "cannot read: %s", strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		const char *sysreg = "arch/arm64/tools/sysreg";
		if (tree_has(&r, path, sysreg, false)) {
			linux_tree = true;
			c->kind_name = "Linux tree";
			text = tree_read(&r, path, sysreg, &len);
			r.file = arena_printf(&c->arena, "%s/%s", path, sysreg);
		} else if (tree_has(&r, path, "target/arm", true)) {
			c->kind = CONSUMER_QEMU;
			c->kind_name = "QEMU tree";
			walk_qemu(&r, path, "target/arm", false);
			/* the GIC CPU interface registers (ICC_*, ICH_*) */
			if (tree_has(&r, path, "hw/intc", true))
				walk_qemu(&r, path, "hw/intc", true);
			const char *idlist = "target/arm/cpu-sysregs.h.inc";
			text = NULL;
			if (tree_has(&r, path, idlist, false) && !(text = tree_read(&r, path, idlist, &len)))
				r.ok = false;
			if (text) {
				r.file = arena_printf(&c->arena, "%s/%s", path, idlist);
				read_def_list(&r, text);
				free(text);
			}
			return r.ok;
		} else {
			diag_error(d, &loc, "neither a Linux tree (arch/arm64/tools/sysreg) nor a QEMU tree (target/arm/)");
			return false;
		}
	} else {
		text = read_text_file(path, lim->max_file_bytes, "--max-file-bytes", &len, d);
		r.file = path;
	}
	if (!text)
		return false;
	read_file_text(&r, text, len, linux_tree);
	free(text);
	if (linux_tree && r.ok)
		read_kvm(&r, c->path);
	return r.ok;
}

bool consumer_read_text(struct consumer *c, const char *path, char *text, size_t len, struct diag *d)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	struct reader r = {c, d, path, true, NULL, false};
	read_file_text(&r, text, len, false);
	return r.ok;
}

void consumer_free(struct consumer *c)
{
	free(c->regs);
	free(c->idlist);
	free(c->kvm);
	arena_free(&c->arena);
}
