#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Make the README screenshots (not a test): a small database with dossiers
# received over the past weeks (some overdue, some due soon, one needing an
# apology), the dashboard, the intake screen, the list and the PAR scorecard
# captured from tmux with
# colours and rendered to PNG by ansi2png.py.
# Usage: MOTCUA=build/motcua tests/tui/screenshots.sh [OUTDIR]
OUT=$(cd "${1:-$(dirname "$0")/../../assets/screenshots}" && pwd)
TUI_LANG=vi
. "$(dirname "$0")/lib.sh"
setup_db
i=0
for day in 2025-10-15 2025-10-20 2025-10-27 2025-10-29 2025-11-03 2025-11-05 2025-11-10 2025-11-11 2025-11-12; do
	for proc in 2.000488 1.008914 1.001665; do
		i=$((i + 1))
		"$MOTCUA" --config "$CONF" --db "$DB" --now "$day 0$((8 + i % 2)):1$((i % 6))" intake \
			--procedure $proc --name "$(sed -n "$((i % 9 + 1))p" <<NAMES
Nguyễn Văn An
Trần Thị Bích Ngọc
Lê Hoàng Phúc
Phạm Minh Châu
Hoàng Thị Thu Hà
Võ Đức Thắng
Đặng Quốc Bảo
Bùi Thị Mỹ Duyên
Công ty TNHH Xây dựng Đồng Nai
NAMES
)" --id "0791$(printf %08d $i)" --channel "$( [ $((i % 3)) = 0 ] && echo online || echo direct)" >/dev/null
	done
done
# Some results this month (early, on time and one late) so that the rate shows.
for c in 251103-0001 251103-0002 251103-0003 251105-0001 251105-0002; do
	"$MOTCUA" --config "$CONF" --db "$DB" --now "2025-11-11 10:00" finish "000.00.31.H29-$c" >/dev/null ||
		fail "finish $c failed"
done
"$MOTCUA" --config "$CONF" --db "$DB" --now "2025-11-11 10:30" finish 000.00.31.H29-251015-0001 >/dev/null ||
	fail "finish of the late dossier failed"
start_tui
wait_for "Tiếp nhận hôm nay" || fail "no dashboard"
tmx capture-pane -e -p -t t >"$T/dashboard.txt"
/usr/bin/python3 "$(dirname "$0")/ansi2png.py" "$T/dashboard.txt" "$OUT/dashboard.png"
keys F2
wait_for "Thời hạn trả kết quả" || fail "no intake"
type_text "ly lich"
wait_for "2.000488" || fail "no pick"
keys Enter
type_text "079100000004"
keys Enter
wait_for "(người nộp đã có)" || fail "not recalled"
keys Space
wait_for "[x]" || fail "no tick"
tmx capture-pane -e -p -t t >"$T/intake.txt"
/usr/bin/python3 "$(dirname "$0")/ansi2png.py" "$T/intake.txt" "$OUT/intake.png"
keys Escape F4
wait_for "Quá hạn" || fail "no list"
tmx capture-pane -e -p -t t >"$T/list.txt"
/usr/bin/python3 "$(dirname "$0")/ansi2png.py" "$T/list.txt" "$OUT/list.png"
# The PAR scorecard with one manual criterion entered.
"$MOTCUA" --config "$CONF" --db "$DB" --now "$NOW" par set publicity 1 --year 2025 \
	--note "Kết quả kiểm tra công khai TTHC" >/dev/null || fail "par set failed"
keys F7
wait_for "Tổng" || fail "no PAR screen"
tmx capture-pane -e -p -t t >"$T/par.txt"
/usr/bin/python3 "$(dirname "$0")/ansi2png.py" "$T/par.txt" "$OUT/par.png"
echo "screenshots in $OUT"
