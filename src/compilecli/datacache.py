"""Parsed, validated data files kept beside them as ``marshal`` data, as Python keeps bytecode.

A facts file is ~220 KB of JSON: parsing and validating it cost more than checking a spec (a `.py`
file under `import keras` reads two), and the words are 16 files merged. ``marshal`` reads the
same values about twice as fast, and what was validated once is not validated again. So the first
run after a data file changes reads the JSON, validates it and writes
``__pycache__/<name>.<tag>.marshal`` next to it; later runs read that instead, as long as the
sources' sizes and modification times, the validating code's and the interpreter's are what the
cache was written for.

As with bytecode: nothing is written under ``PYTHONDONTWRITEBYTECODE`` (``sys.dont_write_bytecode``)
or where the folder is not writable, and a cache that cannot be read is ignored (and rewritten).
The cache holds only JSON values (dicts, lists, strings, numbers, booleans, None).
"""
from __future__ import annotations

import marshal
import os
import sys
from typing import Any, Callable, Optional, Sequence

FORMAT = b"compilecli-data-cache 1\n"


def load(path: str, parse: Callable[[str], Any], validate: Optional[Callable[[Any], None]] = None,
         sources: Sequence[str] = (), code: Sequence[str] = ()) -> Any:
    """``parse(path)`` (validated by ``validate``, which raises), or the same value from its cache.
    ``sources``: the files the value is made of when not just ``path``; ``code``: the source files
    of what parses and validates it (a change to them is a new cache)."""
    stamp = _stamp(tuple(sources or (path,)) + tuple(code))
    where = _cache_path(path)
    if stamp is not None and where is not None:
        found = _read(where, stamp)
        if found is not None:
            return found[0]
    data = parse(path)
    if validate is not None:
        validate(data)
    if stamp is not None and where is not None and not sys.dont_write_bytecode:
        _write(where, stamp, data)
    return data


def _stamp(paths: Sequence[str]) -> Optional[bytes]:
    try:
        parts = [(p, os.stat(p)) for p in paths]
    except OSError:
        return None
    fields = [f"{os.path.basename(p)}:{st.st_size}:{st.st_mtime_ns}" for p, st in parts]
    return FORMAT + f"{sys.version_info[:2]} {marshal.version} {' '.join(fields)}\n".encode()


def _cache_path(path: str) -> Optional[str]:
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    folder, name = os.path.split(path)
    return os.path.join(folder, "__pycache__", f"{name}.{tag}.marshal")


def _read(where: str, stamp: bytes) -> Optional[tuple]:
    try:
        with open(where, "rb") as handle:
            blob = handle.read()
        if not blob.startswith(stamp):
            return None
        return (marshal.loads(blob[len(stamp):]),)
    except (OSError, ValueError, EOFError, TypeError):   # absent, unreadable or cut short: parse again
        return None


def _write(where: str, stamp: bytes, data: Any) -> None:
    """Atomically (a run beside us reads the old cache or the new one, never half of one)."""
    temporary = f"{where}.{os.getpid()}.tmp"
    try:
        blob = stamp + marshal.dumps(data)
        os.makedirs(os.path.dirname(where), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, where)
    except (OSError, ValueError):     # read-only install, a full disk, or a value marshal cannot hold
        try:
            os.unlink(temporary)
        except OSError:
            pass
