#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""Round trip of a feature set through idregs and decode.
PREFIX.closure: the set (sysreggen features); PREFIX.json: idregs --format
json; PREFIX.decoded: decode --format json of idregs --format kvm.
Holds when decode finds nothing outside the set, rules nothing of the set
out, and finds every feature idregs says an ID field shows except those
only a one-way constraint ties to a field (decode does not guess them;
they are listed as unknown). Prints the counts."""
import json
import sys

prefix = sys.argv[1]
closure = set(open(prefix + ".closure").read().split())
decoded = json.load(open(prefix + ".decoded"))
implemented, ruled_out, unknown = set(decoded["implemented"]), set(decoded["not_implemented"]), set(decoded["unknown"])
shown = set()
for reg in json.load(open(prefix + ".json")):
    for feats in reg["features"].values():
        shown.update(feats)
problems = []
if implemented - closure:
    problems.append("decoded outside the set: " + " ".join(sorted(implemented - closure)))
if closure & ruled_out:
    problems.append("in the set, decoded as not implemented: " + " ".join(sorted(closure & ruled_out)))
if (shown - implemented) - unknown:
    problems.append("shown by a field, not decoded: " + " ".join(sorted((shown - implemented) - unknown)))
for p in problems:
    print(p)
print(f"{len(implemented)} of {len(closure)} decoded, {len(shown - implemented)} shown but left unknown "
      f"({' '.join(sorted(shown - implemented))})")
sys.exit(1 if problems else 0)
