#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite under valgrind (the documented command):
#
#   tests/valgrind.sh [MESON-TEST-ARGS...]      e.g. tests/valgrind.sh --suite unit
#
# Builds build-valgrind/ (no sanitizers) and runs `meson test` with
# tests/valgrind-wrap.sh as the wrapper: every C test program, and the motcua
# binary (and the other programs of the build) called by the shell and python
# tests, run under
#   valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
#            --track-origins=yes --suppressions=tests/valgrind.supp
# Exits non-zero when a test fails or valgrind reports any error (invalid
# access, uninitialised value, definite leak) in any process. Logs of every
# valgrind run: build-valgrind/valgrind-logs/. Prints the duration.
set -u
cd "$(dirname "$0")/.." || exit 2
root=$PWD
build=build-valgrind
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }
start=$(date +%s)
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" -Db_sanitize=none >/dev/null || exit 2
fi
meson compile -C "$build" >/dev/null || { echo "valgrind.sh: the build failed" >&2; exit 2; }
export MC_VG_BUILD="$root/$build" MC_VG_LOGS="$root/$build/valgrind-logs"
export MC_VG_SUPP="$root/tests/valgrind.supp"
rm -rf "$MC_VG_LOGS" && mkdir -p "$MC_VG_LOGS"
# A copy: bash reads a script as it runs, so editing (or pulling) the wrapper
# during the long run must not change the running tests.
cp tests/valgrind-wrap.sh "$build/valgrind-wrap.sh" || exit 2
rc=0
meson test -C "$build" --wrap="$root/$build/valgrind-wrap.sh" --timeout-multiplier=30 \
	--print-errorlogs "$@" || rc=1
procs=$(find "$MC_VG_LOGS" -name '*.log' | wc -l)
errs=$(grep -lE 'ERROR SUMMARY: [1-9]' -r "$MC_VG_LOGS" --include='*.log' | wc -l)
echo "valgrind: $procs processes checked, $errs with errors, $(($(date +%s) - start)) s"
[ "$errs" -eq 0 ] || rc=1
exit $rc
