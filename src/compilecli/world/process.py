"""The entry point: run the Click group, and turn whatever the world did into a message and an exit code.

Exit codes: 0 clean, 1 problems found, 2 usage error / unreadable input / failed output,
128 + N for signal N (130 for Ctrl-C, 143 for SIGTERM). Signal handlers are installed before the
CLI is imported, so Ctrl-C during a slow import is a clean 130 too. Writes that must not be cut
in half (``--fix``, ``--output``) run inside ``critical()``, which holds signals until they end.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator, Optional, Sequence

from compilecli.world import streams

try:   # the C module: `signal` wraps it in enums, built at import (~1 ms of start-up)
    import _signal as signal
except ImportError:   # pragma: no cover - an interpreter without it
    import signal

DEBUG_ENV = "COMPILECLI_DEBUG"     # set to 1 to see the traceback of an internal error
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))


class Interrupted(BaseException):
    """A signal asked us to stop. Not a KeyboardInterrupt, so Click does not turn it into "Aborted!"."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _on_signal(signum, _frame):
    raise Interrupted(signum)


def install_signals() -> None:
    for signum in _SIGNALS:
        try:
            signal.signal(signum, _on_signal)
        except (OSError, ValueError):   # not the main thread, or not allowed here
            pass


@contextmanager
def critical() -> Iterator[None]:
    """Signals wait until the block is done: a file is either the old one or the new one."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or not _SIGNALS:
        yield
        return
    old = mask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)   # a signal that came meanwhile is delivered now


def main(argv: Optional[Sequence[str]] = None) -> int:
    streams.guard_stdio()
    install_signals()
    code, last_word = 2, None
    try:
        try:
            code = _run(argv)
        finally:
            streams.flush_stdio()
    except Interrupted as stop:
        code, last_word = stop.exit_code, ("world.interrupted", {})
    except KeyboardInterrupt:
        code, last_word = 130, ("world.interrupted", {})
    except streams.OutputFailed as failed:
        streams.silence(failed.stream)
        if failed.stream == "stdout":
            key = "world.broken_pipe" if failed.broken_pipe else "world.cannot_write_stdout"
            last_word = (key, {"reason": failed.reason})
    except Exception as bug:   # never a traceback: say what happened and how to see more
        if os.environ.get(DEBUG_ENV):
            import traceback
            traceback.print_exc()
        last_word = ("world.internal_error", {"error": f"{type(bug).__name__}: {bug}", "env": DEBUG_ENV})
    _ignore_signals()   # a second Ctrl-C while we say the last word changes nothing
    if last_word is not None:
        from compilecli.world.words import say
        streams.say_on_stderr(say(last_word[0], **last_word[1]))
    return code


def _ignore_signals() -> None:
    for signum in _SIGNALS:
        try:
            signal.signal(signum, signal.SIG_IGN)
        except (OSError, ValueError):
            pass


def _run(argv) -> int:
    from compilecli.cli import main as cli
    import click

    try:
        returned = cli.main(args=argv, prog_name="compilecli", standalone_mode=False)
    except SystemExit as done:
        return _exit_code(done.code)
    except click.exceptions.Abort as abort:
        if isinstance(abort.__cause__, KeyboardInterrupt) or isinstance(abort.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        return 2
    except click.ClickException as problem:
        problem.show()
        return 2     # usage errors; 1 is kept for "problems found"
    return _exit_code(returned)


def _exit_code(value) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    streams.say_on_stderr(str(value))
    return 2
