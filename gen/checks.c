// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Checks over the model, after the front ends and before any pass that
 * links registers: the same rules for XML pages and JSON entries. Each
 * check is named; its messages end with the name in brackets. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "passes.h"

enum check_stage {
	AFTER_LOAD,    /* before anything links registers: may drop repeats */
	AFTER_RESOLVE, /* accessors know what they name */
};

struct check_ctx;

struct check {
	const char *name;
	enum check_stage stage;
	const char *description;
	bool (*run)(struct model *m, const struct check_ctx *c);
};

/* One check running: where it reports, and at which level. */
struct check_ctx {
	struct diag *d;
	const char *name;
	enum check_level level;
};

/* Report at the check's level (a minor finding, such as an identical
 * repeat, at most as a warning). `fmt` ends with "[%s]", given the check's
 * name. Returns false when it was an error. */
PRINTF_LIKE(4, 5)
static bool report(const struct check_ctx *c, const struct srcloc *loc, bool minor, const char *fmt, ...)
{
	enum check_level lv = minor && c->level == CHECK_ERROR ? CHECK_WARNING : c->level;
	if (lv == CHECK_OFF)
		return true;
	if (lv == CHECK_ERROR)
		c->d->errors++;
	else
		c->d->warnings++;
	va_list ap;
	va_start(ap, fmt);
	diag_verror(c->d, loc, lv == CHECK_ERROR ? "error" : "warning", fmt, ap);
	va_end(ap);
	return lv != CHECK_ERROR;
}

/* ---- duplicate-register ---- */

static int cmp_state_name(const void *ctx, size_t a, size_t b)
{
	const struct reg *regs = ctx;
	if (regs[a].state != regs[b].state)
		return (int)regs[a].state - (int)regs[b].state;
	return strcmp(regs[a].name, regs[b].name);
}

/* A register defined twice in one state: by two pages (a release directory
 * that also holds an older copy), two archive members, two JSON entries. An
 * identical repeat (the same bytes) is a warning and is dropped; a
 * different one is an error naming both places. */
static bool check_duplicate_registers(struct model *m, const struct check_ctx *c)
{
	size_t n = m->n_regs;
	size_t *order = xmalloc((n ? n : 1) * sizeof(*order));
	bool *drop = xcalloc(n ? n : 1, sizeof(*drop));
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_indexes(order, n, cmp_state_name, m->regs);
	for (size_t i = 1; i < n; i++) {
		size_t first = order[i - 1], again = order[i]; /* stable: in the order read */
		if (cmp_state_name(m->regs, first, again) != 0)
			continue;
		const struct reg *a = &m->regs[first], *b = &m->regs[again];
		struct strbuf where = {0};
		sb_srcloc(&where, &a->loc);
		if (a->source_digest == b->source_digest)
			report(c, &b->loc, true, "%s (%s) is defined again, identically, at %s: this copy is ignored [%s]",
			       b->name, reg_state_name(b->state), where.s, c->name);
		else
			ok = report(c, &b->loc, false, "%s (%s) is defined twice, differently: here and at %s [%s]", b->name,
				    reg_state_name(b->state), where.s, c->name) && ok;
		sb_free(&where);
		/* the later one is left out at any level: one register, one
		 * definition; a third copy compares with the first */
		drop[again] = true;
		order[i] = first;
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (drop[i])
			reg_free_contents(&m->regs[i]);
		else
			m->regs[kept++] = m->regs[i];
	}
	m->n_regs = kept;
	free(drop);
	free(order);
	return ok;
}

/* ---- names ----
 * A name is made of identifier characters and placeholders such as <n>;
 * it starts with a letter or '_'. Anything else the spec writes is an
 * exception below, each in one place with the register that shows it.
 * Nothing else can reach generated code: a quote, a backslash, a newline
 * or a comment's end is never part of a name. */

/* Past one identifier-with-placeholders at s ("DBGBVR<n>_EL1",
 * "S3_<op1>_C<Cn>_C<Cm>_<op2>"); NULL if there is none. */
static const char *skip_name_word(const char *s)
{
	const char *p = s;
	if (!(isalpha((unsigned char)*p) || *p == '_' || *p == '<'))
		return NULL;
	while (*p) {
		if (isalnum((unsigned char)*p) || *p == '_') {
			p++;
		} else if (*p == '<') {
			const char *q = p + 1;
			if (!isalpha((unsigned char)*q))
				return NULL;
			while (isalnum((unsigned char)*q))
				q++;
			if (*q != '>')
				return NULL;
			p = q + 1;
		} else {
			break;
		}
	}
	return p;
}

static bool is_name_word(const char *s)
{
	const char *e = skip_name_word(s);
	return e && !*e;
}

/* "[63]", "[14:8]", "[<m>]": a bit slice of a split field (DBGBVR<n>_EL1's
 * RESS[14:8]) or an element of an array of fields (TRCBBCTLR's RANGE[<m>],
 * PMSEVFR_EL1's E[63]). */
static bool is_slice(const char *s)
{
	if (*s++ != '[')
		return false;
	if (*s == '<') {
		const char *e = skip_name_word(s);
		return e && strcmp(e, "]") == 0;
	}
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s == ':') {
		if (!isdigit((unsigned char)*++s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return strcmp(s, "]") == 0;
}

static bool is_field_name(const char *s)
{
	/* ACTLRMASK_EL1 names a field by what it is, in two words */
	if (strcmp(s, "IMPLEMENTATION DEFINED") == 0)
		return true;
	const char *e = skip_name_word(s);
	return e && (!*e || is_slice(e));
}

/* A system-instruction page is named for its instructions: "AT S1E1R",
 * "TLBI VAE1, TLBI VAE1NXS" (the TLBI pages with their nXS forms),
 * "SYS S1_<op1>_<Cn>_<Cm>_<op2>, SYSL ..., SYSP ...". */
static bool is_instruction_name(const char *s)
{
	for (;;) {
		const char *e = skip_name_word(s);
		if (!e)
			return false;
		if (*e == ' ' && e[1] != ' ' && (e = skip_name_word(e + 1)) == NULL)
			return false;
		if (!*e)
			return true;
		if (e[0] != ',' || e[1] != ' ')
			return false;
		s = e + 2;
	}
}

/* An AArch32 accessor can name two registers, the one the other's layout
 * replaces: "PRRR-MAIR0" on the PRRR and MAIR0 pages (which one is meant
 * depends on TTBCR.EAE). */
static bool is_accessor_name(const struct accessor *a)
{
	if (is_name_word(a->name))
		return true;
	const char *dash = strchr(a->name, '-');
	if (!dash || (a->kind != ACC_MRC && a->kind != ACC_MCR))
		return false;
	const char *e = skip_name_word(a->name);
	return e == dash && is_name_word(dash + 1);
}

static bool report_name(const struct check_ctx *c, const struct srcloc *loc, const char *what, const char *name)
{
	struct strbuf shown = {0};
	sb_add_shown(&shown, name, 80); /* the name itself may hold anything */
	bool ok = report(c, loc, false,
			 "%s '%s' is not a name (expected letters, digits, '_' and placeholders such as <n>) [%s]", what,
			 shown.s ? shown.s : "", c->name);
	sb_free(&shown);
	return ok;
}

/* One name that is not one: reported; *names_ok cleared, *reported_ok
 * cleared when the report was an error. */
static void bad_name(const struct check_ctx *c, const struct srcloc *loc, const char *what, const char *name,
		     bool *names_ok, bool *reported_ok)
{
	*names_ok = false;
	*reported_ok = report_name(c, loc, what, name) && *reported_ok;
}

/* Every name of one register (its own, its accessors', its fields'):
 * false if one is not a name, each reported. */
static bool register_names_ok(const struct reg *r, const struct check_ctx *c, bool *reported_ok)
{
	bool ok = true;
	if (!(r->is_register ? is_name_word(r->name) : is_instruction_name(r->name)))
		bad_name(c, &r->loc, r->is_register ? "register name" : "instruction page name", r->name, &ok, reported_ok);
	if (r->is_array && r->array_var && !is_name_word(r->array_var))
		bad_name(c, &r->loc, "array index", r->array_var, &ok, reported_ok);
	for (size_t j = 0; j < r->n_accessors; j++) {
		const struct accessor *a = &r->accessors[j];
		if (a->name && !is_accessor_name(a))
			bad_name(c, &a->loc, "accessor name", a->name, &ok, reported_ok);
		if (a->is_array && a->array_var && !is_name_word(a->array_var))
			bad_name(c, &a->loc, "accessor index", a->array_var, &ok, reported_ok);
	}
	for (size_t j = 0; j < r->n_fieldsets; j++)
		for (size_t k = 0; k < r->fieldsets[j].n_fields; k++) {
			const struct field *f = &r->fieldsets[j].fields[k];
			if (f->name && !is_field_name(f->name))
				bad_name(c, &f->loc, "field name", f->name, &ok, reported_ok);
		}
	return ok;
}

/* A register with a name that is not one is left out at every level of
 * the check (as a warning or off too): no output ever holds such a name.
 * Counted under "skipped" in stats. */
static bool check_names(struct model *m, const struct check_ctx *c)
{
	bool ok = true;
	size_t kept = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		if (register_names_ok(&m->regs[i], c, &ok)) {
			m->regs[kept++] = m->regs[i];
		} else {
			reg_free_contents(&m->regs[i]);
			model_count_skip(m, "registers left out: a name that is not an identifier [names]");
		}
	}
	m->n_regs = kept;
	return ok;
}

/* Run `fn` over every accessor of the model; false if it reported an error. */
typedef bool accessor_check_fn(struct accessor *a, const struct check_ctx *c);
static bool each_accessor(struct model *m, const struct check_ctx *c, accessor_check_fn *fn)
{
	bool ok = true;
	for (size_t i = 0; i < m->n_regs; i++)
		for (size_t j = 0; j < m->regs[i].n_accessors; j++)
			ok = fn(&m->regs[i].accessors[j], c) && ok;
	return ok;
}

/* ---- encoding-fields ----
 * An accessor's encoding has exactly the fields its instruction has. MSR
 * (immediate) may leave out CRm, which holds the immediate (the PSTATE
 * pages: MSR ALLINT, #imm). */
static const char *const a64_fields[] = {"op0", "op1", "CRn", "CRm", "op2", NULL};
static const char *const a64_imm_fields[] = {"op0", "op1", "CRn", "op2", NULL};
static const char *const a32_fields[] = {"coproc", "opc1", "CRn", "CRm", "opc2", NULL};
static const char *const a32_pair_fields[] = {"coproc", "opc1", "CRm", NULL};
static const char *const a32_ldc_fields[] = {"coproc", "CRd", NULL};
static const char *const banked_fields[] = {"M", "M1", "R", NULL};
static const char *const vmrs_fields[] = {"reg", NULL};
static const char *const no_fields[] = {NULL};

/* The field sets an accessor kind may have, NULL-terminated. */
static void kind_field_sets(enum acc_kind k, const char *const *sets[3])
{
	sets[1] = sets[2] = NULL;
	switch (k) {
	case ACC_MSRIMMEDIATE: sets[0] = a64_fields, sets[1] = a64_imm_fields; break;
	case ACC_MRC: case ACC_MCR: sets[0] = a32_fields; break;
	case ACC_MRRC: case ACC_MCRR: sets[0] = a32_pair_fields; break;
	case ACC_LDC: case ACC_STC: sets[0] = a32_ldc_fields; break;
	case ACC_MRSBANKED: case ACC_MSRBANKED: sets[0] = banked_fields; break;
	case ACC_VMRS: case ACC_VMSR: sets[0] = vmrs_fields; break;
	case ACC_BLOCK: sets[0] = no_fields; break;
	default: sets[0] = a64_fields; break; /* MRS, MSR, MRRS, MSRR, SYS*, TLBI*, AT, DC, IC, others */
	}
}

static bool fields_match(const struct accessor *a, const char *const *set)
{
	size_t n = 0;
	while (set[n])
		n++;
	if (a->n_enc != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		size_t found = 0;
		for (size_t j = 0; j < a->n_enc; j++)
			found += strcmp(a->enc[j].name, set[i]) == 0;
		if (found != 1)
			return false;
	}
	return true;
}

static void join_fields(struct strbuf *b, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		sb_printf(b, "%s%s", i ? ", " : "", set[i]);
	if (!set[0])
		sb_add(b, "none");
}

static bool accessor_encoding_fields(struct accessor *a, const struct check_ctx *c)
{
	const char *const *sets[3];
	kind_field_sets(a->kind, sets);
	if (fields_match(a, sets[0]) || (sets[1] && fields_match(a, sets[1])))
		return true;
	struct strbuf got = {0}, want = {0};
	for (size_t k = 0; k < a->n_enc; k++)
		sb_printf(&got, "%s%s", k ? ", " : "", a->enc[k].name);
	join_fields(&want, sets[0]);
	bool ok = report(c, &a->loc, false, "%s %s: encoding has fields %s; expected %s, each once [%s]", a->kind_name,
			 a->name ? a->name : "", got.s ? got.s : "none", want.s, c->name);
	sb_free(&got);
	sb_free(&want);
	return ok;
}

static bool check_encoding_fields(struct model *m, const struct check_ctx *c)
{
	return each_accessor(m, c, accessor_encoding_fields);
}

/* ---- encoding-values ----
 * An encoding field's value is bits ("0b0010"; x for a bit that may be
 * either: S3_<op1>_C<Cn>_C<Cm>_<op2> has CRn = 0b1x11), a slice of the
 * array index ("m[3:0]"), or their concatenation ("0b0:m[2:0]"). A value
 * outside that grammar is dropped, so that every value left in the model
 * evaluates; encoding-fields then reports the field as missing. */
static bool accessor_encoding_values(struct accessor *a, const struct check_ctx *c)
{
	bool ok = true;
	size_t kept = 0;
	for (size_t k = 0; k < a->n_enc; k++) {
		const char *why;
		if (enc_value_valid(a->enc[k].value, &why)) {
			a->enc[kept++] = a->enc[k];
			continue;
		}
		struct srcloc loc = {a->loc.file, a->enc[k].line ? a->enc[k].line : a->loc.line, 0};
		ok = report(c, &loc, false, "%s %s: encoding field %s = '%s': expected %s [%s]", a->kind_name,
			    a->name ? a->name : "", a->enc[k].name, a->enc[k].value, why, c->name) && ok;
	}
	a->n_enc = kept;
	return ok;
}

static bool check_encoding_values(struct model *m, const struct check_ctx *c)
{
	return each_accessor(m, c, accessor_encoding_values);
}

/* ---- array-range ----
 * An index must fit the bits its encoding gives it: MRS DBGBVR<m>_EL1 has
 * CRm = m[3:0], so m runs 0-15 at most. A wider range would give several
 * indexes one encoding; the array is then read as one accessor. (The JSON
 * front end narrows Arm's DBGBVR<n>_EL1, n = 0-63, to what the encoding
 * holds before this check; see json.c.) */
static bool accessor_array_range(struct accessor *a, const struct check_ctx *c)
{
	unsigned long mask = a->is_array ? accessor_index_mask(a) : 0;
	if (!mask || !((unsigned long)a->array_hi & ~mask))
		return true;
	a->is_array = false;
	return report(c, &a->loc, false,
		      "%s %s: index %s runs %d-%d, but its encoding holds it in bits that reach %lu at most [%s]",
		      a->kind_name, a->name ? a->name : "", a->array_var ? a->array_var : "?", a->array_lo, a->array_hi,
		      mask, c->name);
}

static bool check_array_range(struct model *m, const struct check_ctx *c)
{
	return each_accessor(m, c, accessor_array_range);
}

/* ---- array-index ----
 * An accessor array's index must be held by its encoding: MRS
 * DBGBVR<m>_EL1 has CRm = m[3:0]. An index no field holds would give every
 * element one encoding; the array is then read as one accessor. (Found by
 * fuzz_xml: a range of 0-141415 whose CRm slice was malformed and dropped.) */
static bool accessor_array_index(struct accessor *a, const struct check_ctx *c)
{
	if (!a->is_array || accessor_index_mask(a) != 0)
		return true;
	a->is_array = false;
	return report(c, &a->loc, false, "%s %s: no field of its encoding holds the index %s (range %d-%d) [%s]",
		      a->kind_name, a->name ? a->name : "", a->array_var ? a->array_var : "?", a->array_lo, a->array_hi,
		      c->name);
}

static bool check_array_index(struct model *m, const struct check_ctx *c)
{
	return each_accessor(m, c, accessor_array_index);
}

/* ---- duplicate-encoding ----
 * Two registers read (or written) by the same instruction at the same
 * encoding in one state are an error. Where the spec shares encodings on
 * purpose, the accessors say so, and these are the only exceptions:
 * - a redirect names the other register (TTBR0_EL2's page has MRRS
 *   TTBR0_EL1: with E2H, EL2 reaches TTBR0_EL2 through it): one register;
 * - the ICV_* registers are reached only through ICC_* accessors
 *   (ICV_PMR_EL1 through ICC_PMR_EL1, by HCR_EL2.FMO/IMO): one name;
 * - an alias is a second name at its own encoding (TTBR0_EL12, op1 5);
 * - an encoding with x bits is a space, not a register
 *   (S3_<op1>_C<Cn>_C<Cm>_<op2>): left out;
 * - reading and writing one encoding may reach two registers (MRS
 *   DBGDTRRX_EL0 and MSR DBGDTRTX_EL0 at 2,3,0,5,0): the instruction is part
 *   of the key;
 * - an AArch32 accessor named for two registers ("PRRR-MAIR0", on both
 *   pages) reaches that one name from both. */

/* The name an accessor reaches: its alias's, or its register's. */
static const char *reached_name(const struct accessor *a)
{
	return a->role == ROLE_ALIAS ? a->name : a->target->name;
}

static bool moves_register(enum acc_kind k)
{
	return k == ACC_MRS || k == ACC_MSRREGISTER || k == ACC_MRRS || k == ACC_MSRRREGISTER || k == ACC_MRC ||
	       k == ACC_MCR || k == ACC_MRRC || k == ACC_MCRR;
}

struct enc_use {
	const struct accessor *a;
	enum reg_state state;
	char *key; /* kind and encoding values */
};

static int cmp_enc_use(const void *ctx, size_t x, size_t y)
{
	const struct enc_use *u = ctx;
	if (u[x].state != u[y].state)
		return (int)u[x].state - (int)u[y].state;
	return strcmp(u[x].key, u[y].key);
}

static char *encoding_key(const struct accessor *a)
{
	struct strbuf b = {0};
	sb_add(&b, a->kind_name);
	for (size_t i = 0; i < a->n_enc; i++)
		sb_printf(&b, " %s=%s", a->enc[i].name, a->enc[i].value);
	return b.s;
}

static bool check_duplicate_encodings(struct model *m, const struct check_ctx *c)
{
	struct enc_use *uses = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		for (size_t j = 0; r->is_register && j < r->n_accessors; j++) {
			const struct accessor *a = &r->accessors[j];
			if (!moves_register(a->kind) || a->role == ROLE_SPACE || a->role == ROLE_UNRESOLVED)
				continue;
			*VEC_PUSH(uses, n, cap) = (struct enc_use){a, r->state, encoding_key(a)};
		}
	}
	size_t *order = xmalloc((n ? n : 1) * sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_indexes(order, n, cmp_enc_use, uses);
	bool ok = true;
	for (size_t i = 1; i < n; i++) {
		const struct accessor *a = uses[order[i - 1]].a, *b = uses[order[i]].a;
		if (cmp_enc_use(uses, order[i - 1], order[i]) != 0 || strcmp(reached_name(a), reached_name(b)) == 0)
			continue;
		ok = report(c, &b->loc, false, "%s and %s share the encoding %s (%s) [%s]", reached_name(a),
			    reached_name(b), uses[order[i]].key, reg_state_name(uses[order[i]].state), c->name) && ok;
	}
	for (size_t i = 0; i < n; i++)
		free(uses[i].key);
	free(uses);
	free(order);
	return ok;
}

static const struct check checks[] = {
	{"names", AFTER_LOAD, "names are identifiers, with the spec's placeholders and the exceptions listed", check_names},
	{"encoding-values", AFTER_LOAD, "an encoding field's value is bits, index slices, or both (0b0:m[2:0])",
	 check_encoding_values},
	{"encoding-fields", AFTER_LOAD, "an accessor's encoding has exactly the fields of its instruction", check_encoding_fields},
	{"array-index", AFTER_LOAD, "an accessor array's index is held by a field of its encoding", check_array_index},
	{"array-range", AFTER_LOAD, "an accessor array's range fits the bits its encoding gives the index", check_array_range},
	{"duplicate-register", AFTER_LOAD, "a register is defined once in each execution state", check_duplicate_registers},
	{"duplicate-encoding", AFTER_RESOLVE, "two registers share an encoding only where the spec says so",
	 check_duplicate_encodings},
};

/* struct check_levels holds a level per check: the table must fit */
_Static_assert(sizeof(checks) / sizeof(checks[0]) <= CHECK_MAX, "CHECK_MAX (passes.h) is smaller than checks[]");

enum check_level check_default_level(size_t i)
{
	(void)i;
	return CHECK_ERROR;
}

size_t check_count(void)
{
	return ARRAY_LEN(checks);
}

const char *check_name(size_t i)
{
	return checks[i].name;
}

const char *check_description(size_t i)
{
	return checks[i].description;
}

void check_levels_default(struct check_levels *cl)
{
	for (size_t i = 0; i < ARRAY_LEN(checks); i++)
		cl->level[i] = check_default_level(i);
}

bool check_set_level(struct check_levels *cl, const char *name, enum check_level level)
{
	for (size_t i = 0; i < ARRAY_LEN(checks); i++) {
		if (strcmp(checks[i].name, name) == 0) {
			cl->level[i] = level;
			return true;
		}
	}
	return false;
}

static bool run_checks(struct model *m, struct diag *d, const struct check_levels *cl, enum check_stage stage)
{
	bool ok = true;
	for (size_t i = 0; i < ARRAY_LEN(checks); i++) {
		if (checks[i].stage != stage)
			continue;
		struct check_ctx c = {d, checks[i].name, cl ? cl->level[i] : check_default_level(i)};
		ok = checks[i].run(m, &c) && ok;
	}
	return ok;
}

bool check_model(struct model *m, struct diag *d, const struct check_levels *cl)
{
	return run_checks(m, d, cl, AFTER_LOAD);
}

bool check_resolved_model(struct model *m, struct diag *d, const struct check_levels *cl)
{
	return run_checks(m, d, cl, AFTER_RESOLVE);
}
