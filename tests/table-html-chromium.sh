#!/bin/bash
# SPDX-License-Identifier: MIT
# Render the museum's 标准体系表 as HTML, take a headless Chromium screenshot and check that the
# page rendered: no console errors from the page, a non-trivial PNG (over 20 kB, many colours,
# not blank). The screenshot is kept as $MESON_BUILD_ROOT/table-museum.png for people to look
# at. Skips only when Chromium is not installed (tools/setup installs it). Prints TAP.
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
check() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		fail=1
	fi
}
echo "1..6"
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
exit $fail
