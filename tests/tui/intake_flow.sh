#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End to end by keystrokes: a returning applicant's intake (procedure by an
# accent-free part of its name, applicant recalled by ID number), a new
# applicant typed in decomposed Vietnamese, then a transfer, an apology (a
# bad date refused in place, the typed reason kept), the result and the
# hand-over; the outcome is checked through the command line.
. "$(dirname "$0")/lib.sh"
setup_db
mc intake --procedure 2.000488 --name "Trần Thị Bình" --id 079123456789 \
	--phone 0901234567 --address "12 Lê Lợi, Biên Hòa" >/dev/null || fail "CLI intake failed"

start_tui
# Returning applicant: F2, "ly lich", Enter, 12 digits, Enter, Ctrl-A, F2.
n=0
keys F2; n=$((n + 1))
wait_for "Due moment" || fail "intake screen did not open"
type_text "ly lich"; n=$((n + 7))
wait_for "2.000488" || fail "the pick list did not find 'ly lich'"
keys Enter; n=$((n + 1))
type_text "079123456789"; n=$((n + 12))
keys Enter; n=$((n + 1))
wait_for "known applicant" || fail "the applicant was not recalled by ID number"
screen | grep -qF "Trần Thị Bình" || fail "the recalled name is not shown"
keys C-a; n=$((n + 1))
keys F2; n=$((n + 1))
wait_for "Received 000.00.31.H29-251112-0002" || fail "the returning intake was not saved"
echo "keystrokes for a returning applicant's intake: $n"

# New applicant, name typed decomposed (NFD).
type_text "2.000505"
wait_for "2.000505   Cấp Phiếu" || fail "the code did not match"
keys Enter
type_text "001099000111"
keys Enter
type_text "$(nfd "Nguyễn Văn Đức")"
keys Tab
type_text "0912345678"
keys F2
wait_for "not ticked" || fail "an unticked checklist was accepted"
keys C-a F2
wait_for "Received 000.00.31.H29-251112-0003" || fail "the second intake was not saved"
code=000.00.31.H29-251112-0003
[ "$(show_field $code applicant)" = "Nguyễn Văn Đức" ] ||
	fail "decomposed input was not stored as NFC: $(show_field $code applicant | od -c | head -3)"
mc list --search "nguyen van duc" | grep -qF $code || fail "search without diacritics misses the dossier"

# Search it from the list, open it, transfer. The search follows the typing
# once the typed-ahead keys are in: a burst of text and Enter Enter at once
# must open the dossier of the whole text, not a row of an earlier list.
keys Escape F3
wait_for "Search" || fail "F3 did not open the search"
type_text "nguyen van duc$(printf '\r\r')" # one write: text and both Enters arrive together
wait_for "Register no." || fail "the detail screen did not open"
screen | grep -qF "$code" || fail "Enter typed ahead opened another dossier than $code"
keys t
wait_for "Hand over to a unit" || fail "no transfer dialog"
keys Enter Enter
wait_for "Handed to" || fail "the transfer was not recorded"

# Apology: a bad date is refused in place, what was typed stays.
keys a
wait_for "Reason for the delay" || fail "no apology dialog"
type_text "Cần xác minh thêm"
keys Enter C-u
type_text "2025-13-45 10:00"
keys F2
wait_for "not a real date" || fail "a bad new due date was not refused"
screen | grep -qF "Cần xác minh thêm" || fail "the typed reason was lost"
keys C-u
type_text "2025-12-10 10:00"
keys F2
wait_for "Apology recorded" || fail "the apology was not recorded"

keys e
wait_for "Result ready" || fail "no result dialog"
keys Enter
wait_for "Result recorded" || fail "the result was not recorded"
keys g
wait_for "Rating" || fail "no hand-over dialog"
keys Enter
wait_for "Result handed over" || fail "the hand-over was not recorded"
keys F10
wait_for "[exited 0]" || fail "the program did not exit cleanly"

[ "$(show_field $code status)" = returned ] || fail "status is $(show_field $code status)"
[ "$(show_field $code rating)" = 3 ] || fail "rating is $(show_field $code rating)"
[ "$(show_field $code apology.new_due)" = "2025-12-10 10:00" ] || fail "apology not stored"
[ "$(show_field $code apology.reason)" = "Cần xác minh thêm" ] || fail "apology reason differs"
mc --json show $code | grep -q '"kind": *"transfer"' || fail "no transfer event"
echo "ok"
