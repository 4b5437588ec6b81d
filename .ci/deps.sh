#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Install what sysreggen needs on Debian 12, or print the exact command.
# usage: sh .ci/deps.sh GROUP...   (build, test, valgrind, bench, fuzz)
# As root, missing packages are installed with apt-get, saying what and
# why, with apt's progress shortened to a line per download and package set
# up; otherwise the one command to run is printed and the script fails.
set -u

need="" why=""
add() { need="$need $1"; why="$why
  $1: $2"; }
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }

for group in "$@"; do
	case "$group" in
	build)
		command -v cc >/dev/null 2>&1 || add gcc "the C compiler"
		command -v make >/dev/null 2>&1 || add make "make"
		command -v pkg-config >/dev/null 2>&1 || add pkg-config "finds the libraries"
		have_pc libxml-2.0 || add libxml2-dev "the XML front end"
		have_pc libarchive || add libarchive-dev "reading .tar.gz/.tar.xz releases"
		have_pc jansson || add libjansson-dev "the JSON front end"
		;;
	test)
		[ -x /usr/lib/llvm-19/bin/llvm-mc ] || add llvm-19 "llvm-mc checks every name and encoding"
		command -v xz >/dev/null 2>&1 || add xz-utils "the tests unpack .tar.xz releases"
		command -v tar >/dev/null 2>&1 || add tar "the tests unpack releases"
		command -v python3 >/dev/null 2>&1 || add python3 "JSON checks, the DOCTYPE network test"
		command -v g++ >/dev/null 2>&1 || add g++ "the generated headers compile as C++"
		command -v meson >/dev/null 2>&1 || add meson "the README's meson example"
		command -v ninja >/dev/null 2>&1 || add ninja-build "the README's meson example"
		[ -f /usr/aarch64-linux-gnu/include/asm/kvm.h ] || add linux-libc-dev-arm64-cross "the arm64 KVM uapi headers"
		[ -f /usr/src/linux-source-6.12.tar.xz ] || add linux-source-6.12 "the kernel's gen-sysreg.awk and sysreg file"
		perl -MTerm::ANSIColor -MEncode -e 1 >/dev/null 2>&1 || add perl "the kernel's checkpatch.pl"
		command -v strace >/dev/null 2>&1 || add strace "the tests see every file a walk opens"
		;;
	fuzz)
		command -v clang-19 >/dev/null 2>&1 || add clang-19 "libFuzzer"
		[ -n "$(ls /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer*.a 2>/dev/null)" ] ||
			add libclang-rt-19-dev "libFuzzer's runtime"
		;;
	valgrind)
		command -v valgrind >/dev/null 2>&1 || add valgrind "make check-valgrind"
		;;
	bench)
		command -v xmllint >/dev/null 2>&1 || add libxml2-utils "xmllint, the bench's baseline"
		[ -x /usr/bin/time ] || add time "peak memory"
		command -v python3 >/dev/null 2>&1 || add python3 "the bench's JSON peer"
		command -v xz >/dev/null 2>&1 || add xz-utils "unpacking releases"
		;;
	*)
		echo "deps.sh: unknown group '$group'" >&2
		exit 2
		;;
	esac
done

[ -z "$need" ] && exit 0
# the same package asked for by two groups once
need=$(echo $need | tr ' ' '\n' | awk '!seen[$0]++' | tr '\n' ' ')
need=${need% }
if [ "$(id -u)" != 0 ]; then
	echo "Missing packages:$why" >&2
	echo "Run:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $need" >&2
	exit 1
fi
echo "deps.sh: installing $need:$why"
export DEBIAN_FRONTEND=noninteractive
status=$(mktemp)
{
	apt-get update 2>&1 && apt-get install -y --no-install-recommends $need 2>&1
	echo $? > "$status"
} | awk '/^(Get:|Setting up|E:|W:)/ { print "  apt: " substr($0, 1, 100); fflush() }'
rc=$(cat "$status")
rm -f "$status"
if [ "$rc" != 0 ]; then
	echo "deps.sh: apt-get install failed for: $need" >&2
	# name the packages apt has no candidate for: linux-source-6.12 comes
	# from bookworm-security/bookworm-updates, which a bare debootstrap lacks
	for p in $need; do
		if [ -z "$(apt-cache policy "$p" 2>/dev/null | sed -n 's/^ *Candidate: //p' | grep -v '(none)')" ]; then
			echo "deps.sh: no package $p in the apt sources; Debian 12 has it in bookworm, bookworm-updates or bookworm-security (/etc/apt/sources.list)" >&2
		fi
	done
	exit 1
fi
echo "deps.sh: installed $need"
