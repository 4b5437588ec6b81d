#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""An archive bomb for the memory bench: a .tar.gz of N register pages of
SIZE MiB each, a real page whose <reg_long_name> is padded with one letter
(so every member is a well-formed page the loader parses), about 5.7 MB
for five of 250 MiB. usage: archive_bomb.py PAGE OUT.tar.gz N SIZE_MIB"""
import io
import sys
import tarfile


class Repeated(io.RawIOBase):
    """head, then `count` times one byte, then tail, without holding it."""

    def __init__(self, head, count, tail):
        self.parts = [(head, len(head)), (b"A", count), (tail, len(tail))]
        self.part = self.off = 0

    def readable(self):
        return True

    def readinto(self, buf):
        n = 0
        while n < len(buf) and self.part < len(self.parts):
            data, length = self.parts[self.part]
            take = min(len(buf) - n, length - self.off)
            if len(data) == 1 and length > 1:
                buf[n:n + take] = data * take
            else:
                buf[n:n + take] = data[self.off:self.off + take]
            n += take
            self.off += take
            if self.off == length:
                self.part, self.off = self.part + 1, 0
        return n


def main():
    page, out, count, mib = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    text = open(page, "rb").read()
    cut = text.index(b"<reg_long_name>") + len(b"<reg_long_name>")
    head, tail = text[:cut], text[cut:]
    size = mib << 20
    with tarfile.open(out, "w:gz", compresslevel=1) as t:
        for k in range(count):
            info = tarfile.TarInfo("rel/AArch64-m%d.xml" % k)
            info.size = size
            t.addfile(info, io.BufferedReader(Repeated(head, size - len(head) - len(tail), tail), 1 << 20))


main()
