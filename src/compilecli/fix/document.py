"""Text-edit primitives over one loaded spec: source-map spans -> character offsets.

Fixes never re-dump YAML or JSON. They compute ``Edit``s (character ranges of
``loaded.text`` and their replacement) from the spans the loader recorded, so
comments, key order, quoting and layout survive. Every primitive checks the text
it is about to touch and returns None when anything looks unusual: a fix that is
not certain is not made.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from compilecli.diagnostics import Span, SpecPath
from compilecli.load.comments import YAML_BREAK   # line breaks as the YAML loader counts them; JSON: "\n"

_HSPACE = " \t"


@dataclass(frozen=True, order=True)
class Edit:
    start: int          # character offsets into loaded.text, end exclusive
    end: int
    text: str = ""

    def overlaps(self, other: "Edit") -> bool:
        return self.start < other.end and other.start < self.end or self.start == other.start


@dataclass
class Fix:
    """One diagnostic made right: its edits, and a note when the user should know more."""
    code: str
    line: int
    edits: List[Edit]
    note: str = ""                                   # i18n key of a note (fix.notes.*), or ""
    note_args: Dict[str, Any] = field(default_factory=dict)
    renames: Dict[SpecPath, SpecPath] = field(default_factory=dict)   # spec paths the fix moves
    path: SpecPath = ()                              # the fixed diagnostic's spec path


class Document:
    def __init__(self, loaded, spec=None):
        """``spec``: the checker's ResolvedSpec, whose compile section a fix looks into (the only part of
        a spec a fix edits the structure of); without one, no entry can be found."""
        self.loaded = loaded
        self.compile = spec.compile if spec is not None else {}
        self.text: str = loaded.text
        self.format: str = loaded.format
        self.smap = loaded.sourcemap
        self.starts, self.ends = self._lines()
        self._shared: Optional[List[Tuple[int, int]]] = None

    # -- positions ---------------------------------------------------------
    def _lines(self) -> Tuple[List[int], List[int]]:
        """Start offset of each line, and the offset where its content (before the break) ends."""
        starts, ends = [0], []
        breaks = re.compile("\n") if self.format == "json" else YAML_BREAK
        for match in breaks.finditer(self.text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(self.text))
        return starts, ends

    def offset(self, line: int, column: int) -> Optional[int]:
        if line == len(self.starts) + 1 and column == 1:
            return len(self.text)    # the loader's end of stream, after a last line without a break
        if not 1 <= line <= len(self.starts):
            return None
        pos = self.starts[line - 1] + column - 1
        if not self.starts[line - 1] <= pos <= self.ends[line - 1] + (1 if line < len(self.starts) else 0):
            return None
        return pos

    def span_range(self, span: Optional[Span]) -> Optional[Tuple[int, int]]:
        if span is None or not span.end_line:
            return None
        start, end = self.offset(span.line, span.column), self.offset(span.end_line, span.end_column)
        if start is None or end is None or end < start:
            return None
        return start, end

    def line_of(self, offset: int) -> int:
        """0-based line index of an offset."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    # -- what the loader recorded ------------------------------------------
    def data_at(self, path: SpecPath) -> Any:
        """The value at a spec path under ``compile`` as resolve read it (_MISSING elsewhere or when absent)."""
        if not path or path[0] != "compile":
            return _MISSING
        node = self.compile
        for part in path[1:]:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return _MISSING
        return node

    def value_range(self, path: SpecPath) -> Optional[Tuple[int, int]]:
        """Range of the value at path: only an exact entry that lies inside its parents' ranges."""
        path = tuple(path)
        span = self.smap.values.get(path)
        found = self.span_range(span)
        if found is None or not self._owned(path, found):
            return None
        return found

    def key_range(self, path: SpecPath) -> Optional[Tuple[int, int]]:
        path = tuple(path)
        found = self.span_range(self.smap.keys.get(path))
        if found is None or not path or not self._owned(path, found):
            return None
        return found

    def _owned(self, path: SpecPath, rng: Tuple[int, int]) -> bool:
        """The range is written where path says (not merged in, not behind an alias)."""
        for cut in range(len(path)):
            outer = self.span_range(self.smap.values.get(path[:cut]))
            if outer is None and cut == 0:
                outer = (0, len(self.text))
            if outer is None or not (outer[0] <= rng[0] and rng[1] <= outer[1]):
                return False
        return not self.shared(rng)

    def shared(self, rng: Tuple[int, int]) -> bool:
        """True when rng touches an anchored node that an alias repeats elsewhere."""
        if self._shared is None:
            self._shared = self._shared_ranges()
        return any(s < rng[1] and rng[0] < e or s == rng[0] for s, e in self._shared)

    def _shared_ranges(self) -> List[Tuple[int, int]]:
        """The anchored nodes an alias repeats, as the loader recorded them (no second parse)."""
        out = []
        for span in self.smap.shared:
            found = self.span_range(span)
            if found is None:
                return [(0, len(self.text))]      # cannot place it: treat everything as shared
            out.append(found)
        return out

    # -- edits ---------------------------------------------------------------
    def replace_token(self, rng: Optional[Tuple[int, int]], old: str, new: str) -> Optional[Edit]:
        """Replace a plain or quoted scalar whose text is old (quotes kept)."""
        if rng is None:
            return None
        start, end = rng
        found = self.text[start:end]
        for quote in ("", "'", '"'):
            if found == f"{quote}{old}{quote}":
                if quote == "'" and "'" in new or quote == '"' and ('"' in new or "\\" in new):
                    return None
                return Edit(start, end, f"{quote}{new}{quote}")
        return None

    def delete_entry(self, path: SpecPath) -> Optional[List[Edit]]:
        """Remove `key: value` from its mapping, or None when that cannot be done cleanly."""
        path = tuple(path)
        parent = self.data_at(path[:-1])
        if not isinstance(parent, dict) or path[-1] not in parent:
            return None
        key, value, outer = self.key_range(path), self.value_range(path), self.value_range(path[:-1])
        if key is None or value is None or outer is None or value[0] < key[1]:
            return None
        if self.format == "json" or path[:-1] in self.smap.flow:     # the style the loader saw
            edit = self._delete_flow_item(key[0], value[1], outer)
        else:
            edit = self._delete_block_entry(key[0], value[1], outer)
            if edit is not None and len(parent) < 2:
                edit = self._empty_block_mapping(path[:-1], edit)   # `config: {}`, never null
        return None if edit is None else [edit]

    def _empty_block_mapping(self, path: SpecPath, edit: Edit) -> Optional[Edit]:
        """Deleting the only entry of a block mapping: write its parent key's value as {}."""
        key = self.key_range(path) if path else None
        if key is None:
            return None
        between = self.text[key[1]:edit.start]
        if not re.fullmatch(r"[ \t]*:[ \t]*(\r\n|[\r\n\x85\u2028\u2029])[ ]*", between):
            return None                      # a comment, a tag or an anchor after the key: leave it
        last = self.line_of(edit.end - 1) if edit.end > edit.start else self.line_of(edit.end)
        brk = self.text[self.ends[last]:edit.end] if edit.end > self.ends[last] else ""
        return Edit(key[1], edit.end, ": {}" + brk)

    def _delete_flow_item(self, start: int, end: int, outer: Tuple[int, int]) -> Optional[Edit]:
        text = self.text
        after = _skip_space(text, end)
        if after < len(text) and text[after] == ",":
            stop = after + 1
            while stop < len(text) and text[stop] in _HSPACE:
                stop += 1
            return self._whole_lines(start, stop)
        if after >= len(text) or text[after] != "}" or after >= outer[1]:
            return None
        before = _skip_space_back(text, start)
        if before > outer[0] and text[before - 1] == ",":
            return Edit(before - 1, end)     # the last item: take the comma before it
        if before - 1 == outer[0] and text[outer[0]] == "{":
            return self._whole_lines(start, end)   # the only item
        return None

    def _whole_lines(self, start: int, stop: int) -> Edit:
        """Widen a deletion to whole lines when nothing else stands on them."""
        first, last = self.line_of(start), self.line_of(stop)
        head = self.text[self.starts[first]:start]
        tail = self.text[stop:self.ends[last]]
        if tail.strip(" \t\r") == "":
            if head.strip(_HSPACE) == "" and last + 1 < len(self.starts):
                return Edit(self.starts[first], self.starts[last + 1])
            while start > self.starts[first] and self.text[start - 1] in _HSPACE:
                start -= 1                   # no trailing spaces where the item was
        return Edit(start, stop)

    def _delete_block_entry(self, start: int, end: int, outer: Tuple[int, int]) -> Optional[Edit]:
        text = self.text
        first = self.line_of(start)
        line_start = self.starts[first]
        if text[line_start:start].strip(" ") != "":
            return None                      # something (`- `, another key) stands before the key
        indent = start - line_start
        last = first
        probe = first + 1
        while probe < len(self.starts):
            content = text[self.starts[probe]:self.ends[probe]]
            stripped = content.lstrip(" ")
            depth = len(content) - len(stripped)
            if stripped == "":
                probe += 1
                continue
            if depth > indent or (depth == indent and re.match(r"-(\s|$)", stripped) and
                                  self.line_of(end) >= probe):
                last = probe
                probe += 1
                continue
            break
        stop = self.starts[last + 1] if last + 1 < len(self.starts) else len(text)
        if end > stop and not _blank_or_comments(text[stop:end]):
            return None                      # the value reaches past what we would delete
        if stop > outer[1] and not _blank_or_comments(text[outer[1]:stop]):
            return None
        return Edit(line_start, stop)


class _Missing:
    def __repr__(self):
        return "<missing>"


_MISSING = _Missing()


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _skip_space_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \t\r\n":
        pos -= 1
    return pos


def _blank_or_comments(chunk: str) -> bool:
    return all(not line.strip() or line.strip().startswith("#") for line in re.split("\r\n|[\r\n]", chunk))
