#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Start, resize below 80x24 ("too small" message), back to 100x30 (the
# screen and the typed text restored, the process alive), then quit cleanly,
# under several TERM values and with NO_COLOR.
. "$(dirname "$0")/lib.sh"
setup_db
k=0
for term in xterm-256color tmux-256color screen linux; do
	TUI_TERM=$term
	for env in "" "NO_COLOR=1"; do
		TUI_ENV=$env
		k=$((k + 1))
		SOCK="$T/tmux$k.sock"
		start_tui
		wait_for "Dashboard" || fail "$term: no dashboard"
		keys F2
		wait_for "Due moment" || fail "$term: no intake screen"
		type_text "ly lich"
		wait_for "2.000488" || fail "$term: pick list"
		# Every typed key must be handled before the resize: keys pressed while
		# the terminal is too small are ignored on purpose.
		wait_for "ly lich" || fail "$term: the typed text is not shown"
		tmx resize-window -t t -x 60 -y 20
		wait_for "too small" || fail "$term: no 'too small' message at 60x20"
		tmx resize-window -t t -x 79 -y 30
		wait_for "too small" || fail "$term: no 'too small' message at 79x30"
		tmx resize-window -t t -x 100 -y 30
		wait_for "Due moment" || fail "$term: the intake screen did not come back"
		screen | grep -qF "ly lich" || fail "$term: the typed text was lost on resize"
		screen | grep -qF "too small" && fail "$term: garbage left after resize"
		tmx resize-window -t t -x 80 -y 24
		wait_gone "too small" 2 || fail "$term: 80x24 must be enough"
		wait_for "10Quit" || fail "$term: no function-key bar at 80x24 (keys as 1Help … 10Quit)"
		keys Escape F10
		wait_for "[exited 0]" || fail "$term $env: did not exit cleanly"
		tmx kill-server >/dev/null 2>&1
	done
done
echo ok
