"""``.gitignore`` files, read as git reads them, so a folder walk passes over what git does.

The rules of every ``.gitignore`` from the repository root (the folder holding ``.git``) down to
the folder being walked apply, plus ``.git/info/exclude``; a deeper file's rules come later, and
the last rule that matches a path decides (``!pattern`` re-includes). Outside a repository only
the ``.gitignore`` files inside the walked folder count. Patterns: ``#`` comments, ``\\`` escapes,
``!`` negation, a trailing ``/`` for folders only, a ``/`` elsewhere anchors the pattern to its
file's folder (else it matches a name at any depth), ``*``, ``?``, ``[...]`` and ``**``.
"""
from __future__ import annotations

import os
import re
from typing import List, Optional, Pattern, Tuple

Rule = Tuple[str, Pattern[str], bool, bool]   # (folder of the file, regex, negated, folders only)


def _translate(pattern: str) -> str:
    """A gitignore glob (already stripped of '!' and a trailing '/') as a regex on relative paths."""
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    out, i = [], 0
    if not anchored:
        out.append("(?:.*/)?")
    while i < len(pattern):
        if pattern.startswith("**/", i) and (i == 0 or pattern[i - 1] == "/"):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i) and i + 2 == len(pattern) and (i == 0 or pattern[i - 1] == "/"):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            body = "^" + body[1:] if body[:1] in ("!", "^") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out) + r"\Z"


def parse(text: str, folder: str) -> List[Rule]:
    rules: List[Rule] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        stripped = line.rstrip(" ")
        if line.endswith("\\ ") and not stripped.endswith("\\\\"):
            stripped += " "                     # an escaped trailing space stays
        negated = stripped.startswith("!")
        if negated:
            stripped = stripped[1:]
        elif stripped.startswith("\\!") or stripped.startswith("\\#"):
            stripped = stripped[1:]
        folders_only = stripped.endswith("/")
        stripped = stripped.rstrip("/")
        if not stripped:
            continue
        try:
            rules.append((folder, re.compile(_translate(stripped), re.S), negated, folders_only))
        except re.error:                        # git ignores a pattern it cannot read; so do we
            continue
    return rules


def _read_rules(path: str, folder: str) -> List[Rule]:
    from compilecli.world.files import read_bounded
    from compilecli.load import limits
    try:
        raw = read_bounded(path, limits.MAX_BYTES)
    except Exception:   # unreadable, a FIFO, too large: as git, go on without it
        return []
    return parse(raw.decode("utf-8", "surrogateescape"), folder)


class Ignores:
    """The rules in force in one folder; ``entering`` gives the rules of a sub-folder."""

    def __init__(self, rules: Optional[List[Rule]] = None):
        self.rules = rules or []

    @classmethod
    def above(cls, folder: str) -> "Ignores":
        """The rules of the repository the folder is in, from its root down to the folder's parent
        (the folder's own ``.gitignore`` is read by ``entering``, as every walked folder's is)."""
        chain = [os.path.abspath(folder)]
        while not os.path.exists(os.path.join(chain[-1], ".git")):
            parent = os.path.dirname(chain[-1])
            if parent == chain[-1]:
                return cls()          # not in a repository: only the files inside the walk count
            chain.append(parent)
        root = chain[-1]
        rules = _read_rules(os.path.join(root, ".git", "info", "exclude"), root)
        for probe in reversed(chain[1:]):
            rules.extend(_read_rules(os.path.join(probe, ".gitignore"), probe))
        return cls(rules)

    def entering(self, folder: str, names) -> "Ignores":
        if ".gitignore" not in names:
            return self
        return Ignores(self.rules + _read_rules(os.path.join(folder, ".gitignore"), os.path.abspath(folder)))

    def ignored(self, path: str, is_folder: bool) -> bool:
        """Whether git would ignore path: the last rule that matches decides."""
        if not self.rules:
            return False
        full = os.path.abspath(path)
        relative = {}
        for folder, regex, negated, folders_only in reversed(self.rules):
            if folders_only and not is_folder:
                continue
            if folder not in relative:
                rel = os.path.relpath(full, folder).replace(os.sep, "/")
                relative[folder] = None if rel == ".." or rel.startswith("../") else rel
            rel = relative[folder]
            if rel is not None and regex.match(rel):
                return not negated
        return False
