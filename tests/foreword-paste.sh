#!/bin/bash
# SPDX-License-Identifier: MIT
# `zhun diff --foreword --format yaml OLD NEW` prints foreword.changes ready to paste: pasted
# under `foreword:` of the new edition (tests/foreword-paste/new.yaml, which lacks it and fails
# `check` for that), the new edition passes `zhun check` without a finding, and `zhun diff`
# finds every change declared and nothing declared without a change. The change that lies in
# table 1 is worded for the table (见表1). --format json gives the same entries. Prints TAP.
# Usage: foreword-paste.sh ZHUN SOURCE_ROOT
set -u
zhun=$1
dir=$2/tests/foreword-paste
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
. "$(dirname "$0")/tap-lib.sh"
echo "1..8"
"$zhun" check "$dir/new.yaml" >/dev/null 2>"$tmp/before"
check "without foreword.changes the new edition fails check (pref-replacement)" \
	grep -q 'pref-replacement' "$tmp/before"
"$zhun" diff --foreword --format yaml "$dir/old.yaml" "$dir/new.yaml" >"$tmp/changes.yaml" 2>"$tmp/err"
check "diff --foreword --format yaml exits 1 (the editions differ) and prints no finding" \
	sh -c "[ $? -eq 1 ] && [ ! -s '$tmp/err' ]"
check "the change inside table 1 names the table" \
	grep -q '"更改了“讲解时长”", new: \["表1"\], old: \["表1"\]' "$tmp/changes.yaml"
# paste it, indented as body: is, right after `foreword:`
awk -v f="$tmp/changes.yaml" '{ print } /^  foreword:$/ { while ((getline l < f) > 0) print "    " l }' \
	"$dir/new.yaml" >"$tmp/new.yaml"
check "the paste went in" grep -q '^    changes:$' "$tmp/new.yaml"
"$zhun" check --quiet "$tmp/new.yaml" >"$tmp/out" 2>&1
st=$?
sed 's/^/# /' "$tmp/out"
check "with the pasted list the new edition passes check without a finding" \
	sh -c "[ $st -eq 0 ] && [ ! -s '$tmp/out' ]"
"$zhun" diff "$dir/old.yaml" "$tmp/new.yaml" >/dev/null 2>"$tmp/diff.err"
check "diff finds every change declared and nothing declared without a change" \
	sh -c "! grep -q 'diff-foreword' '$tmp/diff.err'"
"$zhun" diff --foreword --format json "$dir/old.yaml" "$dir/new.yaml" >"$tmp/changes.json"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
check "--format json holds the same entries" "$py" - "$tmp/changes.json" "$tmp/changes.yaml" <<'PY'
import json, sys, yaml
j = json.load(open(sys.argv[1]))['changes']
y = yaml.safe_load(open(sys.argv[2]))['changes']
norm = lambda e: (e['kind'], e['text'], e.get('new', []), e.get('old', []))
sys.exit(0 if [norm(e) for e in j] == [norm(e) for e in y] and len(j) == 2 else 1)
PY
"$zhun" diff --format yaml "$dir/old.yaml" "$dir/new.yaml" >/dev/null 2>&1
check "--format yaml without --foreword is a usage error" test $? -eq 2
exit $fail
