#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Every command and every generate output on both releases and the JSON
# package, as one checksum line each: run it before and after a refactor
# and compare (`diff` of the two files must be empty). generate runs with
# -q: its summary names the temporary directory.
# usage: sh tests/snapshot.sh SYSREGGEN OUT-FILE
set -u
BIN=$1 OUT=$2
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
: > "$OUT"
snap() { # NAME ARGS...: exit status, stdout and stderr checksums
	name=$1
	shift
	"$BIN" "$@" > "$W/out" 2> "$W/err"
	echo "$name exit=$? out=$(md5sum < "$W/out" | cut -c1-32) err=$(md5sum < "$W/err" | cut -c1-32)" >> "$OUT"
}
for spec in spec/SysReg_xml_A_profile-2025-03-facts.tar.xz spec/SysReg_xml_A_profile-2024-12-facts.tar.xz \
	spec/AARCHMRS-derived-2025-03.tar.xz; do
	s=$(basename "$spec")
	snap "$s list" --spec "$spec" list
	snap "$s list --128 --aliases" --spec "$spec" list --128 --aliases
	snap "$s list --expand --state aarch32" --spec "$spec" list --expand --state aarch32
	snap "$s list --state ext" --spec "$spec" list --state ext
	snap "$s show" --spec "$spec" show TTBR0_EL1 DBGBVR3_EL1 TTBR0_EL12 SCTLR
	snap "$s show missing" --spec "$spec" show TTBR0_EL1 TTBRO_EL1
	snap "$s show -o" --spec "$spec" -o "$W/show.txt" show TTBR0_EL1
	echo "$s show -o file $(md5sum < "$W/show.txt" | cut -c1-32)" >> "$OUT"
	snap "$s stats" --spec "$spec" stats
	snap "$s dump" --spec "$spec" dump
	snap "$s dump json" --spec "$spec" dump --format json
	snap "$s features" --spec "$spec" features FEAT_D128
	snap "$s condition" --spec "$spec" --features FEAT_D128 condition "When FEAT_D128 is implemented and TCR2_EL1.D128 == 1"
	snap "$s feature list" --spec "$spec" --features FEAT_D128 --no-feature FEAT_THE list --128
	for e in table kvm qemu linux json; do
		rm -rf "$W/gen"
		snap "$s generate $e" -q --spec "$spec" generate -o "$W/gen" --emit $e
		for f in "$W/gen"/*; do echo "$s generate $e $(basename "$f") $(md5sum < "$f" | cut -c1-32)" >> "$OUT"; done
	done
	snap "$s audit qemu" --spec "$spec" audit --against tests/data/qemu
	snap "$s audit json" --spec "$spec" audit --format json --against tests/data/audit/names.txt
	snap "$s audit fail-on" --spec "$spec" audit --fail-on missing128,mismatch --against tests/data/qemu
	snap "$s audit unreadable" --spec "$spec" audit --against /nonexistent/sysreggen-consumer
	snap "$s generate check" -q --spec "$spec" generate --check -o out
done
snap "diff" diff spec/SysReg_xml_A_profile-2024-12-facts.tar.xz spec/SysReg_xml_A_profile-2025-03-facts.tar.xz
snap "diff json" diff --json --128 spec/SysReg_xml_A_profile-2024-12-facts.tar.xz spec/SysReg_xml_A_profile-2025-03-facts.tar.xz
snap "stats bad" --spec tests/data/bad/enc-not-binary.xml stats
snap "stats bad json" --spec tests/data/json/wrong-type.json stats
snap "list acc-array-too-wide" --spec tests/data/bad/acc-array-too-wide.xml list
snap "diff xml json" diff --state aarch64 spec/SysReg_xml_A_profile-2025-03-facts.tar.xz spec/AARCHMRS-derived-2025-03.tar.xz
