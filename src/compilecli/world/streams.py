"""Standard output and error as the world gives them: closed, full, a pipe the reader left, or ASCII.

``guard_stdio`` wraps both streams once, at start: a write that fails raises ``OutputFailed``
(naming the stream) instead of an OSError somewhere in Click or rich, and text the stream's
encoding cannot hold is escaped (``text.ERRORS``). A closed descriptor is held open on the null
device, so no file opened later takes its number, and writing to it fails as writing to a closed
stream must.
"""
from __future__ import annotations

import errno
import os
import sys

from compilecli.world.text import ERRORS


class OutputFailed(Exception):
    """Writing to standard output or error failed; the output is lost."""

    def __init__(self, stream: str, problem: OSError):
        super().__init__(stream, problem)
        self.stream = stream
        self.problem = problem

    @property
    def reason(self) -> str:
        return self.problem.strerror or str(self.problem)

    @property
    def broken_pipe(self) -> bool:
        return self.problem.errno == errno.EPIPE


class GuardedStream:
    """A text stream whose failures are ``OutputFailed``. It has no ``buffer``: every write goes
    through ``write``, so Click cannot reach around it to the bytes underneath.

    On POSIX the text is encoded here and written to the descriptor until every byte is out: a
    buffered writer can report a write as done when a pipe's reader left in the middle of it."""

    def __init__(self, stream, name: str):
        self._stream = stream
        self.name = name
        self._fd = None
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, OSError):
                pass
        if stream is not None and os.name == "posix":
            try:
                stream.flush()
                self._fd = stream.fileno()
            except (OSError, ValueError, AttributeError):
                self._fd = None

    def write(self, text) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")
        if self._stream is None:
            if not text:
                return 0
            self._fail(OSError(errno.EBADF, os.strerror(errno.EBADF)))
        try:
            if self._fd is None:
                return self._stream.write(text)
            self._send(text.encode(self.encoding, ERRORS))
            return len(text)
        except OSError as problem:
            self._fail(problem)

    def write_bytes(self, data: bytes) -> None:
        """Bytes as they are (`check --fix -` prints the input back in its own encoding)."""
        if self._stream is None:
            if data:
                self._fail(OSError(errno.EBADF, os.strerror(errno.EBADF)))
            return
        try:
            if self._fd is None:
                self._stream.flush()
                self._stream.buffer.write(data)
                self._stream.buffer.flush()
            else:
                self._send(data)
        except (OSError, AttributeError) as problem:
            self._fail(problem if isinstance(problem, OSError) else OSError(errno.EBADF, str(problem)))

    def _send(self, data: bytes) -> None:
        """Every byte out to the descriptor (os.write may take only part of it)."""
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self._fd, view):]
            except BlockingIOError:    # a non-blocking pipe (some CI runners): wait until it drains
                import select
                select.select([], [self._fd], [])

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except OSError as problem:
            self._fail(problem)

    def _fail(self, problem: OSError):
        raise OutputFailed(self.name, problem) from None

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def closed(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return ERRORS

    def silence(self) -> None:
        """After a failure: whatever is still buffered goes to the null device, so the interpreter's
        last flush cannot fail again (and print its own traceback)."""
        if self._stream is None:
            return
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass


def _hold_closed_descriptors() -> None:
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            except OSError:
                pass


def guard_stdio() -> None:
    """Wrap sys.stdout and sys.stderr (once); closed descriptors are held on the null device."""
    _hold_closed_descriptors()
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, GuardedStream):
            setattr(sys, name, GuardedStream(stream, name))


def flush_stdio() -> None:
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None:
            stream.flush()


def say_on_stderr(line: str) -> None:
    """A last message; if standard error is gone too, the exit code alone must tell."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OutputFailed, OSError, ValueError):
        silence("stderr")


def silence(name: str) -> None:
    stream = getattr(sys, name)
    if isinstance(stream, GuardedStream):
        stream.silence()
