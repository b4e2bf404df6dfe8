#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A consultant's workbook of the museum example (examples/museum/system.yaml, 248 rows), made
# the way consultants make them, for tests/import-sheets.sh: a 说明 sheet first; the 明细表 with
# a merged title row and a unit row above the header, Chinese headings in the consultant's own
# order, merged block rows ("100 通用基础标准（29项）") and leaf rows ("101 标准化导则"), dates
# as real date cells under a date format; a 统计表 after it. Beside it the same detail sheet
# saved as Excel saves "CSV (逗号分隔)" on a Chinese Windows: GB18030, CR LF, dates as 2021/5/1.
#
# Usage: museum-workbook.py SRCDIR OUTDIR   → OUTDIR/博物馆体系表.xlsx, OUTDIR/明细表.csv
import csv
import datetime
import io
import os
import sys

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(src, "examples/museum/system.yaml"), encoding="utf-8") as f:
    system = yaml.safe_load(f)["system"]

TITLE = "青州市博物馆公共服务标准体系明细表"
UNIT = "编制单位：青州市博物馆\u3000\u30002024年12月"
# the consultant's order, not zhun's
HEAD = ["序号", "体系编号", "标准号", "标准名称", "级别", "类别", "状态", "发布日期", "实施日期",
        "代替标准", "采标情况", "备注"]
LEVEL = {"national": "国家标准", "sector": "行业标准", "local": "地方标准", "group": "团体标准",
         "enterprise": "企业标准"}
TYPE = {"basic": "基础", "method": "方法", "product": "产品", "process": "过程",
        "service": "服务", "management": "管理", "post": "岗位", "other": "其他"}
STATUS = {"planned": "拟制定", "drafting": "制定中", "upcoming": "即将实施", "current": "现行",
          "replaced": "被代替", "abolished": "废止"}
DEGREE = {"IDT": "等同采用", "MOD": "修改采用", "NEQ": "非等效"}
PREFIX = {"GB": "national", "DB": "local", "T/": "group", "Q/": "enterprise"}


def level_of(row):
    if row.get("level"):
        return row["level"]
    n = row.get("number", "")
    for p, lv in PREFIX.items():
        if n.startswith(p):
            return lv
    return "sector"


def as_date(v):
    if v is None:
        return None
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(str(v))


def leaf_of(code):
    return code.rsplit("-", 1)[0]


rows_by_leaf = {}
for r in system["standards"]:
    rows_by_leaf.setdefault(leaf_of(str(r["code"])), []).append(r)


def block_count(block):
    return sum(len(rows_by_leaf.get(str(c["code"]), [])) for c in block.get("categories", []))


# one list of lines: ("title", text) ("unit", text) ("head",) ("block", text) ("leaf", text)
# ("row", cells)
lines = [("title", TITLE), ("unit", UNIT), ("head",)]
seq = 0
for block in system["categories"]:
    lines.append(("block", "%s %s（%d项）" % (block["code"], block["title"], block_count(block))))
    for leaf in block.get("categories", []):
        lines.append(("leaf", "%s %s" % (leaf["code"], leaf["title"])))
        for r in rows_by_leaf.get(str(leaf["code"]), []):
            seq += 1
            note = r.get("note", "") or ""
            adopts = r.get("adopts")
            cells = [
                seq,
                str(r["code"]),
                r.get("number", ""),
                r["title"],
                LEVEL[level_of(r)],
                TYPE.get(r.get("type", ""), ""),
                STATUS.get(r.get("status", "current")),
                as_date(r.get("published")),
                as_date(r.get("effective")),
                "、".join(r.get("replaces", []) or []),
                "%s，%s" % (adopts["standard"], DEGREE[adopts["degree"]]) if adopts else "",
                note,
            ]
            lines.append(("row", cells))
assert seq == 248, seq

wb = openpyxl.Workbook()
notes = wb.active
notes.title = "说明"
notes["A1"] = "填表说明"
notes["A2"] = "1. 本表依据 GB/T 13016—2018 和 GB/T 24421.2—2023 编制。"
notes["A3"] = "2. 状态以 2024年12月31日 为准；空缺的类别注明“空缺”。"
notes.column_dimensions["A"].width = 60

ws = wb.create_sheet("明细表")
width = len(HEAD)
date_cols = {HEAD.index("发布日期"), HEAD.index("实施日期")}
for i, line in enumerate(lines, start=1):
    kind = line[0]
    if kind in ("title", "unit", "block", "leaf"):
        ws.cell(row=i, column=1, value=line[1])
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
        if kind == "title":
            ws.cell(row=i, column=1).font = Font(bold=True, size=16)
            ws.cell(row=i, column=1).alignment = Alignment(horizontal="center")
        elif kind != "unit":
            ws.cell(row=i, column=1).font = Font(bold=True)
    elif kind == "head":
        for c, h in enumerate(HEAD, start=1):
            ws.cell(row=i, column=c, value=h).font = Font(bold=True)
    else:
        for c, v in enumerate(line[1], start=1):
            if v is None or v == "":
                continue
            cell = ws.cell(row=i, column=c, value=v)
            if c - 1 in date_cols:
                cell.number_format = "yyyy/m/d"

stats = wb.create_sheet("统计表")
stats.append(["标准体系", "应有数", "现有数"])
for block in system["categories"]:
    stats.append([block["title"], block_count(block), None])
stats.append(["合计", seq, None])
wb.save(os.path.join(out, "博物馆体系表.xlsx"))

# the detail sheet as Excel's "CSV (逗号分隔)" writes it on a Chinese Windows
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\r\n")
for line in lines:
    kind = line[0]
    if kind == "head":
        w.writerow(HEAD)
    elif kind != "row":
        w.writerow([line[1]] + [""] * (width - 1))
    else:
        cells = []
        for c, v in enumerate(line[1]):
            if isinstance(v, datetime.date):
                v = "%d/%d/%d" % (v.year, v.month, v.day)
            cells.append("" if v is None else v)
        w.writerow(cells)
with open(os.path.join(out, "明细表.csv"), "wb") as f:
    f.write(buf.getvalue().encode("gb18030"))
