"""`path:line:col: CODE severity message` lines with a hint below, as ruff prints them."""
from __future__ import annotations

from compilecli import i18n
from compilecli.diagnostics import ERROR
from compilecli.render import hint, message, source_format
from compilecli.world.text import printable

STYLES = {"error": ("red", True), "warning": ("yellow", True), "code": ("cyan", True), "path": (None, True)}


def _paint(text: str, style: str, color: bool) -> str:
    if not color:
        return text
    import click  # only when colouring: click is already imported by the CLI
    fg, bold = STYLES[style]
    return click.style(text, fg=fg, bold=bold)


def render_text(report, lang: str, color: bool = False) -> str:
    lines = []
    for result in report.results:
        syntax = source_format(result)
        for diag in result.diagnostics:
            where = printable(result.source)
            if diag.span is not None:
                where += f":{diag.span.line}:{diag.span.column}"
            severity = i18n.text(f"ui.severity.{diag.severity}", lang)
            lines.append(f"{_paint(where, 'path', color)}: {_paint(diag.code, 'code', color)} "
                         f"{_paint(severity, 'error' if diag.severity == ERROR else 'warning', color)} "
                         f"{message(diag, lang, syntax)}")
            fix = hint(diag, lang, syntax)
            if fix:
                lines.append("  " + i18n.text("ui.hint_line", lang, hint=fix))
    if report.files or not report.empty_folders:   # nothing was checked: the notice on stderr says why
        lines.append(summary(report, lang))
    return "\n".join(lines) + "\n" if lines else ""


def summary(report, lang: str) -> str:
    files = i18n.count("file", report.files, lang)
    if not report.errors and not report.warnings:
        return i18n.text("ui.summary.clean", lang, files=files)
    return i18n.text("ui.summary.found", lang, errors=i18n.count("error", report.errors, lang),
                     warnings=i18n.count("warning", report.warnings, lang), files=files,
                     with_problems=report.files_with_problems)
