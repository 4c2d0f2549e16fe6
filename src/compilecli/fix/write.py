"""Rewriting a fixed file in place: its own encoding and BOM, atomically, only if unchanged since read."""
from __future__ import annotations

import os
import tempfile

_CODECS = {"UTF-8": "utf-8", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be",
           "UTF-32LE": "utf-32-le", "UTF-32BE": "utf-32-be"}


def write_file(path: str, old_text: str, new_text: str) -> bool:
    """Rewrite path in its own encoding (BOM kept), only if it still holds old_text."""
    import codecs
    from compilecli.load.reader import decode
    path = os.path.realpath(path)   # through a symlink: fix the file, keep the link
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return False
    text, _problems, encoding = decode(raw)
    codec = _CODECS.get(encoding)
    if text is None or codec is None:
        return False
    prefix = text[:len(text) - len(old_text)]
    if not text.endswith(old_text) or prefix not in ("", "\ufeff"):
        return False                 # changed since it was checked
    bom = b""
    for mark in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8,
                 codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if raw.startswith(mark):
            bom = mark
            break
    data = bom + (prefix + new_text).encode(codec)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temp = tempfile.mkstemp(prefix=".compilecli-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            try:
                import shutil
                shutil.copymode(path, temp)
            except OSError:
                pass
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
    except OSError:
        return False
    return True
