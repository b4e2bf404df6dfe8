#!/bin/bash
# SPDX-License-Identifier: MIT
# Every message the sources mark (xgettext with keywords _ and N_ over the sources that
# tools/gen-doc finds, plus the strings it collects from tables) has a Chinese translation in
# po/zh_CN.po that is not fuzzy, and the catalogue compiles with format checks. Fails while new
# messages wait for translation: refresh with tools/update-po, then translate (docs/i18n.md).
# Usage: po-complete.sh GEN_DOC SRCDIR   Prints TAP.
set -u
gen_doc=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"
"$gen_doc" pot >"$tmp/tables.pot"
"$gen_doc" potfiles "$src" | grep -v '^#' | sed "s|^po/tables.pot\$|$tmp/tables.pot|" >"$tmp/list"
if ! xgettext --from-code=UTF-8 -k_ -kN_ -D "$src" -f "$tmp/list" -o "$tmp/live.pot" 2>"$tmp/err"; then
	echo "not ok 1 - xgettext failed"
	sed 's/^/# /' "$tmp/err"
	echo "not ok 2 - # SKIP no template"
	exit 1
fi
fail=0
if msgfmt -c -o /dev/null "$src/po/zh_CN.po" 2>"$tmp/err"; then
	echo "ok 1 - po/zh_CN.po compiles with format checks (msgfmt -c)"
else
	echo "not ok 1 - po/zh_CN.po compiles with format checks (msgfmt -c)"
	sed 's/^/# /' "$tmp/err" | head -40
	fail=1
fi
total=$(grep -c '^msgid ' "$tmp/live.pot")
total=$((total - 1)) # the header
# the catalogue as the sources need it, without guessing (no fuzzy matching)
msgmerge -q --no-fuzzy-matching -o "$tmp/merged.po" "$src/po/zh_CN.po" "$tmp/live.pot" 2>"$tmp/err"
{
	msgattrib --untranslated --no-obsolete "$tmp/merged.po"
	msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po"
} 2>/dev/null | grep '^msgid "..*"$' >"$tmp/missing"
missing=$(wc -l <"$tmp/missing")
echo "# translated $((total - missing)) of $total messages"
if [ "$missing" = 0 ]; then
	echo "ok 2 - every one of the $total messages has a Chinese translation"
else
	echo "not ok 2 - $missing of the $total messages lack a Chinese translation (run tools/update-po BUILD, then translate po/zh_CN.po)"
	sed 's/^/# /' "$tmp/missing" | head -80
	fail=1
fi
exit $fail
