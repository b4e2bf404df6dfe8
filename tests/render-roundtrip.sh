#!/bin/bash
# SPDX-License-Identifier: MIT
# issue 14: a standard rendered as Word and read back by `zhun import` (the Word loader, issue 13)
# is the same standard. For the example standards and the issue-18 elements
# (tests/corpus/yaml/valid/gbt-extensions.yaml): `zhun render --format docx`, then `zhun convert
# FILE.docx --to yaml`, compared as data with `zhun convert` of the source (key order aside; a
# cell or list item written as a mapping that holds only its text is that text, and `format: 1`
# the same as no `format`). Prints TAP, one line per standard, and the first differences of a
# failure.
# Usage: render-roundtrip.sh ZHUN SOURCE_ROOT [IMPORTING_ZHUN]
#   IMPORTING_ZHUN (default ZHUN) reads the Word files: a build of another branch, to try the
#   round trip before both halves are on one branch.
set -u
zhun=$1
root=$2
importer=${3:-$1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
files=$(cd "$root" && grep -lE '^standard:' examples/*/standards/*.yaml | sort)
files="$files tests/corpus/yaml/valid/gbt-extensions.yaml"
set -- $files
echo "1..$#"
n=0
fail=0
for f in $files; do
	n=$((n + 1))
	why=""
	"$zhun" render "$root/$f" --format docx -o "$tmp/w.docx" 2>"$tmp/err" || why="render failed"
	[ -z "$why" ] && { "$importer" convert "$tmp/w.docx" --to yaml -o "$tmp/back.yaml" 2>>"$tmp/err" || why="import failed"; }
	[ -z "$why" ] && { "$zhun" convert "$root/$f" --to yaml -o "$tmp/orig.yaml" 2>>"$tmp/err" || why="convert failed"; }
	[ -z "$why" ] && [ -s "$tmp/err" ] && why="findings"
	if [ -z "$why" ] && ! $py - "$tmp/orig.yaml" "$tmp/back.yaml" >"$tmp/diff" <<'PY'
import sys, yaml
def norm(x):
    if isinstance(x, dict):
        if set(x) <= {'text', 'colspan', 'rowspan', 'marks'} and 'text' in x \
                and x.get('colspan', 1) == 1 and x.get('rowspan', 1) == 1 and not x.get('marks'):
            return x['text']  # a cell or list item that is only text: its text
        return {k: norm(v) for k, v in x.items() if not (k == 'format' and v == 1)}
    if isinstance(x, list):
        return [norm(v) for v in x]
    return x
a = norm(yaml.safe_load(open(sys.argv[1], encoding='utf-8')))
b = norm(yaml.safe_load(open(sys.argv[2], encoding='utf-8')))
out = []
def walk(x, y, path):
    if type(x) != type(y):
        out.append('%s: %r ≠ %r' % (path, x, y))
    elif isinstance(x, dict):
        for k in sorted(set(x) | set(y)):
            if k not in y:
                out.append('%s/%s: lost in Word' % (path, k))
            elif k not in x:
                out.append('%s/%s: added by the import: %r' % (path, k, y[k]))
            else:
                walk(x[k], y[k], path + '/' + k)
    elif isinstance(x, list):
        if len(x) != len(y):
            out.append('%s: %d items ≠ %d' % (path, len(x), len(y)))
        for i, (p, q) in enumerate(zip(x, y)):
            walk(p, q, '%s/%d' % (path, i))
    elif x != y:
        out.append('%s: %r ≠ %r' % (path, x, y))
walk(a, b, '')
print('\n'.join(out[:8]))
sys.exit(1 if out else 0)
PY
	then
		why="not the same standard"
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $f: Word and back gives the same standard"
	else
		echo "not ok $n - $f: $why"
		cat "$tmp/err" "$tmp/diff" 2>/dev/null | head -10 | sed 's/^/# /'
		fail=1
	fi
	rm -f "$tmp/err" "$tmp/diff"
done
exit $fail
