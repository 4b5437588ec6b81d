// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* The kernel's arch/arm64/tools/sysreg, read for linux-update: every line
 * kept as written (comments, blank lines, spacing), and the blocks, slots
 * and enum values found in it with the lines they are on. The grammar is
 * gen-sysreg.awk's: Sysreg/SysregFields ... EndSysreg/EndSysregFields,
 * Res0/Res1/Unkn/Raz BITS, Field BITS NAME, Fields NAME, [Unsigned|Signed]Enum
 * BITS NAME with "0b... NAME" lines and EndEnum. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux_file.h"
#include "fswalk.h"

struct lreader {
	struct linux_file *lf;
	struct diag *d;
	int line;
	struct linux_block *block; /* open block */
	struct linux_slot *en;     /* open enum */
	size_t cap_slots, cap_values;
};

static void lerror(struct lreader *r, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void lerror(struct lreader *r, const char *fmt, ...)
{
	struct srcloc loc = {r->lf->path, r->line, 0};
	va_list ap;
	r->d->errors++;
	va_start(ap, fmt);
	diag_verror(r->d, &loc, "error", fmt, ap);
	va_end(ap);
}

/* "7:4" or "7": bits within 0..63, msb not below lsb */
static bool read_bits(struct lreader *r, const char *t, int *msb, int *lsb)
{
	int hi, lo, used = 0;
	if (sscanf(t, "%d:%d%n", &hi, &lo, &used) == 2 && t[used] == '\0') {
	} else if (sscanf(t, "%d%n", &hi, &used) == 1 && t[used] == '\0') {
		lo = hi;
	} else {
		lerror(r, "expected bits MSB[:LSB], got '%s'", t);
		return false;
	}
	if (lo < 0 || hi > 63 || hi < lo) {
		lerror(r, "bits %s: expected 63 >= MSB >= LSB >= 0", t);
		return false;
	}
	*msb = hi;
	*lsb = lo;
	return true;
}

static bool read_uint(const char *t, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(t, &end, 0);
	if (!*t || *end || errno || v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

/* what the awk pastes into C names: letters, digits and '_' (enum values
 * may start with a digit: 52_BIT) */
static bool name_ok(struct lreader *r, const char *name)
{
	if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == strlen(name))
		return true;
	lerror(r, "'%s': expected a name of letters, digits and _", name);
	return false;
}

static const char *const slot_keywords[] = {"Res0", "Res1", "Unkn", "Raz", "Field", "Enum", "UnsignedEnum", "SignedEnum"};

static void begin_block(struct lreader *r, char **tok, int n, bool is_fields)
{
	struct linux_file *lf = r->lf;
	if (r->block) {
		lerror(r, "%s inside the block %s (line %d): expected %s first", tok[0], r->block->name, r->block->line,
		       r->block->is_fields ? "EndSysregFields" : "EndSysreg");
		return;
	}
	if (n != (is_fields ? 2 : 7)) {
		lerror(r, "expected '%s'", is_fields ? "SysregFields NAME" : "Sysreg NAME OP0 OP1 CRN CRM OP2");
		return;
	}
	if (!name_ok(r, tok[1]))
		return;
	struct linux_block *b = VEC_PUSH(lf->blocks.blocks, lf->blocks.n, lf->blocks.cap);
	memset(b, 0, sizeof(*b));
	b->name = arena_strndup(&lf->blocks.arena, tok[1], strlen(tok[1]));
	b->is_fields = is_fields;
	b->line = r->line;
	unsigned *enc[] = {&b->op0, &b->op1, &b->crn, &b->crm, &b->op2};
	static const unsigned max[] = {3, 7, 15, 15, 7};
	for (int i = 0; !is_fields && i < 5; i++)
		if (!read_uint(tok[2 + i], max[i], enc[i]))
			lerror(r, "%s: expected a number from 0 to %u for the encoding, got '%s'", b->name, max[i], tok[2 + i]);
	r->block = b;
	r->cap_slots = 0;
}

static void add_slot(struct lreader *r, char **tok, int n, size_t kw)
{
	struct linux_block *b = r->block;
	bool named = kw >= 4;
	if (n != (named ? 3 : 2)) {
		lerror(r, "expected '%s BITS%s'", tok[0], named ? " NAME" : "");
		return;
	}
	int msb, lsb;
	if (!read_bits(r, tok[1], &msb, &lsb) || (named && !name_ok(r, tok[2])))
		return;
	struct linux_slot *s = VEC_PUSH(b->slots, b->n_slots, r->cap_slots);
	memset(s, 0, sizeof(*s));
	s->keyword = slot_keywords[kw];
	s->msb = msb;
	s->lsb = lsb;
	s->line = r->line;
	if (named)
		s->name = arena_strndup(&r->lf->blocks.arena, tok[2], strlen(tok[2]));
	if (kw >= 5) {
		r->en = s;
		r->cap_values = 0;
	}
}

static void add_value(struct lreader *r, char **tok, int n)
{
	struct linux_slot *s = r->en;
	if (n != 2 || strncmp(tok[0], "0b", 2) != 0 || (int)strlen(tok[0] + 2) != s->msb - s->lsb + 1 ||
	    strspn(tok[0] + 2, "01") != strlen(tok[0] + 2)) {
		lerror(r, "in enum %s: expected '0b<%d bits> NAME' or EndEnum", s->name, s->msb - s->lsb + 1);
		return;
	}
	if (!name_ok(r, tok[1]))
		return;
	struct linux_value *x = VEC_PUSH(s->values, s->n_values, r->cap_values);
	x->value = strtoull(tok[0] + 2, NULL, 2);
	x->name = arena_strndup(&r->lf->blocks.arena, tok[1], strlen(tok[1]));
	x->line = r->line;
}

static void read_line(struct lreader *r, char *text)
{
	char *hash = strchr(text, '#');
	if (hash)
		*hash = '\0';
	char *tok[8];
	int n = 0;
	for (char *t = strtok(text, " \t\r"); t; t = strtok(NULL, " \t\r")) {
		if (n == 8) {
			lerror(r, "too many words on a line");
			return;
		}
		tok[n++] = t;
	}
	if (n == 0)
		return;
	if (r->en) {
		if (strcmp(tok[0], "EndEnum") == 0) {
			r->en->end_line = r->line;
			r->en = NULL;
		}
		else
			add_value(r, tok, n);
		return;
	}
	if (strcmp(tok[0], "Sysreg") == 0 || strcmp(tok[0], "SysregFields") == 0) {
		begin_block(r, tok, n, strcmp(tok[0], "SysregFields") == 0);
		return;
	}
	if (!r->block) {
		lerror(r, "'%s' outside a Sysreg or SysregFields block", tok[0]);
		return;
	}
	if (strcmp(tok[0], "EndSysreg") == 0 || strcmp(tok[0], "EndSysregFields") == 0) {
		if ((strcmp(tok[0], "EndSysregFields") == 0) != r->block->is_fields)
			lerror(r, "%s closes %s %s", tok[0], r->block->is_fields ? "SysregFields" : "Sysreg", r->block->name);
		r->block->end_line = r->line;
		r->block = NULL;
		return;
	}
	if (strcmp(tok[0], "Fields") == 0) {
		if (n != 2)
			lerror(r, "expected 'Fields NAME'");
		else if (name_ok(r, tok[1]))
			r->block->fields = arena_strndup(&r->lf->blocks.arena, tok[1], strlen(tok[1]));
		return;
	}
	for (size_t k = 0; k < ARRAY_LEN(slot_keywords); k++)
		if (strcmp(tok[0], slot_keywords[k]) == 0) {
			add_slot(r, tok, n, k);
			return;
		}
	lerror(r, "unknown keyword '%s': expected Field, Res0, Res1, Unkn, Raz, Enum, UnsignedEnum, SignedEnum, Fields "
		  "or EndSysreg", tok[0]);
}

bool linux_file_read(struct linux_file *lf, const char *path, size_t max_bytes, struct diag *d)
{
	size_t len = 0;
	char *text = read_text_file(path, max_bytes, "--max-file-bytes", &len, d);
	memset(lf, 0, sizeof(*lf));
	lf->path = path;
	return text && linux_file_read_text(lf, path, text, len, d);
}

bool linux_file_read_text(struct linux_file *lf, const char *path, char *text, size_t len, struct diag *d)
{
	memset(lf, 0, sizeof(*lf));
	lf->path = path;
	lf->text = text;
	if (memchr(text, '\0', len)) {
		struct srcloc loc = {path, 0, 0};
		diag_error(d, &loc, "a NUL byte: not a sysreg text file");
		return false;
	}
	unsigned errors = d->errors;
	struct lreader r = {lf, d, 0, NULL, NULL, 0, 0};
	size_t cap_lines = 0;
	for (char *p = lf->text; *p;) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		*(char **)VEC_PUSH(lf->lines, lf->n_lines, cap_lines) = arena_strndup(&lf->blocks.arena, p, n);
		p += n + (nl != NULL);
	}
	for (size_t i = 0; i < lf->n_lines && d->errors - errors < 20; i++) {
		char *copy = xstrdup(lf->lines[i]);
		r.line = (int)i + 1;
		/* a UTF-8 byte-order mark an editor put at the start: not a word
		 * (the line is written back as it was) */
		read_line(&r, i == 0 && str_starts_with(copy, UTF8_BOM) ? copy + strlen(UTF8_BOM) : copy);
		free(copy);
	}
	if (r.en) {
		r.line = (int)lf->n_lines;
		lerror(&r, "the file ends inside the enum %s (line %d)", r.en->name, r.en->line);
	} else if (r.block) {
		r.line = (int)lf->n_lines;
		lerror(&r, "the file ends inside %s %s (line %d)", r.block->is_fields ? "SysregFields" : "Sysreg",
		       r.block->name, r.block->line);
	}
	return d->errors == errors;
}

void linux_file_free(struct linux_file *lf)
{
	for (size_t i = 0; i < lf->blocks.n; i++) {
		for (size_t k = 0; k < lf->blocks.blocks[i].n_slots; k++)
			free(lf->blocks.blocks[i].slots[k].values);
		free(lf->blocks.blocks[i].slots);
	}
	free(lf->lines);
	free(lf->text);
	linux_blocks_free(&lf->blocks);
}
