"""unused-suppression: take out what a suppression comment lists but silenced nothing (CC901).

The comment goes when nothing in it silenced anything (``# compilecli: ignore`` over a clean line,
``ignore[CC3]`` with CC3 unused); a comment line of its own goes with its line. When some codes
were used, only the unused ones leave the list (``ignore[CC3, CC501]`` -> ``ignore[CC501]``).
The filter that reports CC901 attaches an ``Unsuppress`` naming the codes to keep; every CC901 of
one comment carries the same one, so its edit is made once.
"""
from __future__ import annotations

import re
from typing import Optional

from compilecli.diagnostics import Unsuppress
from compilecli.fix.document import Edit, Fix

CODES = ("CC901",)
EXAMPLES = [
    ("compile:\n  loss: mse   # compilecli: ignore[CC501]\n", "compile:\n  loss: mse\n"),
    ("compile:\n  # compilecli: ignore\n  loss: mse\n", "compile:\n  loss: mse\n"),
    ("compile:\n  optimizer: adamm   # compilecli: ignore[CC201, CC5]\n",
     "compile:\n  optimizer: adamm   # compilecli: ignore[CC201]\n"),
]
LISTED = re.compile(r"\[([^\]\n]*)\]")      # the code list inside the comment's own text


def fix(doc, diag, context) -> Optional[Fix]:
    unsuppress, span = diag.fix, diag.span
    if not isinstance(unsuppress, Unsuppress) or span is None or not span.end_line:
        return None
    start, end = doc.offset(span.line, span.column), doc.offset(span.end_line, span.end_column)
    if start is None or end is None or end <= start or not doc.text[start:end].lstrip().startswith("#"):
        return None
    if not unsuppress.keep:
        return Fix(diag.code, span.line, [_delete_comment(doc, start, end)])
    listed = LISTED.search(doc.text, start, end)
    if listed is None:
        return None
    return Fix(diag.code, span.line, [Edit(listed.start(1), listed.end(1), ", ".join(unsuppress.keep))])


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
