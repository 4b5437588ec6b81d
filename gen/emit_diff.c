// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen diff OLD NEW`: what changed between two specs, semantically.
 *
 * Registers are matched by state and name. Compared: presence (added,
 * removed, renamed: a removed and an added register with the same
 * encoding; an array replacing a register: ERRGSR -> ERRGSR<m>), the
 * identifying encoding, the width, the presence condition, accessors
 * (kind, name, encoding; their conditions), fieldsets (matched by width and
 * order; their conditions) and named fields (added, removed, moved,
 * resized; their conditions). Not compared: descriptions, timestamps,
 * reserved ranges and their kinds, field values (what changes there shows
 * in the named fields around them).
 *
 * Registers that no instruction accesses (SP_EL3; AArch32's APSR, CPSR,
 * SPSR: special-purpose state) are compared when both specs have them; one
 * that only one spec has is not reported, as Registers.json packages leave
 * them out. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

struct change {
	enum reg_state state;
	const char *reg;
	char *text;   /* one line, for the text form */
	char *kind;   /* for --json: added, removed, renamed, encoding, width, ... */
	char *before; /* for --json, or NULL */
	char *after;
	bool is128;
};

struct diff {
	struct change *v;
	size_t n, cap;
	const struct emit_options *o;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void add(struct diff *df, const struct reg *r, bool is128, const char *kind, const char *before,
		const char *after, const char *fmt, ...) PRINTF_LIKE(7, 8);

static void add(struct diff *df, const struct reg *r, bool is128, const char *kind, const char *before,
		const char *after, const char *fmt, ...)
{
	if (df->o->only128 && !is128)
		return;
	struct strbuf line = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&line, fmt, ap); /* a condition can be long: no fixed buffer */
	va_end(ap);
	struct change *c = VEC_PUSH(df->v, df->n, df->cap);
	c->state = r->state;
	c->reg = r->name;
	c->text = line.s ? line.s : xstrdup("");
	c->kind = xstrdup(kind);
	c->before = dup_or_null(before);
	c->after = dup_or_null(after);
	c->is128 = is128;
}

static char *cond_text(const struct cond *c)
{
	struct strbuf b = {0};
	cond_print(&b, c);
	return b.s;
}

static bool same_cond(const struct cond *a, const struct cond *b)
{
	char *x = cond_text(a), *y = cond_text(b);
	bool same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

static char *encoding_text(const struct reg *r)
{
	struct strbuf b = {0};
	if (r->primary)
		format_encoding(&b, r->primary, -1);
	else
		sb_add(&b, "-");
	return b.s;
}

static bool selected(const struct emit_options *o, const struct reg *r)
{
	if (!r->is_register || r->is_encoding_space)
		return false;
	if (o->state < 0)
		return true;
	return (int)r->state == o->state || (o->state == STATE_EXT && r->state == STATE_MMAP);
}

static const struct reg *find(const struct model *m, const struct reg *like, const struct emit_options *o)
{
	for (size_t i = 0; i < m->n_regs; i++) {
		const struct reg *r = &m->regs[i];
		if (selected(o, r) && r->state == like->state && reg_name_cmp(r->name, like->name) == 0)
			return r;
	}
	return NULL;
}

/* reached by an instruction, or by an address (external, memory-mapped) */
static bool accessed(const struct reg *r)
{
	return r->n_accessors || r->n_refs || r->offset;
}

/* ---- accessors ---- */

static char *accessor_key(const struct accessor *a)
{
	struct strbuf b = {0};
	sb_printf(&b, "%s %s ", a->kind_name, a->name);
	format_encoding(&b, a, -1);
	if (a->is_array)
		sb_printf(&b, " %s=%d..%d", a->array_var, a->array_lo, a->array_hi);
	return b.s;
}

static const struct accessor *find_accessor(const struct reg *r, const char *key)
{
	for (size_t i = 0; i < r->n_accessors; i++) {
		char *k = accessor_key(&r->accessors[i]);
		bool hit = strcmp(k, key) == 0;
		free(k);
		if (hit)
			return &r->accessors[i];
	}
	return NULL;
}

static void diff_accessors(struct diff *df, const struct reg *old, const struct reg *new)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct reg *from = pass ? new : old, *to = pass ? old : new;
		for (size_t i = 0; i < from->n_accessors; i++) {
			const struct accessor *a = &from->accessors[i];
			char *key = accessor_key(a);
			const struct accessor *b = find_accessor(to, key);
			bool is128 = accessor_is_128bit(a) || old->width == 128 || new->width == 128;
			char *c = cond_text(a->cond);
			if (!b)
				add(df, new, is128, pass ? "accessor-added" : "accessor-removed", pass ? NULL : key,
				    pass ? key : NULL, "  accessor %s: %s [%s]", pass ? "gained" : "lost", key, c);
			else if (!pass && !same_cond(a->cond, b->cond)) {
				char *c2 = cond_text(b->cond);
				add(df, new, is128, "accessor-condition", c, c2, "  accessor %s: condition %s -> %s", key, c, c2);
				free(c2);
			}
			free(c);
			free(key);
		}
	}
}

/* ---- fieldsets and fields ---- */

static char *ranges_text(const struct field *f)
{
	struct strbuf b = {0};
	format_ranges(&b, f, ",");
	return b.s ? b.s : xstrdup("");
}

static int field_width(const struct field *f)
{
	int w = 0;
	for (size_t i = 0; i < f->n_ranges; i++)
		w += f->ranges[i].msb - f->ranges[i].lsb + 1;
	return w;
}

/* The k-th field named `name` (fields of one name can be alternatives). */
static const struct field *find_field(const struct fieldset *fs, const char *name, size_t k)
{
	for (size_t i = 0; i < fs->n_fields; i++)
		if (fs->fields[i].name && strcmp(fs->fields[i].name, name) == 0 && k-- == 0)
			return &fs->fields[i];
	return NULL;
}

static size_t occurrence(const struct fieldset *fs, size_t upto)
{
	size_t k = 0;
	for (size_t i = 0; i < upto; i++)
		k += fs->fields[i].name && strcmp(fs->fields[i].name, fs->fields[upto].name) == 0;
	return k;
}

static void diff_fields(struct diff *df, const struct reg *r, const char *where, bool is128,
			const struct fieldset *old, const struct fieldset *new)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct fieldset *from = pass ? new : old, *to = pass ? old : new;
		for (size_t i = 0; i < from->n_fields; i++) {
			const struct field *f = &from->fields[i];
			if (!f->name)
				continue;
			const struct field *g = find_field(to, f->name, occurrence(from, i));
			char *rf = ranges_text(f);
			if (!g) {
				add(df, r, is128, pass ? "field-added" : "field-removed", pass ? NULL : rf, pass ? rf : NULL,
				    "  %s: field %s %s %s", where, pass ? "added:" : "removed:", f->name, rf);
			} else if (!pass) {
				char *rg = ranges_text(g);
				if (strcmp(rf, rg) != 0)
					add(df, r, is128, field_width(f) == field_width(g) ? "field-moved" : "field-resized", rf, rg,
					    "  %s: field %s %s %s -> %s", where, f->name,
					    field_width(f) == field_width(g) ? "moved" : "resized", rf, rg);
				if (!same_cond(f->cond, g->cond)) {
					char *c1 = cond_text(f->cond), *c2 = cond_text(g->cond);
					add(df, r, is128, "field-condition", c1, c2, "  %s: field %s condition %s -> %s", where,
					    f->name, c1, c2);
					free(c1);
					free(c2);
				}
				free(rg);
			}
			free(rf);
		}
	}
}

/* Fieldsets are matched by width and their order among those of that width. */
static const struct fieldset *nth_of_width(const struct reg *r, int width, size_t k)
{
	for (size_t i = 0; i < r->n_fieldsets; i++)
		if (r->fieldsets[i].width == width && k-- == 0)
			return &r->fieldsets[i];
	return NULL;
}

static void diff_fieldsets(struct diff *df, const struct reg *old, const struct reg *new)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct reg *from = pass ? new : old, *to = pass ? old : new;
		for (size_t i = 0; i < from->n_fieldsets; i++) {
			const struct fieldset *fs = &from->fieldsets[i];
			size_t k = 0;
			for (size_t j = 0; j < i; j++)
				k += from->fieldsets[j].width == fs->width;
			const struct fieldset *other = nth_of_width(to, fs->width, k);
			struct strbuf where = {0};
			sb_printf(&where, "fieldset %d #%zu", fs->width, k);
			bool is128 = fs->width == 128;
			if (!other) {
				char *c = cond_text(fs->cond);
				add(df, new, is128, pass ? "fieldset-added" : "fieldset-removed", pass ? NULL : c, pass ? c : NULL,
				    "  %s %s [%s]", where.s, pass ? "added" : "removed", c);
				free(c);
			} else if (!pass) {
				if (!same_cond(fs->cond, other->cond)) {
					char *c1 = cond_text(fs->cond), *c2 = cond_text(other->cond);
					add(df, new, is128, "fieldset-condition", c1, c2, "  %s: condition %s -> %s", where.s, c1,
					    c2);
					free(c1);
					free(c2);
				}
				diff_fields(df, new, where.s, is128, fs, other);
			}
			sb_free(&where);
		}
	}
}

/* ---- registers ---- */

static void diff_register(struct diff *df, const struct reg *old, const struct reg *new)
{
	bool is128 = old->width == 128 || new->width == 128;
	char *e1 = encoding_text(old), *e2 = encoding_text(new);
	if (strcmp(e1, e2) != 0)
		add(df, new, is128, "encoding", e1, e2, "  encoding %s -> %s", e1, e2);
	free(e1);
	free(e2);
	if (old->width != new->width) {
		struct strbuf w1 = {0}, w2 = {0};
		sb_printf(&w1, "%d", old->width);
		sb_printf(&w2, "%d", new->width);
		add(df, new, is128, "width", w1.s, w2.s, "  width %d -> %d", old->width, new->width);
		sb_free(&w1);
		sb_free(&w2);
	}
	if (!same_cond(old->cond, new->cond)) {
		char *c1 = cond_text(old->cond), *c2 = cond_text(new->cond);
		add(df, new, is128, "condition", c1, c2, "  condition %s -> %s", c1, c2);
		free(c1);
		free(c2);
	}
	diff_accessors(df, old, new);
	diff_fieldsets(df, old, new);
}

/* "ERRGSR<m>" replaces "ERRGSR" */
static bool array_of(const char *array, const char *plain)
{
	const char *lt = strchr(array, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (!gt || strchr(plain, '<'))
		return false;
	size_t head = (size_t)(lt - array);
	return strncmp(array, plain, head) == 0 && strcmp(array + (gt - array) + 1, plain + head) == 0;
}

static const struct reg *renamed_to(const struct model *m, const struct model *other, const struct reg *r,
				     const struct emit_options *o, const char **how)
{
	char *enc = encoding_text(r);
	const struct reg *hit = NULL;
	for (size_t i = 0; i < m->n_regs && !hit; i++) {
		const struct reg *c = &m->regs[i];
		if (!selected(o, c) || c->state != r->state || find(other, c, o))
			continue; /* only a register the other spec lacks */
		if (array_of(c->name, r->name) || array_of(r->name, c->name)) {
			hit = c;
			*how = "array";
		} else if (r->primary && c->primary && strcmp(enc, "-") != 0) {
			char *e = encoding_text(c);
			if (strcmp(e, enc) == 0) {
				hit = c;
				*how = "renamed";
			}
			free(e);
		}
	}
	free(enc);
	return hit;
}

static void diff_presence(struct diff *df, const struct model *old, const struct model *new)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct model *from = pass ? new : old, *to = pass ? old : new;
		for (size_t i = 0; i < from->n_regs; i++) {
			const struct reg *r = &from->regs[i];
			if (!selected(df->o, r) || find(to, r, df->o) || !accessed(r))
				continue;
			const char *how = NULL;
			const struct reg *other = renamed_to(to, from, r, df->o, &how);
			bool is128 = r->width == 128;
			if (other && strcmp(how, "renamed") == 0) {
				if (!pass) {
					add(df, r, is128, "renamed", r->name, other->name, "  renamed to %s", other->name);
					diff_register(df, r, other);
				}
			} else if (other) {
				add(df, r, is128, pass ? "added" : "removed", pass ? NULL : r->name, pass ? r->name : NULL,
				    "  %s (%s %s)", pass ? "added" : "removed",
				    strchr(r->name, '<') ? "an array replacing" : "replaced by the array", other->name);
			} else {
				add(df, r, is128, pass ? "added" : "removed", pass ? NULL : r->name, pass ? r->name : NULL, "  %s",
				    pass ? "added" : "removed");
			}
		}
	}
}

static int cmp_change(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	if (x->state != y->state)
		return (int)x->state - (int)y->state;
	int c = natural_cmp(x->reg, y->reg);
	return c ? c : strcmp(x->reg, y->reg);
}

/* stable: changes of one register keep the order they were found in */
static void sort_changes(struct change *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct change c = v[i];
		size_t j = i;
		while (j > 0 && cmp_change(&v[j - 1], &c) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = c;
	}
}

static void json_field(struct strbuf *out, const char *key, const char *v)
{
	sb_printf(out, ", \"%s\": ", key);
	json_string(out, v);
}

static void print_changes(struct strbuf *out, const struct model *old, const struct model *new,
			  const struct emit_options *o, const struct diff *df)
{
	size_t regs = 0;
	for (size_t i = 0; i < df->n; i++)
		regs += i == 0 || cmp_change(&df->v[i - 1], &df->v[i]) != 0;
	if (o->json) {
		sb_add(out, "{\"old\": ");
		json_string(out, old->release);
		sb_add(out, ", \"new\": ");
		json_string(out, new->release);
		sb_add(out, ", \"changes\": [");
		for (size_t i = 0; i < df->n; i++) {
			const struct change *c = &df->v[i];
			sb_printf(out, "%s\n  {\"state\": \"%s\"", i ? "," : "", reg_state_name(c->state));
			json_field(out, "register", c->reg);
			json_field(out, "change", c->kind);
			json_field(out, "old", c->before);
			json_field(out, "new", c->after);
			sb_printf(out, ", \"affects_128bit\": %s}", c->is128 ? "true" : "false");
		}
		sb_printf(out, "\n], \"registers_changed\": %zu}\n", regs);
		return;
	}
	comment_line(out, "# ", "sysreggen diff: %s (%s) -> %s (%s)%s", old->release ? old->release : "?", old->source,
		  new->release ? new->release : "?", new->source, o->only128 ? ", what affects 128-bit access" : "");
	for (size_t i = 0; i < df->n; i++) {
		const struct change *c = &df->v[i];
		if (i == 0 || cmp_change(&df->v[i - 1], c) != 0)
			sb_printf(out, "%s %s\n", reg_state_name(c->state), c->reg);
		sb_printf(out, "%s\n", c->text);
	}
	sb_printf(out, "# %zu changes in %zu registers\n", df->n, regs);
}

/* diff: status 1 when there are changes, as diff(1) */
bool emit_diff(struct emit_context *c)
{
	const struct model *old = c->old, *new = c->m;
	const struct emit_options *o = c->opt;
	struct strbuf *out = emit_output(c);
	struct diff df = {NULL, 0, 0, o};
	diff_presence(&df, old, new);
	for (size_t i = 0; i < old->n_regs; i++) {
		const struct reg *r = &old->regs[i];
		const struct reg *n = selected(o, r) ? find(new, r, o) : NULL;
		if (n)
			diff_register(&df, r, n);
	}
	if (df.n)
		sort_changes(df.v, df.n);
	print_changes(out, old, new, o, &df);
	for (size_t i = 0; i < df.n; i++) {
		free(df.v[i].text);
		free(df.v[i].kind);
		free(df.v[i].before);
		free(df.v[i].after);
	}
	free(df.v);
	c->status = df.n ? 1 : 0;
	return true;
}
