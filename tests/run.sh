#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# sysreggen's test suite. usage: sh tests/run.sh ./sysreggen
# Each test prints "ok - NAME" or "FAIL - NAME" with what went wrong; the
# last line is "N passed, N failed" (and skipped). Exit 1 if any failed.
set -u
BIN=${1:-./sysreggen}
case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2
T=$TOP/tests/tmp
rm -rf "$T" && mkdir -p "$T"

# Fixtures, made once before any test and only read by them: the kernel's
# arch/arm64/tools (gen-sysreg.awk and its sysreg file) from
# linux-source-6.12, when installed.
LINUX=$T/fixtures/linux
if [ -f /usr/src/linux-source-6.12.tar.xz ]; then
	mkdir -p "$LINUX"
	tar -xJf /usr/src/linux-source-6.12.tar.xz -C "$LINUX" --strip-components=1 --wildcards \
		'*/arch/arm64/tools/gen-sysreg.awk' '*/arch/arm64/tools/sysreg' \
		'*/arch/arm64/kvm/sys_regs.c' '*/arch/arm64/include/asm/sysreg.h' '*/scripts/checkpatch.pl' \
		'*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch'
fi

SPEC25=spec/SysReg_xml_A_profile-2025-03-facts.tar.xz
SPEC24=spec/SysReg_xml_A_profile-2024-12-facts.tar.xz
REL25=SysReg_xml_A_profile-2025-03
pass=0 fail=0 skip=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	[ $# -gt 1 ] && [ -s "$2" ] && sed 's/^/    | /' "$2" | head -40
	return 0
}
skipped() { skip=$((skip + 1)); echo "skip - $1: $2"; }

# check NAME CMD...: the command must succeed; its output is shown on failure.
check() {
	name=$1
	shift
	if "$@" > "$T/check.out" 2>&1; then ok "$name"; else not_ok "$name" "$T/check.out"; fi
}

# Non-comment lines of a list, sorted bytewise.
body() { grep -v '^#' "$1" | LC_ALL=C sort; }

# expect_input_error NAME PATTERN SYSREGGEN-ARGS...: exit status 1, nothing
# on stdout, and stderr matching PATTERN (an extended regex naming file/line).
# Each run writes files of its own (err.N.stdout, err.N.stderr): no test
# reads what another left.
n_err=0
expect_input_error() {
	eie_name=$1 eie_pattern=$2
	shift 2
	expect_input_error_also "$eie_name" "$eie_pattern" true "$@"
}
# expect_input_error_also NAME PATTERN CONDITION ARGS...: the same, and the
# shell CONDITION holds, given $OUT and $ERR (this run's stdout and stderr).
expect_input_error_also() {
	name=$1 pattern=$2 cond=$3
	shift 3
	n_err=$((n_err + 1))
	OUT=$T/err.$n_err.stdout ERR=$T/err.$n_err.stderr
	"$BIN" "$@" > "$OUT" 2> "$ERR"
	rc=$?
	if [ $rc -ne 1 ]; then
		echo "exit status $rc, expected 1" > "$T/why"; cat "$ERR" >> "$T/why"; not_ok "$name" "$T/why"
	elif [ -s "$OUT" ]; then
		echo "wrote to stdout:" > "$T/why"; cat "$OUT" >> "$T/why"; not_ok "$name" "$T/why"
	elif ! grep -Eq -e "$pattern" "$ERR"; then
		echo "stderr does not match /$pattern/:" > "$T/why"; cat "$ERR" >> "$T/why"; not_ok "$name" "$T/why"
	elif ! OUT=$OUT ERR=$ERR sh -c "$cond" > "$T/why" 2>&1; then
		echo "stderr and stdout fail: $cond" >> "$T/why"; cat "$ERR" >> "$T/why"; not_ok "$name" "$T/why"
	else
		ok "$name"
	fi
}

# ---- the source itself ----

check "README's source layout says what each of the $(ls gen/*.c gen/*.S | wc -l) source files owns" \
	sh -c "for f in gen/*.c gen/*.S; do grep -q \"^| .*\\\`\$f\\\`\" README.md || { echo \"\$f missing\"; exit 1; }; done"

# bsearch() needs these tables sorted; a test, not a comment, keeps them so.
table_sorted() {
	sed -n "/$2/,/^};/p" "$1" | grep -o '{"[^"]*"' | tr -d '{"' > "$T/table"
	[ -s "$T/table" ] && LC_ALL=C sort -c "$T/table"
}
check "known XML elements table is sorted" table_sorted gen/xml.c 'known_elems\[\] = {'
check "accessor kinds table is sorted" table_sorted gen/model.c 'acc_kinds\[\] = {'
spdx_everywhere() {
	missing=$(git ls-files gen tests/*.c tests/*.sh tests/*.py tests/fuzz tests/consumers tests/bench Makefile .ci 2>/dev/null |
		while read -r f; do head -3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause' || echo "$f"; done)
	[ -z "$missing" ] || { echo "no SPDX line: $missing"; return 1; }
	test -f LICENSE && test -f LICENSES/GPL-2.0 && test -f LICENSES/BSD-2-Clause
}
if git rev-parse --git-dir > /dev/null 2>&1; then
	check "every source file has its SPDX line; LICENSE and both texts are there" spdx_everywhere
fi

# ---- .ci/deps.sh: what a machine without the packages is told ----

# As another user, with a PATH that has none of the tools: one apt-get
# line for build and test packages together, each package once.
# (The tools in a directory of /tmp and the script on standard input: the
# clone may sit where that user cannot read, /root for one.)
D=$(mktemp -d)
chmod 755 "$D"
for t in sh id tr awk ls; do ln -s "$(command -v $t)" "$D/$t"; done
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
(cd / && as_user env PATH="$D" sh -s build test bench) < .ci/deps.sh > "$T/deps.out" 2>&1
rc=$?
rm -rf "$D"
check "deps.sh as non-root: exit 1 and one exact apt-get line for build, test and bench packages, each once" \
	sh -c "test $rc -eq 1 && test \$(grep -c '^  sudo apt-get' '$T/deps.out') -eq 1 &&
	grep -q '^  sudo apt-get update && sudo apt-get install -y --no-install-recommends gcc make pkg-config libxml2-dev .*python3 .*meson ninja-build.*libxml2-utils' '$T/deps.out' &&
	test \$(grep '^  sudo' '$T/deps.out' | tr ' ' '\\n' | grep -cx python3) -eq 1"

# ---- 128-bit classification on both releases ----

for spec in "$SPEC25" "$SPEC24"; do
	rel=$(basename "$spec" -facts.tar.xz)
	"$BIN" --spec "$spec" list --128 > "$T/l128" 2> "$T/l128.err"
	body "$T/l128" > "$T/got"
	body tests/expected/list128.tsv > "$T/want"
	check "$rel: list --128 is exactly the eight registers of formats.md" diff "$T/want" "$T/got"
	"$BIN" --spec "$spec" list --128 --aliases > "$T/l128a" 2>&1
	body "$T/l128a" > "$T/got"
	cat tests/expected/list128.tsv tests/expected/aliases128.tsv | grep -v '^#' | LC_ALL=C sort > "$T/want"
	check "$rel: list --128 --aliases adds TTBR0_EL12 and TTBR1_EL12" diff "$T/want" "$T/got"
	check "$rel: list --128 reports the S3 encoding space as a comment, not a register" \
		grep -q '^# encoding space, not a register: S3_<op1>_C<Cn>_C<Cm>_<op2>' "$T/l128"
	check "$rel: loads with --strict and no errors" "$BIN" --strict --spec "$spec" stats
done
# every check holds on the real spec, in every form: no error, no warning
for spec in "$SPEC25" "$SPEC24" spec/AARCHMRS-derived-2025-03.tar.xz spec/AARCHMRS-derived-2024-12.tar.xz \
	tests/data/shipped/SysReg_xml_A_profile-2025-03-shipped.tar.gz; do
	check "$(basename "$spec"): --strict stats, 0 errors and 0 warnings under every check" \
		sh -c "'$BIN' --strict --spec '$spec' stats 2>&1 | grep -qx 'warnings: 0' && '$BIN' --strict --spec '$spec' stats | grep -qx 'errors: 0'"
done

# ---- stats on 2025-03 (numbers from ../shared/spec/README.md) ----

"$BIN" stats > "$T/stats" 2>&1
stats_has() {
	for line in "$@"; do
		grep -qxF -- "$line" "$T/stats" || { echo "missing line: '$line'"; cat "$T/stats"; return 1; }
	done
}
check "stats: 1694 register pages by kind" stats_has "register pages: 1694" \
	"    805 AArch64 register pages" "    338 AArch32 register pages" "    462 external register pages" \
	"     89 memory-mapped (PMU/AMU) register pages"
check "stats: the 12 other XML files skipped by kind" stats_has "other XML files: 12" \
	"      2 register block pages (skipped)" "      8 index files (skipped)" \
	"      1 architecture info files (skipped)" "      1 access instruction definitions (skipped)"
check "stats: accessors 695 MRS, 573 MSRregister, 13 MRRS, 13 MSRRregister" stats_has \
	"    695 MRS" "    573 MSRregister" "     13 MRRS" "     13 MSRRregister"
check "stats: 120 TLBIP accessors on 60 pages, 1 SYSP" stats_has \
	"128-bit system instructions: 120 TLBIP accessors on 60 pages, 1 SYSP"
check "stats: 0 errors, 1706 files" stats_has "errors: 0" "files read: 1706"

# ---- names and encodings against LLVM's assembler ----

for spec in "$SPEC25" "$SPEC24"; do
	rel=$(basename "$spec" -facts.tar.xz)
	sh tests/llvm_mc.sh "$BIN" --spec "$spec" > "$T/mc" 2>&1
	rc=$?
	if [ $rc -eq 77 ]; then
		skipped "$rel: names and encodings agree with llvm-mc" "$(cat "$T/mc")"
	elif [ $rc -eq 0 ]; then
		ok "$rel: names and encodings agree with llvm-mc"
		sed 's/^/    /' "$T/mc" | cut -c1-200
	else
		not_ok "$rel: names and encodings agree with llvm-mc" "$T/mc"
	fi
done

# ---- what the model says about single registers ----

"$BIN" show TTBR0_EL1 > "$T/show" 2>&1
check "show TTBR0_EL1: the 128-bit fieldset with its condition" \
	grep -qxF "  fieldset    128 bits  [When FEAT_D128 is implemented and TCR2_EL1.D128 == 1]" "$T/show"
check "show TTBR0_EL1: the 64-bit fieldset with its condition" \
	grep -qxF "  fieldset    64 bits  [When FEAT_D128 is not implemented or TCR2_EL1.D128 == 0]" "$T/show"
check "show TTBR0_EL1: split field BADDR 87:80, 47:5" grep -qE "^    BADDR +87:80, 47:5$" "$T/show"
check "show TTBR0_EL1: the 128-bit PA-style field ranges reach bit 127" grep -qE "^    RES0 +127:88$" "$T/show"
check "show TTBR0_EL1: alias TTBR0_EL12 at 3,5,2,0,0" grep -qE "^    TTBR0_EL12 +3,5,2,0,0 +128 RW" "$T/show"
"$BIN" show TTBR0_EL2 > "$T/show2" 2>&1
check "show TTBR0_EL2: MRRS TTBR0_EL1 on its page is a redirect to TTBR0_EL1" \
	grep -qE "^    MRRS +TTBR0_EL1 +-> register TTBR0_EL1$" "$T/show2"
"$BIN" show TTBR0_EL12 > "$T/show3" 2>&1
check "show TTBR0_EL12 (an alias) shows its register TTBR0_EL1" grep -q "^TTBR0_EL1: " "$T/show3"
"$BIN" show DBGBVR15_EL1 > "$T/show4" 2>&1
check "show DBGBVR15_EL1 finds the array DBGBVR<n>_EL1" grep -q "^DBGBVR<n>_EL1: " "$T/show4"
expect_input_error "show of an unknown name fails" "no register named 'NO_SUCH_EL1'" show NO_SUCH_EL1
expect_input_error "show of a misspelt name suggests the nearest" "no register named 'TTBRO_EL1' in .*; did you mean TTBR0_EL1, TTBR1_EL1" show TTBRO_EL1
"$BIN" show TTBR0_EL1 FOO_EL1 > "$T/show-two" 2> "$T/show-two.err"
rc=$?
check "show A B: what was found is printed, an error for the other, exit 1" \
	sh -c "test $rc -eq 1 && grep -q '^TTBR0_EL1: ' '$T/show-two' && grep -q \"no register named 'FOO_EL1'\" '$T/show-two.err'"

"$BIN" list --state aarch64 --expand > "$T/expand" 2>&1
grep -E '^DBGBVR[0-9]+_EL1	' "$T/expand" > "$T/dbgbvr"
check "list --expand: DBGBVR0_EL1 .. DBGBVR15_EL1 (16 accessor indexes)" test "$(wc -l < "$T/dbgbvr")" -eq 16
check "list --expand: DBGBVR15_EL1 is 2,0,0,15,4" grep -qx "DBGBVR15_EL1	2,0,0,15,4	64	RW" "$T/dbgbvr"
"$BIN" list --state aarch64 > "$T/noexpand" 2>&1
check "list without --expand keeps the index expression" grep -qx "DBGBVR<n>_EL1	2,0,0,m\[3:0\],4	64	RW" "$T/noexpand"
"$BIN" list --state aarch32 > "$T/a32" 2>&1
check "list --state aarch32: TTBR0 by its MRC encoding, 64-bit through MRRC" grep -qx "TTBR0	15,0,2,0,0	64	RW" "$T/a32"
"$BIN" list --state ext > "$T/ext" 2>&1
check "list --state ext: EDESR at Debug:0x020" grep -qx "EDESR	Debug:0x020	32	RW" "$T/ext"

# ---- full releases: prose, pseudocode, tables, links, unknown elements ----

tar -xJf "$SPEC25" -C "$T" "$REL25/AArch64-ttbr0_el1.xml"
facts=$T/$REL25/AArch64-ttbr0_el1.xml
"$BIN" --spec "$facts" show TTBR0_EL1 | grep -v '^  source' > "$T/facts.show"
for variant in full unknown; do
	"$BIN" --spec tests/data/$variant/AArch64-ttbr0_el1.xml show TTBR0_EL1 | grep -v '^  source' > "$T/$variant.show"
	check "$variant-content page loads to the same model as its facts-only form" diff "$T/facts.show" "$T/$variant.show"
done
"$BIN" --spec tests/data/full/AArch64-ttbr0_el1.xml stats > "$T/full.stats"
rc=$?
check "full-content page: prose is not counted as unknown (exit 0, one register page read)" \
	sh -c "test $rc -eq 0 && grep -qx 'register pages: 1' '$T/full.stats' && ! grep -q 'unknown XML elements' '$T/full.stats'"
"$BIN" --spec tests/data/unknown/AArch64-ttbr0_el1.xml stats > "$T/unknown.stats"
check "unknown elements are skipped and counted" grep -qx "      3 unknown XML elements" "$T/unknown.stats"
expect_input_error "--strict makes unknown elements errors, with file and line" \
	'AArch64-ttbr0_el1\.xml:91: error: unknown element <field_future_attr>' \
	--strict --spec tests/data/unknown/AArch64-ttbr0_el1.xml list

# ---- bad input: a clear error naming file and line, exit 1, nothing written ----

bad=tests/data/bad
expect_input_error "truncated XML" "truncated\.xml:15:16: error: malformed XML" --spec $bad/truncated.xml list
expect_input_error "an array of fields whose range_specifier does not parse: file, line, what was expected" \
	"field-array-bad-spec\.xml:18: error: array of fields Attr<n>: expected '\\)' \\(range_specifier '4\\(n\\+3:4n'\\)" \
	--spec $bad/field-array-bad-spec.xml list
expect_input_error "an array of fields whose elements lie outside the field" \
	"field-array-outside\.xml:18: error: array of fields Attr<n>: an element's bits lie outside the field" \
	--spec $bad/field-array-outside.xml list
expect_input_error "a JSON Fields.Array whose bits do not split into its indexes: the JSON path" \
	"field-array-uneven\.json:2: error: \\[0\\]\\.fieldsets\\[0\\]\\.values\\[1\\]: array of fields Perm<m>: 10 bits do not split into 4 equal elements" \
	--spec $bad/field-array-uneven.json list
expect_input_error "a JSON Fields.Array whose element would span two of its bit ranges: the JSON path" \
	"field-array-span\.json:2: error: \\[0\\]\\.fieldsets\\[0\\]\\.values\\[1\\]: array of fields Perm<m>: element 0 would span two bit ranges" \
	--spec $bad/field-array-span.json list
"$BIN" --spec tests/data/field-array generate -q -o "$T/fa-xml" --emit linux
"$BIN" --spec tests/data/json/field-array.json generate -q -o "$T/fa-json" --emit linux
check "arrays of fields: XML range_specifier 4n+3:4n gives Attr1 at 7:4, Attr0 at 3:0 in linux-sysreg" \
	sh -c "sed -n '/^Sysreg/,/^EndSysreg/p' '$T/fa-xml/linux-sysreg' | tr '\\n' ' ' | grep -q 'Res0	63:8 Field	7:4	Attr1 Field	3:0	Attr0 EndSysreg'"
check "arrays of fields: a JSON Fields.Array with indexes 0..3 unrolls from the msb down (Perm3 at 15:12 ... Perm0 at 3:0)" \
	sh -c "sed -n '/^Sysreg/,/^EndSysreg/p' '$T/fa-json/linux-sysreg' | tr '\\n' ' ' | grep -q 'Res0	63:16 Field	15:12	Perm3 Field	11:8	Perm2 Field	7:4	Perm1 Field	3:0	Perm0 EndSysreg' &&
	'$BIN' --spec tests/data/json/field-array.json dump | grep -q 'field 15:0 Perm<m> values 0b0000 0b0001 array m 3@15:12,2@11:8,1@7:4,0@3:0'"
check "arrays of fields in the 2025-03 release: CLIDR_EL1 Ctype7 ... Ctype1, MAIR2_EL1 Attr7 ... Attr0, POR_EL1 Perm15 ... Perm0" \
	sh -c "sed -n '/^Sysreg	CLIDR_EL1/,/^EndSysreg/p' out/linux-sysreg | grep -c '^Field	[0-9:]*	Ctype[1-7]\$' | grep -qx 7 &&
	sed -n '/^Sysreg	CLIDR_EL1/,/^EndSysreg/p' out/linux-sysreg | grep -q '^Field	20:18	Ctype7\$' &&
	sed -n '/^Sysreg	MAIR2_EL1/,/^EndSysreg/p' out/linux-sysreg | grep -q '^Fields	MAIR2_ELx\$' &&
	sed -n '/^SysregFields	MAIR2_ELx/,/^EndSysregFields/p' out/linux-sysreg | grep -q '^Field	63:56	Attr7\$' &&
	sed -n '/^SysregFields	POR_ELx/,/^EndSysregFields/p' out/linux-sysreg | grep -q '^Field	3:0	Perm0\$'"
expect_input_error "register page without a name" "no-name\.xml:6: error: register has no name" --spec $bad/no-name.xml list
expect_input_error "enc with a non-binary value" "enc-not-binary\\.xml:28: error: MRS TEST_EL1: encoding field CRn = '0xb': expected a binary value.*\\[encoding-values\\]" \
	--spec $bad/enc-not-binary.xml list
expect_input_error "accessor array range wider than its encoding holds" \
	'acc-array-too-wide\.xml:25: error: MRS TEST<m>_EL1: index m runs 0-31, but its encoding holds it in bits that reach 15 at most \[array-range\]' \
	--spec $bad/acc-array-too-wide.xml list
mkdir -p "$T/enc"
for i in 1 2 3 4 5 6 7 8; do cp tests/corpus/xml/page-in-an-icu-encoding "$T/enc/AArch64-p$i.xml"; done
# (the page has a NUL byte, now reported before libxml2 sees it; the replay
# of tests/corpus/xml still gives it to libxml2 directly)
expect_input_error_also "pages in an encoding that does not convert: an error each, and nothing of libxml2's own" \
	"AArch64-p8\.xml:33: error: a NUL byte at offset 1095" \
	"! grep -v -e '^$T/enc/AArch64-p[1-8]\.xml:' -e '^sysreggen: ' \"\$ERR\"" \
	--spec "$T/enc" list
expect_input_error "accessor without an encoding" 'accessor-no-encoding\.xml:24: error: accessor "MRS TEST_EL1" has no encoding' \
	--spec $bad/accessor-no-encoding.xml list
expect_input_error_also "external entity is refused, never expanded: nothing of /etc/passwd reaches any output" \
	"external-entity\.xml:2: error: DOCTYPE declares entity 'leak'" \
	"! grep -q 'root:' \"\$ERR\" \"\$OUT\"" \
	--spec $bad/external-entity.xml list

# A DOCTYPE, SYSTEM or PUBLIC, naming a file or a URL, is a declaration and
# nothing more: the page loads and what it names is never opened. Here it
# names FIFOs: opening one for reading would block until the timeout.
D=$T/doctype
mkdir -p "$D"
mkfifo "$D/registers.dtd" "$D/fifo.dtd"
good=tests/data/good/AArch64-test_el1.xml
doctype_loads() {
	sed "2s|.*|$2|" $good > "$D/AArch64-$1.xml"
	timeout 20 "$BIN" --spec "$D/AArch64-$1.xml" list > "$D/$1.out" 2>&1 && grep -q "^TEST_EL1	3,0,11,0,0" "$D/$1.out"
}
check "DOCTYPE SYSTEM naming a local file: the page loads, the file is never opened" \
	doctype_loads system '<!DOCTYPE register_page SYSTEM "registers.dtd">'
check "DOCTYPE SYSTEM naming an absolute path and a file: URL: never opened" \
	doctype_loads absolute "<!DOCTYPE register_page SYSTEM \"file://$D/fifo.dtd\">"
check "DOCTYPE PUBLIC (as Arm's notice.xml has it): the page loads, the file is never opened" \
	doctype_loads public '<!DOCTYPE register_page PUBLIC "-//ARM//DTD textsection //EN" "registers.dtd">'
check "DOCTYPE PUBLIC with a URL on a listening local port: the page loads, no connection" \
	python3 tests/doctype_net.py "$BIN" $good "$D/AArch64-url.xml"
sed "2s|.*|<!DOCTYPE register_page PUBLIC \"-//ARM//DTD registers //EN\" \"$D/fifo.dtd\">|; s|<reg_short_name>TEST_EL1|<reg_short_name>\&ext;TEST_EL1|" \
	$good > "$D/AArch64-ref.xml"
expect_input_error "an entity reference is an error, with a DOCTYPE that names a file: not loaded, not expanded" \
	"AArch64-ref\.xml:7: error: entity reference &ext; in <reg_short_name>" --spec "$D/AArch64-ref.xml" list

mkdir -p "$T/unreadable"
cp tests/data/good/AArch64-test_el1.xml "$T/unreadable/"
ln -s "$T/does-not-exist.xml" "$T/unreadable/AArch64-gone.xml"
check "a link in a release directory (dangling) is counted, never followed" \
	sh -c "'$BIN' --spec '$T/unreadable' stats | grep -qx '      1 links, in archives and directories (not followed)'"
expect_input_error "a link in a release directory is an error with --strict" \
	"unreadable/AArch64-gone\.xml: error: a symbolic link: not followed \(--strict\)" --strict --spec "$T/unreadable" list
chmod 000 "$T/unreadable/AArch64-test_el1.xml"
chmod 755 "$T" "$T/unreadable"
# as root the test runs as nobody, who must reach the binary and the
# directory (a checkout under /root is closed to nobody) but not the file
if as_user "$BIN" --version > /dev/null 2>&1 && as_user test -x "$T/unreadable" &&
	as_user sh -c "! cat '$T/unreadable/AArch64-test_el1.xml'" > /dev/null 2>&1; then
	check "unreadable file in a release directory: an error naming it" \
		as_user sh -c "'$BIN' --spec '$T/unreadable' list 2>&1 >/dev/null | grep -q 'unreadable/AArch64-test_el1\.xml: error: cannot open: Permission denied'"
else
	skipped "unreadable file in a release directory" "this user reads a file of mode 000, or cannot reach the checkout"
fi
chmod 644 "$T/unreadable/AArch64-test_el1.xml"
expect_input_error "missing --spec path" "no/such/path: error: cannot read" --spec no/such/path list

mkdir -p "$T/noregs/rel"
printf '<?xml version="1.0"?>\n<register_index/>\n' > "$T/noregs/rel/index.xml"
printf 'not xml\n' > "$T/noregs/rel/README"
tar -cJf "$T/noregs.tar.xz" -C "$T/noregs" rel
expect_input_error "tarball with no register pages" "noregs\.tar\.xz: error: no registers found" --spec "$T/noregs.tar.xz" list

head -c 100000 "$SPEC25" > "$T/cut.tar.xz"
expect_input_error "truncated tarball" "cut\.tar\.xz(\(.*\))?: error: archive is damaged or truncated" --spec "$T/cut.tar.xz" list

mkdir -p "$T/keep"
printf 'old contents\n' > "$T/keep/keep.tsv"
check "a failed run: exit 1, an existing -o file untouched" \
	sh -c "'$BIN' --spec $bad/truncated.xml list -o '$T/keep/keep.tsv' 2> /dev/null; test \$? -eq 1 && grep -qx 'old contents' '$T/keep/keep.tsv'"
check "-o writes the whole output, no temporary file left" \
	sh -c "'$BIN' --spec tests/data/good/AArch64-test_el1.xml list -o '$T/keep/keep.tsv' &&
	grep -qx 'TEST_EL1	3,0,11,0,0	64	R' '$T/keep/keep.tsv' && test \$(ls '$T/keep' | wc -l) -eq 1"

expect_input_error "--max-file-bytes refuses a larger page" "over the limit of 100 bytes per file" \
	--max-file-bytes 100 --spec tests/data/good/AArch64-test_el1.xml list
expect_input_error "--max-depth refuses deeper nesting" "nested deeper than 3 levels" \
	--max-depth 3 --spec tests/data/good/AArch64-test_el1.xml list
expect_input_error "--max-total-bytes refuses a larger release" "exceeds the limit of 1000000 bytes in all" \
	--max-total-bytes 1000000 list

# ---- the same release from a directory, a .tar.xz, a .tar.gz ----

mkdir -p "$T/rel"
tar -xJf "$SPEC25" -C "$T/rel"
tar -czf "$T/rel.tar.gz" -C "$T/rel" "$REL25"
"$BIN" list --aliases --expand | grep -v '^#' > "$T/from-embedded"
"$BIN" --spec "$T/rel/$REL25" list --aliases --expand | grep -v '^#' > "$T/from-dir"
"$BIN" --spec "$T/rel.tar.gz" list --aliases --expand | grep -v '^#' > "$T/from-gz"
"$BIN" --spec "$SPEC25" list --aliases --expand | grep -v '^#' > "$T/from-xz"
check "directory and embedded release give the same list" cmp "$T/from-embedded" "$T/from-dir"
check ".tar.gz and embedded release give the same list" cmp "$T/from-embedded" "$T/from-gz"
check ".tar.xz file and embedded release give the same list" cmp "$T/from-embedded" "$T/from-xz"
check "the lists are not empty" test "$(wc -l < "$T/from-dir")" -gt 2000

# ---- Arm's downloads as shipped ----

# The 2025-03 release in the layout of Arm's download: notice, DTDs, XSL
# and CSS, rendered XHTML pages in xhtml/ and diff-from-*/. Each kind is
# counted from the tarball's own listing.
SHIPPED=tests/data/shipped/SysReg_xml_A_profile-2025-03-shipped.tar.gz
mkdir -p "$T/shipped" && tar -xzf $SHIPPED -C "$T/shipped"
tar -tzf $SHIPPED | grep -v '/$' > "$T/shipped.files"
count_files() { grep -Ec "$1" "$T/shipped.files" | sed 's/^/      /' | sed -E 's/^ *([0-9]{4})$/   \1/; s/^ *([0-9]{3})$/    \1/; s/^ *([0-9]{2})$/     \1/; s/^ *([0-9])$/      \1/'; }
"$BIN" --spec "$SPEC25" list --128 --aliases | grep -v '^#' > "$T/facts128"
for form in tarball directory; do
	case $form in tarball) s=$SHIPPED ;; *) s=$T/shipped/$REL25 ;; esac
	"$BIN" --spec "$s" list --128 --aliases > "$T/shipped128" 2> "$T/shipped128.err"
	check "release as shipped ($form): list --128 --aliases, exit 0, the lines of the facts-only release" \
		sh -c "grep -v '^#' '$T/shipped128' | cmp - '$T/facts128' && ! test -s '$T/shipped128.err'"
	"$BIN" --strict --spec "$s" stats > "$T/stats" 2>&1
	rc=$?
	check "release as shipped ($form): --strict stats exits 0" test $rc -eq 0
	check "release as shipped ($form): 1694 register pages, every other kind counted, 0 errors, 0 warnings" stats_has \
		"register pages: 1694" "other XML files: 12" "errors: 0" "warnings: 0" \
		"files read: $(wc -l < "$T/shipped.files")" \
		"$(count_files 'notice\.xml$') notice (skipped)" \
		"$(count_files '\.dtd$') DTDs (skipped)" \
		"$(count_files '\.xsl$') XSL style sheets (skipped)" \
		"$(count_files '\.css$') CSS style sheets (skipped)" \
		"$(count_files '\.html$') rendered XHTML and HTML pages (skipped)"
done

# The AARCHMRS package as Arm ships it: Registers.json and Features.json are
# read; Instructions.json (here not even valid JSON), schema/, docs/ and the
# licence are counted, never parsed.
P=$T/aarchmrs/AARCHMRS-derived-2025-03
mkdir -p "$T/aarchmrs" && tar -xJf spec/AARCHMRS-derived-2025-03.tar.xz -C "$T/aarchmrs"
printf '{"_meta": {"version": {}}, "_type": "Instruction.Instructions", "instructions": [{"_type": ' > "$P/Instructions.json"
mkdir -p "$P/docs/userguide"
printf '<!DOCTYPE html>\n<html><head><title>AARCHMRS</title></head><body><p>guide<br></body></html>\n' > "$P/docs/userguide/index.html"
printf 'p { margin: 0 }\n' > "$P/docs/style.css"
printf 'BSD 3-Clause License\n' > "$P/LICENSE"
tar -czf "$T/aarchmrs.tar.gz" -C "$T/aarchmrs" AARCHMRS-derived-2025-03
for s in "$P" "$T/aarchmrs.tar.gz"; do
	form=directory; case $s in *.tar.gz) form=tarball ;; esac
	"$BIN" --strict --spec "$s" list --128 > "$T/pkg128" 2>&1
	body "$T/pkg128" > "$T/got"
	body tests/expected/list128.tsv > "$T/want"
	check "AARCHMRS package as shipped ($form), Instructions.json not valid JSON: --strict list --128 gives the eight" \
		diff "$T/want" "$T/got"
	"$BIN" --spec "$s" stats > "$T/stats" 2>&1
	check "AARCHMRS package as shipped ($form): Instructions.json, schema, docs and licence counted" stats_has \
		"      1 Instructions.json (skipped, not parsed)" "      1 rendered XHTML and HTML pages (skipped)" \
		"      1 CSS style sheets (skipped)" "errors: 0"
done
printf '{ not JSON at all' > "$P/Instructions.json"
"$BIN" --spec "$P" stats > "$T/stats" 2>&1
check "an Instructions.json without a _type is told by its name, never parsed" stats_has \
	"      1 Instructions.json (skipped, not parsed)" "errors: 0"
printf '{ not JSON' > "$P/Features.json"
expect_input_error "a broken Features.json is an error, never replaced by the embedded one" \
	"Features\.json:1:[0-9]+: error: malformed JSON" --spec "$P" list

# What --strict refuses and the default only counts, and the files never
# opened: each path with its message
mkdir -p "$T/strict"
cp $good "$T/strict/AArch64-test_el1.xml"
printf '<?xml version="1.0"?>\n<future_index/>\n' > "$T/strict/future.xml"
printf 'some notes\n' > "$T/strict/notes.dat"
printf '{"_type": "Future.Thing"}\n' > "$T/strict/future.json"
mkfifo "$T/strict/pipe.xml"
"$BIN" --spec "$T/strict" stats > "$T/stats" 2>&1
check "unknown XML root, other text, other JSON and a FIFO: counted, exit 0" stats_has \
	"      1 other XML files (skipped)" "      1 other files (skipped)" "      1 other JSON files (skipped)" \
	"      1 FIFOs, devices and sockets (not opened)" "errors: 0"
"$BIN" --strict --spec "$T/strict" list > /dev/null 2> "$T/strict.err"
rc=$?
check "--strict: an unknown root element, a file neither XML nor JSON and other JSON are errors (exit 1), the FIFO is not" \
	sh -c "test $rc -eq 1 && grep -q 'future\.xml: error: unknown root element <future_index> (--strict)' '$T/strict.err' &&
	grep -q 'notes\.dat: error: neither XML nor JSON (--strict)' '$T/strict.err' &&
	grep -q 'future\.json: error: .*neither Registers\.json nor Features\.json (--strict)' '$T/strict.err' &&
	! grep -q 'pipe\.xml' '$T/strict.err'"
expect_input_error "a FIFO named as the spec: not a regular file, never blocks" "pipe\.xml: error: not a regular file" \
	--spec "$T/strict/pipe.xml" list
expect_input_error_also "Features.json over --max-values: one error, the document is not read" \
	"Features\.json\):[0-9]+:[0-9]+: error: more than 30000 values in one entry or document \(--max-values\): the document is not read" \
	"test \$(grep -c ': error: ' \"\$ERR\") -eq 1" \
	--max-values 30000 --spec spec/AARCHMRS-derived-2025-03.tar.xz list

# The same register page twice in one input: identical copies are a
# warning and read once; different ones an error naming both files.
mkdir -p "$T/twice/a" "$T/twice/b"
cp $good "$T/twice/a/" && cp $good "$T/twice/b/"
"$BIN" --spec "$T/twice" list > "$T/twice.out" 2> "$T/twice.err"
rc=$?
check "an identical page twice: exit 0, listed once" sh -c "test $rc -eq 0 && test \"\$(grep -c '^TEST_EL1	' '$T/twice.out')\" -eq 1"
check "an identical page twice: a warning naming both files" \
	grep -q "twice/b/AArch64-test_el1\.xml:6: warning: TEST_EL1 (AArch64) is defined again, identically, at .*twice/a/AArch64-test_el1\.xml:6" "$T/twice.err"
sed 's/Test Register (EL1)/Test Register, later/' $good > "$T/twice/b/AArch64-test_el1.xml"
expect_input_error "a register page twice, different: an error naming both files" \
	"twice/b/AArch64-test_el1\.xml:6: error: TEST_EL1 \(AArch64\) is defined twice, differently: here and at .*twice/a/AArch64-test_el1\.xml:6 \[duplicate-register\]" \
	--spec "$T/twice" list

# A release directory that also holds the older release: 1693 errors of one
# kind must not hide an error of another kind, and the last line says how
# many were not shown.
mkdir -p "$T/two-releases"
tar -xJf "$SPEC25" -C "$T/two-releases" && tar -xJf "$SPEC24" -C "$T/two-releases"
cp $bad/truncated.xml "$T/two-releases/zz-truncated.xml"
"$BIN" --spec "$T/two-releases" list > "$T/two.out" 2> "$T/two.err"
rc=$?
check "two releases in one directory: exit 1, nothing on stdout" sh -c "test $rc -eq 1 && ! test -s '$T/two.out'"
check "two releases: the error of another kind is shown among 1693 duplicates" \
	grep -q "zz-truncated\.xml:15:16: error: malformed XML" "$T/two.err"
check "two releases: 10 messages of one kind, then one line for the rest" test "$(grep -c 'defined twice' "$T/two.err")" -eq 11
check "two releases: the last line says how many were not shown" \
	sh -c "tail -n 1 '$T/two.err' | grep -Eq '^sysreggen: 1683 messages not shown \(at most 10 of each kind, 200 in all\)$'"
# JSON errors are put together behind their path: each keeps the kind of
# its own format, so 15 of one do not hide one of another
{ printf '['; i=0; while [ $i -lt 15 ]; do printf '[], '; i=$((i + 1)); done
  printf '{"_type": "Register", "state": "AArch64"}]\n'; } > "$T/kinds.json"
expect_input_error "JSON: an error of another kind is shown after 15 of one kind" \
	'kinds\.json:1: error: \[15\]\.name: expected a string' --spec "$T/kinds.json" list

"$BIN" list --aliases --expand > "$T/run1"
"$BIN" list --aliases --expand > "$T/run2"
check "same input, byte-identical output" cmp "$T/run1" "$T/run2"


# ---- the AARCHMRS JSON package: the same model as the XML ----

JSON25=spec/AARCHMRS-derived-2025-03.tar.xz
JSON24=spec/AARCHMRS-derived-2024-12.tar.xz
for pair in "$SPEC25 $JSON25" "$SPEC24 $JSON24"; do
	set -- $pair
	rel=$(basename "$2" .tar.xz)
	"$BIN" --spec "$2" list --128 > "$T/j128" 2>&1
	body "$T/j128" > "$T/got"
	body tests/expected/list128.tsv > "$T/want"
	check "$rel: JSON list --128 is the same eight registers" diff "$T/want" "$T/got"
	# SP_EL3: the package has no entry for it (see tests/model_equality.sh)
	"$BIN" --spec "$1" list --aliases --state aarch64 | grep -v -e '^#' -e '^SP_EL3	' > "$T/xl"
	"$BIN" --spec "$2" list --aliases --state aarch64 | grep -v '^#' > "$T/jl"
	check "$rel: list --aliases --state aarch64 is the same from XML and JSON (but SP_EL3)" cmp "$T/xl" "$T/jl"
	"$BIN" --spec "$1" list --aliases --expand --state aarch64 | grep -v -e '^#' -e '^SP_EL3	' > "$T/xl"
	"$BIN" --spec "$2" list --aliases --expand --state aarch64 | grep -v '^#' > "$T/jl"
	check "$rel: list --expand is the same from XML and JSON (array ranges narrowed to the encodings)" cmp "$T/xl" "$T/jl"
	for state in aarch64 aarch32; do
		sh tests/model_equality.sh "$BIN" "$1" "$2" $state > "$T/eq" 2>&1
		if [ $? -eq 0 ]; then
			ok "$rel: dump of XML and JSON agree ($state), differences listed with reasons"
			sed 's/^/    /' "$T/eq"
		else
			not_ok "$rel: dump of XML and JSON agree ($state)" "$T/eq"
		fi
	done
done
# the package unpacked: its 17 MB Registers.json is mapped, not read
mkdir -p "$T/pkg" && tar -xJf "$JSON25" -C "$T/pkg"
"$BIN" --spec "$JSON25" dump | grep -v '^#' > "$T/pkg.tar.dump"
"$BIN" --spec "$T/pkg/AARCHMRS-derived-2025-03/Registers.json" dump | grep -v '^#' > "$T/pkg.file.dump"
check "a Registers.json of 17 MB as a plain file gives the dump its package gives" cmp "$T/pkg.tar.dump" "$T/pkg.file.dump"
expect_input_error "--max-file-bytes refuses a Registers.json of 17 MB" "Registers\.json: error: file of 17676896 bytes is over the limit of 1048576 bytes" \
	--max-file-bytes 1048576 --spec "$T/pkg/AARCHMRS-derived-2025-03/Registers.json" list
"$BIN" --spec tests/data/json/good.json list > "$T/good"
check "a hand-written Registers.json loads" grep -qx "TEST_EL1	3,0,11,0,0	64	R" "$T/good"
"$BIN" --spec tests/data/json/flat-encoding.json list | grep -v '^#' > "$T/flat.body"
check "the flat encoding form of later releases reads the same" sh -c "grep -v '^#' '$T/good' | cmp - '$T/flat.body'"
"$BIN" dump --format json --state aarch64 > "$T/dump.json"
check "dump --format json is valid JSON with every AArch64 entry" \
	sh -c "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d) == 805, len(d)' '$T/dump.json'"

# ---- bad JSON: file, line (and column), JSON path, what was expected ----

J=tests/data/json
expect_input_error "JSON syntax error: file, line and column" "syntax\.json:6:11: error: malformed JSON: '}' expected" \
	--spec $J/syntax.json list
expect_input_error "JSON wrong type at a known path" \
	'wrong-type\.json:2: error: \[0\]\.accessors\[0\]\.encoding\[0\]\[0\]\.encodings\.op0: expected Values\.Value, Values\.Group or Values\.EquationValue, got AST\.Integer' \
	--spec $J/wrong-type.json list
# the splitter compacts each entry before jansson reads it: these show it
# keeps line numbers, keeps two adjacent values an error, and finds the ends
G=$J/good.json
{ sed -n 1,24p $G; echo "  },"; sed -n 2,25p $G | sed 's/"name": "TEST_EL1"/"name": 5/'; echo "]"; } > "$T/two.json"
expect_input_error "JSON structure error in a later entry names that entry's line" \
	'two\.json:26: error: \[1\]\.name: expected a string' --spec "$T/two.json" list
sed 's/"start": 8,/"start": 8 9,/' $G > "$T/adjacent.json"
expect_input_error "JSON two values with only white space between are an error, at their line and column" \
	"adjacent\.json:11:81: error: malformed JSON: '}' expected near '9'" --spec "$T/adjacent.json" list
head -n 20 $G > "$T/truncated.json"
expect_input_error "JSON entry not closed before the end of the file" \
	'truncated\.json:2:3: error: malformed JSON: element of the top-level array is not closed' --spec "$T/truncated.json" list
{ cat $G; echo x; } > "$T/after.json"
expect_input_error "JSON text after the top-level array" \
	'after\.json:27:1: error: malformed JSON: text after the top-level array' --spec "$T/after.json" list
sed 's/$/\r/; s/    /\t/g' $G > "$T/crlf.json"
"$BIN" --spec "$T/crlf.json" list | grep -v '^#' > "$T/crlf.body"
check "JSON with tabs and CRLF line ends reads the same" sh -c "grep -v '^#' '$T/good' | cmp - '$T/crlf.body'"
sed -f - $G > "$T/escapes.json" <<'EOF'
s/"title": "Test Register (EL1)"/"title": "a \\"]}, {[\\\\\\" \\u005d ] }"/
EOF
"$BIN" --spec "$T/escapes.json" show TEST_EL1 > "$T/escapes.show"
check "JSON strings with escaped quotes, backslashes and brackets are one string" \
	grep -Fqx 'TEST_EL1: a "]}, {[\" ] ] }' "$T/escapes.show"
expect_input_error "JSON register without a name" 'no-name\.json:2: error: \[0\]\.name: expected a string' --spec $J/no-name.json list
"$BIN" --spec $J/unknown-type.json stats > "$T/unk" 2>&1
check "JSON unknown _type is skipped and counted" grep -qx "      1 JSON entries of unknown _type" "$T/unk"
expect_input_error "JSON unknown _type is an error with --strict" \
	"unknown-type\.json:2: error: \[0\]\.fieldsets\[0\]\.values\[1\]: unknown field _type 'Fields\.FutureKind' \(--strict\)" \
	--strict --spec $J/unknown-type.json list
expect_input_error "JSON empty array" "empty\.json: error: no registers found" --spec $J/empty.json list
expect_input_error "tarball header claiming 2 GB" "claims-2GB\.tar\(AARCHMRS/Registers\.json\): error: archive member of 2147495993 bytes is over the limit of 268435456 bytes per file \(--max-file-bytes\)" \
	--spec tests/data/bad/claims-2GB.tar list
{
	printf '[{"_type":"Register","name":"X","state":"AArch64","condition":'
	i=0; while [ $i -lt 300 ]; do printf '{"_type":"AST.UnaryOp","op":"!","expr":'; i=$((i + 1)); done
	printf '{"_type":"AST.Bool","value":true}'
	i=0; while [ $i -lt 300 ]; do printf '}'; i=$((i + 1)); done
	printf '}]\n'
} > "$T/deep-ast.json"
expect_input_error "JSON condition nested deeper than --max-depth: refused before jansson builds it" \
	"deep-ast\.json:1:[0-9]+: error: nested deeper than 256 levels \(--max-depth\): the entry is not read" \
	--spec "$T/deep-ast.json" list
awk 'BEGIN { s = ""; for (i = 0; i < 5000; i++) s = s "["; t = ""; for (i = 0; i < 5000; i++) t = t "]"; print s t }' > "$T/deep-array.json"
expect_input_error "JSON nested deeper than --max-depth" "deep-array\.json:1:258: error: nested deeper than 256 levels \(--max-depth\)" \
	--spec "$T/deep-array.json" list
expect_input_error "JSON nested deeper than the parser's bound" "deep-array\.json:1:[0-9]+: error: malformed JSON: maximum parsing depth reached" \
	--max-depth 100000 --spec "$T/deep-array.json" list

# ---- conditions ----

cond_reads() { # TEXT EXPECTED [OPTIONS]
	text=$1 want=$2
	shift 2
	got=$("$BIN" "$@" condition "$text" 2>&1)
	[ "$got" = "$want" ] || { echo "condition '$text': got '$got', want '$want'"; return 1; }
}
check "condition: 'A, B, and C' lists" cond_reads \
	"When FEAT_PMUv3_EXT32 is implemented, FEAT_PMUv3_ICNTR is not implemented, and FEAT_PMUv3p9 is not implemented" \
	"FEAT_PMUv3_EXT32 && !FEAT_PMUv3_ICNTR && !FEAT_PMUv3p9	-"
check "condition: 'A, or B, or C' inside parentheses, and a call" cond_reads \
	"When (FEAT_PMUv3_EXTPMN is not implemented, or !IsMostSecureAccess(), or PMCCR.OSLO == 0) and OSLockStatus()" \
	"(!FEAT_PMUv3_EXTPMN || !IsMostSecureAccess() || PMCCR.OSLO == 0) && OSLockStatus()	-"
check "condition: 'and' binds tighter than 'or'" cond_reads "When A is implemented and B is implemented or C is implemented" "A && B || C	-"
check "condition: UInt() comparison" cond_reads "When UInt(ID_AA64MMFR3_EL1.D128) >= 1" "UInt(ID_AA64MMFR3_EL1.D128) >= 1	-"
check "condition: ELx is implemented is HaveEL(ELx)" cond_reads "when EL2 is implemented" "HaveEL(EL2)	-"
check "condition: Otherwise" cond_reads "Otherwise" "Otherwise	-"
check "condition: Otherwise is a keyword, not a name" cond_reads "when Otherwise" "?(when Otherwise)	-"
check "condition: unparsable prose stays opaque" cond_reads "when EL1 is capable of using AArch32" "?(when EL1 is capable of using AArch32)	-"
check "condition: a register field is run-time state" cond_reads "When FEAT_D128 is implemented and TCR2_EL1.D128 == 1" \
	"FEAT_D128 && TCR2_EL1.D128 == 1	runtime" --features FEAT_D128
check "condition: a feature outside the set is false" cond_reads "When FEAT_THE is implemented" "FEAT_THE	false" --features FEAT_D128
check "condition: a name that is no feature is unknown" cond_reads "When GICv3 is implemented" "GICv3	unknown" --features FEAT_D128
check "condition: HaveEL(EL2) is FEAT_EL2 (in the AArch64 base)" cond_reads "When EL2 is implemented" "HaveEL(EL2)	true" --features FEAT_D128
"$BIN" --features FEAT_D128 show TTBR0_EL1 > "$T/show-d128"
check "show with a feature set marks TCR2_EL1.D128 == 1 as runtime" \
	grep -qxF "  fieldset    128 bits  [When FEAT_D128 is implemented and TCR2_EL1.D128 == 1: runtime]" "$T/show-d128"

# ---- feature sets (Features.json, not the code, says what implies what) ----

"$BIN" features FEAT_D128 > "$T/feat"
feat_rc=$?
for f in FEAT_SYSREG128 FEAT_SYSINSTR128 FEAT_LSE128 FEAT_S1PIE FEAT_AIE FEAT_TCR2 v9Ap3; do
	check "features FEAT_D128 implies $f" grep -q "^$f	" "$T/feat"
done
check "features FEAT_D128 says where an implication comes from" \
	grep -qx "v9Ap2	v9Ap3 --> v9Ap2 && v8Ap8  (constraint of v9Ap3)" "$T/feat"
check "features FEAT_D128 does not imply FEAT_THE (exit 0, FEAT_D128 listed)" \
	sh -c "test $feat_rc -eq 0 && grep -q '^FEAT_D128	' '$T/feat' && ! grep -q '^FEAT_THE	' '$T/feat'"
count128() { "$BIN" "$@" list --128 | grep -vc '^#'; }
check "--features FEAT_D128,FEAT_THE: all eight registers are 128-bit" test "$(count128 --features FEAT_D128,FEAT_THE)" -eq 8
check "--features FEAT_D128 --no-feature FEAT_THE: six" test "$(count128 --features FEAT_D128 --no-feature FEAT_THE)" -eq 6
"$BIN" --features FEAT_D128 --no-feature FEAT_THE list --state aarch64 > "$T/six"
rc=$?
check "without FEAT_THE, RCWMASK_EL1 and RCWSMASK_EL1 are absent (exit 0, TTBR0_EL1 listed)" \
	sh -c "test $rc -eq 0 && grep -q '^TTBR0_EL1	' '$T/six' && ! grep -q '^RCWS\{0,1\}MASK_EL1	' '$T/six'"
check "without FEAT_D128, none is 128-bit" test "$(count128 --features FEAT_THE)" -eq 0
check "without FEAT_D128, TTBR0_EL1 is 64-bit" sh -c "'$BIN' --profile v9Ap4 list | grep -qx 'TTBR0_EL1	3,0,2,0,0	64	RW'"
check "the JSON package with FEAT_D128 gives the same six" \
	test "$(count128 --spec $JSON25 --features FEAT_D128 --no-feature FEAT_THE)" -eq 6
expect_input_error "unknown feature name suggests the nearest" "unknown feature 'FEAT_D12'.*did you mean FEAT_D128" --features FEAT_D12 list
expect_input_error "--no-feature of an implied feature is a contradiction" \
	"--no-feature FEAT_SYSREG128: it is implied by FEAT_D128 --> FEAT_SYSREG128" --features FEAT_D128 --no-feature FEAT_SYSREG128 list
expect_input_error "--profile needs a version" "--profile FEAT_D128: expected an architecture version" --profile FEAT_D128 list

# ---- generate: the outputs, consumed by what they are for ----

# count_lines FILE: the ok/FAIL/skip lines another script printed
count_lines() {
	while IFS= read -r line; do
		case "$line" in
		"ok - "*) pass=$((pass + 1)); echo "$line" ;;
		"FAIL - "*) fail=$((fail + 1)); echo "$line" ;;
		"skip - "*) skip=$((skip + 1)); echo "$line" ;;
		*) echo "$line" ;;
		esac
	done < "$1"
}
sh tests/consumers.sh "$BIN" "$T/consumers" "$LINUX" > "$T/consumers.out" 2>&1
count_lines "$T/consumers.out"
grep -q '^ok - sysreg-table compiles as C11' "$T/consumers.out" || not_ok "the consumer tests ran" "$T/consumers.out"
sh tests/linux.sh "$BIN" "$T/linux" "$LINUX" > "$T/linux.out" 2>&1
count_lines "$T/linux.out"
grep -q '^ok - linux-update of a file with bits out of range' "$T/linux.out" || not_ok "the Linux tests ran" "$T/linux.out"
sh tests/hardening.sh "$BIN" "$T/hardening" > "$T/hardening.out" 2>&1
count_lines "$T/hardening.out"
test "$(grep -c '^ok - ' "$T/hardening.out")" -ge 39 || not_ok "the hardening tests ran" "$T/hardening.out"
sh tests/hardening3.sh "$BIN" "$T/hardening3" "$LINUX" > "$T/hardening3.out" 2>&1
count_lines "$T/hardening3.out"
test "$(grep -c '^ok - ' "$T/hardening3.out")" -ge 50 || not_ok "the third round of hardening tests ran" "$T/hardening3.out"
sh tests/readme_snippets.sh "$BIN" "$T/readme" > "$T/readme.out" 2>&1
count_lines "$T/readme.out"
test "$(grep -c -e '^ok - ' -e '^skip - ' "$T/readme.out")" -ge 3 || not_ok "the README example tests ran" "$T/readme.out"

mkdir -p "$T/g1" "$T/g2"
"$BIN" generate -o "$T/g1" && "$BIN" generate -o "$T/g2"
check "generate: same input, byte-identical files" diff -r "$T/g1" "$T/g2"
check "generate: every file starts with the banner" sh -c "for f in '$T/g1'/*; do head -5 \"\$f\" | grep -q 'generated, do not edit' || { echo \"\$f\"; exit 1; }; done"
check "generate: all eight files" test "$(ls "$T/g1" | wc -l)" -eq 8
"$BIN" generate -o "$T/g5" 2> "$T/g5.err"
check "generate says on stderr what it wrote, in one line" sh -c "test \"\$(cat '$T/g5.err')\" = 'sysreggen: wrote 8 files in $T/g5'"
"$BIN" -q generate -o "$T/g5" 2> "$T/g5.err"
rc=$?
check "generate -q: exit 0 and nothing on stderr" sh -c "test $rc -eq 0 && ! test -s '$T/g5.err'"
# --emit rewrites only its outputs: a directory of its own, all files
# generated, marked, then kvm and qemu generated again
mkdir -p "$T/emit-only"
"$BIN" -q generate -o "$T/emit-only"
for f in "$T/emit-only"/*; do echo "/* mark */" >> "$f"; done
"$BIN" -q generate -o "$T/emit-only" --emit kvm,qemu
check "generate --emit kvm,qemu rewrites only those (every other file keeps its mark)" \
	sh -c "cd '$T/emit-only' && test \$(grep -l 'mark' * | wc -l) -eq 5 && ! grep -q mark kvm-sysregs.h qemu-cpregs128.c.inc qemu-cpu-sysregs.h.inc"
expect_usage() { # NAME PATTERN ARGS...: exit status 2 and the message
	name=$1 pattern=$2
	shift 2
	"$BIN" "$@" > "$T/u.out" 2> "$T/u.err"
	if [ $? -eq 2 ] && grep -Eq -e "$pattern" "$T/u.err" && ! test -s "$T/u.out"; then ok "$name"; else not_ok "$name" "$T/u.err"; fi
}
# nothing_written DIR: a directory of its own for a run that must fail
# without writing, made empty just before it
nothing_written() { rm -rf "$1" && mkdir -p "$1" && echo "$1"; }
D=$(nothing_written "$T/no-emit")
expect_usage "generate --emit with an unknown name" "--emit 'cobol': expected table, kvm, qemu, linux or json" generate -o "$D" --emit cobol
check "generate --emit with an unknown name wrote nothing" test -z "$(ls "$D")"
expect_usage "generate without -o" "generate needs -o DIR" generate
check "generate -o creates a missing directory and its parents, like install -d" \
	sh -c "'$BIN' generate -o '$T/new/a/b' && test -f '$T/new/a/b/kvm-sysregs.h'"
echo "a regular file" > "$T/regular-file"
expect_input_error "generate -o below a regular file" "regular-file/sub: error: -o: cannot create the directory: Not a directory" \
	generate -o "$T/regular-file/sub"
expect_usage "generate -o a regular file: refused, exit 2" "error: -o: not a directory: refused" generate -o "$T/regular-file"
D=$(nothing_written "$T/no-feature")
expect_input_error_also "generate with an unknown feature: the error, nothing written" "unknown feature 'FEAT_NOPE'" \
	"test -z \"\$(ls '$D')\"" --features FEAT_NOPE generate -o "$D"
D=$(nothing_written "$T/no-linux-reg")
expect_input_error_also "generate --linux-regs with a register that does not exist: the error, nothing written" \
	"--linux-regs: no AArch64 register named 'NO_SUCH_EL1'" "test -z \"\$(ls '$D')\"" \
	generate -o "$D" --linux-regs NO_SUCH_EL1
D=$(nothing_written "$T/misspelt-linux-reg")
expect_input_error_also "generate --linux-regs with a misspelt register suggests the nearest, writes nothing" \
	"--linux-regs: no AArch64 register named 'ID_AA64MMFR3_EL2'; did you mean ID_AA64MMFR3_EL1" "test -z \"\$(ls '$D')\"" \
	generate -o "$D" --linux-regs ID_AA64MMFR3_EL2
mkdir -p "$T/g4"
"$BIN" -q generate -o "$T/g4"
cp -r "$T/g4" "$T/g4.before"
rm "$T/g4/sysregs.json" "$T/g4.before/sysregs.json" && mkdir -p "$T/g4/sysregs.json/blocked"
"$BIN" --features FEAT_D128 generate -o "$T/g4" > /dev/null 2> "$T/g4.err"
check "generate: a file that cannot be replaced (a directory) refuses the whole run (exit 2), leaves every earlier file, no temporary file" \
	sh -c "test $? -eq 2 && grep -q 'sysregs.json: error: is a directory, not a regular file: refused as an output' '$T/g4.err' &&
	for f in '$T/g4.before'/*; do cmp \"\$f\" '$T/g4'/\$(basename \"\$f\") || exit 1; done && ! ls '$T/g4' | grep -q tmp"
mkdir -p "$T/g3"
expect_usage "--linux-regs with linux-update points to --add" \
	"--linux-regs is an option of generate, not of linux-update: --add names the registers to add" linux-update x --linux-regs TTBR0_EL1
check "linux-sysreg: PAR_EL1, whose 64-bit layouts are those without FEAT_D128, is written, the choice said at the end" \
	sh -c "grep -q '^Sysreg	PAR_EL1	3	0	7	4	0\$' out/linux-sysreg && grep -q '^#   PAR_EL1: 2 possible layouts; written the one when !FEAT_D128 && GetPAR_EL1_F() == 1\$' out/linux-sysreg &&
	grep -q '^#   ID_PFR0_EL1: 2 possible layouts; written the one when ?(When AArch32 is supported)\$' out/linux-sysreg"
"$BIN" generate -o "$T/g3" --emit linux --linux-regs ID_AA64MMFR3_EL1,MIDR_EL1
check "generate --linux-regs writes only those registers" test "$(grep -c '^Sysreg' "$T/g3/linux-sysreg")" -eq 2
"$BIN" --features FEAT_D128 --no-feature FEAT_THE generate -o "$T/g3" --emit kvm,qemu
check "with --features FEAT_D128 without FEAT_THE, six QEMU 128-bit definitions" test "$(grep -c ARM_CP_128BIT "$T/g3/qemu-cpregs128.c.inc")" -eq 6

# ---- checks over the model: named, with levels ----

C=$T/checks
good=tests/data/good/AArch64-test_el1.xml
goodj=tests/data/json/good.json
# One spec per check that makes it fire, as an XML page and, for the checks
# the JSON front end once made itself, as a JSON entry: the same check
# whichever front end read the spec.
mkdir -p "$C/names" "$C/encoding-values" "$C/encoding-fields" "$C/array-index" "$C/array-range" \
	"$C/duplicate-register" "$C/duplicate-encoding" "$C/json-encoding-values" "$C/json-array-range"
sed 's|<reg_short_name>TEST_EL1<|<reg_short_name>TEST EL1<|' $good > "$C/names/AArch64-test_el1.xml"
# a field the accessor does not need, with a value outside the grammar: only encoding-values fires
sed 's|<enc n="op2" v="0b000" />|<enc n="op2" v="0b000" /><enc n="CRd" v="0xb" />|' $good > "$C/encoding-values/AArch64-test_el1.xml"
sed '/<enc n="op1"/d' $good > "$C/encoding-fields/AArch64-test_el1.xml"
sed 's|<encoding>|<encoding><acc_array var="m"><acc_array_range>0-3</acc_array_range></acc_array>|' $good > "$C/array-index/AArch64-test_el1.xml"
sed 's|<encoding>|<encoding><acc_array var="m"><acc_array_range>0-31</acc_array_range></acc_array>|; s|v="0b0000" />|v="m[3:0]" />|; s|MRS TEST_EL1|MRS TEST\&lt;m\&gt;_EL1|' \
	$good > "$C/array-range/AArch64-test_el1.xml"
cp $good "$C/duplicate-register/AArch64-a.xml"
sed 's/Test Register (EL1)/Another/' $good > "$C/duplicate-register/AArch64-b.xml"
cp $good "$C/duplicate-encoding/AArch64-a.xml"
sed 's/TEST_EL1/OTHER_EL1/g' $good > "$C/duplicate-encoding/AArch64-b.xml"
sed "s|\"op2\": {\"_type\": \"Values.Value\", \"value\": \"'000'\"}}|\"op2\": {\"_type\": \"Values.Value\", \"value\": \"'000'\"}, \"CRd\": {\"_type\": \"Values.Value\", \"value\": \"0xb\"}}|" \
	$goodj > "$C/json-encoding-values/Registers.json"
sed 's|"Accessors.SystemAccessor", "name": "A64.MRS",|"Accessors.SystemAccessorArray", "name": "A64.MRS", "index_variable": "m", "indexes": [{"_type": "Range", "start": 16, "width": 16}],|; s|"asmvalue": "TEST_EL1"|"asmvalue": "TEST<m>_EL1"|; s|"CRm": {"_type": "Values.Value", "value": "'"'0000'"'"}|"CRm": {"_type": "Values.Value", "value": "m[3:0]"}|' \
	$goodj > "$C/json-array-range/Registers.json"
"$BIN" --list-checks > "$C/list" 2>&1
checks=$(cut -d' ' -f1 "$C/list")
check "--list-checks: every check, each an error by default ($(echo $checks | wc -w))" \
	sh -c "test \$(grep -cE '^[a-z0-9-]+ +error +[a-z]' '$C/list') -eq $(echo $checks | wc -w) && test $(echo $checks | wc -w) -ge 7"
# levels DIR CHECK ARGS...: exit status and the level of the [CHECK] messages
levels() {
	lv_dir=$1 lv_check=$2
	shift 2
	"$BIN" "$@" --spec "$C/$lv_dir" list > /dev/null 2> "$C/err"
	echo "$? $(grep -o "^[^ ]*: \(error\|warning\):.*\[$lv_check\]" "$C/err" | sed 's/.*: \(error\|warning\):.*/\1/' | sort -u | tr '\n' ' ')"
}
for dir in $checks json-encoding-values json-array-range; do
	chk=${dir#json-}
	if [ ! -d "$C/$dir" ]; then
		check "check $chk: has a spec that makes it fire (add one above)" false
		continue
	fi
	check "check $dir: fires as an error, its name in brackets" test "$(levels $dir $chk)" = "1 error "
	check "check $dir: -W $chk makes it a warning (exit 0)" test "$(levels $dir $chk -W $chk)" = "0 warning "
	check "check $dir: -W no-$chk turns it off" test "$(levels $dir $chk -W no-$chk)" = "0 "
	check "check $dir: -E $chk after -W no-$chk makes it an error again" test "$(levels $dir $chk -W no-$chk -E $chk)" = "1 error "
done
expect_usage "-W with an unknown check" "'no-such': no such check" -W no-such list

# ---- inputs that once found bugs (tests/corpus/, replayed with ASan and UBSan) ----

for target in xml json archive cond values consumer; do
	replay=build/replay/replay_$target
	if [ ! -x "$replay" ]; then
		skipped "replay of tests/corpus/$target" "$replay not built (make replay)"
	elif ls tests/corpus/$target/* > /dev/null 2>&1; then
		check "replay of tests/corpus/$target ($(ls tests/corpus/$target | wc -l) inputs)" "$replay" tests/corpus/$target/*
	fi
done

# ---- ID registers: feature set -> values (idregs), values -> features (decode) ----

I=$T/idregs
mkdir -p "$I"
Q=tests/data/qemu-cpu64
# QEMU's -cpu max names a feature beside each ID field it sets; the share
# that idregs gives the same value is printed (disagreements are listed in
# the closing note of the ID-register work, with their reasons)
python3 tests/qemu_max.py "$BIN" $Q/cpu64.c $Q/cpu-features.h 88 > "$I/qemu-max.out" 2>&1
rc=$?
check "idregs agrees with QEMU's -cpu max on at least 88% of its FIELD_DP64 lines: $(tail -1 "$I/qemu-max.out")" test $rc -eq 0
"$BIN" --features FEAT_PMULL idregs --format json > "$I/pmull.json"
check "idregs --features FEAT_PMULL: ID_AA64ISAR0_EL1.AES = 2, set for FEAT_AES and FEAT_PMULL" \
	python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["name"]=="ID_AA64ISAR0_EL1"][0]; assert r["fields"]["AES"]==2 and set(r["features"]["AES"])=={"FEAT_AES","FEAT_PMULL"}, r' "$I/pmull.json"
check "idregs: a field no constraint reads is 0 and said so (MIDR_EL1.Architecture)" \
	python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["name"]=="MIDR_EL1"][0]; assert r["fields"]["Architecture"]==0 and "Architecture" in r["unconstrained"], r' "$I/pmull.json"
"$BIN" --features FEAT_TGran4K --no-feature FEAT_TGran64K idregs > "$I/tgran.txt"
check "idregs text says how many constraints it read and how many it could not use" \
	grep -qE '^# [1-9][0-9]* constraints of Features.json read these registers. fields; [1-9][0-9]* others' "$I/tgran.txt"
check "idregs: a signed field (SInt) left out is 0b1111 (TGran64 = -1 when FEAT_TGran64K is not in the set)" \
	grep -qP '^\tTGran64\t27:24\t-1\t$' "$I/tgran.txt"
"$BIN" --features FEAT_NV2 idregs > "$I/nv2.txt"
check "idregs: of two ways to show FEAT_NV2, the one with fewer conditions (NV = 2, not NV_frac = 1 with NV = 0)" \
	sh -c "grep -qP '^\tNV\t27:24\t2\t' '$I/nv2.txt' && ! grep -qP '^\tNV_frac\t' '$I/nv2.txt'"
"$BIN" --features FEAT_RASv1p1 idregs > "$I/ras.txt"
check "idregs: FEAT_RASv1p1 without FEAT_DoubleFault is RAS = 1 with RAS_frac = 1 (RAS = 2 would add FEAT_DoubleFault)" \
	sh -c "grep -qP '^\tRAS\t31:28\t1\t' '$I/ras.txt' && grep -qP '^\tRAS_frac\t15:12\t1\t' '$I/ras.txt'"
expect_input_error "idregs: two features asking for values no field can hold at once is an error naming both constraints" \
	"FEAT_MPAM is in it, but its constraint cannot hold: .*MPAM\) >= 1\); the values that would hold it make this one fail \(FEAT_MPAMv0p1 is in the set\): .*FEAT_MPAMv0p1 <-> UInt" \
	--features FEAT_MPAMv0p1,FEAT_MPAM idregs
"$BIN" --features FEAT_SpecSEI idregs > /dev/null 2> "$I/sei.err"
check "idregs: a feature no ID register can show in the set (SpecSEI, which SpecSEI reads only with FEAT_RAS) is a warning" \
	grep -q "warning: FEAT_SpecSEI is in the set, but no ID register shows it: .*FEAT_RAS -->" "$I/sei.err"
# what the ID fields entail: no value of PFR0.FP gives FEAT_FP16 without FEAT_FP
"$BIN" features FEAT_FP16 > "$I/fp16.feat"
check "features FEAT_FP16: FEAT_FP and FEAT_AdvSIMD are in the set, because FP16's ID field values entail theirs" \
	sh -c "grep -q '^FEAT_FP	.*(FEAT_FP16 <-> SInt(ID_AA64PFR0_EL1.FP) >= 1)  entails  .*(FEAT_FP <-> SInt(ID_AA64PFR0_EL1.FP) >= 0)' '$I/fp16.feat' &&
	grep -q '^FEAT_AdvSIMD	.*entails' '$I/fp16.feat'"
"$BIN" --features FEAT_FP16 idregs > "$I/fp16.txt"
check "idregs --features FEAT_FP16: FP = 1 and AdvSIMD = 1 (as QEMU's -cpu max writes them for FEAT_FP16)" \
	sh -c "grep -qP '^\tFP\t19:16\t1\t' '$I/fp16.txt' && grep -qP '^\tAdvSIMD\t23:20\t1\t' '$I/fp16.txt'"
expect_input_error "--no-feature of a feature the ID fields entail is an error naming both constraints" \
	"--no-feature FEAT_AdvSIMD: it is implied by .*FEAT_FP16 <-> SInt\(ID_AA64PFR0_EL1.AdvSIMD\) >= 1\), which entails .*FEAT_AdvSIMD <-> SInt" \
	--features FEAT_FP16 --no-feature FEAT_AdvSIMD features
# choices: FEAT_SVE_PMULL128 --> (FEAT_SVE2 || FEAT_SSVE_AES)
"$BIN" features FEAT_SVE_PMULL128 > "$I/pmull128.feat"
check "features: a choice the set does not meet takes the alternative that adds the fewest features (FEAT_SVE2, not FEAT_SSVE_AES)" \
	sh -c "grep -q '^FEAT_SVE2	FEAT_SVE_.* --> FEAT_SVE2 || FEAT_SSVE_AES  (constraint of .*; the alternative that adds the fewest features)' '$I/pmull128.feat' &&
	! grep -q '^FEAT_SSVE_AES	' '$I/pmull128.feat'"
check "features: --no-feature steers a choice (FEAT_SVE_PMULL128 without FEAT_SVE2 takes FEAT_SSVE_AES, and so FEAT_SME)" \
	sh -c "'$BIN' --no-feature FEAT_SVE2 features FEAT_SVE_PMULL128 > '$I/pmull128b.feat' && grep -q '^FEAT_SSVE_AES	' '$I/pmull128b.feat' && grep -q '^FEAT_SME	' '$I/pmull128b.feat' && ! grep -q '^FEAT_SVE2	' '$I/pmull128b.feat'"
expect_input_error "features: a choice whose every alternative is left out is an error naming it" \
	"needs one of the alternatives of FEAT_SVE_.* --> FEAT_SVE2 \|\| FEAT_SSVE_AES, and each is left out" \
	--no-feature FEAT_SVE2,FEAT_SSVE_AES features FEAT_SVE_PMULL128
"$BIN" --features FEAT_SVE_PMULL128 idregs > "$I/pmull128.txt"
check "idregs --features FEAT_SVE_PMULL128: ID_AA64ZFR0_EL1.AES = 2 (the set has FEAT_SVE2, so the field is read)" \
	grep -qP '^\tAES\t7:4\t2\tFEAT_SVE_AES FEAT_SVE_PMULL128' "$I/pmull128.txt"
"$BIN" --features FEAT_D128 idregs --format kvm > "$I/d128.json"
check "idregs --format kvm: a Firecracker template; ID_AA64MMFR3_EL1 (0x603000000013c03b) has bits 35:32 = 0001, undecided bits x" \
	python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
m = {x["addr"]: x["bitmap"] for x in t["reg_modifiers"]}
b = m["0x603000000013c03b"]
assert b.startswith("0b") and len(b) == 66, b
bits = b[2:]
assert bits[63 - 35:63 - 31] == "0001", bits
assert "x" in bits and set(bits) <= set("01x"), bits
assert all(len(v) == 66 for v in m.values())' "$I/d128.json"
"$BIN" --features FEAT_PMULL idregs --format qemu > "$I/pmull.qemu"
check "idregs --format qemu: QEMU's FIELD_DP64 lines, as target/arm/tcg/cpu64.c writes them" \
	grep -qx '    t = FIELD_DP64(t, ID_AA64ISAR0, AES, 2); /\* FEAT_AES, FEAT_PMULL \*/' "$I/pmull.qemu"
"$BIN" --features FEAT_PMULL idregs --format c > "$I/pmull.h"
check "idregs --format c: a #define per register that compiles" sh -c \
	"grep -q '^#define ID_AA64ISAR0_EL1_VALUE 0x0000000000000020ULL' '$I/pmull.h' && printf '#include \"pmull.h\"\nunsigned long long v = ID_AA64ISAR0_EL1_VALUE;\n' > '$I/use.c' && cc -std=c11 -Wall -Werror -c -o '$I/use.o' '$I/use.c'"
expect_usage "idregs --format with a format it does not take" "--format 'md': idregs takes text, json, c, qemu or kvm" idregs --format md
check "features --all: every feature and version of Features.json, one per line" \
	sh -c "test \$('$BIN' features --all | wc -l) -eq \$(python3 -c 'import json; print(len(json.load(open(\"spec/Features.json\"))[\"parameters\"]))') && '$BIN' features --all | grep -qx v9Ap4"
# decode: Neoverse-N1's ID values as QEMU's aarch64_neoverse_n1_initfn sets them
N1="ID_AA64ISAR0=0x0000100010211120 ID_AA64ISAR1=0x0000000000100001 ID_AA64MMFR0=0x0000000000101125
ID_AA64MMFR1=0x0000000010212122 ID_AA64MMFR2=0x0000000000001011 ID_AA64PFR0=0x1100000010111112
ID_AA64PFR1=0x0000000000000020 ID_AA64DFR0=0x0000000110305408"
check "QEMU's Neoverse-N1 values in the test are the ones cpu64.c sets" sh -c "for v in $(echo $N1 | tr '\n' ' '); do r=\${v%%=*}; x=\${v#*=}; grep -q \"SET_IDREG(isar, \$r, \$x\" $Q/cpu64.c || { echo \$v; exit 1; }; done"
"$BIN" decode $N1 > "$I/n1.txt"
# Arm's Neoverse N1 TRM: Armv8.2-A with LSE, RDM, DotProd, FP16, RAS, LRCPC,
# DPB, SSBS, the crypto extension, SPE, VHE, PAN2, UAO, LOR, HPDS, CSV2,
# CSV3; not SVE, PAuth, BTI, MTE, FHM, SHA3/SHA512/SM3/SM4, LSE2, DIT,
# FlagM, TLBIRANGE, AMU, SB, RNG
check "decode of Neoverse-N1: the features it is documented to have" sh -c "for f in FEAT_LSE FEAT_RDM FEAT_DotProd FEAT_FP16 \
	FEAT_RAS FEAT_LRCPC FEAT_DPB FEAT_SSBS FEAT_AES FEAT_PMULL FEAT_SHA1 FEAT_SHA256 FEAT_CRC32 FEAT_SPE FEAT_VHE FEAT_PAN2 \
	FEAT_UAO FEAT_LOR FEAT_HPDS FEAT_CSV2 FEAT_CSV3 FEAT_TTCNP v8Ap2; do grep -qx \$f '$I/n1.txt' || { echo missing \$f; exit 1; }; done"
check "decode of Neoverse-N1: none it lacks" sh -c "for f in FEAT_SVE FEAT_PAuth FEAT_BTI FEAT_MTE FEAT_FHM FEAT_SHA3 FEAT_SHA512 \
	FEAT_SM3 FEAT_SM4 FEAT_LSE2 FEAT_DIT FEAT_FlagM FEAT_TLBIRANGE FEAT_AMUv1 FEAT_SB FEAT_RNG v8Ap3; do ! grep -qx \$f '$I/n1.txt' || { echo has \$f; exit 1; }; done"
# AES = 0b0101 (the spec defines 0, 1, 2), SHA1 = 1, and RES0 bit 0 set
printf '# Neoverse-ish, one field wrong\nID_AA64ISAR0_EL1 0x0000000000000151\n' > "$I/reserved.txt"
"$BIN" decode --from "$I/reserved.txt" --format json > "$I/reserved.json" 2> "$I/reserved.err"
check "decode: a value the spec does not define is reported, not guessed (AES = 5; RES0 bit 0)" \
	sh -c "grep -q 'warning: ID_AA64ISAR0_EL1.AES = 5: a value the spec does not define' '$I/reserved.err' &&
	grep -q 'warning: ID_AA64ISAR0_EL1 = 0x0000000000000151: bits 0x0000000000000001 are set, but no field holds them' '$I/reserved.err' &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d[\"reserved\"]) == 2 and \"FEAT_SHA1\" in d[\"implemented\"] and \"FEAT_AES\" not in d[\"implemented\"] + d[\"not_implemented\"], d' '$I/reserved.json'"
mkfifo "$I/values.fifo"
printf '\357\273\277{"reg_modifiers": [{"addr": "0x603000000013c030", "bitmap": "0b0001"}]}' > "$I/bom.json"
check "decode --from a template behind a UTF-8 byte-order mark: read (ID_AA64ISAR0_EL1 low bits 0001)" "$BIN" decode --from "$I/bom.json"
expect_input_error "decode --from a FIFO: not a regular file, never blocks" "values\.fifo: error: not a regular file" decode --from "$I/values.fifo"
head -c 2000 /dev/urandom | tr -d '\n' > "$I/binary.values" && printf '\0' >> "$I/binary.values"
expect_input_error_also "decode --from binary bytes: one error, none of the bytes echoed" "binary\.values: error: a NUL byte" \
	"test \$(wc -l < \"\$ERR\") -eq 2" decode --from "$I/binary.values"
head -c 17000000 /dev/zero | tr '\0' '#' > "$I/huge.values"
expect_input_error "decode --from a file over --max-file-bytes: refused before it is read" \
	"huge\.values: error: file of 17000000 bytes is over the limit of 16777216 bytes per file \(--max-file-bytes\)" \
	--max-file-bytes 16777216 decode --from "$I/huge.values"
: > "$I/empty.values"
check "decode --from an empty file: the features of AArch64 EL1 only, exit 0" sh -c "'$BIN' decode --from '$I/empty.values' | grep -qx FEAT_AA64EL1"
printf 'ID_AA64ISAR0 0x1ffffffffffffffff\n' > "$I/big.values"
expect_input_error "decode: a value over 64 bits" "big\.values:1: error: ID_AA64ISAR0_EL1: '0x1ffffffffffffffff' is not a 64-bit value" decode --from "$I/big.values"
expect_input_error "decode --from a file that does not exist" "no-such\.values: error: cannot read: No such file or directory" \
	decode --from "$I/no-such.values"
printf '{"reg_modifiers": [' > "$I/cut.json"
expect_input_error "decode --from a template cut short: malformed JSON, with line and column" "cut\.json:1:[0-9]+: error: malformed JSON" \
	decode --from "$I/cut.json"
expect_input_error_also "idregs --common with one CPU's values unreadable: the error, nothing on stdout" \
	"no-such\.values: error: cannot read" "grep -q 'nothing written' \"\$ERR\"" idregs --common "$I/no-such.values" "$I/cut.json"
expect_input_error "decode: a register that is no ID register" "'TTBR0_EL1': not an ID register" decode TTBR0_EL1=0
expect_input_error "decode: a value that is not a number" "ID_AA64ISAR0_EL1: '0xzz' is not a 64-bit value" decode ID_AA64ISAR0=0xzz
# a fleet: Neoverse-N1's values and a v9Ap0 CPU's template; the common
# template decodes to exactly the features both decode to
echo "$N1" | tr ' ' '\n' | sed 's/=/ /' > "$I/n1.values"
"$BIN" --profile v9Ap0 idregs --format kvm > "$I/v9.kvm"
"$BIN" idregs --common "$I/n1.values" "$I/v9.kvm" --format kvm > "$I/fleet.kvm"
rc=$?
"$BIN" decode --from "$I/n1.values" > "$I/n1.dec"
"$BIN" decode --from "$I/v9.kvm" > "$I/v9.dec"
"$BIN" decode --from "$I/fleet.kvm" > "$I/fleet.dec"
check "idregs --common: the fleet's template decodes to the features both CPUs have ($(wc -l < "$I/fleet.dec") of $(wc -l < "$I/n1.dec") and $(wc -l < "$I/v9.dec"))" \
	sh -c "test $rc -eq 0 && comm -12 '$I/n1.dec' '$I/v9.dec' | cmp - '$I/fleet.dec' && grep -qx FEAT_LSE '$I/fleet.dec' && ! grep -qx FEAT_SSBS '$I/fleet.dec'"
expect_usage "idregs --common without files" "idregs --common needs one FILE of values per CPU" idregs --common
A32="--state aarch32 --features FEAT_AA32EL0,FEAT_AA32EL1,FEAT_RDM,FEAT_CRC32"
"$BIN" $A32 idregs > "$I/a32.txt"
check "idregs --state aarch32: the AArch32 ID registers (ID_ISAR5 at 15,0,0,2,5 with RDM and CRC32 set; MVFR0 by VMRS)" \
	sh -c "grep -qP '^ID_ISAR5\t15,0,0,2,5\t0x0000000001010000$' '$I/a32.txt' && grep -qP '^MVFR0\treg=7\t' '$I/a32.txt' && ! grep -q '_EL1' '$I/a32.txt'"
check "decode --state aarch32 of that ID_ISAR5: FEAT_RDM and FEAT_CRC32, read at AArch32 EL1" \
	sh -c "'$BIN' --state aarch32 decode ID_ISAR5=0x01010000 > '$I/a32.dec' && grep -qx FEAT_RDM '$I/a32.dec' && grep -qx FEAT_CRC32 '$I/a32.dec' && grep -qx FEAT_AA32EL1 '$I/a32.dec'"
expect_usage "idregs --state aarch32 --format kvm: AArch32 registers have no KVM ids" "AArch32 ID registers have no KVM ids" $A32 idregs --format kvm
# round trip: the values idregs gives, as a Firecracker template, decode to
# the set: nothing outside its closure, nothing of it "not implemented",
# and every feature idregs says a field shows
for set in "--profile v8Ap2" "--profile v9Ap0" "--profile v9Ap4" "--features FEAT_D128"; do
	tag=$(echo "$set" | tr -c 'A-Za-z0-9\n' _)
	"$BIN" $set idregs --format kvm > "$I/rt$tag.kvm" && "$BIN" $set idregs --format json > "$I/rt$tag.json" &&
		"$BIN" decode --from "$I/rt$tag.kvm" --format json > "$I/rt$tag.decoded" &&
		"$BIN" $set features | grep -v '^#' | cut -f1 > "$I/rt$tag.closure"
	check "round trip $set: decode of idregs' values gives the set back ($(python3 tests/roundtrip.py "$I/rt$tag" 2>&1 | tail -1))" \
		python3 tests/roundtrip.py "$I/rt$tag"
done

# ---- diff: spec updates (changes found by reading the two releases) ----

"$BIN" diff "$SPEC24" "$SPEC25" > "$T/diff" 2> "$T/diff.err"
rc=$?
check "diff of 2024-12 and 2025-03 exits 1 (changes)" test $rc -eq 1
diff_has() { # REGISTER-LINE CHANGE-LINE: the change under its register
	awk -v reg="$1" -v chg="$2" '$0 == reg { inreg = 1; next } /^[^ ]/ { inreg = 0 } inreg && $0 == chg { found = 1 }
		END { exit !found }' "$T/diff" || { echo "no '$2' under '$1'"; return 1; }
}
check "diff: ERRGSR became the array ERRGSR<m> (ext-errgsr.xml -> ext-errgsrm.xml), reported both ways" sh -c \
	"grep -A1 -x 'ext ERRGSR' '$T/diff' | grep -qx '  removed (replaced by the array ERRGSR<m>)' &&
	 grep -A1 -x 'ext ERRGSR<m>' '$T/diff' | grep -qx '  added (an array replacing ERRGSR)'"
check "diff: HCR_EL2 lost field MIOCNCE (bit 38)" diff_has "AArch64 HCR_EL2" "  fieldset 64 #0: field removed: MIOCNCE 38"
check "diff: PMCNTENSET_EL0's field F<m> became F0" sh -c "grep -A3 -x 'AArch64 PMCNTENSET_EL0' '$T/diff' | grep -q 'field removed: F<m> 32' &&
	grep -A3 -x 'AArch64 PMCNTENSET_EL0' '$T/diff' | grep -q 'field added: F0 32'"
check "diff: ERRCRICR2's widest layout went from 64 to 32 bits" diff_has "ext ERRCRICR2" "  width 64 -> 32"
check "diff: conditions gained FEAT_AA64 (TTBR0_EL1)" diff_has "AArch64 TTBR0_EL1" "  condition TRUE -> FEAT_AA64"
"$BIN" diff --128 "$SPEC24" "$SPEC25" > "$T/diff128"
check "diff --128 reports only the eight 128-bit registers" test "$(grep -c '^AArch64 ' "$T/diff128")" -eq 8
"$BIN" diff "$SPEC25" "$SPEC25" > "$T/diff0"
check "diff of a release with itself reports nothing, exit 0" sh -c "'$BIN' diff '$SPEC25' '$SPEC25' > /dev/null && grep -qx '# 0 changes in 0 registers' '$T/diff0'"
check "diff --state aarch64 of the XML and JSON forms of 2025-03: nothing, exit 0" "$BIN" diff --state aarch64 "$SPEC25" "$JSON25"
check "diff of mixed formats, 2024-12 JSON to 2025-03 XML, finds the same HCR_EL2 change" sh -c \
	"'$BIN' diff --state aarch64 '$JSON24' '$SPEC25' | grep -q 'field removed: MIOCNCE 38'"
"$BIN" diff --json "$SPEC24" "$SPEC25" > "$T/diff.json"
check "diff --json: valid, the same number of changes as the text" sh -c \
	"python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d[\"changes\"]) == int(sys.argv[2]), len(d[\"changes\"])' '$T/diff.json' \
	$(tail -1 "$T/diff" | awk '{ print $2 }')"
"$BIN" diff "$SPEC24" tests/data/bad/truncated.xml > "$T/diff.bad" 2>&1
check "diff with a broken spec exits 2" test $? -eq 2

# ---- generate --check: stale generated files ----

mkdir -p "$T/chk"
"$BIN" generate -o "$T/chk"
check "generate --check on fresh files: exit 0, nothing listed" sh -c "'$BIN' generate --check -o '$T/chk' > '$T/chk.out' && ! test -s '$T/chk.out'"
check "generate --check with an error exits 2, not 1 (stale)" sh -c "'$BIN' --features FEAT_NOPE generate --check -o '$T/chk' 2> /dev/null; test \$? -eq 2"
echo "/* edited */" >> "$T/chk/kvm-sysregs.h"
"$BIN" generate --check -o "$T/chk" > "$T/chk.out"
check "generate --check after editing one file: exit 1, naming it" sh -c "test $? -eq 1 && grep -qx '$T/chk/kvm-sysregs.h' '$T/chk.out' && test \$(wc -l < '$T/chk.out') -eq 1"

# ---- audit: what a kernel or QEMU tree covers ----

KSYSREG=$LINUX/arch/arm64/tools/sysreg
if [ -f "$KSYSREG" ]; then
	"$BIN" audit --against "$KSYSREG" > "$T/audit.md"
	check "audit of Linux 6.12's sysreg: TTBR0_EL1 is a 64-bit Sysreg, no 128-bit form" \
		grep -q '^| TTBR0_EL1 | 3,0,2,0,0 | TTBR0_EL1 | 3,0,2,0,0 | missing (64-bit only) |' "$T/audit.md"
	check "audit of Linux 6.12's sysreg: every encoding both name agrees" grep -qx '| encoding different | 0 |' "$T/audit.md"
	check "audit of Linux 6.12's sysreg: more than 140 registers in common" \
		sh -c "awk -F'|' '/present in the Linux sysreg file/ { exit !(\$3 + 0 > 140) }' '$T/audit.md'"
	check "audit --fail-on missing128: exit 1 for Linux 6.12 (no 128-bit forms)" \
		sh -c "'$BIN' audit --against '$KSYSREG' --fail-on missing128 > /dev/null; test \$? -eq 1"
	check "audit --fail-on mismatch: exit 0 for Linux 6.12" "$BIN" audit --against "$KSYSREG" --fail-on mismatch
	mkdir -p "$T/ktree/arch/arm64/tools" && cp "$KSYSREG" "$T/ktree/arch/arm64/tools/"
	check "audit of a Linux tree reads its arch/arm64/tools/sysreg" sh -c "'$BIN' audit --against '$T/ktree' | grep -q '(Linux tree)'"
	# KVM: arch/arm64/kvm/sys_regs.c, its macros expanded, names resolved
	# through asm/sysreg.h and the sysreg file
	"$BIN" audit --against "$LINUX" > "$T/kvm.md"
	kvm_has() { sed -n '/^## KVM/,/^## /p' "$T/kvm.md" | grep -q "$@"; }
	check "audit of Linux 6.12's tree: KVM's sys_reg_descs[] names 431 registers (and 16 unallocated ID encodings)" \
		kvm_has -x "sys_reg_descs\[\] names 431 registers and 16 unallocated ID encodings."
	check "audit of Linux 6.12's tree: every KVM register the spec has is found with an equal encoding" \
		sh -c "sed -n '/^## KVM/,/^## /p' '$T/kvm.md' | grep -qx '| found, encoding equal | 407 |' &&
		sed -n '/^## KVM/,/^## /p' '$T/kvm.md' | grep -qx '| encoding different | 0 |' &&
		sed -n '/^## KVM/,/^## /p' '$T/kvm.md' | grep -qx '| not in the spec | 0 |' &&
		sed -n '/^## KVM/,/^## /p' '$T/kvm.md' | grep -qx '| encoding unknown | 0 |'"
	check "audit of Linux 6.12's tree: AMEVCNTR0<n>_EL0 for n = 4..15 are KVM's own entries past the spec's array" \
		sh -c "sed -n '/^## KVM/,/^## /p' '$T/kvm.md' | grep -c '^- AMEVCNTR0_EL0([0-9]*) at .*: KVM.s own entry past the spec.s AMEVCNTR0<n>_EL0 (index 0 to 3)' | grep -qx 12"
	check "audit of Linux 6.12's tree: DBGBVRn_EL1(n) and PMEVCNTRn_EL0(n) resolve through asm/sysreg.h (DBGBVR15_EL1, PMEVCNTR30_EL0 handled)" \
		sh -c "'$BIN' audit --against '$LINUX' --format json | python3 -c 'import json,sys; d=json.load(sys.stdin)[\"kvm\"]; names={e[\"spec_name\"] for e in d[\"entries\"] if e[\"status\"].startswith(\"found\")}; assert {\"DBGBVR15_EL1\",\"PMEVCNTR30_EL0\",\"APIAKeyLo_EL1\",\"ID_AA64PFR0_EL1\"} <= names, names'"
	check "audit of Linux 6.12's tree: the six 128-bit registers KVM handles, only as 64-bit" \
		kvm_has -x -- "- handled only as 64-bit: TTBR0_EL1, TTBR1_EL1, PAR_EL1, TTBR0_EL2, TTBR1_EL2, VTTBR_EL2."
	check "audit of Linux 6.12's tree: KVM's unallocated ID encodings the 2025-03 spec allocates (ID_AA64DFR2_EL1, ID_AA64ISAR3_EL1)" \
		sh -c "sed -n '/^## KVM/,/^## /p' '$T/kvm.md' | grep -q '^- (unallocated) at 3,0,0,5,2 .*: the spec has ID_AA64DFR2_EL1' &&
		sed -n '/^## KVM/,/^## /p' '$T/kvm.md' | grep -q '^- (unallocated) at 3,0,0,6,3 .*: the spec has ID_AA64ISAR3_EL1'"
	mkdir -p "$T/kwrong" && cp -r "$LINUX/arch" "$T/kwrong/" &&
		sed -i 's/^#define SYS_DBGBVRn_EL1(n)\(.*\)sys_reg(2, 0, 0, n, 4)/#define SYS_DBGBVRn_EL1(n)\1sys_reg(2, 0, 0, n, 6)/' "$T/kwrong/arch/arm64/include/asm/sysreg.h"
	"$BIN" audit --against "$T/kwrong" --fail-on mismatch > "$T/kwrong.md"
	rc=$?
	check "audit of a Linux tree whose sysreg.h gives DBGBVRn_EL1 a wrong op2: encoding differences, --fail-on mismatch exits 1" \
		sh -c "test $rc -eq 1 && sed -n '/^## KVM/,/^## /p' '$T/kwrong.md' | grep -q '^- DBGBVRn_EL1(0) at 2,0,0,0,6 .*sys_regs.c:[0-9]*): the spec has DBGBVR0_EL1 at 2,0,0,0,4'"
else
	skipped "audit against Linux 6.12 and its KVM" "no kernel sysreg file (linux-source-6.12)"
fi
"$BIN" audit --against tests/data/qemu > "$T/qemu.md"
check "audit of a QEMU tree: TTBR0_EL1 with ARM_CP_128BIT" grep -q '^| TTBR0_EL1 | 3,0,2,0,0 | TTBR0_EL1 | 3,0,2,0,0 | present |' "$T/qemu.md"
check "audit of a QEMU tree: an initializer split over lines, members in another order" \
	grep -q '^| TTBR1_EL1 | 3,0,2,0,1 | TTBR1_EL1 | 3,0,2,0,1 | missing (64-bit only) | tests/data/qemu/target/arm/helper.c:15 |' "$T/qemu.md"
check "audit of a QEMU tree: a macro in .opc2 is unknown, not guessed" \
	grep -q '^| TCR_EL1 | 3,0,2,0,2 | TCR_EL1 | unknown (not a plain number) |' "$T/qemu.md"
check "audit of a QEMU tree: MAIR_EL1's wrong encoding is a mismatch" \
	grep -q '^| MAIR_EL1 | 3,0,10,2,0 | MAIR_EL1 | 3,0,10,2,1 |' "$T/qemu.md"
check "audit of a QEMU tree: .c.inc fragments are read (TTBR0_EL2)" \
	grep -q '^| TTBR0_EL2 | 3,4,2,0,0 | TTBR0_EL2 | 3,4,2,0,0 | present | tests/data/qemu/target/arm/tcg/el2.c.inc:2 |' "$T/qemu.md"
check "audit of a QEMU tree: AArch32-only and computed names are counted, not compared" sh -c \
	"grep -qx '| QEMU definitions for AArch32 only (not compared) | 1 |' '$T/qemu.md' &&
	 grep -qx '| QEMU definitions whose name is computed otherwise (not compared) | 1 |' '$T/qemu.md'"
check "audit of a QEMU tree: .name = g_strdup_printf(\"DBGBVR%d_EL1\", i) in a loop to 16: DBGBVR0_EL1 ... DBGBVR15_EL1" sh -c \
	"grep -qx '| QEMU definitions made in loops (g_strdup_printf names) | 1 |' '$T/qemu.md' &&
	 grep -q '^| DBGBVR15_EL1 | DBGBVR15_EL1 | name | a loop (line 5[0-9]): g_strdup_printf(\"DBGBVR%d_EL1\", i) for i < 16 |' '$T/qemu.md'"
check "audit of a QEMU tree: QEMU_PRIVATE_EL1 is in QEMU but not in the spec" \
	sh -c "grep -A2 '^## In the QEMU tree but not in the spec' '$T/qemu.md' | grep -qx 'QEMU_PRIVATE_EL1'"
check "audit --fail-on mismatch: exit 1 for the QEMU tree" sh -c "'$BIN' audit --against tests/data/qemu --fail-on mismatch > /dev/null; test \$? -eq 1"
check "audit --format json is valid JSON" sh -c "'$BIN' audit --against tests/data/qemu --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"summary\"][\"encoding_different\"] == 1'"
# QEMU's own tree (tests/data/qemu-ece40881-target-arm.tar.xz): each way QEMU
# defines a register, found, and nothing reported different that is not
Q10=$T/qemu-tree
mkdir -p "$Q10" && tar -xJf tests/data/qemu-ece40881-target-arm.tar.xz -C "$Q10"
"$BIN" audit --against "$Q10" > "$T/q10.md"
q10_row() { # NAME PATTERN: the row of NAME in the "Found under another name, or made at run time" table matches
	sed -n '/^## Found under another name, or made at run time/,/^## /p' "$T/q10.md" | grep -q "^| $1 | $2"
}
check "audit of QEMU's tree: no encoding differs (registers and system instructions)" \
	test "$(grep -cx '| encoding different | 0 |' "$T/q10.md")" -eq 2
check "audit of QEMU's tree: ID_PFR0_EL1 is the ARM_CP_STATE_BOTH entry \"ID_PFR0\", found by encoding" \
	q10_row ID_PFR0_EL1 "ID_PFR0 | encoding | written out | $Q10/target/arm/helper.c:"
check "audit of QEMU's tree: CCSIDR_EL1 is \"CCSIDR\" (STATE_BOTH), found by encoding" q10_row CCSIDR_EL1 "CCSIDR | encoding |"
check "audit of QEMU's tree: APIAKeyLo_EL1 is \"APIAKEYLO_EL1\", found by name in another case" \
	q10_row APIAKeyLo_EL1 "APIAKEYLO_EL1 | name in another case |"
check "audit of QEMU's tree: TTBR0_EL12 is made from TTBR0_EL1's .vhe_redir_to_el01" \
	q10_row TTBR0_EL12 "TTBR0_EL12 | name | .vhe_redir_to_el01 of TTBR0_EL1 | $Q10/target/arm/helper.c:"
check "audit of QEMU's tree: DBGBVR0_EL1 comes from a loop, and the report says the bound (brps) was not a constant" \
	q10_row DBGBVR0_EL1 "DBGBVR0_EL1 | name | a loop (line [0-9]*): g_strdup_printf(\"DBGBVR%d_EL1\", i) for i < brps (not a constant"
check "audit of QEMU's tree: PMEVCNTR30_EL0 from cpregs-pmu.c's loop (.crm = 8 | (3 & (i >> 3)), .opc2 = i & 7)" \
	q10_row PMEVCNTR30_EL0 "PMEVCNTR30_EL0 | name | a loop .* | $Q10/target/arm/cpregs-pmu.c:"
check "audit of QEMU's tree: ICH_LR15_EL2 is hw/intc's \"ICH_LRn_EL2\" in a loop over j, found by encoding" \
	q10_row ICH_LR15_EL2 "ICH_LRn_EL2 | encoding | a loop .*cs->num_list_regs (not a constant.* | $Q10/hw/intc/arm_gicv3_cpuif.c:"
"$BIN" audit --against "$Q10" --format json > "$T/q10.json"
check "audit of QEMU's tree: ICC_PMR_EL1 is read from hw/intc/arm_gicv3_cpuif.c (JSON gives every entry's file:line)" \
	python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1]))["registers"] if x["name"]=="ICC_PMR_EL1"][0]; assert r["where"].endswith("/hw/intc/arm_gicv3_cpuif.c:" + r["where"].split(":")[-1]) and r["encoding_status"]=="equal", r' "$T/q10.json"
check "audit of QEMU's tree: Neoverse-N1's ERXPFGF_EL1 at 3,0,15,2,0 is an implementation-defined encoding, not a mismatch" \
	sh -c "sed -n '/^## An implementation-defined encoding under an architectural name/,/^## /p' '$T/q10.md' | grep -q '^| ERXPFGF_EL1 | 3,0,5,4,4 | ERXPFGF_EL1 | 3,0,15,2,0 |'"
check "audit of QEMU's tree: TLBI, DC, IC and AT are audited as system instructions (TLBI_VMALLE1, DC_ZVA present)" \
	sh -c "sed -n '/^## System instructions present/,/^## /p' '$T/q10.md' | grep -q 'TLBI_VMALLE1,' &&
	sed -n '/^## System instructions present/,/^## /p' '$T/q10.md' | grep -q 'DC_ZVA,' &&
	! sed -n '/^## In the QEMU tree but not in the spec/,/^## /p' '$T/q10.md' | grep -q 'TLBI_'"
check "audit of QEMU's tree: a register QEMU defines twice (CNTFRQ_EL0) and loop indexes past the spec (PMEVCNTR31_EL0) are not 'not in the spec'" \
	sh -c "! sed -n '/^## In the QEMU tree but not in the spec/,/^## /p' '$T/q10.md' | grep -qE 'CNTFRQ_EL0|PMEVCNTR31_EL0'"
check "audit of QEMU's tree: an #ifdef that overrides .type (ID_PFR1) is no 'given twice' finding" \
	grep -qx '| other cpreg mistakes | 0 |' "$T/q10.md"
check "audit of QEMU's tree: the report puts encodings (registers, instructions, the ID list), then 128-bit cpreg mistakes, then missing 128-bit support, then coverage" \
	sh -c "grep '^## ' '$T/q10.md' | head -5 | sed 's/ (.*//' | tr '\n' '/' | grep -qx '## Encodings that differ/## System instructions whose encodings differ/## QEMU.s ID register list/## 128-bit cpreg mistakes/## Missing 128-bit support/'"
"$BIN" audit --against tests/data/qemu128 > "$T/q128.md"
q128_finding() { grep -q "^| tests/data/qemu128/target/arm/cpregs-d128.c:$1 | $2 | $3" "$T/q128.md"; }
check "audit, 128-bit cpregs: .fieldoffset given twice, at the initializer's file:line" \
	q128_finding 16 TTBR1_EL2 ".fieldoffset is given twice in one initializer"
check "audit, 128-bit cpregs: ARM_CP_128BIT without .fieldoffsethi" \
	q128_finding 16 TTBR1_EL2 "ARM_CP_128BIT without .fieldoffsethi"
check "audit, 128-bit cpregs: ARM_CP_128BIT on a register the spec allows no 128-bit access to (TCR_EL2)" \
	q128_finding 22 TCR_EL2 "ARM_CP_128BIT at 3,4,2,0,2, where the spec has TCR_EL2, which allows no 128-bit access"
check "audit, 128-bit cpregs: no 64-bit view (RCWMASK_EL1 with only .fieldoffsethi)" \
	q128_finding 28 RCWMASK_EL1 "no 64-bit view"
check "audit, 128-bit cpregs: the right ones (TTBR0_EL2; VTTBR_EL2 through functions, .type in an #ifdef) have no finding" \
	sh -c "grep -qx '| 128-bit cpreg mistakes | 4 |' '$T/q128.md' && ! grep -q '| TTBR0_EL2 | [.A]' '$T/q128.md' && ! grep -q '| VTTBR_EL2 | [.A]' '$T/q128.md'"
check "audit --fail-on cpreg128: exit 1 on that tree, 0 on QEMU's (which has no ARM_CP_128BIT yet)" \
	sh -c "'$BIN' audit --against tests/data/qemu128 --fail-on cpreg128 > /dev/null; test \$? -eq 1 && '$BIN' audit --against '$Q10' --fail-on cpreg128 > /dev/null"
check "audit --format json: the findings with file:line and a cpreg128 flag" \
	sh -c "'$BIN' audit --against tests/data/qemu128 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); f=d[\"cpreg_findings\"]; assert len(f)==4 and all(x[\"cpreg128\"] for x in f) and f[0][\"where\"].endswith(\"cpregs-d128.c:16\"), f'"
# QEMU's ID register list, target/arm/cpu-sysregs.h.inc
QIDL=$Q10/target/arm/cpu-sysregs.h.inc
check "audit of QEMU's tree reads cpu-sysregs.h.inc: 42 entries, none different, the 3 feature ID registers it lacks named" \
	sh -c "grep -q '^42 entries; 0 with an encoding that differs from the spec.s; 0 names the spec lacks; 3 feature ID registers' '$T/q10.md' &&
	grep -q '^Feature ID registers the list lacks: ID_AA64FPFR0_EL1 (3,0,0,4,7), ID_AA64DFR2_EL1 (3,0,0,5,2), ID_AA64ISAR3_EL1 (3,0,0,6,3)\.' '$T/q10.md'"
sed 's/^DEF(ID_AA64MMFR3_EL1, 3, 0, 0, 7, 3)/DEF(ID_AA64MMFR3_EL1, 3, 0, 0, 7, 5)/' "$QIDL" > "$T/idlist-wrong.h.inc"
echo 'DEF(ID_QEMU_ONLY_EL1, 3, 0, 0, 7, 7)' >> "$T/idlist-wrong.h.inc"
"$BIN" audit --against "$T/idlist-wrong.h.inc" --fail-on mismatch > "$T/idlist-wrong.md"
rc=$?
check "audit of a cpu-sysregs.h.inc alone with one wrong DEF: named with file:line, --fail-on mismatch exits 1" \
	sh -c "test $rc -eq 1 && grep -q '(QEMU ID register list)' '$T/idlist-wrong.md' &&
	grep -q '^- ID_AA64MMFR3_EL1 ($T/idlist-wrong.h.inc:16): DEF gives 3,0,0,7,5, the spec 3,0,0,7,3' '$T/idlist-wrong.md'"
check "audit of a cpu-sysregs.h.inc with a name the spec lacks: counted and listed with its line" \
	sh -c "grep -q '^43 entries; 1 with an encoding that differs from the spec.s; 1 names the spec lacks;' '$T/idlist-wrong.md' &&
	grep -q '^- ID_QEMU_ONLY_EL1 ($T/idlist-wrong.h.inc:44): not in the spec' '$T/idlist-wrong.md'"
"$BIN" generate -q -o "$T/gqw" --emit qemu --qemu-idlist "$T/idlist-wrong.h.inc"
check "generate --qemu-idlist: a wrong DEF gets the spec's encoding; a name the spec lacks is kept as written, and said so" \
	sh -c "grep -qx 'DEF(ID_AA64MMFR3_EL1, 3, 0, 0, 7, 3)' '$T/gqw/qemu-cpu-sysregs.h.inc' &&
	grep -qx 'DEF(ID_QEMU_ONLY_EL1, 3, 0, 0, 7, 7)' '$T/gqw/qemu-cpu-sysregs.h.inc' &&
	grep -q 'Kept as the base has them (not in the spec): ID_QEMU_ONLY_EL1\.' '$T/gqw/qemu-cpu-sysregs.h.inc'"
"$BIN" generate -q -o "$T/gq" --emit qemu --qemu-idlist "$QIDL"
check "generate --qemu-idlist: QEMU's DEF lines in QEMU's order, then the three it lacks in encoding order" \
	sh -c "grep '^DEF' '$QIDL' > '$T/gq.want' && printf 'DEF(ID_AA64FPFR0_EL1, 3, 0, 0, 4, 7)\nDEF(ID_AA64DFR2_EL1, 3, 0, 0, 5, 2)\nDEF(ID_AA64ISAR3_EL1, 3, 0, 0, 6, 3)\n' >> '$T/gq.want' &&
	grep '^DEF' '$T/gq/qemu-cpu-sysregs.h.inc' | diff '$T/gq.want' -"
"$BIN" generate -q -o "$T/gq2" --emit qemu --qemu-idlist "$T/gq/qemu-cpu-sysregs.h.inc"
check "generate --qemu-idlist of its own output changes no DEF line" \
	sh -c "grep '^DEF' '$T/gq/qemu-cpu-sysregs.h.inc' > '$T/gq.a' && grep '^DEF' '$T/gq2/qemu-cpu-sysregs.h.inc' | diff '$T/gq.a' -"
printf 'DEF(ID_AA64PFR0_EL1, 3, 0, 0, 4, 0)\nDEF(ID_AA64PFR1_EL1, 3, 0, 0, 4)\n' > "$T/idlist-bad.h.inc"
expect_input_error "generate --qemu-idlist: a DEF line without five numbers is an error at its line" \
	"idlist-bad\.h\.inc:2: error: expected DEF\(NAME, op0, op1, crn, crm, op2\)" generate -o "$T/gq3" --qemu-idlist "$T/idlist-bad.h.inc"
expect_input_error "generate --qemu-idlist: a file with no DEF line is refused" \
	"--qemu-idlist: no DEF\(NAME, op0, op1, crn, crm, op2\) line" generate -o "$T/gq3" --qemu-idlist tests/data/audit/names.txt
expect_usage "--qemu-idlist belongs to generate" "--qemu-idlist is an option of generate, not of list" --qemu-idlist "$QIDL" list
head -c 1200 tests/data/qemu128/target/arm/cpregs-d128.c > "$T/unclosed.c" && printf '/* never closed' >> "$T/unclosed.c"
"$BIN" audit --against "$T/unclosed.c" > /dev/null 2> "$T/unclosed.err"
check "audit of a QEMU file that ends inside a comment: read to its end, not past it (the open brace before it reported, exit 2)" \
	sh -c "test $? -eq 2 && grep -q 'unclosed\.c:22: error: unbalanced braces' '$T/unclosed.err'"
# hostile consumers: arithmetic that would overflow, macros that multiply
mkdir -p "$T/qhostile/target/arm"
printf 'static const ARMCPRegInfo r[] = {\n    { .name = "TTBR0_EL1", .state = ARM_CP_STATE_AA64,\n      .opc0 = 3, .opc1 = 0, .crn = 2, .crm = 0x7fffffff * 0x7fffffff * 0x7fffffff, .opc2 = -(-2147483647 - 1) / -1 },\n};\n' > "$T/qhostile/target/arm/a.c"
"$BIN" audit --against "$T/qhostile" > "$T/qhostile.md"
check "audit: encodings whose arithmetic would overflow are unknown, not evaluated (no undefined behaviour under UBSan)" \
	grep -q '^| TTBR0_EL1 | 3,0,2,0,0 | TTBR0_EL1 | unknown (not a plain number) |' "$T/qhostile.md"
mkdir -p "$T/khostile/arch/arm64/tools" "$T/khostile/arch/arm64/kvm"
printf 'Sysreg\tTTBR0_EL1\t3\t0\t2\t0\t0\nField\t63:0\tBADDR\nEndSysreg\n' > "$T/khostile/arch/arm64/tools/sysreg"
{
	echo '#define A0(x) x x'
	i=1; while [ $i -le 24 ]; do echo "#define A$i(x) A$((i - 1))(x) A$((i - 1))(x)"; i=$((i + 1)); done
	echo '#define SELF(x) SELF(x)'
	echo 'static const struct sys_reg_desc sys_reg_descs[] = {'
	echo '	A24({ SYS_DESC(SYS_TTBR0_EL1) }),'
	echo '	SELF(1),'
	echo '	{ SYS_DESC(SYS_TTBR0_EL1) },'
	echo '	{ SYS_DESC(SYS_NOWHERE_EL1) },'
	echo '};'
} > "$T/khostile/arch/arm64/kvm/sys_regs.c"
"$BIN" audit --against "$T/khostile" > "$T/khostile.md"
check "audit: KVM macros that would expand to 2^25 copies, or call themselves, stop; the plain entries are still read" \
	sh -c "test $? -eq 0 && grep -qx 'sys_reg_descs\[\] names 2 registers and 0 unallocated ID encodings.' '$T/khostile.md'"
check "audit: a KVM name neither asm/sysreg.h nor the sysreg file defines is an encoding unknown, listed with its line" \
	sh -c "grep -qx '| encoding unknown | 1 |' '$T/khostile.md' && grep -q '^- NOWHERE_EL1 at .*sys_regs.c:31)' '$T/khostile.md'"
echo 'static int no_table;' > "$T/khostile/arch/arm64/kvm/sys_regs.c"
"$BIN" audit --against "$T/khostile" > "$T/ae.out" 2> "$T/ae.err"
check "audit: a Linux tree whose sys_regs.c has no sys_reg_descs[] is an error naming the file (exit 2, nothing on stdout)" \
	sh -c "test $? -eq 2 && grep -q 'kvm/sys_regs\.c: error: no sys_reg_descs\[\] table' '$T/ae.err' && ! test -s '$T/ae.out'"
check "audit of a list of names" sh -c "'$BIN' audit --against tests/data/audit/names.txt | grep -qx '| present in the list of names | 3 |'"
audit_error() { # NAME PATTERN PATH: exit 2, the message, one "nothing written" line, nothing on stdout
	"$BIN" audit --against "$3" > "$T/ae.out" 2> "$T/ae.err"
	if [ $? -eq 2 ] && grep -Eq -e "$2" "$T/ae.err" && ! test -s "$T/ae.out" &&
		test "$(grep -c 'nothing written' "$T/ae.err")" -eq 1; then ok "$1"; else not_ok "$1" "$T/ae.err"; fi
}
mkdir -p "$T/empty-dir"
audit_error "audit: a directory that is no Linux or QEMU tree" "empty-dir: error: neither a Linux tree" "$T/empty-dir"
audit_error "audit: a file that is none of the kinds" "Features\.json:1: error: expected one register name per line" spec/Features.json
audit_error "audit: a QEMU file with unbalanced braces" "unbalanced\.c:2: error: unbalanced braces: this '\{' is never closed" tests/data/audit/unbalanced.c
audit_error "audit: a Linux sysreg file with a syntax error" "bad-sysreg:2: error: Sysreg: 5 fields where 7 are expected" tests/data/audit/bad-sysreg
audit_error "audit: a Linux sysreg block never closed" "unclosed-sysreg:2: error: block opened here is not closed" tests/data/audit/unclosed-sysreg

# ---- hardening: limits, mutations, a full disk ----

expect_input_error "--max-registers: one more register than allowed (XML)" "error: more than 1 registers \(--max-registers\)" \
	--max-registers 1 list
expect_input_error "--max-registers: one more register than allowed (JSON)" "error: \[1\]: more than 1 registers \(--max-registers\)" \
	--max-registers 1 --spec "$JSON25" list
expect_input_error "--max-fields: one more field than allowed (XML)" "AArch64-test_el1\.xml:16: error: more than 1 fields in one fieldset" \
	--max-fields 1 --spec tests/data/good/AArch64-test_el1.xml list
expect_input_error "--max-fields: one more field than allowed (JSON)" "good\.json:2: error: \[0\]\.fieldsets\[0\]\.values\[1\]: more than 1 fields" \
	--max-fields 1 --spec tests/data/json/good.json list
expect_input_error "--max-string: a name one byte too long (XML)" "AArch64-test_el1\.xml:7: error: text of <reg_short_name> is 8 bytes, over the limit of 7" \
	--max-string 7 --spec tests/data/good/AArch64-test_el1.xml list
check "--max-string above every text of the page loads it" "$BIN" --max-string 64 --spec tests/data/good/AArch64-test_el1.xml list
expect_input_error "--max-string: a name one byte too long (JSON)" "good\.json:3:14: error: a string of 8 bytes, over the limit of 7 \(--max-string\)" \
	--max-string 7 --spec tests/data/json/good.json list
check "the limits' defaults are far above Arm's releases: each at a tenth (values: a fifth) still loads them" \
	sh -c "'$BIN' --strict --max-registers 10000 --max-fields 409 --max-string 104857 --max-depth 25 --max-array-items 10000 \
	--max-object-keys 1000 --max-values 60000 --spec '$JSON25' stats > /dev/null &&
	'$BIN' --strict --max-registers 10000 --max-fields 409 --max-string 104857 --max-depth 25 stats > /dev/null"

if [ -x build/mutate ]; then
	check "mutation: every page truncated 3 ways and flipped 3 ways loads or fails cleanly" build/mutate
	sed 's/^/    /' "$T/check.out"
else
	skipped "mutation test" "build/mutate not built (make replay)"
fi

mkdir -p "$T/full"
"$BIN" -q generate -o "$T/full"
cp -r "$T/full" "$T/full.before"
check "a full disk (ulimit -f) is a clean write error, not a signal; every earlier output byte-identical, no temporary file" \
	sh -c "( ulimit -f 100; '$BIN' --features FEAT_D128 generate -o '$T/full' ) 2> '$T/full.err'; test \$? -eq 1 &&
	grep -q 'error: cannot write: File too large (nothing was replaced)' '$T/full.err' &&
	diff -r '$T/full.before' '$T/full' && ! ls '$T/full' | grep -q tmp"
expect_input_error "an unwritable directory (/proc takes no new files, even from root): generate fails cleanly" \
	"/proc/sysreg-table.h: error: cannot write" generate -o /proc
expect_input_error "an unwritable directory: list -o fails cleanly" "/proc/x.tsv: error: cannot write" list -o /proc/x.tsv
check "a full disk under list -o: exit 1, no file and no temporary file" \
	sh -c "( ulimit -f 1; '$BIN' list --aliases -o '$T/full/list.tsv' ) 2> /dev/null; test \$? -eq 1 && ! ls '$T/full' | grep -q 'list.tsv'"

# ---- command line ----

usage_status() { "$BIN" "$@" > /dev/null 2>&1; [ $? -eq 2 ]; }
check "unknown command: exit 2" usage_status frobnicate
check "bad --format: exit 2" usage_status --format yaml dump
check "bad --state: exit 2" usage_status --state aarch16 list
check "show without a name: exit 2" usage_status show
check "--help prints usage" sh -c "'$BIN' --help | grep -q '^usage: sysreggen'"
# the commands, from the table behind the usage
"$BIN" help > "$T/usage" 2>&1
sed -n '/^commands:/,/^$/p' "$T/usage" | awk 'NF && !/^commands:/ { print $1 }' > "$T/commands"
check "help lists the twelve commands" test "$(wc -l < "$T/commands")" -eq 12
while read -r cmd; do
	"$BIN" help "$cmd" > "$T/help.$cmd" 2>&1
	"$BIN" "$cmd" --help > "$T/dashhelp.$cmd" 2>&1
	check "help $cmd equals $cmd --help, starts with its own synopsis, differs from the usage" \
		sh -c "cmp '$T/help.$cmd' '$T/dashhelp.$cmd' && head -1 '$T/help.$cmd' | grep -q '^usage: sysreggen \[OPTIONS\] $cmd' && ! cmp -s '$T/help.$cmd' '$T/usage'"
	check "the man page has $cmd in its synopsis and its commands" \
		sh -c "grep -q 'fB$cmd\\\\fR' sysreggen.1 && grep -q '^\.B $cmd' sysreggen.1"
done < "$T/commands"
expect_usage "help of an unknown command" "help: unknown command 'frob'" help frob
for chk in $checks; do
	check "the man page and the README name the check $chk" sh -c "tr '\\n' ' ' < sysreggen.1 | grep -q '[ (]$chk[,)]' && grep -q '\[$chk\]' README.md"
done
expect_usage "an unknown command suggests the nearest" "unknown command 'lsit'; did you mean list" lsit
expect_usage "an unknown option: one prefix, sysreggen: error:" "^sysreggen: error: --bogus: unknown option" --bogus list
check "--version prints the version" sh -c "'$BIN' --version | grep -Eq '^sysreggen [0-9]+\.[0-9]+\.[0-9]+$'"

# ---- generated files are fresh ----

out_fresh() {
	make -s --no-print-directory -f Makefile print-out-commands > "$T/outcmds" || return 1
	while read -r file args; do
		# shellcheck disable=SC2086
		"$BIN" $args -o "$T/fresh" || return 1
		cmp "$T/fresh" "$file" || { echo "$file is stale: run 'make out'"; return 1; }
	done < "$T/outcmds"
}
check "out/ lists equal what the generator produces now" out_fresh
check "out/ generated code equals what generate produces now (generate --check)" "$BIN" generate --check -o out

echo
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
