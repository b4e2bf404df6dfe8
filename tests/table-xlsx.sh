#!/bin/bash
# SPDX-License-Identifier: MIT
# Render the museum's 标准体系表 to xlsx and read it back (python3's zipfile): sheet names, the
# title block (system, 编制单位, 状态截至 as a date), frozen and print-repeated header rows, header
# styling, header cells not clipped (row heights from the wrapped lines), data cells, 序号 and
# counts as numbers, dates as dates, ratios as 0.0 % fractions, page set-up (A4 landscape,
# footer page numbers), column widths that fit A4 landscape at 9 pt or more, the 结构图 as an
# outline, and the statistics (29 / 60 / 107 / 52 = 248). A hostile system's formula-like titles
# must be text, never formulas. Then print the workbook through LibreOffice (headless, to PDF)
# and read the print back with pdftotext: every page numbered, body text at 9 pt or more, the
# 明细表 one page wide, each statistics grid on one page (user trial, finding 7; the print is kept
# as $MESON_BUILD_ROOT/table-museum-xlsx.pdf). libxlsxwriter is opened with dlopen on first use
# (src/render_xlsx.c): zhun does not link it, and a library that will not load gives a message
# and status 4. Prints TAP. The print checks skip without soffice or pdftotext (tools/setup
# installs libreoffice-calc-nogui, fonts-crosextra-carlito and poppler-utils).
# Usage: table-xlsx.sh ZHUN SOURCE_ROOT [BUILD_ROOT]
# ZHUN_WRAPPER (a command, shell-quoted) runs zhun under it: `meson test --setup valgrind`.
set -u
zhun=$1
root=$2
build=${MESON_BUILD_ROOT:-${3:-.}}
run=("$zhun")
if [ -n "${ZHUN_WRAPPER:-}" ]; then
	eval "run=($ZHUN_WRAPPER \"\$zhun\")"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
. "$(dirname "$0")/tap-lib.sh"
plan=41
echo "1..$plan"
if ! command -v python3 >/dev/null; then
	for i in $(seq 1 $plan); do echo "ok $i # SKIP python3 is not installed (tools/setup installs it)"; done
	exit 0
fi

"${run[@]}" table "$root/examples/museum" --format xlsx -o "$tmp/museum.xlsx" 2>"$tmp/stderr"
status=$?
check "zhun table --format xlsx exits 0" test "$status" -eq 0
check "the file is a zip archive" test "$(head -c 2 "$tmp/museum.xlsx" 2>/dev/null)" = "PK"
"${run[@]}" table "$root/tests/golden/table/hostile-input" --format xlsx -o "$tmp/hostile.xlsx" \
	2>"$tmp/stderr.hostile"
check "a hostile system renders too (exit 0)" test $? -eq 0

python3 - "$tmp/museum.xlsx" "$tmp/hostile.xlsx" >"$tmp/read.tap" 2>&1 <<'EOF'
import re, sys, zipfile
import xml.etree.ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
def ok(cond, name):
    print(('ok' if cond else 'not ok') + ' - ' + name)

class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        self.strings = []
        sst = ET.fromstring(self.z.read('xl/sharedStrings.xml'))
        for si in sst.findall('m:si', NS):
            self.strings.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
        wb = ET.fromstring(self.z.read('xl/workbook.xml'))
        self.names = [s.get('name') for s in wb.find('m:sheets', NS)]
        self.defined = [(d.get('name'), d.text) for d in wb.iter('{%s}definedName' % NS['m'])]
        st = ET.fromstring(self.z.read('xl/styles.xml'))
        fmts = {int(f.get('numFmtId')): f.get('formatCode') for f in st.iter('{%s}numFmt' % NS['m'])}
        self.xf = []
        for x in st.find('m:cellXfs', NS):
            self.xf.append(fmts.get(int(x.get('numFmtId', 0)), 'General'))
        self.styles_xml = self.z.read('xl/styles.xml').decode()
    def sheet(self, k):
        return Sheet(self, ET.fromstring(self.z.read('xl/worksheets/sheet%d.xml' % (k + 1))),
                     self.z.read('xl/worksheets/sheet%d.xml' % (k + 1)).decode())

class Sheet:
    def __init__(self, book, root, raw):
        self.raw = raw
        self.root = root
        self.cells = {}
        self.rows = {}
        for row in root.iter('{%s}row' % NS['m']):
            self.rows[int(row.get('r'))] = row.attrib
            for c in row.findall('m:c', NS):
                v = c.find('m:v', NS)
                val = None if v is None else v.text
                if c.get('t') == 's' and val is not None:
                    val = book.strings[int(val)]
                elif val is not None:
                    val = float(val)
                self.cells[c.get('r')] = (val, book.xf[int(c.get('s', 0))], c.get('t'),
                                          c.find('m:f', NS) is not None)
    def v(self, ref):
        return self.cells.get(ref, (None,))[0]
    def fmt(self, ref):
        return self.cells.get(ref, (None, None))[1]
    def text(self, ref):
        v = self.v(ref)
        return v.replace('\n', '') if isinstance(v, str) else v
    def find(self, text, col=None):
        for ref, c in sorted(self.cells.items(), key=lambda kv: (int(re.sub('[A-Z]', '', kv[0])), kv[0])):
            if c[0] == text and (col is None or ref.startswith(col)):
                return int(re.sub('[A-Z]', '', ref))
        return None

b = Book(sys.argv[1])
ok(b.names == ['结构图', '明细表', '统计表'], 'one sheet per part, in order: 结构图 明细表 统计表 (%s)' % b.names)
chart, det, stats = b.sheet(0), b.sheet(1), b.sheet(2)
ok(all('state="frozen"' in s.raw for s in (chart, det)), 'the header rows of 结构图 and 明细表 are frozen')
ok("<b/>" in b.styles_xml and 'FFDBE8F5' in b.styles_xml and '等线' in b.styles_xml,
   'header style: bold on a blue fill, CJK font 等线')
parts = {'结构图': '标准体系结构图', '明细表': '标准明细表', '统计表': '标准统计表'}
tb = all(s.v('A1') == '某博物馆公共服务标准体系表' and s.v('A2') == parts[nm]
         and str(s.v('A3')).startswith('编制单位：某博物馆') and '版本：2024' in str(s.v('A3'))
         for s, nm in zip((chart, det, stats), b.names))
ok(tb, 'title block on every sheet: 某博物馆公共服务标准体系表, the part, 编制单位 and 版本')
dates = [(r, c) for s in (chart, det, stats) for r, c in s.cells.items() if r[-1] == '3' and c[0] == 45657.0]
ok(len(dates) == 3 and all(c[1] == '"状态截至："yyyy-mm-dd' for r, c in dates),
   '状态截至 2024-12-31 is a date cell (serial 45657) formatted "状态截至："yyyy-mm-dd on every sheet')
heads = [det.text(c + '4') for c in 'ABCDEFGHI']
ok(heads == ['序号', '标准体系表编号', '标准名称', '标准编号', '宜定级别', '实施日期',
             '国际、国外标准号及采用关系', '被代替标准号或作废', '备注'],
   'detail header in row 4: 序号 … 备注 (%s)' % '|'.join(map(str, heads)))
lines = max(str(det.v(c + '4')).count('\n') + 1 for c in 'ABCDEFGHI')
ht = float(det.rows[4].get('ht', 0))
ok(lines >= 2 and ht >= 15 * lines and det.rows[4].get('customHeight') == '1',
   'the wrapped header row is %d lines high (%.1f pt), not clipped' % (lines, ht))
ok(det.v('B4') == '标准体系\n表编号' and det.v('G4') == '国际、国外标准号\n及采用关系',
   'headings break between words: 标准体系 / 表编号, 国际、国外标准号 / 及采用关系')
ok(("_xlnm.Print_Titles", "'明细表'!$4:$4") in b.defined, 'the header row repeats on every printed page')
ok(det.v('A5') == '100 通用基础标准' and det.v('A6') == '101 标准化导则',
   'detail sub-headings: 100 通用基础标准, then 101 标准化导则')
ok(det.v('A7') == 1.0 and det.cells['A7'][2] is None and det.v('B7') == '101-001' and det.v('D7') == 'GB/T 1.1—2020',
   'first row: 序号 1 (a number), 101-001, GB/T 1.1—2020')
ok(det.v('G7') == 'ISO/IEC Directives, Part 2, 2018, NEQ' and det.v('H7') == 'GB/T 1.1—2009',
   'first row: adoption and replaced edition')
ok(det.v('F7') == 44105.0 and det.fmt('F7') == 'yyyy-mm-dd',
   '实施日期 2020-10-01 is a date (serial 44105, yyyy-mm-dd)')
seqs = sorted(c[0] for r, c in det.cells.items() if r.startswith('A') and isinstance(c[0], float))
ok(seqs == [float(i) for i in range(1, 249)], '248 standards numbered 1..248, as numbers')
body = [r for r in det.rows if r >= 4]
ok(all(det.rows[r].get('customHeight') == '1' for r in body) and float(det.rows[7]['ht']) >= 3 * 15,
   'every row of the 明细表 has its height set from its wrapped lines (row 7: %s pt)' % det.rows[7].get('ht'))
widths = [float(c.get('width')) for c in det.root.find('m:cols', NS)]
px = sum(int(7.44 * w + 5) for w in widths)
ok(len(widths) == 9 and px * 9 / 10.5 <= 1046,
   'column widths (%d px with LibreOffice\'s unit) fit A4 landscape at 9 pt or more (%.1f pt)' % (px, min(10.5, 10.5 * 1046 / px)))
ps = [re.search(r'<pageSetup[^>]*>', s.raw).group(0) for s in (chart, det, stats)]
ok(all('paperSize="9"' in p and 'orientation="landscape"' in p for p in ps) and 'fitToPage="1"' in det.raw,
   'every sheet prints on A4 landscape; the 明细表 is fitted to the page width')
feet = [re.search(r'<oddFooter>(.*?)</oddFooter>', s.raw) for s in (chart, det, stats)]
ok(all(f and '第 &amp;P 页，共 &amp;N 页' in f.group(1) and '状态截至 2024-12-31' in f.group(1) for f in feet),
   'every sheet has page numbers (第 &P 页，共 &N 页) and the as-of date in its footer')
# the chart: blocks in input order, an outline with levels and indented boxes
blocks = [c[0] for r, c in sorted(chart.cells.items(), key=lambda kv: int(re.sub('[A-Z]', '', kv[0])))
          if isinstance(c[0], str) and re.fullmatch(r'[1-4]00 .*', c[0])]
ok([x[:3] for x in blocks] == ['100', '300', '200', '400'], 'chart sheet: blocks in input order (100, 300, 200, 400)')
r100, r101 = chart.find('100 通用基础标准'), chart.find('101 标准化导则')
ok(r100 and r101 and chart.rows[r100].get('outlineLevel') == '1' and chart.rows[r101].get('outlineLevel') == '2'
   and 'B%d' % r100 in chart.cells and 'C%d' % r101 in chart.cells and chart.v('B%d' % r100) == '100 通用基础标准'
   and chart.v('C%d' % r101) == '101 标准化导则',
   'chart sheet: an outline — a block boxed from column B (level 1), its categories from C (level 2)')
# the name column is the one left of 应有数; a box is merged from its level's column up to it
req = [ref for ref, c in chart.cells.items() if c[0] == '应有数'][0][0]
name = chr(ord(req) - 1)
merges = re.findall(r'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)\d+"/>', chart.raw)
ok(('A', str(r100 - 1), name) in merges and ('B', str(r100), name) in merges and name == 'C'
   and 'style' not in chart.v('C%d' % r101),
   'chart sheet: each box is one bordered cell, merged from its level\'s column to the name column')
ok(chart.v('%s%d' % (req, r100)) == 29.0 and chart.v('%s%d' % (chr(ord(req) + 1), r100)) == 29.0,
   'chart sheet: 100 has 29 required, 29 existing (numbers)')
# statistics, found by their labels
r = stats.find('通用基础标准', 'A')
ok(r and stats.v('G%d' % r) == 29 and stats.v('B%d' % r) == 12 and abs(stats.v('H%d' % r) - 0.117) < 1e-9
   and stats.fmt('H%d' % r) == '0.0%',
   'statistics: 通用基础标准 29 = 12+2+1+0+14, share 0.117 shown as 0.0%')
rows = [stats.find(x, 'A') for x in ('服务提供标准', '服务保障标准', '岗位工作标准')]
ok(all(rows) and [stats.v('G%d' % x) for x in rows] == [60, 107, 52], 'statistics: 服务提供 60, 服务保障 107, 岗位工作 52')
t = stats.find('合计', 'A')
ok(t and stats.v('G%d' % t) == 248 and stats.v('H%d' % t) == 1.0 and stats.fmt('H%d' % t) == '0.0%',
   'statistics: 合计 248, 1.0 as 100.0%')
ok('<rowBreaks' in stats.raw, 'statistics: the sheet breaks its own pages between grids')
# a pull request's formulas are text
h = Book(sys.argv[2])
hd = h.sheet(1)
formulas = ['=1+2', '@SUM(A1:A9)', '+cmd']
cells = [c for c in hd.cells.values() if c[0] in formulas]
no_f = all('<f>' not in h.sheet(k).raw for k in range(3))
ok(len(cells) == 3 and all(c[2] == 's' and not c[3] for c in cells) and no_f,
   'formula-like titles (=1+2, @SUM(A1:A9), +cmd) are shared strings, and no sheet holds a formula')
EOF
tap "$tmp/read.tap"

# the library is not among zhun's DT_NEEDED, and one that cannot be loaded (here an empty file
# of the soname, found first through LD_LIBRARY_PATH) is an internal error, not a crash
if command -v readelf >/dev/null; then
	check "zhun does not link libxlsxwriter" sh -c "! readelf -d '$zhun' | grep -q 'NEEDED.*libxlsxwriter'"
else
	n=$((n + 1))
	echo "ok $n # SKIP readelf is not installed"
fi
soname=$(grep -ao 'libxlsxwriter\.so[.0-9]*' "$zhun" | head -1)
mkdir "$tmp/lib"
: >"$tmp/lib/${soname:-libxlsxwriter.so}"
LD_LIBRARY_PATH=$tmp/lib "${run[@]}" table "$root/examples/museum" --format xlsx -o "$tmp/none.xlsx" \
	2>"$tmp/stderr"
status=$?
check "a library that cannot be loaded: status 4, no file" \
	sh -c "[ $status -eq 4 ] && [ ! -e '$tmp/none.xlsx' ]"
check "… and the message names the library and the loader's reason" \
	grep -q "cannot load '$soname', which xlsx output needs: .*$tmp/lib/$soname: ." "$tmp/stderr"

# The print, as a client would make it: LibreOffice with Carlito (metric-compatible with Calibri,
# the workbook's default font, which sets the column unit) and Noto CJK.
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
	while [ "$n" -lt $plan ]; do
		n=$((n + 1))
		echo "ok $n # SKIP soffice or pdftotext is not installed (tools/setup installs them)"
	done
	exit $fail
fi
HOME=$tmp timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo" \
	--convert-to pdf --outdir "$tmp" "$tmp/museum.xlsx" >"$tmp/soffice.out" 2>&1
check "LibreOffice prints the workbook to PDF" test -s "$tmp/museum.pdf"
python3 - "$tmp/museum.pdf" >"$tmp/print.tap" 2>&1 <<'EOF'
import html, re, subprocess, sys
pdf = sys.argv[1]
def ok(cond, name):
    print(('ok' if cond else 'not ok') + ' - ' + name)
def pages(args):
    out = subprocess.run(['pdftotext'] + args + [pdf, '-'], capture_output=True, text=True).stdout
    p = out.split('\f')
    if p and not p[-1].strip():
        p.pop()
    return p
raw = [re.sub(r'\s+', ' ', p) for p in pages([])]
layout = [re.sub(r'\s+', ' ', p) for p in pages(['-layout'])]
n = len(raw)
bad = [i + 1 for i, p in enumerate(raw) if '第 %d 页，共 %d 页' % (i + 1, n) not in p]
ok(n > 3 and not bad, 'each of the %d pages is numbered "第 k 页，共 %d 页"' % (n, n) + (' (not %s)' % bad if bad else ''))
# The size of the printed text: a CJK character is one em wide, so a word of k of them is
# k × its size wide. The footer band (below 540 pt of the 595-pt page) is left out.
bbox = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True).stdout
small = []
sizes = []
for k, page in enumerate(bbox.split('<page ')[1:]):
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page):
        w = html.unescape(m.group(4))
        if len(w) < 2 or float(m.group(2)) > 540 or not all('\u4e00' <= ch <= '\u9fff' for ch in w):
            continue
        size = (float(m.group(3)) - float(m.group(1))) / len(w)
        sizes.append(size)
        if size < 8.95:
            small.append((k + 1, w, round(size, 2)))
sizes.sort()
ok(sizes and not small, 'the body text prints at 9 pt or more (smallest %.2f pt, median %.2f pt)' %
   (sizes[0] if sizes else 0, sizes[len(sizes) // 2] if sizes else 0) + (' (%s)' % small[:3] if small else ''))
cut = [i + 1 for i, p in enumerate(layout) if '标准名称' in p and '备注' not in p]
ok(not cut and any('标准名称' in p for p in layout), 'the 明细表 prints one page wide (序号 … 备注 on every page)' + (' (not %s)' % cut if cut else ''))
whole = [i + 1 for i, p in enumerate(layout) if '标准名称' in p and not ('标准体系' in p and '表编号' in p)]
ok(not whole, 'the heading prints as 标准体系 / 表编号 on every page of the 明细表')
ok(any('403-035' in p for p in raw) and any('248 403-035' in p or '248 ' in p for p in layout), 'the last of the 248 rows is printed')
ok(any('2020-10-01' in p for p in raw) and any('11.7%' in p for p in raw) and any('状态截至：2024-12-31' in p for p in raw),
   'dates and ratios print with their formats (2020-10-01, 11.7%, 状态截至：2024-12-31)')
split = []
for title, total in (('按标准级别统计', '共计 248 245 98.8%'), ('按标准类别统计', '共计 248 245 98.8%'),
                     ('按子体系统计', '合计 59 17 8 1 163 248 100.0%'), ('按标准状态统计', '共计 248 100.0%')):
    at = [i for i, p in enumerate(layout) if title in p]
    end = [i for i, p in enumerate(layout) if at and i >= at[0] and total in p.split(title, 1)[-1]]
    if not at or not end or end[0] != at[0]:
        split.append(title)
ok(not split, 'each of the 4 statistics grids prints on one page' + (' (split: %s)' % split if split else ''))
EOF
tap "$tmp/print.tap"
while [ "$n" -lt $plan ]; do check "the print was read back" false; done
cp "$tmp/museum.pdf" "$build/table-museum-xlsx.pdf" 2>/dev/null && echo "# print: $build/table-museum-xlsx.pdf"
exit $fail
