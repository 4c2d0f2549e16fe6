"""Paths as users see them in reports: relative to a folder, with forward slashes."""
from __future__ import annotations

import os
from typing import Optional


def relative_inside(path: str, root: str = ".") -> Optional[str]:
    """path relative to root with forward slashes, or None when it lies outside root
    (or on another drive on Windows)."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:
        return None
    if rel == ".." or rel.startswith(".." + os.sep):
        return None
    return rel.replace(os.sep, "/")


def shown(path: str, root: str = ".") -> str:
    """Relative inside root, else the path as given (forward slashes either way)."""
    return relative_inside(path, root) or path.replace(os.sep, "/")
