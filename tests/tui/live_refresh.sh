#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A dossier received by another process (the command line) appears on the
# open list and on the dashboard counters without a key press, within
# about two seconds (the interface polls PRAGMA data_version once a second).
. "$(dirname "$0")/lib.sh"
setup_db
start_tui
wait_for "Received today" || fail "no dashboard"
screen | grep -E "Received today +0" >/dev/null || fail "dashboard not at 0"
keys F4
wait_for "No dossier matches" || fail "list not empty at start"
mc intake --procedure 2.000488 --name "Lê Văn Sáu" --id 001200000006 >/dev/null || fail "CLI intake failed"
wait_for "Lê Văn Sáu" 3 || fail "the new dossier did not appear within 3 s"
keys F9
wait_for "Received today" || fail "no dashboard"
screen | grep -E "Received today +1" >/dev/null || fail "dashboard did not count it"
mc intake --procedure 2.000488 --name "Phạm Thị Bảy" --id 001200000007 >/dev/null || fail "CLI intake failed"
end=$(($(date +%s) + 3))
until screen | grep -E "Received today +2" >/dev/null; do
	[ "$(date +%s)" -ge "$end" ] && fail "the dashboard did not refresh within 3 s"
	sleep 0.05
done
# Idle CPU: the process sleeps in the terminal read between polls.
pid=$(pgrep -n -f -- "--db $DB" || true)
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
	t0=$(awk '{print $14+$15}' "/proc/$pid/stat")
	start=$(date +%s)
	wait_for "NEVER-SHOWN-TEXT" 3 && fail "impossible"
	t1=$(awk '{print $14+$15}' "/proc/$pid/stat")
	echo "CPU ticks used while idle for $(($(date +%s) - start)) s: $((t1 - t0))"
	[ $((t1 - t0)) -le 30 ] || fail "busy loop: $((t1 - t0)) ticks in 3 s"
fi
keys F10
wait_for "[exited 0]" || fail "did not exit cleanly"
echo ok
