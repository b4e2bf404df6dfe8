#!/bin/bash
# SPDX-License-Identifier: MIT
# A non-programmer's first hour, all in Chinese (issue 20): from `zhun init` to a clean check,
# the help of every command, a finding of each common kind explained, a printed table and a
# diff, once under LANG=zh_CN.UTF-8 (the machine may not have that locale) and once under
# --lang zh. Every line printed must be Chinese: a line that still holds an English sentence
# (two English words in a row) fails, once codes, file names, paths, standard numbers, option
# and key names, metavariables (FILE) and the commands to type are set aside.
# Usage: first-hour.sh ZHUN SRCDIR   Prints TAP.
set -u
zhun=$(realpath "$1")
export NO_COLOR=1 TZ=UTC COLUMNS=100
unset LANGUAGE LANG LC_ALL LC_MESSAGES SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

# The lines of a file that still hold English prose, prefixed with the file's name.
english() {
	python3 - "$@" <<'EOF'
import re, sys
drop = [
    r'^\S+:\d+:\d+: (fatal|error|warning|note): ',  # the fixed finding prefix
    r'\[[a-z0-9-]+\]',                              # codes
    r'\b(git|zhun)\b[^\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]*',  # commands to type
    r'--?[A-Za-z][\w-]*(=\S+)?',                    # options
    r'\S*[./\\]\S*',                                # file names, paths, numbers, URLs
    r'\b[\w-]+:(?=\s|$)',                           # key names (also in examples)
    r'\b[A-Z][A-Z0-9_]+\b',                         # metavariables, YAML, XML, CSV
    r'\b[a-z]+(-[a-z0-9]+)+\b',                     # codes and keys with a dash
]
prose = re.compile(r'\b[A-Za-z]{2,}[,;]? +[A-Za-z]{2,}\b')
bad = 0
for path in sys.argv[1:]:
    for line in open(path, encoding='utf-8', errors='replace'):
        t = line.rstrip('\n')
        for d in drop:
            t = re.sub(d, ' ', t)
        if prose.search(t):
            print('%s: %s' % (path.rsplit('/', 1)[-1], line.rstrip('\n')))
            bad += 1
sys.exit(1 if bad else 0)
EOF
}

# run NAME ARGS...: zhun in the first-hour repository under the current mode; keeps both streams
run() {
	local name=$1
	shift
	(cd "$repo" && "${env[@]}" "$zhun" "${lang[@]}" "$@") >"$out/$name.out" 2>&1
	echo $? >"$out/$name.status"
}
status_is() { [ "$(cat "$out/$1.status")" = "$2" ]; }
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $mode: $2"; else
		echo "not ok $n - $mode: $2"
		fail=1
		[ -n "${3:-}" ] && sed 's/^/# /' "$3" | head -20
	fi
}

for mode in LANG lang; do
	if [ $mode = LANG ]; then
		env=(env LANG=zh_CN.UTF-8)
		lang=()
	else
		env=(env LC_ALL=C.UTF-8)
		lang=(--lang zh)
	fi
	out=$tmp/$mode
	repo=$tmp/$mode-repo
	mkdir -p "$out"
	(cd "$tmp" && "${env[@]}" "$zhun" "${lang[@]}" init "$mode-repo") >"$out/init.out" 2>&1
	echo $? >"$out/init.status"
	status_is init 0 && grep -q 'lang: zh' "$repo/zhun.yaml"
	result $? "zhun init makes a Chinese repository" "$out/init.out"

	run check-clean check
	status_is check-clean 0 && grep -q '^未发现问题' "$out/check-clean.out"
	result $? "a clean check says so in Chinese" "$out/check-clean.out"

	run help --help
	for c in $("$zhun" --lang en --help | sed -n 's/^  \([a-z]*\)  .*/\1/p'); do
		run "help-$c" "$c" --help
	done
	run validate validate system.yaml
	status_is validate 0
	result $? "validate passes the example system" "$out/validate.out"

	# the common mistakes of a first hour, one per kind
	cp "$repo/system.yaml" "$tmp/system.orig"
	python3 - "$repo/system.yaml" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read()
i = s.index('\n  standards:')
s = s[:i] + '\n  ower: 某单位' + s[i:]  # a misspelt key
s = s.replace('code: 101-001', 'code: 101-003', 1)  # a gap in the serials
s += ('    - {code: 101-003, number: GB/T1.1-2020, title: 标准化工作导则, status: 現行}\n'
      '    - {code: 109-001, number: Q/JCBWG 301—008—2024, title: 自编标准, status: 现形}\n')
open(p, 'w', encoding='utf-8').write(s)
EOF
	run check-findings check
	status_is check-findings 1 && grep -q 'key-unknown' "$out/check-findings.out" &&
		grep -q '现行' "$out/check-findings.out"
	result $? "check reports the mistakes, with did-you-means" "$out/check-findings.out"
	for code in $(sed -n 's/.*\[\([a-z0-9-]*\)\]$/\1/p' "$out/check-findings.out" | sort -u); do
		run "explain-$code" explain "$code"
	done
	bad=""
	for f in "$out"/explain-*.status; do
		[ -f "$f" ] || continue
		[ "$(cat "$f")" = 0 ] && grep -q '^修改方法：' "${f%.status}.out" || bad="$bad ${f##*/}"
	done
	ls "$out"/explain-*.out >/dev/null 2>&1 && [ -z "$bad" ]
	result $? "each code found is explained, with 修改方法 ($(ls "$out" | grep -c '^explain-.*out$') codes)${bad:+; failed:$bad}"
	mv "$repo/system.yaml" "$tmp/system.bad"
	cp "$tmp/system.orig" "$repo/system.yaml"

	printf 'system:\n  id: x\n  title: "未闭合\n' >"$repo/broken.yaml"
	run yaml-error validate broken.yaml
	status_is yaml-error 3
	result $? "a YAML syntax error is reported, exit 3" "$out/yaml-error.out"

	run table table
	status_is table 0 && grep -q '标准体系结构图' "$out/table.out"
	result $? "table prints the 标准体系表" "$out/table.out"
	run table-md table -f markdown
	run table-refused table "$tmp/system.bad" -o "$tmp/out.html" -f html
	status_is table-refused 1 && [ ! -e "$tmp/out.html" ]
	result $? "table -o with errors refuses and says so" "$out/table-refused.out"

	run diff diff "$tmp/system.orig" "$tmp/system.bad"
	run explain-list explain

	english "$out"/*.out >"$tmp/english"
	result $? "no English sentence in $(ls "$out"/*.out | wc -l) outputs" "$tmp/english"
done

echo "1..$n"
exit $fail
