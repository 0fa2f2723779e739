#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Reads the workbooks written by xlsx_fixture back with real readers
# (openpyxl from Debian, and LibreOffice headless with the UTF-8 CSV filter
# when it is installed) and compares every cell with what the fixture fed the
# writer (its EXPECTED.json). Also checks the refusals leave no file behind.
#
# usage: /usr/bin/python3 check_xlsx.py PATH/TO/xlsx_fixture
import csv
import datetime
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

FIXTURE = sys.argv[1]
failures = []
TMP = tempfile.mkdtemp(prefix='motcua-xlsx-')


def check(cond, msg):
    if not cond:
        failures.append(msg)
    return cond


def run(scenario, out, rows=200, seed=42):
    exp = os.path.join(TMP, scenario + '.json')
    p = subprocess.run([FIXTURE, scenario, out, exp, str(rows), str(seed)],
                       capture_output=True, text=True)
    with open(exp, encoding='utf-8') as f:
        data = json.load(f)
    return p, data


def dt(s):
    return datetime.datetime.strptime(s, '%Y-%m-%d %H:%M') if s else None


def mask(s):
    n = len(s)
    head = 4 if n >= 8 else 0
    tail = 3 if n >= 8 else (2 if n > 2 else 0)
    return ''.join(c if i < head or i >= n - tail else '*' for i, c in enumerate(s))


def leftovers(directory):
    return [p for p in os.listdir(directory) if p.startswith('.')]


COUNT_KEYS = ['received_total', 'received_online', 'received_direct_postal', 'carried_over',
              'resolved_total', 'resolved_early', 'resolved_on_time', 'resolved_late',
              'pending_total', 'pending_within', 'pending_overdue']


def is_int(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer()


def check_table(ws, wsf, exp):
    # The numbering row "(1) (2) ..." closes the header.
    num_row = next((r for r in range(1, 30) if ws.cell(r, 1).value == '(1)'), None)
    if not check(num_row, 'sheet 1: no column-number row "(1)"'):
        return
    h = num_row - 2
    merged = {str(m) for m in ws.merged_cells.ranges}
    for rng in (f'C{h}:F{h}', f'G{h}:J{h}', f'K{h}:M{h}', f'A{h}:A{h+1}', f'B{h}:B{h+1}'):
        check(rng in merged, f'sheet 1: header merge {rng} missing (have {sorted(merged)})')
    for c in range(1, 14):
        top = ws.cell(h, c).value
        sub = ws.cell(h + 1, c).value
        check(isinstance(top, str) or isinstance(sub, str), f'sheet 1: header column {c} empty')
        if isinstance(top, str):
            check(ws.cell(h, c).font.b, f'sheet 1: header column {c} not bold')
        if isinstance(sub, str):
            check(ws.cell(h + 1, c).font.b, f'sheet 1: sub-header column {c} not bold')
    for c in range(3, 14):
        check(isinstance(ws.cell(h + 1, c).value, str), f'sheet 1: sub-header column {c} empty')
    first = num_row + 1
    rows = exp['rows']
    for i, row in enumerate(rows):
        r = first + i
        check(ws.cell(r, 1).value == i + 1, f'sheet 1 row {r}: STT {ws.cell(r, 1).value!r}')
        check(ws.cell(r, 2).value == row['field'], f'sheet 1 row {r}: field {ws.cell(r, 2).value!r} != {row["field"]!r}')
        for k, key in enumerate(COUNT_KEYS):
            v = ws.cell(r, 3 + k).value
            check(is_int(v) and v == row['counts'][key], f'sheet 1 row {r} {key}: {v!r} != {row["counts"][key]}')
    t = first + len(rows)
    check(isinstance(ws.cell(t, 2).value, str) and ws.cell(t, 2).font.b, 'sheet 1: total row label')
    for k, key in enumerate(COUNT_KEYS):
        v = ws.cell(t, 3 + k).value
        s = sum(row['counts'][key] for row in rows)
        check(v == exp['total'][key] and v == s, f'sheet 1 total {key}: cached {v!r}, JSON {exp["total"][key]}, sum {s}')
        f = wsf.cell(t, 3 + k).value
        check(isinstance(f, str) and f.startswith('=SUM('), f'sheet 1 total {key}: no formula ({f!r})')
    # Title block: agency, period, made at / by.
    texts = [ws.cell(r, c).value for r in range(1, h) for c in range(1, 14)]
    strs = [x for x in texts if isinstance(x, str)]
    check(any(exp['agency'] in x for x in strs), 'sheet 1: agency missing from the title block')
    check(any('15/05/2025' in x and '14/06/2025' in x for x in strs), 'sheet 1: period "15/05/2025 ... 14/06/2025" missing')
    check(exp['made_by'] in strs, 'sheet 1: made_by missing')
    check(dt(exp['made_at']) in texts, f'sheet 1: made-at date missing ({texts})')
    # Reconciliation in numbers.
    tot = exp['total']
    line = f"{tot['carried_over']} + {tot['received_online'] + tot['received_direct_postal']} = " \
           f"{tot['resolved_total']} + {tot['pending_total']} + {tot['stopped_withdrawn']}"
    below = [ws.cell(r, 1).value for r in range(t + 1, t + 15)]
    check(any(isinstance(x, str) and line in x for x in below), f'sheet 1: reconciliation "{line}" missing: {below}')
    # Rates A, B, C with numerator and denominator, in this order.
    found = []
    for r in range(t + 1, t + 20):
        for key in 'ABC':
            x = exp[key]
            if ws.cell(r, 4).value == x['num'] and ws.cell(r, 5).value == x['den'] and \
                    isinstance(ws.cell(r, 3).value, float) and \
                    abs(ws.cell(r, 3).value - x['percent'] / 100) < 1e-9 and \
                    isinstance(ws.cell(r, 6).value, str) and len(ws.cell(r, 6).value) > 20:
                found.append(key)
                check(ws.cell(r, 3).number_format == '0.0%', f'sheet 1: rate {key} format {ws.cell(r, 3).number_format}')
    check(found == ['A', 'B', 'C'], f'sheet 1: rates with definitions found {found}')
    # Ready to use.
    check(ws.freeze_panes == f'C{first}', f'sheet 1: freeze panes {ws.freeze_panes}')
    check(ws.auto_filter.ref == f'A{num_row}:M{t - 1}', f'sheet 1: autofilter {ws.auto_filter.ref}')
    check(ws.print_title_rows.replace('$', '') == f'{h}:{num_row}', f'sheet 1: repeated rows {ws.print_title_rows}')
    check(ws.column_dimensions['B'].width >= 20, 'sheet 1: column B too narrow')


def check_print(ws, name):
    ps = ws.page_setup
    check(ps.orientation == 'landscape', f'{name}: orientation {ps.orientation}')
    check(str(ps.paperSize) == '9', f'{name}: paper {ps.paperSize} is not A4')
    check(ws.sheet_properties.pageSetUpPr.fitToPage, f'{name}: not fit to page')
    # fitToWidth="1" is the default and may be left out of the file.
    check(str(ps.fitToWidth) in ('1', 'None') and str(ps.fitToHeight) == '0', f'{name}: fit {ps.fitToWidth}x{ps.fitToHeight}')
    foot = ws.oddFooter.center.text or ''
    check('&P' in foot and '&N' in foot, f'{name}: footer {foot!r} has no page numbers')


def check_list_sheet(ws, wsf, name, ncols, nexp):
    hdr = 4
    check(all(isinstance(ws.cell(hdr, c).value, str) and ws.cell(hdr, c).font.b for c in range(1, ncols + 1)),
          f'{name}: header row not complete and bold')
    check(ws.freeze_panes == f'C{hdr + 1}', f'{name}: freeze {ws.freeze_panes}')
    last_col = openpyxl.utils.get_column_letter(ncols)
    check(ws.auto_filter.ref == f'A{hdr}:{last_col}{max(hdr + nexp, hdr + 1)}', f'{name}: autofilter {ws.auto_filter.ref}')
    check(ws.print_title_rows.replace('$', '') == f'{hdr}:{hdr}', f'{name}: repeated rows {ws.print_title_rows}')
    check(ws.max_row == hdr + nexp or (nexp == 0 and ws.max_row <= hdr + 1),
          f'{name}: {ws.max_row - hdr} rows, expected {nexp}')
    for c in range(1, ncols + 1):
        w = ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
        check(w and 5 <= w <= 50, f'{name}: column {c} width {w}')
    check_print(ws, name)
    return hdr


def check_time(cell, want, where):
    if want is None:
        check(cell.value is None, f'{where}: {cell.value!r} should be blank')
        return
    check(cell.value == dt(want), f'{where}: {cell.value!r} != {want}')
    check(cell.number_format == 'dd/mm/yyyy hh:mm', f'{where}: format {cell.number_format}')


def check_register(ws, wsf, exp):
    rows = exp['register']
    hdr = check_list_sheet(ws, wsf, 'register', 18, len(rows))
    for i, d in enumerate(rows):
        r = hdr + 1 + i
        c = lambda k: ws.cell(r, k)
        w = f'register row {r}'
        check(c(1).value == d['register_no'], f'{w}: no {c(1).value!r}')
        check(c(2).value == d['code'] and c(2).data_type == 's', f'{w}: code {c(2).value!r}')
        check(c(3).value == d['procedure'], f'{w}: procedure')
        check(c(4).value == d['field'], f'{w}: field')
        check(is_int(c(5).value) and c(5).value == d['sets'], f'{w}: sets {c(5).value!r}')
        check(c(6).value == d['applicant'] and c(6).data_type == 's', f'{w}: applicant {c(6).value!r} != {d["applicant"]!r}')
        fcell = wsf.cell(r, 6)
        check(fcell.data_type == 's', f'{w}: applicant stored as {fcell.data_type}, not text')
        want_id = None if d['id'] is None else (mask(d['id']) if exp['mask_ids'] else d['id'])
        check(c(7).value == want_id, f'{w}: id {c(7).value!r} != {want_id!r}')
        check(c(8).value == d['address'], f'{w}: address {c(8).value!r}')
        check(c(9).value == d['phone'] and c(9).value.startswith('0'), f'{w}: phone {c(9).value!r}')
        check(c(10).value == d['channel'], f'{w}: channel')
        check(c(11).value == d['unit'], f'{w}: lead unit')
        for col, key in ((12, 'received'), (13, 'due'), (14, 'sent'), (15, 'back'), (16, 'returned')):
            check_time(c(col), d[key], f'{w} {key}')
        check(c(17).value == d['status'], f'{w}: status')
        check(c(18).value == d['note'], f'{w}: note {c(18).value!r} != {d["note"]!r}')
    if rows and exp['mask_ids']:
        check(ws.cell(hdr + 1, 7).value == '0790*****123', f'register: first ID masked as {ws.cell(hdr + 1, 7).value!r}')
    code_w = ws.column_dimensions['B'].width
    check(not rows or code_w >= len(rows[0]['code']), f'register: code column width {code_w}')


def check_overdue(ws, wsf, exp):
    rows = exp['overdue']
    hdr = check_list_sheet(ws, wsf, 'overdue', 16, len(rows))
    labels = set()
    for i, d in enumerate(rows):
        r = hdr + 1 + i
        c = lambda k: ws.cell(r, k)
        w = f'overdue row {r}'
        check(c(1).value == i + 1, f'{w}: STT')
        check(c(2).value == d['code'], f'{w}: code')
        check(c(5).value == d['applicant'], f'{w}: applicant')
        check(c(6).value == d['phone'], f'{w}: phone')
        check(c(7).value == d['unit'], f'{w}: unit')
        check_time(c(8), d['received'], f'{w} received')
        if d['original_due']:
            check_time(c(9), d['original_due'], f'{w} original due')
            check_time(c(10), d['due'], f'{w} new due')
        else:
            check_time(c(9), d['due'], f'{w} due')
            check_time(c(10), None, f'{w} new due')
        check(is_int(c(12).value) and c(12).value == d['days_late'], f'{w}: days late {c(12).value!r}')
        check_time(c(13), d['apology_deadline'], f'{w} apology deadline')
        labels.add((d['overdue'], c(11).value))
        labels.add((('apology', d['apology']), c(14).value))
        check_time(c(15), d['apology_at'] if d['apology'] else None, f'{w} apology at')
        check(c(16).value == d['reason'], f'{w}: reason {c(16).value!r}')
    # Each state has one label and different states different labels.
    for kind in ((True, False), (('apology', True), ('apology', False))):
        a = {v for k, v in labels if k == kind[0]}
        b = {v for k, v in labels if k == kind[1]}
        if a and b:
            check(len(a) == 1 and len(b) == 1 and a != b, f'overdue: labels {a} / {b}')


def check_par(ws, exp):
    want = [exp[k] for k in ('A', 'B', 'C', 'late_with_apology', 'online_share', 'satisfaction')]
    for i, x in enumerate(want):
        r = 5 + i
        v = ws.cell(r, 2).value
        if x['valid']:
            check(isinstance(v, float) and abs(v - x['percent'] / 100) < 1e-9, f'PAR row {r}: {v!r} != {x["percent"]}%')
            check(ws.cell(r, 2).number_format == '0.0%', f'PAR row {r}: format')
        else:
            check(isinstance(v, str), f'PAR row {r}: {v!r} should be a dash (denominator 0)')
        check(ws.cell(r, 3).value == x['num'] and ws.cell(r, 4).value == x['den'], f'PAR row {r}: num/den')
    check(ws.cell(11, 2).value == exp['total']['resolved_late'], 'PAR: resolved late count')
    check(ws.cell(12, 2).value == exp['total']['pending_overdue'], 'PAR: pending overdue count')
    check_print(ws, 'PAR')


def check_chart(path, ws, exp):
    rows = exp['rows']
    for i, row in enumerate(rows):
        r = 5 + i
        check(ws.cell(r, 1).value == row['field'], f'chart data row {r}: field')
        res = row['counts']['resolved_total']
        good = row['counts']['resolved_early'] + row['counts']['resolved_on_time']
        check(ws.cell(r, 2).value == res and ws.cell(r, 3).value == good, f'chart data row {r}: counts')
        if res:
            check(abs(ws.cell(r, 4).value - good / res) < 1e-12, f'chart data row {r}: rate')
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        check('xl/charts/chart1.xml' in names, f'no chart part in {names}')
        if 'xl/charts/chart1.xml' in names:
            xml = z.read('xl/charts/chart1.xml').decode('utf-8')
            ref = f"$D$5:$D${4 + len(rows)}"
            check(ref in xml and ws.title in xml, f'chart does not reference {ws.title}!{ref}')


def check_basic(scenario):
    out = os.path.join(TMP, scenario + '.xlsx')
    p, exp = run(scenario, out, rows=300, seed=7)
    if not check(p.returncode == 0, f'{scenario}: fixture failed: {p.stderr}'):
        return None
    check(not leftovers(TMP), f'{scenario}: temporary files left: {leftovers(TMP)}')
    wb = openpyxl.load_workbook(out, data_only=True)
    wbf = openpyxl.load_workbook(out)
    check(len(wb.sheetnames) == 5, f'{scenario}: sheets {wb.sheetnames}')
    if len(wb.sheetnames) != 5:
        return None
    check_table(wb.worksheets[0], wbf.worksheets[0], exp)
    check_print(wb.worksheets[0], 'sheet 1')
    check_register(wb.worksheets[1], wbf.worksheets[1], exp)
    check_overdue(wb.worksheets[2], wbf.worksheets[2], exp)
    check_par(wb.worksheets[3], exp)
    check_chart(out, wb.worksheets[4], exp)
    return out, exp, wb.sheetnames


def check_refusals():
    # A closed period without data: refused, nothing written.
    out = os.path.join(TMP, 'empty-closed.xlsx')
    p, exp = run('empty-closed', out)
    check(p.returncode == 3 and p.stderr.strip(), f'empty closed period not refused: {p.returncode} {p.stderr}')
    check(not os.path.exists(out), 'empty closed period: a file was written')
    # An open period without data is a valid, empty workbook.
    out = os.path.join(TMP, 'empty-open.xlsx')
    p, exp = run('empty-open', out)
    if check(p.returncode == 0, f'empty open period: {p.stderr}'):
        wb = openpyxl.load_workbook(out)
        check(wb.worksheets[1].max_row <= 5, 'empty open period: register has rows')
    # The data source fails half way: no file, and an older file is left as it was.
    out = os.path.join(TMP, 'iter-fail.xlsx')
    with open(out, 'wb') as f:
        f.write(b'previous export')
    p, exp = run('iter-fail', out)
    check(p.returncode == 3 and 'database went away' in p.stderr, f'iterator failure not reported: {p.stderr}')
    with open(out, 'rb') as f:
        check(f.read() == b'previous export', 'iterator failure: the previous file was changed')
    os.unlink(out)
    # Unwritable places.
    for bad in (os.path.join(TMP, 'no-such-dir', 'x.xlsx'), TMP):
        p, exp = run('basic', bad, rows=5)
        check(p.returncode == 3 and p.stderr.strip(), f'unwritable {bad} accepted: {p.returncode}')
    check(not os.path.exists(os.path.join(TMP, 'no-such-dir')), 'a folder was created')
    if os.geteuid() != 0:
        ro = os.path.join(TMP, 'ro')
        os.mkdir(ro, 0o555)
        p, exp = run('basic', os.path.join(ro, 'x.xlsx'), rows=5)
        check(p.returncode == 3 and not os.listdir(ro), 'read-only folder accepted')
    check(not leftovers(TMP), f'temporary files left: {leftovers(TMP)}')


def check_libreoffice(path, exp, sheetnames):
    soffice = shutil.which('soffice')
    if not soffice:
        print('SKIP libreoffice: soffice not installed (apt-get install libreoffice-calc-nogui)')
        return
    outdir = os.path.join(TMP, 'csv')
    os.mkdir(outdir)
    profile = 'file://' + os.path.join(TMP, 'lo-profile')
    cmd = [soffice, f'-env:UserInstallation={profile}', '--headless', '--convert-to',
           'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
           '--outdir', outdir, path]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        check(False, 'libreoffice: conversion timed out')
        return
    files = sorted(glob.glob(os.path.join(outdir, '*.csv')))
    if not check(len(files) == 5, f'libreoffice: {len(files)} CSV files ({p.stderr.strip()})'):
        return
    base = os.path.splitext(os.path.basename(path))[0]

    def sheet(i):
        name = os.path.join(outdir, f'{base}-{sheetnames[i]}.csv')
        if not check(os.path.exists(name), f'libreoffice: {name} missing ({files})'):
            return []
        with open(name, encoding='utf-8', newline='') as f:
            return list(csv.reader(f))
    t = sheet(0)
    num_row = next((i for i, r in enumerate(t) if r and r[0] == '(1)'), None)
    if check(num_row is not None, 'libreoffice: table header not found'):
        total = t[num_row + 1 + len(exp['rows'])]
        for k, key in enumerate(COUNT_KEYS):
            check(total[2 + k].replace(',', '').replace('.', '') == str(exp['total'][key]),
                  f'libreoffice: total {key} {total[2 + k]!r} != {exp["total"][key]}')
        for i, row in enumerate(exp['rows']):
            check(t[num_row + 1 + i][1] == row['field'], f'libreoffice: field {t[num_row + 1 + i][1]!r}')
    reg = sheet(1)
    for i, d in enumerate(exp['register'][:50]):
        r = reg[4 + i]
        check(r[1] == d['code'], f'libreoffice register {i}: code {r[1]!r}')
        check(r[5] == d['applicant'], f'libreoffice register {i}: applicant {r[5]!r} != {d["applicant"]!r}')
        check(r[8] == d['phone'], f'libreoffice register {i}: phone {r[8]!r}')
        want = dt(d['received']).strftime('%d/%m/%Y %H:%M')
        check(r[11] == want, f'libreoffice register {i}: received shown as {r[11]!r}, not {want}')


def main():
    res = check_basic('basic')
    check_basic('nomask')
    check_refusals()
    if res:
        check_libreoffice(*res)
    for f in failures[:60]:
        print('FAIL:', f)
    print(f'{len(failures)} failure(s)')
    if not failures:
        shutil.rmtree(TMP, ignore_errors=True)
    else:
        print('files kept in', TMP)
    return 1 if failures else 0


sys.exit(main())
