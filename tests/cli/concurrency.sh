#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Several clerks at once, with the real binary on one SQLite file: WORKERS
# processes (at least 4) each record EACH intakes, and after each intake
# hand that dossier to a department, finish it or stop it (transitions), all
# at the same time. Afterwards: every acknowledged write (exit 0, code
# printed) is present; dossier codes and register numbers are unique and
# gapless (0001..N, 1..N); every dossier has exactly the events acknowledged;
# no "database is locked" (or busy) message reached a user; verify passes
# (hash chain intact under concurrency). A second round runs WORKERS
# writers in process (tests/cli/crash_driver: intake + transfer each, the
# same core calls) for DRIVER_EACH dossiers each, checks the same and prints
# the throughput of both rounds.
# usage: concurrency.sh MOTCUA_BINARY SOURCE_ROOT CRASH_DRIVER [WORKERS] [EACH] [DRIVER_EACH]
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
DRV=${3:?crash driver}
WORKERS=${4:-4}
EACH=${5:-20}
DRIVER_EACH=${6:-150}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset MOTCUA_NOW
DB="$T/m.db"
NOW="2025-06-02 09:00"
fails=0
pass() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }

"$BIN" --db "$DB" init >/dev/null || { echo "FAIL - init"; exit 1; }
"$BIN" --db "$DB" catalog import "$SRC/data/catalogue.csv" >/dev/null || { echo "FAIL - catalogue"; exit 1; }
PROC=$("$BIN" --db "$DB" --json catalog list | "$PY" -c "import json,sys; print(json.load(sys.stdin)['procedures'][0]['code'])")

# worker W: intake, then one transition per dossier, chosen by its number.
worker() {
	local w=$1 i code out rc
	for ((i = 1; i <= EACH; i++)); do
		out=$("$BIN" --db "$DB" --now "$NOW" --json intake --procedure "$PROC" \
			--name "Người nộp $w-$i" 2>>"$T/err.$w"); rc=$?
		if [ $rc -ne 0 ]; then echo "intake-failed $w-$i" >>"$T/ack.$w"; continue; fi
		code=$(printf '%s' "$out" | "$PY" -c "import json,sys; j=json.load(sys.stdin); print(j['code'], j['register_no'])")
		echo "intake $code" >>"$T/ack.$w"
		code=${code%% *}
		case $((i % 3)) in
		0) "$BIN" --db "$DB" --now "$NOW" transfer "$code" --to PNV >/dev/null 2>>"$T/err.$w" \
			&& echo "transfer $code" >>"$T/ack.$w" ;;
		1) "$BIN" --db "$DB" --now "$NOW" finish "$code" >/dev/null 2>>"$T/err.$w" \
			&& echo "finish $code" >>"$T/ack.$w" ;;
		2) "$BIN" --db "$DB" --now "$NOW" stop "$code" --reason "Thiếu giấy tờ" >/dev/null 2>>"$T/err.$w" \
			&& echo "stop $code" >>"$T/ack.$w" ;;
		esac
	done
}

start=$(date +%s.%N)
pids=()
for ((w = 1; w <= WORKERS; w++)); do
	: >"$T/ack.$w"; : >"$T/err.$w"
	worker "$w" &
	pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
end=$(date +%s.%N)

cat "$T"/ack.* >"$T/ack"
cat "$T"/err.* >"$T/err"
N=$((WORKERS * EACH))
[ "$(grep -c '^intake ' "$T/ack")" -eq "$N" ] && pass "all $N intakes acknowledged" \
	|| { fail "intakes acknowledged: $(grep -c '^intake ' "$T/ack") of $N"; grep -c failed "$T/ack"; }
[ ! -s "$T/err" ] && pass "no error reached a user" || { fail "errors:"; sort "$T/err" | uniq -c | head; }
if grep -qiE 'locked|busy' "$T/err"; then fail "\"database is locked\"/busy reached a user"; else pass "no \"database is locked\""; fi

"$PY" - "$DB" "$T/ack" "$N" <<'PYEOF' && pass "every acknowledged write is present; codes and register numbers unique and gapless" || fail "database content"
import sqlite3, sys
db, ackf, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
c = sqlite3.connect(db)
rows = c.execute("SELECT code, register_no, status FROM dossiers").fetchall()
ok = True
def bad(msg):
    global ok
    ok = False
    print("  " + msg)
codes = sorted(r[0] for r in rows)
want = ["000.00.31.H29-250602-%04d" % i for i in range(1, n + 1)]
if codes != want:
    bad("codes are not 0001..%d: %d rows, first %s last %s" % (n, len(codes), codes[:1], codes[-1:]))
if sorted(r[1] for r in rows) != list(range(1, n + 1)):
    bad("register numbers are not 1..%d" % n)
status = {r[0]: r[2] for r in rows}
kinds = {}
for code, kind in c.execute("SELECT d.code, e.kind FROM events e JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.id"):
    kinds.setdefault(code, []).append(kind)
expect = {"transfer": "processing", "finish": "ready", "stop": "stopped"}
for line in open(ackf):
    parts = line.split()
    if parts[0] == "intake":
        code, regno = parts[1], int(parts[2])
        got = c.execute("SELECT register_no FROM dossiers WHERE code = ?", (code,)).fetchone()
        if not got or got[0] != regno:
            bad("acknowledged intake %s (no. %d) missing or renumbered" % (code, regno))
    elif parts[0] in expect:
        code = parts[1]
        if status.get(code) != expect[parts[0]] or parts[0] not in kinds.get(code, []):
            bad("acknowledged %s of %s missing (status %s, events %s)" % (parts[0], code, status.get(code), kinds.get(code)))
acked = sum(1 for l in open(ackf) if l.split()[0] in ("intake",) + tuple(expect))
events = c.execute("SELECT count(*) FROM events").fetchone()[0]
if events != acked:
    bad("%d events for %d acknowledged writes" % (events, acked))
sys.exit(0 if ok else 1)
PYEOF

"$BIN" --db "$DB" --json verify >"$T/verify" 2>"$T/verr"; rc=$?
if [ $rc -eq 0 ] && "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j['ok'] and j['chained'] == j['events'] else 1)" "$T/verify"; then
	pass "verify: hash chain intact after concurrent writes"
else
	fail "verify (exit $rc)"; head -c 800 "$T/verify"; cat "$T/verr"
fi
"$PY" -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); w=int(sys.argv[4]); print('# %d processes: %d intakes + %d transitions in %.1f s (%.1f intakes/s, %.1f writes/s, each a separate motcua process)' % (w, n, n, s, n/s, 2*n/s))" "$start" "$end" "$N" "$WORKERS"

# ---- round 2: writers in process, many more writes -------------------------
DB2="$T/m2.db"
"$BIN" --db "$DB2" init >/dev/null && "$BIN" --db "$DB2" catalog import "$SRC/data/catalogue.csv" >/dev/null
start=$(date +%s.%N)
pids=()
for ((w = 1; w <= WORKERS; w++)); do
	"$DRV" "$DB2" "$SRC" "$PROC" "$DRIVER_EACH" "d$w" >"$T/drv.$w" 2>"$T/drverr.$w" &
	pids+=($!)
done
# verify while they write: one read transaction, a consistent snapshot.
sleep 0.5
"$BIN" --db "$DB2" --json verify --quick >"$T/live.json" 2>"$T/live.err"; rc=$?
[ $rc -eq 0 ] && "$PY" -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j['ok'] and j['events'] > 0 else 1)" "$T/live.json" \
	&& pass "verify during the writes sees a consistent history" || { fail "verify during writes (exit $rc)"; head -c 600 "$T/live.json"; cat "$T/live.err"; }
drv_rc=0
for p in "${pids[@]}"; do wait "$p" || drv_rc=1; done
end=$(date +%s.%N)
cat "$T"/drverr.* >"$T/drverr"
[ $drv_rc -eq 0 ] && [ ! -s "$T/drverr" ] && pass "$WORKERS in-process writers: no error, no \"database is locked\"" \
	|| { fail "in-process writers failed"; head -5 "$T/drverr"; }
N2=$((WORKERS * DRIVER_EACH))
cat "$T"/drv.* >"$T/drv"
"$PY" - "$DB2" "$T/drv" "$N2" <<'PYEOF' && pass "round 2: $N2 intakes and $N2 transfers present, codes and numbers gapless" || fail "round 2 content"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); n = int(sys.argv[3])
status = dict(c.execute("SELECT code, status FROM dossiers"))
printed = [l.split() for l in open(sys.argv[2])]
ok = sum(1 for k, _ in printed if k == "I") == n and sum(1 for k, _ in printed if k == "T") == n
ok = ok and all(code in status and (k == "I" or status[code] == "processing") for k, code in printed)
ok = ok and sorted(r[0] for r in c.execute("SELECT register_no FROM dossiers")) == list(range(1, n + 1))
ok = ok and sorted(int(code.rsplit("-", 1)[1]) for code in status) == list(range(1, n + 1))
ok = ok and c.execute("SELECT count(*) FROM events").fetchone()[0] == 2 * n
sys.exit(0 if ok else 1)
PYEOF
"$BIN" --db "$DB2" verify >/dev/null 2>"$T/verr" && pass "round 2: verify passes" || { fail "round 2 verify"; cat "$T/verr"; }
"$PY" -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); w=int(sys.argv[4]); print('# %d processes in process: %d intakes + %d transfers in %.1f s (%.0f intakes/s, %.0f writes/s, synchronous=FULL)' % (w, n, n, s, n/s, 2*n/s))" "$start" "$end" "$N2" "$WORKERS"

[ $fails -eq 0 ] && echo "concurrency: all passed" || echo "concurrency: $fails failed"
exit $((fails > 0))
