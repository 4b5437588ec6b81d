#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Hostile input, third round: never harm the machine, never read outside
# the input, bound memory, nothing raw in generated code. One section per
# finding of the round; every input is built here from a real page of the
# embedded release or from tests/data (tests/hostile3.py). usage: sh tests/hardening3.sh
# SYSREGGEN TMPDIR [LINUX_DIR] (linux-source-6.12's files, as run.sh
# extracts them). Prints ok/FAIL/skip lines.
set -u
BIN=$1 W=$2 LINUX=${3:-}
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2
rm -rf "$W" && mkdir -p "$W"
W=$(cd "$W" && pwd)
REL=SysReg_xml_A_profile-2025-03
tar -xJf spec/$REL-facts.tar.xz -C "$W" $REL/AArch64-ttbr0_el1.xml $REL/AArch64-id_aa64isar0_el1.xml
TTBR0=$W/$REL/AArch64-ttbr0_el1.xml
ISAR0=$W/$REL/AArch64-id_aa64isar0_el1.xml
python3 tests/hostile3.py "$TTBR0" "$ISAR0" tests/data/json/good.json "$W" || exit 2

ok() { echo "ok - $1"; }
fail() { echo "FAIL - $1"; [ -s "$W/why" ] && sed 's/^/    | /' "$W/why" | head -20; return 0; }
skip() { echo "skip - $1: $2"; }
# run NAME CMD...: succeeds, or FAIL with its output. (timeout 120 below
# only keeps a regression that loops from hanging the suite.)
run() { name=$1; shift; if "$@" > "$W/why" 2>&1; then ok "$name"; else fail "$name"; fi; }
# refused NAME STATUS PATTERN ARGS...: that exit status, nothing on stdout, stderr matches
refused() {
	name=$1 status=$2 pattern=$3
	shift 3
	timeout 120 "$BIN" "$@" > "$W/out" 2> "$W/err"
	rc=$?
	{ echo "exit $rc"; cat "$W/out" "$W/err"; } > "$W/why"
	if [ $rc -eq "$status" ] && ! [ -s "$W/out" ] && grep -Eq -e "$pattern" "$W/err"; then ok "$name"; else fail "$name"; fi
}
have() { command -v "$1" > /dev/null 2>&1; }
# LeakSanitizer cannot run under ptrace: under strace, an ASan build (make
# check-asan) checks everything but leaks
NO_LSAN=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
# opened_outside LOG DIR: the files an strace log shows opened that are
# neither below DIR nor the program's own (the loader's libraries)
opened_outside() {
	grep -E 'open(at)?\(' "$1" | grep -v ENOENT | sed -E 's/.*open(at)?\((AT_FDCWD, |[0-9]+, )?"([^"]*)".*/\3/' |
		grep -v -e "^$2" -e '^/etc/ld\.so\.cache$' -e '^/lib' -e '^/usr/lib' -e '^/proc/self' -e '^/sys/' -e '^/dev/' |
		grep '^/' || true
}

# ---- 1. entity expansion: refused at the declaration ----

for page in ent10 ent6 ent7; do
	refused "entities nested ten deep ($page): refused at the first declaration, its line named" 1 \
		"AArch64-$page\.xml:3: error: DOCTYPE declares entity 'a': entities are never loaded or expanded" --spec "$W/AArch64-$page.xml" list
done
refused "a parameter entity: refused at its declaration" 1 "AArch64-param\.xml:3: error: DOCTYPE declares entity 'p'" \
	--spec "$W/AArch64-param.xml" list
refused "an external entity (file:///etc/passwd): refused, never opened" 1 "AArch64-external\.xml:3: error: DOCTYPE declares entity 'e'" \
	--spec "$W/AArch64-external.xml" list
refused "an unparsed (NDATA) entity: refused at its declaration" 1 "AArch64-ndata\.xml:4: error: DOCTYPE declares entity 'a'" \
	--spec "$W/AArch64-ndata.xml" list
refused "an element with 200,000 attributes (two minutes in libxml2 2.9): refused before parsing" 1 \
	"AArch64-attributes\.xml: error: an element with 200000 attributes, more than the 256 a page may have" \
	--spec "$W/AArch64-attributes.xml" list
refused "a DOCTYPE of 200,000 ATTLIST declarations (39 s): refused at the 1001st" 1 \
	"AArch64-attlist\.xml:1003: error: DOCTYPE with more than 1000 declarations: refused" --spec "$W/AArch64-attlist.xml" list
run "an internal subset that declares no entity: the page loads" sh -c "'$BIN' --spec '$W/AArch64-subset.xml' list | grep -q '^TTBR0_EL1	'"

# ---- 2. outputs: never replace what is not a regular file ----

mkfifo "$W/out.fifo"
refused "list -o a FIFO: refused (exit 2), nothing written" 2 "out\.fifo: error: is a FIFO, not a regular file: refused as an output" \
	list -o "$W/out.fifo"
run "... and the FIFO is still a FIFO" test -p "$W/out.fifo"
mkdir -p "$W/gen-fifo" && mkfifo "$W/gen-fifo/kvm-sysregs.h"
refused "generate -o DIR where DIR/kvm-sysregs.h is a FIFO: refused before anything is written" 2 \
	"gen-fifo/kvm-sysregs\.h: error: is a FIFO, not a regular file" generate -o "$W/gen-fifo"
run "... the FIFO is still there, and no other file was written" sh -c "test -p '$W/gen-fifo/kvm-sysregs.h' && test \$(ls '$W/gen-fifo' | wc -l) -eq 1"
mkdir -p "$W/gen-check" && cp out/* "$W/gen-check/" && rm "$W/gen-check/sysregs.json" && mkfifo "$W/gen-check/sysregs.json"
timeout 120 "$BIN" generate --check -o "$W/gen-check" > "$W/check.out" 2> "$W/check.err"
rc=$?
run "generate --check with a FIFO among the outputs: never blocks, refused as generate would (exit 2)" \
	sh -c "cat '$W/check.err'; test $rc -eq 2 && grep -q 'gen-check/sysregs.json: error: is a FIFO, not a regular file' '$W/check.err'"
refused "generate -o a FIFO (no directory): refused, exit 2" 2 "out\.fifo: error: -o: not a directory: refused" generate -o "$W/out.fifo"
refused "generate --check -o a FIFO: the same" 2 "out\.fifo: error: -o: not a directory: refused" generate --check -o "$W/out.fifo"
if [ "$(id -u)" = 0 ]; then
	mknod "$W/null" c 1 3 && mkdir -p "$W/gen-dev" && mknod "$W/gen-dev/sysregs.json" c 1 3
	refused "as root: linux-update -o a character device (made with mknod): refused (exit 2)" 2 \
		"null: error: is a character device, not a regular file: refused as an output" linux-update "$W/base-sysreg" -o "$W/null"
	run "... the device node is unchanged (character device 1,3)" sh -c "test -c '$W/null' && test \"\$(stat -c %t,%T '$W/null')\" = 1,3"
	refused "as root: generate -o DIR where DIR/sysregs.json is a device node: refused (exit 2)" 2 \
		"gen-dev/sysregs\.json: error: is a character device" generate -o "$W/gen-dev"
	run "... the node is unchanged and nothing else was written" \
		sh -c "test -c '$W/gen-dev/sysregs.json' && test \$(ls '$W/gen-dev' | wc -l) -eq 1"
else
	skip "-o onto a character device" "mknod needs root"
fi
: > "$W/mode664" && chmod 664 "$W/mode664"
"$BIN" list -o "$W/mode664" > "$W/why" 2>&1
run "an existing 0664 output keeps 0664" sh -c "test \"\$(stat -c %a '$W/mode664')\" = 664 && test -s '$W/mode664'"
: > "$W/mode600" && chmod 600 "$W/mode600"
"$BIN" list -o "$W/mode600" > "$W/why" 2>&1
run "an existing 0600 output keeps 0600" test "$(stat -c %a "$W/mode600")" = 600
(umask 002 && "$BIN" list -o "$W/new002") > "$W/why" 2>&1
(umask 022 && "$BIN" list -o "$W/new022") >> "$W/why" 2>&1
run "a new output gets 0666 less the umask (002: 664, 022: 644)" \
	sh -c "test \"\$(stat -c %a '$W/new002')\" = 664 && test \"\$(stat -c %a '$W/new022')\" = 644"
mkdir -p "$W/gen-mode" && (umask 002 && "$BIN" -q generate -o "$W/gen-mode") > "$W/why" 2>&1
run "generate: new files get 0666 less the umask (002: 664)" \
	sh -c "cd '$W/gen-mode' && test \"\$(stat -c %a * | sort -u)\" = 664"
echo "keep me" > "$W/target" && ln -s "$W/target" "$W/link"
"$BIN" list -o "$W/link" > "$W/why" 2>&1
run "-o a symbolic link: the link is replaced by the file, its target untouched (README)" \
	sh -c "! test -L '$W/link' && test -f '$W/link' && test \"\$(cat '$W/target')\" = 'keep me'"

# ---- 3. directory walks: no link followed, bounded ----

mkdir -p "$W/spec/rel/loop"
cp "$TTBR0" "$W/spec/rel/"
ln -s /etc "$W/spec/rel/etc"
ln -s /etc/passwd "$W/spec/rel/AArch64-passwd.xml"
ln -s . "$W/spec/rel/self"
ln -s .. "$W/spec/rel/up"
ln -s ../loop "$W/spec/rel/loop/again"
if have strace; then
	ASAN_OPTIONS=$NO_LSAN timeout 120 strace -f -e trace=open,openat -o "$W/strace.spec" "$BIN" --spec "$W/spec" stats > "$W/stats" 2> "$W/why"
	rc=$?
	opened_outside "$W/strace.spec" "$W/spec" > "$W/outside"
	cat "$W/outside" "$W/stats" >> "$W/why"
	run "--spec DIR with a link to /etc, one to /etc/passwd and three loops: nothing outside DIR opened (strace)" \
		sh -c "test $rc -eq 0 && ! test -s '$W/outside' && ! grep -q 'spec/rel/etc/' '$W/strace.spec'"
else
	skip "--spec DIR with links: nothing outside opened" "no strace (apt-get install strace)"
	timeout 120 "$BIN" --spec "$W/spec" stats > "$W/stats" 2> "$W/why"
fi
cat "$W/stats" >> "$W/why"
run "... the five links counted in stats, the page read" \
	sh -c "grep -qx '      5 links, in archives and directories (not followed)' '$W/stats' && grep -qx 'register pages: 1' '$W/stats'"
refused "... and with --strict each link is an error" 1 "rel/etc: error: a symbolic link: not followed \(--strict\)" \
	--strict --spec "$W/spec" list

mkdir -p "$W/qemu"
cp -r tests/data/qemu/target "$W/qemu/"
ln -s /etc "$W/qemu/target/arm/etc"
ln -s /etc/passwd "$W/qemu/target/arm/passwd.c"
ln -s . "$W/qemu/target/arm/self"
ln -s ../.. "$W/qemu/target/arm/up"
ln -s ../arm "$W/qemu/target/arm/tcg/loop"
if have strace; then
	ASAN_OPTIONS=$NO_LSAN timeout 120 strace -f -e trace=open,openat -o "$W/strace.audit" "$BIN" audit --against "$W/qemu" > "$W/audit" 2> "$W/why"
	rc=$?
	opened_outside "$W/strace.audit" "$W/qemu" > "$W/outside"
	cat "$W/outside" >> "$W/why"
	run "audit of a QEMU tree with a link to /etc, one to /etc/passwd and three loops: nothing outside it opened (strace)" \
		sh -c "test $rc -eq 0 && ! test -s '$W/outside'"
else
	skip "audit of a tree with links: nothing outside opened" "no strace (apt-get install strace)"
	timeout 120 "$BIN" audit --against "$W/qemu" > "$W/audit" 2> "$W/why"
fi
cat "$W/audit" >> "$W/why"
run "... the report counts the five links" grep -q '^| symbolic links in the tree (not followed) | 5 |$' "$W/audit"
refused "... and with --strict a link in the tree is an error" 2 "arm/etc: error: a symbolic link inside the tree: not followed \(--strict\)" \
	--strict audit --against "$W/qemu"
mkdir -p "$W/linux/arch/arm64/tools" "$W/linux/arch/arm64/kvm"
cp "$W/base-sysreg" "$W/linux/arch/arm64/tools/sysreg"
ln -s /etc/passwd "$W/linux/arch/arm64/kvm/sys_regs.c"
timeout 120 "$BIN" audit --against "$W/linux" > "$W/audit" 2> "$W/audit.err"
rc=$?
run "audit of a Linux tree whose sys_regs.c is a link to /etc/passwd: not read, counted, a warning naming it" \
	sh -c "cat '$W/audit.err'; test $rc -eq 0 && grep -q '^| symbolic links in the tree (not followed) | 1 |$' '$W/audit' && ! grep -q root: '$W/audit' '$W/audit.err' &&
	grep -q 'kvm/sys_regs.c: warning: a symbolic link inside the tree: not followed' '$W/audit.err'"
rm "$W/linux/arch/arm64/kvm/sys_regs.c" && cp tests/data/audit/bad-sysreg "$W/linux/arch/arm64/kvm/sys_regs.c"
mkdir -p "$W/linux/arch/arm64/include/asm" && mkfifo "$W/linux/arch/arm64/include/asm/sysreg.h"
refused "audit of a Linux tree whose asm/sysreg.h is a FIFO: an error and exit 2, not a report without it" 2 \
	"asm/sysreg\.h: error: not a regular file" audit --against "$W/linux"
mkdir -p "$W/qemu-swap/elsewhere/target/arm" && cp -r "$W/qemu/target" "$W/qemu-swap/real-target"
ln -s ../elsewhere/target "$W/qemu-swap/target"
printf 'static const ARMCPRegInfo x[] = {\n\t{ .name = "ZZEVIL_EL1", .opc0 = 3, .opc1 = 0, .crn = 0, .crm = 0, .opc2 = 0 },\n};\n' \
	> "$W/qemu-swap/elsewhere/target/arm/evil.c"
refused "audit of a QEMU tree whose target/ is a link: not followed (the walk opens target/arm a part at a time)" 2 \
	"neither a Linux tree .* nor a QEMU tree" audit --against "$W/qemu-swap"
run "... a warning names the link" grep -q 'qemu-swap/target/arm: warning: a symbolic link inside the tree: not followed' "$W/err"

deep=$W/deep
for i in $(seq 1 17); do deep=$deep/d$i; done
mkdir -p "$deep" && cp "$TTBR0" "$deep/"
refused "a spec directory nested 17 deep: the limit, with the directory" 1 "d17: error: directories nested more than 16 deep" \
	--spec "$W/deep" list
mkdir -p "$W/many"
# ten registers of the same size at ten encodings (CRm 1 to 10)
for i in $(seq 1 10); do
	crm=$(python3 -c "print(format($i, '04b'))")
	sed "s/TTBR0_EL1/TTBR0X$(printf %02d "$i")_EL1/g; s/<enc n=\"CRm\" v=\"0b0000\"/<enc n=\"CRm\" v=\"0b$crm\"/" "$TTBR0" > "$W/many/AArch64-p$i.xml"
done
refused "--max-files 5 and a directory of ten pages: the limit, once" 1 "many: error: more than 5 files and directories \(--max-files\)" \
	--max-files 5 --spec "$W/many" list
run "... once only, and the walk ends there" test "$(grep -c 'error:' "$W/err")" -eq 1
size=$(wc -c < "$TTBR0")
refused "--max-total-bytes of two and a half pages: one error at the third page, nothing more is read" 1 \
	"many/AArch64-p2\.xml: error: input exceeds the limit of $((size * 5 / 2)) bytes in all \(--max-total-bytes\): nothing more is read" \
	--max-total-bytes $((size * 5 / 2)) --spec "$W/many" list
run "... exactly one error" test "$(grep -c 'error:' "$W/err")" -eq 1
if have strace; then
	ASAN_OPTIONS=$NO_LSAN timeout 120 strace -f -e trace=open,openat -o "$W/strace.total" "$BIN" --max-total-bytes $((size * 5 / 2)) --spec "$W/many" list > /dev/null 2>&1
	run "... the pages after it (in name order: p1, p10, p2, p3 ...) are never opened (strace)" \
		sh -c "! grep -q 'AArch64-p[3-9]\.xml' '$W/strace.total'"
fi

mkdir -p "$W/forged"
cp "$TTBR0" "$W/forged/"
printf '<?xml version="1.0"?>\n<register_page><bad></register_page>\n' > "$W/forged/$(printf 'x\nFORGED.xml:1: error: forged\033[31mred.xml')"
refused "a file name with a newline and an ESC: the message stays one line, both escaped" 1 \
	'forged/x\\x0aFORGED\.xml:1: error: forged\\x1b\[31mred\.xml:2:[0-9]+: error: malformed XML' --spec "$W/forged" list
run "... and no line of its own starts with FORGED" sh -c "! grep -q '^FORGED' '$W/err'"

# ---- 4. every file read has a size limit ----

truncate -s 3G "$W/sparse"
refused "linux-update of a 3 GB sparse file: refused before it is read" 2 \
	"sparse: error: file of 3221225472 bytes is over the limit of 268435456 bytes per file \(--max-file-bytes\)" linux-update "$W/sparse"
refused "decode --from a 3 GB sparse file: refused" 1 "sparse: error: file of 3221225472 bytes is over the limit" decode --from "$W/sparse"
refused "audit --against a 3 GB sparse file: refused" 2 "sparse: error: file of 3221225472 bytes is over the limit" audit --against "$W/sparse"
refused "--spec a 3 GB sparse file: refused" 1 "sparse: error: file of 3221225472 bytes is over the limit" --spec "$W/sparse" list
mkdir -p "$W/qemu-big/target/arm" && truncate -s 3G "$W/qemu-big/target/arm/huge.c"
refused "audit of a QEMU tree with a 3 GB .c file: refused, naming it" 2 "target/arm/huge\.c: error: file of 3221225472 bytes is over the limit" \
	audit --against "$W/qemu-big"
{ cat "$W/base-sysreg"; for i in $(seq 1 2000); do echo "# padding line $i to make the file larger than good.json"; done; } > "$W/big-sysreg"
big=$(wc -c < "$W/big-sysreg")
refused "--max-file-bytes applies to linux-update's file" 2 "big-sysreg: error: file of $big bytes is over the limit of $((big - 1)) bytes per file" \
	--spec tests/data/json/good.json --max-file-bytes $((big - 1)) linux-update "$W/big-sysreg"
run "... and raises it: the same file with --max-file-bytes of its size is read" \
	"$BIN" --spec tests/data/json/good.json --max-file-bytes "$big" linux-update "$W/big-sysreg"

# ---- 5. generated text: no raw name, no trigraph, no bidirectional character ----

for level in "-W names" "-W no-names"; do
	rm -rf "$W/gen5" && mkdir -p "$W/gen5"
	# shellcheck disable=SC2086
	"$BIN" $level --spec "$W/newline.json" generate -o "$W/gen5" > "$W/names.out" 2>&1
	rc=$?
	# shellcheck disable=SC2086
	"$BIN" $level --spec "$W/newline.json" stats >> "$W/names.out" 2>&1
	run "$level: a field name with newlines leaves its register out, counted; no output holds it" \
		sh -c "cat '$W/names.out'; test $rc -eq 0 && test -s '$W/gen5/linux-sysreg' && ! grep -rq 'PWN' '$W/gen5' &&
		grep -q '1 registers left out: a name that is not an identifier \[names\]' '$W/names.out'"
done
rm -rf "$W/gen5" && mkdir -p "$W/gen5"
"$BIN" -W names --spec "$W/trigraph.json" generate -o "$W/gen5" > "$W/why" 2>&1
run "-W names: a field name ending in ??/ never reaches sysreg-table.c" sh -c "! grep -rq 'VAL??' '$W/gen5'"
rm -rf "$W/gen5" && "$BIN" --spec "$W/AArch64-trigraph.xml" generate -o "$W/gen5" > "$W/why" 2>&1
run "a fieldset condition ending in ??/: sysreg-table.c compiles with gcc -std=c11 -Wall -Werror (trigraphs on)" \
	sh -c "grep -qF 'D128 == 1 ?\\?/)' '$W/gen5/sysreg-table.c' && ! grep -qF '??' '$W/gen5/sysreg-table.c' &&
	cc -std=c11 -Wall -Wextra -Werror -c -o '$W/t.o' -I'$W/gen5' '$W/gen5/sysreg-table.c'"
for spec in AArch64-bidi.xml bidi.json; do
	rm -rf "$W/gen5" && "$BIN" --spec "$W/$spec" generate -o "$W/gen5" > "$W/why" 2>&1
	printf '#include <stdint.h>\n#define __ARM64_SYS_REG(op0, op1, crn, crm, op2) 0ULL\n#define ARM64_SYS_REG(op0, op1, crn, crm, op2) 0ULL\n#define KVM_REG_SIZE_U128 0ULL\n#include "sysreg-table.h"\n#include "kvm-sysregs.h"\n#include "linux-sysreg128.h"\nint main(void) { return 0; }\n' > "$W/gen5/use.c"
	run "bidirectional characters (U+202E, U+2066) in $spec: no byte outside ASCII in any output, every C file compiles with -Werror" \
		sh -c "! LC_ALL=C grep -rl '[^ -~	]' '$W/gen5' && grep -rq 'U+202E\\|U+2066' '$W/gen5' &&
		cc -std=c11 -Wall -Wextra -Werror -c -o '$W/t.o' -I'$W/gen5' '$W/gen5/sysreg-table.c' &&
		cc -std=c11 -Wall -Werror -c -o '$W/u.o' -I'$W/gen5' '$W/gen5/use.c'"
done

sur="$W/$(printf 'rel\355\240\200x')"
mkdir -p "$sur" && cp "$TTBR0" "$sur/"
rm -rf "$W/gen5" && "$BIN" --spec "$sur" generate -o "$W/gen5" > "$W/why" 2>&1
run "a release named with an encoded UTF-16 surrogate (not UTF-8): its bytes shown as <0xNN>, never as a code point" \
	sh -c "grep -q 'Spec: rel<0xED><0xA0><0x80>x' '$W/gen5/sysregs.json' && ! grep -qi 'd800' '$W/gen5/sysregs.json'"

# ---- 6. a field value that is not bits is an error ----

line=$(grep -n '0b00O1' "$W/AArch64-value.xml" | cut -d: -f1)
refused "an XML value 0b00O1: an error at its line with the value and the field" 1 \
	"AArch64-value\.xml:$((line - 1)): error: field [A-Za-z0-9]+: value '0b00O1' is not bits" --spec "$W/AArch64-value.xml" list
refused "a JSON value '00O1': an error with its JSON path, the value and the field" 1 \
	"value\.json:[0-9]+: error: \[0\]\.fieldsets\[0\]\.values\[1\]\.values\.values\[1\]: field VAL: value '0b00O1' is not bits" \
	--spec "$W/value.json" list

# ---- 7. names the kernel's awk cannot print ----

long=ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN
line=$(grep -n "$long" "$W/AArch64-long.xml" | head -1 | cut -d: -f1)
rm -rf "$W/gen7"
refused "a field whose macros would be longer than the awk prints: generate refuses the Linux output at the register's line" 1 \
	"AArch64-long\.xml:[0-9]+: error: TTBR0_EL1: the kernel's gen-sysreg\.awk would define TTBR0_EL1_${long}_SIGNED, 57 characters; it prints names of at most 47" \
	--spec "$W/AArch64-long.xml" generate -o "$W/gen7" --emit linux
awkf=$LINUX/arch/arm64/tools/gen-sysreg.awk
if [ -n "$LINUX" ] && [ -f "$awkf" ]; then
	# names of 47 and 48 characters: SYS_<43 or 44>_Op0 is 47 or 48
	r47=$(printf 'R%034d_EL1' 0) r48=$(printf 'R%035d_EL1' 0)
	printf 'Sysreg\t%s\t3\t0\t11\t0\t0\nRes0\t63:0\nEndSysreg\nSysreg\t%s\t3\t0\t11\t0\t1\nRes0\t63:0\nEndSysreg\n' "$r47" "$r48" > "$W/awk-limit"
	awk -f "$awkf" "$W/awk-limit" > "$W/awk-limit.h" 2> "$W/why"
	run "the limit measured with Linux 6.12's awk: a 47-character name keeps a space before its value, 48 are glued" \
		sh -c "grep -q '^#define SYS_${r47}_Op0 3' '$W/awk-limit.h' && grep -q '^#define SYS_${r48}_Op03' '$W/awk-limit.h' &&
		test \$(printf 'SYS_%s_Op0' '$r47' | wc -c) -eq 47"
else
	skip "the awk's name limit measured" "no linux-source-6.12"
fi

# ---- 8. no silent truncation; a byte-order mark ----

refused "audit: a sysreg line of 18 words is an error at its line (was cut at 16 words)" 2 "words-sysreg:1: error: more than 16 words on a line" \
	audit --against "$W/words-sysreg"
rm -rf "$W/gen8" && "$BIN" --spec "$W/values70.json" generate -o "$W/gen8" --emit linux > "$W/why" 2>&1
run "a field with 70 values: linux-sysreg's enum has all 70 (it stopped at 64)" \
	sh -c "test \$(sed -n '/^Sysreg	TEST_EL1/,/^EndSysreg/p' '$W/gen8/linux-sysreg' | grep -c '^	0b') -eq 70"
rm -rf "$W/gen8" && "$BIN" -q generate -o "$W/gen8" > "$W/why" 2>&1
for f in "$W/gen8"/*; do touch "$f.tmpAb12Cd"; done
"$BIN" -q generate -o "$W/gen8" > "$W/why" 2>&1
run "the temporary files of every output a killed run left are removed (the list grows with the outputs)" \
	sh -c "! ls '$W/gen8' | grep -q tmp"
"$BIN" linux-update "$W/bom-sysreg" > "$W/bom.out" 2> "$W/why"
rc=$?
run "linux-update of a file starting with a UTF-8 byte-order mark: read, the mark kept" \
	sh -c "test $rc -eq 0 && head -c 3 '$W/bom.out' | od -An -tx1 | grep -q 'ef bb bf' && grep -q 'Sysreg	TEST_EL1	3' '$W/bom.out'"
run "audit of a sysreg file starting with a byte-order mark: read" sh -c "'$BIN' audit --against '$W/bom-sysreg' > /dev/null"
