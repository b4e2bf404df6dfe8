#!/bin/bash
# SPDX-License-Identifier: MIT
# Render the museum's 标准体系表 as HTML, take a headless Chromium screenshot and check that the
# page rendered: no console errors from the page, a non-trivial PNG (over 20 kB, many colours,
# not blank). The screenshot is kept as $MESON_BUILD_ROOT/table-museum.png for people to look
# at. Then print the page to PDF as a user would and read the print back with pdftotext (user
# trial, finding 8): every page numbered in its footer, no standard number broken over two
# lines, the heading 标准体系表编号 whole, each statistics grid on one page; the print is kept as
# $MESON_BUILD_ROOT/table-museum.pdf. Skips only when Chromium (or, for the print, pdftotext and
# python3) is not installed (tools/setup installs them). Prints TAP.
# Usage: table-html-chromium.sh ZHUN SOURCE_ROOT [BUILD_ROOT]
set -u
zhun=$1
root=$2
build=${MESON_BUILD_ROOT:-${3:-.}}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "1..1"
	echo "ok 1 # SKIP chromium is not installed (tools/setup installs it)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
. "$(dirname "$0")/tap-lib.sh"
echo "1..12"
"$zhun" table "$root/examples/museum" --format html --counts -o "$tmp/museum.html" 2>"$tmp/zhun.err"
check "zhun table --format html exits 0" test $? -eq 0
check "the page has no external resources" \
	sh -c "! grep -Eq '(src|href)=\"(https?:)?//|@import|url\\(' '$tmp/museum.html'"

# Chromium wants a writable home and profile; everything lives in the temporary directory.
HOME=$tmp timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
	--screenshot="$tmp/shot.png" --window-size=1600,1200 "file://$tmp/museum.html" \
	>"$tmp/chromium.out" 2>"$tmp/chromium.err"
status=$?
check "chromium wrote a screenshot" test "$status" -eq 0 -a -s "$tmp/shot.png"
# Messages from the page's console; browser-internal noise (dbus, sandbox) is not the page's.
if grep -E 'Uncaught|ERROR:CONSOLE|CONSOLE\([0-9]+\).*[Ee]rror' "$tmp/chromium.err" >"$tmp/console"; then
	sed 's/^/# /' "$tmp/console"
	check "no console errors from the page" false
else
	check "no console errors from the page" true
fi
size=$(stat -c %s "$tmp/shot.png" 2>/dev/null || echo 0)
check "the screenshot is over 20 kB ($size bytes)" test "$size" -gt 20480

# Not a single colour: decompress the PNG's image data when python3 is there (a one-colour image
# filters to almost nothing but zeros and a handful of byte values), else count distinct bytes
# of the compressed data.
colours() {
	python3 - "$1" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
pos, idat = 8, b''
while pos < len(data):
    ln, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IDAT':
        idat += data[pos + 8:pos + 8 + ln]
    pos += 12 + ln
raw = zlib.decompress(idat)
print(len(set(raw)), len(raw) - raw.count(0))
EOF
}
if command -v python3 >/dev/null; then
	read -r nval nonzero < <(colours "$tmp/shot.png" 2>/dev/null || echo "0 0")
	check "the screenshot is not one colour ($nval byte values, $nonzero non-zero)" \
		test "${nval:-0}" -gt 64 -a "${nonzero:-0}" -gt 100000
else
	distinct=$(od -An -v -tu1 "$tmp/shot.png" | tr -s ' ' '\n' | sort -u | wc -l)
	check "the screenshot is not one colour ($distinct distinct byte values)" test "$distinct" -gt 200
fi
cp "$tmp/shot.png" "$build/table-museum.png" 2>/dev/null && echo "# screenshot: $build/table-museum.png"

# The print, as Chromium's own "Save as PDF" without its header and footer: the page numbers must
# come from the page's @page margin boxes.
if ! command -v pdftotext >/dev/null || ! command -v python3 >/dev/null; then
	for i in $(seq 7 12); do echo "ok $i # SKIP pdftotext or python3 is not installed (tools/setup installs them)"; done
	exit $fail
fi
"$zhun" table "$root/examples/museum" --format html -o "$tmp/print.html" 2>>"$tmp/zhun.err"
HOME=$tmp timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$tmp/profile" --no-pdf-header-footer --print-to-pdf="$tmp/print.pdf" \
	"file://$tmp/print.html" >"$tmp/print.out" 2>&1
check "chromium printed the page to PDF" test -s "$tmp/print.pdf"
# The checks print "ok - NAME" or "not ok - NAME", numbered here; without a PDF they all fail.
python3 - "$tmp/print.html" "$tmp/print.pdf" >"$tmp/print.tap" 2>&1 <<'EOF'
import html, re, subprocess, sys
page, pdf = sys.argv[1], sys.argv[2]
src = open(page, encoding='utf-8').read()
def text(args):
    out = subprocess.run(['pdftotext'] + args + [pdf, '-'], capture_output=True, text=True).stdout
    pages = out.split('\f')
    if pages and not pages[-1].strip():
        pages.pop()
    return [re.sub(r'\s+', ' ', p) for p in pages]
raw, layout = text([]), text(['-layout'])
n = len(raw)
def ok(cond, name):
    print(('ok' if cond else 'not ok') + ' - ' + name)
bad = [i + 1 for i, p in enumerate(raw) if f'第 {i + 1} 页，共 {n} 页' not in p]
ok(n > 1 and not bad, f'each of the {n} pages is numbered "第 k 页，共 {n} 页" in its footer' +
   (f' (not {bad})' if bad else ''))
nums = sorted({html.unescape(m) for m in re.findall(r'<span class="no">([^<]*)</span>', src)})
broken = [x for x in nums if not any(x in p for p in raw)]
ok(len(nums) > 200 and not broken, f'none of the {len(nums)} standard numbers breaks over two lines' +
   (f' ({broken[:3]})' if broken else ''))
bad = [i + 1 for i, p in enumerate(layout) if '标准名称' in p and '标准体系表编号' not in p]
ok(n > 1 and not bad, 'the heading 标准体系表编号 is whole on every page of the detail table' +
   (f' (not on pages {bad})' if bad else ''))
# a grid is whole when its total row follows its title on the title's page
grids = re.findall(r'<div class="grid">\n<h3[^>]*>([^<]*)</h3>.*?<tr class="total">(.*?)</tr>', src, re.S)
split = []
for title, row in grids:
    total = ' '.join(re.sub(r'<[^>]*>', ' ', row).split())
    at = [i for i, p in enumerate(layout) if title in p]
    end = [i for i, p in enumerate(layout) if at and i >= at[0] and total in p.split(title, 1)[-1]]
    if not at or not end or end[0] != at[0]:
        split.append(title)
ok(len(grids) == 4 and not split, f'each of the {len(grids)} statistics grids prints on one page' +
   (f' (split: {split})' if split else ''))
last = layout[-1] if layout else ''
ok('按标准状态统计' in last, 'the print ends with the last statistics grid')
EOF
tap "$tmp/print.tap"
while [ "$n" -lt 12 ]; do check "the print was read back" false; done
cp "$tmp/print.pdf" "$build/table-museum.pdf" 2>/dev/null && echo "# print: $build/table-museum.pdf"
exit $fail

