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


def fix_result(result, options) -> Optional[FileFix]:
    """Fix one SpecResult; None when there is nothing to do."""
    if not rewritable(result):
        return None
    loaded = result.loaded
    fixes = plan(loaded, result.diagnostics, result.target)
    if not fixes:
        return None
    new_text = apply_edits(loaded.text, [e for f in fixes for e in f.edits])
    outcome = FileFix(result.source, loaded.text, new_text, fixes)
    if new_text == loaded.text:
        return None
    fresh, reported = recheck(result, new_text, options)
    if not round_trips(fresh, fixes, result):
        outcome.problem = "fix.reverted"
        outcome.new_text = loaded.text
        return outcome
    outcome.result = reported
    outcome.fixed = max(0, len(result.diagnostics) - len(outcome.result.diagnostics))
    return outcome
