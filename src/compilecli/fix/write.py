"""Rewriting a fixed file in place: its own encoding and BOM, only if unchanged since read.

The mechanics of changing a user's file (atomic rename, owner, mode and hard links kept, signals
held) are ``compilecli.world.writes.rewrite``; here is what a fix adds: the file must still hold
the text that was checked, must not be read-only, and must stay within the size ``check`` reads
(a fix that pushed a file past it would make the next run refuse the file).
"""
from __future__ import annotations

import codecs
import os

_CODECS = {"UTF-8": "utf-8", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be",
           "UTF-32LE": "utf-32-le", "UTF-32BE": "utf-32-be"}
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class Written:
    """True when the file was rewritten; else ``problem`` is the i18n key saying why not."""

    def __init__(self, problem: str = ""):
        self.problem = problem

    def __bool__(self) -> bool:
        return not self.problem


def encode_like(raw: bytes, old_text: str, new_text: str):
    """new_text in the encoding (and with the byte-order mark) of raw, which must still hold old_text;
    None when it does not, or is not text we read."""
    from compilecli.load.reader import decode
    text, _problems, encoding = decode(raw)
    codec = _CODECS.get(encoding)
    if text is None or codec is None:
        return None
    prefix = text[:len(text) - len(old_text)]
    if not text.endswith(old_text) or prefix not in ("", "\ufeff"):
        return None
    bom = next((mark for mark in _BOMS if raw.startswith(mark)), b"")
    return bom + (prefix + new_text).encode(codec)


def write_file(path: str, old_text: str, new_text: str) -> Written:
    """Rewrite path in its own encoding (BOM kept), only if it still holds old_text."""
    from compilecli.load import limits
    from compilecli.world import files, writes

    path = os.path.realpath(path)   # through a symlink: fix the file, keep the link
    try:
        with files.open_regular(path) as handle:
            raw = handle.read(2 * limits.MAX_BYTES + 1)
    except OSError:
        return Written("fix.not_written")
    data = encode_like(raw, old_text, new_text)
    if data is None:
        return Written("fix.not_written")                 # changed since it was checked
    if len(data) > limits.MAX_BYTES:
        return Written("fix.too_large")
    try:
        writes.rewrite(path, data, raw)
    except writes.ReadOnly:
        return Written("fix.read_only")
    except OSError:
        return Written("fix.not_written")
    return Written()
