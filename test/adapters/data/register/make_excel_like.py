#!/usr/bin/env python3
"""Writes register_excel.xlsx: the register of register_rows.py laid out part by part the way
Excel (Microsoft 365, zh-CN) writes a workbook, so the reader is tested on Excel's own structure
without Excel on the machine. What it reproduces, as Excel writes it:
  * [Content_Types].xml, _rels/.rels, docProps/app.xml + core.xml, xl/_rels/workbook.xml.rels
    with rId targets relative to xl/, a theme part;
  * shared strings with count/uniqueCount, a rich-text string (runs <r><rPr/><t>) and a string
    with a phonetic run (<rPh>, which is not part of the text), xml:space="preserve";
  * styles: built-in number formats 14 (date), 3 (#,##0), 10 (0.00%) and a custom CJK date
    format 176 'yyyy"年"m"月"d"日"'; cellStyleXfs before cellXfs (only cellXfs index cells);
  * numbers as <v> without t, dates as serial numbers with a date style, row spans, a merged
    title, a frozen pane, column widths, a second sheet;
  * one inline string (<c t="inlineStr"><is><t>), which Excel reads but other writers produce.
Run: python3 make_excel_like.py  (writes register_excel.xlsx beside it; deterministic bytes).
"""
import datetime
import os
import zipfile
from xml.sax.saxutils import escape

from register_rows import (CODE_LINE, DATE_LABEL, FOOTNOTE, HEADER, REGISTER_DATE, ROWS, TITLE,
                           TOTAL_ROW)

HERE = os.path.dirname(os.path.abspath(__file__))
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

strings = []


def sst(s):
    if s not in strings:
        strings.append(s)
    return strings.index(s)


def col(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def serial(y, m, d):
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


rows_xml = []


def row(r, cells, spans="1:12"):
    out = ['<row r="%d" spans="%s" x14ac:dyDescent="0.25">' % (r, spans)]
    for c, (kind, value, style) in enumerate(cells):
        ref = "%s%d" % (col(c), r)
        s = ' s="%d"' % style if style else ""
        if kind == "skip":
            continue
        if kind == "s":
            out.append('<c r="%s"%s t="s"><v>%d</v></c>' % (ref, s, sst(value)))
        elif kind == "n":
            out.append('<c r="%s"%s><v>%s</v></c>' % (ref, s, value))
        elif kind == "inline":
            out.append('<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, s, escape(value)))
    out.append("</row>")
    rows_xml.append("".join(out))


row(1, [("s", TITLE, 5)])
row(2, [("s", CODE_LINE, 0)])
# The date label, then the date as a serial number with the custom CJK date format (style 2).
row(3, [("s", DATE_LABEL, 0), ("n", str(serial(*REGISTER_DATE)), 2)])
row(4, [("s", h, 5) for h in HEADER])
r = 5
for data in ROWS:
    cells = []
    for c, v in enumerate(data):
        if c == 0:
            cells.append(("n", str(v), 0))
        elif c == 6:  # percentage stored as a fraction with the 0.00% format (style 4)
            cells.append(("n", repr(v / 100).rstrip("0").rstrip("."), 4))
        elif isinstance(v, int):
            cells.append(("n", str(v), 3))
        elif v == "":
            cells.append(("skip", None, 0))
        elif c == 11 and r == 8:  # one address as an inline string
            cells.append(("inline", v, 0))
        else:
            cells.append(("s", v, 0))
    row(r, cells)
    r += 1
total = []
for c, v in enumerate(TOTAL_ROW):
    if v == "":
        total.append(("skip", None, 0))
    elif isinstance(v, (int, float)) and c != 6:
        total.append(("n", str(v), 3))
    elif c == 6:
        total.append(("n", repr(v / 100), 4))
    else:
        total.append(("s", v, 5))
row(r, total)
r += 1
row(r + 1, [("s", FOOTNOTE, 0)])
last_row = r + 1

# A rich-text string (two runs) and one with a phonetic guide: the text is the runs only.
rich_index = len(strings)
strings.append(("rich",))
phon_index = len(strings)
strings.append(("phonetic",))


def si(s):
    if s == ("rich",):
        return ('<si><r><rPr><b/><sz val="11"/><rFont val="等线"/><family val="3"/>'
                '<charset val="134"/></rPr><t>示例科技</t></r><r><rPr><sz val="11"/>'
                '<rFont val="等线"/></rPr><t xml:space="preserve"> 说明</t></r></si>')
    if s == ("phonetic",):
        return ('<si><t>张伟</t><rPh sb="0" eb="2"><t>ZHANG WEI</t></rPh>'
                '<phoneticPr fontId="1" type="noConversion"/></si>')
    return "<si><t>%s</t></si>" % escape(s)


sheet1 = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<worksheet %s xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'mc:Ignorable="x14ac xr xr2 xr3" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
    'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
    'xr:uid="{00000000-0001-0000-0000-000000000000}">'
    '<dimension ref="A1:L%d"/>'
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="4" topLeftCell="A5" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A5" '
    'sqref="A5"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="14" x14ac:dyDescent="0.25"/>'
    '<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="14" '
    'customWidth="1"/><col min="3" max="3" width="40" customWidth="1"/><col min="4" max="12" '
    'width="16" customWidth="1"/></cols>'
    '<sheetData>%s</sheetData>'
    '<mergeCells count="1"><mergeCell ref="A1:L1"/></mergeCells>'
    '<phoneticPr fontId="1" type="noConversion"/>'
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    '<pageSetup paperSize="9" orientation="landscape" r:id="rId1"/>'
    '</worksheet>') % (NS, last_row, "".join(rows_xml))

sheet2 = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<worksheet %s><dimension ref="A1:A2"/><sheetViews><sheetView workbookViewId="0"/>'
    '</sheetViews><sheetFormatPr defaultRowHeight="14"/><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>%d</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>%d</v></c></row>'
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
    'footer="0.3"/></worksheet>') % (NS, rich_index, phon_index)

shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
          '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
          'uniqueCount="%d">%s</sst>') % (len(strings) + 8, len(strings),
                                         "".join(si(s) for s in strings))

styles = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac">'
    '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '</numFmts>'
    '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/>'
    '<name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>'
    '<font><b/><sz val="11"/><color theme="1"/><name val="等线"/><family val="3"/>'
    '<charset val="134"/><scheme val="minor"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
    '<patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0">'
    '<alignment vertical="center"/></xf>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
    'defaultPivotStyle="PivotStyleLight16"/></styleSheet>')

workbook = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<workbook %s xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'mc:Ignorable="x15 xr xr6 xr10 xr2">'
    '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/>'
    '<workbookPr defaultThemeVersion="166925"/>'
    '<bookViews><workbookView xWindow="-110" yWindow="-110" windowWidth="25820" '
    'windowHeight="15500"/></bookViews>'
    '<sheets><sheet name="股东名册" sheetId="1" r:id="rId1"/>'
    '<sheet name="说明" sheetId="2" r:id="rId2"/></sheets>'
    '<calcPr calcId="191029"/></workbook>') % NS

rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/theme" Target="theme/theme1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>')

root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/extended-properties" Target="docProps/app.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
             'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')

content_types = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.theme+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
    'core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/></Types>')

theme = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
         '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'name="Office 主题"><a:themeElements><a:clrScheme name="Office"/>'
         '<a:fontScheme name="Office"/><a:fmtScheme name="Office"/></a:themeElements></a:theme>')
app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
       '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
       '<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>')
core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>registrar</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-28T08:00:00Z</dcterms:created>'
        '</cp:coreProperties>')

parts = [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
         ("docProps/app.xml", app), ("docProps/core.xml", core),
         ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
         ("xl/theme/theme1.xml", theme), ("xl/worksheets/sheet1.xml", sheet1),
         ("xl/worksheets/sheet2.xml", sheet2), ("xl/styles.xml", styles),
         ("xl/sharedStrings.xml", shared)]
with zipfile.ZipFile(os.path.join(HERE, "register_excel.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))
