"""A file's text -> its suppression comments, each with the line it applies to."""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from compilecli.fix.document import _YAML_BREAK
from compilecli.suppress.comments import MARKER, PATTERN, python_comments, yaml_directive
from compilecli.suppress.suppression import Suppression


def parse(text: str, python: bool = False) -> List[Suppression]:
    """Every suppression comment of a file's text, with the line each one applies to."""
    if not text or MARKER not in text.lower():
        return []
    lines = split_lines(text, python)
    comments = python_comments(text) if python else None
    found: List[Suppression] = []
    next_content: Optional[List[Optional[int]]] = None     # built once, when an own-line comment needs it
    for index, line in enumerate(lines):
        if MARKER not in line.lower():
            continue
        if comments is not None:
            column = comments.get(index + 1)
            if column is None:
                continue
            match = PATTERN.search(line, column)
        else:
            match = yaml_directive(line)
        if match is None:
            continue
        kind, listed = match.group(1).lower(), match.group(2)
        codes = _codes(listed) if listed is not None else ()
        own_line = not line[:match.start()].strip()
        if kind == "ignore-file":
            target = 0
        elif own_line:
            if next_content is None:
                next_content = _next_content_lines(lines)
            target = next_content[index]
        else:
            target = index + 1
        if target is None:
            continue
        found.append(Suppression(index + 1, match.start() + 1, match.end() + 1, target, codes))
    return found


#: Python's tokenizer and ast end a line only at \r\n, \r or \n (a form feed, \x1c-\x1e, NEL,
#: U+2028/U+2029 are characters within the line, which str.splitlines() would split on).
_PYTHON_BREAK = re.compile("\r\n|[\r\n]")


def split_lines(text: str, python: bool = False) -> List[str]:
    """The file's lines as the loader numbers them: Python's line ends, or YAML's (libyaml: also NEL,
    U+2028, U+2029, but not a form feed)."""
    lines = (_PYTHON_BREAK if python else _YAML_BREAK).split(text)
    if lines and not lines[-1]:
        lines.pop()                 # the text ends with a line break: no extra empty line
    return lines


def _codes(listed: str) -> Tuple[str, ...]:
    out: List[str] = []
    for part in re.split(r"[,\s]+", listed):
        code = part.strip().upper()
        if code and code not in out:
            out.append(code)
    return tuple(out)


def _next_content_lines(lines: Sequence[str]) -> List[Optional[int]]:
    """For each line index, the 1-based number of the next later line that is neither blank nor only
    a comment (None at the end): one backward pass, so a run of comment lines costs linear time."""
    out: List[Optional[int]] = [None] * len(lines)
    following: Optional[int] = None
    for later in range(len(lines) - 1, -1, -1):
        out[later] = following
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            following = later + 1
    return out
