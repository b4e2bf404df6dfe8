#!/bin/bash
# SPDX-License-Identifier: MIT
# The spreadsheet readers (include/sheet.h, include/ziparc.h) on files made at test time by
# tests/sheet-fixtures.py (python3-openpyxl and python3's zipfile, byte by byte where a header
# must lie), by `zip -e` and by zhun itself (`table -f xlsx`, `table -f csv`): values, types,
# dates in both systems, merged ranges, positions, encodings, and every hostile archive refused
# with its finding within the bounds of the import issue (2 s, and 200 MB peak RSS), each beside
# a near miss that must read cleanly. Runs tests/sheet-dump (the readers' test front end).
#
# Usage: sheet-readers.sh SHEET_DUMP ZHUN SRCDIR   Prints TAP.
# HOSTILE_MAX_SECONDS / HOSTILE_MAX_KB override the bounds (sanitizer builds); PYTHON3 names
# the interpreter that has openpyxl (default /usr/bin/python3, Debian's).
set -u
dump=$(realpath "$1")
zhun=$(realpath "$2")
src=$(realpath "$3")
py=${PYTHON3:-/usr/bin/python3}
max_s=${HOSTILE_MAX_SECONDS:-2}
max_kb=${HOSTILE_MAX_KB:-204800}
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE LANG LC_MESSAGES

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
if ! "$py" "$src/tests/sheet-fixtures.py" fx 2>gen.err; then
	echo "Bail out! tests/sheet-fixtures.py failed (python3-openpyxl missing? tools/setup installs it)"
	sed 's/^/# /' gen.err
	exit 1
fi
cd fx || exit 1

n=0
fail=0
. "$src/tests/tap-lib.sh"

# run NAME STATUS PATTERN [ARGS...] FILE: sheet-dump within the bounds (tap-lib.sh bounded)
run() {
	local name=$1 want=$2 pattern=$3
	shift 3
	bounded "$name" "$want" "$pattern" "$dump" "$@"
}

# has NAME LINE...: each LINE is a whole line of the last run's stdout.
has() {
	local name=$1 missing=""
	shift
	for l in "$@"; do
		grep -Fxq -- "$l" out || missing="$missing [$l]"
	done
	if [ -z "$missing" ]; then ok "$name"; else not_ok "$name: missing$missing" out; fi
}

T=$(printf '\t')

# ---- workbooks ----
run "openpyxl workbook reads cleanly" 0 "" openpyxl.xlsx
has "openpyxl: sheets in tab order, hidden flag, merged title and category rows" \
	"sheet 说明 hidden=0 read=1 complete=1 size=1x1 rows=1 merges=0" \
	"sheet 明细表 hidden=0 read=1 complete=1 size=6x6 rows=6 merges=2" \
	"merge A1:F1" "merge A6:A8" \
	"sheet 隐藏 hidden=1 read=1 complete=1 size=3x3 rows=1 merges=0"
has "openpyxl: inline strings, numbers, dates, booleans with their A1 positions" \
	"openpyxl.xlsx:明细表!A1${T}string${T}某博物馆公共服务标准体系明细表" \
	"openpyxl.xlsx:明细表!C3${T}string${T}标准化工作导则 第1部分：标准化文件的结构和起草规则" \
	"openpyxl.xlsx:明细表!A3${T}number${T}1" \
	"openpyxl.xlsx:明细表!D3${T}date${T}2020-10-01" \
	"openpyxl.xlsx:明细表!E3${T}date${T}2020-03-31T09:30:00" \
	"openpyxl.xlsx:明细表!E4${T}date${T}2018-12-28" \
	"openpyxl.xlsx:明细表!D5${T}date${T}1900-01-01" \
	"openpyxl.xlsx:明细表!E5${T}number${T}2.5" \
	"openpyxl.xlsx:明细表!F3${T}bool${T}TRUE" \
	"openpyxl.xlsx:明细表!B6${T}number${T}0.1"
run "openpyxl workbook in the 1904 date system" 0 "" openpyxl-1904.xlsx
has "1904 system: the same dates" \
	"book openpyxl-1904.xlsx encoding=- delimiter=- date1904=1 sheets=3" \
	"openpyxl-1904.xlsx:明细表!D3${T}date${T}2020-10-01" \
	"openpyxl-1904.xlsx:明细表!E3${T}date${T}2020-03-31T09:30:00"
grep -q "^openpyxl-1904.xlsx:明细表!D5${T}number${T}-" out &&
	ok "1904 system: 1900-01-01 is before the epoch, a negative number as Excel keeps it" ||
	not_ok "1904 system: 1900-01-01 is before the epoch, a negative number as Excel keeps it" out

run "workbook written part by part as Excel does" 0 "" handmade.xlsx
has "shared strings: rich runs joined, phonetic runs skipped, _xHHHH_ escapes and entities" \
	"handmade.xlsx:明细表!A1${T}string${T}标准编号" \
	"handmade.xlsx:明细表!B1${T}string${T}标准 名称" \
	"handmade.xlsx:明细表!C1${T}string${T}博物馆" \
	"handmade.xlsx:明细表!G2${T}string${T}"
grep -q "^handmade.xlsx:明细表!A2${T}string${T}line$(printf '\r')\\\\ntwo _x0041_ & <x>\$" out &&
	ok "shared string with _x000D__x000A_ and a protected _x005F_" ||
	not_ok "shared string with _x000D__x000A_ and a protected _x005F_" out
has "rows and cells without r= are counted; formula results, errors, booleans" \
	"handmade.xlsx:明细表!B2${T}string${T}行内文本" \
	"handmade.xlsx:明细表!C2${T}string${T}公式结果" \
	"handmade.xlsx:明细表!D2${T}error${T}#N/A" \
	"handmade.xlsx:明细表!E2${T}bool${T}TRUE" \
	"handmade.xlsx:明细表!F2${T}bool${T}FALSE" \
	"handmade.xlsx:明细表!C7${T}number${T}7" \
	"handmade.xlsx:明细表!D7${T}number${T}8"
has "number formats: built-in and custom dates, quoted and escaped d, [Red], times, the 1900-02-29 bug" \
	"handmade.xlsx:明细表!A5${T}date${T}2021-05-01" \
	"handmade.xlsx:明细表!B5${T}date${T}2021-05-01" \
	"handmade.xlsx:明细表!C5${T}number${T}44317" \
	"handmade.xlsx:明细表!D5${T}number${T}44317" \
	"handmade.xlsx:明细表!E5${T}date${T}12:00:00" \
	"handmade.xlsx:明细表!F5${T}date${T}2021-05-01T13:30:00" \
	"handmade.xlsx:明细表!G5${T}number${T}3.14159" \
	"handmade.xlsx:明细表!H5${T}date${T}1900-02-29" \
	"handmade.xlsx:明细表!I5${T}date${T}1900-02-28" \
	"handmade.xlsx:明细表!J5${T}date${T}1900-03-01" \
	"handmade.xlsx:明细表!L5${T}number${T}1e+21" \
	"handmade.xlsx:明细表!M5${T}number${T}0" \
	"handmade.xlsx:明细表!O5${T}number${T}-1"
has "relationship targets absolute, with ../ and ./; a sheet name with &; a hidden sheet" \
	"merge A1:C1" "merge A5:A6" \
	"handmade.xlsx:R&D!B2${T}string${T}R&D" \
	"sheet 隐藏 hidden=1 read=1 complete=1 size=1x1 rows=1 merges=0"
run "1904 system, part by part" 0 "" handmade-1904.xlsx
has "1904 system: serials counted from 1904-01-01" \
	"handmade-1904.xlsx:明细表!A5${T}date${T}2025-05-02" \
	"handmade-1904.xlsx:明细表!K5${T}date${T}1904-01-01" \
	"handmade-1904.xlsx:明细表!H5${T}date${T}1904-03-01"
run "--sheet reads one sheet, lists the others" 0 "" --sheet R\&D handmade.xlsx
has "--sheet: the others are not read" \
	"sheet 明细表 hidden=0 read=0 complete=0 size=0x0 rows=0 merges=0" \
	"handmade.xlsx:R&D!B2${T}string${T}R&D"
run "--rows stops each sheet early" 0 "" --rows 2 handmade.xlsx
has "--rows: the first rows only, marked incomplete" \
	"sheet 明细表 hidden=0 read=1 complete=0 size=2x7 rows=2 merges=0"
run "values that cannot be read are errors at their cells; the rest is kept" 1 \
	'values.xlsx:表!A1: error: shared string “7” does not exist: the table has 1 \[xlsx-invalid\]' values.xlsx
for p in '表!B1: error: boolean value “2”' '表!C1: error: number “abc”' '表!D1: error: cell type “x”' \
	'sheet1.xml:[0-9]+:[0-9]+: error: cell reference “ZZZZ1”' 'error: merged range “A1:”' \
	'error: merged range “B2:A1”'; do
	grep -Eq -- "$p" err && ok "values.xlsx: $p" || not_ok "values.xlsx: $p" err
done
has "values.xlsx: the readable cell stays" "values.xlsx:表!E1${T}number${T}5"

"$zhun" table "$src/examples/museum" -f xlsx -o museum.xlsx >/dev/null 2>&1
run "zhun's own xlsx reads back (libxlsxwriter: shared strings, three sheets)" 0 "" museum.xlsx
has "zhun's own xlsx: the sheets and the first 明细表 cells" \
	"book museum.xlsx encoding=- delimiter=- date1904=0 sheets=3" \
	"museum.xlsx:结构图!A1${T}string${T}某博物馆公共服务标准体系表" \
	"museum.xlsx:结构图!D5${T}number${T}248" \
	"museum.xlsx:结构图!C7${T}string${T}101 标准化导则"
"$zhun" table "$src/examples/museum" -f csv >museum.csv 2>/dev/null
run "zhun's own CSV reads back (UTF-8 with BOM)" 0 "" museum.csv
has "zhun's own CSV: the header row" "museum.csv:1:1${T}string${T}所属类别"

# ---- CSV and TSV ----
for f in bom.csv gb18030.csv lf.csv cr.csv; do
	run "CSV $f" 0 "" "$f"
	has "CSV $f: quoted line break, doubled quotes, positions in code points" \
		"$f:1:9${T}string${T}标准名称" \
		"$f:2:17${T}string${T}标准化工作导则\\n第1部分" \
		"$f:4:3${T}string${T}GB/T \"13016\"—2018" \
		"$f:4:25${T}string${T}标准体系构建原则和要求"
	[ "$f" != gb18030.csv ] ||
		has "GB18030 detected" "book gb18030.csv encoding=GB18030 delimiter=, date1904=0 sheets=1"
done
run "TSV by extension" 0 "" tabs.tsv
has "TSV: commas are text, a quoted tab" "tabs.tsv:1:4${T}string${T}标准名称,含逗号" \
	"tabs.tsv:2:3${T}string${T}带\\t制表符"
run "Excel's Unicode text (UTF-16LE with BOM, tabs sniffed)" 0 "" unicode.txt
has "UTF-16LE: a supplementary character survives" \
	"book unicode.txt encoding=UTF-16LE delimiter=tab date1904=0 sheets=1" \
	"unicode.txt:2:3${T}string${T}博物馆 𠀀"
run "UTF-16BE with BOM" 0 "" utf16be.csv
has "UTF-16BE" "utf16be.csv:2:3${T}string${T}馆"
run "semicolons sniffed" 0 "" semicolon.csv
has "semicolons: a decimal comma stays in its field" "semicolon.csv:2:3${T}string${T}2,5"
run "blank lines keep their row numbers; empty fields are kept" 0 "" blank-lines.csv
has "blank lines" "blank-lines.csv:3:2${T}empty${T}" "blank-lines.csv:4:3${T}string${T}d"
run "unclosed quote: csv-syntax at the quote" 1 '^unclosed.csv:2:3: error: quoted field is not closed before the end of the file \[csv-syntax\]$' unclosed.csv
run "text after a closing quote: csv-syntax" 1 '^after-quote.csv:2:9: error: text after the closing quote of a field \[csv-syntax\]$' after-quote.csv
run "a byte neither UTF-8 nor GB18030: encoding-invalid at line:col" 3 '^undecodable.csv:2:4: fatal: byte 0xFF at byte offset 14 cannot be read as GB18030 \[encoding-invalid\]$' undecodable.csv
run "a UTF-8 BOM and a bad byte: invalid-utf8" 3 '^bad-bom.csv:2:3: fatal: invalid UTF-8 byte 0xD0' bad-bom.csv
run "broken UTF-16: encoding-invalid" 3 '^utf16-odd.txt:1:3: fatal: byte 0x00 at byte offset 6 cannot be read as UTF-16LE' utf16-odd.txt
run "NUL byte in a CSV" 3 '^nul.csv:2:3: fatal: NUL byte' nul.csv

# ---- hostile archives, each with its near miss ----
run "near miss: a plain workbook" 0 "" ok.xlsx
run "zip bomb: 1 GiB of zeros in the sheet" 3 'bomb-1g.xlsx: fatal: member “xl/worksheets/sheet1.xml” would inflate from 1.0 MiB to 1024.0 MiB, over the ratio limit of 100 to 1 \[archive-bomb\]' bomb-1g.xlsx
run "ratio bomb: 64 MiB of spaces" 3 'would inflate from .* to 64.0 MiB, over the ratio limit .*\[archive-bomb\]' bomb-ratio.xlsx
run "lying header: 4 KiB declared, 64 MiB inside" 3 'member “xl/worksheets/sheet1.xml” inflates to more than the 4096 bytes it declares \[archive-bomb\]' bomb-lying.xlsx
run "lying header with the ratio check raised: still stopped at the declared size" 3 'inflates to more than the 4096 bytes it declares \[archive-bomb\]' --limit ratio=1000000 bomb-lying.xlsx
run "honest 64 MiB member with the ratio raised: stopped by the member limit" 3 'member “xl/worksheets/sheet1.xml” is 64.0 MiB, over the limit of 32.0 MiB \[archive-too-large\]' --limit ratio=1000000 --limit member-size=33554432 bomb-ratio.xlsx
run "total limit" 3 'archive would inflate to .*, over the limit of 1.0 KiB \[archive-too-large\]' --limit archive-size=1024 ok.xlsx
run "a bomb in a member nobody reads is refused from the directory" 3 'member “xl/media/image1.png” would inflate .*\[archive-bomb\]' bomb-unread.xlsx
run "near miss: 1,000:1 under the 1 MiB grace" 0 "" ratio-small-ok.xlsx
run "zip slip: ../../etc/passwd" 3 'member name “../../etc/passwd” is unsafe: a “..” segment \[archive-name-unsafe\]' slip-parent.xlsx
run "zip slip: /abs" 3 'member name “/abs” is unsafe: an absolute path \[archive-name-unsafe\]' slip-abs.xlsx
run "zip slip: backslashes" 3 'is unsafe: a backslash \[archive-name-unsafe\]' slip-backslash.xlsx
run "a NUL inside a member name" 3 'a member name contains a NUL byte.*\[archive-name-unsafe\]' slip-nul.xlsx
run "an over-long member name" 3 'is unsafe: a name longer than 1,024 bytes \[archive-name-unsafe\]' slip-long.xlsx
run "near miss: dots inside names" 0 "" slip-ok.xlsx
run "encrypted member (flag)" 3 'member “xl/worksheets/sheet1.xml” is encrypted \[archive-encrypted\]' encrypted.xlsx
if command -v zip >/dev/null; then
	mkdir z && (cd z && unzip -q ../ok.xlsx && zip -q -r -P secret ../zip-e.xlsx . -x xl/workbook.xml && zip -q ../zip-e.xlsx xl/workbook.xml)
	run "encrypted by zip -P (one member, the rest plain)" 3 'member “.*” is encrypted \[archive-encrypted\]' zip-e.xlsx
	(cd z && zip -q -r ../zip-plain.xlsx .)
	run "near miss: the same archive by zip, no password" 0 "" zip-plain.xlsx
else
	ok "# SKIP zip is not installed (tools/setup installs it)"
	ok "# SKIP zip is not installed"
fi
run "truncated in the middle" 3 'truncated.xlsx: fatal: cannot read the archive: not a zip archive, or the archive is truncated \[archive-corrupt\]' truncated.xlsx
run "truncated by 10 bytes" 3 'truncated-end.xlsx: fatal: .*\[archive-corrupt\]' truncated-end.xlsx
run "bad CRC" 3 'member “xl/worksheets/sheet1.xml” cannot be read: CRC mismatch: the data is damaged \[archive-corrupt\]' bad-crc.xlsx
run "damaged deflate data" 3 'member “xl/worksheets/sheet1.xml” cannot be read: .*damaged \[archive-corrupt\]' bad-data.xlsx
run "not a zip after its signature" 3 'pk-junk.xlsx: fatal: .*\[archive-corrupt\]' pk-junk.xlsx
run "Office compound file (encrypted workbook or .xls)" 3 'this is an Office compound file .*\[archive-corrupt\]' ole.xlsx
run "shared strings named but missing" 3 'sst-missing.xlsx: fatal: the archive has no member “xl/sharedStrings.xml” \[archive-member-missing\]' sst-missing.xlsx
run "shared strings used, none in the workbook" 3 '^sst-unnamed.xlsx:明细表!B1: fatal: the cell takes shared string 0, but the workbook has no shared-string table' sst-unnamed.xlsx
run "a zip that is not a workbook" 3 'no-workbook.xlsx: fatal: the archive has no workbook part “xl/workbook.xml” \[archive-member-missing\]' no-workbook.xlsx
run "10,001 members" 3 'archive has 10007 members, over the limit of 10000 \[archive-too-large\]' members.xlsx
run "10 million tiny shared strings" 3 'member “xl/sharedStrings.xml” would inflate .* to 162.1 MiB, over the ratio limit .*\[archive-bomb\]' sst-10m.xlsx
run "10 million tiny shared strings, ratio and size limits raised: the table's limit" 3 '^sst-10m.xlsx:xl/sharedStrings.xml:2:[0-9]+: fatal: the shared-string table has more than 1000000 entries \[archive-too-large\]$' --limit ratio=1000000 --limit member-size=1000000000 --limit archive-size=1000000000 sst-10m.xlsx
run "billion laughs in the sheet part" 3 '^entity-bomb.xlsx:xl/worksheets/sheet1.xml:2:[0-9]+: fatal: document type declarations are not allowed.*\[xml-dtd\]$' entity-bomb.xlsx
run "external entity in the sheet part" 3 'entity-external.xlsx:xl/worksheets/sheet1.xml:.*\[xml-dtd\]' entity-external.xlsx
grep -q root: out err && not_ok "external entity: /etc/passwd leaked" out err || ok "external entity: nothing of /etc/passwd shown"
run "100,000-deep nesting in the sheet part" 3 '^deep.xlsx:xl/worksheets/sheet1.xml:2:[0-9]+: fatal: nesting is deeper than 64 levels \[depth-limit\]$' deep.xlsx
run "near miss: DOCTYPE only in a comment and a value, 50 levels deep" 0 "" xml-ok.xlsx
has "near miss: the value decoded" "xml-ok.xlsx:明细表!A1${T}string${T}&lt;!DOCTYPE中"
run "a sheet part in UTF-16, as its declaration says" 0 "" utf16-part.xlsx
has "UTF-16 part" "utf16-part.xlsx:明细表!A1${T}string${T}中文"
run "malformed sheet XML" 3 '^xml-syntax.xlsx:xl/worksheets/sheet1.xml:3:[0-9]+: fatal: opening and ending tag mismatch.*\[xml-syntax\]$' xml-syntax.xlsx
run "node limit inside a part" 3 'fatal: document has more than 5 nodes \[node-limit\]' --limit nodes=5 ok.xlsx

echo "1..$n"
exit $fail
