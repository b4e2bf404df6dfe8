#!/bin/bash
# SPDX-License-Identifier: MIT
# zhun render read back. The museum's standard 301-003 as PDF: pdftotext shows the cover without
# header or page number, the standard number on every later page, the front matter numbered I,
# II … and the body 1, 2 … in the footers, the headings in order, each annex and the 参考文献 at
# the top of a page, the 目次 page numbers equal to where the headings are, no table title as
# the last line of a page, every font embedded (pdffonts). The same standard as Word: every XML
# part well-formed (xmllint), python3-docx reads back the styles, the clause headings in order,
# the table and three sections (cover, front matter in upper-Roman, body in decimal); LibreOffice
# opens and prints it. The prints are kept in <build>/ (render-museum.pdf, render-museum-docx.pdf)
# for people to look at. Skips only what is not installed (tools/setup installs it). Prints TAP.
# Usage: render-print.sh ZHUN SOURCE_ROOT [BUILD_ROOT]
set -u
zhun=$1
root=$2
build=${MESON_BUILD_ROOT:-${3:-.}}
std=$root/examples/museum/standards/301-003.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
. "$(dirname "$0")/tap-lib.sh"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
echo "1..18"

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
else
	for i in $(seq 1 11); do n=$((n + 1)); echo "ok $n # SKIP chromium, poppler-utils or qpdf is not installed"; done
fi

"$zhun" render "$std" --format docx -o "$tmp/m.docx" 2>"$tmp/err"
check "render --format docx exits 0 without a finding" test $? -eq 0 -a ! -s "$tmp/err"
mkdir "$tmp/x"
(cd "$tmp/x" && unzip -q ../m.docx)
check "every XML part of the Word file is well-formed" \
	sh -c "cd '$tmp/x' && xmllint --noout '[Content_Types].xml' _rels/.rels word/*.xml word/_rels/*.rels docProps/*.xml"
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
else
	for i in 1 2 3 4; do n=$((n + 1)); echo "ok $n # SKIP python3-docx is not installed"; done
fi
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
	HOME=$tmp timeout 180 soffice --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/m.docx" >/dev/null 2>&1
	cp "$tmp/lo/m.pdf" "$build/render-museum-docx.pdf" 2>/dev/null && echo "# print: $build/render-museum-docx.pdf"
	pdftotext -layout "$tmp/lo/m.pdf" "$tmp/lo.txt" 2>/dev/null
	check "LibreOffice opens the Word file and prints it with its headings" \
		sh -c "grep -q '讲解服务规范' '$tmp/lo.txt' && grep -q '服务评价与改进' '$tmp/lo.txt' && grep -q '附录 *A' '$tmp/lo.txt'"
else
	n=$((n + 1))
	echo "ok $n # SKIP LibreOffice is not installed"
fi
exit $fail
