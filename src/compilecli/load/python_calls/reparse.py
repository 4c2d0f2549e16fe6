"""An edited document re-parsed where it changed: the server's tree after an edit, equal to ``ast.parse``.

A module's top-level statements end at a line where the tokenizer is back at column 0 with no
bracket, string or continuation open, so the text of the statements an edit did not touch parses
to the same nodes whatever the edited ones say. ``Reparser.parse(text)`` therefore keeps the
statements wholly before the changed lines, parses only the changed region (from the end of the
last statement before it to the start of the first statement after it), and keeps the statements
after it, their line numbers moved by the number of lines the edit added or removed. The result
is node for node and position for position what ``ast.parse(text)`` gives
(``tests/server/test_reparse.py`` compares them after random edits of the corpus scripts). When
the region does not parse alone (a syntax error, an unclosed bracket swallowing what follows),
or statements share a line at its edge, the whole text is parsed, so errors are ``ast.parse``'s
own. ``ast.parse`` checks no rule that spans statements (``from __future__`` placement,
``return`` outside a function are the compiler's), so a region parses alone exactly when it
parses in place.
"""
from __future__ import annotations

import ast
import re
import warnings
from typing import List, Optional, Tuple

#: What ast counts as a line break (not str.splitlines's form feeds, \x1c-\x1e, \x85, \u2028...).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> List[str]:
    return _LINE.findall(text)


def parse_module(text: str, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse`` as the loader calls it."""
    with warnings.catch_warnings():   # "invalid escape sequence" and friends are the user's, not ours
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename)


class Reparser:
    """The last text and tree of one document; each ``parse`` reuses what the edit left alone."""

    def __init__(self) -> None:
        self._text: Optional[str] = None
        self._lines: List[str] = []
        self._tree: Optional[ast.Module] = None

    def parse(self, text: str, filename: str = "<unknown>") -> ast.Module:
        """``ast.parse(text)`` (raises as it does), re-parsing only the edited statements when it can."""
        lines = _lines(text)
        tree = None
        if self._tree is not None:
            tree = self._spliced(lines, filename)
        if tree is None:
            tree = parse_module(text, filename)
        self._text, self._lines, self._tree = text, lines, tree
        return tree

    def _spliced(self, lines: List[str], filename: str) -> Optional[ast.Module]:
        old = self._lines
        if lines == old:
            return self._tree
        prefix = 0
        limit = min(len(old), len(lines))
        while prefix < limit and old[prefix] == lines[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == lines[-1 - suffix]:
            suffix += 1
        # changed: old lines prefix+1 .. len(old)-suffix (1-based), new lines prefix+1 .. len(lines)-suffix
        body = self._tree.body
        spans = [(_first_line(stmt), stmt.end_lineno) for stmt in body]
        before = 0                        # statements wholly in the unchanged first lines
        while before < len(body) and spans[before][1] <= prefix:
            before += 1
        after = before                    # first statement wholly in the unchanged last lines
        first_kept_after = len(old) - suffix + 1
        while after < len(body) and spans[after][0] < first_kept_after:
            after += 1
        if before and before < len(body) and spans[before][0] == spans[before - 1][1]:
            return None                   # `a = 1; b = 2`: statements share the line at the edge
        if after < len(body) and after and spans[after][0] == spans[after - 1][1]:
            return None
        start = spans[before - 1][1] + 1 if before else 1            # first line of the region (old = new)
        delta = len(lines) - len(old)
        stop = (spans[after][0] - 1 if after < len(body) else len(old)) + delta   # last line, new numbering
        if stop < start - 1 or _continued(lines, start - 1) or _continued(lines, stop):
            return None                   # a backslash at the region's edge joins it to its neighbour
        region = "\n" * (start - 1) + "".join(lines[start - 1:stop])
        try:
            middle = parse_module(region, filename).body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None                   # the whole text decides (and words the error)
        kept = body[after:]
        if delta:
            for stmt in kept:
                ast.increment_lineno(stmt, delta)
        tree = ast.Module(body=body[:before] + middle + kept, type_ignores=[])
        return tree


def _continued(lines: List[str], number: int) -> bool:
    """Does line ``number`` (1-based; 0: none) end in a backslash, continuing onto the next?"""
    return 0 < number <= len(lines) and lines[number - 1].rstrip("\r\n").endswith("\\")


def _first_line(stmt: ast.stmt) -> int:
    decorators = getattr(stmt, "decorator_list", None)
    if decorators:
        return min(stmt.lineno, min(d.lineno for d in decorators))
    return stmt.lineno
