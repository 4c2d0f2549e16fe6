"""Run the real `compilecli` (``python -m compilecli``: the console script's entry point) in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Optional

CLEAN = "compile:\n  optimizer: adam\n  loss: mse\n"
BROKEN = "compile:\n  optimizer: adamm\n  loss: mse\n"          # CC201 at 2:14
FIXABLE = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.01}}\n  loss: mse\n"   # CC603: lr
FIXED = "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 0.01}}\n  loss: mse\n"
SMOKEABLE = ("model:\n  inputs: [4]\n  outputs:\n    - {name: out, units: 3, activation: softmax, labels: sparse}\n"
             "compile:\n  optimizer: adam\n  loss: sparse_categorical_crossentropy\n")
TIMEOUT = 120     # a hang fails the test instead of the whole run; no assertion is about time


def environment(extra: Optional[dict] = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPILECLI_", "PYTHONIO"))}
    env.pop("NO_COLOR", None)
    env.update(extra or {})
    return env


def cli(*args, cwd=None, env=None, stdin=subprocess.DEVNULL, shell_redirect: str = "", **kwargs):
    """compilecli ARGS; ``shell_redirect`` (e.g. ``">&-"``) runs it through sh with that redirection."""
    command = [sys.executable, "-m", "compilecli", *[str(a) for a in args]]
    if shell_redirect:
        import shlex
        command = ["sh", "-c", " ".join(shlex.quote(c) for c in command) + " " + shell_redirect]
    return subprocess.run(command, cwd=cwd, env=environment(env), stdin=stdin, capture_output=True,
                          timeout=TIMEOUT, **kwargs)


def python(code: str, *args, cwd=None, env=None):
    """A Python snippet in a fresh interpreter (to set a trap before compilecli runs)."""
    return subprocess.run([sys.executable, "-c", code, *[str(a) for a in args]], cwd=cwd, env=environment(env),
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)


def no_traceback(done) -> None:
    for stream in (done.stdout, done.stderr):
        assert b"Traceback" not in stream, stream.decode("utf-8", "replace")
