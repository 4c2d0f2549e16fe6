"""Terminal columns of text: CJK (East Asian wide/full-width) characters take two, combining marks none.
Shared by the code frames of `check` and the plain layout of `explain`."""
from __future__ import annotations

import unicodedata


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    if text.isascii():           # every ASCII character takes one column (most source lines)
        return len(text)
    return sum(char_width(c) for c in text)


def cut(text: str, width: int, ellipsis: str = "…") -> str:
    """text in at most width columns; a cut shows the ellipsis."""
    if display_width(text) <= width:
        return text
    out, used = [], display_width(ellipsis)
    for char in text:
        if used + char_width(char) > width:
            break
        out.append(char)
        used += char_width(char)
    return "".join(out) + ellipsis


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))
