#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Each outside library may be included from one folder only (engineering.md §2).
# Fails, naming the file, when a header is included anywhere else.
root=${1:-.}
cd "$root" || exit 1
status=0
check() { # regex allowed-folder
	hits=$(grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($1)" src include 2>/dev/null | grep -v "^$2/")
	if [ -n "$hits" ]; then
		echo "layering: '$1' included outside $2/: $hits"
		status=1
	fi
}
check 'n?curses(w)?\.h|ncursesw/|curses\.h|panel\.h' src/tui
check 'sqlite3\.h' src/store
check 'xlsxwriter' src/export
check 'zlib\.h|isa-l' src/export
check 'iniparser\.h|dictionary\.h' src/config
check 'pango|cairo' src/print
check 'utf8proc\.h' src/text
check 'argon2\.h|crypt\.h' src/store
# The core never prints or exits.
hits=$(grep -rnE --include='*.c' --include='*.h' '\b(printf|fprintf|puts|fputs|exit|abort)[[:space:]]*\(' src/core src/store src/text src/config src/print src/export 2>/dev/null | grep -v 'snprintf\|vsnprintf' )
if [ -n "$hits" ]; then
	echo "layering: the core prints or exits:"; echo "$hits"; status=1
fi
# Only the clock module reads the system time.
hits=$(grep -rnE --include='*.c' --include='*.h' '\b(time|gettimeofday|clock_gettime)[[:space:]]*\((NULL|&|0)' src | grep -v '^src/core/clock.c')
if [ -n "$hits" ]; then
	echo "layering: system time read outside src/core/clock.c:"; echo "$hits"; status=1
fi
[ $status -eq 0 ] && echo "layering: ok"
exit $status
