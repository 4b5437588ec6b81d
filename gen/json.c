// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* JSON front end: Arm's AARCHMRS package (Registers.json, Features.json),
 * read with jansson, following Arm's schema (2.5.5 and later).
 *
 * Registers.json is a top-level array of Register / RegisterArray entries.
 * It is split into its elements first and each element is parsed on its
 * own: memory stays near the file's size, and every message names the line
 * where its entry starts as well as the JSON path inside it:
 *   Registers.json:9213: error: [412].accessors[3].encoding[0].encodings.op0: expected ...
 * Unknown `_type`s are skipped and counted (errors with --strict).
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "frontend.h"
#include "parse_alloc.h"
#include "pipeline.h"

/* The JSON path of what is being read, as a stack of member names and
 * array indexes; it is written out only when a message needs it. */
struct path_step {
	const char *key; /* NULL: an array index */
	size_t index;
};

struct jctx {
	struct model *m;
	struct diag *d;
	const struct load_options *opt;
	const char *file;
	int line; /* where the current top-level element starts */
	struct path_step *path;
	size_t depth_path, cap_path;
	unsigned depth;
	bool failed;
	unsigned long long digest; /* of the current top-level element's compacted text */
};

/* ---- paths and messages ---- */

static size_t path_key(struct jctx *c, const char *key)
{
	size_t mark = c->depth_path;
	VEC_PUSH(c->path, c->depth_path, c->cap_path)->key = key;
	return mark;
}

static size_t path_index(struct jctx *c, size_t i)
{
	size_t mark = c->depth_path;
	VEC_PUSH(c->path, c->depth_path, c->cap_path)->index = i;
	return mark;
}

static void path_pop(struct jctx *c, size_t mark)
{
	c->depth_path = mark;
}

static void path_text(const struct jctx *c, struct strbuf *out)
{
	for (size_t i = 0; i < c->depth_path; i++) {
		if (c->path[i].key)
			sb_printf(out, "%s%s", i ? "." : "", c->path[i].key);
		else
			sb_printf(out, "[%zu]", c->path[i].index);
	}
	if (!out->s)
		sb_add(out, "(top level)");
}

PRINTF_LIKE(2, 3)
static void jerror(struct jctx *c, const char *fmt, ...)
{
	struct srcloc loc = {c->file, c->line, 0};
	struct strbuf msg = {0}, what = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&what, fmt, ap);
	va_end(ap);
	const char *tmp = what.s;
	struct strbuf pb = {0};
	path_text(c, &pb);
	const char *path = pb.s;
	size_t n = strlen(path);
	if (n > 160) /* a path through deep nesting: its ends say where */
		sb_printf(&msg, "%.70s...%s: %s", path, path + n - 70, tmp);
	else
		sb_printf(&msg, "%s: %s", path, tmp);
	sb_free(&pb);
	sb_free(&what);
	diag_error_kind(c->d, &loc, fmt, "%s", msg.s); /* of the kind its format says */
	sb_free(&msg);
	c->failed = true;
}

static const char *json_kind(const json_t *j)
{
	static const char *const names[] = {"an object", "an array", "a string", "an integer", "a real", "true", "false", "null"};
	return j ? names[json_typeof(j)] : "nothing (the member is missing)";
}

static const char *type_of(const json_t *j)
{
	const char *t = json_string_value(json_object_get(j, "_type"));
	return t ? t : "(no _type)";
}

/* Unknown but well-formed: skipped and counted, or an error with --strict. */
static void unknown_type(struct jctx *c, const char *what, const json_t *j)
{
	if (c->opt->read.strict) {
		jerror(c, "unknown %s _type '%s' (--strict)", what, type_of(j));
		return;
	}
	model_count_skip(c->m, "JSON entries of unknown _type");
}

/* ---- typed getters: each names the path on failure ---- */

/* Every string taken from a document is bounded by --max-string. */
static bool string_fits(struct jctx *c, const json_t *v, const char *key)
{
	if (json_string_length(v) <= c->opt->max_string)
		return true;
	size_t mark = path_key(c, key);
	jerror(c, "a string of %zu bytes, over the limit of %zu (--max-string)", json_string_length(v), c->opt->max_string);
	path_pop(c, mark);
	return false;
}

static const char *get_string(struct jctx *c, const json_t *obj, const char *key, bool required)
{
	const json_t *v = json_object_get(obj, key);
	if (json_is_string(v))
		return string_fits(c, v, key) ? arena_strdup(&c->m->arena, json_string_value(v)) : NULL;
	if (required || (v && !json_is_null(v))) {
		size_t mark = path_key(c, key);
		jerror(c, "expected a string, got %s", json_kind(v));
		path_pop(c, mark);
	}
	return NULL;
}

static bool get_int(struct jctx *c, const json_t *obj, const char *key, long lo, long hi, long *out)
{
	const json_t *v = json_object_get(obj, key);
	size_t mark = path_key(c, key);
	bool ok = json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi;
	if (ok)
		*out = (long)json_integer_value(v);
	else if (json_is_integer(v))
		jerror(c, "expected an integer from %ld to %ld, got %lld", lo, hi, (long long)json_integer_value(v));
	else
		jerror(c, "expected an integer, got %s", json_kind(v));
	path_pop(c, mark);
	return ok;
}

/* An array member (may be absent or null when !required). */
static const json_t *get_array(struct jctx *c, const json_t *obj, const char *key, bool required)
{
	const json_t *v = json_object_get(obj, key);
	if (json_is_array(v))
		return v;
	if (required || (v && !json_is_null(v))) {
		size_t mark = path_key(c, key);
		jerror(c, "expected an array, got %s", json_kind(v));
		path_pop(c, mark);
	}
	return NULL;
}

/* ---- conditions ---- */

/* A bit string as the schema writes it, '0101' or '1x11', as sysreggen
 * writes it everywhere: 0b0101. Inside concatenations too: '0':m[2:0]. */
static const char *bits_text(struct jctx *c, const char *v)
{
	struct strbuf b = {0};
	for (const char *p = v; *p;) {
		if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');
			if (!end)
				break;
			sb_add(&b, "0b");
			sb_addn(&b, p + 1, (size_t)(end - p - 1));
			p = end + 1;
		} else {
			sb_addn(&b, p++, 1);
		}
	}
	const char *r = arena_strdup(&c->m->arena, b.s ? b.s : "");
	sb_free(&b);
	return r;
}

static struct cond *json_cond(struct jctx *c, const json_t *j);

static struct cond *json_cond_key(struct jctx *c, const json_t *obj, const char *key)
{
	size_t mark = path_key(c, key);
	struct cond *r = json_cond(c, json_object_get(obj, key));
	path_pop(c, mark);
	return r;
}

static struct cond *json_cond_args(struct jctx *c, struct cond *node, const json_t *arr, const char *key)
{
	size_t mark = path_key(c, key);
	if (!json_is_array(arr)) {
		jerror(c, "expected an array, got %s", json_kind(arr));
	} else {
		for (size_t i = 0; i < json_array_size(arr); i++) {
			size_t m2 = path_index(c, i);
			struct cond *a = json_cond(c, json_array_get(arr, i));
			if (a)
				cond_add_arg(&c->m->arena, node, a);
			path_pop(c, m2);
		}
	}
	path_pop(c, mark);
	return node;
}

static struct cond *json_binary(struct jctx *c, const json_t *j)
{
	const char *op = json_string_value(json_object_get(j, "op"));
	struct cond *l = json_cond_key(c, j, "left"), *r = json_cond_key(c, j, "right");
	if (!op || !l || !r) {
		if (!op)
			jerror(c, "AST.BinaryOp without an op");
		return NULL;
	}
	struct arena *a = &c->m->arena;
	if (strcmp(op, "&&") == 0)
		return cond_binary(a, COND_AND, NULL, l, r);
	if (strcmp(op, "||") == 0)
		return cond_binary(a, COND_OR, NULL, l, r);
	if (strcmp(op, "-->") == 0)
		return cond_binary(a, COND_IMPLIES, NULL, l, r);
	if (strcmp(op, "<->") == 0)
		return cond_binary(a, COND_IFF, NULL, l, r);
	return cond_binary(a, COND_CMP, arena_strdup(a, op), l, r);
}

/* IsFeatureImplemented(FEAT_X) is a feature test; other functions are kept
 * as calls (UInt(ID_AA64MMFR3_EL1.D128), ELIsInHost(EL2)). */
static struct cond *json_function(struct jctx *c, const json_t *j)
{
	const char *name = get_string(c, j, "name", true);
	if (!name)
		return NULL;
	const json_t *args = json_object_get(j, "arguments");
	if (strcmp(name, "IsFeatureImplemented") == 0 && json_array_size(args) == 1) {
		const json_t *arg = json_array_get(args, 0);
		const char *feat = json_string_value(json_object_get(arg, "value"));
		if (feat && strcmp(type_of(arg), "AST.Identifier") == 0)
			return cond_new(&c->m->arena, COND_FEATURE, arena_strdup(&c->m->arena, feat));
	}
	return json_cond_args(c, cond_new(&c->m->arena, COND_CALL, name), args, "arguments");
}

static struct cond *json_field_ref(struct jctx *c, const json_t *j)
{
	const json_t *v = json_object_get(j, "value");
	size_t mark = path_key(c, "value");
	const char *reg = json_is_object(v) ? get_string(c, v, "name", true) : NULL;
	const char *field = json_is_object(v) ? get_string(c, v, "field", true) : NULL;
	if (!json_is_object(v))
		jerror(c, "expected an object naming a register field, got %s", json_kind(v));
	path_pop(c, mark);
	if (!reg || !field)
		return NULL;
	struct cond *r = cond_new(&c->m->arena, COND_FIELD, reg);
	r->field = field;
	return r;
}

/* AST.DotAtom: a dotted name (PSTATE.EL) */
static struct cond *json_dot_atom(struct jctx *c, const json_t *j)
{
	const json_t *vals = json_object_get(j, "values");
	struct strbuf b = {0};
	for (size_t i = 0; i < json_array_size(vals); i++) {
		const char *part = json_string_value(json_object_get(json_array_get(vals, i), "value"));
		sb_printf(&b, "%s%s", i ? "." : "", part ? part : "?");
	}
	struct cond *r = cond_new(&c->m->arena, COND_IDENT, arena_strdup(&c->m->arena, b.s ? b.s : ""));
	sb_free(&b);
	return r;
}

static struct cond *json_cond(struct jctx *c, const json_t *j)
{
	struct arena *a = &c->m->arena;
	if (!json_is_object(j)) {
		jerror(c, "expected a condition object (AST.*), got %s", json_kind(j));
		return NULL;
	}
	if (++c->depth > c->opt->max_depth) {
		jerror(c, "condition nested deeper than %u levels", c->opt->max_depth);
		c->depth--;
		return NULL;
	}
	const char *t = type_of(j);
	const json_t *value = json_object_get(j, "value");
	struct cond *r = NULL;
	if (strcmp(t, "AST.Bool") == 0 && json_is_boolean(value)) {
		r = cond_new(a, COND_BOOL, NULL);
		r->value = json_is_true(value);
	} else if (strcmp(t, "AST.Integer") == 0 && json_is_integer(value)) {
		r = cond_new(a, COND_INT, NULL);
		r->value = (long)json_integer_value(value);
	} else if (strcmp(t, "AST.Identifier") == 0 && json_is_string(value)) {
		r = cond_new(a, COND_IDENT, arena_strdup(a, json_string_value(value)));
	} else if (json_is_string(value) && !string_fits(c, value, "value")) {
		r = NULL;
	} else if (strcmp(t, "Types.String") == 0 && json_is_string(value)) {
		/* a condition the package's producer left as Arm's prose: read it
		 * as the XML front end reads prose (opaque if it cannot) */
		r = cond_parse_text(a, json_string_value(value), c->opt->max_depth);
	} else if (strcmp(t, "Values.Value") == 0 && json_is_string(value)) {
		r = cond_new(a, COND_BITS, bits_text(c, json_string_value(value)));
	} else if (strcmp(t, "AST.BinaryOp") == 0) {
		r = json_binary(c, j);
	} else if (strcmp(t, "AST.UnaryOp") == 0) {
		struct cond *e = json_cond_key(c, j, "expr");
		const char *op = json_string_value(json_object_get(j, "op"));
		if (e && op && strcmp(op, "!") == 0) {
			r = cond_new(a, COND_NOT, NULL);
			cond_add_arg(a, r, e);
		} else if (e) {
			r = cond_new(a, COND_CALL, arena_strdup(a, op ? op : "?"));
			cond_add_arg(a, r, e);
		}
	} else if (strcmp(t, "AST.Function") == 0) {
		r = json_function(c, j);
	} else if (strcmp(t, "Types.Field") == 0) {
		r = json_field_ref(c, j);
	} else if (strcmp(t, "AST.Set") == 0) {
		r = json_cond_args(c, cond_new(a, COND_SET, NULL), json_object_get(j, "values"), "values");
	} else if (strcmp(t, "AST.DotAtom") == 0) {
		r = json_dot_atom(c, j);
	} else if (c->opt->read.strict) {
		jerror(c, "unknown condition _type '%s' (--strict)", t);
	} else {
		/* kept, evaluated as unknown */
		model_count_skip(c->m, "JSON conditions of unknown _type (kept as unknown)");
		r = cond_new(a, COND_OPAQUE, arena_printf(a, "<%s>", t));
	}
	if (!r && !c->failed)
		jerror(c, "%s: expected its value (got %s)", t, json_kind(value));
	c->depth--;
	return r;
}

/* The condition member of an object; absent or null means always. */
static const struct cond *member_cond(struct jctx *c, const json_t *obj, const char **text)
{
	const json_t *v = json_object_get(obj, "condition");
	*text = NULL;
	if (!v || json_is_null(v))
		return NULL;
	struct cond *r = json_cond_key(c, obj, "condition");
	if (r && !cond_is_true(r)) {
		struct strbuf b = {0};
		cond_print(&b, r);
		*text = arena_strdup(&c->m->arena, b.s);
		sb_free(&b);
	}
	return r && !cond_is_true(r) ? r : NULL;
}

/* ---- fields ---- */

struct field_list {
	struct fieldset *fs;
	size_t cap;
};

static bool read_rangeset(struct jctx *c, const json_t *obj, int width, struct field *f)
{
	const json_t *rs = get_array(c, obj, "rangeset", true);
	size_t cap = 0, mark = path_key(c, "rangeset");
	for (size_t i = 0; rs && i < json_array_size(rs); i++) {
		size_t m2 = path_index(c, i);
		const json_t *r = json_array_get(rs, i);
		long start, w;
		if (get_int(c, r, "start", 0, width - 1, &start) && get_int(c, r, "width", 1, width - start, &w)) {
			struct bit_range *b = VEC_PUSH(f->ranges, f->n_ranges, cap);
			b->msb = (int)(start + w - 1);
			b->lsb = (int)start;
		}
		path_pop(c, m2);
	}
	path_pop(c, mark);
	return f->n_ranges > 0;
}

static const char *value_text(struct jctx *c, const json_t *v)
{
	const char *t = type_of(v);
	if (strcmp(t, "Values.ValueRange") == 0) {
		const char *lo = json_string_value(json_object_get(json_object_get(v, "start"), "value"));
		const char *hi = json_string_value(json_object_get(json_object_get(v, "end"), "value"));
		if (lo && hi)
			return arena_printf(&c->m->arena, "%s..%s", bits_text(c, lo), bits_text(c, hi));
	}
	const char *s = json_string_value(json_object_get(v, "value"));
	return s ? bits_text(c, s) : NULL;
}

static void read_values(struct jctx *c, const json_t *obj, struct field *f)
{
	const json_t *vs = json_object_get(obj, "values");
	const json_t *list = json_object_get(vs, "values");
	size_t cap = 0, mark = path_key(c, "values");
	path_key(c, "values");
	for (size_t i = 0; i < json_array_size(list); i++) {
		size_t at = path_index(c, i);
		const char *v = value_text(c, json_array_get(list, i));
		if (v && field_value_valid(v)) {
			*(const char **)VEC_PUSH(f->values, f->n_values, cap) = v;
		} else if (v) {
			struct strbuf shown = {0};
			sb_add_shown(&shown, v, 80);
			jerror(c, "field %s: value '%s' is not bits (expected '0', '1' or 'x' digits in quotes, or a range of such)",
			       f->name ? f->name : "(reserved)", shown.s);
			sb_free(&shown);
		}
		path_pop(c, at);
	}
	path_pop(c, mark);
}

static void read_field(struct jctx *c, struct field_list *fl, const json_t *j, const struct cond *cond,
		       const char *cond_text, const char *reserved_type);

/* Fields.Array: "indexes" (Ranges of index values) and "index_variable".
 * Unrolled as the schema says: the field's bits split into equal elements
 * from the most significant down, the indexes from the highest down ("F<x>"
 * with indexes 4:2 is F4, F3, F2 in that order). False, reported, if the
 * bits do not split so. */
static bool read_array_indexes(struct jctx *c, const json_t *j, struct field *f)
{
	const char *var = get_string(c, j, "index_variable", true);
	const json_t *idx = get_array(c, j, "indexes", true);
	if (!var || !idx)
		return false;
	long indexes[256];
	size_t n = 0, mark = path_key(c, "indexes");
	bool ok = true;
	for (size_t i = 0; ok && i < json_array_size(idx); i++) {
		size_t m2 = path_index(c, i);
		long start, w;
		ok = get_int(c, json_array_get(idx, i), "start", 0, 255, &start) &&
		     get_int(c, json_array_get(idx, i), "width", 1, 256 - start, &w);
		if (ok && n + (size_t)w > ARRAY_LEN(indexes)) {
			jerror(c, "array of fields %s: more than %zu indexes", f->name ? f->name : "", ARRAY_LEN(indexes));
			ok = false;
		}
		for (long k = start; ok && k < start + w; k++)
			indexes[n++] = k;
		path_pop(c, m2);
	}
	path_pop(c, mark);
	if (!ok)
		return false;
	int bits = 0;
	for (size_t i = 0; i < f->n_ranges; i++)
		bits += f->ranges[i].msb - f->ranges[i].lsb + 1;
	if (n == 0 || bits % (int)n) {
		jerror(c, "array of fields %s: %d bits do not split into %zu equal elements", f->name ? f->name : "",
		       bits, n);
		return false;
	}
	int size = bits / (int)n;
	size_t r = 0;
	int top = f->ranges[0].msb; /* the next element's msb, walking down the ranges */
	f->elements = xcalloc(n, sizeof(*f->elements));
	for (size_t i = 0; i < n; i++) {
		struct field_element *e = &f->elements[f->n_elements++];
		e->index = indexes[n - 1 - i];
		e->msb = top;
		e->lsb = top - size + 1;
		if (e->lsb < f->ranges[r].lsb) {
			jerror(c, "array of fields %s: element %ld would span two bit ranges", f->name ? f->name : "",
			       e->index);
			return false;
		}
		top = e->lsb - 1;
		if (top < f->ranges[r].lsb && ++r < f->n_ranges)
			top = f->ranges[r].msb;
	}
	const char *why;
	if (!field_elements_place(f, &why)) {
		jerror(c, "array of fields %s: %s", f->name ? f->name : "", why);
		return false;
	}
	f->array_var = var;
	return true;
}

/* Fields.ConditionalField: one field of the model per alternative, each
 * with its condition; the reserved type applies when none holds. */
static void read_conditional(struct jctx *c, struct field_list *fl, const json_t *j)
{
	const char *reserved = get_string(c, j, "reservedtype", false);
	const json_t *alts = get_array(c, j, "fields", true);
	size_t mark = path_key(c, "fields");
	for (size_t i = 0; alts && i < json_array_size(alts); i++) {
		size_t m2 = path_index(c, i);
		const json_t *alt = json_array_get(alts, i);
		const char *text;
		const struct cond *cond = member_cond(c, alt, &text);
		/* alternatives apply in order: an unconditional one after others is
		 * what Arm's pages call "Otherwise" (HCR_EL2.NS's second form) */
		if (!cond && i > 0) {
			cond = cond_new(&c->m->arena, COND_OTHERWISE, NULL);
			text = "Otherwise";
		}
		const json_t *inner = json_object_get(alt, "field");
		size_t m3 = path_key(c, "field");
		if (json_is_array(inner)) {
			for (size_t k = 0; k < json_array_size(inner); k++) {
				size_t m4 = path_index(c, k);
				read_field(c, fl, json_array_get(inner, k), cond, text, reserved);
				path_pop(c, m4);
			}
		} else {
			read_field(c, fl, inner, cond, text, reserved);
		}
		path_pop(c, m3);
		path_pop(c, m2);
	}
	path_pop(c, mark);
}

static void read_field(struct jctx *c, struct field_list *fl, const json_t *j, const struct cond *cond,
		       const char *cond_text, const char *reserved_type)
{
	if (!json_is_object(j)) {
		jerror(c, "expected a Fields.* object, got %s", json_kind(j));
		return;
	}
	const char *t = type_of(j);
	if (strcmp(t, "Fields.ConditionalField") == 0) {
		read_conditional(c, fl, j);
		return;
	}
	static const char *const kinds[] = {"Fields.Field", "Fields.Reserved", "Fields.ReservedInternal",
					    "Fields.ConstantField", "Fields.Array", "Fields.Vector",
					    "Fields.Dynamic", "Fields.ImplementationDefined"};
	size_t k = 0;
	while (k < ARRAY_LEN(kinds) && strcmp(t, kinds[k]) != 0)
		k++;
	if (k == ARRAY_LEN(kinds)) {
		unknown_type(c, "field", j);
		return;
	}
	if (fl->fs->n_fields >= c->opt->max_fields) {
		jerror(c, "more than %zu fields in one fieldset (--max-fields)", c->opt->max_fields);
		return;
	}
	struct field f = {0};
	f.loc.file = c->file;
	f.loc.line = c->line;
	if (!read_rangeset(c, j, fl->fs->width, &f)) {
		free(f.ranges);
		return;
	}
	bool reserved = strstr(t, "Reserved") != NULL;
	if (reserved)
		f.rwtype = get_string(c, j, "value", true);
	else
		f.name = get_string(c, j, "name", strcmp(t, "Fields.ImplementationDefined") != 0);
	f.is_constant = strcmp(t, "Fields.ConstantField") == 0;
	if (f.is_constant) {
		const char *v = value_text(c, json_object_get(j, "value"));
		if (v) {
			f.values = xmalloc(sizeof(*f.values));
			f.values[f.n_values++] = v;
		}
	} else if (!reserved) {
		read_values(c, j, &f);
	}
	if (strcmp(t, "Fields.Array") == 0 && !read_array_indexes(c, j, &f)) {
		free(f.ranges);
		free(f.values);
		free(f.elements);
		return;
	}
	if (strcmp(t, "Fields.Vector") == 0 || strcmp(t, "Fields.Dynamic") == 0)
		model_count_skip(c->m, "JSON vector and dynamic fields read as plain fields");
	f.cond = cond;
	f.condition = cond_text;
	f.reserved_type = reserved_type;
	*VEC_PUSH(fl->fs->fields, fl->fs->n_fields, fl->cap) = f;
}

static void read_fieldset(struct jctx *c, struct reg *r, const json_t *j, size_t *cap)
{
	if (strcmp(type_of(j), "Fieldset") != 0) {
		unknown_type(c, "fieldset", j);
		return;
	}
	long width;
	if (!get_int(c, j, "width", 1, 128, &width))
		return;
	struct fieldset *fs = VEC_PUSH(r->fieldsets, r->n_fieldsets, *cap);
	fs->width = (int)width;
	fs->loc.file = c->file;
	fs->loc.line = c->line;
	fs->cond = member_cond(c, j, &fs->condition);
	struct field_list fl = {fs, 0};
	const json_t *vals = get_array(c, j, "values", true);
	size_t mark = path_key(c, "values");
	for (size_t i = 0; vals && i < json_array_size(vals); i++) {
		size_t m2 = path_index(c, i);
		read_field(c, &fl, json_array_get(vals, i), NULL, NULL, NULL);
		path_pop(c, m2);
	}
	path_pop(c, mark);
}

/* ---- accessors ---- */

/* Length of one part of a concatenation: up to a ':' outside brackets. */
static size_t part_len(const char *p)
{
	size_t n = 0;
	for (int depth = 0; p[n] && (p[n] != ':' || depth); n++)
		depth += (p[n] == '[') - (p[n] == ']');
	return n;
}

/* Width of one part of an encoding value: "0b0101" 4, "m[4:3]" 2; -1 for
 * a bare variable, 0 if malformed. */
static int part_width(const char *p, size_t n)
{
	if (n > 2 && p[0] == '0' && p[1] == 'b')
		return (int)n - 2;
	const char *br = memchr(p, '[', n);
	if (!br)
		return -1;
	long hi = strtol(br + 1, NULL, 10), lo = hi;
	const char *colon = memchr(br, ':', n - (size_t)(br - p));
	if (colon)
		lo = strtol(colon + 1, NULL, 10);
	return hi >= lo ? (int)(hi - lo + 1) : 0;
}

/* Some packages write a variable that fills the rest of a field bare: CRm
 * "m" for m[3:0], op2 "'0':m" for 0b0:m[1:0]. The field's width is
 * architectural, so the slice can be written out exactly as Arm's XML does. */
static const char *widen_bare_variable(struct jctx *c, const char *text, int field_width)
{
	size_t n_parts = 0, bare_at = 0, bare_len = 0;
	int known = 0, bare = 0;
	for (const char *p = text;;) {
		size_t n = part_len(p);
		int w = part_width(p, n);
		if (w < 0)
			bare++, bare_at = (size_t)(p - text), bare_len = n;
		else
			known += w;
		n_parts++;
		if (!p[n])
			break;
		p += n + 1;
	}
	if (bare != 1 || field_width <= known)
		return text;
	return arena_printf(&c->m->arena, "%.*s%.*s[%d:0]%s", (int)bare_at, text, (int)bare_len, text + bare_at,
			    field_width - known - 1, text + bare_at + bare_len);
}

static const char *enc_value(struct jctx *c, const json_t *v, int field_width)
{
	const char *t = type_of(v);
	const char *s = json_string_value(json_object_get(v, "value"));
	if ((strcmp(t, "Values.Value") == 0 || strcmp(t, "Values.Group") == 0 ||
	     strcmp(t, "Values.EquationValue") == 0) && s) {
		/* the value's grammar is checks.c's encoding-values */
		return widen_bare_variable(c, bits_text(c, s), field_width);
	}
	jerror(c, "expected Values.Value, Values.Group or Values.EquationValue, got %s",
	       json_is_object(v) ? type_of(v) : json_kind(v));
	return NULL;
}

/* The variable an encoding's slices use (m in "0b000:m[3]"), if one. */
static const char *slice_variable(const struct accessor *a)
{
	for (size_t i = 0; i < a->n_enc; i++) {
		const char *v = a->enc[i].value, *br = strchr(v, '[');
		if (!br)
			continue;
		const char *start = br;
		while (start > v && (isalnum((unsigned char)start[-1]) || start[-1] == '_'))
			start--;
		if (start < br && !(br - start == 1 && *start == 'b'))
			return start;
	}
	return NULL;
}

/* Arrays: schema's index_variable and indexes. Arm's pages name the
 * accessor's variable <m> (DBGBVR<m>_EL1, CRm = m[3:0]); some packages give
 * index_variable "n" (the register's) while the encodings use m. The
 * encodings decide: the variable that indexes them is the array's. */
static void read_accessor_array(struct jctx *c, struct accessor *a, const json_t *j)
{
	const char *var = get_string(c, j, "index_variable", true);
	const json_t *idx = get_array(c, j, "indexes", true);
	if (!var || !idx || json_array_size(idx) == 0)
		return;
	long lo = LONG_MAX, hi = -1;
	size_t mark = path_key(c, "indexes");
	for (size_t i = 0; i < json_array_size(idx); i++) {
		size_t m2 = path_index(c, i);
		long start, width;
		if (get_int(c, json_array_get(idx, i), "start", 0, 1 << 20, &start) &&
		    get_int(c, json_array_get(idx, i), "width", 1, 1 << 20, &width)) {
			lo = start < lo ? start : lo;
			hi = start + width - 1 > hi ? start + width - 1 : hi;
		}
		path_pop(c, m2);
	}
	path_pop(c, mark);
	if (hi < 0)
		return;
	a->is_array = true;
	a->array_lo = (int)lo;
	a->array_hi = (int)hi;
	a->array_var = var;
	const char *used = slice_variable(a);
	size_t n = strlen(var);
	if (used && !(strncmp(used, var, n) == 0 && used[n] == '[')) {
		a->array_var = arena_strndup(&c->m->arena, used, strcspn(used, "["));
		model_count_skip(c->m, "JSON accessor arrays whose index_variable is not the variable of their encodings (used the encodings')");
	}
	/* DBGBVR<n>_EL1 has n = 0..63 but CRm = m[3:0] reaches 0..15 only: an
	 * index with bits outside the encoding's slices cannot be encoded */
	unsigned long mask = accessor_index_mask(a);
	if (used && (unsigned long)a->array_hi > mask && (unsigned long)a->array_lo <= mask) {
		a->array_hi = (int)mask;
		model_count_skip(c->m, "JSON accessor array ranges narrowed to the indexes their encodings can express");
	}
}

/* One accessor of the model per Encoding object. */
static void read_encoding(struct jctx *c, struct reg *r, const json_t *acc, const json_t *enc, size_t *cap)
{
	if (strcmp(type_of(enc), "Encoding") != 0) {
		unknown_type(c, "encoding", enc);
		return;
	}
	const char *full = get_string(c, acc, "name", true);
	if (!full)
		return;
	const char *dot = strchr(full, '.');
	struct accessor *a = VEC_PUSH(r->accessors, r->n_accessors, *cap);
	a->loc.file = c->file;
	a->loc.line = c->line;
	a->kind_name = dot ? dot + 1 : full;
	const struct acc_kind_info *k = acc_kind_lookup(a->kind_name);
	a->kind = k ? k->kind : ACC_OTHER;
	c->m->acc_by_kind[a->kind]++;
	a->name = get_string(c, enc, "asmvalue", false);
	if (!a->name) /* an instruction that names nothing else */
		a->name = r->is_register ? r->name : a->kind_name;
	a->cond = member_cond(c, acc, &a->condition);
	const json_t *encs = json_object_get(enc, "encodings");
	size_t mark = path_key(c, "encodings"), ecap = 0;
	if (!json_is_object(encs) || json_object_size(encs) == 0)
		jerror(c, "expected an object of encoding fields (op0, op1, ...), got %s", json_kind(encs));
	const char *key;
	const json_t *val;
	json_object_foreach((json_t *)encs, key, val) {
		size_t m2 = path_key(c, key);
		const char *v = enc_value(c, val, enc_field_width(a->kind, key));
		if (v) {
			struct enc_field *e = VEC_PUSH(a->enc, a->n_enc, ecap);
			e->name = arena_strdup(&c->m->arena, key);
			e->value = v;
		}
		path_pop(c, m2);
	}
	path_pop(c, mark);
	if (strcmp(type_of(acc), "Accessors.SystemAccessorArray") == 0)
		read_accessor_array(c, a, acc);
}

/* encoding: [[Encoding]] in schema 2.5.5, [Encoding] in later releases */
static void read_accessor(struct jctx *c, struct reg *r, const json_t *j, size_t *cap)
{
	const char *t = type_of(j);
	if (strcmp(t, "Accessors.SystemAccessor") != 0 && strcmp(t, "Accessors.SystemAccessorArray") != 0) {
		if (strstr(t, "Accessors.") == t)
			model_count_skip(c->m, "JSON memory-mapped and external accessors");
		else
			unknown_type(c, "accessor", j);
		return;
	}
	const json_t *encoding = get_array(c, j, "encoding", true);
	size_t mark = path_key(c, "encoding"), before = r->n_accessors;
	for (size_t i = 0; encoding && i < json_array_size(encoding); i++) {
		size_t m2 = path_index(c, i);
		const json_t *e = json_array_get(encoding, i);
		if (json_is_array(e)) {
			for (size_t k = 0; k < json_array_size(e); k++) {
				size_t m3 = path_index(c, k);
				read_encoding(c, r, j, json_array_get(e, k), cap);
				path_pop(c, m3);
			}
		} else {
			read_encoding(c, r, j, e, cap);
		}
		path_pop(c, m2);
	}
	path_pop(c, mark);
	if (encoding && r->n_accessors == before && !c->failed) {
		mark = path_key(c, "encoding");
		jerror(c, "accessor '%s' has no Encoding", json_string_value(json_object_get(j, "name")));
		path_pop(c, mark);
	}
}

/* ---- registers ---- */

static bool read_state(struct jctx *c, const json_t *j, enum reg_state *st)
{
	const char *s = get_string(c, j, "state", true);
	if (!s)
		return false;
	if (strcmp(s, "AArch64") == 0)
		*st = STATE_AARCH64;
	else if (strcmp(s, "AArch32") == 0)
		*st = STATE_AARCH32;
	else if (strcmp(s, "ext") == 0)
		*st = STATE_EXT;
	else {
		size_t mark = path_key(c, "state");
		jerror(c, "expected AArch64, AArch32 or ext, got '%s'", s);
		path_pop(c, mark);
		return false;
	}
	return true;
}

/* The schema has no is_register flag: an entry is a register when an
 * accessor moves data to or from it (MRS, MSR, MRC, ...), or when it has
 * no accessors; TLBI, AT, DC, SYS... entries are system instructions. */
static bool names_a_register(const json_t *accessors)
{
	if (json_array_size(accessors) == 0)
		return true;
	for (size_t i = 0; i < json_array_size(accessors); i++) {
		const char *name = json_string_value(json_object_get(json_array_get(accessors, i), "name"));
		const char *dot = name ? strchr(name, '.') : NULL;
		const struct acc_kind_info *k = acc_kind_lookup(dot ? dot + 1 : name ? name : "");
		if (k && !k->is_instruction && k->access)
			return true;
	}
	return false;
}

static void read_meta(struct jctx *c, const json_t *j)
{
	const json_t *version = json_object_get(json_object_get(j, "_meta"), "version");
	if (!version || c->m->release)
		return;
	c->m->release = get_string(c, version, "architecture", false);
	c->m->release_build = get_string(c, version, "build", false);
	c->m->release_timestamp = get_string(c, version, "timestamp", false);
}

static void read_register(struct jctx *c, const json_t *j)
{
	const char *t = type_of(j);
	bool is_array = strcmp(t, "RegisterArray") == 0;
	if (!is_array && strcmp(t, "Register") != 0) {
		if (strcmp(t, "RegisterBlock") == 0)
			model_count_skip(c->m, "JSON register blocks");
		else
			unknown_type(c, "register", j);
		return;
	}
	read_meta(c, j);
	if (c->m->n_regs >= c->opt->max_registers) {
		jerror(c, "more than %zu registers (--max-registers)", c->opt->max_registers);
		return;
	}
	const char *name = get_string(c, j, "name", true);
	enum reg_state state;
	if (!name || !read_state(c, j, &state))
		return;
	const json_t *accessors = get_array(c, j, "accessors", false);
	struct reg *r = model_add_reg(c->m);
	r->name = name;
	r->state = state;
	r->long_name = get_string(c, j, "title", false);
	r->is_register = names_a_register(accessors);
	r->loc.file = c->file;
	r->loc.line = c->line;
	r->source_digest = c->digest;
	r->cond = member_cond(c, j, &r->condition);
	if (is_array) {
		struct accessor tmp = {0};
		read_accessor_array(c, &tmp, j);
		r->is_array = tmp.is_array;
		r->array_var = tmp.array_var;
		r->array_lo = tmp.array_lo;
		r->array_hi = tmp.array_hi;
	}
	size_t cap = 0;
	const json_t *sets = get_array(c, j, "fieldsets", false);
	size_t mark = path_key(c, "fieldsets");
	for (size_t i = 0; sets && i < json_array_size(sets); i++) {
		size_t m2 = path_index(c, i);
		read_fieldset(c, r, json_array_get(sets, i), &cap);
		path_pop(c, m2);
	}
	path_pop(c, mark);
	cap = 0;
	mark = path_key(c, "accessors");
	for (size_t i = 0; accessors && i < json_array_size(accessors); i++) {
		size_t m2 = path_index(c, i);
		read_accessor(c, r, json_array_get(accessors, i), &cap);
		path_pop(c, m2);
	}
	path_pop(c, mark);
	enum page_kind kinds[STATE_COUNT] = {PAGE_AARCH64, PAGE_AARCH32, PAGE_EXT, PAGE_MMAP};
	c->m->pages[kinds[r->state]]++;
}

/* ---- Features.json ---- */

static void read_features(struct jctx *c, const json_t *j)
{
	struct feature_db *db = &c->m->features;
	if (db->loaded) {
		struct srcloc loc = {c->file, 0, 0};
		diag_warning(c->d, &loc, "a second Features.json: ignored (using %s)", db->source);
		return;
	}
	db->loaded = true;
	db->source = c->file;
	const json_t *version = json_object_get(json_object_get(j, "_meta"), "version");
	if (version) {
		db->architecture = get_string(c, version, "architecture", false);
		db->build = get_string(c, version, "build", false);
		db->timestamp = get_string(c, version, "timestamp", false);
	}
	const json_t *params = get_array(c, j, "parameters", true);
	size_t mark = path_key(c, "parameters");
	for (size_t i = 0; params && i < json_array_size(params); i++) {
		size_t m2 = path_index(c, i);
		const json_t *p = json_array_get(params, i);
		const char *t = type_of(p);
		if (strcmp(t, "Parameters.Boolean") != 0) {
			unknown_type(c, "feature parameter", p);
		} else {
			const char *name = get_string(c, p, "name", true);
			const json_t *cons = get_array(c, p, "constraints", false);
			struct feature_param *fp = name ? VEC_PUSH(db->params, db->n_params, db->cap_params) : NULL;
			size_t cap = 0, m3 = path_key(c, "constraints");
			for (size_t k = 0; fp && cons && k < json_array_size(cons); k++) {
				size_t m4 = path_index(c, k);
				const struct cond *cnd = json_cond(c, json_array_get(cons, k));
				if (cnd)
					*VEC_PUSH(fp->constraints, fp->n_constraints, cap) = cnd;
				path_pop(c, m4);
			}
			path_pop(c, m3);
			if (fp)
				fp->name = name;
		}
		path_pop(c, m2);
	}
	path_pop(c, mark);
	const json_t *cons = get_array(c, j, "constraints", false);
	mark = path_key(c, "constraints");
	for (size_t k = 0; cons && k < json_array_size(cons); k++) {
		size_t m2 = path_index(c, k);
		const struct cond *cnd = json_cond(c, json_array_get(cons, k));
		if (cnd)
			*VEC_PUSH(db->constraints, db->n_constraints, db->cap_constraints) = cnd;
		path_pop(c, m2);
	}
	path_pop(c, mark);
}

/* ---- splitting the top-level array ----
 *
 * One pass over the document finds where each element ends and copies it,
 * without the white space between tokens, into one buffer of compacted
 * text. Arm's Registers.json is indented: about 70% of its bytes are white
 * space, and jansson reads every byte through a per-character call, so this
 * pass pays for itself several times. Lines are counted on the way, for the
 * line each entry's messages name. */

struct span {
	size_t start, end;   /* the element as written in the document */
	size_t cstart, cend; /* the same, compacted */
	int line, column;    /* where it starts */
};

/* The limits a value is held to before jansson builds it: its memory is
 * then bounded by the text's size, not by what the text asks for. */
struct scan_limits {
	size_t max_items;  /* values in one array */
	size_t max_keys;   /* members of one object */
	size_t max_string; /* bytes of one string, keys included */
	unsigned max_depth;
	size_t max_values; /* values and members in one entry or document */
};

struct scan_level {
	bool is_object;
	size_t count;
};

struct scanner {
	const char *s;
	size_t len;
	size_t pos;
	int line;
	size_t line_start; /* offset of the current line's first byte */
	char *out;         /* compacted text, at most len bytes */
	size_t out_len;
	const struct scan_limits *limits;
	struct scan_level *levels; /* max_depth + 1 */
	size_t values;             /* in the value being taken */
	const char *over;          /* a limit was passed: over_text says which */
	char over_text[160];
	int over_line, over_column;
};

static void scanner_init(struct scanner *sc, const char *s, size_t len, size_t pos, const struct scan_limits *lim)
{
	*sc = (struct scanner){s, len, pos, 1, 0, xmalloc(len + 1), 0, lim, NULL, 0, NULL, "", 0, 0};
	sc->levels = xcalloc(lim->max_depth + 2, sizeof(*sc->levels));
}

static void scanner_free(struct scanner *sc)
{
	free(sc->out);
	free(sc->levels);
}

static int scanner_column(const struct scanner *sc)
{
	size_t col = sc->pos - sc->line_start + 1;
	return col > INT_MAX ? INT_MAX : (int)col;
}

/* Count the newlines of s[from..to). */
static void count_lines(struct scanner *sc, size_t from, size_t to)
{
	const char *p = sc->s + from, *end = sc->s + to, *nl;
	while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
		sc->line++;
		sc->line_start = (size_t)(nl - sc->s) + 1;
		p = nl + 1;
	}
}

PRINTF_LIKE(2, 3)
static void limit_passed(struct scanner *sc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sc->over_text, sizeof(sc->over_text), fmt, ap);
	va_end(ap);
	sc->over = sc->over_text;
	sc->over_line = sc->line;
	sc->over_column = scanner_column(sc);
}

static void scan_limits_of(const struct load_options *o, struct scan_limits *l)
{
	*l = (struct scan_limits){o->max_array_items, o->max_object_keys, o->max_string, o->max_depth, o->max_values};
}

static bool is_json_space(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
}

/* Move past white space, counting lines. Indentation comes in long runs of
 * spaces, taken eight at a time. */
static void skip_space(struct scanner *sc)
{
	const char *s = sc->s;
	size_t i = sc->pos, len = sc->len;
	for (;;) {
		while (len - i >= 8 && memcmp(s + i, "        ", 8) == 0)
			i += 8;
		if (i >= len || !is_json_space(s[i]))
			break;
		if (s[i] == '\n') {
			sc->line++;
			sc->line_start = i + 1;
		}
		i++;
	}
	sc->pos = i;
}

/* Copy the string whose opening quote is at sc->pos, escapes as they are;
 * false if it is not closed. A byte loop: Arm's strings are short (a dozen
 * bytes), shorter than a call to memchr pays for. A raw newline is not JSON
 * (jansson reports it) but is counted, so later lines stay right. */
static bool copy_string(struct scanner *sc)
{
	const char *s = sc->s;
	size_t i = sc->pos + 1, len = sc->len;
	char *o = sc->out + sc->out_len;
	*o++ = '"';
	for (;;) {
		if (i >= len)
			return false;
		char ch = s[i++];
		*o++ = ch;
		if (ch == '"')
			break;
		if (ch == '\\') {
			if (i >= len)
				return false;
			ch = s[i++];
			*o++ = ch;
		}
		if (ch == '\n') {
			sc->line++;
			sc->line_start = i;
		}
	}
	size_t n = (size_t)(o - (sc->out + sc->out_len)) - 2;
	if (n > sc->limits->max_string) {
		limit_passed(sc, "a string of %zu bytes, over the limit of %zu (--max-string)", n, sc->limits->max_string);
		return false;
	}
	sc->out_len = (size_t)(o - sc->out);
	sc->pos = i;
	return true;
}

enum { C_OTHER, C_SPACE, C_QUOTE, C_OPEN, C_CLOSE, C_PUNCT };

static const unsigned char json_class[256] = {
	[' '] = C_SPACE, ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\r'] = C_SPACE, ['"'] = C_QUOTE,
	['{'] = C_OPEN,  ['['] = C_OPEN,   ['}'] = C_CLOSE,  [']'] = C_CLOSE,  [','] = C_PUNCT, [':'] = C_PUNCT,
};

/* One more value (an array or object opened, a ',' or a ':') in the value
 * being taken. */
static bool count_value(struct scanner *sc)
{
	if (++sc->values <= sc->limits->max_values)
		return true;
	limit_passed(sc, "more than %zu values in one entry or document (--max-values)", sc->limits->max_values);
	return false;
}

/* A ',' in an array or a ':' in an object: one more value or member. */
static bool count_member(struct scanner *sc, struct scan_level *lv, char ch)
{
	if (!count_value(sc))
		return false;
	if (lv->is_object ? ch != ':' : ch != ',')
		return true;
	if (++lv->count > (lv->is_object ? sc->limits->max_keys : sc->limits->max_items)) {
		if (lv->is_object)
			limit_passed(sc, "an object of more than %zu members (--max-object-keys)", sc->limits->max_keys);
		else
			limit_passed(sc, "an array of more than %zu values (--max-array-items)", sc->limits->max_items);
		return false;
	}
	return true;
}

/* Copy the value at sc->pos, compacted, following strings and nesting and
 * interpreting nothing else (jansson does). Between two characters that
 * are not punctuation the white space stays one space, so `[1 2]` stays an
 * error and does not become `[12]`. Returns false if the value is not
 * closed before the end of the document. */
static bool take_value(struct scanner *sc)
{
	const char *s = sc->s;
	size_t depth = 0;
	sc->values = 0;
	while (sc->pos < sc->len) {
		unsigned char ch = (unsigned char)s[sc->pos];
		switch (json_class[ch]) {
		case C_SPACE: {
			if (depth == 0)
				return true; /* the end of a number or literal */
			skip_space(sc);
			unsigned char prev = (unsigned char)sc->out[sc->out_len - 1];
			if (sc->pos < sc->len && json_class[prev] == C_OTHER &&
			    json_class[(unsigned char)s[sc->pos]] == C_OTHER)
				sc->out[sc->out_len++] = ' ';
			continue;
		}
		case C_QUOTE:
			if (!copy_string(sc))
				return false;
			if (depth == 0)
				return true;
			continue;
		case C_OPEN:
			if (depth >= sc->limits->max_depth) {
				limit_passed(sc, "nested deeper than %u levels (--max-depth)", sc->limits->max_depth);
				return false;
			}
			if (!count_value(sc))
				return false;
			depth++;
			sc->levels[depth] = (struct scan_level){ch == '{', ch == '{' ? 0 : 1};
			break;
		case C_CLOSE:
			if (depth == 0)
				return true; /* the array's own ']' after a literal */
			if (--depth == 0) {
				sc->out[sc->out_len++] = (char)ch;
				sc->pos++;
				return true;
			}
			break;
		case C_PUNCT:
			if (depth == 0)
				return true;
			if (!count_member(sc, &sc->levels[depth], ch))
				return false;
			break;
		default:
			break;
		}
		sc->out[sc->out_len++] = (char)ch;
		sc->pos++;
	}
	return depth == 0;
}

/* Find the next element of the array: skips white space and one comma.
 * Returns 1 with the span, 0 at the closing ']', -1 on a syntax error
 * (reported). */
static int next_element(struct jctx *c, struct scanner *sc, struct span *sp, bool first)
{
	skip_space(sc);
	bool comma = first;
	if (!comma && sc->pos < sc->len && sc->s[sc->pos] == ',') {
		comma = true;
		sc->pos++;
		skip_space(sc);
	}
	struct srcloc loc = {c->file, sc->line, scanner_column(sc)};
	if (sc->pos < sc->len && sc->s[sc->pos] == ']' && (!comma || first)) {
		sc->pos++;
		return 0;
	}
	if (sc->pos >= sc->len || !comma) {
		diag_error(c->d, &loc, "malformed JSON: expected ',' or ']' in the top-level array%s",
			   sc->pos >= sc->len ? " before the end of the file" : "");
		return -1;
	}
	sp->start = sc->pos;
	sp->cstart = sc->out_len;
	sp->line = loc.line;
	sp->column = loc.column;
	if (!take_value(sc)) {
		if (sc->over) {
			struct srcloc at = {c->file, sc->over_line, sc->over_column};
			diag_error(c->d, &at, "%s: the entry is not read", sc->over);
		} else {
			diag_error(c->d, &loc, "malformed JSON: element of the top-level array is not closed before the end of the file");
		}
		return -1;
	}
	sp->end = sc->pos;
	sp->cend = sc->out_len;
	return 1;
}

static void syntax_error(struct jctx *c, const json_error_t *e, int line0, int column0)
{
	struct srcloc loc = {c->file, line0 + e->line - 1, e->line == 1 ? column0 + e->column - 1 : e->column};
	diag_error(c->d, &loc, "malformed JSON: %s", e->text);
	c->failed = true;
}

/* ---- parsing the elements on two cores ----
 *
 * jansson's parse is most of the time spent on a Registers.json, and the
 * elements are independent: they are parsed on two threads (pipeline.c)
 * while the conversion into the model stays on this thread, in order. */
enum { PARSE_WINDOW = 64, IN_FLIGHT_BYTES = 1 << 20 };

/* Each element's DOM is allocated in an arena of its own (parse_alloc.h)
 * and dropped whole after conversion: no json_decref walk, no malloc/free
 * per node. */
struct element {
	const char *s, *compact;
	struct span span;
	json_t *json;
	json_error_t err;
	struct arena arena;
	unsigned long long digest; /* of the compacted text, on the parsing thread */
};

/* pipeline work: parse one element into its own arena (any thread). Only
 * when the compacted text fails is the element parsed again as written,
 * so that the error names the file's own line and column. */
static void parse_element(void *item)
{
	struct element *e = item;
	e->digest = hash_bytes(e->compact + e->span.cstart, e->span.cend - e->span.cstart);
	parse_arena_select(&e->arena);
	e->json = json_loadb(e->compact + e->span.cstart, e->span.cend - e->span.cstart, JSON_REJECT_DUPLICATES,
			     &e->err);
	if (!e->json)
		e->json = json_loadb(e->s + e->span.start, e->span.end - e->span.start, JSON_REJECT_DUPLICATES,
				     &e->err);
	parse_arena_select(NULL);
}

static void convert_element(struct jctx *c, const struct element *e, size_t index)
{
	if (!e->json) {
		syntax_error(c, &e->err, e->span.line, e->span.column);
		return;
	}
	c->line = e->span.line;
	c->digest = e->digest;
	size_t mark = path_index(c, index);
	if (json_is_object(e->json))
		read_register(c, e->json);
	else
		jerror(c, "expected a Register object, got %s", json_kind(e->json));
	path_pop(c, mark);
}

/* Convert until at most `keep` entries and IN_FLIGHT_BYTES of their text are
 * parsed ahead: a tree takes up to 30 times its compacted text. */
static void convert_taken(struct jctx *c, struct pipeline *p, size_t *taken, size_t keep, size_t *in_flight)
{
	while (pipeline_published(p) - *taken > keep || (*in_flight > IN_FLIGHT_BYTES && pipeline_published(p) > *taken)) {
		struct element *e = pipeline_take(p, *taken);
		*in_flight -= e->span.cend - e->span.cstart;
		convert_element(c, e, *taken);
		(*taken)++;
		arena_free(&e->arena); /* the element's whole DOM */
		free(e);
	}
}

/* Split, publishing as it goes while the worker parses, and convert a
 * window behind: memory stays that of a window of entries, whatever the
 * number of entries (2,000,000 bare numbers once held 699 MB). */
static int split_and_read(struct jctx *c, struct scanner *sc)
{
	struct pipeline *p = pipeline_start(parse_element, PARSE_WINDOW);
	struct span sp;
	size_t k, taken = 0, in_flight = 0;
	int rc;
	while ((rc = next_element(c, sc, &sp, pipeline_published(p) == 0)) == 1) {
		if (pipeline_published(p) >= c->opt->max_array_items) {
			struct srcloc loc = {c->file, sp.line, sp.column};
			diag_error(c->d, &loc, "more than %zu elements in the top-level array (--max-array-items)",
				   c->opt->max_array_items);
			rc = -1;
			break;
		}
		struct element *e = xcalloc(1, sizeof(*e));
		e->s = sc->s;
		e->compact = sc->out;
		e->span = sp;
		if (!pipeline_publish(p, e, &k)) {
			struct srcloc loc = {c->file, sp.line, sp.column};
			diag_error(c->d, &loc, "more elements in the top-level array than sysreggen takes");
			free(e);
			rc = -1;
			break;
		}
		in_flight += sp.cend - sp.cstart;
		convert_taken(c, p, &taken, PARSE_WINDOW, &in_flight);
	}
	pipeline_close(p);
	convert_taken(c, p, &taken, 0, &in_flight);
	pipeline_finish(p);
	return rc;
}

static void read_registers_array(struct jctx *c, const char *s, size_t len, size_t open)
{
	struct scanner sc;
	struct scan_limits lim;
	scan_limits_of(c->opt, &lim);
	scanner_init(&sc, s, len, 0, &lim);
	count_lines(&sc, 0, open + 1);
	sc.pos = open + 1;
	if (split_and_read(c, &sc) < 0) {
		c->failed = true;
	} else {
		skip_space(&sc);
		if (sc.pos < len) {
			struct srcloc loc = {c->file, sc.line, scanner_column(&sc)};
			diag_error(c->d, &loc, "malformed JSON: text after the top-level array");
			c->failed = true;
		}
	}
	scanner_free(&sc);
}

/* Features.json, into `dom`: compacted like an entry when it is one value,
 * else as written (for the error's line and column). NULL when it is not
 * JSON (e set) or passes a limit (reported here, jansson never sees it). */
static json_t *parse_document(struct jctx *c, const struct document *doc, size_t start, struct arena *dom,
			      json_error_t *e)
{
	struct scan_limits lim;
	struct scanner sc;
	scan_limits_of(c->opt, &lim);
	scanner_init(&sc, doc->data, doc->len, start, &lim);
	json_t *j = NULL;
	parse_arena_select(dom);
	if (start < doc->len && take_value(&sc)) {
		skip_space(&sc);
		if (sc.pos == doc->len)
			j = json_loadb(sc.out, sc.out_len, JSON_REJECT_DUPLICATES, e);
	}
	if (sc.over) {
		struct srcloc at = {c->file, sc.over_line, sc.over_column};
		diag_error(c->d, &at, "%s: the document is not read", sc.over);
		c->failed = true;
	} else if (!j) {
		j = json_loadb(doc->data, doc->len, JSON_REJECT_DUPLICATES, e);
	}
	parse_arena_select(NULL);
	scanner_free(&sc);
	return j;
}

/* ---- documents other than Registers.json ---- */

/* The string at s[*i] (its opening quote), as bytes without the quotes;
 * escapes are kept as written, which is enough to compare a key. */
static bool scan_string(const char *s, size_t len, size_t *i, const char **text, size_t *n)
{
	size_t start = ++*i;
	while (*i < len && s[*i] != '"')
		*i += s[*i] == '\\' ? 2 : 1;
	if (*i >= len)
		return false;
	*text = s + start;
	*n = *i - start;
	(*i)++;
	return true;
}

struct top_level {
	char type[64]; /* the value of the top-level "_type", or "" */
	bool schema;   /* a top-level "$schema": a file of the package's schema/ */
};

/* The top-level object's "_type" and "$schema" keys, found without parsing:
 * Instructions.json is tens of megabytes that sysreggen never reads. Stops
 * at the first "_type"; a malformed file just ends the scan. */
static void scan_top_level(const char *s, size_t len, size_t start, struct top_level *t)
{
	int depth = 0;
	bool want_key = false;
	memset(t, 0, sizeof(*t));
	for (size_t i = start; i < len;) {
		char ch = s[i];
		if (ch == '"') {
			const char *str;
			size_t n;
			bool key = depth == 1 && want_key;
			if (!scan_string(s, len, &i, &str, &n))
				return;
			size_t j = i;
			while (j < len && isspace((unsigned char)s[j]))
				j++;
			if (!key || j >= len || s[j] != ':')
				continue;
			want_key = false;
			t->schema = t->schema || (n == 7 && memcmp(str, "$schema", 7) == 0);
			if (n != 5 || memcmp(str, "_type", 5) != 0)
				continue;
			for (i = j + 1; i < len && isspace((unsigned char)s[i]); i++)
				;
			if (i < len && s[i] == '"' && scan_string(s, len, &i, &str, &n) && n < sizeof(t->type))
				memcpy(t->type, str, n);
			return;
		}
		if (ch == '{' || ch == '[')
			depth++;
		else if (ch == '}' || ch == ']')
			depth--;
		want_key = depth == 1 && (ch == '{' || ch == ',') ? true : (ch == ':' ? false : want_key);
		i++;
	}
}

static bool named(const char *doc_name, const char *name)
{
	size_t n;
	const char *base = document_base_name(doc_name, &n);
	return n == strlen(name) && memcmp(base, name, n) == 0;
}

/* Is an object document Features.json? Then it is parsed (a broken one is
 * an error, not a fall-back to the embedded copy). Else *kind says how the
 * file, never parsed, is counted. */
static bool is_features(const struct document *doc, size_t start, enum page_kind *kind)
{
	struct top_level t;
	scan_top_level(doc->data, doc->len, start, &t);
	if (t.type[0]) {
		*kind = str_starts_with(t.type, "Instruction.") ? PAGE_JSON_INSTRUCTIONS : PAGE_JSON_OTHER;
		return strcmp(t.type, "Features") == 0;
	}
	if (t.schema) { /* schema/Features.json describes Features.json */
		*kind = PAGE_JSON_SCHEMA;
		return false;
	}
	*kind = named(doc->name, "Instructions.json") ? PAGE_JSON_INSTRUCTIONS : PAGE_JSON_OTHER;
	return named(doc->name, "Features.json");
}

static void read_features_document(struct jctx *c, const struct document *doc, size_t start)
{
	json_error_t e;
	struct arena dom = {0};
	json_t *j = parse_document(c, doc, start, &dom, &e);
	if (!j) {
		if (!c->failed) /* else a limit was reported */
			syntax_error(c, &e, 1, 1);
	} else if (json_is_object(j) && strcmp(type_of(j), "Features") == 0)
		read_features(c, j);
	else
		jerror(c, "expected Features.json (an object whose _type is \"Features\")");
	arena_free(&dom);
}

bool json_load_document(struct model *m, const struct document *doc, const struct load_options *o, struct diag *d)
{
	struct jctx c = {m, d, o, arena_strdup(&m->arena, doc->name), 0, NULL, 0, 0, 0, false, 0};
	unsigned errors_before = d->errors;
	m->files_read++;
	/* before jansson allocates anything, and before threads parse */
	json_set_alloc_funcs(parse_malloc_plain, parse_free_plain);
	json_object_seed(0);
	size_t i = 0;
	if (doc->len >= 3 && memcmp(doc->data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < doc->len && isspace((unsigned char)doc->data[i]))
		i++;
	if (i < doc->len && doc->data[i] == '[') {
		m->format = "json";
		read_registers_array(&c, doc->data, doc->len, i);
	} else {
		enum page_kind k;
		if (is_features(doc, i, &k)) {
			read_features_document(&c, doc, i);
		} else {
			m->pages[k]++;
			if (k == PAGE_JSON_OTHER && o->read.strict)
				jerror(&c, "a JSON document that is neither Registers.json nor Features.json (--strict)");
		}
	}
	free(c.path);
	return d->errors == errors_before;
}
