"""The code frame under a diagnostic: the offending line with a caret under the text, as ruff prints it.

      |
    3 |   optimizer: {class_name: Adam, config: {lr: 0.01}}
      |                                          ^^
Columns count display width (a CJK character takes two), control characters show as `?`, and a long
line is shown as a window around the caret.
"""
from __future__ import annotations

from typing import List, Optional

from compilecli.render.width import char_width, display_width

WINDOW = 100         # columns of a source line shown at most
BEFORE = 40          # ... of which before the caret, when the line is cut


def _clean(line: str) -> str:
    if line.isascii() and line.isprintable():     # nothing to replace (most lines): no walk per character
        return line
    return "".join(" " if c == "\t" else ("?" if ord(c) < 32 or 0x7f <= ord(c) < 0xa0 else c) for c in line)


_SPLIT: list = [None, []]    # the last text split into lines: a file's findings (a cell's calls) share it


def _lines(text: str) -> List[str]:
    if _SPLIT[0] is not text:      # one split per text, not one per finding (20,000 calls in a cell)
        _SPLIT[0], _SPLIT[1] = text, text.splitlines()
    return _SPLIT[1]


def frame(text: Optional[str], span, indent: str = "  ") -> List[str]:
    if not text or span is None or span.line < 1:
        return []
    lines = _lines(text)
    if span.line > len(lines):
        return []
    line = _clean(lines[span.line - 1])
    start = max(0, min(len(line), span.column - 1))
    stop = span.end_column - 1 if span.end_line == span.line and span.end_column > span.column else len(line)
    stop = max(start + 1, min(stop, len(line)))
    shown, start, stop = _window(line, start, stop)
    number = str(span.line)
    gutter = " " * len(number)
    caret = " " * display_width(shown[:start]) + "^" * max(1, display_width(shown[start:stop]))
    return [f"{indent}{gutter} |", f"{indent}{number} | {shown}".rstrip(), f"{indent}{gutter} | {caret}"]


def _window(line: str, start: int, stop: int):
    """A part of a long line around [start, stop), with ellipses where it was cut."""
    if display_width(line) <= WINDOW:
        return line, start, stop
    first = max(0, start - BEFORE)
    used, last = 0, first
    while last < len(line) and used + char_width(line[last]) <= WINDOW:
        used += char_width(line[last])
        last += 1
    head = "…" if first > 0 else ""
    tail = "…" if last < len(line) else ""
    shift = len(head) - first
    return head + line[first:last] + tail, start + shift, min(stop, last) + shift
