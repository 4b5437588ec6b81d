// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Classify widths and access.
 *
 * A register allows 128-bit access when MRRS/MSRRregister accessors name it
 * (after resolve.c: its own page's, or another page's redirect). Its 128-bit
 * condition is that accessor's access condition ("When FEAT_D128 is
 * implemented"). The identifying accessor is the first register move in
 * the order MRS, MSRregister, MRRS, MSRRregister, MRC, MCR, MRRC, MCRR.
 */
#include <string.h>

#include "passes.h"

/* External and memory-mapped registers have no accessors: the default
 * (unconditional) access type on their page says R, W or RW. */
static unsigned access_from_text(const char *t)
{
	if (!t)
		return 0;
	if (str_starts_with(t, "RW"))
		return ACCESS_R | ACCESS_W;
	if (str_starts_with(t, "RO") || str_starts_with(t, "RAZ"))
		return ACCESS_R;
	if (str_starts_with(t, "WO") || strcmp(t, "WI") == 0)
		return ACCESS_W;
	return 0;
}

static int widest_fieldset(const struct reg *r)
{
	int w = 0;
	for (size_t i = 0; i < r->n_fieldsets; i++)
		if (r->fieldsets[i].width > w)
			w = r->fieldsets[i].width;
	return w;
}

void classify_registers(struct model *m)
{
	for (size_t i = 0; i < m->n_regs; i++) {
		struct reg *r = &m->regs[i];
		struct access_summary s;
		accessors_summarize(r->refs, r->n_refs, -1, &s);
		r->width = s.width ? s.width : widest_fieldset(r);
		r->access = s.primary ? s.access : access_from_text(r->mm_access);
		r->acc128 = s.acc128;
		r->primary = s.primary;
		for (size_t j = 0; j < r->n_aliases; j++) {
			struct alias *al = &r->aliases[j];
			accessors_summarize(al->accs, al->n_accs, -1, &s);
			al->width = s.width;
			al->access = s.access;
			al->acc128 = s.acc128;
			al->primary = s.primary;
		}
	}
}
