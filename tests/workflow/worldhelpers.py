"""Run the real `compilecli` (``python -m compilecli``: the console script's entry point) in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Optional
from procenv import environment  # noqa: E402 - one environment for every subprocess

CLEAN = "compile:\n  optimizer: adam\n  loss: mse\n"
BROKEN = "compile:\n  optimizer: adamm\n  loss: mse\n"          # CC201 at 2:14
FIXABLE = "compile:\n  optimizer: {class_name: Adam, config: {lr: 0.01}}\n  loss: mse\n"   # CC603: lr
FIXED = "compile:\n  optimizer: {class_name: Adam, config: {learning_rate: 0.01}}\n  loss: mse\n"
SMOKEABLE = ("model:\n  inputs: [4]\n  outputs:\n    - {name: out, units: 3, activation: softmax, labels: sparse}\n"
             "compile:\n  optimizer: adam\n  loss: sparse_categorical_crossentropy\n")
TIMEOUT = 120     # a hang fails the test instead of the whole run; no assertion is about time


from procenv import environment  # noqa: E402,F401 - the one environment of every subprocess (tests/procenv.py)


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


def unprivileged(work) -> tuple:
    """(command prefix, None) that runs a command as someone file permissions apply to, or (None, why not).

    Not root: nothing to do. Root: a real other user (``compilecli-test``, created with useradd) when
    the interpreter and ``work`` are reachable by others; else root without the capabilities that
    bypass file permissions and ownership (setpriv's bounding set), which the kernel then treats as
    any other user for reading, writing and chown."""
    import shutil
    if os.name != "posix":
        return None, "needs POSIX permissions"
    if os.geteuid() != 0:
        return [], None
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None, "running as root without setpriv: cannot drop the right to bypass permissions"
    if _reachable(os.path.realpath(sys.executable)) and _reachable(str(work)) and shutil.which("useradd"):
        user = _test_user()
        if user is not None:
            return [setpriv, f"--reuid={user[0]}", f"--regid={user[1]}", "--clear-groups"], None
    caps = "-dac_override,-dac_read_search,-fowner,-chown,-fsetid"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}"], None


def _reachable(path: str) -> bool:
    """Whether others may reach path (x on every folder above it)."""
    import stat
    probe = os.path.dirname(path)
    while True:
        if not os.stat(probe).st_mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(probe)
        if parent == probe:
            return True
        probe = parent


def _test_user():
    import pwd
    try:
        entry = pwd.getpwnam("compilecli-test")
    except KeyError:
        made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                               "compilecli-test"], capture_output=True, env=environment())
        if made.returncode != 0:
            return None
        entry = pwd.getpwnam("compilecli-test")
    return entry.pw_uid, entry.pw_gid


def cli_as(prefix, *args, cwd=None, env=None):
    command = [*prefix, sys.executable, "-m", "compilecli", *[str(a) for a in args]]
    return subprocess.run(command, cwd=cwd, env=environment(env), stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=TIMEOUT)
