"""One spec file: fix it in memory, re-check it, and keep the outcome (``FileFix``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Optional

from compilecli.fix.document import Fix
from compilecli.fix.plan import apply_edits, load_error, plan
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
    problem_args: dict = field(default_factory=dict)
    written: bool = False           # on disk, or (stdin) on standard output

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text and not self.problem


def fixable(result) -> bool:
    """One YAML/JSON spec whose whole text is the spec (a file, or stdin): not a compile() call in code."""
    loaded = result.loaded
    if loaded is None or not loaded.text or loaded.format not in ("yaml", "json"):
        return False
    return not result.source.lower().endswith(NOT_REWRITTEN_SUFFIXES)


def from_stdin(result) -> bool:
    """Read from `-` (with or without --stdin-filename): fixed on standard output, never written to a file."""
    return result.source in STDIN_SOURCES or result.path == "-"


def rewritable(result) -> bool:
    """A fixable spec in a file of its own (not stdin): the file may be rewritten."""
    return fixable(result) and not from_stdin(result)


def blocker(result):
    """The load error (a duplicate key, even --ignore'd) that makes no fix certain while it is there, or None."""
    loaded = result.loaded
    return next((d for d in list(loaded.diagnostics) + list(result.diagnostics) if load_error(d)), None)


# Fixes whose edits overlap (two neighbours deleted from one flow mapping) wait for the next round,
# as in ruff's fix loop; a handful of rounds settles any spec.
MAX_ROUNDS = 4


def fix_result(result, options) -> Optional[FileFix]:
    """Fix one SpecResult, round after round until nothing is left to fix; None when there is
    nothing to do. A round whose text does not load cleanly is dropped (the earlier ones stay)."""
    if not fixable(result):
        return None
    outcome = FileFix(result.source, result.loaded.text, result.loaded.text)
    stop = blocker(result)
    if stop is not None:             # say why nothing is fixed (it used to be silent)
        if any(d.fix is not None for d in result.diagnostics):
            outcome.problem = "fix.blocked"
            outcome.problem_args = {"code": stop.code, "line": stop.span.line if stop.span else 1}
            return outcome
        return None
    current = result
    for _ in range(MAX_ROUNDS):
        fixes = plan(current)
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
