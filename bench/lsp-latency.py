#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# bench/lsp-latency.py: plays an editor against `zhun lsp` — initialize, didOpen a system file,
# wait for its diagnostics, then RUNS times a didChange that edits one character of a row title
# and the time until the publishDiagnostics for the new version arrives (the debounce included,
# as a user sees it). Prints "best median" in milliseconds.
# Usage: bench/lsp-latency.py ZHUN SYSTEM.yaml [RUNS] [-- zhun lsp options...]
import os, statistics, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests'))
from lsp_client import Client

zhun, path = sys.argv[1], os.path.abspath(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != '--' else 10
extra = sys.argv[sys.argv.index('--') + 1:] if '--' in sys.argv else []
c = Client([zhun, 'lsp'] + extra)
i = c.request('initialize', {"capabilities": {}, "processId": None})
c.wait(lambda m: m.get('id') == i, 60)
c.notify('initialized', {})
text = open(path, encoding='utf-8').read()
uri = 'file://' + path
c.notify('textDocument/didOpen', {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
r, _ = c.wait(lambda m: m.get('method') == 'textDocument/publishDiagnostics' and m['params']['uri'] == uri, 120)
if not r:
    sys.exit('no diagnostics after didOpen')
lines = text.split('\n')
k = next(x for x, l in enumerate(lines) if l.strip().startswith('title:') and x > len(lines) // 2)
col = len(lines[k]) - 1
times = []
for v in range(2, runs + 2):
    # replace the title's last character by itself or by 甲, alternately: a keystroke
    ch = '甲' if v % 2 else lines[k][-1]
    t0 = time.perf_counter()
    c.notify('textDocument/didChange', {"textDocument": {"uri": uri, "version": v},
                                        "contentChanges": [{"range": {"start": {"line": k, "character": col},
                                                                      "end": {"line": k, "character": col + 1}},
                                                            "text": ch}]})
    r, _ = c.wait(lambda m: m.get('method') == 'textDocument/publishDiagnostics'
                  and m['params']['uri'] == uri and m['params'].get('version') == v, 60)
    if not r:
        sys.exit('no diagnostics after didChange %d' % v)
    times.append((time.perf_counter() - t0) * 1000)
    time.sleep(0.3)
i = c.request('shutdown', None)
c.wait(lambda m: m.get('id') == i, 60)
c.notify('exit', None)
c.p.wait()
print('%.0f %.0f' % (min(times), statistics.median(times)))
