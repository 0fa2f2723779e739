#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Terminal safety: an applicant's name, address and a transfer note holding
# a screen-clearing CSI (ESC[2J), an OSC 52 clipboard write (ESC]52;c;...BEL)
# and a BEL are stored through the command line as typed, and then never
# come out raw: not in the human output of list and show, not in --json
# (escaped as \u001b), not in the PDF receipt (read by pdftotext), not in any
# cell of the Excel workbook (read by openpyxl), and not in the raw byte
# stream the terminal interface writes (captured by tmux pipe-pane).
# usage: terminal_safety.sh MOTCUA_BINARY SOURCE_ROOT
set -u
BIN=${1:?motcua binary}
SRC=${2:?source root}
PY=/usr/bin/python3
T=$(mktemp -d)
SOCK="$T/tmux.sock"
cleanup() {
	[ -S "$SOCK" ] && tmux -S "$SOCK" kill-server >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset MOTCUA_NOW
# fontconfig keeps its caches until exit (see tests/print/lsan.supp): not our leak.
export LSAN_OPTIONS="suppressions=$SRC/tests/print/lsan.supp:print_suppressions=0"
DB="$T/m.db"
fails=0
pass() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }
mc() { "$BIN" --db "$DB" --now "2025-03-03 09:00" "$@"; }

# clean FILE DESCRIPTION: no ESC, BEL or other C0 control (but tab/newline/CR/FF) in FILE.
clean() {
	if "$PY" - "$1" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
bad = [b for b in data if (b < 0x20 and b not in (9, 10, 12, 13)) or b == 0x7f]
sys.exit(1 if bad else 0)
EOF
	then pass "$2: no raw control character"; else fail "$2: raw control characters"; od -c "$1" | head -20; fi
}
# has FILE TEXT DESCRIPTION: the visible part of the name is still there.
has() { grep -qF -- "$2" "$1" && pass "$3" || fail "$3: \"$2\" missing"; }

EVIL=$'Evil\e[2J\e]52;c;ZXZpbA==\aName\a'
mc init >/dev/null 2>"$T/err" || { fail "init"; cat "$T/err"; }
mc --json intake --procedure 1.000656 --name "$EVIL" --id 079090001234 --address "$EVIL 12 Lê Lợi" \
	>"$T/intake.json" 2>"$T/err" || { fail "intake of the hostile name"; cat "$T/err"; }
CODE=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['code'])" "$T/intake.json")
mc transfer "$CODE" --to PNV --note $'ghi ch\u00fa \e]0;pwned\a' >"$T/transfer.txt" 2>&1 ||
	fail "transfer with a hostile note"
clean "$T/transfer.txt" "transfer confirmation"

# Stored as typed: the JSON carries every control character, escaped.
mc --json show "$CODE" >"$T/show.json"
if "$PY" -c "
import json,sys
j = json.load(open(sys.argv[1]))
ok = j['applicant'] == sys.argv[2] and j['events'][1]['note'].endswith('\x1b]0;pwned\x07')
sys.exit(0 if ok else 1)" "$T/show.json" "$EVIL"; then
	pass "the name is stored as typed and --json escapes it"
else
	fail "the JSON does not give the stored name back"
fi
clean "$T/show.json" "show --json"
grep -q '\\u001b\[2J' "$T/show.json" && pass "ESC written as \\u001b in JSON" || fail "no \\u001b in JSON"
mc --json list >"$T/list.json"
clean "$T/list.json" "list --json"

# Human output of list and show.
mc list >"$T/list.txt"
clean "$T/list.txt" "list"
has "$T/list.txt" "Evil" "list shows the printable part of the name"
mc show "$CODE" >"$T/show.txt"
clean "$T/show.txt" "show"
has "$T/show.txt" "Name" "show shows the printable part of the name"
has "$T/show.txt" "ghi chú" "show shows the printable part of the note"
mc list --search evil >"$T/search.txt"
clean "$T/search.txt" "list --search"

# The PDF receipt, read back with poppler.
if mc letter receipt "$CODE" -o "$T/r.pdf" >/dev/null 2>"$T/err"; then
	pdftotext -layout "$T/r.pdf" "$T/r.txt"
	clean "$T/r.txt" "PDF receipt text"
	has "$T/r.txt" "Evil" "the receipt names the applicant"
else
	fail "letter receipt"; cat "$T/err"
fi

# The Excel workbook, read back with openpyxl: every cell of every sheet.
if mc export --period 2025-03 -o "$T/x.xlsx" >/dev/null 2>"$T/err"; then
	if "$PY" - "$T/x.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
found = False
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if isinstance(v, str):
                if any(ord(c) < 0x20 and c not in '\t\n\r' or ord(c) == 0x7f for c in v):
                    print('control character in', ws.title, repr(v)); sys.exit(1)
                if 'Evil' in v:
                    found = True
sys.exit(0 if found else 2)
EOF
	then pass "workbook cells: no control character, the name is there"; else fail "workbook cells"; fi
else
	fail "export"; cat "$T/err"
fi

# Catalogue text (a field name, a procedure name) in the report table, and a
# PAR entry's note in its history.
printf 'code,name,field,level,limit,limit_unit\n9.000001,Th\u1ee7 t\u1ee5c %s,L\u0129nh v\u1ef1c %s,province,3,days\n' "$EVIL" "$EVIL" >"$T/evil.csv"
if mc catalog import "$T/evil.csv" >/dev/null 2>"$T/err"; then
	mc intake --procedure 9.000001 --name "An" >/dev/null 2>&1 || fail "intake of the hostile procedure"
	mc report --period 2025-03 >"$T/report.txt" 2>&1 || fail "report"
	clean "$T/report.txt" "report by field"
	has "$T/report.txt" "Evil" "the report names the field"
	mc report --period 2025-03 --by procedure >"$T/report2.txt" 2>&1
	clean "$T/report2.txt" "report by procedure"
	mc catalog list >"$T/catalog.txt"
	clean "$T/catalog.txt" "catalog list"
else
	fail "import of a catalogue with hostile names"; cat "$T/err"
fi
if mc par set publicity 1 --year 2025 --note "$EVIL" >/dev/null 2>"$T/err"; then
	mc par history --year 2025 >"$T/par.txt" 2>&1
	clean "$T/par.txt" "PAR history"
	has "$T/par.txt" "Evil" "the PAR history shows the note"
else
	fail "par set with a hostile note"; cat "$T/err"
fi

# The terminal interface: the raw bytes it writes hold neither the OSC 52
# payload nor the BEL of the name (ncurses' own sequences are fine).
if command -v tmux >/dev/null 2>&1; then
	tmx() { tmux -S "$SOCK" -f /dev/null "$@"; }
	tmx new-session -d -x 100 -y 30 -s t \
		"env TERM=tmux-256color LC_ALL=C.UTF-8 '$BIN' --db '$DB' --now '2025-03-03 09:30'; sleep 3600"
	tmx pipe-pane -o -t t "cat >>'$T/raw.out'"
	wait_for() {
		local end=$(($(date +%s) + 15))
		while ! tmx capture-pane -p -t t | grep -qF -- "$1"; do
			[ "$(date +%s)" -ge "$end" ] && return 1
			sleep 0.05
		done
	}
	if wait_for "F10"; then
		tmx send-keys -t t F4
		if wait_for "Evil"; then
			pass "the list screen shows the name"
			tmx send-keys -t t Enter
			wait_for "PNV" || fail "the detail screen did not open"
			sleep 0.3
			if LC_ALL=C grep -qa $'\e]52\|\e]0;pwned\|\e\\[2J' "$T/raw.out"; then
				fail "the interface sent the stored escape sequences to the terminal"
			else
				pass "the interface never sent the stored escape sequences"
			fi
			if LC_ALL=C grep -qa $'\a' "$T/raw.out"; then
				fail "the interface sent a BEL"
			else
				pass "the interface sent no BEL"
			fi
		else
			fail "the list screen did not show the dossier"
			tmx capture-pane -p -t t
		fi
		tmx send-keys -t t F10
	else
		fail "the interface did not start"
		tmx capture-pane -p -t t
	fi
else
	echo "skip - tmux missing: the terminal interface part"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
