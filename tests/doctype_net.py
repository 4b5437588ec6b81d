# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""A page whose DOCTYPE names a DTD by URL on a port of this machine that
listens: sysreggen must load the page and never connect.
usage: python3 tests/doctype_net.py SYSREGGEN PAGE OUT-PAGE"""
import socket
import subprocess
import sys

binary, page, out = sys.argv[1:4]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(8)
url = "http://127.0.0.1:%d/registers.dtd" % server.getsockname()[1]
with open(page) as f:
    text = f.read().replace('SYSTEM "registers.dtd"', 'PUBLIC "-//ARM//DTD registers //EN" "%s"' % url)
with open(out, "w") as f:
    f.write(text)
try:
    run = subprocess.run([binary, "--spec", out, "list"], capture_output=True, text=True, timeout=20)
except subprocess.TimeoutExpired:
    run = None  # waiting on the connection it made
server.setblocking(False)
try:
    server.accept()
    print("sysreggen connected to", url)
    sys.exit(1)
except BlockingIOError:
    pass
if run is None or run.returncode != 0 or "TEST_EL1\t3,0,11,0,0" not in run.stdout:
    print("timed out" if run is None else ("exit", run.returncode, run.stdout, run.stderr))
    sys.exit(1)
print("loaded, no connection to", url)
