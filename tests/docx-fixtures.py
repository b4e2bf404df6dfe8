#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Write a standard of the format (YAML, docs/format.md) as Word documents the way people make
# them, for tests/docx-import.sh: `styled` with heading and element styles and Word's automatic
# numbering (numbering.xml: chapters and 条, lists, annex marks, bibliography numbers), and
# `plain` with no styles at all, every number typed, a 目次 before the foreword. Both must import
# to the tree of the YAML source. python3-docx (Debian) and its lxml; test time only.
#
# `hostile DIR` writes the hostile documents of the import issue beside their near misses, part
# by part with python3's zipfile: entity and depth bombs, numbering loops, counters past 2^31,
# a paragraph of 50 MB.
#
# Usage: docx-fixtures.py standard SOURCE.yaml OUT_STYLED.docx OUT_PLAIN.docx [OUT_TEMPLATE.docx]
#        (the third: the element styles of the TCS template, numbered through the styles)
#        docx-fixtures.py hostile DIR
#        docx-fixtures.py elements OUT.docx     (every element once: tests/docx/elements.*)
#        docx-fixtures.py goldens DIR           (the inputs of tests/golden/validate/import-*)
#        docx-fixtures.py grid IN.csv OUT.docx [LINE... -- BELOW...]
#                                (a 体系表 as one Word table: the paragraphs LINE above it, a
#                                title "标准体系表" by default, the paragraphs BELOW under it)
import os
import random
import sys
import zipfile

import docx
import yaml
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


def abstract(aid, levels):
    lv = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    return parse_xml(f'<w:abstractNum {W} w:abstractNumId="{aid}">{lv}</w:abstractNum>')


class Numbering:
    """numbering.xml of the document: abstract lists, and one w:num per list instance."""

    def __init__(self, d):
        self.part = d.part.numbering_part.element
        self.next_abs = 100
        self.next_num = 100

    def add_abstract(self, levels):
        aid = self.next_abs
        self.next_abs += 1
        # abstract lists come before every w:num
        first_num = self.part.find(qn("w:num"))
        el = abstract(aid, levels)
        if first_num is not None:
            first_num.addprevious(el)
        else:
            self.part.append(el)
        return aid

    def add_num(self, aid, restart=False):
        nid = self.next_num
        self.next_num += 1
        over = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                if restart else "")
        self.part.append(parse_xml(
            f'<w:num {W} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>'))
        return nid


def set_num(p, nid, ilvl):
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{nid}"/></w:numPr>'))


# The element styles of the TCS template (its "标准文件_" names): headings and untitled 条 take
# their automatic numbers through the style (w:numPr in the style, the level found by the
# level's w:pStyle, or the style's own w:ilvl), as the template does.
TEMPLATE_HEADINGS = ["标准文件_章标题", "标准文件_一级条标题", "标准文件_二级条标题",
                     "标准文件_三级条标题"]
TEMPLATE_UNTITLED = [None, "标准文件_一级无标题", "标准文件_二级无标题", "标准文件_三级无标题"]
TEMPLATE_ANNEX = ["标准文件_附录标识", "标准文件_附录一级条标题", "标准文件_附录二级条标题",
                  "标准文件_附录三级条标题"]


class Writer:
    def __init__(self, styled, template=False):
        self.styled = styled
        self.template = template
        self.d = docx.Document()
        if not styled:
            return
        self.num = Numbering(self.d)
        self.heading_abs = self.num.add_abstract(
            [("decimal", "%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3"),
             ("decimal", "%1.%2.%3.%4"), ("decimal", "%1.%2.%3.%4.%5")])
        self.heading_num = self.num.add_num(self.heading_abs)
        # annex clauses show the letter of level 0 (upperLetter) and their own numbers in decimal
        self.annex_abs = self.num.add_abstract(
            [("upperLetter", "附录%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3"),
             ("decimal", "%1.%2.%3.%4")])
        self.annex_num = self.num.add_num(self.annex_abs)
        self.letter_abs = self.num.add_abstract([("lowerLetter", "%1）"), ("decimal", "%2）")])
        self.dash_abs = self.num.add_abstract([("bullet", "——")])
        self.number_abs = self.num.add_abstract([("decimal", "%1）")])
        self.bib_abs = self.num.add_abstract([("decimal", "[%1]")])
        prefix = "标准文件_" if template else ""
        self.names = {k: prefix + k for k in ("前言、引言标题", "附录标识", "参考文献标题", "段")}
        for name in self.names.values():
            self.d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if template:
            self.link_styles(TEMPLATE_HEADINGS, self.heading_abs, self.heading_num)
            self.link_styles(TEMPLATE_ANNEX, self.annex_abs, self.annex_num)
            for ilvl, name in enumerate(TEMPLATE_UNTITLED):
                if name:
                    st = self.d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                    st.element.get_or_add_pPr().append(parse_xml(
                        f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/>'
                        f'<w:numId w:val="{self.heading_num}"/></w:numPr>'))

    def link_styles(self, names, aid, nid):
        """Each style numbered in list nid; each level of aid names its style (w:pStyle)."""
        for an in self.num.part.iter(qn("w:abstractNum")):
            if an.get(qn("w:abstractNumId")) != str(aid):
                continue
            for ilvl, lvl in enumerate(an.iter(qn("w:lvl"))):
                if ilvl >= len(names):
                    break
                st = self.d.styles[names[ilvl]] if names[ilvl] in [
                    x.name for x in self.d.styles] else self.d.styles.add_style(
                        names[ilvl], WD_STYLE_TYPE.PARAGRAPH)
                st.element.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {W}><w:numId w:val="{nid}"/></w:numPr>'))
                lvl.find(qn("w:numFmt")).addnext(parse_xml(
                    f'<w:pStyle {W} w:val="{st.style_id}"/>'))

    def para(self, text, style=None):
        p = self.d.add_paragraph(text)
        if style and self.styled:
            p.style = self.d.styles[style]
        return p

    def numbered(self, text, nid, ilvl, style=None):
        p = self.para(text, style)
        set_num(p, nid, ilvl)
        return p


def typed_list_marker(style, i):
    if style == "letter":
        return f"{chr(ord('a') + i)}）"
    if style == "number":
        return f"{i + 1}）"
    if style == "dash":
        return "——"
    return "·"


def write_list(w, lst, level=0):
    style = lst["style"]
    nid = None
    if w.styled:
        aid = {"letter": w.letter_abs, "dash": w.dash_abs, "number": w.number_abs}.get(style)
        nid = w.num.add_num(aid, restart=True) if aid is not None else None
    for i, item in enumerate(lst["items"]):
        text = item if isinstance(item, str) else item["text"]
        if nid is not None:
            w.numbered(text, nid, 0)
        else:
            w.para(typed_list_marker(style, i) + text)
        if isinstance(item, dict) and "list" in item:
            write_list(w, item["list"], level + 1)


def cell_parts(v):
    """A cell as (text, colspan, rowspan, marks): a string, or the format's mapping."""
    if isinstance(v, dict):
        return (str(v.get("text", "")), int(v.get("colspan", 1)), int(v.get("rowspan", 1)),
                list(v.get("marks", [])))
    return str(v), 1, 1, []


def grid(rows):
    """Place the cells of rows as the format does (covered positions not written): a list of
    (row, col, text, colspan, rowspan, marks) and the number of grid columns."""
    taken, out, ncols = set(), [], 0
    for r, row in enumerate(rows):
        c = 0
        for v in row:
            while (r, c) in taken:
                c += 1
            text, cs, rs, marks = cell_parts(v)
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            out.append((r, c, text, cs, rs, marks))
            c += cs
            ncols = max(ncols, c)
    ncols = max([ncols] + [c + 1 for (_, c) in taken])
    return out, ncols


def write_table(w, t):
    if t.get("continued"):
        w.para(f"表{t['num']}（续）")
    else:
        w.para(f"表{t['num']}　{t.get('title', '')}".rstrip("　"))
    rows = t.get("head", []) + t.get("rows", [])
    cells, ncols = grid(rows)
    table = w.d.add_table(rows=len(rows), cols=ncols)
    for (r, c, text, cs, rs, marks) in cells:
        cell = table.cell(r, c)
        if cs > 1 or rs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        cell.text = text
        if marks:
            # the marks a renderer prints as superscript letters after the text
            cell.paragraphs[-1].add_run(",".join(marks)).font.superscript = True
    for n in t.get("notes", []):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[ncols - 1])
        merged.text = "注：" + n
    if t.get("footnotes"):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[ncols - 1])
        for i, f in enumerate(t["footnotes"]):
            para = merged.paragraphs[0] if i == 0 else merged.add_paragraph()
            para.add_run(f["mark"]).font.superscript = True
            para.add_run("　" + f["text"])


def ref_text(r):
    """A referenced document as a line: its number and title, or a title and its 文号."""
    if r.get("number"):
        return f"{r['number']}　{r.get('title', '')}".rstrip("　")
    return r["title"] + (f"（{r['doc-number']}）" if r.get("doc-number") else "")


def write_body(w, body):
    if body is None:
        return
    if isinstance(body, str):
        body = [body]
    for b in body:
        if isinstance(b, str):
            w.para(b)
        elif "p" in b:
            w.para(b["p"])
        elif "list" in b:
            write_list(w, b["list"])
        elif "note" in b:
            w.para("注：" + b["note"])
        elif "example" in b:
            w.para("示例：" + b["example"])
        elif "table" in b:
            write_table(w, b["table"])
        elif "figure" in b:
            f = b["figure"]
            w.para(f"图{f['num']}　{f.get('title', '')}")
        elif "formula" in b:
            f = b["formula"]
            w.para(f"{f['text']}\t（{f['num']}）")
        else:
            raise SystemExit(f"block not written: {b}")


def write_clause(w, c, depth, annex=False):
    num = str(c["num"])
    title = c.get("title")
    body = c.get("body")
    if isinstance(body, str):
        body = [body]
    body = list(body or [])
    # a 条 without title: the number comes first, then its first paragraph
    first = None if title else (body.pop(0) if body and isinstance(body[0], str) else "")
    if w.template:
        if title:
            w.para(title, (TEMPLATE_ANNEX if annex else TEMPLATE_HEADINGS)[depth if annex else depth - 1])
        else:
            w.para(first, TEMPLATE_UNTITLED[depth - 1])
    elif w.styled:
        nid = w.annex_num if annex else w.heading_num
        ilvl = depth if annex else depth - 1
        if title:
            w.numbered(title, nid, ilvl, style=f"Heading {depth}")
        else:
            w.numbered(first, nid, ilvl)
    elif title:
        w.para(f"{num}　{title}")
    else:
        w.para(f"{num}　{first}".rstrip("　"))
    write_body(w, body)
    for r in c.get("references", []):
        w.para(ref_text(r))
    for t in c.get("terms", []):
        if w.template:
            w.para("", TEMPLATE_HEADINGS[1])
        elif w.styled:
            w.numbered("", w.heading_num, 1, style="Heading 2")
        else:
            w.para(str(t["num"]))
        w.para(f"{t['term']}　{t['en']}" if t.get("en") else t["term"])
        w.para(t["definition"])
        for n in t.get("notes", []):
            w.para("注：" + n)
        if t.get("source"):
            w.para(f"[来源：{t['source']}]")
    for sub in c.get("clauses", []):
        write_clause(w, sub, depth + 1, annex)


def change_text(ch):
    pos = []
    if ch.get("new"):
        pos.append("见" + "、".join(ch["new"]))
    if ch.get("old"):
        pos.append("2018年版的" + "、".join(ch["old"]))
    return ch["text"] + ("（" + "，".join(pos) + "）" if pos else "")


def write(src, out, styled, template=False):
    s = yaml.safe_load(open(src, encoding="utf-8"))["standard"]
    w = Writer(styled, template)
    # the cover
    w.para(f"ICS {s['ics']}")
    w.para(f"CCS {s['ccs']}")
    w.para(s["number"].split(" ")[0])
    w.para("企业标准")
    w.para(s["number"])
    if s.get("replaces"):
        w.para("代替" + "、".join(s["replaces"]))
    w.para(s["title"], "Title")
    if s.get("title-en"):
        w.para(s["title-en"])
    w.para(f"{s['published']}发布\t\t{s['effective']}实施")
    w.para(f"{s['issuer']}　发布")
    if not styled:
        w.para("目　　次")
        w.para("前言\tI")
        for c in s["clauses"]:
            w.para(f"{c['num']}　{c['title']}\t1")
    fw = s.get("foreword")
    if fw:
        w.para("前　　言", w.names["前言、引言标题"] if styled else None)
        write_body(w, fw.get("body"))
        nid = w.num.add_num(w.letter_abs, restart=True) if styled else None
        for i, ch in enumerate(fw.get("changes", [])):
            text = change_text(ch) + ("。" if i == len(fw["changes"]) - 1 else "；")
            if nid is not None:
                w.numbered(text, nid, 0)
            else:
                w.para(f"{chr(ord('a') + i)}）{text}")
    w.para(s["title"])
    for c in s["clauses"]:
        write_clause(w, c, 1)
    for a in s.get("annexes", []):
        kind = {"normative": "（规范性）", "informative": "（资料性）"}.get(a.get("kind"))
        if template:
            w.para("", TEMPLATE_ANNEX[0])
        elif styled:
            w.numbered("", w.annex_num, 0, style="附录标识")
        else:
            w.para(f"附录{a['num']}")
        if kind:
            w.para(kind)
        w.para(a["title"])
        write_body(w, a.get("body"))
        for c in a.get("clauses", []):
            write_clause(w, c, 1, annex=True)
    if s.get("bibliography"):
        w.para("参考文献", w.names["参考文献标题"] if styled else None)
        nid = w.num.add_num(w.bib_abs, restart=True) if styled else None
        for i, r in enumerate(s["bibliography"]):
            text = ref_text(r)
            if nid is not None:
                w.numbered(text, nid, 0)
            else:
                w.para(f"[{i + 1}]　{text}")
    w.para("————————————")
    w.d.save(out)


# ---- hostile documents, part by part ----

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="rels" ContentType="application/'
      'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
      '"application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
            'Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/></Relationships>')


def package(path, body, numbering=None, styles=None, prolog="", doc=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        if doc is None:
            doc = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {NS}><w:body>'
                   f'{body}</w:body></w:document>')
        z.writestr("word/document.xml", doc)
        if numbering is not None:
            z.writestr("word/numbering.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>{numbering}'
                       '</w:numbering>')
        if styles is not None:
            z.writestr("word/styles.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><w:styles {NS}>{styles}'
                       '</w:styles>')


def p(text, num=None, style=None):
    ppr = ""
    if num or style:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def lists(start=1, link=None):
    abs0 = (f'<w:abstractNum w:abstractNumId="0">'
            + (f'<w:numStyleLink w:val="{link}"/>' if link else
               f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/>'
               '<w:lvlText w:val="%1"/></w:lvl>')
            + '</w:abstractNum>')
    return abs0 + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'


def hostile(d):
    os.makedirs(d, exist_ok=True)
    j = lambda n: os.path.join(d, n)
    package(j("plain-ok.docx"), p("1　范围") + p("本文件规定了讲解服务的要求。"))
    # an entity bomb in document.xml: refused at its DOCTYPE, nothing expanded
    lol = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    package(j("entity-bomb.docx"), p("&l9;"),
            prolog=f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{lol}]>')
    # 100,000 tables nested in one another: stops at the depth limit
    nest = 100000
    package(j("depth-bomb.docx"), None, doc=(
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>'
        + "<w:tbl><w:tr><w:tc>" * nest + p("x") + "</w:tc></w:tr></w:tbl>" * nest
        + "</w:body></w:document>"))
    # 1,000 nested tables: small enough for the ratio limit, refused at the depth limit
    package(j("depth-limit.docx"), "<w:tbl><w:tr><w:tc>" * 1000 + p("x")
            + "</w:tc></w:tr></w:tbl>" * 1000)
    package(j("depth-bomb-ok.docx"),
            p("表1　嵌套") + "<w:tbl><w:tr><w:tc>" * 5 + p("x") + "</w:tc></w:tr></w:tbl>" * 5)
    # a list style that links to itself through its own list (numStyleLink → style → numId)
    style = ('<w:style w:type="numbering" w:styleId="Loop"><w:name w:val="Loop"/><w:pPr>'
             '<w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    loop = ('<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="Loop"/></w:abstractNum>'
            '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Loop2"/></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>')
    style2 = style + style.replace('"Loop"', '"Loop2"').replace('numId w:val="1"', 'numId w:val="2"')
    package(j("numbering-loop.docx"), p("第一项", num=(1, 0)), numbering=loop, styles=style2)
    package(j("numbering-self.docx"), p("第一项", num=(1, 0)), numbering=lists(link="Loop"),
            styles=style)
    package(j("numbering-ok.docx"), p("第一项", num=(1, 0)) + p("第二项", num=(1, 0)),
            numbering=lists())
    # a counter past 2^31 - 1, and its near miss that ends exactly there
    package(j("counter-overflow.docx"), p("甲", num=(1, 0)) + p("乙", num=(1, 0)),
            numbering=lists(start=2147483647))
    package(j("counter-ok.docx"), p("甲", num=(1, 0)) + p("乙", num=(1, 0)),
            numbering=lists(start=2147483646))
    package(j("numbering-missing.docx"), p("甲", num=(42, 0)), numbering=lists())
    # a paragraph of 50 MB of text that does not compress away (a ratio bomb is another case)
    rnd = random.Random(13)
    chunk = "".join(chr(0x4E00 + rnd.randrange(0x5000)) for _ in range(1 << 16))
    big = chunk * (50 * (1 << 20) // len(chunk.encode()))
    package(j("paragraph-50mb.docx"), p(big))
    package(j("paragraph-500kb-ok.docx"), p(big[: 500 * 1024 // 3]))
    # not a Word document: a zip without word/document.xml
    with zipfile.ZipFile(j("no-document.docx"), "w") as z:
        z.writestr("[Content_Types].xml", CT)


# ---- every element once, for tests/docx/elements.* ----

def png():
    """A 1×1 grey PNG: python-docx needs a real picture."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def omml(p, linear_num):
    """x = (a+b)/2 as an OMML formula, then a tab and the number typed."""
    p._p.append(parse_xml(
        f'<m:oMath {M}><m:r><m:t>x=</m:t></m:r><m:f><m:num><m:r><m:t>a+b</m:t></m:r></m:num>'
        '<m:den><m:r><m:t>2</m:t></m:r></m:den></m:f><m:sSup><m:e><m:r><m:t>y</m:t></m:r>'
        '</m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>'))
    p.add_run(f"\t{linear_num}")


def elements(out):
    import io
    d = docx.Document()
    a = d.add_paragraph
    for t in ("ICS 01.040", "CCS A00", "T/XXX 001—2024", "要素示例", "Example of elements",
              "2024-01-01发布\t2024-02-01实施", "某学会　发布", "前　　言",
              "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。",
              "引　　言", "本文件给出各要素的写法。", "0.1　总则", "引言的条。", "要素示例",
              "1　范围", "本文件规定了各要素。", "2　术语和定义", "下列术语和定义适用于本文件。",
              "2.1", "要素　element", "标准中的组成部分。", "注1：要素有规范性和资料性之分。",
              "[来源：GB/T 1.1—2020，3.1.1]", "3　要求", "3.1　列项", "应满足下列要求：",
              "a）甲；", "1）子项一；", "2）子项二；", "b）乙。", "注1：第一条注。",
              "注2：第二条注。", "示例：", "示例的内容。", "表1　尺寸"):
        a(t)
    t = d.add_table(rows=4, cols=3)
    head = t.rows[0].cells
    m = head[1].merge(head[2])
    head[0].text = "名称"
    m.text = "尺寸"
    for r, row in enumerate([["", "长", "宽"], ["甲", "10", "20"]], start=1):
        for c, v in enumerate(row):
            t.rows[r].cells[c].text = v
    note = t.rows[3].cells[0].merge(t.rows[3].cells[2])
    note.text = "注：单位为毫米。"
    a("表1（续）")
    t2 = d.add_table(rows=2, cols=3)
    for c, v in enumerate(["名称", "长", "宽"]):
        t2.rows[0].cells[c].text = v
    for c, v in enumerate(["乙", "30", "40"]):
        t2.rows[1].cells[c].text = v
    d.add_picture(io.BytesIO(png()))
    a("图1　示意图")
    omml(a(""), "（1）")
    d.add_picture(io.BytesIO(png()))
    p = a("带脚注的段落。")
    p.runs[0]._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    for t in ("附录A（规范性）检验方法", "A.1　取样", "取样的方法。", "附录B　记录格式",
              "记录的格式。", "参考文献",
              "[1]　GB/T 20000.1—2014　标准化工作指南　第1部分：标准化和相关活动的通用术语",
              "[2]　某某手册", "————————", "终结线之后的文字"):
        a(t)
    d.save(out)


# ---- the golden pairs of the import- codes (tests/golden/validate/import-*) ----

def goldens(d):
    """Small documents, committed with their cases; written again by this function."""
    os.makedirs(d, exist_ok=True)
    j = lambda n: os.path.join(d, n)
    std = p("ICS 01.040") + p("T/XXX 001—2024") + p("要素示例") + p("1　范围")
    pic = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
           'drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r></w:p>')
    package(j("unmapped.docx"), std + p("本文件规定了要素。") + pic + p("图后的文字。"))
    package(j("unmapped-ok.docx"), std + p("本文件规定了要素。") + pic + p("图1　示意图"))
    package(j("invalid.docx"), std + p("本文件规定了：") + p("甲；", num=(42, 0)),
            numbering=lists())
    package(j("invalid-ok.docx"), std + p("本文件规定了：") + p("甲；", num=(1, 0)),
            numbering=lists())
    with open(j("converter.doc"), "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + "WordDocument".encode("utf-16-le"))
    package(j("converter-ok.docx"), std + p("本文件规定了要素。"))


def table_doc(src, out, above=("标准体系表",), below=()):
    """A 体系表 kept in Word: title and unit paragraphs, then the rows of a CSV file as one table
    (its rows written as XML: python-docx's cell access is quadratic in the table's size), then
    the paragraphs below it (notes, footnotes). A cell's text after a "^" is set in superscript,
    as a footnote mark is in Word."""
    import csv
    from xml.sax.saxutils import escape
    rows = list(csv.reader(open(src, encoding="utf-8-sig")))
    d = docx.Document()
    for line in above:
        d.add_paragraph(line)

    def runs(v):
        text, _, sup = v.partition("^")
        r = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        if sup:
            r += ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                  f'<w:t xml:space="preserve">{escape(sup)}</w:t></w:r>')
        return r
    t = d.add_table(rows=0, cols=max(len(r) for r in rows))
    for r in rows:
        t._tbl.append(parse_xml(f"<w:tr {W}>" + "".join(
            f'<w:tc><w:p>{runs(v)}</w:p></w:tc>' for v in r) + "</w:tr>"))
    for line in below:
        d.add_paragraph(line)
    d.save(out)


if __name__ == "__main__":
    if sys.argv[1] == "grid":
        if len(sys.argv) > 4:
            rest = sys.argv[4:] + ["--"]
            cut = rest.index("--")
            table_doc(sys.argv[2], sys.argv[3], rest[:cut], [x for x in rest[cut + 1:] if x != "--"])
        else:
            table_doc(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "goldens":
        goldens(sys.argv[2])
    elif sys.argv[1] == "hostile":
        hostile(sys.argv[2])
    elif sys.argv[1] == "elements":
        elements(sys.argv[2])
    else:
        write(sys.argv[2], sys.argv[3], True)
        write(sys.argv[2], sys.argv[4], False)
        if len(sys.argv) > 5:
            write(sys.argv[2], sys.argv[5], True, template=True)
