#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Test wrapper for `meson test --wrap` (used by tests/valgrind.sh): runs every
# program of the build under
#   valgrind --error-exitcode=1 --leak-check=full
#            --errors-for-leak-kinds=definite --track-origins=yes
# A test that is itself a program of the build (the cmocka unit tests) runs
# under valgrind directly. A test that is a script (shell, python, sh) runs
# as is, but every argument and the MOTCUA variable that names a program of
# the build is replaced by a small shim that starts that program under
# valgrind, so the motcua binary the scripts drive is checked too; the
# scripts themselves are not changed. Each valgrind run writes its own log;
# the test fails when any log reports an error (a script that expects the
# program to fail would otherwise hide valgrind's exit status).
#
# Environment (set by tests/valgrind.sh): MC_VG_BUILD = absolute build folder,
# MC_VG_LOGS = absolute folder for the logs, MC_VG_SUPP = suppressions file.
set -u
: "${MC_VG_BUILD:?set MC_VG_BUILD to the build folder}" "${MC_VG_LOGS:?set MC_VG_LOGS}"
[ $# -ge 1 ] || { echo "valgrind-wrap.sh: no test program" >&2; exit 2; }

vg=(valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
	--track-origins=yes --num-callers=30)
[ -n "${MC_VG_SUPP:-}" ] && vg+=("--suppressions=$MC_VG_SUPP")

# Absolute path of an argument naming an existing file ("./motcua" too).
abs_file() {
	case $1 in */*) [ -f "$1" ] && realpath -e -- "$1" 2>/dev/null ;; *) return 1 ;; esac
}

# True for an executable ELF file inside the build folder (absolute path).
is_build_program() {
	case $1 in "$MC_VG_BUILD"/*) ;; *) return 1 ;; esac
	[ -f "$1" ] && [ -x "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = ELF ]
}

name=$(basename "$1")
logs=$(mktemp -d "$MC_VG_LOGS/$name.XXXXXX")
# Tests may run the program as another account (setpriv): let it write its log.
chmod 1777 "$logs"
prog=$(abs_file "$1") || prog=$1

if is_build_program "$prog"; then
	"${vg[@]}" --log-file="$logs/$name.%p.log" "$@"
	rc=$?
else
	shims=$(mktemp -d "${TMPDIR:-/tmp}/motcua-vg-shims.XXXXXX")
	chmod 755 "$shims"
	trap 'rm -rf "$shims"' EXIT
	shim() { # program -> path of its shim
		local s="$shims/$(basename "$1")"
		if [ ! -e "$s" ]; then
			{
				echo '#!/bin/sh'
				printf 'exec'
				printf " '%s'" "${vg[@]}" "--log-file=$logs/$(basename "$1").%p.log" "$1"
				printf ' "$@"\n'
			} >"$s"
			chmod +x "$s"
		fi
		printf '%s' "$s"
	}
	args=()
	for a in "$@"; do
		p=$(abs_file "$a") || p=$a
		if is_build_program "$p"; then args+=("$(shim "$p")"); else args+=("$a"); fi
	done
	if [ -n "${MOTCUA:-}" ]; then
		p=$(abs_file "$MOTCUA") || p=$MOTCUA
		if is_build_program "$p"; then
			MOTCUA=$(shim "$p")
			export MOTCUA
		fi
	fi
	"${args[@]}"
	rc=$?
fi

# Any valgrind error in any process of this test fails it.
bad=0
for l in "$logs"/*.log; do
	[ -f "$l" ] || continue
	if grep -qE 'ERROR SUMMARY: [1-9]' "$l"; then
		bad=1
		echo "---- valgrind: $l ----" >&2
		cat "$l" >&2
	fi
done
n=$(ls "$logs" | wc -l)
echo "valgrind: $n process(es) checked, $([ $bad = 0 ] && echo 'no error' || echo 'ERRORS')" >&2
[ $bad = 0 ] || exit 1
exit $rc
