#!/bin/sh
# SPDX-License-Identifier: MIT
# Every C source and header in the repository is as clang-format makes it with .clang-format
# (style.md: the format is enforced, not discussed). Skips when clang-format is not installed,
# except under tools/test (ZHUN_FORMAT_REQUIRED), where tools/setup has installed it.
# Usage: format.sh SRCDIR   Prints TAP.
set -u
cd "$1" || exit 2
if ! command -v clang-format >/dev/null 2>&1; then
	if [ "${ZHUN_FORMAT_REQUIRED:-}" ]; then
		echo "1..1"
		echo "not ok 1 - clang-format is not installed (apt-get install clang-format)"
		exit 1
	fi
	echo "1..0 # SKIP clang-format is not installed"
	exit 0
fi
files=$(git ls-files '*.c' '*.h' 2>/dev/null) || files=$(find src include tests -name '*.[ch]')
echo "1..1"
# shellcheck disable=SC2086
if out=$(clang-format --dry-run --Werror $files 2>&1); then
	echo "ok 1 - every .c and .h file is as clang-format makes it"
else
	echo "not ok 1 - files differ from clang-format; run: git ls-files '*.c' '*.h' | xargs clang-format -i"
	printf '%s\n' "$out" | grep -o '^[^:]*\.[ch]' | sort -u | sed 's/^/# /'
	exit 1
fi
