# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""Registers.json files built to make a JSON reader spend memory or time,
each around tests/data/json/good.json's one entry. For tests/hardening.sh
(limits) and tests/bench.sh (peak memory against the file's size).
usage: python3 tests/hostile_json.py OUTDIR"""
import sys

out = sys.argv[1]
entry = open("tests/data/json/good.json").read().strip()[1:-1].strip()
head = "[" + entry[:-1].rstrip()  # the entry, open for one more member


def write(name, text):
    with open("%s/%s" % (out, name), "w") as f:
        f.write(text)


# 4 MB: one entry, then 2,000,000 bare 1s in the top-level array
write("bare.json", "[" + entry + ",1" * 2000000 + "]\n")
# one entry with 1,000,000 unknown keys
write("keys.json", head + ", " + ", ".join('"k%d": 1' % i for i in range(1000000)) + "}]\n")
# a 3 MiB unknown key
write("longkey.json", head + ', "' + "k" * (3 << 20) + '": 1}]\n')
# 4 MB: one entry holding 40 arrays of 50,000 values each
inner = "[" + ",".join(["1"] * 50000) + "]"
write("nested.json", head + ', "x": [' + ",".join([inner] * 40) + "]}]\n")
# one past a limit of 10: an array of n values, an object of n members
for n in (10, 11):
    write("array%d.json" % n, head + ', "x": [' + ",".join(["1"] * n) + "]}]\n")
    write("object%d.json" % n, head + ', "x": {' + ",".join('"k%d": 1' % i for i in range(n)) + "}}]\n")
