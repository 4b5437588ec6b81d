#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Benchmarks: sysreggen against a named baseline measured in the same run.
# usage: sh tests/bench.sh ./sysreggen [RUNS]
#
# xml-list: `sysreggen list` over the unpacked 2025-03 release (1706 files)
#   against `xmllint --noout --nonet` over the same files: libxml2's bare
#   parse, the floor for any libxml2-based reader. Target: at most 1.5x its
#   wall time, under 64 MiB peak memory.
# json-list: `sysreggen list --128 --aliases` on the 2025-03 Registers.json
#   against tests/bench/peer_list128.py (json.load plus the same extraction),
#   whose output must be the same lines. Target: at least 2x faster, peak
#   memory at most 5x the file's size.
# generate: `sysreggen generate` of every output from the embedded 2025-03
#   release, against `sysreggen list` of the same (the load it includes).
#   Target: under 0.25 s wall.
# audit-qemu: `sysreggen audit` of QEMU's tree (tests/data), against `list`
#   (the load it includes). Target: under 1 s wall.
# hostile XML, archives and trees (issue 21), against `list` of one plain
#   page: pages whose DOCTYPE nests entities ten deep (10^10, 10^6 and
#   10^7 bytes if expanded), target under 1 s and 64 MiB; a spec directory
#   and a QEMU tree with a link to /etc and three symlink loops, target
#   under 1 s; a .tar.gz of five register pages of 250 MiB (5.7 MB), and
#   one of three, target a peak of at most 1.5x --max-total-bytes (1 GiB)
#   plus 64 MiB.
# Reported as medians of RUNS runs (default 7), wall time and peak RSS; the
# runs of a program and of its baseline alternate.
set -u
BIN=$1
RUNS=${2:-7}
case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TOP=$(cd "$(dirname "$0")/.." && pwd)
T=$TOP/tests/tmp/bench
rm -rf "$T" && mkdir -p "$T"
for tool in xmllint /usr/bin/time; do
	command -v $tool > /dev/null || { echo "bench: $tool missing (make bench installs it as root)"; exit 1; }
done

tar -xJf "$TOP/spec/SysReg_xml_A_profile-2025-03-facts.tar.xz" -C "$T"
REL=$T/SysReg_xml_A_profile-2025-03
ls "$REL"/*.xml > "$T/files"

now_ns() { date +%s%N; }

# run_once NAME CMD: one run of the shell command CMD, its wall time and
# peak RSS appended to NAME's lists
run_once() {
	t0=$(now_ns)
	/usr/bin/time -f %M -o "$T/mem.one" sh -c "$2" > /dev/null 2> "$T/$1.err" || {
		echo "bench: '$2' failed:"; cat "$T/$1.err"; exit 1; }
	t1=$(now_ns)
	echo $(((t1 - t0) / 1000)) >> "$T/$1.times"
	tail -n 1 "$T/mem.one" >> "$T/$1.mem"
}

summary() { # NAME: "NAME median_us peak_kib"
	median_us=$(sort -n "$T/$1.times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	peak_kib=$(sort -n "$T/$1.mem" | tail -n 1)
	echo "$1 $median_us $peak_kib"
}

# measure NAME1 CMD1 NAME2 CMD2 [NAME3 CMD3]: RUNS rounds, each running
# every command once in turn, so that a change in the machine's load while
# the bench runs falls on a program and its baseline alike; prints one
# summary line per name
measure() {
	for name in "$1" "$3" ${5:+"$5"}; do
		: > "$T/$name.times"
		: > "$T/$name.mem"
	done
	i=0
	while [ $i -lt "$RUNS" ]; do
		run_once "$1" "$2"
		run_once "$3" "$4"
		[ $# -ge 6 ] && run_once "$5" "$6"
		i=$((i + 1))
	done
	for name in "$1" "$3" ${5:+"$5"}; do
		summary "$name"
	done
}

report() { # NAME BASELINE: ratio lines
	awk -v n="$1" -v b="$2" -v runs="$RUNS" '
		$1 == n { t = $2; m = $3 } $1 == b { bt = $2; bm = $3 }
		END {
			printf "%-28s %9.1f ms  %7.1f MiB peak\n", n, t / 1000, m / 1024
			printf "%-28s %9.1f ms  %7.1f MiB peak\n", b " (baseline)", bt / 1000, bm / 1024
			printf "ratio %s / %s: %.2fx wall time, %.2fx peak memory (median of %d runs)\n", n, b, t / bt, m / bm, runs
		}' "$T/results"
}

: > "$T/results"
# warm the page cache so neither side pays for the first read
cat "$REL"/*.xml > /dev/null
measure xmllint-noout "xargs xmllint --noout --nonet < '$T/files'" \
	sysreggen-list "exec '$BIN' --spec '$REL' list" \
	sysreggen-list-embedded "exec '$BIN' list" >> "$T/results"

echo "== sysreggen list over the unpacked 2025-03 release ($(wc -l < "$T/files") files)"
report sysreggen-list xmllint-noout
awk '$1 == "sysreggen-list" { t = $2; m = $3 } $1 == "xmllint-noout" { b = $2 }
	END { printf "targets: wall <= 1.5x xmllint: %s; peak < 64 MiB: %s\n",
		(t <= 1.5 * b ? "met" : "MISSED"), (m < 65536 ? "met" : "MISSED") }' "$T/results"
echo "== the same from the embedded .tar.xz (includes xz decompression)"
awk '$1 == "sysreggen-list-embedded" { printf "%-28s %9.1f ms  %7.1f MiB peak\n", $1, $2 / 1000, $3 / 1024 }' "$T/results"

tar -xJf "$TOP/spec/AARCHMRS-derived-2025-03.tar.xz" -C "$T"
JSON=$T/AARCHMRS-derived-2025-03/Registers.json
"$BIN" --spec "$JSON" list --128 --aliases | grep -v '^#' | LC_ALL=C sort > "$T/ours"
python3 "$TOP/tests/bench/peer_list128.py" "$JSON" > "$T/peers"
cmp -s "$T/ours" "$T/peers" || { echo "bench: the Python peer does not print what sysreggen prints"; diff "$T/ours" "$T/peers"; exit 1; }
measure python-peer "exec python3 '$TOP/tests/bench/peer_list128.py' '$JSON'" \
	sysreggen-json "exec '$BIN' --spec '$JSON' list --128 --aliases" >> "$T/results"
size_kib=$(($(wc -c < "$JSON") / 1024))
echo "== sysreggen list --128 on Registers.json ($((size_kib / 1024)) MiB), the peer printing the same lines"
report sysreggen-json python-peer
awk -v size="$size_kib" '$1 == "sysreggen-json" { t = $2; m = $3 } $1 == "python-peer" { b = $2 }
	END { printf "peak memory %.2fx the file size\ntargets: at least 2x faster than the peer: %s (%.2fx); peak <= 5x the file: %s\n",
		m / size, (b >= 2 * t ? "met" : "MISSED"), b / t, (m <= 5 * size ? "met" : "MISSED") }' "$T/results"
mkdir -p "$T/gen"
measure sysreggen-generate "exec '$BIN' generate -o '$T/gen'" \
	sysreggen-load-only "exec '$BIN' list" >> "$T/results"
echo "== sysreggen generate (all outputs) from the embedded 2025-03 release"
report sysreggen-generate sysreggen-load-only
awk '$1 == "sysreggen-generate" { printf "target: under 250 ms wall: %s\n", ($2 < 250000 ? "met" : "MISSED") }' "$T/results"
measure sysreggen-idregs "exec '$BIN' --profile v9Ap4 idregs" \
	sysreggen-load-only-2 "exec '$BIN' --profile v9Ap4 list" >> "$T/results"
echo "== sysreggen idregs --profile v9Ap4 (solving the ID registers), against loading with the same feature set"
report sysreggen-idregs sysreggen-load-only-2
mkdir -p "$T/qemu" && tar -xJf "$TOP/tests/data/qemu-ece40881-target-arm.tar.xz" -C "$T/qemu"
cat "$T/qemu/target/arm"/*.c > /dev/null
measure sysreggen-audit-qemu "exec '$BIN' audit --against '$T/qemu'" \
	sysreggen-load-only-3 "exec '$BIN' list" >> "$T/results"
echo "== sysreggen audit of QEMU's whole tree (target/arm, hw/intc, cpu-sysregs.h.inc), against loading the spec"
report sysreggen-audit-qemu sysreggen-load-only-3
awk '$1 == "sysreggen-audit-qemu" { printf "target: under 1 s wall: %s\n", ($2 < 1000000 ? "met" : "MISSED") }' "$T/results"

# ---- hostile XML, archives and trees, against loading one plain page ----
# The hostile inputs of tests/hardening3.sh: refused (exit 1) or read, any
# exit status but a signal counts as a run.
H=$T/hostile
(cd "$TOP" && sh tests/hardening3.sh "$BIN" "$H" > "$T/hardening3.out" 2>&1)
PAGE=$H/SysReg_xml_A_profile-2025-03/AArch64-ttbr0_el1.xml
measure sysreggen-entities-10 "'$BIN' --spec '$H/AArch64-ent10.xml' list; test \$? -lt 128" \
	sysreggen-plain-page "exec '$BIN' --spec '$PAGE' list" \
	sysreggen-entities-7 "'$BIN' --spec '$H/AArch64-ent7.xml' list; test \$? -lt 128" >> "$T/results"
echo "== a page whose DOCTYPE nests entities ten deep (refused at the declaration), against one plain page"
report sysreggen-entities-10 sysreggen-plain-page
awk '$1 == "sysreggen-entities-7" { printf "%-28s %9.1f ms  %7.1f MiB peak (10^7 bytes if expanded)\n", $1, $2 / 1000, $3 / 1024 }' "$T/results"
awk '$1 ~ /^sysreggen-entities-/ { if ($2 >= 1000000 || $3 >= 65536) missed = 1 }
	END { printf "targets: under 1 s and 64 MiB: %s\n", missed ? "MISSED" : "met" }' "$T/results"
measure sysreggen-spec-links "'$BIN' --spec '$H/spec' list; test \$? -lt 128" \
	sysreggen-audit-links "'$BIN' audit --against '$H/qemu'; test \$? -lt 128" >> "$T/results"
echo "== a spec directory and a QEMU tree with a link to /etc, one to /etc/passwd and three loops, against one plain page"
report sysreggen-spec-links sysreggen-plain-page
report sysreggen-audit-links sysreggen-plain-page
awk '$1 ~ /-links$/ { if ($2 >= 1000000) missed = 1 } END { printf "target: under 1 s: %s\n", missed ? "MISSED" : "met" }' "$T/results"
python3 "$TOP/tests/bench/archive_bomb.py" "$PAGE" "$T/bomb5.tar.gz" 5 250
python3 "$TOP/tests/bench/archive_bomb.py" "$PAGE" "$T/bomb3.tar.gz" 3 250
echo "== archive bombs: five and three register pages of 250 MiB in a .tar.gz, default limits (1 GiB in all)"
bound=$((1024 * 1024 * 3 / 2 + 64 * 1024))
for bomb in bomb5 bomb3; do
	t0=$(now_ns)
	/usr/bin/time -f %M -o "$T/mem.one" "$BIN" --spec "$T/$bomb.tar.gz" list > /dev/null 2> "$T/$bomb.err"
	rc=$?
	t1=$(now_ns)
	peak=$(tail -n 1 "$T/mem.one")
	awk -v n="$bomb" -v f="$(wc -c < "$T/$bomb.tar.gz")" -v p="$peak" -v b="$bound" -v rc=$rc -v us=$(((t1 - t0) / 1000)) 'BEGIN {
		printf "%-8s %5.1f MB file: exit %d, %6.1f ms, %7.1f MiB peak, %.2fx the bound (1.5 GiB + 64 MiB = %.0f MiB): %s\n",
			n, f / 1e6, rc, us / 1000, p / 1024, p / b, b / 1024, (p <= b && rc < 128 ? "met" : "MISSED") }'
done

# ---- peak memory on hostile JSON, against the file's size ----
# Each file is read once (memory does not vary from run to run): with the
# default limits, which refuse it, and with the limit it meets raised, to
# show what reading it whole costs. Registers.json itself is the baseline.
(cd "$TOP" && python3 tests/hostile_json.py "$T")
peak_of() { # FILE ARGS...: peak RSS in KiB of sysreggen ARGS --spec FILE list (any exit status)
	f=$1
	shift
	/usr/bin/time -f %M -o "$T/mem.one" "$BIN" "$@" --spec "$f" list > /dev/null 2>&1
	tail -n 1 "$T/mem.one"
}
echo "== peak memory on hostile JSON (target: at most 10x the file, 100 MiB for the 4 MB bare numbers)"
printf '%-58s %9s %9s %7s\n' "input (options)" "file" "peak" "ratio"
for row in "Registers.json|$JSON|" "bare numbers, 2,000,000|$T/bare.json|" \
	"bare numbers, --max-array-items 10000000|$T/bare.json|--max-array-items 10000000" \
	"1,000,000 unknown keys|$T/keys.json|" "1,000,000 keys, --max-object-keys and --max-values raised|$T/keys.json|--max-object-keys 2000000 --max-values 3000000" \
	"a 3 MiB key|$T/longkey.json|" "2,000,000 values in one entry|$T/nested.json|" \
	"2,000,000 values, --max-values 3000000|$T/nested.json|--max-values 3000000"; do
	name=${row%%|*} rest=${row#*|}
	file=${rest%%|*} opts=${rest#*|}
	peak=$(peak_of "$file" $opts)
	size=$(($(wc -c < "$file") / 1024))
	awk -v n="$name" -v s="$size" -v p="$peak" 'BEGIN { printf "%-58s %6.1f MiB %6.1f MiB %6.1fx\n", n, s / 1024, p / 1024, p / s }'
done
rm -rf "$T"
