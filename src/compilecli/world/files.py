"""Reading files as the world has them: FIFOs, devices, sockets, files that grow, files too large.

``open_regular`` opens without blocking (a FIFO with no writer would hang ``open``) and refuses
anything but a regular file; ``read_bounded`` never reads more than the limit plus one byte.
Writing is ``world.writes``.
"""
from __future__ import annotations

import os
import stat

KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
         (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "directory"))


class NotRegular(OSError):
    """The path names a FIFO, a device, a socket or a directory: not something to read as a file."""

    def __init__(self, kind: str):
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


class TooLarge(Exception):
    def __init__(self, size: int, stream: bool):
        super().__init__(size)
        self.size = size
        self.stream = stream


def kind_of(mode: int) -> str:
    for test, kind in KINDS:
        if test(mode):
            return kind
    return "regular" if stat.S_ISREG(mode) else "special"


def open_regular(path: str):
    """A binary file object for a regular file; ``NotRegular`` for anything else. Never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(kind_of(mode))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``TooLarge`` (without reading it
    when its size says so) otherwise. OSError and ``NotRegular`` pass through."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise TooLarge(size, stream=False)
        # ask for the size it has (plus one byte, to see it grow): read(limit + 1) would allocate
        # limit + 1 bytes for every file, which cost more than parsing a small spec (issue 14)
        raw = handle.read(size + 1)
        if len(raw) > size:   # it grew (or, as /proc files do, it said 0): read on, to the limit
            raw += handle.read(limit + 1 - len(raw))
    if len(raw) > limit:      # it grew while we read
        raise TooLarge(len(raw), stream=False)
    return raw


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (through links, hard links and relative spellings)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
