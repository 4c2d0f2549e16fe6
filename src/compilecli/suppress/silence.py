"""Applying suppressions to results: drop what they silence, and with strict report the unused ones."""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Tuple

from compilecli.diagnostics import Diagnostic
from compilecli.suppress.directives import parse
from compilecli.suppress.suppression import Suppression
from compilecli.suppress.unused import unused_diagnostics


PYTHON_FORMATS = ("python", "notebook")


def is_python(result) -> bool:
    loaded = getattr(result, "loaded", None)
    return getattr(loaded, "format", None) in PYTHON_FORMATS or result.source.lower().endswith((".py", ".pyw"))


def text_of(result) -> Optional[str]:
    """The text suppressions are read from, or None (JSON has no comments).

    For a .py file it is the file; for a notebook, the code cell the spec came from
    (its spans are lines within the cell); for YAML and stdin, the spec.
    """
    loaded = getattr(result, "loaded", None)
    text = getattr(loaded, "text", None) if loaded is not None else None
    if not text:
        return None
    fmt = getattr(loaded, "format", "yaml")
    if fmt == "notebook" and text.lstrip().startswith("{"):
        return None          # the raw notebook (it could not be read as cells): no line to map
    if fmt == "json":
        return None
    return text


def apply(results: Sequence, strict: bool, enabled: Callable[[str, str], bool]) -> int:
    """Drop suppressed diagnostics from results (in place); with strict, add CC901 for unused ones.

    Results that come from the same file (several compile() calls in one .py) share its
    comments: a comment is unused only when it silenced nothing in any of them.
    ``enabled(code_prefix, source)`` says whether select/ignore leave any such code on for that file.
    Returns how many diagnostics were silenced.
    """
    silenced = 0
    groups: Dict[Tuple[str, int], List] = {}
    texts: Dict[Tuple[str, int], str] = {}
    for result in results:
        text = text_of(result)
        if text is None:
            continue
        key = (result.source, hash(text))
        groups.setdefault(key, []).append(result)
        texts[key] = text
    for key, group in groups.items():
        suppressions = parse(texts[key], python=is_python(group[0]))
        if not suppressions:
            continue
        index = _by_line(suppressions)
        for result in group:
            kept = []
            for diag in result.diagnostics:
                if not _silence(diag, index):
                    kept.append(diag)
            silenced += len(result.diagnostics) - len(kept)
            result.diagnostics = kept
        if strict:
            unused = [d for d in unused_diagnostics(suppressions, lambda code: enabled(code, key[0]))
                      if enabled(d.code, key[0])]
            if unused:
                first = group[0]
                first.diagnostics = sorted(first.diagnostics + unused, key=Diagnostic.sort_key)
    return silenced


def _by_line(suppressions: Sequence[Suppression]) -> Tuple[Dict[int, List[Suppression]], List[Suppression]]:
    """(line -> the suppressions that silence it, the file-level ones): a diagnostic looks only at
    its own line's, so the cost is linear in diagnostics + comments, not their product."""
    lines: Dict[int, List[Suppression]] = {}
    whole_file: List[Suppression] = []
    for suppression in suppressions:
        if suppression.file_level:
            whole_file.append(suppression)
        else:
            lines.setdefault(suppression.target, []).append(suppression)
    return lines, whole_file


def _silence(diag: Diagnostic, index) -> bool:
    from compilecli.codes import CODES

    info = CODES.get(diag.code)
    if diag.code == "CC901" or (info is not None and info.exit_code == 2):
        return False      # unreadable input always fails; a report about suppressions is not suppressible
    lines, whole_file = index
    candidates = whole_file
    if diag.span is not None and diag.span.line in lines:
        candidates = whole_file + lines[diag.span.line]
    hit = False
    for suppression in candidates:
        entry = suppression.matches(diag)
        if entry is not None:
            suppression.used[entry] = suppression.used.get(entry, 0) + 1
            hit = True
    return hit
