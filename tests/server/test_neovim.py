"""A real editor: headless Neovim's built-in LSP client starts `compilecli server`, opens a spec
and reads the diagnostics back (Debian's `neovim` package; skipped where nvim is not installed)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from procenv import environment  # noqa: E402 - one environment for every subprocess

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not installed (Debian: apt-get install neovim)")

# Neovim 0.7 (Debian 12) API: start_client + buf_attach_client; vim.wait bounds every wait.
SCRIPT = r"""
local spec, out, python = os.getenv("SPEC"), os.getenv("OUT"), os.getenv("PYTHON")
vim.cmd("edit " .. vim.fn.fnameescape(spec))
local id = vim.lsp.start_client({name = "compilecli", cmd = {python, "-m", "compilecli", "server"},
                                 root_dir = vim.fn.fnamemodify(spec, ":h")})
vim.lsp.buf_attach_client(0, id)
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(found, {code = d.code or lsp.code, lnum = d.lnum, col = d.col, end_col = d.end_col,
                       severity = d.severity, message = d.message})
end
vim.fn.writefile({vim.fn.json_encode(found)}, out)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd("qa!")
"""


def test_neovim_shows_the_diagnostics(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("compile:\n  optimizer: adamm\n  loss: mse\n", encoding="utf-8")
    script = tmp_path / "client.lua"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = environment(dict(SPEC=str(spec), OUT=str(out), PYTHON=sys.executable, COMPILECLI_LANG="en",
               HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path)))
    subprocess.run([NVIM, "--headless", "--clean", "-u", "NONE", "-c", f"luafile {script}"], env=env,
                   cwd=tmp_path, timeout=120, stdin=subprocess.DEVNULL, capture_output=True, check=True)
    found = json.loads(out.read_text(encoding="utf-8"))
    assert [(d["code"], d["lnum"], d["col"], d["end_col"], d["severity"]) for d in found] == [("CC201", 1, 13, 18, 1)]
    assert found[0]["message"].startswith("unknown optimizer 'adamm' for keras3")
