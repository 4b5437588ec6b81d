#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Compare every AArch64 register name and encoding that `sysreggen list`
# prints with LLVM 19's assembler: `mrs x0, NAME` (or `msr NAME, x0` for
# write-only registers) must assemble, and bits [20:5] of the instruction
# word must hold op0:op1:CRn:CRm:op2 as sysreggen says.
#
# usage: tests/llvm_mc.sh SYSREGGEN [--spec PATH]
# Prints the counts; exits 1 on any mismatch, 77 when llvm-mc is missing.
set -u
bin=$1
shift
mc=${LLVM_MC:-/usr/lib/llvm-19/bin/llvm-mc}
[ -x "$mc" ] || { echo "llvm-mc not found at $mc (apt-get install llvm-19)"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" "$@" list --state aarch64 --expand --aliases > "$tmp/list" || exit 1

# One instruction per register with a concrete encoding. names has, per
# asm line: NAME and the expected 16-bit field value.
awk -F '\t' -v asm="$tmp/in.s" -v names="$tmp/names" '
	/^#/ { next }
	$2 !~ /^[0-9]+,[0-9]+,[0-9]+,[0-9]+,[0-9]+$/ { skipped++; next }
	{
		split($2, e, ",")
		want = e[1] * 16384 + e[2] * 2048 + e[3] * 128 + e[4] * 8 + e[5]
		if ($4 ~ /R/) print "mrs x0, " $1 > asm
		else print "msr " $1 ", x0" > asm
		print $1, want > names
	}
	END { print skipped + 0 > "/dev/stderr" }' "$tmp/list" 2> "$tmp/skipped"

"$mc" -triple=aarch64 -mattr=+all --show-encoding "$tmp/in.s" > "$tmp/out" 2> "$tmp/err"

# Lines llvm-mc rejected (it goes on after an error), then the encodings of
# the accepted ones, in order.
grep -o 'in\.s:[0-9]*:[0-9]*: error' "$tmp/err" | cut -d: -f2 | sort -n -u > "$tmp/rejected"
grep -o 'encoding: \[[^]]*\]' "$tmp/out" | sed 's/encoding: \[//; s/\]//' > "$tmp/enc"

awk -v rejected="$tmp/rejected" -v encs="$tmp/enc" -v skipped="$(cat "$tmp/skipped")" '
	function hex(s) { return index("0123456789abcdef", tolower(substr(s, 4, 1))) - 1 + 16 * (index("0123456789abcdef", tolower(substr(s, 3, 1))) - 1) }
	BEGIN { while ((getline l < rejected) > 0) bad[l] = 1 }
	{
		if (NR in bad) { unknown++; unknown_names = unknown_names " " $1; next }
		if ((getline e < encs) <= 0) { print "llvm-mc printed fewer encodings than it accepted lines"; exit 2 }
		split(e, b, ",")
		word = hex(b[1]) + 256 * hex(b[2]) + 65536 * hex(b[3]) + 16777216 * hex(b[4])
		field = int(word / 32) % 65536
		compared++
		if (field != $2) {
			mismatches++
			printf "MISMATCH %s: sysreggen %d,%d,%d,%d,%d llvm-mc %d,%d,%d,%d,%d\n", $1,
				int($2 / 16384), int($2 / 2048) % 8, int($2 / 128) % 16, int($2 / 8) % 16, $2 % 8,
				int(field / 16384), int(field / 2048) % 8, int(field / 128) % 16, int(field / 8) % 16, field % 8
		}
	}
	END {
		printf "llvm-mc: %d names compared, %d mismatches, %d unknown to LLVM 19, %d without a single encoding\n",
			compared, mismatches, unknown, skipped
		if (unknown) print "unknown to LLVM 19:" unknown_names
		if (mismatches || compared < 500) exit 1
	}' "$tmp/names"
