#!/bin/bash
# SPDX-License-Identifier: MIT
# `meson install` into a temporary DESTDIR (without rebuilding the build directory), then the
# installed binary run from there with a clean environment: it must find its data, rules,
# presets and translations relative to itself. Checks the installed file list, --version,
# validate, explain, init + check, --lang zh, the man pages and the completions.
# Usage: install.sh BUILDDIR SRCDIR   Prints TAP; the installed files are listed as comments.
set -u
build=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		fail=1
	fi
}

dest=$tmp/dest
meson install -C "$build" --no-rebuild --destdir "$dest" >"$tmp/log" 2>&1
result $? "meson install --no-rebuild --destdir"
[ $n = 1 ] && [ $fail = 1 ] && sed 's/^/# /' "$tmp/log" | tail -20
bin=$(find "$dest" -path '*/bin/zhun' -type f | head -1)
[ -n "$bin" ] && [ -x "$bin" ]
result $? "the binary is installed"
root=${bin%/bin/zhun}
share=$root/share
(cd "$root" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort) >"$tmp/files"
echo "# installed under ${root#"$dest"} ($(wc -l <"$tmp/files") files):"
sed 's/^/#   /' "$tmp/files"

# the file list
missing=""
need() { [ -e "$root/$1" ] || missing="$missing $1"; }
need share/zhun/rules.md
need share/zhun/rules/sys-code-duplicate.md
for f in "$src"/data/*.tsv; do need "share/zhun/$(basename "$f")"; done
for f in "$src"/data/presets/* "$src"/data/init/*; do need "share/zhun/${f#"$src"/data/}"; done
need share/zhun/schemas/zhun.xsd
need share/zhun/schemas/zhun.schema.json
need share/locale/zh_CN/LC_MESSAGES/zhun.mo
for p in "$build"/docs/*.[157]; do
	p=$(basename "$p")
	need "share/man/man${p##*.}/$p"
done
for p in "$build"/docs/zh_CN/*.1; do need "share/man/zh_CN/man1/$(basename "$p")"; done
need share/bash-completion/completions/zhun
need share/zsh/site-functions/_zhun
need share/fish/vendor_completions.d/zhun.fish
need share/doc/zhun/ci.md
[ -z "$missing" ]
result $? "data, rules, presets, templates, schemas, translations, man pages and completions are installed${missing:+ (missing:$missing)}"

# run the installed zhun as a user would: another directory, nothing from the build
run() {
	(cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" LC_ALL=C.UTF-8 NO_COLOR=1 "$bin" "$@")
}
version=$(grep -m1 "version *:" "$src/meson.build" | sed "s/.*'\(.*\)'.*/\1/")
[ "$(run --version)" = "zhun $version" ]
result $? "--version prints zhun $version"
run validate "$src/examples/museum/system.yaml" >"$tmp/out" 2>&1
result $? "validate examples/museum/system.yaml"
run --lang en explain sys-code-duplicate >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q '^sys-code-duplicate: ' "$tmp/out" && [ ! -s "$tmp/err" ]
result $? "explain prints the code's page from the installed rules.md"
printf 'system:\n  id: x\n  title: t\n  bogus: 1\n  categories: [{code: "1", title: a, vacant: true}]\n  standards: []\n' >"$tmp/bad.yaml"
run --lang zh validate bad.yaml >"$tmp/out" 2>&1
grep -q '标准体系中有未知的键“bogus”' "$tmp/out"
result $? "--lang zh: the message comes from the installed catalogue"
sed 's/^/# /' "$tmp/out" | head -3
(cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=zh_CN.UTF-8 NO_COLOR=1 "$bin" validate bad.yaml) 2>&1 | grep -q '未知的键'
result $? "LANG=zh_CN.UTF-8 (whether or not that locale exists): Chinese"
(cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" LC_ALL=C NO_COLOR=1 "$bin" --lang zh validate bad.yaml) 2>&1 | grep -q '未知的键'
result $? "LC_ALL=C --lang zh: Chinese"
(cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" LANGUAGE=zh_CN LANG=zh_CN.UTF-8 NO_COLOR=1 "$bin" --lang en validate bad.yaml) 2>&1 | grep -q "unknown key 'bogus'"
result $? "LANGUAGE=zh_CN --lang en: English"
run -q init --preset city-pilot repo >"$tmp/out" 2>&1 && run check --strict repo >"$tmp/out" 2>&1 &&
	[ "$(wc -l <"$tmp/out")" = 1 ] && grep -q '^未发现问题：' "$tmp/out"
result $? "init with the installed presets makes a repository that checks clean"
MANWIDTH=80 man -l "$share/man/man1/zhun-init.1" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q -- '--preset' "$tmp/out" && [ ! -s "$tmp/err" ]
result $? "man -l of the installed zhun-init(1)"
MANPATH=$share/man MANWIDTH=80 man zhun-rules 2>/dev/null | grep -q 'sys-code-duplicate'
result $? "man finds zhun-rules(7) under the prefix"
# man(1) picks the Chinese page for a zh_CN locale (-L: this machine may not have that locale)
MANPATH=$share/man MANWIDTH=80 man -L zh_CN zhun-check 2>/dev/null | grep -q '^选项'
result $? "man finds the Chinese zhun-check(1) under share/man/zh_CN"
bash -c "source '$share/bash-completion/completions/zhun' && complete -p zhun" >/dev/null 2>&1
result $? "the installed bash completion registers _zhun"

# README: the quick start stays two commands, and the install step it shows is the one tested here
block() { awk -v h="## $1" '$0 == h { on = 1; next } on && /^## / { exit } on && /^```/ { c = !c; next } on && c' "$src/README.md"; }
[ "$(block 'Quick start' | grep -c .)" = 2 ] && block 'Quick start' | grep -q '^tools/demo' && block 'Quick start' | grep -q '^tools/test'
result $? "README: the quick start is exactly tools/demo and tools/test"
block Install | grep -q '^meson install -C build' && block Install | grep -q '^meson setup build .*--prefix'
result $? "README: the install step is meson setup --prefix, ninja, meson install"

echo "1..$n"
exit $fail
