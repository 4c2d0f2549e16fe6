"""Applying suppressions to results: what they silence, and with strict the unused ones (CC901).

Pure: results in, new results out (``record.replace``); the Suppression records of one call
count what they silenced, and are thrown away with it.
"""
from __future__ import annotations

from compilecli import record   # SpecResult is a compilecli.record dataclass
from typing import Callable, Dict, List, Sequence, Tuple

from compilecli.codes import CODES
from compilecli.diagnostics import Diagnostic
from compilecli.suppress.directives import from_comments
from compilecli.suppress.suppression import Suppression
from compilecli.suppress.unused import unused_diagnostics


def apply(results: Sequence, strict: bool, enabled: Callable[[str, str], bool]) -> Tuple[List, int]:
    """(results without what is suppressed, + CC901 for unused ones with strict; how many were silenced).

    Results that come from the same file (several compile() calls in one .py) share its
    comments: a comment is unused only when it silenced nothing in any of them.
    ``enabled(code_prefix, source)`` says whether select/ignore leave any such code on for that file.
    """
    out = list(results)
    groups: Dict[Tuple[str, str], List[int]] = {}
    for index, result in enumerate(results):
        loaded = result.loaded
        if loaded is not None and loaded.comments:
            groups.setdefault((result.source, loaded.text), []).append(index)
    silenced = 0
    for (source, _), members in groups.items():
        suppressions = from_comments(results[members[0]].loaded.comments)
        if not suppressions:
            continue
        by_line = _by_line(suppressions)
        for index in members:
            kept = [d for d in out[index].diagnostics if not _silence(d, by_line)]
            silenced += len(out[index].diagnostics) - len(kept)
            out[index] = record.replace(out[index], diagnostics=kept)
        if strict:
            unused = [d for d in unused_diagnostics(suppressions, lambda code: enabled(code, source))
                      if enabled(d.code, source)]
            if unused:
                first = out[members[0]]
                out[members[0]] = record.replace(
                    first, diagnostics=sorted(list(first.diagnostics) + unused, key=Diagnostic.sort_key))
    return out, silenced


def _by_line(suppressions: Sequence[Suppression]) -> Tuple[Dict[int, List[Suppression]], List[Suppression]]:
    """(line -> the suppressions that silence it, the file-level ones): a diagnostic looks only at
    its own line's, so the cost is linear in diagnostics + comments, not their product."""
    lines: Dict[int, List[Suppression]] = {}
    whole_file: List[Suppression] = []
    for suppression in suppressions:
        if suppression.file_level:
            whole_file.append(suppression)
        else:
            lines.setdefault(suppression.target, []).append(suppression)
    return lines, whole_file


def _silence(diag: Diagnostic, by_line) -> bool:
    info = CODES.get(diag.code)
    if diag.code == "CC901" or (info is not None and info.exit_code == 2):
        return False      # unreadable input always fails; a report about suppressions is not suppressible
    lines, whole_file = by_line
    candidates = whole_file
    if diag.span is not None and diag.span.line in lines:
        candidates = whole_file + lines[diag.span.line]
    hit = False
    for suppression in candidates:
        entry = suppression.matches(diag)
        if entry is not None:
            suppression.used[entry] = suppression.used.get(entry, 0) + 1
            hit = True
    return hit
