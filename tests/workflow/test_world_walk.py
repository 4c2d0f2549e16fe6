"""Issue 11, row 16: a folder walk passes over environments, caches and what .gitignore ignores,
checks what is named, and shows progress on a terminal."""
from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest

from compilecli.checker.collect import collect_specs
from compilecli.checker.gitignore import Ignores
from worldhelpers import CLEAN, cli
from procenv import environment  # noqa: E402 - one environment for every subprocess


def tree(root, files):
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CLEAN)


def found(*args):
    return sorted(p.replace(os.sep, "/") for p in collect_specs(args).paths)


def test_environments_caches_and_vendored_folders_are_not_walked(work):
    tree(work, ["a.yaml", "env/pyvenv.cfg", "env/lib/x.yaml", "conda/conda-meta/history.json",
                "lib/python3.12/site-packages/pkg/c.json", "web/node_modules/d/package.json",
                "pkg/__pycache__/e.json", ".git/config.json", ".venv/f.yaml", "keep/g.yml"])
    assert found(".") == ["./a.yaml", "./keep/g.yml"]


def test_a_named_folder_or_file_is_always_checked(work):
    tree(work, ["node_modules/x.yaml", "ignored/y.yaml"])
    (work / ".gitignore").write_text("ignored/\n")
    assert found("node_modules") == ["node_modules/x.yaml"]
    assert found("ignored/y.yaml") == ["ignored/y.yaml"]


def test_gitignore_files_of_the_walk_and_of_the_repository_above(work):
    (work / ".git").mkdir()
    (work / ".gitignore").write_text("generated/\n*.tmp.yaml\n")
    tree(work, ["configs/a.yaml", "configs/generated/b.yaml", "configs/c.tmp.yaml", "configs/sub/d.yaml",
                "configs/sub/e.yaml"])
    (work / "configs" / "sub" / ".gitignore").write_text("d.yaml\n")
    assert found("configs") == ["configs/a.yaml", "configs/sub/e.yaml"]


def test_outside_a_repository_only_the_walked_gitignore_files_count(tmp_path, monkeypatch):
    (tmp_path / "outer").mkdir()
    (tmp_path / "outer" / ".gitignore").write_text("*.yaml\n")      # not a repository: no say over inner/
    tree(tmp_path / "outer", ["inner/a.yaml"])
    monkeypatch.chdir(tmp_path / "outer")
    assert found("inner") == ["inner/a.yaml"]


# (pattern lines, paths): every verdict is compared with git's own (`git check-ignore`).
GIT_CASES = [
    ("*.yaml\n!keep.yaml\n", ["a.yaml", "keep.yaml", "d/keep.yaml", "d/b.yaml", "c.json"]),
    ("/top.yaml\n", ["top.yaml", "d/top.yaml"]),
    ("d/\n", ["d/a.yaml", "e/d/a.yaml", "d.yaml"]),
    ("a/**/b.yaml\n", ["a/b.yaml", "a/x/b.yaml", "a/x/y/b.yaml", "b.yaml"]),
    ("**/gen\n", ["gen/a.yaml", "x/gen/a.yaml", "gen.yaml"]),
    ("x/**\n", ["x/a.yaml", "x/y/a.yaml", "y/x/a.yaml"]),
    ("s?b.yaml\n[ab].json\n[!c]x.yaml\n", ["sab.yaml", "sb.yaml", "a.json", "c.json", "cx.yaml", "dx.yaml"]),
    ("\\#hash.yaml\n# comment.yaml\n\\!bang.yaml\n", ["#hash.yaml", "comment.yaml", "!bang.yaml"]),
    ("d/*.yaml\n", ["d/a.yaml", "d/e/a.yaml", "e/d/a.yaml"]),
    ("*\n!*/\n!*.json\n", ["a.yaml", "d/b.json", "d/c.yaml"]),
    ("trailing.yaml   \n", ["trailing.yaml"]),
]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to compare with")
@pytest.mark.parametrize("patterns,paths", GIT_CASES)
def test_gitignore_verdicts_are_gits(tmp_path, patterns, paths):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=environment())
    (repo / ".gitignore").write_text(patterns)
    tree(repo, paths)
    asked = subprocess.run(["git", "-C", str(repo), "check-ignore", "--stdin"], input="\n".join(paths),
                           capture_output=True, text=True, env=environment())
    git_ignores = set(asked.stdout.split())
    ours = set()
    for path in paths:                     # as the walk asks: each folder on the way, then the file
        ignores, here, parts = Ignores.above(str(repo)), str(repo), path.split("/")
        ignores = ignores.entering(here, os.listdir(here))
        for folder in parts[:-1]:
            here = os.path.join(here, folder)
            if ignores.ignored(here, True):
                ours.add(path)
                break
            ignores = ignores.entering(here, os.listdir(here))
        else:
            if ignores.ignored(os.path.join(here, parts[-1]), False):
                ours.add(path)
    assert ours == git_ignores


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_is_shown_then_erased(work, monkeypatch):
    from compilecli.world import progress
    tree(work, [f"d{n}/s.yaml" for n in range(5)])
    terminal = FakeTerminal()
    monkeypatch.setattr(progress.sys, "stderr", terminal)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    assert len(found(".")) == 5
    shown = terminal.getvalue()
    assert "looking for specs in ." in shown and "5 files found" in shown
    assert shown.endswith("\r\x1b[K")             # erased: nothing is left on the line


def test_no_progress_when_standard_error_is_not_a_terminal(work):
    tree(work, ["a.yaml"])
    done = cli("check", ".", cwd=work)
    assert done.returncode == 0 and done.stderr == b""
