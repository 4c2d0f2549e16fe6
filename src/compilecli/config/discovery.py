"""Finding the configuration file: the nearest ``.compilecli.toml``, or ``pyproject.toml`` with our table.

Only stat calls happen when there is none; a ``pyproject.toml`` that never mentions
``compilecli`` is not parsed at all.
"""
from __future__ import annotations

import os
from typing import Optional

from compilecli.config.toml_file import parse_toml, read_capped


def find_config(start: str) -> Optional[str]:
    """The nearest .compilecli.toml, or pyproject.toml with a [tool.compilecli] table, from start up."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, ".compilecli.toml")
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _pyproject_has_table(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _pyproject_has_table(path: str) -> bool:
    from compilecli.world.files import TooLarge
    try:
        raw = read_capped(path)
    except TooLarge:       # too large to look into: say so (read_config will), do not pass it over
        return True
    except OSError:        # unreadable, or not a regular file
        return False
    if b"compilecli" not in raw:        # the cheap test: most pyproject.toml files never parse
        return False
    try:
        doc = parse_toml(raw)
    except Exception:   # a broken pyproject.toml that mentions us: report it, do not pass it over
        return True
    tool = doc.get("tool")
    return isinstance(tool, dict) and "compilecli" in tool
