"""One check for the compile() calls of a file that cannot be told apart (issue 14).

A notebook cell or a script often repeats a call (a grid of ``model.compile(...)`` with the same
arguments, the same call in every section). Resolve and the rules see a loaded spec only through
its data, its format, its code info (``code["_constructed"]``, whether it is code at all) and the
source map's ``value_span``/``key_span`` answers for spec paths; they read no text and make no
Span of their own. So two calls whose target, format, data, code info (without the call's own
position) and source-map paths are equal get the same diagnostics in the same order, except for
the spans, which each call's source map gives for the same paths.

``CheckMemo`` keeps, per such key, the diagnostics with each span written as the source-map
place(s) it came from (found by identity), and the ResolvedSpec without its loaded spec. A later
equal call gets those diagnostics with its own spans at the same places and that ResolvedSpec with
its own loaded spec. Whatever cannot be placed that way (a span the source map did not give, one
Span object at two places whose spans differ in the new call) is not remembered or not reused:
the call is checked afresh. ``tests/perf/test_check_memo.py`` compares memo and fresh checks.
"""
from __future__ import annotations

import operator
from typing import Dict, List, Optional, Tuple

from compilecli import record

#: Distinct calls remembered per file or open document (then it starts again: memory stays bounded).
MAX_ENTRIES = 4096

Place = Tuple[Tuple[str, tuple], ...]      # (("values" | "keys", spec path), ...) a span came from


class CheckMemo:
    """The checks of one file's calls (or one document's, in the server), by what they depend on."""

    def __init__(self) -> None:
        self._entries: Dict[tuple, tuple] = {}
        self._common: Dict[tuple, frozenset] = {}     # (candidates, base) -> what every candidate reports
        self._last: tuple = (None, None)           # (loaded, its key without the target): asked per target
        self._shown: Dict[int, tuple] = {}         # id(value) -> (value, its repr): calls moved by the
        #                                            loader (load/python_calls/reuse.py) share their values
        self._infos: Dict[tuple, tuple] = {}       # ids of code values (but the call's) -> (values, reprs)

    def key(self, loaded, target) -> Optional[tuple]:
        """What a check of this loaded spec depends on; None: not a code call, always checked afresh."""
        last, base = self._last
        if last is not loaded:
            base = self._base(loaded)
            self._last = (loaded, base)
        return None if base is None else (target, base)

    def _base(self, loaded) -> Optional[tuple]:
        code = loaded.code
        if code is None or loaded.diagnostics or not isinstance(loaded.data, dict):
            return None
        smap = loaded.sourcemap
        return (loaded.format, self._repr(loaded.data), tuple(code), self._info(code), tuple(smap.values),
                tuple(smap.keys))

    def _info(self, code: dict) -> tuple:
        """The reprs of the code info's values but the call's position. Calls the loader moved share every
        other value, so their reprs are found at once by the values' identities."""
        values = tuple(code.values())
        ids = tuple(map(id, values))
        if values and next(iter(code)) == "call":
            known = self._infos.get(ids[1:])
            if known is not None and all(map(operator.is_, known[0], values[1:])):
                return known[1]
        info = tuple(self._repr(value) for name, value in code.items() if name != "call")
        if values and next(iter(code)) == "call":
            if len(self._infos) >= MAX_ENTRIES:
                self._infos.clear()
            self._infos[ids[1:]] = (values[1:], info)          # (the values kept: their ids stay theirs)
        return info

    def _repr(self, value) -> str:
        """repr(value), a set's sorted; kept by identity (the loader never changes a spec's values)."""
        known = self._shown.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        shown = repr(sorted(value) if isinstance(value, (set, frozenset)) else value)
        if len(self._shown) >= 16 * MAX_ENTRIES:   # (a server's document: every version's values)
            self._shown.clear()
        self._shown[id(value)] = (value, shown)
        return shown

    def recall_common(self, candidates: tuple, loaded):
        """check_code's answer for a call checked under each candidate target (only what all report):
        (diagnostics unsorted, the first candidate's ResolvedSpec), or None."""
        key = self.key(loaded, candidates)
        common = self._common.get(key) if key is not None else None
        if common is None:
            return None
        found = self.recall((candidates[0],) + key[1:], loaded)
        if found is None:
            return None
        return [d for d in found[0] if (d.code, d.path) in common], found[1]

    def remember_common(self, candidates: tuple, loaded, common) -> None:
        key = self.key(loaded, candidates)
        if key is not None and (candidates[0],) + key[1:] in self._entries:    # (what recall_common reads)
            self._common[key] = frozenset(common)

    def recall(self, key, loaded):
        """(diagnostics unsorted, as a fresh check makes them; the ResolvedSpec) for ``loaded``, or None."""
        entry = self._entries.get(key) if key is not None else None
        if entry is None:
            return None
        placed, resolved, from_resolve = entry
        tables = {"values": loaded.sourcemap.values, "keys": loaded.sourcemap.keys}
        found = []
        for diag, places in placed:
            if places is None:
                found.append(diag)
                continue
            table, path = places[0]
            span = tables[table][path]
            for table, path in places[1:]:
                other = tables[table][path]
                if other is not span and other != span:
                    return None                    # one old Span, now two different ones: check afresh
            # (a record's == compares field by field in Python: far dearer than the copy it would spare)
            found.append(diag if diag.span is span else record.replace(diag, span=span))
        if resolved is not None:
            resolved = record.replace(resolved, loaded=loaded, diagnostics=found[from_resolve[0]:from_resolve[1]])
        return found, resolved

    def remember(self, key, loaded, found: List, resolved) -> None:
        if key is None or key in self._entries:
            return
        if len(self._entries) >= MAX_ENTRIES:      # (a server's document, edited for hours): start again
            self._entries.clear()
            self._common.clear()
            self._shown.clear()
        smap = loaded.sourcemap
        where: Dict[int, list] = {}
        for table in ("values", "keys"):
            for path, span in getattr(smap, table).items():
                where.setdefault(id(span), []).append((table, path))
        placed = []
        for diag in found:
            if diag.span is None:
                placed.append((diag, None))
                continue
            places = where.get(id(diag.span))
            if places is None:
                return                             # a span the source map did not give: not remembered
            placed.append((diag, tuple(places)))
        span_of = None
        if resolved is not None:
            start = len(loaded.diagnostics)
            span_of = (start, start + len(resolved.diagnostics))
            resolved = record.replace(resolved, loaded=None, diagnostics=[])   # holds no file text
        self._entries[key] = (tuple(placed), resolved, span_of)
