#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# `motcua export` end to end on a real SQLite database filled by `motcua demo`:
# for every period kind the workbook read back with openpyxl must show the
# numbers of `motcua report --period P --json` (rows, totals, rates,
# satisfaction, online share, apology share), one register row per dossier
# received in the period, and the refusals (bad period, unwritable path,
# closed period without data) must leave no file behind; the workbook is
# never readable by others, whatever the umask.
#
# usage: /usr/bin/python3 check_cli_export.py PATH/TO/motcua
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

MOTCUA = sys.argv[1]
TMP = tempfile.mkdtemp(prefix='motcua-export-cli-')
DB = os.path.join(TMP, 'motcua.db')
NOW = '2025-07-20 09:00'
failures = []
KEYS = ['received_total', 'received_online', 'received_direct_postal', 'carried_over',
        'resolved_total', 'resolved_early', 'resolved_on_time', 'resolved_late',
        'pending_total', 'pending_within', 'pending_overdue']


def check(cond, msg):
    if not cond:
        failures.append(msg)
    return cond


def mc(*args, json_out=False, config=None):
    env = dict(os.environ, HOME=TMP, XDG_CONFIG_HOME=os.path.join(TMP, 'cfg'),
               XDG_DATA_HOME=os.path.join(TMP, 'data'), LC_ALL='C.UTF-8')
    env.pop('MOTCUA_NOW', None)
    cmd = [MOTCUA, '--db', DB, '--now', NOW] + (['--config', config] if config else []) + \
        (['--json'] if json_out else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def pct(x):
    return None if x is None else round(x * 100, 1)


def check_period(period):
    out = os.path.join(TMP, period.replace('/', '_').replace('.', '_') + '.xlsx')
    rep = mc('report', '--period', period, json_out=True)
    if not check(rep.returncode == 0, f'{period}: report failed: {rep.stderr}'):
        return
    r = json.loads(rep.stdout)
    p = mc('export', '--period', period, '-o', out)
    if not check(p.returncode == 0 and os.path.exists(out), f'{period}: export failed: {p.stderr}'):
        return
    wb = openpyxl.load_workbook(out, data_only=True)
    ws = wb.worksheets[0]
    num_row = next((i for i in range(1, 30) if ws.cell(i, 1).value == '(1)'), None)
    if not check(num_row, f'{period}: no table header'):
        return
    for i, row in enumerate(r['rows']):
        x = num_row + 1 + i
        check(ws.cell(x, 2).value == row['field'], f'{period} row {i}: field {ws.cell(x, 2).value!r} != {row["field"]!r}')
        for k, key in enumerate(KEYS):
            check(ws.cell(x, 3 + k).value == row[key], f'{period} {row["field"]} {key}: {ws.cell(x, 3 + k).value} != {row[key]}')
    t = num_row + 1 + len(r['rows'])
    for k, key in enumerate(KEYS):
        check(ws.cell(t, 3 + k).value == r['total'][key], f'{period} total {key}: {ws.cell(t, 3 + k).value} != {r["total"][key]}')
    # Rates A, B, C: the three rows after the total whose column C is a rate.
    got = {}
    for x in range(t + 1, t + 15):
        label = ws.cell(x, 1).value
        if isinstance(label, str) and label[-2:] in (' A', ' B', ' C'):
            v = ws.cell(x, 3).value
            got[label[-1]] = None if isinstance(v, str) else pct(v)
    check(got == {k: r['rates'][k] for k in 'ABC'}, f'{period}: rates {got} != {r["rates"]}')
    # PAR inputs sheet: A, B, C, apology, online, satisfaction in rows 5..10.
    par = wb.worksheets[3]
    want = [r['rates']['A'], r['rates']['B'], r['rates']['C'], r['late_with_apology'],
            r['online_share'], r['satisfaction']]
    for i, w in enumerate(want):
        v = par.cell(5 + i, 2).value
        check((None if isinstance(v, str) else pct(v)) == w, f'{period}: PAR row {5 + i}: {v!r} != {w}')
    # One register row per dossier received in the period, in register order.
    reg = wb.worksheets[1]
    received = r['total']['received_online'] + r['total']['received_direct_postal']
    n = reg.max_row - 4 if reg.max_row > 4 else 0
    check(n == received, f'{period}: register has {n} rows, {received} dossiers received')
    nos = [reg.cell(x, 1).value for x in range(5, 5 + n)]
    check(all(isinstance(v, int) for v in nos), f'{period}: register numbers not numbers')
    for x in range(5, min(5 + n, 60)):
        code = reg.cell(x, 2).value
        check(isinstance(code, str) and code.startswith('000.'), f'{period}: code {code!r}')
        phone = reg.cell(x, 9).value
        check(phone is None or (isinstance(phone, str) and phone.startswith('0')), f'{period}: phone {phone!r}')
        idn = reg.cell(x, 7).value
        check(idn is None or '*' in idn, f'{period}: ID {idn!r} not masked')
        check(reg.cell(x, 12).is_date, f'{period}: received is not a date')
    return r


def main():
    p = mc('init')
    check(p.returncode == 0, f'init: {p.stderr}')
    p = mc('demo', '--dossiers', '2500', '--seed', '7')
    if not check(p.returncode == 0, f'demo: {p.stderr}'):
        return finish()
    for period in ('2025-06', '2025-06/official', '2025-Q2', '2025-H1', '2025-9M', '2025',
                   '2025-06-01..2025-06-10'):
        check_period(period)
    # Personal data: the workbook is for owner and group only whatever the
    # umask (the database's policy: group as the umask allows, others never).
    for mask, want in ((0o000, '660'), (0o022, '640'), (0o077, '600')):
        out = os.path.join(TMP, f'mode-{mask:03o}.xlsx')
        old = os.umask(mask)
        try:
            p = mc('export', '--period', '2025-06', '-o', out)
        finally:
            os.umask(old)
        if check(p.returncode == 0, f'export under umask {mask:03o}: {p.stderr}'):
            mode = subprocess.run(['stat', '-c', '%a', out], capture_output=True, text=True).stdout.strip()
            check(mode == want, f'umask {mask:03o}: workbook mode {mode}, want {want}')
    # [export] compression reaches the zip container (src/export/zlevel.c):
    # level 9 must give a smaller file than level 1, with the same cells.
    sizes, values = {}, {}
    for level in (1, 9):
        conf = os.path.join(TMP, f'z{level}.ini')
        with open(conf, 'w') as f:
            f.write(f'[export]\ncompression = {level}\n')
        out = os.path.join(TMP, f'z{level}.xlsx')
        p = mc('export', '--period', '2025', '-o', out, config=conf)
        if check(p.returncode == 0, f'export at compression {level}: {p.stderr}'):
            sizes[level] = os.path.getsize(out)
            wb = openpyxl.load_workbook(out, read_only=True)
            values[level] = [[c for c in row] for ws in wb.worksheets
                             for row in ws.iter_rows(values_only=True)]
            wb.close()
    if len(sizes) == 2:
        check(sizes[9] < sizes[1] * 0.95,
              f'compression 9 ({sizes[9]} bytes) is not smaller than 1 ({sizes[1]} bytes)')
        check(values[1] == values[9], 'the cells differ between compression 1 and 9')
    # Refusals leave nothing behind.
    bad = os.path.join(TMP, 'bad.xlsx')
    p = mc('export', '--period', '2025-13', '-o', bad)
    check(p.returncode != 0 and p.stderr.strip() and not os.path.exists(bad), f'bad period accepted: {p.returncode}')
    p = mc('export', '--period', '2019-05', '-o', bad)
    check(p.returncode != 0 and p.stderr.strip() and not os.path.exists(bad), f'empty closed period accepted: {p.returncode}')
    p = mc('export', '--period', '2025-06', '-o', os.path.join(TMP, 'missing', 'x.xlsx'))
    check(p.returncode != 0 and p.stderr.strip(), 'unwritable path accepted')
    p = mc('export', '--period', '2025-06')
    check(p.returncode != 0, 'export without -o accepted')
    check(not [f for f in os.listdir(TMP) if f.startswith('.')], f'temporary files left: {os.listdir(TMP)}')
    return finish()


def finish():
    for f in failures[:60]:
        print('FAIL:', f)
    print(f'{len(failures)} failure(s)')
    if not failures:
        shutil.rmtree(TMP, ignore_errors=True)
    else:
        print('files kept in', TMP)
    return 1 if failures else 0


sys.exit(main())
