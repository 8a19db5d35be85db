#!/usr/bin/env python3
"""Checks the calendar caveat column of the batch workbook (docs/batch.md#excel-workbook).

Usage: batch_workbook_caveat_check.py WORKBOOK.xlsx en|zh
The schedule is test/cli/data/batch_2027.csv on examples/ex13_2027_provisional.yaml: line 2
(2026-06-01) counts only official days, lines 3 and 4 (January 2027) count days of the
provisional year 2027. Column Q of the Lines sheet must say so, and only there.
"""
import re
import sys
import zipfile

path, lang = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path)
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
lines = z.read("xl/worksheets/sheet1.xml").decode()
cells = {}
for ref, body in re.findall(r'<c r="(Q\d+)"[^>]*>(.*?)</c>', lines):
    v = re.search(r"<v>(\d+)</v>", body)
    cells[ref] = strings[int(v.group(1))] if v else None
header = "Provisional calendar years counted" if lang == "en" else "所计交易日属临时日历年份"
assert cells.get("Q1") == header, cells
assert "Q2" not in cells, ("the 2026 line counted no provisional day", cells)
assert cells.get("Q3") == "2027" and cells.get("Q4") == "2027", cells
assert "Q5" not in cells, cells
print("caveat column ok")
