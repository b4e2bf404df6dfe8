#!/bin/bash
# SPDX-License-Identifier: MIT
# The Word import (include/docx.h, src/load_docx.c, src/office.c) on documents made at test time
# by tests/docx-fixtures.py (python3-docx): every example standard written three times — with
# heading styles and Word's automatic numbering, with no styles and every number typed, and with
# the element styles of the TCS template numbered through the styles — must import
# to the tree of its YAML source (tests/tree-equal) and check clean; the same as a legacy .doc
# made by LibreOffice, and that .doc renamed .docx; the converter missing and timed out; and
# every hostile document refused or reported with its finding within the bounds of the import
# issue (2 s, 200 MB peak RSS), each beside a near miss.
#
# The reader is run through tests/docx-dump (the paragraph stream), everything else through zhun
# and the loader table (`validate`, `check`, `convert`, tests/tree-equal).
#
# Usage: docx-import.sh DOCX_DUMP TREE_EQUAL ZHUN SRCDIR   Prints TAP.
# HOSTILE_MAX_SECONDS / HOSTILE_MAX_KB override the bounds (sanitizer builds); PYTHON3 names the
# interpreter that has python3-docx (default /usr/bin/python3, Debian's).
set -u
dump=$(realpath "$1")
treq=$(realpath "$2")
zhun=$(realpath "$3")
src=$(realpath "$4")
py=${PYTHON3:-/usr/bin/python3}
max_s=${HOSTILE_MAX_SECONDS:-2}
max_kb=${HOSTILE_MAX_KB:-204800}
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE LANG LC_MESSAGES

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir conv
export TMPDIR=$tmp/conv

n=0
fail=0
. "$src/tests/tap-lib.sh"
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# run NAME STATUS PATTERN MODE FILE: docx-dump within the bounds (tap-lib.sh bounded); the exit
# status must be STATUS, stderr must match PATTERN (grep -E; empty: stderr must be empty).
run() {
	local name=$1 want=$2 pattern=$3
	shift 3
	bounded "$name" "$want" "$pattern" "$dump" "$@"
}

# same NAME SOURCE.yaml FILE: FILE loads (through the loader table, as every command reads it)
# to the tree of SOURCE, and `zhun check` finds nothing in it (no import finding either).
same() {
	local name=$1 yaml=$2 file=$3 why=""
	"$treq" "$yaml" "$file" >diff.out 2>&1 || why="$why; trees differ"
	"$zhun" check "$file" >/dev/null 2>check.err || why="$why; zhun check finds something"
	if [ -z "$why" ]; then
		ok "$name"
	else
		not_ok "$name$why" diff.out check.err
	fi
}

# ---- the example standards, with styles and without; the format extensions of issue 18 ----
for yaml in "$src"/examples/*/standards/*.yaml "$src/tests/docx/extensions.yaml"; do
	base=$(basename "$yaml" .yaml)
	if ! "$py" "$src/tests/docx-fixtures.py" standard "$yaml" "$base-styled.docx" \
		"$base-plain.docx" "$base-template.docx" 2>gen.err; then
		echo "Bail out! tests/docx-fixtures.py failed (python3-docx missing? tools/setup installs it)"
		sed 's/^/# /' gen.err
		exit 1
	fi
	same "$base: heading styles and automatic numbering import to the YAML source's tree" \
		"$yaml" "$base-styled.docx"
	same "$base: no styles, numbers typed, a 目次 import to the YAML source's tree" \
		"$yaml" "$base-plain.docx"
	same "$base: the TCS template's element styles, numbered through the styles, import to the YAML source's tree" \
		"$yaml" "$base-template.docx"
done

if [ "$("$zhun" convert 301-003-plain.docx 2>/dev/null | head -n 1)" = "standard:" ]; then
	ok "zhun convert of a Word document writes YAML unless told otherwise"
else
	not_ok "zhun convert of a Word document does not default to YAML"
fi

# ---- every element once (tests/docx/elements.*: the expected tree and findings, read by eye) --
"$py" "$src/tests/docx-fixtures.py" elements elements.docx 2>gen.err || not_ok "elements fixture" gen.err
"$zhun" convert elements.docx --to yaml >elements.yaml 2>elements.stderr
st=$?
if [ "$st" = 0 ] && cmp -s elements.yaml "$src/tests/docx/elements.yaml" &&
	cmp -s elements.stderr "$src/tests/docx/elements.stderr" &&
	"$zhun" validate elements.yaml 2>validate.err; then
	ok "every element: cover, foreword, introduction, terms, nested lists, notes, example, merged and continued tables, figure, formula, annexes with and without kind, bibliography by number and by title, end line"
else
	diff -u "$src/tests/docx/elements.yaml" elements.yaml >elements.diff
	diff -u "$src/tests/docx/elements.stderr" elements.stderr >>elements.diff
	not_ok "elements: exit status $st, or output differs from tests/docx/elements.*" elements.diff validate.err
fi
ZHUN_SELF_CHECK=1 "$zhun" check --format json elements.docx >elements.json 2>/dev/null
if grep -q '"file": "elements.docx", "line": 55, "column": 1, "severity": "warning", "code": "import-unmapped"' elements.json; then
	ok "findings carry the paragraph's number in JSON too, and the self-check holds"
else
	not_ok "elements: JSON findings without the paragraph's position" elements.json
fi

# ---- legacy files through LibreOffice ----
yaml=$src/examples/museum/standards/301-003.yaml
if command -v soffice >/dev/null 2>&1; then
	mkdir lo
	soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo-profile" \
		--convert-to doc --outdir lo 301-003-plain.docx >lo.log 2>&1
	if [ -f lo/301-003-plain.doc ]; then
		cp lo/301-003-plain.doc 301-003.doc
		same "301-003 as a Word 97 .doc (LibreOffice) imports to the same tree" "$yaml" 301-003.doc
		cp 301-003.doc renamed.docx
		# converted once (same() loads twice, and LibreOffice takes seconds to start)
		"$zhun" convert renamed.docx --to yaml >renamed.yaml 2>renamed.err
		if "$treq" "$yaml" renamed.yaml >diff.out 2>&1; then
			ok "a .doc renamed .docx is told by its content and converted"
		else
			not_ok "a .doc renamed .docx" renamed.err diff.out
		fi
		leftover=$(find conv -mindepth 1 | head -3)
		if [ -z "$leftover" ]; then
			ok "the converter's temporary directories are removed"
		else
			not_ok "temporary files left behind: $leftover"
		fi
		ZHUN_CONVERT_TIMEOUT=1 "$zhun" validate 301-003.doc >out 2>err
		st=$?
		if [ "$st" = 3 ] && grep -q 'longer than 1 s.*\[import-converter\]' err &&
			[ -z "$(find conv -mindepth 1 | head -1)" ]; then
			ok "a conversion past ZHUN_CONVERT_TIMEOUT is stopped, reported, and cleaned up"
		else
			not_ok "timeout: exit status $st" err
		fi
	else
		not_ok "soffice could not make the .doc fixture" lo.log
	fi
	printf '\320\317\021\340\241\261\032\341garbage' >damaged.doc
	"$zhun" validate damaged.doc >out 2>err
	st=$?
	# LibreOffice reads what it cannot recognise as plain text: either it fails (a fatal
	# import-converter finding) or its empty document has no chapter (a warning); never exit 0
	if { [ "$st" = 3 ] && grep -q 'import-converter' err; } ||
		{ [ "$st" = 1 ] && grep -q 'no chapter was found.*\[import-unmapped\]' err; }; then
		ok "a damaged compound file is refused or reported, never imported clean"
	else
		not_ok "damaged .doc: exit status $st" err
	fi
else
	skip "legacy .doc through LibreOffice" "soffice is not installed"
fi
printf '\320\317\021\340\241\261\032\341\0\0W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0' >nolo.doc
PATH=/nonexistent /usr/bin/timeout 10 "$zhun" validate nolo.doc >out 2>err
st=$?
if [ "$st" = 3 ] && grep -q 'LibreOffice (soffice) is not installed.*\[import-converter\]' err &&
	grep -q 'libreoffice-writer-nogui' err; then
	ok "without soffice on PATH, a .doc is refused naming libreoffice-writer-nogui"
else
	not_ok "no soffice: exit status $st" err
fi

# legacy workbooks take the other package, and go on to the format that reads .xlsx
printf '\320\317\021\340\241\261\032\341\0\0W\0o\0r\0k\0b\0o\0o\0k\0' >nolo.xls
ZHUN_SOFFICE=/nonexistent/soffice "$zhun" validate nolo.xls >out 2>err
st=$?
if [ "$st" = 3 ] && grep -q 'legacy Excel or WPS workbook.*\[import-converter\]' err &&
	grep -q 'libreoffice-calc-nogui' err; then
	ok "without LibreOffice, a .xls is refused naming libreoffice-calc-nogui"
else
	not_ok "no soffice for .xls: exit status $st" err
fi
cp nolo.xls nolo-renamed.doc
ZHUN_SOFFICE=/nonexistent/soffice "$zhun" validate nolo-renamed.doc >out 2>err
if grep -q 'libreoffice-calc-nogui' err; then
	ok "a workbook named .doc is told by its content"
else
	not_ok "a workbook named .doc" err
fi
if command -v soffice >/dev/null 2>&1; then
	printf '标准编号,标准名称,状态\nGB/T 1.1—2020,标准化工作导则,现行\n' >list.csv
	# the CSV read as UTF-8 (filter option 76), whatever the locale
	soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo-profile" \
		--infilter=CSV:44,34,76 --convert-to xls --outdir lo list.csv >lo.log 2>&1
	"$zhun" validate lo/list.xls >out 2>err
	st=$?
	if [ "$st" = 4 ] && grep -q 'no loader for syntax 0' err; then
		skip "a .xls converted and read as .xlsx" "this build has no .xlsx input format yet"
	elif [ "$st" -lt 3 ] && [ -z "$(find conv -mindepth 1 | head -1)" ]; then
		ok "a .xls is converted and read by the .xlsx input format (exit status $st)"
	else
		not_ok "a .xls through LibreOffice: exit status $st" err lo.log
	fi
fi

# ---- zhun import: a Word document becomes a standard file ----
if "$zhun" import --help 2>/dev/null | grep -q 'Word'; then
	mkdir imp
	"$zhun" import 301-003-styled.docx -o imp/301-003.yaml >out 2>err
	st=$?
	if [ "$st" = 0 ] && grep -q "wrote 'imp/301-003.yaml' (standard, 7 chapters and 1 annex)" err &&
		"$treq" "$yaml" imp/301-003.yaml >diff.out 2>&1 && "$zhun" check imp/301-003.yaml 2>check.err; then
		ok "zhun import writes the standard of a Word document, the YAML source's tree, checked clean"
	else
		not_ok "zhun import of a .docx: exit status $st" err diff.out check.err
	fi
	cp imp/301-003.yaml before.yaml
	"$zhun" import 301-003-plain.docx -o imp/301-003.yaml >out 2>err
	st=$?
	if [ "$st" = 2 ] && grep -q "exists; --force writes over it" err && cmp -s before.yaml imp/301-003.yaml; then
		ok "an existing file is not written over without --force"
	else
		not_ok "import over an existing file: exit status $st" err
	fi
	echo 'stale: true' >imp/301-003.yaml
	"$zhun" import --force 301-003-plain.docx -o imp/301-003.yaml >out 2>err
	st=$?
	if [ "$st" = 0 ] && cmp -s before.yaml imp/301-003.yaml &&
		"$treq" "$yaml" imp/301-003.yaml >diff.out 2>&1; then
		ok "--force writes over it (the document without styles: the same file)"
	else
		not_ok "import --force: exit status $st" err diff.out
	fi
	mkdir dry
	(cd dry && "$zhun" import --dry-run ../elements.docx >../out 2>../err)
	st=$?
	if [ -z "$(ls dry)" ] && grep -q "would write 'elements.yaml' (standard" err &&
		grep -q '^../elements.docx:55:1: warning: picture has no 图N title' err; then
		ok "--dry-run writes nothing and reports the findings at their paragraphs (exit status $st)"
	else
		not_ok "import --dry-run: exit status $st" err
	fi
	# every findings format carries the paragraph number as the line
	for f in json sarif github junit; do
		"$zhun" import --dry-run --format "$f" elements.docx >"imp.$f" 2>/dev/null
	done
	if grep -q '"file": "elements.docx", "line": 55, "column": 1' imp.json &&
		grep -q '"startLine": 55' imp.sarif &&
		grep -q '^::warning file=elements.docx,line=55,col=1' imp.github &&
		grep -q 'elements.docx:55:1' imp.junit; then
		ok "the findings of an import carry the paragraph's number in JSON, SARIF, GitHub and JUnit"
	else
		not_ok "findings formats without the paragraph's number" imp.json imp.sarif imp.github imp.junit
	fi
	mkdir imp/dir
	inputs=(extensions-plain.docx 301-003-template.docx)
	[ -f 301-003.doc ] && inputs+=(301-003.doc)
	"$zhun" import -o imp/dir "${inputs[@]}" >out 2>err
	st=$?
	why=""
	"$treq" "$src/tests/docx/extensions.yaml" imp/dir/extensions-plain.yaml >diff.out 2>&1 || why="$why; extensions differ"
	"$treq" "$yaml" imp/dir/301-003-template.yaml >>diff.out 2>&1 || why="$why; template differs"
	if [ -f 301-003.doc ]; then
		"$treq" "$yaml" imp/dir/301-003.yaml >>diff.out 2>&1 || why="$why; the .doc differs"
	fi
	if [ "$st" = 0 ] && [ -z "$why" ]; then
		ok "-o DIR imports several Word documents (${#inputs[@]}, a legacy .doc through LibreOffice among them when it is installed)"
	else
		not_ok "import -o DIR: exit status $st$why" err diff.out
	fi
	# a 体系表 kept in Word is a system: its table read as a workbook's sheet, its title and unit
	# paragraphs above the table as a sheet's title rows
	mkdir -p sysw syscsv
	"$zhun" table "$src/examples/museum/system.yaml" --part detail --format csv >syscsv/museum.csv 2>/dev/null
	"$py" "$src/tests/docx-fixtures.py" grid syscsv/museum.csv sysw/museum.docx \
		"某博物馆公共服务标准体系表" "编制单位：某博物馆" 2>gen.err
	"$zhun" import sysw/museum.docx -o sysw/museum.yaml >out 2>err
	st=$?
	"$zhun" import --title 某博物馆公共服务标准体系 --owner 某博物馆 syscsv/museum.csv \
		-o syscsv/museum.yaml >/dev/null 2>&1
	if [ "$st" = 0 ] && grep -q "wrote 'sysw/museum.yaml' (system, " err &&
		"$treq" syscsv/museum.yaml sysw/museum.yaml >diff.out 2>&1 &&
		ZHUN_SELF_CHECK=1 "$zhun" validate sysw/museum.docx >/dev/null 2>&1; then
		ok "a Word document that is one 体系表 table imports as a system, the same as its CSV, its title and unit from the paragraphs above the table"
	else
		not_ok "a 体系表 in Word: exit status $st" err diff.out gen.err
	fi
	if grep -q '^sysw/museum.docx:表1!A1: note: ' err && ! grep -q '^sysw/museum.docx:[0-9]' err &&
		! grep -q 'no title row' err; then
		ok "the findings of a 体系表 in Word are at its cells (file.docx:表1!B4)"
	else
		not_ok "a 体系表 in Word: findings not at cells" err
	fi
	# footnote marks: a raised 1 after a number, 注2 after a title, each with its footnote in a
	# paragraph below the table; a raised 3 without one; a paragraph that is no footnote
	printf '%s\n' '体系表编号,标准编号,标准名称,状态,备注' \
		'101-001,GB/T 1.1—2020^1,标准化工作导则,现行,' \
		'101-002,GB/T 20000.1—2014,标准化工作指南（注2）,现行,重点' \
		'101-003,GB/T 13016—2018^3,标准体系构建原则和要求,现行,' >fn.csv
	"$py" "$src/tests/docx-fixtures.py" grid fn.csv fn.docx "表1 某馆标准体系表" "编制单位：某馆" \
		-- "注1：该标准正在修订。" "注2：计划2025年复审。" "本表由某馆标准化办公室负责解释。" 2>gen.err
	"$zhun" import --lang en fn.docx -o fn.yaml >out 2>err
	st=$?
	if [ "$st" = 0 ] && grep -q '^  title: 某馆标准体系$' fn.yaml && grep -q '^  owner: 某馆$' fn.yaml &&
		grep -q '^    number: GB/T 1.1—2020$' fn.yaml && grep -q '^    note: 该标准正在修订。$' fn.yaml &&
		grep -q '^    title: 标准化工作指南$' fn.yaml && grep -q '^    note: 重点；计划2025年复审。$' fn.yaml &&
		grep -q '^    number: GB/T 13016—2018$' fn.yaml &&
		grep -q '^fn.docx:表1!B2: note: footnote mark “¹” taken off “GB/T 1.1—2020¹”' err &&
		grep -q '^fn.docx:表1!B4: warning: “GB/T 13016—2018³” ends in the footnote mark “³”, but no footnote .*\[import-footnote\]' err &&
		grep -q '^fn.docx: warning: paragraph [0-9]* below the table, “本表由某馆标准化办公室负责解释。”, is not imported \[import-row\]' err &&
		[ "$(grep -c 'import-footnote' err)" = 1 ]; then
		ok "footnote marks in Word cells (raised 1, 注2): taken off, the footnotes below the table are the rows' 备注; a mark without one is a finding at its cell"
	else
		not_ok "footnote marks in a 体系表 in Word: exit status $st" err fn.yaml gen.err
	fi
	"$zhun" import --kind system 301-003-plain.docx -o - >out 2>err
	st=$?
	if [ "$st" = 3 ] && grep -q '\[import-no-header\]' err; then
		ok "--kind system on a standard's text is refused: no table with a header row"
	else
		not_ok "--kind system on a standard: exit status $st" err
	fi
else
	skip "zhun import of Word documents" "this build has no zhun import"
fi

# ---- hostile documents beside their near misses ----
if ! "$py" "$src/tests/docx-fixtures.py" hostile h 2>gen.err; then
	echo "Bail out! tests/docx-fixtures.py hostile failed"
	sed 's/^/# /' gen.err
	exit 1
fi
run "near miss: a plain document" 0 '' --stream h/plain-ok.docx
run "an entity bomb in document.xml is refused at its DOCTYPE" 3 \
	'word/document.xml:1:[0-9]+: fatal: .*\[xml-dtd\]' --stream h/entity-bomb.docx
run "100,000 nested tables: refused as a zip bomb before parsing" 3 '\[archive-bomb\]' \
	--stream h/depth-bomb.docx
run "1,000 nested tables: refused at the depth limit" 3 \
	'word/document.xml:1:[0-9]+: fatal: nesting is deeper than 64 levels \[depth-limit\]' \
	--stream h/depth-limit.docx
run "near miss: 5 nested tables are flattened into the outer cell" 0 '' \
	--stream h/depth-bomb-ok.docx
grep -q '^table 1x1 @2 nested 4$' out || not_ok "nested tables: no flattened table" out
run "near miss: the same flattening reported by the mapping" 1 \
	'h/depth-bomb-ok.docx:2:1: warning: table holds 4 nested table\(s\).*\[import-unmapped\]' \
	--yaml h/depth-bomb-ok.docx
run "a list style linked to itself through its list is a loop" 1 \
	'h/numbering-self.docx:1:1: error: list 1 links to list styles in a loop \[import-docx-invalid\]' \
	--stream h/numbering-self.docx
run "two list styles linked to each other are a loop" 1 \
	'h/numbering-loop.docx:1:1: error: list 1 links to list styles in a loop \[import-docx-invalid\]' \
	--stream h/numbering-loop.docx
run "a list that does not exist" 1 \
	'h/numbering-missing.docx:1:1: error: paragraph is numbered in list 42, which does not exist' \
	--stream h/numbering-missing.docx
run "near miss: a list numbers 1, 2" 0 '' --stream h/numbering-ok.docx
grep -q $'^2\t\t-1\t2\t第二项$' out || not_ok "numbering-ok: second item not numbered 2" out
run "a counter past 2^31 - 1 is reported at its paragraph" 1 \
	'h/counter-overflow.docx:2:1: error: list 1 counts past 2147483647 at level 0' \
	--stream h/counter-overflow.docx
run "near miss: a counter that ends at 2^31 - 1" 0 '' --stream h/counter-ok.docx
grep -q $'^2\t\t-1\t2147483647\t乙$' out || not_ok "counter-ok: no 2147483647" out
run "a paragraph of 50 MB stops at the line-length limit" 3 \
	'h/paragraph-50mb.docx:1:1: fatal: paragraph is longer than the limit of 1048576 bytes \[line-too-long\]' \
	--stream h/paragraph-50mb.docx
run "near miss: a paragraph of 500 KB" 0 '' --stream h/paragraph-500kb-ok.docx
run "a zip without word/document.xml is not a Word document" 3 '\[archive-member-missing\]' \
	--stream h/no-document.docx

# the same through zhun and the loader table: refused (3) or reported (1), within the bounds
zrun() {
	bounded "zhun validate: $1" "$2" '.' "$zhun" validate "$3"
}
for f in entity-bomb depth-bomb depth-limit paragraph-50mb no-document; do
	zrun "$f refused" 3 "h/$f.docx"
done
for f in numbering-loop numbering-self numbering-missing counter-overflow; do
	zrun "$f reported, the rest imported" 1 "h/$f.docx"
done

echo "1..$n"
exit $fail
