#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The PAR scorecard screen against `motcua par --json` on the same database
# and clock: every criterion's points, the total and the band; a manual
# value entered with m (a bad one refused in place) is stored with the
# actor and changes the total; [ switches the year; Enter lists the
# dossiers behind a data-fed criterion (as many as its denominator). The
# dashboard shows this month's on-time rate with the inputs of
# `motcua report --json` and the points of the PAR criterion.
. "$(dirname "$0")/lib.sh"
setup_db
mc demo --dossiers 400 --seed 4 >/dev/null || fail "demo data failed"

# "TOTAL / MAX|BAND|criterion points..." of `motcua par --json` as the screen writes them.
par_expect() {
	mc --json par "$@" | /usr/bin/python3 -c '
import json, sys
from decimal import Decimal, ROUND_HALF_UP
j = json.load(sys.stdin)
f = lambda v: str(Decimal(str(v)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
print("Total: %s / %s points — band: %s" % (f(j["total"]), f(j["max"]), j["band"] or "—"))
for c in j["criteria"]:
    print("%s/%s" % (f(c["points"]), f(c["max"])))'
}
check_screen() { # the expected lines must all be on the screen
	par_expect "$@" >"$T/expect" || fail "motcua par failed"
	wait_for "$(head -1 "$T/expect")" || fail "total/band differ from motcua par $*: $(head -1 "$T/expect")"
	screen >"$T/screen"
	tail -n +2 "$T/expect" | while read -r p; do
		grep -qF -- "$p" "$T/screen" || { echo "missing criterion points $p"; exit 1; }
	done || fail "criterion points differ from motcua par $*"
}

start_tui
# ---- dashboard: this month's rate and the PAR points it yields ----
mc --json report --period 2025-11 | /usr/bin/python3 -c '
import json, sys
t = json.load(sys.stdin)["total"]
print("(%d/%d)" % (t["resolved_early"] + t["resolved_on_time"], t["resolved_total"]))' >"$T/rate"
wait_for "$(cat "$T/rate")" || fail "the dashboard rate inputs differ from motcua report: $(cat "$T/rate")"
wait_for 'PAR points at this rate' || fail "the dashboard does not show the PAR points"

keys F7
wait_for "Total:" || fail "the PAR screen did not open"
check_screen

# ---- a manual criterion ----
keys End m
wait_for "Points" || fail "no dialog for the manual criterion"
type_text "7"
keys F2
wait_for "is not between 0 and the maximum" || fail "a value above the maximum was not refused"
screen | grep -qF "Note (decision" || fail "the dialog closed on a refused value"
keys C-u
type_text "0.75"
keys Tab
type_text "QĐ 123/QĐ-UBND"
keys F2
wait_for "recorded by" || fail "the manual value was not recorded"
mc --json par | /usr/bin/python3 -c '
import json, sys
c = [c for c in json.load(sys.stdin)["criteria"] if c["source"] == "manual"][-1]
assert c["entered"] and c["value"] == 0.75 and c["entered_by"] and c["note"] == "QĐ 123/QĐ-UBND", c' ||
	fail "the manual value is not stored with its actor and note"
check_screen

# ---- another year ----
keys [
wait_for "Year 2024" || fail "[ did not switch to 2024"
check_screen --year 2024
keys ]
wait_for "Year 2025" || fail "] did not switch back"

# ---- the dossiers behind the on-time criterion ----
den=$(mc --json par | /usr/bin/python3 -c 'import json,sys; print([c for c in json.load(sys.stdin)["criteria"] if c["id"] == "ontime"][0]["denominator"])')
keys Home Enter
wait_for "· $den dossiers · page 1" || fail "the list behind 'ontime' does not have $den dossiers"
keys F10
wait_for "[exited 0]" || fail "the program did not exit cleanly"
echo "ok"
