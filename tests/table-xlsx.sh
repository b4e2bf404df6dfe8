#!/bin/bash
# SPDX-License-Identifier: MIT
# Render the museum's 标准体系表 to xlsx, unzip it and read it back: sheet names, frozen header
# rows, header styling, header cells, data cells of the detail table and the statistics
# (29 / 60 / 107 / 52 = 248) in the sheet XML and sharedStrings. libxlsxwriter is opened with
# dlopen on first use (src/render_xlsx.c): zhun does not link it, and a library that will not
# load gives a message and status 4. Prints TAP.
# Usage: table-xlsx.sh ZHUN SOURCE_ROOT
# ZHUN_WRAPPER (a command, shell-quoted) runs zhun under it: `meson test --setup valgrind`.
set -u
zhun=$1
root=$2
run=("$zhun")
if [ -n "${ZHUN_WRAPPER:-}" ]; then
	eval "run=($ZHUN_WRAPPER \"\$zhun\")"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # check NAME COMMAND...: one TAP line
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
echo "1..19"
if ! command -v unzip >/dev/null; then
	for i in $(seq 1 19); do echo "ok $i # SKIP unzip is not installed (tools/setup installs it)"; done
	exit 0
fi

"${run[@]}" table "$root/examples/museum" --format xlsx -o "$tmp/museum.xlsx" 2>"$tmp/stderr"
status=$?
check "zhun table --format xlsx exits 0" test "$status" -eq 0
check "the file is a zip archive" test "$(head -c 2 "$tmp/museum.xlsx" 2>/dev/null)" = "PK"
unzip -q -o "$tmp/museum.xlsx" -d "$tmp/x" 2>/dev/null
x=$tmp/x/xl

# shared strings, one per line: line k+1 holds string index k
tr -d '\n' <"$x/sharedStrings.xml" 2>/dev/null | sed 's/<si>/\n/g' | tail -n +2 |
	sed -e 's/<[^>]*>//g' -e 's/&amp;/\&/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' >"$tmp/strings"

# cell SHEET REF: the cell's value, shared strings resolved
cell() {
	local c v
	c=$(grep -o "<c r=\"$2\"[^>]*>\(<f>[^<]*</f>\)\?<v>[^<]*</v>" "$x/worksheets/$1.xml" | head -1)
	v=$(printf '%s' "$c" | sed 's/.*<v>\([^<]*\)<\/v>.*/\1/')
	if printf '%s' "$c" | grep -q 't="s"'; then
		sed -n "$((v + 1))p" "$tmp/strings"
	else
		printf '%s\n' "$v"
	fi
}

sheets=$(grep -o '<sheet name="[^"]*"' "$x/workbook.xml" | sed 's/<sheet name="//; s/"$//' | tr '\n' ' ')
check "one sheet per part, in order: 结构图 明细表 统计表" test "$sheets" = "结构图 明细表 统计表 "
check "header rows are frozen on every sheet" test "$(grep -l 'state="frozen"' "$x"/worksheets/sheet[123].xml | wc -l)" -eq 3
check "column widths are set" grep -q '<cols>' "$x/worksheets/sheet2.xml"
check "header style: bold on a blue fill, CJK font" \
	sh -c "grep -q '<b/>' '$x/styles.xml' && grep -q 'FFDBE8F5' '$x/styles.xml' && grep -q '等线' '$x/styles.xml'"
check "detail header: 序号 | 标准体系表编号 | 标准名称" \
	sh -c "[ \"\$0\" = 序号 ] && [ \"\$1\" = 标准体系表编号 ] && [ \"\$2\" = 标准名称 ]" \
	"$(cell sheet2 A1)" "$(cell sheet2 B1)" "$(cell sheet2 C1)"
check "detail header: 国际、国外标准号及采用关系 and 备注" \
	sh -c "[ \"\$0\" = 国际、国外标准号及采用关系 ] && [ \"\$1\" = 备注 ]" "$(cell sheet2 G1)" "$(cell sheet2 I1)"
check "detail sub-headings: 100 通用基础标准, then 101 标准化导则" \
	sh -c "[ \"\$0\" = '100 通用基础标准' ] && [ \"\$1\" = '101 标准化导则' ]" "$(cell sheet2 A2)" "$(cell sheet2 A3)"
check "first row: 序号 1 (a number), 101-001, GB/T 1.1—2020" \
	sh -c "[ \"\$0\" = 1 ] && [ \"\$1\" = 101-001 ] && [ \"\$2\" = 'GB/T 1.1—2020' ]" \
	"$(cell sheet2 A4)" "$(cell sheet2 B4)" "$(cell sheet2 D4)"
check "first row: adoption and replaced edition" \
	sh -c "[ \"\$0\" = 'ISO/IEC Directives, Part 2, 2018, NEQ' ] && [ \"\$1\" = 'GB/T 1.1—2009' ]" \
	"$(cell sheet2 G4)" "$(cell sheet2 H4)"
check "248 standards numbered 1..248" test "$(grep -o '<c r="A[0-9]*" s="[0-9]*"><v>248</v>' "$x/worksheets/sheet2.xml" | wc -l)" -eq 1
check "chart sheet: blocks in input order (100, 300, 200, 400)" \
	sh -c "[ \"\$(grep -o '<c r=\"B[0-9]*\"[^>]*t=\"s\"><v>[0-9]*</v>' '$x/worksheets/sheet1.xml' | sed 's/.*<v>//; s/<.*//' | while read -r i; do sed -n \"\$((i + 1))p\" '$tmp/strings'; done | grep -x '[1-4]00' | tr '\n' ' ')\" = '100 300 200 400 ' ]"
# statistics: level grid (rows 1-8), type grid (10-20), block grid from row 22
check "statistics: 通用基础标准 29 = 12+2+1+0+14, share 11.7" \
	sh -c "[ \"\$0\" = 通用基础标准 ] && [ \"\$1\" = 29 ] && [ \"\$2\" = 12 ] && [ \"\$3\" = 11.7 ]" \
	"$(cell sheet3 A24)" "$(cell sheet3 G24)" "$(cell sheet3 B24)" "$(cell sheet3 H24)"
check "statistics: 服务提供 60, 服务保障 107, 岗位工作 52" \
	sh -c "[ \"\$0\" = 60 ] && [ \"\$1\" = 107 ] && [ \"\$2\" = 52 ]" \
	"$(cell sheet3 G25)" "$(cell sheet3 G26)" "$(cell sheet3 G27)"
check "statistics: 合计 248, 100.0" \
	sh -c "[ \"\$0\" = 合计 ] && [ \"\$1\" = 248 ] && [ \"\$2\" = 100.0 ]" \
	"$(cell sheet3 A28)" "$(cell sheet3 G28)" "$(cell sheet3 H28)"

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
exit $fail
