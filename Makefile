# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# sysreggen: read Arm's System Register specification, generate code.
# `make run` runs the main job on the embedded spec; `make check` runs all tests.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man/man1

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS := libxml-2.0 libarchive jansson

# The release compiled into the binary, and the older one kept for diffs.
EMBEDDED_SPEC := spec/SysReg_xml_A_profile-2025-03-facts.tar.xz
EMBEDDED_FEATURES := spec/Features.json

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -pthread $(WARN) $(CFLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) \
	-DEMBEDDED_SPEC_FILE='"$(notdir $(EMBEDDED_SPEC))"'
LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -pthread

SRCS := $(wildcard gen/*.c)
HDRS := $(wildcard gen/*.h)
# Every source but main.c goes into a static library, built once per kind
# of build (plain, ASan+UBSan, TSan, libFuzzer) and linked by the program,
# the replayers, the mutation test and the fuzz targets.
LIB_SRCS := $(filter-out gen/main.c,$(SRCS))
LIB_OBJS := $(LIB_SRCS:gen/%.c=build/%.o) build/embed.o
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TSAN := -O1 -g -fsanitize=thread

.PHONY: all run check check-asan check-tsan check-valgrind bench install uninstall clean deps out print-out-commands fuzz replay
.DELETE_ON_ERROR:

all: sysreggen

# Every package the build and the tests need, installed when run as root,
# else the one apt-get command is printed (.ci/deps.sh).
deps:
	@sh .ci/deps.sh build test

sysreggen: build/main.o build/libsysreggen.a
	$(CC) $(ALL_CFLAGS) -o $@ build/main.o build/libsysreggen.a $(LIBS)

build/%.o: gen/%.c $(HDRS) Makefile | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/libsysreggen.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

build/asan/libsysreggen.a: $(LIB_OBJS:build/%=build/asan/%)
	rm -f $@ && ar rcs $@ $^

build/tsan/libsysreggen.a: $(LIB_OBJS:build/%=build/tsan/%)
	rm -f $@ && ar rcs $@ $^

EMBED_FLAGS = -DEMBEDDED_SPEC_PATH='"$(EMBEDDED_SPEC)"' -DEMBEDDED_FEATURES_PATH='"$(EMBEDDED_FEATURES)"'

build/embed.o: gen/embed.S $(EMBEDDED_SPEC) $(EMBEDDED_FEATURES) | build
	$(CC) -c $(EMBED_FLAGS) -o $@ $<

build build/asan build/tsan:
	mkdir -p $@

sysreggen-asan: build/asan/main.o build/asan/libsysreggen.a
	$(CC) $(ALL_CFLAGS) $(SANITIZE) -o $@ build/asan/main.o build/asan/libsysreggen.a $(LIBS)

build/asan/%.o: gen/%.c $(HDRS) Makefile | build/asan
	$(CC) $(ALL_CFLAGS) $(SANITIZE) -c -o $@ $<

build/tsan/%.o: gen/%.c $(HDRS) Makefile | build/tsan
	$(CC) $(ALL_CFLAGS) $(TSAN) -c -o $@ $<

build/tsan/sysreggen: build/tsan/main.o build/tsan/libsysreggen.a
	$(CC) $(ALL_CFLAGS) $(TSAN) -o $@ build/tsan/main.o build/tsan/libsysreggen.a $(LIBS)

build/asan/embed.o build/tsan/embed.o: gen/embed.S $(EMBEDDED_SPEC) $(EMBEDDED_FEATURES) | build/asan build/tsan
	$(CC) -c $(EMBED_FLAGS) -o $@ $<

# The main job: generate the code into out/ from the embedded spec, and
# show what allows 128-bit access.
run: deps
	@$(MAKE) --no-print-directory out
	./sysreggen list --128 --aliases
	@echo "generated into out/:" && ls out

# Generated files (committed; `make check` fails when they are stale): the
# outputs of `generate`, and lists for reviewing spec updates. Each list's
# sysreggen arguments are kept here so the test can regenerate it.
LIST_FILES := out/sysregs-aarch64.tsv out/sysregs-aarch32.tsv out/sysregs-ext.tsv out/sysregs-128.tsv
ARGS_out/sysregs-aarch64.tsv := list --state aarch64 --aliases --expand
ARGS_out/sysregs-aarch32.tsv := list --state aarch32 --expand
ARGS_out/sysregs-ext.tsv := list --state ext
ARGS_out/sysregs-128.tsv := list --128 --aliases

out: sysreggen
	@mkdir -p out
	./sysreggen generate -o out
	@$(foreach f,$(LIST_FILES),./sysreggen $(ARGS_$(f)) -o $(f) &&) true

print-out-commands:
	@$(foreach f,$(LIST_FILES),echo '$(f) $(ARGS_$(f))';)

check: deps
	@$(MAKE) --no-print-directory sysreggen replay
	sh tests/run.sh ./sysreggen

# Every sanitizer report is logged to build/sanitizer/ and fails the target,
# even when the test that triggered it passed (a test expecting no output
# cannot tell an abort from an empty result).
check-asan: deps
	@$(MAKE) --no-print-directory sysreggen-asan replay
	rm -rf build/sanitizer && mkdir -p build/sanitizer
	ASAN_OPTIONS=detect_leaks=1:log_path=$(CURDIR)/build/sanitizer/asan \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$(CURDIR)/build/sanitizer/ubsan \
		sh tests/run.sh ./sysreggen-asan
	@if ls build/sanitizer/* > /dev/null 2>&1; then \
		echo "sanitizer reports:"; cat build/sanitizer/*; exit 1; \
	else echo "no sanitizer reports"; fi

# The two-thread parsing of JSON entries (pipeline.c) under ThreadSanitizer: any report fails.
check-tsan: deps
	@$(MAKE) --no-print-directory build/tsan/sysreggen
	@mkdir -p build/tsan/gen && rm -f build/tsan/report.*
	TSAN_OPTIONS=log_path=$(CURDIR)/build/tsan/report build/tsan/sysreggen list > /dev/null
	TSAN_OPTIONS=log_path=$(CURDIR)/build/tsan/report build/tsan/sysreggen --spec spec/AARCHMRS-derived-2025-03.tar.xz list > /dev/null
	TSAN_OPTIONS=log_path=$(CURDIR)/build/tsan/report build/tsan/sysreggen --features FEAT_D128 generate -o build/tsan/gen
	TSAN_OPTIONS=log_path=$(CURDIR)/build/tsan/report build/tsan/sysreggen --spec tests/data/good list > /dev/null
	TSAN_OPTIONS=log_path=$(CURDIR)/build/tsan/report build/tsan/sysreggen --spec tests/data/shipped/SysReg_xml_A_profile-2025-03-shipped.tar.gz stats > /dev/null
	TSAN_OPTIONS=log_path=$(CURDIR)/build/tsan/report build/tsan/sysreggen --spec tests/data/bad list > /dev/null 2>&1; \
		test $$? = 1
	@if ls build/tsan/report.* > /dev/null 2>&1; then cat build/tsan/report.*; exit 1; else echo "no ThreadSanitizer reports"; fi

check-valgrind: deps
	@sh .ci/deps.sh valgrind
	@$(MAKE) --no-print-directory sysreggen
	sh tests/valgrind.sh ./sysreggen

bench: deps
	@$(MAKE) --no-print-directory sysreggen
	@sh .ci/deps.sh bench
	sh tests/bench.sh ./sysreggen

# ---- fuzzing (clang-19's libFuzzer) ----
# `make fuzz FUZZ_SECONDS=600` runs each target that long from seeds drawn
# from spec/; inputs that crash or leak land in build/fuzz/crashes/TARGET/
# and fail the target (keep them in tests/corpus/TARGET/ once fixed).
FUZZ_TARGETS := xml json archive cond values consumer
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang-19
FUZZ_FLAGS := -std=c11 -pthread -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) -DEMBEDDED_SPEC_FILE='"$(notdir $(EMBEDDED_SPEC))"'

# the library instrumented for coverage (fuzzer-no-link), the targets linked with libFuzzer
build/fuzz/obj/%.o: gen/%.c $(HDRS) Makefile
	@mkdir -p build/fuzz/obj
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libsysreggen.a: $(LIB_SRCS:gen/%.c=build/fuzz/obj/%.o) build/embed.o
	rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h build/fuzz/libsysreggen.a
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< build/fuzz/libsysreggen.a $(LIBS)

fuzz: deps
	@sh .ci/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	rm -rf build/fuzz/seed && sh tests/fuzz/seeds.sh build/fuzz/seed
	@status=0; for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t; \
		echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=5 -rss_limit_mb=2048 \
			-artifact_prefix=build/fuzz/crashes/$$t/ -print_final_stats=1 \
			build/fuzz/corpus/$$t build/fuzz/seed/$$t $$(ls -d tests/corpus/$$t 2>/dev/null) \
			> build/fuzz/$$t.log 2>&1 || status=1; \
		grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' build/fuzz/$$t.log; \
		ls build/fuzz/crashes/$$t | sed 's|^|  crash: build/fuzz/crashes/'$$t'/|'; \
	done; exit $$status

# Replays of tests/corpus/ (inputs that once found a bug) without libFuzzer,
# with ASan and UBSan, in `make check`.
build/replay/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h build/asan/libsysreggen.a
	@mkdir -p build/replay
	$(CC) $(ALL_CFLAGS) $(SANITIZE) -Wno-missing-prototypes -o $@ $< tests/fuzz/replay.c build/asan/libsysreggen.a $(LIBS)

replay: $(FUZZ_TARGETS:%=build/replay/replay_%) build/mutate

# the mutation test (tests/mutate.c), run by `make check`
build/mutate: tests/mutate.c build/libsysreggen.a
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libsysreggen.a $(LIBS)

install: sysreggen
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 sysreggen $(DESTDIR)$(BINDIR)/sysreggen
	install -m 644 sysreggen.1 $(DESTDIR)$(MANDIR)/sysreggen.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sysreggen $(DESTDIR)$(MANDIR)/sysreggen.1

clean:
	rm -rf build sysreggen sysreggen-asan tests/tmp
