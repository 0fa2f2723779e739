#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `motcua backup -o FILE` while others write, and the documented restore.
# Three writers run at once (two in-process drivers recording intakes and
# transfers, one loop of `motcua intake`); meanwhile backups are taken.
# Each copy: exit 0, mode 0600 whatever the umask, no temporary file left,
# `motcua verify` passes on it, its counts are consistent (one intake event
# per dossier, register numbers 1..N without gaps) and it is a moment of the
# live database (its last event has the same hash in the live file, all its
# dossiers are there with the same numbers). Refused: an existing file
# without --force (left unchanged), the database itself, a missing folder.
# Restore: stop the writers, verify the copy, move the damaged file and its
# -wal/-shm aside, copy the backup in place, verify, and go on writing with
# the next register number. Also: verify on a file edited with the sqlite3
# shell names the event (exit 1); with allow_backdated = no a write under
# --now is refused; verify lists back-dated writes as warnings (exit 0).
# usage: backup.sh MOTCUA_BINARY SOURCE_ROOT CRASH_DRIVER
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
DRV=${3:?crash driver}
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
umask 022

"$BIN" --db "$DB" init >/dev/null || { echo "FAIL - init"; exit 1; }
"$BIN" --db "$DB" catalog import "$SRC/data/catalogue.csv" >/dev/null || { echo "FAIL - catalogue"; exit 1; }
PROC=$("$BIN" --db "$DB" --json catalog list | "$PY" -c "import json,sys; print(json.load(sys.stdin)['procedures'][0]['code'])")

"$DRV" "$DB" "$SRC" "$PROC" 400 a >"$T/w1" 2>"$T/w1.err" & w1=$!
"$DRV" "$DB" "$SRC" "$PROC" 400 b >"$T/w2" 2>"$T/w2.err" & w2=$!
( for ((i = 0; i < 25; i++)); do "$BIN" --db "$DB" intake --procedure "$PROC" --name "CLI $i" >/dev/null || echo "intake $i failed"; done ) >"$T/w3.err" 2>&1 & w3=$!

# consistent COPY: verify passes, counts agree, a moment of the live file.
consistent() {
	local copy=$1
	"$BIN" --db "$copy" --json verify >"$T/v.json" 2>"$T/v.err" || { cat "$T/v.err"; return 1; }
	"$PY" - "$copy" "$DB" "$T/v.json" <<'PYEOF'
import json, sqlite3, sys
copy, live, v = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2]), json.load(open(sys.argv[3]))
ok = v["ok"] and v["integrity"] and v["chained"] == v["events"]
n = copy.execute("SELECT count(*) FROM dossiers").fetchone()[0]
ok = ok and copy.execute("SELECT count(*) FROM events WHERE kind = 'intake'").fetchone()[0] == n
ok = ok and sorted(r[0] for r in copy.execute("SELECT register_no FROM dossiers")) == list(range(1, n + 1))
head = v["head"]
if head:
    row = live.execute("SELECT hash FROM events WHERE id = ?", (head["id"],)).fetchone()
    ok = ok and row is not None and row[0] == head["hash"]
livecodes = dict(live.execute("SELECT code, register_no FROM dossiers"))
ok = ok and all(livecodes.get(c) == r for c, r in copy.execute("SELECT code, register_no FROM dossiers"))
print("  copy: %d dossiers, %d events" % (n, v["events"]))
sys.exit(0 if ok else 1)
PYEOF
}

sleep 0.3
for i in 1 2 3; do
	"$BIN" --db "$DB" --json backup -o "$T/b$i.db" >"$T/b.json" 2>"$T/b.err"; rc=$?
	if [ $rc -eq 0 ]; then pass "backup $i while three writers write"; else fail "backup $i (exit $rc)"; cat "$T/b.err"; fi
	[ "$(stat -c %a "$T/b$i.db")" = 600 ] && pass "backup $i is mode 600 (umask 022)" || fail "mode $(stat -c %a "$T/b$i.db")"
	consistent "$T/b$i.db" && pass "backup $i is consistent and verifies" || fail "backup $i inconsistent"
	sleep 0.4
done
ls "$T" | grep -q 'tmp-' && fail "a temporary file was left" || pass "no temporary file left"
n1=$(sqlite3 "$T/b1.db" "SELECT count(*) FROM dossiers"); n3=$(sqlite3 "$T/b3.db" "SELECT count(*) FROM dossiers")
[ "$n3" -gt "$n1" ] && pass "later backups hold later writes ($n1 -> $n3 dossiers)" || fail "backups did not follow the writes ($n1, $n3)"

wait $w1 $w2 $w3
cat "$T"/w*.err >"$T/werr"
[ ! -s "$T/werr" ] && pass "no writer saw an error during the backups" || { fail "writer errors"; head -5 "$T/werr"; }

# ---- refusals ----------------------------------------------------------------
sum=$(md5sum <"$T/b1.db")
"$BIN" --db "$DB" backup -o "$T/b1.db" >/dev/null 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q -- "--force" "$T/err" && [ "$(md5sum <"$T/b1.db")" = "$sum" ] \
	&& pass "an existing file is refused in one sentence and left unchanged" || { fail "existing file (exit $rc)"; cat "$T/err"; }
"$BIN" --db "$DB" backup -o "$T/b1.db" --force >/dev/null 2>"$T/err" && consistent "$T/b1.db" >/dev/null \
	&& [ "$(md5sum <"$T/b1.db")" != "$sum" ] && pass "--force replaces it" || { fail "--force"; cat "$T/err"; }
"$BIN" --db "$DB" backup -o "$DB" --force >/dev/null 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && grep -q "database itself" "$T/err" && pass "the database itself is refused" || { fail "self backup (exit $rc)"; cat "$T/err"; }
"$BIN" --db "$DB" backup -o "$T/no/such/b.db" >/dev/null 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && grep -q "does not exist" "$T/err" && [ ! -e "$T/no" ] && pass "a missing folder is refused" || { fail "missing folder (exit $rc)"; cat "$T/err"; }
"$BIN" --db "$DB" backup >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && pass "backup without -o is a usage error" || fail "no -o (exit $rc)"

# ---- restore (README: "Backup and restore") ----------------------------------
"$BIN" --db "$DB" backup -o "$T/final.db" >/dev/null || fail "final backup"
nb=$(sqlite3 "$T/final.db" "SELECT count(*) FROM dossiers")
"$BIN" --db "$DB" intake --procedure "$PROC" --name "Lost after the backup" >/dev/null
# The disk "fails": the live file is damaged.
"$BIN" --db "$DB" verify --quick >/dev/null 2>&1 || fail "the live file verified before the damage"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
dd if=/dev/urandom of="$DB" bs=4096 seek=3 count=4 conv=notrunc status=none
"$BIN" --db "$DB" verify >/dev/null 2>&1 && fail "the damaged file still verifies" || pass "the damaged live file fails verify"
"$BIN" --db "$T/final.db" verify >/dev/null 2>&1 && pass "restore step 1: the backup verifies" || fail "backup does not verify"
mkdir -p "$T/damaged" && mv "$DB" "$DB-wal" "$DB-shm" "$T/damaged/" 2>/dev/null
install -m 600 "$T/final.db" "$DB"
"$BIN" --db "$DB" verify >/dev/null 2>"$T/err" && pass "restore: the restored database verifies" || { fail "restored verify"; cat "$T/err"; }
got=$(sqlite3 "$DB" "SELECT count(*) FROM dossiers")
[ "$got" = "$nb" ] && pass "restore: $nb dossiers, as in the backup" || fail "restored $got dossiers, backup had $nb"
no=$("$BIN" --db "$DB" --json intake --procedure "$PROC" --name "After restore" | "$PY" -c "import json,sys; print(json.load(sys.stdin)['register_no'])")
[ "$no" = $((nb + 1)) ] && pass "restore: the next intake gets register number $no" || fail "next register number $no (want $((nb + 1)))"
"$BIN" --db "$DB" verify >/dev/null 2>&1 && pass "restore: verify after new writes" || fail "verify after restore"

# ---- what a killed backup leaves is removed by the next one -------------------
# A backup killed with kill -9 leaves its temporary copy (FILE.tmp-XXXXXX and
# maybe its journal), unlocked; a running backup holds its own with flock().
printf 'half a copy' >"$T/k.db.tmp-Ab3dE9"; printf 'j' >"$T/k.db.tmp-Ab3dE9-journal"
printf 'being written' >"$T/k.db.tmp-Held01"
flock "$T/k.db.tmp-Held01" sleep 30 & holder=$!
sleep 0.2
printf 'not ours' >"$T/k.db.tmp-other"
"$BIN" --db "$DB" backup -o "$T/k.db" >/dev/null 2>"$T/err" || { fail "backup beside leftovers"; cat "$T/err"; }
[ ! -e "$T/k.db.tmp-Ab3dE9" ] && [ ! -e "$T/k.db.tmp-Ab3dE9-journal" ] \
	&& pass "a killed backup's leftover and its journal are removed by the next backup" || fail "the leftover of a killed backup stays"
[ -e "$T/k.db.tmp-Held01" ] && pass "a copy another backup is writing (flock) is left alone" || fail "a running backup's copy was removed"
[ -e "$T/k.db.tmp-other" ] && pass "a file that is not a backup's temporary name is left alone" || fail "an unrelated file was removed"
kill $holder 2>/dev/null; wait $holder 2>/dev/null
left=$(ls "$T" | grep -c '^k\.db\.tmp-......$')
[ "$left" = 1 ] && pass "after the backup: only the held copy is there" || fail "$left temporary copies after the backup"
rm -f "$T/k.db"* 

# ---- verify on a file edited by another tool; the production setting ---------
"$BIN" --db "$DB" backup -o "$T/t.db" >/dev/null
sqlite3 "$T/t.db" "DROP TRIGGER events_no_update; UPDATE events SET actor = 'someone' WHERE id = 5"
"$BIN" --db "$T/t.db" --json verify >"$T/v.json" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "event 5 " "$T/err" \
	&& "$PY" -c "import json,sys; p=json.load(open(sys.argv[1]))['problems'][0]; sys.exit(0 if p['event_id'] == 5 and p['kind'] == 'event-changed' and p['dossier'] else 1)" "$T/v.json" \
	&& pass "verify names the edited event (exit 1, one sentence)" || { fail "verify of an edited file (exit $rc)"; cat "$T/err"; }
printf '[audit]\nallow_backdated = no\n' >"$T/prod.ini"
before=$(sqlite3 "$DB" "SELECT count(*) FROM events")
"$BIN" --db "$DB" --config "$T/prod.ini" --now "2025-06-02 09:00" intake --procedure "$PROC" --name "Lùi ngày" >/dev/null 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q allow_backdated "$T/err" && [ "$(sqlite3 "$DB" "SELECT count(*) FROM events")" = "$before" ] \
	&& pass "allow_backdated = no: a write under --now is refused in one sentence, nothing written" || { fail "production setting (exit $rc)"; cat "$T/err"; }
before=$(sqlite3 "$DB" "SELECT count(*), max(updated_at) FROM procedures")
"$BIN" --db "$DB" --config "$T/prod.ini" --now "2025-06-02 09:00" catalog import "$SRC/data/catalogue.csv" >/dev/null 2>"$T/err"; rc=$?
[ $rc -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q allow_backdated "$T/err" && [ "$(sqlite3 "$DB" "SELECT count(*), max(updated_at) FROM procedures")" = "$before" ] \
	&& pass "allow_backdated = no: a catalogue import under --now is refused too, nothing written" || { fail "catalogue import under --now (exit $rc)"; cat "$T/err"; }
"$BIN" --db "$DB" --config "$T/prod.ini" intake --procedure "$PROC" --name "Đúng giờ" >/dev/null 2>"$T/err" \
	&& pass "allow_backdated = no: a write at the real time goes through" || { fail "real-time write refused"; cat "$T/err"; }
"$BIN" --db "$DB" --now "2025-06-02 09:00" intake --procedure "$PROC" --name "Lùi ngày" >/dev/null
"$BIN" --db "$DB" --json verify >"$T/v.json" 2>/dev/null; rc=$?
[ $rc -eq 0 ] && "$PY" -c "import json,sys; b=json.load(open(sys.argv[1]))['backdated']; sys.exit(0 if b['count'] == 1 and b['first'][0]['at'] == '2025-06-02 09:00' else 1)" "$T/v.json" \
	&& pass "verify lists the back-dated write as a warning (exit 0)" || fail "back-dated warning (exit $rc)"

[ $fails -eq 0 ] && echo "backup: all passed" || echo "backup: $fails failed"
exit $((fails > 0))
