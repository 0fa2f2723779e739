#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The PAR scorecard on a real SQLite database, driven through the command line:
#  1. a hand-made year (intake/finish/apologize/handover under --now) gives the
#     exact numerators, denominators, points, band and what-if numbers;
#  2. on a demo database the scorecard's on-time variants, online share,
#     satisfaction and apology coverage equal `motcua report --json` for the
#     same days, and `par dossiers` lists exactly the counted dossiers;
#  3. manual criteria are stored per year with who and when; bad values,
#     data-fed criteria and unknown ids are refused and change nothing;
#  4. malformed rubrics are refused with their line; bad dates are refused.
# usage: par.sh MOTCUA_BINARY SOURCE_ROOT
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset MOTCUA_NOW
fails=0
pass() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { # description, python expression over j (the JSON document on stdin)
	local desc=$1 expr=$2 doc=$3
	if "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($expr) else 1)" "$doc" 2>"$T/pyerr"; then
		pass "$desc"
	else
		fail "$desc: $expr"; head -c 1500 "$doc"; echo; cat "$T/pyerr"
	fi
}
get() { "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"; }

# The rubric for the hand-made year: calendar year, variant A, band edges of domain.md §6.
RUB="$T/rubric.tsv"
printf '%s\n' \
	'period	calendar' \
	'empty	full' \
	'criterion	ontime	Đúng hạn	2	ontime_A	100:full; 95:half; 0:0' \
	'criterion	apology	Xin lỗi	1	apology_coverage	100:full; 0:0' \
	'criterion	online	Trực tuyến	1	online_share	50:full; 25:half; 0:0' \
	'criterion	sat	Hài lòng	1	satisfaction	proportional' \
	'criterion	publicity	Công khai	1	manual	points' \
	'band	Tốt	90%' \
	'band	Khá	70%' \
	'band	Trung bình	50%' \
	'band	Yếu	0%' >"$RUB"

mc() { "$BIN" --db "$DB" "$@"; }

# ---- 1. a hand-made year ------------------------------------------------
DB="$T/hand.db"
mc init >/dev/null || fail "init"
mc catalog import "$SRC/data/catalogue.csv" >/dev/null || fail "catalog import"
mc --json catalog list >"$T/cat.json" || fail "catalog list"
PROC=$(get "$T/cat.json" "[p['code'] for p in j['procedures'] if p['limit_unit']=='days' and p['limit']>=5][0]")
[ -n "$PROC" ] || fail "no procedure with a limit of at least 5 working days"

intake() { # now channel -> code
	"$BIN" --db "$DB" --now "$1" --json intake --procedure "$PROC" --name "Nguyễn Văn An" --channel "$2" >"$T/in.json" &&
		get "$T/in.json" "j['code']"
}
C1=$(intake "2026-01-05 08:00" online)
C2=$(intake "2026-01-05 09:00" direct)
C3=$(intake "2026-01-06 08:00" direct)
C4=$(intake "2026-01-06 09:00" postal)
[ -n "$C1" ] && [ -n "$C2" ] && [ -n "$C3" ] && [ -n "$C4" ] && pass "four intakes" || fail "intakes"
# Three resolved on time (the day after intake), C4 late (a year later would be silly:
# the day after its due), with an apology recorded before its due.
for c in "$C1" "$C2" "$C3"; do
	mc --now "2026-01-07 10:00" finish "$c" >/dev/null || fail "finish $c"
done
mc --now "2026-01-07 11:00" handover "$C1" --rating 3 >/dev/null || fail "handover C1"
mc --now "2026-01-07 11:00" handover "$C2" --rating 1 >/dev/null || fail "handover C2"
mc --json show "$C4" >"$T/c4.json" || fail "show C4"
DUE4=$(get "$T/c4.json" "j['due']")
DUEDAY=${DUE4%% *}
NEWDUE=$("$PY" -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1])+datetime.timedelta(days=10); print(d.isoformat()+' 10:00')" "$DUEDAY")
LATE=$("$PY" -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1])+datetime.timedelta(days=3); print(d.isoformat()+' 10:00')" "$DUEDAY")
mc --now "2026-01-07 12:00" apologize "$C4" --reason "Chờ ý kiến cơ quan phối hợp" --new-due "$NEWDUE" >/dev/null ||
	fail "apologize C4"
mc --now "$LATE" finish "$C4" >/dev/null || fail "finish C4 late"
mc --json show "$C4" >"$T/c4.json"
check "C4 is late" "j['outcome']=='late'" "$T/c4.json"

THROUGH=2026-03-31
mc --now "2026-04-01 08:00" --json par --year 2026 --through $THROUGH --rubric "$RUB" >"$T/par.json" || fail "par --json"
check "par JSON has the product.md keys" \
	"all(k in j for k in ('year','through','criteria','total','max','band')) and all(all(k in c for k in ('id','name','source','value','points','max','numerator','denominator','next_band')) for c in j['criteria'])" "$T/par.json"
check "year and through" "j['year']==2026 and j['through']=='$THROUGH' and j['from']=='2026-01-01'" "$T/par.json"
crit() { echo "[c for c in j['criteria'] if c['id']=='$1'][0]"; }
check "on time 3/4 = 75.0 %, 0 points" \
	"(lambda c: c['numerator']==3 and c['denominator']==4 and c['value']==75.0 and c['points']==0 and c['source']=='ontime_A')($(crit ontime))" "$T/par.json"
# Next band 95 %: (3+k)/(4+k) >= 0.95 -> k = 16; (3+r)/4 >= 0.95 -> r = 1.
check "what-if: 16 more on time, or 1 fewer late" \
	"(lambda n: n['threshold']==95 and n['points']==1 and n['more']==16 and n['fewer']==1)($(crit ontime)['next_band'])" "$T/par.json"
check "apology coverage 1/1 = full" \
	"(lambda c: c['numerator']==1 and c['denominator']==1 and c['points']==1 and c['next_band'] is None)($(crit apology))" "$T/par.json"
check "online share 1/4 = 25 % = half" \
	"(lambda c: c['numerator']==1 and c['denominator']==4 and c['points']==0.5)($(crit online))" "$T/par.json"
check "satisfaction 1/2 proportional = 0.5" \
	"(lambda c: c['numerator']==1 and c['denominator']==2 and c['points']==0.5)($(crit sat))" "$T/par.json"
check "manual not entered: 0 points, incomplete" \
	"(lambda c: c['entered']==False and c['points']==0 and c['value'] is None)($(crit publicity)) and j['complete']==False" "$T/par.json"
# Total 0 + 1 + 0.5 + 0.5 + 0 = 2 of 6 = 33 % -> Yếu.
check "total 2 / 6, band Yếu" "j['total']==2 and j['max']==6 and j['band']=='Yếu'" "$T/par.json"

mc --now "2026-04-01 08:00" --json report --period 2026-01-01..$THROUGH >"$T/rep.json" || fail "report --json"
A=$(get "$T/rep.json" "j['rates']['A']")
PA=$(get "$T/par.json" "$(crit ontime)['value']")
[ "$A" = "$PA" ] && pass "par on-time ($PA) equals report rate A ($A)" || fail "par on-time $PA != report A $A"

# Dossiers behind the on-time criterion: the late one is the missing one.
mc --now "2026-04-01 08:00" --json par dossiers ontime --year 2026 --through $THROUGH --rubric "$RUB" >"$T/dos.json" ||
	fail "par dossiers"
check "par dossiers: 4 counted, 3 favourable, C4 missing" \
	"j['numerator']==3 and j['denominator']==4 and len(j['dossiers'])==4 and [d['code'] for d in j['dossiers'] if not d['in_numerator']]==['$C4']" "$T/dos.json"
mc --now "2026-04-01 08:00" --json par dossiers ontime --part missing --year 2026 --through $THROUGH --rubric "$RUB" >"$T/dos.json"
check "--part missing lists only C4" "[d['code'] for d in j['dossiers']]==['$C4']" "$T/dos.json"

# ---- 3. manual criteria -------------------------------------------------
mc --now "2026-04-02 09:00" --json par set publicity 1 --year 2026 --note "Niêm yết đủ 59 thủ tục" --rubric "$RUB" >"$T/set.json" ||
	fail "par set publicity 1"
check "par set answers with the points and the actor" "j['points']==1 and j['entered_by'] and j['entered_at']=='2026-04-02 09:00'" "$T/set.json"
mc --now "2026-04-03 08:00" --json par --year 2026 --through $THROUGH --rubric "$RUB" >"$T/par2.json"
check "manual entry counts with who and when" \
	"(lambda c: c['entered'] and c['points']==1 and c['entered_at']=='2026-04-02 09:00' and c['entered_by'] and c['note']=='Niêm yết đủ 59 thủ tục')($(crit publicity)) and j['total']==3 and j['complete']" "$T/par2.json"
check "3 / 6 = 50 % -> Trung bình" "j['band']=='Trung bình'" "$T/par2.json"
# The entry belongs to 2026 only.
mc --now "2027-01-05 08:00" --json par --year 2027 --rubric "$RUB" >"$T/par27.json" || fail "par 2027"
check "2027 has no manual entry yet" "$(crit publicity)['entered']==False" "$T/par27.json"

refused() { # description, command...
	local desc=$1
	shift
	if "$@" >"$T/out" 2>"$T/err"; then
		fail "$desc was accepted"
	elif [ ! -s "$T/err" ]; then
		fail "$desc: no message"
	else
		pass "$desc refused: $(head -1 "$T/err")"
	fi
}
refused "points above the maximum" mc --now "2026-04-02 10:00" par set publicity 2 --year 2026 --rubric "$RUB"
refused "a negative value" mc --now "2026-04-02 10:00" par set publicity -1 --year 2026 --rubric "$RUB"
refused "a value that is not a number" mc --now "2026-04-02 10:00" par set publicity many --year 2026 --rubric "$RUB"
refused "setting a data-fed criterion" mc --now "2026-04-02 10:00" par set ontime 1 --year 2026 --rubric "$RUB"
refused "an unknown criterion" mc --now "2026-04-02 10:00" par set nosuch 1 --year 2026 --rubric "$RUB"
refused "a bad year" mc --now "2026-04-02 10:00" par set publicity 1 --year 20x6 --rubric "$RUB"
mc --json par history --year 2026 --rubric "$RUB" >"$T/hist.json" || fail "par history"
check "history holds only the one accepted entry" "len(j['entries'])==1 and j['entries'][0]['value']==1" "$T/hist.json"
mc --now "2026-04-05 09:00" par set publicity 0.5 --year 2026 --rubric "$RUB" >/dev/null || fail "second entry"
mc --json par history publicity --year 2026 --rubric "$RUB" >"$T/hist.json"
check "history keeps both entries in order" "[e['value'] for e in j['entries']]==[1,0.5]" "$T/hist.json"
mc --now "2026-04-06 08:00" --json par --year 2026 --through $THROUGH --rubric "$RUB" >"$T/par3.json"
check "the newest entry counts" "$(crit publicity)['points']==0.5" "$T/par3.json"

# ---- 4. bad rubrics and dates -------------------------------------------
printf 'period\tcalendar\ncriterion\ta\tA\t1\tontime_A\t95:half; 100:full\nband\tX\t0\n' >"$T/bad1.tsv"
refused "unordered bands" mc par check --rubric "$T/bad1.tsv"
grep -q "line 2" "$T/err" && pass "message names line 2" || fail "line 2 not named: $(cat "$T/err")"
printf '# c\ncriterion\ta\tA\t1\tontime_X\tproportional\nband\tX\t0\n' >"$T/bad2.tsv"
refused "unknown metric" mc --json par --year 2026 --rubric "$T/bad2.tsv"
grep -q "line 2" "$T/err" && grep -q "ontime_X" "$T/err" && pass "message names line 2 and the metric" ||
	fail "bad message: $(cat "$T/err")"
[ ! -s "$T/out" ] && pass "nothing on stdout for a refused rubric" || fail "stdout not empty"
printf 'criterion\ta\tA\t1\tontime_A\t100:3\nband\tX\t0\n' >"$T/bad3.tsv"
refused "points above the maximum in a band" mc par check --rubric "$T/bad3.tsv"
mc par check --rubric "$SRC/data/par-rubric.tsv" >/dev/null && pass "the default rubric checks" || fail "default rubric"
mc par check --rubric "$SRC/data/par-rubric-proportional.tsv" >/dev/null && pass "the proportional rubric checks" ||
	fail "proportional rubric"
refused "--through outside the year" mc --now "2026-04-01 08:00" par --year 2026 --through 2027-01-02 --rubric "$RUB"
refused "--through not a date" mc --now "2026-04-01 08:00" par --year 2026 --through 2026-02-30 --rubric "$RUB"
refused "a year that has not started" mc --now "2026-04-01 08:00" par --year 2027 --rubric "$RUB"
refused "a missing database" "$BIN" --db "$T/none.db" par --year 2026 --rubric "$RUB"
[ ! -e "$T/none.db" ] && pass "no database file created" || fail "a database file was created"

# ---- 2. the demo database against the report ----------------------------
DB="$T/demo.db"
NOW="2026-03-10 10:00"
mc init >/dev/null && mc catalog import "$SRC/data/catalogue.csv" >/dev/null || fail "demo init"
mc --now "$NOW" demo --dossiers 3000 --seed 11 >/dev/null || fail "demo"
ALL="$T/all.tsv"
printf '%s\n' \
	'period	official' \
	'criterion	a	A	1	ontime_A	100:full; 95:half; 0:0' \
	'criterion	b	B	1	ontime_B	100:full; 95:half; 0:0' \
	'criterion	c	C	1	ontime_C	proportional' \
	'criterion	apo	Apology	1	apology_coverage	100:full; 0:0' \
	'criterion	onl	Online	1	online_share	proportional' \
	'criterion	sat	Satisfaction	1	satisfaction	90:full; 80:half' \
	'criterion	sup	Supplement	1	supplement_timeliness	proportional' \
	'criterion	dig	Digitised	1	digitised_share	proportional' \
	'band	Tốt	90%' \
	'band	Yếu	0%' >"$ALL"
# The official year 2026 runs from 2025-12-15; "now" is 2026-03-10.
mc --now "$NOW" --json par --year 2026 --rubric "$ALL" >"$T/dpar.json" || fail "par on the demo database"
check "demo: the year so far" "j['from']=='2025-12-15' and j['through']=='2026-03-10' and j['period']=='official'" "$T/dpar.json"
mc --now "$NOW" --json report --period 2025-12-15..2026-03-10 >"$T/drep.json" || fail "report on the demo database"
cmp_rate() { # criterion id, report expression
	local p r
	p=$(get "$T/dpar.json" "$(crit "$1")['value']")
	r=$(get "$T/drep.json" "$2")
	if [ "$p" = "$r" ]; then pass "demo: par $1 = report $2 = $p"; else fail "demo: par $1 = $p, report $2 = $r"; fi
}
cmp_rate a "j['rates']['A']"
cmp_rate b "j['rates']['B']"
cmp_rate c "j['rates']['C']"
cmp_rate onl "j['online_share']"
cmp_rate sat "j['satisfaction']"
cmp_rate apo "j['late_with_apology']"
check "demo: A's inputs are the report's columns" \
	"$(crit a)['denominator']>0" "$T/dpar.json"
R_RES=$(get "$T/drep.json" "j['total']['resolved_total']")
R_GOOD=$(get "$T/drep.json" "j['total']['resolved_early']+j['total']['resolved_on_time']")
check "demo: A = (early + on time) / resolved from the report totals" \
	"$(crit a)['numerator']==$R_GOOD and $(crit a)['denominator']==$R_RES" "$T/dpar.json"
# Every data-fed criterion lists exactly the dossiers it counts.
for id in a b c apo onl sat sup dig; do
	mc --now "$NOW" --json par dossiers $id --year 2026 --rubric "$ALL" >"$T/dd.json" || fail "par dossiers $id"
	check "demo: par dossiers $id matches the scorecard's inputs" \
		"(lambda c: j['numerator']==c['numerator'] and j['denominator']==c['denominator'] and len(j['dossiers'])==c['denominator'] and sum(d['in_numerator'] for d in j['dossiers'])==c['numerator'])(json.load(open('$T/dpar.json'))['criteria'][[x['id'] for x in json.load(open('$T/dpar.json'))['criteria']].index('$id')])" "$T/dd.json"
done
# The default rubric runs on the same database (human output too).
mc --now "$NOW" par --year 2026 >"$T/dtext.txt" 2>&1 && grep -q "ontime" "$T/dtext.txt" && pass "default rubric, text output" ||
	fail "default rubric text output: $(head -5 "$T/dtext.txt")"

echo "par.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
