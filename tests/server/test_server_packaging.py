"""The server is an optional extra: CI installs it as the README says, `check` never loads it."""
from __future__ import annotations

import re
import subprocess
import sys
from procenv import environment  # noqa: E402 - one environment for every subprocess


def test_readme_quick_start_and_ci_install_the_same_extras(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    documented = re.search(r'pip install "\.\[([\w,]+)\]" && python -m pytest', readme)
    installed = re.search(r'pip install -q "\.\[([\w,]+)\]"', ci)
    assert documented and installed
    assert documented.group(1) == installed.group(1)
    assert "server" in documented.group(1).split(",")


def test_server_help_without_starting_it():
    out = subprocess.run([sys.executable, "-m", "compilecli", "server", "--help"], capture_output=True, text=True, env=environment())
    assert out.returncode == 0 and "LSP" in out.stdout


def test_without_pygls_the_server_says_how_to_install_it(tmp_path):
    blocker = tmp_path / "pygls"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('pygls is blocked for this test')\n")
    out = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                          "from compilecli.cli import main; main(['server'])", str(tmp_path)],
                         capture_output=True, text=True, input="", env=environment())
    assert out.returncode == 2
    assert 'pip install "compilecli[server]"' in out.stderr and "Traceback" not in out.stderr
