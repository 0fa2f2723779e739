#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Users and roles through the command line on a real SQLite file:
#   - the first init makes the running account the administrator and says so;
#   - users with passwords (argon2id) log in with --user NAME (password on
#     standard input, as a test can give it); the actor is on every event;
#   - a clerk receives and moves dossiers but may not sign off an apology,
#     import the catalogue, manage users, purge or read the access log; a
#     supervisor signs off the apology and enters PAR criteria; only an
#     administrator manages users, imports the catalogue and makes demo data;
#   - a wrong password, a disabled user and (when run as root) an unknown
#     operating-system account get one sentence and change nothing;
#   - the last active administrator cannot be demoted or disabled;
#   - [audit] login = password asks for a password even without --user.
# usage: roles.sh MOTCUA_BINARY SOURCE_ROOT
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
PY=/usr/bin/python3
T=$(mktemp -d)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset MOTCUA_NOW
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
# run NOW ARGS... (stdin passed through) -> $T/out, $T/err, $rc
run() {
	local now=$1; shift
	"$BIN" --db "$DB" --now "$now" --json "$@" >"$T/out" 2>"$T/err"; rc=$?
}
ok() { if [ "$rc" -eq 0 ]; then pass "$1"; else fail "$1 (exit $rc)"; cat "$T/err"; fi; }
refused() { # DESCRIPTION TEXT: failed with one sentence containing TEXT, nothing on stdout
	if [ "$rc" -ne 0 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q -- "$2" "$T/err" && [ ! -s "$T/out" ]; then
		pass "$1"
	else
		fail "$1 (exit $rc)"; cat "$T/err"
	fi
}
state() { # users, dossiers, events, apologies: what a refusal must leave alone
	"$BIN" --db "$DB" --json user list | md5sum
	"$BIN" --db "$DB" --json list --limit 1000 | md5sum
	for c in $("$BIN" --db "$DB" --json list --limit 1000 | "$PY" -c "import json,sys; print(' '.join(d['code'] for d in json.load(sys.stdin)['dossiers']))"); do
		"$BIN" --db "$DB" --json show "$c" | "$PY" -c "import json,sys; j=json.load(sys.stdin); print(j['status'], j['due'], j['apology'], len(j['events']))"
	done | md5sum
}

# ---- the first administrator ------------------------------------------------
"$BIN" --db "$DB" --now "2025-03-03 08:00" init >"$T/init.txt" 2>&1
grep -qF "The account $ME is the first user of this database, with the role administrator" "$T/init.txt" &&
	pass "init names the first administrator" || { fail "init names the first administrator"; cat "$T/init.txt"; }
run "2025-03-03 08:00" init
ok "init again"
check "a second init makes nobody administrator" "j['admin_created'] is None" "$T/out"
run "2025-03-03 08:00" whoami
check "whoami: administrator by the system account" "j['user'] == '$ME' and j['role'] == 'admin' and j['open'] is False and j['login'] == 'account'" "$T/out"

# ---- users -------------------------------------------------------------------
printf 'minh-secret-1\n' | run "2025-03-03 08:01" user add minh --role clerk --password --full-name "Lê Văn Minh"
ok "add a clerk with a password"
printf 'lan-secret-22\n' | run "2025-03-03 08:01" user add lan --role supervisor --password
ok "add a supervisor with a password"
run "2025-03-03 08:01" user add bao --role admin
ok "add an administrator without a password (system account)"
run "2025-03-03 08:01" user add minh --role clerk
refused "the same name twice" "already exists"
run "2025-03-03 08:01" user add 'x;rm' --role clerk
refused "a bad user name" "not a valid user name"
run "2025-03-03 08:01" user add tuan --role boss
refused "an unknown role" "unknown role"
printf 'short\n' | run "2025-03-03 08:01" user add tuan --role clerk --password
refused "a too short password" "too short"
run "2025-03-03 08:01" user list
check "user list" "[(u['name'], u['role'], u['active'], u['password']) for u in j['users']] == [('bao','admin',True,False),('lan','supervisor',True,True),('$ME','admin',True,False),('minh','clerk',True,True)] or sorted(u['name'] for u in j['users']) == sorted(['bao','lan','$ME','minh'])" "$T/out"
check "user list roles" "{u['name']: u['role'] for u in j['users']} == {'bao':'admin','lan':'supervisor','$ME':'admin','minh':'clerk'} and [u for u in j['users'] if u['name']=='minh'][0]['full_name'] == 'Lê Văn Minh'" "$T/out"
"$BIN" --db "$DB" user list >"$T/users.txt"
grep -q '^minh .*clerk' "$T/users.txt" && pass "user list in text" || fail "user list in text"
# The hash is argon2id, salted, never the password.
if command -v sqlite3 >/dev/null; then
	sqlite3 "$DB" "SELECT name || ' ' || password_hash FROM users WHERE password_hash IS NOT NULL" >"$T/hashes"
	grep -q '^minh \$argon2id\$v=19\$m=19456,t=2,p=1\$' "$T/hashes" && ! grep -q 'secret' "$T/hashes" &&
		pass "passwords stored as argon2id hashes" || { fail "password hashes"; cat "$T/hashes"; }
fi

# ---- a clerk -----------------------------------------------------------------
as() { # NAME PASSWORD NOW ARGS...: a password login as NAME
	local who=$1 pw=$2 now=$3; shift 3
	printf '%s\n' "$pw" | "$BIN" --db "$DB" --now "$now" --json --user "$who" "$@" >"$T/out" 2>"$T/err"; rc=$?
}
as minh minh-secret-1 "2025-03-03 08:30" whoami
check "whoami after a password login" "j['user'] == 'minh' and j['role'] == 'clerk' and j['login'] == 'password'" "$T/out"
as minh minh-secret-1 "2025-03-03 09:00" intake --procedure 1.000656 --name "Nguyễn Văn An" --id 079090001234
ok "a clerk receives a dossier"
A=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['code'])" "$T/out")
as minh minh-secret-1 "2025-03-03 09:05" intake --procedure 1.000593 --name "Trần Thị Bình"
B=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['code'])" "$T/out")
as minh minh-secret-1 "2025-03-03 09:10" transfer "$B" --to PNV
ok "a clerk transfers"
as minh minh-secret-1 "2025-03-03 09:12" guide --name "Đỗ Dũng" --reason "Thiếu tờ khai"
ok "a clerk records a counter log"
before=$(state)
as minh minh-secret-1 "2025-03-10 09:00" apologize "$B" --reason "Chờ ý kiến" --new-due "2025-03-31 17:00"
refused "a clerk may not sign off an apology" "minh"
grep -q "supervisor, administrator" "$T/err" && pass "the refusal names who may" || { fail "the refusal names who may"; cat "$T/err"; }
as minh minh-secret-1 "2025-03-10 09:00" catalog import "$SRC/data/catalogue.csv"
refused "a clerk may not import the catalogue" "minh"
as minh minh-secret-1 "2025-03-10 09:00" user add eve --role admin
refused "a clerk may not add users" "minh"
as minh minh-secret-1 "2025-03-10 09:00" user role minh admin
refused "a clerk may not promote themself" "minh"
as minh minh-secret-1 "2025-03-10 09:00" user list
refused "a clerk may not list users" "minh"
as minh minh-secret-1 "2025-03-10 09:00" purge --dry-run
refused "a clerk may not purge" "minh"
as minh minh-secret-1 "2025-03-10 09:00" audit access
refused "a clerk may not read the access log" "minh"
"$BIN" --db "$T/empty.db" init >/dev/null 2>&1
printf 'minh-secret-1\n' | "$BIN" --db "$T/empty.db" user add minh --role clerk --password >/dev/null 2>&1
printf 'minh-secret-1\n' | "$BIN" --db "$T/empty.db" --user minh demo --dossiers 5 >"$T/out" 2>"$T/err"; rc=$?
refused "a clerk may not fill an empty database with demo data" "minh"
as minh minh-secret-1 "2025-03-10 09:00" par set publicity 1 --year 2025
refused "a clerk may not enter PAR criteria" "minh"
as minh wrong-password "2025-03-10 09:00" intake --procedure 1.000656 --name "Lê Văn Cường"
refused "a wrong password" "wrong user name or password"
as nobody minh-secret-1 "2025-03-10 09:00" list
refused "an unknown user name: the same sentence" "wrong user name or password"
as bao whatever-pw "2025-03-10 09:00" list
refused "a user without a password cannot log in by password" "wrong user name or password"
printf '' | "$BIN" --db "$DB" --json --user minh list >"$T/out" 2>"$T/err"; rc=$?
refused "no password given" "no password"
[ "$(state)" = "$before" ] && pass "the refusals changed nothing" || fail "a refusal changed the database"

# ---- a supervisor -------------------------------------------------------------
as lan lan-secret-22 "2025-03-10 09:00" apologize "$B" --reason "Chờ ý kiến liên ngành" --new-due "2025-03-31 17:00"
ok "a supervisor signs off the apology"
as lan lan-secret-22 "2025-03-10 09:00" par set publicity 1 --year 2025 --note "Niêm yết đủ"
ok "a supervisor enters a PAR criterion"
as lan lan-secret-22 "2025-03-10 09:00" catalog import "$SRC/data/catalogue.csv"
refused "a supervisor may not import the catalogue" "lan"
run "2025-03-10 09:05" show "$B"
check "the actor is recorded on every event" "[(e['kind'], e['actor']) for e in j['events']] == [('intake','minh'),('transfer','minh'),('apology','lan')]" "$T/out"
run "2025-03-10 09:05" catalog import "$SRC/data/catalogue.csv"
ok "an administrator imports the catalogue"

# ---- role changes, disabling, the last administrator ---------------------------
run "2025-03-10 09:10" user role minh supervisor
ok "promote the clerk"
as minh minh-secret-1 "2025-03-10 09:15" audit access
ok "the new role takes effect at once"
run "2025-03-10 09:10" user disable minh
ok "disable a user"
as minh minh-secret-1 "2025-03-10 09:20" list
refused "a disabled user is refused" "wrong user name or password, or the user is disabled"
run "2025-03-10 09:10" user enable minh
ok "enable again"
run "2025-03-10 09:10" user role bao clerk
ok "demote the other administrator"
run "2025-03-10 09:10" user role "$ME" clerk
refused "the last administrator cannot be demoted" "last active administrator"
run "2025-03-10 09:10" user disable "$ME"
refused "the last administrator cannot be disabled" "last active administrator"
as minh minh-secret-1 "2025-03-10 09:20" user password minh
refused "a password change needs a new password" "no password"
"$BIN" --db "$DB" --json --user minh user password >"$T/out" 2>"$T/err" <<'EOF'
minh-secret-1
minh-new-secret
EOF
rc=$?
ok "a user changes their own password"
as minh minh-new-secret "2025-03-10 09:25" whoami
check "the new password works" "j['user'] == 'minh'" "$T/out"

# ---- login = password: every command asks ------------------------------------
printf '[audit]\nlogin = password\n' >"$T/pw.ini"
"$BIN" --config "$T/pw.ini" --db "$DB" --json whoami </dev/null >"$T/out" 2>"$T/err"; rc=$?
refused "password mode without a password" "no password"
printf 'root-secret-9\n' | "$BIN" --db "$DB" --json user password >"$T/out" 2>"$T/err"; rc=$?
ok "the administrator sets a password for the system account"
printf 'root-secret-9\n' | "$BIN" --config "$T/pw.ini" --db "$DB" --json whoami >"$T/out" 2>"$T/err"; rc=$?
ok "password mode: the system account's name and its password"
check "identified by password" "j['user'] == '$ME' and j['login'] == 'password'" "$T/out"
printf 'lan-secret-22\n' | "$BIN" --config "$T/pw.ini" --db "$DB" --json login lan --check >"$T/out" 2>"$T/err"; rc=$?
ok "motcua login NAME --check"
check "login names the user" "j['user'] == 'lan' and j['role'] == 'supervisor'" "$T/out"

# ---- an unknown operating-system account (only when run as root) --------------
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 666 "$DB" "$DB"-wal "$DB"-shm 2>/dev/null
	chmod 777 "$T"
	before=$(state)
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T/home" "$BIN" --db "$DB" --json list >"$T/out" 2>"$T/err"; rc=$?
	refused "an unknown system account may not even read" "is not a user of the database"
	grep -q "motcua user add $(id -un 65534) --role clerk" "$T/err" && pass "the refusal says how to be added" || fail "the refusal says how to be added"
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T/home" "$BIN" --db "$DB" --now "2025-03-10 10:00" intake --procedure 1.000656 --name "X" >"$T/out" 2>"$T/err"; rc=$?
	refused "an unknown system account may not write" "is not a user of the database"
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T/home" "$BIN" --db "$DB" >"$T/out" 2>"$T/err" </dev/null; rc=$?
	refused "nor start the terminal interface" "is not a user of the database"
	[ "$(state)" = "$before" ] && pass "unknown accounts changed nothing" || fail "an unknown account changed the database"
else
	echo "skip - not root: the unknown system account part"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
