"""Which fixes to make for one spec, and the text with their edits applied."""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from compilecli.diagnostics import ERROR, Diagnostic
from compilecli.fix.context import FixContext
from compilecli.fix.document import Document, Edit, Fix
from compilecli.fix.registry import FIXERS


def plan(result) -> List[Fix]:
    """The fixes to make for a SpecResult's (filtered) diagnostics, non-overlapping, in file order."""
    loaded, diagnostics = result.loaded, result.diagnostics
    if loaded is None or not loaded.usable or not loaded.text:
        return []
    if any(load_error(d) for d in list(loaded.diagnostics) + list(diagnostics)):
        return []                    # duplicate keys and the like (even if --ignore'd): not certain
    doc = Document(loaded, result.resolved)
    context = FixContext(result.resolved)
    found: List[Fix] = []
    for diag in diagnostics:
        for module in FIXERS.get(diag.code, ()):
            made = module.fix(doc, diag, context)
            if made is not None and made.edits and all(e is not None for e in made.edits):
                made.path = made.path or tuple(diag.path)
                found.append(made)
                break
    # The larger edit wins where two overlap (a deleted entry takes its value's fix with it).
    found.sort(key=lambda f: (-sum(e.end - e.start for e in f.edits), f.edits[0].start))
    chosen: List[Fix] = []
    taken: List[Edit] = []
    for candidate in found:
        if any(e.overlaps(t) for e in candidate.edits for t in taken):
            continue
        chosen.append(candidate)
        taken.extend(candidate.edits)
    chosen.sort(key=lambda f: f.edits[0].start)
    return chosen


def load_error(diag: Diagnostic) -> bool:
    return diag.code.startswith("CC1") and diag.severity == ERROR


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits, from the end so earlier offsets stay valid."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def fix_text(text: str, source: str = "<text>", target: Optional[str] = None,
             fmt: Optional[str] = None) -> Tuple[str, List[Fix]]:
    """Check text and return (fixed text, fixes made): the pure core, for tests and tools."""
    from compilecli.checker import check_loaded
    from compilecli.load import load_text
    loaded = load_text(text, source, fmt)
    # as `check --strict` reports it: suppressed problems are not fixed, unused suppressions (CC901) are
    from compilecli.checker.filter import filter_results
    from compilecli.config import CheckOptions
    result = filter_results([check_loaded(loaded, target)], CheckOptions(strict=True)).results[0]
    fixes = plan(result)
    return apply_edits(loaded.text, [e for f in fixes for e in f.edits]), fixes
