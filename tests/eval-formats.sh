#!/bin/bash
# SPDX-License-Identifier: MIT
# The numbers of `zhun eval` agree across formats: for each example, the JSON is the reference
# (key, name, figure as printed, numerator, denominator); the text, Markdown, HTML and Word
# reports must show each index's figure with the same numerator and denominator in their
# summaries, and the Word report each index's figure again in its section above a table of
# exactly the items the JSON lists, as many marked counted as the numerator.
# Usage: eval-formats.sh ZHUN SOURCE_ROOT    Prints TAP.
set -u
zhun=$(realpath "$1")
root=$(realpath "$2")
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE LANG LC_MESSAGES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
examples="museum city-pilot"
echo "1..$(($(echo $examples | wc -w) * 5))"
n=0
for ex in $examples; do
	for f in json text markdown html docx; do
		"$zhun" eval "$root/examples/$ex" --format "$f" -o "$tmp/$ex.$f" 2>"$tmp/err" || {
			echo "# $(head -3 "$tmp/err")"
		}
	done
	for f in json text markdown html docx; do
		n=$((n + 1))
		if [ "$f" = docx ] && ! $py -c 'import docx' 2>/dev/null; then
			echo "ok $n # SKIP $ex: python3-docx is not installed"
			continue
		fi
		if $py - "$tmp/$ex.json" "$tmp/$ex.$f" "$f" >"$tmp/out" 2>&1 <<'PY'
import json, re, sys, html
ref = json.load(open(sys.argv[1]))
fmt = sys.argv[3]
bad = []
if fmt == "docx":
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(sys.argv[2])
    sec = d.sections[0]
    if sec.page_width.mm > sec.page_height.mm or abs(sec.page_width.mm - 210) > 1:
        bad.append("not A4 portrait: %.0f x %.0f mm" % (sec.page_width.mm, sec.page_height.mm))
    # the summary: the first table, one row per index after its repeated header row
    t = d.tables[0]
    if not t.rows[0]._tr.trPr.xpath("./w:tblHeader"):
        bad.append("the summary's header row does not repeat")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in t.rows[1:]}
    # each index in its section: "name：figure (num/den)" then the formula, then its items
    body = d.element.body
    seen, items, cur = {}, {}, None
    kids = list(body.iterchildren())
    if any(a.tag.endswith("}tbl") and b.tag.endswith("}tbl") for a, b in zip(kids, kids[1:])):
        bad.append("two tables with nothing between them (Word joins them into one)")
    for el in kids:
        if el.tag.endswith("}p"):
            p = Paragraph(el, d)
            for i in ref["indexes"]:
                if p.style.name == "zhun 评价报告指标" and p.text.startswith(i["name"] + "："):
                    cur = i["key"]
                    seen[cur] = p.text[len(i["name"]) + 1:]
        elif el.tag.endswith("}tbl") and cur:
            tb = Table(el, d)
            if len(tb.columns) == 3 and cur not in items:
                items[cur] = [(r.cells[0].text, r.cells[2].text) for r in tb.rows[1:]]
    text = "\n".join(p.text for p in d.paragraphs)
    if "【待填写】" not in text:
        bad.append("no 【待填写】 placeholder")
    for i in ref["indexes"]:
        num = str(i.get("numerator", "—"))
        den = str(i.get("denominator", "—"))
        got = rows.get(i["name"])
        want = [i["name"], i["text"], num, den]
        if not got or got[:4] != want:
            bad.append("%s: summary has %s, json %s" % (i["key"], got, want))
        fig = i["text"] + (" (%s/%s)" % (num, den) if num != "—" else "")
        if not seen.get(i["key"], "").startswith(fig):
            bad.append("%s: section has %r, json %r" % (i["key"], seen.get(i["key"]), fig))
        want_items = [(it["label"], "是" if it["counted"] else "否") for it in i["items"]]
        got_items = items.get(i["key"], [])
        if want_items and got_items != want_items:
            diff = [k for k in range(max(len(got_items), len(want_items)))
                    if k >= len(got_items) or k >= len(want_items) or got_items[k] != want_items[k]]
            k = diff[0]
            bad.append("%s: %d items, json %d; first difference at %d: %s, json %s" % (
                i["key"], len(got_items), len(want_items), k + 1,
                got_items[k] if k < len(got_items) else None, want_items[k] if k < len(want_items) else None))
        if i["unit"] == "percent" and i["computed"] and sum(1 for _, c in items.get(i["key"], []) if c == "是") != i["numerator"]:
            bad.append("%s: counted items are not the numerator %s" % (i["key"], num))
else:
    text = open(sys.argv[2], encoding="utf-8").read()
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
for i in ref["indexes"] if fmt not in ("json", "docx") else []:
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
for i in ref["indexes"] if fmt != "json" else []:
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
