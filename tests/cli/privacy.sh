#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Personal data through the command line on a real SQLite file:
#   - the database and a backup get no permission for others (its WAL files
#     too: tests/unit/test_users.c checks them while the database is open);
#   - ID numbers are masked in lists (text and --json), in the output of
#     transitions and in the Excel workbook; `show` reveals the number and
#     logs who opened it; `audit access [CODE]` lists that log (newest first);
#   - `purge` clears the personal fields of applicants whose dossiers all
#     ended more than retention_years ago (configurable), records an event,
#     leaves the others alone; --dry-run changes nothing; admins only.
# usage: privacy.sh MOTCUA_BINARY SOURCE_ROOT
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset MOTCUA_NOW
umask 022 # the usual default: files would be world-readable without care
DB="$T/m.db"
ME=$(id -un)
fails=0
pass() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { # DESCRIPTION PYTHON-EXPRESSION-OVER-j FILE
	if "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$3" 2>"$T/pyerr"; then
		pass "$1"
	else
		fail "$1: $2"; head -c 1500 "$3"; echo; cat "$T/pyerr"
	fi
}
run() { local now=$1; shift; "$BIN" --db "$DB" --now "$now" --json "$@" >"$T/out" 2>"$T/err"; rc=$?; }
ok() { if [ "$rc" -eq 0 ]; then pass "$1"; else fail "$1 (exit $rc)"; cat "$T/err"; fi; }
refused() {
	if [ "$rc" -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q -- "$2" "$T/err"; then pass "$1"; else fail "$1 (exit $rc)"; cat "$T/err"; fi
}
code() { "$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['code'])" "$T/out"; }
no_others() { # FILE DESCRIPTION
	local m
	m=$(stat -c %a "$1" 2>/dev/null) || { fail "$2: $1 is missing"; return; }
	[ $((8#$m & 7)) -eq 0 ] && pass "$2 (mode $m)" || fail "$2: mode $m gives others access"
}

run "2019-03-04 08:00" init
ok "init"
no_others "$DB" "the database file has no permission for others"
printf 'minh-secret-1\n' | run "2019-03-04 08:00" user add minh --role clerk --password
as_minh() { local now=$1; shift; printf 'minh-secret-1\n' | "$BIN" --db "$DB" --now "$now" --json --user minh "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# ---- masking -------------------------------------------------------------------
# Old: An (2019, handed over), Bình (2019, withdrawn 2019); open: Cường (2019,
# still processing); recent: Dũng (2019 and again 2023).
as_minh "2019-03-04 09:00" intake --procedure 1.000656 --name "Nguyễn Văn An" --id 079090001234 --phone 0912345678 --address "12 Lê Lợi" --email an@example.vn
ok "intake with an ID number"
OLD=$(code)
as_minh "2019-03-04 09:01" finish "$OLD"
check "transition output masks the ID number" "j['id_number'] == '0790*****234'" "$T/out"
as_minh "2019-03-04 09:02" handover "$OLD" --rating 3
as_minh "2019-03-04 09:05" intake --procedure 1.000656 --name "Trần Thị Bình" --id 079190002345
WD=$(code)
as_minh "2019-03-04 09:06" withdraw "$WD"
as_minh "2019-03-04 09:10" intake --procedure 1.000593 --name "Lê Văn Cường" --id 079090003456
OPEN=$(code)
as_minh "2019-03-04 09:15" intake --procedure 1.000656 --name "Phạm Dũng" --id 079090004567
D1=$(code)
as_minh "2019-03-04 09:16" finish "$D1"
as_minh "2019-03-04 09:17" handover "$D1"
as_minh "2023-06-01 09:00" intake --procedure 1.000656 --name "Phạm Dũng" --id 079090004567
D2=$(code)
as_minh "2023-06-01 09:01" finish "$D2"
as_minh "2023-06-01 09:02" handover "$D2"
as_minh "2019-03-05 09:00" guide --name "Võ Thị Em" --reason "Thiếu tờ khai"

run "2023-06-01 10:00" list --limit 100
check "list --json masks every ID number" "all(d['id_number'] is None or '*' in d['id_number'] for d in j['dossiers']) and '0790*****234' in [d['id_number'] for d in j['dossiers']]" "$T/out"
"$BIN" --db "$DB" list --search "nguyen van an" >"$T/list.txt"
grep -q "Nguyễn Văn An" "$T/list.txt" && ! grep -q "079090001234" "$T/list.txt" &&
	pass "list in text has no ID number" || fail "list in text"
run "2023-06-01 10:00" list --search 079090001234
check "searching by the full number finds it, shown masked" "len(j['dossiers']) == 1 and j['dossiers'][0]['id_number'] == '0790*****234'" "$T/out"
printf '[privacy]\nmask_ids = no\n' >"$T/nomask.ini"
"$BIN" --config "$T/nomask.ini" --db "$DB" --json list --search 079090001234 >"$T/out"
check "mask_ids = no shows the number in lists" "j['dossiers'][0]['id_number'] == '079090001234'" "$T/out"

# ---- show reveals and logs; audit access --------------------------------------
run "2023-06-02 08:00" audit access "$OLD"
check "nobody opened it yet" "j['access'] == []" "$T/out"
as_minh "2023-06-02 08:30" show "$OLD"
check "show reveals the ID number to the clerk who opens it" "j['id_number'] == '079090001234' and j['phone'] == '0912345678'" "$T/out"
"$BIN" --db "$DB" --now "2023-06-02 08:45" show "$OLD" >"$T/show.txt"
grep -q "079090001234" "$T/show.txt" && pass "show in text reveals it too" || fail "show in text"
run "2023-06-02 09:00" show NOPE-0001
refused "show of an unknown code logs nothing" "NOPE-0001"
run "2023-06-02 09:00" audit access "$OLD"
check "the access log: who, when, newest first" "[(a['actor'], a['at'], a['purpose']) for a in j['access']] == [('$ME','2023-06-02 08:45','show'), ('minh','2023-06-02 08:30','show')] and all(a['code'] == '$OLD' for a in j['access'])" "$T/out"
run "2023-06-02 09:00" audit access
check "the whole log" "len(j['access']) == 2" "$T/out"
run "2023-06-02 09:00" audit access NOPE-0001
refused "the log of an unknown dossier" "NOPE-0001"
"$BIN" --db "$DB" audit access "$OLD" >"$T/audit.txt"
grep -q "2023-06-02 08:30  $OLD  minh" "$T/audit.txt" && pass "audit access in text" || { fail "audit access in text"; cat "$T/audit.txt"; }

# ---- the workbook masks ---------------------------------------------------------
if "$BIN" --db "$DB" export --period 2019-03 -o "$T/x.xlsx" >/dev/null 2>"$T/err"; then
	"$PY" - "$T/x.xlsx" <<'EOF' && pass "the workbook has no full ID number" || fail "the workbook shows a full ID number"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
sys.exit(0 if not any('079090001234' in c for c in cells) and any('0790*****234' in c for c in cells) else 1)
EOF
else
	fail "export"; cat "$T/err"
fi

# ---- backup (when the command exists) ---------------------------------------------
if "$BIN" --help | grep -q "motcua backup"; then
	if "$BIN" --db "$DB" backup -o "$T/copy.db" >/dev/null 2>"$T/err"; then
		no_others "$T/copy.db" "the backup has no permission for others"
	else
		fail "backup"; cat "$T/err"
	fi
else
	echo "skip - no backup command in this build"
fi

# ---- purge ----------------------------------------------------------------------
# 2025-03-10, 5 years: cutoff 2020-03-10. An and Bình ended in 2019 -> purged;
# Cường is still open; Dũng came back in 2023; Em's counter log (2019) is cleared.
as_minh "2025-03-10 08:00" purge --dry-run
refused "a clerk may not purge" "minh"
run "2025-03-10 08:00" purge --dry-run
check "dry run counts" "j['dry_run'] is True and j['cutoff'] == '2020-03-10 08:00' and j['retention_years'] == 5 and (j['applicants'], j['dossiers'], j['counter_logs']) == (3, 2, 1)" "$T/out"
run "2025-03-10 08:00" show "$OLD"
check "a dry run changes nothing" "j['applicant'] == 'Nguyễn Văn An'" "$T/out"
printf '[privacy]\nretention_years = 10\n' >"$T/ten.ini"
"$BIN" --config "$T/ten.ini" --db "$DB" --now "2025-03-10 08:00" --json purge --dry-run >"$T/out"
check "the retention period is a setting" "j['applicants'] == 0 and j['cutoff'] == '2015-03-10 08:00'" "$T/out"
printf '[privacy]\nretention_years = 0\n' >"$T/keep.ini"
"$BIN" --config "$T/keep.ini" --db "$DB" --now "2025-03-10 08:00" --json purge >"$T/out" 2>"$T/err"; rc=$?
refused "retention 0 keeps everything" "retention"
"$BIN" --db "$DB" --now "2025-03-10 08:00" purge >"$T/purge.txt" 2>&1
grep -q "Cleared the personal data of 3 applicant(s) (2 dossier(s) ended before 2020-03-10 08:00)" "$T/purge.txt" &&
	pass "purge reports what it cleared" || { fail "purge report"; cat "$T/purge.txt"; }
run "2025-03-10 09:00" show "$OLD"
check "the purged applicant: name replaced, numbers gone, statistics kept" "j['applicant'] == '(đã xoá)' and j['id_number'] is None and j['phone'] is None and j['status'] == 'returned' and j['outcome'] is not None and j['events'][-1]['kind'] == 'note' and j['events'][-1]['actor'] == '$ME'" "$T/out"
run "2025-03-10 09:00" show "$OPEN"
check "an open dossier keeps its data" "j['applicant'] == 'Lê Văn Cường' and j['id_number'] == '079090003456'" "$T/out"
run "2025-03-10 09:00" show "$D1"
check "an applicant who came back keeps their data" "j['applicant'] == 'Phạm Dũng'" "$T/out"
run "2025-03-10 09:00" list --search "nguyen van an"
check "the purged name is not found any more" "j['dossiers'] == []" "$T/out"
run "2025-03-10 09:00" purge
check "nothing left to purge" "(j['applicants'], j['dossiers'], j['counter_logs']) == (0, 0, 0)" "$T/out"
if command -v sqlite3 >/dev/null; then
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM applicants WHERE name = 'Nguyễn Văn An' OR id_number = '079090001234' OR address LIKE '%Lê Lợi%' OR email IS NOT NULL OR name_fold LIKE '%nguyen van an%'")" = 0 ] &&
		pass "no trace of the purged fields in the file" || fail "purged fields still in the applicants table"
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM counter_logs WHERE applicant_name = 'Võ Thị Em'")" = 0 ] &&
		pass "the old counter log's name is cleared" || fail "counter log name kept"
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM purges")" = 2 ] && pass "each purge run is recorded" || fail "purge runs not recorded"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
