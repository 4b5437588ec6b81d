// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen audit --against PATH`: for every AArch64 register of the spec
 * (arrays expanded, aliases included) and every system instruction a
 * consumer may define as a register (TLBI, DC, IC, AT), is it in the
 * consumer, with the same encoding, and with 128-bit support where the spec
 * allows 128-bit access; and, for QEMU, the mistakes an ARM_CP_128BIT
 * initializer can hold. What a reviewer acts on comes first: wrong
 * encodings, 128-bit cpreg mistakes, missing 128-bit support, then
 * coverage.
 *
 * A consumer's entry is matched to a spec register by name, in any case
 * (QEMU writes "APIAKEYLO_EL1" for APIAKeyLo_EL1); failing that, by
 * encoding, when the entry's name is no AArch64 name of the spec (QEMU's
 * ARM_CP_STATE_BOTH entries carry the AArch32 name: "ID_PFR0" at 3,0,0,1,0
 * is ID_PFR0_EL1). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "consumer.h"
#include "emit.h"
#include "view.h"

enum enc_state { ENC_NA, ENC_EQUAL, ENC_DIFFERENT, ENC_UNKNOWN, ENC_IMPDEF, N_ENC };
enum support { SUPPORT_NA, SUPPORT_PRESENT, SUPPORT_64BIT_ONLY, SUPPORT_ABSENT, SUPPORT_UNKNOWN, N_SUPPORT };
enum matched_by { BY_NAME, BY_NAME_CASE, BY_ENCODING };

struct row {
	const struct gen_reg *r;
	const struct consumer_reg *c;
	enum enc_state enc;
	enum support s128;
	enum matched_by by;
};

struct totals {
	size_t n, present, enc[N_ENC], s128[N_SUPPORT], by[3], made_at_run_time;
};

/* A mistake in one of the consumer's initializers. */
struct finding {
	const struct consumer_reg *c;
	const char *what;
	bool is128; /* on an ARM_CP_128BIT entry: --fail-on cpreg128 */
};

enum kvm_state { KVM_EQUAL, KVM_DIFFERENT, KVM_UNKNOWN, KVM_BEYOND_ARRAY, KVM_UNALLOCATED, KVM_ALLOCATED_NOW,
		 KVM_NOT_IN_SPEC, N_KVM };
static const char *const kvm_state_names[] = {
	"found, encoding equal", "encoding different", "encoding unknown", "past the end of the spec's array",
	"unallocated ID encodings", "unallocated for KVM, allocated in the spec", "not in the spec"};

struct kvm_row {
	const struct consumer_reg *k;
	const struct gen_reg *r; /* the spec's register it is, or that the encoding holds */
	enum kvm_state state;
};

struct kvm_report {
	struct kvm_row *rows;
	size_t count[N_KVM];
	bool *handled; /* per register of the view (with aliases) */
};

struct audit {
	const struct consumer *con;
	const struct reg_view *view;
	const struct consumer_reg **by_name; /* sorted case-insensitively */
	const struct gen_reg **spec_names;   /* every register and instruction above, by name (any case) */
	size_t n_spec_names;
	bool *matched;                       /* per consumer entry */
	struct row *regs, *insns;
	struct totals treg, tinsn;
	struct finding *findings;
	size_t n_findings, cap_findings;
	/* QEMU's ID register list against the spec's feature ID registers */
	size_t idlist_different, idlist_missing, idlist_unknown;
	size_t consumer_only;    /* entries is_consumer_only() */
	struct kvm_report kvm;   /* a Linux tree's KVM table, classified once */
	struct arena text;
};

static const char *const enc_names[] = {"-", "equal", "different", "unknown", "implementation-defined"};
static const char *const support_names[] = {"not applicable", "present", "missing (64-bit only)", "missing (absent)",
					    "unknown (a list of names says no width)"};
static const char *const by_names[] = {"name", "name in another case", "encoding"};

/* ---- matching ---- */

static int cmp_consumer_name(const void *a, const void *b)
{
	const struct consumer_reg *const *x = a, *const *y = b;
	return strcasecmp((*x)->name, (*y)->name);
}

/* the same, then in the consumer's order: a stable sort */
static int cmp_consumer_entry(const void *a, const void *b)
{
	const struct consumer_reg *const *x = a, *const *y = b;
	int c = strcasecmp((*x)->name, (*y)->name);
	return c ? c : (*x > *y) - (*x < *y);
}

static int cmp_gen_name(const void *a, const void *b)
{
	return strcasecmp((*(const struct gen_reg *const *)a)->name, (*(const struct gen_reg *const *)b)->name);
}

/* The spec's register or instruction of that name, in any case, or NULL. */
static const struct gen_reg *spec_named(const struct audit *a, const char *name)
{
	const struct gen_reg key = {.name = name}, *kp = &key;
	const struct gen_reg **hit = bsearch(&kp, a->spec_names, a->n_spec_names, sizeof(*a->spec_names), cmp_gen_name);
	return hit ? *hit : NULL;
}

static bool is_spec_name(const struct audit *a, const char *name)
{
	return spec_named(a, name) != NULL;
}

/* Neither matched nor named as the spec names a register (QEMU defines
 * CNTFRQ_EL0 twice), nor a loop's index past what the spec has. */
static bool is_consumer_only(const struct audit *a, size_t i)
{
	return !a->matched[i] && !a->con->regs[i].assumed && !is_spec_name(a, a->con->regs[i].name);
}

static bool same_encoding(const struct consumer_reg *c, const struct gen_reg *r)
{
	return c->enc_known && c->enc[0] == r->op0 && c->enc[1] == r->op1 && c->enc[2] == r->crn &&
	       c->enc[3] == r->crm && c->enc[4] == r->op2;
}

/* op0 3 with CRn 11 or 15: the space Arm leaves to implementations
 * (Neoverse-N1's ERXPFGF_EL1 copy at 3,0,15,2,0 is QEMU's, not a bug). */
static bool in_impdef_space(const struct consumer_reg *c)
{
	return c->enc_known && c->enc[0] == 3 && (c->enc[2] == 11 || c->enc[2] == 15);
}

static void match_row(struct audit *a, struct row *w)
{
	const struct consumer *con = a->con;
	const struct consumer_reg *key_reg = &(struct consumer_reg){.name = w->r->name};
	const struct consumer_reg **hit = bsearch(&key_reg, a->by_name, con->n_regs, sizeof(*a->by_name), cmp_consumer_name);
	const struct consumer_reg *equal = NULL, *unknown = NULL, *different = NULL;
	if (hit) {
		while (hit > a->by_name && strcasecmp(hit[-1]->name, w->r->name) == 0)
			hit--;
		for (; hit < a->by_name + con->n_regs && strcasecmp((*hit)->name, w->r->name) == 0; hit++) {
			const struct consumer_reg *c = *hit;
			if (!c->has_encoding || same_encoding(c, w->r))
				equal = equal ? equal : c;
			else if (!c->enc_known)
				unknown = unknown ? unknown : c;
			else
				different = different ? different : c;
		}
	}
	/* "ID_PFR0" at 3,0,0,1,0; or DBGDTRTX_EL0 for DBGDTRRX_EL0, which
	 * shares its encoding (one is read, the other written) */
	for (size_t i = 0; !equal && i < con->n_regs; i++) {
		const struct consumer_reg *c = &con->regs[i];
		const struct gen_reg *own = spec_named(a, c->name);
		if (same_encoding(c, w->r) && (!own || same_encoding(c, own))) {
			equal = c;
			w->by = BY_ENCODING;
		}
	}
	w->c = equal ? equal : unknown ? unknown : different;
	if (!w->c) {
		w->enc = ENC_NA;
	} else if (!w->c->has_encoding) {
		w->enc = ENC_NA;
	} else {
		w->enc = equal ? ENC_EQUAL : unknown ? ENC_UNKNOWN : in_impdef_space(different) ? ENC_IMPDEF : ENC_DIFFERENT;
	}
	if (w->c && w->by != BY_ENCODING)
		w->by = strcmp(w->c->name, w->r->name) == 0 ? BY_NAME : BY_NAME_CASE;
	if (w->c)
		a->matched[w->c - con->regs] = true;
	if (!w->r->allows_128)
		w->s128 = SUPPORT_NA;
	else if (!w->c)
		w->s128 = SUPPORT_ABSENT;
	else if (con->kind == CONSUMER_NAMES)
		w->s128 = SUPPORT_UNKNOWN;
	else
		w->s128 = w->c->has128 ? SUPPORT_PRESENT : SUPPORT_64BIT_ONLY;
}

static struct row *match_all(struct audit *a, const struct gen_reg *regs, size_t n, struct totals *t)
{
	struct row *rows = xcalloc(n + 1, sizeof(*rows));
	t->n = n;
	for (size_t i = 0; i < n; i++) {
		rows[i].r = &regs[i];
		match_row(a, &rows[i]);
		t->present += rows[i].c != NULL;
		t->enc[rows[i].enc]++;
		t->s128[rows[i].s128]++;
		if (rows[i].c) {
			t->by[rows[i].by]++;
			t->made_at_run_time += rows[i].c->made_by != NULL;
		}
	}
	return rows;
}

/* ---- QEMU's 128-bit cpregs ---- */

PRINTF_LIKE(4, 5)
static void add_finding(struct audit *a, const struct consumer_reg *c, bool is128, const char *fmt, ...)
{
	va_list ap;
	struct strbuf b = {0};
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	struct finding *f = VEC_PUSH(a->findings, a->n_findings, a->cap_findings);
	f->c = c;
	f->what = arena_strdup(&a->text, b.s);
	f->is128 = is128;
	sb_free(&b);
}

/* The spec's register (or alias) at a known encoding, or NULL. */
static const struct gen_reg *spec_reg_at(const struct audit *a, const struct consumer_reg *c)
{
	for (size_t i = 0; c->enc_known && i < a->view->n_with_aliases; i++)
		if (same_encoding(c, &a->view->with_aliases[i]))
			return &a->view->with_aliases[i];
	return NULL;
}

static bool has_64bit_entry_at(const struct consumer *con, const struct consumer_reg *c)
{
	for (size_t i = 0; i < con->n_regs; i++) {
		const struct consumer_reg *o = &con->regs[i];
		if (o != c && !o->has128 && o->enc_known && memcmp(o->enc, c->enc, sizeof(c->enc)) == 0)
			return true;
	}
	return false;
}

/* The checks a reviewer of QEMU's FEAT_SYSREG128 series did by eye (its
 * TTBR1_EL2 set .fieldoffset twice, the second meant as .fieldoffsethi). */
static void check_cpreg(struct audit *a, const struct consumer_reg *c)
{
	if (c->made_by && c->made_by[0] == '.') /* an EL12 alias: its register's initializer was checked */
		return;
	if (c->duplicate_member)
		add_finding(a, c, c->has128, ".%s is given twice in one initializer: the second silently wins",
			    c->duplicate_member);
	if (!c->has128)
		return;
	if (!c->has_fieldoffsethi && !c->has_read128fn)
		add_finding(a, c, true, "ARM_CP_128BIT without .fieldoffsethi (or a 128-bit read function): the high 64 bits are kept nowhere");
	const struct gen_reg *r = spec_reg_at(a, c);
	if (c->enc_known && (!r || !r->allows_128))
		add_finding(a, c, true, "ARM_CP_128BIT at %u,%u,%u,%u,%u, where the spec has %s%s", c->enc[0], c->enc[1],
			    c->enc[2], c->enc[3], c->enc[4], r ? r->name : "no register",
			    r ? ", which allows no 128-bit access" : "");
	if (!c->has_fieldoffset && !c->has_accessors && !has_64bit_entry_at(a->con, c))
		add_finding(a, c, true, "no 64-bit view (MRS/MSR): no .fieldoffset, no .readfn/.writefn and no 64-bit entry at this encoding");
}

static int cmp_finding(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	int c = strcmp(a->c->loc.file, b->c->loc.file);
	if (c)
		return c;
	if (a->c->loc.line != b->c->loc.line)
		return a->c->loc.line < b->c->loc.line ? -1 : 1;
	return strcmp(a->what, b->what);
}

/* ---- markdown ---- */

static void enc_text(struct strbuf *out, const struct consumer_reg *c)
{
	if (!c || !c->has_encoding)
		sb_add(out, "-");
	else if (!c->enc_known)
		sb_add(out, "unknown (not a plain number)");
	else
		sb_printf(out, "%u,%u,%u,%u,%u", c->enc[0], c->enc[1], c->enc[2], c->enc[3], c->enc[4]);
}

static void md_row(struct strbuf *out, const struct row *w)
{
	sb_printf(out, "| %s%s%s%s | %u,%u,%u,%u,%u | %s | ", w->r->name, w->r->alias_of ? " (alias of " : "",
		  w->r->alias_of ? w->r->alias_of : "", w->r->alias_of ? ")" : "", w->r->op0, w->r->op1, w->r->crn,
		  w->r->crm, w->r->op2, w->c ? w->c->name : "absent");
	enc_text(out, w->c);
	sb_printf(out, " | %s |", support_names[w->s128]);
	if (w->c)
		sb_printf(out, " %s:%d |\n", w->c->loc.file, w->c->loc.line);
	else
		sb_add(out, " |\n");
}

static bool row_allows_128(const struct row *w)
{
	return w->r->allows_128;
}

static bool row_lacks_128(const struct row *w)
{
	return w->s128 == SUPPORT_64BIT_ONLY || w->s128 == SUPPORT_ABSENT;
}

static bool row_differs(const struct row *w)
{
	return w->enc == ENC_DIFFERENT;
}

static bool row_impdef(const struct row *w)
{
	return w->enc == ENC_IMPDEF;
}

static bool row_unknown(const struct row *w)
{
	return w->enc == ENC_UNKNOWN;
}

static bool row_other_name(const struct row *w)
{
	return w->c && (w->by != BY_NAME || w->c->made_by);
}

/* A section: a table of the rows `keep` selects, or "None." */
static void md_table(struct strbuf *out, const char *title, const struct row *rows, size_t n,
		     bool (*keep)(const struct row *))
{
	size_t shown = 0;
	sb_printf(out, "\n## %s\n\n", title);
	for (size_t i = 0; i < n; i++) {
		if (!keep(&rows[i]))
			continue;
		if (!shown++)
			sb_add(out, "| register | encoding | in the consumer | its encoding | 128-bit | where |\n"
				    "|---|---|---|---|---|---|\n");
		md_row(out, &rows[i]);
	}
	if (!shown)
		sb_add(out, "None.\n");
}

static void md_name_list(struct strbuf *out, const struct row *rows, size_t n, bool present)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if ((rows[i].c != NULL) == present && (!present || (rows[i].enc != ENC_DIFFERENT && rows[i].enc != ENC_UNKNOWN)))
			sb_printf(out, "%s%s", k++ ? ", " : "", rows[i].r->name);
	sb_add(out, k ? "\n" : "None.\n");
}

static void md_summary(struct strbuf *out, const struct audit *a, const struct totals *t, const char *what)
{
	const char *kind = a->con->kind_name;
	sb_printf(out, "| %s in the spec | %zu |\n| present in the %s | %zu |\n| absent | %zu |\n", what, t->n, kind,
		  t->present, t->n - t->present);
	sb_printf(out, "| encoding equal | %zu |\n| encoding different | %zu |\n", t->enc[ENC_EQUAL], t->enc[ENC_DIFFERENT]);
	sb_printf(out, "| an implementation-defined encoding (op0 3, CRn 11 or 15) under the name | %zu |\n",
		  t->enc[ENC_IMPDEF]);
	sb_printf(out, "| encoding unknown | %zu |\n", t->enc[ENC_UNKNOWN]);
	sb_printf(out, "| found by encoding, under another name | %zu |\n| found by name in another case | %zu |\n",
		  t->by[BY_ENCODING], t->by[BY_NAME_CASE]);
	if (a->con->kind == CONSUMER_QEMU)
		sb_printf(out, "| made at run time (EL12 aliases, loops) | %zu |\n", t->made_at_run_time);
}

static void md_findings(struct strbuf *out, const struct audit *a)
{
	sb_add(out, "\n## 128-bit cpreg mistakes\n\n");
	if (a->con->kind != CONSUMER_QEMU) {
		sb_add(out, "Not applicable: only QEMU initializers are checked.\n");
		return;
	}
	if (!a->n_findings) {
		sb_add(out, "None.\n");
		return;
	}
	sb_add(out, "| where | entry | finding |\n|---|---|---|\n");
	for (size_t i = 0; i < a->n_findings; i++)
		sb_printf(out, "| %s:%d | %s | %s |\n", a->findings[i].c->loc.file, a->findings[i].c->loc.line,
			  a->findings[i].c->name, a->findings[i].what);
}

static void md_other_names(struct strbuf *out, const struct row *rows, size_t n)
{
	size_t shown = 0;
	sb_add(out, "\n## Found under another name, or made at run time\n\n");
	for (size_t i = 0; i < n; i++) {
		const struct row *w = &rows[i];
		if (!row_other_name(w))
			continue;
		if (!shown++)
			sb_add(out, "| register | in the consumer | found by | made by | where |\n|---|---|---|---|---|\n");
		sb_printf(out, "| %s | %s | %s | %s | %s:%d |\n", w->r->name, w->c->name, by_names[w->by],
			  w->c->made_by ? w->c->made_by : "written out", w->c->loc.file, w->c->loc.line);
	}
	if (!shown)
		sb_add(out, "None.\n");
}

/* ---- QEMU's ID register list (target/arm/cpu-sysregs.h.inc) ---- */

static const struct consumer_reg *idlist_entry(const struct consumer *con, const char *name)
{
	for (size_t i = 0; i < con->n_idlist; i++)
		if (strcasecmp(con->idlist[i].name, name) == 0)
			return &con->idlist[i];
	return NULL;
}

static void idlist_count(struct audit *a)
{
	const struct consumer *con = a->con;
	for (size_t i = 0; i < con->n_idlist; i++) {
		const struct gen_reg *r = spec_named(a, con->idlist[i].name);
		a->idlist_unknown += !r;
		a->idlist_different += r && !same_encoding(&con->idlist[i], r);
	}
	for (size_t i = 0; con->n_idlist && i < a->view->n; i++)
		a->idlist_missing += gen_is_feature_id_register(&a->view->regs[i]) && !idlist_entry(con, a->view->regs[i].name);
}

static void md_idlist(struct strbuf *out, const struct audit *a)
{
	const struct consumer *con = a->con;
	if (!con->n_idlist)
		return;
	sb_printf(out, "\n## QEMU's ID register list (%s)\n\n", con->idlist_path);
	sb_printf(out, "%zu entries; %zu with an encoding that differs from the spec's; %zu names the spec lacks; "
		       "%zu feature ID registers of the spec (op0 3, op1 0, CRn 0, CRm 1-7) it lacks.\n",
		  con->n_idlist, a->idlist_different, a->idlist_unknown, a->idlist_missing);
	for (size_t i = 0; i < con->n_idlist; i++) {
		const struct consumer_reg *e = &con->idlist[i];
		const struct gen_reg *r = spec_named(a, e->name);
		if (!r)
			sb_printf(out, "\n- %s (%s:%d): not in the spec", e->name, e->loc.file, e->loc.line);
		else if (!same_encoding(e, r))
			sb_printf(out, "\n- %s (%s:%d): DEF gives %u,%u,%u,%u,%u, the spec %u,%u,%u,%u,%u", e->name, e->loc.file,
				  e->loc.line, e->enc[0], e->enc[1], e->enc[2], e->enc[3], e->enc[4], r->op0, r->op1, r->crn,
				  r->crm, r->op2);
	}
	if (a->idlist_missing) {
		sb_add(out, "\n\nFeature ID registers the list lacks: ");
		for (size_t i = 0, k = 0; i < a->view->n; i++) {
			const struct gen_reg *r = &a->view->regs[i];
			if (gen_is_feature_id_register(r) && !idlist_entry(con, r->name))
				sb_printf(out, "%s%s (%u,%u,%u,%u,%u)", k++ ? ", " : "", r->name, r->op0, r->op1, r->crn, r->crm,
					  r->op2);
		}
		sb_add(out, ".");
	}
	sb_add(out, "\n");
}

static void json_where(struct strbuf *out, const struct srcloc *loc)
{
	struct strbuf w = {0};
	sb_printf(&w, "%s:%d", loc->file, loc->line);
	json_string(out, w.s);
	sb_free(&w);
}

/* ---- Linux's KVM (arch/arm64/kvm/sys_regs.c) ---- */

/* A spec array whose name, without its index, is the entry's without its
 * argument: KVM's AMEVCNTR0_EL0(4) and AMEVCNTR0<n>_EL0 (n 0 to 3);
 * DBGBVRn_EL1(3) and DBGBVR<n>_EL1. */
static const struct reg *spec_array_of(const struct model *m, const char *kvm_name)
{
	const char *paren = strchr(kvm_name, '(');
	if (!paren)
		return NULL;
	struct strbuf base = {0}, tmpl = {0};
	sb_addn(&base, kvm_name, (size_t)(paren - kvm_name));
	const struct reg *found = NULL;
	for (size_t i = 0; i < m->n_regs && !found; i++) {
		const struct reg *r = &m->regs[i];
		if (r->state != STATE_AARCH64 || !r->primary || !r->primary->is_array)
			continue;
		for (int with_n = 0; with_n < 2 && !found; with_n++) {
			tmpl.len = 0;
			for (const char *p = r->name; *p; p++) {
				if (*p == '<') {
					const char *e = strchr(p, '>');
					if (e) {
						if (with_n)
							sb_add(&tmpl, "n");
						p = e;
						continue;
					}
				}
				sb_addn(&tmpl, p, 1);
			}
			if (tmpl.s && strcasecmp(tmpl.s, base.s) == 0)
				found = r;
		}
	}
	sb_free(&base);
	sb_free(&tmpl);
	return found;
}

/* DBGBVRn_EL1(3): DBGBVR3_EL1, the element of the spec's array the
 * argument names (NULL when there is no such array or element). */
static const struct gen_reg *spec_element(const struct audit *a, const struct model *m, const char *kvm_name,
					  bool *has_array)
{
	const struct reg *arr = spec_array_of(m, kvm_name);
	*has_array = arr != NULL;
	if (!arr)
		return NULL;
	long index = strtol(strchr(kvm_name, '(') + 1, NULL, 10);
	struct strbuf name = {0};
	for (const char *p = arr->name; *p; p++) {
		const char *e = *p == '<' ? strchr(p, '>') : NULL;
		if (e) {
			sb_printf(&name, "%ld", index);
			p = e;
		} else {
			sb_addn(&name, p, 1);
		}
	}
	const struct gen_reg *r = spec_named(a, name.s);
	sb_free(&name);
	return r;
}

static void kvm_classify(const struct audit *a, const struct model *m, struct kvm_row *w)
{
	const struct consumer_reg *k = w->k;
	bool has_array = false;
	const struct gen_reg *named = strchr(k->name, '(') ? spec_element(a, m, k->name, &has_array) : spec_named(a, k->name);
	const struct gen_reg *at = spec_reg_at(a, k);
	if (strcmp(k->name, "(unallocated)") == 0) {
		w->r = at;
		w->state = at ? KVM_ALLOCATED_NOW : KVM_UNALLOCATED;
	} else if (named && same_encoding(k, named)) {
		w->r = named;
		w->state = KVM_EQUAL;
	} else if (!k->enc_known) {
		w->r = named;
		w->state = KVM_UNKNOWN;
	} else if (named) {
		w->r = named;
		w->state = KVM_DIFFERENT;
	} else if (has_array) { /* AMEVCNTR0_EL0(4): the spec's array stops at 3 */
		w->state = KVM_BEYOND_ARRAY;
	} else if (at) { /* a name the spec does not use, at one of its encodings */
		w->r = at;
		w->state = KVM_EQUAL;
	} else {
		w->state = KVM_NOT_IN_SPEC;
	}
}

static void kvm_analyze(const struct audit *a, const struct model *m, struct kvm_report *kr)
{
	const struct consumer *con = a->con;
	memset(kr, 0, sizeof(*kr));
	kr->rows = xcalloc(con->n_kvm + 1, sizeof(*kr->rows));
	kr->handled = xcalloc(a->view->n_with_aliases + 1, sizeof(*kr->handled));
	for (size_t i = 0; i < con->n_kvm; i++) {
		struct kvm_row *w = &kr->rows[i];
		w->k = &con->kvm[i];
		kvm_classify(a, m, w);
		kr->count[w->state]++;
		if (w->r && (w->state == KVM_EQUAL || w->state == KVM_DIFFERENT))
			kr->handled[w->r - a->view->with_aliases] = true;
	}
}

static void kvm_report_free(struct kvm_report *kr)
{
	free(kr->rows);
	free(kr->handled);
}

static void md_kvm(struct strbuf *out, const struct model *m, const struct audit *a)
{
	const struct consumer *con = a->con;
	if (!con->kvm_path)
		return;
	const struct kvm_report *kr = &a->kvm;
	size_t named = con->n_kvm - kr->count[KVM_UNALLOCATED] - kr->count[KVM_ALLOCATED_NOW];
	sb_printf(out, "\n## KVM (%s)\n\n", con->kvm_path);
	sb_printf(out, "sys_reg_descs[] names %zu registers and %zu unallocated ID encodings.\n\n| | count |\n|---|---|\n",
		  named, kr->count[KVM_UNALLOCATED] + kr->count[KVM_ALLOCATED_NOW]);
	for (int s = 0; s < N_KVM; s++)
		sb_printf(out, "| %s | %zu |\n", kvm_state_names[s], kr->count[s]);
	for (int s = KVM_DIFFERENT; s < N_KVM; s++) {
		if (!kr->count[s] || s == KVM_UNALLOCATED)
			continue;
		sb_printf(out, "\n%s:\n", kvm_state_names[s]);
		for (size_t i = 0; i < con->n_kvm; i++) {
			const struct kvm_row *w = &kr->rows[i];
			if ((int)w->state != s)
				continue;
			sb_printf(out, "\n- %s at %u,%u,%u,%u,%u (%s:%d)", w->k->name, w->k->enc[0], w->k->enc[1], w->k->enc[2],
				  w->k->enc[3], w->k->enc[4], w->k->loc.file, w->k->loc.line);
			if (w->r)
				sb_printf(out, ": the spec has %s at %u,%u,%u,%u,%u", w->r->name, w->r->op0, w->r->op1, w->r->crn,
					  w->r->crm, w->r->op2);
			const struct reg *arr = s == KVM_BEYOND_ARRAY ? spec_array_of(m, w->k->name) : NULL;
			if (arr)
				sb_printf(out, ": KVM's own entry past the spec's %s (index %d to %d)", arr->name,
					  arr->primary->array_lo, arr->primary->array_hi);
		}
		sb_add(out, "\n");
	}
	sb_add(out, "\nRegisters that allow 128-bit access: KVM's table has no 128-bit form.\n");
	for (int with = 1; with >= 0; with--) {
		sb_add(out, with ? "\n- handled only as 64-bit:" : "\n- not handled:");
		size_t k = 0;
		for (size_t i = 0; i < a->view->n_with_aliases; i++)
			if (a->view->with_aliases[i].allows_128 && kr->handled[i] == (bool)with)
				sb_printf(out, "%s%s", k++ ? ", " : " ", a->view->with_aliases[i].name);
		sb_add(out, k ? "." : " none.");
	}
	sb_add(out, "\n");
}

static void json_kvm(struct strbuf *out, const struct audit *a)
{
	const struct consumer *con = a->con;
	if (!con->kvm_path)
		return;
	const struct kvm_report *kr = &a->kvm;
	sb_add(out, ",\n\"kvm\": {\"path\": ");
	json_string(out, con->kvm_path);
	sb_add(out, ", \"counts\": {");
	for (int s = 0; s < N_KVM; s++) {
		sb_add(out, s ? ", " : "");
		json_string(out, kvm_state_names[s]);
		sb_printf(out, ": %zu", kr->count[s]);
	}
	sb_add(out, "}, \"entries\": [");
	for (size_t i = 0; i < con->n_kvm; i++) {
		const struct kvm_row *w = &kr->rows[i];
		sb_add(out, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
		json_string(out, w->k->name);
		sb_add(out, ", \"where\": ");
		json_where(out, &w->k->loc);
		sb_add(out, ", \"status\": ");
		json_string(out, kvm_state_names[w->state]);
		sb_add(out, ", \"spec_name\": ");
		json_string(out, w->r ? w->r->name : NULL);
		if (w->k->enc_known)
			sb_printf(out, ", \"encoding\": \"%u,%u,%u,%u,%u\"", w->k->enc[0], w->k->enc[1], w->k->enc[2], w->k->enc[3],
				  w->k->enc[4]);
		sb_add(out, "}");
	}
	sb_add(out, "\n], \"only_64bit\": [");
	for (size_t i = 0, k = 0; i < a->view->n_with_aliases; i++)
		if (a->view->with_aliases[i].allows_128 && kr->handled[i]) {
			sb_add(out, k++ ? ", " : "");
			json_string(out, a->view->with_aliases[i].name);
		}
	sb_add(out, "]}");
}

static void audit_md(struct strbuf *out, const struct model *m, const struct audit *a)
{
	const struct consumer *con = a->con;
	const struct totals *t = &a->treg;
	size_t n = a->view->n_with_aliases, ni = a->view->n_insns;
	comment_line(out, "# ", "sysreggen audit: %s against %s (%s)", m->release ? m->release : "?", con->path, con->kind_name);
	sb_add(out, "\n");
	sb_add(out, "| | count |\n|---|---|\n");
	md_summary(out, a, t, "AArch64 registers and aliases (arrays expanded)");
	sb_printf(out, "| 128-bit access: supported | %zu |\n| 128-bit access: 64-bit only | %zu |\n"
		       "| 128-bit access: register absent | %zu |\n",
		  t->s128[SUPPORT_PRESENT], t->s128[SUPPORT_64BIT_ONLY], t->s128[SUPPORT_ABSENT]);
	size_t mistakes128 = 0;
	for (size_t i = 0; i < a->n_findings; i++)
		mistakes128 += a->findings[i].is128;
	sb_printf(out, "| 128-bit cpreg mistakes | %zu |\n", mistakes128);
	sb_printf(out, "| other cpreg mistakes | %zu |\n", a->n_findings - mistakes128);
	sb_printf(out, "| in the %s but not in the spec | %zu |\n", con->kind_name, a->consumer_only);
	sb_printf(out, "| symbolic links in the tree (not followed) | %u |\n", con->links_skipped);
	if (con->kind == CONSUMER_QEMU)
		sb_printf(out, "| QEMU definitions for AArch32 only (not compared) | %u |\n"
			       "| QEMU definitions made in loops (g_strdup_printf names) | %u |\n"
			       "| QEMU definitions whose name is computed otherwise (not compared) | %u |\n",
			  con->aarch32_only, con->loops, con->computed_names);
	md_summary(out, a, &a->tinsn, "system instructions (TLBI, TLBIP, DC, IC, AT, ...)");

	md_table(out, "Encodings that differ", a->regs, n, row_differs);
	md_table(out, "System instructions whose encodings differ", a->insns, ni, row_differs);
	md_idlist(out, a);
	md_findings(out, a);
	md_kvm(out, m, a);
	md_table(out, "Missing 128-bit support", a->regs, n, row_lacks_128);
	md_table(out, "Registers that allow 128-bit access", a->regs, n, row_allows_128);
	md_table(out, "An implementation-defined encoding under an architectural name", a->regs, n, row_impdef);
	md_table(out, "Present, encoding unknown", a->regs, n, row_unknown);
	md_other_names(out, a->regs, n);
	sb_printf(out, "\n## In the %s but not in the spec\n\n", con->kind_name);
	for (size_t i = 0, k = 0; i < con->n_regs; i++)
		if (is_consumer_only(a, i))
			sb_printf(out, "%s%s", k++ ? ", " : "", con->regs[i].name);
	sb_add(out, a->consumer_only ? "\n" : "None.\n");
	sb_printf(out, "\n## Present (%zu)\n\n", t->present - t->enc[ENC_DIFFERENT] - t->enc[ENC_UNKNOWN]);
	md_name_list(out, a->regs, n, true);
	sb_printf(out, "\n## Absent (%zu)\n\n", t->n - t->present);
	md_name_list(out, a->regs, n, false);
	sb_printf(out, "\n## System instructions present (%zu)\n\n", a->tinsn.present - a->tinsn.enc[ENC_DIFFERENT]);
	md_name_list(out, a->insns, ni, true);
	sb_printf(out, "\n## System instructions absent (%zu)\n\n", a->tinsn.n - a->tinsn.present);
	md_name_list(out, a->insns, ni, false);
}

/* ---- JSON ---- */


static void json_rows(struct strbuf *out, const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct row *w = &rows[i];
		sb_add(out, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
		json_string(out, w->r->name);
		sb_printf(out, ", \"encoding\": \"%u,%u,%u,%u,%u\", \"allows_128bit\": %s, \"present\": %s, \"encoding_status\": \"%s\", "
			       "\"128bit\": \"%s\"",
			  w->r->op0, w->r->op1, w->r->crn, w->r->crm, w->r->op2, w->r->allows_128 ? "true" : "false",
			  w->c ? "true" : "false", enc_names[w->enc], support_names[w->s128]);
		if (w->c) {
			sb_add(out, ", \"consumer_name\": ");
			json_string(out, w->c->name);
			sb_printf(out, ", \"found_by\": \"%s\", \"where\": ", by_names[w->by]);
			json_where(out, &w->c->loc);
			sb_add(out, ", \"made_by\": ");
			json_string(out, w->c->made_by);
		}
		if (w->c && w->c->has_encoding) {
			struct strbuf e = {0};
			enc_text(&e, w->c);
			sb_add(out, ", \"consumer_encoding\": ");
			json_string(out, e.s);
			sb_free(&e);
		}
		sb_add(out, "}");
	}
}

static void json_totals(struct strbuf *out, const struct totals *t)
{
	sb_printf(out, "{\"in_spec\": %zu, \"present\": %zu, \"absent\": %zu, \"encoding_equal\": %zu, "
		       "\"encoding_different\": %zu, \"encoding_impdef\": %zu, \"encoding_unknown\": %zu, "
		       "\"found_by_encoding\": %zu, \"found_by_name_in_another_case\": %zu, \"made_at_run_time\": %zu}",
		  t->n, t->present, t->n - t->present, t->enc[ENC_EQUAL], t->enc[ENC_DIFFERENT], t->enc[ENC_IMPDEF],
		  t->enc[ENC_UNKNOWN], t->by[BY_ENCODING], t->by[BY_NAME_CASE], t->made_at_run_time);
}

static void audit_json(struct strbuf *out, const struct model *m, const struct audit *a)
{
	const struct consumer *con = a->con;
	const struct totals *t = &a->treg;
	sb_add(out, "{\"spec\": ");
	json_string(out, m->release);
	sb_add(out, ", \"consumer\": {\"path\": ");
	json_string(out, con->path);
	sb_add(out, ", \"kind\": ");
	json_string(out, con->kind_name);
	sb_printf(out, "},\n\"summary\": {\"registers\": %zu, \"present\": %zu, \"absent\": %zu, \"encoding_equal\": %zu, "
		       "\"encoding_different\": %zu, \"encoding_unknown\": %zu, \"supports_128bit\": %zu, "
		       "\"only_64bit\": %zu, \"absent_128bit\": %zu, \"consumer_only\": %zu, \"cpreg_findings\": %zu, "
		       "\"links_skipped\": %u},\n",
		  t->n, t->present, t->n - t->present, t->enc[ENC_EQUAL], t->enc[ENC_DIFFERENT], t->enc[ENC_UNKNOWN],
		  t->s128[SUPPORT_PRESENT], t->s128[SUPPORT_64BIT_ONLY], t->s128[SUPPORT_ABSENT], a->consumer_only,
		  a->n_findings, con->links_skipped);
	sb_add(out, "\"register_totals\": ");
	json_totals(out, t);
	sb_add(out, ",\n\"instruction_totals\": ");
	json_totals(out, &a->tinsn);
	sb_printf(out, ",\n\"idlist\": {\"entries\": %zu, \"encoding_different\": %zu, \"not_in_spec\": %zu, "
		       "\"feature_id_registers_missing\": [",
		  con->n_idlist, a->idlist_different, a->idlist_unknown);
	for (size_t i = 0, k = 0; con->n_idlist && i < a->view->n; i++) {
		const struct gen_reg *r = &a->view->regs[i];
		if (gen_is_feature_id_register(r) && !idlist_entry(con, r->name)) {
			sb_add(out, k++ ? ", " : "");
			json_string(out, r->name);
		}
	}
	sb_add(out, "]}");
	json_kvm(out, a);
	sb_add(out, ",\n\"cpreg_findings\": [");
	for (size_t i = 0; i < a->n_findings; i++) {
		const struct finding *f = &a->findings[i];
		sb_add(out, i ? ",\n  {\"where\": " : "\n  {\"where\": ");
		json_where(out, &f->c->loc);
		sb_add(out, ", \"name\": ");
		json_string(out, f->c->name);
		sb_printf(out, ", \"cpreg128\": %s, \"finding\": ", f->is128 ? "true" : "false");
		json_string(out, f->what);
		sb_add(out, "}");
	}
	sb_add(out, "],\n\"registers\": [");
	json_rows(out, a->regs, a->view->n_with_aliases);
	sb_add(out, "\n],\n\"instructions\": [");
	json_rows(out, a->insns, a->view->n_insns);
	sb_add(out, "\n], \"consumer_only\": [");
	for (size_t i = 0, k = 0; i < con->n_regs; i++) {
		if (!is_consumer_only(a, i))
			continue;
		sb_add(out, k++ ? ", " : "");
		json_string(out, con->regs[i].name);
	}
	sb_add(out, "]}\n");
}

/* ---- the emitter ---- */

static void audit_build(struct audit *a, const struct model *m, const struct consumer *con, const struct reg_view *view)
{
	memset(a, 0, sizeof(*a));
	a->con = con;
	a->view = view;
	a->by_name = xcalloc(con->n_regs + 1, sizeof(*a->by_name));
	for (size_t i = 0; i < con->n_regs; i++)
		a->by_name[i] = &con->regs[i];
	if (con->n_regs)
		qsort(a->by_name, con->n_regs, sizeof(*a->by_name), cmp_consumer_entry);
	a->n_spec_names = view->n_with_aliases + view->n_insns;
	a->spec_names = xcalloc(a->n_spec_names + 1, sizeof(*a->spec_names));
	for (size_t i = 0; i < view->n_with_aliases; i++)
		a->spec_names[i] = &view->with_aliases[i];
	for (size_t i = 0; i < view->n_insns; i++)
		a->spec_names[view->n_with_aliases + i] = &view->insns[i];
	if (a->n_spec_names)
		qsort(a->spec_names, a->n_spec_names, sizeof(*a->spec_names), cmp_gen_name);
	a->matched = xcalloc(con->n_regs + 1, sizeof(*a->matched));
	a->regs = match_all(a, view->with_aliases, view->n_with_aliases, &a->treg);
	a->insns = match_all(a, view->insns, view->n_insns, &a->tinsn);
	for (size_t i = 0; con->kind == CONSUMER_QEMU && i < con->n_regs; i++)
		check_cpreg(a, &con->regs[i]);
	if (a->n_findings)
		qsort(a->findings, a->n_findings, sizeof(*a->findings), cmp_finding);
	idlist_count(a);
	for (size_t i = 0; i < con->n_regs; i++)
		a->consumer_only += is_consumer_only(a, i);
	kvm_analyze(a, m, &a->kvm);
}

static void audit_free(struct audit *a)
{
	free(a->by_name);
	free(a->spec_names);
	free(a->matched);
	free(a->regs);
	free(a->insns);
	free(a->findings);
	kvm_report_free(&a->kvm);
	arena_free(&a->text);
}

/* audit: status 1 when a finding --fail-on names holds */
bool emit_audit(struct emit_context *c)
{
	struct audit a;
	audit_build(&a, c->m, c->consumer, c->view);
	if (c->opt->json)
		audit_json(emit_output(c), c->m, &a);
	else
		audit_md(emit_output(c), c->m, &a);
	unsigned findings = 0;
	if (a.treg.s128[SUPPORT_64BIT_ONLY] || a.treg.s128[SUPPORT_ABSENT])
		findings |= AUDIT_MISSING128;
	if (a.treg.enc[ENC_DIFFERENT] || a.tinsn.enc[ENC_DIFFERENT] || a.idlist_different || a.kvm.count[KVM_DIFFERENT])
		findings |= AUDIT_MISMATCH;
	for (size_t i = 0; i < a.n_findings; i++)
		if (a.findings[i].is128)
			findings |= AUDIT_CPREG128;
	audit_free(&a);
	c->status = (findings & c->opt->fail_on) ? 1 : 0;
	return true;
}
