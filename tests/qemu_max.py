#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""QEMU's -cpu max against `sysreggen idregs`.

QEMU's aarch64_max_tcg_initfn() (tests/data/qemu-cpu64/cpu64.c, QEMU's own
file) sets one ID field per feature and names the feature in a comment:
    t = FIELD_DP64(t, ID_AA64ISAR0, AES, 2);      /* FEAT_PMULL */
For each such line whose features Features.json knows, `idregs --features
<those features>` must give the field that value. The field's bits come
from QEMU's FIELD(REG, NAME, SHIFT, LENGTH) in cpu-features.h (QEMU's own
file too), so QEMU's names (BFLOAT16 for the spec's BF16) need no mapping.
Prints one line per disagreement and a summary "N of M agree"; exit 1
below the share given.
usage: qemu_max.py SYSREGGEN CPU64.C CPU-FEATURES.H MIN-PERCENT
"""
import json
import re
import subprocess
import sys

binary, source, fields_h, min_percent = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
text = open(source, encoding="utf-8").read()
qemu_fields = {(m.group(1), m.group(2)): (int(m.group(3)), int(m.group(4)))
               for m in re.finditer(r"^FIELD\((\w+), (\w+), (\d+), (\d+)\)", open(fields_h, encoding="utf-8").read(), re.M)}
body = re.search(r"void aarch64_max_tcg_initfn\(Object \*obj\)\n\{(.*?)\n\}", text, re.S).group(1)
known = set(subprocess.run([binary, "features", "--all"], capture_output=True, text=True, check=True).stdout.split())

LINE = re.compile(r"t = FIELD_DP64\(t, (\w+), (\w+), (\w+)\);\s*/\*(.*?)\*/")
cases, unknown = [], []
for lineno, line in enumerate(body.split("\n"), 1):
    m = LINE.search(line)
    if not m:
        continue
    reg, field, value, comment = m.groups()
    feats = re.findall(r"FEAT_\w+", comment)
    if not feats:
        continue
    try:
        v = int(value, 0)
    except ValueError:
        unknown.append(f"{reg}.{field} = {value}: not a number")
        continue
    missing = [f for f in feats if f not in known]
    if missing:
        unknown.append(f"{reg}.{field} = {value}: Features.json has no {', '.join(missing)}")
        continue
    cases.append((reg, field, v, feats, line.strip()))

cache = {}
agree, disagree = 0, []
for reg, field, v, feats, line in cases:
    key = ",".join(sorted(feats))
    if key not in cache:
        r = subprocess.run([binary, "--features", key, "idregs", "--format", "json"], capture_output=True, text=True)
        cache[key] = json.loads(r.stdout) if r.returncode == 0 else r.stderr.strip().split("\n")[0]
    regs = cache[key]
    if isinstance(regs, str):
        disagree.append(f"{line}\n    idregs --features {key}: {regs}")
        continue
    ours = None
    shift, length = qemu_fields.get((reg, field), (None, None))
    for r in regs:
        if r["name"] in (reg + "_EL1", reg) and shift is not None:
            ours = (int(r["value"], 16) >> shift) & ((1 << length) - 1)
    if ours is not None and ours == v:
        agree += 1
    else:
        disagree.append(f"{line}\n    idregs --features {key}: {reg}.{field} = {ours}")

for d in disagree:
    print("disagree: " + d)
for u in unknown:
    print("not compared: " + u)
total = agree + len(disagree)
share = 100.0 * agree / total if total else 0.0
print(f"{agree} of {total} FIELD_DP64 lines of -cpu max agree ({share:.1f}%); {len(unknown)} not compared")
sys.exit(0 if share >= min_percent else 1)
