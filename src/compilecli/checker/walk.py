"""Walking a folder for specs: what a user would not want read is passed over.

Not entered (unless named on the command line): hidden folders (``.git``, ``.venv``, ...), virtual
environments (a folder with ``pyvenv.cfg``, or a conda environment's ``conda-meta``),
``node_modules``, ``site-packages``, ``__pycache__`` and the folders ruff also skips, what
``.gitignore`` files ignore (see ``gitignore``), and ``/proc`` and ``/sys``. Files that are not
regular (FIFOs, devices, sockets) are passed over. A folder that cannot be listed is yielded
itself, so the checker reports it (CC100) instead of "all checks passed". In a terminal, a
progress line on standard error says how far the walk got.
"""
from __future__ import annotations

import os
from typing import Callable, Iterator, List, Optional

from compilecli.checker.gitignore import Ignores

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox", "site-packages",
             "dist-packages", "__pypackages__", "_build", "buck-out", ".eggs"}
ENVIRONMENT_MARKS = ("pyvenv.cfg", "conda-meta")
SYSTEM_DIRS = ("/proc", "/sys")

PathTest = Callable[[str], bool]


def skipped_folder(path: str, name: str) -> bool:
    if name in SKIP_DIRS or name.startswith("."):
        return True
    if any(os.path.exists(os.path.join(path, mark)) for mark in ENVIRONMENT_MARKS):
        return True
    return os.path.abspath(path) in SYSTEM_DIRS


def walk(folder: str, include: Optional[PathTest] = None, exclude: Optional[PathTest] = None,
         pruned: Optional[List[str]] = None) -> Iterator[str]:
    """Spec files under folder (and those include accepts), in sorted order, depth first;
    folders excluded by ``exclude`` are not entered (they are appended to ``pruned``)."""
    from compilecli.world.progress import Progress
    progress = Progress.on_stderr(_words(folder))
    stack = [(folder, Ignores.above(folder))]
    folders = found = 0
    try:
        while stack:
            root, ignores = stack.pop()
            try:
                with os.scandir(root) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError:
                yield root            # cannot be listed: the reader says why (CC100)
                continue
            folders += 1
            ignores = ignores.entering(root, {entry.name for entry in entries})
            below = []
            for entry in entries:
                path = os.path.join(root, entry.name)
                if _is_folder(entry):
                    if skipped_folder(path, entry.name) or ignores.ignored(path, True):
                        continue
                    if exclude is not None and exclude(path):
                        if pruned is not None:
                            pruned.append(path)
                        continue
                    below.append(path)
                elif _wanted(entry, path, include) and not ignores.ignored(path, False):
                    found += 1
                    yield path
            stack.extend((path, ignores) for path in reversed(below))
            progress.update(folders=folders, found=found)
    finally:
        progress.done()


def _is_folder(entry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _wanted(entry, path: str, include: Optional[PathTest]) -> bool:
    """A spec by its name (or one include accepts) that is a regular file: FIFOs, devices and sockets
    are passed over (reading one may never end); a broken link is kept, so that it is reported."""
    if not (entry.name.lower().endswith(SPEC_SUFFIXES) or (include is not None and include(path))):
        return False
    try:
        return entry.is_file() or not os.path.exists(path)
    except OSError:
        return True


def _words(folder: str):
    def say(**counts) -> str:
        from compilecli.world.words import say as words
        from compilecli.world.text import printable
        return words("world.progress", folder=printable(folder), **counts)
    return say
