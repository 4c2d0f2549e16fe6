"""One open document through `compilecli check`'s own pipeline: load -> resolve -> rules -> filter.

The document's text comes from the editor, not the disk, so the loaders' text entry points are
called (the same ones ``check_file`` reaches after reading a file), with the same size bound as a
file read; then ``check_loaded`` and the checker's ``filter_results`` (select/ignore,
per-file-ignores, inline suppressions) run exactly as they do for ``compilecli check``.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from compilecli.catalogue.model import DEFAULT_TARGET
from compilecli.checker import GcPaused, SpecResult, check_loaded, is_spec
from compilecli.diagnostics import ERROR, diagnostic
from compilecli.load import LoadedSpec, guess_format, load_text

#: What a document is, from its file name (else the editor's language id).
SUFFIX_KINDS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".py": "python", ".pyw": "python",
                ".ipynb": "notebook"}
LANGUAGE_KINDS = {"yaml": "yaml", "json": "json", "jsonc": "json", "python": "python"}
CODE_KINDS = ("python", "notebook")


@dataclass
class Cell:
    """A notebook cell as the editor holds it: its own document, kind and text."""
    uri: str
    code: bool
    text: str
    language: str = "python"


@dataclass
class Analysis:
    """What the server knows about one document after a check."""
    uri: str
    path: str                       # the file ("" for an unsaved document)
    kind: str                       # yaml | json | python | notebook
    results: List[SpecResult] = field(default_factory=list)
    options: Any = None             # the CheckOptions used
    target: str = DEFAULT_TARGET
    reason: Tuple[str, Dict[str, Any]] = ("server.reason.default", {})
    excluded: bool = False
    cells: List[Cell] = field(default_factory=list)      # notebooks: in order, 1-based as "cell N"
    encoding: str = "utf-16"        # how the client counts columns


class DocumentCache:
    """What the server keeps of one open document between its checks (issue 14): the last tree, so an
    edit re-parses only the statements it changed (``reparse.Reparser``), and the checks of its
    compile() calls (``checker.memo.CheckMemo``), so a call the edit left as it was is not checked again.
    Both give exactly what a check from scratch gives."""

    def __init__(self) -> None:
        from compilecli.checker.memo import CheckMemo
        from compilecli.load.python_calls.reparse import Reparser
        self.reparser = Reparser()
        self.memo = CheckMemo()


def document_kind(path: str, language_id: str = "") -> Optional[str]:
    suffix = os.path.splitext(path)[1].lower()
    return SUFFIX_KINDS.get(suffix) or LANGUAGE_KINDS.get((language_id or "").lower())


def load_document(text: str, source: str, kind: str, target: Optional[str], cache=None) -> List[LoadedSpec]:
    """The specs a document holds, as the file loaders would read them from disk."""
    from compilecli.load import limits
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.MAX_BYTES:
        fmt = {"python": "python", "notebook": "notebook"}.get(kind) or guess_format(source)
        too_large = diagnostic("CC102", ERROR, limit=limits.MAX_BYTES, size=size)
        return [LoadedSpec(source=source, format=fmt, diagnostics=[too_large])]
    if kind == "python":
        from compilecli.load.python_calls import load_python_text
        return load_python_text(text, source, target, cache.reparser if cache is not None else None)
    if kind == "notebook":
        from compilecli.load.notebook import load_notebook_text
        return load_notebook_text(text, source, target)
    return [load_text(text, source, kind if kind in ("yaml", "json") else None)]


def notebook_json(cells: Sequence[Cell]) -> str:
    """The cells as an .ipynb file would hold them (cell numbers stay the editor's)."""
    out = []
    for cell in cells:
        python = cell.code and cell.language in ("python", "")
        kind = "code" if python else ("raw" if cell.code else "markdown")
        out.append({"cell_type": kind, "source": cell.text, "metadata": {}})
    return json.dumps({"cells": out, "metadata": {"language_info": {"name": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


def analyse(uri: str, path: str, kind: str, text: str, options, cells: Sequence[Cell] = (),
            cache: Optional[DocumentCache] = None) -> Analysis:
    """Check one document with the project's options; never raises for bad input. ``cache``: the
    document's own, kept from its last check (the same results, less work)."""
    from compilecli.checker import check_code
    from compilecli.checker.filter import filter_results
    from compilecli.checker.globs import path_matches

    source = path or uri
    found = Analysis(uri, path, kind, options=options, cells=list(cells))
    if path and options.exclude and path_matches(path, options.exclude, options.root):
        found.excluded = True
        found.reason = ("server.reason.excluded", {"config": options.config_file or ""})
        return found
    if kind == "notebook" and cells:
        text = notebook_json(cells)
    with GcPaused():      # (as check_file does) a collection mid-check walks the server's whole heap
        loaded = load_document(text, source, kind, options.target, cache)
        check = check_code if kind in CODE_KINDS else check_loaded
        memo = cache.memo if cache is not None else None
        checked = [check(spec, options.target, source, memo) for spec in loaded]
        # as `check` skips them: a YAML/JSON file of another tool open in the editor gets no findings
        found.results = filter_results([r for r in checked if is_spec(r)], options).results
    results = found.results
    found.target, found.reason = target_and_reason(results, kind, text, options, path)
    return found


def target_and_reason(results: Sequence[SpecResult], kind: str, text: str, options, path: str = ""):
    """The target check uses for this file, and why (an i18n key of server.reason.* and its arguments)."""
    from compilecli.catalogue import DEFAULT_TARGET
    if options.target:
        return options.target, ("server.reason.config", {"config": os.path.basename(options.config_file or "")})
    if kind in CODE_KINDS:
        info = next((r.loaded.code["target"] for r in results if r.loaded is not None and r.loaded.code), None)
        if info is None:
            info = code_target_info(text, kind, path)
        return code_reason(info, DEFAULT_TARGET)
    for result in results:
        data = result.loaded.data if result.loaded is not None else None
        if isinstance(data, dict) and isinstance(data.get("target"), str) and result.target == data["target"]:
            return result.target, ("server.reason.spec", {})
    return DEFAULT_TARGET, ("server.reason.default", {"target": DEFAULT_TARGET})


def code_reason(info: Dict[str, Any], default: str):
    """The code loader's own account of the target ({"target", "why", ...}) as a status reason."""
    why = info.get("why")
    if why == "pin" and info.get("candidates"):       # a TensorFlow 1.x pin: keras2 and tf2 open
        return info["candidates"][0], ("server.reason.pin_candidates", {
            "file": os.path.basename(str(info.get("file", ""))), "pin": info.get("pin", ""),
            "candidates": ", ".join(info["candidates"])})
    if why == "pin":
        return info["target"], ("server.reason.pin", {"file": os.path.basename(str(info.get("file", ""))),
                                                      "pin": info.get("pin", "")})
    if why == "imports":
        return info["target"], ("server.reason.imports", {"imports": info.get("imports", "")})
    if why == "ambiguous":
        candidates = list(info.get("candidates") or (default,))
        return candidates[0], ("server.reason.ambiguous", {"candidates": ", ".join(candidates)})
    return default, ("server.reason.default", {"target": default})


def code_target_info(text: str, kind: str, path: str) -> Dict[str, Any]:
    """What the code loader would infer for a file that has no compile() call yet."""
    import ast
    from compilecli.load.notebook import blank_magics, cell_source
    from compilecli.load.python_calls import FileIndex
    from compilecli.load.python_calls.target import infer
    index = FileIndex()
    sources = [text]
    if kind == "notebook":
        try:
            cells = json.loads(text).get("cells", [])
        except (ValueError, AttributeError):
            cells = []
        sources = [blank_magics(cell_source(c)) or "" for c in cells
                   if isinstance(c, dict) and c.get("cell_type") == "code"]
    for source in sources:
        try:
            index.add(ast.parse(source))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return infer(path or None, index.facts, "\n".join(sources), None)[1]
