"""issue 13: files skipped as not specs are not counted as checked; the summary says how many were
skipped, in both languages and every format (JSON lists them, SARIF has them as run notes)."""
import json

import pytest
from click.testing import CliRunner

from compilecli.cli import main

WORKFLOW = "name: ci\non: push\njobs: {}\n"
CLEAN = "compile:\n  optimizer: adam\n  loss: mse\n"
BROKEN = "compile:\n  optimizer: adamm\n  loss: mse\n"


def run(*args):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, ["check", "--isolated", *args], env={"NO_COLOR": ""})


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ci.yaml").write_text(WORKFLOW)
    (tmp_path / "compose.yml").write_text("services: {web: {image: nginx}}\n")
    (tmp_path / "a.yaml").write_text(CLEAN)
    (tmp_path / "b.yaml").write_text(BROKEN)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_the_summary_counts_specs_and_says_how_many_were_skipped(folder, fmt):
    out = run(".", "--format", fmt).stdout
    assert "in 1 of 2 files." in out and "2 files skipped: not specs" in out
    zh = run(".", "--format", fmt, "--lang", "zh").stdout
    assert "共检查 2 个文件" in zh and "跳过 2 个文件：不是规格文件" in zh and "。 跳过" not in zh


def test_a_clean_run_with_a_skipped_file(folder):
    out = run("a.yaml", "ci.yaml").stdout
    assert "All checks passed (1 file checked). 1 file skipped: not specs" in out


def test_without_skipped_files_the_summary_is_unchanged(folder):
    out = run("a.yaml").stdout
    assert out.strip() == "All checks passed (1 file checked)."


def test_json_counts_and_lists_the_skipped_files(folder):
    doc = json.loads(run(".", "--format", "json").stdout)
    assert doc["summary"]["files"] == 2 and doc["summary"]["skipped"] == 2
    assert sorted(doc["skipped"]) == ["./ci.yaml", "./compose.yml"]
    assert {f["path"] for f in doc["files"]} == {"./a.yaml", "./b.yaml"}


def test_sarif_has_the_skipped_files_as_notes_of_the_run(folder):
    for lang, word in (("en", "skipped, not a compile spec"), ("zh", "已跳过")):
        log = json.loads(run(".", "--format", "sarif", "--lang", lang).stdout)
        notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert sorted(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes) == \
            ["ci.yaml", "compose.yml"]
        assert all(word in n["message"]["text"] and n["level"] == "note" for n in notes)
