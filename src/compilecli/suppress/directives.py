"""The loader's comments -> suppression directives, each with the line it applies to."""
from __future__ import annotations

import re
from typing import Iterable, List, Tuple

from compilecli.load.comments import MARKER, Comment
from compilecli.suppress.suppression import Suppression

# `# compilecli: ignore`, `# compilecli: ignore[CC501, CC3]`, `# compilecli: ignore-file[...]`
# (an unclosed `ignore[CC501` is no directive at all, never a blanket one). Matched inside a
# comment's own text only: where comments are is the loader's business.
PATTERN = re.compile(r"#\s*compilecli:\s*(ignore-file|ignore)(?:\[([^\]\n]*)\]|(?![\w\[-]))", re.IGNORECASE)


def has_directive(comments: Iterable[Comment]) -> bool:
    return any(MARKER in comment.text.lower() for comment in comments)


def from_comments(comments: Iterable[Comment]) -> List[Suppression]:
    """Every suppression among a file's comments."""
    found: List[Suppression] = []
    for comment in comments:
        if MARKER not in comment.text.lower():
            continue
        match = PATTERN.search(comment.text)
        if match is None:
            continue
        kind, listed = match.group(1).lower(), match.group(2)
        codes = _codes(listed) if listed is not None else ()
        if kind == "ignore-file":
            target = 0
        elif comment.own_line and match.start() == 0:
            target = comment.next_line      # a comment line of its own: the next line of content
        else:
            target = comment.line
        if target is None:
            continue
        column = comment.column + match.start()
        found.append(Suppression(comment.line, column, column + match.end() - match.start(), target, codes))
    return found


def parse(text: str, python: bool = False) -> List[Suppression]:
    """Every suppression of a file's text, its comments read as the loader reads them."""
    from compilecli.load.comments import python_comments, yaml_comments
    return from_comments(python_comments(text) if python else yaml_comments(text))


def _codes(listed: str) -> Tuple[str, ...]:
    out: List[str] = []
    for part in re.split(r"[,\s]+", listed):
        code = part.strip().upper()
        if code and code not in out:
            out.append(code)
    return tuple(out)
