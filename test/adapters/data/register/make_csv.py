#!/usr/bin/env python3
"""Writes register.csv (UTF-8 with a byte order mark, as Excel's "CSV UTF-8" saves it) and
register_gbk.csv (GB18030, as Excel's "CSV (逗号分隔)" saves it in a Chinese locale): the register
of register_rows.py with thousands separators in quoted cells, CRLF line ends and an address
holding a comma. Run: python3 make_csv.py
"""
import csv
import io
import os

from register_rows import CODE_LINE, DATE_LABEL, FOOTNOTE, HEADER, REGISTER_DATE, ROWS, TITLE, TOTAL_ROW

HERE = os.path.dirname(os.path.abspath(__file__))


def cell(v, c):
    if isinstance(v, int) and c != 0:
        return "{:,}".format(v)
    if isinstance(v, float):
        return "%.2f" % v
    return v


buf = io.StringIO()
w = csv.writer(buf, lineterminator="\r\n")
w.writerow([TITLE] + [""] * 11)
w.writerow([CODE_LINE] + [""] * 11)
w.writerow([DATE_LABEL + "%04d/%d/%d" % REGISTER_DATE] + [""] * 11)
w.writerow(HEADER)
for row in ROWS:
    w.writerow([cell(v, c) for c, v in enumerate(row)])
w.writerow([cell(v, c) for c, v in enumerate(TOTAL_ROW)])
w.writerow([FOOTNOTE] + [""] * 11)
text = buf.getvalue()
with open(os.path.join(HERE, "register.csv"), "wb") as f:
    f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
with open(os.path.join(HERE, "register_gbk.csv"), "wb") as f:
    f.write(text.encode("gb18030"))

# The source LibreOffice converts into register_libreoffice.xlsx (docs/import.md): plain
# numbers and the register date in a cell of its own, so Calc stores numbers as numbers and the
# date as a date serial with a date format.
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)  # text quoted: stays text
w.writerow([TITLE])
w.writerow([CODE_LINE])
buf.write('"%s",%04d-%02d-%02d\n' % ((DATE_LABEL,) + REGISTER_DATE))  # unquoted: a date
w.writerow(HEADER)
for row in ROWS:
    w.writerow([("%.2f" % v) if isinstance(v, float) else v for v in row])
w.writerow([("%.2f" % v) if isinstance(v, float) else v for v in TOTAL_ROW])
w.writerow([FOOTNOTE])
with open(os.path.join(HERE, "register_libreoffice_source.csv"), "wb") as f:
    f.write(buf.getvalue().encode("utf-8"))
