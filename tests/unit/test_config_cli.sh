#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `motcua config ...` and start-up with a bad configuration, through the real
# program: data/motcua.ini equals `motcua config example`; a bad or missing
# --config file stops the program with file, line and key on stderr and a
# non-zero status; the XDG lookup is honoured.
# Usage: test_config_cli.sh MOTCUA SOURCE_ROOT
exe=$1
root=$2
fx="$root/tests/fixtures/config"
tmp=$(mktemp -d /tmp/mc-config-cli-XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" LANGUAGE=en LC_ALL=C.UTF-8
unset XDG_CONFIG_HOME XDG_DATA_HOME MOTCUA_NOW
mkdir -p "$HOME"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# 1. The example file is generated from the settings table.
"$exe" config example > "$tmp/example.ini" || fail "config example exits non-zero"
cmp -s "$tmp/example.ini" "$root/data/motcua.ini" ||
	fail "data/motcua.ini differs from 'motcua config example' (regenerate it)"

# 2. Bad files refuse to start, naming file, line and key.
expect_refusal() { # file line key
	out=$("$exe" --config "$1" config show 2>&1 >/dev/null)
	rc=$?
	[ $rc -ne 0 ] || fail "$1: exit status 0"
	case "$out" in
	*"$1"*"line $2"*"$3"*) ;;
	*) fail "$1: message '$out' lacks file, line $2 and '$3'" ;;
	esac
}
expect_refusal "$fx/bad-time.ini" 5 afternoon_open
expect_refusal "$fx/bad-negative.ini" 3 due_soon_days
expect_refusal "$fx/bad-section.ini" 4 "[agencies]"
expect_refusal "$fx/bad-key.ini" 4 nmae
expect_refusal "$fx/bad-junk.ini" 3 "this line is junk"
expect_refusal "$fx/bad-enum.ini" 3 supplement_mode

out=$("$exe" --config "$tmp/none.ini" config show 2>&1 >/dev/null)
[ $? -ne 0 ] || fail "missing --config file: exit status 0"
case "$out" in *"$tmp/none.ini"*"does not exist"*) ;; *) fail "missing --config: '$out'" ;; esac

# 3. config check FILE.
"$exe" config check "$fx/good-full.ini" > "$tmp/out" || fail "good-full.ini refused"
grep -q "valid" "$tmp/out" || fail "config check says nothing"
if "$exe" config check "$fx/bad-bool.ini" > /dev/null 2>&1; then fail "bad-bool.ini accepted"; fi

# 4. Lookup: $XDG_CONFIG_HOME, then ~/.config; config show --json tells the source.
"$exe" --json config show | grep -q '"source": null' || fail "defaults: source should be null"
mkdir -p "$HOME/.config/motcua" "$tmp/xdg/motcua"
printf '[ui]\ntheme = mono\n' > "$HOME/.config/motcua/motcua.ini"
"$exe" --json config show | grep -q '"theme": "mono"' || fail "~/.config not read"
printf '[ui]\ntheme = light\n' > "$tmp/xdg/motcua/motcua.ini"
XDG_CONFIG_HOME="$tmp/xdg" "$exe" --json config show > "$tmp/out"
grep -q '"theme": "light"' "$tmp/out" || fail "XDG_CONFIG_HOME not read first"
grep -q "\"source\": \"$tmp/xdg/motcua/motcua.ini\"" "$tmp/out" || fail "source not shown"
# A bad user file stops every command, with its line.
printf '[ui]\n\ntheme = purple\n' > "$HOME/.config/motcua/motcua.ini"
out=$("$exe" config show 2>&1 >/dev/null)
[ $? -ne 0 ] || fail "bad ~/.config file: exit status 0"
case "$out" in *"motcua.ini, line 3"*theme*purple*) ;; *) fail "bad user file: '$out'" ;; esac

# 5. The effective settings read back give the same settings.
rm -f "$HOME/.config/motcua/motcua.ini"
"$exe" --config "$fx/good-full.ini" config show > "$tmp/shown.ini" || fail "show good-full"
"$exe" --config "$tmp/shown.ini" config show > "$tmp/shown2.ini" || fail "shown file refused"
[ "$(tail -n +2 "$tmp/shown.ini")" = "$(tail -n +2 "$tmp/shown2.ini")" ] || fail "show does not round-trip"

[ $fails -eq 0 ] && echo "config cli: ok"
exit $fails
