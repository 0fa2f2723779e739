#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole dossier lifecycles through the command line on a real SQLite file,
# with a frozen clock (--now) and --json compared by /usr/bin/python3:
# init (idempotent; a missing folder creates nothing), catalogue and units,
# intake (codes restart daily, register numbers continue), transfer with the
# 15:00 rule, supplement/resume, finish/handover with a rating, the apology
# (once; the dossier stays late), stop, withdraw, counter logs, lists
# (overdue, search without diacritics, keyset paging), and refused
# transitions that leave the database unchanged.
# usage: lifecycle.sh MOTCUA_BINARY SOURCE_ROOT
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset MOTCUA_NOW
DB="$T/m.db"
fails=0
pass() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
# check DESCRIPTION PYTHON-EXPRESSION-OVER-j FILE
check() {
	if "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$3" 2>"$T/pyerr"; then
		pass "$1"
	else
		fail "$1: $2"; head -c 1500 "$3"; echo; cat "$T/pyerr"
	fi
}
# run NOW ARGS... -> stdout in $T/out, status in $rc
run() {
	local now=$1; shift
	"$BIN" --db "$DB" --now "$now" --json "$@" >"$T/out" 2>"$T/err"; rc=$?
}
ok() { # description: last command succeeded
	if [ "$rc" -eq 0 ]; then pass "$1"; else fail "$1 (exit $rc)"; cat "$T/err"; fi
}
refused() { # description, expected text in the message: failed with one sentence
	if [ "$rc" -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q -- "$2" "$T/err"; then
		pass "$1"
	else
		fail "$1 (exit $rc)"; cat "$T/err"
	fi
}
snapshot() { # the whole visible state: every dossier with its events
	"$BIN" --db "$DB" --now "2030-01-01 08:00" --json list --limit 1000 >"$T/snap.list"
	for c in $("$PY" -c "import json,sys; print(' '.join(d['code'] for d in json.load(open(sys.argv[1]))['dossiers']))" "$T/snap.list"); do
		"$BIN" --db "$DB" --json show "$c"
	done >"$T/snap.show"
	cat "$T/snap.list" "$T/snap.show" | md5sum
}
field() { "$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))$1)" "$T/out"; }

# ---- init -----------------------------------------------------------------
"$BIN" --db "$T/no/such/dir/x.db" init >"$T/out" 2>"$T/err"; rc=$?
refused "init in a missing folder is refused" "does not exist"
[ ! -e "$T/no" ] && pass "nothing was created" || fail "a missing folder was created"
run "2025-03-03 08:00" init
ok "init creates the database"
cp "$T/out" "$T/init1"
check "init reports the schema and imports the catalogue" \
	"j['schema_version'] >= 1 and j['procedures'] >= 40 and j['catalogue'] is not None" "$T/init1"
perm=$(stat -c %a "$DB")
case $perm in *0) pass "database not readable by others ($perm)";; *) fail "database mode $perm";; esac
run "2025-03-03 08:00" init
check "init is idempotent" "j['migrations_applied'] == 0 and j['procedures'] >= 40" "$T/out"
run "2025-03-03 08:00" unit list
check "unit list" "{'MC','LD'} <= {u['code'] for u in j['units']} and all(set(u) >= {'code','name'} for u in j['units'])" "$T/out"
run "2025-03-03 08:00" catalog list
check "catalog list" "len(j['procedures']) >= 40 and all(set(p) >= {'code','name','field','limit','limit_unit'} and p['limit_unit'] in ('days','hours','calendar-days','same-day') for p in j['procedures'])" "$T/out"
run "2025-03-03 08:00" show NOPE
refused "show of an unknown code" "NOPE"

# ---- intake ---------------------------------------------------------------
P=2.000488 # 10 working days, steps PNV:7 days;LD:2 days;MC:1 days
run "2025-03-03 09:00" intake --procedure $P --name "Nguyễn Văn Đức" --id 001085012345 --phone 0912345678 --address "12 Lê Lợi"
ok "intake"
cp "$T/out" "$T/i1"
check "intake JSON" "set(j) >= {'code','register_no','received','due','trail'} and j['code'].endswith('-250303-0001') and j['register_no'] == 1 and j['received'] == '2025-03-03 09:00' and j['due'] == '2025-03-17 09:00' and len(j['trail']) > 0" "$T/i1"
A=$(field "['code']")
run "2025-03-03 09:05" intake --procedure $P --id 001085012345 --channel online
check "the applicant is found again by ID number" "j['applicant_known'] and j['code'].endswith('-250303-0002') and j['register_no'] == 2" "$T/out"
B=$(field "['code']")
run "2025-03-04 08:00" intake --procedure $P --name "Trần Thị Bình" --channel postal
check "codes restart each day, register numbers continue" "j['code'].endswith('-250304-0001') and j['register_no'] == 3" "$T/out"
C=$(field "['code']")
run "2025-03-04 08:10" intake --procedure $P --name "Lê Thị Đào"
D=$(field "['code']")
run "2025-03-04 08:20" intake --procedure $P --name "Phạm Văn Tú"
E=$(field "['code']")
before=$(snapshot)
run "2025-03-04 09:00" intake --procedure 9.999999 --name X
refused "unknown procedure refused" "9.999999"
run "2025-03-04 09:00" intake --procedure $P --name X --id 12345
refused "an ID number of the wrong length is refused" "12345"
run "2025-03-04 09:00" intake --procedure $P --name X --phone 12
refused "a bad phone number is refused" "12"
[ "$(snapshot)" = "$before" ] && pass "refused intakes changed nothing" || fail "a refused intake changed the database"
run "2025-03-04 09:00" intake --procedure $P --name "Khách nước ngoài" --id 999085012345
check "an unknown CCCD province prefix only warns" "j['warning'] is not None" "$T/out"
grep -q "warning" "$T/err" && pass "the warning is printed" || fail "no warning on stderr"
F=$(field "['code']")

# ---- refused transitions on a received dossier -----------------------------
before=$(snapshot)
run "2025-03-03 10:00" handover "$A" --rating 3
refused "hand-over before the result" "no result yet"
run "2025-03-03 10:00" resume "$A"
refused "resume without a supplement request" "not waiting for a supplement"
run "2025-03-03 10:00" transfer "$A" --to NOWHERE
refused "transfer to an unknown unit" "NOWHERE"
run "2025-03-03 10:00" finish "$A" --result maybe
refused "an unknown result word" "maybe"
[ "$(snapshot)" = "$before" ] && pass "refused transitions changed nothing" || fail "a refused transition changed the database"

# ---- A: transfer (15:00 rule), steps, finish early, hand-over ---------------
run "2025-03-03 16:00" transfer "$A" --to PNV --note "hồ sơ giấy"
ok "transfer to PNV"
check "transfer recorded" "j['status'] == 'processing' and j['unit'] == 'PNV' and j['events'][-1]['kind'] == 'transfer' and j['events'][-1]['from'] == 'MC' and j['events'][-1]['to'] == 'PNV' and j['events'][-1]['note'] == 'hồ sơ giấy' and j['events'][-1]['effective'] > '2025-03-03 16:00'" "$T/out"
run "2025-03-06 10:00" transfer "$A" --to LD
check "the department's step is judged against its budget" "j['events'][-1]['step_outcome'] == 'early' and j['unit'] == 'LD'" "$T/out"
run "2025-03-07 10:00" finish "$A" --result approved
check "finish early" "j['status'] == 'ready' and j['result'] == 'approved' and j['outcome'] == 'early' and j['finished'] == '2025-03-07 10:00' and j['unit'] == 'MC'" "$T/out"
run "2025-03-07 14:00" handover "$A" --rating 3
check "hand-over with rating" "j['status'] == 'returned' and j['returned'] == '2025-03-07 14:00' and j['rating'] == 3" "$T/out"
before=$(snapshot)
run "2025-03-07 15:00" finish "$A"
refused "finishing a returned dossier" "$A"
run "2025-03-07 15:00" handover "$A"
refused "a second hand-over" "$A"
run "2025-03-07 15:00" apologize "$A" --reason x --new-due "2025-04-01 09:00"
refused "an apology for a returned dossier" "$A"
[ "$(snapshot)" = "$before" ] && pass "refused transitions changed nothing" || fail "a refused transition changed the database"
run "2025-03-07 15:00" show "$A"
check "show JSON" "set(j) >= {'code','procedure','applicant','channel','status','unit','received','due','original_due','finished','returned','result','outcome','rating','apology','events'} and j['apology'] is None and [e['kind'] for e in j['events']] == ['intake','transfer','transfer','finish','handover'] and all(set(e) >= {'at','kind','actor','from','to','note'} for e in j['events']) and j['applicant'] == 'Nguyễn Văn Đức' and j['procedure'] == '$P' and j['channel'] == 'direct'" "$T/out"

# ---- B: apology once, still late -------------------------------------------
run "2025-03-13 09:00" apologize "$B" --reason "Chờ xác minh" --new-due "2025-03-14 08:00"
refused "the new due must be after the current due" "after the current due"
run "2025-03-13 09:00" apologize "$B" --reason "Chờ xác minh của cơ quan công an" --new-due "2025-03-24 09:00" --signer "Nguyễn Văn A" --notified-by sms
check "apology recorded" "j['apology']['reason'] == 'Chờ xác minh của cơ quan công an' and j['apology']['new_due'] == '2025-03-24 09:00' and j['apology']['signer'] == 'Nguyễn Văn A' and j['apology']['at'] == '2025-03-13 09:00' and j['due'] == '2025-03-24 09:00' and j['original_due'] != j['due']" "$T/out"
before=$(snapshot)
run "2025-03-13 10:00" apologize "$B" --reason again --new-due "2025-03-28 09:00"
refused "a second apology" "only once"
[ "$(snapshot)" = "$before" ] && pass "the second apology changed nothing" || fail "the second apology changed the database"
run "2025-03-20 09:00" finish "$B"
check "a dossier with an apology still counts as late" "j['outcome'] == 'late' and j['status'] == 'ready'" "$T/out"

# ---- C: supplement and resume (restart) -------------------------------------
run "2025-03-05 09:00" supplement "$C" --reason "Thiếu bản sao giấy khai sinh"
check "supplement requested in time" "j['status'] == 'supplement' and j['supplement_late'] == False" "$T/out"
run "2025-03-05 09:30" finish "$C"
refused "finish while waiting for a supplement" "resume"
run "2025-03-10 10:00" resume "$C"
check "resume restarts the limit from now" "j['status'] == 'received' and j['due'] == '2025-03-24 10:00' and j['original_due'] == '2025-03-24 10:00' and j['events'][-1]['kind'] == 'resume'" "$T/out"
run "2025-03-14 10:00" supplement "$C" --reason "Thiếu tờ khai"
check "a late supplement request is flagged" "j['supplement_late'] == True" "$T/out"

# ---- D stopped, E withdrawn -------------------------------------------------
run "2025-03-05 09:00" stop "$D"
refused "stop needs a reason" "reason"
run "2025-03-05 09:00" stop "$D" --reason "Cơ quan có thẩm quyền yêu cầu dừng"
check "stopped" "j['status'] == 'stopped' and j['closed'] == '2025-03-05 09:00' and j['outcome'] is None" "$T/out"
run "2025-03-05 09:10" withdraw "$E"
check "withdrawn" "j['status'] == 'withdrawn'" "$T/out"
run "2025-03-05 09:20" transfer "$E" --to PNV
refused "transfer of a withdrawn dossier" "$E"

# ---- counter logs without a dossier -------------------------------------------
run "2025-03-05 10:00" guide --name "Bùi Nam" --procedure $P --reason "Thiếu tờ khai; thiếu bản chụp căn cước"
check "guidance (form 02) logged" "j['kind'] == 'guide' and j['id'] >= 1" "$T/out"
run "2025-03-05 10:05" refuse --name "Bùi Nam" --reason "Không thuộc thẩm quyền"
check "refusal (form 03) logged" "j['kind'] == 'refuse'" "$T/out"
run "2025-03-05 10:06" guide --name "Bùi Nam"
refused "guidance needs the missing items" "reason"

# ---- lists ------------------------------------------------------------------
run "2025-03-19 10:00" list --overdue
check "overdue list (F only: A returned, B apologised to 03-24, C waiting, D/E closed)" "[d['code'] for d in j['dossiers']] == ['$F']" "$T/out"
run "2025-03-17 10:00" list --apology
check "apology list: open, at or past the apology deadline, no apology" "'$F' in [d['code'] for d in j['dossiers']] and '$B' not in [d['code'] for d in j['dossiers']]" "$T/out"
run "2025-03-18 10:00" list --ready
check "waiting for collection" "[d['code'] for d in j['dossiers']] == ['$B']" "$T/out"
run "2025-03-18 10:00" list --supplement
check "waiting for supplement" "[d['code'] for d in j['dossiers']] == ['$C']" "$T/out"
run "2025-03-18 10:00" list --search "nguyen van duc"
check "search without diacritics" "sorted(d['code'] for d in j['dossiers']) == sorted(['$A','$B'])" "$T/out"
run "2025-03-18 10:00" list --search "$(printf 'D\xc3\xa0o')"
check "search with diacritics and upper case" "[d['code'] for d in j['dossiers']] == ['$D']" "$T/out"
run "2025-03-18 10:00" list --search "$(printf 'Le\xcc\x82 Thi\xcc\xa3')"
check "decomposed search text" "[d['code'] for d in j['dossiers']] == ['$D']" "$T/out"
run "2025-03-18 10:00" list --search "đào"
check "search with đ" "[d['code'] for d in j['dossiers']] == ['$D']" "$T/out"
run "2025-03-18 10:00" list --search 001085012345
check "search by ID number" "sorted(d['code'] for d in j['dossiers']) == sorted(['$A','$B'])" "$T/out"
lower=$(echo "$C" | tr 'A-Z' 'a-z')
run "2025-03-18 10:00" list --search "$lower"
check "search by code, any case" "[d['code'] for d in j['dossiers']] == ['$C']" "$T/out"
run "2025-03-18 10:00" list --status stopped
check "by status" "[d['code'] for d in j['dossiers']] == ['$D'] and 'events' not in j['dossiers'][0]" "$T/out"
# keyset paging: 2 a page over 6 dossiers, no repeats, no gaps
seen=""
after=""
for page in 1 2 3 4; do
	if [ -n "$after" ]; then run "2025-03-18 10:00" list --limit 2 --after "$after"; else run "2025-03-18 10:00" list --limit 2; fi
	seen="$seen $("$PY" -c "import json,sys; print(' '.join(d['code'] for d in json.load(open(sys.argv[1]))['dossiers']))" "$T/out")"
	after=$(field "['next'] or ''")
	[ -z "$after" ] && break
done
n_all=$(echo $seen | wc -w); n_uniq=$(echo $seen | tr ' ' '\n' | sort -u | wc -l)
[ "$n_all" -eq 6 ] && [ "$n_uniq" -eq 6 ] && pass "keyset paging: 6 dossiers in pages of 2" || fail "paging gave: $seen"
run "2025-03-18 10:00" list --limit 0
refused "a bad page size" "limit"

# ---- human output -------------------------------------------------------------
"$BIN" --db "$DB" show "$A" >"$T/human" 2>&1 && grep -q "$A" "$T/human" && pass "show in text" || fail "show in text"
# In Vietnamese the labels are multibyte ("Kênh tiếp nhận:"): every value
# still starts in one column, and the history names its events in words.
printf '[ui]\nlanguage = vi\n' >"$T/vi.ini"
"$BIN" --db "$DB" --config "$T/vi.ini" show "$A" >"$T/human-vi" 2>&1
if "$PY" - "$T/human-vi" <<'EOP'
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
cols = {m.group(1): m.end(1) + len(m.group(2))
        for m in (re.match(r'  (\S[^:]*:)( +)\S', l) for l in lines) if m}
ok = len(cols) >= 6 and len(set(cols.values())) == 1 and any('đã tiếp nhận' in l for l in lines)
sys.exit(0 if ok else 1)
EOP
then pass "show in Vietnamese: values in one column, events in words"
else fail "show in Vietnamese"; cat "$T/human-vi"; fi

# An open late dossier says how late in working days (the screens' count);
# a returned one does not.
"$BIN" --db "$DB" --now "2025-03-19 10:00" --config "$T/vi.ini" show "$F" >"$T/late-vi" 2>&1
grep -q "^  Trễ hạn: *trễ [1-9][0-9]* ngày làm việc$" "$T/late-vi" \
	&& pass "show of a late open dossier: 'Trễ hạn: trễ N ngày làm việc'" || { fail "show of a late dossier"; cat "$T/late-vi"; }
"$BIN" --db "$DB" --now "2025-03-19 10:00" show "$A" | grep -q "Delay:" \
	&& fail "a returned dossier shows a delay" || pass "a returned dossier shows no delay"
# Back-dated writes (all of these, under --now) are listed with the event in words.
"$BIN" --db "$DB" --config "$T/vi.ini" audit backdated >"$T/bd-vi" 2>&1
grep -q "đã tiếp nhận" "$T/bd-vi" && ! grep -q " intake " "$T/bd-vi" \
	&& pass "audit backdated names events in words" || { fail "audit backdated in Vietnamese"; head -3 "$T/bd-vi"; }

echo "lifecycle: $fails failure(s)"
[ "$fails" -eq 0 ]
