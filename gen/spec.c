#define _GNU_SOURCE /* memmem */
#include "spec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

/* embed.S: the default release's bytes. */
extern const char embedded_spec_data[];
extern const uint64_t embedded_spec_size;
extern const char embedded_features_data[];
extern const uint64_t embedded_features_size;

const char embedded_spec_name[] = "embedded:" EMBEDDED_SPEC_FILE;
static const char embedded_features_name[] = "embedded:Features.json";

void load_options_default(struct load_options *o)
{
	/* Arm's largest full XML release is about 60 MB unpacked, its largest
	 * page under 2 MB, its deepest nesting about 20 levels. */
	o->strict = false;
	o->max_file_bytes = 64u << 20;
	o->max_total_bytes = 1024u << 20;
	o->max_depth = 256;
	/* Arm's releases: about 1,700 registers, 128 fields per fieldset, texts
	 * of a few kilobytes */
	o->max_registers = 100000;
	o->max_fields = 4096;
	o->max_string = 1 << 20;
}

/* XML pages are read one after the other: parsing them on a second thread
 * (as JSON entries are) was measured slower, the reading into the model
 * being most of the work. */
struct loader {
	struct model *m;
	const struct load_options *o;
	struct diag *d;
};

/* "…(SysReg_xml_A_profile-2025-03/AArch64-x.xml)" -> "SysReg_xml_A_profile-2025-03" */
static void note_release(struct loader *l, const char *name)
{
	if (l->m->release)
		return;
	const char *member = strrchr(name, '(');
	const char *s = strstr(member ? member : name, "SysReg_xml_");
	if (!s)
		return;
	size_t n = strcspn(s, "/)");
	if (s[n] == '/')
		l->m->release = arena_strndup(&l->m->arena, s, n);
}

/* The first character that is not white space: '<' XML, '[' or '{' JSON. */
static char first_char(const struct document *doc)
{
	const char *p = doc->data, *end = doc->data + doc->len;
	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p < end ? *p : '\0';
}

static bool load_document(void *ctx, const struct document *doc)
{
	struct loader *l = ctx;
	char c = first_char(doc);
	/* XML says so (<?xml) or is named so; a .md file may start with '<' too */
	bool xml = c == '<' && (str_ends_with(doc->name, ".xml") || str_ends_with(doc->name, ".xml)") ||
				memmem(doc->data, doc->len < 64 ? doc->len : 64, "<?xml", 5));
	if (xml) {
		note_release(l, doc->name);
		if (!l->m->format)
			l->m->format = "xml";
		return xml_load_page(l->m, doc, l->o, l->d);
	}
	if (c == '[' || c == '{')
		return json_load_document(l->m, doc, l->o, l->d);
	if (l->o->strict) {
		struct srcloc loc = {doc->name, 0, 0};
		diag_error(l->d, &loc, "neither XML nor JSON (--strict)");
		return false;
	}
	model_count_skip(l->m, "files that are neither XML nor JSON");
	return true;
}

static unsigned register_pages(const struct model *m)
{
	return m->pages[PAGE_AARCH64] + m->pages[PAGE_AARCH32] + m->pages[PAGE_EXT] + m->pages[PAGE_MMAP];
}

/* After the documents: was anything found, and the features if needed. */
static bool finish_load(struct model *m, const char *path, const struct load_options *o, bool need_features,
			struct diag *d, unsigned errors_before)
{
	if (d->errors == errors_before && register_pages(m) == 0) {
		struct srcloc loc = {m->source, 0, 0};
		diag_error(d, &loc, "no registers found (expected Arm's System Register XML, files whose root element is <register_page>, or an AARCHMRS Registers.json)");
	}
	if (!m->release && path) {
		const char *base = strrchr(path, '/');
		m->release = arena_strdup(&m->arena, base && base[1] ? base + 1 : path);
	}
	/* an XML release has no Features.json: use the one compiled in */
	if (need_features && !m->features.loaded && d->errors == errors_before) {
		struct document doc = {embedded_features_name, embedded_features_data, (size_t)embedded_features_size};
		json_load_document(m, &doc, o, d);
		m->files_read--; /* not part of the spec */
	}
	return d->errors == errors_before;
}

static void loader_start(struct loader *l, struct model *m, const struct load_options *o, struct diag *d)
{
	l->m = m, l->o = o, l->d = d;
}

bool spec_load_memory(struct model *m, const char *name, const void *data, size_t len, const struct load_options *o,
		      bool need_features, struct diag *d)
{
	struct loader l;
	unsigned errors_before = d->errors;
	m->source = arena_strdup(&m->arena, name);
	loader_start(&l, m, o, d);
	input_read_memory(name, data, len, o, d, load_document, &l);
	return finish_load(m, NULL, o, need_features, d, errors_before);
}

bool spec_load(struct model *m, const char *path, const struct load_options *o, bool need_features, struct diag *d)
{
	if (!path)
		return spec_load_memory(m, embedded_spec_name, embedded_spec_data, (size_t)embedded_spec_size, o,
					need_features, d);
	struct loader l;
	unsigned errors_before = d->errors;
	m->source = arena_strdup(&m->arena, path);
	loader_start(&l, m, o, d);
	input_read_path(path, o, d, load_document, &l);
	return finish_load(m, path, o, need_features, d, errors_before);
}
