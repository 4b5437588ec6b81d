/* SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause */
/* Tell the files of a release apart by their content, before anything
 * parses them. Arm ships its System Register XML release with a notice,
 * DTDs, XSL and CSS style sheets and a rendered XHTML copy of every page
 * (xhtml/, diff-from-<release>/); its AARCHMRS package with a JSON schema,
 * Instructions.json and HTML documentation. Only register pages, index
 * files and Registers.json / Features.json are read; the rest is counted. */
#ifndef SYSREGGEN_SNIFF_H
#define SYSREGGEN_SNIFF_H

#include "frontend.h"

enum doc_class {
	DOC_XML_PAGE, /* register page, index file, or XML whose root was not found: parsed */
	DOC_JSON,     /* '[' or '{': the JSON front end tells its kinds apart */
	DOC_SKIP,     /* a known kind that is never read: see the page_kind */
	DOC_UNKNOWN,  /* not a kind of Arm's releases: counted, an error with --strict */
	DOC_UNDECODABLE, /* a page or JSON file that is not UTF-8 text: `why` says so */
};

struct doc_sniff {
	enum doc_class cls;
	enum page_kind kind; /* for DOC_SKIP and DOC_UNKNOWN: how stats counts it (xml.c counts pages) */
	char root[64];       /* the root element's name, when one was found */
	char why[128];       /* DOC_UNDECODABLE: the encoding found */
	int line;            /* DOC_UNDECODABLE: where, 0 if the whole file */
};

void sniff_document(const struct document *doc, struct doc_sniff *out);

#endif
