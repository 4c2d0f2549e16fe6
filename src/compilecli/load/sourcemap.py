"""Where each value of a loaded spec stands in its file, kept apart from the data."""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Dict, FrozenSet, List, Optional, Tuple

from compilecli.diagnostics import Span, SpecPath


@dataclass
class SourceMap:
    values: Dict[SpecPath, Span] = field(default_factory=dict)  # path -> span of the value
    keys: Dict[SpecPath, Span] = field(default_factory=dict)    # path -> span of its mapping key
    # spans of anchored YAML nodes an alias repeats elsewhere (``&cfg {...}`` ... ``*cfg``): their text
    # stands for several places, so a text edit there would change them all (the fix stage leaves them)
    shared: Tuple[Span, ...] = ()
    flow: FrozenSet[SpecPath] = frozenset()   # YAML mappings written in flow style (`{a: 1}`); JSON: all

    def value_span(self, path: SpecPath) -> Optional[Span]:
        """Span of the value at path, else of the nearest ancestor that has one."""
        return self._nearest(self.values, tuple(path))

    def value_spans(self, paths) -> List[Optional[Span]]:
        """``value_span`` of each path (one call for many: a rule placing 50,000 findings)."""
        return [self.value_span(path) for path in paths]

    def key_span(self, path: SpecPath) -> Optional[Span]:
        """Span of the key that names path (falls back to the value, then to ancestors)."""
        path = tuple(path)
        return self.keys.get(path) or self.value_span(path)

    @staticmethod
    def _nearest(table: Dict[SpecPath, Span], path: SpecPath) -> Optional[Span]:
        while True:
            if path in table:
                return table[path]
            if not path:
                return None
            path = path[:-1]


def to_span(marks) -> Span:
    """A parser's (start mark, end mark), or the YAML fast path's 1-based (line, column, end line, end
    column) -> Span; a Span or None passes through."""
    if marks.__class__ is not tuple:
        return marks
    if len(marks) == 4:
        return Span(*marks)
    start, end = marks
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class MarkedSourceMap(SourceMap):
    """The YAML loader's source map: its logs hold the parser's (start, end) marks, and the Spans are
    made on first use. Most specs never ask (a clean spec has no diagnostic to place), so they never
    pay for one Span per value; the answers are those of ``load.common.build_sourcemap``."""

    def __init__(self, vlog, klog, root: Span, shared=(), flow=()):
        self._logs = (vlog, klog, root)
        self._built = None
        self._shared = shared              # the parser's marks, made Spans on first use
        self._flow = flow                  # paths, made a set on first use (only --fix asks)

    def _marks(self):
        """path -> the parser's marks (not yet Spans), for values and for keys."""
        if self._built is None:
            from compilecli.load.common import build_sourcemap

            vlog, klog, root = self._logs
            built = build_sourcemap(vlog, klog, root)
            object.__setattr__(self, "_built", (built.values, built.keys, False))
            object.__setattr__(self, "_logs", None)
        return self._built

    def value_span(self, path: SpecPath) -> Optional[Span]:
        """As SourceMap's, but only the Span asked for is made (a spec with 50,000 findings asks 50,000
        times; building every Span of the file first cost as much again)."""
        values = (self._built or self._marks())[0]
        found = values.get(path) if path.__class__ is tuple else None     # the path itself: most asks
        if found is None:
            found = self._nearest(values, tuple(path))
        return None if found is None else to_span(found)

    def value_spans(self, paths) -> List[Optional[Span]]:
        values = (self._built or self._marks())[0]
        found = [values.get(path) for path in paths]
        if all(marks.__class__ is tuple and len(marks) == 4 for marks in found):   # the fast path's marks
            return [Span(*marks) for marks in found]
        return [self.value_span(path) for path in paths]

    def key_span(self, path: SpecPath) -> Optional[Span]:
        found = (self._built or self._marks())[1].get(path if path.__class__ is tuple else tuple(path))
        return to_span(found) if found is not None else self.value_span(path)

    def _build(self):
        values, keys, converted = self._marks()
        if not converted:
            object.__setattr__(self, "_built", ({path: to_span(marks) for path, marks in values.items()},
                                                {path: to_span(marks) for path, marks in keys.items()}, True))
        return self._built

    @property
    def values(self) -> Dict[SpecPath, Span]:
        return self._build()[0]

    @property
    def keys(self) -> Dict[SpecPath, Span]:
        return self._build()[1]

    @property
    def flow(self) -> FrozenSet[SpecPath]:
        if not isinstance(self._flow, frozenset):
            object.__setattr__(self, "_flow", frozenset(self._flow))
        return self._flow

    @property
    def shared(self) -> Tuple[Span, ...]:
        return tuple(to_span(marks) for marks in self._shared)

    def __eq__(self, other):
        if not isinstance(other, SourceMap):
            return NotImplemented
        return (self.values, self.keys) == (other.values, other.keys)

    __hash__ = None

    def __reduce__(self):   # to another process (--jobs) as the plain source map it stands for
        return (SourceMap, (self.values, self.keys, self.shared, self.flow))
