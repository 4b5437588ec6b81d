#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Hostile input, second round: each test builds its input from a real page
# of the embedded release or from tests/data, and fails on sysreggen before
# the fix it tests. usage: sh tests/hardening.sh SYSREGGEN TMPDIR
# Prints ok/FAIL lines; the caller counts them.
set -u
BIN=$1 W=$2
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2
rm -rf "$W" && mkdir -p "$W"
REL=SysReg_xml_A_profile-2025-03
tar -xJf spec/$REL-facts.tar.xz -C "$W" $REL/AArch64-ttbr0_el1.xml $REL/AArch64-erridr_el1.xml $REL/AArch64-ttbr1_el1.xml
TTBR0=$W/$REL/AArch64-ttbr0_el1.xml
ERRIDR=$W/$REL/AArch64-erridr_el1.xml
JSON=tests/data/json/good.json

ok() { echo "ok - $1"; }
fail() { echo "FAIL - $1"; [ -s "$W/why" ] && sed 's/^/    | /' "$W/why" | head -20; return 0; }
# run NAME CMD...: succeeds, or FAIL with its output
run() { name=$1; shift; if "$@" > "$W/why" 2>&1; then ok "$name"; else fail "$name"; fi; }
# refused NAME PATTERN ARGS...: exit 1, nothing on stdout, stderr matches
refused() {
	name=$1 pattern=$2
	shift 2
	"$BIN" "$@" > "$W/out" 2> "$W/err"
	rc=$?
	{ echo "exit $rc"; cat "$W/out" "$W/err"; } > "$W/why"
	if [ $rc -eq 1 ] && ! [ -s "$W/out" ] && grep -Eq -e "$pattern" "$W/err"; then ok "$name"; else fail "$name"; fi
}

# ---- 1. nothing from the input reaches generated code unchecked ----

sed 's|<reg_short_name>TTBR0_EL1</reg_short_name>|<reg_short_name>TTBR0_EL1\&quot;, 0}}; int pwned(void){return 1;} /*</reg_short_name>|' \
	"$TTBR0" > "$W/AArch64-quote.xml"
sed 's|<reg_short_name>TTBR0_EL1</reg_short_name>|<reg_short_name>TTBR0_EL1\&#10;#define X 1</reg_short_name>|' \
	"$TTBR0" > "$W/AArch64-newline.xml"
for page in quote newline; do
	for emit in table kvm qemu linux json; do
		rm -rf "$W/gen"
		mkdir -p "$W/gen"
		"$BIN" --spec "$W/AArch64-$page.xml" generate -o "$W/gen" --emit $emit > "$W/why" 2>&1
		rc=$?
		if [ $rc -eq 1 ] && grep -q "is not a name.*\[names\]" "$W/why" && [ -z "$(ls "$W/gen")" ]; then
			ok "a register name carrying C ($page): generate --emit $emit exits 1 and writes nothing"
		else
			echo "exit $rc; written: $(ls "$W/gen")" >> "$W/why"
			fail "a register name carrying C ($page): generate --emit $emit exits 1 and writes nothing"
		fi
	done
done
sed '0,/<field_name>BADDR<\/field_name>/s||<field_name>BADDR */ x</field_name>|' "$TTBR0" > "$W/AArch64-field.xml"
refused "a field name carrying a comment's end is refused, with its line" \
	"AArch64-field\.xml:[0-9]+: error: field name 'BADDR \*/ x' is not a name .*\[names\]" --spec "$W/AArch64-field.xml" list
sed 's/"name": "TEST_EL1"/"name": "TEST_EL1\\" int x;"/' $JSON > "$W/name.json"
refused "JSON: a register name carrying a quote is refused, with its line" \
	'name\.json:2: error: register name .TEST_EL1" int x;. is not a name' --spec "$W/name.json" list

# Text that is not a name but goes into comments is escaped: a fieldset
# condition with a comment's end and start, in linux-sysreg128.h.
sed 's|<fields_condition>When FEAT_D128 is implemented and TCR2_EL1.D128 == 1</fields_condition>|<fields_condition>When FEAT_D128 is implemented and TCR2_EL1.D128 == 1 */ int pwned; /* x</fields_condition>|' \
	"$TTBR0" > "$W/AArch64-cond.xml"
rm -rf "$W/gen" && "$BIN" --spec "$W/AArch64-cond.xml" generate -o "$W/gen" > "$W/why" 2>&1
printf '#include <stdint.h>\n#include "linux-sysreg128.h"\nint main(void) { return 0; }\n' > "$W/gen/use.c"
run "a condition with '*/' and '/*' stays inside its comment: linux-sysreg128.h compiles with -Wall -Werror" \
	sh -c "! grep -n '\*/ int pwned' '$W/gen/linux-sysreg128.h' && cc -Wall -Werror -fsyntax-only -I'$W/gen' '$W/gen/use.c'"
sed 's/"name": "TEST_EL1",/"name": "TEST_EL1", "_meta": {"version": {"architecture": "v9 *\/ int pwned; \/*", "build": "1\\n#define X"}},/' \
	$JSON > "$W/meta.json"
rm -rf "$W/gen" && "$BIN" --spec "$W/meta.json" generate -o "$W/gen" --emit table > "$W/why" 2>&1
printf '#include "sysreg-table.h"\n' > "$W/gen/use.c"
run "a release name with '*/' and a newline stays inside the banner comment: sysreg-table.h compiles" \
	sh -c "head -3 '$W/gen/sysreg-table.h' | grep -q 'v9 \*.. int pwned' && ! grep -q '^#define X' '$W/gen/sysreg-table.h' && cc -Wall -Werror -fsyntax-only -I'$W/gen' '$W/gen/use.c'"

# ---- 2. an encoding has exactly the fields of its instruction ----

sed '/<enc n="op1"/d' "$ERRIDR" > "$W/AArch64-no-op1.xml"
refused "an accessor without op1 is refused" \
	"AArch64-no-op1\.xml:[0-9]+: error: MRS ERRIDR_EL1: encoding has fields op0, CRn, CRm, op2; expected op0, op1, CRn, CRm, op2, each once \[encoding-fields\]" \
	--spec "$W/AArch64-no-op1.xml" list
sed 's/<enc n="op1"/<enc n="bogus"/' "$ERRIDR" > "$W/AArch64-bogus.xml"
refused "an accessor with an unknown encoding field is refused" \
	"AArch64-bogus\.xml:[0-9]+: error: MRS ERRIDR_EL1: encoding has fields op0, bogus, CRn" --spec "$W/AArch64-bogus.xml" list
awk '/<enc n="op1"/ { print } { print }' "$ERRIDR" > "$W/AArch64-twice.xml"
refused "an accessor with op1 twice is refused" \
	"AArch64-twice\.xml:[0-9]+: error: MRS ERRIDR_EL1: encoding has fields op0, op1, op1, CRn" --spec "$W/AArch64-twice.xml" list
grep -v '"op1": {' $JSON > "$W/no-op1.json"
refused "JSON: an accessor without op1 is refused" \
	"no-op1\.json:2: error: MRS TEST_EL1: encoding has fields op0, CRn, CRm, op2; expected" --spec "$W/no-op1.json" list

# ---- 3. conflicting definitions ----

mkdir -p "$W/two"
cp "$TTBR0" "$W/two/"
sed 's/<enc n="CRn" v="0b0010" \/>/<enc n="CRn" v="0b0011" \/>/' "$TTBR0" > "$W/two/AArch64-ttbr0_el1-copy.xml"
refused "two pages give TTBR0_EL1 two encodings: an error naming both" \
	"AArch64-ttbr0_el1(-copy)?\.xml:[0-9]+: error: TTBR0_EL1 \(AArch64\) is defined twice, differently: here and at .*AArch64-ttbr0_el1(-copy)?\.xml" \
	--spec "$W/two" list
mkdir -p "$W/arch/a" && cp "$TTBR0" "$W/arch/a/"
tar -cf "$W/twice.tar" -C "$W/arch" a && tar -rf "$W/twice.tar" -C "$W/arch" a/AArch64-ttbr0_el1.xml
"$BIN" --spec "$W/twice.tar" list --state aarch64 > "$W/list.out" 2> "$W/list.err"
run "an archive with the same member twice: a warning, the register listed once" \
	sh -c "cat '$W/list.err'; grep -q 'twice.tar(a/AArch64-ttbr0_el1.xml):[0-9]*: warning: TTBR0_EL1 (AArch64) is defined again, identically' '$W/list.err' && test \$(grep -c '^TTBR0_EL1	' '$W/list.out') -eq 1"
python3 - "$TOP/spec/AARCHMRS-derived-2025-03.tar.xz" "$W/x16.json" <<'EOF'
import json, sys, tarfile
t = tarfile.open(sys.argv[1])
regs = json.load(t.extractfile("AARCHMRS-derived-2025-03/Registers.json"))
with open(sys.argv[2], "w") as f:
    json.dump(regs * 16, f)
EOF
rm -rf "$W/gen" && "$BIN" --spec "$W/x16.json" generate -o "$W/gen" --emit kvm > "$W/x16.out" 2> "$W/x16.err"
rc=$?
run "a Registers.json with every entry 16 times: warnings, exit 0, each KVM id defined once" \
	sh -c "tail -3 '$W/x16.err'; test $rc -eq 0 && grep -q 'defined again, identically' '$W/x16.err' && test \$(grep -c '^#define KVM_REG_ARM64_SYSREG_TTBR0_EL1 ' '$W/gen/kvm-sysregs.h') -eq 1"
sed 's/TTBR1_EL1/OTHER_EL1/g; s/TTBR1_EL12/OTHER_EL12/g' "$W/$REL/AArch64-ttbr1_el1.xml" |
	sed 's/<enc n="op2" v="0b001" \/>/<enc n="op2" v="0b000" \/>/' > "$W/two/AArch64-other_el1.xml"
rm "$W/two/AArch64-ttbr0_el1-copy.xml"
refused "two registers at one encoding: an error naming both" \
	"error: OTHER_EL1 and TTBR0_EL1 share the encoding MRS op0=0b11 op1=0b000 CRn=0b0010 CRm=0b0000 op2=0b000 \(AArch64\) \[duplicate-encoding\]" \
	--spec "$W/two" list

# ---- 4. JSON: limits before memory is spent ----

python3 tests/hostile_json.py "$W"
refused "2,000,000 bare numbers: refused at the top-level array's limit" \
	"bare\.json:[0-9]+:[0-9]+: error: more than 100000 elements in the top-level array \(--max-array-items\)" --spec "$W/bare.json" list
refused "1e6 unknown keys in one entry: refused before jansson reads them" \
	"keys\.json:[0-9]+:[0-9]+: error: an object of more than 10000 members \(--max-object-keys\)" --spec "$W/keys.json" list
refused "a 3 MiB key: --max-string applies to keys" \
	"longkey\.json:[0-9]+:[0-9]+: error: a string of 3145728 bytes, over the limit of 1048576 \(--max-string\)" --spec "$W/longkey.json" list
run "--max-array-items 10: an array of 10 values is read" "$BIN" --max-array-items 10 --spec "$W/array10.json" list
refused "--max-array-items 10: an array of 11 values is refused" \
	"array11\.json:[0-9]+:[0-9]+: error: an array of more than 10 values \(--max-array-items\)" --max-array-items 10 --spec "$W/array11.json" list
run "--max-object-keys 20: an entry with 10 more members is read" "$BIN" --max-object-keys 20 --spec "$W/object10.json" list
refused "--max-object-keys 10: an object of 11 members is refused" \
	"object11\.json:[0-9]+:[0-9]+: error: an object of more than 10 members \(--max-object-keys\)" --max-object-keys 10 --spec "$W/object11.json" list
refused "--max-values: an entry with more values is refused" \
	"array11\.json:[0-9]+:[0-9]+: error: more than 50 values in one entry or document \(--max-values\)" --max-values 50 --spec "$W/array11.json" list

# ---- 5. what cannot be decoded says so ----

iconv -f UTF-8 -t UTF-16 "$TTBR0" > "$W/AArch64-utf16.xml"
iconv -f UTF-8 -t UTF-16BE "$TTBR0" > "$W/AArch64-utf16be.xml"
iconv -f UTF-8 -t UTF-32 "$TTBR0" > "$W/AArch64-utf32.xml"
{ printf '\377\376'; cat "$TTBR0"; } > "$W/AArch64-bom.xml"
{ head -c 300 "$TTBR0"; printf '\000'; tail -c +301 "$TTBR0"; } > "$W/AArch64-nul.xml"
refused "a UTF-16 page (with a byte-order mark): its encoding, line 1" \
	"AArch64-utf16\.xml:1: error: encoded as UTF-16LE \(byte-order mark FF FE\): sysreggen reads UTF-8" --spec "$W/AArch64-utf16.xml" list
refused "a UTF-16BE page without a byte-order mark: its encoding" \
	"AArch64-utf16be\.xml:1: error: encoded as UTF-16BE without a byte-order mark" --spec "$W/AArch64-utf16be.xml" list
refused "a UTF-32 page: its encoding" \
	"AArch64-utf32\.xml:1: error: encoded as UTF-32LE \(byte-order mark FF FE 00 00\)" --spec "$W/AArch64-utf32.xml" list
refused "a UTF-8 page behind a UTF-16 byte-order mark: the mark found" \
	"AArch64-bom\.xml:1: error: encoded as UTF-16LE \(byte-order mark FF FE\)" --spec "$W/AArch64-bom.xml" list
refused "a page with a NUL byte: its line and offset" \
	"AArch64-nul\.xml:$(head -c 300 "$TTBR0" | wc -l | awk '{print $1 + 1}'): error: a NUL byte at offset 300" --spec "$W/AArch64-nul.xml" list

# ---- 6. temporary files a killed run left ----

rm -rf "$W/gen" && "$BIN" generate -o "$W/gen" > /dev/null 2>&1
touch "$W/gen/kvm-sysregs.h.tmpAb12Cd" "$W/gen/sysregs.json.tmpZZZZZZ" "$W/gen/kvm-sysregs.h.tmpAb12C" "$W/gen/mine.tmpAb12Cd"
"$BIN" generate --check -o "$W/gen" > "$W/out" 2> "$W/why"
rc=$?
cat "$W/out" >> "$W/why"
run "generate --check names the temporary files of an interrupted run, exit 1" \
	sh -c "test $rc -eq 1 && grep -q 'kvm-sysregs.h.tmpAb12Cd (a temporary file left by an interrupted run)' '$W/out' && grep -q 'sysregs.json.tmpZZZZZZ' '$W/out' && ! grep -q 'tmpAb12C ' '$W/out'"
"$BIN" generate -o "$W/gen" > "$W/why" 2>&1
run "generate removes them, and only files of its exact pattern" \
	sh -c "cd '$W/gen' && ! test -e kvm-sysregs.h.tmpAb12Cd && ! test -e sysregs.json.tmpZZZZZZ && test -e kvm-sysregs.h.tmpAb12C && test -e mine.tmpAb12Cd"
rm -f "$W/gen/kvm-sysregs.h.tmpAb12C" "$W/gen/mine.tmpAb12Cd"
# real kills while it writes (tests/kill_generate.py)
i=6
left=$(python3 tests/kill_generate.py "$BIN" spec/AARCHMRS-derived-2025-03.tar.xz "$W/gen")
"$BIN" --spec spec/AARCHMRS-derived-2025-03.tar.xz generate --check -o "$W/gen" > "$W/check.out" 2>&1
reported=$(grep -c 'left by an interrupted run' "$W/check.out")
"$BIN" --spec spec/AARCHMRS-derived-2025-03.tar.xz generate -o "$W/gen" > "$W/why" 2>&1
run "after $i SIGKILLs ($left temporary files left, $reported named by --check), the next generate leaves none and --check passes" \
	sh -c "test $reported -eq $left && ! ls '$W/gen' | grep -q '\.tmp' && '$BIN' --spec spec/AARCHMRS-derived-2025-03.tar.xz generate --check -o '$W/gen'"

# ---- 7. links and special files in archives ----

python3 - "$W/links.tar" "$TTBR0" <<'EOF'
import sys, tarfile, io
out, page = sys.argv[1], sys.argv[2]
with tarfile.open(out, "w") as t:
    t.add(page, arcname="rel/AArch64-ttbr0_el1.xml")
    for name, kind, extra in [("rel/AArch64-passwd.xml", tarfile.SYMTYPE, "/etc/passwd"),
                              ("rel/AArch64-hard.xml", tarfile.LNKTYPE, "rel/AArch64-ttbr0_el1.xml"),
                              ("rel/AArch64-tty.xml", tarfile.CHRTYPE, None),
                              ("rel/AArch64-disk.xml", tarfile.BLKTYPE, None),
                              ("rel/AArch64-fifo.xml", tarfile.FIFOTYPE, None)]:
        ti = tarfile.TarInfo(name)
        ti.type = kind
        if extra:
            ti.linkname = extra
        t.addfile(ti)
EOF
"$BIN" --spec "$W/links.tar" stats > "$W/out" 2> "$W/why"
rc=$?
cat "$W/out" >> "$W/why"
run "archive links and devices: counted by kind in stats, never read, exit 0" \
	sh -c "test $rc -eq 0 && grep -qx '      2 links, in archives and directories (not followed)' '$W/out' && grep -qx '      3 FIFOs, devices and sockets (not opened)' '$W/out' && ! grep -q 'root:' '$W/out' '$W/why'"
