"""A progress line on standard error, only when it is a terminal and only for runs that take a while.

Nothing is shown during the first half second (most runs are over by then); after that the line is
redrawn at most ten times a second and erased when the work is done, so it never lands in a log.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, Optional

DELAY = 0.5
EVERY = 0.1


class Progress:
    def __init__(self, words: Callable[..., str], stream=None):
        self.words = words
        self.stream = stream
        self.start = time.monotonic()
        self.next = self.start + DELAY
        self.shown = False

    @classmethod
    def on_stderr(cls, words: Callable[..., str]) -> "Progress":
        stream = sys.stderr
        try:
            live = stream is not None and stream.isatty()
        except (OSError, ValueError):
            live = False
        return cls(words, stream if live else None)

    def update(self, **counts) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if now < self.next:
            return
        self.next = now + EVERY
        self._write("\r" + self.words(**counts) + "\x1b[K")
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self._write("\r\x1b[K")
            self.shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except Exception:          # a progress line is not worth failing the run for
            self.stream = None


def quiet() -> Progress:
    return Progress(lambda **_: "", None)


def maybe(active: Optional[bool], words: Callable[..., str]) -> Progress:
    return Progress.on_stderr(words) if active is not False else quiet()
