// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* `sysreggen audit --against PATH`: for every AArch64 register of the spec
 * (arrays expanded), is it in the consumer, with the same encoding, and
 * with 128-bit support where the spec allows 128-bit access. Summary
 * counts first, then a table per group, 128-bit registers first. */
#include <stdlib.h>
#include <string.h>

#include "consumer.h"
#include "emit.h"
#include "view.h"

enum enc_state { ENC_NA, ENC_EQUAL, ENC_DIFFERENT, ENC_UNKNOWN };
enum support { SUPPORT_NA, SUPPORT_PRESENT, SUPPORT_64BIT_ONLY, SUPPORT_ABSENT, SUPPORT_UNKNOWN };

struct row {
	const struct gen_reg *r;
	const struct consumer_reg *c;
	enum enc_state enc;
	enum support s128;
};

static const char *const enc_names[] = {"-", "equal", "different", "unknown"};
static const char *const support_names[] = {"not applicable", "present", "missing (64-bit only)", "missing (absent)",
					    "unknown (a list of names says no width)"};

static const struct consumer_reg *lookup(const struct consumer *c, const char *name)
{
	for (size_t i = 0; i < c->n_regs; i++)
		if (strcmp(c->regs[i].name, name) == 0)
			return &c->regs[i];
	return NULL;
}

static bool in_spec(const struct gen_reg *regs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(regs[i].name, name) == 0)
			return true;
	return false;
}

static void classify_row(struct row *w, const struct consumer *con)
{
	const struct consumer_reg *c = w->c;
	if (!c || !c->has_encoding)
		w->enc = ENC_NA;
	else if (!c->enc_known)
		w->enc = ENC_UNKNOWN;
	else
		w->enc = c->enc[0] == w->r->op0 && c->enc[1] == w->r->op1 && c->enc[2] == w->r->crn &&
				 c->enc[3] == w->r->crm && c->enc[4] == w->r->op2
			 ? ENC_EQUAL
			 : ENC_DIFFERENT;
	if (!w->r->allows_128)
		w->s128 = SUPPORT_NA;
	else if (!c)
		w->s128 = SUPPORT_ABSENT;
	else if (con->kind == CONSUMER_NAMES)
		w->s128 = SUPPORT_UNKNOWN;
	else
		w->s128 = c->has128 ? SUPPORT_PRESENT : SUPPORT_64BIT_ONLY;
}

static void enc_text(struct strbuf *out, const struct consumer_reg *c)
{
	if (!c || !c->has_encoding)
		sb_add(out, "-");
	else if (!c->enc_known)
		sb_add(out, "unknown (not a plain number)");
	else
		sb_printf(out, "%u,%u,%u,%u,%u", c->enc[0], c->enc[1], c->enc[2], c->enc[3], c->enc[4]);
}

static void md_row(struct strbuf *out, const struct row *w)
{
	sb_printf(out, "| %s%s%s%s | %u,%u,%u,%u,%u | %s | ", w->r->name, w->r->alias_of ? " (alias of " : "",
		  w->r->alias_of ? w->r->alias_of : "", w->r->alias_of ? ")" : "", w->r->op0, w->r->op1, w->r->crn,
		  w->r->crm, w->r->op2, w->c ? "present" : "absent");
	enc_text(out, w->c);
	sb_printf(out, " | %s |", support_names[w->s128]);
	if (w->c)
		sb_printf(out, " %s:%d |\n", w->c->loc.file, w->c->loc.line);
	else
		sb_add(out, " |\n");
}

static bool row_allows_128(const struct row *w)
{
	return w->r->allows_128;
}

static bool row_differs(const struct row *w)
{
	return w->enc == ENC_DIFFERENT;
}

static bool row_unknown(const struct row *w)
{
	return w->enc == ENC_UNKNOWN;
}

/* A section: a table of the rows `keep` selects, or "None." */
static void md_table(struct strbuf *out, const char *title, const struct row *rows, size_t n,
		     bool (*keep)(const struct row *))
{
	size_t shown = 0;
	sb_printf(out, "\n## %s\n\n", title);
	for (size_t i = 0; i < n; i++) {
		if (!keep(&rows[i]))
			continue;
		if (!shown++)
			sb_add(out, "| register | encoding | in the consumer | its encoding | 128-bit | where |\n"
				    "|---|---|---|---|---|---|\n");
		md_row(out, &rows[i]);
	}
	if (!shown)
		sb_add(out, "None.\n");
}

struct totals {
	size_t present, enc[4], s128[5], consumer_only;
};

static void audit_md(struct strbuf *out, const struct model *m, const struct consumer *con, const struct row *rows,
		    size_t n, const struct totals *t, const struct gen_reg *regs)
{
	sb_printf(out, "# sysreggen audit: %s against %s (%s)\n\n", m->release ? m->release : "?", con->path, con->kind_name);
	sb_add(out, "| | registers |\n|---|---|\n");
	sb_printf(out, "| in the spec (AArch64 registers and aliases, arrays expanded) | %zu |\n", n);
	sb_printf(out, "| present in the %s | %zu |\n| absent | %zu |\n", con->kind_name, t->present, n - t->present);
	sb_printf(out, "| encoding equal | %zu |\n| encoding different | %zu |\n| encoding unknown | %zu |\n", t->enc[ENC_EQUAL],
		  t->enc[ENC_DIFFERENT], t->enc[ENC_UNKNOWN]);
	sb_printf(out, "| 128-bit access: supported | %zu |\n| 128-bit access: 64-bit only | %zu |\n"
		       "| 128-bit access: register absent | %zu |\n",
		  t->s128[SUPPORT_PRESENT], t->s128[SUPPORT_64BIT_ONLY], t->s128[SUPPORT_ABSENT]);
	sb_printf(out, "| in the %s but not in the spec | %zu |\n", con->kind_name, t->consumer_only);
	if (con->kind == CONSUMER_QEMU)
		sb_printf(out, "| QEMU definitions for AArch32 only (not compared) | %u |\n"
			       "| QEMU definitions whose name is computed (not compared) | %u |\n",
			  con->aarch32_only, con->computed_names);
	md_table(out, "Registers that allow 128-bit access", rows, n, row_allows_128);
	md_table(out, "Encodings that differ", rows, n, row_differs);
	md_table(out, "Present, encoding unknown", rows, n, row_unknown);
	sb_printf(out, "\n## In the %s but not in the spec\n\n", con->kind_name);
	for (size_t i = 0, k = 0; i < con->n_regs; i++)
		if (!in_spec(regs, n, con->regs[i].name))
			sb_printf(out, "%s%s", k++ ? ", " : "", con->regs[i].name);
	sb_add(out, t->consumer_only ? "\n" : "None.\n");
	sb_printf(out, "\n## Present, encoding equal (%zu)\n\n", t->enc[ENC_EQUAL] + (con->kind == CONSUMER_NAMES ? t->present : 0));
	for (size_t i = 0, k = 0; i < n; i++)
		if (rows[i].c && rows[i].enc != ENC_DIFFERENT && rows[i].enc != ENC_UNKNOWN)
			sb_printf(out, "%s%s", k++ ? ", " : "", rows[i].r->name);
	sb_printf(out, "\n\n## Absent (%zu)\n\n", n - t->present);
	for (size_t i = 0, k = 0; i < n; i++)
		if (!rows[i].c)
			sb_printf(out, "%s%s", k++ ? ", " : "", rows[i].r->name);
	sb_add(out, "\n");
}

static void audit_json(struct strbuf *out, const struct model *m, const struct consumer *con, const struct row *rows,
		      size_t n, const struct totals *t, const struct gen_reg *regs)
{
	sb_add(out, "{\"spec\": ");
	json_string(out, m->release);
	sb_add(out, ", \"consumer\": {\"path\": ");
	json_string(out, con->path);
	sb_add(out, ", \"kind\": ");
	json_string(out, con->kind_name);
	sb_printf(out, "},\n\"summary\": {\"registers\": %zu, \"present\": %zu, \"absent\": %zu, \"encoding_equal\": %zu, "
		       "\"encoding_different\": %zu, \"encoding_unknown\": %zu, \"supports_128bit\": %zu, "
		       "\"only_64bit\": %zu, \"absent_128bit\": %zu, \"consumer_only\": %zu},\n\"registers\": [",
		  n, t->present, n - t->present, t->enc[ENC_EQUAL], t->enc[ENC_DIFFERENT], t->enc[ENC_UNKNOWN],
		  t->s128[SUPPORT_PRESENT], t->s128[SUPPORT_64BIT_ONLY], t->s128[SUPPORT_ABSENT], t->consumer_only);
	for (size_t i = 0; i < n; i++) {
		const struct row *w = &rows[i];
		sb_add(out, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
		json_string(out, w->r->name);
		sb_printf(out, ", \"encoding\": \"%u,%u,%u,%u,%u\", \"allows_128bit\": %s, \"present\": %s, \"encoding_status\": \"%s\", "
			       "\"128bit\": \"%s\"",
			  w->r->op0, w->r->op1, w->r->crn, w->r->crm, w->r->op2, w->r->allows_128 ? "true" : "false",
			  w->c ? "true" : "false", enc_names[w->enc], support_names[w->s128]);
		if (w->c && w->c->has_encoding) {
			struct strbuf e = {0};
			enc_text(&e, w->c);
			sb_add(out, ", \"consumer_encoding\": ");
			json_string(out, e.s);
			sb_free(&e);
		}
		sb_add(out, "}");
	}
	sb_add(out, "\n], \"consumer_only\": [");
	for (size_t i = 0, k = 0; i < con->n_regs; i++) {
		if (in_spec(regs, n, con->regs[i].name))
			continue;
		sb_add(out, k++ ? ", " : "");
		json_string(out, con->regs[i].name);
	}
	sb_add(out, "]}\n");
}

/* audit: status 1 when a finding --fail-on names holds */
bool emit_audit(struct emit_context *c)
{
	const struct model *m = c->m;
	const struct consumer *con = c->consumer;
	const struct reg_view *view = c->view;
	struct strbuf *out = emit_output(c);
	const struct gen_reg *regs = view->with_aliases;
	size_t n = view->n_with_aliases;
	struct row *rows = xcalloc(n + 1, sizeof(*rows));
	struct totals t = {0};
	for (size_t i = 0; i < n; i++) {
		rows[i].r = &regs[i];
		rows[i].c = lookup(con, regs[i].name);
		classify_row(&rows[i], con);
		t.present += rows[i].c != NULL;
		t.enc[rows[i].enc]++;
		t.s128[rows[i].s128]++;
	}
	for (size_t i = 0; i < con->n_regs; i++)
		t.consumer_only += !in_spec(regs, n, con->regs[i].name);
	if (c->opt->json)
		audit_json(out, m, con, rows, n, &t, regs);
	else
		audit_md(out, m, con, rows, n, &t, regs);
	unsigned findings = 0;
	if (t.s128[SUPPORT_64BIT_ONLY] || t.s128[SUPPORT_ABSENT])
		findings |= AUDIT_MISSING128;
	if (t.enc[ENC_DIFFERENT])
		findings |= AUDIT_MISMATCH;
	free(rows);
	c->status = (findings & c->opt->fail_on) ? 1 : 0;
	return true;
}
