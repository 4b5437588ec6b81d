#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Run the main commands under valgrind: any memory error or leak fails.
# usage: sh tests/valgrind.sh ./sysreggen
set -u
BIN=$1
command -v valgrind > /dev/null || { echo "valgrind not installed (apt-get install valgrind)"; exit 1; }
pass=0 fail=0
vg() {
	name=$1
	shift
	valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all -q \
		"$BIN" "$@" > /dev/null 2> tests/tmp/vg.err
	rc=$?
	if [ $rc -eq 99 ]; then
		fail=$((fail + 1)); echo "FAIL - valgrind: $name"; sed 's/^/    | /' tests/tmp/vg.err | head -40
	else
		pass=$((pass + 1)); echo "ok - valgrind: $name (exit $rc)"
	fi
}
mkdir -p tests/tmp
vg "list --aliases --expand" list --aliases --expand
vg "stats" stats
vg "show" show TTBR0_EL1 DBGBVR3_EL1 TTBR0_EL12
vg "list --state ext" list --state ext
for f in tests/data/bad/*.xml; do
	vg "bad input $(basename "$f")" --spec "$f" list
done
vg "--strict with unknown elements" --strict --spec tests/data/unknown/AArch64-ttbr0_el1.xml list
vg "JSON package list --128" --spec spec/AARCHMRS-derived-2025-03.tar.xz list --128
vg "JSON package dump --format json" --spec spec/AARCHMRS-derived-2024-12.tar.xz dump --format json
vg "feature set and filter" --features FEAT_D128 --no-feature FEAT_THE list --128
vg "features FEAT_D128" features FEAT_D128
vg "condition" --profile v9Ap4 condition "When (FEAT_A is implemented, or B == 1) and C()"
for f in tests/data/json/*.json; do
	vg "JSON $(basename "$f")" --spec "$f" list
done
vg "contradicting feature options" --features FEAT_D128 --no-feature FEAT_SYSREG128 list
for fmt in text json c qemu kvm; do
	vg "idregs --format $fmt" --profile v9Ap4 idregs --format $fmt
done
vg "idregs with a conflict (error path)" --features FEAT_FP16 idregs
vg "idregs with a warning" --features FEAT_SVE_PMULL128 idregs
vg "decode NAME=VALUE, json" decode --format json ID_AA64ISAR0=0x0000100010211120 ID_AA64PFR0=0x1100000010111112
"$BIN" --features FEAT_D128 idregs --format kvm > tests/tmp/vg-template.json
vg "decode --from a Firecracker template" decode --from tests/tmp/vg-template.json
printf 'ID_AA64ISAR0_EL1 0x151\nNOT_A_REG 1\n' > tests/tmp/vg-values.txt
vg "decode --from lines with an undefined value and a bad name (error path)" decode --from tests/tmp/vg-values.txt
vg "idregs --state aarch32" --state aarch32 --features FEAT_AA32EL0,FEAT_AA32EL1 idregs
vg "features --all" features --all
mkdir -p tests/tmp/vg-gen
vg "generate, every output" --features FEAT_D128 generate -o tests/tmp/vg-gen
vg "generate --check" generate --check -o tests/tmp/vg-gen
vg "generate into a path that is no directory" generate -o tests/tmp/vg-gen/kvm-sysregs.h
vg "diff of two releases" diff spec/SysReg_xml_A_profile-2024-12-facts.tar.xz spec/SysReg_xml_A_profile-2025-03-facts.tar.xz
vg "diff --json of XML and JSON" diff --json --state aarch64 spec/SysReg_xml_A_profile-2025-03-facts.tar.xz spec/AARCHMRS-derived-2025-03.tar.xz
vg "audit of a QEMU tree" audit --against tests/data/qemu
vg "audit --format json of names" audit --format json --against tests/data/audit/names.txt
vg "audit of an unbalanced QEMU file" audit --against tests/data/audit/unbalanced.c
vg "audit of a broken sysreg file" audit --against tests/data/audit/bad-sysreg
vg "Arm's release as shipped, --strict stats" --strict --spec tests/data/shipped/SysReg_xml_A_profile-2025-03-shipped.tar.gz stats
for f in tests/corpus/xml/* tests/corpus/json/* tests/corpus/archive/*; do
	vg "hostile input $(basename "$f")" --spec "$f" list
done
mkdir -p tests/tmp/vg-two
cp tests/data/good/AArch64-test_el1.xml tests/tmp/vg-two/AArch64-a.xml
sed 's/Test Register (EL1)/changed/' tests/data/good/AArch64-test_el1.xml > tests/tmp/vg-two/AArch64-b.xml
vg "a register defined twice (the error path of the checks)" --spec tests/tmp/vg-two list
touch tests/tmp/vg-gen/kvm-sysregs.h.tmpAbCdEf
vg "generate --check with a temporary file left" generate --check -o tests/tmp/vg-gen
vg "generate removing a temporary file left" --features FEAT_D128 generate -o tests/tmp/vg-gen
vg "a JSON Fields.Array that does not split (error path)" --spec tests/data/bad/field-array-uneven.json list
# linux-update: a base whose ID_AA64ISAR0_EL1 is all Res0 (every field and
# enum inserted), a block the spec lacks, SysregFields, --add, --report
{
	printf 'Sysreg\tID_AA64ISAR0_EL1\t3\t0\t0\t6\t0\nRes0\t63:0\nEndSysreg\n\n'
	printf 'SysregFields\tCPACR_ELx\nRes0\t63:0\nEndSysregFields\n\n'
	printf 'Sysreg\tCPACR_EL1\t3\t0\t1\t0\t2\nFields\tCPACR_ELx\nEndSysreg\n\n'
	cat tests/corpus/consumer/sysreg-blocks.txt
} > tests/tmp/vg-sysreg
vg "linux-update --add --report" linux-update tests/tmp/vg-sysreg --add ID_AA64DFR2_EL1 --report -o tests/tmp/vg-sysreg.out
vg "linux-update of a file with errors (error path)" linux-update tests/corpus/consumer/unclosed-comment.c
# the third hardening round's inputs (tests/hostile3.py): every error path
mkdir -p tests/tmp/vg-h3
tar -xJf spec/SysReg_xml_A_profile-2025-03-facts.tar.xz -C tests/tmp/vg-h3 \
	SysReg_xml_A_profile-2025-03/AArch64-ttbr0_el1.xml SysReg_xml_A_profile-2025-03/AArch64-id_aa64isar0_el1.xml
python3 tests/hostile3.py tests/tmp/vg-h3/SysReg_xml_A_profile-2025-03/AArch64-ttbr0_el1.xml \
	tests/tmp/vg-h3/SysReg_xml_A_profile-2025-03/AArch64-id_aa64isar0_el1.xml tests/data/json/good.json tests/tmp/vg-h3
for f in tests/tmp/vg-h3/*.xml tests/tmp/vg-h3/*.json; do
	vg "third round: $(basename "$f")" -W names --spec "$f" generate -o tests/tmp/vg-h3/gen
done
vg "third round: a symbolic link in a spec directory" --spec tests/tmp/vg-h3/SysReg_xml_A_profile-2025-03 list
ln -sf /etc tests/tmp/vg-h3/SysReg_xml_A_profile-2025-03/etc
vg "third round: a link in a spec directory, --strict (error path)" --strict --spec tests/tmp/vg-h3/SysReg_xml_A_profile-2025-03 list
vg "third round: --max-files (error path)" --max-files 1 --spec tests/tmp/vg-h3/SysReg_xml_A_profile-2025-03 list
mkfifo tests/tmp/vg-h3/fifo
vg "third round: -o a FIFO (refused)" list -o tests/tmp/vg-h3/fifo
vg "third round: linux-update of a file with a byte-order mark" linux-update tests/tmp/vg-h3/bom-sysreg
vg "third round: audit of an 18-word line (error path)" audit --against tests/tmp/vg-h3/words-sysreg
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
