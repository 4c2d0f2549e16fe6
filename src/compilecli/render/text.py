"""`path:line:col: CODE severity message` lines with a hint below, as ruff prints them.

A finding `--fix` would fix is marked `[*]` after its code, and the summary says how many are
fixable. With ``show_source`` each finding shows its line with a caret under the offending text.
``quiet`` leaves the summary out (ruff's -q); ``render_statistics`` counts findings per code.
"""
from __future__ import annotations

from collections import Counter

from compilecli import i18n
from compilecli.codes import CODES
from compilecli.diagnostics import ERROR
from compilecli.render import hint, message, source_format
from compilecli.render.groups import LIMIT, omitted_text, visible
from compilecli.world.text import printable

STYLES = {"error": ("red", True), "warning": ("yellow", True), "code": ("cyan", True), "path": (None, True),
          "fixable": ("green", False), "frame": ("blue", True)}


def _paint(text: str, style: str, color: bool) -> str:
    if not color:
        return text
    import click  # only when colouring: click is already imported by the CLI
    fg, bold = STYLES[style]
    return click.style(text, fg=fg, bold=bold)


def render_text(report, lang: str, color: bool = False, show_source: bool = False, quiet: bool = False,
                max_per_code: int = LIMIT) -> str:
    from compilecli.render.fixes import fixes_of
    lines = []
    fixable = 0
    for result in report.results:
        fixes = fixes_of(result)           # planned once per result (nothing is cached on the frozen result)
        fixable += len(fixes)
        lines += result_lines(result, lang, color, show_source, max_per_code, fixes)
    lines += tail_lines(report, lang, quiet, fixable)
    return "\n".join(lines) + "\n" if lines else ""


def result_lines(result, lang: str, color: bool = False, show_source: bool = False,
                 max_per_code: int = LIMIT, fixable=None) -> list:
    """One result's lines (its findings, hints, frames and omitted counts): what render_text prints for
    it, also printed file by file as a folder is checked (render/stream.py). ``fixable``: the result's
    ``fixes_of``, when the caller has it already."""
    from compilecli.render.fixes import fixes_of
    lines = []
    syntax = source_format(result)
    fixable = fixes_of(result) if fixable is None else fixable
    shown, omitted = visible(result.diagnostics, max_per_code)
    source = printable(result.source)
    for index, diag in shown:
        where = source
        if diag.span is not None:
            where += f":{diag.span.line}:{diag.span.column}"
        severity, said, fix = _words(diag, lang, syntax)
        mark = " " + _paint("[*]", "fixable", color) if index in fixable else ""
        lines.append(f"{_paint(where, 'path', color)}: {_paint(diag.code, 'code', color)}{mark} "
                     f"{_paint(severity, 'error' if diag.severity == ERROR else 'warning', color)} {said}")
        if show_source:
            lines += _frame(result, diag, color)
        if fix:
            lines.append(fix)
    lines.extend(_omitted_line(result, group, lang, color) for group in omitted)
    return lines


_WORDS: dict = {}     # (code, severity, key, args, lang, syntax) -> the words: a finding repeated per call


def _words(diag, lang: str, syntax: str) -> tuple:
    """(severity, message, hint line or "") of a finding; the same for every finding with its code, words
    key and arguments (a cell of 20,000 calls repeats a handful of findings), so made once per process."""
    try:
        key = (diag.code, diag.severity, diag.key, diag.args, lang, syntax)
        known = _WORDS.get(key)
    except TypeError:                  # an argument that is not hashable (a list): made each time
        key = known = None
    if known is None:
        fix = hint(diag, lang, syntax)
        known = (i18n.text(f"ui.severity.{diag.severity}", lang), message(diag, lang, syntax),
                 "  " + i18n.text("ui.hint_line", lang, hint=fix) if fix else "")
        if key is not None:
            if len(_WORDS) >= 4096:
                _WORDS.clear()
            _WORDS[key] = known
    return known


def tail_lines(report, lang: str, quiet: bool, fixable: int) -> list:
    """The summary (from the report's counts) and how many findings --fix would fix."""
    if quiet or not (report.files or not report.empty_folders):   # nothing checked: stderr says why
        return []
    lines = [summary(report, lang)]
    if fixable:
        lines.append(i18n.text("ux.fixable", lang, count=fixable))
    return lines


def _omitted_line(result, group, lang: str, color: bool) -> str:
    """The count of a code's findings beyond --max-per-code, at the first one not shown."""
    diag = group.first
    where = printable(result.source)
    if diag.span is not None:
        where += f":{diag.span.line}:{diag.span.column}"
    severity = i18n.text(f"ui.severity.{diag.severity}", lang)
    return (f"{_paint(where, 'path', color)}: {_paint(diag.code, 'code', color)} "
            f"{_paint(severity, 'error' if diag.severity == ERROR else 'warning', color)} {omitted_text(group, lang)}")


def _frame(result, diag, color: bool):
    from compilecli.render.frame import frame
    loaded = getattr(result, "loaded", None)
    shown = frame(getattr(loaded, "text", None), diag.span)
    if not color or not shown:
        return shown
    return [_paint(shown[0], "frame", True), shown[1], _paint(shown[2], "error" if diag.severity == ERROR else "warning", True)]


def summary(report, lang: str) -> str:
    """Counts the specs checked; files skipped as not specs are counted apart, after it."""
    files = i18n.count("file", report.files, lang)
    if not report.errors and not report.warnings:
        line = i18n.text("ui.summary.clean", lang, files=files)
    else:
        line = i18n.text("ui.summary.found", lang, errors=i18n.count("error", report.errors, lang),
                         warnings=i18n.count("warning", report.warnings, lang), files=files,
                         with_problems=report.files_with_problems)
    skipped = len(getattr(report, "skipped", ()))
    if skipped:
        line = i18n.text("ux.summary_with_skipped", lang, summary=line,
                         skipped=i18n.text("ux.summary_skipped", lang, files=i18n.count("file", skipped, lang)))
    return line


def statistics(report, counted=None):
    """[(code, count, fixable count)] most frequent first, as `ruff --statistics` orders them.
    ``counted``: (counts, fixable) already made file by file (count_codes), for a streamed report."""
    counts, fixable = counted or (Counter(), Counter())
    for result in report.results:
        count_codes(result, counts, fixable)
    return [(code, n, fixable[code]) for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def count_codes(result, counts: Counter, fixable: Counter) -> None:
    from compilecli.render.fixes import fixes_of
    fixes = fixes_of(result)
    for index, diag in enumerate(result.diagnostics):
        counts[diag.code] += 1
        fixable[diag.code] += index in fixes


def render_statistics(report, lang: str, fmt: str = "text", counted=None) -> str:
    rows = statistics(report, counted)
    if fmt == "json":
        import json
        return json.dumps([{"code": code, "name": CODES[code].name if code in CODES else "", "count": n,
                            "fixable": bool(f), "fixable_count": f} for code, n, f in rows], indent=2) + "\n"
    width = max((len(str(n)) for _, n, _ in rows), default=1)
    lines = [f"{str(n).rjust(width)}\t{code}\t{'[*] ' if f else '    '}"
             f"{i18n.text(f'codes.{code}.title', lang)}" for code, n, f in rows]
    lines.append(summary(report, lang))
    return "\n".join(lines) + "\n"
