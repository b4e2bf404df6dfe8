#!/bin/bash
# SPDX-License-Identifier: MIT
# A hostile pull request (issue 17): a throw-away git repository whose newest commit and work
# tree hold what a stranger's pull request may hold — a linked document that is a symlink to
# /dev/zero, one that is a FIFO, zhun.yaml naming /dev/stdin as the system, a 600 MiB blob of
# one byte, changed files with Chinese and newline names, linked paths to /etc/passwd, ../ and
# a symlink out of the repository, an output committed as a symlink —
# and every zhun command on it must fail or refuse cleanly (a finding, the right exit status)
# within 2 s of CPU and 100 MB, measured with /usr/bin/time (git's children included), and a
# 10 s watchdog in wall time, as tests/hostile.sh does: HOSTILE_CPU_SECONDS and HOSTILE_MAX_KB
# raise the bounds for sanitizer builds. Prints TAP; the worst time and memory as a comment.
# Usage: tests/hostile-pr.sh ZHUN
set -u
zhun=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v git >/dev/null || [ ! -x /usr/bin/time ]; then
	echo "1..0 # SKIP git or /usr/bin/time is not installed"
	exit 0
fi
tmp=$(mktemp -d)
fifo_pid=""
trap '[ -n "$fifo_pid" ] && kill "$fifo_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=$tmp
export GIT_AUTHOR_NAME=zhun GIT_AUTHOR_EMAIL=zhun@example.invalid
export GIT_COMMITTER_NAME=zhun GIT_COMMITTER_EMAIL=zhun@example.invalid
export LC_ALL=C.UTF-8 NO_COLOR=1 GIT_PAGER=cat PAGER=cat
unset GIT_EXTERNAL_DIFF GIT_DIR GIT_WORK_TREE LANGUAGE LANG LC_MESSAGES

n=0
fail=0
worst_s=0
worst_wall=0
worst_kb=0
. "$(dirname "$0")/tap-lib.sh"
# why NAME LINE...: a failed test with the lines as its comments
why() {
	local name=$1
	shift
	printf '%s\n' "$@" >"$tmp/why"
	not_ok "$name" "$tmp/why"
}
max_s=2
max_kb=102400
[ "${HOSTILE_CPU_SECONDS:-0}" -gt "$max_s" ] && max_s=$HOSTILE_CPU_SECONDS
[ "${HOSTILE_MAX_KB:-0}" -gt "$max_kb" ] && max_kb=$HOSTILE_MAX_KB
watchdog=$((4 * max_s > 10 ? 4 * max_s : 10))
# run DESCRIPTION EXPECTED-STATUS GREP-PATTERN -- ARGS...: zhun under /usr/bin/time and the
# watchdog; the status, a finding matching the pattern on stderr or stdout, the bounds
run() {
	local what=$1 want=$2 pat=$3
	shift 4
	timeout -s KILL "$watchdog" /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$zhun" "$@" \
		</dev/null >"$tmp/out" 2>"$tmp/err"
	local st=$? bad=""
	local wall user sys kb secs
	# the last line: before it GNU time may say "Command exited with non-zero status N"
	read -r wall user sys kb < <(tail -n 1 "$tmp/time") || { user=99; sys=0; kb=0; }
	secs=$(awk -v u="${user:-99}" -v s="${sys:-0}" 'BEGIN { printf "%.2f", u + s }')
	[ "$st" = "$want" ] || bad="$bad; exit status $st, expected $want"
	grep -qE -- "$pat" "$tmp/err" "$tmp/out" || bad="$bad; no '$pat' in: $(head -c 400 "$tmp/err" "$tmp/out" | tr '\n' ' ')"
	awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s <= m) }' || bad="$bad; took $secs s of CPU"
	[ "${kb:-0}" -le "$max_kb" ] || bad="$bad; peak RSS $kb KB"
	awk -v s="$secs" -v w="$worst_s" 'BEGIN { exit !(s > w) }' && worst_s=$secs
	awk -v s="${wall:-0}" -v w="$worst_wall" 'BEGIN { exit !(s > w) }' && worst_wall=$wall
	[ "${kb:-0}" -gt "$worst_kb" ] && worst_kb=$kb
	if [ -z "$bad" ]; then ok "$what ($secs s CPU, $wall s wall, $kb KB)"; else why "$what" "${bad#; }"; fi
}

repo=$tmp/repo
mkdir -p "$repo/standards"
cd "$repo" || exit 1
git init -q .

system() { # the document paths of the rows
	cat <<EOF
system:
  format: 1
  id: xxbwg
  title: 某博物馆公共服务标准体系
  date: 2024-12-31
  own-prefixes: [Q/XXBWG]
  categories:
    - code: "300"
      title: 服务提供标准
      categories:
        - {code: "301", title: 服务规范}
  standards:
EOF
	local i=1
	for d in "$@"; do
		echo "    - {code: 301-00$i, number: Q/XXBWG 301-00$i—2024, title: 讲解服务规范${d:+, document: $d}}"
		i=$((i + 1))
	done
}
standard() { # number title
	cat <<EOF
standard:
  format: 1
  number: $1
  title: $2
  clauses:
    - {num: "1", title: 范围, body: 本文件规定了博物馆讲解服务的要求。}
EOF
}

system "" >system.yaml
standard "Q/XXBWG 301-001—2024" 讲解服务规范 >standards/讲解服务规范.yaml
nl_name=$'standards/new\nline.yaml'
standard "Q/XXBWG 302-001—2024" 导览服务规范 >"$nl_name"
git add . && git commit -qm base

# the pull request: both odd names changed, and a 600 MiB blob of one byte, in one commit
standard "Q/XXBWG 301-001—2024" 讲解与导览服务规范 >standards/讲解服务规范.yaml
standard "Q/XXBWG 302-001—2024" 导览服务要求 >"$nl_name"
git add standards
big=$(head -c 629145600 /dev/zero | git hash-object -w --stdin)
git update-index --add --cacheinfo "100644,$big,standards/big.yaml"
git commit -qm "hostile pull request"
git update-index --skip-worktree standards/big.yaml # never checked out: 600 MiB on disk

echo "1..39"

run "a 600 MiB blob is refused by its size before it is read (2: diff's trouble)" 2 'standards/big.yaml: fatal: file is 600.0 MiB.*\[file-too-large\]' -- \
	diff HEAD~1 HEAD -- standards/big.yaml
run "a changed file with a Chinese name is diffed (git quotes it without -z)" 1 '讲解与导览服务规范' -- \
	diff HEAD~1 HEAD -- standards/讲解服务规范.yaml
run "a changed file with a newline in its name is diffed" 1 '导览服务要求' -- \
	diff HEAD~1 HEAD -- "$nl_name"

# the work tree of the pull request: linked documents that are a symlink to /dev/zero and a
# FIFO (with a writer that never stops, so that reading it would never end)
ln -s /dev/zero standards/zero.yaml
mkfifo standards/fifo.yaml
(exec 3>standards/fifo.yaml; while :; do echo "standard: {}" >&3 || exit; done) 2>/dev/null &
fifo_pid=$!
system standards/讲解服务规范.yaml standards/zero.yaml standards/fifo.yaml >system.yaml
run "check: a linked document that is a symlink to /dev/zero is refused (outside the root)" 3 \
	"system.yaml:[0-9]+:[0-9]+: error: 'standards/zero.yaml' resolves to a file outside the project root; it is not read \\[linked-outside\\]" \
	-- check system.yaml
run "check: a linked document that is a FIFO is refused" 3 \
	'standards/fifo.yaml: fatal: is not a regular file.*\[io-error\]' -- check system.yaml
run "diff REV against the work tree refuses them too (2: diff's trouble)" 2 \
	'zero.yaml: error: .* outside the repository' -- diff HEAD -- system.yaml
grep -q 'fifo.yaml: fatal: is not a regular file' "$tmp/err" ||
	why "diff REV: the FIFO of the work tree refused" "$(head -c 400 "$tmp/err")"
# where outside paths are allowed, a device still is not read
printf 'system: system.yaml\nallow-outside-paths: true\n' >zhun.yaml
run "check, outside paths allowed: the symlink to /dev/zero is still refused (not a regular file)" 3 \
	'standards/zero.yaml: fatal: is not a regular file.*\[io-error\]' -- check system.yaml
rm zhun.yaml

# paths that leave the repository (item 5): /etc/passwd, ../, and a committed symlink, to
# files whose every line is a marker that must reach no output
mkdir -p "$tmp/outside"
secret=SECRET-d41d8cd9
for f in a b; do
	printf 'standard:\n  format: 1\n  number: Q/XXBWG 309-001—2024\n  title: %s\n# %s\n' \
		"$secret" "$secret" >"$tmp/outside/$f.yaml"
done
ln -s "$tmp/outside/b.yaml" standards/link-out.yaml
system /etc/passwd ../outside/a.yaml standards/link-out.yaml >system.yaml
sed -i 's|^  own-prefixes:|  registry: [/etc/passwd, ../outside/a.yaml]\n&|' system.yaml
no_leak() { # what: no byte of the outside files in zhun's output
	if grep -qE "$secret|root:" "$tmp/out" "$tmp/err"; then
		why "$1: nothing of a refused file in the output" "$(grep -hE "$secret|root:" "$tmp/out" "$tmp/err" | head -3)"
	else
		ok "$1: nothing of a refused file in the output"
	fi
}
run "check: /etc/passwd, ../ and a symlink out, as registries and documents, are refused" 1 \
	"'standards/link-out.yaml' resolves to a file outside the project root" -- check system.yaml
c=$(grep -c 'linked-outside' "$tmp/err")
[ "$c" = 5 ] && ok "five linked-outside findings" || why "five linked-outside findings" "$c: $(head -c 600 "$tmp/err")"
no_leak check
run "check --format json: the same, nothing leaked" 1 '"linked-outside"' -- check --format json system.yaml
no_leak "check --format json"
run "table: the outside documents are not read either" 1 'linked-outside' -- table system.yaml
no_leak table
mkdir -p sub
printf 'system: ../../outside/a.yaml\n' >sub/zhun.yaml
run "zhun.yaml 'system: ../outside/a.yaml' is refused" 3 \
	'fatal: the system file zhun.yaml names resolves to a file outside the project root' -- validate sub
no_leak "validate (zhun.yaml's system)"
git add system.yaml standards/link-out.yaml && git commit -qm "links out of the repository"
run "diff REV REV: ../ and /etc/passwd at a revision are refused, not read as other files" 1 \
	"HEAD:/etc/passwd: error: '/etc/passwd' lies outside the repository; git mode reads only files in it \\[linked-outside\\]" \
	-- diff HEAD~1 HEAD -- system.yaml
if grep -q "HEAD:../outside/a.yaml: error: .*outside the repository" "$tmp/err" &&
	grep -q "HEAD:standards/link-out.yaml: error: .*outside the repository" "$tmp/err"; then
	ok "diff REV REV: ../outside/a.yaml and the committed symlink out are refused"
else
	why "diff REV REV: ../outside/a.yaml and the committed symlink out are refused" "$(head -c 600 "$tmp/err")"
fi
no_leak "diff REV REV"
sed -i 's/title: 某博物馆公共服务标准体系/&（修订）/' system.yaml
run "diff REV: the work tree's symlink out of the repository is refused" 1 \
	"^standards/link-out.yaml: error: .*outside the repository" -- diff HEAD -- system.yaml
no_leak "diff REV"
# a symlink inside the repository is legitimate, at a revision as in the work tree: followed
git checkout -q HEAD -- system.yaml
ln -s 讲解服务规范.yaml standards/alias.yaml
system standards/alias.yaml >system.yaml
git add system.yaml standards/alias.yaml && git commit -qm "a document through a symlink"
standard "Q/XXBWG 301-001—2024" 讲解服务总则 >standards/讲解服务规范.yaml
git commit -qam "its title changed"
run "diff REV REV: a document behind a symlink inside the repository is followed" 1 \
	'讲解服务总则' -- diff HEAD~1 HEAD -- system.yaml
# allowed, the outside files are read: the check above is the policy, not a failure to read
printf 'system: system.yaml\nallow-outside-paths: true\n' >zhun.yaml
system ../outside/a.yaml >system.yaml
run "check, outside paths allowed: ../outside/a.yaml is read" 1 "$secret" -- check system.yaml
rm zhun.yaml

# zhun.yaml naming standard input as the system
printf 'system: /dev/stdin\n' >sub/zhun.yaml
run "zhun.yaml 'system: /dev/stdin' is refused, not waited on" 3 \
	'/dev/stdin: fatal: the system file zhun.yaml names is not a regular file' -- validate sub
# the same through a symlink in the repository
printf 'system: sys.yaml\n' >sub/zhun.yaml
ln -s /dev/urandom sub/sys.yaml
run "zhun.yaml naming a symlink to /dev/urandom is refused" 3 \
	'not a regular file' -- validate sub

# an output the pull request committed as a symlink to a file outside
echo "keep me" >"$tmp/victim"
ln -s "$tmp/victim" table.txt
system "" >system.yaml
run "table -o onto a committed symlink is refused" 3 'table.txt: fatal: output is a symbolic link' -- \
	table system.yaml -o table.txt
[ "$(cat "$tmp/victim")" = "keep me" ] || why "the symlink's target was not written" "it was"

# figure images (zhun render): a file the standard names, read as every linked file is
figure_std() { # SRC: a standard with one figure whose image is SRC
	cat <<EOF
standard:
  number: Q/XXBWG 301-001—2024
  title: 讲解服务规范
  clauses:
    - num: "1"
      title: 范围
      body:
        - 本文件规定了讲解路线图。
        - figure: {num: "1", title: 讲解路线, src: $1}
EOF
}
printf '%s\n' "$secret" >"$tmp/outside/route.png"
ln -s "$tmp/outside/route.png" standards/route-out.png
figure_std route-out.png >standards/figure-out.yaml
run "render: a figure image symlinked out of the repository is refused, not embedded" 1 \
	"standards/figure-out.yaml:9:[0-9]+: error: 'standards/route-out.png' resolves to a file outside the project root; it is not read \\[linked-outside\\]" \
	-- render standards/figure-out.yaml -o "$tmp/figure.html"
leaked=$(base64 -w0 <"$tmp/outside/route.png")
if grep -qF -e "$secret" -e "$leaked" "$tmp/figure.html" "$tmp/out" "$tmp/err" 2>/dev/null; then
	why "render: nothing of the refused image in the page" "its bytes (or their base64) are there"
else
	ok "render: nothing of the refused image in the page"
fi
mkfifo standards/route-fifo.png
figure_std route-fifo.png >standards/figure-fifo.yaml
run "render: a figure image that is a FIFO is refused, not waited on" 3 \
	'standards/route-fifo.png: fatal: is not a regular file.*\[io-error\]' \
	-- render standards/figure-fifo.yaml -o "$tmp/figure.html"
ln -s /dev/zero standards/route-zero.png
figure_std route-zero.png >standards/figure-zero.yaml
printf 'allow-outside-paths: true\n' >zhun.yaml
run "render --format docx, outside paths allowed: a figure image that is /dev/zero is refused" 3 \
	'standards/route-zero.png: fatal: is not a regular file.*\[io-error\]' \
	-- render --format docx standards/figure-zero.yaml -o "$tmp/figure.docx"
rm zhun.yaml

# git's external diff driver: the new side is the work tree's own file
run "diff --git-driver: a new side that is a symlink to /dev/zero is not read" 0 'Binary files' \
	-- diff --git-driver standards/a.yaml system.yaml 1111111 100644 standards/zero.yaml 2222222 100644

# the language server opens the pull request's files as an editor would
cat >"$tmp/lsp-probe.py" <<'EOF'
# lsp-probe ZHUN ROOT FILE TESTS: open FILE of ROOT in `zhun lsp`, print every
# publishDiagnostics as "URI CODE...", then ask for shutdown: status 0 when it answers in 5 s
import json, os, sys, time
sys.path.insert(0, sys.argv[4])
from lsp_client import Client
zhun, root, name = sys.argv[1:4]
c = Client([zhun, "lsp"])
c.request("initialize", {"processId": None, "rootUri": "file://" + root, "capabilities": {}})
c.wait(lambda m: m.get("id") == 1, 5)
c.notify("initialized", {})
path = os.path.join(root, name)
c.notify("textDocument/didOpen", {"textDocument": {"uri": "file://" + path,
	"languageId": "yaml", "version": 1, "text": open(path, encoding="utf-8").read()}})
time.sleep(0.5)
i = c.request("shutdown", None)
m, seen = c.wait(lambda m: m.get("id") == i, 5)
for s in seen:
	if s.get("method") == "textDocument/publishDiagnostics":
		p = s["params"]
		print(p["uri"], *[d.get("code", "") for d in p["diagnostics"]])
		for d in p["diagnostics"]:
			print("  ", d["message"])
c.p.kill()
c.p.wait()
sys.exit(0 if m else 1)
EOF
lsp() { # DESCRIPTION PATTERN FILE: the probe within the bounds, answering, PATTERN published
	local what=$1 pat=$2
	timeout -s KILL "$watchdog" /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
		python3 "$tmp/lsp-probe.py" "$zhun" "$repo" "$3" "$here" </dev/null >"$tmp/out" 2>"$tmp/err"
	local st=$? bad="" wall user sys kb secs
	read -r wall user sys kb < <(tail -n 1 "$tmp/time") || { user=99; sys=0; kb=0; }
	secs=$(awk -v u="${user:-99}" -v s="${sys:-0}" 'BEGIN { printf "%.2f", u + s }')
	[ "$st" = 0 ] || bad="$bad; the server did not answer (status $st)"
	grep -qE -- "$pat" "$tmp/out" || bad="$bad; no '$pat' in: $(head -c 400 "$tmp/out" "$tmp/err" | tr '\n' ' ')"
	awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s <= m) }' || bad="$bad; took $secs s of CPU"
	[ "${kb:-0}" -le "$max_kb" ] || bad="$bad; peak RSS $kb KB"
	if [ -z "$bad" ]; then ok "$what ($secs s CPU, $wall s wall, $kb KB)"; else why "$what" "${bad#; }"; fi
}
system standards/fifo.yaml >system.yaml
lsp "lsp: a linked document that is a FIFO is refused, and the server answers" \
	'standards/fifo.yaml io-error' system.yaml
system "" >system.yaml
sed -i 's|^  own-prefixes:|  registry: [/etc/passwd]\n&|' system.yaml
lsp "lsp: a registry at /etc/passwd is refused as outside the project" \
	'system.yaml linked-outside' system.yaml
if grep -q '^file:///etc/passwd' "$tmp/out"; then
	why "lsp: nothing is published for /etc/passwd" "$(head -3 "$tmp/out")"
else
	ok "lsp: nothing is published for /etc/passwd"
fi
system "" >system.yaml
standard "Q/XXBWG 301-001—2024" 讲解服务规范 >sub/std.yaml
printf 'system: /dev/stdin\n' >sub/zhun.yaml
lsp "lsp: zhun.yaml 'system: /dev/stdin' is refused, the client's messages are not read as a system" \
	'/dev/stdin io-error' sub/std.yaml

# a legacy .doc goes through LibreOffice: a stand-in converter (ZHUN_SOFFICE) does what a
# document's links would make LibreOffice do, and reports what it was given
cat >"$tmp/soffice" <<'EOF'
#!/bin/bash
prof=$(printf '%s\n' "$@" | sed -n 's|^-env:UserInstallation=file://||p')
{
	echo "TMPDIR=$TMPDIR profile=$prof"
	cat "$prof/user/registrymodifications.xcu"
	if (exec 3<>"/dev/tcp/127.0.0.1/$LO_PORT") 2>/dev/null; then echo "NETWORK REACHED"; fi
	read -r -t 1 line && echo "STDIN: $line"
} >"$LO_SAW" 2>&1
exit 1
EOF
chmod +x "$tmp/soffice"
python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
print(s.getsockname()[1], flush=True)
s.settimeout(30)
try:
	while True: s.accept()[0].close()
except Exception: pass' >"$tmp/port" &
lo_listener=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
printf '\320\317\021\340\241\261\032\341\0\0W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0' >standards/linked.doc
mkdir "$tmp/lo-tmp"
TMPDIR=$tmp/lo-tmp LO_PORT=$(cat "$tmp/port") LO_SAW=$tmp/lo-saw ZHUN_SOFFICE=$tmp/soffice \
	run "a .doc: the converter's failure is a finding" 3 'LibreOffice could not convert.*\[import-converter\]' \
	-- validate standards/linked.doc
kill "$lo_listener" 2>/dev/null
if grep -q "NETWORK REACHED" "$tmp/lo-saw"; then
	why "LibreOffice runs without a network (a namespace of its own)" "the stand-in reached 127.0.0.1"
else
	ok "LibreOffice runs without a network (a namespace of its own)"
fi
if grep -q 'MacroSecurityLevel.*<value>3<' "$tmp/lo-saw" && grep -q 'DisableMacrosExecution.*<value>true<' "$tmp/lo-saw"; then
	ok "LibreOffice's private profile runs no macro"
else
	why "LibreOffice's private profile runs no macro" "$(head -c 600 "$tmp/lo-saw")"
fi
if grep -q '^TMPDIR=.*/zhun-convert-[^/]*/tmp profile=.*/zhun-convert-[^/]*/profile$' "$tmp/lo-saw" &&
	! grep -q '^STDIN:' "$tmp/lo-saw" && [ -z "$(ls -A "$tmp/lo-tmp")" ]; then
	ok "LibreOffice works in a private directory, removed afterwards, with nothing on its input"
else
	why "LibreOffice works in a private directory" "$(head -3 "$tmp/lo-saw")" "$(ls -A "$tmp/lo-tmp")"
fi

echo "# worst: $worst_s s of CPU, $worst_wall s wall, $worst_kb KB peak RSS"
exit $fail
