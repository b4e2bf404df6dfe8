#!/bin/sh
# SPDX-License-Identifier: MIT
# schema-agree: xmllint with schemas/zhun.xsd and `zhun validate` reach the same verdict on every
# XML file under tests/ and examples/, valid and invalid, so that the published schema accepts
# and rejects what zhun accepts and rejects. One TAP line per file.
#
# Agreement: xmllint accepts and zhun exits 0; or xmllint rejects and zhun exits 1 or 3 — 3
# (unparsable) whenever xmllint cannot parse the file at all. Where zhun checks what XML Schema
# cannot express, the file is a known exception, in one of two ways:
# - xmllint accepts, and every error zhun reports is one no schema can state (its codes below:
#   the standard-number grammar, the files a system names, a document type declaration, the
#   safety limits) or lies in another file the tested one names; or
# - the file is listed with its reason in tests/corpus/xml/exceptions.txt, and must then still
#   disagree exactly as listed.
#
# Usage: schema-agree.sh ZHUN SRCDIR
set -u
zhun=$(realpath "$1")
src=$(realpath "$2")
xsd=$src/schemas/zhun.xsd
list=$src/tests/corpus/xml/exceptions.txt
export NO_COLOR=1 LC_ALL=C.UTF-8
# every tree loaded is held to its self-check (model_check.h)
export ZHUN_SELF_CHECK=1
unset LANGUAGE LANG LC_MESSAGES

if ! command -v xmllint >/dev/null 2>&1; then
	echo "1..0 # SKIP xmllint not installed (Debian package libxml2-utils)"
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
# (not the fuzzers' generated corpora and findings, which .gitignore keeps out of the tree)
(cd "$src" && find tests examples \( -path 'tests/fuzz/corpus-*' -o -path 'tests/fuzz/crash-*' \
	-o -path 'tests/fuzz/leak-*' -o -path 'tests/fuzz/timeout-*' -o -name node_modules \) -prune \
	-o -type f -name '*.xml' -print | LC_ALL=C sort) >"$work/files"
total=$(($(wc -l <"$work/files") + 1))
echo "1..$total"

# The listed exception for a file: "XMLLINT ZHUN REASON" (verdicts accept|reject), or nothing.
listed() {
	[ -f "$list" ] || return 0
	awk -v p="$1" '$1 == p { $1 = ""; sub(/^ /, ""); print; exit }' "$list"
}

verdict() {
	if [ "$1" -eq 0 ]; then echo accept; else echo reject; fi
}

# When every error or fatal finding in zhun's text output $2 about file $1 is beyond a schema,
# print why; else fail.
beyond_schema() {
	awk -v f="$1" '
	/ (error|fatal): / {
		n++
		p = $0
		sub(/(:[0-9]+)*: (error|fatal): .*$/, "", p)
		code = ""
		if (match($0, /\[[a-z0-9-]+\]$/))
			code = substr($0, RSTART + 1, RLENGTH - 2)
		if (p != f)
			why = "a file it names is invalid"
		else if (code ~ /^stdno-(invalid|sector|province|glyph)$/)
			why = "the standard-number grammar (" code ")"
		else if (code ~ /^linked-(file|kind)$/)
			why = "a file it names is missing or of the wrong kind (" code ")"
		else if (code ~ /^(xml-dtd|file-too-large|line-too-long|depth-limit|node-limit)$/)
			why = "zhun refuses to load it (" code ")"
		else {
			bad = 1
			next
		}
		if (!(why in seen)) {
			seen[why] = 1
			out = out (out ? "; " : "") why
		}
	}
	END {
		if (!n || bad)
			exit 1
		print out
	}' "$2"
}

n=0
fail=0
agree=0
known=0
while IFS= read -r rel; do
	n=$((n + 1))
	f=$src/$rel
	# xmllint exits 1 when the file is not well-formed, 3 when it breaks the schema
	timeout 120 xmllint --noout --nonet --schema "$xsd" "$f" >/dev/null 2>"$work/x.err" </dev/null
	x=$?
	# in an empty directory, so that no zhun.yaml of the caller applies
	(cd "$work" && exec "$zhun" validate --color never "$f" >/dev/null 2>"$work/z.err" </dev/null)
	z=$?
	xv=$(verdict $x)
	zv=$(verdict $z)
	exc=$(listed "$rel")
	why=""
	if [ $x -ne 0 ] && [ $x -ne 1 ] && [ $x -ne 3 ]; then
		why="xmllint failed (exit $x), which is no verdict"
	elif [ $z -ne 0 ] && [ $z -ne 1 ] && [ $z -ne 3 ]; then
		why="zhun validate failed (exit $z), which is no verdict"
	elif [ -n "$exc" ]; then
		set -f
		# shellcheck disable=SC2086
		set -- $exc
		set +f
		if [ "$1" = "$xv" ] && [ "$2" = "$zv" ] && [ "$xv" != "$zv" ]; then
			shift 2
			echo "ok $n - $rel (known exception: $*)"
			known=$((known + 1))
			continue
		fi
		why="listed in exceptions.txt as xmllint $1, zhun $2, but xmllint ${xv}s and zhun ${zv}s"
	elif [ $x -eq 0 ] && [ $z -eq 0 ]; then
		echo "ok $n - $rel (both accept)"
		agree=$((agree + 1))
		continue
	elif [ $x -eq 1 ] && [ $z -eq 3 ]; then
		echo "ok $n - $rel (both reject: not well-formed)"
		agree=$((agree + 1))
		continue
	elif [ $x -eq 3 ] && [ $z -ne 0 ]; then
		echo "ok $n - $rel (both reject)"
		agree=$((agree + 1))
		continue
	elif [ $x -eq 0 ] && beyond=$(beyond_schema "$f" "$work/z.err"); then
		echo "ok $n - $rel (known exception: beyond XML Schema: $beyond)"
		known=$((known + 1))
		continue
	elif [ $x -eq 1 ]; then
		why="xmllint cannot parse it but zhun exits $z, not 3"
	else
		why="xmllint ${xv}s (exit $x) but zhun ${zv}s (exit $z)"
	fi
	echo "not ok $n - $rel: $why"
	sed -n '1,5s/^/# xmllint: /p' "$work/x.err"
	sed -n '1,5s/^/# zhun: /p' "$work/z.err"
	fail=1
done <"$work/files"

# Every listed exception names a file that exists (a stale entry hides nothing, but misleads).
n=$((n + 1))
missing=""
if [ -f "$list" ]; then
	missing=$(awk '!/^#/ && NF { print $1 }' "$list" | while IFS= read -r p; do
		[ -f "$src/$p" ] || printf ' %s' "$p"
	done)
fi
if [ -n "$missing" ]; then
	echo "not ok $n - exceptions.txt names files that do not exist:$missing"
	fail=1
else
	echo "ok $n - exceptions.txt names existing files only"
fi
echo "# $((total - 1)) files: $agree agree, $known known exceptions"
exit $fail
