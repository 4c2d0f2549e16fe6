"""Repeated findings, grouped: a result shows its first ``limit`` diagnostics of each code and counts
the rest in one record per code, so a report stays bounded whatever the input (the same typo on
100,000 list items prints 20 lines and "99,980 more"). The summary and the exit code still count all.
"""
from __future__ import annotations

from typing import Dict, List, NamedTuple, Sequence, Tuple

from compilecli import i18n
from compilecli.codes import CODES
from compilecli.diagnostics import Diagnostic

#: How many diagnostics of one code a result shows by default (`check --max-per-code`; 0: all).
LIMIT = 20


class Omitted(NamedTuple):
    first: Diagnostic   # the first one not shown: its code, severity and place stand for the group
    count: int          # how many were not shown


def visible(diagnostics: Sequence[Diagnostic], limit: int = LIMIT) -> Tuple[List[Tuple[int, Diagnostic]], List[Omitted]]:
    """([(index in diagnostics, diagnostic) to show, in order], [one Omitted per code with more than limit])."""
    if not limit or len(diagnostics) <= limit:
        return list(enumerate(diagnostics)), []
    shown: List[Tuple[int, Diagnostic]] = []
    seen: Dict[str, int] = {}
    first: Dict[str, Diagnostic] = {}
    for index, diag in enumerate(diagnostics):
        count = seen.get(diag.code, 0)
        seen[diag.code] = count + 1
        if count < limit:
            shown.append((index, diag))
        elif count == limit:
            first[diag.code] = diag
    return shown, [Omitted(diag, seen[code] - limit) for code, diag in first.items()]


def omitted_text(group: Omitted, lang: str) -> str:
    code = group.first.code
    name = CODES[code].name if code in CODES else ""
    return i18n.text("perf.omitted", lang, count=f"{group.count:,}", code=code, name=name)


def total_omitted(report, limit: int = LIMIT) -> int:
    return sum(group.count for result in report.results for group in visible(result.diagnostics, limit)[1])
