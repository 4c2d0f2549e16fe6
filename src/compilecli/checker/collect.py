"""Turn the command line's SPEC arguments into a list of spec paths."""
from __future__ import annotations

import os
from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Callable, Iterable, List, Optional, Tuple

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox"}

PathTest = Callable[[str], bool]


@dataclass
class Collected:
    paths: List[str] = field(default_factory=list)          # to check, in order, without repeats
    empty: List[str] = field(default_factory=list)          # folders named that held no spec at all
    all_excluded: List[str] = field(default_factory=list)   # folders with no spec outside excluded paths


def collect(args: Iterable[str]) -> Tuple[List[str], List[str]]:
    """(paths to check, folders that held no spec). Files named explicitly are always checked."""
    found = collect_specs(args)
    return found.paths, found.empty + found.all_excluded


def collect_specs(args: Iterable[str], include: Optional[PathTest] = None,
                  exclude: Optional[PathTest] = None) -> Collected:
    """Files named are checked unless ``exclude`` says no; folders recurse into *.yaml/*.yml/*.json
    and into the files ``include`` accepts (e.g. *.py), skipping what ``exclude`` rejects.
    ``-`` (stdin) is always checked."""
    out = Collected()
    seen = set()

    def add(path: str) -> None:
        key = path if path == "-" else os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            out.paths.append(path)

    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            pruned: List[str] = []
            candidates = list(_walk(arg, include, exclude, pruned))
            kept = [p for p in candidates if exclude is None or not exclude(p)]
            for path in kept:
                add(path)
            if not candidates and not pruned:
                out.empty.append(arg)
            elif not kept:
                out.all_excluded.append(arg)
        elif arg == "-" or exclude is None or not exclude(arg):
            add(arg)
    return out


def _walk(folder: str, include: Optional[PathTest] = None, exclude: Optional[PathTest] = None,
          pruned: Optional[List[str]] = None):
    """Spec files under folder (and those include accepts); excluded sub-folders are not entered
    (they are appended to ``pruned``)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        if exclude is not None:
            keep = [d for d in dirs if not exclude(os.path.join(root, d))]
            if pruned is not None:
                pruned.extend(os.path.join(root, d) for d in dirs if d not in keep)
            dirs[:] = keep
        for name in sorted(files):
            path = os.path.join(root, name)
            if (name.lower().endswith(SPEC_SUFFIXES) or (include is not None and include(path))) and _regular(path):
                yield path


def _regular(path: str) -> bool:
    """FIFOs, devices and sockets found in a walk are passed over (reading one may never end);
    a broken link is kept, so that it is reported."""
    import stat
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True
