#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Crash safety: a writer (tests/cli/crash_driver, the same core calls as the
# commands) records intakes and transfers in a long run and is killed with
# SIGKILL at random moments, ROUNDS times, restarted each time on the same
# file; between rounds the real binary also records intakes and is killed
# too. Afterwards PRAGMA integrity_check (sqlite3 shell) says ok, `motcua
# verify` passes (chain intact, no half-written event), every intake whose
# code was printed is present, every printed transfer happened, codes and
# register numbers are gapless, and writing goes on normally.
# usage: crash.sh MOTCUA_BINARY SOURCE_ROOT CRASH_DRIVER [ROUNDS]
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
DRV=${3:?crash driver}
ROUNDS=${4:-12}
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

"$BIN" --db "$DB" init >/dev/null || { echo "FAIL - init"; exit 1; }
"$BIN" --db "$DB" catalog import "$SRC/data/catalogue.csv" >/dev/null || { echo "FAIL - catalogue"; exit 1; }
PROC=$("$BIN" --db "$DB" --json catalog list | "$PY" -c "import json,sys; print(json.load(sys.stdin)['procedures'][0]['code'])")

: >"$T/printed"
killed=0
for ((r = 1; r <= ROUNDS; r++)); do
	# The driver: a long run killed after 0.05..0.80 s.
	"$DRV" "$DB" "$SRC" "$PROC" 100000 "r$r" >>"$T/printed" 2>>"$T/driver.err" &
	pid=$!
	sleep "0.$(printf '%02d' $((5 + RANDOM % 75)))"
	if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$pid" 2>/dev/null
	# The real binary: a loop of intakes, one of them killed mid-way.
	(
		for ((i = 0; i < 20; i++)); do
			out=$("$BIN" --db "$DB" --json intake --procedure "$PROC" --name "CLI $r-$i") || continue
			printf 'I %s\n' "$(printf '%s' "$out" | "$PY" -c "import json,sys; print(json.load(sys.stdin)['code'])")" >>"$T/printed"
		done
	) &
	loop=$!
	sleep "0.$(printf '%02d' $((10 + RANDOM % 80)))"
	# The intake runs in a command substitution: find it by this test's own file.
	victim=$(pgrep -f -- "--db $DB --json intake" | head -1)
	[ -n "$victim" ] && kill -KILL "$victim" 2>/dev/null && killed=$((killed + 1))
	wait "$loop" 2>/dev/null
done
npr=$(grep -c '^I ' "$T/printed")
echo "# $ROUNDS rounds, $killed writers killed with SIGKILL, $npr intakes printed"
[ "$killed" -ge "$ROUNDS" ] && pass "writers were killed mid-run" || fail "only $killed kills"
[ "$npr" -gt 0 ] && pass "intakes were acknowledged" || fail "nothing was written"
if grep -v '^$' "$T/driver.err" | grep -q .; then fail "driver errors:"; head -5 "$T/driver.err"; else pass "no error before the kills"; fi

ic=$(sqlite3 "$DB" "PRAGMA integrity_check" 2>&1)
[ "$ic" = "ok" ] && pass "PRAGMA integrity_check: ok" || fail "integrity_check: $ic"

"$BIN" --db "$DB" --json verify >"$T/verify" 2>"$T/verr"; rc=$?
if [ $rc -eq 0 ] && "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j['ok'] and j['integrity'] and j['chained'] == j['events'] else 1)" "$T/verify"; then
	pass "motcua verify: integrity and hash chain intact"
else
	fail "verify (exit $rc)"; head -c 1200 "$T/verify"; cat "$T/verr"
fi

"$PY" - "$DB" "$T/printed" <<'PYEOF' && pass "every printed intake and transfer is present; codes and register numbers gapless" || fail "acknowledged writes lost"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
status = dict(c.execute("SELECT code, status FROM dossiers"))
ok = True
for line in open(sys.argv[2]):
    kind, code = line.split()
    if code not in status:
        print("  printed intake %s is missing" % code); ok = False
    elif kind == "T" and status[code] != "processing":
        print("  printed transfer of %s is missing (status %s)" % (code, status[code])); ok = False
nos = sorted(r[0] for r in c.execute("SELECT register_no FROM dossiers"))
if nos != list(range(1, len(nos) + 1)):
    print("  register numbers have gaps"); ok = False
per_day = {}
for (code,) in c.execute("SELECT code FROM dossiers"):
    head, seq = code.rsplit("-", 1)
    per_day.setdefault(head, []).append(int(seq))
for head, seqs in per_day.items():
    if sorted(seqs) != list(range(1, len(seqs) + 1)):
        print("  codes of %s have gaps" % head); ok = False
sys.exit(0 if ok else 1)
PYEOF

# Writing goes on after the crashes.
"$BIN" --db "$DB" intake --procedure "$PROC" --name "Sau sự cố" >/dev/null 2>"$T/err" \
	&& "$BIN" --db "$DB" verify >/dev/null 2>>"$T/err" && pass "intake and verify after the crashes" \
	|| { fail "writing after the crashes"; cat "$T/err"; }
[ $fails -eq 0 ] && echo "crash: all passed" || echo "crash: $fails failed"
exit $((fails > 0))
