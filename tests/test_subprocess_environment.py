"""Every process a test starts gets the same environment (tests/procenv.py): no test depends on the
shell that runs the suite (a COMPILECLI_LANG, NO_COLOR or COLUMNS of the developer's)."""
from __future__ import annotations

import ast
import pathlib

import pytest

from procenv import environment

HERE = pathlib.Path(__file__).resolve().parent
STARTERS = {"run", "Popen", "check_output", "check_call", "call"}


def _subprocess_calls(path: pathlib.Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STARTERS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess"):
            yield node


FILES = sorted(p for p in HERE.rglob("*.py") if "corpus" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(HERE)) for p in FILES])
def test_every_subprocess_gets_the_shared_environment(path):
    for call in _subprocess_calls(path):
        env = next((k.value for k in call.keywords if k.arg == "env"), None)
        where = f"{path.relative_to(HERE)}:{call.lineno}"
        assert env is not None, f"{where}: subprocess without env=environment(...)"
        ok = (isinstance(env, ast.Call) and getattr(env.func, "id", "") == "environment") or \
            (isinstance(env, ast.Name) and env.id in ("env", "environment"))
        assert ok, f"{where}: env= must come from procenv.environment"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(HERE)) for p in FILES])
def test_no_test_builds_its_own_environment(path):
    if path.name in ("procenv.py", "test_subprocess_environment.py"):
        return
    text = path.read_text(encoding="utf-8")
    assert "dict(os.environ" not in text and "**os.environ" not in text and "os.environ.items()" not in text


def test_the_environment_drops_what_changes_the_output(monkeypatch):
    for name in ("COMPILECLI_LANG", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "PYTHONIOENCODING"):
        monkeypatch.setenv(name, "1")
    env = environment({"COMPILECLI_LANG": "zh"})
    assert env["COMPILECLI_LANG"] == "zh"
    assert not {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "PYTHONIOENCODING"} & set(env)
    assert env.get("PATH") is not None
