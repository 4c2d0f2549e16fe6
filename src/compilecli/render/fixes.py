"""Which diagnostics `--fix` would fix, and their edits as positions (for the [*] mark, JSON and SARIF).

The answer is the fix planner's own (``compilecli.fix.plan``), so a finding is marked fixable exactly
when `check --fix` would fix it. Computed once per result, and only for results with a fixable code.
"""
from __future__ import annotations

from typing import Dict, List, Optional


def fixes_of(result) -> Dict[int, object]:
    """index of a diagnostic in result.diagnostics -> the Fix `--fix` would make for it."""
    cached = getattr(result, "_fixes", None)
    if cached is not None:
        return cached
    found: Dict[int, object] = {}
    if not result.diagnostics:
        return found                       # a clean spec: the fix package is never imported
    from compilecli.fix.registry import FIXERS
    if any(d.code in FIXERS for d in result.diagnostics):
        from compilecli.fix import plan, rewritable
        if rewritable(result):
            made = {(f.code, tuple(f.path), f.line): f for f in plan(result.loaded, result.diagnostics, result.target)}
            for index, diag in enumerate(result.diagnostics):
                fix = made.get((diag.code, tuple(diag.path), diag.span.line if diag.span else 0))
                if fix is not None:
                    found[index] = fix
    try:   # remembered on the (frozen) result: the text, the summary and the statistics all ask
        object.__setattr__(result, "_fixes", found)
    except (AttributeError, TypeError):
        pass
    return found


def fixable_count(report) -> int:
    return sum(len(fixes_of(result)) for result in report.results)


def position(text: str, offset: int) -> Dict[str, int]:
    """1-based line and column (code points) of a character offset."""
    before = text[:offset]
    line = before.count("\n") + 1
    return {"line": line, "column": offset - (before.rfind("\n") + 1) + 1}


def edits_json(result, fix) -> List[Dict[str, object]]:
    text = result.loaded.text
    return [{"content": e.text, "location": position(text, e.start), "end_location": position(text, e.end)}
            for e in sorted(fix.edits)]


def fix_json(result, index: int, message: str) -> Optional[Dict[str, object]]:
    """ruff's shape: {"applicability", "message", "edits": [{content, location, end_location}]}, or None."""
    fix = fixes_of(result).get(index)
    if fix is None:
        return None
    return {"applicability": "safe", "message": message, "edits": edits_json(result, fix)}
