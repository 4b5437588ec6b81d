// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[STATE_COUNT] = {
	[STATE_AARCH64] = "AArch64",
	[STATE_AARCH32] = "AArch32",
	[STATE_EXT] = "ext",
	[STATE_MMAP] = "mmap",
};

const char *reg_state_name(enum reg_state s)
{
	return s < STATE_COUNT ? state_names[s] : "?";
}

static const char *const page_kind_names[PAGE_KIND_COUNT] = {
	[PAGE_AARCH64] = "AArch64 register pages",
	[PAGE_AARCH32] = "AArch32 register pages",
	[PAGE_EXT] = "external register pages",
	[PAGE_MMAP] = "memory-mapped (PMU/AMU) register pages",
	[PAGE_BLOCK] = "register block pages (skipped)",
	[PAGE_INDEX] = "index files (skipped)",
	[PAGE_ARCH_INFO] = "architecture info files (skipped)",
	[PAGE_INSTR_DEFS] = "access instruction definitions (skipped)",
	[PAGE_UNKNOWN] = "other XML files (skipped)",
	[PAGE_NOTICE] = "notice (skipped)",
	[PAGE_DTD] = "DTDs (skipped)",
	[PAGE_XSL] = "XSL style sheets (skipped)",
	[PAGE_CSS] = "CSS style sheets (skipped)",
	[PAGE_HTML] = "rendered XHTML and HTML pages (skipped)",
	[PAGE_DOCS] = "documentation and licence texts (skipped)",
	[PAGE_JSON_SCHEMA] = "JSON schema files (skipped)",
	[PAGE_JSON_INSTRUCTIONS] = "Instructions.json (skipped, not parsed)",
	[PAGE_JSON_OTHER] = "other JSON files (skipped)",
	[PAGE_OTHER] = "other files (skipped)",
	[PAGE_LINK] = "links, in archives and directories (not followed)",
	[PAGE_SPECIAL] = "FIFOs, devices and sockets (not opened)",
};

enum page_kind page_kind_of_root(const char *root)
{
	static const struct {
		const char *root;
		enum page_kind kind;
	} roots[] = {
		{"register_block_page", PAGE_BLOCK}, {"register_index", PAGE_INDEX},
		{"sysregindex", PAGE_INDEX},         {"architecture_info", PAGE_ARCH_INFO},
		{"access_instruction_defs", PAGE_INSTR_DEFS},
	};
	for (size_t i = 0; i < ARRAY_LEN(roots); i++)
		if (strcmp(root, roots[i].root) == 0)
			return roots[i].kind;
	return PAGE_UNKNOWN;
}

const char *page_kind_name(enum page_kind k)
{
	return k < PAGE_KIND_COUNT ? page_kind_names[k] : "?";
}

/* Sorted by name for bsearch. Widths: MRRS/MSRR move 128 bits (FEAT_SYSREG128),
 * MRRC/MCRR 64, MRC/MCR 32. */
static const struct acc_kind_info acc_kinds[] = {
	{"AT", ACC_AT, 64, 0, true},
	{"BlockAccess", ACC_BLOCK, 0, 0, false},
	{"DC", ACC_DC, 64, 0, true},
	{"IC", ACC_IC, 64, 0, true},
	{"LDC", ACC_LDC, 32, ACCESS_W, false},
	{"MCR", ACC_MCR, 32, ACCESS_W, false},
	{"MCRR", ACC_MCRR, 64, ACCESS_W, false},
	{"MRC", ACC_MRC, 32, ACCESS_R, false},
	{"MRRC", ACC_MRRC, 64, ACCESS_R, false},
	{"MRRS", ACC_MRRS, 128, ACCESS_R, false},
	{"MRS", ACC_MRS, 64, ACCESS_R, false},
	{"MRSbanked", ACC_MRSBANKED, 32, ACCESS_R, false},
	{"MSRRregister", ACC_MSRRREGISTER, 128, ACCESS_W, false},
	{"MSRbanked", ACC_MSRBANKED, 32, ACCESS_W, false},
	{"MSRimmediate", ACC_MSRIMMEDIATE, 0, 0, false},
	{"MSRregister", ACC_MSRREGISTER, 64, ACCESS_W, false},
	{"STC", ACC_STC, 32, ACCESS_R, false},
	{"SYS", ACC_SYS, 64, 0, true},
	{"SYSL", ACC_SYSL, 64, 0, true},
	{"SYSP", ACC_SYSP, 128, 0, true},
	{"TLBI", ACC_TLBI, 64, 0, true},
	{"TLBIP", ACC_TLBIP, 128, 0, true},
	{"VMRS", ACC_VMRS, 32, ACCESS_R, false},
	{"VMSR", ACC_VMSR, 32, ACCESS_W, false},
};

static const struct acc_kind_info other_kind = {"other", ACC_OTHER, 0, 0, true};

static int cmp_kind_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct acc_kind_info *)elem)->name);
}

const struct acc_kind_info *acc_kind_lookup(const char *name)
{
	return bsearch(name, acc_kinds, ARRAY_LEN(acc_kinds), sizeof(acc_kinds[0]), cmp_kind_name);
}

const struct acc_kind_info *acc_kind_info(enum acc_kind kind)
{
	for (size_t i = 0; i < ARRAY_LEN(acc_kinds); i++)
		if (acc_kinds[i].kind == kind)
			return &acc_kinds[i];
	return &other_kind;
}

/* ---- model ---- */

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
}

void fieldset_free_contents(struct fieldset *fs)
{
	for (size_t j = 0; j < fs->n_fields; j++) {
		free(fs->fields[j].ranges);
		free(fs->fields[j].values);
		free(fs->fields[j].elements);
	}
	free(fs->fields);
}

void reg_free_contents(struct reg *r)
{
	for (size_t i = 0; i < r->n_fieldsets; i++)
		fieldset_free_contents(&r->fieldsets[i]);
	free(r->fieldsets);
	for (size_t i = 0; i < r->n_accessors; i++)
		free(r->accessors[i].enc);
	free(r->accessors);
	free(r->refs);
	for (size_t i = 0; i < r->n_aliases; i++)
		free(r->aliases[i].accs);
	free(r->aliases);
}

void model_free(struct model *m)
{
	for (size_t i = 0; i < m->n_regs; i++)
		reg_free_contents(&m->regs[i]);
	free(m->regs);
	free(m->skips);
	for (size_t i = 0; i < m->features.n_params; i++)
		free(m->features.params[i].constraints);
	free(m->features.params);
	free(m->features.constraints);
	arena_free(&m->arena);
	memset(m, 0, sizeof(*m));
}

struct reg *model_add_reg(struct model *m)
{
	return VEC_PUSH(m->regs, m->n_regs, m->cap_regs);
}

const char **model_register_names(const struct model *m, size_t *n)
{
	const char **names = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		*VEC_PUSH(names, *n, cap) = m->regs[i].name;
		for (size_t j = 0; j < m->regs[i].n_aliases; j++)
			*VEC_PUSH(names, *n, cap) = m->regs[i].aliases[j].name;
	}
	return names;
}

void model_count_skip(struct model *m, const char *reason)
{
	for (size_t i = 0; i < m->n_skips; i++) {
		if (strcmp(m->skips[i].reason, reason) == 0) {
			m->skips[i].count++;
			return;
		}
	}
	struct skip_count *s = VEC_PUSH(m->skips, m->n_skips, m->cap_skips);
	s->reason = reason;
	s->count = 1;
}

/* ---- encodings ---- */

/* Parse one part at *p; returns false on a syntax error. On success adds its
 * bits to *val (unless *any) and advances *p. */
static bool enc_part(const char **p, const char *var, long index, unsigned *val, bool *any, const char **why)
{
	const char *s = *p;
	if (s[0] == '0' && s[1] == 'b') {
		s += 2;
		if (*s != '0' && *s != '1' && *s != 'x') {
			*why = "binary digits after 0b";
			return false;
		}
		for (; *s == '0' || *s == '1' || *s == 'x'; s++) {
			*val = (*val << 1) | (*s == '1');
			if (*s == 'x')
				*any = true;
		}
		*p = s;
		return true;
	}
	if (!isalpha((unsigned char)*s)) {
		*why = "a binary value such as 0b0101, or an index slice such as m[3:0]";
		return false;
	}
	const char *name = s;
	while (isalnum((unsigned char)*s) || *s == '_')
		s++;
	size_t name_len = (size_t)(s - name);
	if (*s != '[' || !isdigit((unsigned char)s[1])) {
		*why = "a binary value such as 0b0101, or an index slice such as m[3:0]";
		return false;
	}
	char *end;
	long hi = strtol(s + 1, &end, 10), lo = hi;
	if (*end == ':') {
		if (!isdigit((unsigned char)end[1])) {
			*why = "a bit number after ':' in the slice";
			return false;
		}
		lo = strtol(end + 1, &end, 10);
	}
	if (*end != ']' || hi < lo || hi > 31) {
		*why = "a slice [msb:lsb] with msb >= lsb and msb < 32";
		return false;
	}
	int bits = (int)(hi - lo + 1);
	bool bound = var && strlen(var) == name_len && strncmp(var, name, name_len) == 0;
	if (!bound || index < 0)
		*any = true;
	else
		*val = (*val << bits) | (unsigned)(((unsigned long)index >> lo) & ((1ul << bits) - 1));
	*p = end + 1;
	return true;
}

static enum enc_status enc_eval(const char *value, const char *var, long index, unsigned *out, const char **why)
{
	const char *p = value;
	unsigned val = 0;
	bool any = false;
	*why = NULL;
	if (!*p) {
		*why = "a non-empty value";
		return ENC_INVALID;
	}
	for (;;) {
		if (!enc_part(&p, var, index, &val, &any, why))
			return ENC_INVALID;
		if (*p == '\0')
			break;
		if (*p != ':') {
			*why = "parts joined by ':'";
			return ENC_INVALID;
		}
		p++;
	}
	if (out)
		*out = val;
	return any ? ENC_ANY : ENC_OK;
}

/* "0b" and one or more of 0, 1, x; the end of it, or NULL */
static const char *skip_bits(const char *s)
{
	if (s[0] != '0' || s[1] != 'b' || !s[2] || strspn(s + 2, "01x") == 0)
		return NULL;
	return s + 2 + strspn(s + 2, "01x");
}

bool field_value_valid(const char *value)
{
	const char *e = skip_bits(value);
	if (e && e[0] == '.' && e[1] == '.')
		e = skip_bits(e + 2);
	return e && !*e;
}

bool enc_value_valid(const char *value, const char **why)
{
	return enc_eval(value, NULL, -1, NULL, why) != ENC_INVALID;
}

enum enc_status enc_value_eval(const char *value, const char *var, long index, unsigned *out)
{
	const char *why;
	return enc_eval(value, var, index, out, &why);
}

const char *accessor_enc(const struct accessor *a, const char *field)
{
	for (size_t i = 0; i < a->n_enc; i++)
		if (strcmp(a->enc[i].name, field) == 0)
			return a->enc[i].value;
	return NULL;
}

int enc_field_width(enum acc_kind kind, const char *field)
{
	static const struct {
		const char *name;
		int width;
	} fields[] = {{"op0", 2}, {"op1", 3}, {"CRn", 4}, {"CRm", 4}, {"op2", 3}, {"coproc", 4}, {"opc1", 3}, {"opc2", 3}};
	bool dual = kind == ACC_MRRC || kind == ACC_MCRR; /* MRRC/MCRR: opc1 is bits [7:4] */
	if (dual && strcmp(field, "opc1") == 0)
		return 4;
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		if (strcmp(fields[i].name, field) == 0)
			return fields[i].width;
	return 0;
}

unsigned long accessor_index_mask(const struct accessor *a)
{
	unsigned long mask = 0;
	size_t var_len = a->array_var ? strlen(a->array_var) : 0;
	for (size_t i = 0; var_len && i < a->n_enc; i++) {
		for (const char *p = a->enc[i].value; (p = strstr(p, a->array_var)); p += var_len) {
			bool starts = p == a->enc[i].value || p[-1] == ':';
			if (!starts || p[var_len] != '[')
				continue;
			char *end;
			long hi = strtol(p + var_len + 1, &end, 10), lo = hi;
			if (*end == ':')
				lo = strtol(end + 1, &end, 10);
			for (long b = lo; b <= hi && b < 32; b++)
				mask |= 1ul << b;
		}
	}
	return mask;
}

bool accessor_has_x_bits(const struct accessor *a)
{
	for (size_t i = 0; i < a->n_enc; i++) {
		const char *v = a->enc[i].value;
		if (enc_value_eval(v, a->is_array ? a->array_var : NULL, a->is_array ? a->array_lo : 0, NULL) == ENC_ANY)
			return true;
	}
	return false;
}

bool accessor_is_128bit(const struct accessor *a)
{
	return a->kind == ACC_MRRS || a->kind == ACC_MSRRREGISTER;
}

bool accessor_is_register_move(const struct accessor *a)
{
	const struct acc_kind_info *k = acc_kind_info(a->kind);
	return !k->is_instruction && k->access != 0;
}

/* The identifying accessor of a register: the first register move in the
 * order MRS, MSRregister, MRRS, MSRRregister, MRC, MCR, MRRC, MCRR. */
static int primary_rank(enum acc_kind k)
{
	static const enum acc_kind order[] = {ACC_MRS, ACC_MSRREGISTER, ACC_MRRS, ACC_MSRRREGISTER,
					      ACC_MRC, ACC_MCR,         ACC_MRRC, ACC_MCRR};
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		if (order[i] == k)
			return (int)i;
	return -1;
}

bool accessor_covers(const struct accessor *a, long index)
{
	return index < 0 || !a->is_array || (index >= a->array_lo && index <= a->array_hi);
}

void accessors_summarize(struct accessor *const *accs, size_t n, long index, struct access_summary *s)
{
	memset(s, 0, sizeof(*s));
	int best = -1;
	for (size_t i = 0; i < n; i++) {
		const struct accessor *a = accs[i];
		if (!accessor_is_register_move(a) || !accessor_covers(a, index))
			continue;
		const struct acc_kind_info *k = acc_kind_info(a->kind);
		if (k->width > s->width)
			s->width = k->width;
		s->access |= k->access;
		if (accessor_is_128bit(a) && !s->acc128)
			s->acc128 = a;
		int rank = primary_rank(a->kind);
		if (rank >= 0 && (best < 0 || rank < best)) {
			best = rank;
			s->primary = a;
		}
	}
}

/* ---- names ---- */

int reg_name_cmp(const char *a, const char *b)
{
	for (;;) {
		if (*a == '<' && *b == '<') {
			while (*a && *a != '>')
				a++;
			while (*b && *b != '>')
				b++;
			continue;
		}
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
		a++, b++;
	}
}

char *reg_name_expand(struct arena *a, const char *name, const char *var, long index)
{
	if (!var)
		return arena_strdup(a, name);
	struct strbuf b = {0};
	size_t var_len = strlen(var);
	for (const char *p = name; *p;) {
		if (*p == '<' && strncmp(p + 1, var, var_len) == 0 && p[1 + var_len] == '>') {
			sb_printf(&b, "%ld", index);
			p += var_len + 2;
		} else {
			sb_addn(&b, p++, 1);
		}
	}
	char *r = arena_strdup(a, b.s ? b.s : "");
	sb_free(&b);
	return r;
}


size_t fieldset_named_fields(const struct fieldset *fs)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->n_fields; i++)
		n += fs->fields[i].name != NULL;
	return n;
}

/* ---- arrays of fields ---- */

struct range_parser {
	const char *s;
	const char *var;
	long index;
	const char *why;
};

static long range_expr(struct range_parser *p, int depth);

static long range_factor(struct range_parser *p, int depth)
{
	while (*p->s == ' ')
		p->s++;
	if (*p->s == '(') {
		p->s++;
		long v = range_expr(p, depth + 1);
		if (*p->s != ')') {
			p->why = "expected ')'";
			return 0;
		}
		p->s++;
		return v;
	}
	if (isdigit((unsigned char)*p->s)) {
		long v = 0;
		while (isdigit((unsigned char)*p->s) && v < 100000)
			v = v * 10 + (*p->s++ - '0');
		return v;
	}
	size_t n = strlen(p->var);
	if (n && strncmp(p->s, p->var, n) == 0 && !isalnum((unsigned char)p->s[n])) {
		p->s += n;
		return p->index;
	}
	p->why = "expected a number, the index variable or '('";
	return 0;
}

/* factors, multiplied: "3(n-1)", "2x", "4*m" */
static long range_term(struct range_parser *p, int depth)
{
	long v = range_factor(p, depth);
	while (!p->why) {
		while (*p->s == ' ')
			p->s++;
		if (*p->s == '*')
			p->s++;
		else if (!(*p->s == '(' || isalpha((unsigned char)*p->s)))
			break;
		long f = range_factor(p, depth);
		if (labs(v) > 100000 || labs(f) > 100000) {
			p->why = "a value out of range";
			return 0;
		}
		v *= f;
	}
	return v;
}

static long range_expr(struct range_parser *p, int depth)
{
	if (depth > 16) {
		p->why = "parentheses nested too deeply";
		return 0;
	}
	long v = range_term(p, depth);
	while (!p->why) {
		while (*p->s == ' ')
			p->s++;
		char op = *p->s;
		if (op != '+' && op != '-')
			break;
		p->s++;
		long t = range_term(p, depth);
		v = op == '+' ? v + t : v - t;
		if (labs(v) > 100000) {
			p->why = "a value out of range";
			return 0;
		}
	}
	return v;
}

bool field_range_eval(const char *spec, const char *var, long index, int *msb, int *lsb, const char **why)
{
	struct range_parser p = {spec, var ? var : "", index, NULL};
	long hi = range_expr(&p, 0), lo = hi;
	if (!p.why && *p.s == ':') {
		p.s++;
		lo = range_expr(&p, 0);
	}
	if (!p.why && *p.s)
		p.why = "expected '+', '-', a product or ':' (msb:lsb)";
	if (!p.why && (lo < 0 || hi > 255 || lo > hi))
		p.why = "bits outside 0..255, or msb below lsb";
	if (p.why) {
		*why = p.why;
		return false;
	}
	*msb = (int)hi;
	*lsb = (int)lo;
	return true;
}

static int cmp_element(const void *a, const void *b)
{
	return ((const struct field_element *)b)->msb - ((const struct field_element *)a)->msb;
}

static bool bits_inside(const struct field *f, int msb, int lsb)
{
	for (size_t i = 0; i < f->n_ranges; i++)
		if (msb <= f->ranges[i].msb && lsb >= f->ranges[i].lsb)
			return true;
	return false;
}

bool field_elements_place(struct field *f, const char **why)
{
	if (f->n_elements)
		qsort(f->elements, f->n_elements, sizeof(*f->elements), cmp_element);
	for (size_t i = 0; i < f->n_elements; i++) {
		const struct field_element *e = &f->elements[i];
		if (!bits_inside(f, e->msb, e->lsb)) {
			*why = "an element's bits lie outside the field";
			return false;
		}
		if (i && f->elements[i - 1].lsb <= e->msb) {
			*why = "two elements share bits";
			return false;
		}
		for (size_t k = 0; k < i; k++)
			if (f->elements[k].index == e->index) {
				*why = "an index given twice";
				return false;
			}
	}
	return true;
}
