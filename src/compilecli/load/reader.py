"""Bytes in, text out: bounded reading from a path or stdin, and encoding detection.

Never reads more than ``limits.MAX_BYTES + 1`` bytes (a notebook, whose outputs may be large:
``limits.MAX_NOTEBOOK_BYTES + 1``), so a 40 MB file costs one stat and a
piped 40 MB one bounded read; FIFOs and devices are refused without reading. Never raises for bad input: problems come
back as CC100/CC101/CC102 diagnostics.
"""
from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from typing import BinaryIO, List, Optional, Tuple

from compilecli.diagnostics import ERROR, Diagnostic, Span, diagnostic
from compilecli.load import limits

STDIN_NAME = "<stdin>"

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)

# C0 control bytes that never appear in a text file (tab, LF, VT, FF, CR and ESC may).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_TABLE = bytes.maketrans(b"", b"")


def _unreadable(reason: str, **extra) -> Diagnostic:
    return diagnostic("CC100", ERROR, key=f"codes.CC100.{reason}", reason=reason, **extra)


def _oserror(exc: OSError) -> Diagnostic:
    if isinstance(exc, FileNotFoundError):
        return _unreadable("not_found")
    if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        return _unreadable("is_directory")
    if isinstance(exc, PermissionError):
        return _unreadable("permission_denied")
    return _unreadable("os_error", detail=exc.strerror or type(exc).__name__)


def _too_large(size: int, stream: bool, limit: Optional[int] = None, key: str = "") -> Diagnostic:
    if stream:
        return diagnostic("CC102", ERROR, key="codes.CC102.stream", limit=limits.MAX_BYTES,
                          size=size)
    return diagnostic("CC102", ERROR, key=key, limit=limit or limits.MAX_BYTES, size=size)


def read_stream(stream: BinaryIO) -> Tuple[Optional[bytes], List[Diagnostic]]:
    """Read a binary stream (stdin) up to the size limit."""
    limit = limits.MAX_BYTES
    try:
        raw = stream.read(limit + 1)
    except OSError as exc:
        return None, [_oserror(exc)]
    if raw is None:              # non-blocking stream with nothing to read
        raw = b""
    if len(raw) > limit:
        return None, [_too_large(len(raw), stream=True)]
    return raw, []


def read_path(path: str, limit: Optional[int] = None, key: str = "") -> Tuple[Optional[bytes], List[Diagnostic]]:
    """Read a file (``"-"`` means stdin) up to the size limit (``limits.MAX_BYTES`` unless another is
    given, with its own CC102 text ``key``). Only regular files are read: a FIFO or a device is
    refused at once (opening one could wait forever, reading one never end)."""
    from compilecli.world.files import NotRegular, TooLarge, read_bounded

    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:
            return None, [_unreadable("os_error", detail="stdin is not available")]
        return read_stream(stdin)
    try:
        if os.path.isdir(path):   # a folder the walk could not enter comes here too
            return None, [_folder_problem(path)]
        return read_bounded(path, limit or limits.MAX_BYTES), []
    except NotRegular as refused:
        return None, [_unreadable("is_directory" if refused.kind == "directory" else refused.kind)]
    except TooLarge as big:
        return None, [_too_large(big.size, big.stream, limit, key)]
    except OSError as exc:
        return None, [_oserror(exc)]
    except ValueError:           # e.g. embedded NUL in the path
        return None, [_unreadable("not_found")]


def _folder_problem(path: str) -> Diagnostic:
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return _oserror(exc)
    return _unreadable("is_directory")


def _sniff_bomless_utf16_32(raw: bytes) -> Optional[Tuple[str, str]]:
    """RFC 4627-style guess for UTF-16/32 without BOM (first character is ASCII)."""
    if len(raw) < 4:
        return None
    b0, b1, b2, b3 = raw[0], raw[1], raw[2], raw[3]
    if b0 == 0 and b1 == 0 and b2 == 0 and b3:
        return "utf-32-be", "UTF-32BE"
    if b0 and b1 == 0 and b2 == 0 and b3 == 0:
        return "utf-32-le", "UTF-32LE"
    if b0 == 0 and b1 and b2 == 0 and b3:
        return "utf-16-be", "UTF-16BE"
    if b0 and b1 == 0 and b2 and b3 == 0:
        return "utf-16-le", "UTF-16LE"
    return None


def _looks_binary(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    head = raw[:8192]
    if not head:
        return False
    controls = len(head) - len(head.translate(_CONTROL_TABLE, _CONTROL))
    return controls * 100 > len(head)       # more than 1 % control bytes


def _guess_encoding(raw: bytes) -> str:
    try:
        text = raw.decode("gbk")
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return "GBK"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "Windows-1252"
    except UnicodeDecodeError:
        return "ISO-8859-1"


def _position(raw: bytes, offset: int) -> Tuple[int, int]:
    """1-based line/column (in characters, best effort) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def decode(raw: bytes) -> Tuple[Optional[str], List[Diagnostic], str]:
    """Decode bytes to text. Returns (text or None, diagnostics, encoding name)."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                line, column = _position(raw, exc.start)
                return None, [diagnostic(
                    "CC101", ERROR, span=Span(line, column), key="codes.CC101.encoding",
                    encoding=name, byte=f"0x{raw[len(bom) + exc.start]:02X}"
                    if len(bom) + exc.start < len(raw) else "EOF",
                    guess=name)], name
            if "\x00" in text:
                return None, [diagnostic("CC101", ERROR, key="codes.CC101.binary")], name
            return text, [], name
    sniffed = _sniff_bomless_utf16_32(raw)
    if sniffed is not None:
        codec, name = sniffed
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            text = None
        if text is not None and "\x00" not in text:
            return text, [], name
    if b"\x00" in raw:
        return None, [diagnostic("CC101", ERROR, key="codes.CC101.binary")], "binary"
    try:
        return raw.decode("utf-8"), [], "UTF-8"
    except UnicodeDecodeError as exc:
        if _looks_binary(raw):
            return None, [diagnostic("CC101", ERROR, key="codes.CC101.binary")], "binary"
        line, column = _position(raw, exc.start)
        return None, [diagnostic(
            "CC101", ERROR, span=Span(line, column), key="codes.CC101.encoding",
            encoding="UTF-8", byte=f"0x{raw[exc.start]:02X}",
            guess=_guess_encoding(raw))], "unknown"
