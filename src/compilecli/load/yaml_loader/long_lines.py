"""The line-length limit, checked before parsing: a huge line is refused, never scanned by PyYAML."""
from __future__ import annotations

from typing import Optional

from compilecli.diagnostics import ERROR, Diagnostic, Span, diagnostic
from compilecli.load import limits


def check_lines(text: str) -> Optional[Diagnostic]:
    """CC104 for the first line longer than MAX_LINE_LENGTH characters."""
    limit = limits.MAX_LINE_LENGTH
    if len(text) <= limit:
        return None
    # A line of more than `limit` characters holds a whole aligned block of (limit + 1) // 2 without a line
    # break: when every block has one, no line is too long (one C-level find per block, not one per line).
    block = max(1, (limit + 1) // 2)
    if all(text.find("\n", start, start + block) >= 0 for start in range(0, len(text) - block + 1, block)):
        return None
    start = 0
    number = 1
    size = len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        if end - start > limit:
            return diagnostic("CC104", ERROR, span=Span(number, 1), key="codes.CC104.line_length",
                              limit=limit, length=end - start)
        start = end + 1
        number += 1
    return None
