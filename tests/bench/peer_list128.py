#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""The benchmark peer of `sysreggen --spec Registers.json list --128`.

json.load of an AARCHMRS Registers.json, then the same extraction: every
accessor's name and encoding, accessors resolved to the register they name
(own page, another register's page, or an alias), MRRS/MSRRregister
accessors marking 128-bit registers, one line per register:
NAME, op0,op1,CRn,CRm,op2, 128, R/W/RW, condition of the 128-bit accessor.
"""
import json
import re
import sys

MOVES = {"MRS": "R", "MSRregister": "W", "MRRS": "R", "MSRRregister": "W"}
FIELDS = ("op0", "op1", "CRn", "CRm", "op2")


def condition(c):
    if c is None or c.get("_type") == "AST.Bool":
        return "TRUE"
    if c.get("_type") == "AST.Function" and c.get("name") == "IsFeatureImplemented":
        return c["arguments"][0]["value"]
    return "?"


def encoding(encs):
    out = []
    for f in FIELDS:
        v = encs.get(f, {}).get("value", "")
        if not re.fullmatch(r"'[01]+'", v):
            return None
        out.append(str(int(v.strip("'"), 2)))
    return ",".join(out)


def main(path):
    with open(path) as f:
        entries = json.load(f)
    names = {e["name"] for e in entries if e.get("state") == "AArch64"}
    regs = {}
    for e in entries:
        if e.get("state") != "AArch64":
            continue
        for acc in e.get("accessors", []):
            kind = acc.get("name", "").split(".")[-1]
            if kind not in MOVES:
                continue
            encs = acc["encoding"]
            flat = [x for group in encs for x in (group if isinstance(group, list) else [group])]
            for enc in flat:
                name = enc.get("asmvalue") or e["name"]
                code = encoding(enc["encodings"])
                if code is None:
                    continue  # arrays and encoding spaces
                owner = name if name in names or name == e["name"] else name  # alias keeps its own name
                r = regs.setdefault(owner, {"enc": None, "access": set(), "cond": None, "w128": False})
                if r["enc"] is None or kind in ("MRS", "MSRregister"):
                    r["enc"] = r["enc"] or code
                r["access"].add(MOVES[kind])
                if kind in ("MRRS", "MSRRregister"):
                    r["w128"] = True
                    r["cond"] = r["cond"] or condition(acc.get("condition"))
    lines = []
    for name, r in regs.items():
        if r["w128"]:
            access = "".join(a for a in "RW" if a in r["access"])
            lines.append(f"{name}\t{r['enc']}\t128\t{access}\t{r['cond']}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
