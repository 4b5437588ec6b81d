// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* ID register values read from a CPU, for `decode`: NAME=VALUE arguments,
 * a file of "NAME VALUE" lines, or a Firecracker CPU template or
 * cpu-template-helper dump ({"reg_modifiers": [{"addr": "0x6030...",
 * "bitmap": "0b0001xxxx..."}]}, bits written x left unknown). */
#define _POSIX_C_SOURCE 200809L
#include "idvalues.h"
#include "fswalk.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	if (!s || !*s || s[0] == '-' || isspace((unsigned char)s[0]))
		return false;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static bool give_named(struct idregs *ir, const char *name, const char *value, const struct srcloc *loc,
		       struct diag *d)
{
	struct id_reg *r = is_c_identifier(name) ? idregs_find(ir, name) : NULL;
	uint64_t v;
	if (!is_c_identifier(name)) { /* not echoed: it may be any bytes */
		diag_error(d, loc, "expected a register name (letters, digits, _) before the value");
		return false;
	}
	if (!r) {
		diag_error(d, loc, "'%s': not an ID register of this spec (sysreggen idregs lists them)", name);
		return false;
	}
	if (!parse_u64(value, &v)) {
		diag_error(d, loc, "%s: '%s' is not a 64-bit value (hex 0x... or decimal)", r->name, value);
		return false;
	}
	id_reg_give(r, v, ~0ull);
	return true;
}

bool idvalues_read_args(struct idregs *ir, char *const *args, int n, struct diag *d)
{
	bool ok = true;
	for (int i = 0; i < n; i++) {
		char *eq = strchr(args[i], '=');
		if (!eq) {
			diag_error(d, NULL, "'%s': expected NAME=VALUE (ID_AA64ISAR0_EL1=0x21)", args[i]);
			ok = false;
			continue;
		}
		*eq = '\0';
		ok = give_named(ir, args[i], eq + 1, NULL, d) && ok;
		*eq = '=';
	}
	return ok;
}

/* "0b0001xxxx...": 64 characters after 0b (Firecracker also takes fewer,
 * for the low bits); value and the bits given. */
static bool parse_bitmap(const char *s, uint64_t *value, uint64_t *known)
{
	if (!s || strncmp(s, "0b", 2) != 0)
		return false;
	size_t n = strlen(s + 2);
	if (n == 0 || n > 64)
		return false;
	*value = *known = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[2 + i];
		if (c != '0' && c != '1' && c != 'x')
			return false;
		*value = *value << 1 | (c == '1');
		*known = *known << 1 | (c != 'x');
	}
	return true;
}

static bool read_template(struct idregs *ir, const char *path, const json_t *root, struct diag *d)
{
	const json_t *mods = json_object_get(root, "reg_modifiers");
	struct srcloc loc = {path, 0, 0};
	if (!json_is_array(mods)) {
		diag_error(d, &loc, "expected a Firecracker CPU template: an object with a \"reg_modifiers\" array");
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < json_array_size(mods); i++) {
		const json_t *m = json_array_get(mods, i);
		const char *addr = json_string_value(json_object_get(m, "addr"));
		const char *bitmap = json_string_value(json_object_get(m, "bitmap"));
		uint64_t id, value, known;
		if (!parse_u64(addr, &id) || !parse_bitmap(bitmap, &value, &known)) {
			diag_error(d, &loc, "reg_modifiers[%zu]: expected \"addr\": \"0x...\" and \"bitmap\": \"0b\" and up to 64 of 0, 1, x",
				   i);
			ok = false;
			continue;
		}
		struct id_reg *r = idregs_find_kvm(ir, id);
		if (r)
			id_reg_give(r, value, known);
		/* other registers (MIDR_EL1 is one, but so are non-ID ones) say nothing of features */
	}
	return ok;
}

static bool read_lines(struct idregs *ir, const char *path, char *text, struct diag *d)
{
	bool ok = true;
	int line = 0;
	for (char *s = text, *nl; s && *s; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		line++;
		struct srcloc loc = {path, line, 0};
		char *name = strtok(s, " \t\r=:"), *value = name ? strtok(NULL, " \t\r=:") : NULL;
		if (!name || name[0] == '#')
			continue;
		if (!value || strtok(NULL, " \t\r")) {
			diag_error(d, &loc, "expected NAME VALUE (ID_AA64ISAR0_EL1 0x21)");
			ok = false;
			continue;
		}
		ok = give_named(ir, name, value, &loc, d) && ok;
	}
	return ok;
}

bool idvalues_read_text(struct idregs *ir, const char *path, char *text, size_t n, struct diag *d)
{
	struct srcloc loc = {path, 0, 0};
	bool ok;
	if (memchr(text, '\0', n)) {
		diag_error(d, &loc, "a NUL byte: expected text (NAME VALUE lines) or JSON");
		return false;
	}
	size_t bom = n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* a UTF-8 byte-order mark */
	memmove(text, text + bom, n - bom + 1);
	n -= bom;
	size_t start = strspn(text, " \t\r\n");
	if (text[start] == '{') {
		json_error_t err;
		json_t *root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &err);
		if (!root) {
			loc.line = err.line;
			loc.column = err.column;
			diag_error(d, &loc, "malformed JSON: %s", err.text);
			ok = false;
		} else {
			ok = read_template(ir, path, root, d);
			json_decref(root);
		}
	} else {
		ok = read_lines(ir, path, text, d);
	}
	return ok;
}

bool idvalues_read_file(struct idregs *ir, const char *path, size_t max_bytes, struct diag *d)
{
	size_t n = 0;
	char *text = read_text_file(path, max_bytes, "--max-file-bytes", &n, d);
	if (!text)
		return false;
	bool ok = idvalues_read_text(ir, path, text, n, d);
	free(text);
	return ok;
}
