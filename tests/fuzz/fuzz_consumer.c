// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Fuzz target: the readers of what consumers define. The input is read
 * as one file (a Linux sysreg file, a QEMU source file with its loops,
 * aliases and 128-bit members, QEMU's DEF list or a list of names, by what
 * it holds), again as KVM's sys_regs.c with itself as asm/sysreg.h, so
 * that the C macro expansion (cmacro.c) sees it too, and as the kernel's
 * sysreg file that linux-update reads (linux_file.c). */
#include "fuzz_common.h"

#include "../../gen/consumer.h"
#include "../../gen/linux_file.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct diag d = fuzz_diag();
	char *text = malloc(size + 1), *table = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	memcpy(table, text, size + 1);
	struct consumer c;
	consumer_read_text(&c, "fuzz", text, size, &d);
	consumer_free(&c);
	memcpy(text, data, size); /* read_file_text blanks comments in place */
	struct consumer k = {0};
	if (!memchr(data, '\0', size))
		consumer_read_kvm_text(&k, "fuzz", table, text, &d);
	consumer_free(&k);
	free(text);
	free(table);
	char *sysreg = malloc(size + 1);
	memcpy(sysreg, data, size);
	sysreg[size] = '\0';
	struct linux_file lf;
	linux_file_read_text(&lf, "fuzz", sysreg, size, &d);
	linux_file_free(&lf);
	diag_finish(&d);
	return 0;
}
