#!/bin/sh
# SPDX-License-Identifier: MIT
# Headless Neovim drives `zhun lsp` through its built-in LSP client (tests/lsp-nvim.lua) on a
# copy of the museum example with a duplicated row code and a 见7.3. Usage: lsp-nvim.sh ZHUN SRCDIR
set -eu
zhun=$(realpath "$1")
src=$(realpath "$2")
if ! command -v nvim >/dev/null 2>&1; then
	echo "1..0 # SKIP nvim is not installed (tools/setup installs neovim)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/examples/museum" "$tmp/museum"
proj=$tmp/museum
# the second row code of the first category becomes the first one's
python3 - "$proj/system.yaml" >"$tmp/dupline" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, encoding='utf-8').read().split('\n')
rows = [i for i, l in enumerate(lines) if l.strip().startswith('- code: ') and '-' in l.split('code:')[1]]
a, b = rows[0], rows[1]
lines[b] = lines[b].split('code:')[0] + 'code: ' + lines[a].split('code:')[1].strip()
open(p, 'w', encoding='utf-8').write('\n'.join(lines))
print(b + 1)
PY
sed -i 's/出入库的程序要求见第5章和第6章。/出入库的程序要求见第5章和第6章，安全要求见7.3。/' "$proj/standards/304-001.yaml"
cd "$tmp"
HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_STATE_HOME=$tmp XDG_CACHE_HOME=$tmp \
	ZHUN=$zhun PROJ=$proj DUPLINE=$(cat "$tmp/dupline") \
	timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $src/tests/lsp-nvim.lua" </dev/null
