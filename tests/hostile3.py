#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
"""The hostile inputs of the third hardening round, built from real pages
and tests/data/json/good.json: tests/hardening3.sh runs sysreggen on them,
tests/fuzz/seeds.sh makes them seeds. usage: hostile3.py TTBR0_PAGE
ID_AA64ISAR0_PAGE GOOD_JSON OUTDIR"""
import copy
import json
import sys

TTBR0_COND = "<fields_condition>When FEAT_D128 is implemented and TCR2_EL1.D128 == 1</fields_condition>"
LONG_NAME = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN"  # 40 letters


def page_with_doctype(page, doctype, use=""):
    i = page.index("<!DOCTYPE")
    j = page.index(">", i)
    page = page[:i] + doctype + page[j + 1:]
    return page.replace("<reg_long_name>", "<reg_long_name>" + use, 1)


def entity_bomb(page, levels, fan):
    """<!ENTITY a "xxxxxxxxxx"> and levels-1 more, each `fan` times the last."""
    ents = ['<!ENTITY a "%s">' % ("x" * 10)]
    prev = "a"
    for i in range(1, levels):
        name = chr(ord("a") + i)
        ents.append('<!ENTITY %s "%s">' % (name, ("&%s;" % prev) * fan))
        prev = name
    return page_with_doctype(page, "<!DOCTYPE register_page [\n" + "\n".join(ents) + "\n]>", "&%s;" % prev)


def xml_inputs(ttbr0, isar0):
    once = lambda s, old, new: s.replace(old, new, 1)
    return {
        "AArch64-ent10.xml": entity_bomb(ttbr0, 10, 10),  # 10^10 bytes if expanded
        "AArch64-ent6.xml": entity_bomb(ttbr0, 6, 10),  # 10^6
        "AArch64-ent7.xml": entity_bomb(ttbr0, 7, 10),  # 10^7
        "AArch64-param.xml": page_with_doctype(ttbr0, "<!DOCTYPE register_page [\n<!ENTITY % p \"<!ENTITY q 'x'>\">\n%p;\n]>"),
        "AArch64-external.xml": page_with_doctype(
            ttbr0, '<!DOCTYPE register_page [\n<!ENTITY e SYSTEM "file:///etc/passwd">\n]>', "&e;"),
        "AArch64-subset.xml": page_with_doctype(ttbr0, "<!DOCTYPE register_page [\n<!ELEMENT register_page ANY>\n]>"),
        "AArch64-ndata.xml": page_with_doctype(
            ttbr0, '<!DOCTYPE register_page [\n<!NOTATION gif SYSTEM "x">\n<!ENTITY a SYSTEM "x" NDATA gif>\n]>'),
        # libxml2 2.9 takes time quadratic in these: two minutes for 200,000
        # attributes on one element, 39 s for 200,000 ATTLIST declarations
        "AArch64-attributes.xml": once(ttbr0, "<register_page>",
                                       "<register_page %s>" % " ".join('a%d="v"' % i for i in range(200000))),
        "AArch64-attlist.xml": page_with_doctype(ttbr0, "<!DOCTYPE register_page [\n%s\n]>" % "\n".join(
            '<!ATTLIST register_page a%d CDATA "v">' % i for i in range(200000))),
        "AArch64-trigraph.xml": once(ttbr0, TTBR0_COND, TTBR0_COND.replace("== 1<", "== 1 ??/<")),
        # U+202E in a condition, U+2066 in the timestamp
        "AArch64-bidi.xml": once(once(ttbr0, TTBR0_COND, TTBR0_COND.replace("== 1<", "== 1 \u202e x<")),
                                 "</timestamp>", " \u2066</timestamp>"),
        "AArch64-value.xml": once(isar0, "<field_value>0b0001</field_value>", "<field_value>0b00O1</field_value>"),
        "AArch64-long.xml": ttbr0.replace("<field_name>ASID</field_name>", "<field_name>%s</field_name>" % LONG_NAME),
    }


def json_inputs(good):
    def changed(edit):
        regs = copy.deepcopy(good)
        edit(regs[0])
        return regs

    def name(value):
        return lambda r: r["fieldsets"][0]["values"][1].update(name=value)

    def meta(r):
        r["_meta"] = {"version": {"architecture": "v9\u202eA", "build": "1\u2066x", "timestamp": "now??/"}}

    def bad_value(r):
        r["fieldsets"][0]["values"][1]["values"] = {"_type": "Values.Group", "values": [
            {"_type": "Values.Value", "value": "'00000001'"}, {"_type": "Values.Value", "value": "'00O1'"}]}

    def seventy_values(r):  # a 7-bit field with 70 values
        r["fieldsets"][0]["values"][0]["rangeset"] = [{"_type": "Range", "start": 7, "width": 57}]
        f = r["fieldsets"][0]["values"][1]
        f["rangeset"] = [{"_type": "Range", "start": 0, "width": 7}]
        f["values"] = {"_type": "Values.Group", "values": [
            {"_type": "Values.Value", "value": "'%s'" % format(i, "07b")} for i in range(70)]}

    return {
        "newline.json": changed(name("VAL\nSysreg PWN_EL1 3 0 0 0 0\nEndSysreg\n# ")),
        "trigraph.json": changed(name("VAL??/")),
        "bidi.json": changed(meta),
        "value.json": changed(bad_value),
        "values70.json": changed(seventy_values),
    }


def sysreg_inputs():
    base = "Sysreg\tTEST_EL1\t3\t0\t11\t0\t0\nRes0\t63:0\nEndSysreg\n"
    return {
        "base-sysreg": base,
        "bom-sysreg": "\ufeff" + base,
        "words-sysreg": base.replace("0\t0\n", "0\t0\tone two three four five six seven eight nine ten eleven\n", 1),
    }


def main():
    ttbr0 = open(sys.argv[1], encoding="utf-8").read()
    isar0 = open(sys.argv[2], encoding="utf-8").read()
    good = json.load(open(sys.argv[3]))
    out = sys.argv[4]
    for name, text in list(xml_inputs(ttbr0, isar0).items()) + list(sysreg_inputs().items()):
        with open("%s/%s" % (out, name), "w", encoding="utf-8") as f:
            f.write(text)
    for name, regs in json_inputs(good).items():
        with open("%s/%s" % (out, name), "w", encoding="utf-8") as f:
            json.dump(regs, f, indent=1, ensure_ascii=False)


main()
