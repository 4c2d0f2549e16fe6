"""issue 13: in Chinese mode no word of Click's stays English — the help of every command (headings,
`[OPTIONS]`, argument and type placeholders, `[default: …]`) and the usual errors — and the help fits
80 columns measured in display width (a Chinese character takes two)."""
import re
import subprocess
import sys

import pytest

from compilecli.render.width import display_width
from procenv import environment  # noqa: E402 - one environment for every subprocess

# Click's own English, as whole words (FILE.png in our own help is a file name, not Click's word)
CLICK_WORDS = re.compile(r"\b(Usage|Options|Commands|Arguments|OPTIONS|COMMAND|ARGS|SPECS?|TOPIC|TEXT|INTEGER|FLOAT|"
                         r"BOOLEAN|PATH|FILE|FILENAME|DIRECTORY|RANGE|default|required|Error|Try|Missing|Invalid|"
                         r"No such|Got unexpected|Did you mean|is not|does not|env var|for help|integer|range|"
                         r"one of|requires)\b(?!\.[a-z])")
COMMANDS = [(), ("check",), ("explain",), ("smoke",), ("schema",), ("server",)]
ERRORS = [("check", "--bogus"), ("check", "--format", "bogus"), ("check", "--max-per-code", "x"),
          ("smoke", "--steps", "-3", "x.yaml"), ("explain",), ("check", "--target"), ("explain", "a", "b"),
          ("check", "--isolated=yes"), ("bogus",), ("check", "--jobs", "0"), ("check", "--color", "maybe"),
          ("smoke",), ("schema", "--indent", "-1")]


def run(*args):
    env = environment({"COMPILECLI_LANG": "zh", "COLUMNS": "80"})
    return subprocess.run([sys.executable, "-m", "compilecli", *args], capture_output=True, text=True, env=env)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "main")
def test_help_has_no_english_click_word_and_fits_80_columns(command):
    out = run(*command, "--help")
    assert out.returncode == 0, out.stderr
    assert not CLICK_WORDS.findall(out.stdout), CLICK_WORDS.findall(out.stdout)
    assert out.stdout.startswith("用法：") and "\n选项：\n" in out.stdout
    assert not re.search(r"^\S.*[^：]:$", out.stdout, re.M), "a heading ends with an ASCII colon"
    for line in out.stdout.splitlines():
        assert display_width(line) <= 80, line


@pytest.mark.parametrize("args", ERRORS, ids=lambda a: " ".join(a))
def test_errors_have_no_english_click_word(args):
    out = run(*args)
    assert out.returncode == 2 and out.stderr.strip(), out
    assert not CLICK_WORDS.findall(out.stderr), (CLICK_WORDS.findall(out.stderr), out.stderr)
    error = next(line for line in out.stderr.splitlines() if line.startswith("错误："))
    assert error.endswith(("。", "？")) and "。 " not in error, error


def test_english_is_clicks_own():
    env = environment({"COMPILECLI_LANG": "en", "COLUMNS": "80"})
    out = subprocess.run([sys.executable, "-m", "compilecli", "explain"], capture_output=True, text=True, env=env)
    assert "Usage: compilecli explain [OPTIONS] TOPIC" in out.stderr and "Missing argument 'TOPIC'." in out.stderr
