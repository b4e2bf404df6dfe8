#!/bin/bash
# SPDX-License-Identifier: MIT
# Determinism (issue 7 item 5): every golden case, run twice in C.UTF-8, once in C and once in
# zh_CN.UTF-8 — with the messages in English — gives byte-identical stdout, stderr and exit
# status (no hash order, pointer order, time or locale in the output). When the system has no
# zh_CN.UTF-8, it is compiled into the temporary directory with localedef (LOCPATH), and left
# out when that cannot be done.
# Each run starts from a fresh copy of the case directory at the same path, so a command that
# writes files sees the same state every time and no output can differ by its directory.
#
# Usage: determinism.sh ZHUN GOLDEN_DIR    Prints TAP, one line per case.
set -u
zhun=$(realpath "$1")
golden=$(realpath "$2")
export NO_COLOR=1 TZ=UTC COLUMNS=100
# every tree loaded is held to its self-check (model_check.h), as in run-golden
export ZHUN_SELF_CHECK=1
unset LANGUAGE LANG LC_MESSAGES LC_CTYPE LC_COLLATE LC_NUMERIC LC_TIME

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the runs: two in the golden runner's locale (run-to-run differences), then the others
locales=(C.UTF-8 C.UTF-8 C)
zh_locpath=""
if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
	locales+=("$(locale -a | grep -ix 'zh_CN\.utf-\?8' | head -n 1)")
elif command -v localedef >/dev/null && mkdir -p "$tmp/locale" &&
	localedef --no-archive -i zh_CN -f UTF-8 "$tmp/locale/zh_CN.UTF-8" >/dev/null 2>&1; then
	zh_locpath=$tmp/locale
	locales+=(zh_CN.UTF-8)
fi

cases=()
while IFS= read -r c; do
	cases+=("$c")
done < <(grep -v '^#' "$golden/cases.txt" | sed '/^$/d')

echo "1..${#cases[@]}"
echo "# locales: ${locales[*]}"
n=0
fail=0
for c in "${cases[@]}"; do
	n=$((n + 1))
	if [ ! -f "$golden/$c/cmd" ]; then
		echo "not ok $n - $c: no cmd file"
		fail=1
		continue
	fi
	args=$(cat "$golden/$c/cmd")
	# English messages, whatever the locale says (a case that asks for a language keeps it)
	case " $args " in
	*" --lang "* | *" --lang="*) lang="" ;;
	*) lang="--lang en" ;;
	esac
	why=""
	first=""
	run=0
	for loc in "${locales[@]}"; do
		run=$((run + 1))
		rm -rf "$tmp/case"
		cp -R "$golden/$c" "$tmp/case"
		(
			cd "$tmp/case" || exit 99
			case $loc in zh_CN*) [ -n "$zh_locpath" ] && export LOCPATH="$zh_locpath" ;; esac
			# through env: bash itself would warn about a locale it finds only in LOCPATH
			eval "exec env LC_ALL=$loc \"$zhun\" $lang $args"
		) >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
		echo $? >"$tmp/status"
		this="run $run ($loc)"
		if [ -z "$first" ]; then
			first=$this
			for f in stdout stderr status; do cp "$tmp/$f" "$tmp/first.$f"; done
			continue
		fi
		for f in stdout stderr status; do
			if ! cmp -s "$tmp/first.$f" "$tmp/$f"; then
				why="$why; $f of $this differs from $first"
				diff -u "$tmp/first.$f" "$tmp/$f" | head -n 12 >"$tmp/diff.$n"
			fi
		done
	done
	if [ -z "$why" ]; then
		echo "ok $n - $c"
	else
		echo "not ok $n - $c"
		echo "#   ${why#; }"
		sed 's/^/#   /' "$tmp/diff.$n"
		fail=1
	fi
done
exit $fail
