"""The fixed text, checked again: is it safe to write, and what does the report say remains?"""
from __future__ import annotations

from compilecli import record   # SpecResult and Report are compilecli.record dataclasses
from collections import Counter
from typing import Dict, List

from compilecli.diagnostics import SpecPath
from compilecli.fix.document import Fix
from compilecli.fix.plan import load_error


def recheck(result, new_text: str, options):
    from compilecli.checker import check_loaded
    from compilecli.load import load_text
    loaded = load_text(new_text, result.source, result.loaded.format)
    return check_loaded(loaded, getattr(options, "target", None))


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


def refiltered(before, fresh, options):
    """The fresh result through the same filters as `compilecli check` (select/ignore,
    per-file-ignores, inline suppressions and, with strict, unused ones); None when the options
    are not the checker's (then `keep_reported` stands in)."""
    needed = ("select", "ignore", "per_file_ignores", "root", "strict")
    if not all(hasattr(options, name) for name in needed):
        return None
    try:
        from compilecli.checker.run import CodeFilter
    except ImportError:
        return None
    on = CodeFilter(options.select, options.ignore, options.per_file_ignores, options.root)
    fresh.diagnostics = [d for d in fresh.diagnostics if on.keeps(d.code, fresh.source)]
    if "compilecli:" in (fresh.loaded.text or ""):
        from compilecli import suppress
        suppress.apply([fresh], options.strict, on.any_enabled)
    return record.replace(before, diagnostics=fresh.diagnostics, loaded=fresh.loaded)


def keep_reported(before, fresh, fixes: List[Fix]):
    """The fresh result, keeping only problems the report already had (at their moved paths).

    The report was filtered (--select/--ignore, suppressions, configuration) before it reached
    us; a diagnostic the fixed text still has is reported again only if it was reported before.
    """
    renames = _renames(fixes)
    budget = Counter((d.code, _moved(d.path, renames)) for d in before.diagnostics)
    kept = []
    for d in fresh.diagnostics:
        key = (d.code, tuple(d.path))
        if budget[key] > 0:
            budget[key] -= 1
            kept.append(d)
    return record.replace(before, diagnostics=kept, loaded=fresh.loaded)
