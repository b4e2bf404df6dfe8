#!/bin/bash
# SPDX-License-Identifier: MIT
# `zhun import` of spreadsheets, end to end (docs/import.md):
#  - the museum: a consultant's workbook made by tests/museum-workbook.py (a 说明 sheet first,
#    title and unit rows, Chinese headings in their own order, merged block and leaf rows, date
#    cells, a 统计表 after it) and the same sheet as GB18030 CSV import to one system that checks
#    without errors and counts 29/60/107/52;
#  - zhun's own tables come back: `table --columns all` as csv and xlsx, of every example and
#    every golden system that validates, imports to a system whose table has the same rows;
#    with the preset's fewer columns, what the table did not carry is one note;
#  - import-level hostile inputs: a sheet declaring the whole grid, a cell of 10 MB, a header row
#    that repeats a column, a workbook with no recognisable sheet: each a finding within bounds.
# Usage: import-sheets.sh ZHUN TREE_EQUAL SRCDIR   Prints TAP.
# PYTHON3 names the interpreter that has openpyxl (default /usr/bin/python3, Debian's);
# HOSTILE_MAX_SECONDS / HOSTILE_MAX_KB override the bounds (sanitizer builds).
set -u
zhun=$(realpath "$1")
tree_equal=$(realpath "$2")
src=$(realpath "$3")
py=${PYTHON3:-/usr/bin/python3}
max_s=${HOSTILE_MAX_SECONDS:-2}
max_kb=${HOSTILE_MAX_KB:-204800}
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC ZHUN_SELF_CHECK=1
unset LANGUAGE LANG LC_MESSAGES

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

n=0
fail=0
. "$src/tests/tap-lib.sh"
# run_ok NAME COMMAND...: ok when the command succeeds; its output shown when it does not
run_ok() {
	local name=$1
	shift
	if "$@" >out 2>err; then ok "$name"; else not_ok "$name" out err; fi
}

# ---- the museum ----
if ! "$py" "$src/tests/museum-workbook.py" "$src" museum 2>gen.err; then
	echo "Bail out! tests/museum-workbook.py failed (python3-openpyxl missing? tools/setup installs it)"
	sed 's/^/# /' gen.err
	exit 1
fi
cd museum || exit 1
run_ok "museum workbook imports" "$zhun" import --lang en --id qzbwg 博物馆体系表.xlsx
run_ok "museum GB18030 CSV imports" "$zhun" import --lang en --id qzbwg 明细表.csv
grep -q 'sheet “明细表” imported, header row 3' ../err 2>/dev/null || true
"$zhun" import --lang en --id qzbwg --dry-run 博物馆体系表.xlsx 2>notes.txt
if grep -q '博物馆体系表.xlsx:明细表!3: note: sheet “明细表” imported, header row 3 \[import-sheet\]' notes.txt &&
	! grep -q '说明\|统计表' notes.txt; then
	ok "the 说明 sheet before and the 统计表 after are passed over, the choice is a note at its row"
else
	not_ok "the 说明 sheet before and the 统计表 after are passed over, the choice is a note at its row" notes.txt
fi
if "$tree_equal" 博物馆体系表.yaml 明细表.yaml >out 2>&1; then
	ok "the workbook and its GB18030 CSV give the same system"
else
	not_ok "the workbook and its GB18030 CSV give the same system" out
fi
for f in 博物馆体系表.yaml 明细表.yaml; do
	"$zhun" check --lang en --as-of 2024-12-31 "$f" >out 2>err
	st=$?
	if [ "$st" -le 1 ] && ! grep -q ': error:\|: fatal:' err; then
		ok "$f checks without errors"
	else
		not_ok "$f checks without errors (exit $st)" err
	fi
	"$zhun" table --lang en "$f" --part stats --format json >stats.json 2>err
	counts=$("$py" -c '
import json, sys
t = json.load(open("stats.json"))
g = [g for g in t["stats"] if g["key"] == "block"][0]
k = [c["key"] for c in g["columns"]].index("total")
print("/".join(str(r["values"][k]) for r in g["rows"] if not r["total"]))' 2>>err)
	if [ "$counts" = "29/60/107/52" ]; then
		ok "$f counts 29/60/107/52"
	else
		not_ok "$f counts 29/60/107/52, not '$counts'" err
	fi
done
cd .. || exit 1

# ---- zhun's own tables come back ----
# Every row key of format.md's `row` record must have a column in `--columns all`: a field added
# to the format without one would be lost on the way through a spreadsheet unnoticed.
"$zhun" table --lang en "$src/examples/museum/system.yaml" --part detail --columns all --format json \
	>cols.json 2>/dev/null
missing=$("$py" - "$src/docs/format.md" cols.json <<'EOF'
import json, re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
part = doc[doc.index('<a id="rec-row"></a>'):]
part = part[:part.index("<a id=", 10)]
keys = re.findall(r"^\| `([a-z-]+)` \|", part, re.M)
cols = {c["key"] for c in json.load(open(sys.argv[2]))["detail"]["columns"]}
print(" ".join(k for k in keys if k not in cols) if len(keys) > 15 else "(no row keys found)")
EOF
)
if [ -z "$missing" ]; then
	ok "every row key of format.md has a column in table --columns all"
else
	not_ok "row keys of format.md without a column in table --columns all: $missing"
fi
# same_rows NAME SYSTEM FORMAT LANG: table --columns all in FORMAT and LANG, imported beside the
# system (so that its document and registry paths still resolve), gives the same row data: the
# detail of the JSON table (every column, typed: records as arrays of their fields, the 备注 as
# written, the 立改废释 apart) of the import equals the original's.
same_rows() {
	local name=$1 sys=$2 fmt=$3 lang=$4 dir asof
	dir=$(dirname "$sys")
	# one as-of day for all three tables, the system's own: the status column is the status
	# on that day, and a CSV file does not carry the day
	asof=$(sed -n 's/^  date: *\([0-9-]*\).*/\1/p' "$sys" | head -n 1)
	local has_date=$asof
	asof=${asof:-2024-12-31}
	"$zhun" table --lang "$lang" "$sys" --as-of "$asof" --part detail --columns all --format "$fmt" -o "rt.$fmt" \
		>/dev/null 2>&1 || return 0 # a system the table cannot draw is not this test's
	# the CSV file has no title block: its as-of day is given as the consultant would
	"$zhun" import -q --force --lang en ${has_date:+--date "$asof"} "rt.$fmt" -o "$dir/zhun-rt.yaml" \
		>/dev/null 2>rt.err
	local st=$?
	"$zhun" table --lang en "$sys" --as-of "$asof" --part detail --columns all --format json \
		>a.json 2>/dev/null
	"$zhun" table --lang en "$dir/zhun-rt.yaml" --as-of "$asof" --part detail --columns all --format json \
		>b.json 2>>rt.err
	rm -f "$dir/zhun-rt.yaml"
	if [ "$st" -le 1 ] && "$py" - a.json b.json "$fmt" >rt.diff 2>&1 <<'EOF'
import json, sys
# the rows with the category each is filed in; a category without rows is not a row's (and a
# CSV file does not carry it: docs/import.md)
def rows(f):
    d = json.load(open(f))["detail"]
    return d["columns"], [dict(r, group=(g["code"], g["title"])) for g in d["groups"] for r in g["rows"]]
# CSV shows what a terminal would act on escaped, as the text format does (docs/table.md, table.h
# table_term_escape): such text comes back escaped, the one change a CSV file makes
BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
def esc(v):
    if isinstance(v, str):
        out = []
        for ch in v:
            c = ord(ch)
            if ch == "\t":
                out.append(" ")
            elif ch == "\r":
                out.append("\\r")
            elif (c < 0x20 and ch != "\n") or c == 0x7F:
                out.append("\\x%02x" % c)
            elif 0x80 <= c < 0xA0 or c in BIDI:
                out.append("\\u%04x" % c)
            else:
                out.append(ch)
        return "".join(out)
    if isinstance(v, list):
        return [esc(x) for x in v]
    if isinstance(v, dict):
        return {k: esc(x) for k, x in v.items()}
    if isinstance(v, tuple):
        return tuple(esc(x) for x in v)
    return v
(ca, ra), (cb, rb) = rows(sys.argv[1]), rows(sys.argv[2])
if sys.argv[3] == "csv":
    ra = esc(ra)
if ca == cb and ra == rb:
    sys.exit(0)
print("rows: %d, imported %d" % (len(ra), len(rb)))
for x, y in zip(ra, rb):
    for k in x:
        if x.get(k) != y.get(k):
            print("row %s: %s %r, imported %r" % (x.get("seq"), k, x.get(k), y.get(k)))
            sys.exit(1)
print("columns differ")
sys.exit(1)
EOF
	then
		return 0
	fi
	echo "# $name ($fmt, $lang): import exit $st"
	head -4 rt.diff | sed 's/^/# /'
	sed 's/^/# /' rt.err | head -6
	return 1
}
cp -r "$src/examples" ex
cp -r "$src/tests/golden" golden
bad=0
count=0
for sys in ex/*/system.yaml; do
	for fl in "csv zh" "xlsx zh" "csv en" "xlsx en"; do
		count=$((count + 1))
		# shellcheck disable=SC2086
		same_rows "$sys" "$sys" $fl || bad=$((bad + 1))
	done
done
for sys in $(grep -l '^system:' -r golden --include='*.yaml' | sort); do
	"$zhun" validate -q "$sys" >/dev/null 2>&1 || continue
	for fl in "csv zh" "xlsx en"; do
		count=$((count + 1))
		# shellcheck disable=SC2086
		same_rows "$sys" "$sys" $fl || bad=$((bad + 1))
	done
done
if [ "$bad" = 0 ] && [ "$count" -gt 20 ]; then
	ok "table --columns all (csv, xlsx; zh, en) imports back to the same row data: $count tables"
else
	not_ok "table --columns all imports back to the same row data: $bad of $count differ"
fi
"$zhun" table --lang en ex/museum/system.yaml --part detail --columns all --format csv -o all.csv 2>err
if ! grep -q 'have no column' err &&
	grep -q "^zhun table: no column carries the system's own-prefixes, registry, review-cycle" err &&
	"$zhun" table -q ex/museum/system.yaml --part detail --columns all --format csv -o all.csv 2>err &&
	[ ! -s err ]; then
	ok "table --columns all says what no column carries (the system's own keys; the rows' records have columns)"
else
	not_ok "table --columns all says what no column carries (the system's own keys; the rows' records have columns)" err
fi
"$zhun" table --lang zh ex/museum/system.yaml --part detail --format csv -o preset.csv
"$zhun" import --lang en --dry-run preset.csv 2>err
if [ "$(grep -c 'the sheet has no column for' err)" = 1 ] &&
	grep -q 'preset.csv:1:1: note: the sheet has no column for title-en, type, status, published, withdrawn, replaced-by, refs, amendments, interpretations, reviews: those fields are not imported \[import-sheet\]' err; then
	ok "the preset's fewer columns: what the table did not carry is one note"
else
	not_ok "the preset's fewer columns: what the table did not carry is one note" err
fi
printf '体系表编号,标准编号,标准名称,备注\n101-001,GB/T 1.1—2020,"'"'"'=1+2","'"'"'-这是备注"\n' >formula.csv
"$zhun" import --lang en -o - formula.csv >formula.yaml 2>err
if grep -q 'title: "\?=1+2"\?$' formula.yaml && grep -q 'note: "\?-这是备注"\?$' formula.yaml; then
	ok "a cell the CSV renderer neutralised with ' comes back without it"
else
	not_ok "a cell the CSV renderer neutralised with ' comes back without it" formula.yaml err
fi

# ---- import-level hostile inputs ----
# imp NAME STATUS PATTERN ARGS...: zhun import --dry-run within the bounds (tap-lib.sh bounded)
imp() {
	local name=$1 want=$2 pattern=$3
	shift 3
	bounded "$name" "$want" "$pattern" "$zhun" import --lang en --dry-run "$@"
}
"$py" - <<'EOF'
import random
import zipfile
def book(name, sheet_xml, strings=None):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="明细表" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + sheet_xml + '</worksheet>')
def row(r, cells):
    return '<row r="%d">' % r + "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (c, r, v) for c, v in cells) + "</row>"
head = row(1, [("A", "标准编号"), ("B", "标准名称"), ("C", "状态")])
good = row(2, [("A", "GB/T 1.1—2020"), ("B", "标准化工作导则"), ("C", "现行")])
# the whole grid declared, one cell at its far corner
book("grid.xlsx", '<dimension ref="A1:XFD1048576"/><sheetData>' + head + good +
     row(1048576, [("XFD", "末格")]) + '</sheetData>')
book("grid-ok.xlsx", '<dimension ref="A1:C2"/><sheetData>' + head + good + '</sheetData>')
# a standard row in the last row of the grid, in a file of a few hundred bytes
book("lastrow.xlsx", '<sheetData>' + head + row(1048576, [("A", "GB/T 1.1—2020"), ("B", "标准化工作导则"), ("C", "现行")]) + '</sheetData>')
# a cell of 10 MB in the title column
book("bigcell.xlsx", '<sheetData>' + head + row(2, [("A", "GB/T 1.1—2020"), ("B", "".join(chr(random.randrange(0x4E00, 0x9FA5)) for _ in range((10 << 20) // 3))), ("C", "现行")]) + '</sheetData>')
book("repeat.xlsx", '<sheetData>' + row(1, [("A", "标准编号"), ("B", "标准名称"), ("C", "状态"), ("D", "标准号")]) + good + '</sheetData>')
book("nosheet.xlsx", '<sheetData>' + row(1, [("A", "说明")]) + row(2, [("A", "本表无表头")]) + '</sheetData>')
EOF
imp "a sheet declaring 1,048,576 rows × 16,384 columns: the stray cell is a finding at XFD1048576" 0 \
	'grid.xlsx:明细表!XFD1048576: warning: row 1048576 is neither' grid.xlsx
imp "near miss: the same sheet of its true size" 0 "import-sheet" grid-ok.xlsx
imp "a standard in row 1,048,576 of a small file is imported, its position the cell" 0 \
	"would write 'lastrow.yaml' \\(registry, 1 edition\\)" lastrow.xlsx
imp "a cell of 10 MB: refused at its cell, nothing written" 0 \
	'bigcell.xlsx:明细表!B2: warning: the cell holds [0-9]+ bytes, over the limit' bigcell.xlsx
imp "a header row that repeats a column (标准号 after 标准编号): an error at the repeat" 1 \
	'repeat.xlsx:明细表!D1: error: column “标准号” repeats “number”' repeat.xlsx
imp "a workbook with no recognisable sheet: import-no-header, exit 3" 3 \
	'nosheet.xlsx: fatal: no sheet has a header row .*\[import-no-header\]' nosheet.xlsx
imp "--sheet naming no sheet lists those there are" 3 \
	'no sheet “统计”; its sheets are “明细表”' --sheet 统计 grid-ok.xlsx

echo "1..$n"
exit $fail
