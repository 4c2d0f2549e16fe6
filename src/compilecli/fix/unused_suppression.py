"""unused-suppression: take out what a suppression comment lists but silenced nothing (CC901).

The comment goes when nothing in it silenced anything (``# compilecli: ignore`` over a clean line,
``ignore[CC3]`` with CC3 unused); a comment line of its own goes with its line. When some codes
were used, only the unused ones leave the list (``ignore[CC3, CC501]`` -> ``ignore[CC501]``).
Every CC901 of one comment computes the same edit, so they are made once.
"""
from __future__ import annotations

import re
from typing import Optional

from compilecli.fix.document import Edit, Fix

CODES = ("CC901",)
EXAMPLES = [
    ("compile:\n  loss: mse   # compilecli: ignore[CC501]\n", "compile:\n  loss: mse\n"),
    ("compile:\n  # compilecli: ignore\n  loss: mse\n", "compile:\n  loss: mse\n"),
    ("compile:\n  optimizer: adamm   # compilecli: ignore[CC201, CC5]\n",
     "compile:\n  optimizer: adamm   # compilecli: ignore[CC201]\n"),
]
LISTED = re.compile(r"\[([^\]\n]*)\]")


def fix(doc, diag, context) -> Optional[Fix]:
    span = diag.span
    start = doc.offset(span.line, span.column) if span is not None else None
    end = doc.offset(span.end_line, span.end_column) if span is not None and span.end_line else None
    if start is None or end is None or end <= start or not doc.text[start:end].lstrip().startswith("#"):
        return None
    unused = _unused_codes(diag, context)
    directive = doc.text[start:end]
    listed = LISTED.search(directive)
    codes = [c.strip() for c in re.split(r"[,\s]+", listed.group(1)) if c.strip()] if listed else []
    kept = [c for c in codes if c.upper() not in unused]
    if codes and kept and len(kept) < len(codes):
        inner = (start + listed.start(1), start + listed.end(1))
        return Fix(diag.code, span.line, [Edit(inner[0], inner[1], ", ".join(kept))])
    if codes and kept:
        return None
    return Fix(diag.code, span.line, [_delete_comment(doc, start, end)])


def _unused_codes(diag, context) -> set:
    """Every code CC901 reported unused in the same comment (the diagnostics of the spec, same span)."""
    same = [d for d in getattr(context, "diagnostics", ()) or (diag,) if d.code == "CC901" and d.span == diag.span]
    return {str(d.arguments.get("listed", "")).upper() for d in same} | {"*"}


def _delete_comment(doc, start: int, end: int) -> Edit:
    """The comment and the spaces before it; its whole line when nothing else is on it."""
    line = doc.line_of(start)
    head = doc.text[doc.starts[line]:start]
    tail = doc.text[end:doc.ends[line]]
    if head.strip(" \t") == "" and tail.strip(" \t\r") == "" and line + 1 < len(doc.starts):
        return Edit(doc.starts[line], doc.starts[line + 1])
    while start > doc.starts[line] and doc.text[start - 1] in " \t":
        start -= 1
    return Edit(start, end)
