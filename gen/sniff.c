// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Which kind of file a document is, from its first bytes: the XML prolog up
 * to the root element's name, or the first character for JSON. Nothing is
 * parsed, loaded or expanded here; a DOCTYPE is stepped over as text. */
#include "sniff.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct cursor {
	const char *p, *end;
};

static bool at(const struct cursor *c, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

static void skip_space(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
		c->p++;
}

/* Past the next `s`; false (at the end) when there is none. */
static bool skip_past(struct cursor *c, const char *s)
{
	size_t n = strlen(s);
	for (; c->p + n <= c->end; c->p++) {
		if (memcmp(c->p, s, n) == 0) {
			c->p += n;
			return true;
		}
	}
	c->p = c->end;
	return false;
}

/* <!DOCTYPE name PUBLIC "..." "..." [ internal subset ]>: past its '>',
 * minding quotes and the brackets of an internal subset. */
static bool skip_doctype(struct cursor *c)
{
	int depth = 0;
	char quote = 0;
	for (; c->p < c->end; c->p++) {
		char ch = *c->p;
		if (quote) {
			quote = ch == quote ? 0 : quote;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '[') {
			depth++;
		} else if (ch == ']') {
			depth--;
		} else if (ch == '>' && depth <= 0) {
			c->p++;
			return true;
		}
	}
	return false;
}

static bool is_name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-' || ch == '.' || ch == ':';
}

/* What a root element's name says about its file. Register pages and the
 * index files (model.c knows their roots) are parsed, so that their errors
 * count; the files below are not. */
static void classify_root(struct doc_sniff *s)
{
	static const struct {
		const char *root;
		enum page_kind kind;
	} skipped[] = {
		{"textsection", PAGE_NOTICE}, /* notice.xml */
		{"html", PAGE_HTML},          /* xhtml/, diff-from-*, docs/ */
		{"xsl:stylesheet", PAGE_XSL}, {"xsl:transform", PAGE_XSL},
	};
	if (strcmp(s->root, "register_page") == 0 || page_kind_of_root(s->root) != PAGE_UNKNOWN) {
		s->cls = DOC_XML_PAGE;
		return;
	}
	for (size_t i = 0; i < ARRAY_LEN(skipped); i++) {
		if (strcmp(s->root, skipped[i].root) == 0) {
			s->cls = DOC_SKIP;
			s->kind = skipped[i].kind;
			return;
		}
	}
	s->cls = DOC_UNKNOWN;
	s->kind = PAGE_UNKNOWN;
}

/* The prolog: declarations, processing instructions, comments and a
 * DOCTYPE, then the root element or, in a DTD, a markup declaration.
 * Returns false when neither came (not XML, or cut short). */
static bool sniff_xml(struct cursor *c, struct doc_sniff *s)
{
	for (;;) {
		skip_space(c);
		if (c->p >= c->end || *c->p != '<')
			return false;
		if (at(c, "<?")) {
			if (!skip_past(c, "?>"))
				return false;
		} else if (at(c, "<!--")) {
			if (!skip_past(c, "-->"))
				return false;
		} else if (at(c, "<!DOCTYPE")) {
			if (!skip_doctype(c))
				return false;
		} else if (at(c, "<!ELEMENT") || at(c, "<!ATTLIST") || at(c, "<!ENTITY") || at(c, "<!NOTATION") ||
			   at(c, "<![")) {
			s->cls = DOC_SKIP; /* only a DTD starts with a markup declaration */
			s->kind = PAGE_DTD;
			return true;
		} else {
			const char *name = c->p + 1, *e = name;
			while (e < c->end && is_name_char(*e))
				e++;
			size_t n = (size_t)(e - name);
			if (n == 0 || n >= sizeof(s->root))
				return false;
			memcpy(s->root, name, n);
			s->root[n] = '\0';
			classify_root(s);
			return true;
		}
	}
}

static bool name_has_suffix(const char *name, const char *suffix)
{
	size_t n, k = strlen(suffix);
	const char *base = document_base_name(name, &n);
	return n >= k && strncasecmp(base + n - k, suffix, k) == 0;
}

/* Files that say what they are by their names only: style sheets, the
 * documentation's pages, pictures and scripts, licence texts. */
static enum page_kind kind_by_name(const char *name)
{
	static const char *const docs[] = {".md", ".txt", ".pdf", ".rst", ".png", ".svg", ".gif", ".jpg", ".js", ".woff", ".woff2"};
	static const char *const licence[] = {"LICENSE", "LICENCE", "COPYING", "README"};
	if (name_has_suffix(name, ".css"))
		return PAGE_CSS;
	for (size_t i = 0; i < ARRAY_LEN(docs); i++)
		if (name_has_suffix(name, docs[i]))
			return PAGE_DOCS;
	size_t n;
	const char *b = document_base_name(name, &n);
	for (size_t i = 0; i < ARRAY_LEN(licence); i++)
		if (n >= strlen(licence[i]) && strncasecmp(b, licence[i], strlen(licence[i])) == 0)
			return PAGE_DOCS;
	return PAGE_OTHER;
}

/* Text that is neither XML nor JSON, nor named for its kind. */
static enum page_kind other_text_kind(const char *name)
{
	if (name_has_suffix(name, ".dtd"))
		return PAGE_DTD;
	if (strstr(name, "/docs/") || strstr(name, "(docs/") || str_starts_with(name, "docs/"))
		return PAGE_DOCS;
	return PAGE_OTHER;
}

/* UTF-16 and UTF-32, by byte-order mark or by the "<" or "{" they begin
 * with: Arm's pages and JSON are UTF-8, and these would otherwise be read
 * as neither XML nor JSON, with no reason given. */
static const char *wide_encoding(const unsigned char *p, size_t n)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *what;
	} marks[] = {
		{"\x00\x00\xfe\xff", 4, "UTF-32BE (byte-order mark 00 00 FE FF)"},
		{"\xff\xfe\x00\x00", 4, "UTF-32LE (byte-order mark FF FE 00 00)"},
		{"\xfe\xff", 2, "UTF-16BE (byte-order mark FE FF)"},
		{"\xff\xfe", 2, "UTF-16LE (byte-order mark FF FE)"},
		{"<\x00\x00\x00", 4, "UTF-32LE without a byte-order mark"},
		{"\x00\x00\x00<", 4, "UTF-32BE without a byte-order mark"},
		{"<\x00", 2, "UTF-16LE without a byte-order mark"},
		{"\x00<", 2, "UTF-16BE without a byte-order mark"},
		{"{\x00", 2, "UTF-16LE without a byte-order mark"},
		{"\x00{", 2, "UTF-16BE without a byte-order mark"},
		{"[\x00", 2, "UTF-16LE without a byte-order mark"},
		{"\x00[", 2, "UTF-16BE without a byte-order mark"},
	};
	for (size_t i = 0; i < ARRAY_LEN(marks); i++)
		if (n >= marks[i].len && memcmp(p, marks[i].bytes, marks[i].len) == 0)
			return marks[i].what;
	return NULL;
}

static bool undecodable(const struct document *doc, struct doc_sniff *s)
{
	const char *wide = wide_encoding((const unsigned char *)doc->data, doc->len);
	if (wide) {
		snprintf(s->why, sizeof(s->why), "encoded as %s: sysreggen reads UTF-8", wide);
		s->line = 1;
		return true;
	}
	const char *nul = memchr(doc->data, '\0', doc->len);
	if (!nul)
		return false;
	s->line = 1;
	for (const char *p = doc->data; p < nul; p++)
		s->line += *p == '\n';
	snprintf(s->why, sizeof(s->why), "a NUL byte at offset %zu: not UTF-8 text", (size_t)(nul - doc->data));
	return true;
}

void sniff_document(const struct document *doc, struct doc_sniff *s)
{
	struct cursor c = {doc->data, doc->data + doc->len};
	memset(s, 0, sizeof(*s));
	s->kind = kind_by_name(doc->name);
	if (s->kind != PAGE_OTHER) { /* a picture of the docs has NUL bytes: never looked into */
		s->cls = DOC_SKIP;
		return;
	}
	if (undecodable(doc, s)) {
		s->cls = DOC_UNDECODABLE;
		return;
	}
	if (at(&c, "\xef\xbb\xbf"))
		c.p += 3;
	skip_space(&c);
	const struct cursor start = c;
	if (c.p < c.end && (*c.p == '[' || *c.p == '{')) {
		s->cls = DOC_JSON;
		return;
	}
	bool looks_xml = c.p < c.end && *c.p == '<';
	if (looks_xml && sniff_xml(&c, s))
		return;
	/* XML by its declaration or its name, root not found: parsed, so that
	 * a broken page is an error at its line */
	if (looks_xml && (at(&start, "<?xml") || name_has_suffix(doc->name, ".xml")) &&
	    !name_has_suffix(doc->name, ".dtd")) {
		s->cls = DOC_XML_PAGE;
		return;
	}
	s->kind = other_text_kind(doc->name);
	s->cls = s->kind == PAGE_OTHER ? DOC_UNKNOWN : DOC_SKIP;
}
