"""Issue 13 item 6: `--fix -` / `--diff -` on stdin (ruff's behaviour), a load error that blocks every
fix says so (both languages), and `{lr: 1}` is reported, fixed and counted in full."""
from __future__ import annotations

import pytest

from fixhelpers import run

LR_INT = "compile:\n  optimizer: {class_name: Adam, config: {lr: 1}}   # keep\n  loss: mse\n"
LR_FIXED = "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 1.0}}   # keep\n  loss: mse\n"
DUPLICATE = "compile:\n  optimizer: {class_name: Adam, config: {lr: 1}}\n  loss: mse\n  loss: mae\n"


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr():
    done = run("check", "--isolated", "--fix", "-", input=LR_INT)
    assert done.stdout == LR_FIXED
    assert done.exit_code == 0
    assert "Fixed 2 problems in 1 file." in done.stderr


def test_fix_on_stdin_with_what_remains_exits_1_and_still_prints_the_text():
    text = LR_INT + "  metrics: [acuracy]\n"
    done = run("check", "--isolated", "--fix", "-", input=text)
    assert done.stdout == LR_FIXED + "  metrics: [acuracy]\n"
    assert done.exit_code == 1 and "CC203" in done.stderr and "CC603" not in done.stderr


def test_fix_on_stdin_with_nothing_to_fix_prints_the_text_unchanged():
    clean = "compile:\n  optimizer: adam\n  loss: mse\n"
    done = run("check", "--isolated", "--fix", "-", input=clean)
    assert (done.stdout, done.exit_code) == (clean, 0)


def test_diff_on_stdin_prints_the_diff_and_the_report_as_it_was():
    done = run("check", "--isolated", "--no-show-source", "--diff", "-", input=LR_INT)
    assert "-  optimizer: {class_name: Adam, config: {lr: 1}}   # keep\n" in done.stdout
    assert "+  optimizer: {class_name: Adam, config: {learning_rate: 1.0}}   # keep\n" in done.stdout
    assert "CC603 [*]" in done.stdout and "CC302 [*]" in done.stdout
    assert done.exit_code == 1
    assert "2 problems in 1 file can be fixed automatically" in done.stderr


def test_an_int_under_an_old_name_is_reported_fixed_and_counted():
    reported = run("check", "--isolated", "--no-show-source", "-", input=LR_INT)
    assert "CC603 [*]" in reported.stdout and "CC302 [*]" in reported.stdout
    assert "[*] 2 fixable with the `--fix` option." in reported.stdout


@pytest.mark.parametrize("lang, words", [
    ("en", "nothing fixed: CC110 at line 4 must be corrected by hand first"),
    ("zh", "没有进行任何修复：请先手动修正第 4 行的 CC110"),
])
def test_a_duplicate_key_that_blocks_every_fix_says_why(tmp_path, lang, words):
    spec = tmp_path / "dup.yaml"
    spec.write_text(DUPLICATE)
    done = run("check", "--isolated", "--lang", lang, "--fix", str(spec))
    assert words in done.stderr
    assert spec.read_text() == DUPLICATE and done.exit_code == 1
    assert "Fixed" not in done.stderr and "已修复" not in done.stderr
    # --ignore'd, it still blocks: and still says so
    ignored = run("check", "--isolated", "--lang", lang, "--ignore", "CC110", "--fix", str(spec))
    assert words in ignored.stderr and spec.read_text() == DUPLICATE


def test_a_duplicate_key_blocks_the_fixes_of_stdin_too():
    done = run("check", "--isolated", "--fix", "-", input=DUPLICATE)
    assert done.stdout == DUPLICATE
    assert "nothing fixed: CC110 at line 4" in done.stderr and done.exit_code == 1


@pytest.mark.parametrize("codec, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-8", b"")])
def test_fix_on_stdin_prints_the_text_in_its_own_encoding(codec, bom):
    done = run("check", "--isolated", "--fix", "-", input=bom + LR_INT.encode(codec))
    assert done.stdout_bytes == bom + LR_FIXED.encode(codec)
    assert done.exit_code == 0


def test_fix_on_stdin_prints_back_what_is_not_a_spec_or_not_fixable():
    workflow = b"name: ci\non: push\n"
    assert run("check", "--isolated", "--fix", "-", input=workflow).stdout_bytes == workflow
    code = b'import keras\nm = keras.Sequential()\nm.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="mse")\n'
    done = run("check", "--isolated", "--fix", "--stdin-filename", "train.py", "-", input=code)
    assert done.stdout_bytes == code and "CC603" in done.stderr and done.exit_code == 1


def test_an_input_too_large_to_check_is_not_printed_back(monkeypatch):
    from compilecli.load import limits
    monkeypatch.setattr(limits, "MAX_BYTES", 64)
    done = run("check", "--isolated", "--fix", "-", input=LR_INT * 10)
    assert done.stdout_bytes == b"" and done.exit_code == 2 and "CC102" in done.stderr


def test_fix_on_stdin_through_the_real_streams_keeps_the_bytes():
    """The console script's guarded stdout (world/streams.py) writes the bytes as they are."""
    import subprocess
    import sys
    from procenv import environment
    text = b"\xff\xfe" + LR_INT.encode("utf-16-le")
    done = subprocess.run([sys.executable, "-m", "compilecli", "check", "--isolated", "--fix", "-"], input=text,
                          capture_output=True, env=environment(), timeout=120)
    assert done.stdout == b"\xff\xfe" + LR_FIXED.encode("utf-16-le") and done.returncode == 0
