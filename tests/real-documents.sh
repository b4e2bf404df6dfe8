#!/bin/bash
# SPDX-License-Identifier: MIT
# Real published standards (issue 18): the documents under tests/corpus/real, which have the
# shapes of real GB/T and DB standards (see each file's source note), are checked with no false
# positive. A document's findings are exactly those of its NAME.expected (the true ones, such
# as one num-deep warning for a deliberate five-level subdivision), or none without that
# file (check's line for a clean run only); the exit status follows (1 with an error, else 0). The XML spelling of each document,
# made by `zhun convert`, gives the same codes.
#
# Usage: real-documents.sh ZHUN SOURCE_DIR    Prints TAP.
set -u
zhun=$(realpath "$1")
dir=$(realpath "$2")/tests/corpus/real
export NO_COLOR=1 TZ=UTC COLUMNS=100 ZHUN_SELF_CHECK=1
unset LANGUAGE LANG LC_MESSAGES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=("$dir"/*.yaml)
echo "1..$((${#files[@]} * 2))"
n=0
codes() { sed -n 's/.*\[\([a-z0-9-]*\)\]$/\1/p' "$1" | sort; }
for f in "${files[@]}"; do
	name=$(basename "$f" .yaml)
	want=$dir/$name.expected
	if [ ! -f "$want" ]; then
		want=$tmp/clean
		echo 'no findings: 1 standard, 1 file' >"$want"
	fi
	status=0
	grep -q ': error: ' "$want" && status=1
	n=$((n + 1))
	(cd "$dir" && "$zhun" check --lang en "$name.yaml") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq $status ] && [ ! -s "$tmp/out" ] && cmp -s "$want" "$tmp/err"; then
		echo "ok $n - $name.yaml: the expected findings and nothing else (exit $rc)"
	else
		echo "not ok $n - $name.yaml: exit $rc, want $status"
		diff "$want" "$tmp/err" | sed 's/^/# /'
	fi
	n=$((n + 1))
	"$zhun" convert "$f" --to xml -o "$tmp/$name.xml" 2>"$tmp/cerr"
	(cd "$tmp" && "$zhun" check --lang en "$name.xml") >/dev/null 2>"$tmp/xerr"
	xrc=$?
	if [ $xrc -eq $status ] && [ "$(codes "$want")" = "$(codes "$tmp/xerr")" ]; then
		echo "ok $n - $name.xml (converted): the same codes (exit $xrc)"
	else
		echo "not ok $n - $name.xml (converted): exit $xrc, want $status"
		sed 's/^/# /' "$tmp/cerr" "$tmp/xerr"
	fi
done
