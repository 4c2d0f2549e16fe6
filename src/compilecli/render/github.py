"""GitHub Actions workflow commands: one `::error`/`::warning` annotation per diagnostic.

    ::error file=configs/a.yaml,line=11,col=7,endLine=11,endColumn=9,title=CC603::Adam: 'lr' was renamed...

GitHub shows them on the pull request's diff. Data (the message) escapes %, CR and LF;
property values (file, title) also escape ':' and ','. The summary line is plain text.
"""
from __future__ import annotations


from compilecli import i18n
from compilecli.diagnostics import ERROR
from compilecli.render import hint, message, source_format
from compilecli.render.groups import LIMIT, omitted_text, visible
from compilecli.paths import shown
from compilecli.world.text import printable


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(source: str) -> str:
    """Relative to the current folder (the workspace in Actions), with forward slashes."""
    if source.startswith("<"):
        return source
    return printable(shown(source))


def annotation(diag, source: str, lang: str, syntax: str = "", words: str = "") -> str:
    """One workflow command; ``words`` replace the diagnostic's message and hint (a group's count)."""
    from compilecli.render.sarif import cell_prefix, split_cell

    path, cell = split_cell(source)
    props = [f"file={escape_property(annotation_path(path))}"]
    span = None if cell is not None else diag.span     # a notebook cell's lines are not the file's
    if span is not None and span.line >= 1:
        props.append(f"line={span.line}")
        if span.column >= 1:
            props.append(f"col={span.column}")
        if span.end_line >= span.line:
            props.append(f"endLine={span.end_line}")
            if span.end_column >= 1:
                props.append(f"endColumn={span.end_column}")
    props.append(f"title={escape_property(diag.code)}")
    text = cell_prefix(cell, diag.span, lang) + (words or message(diag, lang, syntax))
    fix = "" if words else hint(diag, lang, syntax)
    if fix:
        text += "\n" + i18n.text("ui.hint_line", lang, hint=fix)
    command = "error" if diag.severity == ERROR else "warning"
    return f"::{command} {','.join(props)}::{escape_data(text)}"


def render_github(report, lang: str, max_per_code: int = LIMIT) -> str:
    from compilecli.render.text import summary

    lines = []
    for result in report.results:
        lines += result_annotations(result, lang, max_per_code)
    lines.append(summary(report, lang))
    return "\n".join(lines) + "\n"


def result_annotations(result, lang: str, max_per_code: int = LIMIT) -> list:
    shown, omitted = visible(result.diagnostics, max_per_code)
    lines = [annotation(diag, result.source, lang, source_format(result)) for _, diag in shown]
    lines.extend(annotation(group.first, result.source, lang, words=omitted_text(group, lang)) for group in omitted)
    return lines
