#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark helper (not a test): lists every cell of a workbook, so that the
# export baselines (bench_xlsx_raw --cells, bench_export.py --cells) write
# exactly the cells motcua wrote. It streams each worksheet with iterparse and
# clears the rows it has read, so its memory stays flat whatever the rows.
#
# usage: xlsx_cells.py IN.xlsx OUT.tsv
#
# OUT.tsv is UTF-8, one record a line, fields separated by tabs:
#   #sheet  N  NAME         each worksheet in workbook order, N from 1
#   #styles COUNT           how many cell formats (cellXfs) the workbook has
#   #style  ID  KIND  NUMFMT  FONT  SIZE  BOLD  ITALIC  BORDER  FILL  HALIGN
#           VALIGN  WRAP    one per format id: KIND is date, number or
#                           general; NUMFMT the number format code ('' for
#                           General); BORDER the index of the border style of
#                           the xf (0 none, 1 thin, 2 medium...); FILL the
#                           solid fill colour RRGGBB or ''; HALIGN/VALIGN the
#                           alignment names of the file or ''; BOLD, ITALIC,
#                           WRAP 0 or 1
#   SHEET  ROW  COL  TYPE  STYLE  VALUE [FORMULA]
#                           one per cell, sheet by sheet, in the file's
#                           order (rows ascending): ROW and COL from 0; TYPE s
#                           (string, inline or shared), n (number), b (blank:
#                           a styled cell with no value), f (formula: VALUE
#                           its cached number or '', FORMULA its text)
# The header lines (#...) come first. In VALUE and FORMULA a backslash, tab,
# newline and carriage return are written \\ \t \n \r.
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
RNS = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
PKG = '{http://schemas.openxmlformats.org/package/2006/relationships}'

# Built-in number formats (ECMA-376 §18.8.30) that have a fixed code.
BUILTIN = {
    0: '', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%',
    11: '0.00E+00', 12: '# ?/?', 13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy',
    16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
    21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
    39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss',
    46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
}
BORDERS = {'thin': 1, 'medium': 2, 'dashed': 3, 'dotted': 4, 'thick': 5, 'double': 6,
           'hair': 7, 'mediumDashed': 8, 'dashDot': 9, 'mediumDashDot': 10,
           'dashDotDot': 11, 'mediumDashDotDot': 12, 'slantDashDot': 13}
ESCAPE = str.maketrans({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'})


def esc(s):
    return s.translate(ESCAPE)


def fmt_kind(code):
    """date, number or general for a number format code."""
    if code in ('', 'General'):
        return 'general'
    # Drop quoted text, escaped characters and [colour]/[$-locale] parts.
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', '', code)
    return 'date' if re.search(r'[dmyhs]', bare, re.I) else 'number'


def children(root, tag):
    el = root.find(NS + tag)
    return list(el) if el is not None else []


def styles(z):
    """One dict per cellXfs entry, in id order."""
    if 'xl/styles.xml' not in z.namelist():
        return []
    root = ET.fromstring(z.read('xl/styles.xml'))
    codes = dict(BUILTIN)
    for nf in root.iter(NS + 'numFmt'):
        codes[int(nf.get('numFmtId'))] = nf.get('formatCode', '')
    fonts = []
    for f in children(root, 'fonts'):
        name = f.find(NS + 'name')
        sz = f.find(NS + 'sz')
        fonts.append({'font': name.get('val') if name is not None else '',
                      'size': sz.get('val') if sz is not None else '',
                      'bold': int(f.find(NS + 'b') is not None),
                      'italic': int(f.find(NS + 'i') is not None)})
    fills = []
    for f in children(root, 'fills'):
        p = f.find(NS + 'patternFill')
        fg = p.find(NS + 'fgColor') if p is not None else None
        rgb = fg.get('rgb', '') if fg is not None and p.get('patternType') == 'solid' else ''
        fills.append(rgb[-6:])
    borders = []
    for b in children(root, 'borders'):
        left = b.find(NS + 'left')
        borders.append(BORDERS.get(left.get('style'), 0) if left is not None else 0)
    out = []
    for xf in children(root, 'cellXfs'):
        nf = int(xf.get('numFmtId', 0))
        code = codes.get(nf, '')
        font = fonts[int(xf.get('fontId', 0))] if fonts else {
            'font': '', 'size': '', 'bold': 0, 'italic': 0}
        al = xf.find(NS + 'alignment')
        al = al.attrib if al is not None else {}
        out.append(dict(font, kind=fmt_kind(code), numfmt=code,
                        border=borders[int(xf.get('borderId', 0))] if borders else 0,
                        fill=fills[int(xf.get('fillId', 0))] if fills else '',
                        halign=al.get('horizontal', ''), valign=al.get('vertical', ''),
                        wrap=int(al.get('wrapText') in ('1', 'true'))))
    return out


def sheets(z):
    """(name, part path) of each worksheet in workbook order."""
    rels = {}
    for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels')).iter(PKG + 'Relationship'):
        t = r.get('Target')
        path = t.lstrip('/') if t.startswith('/') else posixpath.normpath('xl/' + t)
        rels[r.get('Id')] = (r.get('Type', '').rsplit('/', 1)[-1], path)
    out = []
    for s in ET.fromstring(z.read('xl/workbook.xml')).iter(NS + 'sheet'):
        kind, path = rels[s.get(RNS + 'id')]
        if kind == 'worksheet':
            out.append((s.get('name'), path))
    return out


def shared_strings(z):
    if 'xl/sharedStrings.xml' not in z.namelist():
        return []
    out = []
    with z.open('xl/sharedStrings.xml') as f:
        for ev, el in ET.iterparse(f):
            if el.tag == NS + 'si':
                out.append(text_of(el))
                el.clear()
    return out


def text_of(el):
    """The text of an <is> or <si>: its <t>, or its runs' <t>, not the phonetic runs."""
    phonetic = {id(t) for rph in el.iter(NS + 'rPh') for t in rph.iter(NS + 't')}
    return ''.join(t.text or '' for t in el.iter(NS + 't') if id(t) not in phonetic)


def col_index(ref):
    n = 0
    for ch in ref:
        if 'A' <= ch <= 'Z':
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n - 1


def cells(z, no, path, sst, out):
    with z.open(path) as f:
        data = None
        row = -1
        col = -1
        for ev, el in ET.iterparse(f, ('start', 'end')):
            tag = el.tag
            if ev == 'start':
                if tag == NS + 'sheetData':
                    data = el
                elif tag == NS + 'row':
                    r = el.get('r')
                    row = int(r) - 1 if r else row + 1
                    col = -1
                continue
            if tag == NS + 'c':
                ref = el.get('r')
                col = col_index(ref) if ref else col + 1
                t = el.get('t', 'n')
                s = el.get('s', '0')
                v = el.find(NS + 'v')
                fo = el.find(NS + 'f')
                v = v.text or '' if v is not None else None
                if fo is not None:
                    if t not in ('n', 'str'):
                        raise SystemExit('xlsx_cells: %s %s: formula of type %s not '
                                         'supported' % (path, ref, t))
                    out.write('%d\t%d\t%d\tf\t%s\t%s\t%s\n' % (
                        no, row, col, s, v if t == 'n' and v else '', esc(fo.text or '')))
                elif t == 'inlineStr':
                    is_ = el.find(NS + 'is')
                    out.write('%d\t%d\t%d\ts\t%s\t%s\n' % (
                        no, row, col, s, esc(text_of(is_) if is_ is not None else '')))
                elif t == 's':
                    out.write('%d\t%d\t%d\ts\t%s\t%s\n' % (no, row, col, s, esc(sst[int(v)])))
                elif t == 'str':
                    out.write('%d\t%d\t%d\ts\t%s\t%s\n' % (no, row, col, s, esc(v or '')))
                elif t == 'n' and v is None:
                    out.write('%d\t%d\t%d\tb\t%s\t\n' % (no, row, col, s))
                elif t == 'n':
                    out.write('%d\t%d\t%d\tn\t%s\t%s\n' % (no, row, col, s, v))
                else:
                    raise SystemExit('xlsx_cells: %s %s: cell type %s not supported'
                                     % (path, ref, t))
            elif tag == NS + 'row' and data is not None:
                # Drop the rows read so far: memory stays flat.
                data.clear()


def main():
    if len(sys.argv) != 3:
        raise SystemExit('usage: xlsx_cells.py IN.xlsx OUT.tsv')
    with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], 'w', encoding='utf-8',
                                                 newline='\n') as out:
        sh = sheets(z)
        for no, (name, _) in enumerate(sh, 1):
            out.write('#sheet\t%d\t%s\n' % (no, esc(name)))
        st = styles(z)
        out.write('#styles\t%d\n' % len(st))
        for i, x in enumerate(st):
            out.write('#style\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%d\n' % (
                i, x['kind'], esc(x['numfmt']), esc(x['font']), x['size'], x['bold'],
                x['italic'], x['border'], x['fill'], x['halign'], x['valign'], x['wrap']))
        sst = shared_strings(z)
        for no, (_, path) in enumerate(sh, 1):
            cells(z, no, path, sst, out)


if __name__ == '__main__':
    main()
