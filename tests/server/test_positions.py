"""Loader spans and offsets <-> LSP positions, whichever way each side counts lines and columns."""
from __future__ import annotations

import random

from compilecli.diagnostics import Span
from compilecli.server.positions import LineIndex, SpanMapper


def test_utf16_columns_count_astral_characters_twice():
    index = LineIndex("a: '😀x'\n", encoding="utf-16")
    offset = "a: '😀x'".index("x")
    assert index.lsp_position(offset) == (0, 6)
    assert index.lsp_offset(0, 6) == offset
    assert LineIndex("a: '😀x'\n", encoding="utf-32").lsp_position(offset) == (0, 5)
    assert LineIndex("a: '😀x'\n", encoding="utf-8").lsp_position(offset) == (0, 8)


def test_yaml_lines_that_lsp_does_not_break():
    text = "a: 1\u2028b: 2\nc: x\n"           # YAML breaks at U+2028, LSP does not
    mapper = SpanMapper(text, "yaml")
    (start, end) = mapper.lsp_range(Span(3, 4, 3, 5))     # `x` on the loader's third line
    assert start == (1, 3) and end == (1, 4)


def test_a_span_without_an_end_covers_its_word():
    mapper = SpanMapper("compile:\n  loss: mean_squared_eror\n", "yaml")
    assert mapper.lsp_range(Span(2, 9)) == ((1, 8), (1, 25))
    assert mapper.lsp_range(None) == ((0, 0), (0, 0))


def test_positions_past_the_end_are_clamped():
    index = LineIndex("ab\ncd")
    assert index.lsp_offset(0, 99) == 2 and index.lsp_offset(9, 0) == 5
    assert index.lsp_position(99) == (1, 2)


def test_round_trip_on_random_text():
    rng = random.Random(12)
    alphabet = ["a", " ", "\n", "\r\n", "\r", "é", "中", "😀", "\u2028", "\t"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for encoding in ("utf-16", "utf-8", "utf-32"):
            index = LineIndex(text, encoding=encoding)
            for offset in range(len(text) + 1):
                if text[offset - 1:offset + 1] == "\r\n":
                    continue                       # inside a line break: no position of its own
                assert index.lsp_offset(*index.lsp_position(offset)) == offset
