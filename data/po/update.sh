#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Maintainer tool: rebuild POTFILES and vi.po.
#   data/po/update.sh            list the sources, extract, merge vi.po with them
#   data/po/update.sh fragments  also fold data/po/fragments/*.po (translations
#                                written alongside new code) into vi.po first
# Then tests/unit/test_po.sh checks that every msgid is translated.
set -eu
cd "$(dirname "$0")/../.."
grep -rlE '\b(N?_|P_)\("' src include | sort > data/po/POTFILES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 -C \
	--package-name=motcua --files-from=data/po/POTFILES -o "$tmp/motcua.pot"
if [ "${1:-}" = fragments ] && ls data/po/fragments/*.po >/dev/null 2>&1; then
	# vi.po first, so an existing translation wins over a fragment's.
	msgcat --use-first -o "$tmp/all.po" data/po/vi.po data/po/fragments/*.po
	cp "$tmp/all.po" data/po/vi.po
fi
msgmerge --quiet --no-fuzzy-matching --no-wrap --sort-by-file -o "$tmp/vi.po" data/po/vi.po "$tmp/motcua.pot"
msgattrib --no-obsolete --no-wrap -o data/po/vi.po "$tmp/vi.po"
msgfmt -c --statistics -o /dev/null data/po/vi.po
