"""Turn the command line's SPEC arguments into a list of spec paths (folders: see ``walk``)."""
from __future__ import annotations

import os
from compilecli.record import dataclass, field   # dataclasses without exec: start-up
from typing import Dict, Iterable, List, Optional, Tuple


# `walk` (and .gitignore) is imported when a folder is named: checking named files needs neither.


@dataclass
class Collected:
    paths: List[str] = field(default_factory=list)          # to check, in order, without repeats
    empty: List[str] = field(default_factory=list)          # folders named that held no spec at all
    all_excluded: List[str] = field(default_factory=list)   # folders with no spec outside excluded paths
    code_files: Dict[str, int] = field(default_factory=dict)  # an empty folder -> the .py/.ipynb files it holds


def collect(args: Iterable[str]) -> Tuple[List[str], List[str]]:
    """(paths to check, folders that held no spec). Files named explicitly are always checked."""
    found = collect_specs(args)
    return found.paths, found.empty + found.all_excluded


def collect_specs(args: Iterable[str], include: Optional["PathTest"] = None,
                  exclude: Optional["PathTest"] = None) -> Collected:
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
            from compilecli.checker.walk import walk
            pruned: List[str] = []
            candidates = list(walk(arg, include, exclude, pruned))
            kept = [p for p in candidates if exclude is None or not exclude(p)]
            for path in kept:
                add(path)
            if not candidates and not pruned:
                out.empty.append(arg)
                out.code_files[arg] = _code_files(arg, exclude)
            elif not kept:
                out.all_excluded.append(arg)
        elif arg == "-" or exclude is None or not exclude(arg):
            add(arg)
    return out


CODE_SUFFIXES = (".py", ".ipynb")


def _code_files(folder: str, exclude: Optional["PathTest"]) -> int:
    """How many .py/.ipynb files a folder without specs holds (walked again only then): the user who
    named it may have meant their training scripts, which a folder walk takes only when ``include``
    lists them."""
    from compilecli.checker.walk import walk
    return sum(1 for path in walk(folder, _is_code, exclude, []) if _is_code(path))


def _is_code(path: str) -> bool:
    return path.lower().endswith(CODE_SUFFIXES)
