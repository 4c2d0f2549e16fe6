"""The fixed text, checked again: is it safe to write, and what does the report say remains?"""
from __future__ import annotations

from typing import Dict, List

from compilecli.diagnostics import SpecPath
from compilecli.fix.document import Fix
from compilecli.fix.plan import load_error


def recheck(result, new_text: str, options):
    """The fixed text checked and filtered as `compilecli check` filters (one decision point)."""
    from compilecli.checker import check_loaded
    from compilecli.checker.filter import filter_results
    from compilecli.load import load_text
    loaded = load_text(new_text, result.source, result.loaded.format)
    fresh = check_loaded(loaded, options.target, result.path)
    return fresh, filter_results([fresh], options).results[0]


def round_trips(fresh, fixes: List[Fix], before) -> bool:
    """The fixed text loads as cleanly as before and no longer has what was fixed."""
    if fresh.loaded is None or not fresh.loaded.usable:
        return False
    old_load = {d.code for d in list(before.loaded.diagnostics) + list(before.diagnostics) if load_error(d)}
    if any(load_error(d) and d.code not in old_load for d in fresh.diagnostics):
        return False
    renames = _renames(fixes)
    remaining = {(d.code, tuple(d.path)) for d in fresh.diagnostics}
    return not any((fix.code, _moved(fix.path, renames)) in remaining for fix in fixes)


def _renames(fixes: List[Fix]) -> Dict[SpecPath, SpecPath]:
    out: Dict[SpecPath, SpecPath] = {}
    for fix in fixes:
        out.update(fix.renames)
    return out


def _moved(path: SpecPath, renames: Dict[SpecPath, SpecPath]) -> SpecPath:
    path = tuple(path)
    for old, new in renames.items():
        if path[:len(old)] == old:
            return new + path[len(old):]
    return path
