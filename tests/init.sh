#!/bin/bash
# SPDX-License-Identifier: MIT
# zhun init: every preset makes a repository that validates and checks clean; a second run
# overwrites nothing (exit status 1, every file unchanged); an existing system keeps its
# example files out; usage errors exit 2. Usage: init.sh ZHUN SRCDIR   Prints TAP.
set -u
zhun=$(realpath "$1")
src=$(realpath "$2")
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE LANG LC_MESSAGES SOURCE_DATE_EPOCH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
# A clean check prints exactly one line: the summary, here in Chinese (zhun.yaml: lang: zh).
clean_line() {
	[ "$(wc -l <"$1")" = 1 ] && grep -q '^未发现问题：[0-9]* 项标准，[0-9]* 个文件$' "$1"
}
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	fail=1
	[ -n "${2:-}" ] && sed 's/^/# /' "$2" | head -30
}
check() { # description, then a command that must succeed
	local what=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok "$what"; else not_ok "$what" "$tmp/out"; fi
}

# --list-presets names every data/presets file, the default marked
"$zhun" init --list-presets >"$tmp/list" 2>&1
listed=$(awk '{print $1}' "$tmp/list" | sort | tr '\n' ' ')
ondisk=$(cd "$src/data/presets" && ls -- *.yaml | sed 's/\.yaml$//' | sort | tr '\n' ' ')
if [ "$listed" = "$ondisk" ] && grep -q '^gbt24421-2023 .*(default)' "$tmp/list"; then
	ok "--list-presets lists $ondisk"
else
	not_ok "--list-presets lists data/presets (got: $listed; want: $ondisk)" "$tmp/list"
fi
if "$zhun" --lang zh init --list-presets | grep -q '博物馆'; then ok "--list-presets in Chinese"; else not_ok "--list-presets in Chinese"; fi
if "$zhun" --lang en init --list-presets | grep -q 'museum in a'; then ok "--list-presets in English"; else not_ok "--list-presets in English"; fi

for preset in $ondisk; do
	dir=$tmp/$preset/repo
	if "$zhun" init --preset "$preset" "$dir" >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
		ok "$preset: init exits 0, nothing on stderr"
	else
		not_ok "$preset: init exits 0, nothing on stderr" "$tmp/err"
	fi
	for f in zhun.yaml system.yaml .gitattributes .pre-commit-config.yaml .github/workflows/zhun.yml .gitlab-ci.yml; do
		[ -f "$dir/$f" ] || not_ok "$preset: $f exists"
	done
	nstd=$(find "$dir/standards" -name '*.yaml' | wc -l)
	nreg=$(find "$dir/registry" -name '*.yaml' | wc -l)
	if [ "$nstd" = 1 ] && [ "$nreg" = 1 ]; then ok "$preset: one example standard, one registry"; else not_ok "$preset: one example standard ($nstd), one registry ($nreg)"; fi
	if grep -q 'SPDX-License-Identifier\|zhun-preset:\|@[A-Z_]*@' -r "$dir"; then
		not_ok "$preset: no template header or placeholder left"
		grep -rn 'SPDX-License-Identifier\|zhun-preset:\|@[A-Z_]*@' "$dir" | sed 's/^/# /' | head
	else
		ok "$preset: no template header or placeholder left"
	fi
	# clean means no finding at all, not even a note (the examples are dated today, so this
	# holds in any year): the one line a clean check prints, in the language of zhun.yaml
	(cd "$dir" && "$zhun" check --strict) >"$tmp/out" 2>&1 && clean_line "$tmp/out" &&
		ok "$preset: zhun check --strict is clean" || not_ok "$preset: zhun check --strict is clean" "$tmp/out"
	"$zhun" check --strict "$dir" >"$tmp/out" 2>&1 && clean_line "$tmp/out" &&
		ok "$preset: zhun check DIR is clean" || not_ok "$preset: zhun check DIR is clean" "$tmp/out"
	(cd "$dir" && "$zhun" validate --strict system.yaml standards/*.yaml registry/*.yaml records/*.yaml) >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ] &&
		ok "$preset: every file validates" || not_ok "$preset: every file validates" "$tmp/out"
	grep -q '^lang: zh' "$dir/zhun.yaml" && ok "$preset: zhun.yaml says lang: zh" || not_ok "$preset: zhun.yaml says lang: zh" "$dir/zhun.yaml"

	# a second run writes nothing and says so (in Chinese: LC_ALL=C.UTF-8 names no language)
	(cd "$dir" && find . -type f -exec md5sum {} + | sort) >"$tmp/before"
	"$zhun" init --preset "$preset" "$dir" >"$tmp/out" 2>"$tmp/err"
	st=$?
	(cd "$dir" && find . -type f -exec md5sum {} + | sort) >"$tmp/after"
	if [ "$st" = 1 ] && cmp -s "$tmp/before" "$tmp/after" && grep -q '已跳过' "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "$preset: second run exits 1 and changes nothing"
	else
		not_ok "$preset: second run exits 1 (got $st) and changes nothing" "$tmp/err"
	fi
done

# an existing system (here XML) keeps the example files and system.yaml out; the rest is written
mkdir -p "$tmp/xml"
echo '<system/>' >"$tmp/xml/system.xml"
"$zhun" init "$tmp/xml" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" = 1 ] && [ ! -e "$tmp/xml/system.yaml" ] && [ ! -e "$tmp/xml/standards" ] &&
	[ -f "$tmp/xml/.gitattributes" ] && [ "$(cat "$tmp/xml/system.xml")" = '<system/>' ]; then
	ok "an existing system.xml: no system.yaml, no examples, other files written, exit 1"
else
	not_ok "an existing system.xml: no system.yaml, no examples, other files written, exit 1 (got $st)" "$tmp/err"
fi
# a symlink, even a dangling one, is never written through
mkdir -p "$tmp/link"
ln -s "$tmp/nowhere" "$tmp/link/.gitlab-ci.yml"
"$zhun" -q init "$tmp/link" >/dev/null 2>&1
if [ ! -e "$tmp/nowhere" ] && [ -L "$tmp/link/.gitlab-ci.yml" ]; then ok "a dangling symlink is left alone"; else not_ok "a dangling symlink is left alone"; fi

# the language of the run becomes the repository's; --quiet prints nothing on success
SOURCE_DATE_EPOCH=1790000000 "$zhun" --lang en -q init "$tmp/en" >"$tmp/out" 2>&1
if [ ! -s "$tmp/out" ] && grep -q '^lang: en' "$tmp/en/zhun.yaml"; then ok "--lang en -q: quiet, lang: en"; else not_ok "--lang en -q: quiet, lang: en" "$tmp/out"; fi
"$zhun" --lang zh init "$tmp/zh" >"$tmp/out" 2>&1
grep -q '已创建' "$tmp/out" && grep -q '下一步' "$tmp/out" && ok "--lang zh: Chinese progress and next steps" || not_ok "--lang zh: Chinese progress and next steps" "$tmp/out"
# SOURCE_DATE_EPOCH fixes the day written into the examples (1790000000 is 2026-09-21 UTC)
grep -q 'published: 2026-09-21' "$tmp/en/system.yaml" && ok "SOURCE_DATE_EPOCH sets the example's date" || not_ok "SOURCE_DATE_EPOCH sets the example's date" "$tmp/en/system.yaml"

# the language init speaks is the one it writes, and it says which (C locale: Chinese-first)
for loc in C C.UTF-8 en_US.UTF-8 zh_CN.UTF-8; do
	rm -rf "$tmp/loc"
	env -u LANGUAGE -u LC_MESSAGES -u LANG LC_ALL=$loc "$zhun" init "$tmp/loc" >"$tmp/out" 2>&1
	case $loc in en*) want='lang: en' say='Messages are in English' ;; *) want='lang: zh' say='提示信息使用中文' ;; esac
	grep -q "^$want" "$tmp/loc/zhun.yaml" && grep -q "$say" "$tmp/out" &&
		{ [ "$want" = 'lang: en' ] || ! grep -q 'created\|Next steps' "$tmp/out"; } &&
		ok "LC_ALL=$loc: init writes $want and says so in that language" ||
		not_ok "LC_ALL=$loc: init writes $want and says so in that language" "$tmp/out"
done

# usage errors
"$zhun" init --preset musuem "$tmp/u1" >/dev/null 2>"$tmp/err"
st=$?
[ "$st" = 2 ] && grep -q "did you mean 'museum'" "$tmp/err" && [ ! -e "$tmp/u1" ] &&
	ok "unknown preset: exit 2 with a suggestion, nothing created" || not_ok "unknown preset: exit 2 (got $st) with a suggestion" "$tmp/err"
touch "$tmp/afile"
"$zhun" init "$tmp/afile" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && ok "a file as DIR: exit 2" || not_ok "a file as DIR: exit 2" "$tmp/err"
"$zhun" init a b >/dev/null 2>"$tmp/err"
[ $? = 2 ] && ok "two directories: exit 2" || not_ok "two directories: exit 2" "$tmp/err"
ZHUN_DATADIR=$tmp/empty-data "$zhun" init "$tmp/nodata" >/dev/null 2>"$tmp/err"
[ $? = 4 ] && ok "no data directory: exit 4" || not_ok "no data directory: exit 4" "$tmp/err"

echo "1..$n"
exit $fail
