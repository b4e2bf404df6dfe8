#!/bin/bash
# SPDX-License-Identifier: MIT
# zhun table --format docx read back: the museum's 标准体系表 as Word — every XML part well-formed,
# python3-docx finds the title block, the 结构图 with all 27 boxes, the 明细表 with all 248 rows,
# its category sub-headings as merged rows and a header row repeated on each page, the 统计表
# grids, A4 landscape; LibreOffice opens and prints it (kept as <build>/table-museum-docx.pdf for
# people to look at) with every row's number. Prints TAP.
# Usage: table-docx.sh ZHUN SOURCE_ROOT [BUILD_ROOT]
set -u
zhun=$1
root=$2
build=${MESON_BUILD_ROOT:-${3:-.}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
. "$(dirname "$0")/tap-lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
echo "1..10"
"$zhun" table "$root/examples/museum" --format docx -o "$tmp/t.docx" 2>"$tmp/err"
check "zhun table --format docx exits 0" test $? -eq 0
"$zhun" table "$root/examples/museum" --format docx >/dev/null 2>&1
check "without -o it is a usage error (exit 2)" test $? -eq 2
docx_parts "every XML part is well-formed" "$tmp/t.docx" "$tmp/x"
if $py -c 'import docx' 2>/dev/null; then
	$py - "$tmp/t.docx" >"$tmp/tap" <<'PY'
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
def ok(cond, name):
    print(('ok - ' if cond else 'not ok - ') + name)
paras = [p.text for p in d.paragraphs]
ok(paras[0] == '某博物馆公共服务标准体系表' and '编制单位：某博物馆' in paras[1] and '状态截至：2024-12-31' in paras[1],
   'the title block: title, 编制单位, 状态截至')
chart, detail = d.tables[0], d.tables[1]
ok(len(chart.rows) == 2 + 27, 'the 结构图 table: a header, the root and its 27 boxes (%d rows)' % len(chart.rows))
rows = [r for r in detail.rows[1:] if len(r._tr.findall(qn('w:tc'))) > 1]
groups = [r for r in detail.rows[1:] if len(r._tr.findall(qn('w:tc'))) == 1]
ok(len(rows) == 248 and rows[-1].cells[0].text == '248', 'the 明细表 holds all 248 rows, 序号 1 to 248')
ok(len(groups) == 27 and detail.rows[0]._tr.trPr.find(qn('w:tblHeader')) is not None,
   '27 category sub-headings as merged rows; the header row repeats on each page')
s = d.sections[0]
ok(s.page_width > s.page_height and abs(s.page_width - 10692130) < 2000, 'A4 landscape')
ok(len(d.tables) >= 4, 'the 统计表 grids follow (%d tables in all)' % len(d.tables))
PY
	tap "$tmp/tap"
else
	for i in 1 2 3 4 5 6; do n=$((n + 1)); echo "ok $n # SKIP python3-docx is not installed"; done
fi
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
	HOME=$tmp timeout 180 soffice --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/t.docx" >/dev/null 2>&1
	cp "$tmp/lo/t.pdf" "$build/table-museum-docx.pdf" 2>/dev/null && echo "# print: $build/table-museum-docx.pdf"
	pdftotext -layout "$tmp/lo/t.pdf" "$tmp/t.txt" 2>/dev/null
	# every 序号 from 1 to 248 starts a line of the print
	check "LibreOffice prints all 248 rows" sh -c "[ \$(grep -Eo '^ *[0-9]+ +[0-9]{3}-[0-9]{3}' '$tmp/t.txt' | awk '{print \$1}' | sort -n | uniq | wc -l) -eq 248 ]"
else
	n=$((n + 1))
	echo "ok $n # SKIP LibreOffice is not installed"
fi
exit $fail
