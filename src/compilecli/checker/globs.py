"""gitignore-like globs over paths relative to the configuration file's folder."""
from __future__ import annotations

from typing import Callable, Optional, Sequence


def file_of(source: str) -> str:
    """The file a result's source names: "nb.ipynb:cell 3" -> "nb.ipynb"."""
    head, sep, tail = source.rpartition(":cell ")
    return head if sep and tail.isdigit() else source


def globs_test(patterns: Sequence[str], root: str) -> Optional[Callable[[str], bool]]:
    if not patterns:
        return None
    return lambda path: path_matches(path, patterns, root)


def relative_posix(path: str, root: str) -> str:
    """path relative to root with forward slashes; as given (with forward slashes) when outside root."""
    from compilecli.paths import shown
    return shown(path, root)


def path_matches(path: str, patterns: Sequence[str], root: str) -> bool:
    """gitignore-like matching of a path, relative to root, against globs.

    A glob without '/' matches a file or folder name at any depth (``*.py``, ``legacy``);
    a glob with '/' matches the relative path (``configs/*.yaml``; ``*`` also crosses '/'),
    or anything under it when it names a folder (``configs/old``); a leading ``**/`` also
    matches at the top.
    """
    from fnmatch import fnmatch

    rel = relative_posix(path, root)
    if rel.startswith("./"):
        rel = rel[2:]
    parts = [p for p in rel.split("/") if p]
    for raw in patterns:
        pattern = raw.replace("\\", "/").strip()
        while pattern.startswith("./"):
            pattern = pattern[2:]
        pattern = pattern.rstrip("/")
        if not pattern:
            continue
        if "/" not in pattern:
            if any(fnmatch(part, pattern) for part in parts):
                return True
            continue
        candidates = [pattern]
        if pattern.startswith("**/"):
            candidates.append(pattern[3:])
        if pattern.startswith("/"):
            candidates = [pattern[1:]]
        for candidate in candidates:
            if fnmatch(rel, candidate) or fnmatch(rel, candidate + "/*"):
                return True
    return False
