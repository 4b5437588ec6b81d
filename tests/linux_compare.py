#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""Compare a file in the format of the kernel's arch/arm64/tools/sysreg
(ours: linux-sysreg, or linux-update's output) with the kernel's own, block
by block, and print the figures issue 13 asks for:

  blocks      the kernel's Sysreg blocks that ours reproduces or refines:
              every kernel Field/Enum with the same bits and name (case
              aside), every kernel Res0/Res1/Unkn bit the same kind or a
              named field of ours (a newer field);
  values      the kernel's named enum values ours has with the same value
              and name (case aside), in the same register and field;
  kinds       the kernel's UnsignedEnum/SignedEnum fields ours writes with
              the same keyword;
  el12        the kernel's *_EL12 blocks ours has.

usage: linux_compare.py KERNEL-FILE OURS [--min-blocks P] [--min-values P]
       [--min-kinds P] [--min-el12 P] [--causes]
Exit 1 when a figure is below its minimum (percent)."""
import re
import sys


def parse(path):
    """{name: slots} for Sysreg blocks, with Fields resolved; slots are
    (kind, msb, lsb, name, {value: name})"""
    fields, regs, order = {}, {}, []
    cur, slots, enum = None, None, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            t = line.split()
            if t[0] in ("Sysreg", "SysregFields"):
                cur, slots = (t[0], t[1]), []
            elif t[0] in ("EndSysreg", "EndSysregFields"):
                (regs if cur[0] == "Sysreg" else fields)[cur[1]] = slots
                if cur[0] == "Sysreg":
                    order.append(cur[1])
                cur = None
            elif t[0] == "Fields":
                slots.append(("Fields", 0, 0, t[1], {}))
            elif t[0] in ("Enum", "UnsignedEnum", "SignedEnum"):
                hi, lo = bits(t[1])
                enum = (t[0], hi, lo, t[2], {})
                slots.append(enum)
            elif t[0] == "EndEnum":
                enum = None
            elif enum is not None and len(t) == 2:
                enum[4][int(t[0], 0)] = t[1]
            elif t[0] in ("Field", "Res0", "Res1", "Unkn", "Raz"):
                hi, lo = bits(t[1])
                slots.append((t[0], hi, lo, t[2] if len(t) > 2 else None, {}))
    for name, s in regs.items():
        if s and s[0][0] == "Fields":
            regs[name] = fields.get(s[0][3], [])
    return regs, order


def bits(text):
    if ":" in text:
        hi, lo = text.split(":")
        return int(hi), int(lo)
    return int(text), int(text)


def bit_kinds(slots):
    out = {}
    for kind, hi, lo, name, _ in slots:
        for b in range(lo, hi + 1):
            out[b] = "named" if name else kind
    return out


def compare_block(ks, os_):
    """(True, None) when ours reproduces or refines the kernel's block, else
    (False, cause)"""
    ours_named = {(hi, lo, (n or "").lower()) for _, hi, lo, n, _ in os_ if n}
    ours_bits = bit_kinds(os_)
    for kind, hi, lo, name, _ in ks:
        if name:
            if (hi, lo, name.lower()) not in ours_named:
                same_bits = [n for _, h, l, n, _ in os_ if (h, l) == (hi, lo) and n]
                return False, ("field renamed" if same_bits else "field bits differ")
        else:
            want = "Res0" if kind == "Raz" else kind
            for b in range(lo, hi + 1):
                got = ours_bits.get(b)
                if got != "named" and got != want:
                    return False, "reserved bits differ"
    return True, None


def main(argv):
    opts = {"--min-blocks": 0.0, "--min-values": 0.0, "--min-kinds": 0.0, "--min-el12": 0.0}
    causes = "--causes" in argv
    args = [a for a in argv if a != "--causes"]
    pos = []
    i = 0
    while i < len(args):
        if args[i] in opts:
            opts[args[i]] = float(args[i + 1])
            i += 2
        else:
            pos.append(args[i])
            i += 1
    kernel, _ = parse(pos[0])
    ours, _ = parse(pos[1])
    good, why = 0, {}
    vals = vals_ok = kinds = kinds_ok = 0
    lost_values = {}
    for name, ks in kernel.items():
        os_ = ours.get(name)
        if os_ is None:
            why.setdefault("not written", []).append(name)
        else:
            ok, cause = compare_block(ks, os_)
            if ok:
                good += 1
            else:
                why.setdefault(cause, []).append(name)
        by_name = {(n or "").lower(): (k, v) for k, _, _, n, v in (os_ or [])}
        for kind, hi, lo, field, values in ks:
            if kind in ("UnsignedEnum", "SignedEnum"):
                kinds += 1
                kinds_ok += by_name.get((field or "").lower(), ("", {}))[0] == kind
            for v, vn in values.items():
                vals += 1
                got = by_name.get((field or "").lower(), ("", {}))[1].get(v)
                if got is not None and got.lower() == vn.lower():
                    vals_ok += 1
                else:
                    lost_values.setdefault("not written" if got is None else "other name", []).append(
                        "%s.%s=%s %s%s" % (name, field, v, vn, "" if got is None else " (ours %s)" % got))
    el12 = [n for n in kernel if n.endswith("_EL12")]
    el12_ok = [n for n in el12 if n in ours]
    figures = [
        ("blocks", good, len(kernel), "--min-blocks", "Sysreg blocks reproduced or refined"),
        ("values", vals_ok, vals, "--min-values", "named enum values, same value and name"),
        ("kinds", kinds_ok, kinds, "--min-kinds", "UnsignedEnum/SignedEnum fields, same kind"),
        ("el12", len(el12_ok), len(el12), "--min-el12", "EL12 blocks"),
    ]
    rc = 0
    for key, n, total, opt, text in figures:
        pct = 100.0 * n / total if total else 100.0
        low = pct < opts[opt]
        rc |= low
        print("%s: %d of %d (%.1f%%) %s%s" % (key, n, total, pct, text,
                                             "  BELOW %.0f%%" % opts[opt] if low else ""))
    for cause, names in sorted(why.items(), key=lambda x: -len(x[1])):
        print("  blocks not reproduced, %s: %d (%s)" % (cause, len(names), " ".join(sorted(names)[:12 if not causes else None])))
    for cause, items in sorted(lost_values.items()):
        print("  values not reproduced, %s: %d" % (cause, len(items)))
        if causes:
            for x in items:
                print("    " + x)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
