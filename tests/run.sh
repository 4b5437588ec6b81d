#!/bin/sh
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
expect_input_error() {
	name=$1 pattern=$2
	shift 2
	"$BIN" "$@" > "$T/err.stdout" 2> "$T/err.stderr"
	rc=$?
	if [ $rc -ne 1 ]; then
		echo "exit status $rc, expected 1" > "$T/why"; cat "$T/err.stderr" >> "$T/why"; not_ok "$name" "$T/why"
	elif [ -s "$T/err.stdout" ]; then
		echo "wrote to stdout:" > "$T/why"; cat "$T/err.stdout" >> "$T/why"; not_ok "$name" "$T/why"
	elif ! grep -Eq "$pattern" "$T/err.stderr"; then
		echo "stderr does not match /$pattern/:" > "$T/why"; cat "$T/err.stderr" >> "$T/why"; not_ok "$name" "$T/why"
	else
		ok "$name"
	fi
}

# ---- the source itself ----

# bsearch() needs these tables sorted; a test, not a comment, keeps them so.
table_sorted() {
	sed -n "/$2/,/^};/p" "$1" | grep -o '{"[^"]*"' | tr -d '{"' > "$T/table"
	[ -s "$T/table" ] && LC_ALL=C sort -c "$T/table"
}
check "known XML elements table is sorted" table_sorted gen/xml.c 'known_elems\[\] = {'
check "accessor kinds table is sorted" table_sorted gen/model.c 'acc_kinds\[\] = {'

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
	grep -qF "fieldset    128 bits: When FEAT_D128 is implemented and TCR2_EL1.D128 == 1" "$T/show"
check "show TTBR0_EL1: the 64-bit fieldset with its condition" \
	grep -qF "fieldset    64 bits: When FEAT_D128 is not implemented or TCR2_EL1.D128 == 0" "$T/show"
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
check "full-content page: prose is not counted as unknown" sh -c "! grep -q 'unknown XML elements' '$T/full.stats'"
"$BIN" --spec tests/data/unknown/AArch64-ttbr0_el1.xml stats > "$T/unknown.stats"
check "unknown elements are skipped and counted" grep -qx "      3 unknown XML elements" "$T/unknown.stats"
expect_input_error "--strict makes unknown elements errors, with file and line" \
	'AArch64-ttbr0_el1\.xml:91: error: unknown element <field_future_attr>' \
	--strict --spec tests/data/unknown/AArch64-ttbr0_el1.xml list

# ---- bad input: a clear error naming file and line, exit 1, nothing written ----

bad=tests/data/bad
expect_input_error "truncated XML" "truncated\.xml:[0-9]+: error: malformed XML" --spec $bad/truncated.xml list
expect_input_error "register page without a name" "no-name\.xml:6: error: register has no name" --spec $bad/no-name.xml list
expect_input_error "enc with a non-binary value" 'enc-not-binary\.xml:28: error: <enc n="CRn" v="0xb">: expected a binary value' \
	--spec $bad/enc-not-binary.xml list
expect_input_error "accessor without an encoding" 'accessor-no-encoding\.xml:24: error: accessor "MRS TEST_EL1" has no encoding' \
	--spec $bad/accessor-no-encoding.xml list
expect_input_error "external entity is refused, never expanded" "external-entity\.xml:2: error: DOCTYPE declares entity 'leak'" \
	--spec $bad/external-entity.xml list
check "external entity: nothing of /etc/passwd reaches any output" sh -c "! grep -q 'root:' '$T/err.stderr' '$T/err.stdout'"
expect_input_error "DTD URL is refused, never fetched" "dtd-url\.xml:2: error: DOCTYPE names an external DTD 'http://" \
	--spec $bad/dtd-url.xml list

mkdir -p "$T/unreadable"
cp tests/data/good/AArch64-test_el1.xml "$T/unreadable/"
ln -s "$T/does-not-exist.xml" "$T/unreadable/AArch64-gone.xml"
expect_input_error "unreadable file in a release directory" "unreadable/AArch64-gone\.xml: error: cannot read" \
	--spec "$T/unreadable" list
expect_input_error "missing --spec path" "no/such/path: error: cannot read" --spec no/such/path list

mkdir -p "$T/noregs/rel"
printf '<?xml version="1.0"?>\n<register_index/>\n' > "$T/noregs/rel/index.xml"
printf 'not xml\n' > "$T/noregs/rel/README"
tar -cJf "$T/noregs.tar.xz" -C "$T/noregs" rel
expect_input_error "tarball with no register pages" "noregs\.tar\.xz: error: no registers found" --spec "$T/noregs.tar.xz" list

head -c 100000 "$SPEC25" > "$T/cut.tar.xz"
expect_input_error "truncated tarball" "cut\.tar\.xz(\(.*\))?: error: archive is damaged or truncated" --spec "$T/cut.tar.xz" list

printf 'old contents\n' > "$T/keep.tsv"
"$BIN" --spec $bad/truncated.xml list -o "$T/keep.tsv" 2> /dev/null
check "a failed run leaves an existing -o file untouched" grep -qx "old contents" "$T/keep.tsv"
check "-o writes the output" "$BIN" --spec tests/data/good/AArch64-test_el1.xml list -o "$T/keep.tsv"
check "-o output is complete" grep -qx "TEST_EL1	3,0,11,0,0	64	R" "$T/keep.tsv"
check "-o leaves no temporary files" sh -c "! ls '$T' | grep -q 'keep.tsv.tmp'"

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

"$BIN" list --aliases --expand > "$T/run1"
"$BIN" list --aliases --expand > "$T/run2"
check "same input, byte-identical output" cmp "$T/run1" "$T/run2"

# ---- command line ----

usage_status() { "$BIN" "$@" > /dev/null 2>&1; [ $? -eq 2 ]; }
check "unknown command: exit 2" usage_status frobnicate
check "bad --state: exit 2" usage_status --state aarch16 list
check "show without a name: exit 2" usage_status show
check "--help prints usage" sh -c "'$BIN' --help | grep -q '^usage: sysreggen'"
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
check "out/ equals what the generator produces now" out_fresh

echo
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
