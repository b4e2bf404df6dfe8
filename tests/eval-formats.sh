#!/bin/bash
# SPDX-License-Identifier: MIT
# The numbers of `zhun eval` agree across formats: for each example, the JSON is the reference
# (key, name, figure as printed, numerator, denominator); the text, Markdown and HTML reports
# must show each index's figure with the same numerator and denominator in their summaries.
# Usage: eval-formats.sh ZHUN SOURCE_ROOT    Prints TAP.
set -u
zhun=$(realpath "$1")
root=$(realpath "$2")
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE LANG LC_MESSAGES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
examples="museum city-pilot"
echo "1..$(($(echo $examples | wc -w) * 4))"
n=0
for ex in $examples; do
	for f in json text markdown html; do
		"$zhun" eval "$root/examples/$ex" --format "$f" -o "$tmp/$ex.$f" 2>"$tmp/err" || {
			echo "# $(head -3 "$tmp/err")"
		}
	done
	for f in json text markdown html; do
		n=$((n + 1))
		if python3 - "$tmp/$ex.json" "$tmp/$ex.$f" "$f" >"$tmp/out" 2>&1 <<'PY'
import json, re, sys, html
ref = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
fmt = sys.argv[3]
bad = []
if fmt == "json":
    # the JSON itself: every computed percentage is numerator / denominator
    for i in ref["indexes"]:
        if not i["computed"]:
            continue
        if i["unit"] == "percent":
            want = round(100.0 * i["numerator"] / i["denominator"] + 1e-9, 1)
            if abs(i["value"] - want) > 0.05:
                bad.append("%s: %s is not %d/%d" % (i["key"], i["value"], i["numerator"], i["denominator"]))
        if i["text"].rstrip("%") != ("%.1f" % i["value"]):
            bad.append("%s: text %s, value %s" % (i["key"], i["text"], i["value"]))
        counted = sum(1 for it in i["items"] if it["counted"])
        if i["unit"] == "percent" and (counted != i["numerator"] or len(i["items"]) != i["denominator"]):
            bad.append("%s: items %d/%d, figure %d/%d" % (i["key"], counted, len(i["items"]), i["numerator"], i["denominator"]))
for i in ref["indexes"] if fmt != "json" else []:
    if fmt == "html":
        m = re.search(r'<tr data-index="%s"><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>' % i["key"], text)
        got = m and (html.unescape(m.group(2)), m.group(3), m.group(4))
    elif fmt == "markdown":
        m = re.search(r'^\| %s \| (.*?) \| (.*?) \| (.*?) \|' % re.escape(i["name"]), text, re.M)
        got = m and (m.group(1), m.group(2), m.group(3))
    else:
        m = re.search(r'^  %s：(\S+)(?: \((\d+)/(\d+)\))?$' % re.escape(i["name"]), text, re.M)
        got = m and (m.group(1), m.group(2) or "—", m.group(3) or "—")
    num = str(i.get("numerator", "—"))
    den = str(i.get("denominator", "—"))
    want = (i["text"], num, den)
    if not got or tuple(got) != want:
        bad.append("%s: %s has %s, json %s" % (i["key"], fmt, got, want))
    if not i["computed"]:
        bad.append("%s: not computed (%s)" % (i["key"], i.get("missing")))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
		then
			echo "ok $n - $ex: $f agrees with the JSON, every index computed"
		else
			echo "not ok $n - $ex: $f"
			sed 's/^/# /' "$tmp/out"
		fi
	done
done
