#!/bin/bash
# SPDX-License-Identifier: MIT
# Every standard under examples/, tests/golden/ and tests/corpus/*/valid/ that validates without a
# finding renders as HTML and as Word without a finding (a figure whose image is not in the tree
# is the one finding allowed: render-figure), the Word file's XML parts well-formed. Identical
# files are rendered once. PDF prints the same HTML through Chromium, seconds a file: the suite
# prints two (render-print); with ZHUN_RENDER_ALL_PDF=1 this test prints every example and YAML
# corpus standard as PDF too (minutes: before a release, or after changing render_doc_pdf.c).
# Prints TAP, one line per file and format.
# Usage: [ZHUN_RENDER_ALL_PDF=1] render-all.sh ZHUN SOURCE_ROOT
set -u
zhun=$1
case $zhun in */*) zhun=$(realpath "$zhun") ;; esac # the loop runs from SOURCE_ROOT
root=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root" || exit 1
# standards that validate, one per content
for f in $(grep -rlE '^standard:|^<standard' examples tests/golden tests/corpus/yaml/valid tests/corpus/xml/valid | sort); do
	# a file with findings of its own would print them again: only clean ones
	[ -z "$("$zhun" validate -q "$f" 2>&1 >/dev/null)" ] && printf '%s %s\n' "$(md5sum <"$f" | cut -c1-32)" "$f"
done | sort -u -k1,1 | cut -d' ' -f2 | sort >"$tmp/list"
if [ ! -s "$tmp/list" ]; then
	echo "1..1"
	echo "not ok 1 - no standard validates: is $zhun the program?"
	exit 1
fi
all_pdf=${ZHUN_RENDER_ALL_PDF:-0}
pdf=0
command -v pdftotext >/dev/null && command -v qpdf >/dev/null &&
	{ command -v chromium >/dev/null || command -v chromium-browser >/dev/null; } && pdf=1
total=0
while read -r f; do
	total=$((total + 2))
	case $f in examples/* | tests/corpus/yaml/*) [ "$all_pdf" = 1 ] && total=$((total + 1)) ;; esac
done <"$tmp/list"
[ "$all_pdf" = 1 ] || echo "# HTML and Word only; ZHUN_RENDER_ALL_PDF=1 prints the examples and the YAML corpus as PDF too"
echo "1..$total"
n=0
fail=0
# only a missing figure image may be reported (and the count line under it)
clean() {
	! grep -v -e '\[render-figure\]' -e '^[0-9]* warnings\?$' "$1" | grep -q .
}
while read -r f; do
	for fmt in html docx pdf; do
		if [ $fmt = pdf ]; then
			[ "$all_pdf" = 1 ] || continue
			case $f in examples/* | tests/corpus/yaml/*) ;; *) continue ;; esac
		fi
		n=$((n + 1))
		if [ $fmt = pdf ] && [ $pdf = 0 ]; then
			echo "ok $n # SKIP $f as pdf: chromium, poppler-utils or qpdf is not installed"
			continue
		fi
		out=$tmp/out.$fmt
		rm -rf "$out" "$tmp/x"
		"$zhun" render "$f" --format $fmt -o "$out" 2>"$tmp/err"
		st=$?
		why=""
		if [ $st -ne 0 ]; then
			why="exit status $st"
		elif ! clean "$tmp/err"; then
			why="findings"
		elif [ ! -s "$out" ]; then
			why="empty output"
		elif [ $fmt = docx ]; then
			mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$out") &&
				(cd "$tmp/x" && xmllint --noout '[Content_Types].xml' word/*.xml word/_rels/*.rels) 2>"$tmp/xml" ||
				why="bad XML: $(head -1 "$tmp/xml")"
		elif [ $fmt = pdf ] && ! head -c 5 "$out" | grep -q '%PDF-'; then
			why="not a PDF"
		fi
		if [ -z "$why" ]; then
			echo "ok $n - $f as $fmt"
		else
			echo "not ok $n - $f as $fmt: $why"
			sed 's/^/# /' "$tmp/err" | head -5
			fail=1
		fi
	done
done <"$tmp/list"
exit $fail
