#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Seed corpora for the fuzz targets, drawn from spec/ and tests/data/.
# usage: sh tests/fuzz/seeds.sh OUTDIR   (makes OUTDIR/{xml,json,archive,cond,values})
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$OUT/xml" "$OUT/json" "$OUT/archive" "$OUT/cond" "$OUT/values" "$OUT/consumer"
tar -xJf "$TOP/spec/SysReg_xml_A_profile-2025-03-facts.tar.xz" -C "$tmp"
rel=$tmp/SysReg_xml_A_profile-2025-03
# xml: every 25th page, the small pages of tests/data, the index files
ls "$rel"/*.xml | awk 'NR % 25 == 1' | while read -r f; do cp "$f" "$OUT/xml/"; done
cp "$rel/AArch64-ttbr0_el1.xml" "$rel/AArch64-dbgbvrn_el1.xml" "$rel/AArch64-s3_op1_cn_cm_op2.xml" "$OUT/xml/"
for f in "$TOP"/tests/data/*/*.xml; do cp "$f" "$OUT/xml/$(basename "$(dirname "$f")")-$(basename "$f")"; done
# json: the hand-written files, the start of Registers.json and Features.json
cp "$TOP"/tests/data/json/*.json "$OUT/json/"
tar -xJf "$TOP/spec/AARCHMRS-derived-2025-03.tar.xz" -C "$tmp"
head -c 40000 "$tmp/AARCHMRS-derived-2025-03/Registers.json" > "$OUT/json/registers-start.json"
head -c 40000 "$TOP/spec/Features.json" > "$OUT/json/features-start.json"
# archive: small releases as .tar.xz, .tar.gz, .tar, and a bare page
mkdir -p "$tmp/small/rel"
cp "$rel/AArch64-ttbr0_el1.xml" "$rel/AArch64-ttbr0_el2.xml" "$rel/AArch32-dacr.xml" "$rel/enc_index.xml" "$tmp/small/rel/"
tar -cJf "$OUT/archive/small.tar.xz" -C "$tmp/small" rel
tar -czf "$OUT/archive/small.tar.gz" -C "$tmp/small" rel
tar -cf "$OUT/archive/small.tar" -C "$tmp/small" rel
cp "$TOP/tests/data/bad/claims-2GB.tar" "$OUT/archive/"
cp "$TOP/tests/data/json/good.json" "$OUT/archive/"
# cond: the distinct conditions of the release
cat "$rel"/*.xml | grep -o '<\(reg\|fields\|access\)_condition[^>]*>[^<]*' | sed 's/^<[^>]*>//' |
	sort -u | awk -v out="$OUT/cond" '{ f = out "/c" NR; print > f; close(f) }'
# values: decode's inputs: the corpus kept, and values of a real core
cp "$TOP"/tests/corpus/values/* "$OUT/values/"
printf 'ID_AA64ISAR0 0x0000100010211120\nID_AA64PFR0_EL1 0x1100000010111112\n# comment\nMVFR0 0x10110222\n' > "$OUT/values/n1.txt"
# consumer: QEMU-like files and the name lists of tests/data, QEMU's own
# files that hold loops, aliases and the DEF list, and the kernel's sysreg
# file when linux-source-6.12 is installed
cp "$TOP/tests/data/qemu/target/arm/helper.c" "$OUT/consumer/qemu-helper.c"
cp "$TOP/tests/data/qemu128/target/arm/cpregs-d128.c" "$TOP/tests/data/audit/names.txt" "$TOP/tests/data/audit/bad-sysreg" "$OUT/consumer/"
tar -xJf "$TOP/tests/data/qemu-ece40881-target-arm.tar.xz" -C "$tmp" target/arm/debug_helper.c target/arm/cpregs-pmu.c \
	target/arm/cpu-sysregs.h.inc hw/intc/arm_gicv3_cpuif.c
cp "$tmp/target/arm/debug_helper.c" "$tmp/target/arm/cpregs-pmu.c" "$tmp/target/arm/cpu-sysregs.h.inc" \
	"$tmp/hw/intc/arm_gicv3_cpuif.c" "$OUT/consumer/"
printf '#define DBG(n) { SYS_DESC(SYS_DBGBVRn_EL1(n)) }, { SYS_DESC(SYS_X##n) }\n#define SYS_DBGBVRn_EL1(n) sys_reg(2, 0, 0, n, 4)\n#define SYS_X1 sys_reg(3, 0, 1, 0, 0)\nstatic const struct sys_reg_desc sys_reg_descs[] = {\n\tDBG(1),\n\t{ Op0(3), Op1(0), CRn(0), CRm(3), Op2(3) },\n};\n' > "$OUT/consumer/kvm-mini.c"
# the third hardening round's hostile inputs (tests/hostile3.py): entity
# declarations, trigraphs, bidirectional characters, values that are not
# bits, long names, names with newlines, a byte-order mark, long lines;
# and an archive holding an entity page and a link
mkdir -p "$tmp/hostile/rel"
python3 "$TOP/tests/hostile3.py" "$rel/AArch64-ttbr0_el1.xml" "$rel/AArch64-id_aa64isar0_el1.xml" \
	"$TOP/tests/data/json/good.json" "$tmp/hostile"
for f in "$tmp"/hostile/*.xml; do cp "$f" "$OUT/xml/hostile-$(basename "$f")"; done
for f in "$tmp"/hostile/*.json; do cp "$f" "$OUT/json/hostile-$(basename "$f")"; done
for f in "$tmp"/hostile/*-sysreg; do cp "$f" "$OUT/consumer/hostile-$(basename "$f")"; done
cp "$tmp/hostile/AArch64-ent6.xml" "$tmp/hostile/AArch64-value.xml" "$tmp/hostile/rel/"
ln -s /etc/passwd "$tmp/hostile/rel/AArch64-passwd.xml"
tar -czf "$OUT/archive/hostile.tar.gz" -C "$tmp/hostile" rel
printf 'FEAT_D128 && TCR2_EL1.D128 == 1 ??/
' > "$OUT/cond/hostile-trigraph"
printf 'FEAT_D128 \342\200\256 && FEAT_SVE\n' > "$OUT/cond/hostile-bidi"
echo "seeds: $(ls "$OUT/xml" | wc -l) xml, $(ls "$OUT/json" | wc -l) json, $(ls "$OUT/archive" | wc -l) archive, $(ls "$OUT/cond" | wc -l) cond, $(ls "$OUT/values" | wc -l) values, $(ls "$OUT/consumer" | wc -l) consumer"
