#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark baseline (not a test): Python XlsxWriter (Debian
# python3-xlsxwriter, run with /usr/bin/python3) writing the cells of
# motcua's workbook.
#
# usage: bench_export.py [--in-memory] --cells CELLS.tsv OUT.xlsx
#          exactly the cells listed by xlsx_cells.py (the cells motcua's
#          export wrote): the same sheets and cell formats, then every cell
#          with write_string / write_number / write_blank / write_formula in
#          the order of the list, as bench_xlsx_raw --cells does. Layout that
#          is not a cell (widths, merges, autofilter, panes, print set-up, the
#          chart) is not copied. Reading CELLS.tsv is part of the run.
#        bench_export.py [--in-memory] N OUT.xlsx
#          the synthetic cells imitating the workbook of N dossiers (the
#          baseline of bench_export.c; bench_xlsx_raw N writes the same).
# Both write in constant_memory mode, as motcua does; --in-memory uses
# XlsxWriter's default mode instead (constant_memory off: the rows held in
# memory, strings in the shared string table; XlsxWriter's own in_memory
# option, about its temporary files, stays off), which is faster in Python on
# some machines: a benchmark should show both. --zlevel L packs the zip at
# deflate level L (1-9) instead of zlib's default 6 (XlsxWriter has no option
# for it: the zipfile it opens is given compresslevel L), to match motcua's
# [export] compression.
#
#        bench_export.py --parse-only --cells CELLS.tsv OUT.xlsx
#          everything --cells does except writing: the list is read and
#          parsed and every write call goes to a writer that does nothing
#          (no file is made). Its time is the part of a --cells run that is
#          reading the cell list, not writing it; scale.py subtracts it to
#          give Python's time for writing alone.
import argparse
import functools
import re
import zipfile

import xlsxwriter

EPOCH = 25569.0


def serial(minutes):
    return EPOCH + minutes / 1440.0


def mask(s):
    n = len(s)
    return s[:4] + '*' * (n - 7) + s[-3:]


def base_minutes():
    import datetime
    d = datetime.date(2025, 6, 1) - datetime.date(1970, 1, 1)
    return d.days * 1440 + 450


def rows(sheet, count, overdue, fmt, base):
    sheet.write_string(0, 0, 'DOSSIER REGISTER', fmt['hdr'])
    for c in range(16 if overdue else 18):
        sheet.write_string(3, c, 'Column %d' % c, fmt['hdr'])
    for i in range(count):
        r = 4 + i
        code = '000.00.31.H29-2506%02d-%04d' % (1 + i % 28, 1 + i % 9999)
        proc = 'Thủ tục hành chính số %d về đăng ký' % (i % 300)
        field = 'Lĩnh vực %d' % (i % 20)
        name = 'Nguyễn Văn Hùng %d' % i
        phone = '09%08d' % ((i * 7919) % 100000000)
        received = base + i // 4
        due = received + 1440 * 5
        apology = i % 2
        if not overdue:
            addr = 'Số %d, đường Võ Thị Sáu, phường Thống Nhất' % (i % 500)
            sheet.write_number(r, 0, i + 1, fmt['num'])
            sheet.write_string(r, 1, code, fmt['txt'])
            sheet.write_string(r, 2, proc, fmt['wrap'])
            sheet.write_string(r, 3, field, fmt['txt'])
            sheet.write_number(r, 4, 1 + i % 3, fmt['num'])
            sheet.write_string(r, 5, name, fmt['txt'])
            sheet.write_string(r, 6, mask('0790%08d' % i), fmt['txt'])
            sheet.write_string(r, 7, addr, fmt['wrap'])
            sheet.write_string(r, 8, phone, fmt['txt'])
            sheet.write_string(r, 9, 'Trực tiếp' if i % 3 else 'Trực tuyến', fmt['txt'])
            sheet.write_string(r, 10, 'Phòng Hộ tịch', fmt['txt'])
            sheet.write_number(r, 11, serial(received), fmt['dt'])
            sheet.write_number(r, 12, serial(due), fmt['dt'])
            sheet.write_number(r, 13, serial(received + 60), fmt['dt'])
            sheet.write_number(r, 14, serial(received + 1440 * 3), fmt['dt'])
            sheet.write_number(r, 15, serial(received + 1440 * 4), fmt['dt'])
            sheet.write_string(r, 16, 'Đã trả kết quả', fmt['txt'])
            if i % 4:
                sheet.write_blank(r, 17, None, fmt['wrap'])
            else:
                sheet.write_string(r, 17, 'Ghi chú %d' % i, fmt['wrap'])
        else:
            sheet.write_number(r, 0, i + 1, fmt['num'])
            sheet.write_string(r, 1, code, fmt['txt'])
            sheet.write_string(r, 2, proc, fmt['wrap'])
            sheet.write_string(r, 3, field, fmt['txt'])
            sheet.write_string(r, 4, name, fmt['txt'])
            sheet.write_string(r, 5, phone, fmt['txt'])
            sheet.write_string(r, 6, 'Phòng Hộ tịch', fmt['txt'])
            sheet.write_number(r, 7, serial(received), fmt['dt'])
            sheet.write_number(r, 8, serial(due), fmt['dt'])
            sheet.write_blank(r, 9, None, fmt['txt'])
            sheet.write_string(r, 10, 'Quá hạn', fmt['txt'])
            sheet.write_number(r, 11, i % 9, fmt['num'])
            sheet.write_number(r, 12, serial(due - 1440), fmt['dt'])
            sheet.write_string(r, 13, 'Đã xin lỗi' if apology else 'Chưa xin lỗi', fmt['txt'])
            if apology:
                sheet.write_number(r, 14, serial(received + 1440), fmt['dt'])
                sheet.write_string(r, 15, 'Chờ ý kiến liên ngành', fmt['wrap'])
            else:
                sheet.write_blank(r, 14, None, fmt['txt'])
                sheet.write_blank(r, 15, None, fmt['wrap'])
    sheet.autofilter(3, 0, 3 + count, 15 if overdue else 17)
    sheet.freeze_panes(4, 2)


def synthetic(n, out, constant_memory):
    """The cells of bench_xlsx_raw N: a table, a register of n rows, n/20 overdue."""
    wb = xlsxwriter.Workbook(out, {'constant_memory': constant_memory})
    fmt = {}
    for name, opts in (('txt', {}), ('wrap', {'text_wrap': True}), ('num', {'num_format': '0'}),
                       ('dt', {'num_format': 'dd/mm/yyyy hh:mm', 'align': 'center'}),
                       ('hdr', {'bold': True, 'text_wrap': True, 'bg_color': '#D9E1F2'})):
        o = {'font_name': 'Times New Roman', 'font_size': 11, 'valign': 'vcenter', 'border': 1}
        o.update(opts)
        fmt[name] = wb.add_format(o)
    table = wb.add_worksheet('Form 06')
    for r in range(20):
        table.write_string(r + 10, 1, 'Lĩnh vực %d' % r, fmt['txt'])
        for c in range(2, 13):
            table.write_number(r + 10, c, n // 20, fmt['num'])
    base = base_minutes()
    rows(wb.add_worksheet('Register'), n, False, fmt, base)
    rows(wb.add_worksheet('Overdue'), n // 20, True, fmt, base)
    wb.close()


# Alignment names of the file (as xlsx_cells.py writes them) that XlsxWriter
# spells differently.
HALIGN = {'centerContinuous': 'center_across'}
VALIGN = {'center': 'vcenter', 'justify': 'vjustify', 'distributed': 'vdistributed'}
UNESCAPE = re.compile(r'\\(.)')
CHARS = {'t': '\t', 'n': '\n', 'r': '\r'}


def unescape(s):
    if '\\' not in s:
        return s
    return UNESCAPE.sub(lambda m: CHARS.get(m.group(1), m.group(1)), s)


def number(s):
    """A number as a Python program would pass it: 11, not 11.0, when whole."""
    v = float(s)
    return int(v) if v.is_integer() else v


def style(wb, f):
    """The format of a line '#style ID KIND NUMFMT FONT SIZE BOLD ITALIC BORDER FILL
    HALIGN VALIGN WRAP' of xlsx_cells.py; format 0 is the workbook's default (None)."""
    if f[1] == '0':
        return None
    o = {}
    if f[3]:
        o['num_format'] = unescape(f[3])
    if f[4]:
        o['font_name'] = unescape(f[4])
    if f[5]:
        o['font_size'] = number(f[5])
    if f[6] == '1':
        o['bold'] = True
    if f[7] == '1':
        o['italic'] = True
    if f[8] != '0':
        o['border'] = int(f[8])
    if f[9]:
        o['bg_color'] = '#' + f[9]
    if f[10]:
        o['align'] = HALIGN.get(f[10], f[10])
    if f[11]:
        o['valign'] = VALIGN.get(f[11], f[11])
    if f[12] == '1':
        o['text_wrap'] = True
    return wb.add_format(o)


class NoWriter:
    """--parse-only: the workbook and worksheet calls of cells(), doing nothing."""

    def __init__(self, *args):
        pass

    def add_worksheet(self, name):
        return self

    def add_format(self, options=None):
        return None

    def write_string(self, *args):
        return 0

    write_number = write_blank = write_formula = write_string

    def close(self):
        pass


def cells(tsv, out, constant_memory, writer=xlsxwriter.Workbook):
    """Every cell listed by xlsx_cells.py in TSV, with the same write calls as
    bench_xlsx_raw --cells."""
    wb = writer(out, {'constant_memory': constant_memory})
    sheets = [None]
    fmts = []
    bad = 0
    with open(tsv, encoding='utf-8', newline='\n') as f:
        for no, line in enumerate(f, 1):
            x = line.rstrip('\n').split('\t')
            if x[0][0] != '#' and len(x) in (6, 7):
                ws = sheets[int(x[0])]
                fmt = fmts[int(x[4])]
                t = x[3]
                if t == 's':
                    e = ws.write_string(int(x[1]), int(x[2]), unescape(x[5]), fmt)
                elif t == 'n':
                    e = ws.write_number(int(x[1]), int(x[2]), float(x[5]), fmt)
                elif t == 'b':
                    e = ws.write_blank(int(x[1]), int(x[2]), None, fmt)
                elif t == 'f' and len(x) == 7:
                    e = ws.write_formula(int(x[1]), int(x[2]), unescape(x[6]), fmt,
                                         number(x[5]) if x[5] else 0)
                else:
                    raise SystemExit('bench_export.py: %s line %d: not a cell' % (tsv, no))
                if e:
                    bad += 1
            elif x[0] == '#sheet' and len(x) == 3 and int(x[1]) == len(sheets):
                sheets.append(wb.add_worksheet(unescape(x[2])))
            elif x[0] == '#styles' and len(x) == 2:
                fmts = [None] * int(x[1])
            elif x[0] == '#style' and len(x) == 13:
                fmts[int(x[1])] = style(wb, x)
            else:
                raise SystemExit('bench_export.py: %s line %d: not a line of xlsx_cells.py'
                                 % (tsv, no))
    wb.close()
    if bad:
        raise SystemExit('bench_export.py: %d cells of %s were refused' % (bad, tsv))


def main():
    ap = argparse.ArgumentParser(
        description='Python XlsxWriter baseline of the export.',
        usage='%(prog)s [--in-memory | --parse-only] [--zlevel 1-9] (N | --cells CELLS.tsv) OUT.xlsx')
    ap.add_argument('--cells', metavar='CELLS.tsv', help='write the cells of xlsx_cells.py')
    ap.add_argument('--parse-only', action='store_true',
                    help='read and parse CELLS.tsv, write nothing (with --cells)')
    ap.add_argument('--in-memory', action='store_true',
                    help="XlsxWriter's default mode instead of constant_memory")
    ap.add_argument('args', nargs='+', metavar='[N] OUT.xlsx')
    ap.add_argument('--zlevel', type=int, choices=range(1, 10), metavar='1-9',
                    help="deflate level of the zip (default: zlib's, 6)")
    a = ap.parse_args()
    if a.zlevel:
        xlsxwriter.workbook.ZipFile = functools.partial(zipfile.ZipFile,
                                                        compresslevel=a.zlevel)
    if a.cells and len(a.args) == 1:
        cells(a.cells, a.args[0], not a.in_memory,
              NoWriter if a.parse_only else xlsxwriter.Workbook)
    elif not a.cells and len(a.args) == 2:
        synthetic(int(a.args[0]), a.args[1], not a.in_memory)
    else:
        ap.error('give N OUT.xlsx, or --cells CELLS.tsv OUT.xlsx')


if __name__ == '__main__':
    main()
