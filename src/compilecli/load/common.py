"""Pieces shared by the YAML and JSON loaders."""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

from compilecli.diagnostics import ERROR, Diagnostic, Span, SpecPath, diagnostic
from compilecli.load.sourcemap import SourceMap

Entry = Tuple[SpecPath, Span, bool]   # (path, span, weak); weak entries never overwrite


class Stop(Exception):
    """Raised inside a loader after a fatal diagnostic was recorded: stop reading."""


def type_name(value: Any) -> str:
    """Name of a loaded value's type for the ``found`` argument (the rules' vocabulary)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    return {int: "int", float: "float", str: "str", list: "list", dict: "dict"}.get(
        type(value), type(value).__name__)


def build_sourcemap(vlog: List[Entry], klog: List[Entry], root: Span) -> SourceMap:
    values: Dict[SpecPath, Span] = {}
    for path, span, weak in vlog:
        if weak and path in values:
            continue
        values[path] = span
    keys: Dict[SpecPath, Span] = {}
    for path, span, weak in klog:
        if weak and path in keys:
            continue
        keys[path] = span
    values[()] = root
    return SourceMap(values=values, keys=keys)


def not_a_mapping(value: Any, span: Span) -> Diagnostic:
    return diagnostic("CC106", ERROR, span=span, found=type_name(value))


def empty_file() -> Diagnostic:
    return diagnostic("CC106", ERROR, span=Span(1, 1), key="codes.CC106.empty", found="empty")
