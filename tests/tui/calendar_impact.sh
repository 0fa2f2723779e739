#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Administration → calendar → i: an edited calendar file that adds a day off
# on Thursday 2025-11-20 is previewed before anything is saved: every open
# dossier due on or after that day (received before it, counted in working
# days, or in calendar days and due on that very day; no apology; not
# waiting for a supplement) moves one working day later, the others do not,
# a missing file is refused in the dialog, and the database is unchanged.
. "$(dirname "$0")/lib.sh"
setup_db
mc demo --dossiers 400 --seed 6 >/dev/null || fail "demo data failed"
{ cat "$SRCDIR/data/calendar/2025.tsv"; printf '2025-11-20\toff\tNgày nghỉ thử\tprovisional\n'; } >"$T/2025.tsv"
# The expected rows: open, not in supplement, no apology, due on or after 20/11 and
# the procedure counted in working days or hours (a calendar-day limit only moves
# when it falls on the new day off).
mc --json list --open --limit 1000 >"$T/open.json" || fail "motcua list failed"
mc --json catalog list >"$T/catalog.json" || fail "motcua catalog list failed"
/usr/bin/python3 - "$T/open.json" "$T/catalog.json" >"$T/expect" <<'EOP'
import json, sys
unit = {p["code"]: p["limit_unit"] for p in json.load(open(sys.argv[2]))["procedures"]}
for d in json.load(open(sys.argv[1]))["dossiers"]:
    if d["status"] == "supplement" or d["apology"] is not None or d["due"] < "2025-11-20":
        continue
    if unit[d["procedure"]] == "calendar-days" and not d["due"].startswith("2025-11-20"):
        continue
    print(d["code"])
EOP
before=$(mc --json list --limit 1000 | md5sum)
start_tui
keys F8
wait_for "Procedures" || fail "no administration screen"
keys Tab Tab
wait_for "change the year" || fail "no calendar page"
keys i
wait_for "Edited calendar file" || fail "no impact dialog"
keys C-u
type_text "$T/nope.tsv"
keys Enter
wait_for "nope.tsv" || fail "a missing file was not refused"
screen | grep -qF "Edited calendar file" || fail "the dialog closed on a missing file"
keys C-u
type_text "$T/2025.tsv"
keys Enter
wait_for "would move" 20 || fail "no impact preview"
screen >"$T/screen"
moved=$(grep -o '[0-9]* would move' "$T/screen" | cut -d' ' -f1)
rows=$(grep -c ' →  ' "$T/screen")
[ "$moved" -gt 0 ] || fail "no dossier would move"
[ "$rows" -eq "$moved" ] || fail "$moved announced, $rows rows shown"
grep ' →  ' "$T/screen" | grep -qv '+1$' && fail "a shift other than +1 working day"
# Exactly the expected dossiers are listed (the page holds them all).
n_expect=$(wc -l <"$T/expect")
[ "$n_expect" -le 18 ] || fail "the test data gives $n_expect rows: more than a page"
grep ' →  ' "$T/screen" | awk '{print $1}' | sort >"$T/got"
sort "$T/expect" | diff - "$T/got" >"$T/diff" || fail "listed dossiers differ from the expected ones: $(cat "$T/diff")"
[ "$moved" -eq "$n_expect" ] || fail "$moved announced, $n_expect expected"
[ "$(mc --json list --limit 1000 | md5sum)" = "$before" ] || fail "the preview changed the database"
keys Escape
wait_for "day off" || fail "Esc did not go back to the calendar"
keys F10
wait_for "[exited 0]" || fail "the program did not exit cleanly"
echo "ok ($moved dossiers would move)"
