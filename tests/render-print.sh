#!/bin/bash
# SPDX-License-Identifier: MIT
# zhun render read back. The museum's standard 301-003 as PDF: pdftotext shows the cover without
# header or page number, the standard number on every later page, the front matter numbered I,
# II … and the body 1, 2 … in the footers, the headings in order, each annex and the 参考文献 at
# the top of a page, the 目次 page numbers equal to where the headings are, no table title as
# the last line of a page, every font embedded (pdffonts). The same standard as Word: every XML
# part well-formed (xmllint), python3-docx reads back the styles, the clause headings in order,
# the table and three sections (cover, front matter in upper-Roman, body in decimal); LibreOffice
# opens and prints it. The format's issue-18 elements (tests/corpus/yaml/valid/gbt-extensions.yaml:
# a reference by title, an annex without kind, list items of several paragraphs, spanning cells,
# lettered footnotes, a continued table) in the PDF's text and as Word structure (w:gridSpan,
# w:vMerge, superscript marks, the footnote rows, 表1（续）), and in LibreOffice's print. The
# prints are kept in <build>/ (render-museum.pdf, render-museum-docx.pdf) for people to look
# at. Skips only what is not installed (tools/setup installs it). Prints TAP.
# Usage: render-print.sh ZHUN SOURCE_ROOT [BUILD_ROOT]
set -u
zhun=$1
root=$2
build=${MESON_BUILD_ROOT:-${3:-.}}
std=$root/examples/museum/standards/301-003.yaml
ext=$root/tests/corpus/yaml/valid/gbt-extensions.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
. "$(dirname "$0")/tap-lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
echo "1..32"

have_pdf=1
for t in chromium pdftotext pdffonts qpdf; do
	command -v "$t" >/dev/null || { [ "$t" = chromium ] && command -v chromium-browser >/dev/null; } || have_pdf=0
done
if [ $have_pdf = 1 ]; then
	"$zhun" render "$std" --format pdf -o "$tmp/m.pdf" 2>"$tmp/err"
	check "render --format pdf exits 0 without a finding" test $? -eq 0 -a ! -s "$tmp/err"
	cp "$tmp/m.pdf" "$build/render-museum.pdf" 2>/dev/null && echo "# print: $build/render-museum.pdf"
	pdftotext -layout "$tmp/m.pdf" "$tmp/m.txt"
	pdffonts "$tmp/m.pdf" >"$tmp/fonts" 2>&1
	$py - "$tmp/m.txt" "$tmp/fonts" >"$tmp/pdf.tap" <<'EOF'
import re, sys
pages = open(sys.argv[1], encoding='utf-8').read().split('\f')
if pages and not pages[-1].strip():
    pages.pop()
number = 'Q/XXBWG 301-003—2021'
def ok(cond, name):
    print(('ok - ' if cond else 'not ok - ') + name)
def lines(p):
    return [l.strip() for l in p.split('\n') if l.strip()]
ok(len(pages) >= 6, 'the print has at least 6 pages (%d)' % len(pages))
cover = lines(pages[0])
ok(cover[0].startswith('ICS') and cover[-1].replace(' ', '').endswith('发布'),
   'the cover has no running header and no page number')
ok(all(number in lines(p)[0] for p in pages[1:]), 'every page after the cover starts with the standard number')
feet = [lines(p)[-1] for p in pages[1:]]
roman = [f for f in feet if re.fullmatch(r'[IVX]+', f)]
arabic = [f for f in feet if re.fullmatch(r'\d+', f)]
ok(len(roman) + len(arabic) == len(feet) and feet[:len(roman)] == roman,
   'page numbers: Roman first, then Arabic (%s)' % ' '.join(feet))
ok(roman == ['I', 'II'][:len(roman)] and arabic == [str(i) for i in range(1, len(arabic) + 1)],
   'the front matter counts I, II …, the body 1, 2 …')
text = '\n'.join(pages)
heads = ['1 范围', '2 规范性引用文件', '3 术语和定义', '4 基本要求', '5 讲解服务提供', '6 讲解词管理',
         '7 服务评价与改进', '附录A', '参 考 文 献']
pos = []
body = '\n'.join(pages[3:])
for h in heads:
    m = re.search(r'^\s*' + re.escape(h).replace('\\ ', r'\s+') + r'\s*$', body, re.M)
    pos.append(m.start() if m else -1)
ok(all(p >= 0 for p in pos) and pos == sorted(pos), 'the chapters, the annex and 参考文献 come in order')
tops = [lines(p)[1] if len(lines(p)) > 1 else '' for p in pages]
ok('附录A' in tops and any(t.replace(' ', '') == '参考文献' for t in tops),
   'the annex and 参考文献 each start a page')
# 目次: the page each entry names is the page its heading is on
toc = lines(pages[1])
want = {}
for l in toc:
    m = re.match(r'^(\d+)\s+(\S+)\s*\.*\s*(\d+)$', l)
    if m and '.' not in m.group(1):
        want[m.group(1) + ' ' + m.group(2)] = int(m.group(3))
found = {}
for i, p in enumerate(pages[3:]):
    for l in lines(p):
        m = re.match(r'^(\d+)\s+(\S+)$', l)
        if m and m.group(1) + ' ' + m.group(2) in want and m.group(1) + ' ' + m.group(2) not in found:
            found[m.group(1) + ' ' + m.group(2)] = i + 1
ok(len(want) >= 7 and want == found, '目次 page numbers match the pages of the chapters (%s)' % want)
ok(not any(re.match(r'^表\d', lines(p)[-2]) for p in pages if len(lines(p)) > 2),
   'no table title stands alone at the foot of a page')
fonts = open(sys.argv[2]).read().split('\n')[2:]
fonts = [f for f in fonts if f.strip()]
# Chromium (Skia) writes CFF-outline OpenType fonts such as Noto CJK as Type 3 fonts: embedded
# and searchable (uni yes), though not as CID fonts
ok(fonts and all(re.search(r'\byes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$', f) for f in fonts),
   'every font is embedded and maps to Unicode (%d fonts)' % len(fonts))
EOF
	tap "$tmp/pdf.tap"
	"$zhun" render "$ext" --format pdf -o "$tmp/e.pdf" 2>"$tmp/err"
	check "the issue-18 elements print to PDF without a finding" test $? -eq 0 -a ! -s "$tmp/err"
	pdftotext -layout "$tmp/e.pdf" "$tmp/e.txt"
	$py - "$tmp/e.txt" >"$tmp/epdf.tap" <<'EOF'
import re, sys
pages = open(sys.argv[1], encoding='utf-8').read().split('\f')
flat = [re.sub(r'\s+', '', p) for p in pages]
body = next((p for p in flat if '服务应符合下列要求' in p), '')
def ok(cond, name):
    print(('ok - ' if cond else 'not ok - ') + name)
def order(s, *parts):
    at = 0
    for p in parts:
        at = s.find(p, at)
        if at < 0:
            return False
        at += len(p)
    return True
ok(order(body, 'GB/T32939—2016公共图书馆服务规范', '《文化馆建设用地指标》（建标〔2008〕128号）',
         '《公共文化服务保障法》'), 'references by title print as 《title》（文号） after the standards')
ok(order(body, 'a）开放时间应公示；', '节假日开放时间另行公示。', 'b）服务项目包括：', '各项目应有专人负责。', '——展览；'),
   "an item's further paragraphs print under it, before its nested list")
ok(order(body, '表1开放时间', '区域', '开放时间', '工作日', '节假日', '注：开放时间可根据季节调整。',
         'a春节期间闭馆。', 'b须预约。', '表1（续）', '阅览室'),
   'table 1: the spanning head, the note, then the footnotes a and b inside it, then 表1（续）')
annex = next((p for p in flat if '本附录给出' in p), '')
ok(annex and '规范性' not in annex and '资料性' not in annex, 'the annex without kind prints no designation')
EOF
	tap "$tmp/epdf.tap"
else
	for i in $(seq 1 16); do n=$((n + 1)); echo "ok $n # SKIP chromium, poppler-utils or qpdf is not installed"; done
fi

"$zhun" render "$std" --format docx -o "$tmp/m.docx" 2>"$tmp/err"
check "render --format docx exits 0 without a finding" test $? -eq 0 -a ! -s "$tmp/err"
docx_parts "every XML part of the Word file is well-formed" "$tmp/m.docx" "$tmp/x"
if $py -c 'import docx' 2>/dev/null; then
	$py - "$tmp/m.docx" >"$tmp/docx.tap" <<'EOF'
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
def ok(cond, name):
    print(('ok - ' if cond else 'not ok - ') + name)
heads = [p.text for p in d.paragraphs if p.style.name == 'zhun 章标题']
ok(heads == ['1　范围', '2　规范性引用文件', '3　术语和定义', '4　基本要求', '5　讲解服务提供',
             '6　讲解词管理', '7　服务评价与改进'], 'the chapter headings read back in order with their style')
t = d.tables[0] if d.tables else None
ok(len(d.tables) == 1 and t.rows[0].cells[0].text == '讲解类型' and len(t.rows) == 4
   and t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn('w:tblHeader')) is not None,
   'table 1 is a real Word table: a header row repeated on each page, 3 rows')
fmts = [s._sectPr.find(qn('w:pgNumType')) for s in d.sections]
ok(len(d.sections) == 3 and fmts[0] is None and fmts[1].get(qn('w:fmt')) == 'upperRoman'
   and fmts[2].get(qn('w:fmt')) == 'decimal',
   'three sections: cover, front matter in upper-Roman, body in decimal')
styles = {p.style.name for p in d.paragraphs}
need = {'zhun 封面标准名称', 'zhun 前言、目次等标题', 'zhun 标准名称', 'zhun 一级条标题', 'zhun 术语',
        'zhun 列项', 'zhun 注', 'zhun 表标题', 'zhun 附录标识', 'zhun 参考文献条目', 'zhun 终结线'}
ok(need <= styles, 'each element has its named style (missing: %s)' % ', '.join(sorted(need - styles)))
EOF
	tap "$tmp/docx.tap"
	"$zhun" render "$ext" --format docx -o "$tmp/e.docx" 2>"$tmp/err"
	check "the issue-18 elements render as Word without a finding" test $? -eq 0 -a ! -s "$tmp/err"
	$py - "$tmp/e.docx" >"$tmp/edocx.tap" <<'EOF'
import sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
def ok(cond, name):
    print(('ok - ' if cond else 'not ok - ') + name)
ps = [(p.style.name, p.text) for p in d.paragraphs]
ok(('zhun 规范性引用文件', '《文化馆建设用地指标》（建标〔2008〕128号）') in ps
   and ('zhun 规范性引用文件', '《公共文化服务保障法》') in ps, 'references by title: 《title》（文号）')
i = ps.index(('zhun 列项', 'a）开放时间应公示；'))
ok(ps[i + 1] == ('zhun 列项段', '节假日开放时间另行公示。') and ps[i + 3] == ('zhun 列项段', '各项目应有专人负责。')
   and ps[i + 4] == ('zhun 二级列项', '——展览；'), "an item's further paragraphs in the style zhun 列项段")
t = d.tables[0]
tcs = [r._tr.findall(qn('w:tc')) for r in t.rows]
def span(tc):
    g = tc.find(qn('w:tcPr')).find(qn('w:gridSpan'))
    return int(g.get(qn('w:val'))) if g is not None else 1
def vmerge(tc):
    v = tc.find(qn('w:tcPr')).find(qn('w:vMerge'))
    return None if v is None else (v.get(qn('w:val')) or 'continue')
ok(len(t.columns) == 3 and [span(c) for c in tcs[0]] == [1, 2] and vmerge(tcs[0][0]) == 'restart'
   and vmerge(tcs[1][0]) == 'continue' and [c.text for c in t.rows[1].cells] == ['区域', '工作日', '节假日'],
   'spans are merged Word cells: gridSpan 2, vMerge restart and continue')
sup = [r for c in (t.rows[2].cells[2], t.rows[3].cells[0]) for p in c.paragraphs for r in p.runs
       if r.style.name == 'zhun 表脚注标识']
ok([r.text for r in sup] == ['a', 'b'] and all(r.style.font.superscript for r in sup),
   'footnote marks are superscript runs after the cell text')
last = [r.cells[0].text for r in t.rows[-3:]]
ok(last == ['注：开放时间可根据季节调整。', 'a　春节期间闭馆。', 'b　须预约。']
   and all(len(tc) == 1 and span(tc[0]) == 3 for tc in tcs[-3:]),
   'the note, then the footnotes a, b in rows across the table')
ok(('zhun 表标题', '表1（续）') in ps and len(d.tables) == 2 and d.tables[1].rows[0].cells[0].text == '阅览室',
   'the continued table is titled 表1（续）')
j = ps.index(('zhun 附录标识', '附录A'))
ok(ps[j + 1] == ('zhun 附录标题', '服务台账'), 'the annex without kind has no designation line')
EOF
	tap "$tmp/edocx.tap"
else
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do n=$((n + 1)); echo "ok $n # SKIP python3-docx is not installed"; done
fi
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
	# one LibreOffice start for both documents
	HOME=$tmp timeout 180 soffice --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/m.docx" "$tmp/e.docx" >/dev/null 2>&1
	cp "$tmp/lo/m.pdf" "$build/render-museum-docx.pdf" 2>/dev/null && echo "# print: $build/render-museum-docx.pdf"
	pdftotext -layout "$tmp/lo/m.pdf" "$tmp/lo.txt" 2>/dev/null
	check "LibreOffice opens the Word file and prints it with its headings" \
		sh -c "grep -q '讲解服务规范' '$tmp/lo.txt' && grep -q '服务评价与改进' '$tmp/lo.txt' && grep -q '附录 *A' '$tmp/lo.txt'"
	pdftotext -layout "$tmp/lo/e.pdf" - 2>/dev/null | tr -d ' \n' >"$tmp/lo-e.txt"
	check "LibreOffice prints the merged head, the footnotes and 表1（续）" \
		grep -q '表1开放时间.*工作日节假日展厅.*注：开放时间可根据季节调整。a春节期间闭馆。b须预约。表1（续）阅览室' "$tmp/lo-e.txt"
else
	for i in 1 2; do n=$((n + 1)); echo "ok $n # SKIP LibreOffice is not installed"; done
fi
exit $fail
