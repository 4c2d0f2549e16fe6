"""Positions: the loader's (line, column) spans and character offsets <-> LSP positions.

The loaders count lines their own way (YAML also breaks at NEL, U+2028 and U+2029; JSON only
at "\\n"; Python at "\\r\\n", "\\r" and "\\n") and columns in characters. LSP counts lines at
"\\r\\n", "\\r" and "\\n" and columns in UTF-16 code units. Every conversion goes through a
character offset into the text, so the two ways of counting never have to agree.
"""
from __future__ import annotations

import bisect
import re
from typing import List, Optional, Tuple

from compilecli.diagnostics import Span

LSP_BREAK = re.compile("\r\n|\r|\n")
JSON_BREAK = re.compile("\n")
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
BREAKS = {"yaml": YAML_BREAK, "json": JSON_BREAK, "python": LSP_BREAK, "notebook": LSP_BREAK}


class LineIndex:
    """Line starts of a text under one way of breaking lines."""

    def __init__(self, text: str, breaks: "re.Pattern[str]" = LSP_BREAK, encoding: str = "utf-16"):
        self.text = text
        self.width = UNIT_WIDTH.get(encoding, UNIT_WIDTH["utf-16"])
        self.starts: List[int] = [0]
        self.ends: List[int] = []
        for match in breaks.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def line_text(self, line0: int) -> str:
        if not 0 <= line0 < len(self.starts):
            return ""
        return self.text[self.starts[line0]:self.ends[line0]]

    # loader spans: 1-based lines and character columns
    def offset_of(self, line: int, column: int) -> Optional[int]:
        if not 1 <= line <= len(self.starts):
            return len(self.text) if line == len(self.starts) + 1 else None
        start = self.starts[line - 1]
        return min(start + max(column, 1) - 1, self.ends[line - 1] + (1 if line < len(self.starts) else 0))

    # LSP positions: 0-based lines, columns in code units
    def lsp_position(self, offset: int) -> Tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line0 = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line0]
        end = min(offset, self.ends[line0])
        return line0, sum(self.width(c) for c in self.text[start:end])

    def lsp_offset(self, line0: int, character: int) -> int:
        """The character offset of an LSP position (clamped to the line, as the protocol asks)."""
        if line0 >= len(self.starts):
            return len(self.text)
        if line0 < 0:
            return 0
        start, end = self.starts[line0], self.ends[line0]
        units = 0
        for index in range(start, end):
            if units >= character:
                return index
            units += self.width(self.text[index])
        return end


UNIT_WIDTH = {
    "utf-16": lambda c: 2 if ord(c) > 0xFFFF else 1,
    "utf-8": lambda c: len(c.encode("utf-8", "surrogatepass")),
    "utf-32": lambda c: 1,
}


class SpanMapper:
    """Loader spans of one text -> LSP ranges ((line, character), (line, character))."""

    def __init__(self, text: str, fmt: str, encoding: str = "utf-16"):
        self.loader = LineIndex(text, BREAKS.get(fmt, YAML_BREAK), encoding)
        self.lsp = LineIndex(text, LSP_BREAK, encoding) if BREAKS.get(fmt) is not LSP_BREAK else self.loader

    def offsets(self, span: Optional[Span]) -> Tuple[int, int]:
        if span is None:
            return 0, 0
        start = self.loader.offset_of(span.line, span.column)
        if start is None:
            start = len(self.loader.text)
        end = self.loader.offset_of(span.end_line, span.end_column) if span.end_line else None
        if end is None or end <= start:
            end = self._token_end(start)
        return start, end

    def _token_end(self, start: int) -> int:
        """Without an end: the word at start (at least one character, never past the line)."""
        text = self.loader.text
        line0 = bisect.bisect_right(self.loader.starts, start) - 1
        stop = self.loader.ends[min(line0, len(self.loader.ends) - 1)]
        match = re.compile(r"[\w.\-]+").match(text, start, stop)
        if match and match.end() > start:
            return match.end()
        return min(start + 1, stop) if stop > start else start

    def lsp_range(self, span: Optional[Span]):
        start, end = self.offsets(span)
        return self.lsp.lsp_position(start), self.lsp.lsp_position(end)
