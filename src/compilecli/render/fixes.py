"""Which diagnostics `--fix` would fix, and their edits as positions (for the [*] mark, JSON and SARIF).

A finding can only be fixed when the stage that found it attached a typed fix (``diag.fix``); the
answer is then the fix planner's own (``compilecli.fix.plan``), so a finding is marked fixable exactly
when `check --fix` would fix it. Each renderer asks once per result (results are frozen: nothing is
remembered on them), and only results with an attached fix import the fix package.
"""
from __future__ import annotations

from typing import Dict, List, Optional


def fixes_of(result) -> Dict[int, object]:
    """index of a diagnostic in result.diagnostics -> the Fix `--fix` would make for it."""
    found: Dict[int, object] = {}
    if not any(d.fix is not None for d in result.diagnostics):
        return found                       # nothing attached: the fix package is never imported
    from compilecli.fix import fixable, plan
    if fixable(result):            # a file, or stdin (`--fix -` prints it fixed)
        made = {(f.code, tuple(f.path), f.line): f for f in plan(result)}
        for index, diag in enumerate(result.diagnostics):
            fix = made.get((diag.code, tuple(diag.path), diag.span.line if diag.span else 0))
            if fix is not None and diag.fix is not None:
                found[index] = fix
    return found


def position(text: str, offset: int) -> Dict[str, int]:
    """1-based line and column (code points) of a character offset."""
    before = text[:offset]
    line = before.count("\n") + 1
    return {"line": line, "column": offset - (before.rfind("\n") + 1) + 1}


def edits_json(result, fix) -> List[Dict[str, object]]:
    text = result.loaded.text
    return [{"content": e.text, "location": position(text, e.start), "end_location": position(text, e.end)}
            for e in sorted(fix.edits)]


def fix_json(result, fixes: Dict[int, object], index: int, message: str) -> Optional[Dict[str, object]]:
    """ruff's shape: {"applicability", "message", "edits": [{content, location, end_location}]}, or None.
    ``fixes``: ``fixes_of(result)``, asked once per result."""
    fix = fixes.get(index)
    if fix is None:
        return None
    return {"applicability": "safe", "message": message, "edits": edits_json(result, fix)}
