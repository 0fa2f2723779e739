#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The interface in Vietnamese (language = vi): the bar and the screens speak
# Vietnamese with diacritics, and labelled values stay in one column although
# the Vietnamese labels are longer and multibyte ("Mức độ hài lòng" is
# 15 columns, 22 bytes): on the reports screen's rates, the dossier detail and
# the settings page every value starts in the same column as the first one's.
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
labels = ['Tỷ lệ A', 'Tỷ lệ B', 'Tỷ lệ C', 'Mức độ hài lòng', 'Trực tuyến', 'Xin lỗi']
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
# The same on the dossier detail (labels up to "Ngày, tháng, năm nhận hồ sơ",
# 27 columns) and the settings page; the timeline names its events in Vietnamese.
keys F4
wait_for "Hồ sơ đang giải quyết" || fail "the list did not open in Vietnamese"
keys Enter
wait_for "Số vào sổ" || fail "the detail did not open"
screen >"$T/detail"
keys End # the timeline is at the bottom, below the due-date trail
wait_for "đã tiếp nhận" || fail "the timeline does not name the intake in Vietnamese"
keys F8
wait_for "Cấu hình" || fail "no administration screen"
keys Tab # units: their kind in Vietnamese, not the stored word
wait_for "phòng, ban" || fail "the units' kinds are not in Vietnamese"
screen | grep -q "department\|leadership" && fail "a unit's kind is shown as stored (department)"
keys Tab Tab
wait_for "Mức nén tệp Excel" || fail "the settings page does not show the Excel compression"
screen >"$T/settings"
/usr/bin/python3 - "$T/detail" "Số vào sổ" "Ngày, tháng, năm nhận hồ sơ" "Hạn trả kết quả" \
	-- "$T/settings" "Cơ quan" "Yêu cầu bổ sung trong (ngày)" "Mức nén tệp Excel (1-9)" <<'EOP' ||
import sys
args = sys.argv[1:]
while args:
    path, labels = args[0], []
    args = args[1:]
    while args and args[0] != '--':
        labels.append(args.pop(0))
    args = args[1:]
    lines = open(path, encoding='utf-8').read().splitlines()
    cols = {}
    for lab in labels:
        line = next((l for l in lines if l.startswith(' ' + lab + ' ')), None)
        if line is None:
            sys.exit('%s: no line for %s' % (path, lab))
        rest = line[1 + len(lab):]
        cols[lab] = 1 + len(lab) + len(rest) - len(rest.lstrip(' '))
    if len(set(cols.values())) != 1:
        sys.exit('%s: values start at different columns: %s' % (path, cols))
EOP
	fail "the detail or settings values are not in one column"
# At 80 columns the function-key bar keeps every Vietnamese label whole: the
# keys lose their "F" ("5Quá hạn", as Midnight Commander writes them) rather
# than the labels their ends ("F1Trợ gi…"); the dashboard's counters keep
# their labels too. At 120 columns (above) the keys are "F2" and so on.
tmx resize-window -t t -x 80 -y 24
keys F9
wait_for "Đến hạn trong 1 ngày làm việc" || fail "a dashboard label is cut at 80 columns"
for label in "1Trợ giúp" "2Nhận mới" "3Tìm" "4Hồ sơ" "5Quá hạn" "6Báo cáo" "7PAR" "8Quản trị" \
	"9Tổng quan" "10Thoát"; do
	screen | tail -1 | grep -qF "$label" || fail "the bar at 80 columns lacks $label whole"
done
screen | tail -1 | grep -qF "…" && fail "the bar at 80 columns cuts a label"
# The dashboard's apology list at 80 columns: codes by their end and moments
# without the year, so that the applicants' names get the room.
t='[0-3][0-9]/[01][0-9] [0-2][0-9]:[0-5][0-9]'
screen | grep -q "^  …[0-9]\{6\}-[0-9]\{4\}  [^ ].* $t $t *\$" ||
	fail "the dashboard's apology list is not laid out for 80 columns"
# The help at 80 columns: a long description continues under itself.
keys F1
wait_for "Các phím dùng ở mọi màn hình" || fail "no help screen"
screen | grep -q "^ \{16\}gửi *$" || fail "the help cuts F5's description at 80 columns"
keys Escape
wait_for "Đến hạn trong 1 ngày làm việc" || fail "the help did not go back to the dashboard"
# The dossier list at 80 columns: the code shows its end, the name gets the room.
keys F4
wait_for "theo hạn trả ·" || fail "the list did not open at 80 columns"
screen | grep -q "^Mã hồ sơ  *Tên cá nhân, tổ" || fail "the applicant column is too narrow at 80 columns"
screen | grep -q "^…[0-9]\{6\}-[0-9]\{4\} " || fail "the codes do not show their end at 80 columns"
# The dossier detail at 80 columns: long values and the due-date trail wrap
# under themselves instead of ending in "…".
keys Enter
wait_for "Số vào sổ" || fail "the detail did not open at 80 columns"
screen | sed -n '2,21p' | grep -F "…" && fail "the detail cuts a line at 80 columns"
screen | grep -q "^w rút HS  p in" || fail "the detail's last keys (p: print) are not offered at 80 columns"
keys F4
wait_for "theo hạn trả ·" || fail "the list did not come back"
# The overdue screen at 80 columns: the apology deadline stays whole (the
# moments drop their year, the codes show their end).
keys F5
wait_for "Cần xin lỗi" || fail "the overdue screen did not open in Vietnamese"
wait_for "CHƯA GỬI, hạn" || fail "no apology to send in the demo data"
screen | grep -q "^…[0-9]\{6\}-[0-9]\{4\} .*CHƯA GỬI, hạn [0-3][0-9]/[01][0-9] [0-2][0-9]:[0-5][0-9] *$" ||
	fail "the apology deadline is cut at 80 columns"
# The reports at 80 columns: every rate's definition is whole (rate C's on
# two lines).
keys F6
wait_for "Tỷ lệ A" || fail "the reports screen did not open at 80 columns"
screen | grep -q "^ *quyết + đang giải quyết)" || fail "rate C's definition is cut at 80 columns"
screen | grep -q "đã giải quyết có đánh giá *$" || fail "the satisfaction's definition is cut at 80 columns"
# A message longer than the line (the export's, with its path) takes two
# lines instead of ending in "…".
keys e
wait_for "Xuất số liệu" || fail "no export dialog"
keys Enter
wait_for "hồ sơ trong sổ theo dõi)." || fail "the export's message is cut at 80 columns"
# The intake at 80 columns: while the checklist has the focus it spans the
# whole width, so each document's name is read whole.
keys F2
type_text "ly lich"
wait_for "2.000488" || fail "the intake's pick list did not find 2.000488"
keys Enter Tab Tab Tab Tab Tab Tab Tab Tab
wait_for "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp " ||
	fail "the checklist cuts the documents' names at 80 columns"
keys Escape F10
wait_for "[exited 0]" || fail "did not exit cleanly"
echo "tui vietnamese: ok"
