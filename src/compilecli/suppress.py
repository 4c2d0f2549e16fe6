"""Inline suppressions: `# compilecli: ignore[...]` comments in YAML specs and Python files.

Syntax (codes are codes or prefixes, case-insensitive, separated by commas):

    loss: categorical_crossentropy   # compilecli: ignore[CC501]        this line, CC501 only
    loss: categorical_crossentropy   # compilecli: ignore[CC501, CC3]   CC501 and every CC3xx
    loss: categorical_crossentropy   # compilecli: ignore               everything on this line
    # compilecli: ignore[CC603]                                          a comment line of its own:
    optimizer: {class_name: Adam, config: {lr: 0.01}}                    the next line of content
    # compilecli: ignore-file[CC405]                                     anywhere: the whole file

A suppression matches a diagnostic whose span starts on its line (ignore-file: any
diagnostic of the file, also those without a position). JSON has no comments, so JSON
specs cannot carry suppressions. With ``--strict`` a suppression that silenced nothing
is reported as CC901 (unused-suppression).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from compilecli.diagnostics import Diagnostic, Span, WARNING, diagnostic

MARKER = "compilecli:"
# `# compilecli: ignore`, `# compilecli: ignore[CC501, CC3]`, `# compilecli: ignore-file[...]`
# (an unclosed `ignore[CC501` is no directive at all, never a blanket one)
_PATTERN = re.compile(r"#\s*compilecli:\s*(ignore-file|ignore)(?:\[([^\]\n]*)\]|(?![\w\[-]))", re.IGNORECASE)
_YAML_COMMENT_START = re.compile(r"(?:^|(?<=\s))#")


@dataclass
class Suppression:
    line: int                      # where the comment is (1-based)
    column: int                    # column of its '#'
    end_column: int                # column after the comment's directive
    target: int                    # the line it silences; 0 for ignore-file
    codes: Tuple[str, ...] = ()    # () silences every code
    used: Dict[str, int] = field(default_factory=dict)   # code entry (or "*") -> diagnostics silenced

    @property
    def file_level(self) -> bool:
        return self.target == 0

    def matches(self, diag: Diagnostic) -> Optional[str]:
        """The entry ("*" or a code prefix) that silences diag, or None."""
        if not self.file_level and (diag.span is None or diag.span.line != self.target):
            return None
        if not self.codes:
            return "*"
        for code in self.codes:
            if diag.code.startswith(code):
                return code
        return None


def parse(text: str, python: bool = False) -> List[Suppression]:
    """Every suppression comment of a file's text, with the line each one applies to."""
    if not text or MARKER not in text.lower():
        return []
    lines = text.splitlines()
    comments = _python_comments(text) if python else None
    found: List[Suppression] = []
    for index, line in enumerate(lines):
        if MARKER not in line.lower():
            continue
        if comments is not None:
            column = comments.get(index + 1)
            if column is None:
                continue
            match = _PATTERN.search(line, column)
        else:
            match = _yaml_directive(line)
        if match is None:
            continue
        kind, listed = match.group(1).lower(), match.group(2)
        codes = _codes(listed) if listed is not None else ()
        own_line = not line[:match.start()].strip()
        if kind == "ignore-file":
            target = 0
        elif own_line:
            target = _next_content_line(lines, index, python)
        else:
            target = index + 1
        if target is None:
            continue
        found.append(Suppression(index + 1, match.start() + 1, match.end() + 1, target, codes))
    return found


def _yaml_directive(line: str):
    """The first suppression directive in a YAML comment: '#' at line start or after whitespace."""
    for start in _YAML_COMMENT_START.finditer(line):
        match = _PATTERN.match(line, start.start())
        if match:
            return match
    return None


def _python_comments(text: str) -> Optional[Dict[int, int]]:
    """line -> 0-based column of the comment on it, from the tokenizer (strings are never comments)."""
    import io
    import tokenize

    comments: Dict[int, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = token.start[1]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass     # keep what was read before the error
    return comments


def _codes(listed: str) -> Tuple[str, ...]:
    out: List[str] = []
    for part in re.split(r"[,\s]+", listed):
        code = part.strip().upper()
        if code and code not in out:
            out.append(code)
    return tuple(out)


def _next_content_line(lines: Sequence[str], index: int, python: bool) -> Optional[int]:
    """The 1-based number of the next line that is neither blank nor only a comment."""
    for later in range(index + 1, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return None


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
        for result in group:
            kept = []
            for diag in result.diagnostics:
                if not _silence(diag, suppressions):
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


def _silence(diag: Diagnostic, suppressions: Sequence[Suppression]) -> bool:
    from compilecli.codes import CODES

    info = CODES.get(diag.code)
    if diag.code == "CC901" or (info is not None and info.exit_code == 2):
        return False      # unreadable input always fails; a report about suppressions is not suppressible
    hit = False
    for suppression in suppressions:
        entry = suppression.matches(diag)
        if entry is not None:
            suppression.used[entry] = suppression.used.get(entry, 0) + 1
            hit = True
    return hit


def unused_diagnostics(suppressions: Sequence[Suppression], enabled: Callable[[str], bool]) -> List[Diagnostic]:
    """CC901 for each blanket suppression that silenced nothing and each listed code that matched nothing."""
    from compilecli.config import is_known_prefix

    out: List[Diagnostic] = []
    for s in suppressions:
        span = Span(s.line, s.column, s.line, s.end_column)
        where = "file" if s.file_level else "line"
        if not s.codes:
            if not s.used:
                out.append(diagnostic("CC901", WARNING, span=span, key=f"codes.CC901.{where}_all", line=s.target))
            continue
        for code in s.codes:
            if s.used.get(code):
                continue
            if not is_known_prefix(code):
                out.append(diagnostic("CC901", WARNING, span=span, key="codes.CC901.unknown", listed=code))
            elif enabled(code):
                key = "codes.CC901" if where == "line" else "codes.CC901.file"
                out.append(diagnostic("CC901", WARNING, span=span, key=key, listed=code, line=s.target))
    return out
