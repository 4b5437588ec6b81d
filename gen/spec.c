// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Loading a spec: input.c reads the documents, sniff.c tells their kinds,
 * XML pages go to xml.c (parsed on two threads), JSON to json.c, the rest
 * is counted; the embedded release and Features.json are the defaults. */
#include "spec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "parse_alloc.h"
#include "pipeline.h"
#include "sniff.h"

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
	 * page under 2 MB, its deepest nesting about 20 levels; its full
	 * AARCHMRS Registers.json is 50 to 93 MB. */
	o->read.strict = false;
	o->read.max_file_bytes = 256u << 20;
	/* Arm's XML release: 1,700 pages; a full download with its rendered
	 * pages, about 6,000 files */
	o->read.max_files = 100000;
	o->max_total_bytes = 1024u << 20;
	o->max_depth = 256;
	/* Arm's releases: about 1,700 registers, 128 fields per fieldset, texts
	 * of a few kilobytes */
	o->max_registers = 100000;
	o->max_fields = 4096;
	o->max_string = 1 << 20;
	/* Arm's Registers.json: arrays of at most a few hundred values (1139
	 * entries at the top), objects of at most 16 members */
	o->max_array_items = 100000;
	o->max_object_keys = 10000;
	/* Features.json, the largest document read whole, counts 57,000
	 * values and members (29,121 values); at about 50 bytes each in
	 * jansson's tree, this bounds one tree to about 15 MB */
	o->max_values = 300000;
}

/* XML pages are parsed on two threads (pipeline.c) and read into the model
 * on this one, in the order read, a few pages behind the parse; meanwhile
 * input.c's thread reads and decompresses. Before Arm's pages were read
 * this way, the one-thread load took 190 ms of a 240 ms `generate`.
 * A page's messages come when it is read into the model, so an error
 * input.c reports (a damaged archive) can come before those of the last
 * pages read ahead of it; the order is the same on every run. */
enum { PAGE_WINDOW = 64, PAGE_LAG = 32 };

struct pending_page {
	struct document doc; /* taken over from input.c (document_take): a page is
			      * never copied */
	struct xml_parsed *parsed;
	struct parse_budget *budget; /* the loader's */
};

struct loader {
	struct model *m;
	const struct load_options *o;
	struct diag *d;
	struct pipeline *pages; /* started with the first page */
	size_t pages_taken;
	/* Memory: the documents held are at most --max-total-bytes (input.c
	 * counts them, nothing copies them); the trees parsed from the XML
	 * pages, in flight on two threads, at most half of it and 16 MiB
	 * (xml.c fails a page that would pass that; a JSON entry's tree is
	 * bounded by --max-values). So a load's peak is about 1.5 times the
	 * limit plus the model, whatever the documents hold. */
	struct parse_budget budget;
};
/* What the parsers may hold besides half the documents: a release read
 * with a small --max-total-bytes still has its pages in flight. */
enum { PARSE_BUDGET_FLOOR = 16 << 20 };

/* pipeline work: any thread */
static void parse_page(void *item)
{
	struct pending_page *pp = item;
	pp->parsed = xml_parse(&pp->doc, pp->budget);
}

static void free_pending_page(struct pending_page *pp)
{
	document_release(&pp->doc);
	free(pp);
}

/* Read the parsed pages into the model, in order, until `keep` are left. */
static void convert_pages(struct loader *l, size_t keep)
{
	if (!l->pages)
		return;
	while (pipeline_published(l->pages) - l->pages_taken > keep) {
		struct pending_page *pp = pipeline_take(l->pages, l->pages_taken++);
		xml_convert(l->m, &pp->doc, pp->parsed, l->o, l->d);
		free_pending_page(pp);
	}
}

static void publish_page(struct loader *l, struct document *doc)
{
	if (!l->pages) {
		/* on this thread first: libxml2 takes the thread that initialises
		 * it for the main one, and keeps other threads' state apart */
		xml_init();
		l->pages = pipeline_start(parse_page, PAGE_WINDOW);
	}
	struct pending_page *pp = xcalloc(1, sizeof(*pp));
	document_take(doc, &pp->doc);
	pp->budget = &l->budget;
	size_t k;
	if (!pipeline_publish(l->pages, pp, &k)) {
		struct srcloc loc = {pp->doc.name, 0, 0};
		diag_error(l->d, &loc, "more pages than sysreggen takes");
		free_pending_page(pp);
		return;
	}
	convert_pages(l, PAGE_LAG);
}

static void finish_pages(struct loader *l)
{
	if (!l->pages)
		return;
	pipeline_close(l->pages);
	convert_pages(l, 0);
	pipeline_finish(l->pages);
	l->pages = NULL;
}

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

/* A file that is not a page: counted by kind; with --strict an error when
 * it is no kind of Arm's releases. */
static bool count_non_page(struct loader *l, const struct document *doc, const struct doc_sniff *s)
{
	l->m->files_read++;
	l->m->pages[s->kind]++;
	if (s->kind == PAGE_LINK && l->o->read.strict) {
		struct srcloc loc = {doc->name, 0, 0};
		diag_error(l->d, &loc, "a symbolic link: not followed (--strict)");
		return false;
	}
	if (s->cls == DOC_UNKNOWN && l->o->read.strict) {
		struct srcloc loc = {doc->name, 0, 0};
		if (s->root[0])
			diag_error(l->d, &loc, "unknown root element <%s> (--strict)", s->root);
		else
			diag_error(l->d, &loc, "neither XML nor JSON (--strict)");
		return false;
	}
	return true;
}

static bool load_document(void *ctx, struct document *doc)
{
	struct loader *l = ctx;
	struct doc_sniff s;
	if (doc->type != ENTRY_FILE) {
		convert_pages(l, 0);
		s = (struct doc_sniff){DOC_SKIP, doc->type == ENTRY_LINK ? PAGE_LINK : PAGE_SPECIAL, "", "", 0};
		return count_non_page(l, doc, &s);
	}
	sniff_document(doc, &s);
	if (s.cls == DOC_UNDECODABLE) {
		convert_pages(l, 0);
		struct srcloc loc = {doc->name, s.line, 0};
		l->m->files_read++;
		diag_error_kind(l->d, &loc, "undecodable", "%s", s.why);
		return false;
	}
	if (s.cls == DOC_XML_PAGE) {
		note_release(l, doc->name);
		if (!l->m->format)
			l->m->format = "xml";
		publish_page(l, doc);
		return true; /* its errors are reported when it is read */
	}
	convert_pages(l, 0); /* what comes first is read first */
	if (s.cls == DOC_JSON)
		return json_load_document(l->m, doc, l->o, l->d);
	return count_non_page(l, doc, &s);
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
		struct document doc = {embedded_features_name, embedded_features_data, (size_t)embedded_features_size,
				       ENTRY_FILE, DOC_BORROWED};
		json_load_document(m, &doc, o, d);
		m->files_read--; /* not part of the spec */
	}
	return d->errors == errors_before;
}

static void loader_start(struct loader *l, struct model *m, const struct load_options *o, struct diag *d)
{
	l->m = m, l->o = o, l->d = d;
	l->pages = NULL;
	l->pages_taken = 0;
	atomic_init(&l->budget.used, 0);
	l->budget.limit = o->max_total_bytes / 2 + PARSE_BUDGET_FLOOR;
}

bool spec_load_memory(struct model *m, const char *name, const void *data, size_t len, const struct load_options *o,
		      bool need_features, struct diag *d)
{
	struct loader l;
	unsigned errors_before = d->errors;
	m->source = arena_strdup(&m->arena, name);
	loader_start(&l, m, o, d);
	input_read_memory(name, data, len, o, d, load_document, &l);
	finish_pages(&l);
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
	finish_pages(&l);
	return finish_load(m, path, o, need_features, d, errors_before);
}
