#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Papers and numbers from the interface, by keystrokes, checked with the real
# readers: a receipt printed from the dossier detail (p) goes to the
# configured printer command and stays as a PDF whose text (pdftotext) shows
# the dossier code; an intake saved with F2 writes its receipt; an incomplete
# file (F3) writes the guidance slip (form 02); `l` on the reports prints
# the register of the period (form 07); the reports' export key
# writes a workbook that openpyxl opens, with the same total as
# `motcua report --json`; Enter on a number of the reports table lists
# exactly the dossiers behind it (count from the JSON) and opens one.
. "$(dirname "$0")/lib.sh"
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext is missing"; exit 77; }
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || { echo "openpyxl is missing"; exit 77; }
# A printer that keeps what it is sent.
mkdir -p "$T/printer"
cat >"$T/lp.sh" <<EOS
#!/bin/sh
cp "\$1" "$T/printer/"
EOS
chmod +x "$T/lp.sh"
printf '[print]\ncommand = %s\n' "$T/lp.sh" >>"$CONF"
LETTERS="$XDG_DATA_HOME/motcua/letters"
setup_db
mc demo --dossiers 300 --seed 2 >/dev/null || fail "demo data failed"
code=$(mc --json intake --procedure 2.000488 --name "Trần Thị Bình" --id 079123456789 |
	/usr/bin/python3 -c 'import sys,json;print(json.load(sys.stdin)["code"])') || fail "CLI intake failed"

start_tui
# ---- a receipt from the detail screen ----
keys F3
type_text "$code"
wait_for "$code" || fail "the search did not find $code"
keys Enter Enter
wait_for "Register no." || fail "the detail screen did not open"
keys p
wait_for "Print a form" || fail "no print dialog"
screen | grep -qF "(form 01)" || fail "the receipt is not the form offered first"
keys F2
wait_for "and sent it" 30 || fail "the receipt was not printed"
pdf="$LETTERS/receipt-$code.pdf"
[ -s "$pdf" ] || fail "no PDF at $pdf"
[ -s "$T/printer/receipt-$code.pdf" ] || fail "the printer command did not get the PDF"
pdftotext "$pdf" - | grep -qF "$code" || fail "the receipt does not show the dossier code"
pdftotext "$pdf" - | grep -qF "Trần Thị Bình" || fail "the receipt does not show the applicant in Vietnamese"
# A form that does not apply is refused in the dialog, which stays open.
keys p
wait_for "Print a form" || fail "no print dialog"
keys Right Right Right F2
wait_for "no apology recorded" || fail "form 04 without an apology was not refused"
keys Escape

# ---- an intake writes its receipt ----
keys F2
wait_for "Due moment" || fail "the intake screen did not open"
type_text "2.000505"
wait_for "2.000505   Cấp Phiếu" || fail "the code did not match"
keys Enter Enter
type_text "Lê Văn Tám"
keys C-a F2
wait_for "receipt" 30 || fail "the intake was not saved"
new=$(screen | grep -o '000\.00\.31\.H29-251112-[0-9]*' | head -1)
[ -n "$new" ] || fail "no new dossier code on the status line"
pdftotext "$LETTERS/receipt-$new.pdf" - | grep -qF "$new" || fail "the intake receipt lacks $new"
# ---- an incomplete file writes form 02 ----
type_text "2.000505"
wait_for "2.000505   Cấp Phiếu" || fail "the code did not match"
keys Enter Enter
type_text "Đỗ Thị Chín"
keys F3
wait_for "Everything missing" || fail "no guidance dialog"
keys F2
wait_for "Slip" 30 || fail "the guidance slip was not written"
slip=$(ls "$LETTERS"/supplement-counter-*.pdf 2>/dev/null | head -1)
[ -n "$slip" ] || fail "no form 02 file in $LETTERS"
pdftotext "$slip" - | grep -qF "Đỗ Thị Chín" || fail "form 02 lacks the applicant"
pdftotext "$slip" - | grep -qF "BỔ SUNG" || fail "form 02 lacks its title"
keys Escape

# ---- export of the period ----
keys F6
wait_for "Rate A" || fail "the reports screen did not open"
keys e
wait_for "Workbook" || fail "no export dialog"
keys F2
wait_for "Wrote" 60 || fail "the workbook was not written"
xlsx="$LETTERS/report-2025-11.xlsx"
mc --json report --period 2025-11 >"$T/report.json" || fail "motcua report failed"
/usr/bin/python3 - "$xlsx" "$T/report.json" "$code" <<'EOP' || fail "the workbook does not match the report"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
rep = json.load(open(sys.argv[2]))
cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
assert len(wb.worksheets) >= 3, wb.sheetnames
assert sys.argv[3] in cells, "the new dossier is not in the register sheet"
assert str(rep["total"]["received_total"]) in cells, "the total received is not in the workbook"
EOP

# ---- the register of the period (form 07) ----
keys l
wait_for "register-2025-11-01-2025-11-30.pdf" 60 || fail "the register was not written"
# The code column wraps after the agency part: look for the dated part.
pdftotext "$LETTERS/register-2025-11-01-2025-11-30.pdf" - | grep -qF "${code#*H29-}" ||
	fail "the register of the period lacks $code"

# ---- drill-down from a number to its dossiers ----
expect=$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["rows"][0]["received_total"], r["rows"][0]["field"], sep="|")' "$T/report.json")
n=${expect%%|*}
field=${expect#*|}
keys Enter
wait_for "· $n dossiers · page 1" || fail "the drill-down of '$field' column (3) does not list $n dossiers"
screen | grep -qF "$field" || fail "the drill-down title does not name the field"
keys Enter
wait_for "Register no." || fail "a dossier of the drill-down did not open"
keys Escape
wait_for "· $n dossiers" || fail "back from the detail, the drill-down list is gone"
keys F10
wait_for "[exited 0]" || fail "the program did not exit cleanly"
echo "ok"
