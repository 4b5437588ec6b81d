# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""SIGKILL `sysreggen generate` while it writes: the moment its first
temporary file appears (the directory is watched every 0.1 ms), and a few
milliseconds after. Prints how many temporary files the killed runs left.
usage: python3 tests/kill_generate.py SYSREGGEN SPEC OUTDIR"""
import os
import signal
import subprocess
import sys
import time

binary, spec, out = sys.argv[1:4]
for delay in (0, 0, 0.0005, 0.001, 0.002, 0.004):
    p = subprocess.Popen([binary, "--spec", spec, "generate", "-o", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while p.poll() is None and not any(".tmp" in f for f in os.listdir(out)):
        time.sleep(0.0001)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
print(sum(".tmp" in f for f in os.listdir(out)))
