"""One spec file: fix it in memory, re-check it, and keep the outcome (``FileFix``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Optional

from compilecli.fix.document import Fix
from compilecli.fix.plan import apply_edits, plan
from compilecli.fix.recheck import recheck, round_trips

# Files whose text is not one spec (several compile() calls in code) are never rewritten.
NOT_REWRITTEN_SUFFIXES = (".py", ".ipynb")
STDIN_SOURCES = ("-", "<stdin>")


@dataclass
class FileFix:
    """The outcome for one spec file."""
    source: str
    old_text: str
    new_text: str
    fixes: List[Fix] = field(default_factory=list)
    result: Any = None              # the SpecResult of the fixed text (what remains)
    fixed: int = 0                  # problems of the report that are gone
    problem: str = ""               # i18n key when the fixes were not applied (fix.reverted, ...)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text and not self.problem


def rewritable(result) -> bool:
    """One YAML/JSON spec in a file of its own: not stdin, not a compile() call in code."""
    loaded = result.loaded
    if loaded is None or not loaded.text or result.source in STDIN_SOURCES or result.path == "-":
        return False
    if loaded.format not in ("yaml", "json"):
        return False
    return not result.source.lower().endswith(NOT_REWRITTEN_SUFFIXES)


# Fixes whose edits overlap (two neighbours deleted from one flow mapping) wait for the next round,
# as in ruff's fix loop; a handful of rounds settles any spec.
MAX_ROUNDS = 4


def fix_result(result, options) -> Optional[FileFix]:
    """Fix one SpecResult, round after round until nothing is left to fix; None when there is
    nothing to do. A round whose text does not load cleanly is dropped (the earlier ones stay)."""
    if not rewritable(result):
        return None
    outcome = FileFix(result.source, result.loaded.text, result.loaded.text)
    current = result
    for _ in range(MAX_ROUNDS):
        fixes = plan(current.loaded, current.diagnostics, current.target)
        new_text = apply_edits(current.loaded.text, [e for f in fixes for e in f.edits])
        if not fixes or new_text == current.loaded.text:
            break
        fresh, reported = recheck(current, new_text, options)
        if not round_trips(fresh, fixes, current):
            if not outcome.fixes:
                outcome.problem = "fix.reverted"
                outcome.fixes = fixes
                return outcome
            break
        outcome.fixes.extend(fixes)
        outcome.new_text, outcome.result, current = new_text, reported, reported
    if not outcome.fixes:
        return None
    outcome.fixed = max(0, len(result.diagnostics) - len(outcome.result.diagnostics))
    return outcome
