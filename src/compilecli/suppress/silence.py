"""Applying suppressions to results: what they silence, and with strict the unused ones (CC901).

Pure: results in, new results out (``dataclasses.replace``); the Suppression records of one call
count what they silenced, and are thrown away with it.
"""
from __future__ import annotations

import dataclasses
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
        for index in members:
            kept = [d for d in out[index].diagnostics if not _silence(d, suppressions)]
            silenced += len(out[index].diagnostics) - len(kept)
            out[index] = dataclasses.replace(out[index], diagnostics=kept)
        if strict:
            unused = [d for d in unused_diagnostics(suppressions, lambda code: enabled(code, source))
                      if enabled(d.code, source)]
            if unused:
                first = out[members[0]]
                out[members[0]] = dataclasses.replace(
                    first, diagnostics=sorted(list(first.diagnostics) + unused, key=Diagnostic.sort_key))
    return out, silenced


def _silence(diag: Diagnostic, suppressions: Sequence[Suppression]) -> bool:
    info = CODES.get(diag.code)
    if diag.code == "CC901" or (info is not None and info.exit_code == 2):
        return False      # unreadable input always fails; a report about suppressions is not suppressible
    hit = False
    for suppression in suppressions:
        entry = suppression.matches(diag)
        if entry is not None:
            suppression.used[entry] = suppression.used.get(entry, 0) + 1
            hit = True
    return hit
