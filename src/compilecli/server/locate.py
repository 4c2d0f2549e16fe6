"""What is under the cursor: the innermost key or value the loader recorded, and what it names."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Tuple

from compilecli.diagnostics import SpecPath
from compilecli.server.positions import SpanMapper


@dataclass
class Spot:
    """A key or value of one spec under the cursor."""
    result: Any                 # the SpecResult it belongs to
    path: SpecPath
    is_key: bool
    start: int                  # character offsets in the text the spec was read from
    end: int


def spot_at(results, offset: int, text_of=None) -> Optional[Spot]:
    """The smallest key or value span holding offset, over the given results (keys win ties)."""
    best: Optional[Tuple[int, int, int, Spot]] = None
    mappers = {}
    for result in results:
        loaded = result.loaded
        if loaded is None or not loaded.usable:
            continue
        text = text_of(result) if text_of else loaded.text
        if (id(text), loaded.format) not in mappers:
            mappers[(id(text), loaded.format)] = SpanMapper(text, loaded.format)
        mapper = mappers[(id(text), loaded.format)]
        for is_key, table in ((True, loaded.sourcemap.keys), (False, loaded.sourcemap.values)):
            for path, span in table.items():
                if not path or span is None or not span.end_line:
                    continue
                start, end = mapper.offsets(span)
                if not start <= offset <= end:
                    continue
                rank = (end - start, 0 if is_key else 1, -len(path))
                if best is None or rank < best[:3]:
                    best = (*rank, Spot(result, tuple(path), is_key, start, end))
    return best[3] if best else None


def ref_at(spot: Spot):
    """(ObjectRef, argument name or None) the spot is about, when it is about an object."""
    spec = spot.result.resolved
    if spec is None:
        return None, None
    path = spot.path
    for ref in spec.objects:
        if path == tuple(ref.path) and not spot.is_key:
            return ref, None
        if path == tuple(ref.path) + ("class_name",):
            return ref, None
        if ref.config_path is not None and len(path) == len(ref.config_path) + 1 \
                and path[:-1] == tuple(ref.config_path) and spot.is_key and isinstance(path[-1], str):
            return ref, path[-1]
    return None, None


def word_at(text: str, offset: int) -> Tuple[str, int, int]:
    """The identifier-like word around offset (letters, digits, _ and .)."""
    import re
    for match in re.finditer(r"[A-Za-z_]\w*", text[max(0, offset - 200):offset + 200]):
        start = match.start() + max(0, offset - 200)
        end = match.end() + max(0, offset - 200)
        if start <= offset <= end:
            return match.group(0), start, end
    return "", offset, offset
