"""The pipeline for one spec: load -> resolve -> check. Returns a SpecResult.

A checker result is plain data; renderers turn a whole Report into text.
"""
from __future__ import annotations

from compilecli.record import dataclass, field, replace   # dataclasses without exec: start-up
from typing import Any, Dict, List, Optional, Tuple

from compilecli.codes import CODES
from compilecli.diagnostics import Diagnostic, ERROR, in_file_order
from compilecli.load import LoadedSpec, load_bytes, load_path
from compilecli.resolve import resolve
from compilecli.rules import run_rules


@dataclass(frozen=True)
class SpecResult:
    source: str
    target: Optional[str]
    diagnostics: List[Diagnostic] = field(default_factory=list)
    loaded: Optional[LoadedSpec] = field(default=None, repr=False, compare=False)  # for suppressions and fixes
    path: str = ""   # the file it came from (a notebook's cells share one); "" for text
    resolved: Optional[Any] = field(default=None, repr=False, compare=False)   # the ResolvedSpec, for smoke

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    @property
    def unreadable(self) -> bool:
        return any(CODES[d.code].exit_code == 2 for d in self.diagnostics if d.code in CODES)


class Tally:
    """What the summary and the exit code need of results that were rendered as each file was checked
    and then dropped (``check`` streams them: memory stays flat however many files there are)."""

    def __init__(self) -> None:
        self.errors = self.warnings = self.specs = 0
        # Files that held specs, without a set of every name (10,000 files: ~1 MB): results come file by
        # file and a result names the path it was checked as, one of ``Report.checked`` (which holds
        # each file once), so only names that are not a checked path need keeping ("outside").
        self.outside: set = set()
        self.with_problems: set = set()    # (a few files in practice; exact however they repeat)
        self.unreadable = False

    def add(self, result: "SpecResult", path: Optional[str] = None) -> None:
        """``path``: the checked path the result came from (None: unknown, the name is kept)."""
        errors = result.errors
        self.errors += errors
        self.warnings += len(result.diagnostics) - errors
        self.specs += 1
        source = result.path or result.source
        if source != path:
            self.outside.add(source)
        if result.diagnostics:
            self.with_problems.add(source)
            self.unreadable = self.unreadable or result.unreadable

    def merge(self, other: "Tally") -> None:
        """Add another tally's counts (a file's, counted where it was rendered)."""
        self.errors += other.errors
        self.warnings += other.warnings
        self.specs += other.specs
        self.outside |= other.outside
        self.with_problems |= other.with_problems
        self.unreadable = self.unreadable or other.unreadable


@dataclass
class Report:
    results: List[SpecResult] = field(default_factory=list)
    empty_folders: List[str] = field(default_factory=list)   # folders named that held no spec: exit 2
    code_files: Dict[str, int] = field(default_factory=dict)  # how many .py/.ipynb files an empty folder holds
    notes: List[Tuple[str, Dict[str, Any]]] = field(default_factory=list)   # (i18n key, arguments)
    suppressed: int = 0                                        # diagnostics silenced by inline comments
    checked: List[str] = field(default_factory=list)           # every file read, holding specs or not
    skipped: List[str] = field(default_factory=list)           # files read that are not specs (a CI workflow)
    streamed: Optional[Tally] = None   # results went to a renderer as they came: counted here, not kept

    def notices(self, lang: str = "en") -> List[str]:
        """Messages for standard error (e.g. a folder without spec), in the chosen language."""
        from compilecli import i18n
        out = [i18n.text("ui.no_specs", lang, folder=folder) + (
            i18n.text("ui.no_specs_code", lang, count=self.code_files[folder]) if self.code_files.get(folder) else "")
            for folder in self.empty_folders]
        out.extend(i18n.text(key, lang, **args) for key, args in self.notes)
        return out

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.results) + (self.streamed.errors if self.streamed else 0)

    @property
    def files(self) -> int:
        """Files checked as specs (a .py or notebook with several compile() calls counts once); a file
        skipped as not a spec is not counted (it is one document, so it is one entry of ``checked``)."""
        if self.streamed is not None and not self.results:   # checked comes from collect: no repeats
            extra = sum(1 for name in self.streamed.outside if name not in self.checked)
            return max(0, len(self.checked) + extra - len(self.skipped))
        held = {r.path or r.source for r in self.results} | (self.streamed.outside if self.streamed else set())
        return max(0, len(set(self.checked) | held) - len(self.skipped))

    @property
    def specs(self) -> int:
        return len(self.results) + (self.streamed.specs if self.streamed else 0)

    @property
    def files_with_problems(self) -> int:
        held = {r.path or r.source for r in self.results if r.diagnostics}
        return len(held | self.streamed.with_problems) if self.streamed else len(held)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.results) + (self.streamed.warnings if self.streamed else 0)

    def exit_code(self, strict: bool = False) -> int:
        if self.empty_folders or any(r.unreadable for r in self.results) or (self.streamed and self.streamed.unreadable):
            return 2
        return 1 if self.errors or (strict and self.warnings) else 0


def check_loaded(loaded: LoadedSpec, target: Optional[str] = None, path: str = "", memo=None) -> SpecResult:
    """``memo`` (a ``checker.memo.CheckMemo``): calls of one file that cannot differ are checked once."""
    key = memo.key(loaded, target) if memo is not None else None
    remembered = memo.recall(key, loaded) if key is not None else None
    if remembered is not None:
        found, spec = remembered
    else:
        found = list(loaded.diagnostics)
        spec = resolve(loaded, target)
        if spec is not None:
            found.extend(spec.diagnostics)
            found.extend(run_rules(spec))
        if key is not None:
            memo.remember(key, loaded, found, spec)
    in_file_order(found)
    return SpecResult(loaded.source, spec.target if spec else target, found, loaded, path, spec)


def check_code(loaded: LoadedSpec, target: Optional[str] = None, path: str = "", memo=None) -> SpecResult:
    """A compile() call in code. When its imports leave two targets open (``code["_candidates"]``),
    it is checked under each, and only what every one of them reports is kept."""
    candidates = (loaded.code or {}).get("_candidates") or ()
    if target or len(candidates) < 2:
        return check_loaded(loaded, target, path, memo)
    remembered = memo.recall_common(candidates, loaded) if memo is not None else None
    if remembered is not None:           # one recall, not one per candidate (checker/memo.py)
        found, spec = remembered
        in_file_order(found)
        return SpecResult(loaded.source, spec.target if spec else candidates[0], found, loaded, path, spec)
    first = check_loaded(loaded, candidates[0], path, memo)
    common = {(d.code, d.path) for d in first.diagnostics}
    for candidate in candidates[1:]:
        if not common:           # nothing left that every candidate could report: the rest need not run
            break
        common &= {(d.code, d.path) for d in check_loaded(loaded, candidate, path, memo).diagnostics}
    if memo is not None:
        memo.remember_common(candidates, loaded, common)
    return replace(first, diagnostics=[d for d in first.diagnostics if (d.code, d.path) in common])


def check_path(path: str, target: Optional[str] = None, file: str = "") -> SpecResult:
    return check_loaded(load_path(path), target, file)


# Files that hold several specs (model.compile() calls in code): suffix -> (module, function).
MULTI_SPEC_LOADERS = {
    ".py": ("compilecli.load.python_calls", "load_python_file"),
    ".ipynb": ("compilecli.load.notebook", "load_notebook_file"),
}


MULTI_SPEC_TEXT_LOADERS = {
    ".py": ("compilecli.load.python_calls", "load_python_text"),
    ".ipynb": ("compilecli.load.notebook", "load_notebook_text"),
}


def check_file(path: str, target: Optional[str] = None) -> List[SpecResult]:
    """One result per spec the file holds: one for YAML/JSON, one per compile() call in code."""
    suffix = path[path.rfind("."):].lower() if "." in path else ""
    if suffix in MULTI_SPEC_LOADERS:
        import importlib
        module, function = MULTI_SPEC_LOADERS[suffix]
        loader = getattr(importlib.import_module(module), function)
        with GcPaused():     # one file's trees and specs make no garbage cycles worth scanning for (issue 14)
            specs = loader(path, target)
            memo = None
            if len(specs) > 1:          # calls that cannot differ are checked once (checker/memo.py)
                from compilecli.checker.memo import CheckMemo
                memo = CheckMemo()
            return [check_code(loaded, target, path, memo) for loaded in specs]
    return [check_path(path, target, path)]


class GcPaused:
    """``with GcPaused():`` no garbage collection inside (and the collector as it was after). Checking
    one file allocates a great deal and makes almost no cycles (``FileIndex.release`` breaks the
    index's): a collection there would only walk everything the run holds (issue 14)."""

    def __enter__(self) -> "GcPaused":
        import gc
        self.enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc) -> None:
        if self.enabled:
            import gc
            gc.enable()


def check_stdin(name: str, target: Optional[str] = None) -> List[SpecResult]:
    """`-` read as the file --stdin-filename names: its suffix picks the loader, its path the per-file
    ignores. result.path stays "-", so nothing is ever written to the named file."""
    from compilecli.load.reader import decode, read_path
    raw, problems = read_path("-")
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if raw is not None and suffix in MULTI_SPEC_LOADERS:
        import importlib
        text, problems, _encoding = decode(raw)
        module, function = MULTI_SPEC_TEXT_LOADERS[suffix]
        loader = getattr(importlib.import_module(module), function)
        loaded_specs = loader(text, name, target) if text is not None else []
        if text is None:
            return [SpecResult(name, target, list(problems), path="-")]
        return [check_loaded(loaded, target, "-") for loaded in loaded_specs]
    if raw is None:
        return [SpecResult(name, target, list(problems), path="-")]
    return [check_loaded(load_bytes(raw, name), target, "-")]


def is_spec(result: SpecResult) -> bool:
    """Is this YAML/JSON mapping a compile spec? It is with a `compile` key. Without one, `model` and
    `target` are common words in other tools' files (a detector's config.json, a Hydra `model:`, a
    build's `target: x86_64`), so they make a spec (which then lacks `compile`: CC121) only when they
    say what a spec says: a `model` of `inputs`/`outputs`, a `target` naming a Keras we check, or the
    `$schema` of compilecli's. Anything else (a CI workflow, a docker-compose file) is skipped with a note."""
    loaded = result.loaded
    if loaded is None or not loaded.usable or loaded.format not in ("yaml", "json"):
        return True
    data = loaded.data
    if "compile" in data:
        return True
    from compilecli.catalogue import TARGETS
    from compilecli.resolve.model import MODEL_KEYS
    model, target = data.get("model"), data.get("target")
    return (isinstance(model, dict) and bool(model) and all(key in MODEL_KEYS for key in model)
            or isinstance(target, str) and target in TARGETS
            or "compilecli" in str(data.get("$schema", "")))


def check_text(text: str, source: str = "<text>", target: Optional[str] = None, fmt: Optional[str] = None):
    return check_loaded(load_bytes(text.encode("utf-8"), source, fmt), target)
