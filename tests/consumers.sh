#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# The generated files, consumed by what they are for:
#   sysreg-table.{h,c}  compiled as C11 and C++, every register looked up
#   kvm-sysregs.h       the real arm64 KVM uapi headers (linux-libc-dev-arm64-cross)
#   qemu-*.inc          a mirror of QEMU's ARMCPRegInfo and an X-macro consumer
#   linux-sysreg        the kernel's own gen-sysreg.awk (linux-source-6.12),
#                       its output compiled, encodings against the kernel's sysreg
#   linux-sysreg128.h   GENMASK_U128 semantics, every mask against its halves
# usage: sh tests/consumers.sh SYSREGGEN TMPDIR [LINUX-FILES]
# LINUX-FILES: a directory holding the kernel's arch/arm64/tools (run.sh
# extracts it once, before any test); without it, extracted here.
# Prints ok/FAIL/skip lines; the caller counts them.
set -u
BIN=$1 T=$2 LINUX=${3:-$2/linux}
TOP=$(cd "$(dirname "$0")/.." && pwd)
C=$TOP/tests/consumers
mkdir -p "$T/gen" "$T/nod128"
report() { # STATUS NAME [FILE]
	echo "$1 - $2"
	[ $# -gt 2 ] && [ -s "$3" ] && sed 's/^/    | /' "$3" | head -30
	return 0
}
run() { # NAME CMD...: ok when the command succeeds
	name=$1
	shift
	if "$@" > "$T/run.out" 2>&1; then report ok "$name"; sed -n '1,3s/^/    /p' "$T/run.out"; else report FAIL "$name" "$T/run.out"; fi
}
CFLAGS="-Wall -Wextra -Werror"

"$BIN" generate -o "$T/gen" > "$T/gen.out" 2>&1 || { report FAIL "generate" "$T/gen.out"; exit 0; }
"$BIN" --profile v9Ap4 generate -o "$T/nod128" > "$T/gen2.out" 2>&1 || report FAIL "generate without FEAT_D128" "$T/gen2.out"

# ---- C table ----
run "sysreg-table compiles as C11 and finds every register" sh -c \
	"gcc -std=c11 $CFLAGS -I'$T/gen' '$C/table_test.c' '$T/gen/sysreg-table.c' -o '$T/table_c' && '$T/table_c'"
run "sysreg-table compiles as C++17 and finds every register" sh -c \
	"g++ -std=c++17 $CFLAGS -I'$T/gen' -x c++ '$C/table_test.c' -x c++ '$T/gen/sysreg-table.c' -o '$T/table_cxx' && '$T/table_cxx'"

# ---- KVM ----
UAPI=/usr/aarch64-linux-gnu/include
if [ -f "$UAPI/asm/kvm.h" ]; then
	run "kvm-sysregs.h against the arm64 uapi headers, the agreed D128 list" sh -c \
		"gcc -std=c11 $CFLAGS -I'$UAPI' -I'$T/gen' '$C/kvm_test.c' -o '$T/kvm' && '$T/kvm' d128"
	run "kvm-sysregs.h without FEAT_D128: no 128-bit ids, still compiles" sh -c \
		"gcc -std=c11 $CFLAGS -I'$UAPI' -I'$T/nod128' '$C/kvm_test.c' -o '$T/kvm2' && '$T/kvm2' && ! grep -q SYSREG128_ '$T/nod128/kvm-sysregs.h'"
	run "kvm-sysregs.h never derives the swapped timer ids" sh -c \
		"! grep -E 'CNTVCT_EL0|CNTV_CVAL_EL0|TIMER_(CVAL|CNT)' '$T/gen/kvm-sysregs.h'"
else
	report skip "kvm-sysregs.h against the arm64 uapi headers: $UAPI missing (apt-get install linux-libc-dev-arm64-cross)"
fi

# ---- QEMU ----
if gcc -std=gnu11 $CFLAGS -I"$C" -I"$T/gen" "$C/qemu_test.c" -o "$T/qemu" > "$T/qemu.cc" 2>&1 && "$T/qemu" > "$T/qemu.out"; then
	# the 128-bit registers and encodings of the formats reference; access
	# from the exception level in the name
	grep -v '^#' "$TOP/tests/expected/list128.tsv" |
		awk -F'\t' '{ el = $1; sub(/.*_EL/, "", el); printf "cpreg128\t%s\t%s\tPL%s_RW\n", $1, $2, el }' | sort > "$T/qemu.want"
	grep '^cpreg128' "$T/qemu.out" | sort > "$T/qemu.got"
	run "qemu-cpregs128.c.inc: ARM_CP_128BIT initializers for the eight registers" diff "$T/qemu.want" "$T/qemu.got"
	# QEMU's selection, done again here in awk over `list` (whose names and
	# encodings the llvm-mc test checks)
	"$BIN" list --state aarch64 --expand | awk -F'\t' '
		/^#/ || $2 !~ /^[0-9,]+$/ { next }
		{ split($2, e, ",") }
		e[1] == 3 && (e[2] == 0 || e[2] == 1 || e[2] == 3) && e[3] == 0 && e[4] <= 7 &&
		$1 !~ /ALLINT|PM|S1_|S3_|SVCR/ && $1 !~ /^(CCSIDR_EL1|CCSIDR2_EL1|VMPIDR_EL2|VPIDR_EL2)$/ {
			print "def\t" $1 "\t" $2 }' | LC_ALL=C sort > "$T/def.want"
	grep '^def' "$T/qemu.out" > "$T/def.got"
	run "qemu-cpu-sysregs.h.inc: DEF list by QEMU's rules, sorted by name ($(wc -l < "$T/def.got") registers)" \
		diff "$T/def.want" "$T/def.got"
	run "qemu-cpu-sysregs.h.inc records the spec version" grep -q "Spec: SysReg_xml_A_profile-2025-03" "$T/gen/qemu-cpu-sysregs.h.inc"
else
	cat "$T/qemu.cc" >> "$T/qemu.out" 2> /dev/null
	report FAIL "QEMU includes compile against the ARMCPRegInfo mirror" "$T/qemu.cc"
fi

# ---- Linux ----
SRC=/usr/src/linux-source-6.12.tar.xz
if [ -f "$SRC" ]; then
	if [ ! -f "$LINUX/arch/arm64/tools/gen-sysreg.awk" ]; then
		mkdir -p "$LINUX"
		tar -xJf "$SRC" -C "$LINUX" --strip-components=1 --wildcards '*/arch/arm64/tools/gen-sysreg.awk' \
			'*/arch/arm64/tools/sysreg'
	fi
	AWK=$LINUX/arch/arm64/tools/gen-sysreg.awk
	run "linux-sysreg: the kernel's gen-sysreg.awk accepts it ($(grep -c '^Sysreg' "$T/gen/linux-sysreg") registers)" \
		sh -c "awk -f '$AWK' '$T/gen/linux-sysreg' > '$T/sysreg-defs.h'"
	# use every value the awk defined, so that each expression is compiled
	{
		echo '#include "linux_shim.h"'
		echo '#include "sysreg-defs.h"'
		echo 'unsigned long long all_values[] = {'
		grep '^#define ' "$T/sysreg-defs.h" | awk '$2 !~ /^(REG_|__ASM_)/ { print "\t" $2 "," }'
		echo '};'
		echo '_Static_assert(SYS_ID_AA64MMFR3_EL1 == sys_reg(3, 0, 0, 7, 3), "ID_AA64MMFR3_EL1");'
		echo 'int main(void) { return all_values[0] == 0 && all_values[1] == 0; }'
	} > "$T/linux_use.c"
	run "linux-sysreg: the awk's header compiles, every definition evaluated" \
		gcc -std=gnu11 $CFLAGS -Wno-overflow -I"$C" -I"$T" "$T/linux_use.c" -o "$T/linux_use"
	sysregs() { awk '$1 == "Sysreg" { print $2, $3 "," $4 "," $5 "," $6 "," $7 }' "$1" | sort; }
	sysregs "$LINUX/arch/arm64/tools/sysreg" > "$T/kernel.enc"
	sysregs "$T/gen/linux-sysreg" > "$T/ours.enc"
	join "$T/kernel.enc" "$T/ours.enc" | awk '$2 != $3' > "$T/enc.diff"
	both=$(join "$T/kernel.enc" "$T/ours.enc" | wc -l)
	run "linux-sysreg: encodings agree with the kernel's sysreg for all $both registers both name" sh -c "! test -s '$T/enc.diff' && test $both -gt 100"
	[ -s "$T/enc.diff" ] && sed 's/^/    differs: /' "$T/enc.diff"
	join -v1 "$T/kernel.enc" "$T/ours.enc" | awk '{ print $1 }' | tr '\n' ' ' > "$T/kernel-only"
	echo "    in the kernel's file but not written here: $(wc -w < "$T/kernel-only") ($(cut -c1-300 "$T/kernel-only")...)"
else
	report skip "linux-sysreg against gen-sysreg.awk: $SRC missing (apt-get install linux-source-6.12)"
fi

# linux-sysreg128.h: every _MASK is its _HI:_LO halves and _WIDTH bits wide
{
	echo '#include "linux_shim.h"'
	echo '#include "linux-sysreg128.h"'
	echo 'typedef unsigned __int128 u128;'
	echo 'static int bits(u128 m) { int n = 0; for (; m; m &= m - 1) n++; return n; }'
	echo 'int main(void) { int bad = 0;'
	grep -o '^#define [A-Za-z0-9_]*_MASK ' "$T/gen/linux-sysreg128.h" | awk '{ m = $2; f = m; sub(/_MASK$/, "", f)
		printf "\t_Static_assert(%s == (((u128)%s_HI << 64) | %s_LO), \"%s\");\n", m, m, m, m
		printf "\tbad |= bits(%s) != %s_WIDTH;\n", m, f }'
	echo '	/* Arm: TTBR0_EL1 128-bit BADDR is 87:80 and 47:5 */'
	echo '	_Static_assert(TTBR0_EL1_128_BADDR_MASK == (GENMASK_U128(87, 80) | GENMASK_U128(47, 5)), "BADDR");'
	echo '	_Static_assert(TTBR0_EL1_128_BADDR_SHIFT_HI == 16 && TTBR0_EL1_128_BADDR_SHIFT_LO == 5, "BADDR shifts");'
	echo '	return bad; }'
} > "$T/l128.c"
run "linux-sysreg128.h: $(grep -c '_MASK ' "$T/gen/linux-sysreg128.h") masks equal their 64-bit halves and widths (GENMASK_U128 semantics)" \
	sh -c "gcc -std=gnu11 $CFLAGS -I'$C' -I'$T/gen' '$T/l128.c' -o '$T/l128' && '$T/l128'"
