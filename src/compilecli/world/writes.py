"""Writing files the user owns: only finished bytes, atomically, keeping owner, mode and inode.

``replace_atomically`` (reports) renders nothing itself: it gets the finished bytes, so a file is
only touched once its new content exists. ``rewrite`` (``--fix``) keeps the owner, mode and inode of
the file it changes. Both hold signals (``process.critical``) while a file is between old and new.
"""
from __future__ import annotations

import os
import stat
from typing import Optional, Tuple

from compilecli.world.process import critical


def _temp_beside(path: str) -> Tuple[int, str]:
    import tempfile   # only when writing: `check` without --fix/--output never needs it
    folder = os.path.dirname(os.path.abspath(path))
    return tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".compilecli-tmp", dir=folder)


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def replace_atomically(path: str, data: bytes) -> None:
    """Write a report: a temporary file beside it, then one rename, so readers (and 8 runs at
    once) only ever see a whole report. A device or FIFO (``-o /dev/stderr``) is written as a
    stream; a file in a folder we may not create files in is overwritten in place."""
    path = os.path.realpath(path)
    try:
        st: Optional[os.stat_result] = os.stat(path)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(path, "wb") as out:    # a stream: no atomicity to keep (and opening may wait)
            out.write(data)
        return
    with critical():   # from the temporary file's creation on: a signal must not leave it behind
        try:
            fd, temp = _temp_beside(path)
        except OSError:
            if st is None:
                raise
            with open(path, "r+b") as out:   # no folder access: in place, as a last resort
                out.write(data)
                out.truncate()
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(temp, stat.S_IMODE(st.st_mode) if st is not None else _umask_mode())
            os.replace(temp, path)
        except BaseException:
            _remove(temp)
            raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class ReadOnly(OSError):
    """The file has no write permission (for us, or for anyone): --fix does not override that."""


def read_only(st: os.stat_result, path: str) -> bool:
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK)


def rewrite(path: str, data: bytes, old: bytes) -> None:
    """Give an existing regular file new content, keeping what the user owns about it.

    The usual way is a temporary copy, then one atomic rename, with the owner, group and mode
    copied first. When that would change the file's identity (several hard links share the inode,
    or only root could give the copy the file's owner), the new bytes go into the file itself,
    after a temporary copy of them was written and read back; if that write fails, ``old`` is put
    back. A read-only file raises ``ReadOnly``.
    """
    st = os.stat(path)
    if read_only(st, path):
        raise ReadOnly(f"{path} is read-only")
    if st.st_nlink > 1:
        _rewrite_in_place(path, data, old)
        return
    with critical():   # from the temporary file's creation on: a signal must not leave it behind
        fd, temp = _temp_beside(path)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, stat.S_IMODE(st.st_mode))
            made = os.stat(temp)
            if (made.st_uid, made.st_gid) != (st.st_uid, st.st_gid):
                try:
                    os.chown(temp, st.st_uid, st.st_gid)
                except PermissionError:   # not ours to give away: keep the file, change its bytes
                    _remove(temp)
                    _rewrite_in_place(path, data, old)
                    return
            os.replace(temp, path)
        except BaseException:
            _remove(temp)
            raise


def _rewrite_in_place(path: str, data: bytes, old: bytes) -> None:
    with critical():   # the temporary copy is never left behind by a signal
        fd, temp = _temp_beside(path)
        try:
            with os.fdopen(fd, "w+b") as copy:   # the disk can hold it, and it reads back whole
                copy.write(data)
                copy.flush()
                os.fsync(copy.fileno())
                copy.seek(0)
                if copy.read() != data:
                    raise OSError(f"{temp}: the temporary copy did not read back")
            with open(path, "r+b") as out:
                try:
                    out.write(data)
                    out.truncate()
                    out.flush()
                    os.fsync(out.fileno())
                except OSError:
                    out.seek(0)
                    out.write(old)
                    out.truncate()
                    raise
        finally:
            _remove(temp)
