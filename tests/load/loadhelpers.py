"""Helpers for the stage-1 (load) tests (a plain module, not a conftest: the name is unique)."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from compilecli.codes import CODES


def codes(spec):
    return [d.code for d in spec.diagnostics]


def only(spec, code):
    found = [d for d in spec.diagnostics if d.code == code]
    assert len(found) == 1, (code, spec.diagnostics)
    return found[0]


def assert_well_formed(spec):
    """Every diagnostic is a registered CC1xx code with a severity; data None on errors."""
    for diag in spec.diagnostics:
        assert diag.code in CODES and diag.code.startswith("CC1"), diag
        assert diag.severity == CODES[diag.code].severity, diag
        if diag.span is not None:
            assert diag.span.line >= 1 and diag.span.column >= 1, diag


@contextmanager
def time_limit(seconds: float):
    """Fail (instead of hanging) when the body runs longer than ``seconds``."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise TimeoutError(f"took longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def at(span):
    """(line, column) of a span, or None."""
    return None if span is None else (span.line, span.column)
