"""JSON text -> plain data + source map + CC1xx diagnostics.

A small position-tracking recursive-descent parser (Python's ``json`` gives no
positions). Recursion is bounded by ``limits.MAX_DEPTH``; strings are decoded
by the C ``scanstring`` of the standard library, so it stays fast. Accepts what
``json.loads`` accepts (including NaN / Infinity / -Infinity) and explains the
usual hand-editing mistakes: trailing commas, comments, single quotes, unquoted
keys, Python literals.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from json import JSONDecodeError
from json.decoder import scanstring
from typing import Any, List, Tuple

from compilecli.diagnostics import ERROR, Diagnostic, Span, SpecPath, diagnostic
from compilecli.load import limits
from compilecli.load.common import Entry, Stop, build_sourcemap, empty_file, not_a_mapping
from compilecli.load.sourcemap import SourceMap

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_LITERALS = {"true": True, "false": False, "null": None,
             "NaN": float("nan"), "Infinity": float("inf")}
_PYTHONISMS = {"True": "true", "False": "false", "None": "null", "nan": "NaN",
               "inf": "Infinity", "undefined": "null", "TRUE": "true", "FALSE": "false",
               "NULL": "null", "Null": "null"}


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.size = len(text)
        self.starts = [0]
        self.starts.extend(m.end() for m in re.finditer("\n", text))
        self.vlog: List[Entry] = []
        self.klog: List[Entry] = []
        self.diags: List[Diagnostic] = []

    # -- positions ---------------------------------------------------------
    def where(self, pos: int) -> Tuple[int, int]:
        index = bisect_right(self.starts, pos) - 1
        return index + 1, pos - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        starts = self.starts
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, end, first) - 1
        return Span(first + 1, start - starts[first] + 1, last + 1, end - starts[last] + 1)

    # -- errors ------------------------------------------------------------
    def fail(self, pos: int, problem: str, variant: str = "", path: SpecPath = (), **args):
        line, column = self.where(min(pos, self.size))
        key = f"codes.CC103.{variant}" if variant else ""
        self.diags.append(diagnostic("CC103", ERROR, path=path, span=Span(line, column),
                                     key=key, problem=problem, **args))
        raise Stop

    def limit(self, pos: int, variant: str, limit: int, path: SpecPath):
        line, column = self.where(pos)
        self.diags.append(diagnostic("CC104", ERROR, path=path, span=Span(line, column),
                                     key=f"codes.CC104.{variant}", limit=limit))
        raise Stop

    def unexpected(self, pos: int, expected: str, path: SpecPath):
        """Explain what stands at pos where ``expected`` should be."""
        text = self.text
        if pos >= self.size:
            self.fail(pos, f"unexpected end of file, expected {expected}", "eof", path,
                      expected=expected)
        ch = text[pos]
        if ch == "/" and text.startswith(("//", "/*"), pos):
            self.fail(pos, "comments are not allowed in JSON", "comment", path)
        if ch == "#":
            self.fail(pos, "comments are not allowed in JSON", "comment", path)
        if ch == "'":
            self.fail(pos, "strings must use double quotes in JSON", "single_quote", path)
        word = _WORD.match(text, pos)
        if word is not None and word.group() in _PYTHONISMS:
            self.fail(pos, f"'{word.group()}' is not JSON; write {_PYTHONISMS[word.group()]}",
                      "bad_literal", path, word=word.group(),
                      replacement=_PYTHONISMS[word.group()])
        shown = ch if ch.isprintable() else f"U+{ord(ch):04X}"
        self.fail(pos, f"expected {expected}, found {shown!r}", "", path,
                  expected=expected, found=shown)

    # -- values ------------------------------------------------------------
    def value(self, pos: int, path: SpecPath, depth: int) -> Tuple[Any, int]:
        text = self.text
        if len(self.vlog) >= limits.MAX_NODES:
            self.limit(pos, "nodes", limits.MAX_NODES, path)
        ch = text[pos] if pos < self.size else ""
        if ch == '"':
            value, end = self.string(pos, path)
        elif ch == "{":
            value, end = self.object(pos, path, depth + 1)
        elif ch == "[":
            value, end = self.array(pos, path, depth + 1)
        elif ch == "-" or "0" <= ch <= "9":
            value, end = self.number(pos, path)
        else:
            word = _WORD.match(text, pos)
            if word is None or word.group() not in _LITERALS:
                self.unexpected(pos, "a value", path)
            value, end = _LITERALS[word.group()], word.end()
        self.vlog.append((path, self.span(pos, end), False))
        return value, end

    def string(self, pos: int, path: SpecPath) -> Tuple[str, int]:
        try:
            return scanstring(self.text, pos + 1, True)
        except JSONDecodeError as exc:
            problem = exc.msg
            for tail in (" starting at", " at"):
                if problem.endswith(tail):
                    problem = problem[: -len(tail)]
            self.fail(exc.pos, problem[:1].lower() + problem[1:], "", path)
            raise  # unreachable

    def number(self, pos: int, path: SpecPath) -> Tuple[Any, int]:
        text = self.text
        if text.startswith("-Infinity", pos):
            return float("-inf"), pos + 9
        match = _NUMBER.match(text, pos)
        if match is None:
            self.unexpected(pos + 1, "a digit", path)
        end = match.end()
        if end < self.size and text[end].isdigit():
            self.fail(pos, "numbers cannot start with 0 in JSON", "", path)
        literal = match.group()
        try:
            if match.group(1) or match.group(2):
                return float(literal), end
            return int(literal), end
        except ValueError:
            self.fail(pos, "number is too long", "", path)
            raise  # unreachable

    def object(self, pos: int, path: SpecPath, depth: int) -> Tuple[dict, int]:
        if depth > limits.MAX_DEPTH:
            self.limit(pos, "depth", limits.MAX_DEPTH, path)
        text, ws = self.text, _WS.match
        result: dict = {}
        first_lines = {}
        pos = ws(text, pos + 1).end()
        if text.startswith("}", pos):
            return result, pos + 1
        while True:
            if not text.startswith('"', pos):
                word = _WORD.match(text, pos)
                if word is not None and word.group() not in _PYTHONISMS:
                    self.fail(pos, "property names must be in double quotes in JSON",
                              "unquoted_key", path, name=word.group())
                self.unexpected(pos, "a property name in double quotes", path)
            key, key_end = self.string(pos, path)
            key_span = self.span(pos, key_end)
            child = path + (key,)
            pos = ws(text, key_end).end()
            if not text.startswith(":", pos):
                self.unexpected(pos, "':'", child)
            pos = ws(text, pos + 1).end()
            value, pos = self.value(pos, child, depth)
            if key in first_lines:
                self.diags.append(diagnostic("CC110", ERROR, path=child, span=key_span,
                                             name=key, first_line=first_lines[key]))
            first_lines[key] = key_span.line
            result[key] = value
            self.klog.append((child, key_span, False))
            pos = ws(text, pos).end()
            if text.startswith(",", pos):
                comma = pos
                pos = ws(text, pos + 1).end()
                if text.startswith("}", pos):
                    self.fail(comma, "trailing comma before '}'", "trailing_comma", path)
                continue
            if text.startswith("}", pos):
                return result, pos + 1
            if text.startswith('"', pos):
                self.fail(pos, "missing ',' between members", "missing_comma", path)
            self.unexpected(pos, "',' or '}'", path)

    def array(self, pos: int, path: SpecPath, depth: int) -> Tuple[list, int]:
        if depth > limits.MAX_DEPTH:
            self.limit(pos, "depth", limits.MAX_DEPTH, path)
        text, ws = self.text, _WS.match
        result: list = []
        pos = ws(text, pos + 1).end()
        if text.startswith("]", pos):
            return result, pos + 1
        while True:
            value, pos = self.value(pos, path + (len(result),), depth)
            result.append(value)
            pos = ws(text, pos).end()
            if text.startswith(",", pos):
                comma = pos
                pos = ws(text, pos + 1).end()
                if text.startswith("]", pos):
                    self.fail(comma, "trailing comma before ']'", "trailing_comma", path)
                continue
            if text.startswith("]", pos):
                return result, pos + 1
            if pos < self.size and (text[pos] in '"{[-' or text[pos].isdigit()):
                self.fail(pos, "missing ',' between items", "missing_comma", path)
            self.unexpected(pos, "',' or ']'", path)


def load_json(text: str) -> Tuple[Any, SourceMap, List[Diagnostic]]:
    """Parse JSON text. Returns (data or None, source map, diagnostics)."""
    parser = _Parser(text)
    pos = _WS.match(text).end()
    if pos >= len(text):
        return None, SourceMap(values={(): Span(1, 1)}), [empty_file()]
    data: Any = None
    root = Span(1, 1)
    try:
        data, end = parser.value(pos, (), 0)
        root = parser.span(0, end)
        end = _WS.match(text, end).end()
        if end < len(text):
            if text.startswith(("//", "/*", "#"), end):
                parser.fail(end, "comments are not allowed in JSON", "comment")
            parser.fail(end, "extra data after the JSON value", "extra_data")
    except Stop:
        return None, build_sourcemap(parser.vlog, parser.klog, root), parser.diags
    except RecursionError:          # cannot happen with MAX_DEPTH 50; never raise anyway
        parser.diags.append(diagnostic("CC104", ERROR, key="codes.CC104.depth",
                                       limit=limits.MAX_DEPTH))
        return None, build_sourcemap(parser.vlog, parser.klog, root), parser.diags
    sourcemap = build_sourcemap(parser.vlog, parser.klog, root)
    if not isinstance(data, dict):
        parser.diags.append(not_a_mapping(data, root))
        return None, sourcemap, parser.diags
    return data, sourcemap, parser.diags
