#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `motcua calendar ...` through the real binary: JSON shapes of product.md §3,
# due moments worked out by hand, settings read from a real config file, and
# bad input refused with one clear sentence and a non-zero exit.
# Usage: calendar.sh MOTCUA_BINARY SOURCE_ROOT
set -u
BIN=$1
SRC=$2
PY=/usr/bin/python3
T=$(mktemp -d /tmp/motcua-cli-cal.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export LC_ALL=C.UTF-8 LANGUAGE=en
unset MOTCUA_NOW
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
fails=0
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }

# json EXPR: evaluates a Python expression on the JSON in $T/out (as j).
json() {
	$PY -c "import json,sys; j=json.load(open('$T/out')); sys.exit(0 if ($1) else 1)"
}

# due FROM LIMIT WANT [extra args...]
due() {
	from=$1 limit=$2 want=$3
	shift 3
	if "$BIN" --json calendar due --from "$from" --limit "$limit" "$@" >"$T/out" 2>"$T/err" &&
		json "j['due'] == '$want' and isinstance(j['trail'], list) and '$want' in j['trail'][-1]"; then
		ok "due $from + $limit = $want"
	else
		bad "due $from + $limit: want $want, got $(cat "$T/out" "$T/err")"
	fi
}

# refused WHAT MUST_CONTAIN command...: non-zero exit, nothing on stdout, one line on stderr naming the value.
refused() {
	what=$1 needle=$2
	shift 2
	if "$@" >"$T/out" 2>"$T/err"; then
		bad "$what: accepted"
	elif [ -s "$T/out" ] || [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -qF -- "$needle" "$T/err"; then
		bad "$what: stderr \"$(cat "$T/err")\" should name \"$needle\" in one line"
	else
		ok "$what refused: $(cat "$T/err")"
	fi
}

CAL="$SRC/data/calendar"
# Reference receipt of domain.md §2.
due "2019-11-20 08:37" "25 days" "2019-12-25 08:37" --calendar "$CAL"
# Tết 2025 (27-31/1 off): Fri 24/1 then Mon 3/2 .. Fri 7/2.
due "2025-01-24 10:00" "5 days" "2025-02-07 10:00" --calendar "$CAL"
# 17:01: the clock starts Thu 6/3 07:30.
due "2025-03-05 17:01" "5 days" "2025-03-13 07:30"
# Lunch break: starts 13:30.
due "2025-03-05 12:00" "5 days" "2025-03-12 13:30"
# Make-up Saturday 26/4/2025 counted by default.
due "2025-04-24 10:00" "4 days" "2025-04-29 10:00"
# 24/11/2026 is a holiday.
due "2026-11-20 10:00" "2 days" "2026-11-25 10:00"
# Hours, calendar days, same day.
due "2025-03-10 08:00" "8 hours" "2025-03-11 08:30"
due "2025-01-17 09:00" "10 calendar-days" "2025-02-03 09:00"
due "2025-03-05 15:01" "same-day" "2025-03-06 17:00"
# Into 2027 (no file: 1/1/2027 provisional holiday).
due "2026-12-30 10:00" "3 days" "2027-01-05 10:00"

# The trail explains a weekend intake and the holidays skipped.
"$BIN" --json calendar due --from "2025-01-04 10:00" --limit "15 days" >"$T/out" 2>"$T/err"
if json "j['trail'][0].startswith('Received on Saturday 2025-01-04') and 'Monday 2025-01-06 07:30' in j['trail'][0] and any('Skipped 2025-01-27 to 2025-01-31: Tết Nguyên đán Ất Tỵ (holiday).' == l for l in j['trail']) and j['start'] == '2025-01-06 07:30'"; then
	ok "trail of a Saturday intake across Tết"
else
	bad "trail: $(cat "$T/out" "$T/err")"
fi
# --explain prints the same sentences; the plain form prints the due moment.
if "$BIN" calendar due --from "2025-01-04 10:00" --limit "15 days" --explain >"$T/out" 2>&1 &&
	grep -q "Skipped 2025-01-27 to 2025-01-31" "$T/out" && tail -1 "$T/out" | grep -q "2025-02-03 07:30"; then
	ok "--explain"
else
	bad "--explain: $(cat "$T/out")"
fi
if "$BIN" calendar due --from "2019-11-20 08:37" --limit "25 days" >"$T/out" 2>&1 &&
	grep -q "2019-12-25 08:37" "$T/out" && [ "$(wc -l <"$T/out")" -eq 1 ]; then
	ok "plain due line"
else
	bad "plain due: $(cat "$T/out")"
fi
# --now stands in for --from.
"$BIN" --now "2025-03-05 16:59" --json calendar due --limit "5 days" >"$T/out" 2>"$T/err"
if json "j['due'] == '2025-03-12 16:59'"; then ok "--from defaults to --now"; else bad "--now: $(cat "$T/out" "$T/err")"; fi

# Settings from a real config file: make-up Saturdays not counted.
cat >"$T/nomakeup.ini" <<INI
[rules]
makeup_saturdays = no
INI
due "2025-04-24 10:00" "4 days" "2025-05-05 10:00" --config "$T/nomakeup.ini"
# Other office hours: 07:00-11:30; intake at 07:10 starts at once.
cat >"$T/hours.ini" <<INI
[hours]
morning_open = 07:00
INI
due "2025-03-05 07:10" "1 days" "2025-03-06 07:10" --config "$T/hours.ini"

# calendar days
"$BIN" --json calendar days --year 2026 >"$T/out" 2>"$T/err"
if json "len(j['days']) == 14 and {'date': '2026-11-24', 'kind': 'off', 'name': 'Ngày Văn hóa Việt Nam', 'status': 'confirmed'} in j['days'] and {'date': '2026-01-10', 'kind': 'work', 'name': 'Làm bù cho thứ Sáu 02/01', 'status': 'confirmed'} in j['days'] and j['provisional'] is False"; then
	ok "days 2026"
else
	bad "days 2026: $(cat "$T/out" "$T/err")"
fi
"$BIN" --json calendar days --year 2027 >"$T/out" 2>"$T/err"
if json "j['provisional'] and all(d['status'] == 'provisional' and d['kind'] == 'off' for d in j['days']) and [d['date'] for d in j['days'] if d['date'].startswith('2027-02')] == ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']"; then
	ok "days 2027 provisional"
else
	bad "days 2027: $(cat "$T/out" "$T/err")"
fi
if "$BIN" calendar days --year 2025 >"$T/out" 2>&1 && grep -q "2025-04-26" "$T/out" && grep -q "Tết Nguyên đán Ất Tỵ" "$T/out"; then
	ok "days 2025 (text)"
else
	bad "days 2025 text: $(cat "$T/out")"
fi

# calendar lunar
"$BIN" --json calendar lunar 2025-07-25 >"$T/out" 2>"$T/err"
if json "j['day'] == 1 and j['month'] == 6 and j['year'] == 2025 and j['leap'] is True"; then ok "lunar leap month 2025"; else bad "lunar: $(cat "$T/out" "$T/err")"; fi
"$BIN" --json calendar lunar 2026-02-17 >"$T/out" 2>"$T/err"
if json "(j['day'], j['month'], j['year'], j['leap']) == (1, 1, 2026, False)"; then ok "lunar Tết 2026"; else bad "lunar 2026: $(cat "$T/out" "$T/err")"; fi

# A calendar file given on the command line replaces the configured one.
printf '2027-01-01\toff\tTết Dương lịch\tconfirmed\n2027-02-12\toff\tTết (thêm)\tconfirmed\n' >"$T/2027.tsv"
due "2027-02-11 10:00" "1 days" "2027-02-15 10:00" --calendar "$T/2027.tsv"

# Limits from the catalogue in a real database: a separate online limit and a
# per-procedure same-day cut-off (11:00).
DB="$T/motcua.db"
cat >"$T/cat.csv" <<CSV
code,name,field,level,limit,limit_unit,online_limit,online_limit_unit,same_day_cutoff,fee,documents,steps
9.000001,Thủ tục thử có hạn trực tuyến riêng,Thử nghiệm,province,10,days,5,days,,,Đơn đề nghị,
9.000002,Thủ tục thử trong ngày,Thử nghiệm,province,,same-day,,,11:00,,Đơn đề nghị,
CSV
if "$BIN" --db "$DB" init >/dev/null 2>"$T/err" && "$BIN" --db "$DB" catalog import "$T/cat.csv" >/dev/null 2>>"$T/err"; then
	pdue() { # FROM CODE CHANNEL WANT
		"$BIN" --db "$DB" --json calendar due --from "$1" --procedure "$2" --channel "$3" >"$T/out" 2>"$T/err"
		if json "j['due'] == '$4'"; then ok "procedure $2 ($3) from $1 = $4"; else bad "procedure $2 ($3): $(cat "$T/out" "$T/err")"; fi
	}
	pdue "2025-03-05 10:00" 9.000001 direct "2025-03-19 10:00"
	pdue "2025-03-05 10:00" 9.000001 online "2025-03-12 10:00"
	pdue "2025-03-05 11:15" 9.000002 direct "2025-03-06 17:00"
	pdue "2025-03-05 10:45" 9.000002 postal "2025-03-05 17:00"
	refused "unknown procedure" "9.999999" "$BIN" --db "$DB" calendar due --from "2025-03-05 10:00" --procedure 9.999999
else
	bad "database set-up: $(cat "$T/err")"
fi

# Bad input.
refused "31/02" "2025-02-31" "$BIN" calendar due --from "2025-02-31 10:00" --limit "5 days"
refused "hour 25" "25:00" "$BIN" calendar due --from "2025-01-06 25:00" --limit "5 days"
refused "unparseable date" "yesterday" "$BIN" calendar due --from "yesterday" --limit "5 days"
refused "absurd limit" "100000" "$BIN" calendar due --from "2025-01-06 10:00" --limit "100000 days"
refused "negative limit" "-5" "$BIN" calendar due --from "2025-01-06 10:00" --limit "-5 days"
refused "limit without unit" "\"5\"" "$BIN" calendar due --from "2025-01-06 10:00" --limit "5"
refused "lunar date" "2025-13-01" "$BIN" calendar lunar 2025-13-01
refused "year" "20x5" "$BIN" calendar days --year 20x5
refused "channel" "fax" "$BIN" calendar due --procedure 1.000001 --channel fax
refused "subcommand" "week" "$BIN" calendar week
printf '# test\n2027-01-01\toff\tTết Dương lịch\n' >"$T/bad1.tsv"
refused "calendar line" "bad1.tsv, line 2" "$BIN" calendar days --year 2027 --calendar "$T/bad1.tsv"
printf '2027-04-24\twork\tLàm bù\tconfirmed\n2027-04-21\twork\tLàm bù\tconfirmed\n' >"$T/bad2.tsv"
refused "weekday marked work" "line 2" "$BIN" calendar days --year 2027 --calendar "$T/bad2.tsv"
refused "impact of a bad file" "bad2.tsv" "$BIN" calendar impact --file "$T/bad2.tsv"
# Impact preview on a real database: a new day off on Friday 2026-11-27 moves a
# dossier received 2026-11-20 09:00 with 10 working days (due Monday 2026-12-07:
# 24/11 is already off) by one working day, to Tuesday 2026-12-08; nothing is written.
IDB="$T/impact.db"
"$BIN" --db "$IDB" init >/dev/null 2>&1
"$BIN" --db "$IDB" --now "2026-11-20 09:00" intake --procedure 2.000488 --name "Lê Thị Hoa" >/dev/null 2>&1
printf '2026-11-24\toff\tNgày Văn hóa Việt Nam\tconfirmed\n2026-11-27\toff\tNghỉ thử\tprovisional\n' >"$T/2026.tsv"
before=$(sqlite3 "$IDB" "SELECT count(*), max(due_at) FROM dossiers")
if "$BIN" --db "$IDB" --now "2026-11-20 10:00" --json calendar impact --file "$T/2026.tsv" >"$T/out" 2>"$T/err" &&
	json "j['checked'] == 1 and len(j['moves']) == 1 and j['moves'][0]['due'] == '2026-12-07 09:00' and j['moves'][0]['new_due'] == '2026-12-08 09:00' and j['moves'][0]['working_days'] == 1" &&
	[ "$before" = "$(sqlite3 "$IDB" "SELECT count(*), max(due_at) FROM dossiers")" ]; then
	ok "impact: one open dossier moves by one working day, database unchanged"
else
	bad "impact: $(cat "$T/out" "$T/err")"
fi
refused "impact without a database" "nodb.db" "$BIN" --db "$T/nodb.db" calendar impact --file "$T/2026.tsv"
mkdir -p "$T/badcal"
cp "$T/bad2.tsv" "$T/badcal/2027.tsv"
cat >"$T/badcal.ini" <<INI
[files]
calendar = $T/badcal
INI
refused "configured calendar folder with a bad file" "2027.tsv, line 2" "$BIN" --config "$T/badcal.ini" calendar due --from "2025-01-06 10:00" --limit "5 days"

echo "1..$n"
[ "$fails" -eq 0 ]
