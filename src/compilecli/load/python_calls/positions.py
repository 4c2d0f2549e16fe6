"""ast positions (1-based lines, 0-based UTF-8 byte columns) -> 1-based character Spans."""
from __future__ import annotations

import ast
import re

from compilecli.diagnostics import Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Positions:
    """ast positions (1-based lines, 0-based UTF-8 byte columns) -> 1-based character Spans."""

    def __init__(self, text: str, shift=None):
        self.text = text
        self.shift = shift or {}          # line -> columns a notebook cell's common indent took away
        self.ascii = text.isascii()       # then a byte column is the character column (most files)
        self._spans = {}                  # id(node) -> (node, its Span): a model's layers, once per file
        self._lines = None

    @property
    def lines(self):
        """The text's lines as ast counts them; split when first asked (an ASCII file with one call never
        asks: ~10% of loading a large script's one call)."""
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self.text)
        return self._lines

    def column(self, line: int, byte_col: int) -> int:
        extra = self.shift.get(line, 0) if self.shift else 0
        if not self.ascii and 1 <= line <= len(self.lines):
            source = self.lines[line - 1]
            if not source.isascii():
                return len(source.encode("utf-8")[:byte_col].decode("utf-8", "replace")) + 1 + extra
        return byte_col + 1 + extra

    def span(self, node: ast.AST) -> Span:
        known = self._spans.get(id(node))
        if known is not None and known[0] is node:
            return known[1]
        span = self._span(node)
        self._spans[id(node)] = (node, span)
        return span

    def _span(self, node: ast.AST) -> Span:
        line, end_line = node.lineno, node.end_lineno or node.lineno
        end_col = node.end_col_offset
        if end_col is None:
            end_col = node.col_offset
        if self.ascii and not self.shift:
            return Span(line, node.col_offset + 1, end_line, end_col + 1)
        return Span(line, self.column(line, node.col_offset), end_line, self.column(end_line, end_col))

    def name_span(self, node: ast.AST, name: str) -> Span:
        """The span of the last name of ``a.b.Name`` (or of a Name)."""
        full = self.span(node)
        if full.line == full.end_line and full.end_column - len(name) >= full.column:
            return Span(full.end_line, full.end_column - len(name), full.end_line, full.end_column)
        return full

    def keyword_span(self, node: ast.keyword) -> Span:
        column = self.column(node.lineno, node.col_offset)
        return Span(node.lineno, column, node.lineno, column + len(node.arg or ""))
