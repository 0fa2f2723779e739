#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Baseline for bench_export.c: Python XlsxWriter (Debian python3-xlsxwriter,
# run with /usr/bin/python3) writing the same cells as motcua's workbook of
# N dossiers, in constant_memory mode. usage: bench_export.py N OUT.xlsx
import sys

import xlsxwriter

N = int(sys.argv[1])
OUT = sys.argv[2]
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


wb = xlsxwriter.Workbook(OUT, {'constant_memory': True})
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
        table.write_number(r + 10, c, N // 20, fmt['num'])

base = base_minutes()


def rows(sheet, n, overdue):
    sheet.write_string(0, 0, 'DOSSIER REGISTER', fmt['hdr'])
    for c in range(16 if overdue else 18):
        sheet.write_string(3, c, 'Column %d' % c, fmt['hdr'])
    for i in range(n):
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
    sheet.autofilter(3, 0, 3 + n, 15 if overdue else 17)
    sheet.freeze_panes(4, 2)


rows(wb.add_worksheet('Register'), N, False)
rows(wb.add_worksheet('Overdue'), N // 20, True)
wb.close()
