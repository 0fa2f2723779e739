#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Build and run the libFuzzer targets of tests/fuzz for a fixed time each.
#
#   tests/fuzz/run.sh [-t SECONDS] [-j JOBS] [TARGET...]
#
# Builds build-fuzz/ (CC=clang, -Dfuzz=true, address+undefined sanitizers),
# replays the reproducers in tests/fuzz/crashes/ (fixed bugs must stay fixed),
# then runs each target (default: all) for SECONDS (default 60, or
# $FUZZ_SECONDS) on a copy of its seed corpus tests/fuzz/corpus/<target>/.
# Prints one summary line per target (executions, exec/s, corpus, coverage)
# and exits non-zero when any target crashed, leaked, timed out or printed a
# sanitizer report. Logs: build-fuzz/fuzz-out/<target>.log; a crashing input
# is saved as build-fuzz/fuzz-out/<target>-crash-<sha1>.
#
# Internal mode used by `meson test -C build-fuzz --suite fuzz`:
#   run.sh --smoke TARGET BUILDDIR SRCDIR   (seeds and reproducers, once each)
set -u

all_targets="catalog config calendar period validate template rubric"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

# A sanitizer or libFuzzer report in a log (the exit status is checked too).
reported() {
	grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: (Address|Undefined|Leak)' "$1"
}

# Replay the saved reproducers of a target once each.
replay() { # target fuzzdir srcdir log
	local t=$1 bin=$2/fuzz_$1 files=()
	for f in "$3"/crashes/"$t"-*; do
		[ -f "$f" ] && files+=("$f")
	done
	[ ${#files[@]} -eq 0 ] && return 0
	"$bin" -runs=1 "${files[@]}" >>"$4" 2>&1 && ! reported "$4"
}

if [ "${1:-}" = "--smoke" ]; then
	t=$2 fuzzdir=$3 srcdir=$4
	log=$(mktemp)
	trap 'rm -f "$log"' EXIT
	rc=0
	"$fuzzdir/fuzz_$t" -runs=0 "$srcdir/corpus/$t" >"$log" 2>&1 || rc=1
	reported "$log" && rc=1
	replay "$t" "$fuzzdir" "$srcdir" "$log" || rc=1
	[ $rc -ne 0 ] && cat "$log"
	exit $rc
fi

seconds=${FUZZ_SECONDS:-60}
jobs=1
while getopts "t:j:h" opt; do
	case $opt in
	t) seconds=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
targets=${*:-$all_targets}
case $seconds in '' | *[!0-9]*) echo "run.sh: -t wants a number of seconds, not \"$seconds\"" >&2; exit 2 ;; esac
for t in $targets; do
	case " $all_targets " in *" $t "*) ;; *) echo "run.sh: unknown target \"$t\"; the targets are: $all_targets" >&2; exit 2 ;; esac
done

cd "$(dirname "$0")/../.." || exit 2
src=$PWD/tests/fuzz
build=build-fuzz
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
		>"/tmp/motcua-fuzz-setup.$$" 2>&1 || { cat "/tmp/motcua-fuzz-setup.$$"; rm -f "/tmp/motcua-fuzz-setup.$$"; exit 2; }
	rm -f "/tmp/motcua-fuzz-setup.$$"
fi
meson compile -C "$build" $(for t in $targets; do printf 'fuzz_%s ' "$t"; done) >/dev/null || {
	echo "run.sh: the fuzz build failed (meson compile -C $build)" >&2
	exit 2
}
out=$PWD/$build/fuzz-out
mkdir -p "$out"
rc=0
printf '%-9s %-6s %6s %12s %9s %8s %7s\n' target result time executions exec/s corpus cov
for t in $targets; do
	bin=$PWD/$build/tests/fuzz/fuzz_$t
	log=$out/$t.log
	work=$out/corpus-$t
	rm -rf "$work" && mkdir -p "$work"
	: >"$log"
	result=ok
	replay "$t" "$PWD/$build/tests/fuzz" "$src" "$log" || result=REPRO
	start=$(date +%s)
	par=()
	[ "$jobs" -gt 1 ] && par=(-jobs="$jobs" -workers="$jobs")
	# In $out: libFuzzer writes its job logs (fuzz-N.log) to the current folder.
	(cd "$out" && "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=8192 "${par[@]}" -print_final_stats=1 -artifact_prefix="$out/$t-" \
		"$work" "$src/corpus/$t") >>"$log" 2>&1 || result=CRASH
	rm -f "$out"/fuzz-*.log
	reported "$log" && [ $result = ok ] && result=REPORT
	elapsed=$(($(date +%s) - start))
	execs=$(awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}' "$log")
	speed=$(awk '/stat::average_exec_per_sec/ {s += $2} END {print s + 0}' "$log")
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
	printf '%-9s %-6s %5ss %12s %9s %8s %7s\n' "$t" "$result" "$elapsed" "$execs" "$speed" \
		"$(ls "$work" | wc -l)" "${cov:-?}"
	if [ $result != ok ]; then
		rc=1
		grep -E -m5 'ERROR:|runtime error:|SUMMARY:|Test unit written' "$log" | sed 's/^/    /'
	fi
done
[ $rc -eq 0 ] && echo "fuzz: no crash, no sanitizer report ($seconds s per target)" ||
	echo "fuzz: FAILED (logs in $out/)"
exit $rc
