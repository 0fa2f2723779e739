#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The dossier list's `l` dialog: the unit holding the dossier, the field and
# the period of receipt, typed without diacritics, filter the list to what
# `motcua list --unit --field --period` gives on the same database (which
# also takes the field without diacritics and refuses an unknown one); a bad
# period or a text matching several units is refused in place; `x` clears
# the filters; a saved view keeps them.
. "$(dirname "$0")/lib.sh"
setup_db
NOW="2025-11-12 09:30"
mc demo --dossiers 600 --seed 9 >/dev/null || fail "demo data failed"

# The field, the unit holding the most dossiers of that field, and the count
# of those received in 2025-10, as the command line sees them.
mc --json list --period 2025-10 --limit 1000 >"$T/all.json" || fail "motcua list --period failed"
set -- $(/usr/bin/python3 - "$T/all.json" <<'EOP'
import collections, json, sys
rows = json.load(open(sys.argv[1], encoding='utf-8'))['dossiers']
pairs = collections.Counter((r['field'], r['unit']) for r in rows if r.get('unit'))
(field, unit), n = pairs.most_common(1)[0]
print(field.replace(' ', '_'), unit, n)
EOP
)
field=$(echo "$1" | tr _ ' '); unit=$2
[ -n "$unit" ] || fail "no unit in the demo data"
want=$(mc --json list --unit "$unit" --field "$field" --period 2025-10 --limit 1000 |
	/usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["dossiers"]))')
unit_name=$(mc --json unit list | /usr/bin/python3 -c '
import json, sys
for u in json.load(sys.stdin)["units"]:
    if u["code"] == sys.argv[1]: print(u["name"])' "$unit")
[ -n "$unit_name" ] || fail "unit $unit has no name"
# What a clerk types: part of each name, without diacritics.
fold() { /usr/bin/python3 -c '
import sys, unicodedata
s = sys.argv[1].replace("đ", "d").replace("Đ", "D")
print("".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower(), end="")' "$1"; }
unit_typed=$(fold "$unit_name")
field_typed=$(fold "$field")

echo "filter: unit $unit ($unit_typed), field $field ($field_typed), 2025-10: $want dossiers"
# The command line names a field the same way, and refuses one that is not there.
got=$(mc --json list --unit "$unit" --field "$field_typed" --period 2025-10 --limit 1000 |
	/usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["dossiers"]))')
[ "$got" = "$want" ] || fail "motcua list --field \"$field_typed\" gives $got dossiers, not $want"
if mc list --field "khong co linh vuc nay" >"$T/out" 2>"$T/err"; then
	fail "an unknown field was accepted"
fi
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF "khong co linh vuc nay" "$T/err" || fail "no one-sentence refusal: $(cat "$T/err")"
start_tui
keys F4
wait_for "Open dossiers" || fail "the list did not open"
keys x
# A bad period stays in the dialog with its reason; nothing is filtered.
keys l
wait_for "Received in" || fail "no filter dialog"
keys Tab Tab
type_text "2025-13"
keys Enter
wait_for "2025-13" || fail "the bad period is not shown"
screen | grep -qF "not a reporting period" || screen | grep -qi "period" || fail "no reason for the bad period"
keys Escape
wait_gone "Received in" || fail "Esc did not close the dialog"
# A text that several units share is refused ("Phòng" starts most of them).
keys l
wait_for "Received in" || fail "no filter dialog"
type_text "phong"
keys Enter Enter Enter
wait_for "Several units match" || fail "an ambiguous unit was accepted"
keys Escape
# Unit, field and period typed without diacritics.
keys l
wait_for "Received in" || fail "no filter dialog"
type_text "$unit_typed"
keys Tab
type_text "$field_typed"
keys Tab
type_text "2025-10"
keys Enter
wait_for "received 2025-10" || fail "the period filter is not shown"
screen | grep -qF "$unit_name · $field" || fail "the unit and field filters are not shown"
wait_for "· $want dossiers" || fail "the list does not hold the $want dossiers of motcua list"
# A saved view keeps them; x clears them.
keys v 5
wait_for "View 5 saved" || fail "the view was not saved"
keys x
wait_gone "received 2025-10" || fail "x did not clear the filters"
keys 5
wait_for "received 2025-10" || fail "view 5 lost the period"
wait_for "· $want dossiers" || fail "view 5 does not give the same $want dossiers"
keys F10
wait_for "[exited 0]" || fail "did not exit cleanly"
echo "tui list filters: ok"
