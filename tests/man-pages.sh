#!/bin/bash
# SPDX-License-Identifier: MIT
# The man pages as built (what meson installs): one per command of the table plus zhun(1),
# zhun-format(5) and zhun-rules(7); each renders with man(1) at 80 columns without a warning,
# has its NAME and EXIT STATUS sections, and names every option that `zhun CMD --help` prints.
# Usage: man-pages.sh ZHUN GEN_DOC MAN_BUILD_DIR   Prints TAP.
set -u
zhun=$(realpath "$1")
gen_doc=$(realpath "$2")
mandir=$(realpath "$3")
export LC_ALL=C.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING=
unset LANGUAGE LANG LC_MESSAGES MANPAGER PAGER
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		fail=1
	fi
}

want=$("$gen_doc" pages | sort)
have=$(cd "$mandir" && ls -- *.[157] | sort)
[ "$want" = "$have" ]
result $? "a page for every command of the table and for format(5) and rules(7)"
[ "$want" = "$have" ] || diff <(echo "$want") <(echo "$have") | sed 's/^/# /'

for page in $want; do
	f=$mandir/$page
	if [ ! -f "$f" ]; then
		result 1 "$page exists"
		continue
	fi
	man -l "$f" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" = 0 ] && [ ! -s "$tmp/err" ] && [ -s "$tmp/out" ]
	result $? "$page renders at 80 columns without warnings"
	sed 's/^/# /' "$tmp/err" | head -5
	grep -q '^NAME' "$tmp/out" && grep -q '^EXIT STATUS' "$tmp/out" && grep -q '^SEE ALSO' "$tmp/out"
	result $? "$page has NAME, EXIT STATUS and SEE ALSO"
	cmd=${page#zhun-}
	cmd=${cmd%.1}
	case $page in
	zhun.1) help=$("$zhun" --lang en --help) ;;
	*.1) help=$("$zhun" --lang en "$cmd" --help) ;;
	*) continue ;;
	esac
	missing=""
	for opt in $(grep -oE -- '(^|[ ,])--?[a-zA-Z][a-z-]*' <<<"$help" | tr -d ' ,' | sort -u); do
		grep -qE -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$tmp/out" || missing="$missing $opt"
	done
	[ -z "$missing" ]
	result $? "$page names every option of its --help${missing:+ (missing:$missing)}"
done

echo "1..$n"
exit $fail
