"""PyYAML's exceptions -> one CC103 (syntax), CC113 (a tab) or CC104 (nesting) diagnostic."""
from __future__ import annotations

import re
from typing import Optional, Tuple

import yaml

from compilecli.diagnostics import ERROR, Diagnostic, Span, diagnostic
from compilecli.load import limits


def _line_col(text: str, index: int) -> Tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _tab_position(text: str, mark, problem: str) -> Optional[Tuple[int, int]]:
    """(line, column) of the tab that caused a syntax error, if a tab did."""
    if mark is None:
        return None
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    if mark.column < len(line) and line[mark.column] == "\t":
        return mark.line + 1, mark.column + 1
    indent = len(line) - len(line.lstrip(" \t"))
    tab = line.find("\t", 0, indent)
    if tab < 0 and "tab" in problem:
        tab = line.find("\t")
    if tab >= 0:
        return mark.line + 1, tab + 1
    return None


def _clean(problem: str) -> str:
    problem = " ".join(problem.split())
    return problem.replace("'\\t'", "TAB")


# PyYAML's pure-Python parser words some errors otherwise than libyaml: the fallback says them
# libyaml's way, so both paths give identical diagnostics (tests/perf/test_yaml_both_parsers.py).
_AS_LIBYAML = (
    (re.compile(r"expected <block end>, but found .*"), None),          # by context, below
    (re.compile(r"expected '?<document start>'?, but found .*"), "did not find expected <document start>"),
    (re.compile(r"expected '>', but found .*"), "did not find the expected '>'"),
    (re.compile(r"expected (.+?), but (?:found|got) .*"), r"did not find expected \1"),
    (re.compile(r"found character .* that cannot start any token"), "found character that cannot start any token"),
    (re.compile(r"mapping values are not allowed here"), "mapping values are not allowed in this context"),
    (re.compile(r"found duplicate YAML directive"), "found duplicate %YAML directive"),
    (re.compile(r"found unknown escape character .*"), "found unknown escape character"),
)
#: CC113's words whichever parser found the tab (libyaml's own phrase for it).
TAB_PROBLEM = "found a tab character that violates indentation"


def _as_libyaml(context: str, problem: str) -> str:
    for pattern, words in _AS_LIBYAML:
        match = pattern.fullmatch(problem)
        if match is None:
            continue
        if words is None:
            return "did not find expected key" if "mapping" in context else "did not find expected '-' indicator"
        return match.expand(words)
    return problem


def _mark_as_libyaml(mark, problem: str):
    """libyaml points at the backslash of an unknown escape, PyYAML at the character after it."""
    if problem == "found unknown escape character" and mark is not None and mark.column > 0:
        return yaml.Mark(mark.name, mark.index - 1, mark.line, mark.column - 1, None, None)
    return mark


def syntax_diagnostic(exc: yaml.YAMLError, text: str, with_libyaml: bool) -> Diagnostic:
    """``with_libyaml``: the parser was libyaml's, whose reader errors give UTF-8 byte offsets."""
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if with_libyaml:                    # libyaml reports a UTF-8 byte offset
            index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        line, column = _line_col(text, index)
        char = exc.character
        code_point = char if isinstance(char, int) else (ord(char) if char else 0)
        return diagnostic("CC103", ERROR, span=Span(line, column), key="codes.CC103.bad_character",
                          character=f"U+{code_point:04X}",
                          problem=f"character U+{code_point:04X} is not allowed in YAML")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = _clean(exc.problem or exc.context or "invalid YAML")
        if not with_libyaml:
            problem = _as_libyaml(exc.context or "", problem)
            mark = _mark_as_libyaml(mark, problem)
        span = Span(mark.line + 1, mark.column + 1) if mark is not None else None
        tab = _tab_position(text, mark, problem)
        if tab is not None:
            return diagnostic("CC113", ERROR, span=Span(*tab), problem=TAB_PROBLEM)
        if "nesting depth" in problem:   # PyYAML >= 6.0.4 stops deep nesting itself, before our own count
            return diagnostic("CC104", ERROR, span=span, key="codes.CC104.depth", limit=limits.MAX_DEPTH)
        return diagnostic("CC103", ERROR, span=span, problem=problem)
    return diagnostic("CC103", ERROR, problem=_clean(str(exc)) or "invalid YAML")
