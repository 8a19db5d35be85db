#!/usr/bin/env python3
"""Checks the batch workbook (docs/batch.md#excel-workbook) with the standard library only.

Usage: batch_workbook_check.py WORKBOOK.xlsx en|zh
Asserts: the Lines / Violations / Summary sheets and one sheet per holder with lines, in the
language asked; a frozen header and column widths on every sheet; dates as real Excel dates
(numbers with a yyyy-mm-dd format); the planted CAP-CB-1PCT breach with its message and
citation on its line; a holder sheet with the running quota columns.
"""
import re
import sys
import zipfile

path, lang = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
want = ["Lines", "Violations", "Summary"] if lang == "en" else ["明细", "违规", "汇总"]
assert names[:3] == want, names
for holder in ["VC", "CTRL", "DIR1"]:
    assert holder in names, (holder, names)
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
styles = z.read("xl/styles.xml").decode()
date_fmt = re.search(r'<numFmt numFmtId="(\d+)" formatCode="yyyy-mm-dd"/>', styles)
assert date_fmt, "no yyyy-mm-dd number format"
xfs = re.findall(r"<xf [^>]*>", styles.split("<cellXfs")[1].split("</cellXfs>")[0])
date_styles = {str(i) for i, xf in enumerate(xfs) if 'numFmtId="%s"' % date_fmt.group(1) in xf}
for i in range(1, len(names) + 1):
    if i == 3:  # the Summary: label/value pairs, no header row
        continue
    sheet = z.read("xl/worksheets/sheet%d.xml" % i).decode()
    assert 'state="frozen"' in sheet and 'ySplit="1"' in sheet, "sheet %d: no frozen header" % i
    assert "<cols>" in sheet, "sheet %d: no column widths" % i
lines = z.read("xl/worksheets/sheet1.xml").decode()
# Column E holds dates: numbers with the date style.
dates = re.findall(r'<c r="E(\d+)" s="(\d+)"><v>(\d+)</v>', lines)  # numbers, not strings
assert len(dates) >= 150 and all(s in date_styles for _, s, _ in dates), dates[:3]
header = "Violations and what could not be decided" if lang == "en" else "违规说明及无法判断事项"
assert header in strings, header
msg = [s for s in strings if s.startswith("CAP-CB-1PCT: ")]
assert len(msg) >= 2, "no CAP-CB-1PCT message and citation"
if lang == "zh":
    assert "不通过" in strings and "集中竞价" in strings
    assert all(re.search("[\u4e00-\u9fff]", s) for s in msg), msg  # message and citation in Chinese
else:
    assert "fail" in strings and "centralized_bidding" in strings
    # The English citation, where the rule has one.
    assert "CAP-CB-1PCT: Measures (1% per three months by centralized bidding)" in " ".join(msg), msg
holder = z.read("xl/worksheets/sheet%d.xml" % (names.index("VC") + 1)).decode()
assert len(re.findall(r"<row ", holder)) > 10, "the VC sheet has few rows"
running = "Sold so far in the schedule" if lang == "en" else "本计划累计已卖出"
assert running in strings
print("workbook ok: %d sheets, %d dated lines" % (len(names), len(dates)))
