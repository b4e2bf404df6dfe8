#!/bin/bash
# SPDX-License-Identifier: MIT
# The man pages as built (what meson installs): one per command of the table plus zhun(1),
# zhun-format(5) and zhun-rules(7); each renders with man(1) at 80 columns without a warning,
# has its NAME and EXIT STATUS sections, and names every option that `zhun CMD --help` prints;
# the same for the Chinese pages under MAN_BUILD_DIR/zh_CN.
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

# The options --help ($1) names that the rendered page ($tmp/out) does not.
missing_options() {
	for opt in $(grep -oE -- '(^|[ ,])--?[a-zA-Z][a-z-]*' <<<"$1" | tr -d ' ,' | sort -u); do
		grep -qE -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$tmp/out" || printf ' %s' "$opt"
	done
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
	missing=$(missing_options "$help")
	[ -z "$missing" ]
	result $? "$page names every option of its --help${missing:+ (missing:$missing)}"
done

# The Chinese pages (share/man/zh_CN): zhun.1 and one per command, what --help says under
# --lang zh: each renders without a warning, has its sections in Chinese and every option.
want=$("$gen_doc" pages-zh | sort)
have=$(cd "$mandir/zh_CN" 2>/dev/null && ls -- *.1 | sort)
[ -n "$want" ] && [ "$want" = "$have" ]
result $? "a Chinese page for zhun(1) and every command"
for page in $want; do
	f=$mandir/zh_CN/$page
	[ -f "$f" ] || continue
	man -l "$f" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" = 0 ] && [ ! -s "$tmp/err" ] && grep -q '^名称' "$tmp/out" &&
		grep -q '^退出状态' "$tmp/out" && grep -q '^参见' "$tmp/out"
	result $? "zh_CN/$page renders without warnings, with 名称, 退出状态 and 参见"
	sed 's/^/# /' "$tmp/err" | head -5
	cmd=${page#zhun-}
	cmd=${cmd%.1}
	case $page in
	zhun.1) help=$("$zhun" --lang zh --help) ;;
	*) help=$("$zhun" --lang zh "$cmd" --help) ;;
	esac
	missing=$(missing_options "$help")
	# the summary as --help prints it (its second paragraph) is the page's description
	summary=$(sed -n 3p <<<"$help")
	summary=${summary#zhun } # zhun(1)'s NAME line: "zhun \- 检查…"
	# compared without spaces and line breaks: man wraps Chinese anywhere
	summary=${summary%。}
	[ -z "$missing" ] && tr -d ' \n' <"$tmp/out" | grep -qF -- "${summary// /}"
	result $? "zh_CN/$page has --help's summary and every option${missing:+ (missing:$missing)}"
done

echo "1..$n"
exit $fail
