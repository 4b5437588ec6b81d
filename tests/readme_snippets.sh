#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# Run the README's Kbuild and meson examples exactly as printed: each is
# taken from README.md here, so the two cannot drift apart. The spec is
# Arm's release as shipped (tests/data/shipped), under the name they use.
# usage: sh tests/readme_snippets.sh SYSREGGEN TMPDIR
# Prints ok/FAIL lines; the caller counts them.
set -u
BIN=$1 W=$2
TOP=$(cd "$(dirname "$0")/.." && pwd)
SHIPPED=$TOP/tests/data/shipped/SysReg_xml_A_profile-2025-03-shipped.tar.gz
rm -rf "$W" && mkdir -p "$W/bin"
ln -s "$BIN" "$W/bin/sysreggen"
PATH=$W/bin:$PATH
export PATH

report() { echo "$1 - $2"; [ "$1" = ok ] || sed 's/^/    | /' "$W/log" | head -30; }

# the fenced block of README.md that opens with ```LANG
snippet() { awk -v lang="$1" '$0 == "```" lang { on = 1; next } on && /^```/ { exit } on' "$TOP/README.md"; }

# Kbuild: a kernel tree with the spec in tools/arm; the output directory
# and its parents do not exist yet.
K=$W/kbuild
mkdir -p "$K/tools/arm"
cp "$SHIPPED" "$K/tools/arm/SysReg_xml_A_profile-2025-03.tar.gz"
snippet make > "$K/Makefile"
if [ ! -s "$K/Makefile" ]; then
	echo "no \`\`\`make block in README.md" > "$W/log"; report FAIL "README Kbuild example"
elif make -C "$K" srctree="$K" sysreg-headers > "$W/log" 2>&1 && ls "$K/arch/arm64/include/generated/sysreg/kvm-sysregs.h" >> "$W/log" 2>&1 &&
	make -C "$K" srctree="$K" sysreg-check >> "$W/log" 2>&1; then
	report ok "README Kbuild example: sysreg-headers creates the directory and writes, sysreg-check passes"
else
	report FAIL "README Kbuild example"
fi
echo '/* edited */' >> "$K/arch/arm64/include/generated/sysreg/kvm-sysregs.h"
if make -C "$K" srctree="$K" sysreg-check > "$W/log" 2>&1; then
	report FAIL "README Kbuild example: sysreg-check fails on an edited header"
else
	report ok "README Kbuild example: sysreg-check fails on an edited header"
fi

# meson: a project around the snippet, the spec beside meson.build.
M=$W/meson
mkdir -p "$M"
cp "$SHIPPED" "$M/SysReg_xml_A_profile-2025-03.tar.gz"
{ echo "project('readme-example', 'c')"; snippet meson; } > "$M/meson.build"
if ! command -v meson > /dev/null 2>&1 || ! command -v ninja > /dev/null 2>&1; then
	echo "skip - README meson example: meson or ninja not installed (apt-get install meson ninja-build)"
	exit 0
fi
if meson setup "$M/build" "$M" > "$W/log" 2>&1 && meson compile -C "$M/build" sysreg-inc >> "$W/log" 2>&1 &&
	ls "$M/build/qemu-cpregs128.c.inc" "$M/build/qemu-cpu-sysregs.h.inc" >> "$W/log" 2>&1 &&
	sysreggen --spec "$M/SysReg_xml_A_profile-2025-03.tar.gz" generate --emit qemu -o "$M/target/arm" >> "$W/log" 2>&1 &&
	meson test -C "$M/build" >> "$W/log" 2>&1; then
	report ok "README meson example: custom_target writes both files, the freshness test passes"
else
	report FAIL "README meson example"
fi
echo '/* edited */' >> "$M/target/arm/qemu-cpregs128.c.inc"
if meson test -C "$M/build" > "$W/log" 2>&1; then
	report FAIL "README meson example: the freshness test fails on an edited file"
else
	report ok "README meson example: the freshness test fails on an edited file"
fi
