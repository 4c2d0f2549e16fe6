"""A compile() call read once for every later call of the same text in the same place (issue 14).

A notebook cell or a script repeats calls (``model.compile('adam', 'mse')`` 20,000 times). What a
call's spec holds depends on (1) the call's own text, which fixes its tree up to positions, (2) the
file (facts, classes, functions, graph-mode ranges: the same for every call of one tree) and (3)
the bindings that reach its site -- its scope, branch and loop blocks, cell, and every binding and
``return`` before it (``reaching``, ``outputs.added``). Between two calls of one scope, blocks and
cell whose sequence numbers are separated only by other compile()-named calls, no binding or
return happened, so (3) is the same too: the later call's spec is the earlier one's, its spans
moved by the line and column offset of the call (spans inside the call move; spans of what the
call refers to elsewhere -- a followed assignment, the model's layers -- stay).

It is exact only where a span is a plain offset of an ast position: an ASCII text (a byte column
is a character column) without a notebook cell's indent shift (``Positions.shift``). Anything else,
and any position the moved spec would hold that cannot be told inside from outside the call (a
followed assignment or an output's layer on one of the call's own lines), makes the call read
afresh. ``tests/perf/test_call_reuse.py`` compares moved and fresh specs.
"""
from __future__ import annotations

import ast
from typing import Dict, List, Optional

from compilecli.diagnostics import Span
from compilecli.load import LoadedSpec
from compilecli.load.sourcemap import SourceMap

#: Off (``False``) only for the tests that compare moved specs with fresh ones.
ENABLED = True


class CallReuse:
    """Per tree (a file, one notebook cell): for each call text and place, the first spec read, how to
    move it (``_Plan``), and where the last such call was."""

    def __init__(self, index, positions) -> None:
        self.usable = ENABLED and positions.ascii and not positions.shift
        self.index = index
        self.positions = positions
        self._order: Optional[Dict[int, int]] = None          # id(call) -> its place in index.calls
        self._entries: Dict[tuple, list] = {}                 # key -> [plan, last site's seq, its place]

    def key(self, call: ast.Call, site, in_graph: bool) -> Optional[tuple]:
        if not self.usable:
            return None
        return (self._text(call), id(site.scope), site.blocks, site.cell, in_graph)

    def recall(self, key, call: ast.Call, site) -> Optional[LoadedSpec]:
        """The spec a fresh read of ``call`` would give, from an earlier equal call; None: read it."""
        entry = self._entries.get(key) if key is not None else None
        if entry is None:
            return None
        plan, seq, order = entry
        now = self._ordinal(call)
        entry[1], entry[2] = site.seq, now
        if site.seq - seq != now - order:      # a binding or return since the last equal call: read afresh
            entry[0] = None
            return None
        # (ASCII, no indent shift: a call's span starts at its ast line and byte column + 1)
        return plan.moved(call.lineno, call.col_offset + 1) if plan is not None else None

    def keep(self, key, call: ast.Call, site, spec: LoadedSpec) -> None:
        """``spec`` was read afresh for ``call``: later equal calls move it."""
        if key is not None:
            self._entries[key] = [_Plan.of(spec, self.positions.span(call)), site.seq, self._ordinal(call)]

    def _ordinal(self, call: ast.Call) -> int:
        if self._order is None:
            self._order = {id(c): n for n, (c, _site) in enumerate(self.index.calls)}
        return self._order[id(call)]

    def _text(self, call: ast.Call) -> str:
        lines = self.positions.lines
        first, last = call.lineno - 1, call.end_lineno - 1
        if first == last:
            return lines[first][call.col_offset:call.end_col_offset]
        return "\n".join([lines[first][call.col_offset:]] + lines[first + 1:last] + [lines[last][:call.end_col_offset]])


class _Outside(Exception):
    """A position the spec holds that is neither wholly inside the call nor clearly outside it."""


class _Plan:
    """A spec read afresh, and which of its spans and report positions lie inside its call (those move)."""

    def __init__(self, spec: LoadedSpec, call: Span) -> None:
        self.spec, self.call = spec, call
        spans: List[Span] = []
        where: Dict[int, int] = {}               # id(Span) -> its place in spans: shared spans stay shared

        def place(span: Span) -> int:
            if id(span) not in where:
                where[id(span)] = len(spans)
                spans.append(span)
            return where[id(span)]
        smap = spec.sourcemap
        self.values, self.keys = tuple(smap.values), tuple(smap.keys)
        self.value_at = [place(span) for span in smap.values.values()]
        self.key_at = [place(span) for span in smap.keys.values()]
        # (span, moves?, its start on the call's first line?, its end?) per distinct Span
        self.spans = [(s, _span_inside(s, call), s.line == call.line, s.end_line == call.line) for s in spans]
        code = spec.code
        self.skipped = [(item, _inside(item["line"], item["column"], call), item["line"] == call.line)
                        for item in code["skipped"]]
        elsewhere = [item.get("line") for item in code["followed"]]
        elsewhere += [item.get("line") for item in code["outputs"].get("from", ())]
        if any(line is not None and call.line <= line <= call.end_line for line in elsewhere):
            raise _Outside()                     # on the call's own lines: inside or not cannot be told

    @classmethod
    def of(cls, spec: LoadedSpec, call: Span) -> Optional["_Plan"]:
        try:
            return cls(spec, call)
        except _Outside:
            return None

    def moved(self, line: int, column: int) -> LoadedSpec:
        """The spec for the equal call whose span starts at ``line``, ``column``."""
        lines, columns = line - self.call.line, column - self.call.column
        spans = [Span(s.line + lines, s.column + columns if first else s.column,
                      s.end_line + lines, s.end_column + columns if last else s.end_column) if inside else s
                 for s, inside, first, last in self.spans]
        spec = self.spec
        code = dict(spec.code)
        code["call"] = {"line": line, "column": column}
        code["skipped"] = [dict(item, line=item["line"] + lines, column=item["column"] + columns if first
                                else item["column"]) if inside else dict(item)
                           for item, inside, first in self.skipped] if self.skipped else []
        code["followed"] = list(code["followed"])
        smap = SourceMap(dict(zip(self.values, [spans[at] for at in self.value_at])),
                         dict(zip(self.keys, [spans[at] for at in self.key_at])))
        # (positional: LoadedSpec's fields in order -- source, text, data, sourcemap, diagnostics, format,
        # comments, code -- binding by keyword costs more than the rest of the move)
        return LoadedSpec(spec.source, spec.text, spec.data, smap, [], spec.format, spec.comments, code)


def _span_inside(s: Span, call: Span) -> bool:
    start = _inside(s.line, s.column, call)
    if start != _inside(s.end_line, s.end_column, call):
        raise _Outside()
    return start


def _inside(line: int, column: int, call: Span) -> bool:
    return (call.line, call.column) <= (line, column) <= (call.end_line, call.end_column)
