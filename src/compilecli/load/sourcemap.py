"""Where each value of a loaded spec stands in its file, kept apart from the data."""
from __future__ import annotations

from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Dict, Optional

from compilecli.diagnostics import Span, SpecPath


@dataclass
class SourceMap:
    values: Dict[SpecPath, Span] = field(default_factory=dict)  # path -> span of the value
    keys: Dict[SpecPath, Span] = field(default_factory=dict)    # path -> span of its mapping key

    def value_span(self, path: SpecPath) -> Optional[Span]:
        """Span of the value at path, else of the nearest ancestor that has one."""
        return self._nearest(self.values, tuple(path))

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
