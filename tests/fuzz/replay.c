// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* Runs a fuzz target's LLVMFuzzerTestOneInput on files, without libFuzzer:
 * `make check` replays the inputs kept in tests/corpus/ with it. */
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		unsigned char *buf = NULL;
		size_t n = 0, cap = 0, got;
		do {
			if (n == cap) {
				cap = cap ? cap * 2 : 65536;
				buf = realloc(buf, cap);
				if (!buf)
					return 2;
			}
			got = fread(buf + n, 1, cap - n, f);
			n += got;
		} while (got > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
	}
	printf("replayed %d inputs\n", argc - 1);
	return 0;
}
