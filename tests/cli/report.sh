#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `motcua report` and `motcua demo` through the real binary on real SQLite
# files, with a frozen clock: a small history driven by the lifecycle
# commands whose table is compared, as JSON, with one worked out by hand;
# the product.md §3 JSON keys; every period kind; refused input (bad period,
# bad --by, demo on a non-empty database) with one sentence and no change;
# demo data that reconciles on every row and is the same for the same seed.
# usage: report.sh MOTCUA_BINARY SOURCE_ROOT
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset MOTCUA_NOW
DB="$T/r.db"
fails=0
pass() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { # DESCRIPTION PYTHON-EXPRESSION-OVER-j FILE
	if "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$3" 2>"$T/pyerr"; then
		pass "$1"
	else
		fail "$1: $2"; head -c 2000 "$3"; echo; cat "$T/pyerr"
	fi
}
run() { # NOW ARGS... -> $T/out, $T/err, $rc
	local now=$1; shift
	"$BIN" --db "$DB" --now "$now" --json "$@" >"$T/out" 2>"$T/err"; rc=$?
}
must() { # NOW ARGS...: the command must succeed
	run "$@"
	if [ "$rc" -ne 0 ]; then fail "$* (exit $rc)"; cat "$T/err"; fi
}
refused() { # DESCRIPTION TEXT: failed with one sentence containing TEXT
	if [ "$rc" -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q -- "$2" "$T/err"; then
		pass "$1"
	else
		fail "$1 (exit $rc)"; cat "$T/err"
	fi
}
code() { "$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['code'])" "$T/out"; }

cat >"$T/cat.csv" <<'EOF'
code,name,field,level,limit,limit_unit,same_day_cutoff,documents,steps
1.000001,Thủ tục năm ngày,Lĩnh vực A,province,5,days,,Tờ khai,PNV:3 days;LD:1 days
1.000002,Thủ tục trong ngày,Lĩnh vực B,commune,,same-day,15:00,Tờ khai,PNV:2 hours
EOF
must "2026-01-05 08:00" init
must "2026-01-05 08:00" catalog import "$T/cat.csv"

# The history of test_report.c's hand-worked case (5 working days).
must "2026-01-05 09:00" intake --procedure 1.000001 --name "Nguyễn Văn An" --channel online; D1=$(code)
must "2026-01-06 09:00" intake --procedure 1.000001 --name "Trần Thị Bình" --channel direct; D2=$(code)
must "2026-01-07 09:00" intake --procedure 1.000001 --name "Lê Văn Cường" --channel direct; D3=$(code)
must "2026-01-08 10:00" transfer "$D1" --to PNV
must "2026-01-08 10:00" finish "$D1" --result approved
must "2026-01-09 09:00" handover "$D1" --rating 3
must "2026-01-19 09:00" intake --procedure 1.000001 --name "Phạm Thị Dung" --channel online; D4=$(code)
must "2026-01-20 09:00" withdraw "$D4"
must "2026-01-26 09:00" intake --procedure 1.000001 --name "Hoàng Văn Em" --channel postal; D5=$(code)
must "2026-01-29 09:00" apologize "$D5" --reason "Chờ xác minh" --new-due "2026-02-05 09:00"
must "2026-02-02 10:00" transfer "$D2" --to PNV
must "2026-02-02 10:00" finish "$D2"
must "2026-02-02 09:00" intake --procedure 1.000002 --name "Vũ Thị Giang" --channel direct; D6=$(code)
must "2026-02-02 10:00" transfer "$D6" --to PNV
must "2026-02-02 10:00" finish "$D6"
must "2026-02-03 09:00" handover "$D6" --rating 1
must "2026-02-04 10:00" transfer "$D5" --to PNV
must "2026-02-04 10:00" finish "$D5"

cat >"$T/feb.json" <<'EOF'
{"from": "2026-02-01", "to": "2026-02-28",
 "rows": [
  {"field": "Lĩnh vực A", "received_total": 3, "received_online": 0, "received_direct_postal": 0,
   "carried_over": 3, "resolved_total": 2, "resolved_early": 0, "resolved_on_time": 0,
   "resolved_late": 2, "pending_total": 1, "pending_within": 0, "pending_overdue": 1,
   "stopped_withdrawn": 0},
  {"field": "Lĩnh vực B", "received_total": 1, "received_online": 0, "received_direct_postal": 1,
   "carried_over": 0, "resolved_total": 1, "resolved_early": 0, "resolved_on_time": 1,
   "resolved_late": 0, "pending_total": 0, "pending_within": 0, "pending_overdue": 0,
   "stopped_withdrawn": 0}],
 "total": {"received_total": 4, "received_online": 0, "received_direct_postal": 1,
   "carried_over": 3, "resolved_total": 3, "resolved_early": 0, "resolved_on_time": 1,
   "resolved_late": 2, "pending_total": 1, "pending_within": 0, "pending_overdue": 1,
   "stopped_withdrawn": 0},
 "rates": {"A": 33.3, "B": 25.0, "C": 25.0},
 "satisfaction": 0.0, "online_share": 0.0, "late_with_apology": 33.3}
EOF
must "2026-03-10 08:00" report --period 2026-02
cp "$T/out" "$T/feb.out"
"$PY" - "$T/feb.json" "$T/feb.out" <<'PYEOF' && pass "February table equals the hand-worked one" || fail "February table differs"
import json, sys
want = json.load(open(sys.argv[1])); got = json.load(open(sys.argv[2]))
bad = [k for k in want if got.get(k) != want[k]]
for k in bad:
    print("  %s: got %r, want %r" % (k, got.get(k), want[k]))
sys.exit(1 if bad else 0)
PYEOF
check "the JSON has exactly the keys of product.md §3 (and a few more)" \
  "set(['from','to','rows','total','rates','satisfaction','online_share','late_with_apology']) <= set(j) and set(j['rates']) == {'A','B','C'} and set(j['total']) == set(k for k in j['rows'][0] if k != 'field')" "$T/out"
check "reconciliation shown" "j['reconciled'] is True" "$T/out"

must "2026-03-10 08:00" report --period 2026-01
check "January: 5 received, 1 early, 1 withdrawn, 2 overdue, 1 within" \
  "j['total']['received_total'] == 5 and j['total']['resolved_early'] == 1 and j['total']['stopped_withdrawn'] == 1 and j['total']['pending_overdue'] == 2 and j['total']['pending_within'] == 1 and j['rates']['A'] == 100.0 and j['satisfaction'] == 100.0 and j['online_share'] == 40.0 and j['late_with_apology'] == 0.0" "$T/out"
must "2026-03-10 08:00" report --period 2026-03
check "a period without activity but one carried over" \
  "j['total']['carried_over'] == 1 and j['rates']['A'] is None and j['rates']['B'] == 0.0 and j['online_share'] is None and j['judged_at'] == '2026-03-10 00:00'" "$T/out"
must "2026-03-10 08:00" report --period 2026-04
check "a future period: only the open dossier, carried over and judged at now" \
  "j['total']['carried_over'] == 1 and j['total']['received_online'] + j['total']['received_direct_postal'] == 0 and j['total']['pending_overdue'] == 1 and j['rates']['A'] is None and j['satisfaction'] is None" "$T/out"

# Every period kind parses and gives its window.
for p in "2026-02:2026-02-01:2026-02-28" "2026-02/official:2026-01-15:2026-02-14" \
         "2026-Q1:2025-12-15:2026-03-14" "2026-H1:2025-12-15:2026-06-14" "2026-9M:2025-12-15:2026-09-14" \
         "2026:2025-12-15:2026-12-14" "2026-01-10..2026-02-03:2026-01-10:2026-02-03"; do
	IFS=: read -r per from to <<<"$p"
	must "2026-03-10 08:00" report --period "$per"
	check "period $per is $from..$to" "j['from'] == '$from' and j['to'] == '$to'" "$T/out"
done
must "2026-03-10 08:00" report --period 2026-01-10..2026-02-03 --by procedure
check "--by procedure gives procedure rows with the same total" \
  "[r['procedure'] for r in j['rows']] == ['1.000001', '1.000002'] and j['total']['received_total'] == 5" "$T/out"

# Refused input: one sentence naming the value, non-zero exit, nothing changed.
before=$(md5sum <"$DB")
run "2026-03-10 08:00" report --period 2026-13
refused "a month 13 is refused" "2026-13"
run "2026-03-10 08:00" report --period "2026-03-05..2026-03-01"
refused "a range that ends before it starts is refused" "2026-03-05..2026-03-01"
run "2026-03-10 08:00" report
refused "--period is required" "--period"
run "2026-03-10 08:00" report --period 2026-01 --by unit
refused "--by must be field or procedure" "unit"
run "2026-03-10 08:00" demo --dossiers 10
refused "demo refuses a database with dossiers" "already holds"
run "2026-03-10 08:00" demo --dossiers abc
refused "a bad --dossiers is refused" "abc"
[ "$(md5sum <"$DB")" = "$before" ] && pass "refused commands changed nothing" || fail "the database changed"

# Human output: the table, the reconciliation and the three rates.
"$BIN" --db "$DB" --now "2026-03-10 08:00" report --period 2026-02 >"$T/human" 2>&1
# The columns go by their national numbers, named in full under the table
# (no heading cut to 8 columns), and the groups are the workbook's.
if grep -q "From 01/02/2026 to 28/02/2026" "$T/human" && grep -q "TOTAL" "$T/human" &&
   grep -q "consistent" "$T/human" && grep -q "On-time rate C" "$T/human" &&
   grep -q "Dossiers received for resolution" "$T/human" && grep -q "^(3) .*  (4) " "$T/human" &&
   grep -q "(13) " "$T/human" && grep -q "^(\*) " "$T/human"; then
	pass "human table"
else
	fail "human table"; cat "$T/human"
fi

# Demo: a fresh database, reconciled rows, all statuses, same seed = same data.
for n in 1 2; do
	"$BIN" --db "$T/demo$n.db" --now "2026-03-18 10:30" --json demo --dossiers 1500 --seed 11 >"$T/demo$n.json" 2>"$T/err" || { fail "demo $n"; cat "$T/err"; }
done
check "demo: 1500 dossiers in every status" \
  "j['dossiers'] == 1500 and all(v > 0 for v in j['by_status'].values()) and 0.35 < j['online'] / 1500 < 0.65" "$T/demo1.json"
for p in 2026-03 2026-02/official 2026-Q1 2025; do
	"$BIN" --db "$T/demo1.db" --now "2026-03-18 10:30" --json report --period "$p" >"$T/d1" 2>"$T/err"
	"$BIN" --db "$T/demo2.db" --now "2026-03-18 10:30" --json report --period "$p" >"$T/d2" 2>>"$T/err"
	check "demo $p: every row reconciles and sums to the total" \
	  "all(r['carried_over'] + r['received_online'] + r['received_direct_postal'] == r['resolved_total'] + r['pending_total'] + r['stopped_withdrawn'] and r['resolved_total'] == r['resolved_early'] + r['resolved_on_time'] + r['resolved_late'] and r['pending_total'] == r['pending_within'] + r['pending_overdue'] and r['received_total'] == r['carried_over'] + r['received_online'] + r['received_direct_postal'] for r in j['rows'] + [j['total']]) and all(sum(r[k] for r in j['rows']) == j['total'][k] for k in j['total'])" "$T/d1"
	if cmp -s "$T/d1" "$T/d2"; then pass "demo $p: same seed, same report"; else fail "demo $p differs between two runs"; fi
done

# Every moment the demo records falls in the default office hours
# (07:30-11:30, 13:30-17:00; times are minutes since 1970 in local time).
out=$("$PY" - "$T/demo1.db" <<'EOP'
import sqlite3, sys
c = sqlite3.connect('file:%s?mode=ro' % sys.argv[1], uri=True)
m = 'at % 1440'
print(*c.execute('SELECT count(*), sum(NOT ((%s BETWEEN 450 AND 690) OR (%s BETWEEN 810 AND 1020))) '
                 'FROM events' % (m, m)).fetchone())
EOP
)
set -- $out
[ "${1:-0}" -gt 5000 ] && [ "${2:-1}" -eq 0 ] && pass "demo: all $1 events in office hours" ||
	fail "demo: ${2:-?} of ${1:-?} events outside office hours"

echo "report.sh: $fails failed"
[ "$fails" -eq 0 ]
