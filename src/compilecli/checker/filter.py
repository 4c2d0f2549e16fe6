"""The one post-check decision point (flake8's ``handle_error``): which diagnostics a run reports.

``filter_results(results, options)`` is pure: the checker's results in, new results out. Both
``compilecli check`` (``run_check``) and ``--fix``'s re-check of the fixed text go through it, so a
fixed file is judged exactly as the original was. In this order:

1. ``select`` / ``ignore`` (code prefixes: ``CC5`` means every CC5xx). When both match a code the
   longer prefix wins (``select = ["CC5"]``, ``ignore = ["CC507"]`` drops CC507 only); on a tie
   ``ignore`` wins. With no ``select`` every code is on.
2. ``per-file-ignores``: for files matching a glob, those prefixes are off, whatever ``select`` says.
3. Inline ``# compilecli: ignore`` comments (``compilecli.suppress``, from the loader's comments);
   with ``strict`` the unused ones are reported as CC901.
Codes for input that cannot be read at all (exit code 2: CC100-CC102) are never filtered.
"""
from __future__ import annotations

from compilecli import record   # SpecResult is a compilecli.record dataclass
from typing import Dict, Iterable, List, NamedTuple, Sequence, Tuple

from compilecli.checker.globs import file_of, path_matches
from compilecli.codes import CODES


class Filtered(NamedTuple):
    results: List            # new SpecResults, in the same order
    suppressed: int          # diagnostics silenced by inline comments


def filter_results(results: Sequence, options) -> Filtered:
    """``options``: a ``compilecli.config.CheckOptions`` (select, ignore, per_file_ignores, root, strict)."""
    on = CodeFilter(options.select, options.ignore, options.per_file_ignores, options.root)
    # (a result without findings has nothing to filter: it is frozen, so it is kept as it is)
    kept = [record.replace(r, diagnostics=_kept(r, on)) if r.diagnostics else r for r in results]
    if not any(r.loaded is not None and r.loaded.comments for r in kept):
        return Filtered(kept, 0)
    from compilecli import suppress
    if not any(suppress.has_directive(r.loaded.comments) for r in kept if r.loaded is not None):
        return Filtered(kept, 0)
    kept, suppressed = suppress.apply(kept, options.strict, on.any_enabled)
    return Filtered(kept, suppressed)


def _kept(result, on: "CodeFilter") -> List:
    """The result's diagnostics whose code stays on (decided once per code: a file may hold 50,000)."""
    source = result.source
    allowed = {code for code in {d.code for d in result.diagnostics} if on.keeps(code, source)}
    return [d for d in result.diagnostics if d.code in allowed]


class CodeFilter:
    """Which codes stay on, per file."""

    def __init__(self, select: Sequence[str], ignore: Sequence[str],
                 per_file_ignores: Iterable[Tuple[str, Sequence[str]]] = (), root: str = "."):
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.per_file = tuple((glob, tuple(codes)) for glob, codes in per_file_ignores)
        self.root = root
        self._file_cache: Dict[str, Tuple[str, ...]] = {}
        self._decided: Dict[Tuple[str, str], bool] = {}   # (code, source) -> kept: a file's findings repeat codes

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
        known = self._decided.get((code, source))
        if known is None:
            known = self._decided[(code, source)] = self._keeps(code, source)
        return known

    def _keeps(self, code: str, source: str) -> bool:
        info = CODES.get(code)
        if info is not None and info.exit_code == 2:
            return True           # unreadable input always fails the run
        if not self.selected(code):
            return False
        return not any(code.startswith(p) for p in self.file_ignores(source))

    def any_enabled(self, prefix: str, source: str) -> bool:
        """Whether some registered code starting with prefix is on for that file."""
        return any(self.keeps(code, source) for code in CODES if code.startswith(prefix))
