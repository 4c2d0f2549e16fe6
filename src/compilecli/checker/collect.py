"""Turn the command line's SPEC arguments into a list of spec paths."""
from __future__ import annotations

import os
from typing import Iterable, List, Tuple

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"}


def collect(args: Iterable[str]) -> Tuple[List[str], List[str]]:
    """(paths to check, folders that held no spec). Files named explicitly are always checked."""
    paths: List[str] = []
    empty: List[str] = []
    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            found = list(_walk(arg))
            paths.extend(found)
            if not found:
                empty.append(arg)
        else:
            paths.append(arg)
    return paths, empty


def _walk(folder: str):
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SPEC_SUFFIXES):
                yield os.path.join(root, name)
