#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every user-facing string is translated: data/po/POTFILES lists every source
# file that uses _() / N_(), and data/po/vi.po has a translation for every msgid.
root=${1:-.}
cd "$root" || exit 1
status=0
for f in $(grep -rlE '\b(N?_|P_)\("' src include | sort); do
	if ! grep -qx "$f" data/po/POTFILES; then
		echo "po: $f uses _() but is not in data/po/POTFILES"
		status=1
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 -C \
	--files-from=data/po/POTFILES -o "$tmp/motcua.pot" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
if ! msgcmp --use-untranslated data/po/vi.po "$tmp/motcua.pot" 2>"$tmp/cmp"; then
	echo "po: vi.po lacks translations:"
	grep -c 'this message is used but not defined' "$tmp/cmp"
	head -20 "$tmp/cmp"
	status=1
fi
untranslated=$(msgattrib --untranslated --no-obsolete data/po/vi.po 2>/dev/null | grep -c '^msgid ' )
if [ "${untranslated:-0}" -gt 1 ]; then
	echo "po: vi.po has $((untranslated - 1)) empty translations"
	status=1
fi
[ $status -eq 0 ] && echo "po: ok"
exit $status
