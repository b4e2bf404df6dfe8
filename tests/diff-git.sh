#!/bin/bash
# SPDX-License-Identifier: MIT
# `zhun diff` on git: revisions of a throw-away repository (REV1 REV2, REV1 against the work
# tree, a path limit), and git's own `git diff` / `git log -p` through the external diff driver,
# configured both ways docs/diff.md describes, and the zhun.yaml of the top from a
# sub-directory. Prints TAP.
# Usage: tests/diff-git.sh ZHUN
set -u
zhun=$(realpath "$1")
if ! command -v git >/dev/null; then
	echo "1..0 # SKIP git is not installed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=$tmp
export GIT_AUTHOR_NAME=zhun GIT_AUTHOR_EMAIL=zhun@example.invalid
export GIT_COMMITTER_NAME=zhun GIT_COMMITTER_EMAIL=zhun@example.invalid
export LC_ALL=C.UTF-8 NO_COLOR=1 GIT_PAGER=cat PAGER=cat
unset GIT_EXTERNAL_DIFF GIT_DIR GIT_WORK_TREE

n=0
fail=0
ok() { # description, then a command that must succeed
	n=$((n + 1))
	local d=$1
	shift
	if "$@"; then
		echo "ok $n - $d"
	else
		echo "not ok $n - $d"
		fail=1
	fi
}
has() { grep -qF -- "$2" "$1" || { sed 's/^/# /' "$1"; return 1; }; }
lacks() { ! grep -qF -- "$2" "$1" || { sed 's/^/# /' "$1"; return 1; }; }

repo=$tmp/repo
mkdir -p "$repo/standards"
cd "$repo" || exit 1
git init -q .

system() { # edition number replaces-line
	cat <<EOF
system:
  format: 1
  id: xxbwg
  title: 某博物馆公共服务标准体系
  edition: "$1"
  date: $1-12-31
  own-prefixes: [Q/XXBWG]
  categories:
    - code: "300"
      title: 服务提供标准
      categories:
        - {code: "301", title: 服务规范}
  standards:
    - code: 301-003
      number: $2
      title: 讲解服务规范
      $3
      document: standards/301-003.yaml
EOF
}
document() { # number extra-clause
	cat <<EOF
standard:
  format: 1
  number: $1
  title: 讲解服务规范
  clauses:
    - {num: "1", title: 范围, body: 本文件规定了博物馆讲解服务的要求。}
    - {num: "2", title: 常规讲解, body: 开放日应按固定场次提供免费常规讲解。}
$2
EOF
}

system 2018 "Q/XXBWG 301-003—2018" "effective: 2018-04-01" >system.yaml
document "Q/XXBWG 301-003—2018" "" >standards/301-003.yaml
git add . && git commit -qm "2018 edition"
system 2021 "Q/XXBWG 301-003—2021" "replaces: [Q/XXBWG 301-003—2018]" >system.yaml
document "Q/XXBWG 301-003—2021" '    - {num: "3", title: 预约讲解, body: 观众可提前1 d～7 d预约讲解。}' >standards/301-003.yaml
git add . && git commit -qm "2021 edition"

echo "1..20"

"$zhun" diff HEAD~1 HEAD >"$tmp/out" 2>"$tmp/err"
st=$?
ok "diff HEAD~1 HEAD exits 1 (differences)" test $st = 1
ok "diff HEAD~1 HEAD classifies the revision" has "$tmp/out" "改(修订) revise"
ok "diff HEAD~1 HEAD diffs the linked document" has "$tmp/out" "增加了“预约讲解”一章（见第3章）"
ok "labels name the revisions" has "$tmp/out" "--- HEAD~1:system.yaml"

"$zhun" diff HEAD~1 HEAD -- standards/301-003.yaml >"$tmp/out" 2>&1
ok "a changed document brings in its system" has "$tmp/out" "Q/XXBWG 301-003—2018 → Q/XXBWG 301-003—2021"

"$zhun" diff HEAD~1 system.yaml >"$tmp/out" 2>&1
ok "REV PATH without -- (as git takes it)" has "$tmp/out" "--- HEAD~1:system.yaml"

"$zhun" diff HEAD >"$tmp/out" 2>&1
st=$?
ok "diff HEAD against a clean work tree: no differences, status 0" test $st = 0 -a ! -s "$tmp/out"

"$zhun" diff HEAD~1 --format json >"$tmp/out" 2>&1
ok "REV1 against the work tree, json" has "$tmp/out" '"class": "revise"'

"$zhun" diff no-such-revision >"$tmp/out" 2>&1
st=$?
ok "an unknown revision is trouble (status 2)" test $st = 2

# The driver, configured as docs/diff.md says: .gitattributes + git config.
echo '*.yaml diff=zhun' >.gitattributes
git config diff.zhun.command "$zhun diff --git-driver"
git diff HEAD~1 HEAD >"$tmp/out" 2>&1
ok "git diff shows zhun's classification through diff.zhun.command" has "$tmp/out" "改(修订) revise"
git log -p --ext-diff -1 --format=%s HEAD -- system.yaml >"$tmp/out" 2>&1
ok "git log -p --ext-diff goes through the driver too" has "$tmp/out" "diff --zhun a/system.yaml b/system.yaml"

# The one-off way: GIT_EXTERNAL_DIFF, without the attributes.
rm .gitattributes
git config --unset diff.zhun.command
GIT_EXTERNAL_DIFF="$zhun diff --git-driver" git diff --ext-diff HEAD~1 HEAD -- standards/301-003.yaml >"$tmp/out" 2>&1
ok "GIT_EXTERNAL_DIFF shows the document's revision" has "$tmp/out" "增加了“预约讲解”一章（见第3章）"

# A file that is not zhun's falls back to a plain diff.
printf 'foo: 1\n' >other.yaml
git add other.yaml && git commit -qm other
printf 'foo: 2\n' >other.yaml
GIT_EXTERNAL_DIFF="$zhun diff --git-driver" git diff --ext-diff -- other.yaml >"$tmp/out" 2>&1
ok "a non-zhun YAML file gets a plain unified diff" has "$tmp/out" "+foo: 2"

# A change to comments only: the driver says so instead of a bare header.
git checkout -q -- other.yaml
{ printf '# 注释\n'; cat system.yaml; } >"$tmp/sys" && cp "$tmp/sys" system.yaml
GIT_EXTERNAL_DIFF="$zhun diff --git-driver" git diff --ext-diff -- system.yaml >"$tmp/out" 2>&1
ok "a comment-only change: the driver says there is no substantive change" \
	has "$tmp/out" "no substantive change (comments, layout or order only)"
printf 'lang: zh\n' >zhun.yaml
GIT_EXTERNAL_DIFF="$zhun diff --git-driver" git diff --ext-diff -- system.yaml >"$tmp/out" 2>&1
ok "… in Chinese under lang: zh (无实质性变化)" has "$tmp/out" "无实质性变化"
rm zhun.yaml
git checkout -q -- system.yaml

# zhun.yaml at the top of the repository holds in its sub-directories (docs/format.md §8).
printf 'lang: zh\n' >zhun.yaml
(cd standards && "$zhun" diff HEAD~2 HEAD~1) >"$tmp/out" 2>&1
ok "diff REV1 REV2 from a sub-directory takes the top's zhun.yaml" has "$tmp/out" "按一级类目"
(cd standards && "$zhun" diff HEAD~2 301-003.yaml) >"$tmp/out" 2>&1
ok "diff REV FILE takes the file's project's zhun.yaml" has "$tmp/out" "处变化"
(cd standards && GIT_EXTERNAL_DIFF="$zhun diff --git-driver" git diff --ext-diff HEAD~2 HEAD~1 -- ../system.yaml) >"$tmp/out" 2>&1
ok "the driver takes the zhun.yaml of the changed file's project" has "$tmp/out" "按一级类目"
rm zhun.yaml

# A linked document retitled in its own file (issue 17 item 9): REV REV sees it as the diff of
# the two files does, whether the system or the document is named.
sed -i '0,/title: 讲解服务规范/s//title: 讲解服务要求/' standards/301-003.yaml
git commit -qam "the document retitled"
"$zhun" diff HEAD~1 HEAD >"$tmp/out" 2>&1
ok "diff REV REV: a linked document's new title" has "$tmp/out" "document title: 讲解服务规范 → 讲解服务要求"
"$zhun" diff HEAD~1 HEAD -- system.yaml >"$tmp/out" 2>&1
ok "diff REV REV -- system.yaml: the same, with diff-title-without-revision" has "$tmp/out" "[diff-title-without-revision]"
exit $fail
