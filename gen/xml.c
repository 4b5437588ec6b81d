// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* XML front end: Arm's System Register XML (one page per register).
 *
 * A page is parsed into a libxml2 tree with network access off and no DTD
 * or entity loading, then read into the model and freed. Pages are told apart
 * by their root element. Descriptive text (para, note, pseudocode, tables) is
 * skipped whole, so Arm's full releases and the facts-only extracts load to
 * the same model; other unknown elements are counted (errors with --strict).
 */
#include <pthread.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include "frontend.h"
#include "parse_alloc.h"

struct page {
	struct model *m;
	struct diag *d;
	const struct load_options *opt;
	const char *file; /* in the model's arena */
	bool failed;
	unsigned long long digest; /* of the page's bytes */
};

static struct srcloc node_loc(const struct page *p, const xmlNode *n)
{
	struct srcloc loc = {p->file, n ? (int)xmlGetLineNo(n) : 0, 0};
	return loc;
}

PRINTF_LIKE(3, 4)
static void page_error(struct page *p, const xmlNode *n, const char *fmt, ...)
{
	struct srcloc loc = node_loc(p, n);
	va_list ap;
	p->d->errors++;
	p->failed = true;
	va_start(ap, fmt);
	diag_verror(p->d, &loc, "error", fmt, ap);
	va_end(ap);
}

static bool is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/* Text of an element with white space normalized, in the model's arena;
 * NULL when the element is absent or empty. An entity reference is an error:
 * pages never need one and we never expand them. */
/* The length text_of() would collect, counted before anything is copied:
 * a 250 MB text node is refused without a second copy of it. */
static size_t text_length(const xmlNode *n)
{
	size_t len = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			len += strlen((const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE)
			len += text_length(c);
	}
	return len;
}

static const char *text_of(struct page *p, const xmlNode *n)
{
	if (!n)
		return NULL;
	size_t len = text_length(n);
	if (len > p->opt->max_string) {
		page_error(p, n, "text of <%s> is %zu bytes, over the limit of %zu (--max-string)", (const char *)n->name,
			   len, p->opt->max_string);
		return NULL;
	}
	struct strbuf b = {0};
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				sb_add(&b, (const char *)c->content);
		} else if (c->type == XML_ENTITY_REF_NODE) {
			page_error(p, c, "entity reference &%s; in <%s>: entities are never expanded", (const char *)c->name,
				   (const char *)n->name);
		} else if (c->type == XML_ELEMENT_NODE) {
			/* inline markup inside a leaf (e.g. <hexnumber> in <reg_offset>) */
			const char *inner = text_of(p, c);
			if (inner)
				sb_add(&b, inner);
		}
	}
	const char *r = NULL;
	if (b.len > p->opt->max_string) {
		page_error(p, n, "text of <%s> is %zu bytes, over the limit of %zu (--max-string)", (const char *)n->name,
			   b.len, p->opt->max_string);
	} else if (b.s) {
		normalize_space(b.s);
		if (*b.s)
			r = arena_strdup(&p->m->arena, b.s);
	}
	sb_free(&b);
	return r;
}

static const char *child_text(struct page *p, const xmlNode *n, const char *name)
{
	return text_of(p, child(n, name));
}

static const char *attr(struct page *p, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	if (strlen((const char *)v) > p->opt->max_string) {
		page_error(p, n, "attribute %s is %zu bytes, over the limit of %zu (--max-string)", name,
			   strlen((const char *)v), p->opt->max_string);
		xmlFree(v);
		return NULL;
	}
	char *s = arena_strdup(&p->m->arena, (const char *)v);
	xmlFree(v);
	normalize_space(s);
	return s;
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* A required integer child such as <field_msb>. */
static bool child_int(struct page *p, const xmlNode *n, const char *name, long lo, long hi, long *out)
{
	const xmlNode *c = child(n, name);
	const char *t = text_of(p, c);
	if (!c) {
		page_error(p, n, "<%s> has no <%s>", (const char *)n->name, name);
		return false;
	}
	if (!parse_int(t, lo, hi, out)) {
		page_error(p, c, "<%s>: expected a number from %ld to %ld, got '%s'", name, lo, hi, t ? t : "");
		return false;
	}
	return true;
}

/* ---- elements we know ---- */

/* Every element of Arm's register-page structure. TEXT ones hold prose or
 * pseudocode (emptied in the facts-only extracts, full in Arm's releases):
 * skipped whole, never looked into. Sorted for bsearch. */
enum elem_kind { ELEM_STRUCT, ELEM_TEXT };
struct known_elem {
	const char *name;
	enum elem_kind kind;
};
static const struct known_elem known_elems[] = {
	{"acc_array", ELEM_STRUCT}, {"acc_array_range", ELEM_STRUCT}, {"access_condition", ELEM_STRUCT},
	{"access_header", ELEM_TEXT}, {"access_instruction", ELEM_STRUCT}, {"access_mechanism", ELEM_STRUCT},
	{"access_mechanisms", ELEM_STRUCT}, {"access_permission", ELEM_TEXT}, {"access_permission_text", ELEM_TEXT},
	{"access_syntax", ELEM_STRUCT}, {"access_type", ELEM_STRUCT}, {"accessor_condition", ELEM_STRUCT},
	{"arch_variant", ELEM_STRUCT}, {"arch_variants", ELEM_STRUCT}, {"arm-defined-word", ELEM_TEXT},
	{"attributes_text", ELEM_TEXT}, {"bank_text", ELEM_TEXT}, {"block_access", ELEM_STRUCT},
	{"block_condition", ELEM_STRUCT}, {"block_link", ELEM_STRUCT}, {"block_offset", ELEM_STRUCT},
	{"block_type", ELEM_STRUCT}, {"condition", ELEM_STRUCT}, {"configuration_text", ELEM_TEXT},
	{"enc", ELEM_STRUCT}, {"encoding", ELEM_STRUCT}, {"field", ELEM_STRUCT},
	{"field_access", ELEM_STRUCT}, {"field_access_level", ELEM_STRUCT}, {"field_access_state", ELEM_STRUCT},
	{"field_access_sublevel", ELEM_STRUCT}, {"field_access_type", ELEM_STRUCT}, {"field_array_end", ELEM_STRUCT},
	{"field_array_index", ELEM_STRUCT}, {"field_array_indexes", ELEM_STRUCT}, {"field_array_start", ELEM_STRUCT},
	{"field_description", ELEM_TEXT}, {"field_lsb", ELEM_STRUCT}, {"field_msb", ELEM_STRUCT},
	{"field_name", ELEM_STRUCT}, {"field_rangeset", ELEM_STRUCT}, {"field_rangesets", ELEM_STRUCT},
	{"field_reset", ELEM_STRUCT}, {"field_reset_condition", ELEM_STRUCT}, {"field_reset_conditions", ELEM_STRUCT},
	{"field_reset_expression", ELEM_TEXT}, {"field_reset_number", ELEM_STRUCT}, {"field_reset_other_field", ELEM_STRUCT},
	{"field_reset_other_field_fieldname", ELEM_STRUCT}, {"field_reset_other_field_regname", ELEM_STRUCT}, {"field_reset_special_text", ELEM_TEXT},
	{"field_reset_standard_text", ELEM_STRUCT}, {"field_resets", ELEM_STRUCT}, {"field_shortdesc", ELEM_TEXT},
	{"field_value", ELEM_STRUCT}, {"field_value_condition", ELEM_STRUCT}, {"field_value_description", ELEM_TEXT},
	{"field_value_instance", ELEM_STRUCT}, {"field_value_links_to", ELEM_STRUCT}, {"field_value_name", ELEM_STRUCT},
	{"field_values", ELEM_STRUCT}, {"fieldat", ELEM_STRUCT}, {"fields", ELEM_STRUCT},
	{"fields_condition", ELEM_STRUCT}, {"fields_instance", ELEM_STRUCT}, {"hexnumber", ELEM_STRUCT},
	{"implemented_el", ELEM_STRUCT}, {"implemented_els", ELEM_STRUCT}, {"lsb", ELEM_STRUCT},
	{"mapped_execution_state", ELEM_STRUCT}, {"mapped_from_endbit", ELEM_STRUCT}, {"mapped_from_rangeset", ELEM_STRUCT},
	{"mapped_from_sec_state", ELEM_STRUCT}, {"mapped_from_startbit", ELEM_STRUCT}, {"mapped_name", ELEM_STRUCT},
	{"mapped_to_condition", ELEM_STRUCT}, {"mapped_to_endbit", ELEM_STRUCT}, {"mapped_to_rangeset", ELEM_STRUCT},
	{"mapped_to_sec_state", ELEM_STRUCT}, {"mapped_to_startbit", ELEM_STRUCT}, {"mapped_type", ELEM_STRUCT},
	{"msb", ELEM_STRUCT}, {"note", ELEM_TEXT}, {"para", ELEM_TEXT},
	{"partial_fieldset", ELEM_STRUCT}, {"power_domain_text", ELEM_TEXT}, {"ps", ELEM_TEXT},
	{"pstext", ELEM_TEXT}, {"purpose_text", ELEM_TEXT}, {"range", ELEM_STRUCT},
	{"rangeset", ELEM_STRUCT}, {"reg_access", ELEM_STRUCT}, {"reg_access_level", ELEM_STRUCT},
	{"reg_access_state", ELEM_STRUCT}, {"reg_access_type", ELEM_STRUCT}, {"reg_address", ELEM_STRUCT},
	{"reg_array", ELEM_STRUCT}, {"reg_array_end", ELEM_STRUCT}, {"reg_array_start", ELEM_STRUCT},
	{"reg_attributes", ELEM_STRUCT}, {"reg_bank", ELEM_STRUCT}, {"reg_banking", ELEM_STRUCT},
	{"reg_component", ELEM_STRUCT}, {"reg_condition", ELEM_STRUCT}, {"reg_configuration", ELEM_STRUCT},
	{"reg_fieldset", ELEM_STRUCT}, {"reg_fieldsets", ELEM_STRUCT}, {"reg_frame", ELEM_STRUCT},
	{"reg_group", ELEM_STRUCT}, {"reg_groups", ELEM_STRUCT}, {"reg_instance", ELEM_STRUCT},
	{"reg_long_name", ELEM_STRUCT}, {"reg_mapping", ELEM_STRUCT}, {"reg_mappings", ELEM_STRUCT},
	{"reg_offset", ELEM_STRUCT}, {"reg_parent_link", ELEM_STRUCT}, {"reg_purpose", ELEM_STRUCT},
	{"reg_reset_limited_to_el", ELEM_STRUCT}, {"reg_reset_special_text", ELEM_TEXT}, {"reg_reset_value", ELEM_STRUCT},
	{"reg_short_name", ELEM_STRUCT}, {"reg_variable", ELEM_STRUCT}, {"reg_variables", ELEM_STRUCT},
	{"register", ELEM_STRUCT}, {"register_page", ELEM_STRUCT}, {"registers", ELEM_STRUCT},
	{"rel_range", ELEM_STRUCT}, {"table", ELEM_TEXT}, {"text_after_fields", ELEM_TEXT},
	{"text_before_fields", ELEM_TEXT}, {"timestamp", ELEM_STRUCT},
};

static int cmp_known(const void *key, const void *elem)
{
	return strcmp(key, ((const struct known_elem *)elem)->name);
}

static const struct known_elem *known_elem(const char *name)
{
	return bsearch(name, known_elems, ARRAY_LEN(known_elems), sizeof(known_elems[0]), cmp_known);
}

/* Count (or, with --strict, reject) elements this front end does not know,
 * outside prose. Bounded by max_depth: a deeper page is an error. */
static void check_elements(struct page *p, const xmlNode *n, unsigned depth)
{
	if (depth > p->opt->max_depth) {
		page_error(p, n, "elements nested deeper than %u levels", p->opt->max_depth);
		return;
	}
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const struct known_elem *k = known_elem((const char *)c->name);
		if (!k) {
			if (p->opt->read.strict)
				page_error(p, c, "unknown element <%s> inside <%s> (--strict)", (const char *)c->name,
					   (const char *)n->name);
			else
				model_count_skip(p->m, "unknown XML elements");
			continue;
		}
		if (k->kind == ELEM_STRUCT)
			check_elements(p, c, depth + 1);
	}
}

/* Conditions are kept as written and as a tree (cond.c parses the prose). */
static const struct cond *parse_condition(struct page *p, const char *text)
{
	return text ? cond_parse_text(&p->m->arena, text, p->opt->max_depth) : NULL;
}

/* ---- fields ---- */

static void add_range(struct field *f, long msb, long lsb, size_t *cap)
{
	struct bit_range *r = VEC_PUSH(f->ranges, f->n_ranges, *cap);
	r->msb = (int)msb;
	r->lsb = (int)lsb;
}

static bool read_range(struct page *p, const xmlNode *n, int width, long *msb, long *lsb)
{
	if (!child_int(p, n, "field_msb", 0, width - 1, msb) || !child_int(p, n, "field_lsb", 0, width - 1, lsb))
		return false;
	if (*msb < *lsb) {
		page_error(p, n, "field range %ld:%ld: msb is below lsb", *msb, *lsb);
		return false;
	}
	return true;
}

/* Pages write some values in hex (0x10, 0x00..0x10); the model keeps every
 * value in binary padded to the field's width, as Arm's JSON schema does. */
static const char *hex_to_binary(struct page *p, const char *hex, size_t len, int width)
{
	char digits[160];
	unsigned long long v = strtoull(hex, NULL, 16);
	if (width <= 0 || width > 64 || len == 0 || (width < 64 && v >> width))
		return NULL;
	for (int i = 0; i < width; i++)
		digits[i] = (char)('0' + ((v >> (width - 1 - i)) & 1));
	digits[width] = '\0';
	return arena_printf(&p->m->arena, "0b%s", digits);
}

static const char *field_value_binary(struct page *p, const char *v, int width)
{
	if (!str_starts_with(v, "0x"))
		return v;
	const char *dots = strstr(v, "..");
	size_t first_len = dots ? (size_t)(dots - v) : strlen(v);
	if (strspn(v + 2, "0123456789abcdefABCDEF") != first_len - 2)
		return v;
	const char *lo = hex_to_binary(p, v + 2, first_len - 2, width);
	if (!dots)
		return lo ? lo : v;
	if (!str_starts_with(dots + 2, "0x") || strspn(dots + 4, "0123456789abcdefABCDEF") != strlen(dots + 4))
		return v;
	const char *hi = hex_to_binary(p, dots + 4, strlen(dots + 4), width);
	return lo && hi ? arena_printf(&p->m->arena, "%s..%s", lo, hi) : v;
}

/* <field_array_indexes index_variable="n" range_specifier="3(n-1)+2:3(n-1)">
 * with one or more <field_array_index> start/end pairs (CLIDR_EL1's
 * Ctype<n>, n from 7 to 1): every element's bits. */
static void read_field_array(struct page *p, struct field *f, const xmlNode *n)
{
	const char *var = attr(p, n, "index_variable"), *spec = attr(p, n, "range_specifier"), *why = NULL;
	if (!var || !spec) {
		page_error(p, n, "<field_array_indexes> needs index_variable and range_specifier");
		return;
	}
	size_t cap = 0;
	for (const xmlNode *c = n->children; c && !why; c = c->next) {
		long first, last;
		if (!is_elem(c, "field_array_index"))
			continue;
		if (!child_int(p, c, "field_array_start", 0, 255, &first) || !child_int(p, c, "field_array_end", 0, 255, &last))
			return;
		long step = first <= last ? 1 : -1;
		for (long i = first;; i += step) {
			if (f->n_elements >= 256) {
				why = "more than 256 elements";
				break;
			}
			struct field_element *e = VEC_PUSH(f->elements, f->n_elements, cap);
			e->index = i;
			if (!field_range_eval(spec, var, i, &e->msb, &e->lsb, &why) || i == last)
				break;
		}
	}
	if (!why && f->n_elements == 0)
		why = "no <field_array_index>";
	if (!why)
		field_elements_place(f, &why);
	if (why) {
		page_error(p, n, "array of fields %s: %s (range_specifier '%s')", f->name ? f->name : "", why, spec);
		return;
	}
	f->array_var = var;
}

static void read_field(struct page *p, struct fieldset *fs, const xmlNode *n, size_t *cap_fields)
{
	/* TTBR0_EL1's 128-bit layout lists BADDR once as the split field
	 * (87:80, 47:5) and again as "BADDR[42:0]" marked is_expansion: the
	 * second is a view of the first, not another field. */
	xmlChar *expansion = xmlGetProp(n, (const xmlChar *)"is_expansion");
	bool is_expansion = expansion && strcmp((const char *)expansion, "True") == 0;
	xmlFree(expansion);
	if (is_expansion) {
		model_count_skip(p->m, "field expansions of split fields");
		return;
	}
	long msb, lsb;
	if (!read_range(p, n, fs->width, &msb, &lsb))
		return;
	if (fs->n_fields >= p->opt->max_fields) {
		page_error(p, n, "more than %zu fields in one fieldset (--max-fields)", p->opt->max_fields);
		return;
	}
	struct field *f = VEC_PUSH(fs->fields, fs->n_fields, *cap_fields);
	f->loc = node_loc(p, n);
	f->name = child_text(p, n, "field_name");
	f->rwtype = attr(p, n, "rwtype");
	f->reserved_type = attr(p, n, "reserved_type");
	f->condition = child_text(p, n, "fields_condition");
	f->cond = parse_condition(p, f->condition);
	const char *constant = attr(p, n, "is_constant_value");
	f->is_constant = constant && strcmp(constant, "True") == 0;
	size_t cap_ranges = 0, cap_values = 0;
	const xmlNode *sets = child(n, "field_rangesets");
	if (sets) {
		for (const xmlNode *c = sets->children; c; c = c->next) {
			long hi, lo;
			if (is_elem(c, "field_rangeset") && read_range(p, c, fs->width, &hi, &lo))
				add_range(f, hi, lo, &cap_ranges);
		}
	}
	if (f->n_ranges == 0)
		add_range(f, msb, lsb, &cap_ranges);
	const xmlNode *array = child(n, "field_array_indexes");
	if (array)
		read_field_array(p, f, array);
	const xmlNode *values = child(n, "field_values");
	int width = 0;
	for (size_t i = 0; i < f->n_ranges; i++)
		width += f->ranges[i].msb - f->ranges[i].lsb + 1;
	if (values) {
		for (const xmlNode *c = values->children; c; c = c->next) {
			if (!is_elem(c, "field_value_instance"))
				continue;
			const char *v = child_text(p, c, "field_value");
			const char *bits = v ? field_value_binary(p, v, width) : NULL;
			if (bits && field_value_valid(bits)) {
				*(const char **)VEC_PUSH(f->values, f->n_values, cap_values) = bits;
			} else if (bits) {
				struct strbuf shown = {0};
				sb_add_shown(&shown, v, 80);
				page_error(p, c, "field %s: value '%s' is not bits (expected 0b and 0, 1 or x digits, a range of such, or hex that fits %d bits)",
					   f->name ? f->name : "(reserved)", shown.s, width);
				sb_free(&shown);
			}
		}
	}
}

static void read_fieldset(struct page *p, struct reg *r, const xmlNode *n, size_t *cap)
{
	const char *len = attr(p, n, "length");
	long width;
	if (!parse_int(len, 1, 128, &width)) {
		page_error(p, n, "<fields length=\"%s\">: expected a width from 1 to 128", len ? len : "");
		return;
	}
	struct fieldset *fs = VEC_PUSH(r->fieldsets, r->n_fieldsets, *cap);
	fs->width = (int)width;
	fs->loc = node_loc(p, n);
	fs->condition = child_text(p, n, "fields_condition");
	fs->cond = parse_condition(p, fs->condition);
	size_t cap_fields = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, "field"))
			read_field(p, fs, c, &cap_fields);
}

/* ---- accessors ---- */

/* The accessor becomes an array only once all of it was read. */
static bool read_acc_array(struct page *p, struct accessor *a, const xmlNode *arr)
{
	const char *var = attr(p, arr, "var");
	const xmlNode *range_node = child(arr, "acc_array_range");
	const char *range = text_of(p, range_node);
	char *end;
	if (!var || !range) {
		page_error(p, arr, "<acc_array> needs a var attribute and an <acc_array_range> such as 0-15");
		return false;
	}
	long lo = strtol(range, &end, 10), hi;
	if (end == range || *end != '-' || !parse_int(end + 1, lo, 1 << 20, &hi) || lo < 0) {
		page_error(p, range_node, "<acc_array_range>: expected a range such as 0-15, got '%s'", range);
		return false;
	}
	a->is_array = true;
	a->array_var = var;
	a->array_lo = (int)lo;
	a->array_hi = (int)hi;
	return true;
}

static void read_encoding(struct page *p, struct accessor *a, const xmlNode *enc_node)
{
	size_t cap = 0;
	for (const xmlNode *c = enc_node->children; c; c = c->next) {
		if (is_elem(c, "acc_array")) {
			read_acc_array(p, a, c);
			continue;
		}
		if (!is_elem(c, "enc"))
			continue;
		const char *name = attr(p, c, "n"), *value = attr(p, c, "v");
		if (!name || !value) {
			page_error(p, c, "<enc> needs attributes n and v");
			continue;
		}
		/* the value's grammar is checks.c's encoding-values */
		struct enc_field *e = VEC_PUSH(a->enc, a->n_enc, cap);
		e->name = name;
		e->value = value;
		e->line = node_loc(p, c).line;
	}
}

static void read_accessor(struct page *p, struct reg *r, const xmlNode *n, size_t *cap)
{
	const char *type = attr(p, n, "type");
	const char *spelled = attr(p, n, "accessor");
	if (type && strcmp(type, "BlockAccessAbstract") == 0) {
		/* memory-mapped access through the PMU/AMU block: no encoding */
		p->m->acc_by_kind[ACC_BLOCK]++;
		model_count_skip(p->m, "memory-mapped block accessors");
		return;
	}
	if (!type || strcmp(type, "SystemAccessor") != 0) {
		if (p->opt->read.strict)
			page_error(p, n, "accessor type '%s' is not known (--strict)", type ? type : "");
		else
			model_count_skip(p->m, "accessors of unknown type");
		return;
	}
	if (!spelled) {
		page_error(p, n, "<access_mechanism> has no accessor attribute (expected e.g. \"MRS TTBR0_EL1\")");
		return;
	}
	/* "MRS TTBR0_EL1": instruction and name; "GCSSS1", "APAS": an
	 * instruction that names nothing else */
	const char *space = strchr(spelled, ' ');
	struct accessor *a = VEC_PUSH(r->accessors, r->n_accessors, *cap);
	a->loc = node_loc(p, n);
	a->kind_name = space ? arena_strndup(&p->m->arena, spelled, (size_t)(space - spelled)) : spelled;
	a->name = space ? space + 1 : spelled;
	const struct acc_kind_info *k = acc_kind_lookup(a->kind_name);
	a->kind = k ? k->kind : ACC_OTHER;
	p->m->acc_by_kind[a->kind]++;
	a->condition = child_text(p, n, "access_condition");
	a->cond = parse_condition(p, a->condition);
	const xmlNode *enc = child(n, "encoding");
	if (enc)
		read_encoding(p, a, enc);
	if (a->n_enc == 0)
		page_error(p, n, "accessor \"%s\" has no encoding (expected <encoding> with <enc n=... v=...>)", spelled);
}

/* ---- registers ---- */

static enum reg_state page_state(struct page *p, const xmlNode *reg)
{
	xmlChar *es = xmlGetProp(reg, (const xmlChar *)"execution_state");
	enum reg_state st;
	if (es && strcmp((const char *)es, "AArch64") == 0)
		st = STATE_AARCH64;
	else if (es && strcmp((const char *)es, "AArch32") == 0)
		st = STATE_AARCH32;
	else if (child(reg, "reg_parent_link")) /* PMU and AMU pages point at their block */
		st = STATE_MMAP;
	else
		st = STATE_EXT;
	if (es && st != STATE_AARCH64 && st != STATE_AARCH32)
		page_error(p, reg, "execution_state=\"%s\": expected AArch64 or AArch32", (const char *)es);
	xmlFree(es);
	return st;
}

static void read_address(struct page *p, struct reg *r, const xmlNode *reg)
{
	const xmlNode *addr = child(reg, "reg_address");
	if (!addr)
		return;
	r->frame = child_text(p, addr, "reg_component");
	if (!r->frame)
		r->frame = child_text(p, addr, "reg_frame");
	r->offset = child_text(p, addr, "reg_offset");
	/* the unconditional access type is the state without a level */
	const xmlNode *access = child(addr, "reg_access");
	for (const xmlNode *c = access ? access->children : NULL; c; c = c->next)
		if (is_elem(c, "reg_access_state") && !child(c, "reg_access_level"))
			r->mm_access = child_text(p, c, "reg_access_type");
}

static void read_register(struct page *p, const xmlNode *n)
{
	const xmlNode *name_node = child(n, "reg_short_name");
	const char *name = text_of(p, name_node);
	if (p->m->n_regs >= p->opt->max_registers) {
		page_error(p, n, "more than %zu registers (--max-registers)", p->opt->max_registers);
		return;
	}
	if (!name) {
		if (!p->failed) /* not after text_of reported why */
			page_error(p, name_node ? name_node : n, "register has no name (expected <reg_short_name>)");
		return;
	}
	struct reg *r = model_add_reg(p->m);
	r->loc = node_loc(p, n);
	r->source_digest = p->digest;
	r->name = name;
	r->long_name = child_text(p, n, "reg_long_name");
	r->state = page_state(p, n);
	const char *is_register = attr(p, n, "is_register");
	r->is_register = !is_register || strcmp(is_register, "False") != 0;
	r->condition = child_text(p, n, "reg_condition");
	r->cond = parse_condition(p, r->condition);
	const xmlNode *arr = child(n, "reg_array");
	if (arr) {
		long lo, hi;
		if (child_int(p, arr, "reg_array_start", 0, INT_MAX, &lo) &&
		    child_int(p, arr, "reg_array_end", lo, INT_MAX, &hi)) {
			r->is_array = true;
			r->array_lo = (int)lo;
			r->array_hi = (int)hi;
			r->array_var = "n";
			const xmlNode *vars = child(n, "reg_variables");
			const xmlNode *var = vars ? child(vars, "reg_variable") : NULL;
			const char *v = var ? attr(p, var, "variable") : NULL;
			if (v)
				r->array_var = v;
		}
	}
	read_address(p, r, n);
	size_t cap = 0;
	const xmlNode *sets = child(n, "reg_fieldsets");
	for (const xmlNode *c = sets ? sets->children : NULL; c; c = c->next) {
		if (is_elem(c, "fields"))
			read_fieldset(p, r, c, &cap);
		/* <reg_fieldset> repeats the layout as a drawing (<fieldat>): nothing new */
	}
	cap = 0;
	const xmlNode *accs = child(n, "access_mechanisms");
	for (const xmlNode *c = accs ? accs->children : NULL; c; c = c->next)
		if (is_elem(c, "access_mechanism"))
			read_accessor(p, r, c, &cap);
	enum page_kind kinds[STATE_COUNT] = {PAGE_AARCH64, PAGE_AARCH32, PAGE_EXT, PAGE_MMAP};
	p->m->pages[kinds[r->state]]++;
}

/* "21/03/2025 17:53; 154105dd..." as "2025/03/21 17:53" for comparing */
static void timestamp_key(const char *t, char key[17])
{
	snprintf(key, 17, "%.4s/%.2s/%.2s %.5s", t + 6, t + 3, t, t + 11);
}

/* The release's timestamp is its latest page's: the same whatever order
 * the pages are read in. */
static void note_timestamp(struct page *p, const char *t)
{
	if (!t || strlen(t) < 16)
		return;
	char mine[17], theirs[17];
	timestamp_key(t, mine);
	if (p->m->release_timestamp)
		timestamp_key(p->m->release_timestamp, theirs);
	if (!p->m->release_timestamp || strcmp(mine, theirs) > 0)
		p->m->release_timestamp = t;
}

static void read_register_page(struct page *p, const xmlNode *root)
{
	const xmlNode *regs = child(root, "registers");
	size_t before = p->m->n_regs;
	for (const xmlNode *c = regs ? regs->children : NULL; c; c = c->next)
		if (is_elem(c, "register"))
			read_register(p, c);
	if (p->m->n_regs == before && !p->failed)
		page_error(p, root, "register page without a register (expected <registers><register>)");
	note_timestamp(p, child_text(p, root, "timestamp"));
}

/* ---- the document ---- */

/* Arm's pages say <!DOCTYPE register_page SYSTEM "registers.dtd"> and its
 * notice <!DOCTYPE textsection PUBLIC "-//ARM//DTD textsection //EN"
 * "registers.dtd">; rendered pages name a DTD by URL. A DOCTYPE is only a
 * declaration here: whatever it names (a local file, a URL) is never opened
 * (the parser is not asked to, and the entity loader refuses all). An
 * entity declared in its internal subset stops the parser at the
 * declaration (refuse_entity_declaration, a SAX hook): libxml2 builds an
 * entity's content when it is first referenced even without
 * XML_PARSE_NOENT, so ten nested definitions used once grew to 24 GB before
 * any check after the parse could see them. */
static void report_parse_error(struct page *p, xmlParserCtxt *ctxt)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);
	/* libxml2 keeps the column of a parser error in int2 */
	struct srcloc loc = {p->file, e ? e->line : 0, e ? e->int2 : 0};
	char msg[512] = "not well-formed XML";
	if (e && e->message) {
		snprintf(msg, sizeof(msg), "%s", e->message);
		normalize_space(msg);
	}
	diag_error(p->d, &loc, "malformed XML: %s", msg);
	p->failed = true;
}

/* A page parsed into a tree, not yet read into the model. The tree, the
 * parser and everything libxml2 allocated for them live in the page's
 * arena (parse_alloc.h) and are dropped with it. */
struct xml_parsed {
	struct arena arena;
	struct parse_charge charge; /* the arena's bytes, in the load's budget */
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	bool too_large;
	unsigned long long digest; /* of the page's bytes, on the parsing thread */
	char refused[192]; /* why the parse was stopped before the page was read (a SAX hook), or "" */
	int refused_line;
	unsigned declarations; /* in the DOCTYPE's internal subset */
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* libxml2 prints some problems (an encoding it cannot convert) on its own
 * generic channel, whatever the parser options: they are dropped here, and
 * the page's error comes through the one diagnostics path. */
static void ignore_generic_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* Everything libxml2 would load from outside the page (a DTD, an external
 * entity) comes through here, and nothing does: the page is all we read. */
static xmlParserInputPtr refuse_external_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void xml_setup(void)
{
	/* before any other libxml2 call, so that every block it allocates
	 * comes through the hooks (their header says how to free it) */
	xmlMemSetup(parse_free, parse_malloc, parse_realloc, parse_strdup);
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_external_entity);
	xmlSetGenericErrorFunc(NULL, ignore_generic_error);      /* this thread */
	xmlThrDefSetGenericErrorFunc(NULL, ignore_generic_error); /* the others */
	/* libxml2's own clean-up at exit skips a program with its own
	 * allocator: do it here, so that nothing is left allocated */
	atexit(xmlCleanupParser);
}

void xml_init(void)
{
	pthread_once(&xml_once, xml_setup);
}

/* libxml2 goes on after a fatal error, reporting every later one: a page
 * whose tags stop matching early raised one per line, each kept in the
 * page's arena (1.4 GB for a 500 KB page; found by fuzz_archive, the input
 * is in tests/corpus/archive). The first error is the one reported: stop
 * there. */
static void stop_at_first_error(void *ctx, xmlErrorPtr e)
{
	if (e && e->level >= XML_ERR_ERROR)
		xmlStopParser(ctx);
}

/* Stop the parse where it is, saying why (the first reason is kept). */
PRINTF_LIKE(2, 3)
static void refuse_page(xmlParserCtxt *ctxt, const char *fmt, ...)
{
	struct xml_parsed *x = ctxt->_private;
	if (!x->refused[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(x->refused, sizeof(x->refused), fmt, ap);
		va_end(ap);
		x->refused_line = ctxt->input ? ctxt->input->line : 0;
	}
	xmlStopParser(ctxt);
}

static void refuse_entity(xmlParserCtxt *ctxt, const xmlChar *name)
{
	struct strbuf shown = {0};
	sb_add_shown(&shown, name ? (const char *)name : "?", 64);
	refuse_page(ctxt, "DOCTYPE declares entity '%s': entities are never loaded or expanded (refused before the page was read further)",
		    shown.s ? shown.s : "");
	sb_free(&shown);
}

/* SAX hooks for <!ENTITY ...>, general or parameter, internal, external
 * or unparsed (NDATA): called as soon as the declaration is read, before
 * anything could reference it; the parse stops there. */
static void refuse_entity_declaration(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
				      const xmlChar *system_id, xmlChar *content)
{
	(void)type, (void)public_id, (void)system_id, (void)content;
	refuse_entity(ctx, name);
}

static void refuse_unparsed_entity(void *ctx, const xmlChar *name, const xmlChar *public_id, const xmlChar *system_id,
				   const xmlChar *notation)
{
	(void)public_id, (void)system_id, (void)notation;
	refuse_entity(ctx, name);
}

/* The other declarations of an internal subset (ELEMENT, ATTLIST,
 * NOTATION) are counted and never built into a DTD, which nothing reads:
 * libxml2 2.9 adds each ATTLIST in time linear in those before it
 * (200,000 took 39 s). Arm's pages declare none. */
enum { MAX_DECLARATIONS = 1000 };

static void count_declaration(xmlParserCtxt *ctxt)
{
	struct xml_parsed *x = ctxt->_private;
	if (++x->declarations > MAX_DECLARATIONS)
		refuse_page(ctxt, "DOCTYPE with more than %d declarations: refused", MAX_DECLARATIONS);
}

static void count_element_declaration(void *ctx, const xmlChar *name, int type, xmlElementContentPtr content)
{
	(void)name, (void)type, (void)content;
	count_declaration(ctx);
}

static void count_attribute_declaration(void *ctx, const xmlChar *elem, const xmlChar *name, int type, int def,
					const xmlChar *value, xmlEnumerationPtr tree)
{
	(void)elem, (void)name, (void)type, (void)def, (void)value;
	xmlFreeEnumeration(tree); /* the handler owns it */
	count_declaration(ctx);
}

static void count_notation_declaration(void *ctx, const xmlChar *name, const xmlChar *public_id,
				       const xmlChar *system_id)
{
	(void)name, (void)public_id, (void)system_id;
	count_declaration(ctx);
}

/* The most attributes one start tag holds, counted in the page's bytes
 * before libxml2 parses them: libxml2 2.9 looks for a repeated attribute
 * and appends each to the tree in time linear in those before it (one
 * element with 200,000 took two minutes). Comments, CDATA sections,
 * processing instructions and declarations are skipped as XML ends them,
 * quoted literals included, so no tag can hide inside one. Arm's
 * elements have at most a handful. */
enum { MAX_ATTRIBUTES = 256 };

static const char *past(const char *p, const char *end, const char *token)
{
	size_t n = strlen(token);
	for (; p + n <= end; p++)
		if (memcmp(p, token, n) == 0)
			return p + n;
	return end;
}

/* From inside a tag or declaration to past its '>' (quoted literals
 * skipped), counting '=' outside quotes; a DOCTYPE's internal subset
 * ('[') is left to the caller, whose loop reads its declarations. */
static const char *past_tag(const char *p, const char *end, size_t *equals)
{
	*equals = 0;
	for (; p < end; p++) {
		if (*p == '"' || *p == '\'') {
			const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
			p = q ? q : end - 1;
		} else if (*p == '=') {
			(*equals)++;
		} else if (*p == '>' || *p == '[') {
			return p + 1;
		}
	}
	return end;
}

static size_t most_attributes(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	size_t most = 0, equals;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p++;
		if (end - p >= 3 && memcmp(p, "!--", 3) == 0)
			p = past(p + 3, end, "-->");
		else if (end - p >= 8 && memcmp(p, "![CDATA[", 8) == 0)
			p = past(p + 8, end, "]]>");
		else if (p < end && *p == '?')
			p = past(p + 1, end, "?>");
		else if (p < end && *p == '!')
			p = past_tag(p + 1, end, &equals); /* a declaration: not an element's attributes */
		else {
			p = past_tag(p, end, &equals); /* a start tag: each attribute has its '=' */
			most = equals > most ? equals : most;
		}
	}
	return most;
}

/* Touches no model and no diagnostics: any thread. */
struct xml_parsed *xml_parse(const struct document *doc, struct parse_budget *budget)
{
	xml_init();
	struct xml_parsed *x = xcalloc(1, sizeof(*x));
	x->digest = hash_bytes(doc->data, doc->len);
	if (doc->len > (size_t)INT_MAX) {
		x->too_large = true;
		return x;
	}
	x->charge.budget = budget;
	parse_arena_select_charged(&x->arena, &x->charge);
	x->ctxt = xmlNewParserCtxt();
	if (x->ctxt) {
		/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or DTDVALID: nothing
		 * external is ever loaded; NONET refuses the network even if
		 * something asked. COMPACT: the tree is only read. */
		int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
			      XML_PARSE_COMPACT | XML_PARSE_NOBLANKS;
		xmlSAXHandler *sax = x->ctxt->sax;
		sax->serror = stop_at_first_error;
		sax->entityDecl = refuse_entity_declaration;
		sax->unparsedEntityDecl = refuse_unparsed_entity;
		sax->elementDecl = count_element_declaration;
		sax->attributeDecl = count_attribute_declaration;
		sax->notationDecl = count_notation_declaration;
		x->ctxt->_private = x;
		size_t attributes = most_attributes(doc->data, doc->len);
		if (attributes > MAX_ATTRIBUTES)
			snprintf(x->refused, sizeof(x->refused),
				 "an element with %zu attributes, more than the %d a page may have: refused before parsing",
				 attributes, MAX_ATTRIBUTES);
		else
			x->doc = xmlCtxtReadMemory(x->ctxt, doc->data, (int)doc->len, doc->name, NULL, options);
	}
	/* libxml2 also keeps a copy of the last error per thread: it is in
	 * this arena too, so it must not outlive it */
	xmlResetLastError();
	parse_arena_select(NULL);
	return x;
}

bool xml_convert(struct model *m, const struct document *doc, struct xml_parsed *x, const struct load_options *o,
		 struct diag *d)
{
	struct page p = {m, d, o, arena_strdup(&m->arena, doc->name), false, x->digest};
	struct srcloc loc = {p.file, 0, 0};
	m->files_read++;
	if (x->too_large) {
		diag_error(d, &loc, "file of %zu bytes is too large for one XML page", doc->len);
		p.failed = true;
	} else if (!x->ctxt) {
		diag_error(d, &loc, "cannot create an XML parser");
		p.failed = true;
	} else if (x->refused[0]) {
		struct srcloc at = {p.file, x->refused_line, 0};
		diag_error(d, &at, "%s", x->refused);
		p.failed = true;
	} else if (x->charge.refused) {
		diag_error(d, &loc, "parsing this page needs more than the %zu bytes of memory the parsers may hold (half of --max-total-bytes, and 16 MiB)",
			   x->charge.budget->limit);
		p.failed = true;
	} else if (!x->doc || !x->ctxt->wellFormed) {
		report_parse_error(&p, x->ctxt);
	} else {
		const xmlNode *root = xmlDocGetRootElement(x->doc);
		if (!root) {
			diag_error(d, &loc, "XML document without a root element");
			p.failed = true;
		} else if (is_elem(root, "register_page")) {
			check_elements(&p, root, 1);
			if (!p.failed)
				read_register_page(&p, root);
		} else {
			enum page_kind k = page_kind_of_root((const char *)root->name);
			m->pages[k]++;
			if (k == PAGE_UNKNOWN && o->read.strict)
				page_error(&p, root, "unknown root element <%s> (--strict)", (const char *)root->name);
		}
	}
	xml_parsed_free(x);
	return !p.failed;
}

void xml_parsed_free(struct xml_parsed *x)
{
	if (!x)
		return;
	/* The parser's memory is in the arena, but not all it holds: a page
	 * in an encoding libxml2 converts with ICU or iconv keeps a converter
	 * open until the parser is freed (found by fuzz_xml; the input is in
	 * tests/corpus/xml). The tree holds nothing but memory. */
	xmlFreeParserCtxt(x->ctxt);
	arena_free(&x->arena); /* the tree and the parser */
	parse_charge_release(&x->charge);
	free(x);
}

bool xml_load_page(struct model *m, const struct document *doc, const struct load_options *o, struct diag *d)
{
	return xml_convert(m, doc, xml_parse(doc, NULL), o, d);
}
