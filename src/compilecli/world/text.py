"""Escaping text on its way out: nothing the user controls can break a terminal or an encoder.

File names that are not UTF-8 arrive as lone surrogates (U+DC80-U+DCFF, Python's
``surrogateescape``); JSON may hold ``"\\ud800"``; a file name may hold an OSC escape that retitles
the terminal. ``printable`` makes all of them visible as backslash escapes for human formats;
``json_safe`` keeps JSON valid; ``escape`` is the codec error handler installed on the standard
streams and used for report files, so an encoder never raises.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

ERRORS = "compilecli-escape"


# Compiled on first use: the two cost ~1.5 ms of start-up (their Unicode classes) and most runs print
# only printable text.
@lru_cache(maxsize=None)
def _unprintable() -> "re.Pattern[str]":
    """C0 and C1 controls, DEL, lone surrogates, and the bidirectional overrides that reorder a line."""
    return re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@lru_cache(maxsize=None)
def _surrogate() -> "re.Pattern[str]":
    return re.compile("[\ud800-\udfff]")


def escape_char(ch: str) -> str:
    """One character as a backslash escape: an undecodable file-name byte as ``\\xff``."""
    point = ord(ch)
    if 0xDC80 <= point <= 0xDCFF:
        return f"\\x{point - 0xDC00:02x}"
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """Control characters, lone surrogates and bidi overrides as escapes; tabs (and newlines) kept."""
    if text.isprintable() or not isinstance(text, str):
        return text

    def one(match: "re.Match[str]") -> str:
        ch = match.group()
        return ch if keep_newlines and ch == "\n" else escape_char(ch)

    return _unprintable().sub(one, text)


def json_safe(text: str) -> str:
    """JSON text with lone surrogates written as ``\\udcff`` escapes: valid JSON, and Python reads
    the same string back (``os.fsencode`` then gives the file name's bytes)."""
    return _surrogate().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(problem: UnicodeError):
    if not isinstance(problem, UnicodeEncodeError):
        raise problem
    bad = problem.object[problem.start:problem.end]
    return "".join(escape_char(ch) if ord(ch) >= 0x80 else ch for ch in bad), problem.end


codecs.register_error(ERRORS, _escape)


def encode(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding, ERRORS)
