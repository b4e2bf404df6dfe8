#!/bin/bash
# SPDX-License-Identifier: MIT
# parse-thread: a YAML file of a megabyte or more is parsed on a second thread when zhun may use
# two (include/yaml_feed.h); what zhun prints must not depend on it. A generated system of about
# 1.1 MB — rows in block and flow style, folded and quoted scalars, anchors and aliases, rows with
# findings — is checked and validated under -j 1 and -j 2 in text and JSON; so is the same
# system with a syntax error after its last row (the position and the explanation of the error
# come from the parser the second thread hands back), and the system under the default
# --max-aliases, which it exceeds (the loader stops while the parse is ahead of it).
# ThreadSanitizer runs this too (tools/test).
# Usage: parse-thread.sh ZHUN    Prints TAP.
set -u
zhun=$(realpath "$1")
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC COLUMNS=100 ZHUN_SELF_CHECK=1
unset LANGUAGE LANG LC_MESSAGES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/tap-lib.sh
. "$(dirname "$0")/tap-lib.sh"
n=0
fail=0

# system ROWS TAIL: the generated system, TAIL written after its last row
system() {
	awk -v rows="$1" -v tail="$2" 'BEGIN {
		print "system:\n  id: t\n  title: 长体系\n  date: 2024-12-31\n  own-prefixes: [Q/XXBWG]"
		print "  categories:\n    - {code: \"101\", title: 导则}\n  standards:"
		for (i = 0; i < rows; i++) {
			k = i % 5
			if (k == 0)
				printf "    - code: 101-%03d\n      number: GB/T %d—2020\n      title: 第%d项服务规范\n      replaces: [GB/T %d—2010]\n", i % 1000, 10000 + i, i, 10000 + i
			else if (k == 1)
				printf "    - {code: 101-%03d, number: \"WH/T %d-2021\", title: x}\n", i % 1000, 100 + i
			else if (k == 2)
				printf "    - code: 101-%03d\n      title: >-\n        折叠的\n        标题 %d\n      status: gone\n", i % 1000, i
			else if (k == 3)
				printf "    - &r%d\n      code: 101-%03d\n      note: \"它的\"\n", i, i % 1000
			else
				printf "    - *r%d\n", i - 1
		}
		printf "%s", tail
	}'
}

# same NAME ARGS...: `zhun ARGS` under -j 1 and -j 2 prints the same stdout, stderr and status
same() {
	local name=$1
	shift
	local cmd=$1
	shift
	for j in 1 2; do
		"$zhun" "$cmd" -j "$j" "$@" >"$tmp/out$j" 2>"$tmp/err$j" </dev/null
		echo $? >"$tmp/status$j"
	done
	if cmp -s "$tmp/out1" "$tmp/out2" && cmp -s "$tmp/err1" "$tmp/err2" &&
		cmp -s "$tmp/status1" "$tmp/status2"; then
		ok "$name: the same under -j 1 and -j 2 (status $(cat "$tmp/status1"))"
	else
		not_ok "$name differs under -j 1 and -j 2" "$tmp/err1" "$tmp/err2"
		diff "$tmp/out1" "$tmp/out2" | head -10 | sed 's/^/# /'
	fi
}

system 16000 "" >"$tmp/big.yaml"
system 16000 $'    - code: 101-001\n      title: "unclosed\n' >"$tmp/broken.yaml"
# the files are large enough for the second thread (YAML_FEED_MIN, a mebibyte)
for f in big broken; do
	check "$f.yaml holds a mebibyte or more" test "$(stat -c %s "$tmp/$f.yaml")" -ge 1048576
done

# 3,200 aliases: --max-aliases lets them all be read
same "check of a large system" check --max-aliases 5000 "$tmp/big.yaml"
# the case is only worth its time if the rows have findings to order
check "the large system has findings" grep -q "warning" "$tmp/err1"
same "check of a large system, JSON" check --max-aliases 5000 -f json "$tmp/big.yaml"
same "validate of a large system" validate --max-aliases 5000 "$tmp/big.yaml"
same "a syntax error after 16,000 rows" check --max-aliases 5000 "$tmp/broken.yaml"
check "the syntax error is reported with its position" \
	grep -q "broken.yaml:44810:14: fatal: double quote opened here is never closed \[yaml-syntax\]" "$tmp/err1"
check "the syntax error exits 3" grep -qx 3 "$tmp/status1"
# the 1,001st alias, a third of the way in, stops the loader while the parse is ahead of it
same "more aliases than allowed" check "$tmp/big.yaml"
check "the alias limit stops the load" grep -q "\[alias-limit\]" "$tmp/err1"
same "a file larger than --max-file-size" check --max-file-size 1000 "$tmp/big.yaml"

echo "1..$n"
exit $fail
