#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Users, roles and the access log in the interface, by keystrokes, checked
# through the command line on the same database file:
#   - the title shows "user (role)";
#   - opening a dossier's detail writes ONE access-log row (purpose "detail",
#     the acting user) before the personal data shows; going back to the
#     detail from the help screen does not log it again;
#   - a form printed from the detail logs a "letter" access, and its PDF
#     gives others no access;
#   - the administrator sees the Users page (read-only) and the Audit page
#     (back-dated writes and the access log);
#   - a clerk logged in with a password (--user NAME, typed in the terminal)
#     is not offered the apology key, and pressing it gives the one-sentence
#     refusal and records nothing; the clerk has no Users or Audit page.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
ME=$(id -un)
setup_db
code=$(mc --json intake --procedure 2.000488 --name "Trần Thị Bình" --id 079123456789 |
	$PY -c 'import sys,json;print(json.load(sys.stdin)["code"])') || fail "CLI intake failed"

# access_rows CODE PURPOSE USER: rows of the access log of CODE with that purpose and user.
access_rows() {
	mc --json audit access "$1" | $PY -c 'import sys,json
rows=json.load(sys.stdin)["access"]
print(sum(1 for r in rows if r["purpose"]==sys.argv[1] and r["actor"]==sys.argv[2]))' "$2" "$3"
}

open_detail() {
	keys F3
	type_text "$code"
	wait_for "$code" || fail "the search did not find $code"
	keys Enter Enter
	wait_for "Register no." || fail "the detail screen did not open"
}

# ---- the administrator (the account that ran init) ----
[ "$(access_rows "$code" detail "$ME")" = 0 ] || fail "the access log is not empty at start"
start_tui
wait_for "$ME (" || fail "the title does not show the user and role"
open_detail
screen | grep -qF "079123456789" || fail "the detail does not show the full ID number"
[ "$(access_rows "$code" detail "$ME")" = 1 ] || fail "opening the detail did not write one access-log row"
screen | grep -qF "a apology" || fail "the administrator is not offered the apology key"
keys F1
wait_for "Leave the program" || fail "no help screen"
keys Escape
wait_for "Register no." || fail "not back on the detail"
[ "$(access_rows "$code" detail "$ME")" = 1 ] || fail "returning to the detail logged the access again"
# A form printed from the detail logs a "letter" access; the PDF is not for others.
keys p
wait_for "Print a form" || fail "no print dialog"
keys F2
wait_for "Wrote" 30 || fail "the receipt was not written"
[ "$(access_rows "$code" letter "$ME")" = 1 ] || fail "printing from the detail did not log a letter access"
pdf=$(find "$T" -name "receipt-$code.pdf" | head -n 1)
[ -n "$pdf" ] || fail "no receipt PDF"
case "$(stat -c %a "$pdf")" in *0) ;; *) fail "the receipt is readable by others ($(stat -c %a "$pdf"))" ;; esac
# Administration: Users and Audit pages.
keys F8
wait_for "Procedures" || fail "no administration screen"
screen | grep -qF " Users " || fail "no Users page for the administrator"
printf 'minh-secret-1\n' | mc user add minh --role clerk --password --full-name "Lê Văn Minh" >/dev/null ||
	fail "user add failed"
keys Tab Tab Tab Tab
wait_for "Lê Văn Minh" || fail "the Users page does not list the new clerk"
screen | grep -E "minh +Lê Văn Minh +clerk +yes" >/dev/null || fail "the Users page has no role column"
keys Tab
wait_for "Who opened personal data" || fail "no access log on the Audit page"
screen | grep -E "$code +$ME +detail" >/dev/null || fail "the Audit page does not list the detail access"
screen | grep -qF "Back-dated writes" || fail "the Audit page does not list the back-dated writes"
keys F10
wait_for "[exited 0]" || fail "did not exit cleanly"
tmx kill-server

# ---- a clerk with a password login (a fresh tmux server on its own socket) ----
SOCK="$T/tmux-clerk.sock"
tmx new-session -d -x 100 -y 30 -s t \
	"env TERM=$TUI_TERM LC_ALL=C.UTF-8 '$MOTCUA' --config '$CONF' --db '$DB' --now '$NOW' --user minh; echo \"[exited \$?]\"; sleep 3600" ||
	fail "tmux did not start"
wait_for "Password of minh" || fail "no password prompt"
type_text "minh-secret-1"
keys Enter
wait_for "F10" || fail "the interface did not start after the password"
wait_for "minh (" || fail "the title does not show the clerk"
open_detail
[ "$(access_rows "$code" detail minh)" = 1 ] || fail "the clerk's opening was not logged under minh"
screen | grep -qF "t transfer" || fail "the clerk is not offered the transfer key"
screen | grep -qF "a apology" && fail "the clerk is offered the apology key"
keys a
wait_for "may not sign off an apology" || fail "the apology key was not refused with the sentence"
screen | grep -qF "Apology and new due moment" && fail "the apology dialog opened for a clerk"
[ "$(show_field "$code" apology)" = null ] || fail "an apology was recorded by a clerk"
keys F8
wait_for "Procedures" || fail "no administration screen for the clerk"
screen | grep -qF " Users " && fail "the clerk sees the Users page"
screen | grep -qF " Audit " && fail "the clerk sees the Audit page"
keys F10
wait_for "[exited 0]" || fail "did not exit cleanly"
echo ok
