"""Shared by the workflow tests: run `compilecli` in-process with stdout and stderr apart."""
from __future__ import annotations

from click.testing import CliRunner

from compilecli.cli import main

CLEAN = "compile:\n  optimizer: adam\n  loss: mse\n"
# line 2: CC201 (error); line 4: CC112 (warning, `no` is a YAML 1.1 boolean)
BROKEN = "compile:\n  optimizer: adamm\n  loss: mse\n  run_eagerly: no\n"
SPARSE_CCE = (
    "model:\n"
    "  outputs:\n"
    "    - {name: out, units: 10, activation: softmax, labels: sparse}\n"
    "compile:\n"
    "  optimizer: adam\n"
    "  loss: categorical_crossentropy\n"      # line 6: CC501
)


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)   # click < 8.2
    except TypeError:
        return CliRunner()                   # click >= 8.2 keeps stderr apart by default


def run(*args, input=None, env=None):
    return runner().invoke(main, [str(a) for a in args], input=input, env=env)


def codes(result_output: str):
    """CODE of every `path:line:col: CODE severity ...` line of the text format."""
    out = []
    for line in result_output.splitlines():
        parts = line.split(": ", 1)
        if len(parts) == 2 and parts[1][:2] == "CC":
            out.append(parts[1].split()[0])
    return sorted(out)
