"""The pre-commit hook: its manifest's structure always; `pre-commit try-repo` when pre-commit is installed."""
from __future__ import annotations

import importlib.util
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import yaml

from workflowhelpers import BROKEN, CLEAN
from procenv import environment  # noqa: E402 - one environment for every subprocess


ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hooks():
    with open(ROOT / ".pre-commit-hooks.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_manifest_structure(hooks):
    assert isinstance(hooks, list) and len(hooks) >= 1
    hook = {h["id"]: h for h in hooks}["compilecli"]
    assert set(hook) <= {"id", "name", "entry", "language", "files", "exclude", "types", "types_or",
                         "exclude_types", "always_run", "fail_fast", "verbose", "pass_filenames",
                         "require_serial", "description", "language_version", "minimum_pre_commit_version",
                         "args", "stages", "additional_dependencies"}
    assert hook["name"] and hook["entry"] == "compilecli check"
    assert hook["language"] == "python"
    assert sorted(hook["types_or"]) == ["json", "yaml"]        # identify tags: .yaml, .yml and .json
    assert hook["pass_filenames"] is True and hook["require_serial"] is False


def test_entry_is_the_console_script(hooks):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    command = hooks[0]["entry"].split()[0]
    assert f'{command} = "compilecli.world:entry"' in text


def test_entry_accepts_many_files_as_pre_commit_passes_them(work):
    from workflowhelpers import run
    for index in range(3):
        (work / f"s{index}.yaml").write_text(CLEAN)
    (work / "bad.json").write_text('{"compile": {"optimizer": "adamm"}}')
    names = sorted(p.name for p in work.iterdir())
    assert run("check", "--isolated", *names).exit_code == 1
    assert run("check", "--isolated", *names[1:]).exit_code == 0


@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo(tmp_path):
    root = ROOT
    """Installs compilecli into pre-commit's own virtualenv: needs the network (skipped without)."""
    def git(*args, cwd):
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                       env=environment({"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}))

    # a committed copy of this repository (try-repo ignores untracked files)
    hook_repo = tmp_path / "hook_repo"
    shutil.copytree(root / "src", hook_repo / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(root / name, hook_repo / name)
    git("init", "-q", cwd=hook_repo)
    git("add", "-A", cwd=hook_repo)
    git("commit", "-q", "-m", "hook", cwd=hook_repo)

    project = tmp_path / "project"
    project.mkdir()
    (project / "good.yaml").write_text(CLEAN)
    (project / "bad.yaml").write_text(BROKEN)
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)

    env = environment({"PRE_COMMIT_HOME": str(tmp_path / "cache")})
    done = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "compilecli",
                           "--all-files"], cwd=project, capture_output=True, text=True, env=env, timeout=900)
    out = done.stdout + done.stderr
    if done.returncode not in (0, 1) or "An unexpected error has occurred" in out:
        if any(word in out for word in ("Could not find a version", "Temporary failure", "Network is unreachable",
                                        "ConnectionError", "No matching distribution", "NewConnectionError")):
            pytest.skip("no network for pre-commit's virtualenv")
        pytest.fail(out)
    assert done.returncode == 1, out
    assert "bad.yaml:2:14: CC201" in out
    assert "good.yaml" not in out.replace("- hook id", "")
