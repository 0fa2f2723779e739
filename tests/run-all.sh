#!/usr/bin/env bash
# The whole suite: gcc build with -Werror, clang -Werror compile, and the
# address+undefined sanitizer build. Run from the top of the repository.
set -u
cd "$(dirname "$0")/.."
rc=0
run() { echo "+ $*"; "$@" || rc=1; }
rm -rf build-test build-clang build-asan
run meson setup build-test -Dwerror=true -Dwarning_level=3 >/dev/null
run meson test -C build-test --print-errorlogs
if command -v clang >/dev/null; then
  CC=clang run meson setup build-clang -Dwerror=true -Dwarning_level=3 >/dev/null
  run meson compile -C build-clang
fi
run meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run meson test -C build-asan --print-errorlogs
exit $rc
