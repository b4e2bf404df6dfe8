#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# `zhun lsp` over pipes (TAP): requests before initialize, framing (bare LF headers, a header
# without Content-Length, a message over the size limit, bytes that are not JSON), unknown
# methods and notifications, invalid params, cancellation, shutdown/exit and the exit status,
# full and incremental sync with CJK text and a surrogate pair in both position encodings,
# findings across the files of a project (raised and cleared), hover, definition, references,
# symbols, completion and a quick fix; a records file checked with its system (findings raised
# and cleared, hover, definition, completion); ContentModified for a request superseded by a
# change; the rule pages. Usage: lsp-protocol.py ZHUN SRCDIR
import json, os, shutil, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client

zhun, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
n = 0
failed = False


def ok(cond, name):
    global n, failed
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, name))
    if not cond:
        failed = True


def start(*args):
    return Client([zhun, 'lsp'] + list(args), env=dict(os.environ))


def init(c, **caps):
    i = c.request('initialize', {"capabilities": caps, "processId": None})
    r, _ = c.wait(lambda m: m.get('id') == i)
    c.notify('initialized', {})
    return r


def answer(c, i):
    r, _ = c.wait(lambda m: m.get('id') == i)
    return r


def diags_for(c, path, timeout=10):
    uri = 'file://' + path
    r, _ = c.wait(lambda m: m.get('method') == 'textDocument/publishDiagnostics'
                  and m['params']['uri'] == uri, timeout)
    return r['params']['diagnostics'] if r else None


def uri(p):
    return 'file://' + p


def finish(c):
    i = c.request('shutdown', None)
    answer(c, i)
    c.notify('exit', None)
    return c.p.wait(timeout=10)


tmp = tempfile.mkdtemp(prefix='zhun-lsp-')
try:
    proj = os.path.join(tmp, 'museum')
    shutil.copytree(os.path.join(src, 'examples', 'museum'), proj)
    system = os.path.join(proj, 'system.yaml')
    std = os.path.join(proj, 'standards', '301-003.yaml')
    std_text = open(std, encoding='utf-8').read()

    # --- lifecycle ---
    c = start()
    i = c.request('textDocument/hover', {})
    r = answer(c, i)
    ok(r and r['error']['code'] == -32002, 'a request before initialize: ServerNotInitialized')
    r = init(c)
    ok(r and r['result']['capabilities']['positionEncoding'] == 'utf-16'
       and r['result']['capabilities']['textDocumentSync']['change'] == 2,
       'initialize: utf-16 positions, incremental sync')
    i = c.request('no/such/method', {})
    c.notify('no/such/notification', {})
    c.notify('$/setTrace', {"value": "off"})
    j = c.request('textDocument/documentSymbol', {"textDocument": {"uri": "file:///nowhere.yaml"}})
    r = answer(c, i)
    ok(r and r['error']['code'] == -32601, 'unknown method: MethodNotFound')
    r2, seen = c.wait(lambda m: m.get('id') == j)
    ok(r2 and len(seen) == 1 and r2['error']['code'] == -32602,
       'unknown notifications get no answer; a document not open: InvalidParams')

    # --- framing and bad JSON ---
    c.send_raw(b'Content-Length: 5\n\n{bad}')
    r, _ = c.wait(lambda m: 'error' in m)
    ok(r and r['error']['code'] == -32700 and r['id'] is None, 'bad JSON: ParseError with id null')
    c.send_raw(b'X-Nonsense: 1\r\n\r\n')
    r, _ = c.wait(lambda m: 'error' in m)
    ok(r and r['error']['code'] == -32700, 'a header without Content-Length: ParseError')
    c.send_raw(b'Content-Length: 3\r\n\r\n\xff\xfe\x00')
    r, _ = c.wait(lambda m: 'error' in m)
    ok(r and r['error']['code'] == -32700, 'bytes that are not JSON: ParseError')
    c.send_raw(b'Content-Length: 2\r\n\r\n[]')
    r, _ = c.wait(lambda m: 'error' in m)
    ok(r and r['error']['code'] == -32600, 'a message that is no object: InvalidRequest')
    body = b'{"jsonrpc":"2.0","id":"lf","method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///x"}}}'
    c.send_raw(b'Content-Length: %d\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n' % len(body) + body)
    r, _ = c.wait(lambda m: m.get('id') == 'lf')
    ok(r is not None, 'headers ended by bare line feeds, Content-Type ignored; string ids')

    # --- cancellation: the request and its cancellation in one write ---
    b1 = b'{"jsonrpc":"2.0","id":77,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///x"}}}'
    b2 = b'{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":77}}'
    c.send_raw(b'Content-Length: %d\r\n\r\n' % len(b2) + b2 + b'Content-Length: %d\r\n\r\n' % len(b1) + b1)
    r = answer(c, 77)
    ok(r and r['error']['code'] == -32800, '$/cancelRequest: RequestCancelled')

    # --- diagnostics for the project, from the buffer ---
    c.notify('textDocument/didOpen', {"textDocument": {"uri": uri(std), "languageId": "yaml",
                                                       "version": 1, "text": std_text}})
    d = diags_for(c, std)
    ok(d == [], 'the museum standard opens clean')
    # the normative references get "GB 50016-2014": a finding in the standard (with a fix) and
    # one in the system (its row's refs do not list it)
    lines = std_text.split('\n')
    k = next(x for x, l in enumerate(lines) if 'LB/T 014' in l)
    line = '        - {number: GB 50016-2014, title: 建筑设计防火规范}'
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(std), "version": 2},
                                        "contentChanges": [{"range": {"start": {"line": k + 1, "character": 0},
                                                                      "end": {"line": k + 1, "character": 0}},
                                                            "text": line + '\n'}]})
    d = diags_for(c, std)
    sep = [x for x in (d or []) if x['code'] == 'stdno-separator']
    ok(len(sep) == 1 and sep[0]['range']['start'] == {"line": k + 1, "character": 19}
       and sep[0]['source'] == 'zhun' and sep[0]['severity'] == 2
       and sep[0].get('codeDescription', {}).get('href', '').endswith('/rules/stdno-separator.md')
       and os.path.isfile(sep[0]['codeDescription']['href'][len('file://'):]),
       'an incremental edit raises stdno-separator on its line, with code, severity and rule page')
    dsys = diags_for(c, system)
    mism = [x for x in (dsys or []) if x['code'] == 'sys-refs-mismatch']
    ok(len(mism) == 1 and mism[0]['relatedInformation'][0]['location']['uri'] == uri(std),
       'the same edit raises sys-refs-mismatch in the system, related to the standard')

    # --- code action: the em dash ---
    i = c.request('textDocument/codeAction', {"textDocument": {"uri": uri(std)},
                                              "range": {"start": {"line": k + 1, "character": 0},
                                                        "end": {"line": k + 1, "character": 0}},
                                              "context": {"diagnostics": []}})
    r = answer(c, i)
    acts = r['result'] if r else []
    edit = acts[0]['edit']['changes'][uri(std)][0] if acts else None
    ok(edit and edit['newText'] == 'GB 50016—2014'
       and edit['range'] == {"start": {"line": k + 1, "character": 19}, "end": {"line": k + 1, "character": 32}},
       'a quick fix replaces the number with the em dash form')

    # --- CJK and a surrogate pair before the number: UTF-16 columns ---
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(std), "version": 3},
                                        "contentChanges": [{"range": {"start": {"line": k + 1, "character": 10},
                                                                      "end": {"line": k + 1, "character": 10}},
                                                            "text": ' '}]})
    # now "- {number: " is one column later; put 𠀀 and 中 inside the title, after the number
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(std), "version": 4},
                                        "contentChanges": [{"range": {"start": {"line": k + 1, "character": 10},
                                                                      "end": {"line": k + 1, "character": 11}},
                                                            "text": ''},
                                                           {"range": {"start": {"line": k + 1, "character": 41},
                                                                      "end": {"line": k + 1, "character": 41}},
                                                            "text": '𠀀中'}]})
    d = diags_for(c, std)
    i = c.request('textDocument/hover', {"textDocument": {"uri": uri(std)},
                                         "position": {"line": k + 1, "character": 44}})
    r = answer(c, i)
    ok(r is not None and 'error' not in r, 'hover after a surrogate pair answers')
    # a full replacement puts the surrogate pair before the number on the line
    text2 = std_text.replace('        - {number: LB/T 014—2011',
                             '        - {title: 𠀀讲解, number: GB 50016-2014}\n        - {number: LB/T 014—2011')
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(std), "version": 5},
                                        "contentChanges": [{"text": text2}]})
    d = diags_for(c, std)
    sep = [x for x in (d or []) if x['code'] == 'stdno-separator']
    pre = '        - {title: 𠀀讲解, number: '  # 31 code points, 32 UTF-16 units
    ok(len(sep) == 1 and sep[0]['range']['start']['character'] == len(pre.encode('utf-16-le')) // 2,
       'full sync; a column after 𠀀 counts two UTF-16 units')

    # --- half-typed YAML: a syntax error is published, navigation keeps the last model ---
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(std), "version": 6},
                                        "contentChanges": [{"text": text2 + '\n  bad: [unclosed\n'}]})
    d = diags_for(c, std)
    ok(d and any(x['severity'] == 1 for x in d), 'half-typed YAML: the syntax error is published')
    i = c.request('textDocument/documentSymbol', {"textDocument": {"uri": uri(std)}})
    r = answer(c, i)
    ok(r and len(r['result']) >= 7, 'the outline still comes from the last good model')
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(std), "version": 7},
                                        "contentChanges": [{"text": std_text}]})
    d = diags_for(c, std)
    dsys = diags_for(c, system)
    ok(d == [] and not any(x['code'] == 'sys-refs-mismatch' for x in dsys or []),
       'restoring the text clears the findings in both files')

    # --- navigation ---
    lines = std_text.split('\n')
    k = next(x for x, l in enumerate(lines) if '团体预约的人数要求见5.2' in l)
    col = lines[k].index('5.2')
    i = c.request('textDocument/definition', {"textDocument": {"uri": uri(std)},
                                              "position": {"line": k, "character": col}})
    r = answer(c, i)
    target = next(x for x, l in enumerate(lines) if 'num: "5.2"' in l)
    ok(r and r['result'] and r['result']['range']['start']['line'] == target,
       'definition of 见5.2 is clause 5.2')
    i = c.request('textDocument/hover', {"textDocument": {"uri": uri(std)},
                                         "position": {"line": k, "character": col}})
    r = answer(c, i)
    ok(r and '5.2' in r['result']['contents']['value'], 'hover of 见5.2 gives the clause number and title')
    i = c.request('textDocument/references', {"textDocument": {"uri": uri(std)},
                                              "position": {"line": target, "character": lines[target].index('5.2')},
                                              "context": {"includeDeclaration": True}})
    r = answer(c, i)
    ok(r and len(r['result']) >= 2, 'references of clause 5.2: the clause and its citation')
    k2 = next(x for x, l in enumerate(lines) if 'LB/T 014' in l)
    i = c.request('textDocument/hover', {"textDocument": {"uri": uri(std)},
                                         "position": {"line": k2, "character": lines[k2].index('LB/T') + 2}})
    r = answer(c, i)
    ok(r and r['result'] and 'LB/T 014' in r['result']['contents']['value'],
       'hover of a standard number gives what the system knows of it')
    i = c.request('textDocument/completion', {"textDocument": {"uri": uri(std)},
                                              "position": {"line": k, "character": col}})
    r = answer(c, i)
    labels = [x['label'] for x in r['result']['items']] if r else []
    ok('5.2' in labels and '4.1.1' in labels, 'completion after 见: the clause numbers')

    # --- system: duplicated code, completion of enum words, status hover ---
    sys_text = open(system, encoding='utf-8').read()
    sl = sys_text.split('\n')
    codes = [x for x, l in enumerate(sl) if l.strip().startswith('- code: ') and '-' in l.split('code:')[1]]
    a, b = codes[0], codes[1]
    first_code = sl[a].split('code:')[1].strip()
    sl[b] = sl[b].split('code:')[0] + 'code: ' + first_code
    c.notify('textDocument/didOpen', {"textDocument": {"uri": uri(system), "languageId": "yaml",
                                                       "version": 1, "text": '\n'.join(sl)}})
    d = diags_for(c, system)
    dup = [x for x in (d or []) if x['range']['start']['line'] == b and x['severity'] == 1]
    ok(len(dup) >= 1, 'a duplicated row code is reported on its line')
    st = next(x for x, l in enumerate(sl) if l.strip().startswith('status:'))
    i = c.request('textDocument/completion', {"textDocument": {"uri": uri(system)},
                                              "position": {"line": st, "character": len(sl[st])}})
    r = answer(c, i)
    labels = [x['label'] for x in r['result']['items']] if r else []
    ok('current' in labels and '现行' in labels, 'completion of status: English and Chinese words')
    dl = next(x for x, l in enumerate(sl) if 'document: standards/301-003.yaml' in l)
    i = c.request('textDocument/definition', {"textDocument": {"uri": uri(system)},
                                              "position": {"line": dl, "character": sl[dl].index('standards') + 3}})
    r = answer(c, i)
    ok(r and r['result'] and r['result']['uri'] == uri(std), 'definition of document: is the file')
    cl = next(x for x, l in enumerate(sl) if l.strip() == 'categories:')
    cc = next(x for x in range(cl, len(sl)) if 'code:' in sl[x])
    i = c.request('textDocument/hover', {"textDocument": {"uri": uri(system)},
                                         "position": {"line": cc, "character": sl[cc].index('code:') + 7}})
    r = answer(c, i)
    ok(r and r['result'] and '通用基础标准' in r['result']['contents']['value']
       and 'rows' in r['result']['contents']['value'], 'hover of a category code: its title and row count')
    i = c.request('textDocument/documentSymbol', {"textDocument": {"uri": uri(system)}})
    r = answer(c, i)
    ok(r and r['result'] and r['result'][0].get('children'), 'symbols of a system: the category tree')
    # --- a records file: checked with its system, navigation and completion as in the system ---
    rec = os.path.join(proj, 'records', '2024.yaml')
    rl = open(rec, encoding='utf-8').read().split('\n')
    ins = next(x for x, l in enumerate(rl) if l.strip() == 'inspections:') + 1
    rl.insert(ins + 1, '      ')  # an empty line inside the first inspection, for completion
    c.notify('textDocument/didOpen', {"textDocument": {"uri": uri(rec), "languageId": "yaml",
                                                       "version": 1, "text": '\n'.join(rl)}})
    d = diags_for(c, rec)
    ok(d == [], 'a records file opens clean, checked with its system')
    im = next(x for x, l in enumerate(rl) if l.strip() == 'implementations:') + 1
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(rec), "version": 2},
                                        "contentChanges": [{"range": {"start": {"line": im, "character": 0},
                                                                      "end": {"line": im, "character": 0}},
                                                            "text": '    - standards: ["999"]\n'}]})
    d = diags_for(c, rec)
    unk = [x for x in (d or []) if x['code'] == 'rec-unknown-name']
    ok(len(unk) == 1 and unk[0]['range']['start']['line'] == im,
       'a name the system does not know: rec-unknown-name on its line of the records file')
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri(rec), "version": 3},
                                        "contentChanges": [{"range": {"start": {"line": im, "character": 0},
                                                                      "end": {"line": im + 1, "character": 0}},
                                                            "text": ''}]})
    d = diags_for(c, rec)
    ok(d == [], 'the finding is cleared when the name goes')
    i = c.request('textDocument/completion', {"textDocument": {"uri": uri(rec)},
                                              "position": {"line": ins + 1, "character": 6}})
    r = answer(c, i)
    labels = [x['label'] for x in r['result']['items']] if r else []
    ok('scope' in labels and 'results' in labels and 'inspectors' in labels and 'method' not in labels,
       'completion in an inspection: the keys of the inspection record')
    sc = next(x for x, l in enumerate(rl) if 'scope: ["300"' in l)
    pos = {"line": sc, "character": rl[sc].index('"300"') + 2}
    i = c.request('textDocument/hover', {"textDocument": {"uri": uri(rec)}, "position": pos})
    r = answer(c, i)
    ok(r and r['result'] and r['result']['contents']['value'].startswith('300 ')
       and 'rows' in r['result']['contents']['value'],
       'hover of a category code in a records file: its title and row count')
    i = c.request('textDocument/definition', {"textDocument": {"uri": uri(rec)}, "position": pos})
    r = answer(c, i)
    ok(r and r['result'] and r['result']['uri'] == uri(system)
       and sl[r['result']['range']['start']['line']].strip() == '- code: "300"',
       'definition of a category code in a records file: the category in the system')
    rs = next(x for x, l in enumerate(rl) if 'standard: Q/XXBWG 301-003—2021' in l)
    pos = {"line": rs, "character": rl[rs].index('301-003')}
    i = c.request('textDocument/definition', {"textDocument": {"uri": uri(rec)}, "position": pos})
    r = answer(c, i)
    ok(r and r['result'] and r['result']['uri'] == uri(system)
       and 'Q/XXBWG 301-003—2021' in sl[r['result']['range']['start']['line']],
       'definition of a standard number in a records file: its row in the system')
    st4 = next(x for x, l in enumerate(rl) if 'standards: ["401"' in l)
    i = c.request('textDocument/hover', {"textDocument": {"uri": uri(rec)},
                                         "position": {"line": st4, "character": rl[st4].index('401') + 1}})
    r = answer(c, i)
    ok(r and r['result'] and r['result']['contents']['value'].startswith('401 '),
       'hover of another code of the list: that category')
    i = c.request('textDocument/hover', {"textDocument": {"uri": uri(rec)},
                                         "position": {"line": ins, "character": rl[ins].index('2024') + 2}})
    r = answer(c, i)
    ok(r and r['result'] is None, 'hover of a date in a records file: nothing')

    # --- a position request superseded by a change of its document in the same batch ---
    def frame(obj):
        b = json.dumps(obj, ensure_ascii=False).encode()
        return b'Content-Length: %d\r\n\r\n' % len(b) + b
    chg = {"jsonrpc": "2.0", "method": "textDocument/didChange",
           "params": {"textDocument": {"uri": uri(rec), "version": 4},
                      "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                                    "end": {"line": 0, "character": 0}}, "text": "# x\n"}]}}
    hov = {"jsonrpc": "2.0", "id": "stale", "method": "textDocument/hover",
           "params": {"textDocument": {"uri": uri(rec)}, "position": pos}}
    hsys = {"jsonrpc": "2.0", "id": "other", "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri(system)}, "position": {"line": cc, "character": 12}}}
    c.send_raw(frame(hov) + frame(hsys) + frame(chg))
    r = answer(c, 'stale')
    ok(r and r.get('error', {}).get('code') == -32801,
       'a hover whose document changed before it was answered: ContentModified')
    r = answer(c, 'other')
    ok(r and 'error' not in r and r['result'], 'a hover of another document in the same batch is answered')
    cmp_ = dict(hov, id="fresh")
    cmp_['params'] = dict(hov['params'], position={"line": pos['line'] + 1, "character": pos['character']})
    chg['params']['textDocument']['version'] = 5
    cmp_['params']['position']['line'] += 1  # the second "# x" line
    c.send_raw(frame(chg) + frame(cmp_))
    r = answer(c, 'fresh')
    ok(r and 'error' not in r and r['result'] and 'Q/XXBWG 301-003' in r['result']['contents']['value'],
       'a hover sent after the change is answered from the newest text')

    # a YAML file that is not zhun's (a CI workflow) gets an empty list, not root-unknown
    ci = os.path.join(proj, 'ci.yml')
    c.notify('textDocument/didOpen', {"textDocument": {"uri": uri(ci), "languageId": "yaml",
                                                       "version": 1, "text": "on: push\njobs: {}\n"}})
    d = diags_for(c, ci)
    ok(d == [], 'a YAML file that is not a system, standard or registry is left alone')
    finish_status = finish(c)
    ok(finish_status == 0, 'shutdown then exit: status 0')

    # --- utf-8 positions ---
    c = start()
    r = init(c, general={"positionEncodings": ["utf-8", "utf-16"]})
    ok(r and r['result']['capabilities']['positionEncoding'] == 'utf-8', 'the client offers utf-8: chosen')
    c.notify('textDocument/didOpen', {"textDocument": {"uri": uri(std), "languageId": "yaml",
                                                       "version": 1, "text": text2}})
    d = diags_for(c, std)
    sep = [x for x in (d or []) if x['code'] == 'stdno-separator']
    ok(len(sep) == 1 and sep[0]['range']['start']['character'] == len(pre.encode()),
       'utf-8 positions count bytes')
    c.notify('exit', None)
    ok(c.p.wait(timeout=10) == 1, 'exit without shutdown: status 1')

    # --- size limit, end of input ---
    c = start('--max-file-size', '1000')
    init(c)
    big = b'{"jsonrpc":"2.0","id":5,"method":"x","params":"' + b'a' * 1100000 + b'"}'
    c.send_raw(b'Content-Length: %d\r\n\r\n' % len(big) + big)
    r, _ = c.wait(lambda m: 'error' in m)
    ok(r and r['error']['code'] == -32700, 'a message over the size limit: ParseError, body skipped')
    i = c.request('shutdown', None)
    r = answer(c, i)
    ok(r and r['result'] is None, 'the server goes on after it')
    c.p.stdin.close()
    ok(c.p.wait(timeout=10) == 1, 'end of input without exit: status 1')
    c = start('--debounce', 'x')
    ok(c.p.wait(timeout=10) == 2, 'a bad --debounce: usage error')
finally:
    shutil.rmtree(tmp, ignore_errors=True)
print("1..%d" % n)
sys.exit(1 if failed else 0)
