"""`path:line:col: CODE severity message` lines with a hint below, as ruff prints them."""
from __future__ import annotations

from compilecli import i18n
from compilecli.diagnostics import ERROR
from compilecli.render import hint, message, source_format
from compilecli.render.groups import LIMIT, omitted_text, visible

STYLES = {"error": ("red", True), "warning": ("yellow", True), "code": ("cyan", True), "path": (None, True)}


def _paint(text: str, style: str, color: bool) -> str:
    if not color:
        return text
    import click  # only when colouring: click is already imported by the CLI
    fg, bold = STYLES[style]
    return click.style(text, fg=fg, bold=bold)


def render_text(report, lang: str, color: bool = False, max_per_code: int = LIMIT) -> str:
    lines = []
    for result in report.results:
        lines.extend(result_lines(result, lang, color, max_per_code))
    lines.extend(closing_lines(report, lang))
    return "\n".join(lines) + "\n" if lines else ""


def result_lines(result, lang: str, color: bool = False, max_per_code: int = LIMIT):
    """One result's lines (streamed by `check` as each file is done)."""
    lines = []
    syntax = source_format(result)
    shown, omitted = visible(result.diagnostics, max_per_code)
    for diag in shown:
        lines.append(_line(result.source, diag, message(diag, lang, syntax), lang, color))
        fix = hint(diag, lang, syntax)
        if fix:
            lines.append("  " + i18n.text("ui.hint_line", lang, hint=fix))
    for group in omitted:
        lines.append(_line(result.source, group.first, omitted_text(group, lang), lang, color))
    return lines


def closing_lines(report, lang: str):
    if report.files or not report.empty_folders:   # nothing was checked: the notice on stderr says why
        return [summary(report, lang)]
    return []


def _line(source: str, diag, words: str, lang: str, color: bool) -> str:
    where = source
    if diag.span is not None:
        where += f":{diag.span.line}:{diag.span.column}"
    severity = i18n.text(f"ui.severity.{diag.severity}", lang)
    return (f"{_paint(where, 'path', color)}: {_paint(diag.code, 'code', color)} "
            f"{_paint(severity, 'error' if diag.severity == ERROR else 'warning', color)} {words}")


def summary(report, lang: str) -> str:
    files = i18n.count("file", report.files, lang)
    if not report.errors and not report.warnings:
        return i18n.text("ui.summary.clean", lang, files=files)
    return i18n.text("ui.summary.found", lang, errors=i18n.count("error", report.errors, lang),
                     warnings=i18n.count("warning", report.warnings, lang), files=files,
                     with_problems=report.files_with_problems)
