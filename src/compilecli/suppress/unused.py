"""CC901 (unused-suppression): a suppression, or a code listed in one, that silenced nothing."""
from __future__ import annotations

from typing import Callable, List, Sequence

from compilecli.diagnostics import WARNING, Diagnostic, Span, Unsuppress, diagnostic
from compilecli.suppress.suppression import Suppression


def unused_diagnostics(suppressions: Sequence[Suppression], enabled: Callable[[str], bool]) -> List[Diagnostic]:
    """CC901 for each blanket suppression that silenced nothing and each listed code that matched nothing."""
    from compilecli.config import is_known_prefix

    out: List[Diagnostic] = []
    for s in suppressions:
        span = Span(s.line, s.column, s.line, s.end_column)
        where = "file" if s.file_level else "line"
        if not s.codes:
            if not s.used:
                out.append(diagnostic("CC901", WARNING, span=span, key=f"codes.CC901.{where}_all", fix=Unsuppress(),
                                      line=s.target))
            continue
        found = []                  # (code, key, args) of each listed code reported unused
        for code in s.codes:
            if s.used.get(code):
                continue
            if not is_known_prefix(code):
                found.append((code, "codes.CC901.unknown", {"listed": code}))
            elif enabled(code):
                key = "codes.CC901" if where == "line" else "codes.CC901.file"
                found.append((code, key, {"listed": code, "line": s.target}))
        # the fix every CC901 of this comment shares: keep what silenced something (or is not judged here)
        fix = Unsuppress(tuple(c for c in s.codes if c not in {code for code, _, _ in found}))
        out.extend(diagnostic("CC901", WARNING, span=span, key=key, fix=fix, **args) for _, key, args in found)
    return out
