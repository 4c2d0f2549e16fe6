"""`compilecli check` as a function: collect -> check each file -> filter -> suppress -> Report.

Filtering, in this order:
1. ``select`` / ``ignore`` (code prefixes: ``CC5`` means every CC5xx). When both match a code the
   longer prefix wins (``select = ["CC5"]``, ``ignore = ["CC507"]`` drops CC507 only); on a tie
   ``ignore`` wins. With no ``select`` every code is on.
2. ``per-file-ignores``: for files matching a glob, those prefixes are off, whatever ``select`` says.
3. Inline ``# compilecli: ignore`` comments (see ``compilecli.suppress``); with ``strict`` the unused
   ones are reported as CC901.
Codes for input that cannot be read at all (exit code 2: CC100-CC102) are never filtered.
"""
from __future__ import annotations

import os
from typing import Callable, Dict, Iterable, Optional, Sequence, Tuple

from compilecli.checker import Report, check_file
from compilecli.checker.collect import collect_specs
from compilecli.codes import CODES


def run_check(specs: Tuple[str, ...], options) -> Report:
    root = options.root
    include = _globs_test(options.include, root)
    exclude = _globs_test(options.exclude, root)
    found = collect_specs(specs, include=include, exclude=exclude)

    results = []
    for path in found.paths:
        results.extend(check_file(path, options.target))

    suppressed = filter_results(results, options)
    report = Report(results, empty_folders=list(found.empty), suppressed=suppressed, checked=list(found.paths))
    config = os.path.basename(options.config_file) if options.config_file else "exclude"
    for folder in found.all_excluded:
        report.notes.append(("workflow.all_excluded", {"folder": folder, "config": config}))
    return report


def filter_results(results, options) -> int:
    """Steps 1-3 of the module docstring, in place (also used by the language server); returns
    how many diagnostics inline comments silenced."""
    on = CodeFilter(options.select, options.ignore, options.per_file_ignores, options.root)
    for result in results:
        result.diagnostics = [d for d in result.diagnostics if on.keeps(d.code, result.source)]
    if not any(_may_suppress(r) for r in results):
        return 0
    from compilecli import suppress
    return suppress.apply(results, options.strict, on.any_enabled)


def _may_suppress(result) -> bool:
    loaded = getattr(result, "loaded", None)
    text = getattr(loaded, "text", None)
    return bool(text) and "compilecli:" in text


class CodeFilter:
    """Which codes stay on, per file."""

    def __init__(self, select: Sequence[str], ignore: Sequence[str],
                 per_file_ignores: Iterable[Tuple[str, Sequence[str]]] = (), root: str = "."):
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.per_file = tuple((glob, tuple(codes)) for glob, codes in per_file_ignores)
        self.root = root
        self._file_cache: Dict[str, Tuple[str, ...]] = {}

    def selected(self, code: str) -> bool:
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if best_select < 0 and best_ignore < 0:
            return not self.select
        return best_select > best_ignore

    def file_ignores(self, source: str) -> Tuple[str, ...]:
        if not self.per_file or source.startswith("<"):
            return ()
        if source not in self._file_cache:
            codes = []
            path = file_of(source)
            for glob, listed in self.per_file:
                if path_matches(path, (glob,), self.root):
                    codes.extend(listed)
            self._file_cache[source] = tuple(codes)
        return self._file_cache[source]

    def keeps(self, code: str, source: str) -> bool:
        info = CODES.get(code)
        if info is not None and info.exit_code == 2:
            return True           # unreadable input always fails the run
        if not self.selected(code):
            return False
        return not any(code.startswith(p) for p in self.file_ignores(source))

    def any_enabled(self, prefix: str, source: str) -> bool:
        """Whether some registered code starting with prefix is on for that file."""
        return any(self.keeps(code, source) for code in CODES if code.startswith(prefix))


# ---------------------------------------------------------------------------------------------
# globs


def file_of(source: str) -> str:
    """The file a result's source names: "nb.ipynb:cell 3" -> "nb.ipynb"."""
    head, sep, tail = source.rpartition(":cell ")
    return head if sep and tail.isdigit() else source


def _globs_test(patterns: Sequence[str], root: str) -> Optional[Callable[[str], bool]]:
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
