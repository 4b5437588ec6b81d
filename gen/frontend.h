/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Front ends: turn one input document into model objects. */
#ifndef SYSREGGEN_FRONTEND_H
#define SYSREGGEN_FRONTEND_H

#include <stddef.h>

#include "fswalk.h"
#include "model.h"

struct load_options {
	struct read_limits read; /* strict: unknown well-formed elements, files and
				  * links are errors, not skipped; max_file_bytes:
				  * one page or archive member; max_files: entries
				  * of a directory walk */
	size_t max_total_bytes; /* all documents of one spec together */
	unsigned max_depth;     /* element nesting */
	size_t max_registers;   /* registers (and instruction pages) in all */
	size_t max_fields;      /* fields of one fieldset */
	size_t max_string;      /* bytes of one name, condition or other text (JSON keys too) */
	size_t max_array_items; /* values in one JSON array (the top-level array too) */
	size_t max_object_keys; /* members of one JSON object */
	size_t max_values;      /* values in one JSON entry of Registers.json, or one document */
};
void load_options_default(struct load_options *o);

/* One document: a file, or a member of an archive. `name` is how messages
 * name it ("dir/AArch64-ttbr0_el1.xml" or "rel.tar.xz(SysReg/AArch64-x.xml)"). */
enum entry_type {
	ENTRY_FILE,    /* a document: data and len hold its bytes */
	ENTRY_LINK,    /* an archive's symbolic or hard link: not followed, no bytes */
	ENTRY_SPECIAL, /* a FIFO, device or socket: never opened, no bytes */
};
/* Whose a document's bytes are: the caller's (the embedded spec), a heap
 * buffer, or a file mapped into memory. */
enum doc_memory { DOC_BORROWED, DOC_ON_HEAP, DOC_MAPPED };
struct document {
	const char *name;
	const char *data;
	size_t len;
	enum entry_type type;
	enum doc_memory memory;
};
/* A front end that keeps a document past the call that hands it over
 * takes it (its bytes and name; nothing is copied, so the documents held
 * at once stay within --max-total-bytes), leaving doc without them, and
 * releases it when done (input.c). */
void document_take(struct document *doc, struct document *into);
void document_release(struct document *doc);
/* The last component of a document's name, without the ')' that closes an
 * archive member's: "rel.tar.gz(dir/Features.json)" -> "Features.json",
 * its length in *len (input.c). */
const char *document_base_name(const char *name, size_t *len);

/* XML front end (xml.c): one page of Arm's System Register XML. Register
 * pages add registers to the model; other pages are counted by root element.
 * Problems are reported through `d`; returns false on an error. */
bool xml_load_page(struct model *m, const struct document *doc, const struct load_options *o, struct diag *d);

/* The same in two steps: xml_parse() touches no model and reports nothing
 * (it can run on any thread, once the main thread called xml_init());
 * xml_convert() reads the tree into the model, reports, and frees it. The
 * loader parses pages on two threads and reads them in on one. */
struct xml_parsed;
struct parse_budget;
void xml_init(void);
/* budget: bounds what the parser allocates, shared by the threads that
 * parse one load's pages (parse_alloc.h); NULL: no bound */
struct xml_parsed *xml_parse(const struct document *doc, struct parse_budget *budget);
bool xml_convert(struct model *m, const struct document *doc, struct xml_parsed *x, const struct load_options *o,
		 struct diag *d);
void xml_parsed_free(struct xml_parsed *x);

/* JSON front end (json.c): an AARCHMRS document. Registers.json (a top-level
 * array) adds registers; Features.json fills the model's feature database;
 * other JSON documents (the package's schema/) are counted and skipped. */
bool json_load_document(struct model *m, const struct document *doc, const struct load_options *o, struct diag *d);

#endif
