#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared set-up of the terminal-interface tests: a private HOME and XDG
# folders, a pinned locale, clock and terminal, a private tmux server, and
# wait_for, which polls the screen until a text shows or a timeout passes
# (no fixed sleeps). Sourced by tests/tui/*.sh with MOTCUA set to the program.
set -u
: "${MOTCUA:?set MOTCUA to the motcua program}"
command -v tmux >/dev/null 2>&1 || { echo "tmux is missing"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/motcua-tui.XXXXXX")
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
export LC_ALL=C.UTF-8 TZ=Asia/Ho_Chi_Minh
unset NO_COLOR LANGUAGE
TUI_TERM=${TUI_TERM:-tmux-256color}
NOW=${NOW:-"2025-11-12 09:30"}
DB="$T/motcua.db"
CONF="$T/motcua.ini"
SOCK="$T/tmux.sock"
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
printf '[ui]\nlanguage = %s\n' "${TUI_LANG:-en}" >"$CONF"
TIMEOUT=${TUI_TIMEOUT:-15}

tmx() { tmux -S "$SOCK" -f /dev/null "$@"; }
cleanup() {
	for s in "$T"/*.sock; do [ -S "$s" ] && tmux -S "$s" kill-server >/dev/null 2>&1; done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# The command line on the same database and clock.
mc() { "$MOTCUA" --config "$CONF" --db "$DB" --now "$NOW" "$@"; }

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	tmx capture-pane -p -t t 2>/dev/null
	exit 1
}

# Start the interface in a 100x30 tmux window (extra args go to motcua).
start_tui() {
	tmx new-session -d -x "${COLS:-100}" -y "${ROWS:-30}" -s t \
		"env TERM=$TUI_TERM LC_ALL=C.UTF-8 ${TUI_ENV:-} '$MOTCUA' --config '$CONF' --db '$DB' --now '$NOW' $*; echo \"[exited \$?]\"; sleep 3600" ||
		fail "tmux did not start"
	wait_for "F10" || fail "the interface did not start"
}

screen() { tmx capture-pane -p -t t; }

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows; fails after the timeout.
wait_for() {
	end=$(($(date +%s) + ${2:-$TIMEOUT}))
	while :; do
		screen | grep -qF -- "$1" && return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}

# wait_gone TEXT [SECONDS]: poll until TEXT is no longer on the screen.
wait_gone() {
	end=$(($(date +%s) + ${2:-$TIMEOUT}))
	while :; do
		screen | grep -qF -- "$1" || return 0
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.05
	done
}

keys() { tmx send-keys -t t "$@"; }
type_text() { tmx send-keys -t t -l -- "$1"; }

# NFD (decomposed) form of a text, as some Vietnamese keyboards send it.
nfd() { /usr/bin/python3 -c 'import sys,unicodedata;print(unicodedata.normalize("NFD",sys.argv[1]),end="")' "$1"; }

# A database with the shipped catalogue.
setup_db() {
	mc init >/dev/null || fail "motcua init failed"
	mc catalog import "$SRCDIR/data/catalogue.csv" >/dev/null || fail "catalog import failed"
}

# JSON field of `show CODE --json`.
show_field() {
	mc --json show "$1" | /usr/bin/python3 -c 'import sys,json;d=json.load(sys.stdin);v=d
for k in sys.argv[1].split("."):
    v=v[k] if v is not None else None
print(json.dumps(v,ensure_ascii=False) if not isinstance(v,str) else v)' "$2"
}
