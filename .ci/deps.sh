#!/bin/sh
# Install what sysreggen needs on Debian 12, or print the exact command.
# usage: sh .ci/deps.sh GROUP...   (build, test, valgrind, bench)
# As root, missing packages are installed with apt-get; otherwise the
# command to run is printed and the script fails.
set -u

need=""
add() { need="$need $1"; }
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }

for group in "$@"; do
	case "$group" in
	build)
		command -v cc >/dev/null 2>&1 || add gcc
		command -v make >/dev/null 2>&1 || add make
		command -v pkg-config >/dev/null 2>&1 || add pkg-config
		have_pc libxml-2.0 || add libxml2-dev
		have_pc libarchive || add libarchive-dev
		have_pc jansson || add libjansson-dev
		;;
	test)
		# llvm-mc checks every name and encoding against LLVM's assembler
		[ -x /usr/lib/llvm-19/bin/llvm-mc ] || add llvm-19
		command -v xz >/dev/null 2>&1 || add xz-utils
		command -v tar >/dev/null 2>&1 || add tar
		command -v python3 >/dev/null 2>&1 || add python3
		command -v g++ >/dev/null 2>&1 || add g++
		# the consumers of the generated files: arm64 KVM uapi headers, the
		# kernel's gen-sysreg.awk and sysreg file
		[ -f /usr/aarch64-linux-gnu/include/asm/kvm.h ] || add linux-libc-dev-arm64-cross
		[ -f /usr/src/linux-source-6.12.tar.xz ] || add linux-source-6.12
		;;
	fuzz)
		command -v clang-19 >/dev/null 2>&1 || add clang-19
		[ -n "$(ls /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer*.a 2>/dev/null)" ] || add libclang-rt-19-dev
		;;
	valgrind)
		command -v valgrind >/dev/null 2>&1 || add valgrind
		;;
	bench)
		command -v xmllint >/dev/null 2>&1 || add libxml2-utils
		[ -x /usr/bin/time ] || add time
		command -v python3 >/dev/null 2>&1 || add python3
		command -v xz >/dev/null 2>&1 || add xz-utils
		;;
	*)
		echo "deps.sh: unknown group '$group'" >&2
		exit 2
		;;
	esac
done

[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "Installing:$need"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $need >/dev/null || {
		echo "deps.sh: apt-get install failed for:$need" >&2
		exit 1
	}
else
	echo "Missing packages. Run:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$need" >&2
	exit 1
fi
