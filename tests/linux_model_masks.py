#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""The RES0/RES1/UNKN masks of every AArch64 register with one 64-bit
layout, computed from the model (`sysreggen dump --format json`), as C
static assertions against the header gen-sysreg.awk made of linux-sysreg.

The rule, independent of linux_blocks.c: bits of unnamed RES0, RAZ and
RAZ/WI ranges are RES0, RES1 and RAO ones RES1, UNKNOWN ones UNKN, unless a
named field (an alternative for the same bits) covers them; of unnamed
alternatives for the same bits, the first the spec lists.

usage: linux_model_masks.py MODEL.json LINUX-SYSREG > masks.c
Prints on stderr how many registers it checks."""
import json
import re
import sys

KIND = {"RES0": "RES0", "RAZ": "RES0", "RAZ/WI": "RES0", "RES1": "RES1", "RAO": "RES1", "RAO/WI": "RES1",
        "UNKNOWN": "UNKN"}


def bits_of(text):
    m = 0
    for part in text.split(","):
        hi, lo = (part.split(":") + [part])[:2]
        m |= ((1 << (int(hi) + 1)) - 1) & ~((1 << int(lo)) - 1)
    return m


def main():
    model = json.load(open(sys.argv[1]))
    blocks, fields_of = set(), {}
    for line in open(sys.argv[2]):
        t = line.split("#")[0].split()
        if t and t[0] == "Sysreg":
            cur = t[1]
            blocks.add(cur)
        elif t and t[0] == "Fields":
            fields_of[cur] = t[1]
    print('#include "linux_shim.h"\n#include "defs.h"')
    checked = 0
    for r in model:
        wide = [fs for fs in r["fieldsets"] if fs["width"] == 64]
        if len(wide) != 1:
            continue
        named = res = 0
        masks = {"RES0": 0, "RES1": 0, "UNKN": 0}
        reserved = 0
        for f in wide[0]["fields"]:
            b = bits_of(f["bits"])
            if f["name"]:
                named |= b
            elif f["reserved"] in KIND:
                masks[KIND[f["reserved"]]] |= b & ~reserved
                reserved |= b
        names = [r["name"]]
        if r.get("array"):  # DBGBVR<n>_EL1, n from 0 to 63: the elements the view has
            a = r["array"]
            names = [re.sub(r"<[^>]*>", str(i), r["name"]) for i in range(a["first"], a["last"] + 1)]
        for name in sorted(b for b in blocks if b in names):
            prefix = fields_of.get(name, name)
            for k, v in masks.items():
                print('_Static_assert(%s_%s == 0x%xULL, "%s_%s from the model");' % (prefix, k, v & ~named, name, k))
            checked += 1
    print("%d registers checked" % checked, file=sys.stderr)


if __name__ == "__main__":
    main()
