# SPDX-License-Identifier: MIT
"""lsp_client: a minimal LSP client over pipes for the protocol test and the benchmark: frames
messages, reads answers with a deadline, and waits for the first message that matches."""
import json, os, select, subprocess, time
class Client:
    """`zhun lsp` (or any argv) as a child, spoken to over its standard input and output."""
    def __init__(self, argv, env=None):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.log = []
        self.buf = b''; self.id = 0
    def send_raw(self, b):
        try:
            self.p.stdin.write(b); self.p.stdin.flush()
        except BrokenPipeError:
            pass
    def send(self, obj):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.send_raw(b'Content-Length: %d\r\n\r\n' % len(body) + body)
    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc":"2.0","id":self.id,"method":method,"params":params}); return self.id
    def notify(self, method, params):
        self.send({"jsonrpc":"2.0","method":method,"params":params})
    def read(self, timeout=10):
        end = time.time()+timeout
        while True:
            i = self.buf.find(b'\r\n\r\n')
            if i >= 0:
                n = int(self.buf[:i].split(b':')[1])
                if len(self.buf) >= i+4+n:
                    body = self.buf[i+4:i+4+n]; self.buf = self.buf[i+4+n:]
                    m = json.loads(body)
                    self.log.append(m)
                    return m
            left = end-time.time()
            if left <= 0: return None
            r,_,_ = select.select([self.p.stdout],[],[],left)
            if not r: return None
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk: return None
            self.buf += chunk
    def wait(self, pred, timeout=10):
        end=time.time()+timeout; seen=[]
        while time.time()<end:
            m=self.read(end-time.time())
            if m is None: break
            seen.append(m)
            if pred(m): return m, seen
        return None, seen
