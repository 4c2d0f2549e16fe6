"""The one environment every test that starts a process gives it (`env=environment(...)`).

The parent's environment without what changes compilecli's behaviour or output (its own settings,
Python's stream encoding, colour and terminal width), plus what the test sets. A test that wants a
setting says so in ``extra``; nothing leaks in from the shell that runs the suite.
tests/test_subprocess_environment.py holds every subprocess call in tests/ to it.
"""
from __future__ import annotations

import os
from typing import Optional

DROPPED_PREFIXES = ("COMPILECLI_", "PYTHONIO")
DROPPED = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


def environment(extra: Optional[dict] = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(DROPPED_PREFIXES) and k not in DROPPED}
    env.update(extra or {})
    return env
