#!/usr/bin/env bash
# The whole suite: gcc build with -Werror, clang -Werror compile, and the
# address+undefined sanitizer build. Run from the top of the repository.
set -u
cd "$(dirname "$0")/.."
# MOTCUA_BUILD_PREFIX lets several checkouts' runs share a folder without clashing.
p=${MOTCUA_BUILD_PREFIX:-build}
rc=0
run() { echo "+ $*"; "$@" || rc=1; }
rm -rf "$p-test" "$p-clang" "$p-asan"
run meson setup "$p-test" -Dwerror=true -Dwarning_level=3 >/dev/null
run meson test -C "$p-test" --print-errorlogs
if command -v clang >/dev/null; then
  CC=clang run meson setup "$p-clang" -Dwerror=true -Dwarning_level=3 >/dev/null
  run meson compile -C "$p-clang"
fi
run meson setup "$p-asan" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run meson test -C "$p-asan" --print-errorlogs
exit $rc
