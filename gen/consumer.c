// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Readers of what consumers define (see consumer.h). */
#define _DEFAULT_SOURCE
#include "consumer.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct reader {
	struct consumer *c;
	struct diag *d;
	const char *file;
	bool ok;
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

static char *slurp(const char *path, size_t *len, struct diag *d)
{
	FILE *f = fopen(path, "rb");
	struct srcloc loc = {path, 0, 0};
	if (!f) {
		diag_error(d, &loc, "cannot read: %s", strerror(errno));
		return NULL;
	}
	struct strbuf b = {0};
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&b, buf, got);
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		diag_error(d, &loc, "cannot read: %s", strerror(errno));
		sb_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.s ? b.s : xstrdup("");
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
		for (char *t = strtok(s, " \t\r"); t && n < 16; t = strtok(NULL, " \t\r"))
			tok[n++] = t;
		if (n == 0 || tok[0][0] == '#')
			continue;
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
			if (*p)
				p[0] = p[1] = ' ', p++;
		} else if (p[0] == '/' && p[1] == '/') {
			for (; *p && *p != '\n'; p++)
				*p = ' ';
			if (!*p)
				break;
			line_start = true;
		} else if (*p == '#' && line_start) {
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

/* The value of member `.key = value` in [start, end), trimmed; NULL if absent. */
static bool member(const char *start, const char *end, const char *key, const char **v, size_t *vlen)
{
	size_t klen = strlen(key);
	int depth = 0;
	for (const char *p = start; p < end; p++) {
		if (*p == '{' || *p == '(')
			depth++;
		else if (*p == '}' || *p == ')')
			depth--;
		else if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
		} else if (depth == 0 && *p == '.' && strncmp(p + 1, key, klen) == 0 && !isalnum((unsigned char)p[1 + klen]) &&
			   p[1 + klen] != '_') {
			const char *q = p + 1 + klen;
			while (q < end && isspace((unsigned char)*q))
				q++;
			if (q >= end || *q != '=')
				continue;
			q++;
			while (q < end && isspace((unsigned char)*q))
				q++;
			const char *e = value_end(q);
			while (e > q && isspace((unsigned char)e[-1]))
				e--;
			*v = q;
			*vlen = (size_t)(e - q);
			return true;
		}
	}
	return false;
}

static bool number_value(const char *v, size_t n, unsigned *out)
{
	char buf[32];
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, v, n);
	buf[n] = '\0';
	char *end;
	errno = 0;
	unsigned long x = strtoul(buf, &end, 0);
	if (*end || errno || !isdigit((unsigned char)buf[0]))
		return false;
	*out = (unsigned)x;
	return true;
}

static void read_initializer(struct reader *r, const char *text, const char *start, const char *end)
{
	const char *v;
	size_t n;
	static const char *const fields[] = {"opc0", "opc1", "crn", "crm", "opc2"};
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
	if (n < 2 || v[0] != '"' || v[n - 1] != '"') {
		r->c->computed_names++; /* "DBGBVR%d_EL1" built at run time */
		return;
	}
	/* QEMU's default state is AArch32 */
	const char *state = NULL;
	size_t state_len = 0;
	char state_text[64] = "";
	if (member(start, end, "state", &state, &state_len) && state_len < sizeof(state_text))
		memcpy(state_text, state, state_len), state_text[state_len] = '\0';
	if (!strstr(state_text, "AA64") && !strstr(state_text, "BOTH")) {
		r->c->aarch32_only++;
		return;
	}
	struct consumer_reg *cr = add_reg(r, v + 1, n - 2, line_at(text, start));
	cr->has_encoding = true;
	cr->enc_known = true;
	for (int i = 0; i < 5; i++) {
		if (!member(start, end, fields[i], &v, &n) || !number_value(v, n, &cr->enc[i]))
			cr->enc_known = false;
	}
	const char *type;
	size_t type_len;
	if (member(start, end, "type", &type, &type_len)) {
		char *t = arena_strndup(&r->c->arena, type, type_len);
		cr->has128 = strstr(t, "ARM_CP_128BIT") != NULL;
	}
}

static void read_qemu_file(struct reader *r, char *text)
{
	blank_comments(text);
	const char *stack[256];
	size_t depth = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '"' || *p == '\'') {
			p = skip_literal(p);
			if (!*p)
				break;
		} else if (*p == '{') {
			if (depth == ARRAY_LEN(stack)) {
				rerror(r, line_at(text, p), "braces nested deeper than %zu", ARRAY_LEN(stack));
				return;
			}
			stack[depth++] = p;
		} else if (*p == '}') {
			if (depth == 0) {
				rerror(r, line_at(text, p), "unbalanced braces: '}' without an open '{'");
				return;
			}
			const char *open = stack[--depth];
			read_initializer(r, text, open + 1, p);
		}
	}
	if (depth)
		rerror(r, line_at(text, stack[depth - 1]), "unbalanced braces: this '{' is never closed");
}

static void walk_qemu(struct reader *r, const char *dir, unsigned level)
{
	DIR *dp = opendir(dir);
	if (!dp || level > 16) {
		struct srcloc loc = {dir, 0, 0};
		diag_error(r->d, &loc, "cannot read directory: %s", dp ? "too deep" : strerror(errno));
		r->ok = false;
		if (dp)
			closedir(dp);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dp)))
		if (de->d_name[0] != '.')
			*VEC_PUSH(names, n, cap) = xstrdup(de->d_name);
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str_ptr);
	for (size_t i = 0; i < n; i++) {
		char *path = arena_printf(&r->c->arena, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_qemu(r, path, level + 1);
		} else if (str_ends_with(names[i], ".c") || str_ends_with(names[i], ".c.inc")) {
			size_t len;
			char *text = slurp(path, &len, r->d);
			if (!text) {
				r->ok = false;
			} else {
				r->file = path;
				r->c->files++;
				read_qemu_file(r, text);
				free(text);
			}
		}
		free(names[i]);
	}
	free(names);
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

bool consumer_read(struct consumer *c, const char *path, struct diag *d)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	struct reader r = {c, d, path, true};
	struct stat st;
	struct srcloc loc = {path, 0, 0};
	bool linux_tree = false;
	if (stat(path, &st) != 0) {
		diag_error(d, &loc, "cannot read: %s", strerror(errno));
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		char *sysreg = arena_printf(&c->arena, "%s/arch/arm64/tools/sysreg", path);
		char *target = arena_printf(&c->arena, "%s/target/arm", path);
		struct stat s2;
		if (stat(sysreg, &s2) == 0) {
			linux_tree = true;
			c->kind_name = "Linux tree";
			path = sysreg;
		} else if (stat(target, &s2) == 0 && S_ISDIR(s2.st_mode)) {
			c->kind = CONSUMER_QEMU;
			c->kind_name = "QEMU tree";
			walk_qemu(&r, target, 0);
			return r.ok;
		} else {
			diag_error(d, &loc, "neither a Linux tree (arch/arm64/tools/sysreg) nor a QEMU tree (target/arm/)");
			return false;
		}
	}
	size_t len;
	char *text = slurp(path, &len, d);
	if (!text)
		return false;
	r.file = path;
	c->files = 1;
	if (memchr(text, '\0', len)) {
		diag_error(d, &loc, "a binary file: expected a Linux or QEMU tree, a sysreg file, a C file or a list of names");
		r.ok = false;
	} else if (linux_tree || has_line_starting(text, "Sysreg")) {
		if (!c->kind_name)
			c->kind_name = "Linux sysreg file";
		c->kind = CONSUMER_LINUX;
		read_linux_sysreg(&r, text);
	} else if (strstr(text, "ARMCPRegInfo")) {
		c->kind = CONSUMER_QEMU;
		c->kind_name = "QEMU source file";
		read_qemu_file(&r, text);
	} else {
		c->kind = CONSUMER_NAMES;
		c->kind_name = "list of names";
		read_names(&r, text);
	}
	free(text);
	return r.ok;
}

void consumer_free(struct consumer *c)
{
	free(c->regs);
	arena_free(&c->arena);
}
