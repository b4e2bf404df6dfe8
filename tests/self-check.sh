#!/bin/bash
# SPDX-License-Identifier: MIT
# The tree self-check (include/model_check.h) on every YAML and XML file under examples/ and
# tests/: `zhun validate` with ZHUN_SELF_CHECK=1 holds each loaded tree and typed model to every
# invariant the passes rely on. Whatever the file's own findings, a broken invariant shows as an
# `internal` finding with exit status 4, and that fails the file. (Golden cases and the
# robustness scripts run with ZHUN_SELF_CHECK=1 too; the fuzz replays call model_check.)
#
# Usage: self-check.sh ZHUN SRCDIR    Prints TAP, one line per file.
set -u
zhun=$(realpath "$1")
src=$(realpath "$2")
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC ZHUN_SELF_CHECK=1
unset LANGUAGE LANG LC_MESSAGES

files=()
while IFS= read -r f; do
	files+=("$f")
done < <(cd "$src" && find examples tests \( -name '*.yaml' -o -name '*.yml' -o -name '*.xml' \) \
	! -name 'expected.*' -type f | LC_ALL=C sort)

echo "1..${#files[@]}"
n=0
fail=0
for f in "${files[@]}"; do
	n=$((n + 1))
	out=$(cd "$src/$(dirname "$f")" && timeout -k 5 60 "$zhun" validate --lang en \
		"$(basename "$f")" 2>&1 </dev/null)
	st=$?
	if [ "$st" -ge 4 ] || grep -q '\[internal\]' <<<"$out"; then
		echo "not ok $n - $f (exit status $st)"
		grep '\[internal\]' <<<"$out" | head -5 | sed 's/^/# /'
		fail=1
	else
		echo "ok $n - $f"
	fi
done
exit $fail
