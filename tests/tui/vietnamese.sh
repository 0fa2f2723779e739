#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The interface in Vietnamese (language = vi): the bar and the screens speak
# Vietnamese with diacritics, and the reports screen's rates stay in one
# column although the Vietnamese labels are longer and multibyte ("Tỷ lệ hồ
# sơ trực tuyến" is 22 columns, 32 bytes): every value starts in the same
# column as the first one's.
TUI_LANG=vi
. "$(dirname "$0")/lib.sh"
setup_db
mc demo --dossiers 300 --seed 3 >/dev/null || fail "demo data failed"
start_tui
wait_for "F2Nhận mới" || fail "the function-key bar is not in Vietnamese"
keys F6
wait_for "Tỷ lệ A" || fail "the reports screen did not open in Vietnamese"
wait_for "Mức độ hài lòng" || fail "no satisfaction line"
screen >"$T/screen"
/usr/bin/python3 - "$T/screen" <<'EOP' || fail "the rates are not in one column"
import re, sys
labels = ['Tỷ lệ A', 'Tỷ lệ B', 'Tỷ lệ C', 'Mức độ hài lòng', 'Tỷ lệ hồ sơ trực tuyến', 'Xin lỗi']
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
cols = {}
for lab in labels:
    line = next((l for l in lines if l.startswith(' ' + lab + ' ')), None)
    if line is None:
        sys.exit('no line for %s' % lab)
    m = re.search(r'\S', line[1 + len(lab):])  # the value after the label's padding
    cols[lab] = 1 + len(lab) + m.start()
if len(set(cols.values())) != 1:
    sys.exit('values start at different columns: %s' % cols)
EOP
keys F10
wait_for "[exited 0]" || fail "did not exit cleanly"
echo "tui vietnamese: ok"
