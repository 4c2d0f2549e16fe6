"""Issue 11, file kinds and report files, through the real CLI: FIFOs and devices, configuration files
that are too deep, too large or endless, --output over an input, atomic reports, option ranges."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from worldhelpers import BROKEN, CLEAN, FIXABLE, cli, environment, no_traceback

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@needs_fifo
def test_a_fifo_named_on_the_command_line_is_refused_without_waiting(work):   # row 5
    os.mkfifo(work / "pipe.yaml")
    done = cli("check", "pipe.yaml", cwd=work)
    no_traceback(done)
    assert done.returncode == 2
    assert b"pipe.yaml: CC100 error this is a FIFO" in done.stdout


@needs_fifo
def test_a_fifo_in_a_walked_folder_is_skipped(work):
    (work / "specs").mkdir()
    os.mkfifo(work / "specs" / "pipe.yaml")
    (work / "specs" / "good.yaml").write_text(CLEAN)
    done = cli("check", "specs", cwd=work)
    assert done.returncode == 0, done.stdout
    assert b"1 file" in done.stdout


@needs_fifo
def test_a_fifo_as_config_is_refused(work):
    os.mkfifo(work / "conf.toml")
    (work / "good.yaml").write_text(CLEAN)
    done = cli("check", "--config", "conf.toml", "good.yaml", cwd=work)
    assert done.returncode == 2 and b"FIFO" in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_as_config_or_spec_is_refused(work):                        # row 7
    (work / "good.yaml").write_text(CLEAN)
    done = cli("check", "--config", "/dev/zero", "good.yaml", cwd=work)
    assert done.returncode == 2 and b"/dev/zero" in done.stderr and b"device" in done.stderr
    assert cli("check", "/dev/zero", cwd=work).returncode == 2


def test_a_huge_config_is_refused_without_reading_it(work):
    (work / "good.yaml").write_text(CLEAN)
    with open(work / ".compilecli.toml", "wb") as handle:      # sparse: 300 MB on paper, no disk used
        handle.write(b"target = 'keras3'\n")
        handle.truncate(300 * 1024 * 1024)
    done = cli("check", "good.yaml", cwd=work)
    no_traceback(done)
    assert done.returncode == 2 and b"1 MiB" in done.stderr


@pytest.mark.parametrize("name,text", [
    (".compilecli.toml", "x = " + "[" * 500 + "]" * 500 + "\n"),
    ("pyproject.toml", "[tool.compilecli]\nselect = " + "[" * 500 + "]" * 500 + "\n"),
    (".compilecli.toml", "x = " + "{a = " * 500 + "1" + "}" * 500 + "\n"),
])
def test_toml_nested_500_deep_is_not_valid_toml(work, name, text):           # row 6
    (work / name).write_text(text)
    (work / "good.yaml").write_text(CLEAN)
    done = cli("check", "good.yaml", cwd=work)
    no_traceback(done)
    assert done.returncode == 2 and b"not valid TOML" in done.stderr


def test_smoke_seed_out_of_range_is_an_option_error(work):                   # row 8
    (work / "good.yaml").write_text(CLEAN)
    done = cli("smoke", "--seed", "-1", "good.yaml", cwd=work)
    no_traceback(done)
    assert done.returncode == 2 and b"--seed" in done.stderr


@pytest.mark.parametrize("extra", [[], ["--fix"], ["--format", "json"]])
def test_output_over_an_input_is_refused(work, extra):                       # row 9
    (work / "spec.yaml").write_text(FIXABLE)
    done = cli("check", *extra, "--output", "spec.yaml", "spec.yaml", cwd=work)
    assert done.returncode == 2 and b"--output spec.yaml" in done.stderr
    assert (work / "spec.yaml").read_text() == FIXABLE


def test_output_over_a_spec_of_a_walked_folder_or_the_config_is_refused(work):
    (work / "specs").mkdir()
    (work / "specs" / "a.json").write_text('{"compile": {"optimizer": "adam", "loss": "mse"}}')
    (work / ".compilecli.toml").write_text("strict = true\n")
    os.link(work / "specs" / "a.json", work / "alias.json")
    for target in ("specs/a.json", "./specs/../specs/a.json", "alias.json", ".compilecli.toml"):
        done = cli("check", "-o", target, "specs", cwd=work)
        assert done.returncode == 2, target
    assert json.loads((work / "specs" / "a.json").read_text())["compile"]["loss"] == "mse"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_report_file_is_replaced_whole_and_keeps_its_mode(work):             # rows 2, 17
    (work / "bad.yaml").write_text(BROKEN)
    (work / "rep.json").write_text("old")
    os.chmod(work / "rep.json", 0o640)
    inode = os.stat(work / "rep.json").st_ino
    done = cli("check", "--format", "json", "-o", "rep.json", "bad.yaml", cwd=work)
    assert done.returncode == 1
    assert json.loads((work / "rep.json").read_text())["summary"]["errors"] == 1
    assert os.stat(work / "rep.json").st_mode & 0o777 == 0o640
    assert os.stat(work / "rep.json").st_ino != inode           # a new file, renamed over the old one
    assert sorted(os.listdir(work)) == ["bad.yaml", "rep.json"]


def test_an_unwritable_report_leaves_the_old_file(work):
    (work / "bad.yaml").write_text(BROKEN)
    done = cli("check", "-o", "missing/folder/rep.txt", "bad.yaml", cwd=work)
    assert done.returncode == 2 and b"cannot write" in done.stderr


def test_eight_parallel_runs_writing_one_report(work):                        # row 17
    specs = work / "specs"      # the report lies outside the walked folder: a finished run's report is no input
    specs.mkdir()
    for n in range(40):
        (specs / f"s{n:02}.yaml").write_text(BROKEN if n % 2 else CLEAN)
    command = [sys.executable, "-m", "compilecli", "check", "--format", "json", "-o", "rep.json", "specs"]
    runs = [subprocess.Popen(command, cwd=work, env=environment(), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(8)]
    seen = []
    while any(run.poll() is None for run in runs):   # whoever reads meanwhile sees a whole report
        if (work / "rep.json").exists():
            seen.append((work / "rep.json").read_text())
    assert [run.wait(timeout=120) for run in runs] == [1] * 8
    seen.append((work / "rep.json").read_text())
    for text in seen:
        assert json.loads(text)["summary"]["errors"] == 20
    assert [name for name in os.listdir(work) if "rep.json" in name] == ["rep.json"]
