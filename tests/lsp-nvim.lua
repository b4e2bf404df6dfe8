-- SPDX-License-Identifier: MIT
-- Neovim (0.7 and later) headless, driving `zhun lsp` through its built-in client: the cases of
-- issue 16's "Done when", and a records file (issue 15) as the system's own. Run by tests/lsp-nvim.sh with ZHUN (the binary) and PROJ (a copy of the
-- museum example with a duplicated row code and a 见7.3); prints TAP and exits 0 or 1.
local zhun, proj = os.getenv('ZHUN'), os.getenv('PROJ')
local n, failed = 0, false
local function ok(cond, name)
  n = n + 1
  io.stdout:write(string.format('%s %d - %s\n', cond and 'ok' or 'not ok', n, name))
  if not cond then failed = true end
end
local function done()
  io.stdout:write(string.format('1..%d\n', n))
  os.exit(failed and 1 or 0)
end

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end
local function diags(buf, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if not code or d.code == code then table.insert(out, d) end
  end
  return out
end
local function line_of(buf, pat)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find(pat, 1, true) then return i - 1, l end
  end
end

local sys = open(proj .. '/system.yaml')
local client = vim.lsp.start_client({ name = 'zhun', cmd = { zhun, 'lsp' }, root_dir = proj })
ok(client ~= nil, 'the client starts zhun lsp')
if not client then done() end
vim.lsp.buf_attach_client(sys, client)

-- 1. a duplicated code shows its finding on its line
local dupline = tonumber(os.getenv('DUPLINE')) - 1
ok(vim.wait(10000, function() return #diags(sys, 'sys-code-duplicate') > 0 end, 50),
   'diagnostics arrive for the museum system')
local d = diags(sys, 'sys-code-duplicate')[1]
ok(d and d.lnum == dupline and d.source == 'zhun', 'the duplicated code is reported on its line')

-- 2. hover on a standard number: its title and status
local std = open(proj .. '/standards/301-003.yaml')
vim.lsp.buf_attach_client(std, client)
vim.wait(5000, function() return vim.lsp.buf_is_attached(std, client) end, 50)
local l, text = line_of(std, 'LB/T 014')
vim.api.nvim_win_set_cursor(0, { l + 1, text:find('LB/T', 1, true) + 1 })
local res = vim.lsp.buf_request_sync(std, 'textDocument/hover', vim.lsp.util.make_position_params(), 5000)
local hover = ''
for _, r in pairs(res or {}) do
  if r.result and r.result.contents then hover = r.result.contents.value end
end
ok(hover:find('旅游景区讲解服务规范', 1, true) and hover:find('current', 1, true),
   'hover on a standard number shows its title and status')
-- the same through vim.lsp.buf.hover: a floating window with that text
vim.lsp.buf.hover()
local float_text = ''
vim.wait(5000, function()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      float_text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
      return true
    end
  end
  return false
end, 50)
ok(float_text:find('旅游景区讲解服务规范', 1, true) ~= nil, 'vim.lsp.buf.hover shows it in a float')
vim.cmd('silent! fclose') -- not in 0.7: close floats by hand
for _, w in ipairs(vim.api.nvim_list_wins()) do
  if vim.api.nvim_win_get_config(w).relative ~= '' then vim.api.nvim_win_close(w, true) end
end

-- 3. go to definition on 见7.3 lands on clause 7.3
local other = open(proj .. '/standards/304-001.yaml')
vim.lsp.buf_attach_client(other, client)
vim.wait(3000, function() return false end, 300)
l, text = line_of(other, '见7.3')
local target = line_of(other, 'num: "7.3"')
vim.api.nvim_win_set_cursor(0, { l + 1, text:find('见7.3', 1, true) + 3 })
vim.lsp.buf.definition()
ok(vim.wait(5000, function() return vim.api.nvim_win_get_cursor(0)[1] == target + 1 end, 50),
   'go to definition on 见7.3 lands on clause 7.3')

-- 4. editing a standard raises findings in it and in the system; the quick fix; clearing
vim.api.nvim_set_current_buf(std)
l = line_of(std, 'LB/T 014')
vim.api.nvim_buf_set_lines(std, l + 1, l + 1, false, { '        - {number: GB 50016-2014, title: 建筑设计防火规范}' })
ok(vim.wait(10000, function() return #diags(std, 'stdno-separator') > 0 end, 50),
   'an edit in the buffer raises stdno-separator in the standard')
ok(vim.wait(10000, function() return #diags(sys, 'sys-refs-mismatch') > 0 end, 50),
   'and sys-refs-mismatch in the system')
vim.api.nvim_win_set_cursor(0, { l + 2, 20 })
-- Neovim 0.7's code_action has no `apply` (0.8 has): it asks vim.ui.select, which picks the
-- first quick fix here as a user would
local offered = {}
vim.ui.select = function(items, _, on_choice)
  for i, it in ipairs(items) do
    local a = it[2] or it.action or it
    table.insert(offered, a.title or '')
    if a.kind == 'quickfix' then return on_choice(it, i) end
  end
  on_choice(nil, nil)
end
vim.lsp.buf.code_action()
ok(vim.wait(5000, function()
  return vim.api.nvim_buf_get_lines(std, l + 1, l + 2, false)[1]:find('GB 50016—2014', 1, true) ~= nil
end, 50), 'the quick fix turns GB 50016-2014 into GB 50016—2014')
ok(vim.wait(10000, function() return #diags(std, 'stdno-separator') == 0 end, 50),
   'the fixed finding goes away')
vim.api.nvim_buf_set_lines(std, l + 1, l + 2, false, {})
ok(vim.wait(10000, function() return #diags(sys, 'sys-refs-mismatch') == 0 end, 50),
   'removing the line clears the finding in the system')
ok(#diags(sys, 'sys-code-duplicate') == 1, 'and leaves the system its own finding')

-- 5. a records file: checked with its system; definition of a category code lands in the system
local rec = open(proj .. '/records/2024.yaml')
vim.lsp.buf_attach_client(rec, client)
vim.wait(5000, function() return vim.lsp.buf_is_attached(rec, client) end, 50)
l = line_of(rec, 'implementations:')
vim.api.nvim_buf_set_lines(rec, l + 1, l + 1, false, { '    - standards: ["999"]' })
ok(vim.wait(10000, function() return #diags(rec, 'rec-unknown-name') > 0 end, 50),
   'a name the system does not know raises rec-unknown-name in the records file')
vim.api.nvim_buf_set_lines(rec, l + 1, l + 2, false, {})
ok(vim.wait(10000, function() return #diags(rec, 'rec-unknown-name') == 0 end, 50),
   'removing it clears the finding')
l, text = line_of(rec, 'scope: ["300"')
vim.api.nvim_win_set_cursor(0, { l + 1, (text:find('300', 1, true)) })
vim.lsp.buf.definition()
ok(vim.wait(5000, function()
  return vim.api.nvim_get_current_buf() == sys
     and vim.api.nvim_get_current_line():find('code: "300"', 1, true) ~= nil
end, 50), 'go to definition on a category code of a record lands on the category in the system')
vim.lsp.stop_client(client)
done()
