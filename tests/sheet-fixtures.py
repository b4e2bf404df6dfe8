#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Make the spreadsheets tests/sheet-readers.sh reads, in the directory given: workbooks written
# by openpyxl (Debian's python3-openpyxl), workbooks written part by part as Excel writes them
# (shared strings with rich and phonetic runs, number formats, rows and cells without r=),
# CSV and TSV files in each encoding, and hostile archives (zip bombs, zip-slip names, an
# encrypted flag, bad CRCs, truncation, missing parts, huge shared-string tables, entity and
# depth bombs). Large members are deflated once per megabyte and repeated (full flushes make
# the blocks independent), so a 1 GB bomb takes a second to make, not a minute.
#
# Usage: sheet-fixtures.py DIR [bench ROWS]   (bench: only DIR/bench.xlsx with ROWS rows)
import datetime
import os
import struct
import sys
import zlib

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
OFF = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


# ---- a zip archive written byte by byte, so that any field can lie ----

def deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def repeated(chunk, times):
    """(deflated, crc, size) of chunk * times, without ever holding it whole."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    body = first + again * (times - 1) + c.flush()
    return body, crc & 0xFFFFFFFF, len(chunk) * times


class Member:
    def __init__(self, name, data=None, method=8, flags=0, packed=None, crc=None, size=None):
        self.name = name.encode() if isinstance(name, str) else name
        if packed is None:
            packed = deflate(data) if method == 8 else data
            crc = zlib.crc32(data) & 0xFFFFFFFF
            size = len(data)
        self.packed, self.crc, self.size = packed, crc, size
        self.method, self.flags = method, flags
        self.declared = size  # what the headers say; a test may make it lie


def write_zip(path, members, cut=None):
    out = bytearray()
    central = bytearray()
    for m in members:
        off = len(out)
        hdr = struct.pack('<IHHHHHIIIHH', 0x04034B50, 20, m.flags, m.method, 0, 0x21,
                          m.crc, len(m.packed), m.declared, len(m.name), 0)
        out += hdr + m.name + m.packed
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 20, 20, m.flags, m.method, 0,
                               0x21, m.crc, len(m.packed), m.declared, len(m.name), 0, 0, 0, 0,
                               0, off) + m.name
    cd_off = len(out)
    out += central
    out += struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, len(members), len(members), len(central),
                       cd_off, 0)
    if cut is not None:
        out = out[:cut]
    with open(path, 'wb') as f:
        f.write(out)


# ---- a workbook, part by part ----

def content_types(sheets, sst=True):
    over = ''.join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
                   for i in range(sheets))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + over + '</Types>')


def workbook_parts(sheets, sst=None, styles=None, date1904=False, targets=None, extra_rels=''):
    """sheets: [(name, xml, state)]. Returns the member list of a complete workbook."""
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s %s>'
          '<workbookPr%s/><sheets>' % (NS, RNS, ' date1904="1"' if date1904 else ''))
    rels = '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="%s">' % PKG
    members = []
    for i, (name, xml, state) in enumerate(sheets):
        wb += '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (
            name, i + 1, ' state="%s"' % state if state else '', i + 1)
        target = targets[i] if targets else 'worksheets/sheet%d.xml' % (i + 1)
        rels += '<Relationship Id="rId%d" Type="%s/worksheet" Target="%s"/>' % (i + 1, OFF, target)
        if xml is not None:
            members.append(Member('xl/worksheets/sheet%d.xml' % (i + 1), xml.encode()))
    wb += '</sheets></workbook>'
    if sst is not None:
        rels += '<Relationship Id="rId90" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % OFF
        members.append(Member('xl/sharedStrings.xml', sst.encode() if isinstance(sst, str) else sst))
    if styles is not None:
        rels += '<Relationship Id="rId91" Type="%s/styles" Target="styles.xml"/>' % OFF
        members.append(Member('xl/styles.xml', styles.encode()))
    rels += extra_rels + '</Relationships>'
    pkg = ('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="%s"><Relationship '
           'Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>'
           % (PKG, OFF))
    return [Member('[Content_Types].xml', content_types(len(sheets)).encode()),
            Member('_rels/.rels', pkg.encode()),
            Member('xl/workbook.xml', wb.encode()),
            Member('xl/_rels/workbook.xml.rels', rels.encode())] + members


def sheet_xml(rows, merges=()):
    x = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s %s><sheetData>' % (NS, RNS)
    x += ''.join(rows)
    x += '</sheetData>'
    if merges:
        x += '<mergeCells count="%d">%s</mergeCells>' % (
            len(merges), ''.join('<mergeCell ref="%s"/>' % m for m in merges))
    return x + '</worksheet>'


def sst_xml(items):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst %s count="%d" '
            'uniqueCount="%d">%s</sst>' % (NS, len(items), len(items), ''.join(items)))


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet %s>'
          '<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '<numFmt numFmtId="165" formatCode="[Red]0.00;&quot;day&quot;0"/>'
          '<numFmt numFmtId="166" formatCode="\\d0"/>'
          '<numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
          '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/>'
          '<xf numFmtId="22"><alignment wrapText="1"/></xf><xf numFmtId="2"/></cellXfs>'
          '</styleSheet>') % NS


def handmade(path, date1904=False):
    """A workbook as Excel writes it: shared strings (one rich, one with a phonetic run),
    inline rich text, formula results, errors, booleans, dates under built-in and custom
    formats, rows and cells without r=, an absolute and a ../ relationship target, a sheet
    name with an ampersand, a hidden sheet."""
    sst = sst_xml(['<si><t>标准编号</t></si>',
                   '<si><r><rPr><b/></rPr><t>标准</t></r><r><t xml:space="preserve"> 名称</t></r></si>',
                   '<si><t>博物馆</t><rPh sb="0" eb="3"><t>ボツブツカン</t></rPh><phoneticPr fontId="1"/></si>',
                   '<si><t>line_x000D__x000A_two _x005F_x0041_ &amp; &lt;x&gt;</t></si>',
                   '<si><t></t></si>'])
    rows = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
        # no r= on the row or its cells: positions are counted
        '<row><c t="s"><v>3</v></c><c t="inlineStr"><is><r><t>行内</t></r><r><t>文本</t></r></is></c>'
        '<c t="str"><f>A1&amp;"x"</f><v>公式结果</v></c><c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c>'
        '<c t="b"><v>0</v></c><c t="s"><v>4</v></c></row>',
        '<row r="5"><c r="A5" s="1"><v>44317</v></c><c r="B5" s="2"><v>44317</v></c>'
        '<c r="C5" s="3"><v>44317</v></c><c r="D5" s="4"><v>44317</v></c><c r="E5" s="5"><v>0.5</v></c>'
        '<c r="F5" s="6"><v>44317.5625</v></c><c r="G5" s="7"><v>3.14159</v></c><c r="H5" s="1"><v>60</v></c>'
        '<c r="I5" s="1"><v>59</v></c><c r="J5" s="1"><v>61</v></c><c r="K5" s="1"><v>0</v></c>'
        '<c r="L5"><v>1E+21</v></c><c r="M5"><v>-0</v></c><c r="N5"><v>0.1</v></c><c r="O5" s="1"><v>-1</v></c></row>',
        '<row r="7"><c r="B7" s="1"/><c r="C7"><v>7</v></c><c r="$D$7"><v>8</v></c></row>',
    ]
    first = sheet_xml(rows, merges=['A1:C1', 'A5:A6'])
    second = sheet_xml(['<row r="2"><c r="B2" t="inlineStr"><is><t>R&amp;D</t></is></c></row>'])
    third = sheet_xml(['<row r="1"><c r="A1"><v>1</v></c></row>'])
    parts = workbook_parts([('明细表', first, None), ('R&amp;D', second, None), ('隐藏', third, 'hidden')],
                           sst=sst, styles=STYLES, date1904=date1904,
                           targets=['/xl/worksheets/sheet1.xml', '../xl/worksheets/sheet2.xml',
                                    'worksheets/./sheet3.xml'])
    write_zip(path, parts)


def openpyxl_books(d):
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '说明'
    ws['A1'] = '本工作簿由测试生成'
    ws = wb.create_sheet('明细表')
    ws.append(['某博物馆公共服务标准体系明细表'])
    ws.merge_cells('A1:F1')
    ws.append(['序号', '标准编号', '标准名称', '实施日期', '发布时间', '现行'])
    ws.append([1, 'GB/T 1.1—2020', '标准化工作导则 第1部分：标准化文件的结构和起草规则',
               datetime.date(2020, 10, 1), datetime.datetime(2020, 3, 31, 9, 30), True])
    ws.append([2, 'GB/T 13016—2018', '标准体系构建原则和要求', datetime.date(2019, 7, 1),
               datetime.datetime(2018, 12, 28), False])
    ws.append([3, 'GB/T 13017—2018', '企业标准体系表编制指南', datetime.date(1900, 1, 1), 2.5, None])
    ws.merge_cells('A6:A8')
    ws['A6'] = '服务提供'
    ws['B6'] = 0.1
    h = wb.create_sheet('隐藏')
    h.sheet_state = 'hidden'
    h['C3'] = 'hidden'
    wb.save(os.path.join(d, 'openpyxl.xlsx'))
    wb.epoch = CALENDAR_MAC_1904
    wb.save(os.path.join(d, 'openpyxl-1904.xlsx'))


def csv_files(d):
    rows = '序号,标准编号,标准名称\r\n1,GB/T 1.1—2020,"标准化工作导则\r\n第1部分"\r\n2,"GB/T ""13016""—2018",标准体系构建原则和要求\r\n'
    with open(os.path.join(d, 'bom.csv'), 'wb') as f:
        f.write(b'\xef\xbb\xbf' + rows.encode())
    with open(os.path.join(d, 'gb18030.csv'), 'wb') as f:
        f.write(rows.encode('gb18030'))
    with open(os.path.join(d, 'lf.csv'), 'wb') as f:
        f.write(rows.replace('\r\n', '\n').encode())
    with open(os.path.join(d, 'cr.csv'), 'wb') as f:
        f.write(rows.replace('\r\n', '\r').encode())
    with open(os.path.join(d, 'tabs.tsv'), 'wb') as f:
        f.write('序号\t标准名称,含逗号\n1\t"带\t制表符"\n'.encode())
    with open(os.path.join(d, 'unicode.txt'), 'wb') as f:
        f.write(b'\xff\xfe' + '序号\t标准名称\r\n1\t博物馆 𠀀\r\n'.encode('utf-16-le'))
    with open(os.path.join(d, 'utf16be.csv'), 'wb') as f:
        f.write(b'\xfe\xff' + '序号,名称\n1,馆\n'.encode('utf-16-be'))
    with open(os.path.join(d, 'semicolon.csv'), 'wb') as f:
        f.write('a;b;c\n1;2,5;3\n'.encode())
    with open(os.path.join(d, 'blank-lines.csv'), 'wb') as f:
        f.write(b'a,b\n\n,\nc,d')
    with open(os.path.join(d, 'unclosed.csv'), 'wb') as f:
        f.write('序号,标准名称\n1,"标准化工作导则\n'.encode())
    with open(os.path.join(d, 'after-quote.csv'), 'wb') as f:
        f.write('a,b\n"GB/T 1"x,c\n'.encode())
    with open(os.path.join(d, 'undecodable.csv'), 'wb') as f:
        f.write('序号,名称\n'.encode('gb18030') + b'1,\xd0\xf2\xff\n')
    with open(os.path.join(d, 'bad-bom.csv'), 'wb') as f:
        f.write(b'\xef\xbb\xbfa,b\n1,\xd0\xf2\n')
    with open(os.path.join(d, 'nul.csv'), 'wb') as f:
        f.write(b'a,b\n1,\x002\n')
    with open(os.path.join(d, 'utf16-odd.txt'), 'wb') as f:
        f.write(b'\xff\xfe' + 'ab'.encode('utf-16-le') + b'\x00\xd8\x41\x00')


def simple_book(rows=3, sst=True):
    items = ['<si><t>名称%d</t></si>' % i for i in range(rows)]
    body = ['<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c></row>'
            % (i + 1, i + 1, i, i + 1, i) for i in range(rows)]
    return workbook_parts([('明细表', sheet_xml(body), None)], sst=sst_xml(items) if sst else None)


def replace(parts, name, member):
    return [member if p.name == name.encode() else p for p in parts]


def hostile(d):
    p = lambda n: os.path.join(d, n)
    base = simple_book()
    write_zip(p('ok.xlsx'), base)
    # a zip bomb: 1 GiB of zeros as the sheet (about 1 MB compressed), headers honest
    body, crc, size = repeated(b'\0' * (1 << 20), 1024)
    write_zip(p('bomb-1g.xlsx'), replace(base, 'xl/worksheets/sheet1.xml',
                                         Member('xl/worksheets/sheet1.xml', packed=body, crc=crc, size=size)))
    # a ratio bomb below the size limits: 64 MiB of spaces in a sheet part, headers honest
    chunk = b'<?xml version="1.0"?>' + b' ' * ((1 << 20) - 21)
    body, crc, size = repeated(b' ' * (1 << 20), 64)
    write_zip(p('bomb-ratio.xlsx'), replace(base, 'xl/worksheets/sheet1.xml',
                                            Member('xl/worksheets/sheet1.xml', packed=body, crc=crc, size=size)))
    # a lying header: declares 4 KiB, inflates to 64 MiB
    m = Member('xl/worksheets/sheet1.xml', packed=body, crc=crc, size=size)
    m.declared = 4096
    write_zip(p('bomb-lying.xlsx'), replace(base, 'xl/worksheets/sheet1.xml', m))
    # a bomb nobody reads: refused all the same, from the directory
    body, crc, size = repeated(b'\0' * (1 << 20), 1024)
    write_zip(p('bomb-unread.xlsx'), base + [Member('xl/media/image1.png', packed=body, crc=crc, size=size)])
    # the near miss: a member that compresses 1,000:1 but stays under the 1 MiB grace
    write_zip(p('ratio-small-ok.xlsx'), base + [Member('docProps/custom.xml', b'\0' * 1000000)])
    # zip slip
    write_zip(p('slip-parent.xlsx'), base + [Member('../../etc/passwd', b'root:x:0:0')])
    write_zip(p('slip-abs.xlsx'), base + [Member('/abs', b'x')])
    write_zip(p('slip-backslash.xlsx'), base + [Member('xl\\..\\..\\x', b'x')])
    write_zip(p('slip-nul.xlsx'), base + [Member(b'xl/a.xml\0../../x', b'x')])
    write_zip(p('slip-long.xlsx'), base + [Member('x' * 2000, b'x')])
    write_zip(p('slip-ok.xlsx'), base + [Member('xl/media/..image..png', b'x'), Member('xl/a../b', b'x')])
    # an encrypted member (the flag of traditional PKWARE encryption; the bytes do not matter)
    parts = [Member(m.name.decode(), packed=m.packed, crc=m.crc, size=m.size, flags=1) if
             m.name == b'xl/worksheets/sheet1.xml' else m for m in base]
    write_zip(p('encrypted.xlsx'), parts)
    # damage: truncated, a bad CRC, flipped compressed bytes, not a zip, an OLE file
    full = bytearray(open(p('ok.xlsx'), 'rb').read())
    with open(p('truncated.xlsx'), 'wb') as f:
        f.write(full[:len(full) // 2])
    with open(p('truncated-end.xlsx'), 'wb') as f:
        f.write(full[:-10])
    parts = [Member(m.name.decode(), packed=m.packed, crc=m.crc ^ 0x5A5A, size=m.size) if
             m.name == b'xl/worksheets/sheet1.xml' else m for m in base]
    write_zip(p('bad-crc.xlsx'), parts)
    parts = [Member(m.name.decode(), packed=m.packed[:8] + bytes(b ^ 0xFF for b in m.packed[8:16]) + m.packed[16:],
                    crc=m.crc, size=m.size) if m.name == b'xl/worksheets/sheet1.xml' else m for m in base]
    write_zip(p('bad-data.xlsx'), parts)
    with open(p('ole.xlsx'), 'wb') as f:
        f.write(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 504)
    with open(p('pk-junk.xlsx'), 'wb') as f:
        f.write(b'PK\3\4' + b'\x01' * 200)
    # parts missing: the shared strings cells use, named or not; the workbook itself
    parts = [m for m in simple_book() if m.name != b'xl/sharedStrings.xml']
    write_zip(p('sst-missing.xlsx'), parts)
    parts = simple_book(sst=False)
    write_zip(p('sst-unnamed.xlsx'), parts)
    write_zip(p('no-workbook.xlsx'), [Member('word/document.xml', b'<w:document/>')])
    # too many members
    write_zip(p('members.xlsx'), base + [Member('m/%d' % i, b'', method=0) for i in range(10001)])
    # 10 million tiny shared strings (170 MB inflated, about 170 KB compressed)
    head = ('<?xml version="1.0"?>\n<sst %s>' % NS).encode()
    si = b'<si><t>a</t></si>' * 100000
    body, crc, size = repeated(si, 100)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    # head + blocks + tail as one stream: head and tail deflated around the repeated blocks
    pre = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    blk = c.compress(si) + c.flush(zlib.Z_FULL_FLUSH)
    blk2 = c.compress(si) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(b'</sst>') + c.flush()
    crc = zlib.crc32(head)
    for _ in range(100):
        crc = zlib.crc32(si, crc)
    crc = zlib.crc32(b'</sst>', crc) & 0xFFFFFFFF
    packed = pre + blk + blk2 * 99 + tail
    size = len(head) + len(si) * 100 + 6
    write_zip(p('sst-10m.xlsx'), replace(simple_book(), 'xl/sharedStrings.xml',
                                         Member('xl/sharedStrings.xml', packed=packed, crc=crc, size=size)))
    # entity and depth bombs inside the sheet part
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' +
           ''.join('<!ENTITY %s "%s">' % (chr(98 + i), ('&%s;' % chr(97 + i)) * 10) for i in range(9)) +
           ']>\n<worksheet %s><sheetData><row><c t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>' % NS)
    write_zip(p('entity-bomb.xlsx'), replace(base, 'xl/worksheets/sheet1.xml', Member('xl/worksheets/sheet1.xml', lol.encode())))
    ext = ('<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           '<worksheet %s><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>' % NS)
    write_zip(p('entity-external.xlsx'), replace(base, 'xl/worksheets/sheet1.xml', Member('xl/worksheets/sheet1.xml', ext.encode())))
    deep = ('<?xml version="1.0"?>\n<worksheet %s><sheetData>' % NS + '<x>' * 100000 + '</x>' * 100000 +
            '</sheetData></worksheet>')
    write_zip(p('deep.xlsx'), replace(base, 'xl/worksheets/sheet1.xml', Member('xl/worksheets/sheet1.xml', deep.encode())))
    near = ('<?xml version="1.0"?>\n<!-- no <!DOCTYPE here, only in a comment -->\n<worksheet %s><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&amp;lt;!DOCTYPE&#x4E2D;</t></is></c></row>' % NS +
            '<x>' * 50 + '</x>' * 50 + '</sheetData></worksheet>')
    write_zip(p('xml-ok.xlsx'), replace(base, 'xl/worksheets/sheet1.xml', Member('xl/worksheets/sheet1.xml', near.encode())))
    u16 = sheet_xml(['<row r="1"><c r="A1" t="inlineStr"><is><t>中文</t></is></c></row>']).replace(
        'encoding="UTF-8"', 'encoding="UTF-16"')
    write_zip(p('utf16-part.xlsx'), replace(base, 'xl/worksheets/sheet1.xml',
                                            Member('xl/worksheets/sheet1.xml', b'\xff\xfe' + u16.encode('utf-16-le'))))
    bad = '<?xml version="1.0"?>\n<worksheet %s><sheetData><row>\n<c></row></worksheet>' % NS
    write_zip(p('xml-syntax.xlsx'), replace(base, 'xl/worksheets/sheet1.xml', Member('xl/worksheets/sheet1.xml', bad.encode())))
    # values that cannot be read: reported at their cells, the rest is kept
    rows = ['<row r="1"><c r="A1" t="s"><v>7</v></c><c r="B1" t="b"><v>2</v></c><c r="C1"><v>abc</v></c>'
            '<c r="D1" t="x"><v>1</v></c><c r="ZZZZ1"><v>1</v></c><c r="E1"><v>5</v></c></row>']
    write_zip(p('values.xlsx'), workbook_parts([('表', sheet_xml(rows, merges=['A1:', 'B2:A1']), None)],
                                               sst=sst_xml(['<si><t>x</t></si>'])))


def bench(d, n):
    """A 明细表 of n rows as Excel writes it: shared strings, dates, numbers."""
    items, index = [], {}

    def s(text):
        if text not in index:
            index[text] = len(items)
            items.append('<si><t>%s</t></si>' % text)
        return index[text]
    heads = ['序号', '所属类别', '标准体系表编号', '标准名称', '标准编号', '宜定级别', '实施日期',
             '被代替标准编号', '采用关系', '备注']
    rows = ['<row r="1">' + ''.join('<c r="%s1" t="s"><v>%d</v></c>' % (chr(65 + i), s(h))
                                    for i, h in enumerate(heads)) + '</row>']
    for r in range(2, n + 2):
        k = r - 1
        cells = ['<c r="A%d"><v>%d</v></c>' % (r, k),
                 '<c r="B%d" t="s"><v>%d</v></c>' % (r, s('%d 类目%d' % (100 + k % 40, k % 40))),
                 '<c r="C%d" t="s"><v>%d</v></c>' % (r, s('%d-%04d' % (100 + k % 40, k))),
                 '<c r="D%d" t="s"><v>%d</v></c>' % (r, s('公共文化服务 第%d部分：服务规范' % k)),
                 '<c r="E%d" t="s"><v>%d</v></c>' % (r, s('GB/T %d—%d' % (20000 + k, 2000 + k % 24))),
                 '<c r="F%d" t="s"><v>%d</v></c>' % (r, s('国家标准')),
                 '<c r="G%d" s="1"><v>%d</v></c>' % (r, 40000 + k % 3000),
                 '<c r="H%d" t="s"><v>%d</v></c>' % (r, s('GB/T %d—%d' % (20000 + k, 1990 + k % 10))),
                 '<c r="I%d" t="s"><v>%d</v></c>' % (r, s('IDT ISO %d' % k) if k % 5 == 0 else s('')),
                 '<c r="J%d" t="s"><v>%d</v></c>' % (r, s('备注%d' % (k % 7)))]
        rows.append('<row r="%d">%s</row>' % (r, ''.join(cells)))
    styles = ('<?xml version="1.0"?>\n<styleSheet %s><cellXfs count="2"><xf numFmtId="0"/>'
              '<xf numFmtId="14"/></cellXfs></styleSheet>' % NS)
    write_zip(os.path.join(d, 'bench.xlsx'),
              workbook_parts([('明细表', sheet_xml(rows), None)], sst=sst_xml(items), styles=styles))


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    if len(sys.argv) > 2 and sys.argv[2] == 'bench':
        bench(d, int(sys.argv[3]))
        return
    handmade(os.path.join(d, 'handmade.xlsx'))
    handmade(os.path.join(d, 'handmade-1904.xlsx'), date1904=True)
    openpyxl_books(d)
    csv_files(d)
    hostile(d)


if __name__ == '__main__':
    main()
